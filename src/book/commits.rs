//! Reading a book's plan at every commit that changed it.
//!
//! One `git log` lists the commits of the current branch that touch the
//! book's folder, oldest first, along the first parent (a merge counts as
//! the one change it brings to the branch), with the paths each one changed
//! (`-M`, so a renamed chapter reads as a rename). One `git cat-file
//! --batch` process serves every file read. A file is read again only after
//! a commit changed it; the others keep their bytes from the revision
//! before. Each revision is then loaded with the same reader, parser and
//! resolver as the working tree ([`book::load_book_cached`]), parsing only
//! the chapters whose text no earlier revision had ([`ReadCache`]).

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::rc::Rc;

use super::revision;
use crate::book::{self, BookFiles, LoadedPlan, normalise};
use crate::plan::ReadCache;

use crate::history::{Commit, Missing};

/// One commit of the log, with the paths it changed (relative to the
/// repository's top, with `/`).
struct LoggedCommit {
    commit: Commit,
    changed: Vec<String>,
}

/// Calls `visit` with each commit that changed the book at `root` and the
/// book as it was at that commit, oldest first. A commit at which the book
/// cannot be read (no `book.toml` yet, a broken `SUMMARY.md`) is skipped.
pub fn each_revision(
    root: &Path,
    mut visit: impl FnMut(Commit, LoadedPlan),
) -> Result<(), Missing> {
    let top = match revision::top_folder(root) {
        Ok(top) => top,
        Err(error)
            if error
                .chain()
                .any(|e| e.downcast_ref::<io::Error>().is_some()) =>
        {
            return Err(Missing::NoGit);
        }
        Err(_) => return Err(Missing::NotARepository),
    };
    if is_shallow(&top) {
        return Err(Missing::ShallowClone);
    }
    let within = root
        .strip_prefix(&top)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    let log = log(&top, &within)?;
    let mut reader = BatchReader::start(&top).map_err(|_| Missing::NoGit)?;
    let mut cache: HashMap<String, Option<Rc<Vec<u8>>>> = HashMap::new();
    let mut parsed = ReadCache::default();
    for logged in log {
        for path in &logged.changed {
            cache.remove(path);
        }
        let files = RevisionFiles {
            top: &top,
            commit: &logged.commit.id,
            reader: RefCell::new(&mut reader),
            cache: RefCell::new(&mut cache),
        };
        if !book::is_book(&files, root) {
            continue;
        }
        if let Ok(plan) = book::load_book_cached(&files, root, &mut parsed) {
            visit(logged.commit, plan);
        }
    }
    Ok(())
}

fn git_at(top: &Path) -> Command {
    let mut command = Command::new("git");
    command.arg("-C").arg(top);
    command
}

fn is_shallow(top: &Path) -> bool {
    git_at(top)
        .args(["rev-parse", "--is-shallow-repository"])
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"true"))
}

/// The record separator between commits in the log; the fields of a
/// commit and its changed paths are separated by NUL (`-z`).
const RECORD: char = '\u{1e}';

fn log(top: &Path, within: &str) -> Result<Vec<LoggedCommit>, Missing> {
    let output = git_at(top)
        .args([
            "log",
            "--first-parent",
            "--reverse",
            "--use-mailmap",
            "-M",
            "--name-status",
            "-z",
            "--no-color",
            "--format=%x1e%H%x00%aN%x00%aE%x00%at%x00%ct",
            "HEAD",
            "--",
        ])
        .arg(if within.is_empty() { "." } else { within })
        .output()
        .map_err(|_| Missing::NoGit)?;
    if !output.status.success() {
        // A repository without a commit yet has no `HEAD` to walk.
        return Err(Missing::NoCommits);
    }
    let text = String::from_utf8_lossy(&output.stdout);
    Ok(text
        .split(RECORD)
        .filter(|r| !r.is_empty())
        .filter_map(parse_record)
        .collect())
}

fn parse_record(record: &str) -> Option<LoggedCommit> {
    let mut fields = record.splitn(6, '\0');
    let id = fields.next()?.to_string();
    let name = fields.next()?;
    let email = fields.next()?;
    let author_time = fields.next()?.trim().parse().ok()?;
    let commit_time = fields.next()?.trim().parse().ok()?;
    let mut changed = Vec::new();
    let mut entries = fields
        .next()
        .unwrap_or("")
        .split('\0')
        .map(|e| e.trim_start_matches('\n'))
        .filter(|e| !e.is_empty());
    while let Some(status) = entries.next() {
        // A rename or copy names the old path and the new one.
        let paths = if status.starts_with(['R', 'C']) { 2 } else { 1 };
        changed.extend(entries.by_ref().take(paths).map(str::to_string));
    }
    Some(LoggedCommit {
        commit: Commit {
            id,
            author: if email.is_empty() {
                name.to_string()
            } else {
                format!("{name} <{email}>")
            },
            author_time,
            commit_time,
        },
        changed,
    })
}

/// A running `git cat-file --batch`.
struct BatchReader {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

impl BatchReader {
    fn start(top: &Path) -> io::Result<BatchReader> {
        let mut child = git_at(top)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let input = child.stdin.take().ok_or_else(broken)?;
        let output = BufReader::new(child.stdout.take().ok_or_else(broken)?);
        Ok(BatchReader {
            child,
            input,
            output,
        })
    }

    /// The blob at `commit:path`, `None` when there is none.
    fn blob(&mut self, commit: &str, path: &str) -> io::Result<Option<Vec<u8>>> {
        // A newline would end the request early and name another object.
        if path.contains('\n') {
            return Ok(None);
        }
        writeln!(self.input, "{commit}:{path}")?;
        self.input.flush()?;
        let mut header = String::new();
        self.output.read_line(&mut header)?;
        let mut parts = header.split_whitespace();
        let (_, kind, size) = (parts.next(), parts.next(), parts.next());
        let Some(size) = size.and_then(|s| s.parse::<usize>().ok()) else {
            // `<name> missing` or `<name> ambiguous`: nothing follows.
            return Ok(None);
        };
        let mut bytes = vec![0; size + 1];
        self.output.read_exact(&mut bytes)?;
        bytes.pop();
        Ok((kind == Some("blob")).then_some(bytes))
    }
}

impl Drop for BatchReader {
    fn drop(&mut self) {
        // Closing its input ends the process; wait so no zombie is left.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn broken() -> io::Error {
    io::Error::new(io::ErrorKind::BrokenPipe, "git cat-file has no pipe")
}

/// The book's files at one commit, for [`book::load_book_cached`].
struct RevisionFiles<'a> {
    top: &'a PathBuf,
    commit: &'a str,
    reader: RefCell<&'a mut BatchReader>,
    /// Bytes (or absence) of each path read at this commit or before it
    /// and not changed since.
    cache: RefCell<&'a mut HashMap<String, Option<Rc<Vec<u8>>>>>,
}

impl BookFiles for RevisionFiles<'_> {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let not_found = || io::Error::new(io::ErrorKind::NotFound, "not in the revision");
        let relative = normalise(path)
            .strip_prefix(self.top)
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .map_err(|_| not_found())?;
        if relative.is_empty() {
            return Err(not_found());
        }
        if let Some(known) = self.cache.borrow().get(&relative) {
            return known.as_deref().cloned().ok_or_else(not_found);
        }
        let blob = self
            .reader
            .borrow_mut()
            .blob(self.commit, &relative)?
            .map(Rc::new);
        self.cache.borrow_mut().insert(relative, blob.clone());
        blob.as_deref().cloned().ok_or_else(not_found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_gives_its_commit_and_every_changed_path() {
        let record = "abc\x00Ana\x00ana@x\x00100\x00200\x00\nM\x00plans/a.md\x00R087\x00plans/b.md\x00plans/c.md\x00A\x00plans/d.md\x00";
        let logged = parse_record(record).unwrap();
        assert_eq!(logged.commit.id, "abc");
        assert_eq!(logged.commit.author, "Ana <ana@x>");
        assert_eq!(
            (logged.commit.author_time, logged.commit.commit_time),
            (100, 200)
        );
        assert_eq!(
            logged.changed,
            ["plans/a.md", "plans/b.md", "plans/c.md", "plans/d.md"]
        );
    }

    #[test]
    fn a_broken_record_is_skipped() {
        assert!(parse_record("abc\x00Ana\x00").is_none());
        assert!(parse_record("abc\x00Ana\x00a@x\x00soon\x00200\x00").is_none());
    }
}
