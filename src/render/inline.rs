//! User text that is inline Markdown (`text`, `done`, `postmortem`,
//! finding messages): sanitised once into an event stream, then written
//! as HTML or back as Markdown. Raw HTML becomes text and only links with
//! safe schemes stay live, in both formats.

use std::fmt::Write as _;

use mdbook_markdown::pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd, html::push_html};
use mdbook_markdown::{MarkdownOptions, new_cmark_parser};

use crate::render::escape;
use crate::render::links::is_safe_url;

/// The inline Markdown of `text` as a clean event stream: emphasis,
/// strong, strikethrough, code and safe links kept; raw HTML turned into
/// text; block structure (paragraphs, headings, lists) flattened to spaces;
/// images reduced to their alt text. Text never holds a line break.
pub fn events(text: &str) -> Vec<Event<'_>> {
    let mut events = Vec::new();
    // Whether each open link was kept, so its end is kept or dropped alike.
    let mut links: Vec<bool> = Vec::new();
    for event in new_cmark_parser(text, &MarkdownOptions::default()) {
        match event {
            Event::Start(tag @ (Tag::Emphasis | Tag::Strong | Tag::Strikethrough)) => {
                events.push(Event::Start(tag));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let safe = is_safe_url(&dest_url);
                links.push(safe);
                if safe {
                    events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::Start(_) => {}
            Event::End(end @ (TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough)) => {
                events.push(Event::End(end));
            }
            Event::End(TagEnd::Link) => {
                if links.pop().unwrap_or(false) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            Event::End(TagEnd::Image) => {}
            // The end of a paragraph, heading, list item...: keep words apart.
            Event::End(_) | Event::SoftBreak | Event::HardBreak | Event::Rule => {
                events.push(Event::Text(" ".into()));
            }
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => {
                events.push(Event::Text(flatten(text)));
            }
            Event::Code(code) => events.push(Event::Code(flatten(code))),
            Event::InlineMath(math) | Event::DisplayMath(math) => {
                events.push(Event::Text(flatten(math)));
            }
            Event::FootnoteReference(name) => {
                events.push(Event::Text(format!("[^{name}]").into()));
            }
            Event::TaskListMarker(met) => {
                events.push(Event::Text(if met { "[x] " } else { "[ ] " }.into()));
            }
        }
    }
    events
}

/// Text without line breaks, so a card stays on one line.
fn flatten(text: CowStr<'_>) -> CowStr<'_> {
    if text.contains(['\n', '\r']) {
        CowStr::from(text.replace(['\n', '\r'], " "))
    } else {
        text
    }
}

/// Inline Markdown as one line of HTML (see [`events`]).
pub fn html(text: &str) -> String {
    if is_plain_words(text) {
        return text.to_string();
    }
    let mut out = String::new();
    push_html(&mut out, events(text).into_iter());
    out.trim().replace('\n', " ")
}

/// Text that Markdown leaves exactly as written, so it can skip the
/// parser (most texts in a plan): it opens with a letter (no list marker,
/// heading or indented code), holds only letters, digits, spaces and
/// punctuation that is neither markup nor escaped in HTML, and no `..`
/// that smart punctuation would turn into an ellipsis.
fn is_plain_words(text: &str) -> bool {
    text.starts_with(char::is_alphabetic)
        && !text.ends_with(' ')
        && !text.contains("..")
        && text.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(c, ' ' | ',' | ';' | ':' | '%' | '/' | '(' | ')' | '?' | '.')
        })
}

/// Inline Markdown reduced to its words, for a `title` attribute.
pub fn plain_text(text: &str) -> String {
    let mut out = String::new();
    for event in events(text) {
        if let Event::Text(words) | Event::Code(words) = event {
            out.push_str(&words);
        }
    }
    out.trim().to_string()
}

/// Inline Markdown written back as Markdown from the sanitised events.
pub fn markdown(text: &str) -> String {
    let mut out = String::new();
    let mut links: Vec<String> = Vec::new();
    for event in events(text) {
        match event {
            Event::Text(text) => out.push_str(&escape::markdown(&text)),
            Event::Code(code) => out.push_str(&code_span(&code)),
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => out.push('*'),
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => out.push_str("**"),
            Event::Start(Tag::Strikethrough) | Event::End(TagEnd::Strikethrough) => {
                out.push_str("~~");
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                let url = if link_type == LinkType::Email {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.to_string()
                };
                links.push(url);
                out.push('[');
            }
            Event::End(TagEnd::Link) => {
                let url = links.pop().unwrap_or_default();
                let _ = write!(out, "]({})", escape::markdown_destination(&url));
            }
            // `inline_events` emits nothing else.
            _ => {}
        }
    }
    out.trim().to_string()
}

fn code_span(code: &str) -> String {
    let longest_run = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat(longest_run + 1);
    if code.starts_with('`') || code.ends_with('`') {
        format!("{ticks} {code} {ticks}")
    } else {
        format!("{ticks}{code}{ticks}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markdown_is_rendered_and_raw_html_is_text() {
        assert_eq!(
            html("a <b>bold</b> <img src=x onerror=alert(1)>"),
            "a &lt;b&gt;bold&lt;/b&gt; &lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(
            html("<div>\nblock\n</div>"),
            "&lt;div&gt; block &lt;/div&gt;"
        );
        assert_eq!(
            html("[x](javascript:alert(1)) and <javascript:alert(2)>"),
            "x and javascript:alert(2)"
        );
        assert_eq!(html("# heading\n\n- one\n- two"), "heading one two");
        assert_eq!(html("![alt](data:image/png,x)"), "alt");
    }

    #[test]
    fn plain_words_skip_the_parser_with_the_same_result() {
        let parsed = |text: &str| {
            let mut out = String::new();
            push_html(&mut out, events(text).into_iter());
            out.trim().replace('\n', " ")
        };
        let samples = [
            "Cut median CI time from 25 to 15 minutes",
            "Hold checkout availability at 99.95% for the quarter",
            "Runbook reviewed (by the on call leads): yes/no?",
            "Tomás and Zoë review 3 of 4 services; done.",
            "Wait for it.. and more",
            "Ends with a space ",
            "1. a list item",
            "Say \"hello\" to the team's owners",
            "Cost from $45k to $27k",
            "A   b  c",
        ];
        for text in samples {
            if is_plain_words(text) {
                assert_eq!(html(text), parsed(text), "{text:?}");
            }
        }
        assert!(is_plain_words(samples[0]) && is_plain_words(samples[2]));
        assert!(!is_plain_words("1. a list item") && !is_plain_words("Wait for it.. and more"));
        // Any text the fast path takes renders as the parser would.
        proptest::proptest!(|(text in "[A-Za-zé][A-Za-z0-9é ,;:%/()?.]{0,40}")| {
            if is_plain_words(&text) {
                proptest::prop_assert_eq!(html(&text), parsed(&text));
            }
        });
    }
}
