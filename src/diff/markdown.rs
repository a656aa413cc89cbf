//! The report as Markdown for a pull-request comment: counts first, then
//! what needs a second look, then each team's objectives, then findings.
//!
//! Every piece of user text is escaped, so a `|`, a backtick or a `<` in a
//! plan reads as written and cannot break a table or open HTML.

use std::fmt::Write as _;

use super::{
    Change, Dependent, DoneChanges, FindingRef, Flag, FromTo, KrChange, MetricValues,
    ObjectiveChange, Report,
};

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let head = match &report.head {
        Some(rev) => code(rev),
        None => "the working tree".to_string(),
    };
    let _ = writeln!(
        out,
        "## OKR plan changes: {} → {head}\n",
        code(&report.base)
    );
    out.push_str(&headline(report));
    write_flags(&mut out, report);
    let mut team: Option<&str> = None;
    for objective in &report.objectives {
        if team != Some(objective.team.as_str()) {
            team = Some(&objective.team);
            let _ = writeln!(out, "\n### Team {}", code(&objective.team));
        }
        write_objective(&mut out, objective);
    }
    write_findings(&mut out, report);
    if !report.unreadable.is_empty() {
        out.push_str("\n### Not read\n\n");
        for line in &report.unreadable {
            let _ = writeln!(out, "- {}", text(line));
        }
    }
    out
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

fn headline(report: &Report) -> String {
    let s = &report.summary;
    let mut parts = Vec::new();
    let mut count = |n: usize, one: &str, many: &str, what: &str| {
        if n > 0 {
            parts.push(format!("{} {what}", plural(n, one, many)));
        }
    };
    count(s.objectives_added, "objective", "objectives", "added");
    count(s.objectives_removed, "objective", "objectives", "removed");
    count(s.objectives_changed, "objective", "objectives", "changed");
    count(s.krs_added, "KR", "KRs", "added");
    count(s.krs_removed, "KR", "KRs", "removed");
    count(s.krs_changed, "KR", "KRs", "changed");
    if s.findings_introduced + s.findings_fixed > 0 {
        parts.push(format!(
            "findings: {} introduced, {} fixed",
            s.findings_introduced, s.findings_fixed
        ));
    }
    if parts.is_empty() {
        return "No changes to the plan.\n".to_string();
    }
    let mut line = parts.join(" · ");
    if s.flags > 0 {
        line = format!(
            "**{} to check** · {line}",
            plural(s.flags, "change", "changes")
        );
    }
    line.push('\n');
    line
}

/// The flagged changes, together in one alert box at the top.
fn write_flags(out: &mut String, report: &Report) {
    if report.summary.flags == 0 {
        return;
    }
    out.push_str("\n> [!CAUTION]\n");
    let flags = report.summary.flags;
    let _ = writeln!(
        out,
        "> **{} {} what a team promised**",
        plural(flags, "change", "changes"),
        if flags == 1 { "weakens" } else { "weaken" }
    );
    for objective in &report.objectives {
        for kr in &objective.krs {
            for flag in &kr.flags {
                let _ = writeln!(
                    out,
                    "> - team {}, {}: {}",
                    code(&objective.team),
                    code(&format!("{}#{}", objective.id, kr.id)),
                    describe_flag(flag, kr)
                );
            }
        }
    }
}

fn describe_flag(flag: &Flag, kr: &KrChange) -> String {
    match flag {
        Flag::EasierTarget { from, to } => {
            let unit = kr
                .metric_change
                .as_ref()
                .and_then(|m| m.to.as_ref())
                .map(unit_suffix)
                .unwrap_or_default();
            format!(
                "⚠️ **easier target on a committed KR**: {} → {}{unit}",
                number(*from),
                number(*to)
            )
        }
        Flag::PrerequisiteNowStretch { dependents } => format!(
            "🚨 **now a stretch goal**, but {} depend{} on it",
            describe_dependents(dependents),
            if dependents.len() == 1 { "s" } else { "" }
        ),
        Flag::PrerequisiteRemoved { dependents } => format!(
            "🚨 **removed**, but {} depend{} on it",
            describe_dependents(dependents),
            if dependents.len() == 1 { "s" } else { "" }
        ),
    }
}

/// "team **checkout** (`a#KR1`, `b#KR2`) and team **web** (`c#KR1`)".
fn describe_dependents(dependents: &[Dependent]) -> String {
    let mut teams: Vec<(&str, Vec<String>)> = Vec::new();
    for dependent in dependents {
        let name = code(&format!("{}#{}", dependent.objective, dependent.kr));
        match teams.iter_mut().find(|(team, _)| *team == dependent.team) {
            Some((_, names)) => names.push(name),
            None => teams.push((&dependent.team, vec![name])),
        }
    }
    let named: Vec<String> = teams
        .iter()
        .map(|(team, names)| format!("team **{}** ({})", text(team), names.join(", ")))
        .collect();
    match named.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn write_objective(out: &mut String, objective: &ObjectiveChange) {
    let label = match objective.change {
        Change::Added => "Added",
        Change::Removed => "Removed",
        Change::Changed => "Changed",
    };
    let _ = writeln!(
        out,
        "\n#### {label}: {} · {}\n",
        text(&objective.quarter),
        text(&objective.objective)
    );
    let _ = writeln!(
        out,
        "{} in {}\n",
        code(&objective.id),
        code(&objective.file)
    );
    if let Some(change) = &objective.objective_change {
        let _ = writeln!(out, "- reworded: {}", was_now(&change.from, &change.to));
    }
    for (what, change) in [
        ("id", &objective.id_change),
        ("team", &objective.team_change),
        ("quarter", &objective.quarter_change),
    ] {
        if let Some(change) = change {
            let _ = writeln!(
                out,
                "- {what}: {} → {}",
                code(&change.from),
                code(&change.to)
            );
        }
    }
    if let Some(change) = &objective.score_change {
        let _ = writeln!(out, "- score: {}", score_change(change));
    }
    for kr in &objective.krs {
        write_kr(out, kr, objective.change);
    }
}

fn write_kr(out: &mut String, kr: &KrChange, objective_change: Change) {
    let mark = match (kr.change, objective_change) {
        // Under an added or removed objective every KR is; say it once.
        (_, Change::Added | Change::Removed) | (Change::Changed, _) => "",
        (Change::Added, _) => "added ",
        (Change::Removed, _) => "removed ",
    };
    let _ = writeln!(
        out,
        "- {mark}KR {} ({}): {}",
        code(&kr.id),
        kr.commitment,
        text(&kr.text)
    );
    let mut details = Vec::new();
    if let Some(change) = &kr.text_change {
        details.push(format!("reworded: {}", was_now(&change.from, &change.to)));
    }
    if let Some(change) = &kr.id_change {
        details.push(format!("id: {} → {}", code(&change.from), code(&change.to)));
    }
    if let Some(change) = &kr.commitment_change {
        details.push(format!("commitment: {} → **{}**", change.from, change.to));
    }
    if let Some(change) = &kr.metric_change {
        details.push(metric_change(change));
    }
    details.extend(done_changes(&kr.done));
    if let Some(change) = &kr.score_change {
        details.push(format!("score: {}", score_change(change)));
    }
    details.extend(kr.flags.iter().map(|flag| describe_flag(flag, kr)));
    for detail in details {
        let _ = writeln!(out, "  - {detail}");
    }
}

fn was_now(from: &str, to: &str) -> String {
    format!("~~{}~~ → {}", text(from), text(to))
}

fn metric_change(change: &FromTo<Option<MetricValues>>) -> String {
    match (&change.from, &change.to) {
        (None, Some(to)) => format!("metric added: {}", metric(to)),
        (Some(from), None) => format!("metric removed (was {})", metric(from)),
        (Some(from), Some(to)) => {
            let mut parts = Vec::new();
            if from.from != to.from {
                parts.push(format!(
                    "baseline {} → {}",
                    number(from.from),
                    number(to.from)
                ));
            }
            if from.to != to.to {
                parts.push(format!(
                    "target **{} → {}**",
                    number(from.to),
                    number(to.to)
                ));
            }
            if from.unit != to.unit {
                let unit = |m: &MetricValues| m.unit.as_deref().map_or("none".into(), code);
                parts.push(format!("unit {} → {}", unit(from), unit(to)));
            }
            let mut line = format!("metric: {}", parts.join(", "));
            if from.unit == to.unit {
                line.push_str(&unit_suffix(to));
            }
            if from.from == to.from {
                let _ = write!(line, " (baseline {})", number(to.from));
            }
            line
        }
        (None, None) => String::new(),
    }
}

fn metric(values: &MetricValues) -> String {
    format!(
        "{} → {}{}",
        number(values.from),
        number(values.to),
        unit_suffix(values)
    )
}

fn unit_suffix(values: &MetricValues) -> String {
    values
        .unit
        .as_deref()
        .map(|unit| format!(" {}", text(unit)))
        .unwrap_or_default()
}

fn done_changes(done: &DoneChanges) -> Vec<String> {
    let quoted = |items: &[String]| {
        items
            .iter()
            .map(|item| format!("“{}”", text(item)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    [
        ("newly checked ☑", &done.checked),
        ("unchecked ☐", &done.unchecked),
        ("added", &done.added),
        ("removed", &done.removed),
    ]
    .into_iter()
    .filter(|(_, items)| !items.is_empty())
    .map(|(what, items)| format!("Definition of Done {what}: {}", quoted(items)))
    .collect()
}

fn score_change(change: &FromTo<Option<f64>>) -> String {
    let score = |s: Option<f64>| s.map_or("none".to_string(), |s| format!("{s:.1}"));
    format!("{} → {}", score(change.from), score(change.to))
}

fn write_findings(out: &mut String, report: &Report) {
    let findings = &report.findings;
    if findings.introduced.is_empty() && findings.fixed.is_empty() {
        return;
    }
    out.push_str("\n### Findings\n");
    for (title, list) in [
        ("Introduced", &findings.introduced),
        ("Fixed", &findings.fixed),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n**{title} ({})**\n", list.len());
        out.push_str("| Severity | Rule | About | Where | Message |\n");
        out.push_str("| --- | --- | --- | --- | --- |\n");
        for finding in list {
            let _ = writeln!(out, "{}", finding_row(finding));
        }
    }
}

fn finding_row(finding: &FindingRef) -> String {
    let about = match (&finding.objective, &finding.kr) {
        (Some(objective), Some(kr)) => cell_code(&format!("{objective}#{kr}")),
        (Some(objective), None) => cell_code(objective),
        _ => String::new(),
    };
    let place = match (&finding.file, finding.line) {
        (Some(file), Some(line)) => text(&format!("{file}:{line}")),
        (Some(file), None) => text(file),
        _ => String::new(),
    };
    format!(
        "| {} | {} | {about} | {place} | {} |",
        finding.severity,
        cell_code(finding.rule),
        message(&finding.message)
    )
}

/// A diagnostic's message in a table cell. Messages put ids and values in
/// backticks: those parts stay code spans and the rest is escaped text. A
/// stray backtick from user text only changes which parts are code; every
/// part is escaped either way.
fn message(value: &str) -> String {
    let parts: Vec<&str> = value.split('`').collect();
    if parts.len().is_multiple_of(2) {
        // An odd number of backticks: no reliable pairs.
        return text(value);
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                cell_code(part)
            } else {
                text(part)
            }
        })
        .collect()
}

fn number(value: f64) -> String {
    format!("{value}")
}

/// User text as Markdown that shows it as written: ASCII punctuation that
/// Markdown or GitHub would read is escaped (pipes too, so the text is safe
/// in a table cell), and line breaks become spaces.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// User text as a code span outside tables: fenced with more backticks
/// than it holds in a row, and padded when it starts or ends with one.
fn code(value: &str) -> String {
    let value = value.replace(['\n', '\r'], " ");
    let longest = value.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if value.starts_with('`') || value.ends_with('`') || value.trim().is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{value}{pad}{fence}")
}

/// A code span inside a table cell, where GitHub splits cells at every
/// unescaped pipe, even inside code.
fn cell_code(value: &str) -> String {
    code(value).replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_what_markdown_would_read() {
        assert_eq!(text("a | b `c` *d* <e>\nf"), r"a \| b \`c\` \*d\* \<e\> f");
    }

    #[test]
    fn code_spans_hold_backticks_and_pipes() {
        assert_eq!(code("plain"), "`plain`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(cell_code("a|b"), r"`a\|b`");
    }

    #[test]
    fn messages_keep_their_code_spans_and_escape_the_rest() {
        assert_eq!(message("`a|b` is *odd*"), r"`a\|b` is \*odd\*");
        assert_eq!(message("one ` tick"), r"one \` tick");
    }
}
