//! `objective-drift`: a team's multi-quarter objective is reworded from one
//! quarter to the next.

use crate::analysis::similarity::{DRIFT_THRESHOLD, drifts};
use crate::config::Level;
use crate::diagnostic::{Finding, Subject};
use crate::lint::{Context, Reads, Rule};

pub struct ObjectiveDrift;

impl Rule for ObjectiveDrift {
    fn name(&self) -> &'static str {
        "objective-drift"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "A team rewords the same objective between quarters instead of keeping one wording"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Finds a team's objective that is nearly, but not exactly, the statement of
one of its objectives in an earlier quarter, and reports it on the later
block, quoting both.

## Why is this bad?

A multi-quarter effort keeps one objective and changes only its phase
label. When the sentence is reworded each quarter, readers cannot tell
whether it is the same effort or a new one, the series falls apart in the
index, and small wording changes quietly move the goalposts.

## How it decides

- Only objectives of the same team in different quarters are compared, each
  without its phase label.
- Their content words are compared: words without stop words ("the",
  "for", "all", ...) and numbers, with simple plurals folded and compounds
  split into their parts. When the shared
  words are at least 60% of all the words of both, the statements are
  nearly the same.
- Statements that differ only in case, spacing or a closing full stop are
  the same objective, not drift (see `missing-phase-label` for those).
- A later block whose exact statement already appeared in an earlier
  quarter keeps an established wording and is not reported.
- Each later block is reported once, against its closest earlier statement.

## Example

```toml
# 2026-Q3
objective = "Roll out IPv6 for all internal services to remove NAT bottlenecks"
phase = "Dual-stack"

# 2026-Q4
objective = "Roll out IPv6 across internal services to remove NAT bottlenecks"
phase = "IPv6-only"
```

## Use instead

```toml
# 2026-Q4
objective = "Roll out IPv6 for all internal services to remove NAT bottlenecks"
phase = "IPv6-only"
```
"#
    }

    fn reads(&self) -> Reads {
        Reads::BookWords
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for drift in drifts(cx.plan, |o| &cx.words.statement(o).content) {
            let earlier = &cx.plan.objectives[drift.earlier];
            let later = &cx.plan.objectives[drift.later];
            out.push(
                Finding::new(
                    self.name(),
                    format!(
                        "the objective \"{}\" ({}) rewords \"{}\" of {} ({:.0}% of content words shared, \
                         {:.0}% or more counts as the same objective)",
                        later.statement,
                        later.quarter,
                        earlier.statement,
                        earlier.quarter,
                        drift.score * 100.0,
                        DRIFT_THRESHOLD * 100.0
                    ),
                    format!(
                        "keep the {} wording \"{}\" and change only the phase label; if this is \
                         new work, say so in a clearly different objective",
                        earlier.quarter, earlier.statement
                    ),
                )
                .on_objective(drift.later)
                .at(later.text.location.clone())
                .about(Subject::Drift {
                    earlier: drift.earlier,
                    later: drift.later,
                    score: drift.score,
                }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::testing::findings;

    const Q3: &str = "Roll out IPv6 for all internal services to remove NAT bottlenecks";
    const Q4: &str = "Roll out IPv6 across internal services to remove NAT bottlenecks";

    fn block(id: &str, team: &str, quarter: &str, objective: &str) -> String {
        format!(
            "```okr\nid = \"{id}\"\nteam = \"{team}\"\nquarter = \"{quarter}\"\nobjective = \"{objective}\"\n[[kr]]\ntext = \"x\"\n```\n"
        )
    }

    fn found(blocks: &[String]) -> Vec<(String, Option<String>)> {
        let text = blocks.concat();
        findings("objective-drift", &[("a.md", &text)])
    }

    fn ids(ids: &[&str]) -> Vec<(String, Option<String>)> {
        ids.iter().map(|id| (id.to_string(), None)).collect()
    }

    #[test]
    fn a_reworded_later_quarter_fires_on_the_later_block() {
        let blocks = [
            block("q4", "net", "2026-Q4", &format!("{Q4} (IPv6-only)")),
            block("q3", "net", "2026-Q3", &format!("{Q3} (Dual-stack)")),
        ];
        assert_eq!(found(&blocks), ids(&["q4"]));
    }

    #[test]
    fn other_rewordings_fire() {
        let pairs = [
            (
                "Migrate the payments service to Kubernetes to cut deploy time",
                "Migrate payments to Kubernetes to cut deploy time for the checkout team",
            ),
            (
                "Replace the homegrown blob store with object storage to cut storage incidents",
                "Replace the home-grown blob store with S3 object storage to cut storage incidents",
            ),
            (
                "Adopt Bazel for backend repositories to cut build times",
                "Adopt Bazel in all backend repositories to cut build time",
            ),
        ];
        for (earlier, later) in pairs {
            let blocks = [
                block("a", "t", "2026-Q1", earlier),
                block("b", "t", "2026-Q2", later),
            ];
            assert_eq!(found(&blocks), ids(&["b"]), "{later}");
        }
    }

    #[test]
    fn a_three_quarter_series_reports_only_the_rewording() {
        let blocks = [
            block("q2", "net", "2026-Q2", Q3),
            block("q3", "net", "2026-Q3", Q3),
            block("q4", "net", "2026-Q4", Q4),
            block("q5", "net", "2027-Q1", Q4),
        ];
        assert_eq!(found(&blocks), ids(&["q4"]));
    }

    #[test]
    fn case_spacing_and_same_wording_are_not_drift() {
        let blocks = [
            block("a", "net", "2026-Q3", Q3),
            block(
                "b",
                "net",
                "2026-Q4",
                &format!(" {}.", Q3.to_lowercase().replace(' ', "  ")),
            ),
        ];
        assert!(found(&blocks).is_empty());
    }

    #[test]
    fn other_teams_same_quarter_and_different_work_pass() {
        let blocks = [
            block("a", "net", "2026-Q3", Q3),
            block("b", "edge", "2026-Q4", Q4),
            block("c", "net", "2026-Q3", Q4),
            block(
                "d",
                "net",
                "2026-Q4",
                "Cut cross-region traffic cost for data teams to fund the GPU cluster",
            ),
            block(
                "e",
                "net",
                "2027-Q1",
                "Roll out IPv6 for customer-facing load balancers to meet carrier requirements",
            ),
        ];
        assert!(found(&blocks).is_empty());
    }
}
