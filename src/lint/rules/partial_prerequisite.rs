//! `partial-prerequisite`: PLACEHOLDER, to be written.

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::{Context, Rule};

pub struct PartialPrerequisite;

impl Rule for PartialPrerequisite {
    fn name(&self) -> &'static str {
        "partial-prerequisite"
    }

    fn default_level(&self) -> Level {
        Level::Error
    }

    fn summary(&self) -> &'static str {
        "PLACEHOLDER"
    }

    fn docs(&self) -> &'static str {
        "PLACEHOLDER"
    }

    fn check(&self, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
