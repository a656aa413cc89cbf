//! `missing-phase-label`: an objective carried over several quarters has a
//! block without a phase label.

use crate::analysis::similarity::series;
use crate::config::Level;
use crate::diagnostic::{Finding, Subject};
use crate::lint::{Context, Rule};

pub struct MissingPhaseLabel;

impl Rule for MissingPhaseLabel {
    fn name(&self) -> &'static str {
        "missing-phase-label"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "A team repeats an objective over quarters and a block of it has no phase label"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Finds objectives that one team carries over two or more quarters with the
same statement, and reports each block of such a series that has no phase
label.

## Why is this bad?

Platform work often outlives a quarter. Repeating the same objective is
right: it shows the work is one effort. But without a label saying which
stage this quarter covers (discovery, core rollout, migration of the last
services), readers cannot tell one quarter's block from the next, and
months later nobody remembers how far the effort had got.

## How it decides

- Two blocks are the same objective when they have the same team and the
  same statement once the phase label is removed, ignoring case, spacing and
  a closing full stop.
- The blocks must span at least two different quarters.
- A block has a phase label when it sets `phase`, or its objective ends in a
  parenthesised phrase such as `(Core services extraction)`.
- Every block of the series without a label is reported.

## Example

```toml
# 2026-Q3
objective = "Replace the homegrown blob store with object storage to cut storage incidents"
phase = "Design and pilot"

# 2026-Q4
objective = "Replace the homegrown blob store with object storage to cut storage incidents"
```

## Use instead

```toml
# 2026-Q4
objective = "Replace the homegrown blob store with object storage to cut storage incidents"
phase = "Migration of all services"
```
"#
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for group in series(cx.plan) {
            let quarters: Vec<String> = group
                .quarters(cx.plan)
                .iter()
                .map(|q| q.to_string())
                .collect();
            for &index in &group.objectives {
                let objective = &cx.plan.objectives[index];
                if objective
                    .phase
                    .as_ref()
                    .is_some_and(|p| !p.value.trim().is_empty())
                {
                    continue;
                }
                out.push(
                    Finding::new(
                        self.name(),
                        format!(
                            "team `{}` has the objective \"{}\" in {}, and this {} block has no phase label",
                            objective.team,
                            objective.statement,
                            quarters.join(", "),
                            objective.quarter
                        ),
                        "name the stage this quarter covers: add `phase = \"...\"`, or end the \
                         objective with it in parentheses, such as \"(Core services extraction)\"",
                    )
                    .on_objective(index)
                    .at(objective.text.location.clone())
                    .about(Subject::Series {
                        objectives: group.objectives.clone(),
                    }),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::testing::findings;

    const BLOB: &str =
        "Replace the homegrown blob store with object storage to cut storage incidents";

    fn block(id: &str, team: &str, quarter: &str, objective: &str, phase: Option<&str>) -> String {
        let phase = phase
            .map(|p| format!("phase = \"{p}\"\n"))
            .unwrap_or_default();
        format!(
            "```okr\nid = \"{id}\"\nteam = \"{team}\"\nquarter = \"{quarter}\"\nobjective = \"{objective}\"\n{phase}[[kr]]\ntext = \"x\"\n```\n"
        )
    }

    fn found(blocks: &[String]) -> Vec<(String, Option<String>)> {
        let text = blocks.concat();
        findings("missing-phase-label", &[("a.md", &text)])
    }

    fn ids(ids: &[&str]) -> Vec<(String, Option<String>)> {
        ids.iter().map(|id| (id.to_string(), None)).collect()
    }

    #[test]
    fn the_unlabelled_later_block_fires() {
        let blocks = [
            block("q3", "storage", "2026-Q3", BLOB, Some("Design and pilot")),
            block("q4", "storage", "2026-Q4", BLOB, None),
        ];
        assert_eq!(found(&blocks), ids(&["q4"]));
    }

    #[test]
    fn every_unlabelled_block_fires_whatever_the_case_and_spacing() {
        let shouting = BLOB.to_uppercase().replace(' ', "  ");
        let blocks = [
            block("q2", "storage", "2026-Q2", BLOB, None),
            block("q3", "storage", "2026-Q3", &format!("{BLOB} (Pilot)"), None),
            block("q4", "storage", "2026-Q4", &format!("{shouting}."), None),
        ];
        assert_eq!(found(&blocks), ids(&["q2", "q4"]));
    }

    #[test]
    fn a_blank_phase_is_no_label() {
        let blocks = [
            block("q3", "storage", "2026-Q3", BLOB, Some("Pilot")),
            block("q4", "storage", "2026-Q4", BLOB, Some(" ")),
        ];
        assert_eq!(found(&blocks), ids(&["q4"]));
    }

    #[test]
    fn labelled_series_pass() {
        let blocks = [
            block("q3", "storage", "2026-Q3", &format!("{BLOB} (Pilot)"), None),
            block("q4", "storage", "2026-Q4", BLOB, Some("Migration")),
        ];
        assert!(found(&blocks).is_empty());
    }

    #[test]
    fn other_teams_same_quarter_and_reworded_statements_are_no_series() {
        let blocks = [
            block("a", "storage", "2026-Q3", BLOB, None),
            block("b", "network", "2026-Q4", BLOB, None),
            block("c", "storage", "2026-Q3", BLOB, None),
            block(
                "d",
                "storage",
                "2026-Q4",
                &BLOB.replace("cut", "reduce"),
                None,
            ),
        ];
        assert!(found(&blocks).is_empty());
    }
}
