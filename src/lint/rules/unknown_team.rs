//! `unknown-team`: a block names a team that `teams` does not list.

use std::collections::HashSet;

use crate::config::{Level, did_you_mean};
use crate::diagnostic::Finding;
use crate::lint::{Context, Rule};
use crate::plan::BlockContent;

pub struct UnknownTeam;

impl Rule for UnknownTeam {
    fn name(&self) -> &'static str {
        "unknown-team"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "A block's team is not one of the configured `teams`"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

When `teams` is set in `[preprocessor.okr]`, reports every objective whose
team is not in that list, and suggests the closest known team.

## Why is this bad?

A misspelt team splits one team's plan in two: the index shows a phantom
team, the real team looks as if it had no objectives, and `team:` asks
addressed to it go nowhere.

## How it decides

The team is compared exactly with the listed names, whether it was written
in the block or inherited from a context block. A context block with an
unknown team is reported itself only when no objective carries that team
(for example, a chapter holding only the context block); otherwise each
objective is reported.

## Example

```toml
[preprocessor.okr]
teams = ["platform", "security"]
```

```toml
team = "platfrom"
objective = "Give product teams one deploy tool to cut failed deploys"
```

## Use instead

```toml
team = "platform"
objective = "Give product teams one deploy tool to cut failed deploys"
```

Or add the new team to `teams` if it is real.
"#
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(teams) = &cx.config.teams else {
            return;
        };
        let names: Vec<&str> = teams.iter().map(String::as_str).collect();
        let known = |team: &str| names.contains(&team);
        let finding = |team: &str| {
            Finding::new(
                self.name(),
                format!(
                    "team `{team}` is not in `teams` of [preprocessor.okr]{}",
                    did_you_mean(team, &names)
                ),
                format!(
                    "use one of the configured teams ({}), or add `{team}` to `teams` if it is a new team",
                    names.join(", ")
                ),
            )
        };
        let mut with_objectives = HashSet::new();
        for (index, objective) in cx.plan.objectives.iter().enumerate() {
            with_objectives.insert(objective.team.as_str());
            if !known(&objective.team) {
                out.push(
                    finding(&objective.team)
                        .on_objective(index)
                        .at(objective.location.clone()),
                );
            }
        }
        for block in &cx.plan.blocks {
            if let BlockContent::Context(context) = &block.content
                && let Some(team) = context.team.as_deref()
                && !known(team)
                && !with_objectives.contains(team)
            {
                out.push(finding(team).at(block.location.clone()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::lint::testing::{config, diagnostics_with, findings, findings_with};

    fn teams() -> Config {
        Config {
            teams: Some(vec!["platform".into(), "security".into()]),
            ..config()
        }
    }

    fn block(id: &str, team: &str) -> String {
        format!(
            "```okr\nid = \"{id}\"\nteam = \"{team}\"\nobjective = \"Ship it to cut toil\"\n[[kr]]\ntext = \"x\"\n```\n"
        )
    }

    fn one(id: &str) -> Vec<(String, Option<String>)> {
        vec![(id.to_string(), None)]
    }

    #[test]
    fn a_misspelt_team_fires_with_a_suggestion() {
        let text = block("o", "platfrom");
        assert_eq!(
            findings_with(&teams(), "unknown-team", &[("a.md", &text)]),
            one("o")
        );
        let d = diagnostics_with(&teams(), "unknown-team", &[("a.md", &text)]);
        assert!(
            d[0].message.contains("did you mean `platform`"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn a_team_far_from_every_name_fires_without_a_guess() {
        let text = block("o", "purple");
        let d = diagnostics_with(&teams(), "unknown-team", &[("a.md", &text)]);
        assert_eq!(d.len(), 1);
        assert!(!d[0].message.contains("did you mean"), "{}", d[0].message);
    }

    #[test]
    fn a_team_inherited_from_a_context_block_fires_on_each_objective() {
        let text = "```okr\nteam = \"Security\"\n```\n```okr\nid = \"a\"\nobjective = \"Ship it to cut toil\"\n[[kr]]\ntext = \"x\"\n```\n```okr\nid = \"b\"\nobjective = \"Ship more to cut toil\"\n[[kr]]\ntext = \"x\"\n```\n";
        assert_eq!(
            findings_with(&teams(), "unknown-team", &[("a.md", text)]),
            [("a".to_string(), None), ("b".to_string(), None)]
        );
    }

    #[test]
    fn a_lone_context_block_with_an_unknown_team_fires_on_the_block() {
        let text = "```okr\nteam = \"secruity\"\nquarter = \"2026-Q2\"\n```\n";
        let d = diagnostics_with(&teams(), "unknown-team", &[("a.md", text)]);
        assert_eq!(d.len(), 1);
        assert!(d[0].location.is_some() && d[0].objective.is_none());
    }

    #[test]
    fn known_teams_pass() {
        let text = [block("a", "platform"), block("b", "security")].concat();
        assert!(findings_with(&teams(), "unknown-team", &[("a.md", &text)]).is_empty());
        let context = "```okr\nteam = \"security\"\n```\n";
        assert!(findings_with(&teams(), "unknown-team", &[("a.md", context)]).is_empty());
    }

    /// `init` writes `teams = []` before any team is known: then no team,
    /// and no `team:` reference, is unknown, and no team lacks OKRs.
    #[test]
    fn an_empty_team_list_knows_no_team_yet() {
        let table: toml::Table =
            toml::from_str("quarter = \"2026-Q2\"\nteams = []\n").expect("TOML");
        let config = Config::from_table(Some(&table)).expect("a valid configuration");
        let text = format!(
            "{}```okr\nid = \"b\"\nobjective = \"Ship more to cut toil\"\n[[kr]]\ntext = \"x\"\ndepends_on = [\"team:platform\"]\n```\n",
            block("a", "anything")
        );
        for rule in [
            "unknown-team",
            "team-without-okrs",
            "unknown-dependency",
            "invalid-block",
        ] {
            assert!(
                diagnostics_with(&config, rule, &[("a.md", &text)]).is_empty(),
                "{rule} fires with `teams = []`"
            );
        }
    }

    #[test]
    fn any_team_passes_without_a_team_list() {
        let text = block("a", "anything");
        assert!(findings("unknown-team", &[("a.md", &text)]).is_empty());
    }
}
