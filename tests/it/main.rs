//! The integration tests: one binary, a module per feature.

mod check;
mod support;
