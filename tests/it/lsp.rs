//! `mdbook-okr lsp` spoken to over stdio, as an editor does: JSON-RPC with
//! `Content-Length` framing, against the fixture book `lsp-book`.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::fixture;

/// A hang guard, not a speed measurement.
const TIMEOUT: Duration = Duration::from_secs(60);

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Notifications read while waiting for something else.
    notifications: Vec<Value>,
    next_id: i64,
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Client {
    pub fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mdbook-okr"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("mdbook-okr lsp starts");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            loop {
                let mut length = None;
                loop {
                    let mut header = String::new();
                    if stdout.read_line(&mut header).unwrap_or(0) == 0 {
                        return;
                    }
                    let header = header.trim_end();
                    if header.is_empty() {
                        break;
                    }
                    if let Some(n) = header.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                if stdout.read_exact(&mut body).is_err() {
                    return;
                }
                let message: Value = serde_json::from_slice(&body).expect("JSON from the server");
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            messages,
            notifications: Vec::new(),
            next_id: 1,
        };
        let result = client.request("initialize", json!({"processId": null, "capabilities": {}}));
        assert_eq!(result["capabilities"]["hoverProvider"], json!(true));
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn next(&mut self, deadline: Instant) -> Value {
        let left = deadline.saturating_duration_since(Instant::now());
        self.messages
            .recv_timeout(left)
            .expect("the server answers before the hang guard")
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.next(deadline);
            if message["id"] == json!(id) {
                assert!(message.get("error").is_none(), "{method}: {message}");
                return message["result"].clone();
            }
            self.notifications.push(message);
        }
    }

    /// Waits for diagnostics published for `uri` that satisfy `wanted`.
    pub fn diagnostics(&mut self, uri: &str, wanted: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let deadline = Instant::now() + TIMEOUT;
        let matches = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && wanted(m["params"]["diagnostics"].as_array().unwrap())
        };
        if let Some(i) = self.notifications.iter().rposition(matches) {
            let found = self.notifications.remove(i);
            self.notifications.retain(|m| m["params"]["uri"] != uri);
            return found["params"]["diagnostics"].as_array().unwrap().clone();
        }
        loop {
            let message = self.next(deadline);
            if matches(&message) {
                return message["params"]["diagnostics"].as_array().unwrap().clone();
            }
            self.notifications.push(message);
        }
    }

    pub fn shutdown(mut self) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "the server exits cleanly: {status}");
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the server did not exit after `exit`");
    }
}

pub fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn chapter(name: &str) -> (PathBuf, String) {
    let path = fixture("lsp-book").join("src").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    (path, text)
}

/// The LSP position (line, UTF-16 column) of the `nth` occurrence of
/// `needle` in `text`, plus `shift` characters: counted here independently
/// of the server.
fn at(text: &str, needle: &str, shift: usize) -> Value {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in the text"));
    let offset = offset
        + needle
            .chars()
            .take(shift)
            .map(char::len_utf8)
            .sum::<usize>();
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    json!({
        "line": text[..offset].matches('\n').count(),
        "character": text[line_start..offset].encode_utf16().count(),
    })
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    let mut codes: Vec<String> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect();
    codes.sort();
    codes
}

fn open(client: &mut Client, path: &Path, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(path), "languageId": "markdown", "version": 1, "text": text}}),
    );
}

fn position(path: &Path, position: Value) -> Value {
    json!({"textDocument": {"uri": uri(path)}, "position": position})
}

#[test]
fn diagnostics_hover_completion_navigation_and_fixes_over_stdio() {
    let (data, data_text) = chapter("data.md");
    let (platform, platform_text) = chapter("platform.md");
    let mut client = Client::start();

    // Opening one chapter checks the whole book: its own findings, and the
    // findings its references cause in a chapter that is not open.
    open(&mut client, &data, &data_text);
    let data_findings = client.diagnostics(&uri(&data), |d| !d.is_empty());
    assert_eq!(codes(&data_findings), ["invalid-block"]);
    let typo = &data_findings[0];
    assert!(
        typo["message"].as_str().unwrap().starts_with(
            "unknown key `comitment` in a key result; did you mean `commitment`?\nhelp: "
        ),
        "{typo}"
    );
    assert_eq!(typo["severity"], json!(1));
    assert_eq!(typo["source"], "mdbook-okr");
    // The rule's page of the guide, the link SARIF's `helpUri` gives.
    assert_eq!(
        typo["codeDescription"]["href"],
        "https://mdbook-okr.github.io/mdbook-okr/rules/invalid-block.html"
    );
    assert_eq!(typo["range"]["start"], at(&data_text, "comitment", 0));
    assert_eq!(typo["range"]["end"], at(&data_text, "comitment", 9));

    let platform_findings = client.diagnostics(&uri(&platform), |d| !d.is_empty());
    assert_eq!(
        codes(&platform_findings),
        ["missing-definition-of-done", "stretch-prerequisite"]
    );
    // A line with CJK and an emoji: columns in UTF-16 code units (the
    // rocket is two), not bytes or characters.
    let dod = platform_findings
        .iter()
        .find(|d| d["code"] == "missing-definition-of-done")
        .unwrap();
    let guide = "\"Publish the 平台 🚀 onboarding guide\"";
    assert_eq!(dod["range"]["start"], at(&platform_text, guide, 0));
    assert_eq!(dod["range"]["end"]["character"], json!(7 + 36));
    assert_eq!(
        dod["range"]["end"],
        at(&platform_text, guide, guide.chars().count())
    );

    // Hover on a cross-file reference: the target KR's text, team,
    // commitment and score.
    let reference = at(&data_text, "dev-portal#portal-live", 3);
    let hover = client.request("textDocument/hover", position(&data, reference.clone()));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("`dev-portal#portal-live`"), "{text}");
    assert!(
        text.contains("Portal 🚀 live for 全部 product teams"),
        "{text}"
    );
    assert!(
        text.contains("team `platform`") && text.contains("stretch"),
        "{text}"
    );
    assert!(text.contains("score 0.0"), "{text}");

    // Hover on a rule name in `allow`: the rule's explanation.
    let hover = client.request(
        "textDocument/hover",
        position(&data, at(&data_text, "\"kr-count\"", 2)),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("# kr-count\n"), "{text}");

    // Go to definition lands on the target KR in the other chapter.
    let definition = client.request("textDocument/definition", position(&data, reference));
    assert_eq!(definition["uri"], uri(&platform));
    assert_eq!(
        definition["range"]["start"],
        at(&platform_text, "[[kr]]\nid = \"portal-live\"", 0)
    );

    // Find references on the objective lists what depends on it.
    open(&mut client, &platform, &platform_text);
    let references = client.request(
        "textDocument/references",
        json!({
            "textDocument": {"uri": uri(&platform)},
            "position": at(&platform_text, "self-service", 0),
            "context": {"includeDeclaration": false},
        }),
    );
    assert_eq!(references.as_array().unwrap().len(), 1, "{references}");
    assert_eq!(references[0]["uri"], uri(&data));
    assert_eq!(
        references[0]["range"]["start"],
        at(&data_text, "\"dev-portal#portal-live\"", 0)
    );

    // Hover on an objective: its score and who depends on it.
    let hover = client.request(
        "textDocument/hover",
        position(&platform, at(&platform_text, "self-service", 0)),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("**`dev-portal`**"), "{text}");
    assert!(text.contains("Depended on by `data-catalog#KR1`"), "{text}");

    // Code actions where the fix is certain.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri(&data)},
            "range": typo["range"],
            "context": {"diagnostics": [typo]},
        }),
    );
    let rename = &actions[0];
    assert_eq!(rename["title"], "Rename `comitment` to `commitment`");
    assert_eq!(rename["isPreferred"], json!(true));
    let edit = &rename["edit"]["changes"][uri(&data)][0];
    assert_eq!(edit["newText"], "commitment");
    assert_eq!(edit["range"], typo["range"]);

    let stretch = platform_findings
        .iter()
        .find(|d| d["code"] == "stretch-prerequisite")
        .unwrap();
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri(&platform)},
            "range": stretch["range"],
            "context": {"diagnostics": [stretch]},
        }),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Make it `committed`",
            "Allow `stretch-prerequisite` on this key result"
        ]
    );
    let edit = &actions[0]["edit"]["changes"][uri(&platform)][0];
    assert_eq!(edit["newText"], "commitment = \"committed\"");
    let allow = &actions[1]["edit"]["changes"][uri(&platform)][0];
    assert_eq!(allow["newText"], "\nallow = [\"stretch-prerequisite\"]");
    assert_eq!(
        allow["range"]["start"],
        at(&platform_text, "\nid = \"portal-live\"", 0)
    );

    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri(&platform)},
            "range": dod["range"],
            "context": {"diagnostics": [dod]},
        }),
    );
    let edit = &actions[0]["edit"]["changes"][uri(&platform)][0];
    assert_eq!(actions[0]["title"], "Add a Definition of Done");
    assert_eq!(edit["newText"], "\ndone = [\"[ ] ...\"]");
    assert_eq!(
        edit["range"]["start"],
        at(&platform_text, guide, guide.chars().count())
    );

    // An incremental change fixes the typo: the unsaved text wins over the
    // file on disk, and the finding goes away.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri(&data), "version": 2},
            "contentChanges": [{"range": typo["range"], "text": "commitment"}],
        }),
    );
    let after = client.diagnostics(&uri(&data), |d| {
        !codes(d).contains(&"invalid-block".to_string())
    });
    assert!(
        after.iter().all(|d| d["code"] != "invalid-block"),
        "{after:?}"
    );

    // Completion: KR ids of the book inside `depends_on`, with their text.
    let line = "depends_on = [\"dev-portal#portal-live\"]";
    let start = at(&data_text, line, 0);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri(&data), "version": 3},
            "contentChanges": [{
                "range": {"start": start, "end": at(&data_text, line, line.chars().count())},
                "text": "depends_on = [\"",
            }],
        }),
    );
    let cursor = json!({"line": start["line"], "character": 15});
    let items = client.request("textDocument/completion", position(&data, cursor));
    let item = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "dev-portal#portal-live")
        .unwrap_or_else(|| panic!("{items}"));
    assert_eq!(item["detail"], "Portal 🚀 live for 全部 product teams");
    assert!(
        items
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["label"] == "team:data")
    );

    // Keys of a `[[kr]]` table, and the values of `kind`.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri(&data), "version": 4},
            "contentChanges": [{
                "range": {"start": start, "end": {"line": start["line"], "character": 15}},
                "text": "kind = \"",
            }],
        }),
    );
    let cursor = json!({"line": start["line"], "character": 8});
    let items = client.request("textDocument/completion", position(&data, cursor));
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["impact", "delivery", "discovery"]);
    let cursor = json!({"line": start["line"], "character": 0});
    let items = client.request("textDocument/completion", position(&data, cursor));
    assert!(
        items
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["label"] == "depends_on")
    );

    client.shutdown();
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn a_changed_book_toml_counts_without_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("lsp-book"), dir.path());
    let data = dir.path().join("src/data.md");
    let platform = dir.path().join("src/platform.md");
    let mut client = Client::start();
    open(&mut client, &data, &std::fs::read_to_string(&data).unwrap());
    let before = client.diagnostics(&uri(&platform), |d| !d.is_empty());
    assert!(codes(&before).contains(&"stretch-prerequisite".to_string()));

    let book_toml = dir.path().join("book.toml");
    let mut config = std::fs::read_to_string(&book_toml).unwrap();
    config.push_str("\n[preprocessor.okr.rules]\nstretch-prerequisite = \"off\"\n");
    std::fs::write(&book_toml, config).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&book_toml), "type": 2}]}),
    );
    let after = client.diagnostics(&uri(&platform), |d| {
        !codes(d).contains(&"stretch-prerequisite".to_string())
    });
    assert_eq!(codes(&after), ["missing-definition-of-done"]);
    client.shutdown();
}

/// Replaces the first `old` in an open document with `new`, as a ranged
/// change, and keeps the client's copy of the text in step.
fn replace(
    client: &mut Client,
    path: &Path,
    text: &mut String,
    version: i32,
    old: &str,
    new: &str,
) {
    let start = at(text, old, 0);
    let end = at(text, old, old.chars().count());
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri(path), "version": version},
            "contentChanges": [{"range": {"start": start, "end": end}, "text": new}],
        }),
    );
    *text = text.replacen(old, new, 1);
}

/// One finding as both sides can tell it: file (relative to the book),
/// 1-based line and character column, rule, severity, message with help.
type Told = (String, usize, usize, String, String, String);

/// After a series of edits, some typed fast and some after a pause, the
/// diagnostics the server has published for every file are exactly what
/// `mdbook-okr check` reports for the same texts saved to disk: the
/// chapter checked alone and the kept findings are only a first step.
#[test]
fn after_edits_the_published_diagnostics_are_what_check_reports() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("lsp-book"), dir.path());
    let root = dir.path();
    let data = root.join("src/data.md");
    let platform = root.join("src/platform.md");
    let mut data_text = std::fs::read_to_string(&data).unwrap();
    let mut platform_text = std::fs::read_to_string(&platform).unwrap();
    let mut client = Client::start();
    open(&mut client, &data, &data_text);
    open(&mut client, &platform, &platform_text);
    client.diagnostics(&uri(&platform), |d| !d.is_empty());

    let pause = |ms: u64| std::thread::sleep(Duration::from_millis(ms));
    // A reference in data.md stops resolving: a finding in the other file.
    replace(
        &mut client,
        &platform,
        &mut platform_text,
        2,
        "id = \"dev-portal\"",
        "id = \"dev-portl\"",
    );
    pause(40);
    // Block-local: the misspelt key is fixed, an emoji objective is added.
    replace(
        &mut client,
        &data,
        &mut data_text,
        2,
        "comitment",
        "commitment",
    );
    replace(
        &mut client,
        &data,
        &mut data_text,
        3,
        "# Data\n",
        "# Data\n\n```okr\nid = \"data-quality\"\nteam = \"data\"\nobjective = \"Ship 🚀 dashboards\"\n\n[[kr]]\ntext = \"Improve 数据 quality\"\n```\n",
    );
    pause(300);
    // The id now duplicates one below it; the stretch KR becomes committed.
    replace(
        &mut client,
        &platform,
        &mut platform_text,
        3,
        "commitment = \"stretch\"",
        "commitment = \"committed\"",
    );
    pause(5);
    replace(
        &mut client,
        &data,
        &mut data_text,
        4,
        "Ship 🚀 dashboards",
        "Ship 🚀 dashboards for analysts",
    );
    // An answer waits for every book to be checked, so every publish the
    // edits cause comes before it.
    client.request(
        "textDocument/hover",
        position(&data, json!({"line": 0, "character": 0})),
    );

    let mut published: std::collections::BTreeMap<String, Vec<Value>> = Default::default();
    for message in client.notifications.drain(..) {
        if message["method"] == "textDocument/publishDiagnostics" {
            let params = &message["params"];
            let diagnostics = params["diagnostics"].as_array().unwrap().clone();
            published.insert(params["uri"].as_str().unwrap().to_string(), diagnostics);
        }
    }
    let texts = [
        ("src/data.md", &data_text),
        ("src/platform.md", &platform_text),
    ];
    let mut from_server: Vec<Told> = Vec::new();
    for (file, diagnostics) in &published {
        let relative = file
            .strip_prefix(&uri(root))
            .and_then(|f| f.strip_prefix('/'))
            .unwrap_or_else(|| panic!("{file} is in the book"))
            .to_string();
        let text = texts
            .iter()
            .find(|(name, _)| *name == relative)
            .map_or_else(String::new, |(_, text)| text.to_string());
        for diagnostic in diagnostics {
            let start = &diagnostic["range"]["start"];
            let line = start["line"].as_u64().unwrap() as usize;
            let units = start["character"].as_u64().unwrap() as usize;
            let line_text = text.split('\n').nth(line).unwrap_or("");
            let mut seen = 0;
            let column = line_text
                .chars()
                .take_while(|c| {
                    seen += c.len_utf16();
                    seen <= units
                })
                .count();
            let severity =
                ["", "error", "warning", "info"][diagnostic["severity"].as_u64().unwrap() as usize];
            from_server.push((
                relative.clone(),
                line + 1,
                column + 1,
                diagnostic["code"].as_str().unwrap_or("").to_string(),
                severity.to_string(),
                diagnostic["message"].as_str().unwrap().to_string(),
            ));
        }
    }
    client.shutdown();

    std::fs::write(&data, &data_text).unwrap();
    std::fs::write(&platform, &platform_text).unwrap();
    let output = crate::support::run_in(root, &["check", "--format", "json"]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut from_check: Vec<Told> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let help = d["help"].as_str().unwrap_or("");
            let message = d["message"].as_str().unwrap();
            (
                d["file"].as_str().unwrap_or("book.toml").to_string(),
                d["line"].as_u64().unwrap_or(1) as usize,
                d["column"].as_u64().unwrap_or(1) as usize,
                d["rule"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
                if help.is_empty() {
                    message.to_string()
                } else {
                    format!("{message}\nhelp: {help}")
                },
            )
        })
        .collect();
    from_server.sort();
    from_check.sort();
    let rules: Vec<&str> = from_check.iter().map(|t| t.3.as_str()).collect();
    // The edits did what they were meant to: a finding across files, one
    // on an emoji line, the typo gone.
    for wanted in [
        "unknown-dependency",
        "duplicate-id",
        "missing-definition-of-done",
    ] {
        assert!(rules.contains(&wanted), "{wanted} in {rules:?}");
    }
    assert!(!from_check.iter().any(|t| t.5.contains("comitment")));
    assert_eq!(from_server, from_check);
}
