//! `cse-screen report`: the printable record in Markdown and HTML, its escaping, and `-o`.
//! All screenings are fictional (examples/ and edits of them).

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::{cse, no_panic_text, stdout_of};
use cse_screen::answers::{Action, Decisions, JudgementEntry};
use predicates::prelude::*;

const JUDGEMENT: &str = "examples/answers/oxfordshire-09-judgement-raised.yaml";
const IN_PROGRESS: &str = "examples/answers/oxfordshire-12-in-progress.yaml";

#[test]
fn markdown_record_of_a_screening_with_judgement_and_decisions() {
    let md = stdout_of(&["report", JUDGEMENT]);
    insta::assert_snapshot!(md);
}

#[test]
fn markdown_record_of_a_screening_in_progress_says_it_is_incomplete() {
    let md = stdout_of(&["report", IN_PROGRESS, "--format", "markdown"]);
    assert!(
        md.contains("**INCOMPLETE:** this screening is in progress"),
        "{md}"
    );
    insta::assert_snapshot!(md);
}

/// The command to finish the screening is copied into a shell: a file name with a space or
/// `$(...)` in it is one quoted argument, never a second command.
#[test]
fn the_command_to_finish_a_screening_is_quoted_for_the_shell() {
    let dir = tempfile::tempdir().unwrap();
    let name = "EX-1012 $(touch pwned);x.yaml";
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(IN_PROGRESS)).unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    for format in ["markdown", "html"] {
        let out = crate::common::cse()
            .current_dir(dir.path())
            .args(["report", name, "--format", format])
            .output()
            .unwrap();
        let shown = String::from_utf8(out.stdout).unwrap();
        // HTML writes the quote as `&#39;`, which a browser shows, and copies, as `'`.
        let quoted = "cse-screen screen --resume 'EX-1012 $(touch pwned);x.yaml'";
        let want = if format == "html" {
            quoted.replace('\'', "&#39;")
        } else {
            quoted.to_owned()
        };
        assert!(shown.contains(&want), "{format}: {shown}");
    }
    // A name starting with `-` would be read as an option.
    std::fs::copy(dir.path().join(name), dir.path().join("-lead.yaml")).unwrap();
    let out = crate::common::cse()
        .current_dir(dir.path())
        .args(["report", "--format", "markdown", "--", "-lead.yaml"])
        .output()
        .unwrap();
    let shown = String::from_utf8(out.stdout).unwrap();
    assert!(
        shown.contains("cse-screen screen --resume ./-lead.yaml"),
        "{shown}"
    );
}

#[test]
fn html_record_of_a_screening_with_judgement_and_decisions() {
    let html = stdout_of(&["report", JUDGEMENT, "--format", "html"]);
    insta::assert_snapshot!(html);
}

#[test]
fn html_record_of_a_screening_in_progress() {
    let html = stdout_of(&["report", IN_PROGRESS, "--format", "html"]);
    insta::assert_snapshot!(html);
}

#[test]
fn the_record_holds_everything_the_case_file_needs() {
    let md = stdout_of(&["report", JUDGEMENT]);
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(JUDGEMENT))
        .expect("example");
    let s = crate::common::screening_of(&text).expect("example parses");
    let d = &s.screening;
    for needle in [
        d.case_reference.as_str(),
        d.date.as_str(),
        d.practitioner.as_str(),
        d.agency.as_str(),
        "oxfordshire-cse version 2.8.0",
        s.questionnaire.sha256.as_str(),
        "## Profile",
        "## Answers",
        "### Recommended routes, most urgent first",
        "### Rules that fired",
        "**Professional judgement:**",
        "## Decisions and actions",
        "Review due by",
        "**Not a decision:**",
        "Record owner:",
    ] {
        assert!(md.contains(needle), "missing `{needle}`:\n{md}");
    }
    // Every answer with its note, and every action with its owner and due date.
    let notes: Vec<&str> = s
        .answers
        .iter()
        .filter_map(|(_, a)| a.note.as_deref())
        .collect();
    assert!(!notes.is_empty(), "the example has notes to look for");
    for note in notes {
        let escaped = cse_screen::report::md_cell(note);
        assert!(md.contains(&escaped), "note missing: {note}");
    }
    let actions = &s.decisions.as_ref().expect("decisions").actions;
    assert!(!actions.is_empty(), "the example has actions to look for");
    for a in actions {
        for field in [&a.action, &a.owner, &a.due] {
            assert!(md.contains(&cse_screen::report::md_cell(field)), "{field}");
        }
    }
}

#[test]
fn a_screening_without_actions_says_so() {
    let md = stdout_of(&["report", "examples/training/05-not-reducing-1.yaml"]);
    assert!(md.contains("**Discussed with:** not recorded"), "{md}");
    assert!(md.contains("**No actions were recorded.**"), "{md}");
}

/// Text a hostile or careless user could type, each meant to break out of the markup.
const HOSTILE: [&str; 8] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(2)>",
    "' onmouseover='alert(3)",
    "</td></tr></table><iframe src=\"https://example.invalid/\"></iframe>",
    "<!-- hidden",
    "<style>body{display:none}</style>",
    "&lt;b&gt; is literal & so is &amp;",
    "<a href=\"javascript:alert(4)\">click</a>",
];

/// An example screening with hostile text in every free-text field.
fn hostile_screening(dir: &Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(JUDGEMENT))
        .expect("example");
    let mut s = crate::common::screening_of(&text).expect("example parses");
    s.screening.case_reference = HOSTILE[1].to_owned();
    s.screening.practitioner = HOSTILE[2].to_owned();
    s.screening.agency = HOSTILE[5].to_owned();
    let ids: Vec<String> = s.answers.iter().map(|(id, _)| id.clone()).collect();
    for (n, id) in ids.iter().enumerate() {
        let mut entry = s.answers.get(id).expect("answer").clone();
        entry.note = Some(format!("{}\nsecond line", HOSTILE[n % HOSTILE.len()]));
        s.answers.set(id, entry);
    }
    let judgement = s.judgement.as_ref().expect("judgement").raise_to.clone();
    s.judgement = Some(JudgementEntry {
        raise_to: judgement,
        reason: HOSTILE[0].to_owned(),
        language_kept: Vec::new(),
    });
    s.decisions = Some(Decisions {
        discussed_with: Some(HOSTILE[3].to_owned()),
        actions: vec![Action {
            action: HOSTILE[7].to_owned(),
            owner: HOSTILE[4].to_owned(),
            due: HOSTILE[6].to_owned(),
            language_kept: Vec::new(),
        }],
    });
    let path = dir.join("hostile.yaml");
    std::fs::write(&path, cse_screen::store::to_yaml(&s).expect("yaml")).expect("write");
    path
}

#[test]
fn html_escapes_every_piece_of_user_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = hostile_screening(dir.path());
    let out = cse()
        .args(["report", "--format", "html"])
        .arg(&path)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let html = String::from_utf8(out).expect("utf-8");

    let doc = scraper::Html::parse_document(&html);
    let allowed_elements: BTreeSet<&str> = [
        "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p", "strong",
        "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "br", "wbr",
    ]
    .into();
    let allowed_attributes: BTreeSet<&str> = [
        "lang",
        "charset",
        "http-equiv",
        "content",
        "name",
        "class",
        "scope",
    ]
    .into();
    let mut styles = 0;
    for node in doc.tree.nodes() {
        match node.value() {
            scraper::Node::Element(e) => {
                let name = e.name();
                assert!(
                    allowed_elements.contains(name),
                    "element <{name}> in\n{html}"
                );
                styles += usize::from(name == "style");
                for (attr, value) in e.attrs() {
                    assert!(
                        allowed_attributes.contains(attr),
                        "attribute {attr}={value}"
                    );
                    if attr == "class" {
                        assert!(
                            ["alert", "warning", "note"].contains(&value),
                            "class {value}"
                        );
                    }
                }
            }
            scraper::Node::Comment(c) => panic!("a comment came from user text: {c:?}"),
            _ => {}
        }
    }
    assert_eq!(styles, 1, "only the record's own stylesheet");

    // Each hostile string comes back, whole, as text a reader sees.
    let body = scraper::Selector::parse("main").expect("selector");
    let text: String = doc
        .select(&body)
        .flat_map(|m| m.text())
        .collect::<Vec<_>>()
        .concat();
    for h in HOSTILE {
        assert!(text.contains(h), "`{h}` is not shown as text");
    }
    let title = scraper::Selector::parse("title").expect("selector");
    let title: String = doc.select(&title).flat_map(|t| t.text()).collect();
    assert!(title.ends_with(HOSTILE[1]), "{title}");
}

#[test]
fn markdown_escapes_user_text_so_no_markup_gets_through() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = hostile_screening(dir.path());
    let out = cse()
        .args(["report"])
        .arg(&path)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(out).expect("utf-8");
    // Every `<` is escaped, except the line breaks the renderer writes itself.
    for (at, _) in md.match_indices('<') {
        let escaped = md[..at].ends_with('\\');
        assert!(
            escaped || md[at..].starts_with("<br>"),
            "unescaped markup at byte {at}: {}",
            &md[at..md.len().min(at + 40)]
        );
    }
    // Line breaks in notes stay inside their table cell.
    assert!(
        md.contains("\\<script\\>alert(1)\\</script\\><br>second line"),
        "{md}"
    );
}

#[test]
fn output_file_is_written_atomically_owner_only_and_never_overwritten_without_force() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("record.html");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join(JUDGEMENT);
    cse()
        .args(["report", "-o"])
        .arg(&out)
        .arg(&example)
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains("Wrote"));
    let html = std::fs::read_to_string(&out).expect("written");
    assert!(
        html.starts_with("<!DOCTYPE html>"),
        "the .html extension chooses HTML"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    std::fs::write(&out, "an earlier record").expect("write");
    cse()
        .args(["report", "-o"])
        .arg(&out)
        .arg(&example)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("already exists").and(predicate::str::contains("--force")),
        );
    assert_eq!(
        std::fs::read_to_string(&out).expect("kept"),
        "an earlier record"
    );

    cse()
        .args(["report", "--force", "--format", "markdown", "-o"])
        .arg(&out)
        .arg(&example)
        .assert()
        .code(0);
    let md = std::fs::read_to_string(&out).expect("replaced");
    assert!(md.starts_with("# Child exploitation screening"), "{md}");
    // No temporary files are left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("record.html")]);
}

#[test]
fn an_invalid_screening_gets_located_problems_and_no_output_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.yaml");
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(JUDGEMENT))
        .expect("example")
        .replace("answer: yes", "answer: maybe");
    std::fs::write(&bad, text).expect("write");
    let out = dir.path().join("record.md");
    cse()
        .args(["report", "-o"])
        .arg(&out)
        .arg(&bad)
        .assert()
        .code(65)
        .stderr(predicate::str::contains("bad.yaml:").and(no_panic_text()));
    assert!(!out.exists());
}

#[test]
fn the_record_never_replaces_the_screening_it_describes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let screening = dir.path().join("EX-1009.yaml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(JUDGEMENT),
        &screening,
    )
    .expect("copy");
    let before = std::fs::read(&screening).expect("read");
    cse()
        .current_dir(dir.path())
        .args(["report", "--force", "-o", "./EX-1009.yaml", "EX-1009.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is the screening itself").and(no_panic_text()));
    assert_eq!(std::fs::read(&screening).expect("read"), before);
}

#[test]
fn wording_that_blames_the_child_is_listed_in_the_record_and_warned_about() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("EX-1009.yaml");
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(JUDGEMENT))
        .expect("example")
        .replace(
            "note: Smelled of alcohol at two youth sessions in November.",
            "note: Smelled of alcohol at two youth sessions; she is putting herself at risk.",
        );
    std::fs::write(&path, text).expect("write");
    let out = cse()
        .args(["report"])
        .arg(&path)
        .assert()
        .code(0)
        .stderr(
            predicate::str::contains("EX-1009.yaml:39:")
                .and(predicate::str::contains("warning: wording:")),
        )
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(out).expect("utf-8");
    assert!(md.contains("### Wording to reconsider"), "{md}");
    assert!(md.contains("\"putting herself at risk\""), "{md}");
    assert!(md.contains("the note of \\`alcohol\\_use\\`"), "{md}");
    // The score and level do not change: wording is a warning only.
    assert!(md.contains("- **Suggested level:** High"), "{md}");
}

#[test]
fn a_record_that_cannot_be_written_changes_nothing_and_says_so() {
    // A folder where the record should go: the rename over it fails, as root too.
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("record.html");
    std::fs::create_dir(&out).expect("mkdir");
    std::fs::write(out.join("kept.txt"), "kept").expect("write");
    cse()
        .args(["report", "--force", "-o"])
        .arg(&out)
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join(JUDGEMENT))
        .assert()
        .code(1)
        .stderr(no_panic_text())
        .stderr(predicate::str::contains(format!(
            "error: {} is a folder, not a regular file; only a regular file is ever replaced",
            out.display()
        )))
        .stderr(predicate::str::contains(
            "write the record to a regular file",
        ));
    assert_eq!(
        std::fs::read_to_string(out.join("kept.txt")).expect("kept"),
        "kept"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(
        names,
        vec![std::ffi::OsString::from("record.html")],
        "no temporary file left"
    );
}

/// Found in review: a judgement equal to the level the score already reached was said to
/// have set the level ("set by the score; and set by professional judgement") while the
/// judgement itself said it raised nothing; and a judgement below the level, possible only
/// in a file edited by hand, was recorded as "at least Low, which the answers already
/// reach", hiding the practitioner's view of Low beside a High.
#[test]
fn a_judgement_that_raises_nothing_is_not_said_to_set_the_level_and_one_below_is_said_to_be() {
    let high = std::fs::read_to_string("examples/answers/oxfordshire-11-high-by-score.yaml")
        .expect("example");
    let with = |level: &str| {
        high.replace(
            "\ndecisions:",
            &format!(
                "\njudgement:\n  raise_to: {level}\n  reason: \"A fictional view, for the test.\"\ndecisions:"
            ),
        )
    };
    let dir = tempfile::tempdir().unwrap();
    for (level, says) in [
        ("high", "at least High, which the answers already reach"),
        (
            "low",
            "Low was recorded as the practitioner's view, below High, which the answers reach; \
             judgement can raise the level, never lower it, so it stays High",
        ),
    ] {
        let file = dir.path().join(format!("judged-{level}.yaml"));
        std::fs::write(&file, with(level)).unwrap();
        let file = file.to_str().expect("utf-8");
        let md = crate::common::one_line(&stdout_of(&["report", file]));
        assert!(md.contains("**Level set by:** score There are"), "{md}");
        assert!(md.contains(says), "{md}");
        let shown = crate::common::one_line(&stdout_of(&["score", "--format", "table", file]));
        assert!(
            shown.contains("Level: High (score 14), set by the score Review by"),
            "{shown}"
        );
    }
}

/// A screening dated after today has a date known to be wrong, so no review date is given
/// from it, as history and caseload give none (found in review: `report` and `score` gave
/// 2027-04-15 from 2027-01-15, where 2026 was meant and the review was already overdue).
#[test]
fn a_screening_dated_after_today_gets_no_review_date_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/answers/oxfordshire-01-low-vulnerabilities-only.yaml");
    let text = std::fs::read_to_string(&example).unwrap();
    // A year from now, whenever the test runs.
    let later = jiff::ZonedDateTime::now()
        .date()
        .saturating_add(jiff::Span::new().days(365));
    let (ahead, due) = (
        later.to_string(),
        later.saturating_add(jiff::Span::new().days(90)).to_string(),
    );
    let path = dir.path().join("EX-1001.yaml");
    std::fs::write(
        &path,
        text.replace("date: 2026-11-02", &format!("date: {ahead}")),
    )
    .unwrap();
    let run = |args: &[&str]| {
        let out = cse().args(args).arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let record = run(&["report"]);
    assert!(
        record.contains(&format!(
            "Review within 90 days at level Low, counted from the real screening date, or \
             sooner if anything changes: the date in the file, {ahead}, is after today"
        )),
        "{record}"
    );
    let table = run(&["score", "--format", "table"]);
    assert!(
        table.contains("counted from the real screening date"),
        "{table}"
    );
    for out in [&record, &table] {
        assert!(
            !out.contains(&due),
            "no review date from a wrong date: {out}"
        );
    }
}

/// Found in review: nothing tied a printed record to the file it was made from (rewritten
/// at every resume). The record gives the screening's identity, as `history` does: the
/// same for a copy in JSON, another once the file says something else.
#[test]
fn the_record_gives_the_identity_history_gives_and_it_follows_the_content() {
    let identity_in = |record: &str| -> String {
        let at = record
            .find("The screening's identity, the sha256 of what it holds, is ")
            .expect("the identity sentence")
            + "The screening's identity, the sha256 of what it holds, is ".len();
        record[at..at + 64].to_owned()
    };
    let history: serde_json::Value =
        serde_json::from_str(&stdout_of(&["history", JUDGEMENT, "--format", "json"]))
            .expect("json");
    let from_history = history["cases"][0]["screenings"][0]["identity"]
        .as_str()
        .expect("identity")
        .to_owned();
    let record = stdout_of(&["report", JUDGEMENT]);
    assert_eq!(identity_in(&record), from_history);
    assert!(from_history.chars().all(|c| c.is_ascii_hexdigit()));

    let dir = tempfile::tempdir().unwrap();
    let as_json = dir.path().join("EX-1009.json");
    let screening = crate::common::read_screening(Path::new(JUDGEMENT));
    std::fs::write(&as_json, serde_json::to_string(&screening).unwrap()).unwrap();
    let record = stdout_of(&["report", as_json.to_str().unwrap()]);
    assert_eq!(
        identity_in(&record),
        from_history,
        "the same screening in JSON"
    );

    let changed = dir.path().join("changed.yaml");
    std::fs::write(
        &changed,
        std::fs::read_to_string(JUDGEMENT).unwrap().replacen(
            "young_carer: {answer: no}",
            "young_carer: {answer: yes}",
            1,
        ),
    )
    .unwrap();
    let record = stdout_of(&["report", changed.to_str().unwrap()]);
    assert_ne!(identity_in(&record), from_history, "a changed answer");
}
