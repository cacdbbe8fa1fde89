//! The example screenings in `examples/answers/`: each scores as its `# expect:` line says,
//! and together they reach every level and fire every rule of oxfordshire-cse and national-cse; the
//! docs show the versions bundled now.

use std::collections::{BTreeMap, BTreeSet};

use cse_screen::answers::{self, Format};
use cse_screen::questionnaire;
use cse_screen::screening::{self, Catalogue, Options, Scored};

static CATALOGUE: std::sync::LazyLock<Catalogue> =
    std::sync::LazyLock::new(|| Catalogue::new(None).expect("bundled questionnaires are valid"));

fn score(path: &std::path::Path) -> Scored<'static> {
    let options = Options {
        strict: true,
        ..Options::default()
    };
    screening::load(path, &CATALOGUE, options)
        .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()))
}

#[test]
fn every_example_scores_as_its_expect_line_says() {
    let files = crate::common::answer_files();
    assert!(
        files.len() >= 20,
        "examples/answers has {} files",
        files.len()
    );
    for path in &files {
        let want = crate::common::expect_for(path);
        let got = score(path);
        let a = &got.assessment;
        let rules: BTreeSet<String> = a.fired_rules.iter().map(|r| r.id.clone()).collect();
        assert_eq!(
            (a.level.id.as_str(), a.score, &rules),
            (want.level.as_str(), want.score, &want.rules),
            "{}",
            path.display()
        );
        // --strict above: every example is stamped with the current questionnaire.
        assert!(
            got.warnings.is_empty(),
            "{}: {:?}",
            path.display(),
            got.warnings
        );
    }
}

#[test]
fn every_example_says_what_it_shows() {
    for path in crate::common::answer_files() {
        if path.extension().is_some_and(|e| e == "json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        let first = text.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("# ") && !first.starts_with("# expect:") && first.len() > 30,
            "{} must open with a comment saying what it shows",
            path.display()
        );
    }
}

#[test]
fn together_the_examples_reach_every_level_and_fire_every_rule() {
    let mut levels: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut rules: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in crate::common::answer_files() {
        let a = score(&path).assessment;
        let id = a.questionnaire.id.clone();
        levels
            .entry(id.clone())
            .or_default()
            .insert(a.level.id.clone());
        rules
            .entry(id)
            .or_default()
            .extend(a.fired_rules.iter().map(|r| r.id.clone()));
    }
    for b in questionnaire::BUNDLED {
        let q = questionnaire::from_str(b.text).expect("valid");
        if q.format >= 2 {
            // The format-2 tools are covered by the hand-computed vignettes in tests/format2.
            continue;
        }
        let all_levels: BTreeSet<String> = q.levels.iter().map(|l| l.id.clone()).collect();
        let all_rules: BTreeSet<String> = q.rules.iter().map(|r| r.id.clone()).collect();
        assert_eq!(levels.get(&q.id), Some(&all_levels), "levels of {}", q.id);
        assert_eq!(rules.get(&q.id), Some(&all_rules), "rules of {}", q.id);
    }
}

#[test]
fn one_example_is_in_progress_and_is_marked_so() {
    let in_progress: Vec<Scored<'_>> = crate::common::answer_files()
        .iter()
        .map(|p| score(p))
        .filter(|s| !s.complete())
        .collect();
    assert_eq!(in_progress.len(), 1);
    assert!(!in_progress[0].assessment.unanswered.is_empty());
}

#[test]
fn a_json_example_is_the_same_screening_as_its_yaml_twin() {
    let twins: Vec<_> = crate::common::answer_files()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    assert!(!twins.is_empty(), "at least one JSON example");
    for json in twins {
        let yaml = json.with_extension("yaml");
        let read = |p: &std::path::Path| {
            let text = std::fs::read_to_string(p).expect("read");
            let mut s = answers::parse(&text, Format::detect(Some(p), &text)).expect("parses");
            // The JSON twin names its schema in `$schema`; the YAML one in a comment.
            s.schema = None;
            s
        };
        assert_eq!(read(&json), read(&yaml), "{}", json.display());
        assert_eq!(score(&json).assessment, score(&yaml).assessment);
    }
}

/// The user guides show a saved screening's stamp (`id: ..., version: ...`, in YAML or JSON);
/// each must name the version bundled now, so a reader copying it gets a file that scores
/// without the "made with an earlier version" warning. The decisions record and the safety
/// case keep history and are not checked.
#[test]
fn the_guides_show_the_bundled_versions() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut guides = vec![root.join("README.md")];
    for entry in std::fs::read_dir(root.join("docs")).expect("docs/") {
        let path = entry.expect("docs/ entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(".md") && name != "decisions.md" && name != "safety-case.md" {
            guides.push(path);
        }
    }
    let mut found = 0;
    let mut stale = Vec::new();
    for b in questionnaire::BUNDLED {
        let q = questionnaire::from_str(b.text).expect("valid");
        for stamp in [
            format!("id: {}, version: ", q.id),
            format!("\"id\": \"{}\", \"version\": \"", q.id),
        ] {
            for path in &guides {
                let text = std::fs::read_to_string(path).expect("readable guide");
                for (at, _) in text.match_indices(&stamp) {
                    let version: String = text[at + stamp.len()..]
                        .chars()
                        .take_while(|c| c.is_ascii_digit() || *c == '.')
                        .collect();
                    found += 1;
                    if version != q.version {
                        stale.push(format!(
                            "{}: {} {version} (bundled: {})",
                            path.display(),
                            q.id,
                            q.version
                        ));
                    }
                }
            }
        }
    }
    assert!(found >= 3, "the guides' stamps were not found ({found})");
    assert!(stale.is_empty(), "stale versions in the guides: {stale:#?}");
}
