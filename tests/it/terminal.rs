//! `mdbook-okr` with no command, run by a person in a terminal rather than
//! by mdBook with a pipe: a pseudo-terminal from util-linux's `script`.

use std::process::{Command, Stdio};

#[test]
fn the_bare_command_in_a_terminal_says_what_it_is_for() {
    let binary = env!("CARGO_BIN_EXE_mdbook-okr");
    // `timeout` ends the run if the binary waits for input after all.
    let output = Command::new("timeout")
        .args(["60", "script", "--quiet", "--return", "--command"])
        .arg(format!("'{binary}'"))
        .arg("/dev/null")
        .stdin(Stdio::null())
        .output()
        .expect("util-linux `script` runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{text}");
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line: {text}");
    for wanted in [
        "mdBook",
        "`mdbook-okr build`",
        "`mdbook-okr check`",
        "`mdbook-okr init`",
        "`mdbook-okr --help`",
    ] {
        assert!(lines[0].contains(wanted), "no {wanted} in: {}", lines[0]);
    }
}
