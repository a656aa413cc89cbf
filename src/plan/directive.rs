//! The `{{#okr-index ...}}` directive's filters, read once when the plan is
//! built: lint reports the bad ones and the index shows what the good ones
//! select, from the same parse.

use crate::config::{Config, did_you_mean};
use crate::model::{Location, Quarter};

/// One `{{#okr-index ...}}` directive and what it asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// The directive as written, braces included.
    pub location: Location,
    /// Its filters, or every problem with them.
    pub filter: Result<Filter, Vec<FilterProblem>>,
}

/// What one directive asks to see.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    pub quarter: Option<Quarter>,
    pub team: Option<String>,
}

/// A problem with a directive's filters: a message and a help line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterProblem {
    pub message: String,
    pub help: String,
}

const FILTER_KEYS: &[&str] = &["quarter", "team"];
const DIRECTIVE: &str = "{{#okr-index";

/// Reads the filters of a directive as written, `{{#okr-index ...}}`.
pub fn parse_filter(directive: &str, config: &Config) -> Result<Filter, Vec<FilterProblem>> {
    let problem = |message: String, help: &str| FilterProblem {
        message,
        help: help.to_string(),
    };
    let inner = directive
        .trim()
        .strip_prefix(DIRECTIVE)
        .and_then(|rest| rest.strip_suffix("}}"))
        .unwrap_or_default();
    let mut filter = Filter::default();
    let mut problems = Vec::new();
    if !inner.is_empty() && !inner.starts_with(char::is_whitespace) {
        problems.push(problem(
            format!("`{}` is not an index directive", directive.trim()),
            "write `{{#okr-index}}`, optionally with `quarter=YYYY-Qn` and `team=<team>`",
        ));
        return Err(problems);
    }
    for word in inner.split_whitespace() {
        let Some((key, value)) = word.split_once('=') else {
            problems.push(problem(
                format!("the index filter `{word}` has no value"),
                "write filters as `key=value`, for example `quarter=2026-Q2` or `team=security`",
            ));
            continue;
        };
        let value = value.trim_matches(|c| c == '"' || c == '\'');
        match key {
            "quarter" => match value.parse::<Quarter>() {
                Ok(quarter) if filter.quarter.is_none() => filter.quarter = Some(quarter),
                Ok(_) => problems.push(problem(
                    "the index filter `quarter` is given twice".into(),
                    "give one `quarter=`; an index shows one quarter or all of them",
                )),
                Err(message) => problems.push(problem(
                    format!("bad index filter: {message}"),
                    "write the quarter as `YYYY-Qn`, for example `quarter=2026-Q2`",
                )),
            },
            "team" => {
                if filter.team.is_some() {
                    problems.push(problem(
                        "the index filter `team` is given twice".into(),
                        "give one `team=`; an index shows one team or all of them",
                    ));
                    continue;
                }
                if let Some(teams) = &config.teams
                    && !teams.iter().any(|t| t == value)
                {
                    let names: Vec<&str> = teams.iter().map(String::as_str).collect();
                    problems.push(problem(
                        format!(
                            "the index filter names an unknown team `{value}`{}",
                            did_you_mean(value, &names)
                        ),
                        "use a team listed in `teams` under [preprocessor.okr] in book.toml",
                    ));
                    continue;
                }
                if value.is_empty() {
                    problems.push(problem(
                        "the index filter `team` is empty".into(),
                        "write `team=<team id>`",
                    ));
                    continue;
                }
                filter.team = Some(value.to_string());
            }
            _ => problems.push(problem(
                format!(
                    "unknown index filter `{key}`{}",
                    did_you_mean(key, FILTER_KEYS)
                ),
                "the index knows the filters `quarter=YYYY-Qn` and `team=<team>`",
            )),
        }
    }
    if problems.is_empty() {
        Ok(filter)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_and_bad_ones_are_explained() {
        let config = Config {
            teams: Some(vec!["security".into(), "platform".into(), "data".into()]),
            ..Config::default()
        };
        assert_eq!(
            parse_filter("{{#okr-index}}", &config),
            Ok(Filter::default())
        );
        assert_eq!(
            parse_filter("{{#okr-index quarter=2026-Q1 team=data}}", &config),
            Ok(Filter {
                quarter: Some("2026-Q1".parse().unwrap()),
                team: Some("data".into())
            })
        );
        let problems = |d: &str| -> Vec<String> {
            parse_filter(d, &config)
                .unwrap_err()
                .into_iter()
                .map(|p| p.message)
                .collect()
        };
        assert_eq!(
            problems("{{#okr-index teem=data}}"),
            ["unknown index filter `teem`; did you mean `team`?"]
        );
        assert!(
            problems("{{#okr-index quarter=2026-Q5}}")[0].contains("`2026-Q5` is not a quarter")
        );
        assert_eq!(
            problems("{{#okr-index team=dta}}"),
            ["the index filter names an unknown team `dta`; did you mean `data`?"]
        );
        assert_eq!(problems("{{#okr-index quarter}}").len(), 1);
        assert_eq!(problems("{{#okr-indexes}}").len(), 1);
        assert_eq!(problems("{{#okr-index team=a team=b quarter=x}}").len(), 3);
    }
}
