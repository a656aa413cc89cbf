//! The crate's layout: each top-level module of `src/` is one stage, and a
//! stage imports only stages before it, so data flows one way and there is
//! no import circle (ARCHITECTURE.md, "Where each stage lives").

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// The stages in pipeline order. A new top-level module takes its place
/// here; the test fails until it does.
const STAGES: &[&str] = &[
    "model",
    "diagnostic",
    "grade",
    "config",
    "source",
    "plan",
    "analysis",
    "history",
    "lint",
    "book",
    "render",
    "index",
    "page",
    "output",
    "export",
    "diff",
    "mdbook",
    "cycle",
    "lsp",
    "cli",
];

/// The `crate::<module>` paths a file's code names, tests and comments left
/// out.
fn imports(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut found = Vec::new();
    for line in code.lines() {
        let line = line.split("//").next().unwrap_or("");
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            found.push(name);
        }
    }
    found
}

fn walk(folder: &Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

#[test]
fn every_stage_imports_only_the_stages_before_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files.sort();
    let mut backwards = BTreeSet::new();
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let first = relative.components().next().unwrap().as_os_str();
        let stage = first.to_str().unwrap().trim_end_matches(".rs");
        if matches!(stage, "lib" | "main") || relative.ends_with("tests.rs") {
            continue;
        }
        let Some(position) = STAGES.iter().position(|s| *s == stage) else {
            panic!("src/{stage} is not in STAGES: give it its place in the pipeline");
        };
        let text = fs::read_to_string(file).unwrap();
        for imported in imports(&text) {
            if STAGES.iter().position(|s| *s == imported) > Some(position) {
                backwards.insert(format!("src/{} -> {imported}", relative.display()));
            }
        }
    }
    assert!(
        backwards.is_empty(),
        "imports of a later stage: {backwards:#?}"
    );
}
