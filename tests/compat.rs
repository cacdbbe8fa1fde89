//! Format 1 keeps working byte for byte: every file under `examples/`, `tests/fixtures/` and
//! `questionnaires/` gives exactly the output it gave before format 2 existed.
//!
//! The snapshot holds, per file, the exit code and a sha256 of the output of
//! `score --format json FILE`, `validate FILE` (for questionnaire files) and, for questionnaires, `show` (table and
//! markdown). It was captured on `main` before any format-2 code was written; a changed line
//! here is a change to what a format-1 user sees, and must be explained.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::common::{Run, cse};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if p
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
        {
            out.push(p);
        }
    }
}

fn digest(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn line(what: &str, args: &[&str]) -> String {
    let ran = cse().args(args).run();
    format!(
        "  {what}: exit {} stdout {} stderr {}\n",
        ran.code,
        digest(&ran.stdout),
        digest(&ran.stderr)
    )
}

/// The bundled format-1 questionnaires, whose sha256 stamps are in dozens of files.
const FORMAT_1_BUNDLED: [&str; 2] = [
    "questionnaires/oxfordshire-cse.yaml",
    "questionnaires/national-cse.yaml",
];

/// A screening made with a bundled format-2 questionnaire (SERAF, Pan-Cheshire).
fn names_a_format_2_tool(text: &str) -> bool {
    ["{id: seraf,", "{id: pan-cheshire,"]
        .iter()
        .any(|stamp| text.contains(&format!("questionnaire: {stamp}")))
}

#[test]
fn every_format_1_file_scores_validates_and_shows_as_before() {
    let mut all = Vec::new();
    for dir in ["examples", "tests/fixtures"] {
        files(Path::new(dir), &mut all);
    }
    all.extend(FORMAT_1_BUNDLED.iter().map(PathBuf::from));
    all.push(PathBuf::from("examples/questionnaire-minimal.yaml"));
    all.sort();
    all.dedup();
    let mut out = String::new();
    for path in &all {
        let p = path.to_str().expect("UTF-8 path");
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if p.ends_with("questionnaire-format-2.yaml") || names_a_format_2_tool(&text) {
            // The format-2 example and screenings of the format-2 tools are new;
            // `tests/format2` and `tests/examples.rs` check them.
            continue;
        }
        out.push_str(p);
        out.push('\n');
        out.push_str(&line("score", &["score", "--format", "json", p]));
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.starts_with("q-") || text.contains("\nsections:") || text.contains("\nlevels:") {
            // A questionnaire (or a broken one): `validate` reads it.
            out.push_str(&line("validate", &["validate", p]));
        }
        if p.starts_with("questionnaires/") || p.ends_with("questionnaire-minimal.yaml") {
            out.push_str(&line("show", &["show", p]));
            out.push_str(&line("show md", &["show", "--format", "markdown", p]));
        }
    }
    insta::assert_snapshot!(out);
}
