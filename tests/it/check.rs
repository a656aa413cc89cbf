//! `mdbook-okr check`: every output format, exit codes, unreadable files,
//! `{{#include}}` and `--changed-since`.
//!
//! The fixture books turn every content rule off, so their findings come
//! from `invalid-block` and `duplicate-id` only and stay the same while the
//! content rules change.

use std::fs;
use std::path::Path;
use std::process::Command;

use mdbook_okr::config::Config;
use mdbook_okr::diagnostic::{Diagnostic, Severity};
use mdbook_okr::model::Location;
use mdbook_okr::output::{self, Paths};
use mdbook_okr::plan::Plan;
use serde_json::Value;

use crate::support::{crate_dir, fixture, run_in, stderr, stdout};

fn check(dir: &Path, args: &[&str]) -> (String, String, Option<i32>) {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    let output = run_in(dir, &all);
    (stdout(&output), stderr(&output), output.status.code())
}

/// (rule, file, line) of every finding, from the JSON output.
fn finding_set(json: &str) -> Vec<(String, String, u64)> {
    let document: Value = serde_json::from_str(json).expect("check prints JSON");
    let mut set: Vec<_> = document["diagnostics"]
        .as_array()
        .expect("a diagnostics array")
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or_default().to_string(),
                d["file"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    set.sort();
    set
}

fn owned(set: &[(&str, &str, u64)]) -> Vec<(String, String, u64)> {
    set.iter()
        .map(|(r, f, l)| (r.to_string(), f.to_string(), *l))
        .collect()
}

const BASIC_FINDINGS: &[(&str, &str, u64)] = &[
    ("duplicate-id", "src/data.md", 3),
    ("invalid-block", "src/build.md", 21),
    ("invalid-block", "src/data.md", 16),
];

#[test]
fn json_names_the_expected_findings() {
    let (out, _, code) = check(&fixture("check-basic"), &["--format", "json"]);
    assert_eq!(code, Some(1));
    assert_eq!(finding_set(&out), owned(BASIC_FINDINGS));
    insta::assert_snapshot!("basic_json", out);
}

#[test]
fn human_output_is_rustc_style_without_colour_in_a_pipe() {
    let (out, _, code) = check(&fixture("check-basic"), &[]);
    assert_eq!(code, Some(1));
    assert!(!out.contains('\u{1b}'), "no ANSI escapes when piped");
    assert!(out.contains("error[duplicate-id]: the id `remote-cache`"));
    // Columns count characters: `é` before the error is one column.
    assert!(out.contains("--> src/data.md:16:44"));
    assert!(out.ends_with("3 errors, 0 warnings, 0 infos in 2 objectives\n"));
    insta::assert_snapshot!("basic_human", out);
}

#[test]
fn short_output_is_one_line_per_finding_in_book_order() {
    let (out, _, code) = check(&fixture("check-basic"), &["--format", "short"]);
    assert_eq!(code, Some(1));
    let places: Vec<&str> = out
        .lines()
        .map(|l| l.split(": ").next().unwrap_or(""))
        .collect();
    // Book order: build.md comes before data.md in SUMMARY.md.
    assert_eq!(
        places,
        ["src/build.md:21:1", "src/data.md:3:1", "src/data.md:16:44"]
    );
    insta::assert_snapshot!("basic_short", out);
}

#[test]
fn github_output_is_workflow_commands() {
    let (out, _, _) = check(&fixture("check-basic"), &["--format", "github"]);
    assert!(out.lines().all(|l| l.starts_with("::error file=src/")));
    insta::assert_snapshot!("basic_github", out);
}

#[test]
fn gitlab_output_is_a_code_quality_report() {
    let (out, _, _) = check(&fixture("check-basic"), &["--format", "gitlab"]);
    let issues: Value = serde_json::from_str(&out).expect("a JSON array");
    let issues = issues.as_array().expect("an array");
    assert_eq!(issues.len(), 3);
    let mut fingerprints: Vec<&str> = issues
        .iter()
        .filter_map(|i| i["fingerprint"].as_str())
        .collect();
    fingerprints.sort();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), 3, "fingerprints are unique");
    for issue in issues {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[key].is_string(), "{key} in {issue}");
        }
        assert_eq!(issue["severity"], "major");
        assert!(issue["location"]["path"].is_string());
        assert!(issue["location"]["lines"]["begin"].is_u64());
    }
    insta::assert_snapshot!("basic_gitlab", out);
}

#[test]
fn sarif_has_every_field_code_scanning_requires() {
    let (out, _, _) = check(&fixture("check-basic"), &["--format", "sarif"]);
    let sarif: Value = serde_json::from_str(&out).expect("SARIF is JSON");
    assert_eq!(sarif["$schema"], output::sarif::SCHEMA);
    assert_eq!(sarif["version"], "2.1.0");
    let runs = sarif["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "mdbook-okr");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), mdbook_okr::lint::RULES.len());
    for (rule, catalogue) in rules.iter().zip(mdbook_okr::lint::RULES) {
        assert_eq!(rule["id"], catalogue.name());
        assert_eq!(rule["shortDescription"]["text"], catalogue.summary());
        assert!(
            rule["fullDescription"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty())
        );
        assert_eq!(rule["help"]["text"], catalogue.docs());
        assert_eq!(rule["help"]["markdown"], catalogue.docs());
        let level = rule["defaultConfiguration"]["level"]
            .as_str()
            .unwrap_or_default();
        assert!(
            ["none", "note", "warning", "error"].contains(&level),
            "{level}"
        );
    }
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 3);
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert!(
            ["note", "warning", "error"].contains(&result["level"].as_str().unwrap_or_default())
        );
        assert!(result["message"]["text"].is_string());
        let location = &result["locations"][0]["physicalLocation"];
        assert!(
            location["artifactLocation"]["uri"]
                .as_str()
                .is_some_and(|u| u.starts_with("src/"))
        );
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(
                location["region"][key].as_u64().is_some_and(|n| n >= 1),
                "{key}"
            );
        }
        assert!(
            result["partialFingerprints"]
                .as_object()
                .is_some_and(|f| !f.is_empty())
        );
    }
    // Only the results are pinned: the rules' documentation is the rules'.
    insta::assert_snapshot!(
        "basic_sarif_results",
        serde_json::to_string_pretty(&run["results"]).unwrap_or_default()
    );
}

/// A plan with a file name and a message that need escaping in every
/// format, and one finding about the whole book.
fn awkward() -> (Plan, Vec<Diagnostic>) {
    let text = "# a\n\n```okr\nobjective = \"x\"\nquarter = \"2026-Q2\"\n[[kr]]\ntext = \"50% | done\"\n```\n";
    let plan = Plan::from_chapter("src/a,b:c d%.md", text, &Config::default());
    let start = text.find("50%").unwrap_or(0);
    let located = Diagnostic {
        rule: "unmeasurable",
        severity: Severity::Warning,
        location: Some(Location {
            file: 0,
            span: start..start + 3,
        }),
        objective_index: None,
        kr_index: None,
        objective: Some("x".into()),
        kr: Some("KR1".into()),
        subject: None,
        message: "100% vague: a,b | c\r\nsecond line".into(),
        help: "say how much: 50%".into(),
    };
    let book_wide = Diagnostic {
        rule: "team-without-okrs",
        severity: Severity::Info,
        location: None,
        objective_index: None,
        kr_index: None,
        objective: None,
        kr: None,
        subject: None,
        message: "team `x` has no OKRs".into(),
        help: "add a block".into(),
    };
    (plan, vec![located, book_wide])
}

#[test]
fn github_escapes_data_and_properties() {
    let (plan, diagnostics) = awkward();
    let out = output::github::write(&plan, &Paths::default(), &diagnostics);
    assert_eq!(
        out,
        "::warning file=src/a%2Cb%3Ac d%25.md,line=7,col=9,title=unmeasurable::\
         100%25 vague: a,b | c%0D%0Asecond line%0Ahelp: say how much: 50%25\n\
         ::notice title=team-without-okrs::team `x` has no OKRs%0Ahelp: add a block\n"
    );
    let summary = output::github::step_summary(&plan, &Paths::default(), &diagnostics);
    assert!(summary.contains(
        "| warning | `unmeasurable` | src/a,b:c d%.md:7:9 | 100% vague: a,b \\| c<br>second line |"
    ));
    assert!(summary.contains("| info | `team-without-okrs` |  | team `x` has no OKRs |"));
}

#[test]
fn sarif_and_gitlab_escape_paths_and_messages() {
    let (plan, diagnostics) = awkward();
    let paths = Paths::new(Some(Path::new("my book")), None);
    let sarif: Value =
        serde_json::from_str(&output::sarif::write(&plan, &paths, &diagnostics, None))
            .expect("JSON");
    let results = &sarif["runs"][0]["results"];
    let location = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "my%20book/src/a%2Cb%3Ac%20d%25.md"
    );
    assert_eq!(location["region"]["startColumn"], 9);
    assert_eq!(location["region"]["endColumn"], 12);
    assert_eq!(
        results[0]["message"]["text"],
        "100% vague: a,b | c\r\nsecond line\nhelp: say how much: 50%"
    );
    // A finding about the book is placed on book.toml: code scanning
    // rejects results without a location.
    assert_eq!(
        results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "my%20book/book.toml"
    );
    assert_eq!(results[1]["level"], "note");

    let gitlab: Value =
        serde_json::from_str(&output::gitlab::write(&plan, &paths, &diagnostics)).expect("JSON");
    assert_eq!(gitlab[0]["location"]["path"], "my book/src/a,b:c d%.md");
    assert_eq!(
        gitlab[0]["description"],
        "100% vague: a,b | c\r\nsecond line [unmeasurable]"
    );
    assert_eq!(gitlab[0]["severity"], "minor");
    assert_eq!(gitlab[1]["location"]["path"], "my book/book.toml");
    assert_eq!(gitlab[1]["severity"], "info");
}

#[test]
fn fingerprints_ignore_line_moves_and_stay_unique() {
    let config = Config {
        quarter: "2026-Q2".parse().ok(),
        ..Config::default()
    };
    let block = "```okr\nid = \"a\"\nobjective = \"x\"\n[[kr]]\ntext = \"t\"\n```\n";
    let twice = format!("{block}\n{block}");
    let fingerprints = |text: &str| {
        let plan = Plan::from_chapter("src/a.md", text, &config);
        let diagnostics = mdbook_okr::lint::run(&plan, &config);
        let duplicates: Vec<Diagnostic> = diagnostics
            .into_iter()
            .filter(|d| d.rule == "duplicate-id")
            .collect();
        let sarif: Value = serde_json::from_str(&output::sarif::write(
            &plan,
            &Paths::default(),
            &duplicates,
            None,
        ))
        .expect("JSON");
        sarif["runs"][0]["results"][0]["partialFingerprints"].clone()
    };
    let before = fingerprints(&twice);
    let moved = fingerprints(&format!("# Title\n\nSome words first.\n\n{twice}"));
    assert!(before.as_object().is_some_and(|f| !f.is_empty()));
    assert_eq!(before, moved);

    let (plan, mut diagnostics) = awkward();
    diagnostics.push(diagnostics[0].clone());
    let gitlab: Value = serde_json::from_str(&output::gitlab::write(
        &plan,
        &Paths::default(),
        &diagnostics,
    ))
    .expect("JSON");
    assert_ne!(
        gitlab[0]["fingerprint"], gitlab[2]["fingerprint"],
        "identical findings still differ"
    );
}

#[test]
fn human_prints_header_and_help_for_a_finding_without_place() {
    let (plan, diagnostics) = awkward();
    let out = output::human::write(&plan, &Paths::default(), &diagnostics[1..], false);
    assert_eq!(
        out,
        "info[team-without-okrs]: team `x` has no OKRs\n |\n = help: add a block\n\n0 errors, 0 warnings, 1 info in 1 objective\n"
    );
}

/// A book in a temporary folder, from the basic fixture's configuration
/// with `extra_rules` added to its `[preprocessor.okr.rules]`.
fn temp_book(extra_rules: &str, chapters: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let config = fs::read_to_string(fixture("check-basic").join("book.toml"))
        .expect("the fixture's book.toml");
    let config = config.replace(
        "[preprocessor.okr.rules]\n",
        &format!("[preprocessor.okr.rules]\n{extra_rules}"),
    );
    fs::write(dir.path().join("book.toml"), config).expect("write book.toml");
    fs::create_dir_all(dir.path().join("src")).expect("create src");
    let mut summary = String::from("# Summary\n\n");
    for (name, text) in chapters {
        summary.push_str(&format!("- [{name}]({name})\n"));
        fs::write(dir.path().join("src").join(name), text).expect("write a chapter");
    }
    fs::write(dir.path().join("src/SUMMARY.md"), summary).expect("write SUMMARY.md");
    dir
}

const VALID: &str = "```okr\nid = \"one\"\nteam = \"a\"\nobjective = \"Serve builds from a cache for every team to cut CI time\"\n[[kr]]\ntext = \"Cut CI time from 20 to 10 minutes\"\n```\n";

#[test]
fn exit_codes_follow_the_failing_severity() {
    let clean = temp_book("", &[("a.md", VALID.as_bytes())]);
    let (out, _, code) = check(clean.path(), &[]);
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(out, "0 errors, 0 warnings, 0 infos in 1 objective\n");

    let duplicated = format!("{VALID}\n{VALID}");
    let warning = temp_book(
        "duplicate-id = \"warning\"\n",
        &[("a.md", duplicated.as_bytes())],
    );
    let (out, _, code) = check(warning.path(), &["--format", "short"]);
    assert_eq!(code, Some(0), "a warning alone passes: {out}");
    assert!(out.contains("warning[duplicate-id]"));
    let (_, _, code) = check(warning.path(), &["--deny", "warnings"]);
    assert_eq!(code, Some(1));

    let (_, _, code) = check(&fixture("check-basic"), &["--format", "short"]);
    assert_eq!(code, Some(1));

    let (_, err, code) = check(clean.path(), &["no-such-file.md"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("no-such-file.md"), "{err}");

    let (_, err, code) = check(clean.path(), &["--format", "yaml"]);
    assert_eq!(code, Some(2), "{err}");

    let bad_config = tempfile::tempdir().expect("a temporary folder");
    fs::write(
        bad_config.path().join("book.toml"),
        "[preprocessor.okr]\nqarter = \"2026-Q2\"\n",
    )
    .expect("write");
    let (_, err, code) = check(bad_config.path(), &[]);
    assert_eq!(code, Some(2));
    assert!(err.contains("qarter"), "{err}");
}

#[test]
fn a_file_that_is_not_utf8_is_named_and_the_others_still_checked() {
    let duplicated = format!("{VALID}\n{VALID}");
    let book = temp_book(
        "",
        &[
            ("bad.md", b"# Caf\xe9\n\n```okr\n```\n"),
            ("good.md", duplicated.as_bytes()),
        ],
    );
    let (out, err, code) = check(book.path(), &["--format", "short"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("src/bad.md") && err.contains("not UTF-8"),
        "{err}"
    );
    assert!(
        out.contains("src/good.md:9:1: error[duplicate-id]"),
        "{out}"
    );
}

#[test]
fn included_files_are_checked_as_their_own_files() {
    let (out, err, code) = check(&fixture("check-include"), &["--format", "json"]);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        finding_set(&out),
        owned(&[
            // The range 1:9 takes the first block only, so the block at
            // line 13 (`objective = 12`) is not checked.
            ("duplicate-id", "src/parts/network.md", 1),
            // Taken through the anchor `later` by another chapter.
            ("invalid-block", "src/parts/network.md", 24),
        ])
    );
    // Included twice, checked once: security.md's `vault` and network.md's
    // duplicate are the only objectives (the anchored block is invalid).
    let document: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(document["summary"]["objectives"], 2);
}

#[test]
fn a_missing_include_is_a_finding_at_the_directive_and_the_rest_is_checked() {
    let duplicated = format!("{VALID}\nSee {{{{#include gone.md}}}}.\n{VALID}");
    let book = temp_book("", &[("a.md", duplicated.as_bytes())]);
    let (out, err, code) = check(book.path(), &["--format", "short"]);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(err, "");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with(
            "src/a.md:9:5: error[unreadable-include]: cannot include src/gone.md: cannot read the file"
        ),
        "{out}"
    );
    assert!(lines[1].contains("error[duplicate-id]"), "{out}");

    let exported = run_in(book.path(), &["export"]);
    assert_eq!(exported.status.code(), Some(0), "{}", stderr(&exported));
    let document: Value = serde_json::from_slice(&exported.stdout).expect("JSON");
    assert_eq!(document["diagnostics"][0]["rule"], "unreadable-include");
}

/// The user guide, checked and exported from the repository's root as a
/// reader would: its deliberate draft findings fail `check`, but nothing
/// keeps the book from loading, and every path opens from there.
#[test]
fn the_guide_checks_and_exports_from_the_repository_root() {
    let root = crate_dir();
    let (out, err, code) = check(&root, &["book", "--format", "short"]);
    assert!(matches!(code, Some(0 | 1)), "exit {code:?}: {err}");
    assert_eq!(err, "");
    assert!(!out.is_empty());
    let placed = out.lines().filter(|l| {
        !["error[", "warning[", "info["]
            .iter()
            .any(|s| l.starts_with(s))
    });
    for line in placed {
        let file = line.split(':').next().unwrap_or_default();
        assert!(
            file.starts_with("book/src/") && root.join(file).is_file(),
            "not a path from the repository root: {line}"
        );
    }

    let (out, _, _) = check(&root, &["book", "--format", "json"]);
    let document: Value = serde_json::from_str(&out).expect("JSON");
    let first = &document["diagnostics"][0];
    let file = first["file"].as_str().expect("a file");
    assert!(
        file.starts_with("src/"),
        "`file` stays book-relative: {first}"
    );
    assert_eq!(first["path"], format!("book/{file}"));

    let (out, _, _) = check(&root, &["book"]);
    assert!(out.contains("--> book/src/"), "{out}");

    let exported = run_in(&root, &["export", "book"]);
    assert_eq!(exported.status.code(), Some(0), "{}", stderr(&exported));
}

#[test]
fn github_format_appends_a_step_summary() {
    let summary = tempfile::NamedTempFile::new().expect("a temporary file");
    fs::write(summary.path(), "earlier step\n").expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_mdbook-okr"))
        .args(["check", "--format", "github"])
        .current_dir(fixture("check-basic"))
        .env("GITHUB_STEP_SUMMARY", summary.path())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let written = fs::read_to_string(summary.path()).expect("read");
    assert!(
        written.starts_with("earlier step\n## mdbook-okr check\n"),
        "{written}"
    );
    assert_eq!(written.matches("| error |").count(), 3, "{written}");
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn changed_since_keeps_findings_of_changed_blocks_only() {
    let repo = tempfile::tempdir().expect("a temporary folder");
    let root = repo.path();
    let book = root.join("docs");
    let old_block =
        "```okr\nid = \"old\"\nobjective = \"x\"\n[[kr]]\ntext = \"t\"\nowner = 1\n```\n";
    let dup_block = VALID;
    let chapter = format!("# A\n\n{old_block}\n{dup_block}");
    let staged = temp_book("", &[("a.md", chapter.as_bytes())]);
    fs::rename(staged.path(), &book).expect("move the book into the repository");
    git(root, &["init", "-q"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "first"]);

    // Move the old block down (same text: unchanged), add a new chapter
    // duplicating an id, and change the second block of a.md.
    let changed_dup = dup_block.replace("Cut CI time from 20", "Cut CI time from 25");
    fs::write(
        book.join("src/a.md"),
        format!("# A\n\nMore words.\n\n{old_block}\n{changed_dup}"),
    )
    .expect("write");
    fs::write(book.join("src/b.md"), VALID).expect("write");
    fs::write(
        book.join("src/SUMMARY.md"),
        "# Summary\n\n- [a](a.md)\n- [b](b.md)\n",
    )
    .expect("write");

    let (all, _, _) = check(root, &["docs", "--format", "json"]);
    assert_eq!(
        finding_set(&all),
        owned(&[
            ("duplicate-id", "src/b.md", 1),
            ("invalid-block", "src/a.md", 10)
        ])
    );
    let (changed, err, code) = check(
        root,
        &["docs", "--format", "json", "--changed-since", "HEAD"],
    );
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        finding_set(&changed),
        owned(&[("duplicate-id", "src/b.md", 1)])
    );

    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "second"]);
    let (nothing, _, code) = check(
        root,
        &["docs", "--format", "short", "--changed-since", "HEAD"],
    );
    assert_eq!((nothing.as_str(), code), ("", Some(0)));
    let (_, err, code) = check(root, &["docs", "--changed-since", "no-such-rev"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("no-such-rev"), "{err}");
}
