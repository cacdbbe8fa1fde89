//! The result of one screening on a terminal (`score FILE` draws the same result `screen`
//! ends with): words whole at any width, and the "What to do now" block last, all of it on
//! the last screen of a 100x40 terminal. Fictional data.

use std::path::Path;

use crate::common::cse;

fn examples() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/answers");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("examples")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

fn result(file: &Path, columns: &str) -> String {
    let out = cse()
        .env("COLUMNS", columns)
        .args(["score", "--format", "table"])
        .arg(file)
        .output()
        .expect("score");
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The words of `text`: split at spaces and at table rules, with a colon and the `…` of a
/// shortened title or line left off.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || ('\u{2500}'..='\u{257f}').contains(&c))
        .map(|w| w.trim_end_matches(':').trim_end_matches('…'))
        // The heading's rule is drawn to the width, not written.
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c == '='))
        .map(str::to_owned)
        .collect()
}

#[test]
fn no_word_or_number_is_split_at_100_or_60_columns() {
    for file in examples() {
        // So wide that nothing wraps: every word as written.
        let mut whole: std::collections::BTreeSet<String> =
            words(&result(&file, "30000")).into_iter().collect();
        // Under 80 columns the routes are a list, with labels the table has as a header.
        whole.extend(["do", "Contact", "When"].map(str::to_owned));
        for columns in ["100", "60"] {
            let shown = result(&file, columns);
            for line in shown.lines() {
                assert!(
                    line.chars().count() <= columns.parse().unwrap()
                        || line.starts_with("  cse-screen report ")
                        || !line.trim().contains(' '),
                    "{}: a line wider than {columns} columns:\n{line}",
                    file.display()
                );
                for w in words(line) {
                    assert!(
                        whole.contains(&w),
                        "{} at {columns} columns: {w:?} is a piece of a word, in:\n{line}",
                        file.display()
                    );
                }
            }
            // A phone number stays on one line.
            if shown.contains("0345") {
                assert!(
                    shown.contains("0345 050 7666"),
                    "{}: the MASH number split",
                    file.display()
                );
            }
        }
    }
}

/// "When" up to its first bracket, semicolon or sentence end, as the block shows it.
fn first_part(text: &str) -> &str {
    let mut end = text.len();
    for stop in [" (", ";", ". "] {
        if let Some(i) = text.find(stop) {
            end = end.min(i);
        }
    }
    text[..end].trim().trim_end_matches(['.', ','])
}

/// Where a route's line is too long, its title is cut, never when to act on it.
#[test]
fn every_route_in_what_to_do_now_keeps_its_when_at_100_and_60_columns() {
    let mut cut = 0;
    for file in examples() {
        let out = cse()
            .args(["score", "--format", "json"])
            .arg(&file)
            .output()
            .expect("score");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let Some(routes) = json["assessment"]["routes"].as_array() else {
            continue;
        };
        for columns in ["100", "60"] {
            let shown = result(&file, columns);
            let Some(at) = shown.rfind("WHAT TO DO NOW") else {
                panic!("{}: no block at {columns} columns", file.display());
            };
            let block = &shown[at..];
            for (i, route) in routes.iter().enumerate() {
                let when = first_part(route["timescale"].as_str().expect("timescale"));
                let Some(line) = block
                    .lines()
                    .find(|l| l.starts_with(&format!("{}. ", i + 1)))
                else {
                    continue; // listed as "N-M: more routes, in the list above"
                };
                // Whole; or, where when is long, its first four words at least.
                let whole = line.contains(&format!(": {when}"));
                let begun = line
                    .strip_suffix('…')
                    .and_then(|l| l.split_once(": "))
                    .is_some_and(|(_, start)| {
                        start.split(' ').count() >= 4
                            && when.starts_with(start)
                            && when[start.len()..].starts_with(|c: char| !c.is_alphanumeric())
                    });
                assert!(
                    whole || begun,
                    "{} at {columns} columns: route {} without its when ({when}):\n{line}",
                    file.display(),
                    i + 1
                );
                cut += usize::from(whole && line.contains('…'));
            }
        }
    }
    // Some titles are cut at 60 columns: the case this test is for.
    assert!(cut > 0, "no route line was cut");
}

#[test]
fn the_last_screen_at_100x40_says_what_to_do_now_even_with_twelve_routes() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/answers/oxfordshire-13-under-16-sexual-contact-older-person.yaml");
    let shown = result(&file, "100");
    let lines: Vec<&str> = shown.lines().collect();
    // The shell's prompt takes the bottom row; nothing in the block is wider than the screen.
    let screen = lines[lines.len() - 39..].join("\n");
    assert!(screen.contains("WHAT TO DO NOW"), "{screen}");
    assert!(screen.contains("call the police on\n  999 now"), "{screen}");
    assert!(
        screen.contains(
            "Level: High (score 10), set by a rule: the child is under 16, there is a sign of sexual"
        ),
        "{screen}"
    );
    assert!(
        !screen.contains("under_16"),
        "an id where a person reads:\n{screen}"
    );
    for n in 1..=12 {
        assert!(
            screen.lines().any(|l| l.starts_with(&format!("{n}. "))),
            "route {n} is not on the last screen:\n{screen}"
        );
    }
    assert!(
        screen.contains(
            "1. Refer to the MASH: Today when the child may be at risk of significant harm; MASH 0345 050 7666"
        ),
        "{screen}"
    );
    assert!(
        screen.contains("Discussed with: Designated safeguarding lead"),
        "{screen}"
    );
    assert!(
        screen
            .contains("  - Refer today and ask for a strategy meeting (C. Example, by 2026-11-26)"),
        "{screen}"
    );
    assert!(
        screen.ends_with(&format!(
            "To print the record for the case file:\n  cse-screen report {}",
            file.display()
        )),
        "{screen}"
    );
}

#[test]
fn the_danger_line_is_bold_red_only_where_colour_is_allowed() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/answers/oxfordshire-01-low-vulnerabilities-only.yaml");
    let run = |args: &[&str], no_color: bool| {
        let mut cmd = cse();
        if !no_color {
            cmd.env_remove("NO_COLOR");
        }
        let out = cmd
            .args(["score", "--format", "table"])
            .args(args)
            .arg(&file)
            .output()
            .expect("score");
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let red = "\u{1b}[1;31mIMMEDIATE DANGER:";
    assert!(run(&["--color", "always"], false).contains(red));
    assert!(!run(&["--color", "never"], false).contains('\u{1b}'));
    // Not a terminal, or NO_COLOR: no colour.
    assert!(!run(&[], false).contains('\u{1b}'));
    assert!(!run(&[], true).contains('\u{1b}'));
}

/// A level resting on unknowns is never read as a finding: the block's level line says how
/// many answers are not known and the highest level finding them out could bring (found in
/// review: every answer not known read "Level: Low (score 0), set by the score").
#[test]
fn what_to_do_now_says_how_many_answers_are_not_known_and_what_they_could_change() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let many = root.join("examples/answers/oxfordshire-08-many-not-known.yaml");
    let text = std::fs::read_to_string(&many).expect("example");
    let n = text.matches("answer: not_known").count();
    assert!(n > 1, "the example has answers not known");
    let shown = result(&many, "100");
    let block = &shown[shown.find("WHAT TO DO NOW").expect("block")..];
    let level = crate::common::one_line(block);
    assert!(
        level.contains(&format!(
            "Not known: {n} answers and 1 fact about the child; finding them out could raise \
             the level to High"
        )),
        "{block}"
    );
    // Nothing not known: the level line says nothing of it.
    let none = root.join("examples/answers/oxfordshire-11-high-by-score.yaml");
    let none_text = std::fs::read_to_string(&none).expect("example");
    assert!(!none_text.contains("not_known}") && !none_text.contains("answer: not_known"));
    let shown = result(&none, "100");
    let block = &shown[shown.find("WHAT TO DO NOW").expect("block")..];
    assert!(!block.contains("Not known:"), "{block}");
    // A count left empty that would raise the level is named too: the 17-year-old whose
    // teacher had sexual contact with her, with the position-of-trust count not given.
    let teacher = root.join("examples/answers/national-19-seventeen-sexual-contact-teacher.yaml");
    let text = std::fs::read_to_string(&teacher).expect("example");
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("count-not-given.yaml");
    std::fs::write(&empty, text.replace(", people_in_position_of_trust: 1", "")).expect("write");
    let shown = result(&empty, "100");
    let block = &shown[shown.find("WHAT TO DO NOW").expect("block")..];
    let level = crate::common::one_line(block);
    assert!(
        level.contains("Not known: 1 count; finding it out could raise the level to High"),
        "{block}"
    );
    // A fact a rule reads is named too where it is part of what could raise the level (found
    // in review: "1 answer ... could raise the level to High" where High also needs the age).
    let text = crate::common::national_01_with_sexual_contact_not_known()
        .replace("age: 13", "age: not_known");
    let both = dir.path().join("age-and-contact-not-known.yaml");
    std::fs::write(&both, text).expect("write");
    let shown = result(&both, "100");
    let block = &shown[shown.find("WHAT TO DO NOW").expect("block")..];
    let level = crate::common::one_line(block);
    assert!(
        level.contains(
            "Not known: 1 answer and 1 fact about the child; finding them out could raise the \
             level to High"
        ),
        "{block}"
    );
}

/// The review line says when the review is sooner than the level's own, and why; the record
/// says the same (decision 32).
#[test]
fn the_review_line_says_why_it_is_sooner_than_the_level() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let many = root.join("examples/answers/oxfordshire-08-many-not-known.yaml");
    let shown = crate::common::one_line(&result(&many, "100"));
    let why = "(28 days, as for High rather than Low's 90, because finding out what is not \
               known could raise the level to High), or sooner if anything changes.";
    assert!(shown.contains(why), "{shown}");
    // The date stays on screen in the last block too (found in review: only the review line
    // above it had it, and a short terminal scrolls that away).
    let due = &shown[shown.find("Review due: ").expect("review line") + 12..][..10];
    let block = &shown[shown.find("WHAT TO DO NOW").expect("block")..];
    assert!(
        block.contains(&format!("Review by: {due}, or sooner if anything changes")),
        "{block}"
    );
    let record = crate::common::stdout_of(&["report", many.to_str().expect("utf-8")]);
    assert!(crate::common::one_line(&record).contains(why), "{record}");
    // History gives the reason too, for the manager reading it later.
    let folder = root.join("examples/caseload");
    let history = crate::common::one_line(&crate::common::stdout_of(&[
        "history",
        folder.to_str().expect("utf-8"),
        "--case",
        "EX-2005",
        "--as-of",
        "2026-06-01",
    ]));
    assert!(
        history.contains(
            "(28 days after the Low screening of 2026-05-25, as for High: finding out what was \
             not known then could raise the level to it)"
        ),
        "{history}"
    );
    // Nothing not known: the level's own, as before.
    let none = root.join("examples/answers/oxfordshire-11-high-by-score.yaml");
    let shown = crate::common::one_line(&result(&none, "100"));
    assert!(
        shown.contains(" days), or sooner if anything changes."),
        "{shown}"
    );
    assert!(!shown.contains("rather than"), "{shown}");
}
