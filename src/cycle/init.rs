//! `mdbook-okr init [DIR]`: a planning book that builds at once.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use crate::model::Quarter;

use super::{
    NewFile, STYLESHEET_FILE, quarter_title, refuse_existing, write_files, write_stylesheet,
};

/// Creates a planning book in `dir` for the current quarter `quarter` and
/// returns the files written. Fails, writing nothing, when any of them
/// exists.
pub fn init(dir: &Path, quarter: Quarter) -> Result<Vec<PathBuf>> {
    let src = dir.join("src");
    let files = [
        NewFile {
            path: dir.join("book.toml"),
            text: book_toml(quarter),
        },
        NewFile {
            path: src.join("SUMMARY.md"),
            text: SUMMARY.to_string(),
        },
        NewFile {
            path: src.join("introduction.md"),
            text: INTRODUCTION.to_string(),
        },
        NewFile {
            path: src.join("okr-index.md"),
            text: INDEX.to_string(),
        },
        NewFile {
            path: src.join("example.md"),
            text: example(previous(quarter)),
        },
    ];
    let stylesheet = dir.join(STYLESHEET_FILE);
    refuse_existing(
        files
            .iter()
            .map(|f| f.path.as_path())
            .chain([stylesheet.as_path()]),
    )?;
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    write_stylesheet(dir)?;
    write_files(&files)?;
    Ok(files
        .into_iter()
        .map(|f| f.path)
        .chain([stylesheet])
        .collect())
}

fn previous(quarter: Quarter) -> Quarter {
    if quarter.number == 1 {
        Quarter {
            year: quarter.year.saturating_sub(1),
            number: 4,
        }
    } else {
        Quarter {
            year: quarter.year,
            number: quarter.number - 1,
        }
    }
}

fn book_toml(quarter: Quarter) -> String {
    format!(
        r#"[book]
title = "Team OKRs"
src = "src"

[preprocessor.okr]
# The current quarter: blocks that name no quarter belong to it, and
# `mdbook-okr new` plans for it. Move it on when a quarter starts; earlier
# quarters are then graded (committed KRs below 1.0 need a postmortem).
quarter = "{quarter}"
# The ids of the teams that plan here. While the list is empty no team is
# known yet; `mdbook-okr new --team <id>` adds each team it starts a chapter
# for. Listed teams are checked: a misspelt team name and a team with no plan
# for the current quarter are both reported.
teams = []

[output.html]
additional-css = ["{STYLESHEET_FILE}"]
"#
    )
}

const SUMMARY: &str = "# Summary

[Introduction](introduction.md)

- [All teams: the index](okr-index.md)
- [Example: a graded plan](example.md)
";

const INDEX: &str = "# All teams

Every objective in this book, grouped by quarter and team, with its key
results, scores, and the dependencies between teams.

{{#okr-index}}
";

const INTRODUCTION: &str = r#"# Introduction

This book holds the OKRs (Objectives and Key Results) of every team, one
chapter per team and quarter. Keeping all plans in one place lets anyone see
what each team has promised, who depends on whom, and where two teams are
about to do the same work. The index chapter gathers all of it.

## Starting your team's plan

```sh
mdbook-okr new --team <your-team>
```

creates `src/<quarter>/<your-team>.md` from a template and adds it to the
table of contents. Replace every `<...>` placeholder; `mdbook-okr check`
reports the ones still left. The [example](example.md) shows a finished plan.

A plan is a fenced code block with the info string `okr`, holding TOML: one
objective and its key results per block.

## The objective: what, for whom, and why

Write the objective as *what will be built or changed*, *for whom*, and *the
outcome it is for*:

> Replace ticket-based database provisioning with a self-service API for
> product teams to remove the week-long wait for a new database

Plain words beat exciting ones. Someone reading the objective half a year
from now should know exactly what was promised; words like "seamless" or
"world-class" tell them nothing.

Work that spans several quarters keeps the very same objective sentence each
quarter and names where it stands with `phase` (for example `phase =
"Discovery"`, then `"Rollout"`). Changing the wording a little each quarter
hides that it is one piece of work.

## Key results: three to five, measurable

- **At least one measures impact**: a metric moving from a baseline to a
  target, such as "Cut the median wait for a new database from 6 days to
  1 day", with `metric = { from = 6, to = 1, unit = "days" }`. Add `current`
  as the quarter goes on and the score follows. If impact is too far
  downstream to measure yet, measure progress.
- **Deliveries have a Definition of Done**: a `done` list of conditions that
  anyone can check, so nobody can argue at the end of the quarter whether the
  key result was met. Tick an item with `[x]` when it holds.
- **Discovery is a key result too** when it ends in something concrete: a
  prototype, a design document approved by named people, a decision.
- **Numbers, not verbs**: "improve", "optimise" or "streamline" without a
  number say nothing about how much. Say what changes, from what, to what.
- **Results, not activities**: "hold weekly syncs" is effort; "requirements
  document approved by 5 product teams" is a result.

## Committed and stretch

Every key result is `committed` unless marked `commitment = "stretch"`.
A committed key result is expected to reach 1.0; when it does not, the team
writes a `postmortem` saying why. A stretch key result aims past what is
certain, and reaching 0.6 to 0.7 of it is a success.

Label stretch goals so other teams know what they can count on, and never
make a stretch of something another team needs: a prerequisite is committed
and covers all of its scope. Being 85% done helps nobody who is waiting for
the whole.

## Dependencies

When a key result needs another team's work, say so with `depends_on`: a key
result (`"<objective-id>#<kr-id>"`), a whole objective (`"<objective-id>"`),
or a team that has no key result for it yet (`"team:<team>"`). The index
lists every dependency between teams, and the check makes sure what you rely
on is committed.

## Checking a plan

Run `mdbook-okr check` before opening a pull request; CI runs it too. Each
finding names the rule, quotes the words it is about and says how to fix it;
`mdbook-okr explain <rule>` tells more. While you write, `mdbook-okr build`
(or `mdbook serve`) shows the same findings in the page.
"#;

fn example(quarter: Quarter) -> String {
    format!(
        r#"# Example: a graded plan

This is what a good plan looks like at the end of its quarter, {title}, once
the team has graded it. When you write yours at the start of a quarter, the
Definition of Done boxes are empty and `current` is left out of the metrics.

- The objective says what is built, for whom, and the outcome it is for.
- The first key result measures impact from a baseline to a target.
- The two delivery key results each have a Definition of Done; the third
  depends on the API launch, which is therefore committed and complete in
  scope.
- One committed key result was missed, and its postmortem says why. The work
  carries into the next quarter with the same objective and a new `phase`.
- The stretch key result reached 0.64, which counts as a success.

```okr
id = "example-self-service-databases"
objective = "Replace ticket-based database provisioning with a self-service API for product teams to remove the week-long wait for a new database"
phase = "Rollout to product teams"
team = "example"
quarter = "{quarter}"
owner = "Platform team lead"
# "example" stands for your team: it is not listed in `teams`.
allow = ["unknown-team"]

[[kr]]
text = "Cut the median wait for a new production database from 6 days to 1 day"
commitment = "committed"
metric = {{ from = 6, to = 1, current = 1, unit = "days" }}

[[kr]]
id = "api-launch"
text = "Launch the provisioning API for PostgreSQL and MySQL, with backups and monitoring on by default, so teams create databases without a ticket"
commitment = "committed"
done = [
  "[x] API serves requests in production behind company SSO",
  "[x] Every database it creates has nightly backups and has passed a restore test",
  "[x] Runbook and API reference published in the platform handbook",
]

[[kr]]
text = "Move all 14 product teams onto the API and close the ticket queue for new databases"
commitment = "committed"
depends_on = ["example-self-service-databases#api-launch"]
done = [
  "[x] 12 of 14 teams create databases only through the API",
  "[ ] 14 of 14 teams create databases only through the API",
  "[ ] Ticket queue closed to new database requests",
]
postmortem = "Two teams need cross-region replicas, which the API does not offer yet. They stay on tickets until replicas ship next quarter."

[[kr]]
text = "Provision 50% of new databases in under 10 minutes from request to first connection"
commitment = "stretch"
metric = {{ from = 0, to = 50, current = 32, unit = "%" }}
```
"#,
        title = quarter_title(quarter),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::plan::{BlockContent, Plan};

    #[test]
    fn the_previous_quarter_wraps_the_year() {
        let q = |s: &str| s.parse::<Quarter>().unwrap();
        assert_eq!(previous(q("2026-Q1")), q("2025-Q4"));
        assert_eq!(previous(q("2026-Q3")), q("2026-Q2"));
    }

    #[test]
    fn the_book_toml_configures_the_quarter_and_an_empty_team_list() {
        let text = book_toml("2026-Q2".parse().unwrap());
        let table: toml::Table = toml::from_str(&text).unwrap();
        let config = Config::from_table(table["preprocessor"]["okr"].as_table()).unwrap();
        assert_eq!(
            config.quarter.map(|q| q.to_string()).as_deref(),
            Some("2026-Q2")
        );
        assert_eq!(config.teams, None, "an empty list knows no team yet");
        assert_eq!(
            table["output"]["html"]["additional-css"][0].as_str(),
            Some(STYLESHEET_FILE)
        );
    }

    #[test]
    fn the_example_is_one_graded_objective() {
        let quarter: Quarter = "2026-Q1".parse().unwrap();
        let plan = Plan::from_chapter("example.md", &example(quarter), &Config::default());
        assert!(
            !plan
                .blocks
                .iter()
                .any(|b| matches!(b.content, BlockContent::Invalid { .. }))
        );
        assert_eq!(plan.objectives.len(), 1);
        let objective = &plan.objectives[0];
        assert_eq!(objective.quarter, quarter);
        let scores: Vec<Option<f64>> = objective.krs.iter().map(|kr| kr.score()).collect();
        assert_eq!(scores[..2], [Some(1.0), Some(1.0)]);
        // The missed committed KR carries a postmortem; the stretch reached 0.64.
        assert!(scores[2].is_some_and(|s| s < 1.0));
        assert!(objective.krs[2].postmortem.is_some());
        assert!(scores[3].is_some_and(|s| (0.6..=0.7).contains(&s)));
        assert!(plan.is_prerequisite(0, 1));
    }
}
