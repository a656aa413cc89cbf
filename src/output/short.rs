//! `file:line:col: severity[rule]: message`, one line per finding. A
//! finding about the whole book has no place and starts at its severity.

use crate::diagnostic::Diagnostic;
use crate::output::{Paths, position};
use crate::plan::Plan;

/// The line with the path relative to the book's root, as the
/// preprocessor reports inside a build (mdBook runs it in the book's root).
pub fn line(plan: &Plan, diagnostic: &Diagnostic) -> String {
    line_at(plan, &Paths::default(), diagnostic)
}

/// The line with the path as `paths` shows it: from where `check` runs,
/// so a terminal or an editor can open it.
pub fn line_at(plan: &Plan, paths: &Paths, diagnostic: &Diagnostic) -> String {
    let place = match position(plan, diagnostic) {
        Some(p) => format!("{}:{}:{}: ", paths.file(p.file), p.line, p.column),
        None => String::new(),
    };
    format!(
        "{place}{}[{}]: {}",
        diagnostic.severity,
        diagnostic.rule,
        one_line(&diagnostic.message)
    )
}

/// Messages may quote multi-line text; one finding must stay one line.
fn one_line(message: &str) -> String {
    message.replace("\r\n", " ").replace(['\n', '\r'], " ")
}

pub fn write(plan: &Plan, paths: &Paths, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        out.push_str(&line_at(plan, paths, diagnostic));
        out.push('\n');
    }
    out
}
