//! Two revisions of a plan compared: which objective and KR of the old
//! plan is which of the new (by id, then by similar text), and whether a
//! target got easier. `diff` reports the changes; `history` follows each
//! KR through every commit with the same pairing.

use std::collections::HashMap;

use crate::analysis::facts::{Analysis, Facts, KrFacts};
use crate::analysis::lexicon::Lexicon;
use crate::analysis::similarity::normalize_statement;
use crate::model::{KeyResult, Metric, Objective};
use crate::plan::Plan;

/// Dice similarity of content words above which two statements of the same
/// team, quarter and file, or two KRs of one objective, are one text
/// reworded rather than one removed and another added.
const REWORDED_SIMILARITY: f64 = 0.5;

/// Which objective and KR of the old plan is which of the new.
pub(crate) struct Pairs {
    pub(crate) objective_old_to_new: Vec<Option<usize>>,
    pub(crate) objective_new_to_old: Vec<Option<usize>>,
    /// For each paired objective (by its new index): new KR index -> old.
    pub(crate) krs: HashMap<usize, Vec<Option<usize>>>,
    /// (old objective, old KR) -> (new objective, new KR).
    pub(crate) kr_old_to_new: HashMap<(usize, usize), (usize, usize)>,
}

impl Pairs {
    pub(crate) fn find(old: &Plan, new: &Plan, lexicon: &Lexicon) -> Pairs {
        // Each text's content words are computed once, in its facts, however
        // many texts it is compared with.
        let old_facts = Analysis::new(old, lexicon);
        let new_facts = Analysis::new(new, lexicon);
        let mut pairing = Pairing::new(old.objectives.len(), new.objectives.len());
        // The same id, given or derived: the same objective.
        let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
        for (o, objective) in old.objectives.iter().enumerate().rev() {
            by_id.entry(objective.id.as_str()).or_default().push(o);
        }
        for (n, objective) in new.objectives.iter().enumerate() {
            if let Some(o) = by_id.get_mut(objective.id.as_str()).and_then(Vec::pop) {
                pairing.pair(o, n);
            }
        }
        // A derived id follows the statement's first words, so rewording
        // changes it: pair what is left in one place by similar statements.
        let place = |plan: &Plan, objective: &Objective| {
            (
                objective.team.clone(),
                objective.quarter,
                plan.files[objective.location.file].display_path.clone(),
            )
        };
        let mut candidates = Vec::new();
        for (o, before) in old.objectives.iter().enumerate() {
            if pairing.old_to_new[o].is_some() {
                continue;
            }
            for (n, after) in new.objectives.iter().enumerate() {
                if pairing.new_to_old[n].is_some()
                    || (before.id_explicit && after.id_explicit)
                    || place(old, before) != place(new, after)
                {
                    continue;
                }
                let similarity = text_similarity(
                    &old_facts.objective(o).statement,
                    &new_facts.objective(n).statement,
                );
                if similarity >= REWORDED_SIMILARITY {
                    candidates.push((similarity, o, n));
                }
            }
        }
        pairing.pair_best(candidates);

        let mut krs = HashMap::new();
        let mut kr_old_to_new = HashMap::new();
        for (n, o) in pairing.new_to_old.iter().enumerate() {
            let Some(o) = *o else { continue };
            let kr_pairs = pair_krs(
                (&old.objectives[o].krs, &old_facts.objective(o).krs),
                (&new.objectives[n].krs, &new_facts.objective(n).krs),
            );
            for (k_new, k_old) in kr_pairs.new_to_old.iter().enumerate() {
                if let Some(k_old) = k_old {
                    kr_old_to_new.insert((o, *k_old), (n, k_new));
                }
            }
            krs.insert(n, kr_pairs.new_to_old);
        }
        Pairs {
            objective_old_to_new: pairing.old_to_new,
            objective_new_to_old: pairing.new_to_old,
            krs,
            kr_old_to_new,
        }
    }
}

/// A one-to-one pairing of old items with new ones, built in passes.
struct Pairing {
    old_to_new: Vec<Option<usize>>,
    new_to_old: Vec<Option<usize>>,
}

impl Pairing {
    fn new(old: usize, new: usize) -> Pairing {
        Pairing {
            old_to_new: vec![None; old],
            new_to_old: vec![None; new],
        }
    }

    fn pair(&mut self, old: usize, new: usize) {
        self.old_to_new[old] = Some(new);
        self.new_to_old[new] = Some(old);
    }

    fn is_free(&self, old: usize, new: usize) -> bool {
        self.old_to_new[old].is_none() && self.new_to_old[new].is_none()
    }

    /// Pairs the most similar first; ties in order of the old then the new.
    fn pair_best(&mut self, mut candidates: Vec<(f64, usize, usize)>) {
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
        for (_, o, n) in candidates {
            if self.is_free(o, n) {
                self.pair(o, n);
            }
        }
    }
}

/// 1.0 for texts equal up to case and spacing, else the Dice similarity of
/// their content words.
fn text_similarity(a: &Facts, b: &Facts) -> f64 {
    if normalize_statement(a.text()) == normalize_statement(b.text()) {
        return 1.0;
    }
    a.similarity().content.dice(&b.similarity().content)
}

/// Pairs the KRs of one objective: the same given id; then the same text
/// (a KR moved, so its positional id changed); then similar text; then
/// whatever is left at the same position, which reads as a rewording.
/// Each KR comes with the facts of its texts.
fn pair_krs(
    (old, old_facts): (&[KeyResult], &[KrFacts]),
    (new, new_facts): (&[KeyResult], &[KrFacts]),
) -> Pairing {
    let mut pairing = Pairing::new(old.len(), new.len());
    for (n, after) in new.iter().enumerate() {
        let found = old.iter().enumerate().find(|(o, before)| {
            before.id_explicit
                && after.id_explicit
                && before.id == after.id
                && pairing.is_free(*o, n)
        });
        if let Some((o, _)) = found {
            pairing.pair(o, n);
        }
    }
    let mut same = Vec::new();
    let mut similar = Vec::new();
    for (o, before) in old.iter().enumerate() {
        for (n, after) in new.iter().enumerate() {
            if !pairing.is_free(o, n) || (before.id_explicit && after.id_explicit) {
                continue;
            }
            let similarity = text_similarity(&old_facts[o].text, &new_facts[n].text);
            if similarity == 1.0 {
                same.push((similarity, o, n));
            } else if similarity >= REWORDED_SIMILARITY {
                similar.push((similarity, o, n));
            }
        }
    }
    pairing.pair_best(same);
    pairing.pair_best(similar);
    for (n, after) in new.iter().enumerate() {
        let found = old
            .iter()
            .enumerate()
            .find(|(o, before)| before.id == after.id && pairing.is_free(*o, n));
        if let Some((o, _)) = found {
            pairing.pair(o, n);
        }
    }
    pairing
}

/// True when the new target asks for less than the old one, judged by the
/// old direction: lower for a measure that grows, higher for a reduction.
pub fn target_got_easier(was: &Metric, is: &Metric) -> bool {
    if was.to > was.from {
        is.to < was.to
    } else if was.to < was.from {
        is.to > was.to
    } else {
        false
    }
}
