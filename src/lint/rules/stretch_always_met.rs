//! `stretch-always-met` (off by default): a team whose stretch key results
//! all scored 1.0 in graded quarters in a row.

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::{Context, Rule};

pub struct StretchAlwaysMet;

impl Rule for StretchAlwaysMet {
    fn name(&self) -> &'static str {
        "stretch-always-met"
    }

    fn default_level(&self) -> Level {
        Level::Off
    }

    fn summary(&self) -> &'static str {
        "A team met every stretch key result in two or more graded quarters in a row (off by default)"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Looks at each team's graded quarters (those whose last day is before
today) and reports a run of two or more quarters in a row in which every
stretch key result of the team scored 1.0. The finding points at the
stretch key results of the run's latest quarter. The rule is off by
default; turn it on with `stretch-always-met = "warning"` under
`[preprocessor.okr.rules]`.

## Why is this bad?

A stretch goal is an aspiration: scoring 0.6 to 0.7 on it is a success.
A team that meets all of them quarter after quarter is setting targets it
already knows it will reach. The plan then hides what the team could do,
and readers cannot tell its commitments from its ambitions.

## How it decides

It uses the scores of the plan as it is now: past quarters keep their
final values. "Today" is pinned by `MDBOOK_OKR_TODAY` or `today` in
`[preprocessor.okr]`, else it is the clock's day.

## Example

```toml
# 2025-Q4 and 2026-Q1 alike
[[kr]]
text = "Ship synonyms"
commitment = "stretch"
done = ["[x] Synonyms live"]
```

## Use instead

```toml
[[kr]]
text = "Serve 80% of queries with a result clicked in the top three"
commitment = "stretch"
metric = { from = 55, to = 80, unit = "%" }
```
"#
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(progress) = cx.progress else { return };
        for run in &progress.patterns.stretch_always_met {
            let quarters: Vec<String> = run.quarters.iter().map(ToString::to_string).collect();
            let latest = run.quarters.last().copied();
            for kr in run.krs.iter().filter(|kr| Some(kr.quarter) == latest) {
                let Some(key_result) = cx
                    .plan
                    .objectives
                    .get(kr.objective_index)
                    .and_then(|o| o.krs.get(kr.kr_index))
                else {
                    continue;
                };
                out.push(
                    Finding::new(
                        self.name(),
                        format!(
                            "team `{}` met every stretch key result in {}: \"{}\" is one of them",
                            run.team,
                            quarters.join(", "),
                            kr.text
                        ),
                        "set next quarter's stretch targets where 0.6 to 0.7 would be a success, \
                         or label results the team is sure of `committed`",
                    )
                    .on_kr(kr.objective_index, kr.kr_index)
                    .at(key_result.text.location.clone()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::{Config, Level};
    use crate::history::{History, progress};
    use crate::lint::testing::config;
    use crate::plan::Plan;

    fn quarter(id: &str, quarter: &str, done: &str) -> String {
        format!(
            "```okr\nid = \"{id}\"\nteam = \"search\"\nquarter = \"{quarter}\"\nobjective = \"Make search relevant so shoppers find products in {quarter}\"\n\n[[kr]]\ntext = \"Ship it\"\ncommitment = \"stretch\"\ndone = [\"{done} Live\"]\n```\n\n"
        )
    }

    fn found(text: &str) -> Vec<(Option<String>, Option<String>)> {
        let mut config: Config = config();
        config
            .rules
            .insert("stretch-always-met".into(), Level::Warning);
        let plan = Plan::from_chapter("search.md", text, &config);
        let today = "2026-05-15".parse().unwrap();
        let report = progress::report(&plan, &History::default(), &config.history, today);
        crate::lint::run_with_progress(&plan, &config, Some(&report))
            .into_iter()
            .filter(|d| d.rule == "stretch-always-met")
            .map(|d| (d.objective, d.kr))
            .collect()
    }

    #[test]
    fn two_graded_quarters_of_met_stretch_goals_fire_on_the_latest() {
        let text = quarter("q4", "2025-Q4", "[x]") + &quarter("q1", "2026-Q1", "[x]");
        assert_eq!(found(&text), [(Some("q1".into()), Some("KR1".into()))]);
    }

    #[test]
    fn a_missed_stretch_goal_a_gap_or_an_open_quarter_breaks_the_run() {
        let missed = quarter("q4", "2025-Q4", "[x]") + &quarter("q1", "2026-Q1", "[ ]");
        assert!(found(&missed).is_empty());
        let gap = quarter("q3", "2025-Q3", "[x]") + &quarter("q1", "2026-Q1", "[x]");
        assert!(found(&gap).is_empty());
        let open = quarter("q1", "2026-Q1", "[x]") + &quarter("q2", "2026-Q2", "[x]");
        assert!(found(&open).is_empty());
    }
}
