//! The planning cycle commands, run as a user runs them: `init`, `new`,
//! `next-quarter`, then `build` and `check` on the result.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use mdbook_okr::book::load_book;

use crate::support::{run_in, stderr, stdout};

/// Runs the binary in `dir` and asserts its exit code.
fn run_ok(dir: &Path, args: &[&str]) -> String {
    let output = run_in(dir, args);
    assert!(
        output.status.success(),
        "`mdbook-okr {}` failed:\n{}{}",
        args.join(" "),
        stdout(&output),
        stderr(&output)
    );
    stdout(&output)
}

fn run_refused(dir: &Path, args: &[&str]) -> String {
    let output = run_in(dir, args);
    assert_eq!(
        output.status.code(),
        Some(2),
        "`mdbook-okr {}` should refuse",
        args.join(" ")
    );
    stderr(&output)
}

fn read(path: impl AsRef<Path>) -> String {
    fs::read_to_string(path.as_ref()).unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

/// Asserts that `after` is `before` with `inserted` lines added, every old
/// line kept byte-for-byte and in order.
fn assert_only_inserted(before: &str, after: &str, inserted: &[&str]) {
    let mut old = before.split_inclusive('\n').peekable();
    let mut added = Vec::new();
    for line in after.split_inclusive('\n') {
        if old.peek() == Some(&line) {
            old.next();
        } else {
            added.push(line.trim_end_matches('\n'));
        }
    }
    assert_eq!(old.next(), None, "an old line is gone or changed:\n{after}");
    assert_eq!(added, inserted, "unexpected lines added:\n{after}");
}

#[test]
fn init_writes_a_book_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run_ok(tmp.path(), &["init", "plans"]);
    let book = tmp.path().join("plans");
    for file in [
        "book.toml",
        "okr.css",
        "src/SUMMARY.md",
        "src/introduction.md",
        "src/okr-index.md",
        "src/example.md",
    ] {
        assert!(book.join(file).is_file(), "{file} missing");
        assert!(
            out.contains(&Path::new("plans").join(file).display().to_string()),
            "{out}"
        );
    }
    let config: toml::Table = toml::from_str(&read(book.join("book.toml"))).unwrap();
    let okr = &config["preprocessor"]["okr"];
    assert_eq!(
        okr["quarter"].as_str(),
        Some(mdbook_okr::cycle::current_quarter().to_string().as_str())
    );
    assert_eq!(okr["teams"].as_array().map(Vec::len), Some(0));
    assert!(read(book.join("book.toml")).contains("# The ids of the teams"));
    assert!(read(book.join("src/okr-index.md")).contains("{{#okr-index}}"));

    run_ok(tmp.path(), &["build", "plans"]);
    let index = read(book.join("book/okr-index.html"));
    assert!(
        !index.contains("{{#okr-index"),
        "the index directive was not replaced"
    );
    assert!(book.join("book/example.html").is_file());

    let check = run_ok(tmp.path(), &["check", "--format", "json", "plans"]);
    let json: serde_json::Value = serde_json::from_str(&check).unwrap();
    assert_eq!(json["summary"]["objectives"], 1, "{check}");
}

#[test]
fn the_example_passes_check_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    run_ok(tmp.path(), &["init", "--quarter", "2026-Q2"]);
    let check = run_ok(
        tmp.path(),
        &["check", "--format", "json", "--deny", "warnings"],
    );
    let json: serde_json::Value = serde_json::from_str(&check).unwrap();
    assert_eq!(json["diagnostics"], serde_json::json!([]), "{check}");
}

#[test]
fn init_refuses_to_overwrite_and_names_the_files() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir_all(tmp.path().join("src")).unwrap();
    fs::write(tmp.path().join("src/SUMMARY.md"), "# Mine\n").unwrap();
    fs::write(tmp.path().join("okr.css"), "/* mine */\n").unwrap();
    let err = run_refused(tmp.path(), &["init"]);
    assert!(
        err.contains("SUMMARY.md") && err.contains("okr.css"),
        "{err}"
    );
    assert!(!err.contains("introduction.md"), "{err}");
    assert!(
        !tmp.path().join("book.toml").exists(),
        "init wrote despite refusing"
    );
    assert!(!tmp.path().join("src/introduction.md").exists());
    assert_eq!(read(tmp.path().join("src/SUMMARY.md")), "# Mine\n");
}

#[test]
fn new_adds_chapters_for_two_teams() {
    let tmp = tempfile::tempdir().unwrap();
    run_ok(tmp.path(), &["init", "--quarter", "2026-Q2"]);
    let summary_before = read(tmp.path().join("src/SUMMARY.md"));
    let toml_before = read(tmp.path().join("book.toml"));

    run_ok(tmp.path(), &["new", "--team", "security"]);
    run_ok(tmp.path(), &["new", "--team", "ml-infra"]);
    let chapter = read(tmp.path().join("src/2026-Q2/ml-infra.md"));
    assert!(chapter.starts_with("# Ml infra, 2026 Q2\n"), "{chapter}");
    assert!(chapter.contains("team = \"ml-infra\"\nquarter = \"2026-Q2\"\n"));
    assert!(chapter.contains("# [[kr]]\n# text = \"<An ambitious target"));

    assert_only_inserted(
        &summary_before,
        &read(tmp.path().join("src/SUMMARY.md")),
        &[
            "- [2026 Q2]()",
            "  - [Security](2026-Q2/security.md)",
            "  - [Ml infra](2026-Q2/ml-infra.md)",
        ],
    );

    // book.toml: the same lines, comments included, but for the team list.
    let toml_after = read(tmp.path().join("book.toml"));
    let before: Vec<&str> = toml_before.lines().collect();
    let after: Vec<&str> = toml_after.lines().collect();
    assert_eq!(before.len(), after.len());
    for (old, new) in before.iter().zip(&after) {
        if old.starts_with("teams = ") {
            assert_eq!(*new, "teams = [\"security\", \"ml-infra\"]");
        } else {
            assert_eq!(old, new);
        }
    }

    let err = run_refused(tmp.path(), &["new", "--team", "security"]);
    assert!(err.contains("security.md"), "{err}");
    run_ok(tmp.path(), &["build"]);
}

#[test]
fn new_follows_a_book_that_groups_quarters_in_parts() {
    let tmp = tempfile::tempdir().unwrap();
    let book_toml = "[book]\ntitle = \"Plans\"  # shown in the sidebar\n\n# Teams we know.\n[preprocessor.okr]\nquarter = \"2026-Q3\"\nteams = [\n  \"data\",  # the data team\n]\n";
    let summary = "# Summary\n\n[About](README.md)\n\n# 2026 Q1\n\n- [Data](2026-Q1/data.md)\n\n# 2026 Q4\n\n- [Data](2026-Q4/data.md)\n";
    fs::create_dir_all(tmp.path().join("src")).unwrap();
    fs::write(tmp.path().join("book.toml"), book_toml).unwrap();
    fs::write(tmp.path().join("src/SUMMARY.md"), summary).unwrap();

    run_ok(tmp.path(), &["new", "--team", "web"]);
    assert!(tmp.path().join("src/2026-Q3/web.md").is_file());
    assert_only_inserted(
        summary,
        &read(tmp.path().join("src/SUMMARY.md")),
        &["# 2026 Q3", "", "- [Web](2026-Q3/web.md)", ""],
    );
    assert!(
        read(tmp.path().join("src/SUMMARY.md"))
            .contains("2026-Q1/data.md)\n\n# 2026 Q3\n\n- [Web]")
    );
    assert_only_inserted(
        book_toml,
        &read(tmp.path().join("book.toml")),
        &["  \"web\","],
    );

    run_ok(
        tmp.path(),
        &["new", "--team", "data", "--quarter", "2026-Q1"],
    );
    // An existing chapter that SUMMARY lists is never overwritten.
    let err = run_refused(
        tmp.path(),
        &["new", "--team", "data", "--quarter", "2026-Q1"],
    );
    assert!(err.contains("data.md"), "{err}");
}

#[test]
fn new_checks_its_arguments() {
    let tmp = tempfile::tempdir().unwrap();
    run_ok(tmp.path(), &["init", "--quarter", "2026-Q2"]);
    let err = run_refused(tmp.path(), &["new", "--team", "Web_Team"]);
    assert!(err.contains("`Web_Team` is not a team id"), "{err}");
    let err = run_refused(tmp.path(), &["new", "--team", "web", "--quarter", "2026-5"]);
    assert!(err.contains("`2026-5` is not a quarter"), "{err}");
    let err = run_refused(tmp.path(), &["init", "x", "--quarter", "Q2"]);
    assert!(err.contains("is not a quarter"), "{err}");
    assert!(!tmp.path().join("src/2026-Q2").exists());
}

/// The security team's plan for 2026-Q2, written over the template: one
/// objective still in progress, one finished.
const SECURITY_PLAN: &str = r#"# Security, 2026 Q2

```okr
team = "security"
quarter = "2026-Q2"
owner = "Dana Kim"
```

```okr
id = "secrets-vault-q2"
objective = "Build centralized secrets management for all product teams to remove hardcoded credentials from production (Vault rollout)"

[[kr]]
text = "Reduce hardcoded secrets in the top 10 critical services from 140 to 0"
metric = { from = 140, to = 0, current = 35, unit = "secrets" }

[[kr]]
id = "vault-launch"
text = "Launch the secrets vault with API key and database credential support, integrated with the CI/CD pipeline"
done = [
  "[x] Vault cluster runs in production with a 99.9% availability SLO",
  "[x] CI/CD pipeline reads credentials from the vault",
]

[[kr]]
text = "Move all 40 services to read their credentials from the vault at deploy time"
depends_on = ["secrets-vault-q2#vault-launch"]
done = [
  "[x] 25 of 40 services read every credential from the vault",
  "[ ] 40 of 40 services read every credential from the vault",
]

[[kr]]
text = "Rotate 50% of secrets automatically with zero manual steps"
commitment = "stretch"
metric = { from = 0, to = 50, current = 20, unit = "%" }
```

```okr
id = "sso-q2"
objective = "Connect every internal tool to company SSO for all employees to cut account setup for new engineers from 2 days to 1 hour"

[[kr]]
text = "Cut account setup time for new engineers from 2 days to 1 hour"
metric = { from = 48, to = 1, current = 1, unit = "hours" }

[[kr]]
text = "Connect 30 of 30 internal tools to SSO"
done = ["[x] 30 of 30 tools accept only SSO logins"]

[[kr]]
text = "Publish the SSO onboarding guide with 5 common workflows for tool owners"
done = ["[x] Guide published in the handbook", "[x] 5 workflows documented with screenshots"]
```
"#;

/// The findings of `check --format json` in `dir` as (rule, objective, kr).
fn findings(dir: &Path) -> Vec<(String, String, String)> {
    let output = run_in(dir, &["check", "--format", "json"]);
    let text = stdout(&output);
    let json: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}{}", stderr(&output)));
    let field = |d: &serde_json::Value, key: &str| d[key].as_str().unwrap_or("").to_string();
    json["diagnostics"]
        .as_array()
        .expect("a diagnostics array")
        .iter()
        .map(|d| (field(d, "rule"), field(d, "objective"), field(d, "kr")))
        .collect()
}

fn findings_of(all: &[(String, String, String)], rule: &str) -> Vec<(String, String, String)> {
    all.iter().filter(|(r, _, _)| r == rule).cloned().collect()
}

/// init, `new` for two teams, one plan written, `next-quarter`, build.
fn planned_book() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    run_ok(dir, &["init", "--quarter", "2026-Q2"]);
    run_ok(dir, &["new", "--team", "security"]);
    run_ok(dir, &["new", "--team", "ml-infra"]);
    fs::write(dir.join("src/2026-Q2/security.md"), SECURITY_PLAN).unwrap();
    let out = run_ok(dir, &["next-quarter", "--team", "security"]);
    assert!(
        out.contains("secrets-vault-q2 -> secrets-vault-q3"),
        "{out}"
    );
    assert!(out.contains("finished, not carried: sso-q2"), "{out}");
    assert!(
        out.contains("KR1 is committed and ended at 0.75: add a `postmortem`"),
        "{out}"
    );
    assert!(out.contains("KR3 is committed and ended at 0.50"), "{out}");
    assert!(
        out.contains("stretch candidates (in a comment): KR4"),
        "{out}"
    );
    run_ok(dir, &["build"]);
    tmp
}

#[test]
fn next_quarter_carries_the_objective_text_byte_for_byte() {
    let tmp = planned_book();
    let dir = tmp.path();
    let chapter = read(dir.join("src/2026-Q3/security.md"));
    let statement = "Build centralized secrets management for all product teams to remove hardcoded credentials from production";
    assert!(
        chapter.contains(&format!(
            "objective = \"{statement}\"\nphase = \"<phase>\"  # in 2026-Q2: \"Vault rollout\"\n"
        )),
        "{chapter}"
    );
    assert!(chapter.contains(
        "#   KR4 (0.40): \"Rotate 50% of secrets automatically with zero manual steps\""
    ));
    assert!(chapter.contains("need a `postmortem` in src/2026-Q2/security.md"));
    assert!(
        !chapter.contains("Connect 30 of 30"),
        "a finished objective was carried"
    );

    let loaded = load_book(dir).unwrap();
    let old = loaded
        .plan
        .objectives
        .iter()
        .find(|o| o.id == "secrets-vault-q2")
        .unwrap();
    let new = loaded
        .plan
        .objectives
        .iter()
        .find(|o| o.id == "secrets-vault-q3")
        .unwrap();
    assert_eq!(new.text.value.as_bytes(), old.statement.as_bytes());
    assert_eq!(new.quarter.to_string(), "2026-Q3");
    assert_eq!(new.team, "security");
    let texts: Vec<&str> = new.krs.iter().map(|kr| kr.text.as_str()).collect();
    assert_eq!(texts, [old.krs[0].text.as_str(), old.krs[2].text.as_str()]);
    assert!(new.krs.iter().all(|kr| kr.postmortem.is_none()));

    assert!(read(dir.join("src/SUMMARY.md")).ends_with(
        "- [2026 Q2]()\n  - [Security](2026-Q2/security.md)\n  - [Ml infra](2026-Q2/ml-infra.md)\n- [2026 Q3]()\n  - [Security](2026-Q3/security.md)\n"
    ));
    // The latest quarter is now 2026-Q3; a chapter already there for
    // 2026-Q4 is not overwritten, and SUMMARY.md stays as it was.
    let summary = read(dir.join("src/SUMMARY.md"));
    fs::create_dir_all(dir.join("src/2026-Q4")).unwrap();
    fs::write(dir.join("src/2026-Q4/security.md"), "# Mine\n").unwrap();
    let err = run_refused(dir, &["next-quarter", "--team", "security"]);
    assert!(err.contains("2026-Q4/security.md"), "{err}");
    assert_eq!(read(dir.join("src/2026-Q4/security.md")), "# Mine\n");
    assert_eq!(read(dir.join("src/SUMMARY.md")), summary);
    let err = run_refused(dir, &["next-quarter", "--team", "data"]);
    assert!(err.contains("no objective of team `data`"), "{err}");
}

#[test]
fn the_planned_book_parses_without_invalid_blocks() {
    let tmp = planned_book();
    let all = findings(tmp.path());
    assert_eq!(findings_of(&all, "invalid-block"), [], "{all:?}");
    let loaded = load_book(tmp.path()).unwrap();
    let teams: BTreeSet<(&str, String)> = loaded
        .plan
        .objectives
        .iter()
        .map(|o| (o.team.as_str(), o.quarter.to_string()))
        .collect();
    assert_eq!(
        teams,
        BTreeSet::from([
            ("example", "2026-Q1".to_string()),
            ("ml-infra", "2026-Q2".to_string()),
            ("security", "2026-Q2".to_string()),
            ("security", "2026-Q3".to_string()),
        ])
    );
}

/// The template's placeholders and the missed commitments of a graded
/// quarter are reported, and nothing else trips these two rules.
#[test]
fn placeholders_and_missed_commitments_are_reported() {
    let tmp = planned_book();
    let dir = tmp.path();
    let all = findings(dir);
    let placeholder_objectives: BTreeSet<String> = findings_of(&all, "template-placeholder")
        .into_iter()
        .map(|(_, o, _)| o)
        .collect();
    assert_eq!(
        placeholder_objectives,
        BTreeSet::from([
            "2026-q2-ml-infra-build-or-change-what".to_string(),
            "secrets-vault-q3".to_string(),
        ]),
        "{all:?}"
    );

    // Grade 2026-Q2: move the current quarter on.
    let toml =
        read(dir.join("book.toml")).replace("quarter = \"2026-Q2\"", "quarter = \"2026-Q3\"");
    fs::write(dir.join("book.toml"), toml).unwrap();
    let all = findings(dir);
    let missed: BTreeSet<(String, String)> = findings_of(&all, "missed-commitment")
        .into_iter()
        .map(|(_, o, k)| (o, k))
        .collect();
    assert_eq!(
        missed,
        BTreeSet::from([
            ("secrets-vault-q2".to_string(), "KR1".to_string()),
            ("secrets-vault-q2".to_string(), "KR3".to_string()),
            // The untouched template's delivery KR: none of its done items
            // is met, and nobody wrote why.
            (
                "2026-q2-ml-infra-build-or-change-what".to_string(),
                "KR2".to_string()
            ),
        ]),
        "{all:?}"
    );
}
