//! `{{#include}}` directives as mdBook's `links` preprocessor reads them:
//! where they are, which lines they take, and whether a chapter has any.

/// True when `text` has an `{{#include}}` that `check` follows or looks
/// into: such a file is read with the files it includes.
pub fn has_includes(text: &str) -> bool {
    !find_includes(text).is_empty()
}

/// One `{{#include ...}}` directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Include {
    pub(super) path: String,
    pub(super) selection: Selection,
    /// The directive, `{{` to `}}`, in the text searched.
    pub(super) span: std::ops::Range<usize>,
    /// Written inside an `okr` block's body.
    pub(super) in_block: bool,
}

/// Which lines an include takes, as mdBook reads `path:from:to` and
/// `path:anchor`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Selection {
    /// 0-based, end exclusive; `None` is unbounded.
    Lines(Option<usize>, Option<usize>),
    Anchor(String),
}

/// The include directives of a text, the way mdBook's `links`
/// preprocessor finds them: `{{#include path}}` with optional spaces, and
/// `\{{#include ...}}` escaped (not an include). Those in fenced code
/// blocks are left out, except in `okr` blocks, where they are marked.
pub(super) fn find_includes(text: &str) -> Vec<Include> {
    // Parsed only once a directive is found: most chapters have none.
    let mut fenced = None;
    let mut includes = Vec::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(found) = text[at..].find("{{") {
        let start = at + found;
        if start > 0 && bytes[start - 1] == b'\\' {
            // Escaped: mdBook's pattern runs to the last `}}` of the line.
            let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            at = text[start..line_end]
                .rfind("}}")
                .map_or(start + 2, |i| start + i + 2);
            continue;
        }
        match parse_directive(&text[start..]) {
            Some((len, include)) => {
                let fenced = fenced.get_or_insert_with(|| crate::source::scan::code_blocks(text));
                let fence = fenced.iter().find(|f| f.span.contains(&start));
                if fence.is_none_or(|f| f.okr) {
                    includes.extend(include.map(|(path, selection)| Include {
                        path,
                        selection,
                        span: start..start + len,
                        in_block: fence.is_some(),
                    }));
                }
                at = start + len;
            }
            None => at = start + 2,
        }
    }
    includes
}

/// Parses `{{ #type args}}` at the start of `text`: its length, and the
/// include's path and lines when the type is `include`.
pub(super) fn parse_directive(text: &str) -> Option<(usize, Option<(String, Selection)>)> {
    let rest = text.strip_prefix("{{")?;
    let rest = rest.trim_start();
    let rest = rest.strip_prefix('#')?;
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    if name_len == 0 {
        return None;
    }
    let (name, rest) = rest.split_at(name_len);
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let close = rest.find('}')?;
    if !rest[close..].starts_with("}}") || rest[..close].trim().is_empty() {
        return None;
    }
    let len = text.len() - rest.len() + close + 2;
    let include = (name == "include")
        .then(|| rest[..close].split_whitespace().next())
        .flatten()
        .map(parse_include_target);
    Some((len, include))
}

/// `path`, `path:5`, `path:5:10`, `path::10`, `path:5:`, `path:anchor`.
pub(super) fn parse_include_target(target: &str) -> (String, Selection) {
    let (path, selector) = target.split_once(':').unwrap_or((target, ""));
    let mut parts = selector.splitn(3, ':');
    let first = parts.next().unwrap_or("");
    let second = parts.next();
    let selection = match (first.parse::<usize>(), first.is_empty()) {
        (Ok(start), _) => {
            let start = start.saturating_sub(1);
            match second.map(str::parse::<usize>) {
                None => Selection::Lines(Some(start), Some(start + 1)),
                Some(Ok(end)) => Selection::Lines(Some(start), Some(end)),
                Some(Err(_)) => Selection::Lines(Some(start), None),
            }
        }
        (Err(_), true) => match second.map(str::parse::<usize>) {
            Some(Ok(end)) => Selection::Lines(None, Some(end)),
            _ => Selection::Lines(None, None),
        },
        (Err(_), false) => Selection::Anchor(first.to_string()),
    };
    (path.to_string(), selection)
}

/// The 0-based lines of `text` an include takes.
pub(super) fn included_lines(text: &str, selection: &Selection) -> Vec<usize> {
    let count = text.lines().count();
    match selection {
        Selection::Lines(start, end) => {
            let start = start.unwrap_or(0);
            let end = end.unwrap_or(count).min(count);
            (start..end).collect()
        }
        Selection::Anchor(anchor) => {
            let mut lines = Vec::new();
            let mut inside = false;
            for (index, line) in text.lines().enumerate() {
                if inside {
                    match anchor_name(line, "ANCHOR_END:") {
                        Some(name) if name == anchor => break,
                        Some(_) => {}
                        None if anchor_name(line, "ANCHOR:").is_none() => lines.push(index),
                        None => {}
                    }
                } else if anchor_name(line, "ANCHOR:") == Some(anchor.as_str()) {
                    inside = true;
                }
            }
            lines
        }
    }
}

/// The name after an `ANCHOR:` or `ANCHOR_END:` marker anywhere in a line.
pub(super) fn anchor_name<'a>(line: &'a str, marker: &str) -> Option<&'a str> {
    let after = &line[line.find(marker)? + marker.len()..];
    let after = after.trim_start();
    let len = after
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(after.len());
    (len > 0).then(|| &after[..len])
}
