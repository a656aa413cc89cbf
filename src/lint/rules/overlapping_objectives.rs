//! `overlapping-objectives`: PLACEHOLDER, to be written.

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::{Context, Rule};

pub struct OverlappingObjectives;

impl Rule for OverlappingObjectives {
    fn name(&self) -> &'static str {
        "overlapping-objectives"
    }

    fn default_level(&self) -> Level {
        Level::Info
    }

    fn summary(&self) -> &'static str {
        "PLACEHOLDER"
    }

    fn docs(&self) -> &'static str {
        "PLACEHOLDER"
    }

    fn check(&self, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
