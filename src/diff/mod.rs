//! `mdbook-okr diff BASE [HEAD]`: what a change does to the plan, in words
//! a reviewer can act on.
//!
//! Both plans are read whole (the old one through git, see [`revision`]) and
//! linted, then their objectives and key results are paired up:
//! objectives by id, and, when a derived id changed because the statement
//! was reworded, by team, quarter, file and a similar statement; key
//! results by id, identical text or similar text. The pairs are compared
//! field by field. Two changes are flagged because they quietly shift a
//! promise: a committed target made easier, and a prerequisite of another
//! key result turned into a stretch goal.

mod findings;
mod markdown;

use std::path::Path;

use anyhow::{Context as _, Result};
use serde::Serialize;

use crate::analysis::revisions::{Pairs, target_got_easier};
use crate::book::revision;
use crate::book::{self, LoadedPlan};
use crate::config::Config;
use crate::diagnostic::Severity;
use crate::lint::Lexicon;
use crate::model::{Commitment, KeyResult, Metric, Objective};
use crate::plan::{Plan, PlanBuilder};

/// How the report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// Markdown, fit to post as a pull-request comment.
    Markdown,
    Json,
}

/// Compares the plan of the book in `book` at `base` with the plan at
/// `head` (the working tree when `None`).
pub fn diff(book: &Path, base: &str, head: Option<&str>) -> Result<Report> {
    let root = std::fs::canonicalize(book)
        .with_context(|| format!("cannot find the book folder {}", book.display()))?;
    let old = load_at(&root, base)?;
    let new = match head {
        Some(rev) => load_at(&root, rev)?,
        None => book::load_book(&root)?,
    };
    Ok(compare(
        &old,
        &new,
        base.to_string(),
        head.map(str::to_string),
    ))
}

/// Writes the report in the chosen format.
pub fn render(report: &Report, format: DiffFormat) -> String {
    match format {
        DiffFormat::Markdown => markdown::render(report),
        DiffFormat::Json => {
            // Serialising plain strings, numbers and lists cannot fail.
            let mut json = serde_json::to_string_pretty(report).unwrap_or_default();
            json.push('\n');
            json
        }
    }
}

/// The book at a revision; a revision without the book has an empty plan,
/// so a change that adds the book reports everything as added.
fn load_at(root: &Path, rev: &str) -> Result<LoadedPlan> {
    let files = revision::Revision::open(root, rev)?;
    if !book::is_book(&files, root) {
        let config = Config::default();
        let plan = PlanBuilder::new(&config).finish();
        return Ok(LoadedPlan {
            root: Some(root.to_path_buf()),
            config,
            plan,
            disk_paths: Vec::new(),
            read_errors: Vec::new(),
        });
    }
    book::load_book_from(&files, root).with_context(|| format!("reading the book at `{rev}`"))
}

/// What changed between two plans.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub base: String,
    /// `None` is the working tree.
    pub head: Option<String>,
    pub summary: Summary,
    /// Objectives with any change, by team, quarter and book order.
    pub objectives: Vec<ObjectiveChange>,
    pub findings: FindingChanges,
    /// Chapters that could not be read at either revision.
    pub unreadable: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub objectives_added: usize,
    pub objectives_removed: usize,
    pub objectives_changed: usize,
    pub krs_added: usize,
    pub krs_removed: usize,
    pub krs_changed: usize,
    pub flags: usize,
    pub findings_introduced: usize,
    pub findings_fixed: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Added,
    Removed,
    Changed,
}

/// A value before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FromTo<T> {
    pub from: T,
    pub to: T,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectiveChange {
    pub change: Change,
    /// The id now (before, for a removed objective).
    pub id: String,
    pub id_change: Option<FromTo<String>>,
    pub team: String,
    pub team_change: Option<FromTo<String>>,
    pub quarter: String,
    pub quarter_change: Option<FromTo<String>>,
    /// The `objective` text now (before, for a removed objective).
    pub objective: String,
    pub objective_change: Option<FromTo<String>>,
    /// The file it is written in, relative to the book's folder.
    pub file: String,
    /// Scores to one decimal, when they differ at that precision.
    pub score_change: Option<FromTo<Option<f64>>>,
    pub krs: Vec<KrChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KrChange {
    pub change: Change,
    pub id: String,
    pub id_change: Option<FromTo<String>>,
    pub text: String,
    pub text_change: Option<FromTo<String>>,
    pub commitment: &'static str,
    pub commitment_change: Option<FromTo<&'static str>>,
    pub metric_change: Option<FromTo<Option<MetricValues>>>,
    pub done: DoneChanges,
    pub score_change: Option<FromTo<Option<f64>>>,
    /// Changes a reviewer should look at twice.
    pub flags: Vec<Flag>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricValues {
    /// The baseline.
    pub from: f64,
    /// The target.
    pub to: f64,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DoneChanges {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// Items met now that were not before.
    pub checked: Vec<String>,
    pub unchecked: Vec<String>,
}

impl DoneChanges {
    fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.checked.is_empty()
            && self.unchecked.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Flag {
    /// A committed KR's target moved towards its baseline's side.
    EasierTarget { from: f64, to: f64 },
    /// A KR others depend on is now a stretch goal.
    PrerequisiteNowStretch { dependents: Vec<Dependent> },
    /// A KR others depended on was removed.
    PrerequisiteRemoved { dependents: Vec<Dependent> },
}

/// A KR that depends on another, named for the reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dependent {
    pub team: String,
    pub objective: String,
    pub kr: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FindingChanges {
    pub introduced: Vec<FindingRef>,
    pub fixed: Vec<FindingRef>,
}

/// One diagnostic, with the place it has in the plan it belongs to (the
/// new plan for an introduced finding, the old one for a fixed finding).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingRef {
    pub rule: &'static str,
    pub severity: Severity,
    pub objective: Option<String>,
    pub kr: Option<String>,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<usize>,
}

/// Compares two loaded plans.
pub fn compare(old: &LoadedPlan, new: &LoadedPlan, base: String, head: Option<String>) -> Report {
    let lexicon = Lexicon::new(&new.config.words);
    let pairs = Pairs::find(&old.plan, &new.plan, &lexicon);
    let mut objectives = Vec::new();
    for (n, objective) in new.plan.objectives.iter().enumerate() {
        let change = match pairs.objective_new_to_old[n] {
            Some(o) => compare_objectives(old, new, &pairs, o, n),
            None => Some(whole_objective(&new.plan, n, Change::Added)),
        };
        if let Some(change) = change {
            objectives.push((sort_key(objective, 0, n), change));
        }
    }
    for (o, objective) in old.plan.objectives.iter().enumerate() {
        if pairs.objective_old_to_new[o].is_none() {
            let change = whole_objective(&old.plan, o, Change::Removed);
            objectives.push((sort_key(objective, 1, o), change));
        }
    }
    objectives.sort_by(|a, b| a.0.cmp(&b.0));
    let objectives: Vec<ObjectiveChange> = objectives.into_iter().map(|(_, c)| c).collect();
    let findings = findings::compare(old, new, &pairs);
    let mut summary = Summary {
        findings_introduced: findings.introduced.len(),
        findings_fixed: findings.fixed.len(),
        ..Summary::default()
    };
    for objective in &objectives {
        match objective.change {
            Change::Added => summary.objectives_added += 1,
            Change::Removed => summary.objectives_removed += 1,
            Change::Changed => summary.objectives_changed += 1,
        }
        for kr in &objective.krs {
            match kr.change {
                Change::Added => summary.krs_added += 1,
                Change::Removed => summary.krs_removed += 1,
                Change::Changed => summary.krs_changed += 1,
            }
            summary.flags += kr.flags.len();
        }
    }
    let unreadable = old
        .read_errors
        .iter()
        .map(|e| format!("{} at `{base}`: {}", e.path, e.message))
        .chain(new.read_errors.iter().map(|e| {
            let at = head.as_deref().unwrap_or("the working tree");
            format!("{} at {at}: {}", e.path, e.message)
        }))
        .collect();
    Report {
        base,
        head,
        summary,
        objectives,
        findings,
        unreadable,
    }
}

/// Team, quarter, then changed and added objectives in the new book's
/// order, then removed ones in the old book's order.
fn sort_key(objective: &Objective, side: u8, index: usize) -> (String, String, u8, usize) {
    (
        objective.team.clone(),
        objective.quarter.to_string(),
        side,
        index,
    )
}

fn from_to<T: PartialEq>(from: T, to: T) -> Option<FromTo<T>> {
    (from != to).then_some(FromTo { from, to })
}

/// Whitespace changes are not rewording.
fn reworded(from: &str, to: &str) -> Option<FromTo<String>> {
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    (squeeze(from) != squeeze(to)).then(|| FromTo {
        from: from.to_string(),
        to: to.to_string(),
    })
}

/// Scores compare at one decimal, the grade every page shows.
fn score_change(from: Option<f64>, to: Option<f64>) -> Option<FromTo<Option<f64>>> {
    let rounded = |score: Option<f64>| score.map(crate::grade::rounded);
    from_to(rounded(from), rounded(to))
}

fn metric_values(metric: &Metric) -> MetricValues {
    MetricValues {
        from: metric.from,
        to: metric.to,
        unit: metric.unit.clone(),
    }
}

fn whole_objective(plan: &Plan, index: usize, change: Change) -> ObjectiveChange {
    let objective = &plan.objectives[index];
    let krs = objective
        .krs
        .iter()
        .enumerate()
        .map(|(k, kr)| {
            let flags = if change == Change::Removed {
                removed_prerequisite_flags(plan, index, k)
            } else {
                Vec::new()
            };
            whole_kr(kr, change, flags)
        })
        .collect();
    ObjectiveChange {
        change,
        id: objective.id.clone(),
        id_change: None,
        team: objective.team.clone(),
        team_change: None,
        quarter: objective.quarter.to_string(),
        quarter_change: None,
        objective: objective.text.value.clone(),
        objective_change: None,
        file: plan.files[objective.location.file].display_path.clone(),
        score_change: None,
        krs,
    }
}

fn whole_kr(kr: &KeyResult, change: Change, flags: Vec<Flag>) -> KrChange {
    KrChange {
        change,
        id: kr.id.clone(),
        id_change: None,
        text: kr.text.value.clone(),
        text_change: None,
        commitment: kr.commitment.as_str(),
        commitment_change: None,
        metric_change: None,
        done: DoneChanges::default(),
        score_change: None,
        flags,
    }
}

/// Who depended, in the old plan, on a KR that is gone.
fn removed_prerequisite_flags(plan: &Plan, objective: usize, kr: usize) -> Vec<Flag> {
    let dependents = dependents(plan, objective, kr);
    if dependents.is_empty() {
        Vec::new()
    } else {
        vec![Flag::PrerequisiteRemoved { dependents }]
    }
}

fn dependents(plan: &Plan, objective: usize, kr: usize) -> Vec<Dependent> {
    crate::analysis::graph::dependents(plan, objective, kr)
        .into_iter()
        .map(|(o, k)| {
            let objective = &plan.objectives[o];
            Dependent {
                team: objective.team.clone(),
                objective: objective.id.clone(),
                kr: objective.krs[k].id.clone(),
            }
        })
        .collect()
}

/// The changes of a paired objective; `None` when nothing changed.
fn compare_objectives(
    old: &LoadedPlan,
    new: &LoadedPlan,
    pairs: &Pairs,
    o: usize,
    n: usize,
) -> Option<ObjectiveChange> {
    let before = &old.plan.objectives[o];
    let after = &new.plan.objectives[n];
    let kr_pairs = pairs.krs.get(&n).map(Vec::as_slice).unwrap_or_default();
    let mut krs = Vec::new();
    for (k, kr) in after.krs.iter().enumerate() {
        match kr_pairs.get(k).copied().flatten() {
            Some(k_old) => krs.extend(compare_krs(&new.plan, &before.krs[k_old], n, k)),
            None => krs.push(whole_kr(kr, Change::Added, Vec::new())),
        }
    }
    for (k_old, kr) in before.krs.iter().enumerate() {
        if !pairs.kr_old_to_new.contains_key(&(o, k_old)) {
            let flags = removed_prerequisite_flags(&old.plan, o, k_old);
            krs.push(whole_kr(kr, Change::Removed, flags));
        }
    }
    let change = ObjectiveChange {
        change: Change::Changed,
        id: after.id.clone(),
        id_change: from_to(before.id.clone(), after.id.clone()),
        team: after.team.clone(),
        team_change: from_to(before.team.clone(), after.team.clone()),
        quarter: after.quarter.to_string(),
        quarter_change: from_to(before.quarter.to_string(), after.quarter.to_string()),
        objective: after.text.value.clone(),
        objective_change: reworded(&before.text.value, &after.text.value),
        file: new.plan.files[after.location.file].display_path.clone(),
        score_change: score_change(before.score(), after.score()),
        krs,
    };
    let unchanged = change.id_change.is_none()
        && change.team_change.is_none()
        && change.quarter_change.is_none()
        && change.objective_change.is_none()
        && change.score_change.is_none()
        && change.krs.is_empty();
    (!unchanged).then_some(change)
}

/// The changes of a paired KR (`n`, `k` in the new plan); `None` when
/// nothing a reader cares about changed.
fn compare_krs(new_plan: &Plan, before: &KeyResult, n: usize, k: usize) -> Option<KrChange> {
    let after = &new_plan.objectives[n].krs[k];
    let commitment_change = from_to(before.commitment.as_str(), after.commitment.as_str());
    let metric_change = from_to(
        before.metric.as_ref().map(metric_values),
        after.metric.as_ref().map(metric_values),
    );
    let mut flags = Vec::new();
    if let (Some(was), Some(is)) = (&before.metric, &after.metric)
        && after.commitment == Commitment::Committed
        && was.unit == is.unit
        && target_got_easier(was, is)
    {
        flags.push(Flag::EasierTarget {
            from: was.to,
            to: is.to,
        });
    }
    if before.commitment == Commitment::Committed && after.commitment == Commitment::Stretch {
        let dependents = dependents(new_plan, n, k);
        if !dependents.is_empty() {
            flags.push(Flag::PrerequisiteNowStretch { dependents });
        }
    }
    let change = KrChange {
        change: Change::Changed,
        id: after.id.clone(),
        id_change: from_to(before.id.clone(), after.id.clone()),
        text: after.text.value.clone(),
        text_change: reworded(&before.text.value, &after.text.value),
        commitment: after.commitment.as_str(),
        commitment_change,
        metric_change,
        done: compare_done(before, after),
        score_change: score_change(before.score(), after.score()),
        flags,
    };
    let unchanged = change.id_change.is_none()
        && change.text_change.is_none()
        && change.commitment_change.is_none()
        && change.metric_change.is_none()
        && change.done.is_empty()
        && change.score_change.is_none();
    (!unchanged).then_some(change)
}

fn compare_done(before: &KeyResult, after: &KeyResult) -> DoneChanges {
    let key = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut old_items: Vec<Option<&crate::model::DoneItem>> =
        before.done.iter().map(Some).collect();
    let mut changes = DoneChanges::default();
    for item in &after.done {
        let found = old_items
            .iter_mut()
            .find(|old| old.is_some_and(|old| key(&old.text) == key(&item.text)));
        match found.and_then(Option::take) {
            Some(old) if !old.met && item.met => changes.checked.push(item.text.clone()),
            Some(old) if old.met && !item.met => changes.unchecked.push(item.text.clone()),
            Some(_) => {}
            None => changes.added.push(item.text.clone()),
        }
    }
    changes.removed = old_items
        .into_iter()
        .flatten()
        .map(|old| old.text.clone())
        .collect();
    changes
}

#[cfg(test)]
mod tests;
