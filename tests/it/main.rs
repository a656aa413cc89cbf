//! The integration tests: one binary, a module per feature.

mod docs;
mod support;
