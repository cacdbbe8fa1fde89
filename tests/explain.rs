//! `cse-screen explain`: every teaching case explained, pinned by a snapshot; why a rule did
//! not fire; the what-if (`--set`), raising and lowering; bad `--set` values; and a warning
//! when the questionnaire version differs.

use crate::common::{Run, cse};
use crate::training::{cases, training_dir};
use predicates::prelude::*;

#[test]
fn explain_on_every_teaching_case() {
    for path in cases() {
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let shown = format!("examples/training/{name}.yaml");
        let out = cse()
            .args(["explain", &shown])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .run()
            .code(0)
            .stderr_is("")
            .stdout;
        for part in [
            "1. Answers and points",
            "2. Levels",
            "3. Rules",
            "4. Outcome:",
            "5. Routes",
            "6. What finding out could change",
        ] {
            assert!(out.contains(part), "{name}: no `{part}`");
        }
        insta::assert_snapshot!(format!("explain_{name}"), out);
    }
}

#[test]
fn explain_shows_why_a_rule_did_not_fire() {
    cse()
        .args([
            "explain",
            "examples/training/01-looked-after-repeatedly-missing.yaml",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("[not met] age below 13"))
        .stdout(predicate::str::contains("FIRED: at least High"));
}

#[test]
fn flipping_one_indicator_changes_the_level() {
    // Case 4 is low with many unknowns; a yes to a significant indicator makes it medium.
    cse()
        .args([
            "explain",
            "examples/training/04-many-not-known.yaml",
            "--set",
            "cars_with_unknown_adults=yes",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "What if: cars_with_unknown_adults = yes",
        ))
        .stdout(predicate::str::contains(
            "The level rises from Low to Medium.",
        ))
        .stdout(predicate::str::contains(
            "Newly fired: significant_indicator_present:",
        ));
}

#[test]
fn setting_age_below_13_fires_the_13_or_under_rule_with_its_reason() {
    cse()
        .args([
            "explain",
            "examples/answers/oxfordshire-02-significant-long-ago.yaml",
            "--set",
            "age=12",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "The level rises from Medium to High.",
        ))
        .stdout(predicate::str::contains(
            "Newly fired: aged_13_or_under_significant_indicator:",
        ))
        .stdout(predicate::str::contains(
            "For a child of 13 or under, even a single high-risk factor is to be treated as a possible sign of sexual exploitation (Pan-Cheshire screening tool)",
        ));
}

#[test]
fn a_what_if_can_also_lower_and_says_so() {
    cse()
        .args([
            "explain",
            "examples/training/03-disclosure-withdrawn.yaml",
            "--set",
            "disclosure_of_assault=no",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "No longer fired: disclosure_of_abuse",
        ));
}

#[test]
fn a_bad_set_is_a_usage_error_with_a_suggestion() {
    for (set, message, help) in [
        (
            "agee=12",
            "`agee` is neither an indicator nor a profile fact",
            "did you mean `age`?",
        ),
        (
            "age=twelve",
            "`twelve` is not an age",
            "age takes an age in whole years",
        ),
        (
            "drug_use=maybe",
            "`maybe` is not an answer",
            "yes, no or not_known",
        ),
        ("drug_use", "expected ID=VALUE", "--set age=12"),
    ] {
        cse()
            .args([
                "explain",
                "examples/training/04-many-not-known.yaml",
                "--set",
                set,
            ])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(message))
            .stderr(predicate::str::contains(help));
    }
}

#[test]
fn explain_refuses_the_same_id_set_twice() {
    // `--set age=12 --set age=13` showed "What if: age = 12, age = 13" and scored one of them.
    cse()
        .args([
            "explain",
            "examples/training/04-many-not-known.yaml",
            "--set",
            "age=12",
            "--set",
            "drug_use=yes",
            "--set",
            " age = 13",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "--set  age = 13: `age` is already set by --set age=12",
        ))
        .stderr(predicate::str::contains(
            "set each indicator or profile fact once",
        ));
}

#[test]
fn explain_warns_when_the_questionnaire_version_differs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(training_dir().join("04-many-not-known.yaml"))
        .unwrap()
        .replace("version: 2.8.0", "version: 0.9.0");
    let path = dir.path().join("old.yaml");
    std::fs::write(&path, text).unwrap();
    cse()
        .arg("explain")
        .arg(&path)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1. Answers and points"))
        .stderr(predicate::str::contains(
            ":4:16: warning: this screening was made with oxfordshire-cse 0.9.0",
        ));
}

/// Found in review: `explain` listed only the single answers that reach Medium and gave no
/// review date, where `score` and the record said 28 days, as for High; and it headed a file
/// stamped with an earlier version with the current one, saying so only on stderr.
#[test]
fn explain_gives_what_everything_not_known_could_reach_the_review_and_the_stamp() {
    let many = "examples/answers/oxfordshire-08-many-not-known.yaml";
    let out = cse()
        .args(["explain", many])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .run()
        .code(0)
        .stdout;
    assert!(
        out.contains(
            "All together: finding out everything not known could raise the level to High."
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "Review due: 2026-12-16 (28 days, as for High rather than Low's 90, because finding \
             out what is not known could raise the level to High), or sooner if anything changes."
        ),
        "{out}"
    );
    assert!(!out.contains("The answers were given to"), "{out}");

    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(many))
        .unwrap();
    let stamp = text
        .lines()
        .find(|l| l.starts_with("questionnaire:"))
        .unwrap()
        .to_owned();
    let earlier =
        cse_screen::questionnaire::earlier_named("oxfordshire-cse@2.4.0").expect("2.4.0 is kept");
    let other = cse_screen::questionnaire::from_str(earlier.text)
        .expect("valid")
        .sha256;
    std::fs::write(
        dir.path().join("other.yaml"),
        text.replace(
            &stamp,
            &format!("questionnaire: {{id: oxfordshire-cse, version: 2.4.0, sha256: {other}}}"),
        ),
    )
    .unwrap();
    let out = cse()
        .args(["explain", "other.yaml"])
        .current_dir(dir.path())
        .run()
        .code(0)
        .stdout;
    assert!(
        out.contains(&format!(
            "The answers were given to oxfordshire-cse 2.4.0 (sha256 {other}); they are scored \
             with the version above"
        )),
        "{out}"
    );
}

/// Found in review: a rule whose only deciding answer was not known read "not met" and
/// "[not met] unexplained_injury is yes", which a trainer reads as ruled out, while the same
/// output said finding it out could change the outcome. It reads "not met on the answers
/// given (unexplained_injury not known)" and "[not known]"; answered no, "not met".
#[test]
fn a_rule_whose_answer_is_not_known_is_not_said_to_be_ruled_out() {
    let example = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/answers/oxfordshire-01-low-vulnerabilities-only.yaml"),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let unknown = example.replacen(
        "unexplained_injury: {answer: no}",
        "unexplained_injury: {answer: not_known}",
        1,
    );
    assert_ne!(unknown, example);
    for (name, text) in [("unknown.yaml", &unknown), ("no.yaml", &example)] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let explain = |name: &str| {
        let out = cse()
            .arg("explain")
            .arg(dir.path().join(name))
            .env("COLUMNS", "400")
            .run()
            .code(0)
            .stdout;
        out.lines()
            .find(|l| l.contains("unexplained_injury_investigated"))
            .unwrap_or_else(|| panic!("{out}"))
            .to_owned()
    };
    let row = explain("unknown.yaml");
    assert!(
        row.contains("not met on the answers given (unexplained_injury not known)"),
        "{row}"
    );
    assert!(
        row.contains("[not known] unexplained_injury is yes"),
        "{row}"
    );
    let row = explain("no.yaml");
    assert!(row.contains("┆ not met "), "{row}");
    assert!(row.contains("[not met] unexplained_injury is yes"), "{row}");
}
