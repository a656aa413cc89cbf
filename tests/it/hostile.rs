//! Inputs built to hurt: huge blocks, huge counts, broken book.toml files.
//! Each must finish in bounded time with a clear answer.
//!
//! The sizes finish in seconds in a debug build. The time bound is loose on
//! purpose (the test machines are shared); it is there to catch a
//! quadratic blow-up, not to measure speed.

use std::time::{Duration, Instant};

use mdbook_okr::config::Config;
use mdbook_okr::lint;
use mdbook_okr::page;
use mdbook_okr::plan::{BlockContent, Plan};
use mdbook_okr::render::{Format, RenderContext};

use crate::support::{run_in, stderr};

const BOUND: Duration = Duration::from_secs(60);

/// Runs the whole chapter pipeline and returns the plan, checking the time.
fn run_chapter(what: &str, text: &str) -> Plan {
    let started = Instant::now();
    let config = Config::default();
    let plan = Plan::from_chapter("src/hostile.md", text, &config);
    let diagnostics = lint::run(&plan, &config);
    let cx = RenderContext::new(&plan, &config, &diagnostics, Format::Html);
    let rendered = page::render_file(&cx, 0);
    assert!(!rendered.is_empty());
    let elapsed = started.elapsed();
    println!("{what}: {} bytes in {elapsed:?}", text.len());
    assert!(elapsed < BOUND, "{what} took {elapsed:?}");
    plan
}

fn kr(i: usize) -> String {
    format!("[[kr]]\ntext = \"Reduce the p50 build time of service {i} from 30 to 10 minutes\"\n")
}

#[test]
fn a_10_mb_block() {
    let mut body = String::from(
        "objective = \"Cut deploy time for all product teams\"\nteam = \"platform\"\nquarter = \"2026-Q2\"\nowner = \"",
    );
    body.push_str(&"x".repeat(10 * 1024 * 1024));
    body.push_str("\"\n");
    body.push_str(&kr(1));
    let text = format!("# Big\n\n```okr\n{body}```\n\nafter\n");
    let plan = run_chapter("a 10 MB block", &text);
    assert_eq!(plan.blocks.len(), 1);
    assert_eq!(plan.objectives.len(), 1);
}

#[test]
fn a_10_mb_block_of_garbage() {
    let line = "this is = not [valid toml\n";
    let text = format!(
        "```okr\n{}```\n",
        line.repeat(10 * 1024 * 1024 / line.len())
    );
    let plan = run_chapter("a 10 MB broken block", &text);
    assert!(matches!(
        plan.blocks[0].content,
        BlockContent::Invalid { .. }
    ));
}

#[test]
fn ten_thousand_krs() {
    let mut body = String::from(
        "objective = \"Cut deploy time for all product teams\"\nteam = \"platform\"\nquarter = \"2026-Q2\"\n",
    );
    for i in 0..10_000 {
        body.push_str(&kr(i));
    }
    let plan = run_chapter("10,000 KRs", &format!("```okr\n{body}```\n"));
    assert_eq!(plan.objectives[0].krs.len(), 10_000);
}

/// About ten seconds in a debug build: parsed, checked and rendered.
#[test]
fn a_hundred_thousand_krs() {
    let mut body = String::from(
        "objective = \"Cut deploy time for all product teams\"\nteam = \"platform\"\nquarter = \"2026-Q2\"\n",
    );
    for i in 0..100_000 {
        body.push_str(&kr(i));
    }
    let plan = run_chapter("100,000 KRs", &format!("```okr\n{body}```\n"));
    assert_eq!(plan.objectives[0].krs.len(), 100_000);
}

#[test]
fn ten_thousand_blocks_in_one_chapter() {
    let mut text = String::from("# Many\n\n");
    for i in 0..10_000 {
        text.push_str(&format!(
            "```okr\nid = \"o{i}\"\nobjective = \"Cut deploy time {i} for all product teams\"\nteam = \"platform\"\nquarter = \"2026-Q2\"\n{}```\n\n",
            kr(i)
        ));
    }
    let plan = run_chapter("10,000 blocks", &text);
    assert_eq!(plan.blocks.len(), 10_000);
}

#[test]
fn deeply_nested_containers() {
    let depth = 500;
    let prefix = "> ".repeat(depth);
    let text = format!("{prefix}```okr\n{prefix}objective = \"x\"\n{prefix}```\n");
    let plan = run_chapter("500 nested quotes", &text);
    assert!(plan.blocks.len() <= 1);
}

// ---------------------------------------------------------------------------
// A broken book.toml: a clear error and exit 2, from every command that
// reads it.

fn book_with(book_toml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(dir.path().join("src")).unwrap();
    std::fs::write(
        dir.path().join("src/SUMMARY.md"),
        "# Summary\n\n- [A](a.md)\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("src/a.md"), "# A\n").unwrap();
    std::fs::write(dir.path().join("book.toml"), book_toml).unwrap();
    dir
}

fn assert_config_error(book_toml: &str, expected: &str) {
    let book = book_with(book_toml);
    let output = run_in(book.path(), &["check"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains(expected), "expected {expected:?} in {err:?}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_book_toml_that_is_not_toml() {
    assert_config_error("[book\ntitle = ", "is not valid TOML");
    assert_config_error("\u{0}\u{1}binary", "is not valid TOML");
}

#[test]
fn a_book_toml_with_wrong_types() {
    assert_config_error(
        "[preprocessor]\nokr = 3\n",
        "[preprocessor.okr] must be a table",
    );
    assert_config_error(
        "[preprocessor.okr]\nteams = \"platform\"\n",
        "invalid [preprocessor.okr] configuration",
    );
    assert_config_error(
        "[preprocessor.okr]\nmax-krs = -1\n",
        "invalid [preprocessor.okr] configuration",
    );
    assert_config_error("[preprocessor.okr]\nmax-krs = 99999999999999999999\n", "");
    assert_config_error(
        "[preprocessor.okr.rules]\nhype-words = 1\n",
        "invalid [preprocessor.okr] configuration",
    );
}
