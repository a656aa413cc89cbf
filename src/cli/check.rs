//! `mdbook-okr check [PATH ...]`

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};

use crate::book::{self, LoadedPlan};
use crate::diagnostic::Severity;
use crate::lint;
use crate::output;

#[derive(Args)]
pub struct CheckArgs {
    /// A book folder (with book.toml) or Markdown files; default: the current folder
    paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Make warnings fail the check too (`--deny warnings`)
    #[arg(long, value_enum)]
    deny: Option<Deny>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
    Short,
}

#[derive(Clone, Copy, ValueEnum)]
enum Deny {
    Warnings,
}

pub fn run(args: CheckArgs) -> Result<ExitCode> {
    let loaded = load(&args.paths)?;
    let diagnostics = lint::run(&loaded.plan, &loaded.config);
    let text = match args.format {
        Format::Json => output::json::write(&loaded.plan, &diagnostics),
        Format::Human | Format::Short => output::short::write(&loaded.plan, &diagnostics),
    };
    print!("{text}");
    for error in &loaded.read_errors {
        eprintln!("error: {}: {}", error.path, error.message);
    }
    let threshold = match args.deny {
        Some(Deny::Warnings) => Severity::Warning,
        None => Severity::Error,
    };
    if !loaded.read_errors.is_empty() {
        return Ok(ExitCode::from(2));
    }
    if diagnostics.iter().any(|d| d.severity >= threshold) {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn load(paths: &[PathBuf]) -> Result<LoadedPlan> {
    let paths = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let (dirs, files): (Vec<PathBuf>, Vec<PathBuf>) = paths.into_iter().partition(|p| p.is_dir());
    match (dirs.as_slice(), files.is_empty()) {
        ([dir], true) => book::load_book(dir),
        ([], false) => Ok(book::load_files(&files)),
        _ => bail!(
            "give `check` either one book folder or Markdown files, not both or several books"
        ),
    }
}
