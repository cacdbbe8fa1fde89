//! Per-file cost of reading answers files, single thread, files already in memory.
//!
//! `cargo bench --bench per_file -- DIR` reads every `.yaml` and `.json` file of DIR (for
//! example a folder written by `scripts/bench-peer.sh`) into memory, then times, per file:
//! - YAML: the parser's events alone (granit-parser, nothing kept), the quick reader for
//!   plain YAML, serde-saphyr into `Screening`, and all of `score`'s per-file work for a CSV
//!   row once the file is read (parse, check, wording check, score a summary, render the
//!   row, free it);
//! - JSON: serde_json into `Screening`, and all of the per-file work.
//!
//! Each is the best of five passes over all files, in microseconds per file. Issue 21 asks
//! that YAML's per-file work stay within 1.5x of the parser's event time. Not part of CI.

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use cse_screen::answers::Format;
use cse_screen::answers::Screening;
use cse_screen::batch::FileResult;
use cse_screen::engine::Detail;
use cse_screen::input;
use cse_screen::language::Phrases;
use cse_screen::report::batch as render;
use cse_screen::screening::{self, Catalogue, Options};
use serde_saphyr::granit_parser::Parser;

fn main() {
    let Some(dir) = std::env::args().skip(1).find(|a| !a.starts_with('-')) else {
        eprintln!("usage: cargo bench --bench per_file -- DIR");
        return;
    };
    let (yaml, json) = match load(Path::new(&dir)) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("cannot read {dir}: {e}");
            return;
        }
    };
    let Ok(catalogue) = Catalogue::new(None) else {
        eprintln!("the bundled questionnaires do not load");
        return;
    };
    let options = || Options {
        language: Some(Phrases::Bundled),
        detail: Detail::Summary,
        ..Options::default()
    };
    // What `score --format csv` does with a file's text: score it, render its row, free it.
    let one = |text: &str, format: Format| {
        let outcome = screening::from_text("x".to_owned(), text, format, &catalogue, options());
        let result = FileResult {
            file: "x".to_owned(),
            outcome,
        };
        black_box(render::csv_record(&result));
    };
    // Warm up: the questionnaires and the phrase list are read on first use.
    if let Some(text) = yaml.first() {
        one(text, Format::Yaml);
    }
    if let Some(text) = json.first() {
        one(text, Format::Json);
    }

    println!(
        "{:<44} {:>10}",
        "per file, one thread, in memory", "µs/file"
    );
    if !yaml.is_empty() {
        println!("YAML: {} files", yaml.len());
        let events = time(&yaml, |t| {
            let mut n = 0usize;
            for event in Parser::new_from_str(t) {
                n += usize::from(event.is_ok());
            }
            black_box(n);
        });
        let quick = time(&yaml, |t| {
            black_box(input::ANSWERS.from_plain_yaml::<Screening>(t).is_some());
        });
        let saphyr = time(&yaml, |t| {
            black_box(input::ANSWERS.from_yaml::<Screening>(t).is_ok());
        });
        let work = time(&yaml, |t| one(t, Format::Yaml));
        row("  parser events alone (granit-parser)", events, events);
        row("  quick reader into Screening", quick, events);
        row("  serde-saphyr into Screening", saphyr, events);
        row("  all per-file work (CSV row)", work, events);
    }
    if !json.is_empty() {
        println!("JSON: {} files", json.len());
        let parse = time(&json, |t| {
            black_box(serde_json::from_str::<Screening>(t).is_ok());
        });
        let work = time(&json, |t| one(t, Format::Json));
        row("  serde_json into Screening", parse, parse);
        row("  all per-file work (CSV row)", work, parse);
    }
}

fn row(what: &str, micros: f64, base: f64) {
    println!("{what:<44} {micros:>10.1}  ({:.2}x)", micros / base);
}

/// The best of five passes over `files`, in microseconds per file.
fn time(files: &[String], mut f: impl FnMut(&str)) -> f64 {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            for text in files {
                f(text);
            }
            start.elapsed().as_secs_f64() * 1e6 / files.len() as f64
        })
        .fold(f64::INFINITY, f64::min)
}

/// Every YAML and JSON file of `dir`, as text.
fn load(dir: &Path) -> std::io::Result<(Vec<String>, Vec<String>)> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let (mut yaml, mut json) = (Vec::new(), Vec::new());
    for path in paths {
        match path.extension().and_then(|e| e.to_str()) {
            Some("yaml" | "yml") => yaml.push(std::fs::read_to_string(&path)?),
            Some("json") => json.push(std::fs::read_to_string(&path)?),
            _ => {}
        }
    }
    Ok((yaml, json))
}
