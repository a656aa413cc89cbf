//! Word handling shared by the rules: tokens with their byte ranges, and the
//! configured word lists compiled once per run.

use std::collections::HashSet;
use std::ops::Range;

use crate::config::Words;

/// A word of a text and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub range: Range<usize>,
}

impl Token<'_> {
    pub fn lower(&self) -> String {
        self.text.to_lowercase()
    }
}

/// Words: runs of letters, digits and inner hyphens or apostrophes
/// (`world-class`, `team's`), with their byte ranges in `text`.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(offset, c)) in bytes.iter().enumerate() {
        let joiner = matches!(c, '-' | '\'' | '’')
            && start.is_some()
            && bytes.get(i + 1).is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || joiner {
            start.get_or_insert(offset);
        } else if let Some(s) = start.take() {
            out.push(Token {
                text: &text[s..offset],
                range: s..offset,
            });
        }
    }
    if let Some(s) = start {
        out.push(Token {
            text: &text[s..],
            range: s..text.len(),
        });
    }
    out
}

/// The configured word lists, lowercased into sets.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub hype: HashSet<String>,
    pub vague: HashSet<String>,
    pub activity: HashSet<String>,
    pub stop: HashSet<String>,
}

impl Lexicon {
    pub fn new(words: &Words) -> Lexicon {
        let set = |list: &[String]| list.iter().map(|w| w.to_lowercase()).collect();
        Lexicon {
            hype: set(&words.hype),
            vague: set(&words.vague),
            activity: set(&words.activity),
            stop: set(&words.stop),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_inner_hyphens_and_ranges() {
        let text = "A world-class, next-gen API -- done.";
        let words: Vec<&str> = tokens(text).iter().map(|t| t.text).collect();
        assert_eq!(words, ["A", "world-class", "next-gen", "API", "done"]);
        let t = tokens(text)[1].clone();
        assert_eq!(&text[t.range], "world-class");
    }
}
