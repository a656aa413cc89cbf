//! The share of its scope a text aims at: "85% of services", "10 of the 14
//! teams", "most services". Read from its own lexemes, where a number keeps
//! its value, its unit and a `%` or "percent" folded into it.

use std::ops::Range;

use super::numbers::{self, small_number_word};
use super::tokens;
use super::words;

/// The byte range of the first phrase that aims at a share of the scope
/// below all of it, if any.
pub fn partial_share(lexemes: &[Lexeme]) -> Option<Range<usize>> {
    let percents = if percent_is_a_level(lexemes) {
        None
    } else {
        (0..lexemes.len()).find_map(|i| percent_share(lexemes, i))
    };
    percents
        .or_else(|| (0..lexemes.len()).find_map(|i| count_share(lexemes, i)))
        .or_else(|| (0..lexemes.len()).find_map(|i| word_share(lexemes, i)))
}

/// What a lexeme is.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// Lowercased.
    Word(String),
    Number {
        value: f64,
        percent: bool,
        /// Letters written right after the digits, lowercased (`ms` in `200ms`).
        unit: Option<String>,
    },
    Symbol(char),
}

/// A word, a number or a symbol of a text, with its byte range.
#[derive(Debug, Clone, PartialEq)]
pub struct Lexeme {
    pub piece: Piece,
    pub range: Range<usize>,
}

impl Lexeme {
    fn word(&self) -> Option<&str> {
        match &self.piece {
            Piece::Word(w) => Some(w),
            _ => None,
        }
    }

    fn is(&self, word: &str) -> bool {
        self.word() == Some(word)
    }

    fn is_any(&self, words: &[&str]) -> bool {
        self.word().is_some_and(|w| words.contains(&w))
    }

    /// A plain count: digits or a number word, no unit, no percent.
    fn count(&self) -> Option<f64> {
        match &self.piece {
            Piece::Number {
                value,
                percent: false,
                unit: None,
            } => Some(*value),
            Piece::Word(w) => small_number_word(w),
            _ => None,
        }
    }

    fn percent(&self) -> Option<f64> {
        match self.piece {
            Piece::Number {
                value,
                percent: true,
                ..
            } => Some(value),
            _ => None,
        }
    }
}

/// Splits a text into words, numbers (with `%` or "percent" folded in) and
/// punctuation. Numbers keep thousands separators and decimals together.
pub fn lex(text: &str) -> Vec<Lexeme> {
    let mut out: Vec<Lexeme> = Vec::new();
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        if c.is_ascii_digit() {
            let (digits_end, unit_end) = numbers::digit_run(text, at);
            let digits: String = text[at..digits_end].chars().filter(|&d| d != ',').collect();
            let unit = Some(text[digits_end..unit_end].to_lowercase()).filter(|u| !u.is_empty());
            let spaces = text[unit_end..].len() - text[unit_end..].trim_start_matches(' ').len();
            let percent = text[unit_end + spaces..].starts_with('%');
            let end = if percent {
                unit_end + spaces + 1
            } else {
                unit_end
            };
            out.push(Lexeme {
                piece: Piece::Number {
                    value: digits.parse().unwrap_or(0.0),
                    percent,
                    unit,
                },
                range: at..end,
            });
            at = end;
        } else if c.is_alphanumeric() {
            let end = tokens::word_end(text, at);
            let word = text[at..end].to_lowercase();
            // "85 percent" and "85 per cent" are "85%".
            let previous_number = out.last_mut().filter(|l| {
                matches!(
                    l.piece,
                    Piece::Number {
                        percent: false,
                        unit: None,
                        ..
                    }
                )
            });
            if let (Some(number), "percent" | "cent") = (previous_number, word.as_str()) {
                if let Piece::Number { percent, .. } = &mut number.piece {
                    *percent = true;
                }
                number.range.end = end;
            } else if word == "per"
                && text[end..].trim_start().to_lowercase().starts_with("cent")
                && out.last().is_some_and(|l| l.count().is_some())
            {
                // Swallowed: "cent" comes next and marks the number.
            } else {
                out.push(Lexeme {
                    piece: Piece::Word(word),
                    range: at..end,
                });
            }
            at = end;
        } else {
            if !c.is_whitespace() {
                out.push(Lexeme {
                    piece: Piece::Symbol(c),
                    range: at..at + c.len_utf8(),
                });
            }
            at += c.len_utf8();
        }
    }
    out
}

/// Words that make a percentage a service level or a quality measure of a
/// system rather than a share of the work's scope.
pub fn is_service_level(lexemes: &[Lexeme]) -> bool {
    let is_time = |l: &Lexeme| match &l.piece {
        Piece::Number {
            unit: Some(unit), ..
        } => words::TIME_BOUND_UNITS.contains(&unit.as_str()),
        Piece::Word(w) => words::TIME_BOUND_UNITS.contains(&w.as_str()),
        _ => false,
    };
    lexemes.iter().enumerate().any(|(i, l)| {
        let percentile = |w: &str| {
            w.len() > 1 && w.starts_with('p') && w[1..].bytes().all(|b| b.is_ascii_digit())
        };
        // "99.9% of requests", "99.95%": nines are service levels.
        let nines = l.percent().is_some_and(|v| v > 99.0 && v < 100.0);
        // "within 2 days", "under 300ms": a time bound makes the share a
        // service level ("90% of tickets answered within 2 days").
        let time_bound =
            l.is_any(&["within", "under", "below"]) && lexemes[i + 1..].iter().take(3).any(is_time);
        nines
            || time_bound
            || l.word()
                .is_some_and(|w| words::SERVICE_LEVEL_WORDS.contains(&w) || percentile(w))
    })
}

/// True when every percentage of the text should be read as a level: a
/// service level, or a sentence that lowers or holds a measure.
fn percent_is_a_level(lexemes: &[Lexeme]) -> bool {
    // "Cut over 80% of traffic" moves traffic; it lowers nothing.
    let cut_over = lexemes.first().is_some_and(|l| l.is("cut"))
        && lexemes.get(1).is_some_and(|l| l.is("over"));
    is_service_level(lexemes)
        || (!cut_over
            && lexemes
                .first()
                .is_some_and(|l| l.is_any(words::LOWERING_OR_HOLDING)))
}

/// A percentage below 100 that is a share: "70% of build actions",
/// "from 20% to 60%", "adoption to 60%", "85% migrated".
fn percent_share(lexemes: &[Lexeme], i: usize) -> Option<Range<usize>> {
    let value = lexemes[i].percent()?;
    if value <= 0.0 || value >= 100.0 {
        return None;
    }
    let before = i.checked_sub(1).map(|p| &lexemes[p]);
    if before
        .is_some_and(|b| b.is_any(words::CEILINGS) || matches!(b.piece, Piece::Symbol('<' | '≤')))
    {
        return None;
    }
    let here = lexemes[i].range.clone();
    // A rate ("pass rate to 98%", "hit rate from 40% to 70%") is a level of
    // quality; only an explicit "N% of <things>" makes it a share of scope.
    let rate = lexemes
        .iter()
        .any(|l| l.is_any(&["rate", "rates", "ratio"]));
    if rate && !lexemes.get(i + 1).is_some_and(|l| l.is("of")) {
        return None;
    }
    // "from A% to B%": a share only when it grows; quote the whole change.
    if i >= 3 && lexemes[i - 1].is("to") && lexemes[i - 3].is("from") {
        let baseline = lexemes[i - 2].percent().or(lexemes[i - 2].count())?;
        return (value > baseline).then(|| lexemes[i - 3].range.start..here.end);
    }
    if lexemes.get(i + 1).is_some_and(|l| l.is("of")) {
        return Some(
            here.start..noun_phrase_end(lexemes, i + 2).unwrap_or(lexemes[i + 1].range.end),
        );
    }
    if lexemes
        .get(i + 1)
        .is_some_and(|l| l.is_any(words::RELATIVE_CHANGE))
    {
        return None;
    }
    if lexemes
        .get(i + 1)
        .is_some_and(|l| l.is_any(words::COMPLETION))
    {
        return Some(here.start..lexemes[i + 1].range.end);
    }
    if before.is_some_and(|b| b.is_any(&["to", "reach", "reaches", "reaching"])) {
        let start = i
            .checked_sub(2)
            .map_or(here.start, |p| lexemes[p].range.start);
        return Some(start..here.end);
    }
    None
}

/// "10 of the 14 teams", "10 out of 14", "12/14 teams": a count of a larger
/// count, not a position such as "phase 2 of 3".
fn count_share(lexemes: &[Lexeme], i: usize) -> Option<Range<usize>> {
    let part = lexemes[i].count()?;
    if (i > 0 && lexemes[i - 1].is_any(words::POSITIONS))
        || lexemes[..i].iter().any(|l| l.is_any(words::CHOOSING))
    {
        return None;
    }
    let mut j = i + 1;
    let fraction = matches!(lexemes.get(j).map(|l| &l.piece), Some(Piece::Symbol('/')));
    if fraction {
        j += 1;
        // "12/14 teams" needs a plural noun after it; "3/31" is a date.
        let noun = lexemes.get(j + 1).and_then(Lexeme::word)?;
        let is_number = |l: &Lexeme| {
            matches!(
                l.piece,
                Piece::Number {
                    percent: false,
                    unit: None,
                    ..
                }
            )
        };
        if !lexemes.get(j).is_some_and(is_number)
            || !noun.ends_with('s')
            || words::REPEATED_THINGS.contains(&noun)
        {
            return None;
        }
    } else {
        if lexemes.get(j).is_some_and(|l| l.is("out")) {
            j += 1;
        }
        if !lexemes.get(j).is_some_and(|l| l.is("of")) {
            return None;
        }
        j += 1;
        while lexemes
            .get(j)
            .is_some_and(|l| l.is_any(words::SHARE_DETERMINERS))
        {
            j += 1;
        }
    }
    let whole = lexemes.get(j)?.count()?;
    if part >= whole {
        return None;
    }
    Some(lexemes[i].range.start..noun_phrase_end(lexemes, j + 1).unwrap_or(lexemes[j].range.end))
}

/// Words for a part: "most services", "the majority of teams", "half of the
/// clusters", "a third of", "nearly all", "all but two", "a subset of".
fn word_share(lexemes: &[Lexeme], i: usize) -> Option<Range<usize>> {
    let word = lexemes[i].word()?;
    let before = |n: usize| i.checked_sub(n).map(|p| &lexemes[p]);
    let after = |n: usize| lexemes.get(i + n);
    let next_is_of = after(1).is_some_and(|l| l.is("of"));
    let quote_from = |start: usize, from_next: usize| {
        Some(
            lexemes[start].range.start
                ..noun_phrase_end(lexemes, from_next).unwrap_or(lexemes[from_next - 1].range.end),
        )
    };
    match word {
        "most" => {
            let superlative = before(1).is_some_and(|b| {
                b.is_any(&[
                    "at",
                    "the",
                    "a",
                    "an",
                    "is",
                    "are",
                    "was",
                    "be",
                    "being",
                    "whichever",
                ])
            });
            let counted = before(1).is_some_and(|b| b.count().is_some() || b.is("top"));
            let next = after(1).and_then(Lexeme::word)?;
            let adverb = ["likely", "often", "recent", "recently"].contains(&next);
            (!superlative && !counted && !adverb).then_some(())?;
            quote_from(i, if next_is_of { i + 2 } else { i + 1 })
        }
        _ if words::PART_OF.contains(&word) && next_is_of => {
            let start = if before(1).is_some_and(|b| b.is_any(&["the", "a"])) {
                i - 1
            } else {
                i
            };
            quote_from(start, i + 2)
        }
        "half" => {
            // "the first half of the migration" is a share; "the first half
            // of Q3" and "in half" are not.
            let ordinal = before(1).is_some_and(|b| b.is_any(words::ORDINALS));
            let time = before(1).is_some_and(|b| b.is_any(words::TIME_BEFORE))
                || (ordinal && (!next_is_of || time_follows(lexemes, i + 2)));
            let takes_scope =
                after(1).is_some_and(|l| l.is("of") || l.is_any(words::SHARE_DETERMINERS));
            (!time && takes_scope).then_some(())?;
            quote_from(i, if next_is_of { i + 2 } else { i + 1 })
        }
        _ if words::FRACTIONS.contains(&word) && next_is_of => {
            let counted =
                before(1).is_some_and(|b| b.is_any(&["a", "one", "two", "three", "four"]));
            let time = before(2).is_some_and(|b| b.is_any(words::TIME_BEFORE));
            let time = time || before(1).is_some_and(|b| b.is_any(words::ORDINALS));
            (counted && !time && !time_follows(lexemes, i + 2)).then_some(())?;
            quote_from(i - 1, i + 2)
        }
        "two-thirds" | "three-quarters" | "one-third" | "one-half" | "one-quarter"
            if next_is_of =>
        {
            quote_from(i, i + 2)
        }
        "all" if before(1).is_some_and(|b| b.is_any(&["nearly", "almost"])) => {
            quote_from(i - 1, i + 1)
        }
        "all" if after(1).is_some_and(|l| l.is("but")) => quote_from(i, i + 2),
        _ if words::SOME_OF.contains(&word)
            && next_is_of
            && after(2).is_some_and(|l| l.is_any(words::SHARE_DETERMINERS)) =>
        {
            let start = if word == "few" && before(1).is_some_and(|b| b.is("a")) {
                i - 1
            } else {
                i
            };
            quote_from(start, i + 2)
        }
        _ => None,
    }
}

/// Whether the words from `start` on (after determiners) name a stretch of
/// time: "the quarter", "Q3", "2026", "the sprint".
fn time_follows(lexemes: &[Lexeme], start: usize) -> bool {
    lexemes
        .iter()
        .skip(start)
        .find(|l| !l.is_any(&["the", "this", "next", "that", "each", "every"]))
        .is_some_and(|l| {
            matches!(l.piece, Piece::Number { .. })
                || l.is_any(words::TIME_NOUNS)
                || l.is_any(words::MONTH_NAMES)
        })
}

/// The end of the noun phrase starting at `start`: leading determiners and
/// numbers, then up to three words, stopping at a preposition, verb-like
/// joiner or punctuation.
fn noun_phrase_end(lexemes: &[Lexeme], start: usize) -> Option<usize> {
    let mut end = None;
    let mut words = 0;
    for lexeme in lexemes.iter().skip(start) {
        match &lexeme.piece {
            Piece::Word(w) if words::NOUN_PHRASE_LEADING.contains(&w.as_str()) && words == 0 => {}
            Piece::Number { .. } if words == 0 => {}
            Piece::Word(w) if !words::NOUN_PHRASE_STOPS.contains(&w.as_str()) && words < 3 => {
                words += 1
            }
            _ => break,
        }
        end = Some(lexeme.range.end);
    }
    end.filter(|_| words > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<(Piece, &str)> {
        lex(text)
            .into_iter()
            .map(|l| (l.piece, &text[l.range]))
            .collect()
    }

    fn number(value: f64, percent: bool, unit: Option<&str>) -> Piece {
        Piece::Number {
            value,
            percent,
            unit: unit.map(str::to_string),
        }
    }

    #[test]
    fn numbers_keep_separators_units_and_percent_words() {
        assert_eq!(
            pieces("4,200 teams at 99.9 % and 200ms, 85 per cent of Équipe’s"),
            [
                (number(4200.0, false, None), "4,200"),
                (Piece::Word("teams".into()), "teams"),
                (Piece::Word("at".into()), "at"),
                (number(99.9, true, None), "99.9 %"),
                (Piece::Word("and".into()), "and"),
                (number(200.0, false, Some("ms")), "200ms"),
                (Piece::Symbol(','), ","),
                (number(85.0, true, None), "85 per cent"),
                (Piece::Word("of".into()), "of"),
                (Piece::Word("équipe’s".into()), "Équipe’s"),
            ]
        );
    }
}
