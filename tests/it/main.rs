//! The integration tests: one binary, a module per feature.

mod check;
mod cycle;
mod docs;
mod e2e;
mod fuzz_replay;
mod hostile;
mod properties;
mod protocol;
mod support;
