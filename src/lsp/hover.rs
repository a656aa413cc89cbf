//! Hover: a rule's explanation, a referenced KR, an objective's score and
//! who depends on it.

use std::fmt::Write as _;

use super::navigation::{Item, item_at, resolution};
use super::workspace::Analysis;
use crate::lint;
use crate::model::FileId;
use crate::plan::{Plan, Resolution};
use crate::render::card::score_text;

/// The hover text (Markdown) at a byte offset of a file.
pub fn hover(analysis: &Analysis, file: FileId, at: usize) -> Option<String> {
    let plan = analysis.plan();
    let mut sections = Vec::new();
    match item_at(plan, file, at) {
        Some(Item::Allow(name)) => {
            if let Some(rule) = lint::rule(&name.value) {
                sections.push(lint::explanation(rule));
            }
        }
        Some(Item::Reference {
            objective,
            kr,
            reference,
        }) => sections.push(match resolution(plan, objective, kr, reference) {
            Resolution::KeyResult { objective, kr } => key_result(plan, *objective, *kr),
            Resolution::Objective(objective) => self::objective(plan, *objective),
            Resolution::Team { team, known: true } => {
                format!("An open ask of team `{team}`: it has no KR for this yet.")
            }
            Resolution::Team { team, known: false } => {
                format!("An open ask of team `{team}`, which `teams` does not list.")
            }
            Resolution::Unresolved => {
                let raw = &plan.objectives[objective].krs[kr].depends_on[reference].raw;
                format!("No objective or KR of the book is named `{raw}`.")
            }
        }),
        Some(Item::KeyResult { objective, kr }) => sections.push(key_result(plan, objective, kr)),
        Some(Item::Objective(objective)) => sections.push(self::objective(plan, objective)),
        None => {}
    }
    // The rules of the findings under the cursor, each explained once.
    let mut rules: Vec<&str> = Vec::new();
    for diagnostic in &analysis.diagnostics {
        let Some(location) = &diagnostic.location else {
            continue;
        };
        let span = &location.span;
        if location.file == file
            && span.start <= at
            && at <= span.end
            && !rules.contains(&diagnostic.rule)
        {
            rules.push(diagnostic.rule);
        }
    }
    sections.extend(
        rules
            .into_iter()
            .filter_map(lint::rule)
            .map(lint::explanation),
    );
    (!sections.is_empty()).then(|| sections.join("\n\n---\n\n"))
}

fn score(score: Option<f64>) -> String {
    score_text(score).map_or_else(|| "no score yet".to_string(), |s| format!("score {s}"))
}

fn key_result(plan: &Plan, objective: usize, kr: usize) -> String {
    let o = &plan.objectives[objective];
    let k = &o.krs[kr];
    let mut out = format!(
        "**`{}#{}`**: {}\n\nteam `{}` · {} · {}",
        o.id,
        k.id,
        k.text.value,
        o.team,
        k.commitment.as_str(),
        score(k.score())
    );
    let dependents: Vec<String> = plan
        .dependents_of(objective, kr)
        .map(|e| kr_id(plan, e.objective, e.kr))
        .collect();
    if !dependents.is_empty() {
        let _ = write!(out, "\n\nDepended on by {}", dependents.join(", "));
    }
    out
}

fn objective(plan: &Plan, objective: usize) -> String {
    let o = &plan.objectives[objective];
    let mut out = format!(
        "**`{}`**: {}\n\nteam `{}` · {} · {}",
        o.id,
        o.text.value,
        o.team,
        o.quarter,
        score(o.score())
    );
    // A dependency on the whole objective is listed under each of its KRs.
    let mut dependents: Vec<String> = Vec::new();
    for edge in (0..o.krs.len()).flat_map(|k| plan.dependents_of(objective, k)) {
        let id = kr_id(plan, edge.objective, edge.kr);
        if !dependents.contains(&id) {
            dependents.push(id);
        }
    }
    if dependents.is_empty() {
        out.push_str("\n\nNo KR of the book depends on it.");
    } else {
        let _ = write!(out, "\n\nDepended on by {}", dependents.join(", "));
    }
    out
}

fn kr_id(plan: &Plan, objective: usize, kr: usize) -> String {
    let o = &plan.objectives[objective];
    format!("`{}#{}`", o.id, o.krs[kr].id)
}
