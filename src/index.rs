//! The cross-team index that replaces `{{#okr-index}}`.

use crate::model::Location;
use crate::render::RenderContext;

/// The index's HTML (or Markdown) for one directive.
pub fn render(cx: &RenderContext<'_>, directive: &Location) -> String {
    let _ = directive;
    let mut out = String::from("<ul class=\"okr-index\">");
    for objective in &cx.plan.objectives {
        out.push_str(&format!(
            "<li>{}</li>",
            crate::render::html::escape(&objective.text.value)
        ));
    }
    out.push_str("</ul>");
    out
}
