//! Gaps: teams without OKRs, objectives without impact, KRs without a
//! Definition of Done, and the findings by rule.

use std::collections::{BTreeMap, HashSet};

use super::Index;
use super::doc::{Inline, Item, Node, badge, link, markdown_link, text};
use super::sections::{heading, is_impact, paragraph};
use crate::diagnostic::{Counts, Severity};
use crate::lint::Rule;
use crate::lint::rules::missing_definition_of_done::MissingDefinitionOfDone;
use crate::model::Quarter;

pub(super) fn gaps(index: &Index<'_>, nodes: &mut Vec<Node>) {
    let plan = index.plan();
    nodes.push(heading(index, 2, "gaps", vec![text("Gaps")]));

    nodes.push(heading(
        index,
        3,
        "gaps-teams",
        vec![text("Teams without OKRs")],
    ));
    match &index.config().teams {
        None => nodes.push(paragraph(
            "okr-index-empty",
            vec![text(
                "No `teams` are configured, so teams without OKRs cannot be known.",
            )],
        )),
        Some(teams) => {
            let present: HashSet<(Quarter, &str)> = plan
                .objectives
                .iter()
                .map(|o| (o.quarter, o.team.as_str()))
                .collect();
            let items: Vec<Item> = index
                .quarters
                .iter()
                .filter_map(|&quarter| {
                    let missing: Vec<&str> = teams
                        .iter()
                        .map(String::as_str)
                        .filter(|t| index.filter.team.as_deref().is_none_or(|f| f == *t))
                        .filter(|t| !present.contains(&(quarter, *t)))
                        .collect();
                    (!missing.is_empty()).then(|| Item {
                        line: vec![
                            Inline::Strong(quarter.to_string()),
                            text(format!(": {}", missing.join(", "))),
                        ],
                        children: Vec::new(),
                    })
                })
                .collect();
            if items.is_empty() {
                nodes.push(paragraph(
                    "okr-index-empty",
                    vec![text(
                        "Every configured team has OKRs in every quarter shown.",
                    )],
                ));
            } else {
                nodes.push(Node::List {
                    class: "okr-index-gaps",
                    items,
                });
            }
        }
    }

    let objective_label = |o: usize| {
        let objective = &plan.objectives[o];
        vec![
            text(format!("{} · {} · ", objective.quarter, objective.team)),
            markdown_link(objective.statement.clone(), index.objective_href(o)),
        ]
    };
    nodes.push(heading(
        index,
        3,
        "gaps-impact",
        vec![text("Objectives without an impact KR")],
    ));
    let items: Vec<Item> = index
        .selected
        .iter()
        .filter(|&&o| !plan.objectives[o].krs.iter().any(is_impact))
        .map(|&o| Item {
            line: objective_label(o),
            children: Vec::new(),
        })
        .collect();
    push_list_or(nodes, items, "Every objective in view has an impact KR.");

    nodes.push(heading(
        index,
        3,
        "gaps-done",
        vec![text("Key results without a Definition of Done")],
    ));
    // The rule's findings, so this list and the cards agree on which KRs
    // lack one (a KR whose sentence states its target needs none, and an
    // `allow` is honoured).
    let rule = &MissingDefinitionOfDone;
    let rule_is_off = crate::lint::severity(index.config(), rule).is_none();
    let items: Vec<Item> = index
        .cx
        .diagnostics
        .iter()
        .filter(|d| d.rule == rule.name())
        .filter_map(|d| Some((d.objective_index?, d.kr_index?)))
        .filter(|&(o, _)| index.in_view[o])
        .map(|(o, k)| {
            let kr = &plan.objectives[o].krs[k];
            let mut line = objective_label(o);
            line.extend([
                text(" · "),
                link(kr.id.clone(), index.kr_href(o, k)),
                text(": "),
                Inline::Markdown(kr.text.value.clone()),
            ]);
            Item {
                line,
                children: Vec::new(),
            }
        })
        .collect();
    let none_found = if rule_is_off {
        "The `missing-definition-of-done` rule is turned off, so this list is not made."
    } else {
        "Every key result in view has a Definition of Done or a target that settles it."
    };
    push_list_or(nodes, items, none_found);

    nodes.push(heading(
        index,
        3,
        "gaps-findings",
        vec![text("Findings by rule")],
    ));
    let unfiltered = index.filter == super::Filter::default();
    let mut by_rule: BTreeMap<&str, Counts> = BTreeMap::new();
    for d in index.cx.diagnostics {
        let in_view = d.objective_index.map_or(unfiltered, |o| index.in_view[o]);
        if in_view {
            by_rule.entry(d.rule).or_default().add(d.severity);
        }
    }
    if by_rule.is_empty() {
        nodes.push(paragraph("okr-index-empty", vec![text("No findings.")]));
        return;
    }
    let rows = by_rule
        .into_iter()
        .map(|(rule, counts)| {
            let worst = if counts.errors > 0 {
                Severity::Error
            } else if counts.warnings > 0 {
                Severity::Warning
            } else {
                Severity::Info
            };
            vec![
                vec![badge(worst.as_str(), rule)],
                vec![text(counts.errors.to_string())],
                vec![text(counts.warnings.to_string())],
                vec![text(counts.infos.to_string())],
            ]
        })
        .collect();
    nodes.push(Node::Table {
        class: "okr-index-rules",
        headers: vec!["Rule", "Errors", "Warnings", "Infos"],
        rows,
    });
}

fn push_list_or(nodes: &mut Vec<Node>, items: Vec<Item>, empty: &str) {
    if items.is_empty() {
        nodes.push(paragraph("okr-index-empty", vec![text(empty)]));
    } else {
        nodes.push(Node::List {
            class: "okr-index-gaps",
            items,
        });
    }
}
