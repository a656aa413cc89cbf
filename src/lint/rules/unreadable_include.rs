//! `unreadable-include`: an `{{#include}}` names a file that cannot be read.
//!
//! Its findings come from reading the book ([`crate::book`] follows
//! includes and keeps the ones it could not follow in the plan), not from a
//! check of the blocks. An include inside an `okr` block's body is that
//! block's problem and is reported as `invalid-block`.

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::{Context, Rule};

pub struct UnreadableInclude;

/// The help of every unreadable include, this rule's and `invalid-block`'s.
pub const HELP: &str = "fix the path (relative to this file's folder) or create the file; \
     to write the directive as text, escape it as `\\{{#include ...}}`";

impl Rule for UnreadableInclude {
    fn name(&self) -> &'static str {
        "unreadable-include"
    }

    fn default_level(&self) -> Level {
        Level::Error
    }

    fn summary(&self) -> &'static str {
        "An `{{#include}}` names a file that cannot be read"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Reports an `{{#include path}}` directive whose file is missing, cannot be
read, or is not UTF-8 text, at the directive's file, line and column. It
also reports includes that nest more than ten deep, which is most likely a
cycle. The rest of the book is checked as usual.

`check` and `export` report it; in a build, mdBook reports the same include
itself (an `ERROR` line) and leaves the directive's text in the page.

## Why is this bad?

mdBook does not stop the build for it: the page is published with the raw
`{{#include ...}}` text where the included plan should be, so its
objectives are missing from the page and the index without anyone being
told, unless someone reads the build log. Writing the directive as an
example in running text, unescaped, has the same effect on that text.

## How it decides

Includes are found the way mdBook's `links` preprocessor finds them,
outside fenced code blocks, with escaped ones (`\{{#include ...}}`) left
out. The path is relative to the folder of the file that holds the
directive. Such an include inside an `okr` block's body is reported as
`invalid-block` instead, since the block cannot be read as written.

## Example

```markdown
The security plan lives in its own file:

{{#include parts/securty.md}}
```

## Use instead

```markdown
The security plan lives in its own file:

{{#include parts/security.md}}
```

Or, to show the directive as text, escape it: `\{{#include parts/security.md}}`.
"#
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for include in cx.plan.unreadable_includes.iter().filter(|i| !i.in_block) {
            out.push(
                Finding::new(self.name(), &include.message, HELP).at(include.location.clone()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use crate::book::load_book;
    use crate::lint::testing::config_with_only;

    /// A book in a temporary folder with the given files under `src/`;
    /// SUMMARY.md lists `chapters`.
    fn book(chapters: &[&str], files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("book.toml"),
            "[preprocessor.okr]\nquarter = \"2026-Q2\"\n",
        )
        .unwrap();
        fs::create_dir_all(dir.path().join("src/parts")).unwrap();
        let mut summary = String::from("# Summary\n\n");
        for chapter in chapters {
            summary.push_str(&format!("- [{chapter}]({chapter})\n"));
        }
        fs::write(dir.path().join("src/SUMMARY.md"), summary).unwrap();
        for (name, text) in files {
            fs::write(dir.path().join("src").join(name), text).unwrap();
        }
        dir
    }

    /// (rule, file, line, column, message) of every finding of the two
    /// rules about includes.
    fn findings(root: &Path) -> Vec<(&'static str, String, usize, usize, String)> {
        let loaded = load_book(root).unwrap();
        assert!(loaded.read_errors.is_empty(), "{:?}", loaded.read_errors);
        let config = config_with_only(&["unreadable-include", "duplicate-id"]);
        crate::lint::run(&loaded.plan, &config)
            .into_iter()
            .map(|d| {
                let location = d.location.expect("a place");
                let file = loaded.plan.file(location.file);
                let (line, column) = file.line_col(location.span.start);
                if d.message.starts_with("cannot include") {
                    assert!(file.text[location.span.clone()].starts_with("{{#include"));
                    assert!(file.text[location.span.clone()].ends_with("}}"));
                }
                (d.rule, file.display_path.clone(), line, column, d.message)
            })
            .collect()
    }

    const BLOCK: &str = "```okr\nid = \"one\"\nteam = \"a\"\nobjective = \"Serve builds from a cache to cut CI time\"\n[[kr]]\ntext = \"Cut CI time from 20 to 10 minutes\"\n```\n";

    #[test]
    fn a_missing_include_is_reported_at_the_directive_and_the_rest_is_checked() {
        let text = format!("# A\n\nSee é {{{{#include gone.md}}}} here.\n\n{BLOCK}\n{BLOCK}");
        let dir = book(&["a.md"], &[("a.md", &text)]);
        let found = findings(dir.path());
        assert_eq!(found.len(), 2, "{found:?}");
        let (rule, file, line, column, message) = &found[0];
        assert_eq!(
            (*rule, file.as_str(), *line, *column),
            ("unreadable-include", "src/a.md", 3, 7)
        );
        assert!(
            message.starts_with("cannot include src/gone.md: cannot read the file"),
            "{message}"
        );
        assert_eq!(found[1].0, "duplicate-id");
    }

    #[test]
    fn a_missing_include_inside_an_included_file_names_that_file() {
        let dir = book(
            &["a.md"],
            &[
                ("a.md", "{{#include parts/plan.md:2:}}\n"),
                ("parts/plan.md", "skipped\n{{#include gone.md}}\n"),
            ],
        );
        let found = findings(dir.path());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].0, found[0].1.as_str(), found[0].2, found[0].3),
            ("unreadable-include", "src/parts/plan.md", 2, 1)
        );
        assert!(found[0].4.contains("src/parts/gone.md"), "{}", found[0].4);
    }

    #[test]
    fn an_include_inside_an_okr_block_is_the_blocks_problem() {
        let text = "```okr\nid = \"one\"\n{{#include gone.toml}}\n```\n";
        let dir = book(&["a.md"], &[("a.md", text)]);
        let found = findings(dir.path());
        let includes: Vec<_> = found
            .iter()
            .filter(|f| f.4.starts_with("cannot include"))
            .collect();
        assert_eq!(includes.len(), 1, "{found:?}");
        assert_eq!(
            (includes[0].0, includes[0].2, includes[0].3),
            ("invalid-block", 3, 1)
        );
    }

    #[test]
    fn readable_escaped_and_fenced_includes_are_not_reported() {
        let text = "{{#include parts/ok.md}}\n\\{{#include gone.md}}\n```md\n{{#include gone.md}}\n```\n\
            ```okr\nid = \"one\"\n{{#include parts/ok.md}}\n```\n";
        let dir = book(&["a.md"], &[("a.md", text), ("parts/ok.md", "text\n")]);
        let found = findings(dir.path());
        assert!(
            found.iter().all(|f| !f.4.starts_with("cannot include")),
            "{found:?}"
        );
    }
}
