//! `impact-without-metric`: an impact KR with nothing to measure it by.

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::{Context, Reads, Rule};
use crate::model::Kind;

pub struct ImpactWithoutMetric;

impl Rule for ImpactWithoutMetric {
    fn name(&self) -> &'static str {
        "impact-without-metric"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "A KR of kind impact has no metric and its text gives no target number"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Reports a Key Result labelled `kind = "impact"` that has no `metric` table
and whose sentence gives no target number.

## Why is this bad?

Calling a KR "impact" promises that it measures the outcome. An impact KR is
written as how + metric + outcome; without a number there is no metric, so
the label claims more than the sentence delivers and the score cannot be
computed.

## How it decides

- Only KRs whose kind is `impact` are checked; a `metric` makes them pass.
- Otherwise the sentence must hold a number: digits with an optional unit
  (`2`, `99.9%`, `200ms`, `$15k`) or a number word (`zero`, `twelve`,
  `half`). Names and labels such as `p95`, `IPv6`, `Q4` or `2026`, and
  quantifiers such as "all", do not count.

## Example

```toml
[[kr]]
kind = "impact"
text = "Make GPU usage more efficient"
```

## Use instead

```toml
[[kr]]
kind = "impact"
text = "Raise average GPU utilisation of training jobs from 35% to 60%"
metric = { from = 35, to = 60, unit = "%" }
```
"#
    }

    fn reads(&self) -> Reads {
        Reads::OwnFacts
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (o, k, _, kr) in cx.key_results() {
            if kr.kind != Kind::Impact || kr.metric.is_some() || cx.facts.kr(o, k).text.has_number()
            {
                continue;
            }
            out.push(
                    Finding::new(
                        self.name(),
                        format!(
                            "the impact KR \"{}\" has no `metric` and no target number",
                            kr.text.value
                        ),
                        "add `metric = { from = ..., to = ..., unit = \"...\" }` or write the target into \
                         the sentence, like \"Raise GPU utilisation from 35% to 60%\"",
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
            "Offer a shared GPU platform to cut time to a trained model",
            krs,
        );
        findings("impact-without-metric", &[("src/a.md", &book)])
    }

    fn on(krs: &[&str]) -> Vec<(String, Option<String>)> {
        on_krs("o", krs)
    }

    #[test]
    fn impact_krs_without_a_number_fire() {
        let found = check(&[
            "kind = \"impact\"\ntext = \"Make GPU usage more efficient\"",
            "kind = \"impact\"\ntext = \"Improve p95 latency of the S3 gateway\"",
            "kind = \"impact\"\ntext = \"Reduce incidents for all services in Q4\"",
            "kind = \"impact\"\ntext = \"Fewer pages\"\ndone = [\"[ ] Pages tracked\"]",
        ]);
        assert_eq!(found, on(&["KR1", "KR2", "KR3", "KR4"]));
    }

    #[test]
    fn a_metric_or_a_target_number_passes() {
        let found = check(&[
            "kind = \"impact\"\ntext = \"Raise GPU utilisation\"\nmetric = { from = 35, to = 60 }",
            "kind = \"impact\"\ntext = \"Reduce unplanned SLO misses from <baseline> to 2 per quarter\"",
            "kind = \"impact\"\ntext = \"Serve 25% of internal traffic over IPv6\"",
            "kind = \"impact\"\ntext = \"Reach zero hardcoded secrets in the top services\"",
            "kind = \"impact\"\ntext = \"Halve median queue time for training jobs\"",
        ]);
        assert_eq!(found, []);
    }

    #[test]
    fn other_kinds_are_not_checked() {
        let found = check(&[
            "text = \"Make GPU usage more efficient\"",
            "kind = \"delivery\"\ntext = \"Provide a notebook environment\"",
            "kind = \"discovery\"\ntext = \"Research GPU schedulers\"",
        ]);
        assert_eq!(found, []);
    }
}
