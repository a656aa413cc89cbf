//! The one link builder: every link between chapters that a card, a
//! context header or the index writes, for either output format.

use std::path::{Component, Path, PathBuf};

use crate::model::FileId;
use crate::plan::Plan;
use crate::render::Format;

/// A link from the chapter of `from` to `anchor` in the chapter of `to`:
/// `#anchor` within one chapter, otherwise [`relative_link`] plus the
/// fragment. An empty `anchor` links to the page itself (`#` within one
/// chapter). `None` when `to` is not a chapter. The result is not escaped.
pub fn chapter_link(
    plan: &Plan,
    from: FileId,
    to: FileId,
    anchor: &str,
    format: Format,
) -> Option<String> {
    let target = plan.file(to).chapter_path.as_deref()?;
    let source = plan.file(from).chapter_path.as_deref();
    let fragment = if anchor.is_empty() {
        String::new()
    } else {
        format!("#{anchor}")
    };
    if from == to || source == Some(target) {
        return Some(if fragment.is_empty() {
            "#".to_string()
        } else {
            fragment
        });
    }
    Some(relative_link(source.unwrap_or(Path::new("")), target, format) + &fragment)
}

/// The link from chapter `from` to chapter `to` (both relative to `src`),
/// always written with `/`. HTML links go to the page mdBook writes:
/// `.html`, with `README.md` becoming `index.html` as mdBook does.
/// Markdown links keep the source file.
pub fn relative_link(from: &Path, to: &Path, format: Format) -> String {
    let parts = |path: &Path| -> Vec<String> {
        path.components()
            .filter_map(|c| match c {
                Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
                Component::ParentDir => Some("..".to_string()),
                _ => None,
            })
            .collect()
    };
    let mut target = PathBuf::from(to);
    if format == Format::Html {
        if target
            .file_name()
            .is_some_and(|n| n.eq_ignore_ascii_case("README.md"))
        {
            target.set_file_name("index.html");
        } else {
            target.set_extension("html");
        }
    }
    let from_dir = from.parent().map(parts).unwrap_or_default();
    let to_parts = parts(&target);
    let shared = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len().saturating_sub(1));
    let mut path: Vec<&str> = vec![".."; from_dir.len() - shared];
    path.extend(to_parts[shared..].iter().map(String::as_str));
    path.join("/")
}

/// The chapter that explains rule `name`, when the book has one at
/// `rules/<name>.md`.
pub fn rule_chapter(plan: &Plan, name: &str) -> Option<FileId> {
    let wanted: PathBuf = ["rules", &format!("{name}.md")].iter().collect();
    plan.file_of_chapter(&wanted)
}

/// True when a link to `url` may be emitted as a live link: a relative
/// URL, or one with a scheme known to be harmless. `javascript:`, `data:`,
/// `vbscript:` and every other scheme are refused.
pub fn is_safe_url(url: &str) -> bool {
    // Browsers drop leading controls and spaces, and tabs and line breaks
    // anywhere, before they read the scheme: `java\tscript:` runs script.
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some((scheme, _)) = cleaned.split_once(':') else {
        return true;
    };
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        // A colon after a `/`, `?` or `#` is part of a relative URL.
        return true;
    }
    ["http", "https", "mailto", "tel", "ftp", "ftps"]
        .iter()
        .any(|safe| scheme.eq_ignore_ascii_case(safe))
}

/// The text as a web address when it is nothing but one (a postmortem is
/// "a link or a sentence").
pub fn bare_web_address(text: &str) -> Option<&str> {
    let trimmed = text.trim();
    let is_address = (trimmed.starts_with("https://") || trimmed.starts_with("http://"))
        && !trimmed.contains(char::is_whitespace);
    is_address.then_some(trimmed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_only_what_differs() {
        let cases = [
            ("a.md", "b.md", "b.html"),
            ("x/a.md", "b.md", "../b.html"),
            ("a.md", "x/y/b.md", "x/y/b.html"),
            ("x/y/a.md", "x/z/b.md", "../z/b.html"),
            ("x/a.md", "x/b.md", "b.html"),
            ("x/a.md", "x.md", "../x.html"),
            ("i.md", "README.md", "index.html"),
            ("a/i.md", "a/README.md", "index.html"),
            ("a/i.md", "b/readme.md", "../b/index.html"),
        ];
        for (from, to, expected) in cases {
            assert_eq!(
                relative_link(Path::new(from), Path::new(to), Format::Html),
                expected,
                "{from} -> {to}"
            );
        }
        assert_eq!(
            relative_link(
                Path::new("x/a.md"),
                Path::new("README.md"),
                Format::Markdown
            ),
            "../README.md"
        );
    }

    #[test]
    fn unsafe_schemes_are_refused() {
        for url in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "\u{1}javascript:x",
            "data:text/html,<b>",
            "VBScript:msgbox",
            "file:///etc/passwd",
        ] {
            assert!(!is_safe_url(url), "{url:?} passed");
        }
        for url in [
            "https://example.com",
            "http://example.com",
            "mailto:a@example.com",
            "../a.html#b",
            "#anchor",
            "a/b:c",
            "?q=a:b",
        ] {
            assert!(is_safe_url(url), "{url:?} refused");
        }
    }
}
