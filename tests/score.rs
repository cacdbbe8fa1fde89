//! `cse-screen score` end to end: formats, batches with bad files, stdin, strictness, order.
//! All screenings are fictional (examples/answers/ and edits of them).

use std::path::Path;

use crate::common::{cse, no_panic_text, stdout_of};
use predicates::prelude::*;

const GOOD: &str = "examples/answers/oxfordshire-02-significant-long-ago.yaml";
const IN_PROGRESS: &str = "examples/answers/oxfordshire-12-in-progress.yaml";

fn example(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).expect("example")
}

/// 1-based line and column of the first `needle` in `text`.
fn line_col(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not found"));
    let line = text[..at].matches('\n').count() + 1;
    let column = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, column)
}

#[test]
fn a_folder_prints_a_summary_table_and_a_summary_line() {
    let files = crate::common::answer_files();
    cse()
        .args(["score", "examples/answers/", "--format", "table"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("most urgent"))
        .stdout(predicate::str::contains("EX-1007"))
        .stdout(predicate::str::contains("IN PROGRESS"))
        .stderr(format!(
            "scored {n} of {n} files (1 in progress)\n",
            n = files.len()
        ));
}

#[test]
fn csv_has_the_documented_columns_and_one_row_per_file_in_sorted_order() {
    let out = stdout_of(&["score", "examples/answers", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(headers, cse_screen::report::batch::CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let files = crate::common::answer_files();
    assert_eq!(rows.len(), files.len());
    for (row, path) in rows.iter().zip(&files) {
        let want = crate::common::expect_for(path);
        assert!(row[0].ends_with(path.file_name().unwrap().to_str().unwrap()));
        assert_eq!(&row[7], want.level, "{}", &row[0]);
        assert_eq!(row[6].parse::<u32>().unwrap(), want.score);
        let fired: std::collections::BTreeSet<String> = row[9]
            .split(';')
            .filter(|r| !r.is_empty())
            .map(str::to_owned)
            .collect();
        assert_eq!(fired, want.rules, "{}", &row[0]);
        assert_eq!(&row[13], "", "no error for {}", &row[0]);
    }
    let in_progress = rows
        .iter()
        .find(|r| r[0].ends_with("in-progress.yaml"))
        .unwrap();
    assert_eq!((&in_progress[5], &in_progress[11]), ("in_progress", "47"));
}

/// Found in review: a level raised by professional judgement read in the CSV, the summary
/// table and Markdown as if the score and rules reached it (only JSON said what set it).
#[test]
fn what_set_the_level_is_in_every_summary_format() {
    let csv_out = stdout_of(&["score", "examples/answers", "--format", "csv"]);
    let json_out = stdout_of(&["score", "examples/answers", "--format", "json"]);
    let records: Vec<serde_json::Value> = serde_json::from_str(&json_out).expect("json");
    let mut reader = csv::Reader::from_reader(csv_out.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), records.len());
    let mut judged = Vec::new();
    for (row, record) in rows.iter().zip(&records) {
        let set_by: Vec<&str> = record["assessment"]["level_set_by"]
            .as_array()
            .expect("level_set_by")
            .iter()
            .map(|v| v.as_str().expect("text"))
            .collect();
        assert!(!set_by.is_empty(), "{}", &row[0]);
        assert_eq!(&row[14], set_by.join(";"), "{}", &row[0]);
        if set_by.contains(&"judgement") {
            judged.push(row[1].to_owned());
        }
    }
    // Every example whose judgement raised the level, and only those.
    assert_eq!(judged, ["EX-2011", "EX-1009", "EX-3001", "EX-3101"]);
    let table = stdout_of(&["score", "examples/answers", "--format", "table"]);
    let markdown = stdout_of(&["score", "examples/answers", "--format", "markdown"]);
    assert_eq!(
        markdown.matches(", by judgement |").count(),
        judged.len(),
        "{markdown}"
    );
    let row = markdown
        .lines()
        .find(|l| l.contains("EX-1009"))
        .expect("EX-1009's row");
    assert!(row.contains("| 5 | High, by judgement |"), "{row}");
    // The table wraps "High, by judgement" in its level column (the sixth): the word
    // "judgement" is there once for each.
    let in_level_column = table
        .lines()
        .filter(|l| l.split('┆').nth(5).is_some_and(|c| c.contains("judgement")))
        .count();
    assert_eq!(in_level_column, judged.len(), "{table}");
    // A judgement at the level a rule reaches already did not set it, and does not say so.
    let dir = tempfile::tempdir().expect("temp dir");
    let same = dir.path().join("same-level.yaml");
    let text = example("examples/answers/oxfordshire-09-judgement-raised.yaml");
    std::fs::write(&same, text.replace("raise_to: high", "raise_to: medium")).expect("write");
    let same = same.to_str().expect("UTF-8 path");
    let csv_out = stdout_of(&["score", same, "--format", "csv"]);
    let row = csv_out.lines().nth(1).expect("row");
    assert!(
        row.contains(r#""medium","#) && row.ends_with(r#","","","rule:several_risk_indicators""#),
        "{row}"
    );
    let markdown = stdout_of(&["score", same, same, "--format", "markdown"]);
    assert!(
        markdown.contains("| 5 | Medium |") && !markdown.contains("judgement"),
        "{markdown}"
    );
}

#[test]
fn json_is_one_object_for_one_file_and_an_array_for_a_folder() {
    let one: serde_json::Value =
        serde_json::from_str(&stdout_of(&["score", GOOD, "--format", "json"])).expect("json");
    assert_eq!(one["file"], GOOD);
    assert_eq!(one["screening"]["case_reference"], "EX-1002");
    assert_eq!(one["complete"], true);
    assert_eq!(one["assessment"]["level"]["id"], "medium");
    assert_eq!(
        one["assessment"]["fired_rules"][0]["id"],
        "significant_indicator_present"
    );

    let many: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "score",
        "examples/answers",
        "--format",
        "json",
    ]))
    .expect("json array");
    let many = many.as_array().expect("array");
    assert_eq!(many.len(), crate::common::answer_files().len());
    for (record, path) in many.iter().zip(crate::common::answer_files()) {
        assert_eq!(
            record["assessment"]["level"]["id"],
            crate::common::expect_for(&path).level.as_str()
        );
    }
}

#[test]
fn jsonl_is_one_object_per_line_in_the_same_order_as_csv() {
    let out = stdout_of(&["score", "examples/answers", "--format", "jsonl"]);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    let files = crate::common::answer_files();
    assert_eq!(lines.len(), files.len());
    for (record, path) in lines.iter().zip(&files) {
        assert!(
            record["file"]
                .as_str()
                .unwrap()
                .ends_with(path.file_name().unwrap().to_str().unwrap())
        );
    }
}

#[test]
fn markdown_is_a_summary_table() {
    let out = stdout_of(&["score", "examples/answers", "--format", "markdown"]);
    insta::assert_snapshot!(out);
}

#[test]
fn one_file_as_a_table_is_the_full_result_and_says_when_it_is_incomplete() {
    let out = stdout_of(&["score", IN_PROGRESS, "--format", "table"]);
    insta::assert_snapshot!(out);
    assert!(out.contains("INCOMPLETE: this screening is in progress. 47 indicators"));
}

#[test]
fn output_is_the_same_bytes_whatever_the_number_of_jobs() {
    for format in ["csv", "jsonl", "json", "markdown", "table"] {
        let one = stdout_of(&["score", "examples/answers", "-f", format, "--jobs", "1"]);
        let four = stdout_of(&["score", "examples/answers", "-f", format, "--jobs", "4"]);
        assert_eq!(one, four, "{format}");
    }
}

#[test]
fn piped_output_defaults_to_json_lines() {
    let out = stdout_of(&["score", GOOD]);
    let record: serde_json::Value = serde_json::from_str(out.trim_end()).expect("one JSON line");
    assert_eq!(record["assessment"]["level"]["id"], "medium");
    assert_eq!(out.lines().count(), 1);
}

#[test]
fn standard_input_is_read_with_a_dash_in_yaml_or_json() {
    let out = cse()
        .args(["score", "-", "--format", "csv"])
        .write_stdin(example(GOOD))
        .assert()
        .code(0)
        .stderr("")
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.lines()
            .nth(1)
            .unwrap()
            .starts_with(r#""-","EX-1002","2026-11-04","oxfordshire-cse","#)
    );

    let json = example("examples/answers/oxfordshire-01-low-vulnerabilities-only.json");
    cse()
        .args(["score", "-", "--format", "csv"])
        .write_stdin(json)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(r#""-","EX-1001","#));
}

#[test]
fn standard_input_named_twice_is_a_usage_error_not_an_empty_file() {
    cse()
        .args(["score", "-", "-", "--format", "csv"])
        .write_stdin(example(GOOD))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "standard input (`-`) is named more than once",
        ))
        .stderr(predicate::str::contains("empty").not());
}

/// A folder of three good screenings and two bad ones.
fn mixed_folder() -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in [
        "oxfordshire-02-significant-long-ago.yaml",
        "oxfordshire-07-looked-after-child-missing.yaml",
        "national-01-low-nothing-of-concern.yaml",
    ] {
        std::fs::write(
            dir.path().join(name),
            example(&format!("examples/answers/{name}")),
        )
        .expect("write");
    }
    // Several problems at once: a misspelt indicator, an answer that is not allowed, a window
    // the indicator does not have, a profile value of the wrong type and an unknown level.
    let bad = example(GOOD)
        .replace(
            "  unexplained_money_or_items: {answer: no}",
            "  unexplaned_money_or_items: {answer: no}",
        )
        .replace(
            "  places_known_for_exploitation: {answer: no}",
            "  places_known_for_exploitation: {answer: maybe}",
        )
        .replace("windows: [earlier]", "windows: [earlier, last_year]")
        .replace("age: 15", "age: fifteen")
        + "judgement: {raise_to: severe, reason: The worker saw the child picked up again.}\n";
    std::fs::write(dir.path().join("EX-bad.yaml"), &bad).expect("write");
    let broken = r#"{"questionnaire": {"id": "oxfordshire-cse", "version": "1.0.0", "sha256": "x"},
"screening": ]
"#;
    std::fs::write(dir.path().join("EX-broken.json"), broken).expect("write");
    (dir, bad, broken.to_owned())
}

#[test]
fn one_bad_file_never_stops_the_batch_and_every_problem_is_located() {
    let (dir, bad, _) = mixed_folder();
    let assert = cse()
        .args(["score", "--format", "csv"])
        .arg(dir.path())
        .assert()
        .code(65)
        .stderr(no_panic_text());
    let out = assert.get_output();
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    let stderr = String::from_utf8(out.stderr.clone()).unwrap();

    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(stdout.as_bytes())
        .records()
        .map(|r| r.expect("row"))
        .collect();
    assert_eq!(rows.len(), 5, "every file has a row");
    let scored: Vec<&str> = rows
        .iter()
        .filter(|r| r[13].is_empty())
        .map(|r| &r[7])
        .collect();
    // Sorted by name: EX-bad, EX-broken, national-01, oxfordshire-02, oxfordshire-07.
    assert_eq!(
        scored,
        ["low", "medium", "high"],
        "the good files are scored"
    );

    let file = dir.path().join("EX-bad.yaml").display().to_string();
    let at = |needle: &str| {
        let (l, c) = line_col(&bad, needle);
        format!("{file}:{l}:{c}: ")
    };
    for (place, message, help) in [
        (
            at("unexplaned_money"),
            "unknown indicator `unexplaned_money_or_items`",
            "did you mean `unexplained_money_or_items`?",
        ),
        (
            at("maybe"),
            "`maybe` is not an answer (indicator `places_known_for_exploitation`)",
            "use yes, no or not_known",
        ),
        (
            at("last_year"),
            "indicator `cars_with_unknown_adults` has no window `last_year`",
            "use one of: recent, earlier",
        ),
        (
            at("fifteen"),
            "`fifteen` is not a value for profile fact `age`",
            "use a whole number",
        ),
        (
            at("severe"),
            "`judgement.raise_to` names unknown level `severe`",
            "use one of: low, medium, high",
        ),
    ] {
        assert!(
            stderr.contains(&format!("{place}{message}")),
            "missing `{place}{message}` in:\n{stderr}"
        );
        assert!(stderr.contains(help), "missing help `{help}`");
    }
    let broken = dir.path().join("EX-broken.json").display().to_string();
    assert!(
        stderr.contains(&format!("{broken}:2:14: expected value")),
        "{stderr}"
    );
    assert!(stderr.ends_with("scored 3 of 5 files; 2 not scored (2 invalid), listed above\n"));
}

#[test]
fn json_records_carry_the_problems_of_a_file_that_was_not_scored() {
    let (dir, _, _) = mixed_folder();
    let out = cse()
        .args(["score", "--format", "jsonl"])
        .arg(dir.path())
        .assert()
        .code(65)
        .get_output()
        .stdout
        .clone();
    let records: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let bad = records
        .iter()
        .find(|r| r["file"].as_str().unwrap().ends_with("EX-bad.yaml"))
        .expect("a record for the bad file");
    assert!(bad.get("assessment").is_none());
    assert_eq!(bad["problems"].as_array().unwrap().len(), 5);
    assert!(bad["problems"][0]["line"].as_u64().is_some());
    assert!(bad["error"].as_str().unwrap().contains("(and 4 more)"));
}

#[test]
fn a_missing_file_is_reported_and_the_rest_are_scored_with_exit_1() {
    cse()
        .args(["score", "--format", "csv", "no-such-file.yaml", GOOD])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            r#""no-such-file.yaml","","","","","","","","","","","","","no such file or directory""#,
        ))
        .stdout(predicate::str::contains("EX-1002"))
        .stderr(predicate::str::starts_with(
            "no-such-file.yaml: no such file or directory\n",
        ));
}

#[test]
fn another_questionnaire_version_is_a_warning_and_an_error_when_strict() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = dir.path().join("old.yaml");
    std::fs::write(
        &old,
        example(GOOD).replace("version: 2.8.0", "version: 0.9.0"),
    )
    .unwrap();
    cse()
        .args(["score", "--format", "csv"])
        .arg(&old)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("oxfordshire-cse 0.9.0"))
        .stderr(predicate::str::contains(
            ":5:16: warning: this screening was made with oxfordshire-cse 0.9.0",
        ))
        .stderr(predicate::str::contains("what changed is unknown"))
        .stderr(predicate::str::contains("--questionnaire PATH"));
    cse()
        .args(["score", "--strict", "--format", "csv"])
        .arg(&old)
        .assert()
        .code(65)
        .stderr(predicate::str::contains("an error because of --strict"));
}

#[test]
fn a_questionnaire_that_is_not_bundled_needs_its_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let other = dir.path().join("other.yaml");
    std::fs::write(
        &other,
        example(GOOD).replace("id: oxfordshire-cse", "id: my-county-cse"),
    )
    .unwrap();
    cse()
        .args(["score", "--format", "csv"])
        .arg(&other)
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "this screening was made with questionnaire `my-county-cse`, which is not bundled",
        ))
        .stderr(predicate::str::contains("--questionnaire PATH"));
    cse()
        .args(["score", "--format", "csv", "--questionnaire", "national-cse", GOOD])
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "this screening was made with questionnaire `oxfordshire-cse`, but the questionnaire loaded is `national-cse`",
        ));
}

#[test]
fn a_complete_screening_must_record_the_facts_rules_depend_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = example(GOOD).replace("profile: {age: 15, looked_after: no, ", "profile: {");
    let complete = dir.path().join("complete.yaml");
    std::fs::write(&complete, &text).unwrap();
    let (line, _) = line_col(&text, "profile:");
    cse()
        .args(["score", "--format", "csv"])
        .arg(&complete)
        .assert()
        .code(65)
        .stderr(predicate::str::contains(format!(
            ":{line}:10: profile facts `age`, `looked_after` are missing; rules depend on them"
        )))
        .stderr(predicate::str::contains(
            "age: not_known, looked_after: not_known",
        ));
    let in_progress = dir.path().join("in-progress.yaml");
    std::fs::write(
        &in_progress,
        text.replace("status: complete", "status: in_progress"),
    )
    .unwrap();
    cse()
        .args(["score", "--format", "csv"])
        .arg(&in_progress)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(r#","in_progress","#));
}

#[test]
fn problems_in_json_files_have_line_and_column_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json = example("examples/answers/oxfordshire-01-low-vulnerabilities-only.json").replacen(
        "\"drug_use\"",
        "\"drug_abuse\"",
        1,
    );
    let path = dir.path().join("EX.json");
    std::fs::write(&path, &json).unwrap();
    let (line, column) = line_col(&json, "\"drug_abuse\"");
    cse()
        .args(["score", "--format", "csv"])
        .arg(&path)
        .assert()
        .code(65)
        .stderr(predicate::str::contains(format!(
            "EX.json:{line}:{column}: unknown indicator `drug_abuse`"
        )))
        .stderr(predicate::str::contains("did you mean `drug_use`?"));

    let original = example("examples/answers/oxfordshire-01-low-vulnerabilities-only.json");
    let repeated = original.replacen(
        "\"answers\": {",
        "\"answers\": {\n    \"drug_use\": {\"answer\": \"yes\"},",
        1,
    );
    std::fs::write(&path, repeated).unwrap();
    cse()
        .args(["score", "--format", "csv"])
        .arg(&path)
        .assert()
        .code(65)
        .stderr(predicate::str::contains("duplicate key `drug_use`"));
}

/// A JSON reader keeps the last of a repeated key; a person reading the file sees the first.
/// Four missing episodes written, then 0 written again under the same key, must not be
/// scored as 0 (fewer episodes, a rule that no longer fires): the file is refused, as the
/// YAML reader refuses it.
#[test]
fn a_follow_up_written_twice_in_json_is_refused_not_scored_as_the_last() {
    let dir = tempfile::tempdir().expect("tempdir");
    let yaml = example("examples/answers/oxfordshire-07-looked-after-child-missing.yaml");
    let screening = cse_screen::answers::parse::parse(&yaml, cse_screen::answers::Format::Yaml)
        .expect("the example parses");
    let json = serde_json::to_string_pretty(&screening).expect("json");
    assert!(json.contains("\"episodes\": 4"), "{json}");
    let once = dir.path().join("once.json");
    std::fs::write(&once, &json).unwrap();
    cse()
        .args(["score", "--format", "csv"])
        .arg(&once)
        .assert()
        .code(0);

    for (name, repeated) in [
        ("last.json", "\"episodes\": 4,\n\"episodes\": 0"),
        ("first.json", "\"episodes\": 0,\n\"episodes\": 4"),
    ] {
        let text = json.replacen("\"episodes\": 4", repeated, 1);
        let path = dir.path().join(name);
        std::fs::write(&path, &text).unwrap();
        let (line, _) = line_col(&text, "\"episodes\": 0");
        let second = if name == "last.json" { line } else { line + 1 };
        cse()
            .args(["score", "--format", "csv"])
            .arg(&path)
            .assert()
            .code(65)
            .stderr(predicate::str::contains(format!("{name}:{second}:")))
            .stderr(predicate::str::contains("duplicate key `episodes`"));
    }
}

#[test]
fn a_folder_with_no_answers_files_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("notes.txt"), "not a screening").unwrap();
    cse()
        .arg("score")
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "\"error\":\"no answers files (*.yaml, *.yml, *.json) found in this folder",
        ))
        .stderr(predicate::str::contains(
            "no answers files (*.yaml, *.yml, *.json) found in this folder",
        ));
}

#[test]
fn an_empty_folder_named_beside_other_files_is_said_and_fails_the_run() {
    // An unmounted share's mount point looks like an empty folder: a script scoring it
    // beside other files must not exit 0 as if it held nothing to worry about.
    let dir = tempfile::tempdir().expect("tempdir");
    let share = dir.path().join("share");
    std::fs::create_dir(&share).unwrap();
    std::fs::create_dir(share.join(".hidden")).unwrap();
    std::fs::write(share.join(".hidden/EX-1.yaml"), example(GOOD)).unwrap();
    for follow in [false, true] {
        let mut cmd = cse();
        cmd.args(["score", "--format", "csv"]).arg(&share).arg(GOOD);
        if follow {
            cmd.arg("--follow");
        }
        let out = cmd.assert().code(1).get_output().clone();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert!(
            stderr.contains("share: no answers files (*.yaml, *.yml, *.json) found in this folder"),
            "{stderr}"
        );
        assert!(stderr.contains("a shared drive is connected"), "{stderr}");
        // The row says so too, and the file beside it is scored.
        assert_eq!(stdout.lines().count(), 3, "{stdout}");
        assert!(stdout.contains("no answers files"), "{stdout}");
        assert!(
            stdout.contains("oxfordshire-02-significant-long-ago.yaml"),
            "{stdout}"
        );
    }
    // A folder whose files are all taken already through another path is not empty.
    cse()
        .args(["score", "--format", "csv", "--follow"])
        .arg(dir.path().join("share/.hidden"))
        .arg(dir.path().join("share/.hidden"))
        .assert()
        .code(0);
}

#[test]
fn the_library_example_scores_a_file() {
    // `cargo test` builds the examples next to the test binaries: target/<profile>/examples.
    let exe = std::env::current_exe().expect("test binary");
    let example = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>")
        .join("examples/score_file");
    let out = std::process::Command::new(example)
        .arg(GOOD)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run the example");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with("EX-1002: Medium (score 1)\n"),
        "{stdout}"
    );
    assert!(stdout.contains("  because: A significant indicator is present"));
}

#[test]
fn without_a_terminal_there_is_no_progress_bar() {
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..600 {
        std::fs::write(dir.path().join(format!("EX-{i:04}.yaml")), example(GOOD)).unwrap();
    }
    cse()
        .args(["score", "--format", "csv"])
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr("scored 600 of 600 files\n");
}

#[test]
fn a_closed_pipe_ends_quietly_with_success() {
    // As `cse-screen score cases/ | head -1`: the reader goes away after one line.
    use std::io::BufRead;
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..400 {
        std::fs::write(dir.path().join(format!("EX-{i:04}.yaml")), example(GOOD)).unwrap();
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cse-screen"))
        .args(["score", "--format", "jsonl"])
        .arg(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("one line");
    // The reader is dropped here: the pipe is closed.
    let out = child.wait_with_output().expect("wait");
    assert!(first.starts_with("{\"file\":"), "{first}");
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("error") && !stderr.contains("pipe"),
        "{stderr}"
    );
}

/// A closed pipe ends the run quietly, but an invalid or unreadable file already found still
/// sets the exit code, in `score`, `caseload` and `history` alike: `score bad.yaml good/ |
/// head -1` said 0, as if every file had been scored.
#[test]
fn a_closed_pipe_keeps_the_exit_code_of_the_files_already_found_wrong() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let closed = |args: &[&str]| {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cse-screen"))
            .current_dir(root)
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        // Nothing is read: the pipe is closed before anything is written to it.
        drop(child.stdout.take());
        child.wait().expect("wait").code()
    };
    let bad = "tests/fixtures/invalid/a-wrong-values.yaml";
    for format in ["csv", "jsonl", "json", "table", "markdown"] {
        assert_eq!(
            closed(&["score", "--format", format, bad, "examples/answers"]),
            Some(65),
            "{format}"
        );
    }
    assert_eq!(
        closed(&[
            "caseload",
            "--format",
            "json",
            "examples/caseload",
            "no-such-folder"
        ]),
        Some(1)
    );
    assert_eq!(
        closed(&["history", "examples/caseload", "no-such-folder"]),
        Some(1)
    );
    // With nothing wrong, a closed pipe is still a success.
    assert_eq!(
        closed(&["score", "--format", "csv", "examples/answers"]),
        Some(0)
    );
}

#[test]
fn json_carries_the_curiosity_prompts_most_impact_first() {
    let out = stdout_of(&[
        "score",
        "examples/training/04-many-not-known.yaml",
        "--format",
        "json",
    ]);
    let record: serde_json::Value = serde_json::from_str(&out).expect("json");
    let prompts = record["assessment"]["curiosity"]
        .as_array()
        .expect("a list");
    assert!(prompts.len() >= 3, "{prompts:?}");
    assert!(
        prompts
            .iter()
            .all(|p| p["text"].as_str().unwrap().starts_with("Finding out \""))
    );
    // Those that could raise the level come first, then those that could only add a route.
    let raises: Vec<bool> = prompts.iter().map(|p| !p["raises_to"].is_null()).collect();
    assert!(raises[0], "{prompts:?}");
    assert!(raises.windows(2).all(|w| w[0] || !w[1]), "{prompts:?}");
    assert!(
        prompts
            .iter()
            .filter(|p| !p["raises_to"].is_null())
            .all(|p| p["raises_to"] == "medium")
    );
}

#[test]
fn a_changed_questionnaire_with_the_same_version_is_a_warning_too() {
    // The questionnaire was edited without a new version number: only the sha256 tells.
    let bundled = crate::common::bundled("oxfordshire-cse").sha256;
    let text = example(GOOD);
    let changed = text.replace(&bundled, &"a".repeat(64));
    assert_ne!(
        changed, text,
        "the example is stamped with the bundled sha256"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("edited.yaml");
    std::fs::write(&path, changed).unwrap();
    cse()
        .args(["score", "--format", "csv"])
        .arg(&path)
        .assert()
        .code(0)
        .stderr(predicate::str::contains(format!(
            ":5:16: warning: this screening was made with oxfordshire-cse 2.8.0 (sha256 aaaaaaaaaaaa), but the questionnaire loaded is oxfordshire-cse 2.8.0 (sha256 {})",
            &bundled[..12]
        )))
        .stderr(predicate::str::contains("what changed is unknown"));
    cse()
        .args(["score", "--strict", "--format", "csv"])
        .arg(&path)
        .assert()
        .code(65)
        .stderr(predicate::str::contains("an error because of --strict"));
}

#[test]
fn an_age_outside_the_questionnaires_ages_is_a_located_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (age, warned) in [(19, true), (7, true), (17, false), (8, false)] {
        let path = dir.path().join(format!("age-{age}.yaml"));
        std::fs::write(
            &path,
            example(GOOD).replacen("profile: {age: 15,", &format!("profile: {{age: {age},"), 1),
        )
        .unwrap();
        let out = cse()
            .args(["score", "--format", "csv"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "age {age}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let says = format!(
            ":12:16: warning: the child's age, {age}, is outside the ages questionnaire `oxfordshire-cse` is written for (8 to 17)"
        );
        assert_eq!(stderr.contains(&says), warned, "age {age}: {stderr}");
    }
}

/// A table never splits a case reference or a date across lines where the width allows
/// whole words: "OX-2026-0045" over "12" reads as another reference (found in review, at the
/// default 100 columns, while the status column had room to spare).
#[test]
fn a_table_keeps_case_references_and_dates_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, reference) in [("a.yaml", "OX-2026-004512"), ("b.yaml", "OX-2026-004513")] {
        let text = example(GOOD).replacen(
            "case_reference: EX-1002",
            &format!("case_reference: {reference}"),
            1,
        );
        assert!(text.contains(reference), "the fixture was changed");
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    for columns in ["100", "80"] {
        let out = cse()
            .env("COLUMNS", columns)
            .args(["score", "--format", "table"])
            .arg(dir.path())
            .output()
            .expect("score");
        let table = String::from_utf8(out.stdout).expect("utf-8");
        for whole in ["OX-2026-004512", "OX-2026-004513", "2026-11-04"] {
            assert!(
                table.contains(whole),
                "{whole} split at {columns}:\n{table}"
            );
        }
    }
    let caseload = cse()
        .env("COLUMNS", "100")
        .args(["caseload", "--as-of", "2026-11-30"])
        .arg(dir.path())
        .output()
        .expect("caseload");
    let caseload = String::from_utf8(caseload.stdout).expect("utf-8");
    assert!(caseload.contains("OX-2026-004512"), "{caseload}");
}

/// A follow-up count or time windows given with an answer that is not a yes are not counted,
/// and the file reads as if they were (nine missing episodes on a `not_known` answer): a
/// warning at the place, an error with --strict (found in review: accepted silently).
#[test]
fn a_comment_that_cuts_a_note_short_is_a_warning_at_the_hash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("s.yaml");
    let text = example(GOOD).replace(
        "  discussed_with: Youth service safeguarding lead",
        "  discussed_with: Youth service safeguarding lead #2 and the school nurse",
    );
    assert!(text.contains("#2 and"), "the fixture was changed");
    std::fs::write(&file, text).expect("write");
    cse()
        .args(["score", "--format", "csv"])
        .arg(&file)
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            ":67:51: warning: `decisions.discussed_with` ends where ` #` starts a comment: it holds only \"Youth service safeguarding lead\", and the rest (\"#2 and the school nurse\") is not part of it",
        ))
        .stderr(predicate::str::contains("put the whole text in double quotes"));
    // The record says what the file holds, and the warning travels with it.
    cse()
        .args(["report"])
        .arg(&file)
        .assert()
        .stderr(predicate::str::contains(
            "`decisions.discussed_with` ends where ` #` starts a comment",
        ));
    cse()
        .args(["score", "--strict", "--format", "csv"])
        .arg(&file)
        .assert()
        .code(65);
    // Quoted, the whole text is kept and nothing is said.
    let quoted = example(GOOD).replace(
        "  discussed_with: Youth service safeguarding lead",
        "  discussed_with: \"Youth service safeguarding lead #2 and the school nurse\"",
    );
    std::fs::write(&file, quoted).expect("write");
    cse()
        .args(["score", "--strict", "--format", "csv"])
        .arg(&file)
        .assert()
        .code(0)
        .stderr(predicate::str::is_empty());
}

#[test]
fn windows_or_a_follow_up_without_a_yes_are_a_warning_at_their_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("s.yaml");
    let text = example(GOOD)
        .replace(
            "  missing_from_home_or_care: {answer: no}",
            "  missing_from_home_or_care: {answer: not_known, follow_up: {episodes: 9}}",
        )
        .replace(
            "  unexplained_injury: {answer: no}",
            "  unexplained_injury: {answer: no, windows: [recent]}",
        );
    assert_eq!(
        text.matches("episodes: 9").count(),
        1,
        "the fixture was changed"
    );
    assert_eq!(
        text.matches("windows: [recent]}").count(),
        1,
        "the fixture was changed"
    );
    std::fs::write(&file, text).expect("write");
    cse()
        .args(["score", "--format", "csv"])
        .arg(&file)
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            ":15:62: warning: follow-up `episodes` of indicator `missing_from_home_or_care` is 9, but the answer is `not_known`: it is not counted",
        ))
        .stderr(predicate::str::contains(
            ":27:46: warning: indicator `unexplained_injury` has time windows, but its answer is `no`: they are not counted",
        ))
        // Found in review: the help said only "remove", which loses what was recorded.
        .stderr(predicate::str::contains(
            "if it is known, the answer is yes; if not, write what is known in the note before you remove `follow_up`, so nothing recorded is lost",
        ))
        .stderr(predicate::str::contains(
            "if it happened in that time, the answer is yes; if not, write what is known in the note before you remove `windows`, so nothing recorded is lost",
        ));
    cse()
        .args(["score", "--strict", "--format", "csv"])
        .arg(&file)
        .assert()
        .code(65);
}

/// A folder named twice, or a file named beside its folder, reaches a file twice: it is one
/// row, as `history` and `caseload` count it, so a script counting rows counts each
/// screening once.
#[test]
fn a_file_reached_twice_is_scored_once_and_said() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "national-01-low-nothing-of-concern",
        "national-02-high-by-score",
    ] {
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("examples/answers/{name}.yaml")),
            dir.path().join(format!("{name}.yaml")),
        )
        .unwrap();
    }
    let out = cse()
        .current_dir(dir.path())
        .args([
            "score",
            ".",
            "national-02-high-by-score.yaml",
            "./",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let csv = String::from_utf8(out.stdout).unwrap();
    assert_eq!(csv.lines().count(), 3, "{csv}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "national-02-high-by-score.yaml: note: the same file as ./national-02-high-by-score.yaml, named before: scored once"
        ),
        "{err}"
    );
    assert!(err.contains("scored 2 of 2 files"), "{err}");
    // With --quiet, only results, warnings and errors: the rows, and no note.
    let out = cse()
        .current_dir(dir.path())
        .args(["--quiet", "score", ".", "./", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 3);
    assert!(
        !String::from_utf8(out.stderr).unwrap().contains("note:"),
        "a note with --quiet"
    );
}

/// The `file:line:column: message` lines `score` prints for `path` (which must be refused).
fn problem_lines(path: &Path) -> Vec<String> {
    let out = cse()
        .args(["score", "--format", "csv"])
        .arg(path)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(65));
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter_map(|l| l.strip_prefix(&format!("{}:", path.display())))
        .map(|l| format!("{name}:{l}"))
        .collect()
}

/// A file with a dozen structural problems (misspelt fields, a list where fields belong, a
/// missing `answer:`, a key twice) is reported whole, not one problem per run: each problem
/// once, in its place, and nothing that only follows from another (a misspelt field is not
/// also "missing"; an answer with a list for fields is not also without an answer).
#[test]
fn every_structural_problem_of_an_answers_file_is_reported_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = example("examples/answers/national-01-low-nothing-of-concern.yaml");
    let stamp = good
        .lines()
        .find(|l| l.starts_with("questionnaire:"))
        .expect("stamp");
    let yaml = format!(
        "{stamp}
screening:
  case_reference: EX-2001
  date: [2026-11-03]
  practitioner: E. Example
  agency: Example Academy
  status: finished
  colour: blue
profile:
  age: thirteen
  looked_after: [no]
answers:
  missing_from_home_or_care:
    answer: yes
    windows: recent
  controlled_by_older_person: [no]
  cars_with_unknown_adults:
    basis: evidence
  unexplained_money_or_items: {{answer: no, answer: yes}}
  places_known_for_exploitation: {{answer: perhaps, colour: red}}
  hotels_takeaways_taxis:
    answer: yes
    follow_up: {{times: \"3\"}}
judgement: {{raise_to: high}}
decisions:
  discussed_with: Designated safeguarding lead
  actions:
    - {{actoin: Call the school, owner: E. Example, due: 2026-11-03}}
whatever: 1
"
    );
    let path = dir.path().join("EX-2001.yaml");
    std::fs::write(&path, &yaml).unwrap();
    assert_eq!(
        problem_lines(&path),
        [
            "EX-2001.yaml:4:9: expected text",
            "EX-2001.yaml:7:11: `finished` is not a status",
            "EX-2001.yaml:8:3: unknown field `colour`",
            "EX-2001.yaml:10:8: `thirteen` is not a value for profile fact `age`",
            "EX-2001.yaml:11:3: expected one value here, not a list",
            "EX-2001.yaml:15:14: expected a list here",
            "EX-2001.yaml:16:31: expected fields (`name: value` lines) here",
            "EX-2001.yaml:18:5: missing field `answer`",
            "EX-2001.yaml:19:44: duplicate mapping key `answer` is not allowed here",
            "EX-2001.yaml:20:43: `perhaps` is not an answer (indicator `places_known_for_exploitation`)",
            "EX-2001.yaml:20:52: unknown field `colour`",
            "EX-2001.yaml:23:24: `\"3\"` is text, not a count (follow-up `times` of indicator `hotels_takeaways_taxis`)",
            "EX-2001.yaml:24:13: missing field `reason`",
            "EX-2001.yaml:28:8: unknown field `actoin`",
            "EX-2001.yaml:29:1: unknown field `whatever`",
        ]
    );

    // The same problems in JSON, in JSON's words where the YAML reader's would not fit.
    let json = serde_json::json!({
        "questionnaire": {"id": "national-cse", "version": "2.3.0", "sha256": "0"},
        "screening": {"case_reference": "EX-2002", "date": "2026-11-03",
            "practitioner": "E. Example", "agency": "Example Academy",
            "status": "complete", "colour": "blue"},
        "profile": {"age": "13"},
        "answers": {
            "missing_from_home_or_care": {"answer": "maybe"},
            "controlled_by_older_person": ["no"],
            "cars_with_unknown_adults": {"basis": "evidence"},
            "hotels_takeaways_taxis": {"answer": "no", "windows": "recent"}
        },
        "whatever": 1
    });
    let path = dir.path().join("EX-2002.json");
    std::fs::write(&path, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    assert_eq!(
        problem_lines(&path),
        [
            "EX-2002.json:5:5: missing field `answer`",
            "EX-2002.json:6:35: expected an object here",
            "EX-2002.json:11:18: expected a list here",
            "EX-2002.json:14:17: `maybe` is not an answer (indicator `missing_from_home_or_care`)",
            "EX-2002.json:18:12: `\"13\"` is text, not a value for profile fact `age`",
            "EX-2002.json:28:5: unknown field `colour`",
            "EX-2002.json:33:3: unknown field `whatever`",
        ],
        "{}",
        serde_json::to_string_pretty(&json).unwrap()
    );
}

/// A questionnaire named where a screening belongs is said to be one, once.
#[test]
fn a_questionnaire_given_as_an_answers_file_is_named_as_one() {
    let out = cse()
        .args([
            "score",
            "questionnaires/national-cse.yaml",
            "--format",
            "csv",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("national-cse.yaml:107:1: this is a questionnaire, not an answers file"),
        "{stderr}"
    );
    assert!(stderr.contains("--questionnaire"), "{stderr}");
    assert!(!stderr.contains("unknown field"), "{stderr}");
}

/// What two reviews of the sweep found hidden: a misspelt or missing `screening` field, a
/// map where a date belongs, the first copy of a key written twice cut for another problem,
/// two answers or actions missing the same field, a value left empty, and two problems in
/// one answer, one judgement or one list of actions. Each hid problems after it.
#[test]
fn no_structural_problem_hides_the_ones_after_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let stamp = "questionnaire: {id: national-cse, version: 2.8.0, sha256: 609d877ec6f0471351b1a8c0075994e587228113ebb8495e8e1ae51c0ffa7cef}";
    let details = "screening: {case_reference: EX-1234, date: 2026-11-25, practitioner: A. Example, agency: Example College, status: in_progress}";
    for (name, body, expected) in [
        (
            "misspelt.yaml",
            format!(
                "{stamp}\nscreening:\n  case_reference: EX-1234\n  date: 2026-11-25\n  practitioner: A. Example\n  agncy: Example College\n  status: in_progress\nanswers:\n  drug_use: {{answr: no}}\n  alcohol_use: {{answer: maybe}}\n"
            ),
            &[
                "6:3: unknown field `agncy`",
                "9:14: unknown field `answr`",
                "10:25: `maybe` is not an answer (indicator `alcohol_use`)",
            ][..],
        ),
        (
            "missing.yaml",
            format!(
                "{stamp}\nscreening:\n  case_reference: EX-1234\n  date: 2026-11-25\n  practitioner: A. Example\n  status: in_progress\nanswers:\n  drug_use: {{answr: no}}\n"
            ),
            &["6:3: missing field `agency`", "8:14: unknown field `answr`"][..],
        ),
        (
            "date.yaml",
            format!(
                "{stamp}\nscreening:\n  case_reference: EX-1234\n  date:\n    day: 25\n  practitioner: A. Example\n  agency: Example College\n  status: in_progress\nanswers:\n  drug_use: {{answr: no}}\n"
            ),
            &["5:5: expected text", "10:14: unknown field `answr`"][..],
        ),
        (
            "twice.yaml",
            format!(
                "{stamp}\n{details}\nanswers:\n  drug_use: {{answr: no}}\n  drug_use: {{answer: yes}}\n  alcohol_use: {{answer: maybe}}\n"
            ),
            &[
                "4:14: unknown field `answr`",
                "5:3: duplicate mapping key `drug_use` is not allowed here",
                "6:25: `maybe` is not an answer (indicator `alcohol_use`)",
            ][..],
        ),
        (
            "two-missing.yaml",
            format!(
                "{stamp}\n{details}\nanswers:\n  drug_use: {{basis: concern}}\n  alcohol_use: {{basis: concern}}\ndecisions:\n  actions:\n    - {{owner: A. Example, due: 2026-12-01}}\n    - {{owner: B. Example, due: 2026-12-02}}\n"
            ),
            &[
                "4:14: missing field `answer`",
                "5:17: missing field `answer`",
                "8:27: missing field `action`",
                "9:27: missing field `action`",
            ][..],
        ),
        (
            "empty.yaml",
            format!(
                "{stamp}\nscreening:\n  case_reference: EX-1234\n  date:\n  practitioner: A. Example\n  agency: Example College\n  status: in_progress\nanswers:\n  drug_use:\n  alcohol_use: {{answr: no}}\n  self_harm_or_despair: {{answer: maybe}}\n"
            ),
            &[
                "4:7: null is not allowed here",
                "9:11: expected fields (`name: value` lines) here",
                "10:17: unknown field `answr`",
                "11:34: `maybe` is not an answer (indicator `self_harm_or_despair`)",
            ][..],
        ),
        (
            "list.yaml",
            format!("{stamp}\nscreening: [a]\nanswers:\n  drug_use: {{answr: no}}\n"),
            &[
                // Not followed by each field of `screening` as missing.
                "2:12: expected fields (`name: value` lines) here",
                "4:14: unknown field `answr`",
            ][..],
        ),
        (
            "within.yaml",
            format!(
                "{stamp}\n{details}\nanswers:\n  drug_use: {{answer: [yes], basiss: concern}}\njudgement: {{raise_to: [high], reasn: \"Seen with older adults.\"}}\ndecisions:\n  actions:\n    - {{owner: A. Example, due: 2026-12-01}}\n    - {{action: Call the school, ownr: A. Example, due: 2026-12-01}}\n"
            ),
            &[
                "4:22: expected one value here, not a list",
                "4:29: unknown field `basiss`",
                "5:23: expected text",
                "5:31: unknown field `reasn`",
                "8:27: missing field `action`",
                "9:33: unknown field `ownr`",
            ][..],
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &body).unwrap();
        let expected: Vec<String> = expected.iter().map(|e| format!("{name}:{e}")).collect();
        assert_eq!(problem_lines(&path), expected, "{body}");
    }
}

/// A named pipe, socket or device named like a screening is never read (it could wait for
/// ever, or never end) and never skipped in silence: it is listed as not scored, exit 1
/// (found in review: a pipe, and with `-L` a link to /dev/zero, were left out unsaid).
#[cfg(unix)]
#[test]
fn a_socket_or_device_named_like_a_screening_is_said_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(GOOD),
        d.join("a.yaml"),
    )
    .unwrap();
    let _socket = std::os::unix::net::UnixListener::bind(d.join("socket.yaml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", d.join("zero.yaml")).unwrap();
    // Links inside a folder are skipped unless followed; the socket is said either way.
    for (follow, said) in [(false, 1), (true, 2)] {
        let mut cmd = cse();
        cmd.args(["score", "--format", "csv"]).arg(d);
        if follow {
            cmd.arg("-L");
        }
        let out = cmd
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "-L {follow}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        let not_read = "not a regular file (a named pipe, socket or device), so it is not read";
        assert_eq!(stderr.matches(not_read).count(), said, "{stderr}");
        assert!(
            stderr.contains(&format!("socket.yaml: {not_read}")),
            "{stderr}"
        );
        assert_eq!(
            follow,
            stderr.contains(&format!("zero.yaml: {not_read}")),
            "{stderr}"
        );
        let csv = String::from_utf8(out.stdout).unwrap();
        assert!(csv.contains("a.yaml"), "{csv}");
    }
}
