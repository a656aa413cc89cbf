//! Reading progress over time from the book's Git history: the plan at
//! every commit that changed the book ([`super::commits`]), each key result
//! followed across them into the [`History`] that `crate::history` judges.
//! Each revision is paired with the one before the way `diff` pairs two
//! plans (by id, then by text).

use std::collections::HashMap;
use std::path::Path;

use crate::analysis::Lexicon;
use crate::analysis::revisions::Pairs;
use crate::config::Config;
use crate::history::{History, KrState, Missing, Point, Track, progress};
use crate::plan::Plan;

use super::commits;

/// `mdbook-okr history`: the book at `book` (its working tree) judged
/// against its history at the configured "today".
pub fn history(book: &Path) -> anyhow::Result<progress::Report> {
    let loaded = crate::book::load_book(book)?;
    let today = progress::today(&loaded.config)?;
    let history = read(book, &loaded.plan, &loaded.config);
    Ok(progress::report(
        &loaded.plan,
        &history,
        &loaded.config.history,
        today,
    ))
}

/// Reads the history of the book at `root` and follows each key result of
/// `current` (the plan being built, usually the working tree's) back
/// through it. Missing history is no error: [`History::missing`] says why.
pub fn read(root: &Path, current: &Plan, config: &Config) -> History {
    let root = match std::fs::canonicalize(root) {
        Ok(root) => root,
        Err(_) => {
            return History {
                missing: Some(Missing::NotARepository),
                ..History::default()
            };
        }
    };
    let lexicon = &Lexicon::new(&config.words);
    let mut history = History::default();
    let mut previous: Option<Revision> = None;
    let walked = commits::each_revision(&root, |commit, loaded| {
        let index = history.commits.len();
        history.commits.push(commit);
        let tracks_of = follow(
            &mut history.tracks,
            previous.as_ref(),
            &loaded.plan,
            lexicon,
            Some(index),
        );
        previous = Some((loaded.plan, tracks_of));
    });
    if let Err(missing) = walked {
        return History {
            missing: Some(missing),
            ..History::default()
        };
    }
    // The plan being built may hold edits not committed yet: pair it with
    // the last commit's plan, but add no point for it.
    history.of_kr = follow(
        &mut history.tracks,
        previous.as_ref(),
        current,
        lexicon,
        None,
    );
    history
}

/// A revision's plan and the track of each of its key results.
type Revision = (Plan, HashMap<(usize, usize), usize>);

/// Pairs `plan` with the previous revision's plan and extends or starts a
/// track for each of its key results; `commit` is `None` for the plan of
/// the working tree, which only finds its tracks. Returns the track of each
/// key result of `plan`.
fn follow(
    tracks: &mut Vec<Track>,
    previous: Option<&Revision>,
    plan: &Plan,
    lexicon: &Lexicon,
    commit: Option<usize>,
) -> HashMap<(usize, usize), usize> {
    let mut new_to_old = HashMap::new();
    if let Some((old_plan, _)) = previous {
        let pairs = Pairs::find(old_plan, plan, lexicon);
        for (&old, &new) in &pairs.kr_old_to_new {
            new_to_old.insert(new, old);
        }
    }
    let mut tracks_of = HashMap::new();
    for (o, objective) in plan.objectives.iter().enumerate() {
        for (k, kr) in objective.krs.iter().enumerate() {
            let old = new_to_old.get(&(o, k));
            let known = old.and_then(|old| previous.and_then(|(_, of)| of.get(old)).copied());
            let track = match (known, commit) {
                (Some(track), Some(commit)) => {
                    // Most KRs are as the commit before left them: seeing
                    // that costs a comparison, not a new state.
                    let unchanged =
                        old.zip(previous)
                            .is_some_and(|(&(old_o, old_k), (old_plan, _))| {
                                let before = &old_plan.objectives[old_o];
                                before.krs[old_k] == *kr
                                    && (&before.id, &before.team, before.quarter)
                                        == (&objective.id, &objective.team, objective.quarter)
                            });
                    if !unchanged {
                        let state = KrState::of(objective, kr);
                        if tracks[track].last() != &state {
                            tracks[track].points.push(Point { commit, state });
                        }
                    }
                    track
                }
                (Some(track), None) => track,
                (None, Some(commit)) => {
                    tracks.push(Track {
                        points: vec![Point {
                            commit,
                            state: KrState::of(objective, kr),
                        }],
                    });
                    tracks.len() - 1
                }
                (None, None) => continue,
            };
            tracks_of.insert((o, k), track);
        }
    }
    tracks_of
}

/// The progress report a build shows, read from the book's history at
/// `root`. Missing history or a bad `MDBOOK_OKR_TODAY` is said once on
/// `messages` and never fails the build.
pub fn for_build(
    root: &Path,
    plan: &Plan,
    config: &Config,
    messages: &mut dyn std::io::Write,
) -> Option<progress::Report> {
    let today = match progress::today(config) {
        Ok(today) => today,
        Err(error) => {
            let _ = writeln!(messages, "warning: progress is not shown: {error:#}");
            return None;
        }
    };
    let history = read(root, plan, config);
    if let Some(missing) = history.missing {
        let _ = writeln!(messages, "note: {}", missing.advice());
    }
    Some(progress::report(plan, &history, &config.history, today))
}

/// The rules that read the history: it is read only when one is on.
pub const RULES: &[&str] = &[
    "stale-progress",
    "stretch-always-met",
    "target-lowered-late",
];

/// The progress a run of `check` or a build over the book at `root`
/// needs: `None` when no history rule is on and the cards are not asked to
/// show progress (`show = true` under `[preprocessor.okr.history]`), since
/// reading every commit costs time on each build.
pub fn if_wanted(
    root: Option<&Path>,
    plan: &Plan,
    config: &Config,
    messages: &mut dyn std::io::Write,
) -> Option<progress::Report> {
    // The history rules are off by default: one is on only when the
    // configuration gives it a level.
    let wanted = config.history.show
        || RULES.iter().any(|name| {
            config
                .rules
                .get(*name)
                .is_some_and(|level| level.severity().is_some())
        });
    for_build(root.filter(|_| wanted)?, plan, config, messages)
}
