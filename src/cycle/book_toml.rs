//! Adding a team to `teams` in `book.toml`, keeping its comments and layout.

use anyhow::{Context as _, Result, bail};
use toml_edit::{DocumentMut, Value};

/// Adds `team` to `[preprocessor.okr] teams` when that list exists and lacks
/// it. Returns the new text, or `None` when nothing changes (no `teams`
/// configured, or the team already listed).
pub fn add_team(book_toml: &str, team: &str) -> Result<Option<String>> {
    let mut doc: DocumentMut = book_toml.parse().context("book.toml is not valid TOML")?;
    // `as_table_like_mut().get_mut` only looks; `Item::get_mut` would
    // insert an empty entry for a missing key.
    let Some(teams) = doc
        .get_mut("preprocessor")
        .and_then(|p| p.as_table_like_mut())
        .and_then(|p| p.get_mut("okr"))
        .and_then(|o| o.as_table_like_mut())
        .and_then(|o| o.get_mut("teams"))
    else {
        return Ok(None);
    };
    let Some(list) = teams.as_array_mut() else {
        bail!(
            "book.toml: [preprocessor.okr] teams must be a list of team ids, like teams = [\"platform\"]"
        );
    };
    if list.iter().any(|t| t.as_str() == Some(team)) {
        return Ok(None);
    }
    let mut value = Value::from(team);
    let one_per_line = list
        .iter()
        .last()
        .and_then(|last| last.decor().prefix())
        .and_then(|prefix| prefix.as_str())
        .filter(|prefix| prefix.contains('\n'))
        .map(str::to_string);
    match one_per_line {
        // A list written one team per line gets the new team on a line of
        // its own, indented like the last one. What followed the last team
        // on its line (a comment, say) stays on that line.
        Some(last_prefix) => {
            let indent = last_prefix.rsplit('\n').next().unwrap_or("");
            let trailing_comma = list.trailing_comma();
            let last_index = list.len() - 1;
            let carried = if trailing_comma {
                list.trailing().as_str().unwrap_or("").to_string()
            } else {
                list.get(last_index)
                    .and_then(|v| v.decor().suffix())
                    .and_then(|s| s.as_str())
                    .unwrap_or("")
                    .to_string()
            };
            let (head, tail) = carried.split_at(carried.rfind('\n').map_or(0, |i| i + 1));
            if head.is_empty() {
                value.decor_mut().set_prefix(last_prefix.as_str());
                value
                    .decor_mut()
                    .set_suffix(if trailing_comma { "" } else { tail });
            } else {
                value.decor_mut().set_prefix(format!("{head}{indent}"));
                value.decor_mut().set_suffix(if trailing_comma {
                    String::new()
                } else {
                    format!("\n{tail}")
                });
                if trailing_comma {
                    list.set_trailing(format!("\n{tail}"));
                }
            }
            if !trailing_comma && let Some(last) = list.get_mut(last_index) {
                last.decor_mut().set_suffix("");
            }
        }
        None => {
            value
                .decor_mut()
                .set_prefix(if list.is_empty() { "" } else { " " });
            value.decor_mut().set_suffix("");
            // `[ ]` holds only whitespace; `["data"]` reads better than `["data" ]`.
            if list.is_empty()
                && list
                    .trailing()
                    .as_str()
                    .is_some_and(|t| t.trim().is_empty())
            {
                list.set_trailing("");
            }
        }
    }
    list.push_formatted(value);
    Ok(Some(doc.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_to_an_empty_list_and_keeps_comments() {
        let before = "[book]\ntitle = \"OKRs\"  # the title\n\n[preprocessor.okr]\n# Known teams.\nteams = []  # filled by `new`\nquarter = \"2026-Q2\"\n";
        let after = add_team(before, "data").unwrap().unwrap();
        assert_eq!(
            after,
            "[book]\ntitle = \"OKRs\"  # the title\n\n[preprocessor.okr]\n# Known teams.\nteams = [\"data\"]  # filled by `new`\nquarter = \"2026-Q2\"\n"
        );
        let again = add_team(&after, "web").unwrap().unwrap();
        assert!(
            again.contains("teams = [\"data\", \"web\"]  # filled by `new`\n"),
            "{again}"
        );
    }

    #[test]
    fn adds_to_a_list_written_one_per_line() {
        let before = "[preprocessor.okr]\nteams = [\n  \"data\",\n  \"web\",\n]\n";
        let after = add_team(before, "security").unwrap().unwrap();
        assert_eq!(
            after,
            "[preprocessor.okr]\nteams = [\n  \"data\",\n  \"web\",\n  \"security\",\n]\n"
        );
    }

    #[test]
    fn a_comment_after_the_last_team_stays_on_its_line() {
        let with_comma = "[preprocessor.okr]\nteams = [\n    \"data\",  # the data team\n]\n";
        assert_eq!(
            add_team(with_comma, "web").unwrap().unwrap(),
            "[preprocessor.okr]\nteams = [\n    \"data\",  # the data team\n    \"web\",\n]\n"
        );
        let without = "[preprocessor.okr]\nteams = [\n  \"data\"  # the data team\n]\n";
        assert_eq!(
            add_team(without, "web").unwrap().unwrap(),
            "[preprocessor.okr]\nteams = [\n  \"data\",  # the data team\n  \"web\"\n]\n"
        );
    }

    #[test]
    fn leaves_the_file_alone_when_nothing_changes() {
        assert_eq!(
            add_team("[preprocessor.okr]\nteams = [\"data\"]\n", "data").unwrap(),
            None
        );
        assert_eq!(
            add_team("[preprocessor.okr]\nquarter = \"2026-Q2\"\n", "data").unwrap(),
            None
        );
        assert_eq!(add_team("[book]\n", "data").unwrap(), None);
    }

    #[test]
    fn a_teams_value_that_is_not_a_list_is_an_error() {
        assert!(add_team("[preprocessor.okr]\nteams = \"data\"\n", "web").is_err());
        assert!(add_team("[preprocessor.okr\n", "web").is_err());
    }
}
