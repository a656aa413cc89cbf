//! Adding a team's chapter to `SUMMARY.md` under its quarter's section.
//!
//! Books group chapters by quarter either with parts (`# 2026 Q2` followed by
//! the chapters) or with a draft chapter holding nested items
//! (`- [2026 Q2]()`). The edit follows whichever the book already uses and
//! only inserts lines: every line it finds stays byte-for-byte as it was.

use crate::model::Quarter;

/// How a quarter is written in a section title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TitleStyle {
    /// `2026 Q2`
    YearSpaceQuarter,
    /// `2026-Q2`
    YearDashQuarter,
    /// `Q2 2026`
    QuarterSpaceYear,
}

impl TitleStyle {
    fn write(self, quarter: Quarter) -> String {
        match self {
            TitleStyle::YearSpaceQuarter => format!("{} Q{}", quarter.year, quarter.number),
            TitleStyle::YearDashQuarter => quarter.to_string(),
            TitleStyle::QuarterSpaceYear => format!("Q{} {}", quarter.number, quarter.year),
        }
    }
}

/// Reads a section title as a quarter: `2026 Q2`, `2026-Q2` or `Q2 2026`.
fn quarter_title(title: &str) -> Option<(Quarter, TitleStyle)> {
    let title = title.trim();
    let (year, number, style) = if let Some((year, quarter)) = title.split_once(' ') {
        if year.len() == 4 {
            (year, quarter.trim(), TitleStyle::YearSpaceQuarter)
        } else {
            (quarter.trim(), year, TitleStyle::QuarterSpaceYear)
        }
    } else {
        let (year, quarter) = title.split_once('-')?;
        (year, quarter, TitleStyle::YearDashQuarter)
    };
    let number = number.strip_prefix(['Q', 'q'])?;
    let quarter = format!("{year}-Q{number}").parse().ok()?;
    Some((quarter, style))
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum LineKind {
    Blank,
    /// `# Title` after the book's own title: a part.
    Part(String),
    /// `---`: a separator between parts.
    Separator,
    /// `- [Title](link)` at some indent.
    Item {
        bullet: char,
        title: String,
    },
    /// Anything else: the book's title, prefix and suffix chapters.
    Other,
}

struct Line {
    indent: usize,
    kind: LineKind,
}

fn classify(text: &str, is_first_content: bool) -> Line {
    let trimmed = text.trim_start_matches([' ', '\t']);
    let indent = text[..text.len() - trimmed.len()]
        .chars()
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum();
    let kind = if trimmed.trim().is_empty() {
        LineKind::Blank
    } else if indent == 0 && !is_first_content && trimmed.starts_with("# ") {
        LineKind::Part(trimmed[2..].trim().to_string())
    } else if indent == 0
        && trimmed.trim_end().chars().all(|c| c == '-')
        && trimmed.trim_end().len() >= 3
    {
        LineKind::Separator
    } else if let Some(rest) = trimmed
        .strip_prefix("- ")
        .or_else(|| trimmed.strip_prefix("* "))
    {
        let bullet = trimmed.chars().next().unwrap_or('-');
        match rest
            .trim_start()
            .strip_prefix('[')
            .and_then(|r| r.split_once("]("))
        {
            Some((title, _)) => LineKind::Item {
                bullet,
                title: title.to_string(),
            },
            None => LineKind::Other,
        }
    } else {
        LineKind::Other
    };
    Line { indent, kind }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SectionKind {
    Part,
    Item { indent: usize, bullet: char },
}

#[derive(Debug, Clone, Copy)]
struct Section {
    quarter: Quarter,
    style: TitleStyle,
    kind: SectionKind,
    /// The line holding the section's title.
    start: usize,
    /// One past the section's last non-blank line.
    end: usize,
}

/// Adds `- [title](link)` to the section of `quarter`, creating the section
/// in quarter order when the book has none for it. A summary that already
/// links `link` is returned unchanged.
pub fn add_chapter(summary: &str, quarter: Quarter, title: &str, link: &str) -> String {
    let raw: Vec<&str> = summary.split_inclusive('\n').collect();
    let newline = if summary.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let bodies: Vec<&str> = raw
        .iter()
        .map(|l| l.trim_end_matches(['\n', '\r']))
        .collect();
    if bodies.iter().any(|l| l.contains(&format!("]({link})"))) {
        return summary.to_string();
    }
    let first_content = bodies.iter().position(|l| !l.trim().is_empty());
    let lines: Vec<Line> = bodies
        .iter()
        .enumerate()
        .map(|(i, l)| classify(l, Some(i) == first_content))
        .collect();
    let unit = indent_unit(&lines);
    let sections = find_sections(&lines);

    let (at, inserted) = match sections.iter().find(|s| s.quarter == quarter) {
        Some(section) => (
            section.end,
            chapter_in_section(&lines, section, unit, title, link),
        ),
        None => new_section(&lines, &sections, unit, quarter, title, link),
    };

    let mut out = String::with_capacity(summary.len() + 128);
    for (i, line) in raw.iter().enumerate() {
        if i == at {
            push_lines(&mut out, &inserted, newline);
        }
        out.push_str(line);
        if i + 1 == raw.len() && at == raw.len() && !line.ends_with('\n') {
            out.push_str(newline);
        }
    }
    if at >= raw.len() {
        push_lines(&mut out, &inserted, newline);
    }
    out
}

fn push_lines(out: &mut String, lines: &[String], newline: &str) {
    for line in lines {
        out.push_str(line);
        out.push_str(newline);
    }
}

/// The smallest indent of a nested item: how deep this book nests.
fn indent_unit(lines: &[Line]) -> usize {
    lines
        .iter()
        .filter(|l| matches!(l.kind, LineKind::Item { .. }) && l.indent > 0)
        .map(|l| l.indent)
        .min()
        .unwrap_or(2)
}

fn find_sections(lines: &[Line]) -> Vec<Section> {
    let mut sections = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let (title, kind) = match &line.kind {
            LineKind::Part(title) => (title, SectionKind::Part),
            LineKind::Item { bullet, title } => (
                title,
                SectionKind::Item {
                    indent: line.indent,
                    bullet: *bullet,
                },
            ),
            _ => continue,
        };
        let Some((quarter, style)) = quarter_title(title) else {
            continue;
        };
        let mut end = start + 1;
        for (i, next) in lines.iter().enumerate().skip(start + 1) {
            let inside = match kind {
                SectionKind::Part => match next.kind {
                    LineKind::Part(_) | LineKind::Separator => false,
                    LineKind::Other => next.indent > 0,
                    LineKind::Blank | LineKind::Item { .. } => true,
                },
                SectionKind::Item { indent, .. } => {
                    next.kind == LineKind::Blank || next.indent > indent
                }
            };
            if !inside {
                break;
            }
            if next.kind != LineKind::Blank {
                end = i + 1;
            }
        }
        sections.push(Section {
            quarter,
            style,
            kind,
            start,
            end,
        });
    }
    sections
}

/// The line for a chapter inside an existing section, indented like the
/// chapters already there.
fn chapter_in_section(
    lines: &[Line],
    section: &Section,
    unit: usize,
    title: &str,
    link: &str,
) -> Vec<String> {
    let first_child = lines[section.start + 1..section.end]
        .iter()
        .find_map(|l| match l.kind {
            LineKind::Item { bullet, .. } => Some((l.indent, bullet)),
            _ => None,
        });
    let (indent, bullet) = match (first_child, section.kind) {
        (Some(child), _) => child,
        (None, SectionKind::Item { indent, bullet }) => (indent + unit, bullet),
        (None, SectionKind::Part) => (0, '-'),
    };
    let item = format!("{}{bullet} [{title}]({link})", " ".repeat(indent));
    if section.kind == SectionKind::Part && first_child.is_none() {
        vec![String::new(), item]
    } else {
        vec![item]
    }
}

/// Where a new quarter section goes, and its lines.
fn new_section(
    lines: &[Line],
    sections: &[Section],
    unit: usize,
    quarter: Quarter,
    title: &str,
    link: &str,
) -> (usize, Vec<String>) {
    let style = sections
        .first()
        .map_or(TitleStyle::YearSpaceQuarter, |s| s.style);
    let heading = style.write(quarter);
    let kind = sections.last().map_or(
        SectionKind::Item {
            indent: 0,
            bullet: '-',
        },
        |s| s.kind,
    );
    let later = sections
        .iter()
        .find(|s| s.quarter > quarter && s.kind == kind);
    let earlier = sections
        .iter()
        .rev()
        .find(|s| s.quarter < quarter && s.kind == kind);
    match kind {
        SectionKind::Part => {
            let body = vec![
                format!("# {heading}"),
                String::new(),
                format!("- [{title}]({link})"),
            ];
            match (later, earlier) {
                (Some(later), _) => (later.start, [body, vec![String::new()]].concat()),
                (None, Some(earlier)) => (earlier.end, [vec![String::new()], body].concat()),
                // Unreachable in practice: `kind` came from an existing section.
                (None, None) => (lines.len(), [vec![String::new()], body].concat()),
            }
        }
        SectionKind::Item { indent, bullet } => {
            let body = vec![
                format!("{}{bullet} [{heading}]()", " ".repeat(indent)),
                format!("{}{bullet} [{title}]({link})", " ".repeat(indent + unit)),
            ];
            match (later, earlier) {
                (Some(later), _) => (later.start, body),
                (None, Some(earlier)) => (earlier.end, body),
                (None, None) => after_last_item(lines, body),
            }
        }
    }
}

/// A book with no quarter sections yet gets the first one after its last
/// list item, or at the end when it has no list.
fn after_last_item(lines: &[Line], body: Vec<String>) -> (usize, Vec<String>) {
    match lines
        .iter()
        .rposition(|l| matches!(l.kind, LineKind::Item { .. }))
    {
        Some(last) => (last + 1, body),
        None => {
            let needs_gap = lines.last().is_some_and(|l| l.kind != LineKind::Blank);
            let gap = if needs_gap {
                vec![String::new()]
            } else {
                Vec::new()
            };
            (lines.len(), [gap, body].concat())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Quarter {
        text.parse().unwrap()
    }

    /// The inserted lines, checking that every original line is kept in order.
    fn added(before: &str, after: &str) -> Vec<String> {
        let mut old = before.lines().peekable();
        let mut new_lines = Vec::new();
        for line in after.lines() {
            if old.peek() == Some(&line) {
                old.next();
            } else {
                new_lines.push(line.to_string());
            }
        }
        assert_eq!(
            old.next(),
            None,
            "a line of the old summary is missing:\n{after}"
        );
        new_lines
    }

    const DRAFT: &str = "# Summary\n\n[Intro](README.md)\n\n- [Index](index.md)\n- [2026 Q1]()\n  - [Storage](2026-Q1/storage.md)\n- [2026 Q3]()\n  - [Storage](2026-Q3/storage.md)\n\n[Credits](credits.md)\n";

    #[test]
    fn adds_to_an_existing_draft_section() {
        let after = add_chapter(DRAFT, q("2026-Q3"), "Network", "2026-Q3/network.md");
        assert_eq!(added(DRAFT, &after), ["  - [Network](2026-Q3/network.md)"]);
        assert!(after.contains("storage.md)\n  - [Network](2026-Q3/network.md)\n\n[Credits]"));
    }

    #[test]
    fn creates_a_draft_section_in_quarter_order() {
        let after = add_chapter(DRAFT, q("2026-Q2"), "Network", "2026-Q2/network.md");
        assert!(after.contains(
            "  - [Storage](2026-Q1/storage.md)\n- [2026 Q2]()\n  - [Network](2026-Q2/network.md)\n- [2026 Q3]()\n"
        ));
        let after = add_chapter(DRAFT, q("2027-Q1"), "Network", "2027-Q1/network.md");
        assert!(after.contains(
            "  - [Storage](2026-Q3/storage.md)\n- [2027 Q1]()\n  - [Network](2027-Q1/network.md)\n\n[Credits]"
        ));
        let after = add_chapter(DRAFT, q("2025-Q4"), "Network", "2025-Q4/network.md");
        assert!(after.contains(
            "- [Index](index.md)\n- [2025 Q4]()\n  - [Network](2025-Q4/network.md)\n- [2026 Q1]()"
        ));
    }

    const PARTS: &str = "# Summary\n\n[Intro](README.md)\n\n# 2026-Q1\n\n- [Storage](2026-Q1/storage.md)\n\n---\n\n# 2026-Q3\n\n- [Storage](2026-Q3/storage.md)\n";

    #[test]
    fn follows_a_book_that_uses_parts() {
        let after = add_chapter(PARTS, q("2026-Q1"), "Network", "2026-Q1/network.md");
        assert_eq!(added(PARTS, &after), ["- [Network](2026-Q1/network.md)"]);
        assert!(after.contains("storage.md)\n- [Network](2026-Q1/network.md)\n\n---"));

        let after = add_chapter(PARTS, q("2026-Q2"), "Network", "2026-Q2/network.md");
        assert!(
            after.contains("---\n\n# 2026-Q2\n\n- [Network](2026-Q2/network.md)\n\n# 2026-Q3\n")
        );

        let after = add_chapter(PARTS, q("2026-Q4"), "Network", "2026-Q4/network.md");
        assert!(
            after
                .ends_with("2026-Q3/storage.md)\n\n# 2026-Q4\n\n- [Network](2026-Q4/network.md)\n")
        );
    }

    #[test]
    fn starts_the_first_section_after_the_list() {
        let summary = "# Summary\n\n[Intro](README.md)\n\n- [Index](index.md)\n- [Example](example.md)\n\n[Credits](c.md)\n";
        let after = add_chapter(summary, q("2026-Q2"), "Data", "2026-Q2/data.md");
        assert!(after.contains(
            "- [Example](example.md)\n- [2026 Q2]()\n  - [Data](2026-Q2/data.md)\n\n[Credits]"
        ));

        let only_prefix = "# Summary\n\n[Intro](README.md)";
        let after = add_chapter(only_prefix, q("2026-Q2"), "Data", "2026-Q2/data.md");
        assert_eq!(
            after,
            "# Summary\n\n[Intro](README.md)\n\n- [2026 Q2]()\n  - [Data](2026-Q2/data.md)\n"
        );
    }

    #[test]
    fn keeps_the_books_indent_bullets_and_line_endings() {
        let summary = "# Summary\r\n\r\n* [Q2 2026]()\r\n    * [Data](2026-Q2/data.md)\r\n";
        let after = add_chapter(summary, q("2026-Q2"), "Web", "2026-Q2/web.md");
        assert_eq!(after, format!("{summary}    * [Web](2026-Q2/web.md)\r\n"));
        let after = add_chapter(summary, q("2026-Q3"), "Web", "2026-Q3/web.md");
        assert!(after.ends_with("* [Q3 2026]()\r\n    * [Web](2026-Q3/web.md)\r\n"));
    }

    #[test]
    fn an_empty_draft_section_gets_nested_chapters() {
        let summary = "# Summary\n\n- [2026 Q2]()\n- [Other](other.md)\n";
        let after = add_chapter(summary, q("2026-Q2"), "Web", "2026-Q2/web.md");
        assert_eq!(
            after,
            "# Summary\n\n- [2026 Q2]()\n  - [Web](2026-Q2/web.md)\n- [Other](other.md)\n"
        );
    }

    #[test]
    fn a_listed_chapter_is_not_added_twice() {
        let after = add_chapter(DRAFT, q("2026-Q1"), "Storage", "2026-Q1/storage.md");
        assert_eq!(after, DRAFT);
    }

    #[test]
    fn the_result_parses_as_a_summary() {
        for (summary, quarter) in [(DRAFT, "2026-Q2"), (PARTS, "2026-Q2"), (PARTS, "2026-Q4")] {
            let after = add_chapter(summary, q(quarter), "Net", &format!("{quarter}/net.md"));
            let parsed = mdbook_summary::parse_summary(&after).unwrap();
            let text = format!("{parsed:?}");
            assert!(text.contains(&format!("{quarter}/net.md")), "{after}");
        }
    }
}
