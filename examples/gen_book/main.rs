//! Writes a synthetic planning book and the `[context, book]` JSON mdBook
//! would send to the preprocessor for it. Used by `scripts/bench`.
//!
//! ```text
//! cargo run --release --example gen_book -- --chapters 1000 --out target/bench/book-1000
//! cargo run --release --example gen_book -- --teams 5 --quarters 2 --objectives 3 --krs 4 --out /tmp/b
//! ```

mod generator;

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use clap::Parser;

use generator::Shape;

#[derive(Parser)]
#[command(about = "Write a synthetic OKR book for benchmarks")]
struct Args {
    /// The book's folder
    #[arg(long)]
    out: PathBuf,
    /// Size the book by chapter count (team chapters of 3 objectives × 4 KRs,
    /// a tenth prose, one index chapter); the options below override parts of it
    #[arg(long, default_value_t = 100)]
    chapters: usize,
    #[arg(long)]
    teams: Option<usize>,
    #[arg(long)]
    quarters: Option<usize>,
    /// Objectives per team chapter
    #[arg(long)]
    objectives: Option<usize>,
    /// Key results per objective
    #[arg(long)]
    krs: Option<usize>,
    /// Prose chapters without okr blocks
    #[arg(long)]
    prose: Option<usize>,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where to write the preprocessor input JSON (default: OUT/input.json)
    #[arg(long)]
    json: Option<PathBuf>,
}

fn main() -> Result<()> {
    let args = Args::parse();
    let base = Shape::for_chapters(args.chapters, args.seed);
    let shape = Shape {
        teams: args.teams.unwrap_or(base.teams),
        quarters: args.quarters.unwrap_or(base.quarters),
        objectives: args.objectives.unwrap_or(base.objectives),
        krs: args.krs.unwrap_or(base.krs),
        prose: args.prose.unwrap_or(base.prose),
        seed: args.seed,
    };
    let written = generator::write_book(&args.out, &shape)?;
    let json_path = args.json.unwrap_or_else(|| args.out.join("input.json"));
    let json = generator::preprocessor_input(&args.out)?;
    std::fs::write(&json_path, &json)
        .with_context(|| format!("cannot write {}", json_path.display()))?;
    eprintln!(
        "{}: {} chapters, {} objectives, {} key results ({} flawed), {} bytes of Markdown; {}: {} bytes",
        args.out.display(),
        written.chapters,
        written.objectives,
        written.key_results,
        written.flawed_key_results,
        written.markdown_bytes,
        json_path.display(),
        json.len()
    );
    Ok(())
}
