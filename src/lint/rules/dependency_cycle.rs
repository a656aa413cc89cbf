//! `dependency-cycle`: key results that wait on each other in a loop.

use std::collections::HashSet;

use crate::analysis::graph::{DependencyCycles, KrIndex};
use crate::config::Level;
use crate::diagnostic::{Finding, Subject};
use crate::lint::{Context, Rule};
use crate::plan::Plan;

pub struct DependencyCycle;

impl Rule for DependencyCycle {
    fn name(&self) -> &'static str {
        "dependency-cycle"
    }

    fn default_level(&self) -> Level {
        Level::Error
    }

    fn summary(&self) -> &'static str {
        "Key results or objectives depend on each other in a loop"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Reports key results that depend on each other, directly or through other
key results and objectives, so that following `depends_on` comes back to
where it started. Each loop is reported once, on its first key result in
book order, and the message spells the loop out:
`cycle-a#KR1 -> cycle-b#KR1 -> cycle-a#KR1`.

## Why is this bad?

Platform work is planned around who waits for whom. When two teams each
wait for the other, neither can start, and the plan hides a deadlock until
someone notices mid-quarter that nothing moved. Somebody has to ship first;
the plan should say who.

## How it decides

Every KR is a node, and every `depends_on` reference that resolves is an
arrow. A reference to a whole objective means "every KR of it", so it
reaches each of that objective's KRs. The loops are the strongly connected
components of this graph (Tarjan's algorithm): groups of KRs where each can
reach every other. A group of one counts only when the KR depends on itself
(or on its own objective). One group is one finding, however many loops run
through it; the message shows the shortest loop through its first KR and
lists the other KRs caught in the group. Team asks (`team:`) and references
that resolve to nothing are not arrows (`unknown-dependency` reports those).

## Example

```toml
id = "flags"
team = "blue"
objective = "Share one feature-flag service between blue-team services to cut flag drift"
[[kr]]
text = "Serve all 5 services from the shared flag service"
depends_on = ["canary#KR1"]
```

```toml
id = "canary"
team = "blue"
objective = "Release through canaries to cut the blast radius of bad releases"
[[kr]]
text = "Release all 5 services through canaries"
depends_on = ["flags#KR1"]
```

## Use instead

Decide which piece ships first and keep the arrow only in the other
direction, or pull the part both need into its own KR that both depend on:

```toml
[[kr]]
text = "Release all 5 services through canaries"
# no depends_on: canaries ship first, then flags move onto them
```
"#
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let plan = cx.plan;
        let cycles = DependencyCycles::of(plan);
        for cycle in cycles.cycles() {
            let (Some(&(o, k)), Some(&edge)) = (cycle.path.first(), cycle.edges.first()) else {
                continue;
            };
            let Some(edge) = plan.edges.get(edge) else {
                continue;
            };
            let kr = &plan.objectives[o].krs[k];
            let location = kr
                .depends_on
                .get(edge.reference)
                .map_or_else(|| kr.location.clone(), |r| r.location.clone());
            let mut names: Vec<String> = cycle.path.iter().map(|&n| name(plan, n)).collect();
            names.push(name(plan, (o, k)));
            let mut message = format!("dependency cycle: `{}`", names.join(" -> "));
            let teams = teams_of(plan, &cycle.path);
            if teams.len() > 1 {
                message.push_str(&format!("; teams {} wait on each other", teams.join(", ")));
            } else {
                message.push_str(&format!("; team {} waits on itself", teams.join("")));
            }
            // A big tangle can hold thousands of KRs: name a few, count the rest.
            const NAMED: usize = 8;
            let on_path: HashSet<KrIndex> = cycle.path.iter().copied().collect();
            let others: Vec<KrIndex> = cycle
                .members
                .iter()
                .copied()
                .filter(|m| !on_path.contains(m))
                .collect();
            if !others.is_empty() {
                let named: Vec<String> = others
                    .iter()
                    .take(NAMED)
                    .map(|&m| format!("`{}`", name(plan, m)))
                    .collect();
                message.push_str(&format!("; also caught in the loop: {}", named.join(", ")));
                if others.len() > NAMED {
                    message.push_str(&format!(" and {} more", others.len() - NAMED));
                }
            }
            out.push(
                Finding::new(
                    self.name(),
                    message,
                    "decide which key result ships first and drop the `depends_on` that points \
                     back at it, or move the piece both need into its own KR that both depend on",
                )
                .on_kr(o, k)
                .at(location)
                .about(Subject::Cycle {
                    path: cycle.path.clone(),
                }),
            );
        }
    }
}

fn name(plan: &Plan, (o, k): KrIndex) -> String {
    let objective = &plan.objectives[o];
    format!("{}#{}", objective.id, objective.krs[k].id)
}

/// The teams on the loop, in the order the loop visits them, each once.
fn teams_of(plan: &Plan, path: &[KrIndex]) -> Vec<String> {
    let mut seen = HashSet::new();
    path.iter()
        .map(|&(o, _)| &plan.objectives[o].team)
        .filter(|team| seen.insert(team.as_str()))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::lint::testing::{config, diagnostics_with, findings, objective};

    const RULE: &str = "dependency-cycle";

    fn kr(depends_on: &[&str]) -> String {
        let list: Vec<String> = depends_on.iter().map(|d| format!("\"{d}\"")).collect();
        format!(
            "text = \"Ship all 5 services\"\ndepends_on = [{}]",
            list.join(", ")
        )
    }

    fn at(objective: &str, kr: &str) -> (String, Option<String>) {
        (objective.to_string(), Some(kr.to_string()))
    }

    #[test]
    fn two_objectives_waiting_on_each_other_are_one_finding_on_the_first() {
        let book = [
            ("src/a.md", objective("a", "x", &[&kr(&["b#KR1"])])),
            ("src/b.md", objective("b", "y", &[&kr(&["a#KR1"])])),
        ];
        let book: Vec<(&str, &str)> = book.iter().map(|(p, t)| (*p, t.as_str())).collect();
        assert_eq!(findings(RULE, &book), [at("a", "KR1")]);
        let diagnostics = diagnostics_with(&config(), RULE, &book);
        assert!(diagnostics[0].message.contains("`a#KR1 -> b#KR1 -> a#KR1`"));
    }

    #[test]
    fn a_loop_through_a_whole_objective_reference_is_found() {
        let text = [
            objective("a", "x", &[&kr(&[]), &kr(&["b"])]),
            objective("b", "y", &[&kr(&[]), &kr(&[]), &kr(&["c#KR1"])]),
            objective("c", "z", &[&kr(&["a#KR2"])]),
        ]
        .concat();
        let diagnostics = diagnostics_with(&config(), RULE, &[("src/a.md", &text)]);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].objective.as_deref(), Some("a"));
        assert_eq!(diagnostics[0].kr.as_deref(), Some("KR2"));
        assert!(
            diagnostics[0]
                .message
                .contains("`a#KR2 -> b#KR3 -> c#KR1 -> a#KR2`")
        );
    }

    #[test]
    fn a_kr_depending_on_itself_is_a_cycle() {
        let text = objective("a", "x", &[&kr(&[]), &kr(&["a#KR2"])]);
        assert_eq!(findings(RULE, &[("src/a.md", &text)]), [at("a", "KR2")]);
    }

    #[test]
    fn two_separate_loops_are_two_findings_and_a_bigger_group_is_one() {
        // a#KR1 <-> b#KR1 and b#KR1 <-> c#KR1 share b: one group, one finding.
        let text = [
            objective("a", "x", &[&kr(&["b#KR1"])]),
            objective("b", "y", &[&kr(&["a#KR1", "c#KR1"])]),
            objective("c", "z", &[&kr(&["b#KR1"])]),
            objective("d", "w", &[&kr(&["e"])]),
            objective("e", "v", &[&kr(&["d"])]),
        ]
        .concat();
        let diagnostics = diagnostics_with(&config(), RULE, &[("src/a.md", &text)]);
        let places: Vec<_> = diagnostics
            .iter()
            .map(|d| (d.objective.clone().unwrap_or_default(), d.kr.clone()))
            .collect();
        assert_eq!(places, [at("a", "KR1"), at("d", "KR1")]);
        assert!(
            diagnostics[0]
                .message
                .contains("also caught in the loop: `c#KR1`")
        );
    }

    #[test]
    fn chains_diamonds_and_sibling_references_pass() {
        let text = [
            objective("a", "x", &[&kr(&["b", "c#KR1"]), &kr(&["a#KR1"])]),
            objective("b", "y", &[&kr(&["c"])]),
            objective("c", "z", &[&kr(&["team:platform"])]),
        ]
        .concat();
        assert!(findings(RULE, &[("src/a.md", &text)]).is_empty());
    }

    #[test]
    fn near_miss_one_way_references_between_two_objectives_pass() {
        // Both directions between the objectives, but between different KRs
        // that never lead back: a#KR1 -> b#KR1, b#KR2 -> a#KR2.
        let text = [
            objective("a", "x", &[&kr(&["b#KR1"]), &kr(&[])]),
            objective("b", "y", &[&kr(&[]), &kr(&["a#KR2"])]),
        ]
        .concat();
        assert!(findings(RULE, &[("src/a.md", &text)]).is_empty());
    }

    #[test]
    fn near_miss_unresolved_back_reference_is_not_a_cycle() {
        let text = [
            objective("a", "x", &[&kr(&["b#KR1"])]),
            objective("b", "y", &[&kr(&["a#KR9", "team:a"])]),
        ]
        .concat();
        assert!(findings(RULE, &[("src/a.md", &text)]).is_empty());
    }
}
