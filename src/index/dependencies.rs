//! The dependencies between teams, and what others need from each team.

use std::collections::BTreeMap;

use super::Index;
use super::doc::{Inline, Item, Line, Node, badge, link, text};
use super::sections::{heading, paragraph};
use crate::analysis::graph::target_team;
use crate::diagnostic::Risk;
use crate::model::slugify;
use crate::plan::{Edge, Resolution};

/// Edges touching the view: from or to an objective in view, or a `team:`
/// ask of the filtered team.
pub(super) fn edges_in_view(index: &Index<'_>) -> Vec<usize> {
    let plan = index.plan();
    (0..plan.edges.len())
        .filter(|&e| {
            let edge = &plan.edges[e];
            index.in_view[edge.objective]
                || match &edge.resolution {
                    Resolution::KeyResult { objective, .. } | Resolution::Objective(objective) => {
                        index.in_view[*objective]
                    }
                    Resolution::Team { team, .. } => {
                        index.filter.team.as_ref() == Some(team) && index.filter.quarter.is_none()
                    }
                    Resolution::Unresolved => false,
                }
        })
        .collect()
}

pub(super) fn source_line(index: &Index<'_>, edge: &Edge) -> Line {
    let objective = &index.plan().objectives[edge.objective];
    let kr = &objective.krs[edge.kr];
    vec![link(
        format!("{}#{}", objective.id, kr.id),
        index.kr_href(edge.objective, edge.kr),
    )]
}

pub(super) fn target_line(index: &Index<'_>, edge: &Edge) -> Line {
    let plan = index.plan();
    match &edge.resolution {
        Resolution::KeyResult { objective, kr } => {
            let o = &plan.objectives[*objective];
            vec![link(
                format!("{}#{}", o.id, o.krs[*kr].id),
                index.kr_href(*objective, *kr),
            )]
        }
        Resolution::Objective(objective) => vec![link(
            format!("{} (whole objective)", plan.objectives[*objective].id),
            index.objective_href(*objective),
        )],
        Resolution::Team { team, .. } => vec![text(format!("team:{team}"))],
        Resolution::Unresolved => {
            let raw = &plan.objectives[edge.objective].krs[edge.kr].depends_on[edge.reference].raw;
            vec![text(raw.clone())]
        }
    }
}

fn status_line(risks: &[Risk]) -> Line {
    if risks.is_empty() {
        return vec![badge("ok", "ok")];
    }
    let mut line = Vec::new();
    for (i, risk) in risks.iter().enumerate() {
        if i > 0 {
            line.push(text(" "));
        }
        line.push(badge(risk.as_str(), risk.label()));
    }
    line
}

pub(super) fn dependencies(index: &Index<'_>, edges: &[usize], nodes: &mut Vec<Node>) {
    let plan = index.plan();
    nodes.push(heading(
        index,
        2,
        "dependencies",
        vec![text("Dependencies")],
    ));
    if edges.is_empty() {
        nodes.push(paragraph(
            "okr-index-empty",
            vec![text("No dependencies in view.")],
        ));
        return;
    }
    let rows = edges
        .iter()
        .map(|&e| {
            let edge = &plan.edges[e];
            vec![
                vec![text(plan.objectives[edge.objective].team.clone())],
                source_line(index, edge),
                vec![text(target_team(plan, edge).unwrap_or("–").to_string())],
                target_line(index, edge),
                status_line(&index.risks[e]),
            ]
        })
        .collect();
    nodes.push(Node::Table {
        class: "okr-index-deps",
        headers: vec!["Team", "Key result", "Needs team", "Needs", "Status"],
        rows,
    });

    // Incoming edges from other teams, by the team asked.
    let mut incoming: BTreeMap<(usize, &str), Vec<usize>> = BTreeMap::new();
    for &e in edges {
        let edge = &plan.edges[e];
        let Some(team) = target_team(plan, edge) else {
            continue;
        };
        let wanted = index.filter.team.as_deref().is_none_or(|t| t == team);
        if wanted && team != plan.objectives[edge.objective].team {
            incoming
                .entry((index.team_rank(team), team))
                .or_default()
                .push(e);
        }
    }
    nodes.push(heading(
        index,
        3,
        "needed",
        vec![text("What others need from you")],
    ));
    if incoming.is_empty() {
        nodes.push(paragraph(
            "okr-index-empty",
            vec![text("No team depends on another in view.")],
        ));
    }
    for ((_, team), list) in incoming {
        nodes.push(heading(
            index,
            4,
            &format!("needed-{}", slugify(team)),
            vec![text(team.to_string())],
        ));
        let items = list
            .into_iter()
            .map(|e| {
                let edge = &plan.edges[e];
                let mut line = vec![
                    Inline::Strong(plan.objectives[edge.objective].team.clone()),
                    text(" "),
                ];
                line.extend(source_line(index, edge));
                line.push(text(
                    if matches!(edge.resolution, Resolution::Team { .. }) {
                        " asks for help (no KR answers it yet) "
                    } else {
                        " needs "
                    },
                ));
                if !matches!(edge.resolution, Resolution::Team { .. }) {
                    line.extend(target_line(index, edge));
                    line.push(text(" "));
                }
                line.extend(status_line(&index.risks[e]));
                Item {
                    line,
                    children: Vec::new(),
                }
            })
            .collect();
        nodes.push(Node::List {
            class: "okr-index-needed",
            items,
        });
    }
}
