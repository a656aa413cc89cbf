//! Analysis: the facts about every objective, KR and Definition of Done
//! item, computed once per run and shared by every rule.
//!
//! A text is split into words once ([`tokens::Split`]); numbers and their kinds,
//! the change from a baseline to a target, vague wording, activities, the
//! purpose clause, deadlines, approvals, outputs, the scope share and hype
//! are derived from that split at most once each ([`Facts`]). The main
//! predicate ([`predicate`]) reads the statement's main verb, its WordNet
//! class, subject and company. Word forms follow one scheme ([`forms`]) and
//! every word list and WordNet table lives in [`words`].
//!
//! This stage reads the plan and the configuration; it imports nothing from
//! lint, render or index.

pub mod facts;
pub mod forms;
pub mod graph;
pub mod hype;
pub mod lexicon;
mod memo;
pub mod numbers;
pub mod outcome;
pub mod predicate;
pub mod revisions;
pub mod share;
pub mod similarity;
pub mod spans;
pub mod tokens;
pub mod words;

#[cfg(test)]
mod tests;

pub use facts::{Analysis, BookWords, Facts, KrFacts, ObjectiveFacts, ObjectiveWords};
pub use lexicon::{Activity, Cue, Lexicon};
pub use tokens::{Split, Token, tokens};
