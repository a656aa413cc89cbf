//! LSP positions (0-based lines, UTF-16 columns) to and from the byte
//! offsets every finding keeps. The one conversion the server uses.

use lsp_types::{Position, Range};

use crate::model::Span;

/// The position of byte `offset` in `text`. An offset past the end is the
/// end; one inside a character is that character's start.
pub fn position(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count();
    let character = before[line_start..].encode_utf16().count();
    Position::new(to_u32(line), to_u32(character))
}

/// The range of a byte span.
pub fn range(text: &str, span: &Span) -> Range {
    Range::new(position(text, span.start), position(text, span.end))
}

/// The byte offset of `position` in `text`. Editors may send positions that
/// do not exist: a line past the end is the end of the text, a column past
/// the end of its line is the line's end, and a column between the two
/// halves of a surrogate pair is the start of that character.
pub fn offset(text: &str, position: Position) -> usize {
    let mut line_start = 0;
    for _ in 0..position.line {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let mut units = 0;
    for (i, ch) in text[line_start..line_end].char_indices() {
        let next = units + ch.len_utf16() as u32;
        if next > position.character {
            return line_start + i;
        }
        units = next;
    }
    line_end
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_code_units() {
        // `é` is 2 bytes and 1 unit, `中` 3 bytes and 1 unit, `🚀` 4 bytes
        // and 2 units.
        let text = "ab\né中🚀x\n";
        assert_eq!(position(text, 0), Position::new(0, 0));
        assert_eq!(position(text, 3), Position::new(1, 0));
        assert_eq!(position(text, 5), Position::new(1, 1));
        assert_eq!(position(text, 8), Position::new(1, 2));
        assert_eq!(position(text, 12), Position::new(1, 4));
        assert_eq!(position(text, 13), Position::new(1, 5));
        assert_eq!(position(text, 14), Position::new(2, 0));
        for byte in [0, 3, 5, 8, 12, 13, 14] {
            assert_eq!(offset(text, position(text, byte)), byte);
        }
    }

    #[test]
    fn impossible_positions_land_on_a_character_boundary() {
        let text = "🚀x\nyz";
        // Between the two halves of the rocket's surrogate pair.
        assert_eq!(offset(text, Position::new(0, 1)), 0);
        assert_eq!(offset(text, Position::new(0, 99)), 5);
        assert_eq!(offset(text, Position::new(7, 0)), text.len());
        // Inside a character's bytes.
        assert_eq!(position(text, 2), Position::new(0, 0));
        assert_eq!(position(text, 100), Position::new(1, 2));
    }
}
