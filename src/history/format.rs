//! `mdbook-okr history`'s output: the whole table as JSON, CSV or Markdown.

use std::fmt::Write as _;

use super::patterns::{Change, Run};
use super::progress::{KrProgress, Report};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum HistoryFormat {
    Json,
    Csv,
    Markdown,
}

pub fn render(report: &Report, format: HistoryFormat) -> String {
    match format {
        HistoryFormat::Json => {
            // Plain strings, numbers and lists always serialise.
            let mut json = serde_json::to_string_pretty(report).unwrap_or_default();
            json.push('\n');
            json
        }
        HistoryFormat::Csv => csv(report),
        HistoryFormat::Markdown => markdown(report),
    }
}

fn score(score: Option<f64>) -> String {
    score.map(|s| format!("{s:.2}")).unwrap_or_default()
}

fn status(kr: &KrProgress) -> &'static str {
    kr.status.map(|s| s.as_str()).unwrap_or("")
}

fn csv(report: &Report) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "team",
        "quarter",
        "objective",
        "kr",
        "text",
        "commitment",
        "score",
        "expected",
        "status",
        "stale",
        "last_progress",
        "scores",
    ];
    // Writing to memory cannot fail.
    let _ = writer.write_record(header);
    for kr in &report.krs {
        let scores: Vec<String> = kr
            .scores
            .iter()
            .map(|p| format!("{} {}", p.date, score(p.score)))
            .collect();
        let _ = writer.write_record([
            kr.team.clone(),
            kr.quarter.to_string(),
            kr.objective.clone(),
            kr.kr.clone(),
            kr.text.clone(),
            kr.commitment.as_str().to_string(),
            score(kr.score),
            score(kr.expected),
            status(kr).to_string(),
            kr.stale.to_string(),
            kr.last_progress.map(|d| d.to_string()).unwrap_or_default(),
            scores.join("; "),
        ]);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A table cell: pipes and line breaks would end it early.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn markdown(report: &Report) -> String {
    let mut out = format!("# Progress as of {}\n\n", report.today);
    out.push_str("| Team | Quarter | Key result | Score | Expected | Status | Last progress |\n");
    out.push_str("| --- | --- | --- | --- | --- | --- | --- |\n");
    for kr in &report.krs {
        let mut state = status(kr).to_string();
        if kr.stale {
            state.push_str(if state.is_empty() { "stale" } else { ", stale" });
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} ({}#{}) | {} | {} | {} | {} |",
            cell(&kr.team),
            kr.quarter,
            cell(&kr.text),
            cell(&kr.objective),
            cell(&kr.kr),
            score(kr.score),
            score(kr.expected),
            state,
            kr.last_progress.map(|d| d.to_string()).unwrap_or_default(),
        );
    }
    let patterns = &report.patterns;
    runs(
        &mut out,
        "Stretch key results met every time",
        &patterns.stretch_always_met,
    );
    runs(
        &mut out,
        "Committed key results missed in a row",
        &patterns.committed_missed,
    );
    if !patterns.late_changes.is_empty() {
        out.push_str("\n## Changed after the quarter started\n\n");
        for change in &patterns.late_changes {
            let what = match &change.change {
                Change::TargetLowered { from, to } => {
                    format!("target made easier, from {from} to {to}")
                }
                Change::CommitmentChanged { from, to } => {
                    format!("changed from {} to {}", from.as_str(), to.as_str())
                }
            };
            let _ = writeln!(
                out,
                "- {} {}: \"{}\": {what}, in {} on {} by {}",
                cell(&change.team),
                change.quarter,
                cell(&change.text),
                change.commit,
                change.date,
                cell(&change.author),
            );
        }
    }
    out
}

fn runs(out: &mut String, title: &str, runs: &[Run]) {
    if runs.is_empty() {
        return;
    }
    let _ = write!(out, "\n## {title}\n\n");
    for run in runs {
        let quarters: Vec<String> = run.quarters.iter().map(ToString::to_string).collect();
        let _ = writeln!(out, "- {} in {}:", cell(&run.team), quarters.join(", "));
        for kr in &run.krs {
            let _ = writeln!(
                out,
                "  - {} \"{}\" scored {}",
                kr.quarter,
                cell(&kr.text),
                score(kr.score)
            );
        }
    }
}
