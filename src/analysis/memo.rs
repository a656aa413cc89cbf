//! A per-thread memo of one value per word: the analyses ask about the same
//! words of the same texts many times, and a word's forms, lemmas and class
//! never change within a run.

use std::cell::RefCell;

use foldhash::HashMap;

/// The most words a memo remembers; a long-running language server starts
/// afresh past it rather than growing without end.
const LIMIT: usize = 1 << 16;

/// The value computed for each word asked about, on this thread. Values are
/// cheap to clone (`Rc` slices, small `Copy` values), so a caller gets its
/// own handle without copying what is remembered.
pub struct WordMemo<V>(RefCell<HashMap<Box<str>, V>>);

impl<V: Clone> WordMemo<V> {
    pub fn new() -> Self {
        WordMemo(RefCell::new(HashMap::default()))
    }

    /// The remembered value for `word`, computed by `compute` the first time.
    /// The computation runs outside the memo's borrow, so it may ask other
    /// memos (or this one, for other words).
    pub fn get(&self, word: &str, compute: impl FnOnce(&str) -> V) -> V {
        if let Some(value) = self.0.borrow().get(word) {
            return value.clone();
        }
        let value = compute(word);
        let mut memo = self.0.borrow_mut();
        if memo.len() >= LIMIT {
            memo.clear();
        }
        memo.insert(word.into(), value.clone());
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_once_per_word() {
        let memo = WordMemo::new();
        let calls = std::cell::Cell::new(0);
        let length = |word: &str| {
            calls.set(calls.get() + 1);
            word.len()
        };
        assert_eq!(memo.get("held", length), 4);
        assert_eq!(memo.get("held", length), 4);
        assert_eq!(memo.get("teams", length), 5);
        assert_eq!(calls.get(), 2);
    }

    #[test]
    fn starts_afresh_past_its_limit() {
        let memo = WordMemo::new();
        for i in 0..=LIMIT {
            memo.get(&i.to_string(), |_| i);
        }
        assert_eq!(memo.0.borrow().len(), 1);
        assert_eq!(memo.get("0", |_| 7), 7);
    }
}
