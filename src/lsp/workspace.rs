//! The books the server knows. Each is read and checked as `check` reads
//! and checks it, with the editor's unsaved documents in place of their
//! files on disk.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use lsp_types::Uri;

use super::store::Documents;
use crate::book::{self, BookFiles, LoadedPlan, normalise};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::FileId;
use crate::plan::{Plan, ReadCache};

/// What one document is analysed with.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// The book whose `book.toml` is in this folder.
    Book(PathBuf),
    /// A Markdown file outside any book, checked alone with the default
    /// configuration.
    Loose(PathBuf),
}

/// The scope of the file at `path`: the nearest folder above it holding a
/// `book.toml` (on disk or open in the editor).
pub fn scope_of(path: &Path, documents: &Documents) -> Scope {
    for folder in path.ancestors().skip(1) {
        let book_toml = folder.join("book.toml");
        if documents.get(&book_toml).is_some() || book_toml.is_file() {
            return Scope::Book(folder.to_path_buf());
        }
    }
    Scope::Loose(path.to_path_buf())
}

/// Files on disk, read again only when their size or modification time
/// changed: a book of a thousand chapters is re-read in a few milliseconds,
/// and a file changed outside the editor is still seen.
#[derive(Default)]
pub struct DiskCache {
    files: Mutex<HashMap<PathBuf, Cached>>,
}

struct Cached {
    modified: Option<SystemTime>,
    len: u64,
    bytes: Vec<u8>,
}

impl DiskCache {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let metadata = std::fs::metadata(path)?;
        let modified = metadata.modified().ok();
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(cached) = files.get(path)
            && cached.modified.is_some()
            && cached.modified == modified
            && cached.len == metadata.len()
        {
            return Ok(cached.bytes.clone());
        }
        let bytes = std::fs::read(path)?;
        files.insert(
            path.to_path_buf(),
            Cached {
                modified,
                len: metadata.len(),
                bytes: bytes.clone(),
            },
        );
        Ok(bytes)
    }
}

/// The open documents' text over the disk: a copy of what the editor
/// holds, so a book can be checked on another thread while typing goes on.
pub struct Overlay {
    texts: HashMap<PathBuf, String>,
    disk: Arc<DiskCache>,
}

impl Overlay {
    pub fn new(documents: &Documents, disk: &Arc<DiskCache>) -> Self {
        Overlay {
            texts: documents
                .paths()
                .filter_map(|path| Some((path.clone(), documents.get(path)?.text.clone())))
                .collect(),
            disk: Arc::clone(disk),
        }
    }
}

impl BookFiles for Overlay {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let path = normalise(path);
        match self.texts.get(&path) {
            Some(text) => Ok(text.clone().into_bytes()),
            None => self.disk.read(&path),
        }
    }
}

/// A book (or loose file) read and checked.
pub struct Analysis {
    pub scope: Scope,
    pub loaded: LoadedPlan,
    pub diagnostics: Vec<Diagnostic>,
    /// Why the book could not be read at all (a broken `book.toml`, say).
    pub error: Option<String>,
    /// The file id of each file's normalised path.
    files: HashMap<PathBuf, FileId>,
}

impl Analysis {
    pub fn plan(&self) -> &Plan {
        &self.loaded.plan
    }

    pub fn file_id(&self, path: &Path) -> Option<FileId> {
        self.files.get(path).copied()
    }

    /// The normalised path of a file of the plan.
    pub fn path(&self, file: FileId) -> PathBuf {
        normalise(&self.loaded.disk_paths[file])
    }

    /// Where findings about the whole book go: its `book.toml`.
    pub fn book_toml(&self) -> PathBuf {
        match &self.scope {
            Scope::Book(root) => root.join("book.toml"),
            Scope::Loose(path) => path.clone(),
        }
    }
}

/// Reads and checks what `scope` names; `cache` keeps what the book's
/// files held, so only the files changed since the last time are parsed.
pub fn analyse(scope: &Scope, files: &dyn BookFiles, cache: &mut ReadCache) -> Analysis {
    let (loaded, error) = match scope {
        Scope::Book(root) => match book::load_book_cached(files, root, cache) {
            Ok(loaded) => (loaded, None),
            Err(e) => (empty(Some(root.clone())), Some(format!("{e:#}"))),
        },
        Scope::Loose(path) => loose(path, files),
    };
    let diagnostics = crate::lint::run(&loaded.plan, &loaded.config);
    let files = loaded
        .disk_paths
        .iter()
        .enumerate()
        .map(|(id, path)| (normalise(path), id))
        .collect();
    Analysis {
        scope: scope.clone(),
        loaded,
        diagnostics,
        error,
        files,
    }
}

fn empty(root: Option<PathBuf>) -> LoadedPlan {
    LoadedPlan {
        root,
        config: Config::default(),
        plan: Plan::default(),
        disk_paths: Vec::new(),
        read_errors: Vec::new(),
    }
}

fn loose(path: &Path, files: &dyn BookFiles) -> (LoadedPlan, Option<String>) {
    let text = match files.read(path).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => return (empty(None), Some("the file is not UTF-8 text".into())),
        Err(e) => return (empty(None), Some(format!("cannot read the file: {e}"))),
    };
    let shown = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let config = Config::default();
    let plan = Plan::from_chapter(&shown, &text, &config);
    let loaded = LoadedPlan {
        root: None,
        config,
        plan,
        disk_paths: vec![path.to_path_buf()],
        read_errors: Vec::new(),
    };
    (loaded, None)
}

/// The local path a `file:` URI names.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme()?.as_str() != "file" {
        return None;
    }
    let decoded = uri.path().as_estr().decode().into_string().ok()?;
    Some(normalise(Path::new(&*decoded)))
}

/// What a URI path cannot hold as it is: everything but the unreserved
/// characters, `/` and the sub-delimiters editors leave alone.
const PATH_ESCAPED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The `file:` URI of a local path.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let path = path.to_string_lossy();
    let encoded = percent_encoding::utf8_percent_encode(&path, PATH_ESCAPED);
    format!("file://{encoded}").parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_uris_round_trip_with_escapes() {
        let path = Path::new("/books/plan 2026/src/équipe #1%.md");
        let uri = path_to_uri(path).unwrap();
        assert_eq!(
            uri.as_str(),
            "file:///books/plan%202026/src/%C3%A9quipe%20%231%25.md"
        );
        assert_eq!(uri_to_path(&uri).unwrap(), path);
        let other: Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(uri_to_path(&other), None);
    }
}
