//! `mdbook-okr serve`: the real binary on a free localhost port, a page
//! fetched over HTTP, a reload message on the websocket after an edit.

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use tungstenite::Message;
use tungstenite::stream::MaybeTlsStream;

use crate::support::fixture;

/// A hang guard, not a speed target: the first debug build may be slow.
const PATIENCE: Duration = Duration::from_secs(120);

/// Kills the server however the test ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn copy_book(from: &Path, to: &Path) {
    for entry in ["book.toml", "src/SUMMARY.md", "src/plan.md"] {
        let target = to.join(entry);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(from.join(entry), target).unwrap();
    }
}

fn page(address: &str) -> String {
    ureq::get(format!("http://{address}/plan.html"))
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap()
}

/// A running `mdbook-okr serve` on a copy of the serve-book fixture.
struct Served {
    book: tempfile::TempDir,
    address: String,
    stderr: mpsc::Receiver<String>,
    _server: Server,
}

fn start() -> Served {
    let book = tempfile::tempdir().unwrap();
    copy_book(&fixture("serve-book"), book.path());
    let mut child = Command::new(env!("CARGO_BIN_EXE_mdbook-okr"))
        .args(["serve", "-p", "0", "-n", "127.0.0.1"])
        .arg(book.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let server = Server(child);
    let (lines_tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if lines_tx.send(line).is_err() {
                return;
            }
        }
    });
    let deadline = Instant::now() + PATIENCE;
    let address = loop {
        let line = lines
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("serve never said where it listens");
        if let Some(url) = line.split(" on http://").nth(1) {
            break url.split_whitespace().next().unwrap().to_string();
        }
    };
    Served {
        book,
        address,
        stderr: lines,
        _server: server,
    }
}

impl Served {
    fn live_reload(&self) -> tungstenite::WebSocket<MaybeTlsStream<std::net::TcpStream>> {
        let (mut socket, _) =
            tungstenite::connect(format!("ws://{}/__livereload", self.address)).unwrap();
        if let MaybeTlsStream::Plain(stream) = socket.get_mut() {
            stream.set_read_timeout(Some(PATIENCE)).unwrap();
        }
        socket
    }

    /// Waits for a stderr line holding `text`.
    fn wait_for_stderr(&self, text: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let line = self
                .stderr
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .unwrap_or_else(|_| panic!("serve never printed {text:?}"));
            if line.contains(text) {
                return line;
            }
        }
    }
}

#[test]
fn an_edit_rebuilds_the_page_and_sends_reload() {
    let served = start();
    let first = page(&served.address);
    assert!(first.contains("First draft of the plan."), "{first}");
    assert!(
        first.contains("__livereload"),
        "no reload script in the page"
    );

    let mut socket = served.live_reload();
    std::fs::write(
        served.book.path().join("src/plan.md"),
        "# Plan\n\nSecond draft of the plan.\n",
    )
    .unwrap();
    let message = socket.read().expect("no reload message after the edit");
    assert_eq!(message, Message::Text("reload".into()));

    let second = page(&served.address);
    assert!(second.contains("Second draft of the plan."), "{second}");
    assert!(!second.contains("First draft"), "{second}");

    // The rebuild reads the sources; reading is no change, so no rebuild
    // follows. Several debounce periods pass without one.
    served.wait_for_stderr("rebuilt");
    std::thread::sleep(Duration::from_secs(1));
    let later: Vec<String> = served.stderr.try_iter().collect();
    assert!(
        !later.iter().any(|line| line.contains("rebuilt")),
        "rebuilt without a change: {later:?}"
    );
}

#[test]
fn a_failed_rebuild_keeps_the_last_site_and_shows_the_error() {
    let served = start();
    let mut socket = served.live_reload();
    let book_toml = served.book.path().join("book.toml");
    let good = std::fs::read_to_string(&book_toml).unwrap();
    std::fs::write(&book_toml, "[book\ntitle = \"<broken>\"\n").unwrap();
    assert_eq!(socket.read().unwrap(), Message::Text("reload".into()));
    served.wait_for_stderr("the last good site is still served");

    let failed = page(&served.address);
    assert!(failed.contains("First draft of the plan."), "{failed}");
    assert!(failed.contains("The last rebuild failed"), "{failed}");
    assert!(!failed.contains("<broken>"), "the error is not escaped");

    std::fs::write(&book_toml, good).unwrap();
    assert_eq!(socket.read().unwrap(), Message::Text("reload".into()));
    served.wait_for_stderr("rebuilt");
    let fixed = page(&served.address);
    assert!(!fixed.contains("The last rebuild failed"), "{fixed}");
}
