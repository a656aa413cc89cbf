//! `mdbook-okr install`: puts the card stylesheet into a book.
//!
//! It writes `okr.css` next to `book.toml`, lists it in
//! `output.html.additional-css` and adds `[preprocessor.okr]` when the book
//! has none. `book.toml` is edited with `toml_edit`, so its comments, order
//! and formatting stay as they were, and running the command twice changes
//! nothing the second time.
//!
//! The stylesheet's first line is a stamp naming the version that wrote it;
//! the preprocessor reads it back ([`stale_stylesheet_warning`]) to say
//! when the binary has been upgraded but the book's copy has not.

use std::path::Path;

use anyhow::{Context as _, Result, bail};
use toml_edit::{Array, DocumentMut, Item, Table, Value};

/// The stylesheet as shipped, without its stamp.
pub const STYLESHEET: &str = include_str!("../../theme/okr.css");

/// The file name written next to `book.toml`.
pub const STYLESHEET_FILE: &str = "okr.css";

const STAMP_PREFIX: &str = "/* mdbook-okr stylesheet v";

/// The stylesheet exactly as `install` writes it: stamp line first.
pub fn stamped_stylesheet() -> String {
    format!(
        "{STAMP_PREFIX}{}: written by `mdbook-okr install`, which overwrites it; \
         keep your own rules in another file */\n{STYLESHEET}",
        env!("CARGO_PKG_VERSION")
    )
}

/// What `install` changed, for the command to report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Installed {
    /// `okr.css` was written (it was missing or differed).
    pub stylesheet_written: bool,
    /// `okr.css` was added to `output.html.additional-css`.
    pub css_listed: bool,
    /// `[preprocessor.okr]` was added.
    pub preprocessor_added: bool,
}

impl Installed {
    pub fn changed_anything(&self) -> bool {
        self.stylesheet_written || self.css_listed || self.preprocessor_added
    }
}

/// Installs the stylesheet and configuration into the book at `book_root`
/// (the folder holding `book.toml`).
pub fn install(book_root: &Path) -> Result<Installed> {
    let toml_path = book_root.join("book.toml");
    let original = std::fs::read_to_string(&toml_path)
        .with_context(|| format!("cannot read {}", toml_path.display()))?;
    let mut document: DocumentMut = original
        .parse()
        .with_context(|| format!("{} is not valid TOML", toml_path.display()))?;

    let mut installed = Installed {
        css_listed: list_stylesheet(&mut document)?,
        preprocessor_added: add_preprocessor(&mut document)?,
        ..Installed::default()
    };

    let css_path = book_root.join(STYLESHEET_FILE);
    let stylesheet = stamped_stylesheet();
    if std::fs::read_to_string(&css_path).ok().as_deref() != Some(stylesheet.as_str()) {
        std::fs::write(&css_path, &stylesheet)
            .with_context(|| format!("cannot write {}", css_path.display()))?;
        installed.stylesheet_written = true;
    }

    let edited = document.to_string();
    if edited != original {
        std::fs::write(&toml_path, edited)
            .with_context(|| format!("cannot write {}", toml_path.display()))?;
    }
    Ok(installed)
}

/// Adds `okr.css` to `output.html.additional-css`; false when it was there.
fn list_stylesheet(document: &mut DocumentMut) -> Result<bool> {
    let html = sub_table(document.as_table_mut(), &["output", "html"])?;
    let entry = html
        .entry("additional-css")
        .or_insert_with(|| Item::Value(Value::Array(Array::new())));
    let Some(list) = entry.as_array_mut() else {
        bail!(
            "`output.html.additional-css` in book.toml is not an array; make it one, such as `additional-css = [\"okr.css\"]`"
        );
    };
    let listed = list
        .iter()
        .any(|value| value.as_str().is_some_and(names_stylesheet));
    if listed {
        return Ok(false);
    }
    list.push(STYLESHEET_FILE);
    Ok(true)
}

/// True for an `additional-css` entry that is the installed stylesheet:
/// `okr.css` or `./okr.css`.
fn names_stylesheet(entry: &str) -> bool {
    entry.trim_start_matches("./") == STYLESHEET_FILE
}

/// Adds `[preprocessor.okr]` (run after `links`, so blocks pulled in by
/// `{{#include}}` are seen); false when the book already has it.
fn add_preprocessor(document: &mut DocumentMut) -> Result<bool> {
    let preprocessors = sub_table(document.as_table_mut(), &["preprocessor"])?;
    if preprocessors.contains_key(crate::config::PREPROCESSOR_NAME) {
        return Ok(false);
    }
    let mut okr = Table::new();
    let mut after = Array::new();
    after.push("links");
    okr.insert("after", Item::Value(Value::Array(after)));
    preprocessors.insert(crate::config::PREPROCESSOR_NAME, Item::Table(okr));
    Ok(true)
}

/// The table at `path`, created (as an implicit header-less parent, so no
/// empty `[output]` line appears) when missing.
fn sub_table<'a>(mut table: &'a mut Table, path: &[&str]) -> Result<&'a mut Table> {
    for (depth, key) in path.iter().enumerate() {
        let item = table.entry(key).or_insert_with(|| {
            let mut new = Table::new();
            new.set_implicit(true);
            Item::Table(new)
        });
        if let Some(inline) = item.as_inline_table().cloned() {
            *item = Item::Table(inline.into_table());
        }
        let Some(next) = item.as_table_mut() else {
            bail!("`{}` in book.toml is not a table", path[..=depth].join("."));
        };
        table = next;
    }
    Ok(table)
}

/// A warning for when the book's `okr.css` was written by an older
/// mdbook-okr than the one running, or is listed in book.toml but
/// missing, or when book.toml lists the okr preprocessor but never got the
/// stylesheet (`install` was not run): the cards would show unstyled.
/// `None` when all is well, when the book does not list the preprocessor
/// (a build that registers it anyway), or when it keeps its own unstamped
/// copy.
pub fn stale_stylesheet_warning(book_root: &Path) -> Option<String> {
    let toml_text = std::fs::read_to_string(book_root.join("book.toml")).ok()?;
    let document: DocumentMut = toml_text.parse().ok()?;
    let listed = document
        .get("output")
        .and_then(|o| o.get("html"))
        .and_then(|h| h.get("additional-css"))
        .and_then(Item::as_array)
        .is_some_and(|list| {
            list.iter()
                .any(|v| v.as_str().is_some_and(names_stylesheet))
        });
    let install = install_command(book_root);
    if !listed {
        let uses_preprocessor = document
            .get("preprocessor")
            .and_then(|p| p.get(crate::config::PREPROCESSOR_NAME))
            .is_some();
        return uses_preprocessor.then(|| {
            format!(
                "book.toml does not list {STYLESHEET_FILE}, so the OKR cards have no styles; \
                 run `{install}` to add it"
            )
        });
    }
    let css_path = book_root.join(STYLESHEET_FILE);
    let Ok(css) = std::fs::read_to_string(&css_path) else {
        return Some(format!(
            "book.toml lists {STYLESHEET_FILE} but {} is missing; run `{install}` to write it",
            css_path.display()
        ));
    };
    let stamp = css.lines().next()?.strip_prefix(STAMP_PREFIX)?;
    let version_text = stamp
        .split(|c: char| c == ':' || c.is_whitespace())
        .next()?;
    let ours = semver::Version::parse(env!("CARGO_PKG_VERSION")).ok()?;
    let Ok(installed) = semver::Version::parse(version_text) else {
        return Some(format!(
            "{} has an unreadable version stamp; run `{install}` to refresh it",
            css_path.display()
        ));
    };
    (installed < ours).then(|| {
        format!(
            "{} was written by mdbook-okr {installed}, older than this mdbook-okr {ours}; \
             run `{install}` to update the card styles",
            css_path.display()
        )
    })
}

/// `mdbook-okr install BOOK`, with the book's folder as the user would
/// type it from where the command runs.
fn install_command(book_root: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let shown = cwd
        .as_deref()
        .and_then(|cwd| book_root.strip_prefix(cwd).ok())
        .unwrap_or(book_root);
    let shown = shown.display().to_string();
    format!(
        "mdbook-okr install {}",
        if shown.is_empty() { "." } else { &shown }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOK_TOML: &str = r#"# The team plans
[book]
title = "Plans" # shown in the sidebar
authors = ["Platform"]

# Keep the output tidy.
[output.html]
default-theme = "light"   # the readers' favourite
additional-css = ["custom.css"]
"#;

    fn book(toml: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("book.toml"), toml).unwrap();
        dir
    }

    fn read(dir: &tempfile::TempDir, name: &str) -> String {
        std::fs::read_to_string(dir.path().join(name)).unwrap()
    }

    #[test]
    fn install_keeps_comments_and_adds_what_is_missing() {
        let dir = book(BOOK_TOML);
        let installed = install(dir.path()).unwrap();
        assert_eq!(
            installed,
            Installed {
                stylesheet_written: true,
                css_listed: true,
                preprocessor_added: true
            }
        );
        let toml = read(&dir, "book.toml");
        for kept in [
            "# The team plans",
            "title = \"Plans\" # shown in the sidebar",
            "# Keep the output tidy.",
            "default-theme = \"light\"   # the readers' favourite",
        ] {
            assert!(toml.contains(kept), "lost `{kept}` in:\n{toml}");
        }
        assert!(
            toml.contains(r#"additional-css = ["custom.css", "okr.css"]"#),
            "{toml}"
        );
        assert!(
            toml.contains("[preprocessor.okr]\nafter = [\"links\"]"),
            "{toml}"
        );
        assert!(!toml.contains("[preprocessor]\n"), "{toml}");
        assert_eq!(read(&dir, "okr.css"), stamped_stylesheet());
    }

    #[test]
    fn install_twice_changes_nothing_the_second_time() {
        let dir = book(BOOK_TOML);
        install(dir.path()).unwrap();
        let toml = read(&dir, "book.toml");
        let again = install(dir.path()).unwrap();
        assert!(!again.changed_anything(), "{again:?}");
        assert_eq!(read(&dir, "book.toml"), toml);
    }

    #[test]
    fn install_into_a_minimal_book_creates_the_tables() {
        let dir = book("[book]\ntitle = \"x\"\n");
        install(dir.path()).unwrap();
        let toml = read(&dir, "book.toml");
        assert!(
            toml.contains("[output.html]\nadditional-css = [\"okr.css\"]"),
            "{toml}"
        );
        assert!(!toml.contains("[output]\n"), "{toml}");
        let config: toml::Table = toml.parse().unwrap();
        assert!(config["preprocessor"]["okr"].is_table());
    }

    #[test]
    fn an_existing_preprocessor_table_is_left_alone() {
        let dir =
            book("[preprocessor.okr]\nfail-on = \"error\" # CI\n[output.html.additional-css]\n");
        // `additional-css` as a table is a mistake the command names.
        let error = install(dir.path()).unwrap_err().to_string();
        assert!(error.contains("additional-css"), "{error}");

        let dir = book("[preprocessor.okr]\nfail-on = \"error\" # CI\n");
        let installed = install(dir.path()).unwrap();
        assert!(!installed.preprocessor_added);
        assert!(
            read(&dir, "book.toml").starts_with("[preprocessor.okr]\nfail-on = \"error\" # CI\n")
        );
    }

    #[test]
    fn the_stamp_names_this_version_and_the_warning_reads_it() {
        let stamped = stamped_stylesheet();
        let first = stamped.lines().next().unwrap();
        assert!(first.starts_with("/* mdbook-okr stylesheet v"), "{first}");
        assert!(first.contains(env!("CARGO_PKG_VERSION")), "{first}");
        assert!(first.ends_with("*/"), "{first}");

        let dir = book(BOOK_TOML);
        // Not installed: the book does not use okr.css, nothing to say.
        assert_eq!(stale_stylesheet_warning(dir.path()), None);
        install(dir.path()).unwrap();
        assert_eq!(stale_stylesheet_warning(dir.path()), None);

        let old = stamped.replacen(env!("CARGO_PKG_VERSION"), "0.0.1", 1);
        std::fs::write(dir.path().join("okr.css"), old).unwrap();
        let warning = stale_stylesheet_warning(dir.path()).unwrap();
        assert!(
            warning.contains("0.0.1") && warning.contains("mdbook-okr install"),
            "{warning}"
        );

        std::fs::remove_file(dir.path().join("okr.css")).unwrap();
        let warning = stale_stylesheet_warning(dir.path()).unwrap();
        assert!(warning.contains("missing"), "{warning}");

        // A user's own unstamped copy is theirs to keep.
        std::fs::write(dir.path().join("okr.css"), ".okr-card {}\n").unwrap();
        assert_eq!(stale_stylesheet_warning(dir.path()), None);
    }

    #[test]
    fn a_book_listing_the_preprocessor_without_the_stylesheet_is_told_how_to_add_it() {
        let dir = book("[book]\ntitle = \"x\"\n[preprocessor.okr]\n");
        let hint = stale_stylesheet_warning(dir.path()).expect("a hint");
        let command = format!("mdbook-okr install {}", dir.path().display());
        assert!(
            hint.contains("okr.css") && hint.contains(&command),
            "{hint}"
        );
        install(dir.path()).unwrap();
        assert_eq!(stale_stylesheet_warning(dir.path()), None);
    }

    #[test]
    fn the_shipped_stylesheet_ends_with_the_index_section() {
        assert!(STYLESHEET.contains("\n/* ---- index ---- */"));
    }
}
