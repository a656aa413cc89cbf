//! `hype-words`: an objective or phase sells instead of saying what gets
//! built.

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::{Context, Reads, Rule};

pub struct HypeWords;

impl Rule for HypeWords {
    fn name(&self) -> &'static str {
        "hype-words"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "An objective or its phase uses empty hype words (world-class, seamless, empower...)"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Reports an objective, or its phase label, that uses words which sound good
on a slide and say nothing about what gets built: "awesome", "delightful",
"empower", "world-class", "seamless", "next-generation", "supercharge" and
their kin. The message names the word.

## Why is this bad?

An objective should be boring and clear. Months later, someone will ask what
the team was supposed to deliver; "a delightful, world-class experience"
cannot answer that, while "single sign-on for all internal tools" can.
Excitement fades; a plain statement of what, for whom and to what end stays
useful.

## How it decides

- Words are matched whole, in any case: the configured `hype` list
  (`[preprocessor.okr.words]`, which has a built-in default), a further
  built-in set of marketing words (transformative, groundbreaking,
  state-of-the-art, frictionless, unparalleled, industry-leading, ...), and
  the same compounds written as separate words ("cutting edge", "state of
  the art").
- Inflections count: "empowering", "empowerment", "empowers",
  "revolutionise", "supercharged", "seamlessly", "synergies".
- A word that merely contains a hype word does not ("unleashed" does, but
  "stellarator" does not).
- Only the objective sentence and its phase are checked; key results have
  their own rules.

## Example

```toml
objective = "Empower developers with a delightful, world-class build experience"
```

## Use instead

```toml
objective = "Serve build actions from a remote cache for backend engineers to cut CI time from 25 to 10 minutes"
```
"#
    }

    fn reads(&self) -> Reads {
        Reads::OwnFacts
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (index, objective) in cx.objectives() {
            let facts = cx.facts.objective(index);
            let mut texts = vec![(&objective.text, &facts.text, "objective")];
            // A phase taken from trailing parentheses is part of the
            // objective's text already; only a `phase` key is separate.
            if let (Some(phase), Some(phase_facts)) = (&objective.phase, &facts.phase)
                && phase.location != objective.text.location
            {
                texts.push((phase, phase_facts, "phase"));
            }
            for (text, text_facts, what) in texts {
                let found = text_facts.hype();
                let Some((first, _)) = found.first() else {
                    continue;
                };
                let words: Vec<String> = found.iter().map(|(_, w)| format!("\"{w}\"")).collect();
                out.push(
                    Finding::new(
                        self.name(),
                        format!(
                            "the {what} uses hype: {}; it sells the work instead of saying what gets built",
                            words.join(", ")
                        ),
                        format!(
                            "drop the hype and state the {what} plainly: what gets built, for whom, \
                             and the outcome, such as \"Serve builds from a remote cache for backend \
                             engineers to cut CI time\""
                        ),
                    )
                    .on_objective(index)
                    .at(cx.plan.sub_location(text, first.clone())),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::{Config, Words};
    use crate::lint::testing::{config, diagnostics_with, findings, findings_with, objective};

    const KR: &str = "text = \"Cut CI time from 25 to 10 minutes\"";

    fn fires(statement: &str) -> bool {
        let text = objective("o", statement, &[KR]);
        let found = findings("hype-words", &[("a.md", &text)]);
        assert!(found.iter().all(|f| f == &("o".to_string(), None)));
        !found.is_empty()
    }

    fn message(statement: &str) -> String {
        let text = objective("o", statement, &[KR]);
        let d = diagnostics_with(&config(), "hype-words", &[("a.md", &text)]);
        d.into_iter()
            .map(|d| d.message)
            .collect::<Vec<_>>()
            .join("|")
    }

    #[test]
    fn listed_words_fire_in_any_case() {
        for statement in [
            "Deliver a world-class build experience for backend engineers to cut waiting on CI",
            "Empower developers with a delightful authentication experience",
            "Build an AWESOME deploy tool for product teams",
            "Offer Seamless single sign-on for internal tools to cut onboarding time",
            "Launch the next-gen data platform for analysts",
            "Create synergy between build and release teams",
            "Unleash the power of Kubernetes for product teams",
        ] {
            assert!(fires(statement), "{statement}");
        }
    }

    #[test]
    fn inflections_and_british_spellings_fire() {
        for statement in [
            "Provide empowering self-service tooling to product teams",
            "Drive developer empowerment through a new portal",
            "Revolutionise how teams ship software",
            // The British "-ise" loses its "e" before "-ing" and "-ed".
            "Revolutionising how the library lends e-books",
            "Revolutionised intake for the walk-in clinic",
            "Supercharged CI runners for mobile teams to cut build time",
            "Migrate services seamlessly to Kubernetes to cut hosting cost",
            "Find synergies between the data and ML platforms",
            "Make the search index incredibly fast for support agents",
            "Give teams an awesomeness score for their pipelines",
        ] {
            assert!(fires(statement), "{statement}");
        }
    }

    #[test]
    fn more_marketing_words_and_spaced_compounds_fire() {
        for statement in [
            "Build a transformative observability stack for SREs",
            "Offer a state-of-the-art feature store for ML teams",
            "Give engineers a frictionless path to production",
            "Ship a cutting edge CI platform to cut build time",
            "Make our deploys best in class to cut failed releases",
            "Build an industry-leading incident process",
        ] {
            assert!(fires(statement), "{statement}");
        }
    }

    #[test]
    fn the_message_names_each_word_once() {
        let m = message("Empower teams with an empowering, world-class and World-Class portal");
        assert!(
            m.contains("\"Empower\"")
                && m.contains("\"empowering\"")
                && m.contains("\"world-class\""),
            "{m}"
        );
        assert_eq!(
            m.matches("world-class").count() + m.matches("World-Class").count(),
            1,
            "{m}"
        );
    }

    #[test]
    fn plain_statements_and_near_misses_pass() {
        for statement in [
            "Implement company-wide SSO authentication for all internal tools to reduce security incidents",
            "Cut median CI time for backend pull requests to speed up reviews",
            "Build a stellarator simulation cluster for the physics team to cut queue time",
            "Classify every data set for the privacy team to meet GDPR requirements",
            "Serve the next release from the new cluster to cut hosting cost",
            "Generate SBOMs for every build to meet the audit requirement",
            "Cut the edge latency for mobile clients to reduce checkout drop-off",
            "Adopt first-class support for ARM builds to cut CI cost",
            "Build a best-effort retry queue for webhooks to cut lost events",
            "Draw a world map of service dependencies for incident commanders",
            "Replace magic numbers in the rate limiter to cut misconfigurations",
        ] {
            assert!(!fires(statement), "{statement}");
        }
    }

    #[test]
    fn an_explicit_phase_is_checked_too() {
        let text = "```okr\nid = \"o\"\nobjective = \"Roll out IPv6 to remove NAT bottlenecks\"\nphase = \"Amazing rollout\"\n[[kr]]\ntext = \"x\"\n```\n";
        assert_eq!(
            findings("hype-words", &[("a.md", text)]),
            [("o".to_string(), None)]
        );
        let text = "```okr\nid = \"o\"\nobjective = \"Roll out IPv6 to remove NAT bottlenecks (Magical phase)\"\n[[kr]]\ntext = \"x\"\n```\n";
        assert_eq!(
            findings("hype-words", &[("a.md", text)]),
            [("o".to_string(), None)]
        );
    }

    #[test]
    fn the_configured_list_is_used() {
        let mut words = Words::default();
        words.hype.extend.push("rockin".into());
        let config = Config { words, ..config() };
        let text = objective("o", "Build a rockin deploy tool", &[KR]);
        assert_eq!(
            findings_with(&config, "hype-words", &[("a.md", &text)]).len(),
            1
        );
    }
}
