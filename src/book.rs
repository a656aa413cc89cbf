//! Reading a book for `check` and the other commands, without mdBook:
//! `book.toml` (its rule names checked against the registry),
//! `SUMMARY.md`, and the chapters in book order, from disk or from a Git
//! revision ([`revision`]); and the plan at every commit that changed the
//! book ([`commits`]), followed into its history ([`history`]). This is the
//! loader the front ends share, so it comes after `lint` in the pipeline.

pub mod commits;
pub mod history;
mod includes;
pub mod revision;

pub use includes::has_includes;
use includes::{find_includes, included_lines};

use std::collections::HashMap;
use std::fs;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use mdbook_summary::{Link, SummaryItem};

use crate::config::Config;
use crate::model::Location;
use crate::plan::{Plan, PlanBuilder, ReadCache, UnreadableInclude};

/// Where a book's files are read from: the work tree on disk, or a
/// revision of a git repository (see [`revision`]).
pub trait BookFiles {
    /// The bytes of the file at `path`; an error of kind `NotFound` when
    /// there is no such file.
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>>;
}

/// The files as they are on disk now.
pub struct Disk;

impl BookFiles for Disk {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        fs::read(path)
    }
}

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
    /// Where each of `plan.files` is on disk, index for index.
    pub disk_paths: Vec<PathBuf>,
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
    read_book_toml_from(&Disk, root)
}

fn read_book_toml_from(files: &dyn BookFiles, root: &Path) -> Result<toml::Table> {
    let path = root.join("book.toml");
    match files.read(&path) {
        Ok(bytes) => {
            let text = String::from_utf8(bytes)
                .with_context(|| format!("{} is not UTF-8 text", path.display()))?;
            toml::from_str(&text).with_context(|| format!("{} is not valid TOML", path.display()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(toml::Table::new()),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// The configuration of the book at `root`.
pub fn read_config(root: &Path) -> Result<Config> {
    read_config_from(&Disk, root)
}

fn read_config_from(files: &dyn BookFiles, root: &Path) -> Result<Config> {
    let table = read_book_toml_from(files, root)?;
    let okr = match table.get("preprocessor").and_then(|p| p.get("okr")) {
        None => None,
        Some(toml::Value::Table(t)) => Some(t),
        Some(_) => bail!(
            "{}: [preprocessor.okr] must be a table",
            root.join("book.toml").display()
        ),
    };
    let config = Config::from_table(okr)
        .and_then(|config| crate::lint::check_rule_names(&config).map(|()| config));
    config.with_context(|| format!("in {}", root.join("book.toml").display()))
}

/// Chapter paths (relative to `src`) in the order of `SUMMARY.md`.
pub fn chapter_paths(src: &Path) -> Result<Vec<PathBuf>> {
    chapter_paths_from(&Disk, src)
}

fn chapter_paths_from(files: &dyn BookFiles, src: &Path) -> Result<Vec<PathBuf>> {
    let summary_path = src.join("SUMMARY.md");
    let bytes = files
        .read(&summary_path)
        .with_context(|| format!("cannot read {}", summary_path.display()))?;
    let text = String::from_utf8(bytes)
        .with_context(|| format!("{} is not UTF-8 text", summary_path.display()))?;
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

fn read_chapter(files: &dyn BookFiles, path: &Path, shown: &str) -> Result<String, ReadError> {
    let bytes = files.read(path).map_err(|e| ReadError {
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
    load_book_from(&Disk, root)
}

/// True when `root` holds a book in `files`: a `book.toml`, or at least a
/// `src/SUMMARY.md`.
pub fn is_book(files: &dyn BookFiles, root: &Path) -> bool {
    files.read(&root.join("book.toml")).is_ok()
        || files.read(&root.join("src").join("SUMMARY.md")).is_ok()
}

/// Reads the book at `root` from `files`: the same book order, includes
/// and configuration as [`load_book`], wherever the files come from.
pub fn load_book_from(files: &dyn BookFiles, root: &Path) -> Result<LoadedPlan> {
    load_book_reading(files, root, None)
}

/// [`load_book_from`], scanning and parsing again only the files whose
/// text changed since `cache` last saw the book.
pub fn load_book_cached(
    files: &dyn BookFiles,
    root: &Path,
    cache: &mut ReadCache,
) -> Result<LoadedPlan> {
    load_book_reading(files, root, Some(cache))
}

fn load_book_reading(
    files: &dyn BookFiles,
    root: &Path,
    cache: Option<&mut ReadCache>,
) -> Result<LoadedPlan> {
    if !is_book(files, root) {
        bail!("{} is not a book: it has no book.toml", root.display());
    }
    let table = read_book_toml_from(files, root)?;
    let config = read_config_from(files, root)?;
    let src = source_dir(root, &table)?;
    let src_rel = src.strip_prefix(root).unwrap_or(&src).to_path_buf();
    let mut sources = Sources::new(files, Some(root));
    for chapter in chapter_paths_from(files, &src)? {
        let shown = slashes(&src_rel.join(&chapter));
        sources.add_chapter(&src.join(&chapter), shown, Some(chapter));
    }
    Ok(sources.finish(Some(root.to_path_buf()), config, cache))
}

/// Reads loose Markdown files with the default configuration.
pub fn load_files(paths: &[PathBuf]) -> LoadedPlan {
    let mut sources = Sources::new(&Disk, None);
    for path in paths {
        sources.add_chapter(path, slashes(path), Some(path.clone()));
    }
    sources.finish(None, Config::default(), None)
}

fn slashes(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The files of a book in book order: each chapter, followed by the files
/// it includes that no earlier chapter included.
///
/// `{{#include path}}` is resolved the way mdBook's `links` preprocessor
/// does before this preprocessor runs, so `check` sees the blocks the build
/// sees; but an included file is checked as a file of its own, so every
/// position names the file (and line) where a block is written. Limits,
/// documented in the user guide:
/// - a context block of the including chapter does not carry into the
///   included file (give the included file its own context block);
/// - a file included several times, or included and also a chapter, is
///   checked once (the union of the lines included);
/// - includes inside a fenced code block are not followed (their text is
///   code in the build, not OKR blocks); an include *inside* an `okr` block
///   body is not expanded by `check`, only checked for a file to read;
/// - an include whose file cannot be read is kept in the plan
///   ([`Plan::unreadable_includes`]) at the directive's place, and the
///   rest of the book is read as usual, as mdBook goes on with the build;
/// - `{{#rustdoc_include}}` and `{{#playground}}` are not followed: they
///   bring in code, not Markdown.
struct Sources<'f> {
    files_on: &'f dyn BookFiles,
    root: Option<PathBuf>,
    /// In book order.
    files: Vec<PendingFile>,
    /// Lexically normalised path -> index into `files`.
    seen: HashMap<PathBuf, usize>,
    read_errors: Vec<ReadError>,
    unreadable: Vec<PendingUnreadable>,
}

/// An include that could not be followed, placed by line and byte column:
/// an included file's checked text grows as later includes take more of
/// its lines, so byte offsets are known only at the end.
struct PendingUnreadable {
    /// Index into `Sources::files`.
    file: usize,
    /// 0-based.
    line: usize,
    column: usize,
    len: usize,
    message: String,
    in_block: bool,
}

struct PendingFile {
    disk_path: PathBuf,
    shown: String,
    chapter_path: Option<PathBuf>,
    text: String,
    /// For an included file: which lines (0-based) some include takes.
    /// `None` means the whole file (a chapter).
    kept_lines: Option<Vec<bool>>,
}

/// mdBook stops following includes this deep (a cycle, most likely).
const MAX_INCLUDE_DEPTH: usize = 10;

impl<'f> Sources<'f> {
    fn new(files_on: &'f dyn BookFiles, root: Option<&Path>) -> Self {
        Sources {
            files_on,
            root: root.map(Path::to_path_buf),
            files: Vec::new(),
            seen: HashMap::new(),
            read_errors: Vec::new(),
            unreadable: Vec::new(),
        }
    }

    fn add_chapter(&mut self, path: &Path, shown: String, chapter_path: Option<PathBuf>) {
        let key = normalise(path);
        if let Some(&index) = self.seen.get(&key) {
            // Included by an earlier chapter: the chapter shows all of it.
            self.files[index].kept_lines = None;
            return;
        }
        match read_chapter(self.files_on, path, &shown) {
            Ok(text) => {
                self.seen.insert(key, self.files.len());
                self.files.push(PendingFile {
                    disk_path: path.to_path_buf(),
                    shown,
                    chapter_path,
                    text: text.clone(),
                    kept_lines: None,
                });
                self.follow_includes(self.files.len() - 1, path, &text, 0);
            }
            Err(e) => self.read_errors.push(e),
        }
    }

    /// Follows the includes of `text`, the checked text of
    /// `self.files[from]` (at `path`).
    fn follow_includes(&mut self, from: usize, path: &Path, text: &str, depth: usize) {
        let base = path.parent().unwrap_or(Path::new(""));
        for include in find_includes(text) {
            let target = normalise(&base.join(&include.path));
            let unreadable = |message: String| {
                let line_start = text[..include.span.start].rfind('\n').map_or(0, |i| i + 1);
                PendingUnreadable {
                    file: from,
                    line: text[..line_start].matches('\n').count(),
                    column: include.span.start - line_start,
                    len: include.span.len(),
                    message,
                    in_block: include.in_block,
                }
            };
            if depth >= MAX_INCLUDE_DEPTH {
                self.record(unreadable(format!(
                    "includes nest more than {MAX_INCLUDE_DEPTH} deep at `{}`; is there a cycle?",
                    include.path
                )));
                return;
            }
            let index = match self.seen.get(&target) {
                Some(_) if include.in_block => continue,
                Some(&index) => index,
                None => {
                    let target_shown = self.shown(&target);
                    let text = match read_chapter(self.files_on, &target, &target_shown) {
                        Ok(text) => text,
                        Err(e) => {
                            self.record(unreadable(format!(
                                "cannot include {}: {}",
                                e.path, e.message
                            )));
                            continue;
                        }
                    };
                    if include.in_block {
                        // Readable: what it brings into the block is the
                        // build's to see; `check` reads the block as written.
                        continue;
                    }
                    let lines = text.split_inclusive('\n').count();
                    self.seen.insert(target.clone(), self.files.len());
                    self.files.push(PendingFile {
                        disk_path: target.clone(),
                        shown: target_shown,
                        chapter_path: None,
                        text,
                        kept_lines: Some(vec![false; lines]),
                    });
                    self.files.len() - 1
                }
            };
            let file = &mut self.files[index];
            let Some(kept) = file.kept_lines.as_mut() else {
                // A chapter, or wholly included already: nothing new.
                continue;
            };
            let taken = included_lines(&file.text, &include.selection);
            let mut newly_kept = false;
            for line in taken {
                if let Some(slot) = kept.get_mut(line) {
                    newly_kept |= !*slot;
                    *slot = true;
                }
            }
            if newly_kept {
                // Nested includes are followed in what is included, as
                // mdBook does; only newly taken lines can add new ones.
                let included_text = file.visible_text();
                self.follow_includes(index, &target, &included_text, depth + 1);
            }
        }
    }

    /// Keeps an include that could not be followed, once: an included
    /// file's text is searched again each time it gains lines.
    fn record(&mut self, pending: PendingUnreadable) {
        let place = |u: &PendingUnreadable| (u.file, u.line, u.column);
        if !self.unreadable.iter().any(|u| place(u) == place(&pending)) {
            self.unreadable.push(pending);
        }
    }

    /// The path shown for an included file: relative to the book's root
    /// when inside it, like chapters.
    fn shown(&self, path: &Path) -> String {
        let relative = self
            .root
            .as_deref()
            .map(normalise)
            .and_then(|root| path.strip_prefix(root).ok().map(Path::to_path_buf));
        slashes(&relative.unwrap_or_else(|| path.to_path_buf()))
    }

    fn finish(
        self,
        root: Option<PathBuf>,
        config: Config,
        cache: Option<&mut ReadCache>,
    ) -> LoadedPlan {
        let mut builder = PlanBuilder::new(&config);
        let mut disk_paths = Vec::with_capacity(self.files.len());
        let mut unreadable_includes = Vec::with_capacity(self.unreadable.len());
        for (index, file) in self.files.into_iter().enumerate() {
            let text = file.visible_text();
            let mut spans = Vec::new();
            for pending in self.unreadable.iter().filter(|u| u.file == index) {
                // The directive's line is taken, so it is in the text.
                let line_start: usize = text
                    .split_inclusive('\n')
                    .take(pending.line)
                    .map(str::len)
                    .sum();
                let start = line_start + pending.column;
                spans.push((start..start + pending.len, pending));
            }
            let id = builder.add_file(file.shown, file.chapter_path, text);
            unreadable_includes.extend(spans.into_iter().map(|(span, pending)| {
                UnreadableInclude {
                    location: Location { file: id, span },
                    message: pending.message.clone(),
                    in_block: pending.in_block,
                }
            }));
            disk_paths.push(file.disk_path);
        }
        let mut plan = match cache {
            Some(cache) => builder.finish_cached(cache),
            None => builder.finish(),
        };
        plan.unreadable_includes = unreadable_includes;
        LoadedPlan {
            root,
            config,
            plan,
            disk_paths,
            read_errors: self.read_errors,
        }
    }
}

impl PendingFile {
    /// The text as checked: lines no include takes are emptied (their line
    /// breaks stay), so line numbers still match the file on disk.
    fn visible_text(&self) -> String {
        let Some(kept) = &self.kept_lines else {
            return self.text.clone();
        };
        let mut out = String::with_capacity(self.text.len());
        for (line, keep) in self.text.split_inclusive('\n').zip(kept) {
            if *keep {
                out.push_str(line);
            } else if line.ends_with('\n') {
                out.push('\n');
            }
        }
        out
    }
}

/// Removes `.` and folds `..` without touching the disk, so one file
/// reached by two spellings is one file, and symlinks are left alone.
pub(crate) fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::includes::{Include, Selection, parse_include_target};
    use super::*;

    fn include(path: &str, selection: Selection, at: usize, len: usize) -> Include {
        Include {
            path: path.into(),
            selection,
            span: at..at + len,
            in_block: false,
        }
    }

    #[test]
    fn finds_includes_like_mdbook() {
        let text = "a {{#include one.md}} b\n\\{{#include escaped.md}}\n{{ #include  two.md:3:5 }}\n\
            {{#include three.md:goals}}\n{{#title T}}{{#include}}\n```md\n{{#include code.md}}\n```\n";
        assert_eq!(
            find_includes(text),
            [
                include("one.md", Selection::Lines(None, None), 2, 19),
                include("two.md", Selection::Lines(Some(2), Some(5)), 49, 26),
                include("three.md", Selection::Anchor("goals".into()), 76, 27),
            ]
        );
    }

    #[test]
    fn includes_in_an_okr_block_are_found_and_marked() {
        let text = "```okr\n{{#include kr.toml}}\n```\n~~~toml\n{{#include other.toml}}\n~~~\n";
        assert_eq!(
            find_includes(text),
            [Include {
                in_block: true,
                ..include("kr.toml", Selection::Lines(None, None), 7, 20)
            }]
        );
    }

    #[test]
    fn line_ranges_and_anchors_take_mdbooks_lines() {
        let text = "l1\nl2\n// ANCHOR: goals\nl4\n// ANCHOR: other\nl6\n// ANCHOR_END: goals\nl8\n";
        let lines = |target: &str| included_lines(text, &parse_include_target(target).1);
        assert_eq!(lines("f.md:2"), [1]);
        assert_eq!(lines("f.md:2:3"), [1, 2]);
        assert_eq!(lines("f.md::2"), [0, 1]);
        assert_eq!(lines("f.md:7:"), [6, 7]);
        assert_eq!(lines("f.md"), (0..8).collect::<Vec<_>>());
        assert_eq!(lines("f.md:goals"), [3, 5]);
        assert!(lines("f.md:missing").is_empty());
    }

    #[test]
    fn lexical_normalisation_folds_dots() {
        assert_eq!(
            normalise(Path::new("a/./b/../c.md")),
            PathBuf::from("a/c.md")
        );
        assert_eq!(normalise(Path::new("../x.md")), PathBuf::from("../x.md"));
    }
}
