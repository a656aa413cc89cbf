//! Hype: the listed words and phrases of a text, in any inflection.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use foldhash::{HashMap, HashSet, HashSetExt};

use super::forms;
use super::tokens::Split;
use super::words;

/// The hype phrases by their first word, each word's in list order, so a
/// word that starts none (most) costs one lookup instead of a comparison
/// with every phrase.
static PHRASES_BY_FIRST_WORD: LazyLock<HashMap<&str, Vec<&[&str]>>> = LazyLock::new(|| {
    let mut by_first: HashMap<&str, Vec<&[&str]>> = HashMap::default();
    for phrase in words::HYPE_PHRASES {
        if let Some(first) = phrase.first() {
            by_first.entry(first).or_default().push(phrase);
        }
    }
    by_first
});

/// [`words::MORE_HYPE`] as a set: it is asked about every form of every
/// word.
static MORE_HYPE: LazyLock<HashSet<&str>> =
    LazyLock::new(|| words::MORE_HYPE.iter().copied().collect());

/// Every hype word or phrase of `text`, with its byte range, in order and
/// without repeats.
pub fn hype_in<'t>(
    split: &Split<'t>,
    configured: &HashSet<String>,
) -> Vec<(Range<usize>, &'t str)> {
    let text = split.text;
    let words = &split.tokens;
    let lower = &split.lower;
    let mut found: Vec<(Range<usize>, &str)> = Vec::new();
    let mut seen = HashSet::new();
    let mut i = 0;
    while i < words.len() {
        let starting = PHRASES_BY_FIRST_WORD.get(lower[i].as_ref());
        let phrase = starting.into_iter().flatten().find(|phrase| {
            phrase.len() <= words.len() - i
                && phrase
                    .iter()
                    .zip(&lower[i..])
                    .all(|(want, got)| want == got)
        });
        let (range, taken) = match phrase {
            Some(phrase) => (
                words[i].range.start..words[i + phrase.len() - 1].range.end,
                phrase.len(),
            ),
            None if is_hype(&lower[i], configured) => (words[i].range.clone(), 1),
            None => {
                i += 1;
                continue;
            }
        };
        let written = &text[range.clone()];
        if seen.insert(written.to_lowercase()) {
            found.push((range, written));
        }
        i += taken;
    }
    found
}

/// A word is hype when it, or its stem after an inflection, is listed.
fn is_hype(word: &str, configured: &HashSet<String>) -> bool {
    let listed = |w: &str| configured.contains(w) || MORE_HYPE.contains(w);
    // Most words have no typographic apostrophe: no copy for them.
    let word = if word.contains('’') {
        Cow::Owned(word.replace('’', "'"))
    } else {
        Cow::Borrowed(word)
    };
    let word = word.strip_suffix("'s").unwrap_or(&word);
    forms::bases(word).iter().any(|stem| listed(stem))
}
