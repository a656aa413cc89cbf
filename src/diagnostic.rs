//! What a rule reports, and where.
//!
//! Findings keep byte spans; lines and columns are computed only when a
//! diagnostic is printed, from the file's own text.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

use crate::model::Location;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a dependency edge may not deliver what the depending KR needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Risk {
    /// The reference names nothing in the book (or an unknown team).
    Unresolved,
    /// The edge lies on a dependency cycle.
    Cycle,
    /// The target is (or includes) a stretch KR.
    Stretch,
    /// The target aims at only part of the scope (`partial-prerequisite`).
    Partial,
    /// A `team:` ask that no KR answers yet.
    OpenAsk,
}

impl Risk {
    /// The stable name used in the export and in HTML classes.
    pub fn as_str(self) -> &'static str {
        match self {
            Risk::Unresolved => "unresolved",
            Risk::Cycle => "cycle",
            Risk::Stretch => "stretch",
            Risk::Partial => "partial",
            Risk::OpenAsk => "open-ask",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Risk::Unresolved => "unresolved",
            Risk::Cycle => "part of a cycle",
            Risk::Stretch => "target is stretch",
            Risk::Partial => "target is partial",
            Risk::OpenAsk => "open ask",
        }
    }

    /// Risks that put a committed plan in doubt; an open ask is a request
    /// still waiting for an owner, shown apart.
    pub fn is_delivery_risk(self) -> bool {
        self != Risk::OpenAsk
    }
}

/// An objective, or one key result of it: indices into
/// [`crate::plan::Plan::objectives`] and that objective's KRs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Part {
    pub objective: usize,
    pub kr: Option<usize>,
}

/// What a finding is about beyond its objective and KR, as data: front ends
/// (the index, `export`, `diff`) read this and never the message.
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    /// `dependency-cycle`: the closed path of KRs `(objective, kr)`, starting
    /// at the KR the finding is reported on.
    Cycle { path: Vec<(usize, usize)> },
    /// `overlapping-objectives`: the pair, the earlier in book order first,
    /// and the Dice similarity of their distinctive words (0.0..=1.0).
    Overlap {
        earlier: Part,
        later: Part,
        score: f64,
    },
    /// `objective-drift`: the earlier objective reworded by the later one,
    /// and the Jaccard similarity of their content words.
    Drift {
        earlier: usize,
        later: usize,
        score: f64,
    },
    /// `missing-phase-label`: every objective of the series, earliest
    /// quarter first.
    Series { objectives: Vec<usize> },
    /// `unknown-dependency`: the edge (index into
    /// [`crate::plan::Plan::edges`]) and its risk.
    Dependency { edge: usize, risk: Risk },
    /// `stretch-prerequisite`, `partial-prerequisite`: the KR others depend
    /// on is at risk for every edge into it (indices into the plan's edges).
    Prerequisite { edges: Vec<usize>, risk: Risk },
    /// `invalid-block`: a key the table does not know, as written, and the
    /// known key closest to it, if one is close enough to suggest.
    UnknownKey {
        key: String,
        closest: Option<String>,
    },
}

/// What a rule says about one place, before configuration gives it a
/// severity and `allow` lists get their say.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: &'static str,
    /// Index into [`crate::plan::Plan::objectives`], when the finding is
    /// about an objective.
    pub objective: Option<usize>,
    /// Index into that objective's KRs, when it is about one KR.
    pub kr: Option<usize>,
    pub location: Option<Location>,
    pub subject: Option<Subject>,
    pub message: String,
    /// How to fix it: most rules give the same advice every time, borrowed
    /// rather than copied into each of a big book's findings.
    pub help: Cow<'static, str>,
}

impl Finding {
    pub fn new(
        rule: &'static str,
        message: impl Into<String>,
        help: impl Into<Cow<'static, str>>,
    ) -> Self {
        Finding {
            rule,
            objective: None,
            kr: None,
            location: None,
            subject: None,
            message: message.into(),
            help: help.into(),
        }
    }

    pub fn on_objective(mut self, objective: usize) -> Self {
        self.objective = Some(objective);
        self
    }

    pub fn on_kr(mut self, objective: usize, kr: usize) -> Self {
        self.objective = Some(objective);
        self.kr = Some(kr);
        self
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn about(mut self, subject: Subject) -> Self {
        self.subject = Some(subject);
        self
    }
}

/// A finding with its severity and the ids of what it concerns: what every
/// front end prints.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub location: Option<Location>,
    /// Index into the plan's objectives, for front ends that place the
    /// finding next to what it concerns.
    pub objective_index: Option<usize>,
    pub kr_index: Option<usize>,
    /// The objective's id (given or derived).
    pub objective: Option<String>,
    pub kr: Option<String>,
    /// What the finding is about, as data.
    pub subject: Option<Subject>,
    pub message: String,
    pub help: Cow<'static, str>,
}

/// Counts of diagnostics by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }

    pub fn of<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Counts {
        let mut counts = Counts::default();
        for d in diagnostics {
            counts.add(d.severity);
        }
        counts
    }
}
