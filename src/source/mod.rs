//! Reading a chapter's text: the file with its line/column arithmetic
//! (here), `scan` (the one fence finder) and `block` (a TOML body to the
//! model).

pub mod block;
pub mod scan;

use std::path::PathBuf;

/// One Markdown file of the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The path shown in diagnostics: relative to the book's root (the
    /// folder holding `book.toml`), or as given on the command line.
    pub display_path: String,
    /// The chapter's path relative to the book's `src` folder, used to build
    /// links between chapters. `None` for loose files given to `check`.
    pub chapter_path: Option<PathBuf>,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(display_path: String, chapter_path: Option<PathBuf>, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            display_path,
            chapter_path,
            text,
            line_starts,
        }
    }

    /// 1-based line and column of a byte offset. Columns count Unicode
    /// scalar values, as SARIF's `unicodeCodePoints` and most editors do.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column = self.text[start..offset].chars().count() + 1;
        (line + 1, column)
    }

    /// The byte range of the 1-based line `line`, without its line ending.
    pub fn line_span(&self, line: usize) -> std::ops::Range<usize> {
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |next| next - 1);
        let end = if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        start..end.max(start)
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based_and_count_characters() {
        let file = SourceFile::new("a.md".into(), None, "ab\nçd\r\nx".into());
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(1), (1, 2));
        assert_eq!(file.line_col(3), (2, 1));
        // `ç` is two bytes but one column.
        assert_eq!(file.line_col(5), (2, 2));
        assert_eq!(file.line_col(8), (3, 1));
        assert_eq!(file.line_col(100), (3, 2));
        assert_eq!(&file.text[file.line_span(2)], "çd");
        assert_eq!(&file.text[file.line_span(3)], "x");
    }
}
