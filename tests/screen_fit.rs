//! What a person sees, not just what was written: the real binary in a pseudo-terminal of
//! 60x20 and 100x40, its output run through a terminal emulator (vt100), so that the test
//! reads the screen as it stands. The Oxfordshire questionnaire at its highest level (12
//! routes) is the hardest case for a small screen: the review keeps the selected answer in
//! view, no line is folded by the terminal (which would split a word), and the last screen
//! holds the 999 line, every route with its number, and the command that prints the record.

use std::num::NonZeroU16;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use rexpect::session::{PtySession, spawn_command};

const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";
const ESC: &str = "\x1b";

/// Rows enough for a whole session without scrolling.
const TALL: u16 = 3000;

/// The key hint every prompt ends with; its end is the same at any width.
const HINT_END: &str = "stop]";

struct Term {
    p: PtySession,
    /// The screen as it stands.
    vt: vt100::Parser,
    /// The same output on a screen tall enough never to scroll: the whole session, for the
    /// check that no line anywhere was folded.
    all: vt100::Parser,
    cols: u16,
}

impl Term {
    /// `cse-screen ARGS` in `dir`, in a terminal of `cols` x `rows`, without colour.
    fn spawn(dir: &Path, cols: u16, rows: u16, args: &[&str]) -> Term {
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(format!(
                "stty cols {cols} rows {rows} && exec \"$0\" \"$@\""
            ))
            .arg(env!("CARGO_BIN_EXE_cse-screen"))
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .env_remove("COLUMNS")
            .env_remove("LINES");
        let size = |n: u16| NonZeroU16::new(n).expect("a size");
        Term {
            p: spawn_command(cmd, Some(15_000)).expect("spawn in a pty"),
            vt: vt100::Parser::new(size(rows), size(cols), 0),
            all: vt100::Parser::new(size(TALL), size(cols), 0),
            cols,
        }
    }

    /// Feeds what rexpect read (one char per byte) to the emulator.
    fn feed(&mut self, read: &str) {
        let bytes: Vec<u8> = read.chars().map(|c| c as u32 as u8).collect();
        self.vt.process(&bytes);
        self.all.process(&bytes);
    }

    /// Reads until `text`, then until the prompt's hint is drawn, and then whatever else
    /// arrives within a moment (the rest of the frame).
    fn wait_for(&mut self, text: &str) {
        for needle in [text, HINT_END] {
            let before = self
                .p
                .exp_string(needle)
                .unwrap_or_else(|e| panic!("waiting for {needle:?}: {e}\n{}", self.screen()));
            self.feed(&before);
            self.feed(needle);
        }
        self.settle();
    }

    /// Reads what arrives until the program has been quiet for a moment.
    fn settle(&mut self) {
        let mut quiet = Instant::now();
        let mut got = String::new();
        while quiet.elapsed() < Duration::from_millis(300) {
            match self.p.try_read() {
                Some(c) => {
                    got.push(c);
                    quiet = Instant::now();
                }
                None => std::thread::sleep(Duration::from_millis(10)),
            }
        }
        self.feed(&got);
    }

    fn send(&mut self, keys: &str) {
        self.p.send(keys).expect("send");
        self.p.flush().expect("flush");
    }

    /// Sends `keys` one at a time, each after the screen has settled.
    fn press(&mut self, key: &str, times: usize) {
        for _ in 0..times {
            self.send(key);
            self.settle();
        }
    }

    fn screen(&self) -> String {
        self.vt
            .screen()
            .rows(0, self.cols)
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The rows of the whole session the terminal folded because a line was wider than it:
    /// each is a word or a number split at the edge of the screen. A file name or a command
    /// kept whole for copying may be folded; nothing else.
    fn folded_rows(&self) -> Vec<String> {
        let screen = self.all.screen();
        let rows: Vec<String> = screen.rows(0, self.cols).collect();
        (0..TALL)
            .filter(|&r| screen.row_wrapped(r))
            .map(|r| rows[usize::from(r)].clone())
            .filter(|row| !row.trim_start().starts_with("cse-screen "))
            .collect()
    }

    /// Reads to the end, then checks the program ended well.
    fn finish(&mut self) {
        let rest = self.p.exp_eof().expect("the program ends");
        self.feed(&rest);
    }
}

/// The Oxfordshire High example, every answer given but not yet finished, with no
/// discussion recorded: resuming it goes straight to the review.
fn high_in_progress(dir: &Path) {
    let example = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/answers/oxfordshire-11-high-by-score.yaml");
    let text = std::fs::read_to_string(example).expect("example");
    let text = text.replace("status: complete", "status: in_progress");
    let text = text.split("\ndecisions:").next().expect("answers");
    std::fs::write(dir.join("h.yaml"), format!("{text}\n")).expect("write");
}

/// The selected option of a list on screen: drawn after "> ", its later lines indented
/// by four spaces (a new option starts after two).
fn selected(screen: &str) -> Option<String> {
    let rows: Vec<&str> = screen.lines().collect();
    let at = rows.iter().position(|r| r.starts_with("> "))?;
    let mut text = rows[at][2..].trim_end().to_owned();
    for r in rows[at + 1..].iter().take_while(|r| r.starts_with("    ")) {
        text.push(' ');
        text.push_str(r.trim());
    }
    Some(text)
}

fn the_review_and_the_last_screen_fit(cols: u16, rows: u16) {
    let dir = tempfile::tempdir().expect("tempdir");
    high_in_progress(dir.path());
    let mut t = Term::spawn(dir.path(), cols, rows, &["screen", "--resume", "h.yaml"]);

    // The review: a short list of sections, then a section's answers.
    t.wait_for("Review the answers: choose a section");
    // Finish, the case details, about the child, then the sections (the first, "Right now",
    // since 2.7.0).
    t.press(DOWN, 4);
    assert_eq!(
        selected(&t.screen()).as_deref(),
        Some("Significant indicators: 2 yes, 13 no"),
        "{}",
        t.screen()
    );
    t.send("\r");
    t.wait_for("Significant indicators: choose an answer");
    // Down to the last of its 15 answers, one key at a time: the selected answer and the
    // question stay on screen all the way.
    for k in 0..14 {
        t.press(DOWN, 1);
        let screen = t.screen();
        assert!(
            screen.contains("? Significant indicators: choose an answer"),
            "the question scrolled away after {} keys:\n{screen}",
            k + 1
        );
        assert!(
            selected(&screen).is_some(),
            "no selected answer on screen:\n{screen}"
        );
        assert!(screen.trim_end().ends_with(HINT_END), "{screen}");
    }
    let last = selected(&t.screen()).expect("selected");
    // Open it: the question asked is the one that was selected; Enter keeps its answer.
    t.send("\r");
    let question = last.split(" [").next().expect("a question").to_owned();
    let start: String = question.chars().take(20).collect();
    t.wait_for(&start);
    t.send("\r");
    t.wait_for("Unchanged:");
    t.send(ESC);
    t.wait_for("Review the answers: choose a section");
    t.press(UP, 4);
    t.send("\r");
    t.wait_for("Does it match your");
    t.send("\r");
    t.wait_for("Who was this discussed with?");
    t.send("Team manager\r");
    t.wait_for("Actions agreed");
    t.send(&format!("{DOWN}\r"));
    t.wait_for("? Action");
    t.send("Refer to the MASH today and ask for a strategy meeting\r");
    t.wait_for("? Owner");
    t.send("C. Example\r");
    t.wait_for("? Due date");
    t.send("2026-11-25\r");
    t.wait_for("Done: show the result");
    t.send("\r");
    t.finish();

    let screen = t.screen();
    let folded = t.folded_rows();
    assert!(
        folded.is_empty(),
        "lines folded by the terminal (each a word split) at {cols}x{rows}: {folded:#?}"
    );
    let lines: Vec<&str> = screen.lines().collect();
    // The immediate-danger line, with the rows that continue it (indented).
    let danger: Vec<&str> = lines
        .iter()
        .skip_while(|l| !l.starts_with("IMMEDIATE DANGER:"))
        .enumerate()
        .take_while(|(i, l)| *i == 0 || l.starts_with("  "))
        .map(|(_, l)| *l)
        .collect();
    assert!(
        danger.concat().contains("999"),
        "no 999 line on the last screen at {cols}x{rows}:\n{screen}"
    );
    // Thirteen routes since 2.8.0 (the child has a social worker): each is listed, or, where
    // the screen is too short, the least urgent are counted on one line ("12-13: 2 more
    // routes, in the list above").
    for n in 1..=13 {
        assert!(
            lines.iter().any(|l| l.starts_with(&format!("{n}. ")))
                || lines.iter().any(|l| {
                    l.split_once(": ").is_some_and(|(range, rest)| {
                        rest.contains("more routes")
                            && range.split_once('-').is_some_and(|(a, b)| {
                                a.parse::<u32>().is_ok_and(|a| a <= n)
                                    && b.parse::<u32>().is_ok_and(|b| b >= n)
                            })
                    })
                }),
            "route {n} is not on the last screen at {cols}x{rows}:\n{screen}"
        );
    }
    assert!(
        lines.iter().any(|l| l.starts_with("11. ")),
        "at least 11 routes are listed at {cols}x{rows}:\n{screen}"
    );
    assert!(
        screen.contains("Level: High (score 14)"),
        "no level on the last screen:\n{screen}"
    );
    assert!(
        screen.contains("cse-screen report h.yaml"),
        "no record command on the last screen:\n{screen}"
    );
    assert!(screen.contains("C. Example, by 2026-11-25"), "{screen}");
    // The review date stays in the last block where there is room; at 60x20 it gives way
    // to the routes (the review line above the block has it).
    assert_eq!(
        screen.contains("Review by: "),
        rows >= 40,
        "the review line at {cols}x{rows}:\n{screen}"
    );
}

#[test]
fn at_60x20_the_review_keeps_the_selected_answer_in_view_and_the_end_says_what_to_do() {
    the_review_and_the_last_screen_fit(60, 20);
}

#[test]
fn at_100x40_the_review_keeps_the_selected_answer_in_view_and_the_end_says_what_to_do() {
    the_review_and_the_last_screen_fit(100, 40);
}
