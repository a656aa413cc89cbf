//! `template-placeholder`: a block still holds template text.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use crate::analysis::similarity::normalize_statement;
use crate::analysis::tokens;
use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::{Context, Rule};
use crate::model::{Location, Objective};

pub struct TemplatePlaceholder;

/// Every sentence `mdbook-okr new` writes, from the template itself. A
/// string of a block equal to one of them (ignoring case, spacing and a
/// closing full stop) was never filled in.
pub use crate::analysis::words::template::SENTENCES as TEMPLATE_TEXTS;

/// [`TEMPLATE_TEXTS`] in the form strings are compared in, normalised once.
static TEMPLATES: LazyLock<HashSet<String>> = LazyLock::new(|| {
    TEMPLATE_TEXTS
        .iter()
        .map(|t| normalize_statement(t))
        .collect()
});

/// Markers people leave for "fill this in later", matched as whole words
/// and written in capitals (a lowercase "todo list" is a real thing).
const MARKERS: &[&str] = &["TODO", "TBD", "TBA", "XXX", "FIXME", "TKTK"];

/// Inline HTML tags that look like `<word>` but are markup, not holes.
const HTML_TAGS: &[&str] = &[
    "a", "abbr", "b", "br", "code", "del", "em", "i", "ins", "kbd", "mark", "p", "s", "samp",
    "small", "span", "strong", "sub", "sup", "u", "var", "wbr", "hr",
];

impl Rule for TemplatePlaceholder {
    fn name(&self) -> &'static str {
        "template-placeholder"
    }

    fn default_level(&self) -> Level {
        Level::Error
    }

    fn summary(&self) -> &'static str {
        "The block still holds template text: TODO, TBD, `<metric>` or an unchanged template sentence"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Reports every string of a block that still holds template text: a marker
such as `TODO`, `TBD` or `XXX`, an angle-bracket placeholder such as
`<team>`, `<metric>` or `<baseline>`, or a sentence left exactly as
`mdbook-okr new` wrote it.

## Why is this bad?

A template shows the shape of a good objective: what is built, for whom,
and the outcome; key results with a baseline and a target; a Definition of
Done. Its value is in being filled in. A plan that still says "from
`<baseline>` to 2" promises nothing anyone can check, and nobody should merge
it that way.

## How it decides

- Every string of the block is read: the objective, its phase, team and
  owner, and each key result's text, Definition of Done items, owner,
  postmortem and metric unit.
- Markers: `TODO`, `TBD`, `TBA`, `XXX`, `FIXME` and `TKTK` as whole words in
  capitals (a "todo list" is real work).
- Placeholders: `<` right before a letter, then letters, digits, spaces,
  `-`, `_` or `/`, then `>`, as in `<team>` or `<for whom>`. A comparison
  such as `p95 < 200ms` or `a < b > c` has spaces or digits after `<` and is
  not one; inline HTML such as `<em>` is not one either, and neither is an
  argument inside a code span (`` `deploy <service>` `` is a command).
- Template sentences: a string equal, ignoring case, spacing and a closing
  full stop, to one of the sentences `mdbook-okr new` writes.
- One finding per string, on the key result when the string belongs to one,
  quoting every placeholder of it.

## Example

```toml
objective = "Define SLOs for all customer-facing services to make reliability trade-offs explicit"

[[kr]]
text = "Reduce unplanned SLO misses from <baseline> to 2 per quarter"
```

## Use instead

```toml
objective = "Define SLOs for all customer-facing services to make reliability trade-offs explicit"

[[kr]]
text = "Reduce unplanned SLO misses from 9 to 2 per quarter"
```
"#
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (o, objective) in cx.plan.objectives.iter().enumerate() {
            for field in fields(objective) {
                let holes = placeholders(field.value);
                // Every template sentence holds a `<` (a test checks it), and
                // normalising neither adds nor removes one: a string without
                // it is no template sentence, and most strings have none.
                let unchanged = holes.is_empty()
                    && field.value.contains('<')
                    && TEMPLATES.contains(&normalize_statement(field.value));
                if holes.is_empty() && !unchanged {
                    continue;
                }
                let message = if holes.is_empty() {
                    format!(
                        "{} \"{}\" is left exactly as the template wrote it",
                        field.what, field.value
                    )
                } else {
                    let quoted: Vec<String> = holes
                        .iter()
                        .map(|r| format!("`{}`", &field.value[r.clone()]))
                        .collect();
                    format!(
                        "{} still holds template text: {}",
                        field.what,
                        quoted.join(", ")
                    )
                };
                let location = match (&field.text, holes.first()) {
                    (Some(text), Some(first)) => cx.plan.sub_location(text, first.clone()),
                    _ => field.location,
                };
                let mut finding = Finding::new(
                    self.name(),
                    message,
                    "replace the template text with the real content: what gets built, for whom \
                     and why; numbers for the baseline and the target; checkable Definition of \
                     Done items",
                )
                .on_objective(o)
                .at(location);
                finding.kr = field.kr;
                out.push(finding);
            }
        }
    }
}

/// One string of a block, and where to point at it.
struct Field<'a> {
    what: Label<'a>,
    value: &'a str,
    kr: Option<usize>,
    /// The string with its own position, when the model keeps one.
    text: Option<&'a crate::model::Text>,
    location: Location,
}

fn fields(objective: &Objective) -> Vec<Field<'_>> {
    let block = || objective.location.clone();
    let mut fields = vec![Field {
        what: Label::Block("the objective"),
        value: &objective.text.value,
        kr: None,
        text: Some(&objective.text),
        location: objective.text.location.clone(),
    }];
    if let Some(phase) = objective
        .phase
        .as_ref()
        .filter(|p| p.location != objective.text.location)
    {
        fields.push(Field {
            what: Label::Block("the phase"),
            value: &phase.value,
            kr: None,
            text: Some(phase),
            location: phase.location.clone(),
        });
    }
    fields.push(Field {
        what: Label::Block("the team"),
        value: &objective.team,
        kr: None,
        text: None,
        location: block(),
    });
    if let Some(owner) = &objective.owner {
        fields.push(Field {
            what: Label::Block("the owner"),
            value: owner,
            kr: None,
            text: None,
            location: block(),
        });
    }
    for (k, kr) in objective.krs.iter().enumerate() {
        let name = &kr.id;
        fields.push(Field {
            what: Label::Kr(name),
            value: &kr.text.value,
            kr: Some(k),
            text: Some(&kr.text),
            location: kr.text.location.clone(),
        });
        for item in &kr.done {
            fields.push(Field {
                what: Label::OfKr("a Definition of Done item", name),
                value: &item.text,
                kr: Some(k),
                text: None,
                location: item.location.clone(),
            });
        }
        let extras = [
            ("the owner", kr.owner.as_deref()),
            ("the postmortem", kr.postmortem.as_deref()),
            (
                "the metric unit",
                kr.metric.as_ref().and_then(|m| m.unit.as_deref()),
            ),
        ];
        for (what, value) in extras {
            if let Some(value) = value {
                fields.push(Field {
                    what: Label::OfKr(what, name),
                    value,
                    kr: Some(k),
                    text: None,
                    location: kr.location.clone(),
                });
            }
        }
    }
    fields
}

/// What a string of a block is, for the message; written out only for the
/// few strings that are reported.
enum Label<'a> {
    /// "the objective", "the team".
    Block(&'static str),
    /// The key result's own text, named by its id.
    Kr(&'a str),
    /// "a Definition of Done item of kr-1", "the owner of kr-1".
    OfKr(&'static str, &'a str),
}

impl std::fmt::Display for Label<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Label::Block(what) => f.write_str(what),
            Label::Kr(id) => f.write_str(id),
            Label::OfKr(what, id) => write!(f, "{what} of {id}"),
        }
    }
}

/// True when a marker occurs anywhere in `value`, as `value.contains` of
/// each would say, in one pass: every marker starts with a capital, and a
/// text has few capitals, so only those places are compared (this runs on
/// every string of every block).
fn holds_marker(value: &str) -> bool {
    let bytes = value.as_bytes();
    (0..bytes.len()).any(|i| {
        bytes[i].is_ascii_uppercase()
            && MARKERS.iter().any(|m| bytes[i..].starts_with(m.as_bytes()))
    })
}

/// The byte ranges of the markers and angle-bracket placeholders of a
/// string, in order.
fn placeholders(value: &str) -> Vec<Range<usize>> {
    // Most strings hold no marker and no `<`: the cheap search first.
    let mut found: Vec<Range<usize>> = if holds_marker(value) {
        tokens(value)
            .into_iter()
            .filter(|t| MARKERS.contains(&t.text))
            .map(|t| t.range)
            .collect()
    } else {
        Vec::new()
    };
    if !value.contains('<') {
        return found;
    }
    let code = code_spans(value);
    let mut rest = 0;
    while let Some(offset) = value[rest..].find('<') {
        let start = rest + offset;
        rest = start + 1;
        // `deploy <service>` in a code span is a command's argument.
        if code.iter().any(|span| span.contains(&start)) {
            continue;
        }
        let inner_start = start + 1;
        let Some(first) = value[inner_start..].chars().next() else {
            break;
        };
        if !first.is_alphabetic() {
            continue;
        }
        let inner_len = value[inner_start..]
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '/')))
            .unwrap_or(value.len() - inner_start);
        let end = inner_start + inner_len;
        let inner = &value[inner_start..end];
        if !value[end..].starts_with('>') || inner.ends_with(' ') || inner.len() > 60 {
            continue;
        }
        if HTML_TAGS.contains(&inner.to_ascii_lowercase().as_str()) {
            continue;
        }
        found.push(start..end + 1);
        rest = end + 1;
    }
    found.sort_by_key(|r| r.start);
    found
}

/// The byte ranges of the code spans of a string: text between two runs of
/// backticks of the same length, as CommonMark reads them.
fn code_spans(value: &str) -> Vec<Range<usize>> {
    let bytes = value.as_bytes();
    let run_at = |i: usize| bytes[i..].iter().take_while(|&&b| b == b'`').count();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let open = run_at(i);
        let mut j = i + open;
        let close = loop {
            match bytes[j..].iter().position(|&b| b == b'`') {
                Some(offset) => {
                    let at = j + offset;
                    let run = run_at(at);
                    if run == open {
                        break Some(at);
                    }
                    j = at + run;
                }
                None => break None,
            }
        };
        match close {
            Some(at) => {
                spans.push(i + open..at);
                i = at + open;
            }
            None => i += open,
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_sentence_holds_an_angle_bracket() {
        // The check skips normalising strings without one.
        for sentence in TEMPLATE_TEXTS {
            assert!(sentence.contains('<'), "{sentence}");
        }
    }

    #[test]
    fn markers_are_found_wherever_contains_finds_them() {
        for marker in MARKERS {
            assert!(marker.as_bytes()[0].is_ascii_uppercase(), "{marker}");
        }
        for value in [
            "TODO",
            "a TBD b",
            "xFIXME",
            "Tune TKTK",
            "The tail",
            "",
            "todo",
            "TB",
        ] {
            assert_eq!(
                holds_marker(value),
                MARKERS.iter().any(|m| value.contains(m)),
                "{value}"
            );
        }
    }
    use crate::lint::testing::{config, diagnostics_with, findings, objective};

    fn found(statement: &str, krs: &[&str]) -> Vec<(String, Option<String>)> {
        let text = objective("o", statement, krs);
        findings("template-placeholder", &[("a.md", &text)])
    }

    const GOOD: &str = "Define SLOs for all customer-facing services to make trade-offs explicit";

    fn on_kr(id: &str) -> (String, Option<String>) {
        ("o".into(), Some(id.into()))
    }

    #[test]
    fn angle_bracket_placeholders_fire_where_they_are() {
        assert_eq!(
            found(
                GOOD,
                &["text = \"Reduce unplanned SLO misses from <baseline> to 2 per quarter\""]
            ),
            [on_kr("KR1")]
        );
        assert_eq!(
            found("Build <what> for <for whom> to cut toil", &["text = \"x\""]),
            [("o".into(), None)]
        );
        assert_eq!(
            found(
                GOOD,
                &[
                    "text = \"x\"",
                    "text = \"y\"\ndone = [\"[ ] <first check>\"]"
                ]
            ),
            [on_kr("KR2")]
        );
        assert_eq!(
            found(
                GOOD,
                &["text = \"Cut x\"\nmetric = { from = 1, to = 2, unit = \"<unit>\" }"]
            ),
            [on_kr("KR1")]
        );
    }

    #[test]
    fn arguments_in_code_spans_are_code() {
        assert_eq!(
            found(
                GOOD,
                &["text = \"Document `deploy <service>` and ``run <job> `now` `` for every team\""]
            ),
            []
        );
        // A placeholder outside the span still fires; an unclosed backtick
        // opens no span.
        assert_eq!(
            found(GOOD, &["text = \"Run `deploy <service>` for <team>\""]),
            [on_kr("KR1")]
        );
        assert_eq!(
            found(GOOD, &["text = \"Cut ` <baseline> to 2\""]),
            [on_kr("KR1")]
        );
        assert_eq!(code_spans("a `b` c ``d`e`` f"), [3..4, 10..13]);
    }

    #[test]
    fn markers_fire_in_capitals_only() {
        assert_eq!(
            found("TODO: write the objective", &["text = \"x\""]),
            [("o".into(), None)]
        );
        assert_eq!(
            found(GOOD, &["text = \"Cut pages from TBD to 4 per month\""]),
            [on_kr("KR1")]
        );
        assert_eq!(
            found(
                GOOD,
                &["text = \"Serve XXX% of traffic\"\npostmortem = \"FIXME\""]
            ),
            [on_kr("KR1"), on_kr("KR1")]
        );
        assert!(
            found(
                "Ship a todo list service for support agents to cut lost tickets",
                &["text = \"x\""]
            )
            .is_empty()
        );
    }

    #[test]
    fn every_template_sentence_fires_when_left_unchanged() {
        for sentence in TEMPLATE_TEXTS {
            let krs = [format!(
                "text = \"x\"\ndone = [\"[ ] {}\"]",
                sentence.to_uppercase()
            )];
            let krs: Vec<&str> = krs.iter().map(String::as_str).collect();
            assert_eq!(found(GOOD, &krs), [on_kr("KR1")], "{sentence}");
        }
        let done = format!(
            "text = \"x\"\ndone = [\"[ ] {}.\"]",
            crate::analysis::words::template::DONE_ITEMS[0]
        );
        assert_eq!(found(GOOD, &[done.as_str()]), [on_kr("KR1")]);
    }

    #[test]
    fn comparisons_html_and_filled_in_sentences_pass() {
        for kr in [
            "text = \"Hold checkout p95 < 200ms for the whole quarter\"",
            "text = \"Keep error rate <0.1% and latency < 300ms\"",
            "text = \"Keep queue depth a < b > c in every region\"",
            "text = \"Ship the <em>new</em> portal to 5 teams\"",
            "text = \"Link docs at <https://wiki.example.com/slo>\"",
            "text = \"Describe the first checkable result that shows the KR is done for 5 teams\"",
            "text = \"Reduce pages from 20 to 4 per month\"\ndone = [\"[ ] Name who approves it: the SRE lead\"]",
        ] {
            assert!(found(GOOD, &[kr]).is_empty(), "{kr}");
        }
    }

    #[test]
    fn the_message_quotes_the_placeholders() {
        let text = objective(
            "o",
            GOOD,
            &["text = \"Reduce <metric> from <baseline> to 2\""],
        );
        let d = diagnostics_with(&config(), "template-placeholder", &[("a.md", &text)]);
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message.contains("`<metric>`, `<baseline>`"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn placeholder_ranges_are_exact() {
        let value = "from <baseline> to <target>, TBD";
        let ranges: Vec<&str> = placeholders(value).into_iter().map(|r| &value[r]).collect();
        assert_eq!(ranges, ["<baseline>", "<target>", "TBD"]);
        assert!(placeholders("x <").is_empty());
        assert!(placeholders("<é").is_empty());
    }
}
