//! The `id` attributes of rendered cards, shared by the cards and by every
//! link to them (the index, dependency links), so the two never disagree.

use crate::model::slugify;

/// The anchor of an objective's card: `okr-<objective id>`.
pub fn objective_anchor(objective_id: &str) -> String {
    format!("okr-{}", slugify(objective_id))
}

/// The anchor of one key result inside its card:
/// `okr-<objective id>-<kr id slugified>` (`KR2` becomes `kr2`). An id with
/// no ASCII letter or digit is spelt out in hex (`kr-e28094` for `—`), so
/// it still gets an anchor of its own.
pub fn kr_anchor(objective_id: &str, kr_id: &str) -> String {
    let slug = slugify(kr_id);
    if slug.is_empty() {
        let hex: String = kr_id.bytes().map(|b| format!("{b:02x}")).collect();
        format!("{}-kr-{hex}", objective_anchor(objective_id))
    } else {
        format!("{}-{slug}", objective_anchor(objective_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objective_ids_are_kept_and_kr_ids_slugified() {
        assert_eq!(objective_anchor("secrets-vault"), "okr-secrets-vault");
        assert_eq!(kr_anchor("secrets-vault", "KR2"), "okr-secrets-vault-kr2");
        assert_eq!(kr_anchor("a", " API v2 / <b> "), "okr-a-api-v2-b");
        assert_eq!(slugify("--x__y--"), "x-y");
        assert_eq!(slugify("ünï"), "n");
    }
}
