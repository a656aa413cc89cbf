//! `commitment-unlabeled` (off by default): a key result without an
//! explicit `commitment`.

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::{Context, Rule};

pub struct CommitmentUnlabeled;

impl Rule for CommitmentUnlabeled {
    fn name(&self) -> &'static str {
        "commitment-unlabeled"
    }

    fn default_level(&self) -> Level {
        Level::Off
    }

    fn summary(&self) -> &'static str {
        "A key result has no explicit `commitment` (off by default)"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Reports every key result that does not say `commitment = "committed"` or
`commitment = "stretch"`. The rule is off by default; turn it on with
`commitment-unlabeled = "warning"` under `[preprocessor.okr.rules]`.

## Why is this bad?

Teams that depend on each other need to know which results are promised and
which are aspirations. A missing label means committed, but a reader cannot
tell a deliberate commitment from a forgotten stretch label. Some
organisations want every key result labelled by hand so the choice is made
on purpose.

## How it decides

A key result fires when its table has no `commitment` key, whatever the
default makes of it.

## Example

```toml
[[kr]]
text = "Serve 70% of build actions from the remote cache"
```

## Use instead

```toml
[[kr]]
text = "Serve 70% of build actions from the remote cache"
commitment = "stretch"
```
"#
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (o, k, _, kr) in cx.key_results() {
            if kr.commitment_explicit {
                continue;
            }
            out.push(
                Finding::new(
                    self.name(),
                    format!(
                        "key result \"{}\" does not say whether it is committed or stretch",
                        kr.text.value
                    ),
                    "add `commitment = \"committed\"` if other teams can count on all of it, \
                         or `commitment = \"stretch\"` if 0.6 to 0.7 would be a success",
                )
                .on_kr(o, k)
                .at(kr.text.location.clone()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::{Config, Level};
    use crate::lint::testing::{config, findings, findings_with, objective};

    fn on() -> Config {
        let mut config = config();
        config
            .rules
            .insert("commitment-unlabeled".into(), Level::Warning);
        config
    }

    fn kr(id: &str) -> (String, Option<String>) {
        ("o".to_string(), Some(id.to_string()))
    }

    #[test]
    fn unlabelled_krs_fire_when_the_rule_is_on() {
        let text = objective(
            "o",
            "Ship it to cut toil",
            &[
                "text = \"a\"",
                "text = \"b\"\ncommitment = \"committed\"",
                "text = \"c\"",
                "text = \"d\"\ncommitment = \"stretch\"",
                "text = \"e\"\nkind = \"impact\"\nmetric = { from = 1, to = 2 }",
            ],
        );
        assert_eq!(
            findings_with(&on(), "commitment-unlabeled", &[("a.md", &text)]),
            [kr("KR1"), kr("KR3"), kr("KR5")]
        );
    }

    #[test]
    fn labelled_krs_pass() {
        let text = objective(
            "o",
            "Ship it to cut toil",
            &[
                "text = \"a\"\ncommitment = \"committed\"",
                "text = \"b\"\ncommitment = \"stretch\"",
            ],
        );
        assert!(findings_with(&on(), "commitment-unlabeled", &[("a.md", &text)]).is_empty());
    }

    #[test]
    fn the_rule_is_off_by_default() {
        let text = objective("o", "Ship it to cut toil", &["text = \"a\""]);
        assert!(findings("commitment-unlabeled", &[("a.md", &text)]).is_empty());
    }
}
