//! The binary as a whole: help with the exit codes, usage errors, the same bytes every time,
//! and `screen` refusing at once without a terminal.

use crate::common::cse;
use predicates::prelude::*;

#[test]
fn output_is_the_same_bytes_every_time() {
    // Each run must succeed and print the questionnaire: two failed runs would print the
    // same (nothing) too.
    let show = || {
        let out = cse().arg("show").output().expect("run");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stdout
                .starts_with(b"Oxfordshire child exploitation screening (sexual and criminal)"),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        out.stdout
    };
    assert_eq!(show(), show());
}

#[test]
fn help_documents_the_exit_codes() {
    cse()
        .arg("--help")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "65   a questionnaire or answers file is invalid",
        ))
        .stdout(predicate::str::contains("it does not decide"));
}

#[test]
fn a_usage_error_exits_2() {
    cse().arg("frobnicate").assert().code(2);
}

#[test]
fn screen_without_a_terminal_refuses_at_once_and_points_to_score() {
    let started = std::time::Instant::now();
    cse()
        .arg("screen")
        .pipe_stdin("/dev/null")
        .expect("/dev/null")
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .code(3)
        .stdout("")
        .stderr("error: `screen` asks questions and needs a terminal, but standard input is not one\n  help: to score a saved screening without a terminal, use `cse-screen score FILE`;\n        to answer from a file of replies, use `cse-screen screen --plain < replies.txt`\n");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
}
