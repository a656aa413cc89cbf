//! SARIF 2.1.0, as GitHub code scanning reads it.
//!
//! Every rule of the catalogue is listed with its documentation, so code
//! scanning can show `explain` text next to an alert. Columns count Unicode
//! code points (`columnKind`), as [`crate::source::SourceFile::line_col`]
//! does, and end columns are exclusive.

use serde_json::{Value, json};

use crate::config::Level;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::{RULES, Rule};
use crate::output::{Paths, end_position, fingerprints, position};
use crate::plan::Plan;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn write(plan: &Plan, paths: &Paths, diagnostics: &[Diagnostic]) -> String {
    let mut rules: Vec<Value> = RULES.iter().map(|rule| rule_descriptor(*rule)).collect();
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

fn rule_descriptor(rule: &dyn Rule) -> Value {
    let mut configuration = json!({ "level": level(rule.default_level()) });
    if rule.default_level() == Level::Off {
        configuration["enabled"] = json!(false);
    }
    let docs = rule.docs();
    json!({
        "id": rule.name(),
        "shortDescription": { "text": rule.summary() },
        "fullDescription": { "text": what_it_does(docs).unwrap_or(rule.summary()) },
        "help": { "text": docs, "markdown": docs },
        "defaultConfiguration": configuration,
    })
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
            .map(|file| physical_location(file, json!({ "startLine": 1 }))),
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

fn physical_location(path: &str, region: Value) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(path), "uriBaseId": "%SRCROOT%" },
            "region": region,
        }
    })
}

/// A relative path as a URI reference: every byte outside RFC 3986's
/// unreserved set (and `/`) is percent-encoded, so spaces, `#`, `?` and `%`
/// in file names cannot change what the URI means.
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_percent_encode_everything_but_unreserved_characters() {
        assert_eq!(
            uri("src/2026 Q2/a#b?c%d.md"),
            "src/2026%20Q2/a%23b%3Fc%25d.md"
        );
        assert_eq!(uri("src/équipe.md"), "src/%C3%A9quipe.md");
    }

    #[test]
    fn full_description_is_the_first_paragraph_of_what_it_does() {
        let docs = "## What it does\n\nReports a thing\nover two lines.\n\nMore.\n\n## Why is this bad?\n\nBecause.\n";
        assert_eq!(what_it_does(docs), Some("Reports a thing\nover two lines."));
        assert_eq!(what_it_does("PLACEHOLDER"), None);
    }
}
