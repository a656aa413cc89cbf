//! Which findings a change introduced and which it fixed.
//!
//! A finding is identified by its rule and what it concerns, as data: the
//! objective and KR it is on, and the objectives and KRs its subject names
//! (an overlap's pair, a cycle's path, a dependency's two ends), old ones
//! translated to the ids of the new objectives and KRs they were paired
//! with. Never by its position, which any edit above moves, and never by
//! its wording, which changes with the text it quotes: a KR reworded but
//! still without a number keeps its `unmeasurable` finding. A finding about
//! no objective at all is told apart by its file and the unknown key it
//! names, or, with no such data (an unreadable include, a team without
//! OKRs), by its file and message, the only identity it has.

use std::collections::HashMap;

use crate::analysis::revisions::Pairs;
use crate::book::LoadedPlan;
use crate::diagnostic::{Diagnostic, Subject};
use crate::lint;
use crate::plan::{Plan, Resolution};

use super::{FindingChanges, FindingRef};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct FindingKey {
    rule: &'static str,
    objective: Option<String>,
    kr: Option<String>,
    /// The ids the subject names, or for a finding on no objective its file
    /// and message.
    about: Vec<String>,
}

/// Ids in the new plan for objectives and KRs of one of the two plans.
struct Ids<'a> {
    plan: &'a Plan,
    new: &'a Plan,
    /// Translates this plan's indices to the new plan's; `None` for the new
    /// plan itself.
    pairs: Option<&'a Pairs>,
}

impl Ids<'_> {
    fn objective(&self, o: usize) -> String {
        let paired = match self.pairs {
            Some(pairs) => pairs.objective_old_to_new.get(o).copied().flatten(),
            None => Some(o),
        };
        match paired {
            Some(n) => self.new.objectives[n].id.clone(),
            None => self.plan.objectives[o].id.clone(),
        }
    }

    fn kr(&self, o: usize, k: usize) -> String {
        let paired = match self.pairs {
            Some(pairs) => pairs.kr_old_to_new.get(&(o, k)).copied(),
            None => Some((o, k)),
        };
        let (plan, o, k) = match paired {
            Some((n, k_new)) => (self.new, n, k_new),
            None => (self.plan, o, k),
        };
        let objective = &plan.objectives[o];
        format!("{}/{}", objective.id, objective.krs[k].id)
    }

    fn part(&self, o: usize, k: Option<usize>) -> String {
        match k {
            Some(k) => self.kr(o, k),
            None => self.objective(o),
        }
    }

    /// The two ends of a dependency edge: the depending KR, then what it
    /// names (resolved, or the reference as written).
    fn edge(&self, e: usize) -> [String; 2] {
        let edge = &self.plan.edges[e];
        let target = match &edge.resolution {
            Resolution::KeyResult { objective, kr } => self.kr(*objective, *kr),
            Resolution::Objective(o) => self.objective(*o),
            Resolution::Team { team, .. } => format!("team:{team}"),
            Resolution::Unresolved => self.plan.objectives[edge.objective].krs[edge.kr].depends_on
                [edge.reference]
                .raw
                .clone(),
        };
        [self.kr(edge.objective, edge.kr), target]
    }

    fn key(&self, d: &Diagnostic) -> FindingKey {
        let mut about = d
            .subject
            .as_ref()
            .map(|subject| self.subject(subject))
            .unwrap_or_default();
        // A finding about no objective (a block that cannot be read) is
        // told apart by its file, and by its message when it carries no
        // data either.
        if d.objective_index.is_none() {
            let file = d
                .location
                .as_ref()
                .and_then(|l| self.plan.files.get(l.file))
                .map(|f| f.display_path.clone())
                .unwrap_or_default();
            about.insert(0, file);
            if d.subject.is_none() {
                about.push(d.message.clone());
            }
        }
        FindingKey {
            rule: d.rule,
            objective: d.objective_index.map(|o| self.objective(o)),
            kr: match (d.objective_index, d.kr_index) {
                (Some(o), Some(k)) => Some(self.kr(o, k)),
                _ => None,
            },
            about,
        }
    }

    fn subject(&self, subject: &Subject) -> Vec<String> {
        match subject {
            Subject::Cycle { path } => path.iter().map(|&(o, k)| self.kr(o, k)).collect(),
            Subject::Overlap { earlier, later, .. } => vec![
                self.part(earlier.objective, earlier.kr),
                self.part(later.objective, later.kr),
            ],
            Subject::Drift { earlier, later, .. } => {
                vec![self.objective(*earlier), self.objective(*later)]
            }
            Subject::Series { objectives } => {
                objectives.iter().map(|&o| self.objective(o)).collect()
            }
            Subject::Dependency { edge, .. } => self.edge(*edge).to_vec(),
            Subject::Prerequisite { edges, .. } => {
                edges.iter().flat_map(|&e| self.edge(e)).collect()
            }
            Subject::UnknownKey { key, .. } => vec![key.clone()],
        }
    }
}

pub(super) fn compare(old: &LoadedPlan, new: &LoadedPlan, pairs: &Pairs) -> FindingChanges {
    let old_diagnostics = lint::run(&old.plan, &old.config);
    let new_diagnostics = lint::run(&new.plan, &new.config);
    let old_ids = Ids {
        plan: &old.plan,
        new: &new.plan,
        pairs: Some(pairs),
    };
    let new_ids = Ids {
        plan: &new.plan,
        new: &new.plan,
        pairs: None,
    };
    let mut old_counts = counts(&old_diagnostics, &old_ids);
    let mut new_counts = counts(&new_diagnostics, &new_ids);
    let mut changes = FindingChanges::default();
    for d in &new_diagnostics {
        if !take(&mut old_counts, &new_ids.key(d)) {
            changes.introduced.push(finding_ref(&new.plan, d));
        }
    }
    for d in &old_diagnostics {
        if !take(&mut new_counts, &old_ids.key(d)) {
            changes.fixed.push(finding_ref(&old.plan, d));
        }
    }
    changes
}

fn counts(diagnostics: &[Diagnostic], ids: &Ids) -> HashMap<FindingKey, usize> {
    let mut counts = HashMap::new();
    for d in diagnostics {
        *counts.entry(ids.key(d)).or_default() += 1;
    }
    counts
}

/// Takes one of `key` from the counts; false when none is left.
fn take(counts: &mut HashMap<FindingKey, usize>, key: &FindingKey) -> bool {
    match counts.get_mut(key) {
        Some(count) if *count > 0 => {
            *count -= 1;
            true
        }
        _ => false,
    }
}

fn finding_ref(plan: &Plan, d: &Diagnostic) -> FindingRef {
    let place = d.location.as_ref().and_then(|location| {
        let file = plan.files.get(location.file)?;
        Some((
            file.display_path.clone(),
            file.line_col(location.span.start).0,
        ))
    });
    FindingRef {
        rule: d.rule,
        severity: d.severity,
        objective: d.objective.clone(),
        kr: d.kr.clone(),
        message: d.message.clone(),
        file: place.as_ref().map(|p| p.0.clone()),
        line: place.map(|p| p.1),
    }
}
