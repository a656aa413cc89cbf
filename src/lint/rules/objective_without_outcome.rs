//! `objective-without-outcome`: an objective says what will be done but not
//! the outcome it is for.

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::{Context, Reads, Rule};

pub struct ObjectiveWithoutOutcome;

impl Rule for ObjectiveWithoutOutcome {
    fn name(&self) -> &'static str {
        "objective-without-outcome"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "An objective says what will be done but not the outcome it is for"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Reports an objective whose statement (without its phase label) names the
work but no outcome: it has no purpose clause such as "to reduce ...", "to
enable ...", "so that ...", "in order to ..." or ", enabling ...".

## Why is this bad?

A good objective reads [what] + [for whom] + [outcome]. The outcome is what
makes the work worth doing and what tells the team, a quarter later, whether
it succeeded. "Migrate the monolith to microservices" could be done and
still help no one; "... to enable independent deployments" says what must
be true at the end.

## How it decides

An outcome is found when the statement has any of:

- "to" followed by a verb that states a purpose: from a list of purpose
  verbs ("reduce", "cut", "enable", "meet", "let", "make", "remove",
  "survive", ...) or a verb formed with -ize, -ise, -ify or -ate
  ("standardize", "simplify", "eliminate"), optionally after an adverb ("to
  quickly detect"). A word after "to" that is a proper name, a number, an
  article, or ends in -ed or -s is a destination, not an outcome: "to
  microservices architecture", "to managed PostgreSQL", "to GitHub Actions",
  "to the new cluster". Any other verb WordNet knows counts too when it
  can only be a verb ("to acquire and maintain ...") or an article or
  pronoun follows it ("to build a trustworthy encyclopedia"); "paths to
  value" and "to cloud hosting" stay destinations.
- "to" plus any verb after "enable", "allow", "help" or "let" and whom
  they help: "enable product teams to run canaries".
- "in order to", "so that", "so as to", "with the goal of", "with the aim
  of", or "so" with a clause ("so on-call engineers sleep").
- A participle of purpose: "enabling", "reducing", "freeing", ... after the
  first word, or any purpose verb in -ing after a comma (", cutting ..."); a
  verb of reduction after a comma, colon or dash (": halve the bill").
- "that" or "which" with a purpose verb ("that lets teams ...").
- "and" with a verb of reduction ("... and cut storage cost").
- "for" with a comparison ("for faster builds", "for fewer pages").
- A statement that opens with a change of a measure ("Cut CI time ...",
  "Reduce pages ...") or of a quality ("Improve developer productivity",
  "Enhance surgical outcomes") is itself the outcome; the KRs say how
  much. A practice improved is not an outcome: "Improve monitoring for all
  services" still fires. Another WordNet verb of change of degree counts
  when what it changes is a quality, by the noun's suffix ("Optimize
  repository functionality", "Strengthen governance"), not a thing
  ("Stabilize cargo-script"); so does a change reported as a state ("The
  bandwidth usage is reduced").

## Example

```toml
objective = "Move all databases to managed PostgreSQL"
```

## Use instead

```toml
objective = "Move all databases to managed PostgreSQL to cut database on-call pages"
```
"#
    }

    fn reads(&self) -> Reads {
        Reads::OwnFacts
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (index, objective) in cx.objectives() {
            let statement = objective.statement.as_str();
            let facts = &cx.facts.objective(index).statement;
            if statement.trim().is_empty() || facts.states_outcome() {
                continue;
            }
            let destination = facts
                .destination()
                .map(|range| {
                    format!(
                        " (\"{}\" says where the work goes, not what it is for)",
                        &statement[range]
                    )
                })
                .unwrap_or_default();
            let location = match objective.text.value.find(statement) {
                Some(start) => cx
                    .plan
                    .sub_location(&objective.text, start..start + statement.len()),
                None => objective.text.location.clone(),
            };
            out.push(
                Finding::new(
                    self.name(),
                    format!(
                        "the objective \"{statement}\" says what will be done but not the outcome it is for{destination}"
                    ),
                    "add the outcome as a purpose clause, such as \"... to cut database on-call \
                     pages\", \"... to enable independent deployments\" or \"... so that teams can \
                     ship without waiting on ops\"",
                )
                .on_objective(index)
                .at(location),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{Split, outcome};
    use crate::lint::testing::{config, diagnostics_with, findings, objective};

    fn fires(statement: &str) -> bool {
        let text = objective("o", statement, &["text = \"x\""]);
        let found = findings("objective-without-outcome", &[("a.md", &text)]);
        assert!(found.iter().all(|f| f == &("o".to_string(), None)));
        !found.is_empty()
    }

    fn states_outcome(statement: &str) -> bool {
        outcome::states_outcome(&Split::new(statement))
    }

    #[test]
    fn destinations_are_not_outcomes() {
        for statement in [
            "Migrate legacy monolith to microservices architecture",
            "Move all databases to managed PostgreSQL",
            "Move CI to GitHub Actions for all repositories",
            "Upgrade every cluster to Kubernetes 1.30",
            "Migrate 40 services to the new service mesh",
            "Move batch jobs to spot instances across regions",
            "Migrate object storage to block storage",
            "Move build agents to private subnets",
        ] {
            assert!(fires(statement), "{statement}");
        }
    }

    #[test]
    fn work_without_any_purpose_fires() {
        for statement in [
            "Implement company-wide SSO for all internal tools",
            "Adopt OpenTelemetry across backend services",
            "Roll out distributed tracing for customer-facing services",
            "Build a developer portal for product teams",
            "Improve monitoring for all services",
            "Rate limiting for public APIs",
            "Upgrade PostgreSQL from 12 to 16 on all clusters",
            "Transition the payment service to event sourcing",
            "Enable TLS to all internal endpoints",
        ] {
            assert!(fires(statement), "{statement}");
        }
    }

    #[test]
    fn a_change_of_quality_is_itself_the_outcome() {
        // What improves is the outcome; the KRs say how much.
        for statement in [
            "Improve patient throughput at the day clinic",
            "Enhance the reliability of the tram timetable feed",
            "Grow membership of the rowing club",
        ] {
            assert!(!fires(statement), "{statement}");
        }
        // A practice improved is still work with no purpose.
        assert!(fires("Improve alerting for all wards"));
    }

    #[test]
    fn purpose_clauses_of_every_shape_pass() {
        for statement in [
            "Migrate legacy monolith to microservices architecture for product teams to enable independent deployments",
            "Build CI/CD pipeline for mobile apps to reduce deployment time from days to hours",
            "Establish data governance framework for customer PII to meet GDPR compliance requirements",
            "Consolidate logging infrastructure across backend services to enable centralized monitoring",
            "Move all databases to managed PostgreSQL so that the storage team stops patching servers",
            "Move all databases to managed PostgreSQL so on-call engineers sleep through the night",
            "Move all databases to managed PostgreSQL in order to retire the self-hosted clusters",
            "Consolidate the three log pipelines into one, cutting storage cost by 40%",
            "Consolidate the three log pipelines into one: halve the storage bill",
            "Roll out a shared deploy tool for product teams, enabling daily releases",
            "Give product teams a self-service deploy tool that lets them ship without tickets",
            "Enable product teams to run their own canary releases",
            "Replace the legacy VPN with a zero-trust proxy for remote staff to quickly revoke access",
            "Shard the orders database for faster checkout queries",
            "Cut CI time for backend teams from 25 to 10 minutes",
            "Rewrite the billing exporter to standardise invoices across regions",
            "Containerize the batch jobs to free up 30 VMs",
            "Move logs to cold storage and cut the storage bill",
            "Adopt Terraform for all cloud resources so drift is caught in review",
            "Introduce canary releases with the goal of halving failed deploys",
            "Automate certificate renewal to avoid expiry outages",
            "Move secrets into the vault to stop credential leaks",
            "Equip on-call engineers with runbooks to resolve pages without escalation",
        ] {
            assert!(!fires(statement), "{statement}");
        }
    }

    #[test]
    fn the_phase_label_is_not_read_as_the_outcome() {
        let text = objective(
            "o",
            "Move all databases to managed PostgreSQL (to reduce toil later)",
            &["text = \"x\""],
        );
        assert_eq!(
            findings("objective-without-outcome", &[("a.md", &text)]),
            [("o".to_string(), None)]
        );
    }

    #[test]
    fn the_message_quotes_the_destination() {
        let text = objective(
            "o",
            "Move all databases to managed PostgreSQL",
            &["text = \"x\""],
        );
        let d = diagnostics_with(&config(), "objective-without-outcome", &[("a.md", &text)]);
        assert!(
            d[0].message.contains("\"to managed PostgreSQL\""),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn an_infinitive_of_any_verb_is_a_purpose_but_a_noun_after_to_is_not() {
        for statement in [
            "Train the night-shift nurses to recognise early sepsis",
            "Run a volunteer drive to rebuild the riverside footpaths",
            "Pool the regional budgets to better equip rural clinics",
        ] {
            assert!(states_outcome(statement), "{statement}");
        }
        for statement in [
            "Move the ticket archive to cloud storage",
            "Open new routes to value for small retailers",
            "Migrate the payroll to the new provider",
        ] {
            assert!(!states_outcome(statement), "{statement}");
        }
    }

    #[test]
    fn a_change_of_a_quality_is_an_outcome_and_of_a_thing_is_not() {
        assert!(states_outcome("Stabilize warehouse reliability"));
        assert!(states_outcome("Tighten our incident readiness"));
        assert!(!states_outcome("Stabilize the label printer fleet"));
        // Reported as a state after its subject.
        assert!(states_outcome(
            "Call waiting time is shortened for every branch"
        ));
    }

    #[test]
    fn small_words_alone_decide_nothing() {
        assert!(!states_outcome("to"));
        assert!(!states_outcome("So"));
        assert!(!states_outcome("Ship X and so"));
        assert!(states_outcome("Ship X so teams can deploy"));
    }
}
