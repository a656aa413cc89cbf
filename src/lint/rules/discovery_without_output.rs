//! `discovery-without-output`: PLACEHOLDER, to be written.

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::{Context, Rule};

pub struct DiscoveryWithoutOutput;

impl Rule for DiscoveryWithoutOutput {
    fn name(&self) -> &'static str {
        "discovery-without-output"
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
