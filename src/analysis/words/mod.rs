//! Every word list and lexical table of the analysis, in one place. The
//! `hype`, `vague`, `activity` and `stop` lists are the built-in defaults of
//! `[preprocessor.okr.words]`, which replaces or extends each of them.
//!
//! No list repeats another: a word that belongs to several categories is
//! tagged in one table (see [`ActivityKind`]) rather than copied.

mod activity;
mod change;
mod numbers;
mod outcome;
mod results;
mod share;
mod style;
pub mod template;

pub use activity::*;
pub use change::*;
pub use numbers::*;
pub use outcome::*;
pub use results::*;
pub use share::*;
pub use style::*;

use std::collections::HashSet;
use std::sync::LazyLock;

/// Verbs of change of degree from WordNet ("beef up", "bolster", "tidy
/// up"): they promise a change without saying how much. See
/// `scripts/gen-lexicon` and NOTICE for where they come from.
static CHANGE_VERBS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("change_verbs.tsv")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .collect()
});

/// True when `phrase` (lowercase, words joined by single spaces) is a
/// WordNet verb of change of degree.
pub fn is_change_verb(phrase: &str) -> bool {
    CHANGE_VERBS.contains(phrase)
}
