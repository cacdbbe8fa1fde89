//! The real binary in a pseudo-terminal, typed at as a person would: a complete screening,
//! Ctrl-C then `--resume`, and SIGKILL mid-way. Uses the small example questionnaire so each
//! run takes a second. Each step waits for the prompt to be fully drawn (its key-hint line
//! comes last) before typing; Enter is sent as `\r`, as a terminal in raw mode sends it.
#![cfg(unix)]
#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly on broken fixtures

use std::path::{Path, PathBuf};
use std::process::Command;

use cse_screen::answers::Status;
use rexpect::process::{Signal, WaitStatus};
use rexpect::session::{PtySession, spawn_command};

const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/questionnaire-minimal.yaml")
}

struct Screen {
    p: PtySession,
}

impl Screen {
    fn spawn(dir: &Path, args: &[&str]) -> Screen {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_cse-screen"));
        cmd.arg("screen")
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .env("COLUMNS", "100");
        Screen {
            p: spawn_command(cmd, Some(15_000)).expect("spawn in a pty"),
        }
    }

    /// Waits until `prompt` is on screen and fully drawn, then types `keys`.
    fn at(&mut self, prompt: &str, keys: &str) -> &mut Screen {
        self.p
            .exp_string(prompt)
            .unwrap_or_else(|e| panic!("waiting for {prompt:?}: {e}"));
        self.p
            .exp_string("ctrl-c save and stop]")
            .unwrap_or_else(|e| panic!("waiting for the hint under {prompt:?}: {e}"));
        self.p.send(keys).expect("send");
        self.p.flush().expect("flush");
        self
    }

    fn expect(&mut self, text: &str) -> &mut Screen {
        self.p
            .exp_string(text)
            .unwrap_or_else(|e| panic!("waiting for {text:?}: {e}"));
        self
    }

    fn exit_code(&mut self) -> i32 {
        self.p.exp_eof().expect("the program ends");
        match self.p.process().wait().expect("wait") {
            WaitStatus::Exited(_, code) => code,
            other => panic!("ended by {other:?}"),
        }
    }
}

/// From the start to the note of the `missing` indicator (answered yes, recent, evidence).
fn up_to_the_note(s: &mut Screen) -> &mut Screen {
    s.at("Case reference", "EX-0001\r")
        .at("Date of the screening", "\r")
        .at("Your name (the practitioner)", "A. Example\r")
        .at("Your agency or team", "Example Academy\r")
        .at("Age of the child in whole years", "14\r")
        // Yes/no facts open on "Not known"; one up is "No".
        .at("Is the child looked after?", &format!("{UP}\r"))
        .at("Has the child been missing from home or care?", "\r")
        .at("When? Tick every time window that applies", " \r")
        .at("What is this based on?", "\r")
}

/// Everything up to and including the `missing` indicator's details.
fn first_part(s: &mut Screen) {
    up_to_the_note(s)
        .at("Note (optional)", "Missing three nights in October.\r")
        .at("How many episodes are known?", "3\r");
}

/// From the `unexplained_gifts` indicator to the end.
fn second_part(s: &mut Screen) {
    s.at(
        "Does the child have money, phones or other items",
        &format!("{DOWN}{DOWN}\r"),
    )
    .at("Review the answers", "\r")
    .at("Does the level match your professional judgement?", "\r")
    .at(
        "Who was this discussed with?",
        "Designated safeguarding lead\r",
    )
    .at("Actions agreed", "\r");
}

fn read(path: &Path) -> cse_screen::answers::Screening {
    cse_screen::store::read(path)
        .unwrap_or_else(|e| panic!("{} does not parse: {e:?}", path.display()))
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn a_complete_screening_ends_with_the_recommended_routes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let q = example();
    let mut s = Screen::spawn(
        dir.path(),
        &[
            "--questionnaire",
            q.to_str().unwrap(),
            "--output",
            "screening.yaml",
        ],
    );
    first_part(&mut s);
    second_part(&mut s);
    s.expect("IMMEDIATE DANGER: If the child is in immediate danger, call the police on 999.")
        .expect("Suggested level: Medium (score 5; set by score)")
        .expect("Return-home conversation")
        .expect("Discuss with your")
        .expect("Saved to: screening.yaml");
    assert_eq!(s.exit_code(), 0);
    let path = dir.path().join("screening.yaml");
    let saved = read(&path);
    assert_eq!(saved.screening.status, Status::Complete);
    assert_eq!(
        saved
            .answers
            .get("missing")
            .and_then(|e| e.follow_up.get("episodes")),
        Some(&3)
    );
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn ctrl_c_then_resume_gives_the_same_file_as_no_interruption() {
    let q = example();
    let q = q.to_str().unwrap();

    let plain = tempfile::tempdir().expect("tempdir");
    let mut s = Screen::spawn(
        plain.path(),
        &["--questionnaire", q, "--output", "screening.yaml"],
    );
    first_part(&mut s);
    second_part(&mut s);
    assert_eq!(s.exit_code(), 0);

    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = Screen::spawn(
        dir.path(),
        &["--questionnaire", q, "--output", "screening.yaml"],
    );
    first_part(&mut s);
    s.at("Does the child have money, phones or other items", "");
    s.p.send_control('c').expect("ctrl-c");
    s.expect("Stopped. Every answer so far is saved in screening.yaml.")
        .expect(&format!(
            "To continue: cse-screen screen --resume screening.yaml --questionnaire {q}"
        ));
    assert_eq!(s.exit_code(), 130);
    let partial = read(&dir.path().join("screening.yaml"));
    assert_eq!(partial.screening.status, Status::InProgress);

    let mut s = Screen::spawn(
        dir.path(),
        &["--resume", "screening.yaml", "--questionnaire", q],
    );
    second_part(&mut s);
    s.expect("Saved to: screening.yaml");
    assert_eq!(s.exit_code(), 0);
    let resumed = std::fs::read_to_string(dir.path().join("screening.yaml")).expect("read");
    let uninterrupted = std::fs::read_to_string(plain.path().join("screening.yaml")).expect("read");
    assert_eq!(resumed, uninterrupted);
}

#[test]
fn sigkill_mid_way_leaves_a_valid_file_missing_at_most_the_answer_in_progress() {
    let dir = tempfile::tempdir().expect("tempdir");
    let q = example();
    let q = q.to_str().unwrap();
    let mut s = Screen::spawn(
        dir.path(),
        &["--questionnaire", q, "--output", "screening.yaml"],
    );
    up_to_the_note(&mut s)
        // Half-typed, then killed.
        .at("Note (optional)", "Missing three ni");
    s.p.process_mut().signal(Signal::SIGKILL).expect("kill");
    let _ = s.p.process().wait();

    let path = dir.path().join("screening.yaml");
    let saved = read(&path);
    assert_eq!(mode(&path), 0o600);
    assert_eq!(saved.screening.status, Status::InProgress);
    let missing = saved
        .answers
        .get("missing")
        .expect("the answer before the kill was saved");
    assert_eq!(missing.windows, ["recent"]);
    assert_eq!(missing.note, None, "only the note being typed is lost");
    let leftovers = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name() != "screening.yaml")
        .count();
    assert_eq!(leftovers, 0, "no temporary files left beside it");

    // And the screening can be finished from where it stopped: the indicator that was cut
    // off is asked again with its saved answers selected (Enter keeps each), then the note.
    let mut s = Screen::spawn(
        dir.path(),
        &["--resume", "screening.yaml", "--questionnaire", q],
    );
    s.at("Has the child been missing from home or care?", "\r")
        .at("When? Tick every time window that applies", "\r")
        .at("What is this based on?", "\r")
        .at("Note (optional)", "Missing three nights in October.\r")
        .at("How many episodes are known?", "3\r");
    second_part(&mut s);
    assert_eq!(s.exit_code(), 0);
    let resumed = read(&path);
    assert_eq!(resumed.screening.status, Status::Complete);
    let missing = resumed.answers.get("missing").expect("answered");
    assert_eq!(missing.windows, ["recent"]);
    assert_eq!(
        missing.note.as_deref(),
        Some("Missing three nights in October.")
    );
    assert_eq!(missing.follow_up.get("episodes"), Some(&3));
}

/// A batch of `n` copies of one example screening, in a fresh folder.
fn batch_folder(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/answers/oxfordshire-02-significant-long-ago.yaml"),
    )
    .expect("example");
    std::fs::create_dir(dir.path().join("cases")).expect("mkdir");
    for i in 0..n {
        std::fs::write(dir.path().join(format!("cases/EX-{i:04}.yaml")), &text).expect("write");
    }
    dir
}

#[test]
fn a_large_batch_shows_a_progress_bar_on_a_terminal_and_the_data_is_untouched() {
    let dir = batch_folder(800);
    // stdout to a file, stderr on the terminal: the bar is drawn there and nowhere else.
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!(
            "'{}' score cases --format csv > scores.csv",
            env!("CARGO_BIN_EXE_cse-screen")
        ))
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut p = spawn_command(cmd, Some(15_000)).expect("spawn in a pty");
    p.exp_string("/800 files").expect("a progress bar");
    p.exp_string("scored 800 of 800 files")
        .expect("the summary");
    p.exp_eof().expect("the end");
    let csv = std::fs::read_to_string(dir.path().join("scores.csv")).expect("scores.csv");
    assert_eq!(csv.lines().count(), 801);
    assert!(
        !csv.contains("files,") && !csv.contains('\r'),
        "no progress in the data"
    );
}

#[test]
fn resuming_a_file_with_problems_names_each_with_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/answers/oxfordshire-12-in-progress.yaml"),
    )
    .expect("example")
    .replacen(
        "  missing_from_home_or_care:",
        "  missing_from_hom_or_care:",
        1,
    );
    std::fs::write(dir.path().join("EX.yaml"), &text).expect("write");
    let line = text[..text.find("missing_from_hom_or_care").expect("edited")]
        .matches('\n')
        .count()
        + 1;
    let mut s = Screen::spawn(dir.path(), &["--resume", "EX.yaml"]);
    s.expect(&format!(
        "EX.yaml:{line}:3: unknown indicator `missing_from_hom_or_care`"
    ))
    .expect("did you mean `missing_from_home_or_care`?");
    assert_eq!(s.exit_code(), 65);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("EX.yaml")).expect("read"),
        text
    );
}

#[test]
fn plain_mode_from_a_replies_file_saves_the_same_file_as_the_terminal() {
    let q = example();
    let args = |out: &str| {
        vec![
            "--questionnaire".to_owned(),
            q.to_str().unwrap().to_owned(),
            "--output".to_owned(),
            out.to_owned(),
        ]
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let typed: Vec<String> = args("typed.yaml");
    let typed: Vec<&str> = typed.iter().map(String::as_str).collect();
    let mut s = Screen::spawn(dir.path(), &typed);
    first_part(&mut s);
    second_part(&mut s);
    assert_eq!(s.exit_code(), 0);

    let replies = std::fs::File::open(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/replies/minimal.txt"),
    )
    .expect("replies");
    let out = Command::new(env!("CARGO_BIN_EXE_cse-screen"))
        .arg("screen")
        .arg("--plain")
        .args(args("replayed.yaml"))
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .stdin(replies)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    // Plain: no escape sequences for cursor movement or colour, and every prompt numbered.
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
    assert!(stderr.contains("  3. Not known   (current)"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Suggested level: Medium (score 5; set by score)"),
        "{stdout}"
    );

    let typed = std::fs::read(dir.path().join("typed.yaml")).expect("typed");
    let replayed = std::fs::read(dir.path().join("replayed.yaml")).expect("replayed");
    assert_eq!(
        String::from_utf8_lossy(&replayed),
        String::from_utf8_lossy(&typed)
    );
    assert_eq!(mode(&dir.path().join("replayed.yaml")), 0o600);
}

#[test]
fn plain_mode_that_runs_out_of_replies_saves_and_says_how_to_resume() {
    let dir = tempfile::tempdir().expect("tempdir");
    let q = example();
    let out = Command::new(env!("CARGO_BIN_EXE_cse-screen"))
        .args(["screen", "--plain", "--questionnaire"])
        .arg(&q)
        .args(["--output", "part.yaml"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write as _;
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(b"EX-0002\n\nA. Example\nExample Academy\n15\n")?;
            child.wait_with_output()
        })
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("Every answer so far is saved in part.yaml"),
        "{stderr}"
    );
    assert!(stderr.contains("--resume part.yaml"), "{stderr}");
    let saved = read(&dir.path().join("part.yaml"));
    assert_eq!(saved.screening.status, Status::InProgress);
    assert_eq!(saved.screening.case_reference, "EX-0002");
}
