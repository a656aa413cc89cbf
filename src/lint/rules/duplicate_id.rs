//! `duplicate-id`: two objectives of the book share an id.

use std::collections::HashMap;

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::lint::{Context, Rule};

pub struct DuplicateId;

impl Rule for DuplicateId {
    fn name(&self) -> &'static str {
        "duplicate-id"
    }

    fn default_level(&self) -> Level {
        Level::Error
    }

    fn summary(&self) -> &'static str {
        "Two objectives in the book have the same id"
    }

    fn docs(&self) -> &'static str {
        r#"## What it does

Reports an objective whose id (given with `id`, or derived from quarter, team
and first words) is already used by an earlier objective in book order. The
finding is on the second one and names the file of the first.

## Why is this bad?

Ids are how other teams point at your work in `depends_on` and how the index
links to a card. With two objectives of one id, a dependency silently
resolves to the first one and the second cannot be linked at all.

## Example

```toml
# src/2026-Q2/build.md
id = "remote-cache"
objective = "Serve build actions from a remote cache for backend teams to cut CI time"
```

```toml
# src/2026-Q3/build.md
id = "remote-cache"
objective = "Serve build actions from a remote cache for backend teams to cut CI time"
```

## Use instead

Give each quarter's block its own id, such as `remote-cache-q2` and
`remote-cache-q3`.
"#
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (index, objective) in cx.plan.objectives.iter().enumerate() {
            let Some(&earlier) = first.get(objective.id.as_str()) else {
                first.insert(&objective.id, index);
                continue;
            };
            let earlier = &cx.plan.objectives[earlier];
            let earlier_file = &cx.plan.file(earlier.location.file).display_path;
            let (line, _) = cx
                .plan
                .file(earlier.location.file)
                .line_col(earlier.location.span.start);
            out.push(
                Finding::new(
                    self.name(),
                    format!(
                        "the id `{}` is already used by the objective at {earlier_file}:{line}",
                        objective.id
                    ),
                    "give this objective its own `id`; ids are unique in the whole book",
                )
                .on_objective(index)
                .at(objective.location.clone()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::testing::findings;

    const ONE: &str = "```okr\nid = \"a\"\nobjective = \"x\"\n[[kr]]\ntext = \"t\"\n```\n";

    #[test]
    fn reports_the_second_of_two_ids() {
        let book = [("src/a.md", ONE), ("src/b.md", ONE)];
        assert_eq!(findings("duplicate-id", &book), [("a".to_string(), None)]);
    }

    #[test]
    fn reports_every_later_copy() {
        let book = [("src/a.md", ONE), ("src/b.md", ONE), ("src/c.md", ONE)];
        assert_eq!(findings("duplicate-id", &book).len(), 2);
    }

    #[test]
    fn distinct_ids_and_derived_ids_pass() {
        let other = ONE.replace("id = \"a\"", "id = \"b\"");
        let derived = ONE.replace("id = \"a\"\n", "");
        let book = [
            ("src/a.md", ONE),
            ("src/b.md", other.as_str()),
            ("src/c.md", derived.as_str()),
        ];
        assert!(findings("duplicate-id", &book).is_empty());
    }
}
