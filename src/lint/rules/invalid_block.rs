//! `invalid-block`: the block cannot be read.
//!
//! Its findings come from parsing ([`crate::source::block`]), not from a check over
//! the plan: a broken block never becomes an objective for the other rules.

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::{Context, Rule};

pub struct InvalidBlock;

impl Rule for InvalidBlock {
    fn name(&self) -> &'static str {
        "invalid-block"
    }

    fn default_level(&self) -> Level {
        Level::Error
    }

    fn summary(&self) -> &'static str {
        "The block is not valid TOML or breaks the block format"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Reports an `okr` block that cannot be read: TOML syntax errors, unknown keys
(with the closest valid key suggested), values of the wrong type, a `quarter`,
`kind` or `commitment` that is not one of the allowed values, a missing
`objective`, `text` or `[[kr]]`, an objective id that is not
`[a-z0-9][a-z0-9-]*`, and two key results of one objective with the same id.

## Why is this bad?

A block that cannot be read cannot be rendered, checked or counted in the
index. The page shows an error box with the block's text instead of a card,
so nothing is lost, but the plan is incomplete until it is fixed. This rule
cannot be turned off or allowed.

## How it decides

The body is parsed as TOML and walked key by key; every problem is reported
at the line and column of the key or value concerned, in the chapter's own
file.

## Example

```toml
objective = "Cut CI time for backend teams to ship faster"

[[kr]]
text = "Cut median CI time from 25 to 10 minutes"
comitment = "committed"   # misspelt key
```

## Use instead

```toml
objective = "Cut CI time for backend teams to ship faster"

[[kr]]
text = "Cut median CI time from 25 to 10 minutes"
commitment = "committed"
```
"#
    }

    fn check(&self, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
