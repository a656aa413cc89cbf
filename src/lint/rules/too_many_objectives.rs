//! `too-many-objectives`: a team plans more objectives in one quarter than
//! `max-objectives`.

use std::collections::BTreeMap;

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::{Context, Rule};
use crate::model::Quarter;

pub struct TooManyObjectives;

impl Rule for TooManyObjectives {
    fn name(&self) -> &'static str {
        "too-many-objectives"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "A team has more than `max-objectives` objectives in one quarter"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Counts each team's objectives per quarter, across the whole book, and
reports a team whose count for a quarter is above `max-objectives` (default
5). The finding is given once per team and quarter, on the first objective
past the limit in book order, and names all of them.

## Why is this bad?

A quarter is short. A team with many objectives has no priorities: every
objective gets a sliver of attention, and the people who depend on the team
cannot tell which promises will hold. A few objectives, each with its key
results, say what the team will really finish.

## How it decides

Objectives count by their `team` and `quarter` (given in the block, by a
context block or by the configuration), wherever in the book they are
written. Invalid blocks do not count. `max-objectives` in
`[preprocessor.okr]` sets the limit.

## Example

With `max-objectives = 2`:

```toml
# three blocks of team = "data", quarter = "2026-Q3"
objective = "Move the nightly ETL to the stream processor to cut data delay"
objective = "Catalogue every warehouse table for analysts to cut time spent finding data"
objective = "Encrypt all warehouse backups to meet the audit requirement"
```

## Use instead

Keep the two objectives that matter most this quarter and move the third to
a later quarter, or fold it into another objective as a key result.
"#
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let max = cx.config.max_objectives;
        let mut groups: BTreeMap<(&str, Quarter), Vec<usize>> = BTreeMap::new();
        for (index, objective) in cx.plan.objectives.iter().enumerate() {
            groups
                .entry((&objective.team, objective.quarter))
                .or_default()
                .push(index);
        }
        for ((team, quarter), members) in groups {
            if members.len() <= max {
                continue;
            }
            let first_over = members[max];
            let ids: Vec<String> = members
                .iter()
                .map(|&o| format!("`{}`", cx.plan.objectives[o].id))
                .collect();
            out.push(
                Finding::new(
                    self.name(),
                    format!(
                        "team `{team}` has {} objectives in {quarter}, more than the limit of {max}: {}",
                        members.len(),
                        ids.join(", ")
                    ),
                    format!(
                        "keep the {max} objectives that matter most in {quarter}; move the others \
                         to a later quarter or fold them into the remaining ones as key results"
                    ),
                )
                .on_objective(first_over)
                .at(cx.plan.objectives[first_over].text.location.clone()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::lint::testing::{config, findings, findings_with};

    fn block(id: &str, team: &str, quarter: &str) -> String {
        format!(
            "```okr\nid = \"{id}\"\nteam = \"{team}\"\nquarter = \"{quarter}\"\nobjective = \"Ship {id} to cut toil\"\n[[kr]]\ntext = \"x\"\n```\n"
        )
    }

    fn with_max(max: usize) -> Config {
        Config {
            max_objectives: max,
            ..config()
        }
    }

    fn one(id: &str) -> Vec<(String, Option<String>)> {
        vec![(id.to_string(), None)]
    }

    #[test]
    fn six_objectives_of_one_team_and_quarter_fire_once_on_the_sixth() {
        let text: String = (1..=7)
            .map(|i| block(&format!("o{i}"), "a", "2026-Q2"))
            .collect();
        assert_eq!(
            findings("too-many-objectives", &[("a.md", &text)]),
            one("o6")
        );
    }

    #[test]
    fn objectives_count_across_files() {
        let a = [block("a1", "a", "2026-Q2"), block("a2", "a", "2026-Q2")].concat();
        let b = block("b1", "a", "2026-Q2");
        let found = findings_with(
            &with_max(2),
            "too-many-objectives",
            &[("a.md", &a), ("b.md", &b)],
        );
        assert_eq!(found, one("b1"));
    }

    #[test]
    fn every_team_and_quarter_over_the_limit_is_reported() {
        let text = [
            block("x1", "x", "2026-Q2"),
            block("y1", "y", "2026-Q2"),
            block("x2", "x", "2026-Q2"),
            block("y2", "y", "2026-Q2"),
        ]
        .concat();
        let mut found = findings_with(&with_max(1), "too-many-objectives", &[("a.md", &text)]);
        found.sort();
        assert_eq!(found, [("x2".to_string(), None), ("y2".to_string(), None)]);
    }

    #[test]
    fn exactly_the_limit_passes() {
        let text: String = (1..=5)
            .map(|i| block(&format!("o{i}"), "a", "2026-Q2"))
            .collect();
        assert!(findings("too-many-objectives", &[("a.md", &text)]).is_empty());
    }

    #[test]
    fn other_quarters_do_not_add_up() {
        let text = [
            block("q2", "a", "2026-Q2"),
            block("q3", "a", "2026-Q3"),
            block("q4", "a", "2026-Q4"),
        ]
        .concat();
        assert!(findings_with(&with_max(1), "too-many-objectives", &[("a.md", &text)]).is_empty());
    }

    #[test]
    fn other_teams_do_not_add_up() {
        let text = [
            block("a", "a", "2026-Q2"),
            block("b", "b", "2026-Q2"),
            block("c", "c", "2026-Q2"),
        ]
        .concat();
        assert!(findings_with(&with_max(1), "too-many-objectives", &[("a.md", &text)]).is_empty());
    }
}
