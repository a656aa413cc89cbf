//! The index's sections, in the order they are shown.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::deps::{self, Risk};
use super::doc::{Inline, Item, Line, Node, badge, link, text};
use super::graph::{self, GraphLink, GraphNode};
use super::{Index, count};
use crate::diagnostic::{Counts, Severity};
use crate::lint::{Lexicon, text::tokens};
use crate::model::{Commitment, KeyResult, Kind, Quarter};
use crate::plan::{Edge, Resolution};
use crate::render::Format;
use crate::render::anchor::slugify;

pub(super) fn all(index: &Index<'_>) -> Vec<Node> {
    let mut nodes = vec![caption(index)];
    summary(index, &mut nodes);
    objectives(index, &mut nodes);
    let edges = edges_in_view(index);
    dependencies(index, &edges, &mut nodes);
    dependency_graph(index, &edges, &mut nodes);
    initiatives(index, &mut nodes);
    overlaps(index, &mut nodes);
    gaps(index, &mut nodes);
    super::progress::section(index, &mut nodes);
    nodes
}

fn heading(index: &Index<'_>, level: u8, slug: &str, line: Line) -> Node {
    Node::Heading {
        level,
        id: format!("{}-{slug}", index.id_prefix),
        line,
    }
}

fn paragraph(class: &'static str, line: Line) -> Node {
    Node::Paragraph { class, line }
}

fn score(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |s| format!("{s:.1}"))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn quarter_slug(quarter: Quarter) -> String {
    slugify(&quarter.to_string())
}

/// A KR measures impact when it says so or carries a metric.
fn is_impact(kr: &KeyResult) -> bool {
    kr.kind == Kind::Impact || kr.metric.is_some()
}

fn caption(index: &Index<'_>) -> Node {
    let plan = index.plan();
    let krs: usize = index
        .selected
        .iter()
        .map(|&o| plan.objectives[o].krs.len())
        .sum();
    let teams: HashSet<&str> = index
        .selected
        .iter()
        .map(|&o| plan.objectives[o].team.as_str())
        .collect();
    let mut line = vec![text(format!(
        "{}, {} and {}",
        plural(index.selected.len(), "objective", "objectives"),
        plural(krs, "key result", "key results"),
        plural(teams.len(), "team", "teams")
    ))];
    let mut filters = Vec::new();
    if let Some(quarter) = index.filter.quarter {
        filters.push(format!("quarter {quarter}"));
    }
    if let Some(team) = &index.filter.team {
        filters.push(format!("team {team}"));
    }
    if !filters.is_empty() {
        line.push(text(format!(" (filtered: {})", filters.join(", "))));
    }
    if let Some(current) = index.config().quarter {
        line.push(text(format!("; current quarter {current}")));
    }
    line.push(text("."));
    paragraph("okr-index-caption", line)
}

// ---- 1. summary ------------------------------------------------------------

#[derive(Default)]
struct TeamStats {
    objectives: usize,
    committed: usize,
    stretch: usize,
    impact: usize,
    done_met: usize,
    done_total: usize,
    score: Option<f64>,
    findings: Counts,
}

fn team_stats(index: &Index<'_>, objectives: &[usize]) -> TeamStats {
    let mut stats = TeamStats::default();
    let mut scores = Vec::new();
    for &o in objectives {
        let objective = &index.plan().objectives[o];
        stats.objectives += 1;
        scores.extend(objective.score());
        let findings = index.findings[o];
        stats.findings.errors += findings.errors;
        stats.findings.warnings += findings.warnings;
        stats.findings.infos += findings.infos;
        for kr in &objective.krs {
            match kr.commitment {
                Commitment::Committed => stats.committed += 1,
                Commitment::Stretch => stats.stretch += 1,
            }
            stats.impact += usize::from(is_impact(kr));
            stats.done_met += kr.done_met();
            stats.done_total += kr.done.len();
        }
    }
    if !scores.is_empty() {
        stats.score = Some(scores.iter().sum::<f64>() / scores.len() as f64);
    }
    stats
}

/// How a past quarter's KRs ended, as graders read them.
#[derive(Default)]
struct Graded {
    met: usize,
    missed_with_postmortem: usize,
    missed_without_postmortem: usize,
    committed_unscored: usize,
    stretch_below: usize,
    stretch_in_band: usize,
    stretch_above: usize,
    stretch_unscored: usize,
}

fn graded(index: &Index<'_>, objectives: &[usize]) -> Graded {
    let mut graded = Graded::default();
    for &o in objectives {
        for kr in &index.plan().objectives[o].krs {
            match (kr.commitment, kr.score()) {
                (Commitment::Committed, None) => graded.committed_unscored += 1,
                // Compared exactly, as `missed-commitment` does: 0.97 is a miss.
                (Commitment::Committed, Some(s)) if s >= 1.0 => graded.met += 1,
                (Commitment::Committed, Some(_)) if kr.postmortem.is_some() => {
                    graded.missed_with_postmortem += 1;
                }
                (Commitment::Committed, Some(_)) => graded.missed_without_postmortem += 1,
                (Commitment::Stretch, None) => graded.stretch_unscored += 1,
                (Commitment::Stretch, Some(s)) => {
                    // The band is read on the one-decimal grade people see.
                    let grade = (s * 10.0).round() / 10.0;
                    if grade < 0.6 {
                        graded.stretch_below += 1;
                    } else if grade <= 0.7 {
                        graded.stretch_in_band += 1;
                    } else {
                        graded.stretch_above += 1;
                    }
                }
            }
        }
    }
    graded
}

fn summary(index: &Index<'_>, nodes: &mut Vec<Node>) {
    nodes.push(heading(index, 2, "summary", vec![text("Summary")]));
    for (quarter, teams) in index.by_quarter_and_team() {
        let mut title = vec![text(quarter.to_string())];
        if index.is_current(quarter) {
            title.extend([text(" "), badge("current", "current quarter")]);
        } else if index.is_past(quarter) {
            title.extend([text(" "), badge("past", "graded")]);
        }
        nodes.push(heading(
            index,
            3,
            &format!("summary-{}", quarter_slug(quarter)),
            title,
        ));
        if teams.is_empty() {
            nodes.push(paragraph(
                "okr-index-empty",
                vec![text("No objectives in this quarter.")],
            ));
            continue;
        }
        let rows = teams
            .iter()
            .map(|(team, objectives)| {
                let stats = team_stats(index, objectives);
                vec![
                    vec![index.team_link(team, objectives)],
                    vec![text(stats.objectives.to_string())],
                    vec![text(stats.committed.to_string())],
                    vec![text(stats.stretch.to_string())],
                    vec![text(stats.impact.to_string())],
                    vec![text(format!("{}/{}", stats.done_met, stats.done_total))],
                    vec![text(score(stats.score))],
                    vec![text(stats.findings.errors.to_string())],
                    vec![text(stats.findings.warnings.to_string())],
                    vec![text(stats.findings.infos.to_string())],
                ]
            })
            .collect();
        nodes.push(Node::Table {
            class: "okr-index-summary",
            headers: vec![
                "Team",
                "Objectives",
                "Committed KRs",
                "Stretch KRs",
                "Impact KRs",
                "Done items",
                "Score",
                "Errors",
                "Warnings",
                "Infos",
            ],
            rows,
        });
        if index.is_past(quarter) {
            let rows = teams
                .iter()
                .map(|(team, objectives)| {
                    let g = graded(index, objectives);
                    let cells = [
                        g.met,
                        g.missed_with_postmortem,
                        g.missed_without_postmortem,
                        g.committed_unscored,
                        g.stretch_below,
                        g.stretch_in_band,
                        g.stretch_above,
                        g.stretch_unscored,
                    ];
                    std::iter::once(vec![index.team_link(team, objectives)])
                        .chain(cells.iter().map(|n| vec![text(n.to_string())]))
                        .collect()
                })
                .collect();
            nodes.push(Node::Table {
                class: "okr-index-graded",
                headers: vec![
                    "Team",
                    "Committed met",
                    "Missed, with postmortem",
                    "Missed, no postmortem",
                    "Committed unscored",
                    "Stretch below 0.6",
                    "Stretch 0.6–0.7",
                    "Stretch above 0.7",
                    "Stretch unscored",
                ],
                rows,
            });
        }
    }
    for note in stretch_notes(index) {
        nodes.push(paragraph("okr-index-note", note));
    }
}

/// Teams whose stretch KRs reached 1.0 in every graded quarter, over two
/// quarters or more: their stretch goals were likely safe bets.
fn stretch_notes(index: &Index<'_>) -> Vec<Line> {
    let plan = index.plan();
    let mut by_team: BTreeMap<(usize, &str), BTreeMap<Quarter, bool>> = BTreeMap::new();
    for objective in &plan.objectives {
        if !index.is_past(objective.quarter) {
            continue;
        }
        for kr in objective
            .krs
            .iter()
            .filter(|kr| kr.commitment == Commitment::Stretch)
        {
            if let Some(s) = kr.score() {
                let all_full = by_team
                    .entry((index.team_rank(&objective.team), &objective.team))
                    .or_default()
                    .entry(objective.quarter)
                    .or_insert(true);
                *all_full &= s >= 1.0;
            }
        }
    }
    let teams_in_view: HashSet<&str> = index
        .selected
        .iter()
        .map(|&o| plan.objectives[o].team.as_str())
        .collect();
    by_team
        .into_iter()
        .filter(|((_, team), quarters)| {
            teams_in_view.contains(team) && quarters.len() >= 2 && quarters.values().all(|&full| full)
        })
        .map(|((_, team), quarters)| {
            let list: Vec<String> = quarters.keys().map(Quarter::to_string).collect();
            vec![
                badge("info", "info"),
                text(" "),
                Inline::Strong(team.to_string()),
                text(format!(
                    ": every stretch KR scored 1.0 in {} graded quarters ({}). Stretch goals that always land are committed work in disguise; a stretch goal succeeds at 0.6–0.7, so aim higher.",
                    quarters.len(),
                    list.join(", ")
                )),
            ]
        })
        .collect()
}

// ---- 2. objectives -------------------------------------------------------

fn objectives(index: &Index<'_>, nodes: &mut Vec<Node>) {
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
                    let mut line = vec![link(objective.statement.clone(), index.objective_href(o))];
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
        text(kr.text.value.clone()),
        text(format!(" — score {}", score(kr.score()))),
    ];
    if !kr.done.is_empty() {
        line.push(text(format!(", done {}/{}", kr.done_met(), kr.done.len())));
    }
    line
}

// ---- 3. dependencies -------------------------------------------------------

/// Edges touching the view: from or to an objective in view, or a `team:`
/// ask of the filtered team.
fn edges_in_view(index: &Index<'_>) -> Vec<usize> {
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

fn source_line(index: &Index<'_>, edge: &Edge) -> Line {
    let objective = &index.plan().objectives[edge.objective];
    let kr = &objective.krs[edge.kr];
    vec![link(
        format!("{}#{}", objective.id, kr.id),
        index.kr_href(edge.objective, edge.kr),
    )]
}

fn target_line(index: &Index<'_>, edge: &Edge) -> Line {
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

fn dependencies(index: &Index<'_>, edges: &[usize], nodes: &mut Vec<Node>) {
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
                vec![text(
                    deps::target_team(plan, edge).unwrap_or("–").to_string(),
                )],
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
        let Some(team) = deps::target_team(plan, edge) else {
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

// ---- 4. dependency graph ---------------------------------------------------

struct Aggregate {
    link: GraphLink,
    risks: BTreeSet<Risk>,
}

fn dependency_graph(index: &Index<'_>, edges: &[usize], nodes: &mut Vec<Node>) {
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
        if let Some(target) = deps::target_team(plan, edge) {
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
        let Some(target) = deps::target_team(plan, edge).map(|t| position[t]) else {
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

// ---- 5. multi-quarter initiatives -----------------------------------------

/// The same objective across quarters: case and spacing do not matter.
fn series_key(statement: &str) -> String {
    statement
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn content_words(text: &str, lexicon: &Lexicon) -> HashSet<String> {
    tokens(text)
        .into_iter()
        .map(|t| t.lower())
        .filter(|w| w.chars().count() > 1 && !lexicon.stop.contains(w))
        .collect()
}

fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        0.0
    } else {
        a.intersection(b).count() as f64 / union as f64
    }
}

fn initiatives(index: &Index<'_>, nodes: &mut Vec<Node>) {
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
            .entry((objective.team.as_str(), series_key(&objective.statement)))
            .or_default()
            .push(o);
    }
    // An objective reported as drifted joins the most similar initiative of
    // its team, so the old and new wordings sit side by side.
    let lexicon = Lexicon::new(&index.config().words);
    let mut drifted: HashMap<(&str, String), Vec<usize>> = HashMap::new();
    let drift_objectives: BTreeSet<usize> = index
        .cx
        .diagnostics
        .iter()
        .filter(|d| d.rule == "objective-drift")
        .filter_map(|d| d.objective_index)
        .collect();
    for o in drift_objectives {
        let objective = &plan.objectives[o];
        let own_key = series_key(&objective.statement);
        let words = content_words(&objective.statement, &lexicon);
        let best = groups
            .iter()
            .filter(|((team, key), _)| *team == objective.team && *key != own_key)
            .map(|(group, members)| {
                let other = content_words(&plan.objectives[members[0]].statement, &lexicon);
                (jaccard(&words, &other), group)
            })
            .filter(|(similarity, _)| *similarity > 0.0)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, group)) = best {
            drifted.entry(group.clone()).or_default().push(o);
        }
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
                link(
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
                vec![text(first.statement.clone())],
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

// ---- 6. overlaps -----------------------------------------------------------

/// Objectives a message names in backticks (`id` or `id#kr`), other than
/// the one it is reported on.
fn named_objectives(index: &Index<'_>, message: &str, own: usize) -> Vec<usize> {
    let mut found = Vec::new();
    for (i, quoted) in message.split('`').enumerate() {
        if i % 2 == 0 {
            continue;
        }
        let id = quoted.split('#').next().unwrap_or_default();
        if let Some(o) = index.plan().objective_by_id(id)
            && o != own
            && !found.contains(&o)
        {
            found.push(o);
        }
    }
    found
}

fn overlaps(index: &Index<'_>, nodes: &mut Vec<Node>) {
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
        .filter(|d| d.rule == "overlapping-objectives")
        .filter_map(|d| {
            let o = d.objective_index.filter(|&o| index.in_view[o])?;
            let objective = &plan.objectives[o];
            let what = match d
                .kr_index
                .and_then(|k| objective.krs.get(k).map(|kr| (k, kr)))
            {
                Some((k, kr)) => link(format!("{}#{}", objective.id, kr.id), index.kr_href(o, k)),
                None => link(objective.id.clone(), index.objective_href(o)),
            };
            let mut with = Vec::new();
            for (i, other) in named_objectives(index, &d.message, o)
                .into_iter()
                .enumerate()
            {
                if i > 0 {
                    with.push(text(", "));
                }
                with.extend([
                    link(
                        plan.objectives[other].id.clone(),
                        index.objective_href(other),
                    ),
                    text(format!(" ({})", plan.objectives[other].team)),
                ]);
            }
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

// ---- 7. gaps ---------------------------------------------------------------

fn gaps(index: &Index<'_>, nodes: &mut Vec<Node>) {
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
            link(objective.statement.clone(), index.objective_href(o)),
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
    let items: Vec<Item> = index
        .selected
        .iter()
        .flat_map(|&o| {
            plan.objectives[o]
                .krs
                .iter()
                .enumerate()
                .filter(|(_, kr)| kr.done.is_empty() && kr.metric.is_none())
                .map(move |(k, kr)| (o, k, kr))
        })
        .map(|(o, k, kr)| {
            let mut line = objective_label(o);
            line.extend([
                text(" · "),
                link(kr.id.clone(), index.kr_href(o, k)),
                text(": "),
                text(kr.text.value.clone()),
            ]);
            Item {
                line,
                children: Vec::new(),
            }
        })
        .collect();
    push_list_or(
        nodes,
        items,
        "Every key result in view has a Definition of Done or a metric target.",
    );

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
            count(by_rule.entry(d.rule).or_default(), d.severity);
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
