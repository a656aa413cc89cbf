//! The `id` attributes of rendered cards, shared by the cards and by every
//! link to them (the index, dependency links), so the two never disagree.

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

/// Lowercase ASCII letters and digits, every other run of characters one
/// `-`, none at either end. Objective ids already have this form, so their
/// anchors keep the id exactly; free-form KR ids become safe fragments.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
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
