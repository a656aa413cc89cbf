//! `file:line:col: severity[rule]: message`, one line per finding.

use crate::diagnostic::Diagnostic;
use crate::output::position;
use crate::plan::Plan;

pub fn line(plan: &Plan, diagnostic: &Diagnostic) -> String {
    let place = match position(plan, diagnostic) {
        Some(p) => format!("{}:{}:{}", p.file, p.line, p.column),
        None => "book".to_string(),
    };
    format!(
        "{place}: {}[{}]: {}",
        diagnostic.severity, diagnostic.rule, diagnostic.message
    )
}

pub fn write(plan: &Plan, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        out.push_str(&line(plan, diagnostic));
        out.push('\n');
    }
    out
}
