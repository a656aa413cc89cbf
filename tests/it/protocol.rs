//! The preprocessor protocol over stdin/stdout: both dialects, every fault
//! in the input, and real mdBook binaries when they are installed
//! (`scripts/install-mdbook`).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};

use crate::support::{crate_dir, fixture, stderr, stdout};

/// Runs the preprocessor (no arguments) with `input` on stdin.
fn preprocess(input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mdbook-okr"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the mdbook-okr binary starts");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    // The binary may stop reading early on a fault: a broken pipe is fine.
    let _ = stdin.write_all(input);
    drop(stdin);
    child
        .wait_with_output()
        .expect("the mdbook-okr binary runs")
}

/// A fault: non-zero exit, nothing on stdout, one line on stderr naming
/// `expected`, and no panic.
fn assert_fault(input: &[u8], expected: &str) {
    let output = preprocess(input);
    let err = stderr(&output);
    assert!(
        !output.status.success(),
        "exit 0 for a fault; stderr: {err}"
    );
    assert_eq!(output.status.code(), Some(2), "stderr: {err}");
    assert!(output.stdout.is_empty(), "stdout: {}", stdout(&output));
    assert_eq!(err.trim_end().lines().count(), 1, "not one line: {err:?}");
    assert!(err.starts_with("error: "), "{err:?}");
    assert!(err.contains(expected), "expected {expected:?} in {err:?}");
    assert!(!err.contains("panicked"), "{err}");
}

fn context(version: &str) -> Value {
    json!({
        "root": "/tmp/book",
        "config": {"book": {"authors": [], "language": "en", "src": "src", "title": "T"}},
        "renderer": "html",
        "mdbook_version": version,
    })
}

fn chapter(content: &str) -> Value {
    json!({"Chapter": {
        "name": "Plan", "content": content, "number": [1], "sub_items": [],
        "path": "plan.md", "source_path": "plan.md", "parent_names": [],
    }})
}

const BLOCK_CHAPTER: &str = "# Plan\n\nbefore\n\n```okr\nobjective = \"Cut deploy time for all product teams\"\nteam = \"platform\"\nquarter = \"2026-Q2\"\n[[kr]]\ntext = \"Reduce p50 deploy time from 30 to 10 minutes\"\n```\n\nafter\n";

fn input_05(content: &str) -> Vec<u8> {
    json!([context("0.5.4"), {"items": [chapter(content)]}])
        .to_string()
        .into_bytes()
}

fn input_04(content: &str) -> Vec<u8> {
    let mut ctx = context("0.4.52");
    ctx["config"]["book"]["multilingual"] = json!(false);
    ctx["config"]["custom-top-level"] = json!({"kept": "by 0.4 with a warning"});
    json!([ctx, {"sections": [chapter(content)], "__non_exhaustive": null}])
        .to_string()
        .into_bytes()
}

fn rendered_content(output: &Output, key: &str) -> String {
    assert!(output.status.success(), "stderr: {}", stderr(output));
    let book: Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    book[key][0]["Chapter"]["content"]
        .as_str()
        .expect("the chapter has content")
        .to_string()
}

#[test]
fn a_05_book_is_answered_in_the_05_dialect() {
    let output = preprocess(&input_05(BLOCK_CHAPTER));
    let content = rendered_content(&output, "items");
    assert!(content.contains("class=\"okr-card\""), "{content}");
    assert!(content.starts_with("# Plan\n\nbefore\n\n"), "{content}");
    assert!(content.ends_with("\n\nafter\n"), "{content}");
    let book: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(book.as_object().unwrap().len(), 1, "{book}");
}

#[test]
fn a_04_book_is_answered_in_the_04_dialect() {
    let output = preprocess(&input_04(BLOCK_CHAPTER));
    let content = rendered_content(&output, "sections");
    assert!(content.contains("class=\"okr-card\""), "{content}");
    let book: Value = serde_json::from_slice(&output.stdout).unwrap();
    // mdBook 0.4 refuses a book without this member.
    assert_eq!(book.get("__non_exhaustive"), Some(&Value::Null), "{book}");
    assert!(book.get("items").is_none(), "{book}");
}

#[test]
fn a_dialect_that_contradicts_the_version_is_a_warning() {
    let input = json!([context("0.4.52"), {"items": [chapter("plain")]}]).to_string();
    let output = preprocess(input.as_bytes());
    assert!(output.status.success(), "{}", stderr(&output));
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("warning: mdBook 0.4.52 sent a book in the mdBook 0.5 layout"),
        "{err}"
    );
    let book: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(book["items"][0]["Chapter"]["content"], "plain");
}

#[test]
fn empty_stdin_is_a_fault() {
    assert_fault(b"", "standard input is empty");
    assert_fault(b"  \n\t", "standard input is empty");
}

#[test]
fn truncated_json_is_a_fault() {
    let input = input_05(BLOCK_CHAPTER);
    for cut in [1, input.len() / 2, input.len() - 1] {
        assert_fault(&input[..cut], "standard input is not valid JSON");
    }
    assert_fault(b"\xff\xfe not utf-8", "standard input is not valid JSON");
}

#[test]
fn json_of_the_wrong_shape_is_a_fault() {
    assert_fault(b"{}", "not the `[context, book]` array");
    assert_fault(b"\"text\"", "standard input is a string");
    assert_fault(b"[]", "an array of 0 element(s)");
    assert_fault(b"[1, 2, 3]", "an array of 3 element(s)");
    assert_fault(
        b"[1, {\"items\": []}]",
        "the preprocessor context is a number",
    );
    let ctx = context("0.5.4");
    assert_fault(
        json!([ctx, []]).to_string().as_bytes(),
        "the book is an array",
    );
    assert_fault(json!([ctx, {}]).to_string().as_bytes(), "neither `items`");
    assert_fault(
        json!([ctx, {"items": [], "sections": []}])
            .to_string()
            .as_bytes(),
        "both `items`",
    );
    assert_fault(
        json!([ctx, {"items": "chapters"}]).to_string().as_bytes(),
        "the book is not what mdBook sends",
    );
    assert_fault(
        json!([ctx, {"items": [{"Chapter": {"name": 3}}]}])
            .to_string()
            .as_bytes(),
        "the book is not what mdBook sends",
    );
    assert_fault(
        json!([ctx, {"items": [{"Volume": {}}]}])
            .to_string()
            .as_bytes(),
        "unknown variant `Volume`",
    );
}

#[test]
fn an_unknown_or_unreadable_version_is_a_fault() {
    let book = json!({"items": []});
    assert_fault(
        json!([context("0.9.0"), book]).to_string().as_bytes(),
        "mdBook 0.9.0 is not supported",
    );
    assert_fault(
        json!([context("1.0.0"), book]).to_string().as_bytes(),
        "mdBook 1.0.0 is not supported",
    );
    assert_fault(
        json!([context("banana"), book]).to_string().as_bytes(),
        "\"banana\", which is not a version number",
    );
    let mut numeric = context("0.5.4");
    numeric["mdbook_version"] = json!(5);
    assert_fault(
        json!([numeric, book]).to_string().as_bytes(),
        "is a number, not a string",
    );
}

#[test]
fn missing_fields_are_faults() {
    let book = json!({"items": []});
    let mut no_version = context("0.5.4");
    no_version.as_object_mut().unwrap().remove("mdbook_version");
    assert_fault(
        json!([no_version, book]).to_string().as_bytes(),
        "no `mdbook_version`",
    );

    let mut no_renderer = context("0.5.4");
    no_renderer.as_object_mut().unwrap().remove("renderer");
    assert_fault(
        json!([no_renderer, book]).to_string().as_bytes(),
        "missing field `renderer`",
    );

    let mut chapter = chapter("x");
    chapter["Chapter"]
        .as_object_mut()
        .unwrap()
        .remove("content");
    assert_fault(
        json!([context("0.5.4"), {"items": [chapter]}])
            .to_string()
            .as_bytes(),
        "missing field `content`",
    );
}

#[test]
fn a_bad_okr_table_in_the_context_is_a_fault() {
    let mut ctx = context("0.5.4");
    ctx["config"]["preprocessor"] = json!({"okr": {"fail-on": "sometimes"}});
    assert_fault(
        json!([ctx, {"items": []}]).to_string().as_bytes(),
        "invalid [preprocessor.okr] configuration",
    );
}

// ---------------------------------------------------------------------------
// Real mdBook binaries.

/// A real mdbook binary: `$var`, or the newest `.cache/mdbook-<series>.*`
/// that scripts/install-mdbook made.
fn real_mdbook(var: &str, series: &str) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(var) {
        let path = PathBuf::from(path);
        return path.is_file().then_some(path);
    }
    let cache = crate_dir().join(".cache");
    let prefix = format!("mdbook-{series}.");
    std::fs::read_dir(cache)
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let version = semver::Version::parse(name.strip_prefix("mdbook-")?).ok()?;
            let binary = entry.path().join("bin").join("mdbook");
            (name.starts_with(&prefix) && binary.is_file()).then_some((version, binary))
        })
        .max()
        .map(|(_, binary)| binary)
}

/// The real mdbook of `series`. Missing, it fails the test in CI (where
/// scripts/test installs it) and skips it with a note elsewhere.
fn require_real_mdbook(var: &str, series: &str) -> Option<PathBuf> {
    let found = real_mdbook(var, series);
    if found.is_none() {
        let note = format!("no mdbook {series}: set {var} or run scripts/install-mdbook");
        assert!(std::env::var_os("CI").is_none(), "{note}");
        println!("skipped: {note}");
    }
    found
}

/// A copy of the fixture book in a temporary folder, with the okr
/// preprocessor pointing at the binary under test when `with_okr`.
fn fixture_book(with_okr: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let source = fixture("protocol").join("book");
    copy_dir(&source, dir.path());
    if with_okr {
        let command = toml::Value::String(env!("CARGO_BIN_EXE_mdbook-okr").to_string());
        let mut book_toml = std::fs::read_to_string(dir.path().join("book.toml")).unwrap();
        book_toml.push_str(&format!("\n[preprocessor.okr]\ncommand = {command}\n"));
        std::fs::write(dir.path().join("book.toml"), book_toml).unwrap();
    }
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn mdbook_build(mdbook: &Path, book: &Path) {
    let output = Command::new(mdbook)
        .arg("build")
        .arg(book)
        .output()
        .expect("mdbook runs");
    assert!(
        output.status.success(),
        "{} build failed:\n{}",
        mdbook.display(),
        stderr(&output)
    );
}

/// A page without the line naming its search index, whose hashed file name
/// changes with everything the index holds.
fn without_index_name(page: String) -> String {
    page.lines()
        .filter(|line| !line.contains("path_to_searchindex_js"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn page(book: &Path, name: &str) -> String {
    std::fs::read_to_string(book.join("book").join(name))
        .unwrap_or_else(|e| panic!("{name} was not written: {e}"))
}

/// Builds the fixture book with and without the preprocessor and checks
/// that the card replaced the code block and nothing else changed.
fn check_real_mdbook(var: &str, series: &str) {
    let Some(mdbook) = require_real_mdbook(var, series) else {
        return;
    };
    let with_okr = fixture_book(true);
    let without = fixture_book(false);
    mdbook_build(&mdbook, with_okr.path());
    mdbook_build(&mdbook, without.path());

    let card_page = without_index_name(page(with_okr.path(), "plan.html"));
    let code_page = without_index_name(page(without.path(), "plan.html"));
    // The card line opens with the comment that ends its HTML block; a
    // renderer that drops comments leaves the card's own tag first.
    let card_start = card_page
        .find(mdbook_okr::render::HTML_BLOCK_START)
        .or_else(|| card_page.find("<article class=\"okr-card\""))
        .unwrap_or_else(|| panic!("no okr card in {card_page}"));
    // mdBook 0.5 re-serialises raw HTML over several lines, 0.4 keeps the
    // card on one: the card ends with its `</article>` either way.
    let card_end = card_start
        + card_page[card_start..]
            .find("</article>")
            .expect("the card is closed")
        + "</article>".len();
    let code_start = code_page
        .find("<pre><code class=\"language-okr")
        .expect("the block renders as code without the preprocessor");
    let code_end =
        code_start + code_page[code_start..].find("</code></pre>").unwrap() + "</code></pre>".len();
    assert_eq!(
        card_page[..card_start],
        code_page[..code_start],
        "{series}: text before the block"
    );
    assert_eq!(
        card_page[card_end..],
        code_page[code_end..],
        "{series}: text after the block"
    );
    assert_eq!(
        without_index_name(page(with_okr.path(), "notes.html")),
        without_index_name(page(without.path(), "notes.html")),
        "{series}: a chapter without blocks"
    );
}

#[test]
fn real_mdbook_0_4_renders_cards() {
    check_real_mdbook("MDBOOK_04", "0.4");
}

#[test]
fn real_mdbook_0_5_renders_cards() {
    check_real_mdbook("MDBOOK_05", "0.5");
}

/// `mdbook-okr build` (in-process, mdbook-driver) and the real `mdbook
/// build` of 0.5 with the external preprocessor write the same chapters.
#[test]
fn in_process_build_matches_real_mdbook_0_5() {
    let Some(mdbook) = require_real_mdbook("MDBOOK_05", "0.5") else {
        return;
    };
    let external = fixture_book(true);
    let in_process = fixture_book(true);
    mdbook_build(&mdbook, external.path());
    let output = Command::new(env!("CARGO_BIN_EXE_mdbook-okr"))
        .arg("build")
        .arg(in_process.path())
        .output()
        .expect("mdbook-okr runs");
    assert!(output.status.success(), "{}", stderr(&output));
    // The search index is built by each mdBook's own elasticlunr and comes
    // out in a different form (and so with a different hashed file name),
    // though it indexes the same chapters: compare the pages without it.
    for name in ["plan.html", "notes.html", "index.html", "print.html"] {
        assert_eq!(
            without_index_name(page(external.path(), name)),
            without_index_name(page(in_process.path(), name)),
            "{name} differs"
        );
    }
}

#[test]
fn a_build_prints_at_most_build_findings_then_the_totals() {
    // Five objectives of one KR each: kr-count and more on every one.
    let blocks: String = (1..=5)
        .map(|n| {
            format!(
                "```okr\nid = \"o{n}\"\nobjective = \"Grow usage {n}\"\nteam = \"a\"\nquarter = \"2026-Q2\"\n[[kr]]\ntext = \"Ship\"\n```\n\n"
            )
        })
        .collect();
    let mut context = context("0.5.4");
    context["config"]["preprocessor"] = json!({"okr": {"build-findings": 3}});
    let input = json!([context, {"items": [chapter(&blocks)]}]).to_string();
    let output = preprocess(input.as_bytes());
    assert!(output.status.success(), "{}", stderr(&output));
    let err = stderr(&output);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    assert!(
        lines[..3].iter().all(|l| l.starts_with("src/plan.md:")),
        "{err}"
    );
    assert!(
        lines[3].starts_with("mdbook-okr: ") && lines[3].contains("(the first 3 shown above)"),
        "{err}"
    );
    assert!(
        lines[3].contains("`mdbook-okr check` lists them all"),
        "{err}"
    );
}
