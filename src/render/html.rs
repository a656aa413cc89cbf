//! Cards as HTML, for mdBook's `html` renderer.
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

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use mdbook_markdown::pulldown_cmark::{CowStr, Event, Tag, TagEnd, html::push_html};
use mdbook_markdown::{MarkdownOptions, new_cmark_parser};
use pulldown_cmark_escape::{escape_href, escape_html};

use crate::block::Problem;
use crate::diagnostic::Diagnostic;
use crate::model::{Context, FileId, KeyResult, Metric, Objective};
use crate::plan::{Block, BlockContent, Plan, Resolution};
use crate::render::RenderContext;

/// Escapes text for HTML element content and attribute values (quotes too).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

/// Escapes a URL for an `href` attribute.
pub fn escape_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    escape_href(&mut out, url).expect("writing to a String cannot fail");
    out
}

/// The anchor of an objective's card: `okr-<objective id>`.
pub fn objective_anchor(objective: &Objective) -> String {
    crate::render::anchor::objective_anchor(&objective.id)
}

/// The anchor of one key result: see [`crate::render::anchor::kr_anchor`].
pub fn kr_anchor(objective: &Objective, kr: usize) -> String {
    crate::render::anchor::kr_anchor(&objective.id, &objective.krs[kr].id)
}

/// How a key result of a past quarter ended, against what was expected.
struct Grade {
    class: &'static str,
    text: String,
}

/// The grade of `kr` when its quarter is before the current one and it has
/// a score: a committed KR is expected to reach 1.0 (compared exactly, so
/// 0.97 is a miss even though it shows as 1.0), a stretch KR 0.6 to 0.7.
fn grade(
    current: Option<crate::model::Quarter>,
    quarter: crate::model::Quarter,
    kr: &crate::model::KeyResult,
) -> Option<Grade> {
    if current.is_none_or(|current| quarter >= current) {
        return None;
    }
    let score = kr.score()?;
    let shown = score_text(Some(score))?;
    let (class, text) = match kr.commitment {
        crate::model::Commitment::Committed if score >= 1.0 => {
            ("met", "final 1.0 of 1.0 expected: met".to_string())
        }
        crate::model::Commitment::Committed => (
            "missed",
            format!(
                "final {} of 1.0 expected: missed{}",
                // One decimal would show a 0.97 as 1.0: round down instead.
                if shown == "1.0" {
                    format!("{:.2}", (score * 100.0).floor() / 100.0)
                } else {
                    shown
                },
                if kr.postmortem.is_some() {
                    ", postmortem written"
                } else {
                    ", no postmortem"
                }
            ),
        ),
        crate::model::Commitment::Stretch if score < 0.6 => (
            "below",
            format!("final {shown}, 0.6–0.7 expected of a stretch goal: below"),
        ),
        crate::model::Commitment::Stretch if score <= 0.7 => (
            "on-target",
            format!("final {shown}, 0.6–0.7 expected of a stretch goal: on target"),
        ),
        crate::model::Commitment::Stretch => (
            "above",
            format!(
                "final {shown}, 0.6–0.7 expected of a stretch goal: above, maybe not a stretch"
            ),
        ),
    };
    Some(Grade { class, text })
}

/// A link from the chapter of `from` to `anchor` in the chapter of `to`:
/// `#anchor` within one chapter, otherwise a path relative to `from`'s
/// folder with the target's extension set to `extension` (`html` for the
/// html renderer, `md` for the others). An empty `anchor` links to the
/// page itself. `None` when `to` is not a chapter. The result is not escaped.
pub fn chapter_link(
    plan: &Plan,
    from: FileId,
    to: FileId,
    anchor: &str,
    extension: &str,
) -> Option<String> {
    let target = plan.file(to).chapter_path.as_deref()?;
    let source = plan.file(from).chapter_path.as_deref();
    let fragment = if anchor.is_empty() {
        String::new()
    } else {
        format!("#{anchor}")
    };
    if from == to || source == Some(target) {
        return Some(if fragment.is_empty() {
            "#".to_string()
        } else {
            fragment
        });
    }
    let path = relative_path(
        source.unwrap_or(Path::new("")),
        &target.with_extension(extension),
    );
    Some(path + &fragment)
}

/// The path of `to` as seen from the folder holding chapter `from`; both
/// are relative to the book's `src` folder. Always written with `/`.
fn relative_path(from: &Path, to: &Path) -> String {
    let parts = |path: &Path| -> Vec<String> {
        path.components()
            .filter_map(|c| match c {
                Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
                Component::ParentDir => Some("..".to_string()),
                _ => None,
            })
            .collect()
    };
    let from_dir = from.parent().map(parts).unwrap_or_default();
    let to_parts = parts(to);
    let shared = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len().saturating_sub(1));
    let mut path: Vec<&str> = vec![".."; from_dir.len() - shared];
    path.extend(to_parts[shared..].iter().map(String::as_str));
    path.join("/")
}

/// The chapter that explains rule `name`, when the book has one at
/// `rules/<name>.md`.
pub fn rule_chapter(plan: &Plan, name: &str) -> Option<FileId> {
    let wanted: PathBuf = ["rules", &format!("{name}.md")].iter().collect();
    plan.file_of_chapter(&wanted)
}

/// True when a link to `url` may be emitted as a live link: a relative
/// URL, or one with a scheme known to be harmless. `javascript:`, `data:`,
/// `vbscript:` and every other scheme are refused.
pub fn is_safe_url(url: &str) -> bool {
    // Browsers drop leading controls and spaces, and tabs and line breaks
    // anywhere, before they read the scheme: `java\tscript:` runs script.
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some((scheme, _)) = cleaned.split_once(':') else {
        return true;
    };
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        // A colon after a `/`, `?` or `#` is part of a relative URL.
        return true;
    }
    ["http", "https", "mailto", "tel", "ftp", "ftps"]
        .iter()
        .any(|safe| scheme.eq_ignore_ascii_case(safe))
}

/// The inline Markdown of `text` as a clean event stream: emphasis,
/// strong, strikethrough, code and safe links kept; raw HTML turned into
/// text; block structure (paragraphs, headings, lists) flattened to spaces;
/// images reduced to their alt text. Text never holds a line break.
pub(crate) fn inline_events(text: &str) -> Vec<Event<'_>> {
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

/// Inline Markdown as one line of HTML (see [`inline_events`]).
pub fn inline_markdown(text: &str) -> String {
    if is_plain_words(text) {
        return text.to_string();
    }
    let mut out = String::new();
    push_html(&mut out, inline_events(text).into_iter());
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
pub fn inline_plain_text(text: &str) -> String {
    let mut out = String::new();
    for event in inline_events(text) {
        if let Event::Text(words) | Event::Code(words) = event {
            out.push_str(&words);
        }
    }
    out.trim().to_string()
}

/// A score in 0.0..=1.0 with one decimal, or `None` when there is none
/// (or it is not a finite number, as `nan` in TOML would make it).
pub fn score_text(score: Option<f64>) -> Option<String> {
    score
        .filter(|s| s.is_finite())
        .map(|s| format!("{:.1}", s.clamp(0.0, 1.0)))
}

/// A metric's number as written: `140`, `99.9`.
pub fn number_text(value: f64) -> String {
    format!("{value}")
}

pub fn block(cx: &RenderContext<'_>, block: &Block) -> String {
    let file = block.location.file;
    let mut out = String::new();
    match &block.content {
        BlockContent::Objective(index) => Card {
            cx,
            file,
            out: &mut out,
        }
        .objective(*index),
        BlockContent::Context(context) => context_header(&mut out, context),
        BlockContent::Invalid {
            id,
            problems,
            source,
        } => {
            out.push_str("<div class=\"okr-card okr-invalid\"");
            if let Some(id) = id {
                let _ = write!(out, " id=\"okr-{}\"", escape(id));
            }
            out.push_str(
                "><p class=\"okr-invalid-title\"><span class=\"okr-severity okr-severity-error\">error</span> \
                 This OKR block cannot be read <span class=\"okr-rule\">invalid-block</span></p>\
                 <ul class=\"okr-problems\">",
            );
            let source_file = cx.plan.file(file);
            for problem in in_text_order(problems) {
                let (line, column) = source_file.line_col(problem.location.span.start);
                let _ = write!(
                    out,
                    "<li><span class=\"okr-where\">line {line}:{column}</span> {}",
                    inline_markdown(&problem.message)
                );
                if !problem.help.is_empty() {
                    let _ = write!(
                        out,
                        " <span class=\"okr-help\">help: {}</span>",
                        inline_markdown(&problem.help)
                    );
                }
                out.push_str("</li>");
            }
            let _ = write!(
                out,
                "</ul><pre class=\"okr-source\"><code>{}</code></pre></div>",
                escape(source)
                    .replace("\r\n", "&#10;")
                    .replace(['\n', '\r'], "&#10;")
            );
        }
    }
    out
}

/// An invalid block's problems in the order they appear in its text.
pub(crate) fn in_text_order(problems: &[Problem]) -> Vec<&Problem> {
    let mut ordered: Vec<&Problem> = problems.iter().collect();
    ordered.sort_by_key(|p| p.location.span.start);
    ordered
}

/// A context block: one line naming the team, quarter and owner that the
/// following blocks of the chapter inherit.
fn context_header(out: &mut String, context: &Context) {
    out.push_str("<p class=\"okr-context\">");
    let quarter = context.quarter.map(|q| q.to_string());
    let fields = [
        ("okr-team", "Team", context.team.as_deref()),
        ("okr-quarter", "Quarter", quarter.as_deref()),
        ("okr-owner", "Owner", context.owner.as_deref()),
    ];
    for (class, label, value) in fields {
        if let Some(value) = value {
            meta_field(out, class, label, value);
        }
    }
    out.push_str("</p>");
}

fn meta_field(out: &mut String, class: &str, label: &str, value: &str) {
    let _ = write!(
        out,
        "<span class=\"{class}\"><span class=\"okr-label\">{label}</span> {}</span> ",
        escape(value)
    );
}

/// Writes one objective's card into `out`.
struct Card<'a, 'c> {
    cx: &'a RenderContext<'c>,
    /// The chapter being rendered: links are relative to it.
    file: FileId,
    out: &'a mut String,
}

impl Card<'_, '_> {
    fn objective(mut self, index: usize) {
        let objective = &self.cx.plan.objectives[index];
        let anchor = objective_anchor(objective);
        let _ = write!(
            self.out,
            "<article class=\"okr-card\" id=\"{anchor}\" aria-labelledby=\"{anchor}-title\">\
             <div class=\"okr-head\"><p class=\"okr-title\" id=\"{anchor}-title\">\
             <span class=\"okr-statement\">{}</span>",
            escape(&objective.statement),
            anchor = escape(&anchor),
        );
        if let Some(phase) = &objective.phase {
            let _ = write!(
                self.out,
                " <span class=\"okr-phase\">({})</span>",
                escape(&phase.value)
            );
        }
        self.out.push_str("</p><p class=\"okr-meta\">");
        meta_field(self.out, "okr-team", "Team", &objective.team);
        meta_field(
            self.out,
            "okr-quarter",
            "Quarter",
            &objective.quarter.to_string(),
        );
        if let Some(owner) = &objective.owner {
            meta_field(self.out, "okr-owner", "Owner", owner);
        }
        self.score(objective.score(), "Score");
        self.out.push_str("</p></div>");
        self.diagnostics(index, None);
        self.out.push_str("<ol class=\"okr-krs\">");
        for k in 0..objective.krs.len() {
            self.key_result(index, k);
        }
        self.out.push_str("</ol></article>");
    }

    fn score(&mut self, score: Option<f64>, label: &str) {
        match score_text(score) {
            Some(score) => {
                let _ = write!(self.out, "<span class=\"okr-score\">{label} {score}</span>");
            }
            None => self
                .out
                .push_str("<span class=\"okr-score okr-score-none\">no score</span>"),
        }
    }

    fn key_result(&mut self, o: usize, k: usize) {
        let objective = &self.cx.plan.objectives[o];
        let kr = &objective.krs[k];
        let commitment = kr.commitment.as_str();
        let kind = kr.kind.as_str();
        let _ = write!(
            self.out,
            "<li class=\"okr-kr okr-kr-{commitment}\" id=\"{}\"><p class=\"okr-kr-head\">\
             <span class=\"okr-kr-id\">{}</span> \
             <span class=\"okr-badge okr-badge-{commitment}\">{commitment}</span> \
             <span class=\"okr-badge okr-badge-{kind}\">{kind}</span> \
             <span class=\"okr-kr-text\">{}</span>",
            escape(&kr_anchor(objective, k)),
            escape(&kr.id),
            inline_markdown(&kr.text.value),
        );
        if score_text(kr.score()).is_some() {
            self.out.push(' ');
            self.score(kr.score(), "score");
        }
        if let Some(grade) = grade(self.cx.config.quarter, objective.quarter, kr) {
            let _ = write!(
                self.out,
                " <span class=\"okr-grade okr-grade-{}\">{}</span>",
                grade.class, grade.text
            );
        }
        super::trend::write(self.out, self.cx.progress, o, k);
        self.out.push_str("</p>");
        if let Some(metric) = &kr.metric {
            self.metric(metric, &kr.id);
        }
        if !kr.done.is_empty() {
            self.definition_of_done(kr);
        }
        self.depends_on(o, k);
        self.needed_by(o, k);
        if let Some(owner) = &kr.owner {
            let _ = write!(
                self.out,
                "<p class=\"okr-kr-owner\"><span class=\"okr-label\">Owner</span> {}</p>",
                escape(owner)
            );
        }
        if let Some(postmortem) = &kr.postmortem {
            let _ = write!(
                self.out,
                "<p class=\"okr-postmortem\"><span class=\"okr-label\">Postmortem</span> {}</p>",
                postmortem_html(postmortem)
            );
        }
        self.diagnostics(o, Some(k));
        self.out.push_str("</li>");
    }

    fn metric(&mut self, metric: &Metric, kr_id: &str) {
        self.out.push_str("<div class=\"okr-metric\">");
        if let Some(progress) = metric.progress().filter(|p| p.is_finite()) {
            let percent = (progress * 100.0).round();
            let _ = write!(
                self.out,
                "<span class=\"okr-bar\" role=\"progressbar\" aria-valuemin=\"0\" aria-valuemax=\"100\" \
                 aria-valuenow=\"{percent}\" aria-label=\"Progress of {}\">\
                 <span class=\"okr-bar-fill\" style=\"width:{percent}%\"></span></span>",
                escape(kr_id)
            );
        }
        self.out.push_str("<span class=\"okr-metric-values\">");
        let _ = write!(
            self.out,
            "<span class=\"okr-label\">from</span> {} → ",
            number_text(metric.from)
        );
        match metric.current {
            Some(current) => {
                let _ = write!(
                    self.out,
                    "<span class=\"okr-label\">now</span> <strong class=\"okr-current\">{}</strong> → ",
                    number_text(current)
                );
            }
            None => self
                .out
                .push_str("<span class=\"okr-label\">now</span> not measured → "),
        }
        let _ = write!(
            self.out,
            "<span class=\"okr-label\">target</span> {}",
            number_text(metric.to)
        );
        if let Some(unit) = &metric.unit {
            let _ = write!(
                self.out,
                " <span class=\"okr-unit\">{}</span>",
                escape(unit)
            );
        }
        self.out.push_str("</span></div>");
    }

    fn definition_of_done(&mut self, kr: &KeyResult) {
        let _ = write!(
            self.out,
            "<div class=\"okr-done\"><p class=\"okr-done-head\"><span class=\"okr-label\">Definition of Done</span> \
             <span class=\"okr-done-count\">{}/{} done</span></p><ul class=\"okr-checklist\">",
            kr.done_met(),
            kr.done.len()
        );
        for item in &kr.done {
            let (class, checked) = if item.met {
                ("okr-done-item okr-met", " checked")
            } else {
                ("okr-done-item", "")
            };
            // The label wraps the box, so the item's text is its accessible
            // name; `disabled` is announced as unavailable.
            let _ = write!(
                self.out,
                "<li class=\"{class}\"><label><input type=\"checkbox\" disabled{checked}> {}</label></li>",
                inline_markdown(&item.text)
            );
        }
        self.out.push_str("</ul></div>");
    }

    fn depends_on(&mut self, o: usize, k: usize) {
        let plan = self.cx.plan;
        let kr = &plan.objectives[o].krs[k];
        if kr.depends_on.is_empty() {
            return;
        }
        self.out
            .push_str("<p class=\"okr-deps\"><span class=\"okr-label\">Depends on</span> ");
        let edges = plan.edges.iter().filter(|e| e.objective == o && e.kr == k);
        for (n, edge) in edges.enumerate() {
            if n > 0 {
                self.out.push_str(", ");
            }
            let raw = kr
                .depends_on
                .get(edge.reference)
                .map_or("", |r| r.raw.as_str());
            match &edge.resolution {
                Resolution::KeyResult { objective, kr } => {
                    self.link_to_kr(*objective, *kr, raw);
                }
                Resolution::Objective(objective) => {
                    let target = &plan.objectives[*objective];
                    let href = chapter_link(
                        plan,
                        self.file,
                        target.location.file,
                        &objective_anchor(target),
                        "html",
                    );
                    self.link(href, raw, &target.statement, &target.team);
                }
                Resolution::Team { team, known } => {
                    let _ = write!(
                        self.out,
                        "<span class=\"okr-ask\">open ask: team {}{}</span>",
                        escape(team),
                        if *known { "" } else { " (unknown team)" }
                    );
                }
                Resolution::Unresolved => {
                    let _ = write!(
                        self.out,
                        "<span class=\"okr-unresolved\">{} (not found)</span>",
                        escape(raw)
                    );
                }
            }
        }
        self.out.push_str("</p>");
    }

    fn needed_by(&mut self, o: usize, k: usize) {
        let plan = self.cx.plan;
        let mut seen = HashSet::new();
        let dependents: Vec<(usize, usize)> = plan
            .dependents_of(o, k)
            .map(|e| (e.objective, e.kr))
            .filter(|pair| seen.insert(*pair))
            .collect();
        if dependents.is_empty() {
            return;
        }
        self.out
            .push_str("<p class=\"okr-needed-by\"><span class=\"okr-label\">Needed by</span> ");
        for (n, (objective, kr)) in dependents.into_iter().enumerate() {
            if n > 0 {
                self.out.push_str(", ");
            }
            let target = &plan.objectives[objective];
            let label = format!("{}#{}", target.id, target.krs[kr].id);
            self.link_to_kr(objective, kr, &label);
        }
        self.out.push_str("</p>");
    }

    fn link_to_kr(&mut self, o: usize, k: usize, label: &str) {
        let plan = self.cx.plan;
        let objective = &plan.objectives[o];
        let href = chapter_link(
            plan,
            self.file,
            objective.location.file,
            &kr_anchor(objective, k),
            "html",
        );
        let title = inline_plain_text(&objective.krs[k].text.value);
        self.link(href, label, &title, &objective.team);
    }

    /// A reference to another card: a link when its chapter is known,
    /// text otherwise; the team is named so cross-team needs stand out.
    fn link(&mut self, href: Option<String>, label: &str, title: &str, team: &str) {
        match href {
            Some(href) => {
                let _ = write!(
                    self.out,
                    "<a class=\"okr-ref\" href=\"{}\" title=\"{}\">{}</a>",
                    escape_url(&href),
                    escape(title),
                    escape(label)
                );
            }
            None => {
                let _ = write!(self.out, "<span class=\"okr-ref\">{}</span>", escape(label));
            }
        }
        let _ = write!(
            self.out,
            " <span class=\"okr-ref-team\">({})</span>",
            escape(team)
        );
    }

    /// The findings about this objective (`kr` = `None`) or one KR.
    fn diagnostics(&mut self, objective: usize, kr: Option<usize>) {
        if !self.cx.config.show_diagnostics {
            return;
        }
        let here = self.cx.findings_on(objective, kr);
        if here.is_empty() {
            return;
        }
        self.out
            .push_str("<ul class=\"okr-diagnostics\" aria-label=\"Findings\">");
        for diagnostic in here {
            self.diagnostic(diagnostic);
        }
        self.out.push_str("</ul>");
    }

    fn diagnostic(&mut self, diagnostic: &Diagnostic) {
        let severity = diagnostic.severity.as_str();
        let _ = write!(
            self.out,
            "<li class=\"okr-diagnostic okr-severity-{severity}\">\
             <span class=\"okr-severity okr-severity-{severity}\">{severity}</span> \
             <span class=\"okr-message\">{}</span> ",
            inline_markdown(&diagnostic.message)
        );
        let name = diagnostic.rule;
        let plan = self.cx.plan;
        let href = rule_chapter(plan, name)
            .and_then(|chapter| chapter_link(plan, self.file, chapter, "", "html"));
        match href {
            Some(href) => {
                let _ = write!(
                    self.out,
                    "<a class=\"okr-rule\" href=\"{}\">{}</a>",
                    escape_url(&href),
                    escape(name)
                );
            }
            None => {
                let summary = crate::lint::rule(name).map_or("", |r| r.summary());
                let _ = write!(
                    self.out,
                    "<span class=\"okr-rule\" title=\"{}\">{}</span>",
                    escape(summary),
                    escape(name)
                );
            }
        }
        if !diagnostic.help.is_empty() {
            let _ = write!(
                self.out,
                " <span class=\"okr-help\">help: {}</span>",
                inline_markdown(&diagnostic.help)
            );
        }
        self.out.push_str("</li>");
    }
}

/// A postmortem is "a link or a sentence": a bare web address becomes a
/// link, anything else is inline Markdown.
fn postmortem_html(postmortem: &str) -> String {
    match bare_web_address(postmortem) {
        Some(url) => format!("<a href=\"{}\">{}</a>", escape_url(url), escape(url)),
        None => inline_markdown(postmortem),
    }
}

/// The text as a web address when it is nothing but one.
pub(crate) fn bare_web_address(text: &str) -> Option<&str> {
    let trimmed = text.trim();
    let is_address = (trimmed.starts_with("https://") || trimmed.starts_with("http://"))
        && !trimmed.contains(char::is_whitespace);
    is_address.then_some(trimmed)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::config::Config;
    use crate::diagnostic::Severity;
    use crate::plan::PlanBuilder;
    use crate::render::{Format, render_file};

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
            out.contains("<span class=\"okr-label\">Team</span> security</span>"),
            "{out}"
        );
        assert!(out.contains("2026-Q2"), "{out}");
        assert!(out.contains("Dana Kim"), "{out}");
        // KR1 1/3, KR2 (35-140)/(0-140) = 0.75, KR3 none: mean 0.54.
        assert!(
            out.contains("<span class=\"okr-score\">Score 0.5</span>"),
            "{out}"
        );
        assert!(
            out.contains("<span class=\"okr-score\">score 0.8</span>"),
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
        assert!(
            out.contains("<span class=\"okr-label\">Owner</span> Sam"),
            "{out}"
        );
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
    fn inline_markdown_is_rendered_and_raw_html_is_text() {
        let out = &html(&[("a.md", CARD)])[0];
        assert!(out.contains("<strong>API keys</strong>"), "{out}");
        assert!(out.contains("<code>db</code>"), "{out}");
        assert!(
            out.contains("<a href=\"https://example.com/a?b=1&amp;c=2\">runbook</a>"),
            "{out}"
        );
        assert!(out.contains("Rotation <em>documented</em>"), "{out}");

        assert_eq!(
            inline_markdown("a <b>bold</b> <img src=x onerror=alert(1)>"),
            "a &lt;b&gt;bold&lt;/b&gt; &lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(
            inline_markdown("<div>\nblock\n</div>"),
            "&lt;div&gt; block &lt;/div&gt;"
        );
        assert_eq!(
            inline_markdown("[x](javascript:alert(1)) and <javascript:alert(2)>"),
            "x and javascript:alert(2)"
        );
        assert_eq!(
            inline_markdown("# heading\n\n- one\n- two"),
            "heading one two"
        );
        assert_eq!(inline_markdown("![alt](data:image/png,x)"), "alt");
    }

    #[test]
    fn plain_words_skip_the_parser_with_the_same_result() {
        let parsed = |text: &str| {
            let mut out = String::new();
            push_html(&mut out, inline_events(text).into_iter());
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
                assert_eq!(inline_markdown(text), parsed(text), "{text:?}");
            }
        }
        assert!(is_plain_words(samples[0]) && is_plain_words(samples[2]));
        assert!(!is_plain_words("1. a list item") && !is_plain_words("Wait for it.. and more"));
        // Any text the fast path takes renders as the parser would.
        proptest::proptest!(|(text in "[A-Za-zé][A-Za-z0-9é ,;:%/()?.]{0,40}")| {
            if is_plain_words(&text) {
                proptest::prop_assert_eq!(inline_markdown(&text), parsed(&text));
            }
        });
    }

    #[test]
    fn unsafe_schemes_are_refused() {
        for url in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "\u{1}javascript:x",
            "data:text/html,<b>",
            "VBScript:msgbox",
            "file:///etc/passwd",
        ] {
            assert!(!is_safe_url(url), "{url:?} passed");
        }
        for url in [
            "https://example.com",
            "http://example.com",
            "mailto:a@example.com",
            "../a.html#b",
            "#anchor",
            "a/b:c",
            "?q=a:b",
        ] {
            assert!(is_safe_url(url), "{url:?} refused");
        }
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
        let needed_by = "<p class=\"okr-needed-by\"><span class=\"okr-label\">Needed by</span> <a class=\"okr-ref\" href=\"../teams/security/vault.html#okr-vault-kr1\" title=\"c\">vault#KR1</a> <span class=\"okr-ref-team\">(security)</span></p>";
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
    fn relative_paths_climb_only_what_differs() {
        let cases = [
            ("a.md", "b.html", "b.html"),
            ("x/a.md", "b.html", "../b.html"),
            ("a.md", "x/y/b.html", "x/y/b.html"),
            ("x/y/a.md", "x/z/b.html", "../z/b.html"),
            ("x/a.md", "x/b.html", "b.html"),
            ("x/a.md", "x.html", "../x.html"),
        ];
        for (from, to, expected) in cases {
            assert_eq!(
                relative_path(Path::new(from), Path::new(to)),
                expected,
                "{from} -> {to}"
            );
        }
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
            "<!-- okr --><p class=\"okr-context\"><span class=\"okr-team\"><span class=\"okr-label\">Team</span> data</span> \
             <span class=\"okr-quarter\"><span class=\"okr-label\">Quarter</span> 2026-Q3</span> \
             <span class=\"okr-owner\"><span class=\"okr-label\">Owner</span> Lee</span> </p>"
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
            message: "message <b>".into(),
            help: String::new(),
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
