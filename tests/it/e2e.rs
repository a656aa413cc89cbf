//! The example book, a layout-stress book, a hostile book and a book with a
//! Git history, built and then checked in a real browser by
//! `tests/e2e/site.mjs` (headless Chromium driven by playwright-core): badge
//! contrast in every theme (status badges included), checkbox states,
//! dependency links, the index graph, that each trend line is drawn and
//! named, console errors, requests off loopback, overflow at 1280 and
//! 390 px, print styles, and that no script payload runs. Screenshots land
//! in `target/e2e-screenshots/` (the guide's history pictures among them).
//!
//! Chromium and the npm packages come from `scripts/install-test-deps`.
//! Without them the test is skipped with a loud message, except under CI
//! (env `CI` set), where it fails.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::support::{crate_dir, fixture};

const CHROMIUM: &str = "/usr/bin/chromium";

/// Every field of every block carries a payload that would set
/// `window.__pwned` or open a dialog if it ever ran.
fn hostile_chapter() -> String {
    let payloads = [
        "<script>window.__pwned=1;alert(1)</script>",
        "<img src=x onerror=\"window.__pwned=2;alert(2)\">",
        "[click](javascript:window.__pwned=3)",
        "<a href=\"javascript:window.__pwned=4\">x</a>",
        "\"><svg onload=window.__pwned=5>",
        "' onmouseover='window.__pwned=6",
        "<iframe src=\"javascript:window.__pwned=7\"></iframe>",
    ];
    let all = payloads.join(" ");
    // TOML basic strings: escape backslashes and quotes.
    let toml = |text: &str| format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""));
    // The chapter's own Markdown is the author's HTML, passed through by
    // mdBook; only what the blocks hold is ours to escape.
    let mut chapter = format!(
        "# Hostile\n\n```okr\nteam = {t}\nquarter = \"2026-Q2\"\nowner = {t}\n```\n\n",
        t = toml(&all)
    );
    // The id must be valid, or the block would show as unreadable and its
    // fields would never reach a card.
    chapter.push_str(&format!(
        "```okr\nid = \"hostile\"\nobjective = {all}\nphase = {all}\nteam = {all}\nowner = {all}\n\n",
        all = toml(&all)
    ));
    for payload in payloads {
        chapter.push_str(&format!(
            "[[kr]]\nid = {p}\ntext = {p}\ncommitment = \"stretch\"\nkind = \"impact\"\n\
             metric = {{ from = 0, to = 10, current = 5, unit = {p} }}\n\
             done = [{done}, {p}]\ndepends_on = [{dep}, {team}]\nowner = {p}\npostmortem = {p}\n\n",
            p = toml(payload),
            done = toml(&format!("[x] {payload}")),
            dep = toml(&format!("{payload}#{payload}")),
            team = toml(&format!("team:{payload}")),
        ));
    }
    chapter.push_str("```\n\n");
    // An invalid block shows its source text and problems.
    chapter.push_str(&format!(
        "```okr\nobjective = {p}\n{p} = 1\n```\n\n",
        p = toml(&all)
    ));
    chapter
}

fn write_hostile_book(root: &Path) {
    fs::create_dir_all(root.join("src")).unwrap();
    fs::write(
        root.join("book.toml"),
        "[book]\ntitle = \"Hostile\"\nsrc = \"src\"\n\n[preprocessor.okr]\nquarter = \"2026-Q2\"\n\n\
         [output.html]\nadditional-css = [\"okr.css\"]\n",
    )
    .unwrap();
    install_stylesheet(root);
    fs::write(
        root.join("src/SUMMARY.md"),
        "# Summary\n\n- [Hostile](hostile.md)\n- [Index](index.md)\n",
    )
    .unwrap();
    fs::write(root.join("src/hostile.md"), hostile_chapter()).unwrap();
    fs::write(root.join("src/index.md"), "# Index\n\n{{#okr-index}}\n").unwrap();
}

/// Writes the stylesheet that `mdbook-okr install` writes, which the
/// book.toml lists.
fn install_stylesheet(root: &Path) {
    fs::write(
        root.join(mdbook_okr::mdbook::install::STYLESHEET_FILE),
        mdbook_okr::mdbook::install::stamped_stylesheet(),
    )
    .unwrap();
}

/// A copy of the stress fixture with the current stylesheet.
fn stress_book(root: &Path) {
    let source = fixture("e2e-stress");
    fs::create_dir_all(root.join("src")).unwrap();
    fs::copy(source.join("book.toml"), root.join("book.toml")).unwrap();
    for entry in fs::read_dir(source.join("src")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), root.join("src").join(entry.file_name())).unwrap();
    }
    install_stylesheet(root);
}

/// Why the browser test cannot run here, if it cannot.
fn missing_tools(e2e: &Path) -> Option<String> {
    if !Path::new(CHROMIUM).exists() {
        return Some(format!("{CHROMIUM} is missing"));
    }
    if !e2e.join("node_modules/playwright-core").exists() {
        return Some("tests/e2e/node_modules is missing".to_string());
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node is not installed".to_string());
    }
    None
}

#[test]
fn the_sites_pass_the_browser_checks() {
    let e2e = crate_dir().join("tests/e2e");
    if let Some(missing) = missing_tools(&e2e) {
        let message = format!("{missing}: run scripts/install-test-deps");
        assert!(
            std::env::var_os("CI").is_none(),
            "the browser test cannot run: {message}"
        );
        eprintln!("\n*** e2e browser test skipped: {message} ***\n");
        return;
    }

    // Built under target/ (ignored) rather than in a temporary folder, so
    // after a failure `node tests/e2e/site.mjs` can be rerun on the same sites.
    let sites = crate_dir().join("target/e2e-sites");
    if sites.exists() {
        fs::remove_dir_all(&sites).unwrap();
    }
    let example = sites.join("example");
    let stress = sites.join("stress");
    let stress_source = sites.join("stress-book");
    let hostile_book = sites.join("hostile-book");
    let hostile = sites.join("hostile");
    mdbook_okr::mdbook::build::build(&crate_dir().join("book"), Some(&example)).unwrap();
    stress_book(&stress_source);
    mdbook_okr::mdbook::build::build(&stress_source, Some(&stress)).unwrap();
    write_hostile_book(&hostile_book);
    mdbook_okr::mdbook::build::build(&hostile_book, Some(&hostile)).unwrap();
    // The history test's scripted quarter: dated commits in a real
    // repository, so the cards carry trend lines and every status.
    let history_repo = crate::history::quarter_with_progress_shown(
        "\n[output.html]\nadditional-css = [\"okr.css\"]\n",
    );
    let history_book = history_repo.path().join("plans");
    install_stylesheet(&history_book);
    let history = sites.join("history");
    mdbook_okr::mdbook::build::build(&history_book, Some(&history)).unwrap();

    let shots = crate_dir().join("target/e2e-screenshots");
    println!(
        "node tests/e2e/site.mjs {} {} --stress {} --hostile {} --history {}",
        example.display(),
        shots.display(),
        stress.display(),
        hostile.display(),
        history.display()
    );
    let output = Command::new("node")
        .arg(e2e.join("site.mjs"))
        .arg(&example)
        .arg(&shots)
        .arg("--stress")
        .arg(&stress)
        .arg("--hostile")
        .arg(&hostile)
        .arg("--history")
        .arg(&history)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "the browser checks failed ({}):\n{stdout}\n{stderr}",
        output.status
    );
}
