//! Numbers and what kind each is (a quantity with its unit, or a label,
//! a date, a version or a name), and the change from a baseline to a target.

use std::ops::Range;
use std::sync::LazyLock;

use foldhash::HashSet;

use super::tokens::Split;
use super::words;

// ---------------------------------------------------------------------------
// Numbers

pub fn is_month(word: &str) -> bool {
    MONTHS.contains(word)
}

// Asked about every word of every text: sets, not scans of the lists.
static MONTHS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    words::MONTH_NAMES
        .iter()
        .chain(words::MONTH_ABBREVIATIONS)
        .copied()
        .collect()
});
static NUMBER_WORDS: LazyLock<HashSet<&str>> =
    LazyLock::new(|| words::NUMBER_WORDS.iter().copied().collect());

/// The value of a number word from zero to twenty ("twelve" → 12).
pub fn small_number_word(word: &str) -> Option<f64> {
    words::NUMBER_WORDS[..=20]
        .iter()
        .position(|w| *w == word)
        .map(|n| n as f64)
}

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
pub fn numbers(words: &Split) -> Vec<Number> {
    let mut out = digit_numbers(words);
    out.extend(word_numbers(words));
    out.sort_by_key(|n| n.range.start);
    out
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
        let (end, suffix_end) = digit_run(text, start);
        i = suffix_end.max(start + 1);
        if let Some(number) = classify_digits(words, start, end, suffix_end) {
            out.push(number);
        }
    }
    out
}

/// Where the digits that start at byte `start` end, a thousands separator
/// or decimal point between two digits included (`4,200`, `2.5`), and where
/// the letters written right after them end (`ms` in `200ms`). The one
/// reading of a number's extent, for [`numbers`] and for the lexemes of
/// [`crate::analysis::share`].
pub fn digit_run(text: &str, start: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let mut end = start;
    while end < b.len()
        && (b[end].is_ascii_digit()
            || (matches!(b[end], b'.' | b',') && b.get(end + 1).is_some_and(u8::is_ascii_digit)))
    {
        end += 1;
    }
    let mut suffix_end = end;
    while suffix_end < b.len() && b[suffix_end].is_ascii_alphabetic() {
        suffix_end += 1;
    }
    (end, suffix_end)
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
    // An issue or pull request: "(#145)", "ipfs-companion/#145".
    if prev == Some('#') && matches!(prev2, Some('/' | '(')) {
        return None;
    }
    // The later parts of a date or range already judged: 2026-05-31, 3/5.
    if matches!(prev, Some('-' | '/' | '.')) && prev2.is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    // Times and ratios: 10:30, 1:1, 24/7; but a duration that changes
    // ("from 2:37 per session to 3:45") is a quantity.
    let index = words.at(start);
    let changes = index
        .checked_sub(1)
        .is_some_and(|p| words.is(p, &["from", "to"]));
    if after.starts_with(':') && after[1..].starts_with(|c: char| c.is_ascii_digit()) && !changes
        || prev == Some(':') && prev2.is_some_and(|c| c.is_ascii_digit())
        || text[start..].starts_with("24/7")
        || prev == Some('/') && text[..start].ends_with("24/")
    {
        return None;
    }
    let mut bare = true;
    if !suffix.is_empty() {
        if !words::UNIT_SUFFIXES.contains(&suffix.as_str()) {
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
        if !word.is_empty() && !words::MEASURE_WORDS.contains(&word.as_str()) {
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
        let prev_word = index.checked_sub(1).map(|p| words.word(p)).unwrap_or("");
        let next_word = words.word(index + 1);
        let value: Option<u32> = digits.parse().ok();
        let is_year = digits.len() == 4
            && value.is_some_and(|v| (1990..=2099).contains(&v))
            && (words::YEAR_CONTEXT.contains(&prev_word)
                || is_month(prev_word)
                || words::QUARTER_LABELS.contains(&next_word)
                || index + 1 >= words.len() && prev_word.is_empty());
        let is_day = digits.len() <= 2
            && (is_month(prev_word)
                || is_month(next_word)
                || (next_word == "of" && is_month(words.word(index + 2))));
        let is_label = words::LABEL_WORDS.contains(&prev_word);
        // A capitalised name right before a plain number is a product and its
        // version (`Kubernetes 1.29`, `SOC 2`, `Postgres 16`), not a count.
        // An ordinary word capitalised is no name ("Implement Top 3
        // actions"): WordNet knows it as a verb.
        // An acronym is a name even where it opens the sentence ("FIPS
        // 140-2: ...", "SOC 2 report signed").
        let name = index.checked_sub(1).map_or("", |p| words.tokens[p].text);
        let acronym = name.len() >= 2 && name.bytes().all(|b| b.is_ascii_uppercase());
        let is_version = index > 0
            && (acronym || !words.starts_sentence(index - 1))
            && name.starts_with(|c: char| c.is_uppercase())
            && words::verb_class(prev_word).is_none()
            && words.gap_before(index).trim().is_empty()
            && !words::CURRENCY_WORDS.contains(&prev_word);
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
            NUMBER_WORDS.contains(first)
                && rest
                    .iter()
                    .all(|p| NUMBER_WORDS.contains(p) || words::MEASURE_WORDS.contains(p))
        } else {
            NUMBER_WORDS.contains(word)
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

/// Where the text states a change of a measure from a baseline to a target:
/// "from N ... to M" with numbers at both ends ("from 12/quarter to
/// 2/quarter", "from $90k to $50k", "from 6 hours to 30 minutes"), or
/// "N → M". A move between places ("from the old data centre to the cloud")
/// or a version upgrade ("Postgres from 12 to 16") is not a measure.
pub fn change_span(words: &Split, numbers: &[Number]) -> Option<Range<usize>> {
    let text = words.text;
    let is_upgrade = words
        .lower
        .iter()
        .any(|w| words::VERSION_WORDS.contains(&w.as_ref()));
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
        // "from 6 per month to none": no quantity left is a target too.
        if let Some(none) =
            (to + 1..(to + 3).min(words.len())).find(|&j| words::NONE_LEFT.contains(&words.word(j)))
        {
            return Some(words.tokens[f].range.start..words.tokens[none].range.end);
        }
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
