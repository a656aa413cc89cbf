//! The formats `mdbook-okr check` writes, all from the same diagnostics.

pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod sarif;
pub mod short;

use std::path::{Component, Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::plan::Plan;

/// File paths as a user or a CI service opens them. Diagnostics name files
/// relative to the book's root, but terminals, editors, GitHub and GitLab
/// resolve paths from the folder the command runs in, so the formats put
/// the book's folder in front: `mdbook-okr check docs` reports
/// `docs/src/a.md`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paths {
    /// Empty, or the book's folder with a trailing `/`.
    prefix: String,
    /// Where findings about the whole book are placed, when there is a book:
    /// its `book.toml`, which holds the configuration they come from.
    book_toml: Option<String>,
    /// The folder `check` runs in, against which SARIF resolves paths that
    /// lie outside it.
    working_folder: Option<PathBuf>,
}

impl Paths {
    /// `root` is the book's folder as given (None for loose files); `cwd`
    /// lets an absolute root be shown relative to the working folder.
    pub fn new(root: Option<&Path>, cwd: Option<&Path>) -> Paths {
        let working_folder = cwd.map(Path::to_path_buf);
        let Some(root) = root else {
            return Paths {
                working_folder,
                ..Paths::default()
            };
        };
        let root = cwd
            .and_then(|cwd| root.strip_prefix(cwd).ok())
            .unwrap_or(root);
        let mut prefix = String::new();
        for component in root.components() {
            match component {
                Component::CurDir => {}
                Component::RootDir => prefix.push('/'),
                other => {
                    prefix.push_str(&other.as_os_str().to_string_lossy());
                    prefix.push('/');
                }
            }
        }
        Paths {
            book_toml: Some(format!("{prefix}book.toml")),
            prefix,
            working_folder,
        }
    }

    /// A plan file's path for CI.
    pub fn file(&self, display_path: &str) -> String {
        format!("{}{display_path}", self.prefix)
    }

    /// The folder `check` runs in, when it is known.
    pub fn working_folder(&self) -> Option<&Path> {
        self.working_folder.as_deref()
    }

    /// The place CI formats give a finding about the whole book, which CI
    /// services want placed somewhere.
    pub fn book_wide(&self) -> Option<&str> {
        self.book_toml.as_deref()
    }
}

/// A diagnostic's file, line and column, when it has a place.
pub struct Position<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
}

pub fn position<'a>(plan: &'a Plan, diagnostic: &Diagnostic) -> Option<Position<'a>> {
    let location = diagnostic.location.as_ref()?;
    let file = plan.file(location.file);
    let (line, column) = file.line_col(location.span.start);
    Some(Position {
        file: &file.display_path,
        line,
        column,
    })
}

/// Where a diagnostic's span ends: line and column just after its last
/// character, as SARIF's exclusive `endColumn` wants.
pub fn end_position(plan: &Plan, diagnostic: &Diagnostic) -> Option<(usize, usize)> {
    let location = diagnostic.location.as_ref()?;
    Some(plan.file(location.file).line_col(location.span.end))
}

/// Fingerprints that survive lines moving: each hashes what the finding is
/// about (rule, file, objective and KR ids, message), never its line. Two
/// findings with the same key get an occurrence number mixed in, so every
/// fingerprint of one run is distinct and still stable between runs.
pub fn fingerprints(plan: &Plan, diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut seen: std::collections::HashMap<u64, u64> = std::collections::HashMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let file = d
                .location
                .as_ref()
                .map_or("", |l| plan.file(l.file).display_path.as_str());
            let key = stable_hash(&[
                d.rule,
                file,
                d.objective.as_deref().unwrap_or(""),
                d.kr.as_deref().unwrap_or(""),
                &without_line_numbers(&d.message),
            ]);
            let occurrence = seen.entry(key).or_insert(0);
            *occurrence += 1;
            let with_occurrence = stable_hash(&[&format!("{key:016x}"), &occurrence.to_string()]);
            format!("{key:016x}{with_occurrence:016x}")
        })
        .collect()
}

/// A message with `:<digits>` removed: messages may point at another
/// place (`already used by the objective at src/a.md:7`), and that line
/// moves as freely as the finding's own.
fn without_line_numbers(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == ':' {
            while chars.next_if(char::is_ascii_digit).is_some() {}
        }
    }
    out
}

/// 64-bit FNV-1a over the parts, each followed by a 0xff byte (which never
/// occurs in UTF-8) so `["ab", "c"]` and `["a", "bc"]` differ. Written out
/// rather than taken from `std::hash` because std's hashers may change
/// between Rust releases, and fingerprints must not.
fn stable_hash(parts: &[&str]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for part in parts {
        for &byte in part.as_bytes().iter().chain(&[0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ci_paths_put_the_book_folder_first() {
        let paths = Paths::new(Some(Path::new("./docs/book")), None);
        assert_eq!(paths.file("src/a.md"), "docs/book/src/a.md");
        assert_eq!(paths.book_wide(), Some("docs/book/book.toml"));
        let here = Paths::new(Some(Path::new(".")), None);
        assert_eq!(here.file("src/a.md"), "src/a.md");
        let absolute = Paths::new(Some(Path::new("/repo/docs")), Some(Path::new("/repo")));
        assert_eq!(absolute.file("src/a.md"), "docs/src/a.md");
        let loose = Paths::new(None, None);
        assert_eq!(loose.file("notes/a.md"), "notes/a.md");
        assert_eq!(loose.book_wide(), None);
    }

    #[test]
    fn line_references_do_not_reach_the_fingerprint() {
        assert_eq!(
            without_line_numbers("used at src/a.md:17:3, from 40 to 10: 5"),
            "used at src/a.md::, from 40 to 10: 5"
        );
    }

    #[test]
    fn stable_hash_is_fnv1a_and_separates_parts() {
        // Pinned values: a change here would change every fingerprint.
        assert_eq!(stable_hash(&[]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(stable_hash(&["a"]), 0x089b_c907_b544_c769);
        assert_ne!(stable_hash(&["ab", "c"]), stable_hash(&["a", "bc"]));
        assert_eq!(stable_hash(&["a"]), stable_hash(&["a"]));
    }
}
