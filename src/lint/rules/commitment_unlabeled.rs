//! `commitment-unlabeled`: PLACEHOLDER, to be written.

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::{Context, Rule};

pub struct CommitmentUnlabeled;

impl Rule for CommitmentUnlabeled {
    fn name(&self) -> &'static str {
        "commitment-unlabeled"
    }

    fn default_level(&self) -> Level {
        Level::Off
    }

    fn summary(&self) -> &'static str {
        "PLACEHOLDER"
    }

    fn docs(&self) -> &'static str {
        "PLACEHOLDER"
    }

    fn check(&self, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
