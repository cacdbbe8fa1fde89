//! The binary end to end: `validate`, `questionnaires`, `show`, exit codes and messages.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly on broken fixtures

mod common;

use common::{cse, no_panic_text};
use predicates::prelude::*;

const EXAMPLE: &str = include_str!("../examples/questionnaire-minimal.yaml");

#[test]
fn validate_with_no_path_checks_every_bundled_questionnaire() {
    cse()
        .arg("validate")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "questionnaires/oxfordshire-cse.yaml: ok (oxfordshire-cse 1.0.0, 43 indicators",
        ))
        .stdout(predicate::str::contains(
            "questionnaires/national-cse.yaml: ok (national-cse 1.0.0",
        ))
        .stderr("");
}

#[test]
fn validate_reports_every_problem_with_file_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("broken.yaml");
    let broken = EXAMPLE
        .replacen(
            "weights: {recent: 5, earlier: 1}",
            "weights: {recent: 5, erlier: 1}",
            1,
        )
        .replacen("        weight: 1\n", "        weight: -2\n", 1)
        .replacen("raise_to: high", "raise_to: hihg", 1);
    std::fs::write(&path, broken).expect("write");
    let shown = path.display().to_string();
    cse()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(65)
        .stdout("")
        .stderr(predicate::str::contains(format!("{shown}:41:30: `weights` of indicator `missing` names unknown window `erlier`\n  help: did you mean `earlier`?")))
        .stderr(predicate::str::contains(format!("{shown}:52:17: weight of indicator `unexplained_gifts` is negative (-2)")))
        .stderr(predicate::str::contains(format!("{shown}:65:15: rule `under_13` names unknown level `hihg`")))
        .stderr(predicate::str::contains(format!("{shown}: 3 problems found")))
        .stderr(no_panic_text());
}

#[test]
fn validate_shows_the_source_for_a_yaml_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("syntax.yaml");
    std::fs::write(&path, "format: 1\nid: x\n  title: [\n").expect("write");
    cse()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(65)
        .stderr(predicate::str::contains(format!(
            "{}:3:8: mapping values are not allowed in this context",
            path.display()
        )))
        .stderr(predicate::str::contains("3 |   title: ["))
        .stderr(no_panic_text());
}

#[test]
fn validate_goes_on_past_a_missing_file_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("good.yaml");
    std::fs::write(&good, EXAMPLE).expect("write");
    let missing = dir.path().join("missing.yaml");
    cse()
        .arg("validate")
        .arg(&missing)
        .arg(&good)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "error: {}: no such file",
            missing.display()
        )))
        .stdout(predicate::str::contains(format!(
            "{}: ok (example-minimal 0.1.0, 2 indicators, 2 rules)",
            good.display()
        )));
}

#[test]
fn validate_refuses_binary_junk_without_panicking() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("junk.yaml");
    std::fs::write(&path, [0xff, 0xfe, 0x00, 0x9f, 0x92, 0x96]).expect("write");
    cse()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(65)
        .stderr(predicate::str::contains("the file is not UTF-8 text"))
        .stderr(no_panic_text());
}

#[test]
fn questionnaires_lists_the_bundled_ones_with_the_default_first() {
    cse()
        .arg("questionnaires")
        .assert()
        .code(0)
        .stdout(predicate::str::is_match(r"oxfordshire-cse\s+┆ 1\.0\.0\s+┆ Oxfordshire child sexual exploitation[^\n]*┆ 43\s+┆ yes").expect("regex"))
        .stdout(predicate::str::contains("national-cse"));
}

#[test]
fn show_prints_the_default_questionnaire_as_tables() {
    cse()
        .arg("show")
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "Oxfordshire child sexual exploitation screening (oxfordshire-cse 1.0.0)",
        ))
        .stdout(predicate::str::contains(
            "Levels (a level's routes include those of the levels below it)",
        ))
        .stdout(predicate::str::contains(
            "Rules (they can only raise the outcome)",
        ))
        .stdout(predicate::str::contains("01865 335276"))
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
        .stdout(predicate::str::contains("(national-cse 1.0.0)"));
}

#[test]
fn show_explains_an_unknown_questionnaire() {
    cse()
        .args(["show", "surrey-cse"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("error: `surrey-cse` is neither a bundled questionnaire nor a file\n  help: bundled questionnaires are: oxfordshire-cse, national-cse\n");
}

#[test]
fn output_is_the_same_bytes_every_time() {
    let first = cse().arg("show").output().expect("run").stdout;
    let second = cse().arg("show").output().expect("run").stdout;
    assert_eq!(first, second);
}

#[test]
fn help_documents_the_exit_codes() {
    cse()
        .arg("--help")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "65   a questionnaire or answers file is invalid",
        ))
        .stdout(predicate::str::contains("it does not decide"));
}

#[test]
fn a_usage_error_exits_2() {
    cse().arg("frobnicate").assert().code(2);
}

#[test]
fn the_documented_example_is_the_tested_example() {
    let doc = include_str!("../docs/questionnaire-format.md");
    let block = doc
        .split("## A complete example")
        .nth(1)
        .and_then(|s| s.split("```yaml\n").nth(1))
        .and_then(|s| s.split("```").next())
        .expect("docs/questionnaire-format.md has a complete example");
    assert_eq!(
        block, EXAMPLE,
        "keep docs/questionnaire-format.md and examples/questionnaire-minimal.yaml identical"
    );
}

#[test]
fn screen_without_a_terminal_refuses_at_once_and_points_to_score() {
    let started = std::time::Instant::now();
    cse()
        .arg("screen")
        .pipe_stdin("/dev/null")
        .expect("/dev/null")
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .code(3)
        .stdout("")
        .stderr("error: `screen` asks questions and needs a terminal, but standard input is not one\n  help: to score a saved screening without a terminal, use `cse-screen score FILE`;\n        to answer from a file of replies, use `cse-screen screen --plain < replies.txt`\n");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
}
