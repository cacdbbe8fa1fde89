//! Format 2 in every output a person reads: the rating of each "yes" and the subtotals in
//! `score`'s result, `explain` and the record, and a case of two format-2 screenings in
//! `history`. The Pan-Cheshire example EX-3003 has three indicators rated High, Medium and
//! Medium (3 + 2 + 2 = 7 points), all in one category.

use std::path::Path;

use crate::common::cse;

const EXAMPLE: &str = "examples/answers/pan-cheshire-03-domain-total.yaml";

fn run(args: &[&str]) -> String {
    let out = cse().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Prose is wrapped at spaces: compared with the line breaks taken out.
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_result_names_each_rating_with_its_points() {
    let out = run(&["score", "--format", "table", EXAMPLE]);
    assert!(
        out.contains(
            "Has the child shown sexually harmful behaviour towards others? (High; 3 points)"
        ),
        "{out}"
    );
    assert!(out.contains("(Medium; 2 points)"), "{out}");
}

#[test]
fn explain_has_a_rating_column_and_the_category_subtotals() {
    let out = run(&["explain", EXAMPLE]);
    assert!(out.contains("┆ rating ┆"), "{out}");
    assert!(
        out.contains("Category subtotals: Indicator of sexual exploitation: 7"),
        "{out}"
    );
}

#[test]
fn the_record_shows_each_rating_and_the_subtotals() {
    let out = run(&["report", EXAMPLE]);
    assert!(out.contains("yes, rated High"), "{out}");
    assert!(out.contains("yes, rated Medium"), "{out}");
    assert!(out.contains("### Subtotals"), "{out}");
    assert!(out.contains("| rating |"), "{out}");
}

#[test]
fn history_follows_a_case_of_two_format_2_screenings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let first = std::fs::read_to_string(root.join(EXAMPLE)).expect("example");
    std::fs::write(dir.path().join("first.yaml"), &first).expect("write");
    // Two days later the harmful behaviour is no longer seen: 2 + 2 = 4, no concerns. (Both
    // dates are before the day this was written, so neither is ever dated after today.)
    let later = first
        .replace("date: 2026-11-25", "date: 2026-11-27")
        .replacen(
            "harmful_sexual_behaviour: {answer: yes, rating: high",
            "harmful_sexual_behaviour: {answer: no",
            1,
        );
    assert_ne!(later, first, "the example's answer was found");
    std::fs::write(dir.path().join("later.yaml"), later).expect("write");
    let out = run(&[
        "history",
        "--as-of",
        "2026-11-28",
        dir.path().to_str().expect("utf-8 path"),
    ]);
    assert!(out.contains("Case EX-3003: 2 screenings"), "{out}");
    assert!(out.contains("Concerns confirmed"), "{out}");
    assert!(out.contains("No concerns confirmed"), "{out}");
}

#[test]
fn an_age_outside_the_tools_ages_is_said_with_the_authors_message_in_the_result_and_the_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(EXAMPLE)).expect("example");
    let young = text.replacen("profile: {age: 15", "profile: {age: 9", 1);
    assert_ne!(young, text, "the example's age was found");
    let file = dir.path().join("young.yaml");
    std::fs::write(&file, young).expect("write");
    let file = file.to_str().expect("utf-8 path");
    let said = "The child is 9, outside the ages this questionnaire is for (10 to 17). Children as young as 8 have been sexually exploited.";
    let result = run(&["score", "--format", "table", file]);
    assert!(result.contains(&format!("Age: {said}")), "{result}");
    let record = run(&["report", file]);
    assert!(record.contains(&format!("> **Age:** {said}")), "{record}");
    assert!(
        record.contains("(another tool: cse-screen screen --questionnaire national-cse)"),
        "{record}"
    );
    // An age inside the range says nothing of the kind.
    assert!(!run(&["score", "--format", "table", EXAMPLE]).contains("outside the ages"));
}
