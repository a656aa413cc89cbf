//! The `[[kr]]` tables of an objective block: each key result, its
//! metric and its Definition of Done.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{COMMITMENT_VALUES, KIND_VALUES, KR_KEYS, METRIC_KEYS, Problem, Reader};
use crate::model::{
    Commitment, DoneItem, KeyResult, Kind, Location, Metric, Reference, Span, Target, Text,
};

impl Reader<'_> {
    pub(super) fn key_results(&mut self, table: &DeTable<'_>, block: &Location) -> Vec<KeyResult> {
        let Some(value) = table.get("kr") else {
            self.problems.push(Problem {
                message: "the objective has no key results".into(),
                help: "add 3 to 5 `[[kr]]` tables, each with a `text`".into(),
                location: block.clone(),
                subject: None,
            });
            return Vec::new();
        };
        let items: Vec<&Spanned<DeValue<'_>>> = match value.get_ref() {
            DeValue::Array(items) if items.iter().all(|i| i.get_ref().is_table()) => {
                items.iter().collect()
            }
            other => {
                self.wrong_type(
                    value.span(),
                    "kr",
                    "an array of tables, written `[[kr]]`",
                    other,
                );
                return Vec::new();
            }
        };
        if items.is_empty() {
            self.problem(
                value.span(),
                "the objective has no key results",
                "add 3 to 5 `[[kr]]` tables, each with a `text`",
            );
        }
        // A `[[kr]]` table's span covers only its header: extend it to the
        // next table's header, or the end of the body, so a KR's location
        // holds all of its keys.
        let body_end = self.raw.body.trim_end().len();
        let starts: Vec<usize> = items.iter().map(|item| item.span().start).collect();
        let mut krs: Vec<KeyResult> = Vec::new();
        let mut slugs: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for (position, item) in items.into_iter().enumerate() {
            let Some(kr_table) = item.get_ref().as_table() else {
                continue;
            };
            let mut span = item.span();
            if self
                .raw
                .body
                .get(span.clone())
                .is_some_and(|h| h.starts_with("[["))
            {
                span.end = starts
                    .get(position + 1)
                    .copied()
                    .unwrap_or(body_end)
                    .max(span.end);
            }
            let Some(kr) = self.key_result(kr_table, position, span) else {
                continue;
            };
            // KR ids must differ as anchors too (`okr-<objective>-<kr slug>`),
            // or links to one key result would land on another.
            let slug = crate::model::slugify(&kr.id);
            if let Some(first) = slugs.get(&slug).map(|&i| &krs[i]) {
                let message = if first.id == kr.id {
                    format!("two key results have the id `{}`", kr.id)
                } else {
                    format!(
                        "the key result ids `{}` and `{}` differ only in case or punctuation, so their cards would share one anchor",
                        first.id, kr.id
                    )
                };
                self.problems.push(Problem {
                    message,
                    help: "give each key result of the objective its own `id`".into(),
                    location: kr.location.clone(),
                    subject: None,
                });
            } else {
                slugs.insert(slug, krs.len());
            }
            krs.push(kr);
        }
        krs
    }

    fn key_result(
        &mut self,
        table: &DeTable<'_>,
        position: usize,
        span: Span,
    ) -> Option<KeyResult> {
        let location = self.location(span);
        self.unknown_keys(table, KR_KEYS, "a key result");
        let text = self.string(table, "text");
        let id = self.string(table, "id");
        let kind = self.enum_value(table, "kind", KIND_VALUES);
        let commitment = self.enum_value(table, "commitment", COMMITMENT_VALUES);
        let metric = self.metric(table);
        let done = self
            .string_list(table, "done")
            .into_iter()
            .map(done_item)
            .collect();
        let depends_on = self
            .string_list(table, "depends_on")
            .into_iter()
            .map(|t| Reference {
                target: Target::parse(&t.value),
                raw: t.value,
                location: t.location,
            })
            .collect();
        let owner = self.string(table, "owner").map(|t| t.value);
        let postmortem = self.string(table, "postmortem").map(|t| t.value);
        let allow = self.string_list(table, "allow");

        let Some(text) = text else {
            if !table.contains_key("text") {
                self.problems.push(Problem {
                    message: format!("key result {} has no `text`", position + 1),
                    help: "add `text = \"...\"`: what changes, by how much, and why".into(),
                    location,
                    subject: None,
                });
            }
            return None;
        };
        let kind_explicit = kind.is_some();
        let kind = match kind.as_deref() {
            Some("impact") => Kind::Impact,
            Some("discovery") => Kind::Discovery,
            Some(_) => Kind::Delivery,
            None if metric.is_some() => Kind::Impact,
            None => Kind::Delivery,
        };
        let commitment_explicit = commitment.is_some();
        let commitment = match commitment.as_deref() {
            Some("stretch") => Commitment::Stretch,
            _ => Commitment::Committed,
        };
        let (id, id_explicit) = match id {
            Some(id) => (id.value, true),
            None => (format!("KR{}", position + 1), false),
        };
        Some(KeyResult {
            id,
            id_explicit,
            text,
            kind,
            kind_explicit,
            commitment,
            commitment_explicit,
            metric,
            done,
            depends_on,
            owner,
            postmortem,
            allow,
            location,
        })
    }

    fn metric(&mut self, table: &DeTable<'_>) -> Option<Metric> {
        let value = table.get("metric")?;
        let DeValue::Table(metric) = value.get_ref() else {
            self.wrong_type(
                value.span(),
                "metric",
                "a table like `{ from = 10, to = 2 }`",
                value.get_ref(),
            );
            return None;
        };
        self.unknown_keys(metric, METRIC_KEYS, "a metric");
        let from = self.number(metric, "from");
        let to = self.number(metric, "to");
        let current = self.number(metric, "current");
        let unit = self.string(metric, "unit").map(|t| t.value);
        for key in ["from", "to"] {
            if !metric.contains_key(key) {
                self.problem(
                    value.span(),
                    format!("the metric has no `{key}`"),
                    "a metric needs its baseline `from` and its target `to`",
                );
            }
        }
        Some(Metric {
            from: from?,
            to: to?,
            current,
            unit,
            location: self.location(value.span()),
        })
    }
}

fn done_item(text: Text) -> DoneItem {
    let trimmed = text.value.trim_start();
    let (met, rest) = if let Some(rest) = trimmed
        .strip_prefix("[x]")
        .or_else(|| trimmed.strip_prefix("[X]"))
    {
        (true, rest)
    } else if let Some(rest) = trimmed.strip_prefix("[ ]") {
        (false, rest)
    } else {
        (false, trimmed)
    };
    DoneItem {
        text: rest.trim().to_string(),
        met,
        location: text.location,
    }
}
