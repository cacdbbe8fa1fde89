//! Benchmark of `cse-screen score` on many fictional answers files, YAML and JSON.
//!
//! `cargo bench --bench score -- 10000 100000` generates N fictional screenings of the
//! Oxfordshire questionnaire (deterministic pseudo-random answers, one file each, in one
//! folder) under `target/bench-score/`, then runs the release binary on the folder and
//! reports wall time, files per second and peak resident memory (Linux: VmHWM, sampled
//! from /proc while it runs). Generated files are reused between runs of the same
//! questionnaire (the folder is named by its hash). Not part of CI.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cse_screen::answers::{
    AnswerEntry, Details, OrderedMap, ProfileValue, Screening, Stamp, Status,
};
use cse_screen::engine::Answer;
use cse_screen::questionnaire::{self, Questionnaire, Scoring};

fn main() {
    let mut sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if sizes.is_empty() {
        sizes = vec![10_000, 100_000];
    }
    let bin = env!("CARGO_BIN_EXE_cse-screen");
    let Some(b) = questionnaire::bundled(questionnaire::DEFAULT_ID) else {
        return;
    };
    let Ok(q) = questionnaire::from_str(b.text) else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-score");
    println!("cse-screen score, {} CPU(s)", cores());
    println!(
        "{:>8} {:>5} {:>8} {:>10} {:>12} {:>8}",
        "files", "kind", "seconds", "files/s", "peak RSS MB", "exit"
    );
    for n in sizes {
        for kind in ["yaml", "json"] {
            // Named by the questionnaire's hash: files stamped with an older one would all
            // carry a version warning, and time that path instead.
            let dir = root.join(format!("{n}-{kind}-{}", &q.sha256[..12]));
            if let Err(e) = generate(&q, &dir, n, kind) {
                eprintln!("cannot generate {}: {e}", dir.display());
                return;
            }
            let (secs, peak_kb, code) = run(bin, &dir);
            println!(
                "{n:>8} {kind:>5} {secs:>8.2} {:>10.0} {:>12.1} {code:>8}",
                n as f64 / secs,
                peak_kb as f64 / 1024.0
            );
        }
    }
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// Runs `score DIR --format csv` with output discarded; returns seconds, peak RSS in kB, exit code.
fn run(bin: &str, dir: &Path) -> (f64, u64, i32) {
    let start = Instant::now();
    let Ok(mut child) = Command::new(bin)
        .args(["score", "--format", "csv"])
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    else {
        return (0.0, 0, -1);
    };
    let status_file = PathBuf::from(format!("/proc/{}/status", child.id()));
    let mut peak = 0;
    let code = loop {
        if let Ok(status) = std::fs::read_to_string(&status_file) {
            peak = peak.max(vm_hwm_kb(&status));
        }
        match child.try_wait() {
            Ok(Some(status)) => break status.code().unwrap_or(-1),
            Ok(None) => std::thread::sleep(Duration::from_millis(2)),
            Err(_) => break -1,
        }
    };
    (start.elapsed().as_secs_f64(), peak, code)
}

fn vm_hwm_kb(status: &str) -> u64 {
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Writes `n` fictional screenings to `dir` unless it already holds them.
fn generate(q: &Questionnaire, dir: &Path, n: usize, kind: &str) -> std::io::Result<()> {
    let done = dir.join(".complete");
    if done.exists() {
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    let mut rng = 0x2545_f491_4f6c_dd1d_u64;
    for i in 0..n {
        let s = screening(q, i, &mut rng);
        let text = match kind {
            "json" => serde_json::to_string_pretty(&s).map_err(std::io::Error::other)?,
            _ => cse_screen::store::to_yaml(&s).map_err(std::io::Error::other)?,
        };
        let mut f = std::fs::File::create(dir.join(format!("EX-{i:06}.{kind}")))?;
        f.write_all(text.as_bytes())?;
    }
    std::fs::write(done, b"")
}

fn next(rng: &mut u64) -> u64 {
    // xorshift64*: deterministic, good enough to vary the answers.
    *rng ^= *rng >> 12;
    *rng ^= *rng << 25;
    *rng ^= *rng >> 27;
    rng.wrapping_mul(0x2545_f491_4f6c_dd1d)
}

/// A fictional screening: mostly "no", some "yes" (with windows and notes), some not known.
fn screening(q: &Questionnaire, i: usize, rng: &mut u64) -> Screening {
    let mut answers = OrderedMap::default();
    for ind in &q.indicators {
        let answer = match next(rng) % 10 {
            0 => Answer::Yes,
            1 => Answer::NotKnown,
            _ => Answer::No,
        };
        let windows = match (&ind.scoring, answer) {
            (Scoring::Windows(w), Answer::Yes) => {
                vec![
                    q.windows[w[(next(rng) % w.len() as u64) as usize].0]
                        .id
                        .clone(),
                ]
            }
            _ => Vec::new(),
        };
        let note = (answer == Answer::Yes)
            .then(|| "Seen by a youth worker; details on the case file.".to_owned());
        answers.set(
            &ind.id,
            AnswerEntry {
                windows,
                note,
                ..AnswerEntry::new(answer)
            },
        );
    }
    let mut profile = OrderedMap::default();
    for f in &q.profile {
        let v = match f.kind {
            questionnaire::FactKind::Age => ProfileValue::Number(11 + (next(rng) % 7) as u32),
            questionnaire::FactKind::YesNo => {
                ProfileValue::Answer(if next(rng).is_multiple_of(4) {
                    Answer::Yes
                } else {
                    Answer::No
                })
            }
        };
        profile.set(&f.id, v);
    }
    Screening {
        schema: None,
        format: Some(cse_screen::answers::FORMAT),
        questionnaire: Stamp {
            id: q.id.clone(),
            version: q.version.clone(),
            sha256: q.sha256.clone(),
        },
        screening: Details {
            case_reference: format!("EX-{i:06}"),
            date: "2026-11-24".to_owned(),
            practitioner: "A. Example".to_owned(),
            agency: "Example Academy".to_owned(),
            status: Status::Complete,
        },
        profile,
        answers,
        judgement: None,
        decisions: None,
    }
}
