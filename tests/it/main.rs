//! The integration tests: one binary, a module per feature.

mod check;
mod cycle;
mod docs;
mod support;
