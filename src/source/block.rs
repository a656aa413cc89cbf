//! An OKR block's TOML body to the model.
//!
//! The body is walked as a spanned TOML tree rather than deserialised with
//! serde, so every unknown key, wrong type and bad value is reported at its
//! own line and column, and several problems in one block are all reported.

use toml::de::{DeTable, DeValue};

use crate::config::{Config, closest, did_you_mean};
use crate::diagnostic::Subject;
use crate::model::{Context, FileId, Location, Objective, Quarter, Span, Text};
use crate::source::scan::RawBlock;

mod key_results;

/// The keys of an objective block, the one list the parser and the
/// language server's completion read.
pub const OBJECTIVE_KEYS: &[&str] = &[
    "id",
    "objective",
    "phase",
    "team",
    "quarter",
    "owner",
    "allow",
    "kr",
];
pub const CONTEXT_KEYS: &[&str] = &["team", "quarter", "owner"];
/// The keys of a `[[kr]]` table.
pub const KR_KEYS: &[&str] = &[
    "text",
    "id",
    "kind",
    "commitment",
    "metric",
    "done",
    "depends_on",
    "owner",
    "postmortem",
    "allow",
];
pub const METRIC_KEYS: &[&str] = &["from", "to", "current", "unit"];
/// The values of a KR's `kind`.
pub const KIND_VALUES: &[&str] = &["impact", "delivery", "discovery"];
/// The values of a KR's `commitment`.
pub const COMMITMENT_VALUES: &[&str] = &["committed", "stretch"];

/// The team of objectives when neither the block, its chapter nor the
/// configuration names one.
pub const UNASSIGNED_TEAM: &str = "unassigned";

/// What one block turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    Objective(Box<Objective>),
    Context(Context),
    /// A block that cannot be read. Each problem keeps its own location.
    Invalid {
        /// The block's `id`, when it could be read.
        id: Option<String>,
        problems: Vec<Problem>,
    },
}

/// One reason a block is invalid.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub message: String,
    pub help: String,
    pub location: Location,
    /// What the problem is about, as data, for front ends that fix it.
    pub subject: Option<Subject>,
}

/// Parses one block. `context` holds what earlier context blocks of the
/// same chapter set.
pub fn parse(raw: &RawBlock, file: FileId, context: &Context, config: &Config) -> Parsed {
    let mut reader = Reader {
        raw,
        file,
        problems: Vec::new(),
    };
    let root = match DeTable::parse(&raw.body) {
        Ok(root) => root,
        Err(error) => {
            let span = error.span().unwrap_or(0..0);
            reader.problem(
                span,
                format!("the block is not valid TOML: {}", error.message().trim_end()),
                "check quoting and brackets; strings need closing quotes, tables are written `[[kr]]`",
            );
            return Parsed::Invalid {
                id: None,
                problems: reader.problems,
            };
        }
    };
    let table = root.get_ref();
    let block_location = Location {
        file,
        span: raw.span.clone(),
    };

    if !table.contains_key("objective") {
        let only_context_keys =
            !table.is_empty() && table.keys().all(|k| CONTEXT_KEYS.contains(&&**k.get_ref()));
        if only_context_keys {
            let context = reader.context(table);
            return if reader.problems.is_empty() {
                Parsed::Context(context)
            } else {
                reader.invalid(None)
            };
        }
        reader.problems.push(Problem {
            message: "the block has no `objective`".into(),
            help: "add `objective = \"...\"`: what will be built, for whom, and the outcome; a block with only `team`, `quarter` and `owner` is a context block".into(),
            location: block_location.clone(),
            subject: None,
        });
    }

    let objective = reader.objective(table, context, config, block_location);
    match objective {
        Some(objective) if reader.problems.is_empty() => Parsed::Objective(Box::new(objective)),
        _ => {
            let id = table
                .get("id")
                .and_then(|v| v.get_ref().as_str())
                .map(str::to_string);
            reader.invalid(id)
        }
    }
}

struct Reader<'a> {
    raw: &'a RawBlock,
    file: FileId,
    problems: Vec<Problem>,
}

impl Reader<'_> {
    fn location(&self, body_span: Span) -> Location {
        // A span at the very end of the body (a TOML error on the last line)
        // may map past the block's own end, which stops before its final
        // line break: keep every position inside the block.
        let span = self.raw.body_map.span_to_chapter(&body_span);
        let end = span.end.min(self.raw.span.end);
        Location {
            file: self.file,
            span: span.start.min(end)..end,
        }
    }

    fn problem(&mut self, body_span: Span, message: impl Into<String>, help: impl Into<String>) {
        let location = self.location(body_span);
        self.problems.push(Problem {
            message: message.into(),
            help: help.into(),
            location,
            subject: None,
        });
    }

    fn invalid(self, id: Option<String>) -> Parsed {
        Parsed::Invalid {
            id,
            problems: self.problems,
        }
    }

    fn unknown_keys(&mut self, table: &DeTable<'_>, known: &[&str], what: &str) {
        for key in table.keys() {
            let name: &str = key.get_ref();
            if !known.contains(&name) {
                self.problem(
                    key.span(),
                    format!(
                        "unknown key `{name}` in {what}{}",
                        did_you_mean(name, known)
                    ),
                    format!("the keys of {what} are: {}", known.join(", ")),
                );
                if let Some(problem) = self.problems.last_mut() {
                    problem.subject = Some(Subject::UnknownKey {
                        key: name.to_string(),
                        closest: closest(name, known).map(str::to_string),
                    });
                }
            }
        }
    }

    fn string(&mut self, table: &DeTable<'_>, key: &str) -> Option<Text> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some(Text {
                value: s.to_string(),
                location: self.location(value.span()),
            }),
            other => {
                self.wrong_type(value.span(), key, "a string", other);
                None
            }
        }
    }

    fn wrong_type(&mut self, span: Span, key: &str, expected: &str, found: &DeValue<'_>) {
        self.problem(
            span,
            format!("`{key}` must be {expected}, not {}", found.type_str()),
            format!("write `{key}` as {expected}"),
        );
    }

    fn string_list(&mut self, table: &DeTable<'_>, key: &str) -> Vec<Text> {
        let Some(value) = table.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(value.span(), key, "an array of strings", value.get_ref());
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(Text {
                    value: s.to_string(),
                    location: self.location(item.span()),
                }),
                other => self.wrong_type(item.span(), key, "an array of strings", other),
            }
        }
        out
    }

    fn quarter(&mut self, table: &DeTable<'_>) -> Option<Quarter> {
        let text = self.string(table, "quarter")?;
        match text.value.parse() {
            Ok(quarter) => Some(quarter),
            Err(message) => {
                self.problems.push(Problem {
                    message,
                    help: "quarters are written `YYYY-Qn` with n from 1 to 4".into(),
                    location: text.location,
                    subject: None,
                });
                None
            }
        }
    }

    fn context(&mut self, table: &DeTable<'_>) -> Context {
        Context {
            team: self.string(table, "team").map(|t| t.value),
            quarter: self.quarter(table),
            owner: self.string(table, "owner").map(|t| t.value),
        }
    }

    fn objective(
        &mut self,
        table: &DeTable<'_>,
        context: &Context,
        config: &Config,
        location: Location,
    ) -> Option<Objective> {
        self.unknown_keys(table, OBJECTIVE_KEYS, "an objective");
        let text = self.string(table, "objective");
        let explicit_phase = self.string(table, "phase");
        let explicit_id = self.string(table, "id");
        let team = self
            .string(table, "team")
            .map(|t| t.value)
            .or_else(|| context.team.clone());
        let quarter = self.quarter(table);
        let has_quarter_key = table.contains_key("quarter");
        let owner = self
            .string(table, "owner")
            .map(|t| t.value)
            .or_else(|| context.owner.clone());
        let allow = self.string_list(table, "allow");
        let krs = self.key_results(table, &location);

        if let Some(text) = &text
            && text.value.trim().is_empty()
        {
            self.problems.push(Problem {
                message: "`objective` is empty".into(),
                help: "write what will be built, for whom, and the outcome".into(),
                location: text.location.clone(),
                subject: None,
            });
        }
        let team = match team {
            Some(team) => team,
            None if config.teams.is_some() => {
                self.problems.push(Problem {
                    message: "the objective has no `team`, and `teams` is configured".into(),
                    help: "add `team = \"...\"` to the block, or a context block with `team` before it".into(),
                    location: location.clone(),
                    subject: None,
                });
                UNASSIGNED_TEAM.to_string()
            }
            None => UNASSIGNED_TEAM.to_string(),
        };
        let quarter = match quarter.or(context.quarter).or(config.quarter) {
            Some(quarter) => Some(quarter),
            None if has_quarter_key => None,
            None => {
                self.problems.push(Problem {
                    message: "the objective has no `quarter`".into(),
                    help: "add `quarter = \"YYYY-Qn\"` to the block, a context block, or `quarter` in [preprocessor.okr]".into(),
                    location: location.clone(),
                    subject: None,
                });
                None
            }
        };
        if let Some(id) = &explicit_id
            && !is_valid_id(&id.value)
        {
            self.problems.push(Problem {
                message: format!("`{}` is not a valid objective id", id.value),
                help: "ids are lowercase letters, digits and hyphens, starting with a letter or digit, like `secrets-vault`".into(),
                location: id.location.clone(),
                subject: None,
            });
        }

        let text = text?;
        let quarter = quarter?;
        let (statement, phase) = match explicit_phase {
            Some(phase) => (text.value.trim().to_string(), Some(phase)),
            None => split_phase(&text),
        };
        let (id, id_explicit) = match explicit_id {
            Some(id) => (id.value, true),
            None => (derive_id(quarter, &team, &statement), false),
        };
        Some(Objective {
            id,
            id_explicit,
            text,
            statement,
            phase,
            team,
            quarter,
            owner,
            allow,
            krs,
            location,
        })
    }

    fn enum_value(&mut self, table: &DeTable<'_>, key: &str, allowed: &[&str]) -> Option<String> {
        let text = self.string(table, key)?;
        if allowed.contains(&text.value.as_str()) {
            return Some(text.value);
        }
        let quoted: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
        self.problems.push(Problem {
            message: format!(
                "`{}` is not a valid `{key}`{}",
                text.value,
                did_you_mean(&text.value, allowed)
            ),
            help: format!("`{key}` is one of {}", quoted.join(", ")),
            location: text.location,
            subject: None,
        });
        None
    }

    fn number(&mut self, table: &DeTable<'_>, key: &str) -> Option<f64> {
        let value = table.get(key)?;
        let parsed = match value.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            _ => None,
        };
        match parsed {
            Some(n) if n.is_finite() => Some(n),
            _ => {
                self.wrong_type(value.span(), key, "a finite number", value.get_ref());
                None
            }
        }
    }
}

/// `[a-z0-9][a-z0-9-]*`
pub fn is_valid_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Splits a trailing parenthesised phrase off an objective as its phase.
fn split_phase(text: &Text) -> (String, Option<Text>) {
    let trimmed = text.value.trim_end();
    if trimmed.ends_with(')') {
        // Find the `(` that matches the final `)`.
        let mut depth = 0usize;
        for (i, c) in trimmed.char_indices().rev() {
            match c {
                ')' => depth += 1,
                '(' => {
                    depth -= 1;
                    if depth == 0 {
                        let statement = trimmed[..i].trim_end();
                        let phase = trimmed[i + 1..trimmed.len() - 1].trim();
                        if statement.is_empty() || phase.is_empty() {
                            break;
                        }
                        return (
                            statement.to_string(),
                            Some(Text {
                                value: phase.to_string(),
                                location: text.location.clone(),
                            }),
                        );
                    }
                }
                _ => {}
            }
        }
    }
    (text.value.trim().to_string(), None)
}

/// `<quarter>-<team>-<first four words>`, lowercased, with every run of
/// other characters turned into one hyphen: `2026-q2-security-build-centralized-secrets-management`.
pub fn derive_id(quarter: Quarter, team: &str, statement: &str) -> String {
    let words: Vec<String> = statement
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(4)
        .map(str::to_ascii_lowercase)
        .collect();
    let team = slug(team);
    let mut id = quarter.to_string().to_ascii_lowercase();
    if !team.is_empty() {
        id.push('-');
        id.push_str(&team);
    }
    for word in words {
        id.push('-');
        id.push_str(&word);
    }
    id
}

/// Lowercase ASCII letters and digits, other runs become one hyphen.
pub fn slug(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Commitment, Kind, Target};
    use crate::source::scan::scan;

    fn parse_one(chapter: &str, config: &Config) -> Parsed {
        let blocks = scan(chapter);
        assert_eq!(blocks.len(), 1, "one block expected");
        parse(&blocks[0], 0, &Context::default(), config)
    }

    fn config() -> Config {
        Config {
            quarter: Some("2026-Q2".parse().unwrap()),
            ..Config::default()
        }
    }

    fn objective(chapter: &str) -> Objective {
        match parse_one(chapter, &config()) {
            Parsed::Objective(o) => *o,
            other => panic!("not an objective: {other:?}"),
        }
    }

    fn problems(chapter: &str) -> Vec<(String, String)> {
        match parse_one(chapter, &config()) {
            Parsed::Invalid { problems, .. } => problems
                .into_iter()
                .map(|p| (p.message, chapter[p.location.span].to_string()))
                .collect(),
            other => panic!("not invalid: {other:?}"),
        }
    }

    const GOOD: &str = r#"# Plan

```okr
objective = "Build secrets management for product teams to remove hardcoded credentials (Core rollout)"
team = "security"

[[kr]]
text = "Launch the vault"
done = ["[x] Vault live", "[ ] CI reads from it", "Docs written"]

[[kr]]
id = "leaks"
text = "Reduce hardcoded secrets from 140 to 0"
metric = { from = 140, to = 0, current = 35, unit = "secrets" }
commitment = "stretch"
depends_on = ["ci#KR2", "ci", "team:data"]
```
"#;

    #[test]
    fn reads_an_objective_with_defaults() {
        let o = objective(GOOD);
        assert_eq!(o.team, "security");
        assert_eq!(o.quarter.to_string(), "2026-Q2");
        assert_eq!(o.phase.as_ref().unwrap().value, "Core rollout");
        assert_eq!(
            o.statement,
            "Build secrets management for product teams to remove hardcoded credentials"
        );
        assert_eq!(o.id, "2026-q2-security-build-secrets-management-for");
        assert!(!o.id_explicit);
        assert_eq!(o.krs[0].id, "KR1");
        assert_eq!(o.krs[0].kind, Kind::Delivery);
        assert_eq!(o.krs[0].commitment, Commitment::Committed);
        assert_eq!(
            o.krs[0]
                .done
                .iter()
                .map(|d| (d.text.as_str(), d.met))
                .collect::<Vec<_>>(),
            [
                ("Vault live", true),
                ("CI reads from it", false),
                ("Docs written", false)
            ]
        );
        assert_eq!(o.krs[1].id, "leaks");
        assert_eq!(o.krs[1].kind, Kind::Impact);
        assert_eq!(o.krs[1].commitment, Commitment::Stretch);
        assert_eq!(o.krs[1].score(), Some(105.0 / 140.0));
        assert_eq!(
            o.krs[1]
                .depends_on
                .iter()
                .map(|r| r.target.clone())
                .collect::<Vec<_>>(),
            [
                Target::KeyResult {
                    objective: "ci".into(),
                    kr: "KR2".into()
                },
                Target::Objective("ci".into()),
                Target::Team("data".into()),
            ]
        );
        // Spans point into the chapter.
        assert_eq!(
            &GOOD[o.krs[0].text.location.span.clone()],
            "\"Launch the vault\""
        );
    }

    #[test]
    fn a_kr_location_covers_its_whole_table() {
        let o = objective(GOOD);
        let first = &GOOD[o.krs[0].location.span.clone()];
        assert!(
            first.starts_with("[[kr]]\ntext = \"Launch the vault\""),
            "{first}"
        );
        assert!(first.trim_end().ends_with("\"Docs written\"]"), "{first}");
        let second = &GOOD[o.krs[1].location.span.clone()];
        assert!(second.ends_with("\"team:data\"]"), "{second}");
    }

    #[test]
    fn an_explicit_phase_keeps_parentheses_in_the_statement() {
        let o = objective(
            "```okr\nobjective = \"Cut cost (USD)\"\nphase = \"Pilot\"\n[[kr]]\ntext = \"x\"\n```\n",
        );
        assert_eq!(o.statement, "Cut cost (USD)");
        assert_eq!(o.phase.unwrap().value, "Pilot");
    }

    #[test]
    fn a_context_block() {
        match parse_one(
            "```okr\nteam = \"a\"\nquarter = \"2026-Q3\"\n```\n",
            &config(),
        ) {
            Parsed::Context(c) => {
                assert_eq!(c.team.as_deref(), Some("a"));
                assert_eq!(c.quarter.unwrap().to_string(), "2026-Q3");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn bad_toml_points_into_the_chapter() {
        let chapter = "# T\n\n```okr\nobjective = \"unterminated\n```\n";
        let p = problems(chapter);
        assert_eq!(p.len(), 1);
        assert!(p[0].0.starts_with("the block is not valid TOML"), "{p:?}");
    }

    #[test]
    fn unknown_keys_suggest_the_closest() {
        let p = problems(
            "```okr\nobjective = \"x\"\n[[kr]]\ntext = \"y\"\ncomitment = \"stretch\"\n```\n",
        );
        assert_eq!(
            p,
            [(
                "unknown key `comitment` in a key result; did you mean `commitment`?".to_string(),
                "comitment".to_string()
            )]
        );
        // The suggestion is data too, for the editor's quick fix.
        let Parsed::Invalid { problems, .. } = parse_one(
            "```okr\nobjective = \"x\"\n[[kr]]\ntext = \"y\"\ncomitment = \"stretch\"\nzzz = 1\n```\n",
            &config(),
        ) else {
            panic!("not invalid");
        };
        let subjects: Vec<_> = problems.into_iter().map(|p| p.subject).collect();
        let unknown = |key: &str, closest: Option<&str>| {
            Some(Subject::UnknownKey {
                key: key.into(),
                closest: closest.map(Into::into),
            })
        };
        assert_eq!(
            subjects,
            [
                unknown("comitment", Some("commitment")),
                unknown("zzz", None)
            ]
        );
    }

    #[test]
    fn wrong_types_and_values() {
        let p = problems(concat!(
            "```okr\nobjective = 5\nquarter = \"2026-Q5\"\n",
            "[[kr]]\ntext = \"y\"\nkind = \"outcome\"\ndone = \"all\"\n",
            "metric = { from = \"a\", to = 1 }\n```\n"
        ));
        let messages: Vec<&str> = p.iter().map(|(m, _)| m.as_str()).collect();
        assert!(
            messages.contains(&"`objective` must be a string, not integer"),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("2026-Q5")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("`outcome` is not a valid `kind`")),
            "{messages:?}"
        );
        assert!(
            messages.contains(&"`done` must be an array of strings, not string"),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("`from` must be a finite number")),
            "{messages:?}"
        );
    }

    #[test]
    fn missing_pieces() {
        let p = problems("```okr\nobjective = \"x\"\n```\n");
        assert_eq!(p[0].0, "the objective has no key results");
        let p = problems("```okr\nobjective = \"x\"\n[[kr]]\nid = \"a\"\n```\n");
        assert_eq!(p[0].0, "key result 1 has no `text`");
        let p = problems("```okr\nteam = \"a\"\n[[kr]]\ntext = \"a\"\n```\n");
        assert_eq!(p[0].0, "the block has no `objective`");
    }

    #[test]
    fn duplicate_kr_ids() {
        let p = problems(
            "```okr\nobjective = \"x\"\n[[kr]]\nid = \"KR2\"\ntext = \"a\"\n[[kr]]\ntext = \"b\"\n```\n",
        );
        assert_eq!(p.len(), 1);
        assert!(
            p[0].0.starts_with("two key results have the id `KR2`"),
            "{p:?}"
        );
        let p = problems(
            "```okr\nobjective = \"x\"\n[[kr]]\nid = \"Leaks Down\"\ntext = \"a\"\n[[kr]]\nid = \"leaks-down\"\ntext = \"b\"\n```\n",
        );
        assert_eq!(p.len(), 1);
        assert!(
            p[0].0.contains("differ only in case or punctuation"),
            "{p:?}"
        );
    }

    #[test]
    fn a_missing_team_is_invalid_only_when_teams_are_configured() {
        let chapter = "```okr\nobjective = \"x\"\n[[kr]]\ntext = \"a\"\n```\n";
        assert!(
            matches!(parse_one(chapter, &config()), Parsed::Objective(o) if o.team == UNASSIGNED_TEAM)
        );
        let with_teams = Config {
            teams: Some(vec!["a".into()]),
            ..config()
        };
        assert!(matches!(
            parse_one(chapter, &with_teams),
            Parsed::Invalid { .. }
        ));
    }

    #[test]
    fn ids_are_validated() {
        let p = problems("```okr\nid = \"Bad Id\"\nobjective = \"x\"\n[[kr]]\ntext = \"a\"\n```\n");
        assert_eq!(p[0].1, "\"Bad Id\"");
        assert!(is_valid_id("a-1"));
        assert!(!is_valid_id("-a"));
    }
}
