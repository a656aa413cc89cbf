//! An index that scales: in a book with more than one quarter, an
//! unfiltered `{{#okr-index}}` shows the overview (summaries, dependencies,
//! overlaps, gaps) and links each quarter's full listing, which goes to a
//! page of its own that the preprocessor adds under the index chapter.

use std::path::PathBuf;

use super::doc::{Item, Node, link, text};
use super::sections::{heading, plural};
use super::{Index, Target};
use crate::model::{FileId, Quarter};
use crate::plan::Plan;
use crate::plan::directive::Filter;
use crate::render::links::relative_link;
use crate::render::{Format, HTML_BLOCK_START, RenderContext};

/// One quarter's listing, generated as a chapter under the chapter `file`
/// that holds an unfiltered index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuarterPage {
    pub file: FileId,
    pub quarter: Quarter,
    /// `<index folder>/<index stem>-<quarter>.md`, e.g. `plans/index-2026-Q2.md`.
    pub path: PathBuf,
}

impl QuarterPage {
    /// The chapter's name in the sidebar: "2026 Q2".
    pub fn name(&self) -> String {
        format!("{} Q{}", self.quarter.year, self.quarter.number)
    }
}

/// The quarters of the plan's objectives, newest first, when there is more
/// than one; a book of one quarter keeps its index on one page.
fn split_quarters(plan: &Plan) -> Vec<Quarter> {
    let mut quarters: Vec<Quarter> = plan.objectives.iter().map(|o| o.quarter).collect();
    quarters.sort_unstable_by(|a, b| b.cmp(a));
    quarters.dedup();
    if quarters.len() > 1 {
        quarters
    } else {
        Vec::new()
    }
}

/// Whether `filter` asks for the whole book, the index the split concerns.
pub(super) fn is_unfiltered(filter: &Filter) -> bool {
    filter.quarter.is_none() && filter.team.is_none()
}

/// The pages of `file`'s unfiltered index: one per quarter, or none.
fn pages_of(plan: &Plan, file: FileId, quarters: &[Quarter]) -> Vec<QuarterPage> {
    let Some(chapter) = plan.file(file).chapter_path.as_deref() else {
        return Vec::new();
    };
    let stem = chapter
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let pages: Vec<QuarterPage> = quarters
        .iter()
        .map(|&quarter| QuarterPage {
            file,
            quarter,
            path: chapter.with_file_name(format!("{stem}-{quarter}.md")),
        })
        .collect();
    // A chapter of the book already at one of those paths would be
    // overwritten: that index stays on one page instead.
    if pages
        .iter()
        .any(|p| plan.file_of_chapter(&p.path).is_some())
    {
        return Vec::new();
    }
    pages
}

/// Every page to generate, by index chapter in book order, each chapter's
/// pages newest quarter first. A chapter with several unfiltered indexes
/// gets its pages once.
pub fn quarter_pages(plan: &Plan) -> Vec<QuarterPage> {
    let quarters = split_quarters(plan);
    if quarters.is_empty() {
        return Vec::new();
    }
    let mut files: Vec<FileId> = plan
        .directives
        .iter()
        .filter(|d| d.filter.as_ref().is_ok_and(is_unfiltered))
        .map(|d| d.location.file)
        .collect();
    files.dedup();
    files
        .into_iter()
        .flat_map(|file| pages_of(plan, file, &quarters))
        .collect()
}

/// The pages `file`'s unfiltered index links to (none in a one-quarter book
/// or for a chapter without a path).
pub(super) fn pages_for(plan: &Plan, file: FileId) -> Vec<QuarterPage> {
    pages_of(plan, file, &split_quarters(plan))
}

/// The chapter text of a generated page: a title and the listings of the
/// index as `quarter=<quarter>` renders them, with links made from the
/// page's path.
pub fn render_page(cx: &RenderContext<'_>, page: &QuarterPage) -> String {
    let filter = Filter {
        quarter: Some(page.quarter),
        team: None,
    };
    let index = Index::new(cx, filter, Target::Page(&page.path), 0);
    let body = super::sections::write(&index, super::sections::Layout::QuarterPage, cx.format);
    let start = if cx.format == Format::Html {
        HTML_BLOCK_START
    } else {
        ""
    };
    format!("# {}\n\n{start}{body}\n", page.name())
}

/// The overview's stand-in for the objective listing: a link to each
/// quarter's page with how many objectives it lists.
pub(super) fn quarter_links(index: &Index<'_>, pages: &[QuarterPage], nodes: &mut Vec<Node>) {
    let plan = index.plan();
    nodes.push(heading(
        index,
        2,
        "quarters",
        vec![text("Objectives by quarter")],
    ));
    let items = pages
        .iter()
        .map(|page| {
            let count = plan
                .objectives
                .iter()
                .filter(|o| o.quarter == page.quarter)
                .count();
            let href = index
                .here_path()
                .map(|from| relative_link(from, &page.path, index.cx.format));
            Item {
                line: vec![
                    link(page.name(), href),
                    text(format!(" ({})", plural(count, "objective", "objectives"))),
                ],
                children: Vec::new(),
            }
        })
        .collect();
    nodes.push(Node::List {
        class: "okr-index-quarters",
        items,
    });
}
