//! GitHub Actions workflow commands, one annotation per finding, and a
//! Markdown table for the job summary: GitHub shows only ten annotations of
//! each kind per step, the summary shows them all.

use crate::diagnostic::{Counts, Diagnostic, Severity};
use crate::output::{Paths, human, position};
use crate::plan::Plan;

/// `::error file=F,line=L,col=C,title=T::MSG` lines.
pub fn write(plan: &Plan, paths: &Paths, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        let command = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut properties = Vec::new();
        if let Some(p) = position(plan, diagnostic) {
            properties.push(format!("file={}", escape_property(&paths.file(p.file))));
            properties.push(format!("line={}", p.line));
            properties.push(format!("col={}", p.column));
        }
        properties.push(format!("title={}", escape_property(diagnostic.rule)));
        let message = format!("{}\nhelp: {}", diagnostic.message, diagnostic.help);
        out.push_str(&format!(
            "::{command} {}::{}\n",
            properties.join(","),
            escape_data(&message)
        ));
    }
    out
}

/// The Markdown appended to `$GITHUB_STEP_SUMMARY`.
pub fn step_summary(plan: &Plan, paths: &Paths, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::from("## mdbook-okr check\n\n");
    out.push_str(&human::summary(
        Counts::of(diagnostics),
        plan.objectives.len(),
    ));
    out.push_str("\n\n");
    if diagnostics.is_empty() {
        return out;
    }
    out.push_str("| Severity | Rule | Location | Message | Help |\n");
    out.push_str("|---|---|---|---|---|\n");
    for diagnostic in diagnostics {
        let place = match position(plan, diagnostic) {
            Some(p) => format!("{}:{}:{}", paths.file(p.file), p.line, p.column),
            None => String::new(),
        };
        out.push_str(&format!(
            "| {} | `{}` | {} | {} | {} |\n",
            diagnostic.severity,
            diagnostic.rule,
            table_cell(&place),
            table_cell(&diagnostic.message),
            table_cell(&diagnostic.help),
        ));
    }
    out.push('\n');
    out
}

/// A workflow command's message: `%`, CR and LF are escaped, in that
/// order, so an escape is never escaped twice.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value additionally escapes the characters that end it.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// A table cell stays one cell: pipes are escaped, line breaks become
/// `<br>`, and `<`/`&` are escaped so finding text is never read as HTML.
fn table_cell(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace(['\n', '\r'], "<br>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_first_and_line_breaks() {
        assert_eq!(escape_data("50%\r\n%0A"), "50%25%0D%0A%250A");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn table_cells_keep_pipes_and_lines_inside() {
        assert_eq!(table_cell("a|b\nc<d>"), "a\\|b<br>c&lt;d>");
    }
}
