use std::path::PathBuf;

use super::*;
use crate::output::Paths;
use crate::plan::PlanBuilder;

fn sample() -> (Plan, Config, Vec<Diagnostic>) {
    let config = Config {
        quarter: Some("2026-Q2".parse().unwrap()),
        teams: Some(vec!["security".into(), "platform".into()]),
        ..Config::default()
    };
    let text = "```okr\nid = \"vault\"\nteam = \"security\"\nobjective = \"Build vault, \\\"safely\\\" (Core)\"\n\
        [[kr]]\ntext = \"Cut secrets from 140 to 0\"\nmetric = { from = 140, to = 0, current = 35, unit = \"secrets\" }\n\
        [[kr]]\ntext = \"Rotate keys\"\ncommitment = \"stretch\"\ndone = [\"[x] one\", \"[ ] two\"]\ndepends_on = [\"ci#KR1\", \"team:platform\", \"nope\"]\nallow = [\"bogus\"]\n```\n\n\
        ```okr\nid = \"ci\"\nteam = \"platform\"\nobjective = \"Ship CI\"\n[[kr]]\ntext = \"Run builds\"\ncommitment = \"stretch\"\n```\n";
    let mut builder = PlanBuilder::new(&config);
    builder.add_file(
        "src/plan.md".into(),
        Some(PathBuf::from("plan.md")),
        text.into(),
    );
    let plan = builder.finish();
    let diagnostics = lint::run(&plan, &config);
    (plan, config, diagnostics)
}

#[test]
fn json_holds_the_resolved_plan_and_the_check_diagnostics() {
    let (plan, config, diagnostics) = sample();
    let json: serde_json::Value =
        serde_json::from_str(&to_json(&plan, &config, &Paths::default(), &diagnostics)).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["quarter"], "2026-Q2");
    let vault = &json["objectives"][0];
    assert_eq!(vault["id"], "vault");
    assert_eq!(vault["statement"], "Build vault, \"safely\"");
    assert_eq!(vault["phase"], "Core");
    assert_eq!(vault["file"], "src/plan.md");
    assert_eq!(vault["line"], 1);
    assert_eq!(vault["done"], serde_json::json!({"met": 1, "total": 2}));
    let kr1 = &vault["key_results"][0];
    assert_eq!(kr1["kind"], "impact");
    assert_eq!(
        kr1["metric"],
        serde_json::json!({"from": 140.0, "to": 0.0, "current": 35.0, "unit": "secrets"})
    );
    assert_eq!(kr1["score"], 0.75);
    let kr2 = &vault["key_results"][1];
    assert_eq!(kr2["commitment"], "stretch");
    assert_eq!(
        kr2["done"]["items"][1],
        serde_json::json!({"text": "two", "met": false})
    );
    assert_eq!(
        json["objectives"][1]["key_results"][0]["prerequisite"],
        true
    );

    let deps = json["dependencies"].as_array().unwrap();
    assert_eq!(deps.len(), 3);
    assert_eq!(
        deps[0]["to"],
        serde_json::json!({"team": "platform", "objective": "ci", "kr": "KR1"})
    );
    assert_eq!(deps[0]["status"], "stretch");
    assert_eq!(deps[1]["status"], "open-ask");
    assert_eq!(deps[1]["to"]["team"], "platform");
    assert_eq!(deps[2]["status"], "unresolved");
    assert_eq!(
        deps[2]["to"],
        serde_json::json!({"team": null, "objective": null, "kr": null})
    );

    let check: serde_json::Value = serde_json::from_str(&crate::output::json::write(
        &plan,
        &Paths::default(),
        &diagnostics,
    ))
    .unwrap();
    assert_eq!(json["diagnostics"], check["diagnostics"]);
    assert_eq!(json["summary"], check["summary"]);
    assert!(
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["rule"] == "unknown-rule" && d["kr"] == "KR2")
    );
}

#[test]
fn csv_has_one_row_per_kr_in_a_stable_column_order() {
    let (plan, _, diagnostics) = sample();
    let text = to_csv(&plan, &diagnostics).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers, CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    let column = |row: usize, name: &str| {
        rows[row][CSV_COLUMNS.iter().position(|c| *c == name).unwrap()].to_string()
    };
    assert_eq!(column(0, "objective"), "Build vault, \"safely\" (Core)");
    assert_eq!(column(0, "metric_from"), "140");
    assert_eq!(column(0, "score"), "0.750");
    assert_eq!(column(0, "depends_on"), "");
    assert_eq!(column(0, "dependency_risks"), "");
    assert_eq!(column(1, "depends_on"), "ci#KR1;team:platform;nope");
    assert_eq!(column(1, "dependency_risks"), "unresolved;stretch;open-ask");
    assert_eq!(column(1, "done_met"), "1");
    assert_eq!(column(1, "warnings"), "1");
    assert_eq!(column(2, "prerequisite"), "true");
    assert_eq!(column(2, "score"), "");
}

#[test]
fn export_reads_a_book_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    std::fs::write(dir.path().join("book.toml"), "[book]\ntitle = \"t\"\n").unwrap();
    std::fs::write(dir.path().join("src/SUMMARY.md"), "# S\n\n- [A](a.md)\n").unwrap();
    std::fs::write(
        dir.path().join("src/a.md"),
        "```okr\nid = \"x\"\nquarter = \"2026-Q1\"\nobjective = \"O\"\n[[kr]]\ntext = \"t\"\n```\n",
    )
    .unwrap();
    let csv = export(dir.path(), ExportFormat::Csv).unwrap();
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .starts_with("2026-Q1,unassigned,x,O,"),
        "{csv}"
    );
    let json = export(dir.path(), ExportFormat::Json).unwrap();
    assert!(json.contains("\"src/a.md\""));
    assert!(export(&dir.path().join("missing"), ExportFormat::Json).is_err());
}
