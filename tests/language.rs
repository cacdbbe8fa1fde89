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
        .map(|f| format!("{:?} ({}, {})", f.text, f.id, f.tier.as_str()))
        .collect();
    // The one peer relationship in the corpus is a prompt to consider, never blaming.
    assert_eq!(
        flagged,
        ["\"boyfriend\" (boyfriend_who_is_he, consider)"],
        "false alarms"
    );
}

#[test]
fn a_peer_relationship_is_prompted_but_not_blamed_and_an_adult_one_is_blamed_once() {
    let list = language::bundled().unwrap();
    let found = |text: &str| -> Vec<(String, &'static str)> {
        list.check(text, false)
            .into_iter()
            .map(|f| (f.id, f.tier.as_str()))
            .collect()
    };
    let prompt = vec![("boyfriend_who_is_he".to_owned(), "consider")];
    assert_eq!(found("She has a boyfriend in her year group."), prompt);
    assert_eq!(found("Her girlfriend, who is 15, is in her class."), prompt);
    assert_eq!(found("Her boyfriend drives a black car."), prompt);
    // Where the text says the person is an adult, it is one finding to avoid, not two.
    let adult = vec![("boyfriend_of_adult".to_owned(), "avoid")];
    assert_eq!(found("She is staying with her older boyfriend."), adult);
    assert_eq!(found("Her boyfriend, aged 19, buys her alcohol."), adult);
    assert_eq!(found("She is friends with a boy in her class."), vec![]);
}

/// Whether phrase `id` is found in `text`, as wording to avoid.
fn blames(id: &str, text: &str) -> bool {
    language::bundled()
        .unwrap()
        .check(text, false)
        .iter()
        .any(|f| f.id == id && f.is_blaming())
}

/// Each (id, sentence that must be found, near miss that must not give that phrase).
fn assert_found_and_near_misses_not(cases: &[(&str, &str, &str)]) {
    for (id, hit, miss) in cases {
        assert!(blames(id, hit), "`{id}` not found in {hit:?}");
        let list = language::bundled().unwrap();
        let wrong: Vec<String> = list
            .check(miss, false)
            .into_iter()
            .filter(|f| f.is_blaming())
            .map(|f| format!("{} ({:?})", f.id, f.text))
            .collect();
        assert!(wrong.is_empty(), "near miss {miss:?} flagged: {wrong:?}");
    }
}

#[test]
fn parent_blaming_is_found_and_near_misses_are_not() {
    assert_found_and_near_misses_not(&[
        (
            "failing_to_protect",
            "Her father is failing to protect her from the men.",
            "The agencies failed to protect her in 2025.",
        ),
        (
            "failing_to_protect",
            "The report notes the mother's failure to protect.",
            "The plan is to protect her at home and at school.",
        ),
        (
            "part_of_the_problem",
            "Dad seems to be part of the problem.",
            "Debt is part of the problem for the family.",
        ),
        (
            "colluding",
            "The carers are colluding with the group.",
            "The men colluded to keep her out of school.",
        ),
        (
            "colluding",
            "There are concerns about parental collusion.",
            "There are concerns about collusion between the men.",
        ),
    ]);
}

#[test]
fn adultification_is_found_and_near_misses_are_not() {
    assert_found_and_near_misses_not(&[
        (
            "mature_for_age",
            "Staff say she is mature for her age.",
            "Staff say she is immature for her age.",
        ),
        (
            "mature_for_age",
            "He seems grown up beyond his years.",
            "He is small for his age.",
        ),
        (
            "going_on_older",
            "Mum says she is 13 going on 30.",
            "Mum says she is 13 going on 14 in June.",
        ),
        (
            "going_on_older",
            "A sixteen going on twenty-one attitude.",
            "Sixteen going on the trip to London.",
        ),
        (
            "knows_what_doing",
            "She knew full well what she was doing.",
            "She knew what they were doing was wrong and told a teacher.",
        ),
        (
            "knows_what_doing",
            "They know exactly what they're doing.",
            "They do not know what is happening to them.",
        ),
    ]);
}

#[test]
fn disbelief_is_found_and_near_misses_are_not() {
    assert_found_and_near_misses_not(&[
        (
            "exaggerates",
            "She often exaggerates about the men at the flat.",
            "The danger to her should not be exaggerated.",
        ),
        (
            "exaggerates",
            "He is known to exaggerate.",
            "Nobody is exaggerating the risk.",
        ),
        (
            "cannot_be_believed",
            "Her account can not be believed.",
            "She fears she will not be believed.",
        ),
        (
            "cannot_be_believed",
            "Staff feel he is not to be believed.",
            "Staff believed him and acted at once.",
        ),
    ]);
}

#[test]
fn absconded_is_found_and_missing_is_not() {
    assert_found_and_near_misses_not(&[
        (
            "absconded",
            "Absconded from the children's home on Friday.",
            "Missing from the children's home on Friday.",
        ),
        (
            "absconded",
            "Staff report she is absconding most weekends.",
            "Staff report she ran away most weekends.",
        ),
    ]);
}

#[test]
fn everyday_choice_framing_is_found_and_near_misses_are_not() {
    assert_found_and_near_misses_not(&[
        (
            "bad_choices",
            "Dad says she is making her own choices now.",
            "We will help her to make her own plans for college.",
        ),
        (
            "bad_choices",
            "She made her own choice to stay at the flat.",
            "She made her own way to the appointment.",
        ),
        (
            "bad_choices",
            "He went of his own free will.",
            "He came back of his own accord.",
        ),
        (
            "wanted_to",
            "She said she wanted to go with them.",
            "She said she wanted to go with her aunt.",
        ),
        (
            "wanted_to",
            "He was keen to get in the car with the men.",
            "He was keen to go back to school.",
        ),
    ]);
}

#[test]
fn every_victim_blaming_sentence_gives_a_finding() {
    let list = language::bundled().unwrap();
    let lines = sentences(BLAMING);
    assert!(lines.len() >= 30, "only {} blaming sentences", lines.len());
    let missed: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !list.check(l, false).iter().any(|f| f.is_blaming()))
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
    // The corpus's one peer relationship is a prompt, which leaves the exit code alone.
    cse()
        .arg("language")
        .arg(&path)
        .assert()
        .code(0)
        .stdout(predicate::str::ends_with(format!(
            "{}: 0 findings; 1 prompt to consider, not counted as blaming\n",
            path.display()
        )));
    std::fs::write(&path, "Seen at school. Nothing of concern.\n").unwrap();
    cse()
        .arg("language")
        .arg(&path)
        .assert()
        .code(0)
        .stdout(format!("{}: 0 findings\n", path.display()));
}

#[test]
fn a_note_with_only_a_phrase_to_consider_is_shown_with_its_advice_and_exits_as_if_clean() {
    cse()
        .args(["language", "-"])
        .write_stdin("Her boyfriend picks her up from school.\n")
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "-:1:5: to consider: \"boyfriend\": boyfriend / girlfriend (who is the other person?)\n  why: This may be an ordinary relationship between children of a similar age",
        ))
        .stdout(predicate::str::contains(
            "  for example: \"a 15-year-old boy in her year at school\" or \"a man whose age is not known, who drives her to parties\"",
        ))
        .stdout(predicate::str::contains("  instead:").not())
        .stdout(predicate::str::ends_with(
            "-: 0 findings; 1 prompt to consider, not counted as blaming\n",
        ))
        .stderr("");
}

#[test]
fn a_phrase_to_avoid_beside_a_prompt_still_exits_4() {
    cse()
        .args(["language", "-"])
        .write_stdin("Her boyfriend picks her up. She is streetwise.\n")
        .assert()
        .code(4)
        .stdout(predicate::str::contains(
            "-:1:5: to consider: \"boyfriend\": boyfriend / girlfriend",
        ))
        .stdout(predicate::str::contains(
            "-:1:36: \"streetwise\": streetwise\n",
        ))
        .stdout(predicate::str::ends_with(
            "-: 1 finding; 1 prompt to consider, not counted as blaming\n",
        ));
}

#[test]
fn json_tells_a_prompt_to_consider_from_wording_to_avoid() {
    let output = cse()
        .args(["language", "--format", "json", "-"])
        .write_stdin("Her girlfriend is streetwise.")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(4));
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    let tiers: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["phrase_id"].as_str().unwrap(),
                f["tier"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        tiers,
        [("boyfriend_who_is_he", "consider"), ("streetwise", "avoid")]
    );
    // Every documented field is still there, for both tiers.
    for f in findings {
        for field in [
            "line",
            "column",
            "field",
            "phrase_id",
            "phrase",
            "text",
            "why",
            "legal",
            "instead",
            "kept",
            "sources",
        ] {
            assert!(f.get(field).is_some(), "{field} missing from {f}");
        }
        assert!(!f["instead"].as_array().unwrap().is_empty());
    }

    // A prompt alone: still listed in JSON, and the exit code is that of clean text.
    let output = cse()
        .args(["language", "--format", "json", "-"])
        .write_stdin("Her girlfriend visits at weekends.")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(doc["findings"][0]["tier"], "consider");
    assert_eq!(doc["findings"][0]["text"], "girlfriend");
}

#[test]
fn score_shows_a_prompt_to_consider_as_a_note_not_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("EX-1008.yaml");
    let text = LOOKED_AFTER.replacen(
        "note: \"Often out past the agreed time; staff do not know where the child goes.\"",
        "note: \"Often out past the agreed time; her boyfriend collects her.\"",
        1,
    );
    assert_ne!(
        text, LOOKED_AFTER,
        "test setup: the note is not in the example"
    );
    std::fs::write(&path, &text).unwrap();
    let shown = path.display().to_string();
    let output = cse()
        .args(["score", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(&format!(
            "{shown}:34:100: note: wording to consider: the note of `whereabouts_not_known` says \"boyfriend\" (boyfriend / girlfriend (who is the other person?))\n  help: This may be an ordinary relationship"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("For example: \"a 15-year-old boy"),
        "{stderr}"
    );
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(!stderr.contains("with warnings"), "{stderr}");
    let record: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(record["language"][0]["tier"], "consider");
    assert_eq!(record["language"][0]["phrase_id"], "boyfriend_who_is_he");
    assert_eq!(record["assessment"]["score"], 8);

    // Table, CSV and Markdown: the same exit code, the note on stderr only.
    for format in ["table", "csv", "markdown"] {
        cse()
            .args(["score", "--strict", "--format", format])
            .arg(&path)
            .assert()
            .code(0)
            .stdout(predicate::str::contains("boyfriend").not())
            .stderr(predicate::str::contains("note: wording to consider:"));
    }
}

#[test]
fn validate_shows_a_prompt_to_consider_in_a_questionnaire_as_a_note_and_passes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("prompted.yaml");
    std::fs::write(
        &path,
        EXAMPLE_Q.replacen(
            "help: Ask what the child is running to, as well as from.",
            "help: Ask what the child is running to, and about any boyfriend.",
            1,
        ),
    )
    .unwrap();
    let shown = path.display().to_string();
    cse()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(format!("{shown}: ok (")))
        .stderr(predicate::str::starts_with(format!(
            "{shown}:39:63: note: help of indicator `missing` says \"boyfriend\" (listed phrase `boyfriend_who_is_he`, to consider: not blaming in itself)\n  help: This may be"
        )));
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
            "{shown}:21:7: \"putting herself at risk\" in the note of `missing_from_home_or_care`: putting themselves at risk (kept by the practitioner)"
        )))
        .stdout(predicate::str::contains(format!(
            "{shown}:42:103: \"streetwise\" in the note of `whereabouts_not_known`: streetwise\n"
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
            ":42:103: \"streetwise\": streetwise",
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
            "{shown}:42:103: warning: wording: the note of `whereabouts_not_known` says \"streetwise\" (streetwise)\n  help: It suggests the child can look after themselves"
        )),
        "{stderr}"
    );
    assert!(stderr.contains(&format!(
        "{shown}:21:7: warning: wording: the note of `missing_from_home_or_care` says \"putting herself at risk\" (putting themselves at risk) (kept by the practitioner)"
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
        .stdout(predicate::str::contains(r#","8","high","#));
}

#[test]
fn the_tools_own_help_and_teaching_narratives_use_no_phrase_to_avoid() {
    // The tool's own words outside the questionnaires (those `validate` checks): every
    // command's help, the teaching narratives and the documents that do not quote phrases
    // on purpose (README.md, docs/language.md and docs/safety-case.md quote them as
    // examples of what to avoid).
    let list = language::bundled().unwrap();
    let mut texts: Vec<(String, String)> = Vec::new();
    for command in [
        "",
        "screen",
        "score",
        "explain",
        "report",
        "history",
        "validate",
        "language",
        "show",
        "questionnaires",
        "schema",
        "completions",
        "man",
    ] {
        let mut cmd = cse();
        if !command.is_empty() {
            cmd.arg(command);
        }
        let out = cmd.arg("--help").output().expect("run");
        assert_eq!(out.status.code(), Some(0), "{command} --help");
        texts.push((
            format!("cse-screen {command} --help"),
            String::from_utf8(out.stdout).expect("utf-8"),
        ));
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(root.join("examples/training"))
        .expect("examples/training")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    assert!(files.len() >= 6, "{files:?}");
    for doc in [
        "docs/decisions.md",
        "docs/answers-format.md",
        "docs/editors.md",
    ] {
        files.push(root.join(doc));
    }
    for f in files {
        texts.push((
            f.display().to_string(),
            std::fs::read_to_string(&f).expect("read"),
        ));
    }
    let found: Vec<String> = texts
        .iter()
        .flat_map(|(name, text)| {
            list.check(text, true)
                .into_iter()
                .filter(|f| f.tier == language::Tier::Avoid)
                .map(move |f| format!("{name}: {f:?}"))
        })
        .collect();
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_phrase_list_nested_too_deep_is_a_located_error_in_every_command_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("deep.yaml");
    // 30,000 nested brackets overflowed the stack (exit 134) before nesting was bounded.
    let pattern = format!("{}a{}", "(".repeat(30_000), ")".repeat(30_000));
    std::fs::write(
        &deep,
        format!(
            "format: 1
sources: [{{id: guide, title: Our guide, url: https://example.org/guide}}]
phrases:
  - id: deep
    phrase: deep
    patterns: [\"{pattern}\"]
    why: It is only a test.
    instead: [plain words]
    sources: [guide]
"
        ),
    )
    .unwrap();
    let shown = deep.display().to_string();
    let answers = crate::common::answers_dir().join("national-01-low-nothing-of-concern.yaml");
    let runs: [&[&str]; 4] = [
        &["language", "-"],
        &["validate"],
        &["score", answers.to_str().unwrap()],
        &["screen", "--plain"],
    ];
    for args in runs {
        cse()
            .arg("--phrases")
            .arg(&deep)
            .args(args)
            .write_stdin("")
            .assert()
            .code(65)
            // Line 6, column 49: the 33rd `(` (the pattern starts in column 17).
            .stderr(predicate::str::contains(format!(
                "{shown}:6:49: pattern of `deep`: brackets nest more than 32 deep here"
            )))
            .stderr(predicate::str::contains("split it into several patterns"))
            .stderr(no_panic_text());
    }
}

#[test]
fn explain_prints_the_wording_findings_that_score_and_report_print() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("EX-1007.yaml");
    std::fs::write(&path, blaming_screening()).unwrap();
    let stderr_of = |command: &str| {
        let output = cse().arg(command).arg(&path).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{command}");
        String::from_utf8(output.stderr).unwrap()
    };
    let explain = stderr_of("explain");
    let shown = path.display().to_string();
    assert!(
        explain.contains(&format!(
            "\n{shown}:42:103: warning: wording: the note of `whereabouts_not_known` says \"streetwise\" (streetwise)\n"
        )),
        "{explain}"
    );
    // The same findings, worded the same, as the record's command prints.
    assert_eq!(explain, stderr_of("report"));
    let score = cse()
        .args(["score", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        String::from_utf8(score.stderr).unwrap().contains(&explain),
        "score words the findings otherwise"
    );
}

/// A wording finding is placed at its line and column whatever the file's line ends (an old
/// Mac's carriage returns alone, Windows's pairs) and after a byte-order mark (found in
/// review: carriage returns alone put everything on line 1, at column 1665).
#[test]
fn a_finding_is_placed_the_same_with_any_line_ends_or_a_byte_order_mark() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("examples/caseload/EX-2001-2026-03-16.yaml"))
        .unwrap()
        .replace(
            "\"Attendance 78% this term.\"",
            "\"Attendance 78%; she is putting herself at risk.\"",
        );
    // Where the phrase is, counted here from the file itself.
    let (line, column) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| {
            l.find("putting herself")
                .map(|at| (i + 1, l[..at].chars().count() + 1))
        })
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("lf.yaml", text.clone()),
        ("crlf.yaml", text.replace('\n', "\r\n")),
        ("cr.yaml", text.replace('\n', "\r")),
        ("bom.yaml", format!("\u{feff}{text}")),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let out = cse()
            .args(["score", "--format", "csv"])
            .arg(&path)
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.contains(&format!(
                "{name}:{line}:{column}: warning: wording: the note of `not_in_education` says \"putting herself at risk\""
            )),
            "{stderr}"
        );
    }
    // Plain text too.
    let path = dir.path().join("note.txt");
    std::fs::write(
        &path,
        "\u{feff}Seen at the station.\rShe is putting herself at risk.\r",
    )
    .unwrap();
    cse()
        .args(["language", "--text"])
        .arg(&path)
        .assert()
        .stdout(predicate::str::contains(
            "note.txt:2:8: \"putting herself at risk\"",
        ))
        .stderr(no_panic_text());
}
