//! A real editor as the client: Debian's Neovim, headless, opens a chapter
//! of the `lsp-book` fixture, waits for the server's diagnostics and writes
//! them out (see `nvim_client.lua`).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{crate_dir, fixture};

#[test]
fn neovim_shows_the_servers_diagnostics() {
    if Command::new("nvim").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "neovim is missing in CI: scripts/install-test-deps installs it"
        );
        eprintln!("skipped: neovim is not installed (scripts/install-test-deps installs it)");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let written = out.path().join("diagnostics.txt");
    let book = fixture("lsp-book");
    let mut nvim = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-c"])
        .arg(format!(
            "luafile {}",
            crate_dir().join("tests/it/nvim_client.lua").display()
        ))
        .env("OKR_BIN", env!("CARGO_BIN_EXE_mdbook-okr"))
        .env("OKR_ROOT", &book)
        .env("OKR_CHAPTER", book.join("src/platform.md"))
        .env("OKR_OUT", &written)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .expect("nvim starts");
    // A hang guard, not a speed measurement.
    let deadline = Instant::now() + Duration::from_secs(90);
    let status = loop {
        if let Some(status) = nvim.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = nvim.kill();
            let _ = nvim.wait();
            panic!("neovim did not finish within the hang guard");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "nvim exited with {status}");
    let diagnostics = std::fs::read_to_string(&written).expect("nvim wrote the diagnostics");
    // The KR text on line 15 holds CJK and an emoji: Neovim turns the
    // server's UTF-16 columns into the byte columns 7 and 49.
    assert_eq!(
        diagnostics,
        "10:0:10:22:stretch-prerequisite:`dev-portal#portal-live` is a stretch goal (\"Portal 🚀 live for 全部 product teams\"), but data (`data-catalog#KR1`) depends on it\n\
         14:7:14:49:missing-definition-of-done:\"Publish the 平台 🚀 onboarding guide\" has no Definition of Done\n"
    );
}
