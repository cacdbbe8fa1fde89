//! The wording check end to end: the two corpora, the `language` command on text and on
//! answers files, phrase files given with `--phrases`, `validate` on a questionnaire's own
//! words, and `score`'s warnings. Fictional data only.

use crate::common::{cse, no_panic_text};
use cse_screen::language;
use predicates::prelude::*;

const NEUTRAL: &str = include_str!("fixtures/language/neutral.txt");
const BLAMING: &str = include_str!("fixtures/language/blaming.txt");
const EXAMPLE_Q: &str = include_str!("../examples/questionnaire-minimal.yaml");
const LOOKED_AFTER: &str =
    include_str!("../examples/answers/oxfordshire-07-looked-after-child-missing.yaml");

/// The sentences of a corpus: one a line, `#` lines are comments.
fn sentences(corpus: &str) -> Vec<&str> {
    corpus
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .collect()
}

#[test]
fn neutral_practitioner_sentences_give_no_findings() {
    let list = language::bundled().unwrap();
    let lines = sentences(NEUTRAL);
    assert!(lines.len() >= 30, "only {} neutral sentences", lines.len());
    let flagged: Vec<String> = lines
        .iter()
        .flat_map(|l| list.check(l, true))
        .map(|f| format!("{:?} ({})", f.text, f.id))
        .collect();
    assert_eq!(flagged, Vec::<String>::new(), "false alarms");
}

#[test]
fn every_victim_blaming_sentence_gives_a_finding() {
    let list = language::bundled().unwrap();
    let lines = sentences(BLAMING);
    assert!(lines.len() >= 30, "only {} blaming sentences", lines.len());
    let missed: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| list.check(l, false).is_empty())
        .collect();
    assert_eq!(missed, Vec::<&str>::new(), "not caught");
    // The corpus covers most of the list, not one phrase many times over.
    let ids: std::collections::BTreeSet<String> = lines
        .iter()
        .flat_map(|l| list.check(l, false))
        .map(|f| f.id)
        .collect();
    assert!(ids.len() >= 25, "{} phrases exercised: {ids:?}", ids.len());
}

#[test]
fn language_on_text_lists_each_finding_and_exits_4() {
    cse()
        .args(["language", "-"])
        .write_stdin("Seen with adults.\nShe keeps Putting Herself at risk.\n")
        .assert()
        .code(4)
        .stdout(predicate::str::starts_with(
            "-:2:11: \"Putting Herself at risk\": putting themselves at risk\n  why: It makes the child responsible for the harm",
        ))
        .stdout(predicate::str::contains(
            "  instead: \"may be being groomed\" or \"is at increased risk of being exploited\"",
        ))
        .stdout(predicate::str::ends_with("-: 1 finding\n"))
        .stderr("");
}

#[test]
fn language_on_clean_text_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, NEUTRAL).unwrap();
    cse()
        .arg("language")
        .arg(&path)
        .assert()
        .code(0)
        .stdout(format!("{}: 0 findings\n", path.display()));
}

#[test]
fn language_json_has_the_documented_shape() {
    let output = cse()
        .args(["language", "--format", "json", "--age", "12"])
        .write_stdin("Known to be sexually active since age 11.")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(4));
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(doc["file"], "-");
    assert_eq!(doc["kind"], "text");
    let f = &doc["findings"][0];
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(1), Some(13))
    );
    assert_eq!(f["field"], serde_json::Value::Null);
    assert_eq!(f["phrase_id"], "sexually_active");
    assert_eq!(f["text"], "sexually active");
    assert_eq!(f["kept"], false);
    assert!(
        f["legal"]
            .as_str()
            .unwrap()
            .contains("Sexual Offences Act 2003")
    );
    assert!(!f["instead"].as_array().unwrap().is_empty());
    assert!(
        f["sources"][0]["url"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
}

/// The looked-after example with two notes rewritten: one blaming wording in each.
fn blaming_screening() -> String {
    let text = LOOKED_AFTER.replacen(
        "note: \"Often out past the agreed time; staff do not know where the child goes.\"",
        "note: \"Often out past the agreed time; she is streetwise.\"",
        1,
    );
    assert_ne!(
        text, LOOKED_AFTER,
        "test setup: the note is not in the example"
    );
    text.replacen(
        "  missing_from_home_or_care: {answer: yes, windows: [recent, earlier], basis: evidence, note: \"Four episodes known: two in early 2026 and two in October 2026, each overnight; came back once by taxi nobody at the home had booked.\", follow_up: {episodes: 4}}",
        "  missing_from_home_or_care:\n    answer: yes\n    windows: [recent, earlier]\n    basis: evidence\n    note: >-\n      Four episodes known. She keeps\n      putting herself at risk.\n    language_kept: [putting_self_at_risk]\n    follow_up: {episodes: 4}",
        1,
    )
}

#[test]
fn language_on_an_answers_file_checks_the_notes_and_points_into_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("EX-1007.yaml");
    std::fs::write(&path, blaming_screening()).unwrap();
    let shown = path.display().to_string();
    cse()
        .arg("language")
        .arg(&path)
        .assert()
        .code(4)
        .stdout(predicate::str::contains(format!(
            "{shown}:20:7: \"putting herself at risk\" in the note of `missing_from_home_or_care`: putting themselves at risk (kept by the practitioner)"
        )))
        .stdout(predicate::str::contains(format!(
            "{shown}:41:103: \"streetwise\" in the note of `whereabouts_not_known`: streetwise\n"
        )))
        .stdout(predicate::str::ends_with(format!(
            "{shown}: 1 finding (1 more kept by the practitioner)\n"
        )))
        .stderr("");
}

#[test]
fn kept_findings_alone_exit_0_and_json_answers_files_are_located_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("EX-1007.json");
    let mut s: serde_json::Value = serde_json::to_value(
        cse_screen::answers::parse(
            &blaming_screening().replace("she is streetwise", "nobody knows where"),
            cse_screen::answers::Format::Yaml,
        )
        .unwrap(),
    )
    .unwrap();
    s["judgement"] =
        serde_json::json!({"raise_to": "high", "reason": "Her older boyfriend is 22."});
    std::fs::write(&path, serde_json::to_string_pretty(&s).unwrap()).unwrap();
    let output = cse()
        .args(["language", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(4),
        "the judgement finding is not kept"
    );
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(doc["kind"], "answers");
    let fields: Vec<(&str, bool)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["field"].as_str().unwrap(), f["kept"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        fields,
        [
            ("answers.missing_from_home_or_care.note", true),
            ("judgement.reason", false)
        ]
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let reason_line = text
        .lines()
        .position(|l| l.contains("Her older boyfriend"))
        .unwrap();
    assert_eq!(
        doc["findings"][1]["line"].as_u64(),
        Some(reason_line as u64 + 1)
    );

    // Without the judgement, only the kept finding is left: nothing to change.
    s.as_object_mut().unwrap().remove("judgement");
    std::fs::write(&path, serde_json::to_string(&s).unwrap()).unwrap();
    cse()
        .arg("language")
        .arg(&path)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("(kept by the practitioner)"));
}

#[test]
fn a_broken_answers_file_is_invalid_unless_checked_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.yaml");
    let text = blaming_screening().replace("status: complete", "status: finished");
    std::fs::write(&path, text).unwrap();
    cse()
        .arg("language")
        .arg(&path)
        .assert()
        .code(65)
        .stdout("")
        .stderr(predicate::str::contains("`finished` is not a status"))
        .stderr(predicate::str::contains(
            "help: to check the file as plain text, add --text",
        ))
        .stderr(no_panic_text());
    cse()
        .args(["language", "--text"])
        .arg(&path)
        .assert()
        .code(4)
        .stdout(predicate::str::contains(
            ":41:103: \"streetwise\": streetwise",
        ));
}

#[test]
fn a_phrase_file_can_replace_the_built_in_list_and_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("phrases.yaml");
    std::fs::write(
        &good,
        "format: 1
sources: [{id: guide, title: Our guide, url: https://example.org/guide}]
phrases:
  - id: frequent_flyer
    phrase: frequent flyer
    patterns: [\"frequent (flyer|flier)[s]\"]
    why: It makes light of repeated harm.
    instead: [has been missing many times]
    sources: [guide]
",
    )
    .unwrap();
    cse()
        .args(["language", "--phrases"])
        .arg(&good)
        .write_stdin("A frequent flyer at the station. Putting herself at risk.")
        .assert()
        .code(4)
        .stdout(predicate::str::contains(
            "-:1:3: \"frequent flyer\": frequent flyer",
        ))
        .stdout(predicate::str::contains("putting").not());

    let bad = dir.path().join("bad.yaml");
    std::fs::write(
        &bad,
        "format: 1
sources: []
phrases:
  - id: x
    phrase: x
    patterns: [\"(a|b\", \"ok\"]
    why: ''
    instead: []
    sources: [nowhere]
",
    )
    .unwrap();
    let shown = bad.display().to_string();
    cse()
        .args(["language", "--phrases"])
        .arg(&bad)
        .write_stdin("text")
        .assert()
        .code(65)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "{shown}:4:9: phrase `x` has no better wording"
        )))
        .stderr(predicate::str::contains(format!(
            "{shown}:6:17: pattern of `x`: `(` is not closed"
        )))
        .stderr(predicate::str::contains(format!(
            "{shown}:7:10: `why` of `x` is empty"
        )))
        .stderr(predicate::str::contains(format!(
            "{shown}:9:15: phrase `x` names unknown source `nowhere`"
        )))
        .stderr(predicate::str::contains(format!(
            "{shown}: 4 problems found"
        )))
        .stderr(no_panic_text());

    cse()
        .args(["validate", "--phrases"])
        .arg(dir.path().join("missing.yaml"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("missing.yaml: no such file"));
}

#[test]
fn validate_fails_on_a_listed_phrase_in_a_questionnaire_and_allows_a_marked_quote() {
    let dir = tempfile::tempdir().unwrap();
    let planted = dir.path().join("planted.yaml");
    std::fs::write(
        &planted,
        EXAMPLE_Q.replacen(
            "help: Ask what the child is running to, as well as from.",
            "help: Ask what the child is running to, as she may be putting herself at risk.",
            1,
        ),
    )
    .unwrap();
    let shown = planted.display().to_string();
    cse()
        .arg("validate")
        .arg(&planted)
        .assert()
        .code(65)
        .stdout("")
        .stderr(predicate::str::starts_with(format!(
            "{shown}:39:63: help of indicator `missing` says \"putting herself at risk\" (listed phrase `putting_self_at_risk`)\n  help: It makes the child responsible"
        )))
        .stderr(predicate::str::contains(format!("{shown}: 1 problem found")));

    let quoted = dir.path().join("quoted.yaml");
    std::fs::write(
        &quoted,
        EXAMPLE_Q.replacen(
            "help: Ask what the child is running to, as well as from.",
            "help: 'Ask what the child is running to. Avoid saying \"putting herself at risk\"; say \"may be being groomed\".'",
            1,
        ),
    )
    .unwrap();
    cse()
        .arg("validate")
        .arg(&quoted)
        .assert()
        .code(0)
        .stderr("");
}

#[test]
fn score_lists_wording_as_warnings_and_the_score_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("EX-1007.yaml");
    std::fs::write(&path, blaming_screening()).unwrap();
    let shown = path.display().to_string();
    let output = cse()
        .args(["score", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "wording never fails scoring");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(&format!(
            "{shown}:41:103: warning: wording: the note of `whereabouts_not_known` says \"streetwise\" (streetwise)\n  help: It suggests the child can look after themselves"
        )),
        "{stderr}"
    );
    assert!(stderr.contains(&format!(
        "{shown}:20:7: warning: wording: the note of `missing_from_home_or_care` says \"putting herself at risk\" (putting themselves at risk) (kept by the practitioner)"
    )));
    let record: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(record["assessment"]["score"], 8);
    assert_eq!(record["assessment"]["level"]["id"], "high");
    assert_eq!(record["warnings"], serde_json::json!([]));
    assert_eq!(record["language"].as_array().unwrap().len(), 2);
    assert_eq!(record["language"][1]["phrase_id"], "streetwise");

    // --strict does not turn wording into an error.
    cse()
        .args(["score", "--strict", "--format", "csv"])
        .arg(&path)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(",8,high,"));
}
