//! `mdbook-okr next-quarter --team T [BOOK]`: drafts a team's next chapter
//! from the unfinished objectives of its latest quarter.
//!
//! An objective that is not finished keeps its sentence byte-for-byte (so
//! the series stays one piece of work, which `objective-drift` and
//! `missing-phase-label` rely on) and gets a phase placeholder. Its key
//! results still open come along as a starting point; met ones stay behind.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::book;
use crate::model::{Commitment, KeyResult, Metric, Objective, Quarter};

use super::new::{Created, add_team_chapter};
use super::{template, validate_team};

/// What `next-quarter` did.
#[derive(Debug)]
pub struct Report {
    pub from: Quarter,
    pub to: Quarter,
    pub created: Created,
    pub carried: Vec<CarriedObjective>,
    /// Ids and scores of the objectives finished in `from`.
    pub finished: Vec<(String, f64)>,
}

/// One objective carried into the new quarter.
#[derive(Debug)]
pub struct CarriedObjective {
    pub old_id: String,
    /// The id written in the new block; `None` when the old id was derived,
    /// so the new one is derived too.
    pub new_id: Option<String>,
    pub score: Option<f64>,
    pub carried_krs: Vec<String>,
    pub met_krs: Vec<String>,
    /// Stretch KRs not reached: `(id, score)`.
    pub stretch_candidates: Vec<(String, Option<f64>)>,
    /// Committed KRs below 1.0 with no postmortem: `(id, score)`.
    pub needs_postmortem: Vec<(String, f64)>,
    /// The chapter the old objective is written in, relative to the book.
    pub old_file: String,
}

/// Drafts `src/<next quarter>/<team>.md` in the book at `root`.
pub fn next_quarter(root: &Path, team: &str) -> Result<Report> {
    validate_team(team)?;
    let loaded = book::load_book(root)?;
    if !loaded.read_errors.is_empty() {
        let list: Vec<String> = loaded
            .read_errors
            .iter()
            .map(|e| format!("{}: {}", e.path, e.message))
            .collect();
        bail!(
            "some chapters cannot be read, so the team's plan may be incomplete:\n  {}",
            list.join("\n  ")
        );
    }
    let plan = &loaded.plan;
    let Some(from) = plan
        .objectives
        .iter()
        .filter(|o| o.team == team)
        .map(|o| o.quarter)
        .max()
    else {
        bail!(
            "the book has no objective of team `{team}`; start its plan with `mdbook-okr new --team {team}`"
        );
    };
    let to = from.next();
    let mut taken: HashSet<String> = plan.objectives.iter().map(|o| o.id.clone()).collect();
    let mut carried = Vec::new();
    let mut finished = Vec::new();
    let mut blocks = String::new();
    for objective in plan
        .objectives
        .iter()
        .filter(|o| o.team == team && o.quarter == from)
    {
        match objective.score() {
            Some(score) if score >= 1.0 => finished.push((objective.id.clone(), score)),
            score => {
                let new_id = objective
                    .id_explicit
                    .then(|| unique_id(&next_id(&objective.id, from, to), to, &mut taken));
                let old_file = plan.file(objective.location.file).display_path.clone();
                let mut summary = CarriedObjective {
                    old_id: objective.id.clone(),
                    new_id,
                    score,
                    carried_krs: Vec::new(),
                    met_krs: Vec::new(),
                    stretch_candidates: Vec::new(),
                    needs_postmortem: Vec::new(),
                    old_file,
                };
                blocks.push('\n');
                blocks.push_str(&carried_block(objective, from, &mut summary));
                carried.push(summary);
            }
        }
    }
    let text = if carried.is_empty() {
        template::new_chapter(team, to)
    } else {
        format!(
            "{heading}\n\
             <!-- Drafted by `mdbook-okr next-quarter` from {from}: the objectives not finished\n     \
             then, with their open key results. Rewrite them for this quarter. -->\n\
             \n\
             {context}{blocks}",
            heading = template::heading(team, to),
            context = template::context_block(team, to),
        )
    };
    let created = add_team_chapter(root, team, to, text)?;
    Ok(Report {
        from,
        to,
        created,
        carried,
        finished,
    })
}

/// The id for the next quarter: the old quarter in it replaced by the new
/// one (`2026-q2-...`, `...-q2`), else the new quarter appended.
fn next_id(old: &str, from: Quarter, to: Quarter) -> String {
    let old_quarter = from.to_string().to_ascii_lowercase();
    let new_quarter = to.to_string().to_ascii_lowercase();
    if old.contains(&old_quarter) {
        return old.replace(&old_quarter, &new_quarter);
    }
    if let Some(stem) = old.strip_suffix(&format!("-q{}", from.number)) {
        return format!("{stem}-q{}", to.number);
    }
    format!("{old}-{new_quarter}")
}

/// `wanted`, or a variant of it no objective of the book has yet.
fn unique_id(wanted: &str, to: Quarter, taken: &mut HashSet<String>) -> String {
    let with_year = format!("{wanted}-{}", to.year);
    let mut id = if taken.contains(wanted) {
        with_year
    } else {
        wanted.to_string()
    };
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{wanted}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

fn carried_block(objective: &Objective, from: Quarter, summary: &mut CarriedObjective) -> String {
    // A phase written in trailing parentheses is not part of the sentence.
    let statement = if objective.text.value.trim() == objective.statement {
        objective.text.value.as_str()
    } else {
        objective.statement.as_str()
    };
    let mut out = String::from("```okr\n");
    let score = summary
        .score
        .map_or("no score".to_string(), |s| format!("score {s:.2}"));
    let _ = writeln!(
        out,
        "# Carried from `{}` ({from}, {score}): the same objective, in its next phase.",
        objective.id
    );
    if let Some(id) = &summary.new_id {
        let _ = writeln!(out, "id = {}", quote(id));
    }
    let _ = writeln!(out, "objective = {}", quote(statement));
    let _ = write!(out, "phase = {}", quote(template::PHASE));
    match &objective.phase {
        Some(phase) => {
            let _ = writeln!(out, "  # in {from}: {}", comment_text(&phase.value));
        }
        None => out.push('\n'),
    }
    if let Some(owner) = &objective.owner {
        let _ = writeln!(out, "owner = {}", quote(owner));
    }
    if !objective.allow.is_empty() {
        let _ = writeln!(
            out,
            "allow = {}",
            string_list(objective.allow.iter().map(|a| a.as_str()))
        );
    }

    let mut krs = String::new();
    let mut notes = String::new();
    for kr in &objective.krs {
        let score = kr.score();
        let met = score.is_some_and(|s| s >= 1.0);
        if met {
            summary.met_krs.push(kr.id.clone());
            continue;
        }
        match kr.commitment {
            Commitment::Stretch => summary.stretch_candidates.push((kr.id.clone(), score)),
            Commitment::Committed => {
                if let Some(score) = score
                    && kr.postmortem.is_none()
                {
                    summary.needs_postmortem.push((kr.id.clone(), score));
                }
                summary.carried_krs.push(kr.id.clone());
                krs.push('\n');
                krs.push_str(&carried_kr(kr, from));
            }
        }
    }
    if !summary.needs_postmortem.is_empty() {
        let _ = writeln!(
            notes,
            "\n# Committed KRs that ended {from} below 1.0 need a `postmortem` in {}:",
            summary.old_file
        );
        for (id, score) in &summary.needs_postmortem {
            let _ = writeln!(notes, "#   {id} ({score:.2})");
        }
    }
    if !summary.stretch_candidates.is_empty() {
        let _ = writeln!(
            notes,
            "\n# Stretch KRs not reached in {from}, candidates for this quarter:"
        );
        for (id, score) in &summary.stretch_candidates {
            let text = objective.kr(id).map_or("", |(_, kr)| kr.text.as_str());
            let score = score.map_or("no score".to_string(), |s| format!("{s:.2}"));
            let _ = writeln!(notes, "#   {id} ({score}): {}", comment_text(text));
        }
    }
    out.push_str(&notes);
    if krs.is_empty() {
        krs = format!("\n{}", template::impact_kr_table());
    }
    out.push_str(&krs);
    out.push_str("```\n");
    out
}

fn carried_kr(kr: &KeyResult, from: Quarter) -> String {
    let mut out = String::new();
    let score = kr
        .score()
        .map_or("no score".to_string(), |s| format!("scored {s:.2}"));
    let _ = writeln!(out, "# {} in {from}: {score}.", kr.id);
    out.push_str("[[kr]]\n");
    if kr.id_explicit {
        let _ = writeln!(out, "id = {}", quote(&kr.id));
    }
    let _ = writeln!(out, "text = {}", quote(kr.text.as_str()));
    if kr.kind_explicit {
        let _ = writeln!(out, "kind = {}", quote(kr.kind.as_str()));
    }
    if kr.commitment_explicit {
        let _ = writeln!(out, "commitment = {}", quote(kr.commitment.as_str()));
    }
    if let Some(metric) = &kr.metric {
        out.push_str(&carried_metric(metric));
    }
    let open: Vec<&str> = kr
        .done
        .iter()
        .filter(|d| !d.met)
        .map(|d| d.text.as_str())
        .collect();
    if kr.done_met() > 0 {
        let _ = writeln!(
            out,
            "# {} Definition of Done item(s) met in {from} are left out.",
            kr.done_met()
        );
    }
    if !open.is_empty() {
        out.push_str("done = [\n");
        for item in open {
            let _ = writeln!(out, "  {},", quote(&format!("[ ] {item}")));
        }
        out.push_str("]\n");
    }
    if !kr.depends_on.is_empty() {
        let _ = writeln!(
            out,
            "depends_on = {}",
            string_list(kr.depends_on.iter().map(|r| r.raw.as_str()))
        );
    }
    if let Some(owner) = &kr.owner {
        let _ = writeln!(out, "owner = {}", quote(owner));
    }
    if !kr.allow.is_empty() {
        let _ = writeln!(
            out,
            "allow = {}",
            string_list(kr.allow.iter().map(|a| a.as_str()))
        );
    }
    out
}

/// The metric starts the new quarter where the old one ended.
fn carried_metric(metric: &Metric) -> String {
    let mut out = String::new();
    let from = metric.current.unwrap_or(metric.from);
    if let Some(current) = metric.current {
        let _ = writeln!(
            out,
            "# Last quarter this went from {} to {}; this quarter starts at {}. Update the text to match.",
            number(metric.from),
            number(current),
            number(current)
        );
    }
    let _ = write!(
        out,
        "metric = {{ from = {}, to = {}",
        number(from),
        number(metric.to)
    );
    if let Some(unit) = &metric.unit {
        let _ = write!(out, ", unit = {}", quote(unit));
    }
    out.push_str(" }\n");
    out
}

/// A TOML number: integers without a fraction, and TOML's `inf`/`nan`.
fn number(value: f64) -> String {
    if value.is_nan() {
        "nan".to_string()
    } else if value.is_infinite() {
        if value > 0.0 { "inf" } else { "-inf" }.to_string()
    } else if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// A TOML basic string on one line, holding exactly `text`.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn string_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = items.map(quote).collect();
    format!("[{}]", quoted.join(", "))
}

/// Text for a TOML comment: one line, quoted.
fn comment_text(text: &str) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!("\"{one_line}\"")
}

impl Report {
    /// What was carried, for the terminal.
    pub fn describe(&self, root: &Path) -> String {
        let shown = |p: &PathBuf| p.strip_prefix(root).unwrap_or(p).display().to_string();
        let mut out = String::new();
        let _ = writeln!(
            out,
            "created {} from {}",
            shown(&self.created.chapter),
            self.from
        );
        if self.carried.is_empty() {
            let _ = writeln!(
                out,
                "  every objective was finished; the chapter holds the blank template"
            );
        }
        for c in &self.carried {
            let id = match &c.new_id {
                Some(new_id) => format!("{} -> {new_id}", c.old_id),
                None => format!("{} (id derived anew)", c.old_id),
            };
            let score = c
                .score
                .map_or("no score".to_string(), |s| format!("{s:.2}"));
            let _ = writeln!(out, "  carried {id}, score {score}");
            if !c.carried_krs.is_empty() {
                let _ = writeln!(out, "    key results carried: {}", c.carried_krs.join(", "));
            }
            if !c.met_krs.is_empty() {
                let _ = writeln!(out, "    met, left behind: {}", c.met_krs.join(", "));
            }
            if !c.stretch_candidates.is_empty() {
                let ids: Vec<&str> = c
                    .stretch_candidates
                    .iter()
                    .map(|(id, _)| id.as_str())
                    .collect();
                let _ = writeln!(
                    out,
                    "    stretch candidates (in a comment): {}",
                    ids.join(", ")
                );
            }
            for (kr, score) in &c.needs_postmortem {
                let _ = writeln!(
                    out,
                    "    {kr} is committed and ended at {score:.2}: add a `postmortem` to it in {}",
                    c.old_file
                );
            }
        }
        for (id, score) in &self.finished {
            let _ = writeln!(out, "  finished, not carried: {id} ({score:.2})");
        }
        if self.created.summary_changed {
            let _ = writeln!(out, "added it to SUMMARY.md");
        }
        if self.created.teams_changed {
            let _ = writeln!(out, "added the team to `teams` in book.toml");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::plan::Plan;

    fn q(s: &str) -> Quarter {
        s.parse().unwrap()
    }

    #[test]
    fn ids_move_to_the_next_quarter() {
        assert_eq!(next_id("vault-q2", q("2026-Q2"), q("2026-Q3")), "vault-q3");
        assert_eq!(next_id("vault-q4", q("2026-Q4"), q("2027-Q1")), "vault-q1");
        assert_eq!(
            next_id("2026-q2-sec-build", q("2026-Q2"), q("2026-Q3")),
            "2026-q3-sec-build"
        );
        assert_eq!(
            next_id("vault", q("2026-Q2"), q("2026-Q3")),
            "vault-2026-q3"
        );
    }

    #[test]
    fn a_taken_id_gets_the_year_then_a_number() {
        let mut taken: HashSet<String> = ["vault-q1".to_string()].into();
        assert_eq!(
            unique_id("vault-q1", q("2027-Q1"), &mut taken),
            "vault-q1-2027"
        );
        assert_eq!(
            unique_id("vault-q1", q("2027-Q1"), &mut taken),
            "vault-q1-2"
        );
    }

    #[test]
    fn quoted_strings_read_back_exactly() {
        for text in [
            "plain",
            "with \"quotes\" and \\ back",
            "tab\tline\nnext",
            "ünïcödé \u{7f}",
        ] {
            let doc: toml::Table = toml::from_str(&format!("v = {}", quote(text))).unwrap();
            assert_eq!(doc["v"].as_str(), Some(text));
        }
    }

    #[test]
    fn numbers_are_toml_numbers() {
        for value in [140.0, 0.0, -3.0, 2.5, 99.95, f64::INFINITY] {
            let doc: toml::Table = toml::from_str(&format!("v = {}", number(value))).unwrap();
            assert_eq!(
                doc["v"]
                    .as_float()
                    .or(doc["v"].as_integer().map(|i| i as f64)),
                Some(value)
            );
        }
    }

    const OLD: &str = r#"
```okr
team = "security"
quarter = "2026-Q2"
```

```okr
id = "vault-q2"
objective = "Build a vault for all teams to remove \"hardcoded\" credentials (Core rollout)"
owner = "Dana"

[[kr]]
text = "Launch the vault"
done = ["[x] Cluster up", "[ ] 40 services read from it"]

[[kr]]
id = "cut"
text = "Reduce hardcoded secrets from 140 to 0"
metric = { from = 140, to = 0, current = 35, unit = "secrets" }

[[kr]]
text = "Document the API"
done = ["[x] Reference published"]

[[kr]]
text = "Rotate 50% of secrets automatically"
commitment = "stretch"
metric = { from = 0, to = 50, current = 10, unit = "%" }
```
"#;

    #[test]
    fn a_carried_block_keeps_the_sentence_and_open_work() {
        let config = Config::default();
        let plan = Plan::from_chapter("src/2026-Q2/security.md", OLD, &config);
        let objective = &plan.objectives[0];
        let mut summary = CarriedObjective {
            old_id: objective.id.clone(),
            new_id: Some("vault-q3".into()),
            score: objective.score(),
            carried_krs: Vec::new(),
            met_krs: Vec::new(),
            stretch_candidates: Vec::new(),
            needs_postmortem: Vec::new(),
            old_file: "src/2026-Q2/security.md".into(),
        };
        let block = carried_block(objective, q("2026-Q2"), &mut summary);
        assert_eq!(summary.carried_krs, ["KR1", "cut"]);
        assert_eq!(summary.met_krs, ["KR3"]);
        assert_eq!(summary.stretch_candidates, [("KR4".to_string(), Some(0.2))]);
        assert_eq!(
            summary.needs_postmortem,
            [("KR1".to_string(), 0.5), ("cut".to_string(), 0.75)]
        );

        let chapter = format!(
            "{}\n{block}",
            template::context_block("security", q("2026-Q3"))
        );
        let new_plan = Plan::from_chapter("src/2026-Q3/security.md", &chapter, &config);
        assert_eq!(new_plan.objectives.len(), 1, "{chapter}");
        let carried = &new_plan.objectives[0];
        assert_eq!(carried.id, "vault-q3");
        assert_eq!(
            carried.text.value,
            "Build a vault for all teams to remove \"hardcoded\" credentials"
        );
        assert_eq!(
            carried.phase.as_ref().map(|p| p.value.as_str()),
            Some("<phase>")
        );
        assert_eq!(carried.owner.as_deref(), Some("Dana"));
        let texts: Vec<&str> = carried.krs.iter().map(|k| k.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Launch the vault", "Reduce hardcoded secrets from 140 to 0"]
        );
        let open: Vec<(&str, bool)> = carried.krs[0]
            .done
            .iter()
            .map(|d| (d.text.as_str(), d.met))
            .collect();
        assert_eq!(open, [("40 services read from it", false)]);
        let metric = carried.krs[1].metric.as_ref().unwrap();
        assert_eq!((metric.from, metric.to, metric.current), (35.0, 0.0, None));
        assert!(block.contains("#   KR4 (0.20): \"Rotate 50% of secrets automatically\""));
        assert!(block.contains("need a `postmortem` in src/2026-Q2/security.md"));
    }
}
