//! Saved records on disk, through the real binary: one writer at a time (a second `screen
//! --resume` is refused at once and names the holder), a record changed on disk is never
//! written over, `--resume` through a link changes the record it points to, temporary copies
//! left by a killed save are removed by the next run, `report -o --force` replaces only
//! regular files, read-only records are refused, a 300-byte case reference saves, and a
//! record named `.json` is saved as JSON (resumed, started with `-o`, or kept beside).
//! Fictional data.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::common::minimal_replies as replies;
use crate::common::{Run, cse, read_screening};
use cse_screen::answers::Status;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `screen --plain --resume FILE -q` on the minimal questionnaire, run in `dir` with
/// `stdin` as its standard input.
fn resume(dir: &Path, file: &str, stdin: impl Into<Vec<u8>>) -> crate::common::Ran {
    cse()
        .current_dir(dir)
        .args(["screen", "--plain", "--resume", file, "-q"])
        .arg(minimal())
        .write_stdin(stdin)
        .run()
}

fn minimal() -> PathBuf {
    root().join("examples/questionnaire-minimal.yaml")
}

/// A screening of the minimal questionnaire stopped in the `missing` indicator's note, saved
/// as `dir/name`; and the replies that finish it when it is resumed.
fn stopped_screening(dir: &Path, name: &str) -> String {
    let all = replies();
    let (first, rest) = all.split_at(9);
    let _ = cse()
        .current_dir(dir)
        .args(["screen", "--plain", "--output", name, "-q"])
        .arg(minimal())
        .write_stdin(first.join("\n") + "\n")
        .run()
        .code(130);
    assert_eq!(
        read_screening(&dir.join(name)).screening.status,
        Status::InProgress
    );
    // Enter keeps the cut-off indicator's saved answer, window and basis; then the rest.
    format!("\n\n\n{}\n", rest.join("\n"))
}

/// `screen --plain --resume FILE` started in `dir` with its stdin left open, once it has
/// printed its first line (so it holds the lock and has read the file); and the rest of its
/// standard error, read on another thread.
fn resume_held_open(dir: &Path, file: &str) -> (Child, std::thread::JoinHandle<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cse-screen"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["screen", "--plain", "--resume", file, "-q"])
        .arg(minimal())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    stderr.read_line(&mut first).unwrap();
    assert!(
        !first.is_empty() && !first.starts_with("error"),
        "the first resume did not start: {first:?}"
    );
    let rest = std::thread::spawn(move || {
        let mut text = first;
        stderr.read_to_string(&mut text).unwrap();
        text
    });
    (child, rest)
}

/// Found in review: `screen --resume` with a lock file planted as a hard link to another
/// child's screening locked it, cut it to the lock's details and removed its name: that
/// screening was lost without a word.
#[cfg(unix)]
#[test]
fn a_lock_file_planted_as_a_hard_link_to_another_screening_is_refused_and_left_whole() {
    let dir = tempfile::tempdir().unwrap();
    let finish = stopped_screening(dir.path(), "EX-0001.yaml");
    let other = dir.path().join("EX-1009.yaml");
    std::fs::copy(
        crate::common::answers_dir().join("oxfordshire-09-judgement-raised.yaml"),
        &other,
    )
    .unwrap();
    let other_before = std::fs::read(&other).unwrap();
    let record_before = std::fs::read(dir.path().join("EX-0001.yaml")).unwrap();
    std::fs::hard_link(&other, dir.path().join(".EX-0001.yaml.lock")).unwrap();
    let _ = resume(dir.path(), "EX-0001.yaml", finish)
        .code(1)
        .clean()
        .stderr_has("error: EX-0001.yaml: could not lock the screening for writing: its lock file .EX-0001.yaml.lock is a file with other names (a hard link), not a cse-screen lock file; nothing was written to it")
        .stderr_has("something else put this one there");
    assert_eq!(std::fs::read(&other).unwrap(), other_before);
    assert_eq!(
        std::fs::read(dir.path().join("EX-0001.yaml")).unwrap(),
        record_before
    );
    assert!(dir.path().join(".EX-0001.yaml.lock").exists());
}

#[test]
fn a_second_resume_of_the_same_screening_is_refused_at_once_and_names_the_holder() {
    let dir = tempfile::tempdir().unwrap();
    let finish = stopped_screening(dir.path(), "EX-0001.yaml");
    let record = dir.path().join("EX-0001.yaml");
    let (mut first, first_err) = resume_held_open(dir.path(), "EX-0001.yaml");
    let before = std::fs::read(&record).unwrap();

    // The first is waiting for a reply, holding the screening: the second must not wait.
    let _ = resume(dir.path(), "EX-0001.yaml", finish.clone())
        .code(1)
        .clean()
        .stderr_has(&format!(
            "error: EX-0001.yaml is open in another cse-screen (process {}",
            first.id()
        ))
        .stderr_has("one screening has one writer at a time")
        .stderr_has("score, report and history never wait");
    assert_eq!(
        std::fs::read(&record).unwrap(),
        before,
        "the refused writer changed nothing"
    );
    // Readers are not blocked while it is held.
    let _ = cse()
        .args(["score", "-q"])
        .arg(minimal())
        .arg(&record)
        .run()
        .code(0)
        .stdout_has("EX-0001");

    // The first finishes as if nothing happened, and its lock goes with it.
    first
        .stdin
        .take()
        .unwrap()
        .write_all(finish.as_bytes())
        .unwrap();
    let mut stdout = String::new();
    first
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    let status = first.wait().unwrap();
    let stderr = first_err.join().unwrap();
    assert_eq!(status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(stdout.contains("Suggested level: Medium"), "{stdout}");
    assert_eq!(read_screening(&record).screening.status, Status::Complete);
    assert!(
        !dir.path().join(".EX-0001.yaml.lock").exists(),
        "the lock file is removed when the writer ends"
    );
    // And now another writer may take it.
    let _ = resume(dir.path(), "EX-0001.yaml", "").code(130);
}

#[test]
fn a_screening_changed_on_disk_during_an_interview_is_not_written_over() {
    let dir = tempfile::tempdir().unwrap();
    stopped_screening(dir.path(), "EX-0001.yaml");
    let record = dir.path().join("EX-0001.yaml");
    let (mut first, first_err) = resume_held_open(dir.path(), "EX-0001.yaml");

    // Another program (an editor, a sync tool) writes the record while it is open.
    let edited = std::fs::read_to_string(&record).unwrap() + "# edited elsewhere\n";
    std::fs::write(&record, &edited).unwrap();
    // Enter keeps the first answer, which is saved: that save must be refused.
    first.stdin.take().unwrap().write_all(b"\n").unwrap();
    let status = first.wait().unwrap();
    let stderr = first_err.join().unwrap();
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "error: EX-0001.yaml changed on disk since this screening read or saved it \
             (another program wrote it); it was not written over"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("every answer given here is saved in EX-0001.unsaved-1.yaml"),
        "{stderr}"
    );
    assert!(
        stderr.contains("cse-screen screen --resume EX-0001.unsaved-1.yaml"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&record).unwrap(), edited);
    let kept = read_screening(&dir.path().join("EX-0001.unsaved-1.yaml"));
    assert_eq!(kept.screening.case_reference, "EX-0001");
    assert_eq!(
        kept.answers.get("missing").map(|e| e.answer.as_str()),
        Some("yes")
    );
}

/// Found in review: a record whose name fitted (248 bytes) had no room for its copy's name
/// (`.unsaved-1.yaml` more), so the answers given were lost, and the message blamed the
/// folder.
#[test]
fn a_changed_record_with_a_long_name_still_keeps_the_answers_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let name = format!("EX-{}.yaml", "7".repeat(240));
    stopped_screening(dir.path(), &name);
    let record = dir.path().join(&name);
    let (mut first, first_err) = resume_held_open(dir.path(), &name);
    let edited = std::fs::read_to_string(&record).unwrap() + "# edited elsewhere\n";
    std::fs::write(&record, &edited).unwrap();
    first.stdin.take().unwrap().write_all(b"\n").unwrap();
    let status = first.wait().unwrap();
    let stderr = first_err.join().unwrap();
    assert_eq!(status.code(), Some(1), "{stderr}");
    let copy = format!("EX-{}.unsaved-1.yaml", "7".repeat(235));
    assert!(
        stderr.contains(&format!("every answer given here is saved in {copy}")),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&record).unwrap(), edited);
    let kept = read_screening(&dir.path().join(&copy));
    assert_eq!(
        kept.answers.get("missing").map(|e| e.answer.as_str()),
        Some("yes")
    );
}

#[cfg(unix)]
#[test]
fn resuming_through_a_symbolic_link_finishes_the_record_it_points_to() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records");
    std::fs::create_dir(&records).unwrap();
    let finish = stopped_screening(&records, "EX-0001.yaml");
    let link = dir.path().join("current.yaml");
    std::os::unix::fs::symlink("records/EX-0001.yaml", &link).unwrap();

    let ran = resume(dir.path(), "current.yaml", finish).code(0).clean();
    let real = records.join("EX-0001.yaml").canonicalize().unwrap();
    assert!(
        ran.stdout
            .contains(&format!("Saved in:\n  {}", real.display())),
        "{}",
        ran.stdout
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    assert_eq!(
        read_screening(&records.join("EX-0001.yaml"))
            .screening
            .status,
        Status::Complete,
        "the record behind the link is the one finished"
    );
}

#[test]
fn a_temporary_copy_left_by_a_killed_save_is_removed_by_the_next_run_in_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let finish = stopped_screening(dir.path(), "EX-0001.yaml");
    // What a save killed between writing and renaming leaves: the whole record, hidden.
    let left = dir.path().join(".cse-screen-K1lled.tmp");
    std::fs::copy(dir.path().join("EX-0001.yaml"), &left).unwrap();
    let ten_minutes_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(600);
    std::fs::File::options()
        .write(true)
        .open(&left)
        .unwrap()
        .set_modified(ten_minutes_ago)
        .unwrap();

    let _ = resume(dir.path(), "EX-0001.yaml", finish)
        .code(0)
        .clean()
        .stderr_has(
            "note: removed ./.cse-screen-K1lled.tmp, a temporary copy of a screening left by \
             a save that was stopped part-way (the screening itself was not changed)",
        );
    assert!(!left.exists(), "the leftover is gone");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["EX-0001.yaml"], "nothing else is left behind");
}

#[cfg(unix)]
#[test]
fn report_force_refuses_to_replace_a_named_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("record.md");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo");
    let _ = cse()
        .args(["report", "--force", "-o"])
        .arg(&fifo)
        .arg(root().join("examples/answers/national-01-low-nothing-of-concern.yaml"))
        .run()
        .code(1)
        .clean()
        .stderr_has(&format!(
            "error: {} is a named pipe (FIFO), not a regular file; only a regular file is ever replaced",
            fifo.display()
        ));
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo(),
        "the pipe is still a pipe"
    );
}

/// Makes `path` read-only (for root too, the tool goes by the permission bits).
fn read_only(path: &Path) {
    let mut perms = std::fs::metadata(path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(path, perms).unwrap();
}

#[test]
fn a_read_only_record_is_refused_by_resume_and_by_report_force() {
    let dir = tempfile::tempdir().unwrap();
    let finish = stopped_screening(dir.path(), "EX-0001.yaml");
    let record = dir.path().join("EX-0001.yaml");
    read_only(&record);
    let before = std::fs::read(&record).unwrap();
    let _ = resume(dir.path(), "EX-0001.yaml", finish)
        .code(1)
        .clean()
        .stderr_has(
            "error: EX-0001.yaml is read-only; a read-only file is never changed or replaced",
        )
        .stderr_has("make it writable first (chmod u+w EX-0001.yaml)");
    assert_eq!(std::fs::read(&record).unwrap(), before);

    let out = dir.path().join("EX-0001.md");
    std::fs::write(&out, "the record as printed last week").unwrap();
    read_only(&out);
    let _ = cse()
        .current_dir(dir.path())
        .args([
            "report",
            "--force",
            "-o",
            "EX-0001.md",
            "EX-0001.yaml",
            "-q",
        ])
        .arg(minimal())
        .run()
        .code(1)
        .clean()
        .stderr_has(
            "error: EX-0001.md is read-only; a read-only file is never changed or replaced",
        );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "the record as printed last week"
    );
}

#[test]
fn a_300_byte_case_reference_saves_under_a_shortened_name() {
    let dir = tempfile::tempdir().unwrap();
    let reference = format!("EX-{}", "0123456789".repeat(30))[..300].to_owned();
    let mut lines = replies();
    lines[0] = reference.clone();
    let _ = cse()
        .current_dir(dir.path())
        .args(["screen", "--plain", "-q"])
        .arg(minimal())
        .write_stdin(lines.join("\n") + "\n")
        .run()
        .code(0)
        .clean()
        .stdout_has("Saved in:\n  EX-0123456789");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    let name = &names[0];
    assert!(name.starts_with(&reference[..100]), "{name}");
    assert!(name.len() < 160, "{name}");
    let saved = read_screening(&dir.path().join(name));
    assert_eq!(
        saved.screening.case_reference, reference,
        "the record keeps the whole reference"
    );
}

#[test]
fn a_file_name_too_long_is_not_blamed_on_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let name = format!("{}.yaml", "x".repeat(300));
    let ran = cse()
        .current_dir(dir.path())
        .args(["screen", "--plain", "-q"])
        .arg(minimal())
        .args(["--output", &name])
        .write_stdin(replies().join("\n") + "\n")
        .run()
        .code(1)
        .clean()
        .stderr_has("the file name is too long for this system")
        .stderr_has("choose a shorter file name (--output FILE)");
    assert!(!ran.stderr.contains("permission"), "{}", ran.stderr);
    assert!(!ran.stderr.contains("can be written"), "{}", ran.stderr);
}

#[cfg(unix)]
#[test]
fn resuming_in_a_folder_that_cannot_be_written_is_refused_before_the_first_question() {
    use crate::common::{NOBODY, as_nobody, reachable_by_nobody};
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let finish = stopped_screening(dir.path(), "EX-0001.yaml");
    let record = dir.path().join("EX-0001.yaml");
    let before = std::fs::read(&record).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root writes into a read-only folder: then run as `nobody`, the owner of the folder and
    // the screening, so the permission bits hold as for a practitioner.
    let probe = dir.path().join(".probe");
    let root_user = std::fs::write(&probe, "x").is_ok();
    let reachable = root_user.then(|| {
        std::fs::remove_file(&probe).unwrap();
        for path in [dir.path(), record.as_path()] {
            std::os::unix::fs::chown(path, Some(NOBODY), Some(NOBODY)).unwrap();
        }
        reachable_by_nobody(&[&minimal()])
    });
    let (mut cmd, q) = match &reachable {
        Some(r) => (
            as_nobody(r.path()),
            r.path().join("questionnaire-minimal.yaml"),
        ),
        None => (Command::new(env!("CARGO_BIN_EXE_cse-screen")), minimal()),
    };
    let mut child = cmd
        .current_dir(dir.path())
        .args(["screen", "--plain", "--resume", "EX-0001.yaml", "-q"])
        .arg(q)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The refusal comes before the first question, so the program may have exited before
    // the replies are written: a closed pipe here is that, not a failure.
    let _ = child.stdin.take().unwrap().write_all(finish.as_bytes());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "error: EX-0001.yaml: could not lock the screening for writing: the folder cannot \
             be written to"
        ),
        "{stderr}"
    );
    assert!(
        !stderr.contains("Has the child been missing"),
        "refused before any question: {stderr}"
    );
    assert_eq!(std::fs::read(&record).unwrap(), before);
}

/// `score --format csv` of `file` in `dir`: the header and the file's row.
fn csv_row(dir: &Path, file: &str) -> String {
    cse()
        .current_dir(dir)
        .args(["score", "--format", "csv", file])
        .run()
        .code(0)
        .clean()
        .stdout
}

#[test]
fn a_json_example_resumed_with_enter_to_the_end_is_saved_as_json_and_scores_the_same() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "oxfordshire-01-low-vulnerabilities-only.json",
        // The YAML twin, for what changes in the same run (nothing in the row).
        "oxfordshire-01-low-vulnerabilities-only.yaml",
    ] {
        std::fs::copy(
            root().join("examples/answers").join(name),
            dir.path().join(name),
        )
        .unwrap();
        let before = csv_row(dir.path(), name);
        assert!(before.contains(",\"complete\",\"2\",\"low\","), "{before}");
        // Enter at every question keeps every saved answer, through to the end.
        let _ = cse()
            .current_dir(dir.path())
            .args(["screen", "--plain", "--resume", name])
            .write_stdin("\n".repeat(12))
            .run()
            .code(0)
            .clean()
            .stdout_has(&format!("Saved in:\n  {name}"));
        assert_eq!(
            csv_row(dir.path(), name),
            before,
            "{name}: the same row as before"
        );
    }
    let text = std::fs::read_to_string(
        dir.path()
            .join("oxfordshire-01-low-vulnerabilities-only.json"),
    )
    .unwrap();
    assert!(text.starts_with("{\n  \"$schema\": "), "{text}");
    assert!(text.ends_with("}\n"), "{text}");
    // The record is the example with the format `screen` writes, and nothing else changed.
    let example = root().join("examples/answers/oxfordshire-01-low-vulnerabilities-only.json");
    let mut expected = read_screening(&example);
    expected.format = Some(1);
    assert_eq!(
        read_screening(
            &dir.path()
                .join("oxfordshire-01-low-vulnerabilities-only.json")
        ),
        expected
    );
}

#[test]
fn screen_output_to_a_json_name_writes_json() {
    let dir = tempfile::tempdir().unwrap();
    let _ = cse()
        .current_dir(dir.path())
        .args(["screen", "--plain", "-o", "EX-0001.json", "-q"])
        .arg(minimal())
        .write_stdin(replies().join("\n") + "\n")
        .run()
        .code(0)
        .clean()
        .stdout_has("Saved in:\n  EX-0001.json");
    let path = dir.path().join("EX-0001.json");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("{\n  \"format\": 1,\n"), "{text}");
    let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(value["screening"]["case_reference"], "EX-0001");
    assert_eq!(read_screening(&path).screening.status, Status::Complete);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let _ = cse()
        .current_dir(dir.path())
        .args(["score", "EX-0001.json", "-q"])
        .arg(minimal())
        .run()
        .code(0)
        .clean();
}

#[test]
fn a_json_record_changed_on_disk_keeps_the_answers_in_a_json_copy() {
    let dir = tempfile::tempdir().unwrap();
    stopped_screening(dir.path(), "EX-0001.json");
    let record = dir.path().join("EX-0001.json");
    assert!(std::fs::read_to_string(&record).unwrap().starts_with('{'));
    let (mut first, first_err) = resume_held_open(dir.path(), "EX-0001.json");
    let edited = std::fs::read_to_string(&record).unwrap() + "\n";
    std::fs::write(&record, &edited).unwrap();
    first.stdin.take().unwrap().write_all(b"\n").unwrap();
    let status = first.wait().unwrap();
    let stderr = first_err.join().unwrap();
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("every answer given here is saved in EX-0001.unsaved-1.json"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&record).unwrap(), edited);
    let copy = dir.path().join("EX-0001.unsaved-1.json");
    assert!(std::fs::read_to_string(&copy).unwrap().starts_with('{'));
    let kept = read_screening(&copy);
    assert_eq!(
        kept.answers.get("missing").map(|e| e.answer.as_str()),
        Some("yes")
    );
}
