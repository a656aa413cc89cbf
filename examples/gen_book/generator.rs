//! A synthetic planning book for benchmarks and smoke tests.
//!
//! The book looks like a platform organisation's plans: teams × quarters
//! chapters of `okr` blocks (some under a context block), objectives that run
//! over several quarters with phase labels, dependencies between teams, prose
//! chapters with no block at all, and an index chapter. About a fifth of the
//! key results carry a finding (vague verbs, no Definition of Done, activities,
//! placeholders, partial or stretch prerequisites) so the rules have work to
//! do. The same shape and seed always give the same bytes: every choice comes
//! from one seeded generator, walked in a fixed order.
//!
//! This file is shared by `examples/gen_book` and the smoke test in
//! `tests/it/bench_smoke.rs` (included there with `#[path]`), which keeps the
//! generator out of the `mdbook-okr` binary.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use mdbook_driver::MDBook;
use mdbook_preprocessor::PreprocessorContext;

/// How big the book is and which random choices it gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    pub teams: usize,
    pub quarters: usize,
    /// Objectives per team chapter.
    pub objectives: usize,
    /// Key results per objective.
    pub krs: usize,
    /// Chapters of prose with no `okr` block.
    pub prose: usize,
    pub seed: u64,
}

/// Quarters of history each team has in a book sized by chapter count.
const DEFAULT_QUARTERS: usize = 9;

impl Shape {
    /// A book of about `chapters` chapters (exactly, for multiples of ten
    /// from 20): nine quarters of plans per team with three objectives of
    /// four KRs each, a tenth of the chapters prose, and the index chapter.
    pub fn for_chapters(chapters: usize, seed: u64) -> Shape {
        let teams = (chapters / 10).max(2);
        let prose = chapters.saturating_sub(teams * DEFAULT_QUARTERS + 1);
        Shape {
            teams,
            quarters: DEFAULT_QUARTERS,
            objectives: 3,
            krs: 4,
            prose,
            seed,
        }
    }

    /// Team chapters, prose chapters and the index chapter.
    pub fn chapters(&self) -> usize {
        self.teams * self.quarters + self.prose + 1
    }
}

/// What [`write_book`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub chapters: usize,
    pub objectives: usize,
    pub key_results: usize,
    /// Key results written with a deliberate problem.
    pub flawed_key_results: usize,
    /// Bytes of Markdown under `src/`.
    pub markdown_bytes: usize,
}

/// The book's current quarter; the others precede it.
const CURRENT_YEAR: usize = 2026;
const CURRENT_QUARTER: usize = 2;

const TEAM_AREAS: &[&str] = &[
    "build",
    "ci",
    "compute",
    "data-platform",
    "developer-experience",
    "edge",
    "identity",
    "messaging",
    "network",
    "observability",
    "release",
    "search-infra",
    "security",
    "storage",
    "databases",
    "cost",
    "mobile-platform",
    "sre",
];
const PEOPLE: &[&str] = &[
    "Dana Kim",
    "Ravi Patel",
    "Lena Fischer",
    "Tomás Ortega",
    "Amara Okafor",
    "Wei Chen",
    "Sofia Rossi",
    "Jonas Berg",
    "Priya Nair",
    "Mateo Silva",
    "Hana Sato",
    "Noah Levy",
];
const SERVICES: &[&str] = &[
    "checkout",
    "payments",
    "search",
    "ledger",
    "notifications",
    "identity",
    "catalog",
    "inventory",
    "reporting",
    "feature-flag",
    "artifact",
    "scheduler",
    "billing",
    "geo-routing",
];
const CAPABILITIES: &[&str] = &[
    "deployment pipeline",
    "secrets vault",
    "log pipeline",
    "metrics stack",
    "service mesh",
    "database provisioning",
    "load generator",
    "on-call tooling",
    "cost dashboard",
    "build cache",
    "tracing pipeline",
    "backup system",
    "container platform",
    "config service",
];
const LEGACY: &[&str] = &[
    "Jenkins farm",
    "VM images",
    "MySQL cluster",
    "cron hosts",
    "Elasticsearch nodes",
    "deploy scripts",
    "NFS filers",
];
const MODERN: &[&str] = &[
    "Postgres",
    "GitHub Actions",
    "Kubernetes",
    "OpenTelemetry",
    "S3",
    "Argo",
];
const AUDIENCES: &[&str] = &[
    "all product teams",
    "the mobile teams",
    "every service owner",
    "the data engineering group",
    "internal developers",
    "the payments domain",
    "the on-call rotation",
    "the 40 backend teams",
];
const OUTCOMES: &[&str] = &[
    "ship faster",
    "remove release toil",
    "lower cloud costs",
    "meet the availability SLO",
    "debug incidents sooner",
    "stop filing tickets",
    "retire the data centre",
    "deploy independently",
    "pass the SOC 2 audit",
    "recover from outages quickly",
    "onboard in a day",
    "scale for the holiday peak",
];
const APPROVERS: &[&str] = &[
    "staff engineers",
    "principal engineers",
    "senior engineers",
    "tech leads",
    "SREs",
];
const DISCOVERY: &[&str] = &[
    "Explore replacing",
    "Look into alternatives to",
    "Investigate replacing",
    "Research successors for",
];
const MEETINGS: &[&str] = &[
    "Hold weekly syncs",
    "Meet every Tuesday",
    "Run a fortnightly review",
    "Attend the monthly forum",
    "Set up office hours",
];
const POSTMORTEMS: &[&str] = &[
    "Done as planned.",
    "Two services slipped to next quarter: their owners were on incident duty for three weeks.",
    "The vendor contract took six weeks longer to sign than planned.",
    "We under-estimated the data migration; see the retro notes in the team wiki.",
    "Blocked on a dependency that moved to the following quarter.",
];
const PHASES: &[&str] = &["Discovery and design", "Core rollout", "Long-tail adoption"];
const HYPE: &[&str] = &[
    "world-class",
    "seamless",
    "best-in-class",
    "next-generation",
];
const PROSE: &[&str] = &[
    "The team spent most of last quarter paying down alerts that paged without an action.",
    "Adoption numbers come from the service catalogue, refreshed every Monday.",
    "We agreed with finance that cost figures are list prices before discounts.",
    "Latency targets are p95 over a rolling 28-day window, measured at the load balancer.",
    "Anything marked stretch is a bet: we will say early if it slips.",
    "Two engineers rotate onto support each sprint, so capacity is about 70% of headcount.",
    "The migration order follows traffic: the busiest services move last.",
    "Runbooks live next to the code; a change without one does not ship.",
    "Error budgets reset at the start of each quarter.",
    "Dependencies on other teams are written down as requests before planning closes.",
];

/// Writes a book of `shape` into `dir` (created if missing; files inside it
/// are overwritten).
pub fn write_book(dir: &Path, shape: &Shape) -> Result<Written> {
    let mut rng = fastrand::Rng::with_seed(shape.seed);
    let src = dir.join("src");
    fs::create_dir_all(&src).with_context(|| format!("cannot create {}", src.display()))?;

    let teams = team_names(shape.teams);
    // Each team runs its own systems, named as companies name them: real
    // teams write about their own services, so two teams' texts rarely
    // share more than the company's common words.
    let systems: Vec<Vec<String>> = teams
        .iter()
        .map(|_| (0..4).map(|_| codename(&mut rng)).collect())
        .collect();
    // Newest first: the order the book lists them in.
    let quarters: Vec<(usize, usize)> = (0..shape.quarters)
        .map(|back| {
            let index = CURRENT_YEAR * 4 + (CURRENT_QUARTER - 1) - back;
            (index / 4, index % 4 + 1)
        })
        .collect();
    // Each team keeps a few themes of work that run over several quarters.
    let themes: Vec<Vec<String>> = (0..teams.len())
        .map(|t| {
            (0..shape.objectives + 1)
                .map(|_| objective_theme(&mut rng, &systems[t]))
                .collect()
        })
        .collect();

    let mut written = Written {
        chapters: 0,
        objectives: 0,
        key_results: 0,
        flawed_key_results: 0,
        markdown_bytes: 0,
    };
    let mut summary = String::from("# Summary\n\n[OKR index](index.md)\n");
    write_file(
        &src.join("index.md"),
        "# OKR index\n\nEvery objective of every team, with its dependencies.\n\n{{#okr-index}}\n",
        &mut written,
    )?;

    let team_chapters = shape.teams * shape.quarters;
    // Spread the prose chapters evenly among the team chapters.
    let prose_every = team_chapters
        .checked_div(shape.prose)
        .map_or(usize::MAX, |every| every.max(1));
    let mut prose_written = 0;
    let mut chapter_number: usize = 0;
    for (q, &(year, quarter)) in quarters.iter().enumerate() {
        let label = format!("{year}-Q{quarter}");
        let folder = format!("{year}-q{quarter}");
        fs::create_dir_all(src.join(&folder))?;
        writeln!(summary, "\n# {label}\n")?;
        for (t, team) in teams.iter().enumerate() {
            let theme_shift = q / PHASES.len();
            let chapter = TeamChapter {
                team,
                teams: &teams,
                team_index: t,
                quarter: &label,
                // Newest quarter last phase, so a theme and its phases move together.
                phase: PHASES[PHASES.len() - 1 - q % PHASES.len()],
                themes: &themes[t],
                systems: &systems[t],
                theme_shift,
                shape,
            };
            let text = chapter.write(&mut rng, &mut written);
            let path = format!("{folder}/{team}.md");
            write_file(&src.join(&path), &text, &mut written)?;
            writeln!(summary, "- [{team} {label}]({path})")?;
            chapter_number += 1;
            if chapter_number.is_multiple_of(prose_every) && prose_written < shape.prose {
                prose_written += 1;
                write_prose(&src, prose_written, &mut rng, &mut summary, &mut written)?;
            }
        }
    }
    if prose_written < shape.prose {
        writeln!(summary, "\n# Notes\n")?;
    }
    while prose_written < shape.prose {
        prose_written += 1;
        write_prose(&src, prose_written, &mut rng, &mut summary, &mut written)?;
    }
    fs::write(src.join("SUMMARY.md"), summary)?;

    let teams_toml: Vec<String> = teams.iter().map(|t| toml_string(t)).collect();
    let book_toml = format!(
        "[book]\ntitle = \"Platform plans ({} chapters, synthetic)\"\nauthors = [\"gen_book\"]\n\n\
         [preprocessor.okr]\nquarter = \"{}\"\nteams = [{}]\n",
        shape.chapters(),
        current_quarter(),
        teams_toml.join(", ")
    );
    fs::write(dir.join("book.toml"), book_toml)?;
    Ok(written)
}

/// The `[context, book]` JSON that mdBook 0.5 writes to a preprocessor's
/// stdin for the `html` renderer.
///
/// mdBook serialises `(PreprocessorContext, Book)` after its built-in
/// `links` and `index` preprocessors ran; on a generated book they change
/// nothing (no `{{#include}}`, no README.md), so the loaded book is the
/// book mdBook would send.
pub fn preprocessor_input(dir: &Path) -> Result<Vec<u8>> {
    let root = dir
        .canonicalize()
        .with_context(|| format!("cannot find the book at {}", dir.display()))?;
    let book = MDBook::load(&root).map_err(|e| anyhow::anyhow!("{e:#}"))?;
    let context = PreprocessorContext::new(root, book.config.clone(), "html".into());
    Ok(serde_json::to_vec(&(&context, &book.book))?)
}

struct TeamChapter<'a> {
    team: &'a str,
    teams: &'a [String],
    team_index: usize,
    quarter: &'a str,
    phase: &'a str,
    themes: &'a [String],
    systems: &'a [String],
    theme_shift: usize,
    shape: &'a Shape,
}

impl TeamChapter<'_> {
    fn write(&self, rng: &mut fastrand::Rng, written: &mut Written) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# {} — {}\n", self.team, self.quarter);
        let _ = writeln!(out, "{}\n", paragraph(rng, 2));
        // Half the chapters set team and quarter once in a context block.
        let with_context = rng.bool();
        if with_context {
            let _ = writeln!(
                out,
                "```okr\nteam = {}\nquarter = \"{}\"\nowner = {}\n```\n",
                toml_string(self.team),
                self.quarter,
                toml_string(pick(rng, PEOPLE))
            );
        }
        for slot in 0..self.shape.objectives {
            let theme = &self.themes[(slot + self.theme_shift) % self.themes.len()];
            let mut objective = theme.clone();
            // A little hype, and some multi-quarter work without its phase.
            if rng.usize(0..30) == 0 {
                objective = format!("{theme} with a {} experience", pick(rng, HYPE));
            }
            let with_phase = rng.usize(0..20) != 0;
            let _ = writeln!(out, "```okr");
            let _ = writeln!(
                out,
                "id = \"{}\"",
                objective_id(self.team, self.quarter, slot)
            );
            let _ = writeln!(out, "objective = {}", toml_string(&objective));
            if with_phase {
                let _ = writeln!(out, "phase = {}", toml_string(self.phase));
            }
            if !with_context {
                let _ = writeln!(out, "team = {}", toml_string(self.team));
                let _ = writeln!(out, "quarter = \"{}\"", self.quarter);
            }
            let _ = writeln!(out, "owner = {}", toml_string(pick(rng, PEOPLE)));
            for _ in 0..self.shape.krs {
                out.push('\n');
                if self.write_kr(rng, &mut out) {
                    written.flawed_key_results += 1;
                }
                written.key_results += 1;
            }
            let _ = writeln!(out, "```\n");
            written.objectives += 1;
            if rng.bool() {
                let sentences = 1 + rng.usize(0..3);
                let _ = writeln!(out, "{}\n", paragraph(rng, sentences));
            }
        }
        out
    }

    /// Writes one `[[kr]]`; true when it was written with a problem.
    fn write_kr(&self, rng: &mut fastrand::Rng, out: &mut String) -> bool {
        let _ = writeln!(out, "[[kr]]");
        let flawed = rng.usize(0..5) == 0;
        if flawed {
            flawed_kr(rng, self.teams, self.systems, out);
        } else {
            good_kr(rng, self.systems, out);
        }
        if rng.usize(0..10) == 0 {
            let _ = writeln!(out, "commitment = \"stretch\"");
        } else if rng.bool() {
            let _ = writeln!(out, "commitment = \"committed\"");
        }
        if rng.usize(0..7) == 0
            && let Some(reference) = self.dependency(rng)
        {
            let _ = writeln!(out, "depends_on = [{}]", toml_string(&reference));
        }
        // Most teams write a postmortem when a quarter closes; the rest
        // leave `missed-commitment` something to report.
        if self.quarter != current_quarter() && rng.usize(0..10) != 0 {
            let _ = writeln!(out, "postmortem = {}", toml_string(pick(rng, POSTMORTEMS)));
        }
        flawed
    }

    /// A reference to another team's work in the same quarter.
    fn dependency(&self, rng: &mut fastrand::Rng) -> Option<String> {
        if self.teams.len() < 2 || self.shape.objectives == 0 {
            return None;
        }
        let other = (self.team_index + 1 + rng.usize(0..self.teams.len() - 1)) % self.teams.len();
        let other_team = &self.teams[other];
        let objective = objective_id(
            other_team,
            self.quarter,
            rng.usize(0..self.shape.objectives),
        );
        Some(match rng.usize(0..6) {
            0 => format!("team:{other_team}"),
            1 => objective,
            _ if self.shape.krs == 0 => objective,
            _ => format!("{objective}#KR{}", 1 + rng.usize(0..self.shape.krs)),
        })
    }
}

fn good_kr(rng: &mut fastrand::Rng, systems: &[String], out: &mut String) {
    let service = system_part(rng, systems, SERVICES);
    let capability = system_part(rng, systems, CAPABILITIES);
    // Each kind of key result has several wordings, as different authors
    // would write it; a single wording for every team would make all of
    // them look like the same work.
    match rng.usize(0..7) {
        0 => {
            let from = 200 + 20 * rng.usize(0..20);
            let to = from / 2;
            let current = to + rng.usize(0..from - to + 1);
            let text = fill(
                rng,
                &[
                    "Reduce p95 latency of the `{service}` API from {from}ms to {to}ms",
                    "Bring `{service}` p99 response time down from {from}ms to {to}ms",
                    "Serve 95% of {service} requests in {to}ms, down from {from}ms",
                ],
                &[
                    ("service", &service),
                    ("from", &from.to_string()),
                    ("to", &to.to_string()),
                ],
            );
            let _ = writeln!(
                out,
                "text = {}\nmetric = {{ from = {from}, to = {to}, current = {current}, unit = \"ms\" }}",
                toml_string(&text)
            );
        }
        1 => {
            let from = 5 * rng.usize(0..10);
            let to = [80, 90, 100][rng.usize(0..3)];
            let current = from + rng.usize(0..to - from + 1);
            let text = fill(
                rng,
                &[
                    "Raise adoption of the {capability} from {from}% to {to}% of services",
                    "Get {to}% of repositories onto the {capability}, up from {from}%",
                    "Grow the share of clusters using the {capability} from {from}% to {to}%",
                ],
                &[
                    ("capability", &capability),
                    ("from", &from.to_string()),
                    ("to", &to.to_string()),
                ],
            );
            let _ = writeln!(
                out,
                "text = {}\nmetric = {{ from = {from}, to = {to}, current = {current}, unit = \"%\" }}",
                toml_string(&text)
            );
        }
        2 => {
            let from = 40 + 5 * rng.usize(0..30);
            let to = from * 3 / 5;
            let text = fill(
                rng,
                &[
                    "Cut the monthly cloud spend of the {capability} from ${from}k to ${to}k",
                    "Bring the {capability} bill down to ${to}k a month from ${from}k",
                    "Save ${from}k-${to}k a month on {capability} compute",
                ],
                &[
                    ("capability", &capability),
                    ("from", &from.to_string()),
                    ("to", &to.to_string()),
                ],
            );
            let _ = writeln!(
                out,
                "text = {}\nkind = \"impact\"\nmetric = {{ from = {from}, to = {to}, unit = \"k$\" }}",
                toml_string(&text)
            );
        }
        3 => {
            let count = (3 + rng.usize(0..30)).to_string();
            let text = fill(
                rng,
                &[
                    "Launch the {capability} for {count} {service} services with a runbook per service",
                    "Put {count} {service} services on the {capability}, each with an on-call owner",
                    "Onboard {count} {service} workloads to the {capability} with alerts wired in",
                ],
                &[
                    ("capability", &capability),
                    ("service", &service),
                    ("count", &count),
                ],
            );
            let _ = writeln!(
                out,
                "text = {}\ndone = [\n  {},\n  {},\n]",
                toml_string(&text),
                toml_string(&format!(
                    "[{}] Runbook reviewed by the {service} on-call leads",
                    checkbox(rng)
                )),
                toml_string(&format!(
                    "[{}] Dashboard shows error rate and p95 latency for all {count} services",
                    checkbox(rng)
                )),
            );
        }
        4 => {
            let text = fill(
                rng,
                &[
                    "Hold the {service} availability SLO at 99.9% for every week of the quarter",
                    "Keep {service} error budget burn under 100% in all 13 weeks",
                    "Sustain 99.95% successful {service} checkouts through the sale season",
                ],
                &[("service", &service)],
            );
            let _ = writeln!(
                out,
                "text = {}\ndone = [{}]",
                toml_string(&text),
                toml_string(&format!(
                    "[{}] Weekly SLO report published with 13 of 13 weeks green",
                    checkbox(rng)
                )),
            );
        }
        5 => {
            let approvers = (2 + rng.usize(0..3)).to_string();
            let legacy = system_part(rng, systems, LEGACY);
            let who = pick(rng, APPROVERS);
            let text = fill(
                rng,
                &[
                    "Publish an RFC choosing the replacement for the {legacy} approved by {approvers} {who}",
                    "Decide what succeeds the {legacy}, signed off by {approvers} {who}",
                    "Land a design doc on retiring the {legacy} with {approvers} {who} agreeing",
                    "Get an ADR for the {legacy} exit accepted by {approvers} {who}",
                ],
                &[("legacy", &legacy), ("approvers", &approvers), ("who", who)],
            );
            let _ = writeln!(
                out,
                "text = {}\nkind = \"discovery\"\ndone = [{}]",
                toml_string(&text),
                toml_string(&format!(
                    "[{}] Decision merged in the design repository by week 6",
                    checkbox(rng)
                )),
            );
        }
        _ => {
            let total = (6 + rng.usize(0..20)).to_string();
            let legacy = system_part(rng, systems, LEGACY);
            let modern = pick(rng, MODERN);
            let text = fill(
                rng,
                &[
                    "Move all {total} {service} jobs off the {legacy} onto {modern}",
                    "Run every one of the {total} {service} pipelines on {modern} instead of the {legacy}",
                    "Switch off the {legacy} once its {total} {service} tasks live on {modern}",
                ],
                &[
                    ("total", &total),
                    ("service", &service),
                    ("legacy", &legacy),
                    ("modern", modern),
                ],
            );
            let _ = writeln!(
                out,
                "text = {}\ndone = [\n  {},\n  {},\n]",
                toml_string(&text),
                toml_string(&format!(
                    "[{}] {total} of {total} jobs run on the new platform",
                    checkbox(rng)
                )),
                toml_string(&format!(
                    "[{}] Old hosts powered off and removed from inventory",
                    checkbox(rng)
                )),
            );
        }
    }
}

/// One of `wordings` with each `{name}` replaced by its value.
fn fill(rng: &mut fastrand::Rng, wordings: &[&str], values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(pick(rng, wordings).to_string(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

fn flawed_kr(rng: &mut fastrand::Rng, teams: &[String], systems: &[String], out: &mut String) {
    let service = system_part(rng, systems, SERVICES);
    let capability = system_part(rng, systems, CAPABILITIES);
    match rng.usize(0..7) {
        // A vague verb and no number anywhere.
        0 => {
            let _ = writeln!(
                out,
                "text = \"Improve reliability of the {capability} for {}\"\n\
                 done = [\"[ ] Fewer incidents\"]",
                pick(rng, AUDIENCES)
            );
        }
        // No Definition of Done and no target.
        1 => {
            let _ = writeln!(out, "text = \"Ship the new {capability} to production\"");
        }
        // An activity, not a result.
        2 => {
            let other = &teams[rng.usize(0..teams.len())];
            let meeting = pick(rng, MEETINGS);
            let _ = writeln!(
                out,
                "text = \"{} with the {other} team about the {capability}\"\n\
                 done = [\"[ ] Meeting notes shared in the channel\"]",
                meeting
            );
        }
        // A partial scope, which matters when someone depends on it.
        3 => {
            let share = 60 + 5 * rng.usize(0..7);
            let _ = writeln!(
                out,
                "text = \"Migrate {share}% of {service} services to {}\"\n\
                 metric = {{ from = 0, to = {share}, unit = \"%\" }}",
                pick(rng, MODERN)
            );
        }
        // Left from the template.
        4 => {
            let text = match rng.usize(0..3) {
                0 => format!("TODO: agree the {capability} target with {service}"),
                1 => format!("TBD: {capability} goal"),
                _ => format!("{capability} adoption target (TODO)"),
            };
            let _ = writeln!(out, "text = {}", toml_string(&text));
        }
        // A vague Definition of Done item.
        5 => {
            let _ = writeln!(
                out,
                "text = \"Roll out the {capability} to 12 {service} services\"\n\
                 done = [\"[x] Rollout started\", \"[ ] Improve the documentation\"]"
            );
        }
        // Discovery with nothing to show for it.
        _ => {
            let _ = writeln!(
                out,
                "text = \"{} the {}\"\n\
                 kind = \"discovery\"",
                pick(rng, DISCOVERY),
                system_part(rng, systems, LEGACY)
            );
        }
    }
}

fn objective_theme(rng: &mut fastrand::Rng, systems: &[String]) -> String {
    let audience = pick(rng, AUDIENCES);
    let outcome = pick(rng, OUTCOMES);
    let system = pick(rng, systems);
    match rng.usize(0..5) {
        0 => format!(
            "Move the {system} {} services onto {} for {audience} to {outcome}",
            pick(rng, SERVICES),
            pick(rng, MODERN)
        ),
        1 => format!(
            "Build a self-service {system} {} for {audience} to {outcome}",
            pick(rng, CAPABILITIES)
        ),
        2 => format!(
            "Replace {system}'s {} with {} for {audience} to {outcome}",
            pick(rng, LEGACY),
            pick(rng, MODERN)
        ),
        3 => format!(
            "Consolidate every {system} {} into one for {audience} to {outcome}",
            pick(rng, CAPABILITIES)
        ),
        _ => format!(
            "Automate {system} {} upgrades for {audience} to {outcome}",
            pick(rng, CAPABILITIES)
        ),
    }
}

/// A name like the ones companies give their internal systems ("Velmora",
/// "Tasken"): two or three syllables, so thousands of teams get distinct
/// names.
fn codename(rng: &mut fastrand::Rng) -> String {
    const SYLLABLES: &[&str] = &[
        "ka", "ve", "lor", "mi", "tas", "ken", "or", "vil", "bri", "sa", "dun", "el", "qua", "rin",
        "zo", "mar", "tel", "pho", "gan", "ix", "ul", "nes", "cor", "da",
    ];
    let count = 2 + rng.usize(0..2);
    let name: String = (0..count).map(|_| pick(rng, SYLLABLES)).collect();
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// One of the team's systems with a part from `parts`: "Velmora checkout".
fn system_part(rng: &mut fastrand::Rng, systems: &[String], parts: &[&str]) -> String {
    let system = pick(rng, systems);
    format!("{system} {}", pick(rng, parts))
}

fn write_prose(
    src: &Path,
    number: usize,
    rng: &mut fastrand::Rng,
    summary: &mut String,
    written: &mut Written,
) -> Result<()> {
    let path = PathBuf::from("notes").join(format!("note-{number}.md"));
    fs::create_dir_all(src.join("notes"))?;
    let mut text = format!("# Planning note {number}\n\n");
    let paragraphs = 2 + rng.usize(0..3);
    for _ in 0..paragraphs {
        let _ = writeln!(text, "{}\n", paragraph(rng, 3));
    }
    // Some guide pages talk about the okr blocks without holding one.
    if number.is_multiple_of(3) {
        text.push_str("Write plans in okr blocks; `mdbook-okr check` reports findings.\n");
    }
    write_file(&src.join(&path), &text, written)?;
    writeln!(
        summary,
        "- [Planning note {number}](notes/note-{number}.md)"
    )?;
    Ok(())
}

fn write_file(path: &Path, text: &str, written: &mut Written) -> Result<()> {
    fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
    written.chapters += 1;
    written.markdown_bytes += text.len();
    Ok(())
}

fn team_names(count: usize) -> Vec<String> {
    (0..count)
        .map(|i| {
            let area = TEAM_AREAS[i % TEAM_AREAS.len()];
            match i / TEAM_AREAS.len() {
                0 => area.to_string(),
                n => format!("{area}-{}", n + 1),
            }
        })
        .collect()
}

fn current_quarter() -> String {
    format!("{CURRENT_YEAR}-Q{CURRENT_QUARTER}")
}

fn objective_id(team: &str, quarter: &str, slot: usize) -> String {
    format!("{team}-{}-{}", quarter.to_lowercase(), slot + 1)
}

fn paragraph(rng: &mut fastrand::Rng, sentences: usize) -> String {
    (0..sentences)
        .map(|_| pick(rng, PROSE))
        .collect::<Vec<_>>()
        .join(" ")
}

fn checkbox(rng: &mut fastrand::Rng) -> char {
    if rng.bool() { 'x' } else { ' ' }
}

fn pick<'a>(rng: &mut fastrand::Rng, pool: &'a [impl AsRef<str>]) -> &'a str {
    pool[rng.usize(0..pool.len())].as_ref()
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}
