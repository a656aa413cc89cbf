//! Activities posing as results: the cue a KR, objective or done item is
//! recognised by (a listed word, the main verb's WordNet class, people as
//! company, a meeting held, help handed out) and why it counts.

use std::ops::Range;

use super::{Hit, Lexicon};
use crate::analysis::numbers::Number;
use crate::analysis::predicate::{self, Predicate};
use crate::analysis::tokens::Split;
use crate::analysis::words::{self, ActivityKind, NounClass, VerbClass};

mod meetings;

use meetings::{counts_occasions, held_event, is_event, is_setting, meeting_cue, modifies_noun};

impl Lexicon {
    /// Where the text describes what people will do rather than a result:
    /// it opens with an activity ("Attend ...", "Meet with each team ...",
    /// "Continue ...", "Look into ...") or holds meetings ("Hold weekly
    /// syncs", "Host quarterly roundtables"), its main verb deals with people
    /// ("Sit down with each department head", "Sound out the trustees"), or
    /// it reports talking done ("Findings talked through with the funder");
    /// and it names no checkable result. A result is an end state or an
    /// output; for activities such as "help" or "explore" a number also
    /// counts ("help 5 teams migrate"), but not for meetings and talking,
    /// where the number only counts the activity.
    ///
    /// `predicate` is the statement's main verb (see [`predicate`]);
    /// `result` and `numbers` are the text's facts: where it states a
    /// result (see [`crate::analysis::spans::result_span`]) and its numbers. A result
    /// inside a clause of time says when the activity happens, not what it
    /// achieves ("Be there for agents when the new phone system goes
    /// live"). A further verb measured by a number, after "and" or as the
    /// purpose, is the result the activity serves ("Work with the backend
    /// teams to move 100% of the files", "Socialise and grow participation
    /// by 10%"), whatever the activity.
    pub fn activity(
        &self,
        words: &Split,
        lead: usize,
        predicate: Option<&Predicate>,
        result: Option<Range<usize>>,
        numbers: &[Number],
    ) -> Option<Activity> {
        let span =
            |r: Range<usize>| words.tokens[r.start].range.start..words.tokens[r.end - 1].range.end;
        let (range, kind, cue) = if let Some(hit) = self.activity_cue(words, lead, predicate) {
            let kind = words::activity_kind(&hit.base).unwrap_or(ActivityKind::Other);
            (hit.words, kind, Cue::Listed(kind))
        } else if let Some(range) = held_event(words, lead, predicate, numbers) {
            (range, ActivityKind::Meeting, Cue::Meeting)
        } else if let Some(range) = help_given(words, lead, predicate) {
            (range, ActivityKind::Other, Cue::Given)
        } else if let Some(range) = inquiry(words, lead, predicate) {
            (range, ActivityKind::Research, Cue::Inquiry)
        } else if let Some(range) = views_sought(words, lead, predicate) {
            (range, ActivityKind::Pure, Cue::Sought)
        } else {
            let predicate =
                predicate.filter(|p| !p.system_subject && !triggered(words, p, lead))?;
            if !deals_with_people(words, predicate, lead) {
                return None;
            }
            // WordNet files "stay" and "remain" under change; as verbs of
            // being they keep someone company.
            let class = if words::COPULAS.contains(&predicate.lemma.as_str()) {
                VerbClass::Stative
            } else {
                predicate.class
            };
            let cue = if predicate.passive {
                Cue::Reported(class)
            } else {
                Cue::Dealing(class)
            };
            (predicate.verb.clone(), ActivityKind::Other, cue)
        };
        let pure = matches!(kind, ActivityKind::Pure | ActivityKind::Meeting);
        // A number measures something only when it counts other than the
        // occasions of the activity ("15 live coachings a year").
        let act = words.word(range.end - 1);
        let measures: Vec<&Number> = numbers
            .iter()
            .filter(|n| !counts_occasions(words, n.range.end, act))
            .collect();
        let has_result = result.is_some_and(|r| !in_time_clause(words, r.start))
            || measured_clause(words, range.end, &measures);
        if has_result || (!pure && !measures.is_empty()) {
            return None;
        }
        Some(Activity {
            range: span(range),
            research: kind == ActivityKind::Research,
            cue,
        })
    }

    /// The first listed activity that is the statement's act; a meeting
    /// named as a setting (see [`meetings::is_setting`]) is none.
    fn activity_cue(
        &self,
        words: &Split,
        lead: usize,
        predicate: Option<&Predicate>,
    ) -> Option<Hit> {
        let opening = predicate::opening(words, lead);
        for i in 0..lead {
            let Some(hit) = self.activity_matcher.at(words, i) else {
                continue;
            };
            if hit.words.end > lead {
                continue;
            }
            let base = hit.base.as_str();
            let word = words.word(i);
            let is_meeting = words::activity_kind(base) == Some(ActivityKind::Meeting);
            // "calls" and "sessions" are meetings only after a frequency or
            // a verb that can only hold a meeting: not "run synthetic calls".
            let strong = words::AMBIGUOUS_MEETINGS.contains(&base);
            let cued = (i.saturating_sub(4)..i).any(|j| meeting_cue(words.word(j), strong))
                || words.word(hit.words.end) == "with" && in_company(words, hit.words.end, lead);
            // A meeting word that modifies a noun names that noun's kind,
            // not a meeting held: "weekly meeting notes", "the stats
            // meeting analysis".
            let cued = cued
                && !is_setting(words, i, predicate)
                && !modifies_noun(words, hit.words.end - 1);
            // Reported done: "readiness discussed with each team"; a change
            // "documented and communicated" with nobody named is a state.
            // "the shared pipeline" describes a thing.
            let prev = i.checked_sub(1).map_or("", |p| words.word(p));
            let reported = !is_meeting
                && word.ends_with("ed")
                && word != base
                && !words::THING_DETERMINERS.contains(&prev)
                && with_people(words, hit.words.end, 3, lead);
            let as_verb = i == opening
                && (!is_meeting || words::MEETING_VERBS.contains(&base) && word == base)
                || reported;
            if !(is_meeting && cued || as_verb) {
                continue;
            }
            if words::NEEDS_COMPANY.contains(&base) && !in_company(words, hit.words.end, lead) {
                continue;
            }
            // Gathering requirements or feedback is talking to people;
            // gathering metrics is a system at work.
            if base == "gather"
                && !(hit.words.end..(hit.words.end + 3).min(lead))
                    .any(|j| words.is(j, words::GATHERED))
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

/// What an activity was recognised by, for the finding to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// A word of the `activity` list ("attend", "weekly syncs"), of its kind.
    Listed(ActivityKind),
    /// A meeting held, named by a WordNet noun for an occasion where people
    /// meet or talk ("host quarterly roundtables", "run drop-in clinics").
    Meeting,
    /// The main verb deals with people, by its WordNet class, and people
    /// are its object or company ("sit down with each department head"), or
    /// it is an idiom of talking or keeping watch ("keep an eye on").
    Dealing(VerbClass),
    /// Talking reported done with people ("findings talked through with the
    /// funder").
    Reported(VerbClass),
    /// Help or advice handed to people, a WordNet noun made of a verb of
    /// talking or dealing with people ("provide guidance to the team").
    Given,
    /// Finding out why or how: a verb of thinking, handling or going with
    /// a question as its object ("get to the bottom of why invoices bounce").
    Inquiry,
    /// People's views sought: a verb of getting or handling with what
    /// people say as its object ("solicit ideas" aside, "collect input from
    /// the tenants").
    Sought,
}

impl Cue {
    /// Why the cue is an activity, for a finding's message.
    pub fn reason(self) -> String {
        let class = |class: VerbClass| match class {
            VerbClass::Communication => "talking",
            VerbClass::Social => "dealing with people",
            VerbClass::Perception => "watching",
            VerbClass::Stative => "being around",
            VerbClass::Motion => "going along",
            VerbClass::Contact => "sitting in",
            VerbClass::Cognition => "thinking over",
            VerbClass::Possession => "getting",
            VerbClass::Other => "doing",
        };
        match self {
            Cue::Listed(ActivityKind::Meeting) | Cue::Meeting => {
                "a meeting held; counting meetings is no result".to_string()
            }
            Cue::Listed(ActivityKind::Pure) => {
                "an activity of the `activity` list; a count only counts it".to_string()
            }
            Cue::Listed(ActivityKind::Research) => {
                "research of the `activity` list, with no output".to_string()
            }
            Cue::Listed(ActivityKind::Other) => {
                "effort of the `activity` list, with no number or result".to_string()
            }
            Cue::Dealing(c) => format!("a verb of {} with nothing to check", class(c)),
            Cue::Reported(c) => format!("{} reported done, with nothing to check", class(c)),
            Cue::Given => "help or advice given to people, with nothing to check".to_string(),
            Cue::Sought => "people's views sought; a count only counts the asking".to_string(),
            Cue::Inquiry => {
                "finding out why or how, with no finding or output to check".to_string()
            }
        }
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
    /// What it was recognised by.
    pub cue: Cue,
}

/// True when people are the object or the company of the verb before
/// `from`: "meet with each product team", "support the data team",
/// "collaborate with security". Not "meet the SLO", "sync with the upstream
/// release", or "support SSO for all users".
fn in_company(words: &Split, from: usize, lead: usize) -> bool {
    (from..(from + 6).min(lead))
        .take_while(|&j| words.word(j) == "with" || !words.is(j, words::PREPOSITIONS))
        .any(|j| words::PEOPLE.contains(&words.word(j)))
        || people_after(words, from, lead, true)
        || with_people(words, from, 3, lead)
}

/// True when people keep the verb that ends at `from` company: "with" or
/// "alongside" within `reach` words, then people ("talked through with the
/// funder", "sit down with each department head").
fn with_people(words: &Split, from: usize, reach: usize, lead: usize) -> bool {
    (from.saturating_sub(1)..(from + reach).min(lead))
        .any(|j| words.is(j, words::COMPANY) && people_after(words, j + 1, lead, false))
}

/// True when a noun phrase of people starts at `from`, before the next
/// preposition. For an object (`head_only`) only its head counts ("patient
/// safety scores" are not people), and everyone ("train all managers") is
/// coverage, a result.
fn people_after(words: &Split, from: usize, lead: usize, head_only: bool) -> bool {
    (from..(from + 5).min(lead))
        .take_while(|&j| !words.is(j, words::PREPOSITIONS))
        .any(|j| {
            predicate::is_people(words.token_text(j))
                && (!head_only
                    || is_head(words, j)
                        && !(j.saturating_sub(2)..j).any(|k| words.is(k, &["all", "every"])))
        })
}

/// True when the main verb deals with people rather than makes or changes
/// something, by its WordNet class and its company:
///
/// - people as its company, after "with" or "alongside", for a verb of
///   talking, dealing with people, watching, being or going ("circle back
///   with the auditors", "findings talked through with the funder"), or
///   after "for" for a verb of being ("be on hand for the branches");
/// - people as the company of any verb, straight after it or its adverb
///   ("get alongside the ward managers");
/// - people as its direct object for a verb of talking, watching or
///   keeping ("sound out the trustees", "keep line managers in the loop");
/// - people as the object of a verb of going, through something: leading
///   them ("walk the sales team through the new plan");
/// - an idiom of talking or keeping watch that needs no object ("keep an
///   eye on", "check in");
/// - for a phrasal verb of dealing with people or being, occasions
///   where people meet ("sit in on the maths lessons");
/// - or, for a verb of being or staying, being near someone ("stay close
///   to the ward sisters", "be there for the night shift").
///
/// People are a noun phrase's head, not a modifier ("patient safety
/// scores"), and not everyone ("to all managers"), which is coverage.
fn deals_with_people(words: &Split, predicate: &Predicate, lead: usize) -> bool {
    use VerbClass::{Communication, Motion, Perception, Social, Stative};
    let class = predicate.class;
    let end = predicate.verb.end;
    let company = matches!(
        class,
        Communication | Social | Perception | Stative | Motion
    ) && (with_people(words, end, 6, lead)
        || class == Stative
            && (end..(end + 4).min(lead))
                .any(|j| words.word(j) == "for" && people_after(words, j + 1, lead, true)));
    // Company straight after the verb, or after its adverb, and no object
    // of its own: whatever the verb, what it names is done with people
    // ("Get alongside the ward managers", "Sit alongside the new recruits").
    let at = end + usize::from(words.word(end).ends_with("ly"));
    let bare_company = !predicate.passive
        && at < lead
        && words.is(at, words::COMPANY)
        && people_after(words, at + 1, lead, true);
    // Going with people as the object, through something: leading them
    // ("Walk the sales team through the new commission plan").
    let leads_through = !predicate.passive
        && class == Motion
        && people_after(words, end, (end + 3).min(lead), true)
        && (end..(end + 5).min(lead)).any(|j| words.word(j) == "through");
    // "Be" has a complement, not an object: "be a leader in ...".
    let object = !predicate.passive
        && matches!(class, Communication | Perception | Stative)
        && predicate.lemma != "be"
        && people_after(words, end, (end + 3).min(lead), true);
    let idiom = !predicate.passive
        && match class {
            Communication | Perception => predicate.is_phrase(),
            Social => predicate.is_phrase() && !words.is(predicate.verb.end - 1, words::COMPLETIVE),
            _ => false,
        };
    // Being at occasions: "sit in on the maths lessons".
    let attends = !predicate.passive
        && predicate.is_phrase()
        && matches!(class, Social | Stative)
        && (end..(end + 5).min(lead)).any(|j| {
            let word = words.word(j);
            word.ends_with('s') && is_event(word) && is_head(words, j)
        });
    // Being near someone, with no result: "Stay close to the ward sisters
    // while ...", "Be there for the night shift". A bound ("stay within
    // budget", "be in production") is a state to check.
    // Near whom: people, a place of them ("the admissions office") or a
    // group; near a level ("close to full occupancy") is a target.
    let present = !predicate.passive
        && words::COPULAS.contains(&predicate.lemma.as_str())
        && words.is(end, words::NEARBY)
        && words.is(end + 1, &["to", "for", "with"])
        && (people_after(words, end + 2, lead, false)
            || (end + 2..(end + 6).min(lead))
                .take_while(|&j| !words.is(j, words::PREPOSITIONS))
                .any(|j| {
                    let word = words.word(j);
                    predicate::noun_class(word) == Some(NounClass::Artifact)
                        || word.ends_with('s') && is_head(words, j)
                }));
    company || bare_company || object || leads_through || idiom || attends || present
}

/// True when the noun at `j` heads its phrase: no other noun follows it
/// ("the trustees on ...", not "patient safety"), or a verb of its own does.
fn is_head(words: &Split, j: usize) -> bool {
    let next = words.word(j + 1);
    j + 1 >= words.len()
        || words.gap_before(j + 1).trim() != ""
        || words.is(j + 1, words::PREPOSITIONS)
        || words.is(j + 1, words::CLAUSE_WORDS)
        // A verb of their own: "help the governors find their feet", "the
        // branches adopting the new tills".
        || predicate::verb_lemmas(next)
            .first()
            .is_some_and(|l| l == next || next.ends_with("ing"))
            && predicate::noun_class(next).is_none()
}

/// A condition that triggers the act ("... when river levels pass the
/// threshold", "if the file has changed"): a behaviour of a system, not
/// something people do.
fn triggered(words: &Split, predicate: &Predicate, lead: usize) -> bool {
    matches!(
        predicate.class,
        VerbClass::Communication | VerbClass::Motion
    ) && (1..lead).any(|j| words.is(j, &["when", "whenever", "if"]))
}

/// People's views sought, as the listed "gather" is: the statement's verb
/// is one of getting or handling (WordNet's possession and contact classes:
/// "collect", "seek out", "source") and what people say heads its object
/// within three words ("Collect input from the tenants' association").
/// Views that name a thing ("the feedback form") are no views; a verb of
/// talking is left to the talking cues, of making ("capture") makes, and
/// of giving ("provide feedback") hands views over.
fn views_sought(words: &Split, lead: usize, predicate: Option<&Predicate>) -> Option<Range<usize>> {
    let predicate = predicate.filter(|p| !p.passive && !p.system_subject)?;
    // "Provide feedback on the draft" hands views over.
    let hands_over = predicate::verb_lemmas(words.word(predicate.verb.start))
        .iter()
        .any(|l| words::GIVING_VERBS.contains(&l.as_str()));
    if hands_over || !matches!(predicate.class, VerbClass::Possession | VerbClass::Contact) {
        return None;
    }
    let end = predicate.verb.end;
    let views = (end..(end + 3).min(lead))
        .take_while(|&j| !words.is(j, words::PREPOSITIONS))
        .find(|&j| words.is(j, words::GATHERED) && is_head(words, j))?;
    Some(predicate.verb.start..views + 1)
}

/// Finding out why or how with nothing to show for it: the statement's
/// verb is one of thinking, handling or going (WordNet's cognition,
/// contact and motion classes), and a question is its object, straight
/// after it or its preposition ("Get to the bottom of why invoices bounce",
/// "Work out how volunteers hear about us"). A verb of talking or showing
/// ("explain why", "show how") hands over an answer, a verb of making
/// ("document how") an output, and deciding ("decide whether") a decision.
fn inquiry(words: &Split, lead: usize, predicate: Option<&Predicate>) -> Option<Range<usize>> {
    let predicate = predicate.filter(|p| !p.passive && !p.system_subject)?;
    // "Decide whether ..." ends in a decision, a result.
    if words.is(predicate.verb.start, words::DECISION_WORDS) {
        return None;
    }
    if !matches!(
        predicate.class,
        VerbClass::Cognition | VerbClass::Contact | VerbClass::Motion
    ) {
        return None;
    }
    let end = predicate.verb.end;
    let question = (end..(end + 2).min(lead))
        .take_while(|&j| j == end || words.is(j - 1, words::PREPOSITIONS))
        .find(|&j| words.is(j, words::QUESTION_WORDS))?;
    Some(predicate.verb.start..question + 1)
}

/// Help handed to people: a verb of giving, opening the statement or one of
/// its coordinated verbs ("Research requirements and provide guidance ..."),
/// whose object is a bare singular noun that WordNet makes of a verb of
/// talking or dealing with people, then people after "to" or "for"
/// ("Provide guidance to the development team", "Offer coaching for new
/// managers"). An article or a plural makes the object a thing handed over
/// ("provide a report to the board", "give updates"), and help for a thing
/// helps no one ("provide help for the migration").
fn help_given(words: &Split, lead: usize, predicate: Option<&Predicate>) -> Option<Range<usize>> {
    if predicate.is_some_and(|p| p.passive || p.system_subject) {
        return None;
    }
    let opening = predicate::opening(words, lead);
    (opening..lead).find_map(|i| {
        // The cheap test first: word forms are read only where a verb may be.
        let coordinated = i == opening || i > 0 && words.is(i - 1, &["and"]);
        if !coordinated {
            return None;
        }
        // "Provide" or "providing", not "provided" or "given": a state.
        let word = words.word(i);
        let giving = predicate::verb_lemmas(word).iter().any(|l| {
            words::GIVING_VERBS.contains(&l.as_str()) && (word == l || word.ends_with("ing"))
        });
        if !giving {
            return None;
        }
        let noun = (i + 1..(i + 4).min(lead))
            .take_while(|&j| {
                !words.is(j, words::THING_DETERMINERS) && !words.is(j, words::PREPOSITIONS)
            })
            .find(|&j| !words.word(j).ends_with('s') && words::is_help_noun(words.word(j)))?;
        let to_people = (noun + 1..(noun + 4).min(lead))
            .any(|j| words.is(j, &["to", "for"]) && people_after(words, j + 1, lead, true));
        to_people.then_some(i..noun + 1)
    })
}

/// True when a clause after word `from` opens with a verb, after "and" or
/// the "to" of a purpose, and holds a number: the activity serves a measured
/// result ("... to move 100% of the files", "... and grow participation by
/// 10%").
fn measured_clause(words: &Split, from: usize, numbers: &[&Number]) -> bool {
    (from..words.len().saturating_sub(1)).any(|j| {
        if !words.is(j, &["and", "to"]) {
            return false;
        }
        if !predicate::is_base_verb(words.word(j + 1)) {
            return false;
        }
        // The clause runs to the next "and" or the end.
        let end = (j + 2..words.len())
            .find(|&k| words.is(k, &["and"]))
            .map_or(usize::MAX, |k| words.tokens[k].range.start);
        let start = words.tokens[j + 1].range.end;
        numbers
            .iter()
            .any(|n| n.range.start >= start && n.range.start < end)
    })
}

/// True when the text at byte `at` lies in a clause of time: after "when",
/// "while", "until", "once", "before" or "after" ("... when the new phone
/// system goes live").
fn in_time_clause(words: &Split, at: usize) -> bool {
    (1..words.len())
        .take_while(|&j| words.tokens[j].range.start < at)
        .any(|j| words.is(j, words::TIME_CLAUSE_WORDS))
}

/// True when an audience follows: "to leadership", "at the all-hands".
fn has_audience(words: &Split, from: usize, lead: usize) -> bool {
    (from..(from + 6).min(lead)).any(|j| words.is(j, &["to", "at", "with"]))
}
