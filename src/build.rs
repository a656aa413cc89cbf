//! `mdbook-okr build`: builds a book in-process with mdbook-driver.

use std::path::Path;

use anyhow::{Context as _, Result};
use mdbook_driver::MDBook;

use crate::preprocessor::OkrPreprocessor;

/// Builds the book at `root`, with the okr preprocessor registered whether
/// or not its book.toml lists it.
pub fn build(root: &Path, dest_dir: Option<&Path>) -> Result<()> {
    let mut book = MDBook::load(root)
        .map_err(|e| anyhow::anyhow!("{e:#}"))
        .with_context(|| format!("cannot load the book at {}", root.display()))?;
    if let Some(dest) = dest_dir {
        book.config.build.build_dir = std::env::current_dir()?.join(dest);
    }
    book.with_preprocessor(OkrPreprocessor);
    book.build()
        .map_err(|e| anyhow::anyhow!("{e:#}"))
        .context("the build failed")?;
    Ok(())
}
