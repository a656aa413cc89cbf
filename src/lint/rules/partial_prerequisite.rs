//! `partial-prerequisite`: other work depends on a key result that aims at
//! only part of its scope.

use crate::analysis::Facts;
use crate::analysis::graph::{dependents, describe_dependents};
use crate::config::Level;
use crate::diagnostic::{Finding, Risk, Subject};
use crate::lint::{Context, Reads, Rule};
use crate::model::{KeyResult, Location, Metric};
use crate::plan::Plan;

pub struct PartialPrerequisite;

impl Rule for PartialPrerequisite {
    fn name(&self) -> &'static str {
        "partial-prerequisite"
    }

    fn default_level(&self) -> Level {
        Level::Error
    }

    fn summary(&self) -> &'static str {
        "A key result that others depend on aims at only part of its scope"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Reports a key result that other key results depend on when it sets out to
cover only a share of its scope: "migrate 85% of services", "10 of the 14
teams", "most services", "the majority of teams", "half of the clusters", or
a `metric` in `%` that grows to a target below 100. The message quotes the
share and names every team and KR that depends on it.

## Why is this bad?

Teams that build on platform work need the whole of it. If a migration
stops at 85%, the team whose service sits in the other 15% gets nothing at
all, and it cannot know in advance which side it will fall on. A
prerequisite should promise the full baseline, every service, every team,
and say plainly what "done" covers; a partial target is fine only for work
nobody else is waiting on.

## How it decides

Only prerequisites are checked: KRs that another KR depends on, by name or
through their whole objective. The KR's text is read for a share of scope:

- a percentage below 100 of something ("70% of build actions"), a growing
  percentage ("adoption from 20% to 60%", "coverage to 80%"), or a
  percentage of completion ("85% migrated");
- a count of a larger count ("10 of the 14 teams", "12/14 teams"), unless
  the two are equal ("9 of 9") or it is a position ("phase 2 of 3");
- words for a part: "most", "the majority of", "half of", "a third of",
  "nearly all", "all but", "a subset of", "some of the".

A percentage is not a share when it is a service level or a falling
measure: the text speaks of availability, uptime, an SLO, latency or a
percentile (p95, p99), error or success rates; the sentence starts with a
verb that lowers or holds a measure ("reduce", "cut", "keep", "hold"); the
percentage follows "below", "under", "at most" or "at"; it is a relative
change ("by 30%"); or it is the lower end of "from 3.5% to 0.2%". Full scope
("all 40 services", "100% of services", "9 of 9 teams") never fires.

Without a share in the text, a `metric` with unit `%` whose target is above
its baseline and below 100 fires, unless the text names a service level.

## Example

```toml
id = "deploy-pipeline"
[[kr]]
text = "Migrate 85% of services to the new deployment pipeline"
```

```toml
[[kr]]
text = "Run every payments release through the new pipeline"
depends_on = ["deploy-pipeline#KR1"]
```

## Use instead

```toml
[[kr]]
text = "Migrate all 40 active services to the new deployment pipeline and decommission the legacy one"
```
"#
    }

    fn reads(&self) -> Reads {
        Reads::OwnFacts
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let plan = cx.plan;
        for (o, k, objective, kr) in cx.key_results() {
            if !plan.is_prerequisite(o, k) {
                continue;
            }
            let facts = &cx.facts.kr(o, k).text;
            let Some((what, location)) = partial_target(plan, kr, facts) else {
                continue;
            };
            let dependents = dependents(plan, o, k);
            if dependents.is_empty() {
                continue;
            }
            out.push(
                Finding::new(
                    self.name(),
                    format!(
                        "`{}#{}` aims at only part of its scope ({what}), but {} depend{} on \
                             all of it",
                        objective.id,
                        kr.id,
                        describe_dependents(plan, &dependents),
                        if dependents.len() == 1 { "s" } else { "" },
                    ),
                    "teams that depend on this need the whole baseline: commit to the full \
                         scope (\"all 40 services migrated and the legacy pipeline \
                         decommissioned\"), or split the remainder into a separate KR nobody \
                         depends on",
                )
                .on_kr(o, k)
                .at(location)
                .about(Subject::Prerequisite {
                    edges: plan.dependent_edges(o, k).to_vec(),
                    risk: Risk::Partial,
                }),
            );
        }
    }
}

/// What makes the KR partial, as a phrase for the message, and where.
fn partial_target(plan: &Plan, kr: &KeyResult, facts: &Facts<'_>) -> Option<(String, Location)> {
    let text = &kr.text.value;
    if let Some(range) = facts.share() {
        let quoted = format!("\"{}\"", &text[range.clone()]);
        return Some((quoted, plan.sub_location(&kr.text, range)));
    }
    let metric = kr.metric.as_ref()?;
    if !partial_metric(metric) || facts.names_service_level() {
        return None;
    }
    Some((
        format!("its metric grows from {}% to {}%", metric.from, metric.to),
        metric.location.clone(),
    ))
}

/// A percentage metric that grows to a target below 100.
fn partial_metric(metric: &Metric) -> bool {
    let unit = metric.unit.as_deref().unwrap_or("").trim().to_lowercase();
    let percent = unit.starts_with('%') || unit.starts_with("percent");
    percent && metric.grows() && metric.to < 100.0
}

#[cfg(test)]
mod tests {
    use crate::analysis::share::{lex, partial_share};
    use crate::lint::testing::{config, diagnostics_with, findings, objective};

    const RULE: &str = "partial-prerequisite";

    fn share(text: &str) -> Option<&str> {
        partial_share(&lex(text)).map(|r| &text[r])
    }

    #[test]
    fn shares_of_scope_are_found_and_quoted() {
        for (text, quoted) in [
            (
                "Migrate 85% of services to the new deployment pipeline",
                "85% of services",
            ),
            (
                "Serve 70% of build actions from the remote cache",
                "70% of build actions",
            ),
            (
                "Onboard 10 of the 14 teams to the shared platform",
                "10 of the 14 teams",
            ),
            ("Onboard ten out of 14 teams", "ten out of 14 teams"),
            ("Move 12/14 teams onto the new runners", "12/14 teams"),
            ("Migrate most services to Kubernetes", "most services"),
            (
                "Onboard the majority of teams to the portal",
                "the majority of teams",
            ),
            (
                "Upgrade half of the clusters to 1.30",
                "half of the clusters",
            ),
            ("Upgrade half the clusters to 1.30", "half the clusters"),
            (
                "Roll out the auth SDK to 3 of 5 product teams",
                "3 of 5 product teams",
            ),
            (
                "Provision clusters in two of the three regions",
                "two of the three regions",
            ),
            (
                "Have most teams using the golden path templates",
                "most teams",
            ),
            ("Achieve 90% adoption of the new CI runners", "90% adoption"),
            (
                "Enable SSO for 45 of 60 internal apps",
                "45 of 60 internal apps",
            ),
            (
                "Convert roughly two-thirds of the pipelines",
                "two-thirds of the pipelines",
            ),
            (
                "Cut over 80% of traffic to the new load balancer",
                "80% of traffic",
            ),
            (
                "Finish the first half of the database migration",
                "half of the database migration",
            ),
            (
                "Answer 90% of access requests by hand",
                "90% of access requests",
            ),
            (
                "Move most of our databases to the new backup tool",
                "most of our databases",
            ),
            (
                "Increase platform adoption to 60% of engineering teams",
                "60% of engineering teams",
            ),
            (
                "Raise adoption of the paved road from 20% to 60%",
                "from 20% to 60%",
            ),
            (
                "Get 80 percent of repositories on the new linter",
                "80 percent of repositories",
            ),
            ("Reach 85% migrated for the storage fleet", "85% migrated"),
            (
                "Encrypt a third of the buckets at rest",
                "a third of the buckets",
            ),
            (
                "Move nearly all services to the mesh",
                "nearly all services",
            ),
            (
                "Retire the VMs for all but two services",
                "all but two services",
            ),
            (
                "Ship the SDK to some of the product teams",
                "some of the product teams",
            ),
        ] {
            assert_eq!(share(text), Some(quoted), "{text}");
        }
    }

    #[test]
    fn levels_falling_measures_and_full_scope_are_not_shares() {
        for text in [
            "Hold checkout availability at 99.95%",
            "Keep a 99.9% uptime SLO for the gateway",
            "Serve 99% of requests under 300ms at p99",
            "Reduce error rate from 3.5% to 0.2%",
            "Reduce unsearchable log lines from 30% to 0%",
            "Cut build time by 30% for backend teams",
            "Keep error budget burn below 2% per week",
            "Onboard 9 of 9 ML teams to the shared platform",
            "Migrate 100% of services to the new pipeline",
            "Migrate all 40 active services and decommission the legacy pipeline",
            "Deliver phase 2 of 3 of the storage migration",
            "Publish an SLO for each of the 75 customer-facing services",
            "Migrate the most critical services first, all 12 of them",
            "Ship the design by the first half of the quarter",
            "Cut flaky builds in half",
            "Rotate at most 5% of secrets by hand",
            "Finish the rollout by 3/31 for every team",
            "Run as part of the release train for all 6 teams",
            "Publish the report in the last quarter of 2026",
            "Serve 25 builds per minute from the cache",
            "Select one of the 3 candidate databases with a written decision",
            "Answer 90% of access requests within 2 days",
            "Serve 99.9% of reads from the regional replica",
            "Identify the 10 most expensive queries and fix all of them",
            "Scale the cluster to 50% more capacity",
            "Save 30% of compute spend by right-sizing every node pool",
            "Land the API in a third of the quarter",
            "Ship the design in the first half of Q3",
            "Achieve 99.95% availability for the auth service",
            "Bring deploy failure rate from 8% to 2%",
            "Raise the test pass rate to 98%",
            "Increase deploy frequency by 50%",
            "Resolve 80% of P1 incidents in under 4 hours",
            "Spend less than 20% of on-call time on toil",
            "Allocate 20% of capacity to tech debt",
            "Ensure 100% of production secrets are in the vault",
        ] {
            assert_eq!(share(text), None, "{text}");
        }
    }

    #[test]
    fn odd_fragments_do_not_panic() {
        for text in [
            "",
            "%",
            "50%",
            "1/",
            "1/2",
            "of",
            "most",
            "half of",
            "5 of",
            "5 of the",
            "from 5% to",
            "to 5%",
            "per",
            "5 per",
            "5 per cent",
            "99.",
            "1,",
            "1,000,",
            "a third",
            "all but",
            "nearly all",
            "ünïcødé 5 % of ☃",
            "p",
            "p9",
            "two-thirds of",
            "most of",
        ] {
            let _ = partial_share(&lex(text));
        }
        assert_eq!(share("5 per cent of hosts"), Some("5 per cent of hosts"));
    }

    fn cache(kr: &str) -> String {
        objective("cache", "x", &[kr])
    }

    fn dependent(reference: &str) -> String {
        objective(
            "ml",
            "y",
            &[&format!(
                "text = \"Onboard all 9 teams\"\ndepends_on = [\"{reference}\"]"
            )],
        )
        .replace("team = \"a\"", "team = \"ml-platform\"")
    }

    fn at(objective: &str, kr: &str) -> (String, Option<String>) {
        (objective.to_string(), Some(kr.to_string()))
    }

    #[test]
    fn a_partial_text_prerequisite_is_reported_naming_the_share_and_dependent() {
        let text = cache("text = \"Serve 70% of build actions from the remote cache\"")
            + &dependent("cache#KR1");
        assert_eq!(findings(RULE, &[("src/a.md", &text)]), [at("cache", "KR1")]);
        let diagnostics = diagnostics_with(&config(), RULE, &[("src/a.md", &text)]);
        let message = &diagnostics[0].message;
        assert!(message.contains("\"70% of build actions\""), "{message}");
        assert!(message.contains("ml-platform (`ml#KR1`)"), "{message}");
    }

    #[test]
    fn a_growing_percent_metric_below_100_is_reported() {
        let text = cache(
            "text = \"Serve build actions from the remote cache\"\nmetric = { from = 20, to = 70, unit = \"%\" }",
        ) + &dependent("cache");
        assert_eq!(findings(RULE, &[("src/a.md", &text)]), [at("cache", "KR1")]);
    }

    #[test]
    fn a_count_share_through_a_whole_objective_reference_is_reported() {
        let text = objective(
            "cache",
            "x",
            &[
                "text = \"Onboard all 6 teams\"",
                "text = \"Onboard 10 of the 14 teams\"",
            ],
        ) + &dependent("cache");
        assert_eq!(findings(RULE, &[("src/a.md", &text)]), [at("cache", "KR2")]);
    }

    #[test]
    fn near_miss_a_partial_kr_nobody_depends_on_passes() {
        let text = cache("text = \"Migrate 85% of services\"") + &dependent("team:cache");
        assert!(findings(RULE, &[("src/a.md", &text)]).is_empty());
    }

    #[test]
    fn near_miss_service_level_and_falling_metrics_pass() {
        for kr in [
            "text = \"Hold availability at 99.95%\"\nmetric = { from = 99.5, to = 99.95, unit = \"%\" }",
            "text = \"Reduce error rate\"\nmetric = { from = 3.5, to = 0.2, unit = \"%\" }",
            "text = \"Migrate every service\"\nmetric = { from = 40, to = 100, unit = \"%\" }",
            "text = \"Migrate the services\"\nmetric = { from = 0, to = 40, unit = \"services\" }",
        ] {
            let text = cache(kr) + &dependent("cache#KR1");
            assert!(findings(RULE, &[("src/a.md", &text)]).is_empty(), "{kr}");
        }
    }

    #[test]
    fn near_miss_full_scope_prerequisites_pass() {
        let text = objective(
            "cache",
            "x",
            &[
                "text = \"Onboard 9 of 9 ML teams\"",
                "text = \"Migrate 100% of services\"",
                "text = \"Migrate all 40 services and decommission the legacy pipeline\"",
            ],
        ) + &dependent("cache");
        assert!(findings(RULE, &[("src/a.md", &text)]).is_empty());
    }
}
