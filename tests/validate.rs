//! `cse-screen validate`: every bundled questionnaire passes, every problem is reported with
//! `file:line:column` and help, and the documented example is the tested one. The messages for
//! each class of problem are pinned in `messages`.

mod messages;

use crate::common::{cse, no_panic_text};
use predicates::prelude::*;

const EXAMPLE: &str = include_str!("../examples/questionnaire-minimal.yaml");

#[test]
fn validate_with_no_path_checks_every_bundled_questionnaire() {
    cse()
        .arg("validate")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "questionnaires/oxfordshire-cse.yaml: ok (oxfordshire-cse 2.8.0, 52 indicators",
        ))
        .stdout(predicate::str::contains(
            "questionnaires/national-cse.yaml: ok (national-cse 2.8.0",
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
