//! Folder walks and bounded work: directory links are not followed unless `--follow` is given,
//! and then each real file is read once; content behind a link is never quoted unless it is a
//! screening; a field as large as an answers file allows is drawn in a table; (phrase patterns
//! nested too deep are in `language`). Counts are asserted, never times: the figures are in
//! scripts/bounded-work.sh.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{answer_files, cse, no_panic_text};
use predicates::prelude::*;

#[cfg(unix)]
use std::os::unix::fs::symlink;

/// The `file` of each JSON line of `score --format jsonl`, by its last component, with how
/// many times each came.
fn files_scored(stdout: &str) -> BTreeMap<String, usize> {
    let mut seen = BTreeMap::new();
    for line in stdout.lines() {
        let record: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let file = record["file"].as_str().expect("file");
        let name = Path::new(file).file_name().unwrap().to_string_lossy();
        *seen.entry(name.into_owned()).or_insert(0) += 1;
    }
    seen
}

/// Copies the `n`th example screening to `to`.
fn example(n: usize, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(&answer_files()[n], to).unwrap();
}

/// `root/cases` holding three screenings, a link to one of them, and links to folders: to
/// itself, to its parent, to a big tree, to a chain of folders each linking twice to the next
/// (2^16 paths to its end), and to `/`.
#[cfg(unix)]
fn folder_of_links(root: &Path) {
    let cases = root.join("cases");
    example(0, &cases.join("a.yaml"));
    example(1, &cases.join("b.yaml"));
    example(2, &cases.join("sub/c.yaml"));
    symlink("../a.yaml", cases.join("sub/again.yaml")).unwrap();
    // A big tree: 2,000 files that are not screenings, and three that are.
    for d in 0..20 {
        let dir = root.join(format!("big/d{d:02}"));
        std::fs::create_dir_all(&dir).unwrap();
        for f in 0..100 {
            std::fs::write(dir.join(format!("notes-{f:03}.txt")), "x").unwrap();
        }
    }
    example(3, &root.join("big/d00/big1.yaml"));
    example(4, &root.join("big/d19/big2.yaml"));
    example(5, &root.join("big/big3.yaml"));
    let chain = root.join("chain");
    for k in 0..=16 {
        std::fs::create_dir_all(chain.join(format!("d{k}"))).unwrap();
        if k < 16 {
            for side in ["l", "r"] {
                symlink(format!("../d{}", k + 1), chain.join(format!("d{k}/{side}"))).unwrap();
            }
        }
    }
    example(6, &chain.join("d16/deep.yaml"));
    symlink(".", cases.join("self")).unwrap();
    symlink("..", cases.join("up")).unwrap();
    symlink("../big", cases.join("big")).unwrap();
    symlink("../chain/d0", cases.join("chain")).unwrap();
    symlink("/", cases.join("root")).unwrap();
}

#[cfg(unix)]
#[test]
fn a_folder_of_directory_links_is_scored_without_following_them_and_with_follow_each_real_file_once()
 {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    folder_of_links(root);
    let cases = root.join("cases");

    // Not following: the three real files in the folder, nothing behind a link.
    let out = cse()
        .args(["score", "--format", "jsonl"])
        .arg(&cases)
        .assert()
        .code(0)
        .stderr(no_panic_text())
        .get_output()
        .stdout
        .clone();
    let scored = files_scored(&String::from_utf8(out).unwrap());
    let expected: BTreeMap<String, usize> = [("a.yaml", 1), ("b.yaml", 1), ("c.yaml", 1)]
        .map(|(f, n)| (f.to_owned(), n))
        .into();
    assert_eq!(scored, expected);

    // Following (without the link to `/`): each real screening once, through whichever path
    // came first; the loops, the second path to `a.yaml` and the 2^16 paths down the chain
    // give nothing more.
    std::fs::remove_file(cases.join("root")).unwrap();
    for flag in ["--follow", "-L"] {
        let out = cse()
            .args(["score", "--format", "jsonl", flag])
            .arg(&cases)
            .assert()
            .code(0)
            .stderr(no_panic_text())
            .get_output()
            .stdout
            .clone();
        let scored = files_scored(&String::from_utf8(out).unwrap());
        let names = [
            "a.yaml",
            "b.yaml",
            "big1.yaml",
            "big2.yaml",
            "big3.yaml",
            "c.yaml",
            "deep.yaml",
        ];
        let expected: BTreeMap<String, usize> = names.map(|f| (f.to_owned(), 1)).into();
        assert_eq!(scored, expected, "{flag}");
    }

    // `history` walks the same way.
    cse()
        .args([
            "history",
            "--as-of",
            "2026-12-01",
            "--format",
            "json",
            "--follow",
        ])
        .arg(&cases)
        .assert()
        .success()
        .stdout(predicate::str::contains("deep.yaml"));
    cse()
        .args(["history", "--as-of", "2026-12-01", "--format", "json"])
        .arg(&cases)
        .assert()
        .success()
        .stdout(predicate::str::contains("deep.yaml").not())
        .stdout(predicate::str::contains("c.yaml"));
}

#[cfg(unix)]
#[test]
fn content_behind_a_link_is_never_quoted_unless_it_is_a_screening() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let secret = "root:$6$SECRETHASH:19000:0:99999:7:::\nkey: hunter2-SECRET\n";
    std::fs::write(root.join("shadow"), secret).unwrap();
    let cases = root.join("cases");
    example(0, &cases.join("ok.yaml"));
    symlink("../shadow", cases.join("secret.yaml")).unwrap();
    // A real screening behind a link, with a mistake: reported in full, line and column.
    let text = std::fs::read_to_string(&answer_files()[1]).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("answer: yes"))
        .unwrap()
        + 1;
    std::fs::write(
        root.join("mistake.yaml"),
        text.replacen("answer: yes", "answer: perhaps", 1),
    )
    .unwrap();
    symlink("../mistake.yaml", cases.join("mistake.yaml")).unwrap();

    let not_quoted = || predicate::str::contains("SECRET").not();
    let link = cases.join("secret.yaml");
    // A link named on the command line is read, and its content is not shown.
    for format in ["jsonl", "table", "csv"] {
        cse()
            .args(["score", "--format", format])
            .arg(&link)
            .assert()
            .code(65)
            .stdout(not_quoted())
            .stderr(not_quoted())
            .stderr(predicate::str::contains(
                "reached through a symbolic link, this is not a screening",
            ))
            .stderr(no_panic_text());
    }
    // In a folder, links are skipped unless followed; followed, the same rule holds.
    cse()
        .args(["score", "--format", "jsonl"])
        .arg(&cases)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("ok.yaml"))
        .stdout(predicate::str::contains("secret.yaml").not());
    cse()
        .args(["score", "--format", "jsonl", "--follow"])
        .arg(&cases)
        .assert()
        .code(65)
        .stdout(not_quoted())
        .stderr(not_quoted())
        .stderr(predicate::str::contains(format!("mistake.yaml:{line}:")))
        .stderr(predicate::str::contains("perhaps"));
    cse()
        .args(["history", "--as-of", "2026-12-01", "--follow"])
        .arg(&cases)
        .assert()
        .code(65)
        .stdout(not_quoted())
        .stderr(not_quoted())
        .stderr(predicate::str::contains("secret.yaml"));
}

#[test]
fn a_field_as_large_as_an_answers_file_allows_is_drawn_in_a_table_and_kept_whole_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(&answer_files()[1]).unwrap();
    let old = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("case_reference: "))
        .unwrap()
        .to_owned();
    // 1 MiB is the answers limit: the reference takes all of it but the rest of the file.
    let reference = format!("EX-{}", "x".repeat(1024 * 1024 - text.len() - 64));
    let big = dir.path().join("big.yaml");
    std::fs::write(&big, text.replacen(&old, &reference, 1)).unwrap();
    assert!(std::fs::metadata(&big).unwrap().len() <= 1024 * 1024);
    let small = answer_files()[0].clone();

    // Before cells were cut, this did not finish in a minute (comfy-table's wrapping).
    let out = cse()
        .args(["score", "--format", "table"])
        .arg(&big)
        .arg(&small)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("EX-xxxxxxx"),
        "{}",
        &out[..out.len().min(2000)]
    );
    let more = reference.chars().count() - cse_screen::report::MAX_CELL_CHARS;
    // The case column's text, its wrapped lines joined again.
    let case_column: Vec<&str> = out
        .lines()
        .filter_map(|l| l.split('┆').nth(1))
        .map(str::trim)
        .collect();
    assert!(
        case_column
            .join(" ")
            .contains(&format!("[{more} more characters")),
        "the cut is said, with how much: {}",
        &out[..out.len().min(2000)]
    );
    assert!(
        out.len() < 20 * cse_screen::report::MAX_CELL_CHARS,
        "{} bytes",
        out.len()
    );

    // The full text is in the JSON.
    let json = cse()
        .args(["score", "--format", "json"])
        .arg(&big)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let record: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(record["screening"]["case_reference"], reference.as_str());

    cse()
        .args(["history", "--as-of", "2026-12-01"])
        .arg(&big)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("EX-xxxxxxx"));
}
