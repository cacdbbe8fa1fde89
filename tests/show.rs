//! `cse-screen questionnaires` and `cse-screen show`: the bundled questionnaires listed, and a
//! questionnaire printed as tables or as a Markdown handout (pinned by a snapshot).

use crate::common::{Run, cse};
use predicates::prelude::*;

const EXAMPLE: &str = include_str!("../examples/questionnaire-minimal.yaml");

#[test]
fn questionnaires_lists_the_bundled_ones_with_the_default_first() {
    cse()
        .arg("questionnaires")
        .assert()
        .code(0)
        .stdout(
            predicate::str::is_match(
                r"oxfordshire-cse\s+┆ 2\.8\.0\s+┆ Oxfordshire child exploitation[^\n]*┆ 52\s+┆ yes",
            )
            .expect("regex"),
        )
        .stdout(predicate::str::contains("national-cse"));
}

#[test]
fn show_prints_the_default_questionnaire_as_tables() {
    cse()
        .arg("show")
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "Oxfordshire child exploitation screening (sexual and criminal) (oxfordshire-cse 2.8.0)",
        ))
        .stdout(predicate::str::contains(
            "Levels (a level's routes include those of the levels below it)",
        ))
        .stdout(predicate::str::contains(
            "Rules (they can only raise the outcome)",
        ))
        .stdout(predicate::str::contains("0345 050 7666"));
}

#[test]
fn show_takes_a_path_or_a_bundled_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("mine.yaml");
    std::fs::write(&path, EXAMPLE).expect("write");
    cse()
        .arg("show")
        .arg(&path)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("recent 5, earlier 1"));
    cse()
        .args(["show", "national-cse"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("(national-cse 2.8.0)"));
}

#[test]
fn show_explains_an_unknown_questionnaire() {
    cse()
        .args(["show", "surrey-cse"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("error: `surrey-cse` is neither a bundled questionnaire nor a file\n  help: bundled questionnaires are: oxfordshire-cse, national-cse, seraf, pan-cheshire\n");
}

#[test]
fn show_prints_a_markdown_handout() {
    let out = cse()
        .args(["show", "oxfordshire-cse", "--format", "markdown"])
        .run()
        .code(0)
        .stdout;
    assert!(out.starts_with("# "));
    for heading in ["## Levels", "## Rules", "## Routes", "## Sources"] {
        assert!(out.contains(heading), "no {heading}");
    }
    insta::assert_snapshot!(out);
}
