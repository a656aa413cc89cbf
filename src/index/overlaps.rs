//! Work that two teams plan in one quarter.

use super::Index;
use super::doc::{Line, Node, link, text};
use super::sections::{heading, paragraph};
use crate::diagnostic::Subject;

pub(super) fn overlaps(index: &Index<'_>, nodes: &mut Vec<Node>) {
    let plan = index.plan();
    nodes.push(heading(
        index,
        2,
        "overlaps",
        vec![text("Overlaps between teams")],
    ));
    let rows: Vec<Vec<Line>> = index
        .cx
        .diagnostics
        .iter()
        .filter_map(|d| {
            let Some(Subject::Overlap { earlier, later, .. }) = &d.subject else {
                return None;
            };
            let o = d.objective_index.filter(|&o| index.in_view[o])?;
            // The finding sits on the later of the pair; "with" is the other.
            let other = if later.objective == o {
                earlier.objective
            } else {
                later.objective
            };
            let objective = &plan.objectives[o];
            let what = match d
                .kr_index
                .and_then(|k| objective.krs.get(k).map(|kr| (k, kr)))
            {
                Some((k, kr)) => link(format!("{}#{}", objective.id, kr.id), index.kr_href(o, k)),
                None => link(objective.id.clone(), index.objective_href(o)),
            };
            let with = vec![
                link(
                    plan.objectives[other].id.clone(),
                    index.objective_href(other),
                ),
                text(format!(" ({})", plan.objectives[other].team)),
            ];
            Some(vec![
                vec![text(objective.quarter.to_string())],
                vec![text(objective.team.clone())],
                vec![what],
                with,
                vec![text(d.message.clone())],
            ])
        })
        .collect();
    if rows.is_empty() {
        nodes.push(paragraph(
            "okr-index-empty",
            vec![text("No overlapping work found between teams.")],
        ));
        return;
    }
    nodes.push(Node::Table {
        class: "okr-index-overlaps",
        headers: vec!["Quarter", "Team", "Objective or KR", "With", "Shared work"],
        rows,
    });
}
