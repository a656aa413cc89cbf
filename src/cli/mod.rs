//! The command line: a thin clap front end over the library.

mod check;

use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::{Parser, Subcommand};

use crate::{cycle, lint};

#[derive(Parser)]
#[command(
    name = "mdbook-okr",
    version,
    about = "Validate and render team OKRs written as ```okr blocks in an mdBook",
    long_about = "Validate and render team OKRs written as ```okr blocks in an mdBook.\n\n\
        Without a command, mdbook-okr runs as an mdBook preprocessor: it reads \
        `[context, book]` JSON on stdin and writes the book on stdout."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Tell mdBook whether a renderer is supported (always yes)
    Supports {
        /// The renderer's name, such as `html`
        renderer: String,
    },
    /// Check plans and report findings, for pull requests and CI
    Check(check::CheckArgs),
    /// List every rule with its default severity
    Rules,
    /// Print a rule's documentation
    Explain {
        /// The rule's name, such as `unmeasurable`
        name: String,
    },
    /// Build a book in-process with the okr preprocessor (no mdbook needed)
    Build {
        /// The book's folder
        #[arg(default_value = ".")]
        book: PathBuf,
        /// Where to write the site (default: the book's build folder)
        #[arg(long, short = 'd')]
        dest_dir: Option<PathBuf>,
    },
    /// Serve the book on localhost, rebuilding and reloading pages on each change
    Serve {
        /// The book's folder
        #[arg(default_value = ".")]
        book: PathBuf,
        /// The port to listen on (0 picks a free one)
        #[arg(long, short = 'p', default_value_t = 3000)]
        port: u16,
        /// The host name or address to listen on
        #[arg(long, short = 'n', default_value = "localhost")]
        hostname: String,
        /// Open the site in the default web browser
        #[arg(long, short = 'o')]
        open: bool,
        /// Where to write the site (default: the book's build folder)
        #[arg(long, short = 'd')]
        dest_dir: Option<PathBuf>,
    },
    /// Start a planning book: book.toml, a guide for writers, an example, the index
    Init {
        /// The folder to create the book in
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The current quarter, `YYYY-Qn` (default: today's calendar quarter)
        #[arg(long)]
        quarter: Option<String>,
    },
    /// Start a team's plan for a quarter from the template
    New {
        /// The team's id, such as `platform`
        #[arg(long)]
        team: String,
        /// The quarter, `YYYY-Qn` (default: the configured `quarter`, else today's)
        #[arg(long)]
        quarter: Option<String>,
        /// The book's folder
        #[arg(default_value = ".")]
        book: PathBuf,
    },
    /// Draft a team's next quarter from what its latest quarter left unfinished
    NextQuarter {
        /// The team's id
        #[arg(long)]
        team: String,
        /// The book's folder
        #[arg(default_value = ".")]
        book: PathBuf,
    },
    /// Write the resolved plan (objectives, KRs, scores, dependencies, findings) as JSON or CSV
    Export {
        /// The book's folder
        #[arg(default_value = ".")]
        book: PathBuf,
        /// Output format
        #[arg(long, value_enum, default_value_t = crate::export::ExportFormat::Json)]
        format: crate::export::ExportFormat,
    },
    /// Compare the plan at two git revisions: a report for pull-request comments
    Diff {
        /// The base revision, such as `origin/main`
        base: String,
        /// The head revision (default: the working tree)
        head: Option<String>,
        /// The book's folder (the one holding book.toml)
        #[arg(long, default_value = ".")]
        book: PathBuf,
        /// Output format
        #[arg(long, value_enum, default_value_t = crate::diff::DiffFormat::Markdown)]
        format: crate::diff::DiffFormat,
    },
    /// Run the language server over stdio, for editors
    Lsp,
    /// Progress over time from the book's git history: pace, status, staleness, team patterns
    History {
        /// The book's folder
        #[arg(default_value = ".")]
        book: PathBuf,
        /// Output format
        #[arg(long, value_enum, default_value_t = crate::history::format::HistoryFormat::Markdown)]
        format: crate::history::format::HistoryFormat,
    },
    /// Write okr.css into a book and list it (and the preprocessor) in book.toml
    Install {
        /// The book's folder (the one holding book.toml)
        #[arg(default_value = ".")]
        book: PathBuf,
    },
}

/// Runs the command line and returns the process's exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        None if std::io::stdin().is_terminal() => {
            // A person typed the bare command: mdBook would pipe JSON in.
            eprintln!(
                "mdbook-okr without a command is the preprocessor mdBook runs (it reads mdBook's JSON on stdin); \
                 you may want `mdbook-okr build`, `mdbook-okr check`, `mdbook-okr init` or `mdbook-okr --help`"
            );
            Ok(ExitCode::from(2))
        }
        None => {
            crate::mdbook::protocol::run_stdio()?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Supports { .. }) => Ok(ExitCode::SUCCESS),
        Some(Command::Check(args)) => check::run(args),
        Some(Command::Rules) => {
            for rule in lint::RULES {
                let level = format!("{:?}", rule.default_level()).to_lowercase();
                println!("{:<28} {:<8} {}", rule.name(), level, rule.summary());
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Explain { name }) => {
            let Some(rule) = lint::rule(&name) else {
                let names: Vec<&str> = lint::RULES.iter().map(|r| r.name()).collect();
                bail!(
                    "no rule is named `{name}`{}; `mdbook-okr rules` lists them",
                    crate::config::did_you_mean(&name, &names)
                );
            };
            print!("{}", lint::explanation(rule));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Build { book, dest_dir }) => {
            crate::mdbook::build::init_logging();
            crate::mdbook::build::build(&book, dest_dir.as_deref())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Serve {
            book,
            port,
            hostname,
            open,
            dest_dir,
        }) => {
            crate::mdbook::serve::serve(crate::mdbook::serve::ServeOptions {
                book,
                hostname,
                port,
                open,
                dest_dir,
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Init { dir, quarter }) => {
            let quarter = match quarter {
                Some(q) => cycle::parse_quarter(&q)?,
                None => cycle::current_quarter(),
            };
            for path in cycle::init::init(&dir, quarter)? {
                println!("created {}", path.display());
            }
            println!("build it with `mdbook-okr build {}`", dir.display());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::New {
            team,
            quarter,
            book,
        }) => {
            let quarter = quarter.as_deref().map(cycle::parse_quarter).transpose()?;
            let created = cycle::new::new(&book, &team, quarter, cycle::current_quarter())?;
            println!("created {}", created.chapter.display());
            if created.summary_changed {
                println!("added it to SUMMARY.md");
            }
            if created.teams_changed {
                println!("added `{team}` to `teams` in book.toml");
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::NextQuarter { team, book }) => {
            let report = cycle::next_quarter::next_quarter(&book, &team)?;
            print!("{}", report.describe(&book));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export { book, format }) => {
            print!("{}", crate::export::export(&book, format)?);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Diff {
            base,
            head,
            book,
            format,
        }) => {
            let report = crate::diff::diff(&book, &base, head.as_deref())?;
            print!("{}", crate::diff::render(&report, format));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Lsp) => {
            crate::lsp::run_stdio()?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::History { book, format }) => {
            let report = crate::book::history::history(&book)?;
            if let Some(missing) = report.missing {
                eprintln!("note: {}", missing.advice());
            }
            print!("{}", crate::history::format::render(&report, format));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Install { book }) => {
            let installed = crate::mdbook::install::install(&book)?;
            if installed.stylesheet_written {
                println!(
                    "wrote {}",
                    book.join(crate::mdbook::install::STYLESHEET_FILE).display()
                );
            }
            if installed.css_listed {
                println!("added okr.css to output.html.additional-css in book.toml");
            }
            if installed.preprocessor_added {
                println!("added [preprocessor.okr] to book.toml");
            }
            if !installed.changed_anything() {
                println!("mdbook-okr is already installed in {}", book.display());
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
