//! The card model: what a block shows, computed once from the plan and the
//! findings, and written by two writers ([`crate::render::html`] and
//! [`crate::render::markdown`]). Links are already resolved for the format
//! being rendered; user text stays as written, for the writer to escape.

use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::model::{Context, DoneItem, FileId, KeyResult, Metric, Objective};
use crate::plan::{Block, BlockContent, Resolution};
use crate::render::RenderContext;
use crate::render::anchor;
use crate::render::links::{bare_web_address, chapter_link, rule_chapter};

/// One rendered block.
pub enum Card<'a> {
    Objective(ObjectiveCard<'a>),
    Context(ContextHeader),
    Invalid(InvalidCard<'a>),
}

/// Team, quarter or owner: a value whose label the writer supplies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Team,
    Quarter,
    Owner,
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Team => "Team",
            Field::Quarter => "Quarter",
            Field::Owner => "Owner",
        }
    }

    /// The HTML class of the value.
    pub fn class(self) -> &'static str {
        match self {
            Field::Team => "okr-team",
            Field::Quarter => "okr-quarter",
            Field::Owner => "okr-owner",
        }
    }
}

/// A context block: the team, quarter and owner that the following blocks
/// of the chapter inherit, in that order; only those it sets.
pub struct ContextHeader {
    pub fields: Vec<(Field, String)>,
}

pub struct ObjectiveCard<'a> {
    pub objective: &'a Objective,
    pub anchor: String,
    /// Team, quarter and, when set, owner.
    pub fields: Vec<(Field, String)>,
    /// The objective's score with one decimal, `None` when it has none.
    pub score: Option<String>,
    pub findings: Vec<FindingBox<'a>>,
    pub krs: Vec<KrCard<'a>>,
}

pub struct KrCard<'a> {
    pub kr: &'a KeyResult,
    pub anchor: String,
    pub score: Option<String>,
    /// The KR's quarter is before the configured current one.
    pub grade: Option<Grade>,
    pub metric: Option<MetricView<'a>>,
    pub done: &'a [DoneItem],
    pub done_met: usize,
    /// Empty when the KR depends on nothing.
    pub depends_on: Vec<Reference<'a>>,
    /// Each depending KR once, in the order the plan lists them.
    pub needed_by: Vec<Reference<'a>>,
    pub postmortem: Option<Postmortem<'a>>,
    pub findings: Vec<FindingBox<'a>>,
}

/// How a key result of a past quarter ended, against what was expected.
pub struct Grade {
    pub class: &'static str,
    pub text: String,
}

pub struct MetricView<'a> {
    /// Progress from baseline to target in whole percent, when finite.
    pub percent: Option<f64>,
    pub from: String,
    /// `None` when not measured.
    pub current: Option<String>,
    pub to: String,
    pub unit: Option<&'a str>,
}

/// One entry of "Depends on" or "Needed by".
pub enum Reference<'a> {
    /// Another card: a link when its chapter is known, text otherwise.
    Card {
        label: String,
        href: Option<String>,
        /// What the target says, for a tooltip.
        title: String,
        team: &'a str,
    },
    Ask {
        team: &'a str,
        known: bool,
    },
    Unresolved(&'a str),
}

/// A postmortem is "a link or a sentence".
pub enum Postmortem<'a> {
    Address(&'a str),
    Text(&'a str),
}

/// One finding shown on the card next to what it concerns.
pub struct FindingBox<'a> {
    pub diagnostic: &'a Diagnostic,
    /// The book's chapter on the rule, when it has one.
    pub rule_href: Option<String>,
    pub rule_summary: &'static str,
}

pub struct InvalidCard<'a> {
    pub id: Option<&'a str>,
    /// In text order: line, column (1-based), message, help.
    pub problems: Vec<(usize, usize, &'a str, &'a str)>,
    pub source: &'a str,
}

/// The card of `block`.
pub fn build<'a>(cx: &'a RenderContext<'a>, block: &'a Block) -> Card<'a> {
    let file = block.location.file;
    match &block.content {
        BlockContent::Objective(index) => Card::Objective(objective(cx, file, *index)),
        BlockContent::Context(context) => Card::Context(context_header(context)),
        BlockContent::Invalid {
            id,
            problems,
            source,
        } => {
            let source_file = cx.plan.file(file);
            let mut ordered: Vec<_> = problems.iter().collect();
            ordered.sort_by_key(|p| p.location.span.start);
            let problems = ordered
                .into_iter()
                .map(|p| {
                    let (line, column) = source_file.line_col(p.location.span.start);
                    (line, column, p.message.as_str(), p.help.as_str())
                })
                .collect();
            Card::Invalid(InvalidCard {
                id: id.as_deref(),
                problems,
                source,
            })
        }
    }
}

fn context_header(context: &Context) -> ContextHeader {
    let fields = [
        (Field::Team, context.team.clone()),
        (Field::Quarter, context.quarter.map(|q| q.to_string())),
        (Field::Owner, context.owner.clone()),
    ];
    ContextHeader {
        fields: fields
            .into_iter()
            .filter_map(|(field, value)| Some((field, value?)))
            .collect(),
    }
}

fn objective<'a>(cx: &'a RenderContext<'a>, file: FileId, index: usize) -> ObjectiveCard<'a> {
    let objective = &cx.plan.objectives[index];
    let mut fields = vec![
        (Field::Team, objective.team.clone()),
        (Field::Quarter, objective.quarter.to_string()),
    ];
    if let Some(owner) = &objective.owner {
        fields.push((Field::Owner, owner.clone()));
    }
    ObjectiveCard {
        objective,
        anchor: anchor::objective_anchor(&objective.id),
        fields,
        score: score_text(objective.score()),
        findings: findings(cx, file, index, None),
        krs: (0..objective.krs.len())
            .map(|k| key_result(cx, file, index, k))
            .collect(),
    }
}

fn key_result<'a>(cx: &'a RenderContext<'a>, file: FileId, o: usize, k: usize) -> KrCard<'a> {
    let objective = &cx.plan.objectives[o];
    let kr = &objective.krs[k];
    KrCard {
        kr,
        anchor: anchor::kr_anchor(&objective.id, &kr.id),
        score: score_text(kr.score()),
        grade: grade(cx.config.quarter, objective.quarter, kr),
        metric: kr.metric.as_ref().map(metric),
        done: &kr.done,
        done_met: kr.done_met(),
        depends_on: depends_on(cx, file, o, k),
        needed_by: needed_by(cx, file, o, k),
        postmortem: crate::grade::postmortem(kr).map(|text| match bare_web_address(text) {
                Some(address) => Postmortem::Address(address),
                None => Postmortem::Text(text),
            }),
        findings: findings(cx, file, o, Some(k)),
    }
}

fn metric(metric: &Metric) -> MetricView<'_> {
    MetricView {
        percent: metric
            .progress()
            .filter(|p| p.is_finite())
            .map(|p| (p * 100.0).round()),
        from: number_text(metric.from),
        current: metric.current.map(number_text),
        to: number_text(metric.to),
        unit: metric.unit.as_deref(),
    }
}

fn depends_on<'a>(
    cx: &'a RenderContext<'a>,
    file: FileId,
    o: usize,
    k: usize,
) -> Vec<Reference<'a>> {
    let plan = cx.plan;
    let kr = &plan.objectives[o].krs[k];
    if kr.depends_on.is_empty() {
        return Vec::new();
    }
    plan.edges
        .iter()
        .filter(|e| e.objective == o && e.kr == k)
        .map(|edge| {
            let raw = kr
                .depends_on
                .get(edge.reference)
                .map_or("", |r| r.raw.as_str());
            match &edge.resolution {
                Resolution::KeyResult { objective, kr } => {
                    kr_reference(cx, file, *objective, *kr, raw.to_string())
                }
                Resolution::Objective(objective) => {
                    let target = &plan.objectives[*objective];
                    Reference::Card {
                        label: raw.to_string(),
                        href: chapter_link(
                            plan,
                            file,
                            target.location.file,
                            &anchor::objective_anchor(&target.id),
                            cx.format,
                        ),
                        title: target.statement.clone(),
                        team: &target.team,
                    }
                }
                Resolution::Team { team, known } => Reference::Ask {
                    team,
                    known: *known,
                },
                Resolution::Unresolved => Reference::Unresolved(raw),
            }
        })
        .collect()
}

fn needed_by<'a>(
    cx: &'a RenderContext<'a>,
    file: FileId,
    o: usize,
    k: usize,
) -> Vec<Reference<'a>> {
    let plan = cx.plan;
    let mut seen = HashSet::new();
    plan.dependents_of(o, k)
        .map(|e| (e.objective, e.kr))
        .filter(|pair| seen.insert(*pair))
        .map(|(objective, kr)| {
            let target = &plan.objectives[objective];
            let label = format!("{}#{}", target.id, target.krs[kr].id);
            kr_reference(cx, file, objective, kr, label)
        })
        .collect()
}

fn kr_reference<'a>(
    cx: &'a RenderContext<'a>,
    file: FileId,
    o: usize,
    k: usize,
    label: String,
) -> Reference<'a> {
    let objective = &cx.plan.objectives[o];
    let kr = &objective.krs[k];
    Reference::Card {
        label,
        href: chapter_link(
            cx.plan,
            file,
            objective.location.file,
            &anchor::kr_anchor(&objective.id, &kr.id),
            cx.format,
        ),
        title: crate::render::inline::plain_text(&kr.text.value),
        team: &objective.team,
    }
}

fn findings<'a>(
    cx: &'a RenderContext<'a>,
    file: FileId,
    objective: usize,
    kr: Option<usize>,
) -> Vec<FindingBox<'a>> {
    if !cx.config.show_diagnostics {
        return Vec::new();
    }
    cx.findings_on(objective, kr)
        .iter()
        .map(|&diagnostic| FindingBox {
            diagnostic,
            rule_href: rule_chapter(cx.plan, diagnostic.rule)
                .and_then(|chapter| chapter_link(cx.plan, file, chapter, "", cx.format)),
            rule_summary: crate::lint::rule(diagnostic.rule).map_or("", |r| r.summary()),
        })
        .collect()
}

/// The grade of `kr` when its quarter is before the current one and it has
/// a score: a committed KR is expected to reach 1.0 (compared exactly, so
/// 0.97 is a miss even though it shows as 1.0), a stretch KR 0.6 to 0.7.
fn grade(
    current: Option<crate::model::Quarter>,
    quarter: crate::model::Quarter,
    kr: &crate::model::KeyResult,
) -> Option<Grade> {
    let grade = crate::grade::past(current, quarter, kr)?;
    Some(Grade {
        class: grade.band.as_str(),
        text: grade.sentence(),
    })
}

/// A score in 0.0..=1.0 with one decimal, or `None` when there is none
/// (or it is not a finite number, as `nan` in TOML would make it).
pub fn score_text(score: Option<f64>) -> Option<String> {
    score
        .filter(|s| s.is_finite())
        .map(crate::grade::one_decimal)
}

/// A metric's number as written: `140`, `99.9`.
pub fn number_text(value: f64) -> String {
    format!("{value}")
}
