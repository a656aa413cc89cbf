//! The first of the two publishes after an edit: the edited chapter checked
//! alone against the last whole-book analysis, in a few milliseconds on a
//! book of any size. The whole book is checked again afterwards, on another
//! thread, and its findings replace these.

use crate::book;
use crate::config::{Config, Level};
use crate::diagnostic::Diagnostic;
use crate::lint;
use crate::model::{FileId, Span};
use crate::plan::PlanBuilder;

use super::workspace::Analysis;

/// The rules whose findings about a chapter follow from that chapter's
/// blocks and the configuration alone, so checking the chapter by itself
/// gives the findings checking the whole book gives for it. The others
/// compare blocks across the book (ids, dependencies, teams, series,
/// overlaps) or read what only the whole book has (its includes, its Git
/// history). A rule missing here is treated as one of those: its findings
/// wait for the whole-book check, so forgetting one is slow, never wrong.
pub const PER_CHAPTER_RULES: &[&str] = &[
    "invalid-block",
    "hype-words",
    "objective-without-outcome",
    "kr-count",
    "no-impact-kr",
    "impact-without-metric",
    "missing-definition-of-done",
    "unmeasurable",
    "activity-not-outcome",
    "discovery-without-output",
    "vague-done-item",
    "commitment-unlabeled",
    "template-placeholder",
    "missed-commitment",
    "unknown-rule",
];

/// The findings about `file` of `analysis` now that its text is `text`, in
/// book order: the per-chapter rules run on the new text, and the other
/// rules' last findings moved with the text around them (those inside the
/// edited region are dropped until the whole book is checked again).
/// `None` when the file cannot be checked alone: it is not a chapter of
/// the book read, or it includes other files (before or after the edit).
pub fn chapter_findings(analysis: &Analysis, file: FileId, text: &str) -> Option<Vec<Diagnostic>> {
    let source = analysis.plan().files.get(file)?;
    if analysis.error.is_some()
        || source.chapter_path.is_none()
        || book::has_includes(&source.text)
        || book::has_includes(text)
    {
        return None;
    }
    let config = &analysis.loaded.config;
    let mut builder = PlanBuilder::new(config);
    builder.add_file(
        source.display_path.clone(),
        source.chapter_path.clone(),
        text.to_string(),
    );
    let alone = builder.finish();
    let mut findings: Vec<Diagnostic> = lint::run(&alone, &per_chapter_only(config))
        .into_iter()
        .filter_map(|mut diagnostic| {
            // The chapter is the only file of its own plan.
            diagnostic.location.as_mut()?.file = file;
            Some(diagnostic)
        })
        .collect();
    let edit = Edit::between(&source.text, text);
    findings.extend(analysis.diagnostics.iter().filter_map(|diagnostic| {
        let location = diagnostic.location.as_ref()?;
        if location.file != file || PER_CHAPTER_RULES.contains(&diagnostic.rule) {
            return None;
        }
        let span = edit.moved(&location.span)?;
        let mut moved = diagnostic.clone();
        moved.location.as_mut()?.span = span;
        Some(moved)
    }));
    lint::sort(&mut findings);
    Some(findings)
}

/// `config` with every rule that is not per-chapter turned off.
fn per_chapter_only(config: &Config) -> Config {
    let mut config = config.clone();
    for rule in lint::RULES {
        if !PER_CHAPTER_RULES.contains(&rule.name()) {
            config.rules.insert(rule.name().to_string(), Level::Off);
        }
    }
    config
}

/// What changed between two texts, as the one region between their common
/// start and their common end.
#[derive(Debug, PartialEq, Eq)]
struct Edit {
    /// Bytes before the region, the same in both texts.
    before: usize,
    /// Where the unchanged end starts in the old text.
    old_after: usize,
    /// How many bytes longer the new text is.
    growth: isize,
}

impl Edit {
    fn between(old: &str, new: &str) -> Edit {
        let (a, b) = (old.as_bytes(), new.as_bytes());
        let before = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let most = a.len().min(b.len()) - before;
        let after = a
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take(most)
            .take_while(|(x, y)| x == y)
            .count();
        Edit {
            before,
            old_after: a.len() - after,
            // Texts are far shorter than isize::MAX bytes.
            growth: b.len() as isize - a.len() as isize,
        }
    }

    /// Where a span of the old text is in the new one; `None` when it
    /// touches the changed region. Both ends stay on character boundaries:
    /// the bytes around them are the same in both texts.
    fn moved(&self, span: &Span) -> Option<Span> {
        if span.end <= self.before {
            Some(span.clone())
        } else if span.start >= self.old_after {
            let shift = |at: usize| at.checked_add_signed(self.growth);
            Some(shift(span.start)?..shift(span.end)?)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};
    use std::sync::Arc;

    use lsp_types::{Position, Range, TextDocumentContentChangeEvent};
    use proptest::prelude::*;

    use super::super::store::{Document, Documents};
    use super::super::workspace::{self, DiskCache, Overlay, Scope};
    use super::*;
    use crate::model::Location;
    use crate::plan::ReadCache;

    /// What a finding says and where, without the plan's indices (a
    /// chapter's own plan numbers its objectives from zero).
    type Said = (
        &'static str,
        crate::diagnostic::Severity,
        Option<Location>,
        String,
        String,
        Option<String>,
        Option<String>,
    );

    fn said(diagnostics: &[Diagnostic], file: FileId, per_chapter: bool) -> Vec<Said> {
        diagnostics
            .iter()
            .filter(|d| d.location.as_ref().is_some_and(|l| l.file == file))
            .filter(|d| PER_CHAPTER_RULES.contains(&d.rule) == per_chapter)
            .map(|d| {
                (
                    d.rule,
                    d.severity,
                    d.location.clone(),
                    d.message.clone(),
                    d.help.to_string(),
                    d.objective.clone(),
                    d.kr.clone(),
                )
            })
            .collect()
    }

    fn fixtures() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
    }

    /// Checked alone, an unchanged chapter gets exactly the findings the
    /// whole book gives it: the rules listed are per-chapter indeed.
    #[test]
    fn a_chapter_checked_alone_gets_what_the_book_gives_it() {
        let mut compared = 0;
        for entry in std::fs::read_dir(fixtures()).unwrap() {
            let root = entry.unwrap().path();
            if !root.join("book.toml").is_file() {
                continue;
            }
            let disk = Arc::new(DiskCache::default());
            let files = Overlay::new(&Documents::default(), &disk);
            let scope = Scope::Book(root.clone());
            let analysis = workspace::analyse(&scope, &files, &mut ReadCache::default());
            for (file, source) in analysis.plan().files.iter().enumerate() {
                let Some(alone) = chapter_findings(&analysis, file, &source.text) else {
                    continue;
                };
                for per_chapter in [true, false] {
                    assert_eq!(
                        said(&alone, file, per_chapter),
                        said(&analysis.diagnostics, file, per_chapter),
                        "{}",
                        source.display_path
                    );
                }
                compared += usize::from(!alone.is_empty());
            }
        }
        assert!(compared > 5, "only {compared} chapters with findings");
    }

    #[test]
    fn spans_outside_the_edit_move_with_the_text() {
        let old = "abc XYZ def";
        let new = "abc 🚀 def";
        let edit = Edit::between(old, new);
        assert_eq!(edit.moved(&(0..3)), Some(0..3));
        assert_eq!(edit.moved(&(4..7)), None);
        let moved = edit.moved(&(8..11)).unwrap();
        assert_eq!(&new[moved], "def");
        // An edit that repeats the text around it: the common parts do
        // not overlap.
        let edit = Edit::between("aa", "aaa");
        assert_eq!(edit.before + (2 - edit.old_after), 2);
    }

    #[test]
    fn every_rule_named_is_a_rule() {
        for name in PER_CHAPTER_RULES {
            assert!(lint::rule(name).is_some(), "{name} is not a rule");
        }
    }

    fn edit(range: Option<((u32, u32), (u32, u32))>, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|(s, e)| Range::new(Position::new(s.0, s.1), Position::new(e.0, e.1))),
            range_length: None,
            text: text.to_string(),
        }
    }

    fn any_insert() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("a"),
                Just("\n"),
                Just("é"),
                Just("🚀"),
                Just("\""),
                Just("```okr\n"),
                Just("```\n"),
                Just("[[kr]]\n"),
                Just("objective = \""),
                Just("text = \"Launch the portal\"\n"),
                Just("comitment = \"stretch\"\n"),
                Just("id = \"data-quality\"\n"),
                Just("depends_on = [\"dev-portal\"]\n"),
                Just("{{#include other.md}}\n"),
            ],
            0..6,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Random edits to a chapter of the fixture book, one after another:
        /// no panic; the book read with the cache of the earlier reads is
        /// the book read afresh; and the chapter checked alone against the
        /// previous analysis gets the per-chapter findings the fresh
        /// whole-book check gives it.
        #[test]
        fn edits_read_through_the_cache_as_a_fresh_read(
            edits in proptest::collection::vec(
                ((0..40u32, 0..30u32), 0..3u32, any_insert()),
                1..6,
            ),
        ) {
            let fixture = fixtures().join("lsp-book");
            let root = PathBuf::from("/nonexistent/lsp-book");
            let mut documents = Documents::default();
            for name in ["book.toml", "src/SUMMARY.md", "src/platform.md", "src/data.md"] {
                let path = root.join(name);
                documents.open(path.clone(), Document {
                    uri: workspace::path_to_uri(&path).unwrap(),
                    version: 0,
                    text: std::fs::read_to_string(fixture.join(name)).unwrap(),
                });
            }
            let chapter = root.join("src/data.md");
            let disk = Arc::new(DiskCache::default());
            let scope = Scope::Book(root.clone());
            let mut cache = ReadCache::default();
            let mut previous =
                workspace::analyse(&scope, &Overlay::new(&documents, &disk), &mut cache);
            for ((line, character), lines, text) in edits {
                let start = (line, character);
                let end = (line + lines, character);
                prop_assert!(documents.change(&chapter, 1, &[edit(Some((start, end)), &text)]));
                let files = Overlay::new(&documents, &disk);
                let cached = workspace::analyse(&scope, &files, &mut cache);
                let fresh = workspace::analyse(&scope, &files, &mut ReadCache::default());
                prop_assert_eq!(&cached.diagnostics, &fresh.diagnostics);
                prop_assert_eq!(&cached.plan().blocks, &fresh.plan().blocks);
                prop_assert_eq!(&cached.plan().objectives, &fresh.plan().objectives);
                let file = previous.file_id(&chapter).unwrap();
                let text = &documents.get(&chapter).unwrap().text;
                if let Some(alone) = chapter_findings(&previous, file, text)
                    && let Some(now) = fresh.file_id(&chapter)
                {
                    prop_assert_eq!(now, file);
                    prop_assert_eq!(
                        said(&alone, file, true),
                        said(&fresh.diagnostics, file, true)
                    );
                }
                previous = cached;
            }
        }
    }
}
