//! Progress over time, read from the book's Git history.
//!
//! A plan kept in Git already records every check-in: each change to a
//! `current` value, a Definition of Done box, a target or a commitment is a
//! dated commit. `book::history::read` walks those commits and follows each
//! key result across them, paired from one revision to the next the way
//! `diff` pairs two plans (by id, then by text). [`progress`] turns the
//! tracks into a status per key result; [`patterns`] looks across a team's
//! quarters.
//!
//! History comes before linting and rendering: it is plans across
//! revisions, and the later stages are handed what it found.

pub mod format;
pub mod patterns;
pub mod progress;

use std::collections::HashMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::model::{Commitment, KeyResult, Location, Metric, Objective, Quarter};

/// One commit that changed the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub id: String,
    /// `Name <email>`, after `.mailmap`.
    pub author: String,
    /// Seconds since the Unix epoch.
    pub author_time: i64,
    pub commit_time: i64,
}

impl Commit {
    /// The day the commit reached the branch, in UTC: the change is part of
    /// the plan from then on.
    pub fn date(&self) -> Date {
        utc_date(self.commit_time)
    }

    pub fn short_id(&self) -> &str {
        &self.id[..self.id.len().min(10)]
    }
}

fn utc_date(seconds: i64) -> Date {
    jiff::Timestamp::from_second(seconds)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}

/// Why there is no history to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Missing {
    NoGit,
    NotARepository,
    NoCommits,
    ShallowClone,
}

impl Missing {
    /// What is missing and how to get it, said once per run.
    pub fn advice(self) -> &'static str {
        match self {
            Missing::NoGit => {
                "progress history is not shown: `git` cannot be run here; install git to see trends, pace and staleness"
            }
            Missing::NotARepository => {
                "progress history is not shown: the book is not inside a git repository"
            }
            Missing::NoCommits => {
                "progress history is not shown: the repository has no commit of the book yet"
            }
            Missing::ShallowClone => {
                "progress history is not shown: this is a shallow clone, so the book's earlier commits are missing; \
                 fetch the whole history (`git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout)"
            }
        }
    }
}

/// A key result as one commit left it: what the history needs of it.
#[derive(Debug, Clone, PartialEq)]
pub struct KrState {
    pub objective: String,
    pub kr: String,
    pub team: String,
    pub quarter: Quarter,
    pub text: String,
    pub commitment: Commitment,
    /// The metric's baseline and target, when it has one.
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub unit: Option<String>,
    /// What progress is made of: the metric's `current` and which
    /// Definition of Done items are met.
    pub current: Option<f64>,
    pub done_met: Vec<bool>,
    pub score: Option<f64>,
    /// The metric, for comparisons `diff` already knows how to make; its
    /// place in the file is dropped, since moving text is no change.
    pub metric: Option<Metric>,
}

impl KrState {
    /// What `kr` of `objective` says at one commit.
    pub fn of(objective: &Objective, kr: &KeyResult) -> KrState {
        let metric = kr.metric.as_ref();
        KrState {
            objective: objective.id.clone(),
            kr: kr.id.clone(),
            team: objective.team.clone(),
            quarter: objective.quarter,
            text: kr.text.value.clone(),
            commitment: kr.commitment,
            baseline: metric.map(|m| m.from),
            target: metric.map(|m| m.to),
            unit: metric.and_then(|m| m.unit.clone()),
            current: metric.and_then(|m| m.current),
            done_met: kr.done.iter().map(|d| d.met).collect(),
            score: kr.score(),
            metric: metric.map(|m| Metric {
                location: Location {
                    file: 0,
                    span: 0..0,
                },
                ..m.clone()
            }),
        }
    }

    /// True when `other` records different progress: a new `current` or
    /// another set of boxes ticked (a changed target is not progress).
    fn progress_differs(&self, other: &KrState) -> bool {
        self.current != other.current || self.done_met != other.done_met
    }
}

/// A key result's state from the commit it changed at.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Index into [`History::commits`].
    pub commit: usize,
    pub state: KrState,
}

/// One key result followed across commits: a point per commit that
/// changed it, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Track {
    pub points: Vec<Point>,
}

impl Track {
    pub fn last(&self) -> &KrState {
        // A track is made with its first point.
        &self.points[self.points.len() - 1].state
    }
}

/// What the book's history says, for the plan being built.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// Why the history is empty, when it is.
    pub missing: Option<Missing>,
    /// Every commit that changed the book, oldest first.
    pub commits: Vec<Commit>,
    pub tracks: Vec<Track>,
    /// The track of each key result of the current plan:
    /// (objective, kr) index -> index into `tracks`.
    pub of_kr: HashMap<(usize, usize), usize>,
}

impl History {
    pub fn track_of(&self, objective: usize, kr: usize) -> Option<&Track> {
        self.of_kr.get(&(objective, kr)).map(|&t| &self.tracks[t])
    }
}

/// The first day of a quarter and the first day after it.
pub fn quarter_span(quarter: Quarter) -> (Date, Date) {
    let start =
        |q: Quarter| Date::new(q.year as i16, (q.number * 3 - 2) as i8, 1).unwrap_or(Date::MIN);
    (start(quarter), start(quarter.next()))
}

/// Quarters and commitments written as the plan writes them.
pub(crate) mod as_text {
    use serde::Serializer;

    use crate::model::{Commitment, Quarter};

    pub fn quarter<S: Serializer>(quarter: &Quarter, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(quarter)
    }

    pub fn quarters<S: Serializer>(quarters: &[Quarter], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(quarters.iter().map(ToString::to_string))
    }

    pub fn commitment<S: Serializer>(commitment: &Commitment, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(commitment.as_str())
    }
}
