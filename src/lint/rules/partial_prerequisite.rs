//! `partial-prerequisite`: other work depends on a key result that aims at
//! only part of its scope.

use std::ops::Range;

use crate::config::Level;
use crate::diagnostic::{Finding, Risk, Subject};
use crate::lint::graph::{dependents, describe_dependents};
use crate::lint::text;
use crate::lint::{Context, Rule};
use crate::model::{KeyResult, Location, Metric};
use crate::plan::Plan;

pub struct PartialPrerequisite;

impl Rule for PartialPrerequisite {
    fn name(&self) -> &'static str {
        "partial-prerequisite"
    }

    fn default_level(&self) -> Level {
        Level::Error
    }

    fn summary(&self) -> &'static str {
        "A key result that others depend on aims at only part of its scope"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Reports a key result that other key results depend on when it sets out to
cover only a share of its scope: "migrate 85% of services", "10 of the 14
teams", "most services", "the majority of teams", "half of the clusters", or
a `metric` in `%` that grows to a target below 100. The message quotes the
share and names every team and KR that depends on it.

## Why is this bad?

Teams that build on platform work need the whole of it. If a migration
stops at 85%, the team whose service sits in the other 15% gets nothing at
all, and it cannot know in advance which side it will fall on. A
prerequisite should promise the full baseline, every service, every team,
and say plainly what "done" covers; a partial target is fine only for work
nobody else is waiting on.

## How it decides

Only prerequisites are checked: KRs that another KR depends on, by name or
through their whole objective. The KR's text is read for a share of scope:

- a percentage below 100 of something ("70% of build actions"), a growing
  percentage ("adoption from 20% to 60%", "coverage to 80%"), or a
  percentage of completion ("85% migrated");
- a count of a larger count ("10 of the 14 teams", "12/14 teams"), unless
  the two are equal ("9 of 9") or it is a position ("phase 2 of 3");
- words for a part: "most", "the majority of", "half of", "a third of",
  "nearly all", "all but", "a subset of", "some of the".

A percentage is not a share when it is a service level or a falling
measure: the text speaks of availability, uptime, an SLO, latency or a
percentile (p95, p99), error or success rates; the sentence starts with a
verb that lowers or holds a measure ("reduce", "cut", "keep", "hold"); the
percentage follows "below", "under", "at most" or "at"; it is a relative
change ("by 30%"); or it is the lower end of "from 3.5% to 0.2%". Full scope
("all 40 services", "100% of services", "9 of 9 teams") never fires.

Without a share in the text, a `metric` with unit `%` whose target is above
its baseline and below 100 fires, unless the text names a service level.

## Example

```toml
id = "deploy-pipeline"
[[kr]]
text = "Migrate 85% of services to the new deployment pipeline"
```

```toml
[[kr]]
text = "Run every payments release through the new pipeline"
depends_on = ["deploy-pipeline#KR1"]
```

## Use instead

```toml
[[kr]]
text = "Migrate all 40 active services to the new deployment pipeline and decommission the legacy one"
```
"#
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let plan = cx.plan;
        for (o, objective) in plan.objectives.iter().enumerate() {
            for (k, kr) in objective.krs.iter().enumerate() {
                if !plan.is_prerequisite(o, k) {
                    continue;
                }
                let Some((what, location)) = partial_target(plan, kr) else {
                    continue;
                };
                let dependents = dependents(plan, o, k);
                if dependents.is_empty() {
                    continue;
                }
                out.push(
                    Finding::new(
                        self.name(),
                        format!(
                            "`{}#{}` aims at only part of its scope ({what}), but {} depend{} on \
                             all of it",
                            objective.id,
                            kr.id,
                            describe_dependents(plan, &dependents),
                            if dependents.len() == 1 { "s" } else { "" },
                        ),
                        "teams that depend on this need the whole baseline: commit to the full \
                         scope (\"all 40 services migrated and the legacy pipeline \
                         decommissioned\"), or split the remainder into a separate KR nobody \
                         depends on",
                    )
                    .on_kr(o, k)
                    .at(location)
                    .about(Subject::Prerequisite {
                        edges: plan.dependent_edges(o, k).to_vec(),
                        risk: Risk::Partial,
                    }),
                );
            }
        }
    }
}

/// What makes the KR partial, as a phrase for the message, and where.
fn partial_target(plan: &Plan, kr: &KeyResult) -> Option<(String, Location)> {
    let text = &kr.text.value;
    if let Some(range) = partial_share(text) {
        let quoted = format!("\"{}\"", &text[range.clone()]);
        return Some((quoted, plan.sub_location(&kr.text, range)));
    }
    let metric = kr.metric.as_ref()?;
    if !partial_metric(metric) || is_service_level(&lex(text)) {
        return None;
    }
    Some((
        format!("its metric grows from {}% to {}%", metric.from, metric.to),
        metric.location.clone(),
    ))
}

/// A percentage metric that grows to a target below 100.
fn partial_metric(metric: &Metric) -> bool {
    let unit = metric.unit.as_deref().unwrap_or("").trim().to_lowercase();
    let percent = unit.starts_with('%') || unit.starts_with("percent");
    percent && metric.grows() && metric.to < 100.0
}

/// The byte range of the first phrase of `text` that aims at a share of the
/// scope below all of it, if any.
pub fn partial_share(text: &str) -> Option<Range<usize>> {
    let lexemes = lex(text);
    let percents = if percent_is_a_level(&lexemes) {
        None
    } else {
        (0..lexemes.len()).find_map(|i| percent_share(&lexemes, i))
    };
    percents
        .or_else(|| (0..lexemes.len()).find_map(|i| count_share(&lexemes, i)))
        .or_else(|| (0..lexemes.len()).find_map(|i| word_share(&lexemes, i)))
}

#[derive(Debug, Clone, PartialEq)]
enum Piece {
    /// Lowercased.
    Word(String),
    Number {
        value: f64,
        percent: bool,
        /// Letters written right after the digits, lowercased (`ms` in `200ms`).
        unit: Option<String>,
    },
    Symbol(char),
}

#[derive(Debug, Clone, PartialEq)]
struct Lexeme {
    piece: Piece,
    range: Range<usize>,
}

impl Lexeme {
    fn word(&self) -> Option<&str> {
        match &self.piece {
            Piece::Word(w) => Some(w),
            _ => None,
        }
    }

    fn is(&self, word: &str) -> bool {
        self.word() == Some(word)
    }

    fn is_any(&self, words: &[&str]) -> bool {
        self.word().is_some_and(|w| words.contains(&w))
    }

    /// A plain count: digits or a number word, no unit, no percent.
    fn count(&self) -> Option<f64> {
        match &self.piece {
            Piece::Number {
                value,
                percent: false,
                unit: None,
            } => Some(*value),
            Piece::Word(w) => crate::lint::text::small_number_word(w),
            _ => None,
        }
    }

    fn percent(&self) -> Option<f64> {
        match self.piece {
            Piece::Number {
                value,
                percent: true,
                ..
            } => Some(value),
            _ => None,
        }
    }
}

/// Splits a text into words, numbers (with `%` or "percent" folded in) and
/// punctuation. Numbers keep thousands separators and decimals together.
fn lex(text: &str) -> Vec<Lexeme> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(offset, _)| offset);
    let mut out: Vec<Lexeme> = Vec::new();
    let mut i = 0;
    while let Some(&(start, c)) = chars.get(i) {
        if c.is_ascii_digit() {
            let mut j = i;
            let mut digits = String::new();
            while let Some(&(_, d)) = chars.get(j) {
                let next_is_digit = chars.get(j + 1).is_some_and(|(_, n)| n.is_ascii_digit());
                if d.is_ascii_digit() {
                    digits.push(d);
                } else if d == '.' && next_is_digit {
                    digits.push('.');
                } else if d != ',' || !next_is_digit {
                    break;
                }
                j += 1;
            }
            let unit_start = end_of(j);
            while chars.get(j).is_some_and(|(_, l)| l.is_alphabetic()) {
                j += 1;
            }
            let unit = Some(text[unit_start..end_of(j)].to_lowercase()).filter(|u| !u.is_empty());
            let mut percent = false;
            let mut k = j;
            while chars.get(k).is_some_and(|(_, s)| *s == ' ') {
                k += 1;
            }
            if chars.get(k).is_some_and(|(_, s)| *s == '%') {
                percent = true;
                j = k + 1;
            }
            out.push(Lexeme {
                piece: Piece::Number {
                    value: digits.parse().unwrap_or(0.0),
                    percent,
                    unit,
                },
                range: start..end_of(j),
            });
            i = j;
        } else if c.is_alphanumeric() {
            let mut j = i;
            while let Some(&(_, l)) = chars.get(j) {
                let joiner = matches!(l, '-' | '\'' | '’')
                    && chars.get(j + 1).is_some_and(|(_, n)| n.is_alphanumeric());
                if !(l.is_alphanumeric() || joiner) {
                    break;
                }
                j += 1;
            }
            let word = text[start..end_of(j)].to_lowercase();
            // "85 percent" and "85 per cent" are "85%".
            let previous_number = out.last_mut().filter(|l| {
                matches!(
                    l.piece,
                    Piece::Number {
                        percent: false,
                        unit: None,
                        ..
                    }
                )
            });
            if let (Some(number), "percent" | "cent") = (previous_number, word.as_str()) {
                if let Piece::Number { percent, .. } = &mut number.piece {
                    *percent = true;
                }
                number.range.end = end_of(j);
            } else if word == "per"
                && text[end_of(j)..]
                    .trim_start()
                    .to_lowercase()
                    .starts_with("cent")
                && out.last().is_some_and(|l| l.count().is_some())
            {
                // Swallowed: "cent" comes next and marks the number.
            } else {
                out.push(Lexeme {
                    piece: Piece::Word(word),
                    range: start..end_of(j),
                });
            }
            i = j;
        } else {
            if !c.is_whitespace() {
                out.push(Lexeme {
                    piece: Piece::Symbol(c),
                    range: start..end_of(i + 1),
                });
            }
            i += 1;
        }
    }
    out
}

/// Words that make a percentage a service level or a quality measure of a
/// system rather than a share of the work's scope.
fn is_service_level(lexemes: &[Lexeme]) -> bool {
    const LEVEL_WORDS: &[&str] = &[
        "availability",
        "available",
        "uptime",
        "downtime",
        "slo",
        "slos",
        "sla",
        "slas",
        "sli",
        "slis",
        "latency",
        "latencies",
        "percentile",
        "percentiles",
        "durability",
        "apdex",
        "error",
        "errors",
        "success",
        "successful",
        "succeed",
        "failure",
        "failures",
        "utilization",
        "utilisation",
        "accuracy",
        "precision",
        "recall",
        "satisfaction",
        "nps",
        "csat",
        "budget",
        "burn",
        "reliability",
        "flaky",
        "flakiness",
    ];
    const TIME_UNITS: &[&str] = &[
        "ms", "s", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes", "h",
        "hour", "hours", "day", "days",
    ];
    let is_time = |l: &Lexeme| match &l.piece {
        Piece::Number {
            unit: Some(unit), ..
        } => TIME_UNITS.contains(&unit.as_str()),
        Piece::Word(w) => TIME_UNITS.contains(&w.as_str()),
        _ => false,
    };
    lexemes.iter().enumerate().any(|(i, l)| {
        let percentile = |w: &str| {
            w.len() > 1 && w.starts_with('p') && w[1..].bytes().all(|b| b.is_ascii_digit())
        };
        // "99.9% of requests", "99.95%": nines are service levels.
        let nines = l.percent().is_some_and(|v| v > 99.0 && v < 100.0);
        // "within 2 days", "under 300ms": a time bound makes the share a
        // service level ("90% of tickets answered within 2 days").
        let time_bound =
            l.is_any(&["within", "under", "below"]) && lexemes[i + 1..].iter().take(3).any(is_time);
        nines
            || time_bound
            || l.word()
                .is_some_and(|w| LEVEL_WORDS.contains(&w) || percentile(w))
    })
}

/// True when every percentage of the text should be read as a level: a
/// service level, or a sentence that lowers or holds a measure.
fn percent_is_a_level(lexemes: &[Lexeme]) -> bool {
    const LOWERING_OR_HOLDING: &[&str] = &[
        "reduce",
        "cut",
        "lower",
        "decrease",
        "drop",
        "shrink",
        "trim",
        "halve",
        "minimize",
        "minimise",
        "eliminate",
        "limit",
        "cap",
        "keep",
        "hold",
        "maintain",
        "sustain",
        "stay",
        "remain",
        "save",
        "reclaim",
        "free",
        "allocate",
        "spend",
        "dedicate",
        "reserve",
        "invest",
    ];
    // "Cut over 80% of traffic" moves traffic; it lowers nothing.
    let cut_over = lexemes.first().is_some_and(|l| l.is("cut"))
        && lexemes.get(1).is_some_and(|l| l.is("over"));
    is_service_level(lexemes)
        || (!cut_over
            && lexemes
                .first()
                .is_some_and(|l| l.is_any(LOWERING_OR_HOLDING)))
}

/// A percentage below 100 that is a share: "70% of build actions",
/// "from 20% to 60%", "adoption to 60%", "85% migrated".
fn percent_share(lexemes: &[Lexeme], i: usize) -> Option<Range<usize>> {
    const CEILINGS: &[&str] = &[
        "below", "under", "than", "most", "max", "maximum", "within", "at", "by",
    ];
    const COMPLETION: &[&str] = &[
        "complete",
        "completed",
        "done",
        "migrated",
        "migration",
        "adopted",
        "adoption",
        "coverage",
        "covered",
        "rolled",
        "onboarded",
        "finished",
        "deployed",
        "compliant",
        "compliance",
        "converted",
        "moved",
    ];
    let value = lexemes[i].percent()?;
    if value <= 0.0 || value >= 100.0 {
        return None;
    }
    let before = i.checked_sub(1).map(|p| &lexemes[p]);
    if before.is_some_and(|b| b.is_any(CEILINGS) || matches!(b.piece, Piece::Symbol('<' | '≤'))) {
        return None;
    }
    let here = lexemes[i].range.clone();
    // A rate ("pass rate to 98%", "hit rate from 40% to 70%") is a level of
    // quality; only an explicit "N% of <things>" makes it a share of scope.
    let rate = lexemes
        .iter()
        .any(|l| l.is_any(&["rate", "rates", "ratio"]));
    if rate && !lexemes.get(i + 1).is_some_and(|l| l.is("of")) {
        return None;
    }
    // "from A% to B%": a share only when it grows; quote the whole change.
    if i >= 3 && lexemes[i - 1].is("to") && lexemes[i - 3].is("from") {
        let baseline = lexemes[i - 2].percent().or(lexemes[i - 2].count())?;
        return (value > baseline).then(|| lexemes[i - 3].range.start..here.end);
    }
    if lexemes.get(i + 1).is_some_and(|l| l.is("of")) {
        return Some(
            here.start..noun_phrase_end(lexemes, i + 2).unwrap_or(lexemes[i + 1].range.end),
        );
    }
    const RELATIVE: &[&str] = &[
        "more",
        "less",
        "fewer",
        "faster",
        "slower",
        "higher",
        "lower",
        "cheaper",
        "smaller",
        "larger",
        "bigger",
        "increase",
        "decrease",
        "reduction",
        "improvement",
        "growth",
    ];
    if lexemes.get(i + 1).is_some_and(|l| l.is_any(RELATIVE)) {
        return None;
    }
    if lexemes.get(i + 1).is_some_and(|l| l.is_any(COMPLETION)) {
        return Some(here.start..lexemes[i + 1].range.end);
    }
    if before.is_some_and(|b| b.is_any(&["to", "reach", "reaches", "reaching"])) {
        let start = i
            .checked_sub(2)
            .map_or(here.start, |p| lexemes[p].range.start);
        return Some(start..here.end);
    }
    None
}

/// "10 of the 14 teams", "10 out of 14", "12/14 teams": a count of a larger
/// count, not a position such as "phase 2 of 3".
fn count_share(lexemes: &[Lexeme], i: usize) -> Option<Range<usize>> {
    const POSITIONS: &[&str] = &[
        "phase",
        "step",
        "stage",
        "milestone",
        "part",
        "wave",
        "sprint",
        "week",
        "month",
        "quarter",
        "day",
        "year",
        "chapter",
        "item",
        "page",
        "level",
        "tier",
        "batch",
        "round",
        "release",
        "version",
        "iteration",
        "no",
        "number",
        "kr",
        "okr",
    ];
    const DETERMINERS: &[&str] = &[
        "the", "our", "its", "their", "these", "those", "all", "your",
    ];
    const TIME_UNITS: &[&str] = &[
        "days",
        "weeks",
        "months",
        "quarters",
        "years",
        "hours",
        "minutes",
        "seconds",
        "sprints",
        "releases",
        "builds",
        "deploys",
        "deployments",
        "runs",
    ];
    // "Pick one of the 3 vendors" is a choice, not a share of the work.
    const CHOOSING: &[&str] = &[
        "choose",
        "pick",
        "select",
        "decide",
        "shortlist",
        "recommend",
    ];
    let part = lexemes[i].count()?;
    if (i > 0 && lexemes[i - 1].is_any(POSITIONS))
        || lexemes[..i].iter().any(|l| l.is_any(CHOOSING))
    {
        return None;
    }
    let mut j = i + 1;
    let fraction = matches!(lexemes.get(j).map(|l| &l.piece), Some(Piece::Symbol('/')));
    if fraction {
        j += 1;
        // "12/14 teams" needs a plural noun after it; "3/31" is a date.
        let noun = lexemes.get(j + 1).and_then(Lexeme::word)?;
        let is_number = |l: &Lexeme| {
            matches!(
                l.piece,
                Piece::Number {
                    percent: false,
                    unit: None,
                    ..
                }
            )
        };
        if !lexemes.get(j).is_some_and(is_number)
            || !noun.ends_with('s')
            || TIME_UNITS.contains(&noun)
        {
            return None;
        }
    } else {
        if lexemes.get(j).is_some_and(|l| l.is("out")) {
            j += 1;
        }
        if !lexemes.get(j).is_some_and(|l| l.is("of")) {
            return None;
        }
        j += 1;
        while lexemes.get(j).is_some_and(|l| l.is_any(DETERMINERS)) {
            j += 1;
        }
    }
    let whole = lexemes.get(j)?.count()?;
    if part >= whole {
        return None;
    }
    Some(lexemes[i].range.start..noun_phrase_end(lexemes, j + 1).unwrap_or(lexemes[j].range.end))
}

/// Words for a part: "most services", "the majority of teams", "half of the
/// clusters", "a third of", "nearly all", "all but two", "a subset of".
fn word_share(lexemes: &[Lexeme], i: usize) -> Option<Range<usize>> {
    const PART_OF: &[&str] = &[
        "subset", "portion", "handful", "fraction", "minority", "majority", "bulk",
    ];
    const SOME: &[&str] = &["some", "several", "many", "few"];
    const FRACTIONS: &[&str] = &[
        "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths",
    ];
    const TIME_BEFORE: &[&str] = &[
        "in", "by", "within", "after", "for", "every", "each", "per", "over", "than",
    ];
    const ORDINALS: &[&str] = &[
        "first", "second", "last", "next", "latter", "former", "h1", "h2",
    ];
    const DETERMINERS: &[&str] = &[
        "the", "our", "its", "their", "these", "those", "all", "your",
    ];
    let word = lexemes[i].word()?;
    let before = |n: usize| i.checked_sub(n).map(|p| &lexemes[p]);
    let after = |n: usize| lexemes.get(i + n);
    let next_is_of = after(1).is_some_and(|l| l.is("of"));
    let quote_from = |start: usize, from_next: usize| {
        Some(
            lexemes[start].range.start
                ..noun_phrase_end(lexemes, from_next).unwrap_or(lexemes[from_next - 1].range.end),
        )
    };
    match word {
        "most" => {
            let superlative = before(1).is_some_and(|b| {
                b.is_any(&[
                    "at",
                    "the",
                    "a",
                    "an",
                    "is",
                    "are",
                    "was",
                    "be",
                    "being",
                    "whichever",
                ])
            });
            let counted = before(1).is_some_and(|b| b.count().is_some() || b.is("top"));
            let next = after(1).and_then(Lexeme::word)?;
            let adverb = ["likely", "often", "recent", "recently"].contains(&next);
            (!superlative && !counted && !adverb).then_some(())?;
            quote_from(i, if next_is_of { i + 2 } else { i + 1 })
        }
        _ if PART_OF.contains(&word) && next_is_of => {
            let start = if before(1).is_some_and(|b| b.is_any(&["the", "a"])) {
                i - 1
            } else {
                i
            };
            quote_from(start, i + 2)
        }
        "half" => {
            // "the first half of the migration" is a share; "the first half
            // of Q3" and "in half" are not.
            let ordinal = before(1).is_some_and(|b| b.is_any(ORDINALS));
            let time = before(1).is_some_and(|b| b.is_any(TIME_BEFORE))
                || (ordinal && (!next_is_of || time_follows(lexemes, i + 2)));
            let takes_scope = after(1).is_some_and(|l| l.is("of") || l.is_any(DETERMINERS));
            (!time && takes_scope).then_some(())?;
            quote_from(i, if next_is_of { i + 2 } else { i + 1 })
        }
        _ if FRACTIONS.contains(&word) && next_is_of => {
            let counted =
                before(1).is_some_and(|b| b.is_any(&["a", "one", "two", "three", "four"]));
            let time = before(2).is_some_and(|b| b.is_any(TIME_BEFORE));
            let time = time || before(1).is_some_and(|b| b.is_any(ORDINALS));
            (counted && !time && !time_follows(lexemes, i + 2)).then_some(())?;
            quote_from(i - 1, i + 2)
        }
        "two-thirds" | "three-quarters" | "one-third" | "one-half" | "one-quarter"
            if next_is_of =>
        {
            quote_from(i, i + 2)
        }
        "all" if before(1).is_some_and(|b| b.is_any(&["nearly", "almost"])) => {
            quote_from(i - 1, i + 1)
        }
        "all" if after(1).is_some_and(|l| l.is("but")) => quote_from(i, i + 2),
        _ if SOME.contains(&word)
            && next_is_of
            && after(2).is_some_and(|l| l.is_any(DETERMINERS)) =>
        {
            let start = if word == "few" && before(1).is_some_and(|b| b.is("a")) {
                i - 1
            } else {
                i
            };
            quote_from(start, i + 2)
        }
        _ => None,
    }
}

/// Whether the words from `start` on (after determiners) name a stretch of
/// time: "the quarter", "Q3", "2026", "the sprint".
fn time_follows(lexemes: &[Lexeme], start: usize) -> bool {
    const TIME_NOUNS: &[&str] = &[
        "quarter", "year", "month", "week", "sprint", "cycle", "period", "day", "fy", "q1", "q2",
        "q3", "q4", "h1", "h2", "launch", "release",
    ];
    lexemes
        .iter()
        .skip(start)
        .find(|l| !l.is_any(&["the", "this", "next", "that", "each", "every"]))
        .is_some_and(|l| {
            matches!(l.piece, Piece::Number { .. })
                || l.is_any(TIME_NOUNS)
                || l.is_any(text::MONTH_NAMES)
        })
}

/// The end of the noun phrase starting at `start`: leading determiners and
/// numbers, then up to three words, stopping at a preposition, verb-like
/// joiner or punctuation.
fn noun_phrase_end(lexemes: &[Lexeme], start: usize) -> Option<usize> {
    const STOPS: &[&str] = &[
        "from", "to", "in", "on", "by", "with", "for", "and", "or", "under", "within", "into",
        "onto", "at", "through", "via", "across", "before", "after", "over", "behind", "using",
        "per", "is", "are", "that", "which", "who", "while", "without", "during", "of", "as",
        "than", "but",
    ];
    const LEADING: &[&str] = &[
        "the", "our", "its", "their", "these", "those", "all", "your", "a", "an",
    ];
    let mut end = None;
    let mut words = 0;
    for lexeme in lexemes.iter().skip(start) {
        match &lexeme.piece {
            Piece::Word(w) if LEADING.contains(&w.as_str()) && words == 0 => {}
            Piece::Number { .. } if words == 0 => {}
            Piece::Word(w) if !STOPS.contains(&w.as_str()) && words < 3 => words += 1,
            _ => break,
        }
        end = Some(lexeme.range.end);
    }
    end.filter(|_| words > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::{config, diagnostics_with, findings, objective};

    const RULE: &str = "partial-prerequisite";

    fn share(text: &str) -> Option<&str> {
        partial_share(text).map(|r| &text[r])
    }

    #[test]
    fn shares_of_scope_are_found_and_quoted() {
        for (text, quoted) in [
            (
                "Migrate 85% of services to the new deployment pipeline",
                "85% of services",
            ),
            (
                "Serve 70% of build actions from the remote cache",
                "70% of build actions",
            ),
            (
                "Onboard 10 of the 14 teams to the shared platform",
                "10 of the 14 teams",
            ),
            ("Onboard ten out of 14 teams", "ten out of 14 teams"),
            ("Move 12/14 teams onto the new runners", "12/14 teams"),
            ("Migrate most services to Kubernetes", "most services"),
            (
                "Onboard the majority of teams to the portal",
                "the majority of teams",
            ),
            (
                "Upgrade half of the clusters to 1.30",
                "half of the clusters",
            ),
            ("Upgrade half the clusters to 1.30", "half the clusters"),
            (
                "Roll out the auth SDK to 3 of 5 product teams",
                "3 of 5 product teams",
            ),
            (
                "Provision clusters in two of the three regions",
                "two of the three regions",
            ),
            (
                "Have most teams using the golden path templates",
                "most teams",
            ),
            ("Achieve 90% adoption of the new CI runners", "90% adoption"),
            (
                "Enable SSO for 45 of 60 internal apps",
                "45 of 60 internal apps",
            ),
            (
                "Convert roughly two-thirds of the pipelines",
                "two-thirds of the pipelines",
            ),
            (
                "Cut over 80% of traffic to the new load balancer",
                "80% of traffic",
            ),
            (
                "Finish the first half of the database migration",
                "half of the database migration",
            ),
            (
                "Answer 90% of access requests by hand",
                "90% of access requests",
            ),
            (
                "Move most of our databases to the new backup tool",
                "most of our databases",
            ),
            (
                "Increase platform adoption to 60% of engineering teams",
                "60% of engineering teams",
            ),
            (
                "Raise adoption of the paved road from 20% to 60%",
                "from 20% to 60%",
            ),
            (
                "Get 80 percent of repositories on the new linter",
                "80 percent of repositories",
            ),
            ("Reach 85% migrated for the storage fleet", "85% migrated"),
            (
                "Encrypt a third of the buckets at rest",
                "a third of the buckets",
            ),
            (
                "Move nearly all services to the mesh",
                "nearly all services",
            ),
            (
                "Retire the VMs for all but two services",
                "all but two services",
            ),
            (
                "Ship the SDK to some of the product teams",
                "some of the product teams",
            ),
        ] {
            assert_eq!(share(text), Some(quoted), "{text}");
        }
    }

    #[test]
    fn levels_falling_measures_and_full_scope_are_not_shares() {
        for text in [
            "Hold checkout availability at 99.95%",
            "Keep a 99.9% uptime SLO for the gateway",
            "Serve 99% of requests under 300ms at p99",
            "Reduce error rate from 3.5% to 0.2%",
            "Reduce unsearchable log lines from 30% to 0%",
            "Cut build time by 30% for backend teams",
            "Keep error budget burn below 2% per week",
            "Onboard 9 of 9 ML teams to the shared platform",
            "Migrate 100% of services to the new pipeline",
            "Migrate all 40 active services and decommission the legacy pipeline",
            "Deliver phase 2 of 3 of the storage migration",
            "Publish an SLO for each of the 75 customer-facing services",
            "Migrate the most critical services first, all 12 of them",
            "Ship the design by the first half of the quarter",
            "Cut flaky builds in half",
            "Rotate at most 5% of secrets by hand",
            "Finish the rollout by 3/31 for every team",
            "Run as part of the release train for all 6 teams",
            "Publish the report in the last quarter of 2026",
            "Serve 25 builds per minute from the cache",
            "Select one of the 3 candidate databases with a written decision",
            "Answer 90% of access requests within 2 days",
            "Serve 99.9% of reads from the regional replica",
            "Identify the 10 most expensive queries and fix all of them",
            "Scale the cluster to 50% more capacity",
            "Save 30% of compute spend by right-sizing every node pool",
            "Land the API in a third of the quarter",
            "Ship the design in the first half of Q3",
            "Achieve 99.95% availability for the auth service",
            "Bring deploy failure rate from 8% to 2%",
            "Raise the test pass rate to 98%",
            "Increase deploy frequency by 50%",
            "Resolve 80% of P1 incidents in under 4 hours",
            "Spend less than 20% of on-call time on toil",
            "Allocate 20% of capacity to tech debt",
            "Ensure 100% of production secrets are in the vault",
        ] {
            assert_eq!(share(text), None, "{text}");
        }
    }

    #[test]
    fn odd_fragments_do_not_panic() {
        for text in [
            "",
            "%",
            "50%",
            "1/",
            "1/2",
            "of",
            "most",
            "half of",
            "5 of",
            "5 of the",
            "from 5% to",
            "to 5%",
            "per",
            "5 per",
            "5 per cent",
            "99.",
            "1,",
            "1,000,",
            "a third",
            "all but",
            "nearly all",
            "ünïcødé 5 % of ☃",
            "p",
            "p9",
            "two-thirds of",
            "most of",
        ] {
            let _ = partial_share(text);
        }
        assert_eq!(share("5 per cent of hosts"), Some("5 per cent of hosts"));
    }

    fn cache(kr: &str) -> String {
        objective("cache", "x", &[kr])
    }

    fn dependent(reference: &str) -> String {
        objective(
            "ml",
            "y",
            &[&format!(
                "text = \"Onboard all 9 teams\"\ndepends_on = [\"{reference}\"]"
            )],
        )
        .replace("team = \"a\"", "team = \"ml-platform\"")
    }

    fn at(objective: &str, kr: &str) -> (String, Option<String>) {
        (objective.to_string(), Some(kr.to_string()))
    }

    #[test]
    fn a_partial_text_prerequisite_is_reported_naming_the_share_and_dependent() {
        let text = cache("text = \"Serve 70% of build actions from the remote cache\"")
            + &dependent("cache#KR1");
        assert_eq!(findings(RULE, &[("src/a.md", &text)]), [at("cache", "KR1")]);
        let diagnostics = diagnostics_with(&config(), RULE, &[("src/a.md", &text)]);
        let message = &diagnostics[0].message;
        assert!(message.contains("\"70% of build actions\""), "{message}");
        assert!(message.contains("ml-platform (`ml#KR1`)"), "{message}");
    }

    #[test]
    fn a_growing_percent_metric_below_100_is_reported() {
        let text = cache(
            "text = \"Serve build actions from the remote cache\"\nmetric = { from = 20, to = 70, unit = \"%\" }",
        ) + &dependent("cache");
        assert_eq!(findings(RULE, &[("src/a.md", &text)]), [at("cache", "KR1")]);
    }

    #[test]
    fn a_count_share_through_a_whole_objective_reference_is_reported() {
        let text = objective(
            "cache",
            "x",
            &[
                "text = \"Onboard all 6 teams\"",
                "text = \"Onboard 10 of the 14 teams\"",
            ],
        ) + &dependent("cache");
        assert_eq!(findings(RULE, &[("src/a.md", &text)]), [at("cache", "KR2")]);
    }

    #[test]
    fn near_miss_a_partial_kr_nobody_depends_on_passes() {
        let text = cache("text = \"Migrate 85% of services\"") + &dependent("team:cache");
        assert!(findings(RULE, &[("src/a.md", &text)]).is_empty());
    }

    #[test]
    fn near_miss_service_level_and_falling_metrics_pass() {
        for kr in [
            "text = \"Hold availability at 99.95%\"\nmetric = { from = 99.5, to = 99.95, unit = \"%\" }",
            "text = \"Reduce error rate\"\nmetric = { from = 3.5, to = 0.2, unit = \"%\" }",
            "text = \"Migrate every service\"\nmetric = { from = 40, to = 100, unit = \"%\" }",
            "text = \"Migrate the services\"\nmetric = { from = 0, to = 40, unit = \"services\" }",
        ] {
            let text = cache(kr) + &dependent("cache#KR1");
            assert!(findings(RULE, &[("src/a.md", &text)]).is_empty(), "{kr}");
        }
    }

    #[test]
    fn near_miss_full_scope_prerequisites_pass() {
        let text = objective(
            "cache",
            "x",
            &[
                "text = \"Onboard 9 of 9 ML teams\"",
                "text = \"Migrate 100% of services\"",
                "text = \"Migrate all 40 services and decommission the legacy pipeline\"",
            ],
        ) + &dependent("cache");
        assert!(findings(RULE, &[("src/a.md", &text)]).is_empty());
    }
}
