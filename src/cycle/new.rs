//! `mdbook-okr new --team T [--quarter Q] [BOOK]`: a team's chapter for a
//! quarter, from the template.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use crate::book;
use crate::model::Quarter;

use super::{NewFile, refuse_existing, team_title, template, validate_team, write_files};

/// What `new` and `next-quarter` wrote.
#[derive(Debug)]
pub struct Created {
    /// The new chapter.
    pub chapter: PathBuf,
    pub summary_changed: bool,
    pub teams_changed: bool,
}

/// Creates `src/<quarter>/<team>.md` from the template. `quarter` defaults
/// to the configured one, else `today`.
pub fn new(root: &Path, team: &str, quarter: Option<Quarter>, today: Quarter) -> Result<Created> {
    validate_team(team)?;
    let config = book::read_config(root)?;
    let quarter = quarter.or(config.quarter).unwrap_or(today);
    add_team_chapter(root, team, quarter, template::new_chapter(team, quarter))
}

/// Writes a team's chapter for `quarter`, lists it in `SUMMARY.md` under the
/// quarter, and adds the team to a configured `teams` list. Nothing is
/// written when the chapter exists or an edit cannot be made.
pub(super) fn add_team_chapter(
    root: &Path,
    team: &str,
    quarter: Quarter,
    text: String,
) -> Result<Created> {
    let table = book::read_book_toml(root)?;
    let src = book::source_dir(root, &table)?;
    let link = format!("{quarter}/{team}.md");
    let chapter = src.join(&link);
    refuse_existing([chapter.as_path()])?;

    let summary_path = src.join("SUMMARY.md");
    let summary = fs::read_to_string(&summary_path)
        .with_context(|| format!("cannot read {}", summary_path.display()))?;
    let new_summary = super::add_chapter(&summary, quarter, &team_title(team), &link);

    let toml_path = root.join("book.toml");
    let new_toml = match fs::read_to_string(&toml_path) {
        Ok(text) => {
            super::add_team(&text, team).with_context(|| format!("in {}", toml_path.display()))?
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", toml_path.display())),
    };

    let summary_changed = new_summary != summary;
    let teams_changed = new_toml.is_some();
    let mut files = vec![NewFile {
        path: chapter.clone(),
        text,
    }];
    if summary_changed {
        files.push(NewFile {
            path: summary_path,
            text: new_summary,
        });
    }
    if let Some(text) = new_toml {
        files.push(NewFile {
            path: toml_path,
            text,
        });
    }
    write_files(&files)?;
    Ok(Created {
        chapter,
        summary_changed,
        teams_changed,
    })
}
