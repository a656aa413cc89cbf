//! mdbook-okr: team OKRs written as ```` ```okr ```` blocks in an mdBook,
//! validated against the practice of good platform OKRs and rendered as
//! cards with a cross-team index.
//!
//! The pipeline runs one way, one module per stage:
//!
//! ```text
//! chapter text ─scan─▶ raw blocks ─block─▶ objectives ─plan─▶ resolved plan
//!     ─lint─▶ diagnostics ─render/index─▶ HTML ─splice─▶ chapter text
//! ```
//!
//! Every front end (the mdBook preprocessor, `check`, the index) uses the
//! same plan and diagnostics.

pub mod analysis;
pub mod book;
pub mod cli;
pub mod config;
pub mod cycle;
pub mod diagnostic;
pub mod diff;
pub mod export;
pub mod grade;
pub mod history;
pub mod index;
pub mod lint;
pub mod lsp;
pub mod mdbook;
pub mod model;
pub mod output;
pub mod page;
pub mod plan;
pub mod render;
pub mod source;
