//! `objective-without-outcome`: an objective says what will be done but not
//! the outcome it is for.

use std::ops::Range;

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::text::{Token, tokens};
use crate::lint::{Context, Rule};

pub struct ObjectiveWithoutOutcome;

/// Verbs that, after "to", state what the work is for: "to reduce
/// toil", "to meet the audit", "to let teams deploy". Base forms only: a
/// word after "to" ending in -ed or -s ("to managed PostgreSQL", "to
/// microservices") is a destination. Words that are just as often nouns or
/// adjectives after "to" ("block storage", "free tier", "release trains",
/// "secure enclaves", "open source") are left out on purpose.
const PURPOSE_VERBS: &[&str] = &[
    "reduce",
    "cut",
    "lower",
    "decrease",
    "shrink",
    "shorten",
    "halve",
    "minimize",
    "minimise",
    "eliminate",
    "remove",
    "prevent",
    "avoid",
    "stop",
    "end",
    "retire",
    "decommission",
    "sunset",
    "enable",
    "allow",
    "let",
    "help",
    "give",
    "make",
    "keep",
    "ensure",
    "guarantee",
    "meet",
    "satisfy",
    "comply",
    "pass",
    "achieve",
    "reach",
    "hit",
    "support",
    "unblock",
    "unlock",
    "save",
    "protect",
    "speed",
    "accelerate",
    "improve",
    "increase",
    "raise",
    "boost",
    "grow",
    "double",
    "triple",
    "simplify",
    "unify",
    "standardize",
    "standardise",
    "consolidate",
    "centralize",
    "centralise",
    "automate",
    "detect",
    "catch",
    "find",
    "recover",
    "restore",
    "survive",
    "withstand",
    "tolerate",
    "handle",
    "absorb",
    "serve",
    "scale",
    "ship",
    "deliver",
    "deploy",
    "onboard",
    "attract",
    "retain",
    "fund",
    "afford",
    "answer",
    "debug",
    "diagnose",
    "trace",
    "understand",
    "know",
    "see",
    "measure",
    "track",
    "prove",
    "show",
    "demonstrate",
    "verify",
    "validate",
    "stay",
    "remain",
    "be",
    "become",
    "get",
    "have",
    "gain",
    "earn",
    "win",
    "close",
    "fix",
    "resolve",
    "mitigate",
    "contain",
    "limit",
    "isolate",
    "decouple",
    "de-risk",
    "derisk",
    "harden",
    "strengthen",
    "stabilize",
    "stabilise",
    "spend",
    "bring",
    "cover",
    "provide",
    "offer",
    "roll",
    "undo",
    "tighten",
    "focus",
    "align",
    "certify",
    "qualify",
    "reclaim",
    "recoup",
    "lift",
    "drive",
    "foster",
    "encourage",
    "empower",
    "equip",
    "prepare",
    "future-proof",
    "modernize",
    "modernise",
    "reuse",
    "discover",
    "learn",
    "decide",
    "choose",
    "predict",
    "forecast",
    "estimate",
    "notify",
    "inform",
    "sustain",
    "maintain",
    "preserve",
    "uphold",
    "honor",
    "honour",
    "enforce",
    "deny",
    "reject",
    "surface",
    "expose",
    "reveal",
    "highlight",
    "visualize",
    "ease",
    "offload",
    "relieve",
    "spare",
    "lessen",
    "curb",
    "trim",
    "slash",
    "dampen",
    "silence",
    "deduplicate",
    "dedupe",
    "converge",
    "merge",
    "combine",
    "integrate",
    "interoperate",
    "respond",
    "react",
    "notice",
    "hold",
    "return",
    "shift",
    "do",
    "revoke",
    "grant",
];

/// Verbs whose "-ing" form opens a purpose clause anywhere after the first
/// word ("..., enabling independent deploys", "... freeing 3 engineers").
/// Other purpose verbs count in "-ing" form only after a comma.
const PURPOSE_PARTICIPLES: &[&str] = &[
    "enabling",
    "allowing",
    "letting",
    "reducing",
    "cutting",
    "eliminating",
    "removing",
    "preventing",
    "lowering",
    "decreasing",
    "halving",
    "shortening",
    "ensuring",
    "freeing",
    "saving",
    "unblocking",
    "unlocking",
    "giving",
    "helping",
    "improving",
    "increasing",
    "speeding",
    "avoiding",
    "minimizing",
    "minimising",
];

/// A first word that already is a change of a measure: "Cut CI time for
/// backend teams from 25 to 10 minutes" states its outcome.
const OUTCOME_VERBS: &[&str] = &[
    "reduce",
    "cut",
    "lower",
    "decrease",
    "halve",
    "shorten",
    "minimize",
    "minimise",
    "eliminate",
    "prevent",
    "increase",
    "raise",
    "double",
    "triple",
];

/// Verbs that take "someone to do something": in "Enable product teams to
/// run canaries" the infinitive is the outcome whatever its verb.
const CAUSATIVE_VERBS: &[&str] = &["enable", "allow", "help", "empower", "equip", "let", "free"];

/// "for faster builds", "for fewer pages": a purpose stated as a comparison.
const COMPARATIVES: &[&str] = &[
    "faster",
    "fewer",
    "less",
    "lower",
    "higher",
    "better",
    "quicker",
    "cheaper",
    "safer",
    "shorter",
    "smaller",
    "simpler",
    "easier",
    "greater",
    "reduced",
    "improved",
    "increased",
];

/// Words after "to" that start a destination, never an infinitive.
const DESTINATION_STARTS: &[&str] = &[
    "the",
    "a",
    "an",
    "all",
    "every",
    "each",
    "our",
    "their",
    "its",
    "this",
    "that",
    "these",
    "those",
    "any",
    "some",
    "both",
    "new",
    "one",
    "two",
    "three",
    "half",
    "production",
    "prod",
];

/// Words ending in -ate, -ize or -ise that are nouns or adjectives.
const NOT_VERBS: &[&str] = &[
    "private",
    "climate",
    "template",
    "certificate",
    "candidate",
    "estate",
    "ultimate",
    "intermediate",
    "immediate",
    "appropriate",
    "corporate",
    "accurate",
    "adequate",
    "moderate",
    "separate",
    "substrate",
    "aggregate",
    "delegate",
    "duplicate",
    "alternate",
    "graduate",
    "enterprise",
    "premise",
    "franchise",
    "expertise",
    "merchandise",
    "otherwise",
    "precise",
    "concise",
    "noise",
    "paradise",
    "likewise",
    "clockwise",
    "prize",
    "size",
    "update",
];

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
  "to the new cluster".
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
  "Reduce pages ...") is itself the outcome.

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

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (index, objective) in cx.plan.objectives.iter().enumerate() {
            let statement = objective.statement.as_str();
            if statement.trim().is_empty() || states_outcome(statement) {
                continue;
            }
            let destination = destination(statement)
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

/// True when the statement says what the work is for.
pub(crate) fn states_outcome(statement: &str) -> bool {
    let words = tokens(statement);
    let lower: Vec<String> = words.iter().map(Token::lower).collect();
    let at = |i: usize| lower.get(i).map_or("", String::as_str);
    let comma_before = |i: usize| {
        i > 0
            && statement[words[i - 1].range.end..words[i].range.start]
                .contains([',', ';', ':', '—', '–'])
    };

    if OUTCOME_VERBS.contains(&at(0)) {
        return true;
    }
    for i in 0..words.len() {
        let word = at(i);
        let next = at(i + 1);
        let found = match word {
            "to" if i > 0 => {
                infinitive_of_purpose(&words, &lower, i + 1)
                    || (causative_before(&lower, i) && looks_like_bare_verb(&words, &lower, i + 1))
            }
            "in" => next == "order" && at(i + 2) == "to",
            "so" if i > 0 => !matches!(
                next,
                "" | "far" | "much" | "many" | "long" | "called" | "on"
            ),
            "with" => {
                matches!(next, "the" | "a") && matches!(at(i + 2), "goal" | "aim" | "purpose")
            }
            "aimed" | "aiming" => matches!(next, "at" | "to"),
            "that" | "which" => third_person(next).is_some_and(is_purpose_verb),
            "and" => OUTCOME_VERBS.contains(&next),
            "for" => {
                COMPARATIVES.contains(&next) || (next == "more" && at(i + 2).ends_with("able"))
            }
            _ if i > 0 && PURPOSE_PARTICIPLES.contains(&word) => true,
            _ if comma_before(i) => {
                OUTCOME_VERBS.contains(&word)
                    || participle_stem(word).is_some_and(|stem| is_purpose_verb(&stem))
            }
            _ => false,
        };
        if found {
            return true;
        }
    }
    false
}

/// The word at `j` (after "to", past adverbs) is a purpose verb.
fn infinitive_of_purpose(words: &[Token<'_>], lower: &[String], mut j: usize) -> bool {
    while lower
        .get(j)
        .is_some_and(|w| w.ends_with("ly") && w.len() > 4)
    {
        j += 1;
    }
    let Some(word) = lower.get(j) else {
        return false;
    };
    if word == "free" {
        return lower.get(j + 1).is_some_and(|w| w == "up");
    }
    let capitalised = words[j].text.chars().next().is_some_and(char::is_uppercase);
    if capitalised && !PURPOSE_VERBS.contains(&word.as_str()) {
        return false;
    }
    is_purpose_verb(word)
}

/// A purpose verb in base form: listed, a listed verb with "re"/"un", or a
/// verb by its ending.
fn is_purpose_verb(word: &str) -> bool {
    if PURPOSE_VERBS.contains(&word) {
        return true;
    }
    for prefix in ["re-", "re", "un"] {
        if let Some(rest) = word.strip_prefix(prefix)
            && rest.len() >= 3
            && PURPOSE_VERBS.contains(&rest)
        {
            return true;
        }
    }
    if NOT_VERBS.contains(&word) || !word.chars().all(|c| c.is_ascii_lowercase()) {
        return false;
    }
    (word.len() >= 6 && (word.ends_with("ize") || word.ends_with("ise") || word.ends_with("ify")))
        || (word.len() >= 7 && word.ends_with("ate"))
}

/// "enable", "allow", "help" or "let" within the four words before `to`.
fn causative_before(lower: &[String], to: usize) -> bool {
    lower[to.saturating_sub(5)..to].iter().any(|w| {
        let forms = [
            Some(w.to_string()),
            w.strip_suffix('s').map(str::to_string),
            w.strip_suffix("ing").map(str::to_string),
            w.strip_suffix("ing").map(|stem| format!("{stem}e")),
        ];
        forms
            .into_iter()
            .flatten()
            .any(|form| CAUSATIVE_VERBS.contains(&form.as_str()))
    })
}

/// After "enable teams to": a lowercase word that is no article, number,
/// past participle or plural noun.
fn looks_like_bare_verb(words: &[Token<'_>], lower: &[String], j: usize) -> bool {
    let Some(word) = lower.get(j) else {
        return false;
    };
    let lowercase = words[j].text.chars().next().is_some_and(char::is_lowercase);
    lowercase
        && !DESTINATION_STARTS.contains(&word.as_str())
        && !word.ends_with("ed")
        && (!word.ends_with('s') || word.ends_with("ss"))
}

/// "lets" -> "let", "reduces" -> "reduce", "simplifies" -> "simplify".
fn third_person(word: &str) -> Option<&str> {
    if word.ends_with("ies") {
        return None;
    }
    word.strip_suffix('s').filter(|stem| stem.len() >= 2)
}

/// "cutting" -> "cut", "reducing" -> "reduce", "enabling" -> "enable".
fn participle_stem(word: &str) -> Option<String> {
    let stem = word.strip_suffix("ing").filter(|s| s.len() >= 2)?;
    let bytes = stem.as_bytes();
    let doubled = bytes.len() >= 2 && bytes[bytes.len() - 1] == bytes[bytes.len() - 2];
    [
        stem.to_string(),
        format!("{stem}e"),
        if doubled {
            stem[..stem.len() - 1].to_string()
        } else {
            String::new()
        },
    ]
    .into_iter()
    .find(|candidate| PURPOSE_VERBS.contains(&candidate.as_str()))
}

/// The first "to ..." that names a destination, up to the next small word:
/// "to managed PostgreSQL", "to microservices architecture".
fn destination(statement: &str) -> Option<Range<usize>> {
    let words = tokens(statement);
    let to = words
        .iter()
        .skip(1)
        .position(|w| w.text.eq_ignore_ascii_case("to"))?
        + 1;
    let stops = [
        "for", "to", "with", "in", "by", "and", "on", "at", "from", "across",
    ];
    let last = words[to + 1..]
        .iter()
        .take_while(|w| !stops.contains(&w.lower().as_str()))
        .take(4)
        .last()?;
    Some(words[to].range.start..last.range.end)
}

#[cfg(test)]
mod tests {
    use super::states_outcome;
    use crate::lint::testing::{config, diagnostics_with, findings, objective};

    fn fires(statement: &str) -> bool {
        let text = objective("o", statement, &["text = \"x\""]);
        let found = findings("objective-without-outcome", &[("a.md", &text)]);
        assert!(found.iter().all(|f| f == &("o".to_string(), None)));
        !found.is_empty()
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
    fn small_words_alone_decide_nothing() {
        assert!(!states_outcome("to"));
        assert!(!states_outcome("So"));
        assert!(!states_outcome("Ship X and so"));
        assert!(states_outcome("Ship X so teams can deploy"));
    }
}
