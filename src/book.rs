//! Reading a book from disk for `check` and the other commands, without
//! mdBook: `book.toml`, `SUMMARY.md`, and the chapters in book order.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use mdbook_summary::{Link, SummaryItem};

use crate::config::Config;
use crate::plan::{Plan, PlanBuilder};

/// A chapter file that could not be read. The others are still checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub path: String,
    pub message: String,
}

/// A book or a set of loose files, read and resolved.
pub struct LoadedPlan {
    /// The book's root folder, when a book was read.
    pub root: Option<PathBuf>,
    pub config: Config,
    pub plan: Plan,
    pub read_errors: Vec<ReadError>,
}

/// The `src` folder of a book, from `[book] src` (default `src`).
pub fn source_dir(root: &Path, book_toml: &toml::Table) -> Result<PathBuf> {
    match book_toml.get("book").and_then(|b| b.get("src")) {
        None => Ok(root.join("src")),
        Some(toml::Value::String(src)) => Ok(root.join(src)),
        Some(_) => bail!(
            "{}: [book] src must be a string",
            root.join("book.toml").display()
        ),
    }
}

/// Reads `book.toml` as a table; a missing file is an empty one.
pub fn read_book_toml(root: &Path) -> Result<toml::Table> {
    let path = root.join("book.toml");
    match fs::read_to_string(&path) {
        Ok(text) => {
            toml::from_str(&text).with_context(|| format!("{} is not valid TOML", path.display()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(toml::Table::new()),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// The configuration of the book at `root`.
pub fn read_config(root: &Path) -> Result<Config> {
    let table = read_book_toml(root)?;
    let okr = match table.get("preprocessor").and_then(|p| p.get("okr")) {
        None => None,
        Some(toml::Value::Table(t)) => Some(t),
        Some(_) => bail!(
            "{}: [preprocessor.okr] must be a table",
            root.join("book.toml").display()
        ),
    };
    Config::from_table(okr).with_context(|| format!("in {}", root.join("book.toml").display()))
}

/// Chapter paths (relative to `src`) in the order of `SUMMARY.md`.
pub fn chapter_paths(src: &Path) -> Result<Vec<PathBuf>> {
    let summary_path = src.join("SUMMARY.md");
    let text = fs::read_to_string(&summary_path)
        .with_context(|| format!("cannot read {}", summary_path.display()))?;
    let summary = mdbook_summary::parse_summary(&text)
        .with_context(|| format!("cannot parse {}", summary_path.display()))?;
    let mut paths = Vec::new();
    fn walk(items: &[SummaryItem], paths: &mut Vec<PathBuf>) {
        for item in items {
            if let SummaryItem::Link(Link {
                location,
                nested_items,
                ..
            }) = item
            {
                if let Some(location) = location {
                    paths.push(location.clone());
                }
                walk(nested_items, paths);
            }
        }
    }
    walk(&summary.prefix_chapters, &mut paths);
    walk(&summary.numbered_chapters, &mut paths);
    walk(&summary.suffix_chapters, &mut paths);
    Ok(paths)
}

fn read_chapter(path: &Path, shown: &str) -> Result<String, ReadError> {
    let bytes = fs::read(path).map_err(|e| ReadError {
        path: shown.to_string(),
        message: format!("cannot read the file: {e}"),
    })?;
    String::from_utf8(bytes).map_err(|e| ReadError {
        path: shown.to_string(),
        message: format!(
            "the file is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })
}

/// Reads the book at `root`.
pub fn load_book(root: &Path) -> Result<LoadedPlan> {
    if !root.join("book.toml").is_file() && !root.join("src").join("SUMMARY.md").is_file() {
        bail!("{} is not a book: it has no book.toml", root.display());
    }
    let table = read_book_toml(root)?;
    let config = read_config(root)?;
    let src = source_dir(root, &table)?;
    let src_rel = src.strip_prefix(root).unwrap_or(&src).to_path_buf();
    let mut builder = PlanBuilder::new(&config);
    let mut read_errors = Vec::new();
    for chapter in chapter_paths(&src)? {
        let shown = src_rel.join(&chapter).to_string_lossy().replace('\\', "/");
        match read_chapter(&src.join(&chapter), &shown) {
            Ok(text) => {
                builder.add_file(shown, Some(chapter), text);
            }
            Err(e) => read_errors.push(e),
        }
    }
    let plan = builder.finish();
    Ok(LoadedPlan {
        root: Some(root.to_path_buf()),
        config,
        plan,
        read_errors,
    })
}

/// Reads loose Markdown files with the default configuration.
pub fn load_files(paths: &[PathBuf]) -> LoadedPlan {
    let config = Config::default();
    let mut builder = PlanBuilder::new(&config);
    let mut read_errors = Vec::new();
    for path in paths {
        let shown = path.to_string_lossy().replace('\\', "/");
        match read_chapter(path, &shown) {
            Ok(text) => {
                builder.add_file(shown, Some(path.clone()), text);
            }
            Err(e) => read_errors.push(e),
        }
    }
    let plan = builder.finish();
    LoadedPlan {
        root: None,
        config,
        plan,
        read_errors,
    }
}
