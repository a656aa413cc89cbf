//! Cards as plain Markdown, for renderers other than `html` (markdown,
//! epub, pdf backends), which cannot rely on `okr.css`.
//!
//! Badges are text (`**[committed] [impact]**`), a Definition of Done is a
//! task list and references link to the target chapter's `.md` file. User
//! strings are escaped so they cannot start Markdown of their own; inline
//! Markdown in `text`, `done` and `postmortem` is written back from the
//! same sanitised events the HTML cards use, so raw HTML stays text and
//! unsafe links lose their target.
//!
//! The rendering has no blank line (lists and code fences may interrupt a
//! paragraph), and every line after the first repeats the container prefix
//! of the line the block started on, so a block inside a list item or a
//! block quote stays inside it.

use std::collections::HashSet;
use std::fmt::Write as _;

use mdbook_markdown::pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use crate::diagnostic::Diagnostic;
use crate::model::{KeyResult, Metric, Objective};
use crate::plan::{Block, BlockContent, Plan, Resolution};
use crate::render::RenderContext;
use crate::render::html::{
    bare_web_address, chapter_link, in_text_order, inline_events, kr_anchor, number_text,
    objective_anchor, score_text,
};

pub fn block(cx: &RenderContext<'_>, block: &Block) -> String {
    let file = block.location.file;
    let text = &cx.plan.file(file).text;
    let prefix = continuation_prefix(text, block.location.span.start);
    let lines = match &block.content {
        BlockContent::Objective(index) => objective(cx, file, *index),
        BlockContent::Context(context) => {
            let quarter = context.quarter.map(|q| q.to_string());
            let fields: Vec<String> = [
                ("Team", context.team.as_deref()),
                ("Quarter", quarter.as_deref()),
                ("Owner", context.owner.as_deref()),
            ]
            .into_iter()
            .filter_map(|(label, value)| value.map(|v| format!("{label}: {}", escape(v))))
            .collect();
            vec![format!("*{}*", fields.join(" · "))]
        }
        BlockContent::Invalid {
            problems, source, ..
        } => {
            let source_file = cx.plan.file(file);
            let mut lines = vec!["**Invalid OKR block** (error, invalid-block):".to_string()];
            for problem in in_text_order(problems) {
                let (line, column) = source_file.line_col(problem.location.span.start);
                let mut item = format!("- line {line}:{column}: {}", inline(&problem.message));
                if !problem.help.is_empty() {
                    let _ = write!(item, " (help: {})", inline(&problem.help));
                }
                lines.push(item);
            }
            lines.extend(code_block(source, &prefix));
            lines
        }
    };
    join(&lines, &prefix)
}

/// The prefix that keeps a line inside the containers of the line the
/// block starts on: block quote markers stay, list markers and indentation
/// become spaces.
fn continuation_prefix(text: &str, start: usize) -> String {
    let start = start.min(text.len());
    let line_start = text
        .get(..start)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |i| i + 1);
    text.get(line_start..start)
        .unwrap_or("")
        .chars()
        .map(|c| if c == '>' || c == '\t' { c } else { ' ' })
        .collect()
}

fn join(lines: &[String], prefix: &str) -> String {
    let mut out = String::new();
    for (n, line) in lines.iter().enumerate() {
        if n > 0 {
            out.push('\n');
            if line.is_empty() {
                out.push_str(prefix.trim_end());
            } else {
                out.push_str(prefix);
            }
        }
        out.push_str(line);
    }
    out
}

/// The block as written, in a fence longer than any it holds, with the
/// container prefix it already carries removed from each line.
fn code_block(source: &str, prefix: &str) -> Vec<String> {
    let longest_run = source.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run.max(2) + 1);
    let mut lines = vec![format!("{fence}toml")];
    for (n, line) in source.lines().enumerate() {
        let line = if n == 0 {
            line
        } else {
            line.strip_prefix(prefix)
                .or_else(|| line.strip_prefix(prefix.trim_end()))
                .unwrap_or(line)
        };
        // A blank line would end a list item or block quote; a lone space
        // keeps the line inside it and shows the same.
        lines.push(if line.is_empty() {
            " ".to_string()
        } else {
            line.to_string()
        });
    }
    lines.push(fence);
    lines
}

fn objective(cx: &RenderContext<'_>, file: usize, index: usize) -> Vec<String> {
    let plan = cx.plan;
    let objective = &plan.objectives[index];
    let mut title = format!(
        "<a id=\"{}\"></a>**{}**",
        crate::render::html::escape(&objective_anchor(objective)),
        escape(&objective.statement)
    );
    if let Some(phase) = &objective.phase {
        let _ = write!(title, " *({})*", escape(&phase.value));
    }
    title.push('\\');
    let mut meta = format!(
        "Team: {} · Quarter: {}",
        escape(&objective.team),
        objective.quarter
    );
    if let Some(owner) = &objective.owner {
        let _ = write!(meta, " · Owner: {}", escape(owner));
    }
    match score_text(objective.score()) {
        Some(score) => {
            let _ = write!(meta, " · score {score}");
        }
        None => meta.push_str(" · no score"),
    }
    let mut lines = vec![title, meta];
    lines.extend(diagnostics(cx, index, None, ""));
    for k in 0..objective.krs.len() {
        lines.extend(key_result(cx, file, index, k));
    }
    lines
}

fn key_result(cx: &RenderContext<'_>, file: usize, o: usize, k: usize) -> Vec<String> {
    let plan = cx.plan;
    let objective = &plan.objectives[o];
    let kr = &objective.krs[k];
    let mut head = format!(
        "- <a id=\"{}\"></a>**\\[{}\\] \\[{}\\]** {}: {}",
        crate::render::html::escape(&kr_anchor(objective, k)),
        kr.commitment.as_str(),
        kr.kind.as_str(),
        escape(&kr.id),
        inline(&kr.text.value)
    );
    if let Some(metric) = &kr.metric {
        let _ = write!(head, " — {}", metric_text(metric));
    }
    if let Some(score) = score_text(kr.score()) {
        let _ = write!(head, " (score {score})");
    }
    let mut lines = vec![head];
    lines.extend(definition_of_done(kr));
    if let Some(line) = depends_on(plan, file, o, k) {
        lines.push(line);
    }
    if let Some(line) = needed_by(plan, file, o, k) {
        lines.push(line);
    }
    if let Some(owner) = &kr.owner {
        lines.push(format!("  - Owner: {}", escape(owner)));
    }
    if let Some(postmortem) = crate::grade::postmortem(kr) {
        let postmortem = match bare_web_address(postmortem) {
            Some(url) => format!("[{}]({})", escape(url), destination(url)),
            None => inline(postmortem),
        };
        lines.push(format!("  - Postmortem: {postmortem}"));
    }
    lines.extend(diagnostics(cx, o, Some(k), "  "));
    lines
}

fn metric_text(metric: &Metric) -> String {
    let current = metric
        .current
        .map_or_else(|| "not measured".to_string(), number_text);
    let mut text = format!(
        "{} → {current} → {}",
        number_text(metric.from),
        number_text(metric.to)
    );
    if let Some(unit) = &metric.unit {
        let _ = write!(text, " {}", escape(unit));
    }
    text
}

fn definition_of_done(kr: &KeyResult) -> Vec<String> {
    if kr.done.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![format!(
        "  - Definition of Done: {}/{} done",
        kr.done_met(),
        kr.done.len()
    )];
    for item in &kr.done {
        let box_ = if item.met { "[x]" } else { "[ ]" };
        lines.push(format!("    - {box_} {}", inline(&item.text)));
    }
    lines
}

fn depends_on(plan: &Plan, file: usize, o: usize, k: usize) -> Option<String> {
    let kr = &plan.objectives[o].krs[k];
    if kr.depends_on.is_empty() {
        return None;
    }
    let references: Vec<String> = plan
        .edges
        .iter()
        .filter(|e| e.objective == o && e.kr == k)
        .map(|edge| {
            let raw = kr
                .depends_on
                .get(edge.reference)
                .map_or("", |r| r.raw.as_str());
            match &edge.resolution {
                Resolution::KeyResult { objective, kr } => {
                    kr_link(plan, file, *objective, *kr, raw)
                }
                Resolution::Objective(objective) => {
                    let target = &plan.objectives[*objective];
                    let href = chapter_link(
                        plan,
                        file,
                        target.location.file,
                        &objective_anchor(target),
                        "md",
                    );
                    link(href, raw, &target.team)
                }
                Resolution::Team { team, known } => format!(
                    "open ask: team {}{}",
                    escape(team),
                    if *known { "" } else { " (unknown team)" }
                ),
                Resolution::Unresolved => format!("{} (not found)", escape(raw)),
            }
        })
        .collect();
    Some(format!("  - Depends on: {}", references.join(", ")))
}

fn needed_by(plan: &Plan, file: usize, o: usize, k: usize) -> Option<String> {
    let mut seen = HashSet::new();
    let dependents: Vec<String> = plan
        .dependents_of(o, k)
        .map(|e| (e.objective, e.kr))
        .filter(|pair| seen.insert(*pair))
        .map(|(objective, kr)| {
            let target = &plan.objectives[objective];
            let label = format!("{}#{}", target.id, target.krs[kr].id);
            kr_link(plan, file, objective, kr, &label)
        })
        .collect();
    if dependents.is_empty() {
        None
    } else {
        Some(format!("  - Needed by: {}", dependents.join(", ")))
    }
}

fn kr_link(plan: &Plan, file: usize, o: usize, k: usize, label: &str) -> String {
    let objective: &Objective = &plan.objectives[o];
    let href = chapter_link(
        plan,
        file,
        objective.location.file,
        &kr_anchor(objective, k),
        "md",
    );
    link(href, label, &objective.team)
}

fn link(href: Option<String>, label: &str, team: &str) -> String {
    match href {
        Some(href) => format!(
            "[{}]({}) ({})",
            escape(label),
            destination(&href),
            escape(team)
        ),
        None => format!("{} ({})", escape(label), escape(team)),
    }
}

fn diagnostics(cx: &RenderContext<'_>, o: usize, k: Option<usize>, indent: &str) -> Vec<String> {
    if !cx.config.show_diagnostics {
        return Vec::new();
    }
    cx.findings_on(o, k)
        .iter()
        .map(|d| diagnostic(indent, d))
        .collect()
}

fn diagnostic(indent: &str, diagnostic: &Diagnostic) -> String {
    let mut line = format!(
        "{indent}- **{}** ({}): {}",
        diagnostic.severity,
        diagnostic.rule,
        inline(&diagnostic.message)
    );
    if !diagnostic.help.is_empty() {
        let _ = write!(line, " (help: {})", inline(&diagnostic.help));
    }
    line
}

/// Escapes plain text so that none of it reads as Markdown or HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A link destination in angle brackets, which may hold spaces.
fn destination(url: &str) -> String {
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

/// Inline Markdown written back as Markdown from the sanitised events.
pub fn inline(text: &str) -> String {
    let mut out = String::new();
    let mut links: Vec<String> = Vec::new();
    for event in inline_events(text) {
        match event {
            Event::Text(text) => out.push_str(&escape(&text)),
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
                let _ = write!(out, "]({})", destination(&url));
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
    use std::path::PathBuf;

    use super::*;
    use crate::plan::PlanBuilder;
    use crate::render::{Format, render_file};

    fn markdown(book: &[(&str, &str)]) -> Vec<String> {
        let config = crate::lint::testing::config_with_only(&[]);
        let mut builder = PlanBuilder::new(&config);
        for (path, text) in book {
            builder.add_file(
                format!("src/{path}"),
                Some(PathBuf::from(path)),
                text.to_string(),
            );
        }
        let plan = builder.finish();
        let diagnostics = crate::lint::run(&plan, &config);
        let cx = RenderContext::new(&plan, &config, &diagnostics, Format::Markdown);
        (0..plan.files.len()).map(|f| render_file(&cx, f)).collect()
    }

    const CI: &str = "```okr\nid = \"ci\"\nobjective = \"Faster CI for backend teams\"\nteam = \"platform\"\n\
                      [[kr]]\ntext = \"Cut CI time from 25 to 10 minutes\"\ncommitment = \"stretch\"\n\
                      metric = { from = 25, to = 10, current = 22, unit = \"min\" }\n\
                      [[kr]]\ntext = \"Ship the *cache*\"\ndone = [\"[x] cache `on`\", \"[ ] docs\"]\n```\n";

    #[test]
    fn a_card_reads_as_markdown_with_text_badges() {
        let out = &markdown(&[("ci.md", CI)])[0];
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "<a id=\"okr-ci\"></a>**Faster CI for backend teams**\\"
        );
        assert_eq!(lines[1], "Team: platform · Quarter: 2026-Q2 · score 0.3");
        assert_eq!(
            lines[2],
            "- <a id=\"okr-ci-kr1\"></a>**\\[stretch\\] \\[impact\\]** KR1: Cut CI time from 25 to 10 minutes — 25 → 22 → 10 min (score 0.2)"
        );
        assert_eq!(
            lines[3],
            "- <a id=\"okr-ci-kr2\"></a>**\\[committed\\] \\[delivery\\]** KR2: Ship the *cache* (score 0.5)"
        );
        assert_eq!(lines[4], "  - Definition of Done: 1/2 done");
        assert_eq!(lines[5], "    - [x] cache `on`");
        assert_eq!(lines[6], "    - [ ] docs");
        assert!(!out.contains("\n\n"), "{out}");
    }

    #[test]
    fn user_text_cannot_become_html_or_a_live_unsafe_link() {
        let chapter = "```okr\nid = \"x\"\nobjective = \"Grow <script>alert(1)</script>\"\nteam = \"a*b\"\n\
                       [[kr]]\ntext = \"Use <b>bold</b> and [bad](javascript:alert(1)) and [good](<https://e.com/a b>)\"\n\
                       done = [\"<img src=x onerror=alert(1)>\"]\npostmortem = \"https://e.com/pm_1\"\n```\n";
        let out = &markdown(&[("a.md", chapter)])[0];
        assert!(
            out.contains("Grow \\<script\\>alert(1)\\</script\\>"),
            "{out}"
        );
        assert!(out.contains("Team: a\\*b"), "{out}");
        assert!(
            out.contains("Use \\<b\\>bold\\</b\\> and bad and [good](<https://e.com/a b>)"),
            "{out}"
        );
        assert!(
            out.contains("- [ ] \\<img src=x onerror=alert(1)\\>"),
            "{out}"
        );
        assert!(
            out.contains("  - Postmortem: [https://e.com/pm\\_1](<https://e.com/pm_1>)"),
            "{out}"
        );
        // Rendered again as Markdown, nothing of the user's is HTML.
        let html = crate::render::html::inline_markdown(out);
        assert!(
            !html.contains("<script") && !html.contains("<img"),
            "{html}"
        );
    }

    #[test]
    fn references_link_to_markdown_chapters() {
        let vault = "```okr\nid = \"vault\"\nobjective = \"Vault\"\nteam = \"security\"\n\
                     [[kr]]\ntext = \"c\"\ndepends_on = [\"ci#KR2\", \"team:data\", \"ghost\"]\n```\n";
        let out = markdown(&[("platform/ci.md", CI), ("teams/vault.md", vault)]);
        assert!(
            out[1].contains("  - Depends on: [ci#KR2](<../platform/ci.md#okr-ci-kr2>) (platform), open ask: team data, ghost (not found)"),
            "{}",
            out[1]
        );
        assert!(
            out[0].contains(
                "  - Needed by: [vault#KR1](<../teams/vault.md#okr-vault-kr1>) (security)"
            ),
            "{}",
            out[0]
        );
    }

    #[test]
    fn blocks_in_lists_and_quotes_stay_inside() {
        let in_list = format!("- item\n\n  {}", CI.trim_end().replace('\n', "\n  "));
        let out = &markdown(&[("a.md", &in_list)])[0];
        for line in out.lines().skip(2) {
            assert!(
                line.starts_with("  "),
                "{line:?} left the list item:\n{out}"
            );
        }
        let in_quote = format!("> {}", CI.trim_end().replace('\n', "\n> "));
        let out = &markdown(&[("a.md", &in_quote)])[0];
        for line in out.lines() {
            assert!(line.starts_with("> "), "{line:?} left the quote:\n{out}");
        }
        assert!(out.contains("\n>   - Definition of Done"), "{out}");
    }

    #[test]
    fn an_invalid_block_keeps_its_text_in_a_longer_fence() {
        let chapter = "> ```okr\n> objective = \"x\"\n>\n> bogus = 1\n> ```\n";
        let out = &markdown(&[("a.md", chapter)])[0];
        assert!(
            out.starts_with("> **Invalid OKR block** (error, invalid-block):\n> - line "),
            "{out}"
        );
        assert!(
            out.contains(
                "\n> ````toml\n> ```okr\n> objective = \"x\"\n>  \n> bogus = 1\n> ```\n> ````"
            ),
            "{out}"
        );
    }

    #[test]
    fn inline_markdown_round_trips_its_safe_parts() {
        assert_eq!(
            inline("a *b* **c** ~~d~~ `e` [f](https://g.h)"),
            "a *b* **c** ~~d~~ `e` [f](<https://g.h>)"
        );
        assert_eq!(inline("code with `` ` `` tick"), "code with `` ` `` tick");
        assert_eq!(inline("<a@b.co>"), "[a@b.co](<mailto:a@b.co>)");
        assert_eq!(
            escape("a_b [c] <d> & e\nf"),
            "a\\_b \\[c\\] \\<d\\> \\& e f"
        );
    }
}
