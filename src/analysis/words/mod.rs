//! Every word list and lexical table of the analysis, in one place. The
//! `hype`, `vague`, `activity` and `stop` lists are the built-in defaults of
//! `[preprocessor.okr.words]`, which replaces or extends each of them.
//!
//! No list repeats another: a word that belongs to several categories is
//! tagged in one table (see [`ActivityKind`]) rather than copied.

mod activity;
mod change;
mod numbers;
mod outcome;
mod results;
mod share;
mod style;
pub mod template;

pub use activity::*;
pub use change::*;
pub use numbers::*;
pub use outcome::*;
pub use results::*;
pub use share::*;
pub use style::*;

use std::sync::LazyLock;

// Looked up for every word of every text: the fast non-cryptographic
// hasher (the keys are the built-in tables).
use foldhash::{HashMap, HashMapExt, HashSet};

/// Verbs of change of degree from WordNet ("beef up", "bolster", "tidy
/// up"): they promise a change without saying how much. See
/// `scripts/gen-lexicon` and NOTICE for where they come from.
static CHANGE_VERBS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| rows(include_str!("change_verbs.tsv")).collect());

/// True when `phrase` (lowercase, words joined by single spaces) is a
/// WordNet verb of change of degree.
pub fn is_change_verb(phrase: &str) -> bool {
    CHANGE_VERBS.contains(phrase)
}

/// Nouns of help or talk that WordNet makes of a verb of talking or dealing
/// with people ("guidance", "help", "coaching"). See `scripts/gen-lexicon`.
static HELP_NOUNS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| rows(include_str!("help_nouns.tsv")).collect());

/// True when `noun` (lowercase, singular) is a WordNet noun of help or talk
/// made of a verb of talking or dealing with people.
pub fn is_help_noun(noun: &str) -> bool {
    HELP_NOUNS.contains(noun)
}

/// One-word verbs WordNet holds no noun for ("acquire", "evaluate"). See
/// `scripts/gen-lexicon`.
static VERB_ONLY: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| rows(include_str!("verb_only.tsv")).collect());

/// True when `word` (lowercase) is a verb WordNet knows no noun for.
pub fn is_verb_only(word: &str) -> bool {
    VERB_ONLY.contains(word)
}

/// The rows of a generated table, comments and blank lines left out.
fn rows(table: &'static str) -> impl Iterator<Item = &'static str> {
    table
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
}

/// A generated `key<TAB>value` table as a map, each value read once by
/// `parse` (rows it rejects are left out).
fn pairs<T>(table: &'static str, parse: impl Fn(&str) -> Option<T>) -> HashMap<&'static str, T> {
    rows(table)
        .filter_map(|row| row.split_once('\t'))
        .filter_map(|(key, value)| Some((key, parse(value)?)))
        .collect()
}

/// The lexicographer class of a verb's most frequent sense in WordNet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbClass {
    /// Talking, telling, asking: "discuss", "sound out", "brief".
    Communication,
    /// Dealing with people: "meet", "help", "take part", "touch base".
    Social,
    /// Watching and noticing: "monitor", "keep an eye on".
    Perception,
    /// Being, staying and keeping: "stay", "be", "keep".
    Stative,
    /// Moving: "walk", "circle", "visit".
    Motion,
    /// Touching, holding, placing: "sit down", "dig into".
    Contact,
    /// Thinking: "review", "consider", "catch up".
    Cognition,
    /// Getting, owning and handing over: "collect", "seek", "provide".
    Possession,
    /// Making, changing and the rest: a result of some kind.
    Other,
}

impl VerbClass {
    fn parse(name: &str) -> VerbClass {
        match name {
            "communication" => VerbClass::Communication,
            "social" => VerbClass::Social,
            "perception" => VerbClass::Perception,
            "stative" => VerbClass::Stative,
            "motion" => VerbClass::Motion,
            "contact" => VerbClass::Contact,
            "cognition" => VerbClass::Cognition,
            "possession" => VerbClass::Possession,
            _ => VerbClass::Other,
        }
    }

    /// The verb deals with people or stays around them rather than makes or
    /// changes something.
    pub fn is_interaction(self) -> bool {
        self != VerbClass::Other
    }
}

static VERB_CLASSES: LazyLock<HashMap<&'static str, VerbClass>> = LazyLock::new(|| {
    pairs(include_str!("verb_classes.tsv"), |name| {
        Some(VerbClass::parse(name))
    })
});

/// The class of a WordNet verb (`lemma` lowercase, words joined by single
/// spaces: "follow up", "keep an eye on"); `None` when WordNet has no such
/// verb.
pub fn verb_class(lemma: &str) -> Option<VerbClass> {
    VERB_CLASSES.get(lemma).copied()
}

/// What a noun names, by its most frequent senses in WordNet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NounClass {
    /// An occasion where people meet or talk: "roundtable", "clinic".
    Event,
    /// A person or a social group: "auditor", "union", "department".
    People,
    /// A made thing: "scheduler", "database".
    Artifact,
}

static NOUN_CLASSES: LazyLock<HashMap<&'static str, NounClass>> = LazyLock::new(|| {
    pairs(include_str!("noun_classes.tsv"), |name| match name {
        "event" => Some(NounClass::Event),
        "people" => Some(NounClass::People),
        "artifact" => Some(NounClass::Artifact),
        _ => None,
    })
});

/// The class of a WordNet noun in its lemma form; `None` for any other
/// noun or word.
pub fn noun_class(lemma: &str) -> Option<NounClass> {
    NOUN_CLASSES.get(lemma).copied()
}

static IRREGULAR_VERBS: LazyLock<HashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    let mut map: HashMap<&str, Vec<&str>> = HashMap::new();
    for (form, lemma) in
        rows(include_str!("irregular_verbs.tsv")).filter_map(|r| r.split_once('\t'))
    {
        map.entry(form).or_default().push(lemma);
    }
    map
});

static IRREGULAR_FORMS: LazyLock<HashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    let mut map: HashMap<&str, Vec<&str>> = HashMap::new();
    for (form, lemmas) in IRREGULAR_VERBS.iter() {
        for lemma in lemmas {
            map.entry(*lemma).or_default().push(form);
        }
    }
    for forms in map.values_mut() {
        forms.sort_unstable();
    }
    map
});

/// The irregular forms of a verb ("hold" -> "held").
pub fn irregular_forms(lemma: &str) -> &'static [&'static str] {
    IRREGULAR_FORMS.get(lemma).map_or(&[], Vec::as_slice)
}

/// The lemmas an irregular verb form belongs to ("held" -> "hold").
pub fn irregular_lemmas(form: &str) -> &'static [&'static str] {
    IRREGULAR_VERBS.get(form).map_or(&[], Vec::as_slice)
}
