//! `file:line:col: severity[rule]: message`, one line per finding. A
//! finding about the whole book has no place and starts at its severity.

use crate::diagnostic::Diagnostic;
use crate::output::position;
use crate::plan::Plan;

pub fn line(plan: &Plan, diagnostic: &Diagnostic) -> String {
    let place = match position(plan, diagnostic) {
        Some(p) => format!("{}:{}:{}: ", p.file, p.line, p.column),
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

pub fn write(plan: &Plan, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        out.push_str(&line(plan, diagnostic));
        out.push('\n');
    }
    out
}
