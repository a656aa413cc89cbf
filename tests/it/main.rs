//! The integration tests: one binary, a module per feature.

mod bench_smoke;
mod build;
mod check;
mod consumers;
mod cycle;
mod diff;
mod docs;
mod e2e;
mod fuzz_replay;
mod history;
mod hostile;
mod language;
mod layout;
mod lsp;
mod nvim;
mod properties;
mod protocol;
mod rules;
mod serve;
mod support;
mod terminal;
