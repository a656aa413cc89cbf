//! One file per rule: its documentation, its check and its unit tests.

use super::Rule;

/// The help of every finding about an activity posing as a result, shared
/// by `activity-not-outcome` and `vague-done-item` so the two never drift.
const ACTIVITY_HELP: &str = "state the result the activity should produce and how to check it, like \
     \"Requirements doc approved by 5 product teams, covering at least 15 use cases\"";

pub mod activity_not_outcome;
pub mod commitment_unlabeled;
pub mod dependency_cycle;
pub mod discovery_without_output;
pub mod duplicate_id;
pub mod hype_words;
pub mod impact_without_metric;
pub mod invalid_block;
pub mod kr_count;
pub mod missed_commitment;
pub mod missing_definition_of_done;
pub mod missing_phase_label;
pub mod no_impact_kr;
pub mod objective_drift;
pub mod objective_without_outcome;
pub mod overlapping_objectives;
pub mod partial_prerequisite;
pub mod stale_progress;
pub mod stretch_always_met;
pub mod stretch_prerequisite;
pub mod target_lowered_late;
pub mod team_without_okrs;
pub mod template_placeholder;
pub mod too_many_objectives;
pub mod unknown_dependency;
pub mod unknown_rule;
pub mod unknown_team;
pub mod unmeasurable;
pub mod unreadable_include;
pub mod vague_done_item;

/// Every rule, in catalogue order.
pub const RULES: &[&dyn Rule] = &[
    &invalid_block::InvalidBlock,
    &duplicate_id::DuplicateId,
    &unknown_dependency::UnknownDependency,
    &dependency_cycle::DependencyCycle,
    &unknown_team::UnknownTeam,
    &hype_words::HypeWords,
    &objective_without_outcome::ObjectiveWithoutOutcome,
    &missing_phase_label::MissingPhaseLabel,
    &objective_drift::ObjectiveDrift,
    &too_many_objectives::TooManyObjectives,
    &kr_count::KrCount,
    &no_impact_kr::NoImpactKr,
    &impact_without_metric::ImpactWithoutMetric,
    &missing_definition_of_done::MissingDefinitionOfDone,
    &unmeasurable::Unmeasurable,
    &activity_not_outcome::ActivityNotOutcome,
    &discovery_without_output::DiscoveryWithoutOutput,
    &vague_done_item::VagueDoneItem,
    &commitment_unlabeled::CommitmentUnlabeled,
    &template_placeholder::TemplatePlaceholder,
    &missed_commitment::MissedCommitment,
    &stretch_prerequisite::StretchPrerequisite,
    &partial_prerequisite::PartialPrerequisite,
    &team_without_okrs::TeamWithoutOkrs,
    &overlapping_objectives::OverlappingObjectives,
    &stale_progress::StaleProgress,
    &stretch_always_met::StretchAlwaysMet,
    &target_lowered_late::TargetLoweredLate,
    &unknown_rule::UnknownRule,
    &unreadable_include::UnreadableInclude,
];
