//! The one escape of each output format. Every user string a card, a
//! context header or the index writes goes through one of these.

use pulldown_cmark_escape::{escape_href, escape_html};

/// Text for HTML element content and attribute values (quotes too).
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

/// A URL for an `href` attribute.
pub fn url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    escape_href(&mut out, url).expect("writing to a String cannot fail");
    out
}

/// Escaped HTML text on one line: line breaks become spaces, so a card or
/// an index stays one HTML block wherever it sits.
pub fn html_line(text: &str) -> String {
    html(text).replace(['\r', '\n'], " ")
}

/// Text safe in Markdown, tables included: every punctuation character
/// that Markdown or HTML would read is backslash-escaped (CommonMark lets
/// any ASCII punctuation be escaped, so escaping a few harmless ones too
/// costs nothing), and line breaks become spaces.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '~' | '|' | '#' | '!' | '{'
            | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A Markdown link destination in angle brackets, which may hold spaces
/// and parentheses.
pub fn markdown_destination(url: &str) -> String {
    let mut out = String::from("<");
    for c in url.chars() {
        if matches!(c, '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('>');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_escapes_what_it_would_read() {
        assert_eq!(
            html("a <b> & \"c\" 'd'"),
            "a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;"
        );
        assert_eq!(html_line("a\r\nb"), "a  b");
        assert_eq!(
            markdown("a_b [c] <d> & e|f #g !h {i} ~j\nk"),
            "a\\_b \\[c\\] \\<d\\> \\& e\\|f \\#g \\!h \\{i\\} \\~j k"
        );
        assert_eq!(markdown_destination("a b(c)<d>.md"), "<a b(c)\\<d\\>.md>");
        assert_eq!(url("a b\"c#d"), "a%20b%22c#d");
    }
}
