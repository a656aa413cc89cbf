//! `mdbook-okr lsp`: a language server over stdio.
//!
//! It reads the whole book of every open chapter (the `book.toml` above the
//! file, every chapter, the includes), checks it as `check` does, with the
//! editor's unsaved text in place of the files on disk, and answers from
//! that one analysis: diagnostics, hover, completion, definition,
//! references and code actions.

mod actions;
mod completion;
mod diagnostics;
mod hover;
mod navigation;
mod position;
mod quick;
mod requests;
mod store;
mod workspace;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use crossbeam_channel::{Receiver, Select, Sender};
use lsp_server::{Connection, Message, Notification};
use lsp_types::notification::{self as notify, Notification as _};
use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, HoverProviderCapability, OneOf,
    PublishDiagnosticsParams, ServerCapabilities, ServerInfo, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions,
};

use self::store::{Document, Documents};
use self::workspace::{Analysis, DiskCache, Overlay, Scope, path_to_uri, scope_of, uri_to_path};
use crate::plan::ReadCache;

/// How long the editor must be quiet after a change before the edited
/// chapters are checked again, so a burst of keystrokes costs one check.
const DEBOUNCE: Duration = Duration::from_millis(15);
/// Edited chapters are checked at least this often while changes keep
/// coming.
const MAX_DELAY: Duration = Duration::from_millis(200);
/// How long the editor must be quiet after the edited chapters are shown
/// before their whole book is checked again. That check takes hundreds of
/// milliseconds on a large book; it runs on another thread, and waiting
/// for a pause keeps it from competing with typing for the processor.
const BOOK_DEBOUNCE: Duration = Duration::from_millis(100);

/// Serves one client on standard input and output until it exits.
pub fn run_stdio() -> Result<()> {
    let (connection, io_threads) = Connection::stdio();
    serve(&connection)?;
    drop(connection);
    io_threads.join().context("the stdio threads failed")?;
    Ok(())
}

/// Serves one client on `connection` (stdio, or in memory for the latency
/// benchmark) from `initialize` to `exit`.
pub fn serve(connection: &Connection) -> Result<()> {
    let capabilities = serde_json::to_value(capabilities())?;
    let initialize = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": ServerInfo {
            name: "mdbook-okr".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        },
    });
    let (id, _params) = connection
        .initialize_start()
        .context("the client did not initialize")?;
    connection
        .initialize_finish(id, initialize)
        .context("the client did not finish initializing")?;
    Server::new(connection).run()
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".into(), "#".into(), "[".into(), " ".into()]),
            ..CompletionOptions::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

struct Server<'c> {
    connection: &'c Connection,
    documents: Documents,
    disk: Arc<DiskCache>,
    /// The scope of each open document.
    scopes: HashMap<PathBuf, Scope>,
    /// The last whole-book analysis of each scope.
    analyses: BTreeMap<Scope, Analysis>,
    /// Scopes changed since their last check of any kind.
    dirty: BTreeMap<Scope, Dirty>,
    /// The documents of each scope edited since it was last checked.
    edited: BTreeMap<Scope, BTreeSet<PathBuf>>,
    /// Scopes to check whole, and when.
    book_due: BTreeMap<Scope, Instant>,
    /// Scopes checked whole on another thread now, and whether another
    /// check was asked for meanwhile.
    running: BTreeMap<Scope, bool>,
    /// What each scope's files held when last read.
    caches: HashMap<Scope, ReadCache>,
    finished_sender: Sender<Finished>,
    finished: Receiver<Finished>,
    /// What was last published for each file.
    published: HashMap<PathBuf, Vec<lsp_types::Diagnostic>>,
    /// The files each scope published findings for.
    published_by: HashMap<Scope, BTreeSet<PathBuf>>,
}

/// When a scope first and last changed since it was checked.
struct Dirty {
    first: Instant,
    last: Instant,
}

impl Dirty {
    fn due(&self) -> Instant {
        (self.last + DEBOUNCE).min(self.first + MAX_DELAY)
    }
}

/// A whole-book check done on another thread.
struct Finished {
    scope: Scope,
    /// `None` when the check panicked: the last analysis stays.
    analysis: Option<Analysis>,
    cache: ReadCache,
}

/// What the server waits for.
enum Event {
    Message(Message),
    Finished(Box<Finished>),
    /// A deadline passed.
    Due,
    /// The client went away.
    Closed,
}

impl<'c> Server<'c> {
    fn new(connection: &'c Connection) -> Self {
        let (finished_sender, finished) = crossbeam_channel::unbounded();
        Server {
            connection,
            documents: Documents::default(),
            disk: Arc::default(),
            scopes: HashMap::new(),
            analyses: BTreeMap::new(),
            dirty: BTreeMap::new(),
            edited: BTreeMap::new(),
            book_due: BTreeMap::new(),
            running: BTreeMap::new(),
            caches: HashMap::new(),
            finished_sender,
            finished,
            published: HashMap::new(),
            published_by: HashMap::new(),
        }
    }

    fn run(&mut self) -> Result<()> {
        loop {
            self.due();
            match self.wait() {
                Event::Message(Message::Request(request)) => {
                    if self.connection.handle_shutdown(&request)? {
                        self.wait_for_checks();
                        return Ok(());
                    }
                    // Answers read the text as it is now.
                    self.settle();
                    let response = self.answer(request);
                    self.connection.sender.send(Message::Response(response))?;
                }
                Event::Message(Message::Notification(notification)) => {
                    self.notified(notification);
                }
                Event::Message(Message::Response(_)) | Event::Due => {}
                Event::Finished(finished) => self.finished(*finished),
                Event::Closed => {
                    self.wait_for_checks();
                    return Ok(());
                }
            }
        }
    }

    /// The next message, finished check or deadline.
    fn wait(&self) -> Event {
        let deadline = self
            .dirty
            .values()
            .map(Dirty::due)
            .chain(self.book_due.values().copied())
            .min();
        let mut select = Select::new();
        let messages = select.recv(&self.connection.receiver);
        let finished = select.recv(&self.finished);
        let operation = match deadline {
            Some(deadline) => match select.select_deadline(deadline) {
                Ok(operation) => operation,
                Err(_) => return Event::Due,
            },
            None => select.select(),
        };
        if operation.index() == messages {
            operation
                .recv(&self.connection.receiver)
                .map_or(Event::Closed, Event::Message)
        } else {
            debug_assert_eq!(operation.index(), finished);
            operation
                .recv(&self.finished)
                .map_or(Event::Closed, |finished| {
                    Event::Finished(Box::new(finished))
                })
        }
    }

    fn notified(&mut self, notification: Notification) {
        match notification.method.as_str() {
            notify::DidOpenTextDocument::METHOD => {
                let Ok(params) = parse::<lsp_types::DidOpenTextDocumentParams>(notification) else {
                    return;
                };
                let Some(path) = uri_to_path(&params.text_document.uri) else {
                    return;
                };
                self.documents.open(
                    path.clone(),
                    Document {
                        uri: params.text_document.uri,
                        version: params.text_document.version,
                        text: params.text_document.text,
                    },
                );
                let scope = scope_of(&path, &self.documents);
                self.scopes.insert(path.clone(), scope.clone());
                self.touched(&path, scope);
            }
            notify::DidChangeTextDocument::METHOD => {
                let Ok(params) = parse::<lsp_types::DidChangeTextDocumentParams>(notification)
                else {
                    return;
                };
                let Some(path) = uri_to_path(&params.text_document.uri) else {
                    return;
                };
                if self.documents.change(
                    &path,
                    params.text_document.version,
                    &params.content_changes,
                ) && let Some(scope) = self.scopes.get(&path).cloned()
                {
                    self.touched(&path, scope);
                }
            }
            notify::DidCloseTextDocument::METHOD => {
                let Ok(params) = parse::<lsp_types::DidCloseTextDocumentParams>(notification)
                else {
                    return;
                };
                let Some(path) = uri_to_path(&params.text_document.uri) else {
                    return;
                };
                self.documents.close(&path);
                match self.scopes.remove(&path) {
                    // The file on disk counts again.
                    Some(scope @ Scope::Book(_)) => self.touched(&path, scope),
                    Some(scope @ Scope::Loose(_)) => self.forget(&scope),
                    None => {}
                }
            }
            // Files changed on disk (a save, a `git checkout`, an edit of
            // `book.toml` in another program): check every book again; the
            // disk cache re-reads only what changed.
            notify::DidSaveTextDocument::METHOD | notify::DidChangeWatchedFiles::METHOD => {
                let scopes: Vec<Scope> = self.analyses.keys().cloned().collect();
                for scope in scopes {
                    self.mark_dirty(scope);
                }
            }
            _ => {}
        }
    }

    /// A document of `scope` changed. A `book.toml` may also make a book of
    /// files that were loose, or move chapters to another book.
    fn touched(&mut self, path: &Path, scope: Scope) {
        self.edited
            .entry(scope.clone())
            .or_default()
            .insert(path.to_path_buf());
        self.mark_dirty(scope);
        if path.file_name().is_some_and(|n| n == "book.toml") {
            let paths: Vec<PathBuf> = self.documents.paths().cloned().collect();
            for path in paths {
                let scope = scope_of(&path, &self.documents);
                self.mark_dirty(scope.clone());
                if let Some(old) = self.scopes.insert(path, scope.clone())
                    && old != scope
                {
                    self.mark_dirty(old);
                }
            }
        }
    }

    fn mark_dirty(&mut self, scope: Scope) {
        let now = Instant::now();
        self.dirty
            .entry(scope)
            .and_modify(|dirty| dirty.last = now)
            .or_insert(Dirty {
                first: now,
                last: now,
            });
    }

    /// Does what is due: publishes the edited chapters of each scope quiet
    /// for [`DEBOUNCE`], and starts the whole-book checks whose time came.
    fn due(&mut self) {
        let now = Instant::now();
        let quiet: Vec<Scope> = self
            .dirty
            .iter()
            .filter(|(_, dirty)| dirty.due() <= now)
            .map(|(scope, _)| scope.clone())
            .collect();
        for scope in quiet {
            self.dirty.remove(&scope);
            let edited = self.edited.remove(&scope).unwrap_or_default();
            // The whole book waits for a pause in typing only when the
            // edited chapters are already shown as they are.
            let wait = if !edited.is_empty() && self.publish_chapters(&scope, &edited) {
                BOOK_DEBOUNCE
            } else {
                Duration::ZERO
            };
            self.book_due.insert(scope, Instant::now() + wait);
        }
        let now = Instant::now();
        let ready: Vec<Scope> = self
            .book_due
            .iter()
            .filter(|(_, due)| **due <= now)
            .map(|(scope, _)| scope.clone())
            .collect();
        for scope in ready {
            self.book_due.remove(&scope);
            self.check_book(&scope);
        }
    }

    /// Publishes the findings of edited chapters from the last analysis of
    /// their book (see [`quick`]); false when one of them cannot be checked
    /// alone, and nothing is published.
    fn publish_chapters(&mut self, scope: &Scope, edited: &BTreeSet<PathBuf>) -> bool {
        let Some(analysis) = self.analyses.get(scope) else {
            return false;
        };
        let mut lists = Vec::with_capacity(edited.len());
        for path in edited {
            let (Some(document), Some(file)) = (self.documents.get(path), analysis.file_id(path))
            else {
                return false;
            };
            let Some(findings) = quick::chapter_findings(analysis, file, &document.text) else {
                return false;
            };
            let list: Vec<lsp_types::Diagnostic> = findings
                .iter()
                .filter_map(|diagnostic| {
                    let span = &diagnostic.location.as_ref()?.span;
                    Some(diagnostics::to_lsp(
                        diagnostic,
                        position::range(&document.text, span),
                        diagnostics::code_description(
                            analysis.loaded.config.guide_url.as_ref(),
                            diagnostic.rule,
                        ),
                    ))
                })
                .collect();
            lists.push((path.clone(), list));
        }
        for (path, list) in lists {
            let now_published = !list.is_empty();
            if !self.send(&path, list) {
                return true;
            }
            let by_scope = self.published_by.entry(scope.clone()).or_default();
            if now_published {
                by_scope.insert(path);
            } else {
                by_scope.remove(&path);
            }
        }
        true
    }

    /// Starts checking the whole book of `scope` on another thread, or asks
    /// for another check after the one running.
    fn check_book(&mut self, scope: &Scope) {
        if let Some(again) = self.running.get_mut(scope) {
            *again = true;
            return;
        }
        if !self.scopes.values().any(|s| s == scope) {
            // Its last document moved to another scope or closed.
            self.forget(scope);
            return;
        }
        let files = Overlay::new(&self.documents, &self.disk);
        let mut cache = self.caches.remove(scope).unwrap_or_default();
        let sender = self.finished_sender.clone();
        let scope = scope.clone();
        self.running.insert(scope.clone(), false);
        std::thread::spawn(move || {
            let analysis = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                workspace::analyse(&scope, &files, &mut cache)
            }));
            // A panic may leave the cache half written: start afresh.
            let cache = if analysis.is_ok() {
                cache
            } else {
                ReadCache::default()
            };
            // The server may have stopped meanwhile.
            let _ = sender.send(Finished {
                scope,
                analysis: analysis.ok(),
                cache,
            });
        });
    }

    /// A whole-book check is done: its findings are published unless the
    /// book changed since it started (a newer check is on its way then).
    fn finished(&mut self, finished: Finished) {
        let scope = finished.scope;
        let again = self.running.remove(&scope).unwrap_or(false);
        self.caches.insert(scope.clone(), finished.cache);
        if !self.scopes.values().any(|s| *s == scope) {
            self.forget(&scope);
            return;
        }
        if let Some(analysis) = finished.analysis {
            let stale =
                again || self.dirty.contains_key(&scope) || self.book_due.contains_key(&scope);
            if !stale {
                let mut by_file = diagnostics::by_file(&analysis);
                for (path, document_scope) in &self.scopes {
                    if *document_scope == scope {
                        by_file.entry(path.clone()).or_default();
                    }
                }
                self.publish_for(&scope, by_file);
            }
            self.analyses.insert(scope.clone(), analysis);
        } else {
            eprintln!("mdbook-okr lsp: checking {scope:?} failed; its last findings stay");
        }
        if again {
            self.check_book(&scope);
        }
    }

    /// Drops what the server knows of a scope no document uses any more.
    fn forget(&mut self, scope: &Scope) {
        self.analyses.remove(scope);
        self.caches.remove(scope);
        self.dirty.remove(scope);
        self.edited.remove(scope);
        self.book_due.remove(scope);
        self.publish_for(scope, BTreeMap::new());
    }

    /// Checks every changed book now and waits for the results, so an
    /// answer reads the text as it is.
    fn settle(&mut self) {
        loop {
            let pending: BTreeSet<Scope> = self
                .dirty
                .keys()
                .chain(self.book_due.keys())
                .cloned()
                .collect();
            self.dirty.clear();
            self.book_due.clear();
            self.edited.clear();
            for scope in &pending {
                self.check_book(scope);
            }
            if self.running.is_empty() {
                return;
            }
            match self.finished.recv() {
                Ok(finished) => self.finished(finished),
                Err(_) => return,
            }
        }
    }

    /// Lets the checks still running end before the server stops.
    fn wait_for_checks(&mut self) {
        while !self.running.is_empty() {
            match self.finished.recv() {
                Ok(finished) => {
                    self.running.remove(&finished.scope);
                }
                Err(_) => return,
            }
        }
    }

    /// Publishes what changed since the last time: new lists, and empty
    /// ones for files whose findings are gone.
    fn publish_for(
        &mut self,
        scope: &Scope,
        mut by_file: BTreeMap<PathBuf, Vec<lsp_types::Diagnostic>>,
    ) {
        for path in self.published_by.remove(scope).unwrap_or_default() {
            by_file.entry(path).or_default();
        }
        let mut now_published = BTreeSet::new();
        for (path, list) in by_file {
            if !list.is_empty() {
                now_published.insert(path.clone());
            }
            if !self.send(&path, list) {
                break;
            }
        }
        self.published_by.insert(scope.clone(), now_published);
    }

    /// Publishes one file's list unless it is what was published last;
    /// false when the client is gone.
    fn send(&mut self, path: &Path, list: Vec<lsp_types::Diagnostic>) -> bool {
        if self.published.get(path) == Some(&list) {
            return true;
        }
        let document = self.documents.get(path);
        let Some(uri) = document
            .map(|d| d.uri.clone())
            .or_else(|| path_to_uri(path))
        else {
            return true;
        };
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics: list.clone(),
            version: document.map(|d| d.version),
        };
        let notification =
            Notification::new(notify::PublishDiagnostics::METHOD.to_string(), params);
        if self
            .connection
            .sender
            .send(Message::Notification(notification))
            .is_err()
        {
            return false;
        }
        if list.is_empty() {
            self.published.remove(path);
        } else {
            self.published.insert(path.to_path_buf(), list);
        }
        true
    }
}

fn parse<P: serde::de::DeserializeOwned>(notification: Notification) -> Result<P> {
    serde_json::from_value(notification.params).context("bad notification parameters")
}
