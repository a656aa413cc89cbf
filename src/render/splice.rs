//! The last stage: a chapter's text with some spans replaced by their
//! rendering and every other byte kept as it was.

use std::ops::Range;

/// `text` with each span replaced by its new text. Spans are sorted by
/// start and do not overlap (the scanner finds blocks and directives
/// outside each other).
pub fn splice(text: &str, replacements: &[(Range<usize>, String)]) -> String {
    let replaced: usize = replacements.iter().map(|(span, _)| span.len()).sum();
    let added: usize = replacements.iter().map(|(_, new)| new.len()).sum();
    let mut out = String::with_capacity(text.len() - replaced + added);
    let mut copied = 0;
    for (span, replacement) in replacements {
        out.push_str(&text[copied..span.start]);
        out.push_str(replacement);
        copied = span.end;
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_replaced_and_every_other_byte_kept() {
        let text = "a ```x``` b {{y}} ç";
        let out = splice(text, &[(2..9, "X".into()), (12..17, String::new())]);
        assert_eq!(out, "a X b  ç");
        assert_eq!(splice(text, &[]), text);
    }
}
