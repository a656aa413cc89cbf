//! A chapter's page: its text with every block replaced by its card and
//! every `{{#okr-index}}` directive by the index, all other bytes kept.
//!
//! This sits above `render` (cards) and `index` (written with render's
//! document model), so neither imports the other's caller.

use std::ops::Range;

use crate::model::FileId;
use crate::render::{self, Format, HTML_BLOCK_START, RenderContext, splice};

/// The chapter text of `file` with every block and index directive
/// replaced by its rendering.
pub fn render_file(cx: &RenderContext<'_>, file: FileId) -> String {
    let text = &cx.plan.file(file).text;
    let mut replacements: Vec<(Range<usize>, String)> = cx
        .plan
        .blocks_in(file)
        .map(|block| (block.location.span.clone(), render::render_block(cx, block)))
        .collect();
    for directive in cx
        .plan
        .directives
        .iter()
        .filter(|d| d.location.file == file)
    {
        let span = directive.location.span.clone();
        replacements.push((span, crate::index::render(cx, directive)));
    }
    replacements.sort_by_key(|(span, _)| span.start);
    if cx.format == Format::Html {
        for (_, html) in &mut replacements {
            html.insert_str(0, HTML_BLOCK_START);
        }
    }

    splice::splice(text, &replacements)
}
