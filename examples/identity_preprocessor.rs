//! The benchmark's baseline preprocessor: the least any mdBook preprocessor
//! must do. It parses `[context, book]` from stdin into generic JSON values
//! and writes the book back unchanged, so its time is the JSON round trip
//! alone.

use std::io::{Read, Write};

use anyhow::{Context as _, Result};

fn main() -> Result<()> {
    let mut input = Vec::new();
    std::io::stdin().read_to_end(&mut input)?;
    let (_context, book): (serde_json::Value, serde_json::Value) =
        serde_json::from_slice(&input).context("stdin is not `[context, book]` JSON")?;
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    serde_json::to_writer(&mut stdout, &book)?;
    stdout.flush()?;
    Ok(())
}
