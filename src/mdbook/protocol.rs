//! The JSON mdBook exchanges with a preprocessor, in both dialects in use.
//!
//! mdBook sends `[context, book]` on stdin and reads the book back on stdout.
//! 0.4 and 0.5 disagree on the details, and much of the ecosystem is still
//! pinned to 0.4.52, so both are spoken:
//!
//! - the book's chapter list is `sections` in 0.4 and `items` in 0.5, and a
//!   0.4 book carries a `"__non_exhaustive": null` member that 0.4 refuses
//!   to read a book without;
//! - a 0.4 context may carry keys 0.5's `Config` rejects (it denies unknown
//!   fields): `book.multilingual`, and any top-level table 0.4 merely warns
//!   about;
//! - 0.5 writes absent optional values as `null` (`"title": null`) where 0.4
//!   leaves them out. Both read either way, so nothing is done about it.
//!
//! The dialect is read from the book's shape. The input is turned into 0.5
//! types, the book is processed, and the answer goes back in the dialect it
//! came in, with the rest of the book object as it was.

use std::io::{Read, Write};

use anyhow::{Context as _, Result, bail};
use mdbook_preprocessor::PreprocessorContext;
use mdbook_preprocessor::book::{Book, BookItem, Chapter};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, SerializeStruct, Serializer};
use serde_json::{Map, Value};

use crate::mdbook::preprocessor::Prepared;
use crate::render::RenderContext;

/// Reads `[context, book]` from stdin and writes the processed book to
/// stdout, in whichever dialect of mdBook's protocol it came in.
pub fn run_stdio() -> Result<()> {
    let mut input = Vec::new();
    std::io::stdin()
        .read_to_end(&mut input)
        .context("cannot read the book from standard input")?;
    // Findings go out in many small writes, and stderr is unbuffered.
    let mut stderr = std::io::BufWriter::new(std::io::stderr().lock());
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let result = process_into(input, &mut stdout, &mut stderr);
    let _ = stderr.flush();
    result
}

/// The two JSON dialects of mdBook's preprocessor protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// mdBook 0.4.x: `sections`.
    V04,
    /// mdBook 0.5.x: `items`.
    V05,
}

impl Dialect {
    /// The member of the book object that holds its chapters.
    fn items_key(self) -> &'static str {
        match self {
            Dialect::V04 => "sections",
            Dialect::V05 => "items",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Dialect::V04 => "0.4",
            Dialect::V05 => "0.5",
        }
    }

    /// The dialect a release of mdBook speaks, or `None` for a release this
    /// crate does not know.
    fn of_version(version: &semver::Version) -> Option<Dialect> {
        match (version.major, version.minor) {
            (0, 4) => Some(Dialect::V04),
            (0, 5) => Some(Dialect::V05),
            _ => None,
        }
    }
}

/// Top-level tables of a `book.toml` that mdBook 0.5's `Config` accepts.
const CONFIG_TABLES_05: &[&str] = &["book", "build", "rust", "output", "preprocessor"];

/// The longest piece of user input quoted back in an error message.
const QUOTE_LIMIT: usize = 40;

/// Processes the `[context, book]` JSON mdBook sends, and returns the book
/// JSON to write back, in the same dialect. Every fault in the input is an
/// error with a one-line message; warnings and findings go to `messages`.
pub fn process_json(input: &[u8], messages: &mut dyn Write) -> Result<Vec<u8>> {
    let mut answer = Vec::new();
    process_into(input.to_vec(), &mut answer, messages)?;
    Ok(answer)
}

/// [`process_json`] for a large book: `input` is freed once parsed, and the
/// answer is written to `out` as it is serialised instead of being built
/// in memory first.
pub fn process_into(input: Vec<u8>, out: &mut dyn Write, messages: &mut dyn Write) -> Result<()> {
    process(input, out, messages).map_err(|error| anyhow::anyhow!(one_line(&format!("{error:#}"))))
}

/// A message on one line: TOML and serde errors span several lines (a
/// caret under the source), and mdBook shows each stderr line on its own.
fn one_line(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn process(input: Vec<u8>, out: &mut dyn Write, messages: &mut dyn Write) -> Result<()> {
    if input.iter().all(u8::is_ascii_whitespace) {
        bail!(
            "standard input is empty; mdbook-okr expects the `[context, book]` JSON that mdBook sends to preprocessors (run it from mdBook, or use `mdbook-okr check`)"
        );
    }
    let value: Value = serde_json::from_slice(&input)
        .map_err(|e| anyhow::anyhow!("standard input is not valid JSON: {e}"))?;
    drop(input);
    let (context, book, dialect) = split_input(value, messages)?;
    let Value::Object(mut book) = book else {
        bail!("the book is not an object");
    };
    // The chapters move out of the JSON tree rather than being copied;
    // their place in the book object stays, so the answer keeps its order.
    let items = book
        .get_mut(dialect.items_key())
        .map(Value::take)
        .unwrap_or_default();
    let (ctx, typed_book) = to_05(context, items, dialect)?;
    let prepared = crate::mdbook::preprocessor::prepare(&ctx, typed_book, messages)?;
    let cx = prepared.render_context();
    let answer = Answer {
        book: &book,
        items_key: dialect.items_key(),
        items: Items {
            items: &prepared.book.items,
            prepared: &prepared,
            cx: &cx,
        },
    };
    serde_json::to_writer(&mut *out, &answer)
        .and_then(|()| out.flush().map_err(serde_json::Error::io))
        .context("cannot write the book as JSON")
}

/// The processed book in the input's dialect: the input's book object with
/// its chapter list replaced, so members this crate does not know (0.4's
/// `__non_exhaustive`) go back as they came. Each chapter is rendered as it
/// is written, so the plan and every rendered chapter are never in memory
/// together.
struct Answer<'a> {
    book: &'a Map<String, Value>,
    items_key: &'a str,
    items: Items<'a>,
}

/// A list of book items, chapters rendered as they are written.
#[derive(Clone, Copy)]
struct Items<'a> {
    items: &'a [BookItem],
    prepared: &'a Prepared,
    cx: &'a RenderContext<'a>,
}

impl Serialize for Items<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.items.len()))?;
        for item in self.items {
            match item {
                BookItem::Chapter(chapter) => seq.serialize_element(&RenderedChapter {
                    chapter,
                    items: Items {
                        items: &chapter.sub_items,
                        ..*self
                    },
                })?,
                other => seq.serialize_element(other)?,
            }
        }
        seq.end()
    }
}

/// A chapter written as serde writes mdBook's `BookItem::Chapter`, with
/// its content rendered.
struct RenderedChapter<'a> {
    chapter: &'a Chapter,
    items: Items<'a>,
}

impl Serialize for RenderedChapter<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Fields<'b>(&'b RenderedChapter<'b>);
        impl Serialize for Fields<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let chapter = self.0.chapter;
                let rendered = self.0.items.prepared.rendered(self.0.items.cx, chapter);
                let mut fields = serializer.serialize_struct("Chapter", 7)?;
                fields.serialize_field("name", &chapter.name)?;
                fields
                    .serialize_field("content", rendered.as_deref().unwrap_or(&chapter.content))?;
                fields.serialize_field("number", &chapter.number)?;
                fields.serialize_field("sub_items", &self.0.items)?;
                fields.serialize_field("path", &chapter.path)?;
                fields.serialize_field("source_path", &chapter.source_path)?;
                fields.serialize_field("parent_names", &chapter.parent_names)?;
                fields.end()
            }
        }
        serializer.serialize_newtype_variant("BookItem", 0, "Chapter", &Fields(self))
    }
}

impl Serialize for Answer<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.book.len()))?;
        for (key, value) in self.book {
            if key == self.items_key {
                map.serialize_entry(key, &self.items)?;
            } else {
                map.serialize_entry(key, value)?;
            }
        }
        map.end()
    }
}

/// Checks the outer shape and the version, and finds the dialect.
fn split_input(value: Value, messages: &mut dyn Write) -> Result<(Value, Value, Dialect)> {
    let Value::Array(mut pair) = value else {
        bail!(
            "standard input is {}, not the `[context, book]` array mdBook sends",
            describe(&value)
        );
    };
    if pair.len() != 2 {
        bail!(
            "standard input is an array of {} element(s), not the `[context, book]` pair mdBook sends",
            pair.len()
        );
    }
    let book = pair.pop().unwrap_or_default();
    let context = pair.pop().unwrap_or_default();
    if !context.is_object() {
        bail!(
            "the preprocessor context is {}, not an object",
            describe(&context)
        );
    }
    let dialect = dialect_of_book(&book)?;
    let version = match context.get("mdbook_version") {
        Some(Value::String(version)) => version.as_str(),
        Some(other) => bail!(
            "the preprocessor context's `mdbook_version` is {}, not a string",
            describe(other)
        ),
        None => bail!("the preprocessor context has no `mdbook_version`"),
    };
    check_version(version, dialect, messages)?;
    Ok((context, book, dialect))
}

/// The dialect, from the member that holds the chapters.
fn dialect_of_book(book: &Value) -> Result<Dialect> {
    let Value::Object(object) = book else {
        bail!("the book is {}, not an object", describe(book));
    };
    match (object.get("items"), object.get("sections")) {
        (Some(_), Some(_)) => {
            bail!(
                "the book has both `items` (mdBook 0.5) and `sections` (mdBook 0.4); it can only be one"
            )
        }
        (Some(_), None) => Ok(Dialect::V05),
        (None, Some(_)) => Ok(Dialect::V04),
        (None, None) => {
            bail!("the book has neither `items` (mdBook 0.5) nor `sections` (mdBook 0.4)")
        }
    }
}

/// An unreadable or unknown version is an error: the answer could be in a
/// shape that mdBook cannot read. A known version whose book has the other
/// release's shape gets a warning, and the shape wins.
fn check_version(version: &str, dialect: Dialect, messages: &mut dyn Write) -> Result<()> {
    let parsed = semver::Version::parse(version).map_err(|e| {
        anyhow::anyhow!(
            "mdBook reported its version as {}, which is not a version number: {e}",
            quote(version)
        )
    })?;
    let Some(expected) = Dialect::of_version(&parsed) else {
        bail!(
            "mdBook {parsed} is not supported: mdbook-okr speaks the preprocessor protocol of mdBook 0.4 and 0.5"
        );
    };
    if expected != dialect {
        // A lost warning is no reason to fail the build.
        let _ = writeln!(
            messages,
            "warning: mdBook {parsed} sent a book in the mdBook {} layout (`{}`); answering in that layout",
            dialect.name(),
            dialect.items_key()
        );
    }
    Ok(())
}

/// The input as mdBook 0.5's types.
fn to_05(
    mut context: Value,
    items: Value,
    dialect: Dialect,
) -> Result<(PreprocessorContext, Book)> {
    if dialect == Dialect::V04 {
        strip_04_config(&mut context);
    }
    let mut book_05 = Map::new();
    book_05.insert("items".to_string(), items);
    let ctx: PreprocessorContext = serde_json::from_value(context)
        .map_err(|e| anyhow::anyhow!("the preprocessor context is not what mdBook sends: {e}"))?;
    let book: Book = serde_json::from_value(Value::Object(book_05))
        .map_err(|e| anyhow::anyhow!("the book is not what mdBook sends: {e}"))?;
    Ok((ctx, book))
}

/// Removes what 0.4 may put in the configuration and 0.5 rejects. None of
/// it matters to mdbook-okr, and none of it is sent back.
fn strip_04_config(context: &mut Value) {
    let Some(Value::Object(config)) = context.get_mut("config") else {
        return;
    };
    config.retain(|key, _| CONFIG_TABLES_05.contains(&key.as_str()));
    if let Some(Value::Object(book)) = config.get_mut("book") {
        book.remove("multilingual");
    }
}

/// A short name for a JSON value's type, for messages.
fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// User text quoted in a message: escaped onto one line and shortened.
fn quote(text: &str) -> String {
    let short: String = text.chars().take(QUOTE_LIMIT).collect();
    let ellipsis = if short.len() < text.len() { "..." } else { "" };
    format!("{:?}{ellipsis}", short)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn context(version: &str) -> Value {
        json!({
            "root": "/book",
            "config": {"book": {"authors": [], "src": "src"}, "output": {"html": {}}},
            "renderer": "html",
            "mdbook_version": version,
        })
    }

    fn chapter(name: &str, content: &str) -> Value {
        json!({"Chapter": {
            "name": name, "content": content, "number": [1], "sub_items": [],
            "path": format!("{name}.md"), "source_path": format!("{name}.md"), "parent_names": [],
        }})
    }

    #[test]
    fn the_dialect_follows_the_chapter_list() {
        assert_eq!(
            dialect_of_book(&json!({"items": []})).unwrap(),
            Dialect::V05
        );
        assert_eq!(
            dialect_of_book(&json!({"sections": [], "__non_exhaustive": null})).unwrap(),
            Dialect::V04
        );
        assert!(dialect_of_book(&json!({})).is_err());
        assert!(dialect_of_book(&json!({"items": [], "sections": []})).is_err());
        assert!(dialect_of_book(&json!([])).is_err());
    }

    #[test]
    fn versions_outside_0_4_and_0_5_are_refused() {
        assert!(check_version("0.4.52", Dialect::V04, &mut std::io::sink()).is_ok());
        assert!(check_version("0.5.0-beta.1", Dialect::V05, &mut std::io::sink()).is_ok());
        let unknown = check_version("0.9.0", Dialect::V05, &mut std::io::sink())
            .unwrap_err()
            .to_string();
        assert!(unknown.contains("0.9.0 is not supported"), "{unknown}");
        let unreadable = check_version("banana", Dialect::V05, &mut std::io::sink())
            .unwrap_err()
            .to_string();
        assert!(unreadable.contains("\"banana\""), "{unreadable}");
        let long = "x\n".repeat(100);
        let message = check_version(&long, Dialect::V05, &mut std::io::sink())
            .unwrap_err()
            .to_string();
        assert!(!message.contains('\n'), "{message}");
    }

    #[test]
    fn a_04_book_comes_back_as_a_04_book() {
        let text = "# A\n\nbefore\n\n```okr\nbroken =\n```\n\nafter\n";
        let mut context = context("0.4.52");
        // 0.4 keys that 0.5's configuration rejects.
        context["config"]["book"]["multilingual"] = json!(false);
        context["config"]["unknown-table"] = json!({"x": 1});
        let input = json!([context, {"sections": [chapter("a", text)], "__non_exhaustive": null}]);
        let output = process_json(input.to_string().as_bytes(), &mut std::io::sink()).unwrap();
        let output: Value = serde_json::from_slice(&output).unwrap();
        assert_eq!(output["__non_exhaustive"], Value::Null);
        assert!(output.get("items").is_none());
        let content = output["sections"][0]["Chapter"]["content"]
            .as_str()
            .unwrap();
        assert!(content.starts_with("# A\n\nbefore\n\n"), "{content}");
        assert!(content.ends_with("\n\nafter\n"), "{content}");
        assert!(!content.contains("```okr\n"), "{content}");
    }

    #[test]
    fn everything_but_the_content_is_unchanged() {
        let text = "```okr\nbroken =\n```\n";
        let mut nested = chapter("a", text);
        nested["Chapter"]["sub_items"] =
            json!([chapter("b", "plain"), "Separator", {"PartTitle": "P"}]);
        for (version, book) in [
            ("0.5.4", json!({"items": [nested.clone()]})),
            (
                "0.4.52",
                json!({"sections": [nested.clone()], "__non_exhaustive": null}),
            ),
        ] {
            let input = json!([context(version), book.clone()]);
            let output = process_json(input.to_string().as_bytes(), &mut std::io::sink()).unwrap();
            let mut output: Value = serde_json::from_slice(&output).unwrap();
            let key = if version.starts_with("0.4") {
                "sections"
            } else {
                "items"
            };
            let content = output[key][0]["Chapter"]["content"].take();
            assert_ne!(content, json!(text));
            output[key][0]["Chapter"]["content"] = json!(text);
            assert_eq!(output, book, "{version}");
        }
    }

    #[test]
    fn both_dialects_carry_the_generated_quarter_pages() {
        let block = |id: &str, quarter: &str| {
            format!(
                "```okr\nid = \"{id}\"\nteam = \"a\"\nquarter = \"{quarter}\"\nobjective = \"Make deploys boring for every team in {quarter}\"\n[[kr]]\ntext = \"Cut deploy time from 40 to 10 minutes\"\n```\n"
            )
        };
        let mut index = chapter("index", "# Index\n\n{{#okr-index}}\n");
        index["Chapter"]["number"] = json!([2]);
        let team = chapter("team", &(block("q2", "2026-Q2") + &block("q1", "2026-Q1")));
        for (version, key, extra) in [
            ("0.5.4", "items", None),
            ("0.4.52", "sections", Some("__non_exhaustive")),
        ] {
            let mut book = json!({key: [index.clone(), team.clone()]});
            if let Some(extra) = extra {
                book[extra] = Value::Null;
            }
            let input = json!([context(version), book]);
            let output = process_json(input.to_string().as_bytes(), &mut std::io::sink()).unwrap();
            let output: Value = serde_json::from_slice(&output).unwrap();
            let overview = &output[key][0]["Chapter"];
            let pages = overview["sub_items"].as_array().unwrap();
            assert_eq!(pages.len(), 2, "{version}");
            for (page, (name, path, number)) in pages.iter().zip([
                ("2026 Q2", "index-2026-Q2.md", 1),
                ("2026 Q1", "index-2026-Q1.md", 2),
            ]) {
                let page = &page["Chapter"];
                assert_eq!(page["name"], json!(name), "{version}");
                assert_eq!(page["path"], json!(path), "{version}");
                assert_eq!(page["source_path"], Value::Null, "{version}");
                assert_eq!(page["number"], json!([2, number]), "{version}");
                assert_eq!(page["parent_names"], json!(["index"]), "{version}");
                let content = page["content"].as_str().unwrap();
                assert!(content.starts_with(&format!("# {name}\n\n")), "{content}");
                assert!(content.contains("okr-index-objectives"), "{content}");
            }
            let content = overview["content"].as_str().unwrap();
            assert!(!content.contains("okr-index-objectives"), "{content}");
            assert!(content.contains("href=\"index-2026-Q1.html\""), "{content}");
        }
    }
}
