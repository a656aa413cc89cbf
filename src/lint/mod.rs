//! Validation: the rule trait, the registry of every rule, and the run that
//! turns findings into diagnostics.
//!
//! Every rule sees the whole resolved [`Plan`]: rules about one block simply
//! walk the objectives, and rules about the whole book (dependencies, series,
//! teams, overlaps) need nothing more.

pub mod rules;

use rayon::prelude::*;

use std::ops::Range;

use crate::analysis::{Analysis, BookWords};
use crate::config::{Config, Level};
use crate::diagnostic::{Diagnostic, Finding, Severity};
use crate::model::{KeyResult, Objective};
use crate::plan::{BlockContent, Plan};

pub use crate::analysis::Lexicon;
pub use rules::RULES;

/// What a rule is given.
pub struct Context<'a> {
    pub plan: &'a Plan,
    pub config: &'a Config,
    /// The configured word lists, compiled once per run.
    pub lexicon: &'a Lexicon,
    /// The facts of each objective, KR and done item of the window, each
    /// computed once (empty for a rule that does not read them).
    pub facts: &'a Analysis<'a>,
    /// The content words of every objective and KR of the book, for a rule
    /// that [`Reads::BookWords`] (empty for the others).
    pub words: &'a BookWords,
    /// The objectives this run of the rule reports on: a window for a rule
    /// that [`Reads::OwnFacts`], the whole plan for the others.
    pub window: Range<usize>,
    /// Progress read from the book's Git history, for the rules about it;
    /// `None` when it was not read.
    pub progress: Option<&'a crate::history::progress::Report>,
}

impl<'a> Context<'a> {
    /// The objectives of the window, with their index in the plan.
    pub fn objectives(&self) -> impl Iterator<Item = (usize, &'a Objective)> + use<'a> {
        let plan = self.plan;
        self.window.clone().map(move |o| (o, &plan.objectives[o]))
    }

    /// Every KR of the window's objectives, with its objective and both
    /// indexes.
    pub fn key_results(
        &self,
    ) -> impl Iterator<Item = (usize, usize, &'a Objective, &'a KeyResult)> + use<'a> {
        self.objectives().flat_map(|(o, objective)| {
            objective
                .krs
                .iter()
                .enumerate()
                .map(move |(k, kr)| (o, k, objective, kr))
        })
    }
}

/// What a rule reads besides the plan and the configuration, which decides
/// how it is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reads {
    /// Nothing more: run once over the whole plan.
    Plan,
    /// The facts of each objective's own texts, and of no other
    /// objective's: run window by window over the objectives, each window's
    /// facts dropped when it is done, so a run holds a window's facts and
    /// not the book's.
    OwnFacts,
    /// The content words of every objective and KR, compared across the
    /// book: run once, after the windows kept those words.
    BookWords,
}

/// Objectives per window of a windowed run: small enough that the facts
/// held at once stay small, big enough that a window's overhead is noise.
const WINDOW: usize = 64;

/// One rule of the catalogue.
pub trait Rule: Sync {
    /// The stable kebab-case name used in configuration, `allow` and output.
    fn name(&self) -> &'static str;
    fn default_level(&self) -> Level;
    /// One line for `mdbook-okr rules`.
    fn summary(&self) -> &'static str;
    /// The rule's documentation in Markdown: what it does, why, how it
    /// decides, a bad example and a good one. Shown by `explain`.
    fn docs(&self) -> &'static str;
    /// What the rule reads ([`Reads::Plan`] unless it says otherwise).
    fn reads(&self) -> Reads {
        Reads::Plan
    }
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>);
}

/// The severity a rule runs at under `config`, or `None` when it is off.
pub fn severity(config: &Config, rule: &dyn Rule) -> Option<Severity> {
    match config.rules.get(rule.name()) {
        Some(level) => level.severity(),
        None => rule.default_level().severity(),
    }
}

/// Checks that every rule `[preprocessor.okr.rules]` sets a level for is a
/// rule of the registry, so a misspelt name is an error when the book is
/// loaded instead of a setting that silently does nothing. The
/// configuration is read before the rules exist for it, so the loaders
/// (`book`, the preprocessor) call this once they have a `Config`.
pub fn check_rule_names(config: &Config) -> anyhow::Result<()> {
    let names: Vec<&str> = RULES.iter().map(|r| r.name()).collect();
    match config
        .rules
        .keys()
        .find(|rule| !names.contains(&rule.as_str()))
    {
        Some(rule) => anyhow::bail!(
            "unknown rule `{rule}` in [preprocessor.okr.rules]{}",
            crate::config::did_you_mean(rule, &names)
        ),
        None => Ok(()),
    }
}

/// Looks a rule up by name.
pub fn rule(name: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.name() == name)
}

/// A rule's full explanation in Markdown: what `mdbook-okr explain NAME`
/// prints and what the book's page for the rule holds.
pub fn explanation(rule: &dyn Rule) -> String {
    let level = match rule.default_level() {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "info",
        Level::Off => "off (runs only when configured)",
    };
    format!(
        "# {}\n\n{}.\n\nDefault severity: **{level}**.\n\n{}",
        rule.name(),
        rule.summary().trim_end_matches('.'),
        rule.docs().trim_start()
    )
}

/// The rule name used for an unknown name in an `allow` list.
pub const UNKNOWN_RULE: &str = "unknown-rule";

/// Runs every enabled rule over the plan and returns the diagnostics in book
/// order: by file, then position.
pub fn run(plan: &Plan, config: &Config) -> Vec<Diagnostic> {
    run_with_progress(plan, config, None)
}

/// [`run`], with the progress the history rules read.
pub fn run_with_progress(
    plan: &Plan,
    config: &Config,
    progress: Option<&crate::history::progress::Report>,
) -> Vec<Diagnostic> {
    let lexicon = Lexicon::new(&config.words);
    let mut findings = invalid_block_findings(plan);
    findings.extend(directive_findings(plan));
    findings.extend(unknown_allow_findings(plan));
    let enabled: Vec<&dyn Rule> = RULES
        .iter()
        .copied()
        .filter(|rule| severity(config, *rule).is_some())
        .collect();
    let (windowed, whole): (Vec<&dyn Rule>, Vec<&dyn Rule>) = enabled
        .into_iter()
        .partition(|rule| rule.reads() == Reads::OwnFacts);
    let keep_words = whole.iter().any(|rule| rule.reads() == Reads::BookWords);
    let no_words = BookWords::default();
    // Each window's facts are made, read and dropped on one of the pool's
    // threads, so their strings are freed by the thread that allocated
    // them (a cross-thread free costs the allocator more). Joining the
    // windows in order gives the findings of one rule in plan order, as a
    // run over the whole plan would.
    let objectives = plan.objectives.len();
    let windows: Vec<(Vec<Finding>, Vec<crate::analysis::ObjectiveWords>)> = (0..objectives)
        .step_by(WINDOW)
        .map(|start| start..objectives.min(start + WINDOW))
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|window| {
            let facts = Analysis::of_window(plan, &lexicon, window.clone());
            let cx = Context {
                plan,
                config,
                lexicon: &lexicon,
                facts: &facts,
                words: &no_words,
                window,
                progress,
            };
            let mut found = Vec::new();
            for rule in &windowed {
                rule.check(&cx, &mut found);
            }
            let words = if keep_words {
                facts.words()
            } else {
                Vec::new()
            };
            (found, words)
        })
        .collect();
    let (per_window, words): (Vec<_>, Vec<_>) = windows.into_iter().unzip();
    findings.extend(per_window.into_iter().flatten());
    let words = BookWords::from_windows(words);
    let no_facts = Analysis::of_window(plan, &lexicon, 0..0);
    let cx = Context {
        plan,
        config,
        lexicon: &lexicon,
        facts: &no_facts,
        words: &words,
        window: 0..objectives,
        progress,
    };
    // The other rules read the plan independently; running them in
    // parallel and joining their findings in registry order gives the same
    // list as running them one after another.
    let per_rule: Vec<Vec<Finding>> = whole
        .par_iter()
        .map(|rule| {
            let mut found = Vec::new();
            rule.check(&cx, &mut found);
            found
        })
        .collect();
    findings.extend(per_rule.into_iter().flatten());
    let mut diagnostics: Vec<Diagnostic> = findings
        .into_iter()
        .filter(|f| !allowed(plan, f))
        .filter_map(|f| {
            let severity = match rule(f.rule) {
                Some(rule) => severity(config, rule)?,
                None => Severity::Warning,
            };
            Some(to_diagnostic(plan, f, severity))
        })
        .collect();
    sort(&mut diagnostics);
    diagnostics
}

/// Book order: file, then byte offset; findings without a place come last.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            d.location
                .as_ref()
                .map_or((usize::MAX, usize::MAX), |l| (l.file, l.span.start))
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| a.rule.cmp(b.rule))
            .then_with(|| a.message.cmp(&b.message))
    });
}

fn to_diagnostic(plan: &Plan, finding: Finding, severity: Severity) -> Diagnostic {
    let objective = finding.objective.map(|o| &plan.objectives[o]);
    Diagnostic {
        rule: finding.rule,
        severity,
        location: finding.location,
        objective_index: finding.objective,
        kr_index: finding.kr,
        objective: objective.map(|o| o.id.clone()),
        kr: objective.zip(finding.kr).map(|(o, k)| o.krs[k].id.clone()),
        subject: finding.subject,
        message: finding.message,
        help: finding.help,
    }
}

/// `allow` on the block silences a rule for the whole objective; on a KR,
/// for that KR only. `invalid-block` cannot be allowed.
fn allowed(plan: &Plan, finding: &Finding) -> bool {
    if finding.rule == "invalid-block" {
        return false;
    }
    let Some(objective) = finding.objective.map(|o| &plan.objectives[o]) else {
        return false;
    };
    let names = |list: &[crate::model::Text]| list.iter().any(|t| t.value == finding.rule);
    names(&objective.allow) || finding.kr.is_some_and(|k| names(&objective.krs[k].allow))
}

fn invalid_block_findings(plan: &Plan) -> Vec<Finding> {
    let mut findings = Vec::new();
    for block in &plan.blocks {
        if let BlockContent::Invalid { problems, .. } = &block.content {
            for problem in problems {
                let mut finding =
                    Finding::new("invalid-block", &problem.message, problem.help.clone())
                        .at(problem.location.clone());
                finding.subject.clone_from(&problem.subject);
                findings.push(finding);
            }
        }
    }
    // An include in a block's body that cannot be read leaves the block's
    // text incomplete: the block's problem, not a rule of its own.
    for include in plan.unreadable_includes.iter().filter(|i| i.in_block) {
        findings.push(
            Finding::new(
                "invalid-block",
                &include.message,
                crate::lint::rules::unreadable_include::HELP,
            )
            .at(include.location.clone()),
        );
    }
    findings
}

/// Every bad filter of every index directive, placed at the directive, so
/// `check` and the build's stderr show them too.
fn directive_findings(plan: &Plan) -> Vec<Finding> {
    let mut findings = Vec::new();
    for directive in &plan.directives {
        if let Err(problems) = &directive.filter {
            findings.extend(problems.iter().map(|p| {
                Finding::new("invalid-block", &p.message, p.help.clone())
                    .at(directive.location.clone())
            }));
        }
    }
    findings
}

fn unknown_allow_findings(plan: &Plan) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (o, objective) in plan.objectives.iter().enumerate() {
        let lists = std::iter::once((None, &objective.allow)).chain(
            objective
                .krs
                .iter()
                .enumerate()
                .map(|(k, kr)| (Some(k), &kr.allow)),
        );
        for (kr, list) in lists {
            for name in list {
                let message = if name.value == "invalid-block" {
                    "`invalid-block` cannot be allowed: a broken block is always reported"
                        .to_string()
                } else if rule(&name.value).is_none() {
                    let names: Vec<&str> = RULES.iter().map(|r| r.name()).collect();
                    format!(
                        "`allow` names an unknown rule `{}`{}",
                        name.value,
                        crate::config::did_you_mean(&name.value, &names)
                    )
                } else {
                    continue;
                };
                let mut finding = Finding::new(
                    UNKNOWN_RULE,
                    message,
                    "`mdbook-okr rules` lists every rule name",
                )
                .at(name.location.clone())
                .on_objective(o);
                finding.kr = kr;
                findings.push(finding);
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn rule_names_are_unique_kebab_case_and_documented() {
        let mut seen = HashSet::new();
        for rule in RULES {
            let name = rule.name();
            assert!(seen.insert(name), "duplicate rule name {name}");
            assert!(
                name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{name} is not kebab-case"
            );
            assert!(!rule.summary().is_empty(), "{name} has no summary");
            let docs = rule.docs();
            for heading in ["## What it does", "## Why", "## Example", "## Use instead"] {
                assert!(docs.contains(heading), "{name} docs lack `{heading}`");
            }
            // A `<placeholder>` in prose is read as an HTML tag and vanishes
            // from the guide's page: it belongs in a code span.
            use mdbook_markdown::pulldown_cmark::{Event, Parser};
            for event in Parser::new(docs) {
                if let Event::Html(html) | Event::InlineHtml(html) = event {
                    panic!("{name} docs hold raw HTML `{html}`: put it in backticks");
                }
            }
        }
    }

    /// The guide's table of contents lists one page per registered rule, in
    /// registry order: adding a rule means adding its line there too, and
    /// this test says so.
    #[test]
    fn the_guide_lists_every_registered_rule_in_order() {
        let summary = include_str!("../../book/src/SUMMARY.md");
        let listed: Vec<&str> = summary
            .lines()
            .filter_map(|line| line.trim().strip_prefix("- ["))
            .filter_map(|entry| {
                let (name, target) = entry.split_once("](")?;
                target.starts_with("rules/").then_some(name)
            })
            .collect();
        let registered: Vec<&str> = RULES.iter().map(|r| r.name()).collect();
        assert_eq!(
            listed, registered,
            "book/src/SUMMARY.md and the registry differ"
        );
    }

    #[test]
    fn a_misspelt_rule_in_the_configuration_is_an_error_with_a_suggestion() {
        let mut table = toml::Table::new();
        table.insert(
            "rules".into(),
            toml::Value::Table(toml::toml! { hype-word = "off" }),
        );
        let config = Config::from_table(Some(&table)).expect("the table parses");
        let err = check_rule_names(&config).unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown rule `hype-word` in [preprocessor.okr.rules]; did you mean `hype-words`?"
        );
        assert!(check_rule_names(&testing::config_with_only(&[])).is_ok());
    }
}

/// Helpers for the rules' unit tests.
#[cfg(test)]
pub mod testing {
    use std::path::PathBuf;

    use crate::config::Config;
    use crate::diagnostic::Diagnostic;
    use crate::plan::PlanBuilder;

    /// The configuration the rule tests use: current quarter 2026-Q2.
    pub fn config() -> Config {
        Config {
            quarter: Some("2026-Q2".parse().unwrap()),
            ..Config::default()
        }
    }

    /// The test configuration with every rule off except `rules` (and
    /// `invalid-block`, which is always on): for tests about one feature
    /// that should not see unrelated findings.
    pub fn config_with_only(rules: &[&str]) -> Config {
        let mut config = config();
        for rule in super::RULES {
            if rule.name() != "invalid-block" && !rules.contains(&rule.name()) {
                config
                    .rules
                    .insert(rule.name().to_string(), crate::config::Level::Off);
            }
        }
        config
    }

    /// A rule that reads Git history stays quiet without one: run with no
    /// progress at all and with the progress of an empty history.
    pub fn quiet_without_history(rule: &str) {
        let mut config = config();
        config
            .rules
            .insert(rule.to_string(), crate::config::Level::Warning);
        let text = objective(
            "o",
            "Ship it to cut toil",
            &["text = \"a\"\nmetric = { from = 0, to = 10, current = 1 }"],
        );
        let plan = crate::plan::Plan::from_chapter("a.md", &text, &config);
        let today = "2026-05-15".parse().unwrap();
        let history = crate::history::History::default();
        let report = crate::history::progress::report(&plan, &history, &config.history, today);
        for progress in [None, Some(&report)] {
            let found = super::run_with_progress(&plan, &config, progress);
            assert!(found.iter().all(|d| d.rule != rule), "{found:?}");
        }
    }

    /// Every diagnostic of `rule` over a book of `(path, text)` chapters.
    pub fn diagnostics_with(config: &Config, rule: &str, book: &[(&str, &str)]) -> Vec<Diagnostic> {
        let mut builder = PlanBuilder::new(config);
        for (path, text) in book {
            builder.add_file(
                path.to_string(),
                Some(PathBuf::from(path)),
                text.to_string(),
            );
        }
        let plan = builder.finish();
        super::run(&plan, config)
            .into_iter()
            .filter(|d| d.rule == rule)
            .collect()
    }

    /// `(objective id, kr id)` of every finding of `rule`, with the default
    /// test configuration. The objective is `""` for book-wide findings.
    pub fn findings(rule: &str, book: &[(&str, &str)]) -> Vec<(String, Option<String>)> {
        findings_with(&config(), rule, book)
    }

    pub fn findings_with(
        config: &Config,
        rule: &str,
        book: &[(&str, &str)],
    ) -> Vec<(String, Option<String>)> {
        diagnostics_with(config, rule, book)
            .into_iter()
            .map(|d| (d.objective.unwrap_or_default(), d.kr))
            .collect()
    }

    /// The expected findings `(objective, kr)` for the KRs `krs` of one
    /// objective.
    pub fn on_krs(objective: &str, krs: &[&str]) -> Vec<(String, Option<String>)> {
        krs.iter()
            .map(|kr| (objective.to_string(), Some(kr.to_string())))
            .collect()
    }

    /// A one-chapter book holding one objective block with the given KRs,
    /// each written as the TOML lines of a `[[kr]]` table.
    pub fn objective(id: &str, objective: &str, krs: &[&str]) -> String {
        let mut text =
            format!("```okr\nid = \"{id}\"\nteam = \"a\"\nobjective = \"{objective}\"\n");
        for kr in krs {
            text.push_str("\n[[kr]]\n");
            text.push_str(kr);
            text.push('\n');
        }
        text.push_str("```\n");
        text
    }
}
