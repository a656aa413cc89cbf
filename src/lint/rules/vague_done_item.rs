//! `vague-done-item`: a Definition of Done item that settles nothing.

use std::ops::Range;

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::{Context, Reads, Rule};
use crate::model::{DoneItem, Location, Text};
use crate::plan::Plan;

pub struct VagueDoneItem;

impl Rule for VagueDoneItem {
    fn name(&self) -> &'static str {
        "vague-done-item"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "A Definition of Done item is itself unmeasurable or an activity"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Reports a `done` item that is itself unmeasurable (vague wording of change
with no number) or an activity rather than a result, by the same tests as
`unmeasurable` and `activity-not-outcome`. The finding is on the KR, quotes
the item and points at it.

## Why is this bad?

The Definition of Done exists to make a KR's success unambiguous. An item
such as "Make docs better" or "Discuss the rollout with teams" can be
ticked by anyone at any time, so the checklist stops settling anything.

## How it decides

- Unmeasurable: the item leans on a word of the `vague` list or "make ...
  better/faster/more ..." and holds no number ("Docs improved", "Make docs
  better"). A state reached is fine without a number ("Sampling configured
  per service", "Old cluster deleted").
- Activity: the item opens with an activity, holds meetings or deals with
  people ("Weekly syncs held with the data team", "Discussed with SRE",
  "Keep an eye on the hand-off rate", "Plan talked through with the
  nurses"), by the tests of `activity-not-outcome`, and names no checkable
  result. Work reported done with nobody named is a state ("Changes
  documented and communicated").
- Each vague item is reported once, unmeasurable first.

## Example

```toml
done = ["[ ] Sandbox enforced in CI for all 20 repositories", "[ ] Make docs better"]
```

## Use instead

```toml
done = [
  "[ ] Sandbox enforced in CI for all 20 repositories",
  "[ ] Sandbox setup guide published and linked from all 20 READMEs",
]
```
"#
    }

    fn reads(&self) -> Reads {
        Reads::OwnFacts
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (o, k, _, kr) in cx.key_results() {
            for (item, facts) in kr.done.iter().zip(&cx.facts.kr(o, k).done) {
                let (range, message, help) = if let Some(range) = facts.unmeasurable() {
                    let words = &item.text[range.clone()];
                    (
                        range,
                        format!(
                            "the done item \"{}\" is vague: \"{words}\" with no number to check",
                            item.text
                        ),
                        "make the item a state anyone can check, with a number or a named \
                                 result, like \"Setup guide published for all 20 repositories\""
                            .to_string(),
                    )
                } else if let Some(activity) = facts.activity() {
                    let range = activity.range.clone();
                    let words = &item.text[range.clone()];
                    (
                        range,
                        format!(
                            "the done item \"{}\" is an activity (\"{words}\": {}), not a result",
                            item.text,
                            activity.cue.reason()
                        ),
                        super::ACTIVITY_HELP.to_string(),
                    )
                } else {
                    continue;
                };
                out.push(
                    Finding::new(self.name(), message, help)
                        .on_kr(o, k)
                        .at(locate_in_item(cx.plan, item, range)),
                );
            }
        }
    }
}

/// The location of `range` of a done item's text (its box removed) in the
/// chapter, or the whole item when the TOML string holds escapes.
fn locate_in_item(plan: &Plan, item: &DoneItem, range: Range<usize>) -> Location {
    let file = &plan.file(item.location.file).text;
    let Some(raw) = file.get(item.location.span.clone()) else {
        return item.location.clone();
    };
    let quote = ["\"\"\"", "'''", "\"", "'"]
        .into_iter()
        .find(|q| raw.starts_with(q) && raw.len() >= 2 * q.len() && raw.ends_with(q));
    let Some(quote) = quote else {
        return item.location.clone();
    };
    let inner = &raw[quote.len()..raw.len() - quote.len()];
    let Some(offset) = inner.find(item.text.as_str()) else {
        return item.location.clone();
    };
    let whole = Text {
        value: inner.to_string(),
        location: item.location.clone(),
    };
    plan.sub_location(&whole, offset + range.start..offset + range.end)
}

#[cfg(test)]
mod tests {
    use crate::lint::testing::{config, diagnostics_with, findings, objective, on_krs};

    fn check(krs: &[&str]) -> Vec<(String, Option<String>)> {
        let book = objective(
            "o",
            "Make backend builds hermetic to make build results reproducible",
            krs,
        );
        findings("vague-done-item", &[("src/a.md", &book)])
    }

    fn on(krs: &[&str]) -> Vec<(String, Option<String>)> {
        on_krs("o", krs)
    }

    #[test]
    fn vague_and_activity_items_fire() {
        let found = check(&[
            r#"text = "Run every backend build in a sandbox"
done = ["[ ] Sandbox enforced in CI for all 20 repositories", "[ ] Make docs better"]"#,
            r#"text = "Pin toolchains in all 20 repositories"
done = ["[ ] Toolchain docs improved"]"#,
            r#"text = "Publish provenance for every artifact"
done = ["[ ] Weekly syncs held with the release team"]"#,
            r#"text = "Cache build actions remotely"
done = ["[ ] Discuss cache eviction with SRE"]"#,
        ]);
        assert_eq!(found, on(&["KR1", "KR2", "KR3", "KR4"]));
    }

    #[test]
    fn checkable_items_pass() {
        let found = check(&[
            r#"text = "Instrument all 75 services"
done = ["[ ] Sampling configured per service", "[x] 4 of 4 regions dual-stack"]"#,
            r#"text = "Retire the 2 legacy clusters"
done = ["[ ] Both clusters drained and deleted", "[ ] Report sent for October, November and December"]"#,
            r#"text = "Serve 70% of build actions from the cache"
done = ["[ ] Cache hit-rate dashboard above 70% for 4 consecutive weeks", "[x] Design approved in architecture review"]"#,
            r#"text = "Cut build time"
done = ["[ ] Build time reduced from 30 to 12 minutes", "[ ] Toolchain lock present in 20 of 20 repositories"]"#,
        ]);
        assert_eq!(found, []);
    }

    #[test]
    fn each_vague_item_is_reported_and_located() {
        let book = objective(
            "o",
            "x",
            &[r#"text = "Pin toolchains"
done = ["[ ] Make docs better", "[x] Speed up CI", "[ ] 20 of 20 repositories pinned"]"#],
        );
        let diagnostics = diagnostics_with(&config(), "vague-done-item", &[("src/a.md", &book)]);
        let quoted: Vec<&str> = diagnostics
            .iter()
            .map(|d| &book[d.location.clone().unwrap().span])
            .collect();
        assert_eq!(quoted, ["Make docs better", "Speed up"]);
        assert!(diagnostics[0].message.contains("\"Make docs better\""));
    }
}
