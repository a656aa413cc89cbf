//! The main predicate of a statement: its main verb with any particle or
//! idiom WordNet lists ("sit down with", "keep an eye on", "sound out"), the
//! verb's class, whether it is reported done ("Findings talked through with
//! the funder"), and whether a system is its subject ("The scheduler pages
//! the on-call engineer"), which makes it a behaviour rather than something
//! people do.

use std::ops::Range;
use std::rc::Rc;

use super::forms;
use super::memo::WordMemo;
use super::tokens::Split;
use super::words::{self, NounClass, VerbClass};

/// The longest WordNet verb phrase tried, in words ("keep an eye on").
const LONGEST_VERB: usize = 5;

/// Finite verbs that follow a subject.
const FINITE: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "can", "should", "must", "does",
];

/// The main verb of a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Predicate {
    /// The words of the verb phrase, particle or idiom included.
    pub verb: Range<usize>,
    /// Its WordNet lemma ("sit down", "keep an eye on").
    pub lemma: String,
    pub class: VerbClass,
    /// The verb is a past participle after its subject: "Findings talked
    /// through with the funder", "Rollout plan discussed with the stores".
    pub passive: bool,
    /// A made thing is the subject: "The scheduler pages the on-call
    /// engineer". What a system does is a behaviour.
    pub system_subject: bool,
}

impl Predicate {
    /// The verb is a WordNet phrase of several words, an idiom or a verb with
    /// its particle ("keep tabs on", "touch base").
    pub fn is_phrase(&self) -> bool {
        self.lemma.contains(' ')
    }
}

/// The first word of the statement that may be its verb: after a subject
/// such as "we" or "the team", "will", and adverbs ("We will regularly
/// attend ...").
pub fn opening(words: &Split, lead: usize) -> usize {
    let start = (0..lead.min(4))
        .find(|&i| {
            let w = words.word(i);
            !(matches!(w, "we" | "will" | "i" | "also" | "to" | "the" | "team")
                || w.ends_with("ly"))
        })
        .unwrap_or(0);
    after_named_subject(words, start, lead).unwrap_or(start)
}

/// Modals after which the verb of a named subject follows: "Warren will
/// collaborate with ...", "Dev to start work on ...".
const MODALS: &[&str] = &["will", "shall", "should", "must", "would", "to"];

/// The verb after a subject and a modal at the start of the statement
/// ("Sarah / Shawnteé will solicit feedback", "Dev to start work on the
/// forum"): the subject is at most three words and opens with no verb, so
/// "Plan to migrate" and "Time to first response" keep their own opening.
fn after_named_subject(words: &Split, start: usize, lead: usize) -> Option<usize> {
    if is_base_verb(words.word(start)) {
        return None;
    }
    let modal = (start + 1..(start + 4).min(lead)).find(|&k| words.is(k, MODALS))?;
    let verb = (modal + 1..(modal + 3).min(lead))
        .find(|&k| !(words.word(k) == "also" || words.word(k).ends_with("ly")))?;
    is_base_verb(words.word(verb)).then_some(verb)
}

/// The main predicate of the statement that ends at word `lead`, if its
/// verb is one WordNet knows.
pub fn predicate(words: &Split, lead: usize) -> Option<Predicate> {
    let start = opening(words, lead);
    // "Sit down with ...", "Continuing to ...": the statement opens with
    // its verb.
    let opens = verb_at(words, start, lead, |word, lemma| {
        word == lemma || word.ends_with("ing")
    })
    // "Smart search is available": a finite verb after it makes the first
    // word part of a subject, and so does a past participle ("Peer
    // reviewed", "Document signed off by legal").
    .filter(|(_, end)| !words.is(*end, FINITE) && !is_past_participle(words.word(*end)));
    if let Some((lemma, end)) = opens {
        return Some(Predicate {
            class: words::verb_class(&lemma)?,
            lemma,
            verb: start..end,
            passive: false,
            // A subject named before a modal: "The scheduler will page ...".
            system_subject: (0..start).any(|j| is_artifact(words.word(j))),
        });
    }
    // A subject first: a noun phrase of up to six words, then the verb.
    // "Findings talked through with the funder" reports an act done; "The
    // scheduler pages the on-call engineer" is a system at work.
    let system_subject = (start..(start + 2).min(lead)).any(|j| is_artifact(words.word(j)));
    for j in start + 1..(start + 7).min(lead) {
        let past = |word: &str, lemma: &str| {
            word != lemma
                && (word.ends_with("ed")
                    || words::irregular_lemmas(word).contains(&lemma)
                        && !word.ends_with("ing")
                        && !word.ends_with('s'))
        };
        let present = |word: &str, lemma: &str| word.len() > lemma.len() && word.ends_with('s');
        if let Some((lemma, end)) = verb_at(words, j, lead, past) {
            return Some(Predicate {
                class: words::verb_class(&lemma)?,
                lemma,
                verb: j..end,
                passive: true,
                system_subject,
            });
        }
        if system_subject && let Some((lemma, end)) = verb_at(words, j, lead, present) {
            return Some(Predicate {
                class: words::verb_class(&lemma)?,
                lemma,
                verb: j..end,
                passive: false,
                system_subject,
            });
        }
    }
    None
}

/// True when `word` is a regular past participle of a verb ("reviewed",
/// not "seed" or "need").
fn is_past_participle(word: &str) -> bool {
    word.ends_with("ed") && verb_lemmas(word).iter().any(|lemma| lemma != word)
}

/// The longest WordNet verb that starts at word `i` in a form `form` accepts
/// (given the word and a lemma it inflects), with its end.
fn verb_at(
    words: &Split,
    i: usize,
    lead: usize,
    form: impl Fn(&str, &str) -> bool,
) -> Option<(String, usize)> {
    if i >= lead {
        return None;
    }
    let word = words.word(i);
    let mut best: Option<(String, usize)> = None;
    let longest = LONGEST_VERB.min(lead - i);
    // The longest phrase written once; each shorter one is a prefix of it.
    let mut phrase = String::new();
    let mut ends = Vec::with_capacity(longest);
    for lemma in verb_lemmas(word).iter() {
        if !form(word, lemma) {
            continue;
        }
        phrase.clear();
        phrase.push_str(lemma);
        ends.clear();
        ends.push(phrase.len());
        for j in i + 1..i + longest {
            phrase.push(' ');
            phrase.push_str(words.word(j));
            ends.push(phrase.len());
        }
        for n in (1..=longest).rev() {
            let candidate = &phrase[..ends[n - 1]];
            // A phrase that makes or changes something ("be on", "follow
            // up") says no more about dealing with people than its verb.
            let class = words::verb_class(candidate);
            if class.is_some_and(|c| n == 1 || c.is_interaction()) {
                if best.as_ref().is_none_or(|(_, end)| i + n > *end) {
                    best = Some((candidate.to_string(), i + n));
                }
                break;
            }
        }
    }
    best
}

/// The verbs `word` is a form of: itself, or a base it is a regular or
/// irregular inflection of ("held" -> "hold", "talked" -> "talk"; not
/// "scheduler" -> "schedule").
pub fn verb_lemmas(word: &str) -> Rc<[String]> {
    VERB_LEMMAS.with(|memo| memo.get(word, verb_lemmas_of))
}

/// True when `word` is a verb WordNet knows in its base form ("build", not
/// "builds" or "built").
pub fn is_base_verb(word: &str) -> bool {
    verb_lemmas(word).iter().any(|lemma| lemma == word)
}

fn verb_lemmas_of(word: &str) -> Rc<[String]> {
    let mut out: Vec<String> = Vec::new();
    for base in forms::bases(word).iter() {
        // The table lookup first: generating a base's forms costs more.
        if words::verb_class(base).is_none() || out.contains(base) {
            continue;
        }
        let inflects = base == word
            || words::irregular_lemmas(word).contains(&base.as_str())
            || forms::inflections(base)
                .iter()
                .any(|f| f == word || forms::american(f) == forms::american(word));
        if inflects {
            out.push(base.clone());
        }
    }
    out.into()
}

/// The class of a noun in any of its forms ("auditors" -> people).
pub fn noun_class(word: &str) -> Option<NounClass> {
    NOUN_CLASSES.with(|memo| memo.get(word, noun_class_of))
}

fn noun_class_of(word: &str) -> Option<NounClass> {
    words::noun_class(word).or_else(|| {
        forms::bases(word)
            .iter()
            .skip(1)
            .find_map(|base| words::noun_class(base))
    })
}

thread_local! {
    /// [`verb_lemmas`] and [`noun_class`] of each word already asked about:
    /// the predicate and the activity cues ask about the same words of a
    /// text many times.
    static VERB_LEMMAS: WordMemo<Rc<[String]>> = WordMemo::new();
    static NOUN_CLASSES: WordMemo<Option<NounClass>> = WordMemo::new();
}

fn is_artifact(word: &str) -> bool {
    noun_class(word) == Some(NounClass::Artifact)
}

/// A word naming people, as written: one of the built-in words for teams
/// and roles in any case ("SRE", "IT"), a lowercase noun that WordNet knows
/// as a person or a social group ("auditors", "union"; a capitalised one is
/// a name, as in "UX Guide"), or an agent noun WordNet does not hold, made
/// from a verb ("funder", "onboarders"); a made thing of that shape is in
/// WordNet ("scheduler", "runner").
pub fn is_people(written: &str) -> bool {
    let word = written.to_lowercase();
    if words::PEOPLE.contains(&word.as_str()) {
        return true;
    }
    if written != word {
        return false;
    }
    if let Some(class) = noun_class(&word) {
        return class == NounClass::People;
    }
    let agent = word.strip_suffix('s').unwrap_or(&word);
    agent
        .strip_suffix("er")
        .is_some_and(|stem| stem.len() >= 3 && !verb_lemmas(stem).is_empty())
}
