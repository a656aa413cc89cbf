//! Every input under `fuzz/corpus/<target>/` and `fuzz/regressions/<target>/`
//! run through the fuzz targets' own entry points, so whatever a fuzzer
//! once found stays checked by `cargo test`, no fuzzer needed.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use crate::support::crate_dir;

#[path = "../../fuzz/entry_points.rs"]
mod entry_points;

fn inputs(folder: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_seed_and_regression_replays() {
    let fuzz = crate_dir().join("fuzz");
    let mut failures = Vec::new();
    let mut replayed = 0;
    for (target, entry) in entry_points::TARGETS {
        let mut files = inputs(&fuzz.join("corpus").join(target));
        files.extend(inputs(&fuzz.join("regressions").join(target)));
        assert!(
            !files.is_empty(),
            "no seed inputs for the `{target}` target"
        );
        for file in files {
            let data = std::fs::read(&file).expect("a corpus file is readable");
            if catch_unwind(AssertUnwindSafe(|| entry(&data))).is_err() {
                failures.push(format!("{target}: {}", file.display()));
            }
            replayed += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {replayed} inputs failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
