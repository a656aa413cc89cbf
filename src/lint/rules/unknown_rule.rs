//! `unknown-rule`: an `allow` list names a rule that does not exist.
//!
//! Its findings come from [`crate::lint::run`], which reads every `allow`
//! list before the rules run.

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::{Context, Rule};

pub struct UnknownRule;

impl Rule for UnknownRule {
    fn name(&self) -> &'static str {
        "unknown-rule"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "An `allow` list names a rule that does not exist"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Reports a name in an `allow = [...]` list (on a block or a `[[kr]]`) that is
not a rule, and an attempt to allow `invalid-block`, which cannot be
silenced.

## Why is this bad?

A misspelt name silences nothing, so the finding the author meant to accept
keeps appearing, or worse, a later rename leaves a stale suppression behind.

## Example

```toml
[[kr]]
text = "Attend the architecture forum"
allow = ["activity-not-outcom"]
```

## Use instead

```toml
[[kr]]
text = "Attend the architecture forum"
allow = ["activity-not-outcome"]
```
"#
    }

    fn check(&self, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
