//! The Markdown writer of cards, for renderers other than `html`
//! (markdown, epub, pdf backends), which cannot rely on `okr.css`.
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

use std::fmt::Write as _;

use crate::render::card::{
    Card, FindingBox, KrCard, MetricView, ObjectiveCard, Postmortem, Reference,
};
use crate::render::escape::{self, markdown as escape, markdown_destination as destination};
use crate::render::inline::markdown as inline;

/// One card as Markdown lines; the block started at `start` of `text`.
pub fn write(card: &Card<'_>, text: &str, start: usize) -> String {
    let prefix = continuation_prefix(text, start);
    let lines = match card {
        Card::Objective(card) => objective(card),
        Card::Context(header) => {
            let fields: Vec<String> = header
                .fields
                .iter()
                .map(|(field, value)| format!("{}: {}", field.label(), escape(value)))
                .collect();
            vec![format!("*{}*", fields.join(" · "))]
        }
        Card::Invalid(card) => {
            let mut lines = vec!["**Invalid OKR block** (error, invalid-block):".to_string()];
            for (line, column, message, help) in &card.problems {
                let mut item = format!("- line {line}:{column}: {}", inline(message));
                if !help.is_empty() {
                    let _ = write!(item, " (help: {})", inline(help));
                }
                lines.push(item);
            }
            lines.extend(code_block(card.source, &prefix));
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

fn objective(card: &ObjectiveCard<'_>) -> Vec<String> {
    let objective = card.objective;
    let mut title = format!(
        "<a id=\"{}\"></a>**{}**",
        escape::html(&card.anchor),
        escape(&objective.statement)
    );
    if let Some(phase) = &objective.phase {
        let _ = write!(title, " *({})*", escape(&phase.value));
    }
    title.push('\\');
    let fields: Vec<String> = card
        .fields
        .iter()
        .map(|(field, value)| format!("{}: {}", field.label(), escape(value)))
        .collect();
    let mut meta = fields.join(" · ");
    match &card.score {
        Some(score) => {
            let _ = write!(meta, " · score {score}");
        }
        None => meta.push_str(" · no score"),
    }
    let mut lines = vec![title, meta];
    lines.extend(findings(&card.findings, ""));
    for kr in &card.krs {
        lines.extend(key_result(kr));
    }
    lines
}

fn key_result(card: &KrCard<'_>) -> Vec<String> {
    let kr = card.kr;
    let mut head = format!(
        "- <a id=\"{}\"></a>**\\[{}\\] \\[{}\\]** {}: {}",
        escape::html(&card.anchor),
        kr.commitment.as_str(),
        kr.kind.as_str(),
        escape(&kr.id),
        inline(&kr.text.value)
    );
    if let Some(metric) = &card.metric {
        let _ = write!(head, " — {}", metric_text(metric));
    }
    if let Some(score) = &card.score {
        let _ = write!(head, " (score {score})");
    }
    let mut lines = vec![head];
    if !card.done.is_empty() {
        lines.push(format!(
            "  - Definition of Done: {}/{} done",
            card.done_met,
            card.done.len()
        ));
        for item in card.done {
            let box_ = if item.met { "[x]" } else { "[ ]" };
            lines.push(format!("    - {box_} {}", inline(&item.text)));
        }
    }
    for (label, references) in [
        ("Depends on", &card.depends_on),
        ("Needed by", &card.needed_by),
    ] {
        if !references.is_empty() {
            let references: Vec<String> = references.iter().map(reference).collect();
            lines.push(format!("  - {label}: {}", references.join(", ")));
        }
    }
    if let Some(owner) = &kr.owner {
        lines.push(format!("  - Owner: {}", escape(owner)));
    }
    if let Some(postmortem) = &card.postmortem {
        let postmortem = match postmortem {
            Postmortem::Address(url) => format!("[{}]({})", escape(url), destination(url)),
            Postmortem::Text(text) => inline(text),
        };
        lines.push(format!("  - Postmortem: {postmortem}"));
    }
    lines.extend(findings(&card.findings, "  "));
    lines
}

fn metric_text(metric: &MetricView<'_>) -> String {
    let current = metric.current.as_deref().unwrap_or("not measured");
    let mut text = format!("{} → {current} → {}", metric.from, metric.to);
    if let Some(unit) = metric.unit {
        let _ = write!(text, " {}", escape(unit));
    }
    text
}

fn reference(reference: &Reference<'_>) -> String {
    match reference {
        Reference::Card {
            label, href, team, ..
        } => match href {
            Some(href) => format!(
                "[{}]({}) ({})",
                escape(label),
                destination(href),
                escape(team)
            ),
            None => format!("{} ({})", escape(label), escape(team)),
        },
        Reference::Ask { team, known } => format!(
            "open ask: team {}{}",
            escape(team),
            if *known { "" } else { " (unknown team)" }
        ),
        Reference::Unresolved(raw) => format!("{} (not found)", escape(raw)),
    }
}

fn findings(findings: &[FindingBox<'_>], indent: &str) -> Vec<String> {
    findings
        .iter()
        .map(|finding| {
            let diagnostic = finding.diagnostic;
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
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::page::render_file;
    use crate::plan::PlanBuilder;
    use crate::render::{Format, RenderContext};

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
        let html = crate::render::inline::html(out);
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
            out[1].contains("  - Depends on: [ci\\#KR2](<../platform/ci.md#okr-ci-kr2>) (platform), open ask: team data, ghost (not found)"),
            "{}",
            out[1]
        );
        assert!(
            out[0].contains(
                "  - Needed by: [vault\\#KR1](<../teams/vault.md#okr-vault-kr1>) (security)"
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
