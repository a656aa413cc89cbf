//! The benchmark's generator at its smallest, run through the preprocessor
//! in-process: the generated book is deterministic, is what mdBook would
//! send, and comes out with a card for every objective.

#[path = "../../examples/gen_book/generator.rs"]
mod generator;

use mdbook_okr::mdbook::preprocessor;
use mdbook_preprocessor::book::BookItem;

use generator::Shape;

#[test]
fn the_generated_book_is_deterministic_and_gets_a_card_per_objective() {
    let shape = Shape::for_chapters(20, 7);
    let first = tempfile::tempdir().expect("a temporary folder");
    let written = generator::write_book(first.path(), &shape).expect("the book is written");
    assert_eq!(written.chapters, shape.chapters());
    assert_eq!(written.objectives, shape.teams * shape.quarters * 3);
    assert_eq!(written.key_results, written.objectives * 4);
    assert!(written.flawed_key_results > 0 && written.flawed_key_results < written.key_results / 2);

    let input = generator::preprocessor_input(first.path()).expect("mdBook loads the book");
    let again = generator::preprocessor_input(first.path()).expect("mdBook loads the book");
    assert_eq!(input, again);
    let second = tempfile::tempdir().expect("a temporary folder");
    generator::write_book(second.path(), &shape).expect("the book is written");
    for name in ["book.toml", "src/SUMMARY.md", "src/2026-q2/build.md"] {
        let a = std::fs::read(first.path().join(name)).expect("written");
        let b = std::fs::read(second.path().join(name)).expect("written");
        assert_eq!(a, b, "{name} differs between two runs with the same seed");
    }

    let (context, book) =
        mdbook_preprocessor::parse_input(input.as_slice()).expect("the JSON is mdBook's");
    let chapters: Vec<_> = book
        .iter()
        .filter_map(|item| match item {
            BookItem::Chapter(chapter) => Some(chapter),
            _ => None,
        })
        .collect();
    assert_eq!(chapters.len(), shape.chapters());
    let markdown: usize = chapters.iter().map(|c| c.content.len()).sum();
    assert_eq!(markdown, written.markdown_bytes);
    let book = preprocessor::process(&context, book).expect("the preprocessor runs");
    let mut cards = 0;
    let mut fences = 0;
    for item in book.iter() {
        if let BookItem::Chapter(chapter) = item {
            cards += chapter.content.matches("class=\"okr-card\"").count();
            fences += chapter.content.matches("```okr").count();
        }
    }
    assert_eq!(cards, written.objectives);
    assert_eq!(fences, 0, "every okr block is rendered");
}

/// Chapters are read, checked and rendered in parallel; the result must
/// not depend on how many threads did the work or in which order they
/// finished.
#[test]
fn parallel_processing_gives_the_same_bytes_as_one_thread() {
    let shape = Shape::for_chapters(60, 11);
    let dir = tempfile::tempdir().expect("a temporary folder");
    generator::write_book(dir.path(), &shape).expect("the book is written");
    let input = generator::preprocessor_input(dir.path()).expect("mdBook loads the book");
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool");
        let mut messages = Vec::new();
        let output = pool
            .install(|| mdbook_okr::mdbook::protocol::process_json(&input, &mut messages))
            .expect("the preprocessor runs");
        (output, messages)
    };
    let (sequential, sequential_messages) = run(1);
    assert!(
        String::from_utf8_lossy(&sequential).contains("okr-card"),
        "the book has cards"
    );
    assert!(!sequential_messages.is_empty(), "the book has findings");
    for threads in [2, 4, 8] {
        let (parallel, parallel_messages) = run(threads);
        assert!(
            sequential == parallel,
            "the book differs with {threads} threads"
        );
        assert_eq!(
            String::from_utf8_lossy(&sequential_messages),
            String::from_utf8_lossy(&parallel_messages),
            "the findings differ with {threads} threads"
        );
    }
}
