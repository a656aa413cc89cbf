//! `no-impact-kr`: none of an objective's KRs measures impact.

use crate::analysis::Facts;
use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::{Context, Reads, Rule};
use crate::model::{KeyResult, Kind};

pub struct NoImpactKr;

/// A KR measures impact when it says so with `kind`, carries a `metric`, or
/// states a change of a measure from a baseline to a target.
pub fn measures_impact(kr: &KeyResult, facts: &Facts<'_>) -> bool {
    kr.kind == Kind::Impact || kr.metric.is_some() || facts.states_change()
}

impl Rule for NoImpactKr {
    fn name(&self) -> &'static str {
        "no-impact-kr"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "No KR of the objective measures impact (kind, metric, or a baseline-to-target change)"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Reports an objective none of whose Key Results measures impact. A KR
measures impact when its `kind` is `impact`, when it has a `metric`, or when
its sentence states a change of a measure from a baseline to a target.

## Why is this bad?

The other KRs can be deliverables, but at least one should show that the
work changed something for the people it is for. Platform impact is often
hard to measure; then measure progress in whatever way you can, and grow
the measurement over time. An objective made only of deliverables can be
"done" without anyone being better off.

## How it decides

- `kind = "impact"` or a `metric` table counts, whatever the sentence says.
- A sentence counts when both ends of "from ... to ..." are numbers ("from
  12/quarter to 2/quarter", "from $90k to $50k", "from 6 hours to 30
  minutes") or it writes "200ms → 100ms". A move ("from the blob store to
  object storage"), a version upgrade ("Postgres from 12 to 16"), a level to
  hold ("keep error budget burn below 2%") and a target without a baseline
  ("to 60%") do not.
- An objective with no KRs is left to `kr-count`.

## Example

```toml
objective = "Roll out tracing for customer-facing services to cut time to find faults"

[[kr]]
text = "Instrument all 75 customer-facing services with tracing"

[[kr]]
text = "Hold error budget burn for the tracing pipeline below 2% per week"
```

## Use instead

```toml
[[kr]]
text = "Cut median time to find the faulty service in an incident from 40 minutes to 10 minutes"
metric = { from = 40, to = 10, unit = "minutes" }
```
"#
    }

    fn reads(&self) -> Reads {
        Reads::OwnFacts
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (o, objective) in cx.objectives() {
            let facts = &cx.facts.objective(o).krs;
            if objective.krs.is_empty()
                || objective
                    .krs
                    .iter()
                    .zip(facts)
                    .any(|(kr, facts)| measures_impact(kr, &facts.text))
            {
                continue;
            }
            out.push(
                Finding::new(
                    self.name(),
                    format!(
                        "no Key Result of \"{}\" measures impact: none has `kind = \"impact\"`, a `metric`, \
                         or a change from a baseline to a target",
                        objective.statement
                    ),
                    "add a KR that measures the outcome with a baseline and a target, like \
                     \"Reduce P1 incidents from 12/quarter to 2/quarter\", or give one a `metric`",
                )
                .on_objective(o)
                .at(objective.text.location.clone()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::testing::{findings, objective};

    fn check(krs: &[&str]) -> Vec<(String, Option<String>)> {
        let book = objective(
            "o",
            "Serve every API from the new cluster to cut hosting cost",
            krs,
        );
        findings("no-impact-kr", &[("src/a.md", &book)])
    }

    fn fires() -> Vec<(String, Option<String>)> {
        vec![("o".to_string(), None)]
    }

    #[test]
    fn deliverables_only_fire() {
        assert_eq!(
            check(&[
                r#"text = "Instrument all 75 customer-facing services with tracing""#,
                r#"text = "Hold error budget burn for the tracing pipeline below 2% per week""#,
            ]),
            fires()
        );
        assert_eq!(
            check(&[r#"text = "Migrate all 48 services from the blob store to object storage""#]),
            fires()
        );
        assert_eq!(
            check(&[
                r#"text = "Upgrade every Postgres cluster from 12 to 16""#,
                r#"text = "Increase platform adoption to 60% of teams""#,
            ]),
            fires()
        );
    }

    #[test]
    fn one_impact_kr_is_enough() {
        assert_eq!(
            check(&[
                r#"text = "Move all 8 APIs to the new cluster""#,
                r#"text = "Cut hosting cost from $20k to $9k per month""#,
            ]),
            []
        );
        assert_eq!(
            check(&[
                r#"text = "Move all 8 APIs""#,
                r#"text = "Serve 25% of traffic over IPv6"
metric = { from = 0, to = 25, unit = "%" }"#,
            ]),
            []
        );
        assert_eq!(
            check(&[
                r#"text = "Move all 8 APIs""#,
                r#"kind = "impact"
text = "Reduce unplanned SLO misses to 2 per quarter""#,
            ]),
            []
        );
    }

    #[test]
    fn near_misses_in_other_wording() {
        // A rewritten arrow and time units count; a percentage to hold does not.
        assert_eq!(
            check(&[r#"text = "Checkout p99 latency 900ms → 300ms""#]),
            []
        );
        assert_eq!(
            check(&[r#"text = "Cut restore time from 6 hours to 45 minutes""#]),
            []
        );
        assert_eq!(
            check(&[r#"text = "Keep availability at 99.95% all quarter""#]),
            fires()
        );
    }
}
