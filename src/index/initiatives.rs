//! Multi-quarter initiatives: one objective carried over quarters, with
//! the wordings that drifted from it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::Index;
use super::doc::{Inline, Line, Node, badge, link, markdown_link, text};
use super::sections::{heading, paragraph, score};
use crate::analysis::similarity::normalize_statement;
use crate::diagnostic::Subject;
use crate::model::Quarter;

pub(super) fn initiatives(index: &Index<'_>, nodes: &mut Vec<Node>) {
    let plan = index.plan();
    nodes.push(heading(
        index,
        2,
        "initiatives",
        vec![text("Multi-quarter initiatives")],
    ));
    let mut groups: BTreeMap<(&str, String), Vec<usize>> = BTreeMap::new();
    for (o, objective) in plan.objectives.iter().enumerate() {
        groups
            .entry((
                objective.team.as_str(),
                normalize_statement(&objective.statement),
            ))
            .or_default()
            .push(o);
    }
    // An objective reported as drifted joins the initiative of the wording
    // it drifted from, so the old and new wordings sit side by side.
    let drifts: BTreeMap<usize, usize> = index
        .cx
        .diagnostics
        .iter()
        .filter_map(|d| match d.subject {
            Some(Subject::Drift { earlier, later, .. }) => Some((later, earlier)),
            _ => None,
        })
        .collect();
    let mut drifted: HashMap<(&str, String), Vec<usize>> = HashMap::new();
    for (later, earlier) in drifts {
        let earlier = &plan.objectives[earlier];
        let group = (
            earlier.team.as_str(),
            normalize_statement(&earlier.statement),
        );
        drifted.entry(group).or_default().push(later);
    }
    // Sorted by team (configured order) and first quarter.
    type SortKey<'k> = (usize, &'k str, Quarter);
    let mut rows: Vec<(SortKey<'_>, Vec<Line>)> = Vec::new();
    for (group, members) in &groups {
        let quarters: BTreeSet<Quarter> = members
            .iter()
            .map(|&o| plan.objectives[o].quarter)
            .collect();
        let drift = drifted.get(group).map(Vec::as_slice).unwrap_or_default();
        let visible = members.iter().chain(drift).any(|&o| index.in_view[o]);
        if !visible || (quarters.len() < 2 && drift.is_empty()) {
            continue;
        }
        let mut ordered = members.clone();
        ordered.sort_by_key(|&o| plan.objectives[o].quarter);
        let mut phases = Vec::new();
        for (i, &o) in ordered.iter().enumerate() {
            let objective = &plan.objectives[o];
            if i > 0 {
                phases.push(text(" → "));
            }
            phases.extend([
                badge("quarter", objective.quarter.to_string()),
                text(" "),
                link(
                    objective
                        .phase
                        .as_ref()
                        .map_or("(no phase)", |p| p.value.as_str())
                        .to_string(),
                    index.objective_href(o),
                ),
                text(format!(" {}", score(objective.score()))),
            ]);
        }
        let mut drift_line = Vec::new();
        for (i, &o) in drift.iter().enumerate() {
            let objective = &plan.objectives[o];
            if i > 0 {
                drift_line.push(text("; "));
            }
            drift_line.extend([
                markdown_link(
                    format!("“{}”", objective.statement),
                    index.objective_href(o),
                ),
                text(format!(" ({})", objective.quarter)),
            ]);
        }
        let first = &plan.objectives[ordered[0]];
        rows.push((
            (index.team_rank(group.0), group.0, first.quarter),
            vec![
                vec![text(group.0.to_string())],
                vec![Inline::Markdown(first.statement.clone())],
                phases,
                drift_line,
            ],
        ));
    }
    if rows.is_empty() {
        nodes.push(paragraph(
            "okr-index-empty",
            vec![text("No objective in view spans several quarters.")],
        ));
        return;
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    nodes.push(Node::Table {
        class: "okr-index-series",
        headers: vec![
            "Team",
            "Objective",
            "Phases by quarter (score)",
            "Drifted wording",
        ],
        rows: rows.into_iter().map(|(_, row)| row).collect(),
    });
}
