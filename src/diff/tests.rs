use std::path::PathBuf;

use super::*;

fn config() -> Config {
    Config {
        quarter: Some("2026-Q2".parse().expect("a quarter")),
        ..Config::default()
    }
}

/// A plan from chapters given as (path, text), as `load_book` would give it.
fn loaded(chapters: &[(&str, &str)]) -> LoadedPlan {
    let config = config();
    let mut builder = PlanBuilder::new(&config);
    for (path, text) in chapters {
        builder.add_file(
            format!("src/{path}"),
            Some(PathBuf::from(path)),
            text.to_string(),
        );
    }
    let plan = builder.finish();
    LoadedPlan {
        root: None,
        config,
        plan,
        disk_paths: Vec::new(),
        read_errors: Vec::new(),
    }
}

fn report(old: &[(&str, &str)], new: &[(&str, &str)]) -> Report {
    compare(&loaded(old), &loaded(new), "base".into(), None)
}

#[test]
fn a_reworded_statement_keeps_its_objective_though_the_derived_id_changed() {
    let old = "```okr\nteam = \"a\"\nobjective = \"Make deploys boring for every product team\"\n[[kr]]\ntext = \"Ship it\"\n```\n";
    let new = "```okr\nteam = \"a\"\nobjective = \"Make product deploys boring for every team\"\n[[kr]]\ntext = \"Ship it\"\n```\n";
    let report = report(&[("a.md", old)], &[("a.md", new)]);
    assert_eq!(report.summary.objectives_changed, 1, "{report:#?}");
    assert_eq!(report.summary.objectives_added, 0);
    let change = &report.objectives[0];
    assert_eq!(
        change.objective_change.as_ref().map(|c| c.to.as_str()),
        Some("Make product deploys boring for every team")
    );
    assert!(change.id_change.is_some());
}

#[test]
fn unrelated_statements_are_one_removed_and_one_added() {
    let old = "```okr\nteam = \"a\"\nobjective = \"Make deploys boring for every product team\"\n[[kr]]\ntext = \"Ship it\"\n```\n";
    let new = "```okr\nteam = \"a\"\nobjective = \"Cut cloud spend on idle clusters\"\n[[kr]]\ntext = \"Ship it\"\n```\n";
    let report = report(&[("a.md", old)], &[("a.md", new)]);
    assert_eq!(report.summary.objectives_added, 1);
    assert_eq!(report.summary.objectives_removed, 1);
}

#[test]
fn an_inserted_kr_does_not_reword_the_ones_after_it() {
    let old = "```okr\nid = \"o\"\nteam = \"a\"\nobjective = \"x\"\n[[kr]]\ntext = \"Publish the runbook for deploys\"\n[[kr]]\ntext = \"Train every on-call engineer\"\n```\n";
    let new = "```okr\nid = \"o\"\nteam = \"a\"\nobjective = \"x\"\n[[kr]]\ntext = \"Retire the legacy deploy script\"\n[[kr]]\ntext = \"Publish the runbook for deploys\"\n[[kr]]\ntext = \"Train every on-call engineer\"\n```\n";
    let report = report(&[("a.md", old)], &[("a.md", new)]);
    let krs = &report.objectives[0].krs;
    let added: Vec<&str> = krs
        .iter()
        .filter(|k| k.change == Change::Added)
        .map(|k| k.text.as_str())
        .collect();
    assert_eq!(added, ["Retire the legacy deploy script"]);
    // The two that moved changed only their positional ids.
    assert!(
        krs.iter()
            .filter(|k| k.change == Change::Changed)
            .all(|k| k.text_change.is_none() && k.id_change.is_some())
    );
}

#[test]
fn a_reduction_target_raised_is_easier() {
    let metric = |to: u32| {
        format!(
            "```okr\nid = \"o\"\nteam = \"a\"\nobjective = \"x\"\n[[kr]]\ntext = \"Cut build time\"\nmetric = {{ from = 40, to = {to}, unit = \"min\" }}\n```\n"
        )
    };
    let easier = report(&[("a.md", &metric(10))], &[("a.md", &metric(20))]);
    assert_eq!(
        easier.objectives[0].krs[0].flags,
        [Flag::EasierTarget {
            from: 10.0,
            to: 20.0
        }]
    );
    let harder = report(&[("a.md", &metric(20))], &[("a.md", &metric(10))]);
    assert!(harder.objectives[0].krs[0].flags.is_empty());
    assert_eq!(harder.summary.krs_changed, 1);
}

#[test]
fn nothing_changed_is_an_empty_report() {
    let text = "```okr\nid = \"o\"\nteam = \"a\"\nobjective = \"x\"\n[[kr]]\ntext = \"t\"\n```\n";
    let report = report(&[("a.md", text)], &[("a.md", &format!("Intro.\n\n{text}"))]);
    assert_eq!(report.summary, Summary::default());
    assert!(render(&report, DiffFormat::Markdown).contains("No changes to the plan."));
}

#[test]
fn a_reworded_kr_keeps_its_findings_though_their_messages_quote_the_new_text() {
    let old = "```okr\nteam = \"a\"\nobjective = \"Make deploys boring for every product team\"\n[[kr]]\ntext = \"Improve the deploy experience\"\n```\n";
    let new = "```okr\nteam = \"a\"\nobjective = \"Make product deploys boring for every team\"\n[[kr]]\ntext = \"Improve the deploy experience for mobile teams\"\n```\n";
    let report = report(&[("a.md", old)], &[("a.md", new)]);
    assert_eq!(report.summary.objectives_changed, 1, "{report:#?}");
    assert!(
        report.findings.introduced.is_empty() && report.findings.fixed.is_empty(),
        "{:#?}",
        report.findings
    );
}

#[test]
fn a_finding_on_another_kr_is_introduced_and_the_old_one_fixed() {
    let block = |text: &str| {
        format!(
            "```okr\nteam = \"a\"\nobjective = \"Cut cloud spend on idle clusters\"\n[[kr]]\nid = \"one\"\ntext = \"{text}\"\ndone = [\"Dashboard published\"]\n[[kr]]\nid = \"two\"\ntext = \"Idle clusters from 40 to 5\"\ndone = [\"Policy merged\"]\n```\n"
        )
    };
    let old = block("Improve cost awareness");
    let new = block("Idle clusters stopped after 2 hours, from 0% to 90%");
    let report = report(&[("a.md", &old)], &[("a.md", &new)]);
    let rules = |refs: &[FindingRef]| -> Vec<(&str, Option<String>)> {
        refs.iter().map(|f| (f.rule, f.kr.clone())).collect()
    };
    assert!(
        rules(&report.findings.fixed).contains(&("unmeasurable", Some("one".into()))),
        "{:#?}",
        report.findings
    );
    assert!(
        !rules(&report.findings.introduced)
            .iter()
            .any(|(r, _)| *r == "unmeasurable"),
        "{:#?}",
        report.findings
    );
}
