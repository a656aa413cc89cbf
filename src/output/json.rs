//! The JSON document of the spec (`version: 1`).

use serde::Serialize;

use crate::diagnostic::{Counts, Diagnostic, Severity};
use crate::output::{Paths, position};
use crate::plan::Plan;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: Vec<Entry<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Entry<'a> {
    rule: &'a str,
    severity: Severity,
    /// Relative to the book's root, as the spec defines it.
    file: Option<&'a str>,
    /// The same file from where the command runs, for opening it.
    path: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    objective: Option<&'a str>,
    kr: Option<&'a str>,
    message: &'a str,
    help: &'a str,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    infos: usize,
    objectives: usize,
    key_results: usize,
}

/// The document; `paths` gives each entry's `path` beside the spec's
/// book-relative `file`.
pub fn write(plan: &Plan, paths: &Paths, diagnostics: &[Diagnostic]) -> String {
    let counts = Counts::of(diagnostics);
    let document = Document {
        version: 1,
        diagnostics: diagnostics
            .iter()
            .map(|d| {
                let position = position(plan, d);
                Entry {
                    rule: d.rule,
                    severity: d.severity,
                    file: position.as_ref().map(|p| p.file),
                    path: position.as_ref().map(|p| paths.file(p.file)),
                    line: position.as_ref().map(|p| p.line),
                    column: position.as_ref().map(|p| p.column),
                    objective: d.objective.as_deref(),
                    kr: d.kr.as_deref(),
                    message: &d.message,
                    help: &d.help,
                }
            })
            .collect(),
        summary: Summary {
            errors: counts.errors,
            warnings: counts.warnings,
            infos: counts.infos,
            objectives: plan.objectives.len(),
            key_results: plan.objectives.iter().map(|o| o.krs.len()).sum(),
        },
    };
    let mut text = serde_json::to_string_pretty(&document).expect("the document serialises");
    text.push('\n');
    text
}
