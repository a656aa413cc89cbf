//! Whether an objective's statement says what the work is for, and where
//! it names a destination instead ("to managed PostgreSQL").

use std::borrow::Cow;
use std::ops::Range;

use super::tokens::{Split, Token};
use super::words;
use super::{forms, predicate};

/// True when the statement says what the work is for.
pub fn states_outcome(split: &Split) -> bool {
    let statement = split.text;
    let words = &split.tokens;
    let lower = &split.lower;
    let at = |i: usize| lower.get(i).map_or("", |w| w.as_ref());
    let comma_before = |i: usize| {
        i > 0
            && statement[words[i - 1].range.end..words[i].range.start]
                .contains([',', ';', ':', '—', '–'])
    };

    if words::OUTCOME_VERBS.contains(&at(0)) {
        return true;
    }
    // What improves is the first noun after the verb's modifiers; a gerund
    // there names a practice ("monitoring"), not a measure.
    let changes =
        |word: &str| words::IMPROVEMENT_VERBS.contains(&word) || words::is_change_verb(word);
    if words::IMPROVEMENT_VERBS.contains(&at(0)) && !at(1).ends_with("ing") {
        return true;
    }
    // Any other WordNet verb of change of degree, when what changes is a
    // quality ("Optimize repository functionality", "Strengthen movement
    // governance"), not a thing ("Stabilize cargo-script").
    if words::is_change_verb(at(0)) && quality_changed(lower) {
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
            // A change reported as a state: "The bandwidth usage is reduced".
            "is" | "are" | "be" | "been" | "was" | "were" if i > 0 => {
                next.ends_with("ed")
                    && forms::bases(next)
                        .iter()
                        .any(|base| changes(base) || words::OUTCOME_VERBS.contains(&base.as_str()))
            }
            "that" | "which" => is_third_person_purpose(next),
            "and" => words::OUTCOME_VERBS.contains(&next),
            "for" => {
                words::OBJECTIVE_COMPARATIVES.contains(&next)
                    || (next == "more" && at(i + 2).ends_with("able"))
            }
            _ if i > 0 && words::PURPOSE_PARTICIPLES.contains(&word) => true,
            _ if comma_before(i) => {
                words::OUTCOME_VERBS.contains(&word) || is_purpose_participle(word)
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
/// True when the object after the first word is headed by a noun of
/// quality, by its suffix ("functionality", "governance", "health",
/// "efficiency", "readiness"): the head is the last word before a
/// preposition, "and" or the end.
fn quality_changed(lower: &[Cow<'_, str>]) -> bool {
    let head = lower
        .iter()
        .skip(1)
        .take_while(|w| {
            !matches!(
                w.as_ref(),
                "and" | "by" | "for" | "in" | "of" | "on" | "to" | "with" | "across" | "through"
            )
        })
        .last();
    head.is_some_and(|w| {
        [
            "ity", "ty", "ness", "ance", "ence", "ency", "ancy", "th", "ship",
        ]
        .iter()
        .any(|suffix| w.len() > suffix.len() + 3 && w.ends_with(suffix))
    })
}

fn infinitive_of_purpose(words: &[Token<'_>], lower: &[Cow<'_, str>], mut j: usize) -> bool {
    while lower.get(j).is_some_and(|w| {
        w.ends_with("ly") && w.len() > 4 || matches!(w.as_ref(), "better" | "further")
    }) {
        j += 1;
    }
    let Some(word) = lower.get(j) else {
        return false;
    };
    if word == "free" {
        return lower.get(j + 1).is_some_and(|w| w == "up");
    }
    let capitalised = words[j].text.chars().next().is_some_and(char::is_uppercase);
    if capitalised && !words::is_objective_purpose_verb(word) {
        return false;
    }
    is_purpose_verb(word) || is_bare_verb_with_object(words, lower, j)
}

/// True when the word at `j` is an infinitive of any verb WordNet knows, in
/// its base form and with something after it: a word that is only a verb
/// ("to acquire and maintain a virtual office"), or a verb with an
/// article or pronoun after it ("to build a trustworthy encyclopedia").
/// Not a destination ("to the cloud", "to managed PostgreSQL", "to
/// microservices") or a noun of a compound ("paths to value", "to cloud
/// hosting").
fn is_bare_verb_with_object(words: &[Token<'_>], lower: &[Cow<'_, str>], j: usize) -> bool {
    let word = lower[j].as_ref();
    let Some(next) = lower.get(j + 1) else {
        return false;
    };
    words[j].text.chars().all(|c| c.is_ascii_lowercase())
        && !words::DESTINATION_STARTS.contains(&word)
        && !words::NOT_VERBS.contains(&word)
        && predicate::is_base_verb(word)
        && (words::is_verb_only(word)
            || words::THING_DETERMINERS.contains(&next.as_ref())
            || matches!(next.as_ref(), "it" | "them" | "us" | "people" | "more"))
}

/// A purpose verb in base form: listed, a listed verb with "re"/"un", or a
/// verb by its ending.
fn is_purpose_verb(word: &str) -> bool {
    if words::is_objective_purpose_verb(word) {
        return true;
    }
    for prefix in ["re-", "re", "un"] {
        if let Some(rest) = word.strip_prefix(prefix)
            && rest.len() >= 3
            && words::is_objective_purpose_verb(rest)
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

/// "enable", "allow", "help" or "let", in any form, within the four words
/// before `to`.
fn causative_before(lower: &[Cow<'_, str>], to: usize) -> bool {
    lower[to.saturating_sub(5)..to].iter().any(|w| {
        forms::bases(w)
            .iter()
            .any(|base| words::CAUSATIVE_VERBS.contains(&base.as_str()))
    })
}

/// After "enable teams to": a lowercase word that is no article, number,
/// past participle or plural noun.
fn looks_like_bare_verb(words: &[Token<'_>], lower: &[Cow<'_, str>], j: usize) -> bool {
    let Some(word) = lower.get(j) else {
        return false;
    };
    let lowercase = words[j].text.chars().next().is_some_and(char::is_lowercase);
    lowercase
        && !words::DESTINATION_STARTS.contains(&word.as_ref())
        && !word.ends_with("ed")
        && (!word.ends_with('s') || word.ends_with("ss"))
}

/// A third-person purpose verb: "lets", "reduces", "ensures".
fn is_third_person_purpose(word: &str) -> bool {
    word.ends_with('s')
        && forms::bases(word)
            .iter()
            .skip(1)
            .any(|b| is_purpose_verb(b))
}

/// A purpose verb in "-ing" form: "cutting", "reducing", "enabling".
fn is_purpose_participle(word: &str) -> bool {
    word.ends_with("ing")
        && forms::bases(word)
            .iter()
            .skip(1)
            .any(|b| words::is_objective_purpose_verb(b))
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
