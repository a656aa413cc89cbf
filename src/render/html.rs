//! Cards as HTML. Every card is one line, so it stays inside the list item
//! or block quote that held its block.

use pulldown_cmark_escape::{escape_href, escape_html};

use crate::plan::{Block, BlockContent};
use crate::render::RenderContext;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

/// Escapes a URL for an `href`.
pub fn escape_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    escape_href(&mut out, url).expect("writing to a String cannot fail");
    out
}

pub fn block(cx: &RenderContext<'_>, block: &Block) -> String {
    match &block.content {
        BlockContent::Objective(index) => {
            let objective = &cx.plan.objectives[*index];
            let mut out = format!(
                "<div class=\"okr-card\" id=\"okr-{}\"><p class=\"okr-objective\">{}</p><ul>",
                escape(&objective.id),
                escape(&objective.text.value)
            );
            for kr in &objective.krs {
                out.push_str(&format!(
                    "<li><span class=\"okr-badge\">{}</span> {}</li>",
                    kr.commitment.as_str(),
                    escape(&kr.text.value)
                ));
            }
            out.push_str("</ul></div>");
            out
        }
        BlockContent::Context(context) => format!(
            "<p class=\"okr-context\">{}</p>",
            escape(context.team.as_deref().unwrap_or(""))
        ),
        BlockContent::Invalid {
            problems, source, ..
        } => {
            let messages: Vec<String> = problems.iter().map(|p| escape(&p.message)).collect();
            format!(
                "<div class=\"okr-invalid\"><p>{}</p><pre>{}</pre></div>",
                messages.join("<br>"),
                escape(source).replace('\n', "&#10;")
            )
        }
    }
}
