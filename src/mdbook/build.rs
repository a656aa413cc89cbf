//! `mdbook-okr build`: builds a book in-process with mdbook-driver.

use std::path::Path;

use anyhow::{Context as _, Result};
use mdbook_driver::MDBook;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::filter::LevelFilter;

use crate::mdbook::preprocessor::OkrPreprocessor;

/// Shows mdBook's own log on stderr, as the `mdbook` binary does: INFO and
/// above by default, or what `MDBOOK_LOG` asks for (`MDBOOK_LOG=debug`,
/// `MDBOOK_LOG=mdbook_html=trace`). Without it an in-process build would
/// hide mdBook's errors, such as an `{{#include}}` it cannot read.
///
/// Every command that runs mdBook in-process calls this once, before
/// loading the book; a second call leaves the first subscriber in place.
pub fn init_logging() {
    let log_env = std::env::var("MDBOOK_LOG");
    let mut filter = EnvFilter::builder()
        .with_env_var("MDBOOK_LOG")
        .with_default_directive(LevelFilter::INFO.into())
        .from_env_lossy();
    // The template and HTML parser crates log a lot at INFO; mdBook keeps
    // them at WARN unless MDBOOK_LOG names them.
    for noisy in ["handlebars", "html5ever"] {
        let named = log_env
            .as_deref()
            .is_ok_and(|env| env.split(',').any(|d| d.starts_with(noisy)));
        if !named && let Ok(directive) = format!("{noisy}=warn").parse() {
            filter = filter.add_directive(directive);
        }
    }
    let _already_set = tracing_subscriber::fmt()
        .without_time()
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .with_env_filter(filter)
        // The target (`mdbook_driver::...`) helps only someone who set
        // MDBOOK_LOG to pick targets.
        .with_target(log_env.is_ok())
        .try_init();
}

/// Loads the book at `root`, its site going to `dest_dir` when given.
pub fn load(root: &Path, dest_dir: Option<&Path>) -> Result<MDBook> {
    let mut book = MDBook::load(root)
        .map_err(|e| anyhow::anyhow!("{e:#}"))
        .with_context(|| format!("cannot load the book at {}", root.display()))?;
    if let Some(dest) = dest_dir {
        book.config.build.build_dir = std::env::current_dir()?.join(dest);
    }
    Ok(book)
}

/// Builds the book at `root`, with the okr preprocessor registered whether
/// or not its book.toml lists it.
pub fn build(root: &Path, dest_dir: Option<&Path>) -> Result<()> {
    let mut book = load(root, dest_dir)?;
    book.with_preprocessor(OkrPreprocessor);
    book.build()
        .map_err(|e| anyhow::anyhow!("{e:#}"))
        .context("the build failed")?;
    Ok(())
}
