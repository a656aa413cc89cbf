//! The benchmark's baseline build: mdBook's own in-process build
//! (`MDBook::load(dir).build()`), the same library `mdbook-okr build` drives,
//! minus the okr preprocessor. Give it a book whose book.toml has no
//! `[preprocessor.okr]`, or mdBook would look for an external `mdbook-okr`.
//!
//! ```text
//! cargo run --release --example plain_build -- BOOK DEST
//! ```

use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use mdbook_driver::MDBook;

fn main() -> Result<()> {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [root, dest] = args.as_slice() else {
        bail!("usage: plain_build BOOK DEST");
    };
    let mut book = MDBook::load(root).map_err(|e| anyhow::anyhow!("{e:#}"))?;
    book.config.build.build_dir = std::env::current_dir()?.join(dest);
    book.build()
        .map_err(|e| anyhow::anyhow!("{e:#}"))
        .context("the build failed")?;
    Ok(())
}
