//! The editor's open documents: their unsaved text wins over the disk.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use super::position::offset;

/// One open document.
pub struct Document {
    pub uri: Uri,
    pub version: i32,
    pub text: String,
}

/// The open documents by normalised path.
#[derive(Default)]
pub struct Documents {
    open: HashMap<PathBuf, Document>,
}

impl Documents {
    pub fn open(&mut self, path: PathBuf, document: Document) {
        self.open.insert(path, document);
    }

    pub fn close(&mut self, path: &Path) {
        self.open.remove(path);
    }

    pub fn get(&self, path: &Path) -> Option<&Document> {
        self.open.get(path)
    }

    pub fn paths(&self) -> impl Iterator<Item = &PathBuf> {
        self.open.keys()
    }

    /// Applies the changes of one `didChange` in order; false when the
    /// document is not open.
    pub fn change(
        &mut self,
        path: &Path,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
    ) -> bool {
        let Some(document) = self.open.get_mut(path) else {
            return false;
        };
        for change in changes {
            apply(&mut document.text, change);
        }
        document.version = version;
        true
    }
}

/// Applies one change: the whole text, or a range replaced. A range whose
/// end comes before its start replaces nothing between them.
pub fn apply(text: &mut String, change: &TextDocumentContentChangeEvent) {
    match change.range {
        None => text.clone_from(&change.text),
        Some(range) => {
            let start = offset(text, range.start);
            let end = offset(text, range.end).max(start);
            text.replace_range(start..end, &change.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use lsp_types::{Position, Range};
    use proptest::prelude::*;

    use super::*;

    fn edit(range: Option<((u32, u32), (u32, u32))>, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|(s, e)| Range::new(Position::new(s.0, s.1), Position::new(e.0, e.1))),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn ranged_edits_count_utf16_columns() {
        let mut text = String::from("a🚀b\nc");
        apply(&mut text, &edit(Some(((0, 3), (0, 4))), "B"));
        assert_eq!(text, "a🚀B\nc");
        apply(&mut text, &edit(Some(((1, 0), (1, 1))), "中"));
        assert_eq!(text, "a🚀B\n中");
        apply(&mut text, &edit(None, "new"));
        assert_eq!(text, "new");
    }

    fn any_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("a"),
                Just("\n"),
                Just("\r\n"),
                Just("é"),
                Just("中"),
                Just("🚀"),
                Just("```okr\n"),
                Just("objective = \""),
            ],
            0..40,
        )
        .prop_map(|parts| parts.concat())
    }

    fn any_position() -> impl Strategy<Value = (u32, u32)> {
        (
            prop_oneof![0..6u32, Just(u32::MAX)],
            prop_oneof![0..12u32, Just(u32::MAX)],
        )
    }

    proptest! {
        /// Random edits, with ranges that split surrogate pairs, run past
        /// line ends or the text, or end before they start: no panic, and
        /// the text always stays valid UTF-8 (a `String`).
        #[test]
        fn random_edits_never_panic(
            initial in any_text(),
            edits in proptest::collection::vec(
                (proptest::option::weighted(0.9, (any_position(), any_position())), any_text()),
                0..20,
            ),
        ) {
            let mut documents = Documents::default();
            let path = PathBuf::from("/book/src/a.md");
            documents.open(path.clone(), Document {
                uri: "file:///book/src/a.md".parse().unwrap(),
                version: 0,
                text: initial,
            });
            let changes: Vec<_> = edits.iter().map(|(range, text)| edit(*range, text)).collect();
            prop_assert!(documents.change(&path, 1, &changes));
            let text = &documents.get(&path).unwrap().text;
            // Every position of the result converts back to a boundary.
            for line in 0..8 {
                for character in 0..14 {
                    let at = offset(text, Position::new(line, character));
                    prop_assert!(text.is_char_boundary(at));
                }
            }
        }
    }
}
