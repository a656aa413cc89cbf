//! `activity-not-outcome`: PLACEHOLDER, to be written.

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::{Context, Rule};

pub struct ActivityNotOutcome;

impl Rule for ActivityNotOutcome {
    fn name(&self) -> &'static str {
        "activity-not-outcome"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "PLACEHOLDER"
    }

    fn docs(&self) -> &'static str {
        "PLACEHOLDER"
    }

    fn check(&self, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
