//! SARIF 2.1.0, as GitHub code scanning reads it.
//!
//! Every rule of the catalogue is listed with its documentation, so code
//! scanning can show `explain` text next to an alert. Columns count Unicode
//! code points (`columnKind`), as [`crate::source::SourceFile::line_col`]
//! does, and end columns are exclusive.
//!
//! A file inside the folder `check` runs in (the repository, in CI) is
//! named relative to `%SRCROOT%`, which code scanning resolves against the
//! checkout; any other file gets an absolute `file://` URI of its own, since
//! a relative reference cannot reach outside its base.

use std::path::{Component, Path, PathBuf};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Value, json};
use url::Url;

use crate::config::{Level, rule_page};
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::{RULES, Rule};
use crate::output::{Paths, end_position, fingerprints, position};
use crate::plan::Plan;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// `guide` is the published user guide, whose rule pages become each
/// rule's `helpUri`.
pub fn write(
    plan: &Plan,
    paths: &Paths,
    diagnostics: &[Diagnostic],
    guide: Option<&Url>,
) -> String {
    let mut rules: Vec<Value> = RULES
        .iter()
        .map(|rule| rule_descriptor(*rule, guide))
        .collect();
    // Diagnostics normally come from catalogue rules; any other name still
    // gets a descriptor so every `ruleIndex` points somewhere.
    let mut extra: Vec<&str> = Vec::new();
    let fingerprints = fingerprints(plan, diagnostics);
    let results: Vec<Value> = diagnostics
        .iter()
        .zip(&fingerprints)
        .map(|(diagnostic, fingerprint)| {
            let index = match RULES.iter().position(|r| r.name() == diagnostic.rule) {
                Some(index) => index,
                None => match extra.iter().position(|&name| name == diagnostic.rule) {
                    Some(index) => RULES.len() + index,
                    None => {
                        extra.push(diagnostic.rule);
                        rules.push(json!({
                            "id": diagnostic.rule,
                            "shortDescription": { "text": diagnostic.rule },
                            "fullDescription": { "text": diagnostic.rule },
                            "help": { "text": diagnostic.rule, "markdown": diagnostic.rule },
                        }));
                        rules.len() - 1
                    }
                },
            };
            result(plan, paths, diagnostic, index, fingerprint)
        })
        .collect();
    let document = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "mdbook-okr",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_HOMEPAGE"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

fn rule_descriptor(rule: &dyn Rule, guide: Option<&Url>) -> Value {
    let mut configuration = json!({ "level": level(rule.default_level()) });
    if rule.default_level() == Level::Off {
        configuration["enabled"] = json!(false);
    }
    let docs = rule.docs();
    let mut descriptor = json!({
        "id": rule.name(),
        "shortDescription": { "text": rule.summary() },
        "fullDescription": { "text": what_it_does(docs).unwrap_or(rule.summary()) },
        "help": { "text": docs, "markdown": docs },
        "defaultConfiguration": configuration,
    });
    if let Some(page) = guide.and_then(|g| rule_page(g, rule.name())) {
        descriptor["helpUri"] = json!(page.as_str());
    }
    descriptor
}

/// The paragraph under `## What it does`, the rule's one-paragraph
/// description.
fn what_it_does(docs: &str) -> Option<&str> {
    let rest = docs.split_once("## What it does")?.1;
    let section = rest.split("\n## ").next()?;
    let paragraph = section.trim().split("\n\n").next()?.trim();
    (!paragraph.is_empty()).then_some(paragraph)
}

fn level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "note",
        Level::Off => "none",
    }
}

fn result(
    plan: &Plan,
    paths: &Paths,
    diagnostic: &Diagnostic,
    rule_index: usize,
    fingerprint: &str,
) -> Value {
    let level = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    let location = match (position(plan, diagnostic), end_position(plan, diagnostic)) {
        (Some(start), Some((end_line, end_column))) => {
            // An empty span still marks one column, for viewers that draw
            // nothing for an empty region.
            let end_column = if (end_line, end_column) == (start.line, start.column) {
                end_column + 1
            } else {
                end_column
            };
            Some(physical_location(
                paths,
                &paths.file(start.file),
                json!({
                    "startLine": start.line,
                    "startColumn": start.column,
                    "endLine": end_line,
                    "endColumn": end_column,
                }),
            ))
        }
        // Code scanning rejects results without a location, so a finding
        // about the whole book is placed on book.toml, where the
        // configuration it comes from lives.
        _ => paths
            .book_wide()
            .map(|file| physical_location(paths, file, json!({ "startLine": 1 }))),
    };
    let mut result = json!({
        "ruleId": diagnostic.rule,
        "ruleIndex": rule_index,
        "level": level,
        "message": { "text": format!("{}\nhelp: {}", diagnostic.message, diagnostic.help) },
        "locations": location.into_iter().collect::<Vec<_>>(),
        "partialFingerprints": { "mdbookOkrFinding/v1": fingerprint },
    });
    let mut properties = serde_json::Map::new();
    if let Some(objective) = &diagnostic.objective {
        properties.insert("objective".into(), json!(objective));
    }
    if let Some(kr) = &diagnostic.kr {
        properties.insert("kr".into(), json!(kr));
    }
    if !properties.is_empty() {
        result["properties"] = Value::Object(properties);
    }
    result
}

fn physical_location(paths: &Paths, path: &str, region: Value) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": artifact_location(path, paths.working_folder()),
            "region": region,
        }
    })
}

/// `%SRCROOT%` and a relative URI for a file inside the working folder,
/// otherwise an absolute `file://` URI with no base.
fn artifact_location(path: &str, working_folder: Option<&Path>) -> Value {
    let path = Path::new(path);
    let absolute = match working_folder {
        Some(folder) => lexically_normal(&folder.join(path)),
        None if path.is_absolute() => lexically_normal(path),
        // Without a working folder a relative path is all there is.
        None => return json!({ "uri": relative_uri(path), "uriBaseId": "%SRCROOT%" }),
    };
    if let Some(inside) = working_folder.and_then(|folder| absolute.strip_prefix(folder).ok()) {
        return json!({ "uri": relative_uri(inside), "uriBaseId": "%SRCROOT%" });
    }
    match Url::from_file_path(&absolute) {
        Ok(url) => json!({ "uri": url.as_str() }),
        Err(()) => json!({ "uri": relative_uri(path), "uriBaseId": "%SRCROOT%" }),
    }
}

/// A path with `.` and `..` resolved by name, without asking the file
/// system (the file may be a symlink, or gone).
fn lexically_normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Every byte outside RFC 3986's unreserved set is encoded in a segment, so
/// spaces, `#`, `?`, `%` and a `:` (which would read as a scheme) cannot
/// change what the URI means.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A relative path as a URI reference, one encoded segment per component.
fn relative_uri(path: &Path) -> String {
    let segments: Vec<String> = path
        .components()
        .filter_map(|component| match component {
            Component::Normal(name) => Some(name.to_string_lossy()),
            Component::ParentDir => Some("..".into()),
            _ => None,
        })
        .map(|name| utf8_percent_encode(&name, SEGMENT).to_string())
        .collect();
    segments.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_percent_encode_everything_but_unreserved_characters() {
        let uri = |path: &str| relative_uri(Path::new(path));
        assert_eq!(
            uri("src/2026 Q2/a#b?c%d.md"),
            "src/2026%20Q2/a%23b%3Fc%25d.md"
        );
        assert_eq!(uri("src/équipe.md"), "src/%C3%A9quipe.md");
        assert_eq!(uri("./a:b.md"), "a%3Ab.md");
    }

    #[cfg(unix)]
    #[test]
    fn files_inside_the_working_folder_are_relative_to_srcroot() {
        let repo = Some(Path::new("/repo"));
        let relative = json!({ "uri": "docs/src/a.md", "uriBaseId": "%SRCROOT%" });
        assert_eq!(artifact_location("docs/src/a.md", repo), relative);
        assert_eq!(artifact_location("/repo/docs/src/a.md", repo), relative);
        assert_eq!(artifact_location("./docs/../docs/src/a.md", repo), relative);
    }

    #[cfg(unix)]
    #[test]
    fn files_elsewhere_get_an_absolute_file_uri_without_a_base() {
        let repo = Some(Path::new("/repo"));
        assert_eq!(
            artifact_location("/srv/plans 2026/src/équipe.md", repo),
            json!({ "uri": "file:///srv/plans%202026/src/%C3%A9quipe.md" })
        );
        assert_eq!(
            artifact_location("../plans/src/a.md", repo),
            json!({ "uri": "file:///plans/src/a.md" })
        );
        assert_eq!(
            artifact_location("/srv/a.md", None),
            json!({ "uri": "file:///srv/a.md" })
        );
    }

    #[test]
    fn rules_link_to_their_page_in_the_guide() {
        let guide = Url::parse("https://okr.example.com/guide/").unwrap();
        let rule = RULES[0];
        assert_eq!(
            rule_descriptor(rule, Some(&guide))["helpUri"],
            format!("https://okr.example.com/guide/rules/{}.html", rule.name())
        );
        assert!(rule_descriptor(rule, None).get("helpUri").is_none());
    }

    #[test]
    fn full_description_is_the_first_paragraph_of_what_it_does() {
        let docs = "## What it does\n\nReports a thing\nover two lines.\n\nMore.\n\n## Why is this bad?\n\nBecause.\n";
        assert_eq!(what_it_does(docs), Some("Reports a thing\nover two lines."));
        assert_eq!(what_it_does("PLACEHOLDER"), None);
    }
}
