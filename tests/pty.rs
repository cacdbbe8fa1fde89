//! The real binary in a pseudo-terminal, typed at as a person would: a complete screening,
//! Ctrl-C then `--resume`, and SIGKILL mid-way. Uses the small example questionnaire so each
//! run takes a second. Each step waits for the prompt to be fully drawn (its key-hint line
//! comes last) before typing; Enter is sent as `\r`, as a terminal in raw mode sends it.
//! A save into a read-only folder runs the binary as `nobody` (with `setpriv`) when the tests
//! run as root, since root writes there anyway.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{NOBODY, as_nobody, reachable_by_nobody};
use cse_screen::answers::Status;
use rexpect::ReadUntil;
use rexpect::process::{Signal, WaitStatus};
use rexpect::session::{PtySession, spawn_command};

const DOWN: &str = "\x1b[B";

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/questionnaire-minimal.yaml")
}

struct Screen {
    p: PtySession,
    /// The end of the key-hint line each prompt ends with (inquire folds it on a narrow
    /// terminal, so there only its last word is waited for).
    hint: &'static str,
    /// What the program wrote after the last thing waited for, once it has ended: shown when
    /// a test fails on its exit code.
    tail: String,
}

impl Screen {
    fn spawn(dir: &Path, args: &[&str]) -> Screen {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_cse-screen"));
        cmd.arg("screen").args(args);
        Screen::of(cmd, dir)
    }

    /// Runs `cmd` in `dir` in a pseudo-terminal, without colour, 100 columns wide.
    fn of(mut cmd: Command, dir: &Path) -> Screen {
        cmd.current_dir(dir)
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .env("COLUMNS", "100");
        Screen {
            p: spawn_command(cmd, Some(15_000)).expect("spawn in a pty"),
            hint: "ctrl-c save and stop]",
            tail: String::new(),
        }
    }

    /// Waits until `prompt` is on screen and fully drawn, then types `keys`.
    fn at(&mut self, prompt: &str, keys: &str) -> &mut Screen {
        self.p
            .exp_string(prompt)
            .unwrap_or_else(|e| panic!("waiting for {prompt:?}: {e}"));
        self.p
            .exp_string(self.hint)
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
        self.tail = self.p.exp_eof().expect("the program ends");
        match self.p.process().wait().expect("wait") {
            WaitStatus::Exited(_, code) => code,
            other => panic!("ended by {other:?}"),
        }
    }
}

/// The case details and the age, with the date typed (`""` keeps today's, offered as the
/// default): the opening every full screening here starts with.
fn case_and_age<'s>(s: &'s mut Screen, date: &str) -> &'s mut Screen {
    s.at("Case reference", "EX-0001\r")
        .at("Date of the screening", &format!("{date}\r"))
        .at("Your name (the practitioner)", "A. Example\r")
        .at("Your agency or team", "Example Academy\r")
        .at("Age of the child in whole years", "14\r")
}

/// From the start to the note of the `missing` indicator (answered yes, recent, evidence).
fn up_to_the_note(s: &mut Screen) -> &mut Screen {
    case_and_age(s, "")
        // A question not yet answered opens on "nothing chosen yet", above the answers:
        // "No" is two down, "Yes" one down.
        .at("Is the child looked after?", &format!("{DOWN}{DOWN}\r"))
        .at(
            "Has the child been missing from home or care?",
            &format!("{DOWN}\r"),
        )
        .at("When? Tick every time window that applies", " \r")
        .at("What is this based on?", &format!("{DOWN}\r"))
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
        &format!("{DOWN}{DOWN}{DOWN}\r"),
    )
    .at("Review the answers", "\r")
    .at("Does Medium match your professional judgement?", "\r")
    .at(
        "Who was this discussed with?",
        "Designated safeguarding lead\r",
    )
    .at("Actions agreed", "\r");
}

fn read(path: &Path) -> cse_screen::answers::Screening {
    crate::common::read_screening(path)
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
        .expect("Suggested level: Medium (score 5), set by the score")
        .expect("Return-home conversation")
        .expect("Discuss with your")
        .expect("Saved in:");
    assert_eq!(s.exit_code(), 0);
    let path = dir.path().join("screening.yaml");
    let saved = read(&path);
    assert_eq!(saved.screening.status, Status::Complete);
    // `screen` writes the answers-file format version (docs/answers-format.md).
    assert_eq!(saved.format, Some(cse_screen::answers::FORMAT));
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.lines().any(|l| l == "format: 1"), "{text}");
    assert_eq!(
        saved
            .answers
            .get("missing")
            .and_then(|e| e.follow_up.get("episodes")),
        Some(&3)
    );
    assert_eq!(mode(&path), 0o600);
}

/// The routes' titles of the screening saved at `path`, most urgent first, from `score`.
fn route_titles(dir: &Path, path: &str) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_cse-screen"))
        .current_dir(dir)
        .args(["score", path, "--format", "json", "--questionnaire"])
        .arg(example())
        .output()
        .expect("score");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    json["assessment"]["routes"]
        .as_array()
        .expect("routes")
        .iter()
        .map(|r| r["title"].as_str().expect("title").to_owned())
        .collect()
}

/// The rows a terminal of `cols` x `rows` shows at the end of `output` (what the program
/// printed after the last prompt), the bottom row left for the shell's prompt. The result is
/// plain lines (no cursor movement, checked), so the screen is its last lines, each longer
/// line taking as many rows as the terminal folds it into. Every line of prose fits in
/// `cols` columns; only a file name or command on a line of its own (kept whole for copying)
/// may be wider.
fn last_screen(output: &str, cols: usize, rows: usize) -> Vec<String> {
    // rexpect gives each byte as a char: the UTF-8 is put back together first.
    let bytes: Vec<u8> = output.chars().map(|c| c as u32 as u8).collect();
    let output = String::from_utf8_lossy(&bytes);
    let start = output
        .find("IMMEDIATE DANGER:")
        .expect("the result is printed");
    let result = output[start..].replace("\r\n", "\n");
    assert!(
        !result.contains('\x1b'),
        "the result moves the cursor or colours text under NO_COLOR:\n{result}"
    );
    let mut screen = Vec::new();
    let mut previous = "";
    for l in result.lines() {
        let copyable = previous == "Saved in:" || l.starts_with("  cse-screen ");
        assert!(
            copyable || l.chars().count() <= cols,
            "a line wider than the {cols}-column terminal, which would break it anywhere:\n{l}"
        );
        let chars: Vec<char> = l.chars().collect();
        if chars.is_empty() {
            screen.push(String::new());
        }
        for row in chars.chunks(cols) {
            screen.push(row.iter().collect());
        }
        previous = l;
    }
    screen[screen.len().saturating_sub(rows - 1)..].to_vec()
}

/// A complete screening in a terminal of `cols` x `rows`: the last screen holds the 999
/// line, each route with its number, and the command that prints the record.
fn the_last_screen_says_what_to_do_now(cols: usize, rows: usize) {
    let dir = tempfile::tempdir().expect("tempdir");
    let q = example();
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!(
            "stty cols {cols} rows {rows} && COLUMNS={cols} exec \"$0\" \"$@\""
        ))
        .arg(env!("CARGO_BIN_EXE_cse-screen"))
        .args(["screen", "--questionnaire"])
        .arg(&q)
        .args(["--output", "screening.yaml"]);
    let mut s = Screen::of(cmd, dir.path());
    if cols < 70 {
        s.hint = "stop]";
    }
    first_part(&mut s);
    second_part(&mut s);
    let output = s.p.exp_eof().expect("the program ends");
    let screen = last_screen(&output, cols, rows);
    let shown = screen.join("\n");
    assert!(
        screen
            .iter()
            .any(|l| l.starts_with("IMMEDIATE DANGER:") && shown.contains("999")),
        "no 999 line on the last screen:\n{shown}"
    );
    let titles = route_titles(dir.path(), "screening.yaml");
    assert!(titles.len() >= 3, "{titles:?}");
    for (i, title) in titles.iter().enumerate() {
        let words: Vec<&str> = title.split_whitespace().take(3).collect();
        let start = format!("{}. {}", i + 1, words.join(" "));
        assert!(
            screen.iter().any(|l| l.starts_with(&start)),
            "route {start:?} is not on the last screen:\n{shown}"
        );
    }
    let record = format!(
        "cse-screen report screening.yaml --questionnaire {}",
        q.display()
    );
    assert!(
        shown.replace('\n', "").contains(&record),
        "no {record:?} on the last screen:\n{shown}"
    );
    assert!(
        shown.contains("Discussed with: Designated safeguarding lead"),
        "{shown}"
    );
}
#[test]
fn the_last_screen_at_100x40_says_what_to_do_now() {
    the_last_screen_says_what_to_do_now(100, 40);
}

#[test]
fn the_last_screen_at_60x20_says_what_to_do_now() {
    the_last_screen_says_what_to_do_now(60, 20);
}

#[test]
fn enter_alone_and_keys_typed_ahead_record_no_answer_on_the_real_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let q = example();
    let mut s = Screen::spawn(
        dir.path(),
        &["--questionnaire", q.to_str().unwrap(), "--output", "s.yaml"],
    );
    s.expect("IMMEDIATE DANGER: If the child is in immediate danger, call the police on 999.");
    // The fact: Enter alone records nothing and asks again.
    // Today's date is offered as a default: a date typed replaces it, never adds to it.
    case_and_age(&mut s, "2025-01-02")
        .at("Is the child looked after?", "\r")
        .expect("nothing recorded, asked again")
        .at("Is the child looked after?", &format!("{DOWN}{DOWN}\r"))
        .at(
            "Has the child been missing from home or care?",
            &format!("{DOWN}\r"),
        )
        .at("When? Tick every time window that applies", " \r")
        .at("What is this based on?", "\r")
        .expect("nothing recorded, asked again")
        .at("What is this based on?", &format!("{DOWN}\r"));
    // The count, with Enter pressed three more times: whether they arrive before the next
    // question is drawn (discarded) or after (nothing chosen yet), none records an answer.
    s.at("Note (optional)", "Missing three nights in October.\r")
        .at("How many episodes are known?", "3\r\r\r\r");
    s.at("Does the child have money, phones or other items", "");
    s.p.send_control('c').expect("ctrl-c");
    assert_eq!(s.exit_code(), 130);
    let saved = read(&dir.path().join("s.yaml"));
    assert!(matches!(
        saved.profile.get("looked_after"),
        Some(cse_screen::answers::ProfileValue::Answer(
            cse_screen::engine::Answer::No
        ))
    ));
    assert_eq!(saved.screening.date, "2025-01-02");
    let missing = saved.answers.get("missing").expect("answered");
    assert_eq!(missing.basis, Some(cse_screen::answers::Basis::Evidence));
    assert!(
        saved.answers.get("unexplained_gifts").is_none(),
        "typed-ahead keys answered the next indicator"
    );
}

/// A burst of keys that arrives in one read (a paste, a key macro, input batched over a
/// remote session) answers the question on screen and nothing more: the rest of the burst
/// was already read into crossterm's event queue, where flushing the terminal cannot reach.
#[test]
fn a_burst_of_keys_answers_only_the_question_on_screen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let q = example();
    let mut s = Screen::spawn(
        dir.path(),
        &["--questionnaire", q.to_str().unwrap(), "--output", "s.yaml"],
    );
    case_and_age(&mut s, "2025-01-02")
        .at("Is the child looked after?", &format!("{DOWN}{DOWN}\r"))
        // One write: "no" to this question, then "no" to the next two, unseen.
        .at(
            "Has the child been missing from home or care?",
            &format!("{DOWN}{DOWN}\r{DOWN}{DOWN}\r{DOWN}{DOWN}\r"),
        );
    s.at("Does the child have money, phones or other items", "");
    // Time for any key left in the burst to be taken as an answer, were it kept.
    std::thread::sleep(std::time::Duration::from_millis(500));
    s.p.send_control('c').expect("ctrl-c");
    assert_eq!(s.exit_code(), 130);
    let saved = read(&dir.path().join("s.yaml"));
    assert!(
        saved.answers.get("missing").is_some(),
        "the question on screen was answered"
    );
    let after: Vec<&String> = saved
        .answers
        .iter()
        .map(|(id, _)| id)
        .filter(|id| *id != "missing")
        .collect();
    assert!(
        after.is_empty(),
        "keys of the burst answered questions never shown: {after:?}"
    );
}

/// A note of three lines pasted where the terminal does not mark a paste: its first line is
/// the note, the rest are not used, and the next question says so instead of losing them
/// unseen (found in review).
#[test]
fn keys_not_used_before_a_question_are_said_to_be_unused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let q = example();
    let mut s = Screen::spawn(
        dir.path(),
        &["--questionnaire", q.to_str().unwrap(), "--output", "s.yaml"],
    );
    up_to_the_note(&mut s).at(
        "Note (optional)",
        "Seen at the station.\rWith two older men.\r3\r",
    );
    s.expect("Keys that arrived before this question was shown were not used")
        .at("How many episodes are known?", "");
    std::thread::sleep(std::time::Duration::from_millis(300));
    s.p.send_control('c').expect("ctrl-c");
    assert_eq!(s.exit_code(), 130, "{}", s.tail);
    let saved = read(&dir.path().join("s.yaml"));
    let missing = saved.answers.get("missing").expect("answered");
    assert_eq!(missing.note.as_deref(), Some("Seen at the station."));
    assert!(missing.follow_up.is_empty(), "{:?}", missing.follow_up);
    // An answer given in its own time says nothing of the kind.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = Screen::spawn(
        dir.path(),
        &["--questionnaire", q.to_str().unwrap(), "--output", "s.yaml"],
    );
    first_part(&mut s);
    let before =
        s.p.exp_string("Does the child have money, phones or other items")
            .expect("the next question");
    assert!(!before.contains("were not used"), "{before}");
    s.p.send_control('c').expect("ctrl-c");
    assert_eq!(s.exit_code(), 130);
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
            // Run the way it was started: the binary by its path, not an installed name.
            "To continue, run:\r\n  {} screen --resume screening.yaml --questionnaire {q}",
            env!("CARGO_BIN_EXE_cse-screen")
        ));
    assert_eq!(s.exit_code(), 130);
    let partial = read(&dir.path().join("screening.yaml"));
    assert_eq!(partial.screening.status, Status::InProgress);

    let mut s = Screen::spawn(
        dir.path(),
        &["--resume", "screening.yaml", "--questionnaire", q],
    );
    second_part(&mut s);
    s.expect("Saved in:\r\n  screening.yaml");
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
    // The killed writer's lock file may stay (a process id, host and time; no answers): the
    // system released its lock, and the next writer takes it over and removes it.
    let leftovers = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name() != "screening.yaml" && e.file_name() != ".screening.yaml.lock")
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
    s.expect("Return-home conversation");
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
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(
        names,
        ["screening.yaml"],
        "the lock file went with the last writer"
    );
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
fn resuming_a_file_of_a_newer_format_refuses_it_and_leaves_it_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = format!(
        "format: 2\n{}",
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("examples/answers/oxfordshire-12-in-progress.yaml"),
        )
        .expect("example")
    );
    std::fs::write(dir.path().join("EX.yaml"), &text).expect("write");
    let mut s = Screen::spawn(dir.path(), &["--resume", "EX.yaml"]);
    s.expect("EX.yaml:1:9: this answers file was made by a newer cse-screen: it is format 2")
        .expect("help: upgrade cse-screen");
    assert_eq!(s.exit_code(), 65);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("EX.yaml")).expect("read"),
        text
    );
}

#[test]
fn resuming_a_file_without_a_format_line_saves_it_with_one() {
    let q = example();
    let q = q.to_str().unwrap();
    let (dir, saved) = stopped_after_the_profile(q);
    // As a file written before the format line existed.
    let path = dir.path().join("screening.yaml");
    let old = String::from_utf8(saved)
        .expect("utf-8")
        .replace("format: 1\n", "");
    std::fs::write(&path, &old).expect("write");
    assert_eq!(read(&path).format, None, "still valid without it");

    let mut s = Screen::spawn(
        dir.path(),
        &["--resume", "screening.yaml", "--questionnaire", q],
    );
    s.at(WALK[6].prompt, WALK[6].keys).at(WALK[7].prompt, "");
    s.p.send_control('c').expect("ctrl-c");
    assert_eq!(s.exit_code(), 130);
    assert_eq!(read(&path).format, Some(cse_screen::answers::FORMAT));
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
    // A question not yet answered has nothing current: no "(current)", no "[Enter: ...]".
    assert!(
        stderr.contains("  3. Not known\nNumber, 1 to 3 (< back): 2\n"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Suggested level: Medium (score 5), set by the score"),
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

/// Ctrl-C in `--plain` on a terminal ends the program by a signal, not a key: it says, as
/// the full-screen mode does, that every answer so far is saved and how to continue (it
/// used to end with nothing said).
#[test]
fn plain_mode_on_a_terminal_says_where_the_answers_are_on_ctrl_c() {
    let dir = tempfile::tempdir().expect("tempdir");
    let q = example();
    let mut s = Screen::spawn(
        dir.path(),
        &[
            "--plain",
            "--questionnaire",
            q.to_str().unwrap(),
            "--output",
            "part.yaml",
        ],
    );
    for (prompt, reply) in [
        ("Case reference", "EX-0003\n"),
        ("Date of the screening", "\n"),
        ("Your name (the practitioner)", "A. Example\n"),
        ("Your agency or team", "Example Academy\n"),
        ("Age of the child in whole years", "15\n"),
    ] {
        s.expect(prompt).expect("(< back): ");
        s.p.send(reply).expect("send");
    }
    s.expect("Is the child looked after?").expect("(< back): ");
    s.p.send("Half a rep").expect("send");
    // The terminal turns Ctrl-C into SIGINT (this test's pty is raw, so it is sent as such).
    s.p.process_mut().signal(Signal::SIGINT).expect("SIGINT");
    s.expect("Stopped. Every answer so far is saved in part.yaml.")
        .expect("--resume part.yaml");
    assert_eq!(s.exit_code(), 130, "{}", s.tail);
    let saved = read(&dir.path().join("part.yaml"));
    assert_eq!(saved.screening.case_reference, "EX-0003");
    assert!(saved.profile.get("age").is_some());
}

/// The same after `--resume`, at the first question asked, before this session saved
/// anything: the file holds every earlier answer (found in review: it said "Stopped before
/// anything was saved", with no way to continue).
#[test]
fn plain_mode_on_a_terminal_says_where_a_resumed_screening_is_on_ctrl_c() {
    let dir = tempfile::tempdir().expect("tempdir");
    let q = example();
    let part = dir.path().join("part.yaml");
    std::fs::write(
        &part,
        "format: 1\nquestionnaire: {id: example-minimal, version: 0.1.0, sha256: \
         5ae06a39d265ff2ea141a259c924bf5f8e192e5fd74808f6288ce20f11265c6b}\nscreening:\n  \
         case_reference: EX-0003\n  date: 2026-11-20\n  practitioner: A. Example\n  \
         agency: Example Academy\n  status: in_progress\nprofile:\n  age: 15\n",
    )
    .expect("write");
    let before = std::fs::read_to_string(&part).expect("read");
    let mut s = Screen::spawn(
        dir.path(),
        &[
            "--plain",
            "--questionnaire",
            q.to_str().unwrap(),
            "--resume",
            "part.yaml",
        ],
    );
    s.expect("Is the child looked after?").expect("(< back): ");
    s.p.process_mut().signal(Signal::SIGINT).expect("SIGINT");
    s.expect("Stopped. Every answer so far is saved in part.yaml.")
        .expect("--resume part.yaml");
    assert_eq!(s.exit_code(), 130, "{}", s.tail);
    assert!(!s.tail.contains("before anything was saved"), "{}", s.tail);
    assert_eq!(std::fs::read_to_string(&part).expect("read"), before);
}

// ---- Crash safety: SIGKILL at random points ---------------------------------------------

/// One step of the walk-through of the example questionnaire: the prompt, the keys typed
/// for it, and whether its answer is recorded in the file (the review and the judgement,
/// left as it is, record nothing).
struct Step {
    prompt: &'static str,
    keys: &'static str,
    records: bool,
}

const fn step(prompt: &'static str, keys: &'static str, records: bool) -> Step {
    Step {
        prompt,
        keys,
        records,
    }
}

/// The whole screening, as `first_part` and `second_part` type it.
const WALK: [Step; 16] = [
    step("Case reference", "EX-0001\r", true),
    step("Date of the screening", "\r", true),
    step("Your name (the practitioner)", "A. Example\r", true),
    step("Your agency or team", "Example Academy\r", true),
    step("Age of the child in whole years", "14\r", true),
    step("Is the child looked after?", "\x1b[B\x1b[B\r", true),
    step(
        "Has the child been missing from home or care?",
        "\x1b[B\r",
        true,
    ),
    step("When? Tick every time window that applies", " \r", true),
    step("What is this based on?", "\x1b[B\r", true),
    step(
        "Note (optional)",
        "Missing three nights in October.\r",
        true,
    ),
    step("How many episodes are known?", "3\r", true),
    step(
        "Does the child have money, phones or other items",
        "\x1b[B\x1b[B\x1b[B\r",
        true,
    ),
    step("Review the answers", "\r", false),
    step(
        "Does Medium match your professional judgement?",
        "\r",
        false,
    ),
    step(
        "Who was this discussed with?",
        "Designated safeguarding lead\r",
        true,
    ),
    step("Actions agreed", "\r", true),
];

/// How many recorded answers of `WALK` the saved screening holds, counted in order: the
/// answers a practitioner would see as given.
fn recorded(s: &cse_screen::answers::Screening) -> usize {
    let missing = s.answers.get("missing");
    let held = [
        !s.screening.case_reference.is_empty(),
        true, // the date: the file exists
        !s.screening.practitioner.is_empty(),
        !s.screening.agency.is_empty(),
        s.profile.get("age").is_some(),
        s.profile.get("looked_after").is_some(),
        missing.is_some(),
        missing.is_some_and(|e| !e.windows.is_empty()),
        missing.is_some_and(|e| e.basis.is_some()),
        missing.is_some_and(|e| e.note.is_some()),
        missing.is_some_and(|e| e.follow_up.contains_key("episodes")),
        s.answers.get("unexplained_gifts").is_some(),
        s.decisions
            .as_ref()
            .is_some_and(|d| d.discussed_with.is_some()),
        s.screening.status == Status::Complete,
    ];
    held.iter().take_while(|h| **h).count()
}

/// The keys that answer `WALK[k]` when resuming `saved`: an answer already in the file is
/// shown selected or filled in, so it is kept with Enter rather than typed again.
fn keys_on_resume(k: usize, saved: &cse_screen::answers::Screening) -> &'static str {
    let missing = saved.answers.get("missing");
    let kept = match k {
        // A choice already answered opens on that answer.
        5 => saved.profile.get("looked_after").is_some(),
        6 => missing.is_some(),
        8 => missing.is_some_and(|e| e.basis.is_some()),
        11 => saved.answers.get("unexplained_gifts").is_some(),
        7 => missing.is_some_and(|e| !e.windows.is_empty()),
        14 => saved
            .decisions
            .as_ref()
            .is_some_and(|d| d.discussed_with.is_some()),
        9 => missing.is_some_and(|e| e.note.is_some()),
        10 => missing.is_some_and(|e| e.follow_up.contains_key("episodes")),
        _ => false,
    };
    if kept { "\r" } else { WALK[k].keys }
}

/// Where to kill: after typing part of step `at`'s keys, or all of them (Enter included,
/// without waiting for the save to finish).
#[derive(Debug, Clone, Copy)]
enum Kill {
    MidAnswer(usize),
    JustAfterEnter(usize),
}

/// `n` kill points from a fixed seed (xorshift), so every run kills at the same places.
fn kill_points(mut seed: u64, n: usize) -> Vec<Kill> {
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..n)
        .map(|_| {
            let at = usize::try_from(next() % (WALK.len() as u64 - 1)).unwrap();
            if next() % 2 == 0 {
                Kill::MidAnswer(at)
            } else {
                Kill::JustAfterEnter(at)
            }
        })
        .collect()
}

/// The file a whole screening without interruption saves, for comparison.
fn uninterrupted(q: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = Screen::spawn(
        dir.path(),
        &["--questionnaire", q, "--output", "screening.yaml"],
    );
    for st in &WALK {
        s.at(st.prompt, st.keys);
    }
    assert_eq!(s.exit_code(), 0);
    std::fs::read_to_string(dir.path().join("screening.yaml")).expect("read")
}

/// Kills `screen` at `kill`, then checks what is on disk and resumes it to the end.
fn kill_and_resume(q: &str, kill: Kill, reference: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = Screen::spawn(
        dir.path(),
        &["--questionnaire", q, "--output", "screening.yaml"],
    );
    let (at, complete_steps) = match kill {
        Kill::MidAnswer(at) | Kill::JustAfterEnter(at) => {
            for st in &WALK[..at] {
                s.at(st.prompt, st.keys);
            }
            match kill {
                // Half the keys without Enter: half a word, or one of two arrows.
                Kill::MidAnswer(_) => {
                    let keys = WALK[at].keys.trim_end_matches('\r');
                    let half = if keys.starts_with('\x1b') {
                        keys.len().div_ceil(2).min(3)
                    } else {
                        keys.char_indices()
                            .nth(keys.chars().count() / 2)
                            .map_or(0, |(i, _)| i)
                    };
                    s.at(WALK[at].prompt, &keys[..half]);
                    (at, at)
                }
                Kill::JustAfterEnter(_) => {
                    s.at(WALK[at].prompt, WALK[at].keys);
                    (at, at + 1)
                }
            }
        }
    };
    s.p.process_mut().signal(Signal::SIGKILL).expect("kill");
    let _ = s.p.process().wait();

    let path = dir.path().join("screening.yaml");
    // Anything else left is a temporary file of a save the kill interrupted: hidden, and
    // never mistaken for a screening.
    for e in std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
    {
        let name = e.file_name().to_string_lossy().into_owned();
        assert!(
            name == "screening.yaml"
                || name == ".screening.yaml.lock"
                || (name.starts_with(".cse-screen-") && name.ends_with(".tmp")),
            "{kill:?}: unexpected {name}"
        );
    }
    if !path.exists() {
        // Nothing is saved before the case reference and date name the file.
        assert!(
            complete_steps <= 2,
            "{kill:?}: no file after {complete_steps} answers"
        );
        return;
    }
    let saved = read(&path);
    assert_eq!(mode(&path), 0o600, "{kill:?}");
    let given = WALK[..complete_steps]
        .iter()
        .filter(|st| st.records)
        .count();
    let held = recorded(&saved);
    assert!(
        held + 1 >= given,
        "{kill:?}: {given} answers given, the file holds {held}"
    );

    // --resume asks from where the file stops and ends with the same file as no kill.
    let mut s = Screen::spawn(
        dir.path(),
        &["--resume", "screening.yaml", "--questionnaire", q],
    );
    // A question is drawn as `? prompt`; the review's list of answers quotes prompts too.
    let prompts: Vec<ReadUntil> = WALK
        .iter()
        .map(|st| ReadUntil::String(format!("? {}", st.prompt)))
        .collect();
    let (_, first) = s.p.exp_any(prompts).expect("a question");
    let from = WALK
        .iter()
        .position(|st| first.ends_with(st.prompt))
        .expect("a known prompt");
    assert!(from <= at + 1, "{kill:?}: resumed at step {from}");
    s.p.exp_string("ctrl-c save and stop]").expect("drawn");
    s.p.send(keys_on_resume(from, &saved)).expect("send");
    s.p.flush().expect("flush");
    for (k, st) in WALK.iter().enumerate().skip(from + 1) {
        s.at(st.prompt, keys_on_resume(k, &saved));
    }
    let code = s.exit_code();
    assert_eq!(
        code, 0,
        "{kill:?}: the resumed screening ended with\n{}",
        s.tail
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        reference,
        "{kill:?}: the resumed screening differs from one never interrupted"
    );
}

#[test]
fn sigkill_at_random_points_never_loses_more_than_the_answer_being_given() {
    let q = example();
    let q = q.to_str().unwrap();
    let reference = uninterrupted(q);
    let points = kill_points(0x5eed_000f, 6);
    println!("kill points: {points:?}");
    for kill in points {
        kill_and_resume(q, kill, &reference);
    }
}

// ---- A save that fails --------------------------------------------------------------------

/// `screen ARGS` in `dir` through `sh`, with SIGXFSZ ignored and the file-size limit at 0:
/// every write of a byte fails (EFBIG), for root too, as a full disk would. Reading works.
fn spawn_unable_to_write(dir: &Path, args: &str) -> Screen {
    let mut cmd = Command::new("sh");
    cmd.arg("-c").arg(format!(
        "trap '' XFSZ; ulimit -f 0; exec '{}' screen {args}",
        env!("CARGO_BIN_EXE_cse-screen")
    ));
    Screen::of(cmd, dir)
}

/// A screening stopped with Ctrl-C after the profile, in a fresh folder.
fn stopped_after_the_profile(q: &str) -> (tempfile::TempDir, Vec<u8>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = Screen::spawn(
        dir.path(),
        &["--questionnaire", q, "--output", "screening.yaml"],
    );
    for st in &WALK[..6] {
        s.at(st.prompt, st.keys);
    }
    s.at(WALK[6].prompt, "");
    s.p.send_control('c').expect("ctrl-c");
    assert_eq!(s.exit_code(), 130);
    let saved = std::fs::read(dir.path().join("screening.yaml")).expect("saved");
    (dir, saved)
}

#[test]
fn a_save_that_fails_leaves_the_file_as_it_was_and_says_so() {
    let q = example();
    let q = q.to_str().unwrap();
    let (dir, before) = stopped_after_the_profile(q);
    let mut s = spawn_unable_to_write(
        dir.path(),
        &format!("--resume screening.yaml --questionnaire '{q}'"),
    );
    s.at(WALK[6].prompt, WALK[6].keys)
        .expect("screening.yaml: the last answer could not be saved: the file would be larger than this system allows")
        .expect("help: screening.yaml was not changed: it holds every answer before that one")
        .expect("cse-screen screen --resume screening.yaml");
    assert_eq!(s.exit_code(), 1);
    assert_eq!(
        std::fs::read(dir.path().join("screening.yaml")).expect("read"),
        before
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["screening.yaml"],
        "the failed temporary file is removed"
    );
    // And once writing works again, the screening carries on from the same place.
    let mut s = Screen::spawn(
        dir.path(),
        &["--resume", "screening.yaml", "--questionnaire", q],
    );
    for st in &WALK[6..] {
        s.at(st.prompt, st.keys);
    }
    assert_eq!(s.exit_code(), 0);
    assert_eq!(
        read(&dir.path().join("screening.yaml")).screening.status,
        Status::Complete
    );
}

/// Whether this process writes whatever the permission bits say (root, or a capability):
/// writing into `dir`, made read-only for the probe, succeeds.
fn writes_past_permissions(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(dir)
        .expect("metadata")
        .permissions()
        .mode();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let probe = dir.join(".probe");
    let writable = std::fs::write(&probe, "x").is_ok();
    if writable {
        std::fs::remove_file(&probe).expect("remove the probe");
    }
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode)).expect("chmod back");
    writable
}

#[test]
fn a_save_into_a_read_only_folder_fails_the_same_way() {
    use std::os::unix::fs::PermissionsExt;
    let q = example();
    let q = q.to_str().unwrap();
    let (dir, before) = stopped_after_the_profile(q);
    // Root writes into a read-only folder: then run the binary as `nobody`, the owner of the
    // folder and the screening, so the permission bits hold as for a practitioner. The
    // binary and questionnaire it runs are kept in `reachable` until the end of the test.
    let reachable = writes_past_permissions(dir.path()).then(|| {
        for path in [dir.path().to_path_buf(), dir.path().join("screening.yaml")] {
            std::os::unix::fs::chown(&path, Some(NOBODY), Some(NOBODY)).expect("chown");
        }
        reachable_by_nobody(&[&example()])
    });
    let (mut cmd, q) = match &reachable {
        Some(r) => (
            as_nobody(r.path()),
            r.path()
                .join("questionnaire-minimal.yaml")
                .display()
                .to_string(),
        ),
        None => (Command::new(env!("CARGO_BIN_EXE_cse-screen")), q.to_owned()),
    };
    cmd.args([
        "screen",
        "--resume",
        "screening.yaml",
        "--questionnaire",
        &q,
    ]);
    let mut s = Screen::of(cmd, dir.path());
    // The folder turns read-only once the screening is open (and locked): a folder that is
    // read-only from the start is refused before the first question (`tests/store.rs`).
    s.expect(WALK[6].prompt).expect("ctrl-c save and stop]");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).expect("chmod");
    s.p.send(WALK[6].keys).expect("send");
    s.p.flush().expect("flush");
    s.expect("screening.yaml: the last answer could not be saved: the folder cannot be written to")
        .expect("help: screening.yaml was not changed");
    assert_eq!(s.exit_code(), 1);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    assert_eq!(
        std::fs::read(dir.path().join("screening.yaml")).expect("read"),
        before
    );
}

/// A screening stopped after the profile, then given (as by hand, or by another tool) a yes
/// to `missing` whose note is `note`, its follow-up still to ask: resuming it asks the
/// indicator again with the note.
fn saved_with_a_note(q: &str, note: &str) -> tempfile::TempDir {
    use cse_screen::answers::{AnswerEntry, Basis};
    use cse_screen::engine::Answer;
    let (dir, _) = stopped_after_the_profile(q);
    let path = dir.path().join("screening.yaml");
    let mut saved = read(&path);
    let mut missing = AnswerEntry::new(Answer::Yes);
    missing.windows = vec!["recent".to_owned()];
    missing.basis = Some(Basis::Evidence);
    missing.note = Some(note.to_owned());
    saved.answers.set("missing", missing);
    let text = cse_screen::store::to_yaml(&saved).expect("yaml");
    std::fs::write(&path, text).expect("write");
    assert_eq!(
        read(&path)
            .answers
            .get("missing")
            .and_then(|e| e.note.as_deref()),
        Some(note)
    );
    dir
}

/// Resumes `dir`'s screening up to its note, and returns what was drawn from the basis's
/// answer to the end of the note prompt's key hint (line ends as `\n`).
fn resume_to_the_note(dir: &Path, q: &str) -> (Screen, String) {
    let mut s = Screen::spawn(dir, &["--resume", "screening.yaml", "--questionnaire", q]);
    s.at("Has the child been missing from home or care?", "\r")
        .at("When? Tick every time window that applies", "\r")
        .at("What is this based on?", "\r");
    // This prompt's key hint is longer, and a terminal may fold it anywhere before "stop]".
    let drawn =
        s.p.exp_string("stop]")
            .expect("the note's prompt")
            .replace("\r\n", "\n");
    (s, drawn)
}

/// Stops at the follow-up after the note (the note is saved by then) and returns the note.
fn note_after_stopping(mut s: Screen, dir: &Path) -> Option<String> {
    s.at("How many episodes are known?", "");
    s.p.send_control('c').expect("ctrl-c");
    assert_eq!(s.exit_code(), 130);
    let saved = read(&dir.join("screening.yaml"));
    let missing = saved.answers.get("missing").expect("answered");
    assert_eq!(missing.windows, ["recent"]);
    missing.note.clone()
}

#[test]
fn a_saved_note_with_a_line_break_is_shown_as_written_and_enter_keeps_it_byte_for_byte() {
    let q = example();
    let q = q.to_str().unwrap();
    let note = "Seen on Monday.\nSeen again on Wednesday.";
    let dir = saved_with_a_note(q, note);
    let (mut s, drawn) = resume_to_the_note(dir.path(), q);
    // Shown as the record shows it, on its own lines above an empty box, never as `\n`.
    let words = crate::common::one_line(&drawn);
    assert!(
        words.contains(
            "it has more than one line, so it is not put in the box to edit. Enter keeps it \
             exactly as saved; typing replaces it. Seen on Monday. Seen again on Wednesday."
        ),
        "{drawn}"
    );
    assert!(
        drawn.contains("\n  Seen on Monday.\n  Seen again on Wednesday.\n"),
        "{drawn}"
    );
    assert!(!drawn.contains("Monday.\\n"), "{drawn}");
    assert!(words.contains("[enter keeps it as saved"), "{drawn}");
    s.p.send("\r").expect("enter");
    s.p.flush().expect("flush");
    assert_eq!(note_after_stopping(s, dir.path()).as_deref(), Some(note));
}

#[test]
fn typing_at_a_saved_note_with_a_line_break_saves_exactly_what_was_typed() {
    let q = example();
    let q = q.to_str().unwrap();
    let dir = saved_with_a_note(q, "Seen on Monday.\nSeen again\u{200b} on Wednesday.");
    let (mut s, drawn) = resume_to_the_note(dir.path(), q);
    s.p.send("Seen on Monday and on Wednesday. Extra.\r")
        .expect("type");
    s.p.flush().expect("flush");
    // Replaced whole: never joined to the saved note or its escaped form.
    assert_eq!(
        note_after_stopping(s, dir.path()).as_deref(),
        Some("Seen on Monday and on Wednesday. Extra.")
    );
    // The saved note was shown on its own lines, the zero-width space escaped.
    assert!(
        drawn.contains("\n  Seen on Monday.\n  Seen again\\u{200b} on Wednesday.\n"),
        "{drawn}"
    );
}

/// `score FILE` on a terminal ends with the same block as `screen`, made to fit the screen:
/// at 60 x 20, with the 14 routes of a child missing now, the 999 line and the first routes
/// stay in view (found in review: the block ran past the top, and 999 with it).
#[test]
fn score_on_a_small_terminal_keeps_the_999_line_in_view() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/answers/oxfordshire-24-fifteen-missing-now-with-controlling-adult.yaml");
    let block = last_screen_of_score(&file, 60, 20);
    assert!(block.contains("1. Immediate danger - call 999"), "{block}");
}

/// Found in review: a "Discussed with" of 1,600 characters, or sixty actions agreed, pushed
/// the 999 line and the level off a 24-row screen. Both give way now, said so.
#[test]
fn score_keeps_the_999_line_in_view_with_a_long_discussion_and_many_actions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(
            "examples/answers/oxfordshire-24-fifteen-missing-now-with-controlling-adult.yaml",
        ))
        .expect("example");
    let long = "the designated safeguarding lead and the team manager ".repeat(30);
    let actions: String = (1..=60)
        .map(|i| {
            format!(
                "    - {{action: \"Fictional action {i}\", owner: G. Example, due: 2026-11-30}}\n"
            )
        })
        .collect();
    let text = text.replacen(
        "  discussed_with: Designated safeguarding lead\n",
        &format!("  discussed_with: \"{}\"\n", long.trim()),
        1,
    );
    let text = text.replacen("  actions:\n", &format!("  actions:\n{actions}"), 1);
    assert!(text.contains("Fictional action 60") && text.contains("team manager the"));
    let file = dir.path().join("EX-long.yaml");
    std::fs::write(&file, text).expect("write");
    for (cols, rows) in [(80, 24), (60, 20)] {
        let block = last_screen_of_score(&file, cols, rows);
        assert!(block.contains("Level: High"), "{cols}x{rows}:\n{block}");
        assert!(
            block.contains("more actions: every one is in the record"),
            "{cols}x{rows}:\n{block}"
        );
        assert!(
            block
                .lines()
                .filter(|l| l.starts_with("Discussed with:"))
                .count()
                == 1
                && !block.contains("team manager the designated"),
            "{cols}x{rows}: the discussion on one row:\n{block}"
        );
    }
}

/// The last block `score FILE` prints on a terminal of `cols` x `rows`, checked to fit above
/// the shell's prompt with the 999 line in it.
fn last_screen_of_score(file: &Path, cols: usize, rows: usize) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!(
            "stty cols {cols} rows {rows} && COLUMNS={cols} LINES={rows} exec \"$0\" \"$@\""
        ))
        .arg(env!("CARGO_BIN_EXE_cse-screen"))
        .args(["score", "--format", "table"])
        .arg(file);
    let mut s = Screen::of(cmd, dir.path());
    let output = s.p.exp_eof().expect("the program ends");
    let bytes: Vec<u8> = output.chars().map(|c| c as u32 as u8).collect();
    let output = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
    let start = output
        .rfind("WHAT TO DO NOW")
        .or_else(|| output.rfind("IMMEDIATE DANGER:"));
    let block = &output[start.expect("the block is printed")..];
    let lines: Vec<&str> = block.lines().collect();
    // The rows the terminal shows them on: a file name wider than it is folded.
    let shown: usize = lines
        .iter()
        .map(|l| l.chars().count().div_ceil(cols).max(1))
        .sum();
    assert!(shown < rows, "{shown} rows:\n{block}");
    assert!(
        lines.iter().any(|l| l.starts_with("IMMEDIATE DANGER:")),
        "{block}"
    );
    block.to_owned()
}
