//! The formats `mdbook-okr check` writes, all from the same diagnostics.

pub mod json;
pub mod short;

use crate::diagnostic::Diagnostic;
use crate::plan::Plan;

/// A diagnostic's file, line and column, when it has a place.
pub struct Position<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
}

pub fn position<'a>(plan: &'a Plan, diagnostic: &Diagnostic) -> Option<Position<'a>> {
    let location = diagnostic.location.as_ref()?;
    let file = plan.file(location.file);
    let (line, column) = file.line_col(location.span.start);
    Some(Position {
        file: &file.display_path,
        line,
        column,
    })
}
