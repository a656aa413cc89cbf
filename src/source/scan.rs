//! Finds ```` ```okr ```` fences in a chapter.
//!
//! The only module that knows pulldown-cmark. It parses the chapter with
//! mdBook's own Markdown options, so a block is found exactly where mdBook
//! would see a code block: inside list items and block quotes too, and never
//! inside another code block.

use mdbook_markdown::pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};
use mdbook_markdown::{MarkdownOptions, new_cmark_parser};

use crate::model::Span;

/// An `okr` fenced block as found in the chapter text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawBlock {
    /// The whole block, from its opening fence to the end of its closing
    /// fence line (or the end of its container when unclosed).
    pub span: Span,
    /// The body with container prefixes (`> `, list indentation) removed.
    pub body: String,
    /// Maps body offsets back to chapter offsets.
    pub body_map: BodyMap,
}

/// One piece of a block's body and where it sits in the chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Segment {
    body_start: usize,
    chapter_start: usize,
    len: usize,
    /// False when the parser's text is not a plain slice of the chapter
    /// (a tab expanded to spaces, say): offsets then clamp to the segment.
    verbatim: bool,
}

/// Maps byte offsets in a block's body to byte offsets in its chapter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BodyMap {
    segments: Vec<Segment>,
    /// Where an empty body's offsets land: just after the opening fence.
    fallback: usize,
}

impl BodyMap {
    /// The chapter offset of a body offset.
    pub fn to_chapter(&self, body_offset: usize) -> usize {
        let index = self
            .segments
            .partition_point(|s| s.body_start <= body_offset)
            .saturating_sub(1);
        match self.segments.get(index) {
            None => self.fallback,
            Some(segment) => {
                let delta = body_offset - segment.body_start.min(body_offset);
                if segment.verbatim {
                    segment.chapter_start + delta.min(segment.len)
                } else {
                    segment.chapter_start
                }
            }
        }
    }

    /// A body span as a chapter span.
    pub fn span_to_chapter(&self, span: &Span) -> Span {
        let start = self.to_chapter(span.start);
        let end = self.to_chapter(span.end).max(start);
        start..end
    }
}

/// True when a fence's info string marks an OKR block: its first word is `okr`.
pub fn is_okr_info(info: &str) -> bool {
    info.split_whitespace().next() == Some("okr")
}

/// What a chapter holds for mdbook-okr.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scanned {
    pub blocks: Vec<RawBlock>,
    /// `{{#okr-index ...}}` directives: each the span of the directive
    /// itself on a line of its own, outside any code block.
    pub directives: Vec<Span>,
}

/// Every OKR block of a chapter, in order.
pub fn scan(text: &str) -> Vec<RawBlock> {
    scan_chapter(text).blocks
}

/// Every OKR block and index directive of a chapter, in order.
pub fn scan_chapter(text: &str) -> Scanned {
    // Most chapters hold no block: skip the Markdown parser for them.
    if !text.contains("okr") {
        return Scanned::default();
    }
    let mut code_blocks: Vec<Span> = Vec::new();
    let mut blocks = Vec::new();
    let mut current: Option<RawBlock> = None;
    let parser = new_cmark_parser(text, &MarkdownOptions::default()).into_offset_iter();
    for (event, range) in parser {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if is_okr_info(&info) => {
                let fallback = text[range.clone()]
                    .find('\n')
                    .map_or(range.end, |i| range.start + i + 1);
                current = Some(RawBlock {
                    span: range,
                    body: String::new(),
                    body_map: BodyMap {
                        segments: Vec::new(),
                        fallback,
                    },
                });
            }
            Event::Text(piece) => {
                if let Some(block) = current.as_mut() {
                    let verbatim = text.get(range.clone()) == Some(&*piece);
                    block.body_map.segments.push(Segment {
                        body_start: block.body.len(),
                        chapter_start: range.start,
                        len: piece.len(),
                        verbatim,
                    });
                    block.body.push_str(&piece);
                }
            }
            Event::Start(Tag::CodeBlock(_)) => code_blocks.push(range),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(mut block) = current.take() {
                    block.span.end = trim_trailing_newline(text, block.span.clone());
                    code_blocks.push(block.span.clone());
                    blocks.push(block);
                }
            }
            _ => {}
        }
    }
    let directives = directive_lines(text)
        .filter(|span| {
            !code_blocks
                .iter()
                .any(|c| c.start <= span.start && span.end <= c.end)
        })
        .collect();
    Scanned { blocks, directives }
}

/// A code block of a chapter: its bytes, and whether it is an `okr` block.
pub struct CodeBlock {
    pub span: Span,
    pub okr: bool,
}

/// Every code block of a text (fenced or indented), as mdBook's Markdown
/// options read it: where directives are left alone.
pub fn code_blocks(text: &str) -> Vec<CodeBlock> {
    new_cmark_parser(text, &MarkdownOptions::default())
        .into_offset_iter()
        .filter_map(|(event, span)| match event {
            Event::Start(Tag::CodeBlock(kind)) => Some(CodeBlock {
                span,
                okr: matches!(&kind, CodeBlockKind::Fenced(info) if is_okr_info(info)),
            }),
            _ => None,
        })
        .collect()
}

/// Lines whose only content is `{{#okr-index ...}}`, container prefixes
/// (`> `, `- `) aside.
///
/// Walks the occurrences of the directive rather than every line: a chapter
/// has thousands of lines and almost never a directive.
fn directive_lines(text: &str) -> impl Iterator<Item = Span> + '_ {
    text.match_indices(DIRECTIVE)
        .filter_map(move |(directive, _)| {
            let start = text[..directive].rfind('\n').map_or(0, |i| i + 1);
            let end = text[directive..]
                .find('\n')
                .map_or(text.len(), |i| directive + i + 1);
            let trimmed = text[start..end].trim_end();
            let only_prefix = text[start..directive]
                .chars()
                .all(|c| c.is_whitespace() || c == '>' || c == '-' || c == '*');
            (only_prefix && trimmed.ends_with("}}")).then(|| directive..start + trimmed.len())
        })
}

const DIRECTIVE: &str = "{{#okr-index";

/// A code block's range may end after the closing fence's newline; the
/// replacement keeps that newline (and anything after it) in the chapter.
fn trim_trailing_newline(text: &str, span: Span) -> usize {
    let slice = &text[span.clone()];
    let trimmed = slice
        .strip_suffix("\r\n")
        .or_else(|| slice.strip_suffix('\n'))
        .unwrap_or(slice);
    span.start + trimmed.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bodies(text: &str) -> Vec<String> {
        scan(text).into_iter().map(|b| b.body).collect()
    }

    #[test]
    fn code_blocks_are_found_inside_containers_and_to_the_end_when_unclosed() {
        let text = "a\n\n> ```md\n> {{x}}\n> ```\n\n    indented\n\n~~~\nopen";
        let spans: Vec<&str> = code_blocks(text)
            .into_iter()
            .map(|c| &text[c.span])
            .collect();
        assert_eq!(spans, ["```md\n> {{x}}\n> ```", "indented\n", "~~~\nopen"]);
    }

    #[test]
    fn finds_backtick_and_tilde_fences_of_any_length() {
        let text = "a\n\n```okr\nx = 1\n```\n\n~~~~okr extra words\ny = 2\n~~~~\n\n`````okr\nz = 3\n`````\n";
        assert_eq!(bodies(text), ["x = 1\n", "y = 2\n", "z = 3\n"]);
        let blocks = scan(text);
        assert_eq!(&text[blocks[0].span.clone()], "```okr\nx = 1\n```");
    }

    #[test]
    fn ignores_other_languages_and_fences_inside_other_blocks() {
        let text =
            "````markdown\n```okr\nx = 1\n```\n````\n\n```toml\nokr = 1\n```\n\n```okrx\n```\n";
        assert!(scan(text).is_empty());
    }

    #[test]
    fn finds_blocks_in_lists_and_quotes_and_maps_offsets_back() {
        let text = "- item\n\n  ```okr\n  a = 1\n  b = 2\n  ```\n\n> ```okr\n> c = 3\n> ```\n";
        let blocks = scan(text);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].body, "a = 1\nb = 2\n");
        let b = blocks[0].body.find('b').unwrap();
        assert_eq!(&text[blocks[0].body_map.to_chapter(b)..][..5], "b = 2");
        assert_eq!(blocks[1].body, "c = 3\n");
        assert_eq!(&text[blocks[1].body_map.to_chapter(0)..][..5], "c = 3");
        assert_eq!(&text[blocks[1].span.clone()], "```okr\n> c = 3\n> ```");
    }

    #[test]
    fn an_unclosed_fence_runs_to_the_end() {
        let text = "```okr\nx = 1\n";
        assert_eq!(bodies(text), ["x = 1\n"]);
    }

    #[test]
    fn finds_index_directives_outside_code() {
        let text = "# I\n\n{{#okr-index}}\n\n```md\n{{#okr-index}}\n```\n\n> {{#okr-index team=a}}\ntext {{#okr-index}}\n";
        let directives: Vec<&str> = scan_chapter(text)
            .directives
            .into_iter()
            .map(|s| &text[s])
            .collect();
        assert_eq!(directives, ["{{#okr-index}}", "{{#okr-index team=a}}"]);
    }

    #[test]
    fn crlf_line_endings() {
        let text = "```okr\r\nx = 1\r\ny = 2\r\n```\r\nafter\r\n";
        let blocks = scan(text);
        assert_eq!(blocks.len(), 1);
        let y = blocks[0].body.find('y').unwrap();
        assert_eq!(&text[blocks[0].body_map.to_chapter(y)..][..5], "y = 2");
        assert_eq!(&text[blocks[0].span.end..], "\r\nafter\r\n");
    }

    /// The line-by-line reading `directive_lines` must agree with.
    fn directive_lines_by_line(text: &str) -> Vec<Span> {
        let mut offset = 0;
        text.split_inclusive('\n')
            .filter_map(|line| {
                let start = offset;
                offset += line.len();
                let trimmed = line.trim_end();
                let directive = trimmed.find(DIRECTIVE)?;
                let only_prefix = trimmed[..directive]
                    .chars()
                    .all(|c| c.is_whitespace() || c == '>' || c == '-' || c == '*');
                (only_prefix && trimmed.ends_with("}}"))
                    .then(|| start + directive..start + trimmed.len())
            })
            .collect()
    }

    #[test]
    fn directive_search_agrees_with_reading_line_by_line() {
        let texts = [
            "{{#okr-index}}",
            "a\n{{#okr-index}}\n",
            "> - {{#okr-index team=a}}  \r\nx {{#okr-index}}\n",
            "{{#okr-index}} {{#okr-index}}\n{{#okr-index\n}}\n",
            "  * {{#okr-index quarter=2026-Q2}}\n\n{{#okr-index}}",
            "\u{3000}{{#okr-index}}\n",
        ];
        for text in texts {
            assert_eq!(
                directive_lines(text).collect::<Vec<_>>(),
                directive_lines_by_line(text),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn directive_search_agrees_on_any_text(
            text in "([ >*\\-]{0,3}(\\{\\{#okr-index( team=a)?\\}\\}|x|\\}\\}|\\{\\{#okr-index)[ \\r]{0,2}\\n?){0,8}"
        ) {
            proptest::prop_assert_eq!(
                directive_lines(&text).collect::<Vec<_>>(),
                directive_lines_by_line(&text)
            );
        }
    }
}
