//! `stretch-prerequisite`: other work depends on a stretch key result.

use crate::analysis::graph::{dependents, describe_dependents};
use crate::config::Level;
use crate::diagnostic::{Finding, Risk, Subject};
use crate::lint::{Context, Rule};
use crate::model::{Commitment, Location, Objective};
use crate::plan::Plan;

pub struct StretchPrerequisite;

impl Rule for StretchPrerequisite {
    fn name(&self) -> &'static str {
        "stretch-prerequisite"
    }

    fn default_level(&self) -> Level {
        Level::Error
    }

    fn summary(&self) -> &'static str {
        "A key result that others depend on is labelled stretch"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Reports a key result marked `commitment = "stretch"` when another key result
depends on it, either by naming it (`"remote-cache#KR3"`) or by naming its
whole objective (`"remote-cache"`). The message names every team and KR
that depends on it.

## Why is this bad?

A stretch goal is one the team expects to reach only in part: landing at
60-70% of it counts as a good quarter. That is fine for ambition, and wrong
for a prerequisite. Platform work is what other teams build on, and a
platform that is most of the way there can be of no use at all to the team
waiting for it: their own plan cannot start until the piece they need is
finished. Whatever someone else's roadmap stands on must be committed.

## How it decides

A KR is a prerequisite when a `depends_on` entry of another KR resolves to
it, or to its objective (which means every KR of that objective). A KR
depending on itself does not count. The rule fires when such a KR has
`commitment = "stretch"`; KRs without a `commitment` are committed by
default. References that resolve to nothing are `unknown-dependency`'s
business.

## Example

```toml
id = "remote-cache"
team = "build"
objective = "Serve build actions from a remote cache to cut CI time for backend teams"
[[kr]]
commitment = "stretch"
text = "Serve build actions for all 12 backend repositories from the remote cache"
```

```toml
[[kr]]
text = "Onboard all 9 ML teams to the shared training platform"
depends_on = ["remote-cache#KR1"]
```

## Use instead

Commit to the part others need and keep the ambition in a separate KR that
nobody depends on:

```toml
[[kr]]
commitment = "committed"
text = "Serve build actions for all 12 backend repositories from the remote cache"

[[kr]]
commitment = "stretch"
text = "Serve build actions for the 30 frontend repositories from the remote cache"
```
"#
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let plan = cx.plan;
        for (o, k, objective, kr) in cx.key_results() {
            if kr.commitment != Commitment::Stretch || !plan.is_prerequisite(o, k) {
                continue;
            }
            let dependents = dependents(plan, o, k);
            if dependents.is_empty() {
                continue;
            }
            out.push(
                Finding::new(
                    self.name(),
                    format!(
                        "`{}#{}` is a stretch goal (\"{}\"), but {} depend{} on it",
                        objective.id,
                        kr.id,
                        kr.text.value,
                        describe_dependents(plan, &dependents),
                        if dependents.len() == 1 { "s" } else { "" },
                    ),
                    "a team that depends on this needs all of it: make it \
                         `commitment = \"committed\"` with a target you will reach in full, and \
                         move the ambitious part into a separate stretch KR that nobody depends on",
                )
                .on_kr(o, k)
                .at(commitment_line(plan, objective, k))
                .about(Subject::Prerequisite {
                    edges: plan.dependent_edges(o, k).to_vec(),
                    risk: Risk::Stretch,
                }),
            );
        }
    }
}

/// The `commitment = ...` line of a KR, which is what to change: searched
/// from the KR's `[[kr]]` header to the next KR or the end of the block. The
/// header itself when it cannot be found.
fn commitment_line(plan: &Plan, objective: &Objective, kr: usize) -> Location {
    let table = &objective.krs[kr].location;
    let end = objective
        .krs
        .get(kr + 1)
        .map_or(objective.location.span.end, |next| next.location.span.start);
    let text = &plan.file(table.file).text;
    let Some(body) = text.get(table.span.start..end) else {
        return table.clone();
    };
    let mut offset = table.span.start;
    for line in body.split_inclusive('\n') {
        let content = line.trim_start_matches([' ', '\t', '>']);
        if content.starts_with("commitment") {
            let start = offset + (line.len() - content.len());
            let end = offset + line.trim_end().len();
            return Location {
                file: table.file,
                span: start..end.max(start),
            };
        }
        offset += line.len();
    }
    table.clone()
}

#[cfg(test)]
mod tests {
    use crate::lint::testing::{config, diagnostics_with, findings, objective};

    const RULE: &str = "stretch-prerequisite";

    fn at(objective: &str, kr: &str) -> (String, Option<String>) {
        (objective.to_string(), Some(kr.to_string()))
    }

    const COMMITTED: &str = "text = \"Serve all 12 repositories from the cache\"";
    const STRETCH: &str =
        "commitment = \"stretch\"\ntext = \"Serve all 30 frontend repositories from the cache\"";
    const EXPLICIT: &str = "commitment = \"committed\"\ntext = \"Serve all 12 repositories\"";

    fn cache() -> String {
        objective("cache", "x", &[COMMITTED, STRETCH, EXPLICIT])
    }

    fn depending(id: &str, team: &str, references: &[&str]) -> String {
        let list: Vec<String> = references.iter().map(|d| format!("\"{d}\"")).collect();
        objective(
            id,
            "y",
            &[&format!(
                "text = \"Onboard all 9 teams\"\ndepends_on = [{}]",
                list.join(", ")
            )],
        )
        .replace("team = \"a\"", &format!("team = \"{team}\""))
    }

    #[test]
    fn a_stretch_kr_named_directly_is_reported_naming_the_dependent() {
        let text = cache() + &depending("ml", "ml-platform", &["cache#KR2"]);
        assert_eq!(findings(RULE, &[("src/a.md", &text)]), [at("cache", "KR2")]);
        let diagnostics = diagnostics_with(&config(), RULE, &[("src/a.md", &text)]);
        assert!(
            diagnostics[0]
                .message
                .contains("ml-platform (`ml#KR1`) depends on it"),
            "{}",
            diagnostics[0].message
        );
        let location = diagnostics[0].location.clone().unwrap();
        assert_eq!(&text[location.span], "commitment = \"stretch\"");
    }

    #[test]
    fn a_stretch_kr_of_a_whole_objective_dependency_is_reported() {
        let text = cache() + &depending("ml", "ml-platform", &["cache"]);
        assert_eq!(findings(RULE, &[("src/a.md", &text)]), [at("cache", "KR2")]);
    }

    #[test]
    fn every_dependent_is_named_once_grouped_by_team() {
        let text = cache()
            + &depending("ml", "ml-platform", &["cache#KR2", "cache"])
            + &depending("dx", "dx", &["cache"])
            + &depending("ml2", "ml-platform", &["cache#KR2"]);
        let diagnostics = diagnostics_with(&config(), RULE, &[("src/a.md", &text)]);
        assert_eq!(diagnostics.len(), 1);
        assert!(
            diagnostics[0]
                .message
                .contains("ml-platform (`ml#KR1`, `ml2#KR1`), dx (`dx#KR1`) depend on it"),
            "{}",
            diagnostics[0].message
        );
    }

    #[test]
    fn a_stretch_kr_in_another_chapter_is_reported() {
        let ml = depending("ml", "ml-platform", &["cache#KR2"]);
        let cache = cache();
        let book = [("src/ml.md", ml.as_str()), ("src/cache.md", cache.as_str())];
        assert_eq!(findings(RULE, &book), [at("cache", "KR2")]);
    }

    #[test]
    fn near_miss_a_stretch_kr_nobody_depends_on_passes() {
        let text = cache() + &depending("ml", "ml-platform", &["cache#KR1", "cache#KR3"]);
        assert!(findings(RULE, &[("src/a.md", &text)]).is_empty());
    }

    #[test]
    fn near_miss_committed_prerequisites_pass() {
        let text = objective("cache", "x", &[COMMITTED, EXPLICIT])
            + &depending("ml", "ml-platform", &["cache"]);
        assert!(findings(RULE, &[("src/a.md", &text)]).is_empty());
    }

    #[test]
    fn near_miss_a_stretch_kr_that_only_depends_on_others_passes() {
        let stretch_depending = objective(
            "ml",
            "y",
            &[
                "commitment = \"stretch\"\ntext = \"Onboard all 9 teams\"\ndepends_on = [\"cache#KR1\", \"team:dx\", \"nope\"]",
            ],
        );
        let text = cache() + &stretch_depending;
        assert!(findings(RULE, &[("src/a.md", &text)]).is_empty());
    }

    #[test]
    fn near_miss_a_stretch_kr_depending_on_itself_is_left_to_dependency_cycle() {
        let text = objective(
            "solo",
            "x",
            &["commitment = \"stretch\"\ntext = \"Ship it\"\ndepends_on = [\"solo#KR1\"]"],
        );
        assert!(findings(RULE, &[("src/a.md", &text)]).is_empty());
    }
}
