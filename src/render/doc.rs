//! A small document model for the index, written out either as one-line
//! HTML (for mdBook's `html` renderer) or as Markdown (for the others), so
//! every section is computed once and cannot differ between the two. The
//! cards ([`crate::render::card`]) share its inline runs and writers.

use crate::render::Format;
use crate::render::escape::{self, html as escape, html_line as escape_inline};
use crate::render::inline;

/// A run of inline content.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Strong(String),
    /// A link; `href` is already relative to the index chapter.
    Link {
        text: String,
        href: String,
    },
    /// User text in inline Markdown (an objective's or a KR's text), written
    /// with the cards' own inline renderer and escape.
    Markdown(String),
    /// A link whose text is inline Markdown.
    MarkdownLink {
        text: String,
        href: String,
    },
    /// A short label such as `stretch`; `class` picks its colour in HTML.
    Badge {
        class: &'static str,
        text: String,
    },
}

pub type Line = Vec<Inline>;

pub fn text(value: impl Into<String>) -> Inline {
    Inline::Text(value.into())
}

pub fn badge(class: &'static str, value: impl Into<String>) -> Inline {
    Inline::Badge {
        class,
        text: value.into(),
    }
}

pub fn link(value: impl Into<String>, href: Option<String>) -> Inline {
    match href {
        Some(href) => Inline::Link {
            text: value.into(),
            href,
        },
        None => Inline::Text(value.into()),
    }
}

/// A link around user text in inline Markdown; plain Markdown without a
/// target.
pub fn markdown_link(value: impl Into<String>, href: Option<String>) -> Inline {
    match href {
        Some(href) => Inline::MarkdownLink {
            text: value.into(),
            href,
        },
        None => Inline::Markdown(value.into()),
    }
}

/// Whether user text holds a link of its own, which cannot sit inside the
/// index's link to its card.
fn holds_link(rendered_html: &str) -> bool {
    rendered_html.contains("<a ")
}

/// One item of a list, with an optional nested list.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Item {
    pub line: Line,
    pub children: Vec<Line>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Heading {
        level: u8,
        id: String,
        line: Line,
    },
    Paragraph {
        class: &'static str,
        line: Line,
    },
    Table {
        class: &'static str,
        headers: Vec<&'static str>,
        rows: Vec<Vec<Line>>,
    },
    List {
        class: &'static str,
        items: Vec<Item>,
    },
    /// Markup shown only by the HTML renderer (the dependency graph).
    HtmlOnly(String),
}

/// The whole index: a class for its wrapper and its nodes in order.
pub struct Document {
    pub nodes: Vec<Node>,
}

impl Document {
    /// One line of HTML: no newline at all, so the index stays one HTML
    /// block wherever the directive sits (user text may hold newlines).
    pub fn to_html(&self) -> String {
        self.write(Format::Html)
    }

    pub fn to_markdown(&self) -> String {
        self.write(Format::Markdown)
    }

    fn write(&self, format: Format) -> String {
        let mut writer = Writer::new(format);
        for node in &self.nodes {
            writer.node(node);
        }
        writer.finish()
    }
}

/// A document written node by node as it is built: a long index holds one
/// section's nodes at a time, not all of them beside its text.
pub struct Writer {
    format: Format,
    out: String,
    /// Markdown blocks written so far (they are separated by a blank line).
    blocks: usize,
}

impl Writer {
    pub fn new(format: Format) -> Self {
        let out = match format {
            Format::Html => String::from("<div class=\"okr-index\">"),
            Format::Markdown => String::new(),
        };
        Writer {
            format,
            out,
            blocks: 0,
        }
    }

    pub fn node(&mut self, node: &Node) {
        match self.format {
            Format::Html => node_html(node, &mut self.out),
            Format::Markdown => {
                if let Some(block) = node_markdown(node) {
                    if self.blocks > 0 {
                        self.out.push_str("\n\n");
                    }
                    self.out.push_str(&block);
                    self.blocks += 1;
                }
            }
        }
    }

    /// Writes the nodes and empties the vector for the next section.
    pub fn drain(&mut self, nodes: &mut Vec<Node>) {
        for node in nodes.drain(..) {
            self.node(&node);
        }
    }

    pub fn finish(mut self) -> String {
        match self.format {
            Format::Html => self.out.push_str("</div>"),
            Format::Markdown => self.out.push('\n'),
        }
        self.out
    }
}

pub fn line_html(line: &Line, out: &mut String) {
    for inline in line {
        match inline {
            Inline::Text(value) => out.push_str(&escape_inline(value)),
            Inline::Strong(value) => {
                out.push_str("<strong>");
                out.push_str(&escape_inline(value));
                out.push_str("</strong>");
            }
            Inline::Link { text, href } => {
                out.push_str("<a href=\"");
                out.push_str(&escape::url(href));
                out.push_str("\">");
                out.push_str(&escape_inline(text));
                out.push_str("</a>");
            }
            Inline::Markdown(value) => out.push_str(&inline::html(value)),
            Inline::MarkdownLink { text, href } => {
                let rendered = inline::html(text);
                out.push_str("<a href=\"");
                out.push_str(&escape(href));
                out.push_str("\">");
                if holds_link(&rendered) {
                    out.push_str(&escape_inline(&inline::plain_text(text)));
                } else {
                    out.push_str(&rendered);
                }
                out.push_str("</a>");
            }
            Inline::Badge { class, text } => {
                out.push_str("<span class=\"okr-index-badge okr-index-badge-");
                out.push_str(class);
                out.push_str("\">");
                out.push_str(&escape_inline(text));
                out.push_str("</span>");
            }
        }
    }
}

fn node_html(node: &Node, out: &mut String) {
    match node {
        Node::Heading { level, id, line } => {
            let id = escape(id);
            let mut inner = String::new();
            line_html(line, &mut inner);
            // mdBook's sidebar lists a page's headings whose first child is a
            // link: wrap a heading that is itself a link to a team's chapter,
            // so the sidebar does not become a list of every team.
            if inner.starts_with("<a ") {
                out.push_str(&format!(
                    "<h{level} id=\"{id}\"><span>{inner}</span></h{level}>"
                ));
            } else {
                out.push_str(&format!("<h{level} id=\"{id}\">{inner}</h{level}>"));
            }
        }
        Node::Paragraph { class, line } => {
            out.push_str(&format!("<p class=\"{class}\">"));
            line_html(line, out);
            out.push_str("</p>");
        }
        Node::Table {
            class,
            headers,
            rows,
        } => {
            // The wrapper scrolls a wide table sideways on a narrow screen
            // instead of pushing the page wider than its column.
            out.push_str(&format!(
                "<div class=\"okr-index-table-scroll\"><table class=\"okr-index-table {class}\"><thead><tr>"
            ));
            for header in headers {
                out.push_str("<th>");
                out.push_str(&escape(header));
                out.push_str("</th>");
            }
            out.push_str("</tr></thead><tbody>");
            for row in rows {
                out.push_str("<tr>");
                for cell in row {
                    out.push_str("<td>");
                    line_html(cell, out);
                    out.push_str("</td>");
                }
                out.push_str("</tr>");
            }
            out.push_str("</tbody></table></div>");
        }
        Node::List { class, items } => {
            out.push_str(&format!("<ul class=\"{class}\">"));
            for item in items {
                out.push_str("<li>");
                line_html(&item.line, out);
                if !item.children.is_empty() {
                    out.push_str("<ul>");
                    for child in &item.children {
                        out.push_str("<li>");
                        line_html(child, out);
                        out.push_str("</li>");
                    }
                    out.push_str("</ul>");
                }
                out.push_str("</li>");
            }
            out.push_str("</ul>");
        }
        Node::HtmlOnly(html) => out.push_str(html),
    }
}

pub fn line_markdown(line: &Line) -> String {
    let mut out = String::new();
    for inline in line {
        match inline {
            Inline::Text(value) => out.push_str(&escape::markdown(value)),
            Inline::Strong(value) => out.push_str(&format!("**{}**", escape::markdown(value))),
            Inline::Link { text, href } => {
                out.push_str(&format!(
                    "[{}]({})",
                    escape::markdown(text),
                    escape::markdown_destination(href)
                ));
            }
            // A table cell ends at an unescaped `|`; elsewhere `\|` reads as `|`.
            Inline::Markdown(value) => out.push_str(&table_safe(&inline::markdown(value))),
            Inline::MarkdownLink { text, href } => {
                let label = if holds_link(&inline::html(text)) {
                    escape::markdown(&inline::plain_text(text))
                } else {
                    table_safe(&inline::markdown(text))
                };
                out.push_str(&format!(
                    "[{label}]({})",
                    escape::markdown_destination(href)
                ));
            }
            Inline::Badge { text, .. } => out.push_str(&format!("`{}`", text.replace('`', "'"))),
        }
    }
    out
}

/// Markdown that stays inside one table cell: a cell ends at an unescaped
/// `|`, and text is already escaped, so only the pipes of code spans are
/// left to escape.
fn table_safe(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut escaped = false;
    for c in markdown.chars() {
        if c == '|' && !escaped {
            out.push('\\');
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
    out
}

fn node_markdown(node: &Node) -> Option<String> {
    Some(match node {
        Node::Heading { level, line, .. } => {
            format!(
                "{} {}",
                "#".repeat(usize::from(*level)),
                line_markdown(line)
            )
        }
        Node::Paragraph { line, .. } => line_markdown(line),
        Node::Table { headers, rows, .. } => {
            let mut out = format!("| {} |\n", headers.join(" | "));
            out.push_str(&format!("|{}\n", "---|".repeat(headers.len())));
            for row in rows {
                let cells: Vec<String> = row.iter().map(line_markdown).collect();
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
            out.pop();
            out
        }
        Node::List { items, .. } => {
            let mut lines = Vec::new();
            for item in items {
                lines.push(format!("- {}", line_markdown(&item.line)));
                for child in &item.children {
                    lines.push(format!("  - {}", line_markdown(child)));
                }
            }
            lines.join("\n")
        }
        Node::HtmlOnly(_) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Document {
        Document {
            nodes: vec![
                Node::Heading {
                    level: 2,
                    id: "okr-index-x".into(),
                    line: vec![text("A <b> & \"c\"\n\nd")],
                },
                Node::Table {
                    class: "t",
                    headers: vec!["Team", "Note"],
                    rows: vec![vec![
                        vec![link("sec|urity", Some("a b.html#okr-x".into()))],
                        vec![badge("stretch", "stretch"), text(" *x*")],
                    ]],
                },
                Node::HtmlOnly("<svg></svg>".into()),
            ],
        }
    }

    #[test]
    fn html_is_one_escaped_line() {
        let html = sample().to_html();
        assert!(!html.contains('\n'), "{html}");
        assert!(
            html.contains("A &lt;b&gt; &amp; &quot;c&quot;  d"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"a%20b.html#okr-x\">sec|urity</a>"),
            "{html}"
        );
        assert!(html.contains("<svg></svg>"));
    }

    #[test]
    fn markdown_escapes_user_text_and_drops_html_only_nodes() {
        let md = sample().to_markdown();
        assert!(
            md.starts_with("## A \\<b\\> \\& \"c\"  d\n\n| Team | Note |\n|---|---|\n"),
            "{md}"
        );
        assert!(md.contains("[sec\\|urity](<a b.html#okr-x>)"), "{md}");
        assert!(md.contains("`stretch` \\*x\\*"), "{md}");
        assert!(!md.contains("svg"));
    }
}
