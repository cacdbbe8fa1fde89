//! `cse-screen history`: grouping by case, the trend, changes, review dates and escalation,
//! on the teaching cases (TR-0005 did not reduce; TR-0007 did). All data is fictional.

use std::path::{Path, PathBuf};

use crate::common::{Run, cse, no_panic_text};
use predicates::prelude::*;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn case_files(prefix: &str) -> Vec<PathBuf> {
    (1..=3)
        .map(|n| root().join(format!("examples/training/{prefix}-{n}.yaml")))
        .collect()
}

fn run(args: &[&str], files: &[PathBuf]) -> (i32, String, String) {
    let ran = cse()
        .current_dir(root())
        .arg("history")
        .args(args)
        .args(files)
        .run();
    (ran.code, ran.stdout, ran.stderr)
}

fn json(args: &[&str], files: &[PathBuf]) -> Value {
    json_and_stderr(args, files).0
}

/// `history ARGS --format json FILES`, which must succeed, and what it said on stderr.
fn json_and_stderr(args: &[&str], files: &[PathBuf]) -> (Value, String) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let (code, out, err) = run(&all, files);
    assert_eq!(code, 0, "{err}");
    (serde_json::from_str(&out).expect("json"), err)
}

fn only_case(h: &Value) -> &Value {
    let cases = h["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), 1, "{h:#}");
    &cases[0]
}

#[test]
fn risk_that_did_not_reduce_recommends_escalation_to_the_complex_case_panel() {
    let h = json(&["--as-of", "2026-05-01"], &case_files("05-not-reducing"));
    let c = only_case(&h);
    assert_eq!(c["case_reference"], "TR-0005");
    let levels: Vec<&str> = c["screenings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["medium", "medium", "high"]);
    let e = &c["escalation"];
    assert_eq!(e["route"]["id"], "complex_case_panel");
    let because: Vec<&str> = e["because"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_str().unwrap())
        .collect();
    assert_eq!(because.len(), 2, "{because:?}");
    assert!(because[0].starts_with("Not reducing: at Medium or above at each of the last 3"));
    assert!(because[1].starts_with("Rising: from Medium on 2026-03-30 to High on 2026-04-27"));
    assert!(
        e["guidance"]
            .as_str()
            .unwrap()
            .contains("Complex Case Panel")
    );

    // Missing episodes add up across the screenings: a return interview after each one.
    let m = &c["missing"];
    assert_eq!(m["episodes"], 5);
    assert_eq!(m["return_home_conversation"], true);
    assert!(m["guidance"].as_str().unwrap().contains("earlier episodes"));

    // The same for a person, on the terminal.
    // (Prose is wrapped at spaces to the width: compared with the line breaks taken out.)
    let (code, out, _) = run(&["--as-of", "2026-05-01"], &case_files("05-not-reducing"));
    assert_eq!(code, 0);
    let words = crate::common::one_line(&out);
    assert!(
        words.contains("ESCALATE: The risk has not reduced across repeated screenings"),
        "{out}"
    );
    // Said once, and not as "ESCALATE: Escalate - ...".
    assert_eq!(
        words
            .matches("which is for cases the usual processes have not moved")
            .count(),
        1,
        "{out}"
    );
    assert!(!words.contains("ESCALATE: Escalate"), "{out}");
    assert!(
        words.contains("When: Now; do not wait for the next scheduled review."),
        "{out}"
    );
    assert!(
        words.contains("A return interview should be offered after each one"),
        "{out}"
    );
}

#[test]
fn risk_that_reduced_does_not_recommend_escalation() {
    let h = json(&["--as-of", "2026-03-30"], &case_files("07-reducing"));
    let c = only_case(&h);
    let levels: Vec<&str> = c["screenings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["high", "medium", "low"]);
    assert!(c["escalation"].is_null(), "{c:#}");
    assert!(c["missing"].is_null(), "{c:#}");

    // What changed, by indicator, between each pair of screenings.
    let ids = |change: &Value, key: &str| -> Vec<String> {
        change[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let changes = c["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2);
    assert_eq!(
        ids(&changes[0], "resolved"),
        [
            "not_in_education",
            "drug_use",
            "alcohol_use",
            "older_people_or_new_groups",
            "withdrawn_from_family_and_services"
        ]
    );
    assert!(ids(&changes[0], "new").is_empty());
    assert_eq!(
        ids(&changes[1], "resolved"),
        [
            "whereabouts_not_known",
            "many_unknown_callers_or_phones",
            "secretive_about_contacts"
        ]
    );

    let (code, out, _) = run(&["--as-of", "2026-03-30"], &case_files("07-reducing"));
    assert_eq!(code, 0);
    assert!(!out.contains("ESCALATE"), "{out}");
}

#[test]
fn across_all_teaching_cases_only_the_case_that_did_not_reduce_escalates() {
    let h = json(
        &["--as-of", "2026-12-31"],
        &[root().join("examples/training")],
    );
    let cases = h["cases"].as_array().unwrap();
    let refs: Vec<&str> = cases
        .iter()
        .map(|c| c["case_reference"].as_str().unwrap())
        .collect();
    assert_eq!(
        refs,
        [
            "TR-0001", "TR-0002", "TR-0003", "TR-0004", "TR-0005", "TR-0006", "TR-0007"
        ]
    );
    let escalated: Vec<&str> = cases
        .iter()
        .filter(|c| !c["escalation"].is_null())
        .map(|c| c["case_reference"].as_str().unwrap())
        .collect();
    assert_eq!(escalated, ["TR-0005"]);
}

#[test]
fn as_of_an_earlier_date_shows_the_history_as_it_stood_then() {
    // Before the third screening of TR-0005: two at medium, not yet three, not rising.
    let h = json(&["--as-of", "2026-04-10"], &case_files("05-not-reducing"));
    assert_eq!(h["after_as_of"], 1);
    let c = only_case(&h);
    assert_eq!(c["screenings"].as_array().unwrap().len(), 2);
    assert!(c["escalation"].is_null(), "{c:#}");
    // Three episodes were already known: the return-home conversation was due then too.
    assert_eq!(c["missing"]["episodes"], 3);
    assert_eq!(c["missing"]["return_home_conversation"], true);
}

#[test]
fn the_review_is_due_until_its_date_then_overdue() {
    // The last screening (2026-04-27) is High: review in 28 days, by 2026-05-25.
    let review = |as_of: &str| {
        let h = json(&["--as-of", as_of], &case_files("05-not-reducing"));
        only_case(&h)["review"].clone()
    };
    let r = review("2026-05-01");
    assert_eq!(
        (r["due"].as_str(), r["status"].as_str(), r["days"].as_i64()),
        (Some("2026-05-25"), Some("due"), Some(24))
    );
    assert_eq!(r["interval_days"], 28);
    let r = review("2026-05-25");
    assert_eq!(
        (r["status"].as_str(), r["days"].as_i64()),
        (Some("due_today"), Some(0))
    );
    let r = review("2026-05-26");
    assert_eq!(
        (r["status"].as_str(), r["days"].as_i64()),
        (Some("overdue"), Some(-1))
    );
    // Across a year end, from a Low screening (90 days).
    let h = json(
        &["--as-of", "2027-01-01"],
        &[root().join("examples/training/07-reducing-3.yaml")],
    );
    let r = &only_case(&h)["review"];
    assert_eq!(
        (r["due"].as_str(), r["status"].as_str(), r["days"].as_i64()),
        (Some("2026-06-21"), Some("overdue"), Some(-194))
    );

    let words = crate::common::one_line;
    let (_, out, _) = run(&["--as-of", "2026-05-26"], &case_files("05-not-reducing"));
    assert!(
        words(&out).contains("Review overdue: it was due on 2026-05-25, 1 day ago (28 days after the High screening of 2026-04-27)."),
        "{out}"
    );
    let (_, out, _) = run(&["--as-of", "2026-05-01"], &case_files("05-not-reducing"));
    assert!(
        words(&out).contains("Review due: by 2026-05-25, in 24 days"),
        "{out}"
    );
}

#[test]
fn a_later_screening_in_progress_does_not_set_the_review_date() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = case_files("05-not-reducing");
    let text = std::fs::read_to_string(&files[2])
        .unwrap()
        .replace("date: 2026-04-27", "date: 2026-05-04")
        .replace("status: complete", "status: in_progress");
    let later = dir.path().join("05-not-reducing-4.yaml");
    std::fs::write(&later, text).unwrap();
    files.push(later);
    let h = json(&["--as-of", "2026-05-05"], &files);
    let r = &only_case(&h)["review"];
    assert_eq!(r["from_screening"], "2026-04-27");
    assert_eq!(r["due"], "2026-05-25");
    assert_eq!(r["in_progress"], "2026-05-04");
    assert_eq!(only_case(&h)["screenings"][3]["complete"], false);
    let (_, out, _) = run(&["--as-of", "2026-05-05"], &files);
    assert!(
        out.contains("The screening of 2026-05-04 is still in progress"),
        "{out}"
    );
}

#[test]
fn screenings_are_grouped_by_case_and_ordered_by_date_not_by_file_name() {
    let dir = tempfile::tempdir().unwrap();
    // File names in the reverse order of the dates, and two cases mixed in one folder.
    for (n, f) in case_files("05-not-reducing").iter().enumerate() {
        std::fs::copy(f, dir.path().join(format!("z{}.yaml", 3 - n))).unwrap();
    }
    for (n, f) in case_files("07-reducing").iter().enumerate() {
        std::fs::copy(f, dir.path().join(format!("a{}.yaml", 3 - n))).unwrap();
    }
    let h = json(&["--as-of", "2026-05-01"], &[dir.path().to_path_buf()]);
    let cases = h["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 2);
    for c in cases {
        let dates: Vec<&str> = c["screenings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["date"].as_str().unwrap())
            .collect();
        let mut sorted = dates.clone();
        sorted.sort_unstable();
        assert_eq!(dates, sorted);
    }
    assert_eq!(cases[0]["case_reference"], "TR-0005");
    assert!(!cases[0]["escalation"].is_null());
    assert!(cases[1]["escalation"].is_null());

    // --case keeps one.
    let h = json(
        &["--as-of", "2026-05-01", "--case", "TR-0007"],
        &[dir.path().to_path_buf()],
    );
    assert_eq!(only_case(&h)["case_reference"], "TR-0007");
}

#[test]
fn markdown_history_of_the_case_that_did_not_reduce() {
    let (code, out, err) = run(
        &["--as-of", "2026-05-01", "--format", "markdown"],
        &case_files("05-not-reducing"),
    );
    assert_eq!(code, 0, "{err}");
    // Paths differ between machines: show them relative to the repository.
    let out = out.replace(&format!("{}/", root().display()), "");
    insta::assert_snapshot!(out);
}

#[test]
fn screenings_of_two_questionnaire_versions_are_compared_by_indicator_id() {
    let dir = tempfile::tempdir().unwrap();
    // A version 2.9.0 that renames one indicator; everything else is the same.
    let bundled =
        std::fs::read_to_string(root().join("questionnaires/oxfordshire-cse.yaml")).unwrap();
    let bundled_sha = cse_screen::questionnaire::from_str(&bundled)
        .expect("the bundled questionnaire is valid")
        .sha256;
    let text = bundled
        .replacen("version: 2.8.0", "version: 2.9.0", 1)
        .replace("- id: young_carer", "- id: young_carer_or_carer_role");
    let newer = dir.path().join("oxfordshire-cse-2.9.0.yaml");
    std::fs::write(&newer, &text).unwrap();
    let q = cse_screen::questionnaire::from_str(&text).expect("the edited questionnaire is valid");

    let first = case_files("07-reducing")[2].clone();
    let answers = std::fs::read_to_string(&first)
        .unwrap()
        .replace("version: 2.8.0", "version: 2.9.0")
        .replace(&bundled_sha, &q.sha256)
        .replace("date: 2026-03-23", "date: 2026-06-15")
        .replace("due: 2026-03-30", "due: 2026-06-22")
        .replace(
            "young_carer: {answer: no}",
            "young_carer_or_carer_role: {answer: yes, basis: evidence, note: \"Cares for the aunt's younger children most evenings.\"}",
        );
    let second = dir.path().join("07-reducing-4.yaml");
    std::fs::write(&second, answers).unwrap();

    let newer_arg = newer.display().to_string();
    let (code, out, err) = run(
        &[
            "--as-of",
            "2026-06-20",
            "--format",
            "json",
            "-q",
            &newer_arg,
        ],
        &[first.clone(), second.clone()],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        !err.contains("warning"),
        "the stamps match their versions: {err}"
    );
    let h: Value = serde_json::from_str(&out).unwrap();
    let c = only_case(&h);
    let versions: Vec<&str> = c["screenings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["version"].as_str().unwrap())
        .collect();
    assert_eq!(versions, ["2.8.0", "2.9.0"]);
    let change = &c["changes"][0];
    let only_in: Vec<(String, String)> = change["only_in"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["indicator"].as_str().unwrap().to_owned(),
                o["version"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        only_in,
        [
            ("young_carer_or_carer_role".to_owned(), "2.9.0".to_owned()),
            ("young_carer".to_owned(), "2.8.0".to_owned())
        ]
    );
    // The renamed indicator is not reported as new: it is not compared.
    assert_eq!(change["new"].as_array().unwrap().len(), 0, "{change:#}");

    let (_, out, _) = run(
        &["--as-of", "2026-06-20", "-q", &newer_arg],
        &[first, second],
    );
    // Each is named by its question and says how it was answered: the renamed question's
    // yes is not hidden behind an id.
    let words = crate::common::one_line(&out);
    for said in [
        "(`young_carer`) is only in oxfordshire-cse version 2.8.0; answered no there",
        "(`young_carer_or_carer_role`) is only in oxfordshire-cse version 2.9.0; answered yes there",
    ] {
        assert!(words.contains(said), "{said}\n{out}");
    }
    assert_eq!(change["only_in"][0]["answer"], "yes", "{change:#}");
    assert!(
        change["only_in"][0]["prompt"]
            .as_str()
            .is_some_and(|p| p.ends_with('?')),
        "{change:#}"
    );
}

#[test]
fn a_bad_file_is_reported_with_its_place_and_the_rest_are_shown() {
    let dir = tempfile::tempdir().unwrap();
    for (n, f) in case_files("05-not-reducing").iter().enumerate() {
        std::fs::copy(f, dir.path().join(format!("{n}.yaml"))).unwrap();
    }
    std::fs::write(
        dir.path().join("broken.yaml"),
        "questionnaire: {id: oxfordshire-cse, version: 1.0.0}\nscreening: [\n",
    )
    .unwrap();
    let out = cse()
        .args(["history", "--as-of", "2026-05-01"])
        .arg(dir.path())
        .assert()
        .code(65)
        .stderr(predicate::str::contains("broken.yaml:").and(no_panic_text()))
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("Case TR-0005: 3 screenings"), "{out}");
    assert!(out.contains("ESCALATE"), "{out}");
}

#[test]
fn nothing_to_show_and_bad_dates_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    cse()
        .args(["history"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no screenings were found"));
    cse()
        .args(["history", "--as-of", "01/05/2026", "examples/training"])
        .current_dir(root())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("write it as YYYY-MM-DD"));
    cse()
        .args(["history", "--case", "TR-9999", "examples/training"])
        .current_dir(root())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no screenings of case TR-9999"));
    // An empty reference (or only spaces or invisible characters) names no case.
    for empty in ["", " \u{200b}"] {
        cse()
            .args(["history", "--case", empty, "examples/training"])
            .current_dir(root())
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "`--case` is empty: it names no case",
            ));
    }
}

// One screening, one count; one case, one reference; dates that make sense (issue 17).
// Hostile files are made from the teaching cases; all data is fictional.

/// The levels of each case's screenings, by normalised reference.
fn levels_of(h: &Value) -> Vec<(String, Vec<String>)> {
    h["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let levels = c["screenings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["level"].as_str().unwrap().to_owned())
                .collect();
            (c["case_reference"].as_str().unwrap().to_owned(), levels)
        })
        .collect()
}

#[test]
fn three_paths_to_one_file_count_once_and_do_not_escalate() {
    // One Medium screening named three times would be "three at Medium": not reducing.
    let one = case_files("05-not-reducing")[0].clone();
    let h = json(&["--as-of", "2026-05-01"], &[one.clone(), one.clone(), one]);
    assert_eq!(
        levels_of(&h),
        [("TR-0005".to_owned(), vec!["medium".to_owned()])]
    );
    let c = only_case(&h);
    assert!(c["escalation"].is_null(), "{c:#}");
    let dups = c["duplicates"].as_array().unwrap();
    assert_eq!(dups.len(), 2, "{c:#}");
    for d in dups {
        assert_eq!(d["how"], "same_file");
        assert_eq!(d["file"], d["same_as"]);
    }

    let one = case_files("05-not-reducing")[0].clone();
    let (code, out, _) = run(&["--as-of", "2026-05-01"], &[one.clone(), one]);
    assert_eq!(code, 0);
    assert!(out.contains("Case TR-0005: 1 screening\n"), "{out}");
    assert!(!out.contains("ESCALATE"), "{out}");
    assert!(
        out.contains("Counted once: 1 more path named a screening already counted above."),
        "{out}"
    );
}

#[test]
fn a_yaml_file_its_json_twin_and_a_copy_count_once() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = std::fs::read_to_string(&case_files("05-not-reducing")[0]).unwrap();
    let parsed = cse_screen::answers::parse(&yaml, cse_screen::answers::Format::Yaml)
        .expect("the teaching file parses");
    let twin = serde_json::to_string_pretty(&parsed).unwrap();
    std::fs::write(dir.path().join("a.yaml"), &yaml).unwrap();
    std::fs::write(dir.path().join("b.json"), twin).unwrap();
    std::fs::write(dir.path().join("c-copy.yaml"), &yaml).unwrap();
    let h = json(&["--as-of", "2026-05-01"], &[dir.path().to_path_buf()]);
    let c = only_case(&h);
    assert_eq!(c["screenings"].as_array().unwrap().len(), 1, "{c:#}");
    assert!(c["escalation"].is_null(), "{c:#}");
    let dups: Vec<(String, &str)> = c["duplicates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let file = d["file"].as_str().unwrap();
            let name = Path::new(file).file_name().unwrap().to_string_lossy();
            (name.into_owned(), d["how"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        dups,
        [
            ("b.json".to_owned(), "same_screening"),
            ("c-copy.yaml".to_owned(), "same_screening")
        ]
    );
    let identity = c["screenings"][0]["identity"].as_str().unwrap();
    assert_eq!(identity.len(), 64, "a sha256 in hex: {identity}");

    // The bundled examples hold oxfordshire-01 in YAML and in JSON: one screening of EX-1001.
    let h = json(
        &["--as-of", "2026-12-31", "--case", "EX-1001"],
        &[root().join("examples/answers")],
    );
    let c = only_case(&h);
    assert_eq!(c["screenings"].as_array().unwrap().len(), 1, "{c:#}");
    assert_eq!(c["duplicates"][0]["how"], "same_screening");

    // Markdown lists them too.
    let (code, out, _) = run(
        &["--as-of", "2026-05-01", "--format", "markdown"],
        &[dir.path().to_path_buf()],
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("Counted once: 2 more paths named screenings already counted above."),
        "{out}"
    );
    assert!(out.contains("b.json"), "{out}");
}

#[cfg(unix)]
#[test]
fn a_folder_and_a_link_to_it_count_each_screening_once() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    std::fs::create_dir(&real).unwrap();
    // Two Medium screenings: counted twice over, they would be four, "not reducing".
    for (n, f) in case_files("05-not-reducing")[..2].iter().enumerate() {
        std::fs::copy(f, real.join(format!("{n}.yaml"))).unwrap();
    }
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let h = json(&["--as-of", "2026-04-10"], &[real.clone(), link.clone()]);
    let c = only_case(&h);
    assert_eq!(c["screenings"].as_array().unwrap().len(), 2, "{c:#}");
    assert!(c["escalation"].is_null(), "{c:#}");
    let dups = c["duplicates"].as_array().unwrap();
    assert_eq!(dups.len(), 2, "{c:#}");
    assert!(dups.iter().all(|d| d["how"] == "same_file"), "{c:#}");
    assert!(
        dups.iter()
            .all(|d| d["file"].as_str().unwrap().contains("link")),
        "{c:#}"
    );
    // A link to one file, named beside the file.
    let file_link = dir.path().join("one.yaml");
    std::os::unix::fs::symlink(real.join("0.yaml"), &file_link).unwrap();
    let h = json(
        &["--as-of", "2026-04-10"],
        &[real.join("0.yaml"), file_link],
    );
    assert_eq!(only_case(&h)["screenings"].as_array().unwrap().len(), 1);
}

/// The three screenings of TR-0005 (which does not reduce), in a new folder as `0.yaml` to
/// `2.yaml`, each with its case reference written as given (YAML).
fn written_as(references: [&str; 3]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (n, (f, reference)) in case_files("05-not-reducing")
        .iter()
        .zip(references)
        .enumerate()
    {
        let text = std::fs::read_to_string(f).unwrap().replace(
            "case_reference: TR-0005",
            &format!("case_reference: {reference}"),
        );
        std::fs::write(dir.path().join(format!("{n}.yaml")), text).unwrap();
    }
    dir
}

#[test]
fn a_reference_typed_with_a_space_or_a_zero_width_character_is_one_case() {
    let dir = written_as(["TR-0005", "\"TR-0005 \"", "\"TR-0005\\u200B\""]);
    let (h, err) = json_and_stderr(&["--as-of", "2026-05-01"], &[dir.path().to_path_buf()]);
    let c = only_case(&h);
    assert_eq!(c["case_reference"], "TR-0005");
    let as_written: Vec<&str> = c["screenings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["case_reference"].as_str().unwrap())
        .collect();
    assert_eq!(as_written, ["TR-0005", "TR-0005 ", "TR-0005\u{200b}"]);
    // One case of three screenings does not reduce: escalate.
    assert_eq!(
        c["escalation"]["route"]["id"], "complex_case_panel",
        "{c:#}"
    );
    // Only the invisible character is warned about, with its place.
    assert!(
        err.contains("2.yaml:6:19: warning: `screening.case_reference` holds U+200B (zero width space), an invisible character, at character 8; the case is matched without it, as `TR-0005`"),
        "{err}"
    );
    assert_eq!(err.matches("warning:").count(), 1, "{err}");

    // --case matches the same way, however it is typed.
    for typed in ["TR-0005", " tr-0005 ", "TR-0005\u{200b}"] {
        let h = json(
            &["--as-of", "2026-05-01", "--case", typed],
            &[dir.path().to_path_buf()],
        );
        assert_eq!(only_case(&h)["screenings"].as_array().unwrap().len(), 3);
    }

    // The table says which files wrote it differently, with the invisible character shown.
    let (_, out, _) = run(&["--as-of", "2026-05-01"], &[dir.path().to_path_buf()]);
    assert!(out.contains("Case TR-0005: 3 screenings"), "{out}");
    assert!(out.contains(r#""TR-0005\u{200b}" in"#), "{out}");
    assert!(!out.contains('\u{200b}'), "{out}");
}

#[test]
fn a_reference_typed_with_look_alike_letters_of_another_script_is_one_case() {
    // Cyrillic Т (U+0422), Greek Τ (U+03A4) and a full-width zero: each looks like TR-0005.
    let dir = written_as(["TR-0005", "\u{422}R-0005", "\u{3a4}R-\u{ff10}005"]);
    let (h, err) = json_and_stderr(&["--as-of", "2026-05-01"], &[dir.path().to_path_buf()]);
    let c = only_case(&h);
    // One case of three screenings that does not reduce: its escalation is not lost.
    assert_eq!(
        c["escalation"]["route"]["id"], "complex_case_panel",
        "{c:#}"
    );
    assert!(
        err.contains("1.yaml:6:19: warning: `screening.case_reference` holds U+0422, a Cyrillic letter that looks like the ASCII `T`, at character 1; the case is matched as `TR-0005`"),
        "{err}"
    );
    assert!(
        err.contains("2.yaml:6:19: warning: `screening.case_reference` holds U+03A4, a Greek letter that looks like the ASCII `T`, at character 1 (and 1 more such character); the case is matched as `TR-0005`"),
        "{err}"
    );
    assert_eq!(err.matches("warning:").count(), 2, "{err}");
    // --case finds it typed either way.
    for typed in ["TR-0005", "\u{422}R-0005"] {
        let h = json(
            &["--as-of", "2026-05-01", "--case", typed],
            &[dir.path().to_path_buf()],
        );
        assert_eq!(only_case(&h)["screenings"].as_array().unwrap().len(), 3);
    }
    // The table names the case in ASCII, and shows each look-alike by its code where it
    // lists how the reference was written, so the two do not look the same.
    let (_, out, _) = run(&["--as-of", "2026-05-01"], &[dir.path().to_path_buf()]);
    assert!(out.contains("Case TR-0005: 3 screenings"), "{out}");
    let out = out.replace('\n', " ");
    assert!(
        out.contains(r#""\u{422}R-0005" in"#) && out.contains(r#""\u{3a4}R-\u{ff10}005" in"#),
        "{out}"
    );
    assert!(
        out.contains("with letters of other scripts that look like ASCII ones read as those"),
        "{out}"
    );
    // Written first with a look-alike, the case is still named in ASCII.
    let first = tempfile::tempdir().unwrap();
    for n in [1, 2] {
        std::fs::copy(
            dir.path().join(format!("{n}.yaml")),
            first.path().join(format!("{n}.yaml")),
        )
        .unwrap();
    }
    let h = json(&["--as-of", "2026-05-01"], &[first.path().to_path_buf()]);
    assert_eq!(only_case(&h)["case_reference"], "TR-0005");
}

/// A dash from an input method or a word processor (full width, the Japanese long sound
/// mark, an em dash) splits no case: before, each was a case of its own, with no warning,
/// and TR-0005's escalation was lost.
#[test]
fn a_reference_typed_with_another_dash_is_one_case() {
    let dir = written_as(["TR-0005", "TR\u{ff0d}0005", "TR\u{30fc}0005"]);
    let (h, err) = json_and_stderr(&["--as-of", "2026-05-01"], &[dir.path().to_path_buf()]);
    let c = only_case(&h);
    assert_eq!(
        c["escalation"]["route"]["id"], "complex_case_panel",
        "{c:#}"
    );
    assert!(
        err.contains("1.yaml:6:19: warning: `screening.case_reference` holds U+FF0D, a dash read as the ASCII `-`, at character 3; the case is matched as `TR-0005`"),
        "{err}"
    );
    assert!(
        err.contains("2.yaml:6:19: warning: `screening.case_reference` holds U+30FC, a dash read as the ASCII `-`, at character 3; the case is matched as `TR-0005`"),
        "{err}"
    );
    // The caseload counts one case of three screenings too.
    let out = cse()
        .args(["caseload", "--as-of", "2026-05-01", "--format", "csv"])
        .arg(dir.path())
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.contains("\n\"TR-0005\",\"3\","), "{csv}");
}

/// The High screening of TR-0005 made into one of TR-0007 dated `date`, beside TR-0007's
/// last (Low) screening, in a new folder.
fn low_then_high_dated(date: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("examples/training/07-reducing-3.yaml"),
        dir.path().join("low.yaml"),
    )
    .unwrap();
    let high = std::fs::read_to_string(&case_files("05-not-reducing")[2])
        .unwrap()
        .replace("case_reference: TR-0005", "case_reference: TR-0007")
        .replace("date: 2026-04-27", &format!("date: {date}"));
    std::fs::write(dir.path().join("high.yaml"), high).unwrap();
    dir
}

#[test]
fn a_future_dated_screening_is_shown_and_flagged_not_left_out() {
    let dir = low_then_high_dated("2062-11-29");
    let (h, err) = json_and_stderr(&["--as-of", "2026-05-01"], &[dir.path().to_path_buf()]);
    assert_eq!(
        (h["after_as_of"].as_u64(), h["after_today"].as_u64()),
        (Some(0), Some(1))
    );
    let c = only_case(&h);
    assert_eq!(levels_of(&h)[0].1, ["low", "high"]);
    assert_eq!(c["screenings"][1]["dated_after_today"], true);
    assert_eq!(c["screenings"][1]["review_due"], Value::Null);
    assert_eq!(c["screenings"][0]["dated_after_today"], false);
    // A review date from a wrong date would be wrong: unknown, a documented status.
    assert_eq!(c["review"]["status"], "unknown");
    assert_eq!(c["review"]["from_screening"], "2062-11-29");
    assert!(
        err.contains(
            "high.yaml:7:9: warning: `screening.date` is 2062-11-29, a date that has not come yet"
        ),
        "{err}"
    );

    let (_, out, _) = run(&["--as-of", "2026-05-01"], &[dir.path().to_path_buf()]);
    assert!(
        out.contains("Dated in the future: 1 screening is dated after today"),
        "{out}"
    );
    assert!(out.contains("2062-11-29 (dated"), "{out}");
    assert!(
        !out.contains("2062-12-27"),
        "no review date from a wrong date: {out}"
    );
    assert!(
        out.contains("Review date unknown: the High screening of 2062-11-29"),
        "{out}"
    );

    // The same without --as-of (today): still shown.
    let h = json(&[], &[dir.path().to_path_buf()]);
    assert_eq!(levels_of(&h)[0].1, ["low", "high"]);
}

#[test]
fn the_last_date_there_is_gives_a_documented_review_status() {
    let dir = low_then_high_dated("9999-12-31");
    let h = json(&["--as-of", "2026-05-01"], &[dir.path().to_path_buf()]);
    let c = only_case(&h);
    assert_eq!(c["screenings"][1]["review_due"], Value::Null);
    assert_eq!(c["review"]["status"], "unknown");
    assert_eq!(c["review"]["due"], Value::Null);
    assert_eq!(c["review"]["days"], 0);
}

#[test]
fn a_date_before_2000_is_refused_at_load() {
    let dir = low_then_high_dated("0000-01-01");
    cse()
        .args(["history", "--as-of", "2026-05-01"])
        .arg(dir.path())
        .assert()
        .code(65)
        .stderr(
            predicate::str::contains(
                "high.yaml:7:9: `screening.date` is 0000-01-01, before 2000-01-01, the earliest date a screening can have",
            )
            .and(no_panic_text()),
        )
        .stdout(predicate::str::contains("Case TR-0007: 1 screening\n"));
}

#[test]
fn score_explain_and_report_warn_about_a_future_date_and_score_refuses_one_before_2000() {
    let dir = low_then_high_dated("2062-11-29");
    let high = dir.path().join("high.yaml");
    for args in [
        &["score"][..],
        &["explain"],
        &["report", "--format", "markdown"],
    ] {
        cse()
            .args(args)
            .arg(&high)
            .assert()
            .code(0)
            .stderr(
                predicate::str::contains(
                    "high.yaml:7:9: warning: `screening.date` is 2062-11-29, a date that has not come yet",
                )
                .and(no_panic_text()),
            );
    }
    let dir = low_then_high_dated("0000-01-01");
    cse()
        .arg("score")
        .arg(dir.path().join("high.yaml"))
        .assert()
        .code(65)
        .stderr(predicate::str::contains("before 2000-01-01"));
}

#[test]
fn a_record_and_its_unsaved_copy_count_once_towards_escalation_at_the_higher_level() {
    // Two Medium screenings, and beside the second an unsaved copy of it.
    let dir = tempfile::tempdir().unwrap();
    let training = |n: u8| {
        std::fs::read_to_string(root().join(format!("examples/training/05-not-reducing-{n}.yaml")))
            .unwrap()
    };
    std::fs::write(dir.path().join("TR-0005-a.yaml"), training(1)).unwrap();
    let record = dir.path().join("TR-0005-b.yaml");
    std::fs::write(&record, training(2)).unwrap();
    let copy = cse_screen::store::beside(&record).expect("a free name");
    std::fs::write(
        &copy,
        training(2).replace("Attendance 70%", "Attendance 68%"),
    )
    .unwrap();
    let h = json(&["--as-of", "2026-05-01"], &[dir.path().to_path_buf()]);
    let c = only_case(&h);
    assert_eq!(c["screenings"].as_array().unwrap().len(), 3, "{c:#}");
    // Two screenings at Medium, not three: no escalation yet (three is the setting).
    assert!(c["escalation"].is_null(), "{c:#}");
    // The caseload judges the case as history does.
    let caseload = |dir: &std::path::Path| -> Value {
        let ran = cse()
            .args(["caseload", "--as-of", "2026-05-01", "--format", "json"])
            .arg(dir)
            .run()
            .code(0);
        serde_json::from_str(&ran.stdout).unwrap()
    };
    assert!(caseload(dir.path())["cases"][0]["escalation"].is_null());

    // A copy that holds newer answers at a higher level counts at its level: it is not left
    // out in favour of the record.
    std::fs::write(&copy, training(3)).unwrap();
    let h = json(&["--as-of", "2026-05-01"], &[dir.path().to_path_buf()]);
    let c = only_case(&h);
    assert_eq!(
        c["escalation"]["route"]["id"], "complex_case_panel",
        "{c:#}"
    );
    let because = c["escalation"]["because"].to_string();
    assert!(
        because.contains(
            "Rising: from Medium on 2026-03-02 to High on 2026-04-27 (unsaved copy), already at Medium or above before."
        ),
        "{because}"
    );
    assert!(!because.contains("2026-03-30"), "{because}");
    let (_, shown, _) = run(&["--as-of", "2026-05-01"], &[dir.path().to_path_buf()]);
    let shown = crate::common::one_line(&shown);
    assert!(shown.contains("Yes only in the copy:"), "{shown}");
    assert!(!shown.contains("Resolved:"), "{shown}");
    // The level now and the review are the copy's too, in history and in the caseload.
    assert_eq!(c["trend"]["level_label"], "High", "{c:#}");
    assert_eq!(c["review"]["from_unsaved_copy"], true, "{c:#}");
    let row = &caseload(dir.path())["cases"][0];
    assert_eq!(row["trend"]["level_label"], "High", "{row:#}");
    assert!(!row["escalation"].is_null(), "{row:#}");
}

#[test]
fn an_unsaved_copy_beside_a_record_is_marked_and_named_with_the_record_it_was_meant_for() {
    // As `screen` leaves them when the record changed under it: the record, and beside it
    // the practitioner's answers under the name `store::beside` gives (`.yml` kept).
    let dir = tempfile::tempdir().unwrap();
    let text =
        std::fs::read_to_string(root().join("examples/training/05-not-reducing-3.yaml")).unwrap();
    let record = dir.path().join("TR-0005.yml");
    std::fs::write(&record, &text).unwrap();
    let copy = cse_screen::store::beside(&record).expect("a free name");
    assert_eq!(copy, dir.path().join("TR-0005.unsaved-1.yml"));
    let i = text.find("note: \"").expect("a note") + "note: \"".len();
    std::fs::write(
        &copy,
        format!("{}Seen again on Friday. {}", &text[..i], &text[i..]),
    )
    .unwrap();

    let shown = cse()
        .current_dir(dir.path())
        .args(["history", "--as-of", "2026-05-01", "."])
        .env("COLUMNS", "200")
        .run()
        .code(0);
    let words = crate::common::one_line(&shown.stdout);
    assert!(words.contains("(unsaved copy)"), "{}", shown.stdout);
    // Wherever a sentence names the copy by its date, it says it is the copy, so the record
    // and its copy do not read as two screenings of the case.
    for said in [
        "Case TR-0005: 2 screenings, one of them an unsaved copy",
        // The record and its copy are one screening: the level now is not "steady" on the
        // strength of the copy.
        "Level now: High, first screening.",
        "5 on 2026-04-27 (unsaved copy), 5 on 2026-04-27)",
        // The record and its copy are two versions of one screening: what differs between
        // them is not said as a change over time ("New", "Resolved").
        "Two versions of one screening, the record (2026-04-27) and its unsaved copy (2026-04-27); keep the right one. What differs:",
        "28 days after the High screening of 2026-04-27),",
    ] {
        assert!(words.contains(said), "{said}\n{}", shown.stdout);
    }
    assert!(
        words.contains(
            "./TR-0005.unsaved-1.yml is an unsaved copy: cse-screen saved these answers beside \
             ./TR-0005.yml because that record was changed by another program"
        ),
        "{}",
        shown.stdout
    );

    let ran = cse()
        .current_dir(dir.path())
        .args(["history", "--format", "json", "--as-of", "2026-05-01", "."])
        .run()
        .code(0);
    let h: Value = serde_json::from_str(&ran.stdout).expect("json");
    let case = only_case(&h);
    // One screening (the record, level with its copy): nothing before it to compare with.
    assert_eq!(case["trend"]["direction"], "first", "{case}");
    assert_eq!(case["changes"][0]["from_unsaved_copy"], true, "{case}");
    assert_eq!(case["changes"][0].get("to_unsaved_copy"), None, "{case}");
    assert_eq!(case["changes"][0]["versions"], true, "{case}");
    assert_eq!(case["review"].get("from_unsaved_copy"), None, "{case}");
    let recorded = &case["missing"]["recorded"];
    assert_eq!(recorded[0]["unsaved_copy"], true, "{case}");
    assert_eq!(recorded[1].get("unsaved_copy"), None, "{case}");
    let marks: Vec<(String, Option<String>)> = only_case(&h)["screenings"]
        .as_array()
        .expect("screenings")
        .iter()
        .map(|p| {
            (
                p["file"].as_str().unwrap_or_default().to_owned(),
                p["unsaved_copy_of"].as_str().map(str::to_owned),
            )
        })
        .collect();
    assert_eq!(
        marks,
        [
            (
                "./TR-0005.unsaved-1.yml".to_owned(),
                Some("./TR-0005.yml".to_owned())
            ),
            ("./TR-0005.yml".to_owned(), None),
        ]
    );
}

/// SERAF's levels are not Oxfordshire's: a SERAF screening after three at High neither ends
/// the escalation they make nor reads as "rising" (Category 4 is SERAF's fourth level, High
/// Oxfordshire's third), and the answers of the two are not compared.
#[test]
fn a_screening_with_another_questionnaire_keeps_the_escalation_and_is_not_compared() {
    let dir = tempfile::tempdir().unwrap();
    let read = |name: &str| {
        std::fs::read_to_string(root().join(format!("examples/answers/{name}.yaml"))).unwrap()
    };
    let high = read("oxfordshire-06-injury-not-explained");
    for (n, date) in ["2026-01-05", "2026-02-02", "2026-03-02"]
        .iter()
        .enumerate()
    {
        std::fs::write(
            dir.path().join(format!("EX-1006-{n}.yaml")),
            high.replace("date: 2026-11-12", &format!("date: {date}")),
        )
        .unwrap();
    }
    std::fs::write(
        dir.path().join("EX-1006-3.yaml"),
        read("seraf-01-judgement-raised")
            .replace("EX-3101", "EX-1006")
            .replace("date: 2026-11-25", "date: 2026-03-16"),
    )
    .unwrap();
    let h = json(&["--as-of", "2026-03-20"], &[dir.path().to_path_buf()]);
    let c = only_case(&h);
    let because = c["escalation"]["because"].to_string();
    assert!(
        because.contains("Not reducing: at Medium or above at each of the last 3 screenings"),
        "{c:#}"
    );
    assert!(
        because.contains("Judged on this case's oxfordshire-cse screenings only"),
        "{because}"
    );
    assert_eq!(c["trend"]["direction"], "not_compared", "{c:#}");
    let last = &c["changes"][2];
    assert_eq!(
        last["other_questionnaire"],
        serde_json::json!(["oxfordshire-cse", "seraf"]),
        "{last:#}"
    );
    assert!(last["resolved"].as_array().unwrap().is_empty(), "{last:#}");
    let (_, shown, _) = run(&["--as-of", "2026-03-20"], &[dir.path().to_path_buf()]);
    let shown = crate::common::one_line(&shown);
    assert!(
        shown.contains("used another questionnaire, whose levels are not compared with these"),
        "{shown}"
    );
    assert!(!shown.contains("rising"), "{shown}");
    // The caseload judges it as history does.
    let ran = cse()
        .args(["caseload", "--as-of", "2026-03-20", "--format", "json"])
        .arg(dir.path())
        .run()
        .code(0);
    let caseload: Value = serde_json::from_str(&ran.stdout).unwrap();
    assert_eq!(
        caseload["cases"][0]["escalation"]["because"], c["escalation"]["because"],
        "{caseload:#}"
    );
}

/// A missing episode answered yes with no number is at least one episode, not exactly one:
/// three such screenings say so and ask how many there were.
#[test]
fn missing_episodes_with_no_number_recorded_are_at_least_one_and_asked_about() {
    let dir = tempfile::tempdir().unwrap();
    crate::common::not_reducing_without_episode_counts(dir.path());
    let (code, out, err) = run(&["--as-of", "2026-05-01"], &[dir.path().to_path_buf()]);
    assert_eq!(code, 0, "{err}");
    let words = crate::common::one_line(&out);
    assert!(
        words.contains(
            "At least 1 episode known (recorded: yes on 2026-03-02 (number not recorded)"
        ),
        "{words}"
    );
    assert!(
        words.contains(
            "The number was not recorded at 3 screenings: find out how many there were, since \
             each yes may be another episode."
        ),
        "{words}"
    );
    assert!(!words.contains("known in total"), "{words}");
}

/// Found in review: a "no" that became "not known" was not reported among the changes, so
/// a manager reading the history saw nothing open again where something ruled out was. A
/// "yes" that became "not known" was already reported.
#[test]
fn an_answer_that_was_no_and_is_now_not_known_is_reported_as_open_again() {
    let dir = tempfile::tempdir().unwrap();
    let first = case_files("07-reducing")[2].clone();
    let later = std::fs::read_to_string(&first)
        .unwrap()
        .replace("date: 2026-03-23", "date: 2026-04-20")
        .replace("due: 2026-03-30", "due: 2026-04-27")
        .replace(
            "cars_with_unknown_adults: {answer: no}",
            "cars_with_unknown_adults: {answer: not_known}",
        );
    let second = dir.path().join("07-reducing-4.yaml");
    std::fs::write(&second, later).unwrap();
    let files = [first, second];

    let h = json(&["--as-of", "2026-04-21"], &files);
    let change = &only_case(&h)["changes"][0];
    let ids = |key: &str| change_ids(change, key);
    assert_eq!(ids("not_known_now"), ["cars_with_unknown_adults"]);
    assert!(
        ids("new").is_empty() && ids("resolved").is_empty(),
        "{change:#}"
    );

    let (code, out, err) = run(&["--as-of", "2026-04-21"], &files);
    assert_eq!(code, 0, "{err}");
    assert!(
        crate::common::one_line(&out).contains("No before, not known now (find out whether it is still no): Has the child been seen getting into or out of cars"),
        "{out}"
    );
}

/// Found in review: a "yes" that became "not known" at the third screening read as
/// "reducing from Medium", and the "not reducing" escalation (to the MASH and the Complex
/// Case Panel) did not fire, though only information had been lost. A level lower only on
/// answers not known is now said to be so, and held at the level before for escalation.
#[test]
fn a_level_lower_only_on_answers_not_known_is_not_reducing_and_still_escalates() {
    let base = oxfordshire_01_as("EX-0003");
    let cars = |answer: &str| {
        base.replace(
            "cars_with_unknown_adults: {answer: no}",
            &format!("cars_with_unknown_adults: {answer}"),
        )
    };
    let yes = "{answer: yes, windows: [recent], basis: evidence, note: \"Seen getting into a car with an unknown adult driver.\"}";
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (date, answer) in [
        ("2026-02-02", yes),
        ("2026-03-02", yes),
        ("2026-04-01", "{answer: not_known}"),
    ] {
        let file = dir.path().join(format!("EX-0003-{date}.yaml"));
        std::fs::write(
            &file,
            cars(answer).replace("date: 2026-11-02", &format!("date: {date}")),
        )
        .unwrap();
        files.push(file);
    }
    let h = json(&["--as-of", "2026-04-10"], &files);
    let c = only_case(&h);
    let levels: Vec<&str> = c["screenings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["medium", "medium", "low"], "{c:#}");
    assert_eq!(
        c["trend"]["direction"], "lower_on_answers_not_known",
        "{c:#}"
    );
    assert!(
        !c["escalation"].is_null(),
        "the escalation still holds: {c:#}"
    );

    let (code, out, err) = run(&["--as-of", "2026-04-10"], &files);
    assert_eq!(code, 0, "{err}");
    let out = crate::common::one_line(&out);
    assert!(
        out.contains(
            "Level now: Low, lower than Medium on 2026-03-02 only on answers not known: finding \
             them out could put it back at Medium, so it is not shown to be reducing."
        ),
        "{out}"
    );
    assert!(
        out.contains("Low on 2026-04-01, resting on answers not known that could make it Medium"),
        "{out}"
    );
    // The caseload counts it so, not as reducing, and escalates it.
    let ran = cse()
        .args(["caseload", "--as-of", "2026-04-10", "--format", "json"])
        .arg(dir.path())
        .run();
    assert!(
        ran.stdout
            .contains("reducing 0, first screening 0, lower only on answers not known 1")
            && ran.stdout.contains("\"escalations_due\""),
        "{}",
        ran.stdout
    );
    // Answered no instead, the drop is a reduction, and nothing escalates.
    std::fs::write(
        &files[2],
        cars("{answer: no}").replace("date: 2026-11-02", "date: 2026-04-01"),
    )
    .unwrap();
    let h = json(&["--as-of", "2026-04-10"], &files);
    let c = only_case(&h);
    assert_eq!(c["trend"]["direction"], "reducing", "{c:#}");
    assert!(c["escalation"].is_null(), "{c:#}");
}

/// Found in review: a disclosure made (yes, earlier), answered "no" at the next screening,
/// was listed as "Resolved", though what happened cannot stop having happened. A question
/// that keeps earlier times (an earlier window) is now said to disagree with itself; one
/// that asks only about now (drug use) is still resolved.
#[test]
fn a_past_event_answered_no_after_yes_is_a_disagreement_to_check_not_resolved() {
    let base = oxfordshire_01_as("EX-0004");
    let first = base
        .replace(
            "disclosure_of_assault: {answer: no}",
            "disclosure_of_assault: {answer: yes, windows: [earlier], basis: evidence, note: \"Told a teacher last year.\"}",
        )
        .replace(
            "drug_use: {answer: no}",
            "drug_use: {answer: yes, basis: evidence, note: \"Cannabis most weekends.\"}",
        )
        .replace("date: 2026-11-02", "date: 2026-01-05");
    let second = base.replace("date: 2026-11-02", "date: 2026-04-01");
    let dir = tempfile::tempdir().unwrap();
    let files = [
        dir.path().join("EX-0004-1.yaml"),
        dir.path().join("EX-0004-2.yaml"),
    ];
    std::fs::write(&files[0], first).unwrap();
    std::fs::write(&files[1], second).unwrap();
    let h = json(&["--as-of", "2026-04-10"], &files);
    let change = &only_case(&h)["changes"][0];
    let ids = |key: &str| change_ids(change, key);
    assert_eq!(ids("yes_before_no_now"), ["disclosure_of_assault"]);
    assert_eq!(ids("resolved"), ["drug_use"]);
    let (code, out, err) = run(&["--as-of", "2026-04-10"], &files);
    assert_eq!(code, 0, "{err}");
    let out = crate::common::one_line(&out);
    assert!(
        out.contains(
            "Yes on 2026-01-05, no on 2026-04-01, but it asks about earlier times too (if it \
             happened, it stays yes with the earlier window: check which answer is right): Has \
             the child told"
        ),
        "{out}"
    );
    assert!(!out.contains("Resolved: Has the child told"), "{out}");
    assert!(
        out.contains("- Yes on 2026-01-05, no on 2026-04-01: Is the child using drugs? (drug_use)"),
        "{out}"
    );
}

/// Found in review: when a case's latest screening was refused (a wrong value), history
/// showed the older one as the level now, and nothing on standard output said a file was
/// left out. The files not read are now named, and so is the case they belong to.
#[test]
fn a_case_whose_screening_was_not_read_says_so_beside_its_level() {
    let base = oxfordshire_01_as("EX-0050");
    let dir = tempfile::tempdir().unwrap();
    let files = [
        dir.path().join("EX-0050-1.yaml"),
        dir.path().join("EX-0050-2.yaml"),
    ];
    std::fs::write(
        &files[0],
        base.replace("date: 2026-11-02", "date: 2026-01-05"),
    )
    .unwrap();
    let refused = base
        .replace("date: 2026-11-02", "date: 2026-04-01")
        .replace("drug_use: {answer: no}", "drug_use: {answer: yess}");
    assert_ne!(refused, base);
    std::fs::write(&files[1], refused).unwrap();

    let (code, out, err) = run(&["--as-of", "2026-04-10", "--format", "json"], &files);
    assert_eq!(code, 65, "a refused file is a data error: {err}");
    let h: Value = serde_json::from_str(&out).unwrap();
    let second = files[1].display().to_string();
    assert_eq!(h["not_read"][0]["file"], second.as_str(), "{h:#}");
    assert_eq!(h["not_read"][0]["case_reference"], "EX-0050", "{h:#}");
    assert_eq!(only_case(&h)["not_read"][0], second.as_str(), "{h:#}");

    let (_, out, _) = run(&["--as-of", "2026-04-10"], &files);
    let out = crate::common::one_line(&out);
    assert!(
        out.contains(&format!(
            "A screening of this case was not read: {second} could not be used, so this case is \
             shown without it, and it may be the latest: the level now may be out of date."
        )),
        "{out}"
    );
}

/// The ids of the indicators under `key` in one entry of a case's `changes`.
fn change_ids(change: &Value, key: &str) -> Vec<String> {
    change[key]
        .as_array()
        .unwrap_or_else(|| panic!("{key}: {change:#}"))
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Example oxfordshire-01 (Low, dated 2026-11-02) as a screening of case `reference`.
fn oxfordshire_01_as(reference: &str) -> String {
    std::fs::read_to_string(
        root().join("examples/answers/oxfordshire-01-low-vulnerabilities-only.yaml"),
    )
    .unwrap()
    .replace(
        "case_reference: EX-1001",
        &format!("case_reference: {reference}"),
    )
}

/// Screenings of `reference`, each as oxfordshire-01 (Low) on its date with its change made
/// by `edit`, in `dir`.
fn screenings_in(
    dir: &Path,
    reference: &str,
    dated: &[(&str, &dyn Fn(String) -> String)],
) -> Vec<PathBuf> {
    dated
        .iter()
        .map(|(date, edit)| {
            let file = dir.join(format!("{reference}-{date}.yaml"));
            let text =
                oxfordshire_01_as(reference).replace("date: 2026-11-02", &format!("date: {date}"));
            std::fs::write(&file, edit(text)).unwrap();
            file
        })
        .collect()
}

/// Low by the answers, raised to High by professional judgement.
fn judged_high(text: String) -> String {
    format!(
        "{text}judgement:\n  raise_to: high\n  reason: \"The child was frightened when the friend was mentioned.\"\n"
    )
}

fn as_written(text: String) -> String {
    text
}

/// Found in review: a High that rested on professional judgement, followed by the same
/// answers and no judgement, read "reducing" and turned off the "not reducing" escalation;
/// no format said the High was judgement.
#[test]
fn a_level_raised_by_judgement_and_not_made_again_is_not_reducing_and_still_escalates() {
    let dir = tempfile::tempdir().unwrap();
    let files = screenings_in(
        dir.path(),
        "EX-0005",
        &[
            ("2026-06-01", &as_written),
            ("2026-06-03", &judged_high),
            ("2026-06-08", &as_written),
        ],
    );
    let h = json(&["--as-of", "2026-07-01"], &files);
    let c = only_case(&h);
    assert_eq!(c["trend"]["direction"], "lower_without_judgement", "{c:#}");
    assert_eq!(c["trend"]["since"]["raised_from"], "Low", "{c:#}");
    let j = &c["screenings"][1]["judgement"];
    assert_eq!(
        (&j["raised"], &j["from_label"], &j["raise_to_label"]),
        (
            &Value::from(true),
            &Value::from("Low"),
            &Value::from("High")
        ),
        "{c:#}"
    );
    assert_eq!(
        (&j["practitioner"], &j["agency"]),
        (&Value::from("A. Example"), &Value::from("Example Academy")),
        "{c:#}"
    );
    assert!(c["screenings"][0].get("judgement").is_none(), "{c:#}");
    let (code, out, err) = run(&["--as-of", "2026-07-01"], &files);
    assert_eq!(code, 0, "{err}");
    let out = crate::common::one_line(&out);
    for said in [
        "High (judgement; Low by the answers)",
        // Found in review: who made the judgement was not said.
        "Professional judgement on 2026-06-03, by A. Example (Example Academy): raised the level from Low (the answers' level) to High. Reason given: The child was frightened when the friend was mentioned.",
        "Level now: Low, lower than High on 2026-06-03 only because the professional judgement made then (raised from Low) was not made again at that level: check it with whoever made it before reading this as reducing.",
    ] {
        assert!(out.contains(said), "{said}\n{out}");
    }
    assert!(!out.contains("reducing from"), "{out}");

    // Two more like it: held at High by that judgement, so not reducing at the last three.
    let more = screenings_in(
        dir.path(),
        "EX-0005",
        &[("2026-06-12", &as_written), ("2026-06-16", &as_written)],
    );
    let all: Vec<PathBuf> = files.into_iter().chain(more).collect();
    let h = json(&["--as-of", "2026-07-01"], &all);
    let because = only_case(&h)["escalation"]["because"][0]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        because.starts_with("Not reducing: at Medium or above at each of the last 3")
            && because.contains(
                "Low on 2026-06-16, held at High by the professional judgement of 2026-06-03 \
                 (raised from Low), not made again since"
            ),
        "{because}"
    );
    // A judgement made again at the next screening is a judgement of its own: it raises it
    // again, and the level is steady.
    let dir = tempfile::tempdir().unwrap();
    let again = screenings_in(
        dir.path(),
        "EX-0006",
        &[("2026-06-03", &judged_high), ("2026-06-08", &judged_high)],
    );
    let h = json(&["--as-of", "2026-07-01"], &again);
    assert_eq!(only_case(&h)["trend"]["direction"], "steady");
}

/// Found in review: every yes that became no was "Resolved", including questions about the
/// past that cannot un-happen (abuse before, care now or in the past, a bereavement).
#[test]
fn a_yes_that_is_no_now_is_never_called_resolved() {
    let dir = tempfile::tempdir().unwrap();
    let yes = |text: String| {
        ["previous_sexual_abuse", "care_history", "alcohol_use"]
            .iter()
            .fold(text, |t, id| {
                t.replace(
                    &format!("{id}: {{answer: no}}"),
                    &format!("{id}: {{answer: yes, basis: evidence}}"),
                )
            })
    };
    let files = screenings_in(
        dir.path(),
        "EX-0007",
        &[("2026-06-01", &yes), ("2026-07-01", &as_written)],
    );
    let (code, out, err) = run(&["--as-of", "2026-07-02"], &files);
    assert_eq!(code, 0, "{err}");
    let out = crate::common::one_line(&out);
    assert!(!out.contains("Resolved"), "{out}");
    assert!(!out.to_lowercase().contains("resolved:"), "{out}");
    assert!(
        out.contains(
            "Yes on 2026-06-01, no on 2026-07-01: Has the child been sexually abused before"
        ),
        "{out}"
    );
    assert!(
        out.contains("If it has stopped, record how you know; where the question asks about the past, one of the two answers is wrong: check which."),
        "{out}"
    );
    // The JSON keeps its field names.
    let h = json(&["--as-of", "2026-07-02"], &files);
    let resolved: Vec<&str> = only_case(&h)["changes"][0]["resolved"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        resolved,
        ["alcohol_use", "previous_sexual_abuse", "care_history"]
    );
}
