//! A test that the pure modules stay pure: `src/engine/`, `src/history.rs`,
//! `src/caseload.rs` and `src/pseudonym.rs` import no
//! renderer, command or interview, and no I/O, process, network or environment.
//!
//! Kept outside those modules, since it names what they must not, and reads files itself.

/// What the pure modules must not name: the renderers, the commands, the interview, and
/// the standard library's I/O, processes, network and environment.
const FORBIDDEN: [&str; 8] = [
    "crate::report",
    "crate::app",
    "crate::interview",
    "std::io",
    "std::fs",
    "std::process",
    "std::net",
    "std::env",
];

/// Every `.rs` file under src/engine/, and src/history.rs, with its text.
fn pure_files() -> Vec<(std::path::PathBuf, String)> {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = vec![
        src.join("history.rs"),
        src.join("caseload.rs"),
        src.join("pseudonym.rs"),
    ];
    let engine = std::fs::read_dir(src.join("engine"))
        .unwrap_or_else(|e| panic!("src/engine: {e}"))
        .map(|e| {
            e.map(|e| e.path())
                .unwrap_or_else(|e| panic!("src/engine: {e}"))
        })
        .filter(|p| p.extension().is_some_and(|x| x == "rs"));
    paths.extend(engine);
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text =
                std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p, text)
        })
        .collect()
}

/// The forbidden names in `text`, with their line numbers: written as a path (`std::io`,
/// `std::io::Write`, `crate::report::result`) or in a group (`use std::{fs, io};`).
fn offences(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        for name in FORBIDDEN {
            if line.contains(name) {
                found.push(format!("line {}: {name}", n + 1));
            }
        }
        // `use std::{fs, io};` and `use crate::{app, report};` name them without a path.
        for (root, names) in [
            ("std::{", &["io", "fs", "process", "net", "env"][..]),
            ("crate::{", &["report", "app", "interview"][..]),
        ] {
            if let Some(i) = line.find(root) {
                let group = &line[i + root.len()..];
                let group = group.split('}').next().unwrap_or(group);
                for part in group.split(',') {
                    let head = part.trim().split("::").next().unwrap_or("");
                    if names.contains(&head) {
                        found.push(format!("line {}: {root}{head}", n + 1));
                    }
                }
            }
        }
    }
    found
}

#[test]
fn the_engine_and_history_import_no_renderer_command_or_io() {
    let files = pure_files();
    assert!(
        files.len() >= 5,
        "expected src/history.rs and the engine's files, found {files:?}"
    );
    let mut bad = Vec::new();
    for (path, text) in &files {
        for o in offences(text) {
            bad.push(format!("{}: {o}", path.display()));
        }
    }
    assert!(
        bad.is_empty(),
        "pure modules must stay pure:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_purity_check_finds_what_it_looks_for() {
    for line in [
        "use crate::report::result::review_due;",
        "    let x = crate::app::run();",
        "use std::io::Write;",
        "use std::{collections::BTreeMap, fs};",
        "use crate::{engine, interview::Interview};",
        "let v = std::env::var(\"X\");",
    ] {
        assert!(!offences(line).is_empty(), "{line}");
    }
    for line in [
        "use std::collections::BTreeMap;",
        "use crate::questionnaire::Questionnaire;",
        "use crate::{answers, engine};",
    ] {
        assert!(offences(line).is_empty(), "{line}");
    }
}
