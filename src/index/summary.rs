//! The summary: per quarter and team, counts, scores and findings; for
//! past quarters, how the key results were graded.

use std::collections::{BTreeMap, HashSet};

use super::Index;
use super::doc::{Inline, Line, Node, badge, text};
use super::sections::{heading, is_impact, paragraph, quarter_slug, score};
use crate::diagnostic::Counts;
use crate::grade::{self, Band};
use crate::model::{Commitment, Quarter};

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
            let Some(grade) = grade::of(kr) else {
                match kr.commitment {
                    Commitment::Committed => graded.committed_unscored += 1,
                    Commitment::Stretch => graded.stretch_unscored += 1,
                }
                continue;
            };
            match grade.band {
                Band::Met => graded.met += 1,
                Band::Missed if grade.postmortem => graded.missed_with_postmortem += 1,
                Band::Missed => graded.missed_without_postmortem += 1,
                Band::Below => graded.stretch_below += 1,
                Band::OnTarget => graded.stretch_in_band += 1,
                Band::Above => graded.stretch_above += 1,
            }
        }
    }
    graded
}

pub(super) fn summary(index: &Index<'_>, nodes: &mut Vec<Node>) {
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
            if let Some(grade) = grade::of(kr) {
                let all_full = by_team
                    .entry((index.team_rank(&objective.team), &objective.team))
                    .or_default()
                    .entry(objective.quarter)
                    .or_insert(true);
                *all_full &= grade.score >= 1.0;
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
