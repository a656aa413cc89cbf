//! Meetings and other occasions held: the cues of a meeting's name, an
//! occasion WordNet knows, and when such a noun is the activity itself or
//! only where or when something else happens.

use std::ops::Range;

use super::is_head;
use crate::analysis::numbers::Number;
use crate::analysis::predicate::{self, Predicate};
use crate::analysis::tokens::Split;
use crate::analysis::words::{self, NounClass, VerbClass};

/// A word that holds a meeting before a meeting's name: a holding verb in
/// any form or a frequency; for an ambiguous name (`strong`) also a kind of
/// meeting ("training sessions"), otherwise also a light verb ("run") or a
/// looser word of time.
pub(super) fn meeting_cue(word: &str, strong: bool) -> bool {
    if words::MEETING_FREQUENCIES.contains(&word)
        || strong && words::MEETING_KINDS.contains(&word)
        || !strong && words::LOOSE_FREQUENCIES.contains(&word)
    {
        return true;
    }
    let lemmas = predicate::verb_lemmas(word);
    let verb_in = |list: &[&str]| lemmas.iter().any(|l| list.contains(&l.as_str()));
    verb_in(words::MEETING_HOSTS) || !strong && verb_in(words::MEETING_LIGHT_VERBS)
}

/// A number of occasions as the object of a verb that holds none ("Reach
/// 10,000 monthly organic visits", "Grow to 500 weekly sign-ups"): a level
/// that others' occasions reach, not occasions the team holds. `reacher` is
/// the statement's active verb when it is no holding verb; with one, the
/// count is of occasions held.
fn level_reached(words: &Split, i: usize, reacher: Option<&Predicate>, numbers: &[Number]) -> bool {
    let Some(p) = reacher.filter(|p| p.verb.end <= i) else {
        return false;
    };
    let (from, to) = (
        words.tokens[p.verb.end].range.start,
        words.tokens[i].range.start,
    );
    numbers
        .iter()
        .any(|n| n.range.start >= from && n.range.start < to)
        && !(p.verb.end..i).any(|j| words.is(j, words::PREPOSITIONS) && !words.is(j, &["to"]))
}

/// True when the verb of `p` holds meetings ("host", "run").
fn is_holder(words: &Split, p: &Predicate) -> bool {
    predicate::verb_lemmas(words.word(p.verb.start))
        .iter()
        .any(|l| {
            words::MEETING_HOSTS.contains(&l.as_str())
                || words::MEETING_LIGHT_VERBS.contains(&l.as_str())
        })
}

/// A meeting held that no list names: a WordNet noun for an occasion where
/// people meet or talk ("roundtables", "clinics", "conversations"), or a
/// noun made of a verb of talking or dealing with people and its particle
/// ("catch-ups", "check-ins"), after a verb that holds meetings or a
/// frequency within four words, or as the object of the statement's
/// holding verb ("Run drop-in clinics"), or counted as the statement itself
/// ("6 guest lectures this term"): the count is of the activity, not of a
/// result.
pub(super) fn held_event(
    words: &Split,
    lead: usize,
    predicate: Option<&Predicate>,
    numbers: &[Number],
) -> Option<Range<usize>> {
    let holder = predicate.filter(|p| !p.passive && is_holder(words, p));
    let reacher = predicate.filter(|p| !p.passive && holder.is_none());
    (0..lead).find_map(|i| {
        if !is_event(words.word(i)) {
            return None;
        }
        // A series of occasions held ("Host quarterly roundtables"), not
        // one group set up ("Set up a community of writers").
        // The occasion heads the holding verb's object, however long its
        // modifiers ("Host 3 lunch and learn deep dive meetings").
        let by_holder = holder.is_some_and(|p| {
            p.verb.end <= i
                && i < p.verb.end + 8
                && !(p.verb.end..i).any(|j| words.is(j, words::PREPOSITIONS))
        }) && (words.word(i).ends_with('s') || words.word(i + 1).ends_with('s'));
        let cued = (i.saturating_sub(4)..i).any(|j| meeting_cue(words.word(j), true))
            && !is_setting(words, i, predicate)
            && !modifies_noun(words, i)
            && !level_reached(words, i, reacher, numbers);
        let counted = counted_occasions(words, i, numbers);
        (by_holder || cued || counted).then(|| {
            let start = match holder.filter(|_| by_holder) {
                Some(p) => p.verb.start,
                None if counted => 0,
                None => i,
            };
            start..i + 1
        })
    })
}

/// True when the text opens with a count of the occasions at word `i`: a
/// number, at most two modifiers and the plural occasion as the head of
/// the opening phrase ("6 guest lectures this term", "Two donor
/// roundtables"). What is counted is the occasions held, so the number
/// does not make them a result.
fn counted_occasions(words: &Split, i: usize, numbers: &[Number]) -> bool {
    let opens_with_number = numbers
        .first()
        .is_some_and(|n| n.range.start == words.tokens[0].range.start);
    opens_with_number
        && (1..=3).contains(&i)
        && words.word(i).ends_with('s')
        // "... this term", "... each month": a time after the head.
        && (is_head(words, i) || words.is(i + 1, words::THING_DETERMINERS))
        && !(1..i).any(|j| words.is(j, words::PREPOSITIONS) || words.is(j, words::CLAUSE_WORDS))
}

/// True when the number that ends at byte `end` counts occasions of the
/// activity: the head of the phrase after it, within three words, is a
/// WordNet occasion where people meet or talk, or the activity's own noun
/// `act` again ("Provide training to managers: 15 live trainings a year"),
/// not what it reaches or produces ("coaching for 12 new managers", "file
/// 40 reports").
pub(super) fn counts_occasions(words: &Split, end: usize, act: &str) -> bool {
    let Some(next) = (0..words.len()).find(|&j| words.tokens[j].range.start >= end) else {
        return false;
    };
    // The head is the last word of the phrase: "15 live coaching sessions".
    (next..(next + 3).min(words.len()))
        .take_while(|&j| {
            !words.is(j, words::PREPOSITIONS)
                && !words.is(j, words::CLAUSE_WORDS)
                && !words.is(j, words::THING_DETERMINERS)
                && (j == next || words.gap_before(j) == " ")
        })
        .last()
        .is_some_and(|j| {
            let word = words.word(j);
            is_event(word) || word.strip_suffix('s') == Some(act)
        })
}

/// True when `word` names an occasion where people meet or talk: a WordNet
/// event noun, or a noun made of a verb of talking or dealing with people
/// and its particle ("check-ins").
pub(super) fn is_event(word: &str) -> bool {
    if predicate::noun_class(word) == Some(NounClass::Event) {
        return true;
    }
    // A byte search: `split_once` builds a searcher that costs more than
    // the short words it is asked about, and most have no hyphen.
    let Some(hyphen) = word.bytes().position(|b| b == b'-') else {
        return false;
    };
    let (verb, particle) = (&word[..hyphen], &word[hyphen + 1..]);
    let particle = particle.strip_suffix('s').unwrap_or(particle);
    predicate::verb_lemmas(verb).iter().any(|lemma| {
        matches!(
            words::verb_class(&format!("{lemma} {particle}")),
            Some(VerbClass::Communication | VerbClass::Social)
        )
    })
}

/// True when the meeting word at `j` modifies the noun after it, which it
/// names the kind of ("weekly meeting notes", "the stats meeting
/// analysis"): no meeting is held. Company after it ("a review call with
/// all accounts") leaves it the head.
pub(super) fn modifies_noun(words: &Split, j: usize) -> bool {
    !is_head(words, j) && !words.is(j + 1, words::COMPANY)
}

/// True when the meeting at word `i` is where a thing is used, not a
/// meeting held: the statement reports a state of a thing (its verb is a
/// participle after its subject) and the meeting follows "in", "at" or
/// "during" within three words ("metrics measured and used in weekly
/// meetings").
pub(super) fn is_setting(words: &Split, i: usize, predicate: Option<&Predicate>) -> bool {
    predicate.is_some_and(|p| p.passive)
        && (i.saturating_sub(3)..i).any(|j| words.is(j, &["in", "at", "during"]))
}
