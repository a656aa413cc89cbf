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
mod store;
mod workspace;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{self as notify, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeActionOrCommand, CodeActionProviderCapability, CompletionOptions, CompletionResponse,
    GotoDefinitionResponse, Hover, HoverContents, HoverProviderCapability, MarkupContent,
    MarkupKind, OneOf, PublishDiagnosticsParams, ServerCapabilities, ServerInfo,
    TextDocumentPositionParams, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};

use self::store::{Document, Documents};
use self::workspace::{Analysis, DiskCache, Overlay, Scope, path_to_uri, scope_of, uri_to_path};
use crate::model::FileId;

/// How long the editor must be quiet after a change before the book is
/// checked again, so a burst of keystrokes costs one analysis.
const DEBOUNCE: Duration = Duration::from_millis(15);
/// A book is checked at least this often while changes keep coming.
const MAX_DELAY: Duration = Duration::from_millis(200);

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
    disk: DiskCache,
    /// The scope of each open document.
    scopes: HashMap<PathBuf, Scope>,
    analyses: BTreeMap<Scope, Analysis>,
    /// Scopes to check again, and since when.
    dirty: BTreeMap<Scope, Instant>,
    /// What was last published for each file.
    published: HashMap<PathBuf, Vec<lsp_types::Diagnostic>>,
    /// The files each scope published findings for.
    published_by: HashMap<Scope, BTreeSet<PathBuf>>,
}

impl<'c> Server<'c> {
    fn new(connection: &'c Connection) -> Self {
        Server {
            connection,
            documents: Documents::default(),
            disk: DiskCache::default(),
            scopes: HashMap::new(),
            analyses: BTreeMap::new(),
            dirty: BTreeMap::new(),
            published: HashMap::new(),
            published_by: HashMap::new(),
        }
    }

    fn run(&mut self) -> Result<()> {
        loop {
            let message = match self.dirty.values().min() {
                None => match self.connection.receiver.recv() {
                    Ok(message) => message,
                    Err(_) => return Ok(()),
                },
                Some(&since) => {
                    let wait = DEBOUNCE.min(MAX_DELAY.saturating_sub(since.elapsed()));
                    match self.connection.receiver.recv_timeout(wait) {
                        Ok(message) => message,
                        Err(crossbeam_timeout) if crossbeam_timeout.is_timeout() => {
                            self.analyse_dirty()?;
                            continue;
                        }
                        Err(_) => return Ok(()),
                    }
                }
            };
            if self
                .dirty
                .values()
                .min()
                .is_some_and(|since| since.elapsed() >= MAX_DELAY)
            {
                self.analyse_dirty()?;
            }
            match message {
                Message::Request(request) => {
                    if self.connection.handle_shutdown(&request)? {
                        return Ok(());
                    }
                    // Answers read the text as it is now.
                    self.analyse_dirty()?;
                    let response = self.answer(request);
                    self.connection.sender.send(Message::Response(response))?;
                }
                Message::Notification(notification) => self.notified(notification),
                Message::Response(_) => {}
            }
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
                    Some(scope @ Scope::Loose(_)) => {
                        self.analyses.remove(&scope);
                        self.dirty.remove(&scope);
                        self.publish_for(&scope, BTreeMap::new());
                    }
                    None => {}
                }
            }
            // Files changed on disk (a save, a `git checkout`, an edit of
            // `book.toml` in another program): check every book again; the
            // disk cache re-reads only what changed.
            notify::DidSaveTextDocument::METHOD | notify::DidChangeWatchedFiles::METHOD => {
                let now = Instant::now();
                for scope in self.analyses.keys() {
                    self.dirty.entry(scope.clone()).or_insert(now);
                }
            }
            _ => {}
        }
    }

    /// A document of `scope` changed. A `book.toml` may also make a book of
    /// files that were loose, or move chapters to another book.
    fn touched(&mut self, path: &Path, scope: Scope) {
        let now = Instant::now();
        self.dirty.entry(scope).or_insert(now);
        if path.file_name().is_some_and(|n| n == "book.toml") {
            let paths: Vec<PathBuf> = self.documents.paths().cloned().collect();
            for path in paths {
                let scope = scope_of(&path, &self.documents);
                self.dirty.entry(scope.clone()).or_insert(now);
                if let Some(old) = self.scopes.insert(path, scope.clone())
                    && old != scope
                {
                    self.dirty.entry(old).or_insert(now);
                }
            }
        }
    }

    fn analyse_dirty(&mut self) -> Result<()> {
        let dirty = std::mem::take(&mut self.dirty);
        for scope in dirty.into_keys() {
            let in_use = self.scopes.values().any(|s| *s == scope);
            if !in_use {
                // Its last document moved to another scope or closed.
                self.analyses.remove(&scope);
                self.publish_for(&scope, BTreeMap::new());
                continue;
            }
            let files = Overlay {
                documents: &self.documents,
                disk: &self.disk,
            };
            let analysis = workspace::analyse(&scope, &files);
            let mut by_file = diagnostics::by_file(&analysis);
            for (path, document_scope) in &self.scopes {
                if *document_scope == scope {
                    by_file.entry(path.clone()).or_default();
                }
            }
            self.analyses.insert(scope.clone(), analysis);
            self.publish_for(&scope, by_file);
        }
        Ok(())
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
            if self.published.get(&path) == Some(&list) {
                continue;
            }
            let document = self.documents.get(&path);
            let Some(uri) = document
                .map(|d| d.uri.clone())
                .or_else(|| path_to_uri(&path))
            else {
                continue;
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
                return;
            }
            if list.is_empty() {
                self.published.remove(&path);
            } else {
                self.published.insert(path, list);
            }
        }
        self.published_by.insert(scope.clone(), now_published);
    }

    fn answer(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            req::HoverRequest::METHOD => self.with::<req::HoverRequest>(request, |s, p| {
                s.at(&p.text_document_position_params, |analysis, file, at| {
                    hover::hover(analysis, file, at).map(|text| Hover {
                        contents: HoverContents::Markup(MarkupContent {
                            kind: MarkupKind::Markdown,
                            value: text,
                        }),
                        range: None,
                    })
                })
                .flatten()
            }),
            req::Completion::METHOD => self.with::<req::Completion>(request, |s, p| {
                s.at(&p.text_document_position, completion::complete)
                    .map(CompletionResponse::Array)
            }),
            req::GotoDefinition::METHOD => self.with::<req::GotoDefinition>(request, |s, p| {
                s.at(&p.text_document_position_params, navigation::definition)
                    .flatten()
                    .map(GotoDefinitionResponse::Scalar)
            }),
            req::References::METHOD => self.with::<req::References>(request, |s, p| {
                let declaration = p.context.include_declaration;
                s.at(&p.text_document_position, |analysis, file, at| {
                    navigation::references(analysis, file, at, declaration)
                })
            }),
            req::CodeActionRequest::METHOD => {
                self.with::<req::CodeActionRequest>(request, |s, p| {
                    let uri = &p.text_document.uri;
                    let (analysis, file) = s.file(uri)?;
                    let text = &analysis.plan().file(file).text;
                    let span =
                        position::offset(text, p.range.start)..position::offset(text, p.range.end);
                    Some(
                        actions::actions(analysis, uri, file, &span)
                            .into_iter()
                            .map(CodeActionOrCommand::CodeAction)
                            .collect(),
                    )
                })
            }
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("mdbook-okr does not answer `{}`", request.method),
            )),
        };
        match result {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        }
    }

    fn with<R: lsp_types::request::Request>(
        &self,
        request: Request,
        f: impl FnOnce(&Self, R::Params) -> R::Result,
    ) -> Result<serde_json::Value, (ErrorCode, String)> {
        let params = serde_json::from_value(request.params)
            .map_err(|e| (ErrorCode::InvalidParams, e.to_string()))?;
        serde_json::to_value(f(self, params)).map_err(|e| (ErrorCode::InternalError, e.to_string()))
    }

    /// The analysis and file id of a document.
    fn file(&self, uri: &Uri) -> Option<(&Analysis, FileId)> {
        let path = uri_to_path(uri)?;
        let scope = self.scopes.get(&path)?;
        let analysis = self.analyses.get(scope)?;
        Some((analysis, analysis.file_id(&path)?))
    }

    /// Runs `f` at a text position of an open document.
    fn at<T>(
        &self,
        position: &TextDocumentPositionParams,
        f: impl FnOnce(&Analysis, FileId, usize) -> T,
    ) -> Option<T> {
        let (analysis, file) = self.file(&position.text_document.uri)?;
        let at = position::offset(&analysis.plan().file(file).text, position.position);
        Some(f(analysis, file, at))
    }
}

fn parse<P: serde::de::DeserializeOwned>(notification: Notification) -> Result<P> {
    serde_json::from_value(notification.params).context("bad notification parameters")
}
