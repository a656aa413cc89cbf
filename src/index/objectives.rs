//! Every objective in view with its key results.

use super::Index;
use super::doc::{Inline, Item, Line, Node, badge, link, markdown_link, text};
use super::sections::{heading, paragraph, plural, quarter_slug, score};
use crate::diagnostic::Counts;
use crate::model::KeyResult;
use crate::model::slugify;

pub(super) fn objectives(index: &Index<'_>, nodes: &mut Vec<Node>) {
    let plan = index.plan();
    nodes.push(heading(index, 2, "objectives", vec![text("Objectives")]));
    if index.selected.is_empty() {
        nodes.push(paragraph(
            "okr-index-empty",
            vec![text("No objectives in view.")],
        ));
        return;
    }
    for (quarter, teams) in index.by_quarter_and_team() {
        if teams.is_empty() {
            continue;
        }
        let q = quarter_slug(quarter);
        nodes.push(heading(
            index,
            3,
            &format!("objectives-{q}"),
            vec![text(quarter.to_string())],
        ));
        for (team, objectives) in teams {
            nodes.push(heading(
                index,
                4,
                &format!("objectives-{q}-{}", slugify(team)),
                vec![index.team_link(team, &objectives)],
            ));
            let items = objectives
                .iter()
                .map(|&o| {
                    let objective = &plan.objectives[o];
                    let mut line = vec![markdown_link(
                        objective.statement.clone(),
                        index.objective_href(o),
                    )];
                    if let Some(phase) = &objective.phase {
                        line.extend([text(" "), badge("phase", phase.value.clone())]);
                    }
                    line.extend([
                        text(" "),
                        badge("score", format!("score {}", score(objective.score()))),
                    ]);
                    line.extend(findings_badges(index.findings[o]));
                    let children = objective
                        .krs
                        .iter()
                        .enumerate()
                        .map(|(k, kr)| kr_line(index, o, k, kr))
                        .collect();
                    Item { line, children }
                })
                .collect();
            nodes.push(Node::List {
                class: "okr-index-objectives",
                items,
            });
        }
    }
}

fn findings_badges(counts: Counts) -> Vec<Inline> {
    let mut out = Vec::new();
    for (n, class, one, many) in [
        (counts.errors, "error", "error", "errors"),
        (counts.warnings, "warning", "warning", "warnings"),
        (counts.infos, "info", "info", "infos"),
    ] {
        if n > 0 {
            out.extend([text(" "), badge(class, plural(n, one, many))]);
        }
    }
    out
}

fn kr_line(index: &Index<'_>, o: usize, k: usize, kr: &KeyResult) -> Line {
    let mut line = vec![
        link(kr.id.clone(), index.kr_href(o, k)),
        text(" "),
        badge(kr.commitment.as_str(), kr.commitment.as_str()),
        text(" "),
        badge("kind", kr.kind.as_str()),
        text(" "),
        Inline::Markdown(kr.text.value.clone()),
        text(format!(" — score {}", score(kr.score()))),
    ];
    if !kr.done.is_empty() {
        line.push(text(format!(", done {}/{}", kr.done_met(), kr.done.len())));
    }
    line
}
