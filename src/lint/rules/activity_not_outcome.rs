//! `activity-not-outcome`: a KR that says what people will do, not what
//! will be true afterwards.

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::{Context, Reads, Rule};
use crate::model::Kind;

pub struct ActivityNotOutcome;

impl Rule for ActivityNotOutcome {
    fn name(&self) -> &'static str {
        "activity-not-outcome"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "A KR describes an activity (meetings, attending, exploring, helping) rather than a result"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Reports a Key Result that describes what people will do (hold meetings,
attend a forum, talk to teams, explore, continue, work on, help) instead of a
result that will be true at the end of the quarter.

## Why is this bad?

Activities can all happen while nothing changes: three months of weekly
syncs can end with nothing more than "we talked to people". A KR should
name the result the activity is for, so that anyone can check it: a
document approved by named people, a number reached, a system launched.

## How it decides

- The KR's own statement is the text before its purpose clause ("... to
  discuss readiness"): "Launch the portal to help teams onboard" is a
  launch.
- It is an activity when it opens with a verb of the `activity` list in
  any inflection ("Attend", "Meet with", "Look into", "Continue", "Work on")
  or reports one done ("readiness discussed with each team"), or when it
  holds meetings: a meeting word (meeting, sync, standup, workshop, forum,
  office hours ...) after a verb such as hold, run or host or a frequency
  such as weekly. Words in other senses stay quiet: "meet the SLO" and
  "support SSO for all users" are not activities, as these verbs need
  people as their object or company ("meet with each team", "support the
  data team"); "calls" and "sessions" need a frequency or a verb that only
  holds meetings ("weekly calls", "training sessions"); "Hold checkout
  availability at 99.95%" holds no meeting; "Run 10 services IPv6-only"
  runs no meeting.
- Beyond the list, the KR's main predicate is read (its main verb with any
  particle or idiom WordNet lists, such as "sit down", "keep tabs on",
  "sound out", or a past participle after its subject, "findings talked
  through with the funder") and WordNet's class of the verb's most
  frequent sense decides what it does. Verbs of talking, dealing with
  people, watching, being or going are activities when people keep them
  company ("circle back with the auditors", "be on hand for the branches")
  or, for talking, watching and keeping, are their object ("sound out the
  trustees", "keep the steering group in the loop"); idioms of talking or
  keeping watch need no object ("keep tabs on competitor pricing"). People
  straight after a verb of any class, as its company ("get alongside the
  ward managers"), or as the object of a verb of going through something
  ("walk the sales team through the new plan"), make it an activity too. People
  are WordNet's persons and social groups ("auditors", "union"), agent
  nouns it lacks ("funders") and the built-in team words; a person as a
  noun's modifier ("patient safety scores") or everyone ("train all
  managers": coverage you can check) does not count. Meetings no list
  names are WordNet's nouns for occasions where people meet or talk
  ("roundtables", "conversations") and nouns made of a verb of talking and
  its particle ("catch-ups", "get-togethers"), held in a series ("host
  quarterly roundtables") or after a frequency.
- Help handed to people is an activity: a verb of giving (provide, give,
  offer, lend, extend) with a bare noun that WordNet makes of a verb of
  talking or dealing with people ("guidance", "coaching", "help") and
  people after "to" or "for" ("provide guidance to the development
  team"). "Provide a report to the board" hands over a thing, and
  "provide guidance for the migration" helps no one.
- Four frames carry the same intent without a listed verb. Being near
  someone: "be", "stay", "remain" or "keep" with "close", "there" or
  "near" and then "to", "for" or "with" people or a place of theirs ("stay
  close to the ward sisters", "be there for the night porters"); near a
  level ("remain close to full occupancy") is a target. Finding out: a
  verb of thinking, handling or going with "why", "how", "whether" or
  "what" as its object ("dig into whether late invoices cluster"), which
  is research; "decide whether" ends in a decision, and "explain why" or
  "document how" hands over an answer. Views sought: a verb of getting or
  handling whose object is feedback, input, ideas or requirements
  ("collect input from the tenants' association"), like "gather"; "the
  feedback kiosk" is a thing, and "provide feedback" hands views over.
  And a count of occasions as the whole statement ("six donor roundtables
  this year"), which counts the activity.
- A number that counts the activity's own occasions measures nothing:
  "Provide training to the kitchen teams, 12 trainings a year" is still
  help handed out, while "coaching to 12 new shift leads" counts people
  reached and "file 40 hygiene reports" counts things produced. A number
  of occasions after a verb that holds none is a level others reach, not
  occasions held: "Reach 2,000 weekly museum visits" is a result.
- What a system does is a behaviour, not an activity: a made thing as the
  subject ("The scheduler notifies the warehouse managers") or a
  triggering condition ("Notify the plant manager when a line stops").
- It does not fire when the KR names a checkable result: something
  approved, signed off, launched, shipped, live, in production, decided or
  published, or an output produced ("... and publish a recommendation").
  For effort verbs (help, explore, continue, investigate) a number also
  counts ("Help 5 teams migrate"); for meetings and talking it does not, as
  the number only counts the activity ("Hold 4 workshops").
- A discovery KR may research ("Explore", "Investigate", "Evaluate"):
  `discovery-without-output` checks that it yields something. Meetings in
  a discovery KR are still reported.
- The list is `[preprocessor.okr.words] activity` (`extend-activity` adds
  to it).

## Example

```toml
[[kr]]
text = "Hold weekly meetings with product teams to gather requirements"
```

## Use instead

```toml
[[kr]]
text = "Requirements doc finalized and approved by 5 product teams, covering at least 15 distinct use cases"
```
"#
    }

    fn reads(&self) -> Reads {
        Reads::OwnFacts
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (o, k, _, kr) in cx.key_results() {
            let Some(activity) = cx.facts.kr(o, k).text.activity() else {
                continue;
            };
            // Research is what a discovery KR is for; whether it yields
            // something is `discovery-without-output`'s question.
            if activity.research && kr.kind == Kind::Discovery {
                continue;
            }
            let range = activity.range.clone();
            let words = &kr.text.value[range.clone()];
            out.push(
                Finding::new(
                    self.name(),
                    format!(
                        "\"{}\" describes an activity (\"{words}\": {}), not a result",
                        kr.text.value,
                        activity.cue.reason()
                    ),
                    super::ACTIVITY_HELP,
                )
                .on_kr(o, k)
                .at(cx.plan.sub_location(&kr.text, range)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::testing::{findings, objective, on_krs};

    fn check(krs: &[&str]) -> Vec<(String, Option<String>)> {
        let book = objective(
            "o",
            "Roll out IPv6 across internal services to remove NAT bottlenecks",
            krs,
        );
        findings("activity-not-outcome", &[("src/a.md", &book)])
    }

    fn on(krs: &[&str]) -> Vec<(String, Option<String>)> {
        on_krs("o", krs)
    }

    #[test]
    fn activities_fire() {
        let found = check(&[
            r#"text = "Attend the quarterly architecture forum to present the build roadmap""#,
            r#"text = "Meet with each product team monthly to discuss IPv6 readiness""#,
            r#"text = "Hold weekly meetings with product teams to gather requirements""#,
            r#"text = "Run bi-weekly syncs with the SRE team""#,
            r#"text = "Look into IPv6 support in the service mesh""#,
            r#"text = "Continue the dual-stack rollout""#,
        ]);
        assert_eq!(found, on(&["KR1", "KR2", "KR3", "KR4", "KR5", "KR6"]));
    }

    #[test]
    fn results_pass_whatever_their_verb() {
        let found = check(&[
            r#"text = "Hold checkout availability at 99.95%""#,
            r#"text = "Requirements doc finalized and approved by 5 product teams""#,
            r#"text = "Run 10 internal services IPv6-only in production""#,
            r#"text = "Meet the 99.9% availability SLO for all internal APIs""#,
            r#"text = "Support IPv6 on every load balancer""#,
            r#"text = "Publish a cost report per team every month""#,
        ]);
        assert_eq!(found, []);
    }

    #[test]
    fn near_misses_in_other_wording() {
        let found = check(&[
            // Counting the meetings does not make them a result.
            r#"text = "Host 6 office hours sessions for product teams""#,
            r#"text = "Partner with the security team on the threat model""#,
            r#"text = "Help product teams adopt the new pipeline""#,
            // A number of teams helped to a result is a result.
            r#"text = "Help 5 teams move their services to IPv6""#,
            // Exploring that ends in a published recommendation is a result.
            r#"text = "Explore NAT64 options and publish a recommendation""#,
            r#"text = "Cut API calls per page load from 40 to 10""#,
            r#"text = "Present a single status page for all 75 customer-facing services""#,
            r#"text = "Present the IPv6 plan at the engineering all-hands""#,
        ]);
        assert_eq!(found, on(&["KR1", "KR2", "KR3", "KR8"]));
    }

    #[test]
    fn research_is_left_to_discovery_krs_but_meetings_are_not() {
        let found = check(&[
            "kind = \"discovery\"\ntext = \"Research NAT64 options\"",
            "kind = \"discovery\"\ntext = \"Hold weekly syncs with the app teams\"",
            "text = \"Research NAT64 options\"",
        ]);
        assert_eq!(found, on(&["KR2", "KR3"]));
    }
}
