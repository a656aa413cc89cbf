//! The words of a text that similarity compares: its content words, each
//! with a comparison form, and the things it names.

use std::borrow::Cow;

use foldhash::HashSet;

use crate::analysis::tokens::Split;

/// The words of a text that carry its meaning, keyed by a comparison form.
///
/// Words are lowercased and hyphenated compounds split into their parts;
/// words without a letter (`12`, `99.9`) and the configured stop words are
/// dropped; the comparison form folds simple
/// plurals and the possessive, so `services`, `service` and `service's`
/// meet. Each key keeps the word as first written, for messages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContentWords {
    /// Each word's comparison form, then its written form where that
    /// differs, end to end: one allocation for all the words of a text
    /// rather than one per word, since a book keeps the words of every
    /// statement and KR for the comparisons across it.
    text: Box<str>,
    /// Sorted by comparison form and without repeats: comparing two texts
    /// is one merge.
    words: Box<[WordAt]>,
}

/// Where one word's forms lie in [`ContentWords::text`]: the comparison
/// form at `start`, then the written word of `written_len` bytes, or the
/// form itself when that is 0 (most words need no folding).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct WordAt {
    start: u32,
    form_len: u32,
    written_len: u32,
}

/// The forms two sorted lists share, as positions in `a`.
fn merge<'x>(a: &'x ContentWords, b: &'x ContentWords) -> impl Iterator<Item = usize> + 'x {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match a.form(i).cmp(b.form(j)) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    i += 1;
                    j += 1;
                    return Some(i - 1);
                }
            }
        }
        None
    })
}

impl ContentWords {
    /// The words `(comparison form, written word)`, sorted by form and
    /// without repeats.
    fn from_sorted(words: &[(Cow<'_, str>, &str)]) -> Self {
        let bytes = words
            .iter()
            .map(|(form, written)| form.len() + if written == form { 0 } else { written.len() })
            .sum();
        let mut text = String::with_capacity(bytes);
        let mut spans = Vec::with_capacity(words.len());
        for (form, written) in words {
            let written = if written == form { "" } else { written };
            // A text's words are a few hundred bytes; one past 4 GiB cannot
            // come from a chapter held in memory, but is left out rather
            // than cut.
            let (Ok(start), Ok(form_len), Ok(written_len)) = (
                u32::try_from(text.len()),
                u32::try_from(form.len()),
                u32::try_from(written.len()),
            ) else {
                continue;
            };
            text.push_str(form);
            text.push_str(written);
            spans.push(WordAt {
                start,
                form_len,
                written_len,
            });
        }
        ContentWords {
            text: text.into_boxed_str(),
            words: spans.into_boxed_slice(),
        }
    }

    fn form(&self, i: usize) -> &str {
        self.form_at(self.words[i])
    }

    fn form_at(&self, at: WordAt) -> &str {
        let start = at.start as usize;
        &self.text[start..start + at.form_len as usize]
    }

    fn written(&self, i: usize) -> &str {
        let at = self.words[i];
        if at.written_len == 0 {
            return self.form(i);
        }
        let start = (at.start + at.form_len) as usize;
        &self.text[start..start + at.written_len as usize]
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The comparison forms, in sorted order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.form(i))
    }

    pub fn contains(&self, key: &str) -> bool {
        self.words
            .binary_search_by(|&at| self.form_at(at).cmp(key))
            .is_ok()
    }

    /// The words both texts use, as written in `self`, sorted.
    pub fn shared_with(&self, other: &ContentWords) -> Vec<String> {
        self.shared_outside(other, |_| false)
    }

    /// [`Self::shared_with`], leaving out the forms `skip` names.
    pub(super) fn shared_outside(
        &self,
        other: &ContentWords,
        skip: impl Fn(&str) -> bool,
    ) -> Vec<String> {
        let mut shared: Vec<String> = merge(self, other)
            .filter(|&i| !skip(self.form(i)))
            .map(|i| self.written(i).to_string())
            .collect();
        shared.sort();
        shared
    }

    fn shared_count(&self, other: &ContentWords) -> usize {
        merge(self, other).count()
    }

    /// Shared words over all words of both (0.0 when both are empty).
    pub fn jaccard(&self, other: &ContentWords) -> f64 {
        let shared = self.shared_count(other);
        let union = self.len() + other.len() - shared;
        if union == 0 {
            0.0
        } else {
            shared as f64 / union as f64
        }
    }

    /// Twice the shared words over the words of both (0.0 when both are
    /// empty). Kinder than Jaccard to texts of different lengths.
    pub fn dice(&self, other: &ContentWords) -> f64 {
        let total = self.len() + other.len();
        if total == 0 {
            0.0
        } else {
            2.0 * self.shared_count(other) as f64 / total as f64
        }
    }
}

/// The content words of a text split into words; `stop` holds lowercase
/// stop words (the configured list, [`crate::lint::Lexicon::stop`]). Read
/// them from [`crate::analysis::Facts::similarity`], which computes them once
/// per text.
pub fn content_words_of(split: &Split<'_>, stop: &HashSet<String>) -> ContentWords {
    let mut words: Vec<(Cow<'_, str>, &str)> = Vec::with_capacity(split.len());
    // Compounds count by their parts: "feature-flag" meets "feature flag".
    for word in split.lower.iter().flat_map(|lower| lower.split('-')) {
        if !word.chars().any(char::is_alphabetic) || stop.contains(word) {
            continue;
        }
        let key = comparison_form(word);
        if key != word && stop.contains(key.as_ref()) {
            continue;
        }
        words.push((key, word));
    }
    // A stable sort keeps each form's first written word first.
    words.sort_by(|a, b| a.0.cmp(&b.0));
    words.dedup_by(|later, first| later.0 == first.0);
    ContentWords::from_sorted(&words)
}

/// What the similarity of a text reads: its content words and the things it
/// names. Computed once per text ([`crate::analysis::Facts::similarity`]).
#[derive(Debug, Clone, Default)]
pub struct TextWords {
    pub content: ContentWords,
    /// Sorted, without repeats (see `named_things`).
    pub names: Vec<String>,
}

impl TextWords {
    pub fn of(split: &Split<'_>, stop: &HashSet<String>) -> Self {
        TextWords {
            content: content_words_of(split, stop),
            names: named_things(split),
        }
    }
}

/// Folds the possessive and simple plurals: `teams` -> `team`,
/// `dependencies` -> `dependency`. Words ending in `ss`, `us` or `is`
/// (`access`, `status`, `analysis`) keep their `s`.
pub(super) fn comparison_form(word: &str) -> Cow<'_, str> {
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word);
    // More than four characters, more than three: `nth` stops counting
    // there.
    if word.chars().nth(4).is_some()
        && let Some(stem) = word.strip_suffix("ies")
    {
        return Cow::Owned(format!("{stem}y"));
    }
    if word.chars().nth(3).is_some()
        && word.ends_with('s')
        && !["ss", "us", "is"].iter().any(|end| word.ends_with(end))
    {
        return Cow::Borrowed(&word[..word.len() - 1]);
    }
    Cow::Borrowed(word)
}

/// `word` without every trailing `suffix`, as `trim_end_matches` would
/// give it, but by comparing bytes: the pattern searcher `trim_end_matches`
/// builds for a string costs more than the whole comparison, on every word
/// of every text.
fn trim_suffixes<'w>(mut word: &'w str, suffix: &str) -> &'w str {
    while let Some(rest) = word.strip_suffix(suffix) {
        word = rest;
    }
    word
}

/// The specific things a text names, lowercase: `code spans` and words
/// written with a capital inside the sentence ("Postgres", "GitHub",
/// "IPv6"), but not all-capital acronyms ("API", "SLO"), which name kinds of
/// things. When each of two texts names something the other does not, they
/// are about different systems however alike the rest of their wording is:
/// "Keep Velmora checkout error budget burn under 100%" and the same
/// sentence about Tasken checkout are two teams' own work.
pub(super) fn named_things(split: &Split<'_>) -> Vec<String> {
    let mut names: Vec<String> = split
        .text
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|span| span.trim().to_lowercase())
        .filter(|span| !span.is_empty())
        .collect();
    for token in split.tokens.iter().skip(1) {
        let word = trim_suffixes(trim_suffixes(token.text, "'s"), "’s");
        // "SREs" and "APIs" are acronyms too.
        let letters = word.strip_suffix('s').unwrap_or(word);
        if letters.chars().any(char::is_uppercase) && letters.chars().any(char::is_lowercase) {
            names.push(word.to_lowercase());
        }
    }
    names.sort_unstable();
    names.dedup();
    names
}
