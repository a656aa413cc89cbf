//! What each fuzz target does with one input. Shared, through `#[path]`,
//! by the fuzz targets and by the replay test in `tests/it/fuzz_replay.rs`,
//! so every input a fuzzer found stays checked by `cargo test`.
//!
//! Each entry point panics only when an invariant breaks; errors in the
//! input are expected and ignored.

use mdbook_okr::config::Config;
use mdbook_okr::lint;
use mdbook_okr::page;
use mdbook_okr::plan::Plan;
use mdbook_okr::render::{Format, RenderContext};
use mdbook_okr::source::scan;

/// What a fuzz target does with one input.
pub type EntryPoint = fn(&[u8]);

/// Every target by name: the folder names under `fuzz/corpus/`.
pub const TARGETS: &[(&str, EntryPoint)] = &[
    ("scan", scan),
    ("block", block),
    ("chapter", chapter),
    ("config", config),
    ("protocol", protocol),
];

/// The block scanner: spans are in order, on character boundaries, and
/// each one starts with a fence.
pub fn scan(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let scanned = scan::scan_chapter(text);
    let mut previous_end = 0;
    for block in &scanned.blocks {
        assert!(previous_end <= block.span.start && block.span.start <= block.span.end);
        let written = text
            .get(block.span.clone())
            .expect("a block span lies on character boundaries");
        assert!(
            written.starts_with("```") || written.starts_with("~~~"),
            "{written:?}"
        );
        for offset in 0..=block.body.len() {
            assert!(block.body_map.to_chapter(offset) <= text.len());
        }
        previous_end = block.span.end;
    }
    for directive in &scanned.directives {
        assert!(text.get(directive.clone()).is_some());
    }
}

/// One block body, TOML to model, through the plan builder. The fence is
/// longer than any run of backticks in the body, so the body cannot close
/// it and the chapter always holds exactly one block.
pub fn block(data: &[u8]) {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let longest_run = body.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run.max(2) + 1);
    let chapter = format!("{fence}okr\n{body}\n{fence}\n");
    let plan = Plan::from_chapter("src/fuzz.md", &chapter, &Config::default());
    assert_eq!(plan.blocks.len(), 1, "{chapter:?}");
}

/// A whole chapter: plan, lint, render in both formats; the text before
/// the first block and after the last one is kept.
pub fn chapter(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let config = Config::default();
    let plan = Plan::from_chapter("src/fuzz.md", text, &config);
    let diagnostics = lint::run(&plan, &config);
    for format in [Format::Html, Format::Markdown] {
        let cx = RenderContext::new(&plan, &config, &diagnostics, format);
        let rendered = page::render_file(&cx, 0);
        let first = plan
            .blocks
            .first()
            .map_or(text.len(), |b| b.location.span.start);
        let first = plan
            .directives
            .first()
            .map_or(first, |d| d.location.span.start.min(first));
        assert!(rendered.starts_with(&text[..first]));
    }
}

/// `book.toml` to configuration.
pub fn config(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Config::from_book_toml(text);
    }
}

/// The preprocessor's standard input. Every error is one line.
pub fn protocol(data: &[u8]) {
    if let Err(error) = mdbook_okr::mdbook::protocol::process_json(data, &mut std::io::sink()) {
        let message = format!("{error:#}");
        assert!(!message.contains('\n'), "{message}");
    }
}
