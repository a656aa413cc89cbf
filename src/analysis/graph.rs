//! The dependency graph between key results, and the cycles in it.
//!
//! Nodes are every KR of the plan plus one node per objective. A reference to
//! a KR is an edge to that KR; a reference to a whole objective is an edge to
//! the objective's node, which has an edge to each of its KRs. That keeps the
//! graph linear in the size of the plan (a reference to a big objective costs
//! one edge, not one per KR) while meaning exactly "depends on every KR of
//! it". Team references and unresolved ones are not edges.
//!
//! Cycles are the strongly connected components (Tarjan's algorithm, written
//! iteratively so a long chain of dependencies cannot overflow the stack)
//! that hold more than one node or a KR depending on itself. Everything is
//! computed in plan order, so the result is deterministic.
//!
//! ```ignore
//! let cycles = DependencyCycles::of(&plan);
//! for cycle in cycles.cycles() { /* [(objective, kr), ...] */ }
//! let marked = plan.edges.iter().filter(|e| cycles.edge_in_cycle(e));
//! ```

use crate::diagnostic::{Diagnostic, Risk, Subject};
use crate::model::Commitment;
use crate::plan::{Edge, Plan, Resolution};

/// A KR of the plan: indices into `Plan::objectives` and that objective's KRs.
pub type KrIndex = (usize, usize);

/// One dependency cycle: the KRs of one strongly connected component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle {
    /// One closed path through the component, as KRs: it starts at the
    /// component's first KR in book order and ends just before returning to
    /// it. Objective nodes on the way are left out.
    pub path: Vec<KrIndex>,
    /// Index into `Plan::edges` of each step of `path`: `edges[i]` is the
    /// reference that `path[i]` follows to reach the next KR (through an
    /// objective node when it names a whole objective).
    pub edges: Vec<usize>,
    /// Every KR of the component in book order, including those not on `path`.
    pub members: Vec<KrIndex>,
}

/// The cycles of a plan's dependency graph, computed once.
#[derive(Debug, Clone, Default)]
pub struct DependencyCycles {
    cycles: Vec<Cycle>,
    /// For each node, the index of its cycle in `cycles`, if it is in one.
    cycle_of: Vec<Option<usize>>,
    /// Node index of each objective's first KR; objective nodes follow all KRs.
    first_kr: Vec<usize>,
    kr_count: usize,
}

/// The cycles of the plan, each as its closed path of KRs, ordered by their
/// first KR in book order.
pub fn cycles(plan: &Plan) -> Vec<Vec<KrIndex>> {
    DependencyCycles::of(plan)
        .cycles
        .into_iter()
        .map(|c| c.path)
        .collect()
}

/// Whether this `depends_on` edge lies inside a dependency cycle: its KR and
/// what it points at are in the same cycle. For several edges, build
/// [`DependencyCycles::of`] once and ask it instead.
pub fn edge_in_cycle(plan: &Plan, edge: &Edge) -> bool {
    DependencyCycles::of(plan).edge_in_cycle(edge)
}

/// The KRs that depend on this one, directly or through its objective, in
/// book order, each once; a KR's dependency on itself is left out.
pub fn dependents(plan: &Plan, objective: usize, kr: usize) -> Vec<KrIndex> {
    let mut found: Vec<KrIndex> = plan
        .dependents_of(objective, kr)
        .map(|e| (e.objective, e.kr))
        .filter(|&d| d != (objective, kr))
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// Names dependents for a message, grouped by team in order of first
/// appearance: "ml-platform (`train#KR2`), dx (`portal#KR1`, `portal#KR3`)".
/// Long lists end with "and N more".
pub fn describe_dependents(plan: &Plan, dependents: &[KrIndex]) -> String {
    const SHOWN: usize = 6;
    let mut teams: Vec<(&str, Vec<String>)> = Vec::new();
    for &(o, k) in dependents.iter().take(SHOWN) {
        let objective = &plan.objectives[o];
        let name = format!("`{}#{}`", objective.id, objective.krs[k].id);
        match teams.iter_mut().find(|(team, _)| *team == objective.team) {
            Some((_, names)) => names.push(name),
            None => teams.push((&objective.team, vec![name])),
        }
    }
    let mut text = teams
        .iter()
        .map(|(team, names)| format!("{team} ({})", names.join(", ")))
        .collect::<Vec<_>>()
        .join(", ");
    if dependents.len() > SHOWN {
        text.push_str(&format!(" and {} more", dependents.len() - SHOWN));
    }
    text
}

/// The risks of each edge of `plan.edges`, in the same order; an empty list
/// means the edge is fine. What the index's dependency table and graph show
/// and what `export` writes. A partial target is what `partial-prerequisite`
/// reported (so `allow` and a disabled rule count), read from its findings'
/// [`Subject`].
pub fn edge_risks(plan: &Plan, diagnostics: &[Diagnostic]) -> Vec<Vec<Risk>> {
    let mut partial = vec![false; plan.edges.len()];
    for d in diagnostics {
        if let Some(Subject::Prerequisite {
            edges,
            risk: Risk::Partial,
        }) = &d.subject
        {
            for &e in edges {
                partial[e] = true;
            }
        }
    }
    let cycles = DependencyCycles::of(plan);
    plan.edges
        .iter()
        .enumerate()
        .map(|(e, edge)| {
            let mut risks = Vec::new();
            match &edge.resolution {
                Resolution::Unresolved | Resolution::Team { known: false, .. } => {
                    risks.push(Risk::Unresolved);
                }
                Resolution::Team { known: true, .. } => risks.push(Risk::OpenAsk),
                Resolution::KeyResult { .. } | Resolution::Objective(_) => {}
            }
            if cycles.edge_in_cycle(edge) {
                risks.push(Risk::Cycle);
            }
            if target_krs(plan, edge)
                .into_iter()
                .any(|(o, k)| plan.objectives[o].krs[k].commitment == Commitment::Stretch)
            {
                risks.push(Risk::Stretch);
            }
            if partial[e] {
                risks.push(Risk::Partial);
            }
            risks
        })
        .collect()
}

/// The KRs an edge points at: one, every KR of an objective, or none.
pub fn target_krs(plan: &Plan, edge: &Edge) -> Vec<KrIndex> {
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

impl DependencyCycles {
    pub fn of(plan: &Plan) -> DependencyCycles {
        let graph = Graph::new(plan);
        let components = graph.cyclic_components();
        let mut result = DependencyCycles {
            cycles: Vec::new(),
            cycle_of: vec![None; graph.adjacency.len()],
            first_kr: graph.first_kr.clone(),
            kr_count: graph.kr_count,
        };
        let mut found: Vec<(Vec<usize>, Cycle)> = Vec::new();
        for component in components {
            let cycle = graph.cycle_through(&component);
            found.push((component, cycle));
        }
        found.sort_by_key(|(_, cycle)| cycle.members.first().copied());
        for (index, (component, cycle)) in found.into_iter().enumerate() {
            for node in component {
                result.cycle_of[node] = Some(index);
            }
            result.cycles.push(cycle);
        }
        result
    }

    /// Every cycle, ordered by its first KR in book order.
    pub fn cycles(&self) -> &[Cycle] {
        &self.cycles
    }

    /// The cycle this KR belongs to, if any.
    pub fn cycle_of_kr(&self, objective: usize, kr: usize) -> Option<&Cycle> {
        let node = self.kr_node(objective, kr)?;
        self.cycle_of[node].map(|c| &self.cycles[c])
    }

    /// Whether this `depends_on` edge lies inside a cycle.
    pub fn edge_in_cycle(&self, edge: &Edge) -> bool {
        let Some(from) = self.kr_node(edge.objective, edge.kr) else {
            return false;
        };
        let to = match edge.resolution {
            Resolution::KeyResult { objective, kr } => self.kr_node(objective, kr),
            Resolution::Objective(objective) => {
                Some(self.kr_count + objective).filter(|&n| n < self.cycle_of.len())
            }
            Resolution::Team { .. } | Resolution::Unresolved => None,
        };
        match (self.cycle_of[from], to.and_then(|n| self.cycle_of[n])) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        }
    }

    fn kr_node(&self, objective: usize, kr: usize) -> Option<usize> {
        let first = *self.first_kr.get(objective)?;
        let end = self
            .first_kr
            .get(objective + 1)
            .copied()
            .unwrap_or(self.kr_count);
        Some(first + kr).filter(|&n| n < end)
    }
}

/// Adjacency lists over node indices: KR nodes first (in book order), then
/// one node per objective.
struct Graph {
    /// `(target node, edge index in Plan::edges)`; the edge index of an
    /// objective node's edges to its KRs is `usize::MAX` (not a reference).
    adjacency: Vec<Vec<(usize, usize)>>,
    /// For each node that is a KR, its (objective, kr).
    krs: Vec<KrIndex>,
    first_kr: Vec<usize>,
    kr_count: usize,
}

const MEMBERSHIP: usize = usize::MAX;

impl Graph {
    fn new(plan: &Plan) -> Graph {
        let mut first_kr = Vec::with_capacity(plan.objectives.len());
        let mut krs = Vec::new();
        for (o, objective) in plan.objectives.iter().enumerate() {
            first_kr.push(krs.len());
            krs.extend((0..objective.krs.len()).map(|k| (o, k)));
        }
        let kr_count = krs.len();
        let mut adjacency = vec![Vec::new(); kr_count + plan.objectives.len()];
        for (o, &first) in first_kr.iter().enumerate() {
            let end = first_kr.get(o + 1).copied().unwrap_or(kr_count);
            adjacency[kr_count + o].extend((first..end).map(|n| (n, MEMBERSHIP)));
        }
        for (e, edge) in plan.edges.iter().enumerate() {
            let from = first_kr[edge.objective] + edge.kr;
            let to = match edge.resolution {
                Resolution::KeyResult { objective, kr } => first_kr[objective] + kr,
                Resolution::Objective(objective) => kr_count + objective,
                Resolution::Team { .. } | Resolution::Unresolved => continue,
            };
            adjacency[from].push((to, e));
        }
        Graph {
            adjacency,
            krs,
            first_kr,
            kr_count,
        }
    }

    /// The strongly connected components that hold a cycle (two or more
    /// nodes, or one with an edge to itself), by Tarjan's algorithm with an
    /// explicit stack. Components come out in reverse topological order;
    /// each is sorted by node index.
    fn cyclic_components(&self) -> Vec<Vec<usize>> {
        const UNSEEN: usize = usize::MAX;
        let n = self.adjacency.len();
        let mut index = vec![UNSEEN; n];
        let mut low = vec![0; n];
        let mut on_stack = vec![false; n];
        let mut stack = Vec::new();
        let mut components = Vec::new();
        let mut next_index = 0;
        // (node, position of the next adjacency entry to visit)
        let mut work: Vec<(usize, usize)> = Vec::new();
        for root in 0..n {
            if index[root] != UNSEEN {
                continue;
            }
            work.push((root, 0));
            while let Some(&mut (node, ref mut next)) = work.last_mut() {
                if *next == 0 && index[node] == UNSEEN {
                    index[node] = next_index;
                    low[node] = next_index;
                    next_index += 1;
                    stack.push(node);
                    on_stack[node] = true;
                }
                if let Some(&(to, _)) = self.adjacency[node].get(*next) {
                    *next += 1;
                    if index[to] == UNSEEN {
                        work.push((to, 0));
                    } else if on_stack[to] {
                        low[node] = low[node].min(index[to]);
                    }
                    continue;
                }
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    low[parent] = low[parent].min(low[node]);
                }
                if low[node] != index[node] {
                    continue;
                }
                // Most nodes are a component alone with no loop: they are
                // no cycle, and need no vector.
                let alone = stack.last() == Some(&node)
                    && !self.adjacency[node].iter().any(|&(to, _)| to == node);
                if alone {
                    stack.pop();
                    on_stack[node] = false;
                } else {
                    let mut component = Vec::new();
                    while let Some(member) = stack.pop() {
                        on_stack[member] = false;
                        component.push(member);
                        if member == node {
                            break;
                        }
                    }
                    component.sort_unstable();
                    components.push(component);
                }
            }
        }
        components
    }

    /// The shortest closed path through the component's first KR, found by a
    /// breadth-first search that stays inside the component.
    fn cycle_through(&self, component: &[usize]) -> Cycle {
        let members: Vec<KrIndex> = component
            .iter()
            .filter(|&&n| n < self.kr_count)
            .map(|&n| self.krs[n])
            .collect();
        // A component always holds a KR: objective nodes have no incoming
        // edges from other objective nodes, so a cycle must pass through a KR.
        let start = component[0];
        let inside = |node: usize| component.binary_search(&node).is_ok();
        let mut came_from: std::collections::HashMap<usize, (usize, usize)> =
            std::collections::HashMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        let mut closing = None;
        'search: while let Some(node) = queue.pop_front() {
            for &(to, edge) in &self.adjacency[node] {
                if to == start {
                    closing = Some((node, edge));
                    break 'search;
                }
                if inside(to) && !came_from.contains_key(&to) {
                    came_from.insert(to, (node, edge));
                    queue.push_back(to);
                }
            }
        }
        // Walk back from the node that closes the loop, collecting each step.
        let mut steps: Vec<(usize, usize)> = Vec::new();
        if let Some((mut node, edge)) = closing {
            steps.push((node, edge));
            while node != start {
                let Some(&(previous, edge)) = came_from.get(&node) else {
                    break;
                };
                steps.push((previous, edge));
                node = previous;
            }
        }
        steps.reverse();
        let mut path = Vec::new();
        let mut edges = Vec::new();
        for (node, edge) in steps {
            if node < self.kr_count {
                path.push(self.krs[node]);
                edges.push(edge);
            }
        }
        Cycle {
            path,
            edges,
            members,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::{config, objective};

    fn plan(chapters: &[String]) -> Plan {
        let config = config();
        let mut builder = crate::plan::PlanBuilder::new(&config);
        for (i, text) in chapters.iter().enumerate() {
            builder.add_file(
                format!("src/{i}.md"),
                Some(format!("{i}.md").into()),
                text.clone(),
            );
        }
        builder.finish()
    }

    fn kr(text: &str, depends_on: &[&str]) -> String {
        let list: Vec<String> = depends_on.iter().map(|d| format!("\"{d}\"")).collect();
        format!("text = \"{text}\"\ndepends_on = [{}]", list.join(", "))
    }

    #[test]
    fn two_krs_pointing_at_each_other_form_one_cycle() {
        let plan = plan(&[
            objective("a", "x", &[&kr("t", &[]), &kr("u", &["b#KR1"])]),
            objective("b", "y", &[&kr("v", &["a#KR2"])]),
        ]);
        let cycles = DependencyCycles::of(&plan);
        assert_eq!(cycles.cycles().len(), 1);
        assert_eq!(cycles.cycles()[0].path, [(0, 1), (1, 0)]);
        assert_eq!(cycles.cycles()[0].edges, [0, 1]);
        assert!(plan.edges.iter().all(|e| cycles.edge_in_cycle(e)));
        assert!(cycles.cycle_of_kr(0, 0).is_none());
    }

    #[test]
    fn a_whole_objective_reference_counts_only_the_krs_that_close_the_loop() {
        // a#KR1 -> b (every KR) ; b#KR2 -> a#KR1: the loop runs through b#KR2 only.
        let plan = plan(&[
            objective("a", "x", &[&kr("t", &["b"])]),
            objective("b", "y", &[&kr("u", &[]), &kr("v", &["a#KR1"])]),
        ]);
        let cycles = DependencyCycles::of(&plan);
        assert_eq!(cycles.cycles().len(), 1);
        assert_eq!(cycles.cycles()[0].path, [(0, 0), (1, 1)]);
        assert_eq!(cycles.cycles()[0].members, [(0, 0), (1, 1)]);
        assert!(cycles.cycle_of_kr(1, 0).is_none());
    }

    #[test]
    fn a_chain_and_a_diamond_have_no_cycle() {
        let plan = plan(&[
            objective("a", "x", &[&kr("t", &["b", "c#KR1"])]),
            objective(
                "b",
                "y",
                &[&kr("u", &["c"]), &kr("w", &["a#KR2", "team:z", "nope"])],
            ),
            objective("c", "z", &[&kr("v", &[])]),
        ]);
        assert!(cycles(&plan).is_empty());
        assert!(!plan.edges.iter().any(|e| edge_in_cycle(&plan, e)));
    }

    #[test]
    fn a_kr_depending_on_itself_or_its_own_objective_is_a_cycle() {
        let plan = plan(&[
            objective("a", "x", &[&kr("t", &["a#KR1"])]),
            objective("b", "y", &[&kr("u", &[]), &kr("v", &["b"])]),
        ]);
        assert_eq!(cycles(&plan), [vec![(0, 0)], vec![(1, 1)]]);
    }

    #[test]
    fn separate_cycles_are_ordered_by_their_first_kr_and_edges_between_them_are_not_in_a_cycle() {
        let plan = plan(&[
            objective("a", "x", &[&kr("t", &["b#KR1"])]),
            objective("b", "y", &[&kr("u", &["a#KR1", "c#KR1"])]),
            objective("c", "z", &[&kr("v", &["d#KR1"])]),
            objective("d", "w", &[&kr("s", &["c#KR1"])]),
        ]);
        let cycles = DependencyCycles::of(&plan);
        let paths: Vec<_> = cycles.cycles().iter().map(|c| c.path.clone()).collect();
        assert_eq!(paths, [vec![(0, 0), (1, 0)], vec![(2, 0), (3, 0)]]);
        let bridge = plan
            .edges
            .iter()
            .find(|e| e.objective == 1 && e.reference == 1);
        assert!(bridge.is_some_and(|e| !cycles.edge_in_cycle(e)));
    }

    #[test]
    fn a_long_chain_does_not_overflow_the_stack() {
        let chapter: String = (0..20_000)
            .map(|i| {
                objective(
                    &format!("o{i}"),
                    "x",
                    &[&kr("t", &[&format!("o{}#KR1", i + 1)])],
                )
            })
            .collect();
        let plan = plan(&[chapter]);
        assert_eq!(plan.objectives.len(), 20_000);
        assert!(cycles(&plan).is_empty());
    }

    #[test]
    fn a_long_ring_is_one_cycle_through_every_kr() {
        let n = 5_000;
        let chapter: String = (0..n)
            .map(|i| {
                let next = format!("o{}#KR1", (i + 1) % n);
                objective(&format!("o{i}"), "x", &[&kr("t", &[&next])])
            })
            .collect();
        let plan = plan(&[chapter]);
        let found = cycles(&plan);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].len(), n);
        assert_eq!(found[0][0], (0, 0));
        assert_eq!(found[0][n - 1], (n - 1, 0));
    }

    fn plan_with_teams(chapters: &[(&str, &str)]) -> Plan {
        let config = crate::config::Config {
            teams: Some(vec!["a".into(), "b".into(), "c".into()]),
            ..crate::config::Config::default()
        };
        let mut builder = crate::plan::PlanBuilder::new(&config);
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
        let plan = plan_with_teams(&[("a.md", &text)]);
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
    fn partial_targets_come_from_the_findings_data_and_self_loops_are_cycles() {
        let text = block(
            "x",
            "a",
            "[[kr]]\ntext = \"t\"\ndepends_on = [\"x\", \"y#KR1\"]\n",
        ) + &block("y", "b", "[[kr]]\ntext = \"t\"\n");
        let plan = plan_with_teams(&[("a.md", &text)]);
        let partial = Diagnostic {
            rule: "partial-prerequisite",
            severity: crate::diagnostic::Severity::Error,
            location: None,
            objective_index: Some(1),
            kr_index: Some(0),
            objective: Some("y".into()),
            kr: Some("KR1".into()),
            subject: Some(Subject::Prerequisite {
                edges: plan.dependent_edges(1, 0).to_vec(),
                risk: Risk::Partial,
            }),
            // The message is never read.
            message: "`x` `x#KR1`".into(),
            help: "".into(),
        };
        assert_eq!(
            edge_risks(&plan, &[partial]),
            [vec![Risk::Cycle], vec![Risk::Partial]]
        );
    }
}
