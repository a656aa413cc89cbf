//! Comparing what objectives and key results say: the normal form of an
//! objective statement, the content words of a text, series of one objective
//! over several quarters, wording that drifted between quarters, and work that
//! two teams plan twice in one quarter.
//!
//! The rules `missing-phase-label`, `objective-drift` and
//! `overlapping-objectives` are built on this module, and the index uses the
//! same functions to show series and overlaps, so both always agree.
//!
//! Nothing here compares every objective with every other: pairs come from
//! inverted indexes over content words, so a book of thousands of objectives
//! costs about as much as the pairs that really share words.

use std::collections::{BTreeMap, BTreeSet};

// Hashed per word of every text; the fast non-cryptographic hasher (the
// keys are the book's own words, not an attacker's).
use foldhash::{HashMap, HashMapExt, HashSet};

mod words;

use crate::model::Quarter;
use crate::plan::Plan;
pub use words::{ContentWords, TextWords, content_words_of};

/// Share of content words two statements of one team must share (Jaccard:
/// shared words over all words of both) to count as the same objective
/// reworded.
pub const DRIFT_THRESHOLD: f64 = 0.6;

/// Dice similarity (twice the shared words over the words of both, all
/// content words counted) that two texts of different teams need to look
/// like the same work.
pub const OVERLAP_THRESHOLD: f64 = 0.5;

/// The most texts of one quarter a distinctive word may appear in: a word
/// in more is common whatever the size of the book, which also bounds the
/// work of pairing texts through the index.
const MAX_POSTING: usize = 48;

/// Distinctive words two texts must share to look like the same work: one
/// or two shared words are a topic, not a plan.
pub const OVERLAP_MIN_SHARED: usize = 3;

/// Words that say how a plan is phrased rather than what work it is about:
/// verbs of change, statistics and units of time, and the usual subjects of
/// platform work. Two key results that both "cut the median time in
/// minutes" are not the same work; overlaps ignore these.
const GENERIC_WORDS: &[&str] = &[
    "reduce", "cut", "increase", "improve", "lower", "raise", "decrease", "keep", "hold", "make",
    "median", "average", "mean", "p50", "p90", "p95", "p99", "time", "minute", "hour", "day",
    "week", "month", "quarter", "year", "percent", "rate", "number", "team", "service", "engineer",
    "new", "every", "each",
];

/// The form in which two statements are "the same": lowercase, every run of
/// whitespace one space, no surrounding space and no closing full stop.
///
/// `"Roll out  IPv6 to remove NAT bottlenecks."` and
/// `"roll out IPv6 to remove NAT bottlenecks"` normalise alike.
pub fn normalize_statement(statement: &str) -> String {
    // One buffer for the whole form: every template field and objective
    // statement passes through here.
    let mut joined = String::with_capacity(statement.len());
    for word in statement.split_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(word);
    }
    let mut lower = if joined.is_ascii() {
        joined.make_ascii_lowercase();
        joined
    } else {
        joined.to_lowercase()
    };
    let kept = lower
        .trim_end_matches(|c: char| matches!(c, '.' | '!' | ';' | ':') || c.is_whitespace())
        .len();
    lower.truncate(kept);
    lower
}

/// Pairs `(i, j, jaccard)` with `i < j` of word sets whose Jaccard
/// similarity is at least `threshold` (which must be above 0), in order.
///
/// Prefix filtering: with the words of every set ordered rarest first, two
/// sets that reach the threshold must share a word among the first
/// `|x| - ceil(threshold * |x|) + 1` words of each, so only those prefixes
/// are indexed and common words rarely produce candidates.
pub fn similar_pairs(sets: &[&ContentWords], threshold: f64) -> Vec<(usize, usize, f64)> {
    let mut frequency: HashMap<&str, usize> = HashMap::new();
    for set in sets {
        for key in set.keys() {
            *frequency.entry(key).or_default() += 1;
        }
    }
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut pairs = Vec::new();
    for (j, set) in sets.iter().enumerate() {
        let mut ordered: Vec<&str> = set.keys().collect();
        ordered.sort_by_key(|key| (frequency[key], *key));
        let needed = (threshold * ordered.len() as f64 - 1e-9).ceil() as usize;
        let prefix = &ordered[..(ordered.len() + 1).saturating_sub(needed.max(1))];
        let mut candidates = BTreeSet::new();
        for key in prefix {
            if let Some(earlier) = index.get(key) {
                candidates.extend(earlier.iter().copied());
            }
        }
        for i in candidates {
            let score = sets[i].jaccard(set);
            if score >= threshold {
                pairs.push((i, j, score));
            }
        }
        for key in prefix {
            index.entry(key).or_default().push(j);
        }
    }
    pairs.sort_by_key(|&(i, j, _)| (i, j));
    pairs
}

/// One objective of one team carried over two or more quarters with the
/// same statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub team: String,
    /// The shared statement in [`normalize_statement`] form.
    pub statement: String,
    /// Indices into the plan's objectives, by quarter, then book order.
    pub objectives: Vec<usize>,
}

impl Series {
    /// The distinct quarters of the series, in order.
    pub fn quarters(&self, plan: &Plan) -> Vec<Quarter> {
        let quarters: BTreeSet<Quarter> = self
            .objectives
            .iter()
            .map(|&o| plan.objectives[o].quarter)
            .collect();
        quarters.into_iter().collect()
    }
}

/// Every objective statement that one team uses, unchanged but for case and
/// spacing, in two or more quarters; in order of their first block.
pub fn series(plan: &Plan) -> Vec<Series> {
    let mut groups: BTreeMap<(&str, String), Vec<usize>> = BTreeMap::new();
    for (index, objective) in plan.objectives.iter().enumerate() {
        groups
            .entry((&objective.team, normalize_statement(&objective.statement)))
            .or_default()
            .push(index);
    }
    let mut all: Vec<Series> = groups
        .into_iter()
        .filter_map(|((team, statement), mut objectives)| {
            let first_quarter = plan.objectives[objectives[0]].quarter;
            if objectives
                .iter()
                .all(|&o| plan.objectives[o].quarter == first_quarter)
            {
                return None;
            }
            objectives.sort_by_key(|&o| (plan.objectives[o].quarter, o));
            Some(Series {
                team: team.to_string(),
                statement,
                objectives,
            })
        })
        .collect();
    all.sort_by_key(|s| s.objectives.iter().copied().min());
    all
}

/// A team's objective reworded from one quarter to a later one.
#[derive(Debug, Clone, PartialEq)]
pub struct Drift {
    /// The objective of the earlier quarter (index into the plan).
    pub earlier: usize,
    /// The reworded objective of the later quarter.
    pub later: usize,
    /// Jaccard similarity of their content words.
    pub score: f64,
}

/// Objectives whose statement is nearly, but not exactly, the statement of
/// an objective of the same team in an earlier quarter
/// ([`DRIFT_THRESHOLD`] of content words shared).
///
/// At most one drift per later objective: the closest earlier statement
/// (then the latest quarter). An objective whose exact statement already
/// appeared in an earlier quarter keeps an established wording and has no
/// drift. In order of the later objective.
///
/// `words_of` gives an objective's content words of its statement
/// (computed once per text by [`crate::analysis::Facts::similarity`]).
pub fn drifts<'w>(plan: &Plan, words_of: impl Fn(usize) -> &'w ContentWords) -> Vec<Drift> {
    let mut by_team: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (index, objective) in plan.objectives.iter().enumerate() {
        by_team.entry(&objective.team).or_default().push(index);
    }
    let mut found = Vec::new();
    for members in by_team.values() {
        // Drift is between quarters: a team planning a single quarter has
        // none, however many objectives it lists.
        let first = plan.objectives[members[0]].quarter;
        if members.iter().all(|&o| plan.objectives[o].quarter == first) {
            continue;
        }
        let normal: Vec<String> = members
            .iter()
            .map(|&o| normalize_statement(&plan.objectives[o].statement))
            .collect();
        let quarter = |m: usize| plan.objectives[members[m]].quarter;
        // An exact statement seen in an earlier quarter settles the wording.
        let mut first_quarter: HashMap<&str, Quarter> = HashMap::new();
        for (m, statement) in normal.iter().enumerate() {
            let q = first_quarter
                .entry(statement.as_str())
                .or_insert(quarter(m));
            *q = (*q).min(quarter(m));
        }
        let refs: Vec<&ContentWords> = members.iter().map(|&o| words_of(o)).collect();
        let mut best: BTreeMap<usize, (f64, Quarter, usize)> = BTreeMap::new();
        for (a, b, score) in similar_pairs(&refs, DRIFT_THRESHOLD) {
            if quarter(a) == quarter(b) || normal[a] == normal[b] {
                continue;
            }
            let (earlier, later) = if quarter(a) < quarter(b) {
                (a, b)
            } else {
                (b, a)
            };
            if first_quarter[normal[later].as_str()] < quarter(later) {
                continue;
            }
            let candidate = (score, quarter(earlier), members[earlier]);
            let entry = best.entry(members[later]).or_insert(candidate);
            if candidate > *entry {
                *entry = candidate;
            }
        }
        found.extend(best.into_iter().map(|(later, (score, _, earlier))| Drift {
            earlier,
            later,
            score,
        }));
    }
    found.sort_by_key(|d| d.later);
    found
}

/// An objective, or one key result of it.
pub use crate::diagnostic::Part as Item;

/// Two objectives, or two key results, of different teams in one quarter
/// that look like the same work.
#[derive(Debug, Clone, PartialEq)]
pub struct Overlap {
    /// The first in book order.
    pub a: Item,
    pub b: Item,
    /// The distinctive words both use, as written in `a`, sorted.
    pub shared_words: Vec<String>,
    /// Dice similarity of their distinctive words, 0.0..=1.0.
    pub score: f64,
}

/// Every pair of objectives, and every pair of key results, of different
/// teams in the same quarter whose wording overlaps: at least
/// [`OVERLAP_MIN_SHARED`] distinctive content words shared and a Dice
/// similarity of their content words of at least [`OVERLAP_THRESHOLD`].
///
/// A word is not distinctive when it appears in more than an eighth of the
/// quarter's texts of that kind (and in more than three; always when in
/// more than 48): "service" or
/// "team" in every objective says nothing about the work. Generic words of
/// phrasing (verbs of change, units of time, statistics) never are. Key results of two
/// objectives that already overlap are not reported again. Sorted by `a`,
/// then `b`.
///
/// `words_of` gives the words of an objective's statement or of a key
/// result's text (computed once per text by
/// [`crate::analysis::Facts::similarity`]).
pub fn overlaps<'w>(plan: &Plan, words_of: impl Fn(Item) -> &'w TextWords) -> Vec<Overlap> {
    let mut quarters: BTreeMap<Quarter, Vec<usize>> = BTreeMap::new();
    for (index, objective) in plan.objectives.iter().enumerate() {
        quarters.entry(objective.quarter).or_default().push(index);
    }
    let mut found = Vec::new();
    for objectives in quarters.values() {
        let statements: Vec<Item> = objectives
            .iter()
            .map(|&o| Item {
                objective: o,
                kr: None,
            })
            .collect();
        let objective_overlaps = overlapping_texts(plan, &statements, &words_of);
        let paired: HashSet<(usize, usize)> = objective_overlaps
            .iter()
            .map(|o| (o.a.objective, o.b.objective))
            .collect();
        let krs: Vec<Item> = objectives
            .iter()
            .flat_map(|&o| {
                (0..plan.objectives[o].krs.len()).map(move |k| Item {
                    objective: o,
                    kr: Some(k),
                })
            })
            .collect();
        found.extend(objective_overlaps);
        found.extend(
            overlapping_texts(plan, &krs, &words_of)
                .into_iter()
                .filter(|o| !paired.contains(&(o.a.objective, o.b.objective))),
        );
    }
    found.sort_by_key(|o| (o.a, o.b));
    found
}

/// The overlapping pairs among texts of one kind in one quarter.
fn overlapping_texts<'w>(
    plan: &Plan,
    texts: &[Item],
    words_of: &impl Fn(Item) -> &'w TextWords,
) -> Vec<Overlap> {
    let all: Vec<&TextWords> = texts.iter().map(|&item| words_of(item)).collect();
    let words: Vec<&ContentWords> = all.iter().map(|w| &w.content).collect();
    // Each distinct form is hashed once, to a number; the counts, the
    // common forms and the postings are arrays indexed by it.
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut forms: Vec<&str> = Vec::new();
    let mut numbered: Vec<Vec<u32>> = Vec::with_capacity(words.len());
    for set in &words {
        let mut numbers = Vec::with_capacity(set.len());
        for key in set.keys() {
            let id = *ids.entry(key).or_insert_with(|| {
                forms.push(key);
                (forms.len() - 1) as u32
            });
            numbers.push(id);
        }
        numbered.push(numbers);
    }
    let mut frequency = vec![0usize; forms.len()];
    for &id in numbered.iter().flatten() {
        frequency[id as usize] += 1;
    }
    let limit = (texts.len() / 8).clamp(3, MAX_POSTING);
    let common: Vec<bool> = forms
        .iter()
        .zip(&frequency)
        .map(|(form, &count)| count > limit || GENERIC_WORDS.contains(form))
        .collect();
    let is_common = |form: &str| common[ids[form] as usize];
    let distinctive: Vec<Vec<u32>> = numbered
        .into_iter()
        .map(|mut set| {
            set.retain(|&id| !common[id as usize]);
            set
        })
        .collect();
    let names: Vec<&[String]> = all.iter().map(|w| w.names.as_slice()).collect();

    // Inverted index over distinctive words: each posting list holds at
    // most `limit` texts, so counting shared words stays near linear.
    let mut postings: Vec<Vec<usize>> = vec![Vec::new(); forms.len()];
    for (t, set) in distinctive.iter().enumerate() {
        for &id in set {
            postings[id as usize].push(t);
        }
    }
    // Teams as numbers: the inner loop below compares them for every
    // posting.
    let mut team_ids: HashMap<&str, u32> = HashMap::new();
    let teams: Vec<u32> = texts
        .iter()
        .map(|item| {
            let team = plan.objectives[item.objective].team.as_str();
            let next = team_ids.len() as u32;
            *team_ids.entry(team).or_insert(next)
        })
        .collect();
    // For each text, the words it shares with each later text of another
    // team, counted in one array that is reset after each text.
    let mut shared = vec![0usize; texts.len()];
    let mut touched = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (a, set) in distinctive.iter().enumerate() {
        for &id in set {
            for &b in &postings[id as usize] {
                if b > a && teams[b] != teams[a] {
                    if shared[b] == 0 {
                        touched.push(b);
                    }
                    shared[b] += 1;
                }
            }
        }
        // Sorted, so the pairs come out in order.
        touched.sort_unstable();
        for &b in &touched {
            if shared[b] >= OVERLAP_MIN_SHARED {
                pairs.push((a, b));
            }
            shared[b] = 0;
        }
        touched.clear();
    }
    pairs
        .into_iter()
        .filter(|&(a, b)| is_subset(names[a], names[b]) || is_subset(names[b], names[a]))
        .filter_map(|(a, b)| {
            // Scored on the whole wording: in a big quarter, setting the
            // common words aside leaves a few words per text, and two texts
            // sharing three of them would look alike though most of what
            // they say differs.
            let score = words[a].dice(words[b]);
            (score >= OVERLAP_THRESHOLD).then(|| Overlap {
                a: texts[a],
                b: texts[b],
                shared_words: words[a].shared_outside(words[b], is_common),
                score,
            })
        })
        .collect()
}

/// Every name of the sorted list `a` is in the sorted list `b`.
fn is_subset(a: &[String], b: &[String]) -> bool {
    let mut rest = b.iter();
    a.iter().all(|name| rest.any(|other| other == name))
}

#[cfg(test)]
mod tests {
    use super::words::{comparison_form, named_things};
    use super::*;
    use crate::analysis::tokens::Split;
    use crate::analysis::words::STOP_WORDS;
    use crate::config::Config;

    fn stop() -> HashSet<String> {
        STOP_WORDS.iter().map(|w| w.to_string()).collect()
    }

    fn content_words(text: &str, stop: &HashSet<String>) -> ContentWords {
        content_words_of(&Split::new(text), stop)
    }

    /// The words of every objective statement and key result of `plan`.
    fn words(plan: &Plan) -> BTreeMap<Item, TextWords> {
        let mut all = BTreeMap::new();
        for (o, objective) in plan.objectives.iter().enumerate() {
            let of = |text: &str| TextWords::of(&Split::new(text), &stop());
            all.insert(
                Item {
                    objective: o,
                    kr: None,
                },
                of(&objective.statement),
            );
            for (k, kr) in objective.krs.iter().enumerate() {
                let item = Item {
                    objective: o,
                    kr: Some(k),
                };
                all.insert(item, of(&kr.text.value));
            }
        }
        all
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|n| n.to_string()).collect()
    }

    fn overlaps_in(plan: &Plan) -> Vec<Overlap> {
        let words = words(plan);
        overlaps(plan, |item| &words[&item])
    }

    fn plan(blocks: &[(&str, &str, &str)]) -> Plan {
        let mut text = String::new();
        for (team, quarter, objective) in blocks {
            text.push_str(&format!(
                "```okr\nteam = \"{team}\"\nquarter = \"{quarter}\"\nobjective = \"{objective}\"\n[[kr]]\ntext = \"Ship it\"\n```\n\n"
            ));
        }
        Plan::from_chapter("a.md", &text, &Config::default())
    }

    #[test]
    fn normal_form_ignores_case_spacing_and_a_closing_stop() {
        assert_eq!(
            normalize_statement("  Roll out  IPv6\tto remove NAT bottlenecks. "),
            "roll out ipv6 to remove nat bottlenecks"
        );
        assert_ne!(
            normalize_statement("Cut cost by half"),
            normalize_statement("Cut costs by half")
        );
    }

    #[test]
    fn content_words_drop_stop_words_numbers_and_fold_plurals() {
        let words = content_words(
            "Migrate all 48 Services to the team's new clusters",
            &stop(),
        );
        let keys: Vec<&str> = words.keys().collect();
        assert_eq!(keys, ["cluster", "migrate", "new", "service", "team"]);
        let other = content_words("one service per cluster", &stop());
        assert_eq!(words.shared_with(&other), ["clusters", "services"]);
        assert_eq!(comparison_form("access"), "access");
        assert_eq!(comparison_form("dependencies"), "dependency");
        assert_eq!(comparison_form("status"), "status");
    }

    #[test]
    fn similar_pairs_agree_with_checking_every_pair() {
        let texts = [
            "roll out ipv6 internal services remove nat bottlenecks",
            "roll out ipv6 across internal services remove nat bottlenecks",
            "replace blob store object storage cut storage incidents",
            "replace blob store object storage cut incidents",
            "define slos customer-facing services",
            "roll out tracing customer-facing services",
            "services",
            "",
        ];
        let sets: Vec<ContentWords> = texts.iter().map(|t| content_words(t, &stop())).collect();
        let refs: Vec<&ContentWords> = sets.iter().collect();
        for threshold in [0.3, 0.5, 0.6, 0.9] {
            let mut expected = Vec::new();
            for i in 0..sets.len() {
                for j in i + 1..sets.len() {
                    let score = sets[i].jaccard(&sets[j]);
                    if score >= threshold {
                        expected.push((i, j, score));
                    }
                }
            }
            assert_eq!(
                similar_pairs(&refs, threshold),
                expected,
                "threshold {threshold}"
            );
        }
    }

    #[test]
    fn series_group_one_team_statement_over_quarters() {
        let plan = plan(&[
            ("net", "2026-Q1", "Roll out IPv6 to remove NAT (Pilot)"),
            ("net", "2026-Q2", "roll out  IPv6 to remove NAT (Rollout)"),
            ("other", "2026-Q2", "Roll out IPv6 to remove NAT"),
            ("net", "2026-Q2", "Cut cost"),
            ("net", "2026-Q2", "Cut cost"),
        ]);
        let all = series(&plan);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].team, "net");
        assert_eq!(all[0].objectives, [0, 1]);
        assert_eq!(all[0].quarters(&plan).len(), 2);
    }

    #[test]
    fn drift_is_reported_once_on_the_later_reworded_block() {
        let plan = plan(&[
            (
                "net",
                "2026-Q4",
                "Roll out IPv6 across internal services to remove NAT bottlenecks",
            ),
            (
                "net",
                "2026-Q3",
                "Roll out IPv6 for all internal services to remove NAT bottlenecks",
            ),
            (
                "net",
                "2027-Q1",
                "Roll out IPv6 across internal services to remove NAT bottlenecks",
            ),
            (
                "net",
                "2027-Q1",
                "Cut the cloud bill for data teams to fund the GPU cluster",
            ),
            (
                "edge",
                "2027-Q1",
                "Roll out IPv6 to all internal services to remove NAT bottlenecks",
            ),
        ]);
        let words = words(&plan);
        let found = drifts(&plan, |o| {
            &words[&Item {
                objective: o,
                kr: None,
            }]
                .content
        });
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].earlier, found[0].later), (1, 0));
        assert!((found[0].score - 1.0).abs() < 1e-9);
    }

    #[test]
    fn texts_naming_different_systems_do_not_overlap() {
        let plan = plan(&[
            (
                "a",
                "2026-Q2",
                "Keep Velmora checkout error budget burn under 100%",
            ),
            (
                "b",
                "2026-Q2",
                "Keep Tasken checkout error budget burn under 100%",
            ),
            (
                "c",
                "2026-Q2",
                "Cut Postgres storage cost of analytics replicas by half",
            ),
            (
                "d",
                "2026-Q2",
                "Cut Postgres storage cost of analytics replicas by a third",
            ),
            (
                "e",
                "2026-Q2",
                "Shrink the storage cost of analytics replicas",
            ),
            (
                "f",
                "2026-Q2",
                "Move Tasken pipelines off Jenkins onto GitHub Actions",
            ),
            (
                "g",
                "2026-Q2",
                "Move Velmora pipelines off Jenkins onto GitHub Actions",
            ),
            (
                "h",
                "2026-Q2",
                "Move pipelines off Jenkins onto GitHub Actions for every team",
            ),
        ]);
        let found: Vec<(usize, usize)> = overlaps_in(&plan)
            .iter()
            .map(|o| (o.a.objective, o.b.objective))
            .collect();
        // a and b, and f and g, each name a system the other does not; c
        // and d name the same one; e names none; h names part of what f
        // and g name.
        assert_eq!(found, [(2, 3), (2, 4), (3, 4), (5, 7), (6, 7)]);
        assert_eq!(
            named_things(&Split::new(
                "Move `ledger-api` off MySQL onto Velmora's GitHub Actions, no SREs or APIs"
            )),
            ["actions", "github", "ledger-api", "mysql", "velmora"]
        );
        assert!(is_subset(
            &names(&["b", "d"]),
            &names(&["a", "b", "c", "d"])
        ));
        assert!(!is_subset(
            &names(&["b", "e"]),
            &names(&["a", "b", "c", "d"])
        ));
        assert!(is_subset(&[], &names(&["a"])));
        assert!(!is_subset(&names(&["a"]), &[]));
    }

    #[test]
    fn overlaps_pair_teams_on_distinctive_words_only() {
        let plan = plan(&[
            (
                "a",
                "2026-Q2",
                "Build a feature-flag service for product teams to decouple deploys from releases",
            ),
            (
                "b",
                "2026-Q2",
                "Launch a feature-flag service for mobile teams to decouple releases from deploys",
            ),
            (
                "c",
                "2026-Q2",
                "Define SLOs for customer-facing services to make trade-offs explicit",
            ),
            (
                "d",
                "2026-Q2",
                "Trace customer-facing services to find faulty services",
            ),
            (
                "a",
                "2026-Q3",
                "Launch a feature-flag service for mobile teams to decouple releases from deploys",
            ),
        ]);
        let found = overlaps_in(&plan);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].a.objective, found[0].b.objective), (0, 1));
        assert!(found[0].shared_words.contains(&"flag".to_string()));
        assert!(found[0].score >= OVERLAP_THRESHOLD);
    }
}
