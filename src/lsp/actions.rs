//! Code actions, offered only where the fix is certain.

use std::collections::HashMap;

use lsp_types::{CodeAction, CodeActionKind, TextEdit, Uri, WorkspaceEdit};

use super::diagnostics::{code_description, place, to_lsp};
use super::position::range;
use super::workspace::Analysis;
use crate::diagnostic::{Diagnostic, Subject};
use crate::lint;
use crate::model::{FileId, Location, Span};
use crate::plan::Plan;

/// The quick fixes for the findings that overlap `span` of a file.
pub fn actions(analysis: &Analysis, uri: &Uri, file: FileId, span: &Span) -> Vec<CodeAction> {
    let plan = analysis.plan();
    let mut out = Vec::new();
    for diagnostic in &analysis.diagnostics {
        let Some(location) = &diagnostic.location else {
            continue;
        };
        if location.file != file || location.span.end < span.start || span.end < location.span.start
        {
            continue;
        }
        let fixes = [
            rename_key(plan, diagnostic, location),
            done_skeleton(plan, diagnostic),
            make_committed(plan, diagnostic, location),
            allow(plan, diagnostic),
        ];
        for (preferred, (title, edit)) in fixes
            .into_iter()
            .enumerate()
            .filter_map(|(i, fix)| Some((i < 3, fix?)))
        {
            let text = &plan.file(edit.0.file).text;
            let edit = TextEdit {
                range: range(text, &edit.0.span),
                new_text: edit.1,
            };
            out.push(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![to_lsp(
                    diagnostic,
                    place(analysis, diagnostic).1,
                    code_description(analysis.loaded.config.guide_url.as_ref(), diagnostic.rule),
                )]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: Some(preferred),
                ..CodeAction::default()
            });
        }
    }
    out
}

/// A fix: its title, and the text that replaces a span.
type Fix = Option<(String, (Location, String))>;

fn insert(file: FileId, at: usize, text: String) -> (Location, String) {
    (Location { file, span: at..at }, text)
}

/// An unknown key with a known one close to it: rename the key, when it
/// is written bare (a quoted key would need its quotes kept).
fn rename_key(plan: &Plan, diagnostic: &Diagnostic, location: &Location) -> Fix {
    let Some(Subject::UnknownKey {
        key,
        closest: Some(suggestion),
    }) = &diagnostic.subject
    else {
        return None;
    };
    let text = &plan.file(location.file).text;
    if text.get(location.span.clone())? != key {
        return None;
    }
    Some((
        format!("Rename `{key}` to `{suggestion}`"),
        (location.clone(), suggestion.clone()),
    ))
}

/// The end of the line holding `at`, and that line's container and TOML
/// indentation, so a new line fits in a block quote or list.
fn line_end_and_prefix(text: &str, at: usize) -> (usize, &str) {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[start..end];
    let prefix = &line[..line.len() - line.trim_start_matches([' ', '\t', '>']).len()];
    let end = if text[..end].ends_with('\r') {
        end - 1
    } else {
        end
    };
    (end, prefix)
}

/// Whether a KR table already has a line for `key`.
fn has_key(text: &str, span: &Span, key: &str) -> bool {
    text[span.clone()].lines().any(|line| {
        line.trim_start_matches([' ', '\t', '>'])
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    })
}

/// `missing-definition-of-done`: a `done` list to fill in.
fn done_skeleton(plan: &Plan, diagnostic: &Diagnostic) -> Fix {
    if diagnostic.rule != "missing-definition-of-done" {
        return None;
    }
    let kr = &plan.objectives[diagnostic.objective_index?].krs[diagnostic.kr_index?];
    let text = &plan.file(kr.location.file).text;
    if has_key(text, &kr.location.span, "done") {
        return None;
    }
    // The table runs to the next header: skip the blank lines before it.
    let span = &kr.location.span;
    let content = text[span.clone()].trim_end_matches([' ', '\t', '\r', '\n', '>']);
    let (end, prefix) = line_end_and_prefix(text, span.start + content.len());
    let line = format!("\n{prefix}done = [\"[ ] ...\"]");
    Some((
        "Add a Definition of Done".to_string(),
        insert(kr.location.file, end, line),
    ))
}

/// `stretch-prerequisite`: make the prerequisite committed.
fn make_committed(plan: &Plan, diagnostic: &Diagnostic, location: &Location) -> Fix {
    if diagnostic.rule != "stretch-prerequisite" {
        return None;
    }
    let written = plan.file(location.file).text.get(location.span.clone())?;
    let value = written
        .strip_prefix("commitment")?
        .trim_start()
        .strip_prefix('=')?;
    if value.trim() != "\"stretch\"" {
        return None;
    }
    Some((
        "Make it `committed`".to_string(),
        (location.clone(), "commitment = \"committed\"".to_string()),
    ))
}

/// Any rule that can be allowed: add it to the KR's `allow`, or the
/// objective's when the finding is about the whole objective.
fn allow(plan: &Plan, diagnostic: &Diagnostic) -> Fix {
    let rule = lint::rule(diagnostic.rule)?.name();
    if rule == "invalid-block" {
        return None;
    }
    let objective = &plan.objectives[diagnostic.objective_index?];
    let (allow, table, header, what) = match diagnostic.kr_index {
        Some(k) => {
            let kr = &objective.krs[k];
            (
                &kr.allow,
                &kr.location.span,
                kr.location.span.start,
                "key result",
            )
        }
        None => (
            &objective.allow,
            &objective.location.span,
            objective.location.span.start,
            "objective",
        ),
    };
    let file = objective.location.file;
    let text = &plan.file(file).text;
    let title = format!("Allow `{rule}` on this {what}");
    if let Some(last) = allow.last() {
        return Some((
            title,
            insert(file, last.location.span.end, format!(", \"{rule}\"")),
        ));
    }
    // An objective's keys come before its first `[[kr]]`: the new line goes
    // just under the opening fence (or the KR's header).
    let scope = match diagnostic.kr_index {
        Some(_) => table.clone(),
        None => objective
            .krs
            .first()
            .map_or(table.clone(), |kr| table.start..kr.location.span.start),
    };
    if has_key(text, &scope, "allow") {
        return None;
    }
    let (end, prefix) = line_end_and_prefix(text, header);
    Some((
        title,
        insert(file, end, format!("\n{prefix}allow = [\"{rule}\"]")),
    ))
}
