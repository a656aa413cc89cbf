//! `missed-commitment`: a committed key result of a past quarter scored
//! below 1.0 and nobody wrote down why.

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::grade;
use crate::lint::{Context, Rule};

pub struct MissedCommitment;

impl Rule for MissedCommitment {
    fn name(&self) -> &'static str {
        "missed-commitment"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "A committed key result of a past quarter scored below 1.0 and has no `postmortem`"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Looks at the key results of quarters before the configured current
`quarter`. A committed key result whose score is below 1.0 and that has no
`postmortem` is reported.

## Why is this bad?

A committed key result is a promise other teams plan around: 1.0 is
expected, not hoped for. When one is missed, the people who relied on it
need to know why, and the team needs the lesson before it commits again. A
stretch goal may land at 0.6 or 0.7 and still be a success; a commitment may
not.

## How it decides

- The objective's quarter is earlier than `quarter` in `[preprocessor.okr]`;
  without a configured `quarter` the rule is silent.
- The key result is committed (`commitment = "committed"` or no
  `commitment`, which defaults to committed).
- Its score exists and is below 1.0, compared exactly before any rounding:
  0.97 is a miss even though it shows as 1.0. The score is the progress of
  the `metric` from `from` to `current` towards `to`, else the share of
  `done` items met. A key result with no score is not judged.
- `postmortem` is absent or blank.

## Example

```toml
quarter = "2026-Q1"

[[kr]]
text = "Cut NAT gateway alerts from 30 to 5 per month"
metric = { from = 30, to = 5, current = 6 }
```

## Use instead

```toml
quarter = "2026-Q1"

[[kr]]
text = "Cut NAT gateway alerts from 30 to 5 per month"
metric = { from = 30, to = 5, current = 6 }
postmortem = "One region kept its NAT gateway until the IPv6 rollout; see https://wiki/net/q1-review"
```
"#
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (o, k, objective, kr) in cx.key_results() {
            let Some(grade) = grade::past(cx.config.quarter, objective.quarter, kr) else {
                continue;
            };
            if !grade.is_missed() || grade.postmortem {
                continue;
            }
            let score = grade.score;
            out.push(
                Finding::new(
                    self.name(),
                    format!(
                        "committed key result \"{}\" of {} scored {} and has no `postmortem`",
                        kr.text.value,
                        objective.quarter,
                        show_score(score)
                    ),
                    "add `postmortem = \"...\"` to this key result: a sentence or a link \
                         saying why the commitment was missed and what changes next time",
                )
                .on_kr(o, k)
                .at(kr.text.location.clone()),
            );
        }
    }
}

/// Two decimals, unless rounding would show a miss as 1.00.
fn show_score(score: f64) -> String {
    let short = format!("{score:.2}");
    if short == "1.00" {
        score.to_string()
    } else {
        short
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::lint::testing::{config, findings, findings_with};

    fn block(quarter: &str, krs: &[&str]) -> String {
        let mut text = format!(
            "```okr\nid = \"o\"\nteam = \"a\"\nquarter = \"{quarter}\"\nobjective = \"Ship it to cut toil\"\n"
        );
        for kr in krs {
            text.push_str("[[kr]]\ntext = \"Result\"\n");
            text.push_str(kr);
            text.push('\n');
        }
        text.push_str("```\n");
        text
    }

    fn found(quarter: &str, krs: &[&str]) -> Vec<(String, Option<String>)> {
        let text = block(quarter, krs);
        findings("missed-commitment", &[("a.md", &text)])
    }

    fn kr(id: &str) -> (String, Option<String>) {
        ("o".to_string(), Some(id.to_string()))
    }

    #[test]
    fn a_past_committed_miss_without_postmortem_fires() {
        assert_eq!(
            found("2026-Q1", &["metric = { from = 30, to = 5, current = 6 }"]),
            [kr("KR1")]
        );
        assert_eq!(
            found("2025-Q4", &["done = [\"[x] a\", \"[ ] b\"]"]),
            [kr("KR1")]
        );
        assert_eq!(
            found(
                "2026-Q1",
                &["commitment = \"committed\"\nmetric = { from = 0, to = 100, current = 0 }"]
            ),
            [kr("KR1")]
        );
    }

    #[test]
    fn a_score_that_rounds_to_one_is_still_a_miss() {
        let text = block(
            "2026-Q1",
            &["metric = { from = 0, to = 100, current = 97 }"],
        );
        let d = crate::lint::testing::diagnostics_with(
            &config(),
            "missed-commitment",
            &[("a.md", &text)],
        );
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("0.97"), "{}", d[0].message);
        assert_eq!(super::show_score(0.999), "0.999");
    }

    #[test]
    fn only_the_missed_krs_fire() {
        let krs = [
            "done = [\"[x] a\"]",
            "metric = { from = 30, to = 5, current = 6 }",
            "metric = { from = 0, to = 25, current = 31 }",
        ];
        assert_eq!(found("2026-Q1", &krs), [kr("KR2")]);
    }

    #[test]
    fn met_stretch_explained_unscored_or_current_krs_pass() {
        assert!(found("2026-Q1", &["done = [\"[x] a\", \"[X] b\"]"]).is_empty());
        assert!(
            found(
                "2026-Q1",
                &["commitment = \"stretch\"\nmetric = { from = 0, to = 10, current = 6 }"]
            )
            .is_empty()
        );
        assert!(
            found(
                "2026-Q1",
                &["postmortem = \"Vendor slipped\"\ndone = [\"[ ] a\"]"]
            )
            .is_empty()
        );
        assert!(found("2026-Q1", &["metric = { from = 0, to = 10 }"]).is_empty());
        assert!(found("2026-Q1", &[""]).is_empty());
        assert!(found("2026-Q2", &["done = [\"[ ] a\"]"]).is_empty());
        assert!(found("2026-Q3", &["done = [\"[ ] a\"]"]).is_empty());
    }

    #[test]
    fn a_blank_postmortem_explains_nothing() {
        assert_eq!(
            found("2026-Q1", &["postmortem = \"  \"\ndone = [\"[ ] a\"]"]),
            [kr("KR1")]
        );
    }

    #[test]
    fn without_a_current_quarter_nothing_is_past() {
        let config = Config {
            quarter: None,
            ..config()
        };
        let text = block("2020-Q1", &["done = [\"[ ] a\"]"]);
        assert!(findings_with(&config, "missed-commitment", &[("a.md", &text)]).is_empty());
    }
}
