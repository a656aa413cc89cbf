//! `[preprocessor.okr]` in `book.toml`.
//!
//! The same table also carries mdBook's own keys (`command`, `before`, ...),
//! so unknown keys are rejected here by hand rather than with serde's
//! `deny_unknown_fields`.

use std::collections::BTreeMap;

use anyhow::{Context as _, Result, bail};
use serde::Deserialize;
use url::Url;

use crate::diagnostic::Severity;
use crate::model::Quarter;

/// The preprocessor's name in book.toml: `[preprocessor.okr]`.
pub const PREPROCESSOR_NAME: &str = "okr";

/// Keys mdBook itself reads from a preprocessor's table.
const MDBOOK_KEYS: &[&str] = &["command", "before", "after", "renderers", "optional"];

const OWN_KEYS: &[&str] = &[
    "quarter",
    "teams",
    "fail-on",
    "show-diagnostics",
    "build-findings",
    "max-objectives",
    "min-krs",
    "max-krs",
    "rules",
    "words",
    "guide-url",
    "today",
    "history",
];

/// Which findings fail an mdBook build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    #[default]
    Never,
}

impl FailOn {
    /// The least severe finding that fails the build, if any does.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Never => None,
        }
    }
}

/// A rule's configured level: a severity, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}

/// How `[preprocessor.okr.words]` changes the built-in word lists the
/// rules use: `words.<list>` replaces a list and `words.extend-<list>` adds
/// to it. The lists themselves live in `analysis::words`, which applies
/// these edits ([`ListEdit::apply`]) when it compiles them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Words {
    pub hype: ListEdit,
    pub vague: ListEdit,
    pub activity: ListEdit,
    pub stop: ListEdit,
}

/// The edit of one word list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListEdit {
    /// The words that replace the built-in list, when given.
    pub replace: Option<Vec<String>>,
    /// Words added after the replacement or the built-in list.
    pub extend: Vec<String>,
}

impl ListEdit {
    /// The list that results from `built_in` with this edit.
    pub fn apply(&self, built_in: &[&str]) -> Vec<String> {
        let start: Vec<String> = match &self.replace {
            Some(words) => words.clone(),
            None => built_in.iter().map(|w| w.to_string()).collect(),
        };
        start
            .into_iter()
            .chain(self.extend.iter().cloned())
            .collect()
    }
}

impl Words {
    fn list_mut(&mut self, name: &str) -> Option<&mut ListEdit> {
        match name {
            "hype" => Some(&mut self.hype),
            "vague" => Some(&mut self.vague),
            "activity" => Some(&mut self.activity),
            "stop" => Some(&mut self.stop),
            _ => None,
        }
    }

    const LISTS: &'static [&'static str] = &["hype", "vague", "activity", "stop"];
}

/// How progress read from Git history is judged: `[preprocessor.okr.history]`
/// (see the guide's "Progress over time" page).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields, default)]
pub struct HistorySettings {
    /// A key result further behind its expected score than this is at risk.
    pub at_risk_gap: f64,
    /// Further behind than this, it is off track.
    pub off_track_gap: f64,
    /// The share of a straight line a stretch key result is expected to
    /// keep: 0.6 to 0.7 is a good stretch score.
    pub stretch_pace: f64,
    /// Progress unchanged for this many weeks of an open quarter is stale.
    pub stale_weeks: u32,
    /// Read the history on every build to show trends and statuses on the
    /// cards and in the index.
    pub show: bool,
}

impl Default for HistorySettings {
    fn default() -> Self {
        HistorySettings {
            at_risk_gap: 0.1,
            off_track_gap: 0.25,
            stretch_pace: 0.7,
            stale_weeks: 3,
            show: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The current quarter: the default for blocks without one.
    pub quarter: Option<Quarter>,
    /// Known team ids, when configured. An empty `teams = []` (what `init`
    /// writes) is `None`: no team is known yet, so none can be unknown.
    pub teams: Option<Vec<String>>,
    pub fail_on: FailOn,
    pub show_diagnostics: bool,
    /// How many findings a build prints on stderr before its summary line.
    pub build_findings: usize,
    pub max_objectives: usize,
    pub min_krs: usize,
    pub max_krs: usize,
    /// Severity overrides by rule name (names checked against the registry
    /// by `lint::check_rule_names`).
    pub rules: BTreeMap<String, Level>,
    pub words: Words,
    /// The published user guide, whose `rules/<name>.html` pages reports
    /// link to (SARIF's `helpUri`); `None` when there is none to link to.
    pub guide_url: Option<Url>,
    /// The day progress is judged at, when pinned (`today`); else
    /// `MDBOOK_OKR_TODAY` or the clock decides.
    pub today: Option<jiff::civil::Date>,
    pub history: HistorySettings,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            quarter: None,
            teams: None,
            fail_on: FailOn::Never,
            show_diagnostics: true,
            build_findings: 20,
            max_objectives: 5,
            min_krs: 3,
            max_krs: 5,
            rules: BTreeMap::new(),
            words: Words::default(),
            guide_url: guide_url_of_repository(env!("CARGO_PKG_REPOSITORY")),
            today: None,
            history: HistorySettings::default(),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawConfig {
    quarter: Option<String>,
    teams: Option<Vec<String>>,
    fail_on: Option<FailOn>,
    show_diagnostics: Option<bool>,
    build_findings: Option<usize>,
    max_objectives: Option<usize>,
    min_krs: Option<usize>,
    max_krs: Option<usize>,
    #[serde(default)]
    rules: BTreeMap<String, Level>,
    #[serde(default)]
    words: BTreeMap<String, Vec<String>>,
    guide_url: Option<String>,
    today: Option<String>,
    history: Option<HistorySettings>,
}

impl Config {
    /// Reads the `[preprocessor.okr]` table. `None` (no table) gives the defaults.
    pub fn from_table(table: Option<&toml::Table>) -> Result<Config> {
        let Some(table) = table else {
            return Ok(Config::default());
        };
        for key in table.keys() {
            if !OWN_KEYS.contains(&key.as_str()) && !MDBOOK_KEYS.contains(&key.as_str()) {
                bail!(
                    "unknown key `{key}` in [preprocessor.okr]{}",
                    did_you_mean(key, OWN_KEYS)
                );
            }
        }
        let raw: RawConfig = toml::Value::Table(table.clone())
            .try_into()
            .context("invalid [preprocessor.okr] configuration")?;

        let mut config = Config::default();
        if let Some(quarter) = raw.quarter {
            config.quarter = Some(
                quarter
                    .parse()
                    .map_err(|e: String| anyhow::anyhow!("[preprocessor.okr] quarter: {e}"))?,
            );
        }
        if let Some(today) = raw.today {
            config.today = Some(today.parse().map_err(|_| {
                anyhow::anyhow!(
                    "[preprocessor.okr] today: `{today}` is not a date; write it as `YYYY-MM-DD`"
                )
            })?);
        }
        if let Some(history) = raw.history {
            let gaps = [
                history.at_risk_gap,
                history.off_track_gap,
                history.stretch_pace,
            ];
            if gaps.iter().any(|g| !(0.0..=1.0).contains(g))
                || history.at_risk_gap > history.off_track_gap
            {
                bail!(
                    "[preprocessor.okr.history]: at-risk-gap, off-track-gap and stretch-pace must be between 0 and 1, \
                     and at-risk-gap no greater than off-track-gap"
                );
            }
            config.history = history;
        }
        config.teams = raw.teams.filter(|teams| !teams.is_empty());
        config.fail_on = raw.fail_on.unwrap_or_default();
        config.show_diagnostics = raw.show_diagnostics.unwrap_or(true);
        config.build_findings = raw.build_findings.unwrap_or(config.build_findings);
        config.max_objectives = raw.max_objectives.unwrap_or(config.max_objectives);
        config.min_krs = raw.min_krs.unwrap_or(config.min_krs);
        config.max_krs = raw.max_krs.unwrap_or(config.max_krs);
        if config.min_krs > config.max_krs {
            bail!(
                "[preprocessor.okr] min-krs ({}) is greater than max-krs ({})",
                config.min_krs,
                config.max_krs
            );
        }

        if let Some(text) = raw.guide_url {
            config.guide_url = Some(parse_guide_url(&text)?);
        }

        // Whether each name is a rule is checked by `lint::check_rule_names`
        // when the book is loaded: the registry lives there.
        for (rule, level) in raw.rules {
            if rule == "invalid-block" && level != Level::Error {
                bail!(
                    "`invalid-block` cannot be turned off or lowered: a broken block is always an error"
                );
            }
            config.rules.insert(rule, level);
        }

        for (key, list) in raw.words {
            let (name, extend) = match key.strip_prefix("extend-") {
                Some(name) => (name, true),
                None => (key.as_str(), false),
            };
            let Some(edit) = config.words.list_mut(name) else {
                let known: Vec<String> = Words::LISTS
                    .iter()
                    .flat_map(|l| [l.to_string(), format!("extend-{l}")])
                    .collect();
                let known: Vec<&str> = known.iter().map(String::as_str).collect();
                bail!(
                    "unknown word list `{key}` in [preprocessor.okr.words]{}",
                    did_you_mean(&key, &known)
                );
            };
            if extend {
                edit.extend = list;
            } else {
                edit.replace = Some(list);
            }
        }
        Ok(config)
    }

    /// Reads the `[preprocessor.okr]` table out of a whole `book.toml` text
    /// (the fuzz target's entry; a book is loaded by `book::read_config`).
    pub fn from_book_toml(text: &str) -> Result<Config> {
        let doc: toml::Table = toml::from_str(text).context("book.toml is not valid TOML")?;
        let table = match doc.get("preprocessor").and_then(|p| p.get("okr")) {
            None => None,
            Some(toml::Value::Table(t)) => Some(t),
            Some(_) => bail!("[preprocessor.okr] in book.toml must be a table"),
        };
        Config::from_table(table)
    }
}

/// Where a repository's guide is published: GitHub Pages for a GitHub
/// repository (`https://github.com/OWNER/REPO` is served at
/// `https://OWNER.github.io/REPO/`); for any other host there is no rule of
/// thumb, so no address.
fn guide_url_of_repository(repository: &str) -> Option<Url> {
    let url = Url::parse(repository).ok()?;
    if url.host_str() != Some("github.com") {
        return None;
    }
    let mut segments = url.path_segments()?.filter(|s| !s.is_empty());
    let (owner, repo) = (segments.next()?, segments.next()?);
    let repo = repo.strip_suffix(".git").unwrap_or(repo);
    Url::parse(&format!("https://{owner}.github.io/{repo}/")).ok()
}

/// The page of the guide at `guide` that documents `rule`: the rule pages
/// are `book/src/rules/<name>.md`, built to `.html`. Every report that links a
/// rule (SARIF's `helpUri`, the language server's `codeDescription`) links
/// this.
pub fn rule_page(guide: &Url, rule: &str) -> Option<Url> {
    guide.join(&format!("rules/{rule}.html")).ok()
}

/// `guide-url`: an absolute http(s) address. A missing trailing slash is
/// added, so `rules/x.html` lands inside the guide rather than beside it.
fn parse_guide_url(text: &str) -> Result<Url> {
    let mut url = Url::parse(text)
        .map_err(|e| anyhow::anyhow!("[preprocessor.okr] guide-url `{text}`: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        bail!("[preprocessor.okr] guide-url `{text}` must be an http or https address");
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

/// `"; did you mean `x`?"` when a known name is close enough, else nothing.
pub fn did_you_mean(word: &str, candidates: &[&str]) -> String {
    closest(word, candidates)
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}

/// The known name closest to `word`, when one is close enough to suggest.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::from_book_toml(text)
    }

    #[test]
    fn defaults_without_a_table() {
        let config = parse("[book]\ntitle = \"x\"\n").unwrap();
        assert_eq!(config, Config::default());
    }

    #[test]
    fn reads_every_key() {
        let config = parse(
            r#"
[preprocessor.okr]
command = "mdbook-okr"
quarter = "2026-Q2"
teams = ["a", "b"]
fail-on = "error"
show-diagnostics = false
build-findings = 0
max-objectives = 4
min-krs = 2
max-krs = 6
guide-url = "https://okr.example.com/guide"
[preprocessor.okr.rules]
hype-words = "error"
unmeasurable = "off"
[preprocessor.okr.words]
hype = ["shiny"]
extend-hype = ["rockstar"]
"#,
        )
        .unwrap();
        assert_eq!(config.quarter.unwrap().to_string(), "2026-Q2");
        assert_eq!(config.teams.unwrap(), ["a", "b"]);
        assert_eq!(config.fail_on, FailOn::Error);
        assert!(!config.show_diagnostics);
        assert_eq!(config.build_findings, 0);
        assert_eq!(
            (config.max_objectives, config.min_krs, config.max_krs),
            (4, 2, 6)
        );
        assert_eq!(config.rules["unmeasurable"], Level::Off);
        assert_eq!(config.words.hype.apply(&["hip"]), ["shiny", "rockstar"]);
        assert_eq!(
            config.guide_url.unwrap().as_str(),
            "https://okr.example.com/guide/"
        );
    }

    #[test]
    fn default_guide_is_the_pages_site_of_the_repository() {
        assert_eq!(
            Config::default().guide_url.unwrap().as_str(),
            env!("CARGO_PKG_HOMEPAGE")
        );
        assert_eq!(
            guide_url_of_repository("https://github.com/acme/plans.git")
                .unwrap()
                .as_str(),
            "https://acme.github.io/plans/"
        );
        assert_eq!(
            guide_url_of_repository("https://git.example.com/acme/plans"),
            None
        );
        assert_eq!(guide_url_of_repository(""), None);
    }

    #[test]
    fn unknown_key_is_named_with_a_suggestion() {
        let err = parse("[preprocessor.okr]\nfail_on = \"error\"\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown key `fail_on` in [preprocessor.okr]; did you mean `fail-on`?"
        );
    }

    #[test]
    fn unknown_word_list_is_an_error() {
        let err = parse("[preprocessor.okr.words]\nhipe = []\n").unwrap_err();
        assert!(
            err.to_string().contains("unknown word list `hipe`"),
            "{err}"
        );
    }

    #[test]
    fn wrong_types_and_values_are_errors() {
        assert!(parse("[preprocessor.okr]\nquarter = \"Q2\"\n").is_err());
        assert!(parse("[preprocessor.okr]\nteams = \"a\"\n").is_err());
        assert!(parse("[preprocessor.okr]\nfail-on = \"sometimes\"\n").is_err());
        assert!(parse("[preprocessor.okr.rules]\nunmeasurable = \"loud\"\n").is_err());
        assert!(parse("[preprocessor.okr.rules]\ninvalid-block = \"off\"\n").is_err());
        assert!(parse("[preprocessor.okr]\nmin-krs = 6\n").is_err());
        assert!(parse("not toml [").is_err());
        let err = parse("[preprocessor.okr]\nguide-url = \"docs/\"\n").unwrap_err();
        assert!(err.to_string().contains("guide-url `docs/`"), "{err}");
        let err = parse("[preprocessor.okr]\nguide-url = \"file:///guide/\"\n").unwrap_err();
        assert!(err.to_string().contains("http or https"), "{err}");
    }
}
