//! rustc-style output drawn by `annotate-snippets`: a header, the place, the
//! source lines with the span underlined, a help line, then a summary.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::diagnostic::{Counts, Diagnostic, Severity};
use crate::output::Paths;
use crate::plan::Plan;

/// Renders every diagnostic and the summary line, with paths as `paths`
/// shows them (from where the command runs, so they can be opened).
/// `colour` adds ANSI styles; the caller decides (only when stdout is a
/// terminal).
pub fn write(plan: &Plan, paths: &Paths, diagnostics: &[Diagnostic], colour: bool) -> String {
    let renderer = if colour {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for diagnostic in diagnostics {
        out.push_str(&renderer.render(&[group(plan, paths, diagnostic)]));
        out.push_str("\n\n");
    }
    out.push_str(&summary(Counts::of(diagnostics), plan.objectives.len()));
    out.push('\n');
    out
}

fn group<'a>(plan: &'a Plan, paths: &Paths, diagnostic: &'a Diagnostic) -> Group<'a> {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let title = level
        .primary_title(diagnostic.message.as_str())
        .id(diagnostic.rule);
    let help = Level::HELP.message(diagnostic.help.as_ref());
    let Some(location) = diagnostic.location.as_ref() else {
        return title.element(help);
    };
    // Only the lines the span touches go to the renderer, with their line
    // numbers, so a long chapter is not re-split for every finding.
    let file = plan.file(location.file);
    let (first_line, _) = file.line_col(location.span.start);
    let (last_line, _) = file.line_col(location.span.end);
    let start = file.line_span(first_line).start;
    let end = file.line_span(last_line).end;
    let span_start = location.span.start.clamp(start, end) - start;
    let span_end = location.span.end.clamp(start, end) - start;
    let snippet = Snippet::source(&file.text[start..end])
        .line_start(first_line)
        .path(paths.file(&file.display_path))
        .annotation(AnnotationKind::Primary.span(span_start..span_end.max(span_start)));
    title.element(snippet).element(help)
}

/// "2 errors, 1 warning, 0 infos in 3 objectives"
pub fn summary(counts: Counts, objectives: usize) -> String {
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{}, {}, {} in {}",
        count(counts.errors, "error", "errors"),
        count(counts.warnings, "warning", "warnings"),
        count(counts.infos, "info", "infos"),
        count(objectives, "objective", "objectives"),
    )
}
