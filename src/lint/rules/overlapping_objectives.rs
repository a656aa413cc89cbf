//! `overlapping-objectives`: two teams plan what looks like the same work in
//! the same quarter.

use crate::analysis::similarity::{Item, overlaps};
use crate::config::Level;
use crate::diagnostic::{Finding, Subject};
use crate::lint::{Context, Reads, Rule};
use crate::plan::Plan;

pub struct OverlappingObjectives;

impl Rule for OverlappingObjectives {
    fn name(&self) -> &'static str {
        "overlapping-objectives"
    }

    fn default_level(&self) -> Level {
        Level::Info
    }

    fn summary(&self) -> &'static str {
        "Two teams have objectives or key results in one quarter that look like the same work"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Compares the objectives, and separately the key results, of different teams
in the same quarter, and reports pairs whose wording overlaps so much that
they look like the same work. Each pair is reported once, on the one later
in the book, naming the other, the shared words and a similarity figure. The
index shows the same overlaps.

## Why is this bad?

Keeping every team's plan in one place is how duplicated work gets spotted
before two teams build the same thing, or each assume the other will. An
overlap may be fine (a shared effort split on purpose), but then the two
teams should know and say so, for instance with `depends_on`.

## How it decides

- Texts are reduced to content words: no stop words, no numbers, simple
  plurals folded, compounds split ("feature-flag" meets "feature flag").
- Words that appear in more than an eighth of the quarter's texts (and in
  more than three) are set aside as too common to say anything: "service" or
  "team" everywhere must not pair everything.
- A pair overlaps when the texts share at least three of the remaining
  words, and at least half of all their content words (Dice similarity
  0.5). The second test is on the whole wording, so two texts that share a
  few distinctive words but say different things otherwise do not pair.
- Names of specific things count apart: a `code span`, or a word
  capitalised inside the sentence such as "Postgres" or "GitHub" (not an
  acronym like "API"). When each of two texts names something the other
  does not, they are about different systems and do not pair, however alike
  the rest of the sentence is.
- Objectives are compared with objectives and key results with key results.
  Key results of two objectives that already overlap are not reported again.
- Pairs are found through an index of words, not by comparing every text
  with every other.

## Example

```toml
# team = "platform", quarter = "2026-Q3"
objective = "Build a feature-flag service for product teams to decouple deploys from releases"

# team = "mobile", quarter = "2026-Q3"
objective = "Launch a feature-flag service for mobile teams to decouple releases from deploys"
```

## Use instead

Agree which team builds the flag service; the other team states what it
needs from it with `depends_on`, or drops its objective.
"#
    }

    fn reads(&self) -> Reads {
        Reads::BookWords
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for overlap in overlaps(cx.plan, |item| match item.kr {
            None => cx.words.statement(item.objective),
            Some(k) => cx.words.kr(item.objective, k),
        }) {
            let (earlier, later) = (overlap.a, overlap.b);
            let later_objective = &cx.plan.objectives[later.objective];
            let finding = Finding::new(
                self.name(),
                format!(
                    "{} of team `{}` looks like the same work as {} of team `{}` in {}: they share {} ({:.0}% similar)",
                    describe(cx.plan, later),
                    later_objective.team,
                    describe(cx.plan, earlier),
                    cx.plan.objectives[earlier.objective].team,
                    later_objective.quarter,
                    overlap
                        .shared_words
                        .iter()
                        .map(|w| format!("\"{w}\""))
                        .collect::<Vec<_>>()
                        .join(", "),
                    overlap.score * 100.0
                ),
                "check with the other team: if it is the same work, let one team own it and \
                 have the other depend on it with `depends_on`; if not, say in the text what \
                 sets the two apart",
            );
            let finding = finding.about(Subject::Overlap {
                earlier,
                later,
                score: overlap.score,
            });
            out.push(match later.kr {
                Some(k) => finding
                    .on_kr(later.objective, k)
                    .at(later_objective.krs[k].text.location.clone()),
                None => finding
                    .on_objective(later.objective)
                    .at(later_objective.text.location.clone()),
            });
        }
    }
}

/// "the objective `id` \"...\"" or "key result `id#KR2` \"...\"".
fn describe(plan: &Plan, item: Item) -> String {
    let objective = &plan.objectives[item.objective];
    match item.kr {
        Some(k) => format!(
            "key result `{}#{}` \"{}\"",
            objective.id, objective.krs[k].id, objective.krs[k].text.value
        ),
        None => format!(
            "the objective `{}` \"{}\"",
            objective.id, objective.statement
        ),
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::testing::{config, diagnostics_with, findings};

    fn block(id: &str, team: &str, quarter: &str, objective: &str, krs: &[&str]) -> String {
        let mut text = format!(
            "```okr\nid = \"{id}\"\nteam = \"{team}\"\nquarter = \"{quarter}\"\nobjective = \"{objective}\"\n"
        );
        for kr in krs {
            text.push_str(&format!("[[kr]]\ntext = \"{kr}\"\n"));
        }
        text.push_str("```\n");
        text
    }

    const FLAGS_A: &str =
        "Build a feature-flag service for product teams to decouple deploys from releases";
    const FLAGS_B: &str =
        "Launch a feature-flag service for mobile teams to decouple releases from deploys";

    fn found(blocks: &[String]) -> Vec<(String, Option<String>)> {
        let text = blocks.concat();
        findings("overlapping-objectives", &[("a.md", &text)])
    }

    fn one(id: &str, kr: Option<&str>) -> Vec<(String, Option<String>)> {
        vec![(id.to_string(), kr.map(str::to_string))]
    }

    #[test]
    fn the_same_work_in_two_teams_fires_once_on_the_later() {
        let blocks = [
            block("a", "platform", "2026-Q3", FLAGS_A, &["Ship it"]),
            block("b", "mobile", "2026-Q3", FLAGS_B, &["Ship it"]),
        ];
        assert_eq!(found(&blocks), one("b", None));
    }

    #[test]
    fn overlapping_key_results_fire_on_the_later_kr() {
        let blocks = [
            block(
                "a",
                "platform",
                "2026-Q3",
                "Cut deploy failures for product teams",
                &[
                    "Enable TLS on all internal gRPC APIs by August",
                    "Write docs",
                ],
            ),
            block(
                "b",
                "security",
                "2026-Q3",
                "Pass the SOC 2 audit for the company",
                &["Hire an auditor", "Enable TLS for internal gRPC APIs"],
            ),
        ];
        assert_eq!(found(&blocks), one("b", Some("KR2")));
    }

    #[test]
    fn the_message_names_both_the_words_and_the_figure() {
        let text = [
            block("a", "platform", "2026-Q3", FLAGS_A, &["Ship it"]),
            block("b", "mobile", "2026-Q3", FLAGS_B, &["Ship it"]),
        ]
        .concat();
        let d = diagnostics_with(&config(), "overlapping-objectives", &[("a.md", &text)]);
        let m = &d[0].message;
        assert!(
            m.contains("`a`") && m.contains("\"flag\"") && m.contains("% similar"),
            "{m}"
        );
    }

    #[test]
    fn the_same_team_or_another_quarter_pass() {
        let blocks = [
            block("a", "platform", "2026-Q3", FLAGS_A, &["Ship it"]),
            block("b", "platform", "2026-Q3", FLAGS_B, &["Ship it"]),
            block("c", "mobile", "2026-Q4", FLAGS_B, &["Ship it"]),
        ];
        assert!(found(&blocks).is_empty());
    }

    #[test]
    fn sharing_common_words_is_not_the_same_work() {
        let blocks = [
            block(
                "a",
                "obs",
                "2026-Q3",
                "Roll out distributed tracing for all customer-facing services to cut time to find the faulty service",
                &["Ship it"],
            ),
            block(
                "b",
                "sre",
                "2026-Q3",
                "Define SLOs for all customer-facing services to make reliability trade-offs explicit",
                &["Ship it"],
            ),
            block(
                "c",
                "net",
                "2026-Q3",
                "Roll out IPv6 for all internal services to remove NAT bottlenecks",
                &["Ship it"],
            ),
            block(
                "d",
                "data",
                "2026-Q3",
                "Move all services to managed Kafka to cut broker incidents",
                &["Ship it"],
            ),
        ];
        assert!(found(&blocks).is_empty());
    }

    #[test]
    fn one_pair_of_objectives_is_reported_once_even_with_similar_krs() {
        let blocks = [
            block(
                "a",
                "platform",
                "2026-Q3",
                FLAGS_A,
                &["Serve flags from the shared flag service for 5 apps"],
            ),
            block(
                "b",
                "mobile",
                "2026-Q3",
                FLAGS_B,
                &["Serve flags from the new flag service for 3 apps"],
            ),
        ];
        assert_eq!(found(&blocks), one("b", None));
    }
}
