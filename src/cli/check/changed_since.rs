//! `--changed-since REV`: keep only findings in blocks a change touched.
//!
//! The old text of each file comes from `git show REV:path`; the work tree
//! is never touched. A block *changed* when its text (fences included)
//! equals no block of the same file at REV, or the file did not exist
//! there. A finding is kept when it lies inside a changed block; a finding
//! placed elsewhere in a file (an index directive, say) is kept when that
//! file's text changed.
//!
//! Findings about the whole book (no place) are caused by the book as a
//! whole, so no single block owns them. They are kept when the change
//! could have caused them: some block was added, changed or removed, or
//! `book.toml` or `SUMMARY.md` changed. A change that touches no plan at
//! all is not blamed for the book's standing state.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context as _, Result, bail};

use crate::book::LoadedPlan;
use crate::diagnostic::Diagnostic;
use crate::model::Location;
use crate::source::scan;

pub fn filter(
    loaded: &LoadedPlan,
    diagnostics: Vec<Diagnostic>,
    rev: &str,
) -> Result<Vec<Diagnostic>> {
    let folder = loaded.root.clone().unwrap_or_else(|| PathBuf::from("."));
    verify_revision(&folder, rev)?;
    let plan = &loaded.plan;
    let mut changed_blocks: Vec<Location> = Vec::new();
    let mut changed_files = vec![false; plan.files.len()];
    let mut anything_changed = false;
    for (id, file) in plan.files.iter().enumerate() {
        let disk = loaded
            .disk_paths
            .get(id)
            .map_or(Path::new(&file.display_path), PathBuf::as_path);
        let old = old_text(disk, rev)?;
        let old_blocks: Vec<String> = old
            .as_deref()
            .map(|text| {
                scan::scan(text)
                    .into_iter()
                    .map(|b| text[b.span].to_string())
                    .collect()
            })
            .unwrap_or_default();
        let new_blocks: Vec<&str> = plan
            .blocks_in(id)
            .map(|b| &file.text[b.location.span.clone()])
            .collect();
        for block in plan.blocks_in(id) {
            let text = &file.text[block.location.span.clone()];
            if !old_blocks.iter().any(|old| old == text) {
                changed_blocks.push(block.location.clone());
            }
        }
        let removed = old_blocks
            .iter()
            .any(|old| !new_blocks.contains(&old.as_str()));
        changed_files[id] = old.as_deref() != Some(file.text.as_str());
        anything_changed |= removed;
    }
    anything_changed |= !changed_blocks.is_empty();
    if let Some(root) = &loaded.root {
        let src = crate::book::read_book_toml(root)
            .and_then(|table| crate::book::source_dir(root, &table))
            .unwrap_or_else(|_| root.join("src"));
        for config_file in [root.join("book.toml"), src.join("SUMMARY.md")] {
            let now = std::fs::read(&config_file).ok();
            let then = old_text(&config_file, rev)?.map(String::into_bytes);
            anything_changed |= now != then;
        }
    }
    Ok(diagnostics
        .into_iter()
        .filter(|d| match &d.location {
            None => anything_changed,
            Some(location) => {
                let inside = |block: &Location| {
                    block.file == location.file && block.span.contains(&location.span.start)
                };
                if changed_blocks.iter().any(inside) {
                    return true;
                }
                let in_any_block = plan.blocks_in(location.file).any(|b| inside(&b.location));
                !in_any_block && changed_files.get(location.file).copied().unwrap_or(false)
            }
        })
        .collect())
}

fn verify_revision(folder: &Path, rev: &str) -> Result<()> {
    if rev.starts_with('-') || rev.is_empty() {
        bail!("`{rev}` is not a git revision");
    }
    let output = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
        .arg(format!("{rev}^{{commit}}"))
        .output()
        .context("cannot run git for --changed-since")?;
    if !output.status.success() {
        bail!(
            "--changed-since: `{rev}` is not a commit of the git repository at {}{}",
            folder.display(),
            stderr_note(&output.stderr)
        );
    }
    Ok(())
}

/// A file's text at `rev`, or `None` when it did not exist there. Run from
/// the file's own folder with a `./` path, so git resolves it relative to
/// the repository whatever the book's place in it.
fn old_text(path: &Path, rev: &str) -> Result<Option<String>> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Some(name) = path.file_name() else {
        return Ok(None);
    };
    if !folder.is_dir() {
        // The folder itself is new: so is the file.
        return Ok(None);
    }
    let output = Command::new("git")
        .arg("-C")
        .arg(folder)
        .arg("show")
        .arg(format!("{rev}:./{}", name.to_string_lossy()))
        .output()
        .context("cannot run git for --changed-since")?;
    // The revision was verified, so a failure here means the path did not
    // exist at it.
    Ok(output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned()))
}

fn stderr_note(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let text = text.trim();
    if text.is_empty() {
        String::new()
    } else {
        format!(" ({text})")
    }
}
