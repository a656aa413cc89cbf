//! mdBook glue: the `okr` preprocessor, in-process or over stdin/stdout.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use mdbook_preprocessor::book::{Book, BookItem, Chapter};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Counts, Diagnostic};
use crate::index::{self, QuarterPage};
use crate::lint;
use crate::model::FileId;
use crate::output;
use crate::page;
use crate::plan::{Plan, PlanBuilder};
use crate::render::{Format, RenderContext};

pub use crate::config::PREPROCESSOR_NAME as NAME;

pub struct OkrPreprocessor;

impl Preprocessor for OkrPreprocessor {
    fn name(&self) -> &str {
        NAME
    }

    fn run(
        &self,
        ctx: &PreprocessorContext,
        book: Book,
    ) -> mdbook_preprocessor::errors::Result<Book> {
        process(ctx, book)
    }

    fn supports_renderer(&self, _renderer: &str) -> mdbook_preprocessor::errors::Result<bool> {
        Ok(true)
    }
}

/// Where a chapter's text comes from, to find it again when the book is
/// walked mutably (children before parents).
fn chapter_key(source_path: Option<&Path>, path: Option<&Path>) -> Option<PathBuf> {
    source_path.or(path).map(Path::to_path_buf)
}

/// Runs the whole pipeline over a book; findings go to stderr.
pub fn process(ctx: &PreprocessorContext, book: Book) -> Result<Book> {
    // Stderr is unbuffered, and a large plan has thousands of findings,
    // each written in several pieces.
    let mut stderr = std::io::BufWriter::new(std::io::stderr().lock());
    let book = process_reporting_to(ctx, book, &mut stderr);
    let _ = stderr.flush();
    book
}

/// A book read, planned and linted, its chapters' texts moved into the
/// plan. Each chapter's rendering is made when it is asked for, so a
/// writer can render chapter by chapter while it writes the answer.
pub struct Prepared {
    /// The book with the texts of the chapters in `files` taken out.
    pub book: Book,
    plan: Plan,
    config: Config,
    diagnostics: Vec<Diagnostic>,
    format: Format,
    files: HashMap<PathBuf, FileId>,
    /// Progress read from Git history, when cards or rules want it.
    progress: Option<crate::history::progress::Report>,
    /// The chapters generated for the quarters of an unfiltered index, by
    /// path (they have no source file).
    pages: HashMap<PathBuf, QuarterPage>,
}

impl Prepared {
    pub fn render_context(&self) -> RenderContext<'_> {
        let mut cx = RenderContext::new(&self.plan, &self.config, &self.diagnostics, self.format);
        cx.progress = self.progress.as_ref();
        cx
    }

    /// The rendered text of `chapter`, or `None` when its text was left in
    /// the book (it holds nothing for mdbook-okr).
    pub fn rendered(&self, cx: &RenderContext<'_>, chapter: &Chapter) -> Option<String> {
        if let Some(page) = generated_page(&self.pages, chapter) {
            return Some(index::render_page(cx, page));
        }
        let key = chapter_key(chapter.source_path.as_deref(), chapter.path.as_deref())?;
        let &file = self.files.get(&key)?;
        Some(page::render_file(cx, file))
    }
}

/// Runs the whole pipeline over a book, writing findings to `messages`
/// (stderr for mdBook; a sink when fuzzing).
pub fn process_reporting_to(
    ctx: &PreprocessorContext,
    book: Book,
    messages: &mut dyn Write,
) -> Result<Book> {
    let Prepared {
        mut book,
        plan,
        config,
        diagnostics,
        format,
        files,
        progress,
        pages,
    } = prepare(ctx, book, messages)?;
    let mut cx = RenderContext::new(&plan, &config, &diagnostics, format);
    cx.progress = progress.as_ref();
    // Each file renders on its own, so in parallel; then every chapter
    // gets its file's rendering (a file listed twice is rendered twice).
    let mut rendered: HashMap<FileId, String> = files
        .values()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|&file| (file, page::render_file(&cx, file)))
        .collect();
    book.for_each_chapter_mut(|chapter| {
        if let Some(page) = generated_page(&pages, chapter) {
            chapter.content = index::render_page(&cx, page);
            return;
        }
        let key = chapter_key(chapter.source_path.as_deref(), chapter.path.as_deref());
        if let Some(&file) = key.as_ref().and_then(|k| files.get(k)) {
            chapter.content = rendered
                .remove(&file)
                .unwrap_or_else(|| page::render_file(&cx, file));
        }
    });
    Ok(book)
}

/// Reads, plans and lints a book and reports its findings; fails when
/// `fail-on` says so.
pub fn prepare(
    ctx: &PreprocessorContext,
    mut book: Book,
    messages: &mut dyn Write,
) -> Result<Prepared> {
    let table: Option<toml::Table> = ctx
        .config
        .get("preprocessor.okr")
        .context("cannot read [preprocessor.okr] from book.toml")?;
    let config = Config::from_table(table.as_ref())?;
    crate::lint::check_rule_names(&config)?;
    let src = ctx.config.book.src.clone();
    if let Some(warning) = crate::mdbook::install::stale_stylesheet_warning(&ctx.root) {
        let _ = writeln!(messages, "warning: {warning}");
    }

    // The text of each chapter that may hold a block moves into the plan
    // (the chapter gets its rendering back below), so a large book is not
    // held twice. A file listed twice in SUMMARY.md has two chapters.
    let mut taken: HashMap<PathBuf, Vec<String>> = HashMap::new();
    book.for_each_chapter_mut(|chapter| {
        let key = chapter_key(chapter.source_path.as_deref(), chapter.path.as_deref());
        if let Some(key) = key
            && chapter.content.contains("okr")
        {
            taken
                .entry(key)
                .or_default()
                .push(std::mem::take(&mut chapter.content));
        }
    });
    let mut builder = PlanBuilder::new(&config);
    let mut files: HashMap<PathBuf, FileId> = HashMap::new();
    for item in book.iter() {
        let BookItem::Chapter(chapter) = item else {
            continue;
        };
        let Some(key) = chapter_key(chapter.source_path.as_deref(), chapter.path.as_deref()) else {
            continue;
        };
        let display = src.join(&key).to_string_lossy().replace('\\', "/");
        match taken.get_mut(&key).and_then(Vec::pop) {
            Some(text) => {
                let id = builder.add_file(display, chapter.path.clone(), text);
                files.insert(key, id);
            }
            None => {
                if let Some(path) = &chapter.path {
                    builder.add_chapter_without_blocks(display, path.clone());
                }
            }
        }
    }
    let plan = builder.finish();
    let pages = add_quarter_pages(&mut book, &files, index::quarter_pages(&plan));
    let progress =
        crate::book::history::if_wanted(Some(ctx.root.as_path()), &plan, &config, messages);
    let diagnostics = lint::run_with_progress(&plan, &config, progress.as_ref());
    report(&plan, &diagnostics, config.build_findings, messages);

    if let Some(threshold) = config.fail_on.threshold() {
        let failing = diagnostics
            .iter()
            .filter(|d| d.severity >= threshold)
            .count();
        if failing > 0 {
            bail!(
                "{failing} OKR finding(s) at or above `{}` (fail-on = \"{}\")",
                threshold,
                threshold
            );
        }
    }
    Ok(Prepared {
        book,
        plan,
        format: Format::for_renderer(&ctx.renderer),
        config,
        diagnostics,
        files,
        progress,
        pages,
    })
}

/// The generated page `chapter` is, if it is one: it has a path and no
/// source file.
fn generated_page<'p>(
    pages: &'p HashMap<PathBuf, QuarterPage>,
    chapter: &Chapter,
) -> Option<&'p QuarterPage> {
    match (&chapter.source_path, &chapter.path) {
        (None, Some(path)) => pages.get(path),
        _ => None,
    }
}

/// Adds each quarter's page as a sub-chapter of the chapter holding its
/// index, after the chapters already there, numbered and named as mdBook
/// numbers the book's own chapters. A file listed twice gets its pages
/// under its first chapter only, so no two chapters share a path.
fn add_quarter_pages(
    book: &mut Book,
    files: &HashMap<PathBuf, FileId>,
    pages: Vec<QuarterPage>,
) -> HashMap<PathBuf, QuarterPage> {
    if pages.is_empty() {
        return HashMap::new();
    }
    let mut done: HashSet<FileId> = HashSet::new();
    book.for_each_chapter_mut(|chapter| {
        let key = chapter_key(chapter.source_path.as_deref(), chapter.path.as_deref());
        let Some(&file) = key.as_ref().and_then(|k| files.get(k)) else {
            return;
        };
        if !done.insert(file) {
            return;
        }
        let mut parent_names = chapter.parent_names.clone();
        parent_names.push(chapter.name.clone());
        let numbered = chapter
            .sub_items
            .iter()
            .filter(|item| matches!(item, BookItem::Chapter(c) if c.number.is_some()))
            .count();
        let generated: Vec<BookItem> = pages
            .iter()
            .filter(|page| page.file == file)
            .enumerate()
            .map(|(i, page)| {
                let mut sub = Chapter::new_draft(&page.name(), parent_names.clone());
                sub.path = Some(page.path.clone());
                sub.number = chapter.number.as_ref().map(|number| {
                    let mut number = number.clone();
                    number.push(u32::try_from(numbered + i + 1).unwrap_or(u32::MAX));
                    number
                });
                BookItem::Chapter(sub)
            })
            .collect();
        chapter.sub_items.extend(generated);
    });
    pages
        .into_iter()
        .map(|page| (page.path.clone(), page))
        .collect()
}

/// The first `limit` findings in the short form, one line each, then,
/// when there are any, one line with the totals by severity: a big plan
/// has thousands of findings, and a build prints them on every save. A
/// failed write is ignored: the findings are also on the rendered cards.
fn report(plan: &Plan, diagnostics: &[Diagnostic], limit: usize, messages: &mut dyn Write) {
    for diagnostic in diagnostics.iter().take(limit) {
        let _ = writeln!(messages, "{}", output::short::line(plan, diagnostic));
    }
    if let Some(line) = summary_line(Counts::of(diagnostics), diagnostics.len(), limit) {
        let _ = writeln!(messages, "{line}");
    }
}

/// `mdbook-okr: 3 errors, 1 warning, 0 infos (the first 2 shown above); run
/// `mdbook-okr check` for the full list`, or `None` without findings.
fn summary_line(counts: Counts, total: usize, limit: usize) -> Option<String> {
    if total == 0 {
        return None;
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let shown = if total <= limit {
        "all shown above".to_string()
    } else if limit == 0 {
        "none shown".to_string()
    } else {
        format!("the first {limit} shown above")
    };
    Some(format!(
        "mdbook-okr: {}, {}, {} ({shown}); the cards show them, `mdbook-okr check` lists them all",
        plural(counts.errors, "error"),
        plural(counts.warnings, "warning"),
        plural(counts.infos, "info"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_line_counts_by_severity_and_says_how_many_were_shown() {
        let counts = Counts {
            errors: 1,
            warnings: 2,
            infos: 30,
        };
        assert_eq!(
            summary_line(counts, 33, 20).unwrap(),
            "mdbook-okr: 1 error, 2 warnings, 30 infos (the first 20 shown above); \
             the cards show them, `mdbook-okr check` lists them all"
        );
        assert!(
            summary_line(counts, 33, 40)
                .unwrap()
                .contains("(all shown above)")
        );
        assert!(
            summary_line(counts, 33, 0)
                .unwrap()
                .contains("(none shown)")
        );
        assert_eq!(summary_line(Counts::default(), 0, 20), None);
    }
}
