//! The plan's data: objectives, key results and what they point at.
//!
//! Plain values with no behaviour beyond small accessors. Every piece of user
//! text keeps the byte span it came from, so a finding can point at the exact
//! words in the chapter's own file.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

/// Byte offsets into the text of one source file.
pub type Span = Range<usize>;

/// Index of a file in [`crate::plan::Plan::files`].
pub type FileId = usize;

/// A position in the book: a file and a byte span inside it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    pub file: FileId,
    pub span: Span,
}

/// A string value together with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub value: String,
    pub location: Location,
}

impl Text {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// A calendar quarter, written `YYYY-Qn`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: u16,
    pub number: u8,
}

impl Quarter {
    /// The quarter after this one.
    pub fn next(self) -> Quarter {
        if self.number == 4 {
            Quarter {
                year: self.year + 1,
                number: 1,
            }
        } else {
            Quarter {
                year: self.year,
                number: self.number + 1,
            }
        }
    }
}

impl FromStr for Quarter {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad =
            || format!("`{s}` is not a quarter; write it as `YYYY-Qn`, for example `2026-Q2`");
        let (year, number) = s.split_once("-Q").ok_or_else(bad)?;
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let number: u8 = match number {
            "1" => 1,
            "2" => 2,
            "3" => 3,
            "4" => 4,
            _ => return Err(bad()),
        };
        Ok(Quarter {
            year: year.parse().map_err(|_| bad())?,
            number,
        })
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-Q{}", self.year, self.number)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Impact,
    Delivery,
    Discovery,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Impact => "impact",
            Kind::Delivery => "delivery",
            Kind::Discovery => "discovery",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Commitment {
    Committed,
    Stretch,
}

impl Commitment {
    pub fn as_str(self) -> &'static str {
        match self {
            Commitment::Committed => "committed",
            Commitment::Stretch => "stretch",
        }
    }
}

/// A measure moving from a baseline to a target.
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    pub from: f64,
    pub to: f64,
    pub current: Option<f64>,
    pub unit: Option<String>,
    pub location: Location,
}

impl Metric {
    /// Progress from the baseline towards the target, clamped to 0.0..=1.0.
    /// `None` without a `current` value, or when baseline and target are equal.
    pub fn progress(&self) -> Option<f64> {
        let current = self.current?;
        let range = self.to - self.from;
        if range == 0.0 {
            return Some(if current == self.to { 1.0 } else { 0.0 });
        }
        Some(((current - self.from) / range).clamp(0.0, 1.0))
    }

    /// True when the target is above the baseline.
    pub fn grows(&self) -> bool {
        self.to > self.from
    }
}

/// One item of a Definition of Done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoneItem {
    /// The item's text without its `[x] ` / `[ ] ` box.
    pub text: String,
    pub met: bool,
    pub location: Location,
}

/// What a `depends_on` entry names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// `"<objective-id>#<kr-id>"`
    KeyResult { objective: String, kr: String },
    /// `"<objective-id>"`
    Objective(String),
    /// `"team:<team>"`: an open ask of a team that has no KR for it yet.
    Team(String),
}

impl Target {
    pub fn parse(reference: &str) -> Target {
        if let Some(team) = reference.strip_prefix("team:") {
            Target::Team(team.trim().to_string())
        } else if let Some((objective, kr)) = reference.split_once('#') {
            Target::KeyResult {
                objective: objective.trim().to_string(),
                kr: kr.trim().to_string(),
            }
        } else {
            Target::Objective(reference.trim().to_string())
        }
    }
}

/// One `depends_on` entry as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub raw: String,
    pub target: Target,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KeyResult {
    /// Explicit id, or `KR<n>` by position.
    pub id: String,
    pub id_explicit: bool,
    pub text: Text,
    pub kind: Kind,
    pub kind_explicit: bool,
    pub commitment: Commitment,
    pub commitment_explicit: bool,
    pub metric: Option<Metric>,
    pub done: Vec<DoneItem>,
    pub depends_on: Vec<Reference>,
    pub owner: Option<String>,
    pub postmortem: Option<String>,
    pub allow: Vec<Text>,
    /// The whole `[[kr]]` table, header included.
    pub location: Location,
}

impl KeyResult {
    /// The score as the spec defines it: metric progress, else the share of
    /// Definition of Done items met, else none.
    pub fn score(&self) -> Option<f64> {
        if let Some(progress) = self.metric.as_ref().and_then(Metric::progress) {
            return Some(progress);
        }
        if self.done.is_empty() {
            return None;
        }
        let met = self.done.iter().filter(|d| d.met).count();
        Some(met as f64 / self.done.len() as f64)
    }

    pub fn done_met(&self) -> usize {
        self.done.iter().filter(|d| d.met).count()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Objective {
    /// Explicit id, or one derived from quarter, team and the first words.
    pub id: String,
    pub id_explicit: bool,
    /// The `objective` string exactly as written, phase parentheses included.
    pub text: Text,
    /// The objective without its phase label: what stays the same across
    /// the quarters of a multi-quarter objective.
    pub statement: String,
    /// The phase label, from `phase` or the trailing parentheses.
    pub phase: Option<Text>,
    pub team: String,
    pub quarter: Quarter,
    pub owner: Option<String>,
    pub allow: Vec<Text>,
    pub krs: Vec<KeyResult>,
    /// The whole fenced block, fences included.
    pub location: Location,
}

impl Objective {
    /// Mean of the KR scores that exist.
    pub fn score(&self) -> Option<f64> {
        let scores: Vec<f64> = self.krs.iter().filter_map(KeyResult::score).collect();
        if scores.is_empty() {
            None
        } else {
            Some(scores.iter().sum::<f64>() / scores.len() as f64)
        }
    }

    pub fn kr(&self, id: &str) -> Option<(usize, &KeyResult)> {
        self.krs.iter().enumerate().find(|(_, kr)| kr.id == id)
    }
}

/// A block with no objective: it sets team, quarter and owner for the blocks
/// after it in the same chapter.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Context {
    pub team: Option<String>,
    pub quarter: Option<Quarter>,
    pub owner: Option<String>,
}

/// Lowercase ASCII letters and digits, every other run of characters one
/// `-`, none at either end. Objective ids already have this form, so their
/// anchors keep the id exactly; free-form KR ids become safe fragments.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}
