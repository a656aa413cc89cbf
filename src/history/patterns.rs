//! What a team's quarters say together: stretch goals met every time
//! (targets set too safe), commitments missed quarter after quarter, and
//! promises made easier once the quarter was under way.
//!
//! A quarter is graded once it is over (its last day is before today).

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::analysis::revisions::target_got_easier;
use crate::model::{Commitment, Quarter};
use crate::plan::Plan;

use super::{History, quarter_span};

/// A run of graded quarters in a row is a pattern from this many on.
pub const RUN_LENGTH: usize = 2;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Patterns {
    /// Teams whose every stretch key result scored 1.0 in graded quarters
    /// in a row.
    pub stretch_always_met: Vec<Run>,
    /// Teams that missed a committed key result in graded quarters in a row.
    pub committed_missed: Vec<Run>,
    /// Targets made easier or commitments changed after the quarter began.
    pub late_changes: Vec<LateChange>,
}

impl Patterns {
    pub fn is_empty(&self) -> bool {
        self.stretch_always_met.is_empty()
            && self.committed_missed.is_empty()
            && self.late_changes.is_empty()
    }
}

/// Quarters in a row of one team, with the key results that make them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Run {
    pub team: String,
    #[serde(serialize_with = "super::as_text::quarters")]
    pub quarters: Vec<Quarter>,
    pub krs: Vec<KrScore>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KrScore {
    #[serde(serialize_with = "super::as_text::quarter")]
    pub quarter: Quarter,
    pub objective: String,
    pub kr: String,
    pub text: String,
    pub score: Option<f64>,
    /// Its place in the current plan, for a finding or a link.
    #[serde(skip)]
    pub objective_index: usize,
    #[serde(skip)]
    pub kr_index: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Change {
    TargetLowered {
        from: f64,
        to: f64,
    },
    CommitmentChanged {
        #[serde(serialize_with = "super::as_text::commitment")]
        from: Commitment,
        #[serde(serialize_with = "super::as_text::commitment")]
        to: Commitment,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LateChange {
    pub team: String,
    #[serde(serialize_with = "super::as_text::quarter")]
    pub quarter: Quarter,
    pub objective: String,
    pub kr: String,
    pub text: String,
    pub change: Change,
    pub commit: String,
    pub date: Date,
    pub author: String,
    /// Its place in the current plan, when the key result is still in it.
    #[serde(skip)]
    pub place: Option<(usize, usize)>,
}

pub fn find(plan: &Plan, history: &History, today: Date) -> Patterns {
    Patterns {
        stretch_always_met: runs(plan, today, |scores| {
            let stretch: Vec<&KrScore> = scores
                .iter()
                .filter(|(c, _)| *c == Commitment::Stretch)
                .map(|(_, s)| s)
                .collect();
            let all_met = !stretch.is_empty() && stretch.iter().all(|s| met(s.score));
            if all_met { stretch } else { Vec::new() }
        }),
        committed_missed: runs(plan, today, |scores| {
            scores
                .iter()
                .filter(|(c, s)| *c == Commitment::Committed && !met(s.score))
                .map(|(_, s)| s)
                .collect()
        }),
        late_changes: late_changes(history),
    }
}

fn met(score: Option<f64>) -> bool {
    score.is_some_and(|s| s >= 1.0)
}

/// A team's graded quarters, each with its key results.
type Graded = BTreeMap<Quarter, Vec<(Commitment, KrScore)>>;

/// For each team, the runs of graded quarters in a row for which `pick`
/// names some key results.
fn runs(
    plan: &Plan,
    today: Date,
    pick: impl Fn(&[(Commitment, KrScore)]) -> Vec<&KrScore>,
) -> Vec<Run> {
    let mut by_team: BTreeMap<&str, Graded> = BTreeMap::new();
    for (o, objective) in plan.objectives.iter().enumerate() {
        if quarter_span(objective.quarter).1 > today {
            continue;
        }
        let quarter = by_team
            .entry(objective.team.as_str())
            .or_default()
            .entry(objective.quarter)
            .or_default();
        for (k, kr) in objective.krs.iter().enumerate() {
            quarter.push((
                kr.commitment,
                KrScore {
                    quarter: objective.quarter,
                    objective: objective.id.clone(),
                    kr: kr.id.clone(),
                    text: kr.text.value.clone(),
                    score: kr.score(),
                    objective_index: o,
                    kr_index: k,
                },
            ));
        }
    }
    let mut runs = Vec::new();
    for (team, quarters) in by_team {
        let mut current: Option<Run> = None;
        for (quarter, scores) in quarters {
            let picked = pick(&scores);
            let follows = current
                .as_ref()
                .is_some_and(|run| run.quarters.last().map(|q| q.next()) == Some(quarter));
            if picked.is_empty() || !follows {
                runs.extend(current.take().filter(|r| r.quarters.len() >= RUN_LENGTH));
            }
            if picked.is_empty() {
                continue;
            }
            let run = current.get_or_insert_with(|| Run {
                team: team.to_string(),
                quarters: Vec::new(),
                krs: Vec::new(),
            });
            run.quarters.push(quarter);
            run.krs.extend(picked.into_iter().cloned());
        }
        runs.extend(current.filter(|r| r.quarters.len() >= RUN_LENGTH));
    }
    runs
}

/// Every commit that made a target easier or changed a commitment of a
/// key result on or after its quarter's first day.
fn late_changes(history: &History) -> Vec<LateChange> {
    let place_of: BTreeMap<usize, (usize, usize)> = history
        .of_kr
        .iter()
        .map(|(&place, &t)| (t, place))
        .collect();
    let mut changes = Vec::new();
    for (t, track) in history.tracks.iter().enumerate() {
        for pair in track.points.windows(2) {
            let (was, is) = (&pair[0].state, &pair[1].state);
            let commit = &history.commits[pair[1].commit];
            if was.quarter != is.quarter || commit.date() < quarter_span(is.quarter).0 {
                continue;
            }
            let mut found = Vec::new();
            if let (Some(before), Some(after)) = (&was.metric, &is.metric)
                && before.unit == after.unit
                && target_got_easier(before, after)
            {
                found.push(Change::TargetLowered {
                    from: before.to,
                    to: after.to,
                });
            }
            if was.commitment != is.commitment {
                found.push(Change::CommitmentChanged {
                    from: was.commitment,
                    to: is.commitment,
                });
            }
            changes.extend(found.into_iter().map(|change| LateChange {
                team: is.team.clone(),
                quarter: is.quarter,
                objective: is.objective.clone(),
                kr: is.kr.clone(),
                text: is.text.clone(),
                change,
                commit: commit.short_id().to_string(),
                date: commit.date(),
                author: commit.author.clone(),
                place: place_of.get(&t).copied(),
            }));
        }
    }
    changes.sort_by(|a, b| (&a.team, a.quarter, a.date).cmp(&(&b.team, b.quarter, b.date)));
    changes
}
