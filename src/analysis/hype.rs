//! Hype: the listed words and phrases of a text, in any inflection.

use std::borrow::Cow;
use std::ops::Range;

use foldhash::{HashSet, HashSetExt};

use super::forms;
use super::tokens::Split;
use super::words;

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
        let phrase = words::HYPE_PHRASES.iter().find(|phrase| {
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
    let listed = |w: &str| configured.contains(w) || words::MORE_HYPE.contains(&w);
    // Most words have no typographic apostrophe: no copy for them.
    let word = if word.contains('’') {
        Cow::Owned(word.replace('’', "'"))
    } else {
        Cow::Borrowed(word)
    };
    let word = word.strip_suffix("'s").unwrap_or(&word);
    forms::bases(word).iter().any(|stem| listed(stem))
}
