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
    // A list written one team per line gets the new team on a line of its
    // own, laid out like the last one.
    let one_per_line = list
        .iter()
        .last()
        .and_then(|last| last.decor().prefix())
        .and_then(|prefix| prefix.as_str())
        .filter(|prefix| prefix.contains('\n'));
    match (one_per_line, list.is_empty()) {
        (Some(prefix), _) => value.decor_mut().set_prefix(prefix.to_string()),
        (None, true) => value.decor_mut().set_prefix(""),
        (None, false) => value.decor_mut().set_prefix(" "),
    }
    value.decor_mut().set_suffix("");
    list.push_formatted(value);
    if list.len() == 1 {
        // `[]` may hold whitespace or a comment; keep it after the new team.
        let trailing = list.trailing().as_str().unwrap_or("").to_string();
        if trailing.trim().is_empty() {
            list.set_trailing("");
        }
    }
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
