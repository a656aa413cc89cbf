//! The cross-team index that replaces `{{#okr-index}}`.
//!
//! One directive becomes, in order: a summary per quarter and team (with a
//! graded view of past quarters), every objective with its key results,
//! the dependencies between teams with their risks, a dependency graph,
//! multi-quarter initiatives, overlaps between teams, and gaps. The
//! sections are built once as a small document ([`doc`]) and written as
//! HTML for mdBook's `html` renderer or as Markdown for the others.
//!
//! In a book of several quarters an unfiltered directive shows an overview
//! instead, and each quarter's listing goes to a chapter of its own
//! (`overview.rs`).
//!
//! Filters: `{{#okr-index quarter=2026-Q2}}`, `{{#okr-index team=security}}`,
//! or both, read once into the plan ([`crate::plan::directive`]). A bad
//! filter renders an error box in place; lint reports it as an
//! `invalid-block` finding.

mod dependencies;
mod dependency_graph;
mod gaps;
pub mod graph;
mod initiatives;
mod objectives;
mod overlaps;
mod overview;
mod progress;
mod sections;
mod summary;

use std::collections::BTreeMap;
use std::path::Path;

use crate::config::Config;
use crate::diagnostic::{Counts, Risk};

use crate::model::{FileId, Quarter};
use crate::plan::Plan;
use crate::plan::directive::{Directive, Filter, FilterProblem};
use crate::render::{Format, RenderContext};

pub use crate::render::doc;
use crate::render::escape::{html_line as escape_inline, markdown as escape_markdown};
use crate::render::links::relative_link;
use doc::Inline;
pub use overview::{QuarterPage, quarter_pages, render_page};

/// The index's HTML (or Markdown) for one directive.
pub fn render(cx: &RenderContext<'_>, directive: &Directive) -> String {
    let filter = match &directive.filter {
        Ok(filter) => filter.clone(),
        Err(problems) => return error_box(cx.format, problems),
    };
    let here = &directive.location;
    let ordinal = cx
        .plan
        .directives
        .iter()
        .filter(|d| d.location.file == here.file && d.location.span.start < here.span.start)
        .count();
    let pages = if overview::is_unfiltered(&filter) {
        overview::pages_for(cx.plan, here.file)
    } else {
        Vec::new()
    };
    let index = Index::new(cx, filter, Target::File(here.file), ordinal);
    let layout = if pages.is_empty() {
        sections::Layout::Whole
    } else {
        sections::Layout::Overview(&pages)
    };
    sections::write(&index, layout, cx.format)
}

fn error_box(format: Format, problems: &[FilterProblem]) -> String {
    match format {
        Format::Html => {
            let mut out = String::from(
                "<div class=\"okr-invalid okr-index-error\" role=\"alert\"><p><strong>This index cannot be shown.</strong></p><ul>",
            );
            for p in problems {
                out.push_str(&format!(
                    "<li>{} <em>({})</em></li>",
                    escape_inline(&p.message),
                    escape_inline(&p.help)
                ));
            }
            out.push_str("</ul></div>");
            out
        }
        Format::Markdown => problems
            .iter()
            .map(|p| {
                format!(
                    "> **This index cannot be shown:** {} ({})",
                    escape_markdown(&p.message),
                    escape_markdown(&p.help)
                )
            })
            .collect::<Vec<_>>()
            .join("\n>\n"),
    }
}

/// A team and its objectives in view (indices, book order).
pub(crate) type TeamGroup<'a> = (&'a str, Vec<usize>);

/// The chapter an index is rendered for, which its links start from: a
/// file of the plan, or a page generated for one quarter.
#[derive(Clone, Copy)]
pub(crate) enum Target<'a> {
    File(FileId),
    Page(&'a Path),
}

/// What every section looks at: the objectives in view and facts about
/// them computed once.
pub(crate) struct Index<'a> {
    pub cx: &'a RenderContext<'a>,
    pub filter: Filter,
    /// The chapter the index is rendered for.
    here: Target<'a>,
    /// Prefix of the element ids this index writes.
    pub id_prefix: String,
    /// Objectives in view, in book order.
    pub selected: Vec<usize>,
    pub in_view: Vec<bool>,
    /// Quarters shown, newest first.
    pub quarters: Vec<Quarter>,
    /// Findings by severity for each objective of the plan.
    pub findings: Vec<Counts>,
    /// The risks of each edge of the plan.
    pub risks: &'a [Vec<Risk>],
}

impl<'a> Index<'a> {
    fn new(cx: &'a RenderContext<'a>, filter: Filter, here: Target<'a>, ordinal: usize) -> Self {
        let plan = cx.plan;
        let in_view: Vec<bool> = plan
            .objectives
            .iter()
            .map(|o| {
                filter.quarter.is_none_or(|q| o.quarter == q)
                    && filter.team.as_ref().is_none_or(|t| &o.team == t)
            })
            .collect();
        let selected: Vec<usize> = (0..plan.objectives.len()).filter(|&o| in_view[o]).collect();
        let mut quarters: Vec<Quarter> = match filter.quarter {
            Some(quarter) => vec![quarter],
            None => selected
                .iter()
                .map(|&o| plan.objectives[o].quarter)
                .chain(cx.config.quarter)
                .collect(),
        };
        quarters.sort_unstable_by(|a, b| b.cmp(a));
        quarters.dedup();
        let mut findings = vec![Counts::default(); plan.objectives.len()];
        for diagnostic in cx.diagnostics {
            if let Some(counts) = diagnostic.objective_index.and_then(|o| findings.get_mut(o)) {
                counts.add(diagnostic.severity);
            }
        }
        Index {
            cx,
            filter,
            here,
            id_prefix: if ordinal == 0 {
                "okr-index".into()
            } else {
                format!("okr-index{ordinal}")
            },
            selected,
            in_view,
            quarters,
            findings,
            risks: cx.edge_risks(),
        }
    }

    pub fn plan(&self) -> &'a Plan {
        self.cx.plan
    }

    pub fn config(&self) -> &'a Config {
        self.cx.config
    }

    /// The objectives in view grouped by quarter (newest first) and team
    /// (configured order, then by name).
    pub fn by_quarter_and_team(&self) -> Vec<(Quarter, Vec<TeamGroup<'a>>)> {
        let plan = self.plan();
        let mut groups: BTreeMap<Quarter, BTreeMap<(usize, &str), Vec<usize>>> = BTreeMap::new();
        for &o in &self.selected {
            let objective = &plan.objectives[o];
            groups
                .entry(objective.quarter)
                .or_default()
                .entry((self.team_rank(&objective.team), &objective.team))
                .or_default()
                .push(o);
        }
        self.quarters
            .iter()
            .map(|&quarter| {
                let teams = groups
                    .remove(&quarter)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|((_, team), objectives)| (team, objectives))
                    .collect();
                (quarter, teams)
            })
            .collect()
    }

    /// Configured teams first, in their configured order.
    pub fn team_rank(&self, team: &str) -> usize {
        self.config()
            .teams
            .as_ref()
            .and_then(|teams| teams.iter().position(|t| t == team))
            .unwrap_or(usize::MAX)
    }

    pub fn is_current(&self, quarter: Quarter) -> bool {
        self.config().quarter == Some(quarter)
    }

    pub fn is_past(&self, quarter: Quarter) -> bool {
        self.config()
            .quarter
            .is_some_and(|current| quarter < current)
    }

    fn is_here(&self, file: FileId) -> bool {
        matches!(self.here, Target::File(here) if here == file)
    }

    /// The path of the chapter rendered, relative to `src`.
    pub fn here_path(&self) -> Option<&'a Path> {
        match self.here {
            Target::File(file) => self.plan().file(file).chapter_path.as_deref(),
            Target::Page(path) => Some(path),
        }
    }

    /// A link from the index chapter to `file`, at `fragment`.
    pub fn href(&self, file: FileId, fragment: &str) -> Option<String> {
        let plan = self.plan();
        let fragment = if fragment.is_empty() {
            String::new()
        } else {
            format!("#{fragment}")
        };
        if self.is_here(file) {
            return (!fragment.is_empty()).then_some(fragment);
        }
        let from = self.here_path()?;
        let to = plan.file(file).chapter_path.as_deref()?;
        Some(relative_link(from, to, self.cx.format) + &fragment)
    }

    pub fn objective_href(&self, objective: usize) -> Option<String> {
        let o = &self.plan().objectives[objective];
        self.href(
            o.location.file,
            &crate::render::anchor::objective_anchor(&o.id),
        )
    }

    pub fn kr_href(&self, objective: usize, kr: usize) -> Option<String> {
        let o = &self.plan().objectives[objective];
        let kr = &o.krs[kr];
        self.href(
            o.location.file,
            &crate::render::anchor::kr_anchor(&o.id, &kr.id),
        )
    }

    /// The team's name linked to the chapter of its first objective in
    /// `objectives` (to that objective's card when it is in this chapter).
    pub fn team_link(&self, team: &str, objectives: &[usize]) -> Inline {
        let href = objectives.first().and_then(|&o| {
            let file = self.plan().objectives[o].location.file;
            if self.is_here(file) {
                self.objective_href(o)
            } else {
                self.href(file, "")
            }
        });
        doc::link(team, href)
    }
}

#[cfg(test)]
mod tests;
