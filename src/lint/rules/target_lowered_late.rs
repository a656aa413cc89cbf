//! `target-lowered-late` (off by default): a target made easier, or a
//! commitment changed, by a commit made after the quarter started.

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::history::patterns::Change;
use crate::lint::{Context, Rule};

pub struct TargetLoweredLate;

impl Rule for TargetLoweredLate {
    fn name(&self) -> &'static str {
        "target-lowered-late"
    }

    fn default_level(&self) -> Level {
        Level::Off
    }

    fn summary(&self) -> &'static str {
        "A target was made easier or a commitment changed after the quarter started (off by default)"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Reads the book's Git history and reports each key result whose metric
target moved towards its baseline, or whose `commitment` changed, in a
commit dated on or after its quarter's first day. The message names the
commit, its date and its author (after `.mailmap`). The rule is off by
default; turn it on with `target-lowered-late = "warning"` under
`[preprocessor.okr.rules]`. Without the history (a shallow clone, no git)
it reports nothing.

## Why is this bad?

Plans can move a lot before they are final, and that is healthy. Once the
quarter has started, other teams plan on the targets as written: lowering
one quietly, or turning a commitment into a stretch goal, moves their
ground too. Such a change should be said out loud, with its reason.

## How it decides

Each commit's plan is paired with the one before it the way `diff` pairs
two plans (by id, then by text), and the pair's target and commitment are
compared, as `diff`'s "easier target" flag does.

## Example

```toml
# changed from `to = 20` in week 5
[[kr]]
text = "Cut flaky test runs from 40 a week to 12"
metric = { from = 40, to = 12 }
```

## Use instead

Keep the target and explain the miss at the end of the quarter, or change
it in a pull request that says why and tells the teams that depend on it.
"#
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(progress) = cx.progress else { return };
        for change in &progress.patterns.late_changes {
            let Some((o, k)) = change.place else { continue };
            let Some(key_result) = cx.plan.objectives.get(o).and_then(|obj| obj.krs.get(k)) else {
                continue;
            };
            let what = match &change.change {
                Change::TargetLowered { from, to } => {
                    format!("its target was made easier, from {from} to {to},")
                }
                Change::CommitmentChanged { from, to } => {
                    format!("it was changed from {} to {}", from.as_str(), to.as_str())
                }
            };
            let location = key_result
                .metric
                .as_ref()
                .map_or(&key_result.text.location, |m| &m.location);
            out.push(
                Finding::new(
                    self.name(),
                    format!(
                        "key result \"{}\": {what} after {} started, in commit {} on {} by {}",
                        change.text, change.quarter, change.commit, change.date, change.author
                    ),
                    "say why in the plan and tell the teams that depend on it; \
                     allow this rule on the key result once that is done",
                )
                .on_kr(o, k)
                .at(location.clone()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    /// Without a history there is nothing to judge: the rule stays quiet
    /// (tests/it/history.rs runs it over a real repository).
    #[test]
    fn without_history_nothing_fires() {
        crate::lint::testing::quiet_without_history("target-lowered-late");
    }
}
