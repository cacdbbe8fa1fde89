//! The teaching cases in `examples/training/`: each has its narrative and scores as its
//! `# expect:` line says. (`explain` on each is pinned in `explain`, the handout in `show`.)

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cse_screen::answers::Format;
use cse_screen::screening::{self, Catalogue, Options};

pub fn training_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/training")
}

/// Every answers file of the teaching cases, sorted.
pub fn cases() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(training_dir())
        .expect("examples/training")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

/// The narrative of a case: `05-not-reducing-2.yaml` belongs to `05-not-reducing.md`.
fn narrative(path: &Path) -> PathBuf {
    let stem = path.file_stem().unwrap().to_str().unwrap();
    let base = match stem.rsplit_once('-') {
        Some((base, n)) if n.parse::<u32>().is_ok() => base,
        _ => stem,
    };
    path.with_file_name(format!("{base}.md"))
}

#[test]
fn there_are_at_least_six_cases_each_with_its_narrative() {
    let narratives: BTreeSet<PathBuf> = cases().iter().map(|c| narrative(c)).collect();
    assert!(narratives.len() >= 6, "{narratives:?}");
    for n in &narratives {
        let text =
            std::fs::read_to_string(n).unwrap_or_else(|_| panic!("{} is missing", n.display()));
        for heading in [
            "## The situation",
            "## What to notice",
            "## Questions for the room",
        ] {
            assert!(text.contains(heading), "{} lacks {heading}", n.display());
        }
    }
}

#[test]
fn every_case_scores_as_its_expect_line_says() {
    let catalogue = Catalogue::new(None).unwrap();
    for path in cases() {
        let want = crate::common::expect_of(&path);
        let text = std::fs::read_to_string(&path).unwrap();
        let got = screening::from_text(
            path.display().to_string(),
            &text,
            Format::Yaml,
            &catalogue,
            Options {
                strict: true,
                ..Options::default()
            },
        )
        .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        let rules: BTreeSet<String> = got
            .assessment
            .fired_rules
            .iter()
            .map(|r| r.id.clone())
            .collect();
        assert_eq!(
            (
                got.assessment.level.id.as_str(),
                got.assessment.score,
                &rules
            ),
            (want.level.as_str(), want.score, &want.rules),
            "{}",
            path.display()
        );
    }
}
