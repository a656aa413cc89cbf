//! `mdbook-okr build`: what mdBook itself says reaches the user, and the
//! user guide builds cleanly.

use crate::support::{crate_dir, fixture, run_in, stderr};

/// Builds `book` (relative to `dir`) into a temporary folder.
fn build(dir: &std::path::Path, book: &str) -> (String, Option<i32>) {
    let site = tempfile::tempdir().expect("a temporary folder");
    let dest = site.path().to_str().expect("a UTF-8 path");
    let output = run_in(dir, &["build", book, "--dest-dir", dest]);
    (stderr(&output), output.status.code())
}

#[test]
fn build_shows_mdbooks_own_errors() {
    let (err, code) = build(&fixture("build-include"), ".");
    // mdBook goes on with the build, and so does `build`.
    assert_eq!(code, Some(0), "{err}");
    let line = err
        .lines()
        .find(|l| l.contains("ERROR"))
        .unwrap_or_else(|| panic!("no ERROR line from mdBook on stderr:\n{err}"));
    assert!(
        line.contains("Error updating \"{{#include nothere.md}}\""),
        "{line}"
    );
    assert!(
        err.contains("INFO"),
        "mdBook logs at INFO by default: {err}"
    );
}

#[test]
fn build_says_how_to_add_a_missing_stylesheet() {
    let (err, _) = build(&fixture("build-include"), ".");
    let hints: Vec<&str> = err.lines().filter(|l| l.contains("okr.css")).collect();
    assert_eq!(hints.len(), 1, "{err}");
    assert!(
        hints[0].contains("run `mdbook-okr install .`"),
        "{}",
        hints[0]
    );
}

#[test]
fn the_guide_builds_without_an_error_from_mdbook() {
    let (err, code) = build(&crate_dir(), "book");
    assert_eq!(code, Some(0), "{err}");
    assert!(
        !err.contains("ERROR"),
        "mdBook reports an error in the guide:\n{err}"
    );
}
