//! The language rules on the labelled development set
//! (`tests/language/devset.tsv`): each sentence is checked as a block of its
//! own, and precision and recall per rule are printed for the `tune` and
//! `heldout` splits. The test fails when a rule falls below its floor on
//! `heldout`, the part never tuned on.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use mdbook_okr::config::{Config, Level};
use mdbook_okr::lint;
use mdbook_okr::plan::PlanBuilder;

/// The rules the development set labels.
const RULES: &[&str] = &[
    "activity-not-outcome",
    "unmeasurable",
    "vague-done-item",
    "objective-without-outcome",
    "hype-words",
];

/// The floors on `heldout`: `(rule, precision, recall)`, at what the code
/// reaches, rounded down. Raise them when the rules get better; never lower
/// one for the same rows.
///
/// History: on the first 415 `heldout` rows, f4fb28e scored 0.77/0.32,
/// 0.81/0.68, 0.94/0.79, 0.90/0.97 and 1.00/1.00, and the WordNet analysis
/// reached 0.80/0.52, 0.85/0.71, 1.00/0.89, 1.00/0.97 and 1.00/1.00. On
/// 2026-12-02 batch 3 (r0818-r1237, labelled blind) added 141 `heldout`
/// rows; the code of the session's start (bd54bea) scores 0.76/0.53,
/// 0.83/0.71, 1.00/0.77, 0.95/0.97 and 1.00/0.94 on the enlarged split, so
/// the floors were set again from it, to what the code after that session
/// reaches. Round four (phrasal verbs, idioms and light verbs) reached
/// 0.79/0.53, 0.83/0.74, 1.00/0.77, 0.95/0.97 and 1.00/0.94. Batch 4
/// (r1238-r1438, labelled blind, never tuned on) then added 66 `heldout`
/// rows, on which the code after round four scores 0.76/0.49, 0.83/0.74,
/// 1.00/0.77, 0.94/0.95 (0.938/0.953) and 1.00/0.94: the floors are set again from that
/// enlarged split, for the rows changed, not for a worse rule. Batch 5
/// (r1439-r1804, labelled blind) added 122 `heldout` rows; after the
/// session's grammar (asides, embedded questions, named subjects) the
/// enlarged split scores 0.82/0.51, 0.89/0.76, 1.00/0.67, 0.94/0.94 and
/// 1.00/0.94, and the floors are set from that.
const FLOORS: &[(&str, f64, f64)] = &[
    ("activity-not-outcome", 0.81, 0.50),
    ("unmeasurable", 0.88, 0.76),
    ("vague-done-item", 1.0, 0.66),
    ("objective-without-outcome", 0.93, 0.93),
    ("hype-words", 1.0, 0.93),
];

/// The neutral statement and KRs around the sentence under test, as
/// tests/language/README.md describes the measurement: they trip none of
/// the language rules.
const OBJECTIVE: &str = "Serve builds from a remote cache to cut CI time for backend teams";
const KRS: &[&str] = &[
    "Reduce failed nightly jobs from 40 to 10 a week",
    "Cut median CI time from 25 minutes to 10 minutes",
    "Raise the cache hit rate from 30% to 70%",
];
const DONE_KR: &str = "Ship the remote build cache to all 12 backend repositories";

struct Row {
    id: String,
    split: String,
    kind: String,
    text: String,
    labels: BTreeSet<String>,
}

fn rows() -> Vec<Row> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/language/devset.tsv");
    let text = std::fs::read_to_string(&path).expect("tests/language/devset.tsv");
    text.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert!(cols.len() >= 5, "short row: {line}");
            Row {
                id: cols[0].to_string(),
                split: cols[1].to_string(),
                kind: cols[2].to_string(),
                text: cols[3].to_string(),
                labels: cols[4]
                    .split(',')
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && *l != "-")
                    .map(str::to_string)
                    .collect(),
            }
        })
        .collect()
}

/// A TOML basic string holding `text`.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The one-objective block that checks `row`'s sentence in its place.
fn block(index: usize, row: &Row) -> String {
    let (objective, krs, done): (&str, Vec<&str>, _) = match row.kind.as_str() {
        "objective" => (row.text.as_str(), KRS.to_vec(), None),
        "kr" => (OBJECTIVE, vec![row.text.as_str(), KRS[0], KRS[1]], None),
        "done" => (OBJECTIVE, vec![DONE_KR], Some(format!("[ ] {}", row.text))),
        other => panic!("{}: unknown kind {other}", row.id),
    };
    let mut block = format!(
        "```okr\nid = \"s{index}\"\nteam = \"a\"\nquarter = \"2026-Q2\"\nobjective = {}\n",
        quoted(objective)
    );
    for (k, kr) in krs.iter().enumerate() {
        block.push_str(&format!("\n[[kr]]\ntext = {}\n", quoted(kr)));
        if k == 0
            && let Some(done) = &done
        {
            block.push_str(&format!("done = [{}]\n", quoted(done)));
        }
    }
    block.push_str("```\n\n");
    block
}

#[derive(Default, Clone, Copy)]
struct Counts {
    found: usize,
    missed: usize,
    false_alarms: usize,
}

impl Counts {
    fn precision(&self) -> f64 {
        let reported = self.found + self.false_alarms;
        if reported == 0 {
            1.0
        } else {
            self.found as f64 / reported as f64
        }
    }

    /// The rule's row of a printed table: found, missed, false alarms,
    /// precision, recall.
    fn line(&self, rule: &str) -> String {
        format!(
            "  {rule:<26} {:>4} {:>4} {:>4}  {:.2}  {:.2}",
            self.found,
            self.missed,
            self.false_alarms,
            self.precision(),
            self.recall()
        )
    }

    fn recall(&self) -> f64 {
        let labelled = self.found + self.missed;
        if labelled == 0 {
            1.0
        } else {
            self.found as f64 / labelled as f64
        }
    }
}

/// Runs the language rules over every row and returns, per split and rule,
/// the counts, and the rows each rule got wrong.
fn score(rows: &[Row]) -> BTreeMap<(String, &'static str), (Counts, Vec<String>)> {
    let mut config = Config::default();
    for rule in lint::RULES {
        if !RULES.contains(&rule.name()) && rule.name() != "invalid-block" {
            config.rules.insert(rule.name().to_string(), Level::Off);
        }
    }
    let mut chapter = String::new();
    for (index, row) in rows.iter().enumerate() {
        chapter.push_str(&block(index, row));
    }
    let mut builder = PlanBuilder::new(&config);
    builder.add_file(
        "devset.md".to_string(),
        Some(PathBuf::from("devset.md")),
        chapter,
    );
    let plan = builder.finish();
    let diagnostics = lint::run(&plan, &config);
    let invalid: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.rule == "invalid-block")
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        invalid.is_empty(),
        "devset blocks do not parse: {invalid:?}"
    );
    let mut fired: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
    for d in &diagnostics {
        // Objective rules report on the objective; KR rules count on KR1,
        // the sentence under test.
        if d.kr.as_deref().is_some_and(|kr| kr != "KR1") {
            continue;
        }
        let Some(index) = d
            .objective
            .as_deref()
            .and_then(|id| id.strip_prefix('s'))
            .and_then(|n| n.parse::<usize>().ok())
        else {
            continue;
        };
        fired.entry(index).or_default().insert(d.rule);
    }
    let mut out: BTreeMap<(String, &'static str), (Counts, Vec<String>)> = BTreeMap::new();
    for (index, row) in rows.iter().enumerate() {
        for &rule in RULES {
            let applies = match rule {
                "activity-not-outcome" | "unmeasurable" => row.kind == "kr",
                "vague-done-item" => row.kind == "done",
                _ => row.kind == "objective",
            };
            if !applies {
                continue;
            }
            let labelled = row.labels.contains(rule);
            let reported = fired.get(&index).is_some_and(|f| f.contains(rule));
            let (counts, wrong) = out.entry((row.split.clone(), rule)).or_default();
            match (labelled, reported) {
                (true, true) => counts.found += 1,
                (true, false) => {
                    counts.missed += 1;
                    wrong.push(format!("missed {}: {}", row.id, row.text));
                }
                (false, true) => {
                    counts.false_alarms += 1;
                    wrong.push(format!("false alarm {}: {}", row.id, row.text));
                }
                (false, false) => {}
            }
        }
    }
    out
}

/// The rows whose ids lie in `range` ("r0818-r1237"): one prefix, numbers
/// inclusive.
fn in_range(id: &str, range: &str) -> bool {
    let parse = |id: &str| {
        let (prefix, number) = id.split_at(1.min(id.len()));
        Some((prefix.to_string(), number.parse::<u32>().ok()?))
    };
    let Some((first, last)) = range.split_once('-') else {
        panic!("DEVSET_IDS={range}: expected FIRST-LAST, like r0818-r1237");
    };
    match (parse(id), parse(first), parse(last)) {
        (Some((p, n)), Some((pf, f)), Some((pl, l))) => p == pf && p == pl && f <= n && n <= l,
        _ => panic!("DEVSET_IDS={range}: ids are a letter and a number"),
    }
}

/// With `DEVSET_IDS=FIRST-LAST`, prints the scores of one batch of rows on
/// its own (both splits together), to measure a batch labelled blind
/// before anything is tuned on it. The floors are not checked then.
#[test]
fn a_batch_of_rows_can_be_scored_on_its_own() {
    let Some(range) = std::env::var("DEVSET_IDS").ok() else {
        return;
    };
    let rows: Vec<Row> = rows()
        .into_iter()
        .filter(|row| in_range(&row.id, &range))
        .map(|row| Row {
            split: "batch".to_string(),
            ..row
        })
        .collect();
    assert!(!rows.is_empty(), "DEVSET_IDS={range} matches no row");
    println!(
        "{range} ({} rows): rule, found, missed, false alarms, precision, recall",
        rows.len()
    );
    for ((_, rule), (counts, _)) in score(&rows) {
        println!("{}", counts.line(rule));
    }
}

#[test]
fn language_rules_reach_their_floors_on_the_held_out_split() {
    let rows = rows();
    assert!(
        rows.len() >= 600,
        "the development set has {} rows",
        rows.len()
    );
    let scores = score(&rows);
    let show_misses = std::env::var_os("DEVSET_MISSES").is_some();
    // Held-out scores are printed only when asked for, to report a change
    // once it is finished: seeing them after every step while tuning is
    // tuning on them. The floors are checked either way.
    let show_heldout = std::env::var_os("DEVSET_HELDOUT").is_some();
    let mut failures = Vec::new();
    for split in ["tune", "heldout"] {
        let shown = split == "tune" || show_heldout;
        if shown {
            println!("{split}: rule, found, missed, false alarms, precision, recall");
        } else {
            println!("{split}: checked against the floors (DEVSET_HELDOUT=1 prints the scores)");
        }
        for &rule in RULES {
            let Some((counts, wrong)) = scores.get(&(split.to_string(), rule)) else {
                continue;
            };
            if shown {
                println!("{}", counts.line(rule));
            }
            // Only the tune split's mistakes are ever shown: held-out rows
            // must not be read while tuning.
            if show_misses && split == "tune" {
                for line in wrong {
                    println!("      {line}");
                }
            }
            if split == "heldout" {
                let (_, precision, recall) = FLOORS
                    .iter()
                    .find(|(name, _, _)| *name == rule)
                    .copied()
                    .unwrap_or((rule, 1.0, 1.0));
                if counts.precision() < precision || counts.recall() < recall {
                    failures.push(format!(
                        "{rule}: precision {:.2} (floor {precision:.2}), recall {:.2} (floor {recall:.2})",
                        counts.precision(),
                        counts.recall()
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "below the floor on heldout: {failures:#?}"
    );
}
