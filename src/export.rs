//! `mdbook-okr export [BOOK] --format json|csv`: the resolved plan for other
//! tools (dashboards, spreadsheets), from the same plan and diagnostics the
//! build and `check` use.
//!
//! # JSON (`--format json`)
//!
//! One document, version 1. Numbers are JSON numbers; absent values are
//! `null`. Objectives and key results are in book order.
//!
//! ```text
//! {
//!   "version": 1,
//!   "quarter": "2026-Q2" | null,        // the configured current quarter
//!   "teams": ["security", ...] | null,  // the configured teams
//!   "objectives": [{
//!     "id": "secrets-vault",            // given or derived
//!     "team": "security",
//!     "quarter": "2026-Q2",
//!     "objective": "...",               // as written, phase parentheses included
//!     "statement": "...",               // without the phase label
//!     "phase": "Core rollout" | null,
//!     "owner": "Dana Kim" | null,
//!     "file": "src/2026-Q2/security.md", "line": 3,
//!     "score": 0.45 | null,             // mean of the KR scores that exist
//!     "done": { "met": 1, "total": 3 }, // Definition of Done items of all KRs
//!     "findings": { "errors": 0, "warnings": 1, "infos": 0 },
//!     "key_results": [{
//!       "id": "KR1",
//!       "text": "...",
//!       "kind": "impact" | "delivery" | "discovery",
//!       "commitment": "committed" | "stretch",
//!       "owner": "..." | null,
//!       "metric": { "from": 140, "to": 0, "current": 35 | null, "unit": "secrets" | null } | null,
//!       "score": 0.75 | null,
//!       "done": { "met": 1, "total": 2, "items": [{ "text": "...", "met": true }] },
//!       "postmortem": "..." | null,   // null when absent or blank
//!       "prerequisite": false,          // another KR depends on it
//!       "depends_on": ["ci-pipeline#KR2"],
//!       "findings": { "errors": 0, "warnings": 0, "infos": 0 }
//!     }]
//!   }],
//!   "dependencies": [{                  // one per `depends_on` entry
//!     "from": { "team": "security", "objective": "secrets-vault", "kr": "KR3" },
//!     "reference": "ci-pipeline#KR2",   // as written
//!     "to": { "team": "platform" | null, "objective": "ci-pipeline" | null, "kr": "KR2" | null },
//!     "status": "ok" | "unresolved" | "cycle" | "stretch" | "partial" | "open-ask",
//!     "risks": ["stretch", ...]         // every risk; `status` is the first, or "ok"
//!   }],
//!   "diagnostics": [ ... ],             // exactly as `check --format json` writes them
//!   "summary": { "errors": 0, "warnings": 0, "infos": 0, "objectives": 1, "key_results": 3 }
//! }
//! ```
//!
//! `to` of a `team:` ask has only `team`; of an unresolved reference, all
//! three are `null`.
//!
//! # CSV (`--format csv`)
//!
//! One row per key result with a header row; the columns are [`CSV_COLUMNS`]
//! in that order. Scores have three decimals; `depends_on` and
//! `dependency_risks` join their values with `;` (`dependency_risks` is
//! `ok` when every dependency is fine, empty when the KR has none).

use std::path::Path;

use anyhow::{Result, bail};
use serde::Serialize;

use crate::analysis::graph;
use crate::book::load_book;
use crate::config::Config;
use crate::diagnostic::{Counts, Diagnostic, Risk};
use crate::grade;
use crate::lint;
use crate::model::{KeyResult, Objective};
use crate::plan::{Plan, Resolution};

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
}

/// Loads the book at `root`, lints it and writes the export.
pub fn export(root: &Path, format: ExportFormat) -> Result<String> {
    let loaded = load_book(root)?;
    if let Some(error) = loaded.read_errors.first() {
        bail!("{}: {}", error.path, error.message);
    }
    let diagnostics = lint::run(&loaded.plan, &loaded.config);
    let cwd = std::env::current_dir().ok();
    let paths = crate::output::Paths::new(Some(root), cwd.as_deref());
    match format {
        ExportFormat::Json => Ok(to_json(&loaded.plan, &loaded.config, &paths, &diagnostics)),
        ExportFormat::Csv => to_csv(&loaded.plan, &diagnostics),
    }
}

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    quarter: Option<String>,
    teams: Option<&'a [String]>,
    objectives: Vec<ObjectiveEntry<'a>>,
    dependencies: Vec<DependencyEntry<'a>>,
    diagnostics: serde_json::Value,
    summary: serde_json::Value,
}

#[derive(Serialize)]
struct ObjectiveEntry<'a> {
    id: &'a str,
    team: &'a str,
    quarter: String,
    objective: &'a str,
    statement: &'a str,
    phase: Option<&'a str>,
    owner: Option<&'a str>,
    file: &'a str,
    line: usize,
    score: Option<f64>,
    done: DoneCount,
    findings: Counts,
    key_results: Vec<KrEntry<'a>>,
}

#[derive(Serialize)]
struct DoneCount {
    met: usize,
    total: usize,
}

#[derive(Serialize)]
struct KrEntry<'a> {
    id: &'a str,
    text: &'a str,
    kind: &'static str,
    commitment: &'static str,
    owner: Option<&'a str>,
    metric: Option<MetricEntry<'a>>,
    score: Option<f64>,
    done: KrDone<'a>,
    postmortem: Option<&'a str>,
    prerequisite: bool,
    depends_on: Vec<&'a str>,
    findings: Counts,
}

#[derive(Serialize)]
struct MetricEntry<'a> {
    from: f64,
    to: f64,
    current: Option<f64>,
    unit: Option<&'a str>,
}

#[derive(Serialize)]
struct KrDone<'a> {
    met: usize,
    total: usize,
    items: Vec<DoneItemEntry<'a>>,
}

#[derive(Serialize)]
struct DoneItemEntry<'a> {
    text: &'a str,
    met: bool,
}

#[derive(Serialize)]
struct DependencyEntry<'a> {
    from: EndPoint<'a>,
    reference: &'a str,
    to: EndPoint<'a>,
    status: &'static str,
    risks: Vec<&'static str>,
}

#[derive(Serialize)]
struct EndPoint<'a> {
    team: Option<&'a str>,
    objective: Option<&'a str>,
    kr: Option<&'a str>,
}

/// Findings by severity for each objective and for each of its KRs.
struct FindingCounts {
    objectives: Vec<Counts>,
    krs: Vec<Vec<Counts>>,
}

fn finding_counts(plan: &Plan, diagnostics: &[Diagnostic]) -> FindingCounts {
    let mut counts = FindingCounts {
        objectives: vec![Counts::default(); plan.objectives.len()],
        krs: plan
            .objectives
            .iter()
            .map(|o| vec![Counts::default(); o.krs.len()])
            .collect(),
    };
    for d in diagnostics {
        let Some(o) = d.objective_index else { continue };
        counts.objectives[o].add(d.severity);
        if let Some(kr) = d.kr_index.and_then(|k| counts.krs[o].get_mut(k)) {
            kr.add(d.severity);
        }
    }
    counts
}

fn status(risks: &[Risk]) -> &'static str {
    risks.iter().min().map_or("ok", |r| r.as_str())
}

fn objective_line(plan: &Plan, objective: &Objective) -> usize {
    plan.file(objective.location.file)
        .line_col(objective.location.span.start)
        .0
}

/// The JSON document described in the module docs.
pub fn to_json(
    plan: &Plan,
    config: &Config,
    paths: &crate::output::Paths,
    diagnostics: &[Diagnostic],
) -> String {
    let counts = finding_counts(plan, diagnostics);
    let objectives = plan
        .objectives
        .iter()
        .enumerate()
        .map(|(o, objective)| ObjectiveEntry {
            id: &objective.id,
            team: &objective.team,
            quarter: objective.quarter.to_string(),
            objective: &objective.text.value,
            statement: &objective.statement,
            phase: objective.phase.as_ref().map(|p| p.value.as_str()),
            owner: objective.owner.as_deref(),
            file: &plan.file(objective.location.file).display_path,
            line: objective_line(plan, objective),
            score: objective.score(),
            done: DoneCount {
                met: objective.krs.iter().map(KeyResult::done_met).sum(),
                total: objective.krs.iter().map(|kr| kr.done.len()).sum(),
            },
            findings: counts.objectives[o],
            key_results: objective
                .krs
                .iter()
                .enumerate()
                .map(|(k, kr)| KrEntry {
                    id: &kr.id,
                    text: &kr.text.value,
                    kind: kr.kind.as_str(),
                    commitment: kr.commitment.as_str(),
                    owner: kr.owner.as_deref(),
                    metric: kr.metric.as_ref().map(|m| MetricEntry {
                        from: m.from,
                        to: m.to,
                        current: m.current,
                        unit: m.unit.as_deref(),
                    }),
                    score: kr.score(),
                    done: KrDone {
                        met: kr.done_met(),
                        total: kr.done.len(),
                        items: kr
                            .done
                            .iter()
                            .map(|d| DoneItemEntry {
                                text: &d.text,
                                met: d.met,
                            })
                            .collect(),
                    },
                    postmortem: grade::postmortem(kr),
                    prerequisite: plan.is_prerequisite(o, k),
                    depends_on: kr.depends_on.iter().map(|r| r.raw.as_str()).collect(),
                    findings: counts.krs[o][k],
                })
                .collect(),
        })
        .collect();
    let risks = graph::edge_risks(plan, diagnostics);
    let dependencies = plan
        .edges
        .iter()
        .zip(&risks)
        .map(|(edge, risks)| {
            let source = &plan.objectives[edge.objective];
            let kr = &source.krs[edge.kr];
            let to = match &edge.resolution {
                Resolution::KeyResult { objective, kr } => {
                    let target = &plan.objectives[*objective];
                    EndPoint {
                        team: Some(&target.team),
                        objective: Some(&target.id),
                        kr: Some(&target.krs[*kr].id),
                    }
                }
                Resolution::Objective(objective) => EndPoint {
                    team: Some(&plan.objectives[*objective].team),
                    objective: Some(&plan.objectives[*objective].id),
                    kr: None,
                },
                Resolution::Team { team, known: true } => EndPoint {
                    team: Some(team),
                    objective: None,
                    kr: None,
                },
                Resolution::Team { known: false, .. } | Resolution::Unresolved => EndPoint {
                    team: None,
                    objective: None,
                    kr: None,
                },
            };
            DependencyEntry {
                from: EndPoint {
                    team: Some(&source.team),
                    objective: Some(&source.id),
                    kr: Some(&kr.id),
                },
                reference: &kr.depends_on[edge.reference].raw,
                to,
                status: status(risks),
                risks: risks.iter().map(|r| r.as_str()).collect(),
            }
        })
        .collect();
    // The diagnostics and summary are `check --format json`'s own, so the
    // two outputs can never disagree.
    let check: serde_json::Value =
        serde_json::from_str(&crate::output::json::write(plan, paths, diagnostics))
            .unwrap_or_default();
    let document = Document {
        version: 1,
        quarter: config.quarter.map(|q| q.to_string()),
        teams: config.teams.as_deref(),
        objectives,
        dependencies,
        diagnostics: check["diagnostics"].clone(),
        summary: check["summary"].clone(),
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

/// The CSV columns, in order.
pub const CSV_COLUMNS: &[&str] = &[
    "quarter",
    "team",
    "objective_id",
    "objective",
    "phase",
    "objective_score",
    "kr_id",
    "kr_text",
    "kind",
    "commitment",
    "owner",
    "metric_from",
    "metric_to",
    "metric_current",
    "metric_unit",
    "score",
    "done_met",
    "done_total",
    "depends_on",
    "dependency_risks",
    "prerequisite",
    "errors",
    "warnings",
    "infos",
    "file",
    "line",
];

fn decimal(value: Option<f64>) -> String {
    value.map_or_else(String::new, |v| format!("{v:.3}"))
}

fn number(value: f64) -> String {
    // Integers print without a fraction; others as written.
    value.to_string()
}

/// One row per key result, columns as [`CSV_COLUMNS`].
pub fn to_csv(plan: &Plan, diagnostics: &[Diagnostic]) -> Result<String> {
    let counts = finding_counts(plan, diagnostics);
    let risks = graph::edge_risks(plan, diagnostics);
    let mut kr_risks: Vec<Vec<Vec<Risk>>> = plan
        .objectives
        .iter()
        .map(|o| vec![Vec::new(); o.krs.len()])
        .collect();
    for (edge, risks) in plan.edges.iter().zip(&risks) {
        let list = &mut kr_risks[edge.objective][edge.kr];
        for risk in risks {
            if !list.contains(risk) {
                list.push(*risk);
            }
        }
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(CSV_COLUMNS)?;
    for (o, objective) in plan.objectives.iter().enumerate() {
        let line = objective_line(plan, objective).to_string();
        for (k, kr) in objective.krs.iter().enumerate() {
            let metric = kr.metric.as_ref();
            let mut risks = kr_risks[o][k].clone();
            risks.sort();
            let dependency_risks = if kr.depends_on.is_empty() {
                String::new()
            } else if risks.is_empty() {
                "ok".to_string()
            } else {
                risks
                    .iter()
                    .map(|r| r.as_str())
                    .collect::<Vec<_>>()
                    .join(";")
            };
            let findings = counts.krs[o][k];
            writer.write_record([
                objective.quarter.to_string(),
                objective.team.clone(),
                objective.id.clone(),
                objective.text.value.clone(),
                objective
                    .phase
                    .as_ref()
                    .map(|p| p.value.clone())
                    .unwrap_or_default(),
                decimal(objective.score()),
                kr.id.clone(),
                kr.text.value.clone(),
                kr.kind.as_str().to_string(),
                kr.commitment.as_str().to_string(),
                kr.owner.clone().unwrap_or_default(),
                metric.map(|m| number(m.from)).unwrap_or_default(),
                metric.map(|m| number(m.to)).unwrap_or_default(),
                metric
                    .and_then(|m| m.current)
                    .map(number)
                    .unwrap_or_default(),
                metric.and_then(|m| m.unit.clone()).unwrap_or_default(),
                decimal(kr.score()),
                kr.done_met().to_string(),
                kr.done.len().to_string(),
                kr.depends_on
                    .iter()
                    .map(|r| r.raw.as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
                dependency_risks,
                plan.is_prerequisite(o, k).to_string(),
                findings.errors.to_string(),
                findings.warnings.to_string(),
                findings.infos.to_string(),
                plan.file(objective.location.file).display_path.clone(),
                line.clone(),
            ])?;
        }
    }
    let bytes = writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(String::from_utf8(bytes)?)
}

#[cfg(test)]
mod tests;
