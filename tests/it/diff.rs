//! `mdbook-okr diff`: scripted commits in a temporary git repository, with
//! the book in a subfolder as it often is.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::support::{run_in, stderr, stdout};

const BOOK_TOML: &str = "[book]\ntitle = \"Plans\"\n\n[preprocessor.okr]\nquarter = \"2026-Q2\"\nteams = [\"platform\", \"checkout\"]\n";
const SUMMARY: &str = "# Summary\n\n- [Platform](platform.md)\n- [Checkout](checkout.md)\n";

const PLATFORM: &str = r#"# Platform

```okr
id = "fast-deploys"
team = "platform"
objective = "Make deploys fast and safe for every product team so releases stop waiting on the platform"

[[kr]]
id = "deploy-frequency"
text = "Raise production deploys per team from 2 to 10 a week"
metric = { from = 2, to = 10, current = 4, unit = "deploys/week" }

[[kr]]
id = "self-serve-pipelines"
text = "Ship self-serve pipeline templates that product teams adopt without platform tickets"
done = ["[x] Template for web services published", "[ ] Template for workers published"]
```
"#;

const CHECKOUT: &str = r#"# Checkout

```okr
id = "checkout-releases"
team = "checkout"
objective = "Release checkout changes daily so customers get fixes sooner"

[[kr]]
text = "Move the checkout service onto the self-serve pipeline templates"
depends_on = ["fast-deploys#self-serve-pipelines"]
done = ["[ ] Checkout deploys through the template"]
```
"#;

/// A git repository whose `plans/` folder holds the book, committed once.
fn repository() -> tempfile::TempDir {
    let repo = tempfile::tempdir().expect("a temporary folder");
    git(repo.path(), &["init", "--quiet"]);
    write(repo.path(), "book.toml", BOOK_TOML);
    write(repo.path(), "src/SUMMARY.md", SUMMARY);
    write(repo.path(), "src/platform.md", PLATFORM);
    write(repo.path(), "src/checkout.md", CHECKOUT);
    commit(repo.path(), "the plan");
    repo
}

fn write(repo: &Path, path: &str, text: &str) {
    let path = repo.join("plans").join(path);
    fs::create_dir_all(path.parent().expect("a parent folder")).expect("a folder");
    fs::write(path, text).expect("a file");
}

fn git(repo: &Path, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["-c", "user.name=t", "-c", "user.email=t@t"])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?} failed");
}

fn commit(repo: &Path, message: &str) {
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "--quiet", "-m", message]);
}

fn diff(repo: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["diff", "--book", "plans"];
    all.extend_from_slice(args);
    run_in(repo, &all)
}

/// The change the issue describes: a committed target lowered on a
/// growing measure, and a prerequisite of another team made a stretch goal.
fn weaken_the_platform_plan(repo: &Path) {
    let weakened = PLATFORM
        .replace("to = 10, current = 4", "to = 6, current = 4")
        .replace(
            "adopt without platform tickets\"\n",
            "adopt without platform tickets\"\ncommitment = \"stretch\"\n",
        );
    assert_ne!(weakened, PLATFORM);
    write(repo, "src/platform.md", &weakened);
}

#[test]
fn flags_an_easier_target_and_a_prerequisite_made_stretch() {
    let repo = repository();
    weaken_the_platform_plan(repo.path());
    commit(repo.path(), "weaker");
    let output = diff(repo.path(), &["HEAD~1", "HEAD"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = stdout(&output);
    assert!(
        report.contains("easier target on a committed KR"),
        "{report}"
    );
    assert!(
        report.contains("now a stretch goal**, but team **checkout**"),
        "{report}"
    );
    assert!(report.contains("`checkout-releases#KR1`"), "{report}");
    insta::assert_snapshot!("weakened_markdown", report);
}

#[test]
fn json_names_the_flags_and_their_dependents() {
    let repo = repository();
    weaken_the_platform_plan(repo.path());
    commit(repo.path(), "weaker");
    let output = diff(repo.path(), &["HEAD~1", "HEAD", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(json["base"], "HEAD~1");
    assert_eq!(json["head"], "HEAD");
    assert_eq!(json["summary"]["objectives_changed"], 1);
    assert_eq!(json["summary"]["krs_changed"], 2);
    assert_eq!(json["summary"]["flags"], 2);
    let objective = &json["objectives"][0];
    assert_eq!(objective["change"], "changed");
    assert_eq!(objective["id"], "fast-deploys");
    assert_eq!(objective["team"], "platform");
    assert_eq!(objective["file"], "src/platform.md");
    let krs = objective["krs"].as_array().expect("a list of KRs");
    let frequency = &krs[0];
    assert_eq!(frequency["id"], "deploy-frequency");
    assert_eq!(frequency["metric_change"]["from"]["to"], 10.0);
    assert_eq!(frequency["metric_change"]["to"]["to"], 6.0);
    assert_eq!(frequency["flags"][0]["kind"], "easier-target");
    let pipelines = &krs[1];
    assert_eq!(pipelines["commitment_change"]["from"], "committed");
    assert_eq!(pipelines["commitment_change"]["to"], "stretch");
    let flag = &pipelines["flags"][0];
    assert_eq!(flag["kind"], "prerequisite-now-stretch");
    assert_eq!(flag["dependents"][0]["team"], "checkout");
    assert_eq!(flag["dependents"][0]["objective"], "checkout-releases");
    assert_eq!(flag["dependents"][0]["kr"], "KR1");
    let introduced = json["findings"]["introduced"]
        .as_array()
        .expect("a list of findings");
    assert!(
        introduced
            .iter()
            .any(|f| f["rule"] == "stretch-prerequisite" && f["file"] == "src/platform.md"),
        "{introduced:?}"
    );
}

#[test]
fn compares_with_the_working_tree_without_a_head() {
    let repo = repository();
    weaken_the_platform_plan(repo.path());
    let output = diff(repo.path(), &["HEAD", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(json["head"], serde_json::Value::Null);
    assert_eq!(json["summary"]["flags"], 2);
    let markdown = stdout(&diff(repo.path(), &["HEAD"]));
    assert!(
        markdown.starts_with("## OKR plan changes: `HEAD` → the working tree"),
        "{markdown}"
    );
    // Against itself the working tree has nothing new.
    let output = diff(repo.path(), &["HEAD", "HEAD"]);
    assert!(stdout(&output).contains("No changes to the plan."));
}

#[test]
fn reports_added_and_removed_objectives() {
    let repo = repository();
    let replaced = r#"# Checkout

```okr
id = "checkout-latency"
team = "checkout"
objective = "Make checkout pages load fast on phones so fewer carts are abandoned"

[[kr]]
text = "Cut p95 checkout page load on phones from 4.2 to 2.0 seconds"
metric = { from = 4.2, to = 2.0, unit = "s" }
```
"#;
    write(repo.path(), "src/checkout.md", replaced);
    commit(repo.path(), "replace");
    let output = diff(repo.path(), &["HEAD~1", "HEAD", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(json["summary"]["objectives_added"], 1);
    assert_eq!(json["summary"]["objectives_removed"], 1);
    let changes: Vec<(&str, &str)> = json["objectives"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|o| {
            (
                o["change"].as_str().unwrap_or_default(),
                o["id"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("added", "checkout-latency"),
            ("removed", "checkout-releases")
        ]
    );
    let markdown = stdout(&diff(repo.path(), &["HEAD~1", "HEAD"]));
    assert!(markdown.contains("#### Added: 2026-Q2 · Make checkout pages load fast"));
    assert!(markdown.contains("#### Removed: 2026-Q2 · Release checkout changes daily"));
}

#[test]
fn reports_a_done_item_newly_checked_and_the_score_it_moves() {
    let repo = repository();
    write(
        repo.path(),
        "src/platform.md",
        &PLATFORM.replace("[ ] Template for workers", "[x] Template for workers"),
    );
    commit(repo.path(), "done");
    let output = diff(repo.path(), &["HEAD~1", "HEAD", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let kr = &json["objectives"][0]["krs"][0];
    assert_eq!(kr["id"], "self-serve-pipelines");
    assert_eq!(kr["done"]["checked"][0], "Template for workers published");
    assert_eq!(kr["score_change"]["from"], 0.5);
    assert_eq!(kr["score_change"]["to"], 1.0);
    assert_eq!(json["summary"]["flags"], 0);
    let markdown = stdout(&diff(repo.path(), &["HEAD~1", "HEAD"]));
    assert!(
        markdown.contains("Definition of Done newly checked ☑: “Template for workers published”"),
        "{markdown}"
    );
}

#[test]
fn reports_findings_introduced_and_fixed() {
    let repo = repository();
    // The base has an unknown dependency; the head fixes it and adds a
    // different one.
    write(
        repo.path(),
        "src/checkout.md",
        &CHECKOUT.replace("fast-deploys#self-serve-pipelines", "fast-deploys#KR9"),
    );
    commit(repo.path(), "broken");
    write(
        repo.path(),
        "src/platform.md",
        &PLATFORM.replace(
            "adopt without platform tickets\"\n",
            "adopt without platform tickets\"\ndepends_on = [\"team:nobody\"]\n",
        ),
    );
    write(repo.path(), "src/checkout.md", CHECKOUT);
    commit(repo.path(), "fixed one, broke another");
    let output = diff(repo.path(), &["HEAD~1", "HEAD", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let rules = |list: &str| -> Vec<String> {
        json["findings"][list]
            .as_array()
            .expect("a list")
            .iter()
            .map(|f| format!("{} {}", f["rule"], f["objective"]))
            .collect()
    };
    assert!(
        rules("fixed").contains(&r#""unknown-dependency" "checkout-releases""#.to_string()),
        "{:?}",
        rules("fixed")
    );
    assert!(
        rules("introduced").contains(&r#""unknown-dependency" "fast-deploys""#.to_string()),
        "{:?}",
        rules("introduced")
    );
    let markdown = stdout(&diff(repo.path(), &["HEAD~1", "HEAD"]));
    assert!(markdown.contains("**Introduced ("), "{markdown}");
    assert!(markdown.contains("**Fixed ("), "{markdown}");
}

#[test]
fn a_bad_revision_is_a_one_line_error_with_exit_code_2() {
    let repo = repository();
    for rev in ["no-such-branch", "-p"] {
        let output = diff(repo.path(), &["--", rev]);
        assert_eq!(output.status.code(), Some(2), "{rev}: {}", stdout(&output));
        let message = stderr(&output);
        assert_eq!(message.trim().lines().count(), 1, "{message}");
        assert!(message.contains(rev), "{message}");
    }
    let outside = tempfile::tempdir().expect("a temporary folder");
    fs::write(outside.path().join("book.toml"), BOOK_TOML).expect("a file");
    let output = run_in(outside.path(), &["diff", "HEAD"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("not inside a git repository"));
}
