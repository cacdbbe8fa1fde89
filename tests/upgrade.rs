//! Screenings started with an earlier version of a bundled questionnaire, after an upgrade:
//! `screen --resume` carries them to the current version when every answer carries over, or
//! goes on with the version they were started with (kept in the binary); `score` says which
//! version it used and how to use the other. Fictional data.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::common::{cse, no_panic_text};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The sha256 a screening made with `questionnaires/earlier/<name>.yaml` is stamped with.
fn sha_of_earlier(name: &str) -> String {
    let text = std::fs::read_to_string(root().join(format!("questionnaires/earlier/{name}.yaml")))
        .unwrap();
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// National example 19 stamped with the kept national-cse `version`, without the answers to
/// the questions 2.7.0 added (whether the child is missing or in danger now, and the child's
/// age when the sexual harm happened), which no earlier version asks.
fn national_19_stamped(version: &str) -> String {
    let example = std::fs::read_to_string(
        root().join("examples/answers/national-19-seventeen-sexual-contact-teacher.yaml"),
    )
    .unwrap();
    let stamp = example
        .lines()
        .find(|l| l.starts_with("questionnaire:"))
        .unwrap()
        .to_owned();
    let old = format!(
        "questionnaire: {{id: national-cse, version: {version}, sha256: {}}}",
        sha_of_earlier(&format!("national-cse-{version}"))
    );
    example
        .replace(&stamp, &old)
        .lines()
        .filter(|l| {
            !l.starts_with("  missing_or_in_danger_now:") && !l.starts_with("  harm_when_under_1")
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

/// National example 19 (17, sexual contact with her teacher, 34) as it would have been saved
/// with national-cse 2.3.0, which had no position-of-trust count: High since 2.4.0 only once
/// the count is given.
fn started_with_2_3_0(dir: &Path) -> String {
    let text = national_19_stamped("2.3.0").replace(", people_in_position_of_trust: 1", "");
    assert!(!text.contains("people_in_position_of_trust"));
    std::fs::write(dir.join("EX-3019.yaml"), &text).unwrap();
    text
}

/// `screen --plain --resume FILE` in `dir` with `replies`, ending with exit code `code`: its
/// standard output, and its standard error on one line.
fn resumed(dir: &Path, file: &str, replies: &str, code: i32) -> (String, String) {
    let out = cse()
        .current_dir(dir)
        .args(["screen", "--plain", "--resume", file])
        .write_stdin(replies)
        .assert()
        .code(code)
        .stderr(no_panic_text())
        .get_output()
        .clone();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        crate::common::one_line(&String::from_utf8_lossy(&out.stderr)),
    )
}

#[test]
fn a_screening_started_with_an_earlier_version_goes_on_with_the_current_one() {
    let dir = tempfile::tempdir().unwrap();
    started_with_2_3_0(dir.path());
    // The first question, new in 2.7.0 (in danger now), answered no; the one yes with a new
    // follow-up is asked again, its saved details kept with an Enter each, then the new
    // count; the injury question, reworded in 2.5.0, kept with an Enter; the two questions on
    // the age when the harm happened (new in 2.7.0) answered no; then the review (Finish),
    // judgement, discussed with, actions.
    let (stdout, stderr) = resumed(
        dir.path(),
        "EX-3019.yaml",
        "2\n\n\n\n\n\n1\n\n2\n2\n1\n\n\n\n",
        0,
    );
    assert!(
        stderr.contains(
            "This screening was started with version 2.3.0 of this questionnaire. This tool now \
             holds version 2.8.0, so the screening goes on with it: its level and routes will \
             follow version 2.8.0's rules. 42 answers and 3 facts about the child are carried \
             over as given. 2 questions are asked again, with the saved answer shown as \
             current: - Is there information that someone has had sexual contact with the \
             child, in person or online? (a question after it is new) - Does the child have a \
             physical injury that nobody has explained, whose explanation does not fit, or that \
             may come from an assault even if its cause is known (such as being hurt with a \
             weapon)? (its wording changed)"
        ),
        "{stderr}"
    );
    let saved = std::fs::read_to_string(dir.path().join("EX-3019.yaml")).unwrap();
    assert!(saved.contains("  version: \"2.8.0\""), "{saved}");
    assert!(saved.contains("people_in_position_of_trust: 1"), "{saved}");
    assert!(saved.contains("status: complete"), "{saved}");
    assert!(stdout.contains("Suggested level: High"), "{stdout}");
}

/// A screening saved with national-cse 2.4.0 carries forward to the current version: every
/// answer carries, and the injury question, reworded in 2.5.0 to cover an injury that may
/// come from an assault even when its cause is known, is asked again.
#[test]
fn a_screening_started_with_2_4_0_carries_to_2_8_0_asking_the_reworded_injury_question_again() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("EX-3020.yaml"),
        national_19_stamped("2.4.0"),
    )
    .unwrap();
    // In danger now (new in 2.7.0): no; the injury question kept with an Enter; the age when
    // the harm happened (new in 2.7.0): no, no; the review (Finish), judgement, discussed
    // with, actions.
    let (stdout, stderr) = resumed(dir.path(), "EX-3020.yaml", "2\n\n2\n2\n1\n\n\n\n", 0);
    assert!(
        stderr.contains(
            "This screening was started with version 2.4.0 of this questionnaire. This tool now \
             holds version 2.8.0, so the screening goes on with it"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "1 question is asked again, with the saved answer shown as current: - Does the \
             child have a physical injury that nobody has explained"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("Asked again: its wording changed in version 2.8.0."),
        "{stderr}"
    );
    let saved = std::fs::read_to_string(dir.path().join("EX-3020.yaml")).unwrap();
    assert!(saved.contains("  version: \"2.8.0\""), "{saved}");
    assert!(saved.contains("status: complete"), "{saved}");
    assert!(stdout.contains("Suggested level: High"), "{stdout}");
}

/// A screening saved with national-cse 2.5.0 carries to the current version with nothing asked
/// again: 2.6.0 changed rules and a help text, not a question (grooming with sexual contact at
/// 16 and 17, harmful sexual behaviour never Low); only the three questions 2.7.0 added are
/// asked.
#[test]
fn a_screening_started_with_2_5_0_carries_to_2_8_0_with_no_question_asked_again() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("EX-3021.yaml"),
        national_19_stamped("2.5.0"),
    )
    .unwrap();
    let (stdout, stderr) = resumed(dir.path(), "EX-3021.yaml", NEW_QUESTIONS_NO, 0);
    assert!(
        stderr.contains(
            "This screening was started with version 2.5.0 of this questionnaire. This tool now \
             holds version 2.8.0, so the screening goes on with it"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("asked again"), "{stderr}");
    let saved = std::fs::read_to_string(dir.path().join("EX-3021.yaml")).unwrap();
    assert!(saved.contains("  version: \"2.8.0\""), "{saved}");
    assert!(saved.contains("status: complete"), "{saved}");
    assert!(stdout.contains("Suggested level: High"), "{stdout}");
}

/// A screening saved with national-cse 2.6.0 carries to 2.8.0: every answer carries, nothing
/// is asked again, and the three questions 2.7.0 added are asked (whether the child is
/// missing or in danger now; the child's age when the sexual harm happened, under 13 and
/// under 16). Scored as made, with `--questionnaire national-cse@2.6.0`, it is as before.
#[test]
fn a_screening_started_with_2_6_0_carries_to_2_8_0_asking_only_the_new_questions() {
    let dir = tempfile::tempdir().unwrap();
    let text = national_19_stamped("2.6.0");
    assert!(!text.contains("harm_when_under_16"), "{text}");
    std::fs::write(dir.path().join("EX-3022.yaml"), &text).unwrap();
    let as_made = cse()
        .current_dir(dir.path())
        .args(["score", "EX-3022.yaml", "--format", "csv"])
        .args(["--questionnaire", "national-cse@2.6.0"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert!(as_made.stderr.is_empty(), "{as_made:?}");
    let csv = String::from_utf8_lossy(&as_made.stdout);
    assert!(
        csv.contains(",\"national-cse\",\"2.6.0\",\"complete\",\"5\",\"high\","),
        "{csv}"
    );
    // The three new questions, each answered no; then the review (Finish), judgement,
    // discussed with, actions.
    let (stdout, stderr) = resumed(dir.path(), "EX-3022.yaml", NEW_QUESTIONS_NO, 0);
    assert!(
        stderr.contains(
            "This screening was started with version 2.6.0 of this questionnaire. This tool now \
             holds version 2.8.0, so the screening goes on with it"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("asked again"), "{stderr}");
    for asked in [
        "Is the child missing now, or with someone who may be harming them right now?",
        "Did any of the sexual harm you answered yes above happen when the child was under 13?",
        "Did any of the sexual harm you answered yes above happen when the child was under 16?",
    ] {
        assert!(stderr.contains(asked), "{asked}: {stderr}");
    }
    let saved = std::fs::read_to_string(dir.path().join("EX-3022.yaml")).unwrap();
    assert!(saved.contains("  version: \"2.8.0\""), "{saved}");
    assert!(saved.contains("status: complete"), "{saved}");
    for id in [
        "missing_or_in_danger_now",
        "harm_when_under_13",
        "harm_when_under_16",
    ] {
        assert!(saved.contains(&format!("{id}:")), "{id}: {saved}");
    }
    assert!(stdout.contains("Suggested level: High"), "{stdout}");
}

/// The replies that answer the three questions 2.7.0 added "no" (2), then finish the review
/// and leave the judgement, discussed with and actions as they are.
const NEW_QUESTIONS_NO: &str = "2\n2\n2\n1\n\n\n\n";

#[test]
fn a_screening_stopped_before_anything_changed_is_still_the_earlier_version() {
    let dir = tempfile::tempdir().unwrap();
    let text = started_with_2_3_0(dir.path());
    resumed(dir.path(), "EX-3019.yaml", "", 130);
    let saved = std::fs::read_to_string(dir.path().join("EX-3019.yaml")).unwrap();
    assert_eq!(
        saved, text,
        "nothing is written until something is answered"
    );
}

/// A screening of national-cse 1.0.0 with its drugs-or-alcohol question answered (the
/// question 2.0.0 split in two), in progress.
fn started_with_1_0_0(dir: &Path) -> String {
    let text = format!(
        "questionnaire: {{id: national-cse, version: 1.0.0, sha256: {}}}\n\
         screening: {{case_reference: EX-2002, date: 2026-11-20, practitioner: B. Example, agency: Example Academy, status: in_progress}}\n\
         profile: {{age: 14, looked_after: no, learning_disability: no}}\n\
         answers:\n  drug_or_alcohol_use: {{answer: no}}\n",
        sha_of_earlier("national-cse-1.0.0")
    );
    std::fs::write(dir.join("EX-2002.yaml"), &text).unwrap();
    text
}

#[test]
fn a_screening_whose_answers_cannot_all_be_carried_goes_on_with_its_own_version() {
    let dir = tempfile::tempdir().unwrap();
    // national-cse 1.0.0 asked about drugs and alcohol in one question; 2.0.0 split it.
    started_with_1_0_0(dir.path());
    // The next question is answered "No", then the replies run out.
    let (_, stderr) = resumed(dir.path(), "EX-2002.yaml", "2\n", 130);
    assert!(
        stderr.contains(
            "This screening was started with version 1.0.0 of this questionnaire and goes on \
             with it, as it was started, although this tool now holds version 2.8.0. Its \
             answers cannot all be carried over to version 2.8.0: - the question \"Is the \
             child using drugs, or drinking alcohol in a way that worries you?\" is not in \
             national-cse 2.8.0 When it is finished, screen the child again with version \
             2.8.0: its rules may reach a different level."
        ),
        "{stderr}"
    );
    assert!(stderr.contains("(version 1.0.0)"), "{stderr}");
    let saved = std::fs::read_to_string(dir.path().join("EX-2002.yaml")).unwrap();
    assert!(saved.contains("  version: \"1.0.0\""), "{saved}");
    assert!(
        saved.contains("drug_or_alcohol_use:\n    answer: \"no\""),
        "{saved}"
    );
    assert!(
        saved.contains("missing_from_home_or_care:\n    answer: \"no\""),
        "{saved}"
    );
}

#[test]
fn score_names_the_kept_version_and_can_use_it() {
    let dir = tempfile::tempdir().unwrap();
    started_with_2_3_0(dir.path());
    let out = cse()
        .current_dir(dir.path())
        .args(["score", "EX-3019.yaml", "--format", "csv"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let stderr = crate::common::one_line(&String::from_utf8_lossy(&out.stderr));
    assert!(
        stderr.contains(
            "warning: this screening was made with national-cse 2.3.0, an earlier version kept \
             in this tool, but it is scored with the questionnaire loaded, national-cse 2.8.0, \
             whose questions, weights and rules may differ"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: to score it as it was made: --questionnaire national-cse@2.3.0;"),
        "{stderr}"
    );
    let as_made = cse()
        .current_dir(dir.path())
        .args(["score", "EX-3019.yaml", "--format", "csv"])
        .args(["--questionnaire", "national-cse@2.3.0"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert!(as_made.stderr.is_empty(), "{as_made:?}");
    let csv = String::from_utf8_lossy(&as_made.stdout);
    assert!(
        csv.contains(",\"national-cse\",\"2.3.0\",\"complete\",\"5\",\"medium\","),
        "{csv}"
    );
    // A version that was never kept is named as not found.
    cse()
        .current_dir(dir.path())
        .args([
            "score",
            "EX-3019.yaml",
            "--questionnaire",
            "national-cse@9.9.9",
        ])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "national-cse has no version 9.9.9 in this tool",
        ))
        .stderr(predicates::str::contains(
            "earlier versions kept: 0.1.0, 1.0.0, 2.0.0, 2.1.0, 2.2.0, 2.3.0, 2.4.0, 2.5.0, 2.6.0, 2.7.0",
        ));
}

#[test]
fn a_new_screening_is_never_started_with_an_earlier_version() {
    let dir = tempfile::tempdir().unwrap();
    cse()
        .current_dir(dir.path())
        .args(["screen", "--plain", "--questionnaire", "national-cse@2.3.0"])
        .write_stdin("EX-0001\n")
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "national-cse 2.3.0 is an earlier version, kept to read and resume screenings started with it",
        ))
        .stderr(predicates::str::contains(
            "start a new screening with the current one: --questionnaire national-cse",
        ));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// Found in review: an Enter on the "yes" asked again, then a stop, saved the screening as
/// 2.4.0, and the next resume went to the review without asking the new count, so the
/// 17-year-old finished at Medium. Nothing is saved until every question asked again is
/// answered, and the next resume asks it again.
#[test]
fn a_stop_inside_a_question_asked_again_saves_nothing_and_it_is_asked_again() {
    let dir = tempfile::tempdir().unwrap();
    let text = started_with_2_3_0(dir.path());
    // Each first answers the question new in 2.7.0 (in danger now: no); the last stops after
    // the new count, before the reworded injury question (2.5.0).
    for replies in ["2\n", "2\n\n\n\n\n\n", "2\n\n\n\n\n\n1\n"] {
        let (_, stderr) = resumed(dir.path(), "EX-3019.yaml", replies, 130);
        assert!(
            stderr.contains(
                "Stopped. Nothing was saved: EX-3019.yaml is as it was before, in the version it \
                 was started with, until every question asked again is answered."
            ),
            "{stderr}"
        );
        assert!(
            stderr.contains("Asked again: version 2.8.0 asks something new after a yes to it."),
            "{stderr}"
        );
        let saved = std::fs::read_to_string(dir.path().join("EX-3019.yaml")).unwrap();
        assert_eq!(saved, text);
    }
    // Answered at last, it is saved in 2.8.0 with the count.
    resumed(dir.path(), "EX-3019.yaml", "2\n\n\n\n\n\n1\n\n", 130);
    let saved = std::fs::read_to_string(dir.path().join("EX-3019.yaml")).unwrap();
    assert!(saved.contains("  version: \"2.8.0\""), "{saved}");
    assert!(saved.contains("people_in_position_of_trust: 1"), "{saved}");
}

/// Found in review: a screening finished with an earlier version because its answers could
/// not be carried was refused by the `report` command its own last screen printed ("unknown
/// indicator ... remove the answer"), and left out of `history` and `caseload`. Every reader
/// now scores it with the version it was made with, and says so.
#[test]
fn every_reader_scores_a_screening_the_current_version_refuses_with_its_own() {
    let dir = tempfile::tempdir().unwrap();
    started_with_1_0_0(dir.path());
    let says = "this screening was made with national-cse 1.0.0, an earlier version kept in \
                this tool, and is scored with it: its answers do not fit national-cse 2.8.0, \
                the current version (unknown indicator `drug_or_alcohol_use`)";
    for args in [
        &["score", "EX-2002.yaml", "--format", "csv"][..],
        &["report", "EX-2002.yaml"],
        &["explain", "EX-2002.yaml"],
        &["history", "."],
        &["caseload", "."],
    ] {
        let out = cse()
            .current_dir(dir.path())
            .args(args)
            .assert()
            .code(0)
            .stderr(no_panic_text())
            .get_output()
            .clone();
        let stderr = crate::common::one_line(&String::from_utf8_lossy(&out.stderr));
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("EX-2002"), "{args:?}: {stdout}");
    }
    // --strict accepts only files made with the questionnaire loaded: refused, as before,
    // but (found in review) it said only "unknown indicator ... remove the answer", advice
    // that would delete answers 1.0.0 asked for. It now says why and how to score it.
    let out = cse()
        .current_dir(dir.path())
        .args(["score", "--strict", "EX-2002.yaml"])
        .assert()
        .code(65)
        .get_output()
        .clone();
    let stderr = crate::common::one_line(&String::from_utf8_lossy(&out.stderr));
    let why = "this screening was made with national-cse 1.0.0, an earlier version kept in this \
               tool, and its answers fit it; --strict scores a file only with the questionnaire \
               loaded, national-cse 2.8.0";
    assert!(stderr.contains(why), "{stderr}");
    assert!(
        stderr.contains("do not remove the answers")
            && stderr.contains("--questionnaire national-cse@1.0.0"),
        "{stderr}"
    );
    assert!(
        stderr.find(why) < stderr.find("unknown indicator"),
        "the reason comes before the problems it explains: {stderr}"
    );
    // The advice works: scored as made, --strict and all.
    cse()
        .current_dir(dir.path())
        .args([
            "score",
            "--strict",
            "-q",
            "national-cse@1.0.0",
            "EX-2002.yaml",
        ])
        .assert()
        .code(0);
}

/// Found in review: naming the current questionnaire with `--resume` refused the file with
/// advice from before the earlier versions were kept; naming an earlier one went on with it
/// saying nothing of the current one; and a new screening could be started with an earlier
/// version given as a file.
#[test]
fn the_questionnaire_named_on_resume_or_for_a_new_screening_is_said_or_refused() {
    let dir = tempfile::tempdir().unwrap();
    started_with_2_3_0(dir.path());
    for current in ["national-cse", "national-cse@2.8.0"] {
        let out = cse()
            .current_dir(dir.path())
            .args([
                "screen",
                "--plain",
                "--resume",
                "EX-3019.yaml",
                "-q",
                current,
            ])
            .write_stdin("")
            .assert()
            .code(130)
            .get_output()
            .clone();
        let stderr = crate::common::one_line(&String::from_utf8_lossy(&out.stderr));
        assert!(
            stderr.contains("so the screening goes on with it"),
            "{stderr}"
        );
    }
    let out = cse()
        .current_dir(dir.path())
        .args(["screen", "--plain", "--resume", "EX-3019.yaml"])
        .args(["-q", "national-cse@2.3.0"])
        .write_stdin("")
        .assert()
        .code(130)
        .get_output()
        .clone();
    let stderr = crate::common::one_line(&String::from_utf8_lossy(&out.stderr));
    assert!(
        stderr.contains(
            "This screening goes on with version 2.3.0 of this questionnaire, as --questionnaire \
             asks, although this tool now holds version 2.8.0: its level and routes follow \
             version 2.3.0's rules. When it is finished, screen the child again with version \
             2.8.0."
        ),
        "{stderr}"
    );
    let file = root().join("questionnaires/earlier/national-cse-2.3.0.yaml");
    cse()
        .current_dir(dir.path())
        .args(["screen", "--plain", "-q", file.to_str().unwrap()])
        .write_stdin("EX-0001\n")
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "national-cse 2.3.0 is an earlier version, kept to read and resume screenings started with it",
        ));
}

/// Found in review: the record of a screening made with 2.3.0 and scored with 2.4.0 named
/// only 2.4.0 and its sha256 under "Screening", so it did not match the file it describes;
/// its result said nothing of what was not known; and a rule not decided was named by raw
/// ids. Now the record says both versions, and the result and the rule are in words.
#[test]
fn the_record_of_a_screening_made_with_an_earlier_version_names_it_and_what_is_not_known() {
    let dir = tempfile::tempdir().unwrap();
    started_with_2_3_0(dir.path());
    let out = cse()
        .current_dir(dir.path())
        .args(["report", "EX-3019.yaml"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let md = String::from_utf8_lossy(&out.stdout);
    let made_with = format!(
        "**Scored with another version:** the answers were given to national-cse version 2.3.0 \
         (sha256 {}); this record scores them with national-cse version 2.8.0",
        sha_of_earlier("national-cse-2.3.0")
    );
    assert!(md.contains(&made_with), "{md}");
    // The three questions 2.7.0 added were never asked in a 2.3.0 screening: not known, and
    // said to be not asked (decision 40).
    let result = &md[md.find("## Result").unwrap()..md.find("### Recommended").unwrap()];
    assert!(
        result.contains(
            "**Not known:** 3 questions not asked, added to national-cse after 2.3.0 (the \
             version this screening was made with) and 1 count; finding them out could raise the level \
             to High (see \"Not known\" below)"
        ),
        "{result}"
    );
    assert!(
        md.contains("until it is, a rule cannot tell whether someone in a position of trust"),
        "{md}"
    );
    assert!(
        !md.contains("people_in_position_of_trust") && !md.contains("people\\_in\\_position"),
        "no raw follow-up id: {md}"
    );
}

/// Found in review: a file of replies stopped at a line that answered nothing in a carried
/// screening said "every answer before line 4 is saved", and the 999 said after a "yes" to
/// the child being in danger now said "Every answer so far is saved"; but nothing is saved
/// until every question asked again is answered, and the file was as it was. Both now say
/// what is true.
#[test]
fn a_carried_screening_not_yet_saved_never_says_its_answers_are_saved() {
    let dir = tempfile::tempdir().unwrap();
    let text = started_with_2_3_0(dir.path());
    // In danger now: yes, on evidence, a note; then "x" for the next question.
    let (_, stderr) = resumed(
        dir.path(),
        "EX-3019.yaml",
        "1\n1\nThe child phoned from a flat; a man is there.\nx\n",
        65,
    );
    assert!(stderr.contains("IMMEDIATE DANGER"), "{stderr}");
    assert!(
        stderr.contains("This answer is not saved yet: the screening was started with an earlier version of the questionnaire, and is saved once the"),
        "{stderr}"
    );
    assert!(!stderr.contains("Every answer so far is saved"), "{stderr}");
    assert!(
        stderr.contains("nothing of this run was saved: EX-3019.yaml is as it was before, in the version it was started with"),
        "{stderr}"
    );
    assert!(!stderr.contains("is saved in EX-3019.yaml"), "{stderr}");
    let saved = std::fs::read_to_string(dir.path().join("EX-3019.yaml")).unwrap();
    assert_eq!(saved, text);
}

/// Runs `cse-screen ARGS` in `dir`: (stdout, stderr).
fn run_in(dir: &Path, args: &[&str]) -> (String, String) {
    let out = cse().current_dir(dir).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (String::from_utf8_lossy(&out.stdout).into_owned(), stderr)
}

/// A complete screening made with national-cse 2.6.0, scored with 2.8.0: the three questions
/// 2.7.0 added were never asked. They are scored as not known, as before (decision 37), but
/// every reader says they were added after it was made, not that the practitioner left gaps.
#[test]
fn questions_added_after_a_screening_was_made_are_not_asked_not_gaps() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("EX-3022.yaml"),
        national_19_stamped("2.6.0"),
    )
    .unwrap();
    let added = "added after 2.6.0, the version this screening was made with";

    let (text, stderr) = run_in(dir.path(), &["score", "EX-3022.yaml", "--format", "table"]);
    assert!(
        stderr.contains(&format!(
            "3 of 45 indicators of national-cse 2.8.0 were {added}: they were not asked"
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("marked complete but"), "{stderr}");
    assert!(!text.contains("not answered"), "{text}");
    assert!(text.contains("3 questions not asked"), "{text}");
    // With another file, the summary table and Markdown say so too, and count them as not
    // known (found in review: "complete", not known 0).
    std::fs::write(
        dir.path().join("EX-3023.yaml"),
        national_19_stamped("2.6.0").replace("EX-3022", "EX-3023"),
    )
    .unwrap();
    let (markdown, _) = run_in(
        dir.path(),
        &[
            "score",
            "EX-3022.yaml",
            "EX-3023.yaml",
            "--format",
            "markdown",
        ],
    );
    let row = markdown
        .lines()
        .find(|l| l.contains("EX-3022"))
        .unwrap_or_else(|| panic!("{markdown}"));
    assert!(row.contains("| complete; 3 not asked (warning) |"), "{row}");
    assert!(row.ends_with("| 3 |"), "{row}");
    std::fs::remove_file(dir.path().join("EX-3023.yaml")).unwrap();

    // Scoring is the same: still counted as unanswered, and named in a field of its own.
    let (json, _) = run_in(dir.path(), &["score", "EX-3022.yaml", "--format", "jsonl"]);
    assert!(json.contains("\"unanswered_count\":3"), "{json}");
    assert!(
        json.contains(
            "\"not_asked\":{\"scored_with\":\"2.8.0\",\"made_with\":\"2.6.0\",\"indicators\":[\"missing_or_in_danger_now\",\"harm_when_under_13\",\"harm_when_under_16\"],\"facts\":[]}"
        ),
        "{json}"
    );

    let (record, _) = run_in(dir.path(), &["report", "EX-3022.yaml"]);
    assert!(!record.contains("INCOMPLETE"), "{record}");
    assert!(!record.contains("gaps"), "{record}");
    assert!(!record.contains("not answered"), "{record}");
    assert!(
        record.contains(
            "**Not asked:** 3 questions were added to national-cse after 2.6.0, the version this screening was made with; they are scored as not known: ask them at the next screening."
        ),
        "{record}"
    );
    assert!(
        record
            .contains("(missing\\_or\\_in\\_danger\\_now): not asked, added to national-cse after 2.6.0 (the version this screening was made with)"),
        "{record}"
    );

    let (explain, _) = run_in(dir.path(), &["explain", "EX-3022.yaml"]);
    assert!(!explain.contains("INCOMPLETE"), "{explain}");
    assert!(
        explain.contains("Not asked: 3 questions were added"),
        "{explain}"
    );

    let (caseload, _) = run_in(
        dir.path(),
        &[
            "caseload",
            ".",
            "--as-of",
            "2026-11-30",
            "--format",
            "markdown",
        ],
    );
    assert!(
        caseload.contains("3 answers not known in the latest screening (all 3 not asked when it was made: added to national-cse after 2.6.0, the version it was made with)"),
        "{caseload}"
    );
}

/// A real gap in the same screening is still called one, counted apart from the questions
/// added later.
#[test]
fn a_gap_in_a_screening_made_before_questions_were_added_is_still_a_gap() {
    let dir = tempfile::tempdir().unwrap();
    let text: String = national_19_stamped("2.6.0")
        .lines()
        .filter(|l| !l.starts_with("  hotels_takeaways_taxis:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.path().join("EX-3022.yaml"), text).unwrap();
    let (_, stderr) = run_in(dir.path(), &["score", "EX-3022.yaml", "--format", "table"]);
    assert!(
        stderr.contains("the screening is marked complete but 1 of "),
        "{stderr}"
    );
    assert!(stderr.contains("3 of "), "{stderr}");
    let (record, _) = run_in(dir.path(), &["report", "EX-3022.yaml"]);
    assert!(
        record.contains("marked complete but has gaps: 1 question is not answered yet"),
        "{record}"
    );
    assert!(record.contains("**Not asked:** 3 questions"), "{record}");
    std::fs::write(
        dir.path().join("EX-3023.yaml"),
        national_19_stamped("2.6.0").replace("EX-3022", "EX-3023"),
    )
    .unwrap();
    let (markdown, _) = run_in(
        dir.path(),
        &[
            "score",
            "EX-3022.yaml",
            "EX-3023.yaml",
            "--format",
            "markdown",
        ],
    );
    let row = markdown
        .lines()
        .find(|l| l.contains("EX-3022"))
        .unwrap_or_else(|| panic!("{markdown}"));
    assert!(
        row.contains("| complete with gaps: 1 unanswered, 3 not asked (warning) |"),
        "{row}"
    );
    assert!(row.ends_with("| 4 |"), "{row}");
}

/// Found in review: the record of a screening in progress made before questions were added
/// opened "48 questions are not answered yet" above a result that said "45 questions not
/// answered and 3 questions not asked". The banner now counts as the result does.
#[test]
fn an_in_progress_record_counts_the_questions_added_since_apart() {
    let dir = tempfile::tempdir().unwrap();
    let text: String = national_19_stamped("2.6.0")
        .replace("status: complete", "status: in_progress")
        .lines()
        .filter(|l| !l.starts_with("  hotels_takeaways_taxis:"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(text.contains("status: in_progress"));
    std::fs::write(dir.path().join("EX-3024.yaml"), text).unwrap();
    let (record, _) = run_in(dir.path(), &["report", "EX-3024.yaml"]);
    assert!(
        record.contains(
            "this screening is in progress: 1 question is not answered yet (and 3 added to the \
             questionnaire since it was started, asked when it is resumed), counted as not known."
        ),
        "{record}"
    );
}

/// Example `name` (under examples/answers) stamped with the kept `id` `version`, without the
/// answers to `new` (questions added after it). The age-at-the-time answers get a basis, so
/// that resuming does not stop to ask for one.
fn example_stamped(name: &str, id: &str, version: &str, new: &[&str]) -> String {
    let example =
        std::fs::read_to_string(root().join(format!("examples/answers/{name}.yaml"))).unwrap();
    let stamp = example
        .lines()
        .find(|l| l.starts_with("questionnaire:"))
        .unwrap()
        .to_owned();
    let old = format!(
        "questionnaire: {{id: {id}, version: {version}, sha256: {}}}",
        sha_of_earlier(&format!("{id}-{version}"))
    );
    example
        .replace(&stamp, &old)
        .lines()
        .filter(|l| !new.iter().any(|n| l.starts_with(&format!("  {n}:"))))
        .map(|l| {
            let l = l
                .replace(
                    "harm_when_under_13: {answer: yes}",
                    "harm_when_under_13: {answer: yes, basis: evidence}",
                )
                .replace(
                    "harm_when_under_16: {answer: yes}",
                    "harm_when_under_16: {answer: yes, basis: evidence}",
                );
            format!("{l}\n")
        })
        .collect()
}

/// A screening saved with national-cse 2.7.0 (15, asked for sexual images) carries to 2.8.0
/// with no question asked again (2.8.0 changed rules and help texts, not a question) and is
/// then High with the referral; scored as made, with `--questionnaire national-cse@2.7.0`, it
/// is Medium as before.
#[test]
fn a_screening_started_with_2_7_0_carries_to_2_8_0_with_no_question_asked_again() {
    let dir = tempfile::tempdir().unwrap();
    let text = example_stamped(
        "national-26-fifteen-asked-for-images",
        "national-cse",
        "2.7.0",
        &[],
    );
    std::fs::write(dir.path().join("EX-3026.yaml"), &text).unwrap();
    let (csv, stderr) = run_in(
        dir.path(),
        &[
            "score",
            "EX-3026.yaml",
            "--format",
            "csv",
            "--questionnaire",
            "national-cse@2.7.0",
        ],
    );
    assert!(stderr.is_empty(), "{stderr}");
    assert!(
        csv.contains(",\"national-cse\",\"2.7.0\",\"complete\",\"5\",\"medium\","),
        "{csv}"
    );
    // The review (Finish), judgement, discussed with, actions.
    let (stdout, stderr) = resumed(dir.path(), "EX-3026.yaml", "1\n\n\n\n", 0);
    assert!(
        stderr.contains(
            "This screening was started with version 2.7.0 of this questionnaire. This tool now \
             holds version 2.8.0, so the screening goes on with it"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("asked again"), "{stderr}");
    let saved = std::fs::read_to_string(dir.path().join("EX-3026.yaml")).unwrap();
    assert!(saved.contains("  version: \"2.8.0\""), "{saved}");
    assert!(saved.contains("status: complete"), "{saved}");
    assert!(stdout.contains("Suggested level: High"), "{stdout}");
}

/// A screening saved with seraf 1.8.0 (12, told a teacher 8 months ago) carries to 1.9.0:
/// the disclosure and the abuse reported by others are asked again (their wording changed:
/// a disclosure whether or not taken back; reported abuse at any time), the infection at any
/// time is asked (new), and every other answer carries. Scored as made, with
/// `--questionnaire seraf@1.8.0`, it is Category 4 as before.
#[test]
fn a_screening_started_with_seraf_1_8_0_carries_to_1_9_0_asking_the_reworded_and_new_questions() {
    let dir = tempfile::tempdir().unwrap();
    let text = example_stamped(
        "seraf-03-twelve-disclosure-eight-months-ago",
        "seraf",
        "1.8.0",
        &["sexually_transmitted_infection_at_any_time"],
    );
    std::fs::write(dir.path().join("EX-3031.yaml"), &text).unwrap();
    let (csv, stderr) = run_in(
        dir.path(),
        &[
            "score",
            "EX-3031.yaml",
            "--format",
            "csv",
            "--questionnaire",
            "seraf@1.8.0",
        ],
    );
    assert!(stderr.is_empty(), "{stderr}");
    assert!(
        csv.contains(",\"seraf\",\"1.8.0\",\"complete\",\"1\",\"category_4\","),
        "{csv}"
    );
    let (stdout, stderr) = resumed(dir.path(), "EX-3031.yaml", SERAF_1_9_0_REPLIES, 0);
    assert!(
        stderr.contains(
            "This screening was started with version 1.8.0 of this questionnaire. This tool now \
             holds version 1.9.0, so the screening goes on with it"
        ),
        "{stderr}"
    );
    for asked in [
        "Has the child told someone about a sexual or physical assault, or about being sexually exploited, at any time, whether or not they later took it back?",
        "Has anyone (the police, another agency, a witness) reported that the child has been sexually abused, at any time,",
        "Has the child had a sexually transmitted infection at any time, even more than 6 months ago?",
    ] {
        assert!(stderr.contains(asked), "{asked}: {stderr}");
    }
    assert!(stderr.contains("2 questions are asked again"), "{stderr}");
    let saved = std::fs::read_to_string(dir.path().join("EX-3031.yaml")).unwrap();
    assert!(saved.contains("  version: \"1.9.0\""), "{saved}");
    assert!(saved.contains("status: complete"), "{saved}");
    assert!(
        saved.contains("sexually_transmitted_infection_at_any_time:"),
        "{saved}"
    );
    assert!(saved.contains("she has not taken it"), "{saved}");
    assert!(stdout.contains("Category 4"), "{stdout}");
}

/// The disclosure (yes: kept with an Enter for the answer, the basis and the note), the
/// reported abuse (no: kept with an Enter), the infection at any time (new: no), then the
/// review (Finish), judgement, discussed with, actions.
const SERAF_1_9_0_REPLIES: &str = "\n\n\n\n2\n1\n\n\n\n";
