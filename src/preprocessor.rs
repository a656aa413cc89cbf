//! mdBook glue: the `okr` preprocessor, in-process or over stdin/stdout.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint;
use crate::model::FileId;
use crate::output;
use crate::plan::{Plan, PlanBuilder};
use crate::render::{self, Format, RenderContext};

/// The preprocessor's name: `[preprocessor.okr]`.
pub const NAME: &str = "okr";

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

/// Reads `[context, book]` from stdin and writes the processed book to stdout.
pub fn run_stdio() -> Result<()> {
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .context("cannot read the book from standard input")?;
    if input.trim().is_empty() {
        bail!(
            "standard input is empty; mdbook-okr expects the `[context, book]` JSON that mdBook sends to preprocessors"
        );
    }
    // What `mdbook_preprocessor::parse_input` does, but from a string: its
    // reader-based parse copies every chapter byte by byte, which cost a
    // tenth of the whole run on a large book.
    let (ctx, book): (PreprocessorContext, Book) = serde_json::from_str(&input).map_err(|e| {
        anyhow::anyhow!("standard input is not the `[context, book]` JSON that mdBook sends: {e}")
    })?;
    drop(input);
    warn_on_version_mismatch(&ctx.mdbook_version);
    let (book, plan, diagnostics) = run(&ctx, book)?;
    // Stdout is line-buffered and serde_json writes in small pieces.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    serde_json::to_writer(&mut out, &book).context("cannot write the book to standard output")?;
    out.flush()?;
    // The process ends next: freeing the plan's many small allocations one
    // by one would only delay it (about a tenth of the run on a large book).
    std::mem::forget((book, plan, diagnostics));
    Ok(())
}

/// One line on stderr when the calling mdBook is not the version this
/// binary was built against.
fn warn_on_version_mismatch(version: &str) {
    let ours = semver::Version::parse(mdbook_preprocessor::MDBOOK_VERSION).ok();
    let theirs = semver::Version::parse(version);
    match (ours, theirs) {
        (Some(ours), Ok(theirs)) => {
            let requirement = semver::VersionReq::parse(&format!("~{}.{}", ours.major, ours.minor))
                .expect("a tilde requirement from a parsed version is valid");
            if !requirement.matches(&theirs) {
                eprintln!(
                    "warning: mdbook-okr was built for mdBook {ours}, but mdBook {theirs} is running it"
                );
            }
        }
        (_, Err(_)) => eprintln!("warning: mdBook reported an unreadable version `{version}`"),
        (None, Ok(_)) => {}
    }
}

/// Where a chapter's text comes from, to find it again when the book is
/// walked mutably (children before parents).
fn chapter_key(source_path: Option<&Path>, path: Option<&Path>) -> Option<PathBuf> {
    source_path.or(path).map(Path::to_path_buf)
}

/// Runs the whole pipeline over a book.
pub fn process(ctx: &PreprocessorContext, book: Book) -> Result<Book> {
    run(ctx, book).map(|(book, _plan, _diagnostics)| book)
}

/// The processed book, with the plan and diagnostics it was made from, for
/// a caller that would rather not spend time freeing them.
fn run(ctx: &PreprocessorContext, mut book: Book) -> Result<(Book, Plan, Vec<Diagnostic>)> {
    let table: Option<toml::Table> = ctx
        .config
        .get("preprocessor.okr")
        .context("cannot read [preprocessor.okr] from book.toml")?;
    let config = Config::from_table(table.as_ref())?;
    let src = ctx.config.book.src.clone();

    let mut builder = PlanBuilder::new(&config);
    let mut files: HashMap<PathBuf, FileId> = HashMap::new();
    for item in book.iter() {
        let BookItem::Chapter(chapter) = item else {
            continue;
        };
        let Some(key) = chapter_key(chapter.source_path.as_deref(), chapter.path.as_deref()) else {
            continue;
        };
        if !chapter.content.contains("okr") {
            continue;
        }
        let display = src.join(&key).to_string_lossy().replace('\\', "/");
        let id = builder.add_file(display, chapter.path.clone(), chapter.content.clone());
        files.insert(key, id);
    }
    let plan = builder.finish();
    let diagnostics = lint::run(&plan, &config);
    report(&plan, &diagnostics);

    let cx = RenderContext {
        plan: &plan,
        config: &config,
        diagnostics: &diagnostics,
        format: Format::for_renderer(&ctx.renderer),
    };
    book.for_each_chapter_mut(|chapter| {
        let key = chapter_key(chapter.source_path.as_deref(), chapter.path.as_deref());
        if let Some(&file) = key.as_ref().and_then(|k| files.get(k)) {
            chapter.content = render::render_file(&cx, file);
        }
    });

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
    Ok((book, plan, diagnostics))
}

/// Findings go to stderr in the short form, one line each.
fn report(plan: &Plan, diagnostics: &[Diagnostic]) {
    // Stderr is unbuffered: a large plan has thousands of findings, each
    // written in several pieces.
    let mut stderr = std::io::BufWriter::new(std::io::stderr().lock());
    for diagnostic in diagnostics {
        let _ = writeln!(stderr, "{}", output::short::line(plan, diagnostic));
    }
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if errors > 0 {
        let _ = writeln!(
            stderr,
            "mdbook-okr: {errors} error(s) in the plan; the cards show them"
        );
    }
}
