//! The index's progress section, when the build read the book's history:
//! the key results in view that are at risk, off track or stale, and the
//! team patterns across quarters.

use super::Index;
use super::doc::{Item, Line, Node, badge, link, text};
use crate::history::patterns::{Change, Run};
use crate::history::progress::{STALE_CLASS, Status};

pub(super) fn section(index: &Index<'_>, nodes: &mut Vec<Node>) {
    let Some(report) = index.cx.progress else {
        return;
    };
    let in_view = |o: usize| index.in_view.get(o).copied().unwrap_or(false);
    nodes.push(Node::Heading {
        level: 2,
        id: format!("{}-progress", index.id_prefix),
        line: vec![text(format!("Progress as of {}", report.today))],
    });
    let rows: Vec<Vec<Line>> = report
        .needing_attention()
        .filter(|kr| in_view(kr.objective_index))
        .map(|kr| {
            let mut state = Vec::new();
            if let Some(status) = kr.status.filter(|s| *s != Status::OnTrack) {
                state.push(badge(status.class(), status.as_str()));
            }
            if kr.stale {
                state.push(badge(STALE_CLASS, "stale"));
            }
            let two = |s: Option<f64>| s.map_or_else(|| "–".to_string(), |s| format!("{s:.2}"));
            vec![
                vec![text(&kr.team)],
                vec![link(
                    &kr.text,
                    index.kr_href(kr.objective_index, kr.kr_index),
                )],
                vec![text(two(kr.score))],
                vec![text(two(kr.expected))],
                state,
                vec![text(
                    kr.last_progress.map(|d| d.to_string()).unwrap_or_default(),
                )],
            ]
        })
        .collect();
    if rows.is_empty() {
        nodes.push(Node::Paragraph {
            class: "okr-index-progress",
            line: vec![text(
                "No key result in view is at risk, off track or stale.",
            )],
        });
    } else {
        nodes.push(Node::Table {
            class: "okr-index-progress",
            headers: vec![
                "Team",
                "Key result",
                "Score",
                "Expected",
                "Status",
                "Last progress",
            ],
            rows,
        });
    }
    let patterns = &report.patterns;
    let mut items = Vec::new();
    let runs = |runs: &[Run], what: &str, items: &mut Vec<Item>| {
        for run in runs {
            let quarters: Vec<String> = run.quarters.iter().map(ToString::to_string).collect();
            items.push(Item {
                line: vec![text(format!(
                    "{}: {what} in {}",
                    run.team,
                    quarters.join(", ")
                ))],
                children: run
                    .krs
                    .iter()
                    .map(|kr| {
                        vec![link(
                            format!("{} {}", kr.quarter, kr.text),
                            index.kr_href(kr.objective_index, kr.kr_index),
                        )]
                    })
                    .collect(),
            });
        }
    };
    runs(
        &patterns.stretch_always_met,
        "every stretch key result met (targets set too safe?)",
        &mut items,
    );
    runs(
        &patterns.committed_missed,
        "committed key results missed",
        &mut items,
    );
    for change in &patterns.late_changes {
        let what = match &change.change {
            Change::TargetLowered { from, to } => {
                format!("target made easier, from {from} to {to},")
            }
            Change::CommitmentChanged { from, to } => {
                format!("changed from {} to {}", from.as_str(), to.as_str())
            }
        };
        let name = format!("{} {}", change.quarter, change.text);
        items.push(Item {
            line: vec![
                text(format!("{}: ", change.team)),
                link(name, change.place.and_then(|(o, k)| index.kr_href(o, k))),
                text(format!(
                    ": {what} after the quarter started, in {} on {} by {}",
                    change.commit, change.date, change.author
                )),
            ],
            children: Vec::new(),
        });
    }
    if !items.is_empty() {
        nodes.push(Node::List {
            class: "okr-index-patterns",
            items,
        });
    }
}
