//! `mdbook-okr check [PATH ...]`

mod changed_since;

use std::fs::OpenOptions;
use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use clap::{Args, ValueEnum};

use crate::book::{self, LoadedPlan};
use crate::diagnostic::Severity;
use crate::lint;
use crate::output::{self, Paths};

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
    /// Report only findings in OKR blocks that changed since this git
    /// revision (a branch, tag or commit)
    #[arg(long, value_name = "REV")]
    changed_since: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// rustc-style, with the source lines
    Human,
    /// The JSON document of the spec
    Json,
    /// One line per finding: `file:line:col: severity[rule]: message`
    Short,
    /// GitHub Actions annotations (and a job summary table)
    Github,
    /// SARIF 2.1.0 for GitHub code scanning
    Sarif,
    /// GitLab Code Quality report
    Gitlab,
}

#[derive(Clone, Copy, ValueEnum)]
enum Deny {
    Warnings,
}

pub fn run(args: CheckArgs) -> Result<ExitCode> {
    let loaded = load(&args.paths)?;
    let progress = crate::book::history::if_wanted(
        loaded.root.as_deref(),
        &loaded.plan,
        &loaded.config,
        &mut std::io::stderr(),
    );
    let mut diagnostics = lint::run_with_progress(&loaded.plan, &loaded.config, progress.as_ref());
    if let Some(rev) = &args.changed_since {
        diagnostics = changed_since::filter(&loaded, diagnostics, rev)?;
    }
    let cwd = std::env::current_dir().ok();
    let paths = Paths::new(loaded.root.as_deref(), cwd.as_deref());
    let plan = &loaded.plan;
    let text = match args.format {
        Format::Human => {
            output::human::write(plan, &paths, &diagnostics, std::io::stdout().is_terminal())
        }
        Format::Json => output::json::write(plan, &paths, &diagnostics),
        Format::Short => output::short::write(plan, &paths, &diagnostics),
        Format::Github => output::github::write(plan, &paths, &diagnostics),
        Format::Sarif => {
            output::sarif::write(plan, &paths, &diagnostics, loaded.config.guide_url.as_ref())
        }
        Format::Gitlab => output::gitlab::write(plan, &paths, &diagnostics),
    };
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .context("cannot write the report to stdout")?;
    if matches!(args.format, Format::Github)
        && let Some(summary) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|s| !s.is_empty())
    {
        OpenOptions::new()
            .create(true)
            .append(true)
            .open(&summary)
            .and_then(|mut file| {
                file.write_all(output::github::step_summary(plan, &paths, &diagnostics).as_bytes())
            })
            .with_context(|| {
                format!(
                    "cannot append to GITHUB_STEP_SUMMARY ({})",
                    PathBuf::from(&summary).display()
                )
            })?;
    }
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
