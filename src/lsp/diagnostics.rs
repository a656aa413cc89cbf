//! Findings as LSP diagnostics, grouped by the file they are about.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use lsp_types::{CodeDescription, DiagnosticSeverity, NumberOrString, Range};
use url::Url;

use super::position::range;
use super::workspace::Analysis;
use crate::config::rule_page;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint;

/// What the `source` of every published diagnostic says.
pub const SOURCE: &str = "mdbook-okr";

/// Every finding of an analysis, by file. Findings with no place, files
/// that cannot be read and a book that cannot be loaded are reported at
/// the top of the file concerned (the book's `book.toml` when none is).
pub fn by_file(analysis: &Analysis) -> BTreeMap<PathBuf, Vec<lsp_types::Diagnostic>> {
    let mut out: BTreeMap<PathBuf, Vec<lsp_types::Diagnostic>> = BTreeMap::new();
    let guide = analysis.loaded.config.guide_url.as_ref();
    // One link per rule, not per finding: a large book has thousands.
    let mut links: HashMap<&str, Option<CodeDescription>> = HashMap::new();
    for diagnostic in &analysis.diagnostics {
        let (path, range) = place(analysis, diagnostic);
        let link = links
            .entry(diagnostic.rule)
            .or_insert_with(|| code_description(guide, diagnostic.rule))
            .clone();
        out.entry(path)
            .or_default()
            .push(to_lsp(diagnostic, range, link));
    }
    let top = Range::default();
    if let Some(root) = &analysis.loaded.root {
        for error in &analysis.loaded.read_errors {
            out.entry(crate::book::normalise(&root.join(&error.path)))
                .or_default()
                .push(problem(top, &error.message));
        }
    }
    if let Some(error) = &analysis.error {
        out.entry(analysis.book_toml())
            .or_default()
            .push(problem(top, error));
    }
    out
}

/// The file and range of a finding.
pub fn place(analysis: &Analysis, diagnostic: &Diagnostic) -> (PathBuf, Range) {
    match &diagnostic.location {
        Some(location) => {
            let text = &analysis.plan().file(location.file).text;
            (analysis.path(location.file), range(text, &location.span))
        }
        None => (analysis.book_toml(), Range::default()),
    }
}

/// The rule's page of the guide at `guide` (the book's `guide-url`), as
/// LSP's description of a diagnostic's code.
pub fn code_description(guide: Option<&Url>, rule: &str) -> Option<CodeDescription> {
    lint::rule(rule)?;
    let page = rule_page(guide?, rule)?;
    Some(CodeDescription {
        href: page.as_str().parse().ok()?,
    })
}

/// One finding with the message and help `check` prints, the rule's name
/// as its code, and the link to the rule's page.
pub fn to_lsp(
    diagnostic: &Diagnostic,
    range: Range,
    code_description: Option<CodeDescription>,
) -> lsp_types::Diagnostic {
    let message = if diagnostic.help.is_empty() {
        diagnostic.message.clone()
    } else {
        format!("{}\nhelp: {}", diagnostic.message, diagnostic.help)
    };
    lsp_types::Diagnostic {
        range,
        severity: Some(match diagnostic.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(diagnostic.rule.to_string())),
        code_description,
        source: Some(SOURCE.to_string()),
        message,
        ..lsp_types::Diagnostic::default()
    }
}

fn problem(range: Range, message: &str) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some(SOURCE.to_string()),
        message: message.to_string(),
        ..lsp_types::Diagnostic::default()
    }
}
