//! `cse-screen schema`: the JSON Schemas match the loaders. Every bundled questionnaire and
//! example file is valid against them and names them on its first line, the copies in
//! `docs/schemas/` are current, and a file the schema rejects is rejected by the loader too,
//! at the same field (mutation by mutation, over every kind of field of real files).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cse_screen::answers::{self, Format};
use cse_screen::diagnostic::Problem;
use cse_screen::questionnaire;
use serde_json::{Value, json};

use crate::common::stdout_of;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The schema as `cse-screen schema KIND` prints it.
fn schema(kind: &str) -> Value {
    serde_json::from_str(&stdout_of(&["schema", kind])).expect("the schema is JSON")
}

fn validator(kind: &str) -> jsonschema::Validator {
    jsonschema::validator_for(&schema(kind)).expect("the schema is a valid JSON Schema")
}

/// A YAML file as an editor sees it (YAML 1.2 core types), as JSON.
fn yaml_value(text: &str) -> Value {
    cse_screen::input::QUESTIONNAIRE
        .from_yaml::<Value>(text)
        .expect("YAML")
}

/// A YAML or JSON file as JSON.
fn file_value(path: &Path) -> Value {
    let text = read(path);
    if path.extension().is_some_and(|e| e == "json") {
        serde_json::from_str(&text).expect("JSON")
    } else {
        yaml_value(&text)
    }
}

fn files(dir: &str, ext: &[&str]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .expect(dir)
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| ext.contains(&e))
        })
        .collect();
    out.sort();
    out
}

fn questionnaire_files() -> Vec<PathBuf> {
    let mut all = files("questionnaires", &["yaml"]);
    all.push(root().join("examples/questionnaire-minimal.yaml"));
    all.push(root().join("examples/questionnaire-format-2.yaml"));
    all
}

fn answers_files() -> Vec<PathBuf> {
    let mut all = crate::common::answer_files();
    all.extend(files("examples/training", &["yaml"]));
    all
}

/// Every problem the schema finds, as `pointer: message` lines.
fn schema_errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn the_schemas_in_docs_are_what_the_command_prints() {
    for (kind, file) in [
        ("questionnaire", "questionnaire.schema.json"),
        ("answers", "answers.schema.json"),
    ] {
        let printed = stdout_of(&["schema", kind]);
        let kept = read(&root().join("docs/schemas").join(file));
        assert!(
            printed == kept,
            "docs/schemas/{file} is out of date: run `cargo run -- schema {kind} > docs/schemas/{file}`"
        );
        let v: Value = serde_json::from_str(&printed).unwrap();
        assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert_eq!(v["additionalProperties"], false, "{kind}: unknown fields");
    }
}

#[test]
fn every_bundled_questionnaire_and_example_is_valid_against_the_schema() {
    let q = validator("questionnaire");
    let mut checked = 0;
    for path in questionnaire_files() {
        let errors = schema_errors(&q, &yaml_value(&read(&path)));
        assert!(
            errors.is_empty(),
            "{}:\n{}",
            path.display(),
            errors.join("\n")
        );
        checked += 1;
    }
    assert_eq!(
        checked, 6,
        "four bundled questionnaires and the two examples"
    );

    let a = validator("answers");
    let mut checked = 0;
    for path in answers_files() {
        let errors = schema_errors(&a, &file_value(&path));
        assert!(
            errors.is_empty(),
            "{}:\n{}",
            path.display(),
            errors.join("\n")
        );
        checked += 1;
    }
    assert!(checked >= 35, "only {checked} example answers files");
}

/// The relative path from `file` to `docs/schemas/NAME`.
fn schema_path_from(file: &Path, name: &str) -> String {
    let rel = file.strip_prefix(root()).unwrap();
    let depth = rel.components().count() - 1;
    format!("{}docs/schemas/{name}", "../".repeat(depth))
}

#[test]
fn every_bundled_questionnaire_and_example_names_its_schema_on_the_first_line() {
    for (paths, name) in [
        (questionnaire_files(), "questionnaire.schema.json"),
        (answers_files(), "answers.schema.json"),
    ] {
        for path in paths {
            let text = read(&path);
            let target = schema_path_from(&path, name);
            assert!(
                path.parent().unwrap().join(&target).is_file(),
                "{target} from {}",
                path.display()
            );
            if path.extension().is_some_and(|e| e == "json") {
                let v: Value = serde_json::from_str(&text).unwrap();
                assert_eq!(v["$schema"], target.as_str(), "{}", path.display());
            } else {
                let first = text.lines().next().unwrap_or_default();
                assert_eq!(
                    first,
                    format!("# yaml-language-server: $schema={target}"),
                    "{}",
                    path.display()
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Schema rejects => loader rejects, at the same field.

/// JSON printed one value per line, with the line each value starts on, by JSON pointer. JSON
/// is YAML, so the same text feeds the YAML loader and the JSON one.
struct Printed {
    text: String,
    lines: Vec<(String, u64)>,
    /// The line the text ends on, kept as it grows (counting it each time was quadratic).
    line: u64,
}

impl Printed {
    fn new(value: &Value) -> Printed {
        let mut p = Printed {
            text: String::new(),
            lines: Vec::new(),
            line: 1,
        };
        p.value(value, "", 0);
        p.push("\n");
        p
    }

    fn push(&mut self, s: &str) {
        self.line += s.matches('\n').count() as u64;
        self.text.push_str(s);
    }

    fn value(&mut self, value: &Value, pointer: &str, indent: usize) {
        self.lines.push((pointer.to_owned(), self.line));
        let pad = "  ".repeat(indent + 1);
        match value {
            Value::Object(map) if !map.is_empty() => {
                self.push("{\n");
                for (i, (k, v)) in map.iter().enumerate() {
                    self.push(&format!("{pad}{}: ", Value::from(k.as_str())));
                    let key = k.replace('~', "~0").replace('/', "~1");
                    self.value(v, &format!("{pointer}/{key}"), indent + 1);
                    self.push(if i + 1 < map.len() { ",\n" } else { "\n" });
                }
                self.push(&format!("{}}}", "  ".repeat(indent)));
            }
            Value::Array(items) if !items.is_empty() => {
                self.push("[\n");
                for (i, v) in items.iter().enumerate() {
                    self.push(&pad);
                    self.value(v, &format!("{pointer}/{i}"), indent + 1);
                    self.push(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                self.push(&format!("{}]", "  ".repeat(indent)));
            }
            other => self.push(&other.to_string()),
        }
    }
}

/// One change to a valid file, at the value `pointer` names.
#[derive(Debug, Clone)]
enum Change {
    Replace(Value),
    Remove,
    AddKey,
}

const UNKNOWN_KEY: &str = "zz_unknown_field";

/// The changes tried on a value: a wrong type for each kind, out-of-range and malformed
/// values, and for maps an unknown field and each field left out.
fn changes(value: &Value) -> Vec<Change> {
    let wrong: Vec<Value> = match value {
        Value::String(_) => vec![
            json!(12345),
            json!(""),
            json!("   "),
            json!("Not An Id!"),
            json!(true),
            json!(null),
            json!(["x"]),
        ],
        Value::Number(_) => vec![
            json!(-1),
            json!(0),
            json!(4_294_967_296_u64),
            json!(1.5),
            json!("7"),
            json!(null),
        ],
        Value::Bool(_) => vec![json!("yes"), json!(1), json!(null)],
        Value::Array(_) => vec![
            json!([]),
            json!({}),
            json!("x"),
            json!([12345]),
            json!(null),
        ],
        Value::Object(map) => {
            // A list of the values: serde would read a struct from it, by position.
            let values: Vec<Value> = map.values().cloned().collect();
            vec![json!([]), Value::Array(values), json!("x"), json!(null)]
        }
        Value::Null => vec![],
    };
    let mut out: Vec<Change> = wrong.into_iter().map(Change::Replace).collect();
    if value.is_object() {
        out.push(Change::AddKey);
    }
    out
}

/// The pointer with array indices as `*`: the field's place in the format, not in the file.
fn shape(pointer: &str) -> String {
    pointer
        .split('/')
        .map(|s| if s.parse::<usize>().is_ok() { "*" } else { s })
        .collect::<Vec<_>>()
        .join("/")
}

/// Every pointer in `value` whose shape has not been seen, in document order: each field of
/// the format once (the first rule of each kind, the first indicator with windows, ...).
fn fields(value: &Value, pointer: &str, seen: &mut BTreeSet<String>, out: &mut Vec<String>) {
    // Map keys chosen by the author (answer and profile ids, weights' windows) are one field.
    let segments: Vec<String> = shape(pointer).split('/').map(str::to_owned).collect();
    let generic = segments
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let parent = i.checked_sub(1).map_or("", |p| segments[p].as_str());
            if ["answers", "profile", "weights", "follow_up"].contains(&parent) && s != "*" {
                "{id}"
            } else {
                s.as_str()
            }
        })
        .collect::<Vec<_>>()
        .join("/");
    if !pointer.is_empty() && !seen.insert(generic) {
        return;
    }
    if !pointer.is_empty() {
        out.push(pointer.to_owned());
    }
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                fields(v, &format!("{pointer}/{k}"), seen, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                fields(v, &format!("{pointer}/{i}"), seen, out);
            }
        }
        _ => {}
    }
}

fn apply(original: &Value, pointer: &str, change: &Change) -> Value {
    let mut v = original.clone();
    match change {
        Change::Replace(new) => *v.pointer_mut(pointer).unwrap() = new.clone(),
        Change::AddKey => {
            v.pointer_mut(pointer)
                .unwrap()
                .as_object_mut()
                .unwrap()
                .insert(UNKNOWN_KEY.to_owned(), json!("x"));
        }
        Change::Remove => {
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            let parent = v.pointer_mut(parent).unwrap();
            match parent {
                Value::Object(map) => {
                    map.remove(key);
                }
                Value::Array(items) => {
                    items.remove(key.parse::<usize>().unwrap());
                }
                _ => unreachable!(),
            }
        }
    }
    v
}

/// Runs every change on every field of `original`; for each the schema rejects, the loader
/// (`load`) must reject the printed file too, with a problem on the line of the changed field
/// or naming it. Returns how many changes the schema rejected.
fn schema_rejects_then_loader_rejects(
    validator: &jsonschema::Validator,
    original: &Value,
    load: &dyn Fn(&str) -> Result<(), Vec<Problem>>,
) -> usize {
    assert!(validator.is_valid(original));
    let printed = Printed::new(original);
    load(&printed.text).expect("the original, printed as JSON, loads");

    let mut targets = Vec::new();
    fields(original, "", &mut BTreeSet::new(), &mut targets);
    let mut rejected = 0;
    let mut failures = Vec::new();
    for pointer in &targets {
        let value = original.pointer(pointer).unwrap();
        let mut all = changes(value);
        all.push(Change::Remove);
        for change in all {
            let changed = apply(original, pointer, &change);
            if validator.is_valid(&changed) {
                continue; // only what the schema rejects is checked here
            }
            rejected += 1;
            // What the schema says, for a failure's message only.
            let errors = || schema_errors(validator, &changed).join("; ");
            let p = Printed::new(&changed);
            let at = match &change {
                Change::AddKey => format!("{pointer}/{UNKNOWN_KEY}"),
                Change::Remove => pointer.rsplit_once('/').unwrap().0.to_owned(),
                Change::Replace(_) => pointer.clone(),
            };
            // The changed value's lines: a wrong item of a list is on the line after the list's.
            let lines: BTreeSet<u64> = p
                .lines
                .iter()
                .filter(|(q, _)| *q == at || q.starts_with(&format!("{at}/")))
                .map(|(_, l)| *l)
                .collect();
            // The field: the key changed, or the list an item was taken from.
            let field = match &change {
                Change::AddKey => UNKNOWN_KEY,
                Change::Remove => pointer
                    .rsplit('/')
                    .find(|s| s.parse::<usize>().is_err())
                    .unwrap(),
                Change::Replace(_) => pointer.rsplit('/').next().unwrap(),
            };
            match load(&p.text) {
                Ok(()) => failures.push(format!(
                    "{pointer} {change:?}: the schema rejects it ({}) but the loader accepts it",
                    errors()
                )),
                Err(problems) => {
                    let same_field = problems.iter().any(|pr| {
                        pr.position.is_some_and(|at| lines.contains(&at.line))
                            || pr.message.contains(&format!("`{field}`"))
                    });
                    if !same_field {
                        let found: Vec<String> = problems
                            .iter()
                            .map(|pr| {
                                let at = pr.position.map_or(0, |p| p.line);
                                format!("{at}: {}", pr.message)
                            })
                            .collect();
                        failures.push(format!(
                            "{pointer} {change:?}: schema: {}; loader, not at lines \
                             {lines:?} nor naming `{field}`: {}",
                            errors(),
                            found.join(" | ")
                        ));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {rejected} changes:\n{}",
        failures.len(),
        failures.join("\n")
    );
    rejected
}

#[test]
fn a_questionnaire_the_schema_rejects_is_rejected_by_the_loader_at_the_same_field() {
    let v = validator("questionnaire");
    for name in [
        "questionnaires/oxfordshire-cse.yaml",
        "examples/questionnaire-minimal.yaml",
    ] {
        let original = yaml_value(&read(&root().join(name)));
        let load = |text: &str| questionnaire::from_str(text).map(|_| ());
        let rejected = schema_rejects_then_loader_rejects(&v, &original, &load);
        assert!(
            rejected > 300,
            "{name}: only {rejected} changes were rejected"
        );
    }
}

#[test]
fn an_answers_file_the_schema_rejects_is_rejected_by_the_loader_at_the_same_field() {
    let v = validator("answers");
    let q = crate::common::bundled("oxfordshire-cse");
    // Between them: every top-level part, windows, basis, notes, follow-ups, a judgement and
    // actions; and the JSON example, read by the JSON parser.
    for name in [
        "examples/answers/oxfordshire-09-judgement-raised.yaml",
        "examples/training/01-looked-after-repeatedly-missing.yaml",
        "examples/answers/oxfordshire-01-low-vulnerabilities-only.json",
    ] {
        let original = file_value(&root().join(name));
        for format in [Format::Json, Format::Yaml] {
            let load = |text: &str| -> Result<(), Vec<Problem>> {
                let s = answers::parse::parse(text, format)?;
                answers::check(&s, &q)
                    .map(|_| ())
                    .map_err(|located| answers::parse::locate(text, located))
            };
            let rejected = schema_rejects_then_loader_rejects(&v, &original, &load);
            assert!(
                rejected > 60,
                "{name}: only {rejected} changes were rejected"
            );
        }
    }
}

/// YAML typing, which JSON text cannot show: what the editor marks, the loader refuses.
#[test]
fn yaml_scalars_mean_the_same_to_the_schema_and_the_loader() {
    let v = validator("questionnaire");
    let text = read(&root().join("questionnaires/oxfordshire-cse.yaml"));
    for (from, to) in [
        ("\nversion: 2.8.0\n", "\nversion: 1.0\n"),
        ("\nversion: 2.8.0\n", "\nversion: 2\n"),
        ("  when_rising: true\n", "  when_rising: yes\n"),
        ("  when_rising: true\n", "  when_rising: on\n"),
        (
            "\njurisdiction: Oxfordshire, England\n",
            "\njurisdiction: true\n",
        ),
    ] {
        assert!(text.contains(from), "{from}");
        let changed = text.replacen(from, to, 1);
        assert!(!v.is_valid(&yaml_value(&changed)), "schema accepts {to:?}");
        let problems = questionnaire::from_str(&changed).expect_err(to);
        let line = changed[..changed.find(to).unwrap() + 1]
            .matches('\n')
            .count() as u64
            + 1;
        assert!(
            problems
                .iter()
                .any(|p| p.position.is_some_and(|at| at.line == line)),
            "{to:?}: {problems:?}"
        );
    }
    // And the other way: `yes` is text to both, so an answer of yes is an answer of yes.
    let a = validator("answers");
    let yes = read(&root().join("examples/answers/oxfordshire-09-judgement-raised.yaml"));
    assert!(yes.contains("answer: yes"));
    assert!(a.is_valid(&yaml_value(&yes)));
    // A number in quotes is text to both: the editor marks it, the loader refuses it.
    for fixture in [
        "a-follow-up-quoted.yaml",
        "a-follow-up-quoted-hex.yaml",
        "a-age-quoted.yaml",
    ] {
        let quoted = read(&root().join("tests/fixtures/invalid").join(fixture));
        assert!(
            !a.is_valid(&yaml_value(&quoted)),
            "schema accepts {fixture}"
        );
        assert!(
            answers::parse(&quoted, Format::Yaml).is_err(),
            "loader accepts {fixture}"
        );
        let unquoted = quoted
            .replace("\"3\"", "3")
            .replace("'0x10'", "16")
            .replace("\"15\"", "15");
        assert!(
            a.is_valid(&yaml_value(&unquoted)),
            "schema refuses {fixture} unquoted"
        );
        assert!(
            answers::parse(&unquoted, Format::Yaml).is_ok(),
            "loader refuses {fixture} unquoted"
        );
    }
}

#[test]
fn a_schema_named_in_the_file_is_kept_when_the_screening_is_saved_again() {
    let path = root().join("examples/answers/oxfordshire-01-low-vulnerabilities-only.json");
    let s = answers::parse(&read(&path), Format::Json).unwrap();
    assert_eq!(
        s.schema.as_deref(),
        Some("../../docs/schemas/answers.schema.json")
    );
    // As `screen --resume` saves it: YAML, `$schema` the first field.
    let yaml = cse_screen::store::to_yaml(&s).unwrap();
    let first = yaml.lines().find(|l| !l.starts_with('#')).unwrap();
    assert_eq!(first, "$schema: ../../docs/schemas/answers.schema.json");
    assert_eq!(crate::common::screening_of(&yaml).unwrap(), s);
}

#[test]
fn dates_are_exactly_yyyy_mm_dd() {
    for good in ["2026-11-24", "2024-02-29"] {
        assert!(answers::parse_date(good).is_some(), "{good}");
    }
    for bad in [
        "20261124",
        "+002026-11-24",
        "2026-11-24T10:00",
        " 2026-11-24",
        "2026-1-5",
        "2026-02-30",
        "2025-02-29",
        "",
    ] {
        assert!(answers::parse_date(bad).is_none(), "{bad}");
    }
}
