//! Rendering: each OKR block of a chapter becomes a card, and every byte
//! outside the blocks stays as it was.

pub mod anchor;
pub mod card;
pub mod doc;
pub mod escape;
pub mod html;
pub mod inline;
pub mod links;
pub mod markdown;
pub mod splice;
pub mod trend;

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::analysis::graph;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Risk};
use crate::plan::{Block, Plan};

/// What the book is being rendered for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// mdBook's `html` renderer: cards as one-line HTML.
    Html,
    /// Any other renderer: readable Markdown with text badges.
    Markdown,
}

impl Format {
    pub fn for_renderer(renderer: &str) -> Format {
        if renderer == "html" {
            Format::Html
        } else {
            Format::Markdown
        }
    }
}

/// Everything a renderer may look at.
pub struct RenderContext<'a> {
    pub plan: &'a Plan,
    pub config: &'a Config,
    /// All diagnostics of the book, in book order.
    pub diagnostics: &'a [Diagnostic],
    pub format: Format,
    /// The same diagnostics by the objective (and KR) they concern, so each
    /// card finds its own without scanning the whole book's.
    by_target: HashMap<(usize, Option<usize>), Vec<&'a Diagnostic>>,
    /// The risks of each dependency edge, computed when an index first asks
    /// and shared by every index of the book (the overview and each
    /// quarter's page), each of which would otherwise walk all findings.
    edge_risks: OnceLock<Vec<Vec<Risk>>>,
    /// Progress from the book's history, when it was read (see
    /// [`crate::history`]): cards of an open quarter show its trend.
    pub progress: Option<&'a crate::history::progress::Report>,
}

impl<'a> RenderContext<'a> {
    pub fn new(
        plan: &'a Plan,
        config: &'a Config,
        diagnostics: &'a [Diagnostic],
        format: Format,
    ) -> RenderContext<'a> {
        let mut by_target: HashMap<_, Vec<_>> = HashMap::new();
        for diagnostic in diagnostics {
            if let Some(objective) = diagnostic.objective_index {
                by_target
                    .entry((objective, diagnostic.kr_index))
                    .or_default()
                    .push(diagnostic);
            }
        }
        RenderContext {
            plan,
            config,
            diagnostics,
            format,
            by_target,
            edge_risks: OnceLock::new(),
            progress: None,
        }
    }

    /// The risks of each edge of the plan, by edge index
    /// ([`graph::edge_risks`]).
    pub fn edge_risks(&self) -> &[Vec<Risk>] {
        self.edge_risks
            .get_or_init(|| graph::edge_risks(self.plan, self.diagnostics))
    }

    /// The findings about an objective (`kr` = `None`) or one of its KRs,
    /// in book order.
    pub fn findings_on(&self, objective: usize, kr: Option<usize>) -> &[&'a Diagnostic] {
        self.by_target
            .get(&(objective, kr))
            .map_or(&[], Vec::as_slice)
    }
}

/// Starts every HTML replacement. A line opening with an HTML comment is a
/// CommonMark HTML block that ends on the line holding `-->`: this very
/// line. Without it, a card would be an HTML block running to the next
/// blank line, and a paragraph or fence written right after the block would
/// be swallowed into it as raw text.
pub const HTML_BLOCK_START: &str = "<!-- okr -->";

/// A block's card, built once and written in the format being rendered.
pub fn render_block(cx: &RenderContext<'_>, block: &Block) -> String {
    let card = card::build(cx, block);
    match cx.format {
        Format::Html => html::write(&card),
        Format::Markdown => markdown::write(
            &card,
            &cx.plan.file(block.location.file).text,
            block.location.span.start,
        ),
    }
}
