//! GitLab's Code Quality report: a JSON array of issues, shown in merge
//! requests. GitLab tells issues apart by `fingerprint`, so it must be
//! unique within a report and stable from one pipeline to the next.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::output::{Paths, fingerprints, position};
use crate::plan::Plan;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: &'a str,
    severity: &'static str,
    location: IssueLocation,
}

#[derive(Serialize)]
struct IssueLocation {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

pub fn write(plan: &Plan, paths: &Paths, diagnostics: &[Diagnostic]) -> String {
    let fingerprints = fingerprints(plan, diagnostics);
    let issues: Vec<Issue<'_>> = diagnostics
        .iter()
        .zip(&fingerprints)
        .map(|(diagnostic, fingerprint)| {
            // GitLab needs a path for every issue: a finding about the whole
            // book goes on book.toml (or the first file, for loose files).
            let (path, line) = match position(plan, diagnostic) {
                Some(p) => (paths.file(p.file), p.line),
                None => (
                    paths
                        .book_wide()
                        .map(str::to_string)
                        .or_else(|| plan.files.first().map(|f| paths.file(&f.display_path)))
                        .unwrap_or_default(),
                    1,
                ),
            };
            Issue {
                description: format!("{} [{}]", diagnostic.message, diagnostic.rule),
                check_name: diagnostic.rule,
                fingerprint,
                severity: severity(diagnostic.severity),
                location: IssueLocation {
                    path,
                    lines: Lines { begin: line },
                },
            }
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&issues).unwrap_or_default();
    text.push('\n');
    text
}

/// GitLab's scale has five steps; `error` fails the check, like the
/// "major" of most linters' GitLab reports, and `critical`/`blocker` are
/// left for security tools.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}
