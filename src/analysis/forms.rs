//! The one scheme of word forms: a base word and its regular inflections
//! by suffix rules, plus a table of irregular forms. Configured lists match
//! every form of their first word; the other readers ask for a word's
//! possible bases with the same suffix rules read backwards. Irregular forms
//! come from WordNet's table ([`words::irregular_lemmas`]), and British
//! spellings meet the American ones ("revolutionising").

use std::borrow::Cow;
use std::rc::Rc;

use super::memo::WordMemo;
use super::words;

/// `stem` followed by `suffix`, in one allocation (no formatting machinery:
/// this runs for every candidate form of every word).
fn concat(stem: &str, suffix: &str) -> String {
    let mut out = String::with_capacity(stem.len() + suffix.len());
    out.push_str(stem);
    out.push_str(suffix);
    out
}

/// A word and its regular inflections: `improve` gives `improves`,
/// `improved`, `improving`, `improvement`, `improvements`; `optimize` also
/// `optimization`; `simplify` gives `simplified`, `simplification`; `cut`
/// gives `cutting`.
pub fn inflections(word: &str) -> Vec<String> {
    let w = word.to_lowercase();
    let mut forms = vec![w.clone()];
    let mut add = |s: String| {
        if !forms.contains(&s) {
            forms.push(s);
        }
    };
    let chars: Vec<char> = w.chars().collect();
    let is_vowel = |c: char| "aeiou".contains(c);
    if let Some(stem) = w.strip_suffix('e') {
        for suffix in ["s", "d", "ment", "ments"] {
            add(concat(&w, suffix));
        }
        for suffix in ["ing", "ation", "ations"] {
            add(concat(stem, suffix));
        }
        if w.ends_with("ate") {
            add(concat(stem, "ion"));
            add(concat(stem, "ions"));
        }
        if let Some(root) = w.strip_suffix("uce") {
            add(concat(root, "uction"));
            add(concat(root, "uctions"));
        }
    } else if w.ends_with('y') && chars.len() > 2 && !is_vowel(chars[chars.len() - 2]) {
        let stem = &w[..w.len() - 1];
        add(concat(stem, "ies"));
        add(concat(stem, "ied"));
        add(concat(&w, "ing"));
        if w.ends_with("fy") {
            add(concat(stem, "ication"));
            add(concat(stem, "ications"));
        }
    } else {
        let plural = if ["s", "sh", "ch", "x", "z"].iter().any(|s| w.ends_with(s)) {
            "es"
        } else {
            "s"
        };
        add(concat(&w, plural));
        // Short consonant-vowel-consonant verbs double the last letter.
        let doubled = chars.len() <= 4
            && chars.len() >= 3
            && !is_vowel(chars[chars.len() - 1])
            && !"wxy".contains(chars[chars.len() - 1])
            && is_vowel(chars[chars.len() - 2])
            && !is_vowel(chars[chars.len() - 3]);
        let stem = if doubled {
            let mut stem = w.clone();
            stem.push(chars[chars.len() - 1]);
            stem
        } else {
            w.clone()
        };
        for suffix in ["ed", "ing"] {
            add(concat(&stem, suffix));
        }
        for suffix in ["ment", "ments", "ation", "ations", "ion", "ions"] {
            add(concat(&w, suffix));
        }
    }
    for form in words::irregular_forms(&w) {
        add(form.to_string());
    }
    forms
}

/// What a word may be an inflection of: `empowering` -> `empower`,
/// `supercharged` -> `supercharge`, `synergies` -> `synergy`,
/// `seamlessly` -> `seamless`, `revolutionizing` -> `revolutionize`.
pub fn bases(word: &str) -> Rc<[String]> {
    BASES.with(|memo| memo.get(word, |word| bases_of(word).into()))
}

thread_local! {
    /// [`bases`] of each word already asked about.
    static BASES: WordMemo<Rc<[String]>> = WordMemo::new();
}

fn bases_of(word: &str) -> Vec<String> {
    let mut out = regular_bases(word);
    let american = american(word);
    if american != word {
        out.extend(regular_bases(&american));
    }
    out.extend(words::irregular_lemmas(word).iter().map(|l| l.to_string()));
    out
}

/// The American spelling of a British "-ise" form: "revolutionising" ->
/// "revolutionizing", "organisation" -> "organization".
pub fn american(word: &str) -> Cow<'_, str> {
    for (british, us) in [
        ("isations", "izations"),
        ("isation", "ization"),
        ("ising", "izing"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("ise", "ize"),
    ] {
        if let Some(stem) = word.strip_suffix(british)
            && stem.len() >= 3
        {
            return Cow::Owned(concat(stem, us));
        }
    }
    Cow::Borrowed(word)
}

fn regular_bases(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    for suffix in [
        "ments", "ment", "ness", "ingly", "ing", "ers", "er", "ed", "es", "s", "ly", "d",
    ] {
        // Short stems only lose a plural or third-person "s" ("lets").
        if let Some(stem) = word.strip_suffix(suffix)
            && (stem.len() >= 4 || suffix == "s" && stem.len() >= 3)
        {
            out.push(stem.to_string());
            out.push(concat(stem, "e"));
        }
    }
    if let Some(stem) = word.strip_suffix("ies") {
        out.push(concat(stem, "y"));
    }
    if let Some(stem) = word.strip_suffix("ily") {
        out.push(concat(stem, "y"));
    }
    if let Some(stem) = word.strip_suffix("bly") {
        out.push(concat(stem, "ble"));
    }
    if let Some(stem) = word.strip_suffix("ally") {
        out.push(concat(stem, "al"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_bases_are_the_computed_ones() {
        let words = [
            "held",
            "organising",
            "synergies",
            "seamlessly",
            "held",
            "teams",
        ];
        for word in words {
            assert_eq!(*bases(word), *bases_of(word), "{word}");
        }
        // A word asked again after others still gets its own bases.
        assert_eq!(*bases("organising"), *bases_of("organising"));
        assert!(bases("organising").contains(&"organize".to_string()));
    }

    #[test]
    fn american_borrows_unless_it_respells() {
        assert!(matches!(american("organize"), Cow::Borrowed("organize")));
        assert_eq!(american("organisations"), "organizations");
    }
}
