//! Whether an objective's statement says what the work is for, and where
//! it names a destination instead ("to managed PostgreSQL").

use std::ops::Range;

use super::tokens::{Split, Token};
use super::words;

/// True when the statement says what the work is for.
pub fn states_outcome(split: &Split) -> bool {
    let statement = split.text;
    let words = &split.tokens;
    let lower = &split.lower;
    let at = |i: usize| lower.get(i).map_or("", String::as_str);
    let comma_before = |i: usize| {
        i > 0
            && statement[words[i - 1].range.end..words[i].range.start]
                .contains([',', ';', ':', '—', '–'])
    };

    if words::OUTCOME_VERBS.contains(&at(0)) {
        return true;
    }
    for i in 0..words.len() {
        let word = at(i);
        let next = at(i + 1);
        let found = match word {
            "to" if i > 0 => {
                infinitive_of_purpose(words, lower, i + 1)
                    || (causative_before(lower, i) && looks_like_bare_verb(words, lower, i + 1))
            }
            "in" => next == "order" && at(i + 2) == "to",
            "so" if i > 0 => !matches!(
                next,
                "" | "far" | "much" | "many" | "long" | "called" | "on"
            ),
            "with" => {
                matches!(next, "the" | "a") && matches!(at(i + 2), "goal" | "aim" | "purpose")
            }
            "aimed" | "aiming" => matches!(next, "at" | "to"),
            "that" | "which" => third_person(next).is_some_and(is_purpose_verb),
            "and" => words::OUTCOME_VERBS.contains(&next),
            "for" => {
                words::OBJECTIVE_COMPARATIVES.contains(&next)
                    || (next == "more" && at(i + 2).ends_with("able"))
            }
            _ if i > 0 && words::PURPOSE_PARTICIPLES.contains(&word) => true,
            _ if comma_before(i) => {
                words::OUTCOME_VERBS.contains(&word)
                    || participle_stem(word).is_some_and(|stem| is_purpose_verb(&stem))
            }
            _ => false,
        };
        if found {
            return true;
        }
    }
    false
}

/// The word at `j` (after "to", past adverbs) is a purpose verb.
fn infinitive_of_purpose(words: &[Token<'_>], lower: &[String], mut j: usize) -> bool {
    while lower
        .get(j)
        .is_some_and(|w| w.ends_with("ly") && w.len() > 4)
    {
        j += 1;
    }
    let Some(word) = lower.get(j) else {
        return false;
    };
    if word == "free" {
        return lower.get(j + 1).is_some_and(|w| w == "up");
    }
    let capitalised = words[j].text.chars().next().is_some_and(char::is_uppercase);
    if capitalised && !words::OBJECTIVE_PURPOSE_VERBS.contains(&word.as_str()) {
        return false;
    }
    is_purpose_verb(word)
}

/// A purpose verb in base form: listed, a listed verb with "re"/"un", or a
/// verb by its ending.
fn is_purpose_verb(word: &str) -> bool {
    if words::OBJECTIVE_PURPOSE_VERBS.contains(&word) {
        return true;
    }
    for prefix in ["re-", "re", "un"] {
        if let Some(rest) = word.strip_prefix(prefix)
            && rest.len() >= 3
            && words::OBJECTIVE_PURPOSE_VERBS.contains(&rest)
        {
            return true;
        }
    }
    if words::NOT_VERBS.contains(&word) || !word.chars().all(|c| c.is_ascii_lowercase()) {
        return false;
    }
    (word.len() >= 6 && (word.ends_with("ize") || word.ends_with("ise") || word.ends_with("ify")))
        || (word.len() >= 7 && word.ends_with("ate"))
}

/// "enable", "allow", "help" or "let" within the four words before `to`.
fn causative_before(lower: &[String], to: usize) -> bool {
    lower[to.saturating_sub(5)..to].iter().any(|w| {
        let forms = [
            Some(w.to_string()),
            w.strip_suffix('s').map(str::to_string),
            w.strip_suffix("ing").map(str::to_string),
            w.strip_suffix("ing").map(|stem| format!("{stem}e")),
        ];
        forms
            .into_iter()
            .flatten()
            .any(|form| words::CAUSATIVE_VERBS.contains(&form.as_str()))
    })
}

/// After "enable teams to": a lowercase word that is no article, number,
/// past participle or plural noun.
fn looks_like_bare_verb(words: &[Token<'_>], lower: &[String], j: usize) -> bool {
    let Some(word) = lower.get(j) else {
        return false;
    };
    let lowercase = words[j].text.chars().next().is_some_and(char::is_lowercase);
    lowercase
        && !words::DESTINATION_STARTS.contains(&word.as_str())
        && !word.ends_with("ed")
        && (!word.ends_with('s') || word.ends_with("ss"))
}

/// "lets" -> "let", "reduces" -> "reduce", "simplifies" -> "simplify".
fn third_person(word: &str) -> Option<&str> {
    if word.ends_with("ies") {
        return None;
    }
    word.strip_suffix('s').filter(|stem| stem.len() >= 2)
}

/// "cutting" -> "cut", "reducing" -> "reduce", "enabling" -> "enable".
fn participle_stem(word: &str) -> Option<String> {
    let stem = word.strip_suffix("ing").filter(|s| s.len() >= 2)?;
    let bytes = stem.as_bytes();
    let doubled = bytes.len() >= 2 && bytes[bytes.len() - 1] == bytes[bytes.len() - 2];
    [
        stem.to_string(),
        format!("{stem}e"),
        if doubled {
            stem[..stem.len() - 1].to_string()
        } else {
            String::new()
        },
    ]
    .into_iter()
    .find(|candidate| words::OBJECTIVE_PURPOSE_VERBS.contains(&candidate.as_str()))
}

/// The first "to ..." that names a destination, up to the next small word:
/// "to managed PostgreSQL", "to microservices architecture".
pub fn destination(split: &Split) -> Option<Range<usize>> {
    let words = &split.tokens;
    let to = words
        .iter()
        .skip(1)
        .position(|w| w.text.eq_ignore_ascii_case("to"))?
        + 1;
    let stops = [
        "for", "to", "with", "in", "by", "and", "on", "at", "from", "across",
    ];
    let last = words[to + 1..]
        .iter()
        .take_while(|w| !stops.contains(&w.lower().as_str()))
        .take(4)
        .last()?;
    Some(words[to].range.start..last.range.end)
}
