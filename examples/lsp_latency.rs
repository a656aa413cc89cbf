//! The language server's latency on a generated book, in two figures:
//!
//! - from a `didChange` inside one chapter to the diagnostics published for
//!   that chapter (the chapter checked alone against the last whole-book
//!   analysis);
//! - from the same `didChange` to the answer of a request sent once those
//!   diagnostics arrived: an answer waits for the whole book to be checked
//!   again, which the request starts at once (without one it starts after
//!   the editor has been quiet for 100 ms).
//!
//! Beside them, a full `check` of the same book in this process (read,
//! plan, every rule) as the baseline. The server runs in-process over
//! lsp-server's in-memory connection, exactly as `mdbook-okr lsp` runs over
//! stdio. Each change adds or removes a misspelt key in one KR, so every
//! change changes the chapter's findings.
//!
//! ```text
//! cargo run --release --example gen_book -- --chapters 1000 --out /tmp/okr-1000
//! cargo run --release --example lsp_latency -- /tmp/okr-1000 [ROUNDS]
//! ```

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail};
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};

fn main() -> Result<()> {
    let mut args = std::env::args_os().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        bail!("usage: lsp_latency BOOK [ROUNDS]");
    };
    let rounds: usize = match args.next() {
        Some(n) => n.to_string_lossy().parse().context("ROUNDS is a number")?,
        None => 20,
    };
    let root = std::fs::canonicalize(&root)?;
    let summary = std::fs::read_to_string(root.join("src/SUMMARY.md"))?;
    let links: Vec<&str> = summary
        .lines()
        .filter_map(|l| l.split_once("](")?.1.split_once(')').map(|(p, _)| p))
        .collect();
    // The first chapter with a key result from the middle of the book on.
    let found = links[links.len() / 2..].iter().find_map(|chapter| {
        let path = root.join("src").join(chapter);
        let text = std::fs::read_to_string(&path).ok()?;
        let kr_line = text.lines().position(|l| l.trim() == "[[kr]]")?;
        Some((chapter, path, text, kr_line))
    });
    let Some((chapter, path, text, kr_line)) = found else {
        bail!("the second half of {} has no key result", root.display());
    };
    let uri = format!("file://{}", path.display());

    let (server, client) = Connection::memory();
    let thread = std::thread::spawn(move || mdbook_okr::lsp::serve(&server));
    let request = |id: i32, method: &str, params: Value| {
        Message::Request(Request::new(RequestId::from(id), method.into(), params))
    };
    // The error (a closed channel) carries the whole message: keep only
    // what it says.
    let notify = |method: &str, params: Value| -> Result<()> {
        client
            .sender
            .send(Message::Notification(Notification::new(
                method.into(),
                params,
            )))
            .map_err(|e| anyhow::anyhow!("{e}"))
    };
    client
        .sender
        .send(request(1, "initialize", json!({"capabilities": {}})))?;
    client.receiver.recv()?;
    notify("initialized", json!({}))?;
    let published = || -> Result<Duration> {
        let start = Instant::now();
        loop {
            if let Message::Notification(n) = client.receiver.recv()?
                && n.method == "textDocument/publishDiagnostics"
                && n.params["uri"] == uri.as_str()
            {
                return Ok(start.elapsed());
            }
        }
    };

    notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 0, "text": text}}),
    )?;
    let first = published()?;
    let line = kr_line + 1;
    let mut chapter_times = Vec::with_capacity(rounds);
    let mut book_times = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let (range, new_text) = if round % 2 == 0 {
            (
                json!({"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}),
                "comitment = \"committed\"\n",
            )
        } else {
            (
                json!({"start": {"line": line, "character": 0}, "end": {"line": line + 1, "character": 0}}),
                "",
            )
        };
        let sent = Instant::now();
        notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": round + 1},
                "contentChanges": [{"range": range, "text": new_text}],
            }),
        )?;
        published()?;
        chapter_times.push(sent.elapsed());
        let id = 3 + i32::try_from(round)?;
        client
            .sender
            .send(request(
                id,
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
            ))
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        // Diagnostics the whole-book check publishes come before the answer.
        loop {
            if let Message::Response(response) = client.receiver.recv()?
                && response.id == RequestId::from(id)
            {
                break;
            }
        }
        book_times.push(sent.elapsed());
    }
    client
        .sender
        .send(request(2, "shutdown", Value::Null))
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    client.receiver.recv()?;
    notify("exit", Value::Null)?;
    thread.join().expect("the server thread")?;

    let check_times = (0..5)
        .map(|_| -> Result<Duration> {
            let start = Instant::now();
            let loaded = mdbook_okr::book::load_book(&root)?;
            mdbook_okr::lint::run(&loaded.plan, &loaded.config);
            Ok(start.elapsed())
        })
        .collect::<Result<Vec<_>>>()?;

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = |times: &mut Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let summary = |times: &mut Vec<Duration>| {
        let median = median(times);
        format!(
            "median {:.0} ms, min {:.0} ms, max {:.0} ms",
            ms(median),
            ms(times[0]),
            ms(times[times.len() - 1]),
        )
    };
    let check = median(&mut check_times.clone());
    println!(
        "book: {} ({} chapters), changed chapter: {chapter}",
        root.display(),
        links.len()
    );
    println!("open to first diagnostics: {:.0} ms", ms(first));
    println!(
        "full check in-process (read, plan, every rule), median of {}: {:.0} ms",
        check_times.len(),
        ms(check)
    );
    println!("over {rounds} changes:");
    for (what, times) in [
        ("change to the chapter's diagnostics", &mut chapter_times),
        ("change to the whole book checked", &mut book_times),
    ] {
        let text = summary(times);
        println!(
            "  {what}: {text} ({:.2} of a full check)",
            median(times).as_secs_f64() / check.as_secs_f64()
        );
    }
    Ok(())
}
