//! The HTML writer of cards, for mdBook's `html` renderer.
//!
//! Every card is one line with no blank line in it: the block it replaces
//! may sit inside a list item or a block quote, and a line break would let
//! the rest of the card escape that container (mdBook 0.5 then warns about
//! unclosed tags).
//!
//! Anchors are stable so other pages can link to a card:
//!
//! - an objective's card: `okr-<objective id>`;
//! - one key result: `okr-<objective id>-<kr slug>`, where the slug is the
//!   KR's id lowercased with every run of other characters turned into one
//!   hyphen (`KR2` → `kr2`, `leaks` → `leaks`); see
//!   [`crate::render::anchor`], which the index uses too.
//!
//! Every class name starts with `okr-`; `theme/okr.css` documents them all.
//! Every user string is escaped; `text`, `done` and `postmortem` are inline
//! Markdown whose raw HTML is shown as text and whose links keep only safe
//! schemes.

use std::fmt::Write as _;

use crate::render::card::{
    Card, ContextHeader, Field, FindingBox, InvalidCard, KrCard, MetricView, ObjectiveCard,
    Postmortem, Reference,
};
use crate::render::escape::{html as escape, url as escape_url};
use crate::render::inline::html as inline_markdown;

/// One card as one line of HTML.
pub fn write(card: &Card<'_>) -> String {
    let mut out = String::new();
    match card {
        Card::Objective(card) => objective(&mut out, card),
        Card::Context(header) => context_header(&mut out, header),
        Card::Invalid(card) => invalid(&mut out, card),
    }
    out
}

fn invalid(out: &mut String, card: &InvalidCard<'_>) {
    out.push_str("<div class=\"okr-card okr-invalid\"");
    if let Some(id) = card.id {
        let _ = write!(out, " id=\"okr-{}\"", escape(id));
    }
    out.push_str(
        "><p class=\"okr-invalid-title\"><span class=\"okr-severity okr-severity-error\">error</span> \
         This OKR block cannot be read <span class=\"okr-rule\">invalid-block</span></p>\
         <ul class=\"okr-problems\">",
    );
    for (line, column, message, help) in &card.problems {
        let _ = write!(
            out,
            "<li><span class=\"okr-where\">line {line}:{column}</span> {}",
            inline_markdown(message)
        );
        if !help.is_empty() {
            let _ = write!(
                out,
                " <span class=\"okr-help\">help: {}</span>",
                inline_markdown(help)
            );
        }
        out.push_str("</li>");
    }
    let _ = write!(
        out,
        "</ul><pre class=\"okr-source\"><code>{}</code></pre></div>",
        escape(card.source)
            .replace("\r\n", "&#10;")
            .replace(['\n', '\r'], "&#10;")
    );
}

/// A context block: one line naming the team, quarter and owner.
fn context_header(out: &mut String, header: &ContextHeader) {
    out.push_str("<p class=\"okr-context\">");
    for (field, value) in &header.fields {
        meta_field(out, *field, value);
    }
    out.push_str("</p>");
}

/// A field's value; its label ("Team") is drawn by `okr.css`, so it stays
/// out of the page's text and mdBook's search index, and screen readers
/// still read it (generated content is part of the accessible text).
fn meta_field(out: &mut String, field: Field, value: &str) {
    let _ = write!(
        out,
        "<span class=\"{}\">{}</span> ",
        field.class(),
        escape(value)
    );
}

fn objective(out: &mut String, card: &ObjectiveCard<'_>) {
    let objective = card.objective;
    let _ = write!(
        out,
        "<article class=\"okr-card\" id=\"{}\"><div class=\"okr-head\"><p class=\"okr-title\">\
         <span class=\"okr-statement\">{}</span>",
        escape(&card.anchor),
        escape(&objective.statement),
    );
    if let Some(phase) = &objective.phase {
        let _ = write!(
            out,
            " <span class=\"okr-phase\">({})</span>",
            escape(&phase.value)
        );
    }
    out.push_str("</p><p class=\"okr-meta\">");
    for (field, value) in &card.fields {
        meta_field(out, *field, value);
    }
    score(out, card.score.as_deref());
    out.push_str("</p></div>");
    findings(out, &card.findings);
    out.push_str("<ol class=\"okr-krs\">");
    for kr in &card.krs {
        key_result(out, kr);
    }
    out.push_str("</ol></article>");
}

/// A score; "Score" (objective) or "score" (KR) is drawn by `okr.css`.
fn score(out: &mut String, score: Option<&str>) {
    match score {
        Some(score) => {
            let _ = write!(out, "<span class=\"okr-score\">{score}</span>");
        }
        None => out.push_str("<span class=\"okr-score okr-score-none\">no score</span>"),
    }
}

fn key_result(out: &mut String, card: &KrCard<'_>) {
    let kr = card.kr;
    let commitment = kr.commitment.as_str();
    let kind = kr.kind.as_str();
    let _ = write!(
        out,
        "<li class=\"okr-kr okr-kr-{commitment}\" id=\"{}\"><p class=\"okr-kr-head\">\
         <span class=\"okr-kr-id\">{}</span> \
         <span class=\"okr-badge okr-badge-{commitment}\">{commitment}</span> \
         <span class=\"okr-badge okr-badge-{kind}\">{kind}</span> \
         <span class=\"okr-kr-text\">{}</span>",
        escape(&card.anchor),
        escape(&kr.id),
        inline_markdown(&kr.text.value),
    );
    if card.score.is_some() {
        out.push(' ');
        score(out, card.score.as_deref());
    }
    if let Some(grade) = &card.grade {
        let _ = write!(
            out,
            " <span class=\"okr-grade okr-grade-{}\">{}</span>",
            grade.class, grade.text
        );
    }
    if let Some(progress) = &card.progress {
        super::trend::write(out, progress.kr, progress.today);
    }
    out.push_str("</p>");
    if let Some(metric) = &card.metric {
        metric_html(out, metric, &kr.id);
    }
    if !card.done.is_empty() {
        definition_of_done(out, card);
    }
    references(out, "okr-deps", &card.depends_on);
    references(out, "okr-needed-by", &card.needed_by);
    if let Some(owner) = &kr.owner {
        let _ = write!(out, "<p class=\"okr-kr-owner\">{}</p>", escape(owner));
    }
    if let Some(postmortem) = &card.postmortem {
        let text = match postmortem {
            Postmortem::Address(url) => {
                format!("<a href=\"{}\">{}</a>", escape_url(url), escape(url))
            }
            Postmortem::Text(text) => inline_markdown(text),
        };
        let _ = write!(out, "<p class=\"okr-postmortem\">{text}</p>");
    }
    findings(out, &card.findings);
    out.push_str("</li>");
}

fn metric_html(out: &mut String, metric: &MetricView<'_>, kr_id: &str) {
    out.push_str("<div class=\"okr-metric\">");
    if let Some(percent) = metric.percent {
        let _ = write!(
            out,
            "<span class=\"okr-bar\" role=\"progressbar\" aria-valuemin=\"0\" aria-valuemax=\"100\" \
             aria-valuenow=\"{percent}\" aria-label=\"Progress of {}\">\
             <span class=\"okr-bar-fill\" style=\"width:{percent}%\"></span></span>",
            escape(kr_id)
        );
    }
    out.push_str("<span class=\"okr-metric-values\">");
    let _ = write!(
        out,
        "<span class=\"okr-label\">from</span> {} → ",
        metric.from
    );
    match &metric.current {
        Some(current) => {
            let _ = write!(
                out,
                "<span class=\"okr-label\">now</span> <strong class=\"okr-current\">{current}</strong> → "
            );
        }
        None => out.push_str("<span class=\"okr-label\">now</span> not measured → "),
    }
    let _ = write!(out, "<span class=\"okr-label\">target</span> {}", metric.to);
    if let Some(unit) = metric.unit {
        let _ = write!(out, " <span class=\"okr-unit\">{}</span>", escape(unit));
    }
    out.push_str("</span></div>");
}

fn definition_of_done(out: &mut String, card: &KrCard<'_>) {
    let _ = write!(
        out,
        "<div class=\"okr-done\"><p class=\"okr-done-head\">\
         <span class=\"okr-done-count\">{}/{} done</span></p><ul class=\"okr-checklist\">",
        card.done_met,
        card.done.len()
    );
    for item in card.done {
        let (class, checked) = if item.met {
            ("okr-done-item okr-met", " checked")
        } else {
            ("okr-done-item", "")
        };
        // The label wraps the box, so the item's text is its accessible
        // name; `disabled` is announced as unavailable.
        let _ = write!(
            out,
            "<li class=\"{class}\"><label><input type=\"checkbox\" disabled{checked}> {}</label></li>",
            inline_markdown(&item.text)
        );
    }
    out.push_str("</ul></div>");
}

/// "Depends on" or "Needed by" (the label drawn by `okr.css`).
fn references(out: &mut String, class: &str, references: &[Reference<'_>]) {
    if references.is_empty() {
        return;
    }
    let _ = write!(out, "<p class=\"{class}\">");
    for (n, reference) in references.iter().enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        match reference {
            Reference::Card {
                label,
                href,
                title,
                team,
            } => {
                // The team is named so cross-team needs stand out.
                match href {
                    Some(href) => {
                        let _ = write!(
                            out,
                            "<a class=\"okr-ref\" href=\"{}\" title=\"{}\">{}</a>",
                            escape_url(href),
                            escape(title),
                            escape(label)
                        );
                    }
                    None => {
                        let _ = write!(out, "<span class=\"okr-ref\">{}</span>", escape(label));
                    }
                }
                let _ = write!(
                    out,
                    " <span class=\"okr-ref-team\">({})</span>",
                    escape(team)
                );
            }
            Reference::Ask { team, known } => {
                let _ = write!(
                    out,
                    "<span class=\"okr-ask\">open ask: team {}{}</span>",
                    escape(team),
                    if *known { "" } else { " (unknown team)" }
                );
            }
            Reference::Unresolved(raw) => {
                let _ = write!(
                    out,
                    "<span class=\"okr-unresolved\">{} (not found)</span>",
                    escape(raw)
                );
            }
        }
    }
    out.push_str("</p>");
}

/// The findings about an objective or one KR.
fn findings(out: &mut String, findings: &[FindingBox<'_>]) {
    if findings.is_empty() {
        return;
    }
    out.push_str("<ul class=\"okr-diagnostics\" aria-label=\"Findings\">");
    for finding in findings {
        let diagnostic = finding.diagnostic;
        let severity = diagnostic.severity.as_str();
        let _ = write!(
            out,
            "<li class=\"okr-diagnostic okr-severity-{severity}\">\
             <span class=\"okr-severity okr-severity-{severity}\">{severity}</span> \
             <span class=\"okr-message\">{}</span> ",
            inline_markdown(&diagnostic.message)
        );
        let name = diagnostic.rule;
        match &finding.rule_href {
            Some(href) => {
                let _ = write!(
                    out,
                    "<a class=\"okr-rule\" href=\"{}\">{}</a>",
                    escape_url(href),
                    escape(name)
                );
            }
            None => {
                let _ = write!(
                    out,
                    "<span class=\"okr-rule\" title=\"{}\">{}</span>",
                    escape(finding.rule_summary),
                    escape(name)
                );
            }
        }
        if !diagnostic.help.is_empty() {
            let _ = write!(
                out,
                " <span class=\"okr-help\">help: {}</span>",
                inline_markdown(&diagnostic.help)
            );
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::config::Config;
    use crate::diagnostic::Diagnostic;
    use crate::diagnostic::Severity;
    use crate::page::render_file;
    use crate::plan::Plan;
    use crate::plan::PlanBuilder;
    use crate::render::Format;
    use crate::render::RenderContext;

    fn config() -> Config {
        Config {
            quarter: Some("2026-Q2".parse().unwrap()),
            ..Config::default()
        }
    }

    fn plan(config: &Config, book: &[(&str, &str)]) -> Plan {
        let mut builder = PlanBuilder::new(config);
        for (path, text) in book {
            builder.add_file(
                format!("src/{path}"),
                Some(PathBuf::from(path)),
                text.to_string(),
            );
        }
        builder.finish()
    }

    /// Every chapter of `book` as the html renderer would get it.
    fn render_with(config: &Config, format: Format, book: &[(&str, &str)]) -> Vec<String> {
        let plan = plan(config, book);
        let diagnostics = crate::lint::run(&plan, config);
        let cx = RenderContext::new(&plan, config, &diagnostics, format);
        (0..plan.files.len()).map(|f| render_file(&cx, f)).collect()
    }

    /// Renders with only the structural rules on, so cards show just the
    /// findings a test is about.
    fn html(book: &[(&str, &str)]) -> Vec<String> {
        let config = crate::lint::testing::config_with_only(&["duplicate-id", "unknown-rule"]);
        render_with(&config, Format::Html, book)
    }

    /// The name of every tag in `html`: with all user text escaped, every
    /// `<` is one the renderer wrote.
    fn tag_names(html: &str) -> Vec<String> {
        html.split('<')
            .skip(1)
            .map(|rest| {
                rest.trim_start_matches('/')
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect()
            })
            .collect()
    }

    const OUR_TAGS: &[&str] = &[
        "article", "div", "p", "span", "strong", "ol", "ul", "li", "label", "input", "a", "em",
        "code", "del", "pre",
    ];

    fn assert_only_our_tags(html: &str) {
        let html = html.replace(crate::render::HTML_BLOCK_START, "");
        for name in tag_names(&html) {
            assert!(
                OUR_TAGS.contains(&name.as_str()),
                "unexpected tag <{name}> in {html}"
            );
        }
    }

    /// One objective with the payload in every field a user writes.
    fn hostile_chapter(payload: &str, quote: char) -> String {
        let q = |s: &str| format!("{quote}{s}{quote}");
        format!(
            "```okr\nid = \"evil\"\nobjective = {}\nphase = {}\nteam = {}\nowner = {}\n\
             [[kr]]\nid = {}\ntext = {}\nmetric = {{ from = 1, to = 2, current = 1.5, unit = {} }}\n\
             done = [{}, {}]\ndepends_on = [{}, \"javascript:alert(1)\", {}]\npostmortem = {}\nowner = {}\n```\n",
            q(&format!("Objective {payload}")),
            q(&format!("Phase {payload}")),
            q(&format!("team{payload}")),
            q(&format!("Owner {payload}")),
            q(&format!("KR{payload}")),
            q(&format!(
                "Text {payload} [click](javascript:alert(1)) [d](data:text/html,x)"
            )),
            q(&format!("unit {payload}")),
            q(&format!("[x] done {payload}")),
            q(&format!("[ ] open {payload} <img src=x onerror=alert(1)>")),
            q(&format!("target{payload}#KR1")),
            q(&format!("team:{payload}")),
            q(&format!("Missed {payload} [v](vbscript:msgbox)")),
            q(&format!("KR owner {payload}")),
        )
    }

    #[test]
    fn every_user_string_is_escaped() {
        for (payload, quote, attribute_break) in [
            (
                r#"<script>alert(1)</script> x" onmouseover="alert(2)"#,
                '\'',
                "\" onmouseover",
            ),
            (
                "<script>alert(1)</script> x' onfocus='alert(2)",
                '"',
                "' onfocus",
            ),
        ] {
            let chapter = hostile_chapter(payload, quote);
            let out = &html(&[("a.md", &chapter)])[0];
            assert!(out.contains("okr-card"), "{out}");
            assert!(
                !out.contains("okr-invalid"),
                "the hostile block should parse: {out}"
            );
            assert!(!out.contains("<script"), "{out}");
            assert!(!out.contains("<img"), "{out}");
            assert!(!out.contains(attribute_break), "{out}");
            for scheme in ["javascript:", "data:", "vbscript:"] {
                assert!(!out.contains(&format!("href=\"{scheme}")), "{out}");
            }
            assert!(out.contains("&lt;script&gt;"), "{out}");
            assert_only_our_tags(out);

            // With every rule on, the findings quote the hostile text too.
            let out = &render_with(&config(), Format::Html, &[("a.md", &chapter)])[0];
            assert!(out.contains("okr-diagnostic"), "{out}");
            assert!(!out.contains("<script"), "{out}");
            assert!(!out.contains("<img"), "{out}");
            assert_only_our_tags(out);
        }
    }

    #[test]
    fn an_invalid_block_escapes_its_source() {
        let chapter = "```okr\nobjective = \"<script>x</script>\"\ncomitment = 'a\" b'\n```\n";
        let out = &html(&[("a.md", chapter)])[0];
        assert!(out.contains("okr-invalid"), "{out}");
        assert!(!out.contains("<script"), "{out}");
        assert_only_our_tags(out);
    }

    const CARD: &str = "```okr
id = \"secrets-vault\"
objective = \"Build secrets management for all product teams to remove hardcoded credentials (Core rollout)\"
team = \"security\"
owner = \"Dana Kim\"

[[kr]]
text = \"Launch the vault with **API keys** and `db` credentials, see [runbook](https://example.com/a?b=1&c=2)\"
done = [\"[x] Vault cluster in production\", \"[ ] CI reads from the vault\", \"Rotation *documented*\"]

[[kr]]
text = \"Reduce hardcoded secrets from 140 to 0\"
metric = { from = 140, to = 0, current = 35, unit = \"secrets\" }

[[kr]]
id = \"rotation\"
text = \"Rotate half the secrets automatically\"
commitment = \"stretch\"
kind = \"discovery\"
depends_on = [\"secrets-vault#KR1\", \"team:platform\", \"nowhere#KR9\"]
owner = \"Sam\"
postmortem = \"https://example.com/pm\"
```
";

    #[test]
    fn a_card_is_one_line() {
        let out = &html(&[("a.md", CARD)])[0];
        assert!(!out.trim_end().contains('\n'), "{out}");
        // Inside a list item and a block quote the card keeps to its line,
        // so the container is not left early.
        let nested = format!(
            "- item\n\n  {}\n\n> {}\n",
            CARD.trim_end().replace('\n', "\n  "),
            CARD.trim_end().replace('\n', "\n> ")
        );
        let out = &html(&[("a.md", &nested)])[0];
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 5, "{out}");
        assert!(
            lines[2].starts_with("  <!-- okr --><article class=\"okr-card\""),
            "{out}"
        );
        assert!(
            lines[4].starts_with("> <!-- okr --><article class=\"okr-card\""),
            "{out}"
        );
    }

    #[test]
    fn the_card_shows_objective_krs_badges_and_scores() {
        let out = &html(&[("a.md", CARD)])[0];
        assert!(out.contains("<span class=\"okr-statement\">Build secrets management for all product teams to remove hardcoded credentials</span> <span class=\"okr-phase\">(Core rollout)</span>"), "{out}");
        assert!(
            out.contains("<span class=\"okr-team\">security</span>"),
            "{out}"
        );
        assert!(out.contains("2026-Q2"), "{out}");
        assert!(out.contains("Dana Kim"), "{out}");
        // KR1 1/3, KR2 (35-140)/(0-140) = 0.75, KR3 none: mean 0.54.
        assert!(
            out.contains("<p class=\"okr-meta\"><span class=\"okr-team\">security</span> <span class=\"okr-quarter\">2026-Q2</span> <span class=\"okr-owner\">Dana Kim</span> <span class=\"okr-score\">0.5</span></p>"),
            "{out}"
        );
        assert!(
            out.contains("<span class=\"okr-kr-text\">Reduce hardcoded secrets from 140 to 0</span> <span class=\"okr-score\">0.8</span>"),
            "{out}"
        );
        assert!(out.contains("<span class=\"okr-badge okr-badge-committed\">committed</span> <span class=\"okr-badge okr-badge-delivery\">delivery</span>"), "{out}");
        assert!(out.contains("<span class=\"okr-badge okr-badge-committed\">committed</span> <span class=\"okr-badge okr-badge-impact\">impact</span>"), "{out}");
        assert!(out.contains("<span class=\"okr-badge okr-badge-stretch\">stretch</span> <span class=\"okr-badge okr-badge-discovery\">discovery</span>"), "{out}");
        assert!(out.contains("aria-valuenow=\"75\""), "{out}");
        assert!(out.contains("style=\"width:75%\""), "{out}");
        assert!(out.contains("140 → <span class=\"okr-label\">now</span> <strong class=\"okr-current\">35</strong> → <span class=\"okr-label\">target</span> 0 <span class=\"okr-unit\">secrets</span>"), "{out}");
        assert!(
            out.contains("<a href=\"https://example.com/pm\">https://example.com/pm</a>"),
            "{out}"
        );
        assert!(out.contains("<p class=\"okr-kr-owner\">Sam</p>"), "{out}");
    }

    #[test]
    fn no_score_is_said_in_words() {
        let chapter = "```okr\nid = \"x\"\nobjective = \"Grow usage\"\nteam = \"a\"\n[[kr]]\ntext = \"Ship\"\n```\n";
        let out = &html(&[("a.md", chapter)])[0];
        assert!(
            out.contains("<span class=\"okr-score okr-score-none\">no score</span>"),
            "{out}"
        );
    }

    #[test]
    fn inline_markdown_in_a_card_is_rendered() {
        let out = &html(&[("a.md", CARD)])[0];
        assert!(out.contains("<strong>API keys</strong>"), "{out}");
        assert!(out.contains("<code>db</code>"), "{out}");
        assert!(
            out.contains("<a href=\"https://example.com/a?b=1&amp;c=2\">runbook</a>"),
            "{out}"
        );
        assert!(out.contains("Rotation <em>documented</em>"), "{out}");
    }

    #[test]
    fn past_quarters_show_the_final_score_against_what_was_expected() {
        let chapter = "```okr\nid = \"q1\"\nobjective = \"x\"\nteam = \"a\"\nquarter = \"2026-Q1\"\n\
                       [[kr]]\ntext = \"a\"\nmetric = { from = 0, to = 100, current = 97 }\n\
                       [[kr]]\ntext = \"b\"\ndone = [\"[x] b\"]\n\
                       [[kr]]\ntext = \"c\"\ncommitment = \"stretch\"\nmetric = { from = 0, to = 100, current = 65 }\n\
                       [[kr]]\ntext = \"d\"\ncommitment = \"stretch\"\ndone = [\"[x] d\"]\n```\n\n\
                       ```okr\nid = \"q2\"\nobjective = \"y\"\nteam = \"a\"\n[[kr]]\ntext = \"e\"\ndone = [\"[ ] e\"]\n```\n";
        let out = &html(&[("a.md", chapter)])[0];
        let grades: Vec<&str> = out
            .split("<span class=\"okr-grade ")
            .skip(1)
            .map(|rest| &rest[..rest.find("</span>").unwrap()])
            .collect();
        assert_eq!(
            grades,
            [
                "okr-grade-missed\">final 0.97 of 1.0 expected: missed, no postmortem",
                "okr-grade-met\">final 1.0 of 1.0 expected: met",
                "okr-grade-on-target\">final 0.7, 0.6–0.7 expected of a stretch goal: on target",
                "okr-grade-above\">final 1.0, 0.6–0.7 expected of a stretch goal: above, maybe not a stretch",
            ],
            "{out}"
        );
    }

    #[test]
    fn anchors_are_stable_slugs_of_the_ids() {
        let chapter = "```okr\nid = \"vault\"\nobjective = \"x\"\nteam = \"a\"\n\
                       [[kr]]\ntext = \"a\"\n[[kr]]\nid = \"Leaks Down\"\ntext = \"b\"\n\
                       [[kr]]\nid = \"!!\"\ntext = \"d\"\n```\n";
        let out = &html(&[("a.md", chapter)])[0];
        for anchor in [
            "id=\"okr-vault\"",
            "id=\"okr-vault-kr1\"",
            "id=\"okr-vault-leaks-down\"",
            "id=\"okr-vault-kr-2121\"",
        ] {
            assert!(out.contains(anchor), "{anchor} missing in {out}");
        }
    }

    #[test]
    fn dependencies_link_across_nested_chapters_both_ways() {
        let ci = "```okr\nid = \"ci\"\nobjective = \"Faster CI\"\nteam = \"platform\"\n\
                  [[kr]]\ntext = \"a\"\n[[kr]]\ntext = \"b\"\n```\n";
        let vault = "```okr\nid = \"vault\"\nobjective = \"Vault\"\nteam = \"security\"\n\
                     [[kr]]\ntext = \"c\"\ndepends_on = [\"ci#KR2\", \"ci\", \"team:data\", \"ghost#KR1\"]\n```\n";
        let out = html(&[("platform/ci.md", ci), ("teams/security/vault.md", vault)]);
        assert!(
            out[1].contains("<a class=\"okr-ref\" href=\"../../platform/ci.html#okr-ci-kr2\" title=\"b\">ci#KR2</a> <span class=\"okr-ref-team\">(platform)</span>"),
            "{}",
            out[1]
        );
        assert!(
            out[1].contains("href=\"../../platform/ci.html#okr-ci\""),
            "{}",
            out[1]
        );
        assert!(
            out[1].contains("<span class=\"okr-ask\">open ask: team data</span>"),
            "{}",
            out[1]
        );
        assert!(
            out[1].contains("<span class=\"okr-unresolved\">ghost#KR1 (not found)</span>"),
            "{}",
            out[1]
        );
        // KR2 is needed twice by vault#KR1 (directly and through the whole
        // objective): listed once. KR1 only through the objective.
        let needed_by = "<p class=\"okr-needed-by\"><a class=\"okr-ref\" href=\"../teams/security/vault.html#okr-vault-kr1\" title=\"c\">vault#KR1</a> <span class=\"okr-ref-team\">(security)</span></p>";
        assert_eq!(out[0].matches(needed_by).count(), 2, "{}", out[0]);
    }

    #[test]
    fn links_within_one_chapter_are_fragments() {
        let chapter = "```okr\nid = \"one\"\nobjective = \"x\"\nteam = \"a\"\n[[kr]]\ntext = \"a\"\n```\n\n\
                       ```okr\nid = \"two\"\nobjective = \"y\"\nteam = \"a\"\n[[kr]]\ntext = \"b\"\ndepends_on = [\"one#KR1\"]\n```\n";
        let out = &html(&[("dir/a.md", chapter)])[0];
        assert!(out.contains("href=\"#okr-one-kr1\""), "{out}");
        assert!(out.contains("href=\"#okr-two-kr1\""), "{out}");
    }

    #[test]
    fn checkboxes_are_disabled_labelled_and_checked_when_met() {
        let out = &html(&[("a.md", CARD)])[0];
        assert!(
            out.contains("<span class=\"okr-done-count\">1/3 done</span>"),
            "{out}"
        );
        assert!(out.contains("<li class=\"okr-done-item okr-met\"><label><input type=\"checkbox\" disabled checked> Vault cluster in production</label></li>"), "{out}");
        assert!(out.contains("<li class=\"okr-done-item\"><label><input type=\"checkbox\" disabled> CI reads from the vault</label></li>"), "{out}");
        assert_eq!(out.matches("type=\"checkbox\"").count(), 3);
        assert_eq!(out.matches("disabled").count(), 3);
    }

    #[test]
    fn an_invalid_block_shows_its_problems_and_its_text() {
        let chapter = "Intro\n\n```okr\nobjective = \"Grow\"\n[[kr]]\ntext = \"a\"\ncomitment = \"stretch\"\n```\n";
        let out = &html(&[("a.md", chapter)])[0];
        let card = out.lines().nth(2).unwrap();
        assert!(
            card.starts_with("<!-- okr --><div class=\"okr-card okr-invalid\">"),
            "{card}"
        );
        assert!(
            card.contains("<span class=\"okr-where\">line 7:1</span>"),
            "{card}"
        );
        assert!(card.contains("<code>comitment</code>"), "{card}");
        assert!(card.contains("<pre class=\"okr-source\"><code>```okr&#10;objective = &quot;Grow&quot;&#10;[[kr]]&#10;text = &quot;a&quot;&#10;comitment = &quot;stretch&quot;&#10;```</code></pre>"), "{card}");
        assert_eq!(out.lines().count(), 3, "{out}");
    }

    #[test]
    fn problems_are_listed_in_text_order() {
        // Without a configured quarter, the missing `quarter` is found after
        // the misspelt key below it, but it is shown first.
        let chapter =
            "```okr\nobjective = \"Grow\"\n[[kr]]\ntext = \"a\"\ncomitment = \"stretch\"\n```\n";
        let out = &render_with(&Config::default(), Format::Html, &[("a.md", chapter)])[0];
        let lines: Vec<&str> = out
            .split("<span class=\"okr-where\">")
            .skip(1)
            .map(|rest| rest.split('<').next().unwrap_or(""))
            .collect();
        assert_eq!(lines, ["line 1:1", "line 5:1"], "{out}");
    }

    #[test]
    fn a_context_block_is_a_one_line_header() {
        let chapter = "```okr\nteam = \"data\"\nquarter = \"2026-Q3\"\nowner = \"Lee\"\n```\n";
        let out = &html(&[("a.md", chapter)])[0];
        assert_eq!(
            out.trim_end(),
            "<!-- okr --><p class=\"okr-context\"><span class=\"okr-team\">data</span> \
             <span class=\"okr-quarter\">2026-Q3</span> <span class=\"okr-owner\">Lee</span> </p>"
        );
    }

    const DUPLICATES: &str = "```okr\nid = \"dup\"\nobjective = \"x\"\nteam = \"a\"\n[[kr]]\ntext = \"a\"\n```\n\n\
                              ```okr\nid = \"dup\"\nobjective = \"y\"\nteam = \"a\"\n[[kr]]\ntext = \"b\"\nallow = [\"no-such-rule\"]\n```\n";

    #[test]
    fn findings_sit_next_to_what_they_concern() {
        let out = &html(&[("plans/a.md", DUPLICATES)])[0];
        let second = out.split("<article").nth(2).unwrap();
        let (head, krs) = second.split_once("<ol class=\"okr-krs\">").unwrap();
        assert!(head.contains("<li class=\"okr-diagnostic okr-severity-error\"><span class=\"okr-severity okr-severity-error\">error</span>"), "{head}");
        let summary = escape(crate::lint::rule("duplicate-id").unwrap().summary());
        assert!(
            head.contains(&format!(
                "<span class=\"okr-rule\" title=\"{summary}\">duplicate-id</span>"
            )),
            "{head}"
        );
        assert!(head.contains("<span class=\"okr-help\">help: "), "{head}");
        assert!(
            krs.contains("okr-severity-warning\">warning</span>"),
            "{krs}"
        );
        assert!(krs.contains(">unknown-rule</span>"), "{krs}");
        assert!(
            !out.split("<article")
                .nth(1)
                .unwrap()
                .contains("okr-diagnostic"),
            "{out}"
        );
    }

    #[test]
    fn rule_names_link_to_the_books_rule_chapter() {
        let rule_page = "# duplicate-id\n\nNo okr blocks here.\n";
        let out = html(&[
            ("plans/a.md", DUPLICATES),
            ("rules/duplicate-id.md", rule_page),
        ]);
        assert!(
            out[0].contains(
                "<a class=\"okr-rule\" href=\"../rules/duplicate-id.html\">duplicate-id</a>"
            ),
            "{}",
            out[0]
        );
    }

    #[test]
    fn findings_can_be_hidden() {
        let config = Config {
            show_diagnostics: false,
            ..config()
        };
        let out = &render_with(&config, Format::Html, &[("a.md", DUPLICATES)])[0];
        assert!(!out.contains("okr-diagnostic"), "{out}");
    }

    #[test]
    fn hand_made_findings_use_their_indices_and_severity_words() {
        let config = config();
        let plan = plan(&config, &[("a.md", CARD)]);
        let finding = |severity, kr| Diagnostic {
            rule: "kr-count",
            severity,
            location: None,
            objective_index: Some(0),
            kr_index: kr,
            objective: Some("secrets-vault".into()),
            kr: None,
            subject: None,
            message: "message <b>".into(),
            help: "".into(),
        };
        let diagnostics = [
            finding(Severity::Info, Some(2)),
            finding(Severity::Warning, None),
        ];
        let cx = RenderContext::new(&plan, &config, &diagnostics, Format::Html);
        let out = render_file(&cx, 0);
        let (before_krs, krs) = out.split_once("<ol").unwrap();
        assert!(before_krs.contains(">warning</span>"), "{out}");
        let third_kr = krs.split("<li class=\"okr-kr ").nth(3).unwrap();
        assert!(
            third_kr.contains(">info</span> <span class=\"okr-message\">message &lt;b&gt;</span>"),
            "{out}"
        );
        assert!(!out.contains("okr-help"), "{out}");
    }

    #[test]
    fn snapshot_of_a_card() {
        let out = &html(&[("teams/security.md", CARD)])[0];
        insta::assert_snapshot!(out.replace("><", ">\n<"));
    }
}
