//! How long `mdbook-okr history` takes to read a book's Git history, and how
//! that grows with the number of commits.
//!
//! ```text
//! cargo run --release --example history_bench [-- CHAPTERS COMMITS...]
//! ```
//!
//! Defaults: a 100-chapter book over 125, 250 and 500 commits. Each commit
//! is a weekly check-in that moves one chapter's `current` values, the way
//! a planning repository grows. The repositories are written with one
//! `git fast-import`; each history is read three times and the fastest run
//! is reported, with the time per commit.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context as _, Result, bail};

const BOOK_TOML: &str = "[book]\ntitle = \"Bench\"\n\n[preprocessor.okr]\nquarter = \"2026-Q2\"\ntoday = \"2026-05-15\"\n";

fn chapter(n: usize, current: usize) -> String {
    let mut text = format!("# Team {n}\n\n");
    for o in 0..2 {
        text.push_str(&format!(
            "```okr\nid = \"team{n}-o{o}\"\nteam = \"team{n}\"\nobjective = \"Make deploys of service {o} fast so team {n} ships daily\"\n\n"
        ));
        for k in 0..3 {
            text.push_str(&format!(
                "[[kr]]\nid = \"kr{k}\"\ntext = \"Raise weekly deploys of part {k} from 0 to 100\"\nmetric = {{ from = 0, to = 100, current = {} }}\n\n",
                (current + k) % 101
            ));
        }
        text.push_str("```\n\n");
    }
    text
}

/// A repository whose `plans/` book has `chapters` chapters, built over
/// `commits` commits: the first adds the book, each later one changes one
/// chapter.
fn repository(dir: &Path, chapters: usize, commits: usize) -> Result<()> {
    let status = Command::new("git")
        .args(["init", "--quiet"])
        .arg(dir)
        .status()?;
    if !status.success() {
        bail!("git init failed");
    }
    let mut import = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["fast-import", "--quiet"])
        .stdin(Stdio::piped())
        .spawn()
        .context("cannot run git fast-import")?;
    let mut stream = Vec::new();
    let start = 1_774_000_000_i64;
    let blob = |stream: &mut Vec<u8>, path: &str, text: &str| {
        let _ = write!(
            stream,
            "M 100644 inline {path}\ndata {}\n{text}\n",
            text.len()
        );
    };
    for c in 0..commits {
        let time = start + c as i64 * 3_600;
        let _ = write!(
            stream,
            "commit refs/heads/main\ncommitter Bench <bench@example.com> {time} +0000\ndata 8\ncheck-in\n"
        );
        if c == 0 {
            blob(&mut stream, "plans/book.toml", BOOK_TOML);
            let mut summary = String::from("# Summary\n\n");
            for n in 0..chapters {
                summary.push_str(&format!("- [Team {n}](team{n}.md)\n"));
            }
            blob(&mut stream, "plans/src/SUMMARY.md", &summary);
            for n in 0..chapters {
                blob(
                    &mut stream,
                    &format!("plans/src/team{n}.md"),
                    &chapter(n, 0),
                );
            }
        } else {
            let n = c % chapters;
            blob(
                &mut stream,
                &format!("plans/src/team{n}.md"),
                &chapter(n, c / chapters + 1),
            );
        }
        stream.push(b'\n');
    }
    import
        .stdin
        .take()
        .context("no pipe to git fast-import")?
        .write_all(&stream)?;
    if !import.wait()?.success() {
        bail!("git fast-import failed");
    }
    let status = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["checkout", "--quiet", "main"])
        .status()?;
    if !status.success() {
        bail!("git checkout failed");
    }
    Ok(())
}

fn main() -> Result<()> {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().context("arguments are numbers"))
        .collect::<Result<_>>()?;
    let (chapters, counts) = match args.split_first() {
        Some((chapters, counts)) if !counts.is_empty() => (*chapters, counts.to_vec()),
        _ => (100, vec![125, 250, 500]),
    };
    println!("chapters  commits  best of 3 (s)  per commit (ms)");
    let mut first: Option<(usize, f64)> = None;
    for commits in counts {
        let dir = tempfile::tempdir()?;
        repository(dir.path(), chapters, commits)?;
        let book = dir.path().join("plans");
        let mut best = f64::INFINITY;
        for _ in 0..3 {
            let started = Instant::now();
            let report = mdbook_okr::book::history::history(&book)?;
            best = best.min(started.elapsed().as_secs_f64());
            if report.missing.is_some() || report.krs.len() != chapters * 6 {
                bail!("the history was not read: {:?}", report.missing);
            }
        }
        let per_commit = best * 1000.0 / commits as f64;
        let growth = first
            .map(|(c, t)| {
                format!(
                    "  ({:.2}x the time for {:.2}x the commits)",
                    best / t,
                    commits as f64 / c as f64
                )
            })
            .unwrap_or_default();
        println!("{chapters:>8}  {commits:>7}  {best:>13.3}  {per_commit:>15.2}{growth}");
        first.get_or_insert((commits, best));
    }
    Ok(())
}
