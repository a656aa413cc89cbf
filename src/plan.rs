//! The whole book's plan: every block in book order, ids, and the
//! dependency edges between key results.

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::config::Config;
use crate::model::{Context, FileId, Location, Objective, Target};
use crate::source::SourceFile;
use crate::source::block::{self, Parsed, Problem};
use crate::source::scan;

pub mod directive;

pub use directive::Directive;

/// One OKR block of a chapter.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The whole fenced block, fences included.
    pub location: Location,
    pub content: BlockContent,
}

#[derive(Debug, Clone, PartialEq)]
pub enum BlockContent {
    /// Index into [`Plan::objectives`].
    Objective(usize),
    Context(Context),
    Invalid {
        id: Option<String>,
        problems: Vec<Problem>,
        /// The block's text as written, shown in the error box.
        source: String,
    },
}

/// What a `depends_on` entry resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    KeyResult {
        objective: usize,
        kr: usize,
    },
    Objective(usize),
    /// An open ask of a team. `known` is false when `teams` is configured
    /// and does not list it.
    Team {
        team: String,
        known: bool,
    },
    Unresolved,
}

/// One `depends_on` entry of one KR.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// The depending objective and KR (indices).
    pub objective: usize,
    pub kr: usize,
    /// Index into that KR's `depends_on`.
    pub reference: usize,
    pub resolution: Resolution,
}

/// An `{{#include}}` whose file cannot be read, or that nests too deep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadableInclude {
    /// The directive, `{{` to `}}`.
    pub location: Location,
    pub message: String,
    /// The directive is written inside an `okr` block's body.
    pub in_block: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub files: Vec<SourceFile>,
    /// Every block, in book order.
    pub blocks: Vec<Block>,
    /// Every valid objective, in book order.
    pub objectives: Vec<Objective>,
    pub edges: Vec<Edge>,
    /// Every `{{#okr-index ...}}` directive with its filters, in book order.
    pub directives: Vec<Directive>,
    /// Every `{{#include}}` the book loader could not follow, in book
    /// order; set by [`crate::book`] (a build's plan has none: mdBook
    /// expands includes and logs its own errors).
    pub unreadable_includes: Vec<UnreadableInclude>,
    /// The range of [`Plan::blocks`] each file's blocks occupy: files are
    /// added one at a time, so a file's blocks are contiguous.
    file_blocks: Vec<std::ops::Range<usize>>,
    /// The first objective with each id.
    ids: HashMap<String, usize>,
    /// The file of each chapter path.
    chapters: HashMap<PathBuf, FileId>,
    /// Edge indices that point at each (objective, kr), directly or
    /// through the whole objective.
    dependents: HashMap<(usize, usize), Vec<usize>>,
}

impl Plan {
    /// Builds the plan of one chapter text alone: for tests and fuzzing.
    pub fn from_chapter(path: &str, text: &str, config: &Config) -> Plan {
        let mut builder = PlanBuilder::new(config);
        builder.add_file(
            path.to_string(),
            Some(PathBuf::from(path)),
            text.to_string(),
        );
        builder.finish()
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id]
    }

    /// The file of the chapter at `chapter_path` (relative to `src`).
    pub fn file_of_chapter(&self, chapter_path: &std::path::Path) -> Option<FileId> {
        self.chapters.get(chapter_path).copied()
    }

    /// The first objective with this id.
    pub fn objective_by_id(&self, id: &str) -> Option<usize> {
        self.ids.get(id).copied()
    }

    /// The edges that make this KR a prerequisite.
    pub fn dependents_of(&self, objective: usize, kr: usize) -> impl Iterator<Item = &Edge> {
        self.dependent_edges(objective, kr)
            .iter()
            .map(|&e| &self.edges[e])
    }

    /// Indices into [`Plan::edges`] of the edges that make this KR a
    /// prerequisite, in book order.
    pub fn dependent_edges(&self, objective: usize, kr: usize) -> &[usize] {
        self.dependents
            .get(&(objective, kr))
            .map_or(&[], Vec::as_slice)
    }

    pub fn is_prerequisite(&self, objective: usize, kr: usize) -> bool {
        self.dependents.contains_key(&(objective, kr))
    }

    /// The blocks written in one file, in order.
    pub fn blocks_in(&self, file: FileId) -> impl Iterator<Item = &Block> {
        let range = self.file_blocks.get(file).cloned().unwrap_or(0..0);
        self.blocks[range].iter()
    }

    /// A piece of a string value's location: `range` is a byte range inside
    /// the value. Exact when the value is written without escapes or line
    /// prefixes; otherwise the whole value's location.
    pub fn sub_location(
        &self,
        text: &crate::model::Text,
        range: std::ops::Range<usize>,
    ) -> Location {
        let file = &self.files[text.location.file];
        let raw = &file.text[text.location.span.clone()];
        let quote = ["\"\"\"", "'''", "\"", "'"]
            .into_iter()
            .find(|q| raw.starts_with(q) && raw.len() >= 2 * q.len() && raw.ends_with(q));
        if let Some(quote) = quote {
            let inner = &raw[quote.len()..raw.len() - quote.len()];
            if inner == text.value && range.end <= inner.len() {
                let start = text.location.span.start + quote.len();
                return Location {
                    file: text.location.file,
                    span: start + range.start..start + range.end,
                };
            }
        }
        text.location.clone()
    }
}

/// What earlier plans of one book read from each file, for a caller that
/// builds the plan again and again: the language server after every edit,
/// the history reader at every commit. A file keeps its blocks while its
/// text, its place in the book and the configuration stay the same; only
/// the last text of each place is kept, so an editing session does not
/// pile up every version typed, and a walk through history, where a commit
/// changes a few files, still reads each changed file once.
#[derive(Default)]
pub struct ReadCache {
    config: Option<Config>,
    /// By file id (locations inside the blocks name it): the text read and
    /// what it held.
    files: HashMap<FileId, (String, FileBlocks)>,
}

/// Collects a book's files in book order, then reads their blocks and
/// resolves references.
pub struct PlanBuilder<'c> {
    config: &'c Config,
    plan: Plan,
    /// Files added with text whose blocks are not read yet: [`finish`]
    /// reads them all at once, in parallel.
    ///
    /// [`finish`]: PlanBuilder::finish
    pending: Vec<FileId>,
}

/// What one file holds, read independently of every other file.
#[derive(Clone)]
struct FileBlocks {
    directives: Vec<std::ops::Range<usize>>,
    blocks: Vec<(std::ops::Range<usize>, Parsed)>,
}

/// Scans one chapter and parses each of its blocks; a context block
/// applies to the blocks after it in the same file.
fn read_blocks(file: FileId, text: &str, config: &Config) -> FileBlocks {
    let scanned = scan::scan_chapter(text);
    let mut context = Context::default();
    let blocks = scanned
        .blocks
        .into_iter()
        .map(|raw| {
            let parsed = block::parse(&raw, file, &context, config);
            if let Parsed::Context(new_context) = &parsed {
                context = new_context.clone();
            }
            (raw.span, parsed)
        })
        .collect();
    FileBlocks {
        directives: scanned.directives,
        blocks,
    }
}

impl<'c> PlanBuilder<'c> {
    pub fn new(config: &'c Config) -> Self {
        PlanBuilder {
            config,
            plan: Plan::default(),
            pending: Vec::new(),
        }
    }

    /// Adds one chapter; its blocks are read by [`PlanBuilder::finish`].
    pub fn add_file(
        &mut self,
        display_path: String,
        chapter_path: Option<PathBuf>,
        text: String,
    ) -> FileId {
        let file = self.plan.files.len();
        self.plan.file_blocks.push(0..0);
        self.plan
            .files
            .push(SourceFile::new(display_path, chapter_path, text));
        self.pending.push(file);
        file
    }

    /// Records a chapter that holds no OKR text, without its text: links
    /// to it (a rule's page, say) can then be made without keeping a copy
    /// of every chapter.
    pub fn add_chapter_without_blocks(
        &mut self,
        display_path: String,
        chapter_path: PathBuf,
    ) -> FileId {
        let file = self.plan.files.len();
        self.plan.file_blocks.push(0..0);
        self.plan.files.push(SourceFile::new(
            display_path,
            Some(chapter_path),
            String::new(),
        ));
        file
    }

    pub fn finish(self) -> Plan {
        self.finish_reading(None)
    }

    /// [`PlanBuilder::finish`], scanning and parsing only the files whose
    /// text or place in the book changed since `cache` last saw them.
    pub fn finish_cached(self, cache: &mut ReadCache) -> Plan {
        self.finish_reading(Some(cache))
    }

    fn finish_reading(mut self, mut cache: Option<&mut ReadCache>) -> Plan {
        let plan = &mut self.plan;
        let config = self.config;
        if let Some(cache) = cache.as_deref_mut()
            && cache.config.as_ref() != Some(config)
        {
            // Blocks are read with the configuration: another one reads
            // every file anew.
            cache.config = Some(config.clone());
            cache.files.clear();
        }
        let cached = |file: FileId| {
            let (text, blocks) = cache.as_deref()?.files.get(&file)?;
            (*text == plan.files[file].text).then(|| blocks.clone())
        };
        // Files are independent until ids are resolved: read them in
        // parallel, then number their objectives in book order, so the
        // plan is the same as one read file by file.
        let read: Vec<FileBlocks> = self
            .pending
            .par_iter()
            .map(|&file| {
                cached(file).unwrap_or_else(|| read_blocks(file, &plan.files[file].text, config))
            })
            .collect();
        if let Some(cache) = cache {
            cache.files = self
                .pending
                .iter()
                .zip(&read)
                .map(|(&file, blocks)| (file, (plan.files[file].text.clone(), blocks.clone())))
                .collect();
        }
        for (&file, read) in self.pending.iter().zip(read) {
            plan.directives
                .extend(read.directives.into_iter().map(|span| Directive {
                    filter: directive::parse_filter(
                        plan.files[file].text.get(span.clone()).unwrap_or_default(),
                        config,
                    ),
                    location: Location { file, span },
                }));
            let first_block = plan.blocks.len();
            for (span, parsed) in read.blocks {
                let content = match parsed {
                    Parsed::Objective(objective) => {
                        plan.objectives.push(*objective);
                        BlockContent::Objective(plan.objectives.len() - 1)
                    }
                    Parsed::Context(context) => BlockContent::Context(context),
                    Parsed::Invalid { id, problems } => BlockContent::Invalid {
                        id,
                        problems,
                        source: plan.files[file].text[span.clone()].to_string(),
                    },
                };
                plan.blocks.push(Block {
                    location: Location { file, span },
                    content,
                });
            }
            plan.file_blocks[file] = first_block..plan.blocks.len();
        }
        for (file, source) in plan.files.iter().enumerate() {
            if let Some(path) = &source.chapter_path {
                plan.chapters.entry(path.clone()).or_insert(file);
            }
        }
        for (index, objective) in plan.objectives.iter().enumerate() {
            plan.ids.entry(objective.id.clone()).or_insert(index);
        }
        let mut edges = Vec::new();
        for (o, objective) in plan.objectives.iter().enumerate() {
            for (k, kr) in objective.krs.iter().enumerate() {
                for (r, reference) in kr.depends_on.iter().enumerate() {
                    let resolution = resolve(plan, self.config, &reference.target);
                    edges.push(Edge {
                        objective: o,
                        kr: k,
                        reference: r,
                        resolution,
                    });
                }
            }
        }
        for (e, edge) in edges.iter().enumerate() {
            match edge.resolution {
                Resolution::KeyResult { objective, kr } => {
                    plan.dependents.entry((objective, kr)).or_default().push(e);
                }
                Resolution::Objective(objective) => {
                    for kr in 0..plan.objectives[objective].krs.len() {
                        plan.dependents.entry((objective, kr)).or_default().push(e);
                    }
                }
                Resolution::Team { .. } | Resolution::Unresolved => {}
            }
        }
        plan.edges = edges;
        self.plan
    }
}

fn resolve(plan: &Plan, config: &Config, target: &Target) -> Resolution {
    match target {
        Target::KeyResult { objective, kr } => plan
            .ids
            .get(objective)
            .and_then(|&o| {
                plan.objectives[o]
                    .kr(kr)
                    .map(|(k, _)| Resolution::KeyResult {
                        objective: o,
                        kr: k,
                    })
            })
            .unwrap_or(Resolution::Unresolved),
        Target::Objective(objective) => plan
            .ids
            .get(objective)
            .map_or(Resolution::Unresolved, |&o| Resolution::Objective(o)),
        Target::Team(team) => Resolution::Team {
            team: team.clone(),
            known: !team.is_empty()
                && config
                    .teams
                    .as_ref()
                    .is_none_or(|teams| teams.contains(team)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_references_across_files() {
        let config = Config {
            quarter: Some("2026-Q2".parse().unwrap()),
            teams: Some(vec!["a".into(), "b".into()]),
            ..Config::default()
        };
        let mut builder = PlanBuilder::new(&config);
        builder.add_file(
            "src/a.md".into(),
            Some("a.md".into()),
            "```okr\nid = \"one\"\nteam = \"a\"\nobjective = \"x\"\n[[kr]]\ntext = \"t\"\n[[kr]]\ntext = \"u\"\n```\n".into(),
        );
        builder.add_file(
            "src/b.md".into(),
            Some("b.md".into()),
            "```okr\nteam = \"b\"\n```\n\n```okr\nid = \"two\"\nobjective = \"y\"\n[[kr]]\ntext = \"t\"\ndepends_on = [\"one#KR2\", \"one\", \"nope\", \"team:a\", \"team:z\"]\n```\n".into(),
        );
        let plan = builder.finish();
        assert_eq!(plan.objectives[1].team, "b");
        let resolutions: Vec<_> = plan.edges.iter().map(|e| e.resolution.clone()).collect();
        assert_eq!(
            resolutions,
            [
                Resolution::KeyResult {
                    objective: 0,
                    kr: 1
                },
                Resolution::Objective(0),
                Resolution::Unresolved,
                Resolution::Team {
                    team: "a".into(),
                    known: true
                },
                Resolution::Team {
                    team: "z".into(),
                    known: false
                },
            ]
        );
        assert_eq!(plan.dependents_of(0, 1).count(), 2);
        assert_eq!(plan.dependents_of(0, 0).count(), 1);
        assert!(!plan.is_prerequisite(1, 0));
        assert_eq!(plan.blocks_in(1).count(), 2);
    }

    #[test]
    fn a_plan_read_through_a_cache_is_the_plan_read_afresh() {
        let chapter = |team: &str, current: u32| {
            format!(
                "```okr\nteam = \"{team}\"\n```\n\n```okr\nid = \"o-{team}\"\nobjective = \"x\"\n\
                 [[kr]]\ntext = \"t\"\nmetric = {{ from = 0, to = 10, current = {current} }}\n```\n"
            )
        };
        let q2 = Config {
            quarter: Some("2026-Q2".parse().unwrap()),
            ..Config::default()
        };
        let q3 = Config {
            quarter: Some("2026-Q3".parse().unwrap()),
            ..Config::default()
        };
        // Revisions of a book: one chapter changes, the order changes, the
        // configuration changes (which changes what a block means).
        let revisions = [
            (&q2, vec![chapter("a", 1), chapter("b", 1)]),
            (&q2, vec![chapter("a", 1), chapter("b", 2)]),
            (&q2, vec![chapter("b", 2), chapter("a", 1)]),
            (&q3, vec![chapter("b", 2), chapter("a", 1)]),
        ];
        let build = |config: &Config, texts: &[String], cache: Option<&mut ReadCache>| {
            let mut builder = PlanBuilder::new(config);
            for (i, text) in texts.iter().enumerate() {
                builder.add_file(format!("src/{i}.md"), None, text.clone());
            }
            match cache {
                Some(cache) => builder.finish_cached(cache),
                None => builder.finish(),
            }
        };
        let mut cache = ReadCache::default();
        for (config, texts) in &revisions {
            let cached = build(config, texts, Some(&mut cache));
            let fresh = build(config, texts, None);
            assert_eq!(cached.objectives, fresh.objectives);
            assert_eq!(cached.blocks, fresh.blocks);
            assert_eq!(cached.edges, fresh.edges);
        }
        // The last text of each of the two places, under the last
        // configuration only.
        assert_eq!(cache.files.len(), 2);
    }

    #[test]
    fn blocks_in_gives_each_files_blocks_in_order() {
        let config = Config::default();
        let mut builder = PlanBuilder::new(&config);
        let block = |id: &str| {
            format!("```okr\nid = \"{id}\"\nobjective = \"x\"\n[[kr]]\ntext = \"t\"\n```\n\n")
        };
        let texts = [
            format!("{}{}", block("a"), block("b")),
            "no blocks here, only prose about okr planning\n".to_string(),
            format!("```okr\nteam = \"t\"\n```\n\n{}", block("c")),
        ];
        for (n, text) in texts.iter().enumerate() {
            builder.add_file(
                format!("src/{n}.md"),
                Some(format!("{n}.md").into()),
                text.clone(),
            );
        }
        let plan = builder.finish();
        for file in 0..texts.len() + 1 {
            let fast: Vec<&Block> = plan.blocks_in(file).collect();
            let slow: Vec<&Block> = plan
                .blocks
                .iter()
                .filter(|b| b.location.file == file)
                .collect();
            assert_eq!(fast, slow, "file {file}");
        }
        assert_eq!(plan.blocks_in(0).count(), 2);
        assert_eq!(plan.blocks_in(1).count(), 0);
        assert_eq!(plan.blocks_in(2).count(), 2);
    }
}
