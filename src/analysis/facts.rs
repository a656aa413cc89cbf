//! The facts about one text, each computed the first time a rule asks and
//! kept for the rest of the run, and the facts of every text of a plan.

use std::ops::Range;
use std::sync::OnceLock;

use super::lexicon::{Activity, Lexicon};
use super::numbers::{self, Number};
use super::predicate::{self, Predicate};
use super::share::{self, Lexeme};
use super::similarity::TextWords;
use super::tokens::Split;
use super::{hype, outcome, spans};
use crate::plan::Plan;

/// Everything the rules read about one text. The text is split into words
/// once; every other fact is derived from that split (or, for the scope
/// share, from the text's lexemes) at most once.
pub struct Facts<'a> {
    text: &'a str,
    lexicon: &'a Lexicon,
    words: OnceLock<Split<'a>>,
    numbers: OnceLock<Vec<Number>>,
    change: OnceLock<Option<Range<usize>>>,
    lead: OnceLock<usize>,
    vague: OnceLock<Option<Range<usize>>>,
    predicate: OnceLock<Option<Predicate>>,
    activity: OnceLock<Option<Activity>>,
    result: OnceLock<Option<Range<usize>>>,
    deadline: OnceLock<Option<Range<usize>>>,
    approval: OnceLock<Option<Range<usize>>>,
    output: OnceLock<Option<Range<usize>>>,
    lexemes: OnceLock<Vec<Lexeme>>,
    share: OnceLock<Option<Range<usize>>>,
    hype: OnceLock<Vec<(Range<usize>, &'a str)>>,
    outcome: OnceLock<bool>,
    destination: OnceLock<Option<Range<usize>>>,
    similarity: OnceLock<TextWords>,
}

impl<'a> Facts<'a> {
    pub fn new(text: &'a str, lexicon: &'a Lexicon) -> Self {
        Facts {
            text,
            lexicon,
            words: OnceLock::new(),
            numbers: OnceLock::new(),
            change: OnceLock::new(),
            lead: OnceLock::new(),
            vague: OnceLock::new(),
            predicate: OnceLock::new(),
            activity: OnceLock::new(),
            result: OnceLock::new(),
            deadline: OnceLock::new(),
            approval: OnceLock::new(),
            output: OnceLock::new(),
            lexemes: OnceLock::new(),
            share: OnceLock::new(),
            hype: OnceLock::new(),
            outcome: OnceLock::new(),
            destination: OnceLock::new(),
            similarity: OnceLock::new(),
        }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The words of the text, split once.
    pub fn words(&self) -> &Split<'a> {
        self.words.get_or_init(|| Split::new(self.text))
    }

    /// The quantities of the text (see [`numbers::numbers`]).
    pub fn numbers(&self) -> &[Number] {
        self.numbers.get_or_init(|| numbers::numbers(self.words()))
    }

    pub fn has_number(&self) -> bool {
        !self.numbers().is_empty()
    }

    /// Where the text states a change from a baseline to a target.
    pub fn change(&self) -> Option<Range<usize>> {
        self.change
            .get_or_init(|| numbers::change_span(self.words(), self.numbers()))
            .clone()
    }

    pub fn states_change(&self) -> bool {
        self.change().is_some()
    }

    /// The word index where the statement ends and its purpose clause
    /// begins ("... to reduce setup time"); the word count without one.
    pub fn lead_end(&self) -> usize {
        *self
            .lead
            .get_or_init(|| self.lexicon.lead_end(self.words()))
    }

    /// Vague wording of change in the statement, numbers aside.
    pub fn vague(&self) -> Option<Range<usize>> {
        self.vague
            .get_or_init(|| {
                self.lexicon
                    .vague_span(self.words(), self.lead_end(), self.predicate())
            })
            .clone()
    }

    /// Vague wording of change and no number to measure it.
    pub fn unmeasurable(&self) -> Option<Range<usize>> {
        self.vague().filter(|_| !self.has_number())
    }

    /// The statement's main verb, its class and subject.
    pub fn predicate(&self) -> Option<&Predicate> {
        self.predicate
            .get_or_init(|| predicate::predicate(self.words(), self.lead_end()))
            .as_ref()
    }

    /// An activity in place of a result.
    pub fn activity(&self) -> Option<&Activity> {
        self.activity
            .get_or_init(|| {
                self.lexicon.activity(
                    self.words(),
                    self.lead_end(),
                    self.predicate(),
                    self.result(),
                    self.numbers(),
                )
            })
            .as_ref()
    }

    /// A checkable end state or a produced output.
    pub fn result(&self) -> Option<Range<usize>> {
        self.result
            .get_or_init(|| spans::result_span(self.words()))
            .clone()
    }

    pub fn deadline(&self) -> Option<Range<usize>> {
        self.deadline
            .get_or_init(|| spans::deadline_span(self.words()))
            .clone()
    }

    /// Who approves.
    pub fn approval(&self) -> Option<Range<usize>> {
        self.approval
            .get_or_init(|| spans::approval_span(self.words()))
            .clone()
    }

    /// A concrete output of discovery work.
    pub fn output(&self) -> Option<Range<usize>> {
        self.output
            .get_or_init(|| spans::output_span(self.words()))
            .clone()
    }

    fn lexemes(&self) -> &[Lexeme] {
        self.lexemes.get_or_init(|| share::lex(self.text))
    }

    /// A share of the scope below all of it ("85% of services").
    pub fn share(&self) -> Option<Range<usize>> {
        self.share
            .get_or_init(|| share::partial_share(self.lexemes()))
            .clone()
    }

    /// The text speaks of a service level or a quality measure, so a
    /// percentage in it is a level rather than a share.
    pub fn names_service_level(&self) -> bool {
        share::is_service_level(self.lexemes())
    }

    /// Every hype word or phrase, in order and without repeats.
    pub fn hype(&self) -> &[(Range<usize>, &'a str)] {
        self.hype
            .get_or_init(|| hype::hype_in(self.words(), &self.lexicon.hype))
    }

    /// The statement says what the work is for.
    pub fn states_outcome(&self) -> bool {
        *self
            .outcome
            .get_or_init(|| outcome::states_outcome(self.words()))
    }

    /// The first "to ..." that names a destination.
    pub fn destination(&self) -> Option<Range<usize>> {
        self.destination
            .get_or_init(|| outcome::destination(self.words()))
            .clone()
    }

    /// The content words and named things that overlaps and drift compare.
    pub fn similarity(&self) -> &TextWords {
        self.similarity.get_or_init(|| self.text_words())
    }

    /// [`Facts::similarity`] made afresh, for a caller that keeps it after
    /// every other fact is dropped.
    fn text_words(&self) -> TextWords {
        TextWords::of(self.words(), &self.lexicon.stop)
    }
}

/// The facts of one objective's texts.
pub struct ObjectiveFacts<'a> {
    /// The objective's text as written, phase included.
    pub text: Facts<'a>,
    /// The statement without a trailing phase label.
    pub statement: Facts<'a>,
    /// A phase given by its own key.
    pub phase: Option<Facts<'a>>,
    pub krs: Vec<KrFacts<'a>>,
}

/// The facts of one KR's text and of its Definition of Done items.
pub struct KrFacts<'a> {
    pub text: Facts<'a>,
    pub done: Vec<Facts<'a>>,
}

/// The facts of the texts of a window of a plan's objectives (all of
/// them, from [`Analysis::new`]), in the plan's order.
pub struct Analysis<'a> {
    window: Range<usize>,
    objectives: Vec<ObjectiveFacts<'a>>,
}

impl<'a> Analysis<'a> {
    pub fn new(plan: &'a Plan, lexicon: &'a Lexicon) -> Self {
        Analysis::of_window(plan, lexicon, 0..plan.objectives.len())
    }

    /// The facts of the objectives in `window` only: a run that reads one
    /// window at a time holds one window's facts, not the book's.
    pub fn of_window(plan: &'a Plan, lexicon: &'a Lexicon, window: Range<usize>) -> Self {
        let facts = |text: &'a str| Facts::new(text, lexicon);
        let objectives = plan.objectives[window.clone()]
            .iter()
            .map(|objective| ObjectiveFacts {
                text: facts(&objective.text.value),
                statement: facts(&objective.statement),
                phase: objective.phase.as_ref().map(|p| facts(&p.value)),
                krs: objective
                    .krs
                    .iter()
                    .map(|kr| KrFacts {
                        text: facts(&kr.text.value),
                        done: kr.done.iter().map(|d| facts(&d.text)).collect(),
                    })
                    .collect(),
            })
            .collect();
        Analysis { window, objectives }
    }

    /// The facts of objective `o`, which must lie in the window (a rule
    /// that reads facts is run window by window, over its window only).
    pub fn objective(&self, o: usize) -> &ObjectiveFacts<'a> {
        let window = &self.window;
        assert!(
            window.contains(&o),
            "objective {o} read outside the analysed window {window:?}"
        );
        &self.objectives[o - window.start]
    }

    pub fn kr(&self, o: usize, k: usize) -> &KrFacts<'a> {
        &self.objective(o).krs[k]
    }

    /// The content words of each objective's statement and KRs, for the
    /// comparisons across the book to keep once every other fact is dropped.
    pub fn words(&self) -> Vec<ObjectiveWords> {
        self.objectives
            .iter()
            .map(|objective| ObjectiveWords {
                statement: objective.statement.text_words(),
                krs: objective
                    .krs
                    .iter()
                    .map(|kr| kr.text.text_words())
                    .collect(),
            })
            .collect()
    }
}

/// The content words of one objective's statement and of its KRs.
pub struct ObjectiveWords {
    pub statement: TextWords,
    pub krs: Vec<TextWords>,
}

/// The content words of every objective of a plan, in the plan's order:
/// what the comparisons across the book (overlaps, drift) read.
#[derive(Default)]
pub struct BookWords {
    objectives: Vec<ObjectiveWords>,
}

impl BookWords {
    /// The words of consecutive windows, joined in order.
    pub fn from_windows(windows: impl IntoIterator<Item = Vec<ObjectiveWords>>) -> Self {
        BookWords {
            objectives: windows.into_iter().flatten().collect(),
        }
    }

    pub fn statement(&self, o: usize) -> &TextWords {
        &self.objectives[o].statement
    }

    pub fn kr(&self, o: usize, k: usize) -> &TextWords {
        &self.objectives[o].krs[k]
    }
}
