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

pub use activity::*;
pub use change::*;
pub use numbers::*;
pub use outcome::*;
pub use results::*;
pub use share::*;
pub use style::*;
