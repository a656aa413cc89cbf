//! The one tokenisation of a text: words with their byte ranges, split once
//! and lowercased once. Every other analysis reads a [`Split`].

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;

/// A word of a text and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub range: Range<usize>,
}

impl<'a> Token<'a> {
    pub fn lower(&self) -> String {
        lowercase(self.text)
    }

    /// The word in lowercase, borrowed from the text when it is written so
    /// already (most words are).
    fn lower_borrowed(&self) -> Cow<'a, str> {
        if self.text.is_ascii() && !self.text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Borrowed(self.text)
        } else {
            Cow::Owned(self.lower())
        }
    }
}

/// `word` in lowercase; most words are plain ASCII, which needs no Unicode
/// case tables.
fn lowercase(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.to_lowercase()
    }
}

thread_local! {
    /// The word ranges of the text being split, reused from text to text so
    /// that each text's tokens take one allocation of the exact size (they
    /// are kept for the whole run).
    static RANGES: RefCell<Vec<Range<usize>>> = const { RefCell::new(Vec::new()) };
}

/// Words: runs of letters, digits and inner hyphens or apostrophes
/// (`world-class`, `team's`), with their byte ranges in `text`.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    RANGES.with_borrow_mut(|ranges| {
        ranges.clear();
        word_ranges(text, ranges);
        ranges
            .iter()
            .map(|range| Token {
                text: &text[range.clone()],
                range: range.clone(),
            })
            .collect()
    })
}

fn word_ranges(text: &str, out: &mut Vec<Range<usize>>) {
    let mut at = 0;
    while let Some((c, width)) = char_at(text, at) {
        if is_alphanumeric(c) {
            let end = word_end(text, at);
            out.push(at..end);
            at = end;
        } else {
            at += width;
        }
    }
}

/// Where the word that starts at byte `start` ends: it runs over letters
/// and digits, and over a hyphen or apostrophe between them (`world-class`,
/// `team's`). The one reading of a word's extent, for [`tokens`] and for
/// the lexemes of [`crate::analysis::share`].
pub fn word_end(text: &str, start: usize) -> usize {
    let mut at = start;
    while let Some((c, width)) = char_at(text, at) {
        // A joiner only before a letter or digit: the next character is
        // read only then.
        let in_word = is_alphanumeric(c)
            || matches!(c, '-' | '\'' | '’')
                && at > start
                && char_at(text, at + width).is_some_and(|(next, _)| is_alphanumeric(next));
        if !in_word {
            break;
        }
        at += width;
    }
    at
}

/// The character at byte `at` of `text` and its width, read without
/// decoding when it is ASCII (most are): this runs over every text once
/// and is a visible part of the lint's time.
fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        return Some((char::from(byte), 1));
    }
    let c = text[at..].chars().next()?;
    Some((c, c.len_utf8()))
}

/// `char::is_alphanumeric`, without the Unicode tables for ASCII.
fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// A text split into lowercase words once, for every analysis.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token<'a>>,
    /// Each token in lowercase.
    pub lower: Vec<Cow<'a, str>>,
}

impl<'a> Split<'a> {
    pub fn new(text: &'a str) -> Self {
        let tokens = tokens(text);
        let lower = tokens.iter().map(Token::lower_borrowed).collect();
        Split {
            text,
            tokens,
            lower,
        }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    pub fn word(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", |w| w.as_ref())
    }

    /// Word `i` as written, case kept.
    pub fn token_text(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| t.text)
    }

    pub fn is(&self, i: usize, list: &[&str]) -> bool {
        list.contains(&self.word(i))
    }

    /// The text between word `i - 1` and word `i`.
    pub fn gap_before(&self, i: usize) -> &str {
        let start = if i == 0 {
            0
        } else {
            self.tokens[i - 1].range.end
        };
        let end = self
            .tokens
            .get(i)
            .map_or(self.text.len(), |t| t.range.start);
        &self.text[start..end]
    }

    /// True when word `i` begins a sentence: the text's first word, or one
    /// after sentence punctuation.
    pub fn starts_sentence(&self, i: usize) -> bool {
        i == 0
            || self
                .gap_before(i)
                .contains(['.', '!', '?', ':', ';', '(', '"', '\n'])
    }

    /// The index of the word holding byte `offset`, or the first after it.
    pub fn at(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.range.end <= offset)
    }

    /// Words fully between two byte offsets.
    pub fn between(&self, from: usize, to: usize) -> Range<usize> {
        let first = self.tokens.partition_point(|t| t.range.start < from);
        let end = self.tokens.partition_point(|t| t.range.end <= to);
        first..end.max(first)
    }
}
