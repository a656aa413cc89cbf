//! Completion inside `okr` blocks, read from the text before the cursor
//! (a block being typed is seldom valid TOML).

use lsp_types::{CompletionItem, CompletionItemKind};

use super::workspace::Analysis;
use crate::lint::RULES;
use crate::model::FileId;
use crate::source::block::{COMMITMENT_VALUES, KIND_VALUES, KR_KEYS, OBJECTIVE_KEYS};
use crate::source::scan;

/// The completions at a byte offset of a file.
pub fn complete(analysis: &Analysis, file: FileId, at: usize) -> Vec<CompletionItem> {
    let plan = analysis.plan();
    let text = &plan.file(file).text;
    let Some(block) = scan::scan(text)
        .into_iter()
        .find(|b| b.span.start < at && at <= b.span.end)
    else {
        return Vec::new();
    };
    // The body starts after the opening fence's line.
    let Some(body_start) = text[block.span.start..at].find('\n') else {
        return Vec::new();
    };
    let before = &text[block.span.start + body_start..at];
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let line = line.trim_start_matches([' ', '\t', '>']);

    if let Some((key, written)) = open_array(before) {
        let quoted = written.matches('"').count() % 2 == 1;
        return match key {
            "depends_on" => references(analysis, quoted),
            _ => RULES
                .iter()
                .map(|rule| value(rule.name(), Some(rule.summary()), quoted))
                .collect(),
        };
    }
    if let Some((key, written)) = line.split_once('=') {
        let quoted = written.contains('"');
        let values: Vec<&str> = match key.trim() {
            "kind" => KIND_VALUES.to_vec(),
            "commitment" => COMMITMENT_VALUES.to_vec(),
            "team" => analysis
                .loaded
                .config
                .teams
                .iter()
                .flatten()
                .map(String::as_str)
                .collect(),
            _ => Vec::new(),
        };
        return values.into_iter().map(|v| value(v, None, quoted)).collect();
    }
    if line.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        let in_kr = before
            .lines()
            .rev()
            .map(|l| l.trim_start_matches([' ', '\t', '>']).trim_end())
            .find(|l| l.starts_with('['))
            .is_some_and(|l| l == "[[kr]]");
        let keys = if in_kr { KR_KEYS } else { OBJECTIVE_KEYS };
        return keys
            .iter()
            .map(|key| CompletionItem {
                label: key.to_string(),
                kind: Some(CompletionItemKind::PROPERTY),
                insert_text: Some(if *key == "kr" && !in_kr {
                    "[[kr]]".to_string()
                } else {
                    format!("{key} = ")
                }),
                ..CompletionItem::default()
            })
            .collect();
    }
    Vec::new()
}

/// The `depends_on` or `allow` array the cursor is inside, and what is
/// written in it so far.
fn open_array(before: &str) -> Option<(&'static str, &str)> {
    ["depends_on", "allow"]
        .into_iter()
        .filter_map(|key| {
            let at = before.rfind(key)?;
            let rest = before[at + key.len()..].trim_start().strip_prefix('=')?;
            let written = rest.trim_start().strip_prefix('[')?;
            (!written.contains(']')).then_some((at, key, written))
        })
        .max_by_key(|(at, _, _)| *at)
        .map(|(_, key, written)| (key, written))
}

fn value(label: &str, detail: Option<&str>, quoted: bool) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(CompletionItemKind::VALUE),
        detail: detail.map(str::to_string),
        insert_text: (!quoted).then(|| format!("\"{label}\"")),
        ..CompletionItem::default()
    }
}

/// Every objective and KR of the book, and every team's open ask.
fn references(analysis: &Analysis, quoted: bool) -> Vec<CompletionItem> {
    let plan = analysis.plan();
    let mut items = Vec::new();
    for objective in &plan.objectives {
        let mut item = value(&objective.id, Some(&objective.text.value), quoted);
        item.kind = Some(CompletionItemKind::MODULE);
        items.push(item);
        for kr in &objective.krs {
            let id = format!("{}#{}", objective.id, kr.id);
            let mut item = value(&id, Some(&kr.text.value), quoted);
            item.kind = Some(CompletionItemKind::REFERENCE);
            items.push(item);
        }
    }
    for team in analysis.loaded.config.teams.iter().flatten() {
        items.push(value(
            &format!("team:{team}"),
            Some("an open ask of the team"),
            quoted,
        ));
    }
    items
}
