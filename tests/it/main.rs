//! The integration tests: one binary, a module per feature.

mod bench_smoke;
mod cycle;
mod docs;
mod support;
