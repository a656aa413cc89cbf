//! `kr-count`: an objective with too few or too many key results.

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::{Context, Rule};

pub struct KrCount;

impl Rule for KrCount {
    fn name(&self) -> &'static str {
        "kr-count"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "An objective has fewer than `min-krs` or more than `max-krs` key results"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Counts the `[[kr]]` tables of each objective and reports an objective with
fewer than `min-krs` (default 3) or more than `max-krs` (default 5).

## Why is this bad?

Three to five key results is the range where an objective is both covered
and focused. One or two rarely pin down whether the objective was reached,
and usually lack either an impact measure or the deliveries behind it. Six
or more spread a team thin and hide which results matter.

## How it decides

Only the number of key results counts, whatever their kind or commitment.
`min-krs` and `max-krs` in `[preprocessor.okr]` set the range. Too many are
reported at the first key result past the limit; too few at the objective.
A block with no key result at all is already an `invalid-block` error.

## Example

```toml
objective = "Retire the legacy VPN for remote staff to cut access tickets"

[[kr]]
text = "Move all 900 staff to the zero-trust proxy"
```

## Use instead

```toml
objective = "Retire the legacy VPN for remote staff to cut access tickets"

[[kr]]
text = "Move all 900 staff to the zero-trust proxy"
done = ["[ ] 900 of 900 staff signed in through the proxy"]

[[kr]]
text = "Cut access tickets from 120 to 30 per month"

[[kr]]
text = "Shut down the 2 VPN concentrators"
done = ["[ ] Both concentrators powered off"]
```
"#
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let (min, max) = (cx.config.min_krs, cx.config.max_krs);
        for (index, objective) in cx.plan.objectives.iter().enumerate() {
            let count = objective.krs.len();
            let finding = if count < min {
                Finding::new(
                    self.name(),
                    format!(
                        "the objective has {count} key result{}; write at least {min}",
                        plural(count)
                    ),
                    "add key results until the objective is covered: at least one that measures \
                     impact (a metric from a baseline to a target) and the deliveries it needs, \
                     each with a Definition of Done",
                )
                .at(objective.text.location.clone())
            } else if count > max {
                Finding::new(
                    self.name(),
                    format!("the objective has {count} key results; keep it to at most {max}"),
                    "keep the results that decide whether the objective is met; move the rest \
                     into another objective or into the Definition of Done of a remaining one",
                )
                .at(objective.krs[max].location.clone())
            } else {
                continue;
            };
            out.push(finding.on_objective(index));
        }
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::lint::testing::{config, findings, findings_with, objective};

    fn krs(n: usize) -> Vec<String> {
        (1..=n)
            .map(|i| format!("text = \"Ship part {i}\""))
            .collect()
    }

    fn block(id: &str, n: usize) -> String {
        let krs = krs(n);
        let refs: Vec<&str> = krs.iter().map(String::as_str).collect();
        objective(id, "Ship the thing to cut toil", &refs)
    }

    fn ids(found: Vec<(String, Option<String>)>) -> Vec<String> {
        found
            .into_iter()
            .map(|(o, kr)| {
                assert_eq!(kr, None);
                o
            })
            .collect()
    }

    #[test]
    fn too_few_and_too_many_fire_on_the_objective() {
        for (n, fires) in [
            (1, true),
            (2, true),
            (3, false),
            (4, false),
            (5, false),
            (6, true),
            (9, true),
        ] {
            let text = block("o", n);
            let found = ids(findings("kr-count", &[("a.md", &text)]));
            assert_eq!(found == ["o"], fires, "{n} KRs");
            assert!(found.len() <= 1);
        }
    }

    #[test]
    fn the_range_comes_from_the_configuration() {
        let config = Config {
            min_krs: 1,
            max_krs: 2,
            ..config()
        };
        let book = |n| block("o", n);
        for (n, fires) in [(1, false), (2, false), (3, true)] {
            let text = book(n);
            let found = ids(findings_with(&config, "kr-count", &[("a.md", &text)]));
            assert_eq!(found == ["o"], fires, "{n} KRs with 1..=2");
        }
    }

    #[test]
    fn each_objective_is_judged_alone() {
        let text = [block("few", 2), block("fine", 3), block("many", 6)].concat();
        assert_eq!(
            ids(findings("kr-count", &[("a.md", &text)])),
            ["few", "many"]
        );
    }

    #[test]
    fn the_message_gives_the_count_and_the_limit() {
        let text = block("o", 6);
        let d = crate::lint::testing::diagnostics_with(&config(), "kr-count", &[("a.md", &text)]);
        assert!(d[0].message.contains("6 key results") && d[0].message.contains("at most 5"));
    }
}
