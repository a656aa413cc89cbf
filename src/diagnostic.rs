//! What a rule reports, and where.
//!
//! Findings keep byte spans; lines and columns are computed only when a
//! diagnostic is printed, from the file's own text.

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
    pub message: String,
    pub help: String,
}

impl Finding {
    pub fn new(rule: &'static str, message: impl Into<String>, help: impl Into<String>) -> Self {
        Finding {
            rule,
            objective: None,
            kr: None,
            location: None,
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
    pub message: String,
    pub help: String,
}

/// Counts of diagnostics by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Counts {
        let mut counts = Counts::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info => counts.infos += 1,
            }
        }
        counts
    }
}
