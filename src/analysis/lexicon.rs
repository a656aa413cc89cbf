//! The configured word lists compiled once per run, and the analyses that
//! use them: where a statement ends and its purpose begins, vague wording of
//! change, and activities.

use std::ops::Range;

use foldhash::{HashMap, HashMapExt, HashSet};

use super::forms;
use super::predicate::{self, Predicate};
use super::tokens::{Split, Token, tokens};
use super::words::{self, NounClass, VerbClass};
use crate::config::Words;

mod activity;

pub use activity::{Activity, Cue};

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
            for form in forms::inflections(first) {
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

impl Lexicon {
    pub fn new(edits: &Words) -> Lexicon {
        // The built-in lists with the book's edits.
        let hype = edits.hype.apply(words::HYPE);
        let vague = edits.vague.apply(words::VAGUE_VERBS);
        let activity = edits.activity.apply(words::ACTIVITIES);
        let stop = edits.stop.apply(words::STOP_WORDS);
        let set = |list: &[String]| list.iter().map(|w| w.to_lowercase()).collect();
        let single = |list: &[String]| {
            list.iter()
                .filter(|w| !w.contains(' '))
                .map(|w| w.to_lowercase())
                .collect::<Vec<_>>()
        };
        let purpose = words::PURPOSE_VERBS
            .iter()
            .chain(words::KR_PURPOSE_VERBS)
            .map(|w| w.to_string())
            .chain(single(&vague))
            .chain(single(&activity))
            .collect();
        Lexicon {
            hype: set(&hype),
            vague: set(&vague),
            activity: set(&activity),
            stop: set(&stop),
            vague_matcher: Matcher::new(&vague),
            activity_matcher: Matcher::new(&activity),
            purpose,
        }
    }

    /// Where the KR's own statement ends and its purpose clause begins
    /// ("... to reduce setup time", "so that ...", "enabling ..."), as a word
    /// index. The purpose says why; the rules judge what will be done.
    pub fn lead_end(&self, words: &Split) -> usize {
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
                // "an RFC that reduces the burden": what the result does.
                "that" => {
                    next.ends_with('s')
                        && forms::bases(next)
                            .iter()
                            .skip(1)
                            .any(|b| self.purpose.contains(b.as_str()))
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
    /// none. Numbers are not considered here; [`super::Facts::unmeasurable`] does.
    /// `predicate` is the statement's main verb (see [`predicate::predicate`]).
    pub fn vague_span(
        &self,
        words: &Split,
        lead: usize,
        predicate: Option<&Predicate>,
    ) -> Option<Range<usize>> {
        let span =
            |r: Range<usize>| words.tokens[r.start].range.start..words.tokens[r.end - 1].range.end;
        for i in 0..lead {
            let listed = self.vague_matcher.at(words, i);
            if let Some(hit) = &listed
                && hit.words.end <= lead
                && self.vague_sense(words, hit, lead, predicate)
            {
                return Some(span(hit.words.clone()));
            }
            let word = words.word(i);
            if words::MAKE_VERBS.contains(&word)
                && let Some(j) = (i + 1..(i + 6).min(lead)).find(|&j| is_comparative(words, j))
            {
                return Some(span(i..j + 1));
            }
            let opens = i == 0 || words.starts_sentence(i);
            if opens && is_comparative(words, i) {
                return Some(span(i..i + 1));
            }
            // A main verb of change of degree that no list names ("Tidy up
            // the handbook", "Shore up the rota"), the longest phrase first.
            // A listed word judged in another sense is not taken up again.
            if opens
                && listed.is_none()
                && let Some(end) = change_verb_at(words, i, lead)
            {
                return Some(span(i..end));
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
    fn vague_sense(
        &self,
        words: &Split,
        hit: &Hit,
        lead: usize,
        predicate: Option<&Predicate>,
    ) -> bool {
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
            // "raise alerts", and the passive "alert raised when ...": a
            // system's behaviour, not a level to lift.
            "raise" => {
                words::RAISED_SIGNALS.contains(&next)
                    || matches!(next, "a" | "an" | "awareness")
                    || word != base && words::RAISED_SIGNALS.contains(&prev)
            }
            "expand" | "expansion" | "extend" | "extension" | "harden" | "transform" | "evolve" => {
                (hit.words.end..lead).any(|j| words::DESTINATIONS.contains(&words.word(j)))
            }
            _ => false,
        };
        // "the hardened base image", "an optimized build": a participle that
        // describes a thing rather than promising a change.
        let describes_a_thing =
            word.ends_with('d') && word != base && words::THING_DETERMINERS.contains(&prev);
        let names_a_thing = (is_change_noun(word) || base == "growth")
            && (words::ARTIFACTS.contains(&next)
                || modifies_next(words, hit.words.end)
                // "the browser extension": a noun for a thing or a person
                // names the kind of thing it is.
                || matches!(
                    predicate::noun_class(prev),
                    Some(NounClass::Artifact | NounClass::People)
                ));
        !wrong_sense
            && !names_a_thing
            && !describes_a_thing
            && !in_relative_clause(words, i)
            && !in_aside(words, i)
            && !in_question(words, i)
            && !told_about(words, i, predicate)
    }
}

/// True when word `i` stands in an aside: inside quotation marks, a title
/// ("Complete \"Website Improvements\""), or inside parentheses, a remark
/// ("... (testing improvements)"). Neither is the statement's promise.
fn in_aside(words: &Split, i: usize) -> bool {
    let before = &words.text[..words.tokens[i].range.start];
    let quotes = before.matches(['"', '\u{201c}', '\u{201d}']).count();
    quotes % 2 == 1 || before.rfind('(') > before.rfind(')')
}

/// True when word `i` follows a question word that does not open the
/// statement, an embedded question: "solicit feedback on how we can
/// improve the report", "ask whether to speed up the release". The change
/// is what is asked about, not what the KR promises ("Look at ways to cut
/// agency spend" is the same).
fn in_question(words: &Split, i: usize) -> bool {
    (1..i).any(|j| words.is(j, words::QUESTION_WORDS))
}

/// True when the change word at `i` is a noun in the object of a verb of
/// talking, what is told rather than what is promised: "Communicate the
/// performance improvements to the community", "Announce the cost
/// reductions". A verb of giving hands the change over ("Deliver cost
/// reductions"; WordNet files "deliver" under talking, by a speech).
fn told_about(words: &Split, i: usize, predicate: Option<&Predicate>) -> bool {
    is_change_noun(words.word(i))
        && predicate.is_some_and(|p| {
            p.class == VerbClass::Communication
                && !p.passive
                && p.verb.end <= i
                && !words::GIVING_VERBS.contains(&p.lemma.as_str())
        })
}

/// True when `word` is a noun of change made of its verb ("improvements",
/// "reduction", "enhancement").
fn is_change_noun(word: &str) -> bool {
    ["ion", "ions", "ment", "ments"]
        .iter()
        .any(|suffix| word.ends_with(suffix))
}

/// True when the noun before word `next` modifies it: a lowercase word
/// follows with nothing but a space between, and it is no preposition,
/// joining word, determiner or finite verb ("a growth path", "the
/// improvement plan"; not "growth in EMEA", "improvement is visible").
fn modifies_next(words: &Split, next: usize) -> bool {
    next < words.len()
        && words.gap_before(next) == " "
        && words
            .token_text(next)
            .chars()
            .all(|c| c.is_ascii_lowercase())
        && !words.is(next, words::PREPOSITIONS)
        && !words.is(next, words::CLAUSE_WORDS)
        && !words.is(next, words::THING_DETERMINERS)
        && !words.is(
            next,
            &[
                "is", "are", "was", "were", "will", "this", "next", "by", "than",
            ],
        )
}

/// True when word `i` lies in a relative clause after the statement's
/// opening: "that", "which" or "who" and then a verb ("Have benchmarks that
/// demonstrate the improvement"), which describes the thing delivered.
fn in_relative_clause(words: &Split, i: usize) -> bool {
    (1..i).any(|j| {
        words.is(j, &["that", "which", "who"]) && {
            let verb = words.word(j + 1);
            predicate::verb_lemmas(verb)
                .iter()
                .any(|lemma| verb == lemma || verb.strip_suffix('s') == Some(lemma.as_str()))
        }
    })
}

/// The end of the WordNet verb of change of degree that opens at word `i`,
/// of up to three words within the statement.
fn change_verb_at(words: &Split, i: usize, lead: usize) -> Option<usize> {
    (1..=3).rev().find_map(|n| {
        let end = i + n;
        if end > lead {
            return None;
        }
        let phrase: Vec<&str> = (i..end).map(|j| words.word(j)).collect();
        words::is_change_verb(&phrase.join(" ")).then_some(end)
    })
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
