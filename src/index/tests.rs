use std::path::{Path, PathBuf};
use std::time::Instant;

use super::*;
use crate::diagnostic::{Diagnostic, Part, Severity, Subject};
use crate::plan::PlanBuilder;

fn config() -> Config {
    Config {
        quarter: Some("2026-Q2".parse().unwrap()),
        teams: Some(vec!["security".into(), "platform".into(), "data".into()]),
        ..Config::default()
    }
}

/// One objective block; `krs` is TOML for its `[[kr]]` tables.
fn okr(id: &str, team: &str, quarter: &str, objective: &str, krs: &str) -> String {
    format!(
        "```okr\nid = \"{id}\"\nteam = \"{team}\"\nquarter = \"{quarter}\"\nobjective = \"{objective}\"\n{krs}```\n\n"
    )
}

fn plan_of(config: &Config, chapters: &[(&str, String)]) -> (Plan, Vec<Diagnostic>) {
    let mut builder = PlanBuilder::new(config);
    for (path, text) in chapters {
        builder.add_file(
            format!("src/{path}"),
            Some(PathBuf::from(path)),
            text.clone(),
        );
    }
    let plan = builder.finish();
    let diagnostics = crate::lint::run(&plan, config);
    (plan, diagnostics)
}

fn render_with(plan: &Plan, config: &Config, diagnostics: &[Diagnostic], format: Format) -> String {
    let cx = RenderContext::new(plan, config, diagnostics, format);
    render(&cx, &plan.directives[0])
}

/// The index of a book whose first chapter `okr-index.md` holds `directive`.
fn index_of(directive: &str, chapters: &[(&str, String)]) -> String {
    let config = config();
    let mut all = vec![("okr-index.md", format!("# Index\n\n{directive}\n"))];
    all.extend(chapters.iter().cloned());
    let (plan, diagnostics) = plan_of(&config, &all);
    render_with(&plan, &config, &diagnostics, Format::Html)
}

/// The text of the element whose `id` is given, up to the next heading.
fn section<'h>(html: &'h str, id: &str) -> &'h str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id} in {html}"));
    let rest = &html[start..];
    let end = rest[1..].find("<h").map_or(rest.len(), |e| e + 1);
    &rest[..end]
}

fn team_book() -> Vec<(&'static str, String)> {
    let security = okr(
        "vault",
        "security",
        "2026-Q2",
        "Build secrets vault for product teams to remove hardcoded credentials",
        "[[kr]]\ntext = \"Launch vault\"\ndone = [\"[x] a\", \"[ ] b\"]\n\
         [[kr]]\ntext = \"Cut secrets from 140 to 0\"\nmetric = { from = 140, to = 0, current = 35 }\n\
         [[kr]]\ntext = \"Rotate 50% of secrets\"\ncommitment = \"stretch\"\ndone = [\"[ ] c\"]\ndepends_on = [\"ci#KR2\", \"team:data\"]\n",
    );
    let platform = okr(
        "ci",
        "platform",
        "2026-Q2",
        "Ship CI pipeline for all teams to cut release time",
        "[[kr]]\ntext = \"Run builds in 5 min\"\ndone = [\"[x] d\"]\n\
         [[kr]]\ntext = \"Expose vault credentials to jobs\"\ncommitment = \"stretch\"\ndone = [\"[ ] e\"]\n\
         [[kr]]\ntext = \"Add caching\"\ndepends_on = [\"vault#KR1\", \"nowhere\"]\nallow = [\"bogus\"]\n",
    );
    vec![
        ("teams/security.md", security),
        ("teams/platform.md", platform),
    ]
}

#[test]
fn bad_filters_render_an_error_box_and_are_reported_by_lint() {
    let config = config();
    let text = "# I\n\n{{#okr-index team=<b>x</b>}}\n".to_string();
    let (plan, diagnostics) = plan_of(&config, &[("i.md", text.clone())]);
    let html = render_with(&plan, &config, &diagnostics, Format::Html);
    assert!(
        html.starts_with("<div class=\"okr-invalid okr-index-error\""),
        "{html}"
    );
    assert!(
        html.contains("`&lt;b&gt;x&lt;/b&gt;`") && !html.contains("<b>x"),
        "{html}"
    );
    let markdown = render_with(&plan, &config, &diagnostics, Format::Markdown);
    assert!(
        markdown.starts_with("> **This index cannot be shown:**"),
        "{markdown}"
    );
    let found: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.rule == "invalid-block")
        .collect();
    assert_eq!(found.len(), 1);
    let location = found[0].location.as_ref().unwrap();
    assert_eq!(&text[location.span.clone()], "{{#okr-index team=<b>x</b>}}");
}

#[test]
fn summary_counts_each_team_and_links_its_chapter() {
    let html = index_of("{{#okr-index}}", &team_book());
    let summary = section(&html, "okr-index-summary-2026-q2");
    assert!(summary.contains("current quarter"), "{summary}");
    // security: 1 objective, 2 committed + 1 stretch, 1 impact, done 1/3,
    // score mean(0.5, 0.75, 0.0) = 0.4.
    assert!(
        summary.contains(
            "<tr><td><a href=\"teams/security.html\">security</a></td><td>1</td><td>2</td><td>1</td><td>1</td><td>1/3</td><td>0.4</td>"
        ),
        "{summary}"
    );
    assert!(summary.contains("<a href=\"teams/platform.html\">platform</a></td><td>1</td><td>2</td><td>1</td><td>0</td><td>1/2</td>"), "{summary}");
    // Configured order: security before platform.
    assert!(summary.find(">security<") < summary.find(">platform<"));
    assert!(
        !html.contains("okr-index-graded"),
        "no past quarter, no graded view"
    );
}

#[test]
fn past_quarters_are_graded_and_safe_stretch_goals_noted() {
    let mut book = team_book();
    let past = |quarter: &str, id: &str| {
        okr(
            id,
            "data",
            quarter,
            "Run the data lake for analysts to answer questions in minutes",
            "[[kr]]\ntext = \"a\"\ndone = [\"[x] a\"]\n\
             [[kr]]\ntext = \"b\"\ndone = [\"[x] a\", \"[ ] b\"]\npostmortem = \"vendor slipped\"\n\
             [[kr]]\ntext = \"c\"\nmetric = { from = 0, to = 100, current = 97 }\n\
             [[kr]]\ntext = \"s\"\ncommitment = \"stretch\"\ndone = [\"[x] s\"]\n",
        )
    };
    book.push((
        "data.md",
        past("2026-Q1", "lake-q1") + &past("2025-Q4", "lake-q4"),
    ));
    let html = index_of("{{#okr-index}}", &book);
    let q1 = section(&html, "okr-index-summary-2026-q1");
    assert!(q1.contains("graded"), "{q1}");
    // met 1, missed with postmortem 1, missed without 1 (0.97 is a miss),
    // unscored 0; stretch: 0 below, 0 in band, 1 above, 0 unscored.
    let graded = &q1[q1.find("okr-index-graded").unwrap()..];
    assert!(
        graded.contains(">data</a></td><td>1</td><td>1</td><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td>"),
        "{graded}"
    );
    assert!(html.contains("<strong>data</strong>: every stretch KR scored 1.0 in 2 graded quarters (2025-Q4, 2026-Q1)"), "{html}");
    // Newest first.
    let order: Vec<usize> = ["summary-2026-q2", "summary-2026-q1", "summary-2025-q4"]
        .iter()
        .map(|id| html.find(id).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]));

    // One graded quarter is not enough for the note.
    let mut book = team_book();
    book.push(("data.md", past("2026-Q1", "lake-q1")));
    assert!(!index_of("{{#okr-index}}", &book).contains("every stretch KR scored 1.0"));
}

#[test]
fn objectives_list_krs_with_badges_and_card_links() {
    let html = index_of("{{#okr-index quarter=2026-Q2 team=security}}", &team_book());
    let objectives = section(&html, "okr-index-objectives-2026-q2-security");
    assert!(
        objectives.contains("<a href=\"teams/security.html#okr-vault\">Build secrets vault"),
        "{objectives}"
    );
    assert!(objectives.contains("<a href=\"teams/security.html#okr-vault-kr3\">KR3</a> <span class=\"okr-index-badge okr-index-badge-stretch\">stretch</span>"), "{objectives}");
    assert!(
        objectives.contains("Cut secrets from 140 to 0 — score 0.8"),
        "{objectives}"
    );
    assert!(
        objectives.contains("Launch vault — score 0.5, done 1/2"),
        "{objectives}"
    );
    assert!(
        !html.contains("okr-index-objectives-2026-q2-platform"),
        "team filter"
    );
    assert!(html.contains("(filtered: quarter 2026-Q2, team security)"));
}

#[test]
fn dependencies_show_status_and_who_needs_what() {
    let html = index_of("{{#okr-index}}", &team_book());
    let table = section(&html, "okr-index-dependencies");
    let row = |needle: &str| -> &str {
        let at = table
            .find(needle)
            .unwrap_or_else(|| panic!("no {needle} in {table}"));
        let start = table[..at].rfind("<tr>").unwrap();
        let end = at + table[at..].find("</tr>").unwrap();
        &table[start..end]
    };
    assert!(row(">ci#KR2</a>").contains("okr-index-badge-stretch\">target is stretch"));
    assert!(
        !row(">ci#KR2</a>").contains("cycle"),
        "KR-level edges between the two objectives form no cycle"
    );
    assert!(row("team:data").contains("okr-index-badge-open-ask\">open ask"));
    assert!(row(">nowhere<").contains("okr-index-badge-unresolved"));
    assert!(row(">vault#KR1</a>").contains("okr-index-badge-ok\">ok"));
    let needed = section(&html, "okr-index-needed-platform");
    assert!(needed.contains("<strong>security</strong> <a href=\"teams/security.html#okr-vault-kr3\">vault#KR3</a> needs"), "{needed}");
    let data = section(&html, "okr-index-needed-data");
    assert!(data.contains("asks for help"), "{data}");
}

#[test]
fn the_graph_is_html_only_and_risky_edges_are_named_in_text() {
    let config = config();
    let mut chapters = vec![("okr-index.md", "{{#okr-index}}\n".to_string())];
    chapters.extend(team_book());
    let (plan, diagnostics) = plan_of(&config, &chapters);
    let html = render_with(&plan, &config, &diagnostics, Format::Html);
    assert!(
        html.contains("<figure class=\"okr-index-graph\"><svg class=\"okr-graph\""),
        "{html}"
    );
    assert!(html.contains("<title id=\"okr-index-graph-title\">"));
    assert!(html.contains("okr-graph-edge-risky"));
    assert!(html.contains("okr-graph-edge-ask"));
    let at_risk = section(&html, "okr-index-at-risk");
    assert!(
        at_risk.contains(
            "<strong>security → platform</strong>: 1 of 1 dependency at risk (target is stretch)"
        ),
        "{at_risk}"
    );
    assert!(
        at_risk.contains(">nowhere</") || at_risk.contains("nowhere, which names nothing"),
        "{at_risk}"
    );

    let markdown = render_with(&plan, &config, &diagnostics, Format::Markdown);
    assert!(!markdown.contains("<svg"), "{markdown}");
    assert!(markdown.contains("## Dependency graph"));
    assert!(
        markdown.contains("- **security → platform**: 1 of 1 dependency at risk"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| security | [vault\\#KR3](<teams/security.md#okr-vault-kr3>) |"),
        "{markdown}"
    );
    assert!(!markdown.contains("\n\n\n"));
}

fn fake(
    rule: &'static str,
    plan: &Plan,
    objective: usize,
    subject: Subject,
    message: &str,
) -> Diagnostic {
    Diagnostic {
        rule,
        severity: Severity::Warning,
        location: Some(plan.objectives[objective].location.clone()),
        objective_index: Some(objective),
        kr_index: None,
        objective: Some(plan.objectives[objective].id.clone()),
        kr: None,
        subject: Some(subject),
        message: message.into(),
        help: "".into(),
    }
}

#[test]
fn series_show_phases_by_quarter_and_drifted_wording() {
    let config = config();
    let krs = "[[kr]]\ntext = \"t\"\ndone = [\"[x] a\"]\n";
    let text = okr(
        "m1",
        "platform",
        "2026-Q1",
        "Migrate billing to services to enable independent deploys (Foundations)",
        krs,
    ) + &okr(
        "m2",
        "platform",
        "2026-Q2",
        "migrate  Billing to services to enable independent deploys (Core extraction)",
        krs,
    ) + &okr(
        "m3",
        "platform",
        "2026-Q3",
        "Migrate billing onto services to enable faster independent deploys",
        krs,
    ) + &okr(
        "lone",
        "data",
        "2026-Q2",
        "Run one quarter of work for analysts to decide faster",
        krs,
    );
    let chapters = vec![
        ("okr-index.md", "{{#okr-index}}\n".to_string()),
        ("p.md", text),
    ];
    let (plan, mut diagnostics) = plan_of(&config, &chapters);
    // The index reads what drifted from what, never the message.
    let drift = Subject::Drift {
        earlier: 1,
        later: 2,
        score: 0.7,
    };
    diagnostics.push(fake("objective-drift", &plan, 2, drift, "`lone`"));
    let html = render_with(&plan, &config, &diagnostics, Format::Html);
    let series = section(&html, "okr-index-initiatives");
    assert_eq!(series.matches("<tr><td>").count(), 1, "{series}");
    assert!(series.contains("2026-Q1</span> <a href=\"p.html#okr-m1\">Foundations</a> 1.0 → <span class=\"okr-index-badge okr-index-badge-quarter\">2026-Q2</span> <a href=\"p.html#okr-m2\">Core extraction</a> 1.0"), "{series}");
    assert!(series.contains("<a href=\"p.html#okr-m3\">“Migrate billing onto services to enable faster independent deploys”</a> (2026-Q3)"), "{series}");
}

#[test]
fn overlaps_come_from_the_rule_with_the_other_side_linked() {
    let config = config();
    let krs = "[[kr]]\ntext = \"t\"\n";
    let text = okr(
        "a-obs",
        "security",
        "2026-Q2",
        "Build logging pipeline",
        krs,
    ) + &okr("b-obs", "platform", "2026-Q2", "Build log pipeline", krs);
    let chapters = vec![
        ("okr-index.md", "{{#okr-index}}\n".to_string()),
        ("x.md", text),
    ];
    let (plan, mut diagnostics) = plan_of(&config, &chapters);
    assert!(
        render_with(&plan, &config, &diagnostics, Format::Html)
            .contains("No overlapping work found")
    );
    diagnostics.push(fake(
        "overlapping-objectives",
        &plan,
        1,
        Subject::Overlap {
            earlier: Part {
                objective: 0,
                kr: None,
            },
            later: Part {
                objective: 1,
                kr: None,
            },
            score: 0.67,
        },
        "looks like `a-obs` (security): shares pipeline, 0.67",
    ));
    let html = render_with(&plan, &config, &diagnostics, Format::Html);
    let overlaps = section(&html, "okr-index-overlaps");
    assert!(overlaps.contains("<td>2026-Q2</td><td>platform</td><td><a href=\"x.html#okr-b-obs\">b-obs</a></td><td><a href=\"x.html#okr-a-obs\">a-obs</a> (security)</td><td>looks like `a-obs` (security): shares pipeline, 0.67</td>"), "{overlaps}");
}

#[test]
fn gaps_list_missing_teams_impact_and_done() {
    let html = index_of("{{#okr-index}}", &team_book());
    assert!(section(&html, "okr-index-gaps-teams").contains("<strong>2026-Q2</strong>: data"));
    let impact = section(&html, "okr-index-gaps-impact");
    assert!(
        impact.contains("Ship CI pipeline") && !impact.contains("Build secrets vault"),
        "{impact}"
    );
    let done = section(&html, "okr-index-gaps-done");
    assert!(
        done.contains(">KR3</a>: Add caching") && !done.contains("Cut secrets"),
        "{done}"
    );
    let rules = section(&html, "okr-index-gaps-findings");
    assert!(
        rules.contains(
            "okr-index-badge-warning\">unknown-rule</span></td><td>0</td><td>1</td><td>0</td>"
        ),
        "{rules}"
    );
}

#[test]
fn kr_gaps_are_the_findings_of_missing_definition_of_done() {
    // A sentence that states its baseline and target needs no done items;
    // an `allow` takes the KR off the list as it takes the finding away.
    let krs = "[[kr]]\nid = \"settled\"\ntext = \"Cut P1 pages from 12 a month to 2 a month\"\n\
               [[kr]]\nid = \"allowed\"\ntext = \"Write the runbook\"\nallow = [\"missing-definition-of-done\"]\n\
               [[kr]]\nid = \"open\"\ntext = \"Add caching to the build\"\n";
    let chapters = vec![(
        "security.md",
        okr(
            "pages",
            "security",
            "2026-Q2",
            "Quieter on-call to keep people",
            krs,
        ),
    )];
    let done = section(
        &index_of("{{#okr-index}}", &chapters),
        "okr-index-gaps-done",
    )
    .to_string();
    assert!(done.contains(">open</a>"), "{done}");
    assert!(!done.contains(">settled</a>"), "{done}");
    assert!(!done.contains(">allowed</a>"), "{done}");
}

#[test]
fn user_text_is_escaped_everywhere() {
    let krs = "[[kr]]\ntext = \"<img src=x onerror=alert(1)> & *b*\"\nphase = \"x\"\n";
    let book = vec![(
        "x.md",
        okr(
            "x",
            "security",
            "2026-Q2",
            "<script>alert(1)</script> | `a` (<i>phase</i>)",
            &krs.replace("phase = \"x\"\n", ""),
        ),
    )];
    let html = index_of("{{#okr-index}}", &book);
    assert!(
        !html.contains("<script>") && !html.contains("<img") && !html.contains("<i>"),
        "{html}"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains('\n'));
    let config = config();
    let (plan, diagnostics) = plan_of(
        &config,
        &[("okr-index.md", "{{#okr-index}}\n".into()), book[0].clone()],
    );
    let markdown = render_with(&plan, &config, &diagnostics, Format::Markdown);
    assert!(
        markdown.contains("\\<script\\>alert(1)\\</script\\> \\| \\`a\\`"),
        "{markdown}"
    );
    assert!(
        // Inline Markdown as on the cards: the emphasis stays, the HTML is text.
        markdown.contains("\\<img src=x onerror=alert(1)\\> \\& *b*"),
        "{markdown}"
    );
}

#[test]
fn links_are_relative_to_the_index_chapter() {
    let html = |from: &str, to: &str| relative_link(Path::new(from), Path::new(to), Format::Html);
    assert_eq!(html("okr-index.md", "teams/a.md"), "teams/a.html");
    assert_eq!(html("plan/index.md", "teams/a.md"), "../teams/a.html");
    assert_eq!(html("teams/x/i.md", "teams/a.md"), "../a.html");
    assert_eq!(html("i.md", "README.md"), "index.html");
    assert_eq!(html("a/i.md", "a/README.md"), "index.html");
    assert_eq!(
        relative_link(Path::new("a/i.md"), Path::new("b/c.md"), Format::Markdown),
        "../b/c.md"
    );
}

/// Builds a real book with mdBook in-process and checks that every link
/// the index writes reaches an existing page and, where it names one, an
/// element id there. KR anchors (`okr-<id>-<kr>`) are left out until the
/// cards carry them.
#[test]
fn every_index_link_resolves_in_a_built_book() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("src/teams")).unwrap();
    std::fs::write(
        root.join("book.toml"),
        "[book]\ntitle = \"t\"\n[preprocessor.okr]\nquarter = \"2026-Q2\"\nteams = [\"security\", \"platform\", \"data\"]\n",
    )
    .unwrap();
    std::fs::write(
        root.join("src/SUMMARY.md"),
        "# Summary\n\n- [Plan](README.md)\n- [Index](plan/okr-index.md)\n- [Security](teams/security.md)\n- [Platform](teams/platform.md)\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("src/plan")).unwrap();
    std::fs::write(root.join("src/README.md"), "# Plan\n").unwrap();
    std::fs::write(
        root.join("src/plan/okr-index.md"),
        "# Index\n\n{{#okr-index}}\n",
    )
    .unwrap();
    for (path, text) in team_book() {
        std::fs::write(root.join("src").join(path), format!("# {path}\n\n{text}")).unwrap();
    }
    crate::mdbook::build::build(root, Some(&root.join("out"))).unwrap();
    let out = root.join("out");
    let checked = links_resolve(&out, "plan/okr-index.html");
    assert!(checked > 10, "only {checked} links");
}

/// Follows every link of the index on the built page `page` (relative to
/// `out`) to an existing page and, where it names one, an element id
/// there; returns how many links were followed.
fn links_resolve(out: &Path, page: &str) -> usize {
    let page_path = out.join(page);
    let folder = page_path.parent().unwrap();
    let html = std::fs::read_to_string(&page_path).unwrap();
    let index = &html[html
        .find("<div class=\"okr-index\">")
        .unwrap_or_else(|| panic!("no index in {page}"))..];
    let mut checked = 0;
    for piece in index.split("href=\"").skip(1) {
        let href = &piece[..piece.find('"').unwrap()];
        let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
        // `#fragment` alone is a link within the page itself.
        let target = if path.is_empty() {
            page_path.clone()
        } else {
            folder.join(path)
        };
        let text = std::fs::read_to_string(&target)
            .unwrap_or_else(|_| panic!("{page}: {href}: no page {}", target.display()));
        if !fragment.is_empty() {
            assert!(
                text.contains(&format!("id=\"{fragment}\"")),
                "{page}: {href}: no element #{fragment}"
            );
        }
        checked += 1;
    }
    checked
}

/// A fixture book under `tests/fixtures/index-quarters`, built in-process.
fn built_fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
    let book = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/index-quarters")
        .join(name);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    crate::mdbook::build::build(&book, Some(&out)).unwrap();
    (dir, out)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|_| panic!("no page {}", path.display()))
}

#[test]
fn a_book_of_two_quarters_gets_an_overview_and_a_page_per_quarter() {
    let (_dir, out) = built_fixture("two");
    let overview = read(&out.join("plans/index.html"));
    for section in [
        "summary", "quarters", "graph", "at-risk", "overlaps", "gaps",
    ] {
        assert!(
            overview.contains(&format!("id=\"okr-index-{section}\"")),
            "no {section}"
        );
    }
    for listing in ["objectives", "dependencies"] {
        assert!(
            !overview.contains(&format!("id=\"okr-index-{listing}\"")),
            "{listing}"
        );
    }
    assert!(overview.contains("<a href=\"index-2026-Q2.html\">2026 Q2</a>"));
    assert!(overview.contains("<a href=\"index-2026-Q1.html\">2026 Q1</a>"));
    for (quarter, mine, other) in [
        (
            "2026-Q2",
            "Migrate the secrets of 40 services",
            "Pick a secrets vault",
        ),
        (
            "2026-Q1",
            "Pick a secrets vault",
            "Migrate the secrets of 40 services",
        ),
    ] {
        let page = read(&out.join(format!("plans/index-{quarter}.html")));
        assert!(page.contains("id=\"okr-index-objectives\""), "{quarter}");
        assert!(page.contains("id=\"okr-index-dependencies\""), "{quarter}");
        assert!(page.contains(mine), "{quarter} lacks {mine:?}");
        assert!(!page.contains(other), "{quarter} shows {other:?}");
    }
    // Nested under the index chapter, after its own sub-chapter.
    let toc = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("toc-"))
        .expect("mdBook's table of contents");
    let toc = read(&toc);
    let at = |needle: &str| toc.find(needle).unwrap_or_else(|| panic!("no {needle}"));
    assert!(at("2.1.</strong> Notes") < at("2.2.</strong> 2026 Q2"));
    assert!(at("2.2.</strong> 2026 Q2") < at("2.3.</strong> 2026 Q1"));
    assert!(at("plans/index-2026-Q1.html") < at("3.</strong> Security"));
}

#[test]
fn every_link_of_the_overview_and_the_quarter_pages_resolves() {
    let (_dir, out) = built_fixture("two");
    for page in [
        "plans/index.html",
        "plans/index-2026-Q2.html",
        "plans/index-2026-Q1.html",
    ] {
        let checked = links_resolve(&out, page);
        assert!(checked > 3, "{page}: only {checked} links");
    }
}

/// A book of one quarter keeps its index on one page, byte for byte as
/// before the split (`expected-index.html` was built by the release
/// before it).
#[test]
fn a_book_of_one_quarter_keeps_its_index_as_it_was() {
    let (_dir, out) = built_fixture("one");
    let page = read(&out.join("plans/index.html"));
    let start = page.find("<div class=\"okr-index\">").unwrap();
    let end = start + page[start..].find("</main>").unwrap();
    let expected = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/index-quarters/one/expected-index.html");
    assert_eq!(&page[start..end], read(&expected));
    assert!(!out.join("plans/index-2026-Q2.html").exists());
}

#[test]
fn filtered_indexes_and_taken_paths_make_no_pages() {
    let config = config();
    let mut chapters = team_book();
    chapters.push((
        "teams/old.md",
        okr(
            "old",
            "data",
            "2026-Q1",
            "Ship the data catalogue to every analyst team",
            "[[kr]]\ntext = \"Ship it\"\n",
        ),
    ));
    for directive in [
        "{{#okr-index quarter=2026-Q2}}",
        "{{#okr-index team=security}}",
    ] {
        let mut all = vec![("okr-index.md", format!("# Index\n\n{directive}\n"))];
        all.extend(chapters.iter().cloned());
        let (plan, diagnostics) = plan_of(&config, &all);
        assert_eq!(quarter_pages(&plan), Vec::new(), "{directive}");
        let html = render_with(&plan, &config, &diagnostics, Format::Html);
        assert!(html.contains("id=\"okr-index-objectives\""), "{directive}");
    }
    let mut all = vec![("okr-index.md", "# Index\n\n{{#okr-index}}\n".to_string())];
    all.extend(chapters);
    let (plan, _) = plan_of(&config, &all);
    let paths: Vec<PathBuf> = quarter_pages(&plan).into_iter().map(|p| p.path).collect();
    assert_eq!(
        paths,
        [
            PathBuf::from("okr-index-2026-Q2.md"),
            PathBuf::from("okr-index-2026-Q1.md")
        ]
    );
    // A chapter of the book at a page's path keeps the index on one page.
    all.push(("okr-index-2026-Q1.md", "# Old listing\n".to_string()));
    let (plan, diagnostics) = plan_of(&config, &all);
    assert_eq!(quarter_pages(&plan), Vec::new());
    let html = render_with(&plan, &config, &diagnostics, Format::Html);
    assert!(html.contains("id=\"okr-index-objectives\""), "{html}");
}

/// Many teams and objectives: prints the time the index takes. Run with
/// `cargo test --lib ten_thousand -- --ignored --nocapture`.
#[test]
#[ignore]
fn ten_thousand_objectives() {
    for objectives in [2_500, 5_000, 10_000] {
        let config = Config {
            quarter: Some("2026-Q2".parse().unwrap()),
            ..Config::default()
        };
        let mut text = String::from("{{#okr-index}}\n\n");
        for i in 0..objectives {
            let team = i % 30;
            let quarter = ["2025-Q4", "2026-Q1", "2026-Q2"][i % 3];
            let depends = if i > 0 {
                format!("depends_on = [\"o{}#KR1\"]\n", (i * 7919) % i)
            } else {
                String::new()
            };
            text.push_str(&okr(
                &format!("o{i}"),
                &format!("team-{team}"),
                quarter,
                &format!("Build system {} for team {team} to reduce toil", i / 90),
                &format!(
                    "[[kr]]\ntext = \"Cut toil from 10 to {}\"\nmetric = {{ from = 10, to = 2, current = 5 }}\n[[kr]]\ntext = \"Ship it\"\ndone = [\"[x] a\", \"[ ] b\"]\n{depends}[[kr]]\ntext = \"Try more\"\ncommitment = \"stretch\"\ndone = [\"[ ] c\"]\n",
                    i % 9
                ),
            ));
        }
        let started = Instant::now();
        let (plan, diagnostics) = plan_of(&config, &[("big.md", text)]);
        let planned = started.elapsed();
        let started = Instant::now();
        let html = render_with(&plan, &config, &diagnostics, Format::Html);
        println!(
            "{objectives} objectives: plan + lint {planned:?}, index {:?} ({} KB)",
            started.elapsed(),
            html.len() / 1024
        );
    }
}

/// The numbers of the graded table's first row (after the team), and the
/// card's grade, for one book: what a reader sees in both places.
fn graded_row_and_card_grade(krs: &str) -> (Vec<String>, String, String) {
    let config = config();
    let chapters = vec![
        ("okr-index.md", "{{#okr-index}}\n".to_string()),
        (
            "q1.md",
            okr(
                "done",
                "platform",
                "2026-Q1",
                "Ship the thing to cut toil",
                krs,
            ),
        ),
    ];
    let (plan, diagnostics) = plan_of(&config, &chapters);
    let html = render_with(&plan, &config, &diagnostics, Format::Html);
    let table = &html[html.find("okr-index-graded").expect("graded table")..];
    let row = &table[table.find("<tbody><tr>").unwrap()..table.find("</tr></tbody>").unwrap()];
    let cells: Vec<String> = row
        .split("<td>")
        .skip(2)
        .map(|c| c.trim_end_matches("</td>").to_string())
        .collect();
    let cx = RenderContext::new(&plan, &config, &diagnostics, Format::Html);
    let card = crate::page::render_file(&cx, 1);
    let start = card
        .find("<span class=\"okr-grade ")
        .expect("a grade on the card");
    let grade = &card[start..];
    let grade = grade[..grade.find("</span>").unwrap()].to_string();
    (cells, grade, card)
}

#[test]
fn card_and_index_read_a_stretch_band_alike() {
    // 4 of 7 items met: 0.571, shown as 0.6.
    let krs = "[[kr]]\ntext = \"t\"\ncommitment = \"stretch\"\n\
               done = [\"[x] a\", \"[x] b\", \"[x] c\", \"[x] d\", \"[ ] e\", \"[ ] f\", \"[ ] g\"]\n";
    let (cells, grade, _) = graded_row_and_card_grade(krs);
    // Committed met, missed with / without postmortem, unscored; stretch
    // below, in band, above, unscored.
    assert_eq!(cells, ["0", "0", "0", "0", "0", "1", "0", "0"]);
    assert!(
        grade.ends_with("final 0.6, 0.6–0.7 expected of a stretch goal: on target"),
        "{grade}"
    );
}

#[test]
fn a_blank_postmortem_is_none_on_card_and_index() {
    let krs = "[[kr]]\ntext = \"t\"\npostmortem = \"  \"\ndone = [\"[x] a\", \"[ ] b\"]\n";
    let (cells, grade, card) = graded_row_and_card_grade(krs);
    assert_eq!(cells, ["0", "0", "1", "0", "0", "0", "0", "0"]);
    assert!(grade.ends_with("missed, no postmortem"), "{grade}");
    assert!(!card.contains("okr-postmortem"), "{card}");
}

#[test]
fn kr_and_objective_text_render_inline_markdown_like_the_cards() {
    let krs = "[[kr]]\ntext = \"Publish the guide with the **5** most common `layouts`\"\n";
    let book = vec![(
        "x.md",
        okr(
            "x",
            "platform",
            "2026-Q2",
            "Make *deploys* boring to cut toil",
            krs,
        ),
    )];
    let html = index_of("{{#okr-index}}", &book);
    let objectives = &html[html.find("okr-index-objectives").unwrap()..];
    assert!(
        objectives.contains(
            "Publish the guide with the <strong>5</strong> most common <code>layouts</code>"
        ),
        "{objectives}"
    );
    assert!(
        objectives
            .contains("<a href=\"x.html#okr-x\">Make <em>deploys</em> boring to cut toil</a>"),
        "{objectives}"
    );
    assert!(!html.contains("**5**"), "{html}");
    let config = config();
    let mut chapters = vec![("okr-index.md", "{{#okr-index}}\n".to_string())];
    chapters.extend(book);
    let (plan, diagnostics) = plan_of(&config, &chapters);
    let markdown = render_with(&plan, &config, &diagnostics, Format::Markdown);
    assert!(
        markdown.contains("Publish the guide with the **5** most common `layouts`"),
        "{markdown}"
    );
    assert!(
        markdown.contains("[Make *deploys* boring to cut toil](<x.md#okr-x>)"),
        "{markdown}"
    );
}
