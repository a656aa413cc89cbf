//! Where a text sets a deadline, names who approves, names an output or
//! states a checkable end state.

use std::ops::Range;
use std::sync::LazyLock;

use foldhash::HashSet;

use super::numbers;
use super::tokens::Split;
use super::words;

/// A built-in list as a set: these are asked about every word of every
/// text, where a scan of the list costs a comparison per entry.
fn set(list: &'static [&'static str]) -> HashSet<&'static str> {
    list.iter().copied().collect()
}

static RESULT_STATES: LazyLock<HashSet<&str>> = LazyLock::new(|| set(words::RESULT_STATES));
static PRODUCING_VERBS: LazyLock<HashSet<&str>> = LazyLock::new(|| set(words::PRODUCING_VERBS));
static OUTPUTS: LazyLock<HashSet<&str>> = LazyLock::new(|| set(words::OUTPUTS));
static DECISION_WORDS: LazyLock<HashSet<&str>> = LazyLock::new(|| set(words::DECISION_WORDS));

// ---------------------------------------------------------------------------
// Deadlines, approvals and outputs

/// Where the text sets a deadline: "by May 31", "before Q3", "by end of
/// month 2", "by 2026-06-30", "by week 6", "in Q3".
pub fn deadline_span(words: &Split) -> Option<Range<usize>> {
    let is_date = |i: usize| {
        let w = words.word(i);
        numbers::is_month(w)
            || words::WEEKDAYS.contains(&w)
            || words::QUARTER_LABELS.contains(&w)
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
                numbers::is_month(w) && w != "may"
                    || words::QUARTER_LABELS.contains(&w)
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
pub fn approval_span(words: &Split) -> Option<Range<usize>> {
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

/// Where the text names a concrete output of discovery work: a prototype, a
/// design document, a recommendation, a decision, a report, an RFC, a map.
pub fn output_span(words: &Split) -> Option<Range<usize>> {
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
        if OUTPUTS.contains(word) || DECISION_WORDS.contains(word) {
            return Some(words.tokens[i].range.clone());
        }
    }
    None
}

/// Where the text states a checkable end state: something approved,
/// launched, shipped, live, decided or in production, or an output produced
/// ("publish a recommendation").
pub fn result_span(words: &Split) -> Option<Range<usize>> {
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
            _ => RESULT_STATES.contains(word),
        };
        if state {
            return Some(words.tokens[i].range.clone());
        }
        // "the build roadmap" names a roadmap; "build a prototype" makes one.
        let is_verb = !matches!(
            prev,
            "the" | "a" | "an" | "our" | "their" | "its" | "this" | "that" | "each" | "every"
        );
        if is_verb && PRODUCING_VERBS.contains(word) {
            let object = (i + 1..(i + 5).min(words.len()))
                .take_while(|&j| !words.is(j, &["to", "and", "with"]))
                .find(|&j| OUTPUTS.contains(words.word(j)));
            if let Some(j) = object {
                return Some(words.tokens[i].range.start..words.tokens[j].range.end);
            }
        }
    }
    None
}
