//! `team-without-okrs`: a configured team has no objective in the current
//! quarter.

use std::collections::HashSet;

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::{Context, Rule};

pub struct TeamWithoutOkrs;

impl Rule for TeamWithoutOkrs {
    fn name(&self) -> &'static str {
        "team-without-okrs"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "A configured team has no objective in the current quarter"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

When both `teams` and `quarter` are set in `[preprocessor.okr]`, reports
each listed team that has no objective in that quarter anywhere in the book.
The finding is about the book as a whole, so it has no file position.

## Why is this bad?

One shared set of plans is where gaps show: a team that others depend on
but that has written nothing for the quarter is a risk nobody sees until
the work is late. Either the team's plan is missing, or the team list is out
of date.

## How it decides

A team counts as covered by any valid objective whose team and quarter
match, whether they were written in the block, come from a context block or
from the configuration. A chapter holding only a context block for the team
gives it no objective. Each listed team is reported at most once.

## Example

```toml
[preprocessor.okr]
quarter = "2026-Q4"
teams = ["build", "storage", "dx"]   # no block has team = "dx" in 2026-Q4
```

## Use instead

Write the `dx` team's objectives for 2026-Q4, or remove `dx` from `teams`
if the team no longer exists.
"#
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let (Some(teams), Some(quarter)) = (&cx.config.teams, cx.config.quarter) else {
            return;
        };
        let covered: HashSet<&str> = cx
            .plan
            .objectives
            .iter()
            .filter(|o| o.quarter == quarter)
            .map(|o| o.team.as_str())
            .collect();
        let mut reported = HashSet::new();
        for team in teams {
            if covered.contains(team.as_str()) || !reported.insert(team) {
                continue;
            }
            out.push(Finding::new(
                self.name(),
                format!("team `{team}` has no objective in {quarter}"),
                format!(
                    "write the objectives of `{team}` for {quarter}, or remove `{team}` from \
                     `teams` in [preprocessor.okr] if the team no longer plans work"
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::lint::testing::{config, diagnostics_with, findings_with};

    fn with_teams(teams: &[&str]) -> Config {
        Config {
            teams: Some(teams.iter().map(|t| t.to_string()).collect()),
            ..config()
        }
    }

    fn block(team: &str, quarter: &str) -> String {
        format!(
            "```okr\nteam = \"{team}\"\nquarter = \"{quarter}\"\nobjective = \"Ship it to cut toil\"\n[[kr]]\ntext = \"x\"\n```\n"
        )
    }

    fn messages(config: &Config, text: &str) -> Vec<String> {
        let d = diagnostics_with(config, "team-without-okrs", &[("a.md", text)]);
        for diagnostic in &d {
            assert_eq!(
                (&diagnostic.objective, &diagnostic.kr, &diagnostic.location),
                (&None, &None, &None)
            );
        }
        d.into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn a_team_with_nothing_fires_once_without_a_place() {
        let text = block("a", "2026-Q2");
        assert_eq!(
            messages(&with_teams(&["a", "b", "b"]), &text),
            ["team `b` has no objective in 2026-Q2"]
        );
    }

    #[test]
    fn objectives_of_other_quarters_do_not_count() {
        let text = [
            block("a", "2026-Q1"),
            block("a", "2026-Q3"),
            block("b", "2026-Q2"),
        ]
        .concat();
        assert_eq!(
            messages(&with_teams(&["a", "b"]), &text),
            ["team `a` has no objective in 2026-Q2"]
        );
    }

    #[test]
    fn a_context_block_alone_gives_no_objective() {
        let text = format!(
            "```okr\nteam = \"c\"\nquarter = \"2026-Q2\"\n```\n{}",
            block("a", "2026-Q2")
        );
        assert_eq!(
            messages(&with_teams(&["a", "c"]), &text),
            ["team `c` has no objective in 2026-Q2"]
        );
    }

    #[test]
    fn every_missing_team_is_reported() {
        assert_eq!(
            messages(&with_teams(&["z", "y"]), ""),
            [
                "team `y` has no objective in 2026-Q2",
                "team `z` has no objective in 2026-Q2"
            ]
        );
    }

    #[test]
    fn covered_teams_pass_including_through_a_context_block() {
        let text = format!(
            "```okr\nteam = \"b\"\n```\n```okr\nobjective = \"Ship it to cut toil\"\n[[kr]]\ntext = \"x\"\n```\n{}",
            block("a", "2026-Q2")
        );
        assert!(
            findings_with(
                &with_teams(&["a", "b"]),
                "team-without-okrs",
                &[("a.md", &text)]
            )
            .is_empty()
        );
    }

    #[test]
    fn silent_without_teams_or_quarter() {
        let no_teams = config();
        assert!(findings_with(&no_teams, "team-without-okrs", &[("a.md", "")]).is_empty());
        let no_quarter = Config {
            quarter: None,
            ..with_teams(&["a"])
        };
        assert!(findings_with(&no_quarter, "team-without-okrs", &[("a.md", "")]).is_empty());
    }
}
