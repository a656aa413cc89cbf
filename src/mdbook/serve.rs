//! `mdbook-okr serve`: builds the book, serves the site on localhost,
//! rebuilds in-process when a source changes and reloads open pages over a
//! websocket, the way `mdbook serve` does.

use std::collections::{HashMap, HashSet};
use std::io::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use anyhow::{Context as _, Result};
use axum::Router;
use axum::body::Body;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::{self, Next};
use axum::response::Response;
use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use notify::RecursiveMode;
use notify_debouncer_mini::new_debouncer;
use tokio::sync::broadcast;
use tower_http::services::ServeDir;

use crate::mdbook::preprocessor::{NAME, process_reporting_to};

/// The websocket path mdBook's HTML renderer points its reload script at.
const LIVE_RELOAD_ENDPOINT: &str = "__livereload";

/// Saves of one edit (an editor writes, renames, touches) count as one change.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// What `mdbook-okr serve` was asked for.
pub struct ServeOptions {
    pub book: PathBuf,
    pub hostname: String,
    pub port: u16,
    pub open: bool,
    pub dest_dir: Option<PathBuf>,
}

/// The okr preprocessor with its findings kept for the caller instead of
/// written to stderr, so a rebuild can print only what changed.
struct CapturingPreprocessor {
    messages: Arc<Mutex<Vec<u8>>>,
}

impl Preprocessor for CapturingPreprocessor {
    fn name(&self) -> &str {
        NAME
    }

    fn run(
        &self,
        ctx: &PreprocessorContext,
        book: Book,
    ) -> mdbook_preprocessor::errors::Result<Book> {
        let mut messages = self.messages.lock().unwrap_or_else(PoisonError::into_inner);
        process_reporting_to(ctx, book, &mut *messages)
    }

    fn supports_renderer(&self, _renderer: &str) -> mdbook_preprocessor::errors::Result<bool> {
        Ok(true)
    }
}

/// One build: where the site went, what to watch, and the finding lines.
struct Built {
    site: PathBuf,
    watched: Vec<(PathBuf, RecursiveMode)>,
    /// In the order the preprocessor wrote them.
    findings: Vec<String>,
    result: Result<()>,
}

fn build_once(options: &ServeOptions) -> Result<Built> {
    let mut book = crate::mdbook::build::load(&options.book, options.dest_dir.as_deref())?;
    book.config
        .set("output.html.live-reload-endpoint", LIVE_RELOAD_ENDPOINT)
        .map_err(|e| anyhow::anyhow!("{e:#}"))?;
    // Pages are served from the root, whatever site-url the book deploys to.
    book.config
        .set("output.html.site-url", "/")
        .map_err(|e| anyhow::anyhow!("{e:#}"))?;
    let messages = Arc::new(Mutex::new(Vec::new()));
    book.with_preprocessor(CapturingPreprocessor {
        messages: Arc::clone(&messages),
    });
    let site = book.build_dir_for("html");
    let watched = watched_paths(&book.root, &book.config.book.src);
    let result = book
        .build()
        .map_err(|e| anyhow::anyhow!("{e:#}"))
        .context("the build failed");
    let text = std::mem::take(&mut *messages.lock().unwrap_or_else(PoisonError::into_inner));
    let findings = String::from_utf8_lossy(&text)
        .lines()
        .map(str::to_string)
        .collect();
    Ok(Built {
        site,
        watched,
        findings,
        result,
    })
}

/// `src/`, `book.toml`, the theme folder, and each included file outside
/// `src/` (from the same book reading `check` does).
fn watched_paths(root: &Path, src: &Path) -> Vec<(PathBuf, RecursiveMode)> {
    let src = root.join(src);
    let mut paths = vec![
        (src.clone(), RecursiveMode::Recursive),
        (root.join("book.toml"), RecursiveMode::NonRecursive),
    ];
    let theme = root.join("theme");
    if theme.is_dir() {
        paths.push((theme, RecursiveMode::Recursive));
    }
    if let Ok(loaded) = crate::book::load_book(root) {
        for path in loaded.disk_paths {
            if !path.starts_with(&src) && path.exists() {
                paths.push((path, RecursiveMode::NonRecursive));
            }
        }
    }
    paths
}

/// The state every request sees: the reload channel and the last error.
#[derive(Clone)]
struct Shared {
    reload: broadcast::Sender<()>,
    failure: Arc<Mutex<Option<String>>>,
}

/// Builds, serves and watches until Ctrl-C.
pub fn serve(options: ServeOptions) -> Result<()> {
    crate::mdbook::build::init_logging();
    let first = build_once(&options)?;
    let mut reported = first.findings.clone();
    print_changes(&[], &reported);
    first.result?;
    let site = first.site.clone();
    let (reload, _) = broadcast::channel(16);
    let shared = Shared {
        reload,
        failure: Arc::new(Mutex::new(None)),
    };
    let (changes_tx, changes_rx) = std::sync::mpsc::channel();
    let mut debouncer = new_debouncer(DEBOUNCE, changes_tx).context("cannot watch the book")?;
    watch(debouncer.watcher(), &first.watched);
    let mut watched = first.watched.clone();
    let mut seen = modification_times(&watched);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_io()
        .build()
        .context("cannot start the server's runtime")?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind((
            options.hostname.as_str(),
            options.port,
        )))
        .with_context(|| format!("cannot listen on {}:{}", options.hostname, options.port))?;
    let address: SocketAddr = listener.local_addr()?;
    let url = format!("http://{address}");
    eprintln!(
        "mdbook-okr: serving {} on {url} (Ctrl-C stops)",
        site.display()
    );
    if options.open && opener::open(&url).is_err() {
        eprintln!("mdbook-okr: cannot open a browser; open {url}");
    }

    let rebuild_shared = shared.clone();
    std::thread::spawn(move || {
        for batch in changes_rx {
            let Ok(events) = batch else { continue };
            // Reading a file is an event too (inotify reports opens), so a
            // path counts only when its modification time moved.
            let relevant = events.iter().any(|e| {
                !e.path.starts_with(&site) && seen.get(&e.path).copied() != modified(&e.path)
            });
            if !relevant {
                continue;
            }
            seen = modification_times(&watched);
            let built = build_once(&options);
            let outcome = built.and_then(|built| {
                print_changes(&reported, &built.findings);
                reported = built.findings;
                watch(debouncer.watcher(), &built.watched);
                watched = built.watched;
                built.result
            });
            let mut failure = rebuild_shared
                .failure
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            match outcome {
                Ok(()) => {
                    *failure = None;
                    eprintln!("mdbook-okr: rebuilt");
                }
                Err(error) => {
                    let message = format!("{error:#}");
                    eprintln!("error: {message} (the last good site is still served)");
                    *failure = Some(message);
                }
            }
            drop(failure);
            // No open page is not an error.
            let _ = rebuild_shared.reload.send(());
        }
    });

    let app = Router::new()
        .route(
            &format!("/{LIVE_RELOAD_ENDPOINT}"),
            axum::routing::get(live_reload),
        )
        .fallback_service(ServeDir::new(&first.site))
        .layer(middleware::from_fn_with_state(
            shared.clone(),
            failure_banner,
        ))
        .with_state(shared);
    runtime.block_on(async {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    })?;
    eprintln!("mdbook-okr: stopped");
    Ok(())
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The modification time of every file and folder under the watched paths.
fn modification_times(watched: &[(PathBuf, RecursiveMode)]) -> HashMap<PathBuf, SystemTime> {
    let mut times = HashMap::new();
    let mut pending: Vec<PathBuf> = watched.iter().map(|(path, _)| path.clone()).collect();
    while let Some(path) = pending.pop() {
        if let Ok(entries) = std::fs::read_dir(&path) {
            pending.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
        }
        if let Some(time) = modified(&path) {
            times.insert(path, time);
        }
    }
    times
}

fn watch(watcher: &mut dyn notify::Watcher, paths: &[(PathBuf, RecursiveMode)]) {
    for (path, mode) in paths {
        if let Err(error) = watcher.watch(path, *mode) {
            eprintln!("warning: cannot watch {}: {error}", path.display());
        }
    }
}

/// Prints the finding lines that are new, and those that went away.
fn print_changes(before: &[String], after: &[String]) {
    let mut stderr = std::io::stderr().lock();
    for line in changed_lines(before, after) {
        let _ = writeln!(stderr, "{line}");
    }
}

/// The lines of `after` not in `before`, then `gone: ` and each line of
/// `before` not in `after`.
fn changed_lines(before: &[String], after: &[String]) -> Vec<String> {
    let (before_set, after_set): (HashSet<&String>, HashSet<&String>) =
        (before.iter().collect(), after.iter().collect());
    let new = after.iter().filter(|l| !before_set.contains(l)).cloned();
    let gone = before
        .iter()
        .filter(|l| !after_set.contains(l))
        .map(|line| format!("gone: {line}"));
    new.chain(gone).collect()
}

async fn live_reload(State(shared): State<Shared>, upgrade: WebSocketUpgrade) -> Response {
    let reloads = shared.reload.subscribe();
    upgrade.on_upgrade(move |socket| send_reloads(socket, reloads))
}

async fn send_reloads(mut socket: WebSocket, mut reloads: broadcast::Receiver<()>) {
    loop {
        tokio::select! {
            reload = reloads.recv() => {
                if matches!(reload, Err(broadcast::error::RecvError::Closed))
                    || socket.send(Message::Text("reload".into())).await.is_err()
                {
                    return;
                }
            }
            incoming = socket.recv() => {
                if !matches!(incoming, Some(Ok(_))) {
                    return;
                }
            }
        }
    }
}

/// While the last rebuild failed, each HTML page carries its error on top.
async fn failure_banner(
    State(shared): State<Shared>,
    mut request: Request,
    next: Next,
) -> Response {
    let failure = shared
        .failure
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    let Some(failure) = failure else {
        return next.run(request).await;
    };
    // A cached page would come back without the banner.
    request.headers_mut().remove(header::IF_MODIFIED_SINCE);
    request.headers_mut().remove(header::IF_NONE_MATCH);
    let response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let page = String::from_utf8_lossy(&bytes);
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(with_banner(&page, &failure)))
}

/// `page` with an escaped error box right after its `<body>` tag.
fn with_banner(page: &str, failure: &str) -> String {
    let mut banner = String::from(
        "<pre style=\"position:sticky;top:0;z-index:1000;margin:0;padding:0.5em 1em;\
         background:#fdd;color:#600;white-space:pre-wrap;border-bottom:2px solid #a00\">\
         The last rebuild failed; this is the last good build.\n",
    );
    let _ = pulldown_cmark_escape::escape_html(&mut banner, failure);
    banner.push_str("</pre>");
    let at = page
        .find("<body")
        .and_then(|start| page[start..].find('>').map(|end| start + end + 1))
        .unwrap_or(0);
    format!("{}{banner}{}", &page[..at], &page[at..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banner_goes_after_the_body_tag_and_is_escaped() {
        let page = with_banner("<html><body class=\"x\"><p>hi</p></body></html>", "<b>&");
        assert!(page.starts_with("<html><body class=\"x\"><pre "));
        assert!(page.contains("&lt;b&gt;&amp;</pre><p>hi</p>"));
    }

    #[test]
    fn only_new_and_gone_findings_are_reported() {
        let lines = |lines: &[&str]| lines.iter().map(|l| l.to_string()).collect::<Vec<_>>();
        let before = lines(&["a.md:1:1: warning[x]: kept", "a.md:2:1: error[y]: fixed"]);
        let after = lines(&["a.md:1:1: warning[x]: kept", "a.md:3:1: info[z]: new"]);
        assert_eq!(
            changed_lines(&before, &after),
            ["a.md:3:1: info[z]: new", "gone: a.md:2:1: error[y]: fixed"]
        );
        assert!(changed_lines(&after, &after).is_empty());
    }

    #[test]
    fn a_page_without_a_body_tag_gets_the_banner_first() {
        assert!(with_banner("plain", "oops").starts_with("<pre "));
    }
}
