//! The integration tests: one binary, a module per feature.

mod cycle;
mod docs;
mod support;
