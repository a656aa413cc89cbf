//! The index's sections, in the order they are shown, and what they share.

use std::collections::HashSet;

use super::doc::{Line, Node, Writer, text};
use super::{
    Index, QuarterPage, dependencies, dependency_graph, gaps, initiatives, objectives, overlaps,
    summary,
};
use crate::model::slugify;
use crate::model::{KeyResult, Kind, Quarter};
use crate::render::Format;

/// What one rendering of the index holds.
pub(super) enum Layout<'p> {
    /// Every section: a filtered index, or a book of one quarter.
    Whole,
    /// The unfiltered index of a book of several quarters: the listings of
    /// every objective and every dependency give way to links to the
    /// quarters' own pages; the graph, the risks, initiatives, overlaps,
    /// gaps and progress stay.
    Overview(&'p [QuarterPage]),
    /// A quarter's generated page: its listings, not what the overview
    /// already shows for the whole book.
    QuarterPage,
}

/// The index in view, written as each section is built: the nodes of one
/// section are held at a time, not the whole index's.
pub(super) fn write(index: &Index<'_>, layout: Layout<'_>, format: Format) -> String {
    let mut out = Writer::new(format);
    let mut nodes = vec![caption(index)];
    summary::summary(index, &mut nodes);
    out.drain(&mut nodes);
    let edges = dependencies::edges_in_view(index);
    match layout {
        Layout::Overview(pages) => super::overview::quarter_links(index, pages, &mut nodes),
        Layout::Whole | Layout::QuarterPage => {
            objectives::objectives(index, &mut nodes);
            out.drain(&mut nodes);
            dependencies::dependencies(index, &edges, &mut nodes);
        }
    }
    out.drain(&mut nodes);
    if matches!(layout, Layout::QuarterPage) {
        return out.finish();
    }
    dependency_graph::dependency_graph(index, &edges, &mut nodes);
    out.drain(&mut nodes);
    initiatives::initiatives(index, &mut nodes);
    out.drain(&mut nodes);
    overlaps::overlaps(index, &mut nodes);
    out.drain(&mut nodes);
    gaps::gaps(index, &mut nodes);
    out.drain(&mut nodes);
    super::progress::section(index, &mut nodes);
    out.drain(&mut nodes);
    out.finish()
}

pub(super) fn heading(index: &Index<'_>, level: u8, slug: &str, line: Line) -> Node {
    Node::Heading {
        level,
        id: format!("{}-{slug}", index.id_prefix),
        line,
    }
}

pub(super) fn paragraph(class: &'static str, line: Line) -> Node {
    Node::Paragraph { class, line }
}

pub(super) fn score(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), crate::grade::one_decimal)
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(super) fn quarter_slug(quarter: Quarter) -> String {
    slugify(&quarter.to_string())
}

/// A KR measures impact when it says so or carries a metric.
pub(super) fn is_impact(kr: &KeyResult) -> bool {
    kr.kind == Kind::Impact || kr.metric.is_some()
}

fn caption(index: &Index<'_>) -> Node {
    let plan = index.plan();
    let krs: usize = index
        .selected
        .iter()
        .map(|&o| plan.objectives[o].krs.len())
        .sum();
    let teams: HashSet<&str> = index
        .selected
        .iter()
        .map(|&o| plan.objectives[o].team.as_str())
        .collect();
    let mut line = vec![text(format!(
        "{}, {} and {}",
        plural(index.selected.len(), "objective", "objectives"),
        plural(krs, "key result", "key results"),
        plural(teams.len(), "team", "teams")
    ))];
    let mut filters = Vec::new();
    if let Some(quarter) = index.filter.quarter {
        filters.push(format!("quarter {quarter}"));
    }
    if let Some(team) = &index.filter.team {
        filters.push(format!("team {team}"));
    }
    if !filters.is_empty() {
        line.push(text(format!(" (filtered: {})", filters.join(", "))));
    }
    if let Some(current) = index.config().quarter {
        line.push(text(format!("; current quarter {current}")));
    }
    line.push(text("."));
    paragraph("okr-index-caption", line)
}
