//! Every rule on one fixture book: the exact set of findings, and the human
//! output a reader of a pull request sees, as a snapshot.

use crate::support::{fixture, run_in, stdout};

#[test]
fn every_rule_fires_where_the_fixture_breaks_it_and_nowhere_else() {
    let book = fixture("rules-demo");
    let output = run_in(&book, &["check", ".", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let document: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let found: Vec<(String, String, String)> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let text = |key: &str| d[key].as_str().unwrap_or("").to_string();
            (text("rule"), text("objective"), text("kr"))
        })
        .collect();
    let expected: Vec<(String, String, String)> = [
        ("missed-commitment", "cache-q2", "KR1"),
        ("objective-drift", "cache-q3", ""),
        ("commitment-unlabeled", "cache-q3", "KR1"),
        ("missing-definition-of-done", "cache-q3", "KR1"),
        ("unmeasurable", "cache-q3", "KR1"),
        ("commitment-unlabeled", "cache-q3", "KR2"),
        ("impact-without-metric", "cache-q3", "KR2"),
        ("unmeasurable", "cache-q3", "KR2"),
        ("vague-done-item", "cache-q3", "KR2"),
        ("commitment-unlabeled", "cache-q3", "KR3"),
        ("activity-not-outcome", "cache-q3", "KR3"),
        ("commitment-unlabeled", "cache-q3", "KR4"),
        ("discovery-without-output", "cache-q3", "KR4"),
        ("stretch-prerequisite", "cache-q3", "KR5"),
        ("partial-prerequisite", "cache-q3", "KR5"),
        ("kr-count", "cache-q3", ""),
        ("commitment-unlabeled", "cache-q3", "KR6"),
        ("template-placeholder", "cache-q3", "KR6"),
        ("unknown-team", "web-perf", ""),
        ("kr-count", "web-perf", ""),
        ("objective-without-outcome", "web-perf", ""),
        ("hype-words", "web-perf", ""),
        ("commitment-unlabeled", "web-perf", "KR1"),
        ("unknown-dependency", "web-perf", "KR1"),
        ("dependency-cycle", "web-perf", "KR1"),
        ("commitment-unlabeled", "web-perf", "KR2"),
        ("duplicate-id", "web-perf", ""),
        ("overlapping-objectives", "web-perf", ""),
        ("invalid-block", "", ""),
        ("missing-phase-label", "hermetic", ""),
        ("no-impact-kr", "hermetic", ""),
        ("overlapping-objectives", "hermetic", ""),
        ("too-many-objectives", "hermetic", ""),
        ("unreadable-include", "", ""),
        ("team-without-okrs", "", ""),
        ("team-without-okrs", "", ""),
    ]
    .iter()
    .map(|(r, o, k)| (r.to_string(), o.to_string(), k.to_string()))
    .collect();
    assert_eq!(found, expected);
}

#[test]
fn human_output_of_every_rule() {
    let book = fixture("rules-demo");
    let output = run_in(&book, &["check", "."]);
    insta::assert_snapshot!(stdout(&output));
}

/// The demo book shows every rule of the registry: a new rule needs a case
/// there. `unknown-rule` is the one exception, since its case would be a
/// misspelt `allow` that the demo's readers would copy.
#[test]
fn the_demo_covers_every_registered_rule() {
    let book = fixture("rules-demo");
    let output = run_in(&book, &["check", ".", "--format", "json"]);
    let document: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let fired: std::collections::BTreeSet<&str> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["rule"].as_str())
        .collect();
    let missing: Vec<&str> = mdbook_okr::lint::RULES
        .iter()
        .map(|r| r.name())
        // The history rules need a Git repository with dated commits:
        // tests/it/history.rs shows each of them.
        .filter(|name| {
            *name != mdbook_okr::lint::UNKNOWN_RULE
                && !mdbook_okr::book::history::RULES.contains(name)
                && !fired.contains(name)
        })
        .collect();
    assert!(
        missing.is_empty(),
        "rules-demo shows no case of {missing:?}"
    );
}
