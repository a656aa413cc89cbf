//! `stale-progress` (off by default): a key result of the open quarter
//! whose progress has not changed in its commits for weeks.

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::{Context, Rule};

pub struct StaleProgress;

impl Rule for StaleProgress {
    fn name(&self) -> &'static str {
        "stale-progress"
    }

    fn default_level(&self) -> Level {
        Level::Off
    }

    fn summary(&self) -> &'static str {
        "A key result's progress has not changed in Git for weeks of an open quarter (off by default)"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Reads the book's Git history and reports each key result of the open
quarter whose progress (its `current` value or its Definition of Done
boxes) has not changed for `stale-weeks` weeks (3 by default, under
`[preprocessor.okr.history]`), counted from the later of the last change
and the quarter's first day. A key result already at 1.0 is never stale.
The rule is off by default; turn it on with `stale-progress = "warning"`
under `[preprocessor.okr.rules]`. Without the history (a shallow clone,
no git) it reports nothing; see the guide's "Progress over time" page.

## Why is this bad?

A number nobody has touched for a month is not a status, it is a guess
from a month ago. Regular check-ins are what let a team notice early that a
key result needs help, and what let the teams that depend on it plan.

## How it decides

It compares the commit dates of the book's history with "today", which
`MDBOOK_OKR_TODAY` or `today` in `[preprocessor.okr]` can pin.

## Example

```toml
[[kr]]
text = "Move 10 services onto the new runtime"
metric = { from = 0, to = 10, current = 1 }   # last changed six weeks ago
```

## Use instead

```toml
[[kr]]
text = "Move 10 services onto the new runtime"
metric = { from = 0, to = 10, current = 4 }   # updated at this week's check-in
```
"#
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(progress) = cx.progress else { return };
        for kr in progress.krs.iter().filter(|kr| kr.stale) {
            let Some(objective) = cx.plan.objectives.get(kr.objective_index) else {
                continue;
            };
            let Some(key_result) = objective.krs.get(kr.kr_index) else {
                continue;
            };
            let since = kr
                .last_progress
                .map(|d| format!(" since {d}"))
                .unwrap_or_default();
            out.push(
                Finding::new(
                    self.name(),
                    format!(
                        "key result \"{}\" has had no progress committed{since}",
                        kr.text
                    ),
                    "update `current` or the Definition of Done at each check-in, even when nothing moved",
                )
                .on_kr(kr.objective_index, kr.kr_index)
                .at(key_result.text.location.clone()),
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
        crate::lint::testing::quiet_without_history("stale-progress");
    }
}
