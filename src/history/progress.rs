//! Where each key result stands against the calendar: its score at each
//! commit, when its progress last changed, the score a straight line from
//! the quarter's first day to its last expects today, and a status.
//!
//! The status compares the score with that expectation (scaled down by
//! `stretch-pace` for a stretch key result, which succeeds at 0.6 to 0.7):
//! no more than `at-risk-gap` behind is on track, no more than
//! `off-track-gap` behind is at risk, further behind is off track. Only an
//! open quarter has a status; a key result without a score has none.

use anyhow::{Result, bail};
use jiff::civil::Date;
use serde::Serialize;

use crate::config::{Config, HistorySettings};
use crate::model::{Commitment, Quarter};
use crate::plan::Plan;

use super::{History, Missing, Track, patterns, quarter_span};

/// The environment variable that pins "today" (it wins over `today` in
/// `book.toml`).
pub const TODAY_VARIABLE: &str = "MDBOOK_OKR_TODAY";

/// The day progress is judged at: `MDBOOK_OKR_TODAY`, else `today` in the
/// configuration, else the clock's day in UTC.
pub fn today(config: &Config) -> Result<Date> {
    if let Some(value) = std::env::var_os(TODAY_VARIABLE).filter(|v| !v.is_empty()) {
        let value = value.to_string_lossy();
        let Ok(date) = value.parse() else {
            bail!("{TODAY_VARIABLE}: `{value}` is not a date; write it as `YYYY-MM-DD`");
        };
        return Ok(date);
    }
    Ok(config.today.unwrap_or_else(|| {
        jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::UTC)
            .date()
    }))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    OnTrack,
    AtRisk,
    OffTrack,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::OnTrack => "on track",
            Status::AtRisk => "at risk",
            Status::OffTrack => "off track",
        }
    }

    /// The class that colours its badge: `okr-status-…` on a card,
    /// `okr-index-badge-status-…` in the index.
    pub fn class(self) -> &'static str {
        match self {
            Status::OnTrack => "status-on-track",
            Status::AtRisk => "status-at-risk",
            Status::OffTrack => "status-off-track",
        }
    }
}

/// The class of the stale badge, beside [`Status::class`].
pub const STALE_CLASS: &str = "status-stale";

/// A key result's score as of one commit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScorePoint {
    pub commit: String,
    pub date: Date,
    pub score: Option<f64>,
}

/// One key result of the current plan, over time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KrProgress {
    /// Its place in the current plan.
    #[serde(skip)]
    pub objective_index: usize,
    #[serde(skip)]
    pub kr_index: usize,
    pub team: String,
    #[serde(serialize_with = "super::as_text::quarter")]
    pub quarter: Quarter,
    pub objective: String,
    pub kr: String,
    pub text: String,
    #[serde(serialize_with = "super::as_text::commitment")]
    pub commitment: Commitment,
    /// The score in the plan being built.
    pub score: Option<f64>,
    /// The committed scores, a point per commit that changed the score.
    pub scores: Vec<ScorePoint>,
    /// The commit day of the last change to `current` or to a Definition
    /// of Done box (the day the key result appeared, if none since).
    pub last_progress: Option<Date>,
    /// The score expected today, while its quarter is open.
    pub expected: Option<f64>,
    pub status: Option<Status>,
    pub stale: bool,
}

/// The progress of every key result, with the team patterns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub today: Date,
    /// Why there is no history, when there is none; statuses are still
    /// computed from the plan and the calendar.
    pub missing: Option<Missing>,
    pub settings: Settings,
    pub krs: Vec<KrProgress>,
    pub patterns: patterns::Patterns,
}

/// The thresholds the report used, so a reader can check a status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Settings {
    pub at_risk_gap: f64,
    pub off_track_gap: f64,
    pub stretch_pace: f64,
    pub stale_weeks: u32,
}

impl From<&HistorySettings> for Settings {
    fn from(s: &HistorySettings) -> Self {
        Settings {
            at_risk_gap: s.at_risk_gap,
            off_track_gap: s.off_track_gap,
            stretch_pace: s.stretch_pace,
            stale_weeks: s.stale_weeks,
        }
    }
}

impl Report {
    /// The key results at risk, off track or stale, in plan order.
    pub fn needing_attention(&self) -> impl Iterator<Item = &KrProgress> {
        self.krs
            .iter()
            .filter(|kr| kr.stale || matches!(kr.status, Some(Status::AtRisk | Status::OffTrack)))
    }

    pub fn of_kr(&self, objective: usize, kr: usize) -> Option<&KrProgress> {
        // The key results are in plan order.
        self.krs
            .binary_search_by_key(&(objective, kr), |p| (p.objective_index, p.kr_index))
            .ok()
            .map(|i| &self.krs[i])
    }
}

/// Judges every key result of `plan` at `today`.
pub fn report(plan: &Plan, history: &History, settings: &HistorySettings, today: Date) -> Report {
    let mut krs = Vec::new();
    for (o, objective) in plan.objectives.iter().enumerate() {
        for (k, kr) in objective.krs.iter().enumerate() {
            let track = history.track_of(o, k);
            let score = kr.score();
            let last_progress = track.map(|t| last_progress(history, t));
            let expected = expected_score(objective.quarter, kr.commitment, settings, today);
            let status = expected
                .zip(score)
                .map(|(expected, score)| status(expected - score, settings));
            let (start, _) = quarter_span(objective.quarter);
            let stale = expected.is_some()
                && score.is_some_and(|s| s < 1.0)
                && last_progress.is_some_and(|day| {
                    days_between(day.max(start), today) >= i64::from(settings.stale_weeks) * 7
                });
            krs.push(KrProgress {
                objective_index: o,
                kr_index: k,
                team: objective.team.clone(),
                quarter: objective.quarter,
                objective: objective.id.clone(),
                kr: kr.id.clone(),
                text: kr.text.value.clone(),
                commitment: kr.commitment,
                score,
                scores: track.map(|t| score_points(history, t)).unwrap_or_default(),
                last_progress,
                expected,
                status,
                stale,
            });
        }
    }
    Report {
        today,
        missing: history.missing,
        settings: settings.into(),
        krs,
        patterns: patterns::find(plan, history, today),
    }
}

/// Days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    from.since(to)
        .map(|span| -i64::from(span.get_days()))
        .unwrap_or(0)
}

/// Where a straight line from 0 on the quarter's first day to 1 on the day
/// after its last stands `today`; `None` outside the quarter.
fn expected_score(
    quarter: Quarter,
    commitment: Commitment,
    settings: &HistorySettings,
    today: Date,
) -> Option<f64> {
    let (start, end) = quarter_span(quarter);
    if today < start || today >= end {
        return None;
    }
    let share = days_between(start, today) as f64 / days_between(start, end) as f64;
    Some(match commitment {
        Commitment::Committed => share,
        Commitment::Stretch => share * settings.stretch_pace,
    })
}

fn status(behind: f64, settings: &HistorySettings) -> Status {
    // Scores are compared at the two decimals a reader sees.
    let behind = (behind * 100.0).round() / 100.0;
    if behind <= settings.at_risk_gap {
        Status::OnTrack
    } else if behind <= settings.off_track_gap {
        Status::AtRisk
    } else {
        Status::OffTrack
    }
}

fn last_progress(history: &History, track: &Track) -> Date {
    let mut last = &track.points[0];
    let mut day = history.commits[last.commit].date();
    for point in &track.points[1..] {
        if point.state.progress_differs(&last.state) {
            day = history.commits[point.commit].date();
        }
        last = point;
    }
    day
}

fn score_points(history: &History, track: &Track) -> Vec<ScorePoint> {
    let mut points: Vec<ScorePoint> = Vec::new();
    for point in &track.points {
        if points.last().is_some_and(|p| p.score == point.state.score) {
            continue;
        }
        let commit = &history.commits[point.commit];
        points.push(ScorePoint {
            commit: commit.short_id().to_string(),
            date: commit.date(),
            score: point.state.score,
        });
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    const Q2: Quarter = Quarter {
        year: 2026,
        number: 2,
    };

    #[test]
    fn the_line_runs_from_the_first_day_to_the_day_after_the_last() {
        let settings = HistorySettings::default();
        let expect = |d| expected_score(Q2, Commitment::Committed, &settings, day(d));
        assert_eq!(expect("2026-04-01"), Some(0.0));
        assert_eq!(expect("2026-03-31"), None);
        assert_eq!(expect("2026-07-01"), None);
        // 45 of the quarter's 91 days.
        assert_eq!(expect("2026-05-16"), Some(45.0 / 91.0));
        let stretch = expected_score(Q2, Commitment::Stretch, &settings, day("2026-05-16"));
        assert_eq!(stretch, Some(45.0 / 91.0 * 0.7));
    }

    #[test]
    fn the_gap_to_the_line_decides_the_status() {
        let settings = HistorySettings::default();
        assert_eq!(status(-0.3, &settings), Status::OnTrack);
        assert_eq!(status(0.1, &settings), Status::OnTrack);
        assert_eq!(status(0.11, &settings), Status::AtRisk);
        assert_eq!(status(0.25, &settings), Status::AtRisk);
        assert_eq!(status(0.26, &settings), Status::OffTrack);
    }

    #[test]
    fn days_count_forwards() {
        assert_eq!(days_between(day("2026-04-01"), day("2026-04-22")), 21);
        assert_eq!(days_between(day("2026-04-22"), day("2026-04-01")), -21);
    }
}
