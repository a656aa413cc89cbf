//! A book's files as they were at a git revision, read through the `git`
//! binary. Nothing is checked out: the user's work tree is never touched.

use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context as _, Result, bail};

use crate::book::{BookFiles, normalise};

/// The files of one commit of the repository that holds a book.
pub struct Revision {
    /// The repository's top folder, canonical, so that any path of the
    /// book (canonical too) can be made relative to it.
    top: PathBuf,
    /// The full commit id: every read names the same commit, whatever
    /// happens to the branch the user named meanwhile.
    commit: String,
}

impl Revision {
    /// The commit `rev` names in the repository holding `folder`.
    pub fn open(folder: &Path, rev: &str) -> Result<Revision> {
        let top = top_folder(folder)?;
        let commit = resolve_commit(&top, rev)?;
        Ok(Revision { top, commit })
    }
}

impl BookFiles for Revision {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let not_found = || io::Error::new(io::ErrorKind::NotFound, "not in the revision");
        let relative = normalise(path)
            .strip_prefix(&self.top)
            .map(Path::to_path_buf)
            .map_err(|_| not_found())?;
        let relative = relative.to_string_lossy().replace('\\', "/");
        if relative.is_empty() {
            return Err(not_found());
        }
        // `cat-file blob` fails for a folder or a missing path, and gives
        // the bytes as committed (no text conversion or pager).
        let output = git(&self.top)
            .args(["cat-file", "blob"])
            .arg(format!("{}:{relative}", self.commit))
            .output()?;
        if output.status.success() {
            Ok(output.stdout)
        } else {
            Err(not_found())
        }
    }
}

fn git(folder: &Path) -> Command {
    let mut command = Command::new("git");
    command.arg("-C").arg(folder);
    command
}

/// The canonical top folder of the repository holding `folder`.
pub(crate) fn top_folder(folder: &Path) -> Result<PathBuf> {
    let output = git(folder)
        .args(["rev-parse", "--show-toplevel"])
        .output()
        .context("cannot run git")?;
    if !output.status.success() {
        bail!(
            "{} is not inside a git repository{}",
            folder.display(),
            stderr_note(&output.stderr)
        );
    }
    let top = String::from_utf8_lossy(&output.stdout).trim().to_string();
    std::fs::canonicalize(&top).with_context(|| format!("cannot find the git repository at {top}"))
}

/// The full id of the commit `rev` names. Revisions that git could read as
/// options are refused before git sees them.
fn resolve_commit(top: &Path, rev: &str) -> Result<String> {
    if rev.is_empty() || rev.starts_with('-') {
        bail!("`{rev}` is not a git revision");
    }
    let output = git(top)
        .args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
        .arg(format!("{rev}^{{commit}}"))
        .output()
        .context("cannot run git")?;
    if !output.status.success() {
        bail!(
            "`{rev}` is not a commit of the git repository at {}{}",
            top.display(),
            stderr_note(&output.stderr)
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
}

fn stderr_note(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    match text.lines().next().map(str::trim) {
        Some(line) if !line.is_empty() => format!(" ({line})"),
        _ => String::new(),
    }
}
