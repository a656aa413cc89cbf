//! `unknown-dependency`: a `depends_on` reference that points at nothing.

use crate::config::{Level, did_you_mean};
use crate::diagnostic::{Finding, Risk, Subject};
use crate::lint::{Context, Rule};
use crate::model::Target;
use crate::plan::{Plan, Resolution};

pub struct UnknownDependency;

impl Rule for UnknownDependency {
    fn name(&self) -> &'static str {
        "unknown-dependency"
    }

    fn default_level(&self) -> Level {
        Level::Error
    }

    fn summary(&self) -> &'static str {
        "A `depends_on` reference names no objective, no key result or an unknown team"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Reports each `depends_on` entry that points at nothing: an objective id no
block of the book has, a KR id that objective does not have, or a
`team:NAME` ask for a team missing from the configured `teams`. The finding
sits on the depending KR, at the reference itself, and suggests the closest
existing id or team name when one is close.

## Why is this bad?

Platform work is usually what other teams' plans stand on, so a dependency
is a promise between teams. A reference that leads nowhere is a promise
nobody is holding: the team you are waiting on never sees your ask, the
index cannot show the risk, and `stretch-prerequisite` and
`partial-prerequisite` cannot check the work you rely on. Typos and renamed
ids are the usual cause.

## How it decides

References are resolved over the whole book: `"obj"` must be the id of an
objective, `"obj#kr"` must name one of that objective's KRs (an explicit
`id`, or `KR<n>` by position for a KR without one), and `"team:NAME"` must
be listed in `teams` when `teams` is configured (any non-empty name is
accepted otherwise). Each bad entry is one finding. The suggestion is the
closest objective id, `obj#kr` id or team name by string similarity, shown
only when it is close.

## Example

```toml
[[kr]]
text = "Onboard all 9 ML teams to the shared platform"
depends_on = ["remote-cach#KR3", "team:dataplatform"]
```

## Use instead

```toml
[[kr]]
text = "Onboard all 9 ML teams to the shared platform"
depends_on = ["remote-cache#KR3", "team:data-platform"]
```
"#
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let plan = cx.plan;
        for (e, edge) in plan.edges.iter().enumerate() {
            let known_team = match &edge.resolution {
                Resolution::Unresolved => None,
                Resolution::Team { known: false, team } => Some(team.as_str()),
                _ => continue,
            };
            let objective = &plan.objectives[edge.objective];
            let kr = &objective.krs[edge.kr];
            let Some(reference) = kr.depends_on.get(edge.reference) else {
                continue;
            };
            let depending = format!("{}#{}", objective.id, kr.id);
            let (message, help) = match (known_team, &reference.target) {
                (Some(team), _) => unknown_team(cx, &reference.raw, team),
                (None, Target::Team(_)) => (
                    format!("`{}` names no team", reference.raw),
                    "write the team's name after `team:`, as in `team:storage`".to_string(),
                ),
                (None, Target::Objective(id)) => missing_objective(plan, &reference.raw, id),
                (None, Target::KeyResult { objective: id, kr }) => {
                    missing_kr(plan, &reference.raw, id, kr)
                }
            };
            out.push(
                Finding::new(
                    self.name(),
                    format!("{message} (in the dependencies of `{depending}`)"),
                    help,
                )
                .on_kr(edge.objective, edge.kr)
                .at(reference.location.clone())
                .about(Subject::Dependency {
                    edge: e,
                    risk: Risk::Unresolved,
                }),
            );
        }
    }
}

fn unknown_team(cx: &Context<'_>, raw: &str, team: &str) -> (String, String) {
    let teams: Vec<&str> = cx
        .config
        .teams
        .iter()
        .flatten()
        .map(String::as_str)
        .collect();
    let message = if team.is_empty() {
        format!("`{raw}` names no team")
    } else {
        format!("`{raw}` asks a team that is not in `teams`")
    };
    let suggestion = did_you_mean(team, &teams);
    let help = if suggestion.is_empty() {
        format!(
            "use one of the configured teams ({}), or add the team to `teams`",
            teams.join(", ")
        )
    } else {
        format!("fix the name{suggestion}")
    };
    (message, help)
}

fn missing_objective(plan: &Plan, raw: &str, id: &str) -> (String, String) {
    let ids: Vec<&str> = plan.objectives.iter().map(|o| o.id.as_str()).collect();
    let message = if id.is_empty() {
        "an empty reference names no objective".to_string()
    } else {
        format!("`{raw}` is not the id of any objective in the book")
    };
    (message, help_with(did_you_mean(id, &ids)))
}

fn missing_kr(plan: &Plan, raw: &str, objective_id: &str, kr_id: &str) -> (String, String) {
    if let Some(o) = plan.objective_by_id(objective_id) {
        let objective = &plan.objectives[o];
        let krs: Vec<&str> = objective.krs.iter().map(|k| k.id.as_str()).collect();
        let message = format!(
            "`{raw}`: the objective `{objective_id}` has no key result `{kr_id}` (it has {})",
            if krs.is_empty() {
                "none".to_string()
            } else {
                krs.join(", ")
            }
        );
        // Positional ids (`KR9`) are alike by construction, so string
        // similarity would suggest an arbitrary sibling; only a difference of
        // case is worth pointing out for them.
        let positional = kr_id.len() > 2
            && kr_id[..2].eq_ignore_ascii_case("kr")
            && kr_id[2..].bytes().all(|b| b.is_ascii_digit());
        let suggestion = match krs.iter().find(|k| k.eq_ignore_ascii_case(kr_id)) {
            Some(same) => format!("; did you mean `{same}`?"),
            None if positional => String::new(),
            None => did_you_mean(kr_id, &krs),
        };
        let help = if suggestion.is_empty() {
            format!(
                "point at one of its key results (`{objective_id}#{}`), or at the whole objective \
                 with `{objective_id}`",
                krs.first().copied().unwrap_or("KR1")
            )
        } else {
            format!("fix the key result id{suggestion}")
        };
        return (message, help);
    }
    let ids: Vec<String> = plan
        .objectives
        .iter()
        .flat_map(|o| o.krs.iter().map(move |k| format!("{}#{}", o.id, k.id)))
        .collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    (
        format!("`{raw}`: no objective in the book has the id `{objective_id}`"),
        help_with(did_you_mean(raw, &ids)),
    )
}

fn help_with(suggestion: String) -> String {
    if suggestion.is_empty() {
        "point at an existing objective (`id`) or key result (`id#KR2`); ids are listed in the \
         index, or write `team:NAME` for an ask that has no KR yet"
            .to_string()
    } else {
        format!("fix the reference{suggestion}")
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::lint::testing::{config, diagnostics_with, findings, findings_with, objective};

    const RULE: &str = "unknown-dependency";

    fn kr(depends_on: &[&str]) -> String {
        let list: Vec<String> = depends_on.iter().map(|d| format!("\"{d}\"")).collect();
        format!(
            "text = \"Ship all 5 services\"\ndepends_on = [{}]",
            list.join(", ")
        )
    }

    fn at(objective: &str, kr: &str) -> (String, Option<String>) {
        (objective.to_string(), Some(kr.to_string()))
    }

    fn with_teams() -> Config {
        Config {
            teams: Some(vec!["build".into(), "storage".into()]),
            ..config()
        }
    }

    fn book() -> String {
        [
            objective("remote-cache", "x", &[&kr(&[]), &kr(&[]), &kr(&[])]),
            "```okr\nid = \"named\"\nobjective = \"y\"\n[[kr]]\ntext = \"t\"\n[[kr]]\nid = \"api-v2\"\ntext = \"u\"\n```\n".to_string(),
        ]
        .concat()
    }

    #[test]
    fn a_missing_objective_is_reported_with_the_closest_id() {
        let text = book() + &objective("ml", "z", &[&kr(&["remote-cach#KR3"])]);
        let diagnostics = diagnostics_with(&config(), RULE, &[("src/a.md", &text)]);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].objective.as_deref(), Some("ml"));
        assert!(
            diagnostics[0].help.contains("`remote-cache#KR3`"),
            "{}",
            diagnostics[0].help
        );
    }

    #[test]
    fn a_missing_kr_of_an_existing_objective_is_reported_once_per_reference() {
        let text = book()
            + &objective(
                "ml",
                "z",
                &[
                    &kr(&["remote-cache#KR4", "remote-cache#KR3"]),
                    &kr(&["named#KR2"]),
                ],
            );
        // `named` sets an explicit id on its second KR, so `KR2` does not name it.
        assert_eq!(
            findings(RULE, &[("src/a.md", &text)]),
            [at("ml", "KR1"), at("ml", "KR2")]
        );
        let diagnostics = diagnostics_with(&config(), RULE, &[("src/a.md", &text)]);
        assert!(diagnostics[1].message.contains("(it has KR1, api-v2)"));
        assert!(
            !diagnostics[0].help.contains("did you mean"),
            "{}",
            diagnostics[0].help
        );
        let text = book() + &objective("ml", "z", &[&kr(&["named#API-v2"])]);
        let diagnostics = diagnostics_with(&config(), RULE, &[("src/a.md", &text)]);
        assert!(
            diagnostics[0].help.contains("`api-v2`"),
            "{}",
            diagnostics[0].help
        );
    }

    #[test]
    fn a_team_missing_from_teams_is_reported_with_the_closest_team() {
        let text = book() + &objective("ml", "z", &[&kr(&["team:storge", "team:build"])]);
        let diagnostics = diagnostics_with(&with_teams(), RULE, &[("src/a.md", &text)]);
        assert_eq!(diagnostics.len(), 1);
        assert!(diagnostics[0].message.contains("`team:storge`"));
        assert!(diagnostics[0].help.contains("`storage`"));
    }

    #[test]
    fn an_empty_reference_and_an_empty_team_are_reported() {
        let text = book() + &objective("ml", "z", &[&kr(&["", "team:"])]);
        assert_eq!(findings(RULE, &[("src/a.md", &text)]).len(), 2);
    }

    #[test]
    fn existing_objectives_krs_and_explicit_ids_pass() {
        let text = book()
            + &objective(
                "ml",
                "z",
                &[&kr(&[
                    "remote-cache",
                    "remote-cache#KR3",
                    "named#api-v2",
                    "named#KR1",
                ])],
            );
        assert!(findings(RULE, &[("src/a.md", &text)]).is_empty());
    }

    #[test]
    fn near_miss_any_team_passes_when_teams_is_not_configured() {
        let text = book() + &objective("ml", "z", &[&kr(&["team:anyone"])]);
        assert!(findings(RULE, &[("src/a.md", &text)]).is_empty());
        let text = book() + &objective("ml", "z", &[&kr(&["team:storage"])]);
        assert!(findings_with(&with_teams(), RULE, &[("src/a.md", &text)]).is_empty());
    }

    #[test]
    fn near_miss_references_across_chapters_resolve() {
        let later = objective("ml", "z", &[&kr(&["remote-cache#KR2"])]);
        let book = book();
        assert!(findings(RULE, &[("src/ml.md", &later), ("src/cache.md", &book)]).is_empty());
    }
}
