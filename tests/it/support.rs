//! Shared helpers for the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The folder of this crate (where Cargo.toml is).
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture book under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    crate_dir().join("tests").join("fixtures").join(name)
}

/// Runs the built `mdbook-okr` binary with `args` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mdbook-okr"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the mdbook-okr binary runs")
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
