//! `unmeasurable`: a KR promises a change without saying how much.

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::{Context, Reads, Rule};

pub struct Unmeasurable;

impl Rule for Unmeasurable {
    fn name(&self) -> &'static str {
        "unmeasurable"
    }

    fn default_level(&self) -> Level {
        Level::Error
    }

    fn summary(&self) -> &'static str {
        "A KR leans on a vague verb of change (improve, optimize, ...) and gives no number"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Reports a Key Result whose sentence promises a change with vague wording
("improve", "optimize", "streamline", "speed up", "make ... more efficient")
while neither the sentence nor a `metric` says by how much.

## Why is this bad?

A verb like "improve" is satisfied by any movement at all, so at the end of
the quarter nobody can say whether the KR was met. The guidance is blunt
about it: such words are useless without a number or a success criterion.
A Definition of Done does not rescue the sentence; the KR itself should say
what changes and by how much, so that it can be graded at a glance.

## How it decides

- The KR's own statement is the text before a purpose clause ("... to
  reduce setup time", "so that ...", "enabling ..."): a delivery KR that
  names *why* with a vague verb is not itself vague.
- Vague wording is a word of the `vague` list in any inflection
  (`improve`, `improved`, `improvement`; `optimise`/`optimize`), a phrase
  of it (`speed up`, `drive down`), "make/get ... better/faster/more
  efficient", a statement that opens with a comparative ("Faster
  builds"), or one that opens with a WordNet verb of change of degree or
  amount that no list names ("tidy up", "pare down", "rev up", "up").
  Other senses are left alone: "cut over", "lower environments", "raise
  alerts", a noun that names a thing to ship ("the image optimization
  pipeline", "the browser extension"), growth towards a destination
  ("expand IPv6 to all internal services"), and what a result does ("an
  RFC that reduces the burden").
- A number anywhere in the sentence (`200ms`, `99.9%`, `$40k`, `twelve`,
  `half`), a duration that changes ("from 2:37 to 3:45 per session"), or
  a `metric`, makes it measurable. Names and labels are not
  numbers (`p95`, `IPv6`, `S3`, `Sev-2`, `Q2`, `2026`, `May 31`, an acronym
  and its number even at the start, `FIPS 140-2`, and an issue reference,
  `(#145)`, `repo/#145`), nor are "all", "every" or "none".
- The list is `[preprocessor.okr.words] vague` (`extend-vague` adds to it).

## Example

```toml
[[kr]]
text = "Improve API performance"
done = ["[ ] Dashboards updated"]
```

## Use instead

```toml
[[kr]]
text = "Reduce API p95 response time from 200ms to 100ms, measured across 1M requests"
```
"#
    }

    fn reads(&self) -> Reads {
        Reads::OwnFacts
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (o, k, _, kr) in cx.key_results() {
            if kr.metric.is_some() {
                continue;
            }
            let Some(range) = cx.facts.kr(o, k).text.unmeasurable() else {
                continue;
            };
            let words = &kr.text.value[range.clone()];
            out.push(
                    Finding::new(
                        self.name(),
                        format!(
                            "\"{}\" promises a change with \"{words}\" but gives no number to measure it",
                            kr.text.value
                        ),
                        "say what changes by how much: name the metric, its baseline and its target, \
                         like \"Reduce API p95 response time from 200ms to 100ms\"",
                    )
                    .on_kr(o, k)
                    .at(cx.plan.sub_location(&kr.text, range)),
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
            "Cut CI waiting time for backend engineers to ship faster",
            krs,
        );
        findings("unmeasurable", &[("src/a.md", &book)])
    }

    fn on(krs: &[&str]) -> Vec<(String, Option<String>)> {
        on_krs("o", krs)
    }

    #[test]
    fn vague_verbs_without_numbers_fire() {
        let found = check(&[
            r#"text = "Improve API performance""#,
            r#"text = "Improve test coverage"
done = ["[ ] Coverage report published"]"#,
            r#"text = "Streamline the backup process""#,
            r#"text = "Make GPU usage more efficient""#,
            r#"text = "Optimise build caching for all services""#,
            r#"text = "Speed up deploys for every team by Q3""#,
        ]);
        assert_eq!(found, on(&["KR1", "KR2", "KR3", "KR4", "KR5", "KR6"]));
    }

    #[test]
    fn numbers_metrics_and_other_wording_pass() {
        let found = check(&[
            r#"text = "Reduce API p95 response time from 200ms to 100ms""#,
            r#"text = "Cut NAT cost from $40k to $15k per month""#,
            r#"text = "Improve GPU utilisation"
metric = { from = 40, to = 70, unit = "%" }"#,
            r#"text = "Launch the developer portal for all teams to reduce service setup time""#,
            r#"text = "Cut over all traffic to the new load balancer""#,
            r#"text = "Increase line coverage of the payments service to 80%""#,
            r#"text = "Halve the number of flaky tests""#,
        ]);
        assert_eq!(found, []);
    }

    #[test]
    fn near_misses_in_other_wording() {
        let found = check(&[
            // Names that look like numbers do not make a sentence measurable.
            r#"text = "Improve p95 latency of the S3 gateway""#,
            r#"text = "Enhance IPv6 support in Q4""#,
            // A comparative as the whole statement is vague.
            r#"text = "Fewer pages for the on-call engineers""#,
            // A real target in other words is fine.
            r#"text = "Lower the monthly storage bill to under $12k""#,
            r#"text = "Hold availability of the checkout API at 99.95%""#,
        ]);
        assert_eq!(found, on(&["KR1", "KR2", "KR3"]));
    }

    #[test]
    fn extended_vague_words_fire() {
        let mut config = crate::lint::testing::config();
        config.words.vague.extend.push("jazz up".to_string());
        let book = objective("o", "x", &[r#"text = "Jazz up the status page""#]);
        let found =
            crate::lint::testing::findings_with(&config, "unmeasurable", &[("src/a.md", &book)]);
        assert_eq!(found, on(&["KR1"]));
    }

    #[test]
    fn points_at_the_vague_words() {
        let book = objective("o", "x", &[r#"text = "Streamline the backup process""#]);
        let diagnostics = crate::lint::testing::diagnostics_with(
            &crate::lint::testing::config(),
            "unmeasurable",
            &[("src/a.md", &book)],
        );
        let location = diagnostics[0].location.clone().unwrap();
        assert_eq!(&book[location.span], "Streamline");
        assert!(diagnostics[0].message.contains("\"Streamline\""));
    }
}
