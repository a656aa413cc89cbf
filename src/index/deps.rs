//! The risk of every dependency edge: what the index's dependency table and
//! graph show and what `export` writes.

use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::model::Commitment;
use crate::plan::{Edge, Plan, Resolution};

/// Why an edge may not deliver what the depending KR needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Risk {
    /// The reference names nothing in the book (or an unknown team).
    Unresolved,
    /// The edge lies on a dependency cycle.
    Cycle,
    /// The target is (or includes) a stretch KR.
    Stretch,
    /// The target aims at only part of the scope (`partial-prerequisite`).
    Partial,
    /// A `team:` ask that no KR answers yet.
    OpenAsk,
}

impl Risk {
    /// The stable name used in the export and in HTML classes.
    pub fn as_str(self) -> &'static str {
        match self {
            Risk::Unresolved => "unresolved",
            Risk::Cycle => "cycle",
            Risk::Stretch => "stretch",
            Risk::Partial => "partial",
            Risk::OpenAsk => "open-ask",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Risk::Unresolved => "unresolved",
            Risk::Cycle => "part of a cycle",
            Risk::Stretch => "target is stretch",
            Risk::Partial => "target is partial",
            Risk::OpenAsk => "open ask",
        }
    }

    /// Risks that put a committed plan in doubt; an open ask is a request
    /// still waiting for an owner, shown apart.
    pub fn is_delivery_risk(self) -> bool {
        self != Risk::OpenAsk
    }
}

/// The risks of each edge of `plan.edges`, in the same order; an empty list
/// means the edge is fine.
pub fn edge_risks(plan: &Plan, diagnostics: &[Diagnostic]) -> Vec<Vec<Risk>> {
    let partial: HashSet<(usize, usize)> = diagnostics
        .iter()
        .filter(|d| d.rule == "partial-prerequisite")
        .filter_map(|d| Some((d.objective_index?, d.kr_index?)))
        .collect();
    let cyclic = cyclic_edges(plan);
    plan.edges
        .iter()
        .enumerate()
        .map(|(e, edge)| {
            let mut risks = Vec::new();
            let targets = target_krs(plan, edge);
            match &edge.resolution {
                Resolution::Unresolved | Resolution::Team { known: false, .. } => {
                    risks.push(Risk::Unresolved);
                }
                Resolution::Team { known: true, .. } => risks.push(Risk::OpenAsk),
                Resolution::KeyResult { .. } | Resolution::Objective(_) => {}
            }
            if cyclic[e] {
                risks.push(Risk::Cycle);
            }
            if targets
                .iter()
                .any(|&(o, k)| plan.objectives[o].krs[k].commitment == Commitment::Stretch)
            {
                risks.push(Risk::Stretch);
            }
            if targets.iter().any(|target| partial.contains(target)) {
                risks.push(Risk::Partial);
            }
            risks
        })
        .collect()
}

/// The KRs an edge points at: one, every KR of an objective, or none.
pub fn target_krs(plan: &Plan, edge: &Edge) -> Vec<(usize, usize)> {
    match edge.resolution {
        Resolution::KeyResult { objective, kr } => vec![(objective, kr)],
        Resolution::Objective(objective) => (0..plan.objectives[objective].krs.len())
            .map(|kr| (objective, kr))
            .collect(),
        Resolution::Team { .. } | Resolution::Unresolved => Vec::new(),
    }
}

/// The team an edge points at, when it points at anything.
pub fn target_team<'p>(plan: &'p Plan, edge: &'p Edge) -> Option<&'p str> {
    match &edge.resolution {
        Resolution::KeyResult { objective, .. } | Resolution::Objective(objective) => {
            Some(&plan.objectives[*objective].team)
        }
        Resolution::Team { team, known: true } => Some(team),
        Resolution::Team { known: false, .. } | Resolution::Unresolved => None,
    }
}

/// For each edge, whether it lies on a cycle of KRs: its source and one of
/// its targets share a strongly connected component (Tarjan's algorithm,
/// iterative so a long chain cannot overflow the stack).
fn cyclic_edges(plan: &Plan) -> Vec<bool> {
    let mut first_node = Vec::with_capacity(plan.objectives.len());
    let mut count = 0;
    for objective in &plan.objectives {
        first_node.push(count);
        count += objective.krs.len();
    }
    let node = |(o, k): (usize, usize)| first_node[o] + k;
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); count];
    for edge in &plan.edges {
        let source = node((edge.objective, edge.kr));
        successors[source].extend(target_krs(plan, edge).into_iter().map(node));
    }
    let component = strongly_connected(&successors);
    let mut size = vec![0usize; count];
    for &c in &component {
        size[c] += 1;
    }
    plan.edges
        .iter()
        .map(|edge| {
            let source = node((edge.objective, edge.kr));
            target_krs(plan, edge).into_iter().map(node).any(|target| {
                component[target] == component[source]
                    && (size[component[source]] > 1 || target == source)
            })
        })
        .collect()
}

/// The strongly connected component of every node.
fn strongly_connected(successors: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = successors.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNSEEN; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut components = 0;
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        // (node, position of the next successor to look at)
        let mut work = vec![(root, 0usize)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut position)) = work.last_mut() {
            if let Some(&w) = successors[v].get(*position) {
                *position += 1;
                if index[w] == UNSEEN {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = components;
                    if w == v {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::plan::PlanBuilder;

    fn plan(chapters: &[(&str, &str)]) -> Plan {
        let config = Config {
            teams: Some(vec!["a".into(), "b".into(), "c".into()]),
            ..Config::default()
        };
        let mut builder = PlanBuilder::new(&config);
        for (path, text) in chapters {
            builder.add_file(path.to_string(), Some(path.into()), text.to_string());
        }
        builder.finish()
    }

    fn block(id: &str, team: &str, krs: &str) -> String {
        format!(
            "```okr\nid = \"{id}\"\nteam = \"{team}\"\nquarter = \"2026-Q2\"\nobjective = \"o {id}\"\n{krs}```\n"
        )
    }

    #[test]
    fn classifies_every_kind_of_edge() {
        let text = [
            block(
                "x",
                "a",
                "[[kr]]\ntext = \"t\"\ndepends_on = [\"y#KR1\", \"y#KR2\", \"nope\", \"team:c\", \"team:zz\", \"z\"]\n",
            ),
            block("y", "b", "[[kr]]\ntext = \"t\"\n[[kr]]\ntext = \"s\"\ncommitment = \"stretch\"\n"),
            block("z", "c", "[[kr]]\ntext = \"t\"\ndepends_on = [\"w\"]\n"),
            block("w", "c", "[[kr]]\ntext = \"t\"\ndepends_on = [\"z#KR1\"]\n"),
        ]
        .concat();
        let plan = plan(&[("a.md", &text)]);
        let risks = edge_risks(&plan, &[]);
        assert_eq!(
            risks,
            [
                vec![],
                vec![Risk::Stretch],
                vec![Risk::Unresolved],
                vec![Risk::OpenAsk],
                vec![Risk::Unresolved],
                vec![],
                vec![Risk::Cycle],
                vec![Risk::Cycle],
            ]
        );
        assert_eq!(target_team(&plan, &plan.edges[0]), Some("b"));
        assert_eq!(target_team(&plan, &plan.edges[3]), Some("c"));
        assert_eq!(target_team(&plan, &plan.edges[2]), None);
    }

    #[test]
    fn partial_targets_come_from_the_rule_and_self_loops_are_cycles() {
        let text = block(
            "x",
            "a",
            "[[kr]]\ntext = \"t\"\ndepends_on = [\"x\", \"y#KR1\"]\n",
        ) + &block("y", "b", "[[kr]]\ntext = \"t\"\n");
        let plan = plan(&[("a.md", &text)]);
        let partial = Diagnostic {
            rule: "partial-prerequisite",
            severity: crate::diagnostic::Severity::Error,
            location: None,
            objective_index: Some(1),
            kr_index: Some(0),
            objective: Some("y".into()),
            kr: Some("KR1".into()),
            message: String::new(),
            help: String::new(),
        };
        assert_eq!(
            edge_risks(&plan, &[partial]),
            [vec![Risk::Cycle], vec![Risk::Partial]]
        );
    }

    #[test]
    fn a_long_chain_has_no_cycle_and_no_stack_overflow() {
        let successors: Vec<Vec<usize>> = (0..200_000)
            .map(|i| if i + 1 < 200_000 { vec![i + 1] } else { vec![] })
            .collect();
        let component = strongly_connected(&successors);
        let distinct: HashSet<usize> = component.into_iter().collect();
        assert_eq!(distinct.len(), 200_000);
        let ring: Vec<Vec<usize>> = (0..5).map(|i| vec![(i + 1) % 5]).collect();
        let component = strongly_connected(&ring);
        assert!(component.iter().all(|&c| c == component[0]));
    }
}
