//! How a key result of a past quarter ended: the one reading of a score that
//! the cards, the index, `missed-commitment`, `export` and `diff` share.
//!
//! - A committed KR is expected to reach 1.0. Met means a score of at least
//!   1.0 compared exactly, before any rounding: 0.97 is a miss even though
//!   it shows as 1.0.
//! - A stretch KR is expected to land at 0.6–0.7. The band is read on the
//!   one-decimal grade people see, so a card that shows "final 0.6" never
//!   calls it below 0.6: 4 of 7 items met (0.571) is on target.
//! - A postmortem that is empty or only spaces is no postmortem.

use crate::model::{Commitment, KeyResult, Quarter};

/// Where a graded score falls against what its commitment expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    /// A committed KR that reached 1.0.
    Met,
    /// A committed KR below 1.0.
    Missed,
    /// A stretch KR graded below 0.6.
    Below,
    /// A stretch KR graded 0.6 to 0.7.
    OnTarget,
    /// A stretch KR graded above 0.7: maybe not a stretch.
    Above,
}

impl Band {
    /// The stable name used in the cards' class names.
    pub fn as_str(self) -> &'static str {
        match self {
            Band::Met => "met",
            Band::Missed => "missed",
            Band::Below => "below",
            Band::OnTarget => "on-target",
            Band::Above => "above",
        }
    }
}

/// The grade of one scored key result.
#[derive(Debug, Clone, PartialEq)]
pub struct Grade {
    /// The score, 0.0..=1.0, as computed.
    pub score: f64,
    /// The score to one decimal, as every page shows it.
    pub shown: String,
    pub band: Band,
    /// Whether a non-blank `postmortem` explains the result.
    pub postmortem: bool,
}

impl Grade {
    pub fn is_missed(&self) -> bool {
        self.band == Band::Missed
    }

    /// The card's sentence: "final 0.6, 0.6–0.7 expected of a stretch
    /// goal: on target".
    pub fn sentence(&self) -> String {
        match self.band {
            Band::Met => "final 1.0 of 1.0 expected: met".to_string(),
            Band::Missed => format!(
                "final {} of 1.0 expected: missed{}",
                // One decimal would show a 0.97 as 1.0: round down instead.
                if self.shown == "1.0" {
                    format!("{:.2}", (self.score * 100.0).floor() / 100.0)
                } else {
                    self.shown.clone()
                },
                if self.postmortem {
                    ", postmortem written"
                } else {
                    ", no postmortem"
                }
            ),
            Band::Below => format!(
                "final {}, 0.6–0.7 expected of a stretch goal: below",
                self.shown
            ),
            Band::OnTarget => format!(
                "final {}, 0.6–0.7 expected of a stretch goal: on target",
                self.shown
            ),
            Band::Above => format!(
                "final {}, 0.6–0.7 expected of a stretch goal: above, maybe not a stretch",
                self.shown
            ),
        }
    }
}

/// A score to one decimal, as shown: `0.571` is `"0.6"`.
pub fn one_decimal(score: f64) -> String {
    format!("{:.1}", score.clamp(0.0, 1.0))
}

/// The one-decimal grade as a number, for reports that carry numbers.
pub fn rounded(score: f64) -> f64 {
    one_decimal(score).parse().unwrap_or(score)
}

/// The KR's postmortem when it says something: blank counts as none.
pub fn postmortem(kr: &KeyResult) -> Option<&str> {
    kr.postmortem.as_deref().filter(|p| !p.trim().is_empty())
}

/// The grade of `kr`, whatever its quarter; `None` without a score.
pub fn of(kr: &KeyResult) -> Option<Grade> {
    let score = kr.score().filter(|s| s.is_finite())?;
    let shown = one_decimal(score);
    // Tenths of the grade shown, so the band agrees with the digits.
    let tenths = (shown.parse().unwrap_or(score) * 10.0).round() as i64;
    let band = match kr.commitment {
        Commitment::Committed if score >= 1.0 => Band::Met,
        Commitment::Committed => Band::Missed,
        Commitment::Stretch if tenths < 6 => Band::Below,
        Commitment::Stretch if tenths <= 7 => Band::OnTarget,
        Commitment::Stretch => Band::Above,
    };
    Some(Grade {
        score,
        shown,
        band,
        postmortem: postmortem(kr).is_some(),
    })
}

/// The grade of `kr` of `quarter` when that quarter is before the current
/// one: only finished quarters are graded.
pub fn past(current: Option<Quarter>, quarter: Quarter, kr: &KeyResult) -> Option<Grade> {
    if current.is_none_or(|current| quarter >= current) {
        return None;
    }
    of(kr)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::plan::Plan;

    fn kr(fields: &str) -> KeyResult {
        let text = format!(
            "```okr\nid = \"o\"\nteam = \"a\"\nquarter = \"2026-Q1\"\nobjective = \"o\"\n[[kr]]\ntext = \"t\"\n{fields}\n```\n"
        );
        let plan = Plan::from_chapter("a.md", &text, &Config::default());
        plan.objectives[0].krs[0].clone()
    }

    #[test]
    fn a_stretch_band_is_read_on_the_grade_shown() {
        let four_of_seven = kr(
            "commitment = \"stretch\"\ndone = [\"[x] a\", \"[x] b\", \"[x] c\", \"[x] d\", \"[ ] e\", \"[ ] f\", \"[ ] g\"]",
        );
        let grade = of(&four_of_seven).unwrap();
        assert_eq!(grade.shown, "0.6");
        assert_eq!(grade.band, Band::OnTarget);
        let low = of(&kr(
            "commitment = \"stretch\"\nmetric = { from = 0, to = 100, current = 54 }",
        ))
        .unwrap();
        assert_eq!((low.shown.as_str(), low.band), ("0.5", Band::Below));
        let high = of(&kr(
            "commitment = \"stretch\"\nmetric = { from = 0, to = 100, current = 75 }",
        ))
        .unwrap();
        assert_eq!((high.shown.as_str(), high.band), ("0.8", Band::Above));
    }

    #[test]
    fn a_commitment_is_met_only_at_one_exactly() {
        let almost = of(&kr("metric = { from = 0, to = 100, current = 97 }")).unwrap();
        assert_eq!((almost.shown.as_str(), almost.band), ("1.0", Band::Missed));
        assert_eq!(
            almost.sentence(),
            "final 0.97 of 1.0 expected: missed, no postmortem"
        );
        let met = of(&kr("done = [\"[x] a\"]")).unwrap();
        assert_eq!(met.band, Band::Met);
        assert!(of(&kr("")).is_none());
    }

    #[test]
    fn a_blank_postmortem_is_none() {
        let blank = kr("postmortem = \"  \"\ndone = [\"[ ] a\"]");
        assert_eq!(postmortem(&blank), None);
        assert!(!of(&blank).unwrap().postmortem);
        let written = kr("postmortem = \"Vendor slipped\"\ndone = [\"[ ] a\"]");
        assert_eq!(postmortem(&written), Some("Vendor slipped"));
        assert!(of(&written).unwrap().postmortem);
    }

    #[test]
    fn only_past_quarters_are_graded() {
        let missed = kr("done = [\"[ ] a\"]");
        let q = |s: &str| s.parse::<Quarter>().unwrap();
        assert!(past(Some(q("2026-Q2")), q("2026-Q1"), &missed).is_some());
        assert!(past(Some(q("2026-Q1")), q("2026-Q1"), &missed).is_none());
        assert!(past(None, q("2026-Q1"), &missed).is_none());
    }
}
