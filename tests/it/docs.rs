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
        let expected = book_page(&lint::explanation(*rule));
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

/// A rule's explanation as a page of the guide. mdBook's `links`
/// preprocessor expands `{{#include path}}` anywhere in a page, code
/// included, so the page escapes each line's first directive as
/// `\{{#...}}`: mdBook's escape runs to the line's last `}}` and renders
/// as the text `explain` prints.
fn book_page(explanation: &str) -> String {
    explanation
        .split_inclusive('\n')
        .map(|line| match first_directive(line) {
            Some(at) => format!("{}\\{}", &line[..at], &line[at..]),
            None => line.to_string(),
        })
        .collect()
}

/// Where the first `{{#name target}}` of a line starts, as mdBook's link
/// pattern reads one (a name of letters, digits and `_`, then a space).
fn first_directive(line: &str) -> Option<usize> {
    line.match_indices("{{#").map(|(at, _)| at).find(|&at| {
        let rest = &line[at + 3..];
        let name = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let after = &rest[name..];
        name > 0
            && after.starts_with(char::is_whitespace)
            && after
                .find('}')
                .is_some_and(|close| after[close..].starts_with("}}"))
    })
}

#[test]
fn rule_pages_escape_directives_mdbook_would_expand() {
    assert_eq!(
        book_page(
            "a `{{#include x.md}}` and {{#include y.md}}\n{{#include}} {{#okr-index team=a}}\n"
        ),
        "a `\\{{#include x.md}}` and {{#include y.md}}\n{{#include}} {{#okr-index team=a}}\n"
    );
}

/// The guide's own copy of the stylesheet is what `install` writes today.
#[test]
fn the_guide_uses_the_current_stylesheet() {
    let path = crate_dir()
        .join("book")
        .join(mdbook_okr::mdbook::install::STYLESHEET_FILE);
    let expected = mdbook_okr::mdbook::install::stamped_stylesheet();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        fs::write(&path, &expected).unwrap();
    }
    assert!(
        fs::read_to_string(&path).unwrap() == expected,
        "book/okr.css is stale; run `UPDATE_DOCS=1 cargo test --test it docs`"
    );
}
