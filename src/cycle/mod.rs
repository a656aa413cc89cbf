//! The planning cycle: `init` starts a planning book, `new` adds a team's
//! chapter for a quarter from a template, and `next-quarter` drafts a team's
//! next chapter from what the last one left unfinished.
//!
//! The commands only ever add files and insert lines: a file that exists is
//! never overwritten, and edits to `SUMMARY.md` and `book.toml` leave every
//! line they do not add as it was.

mod book_toml;
pub mod init;
pub mod new;
pub mod next_quarter;
mod summary;
pub mod template;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context as _, Result, bail};

use crate::model::Quarter;

pub use book_toml::add_team;
pub use summary::add_chapter;

pub use crate::mdbook::install::STYLESHEET_FILE;

/// Writes the okr stylesheet, stamped with this version as `install`
/// writes it, into the book folder `dir`.
pub fn write_stylesheet(dir: &Path) -> Result<()> {
    let path = dir.join(STYLESHEET_FILE);
    fs::write(&path, crate::mdbook::install::stamped_stylesheet())
        .with_context(|| format!("cannot write {}", path.display()))
}

/// The calendar quarter (UTC) that `time` falls in.
pub fn quarter_at(time: SystemTime) -> Quarter {
    // A clock set before 1970 is a broken clock; 1970-Q1 is as good as any.
    let seconds = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (year, month) = civil_year_month(seconds / 86_400);
    Quarter {
        year: u16::try_from(year).unwrap_or(u16::MAX),
        number: u8::try_from((month - 1) / 3 + 1).unwrap_or(4),
    }
}

/// The current calendar quarter by the system clock.
pub fn current_quarter() -> Quarter {
    quarter_at(SystemTime::now())
}

/// Year and month (1..=12) of a day counted from 1970-01-01, by Howard
/// Hinnant's `civil_from_days`: exact for the proleptic Gregorian calendar
/// without a date library.
fn civil_year_month(days: u64) -> (u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153; // 0 = March
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month)
}

/// Checks a team id: `[a-z0-9][a-z0-9-]*`, the same shape as objective ids,
/// because it becomes a file name and a `team:` reference.
pub fn validate_team(team: &str) -> Result<()> {
    let mut bytes = team.bytes();
    let first_ok = bytes
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if !first_ok || !bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        bail!(
            "`{team}` is not a team id: use lowercase letters, digits and hyphens, starting with a letter or digit (for example `platform` or `ml-infra`)"
        );
    }
    Ok(())
}

/// Parses a `--quarter` value.
pub fn parse_quarter(text: &str) -> Result<Quarter> {
    text.parse()
        .map_err(|message: String| anyhow::anyhow!(message))
}

/// A file to create: its path and its full text.
pub struct NewFile {
    pub path: PathBuf,
    pub text: String,
}

/// Fails, naming every one, when any of `paths` exists.
pub fn refuse_existing<'p>(paths: impl IntoIterator<Item = &'p Path>) -> Result<()> {
    let existing: Vec<String> = paths
        .into_iter()
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        bail!(
            "refusing to overwrite what exists; nothing was written:\n  {}",
            existing.join("\n  ")
        );
    }
    Ok(())
}

/// Writes files, creating their folders.
pub fn write_files(files: &[NewFile]) -> Result<()> {
    for file in files {
        if let Some(parent) = file.path.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        fs::write(&file.path, &file.text)
            .with_context(|| format!("cannot write {}", file.path.display()))?;
    }
    Ok(())
}

/// A team id as a chapter title: `ml-platform` becomes `Ml platform`.
pub fn team_title(team: &str) -> String {
    let spaced = team.replace('-', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

/// A quarter as people write it in titles: `2026 Q2`.
pub fn quarter_title(quarter: Quarter) -> String {
    format!("{} Q{}", quarter.year, quarter.number)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn at(seconds: u64) -> Quarter {
        quarter_at(UNIX_EPOCH + Duration::from_secs(seconds))
    }

    #[test]
    fn quarters_follow_the_calendar() {
        assert_eq!(at(0).to_string(), "1970-Q1");
        // 2026-03-31T23:59:59Z and one second later.
        assert_eq!(at(1_775_001_599).to_string(), "2026-Q1");
        assert_eq!(at(1_775_001_600).to_string(), "2026-Q2");
        // 2024-02-29 (leap day) and 2024-12-31T12:00:00Z.
        assert_eq!(at(1_709_208_000).to_string(), "2024-Q1");
        assert_eq!(at(1_735_646_400).to_string(), "2024-Q4");
        // 2000-07-01T00:00:00Z: a century leap year.
        assert_eq!(at(962_409_600).to_string(), "2000-Q3");
    }

    #[test]
    fn a_clock_before_1970_gives_the_first_quarter_of_1970() {
        let before = UNIX_EPOCH - Duration::from_secs(86_400);
        assert_eq!(quarter_at(before).to_string(), "1970-Q1");
    }

    #[test]
    fn team_ids_are_checked() {
        for good in ["platform", "ml-infra", "team2", "2fa"] {
            assert!(validate_team(good).is_ok(), "{good}");
        }
        for bad in ["", "-x", "Platform", "ml_infra", "a b", "../x", "x/y"] {
            assert!(validate_team(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn team_titles_read_as_words() {
        assert_eq!(team_title("ml-platform"), "Ml platform");
        assert_eq!(team_title("security"), "Security");
    }
}
