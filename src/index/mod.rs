//! The cross-team index that replaces `{{#okr-index}}`.
//!
//! One directive becomes, in order: a summary per quarter and team (with a
//! graded view of past quarters), every objective with its key results,
//! the dependencies between teams with their risks, a dependency graph,
//! multi-quarter initiatives, overlaps between teams, and gaps. The
//! sections are built once as a small document ([`doc`]) and written as
//! HTML for mdBook's `html` renderer or as Markdown for the others.
//!
//! Filters: `{{#okr-index quarter=2026-Q2}}`, `{{#okr-index team=security}}`,
//! or both. A bad filter renders an error box in place and is reported as an
//! `invalid-block` finding by [`directive_problems`].

pub mod deps;
pub mod doc;
pub mod graph;
mod progress;
mod sections;

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::config::{Config, did_you_mean};
use crate::diagnostic::{Counts, Finding, Severity};
use crate::model::{FileId, Location, Quarter};
use crate::plan::Plan;
use crate::render::{Format, RenderContext};

use doc::{Document, Inline, escape_inline, escape_markdown};

/// What one directive asks to see.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    pub quarter: Option<Quarter>,
    pub team: Option<String>,
}

/// A problem with a directive's filters: a message and a help line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterProblem {
    pub message: String,
    pub help: String,
}

const FILTER_KEYS: &[&str] = &["quarter", "team"];
const DIRECTIVE: &str = "{{#okr-index";

/// Reads the filters of a directive as written, `{{#okr-index ...}}`.
pub fn parse_filter(directive: &str, config: &Config) -> Result<Filter, Vec<FilterProblem>> {
    let problem = |message: String, help: &str| FilterProblem {
        message,
        help: help.to_string(),
    };
    let inner = directive
        .trim()
        .strip_prefix(DIRECTIVE)
        .and_then(|rest| rest.strip_suffix("}}"))
        .unwrap_or_default();
    let mut filter = Filter::default();
    let mut problems = Vec::new();
    if !inner.is_empty() && !inner.starts_with(char::is_whitespace) {
        problems.push(problem(
            format!("`{}` is not an index directive", directive.trim()),
            "write `{{#okr-index}}`, optionally with `quarter=YYYY-Qn` and `team=<team>`",
        ));
        return Err(problems);
    }
    for word in inner.split_whitespace() {
        let Some((key, value)) = word.split_once('=') else {
            problems.push(problem(
                format!("the index filter `{word}` has no value"),
                "write filters as `key=value`, for example `quarter=2026-Q2` or `team=security`",
            ));
            continue;
        };
        let value = value.trim_matches(|c| c == '"' || c == '\'');
        match key {
            "quarter" => match value.parse::<Quarter>() {
                Ok(quarter) if filter.quarter.is_none() => filter.quarter = Some(quarter),
                Ok(_) => problems.push(problem(
                    "the index filter `quarter` is given twice".into(),
                    "give one `quarter=`; an index shows one quarter or all of them",
                )),
                Err(message) => problems.push(problem(
                    format!("bad index filter: {message}"),
                    "write the quarter as `YYYY-Qn`, for example `quarter=2026-Q2`",
                )),
            },
            "team" => {
                if filter.team.is_some() {
                    problems.push(problem(
                        "the index filter `team` is given twice".into(),
                        "give one `team=`; an index shows one team or all of them",
                    ));
                    continue;
                }
                if let Some(teams) = &config.teams
                    && !teams.iter().any(|t| t == value)
                {
                    let names: Vec<&str> = teams.iter().map(String::as_str).collect();
                    problems.push(problem(
                        format!(
                            "the index filter names an unknown team `{value}`{}",
                            did_you_mean(value, &names)
                        ),
                        "use a team listed in `teams` under [preprocessor.okr] in book.toml",
                    ));
                    continue;
                }
                if value.is_empty() {
                    problems.push(problem(
                        "the index filter `team` is empty".into(),
                        "write `team=<team id>`",
                    ));
                    continue;
                }
                filter.team = Some(value.to_string());
            }
            _ => problems.push(problem(
                format!(
                    "unknown index filter `{key}`{}",
                    did_you_mean(key, FILTER_KEYS)
                ),
                "the index knows the filters `quarter=YYYY-Qn` and `team=<team>`",
            )),
        }
    }
    if problems.is_empty() {
        Ok(filter)
    } else {
        Err(problems)
    }
}

fn directive_text<'p>(plan: &'p Plan, directive: &Location) -> &'p str {
    plan.file(directive.file)
        .text
        .get(directive.span.clone())
        .unwrap_or_default()
}

/// Every bad filter of every directive, as `invalid-block` findings placed
/// at the directive, so `check` and the build's stderr show them too.
pub fn directive_problems(plan: &Plan, config: &Config) -> Vec<Finding> {
    let mut findings = Vec::new();
    for directive in &plan.directives {
        if let Err(problems) = parse_filter(directive_text(plan, directive), config) {
            findings.extend(
                problems.into_iter().map(|p| {
                    Finding::new("invalid-block", p.message, p.help).at(directive.clone())
                }),
            );
        }
    }
    findings
}

/// The index's HTML (or Markdown) for one directive.
pub fn render(cx: &RenderContext<'_>, directive: &Location) -> String {
    let filter = match parse_filter(directive_text(cx.plan, directive), cx.config) {
        Ok(filter) => filter,
        Err(problems) => return error_box(cx.format, &problems),
    };
    let ordinal = cx
        .plan
        .directives
        .iter()
        .filter(|d| d.file == directive.file && d.span.start < directive.span.start)
        .count();
    let index = Index::new(cx, filter, directive.file, ordinal);
    let document = Document {
        nodes: sections::all(&index),
    };
    match cx.format {
        Format::Html => document.to_html(),
        Format::Markdown => document.to_markdown(),
    }
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

/// What every section looks at: the objectives in view and facts about
/// them computed once.
pub(crate) struct Index<'a> {
    pub cx: &'a RenderContext<'a>,
    pub filter: Filter,
    /// The chapter holding the directive.
    here: FileId,
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
    pub risks: Vec<Vec<deps::Risk>>,
}

impl<'a> Index<'a> {
    fn new(cx: &'a RenderContext<'a>, filter: Filter, here: FileId, ordinal: usize) -> Self {
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
                count(counts, diagnostic.severity);
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
            risks: deps::edge_risks(plan, cx.diagnostics),
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

    /// A link from the index chapter to `file`, at `fragment`.
    pub fn href(&self, file: FileId, fragment: &str) -> Option<String> {
        let plan = self.plan();
        let fragment = if fragment.is_empty() {
            String::new()
        } else {
            format!("#{fragment}")
        };
        if file == self.here {
            return (!fragment.is_empty()).then_some(fragment);
        }
        let from = plan.file(self.here).chapter_path.as_deref()?;
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
            if file == self.here {
                self.objective_href(o)
            } else {
                self.href(file, "")
            }
        });
        doc::link(team, href)
    }
}

pub(crate) fn count(counts: &mut Counts, severity: Severity) {
    match severity {
        Severity::Error => counts.errors += 1,
        Severity::Warning => counts.warnings += 1,
        Severity::Info => counts.infos += 1,
    }
}

/// The link from chapter `from` to chapter `to` (both relative to `src`).
/// HTML links go to the `.html` page mdBook writes, `README.md` becoming
/// `index.html` as mdBook does; Markdown links keep the source file.
pub fn relative_link(from: &Path, to: &Path, format: Format) -> String {
    let names = |path: &Path| -> Vec<String> {
        path.components()
            .filter_map(|c| match c {
                Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect()
    };
    let from_dir = names(from.parent().unwrap_or(Path::new("")));
    let mut target = PathBuf::from(to);
    if format == Format::Html {
        if target
            .file_name()
            .is_some_and(|n| n.eq_ignore_ascii_case("README.md"))
        {
            target.set_file_name("index.html");
        } else {
            target.set_extension("html");
        }
    }
    let to_parts = names(&target);
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len().saturating_sub(1));
    let mut parts: Vec<String> = vec!["..".to_string(); from_dir.len() - common];
    parts.extend(to_parts[common..].iter().cloned());
    parts.join("/")
}

#[cfg(test)]
mod tests;
