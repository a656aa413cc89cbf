//! `missing-definition-of-done`: a KR nobody could grade without debate.

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::{Context, Reads, Rule};

pub struct MissingDefinitionOfDone;

impl Rule for MissingDefinitionOfDone {
    fn name(&self) -> &'static str {
        "missing-definition-of-done"
    }

    fn default_level(&self) -> Level {
        Level::Error
    }

    fn summary(&self) -> &'static str {
        "A KR has no `done` items and no metric or baseline-to-target change that settles it"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Reports a Key Result with no `done` items (no Definition of Done), unless
its target already settles it: a `metric` with a target, or a sentence that
states a change of a measure from a baseline to a target.

## Why is this bad?

If people can argue at the end of the quarter about whether a KR was hit, it
was written poorly. Every KR, deliverable or not, needs criteria that make
success unambiguous. A measured change ("from 12 to 2 per quarter") is its
own criterion; "launch the portal" is not: launched for whom, working how?

## How it decides

- Any `done` item, met or open, satisfies the rule (whether the items are
  themselves clear is `vague-done-item`'s business).
- A `metric` always carries a target (`to`), so it satisfies the rule.
- A sentence satisfies it when both ends of "from ... to ..." are numbers
  ("from 25 minutes to 10 minutes", "from $40k to $15k") or it writes
  "N → M". A target without a baseline ("to 60%") or a level to hold
  ("below 2%") still needs a Definition of Done.

## Example

```toml
[[kr]]
text = "Launch developer portal with SSO for all engineering teams"
```

## Use instead

```toml
[[kr]]
text = "Launch developer portal with SSO for all engineering teams"
done = [
  "[ ] Portal reachable at internal.example.com/dev-portal",
  "[ ] SSO login works for all employees",
  "[ ] 10 developers from 3 teams onboarded a new service through it",
]
```
"#
    }

    fn reads(&self) -> Reads {
        Reads::OwnFacts
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (o, k, _, kr) in cx.key_results() {
            if !kr.done.is_empty() || kr.metric.is_some() || cx.facts.kr(o, k).text.states_change()
            {
                continue;
            }
            out.push(
                    Finding::new(
                        self.name(),
                        format!("\"{}\" has no Definition of Done", kr.text.value),
                        "add `done = [\"[ ] ...\"]` items that make success unambiguous (what is live, \
                         for whom, checked how), or state the measure with a baseline and a target, \
                         like \"from 12/quarter to 2/quarter\"",
                    )
                    .on_kr(o, k)
                    .at(kr.text.location.clone()),
                );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::testing::{findings, objective, on_krs};

    fn check(krs: &[&str]) -> Vec<(String, Option<String>)> {
        let book = objective(
            "o",
            "Move all databases to managed PostgreSQL to cut on-call load",
            krs,
        );
        findings("missing-definition-of-done", &[("src/a.md", &book)])
    }

    fn on(krs: &[&str]) -> Vec<(String, Option<String>)> {
        on_krs("o", krs)
    }

    #[test]
    fn krs_without_done_or_a_measured_change_fire() {
        let found = check(&[
            r#"text = "Streamline the backup process""#,
            r#"text = "Migrate 12 of 12 clusters to the managed service""#,
            r#"text = "Increase managed-service adoption to 60% of teams""#,
            r#"text = "Move backups from the old data centre to the cloud""#,
            r#"text = "Keep replication lag below 5 seconds""#,
        ]);
        assert_eq!(found, on(&["KR1", "KR2", "KR3", "KR4", "KR5"]));
    }

    #[test]
    fn done_items_metrics_and_measured_changes_pass() {
        let found = check(&[
            r#"text = "Migrate 12 of 12 clusters"
done = ["[ ] 12 of 12 clusters on the managed service"]"#,
            r#"text = "Cut database on-call pages from 20 to 4 per month""#,
            r#"text = "Cut restore time"
metric = { from = 6, to = 1, unit = "hours" }"#,
            r#"text = "Reduce NAT gateway cost from $40k to $15k per month""#,
            r#"text = "Failover time 15 min → 2 min""#,
        ]);
        assert_eq!(found, []);
    }

    #[test]
    fn near_misses_in_other_wording() {
        let found = check(&[
            // A placeholder baseline is not a number.
            r#"text = "Reduce unplanned SLO misses from <baseline> to 2 per quarter""#,
            // A version upgrade is not a measure.
            r#"text = "Upgrade every cluster from 14 to 16""#,
            r#"text = "Cut failed backups from 9 per week to zero""#,
        ]);
        assert_eq!(found, on(&["KR1", "KR2"]));
    }
}
