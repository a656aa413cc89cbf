//! Word handling shared by the rules: tokens with their byte ranges, the
//! configured word lists compiled once per run, and the small text analyses
//! the Key Result rules are built from (numbers, a change from a baseline to
//! a target, vague wording, activities, outputs and ways to check them).
//!
//! Everything here is a single left-to-right pass over a short text, with
//! look-ups in sets built once per run: no regular expressions, no
//! backtracking, no per-KR allocation beyond the token list.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::config::Words;
use crate::lint::words;

/// A word of a text and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub range: Range<usize>,
}

impl Token<'_> {
    pub fn lower(&self) -> String {
        self.text.to_lowercase()
    }
}

/// Words: runs of letters, digits and inner hyphens or apostrophes
/// (`world-class`, `team's`), with their byte ranges in `text`.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(offset, c)) in bytes.iter().enumerate() {
        let joiner = matches!(c, '-' | '\'' | '’')
            && start.is_some()
            && bytes.get(i + 1).is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || joiner {
            start.get_or_insert(offset);
        } else if let Some(s) = start.take() {
            out.push(Token {
                text: &text[s..offset],
                range: s..offset,
            });
        }
    }
    if let Some(s) = start {
        out.push(Token {
            text: &text[s..],
            range: s..text.len(),
        });
    }
    out
}

/// A text split into lowercase words once, for the analyses below.
struct Split<'a> {
    text: &'a str,
    tokens: Vec<Token<'a>>,
    lower: Vec<String>,
}

impl<'a> Split<'a> {
    fn new(text: &'a str) -> Self {
        let tokens = tokens(text);
        let lower = tokens.iter().map(Token::lower).collect();
        Split {
            text,
            tokens,
            lower,
        }
    }

    fn len(&self) -> usize {
        self.tokens.len()
    }

    fn word(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", String::as_str)
    }

    fn is(&self, i: usize, list: &[&str]) -> bool {
        list.contains(&self.word(i))
    }

    /// The text between word `i - 1` and word `i`.
    fn gap_before(&self, i: usize) -> &str {
        let start = if i == 0 {
            0
        } else {
            self.tokens[i - 1].range.end
        };
        let end = self
            .tokens
            .get(i)
            .map_or(self.text.len(), |t| t.range.start);
        &self.text[start..end]
    }

    /// True when word `i` begins a sentence: the text's first word, or one
    /// after sentence punctuation.
    fn starts_sentence(&self, i: usize) -> bool {
        i == 0
            || self
                .gap_before(i)
                .contains(['.', '!', '?', ':', ';', '(', '"', '\n'])
    }

    /// The index of the word holding byte `offset`, or the first after it.
    fn at(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.range.end <= offset)
    }

    /// Words fully between two byte offsets.
    fn between(&self, from: usize, to: usize) -> Range<usize> {
        let first = self.tokens.partition_point(|t| t.range.start < from);
        let end = self.tokens.partition_point(|t| t.range.end <= to);
        first..end.max(first)
    }
}

// ---------------------------------------------------------------------------
// Numbers

/// Units that may follow digits directly (`200ms`, `$40k`, `1M`, `64GB`).
const UNIT_SUFFIXES: &[&str] = &[
    "k", "m", "b", "bn", "mm", "ms", "us", "ns", "s", "sec", "secs", "min", "mins", "h", "hr",
    "hrs", "d", "w", "wk", "wks", "mo", "y", "yr", "yrs", "x", "kb", "mb", "gb", "tb", "pb", "kib",
    "mib", "gib", "tib", "bps", "kbps", "mbps", "gbps", "rps", "qps", "tps", "rpm", "vcpu",
    "vcpus", "cpu", "cpus", "pp",
];

/// Measures that keep a hyphenated number a number (`30-day`, `4-hour`),
/// unlike a qualifier such as `8-GPU` or `one-click`.
const MEASURE_WORDS: &[&str] = &[
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
    "month", "months", "year", "years", "ms", "percent", "fold", "x",
];

/// Words that make the number after them a label (`tier 1`, `week 6`,
/// `phase 2`), not a quantity.
const LABEL_WORDS: &[&str] = &[
    "tier",
    "phase",
    "step",
    "stage",
    "level",
    "sev",
    "severity",
    "priority",
    "week",
    "month",
    "day",
    "sprint",
    "wave",
    "milestone",
    "version",
    "release",
    "gen",
    "generation",
    "round",
    "iteration",
    "part",
    "chapter",
    "section",
    "layer",
    "item",
    "number",
    "no",
];

/// Month names in full; [`is_month`] also takes their abbreviations.
pub const MONTH_NAMES: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

fn is_month(word: &str) -> bool {
    MONTH_NAMES.contains(&word) || MONTH_ABBREVIATIONS.contains(&word)
}

const QUARTER_LABELS: &[&str] = &["q1", "q2", "q3", "q4", "h1", "h2", "fy", "cy"];

/// Words after which a four-digit number is a year (`in 2026`, `Q2 2026`).
const YEAR_CONTEXT: &[&str] = &[
    "in", "by", "of", "since", "until", "till", "through", "before", "after", "during", "for",
    "end", "early", "mid", "late", "q1", "q2", "q3", "q4", "h1", "h2", "fy", "cy",
];

const CURRENCY_WORDS: &[&str] = &["usd", "eur", "gbp", "chf", "dollars", "euros"];

/// The value of a number word from zero to twenty ("twelve" → 12).
pub fn small_number_word(word: &str) -> Option<f64> {
    NUMBER_WORDS[..=20]
        .iter()
        .position(|w| *w == word)
        .map(|n| n as f64)
}

/// Number words as rules.md counts them, plus multipliers that state how
/// much on their own ("double", "halve").
const NUMBER_WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "dozen",
    "half",
    "halve",
    "double",
    "triple",
    "quadruple",
    "twice",
    "tenfold",
];

/// A quantity written in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    /// Where it is, from its first digit (or the number word) to the end of
    /// its unit suffix.
    pub range: Range<usize>,
    /// Written as plain digits: no unit, percent or currency sign. Version
    /// numbers look like this, so a change between two bare numbers is only
    /// a measure when nothing says it is an upgrade.
    pub bare: bool,
}

/// The numbers of a text, as rules.md defines them: digits with an optional
/// unit (`12`, `2.5`, `99.9%`, `200ms`, `1M`, `4,200`, `$40k`, `30-day`) and
/// number words (`zero` ... `twelve`, `hundred`, `thousand`, `half`, ...).
///
/// Not numbers: names with digits (`p95`, `IPv6`, `S3`, `Sev-2`, `us-east-1`,
/// `5xx`, `2FA`, `TLS 1.3`, `SOC 2`), quarter and date labels (`Q2`, `H1`,
/// `2026`, `May 31`, `2026-05-31`, `week 6`, `tier 1`), ordinals (`95th`),
/// times (`10:30`, `24/7`), qualifiers (`8-GPU`, `one-click`) and
/// quantifiers (`all`, `every`, `none`, `no one`).
pub fn numbers(text: &str) -> Vec<Number> {
    let words = Split::new(text);
    let mut out = digit_numbers(&words);
    out.extend(word_numbers(&words));
    out.sort_by_key(|n| n.range.start);
    out
}

/// True when the text holds at least one number (see [`numbers`]).
pub fn has_number(text: &str) -> bool {
    !numbers(text).is_empty()
}

fn digit_numbers(words: &Split) -> Vec<Number> {
    let text = words.text;
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while end < b.len()
            && (b[end].is_ascii_digit()
                || (matches!(b[end], b'.' | b',')
                    && b.get(end + 1).is_some_and(u8::is_ascii_digit)))
        {
            end += 1;
        }
        let mut suffix_end = end;
        while suffix_end < b.len() && b[suffix_end].is_ascii_alphabetic() {
            suffix_end += 1;
        }
        i = suffix_end.max(start + 1);
        if let Some(number) = classify_digits(words, start, end, suffix_end) {
            out.push(number);
        }
    }
    out
}

/// Decides whether the digits at `start..end`, followed by the letters
/// `end..suffix_end`, are a quantity.
fn classify_digits(words: &Split, start: usize, end: usize, suffix_end: usize) -> Option<Number> {
    let text = words.text;
    let digits = &text[start..end];
    let suffix = text[end..suffix_end].to_ascii_lowercase();
    let mut before = text[..start].chars().rev();
    let prev = before.next();
    let prev2 = before.next();
    let after = &text[suffix_end..];

    // A digit glued to a name: p95, IPv6, S3, Sev-2, us-east-1, HTTP/2, v1.2.
    if prev.is_some_and(char::is_alphabetic)
        || (matches!(prev, Some('-' | '_' | '/' | '.' | '#'))
            && prev2.is_some_and(char::is_alphabetic))
    {
        return None;
    }
    // The later parts of a date or range already judged: 2026-05-31, 3/5.
    if matches!(prev, Some('-' | '/' | '.')) && prev2.is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    // Times and ratios: 10:30, 1:1, 24/7.
    if after.starts_with(':') && after[1..].starts_with(|c: char| c.is_ascii_digit())
        || prev == Some(':') && prev2.is_some_and(|c| c.is_ascii_digit())
        || text[start..].starts_with("24/7")
        || prev == Some('/') && text[..start].ends_with("24/")
    {
        return None;
    }
    let mut bare = true;
    if !suffix.is_empty() {
        if !UNIT_SUFFIXES.contains(&suffix.as_str()) {
            // Ordinals (95th, 1st) and names (5xx, 2FA, 3am).
            return None;
        }
        bare = false;
    }
    if let Some(rest) = after.strip_prefix('-') {
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        if !word.is_empty() && !MEASURE_WORDS.contains(&word.as_str()) {
            // 8-GPU, 3-node, 2026-Q2: a qualifier or a label.
            return None;
        }
        if suffix.is_empty()
            && digits.len() == 4
            && rest.len() >= 5
            && rest.as_bytes()[..2].iter().all(u8::is_ascii_digit)
            && rest.as_bytes()[2] == b'-'
        {
            return None; // an ISO date, 2026-05-31
        }
        if !word.is_empty() {
            bare = false;
        }
    }
    if after.starts_with('%') || after.starts_with('/') {
        bare = false;
    }
    if matches!(prev, Some('$' | '€' | '£' | '¥')) {
        bare = false;
    }
    if bare {
        let index = words.at(start);
        let prev_word = index.checked_sub(1).map(|p| words.word(p)).unwrap_or("");
        let next_word = words.word(index + 1);
        let value: Option<u32> = digits.parse().ok();
        let is_year = digits.len() == 4
            && value.is_some_and(|v| (1990..=2099).contains(&v))
            && (YEAR_CONTEXT.contains(&prev_word)
                || is_month(prev_word)
                || QUARTER_LABELS.contains(&next_word)
                || index + 1 >= words.len() && prev_word.is_empty());
        let is_day = digits.len() <= 2
            && (is_month(prev_word)
                || is_month(next_word)
                || (next_word == "of" && is_month(words.word(index + 2))));
        let is_label = LABEL_WORDS.contains(&prev_word);
        // A capitalised name right before a plain number is a product and its
        // version (`Kubernetes 1.29`, `SOC 2`, `Postgres 16`), not a count.
        let is_version = index > 0
            && !words.starts_sentence(index - 1)
            && words.tokens[index - 1]
                .text
                .starts_with(|c: char| c.is_uppercase())
            && words.gap_before(index).trim().is_empty()
            && !CURRENCY_WORDS.contains(&prev_word);
        if is_year || is_day || is_label || is_version {
            return None;
        }
    }
    Some(Number {
        range: start..suffix_end,
        bare,
    })
}

fn word_numbers(words: &Split) -> Vec<Number> {
    let mut out = Vec::new();
    for i in 0..words.len() {
        let word = words.word(i);
        let is_number = if word.contains('-') {
            let mut parts = word.split('-');
            let first = parts.next().unwrap_or("");
            let rest: Vec<&str> = parts.collect();
            NUMBER_WORDS.contains(&first)
                && rest
                    .iter()
                    .all(|p| NUMBER_WORDS.contains(p) || MEASURE_WORDS.contains(p))
        } else {
            NUMBER_WORDS.contains(&word)
        };
        if !is_number {
            continue;
        }
        let prev = i.checked_sub(1).map_or("", |p| words.word(p));
        let next = words.word(i + 1);
        // "no one", "each one", "the one", "one another" are not counts;
        // "the first half" is a time label.
        if word == "one"
            && (matches!(
                prev,
                "no" | "any" | "each" | "every" | "some" | "the" | "this" | "that"
            ) || next == "another")
        {
            continue;
        }
        if word == "half" && matches!(prev, "first" | "second" | "1st" | "2nd") {
            continue;
        }
        out.push(Number {
            range: words.tokens[i].range.clone(),
            bare: true,
        });
    }
    out
}

// ---------------------------------------------------------------------------
// A change from a baseline to a target

/// Words that say a plain number pair is a version upgrade, not a measure.
const VERSION_WORDS: &[&str] = &[
    "upgrade",
    "upgrades",
    "upgraded",
    "upgrading",
    "update",
    "updates",
    "updated",
    "updating",
    "bump",
    "bumps",
    "bumped",
    "version",
    "versions",
];

/// Where the text states a change of a measure from a baseline to a target:
/// "from N ... to M" with numbers at both ends ("from 12/quarter to
/// 2/quarter", "from $90k to $50k", "from 6 hours to 30 minutes"), or
/// "N → M". A move between places ("from the old data centre to the cloud")
/// or a version upgrade ("Postgres from 12 to 16") is not a measure.
pub fn change_span(text: &str) -> Option<Range<usize>> {
    let words = Split::new(text);
    let numbers = numbers(text);
    let is_upgrade = words
        .lower
        .iter()
        .any(|w| VERSION_WORDS.contains(&w.as_str()));
    let upgrade = |a: &Number, b: &Number| is_upgrade && a.bare && b.bare;
    let connector = |i: usize| matches!(words.word(i), "to" | "from");

    for (f, _) in words.lower.iter().enumerate().filter(|(_, w)| *w == "from") {
        let from_end = words.tokens[f].range.end;
        let Some(baseline) = numbers.iter().find(|n| n.range.start >= from_end) else {
            continue;
        };
        let lead = words.between(from_end, baseline.range.start);
        if lead.len() > 4 || lead.clone().any(connector) {
            continue;
        }
        // "to" within a few words of the baseline ("from 6 hours to").
        let after = words.at(baseline.range.end);
        let Some(to) = (after..(after + 5).min(words.len()))
            .take_while(|&i| words.word(i) != "from")
            .find(|&i| words.word(i) == "to")
        else {
            continue;
        };
        let to_end = words.tokens[to].range.end;
        let Some(target) = numbers.iter().find(|n| n.range.start >= to_end) else {
            continue;
        };
        let qualifiers = words.between(to_end, target.range.start);
        if qualifiers.len() > 3 || qualifiers.clone().any(connector) || upgrade(baseline, target) {
            continue;
        }
        return Some(words.tokens[f].range.start..target.range.end);
    }
    for pair in numbers.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let gap = text.get(a.range.end..b.range.start).unwrap_or("");
        let arrow = ["→", "->", "⟶", "=>"]
            .iter()
            .any(|arrow| gap.contains(arrow));
        if arrow && words.between(a.range.end, b.range.start).len() <= 2 && !upgrade(a, b) {
            return Some(a.range.start..b.range.end);
        }
    }
    None
}

/// True when the text states a change of a measure from a baseline to a
/// target (see [`change_span`]).
pub fn states_change(text: &str) -> bool {
    change_span(text).is_some()
}

// ---------------------------------------------------------------------------
// Deadlines, approvals and outputs

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Where the text sets a deadline: "by May 31", "before Q3", "by end of
/// month 2", "by 2026-06-30", "by week 6", "in Q3".
pub fn deadline_span(text: &str) -> Option<Range<usize>> {
    let words = Split::new(text);
    let is_date = |i: usize| {
        let w = words.word(i);
        is_month(w)
            || WEEKDAYS.contains(&w)
            || QUARTER_LABELS.contains(&w)
            || w.starts_with("fy")
            || w.starts_with("mid-")
            || matches!(
                w,
                "end" | "eoq" | "eom" | "eoy" | "week" | "sprint" | "month" | "day"
            )
            || (w.len() == 4 && w.starts_with("20") && w.bytes().all(|b| b.is_ascii_digit()))
            || w.starts_with("20") && w.contains("-q")
    };
    for i in 0..words.len() {
        let strong = words.is(i, &["by", "before", "until", "till", "due", "deadline"]);
        let weak = words.is(i, &["in", "during", "at", "on"]);
        if !strong && !weak {
            continue;
        }
        let reach = if strong { 3 } else { 1 };
        for j in i + 1..(i + 1 + reach).min(words.len()) {
            let w = words.word(j);
            let dated = if weak {
                is_month(w) && w != "may"
                    || QUARTER_LABELS.contains(&w)
                    || w.starts_with("20") && w.contains("-q")
                    || (w == "week" || w == "sprint") && words.word(j + 1).parse::<u32>().is_ok()
            } else {
                is_date(j)
            };
            if dated {
                return Some(words.tokens[i].range.start..words.tokens[j].range.end);
            }
        }
    }
    None
}

/// Where the text names who approves: "approved by the Storage and SRE
/// leads", "signed off by Security", "sign-off from the CTO", "approved in
/// architecture review".
pub fn approval_span(text: &str) -> Option<Range<usize>> {
    let words = Split::new(text);
    for i in 0..words.len() {
        let word = words.word(i);
        let approval = matches!(
            word,
            "approved"
                | "approval"
                | "sign-off"
                | "signoff"
                | "signed-off"
                | "ratified"
                | "endorsed"
                | "accepted"
                | "reviewed"
                | "agreed"
        ) || (word == "signed" && words.word(i + 1) == "off");
        if !approval {
            continue;
        }
        let by = (i + 1..(i + 4).min(words.len()))
            .find(|&j| words.is(j, &["by", "from", "in", "at", "with"]));
        if let Some(by) = by.filter(|&by| by + 1 < words.len()) {
            return Some(words.tokens[i].range.start..words.tokens[by + 1].range.end);
        }
    }
    None
}

/// Verbs whose result is itself an output of discovery.
const DECISION_WORDS: &[&str] = &[
    "decide",
    "decides",
    "decided",
    "choose",
    "chose",
    "chosen",
    "select",
    "selected",
    "pick",
    "picked",
    "recommend",
    "recommended",
    "prototyped",
    "proof",
    "identify",
    "identified",
    "rank",
    "ranked",
    "validate",
    "validated",
    "verify",
    "verified",
    "confirm",
    "confirmed",
    "prove",
    "proven",
];

/// Where the text names a concrete output of discovery work: a prototype, a
/// design document, a recommendation, a decision, a report, an RFC, a map.
pub fn output_span(text: &str) -> Option<Range<usize>> {
    let words = Split::new(text);
    for i in 0..words.len() {
        let word = words.word(i);
        // "Design a sharding approach" is work, "the design document" or
        // "design approved" is its output.
        if matches!(word, "design" | "study") && words.starts_sentence(i) {
            let next = words.word(i + 1);
            if !matches!(
                next,
                "doc" | "docs" | "document" | "review" | "proposal" | "approved"
            ) {
                continue;
            }
        }
        if words::OUTPUTS.contains(&word) || DECISION_WORDS.contains(&word) {
            return Some(words.tokens[i].range.clone());
        }
    }
    None
}

/// Where the text states a checkable end state: something approved,
/// launched, shipped, live, decided or in production, or an output produced
/// ("publish a recommendation").
pub fn result_span(text: &str) -> Option<Range<usize>> {
    let words = Split::new(text);
    for i in 0..words.len() {
        let word = words.word(i);
        let prev = i.checked_sub(1).map_or("", |p| words.word(p));
        let next = words.word(i + 1);
        let state = match word {
            "signed" => next == "off",
            "rolled" => next == "out",
            "live" => {
                matches!(
                    prev,
                    "go" | "goes" | "went" | "gone" | "is" | "are" | "be" | "being" | "now"
                ) || matches!(next, "in" | "for" | "on" | "across" | "at" | "")
            }
            "production" => matches!(prev, "in" | "into" | "to"),
            _ => words::RESULT_STATES.contains(&word),
        };
        if state {
            return Some(words.tokens[i].range.clone());
        }
        // "the build roadmap" names a roadmap; "build a prototype" makes one.
        let is_verb = !matches!(
            prev,
            "the" | "a" | "an" | "our" | "their" | "its" | "this" | "that" | "each" | "every"
        );
        if is_verb && words::PRODUCING_VERBS.contains(&word) {
            let object = (i + 1..(i + 5).min(words.len()))
                .take_while(|&j| !words.is(j, &["to", "and", "with"]))
                .find(|&j| words::OUTPUTS.contains(&words.word(j)));
            if let Some(j) = object {
                return Some(words.tokens[i].range.start..words.tokens[j].range.end);
            }
        }
    }
    None
}

// ---------------------------------------------------------------------------
// The lexicon: configured word lists and the analyses that use them

/// One configured entry, compiled: the inflected forms of its first word and
/// the exact words that must follow.
#[derive(Debug, Clone)]
struct Entry {
    base: String,
    rest: Vec<String>,
}

/// The entries of one list, indexed by every inflected form of their first
/// word.
#[derive(Debug, Clone, Default)]
struct Matcher {
    by_form: HashMap<String, Vec<Entry>>,
}

/// A match of a list entry in a text: its base word and the words it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Hit {
    base: String,
    words: Range<usize>,
}

impl Matcher {
    fn new(list: &[String]) -> Self {
        let mut by_form: HashMap<String, Vec<Entry>> = HashMap::new();
        for item in list {
            let item = item.to_lowercase();
            let parts: Vec<String> = tokens(&item).iter().map(Token::lower).collect();
            let Some((first, rest)) = parts.split_first() else {
                continue;
            };
            for form in inflections(first) {
                by_form.entry(form).or_default().push(Entry {
                    base: item.clone(),
                    rest: rest.to_vec(),
                });
            }
        }
        Matcher { by_form }
    }

    /// The longest entry that starts at word `i`.
    fn at(&self, words: &Split, i: usize) -> Option<Hit> {
        let entries = self.by_form.get(words.word(i))?;
        entries
            .iter()
            .filter(|e| {
                e.rest
                    .iter()
                    .enumerate()
                    .all(|(k, w)| words.word(i + 1 + k) == w)
            })
            // The longest phrase wins; between equals, the entry the word
            // is the base of ("meeting" over a form of "meet").
            .max_by_key(|e| (e.rest.len(), e.base == words.word(i)))
            .map(|e| Hit {
                base: e.base.clone(),
                words: i..i + 1 + e.rest.len(),
            })
    }
}

/// Irregular forms the suffix rules below do not produce.
const IRREGULAR: &[(&str, &str)] = &[
    ("meet", "met"),
    ("grow", "grew"),
    ("grow", "grown"),
    ("shrink", "shrank"),
    ("shrink", "shrunk"),
    ("begin", "began"),
    ("begin", "begun"),
    ("understand", "understood"),
    ("learn", "learnt"),
    ("hold", "held"),
    ("cut", "cut"),
];

/// A word and its regular inflections: `improve` gives `improves`,
/// `improved`, `improving`, `improvement`, `improvements`; `optimize` also
/// `optimization`; `simplify` gives `simplified`, `simplification`; `cut`
/// gives `cutting`.
pub fn inflections(word: &str) -> Vec<String> {
    let w = word.to_lowercase();
    let mut forms = vec![w.clone()];
    let mut add = |s: String| {
        if !forms.contains(&s) {
            forms.push(s);
        }
    };
    let chars: Vec<char> = w.chars().collect();
    let is_vowel = |c: char| "aeiou".contains(c);
    if let Some(stem) = w.strip_suffix('e') {
        for suffix in ["s", "d", "ment", "ments"] {
            add(format!("{w}{suffix}"));
        }
        for suffix in ["ing", "ation", "ations"] {
            add(format!("{stem}{suffix}"));
        }
        if w.ends_with("ate") {
            add(format!("{stem}ion"));
            add(format!("{stem}ions"));
        }
        if let Some(root) = w.strip_suffix("uce") {
            add(format!("{root}uction"));
            add(format!("{root}uctions"));
        }
    } else if w.ends_with('y') && chars.len() > 2 && !is_vowel(chars[chars.len() - 2]) {
        let stem = &w[..w.len() - 1];
        add(format!("{stem}ies"));
        add(format!("{stem}ied"));
        add(format!("{w}ing"));
        if w.ends_with("fy") {
            add(format!("{stem}ication"));
            add(format!("{stem}ications"));
        }
    } else {
        let plural = if ["s", "sh", "ch", "x", "z"].iter().any(|s| w.ends_with(s)) {
            "es"
        } else {
            "s"
        };
        add(format!("{w}{plural}"));
        // Short consonant-vowel-consonant verbs double the last letter.
        let doubled = chars.len() <= 4
            && chars.len() >= 3
            && !is_vowel(chars[chars.len() - 1])
            && !"wxy".contains(chars[chars.len() - 1])
            && is_vowel(chars[chars.len() - 2])
            && !is_vowel(chars[chars.len() - 3]);
        let stem = if doubled {
            format!("{w}{}", chars[chars.len() - 1])
        } else {
            w.clone()
        };
        for suffix in ["ed", "ing"] {
            add(format!("{stem}{suffix}"));
        }
        for suffix in ["ment", "ments", "ation", "ations", "ion", "ions"] {
            add(format!("{w}{suffix}"));
        }
    }
    for (base, form) in IRREGULAR {
        if *base == w {
            add(form.to_string());
        }
    }
    forms
}

/// The configured word lists, lowercased into sets, and their compiled
/// forms for the analyses.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub hype: HashSet<String>,
    pub vague: HashSet<String>,
    pub activity: HashSet<String>,
    pub stop: HashSet<String>,
    vague_matcher: Matcher,
    activity_matcher: Matcher,
    /// Verbs that open a purpose clause after "to".
    purpose: HashSet<String>,
}

/// Nouns that a vague noun may modify without making the KR vague: "the
/// image optimization pipeline" names a thing to ship.
const ARTIFACTS: &[&str] = &[
    "pipeline",
    "pipelines",
    "dashboard",
    "dashboards",
    "report",
    "reports",
    "tool",
    "tools",
    "tooling",
    "job",
    "jobs",
    "service",
    "services",
    "team",
    "teams",
    "plan",
    "plans",
    "project",
    "program",
    "programme",
    "framework",
    "library",
    "layer",
    "pass",
    "script",
    "scripts",
    "backlog",
    "roadmap",
    "proposal",
    "initiative",
    "engine",
    "policy",
    "policies",
];

/// Words that put a destination after a verb of growth ("expand IPv6 to all
/// internal services"), which makes it checkable.
const DESTINATIONS: &[&str] = &[
    "to", "into", "across", "against", "beyond", "onto", "until", "through",
];

/// Verbs that, with a comparative, make vague wording: "make GPU usage more
/// efficient", "get builds faster".
const MAKE_VERBS: &[&str] = &[
    "make", "makes", "making", "made", "get", "gets", "getting", "become", "becomes", "becoming",
    "render", "renders",
];

/// Activities that only are activities in company: "meet with the teams" or
/// "support the data team", not "meet the SLO" or "support IPv6".
const NEEDS_COMPANY: &[&str] = &[
    "review",
    "meet",
    "sync",
    "sync-up",
    "share",
    "align",
    "collaborate",
    "coordinate",
    "engage",
    "partner",
    "liaise",
    "consult",
    "help",
    "support",
    "assist",
    "advise",
];

/// What people gather from other people.
const GATHERED: &[&str] = &[
    "requirements",
    "feedback",
    "input",
    "insights",
    "needs",
    "ideas",
    "opinions",
];

/// Meeting names that are also ordinary nouns ("API calls", "user
/// sessions", "a demo environment").
const AMBIGUOUS_MEETINGS: &[&str] = &[
    "call",
    "session",
    "demo",
    "interview",
    "talk",
    "presentation",
    "discussion",
    "forum",
];

/// Frequencies and verbs that only hold meetings.
const STRONG_MEETING_CUES: &[&str] = &[
    "hold",
    "holds",
    "holding",
    "held",
    "host",
    "hosts",
    "hosting",
    "hosted",
    "attend",
    "attends",
    "attending",
    "attended",
    "organize",
    "organise",
    "organizing",
    "organising",
    "organized",
    "organised",
    "schedule",
    "scheduling",
    "scheduled",
    "facilitate",
    "facilitating",
    "facilitated",
    "daily",
    "weekly",
    "bi-weekly",
    "biweekly",
    "fortnightly",
    "monthly",
    "bi-monthly",
    "bimonthly",
    "quarterly",
    "regular",
    "recurring",
    "training",
    "review",
    "planning",
    "brainstorming",
    "kickoff",
    "kick-off",
    "onboarding",
    "feedback",
    "q&a",
    "ama",
];

/// Activities that are also verbs when a KR starts with them ("talk to each
/// team"), while the other meeting names need a verb or frequency.
const MEETING_VERBS: &[&str] = &["talk", "demo", "interview", "chat", "sync", "brainstorm"];

impl Lexicon {
    pub fn new(words: &Words) -> Lexicon {
        let set = |list: &[String]| list.iter().map(|w| w.to_lowercase()).collect();
        let single = |list: &[String]| {
            list.iter()
                .filter(|w| !w.contains(' '))
                .map(|w| w.to_lowercase())
                .collect::<Vec<_>>()
        };
        let purpose = words::PURPOSE_VERBS
            .iter()
            .map(|w| w.to_string())
            .chain(single(&words.vague))
            .chain(single(&words.activity))
            .collect();
        Lexicon {
            hype: set(&words.hype),
            vague: set(&words.vague),
            activity: set(&words.activity),
            stop: set(&words.stop),
            vague_matcher: Matcher::new(&words.vague),
            activity_matcher: Matcher::new(&words.activity),
            purpose,
        }
    }

    /// Where the KR's own statement ends and its purpose clause begins
    /// ("... to reduce setup time", "so that ...", "enabling ..."), as a word
    /// index. The purpose says why; the rules judge what will be done.
    fn lead_end(&self, words: &Split) -> usize {
        for i in 1..words.len() {
            let word = words.word(i);
            let next = words.word(i + 1);
            let verb_after = |j: usize| {
                self.purpose.contains(words.word(j))
                    || (words.word(j).ends_with("ly") || words.word(j) == "further")
                        && self.purpose.contains(words.word(j + 1))
            };
            let boundary = match word {
                "to" => verb_after(i + 1),
                "so" | "enabling" | "allowing" | "thereby" | "which" | "ensuring" | "letting" => {
                    true
                }
                "in" => next == "order",
                "for" => words::COMPARATIVES.contains(&next),
                _ => {
                    word.ends_with("ing")
                        && words.gap_before(i).contains(',')
                        && (self.purpose.contains(word.trim_end_matches("ing"))
                            || self.vague_matcher.by_form.contains_key(word))
                }
            };
            if boundary {
                return i;
            }
        }
        words.len()
    }

    /// Where the KR leans on vague wording of change in its own statement:
    /// a vague verb or noun from the list ("improve", "optimization",
    /// "speed up"), "make ... more efficient/better/faster", or a sentence
    /// that opens with a comparative ("Faster builds"). `None` when there is
    /// none. Numbers are not considered here; see [`Lexicon::unmeasurable`].
    pub fn vague_span(&self, text: &str) -> Option<Range<usize>> {
        let words = Split::new(text);
        let lead = self.lead_end(&words);
        let span =
            |r: Range<usize>| words.tokens[r.start].range.start..words.tokens[r.end - 1].range.end;
        for i in 0..lead {
            if let Some(hit) = self.vague_matcher.at(&words, i)
                && hit.words.end <= lead
                && self.vague_sense(&words, &hit, lead)
            {
                return Some(span(hit.words));
            }
            let word = words.word(i);
            if MAKE_VERBS.contains(&word)
                && let Some(j) = (i + 1..(i + 6).min(lead)).find(|&j| is_comparative(&words, j))
            {
                return Some(span(i..j + 1));
            }
            let opens = i == 0 || words.starts_sentence(i);
            if opens && is_comparative(&words, i) {
                return Some(span(i..i + 1));
            }
            if matches!(word, "more" | "less") && words.word(i + 1).ends_with("ly") && i + 1 < lead
            {
                return Some(span(i..i + 2));
            }
        }
        None
    }

    /// Rules out senses of a vague word that are not a change of a measure:
    /// "cut over", "lower environments", "raise alerts", a noun naming a
    /// thing ("the cost reduction report"), or growth towards a destination
    /// ("expand IPv6 to all services").
    fn vague_sense(&self, words: &Split, hit: &Hit, lead: usize) -> bool {
        let i = hit.words.start;
        let word = words.word(i);
        let next = words.word(hit.words.end);
        let prev = i.checked_sub(1).map_or("", |p| words.word(p));
        if matches!(prev, "or" | "than" | "no") {
            return false;
        }
        let base = hit.base.as_str();
        let wrong_sense = match base {
            "cut" => matches!(
                next,
                "over" | "release" | "releases" | "branch" | "branches" | "ties" | "a"
            ),
            "lower" => {
                matches!(prev, "the" | "a" | "and")
                    || next.starts_with("env")
                    || matches!(
                        next,
                        "tier" | "tiers" | "level" | "levels" | "bound" | "case"
                    )
            }
            "raise" => matches!(
                next,
                "alert"
                    | "alerts"
                    | "ticket"
                    | "tickets"
                    | "issue"
                    | "issues"
                    | "pr"
                    | "prs"
                    | "page"
                    | "pages"
                    | "incident"
                    | "incidents"
                    | "a"
                    | "an"
                    | "awareness"
            ),
            "expand" | "expansion" | "extend" | "extension" | "harden" | "transform" | "evolve" => {
                (hit.words.end..lead).any(|j| DESTINATIONS.contains(&words.word(j)))
            }
            _ => false,
        };
        // "the hardened base image", "an optimized build": a participle that
        // describes a thing rather than promising a change.
        let describes_a_thing = word.ends_with('d')
            && word != base
            && matches!(
                prev,
                "the"
                    | "a"
                    | "an"
                    | "our"
                    | "their"
                    | "its"
                    | "this"
                    | "that"
                    | "these"
                    | "those"
                    | "each"
                    | "every"
                    | "all"
                    | "new"
            );
        let names_a_thing = (word.ends_with("ion")
            || word.ends_with("ions")
            || word.ends_with("ment")
            || word.ends_with("ments")
            || base == "growth")
            && ARTIFACTS.contains(&next);
        !wrong_sense && !names_a_thing && !describes_a_thing
    }

    /// Where the text is unmeasurable: it leans on vague wording of change
    /// (see [`Lexicon::vague_span`]) and gives no number (see [`numbers`]).
    pub fn unmeasurable(&self, text: &str) -> Option<Range<usize>> {
        self.vague_span(text).filter(|_| !has_number(text))
    }

    /// Where the text describes what people will do rather than a result:
    /// it opens with an activity ("Attend ...", "Meet with each team ...",
    /// "Continue ...", "Look into ...") or holds meetings ("Hold weekly
    /// syncs"), and names no checkable result. A result is an end state or an
    /// output (see [`result_span`]); for activities such as "help" or
    /// "explore" a number also counts ("help 5 teams migrate"), but not for
    /// meetings and talking, where the number only counts the activity.
    pub fn activity(&self, text: &str) -> Option<Activity> {
        let words = Split::new(text);
        let lead = self.lead_end(&words);
        let hit = self.activity_cue(&words, lead)?;
        let pure = words::PURE_ACTIVITIES.contains(&hit.base.as_str());
        if result_span(text).is_some() || (!pure && has_number(text)) {
            return None;
        }
        Some(Activity {
            range: words.tokens[hit.words.start].range.start
                ..words.tokens[hit.words.end - 1].range.end,
            research: words::RESEARCH.contains(&hit.base.as_str()),
        })
    }

    fn activity_cue(&self, words: &Split, lead: usize) -> Option<Hit> {
        // The KR's main verb: its first word, after a subject or an adverb
        // ("We will regularly attend ...").
        let opening = (0..lead.min(4))
            .find(|&i| {
                let w = words.word(i);
                !(matches!(w, "we" | "will" | "i" | "also" | "to" | "the" | "team")
                    || w.ends_with("ly"))
            })
            .unwrap_or(0);
        for i in 0..lead {
            let Some(hit) = self.activity_matcher.at(words, i) else {
                continue;
            };
            if hit.words.end > lead {
                continue;
            }
            let base = hit.base.as_str();
            let word = words.word(i);
            let is_meeting = words::MEETINGS.contains(&base);
            // "calls" and "sessions" are meetings only after a frequency or
            // a verb that can only hold a meeting: not "run synthetic calls".
            let cues = if AMBIGUOUS_MEETINGS.contains(&base) {
                STRONG_MEETING_CUES
            } else {
                words::MEETING_CUES
            };
            let cued = (i.saturating_sub(4)..i).any(|j| cues.contains(&words.word(j)))
                || words.word(hit.words.end) == "with" && in_company(words, hit.words.end, lead);
            let as_verb = i == opening
                && (!is_meeting || MEETING_VERBS.contains(&base) && word == base)
                || (!is_meeting && word.ends_with("ed") && word != base);
            if !(is_meeting && cued || as_verb) {
                continue;
            }
            if NEEDS_COMPANY.contains(&base) && !in_company(words, hit.words.end, lead) {
                continue;
            }
            // Gathering requirements or feedback is talking to people;
            // gathering metrics is a system at work.
            if base == "gather"
                && !(hit.words.end..(hit.words.end + 3).min(lead)).any(|j| words.is(j, GATHERED))
            {
                continue;
            }
            // "Present" and "demo" are activities before an audience ("present
            // the vision at the all-hands"); "present a single status page"
            // is a deliverable, and "present in all repos" is not a verb.
            if matches!(base, "present" | "demo")
                && (i != opening || !has_audience(words, hit.words.end, lead))
            {
                continue;
            }
            return Some(hit);
        }
        None
    }
}

/// An activity found in a text by [`Lexicon::activity`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    /// The words that name the activity.
    pub range: Range<usize>,
    /// The activity is research ("explore", "investigate"): the substance of
    /// a discovery KR, which `discovery-without-output` judges instead.
    pub research: bool,
}

/// True when people are the object or the company of the verb before
/// `from`: "meet with each product team", "support the data team",
/// "collaborate with security". Not "meet the SLO", "sync with the upstream
/// release", or "support SSO for all users".
fn in_company(words: &Split, from: usize, lead: usize) -> bool {
    (from..(from + 6).min(lead))
        .take_while(|&j| words.word(j) == "with" || !words.is(j, PREPOSITIONS))
        .any(|j| words::PEOPLE.contains(&words.word(j)))
}

/// Prepositions that end a verb's object: in "support SSO for all users"
/// the users are not what is supported.
const PREPOSITIONS: &[&str] = &[
    "for", "on", "in", "across", "to", "at", "of", "during", "via", "through", "by", "from",
    "into", "between", "within", "under", "over",
];

/// True when an audience follows: "to leadership", "at the all-hands".
fn has_audience(words: &Split, from: usize, lead: usize) -> bool {
    (from..(from + 6).min(lead)).any(|j| words.is(j, &["to", "at", "with"]))
}

/// A comparative that promises more or less of something, not "or higher"
/// or "no more than".
fn is_comparative(words: &Split, i: usize) -> bool {
    let word = words.word(i);
    if !words::COMPARATIVES.contains(&word) {
        return false;
    }
    let prev = i.checked_sub(1).map_or("", |p| words.word(p));
    let next = words.word(i + 1);
    !matches!(prev, "or" | "no" | "than" | "and")
        && next != "than"
        && !(matches!(word, "more" | "less" | "fewer") && next.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Words;

    #[test]
    fn tokens_keep_inner_hyphens_and_ranges() {
        let text = "A world-class, next-gen API -- done.";
        let words: Vec<&str> = tokens(text).iter().map(|t| t.text).collect();
        assert_eq!(words, ["A", "world-class", "next-gen", "API", "done"]);
        let t = tokens(text)[1].clone();
        assert_eq!(&text[t.range], "world-class");
    }

    fn found(text: &str) -> Vec<&str> {
        numbers(text).into_iter().map(|n| &text[n.range]).collect()
    }

    #[test]
    fn numbers_in_digits_with_units() {
        assert_eq!(
            found("12 and 2.5 and 99.9% and 200ms"),
            ["12", "2.5", "99.9", "200ms"]
        );
        assert_eq!(
            found("1M requests, 4,200 pods, $40k per month"),
            ["1M", "4,200", "40k"]
        );
        assert_eq!(found("from 12/quarter to 2/quarter"), ["12", "2"]);
        assert_eq!(
            found("a 30-day read-only period, 10x faster, 64GB"),
            ["30", "10x", "64GB"]
        );
        assert_eq!(found("0 unencrypted backups"), ["0"]);
    }

    #[test]
    fn names_labels_and_dates_are_not_numbers() {
        for text in [
            "Improve p95 and p99.9 latency",
            "Roll out IPv6 and S3-compatible storage in us-east-1",
            "Reduce Sev-2 incidents and 5xx errors",
            "Cut queue time for 8-GPU jobs",
            "Ship it in Q4, 2026-Q2, H1 or FY26",
            "Ship it in 2026",
            "Decide by May 31 or by 15 August",
            "Decide by 2026-05-31",
            "Move tier 1 services in week 6",
            "Upgrade to TLS 1.3 and pass the SOC 2 audit",
            "Provide 24/7 cover and 1:1 coaching at 10:30",
            "Reach the 95th percentile with 2FA",
            "Improve monitoring for all services, every team, none left",
            "Give no one a one-click deploy in the first half",
        ] {
            assert_eq!(found(text), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn number_words_count() {
        assert_eq!(found("zero data loss for twelve teams"), ["zero", "twelve"]);
        assert_eq!(
            found("cut cost by half for twenty-five services"),
            ["half", "twenty-five"]
        );
        assert_eq!(
            found("a three-day freeze, at least one region"),
            ["three-day", "one"]
        );
        assert_eq!(found("Serve 2000 requests per second"), ["2000"]);
    }

    #[test]
    fn changes_from_a_baseline_to_a_target() {
        for text in [
            "Reduce P1 incidents from 12/quarter to 2/quarter",
            "Cut spend from $90k to $50k per month",
            "Raise adoption from 10% to 60%",
            "Reduce incidents from bad releases from 6 to 1 per quarter",
            "Cut queue time from 6 hours to 30 minutes",
            "Cut median CI time from 25 minutes to 10 minutes",
            "Reduce pages from a baseline of 40 to under 10 per week",
            "Reduce alerts from 30 per month to 5",
            "p95 latency 200ms → 100ms",
        ] {
            assert!(states_change(text), "{text}");
        }
        for text in [
            "Move from the old data centre to the cloud",
            "Reduce SLO misses from <baseline> to 2 per quarter",
            "Hold error budget burn below 2% per week",
            "Increase adoption to 60% of teams",
            "Upgrade Postgres from 12 to 16",
            "Migrate from Java 11 to Java 21",
            "Migrate 48 services from the blob store to object storage",
            "Move 3 services from us-east-1 to eu-west-1",
        ] {
            assert!(!states_change(text), "{text}");
        }
    }

    #[test]
    fn inflections_cover_regular_forms() {
        let forms = inflections("improve");
        for form in [
            "improves",
            "improved",
            "improving",
            "improvement",
            "improvements",
        ] {
            assert!(forms.contains(&form.to_string()), "{form}");
        }
        assert!(inflections("optimize").contains(&"optimization".to_string()));
        assert!(inflections("simplify").contains(&"simplified".to_string()));
        assert!(inflections("simplify").contains(&"simplification".to_string()));
        assert!(inflections("cut").contains(&"cutting".to_string()));
        assert!(inflections("reduce").contains(&"reduction".to_string()));
        assert!(inflections("accelerate").contains(&"acceleration".to_string()));
        assert!(inflections("meet").contains(&"met".to_string()));
        assert!(inflections("discuss").contains(&"discussion".to_string()));
    }

    fn lexicon() -> Lexicon {
        Lexicon::new(&Words::default())
    }

    fn vague(text: &str) -> Option<&str> {
        lexicon().vague_span(text).map(|r| &text[r])
    }

    #[test]
    fn vague_wording_is_found_with_its_intent() {
        assert_eq!(vague("Improve API performance"), Some("Improve"));
        assert_eq!(vague("Test coverage improved"), Some("improved"));
        assert_eq!(vague("Optimise the build cache"), Some("Optimise"));
        assert_eq!(
            vague("Performance optimizations for the API"),
            Some("optimizations")
        );
        assert_eq!(vague("Speed up CI for backend teams"), Some("Speed up"));
        assert_eq!(
            vague("Make GPU usage more efficient"),
            Some("Make GPU usage more")
        );
        assert_eq!(vague("Make docs better"), Some("Make docs better"));
        assert_eq!(vague("Faster builds for every team"), Some("Faster"));
        assert_eq!(
            vague("Use GPU capacity more efficiently"),
            Some("more efficiently")
        );
        assert_eq!(vague("Simplify the deploy process"), Some("Simplify"));
        assert_eq!(vague("Harden the production clusters"), Some("Harden"));
    }

    #[test]
    fn vague_words_in_other_senses_or_in_the_purpose_are_not_vague() {
        for text in [
            "Launch the developer portal for all teams to reduce service setup time",
            "Ship the flaky-test quarantine so that CI is more reliable",
            "Cut over all traffic to the new load balancer",
            "Roll out the change to all lower environments",
            "Raise alerts on every SLO breach",
            "Roll out the image optimization pipeline to every service",
            "Expand IPv6 to all internal services",
            "Adopt Bazel in every repository for better caching",
            "Alert on Sev-2 or higher incidents",
            "Migrate 48 services, reducing storage cost",
            "Migrate all services to the hardened base image",
            "Transform application logs into OpenTelemetry format",
        ] {
            assert_eq!(vague(text), None, "{text}");
        }
    }

    #[test]
    fn unmeasurable_needs_vague_wording_and_no_number() {
        let lex = lexicon();
        assert!(
            lex.unmeasurable("Improve monitoring for all services")
                .is_some()
        );
        assert!(
            lex.unmeasurable("Improve test coverage by May 31")
                .is_some()
        );
        assert!(
            lex.unmeasurable("Reduce API p95 response time from 200ms to 100ms")
                .is_none()
        );
        assert!(lex.unmeasurable("Increase line coverage to 80%").is_none());
        assert!(
            lex.unmeasurable("Publish an SLO for each service")
                .is_none()
        );
    }

    fn activity(text: &str) -> Option<&str> {
        lexicon().activity(text).map(|a| &text[a.range])
    }

    #[test]
    fn activities_are_found() {
        assert_eq!(
            activity("Attend the quarterly architecture forum to present the build roadmap"),
            Some("Attend")
        );
        assert_eq!(
            activity("Meet with each product team monthly to discuss IPv6 readiness"),
            Some("Meet")
        );
        assert_eq!(
            activity("Hold weekly meetings with product teams to gather requirements"),
            Some("meetings")
        );
        assert_eq!(
            activity("Run bi-weekly syncs with the data team"),
            Some("syncs")
        );
        assert_eq!(
            activity("Hold 4 workshops with product teams"),
            Some("workshops")
        );
        assert_eq!(activity("Continue the Kafka migration"), Some("Continue"));
        assert_eq!(activity("Look into flaky tests"), Some("Look into"));
        assert_eq!(activity("Work on the cost model"), Some("Work on"));
        assert_eq!(
            activity("Help product teams adopt the new pipeline"),
            Some("Help")
        );
        assert_eq!(
            activity("Talk to 10 teams about their build pain"),
            Some("Talk")
        );
        assert_eq!(
            activity("IPv6 readiness discussed with every team"),
            Some("discussed")
        );
        for (text, cue) in [
            ("Run 3 training sessions for product teams", "sessions"),
            ("Hold weekly calls with vendors", "calls"),
            (
                "Collaborate with security on the threat model",
                "Collaborate",
            ),
            ("Regularly review cost reports with team leads", "review"),
            ("Gather requirements from the data teams", "Gather"),
        ] {
            assert_eq!(activity(text), Some(cue), "{text}");
        }
    }

    #[test]
    fn results_and_other_senses_are_not_activities() {
        for text in [
            "Hold checkout availability at 99.95%",
            "Requirements doc finalized and approved by 5 product teams",
            "Run 10 internal services IPv6-only in production",
            "Meet the 99.9% availability SLO for all APIs",
            "Support IPv6 on every load balancer",
            "Help 5 teams migrate to the new pipeline",
            "Explore caching options and publish a recommendation",
            "Toolchain lock present in 20 of 20 repositories",
            "Cut API calls per page from 40 to 10",
            "Sync secrets from the vault to all 40 services",
            "Launch the portal to help teams onboard",
            "Publish a cost report per team every month",
            "Present a single status page for all 75 customer-facing services",
            "Present cost data per team in the billing dashboard",
            "Keep the staging environment in sync with production",
            "Sync with the upstream Kubernetes release every quarter",
            "Support SSO for all users of internal tools",
            "Gather metrics from all 40 services into Prometheus",
            "Run synthetic calls against every public endpoint",
            "Trace every call between services",
            "Runbook reviewed by SRE",
        ] {
            assert_eq!(activity(text), None, "{text}");
        }
    }

    #[test]
    fn deadlines_approvals_and_outputs() {
        assert!(deadline_span("Investigate options by May 31").is_some());
        assert!(deadline_span("Decision made by end of month 2").is_some());
        assert!(deadline_span("Ship it in Q3").is_some());
        assert!(deadline_span("Research pooling options").is_none());
        assert!(deadline_span("Serve traffic by region").is_none());
        assert!(approval_span("Design document approved by the Storage and SRE leads").is_some());
        assert!(approval_span("Design approved in architecture review").is_some());
        assert!(approval_span("Approved design").is_none());
        assert!(output_span("Get the design document approved").is_some());
        assert!(output_span("Complete vendor evaluation with a final recommendation").is_some());
        assert!(output_span("Research connection pooling options").is_none());
        assert!(output_span("Design a sharding approach").is_none());
    }

    #[test]
    fn odd_input_does_not_panic() {
        let lex = lexicon();
        for text in [
            "",
            " ",
            "-",
            "1",
            "1:",
            "24/",
            "24/7",
            "from",
            "from 1",
            "from 1 to",
            "→",
            "1 →",
            "2026-",
            "2026-0",
            "2026-05-",
            "$",
            "1-",
            "ú1",
            "1ú",
            "é-1",
            "١٢ ٣",
            "to to to",
            "so",
            "Make",
            "more",
            "from from 1 to to 2",
            "1.2.3.4",
            "9999999999999999999999",
            "[x]",
            "“quoted” 5’s",
            "a\nb\n\n1",
        ] {
            let _ = numbers(text);
            let _ = change_span(text);
            let _ = deadline_span(text);
            let _ = approval_span(text);
            let _ = output_span(text);
            let _ = result_span(text);
            let _ = lex.unmeasurable(text);
            let _ = lex.activity(text);
        }
    }

    #[test]
    fn configured_words_extend_the_lists() {
        let mut words = Words::default();
        words.vague.push("jazz up".to_string());
        words.activity.push("ponder".to_string());
        let lex = Lexicon::new(&words);
        assert!(lex.vague_span("Jazz up the status page").is_some());
        assert!(lex.activity("Ponder the cache design").is_some());
    }

    #[test]
    fn small_number_words_have_their_values() {
        assert_eq!(small_number_word("zero"), Some(0.0));
        assert_eq!(small_number_word("twelve"), Some(12.0));
        assert_eq!(small_number_word("twenty"), Some(20.0));
        assert_eq!(small_number_word("thirty"), None);
        assert_eq!(small_number_word("all"), None);
    }
}
