//! The cost of the sentence analysis per 10,000 key results, as a ratio
//! against parsing the same KRs' TOML in the same run.
//!
//! ```text
//! cargo run --release --example language_cost
//! ```

use std::hint::black_box;
use std::time::Instant;

use mdbook_okr::analysis::{Facts, Lexicon};
use mdbook_okr::config::Words;

const KRS: usize = 10_000;

/// Openings, objects and endings combined into varied KR sentences.
const VERBS: &[&str] = &[
    "Improve",
    "Cut",
    "Hold weekly syncs with",
    "Tidy up",
    "Migrate",
    "Attend the forum about",
    "Ship",
    "Reduce",
];
const OBJECTS: &[&str] = &[
    "the deploy pipeline",
    "median CI time for backend teams",
    "the on-call rotation",
    "85% of services",
    "the billing database",
];
const ENDINGS: &[&str] = &[
    "",
    " from 25 minutes to 10 minutes",
    " by Q3",
    " to cut setup time",
    " from 6 per month to none",
    " and publish a recommendation approved by the SRE leads",
];

fn main() {
    let texts: Vec<String> = (0..KRS)
        .map(|i| {
            format!(
                "{} {}{}",
                VERBS[i % VERBS.len()],
                OBJECTS[(i / VERBS.len()) % OBJECTS.len()],
                ENDINGS[(i / 7) % ENDINGS.len()]
            )
        })
        .collect();
    let blocks: Vec<String> = texts
        .iter()
        .map(|t| format!("id = \"o\"\nteam = \"a\"\n\n[[kr]]\ntext = \"{t}\"\n"))
        .collect();
    let lexicon = Lexicon::new(&Words::default());

    let start = Instant::now();
    for block in &blocks {
        black_box(toml::from_str::<toml::Table>(block).expect("generated TOML parses"));
    }
    let parse = start.elapsed();

    let start = Instant::now();
    for text in &texts {
        let facts = Facts::new(text, &lexicon);
        black_box((
            facts.unmeasurable(),
            facts.activity().is_some(),
            facts.states_change(),
            facts.deadline(),
            facts.approval(),
            facts.output(),
            facts.share(),
        ));
    }
    let analysis = start.elapsed();

    println!(
        "{KRS} KRs: analysis {:.1} ms, TOML parse {:.1} ms, ratio {:.2}",
        analysis.as_secs_f64() * 1e3,
        parse.as_secs_f64() * 1e3,
        analysis.as_secs_f64() / parse.as_secs_f64()
    );
}
