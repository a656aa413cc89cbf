//! The dependency graph between teams and the dependencies at risk.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::Index;
use super::dependencies::{source_line, target_line};
use super::doc::{Inline, Item, Node, text};
use super::graph::{self, GraphLink, GraphNode};
use super::sections::{heading, paragraph, plural};
use crate::analysis::graph::target_team;
use crate::diagnostic::Risk;
use crate::render::Format;

struct Aggregate {
    link: GraphLink,
    risks: BTreeSet<Risk>,
}

pub(super) fn dependency_graph(index: &Index<'_>, edges: &[usize], nodes: &mut Vec<Node>) {
    let plan = index.plan();
    nodes.push(heading(index, 2, "graph", vec![text("Dependency graph")]));
    let mut teams: BTreeMap<(usize, &str), usize> = BTreeMap::new();
    for &o in &index.selected {
        let team = plan.objectives[o].team.as_str();
        *teams.entry((index.team_rank(team), team)).or_default() += 1;
    }
    for &e in edges {
        let edge = &plan.edges[e];
        let source = plan.objectives[edge.objective].team.as_str();
        teams.entry((index.team_rank(source), source)).or_default();
        if let Some(target) = target_team(plan, edge) {
            teams.entry((index.team_rank(target), target)).or_default();
        }
    }
    let position: HashMap<&str, usize> = teams
        .keys()
        .enumerate()
        .map(|(i, (_, t))| (*t, i))
        .collect();
    let mut links: BTreeMap<(usize, usize), Aggregate> = BTreeMap::new();
    let mut unresolved = Vec::new();
    for &e in edges {
        let edge = &plan.edges[e];
        let source = position[plan.objectives[edge.objective].team.as_str()];
        let Some(target) = target_team(plan, edge).map(|t| position[t]) else {
            unresolved.push(e);
            continue;
        };
        if source == target {
            continue;
        }
        let aggregate = links.entry((source, target)).or_insert_with(|| Aggregate {
            link: GraphLink {
                from: source,
                to: target,
                count: 0,
                risky: 0,
                asks: 0,
            },
            risks: BTreeSet::new(),
        });
        aggregate.link.count += 1;
        let risks = &index.risks[e];
        if risks.iter().any(|r| r.is_delivery_risk()) {
            aggregate.link.risky += 1;
        }
        if risks.contains(&Risk::OpenAsk) {
            aggregate.link.asks += 1;
        }
        aggregate.risks.extend(risks.iter().copied());
    }
    let names: Vec<&str> = teams.keys().map(|(_, t)| *t).collect();
    let at_risk: Vec<&Aggregate> = links.values().filter(|a| a.link.risky > 0).collect();
    if links.is_empty() {
        nodes.push(paragraph(
            "okr-index-empty",
            vec![text("No dependencies between teams in view.")],
        ));
    } else if index.cx.format == Format::Html {
        let graph_nodes: Vec<GraphNode> = teams
            .iter()
            .map(|((_, team), objectives)| GraphNode {
                name: team.to_string(),
                objectives: *objectives,
            })
            .collect();
        let graph_links: Vec<GraphLink> = links.values().map(|a| a.link.clone()).collect();
        let description = format!(
            "{} and {} between them ({} at risk). Each circle is a team, sized by its objectives; each arrow points from a team to the team it needs, labelled with the number of dependencies when more than one. Dashed arrows with a crossed head are at risk; dotted arrows with a hollow head are open asks.",
            plural(graph_nodes.len(), "team", "teams"),
            plural(
                graph_links.iter().map(|l| l.count).sum(),
                "cross-team dependency",
                "cross-team dependencies"
            ),
            at_risk.len()
        );
        nodes.push(Node::HtmlOnly(format!(
            "<figure class=\"okr-index-graph\">{}<figcaption>Solid arrow: fine. <span class=\"okr-graph-key-risky\">Dashed, crossed head: at risk</span> (stretch, partial, unresolved or cycle). <span class=\"okr-graph-key-ask\">Dotted, hollow head: open ask.</span> Hover an arrow or a circle for details.</figcaption></figure>",
            graph::svg(&format!("{}-graph", index.id_prefix), &graph_nodes, &graph_links, &description)
        )));
    }
    nodes.push(heading(
        index,
        3,
        "at-risk",
        vec![text("Dependencies at risk")],
    ));
    let mut items: Vec<Item> = at_risk
        .iter()
        .map(|a| {
            let reasons: Vec<&str> = a
                .risks
                .iter()
                .filter(|r| r.is_delivery_risk())
                .map(|r| r.label())
                .collect();
            Item {
                line: vec![
                    Inline::Strong(format!("{} → {}", names[a.link.from], names[a.link.to])),
                    text(format!(
                        ": {} of {} at risk ({})",
                        a.link.risky,
                        plural(a.link.count, "dependency", "dependencies"),
                        reasons.join(", ")
                    )),
                ],
                children: Vec::new(),
            }
        })
        .collect();
    for e in unresolved {
        let edge = &plan.edges[e];
        let mut line = vec![
            Inline::Strong(plan.objectives[edge.objective].team.clone()),
            text(" "),
        ];
        line.extend(source_line(index, edge));
        line.push(text(" needs "));
        line.extend(target_line(index, edge));
        line.push(text(", which names nothing in the book"));
        items.push(Item {
            line,
            children: Vec::new(),
        });
    }
    if items.is_empty() {
        nodes.push(paragraph(
            "okr-index-empty",
            vec![text("No dependency between teams is at risk.")],
        ));
    } else {
        nodes.push(Node::List {
            class: "okr-index-at-risk",
            items,
        });
    }
}
