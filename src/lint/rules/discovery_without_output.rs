//! `discovery-without-output`: discovery work with nothing to show or no way
//! to check it.

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::{Context, Reads, Rule};
use crate::model::Kind;

pub struct DiscoveryWithoutOutput;

impl Rule for DiscoveryWithoutOutput {
    fn name(&self) -> &'static str {
        "discovery-without-output"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "A discovery KR lacks a concrete output or a way to check it (number, deadline, approvers)"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Reports a Key Result of `kind = "discovery"` that lacks either a concrete
output (a prototype, a design document, a recommendation, a decision, a
report, an RFC, a map) or a way to check it (a number, a deadline, named
approvers). Its sentence and its `done` items both count.

## Why is this bad?

Platform work needs research, vendor evaluations and prototypes before
anything is built, and that work deserves a KR. Without an output and a
check it disappears: three months later all there is to show is that people
were talked to. Naming what comes out, who signs it off and by when makes
discovery as gradable as delivery.

## How it decides

- Output: a word such as prototype, proof of concept, pilot, design
  document, recommendation, decision, report, RFC, ADR, map, proposal,
  benchmark or analysis, or a decision verb (decide, choose, select,
  recommend), in the sentence or any `done` item. "Design" as the opening
  verb ("Design a sharding approach") is work, not yet an output.
- Check: a number (`3 options`, `5 use cases`), a deadline ("by May 31",
  "by end of month 2", "in Q3"), or approvers ("approved by the Storage and
  Security leads", "signed off by", "approved in architecture review").
- Both are needed: "Investigate options by May 31" has a deadline but
  nothing to hand over, so it fires.

## Example

```toml
[[kr]]
kind = "discovery"
text = "Research connection pooling options"
```

## Use instead

```toml
[[kr]]
kind = "discovery"
text = "Recommend a connection pooler in a design document approved by the Storage and SRE leads by August 15"
```
"#
    }

    fn reads(&self) -> Reads {
        Reads::OwnFacts
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (o, k, _, kr) in cx.key_results() {
            if kr.kind != Kind::Discovery {
                continue;
            }
            let facts = cx.facts.kr(o, k);
            let texts: Vec<_> = std::iter::once(&facts.text).chain(&facts.done).collect();
            let has_output = texts.iter().any(|t| t.output().is_some());
            let has_check = texts
                .iter()
                .any(|t| t.has_number() || t.deadline().is_some() || t.approval().is_some());
            let missing = match (has_output, has_check) {
                (true, true) => continue,
                (false, true) => "a concrete output",
                (true, false) => "a way to check it",
                (false, false) => "a concrete output and a way to check it",
            };
            out.push(
                    Finding::new(
                        self.name(),
                        format!("the discovery KR \"{}\" lacks {missing}", kr.text.value),
                        "name what the discovery produces and how it is checked, like \"Design document \
                         for connection pooling approved by the Storage and SRE leads by August 15\"",
                    )
                    .on_kr(o, k)
                    .at(kr.text.location.clone()),
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
            "Replace the blob store with object storage to cut storage incidents",
            krs,
        );
        findings("discovery-without-output", &[("src/a.md", &book)])
    }

    fn on(krs: &[&str]) -> Vec<(String, Option<String>)> {
        on_krs("o", krs)
    }

    #[test]
    fn discovery_without_output_or_check_fires() {
        let found = check(&[
            "kind = \"discovery\"\ntext = \"Research connection pooling options\"",
            "kind = \"discovery\"\ntext = \"Investigate options by May 31\"",
            "kind = \"discovery\"\ntext = \"Evaluate 3 object storage vendors\"",
            "kind = \"discovery\"\ntext = \"Write a recommendation on storage tiers\"",
            "kind = \"discovery\"\ntext = \"Design a sharding approach by Q3\"",
        ]);
        assert_eq!(found, on(&["KR1", "KR2", "KR3", "KR4", "KR5"]));
    }

    #[test]
    fn outputs_with_a_check_pass() {
        let found = check(&[
            "kind = \"discovery\"\ntext = \"Get the object storage design document approved by the Storage, SRE and Security leads by August 15\"",
            "kind = \"discovery\"\ntext = \"Finalize technical design document for data pipeline approved by Data Platform, Security, and Infrastructure leads\"",
            "kind = \"discovery\"\ntext = \"Complete vendor evaluation with final recommendation and cost analysis for top 3 options, decision made by end of month 2\"",
            "kind = \"discovery\"\ntext = \"Complete working prototype that validates these 5 use cases, tested with at least 3 product teams\"",
        ]);
        assert_eq!(found, []);
    }

    #[test]
    fn done_items_count() {
        let found = check(&[
            "kind = \"discovery\"\ntext = \"Research connection pooling options\"\ndone = [\"[ ] Recommendation approved by the DBA lead\"]",
            "kind = \"discovery\"\ntext = \"Map every service's storage dependencies\"\ndone = [\"[x] 48 of 48 services mapped\"]",
            "kind = \"discovery\"\ntext = \"Explore erasure coding\"\ndone = [\"[ ] Talked to the vendors\"]",
        ]);
        assert_eq!(found, on(&["KR3"]));
    }

    #[test]
    fn only_discovery_krs_are_checked() {
        let found = check(&[
            "text = \"Research connection pooling options\"",
            "kind = \"impact\"\ntext = \"Investigate options\"",
        ]);
        assert_eq!(found, []);
    }
}
