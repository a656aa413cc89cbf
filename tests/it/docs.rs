//! The book's rule pages are generated from the rules' own docs: this test
//! fails when they differ, and rewrites them with `UPDATE_DOCS=1`.

use std::fs;

use mdbook_okr::lint::{self, RULES};

use crate::support::crate_dir;

#[test]
fn rule_pages_match_the_rules_docs() {
    let dir = crate_dir().join("book/src/rules");
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    let summary = fs::read_to_string(crate_dir().join("book/src/SUMMARY.md")).unwrap();
    let mut stale = Vec::new();
    for rule in RULES {
        let path = dir.join(format!("{}.md", rule.name()));
        let expected = lint::explanation(*rule);
        if update {
            fs::write(&path, &expected).unwrap();
        } else if fs::read_to_string(&path).ok().as_deref() != Some(expected.as_str()) {
            stale.push(rule.name());
        }
        assert!(
            summary.contains(&format!("(rules/{}.md)", rule.name())),
            "SUMMARY.md does not list rules/{}.md",
            rule.name()
        );
    }
    assert!(
        stale.is_empty(),
        "book/src/rules pages differ from the rules' docs: {stale:?}; run `UPDATE_DOCS=1 cargo test --test it docs`"
    );
}

/// The guide's own copy of the stylesheet is what `install` writes today.
#[test]
fn the_guide_uses_the_current_stylesheet() {
    let path = crate_dir().join("book").join(mdbook_okr::install::STYLESHEET_FILE);
    let expected = mdbook_okr::install::stamped_stylesheet();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        fs::write(&path, &expected).unwrap();
    }
    assert!(
        fs::read_to_string(&path).unwrap() == expected,
        "book/okr.css is stale; run `UPDATE_DOCS=1 cargo test --test it docs`"
    );
}
