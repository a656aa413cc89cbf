//! The integration tests: one binary, a module per feature.

mod fuzz_replay;
mod hostile;
mod properties;
mod protocol;
mod support;
