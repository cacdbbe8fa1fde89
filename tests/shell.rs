//! At home in the shell: completion scripts and the manual page, pinned by snapshots, and
//! `--version` naming the bundled questionnaires.

use crate::common::{cse, stdout_of};
use predicates::prelude::*;

#[test]
fn completion_scripts_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(&["completions", shell]);
        // Every command can be completed.
        for command in [
            "screen", "score", "explain", "report", "history", "caseload", "validate", "man",
        ] {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
        insta::assert_snapshot!(format!("completions_{shell}"), script);
    }
}

#[test]
fn the_bash_completion_script_is_valid_bash() {
    let script = stdout_of(&["completions", "bash"]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cse-screen.bash");
    std::fs::write(&path, script).unwrap();
    // bash is on every machine that runs these tests (and CI's); without it the check would
    // not run, so that is a failure, not a pass.
    let status = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .status()
        .unwrap_or_else(|e| panic!("bash is needed to check the completion script: {e}"));
    assert!(status.success(), "bash -n rejected the completion script");
}

#[test]
fn the_manual_page() {
    let man = stdout_of(&["man"]);
    assert!(man.contains(".TH cse-screen 1"), "{man}");
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH DESCRIPTION",
        ".SH SUBCOMMANDS",
    ] {
        assert!(man.contains(section), "{section}");
    }
    insta::assert_snapshot!(man);
}

#[test]
fn every_command_has_its_own_manual_page() {
    for command in [
        "screen",
        "score",
        "explain",
        "report",
        "history",
        "caseload",
        "validate",
        "questionnaires",
        "show",
        "completions",
        "man",
    ] {
        let page = stdout_of(&["man", command]);
        assert!(
            page.contains(&format!(".TH cse-screen-{command} 1")),
            "{command}: {page}"
        );
        assert!(page.contains(".SH OPTIONS"), "{command}");
    }
    insta::assert_snapshot!(stdout_of(&["man", "score"]));
    cse()
        .args(["man", "scores"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pages exist for: screen, score"));
}

#[test]
fn version_names_the_bundled_questionnaires() {
    cse().arg("--version").assert().code(0).stdout(
        predicate::str::starts_with(concat!("cse-screen ", env!("CARGO_PKG_VERSION"), "\n"))
            .and(predicate::str::contains(
                "oxfordshire-cse 2.8.0 (the default)",
            ))
            .and(predicate::str::contains("national-cse 2.8.0")),
    );
    cse().arg("-V").assert().code(0).stdout(concat!(
        "cse-screen ",
        env!("CARGO_PKG_VERSION"),
        "\n"
    ));
}

#[test]
fn a_bad_shell_is_a_usage_error_that_lists_the_shells() {
    cse()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bash").and(predicate::str::contains("fish")));
}

#[test]
fn color_follows_the_flag_and_no_color() {
    let stderr = |args: &[&str], no_color: bool| {
        let mut cmd = cse();
        if !no_color {
            cmd.env_remove("NO_COLOR");
        }
        let out = cmd.args(args).assert().code(2).get_output().stderr.clone();
        String::from_utf8(out).unwrap()
    };
    // A usage error, drawn by clap.
    assert!(stderr(&["--color", "always", "scor"], true).contains("\u{1b}["));
    assert!(stderr(&["scor", "--color=always"], false).contains("\u{1b}["));
    assert!(!stderr(&["--color", "never", "scor"], false).contains('\u{1b}'));
    // Not a terminal, and NO_COLOR set: no colour either way for auto.
    assert!(!stderr(&["scor"], true).contains('\u{1b}'));
}

#[test]
fn quiet_leaves_only_results_warnings_and_errors() {
    let root = env!("CARGO_MANIFEST_DIR");
    let folder = format!("{root}/examples/answers");
    cse()
        .args(["score", "--format", "csv", &folder])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("scored"));
    cse()
        .args(["score", "--quiet", "--format", "csv", &folder])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("file,case_reference"))
        .stderr("");
    let dir = tempfile::tempdir().unwrap();
    cse()
        .args(["report", "--quiet", "-o"])
        .arg(dir.path().join("r.md"))
        .arg(format!(
            "{root}/examples/answers/oxfordshire-02-significant-long-ago.yaml"
        ))
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
    assert!(dir.path().join("r.md").exists());
}
