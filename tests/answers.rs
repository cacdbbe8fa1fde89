//! Property tests of saved screenings:
//! - saving then loading is lossless, in YAML (as `screen` saves) and JSON (as scripts
//!   write), for any text: unicode, control characters, multi-line notes, quotes, and words
//!   YAML would read as something else (`yes`, `~`, `0x10`, `- x`);
//! - scoring never panics, whatever the answers to the bundled questionnaires (real ids and
//!   made-up ones, any windows, follow-ups, facts and judgement), and a screening scores the
//!   same from YAML as from JSON;
//! - a key written twice in any map of a file is refused, in JSON and in YAML;
//! - the quick reader for plain YAML reads what serde-saphyr reads wherever it vouches for a
//!   file, and vouches for every example and every saved screening.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use crate::common::bundled;
use cse_screen::answers::{
    self, Action, AnswerEntry, Basis, Decisions, Details, Format, JudgementEntry, OrderedMap,
    ProfileValue, Screening, Stamp, Status,
};
use cse_screen::batch::{self, FileResult};
use cse_screen::engine::Answer;
use cse_screen::questionnaire::{FactKind, Questionnaire, Scoring};
use cse_screen::report::batch as render;
use cse_screen::screening::{self, Catalogue, Options};
use cse_screen::store;
use proptest::prelude::*;

/// Text a person or a script might put in any field.
fn text() -> impl Strategy<Value = String> {
    let tricky = proptest::sample::select(vec![
        "",
        " ",
        "yes",
        "no",
        "Yes",
        "NO",
        "on",
        "~",
        "null",
        "true",
        "0",
        "-1",
        "007",
        "1e3",
        "0x10",
        ".inf",
        "@x",
        "`x`",
        "- x",
        "? x",
        "&a",
        "*a",
        "!tag",
        "%YAML",
        "---",
        "...",
        "'",
        "\"",
        "#",
        "a # b",
        "key: value",
        "{a: 1}",
        "[a]",
        "\t",
        " leading",
        "trailing ",
        "a\r\nb",
        "\r",
        "é😀",
        "\u{feff}",
        "\u{85}",
        "\u{2028}",
        "\\",
        "\u{1b}[2J",
        "\0",
    ])
    .prop_map(str::to_owned);
    let lines = proptest::collection::vec("[ -~]{0,30}", 1..5).prop_map(|l| l.join("\n"));
    let any_chars = proptest::collection::vec(any::<char>(), 0..30).prop_map(String::from_iter);
    prop_oneof![
        tricky,
        "[ -~]{0,40}",
        lines.clone(),
        lines.prop_map(|l| l + "\n"),
        any_chars
    ]
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![Just(Answer::Yes), Just(Answer::No), Just(Answer::NotKnown)]
}

/// A map with unique keys from `keys`, in the order generated.
fn ordered<V: std::fmt::Debug + Clone>(
    keys: impl Strategy<Value = String>,
    values: impl Strategy<Value = V>,
) -> impl Strategy<Value = OrderedMap<V>> {
    proptest::collection::vec((keys, values), 0..5).prop_map(|pairs| {
        let mut map = OrderedMap::default();
        for (k, v) in pairs {
            if map.get(&k).is_none() {
                map.0.push((k, v));
            }
        }
        map
    })
}

fn profile_value() -> impl Strategy<Value = ProfileValue> {
    prop_oneof![
        any::<u32>().prop_map(ProfileValue::Number),
        answer().prop_map(ProfileValue::Answer)
    ]
}

fn entry(
    windows: impl Strategy<Value = String>,
    follow_ups: impl Strategy<Value = String>,
) -> impl Strategy<Value = AnswerEntry> {
    (
        answer(),
        proptest::collection::vec(windows, 0..3),
        proptest::option::of(prop_oneof![Just(Basis::Evidence), Just(Basis::Concern)]),
        proptest::option::of(text()),
        proptest::collection::btree_map(follow_ups, any::<u32>(), 0..3),
        proptest::collection::vec(text(), 0..2),
    )
        .prop_map(
            |(answer, windows, basis, note, follow_up, language_kept)| AnswerEntry {
                answer,
                windows,
                rating: None,
                basis,
                note,
                follow_up,
                language_kept,
            },
        )
}

fn decisions() -> impl Strategy<Value = Decisions> {
    (
        proptest::option::of(text()),
        proptest::collection::vec(
            (
                text(),
                text(),
                text(),
                proptest::collection::vec(text(), 0..2),
            )
                .prop_map(|(action, owner, due, language_kept)| Action {
                    action,
                    owner,
                    due,
                    language_kept,
                }),
            0..3,
        ),
    )
        .prop_map(|(discussed_with, actions)| Decisions {
            discussed_with,
            actions,
        })
}

fn details() -> impl Strategy<Value = Details> {
    (
        text(),
        text(),
        text(),
        text(),
        prop_oneof![Just(Status::Complete), Just(Status::InProgress)],
    )
        .prop_map(
            |(case_reference, date, practitioner, agency, status)| Details {
                case_reference,
                date,
                practitioner,
                agency,
                status,
            },
        )
}

/// Any screening at all: every field any text.
fn screening() -> impl Strategy<Value = Screening> {
    (
        proptest::option::of(Just(answers::FORMAT)),
        (text(), text(), text()).prop_map(|(id, version, sha256)| Stamp {
            id,
            version,
            sha256,
        }),
        details(),
        ordered(text(), profile_value()),
        ordered(text(), entry(text(), text())),
        proptest::option::of(
            (text(), text()).prop_map(|(raise_to, reason)| JudgementEntry {
                raise_to,
                reason,
                language_kept: Vec::new(),
            }),
        ),
        proptest::option::of(decisions()),
    )
        .prop_map(assemble)
}

/// The parts of a screening, in the order of its fields.
type Parts = (
    Option<u64>,
    Stamp,
    Details,
    OrderedMap<ProfileValue>,
    OrderedMap<AnswerEntry>,
    Option<JudgementEntry>,
    Option<Decisions>,
);

fn assemble(
    (format, questionnaire, screening, profile, answers, judgement, decisions): Parts,
) -> Screening {
    Screening {
        schema: None,
        format,
        questionnaire,
        screening,
        profile,
        answers,
        judgement,
        decisions,
    }
}

proptest! {
    #![proptest_config(crate::common::proptest_config(256))]

    #[test]
    fn saving_then_loading_yaml_is_lossless(s in screening()) {
        let yaml = store::to_yaml(&s).expect("serialize");
        match crate::common::screening_of(&yaml) {
            Ok(back) => prop_assert_eq!(back, s, "saved as:\n{}", yaml),
            Err(p) => prop_assert!(false, "cannot read back what was saved: {:?}\n{}", p, yaml),
        }
    }

    #[test]
    fn writing_then_reading_json_is_lossless(s in screening()) {
        for json in [serde_json::to_string(&s).expect("json"), serde_json::to_string_pretty(&s).expect("json")] {
            match answers::parse(&json, Format::Json) {
                Ok(back) => prop_assert_eq!(&back, &s, "written as:\n{}", json),
                Err(p) => prop_assert!(false, "cannot read back: {:?}\n{}", p, json),
            }
        }
    }
}

/// How many maps with at least one key `v` holds, at any depth.
fn maps(v: &serde_json::Value) -> usize {
    match v {
        serde_json::Value::Object(m) => {
            usize::from(!m.is_empty()) + m.values().map(maps).sum::<usize>()
        }
        serde_json::Value::Array(a) => a.iter().map(maps).sum(),
        _ => 0,
    }
}

/// `v` as JSON text, with the first key of its `target`-th map (depth first, as [`maps`]
/// counts them) written again, with its value, at the end of that map. No map has a key
/// twice if `target` is past the last one.
fn with_a_key_twice(v: &serde_json::Value, target: usize) -> String {
    fn write(v: &serde_json::Value, target: usize, seen: &mut usize, out: &mut String) {
        match v {
            serde_json::Value::Object(m) if !m.is_empty() => {
                let me = *seen;
                *seen += 1;
                let mut entries: Vec<(&String, &serde_json::Value)> = m.iter().collect();
                if me == target {
                    entries.push(entries[0]);
                }
                out.push('{');
                for (i, (k, value)) in entries.into_iter().enumerate() {
                    if i > 0 {
                        out.push_str(",\n");
                    }
                    out.push_str(&serde_json::to_string(k).expect("key"));
                    out.push_str(": ");
                    write(value, target, seen, out);
                }
                out.push('}');
            }
            serde_json::Value::Array(a) => {
                out.push('[');
                for (i, item) in a.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    write(item, target, seen, out);
                }
                out.push(']');
            }
            other => out.push_str(&serde_json::to_string(other).expect("value")),
        }
    }
    let mut out = String::new();
    write(v, target, &mut 0, &mut out);
    out.push('\n');
    out
}

/// Every map of `s`, in turn, with a key written twice: each is refused by the JSON reader
/// and, where the file without the repeat reads as YAML, by the YAML reader. Returns how
/// many were tried in YAML.
fn every_repeated_key_is_refused(s: &Screening) -> Result<usize, TestCaseError> {
    let value = serde_json::to_value(s).expect("json");
    let plain = with_a_key_twice(&value, usize::MAX);
    prop_assert!(answers::parse(&plain, Format::Json).is_ok(), "{}", plain);
    let yaml = answers::parse(&plain, Format::Yaml).is_ok();
    let mut tried = 0;
    for target in 0..maps(&value) {
        let twice = with_a_key_twice(&value, target);
        prop_assert!(
            answers::parse(&twice, Format::Json).is_err(),
            "JSON kept a repeated key:\n{}",
            twice
        );
        if yaml {
            prop_assert!(
                answers::parse(&twice, Format::Yaml).is_err(),
                "YAML kept a repeated key:\n{}",
                twice
            );
            tried += 1;
        }
    }
    Ok(tried)
}

proptest! {
    #![proptest_config(crate::common::proptest_config(64))]

    /// A key written twice is refused wherever it is (safety case H10 C6): a reader that kept
    /// the last would score what a person reading the file does not see first.
    #[test]
    fn a_key_written_twice_in_any_map_is_refused(s in screening()) {
        every_repeated_key_is_refused(&s)?;
    }
}

#[test]
fn a_key_written_twice_in_any_map_of_an_example_is_refused() {
    let mut tried = 0;
    for path in crate::common::answer_files() {
        let s = crate::common::read_screening(&path);
        tried +=
            every_repeated_key_is_refused(&s).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    // Every map of every example, in YAML too (the examples have no text YAML cannot hold).
    assert!(tried > 500, "only {tried} maps tried in YAML");
}

static CATALOGUE: LazyLock<Catalogue> =
    LazyLock::new(|| Catalogue::new(None).expect("bundled questionnaires"));

/// Mostly `valid`, sometimes anything at all.
fn mostly<T: std::fmt::Debug + Clone + 'static>(
    valid: impl Strategy<Value = T> + 'static,
    anything: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<T> {
    prop_oneof![19 => valid, 1 => anything].boxed()
}

/// Mostly one of `ids`, sometimes any text.
fn id_of(ids: Vec<String>) -> BoxedStrategy<String> {
    if ids.is_empty() {
        return text().boxed();
    }
    mostly(proptest::sample::select(ids), text())
}

/// A screening made with `q` (or, sometimes, stamped with another version of it): mostly
/// the answers, windows, follow-ups, facts and judgement `q` allows, each sometimes wrong or
/// made up, so both scored and refused files are common.
fn screening_for(q: &Questionnaire) -> impl Strategy<Value = Screening> + use<> {
    let any_value = prop_oneof![
        any::<u32>().prop_map(ProfileValue::Number),
        answer().prop_map(ProfileValue::Answer)
    ];
    let facts: Vec<BoxedStrategy<Option<(String, ProfileValue)>>> = q
        .profile
        .iter()
        .map(|f| {
            let id = f.id.clone();
            let valid = match f.kind {
                FactKind::Age => (0u32..26).prop_map(ProfileValue::Number).boxed(),
                FactKind::YesNo => answer().prop_map(ProfileValue::Answer).boxed(),
            };
            proptest::option::weighted(0.95, mostly(valid, any_value.clone()))
                .prop_map(move |v| v.map(|v| (id.clone(), v)))
                .boxed()
        })
        .collect();
    let profile = (facts, proptest::option::weighted(0.05, (text(), any_value))).prop_map(
        |(facts, extra)| {
            let mut map = OrderedMap::default();
            for (id, v) in facts.into_iter().flatten().chain(extra) {
                map.set(&id, v);
            }
            map
        },
    );
    let entries: Vec<BoxedStrategy<Option<(String, AnswerEntry)>>> = q
        .indicators
        .iter()
        .map(|ind| {
            let windows: Vec<String> = match &ind.scoring {
                Scoring::Windows(w) => w.iter().map(|(i, _)| q.windows[*i].id.clone()).collect(),
                Scoring::Single(_) | Scoring::Scale { .. } => Vec::new(),
            };
            let follow_ups: Vec<String> = ind.follow_ups.iter().map(|f| f.id.clone()).collect();
            let id = ind.id.clone();
            let windows = if windows.is_empty() {
                proptest::collection::vec(text(), 0..1).boxed()
            } else {
                let n = windows.len();
                mostly(
                    proptest::sample::subsequence(windows, 0..=n),
                    proptest::collection::vec(text(), 0..2),
                )
            };
            let follow_up = if follow_ups.is_empty() {
                proptest::collection::btree_map(text(), any::<u32>(), 0..1).boxed()
            } else {
                mostly(
                    proptest::collection::btree_map(
                        proptest::sample::select(follow_ups),
                        0u32..20,
                        0..2,
                    ),
                    proptest::collection::btree_map(text(), any::<u32>(), 0..2),
                )
            };
            let entry = (
                answer(),
                windows,
                proptest::option::of(prop_oneof![Just(Basis::Evidence), Just(Basis::Concern)]),
                proptest::option::of(text()),
                follow_up,
            )
                .prop_map(move |(answer, windows, basis, note, follow_up)| {
                    (
                        id.clone(),
                        AnswerEntry {
                            answer,
                            windows,
                            rating: None,
                            basis,
                            note,
                            follow_up,
                            language_kept: Vec::new(),
                        },
                    )
                });
            proptest::option::weighted(0.9, entry).boxed()
        })
        .collect();
    let made_up = proptest::option::weighted(0.05, (text(), entry(text(), text())));
    let answers = (entries, made_up).prop_map(|(entries, extra)| {
        let mut map = OrderedMap::default();
        for (id, e) in entries.into_iter().flatten().chain(extra) {
            map.set(&id, e);
        }
        map
    });
    let levels: Vec<String> = q.levels.iter().map(|l| l.id.clone()).collect();
    let stamp = Stamp {
        id: q.id.clone(),
        version: q.version.clone(),
        sha256: q.sha256.clone(),
    };
    let details = (
        details(),
        mostly("2026-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])", text()),
    )
        .prop_map(|(d, date)| Details { date, ..d });
    (
        Just(None),
        prop_oneof![4 => Just(stamp.clone()), 1 => Just(Stamp { version: "0.9.0".to_owned(), ..stamp })],
        details,
        profile,
        answers,
        proptest::option::weighted(
            0.2,
            (id_of(levels), mostly("[A-Za-z ]{1,30}", text()))
                .prop_map(|(raise_to, reason)| JudgementEntry {
                raise_to,
                reason,
                language_kept: Vec::new(),
            }),
        ),
        proptest::option::of(decisions()),
    )
        .prop_map(assemble)
}

/// Scores `text` as `score` does, renders it in every format, and returns what came of it.
fn scored(text: &str, format: Format) -> Result<(u32, String, Vec<String>), usize> {
    let outcome =
        screening::from_text("x".to_owned(), text, format, &CATALOGUE, Options::default());
    let result = FileResult {
        file: "x".to_owned(),
        outcome,
    };
    for rendered in [
        render::json_record(&result, false),
        render::csv_record(&result),
        render::markdown_row(&result),
        render::single(&result, 80),
    ] {
        assert!(!rendered.is_empty());
    }
    // Problems and warnings, for stderr (empty for a clean file).
    let _ = render::diagnostics(&result);
    match result.outcome {
        Ok(s) => Ok((
            s.assessment.score,
            s.assessment.level.id,
            s.assessment.routes.into_iter().map(|r| r.id).collect(),
        )),
        Err(batch::Failure::Invalid(problems)) => Err(problems.len()),
        Err(batch::Failure::Unreadable(_)) => Err(0),
    }
}

macro_rules! never_panics {
    ($name:ident, $id:literal) => {
        proptest! {
            #![proptest_config(crate::common::proptest_config(128))]

            #[test]
            fn $name(s in screening_for(&bundled($id))) {
                let yaml = store::to_yaml(&s).expect("serialize");
                let json = serde_json::to_string(&s).expect("json");
                let (from_yaml, from_json) = (scored(&yaml, Format::Yaml), scored(&json, Format::Json));
                prop_assert_eq!(&from_yaml, &from_json, "YAML and JSON of one screening disagree");
                // A screening the check accepts is scored at a level of its questionnaire.
                if let Ok((_, level, _)) = &from_yaml {
                    prop_assert!(bundled($id).levels.iter().any(|l| &l.id == level));
                }
            }
        }
    };
}

never_panics!(
    scoring_any_answers_to_oxfordshire_never_panics,
    "oxfordshire-cse"
);
never_panics!(scoring_any_answers_to_national_never_panics, "national-cse");

/// The generator above reaches both outcomes: files that score and files refused.
#[test]
fn the_generated_screenings_are_both_scored_and_refused() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let q = bundled("oxfordshire-cse");
    let mut seen = BTreeMap::new();
    for _ in 0..300 {
        let s = screening_for(&q)
            .new_tree(&mut runner)
            .expect("tree")
            .current();
        let yaml = store::to_yaml(&s).expect("serialize");
        *seen.entry(scored(&yaml, Format::Yaml).is_ok()).or_insert(0) += 1;
    }
    assert!(seen.get(&true).copied().unwrap_or(0) > 10, "{seen:?}");
    assert!(seen.get(&false).copied().unwrap_or(0) > 10, "{seen:?}");
}

/// Reads `text` with the quick reader for plain YAML and with serde-saphyr (the project's
/// options, its check for a repeated key included): wherever the quick reader vouches for a
/// screening, serde-saphyr reads the same one. Returns whether it vouched.
fn quick_reader_agrees(text: &str) -> Result<bool, TestCaseError> {
    let quick = cse_screen::input::ANSWERS.from_plain_yaml::<Screening>(text);
    if let Some(quick) = &quick {
        match cse_screen::input::ANSWERS.from_yaml::<Screening>(text) {
            Ok(full) => prop_assert_eq!(quick, &full, "the readers disagree on:\n{}", text),
            Err(e) => prop_assert!(
                false,
                "the quick reader accepted what serde-saphyr refuses ({}):\n{}",
                e,
                text
            ),
        }
    }
    Ok(quick.is_some())
}

/// Every YAML file of the project (examples, fixtures valid and invalid, questionnaires),
/// recursively.
fn yaml_files() -> Vec<std::path::PathBuf> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                out.push(path);
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["examples", "tests", "questionnaires"] {
        walk(&root.join(dir), &mut out);
    }
    out.sort();
    out
}

#[test]
fn the_quick_yaml_reader_reads_every_file_of_the_project_as_serde_saphyr_does() {
    let files = yaml_files();
    assert!(files.len() > 100, "only {} YAML files", files.len());
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue; // not UTF-8: refused before any parse
        };
        let text = cse_screen::input::strip_bom(&text);
        quick_reader_agrees(text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    // It is used: it vouches for every example screening written in YAML.
    for path in crate::common::answer_files() {
        if path.extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(&path).expect("example");
            assert!(
                quick_reader_agrees(&text).expect("agrees"),
                "{} is not read by the quick reader",
                path.display()
            );
        }
    }
}

/// YAML the quick reader must leave to serde-saphyr, and plain YAML it must read.
#[test]
fn the_quick_yaml_reader_leaves_what_is_not_plain_to_serde_saphyr() {
    let base = std::fs::read_to_string(
        crate::common::answers_dir().join("national-01-low-nothing-of-concern.yaml"),
    )
    .expect("example");
    let with = |from: &str, to: &str| {
        assert!(base.contains(from), "{from}");
        base.replacen(from, to, 1)
    };
    let left = [
        ("anchor", with("agency: ", "agency: &a ")),
        (
            "alias",
            with("status: complete", "status: complete\n  agency2: *a"),
        ),
        ("tag", with("status: complete", "status: !!str complete")),
        ("directive", format!("%YAML 1.2\n---\n{base}")),
        ("second document", format!("{base}---\n{base}")),
        ("null note", with("{answer: no}", "{answer: no, note: ~}")),
        ("empty note", with("{answer: no}", "{answer: no, note: }")),
        (
            "merge key",
            with("screening:\n", "screening:\n  <<: {status: complete}\n"),
        ),
        ("number as text", with("agency: ", "agency: 12 #")),
        ("quoted number", with("age: 13", "age: '13'")),
        ("hex number", with("age: 13", "age: 0x0D")),
        (
            "repeated key",
            with("status: complete", "status: complete\n  status: complete"),
        ),
    ];
    for (what, text) in &left {
        assert!(
            !quick_reader_agrees(text).expect("agrees"),
            "{what}: read by the quick reader:\n{text}"
        );
    }
    let read = [
        ("comments", with("screening:\n", "screening: # who\n")),
        ("document markers", format!("---\n{base}...\n")),
        (
            "block note",
            with(
                "{answer: no}",
                "\n    answer: no\n    note: |\n      Two\n      lines.\n",
            ),
        ),
        (
            "folded note",
            with(
                "{answer: no}",
                "\n    answer: no\n    note: >-\n      One\n      line.\n",
            ),
        ),
        ("quoted", with("status: complete", "status: \"complete\"")),
        (
            "single quoted",
            with("agency: Example Academy", "agency: 'It''s an academy'"),
        ),
    ];
    for (what, text) in &read {
        assert!(
            quick_reader_agrees(text).expect("agrees"),
            "{what}: not read by the quick reader:\n{text}"
        );
    }
}

/// A plain scalar of a shape YAML might type (numbers in any base, dates, versions, nulls,
/// booleans, infinities), or text.
fn plain_scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(vec![
            "",
            "~",
            "null",
            "Null",
            "NULL",
            "true",
            "False",
            "yes",
            "no",
            "on",
            "off",
            "y",
            "n",
            "inf",
            "-inf",
            ".inf",
            "-.Inf",
            "nan",
            ".NaN",
            "infinity",
            "<<",
            "0",
            "00",
            "+0",
            "-0",
            "1_0",
            "0x1F",
            "0o7",
            "0b1",
            "1e3",
            "1E-3",
            "1.",
            ".5",
            "2026-11-03",
            "2.0.0",
            "1.2",
            "12:30",
            "not_known",
            "complete",
            "evidence",
        ])
        .prop_map(str::to_owned),
        "[0-9a-fxXoObB.+_eE:~ -]{1,8}",
        "[+-]?[0-9]{1,4}([-.:][0-9]{1,3}){0,3}",
        "[0-9]{1,25}",
        "[a-zA-Z][a-zA-Z0-9_ .-]{0,8}",
    ]
}

proptest! {
    #![proptest_config(crate::common::proptest_config(256))]

    /// Wherever a value of an answers file can be written plainly, a scalar of any shape
    /// there is read as serde-saphyr reads it, or left to it.
    #[test]
    fn the_quick_yaml_reader_reads_a_plain_scalar_of_any_shape_as_serde_saphyr_does(
        s in plain_scalar(),
        place in 0usize..15,
    ) {
        let v = |i: usize, default: &str| if i == place { s.clone() } else { default.to_owned() };
        let text = format!(
            "questionnaire: {{id: {}, version: {}, sha256: {}}}\nformat: {}\nscreening:\n  case_reference: {}\n  date: {}\n  practitioner: E. Example\n  agency: {}\n  status: {}\nprofile: {{age: {}, looked_after: {}}}\nanswers:\n  {}: {{answer: no}}\n  missing_from_home_or_care: {{answer: {}, basis: {}, note: {}, windows: [{}], follow_up: {{episodes: 3}}}}\n",
            v(0, "national-cse"), v(1, "2.3.0"), v(2, "506124315a"), v(3, "1"),
            v(4, "EX-900000"), v(5, "2026-11-03"), v(6, "Example Academy"), v(7, "complete"),
            v(8, "13"), v(9, "no"), v(10, "care_history"), v(11, "yes"), v(12, "evidence"),
            v(13, "A note."), v(14, "last_3_months"),
        );
        quick_reader_agrees(&text)?;
        // The same scalar as a follow-up value (a whole number).
        let text = text.replace("episodes: 3", &format!("episodes: {s}"));
        quick_reader_agrees(&text)?;
    }

    /// Saved screenings with any text (as `screen` writes them) are read as serde-saphyr
    /// reads them, or left to it.
    #[test]
    fn the_quick_yaml_reader_reads_saved_screenings_as_serde_saphyr_does(s in screening()) {
        quick_reader_agrees(&store::to_yaml(&s).expect("serialize"))?;
    }

    /// An example with YAML's own characters put in anywhere: each reading either agrees
    /// with serde-saphyr or is left to it.
    #[test]
    fn the_quick_yaml_reader_reads_a_damaged_example_as_serde_saphyr_does(
        file in proptest::sample::select(crate::common::answer_files()),
        at in any::<proptest::sample::Index>(),
        what in proptest::sample::select(vec![
            ": ", "- ", "? ", "&a ", "*a", "!!str ", "!x ", "<<: ", "~", "\n---\n", "\n...\n",
            "'", "\"", "# ", "{", "}", "[", "]", ",", "\t", "\n", "  ", "|\n", ">\n", "%YAML 1.2\n",
            "\\", "0x", ".", "1", "e3", "\u{feff}",
        ]),
    ) {
        let text = std::fs::read_to_string(&file).expect("example");
        let mut at = at.index(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let damaged = format!("{}{}{}", &text[..at], what, &text[at..]);
        quick_reader_agrees(&damaged)?;
    }
}

/// The quick reader reads nearly every saved screening, tricky text and all: it leaves to
/// serde-saphyr only the odd text that YAML might type and `screen` writes unquoted (`0e`).
#[test]
fn the_quick_yaml_reader_reads_nearly_every_saved_screening() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut read, mut left) = (0, Vec::new());
    for _ in 0..500 {
        let s = screening().new_tree(&mut runner).expect("tree").current();
        let yaml = store::to_yaml(&s).expect("serialize");
        if quick_reader_agrees(&yaml).expect("agrees") {
            read += 1;
        } else {
            left.push(yaml);
        }
    }
    assert!(
        read >= 475,
        "{read} of 500 read; left, for example:\n{}",
        left[0]
    );
}

/// One structural mistake in indicator `id`'s answer of YAML `text`: a field the format does
/// not have (0), a list where the answer's fields belong (1), `answer` misspelt (2), no
/// `answer` (3).
fn yaml_mistake(text: &str, id: &str, mistake: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with(&format!("  {id}:")))
        .expect("the entry");
    let flow = lines[at].contains('{');
    // The entry's own lines: its key, and (in block style) the lines indented under it.
    let end = at
        + 1
        + lines[at + 1..]
            .iter()
            .take_while(|l| !flow && l.starts_with("    "))
            .count();
    let entry = lines[at..end].join("\n");
    let changed = match mistake {
        0 if flow => entry.replacen('{', "{colour: red, ", 1),
        0 => format!(
            "{}\n    colour: red{}",
            lines[at],
            &entry[lines[at].len()..]
        ),
        1 => format!("  {id}: [no]"),
        2 => entry.replacen("answer:", "answr:", 1),
        _ => format!("  {id}: {{basis: concern}}"),
    };
    let mut out: Vec<String> = lines[..at].iter().map(|l| (*l).to_owned()).collect();
    out.push(changed);
    out.extend(lines[end..].iter().map(|l| (*l).to_owned()));
    out.join("\n") + "\n"
}

/// The same mistake in the JSON form of a screening.
fn json_mistake(v: &mut serde_json::Value, id: &str, mistake: usize) {
    let entry = &mut v["answers"][id];
    match mistake {
        0 => {
            entry["colour"] = "red".into();
        }
        1 => *entry = serde_json::json!(["no"]),
        3 => *entry = serde_json::json!({"basis": "concern"}),
        _ => {
            let map = entry.as_object_mut().expect("fields");
            let answer = map.remove("answer").expect("an answer");
            map.insert("answr".into(), answer);
        }
    }
}

/// Structural mistakes in one or two indicators' answers of every example, in YAML and in
/// JSON, are each reported once: none missed (two answers without `answer:` are two
/// problems), and nothing that only follows from one (a misspelt `answer` is not also
/// missing; an answer cut out is not also unanswered).
#[test]
fn every_structural_mistake_in_an_example_is_reported_once_and_nothing_more() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/answers");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() > 20);
    for path in files {
        let text = std::fs::read_to_string(&path).expect("read");
        let screening = answers::parse(&text, Format::Yaml).expect("the example parses");
        let json = serde_json::to_value(&screening).expect("json");
        let ids: Vec<&str> = screening
            .answers
            .0
            .iter()
            .map(|(id, _)| id.as_str())
            .collect();
        let (Some(first), Some(last)) = (ids.first(), ids.last()) else {
            continue;
        };
        for mistake in 0..4 {
            for chosen in [&[*first][..], &[*first, *last][..]] {
                let mut yaml = text.clone();
                let mut v = json.clone();
                for id in chosen {
                    yaml = yaml_mistake(&yaml, id, mistake);
                    json_mistake(&mut v, id, mistake);
                }
                let json_text = serde_json::to_string_pretty(&v).expect("json");
                for (text, format) in [(&yaml, Format::Yaml), (&json_text, Format::Json)] {
                    let problems = answers::parse(text, format).expect_err("refused");
                    let said: Vec<String> = problems
                        .iter()
                        .map(|p| format!("{:?} {}", p.position, p.message))
                        .collect();
                    assert_eq!(
                        problems.len(),
                        chosen.len(),
                        "{} ({format:?}), mistake {mistake} in {chosen:?}: {said:#?}\n{text}",
                        path.display()
                    );
                    assert!(problems.iter().all(|p| p.position.is_some()), "{said:#?}");
                }
            }
        }
    }
}

/// A file with more structural problems than are looked for is reported as far as it was
/// read, and says that there may be more.
#[test]
fn a_file_with_a_great_many_structural_problems_says_checking_stopped() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/answers/national-01-low-nothing-of-concern.yaml"),
    )
    .expect("read");
    let many = text.replace("{answer: no}", "{answer: no, colour: red}");
    let entries = text.matches("{answer: no}").count();
    let mut text = many;
    for i in 0..150 - entries.min(150) {
        text = text.replace(
            "answers:\n",
            &format!("answers:\n  extra_{i}: {{answr: no}}\n"),
        );
    }
    let problems = answers::parse(&text, Format::Yaml).expect_err("refused");
    let notes: Vec<_> = problems
        .iter()
        .filter(|p| {
            p.message
                .starts_with("checking stopped before the end of the file")
        })
        .collect();
    assert_eq!(notes.len(), 1, "{problems:#?}");
    assert!(notes[0].position.is_none());
    // Each misspelt `answer` takes two readings (misspelt, then missing): about fifty.
    assert!((40..=101).contains(&problems.len()), "{}", problems.len());
}
