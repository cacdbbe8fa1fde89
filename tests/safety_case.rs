//! The safety case, docs/safety-case.md, names tests as the evidence for its controls. These
//! tests keep it honest: every test it cites exists (a `#[test]` function, or one in a
//! `proptest!` block, in the file it names), every hazard has each field of the log, its
//! ratings match the risk matrix, every built control marked `test` cites a test, and every
//! hazard has a status that names an issue when work remains.
//!
//! A citation is `` `FILE::TEST` ``: the file from the repository root, ending in `.rs`, and
//! the test function's name.

use std::path::Path;

use regex::Regex;

const DOC: &str = "docs/safety-case.md";

/// The kinds of control in DCB0129's terms.
const KINDS: [&str; 4] = ["design", "test", "information", "training"];

/// The fields every hazard entry has, in the words the log uses.
const FIELDS: [&str; 7] = [
    "**Hazard.**",
    "**Causes.**",
    "**Effect on the child.**",
    "**Initial risk.**",
    "**Controls.**",
    "**Residual risk.**",
    "**Status.**",
];

const SEVERITIES: [&str; 5] = [
    "Minor",
    "Significant",
    "Considerable",
    "Major",
    "Catastrophic",
];

/// The standard 5 x 5 matrix: rows are likelihood, columns severity (in `SEVERITIES` order).
const MATRIX: [(&str, [u8; 5]); 5] = [
    ("Very high", [3, 4, 4, 5, 5]),
    ("High", [2, 3, 3, 4, 5]),
    ("Medium", [2, 2, 3, 3, 4]),
    ("Low", [1, 2, 2, 3, 4]),
    ("Very low", [1, 1, 2, 2, 3]),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn doc() -> String {
    std::fs::read_to_string(root().join(DOC)).unwrap_or_else(|e| panic!("{DOC}: {e}"))
}

/// A test named in the document: where (1-based line), which file, which function.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Citation {
    line: usize,
    file: String,
    name: String,
}

impl Citation {
    fn key(&self) -> String {
        format!("{}::{}", self.file, self.name)
    }
}

fn citation_pattern() -> Regex {
    Regex::new(r"`([A-Za-z0-9_][A-Za-z0-9_./-]*\.rs)::([A-Za-z_][A-Za-z0-9_]*)`").expect("regex")
}

/// Every `` `FILE.rs::name` `` in `text`, with its line.
fn citations(text: &str) -> Vec<Citation> {
    let re = citation_pattern();
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        for c in re.captures_iter(line) {
            found.push(Citation {
                line: n + 1,
                file: c[1].to_owned(),
                name: c[2].to_owned(),
            });
        }
    }
    found
}

/// Whether `line` declares the function `name` (`fn name(`, `pub fn name<`, ...). A comment
/// that mentions it does not: the line must start with the declaration.
fn declares(line: &str, name: &str) -> bool {
    let mut rest = line.trim_start();
    for prefix in ["pub(crate) ", "pub ", "async "] {
        rest = rest.strip_prefix(prefix).unwrap_or(rest);
    }
    rest.strip_prefix("fn ")
        .and_then(|r| r.strip_prefix(name))
        .is_some_and(|r| r.trim_start().starts_with(['(', '<']))
}

/// Whether the attributes, doc comments and comments just above a declaration include
/// `#[test]`.
fn marked_test(above: &[&str]) -> bool {
    for line in above.iter().rev() {
        let t = line.trim();
        if t.starts_with("#[test]") {
            return true;
        }
        if !(t.starts_with("#[") || t.starts_with("//")) {
            return false;
        }
    }
    false
}

/// Whether the end of `above` lies inside a `proptest! { ... }` block: the braces opened since
/// the last line starting with `proptest!` are not all closed.
fn inside_proptest(above: &[&str]) -> bool {
    let Some(start) = above
        .iter()
        .rposition(|l| l.trim_start().starts_with("proptest!"))
    else {
        return false;
    };
    let mut depth = 0i64;
    for line in &above[start..] {
        let code = line.split("//").next().unwrap_or(line);
        depth += code.matches('{').count() as i64;
        depth -= code.matches('}').count() as i64;
    }
    depth > 0
}

/// Whether `source` defines a test function called `name`.
fn defines_test(source: &str, name: &str) -> bool {
    let lines: Vec<&str> = source.lines().collect();
    lines.iter().enumerate().any(|(i, line)| {
        declares(line, name) && (marked_test(&lines[..i]) || inside_proptest(&lines[..i]))
    })
}

/// Why `c` does not name a test in this repository, if it does not.
fn missing(c: &Citation) -> Option<String> {
    if c.file.starts_with('/') || c.file.split('/').any(|part| part == "..") {
        return Some(format!("`{}` must be a path inside the repository", c.file));
    }
    let path = root().join(&c.file);
    let Ok(source) = std::fs::read_to_string(&path) else {
        return Some(format!("`{}` does not exist", c.file));
    };
    (!defines_test(&source, &c.name))
        .then(|| format!("`{}` has no test function `{}`", c.file, c.name))
}

#[test]
fn every_test_the_safety_case_cites_exists() {
    let text = doc();
    let cited = citations(&text);
    assert!(
        cited.len() >= 40,
        "only {} citations found in {DOC}: has the citation syntax changed?",
        cited.len()
    );
    let mut problems = Vec::new();
    for c in &cited {
        if let Some(why) = missing(c) {
            problems.push(format!("{DOC}:{}: {why}", c.line));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s) with the tests the safety case cites:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// One hazard entry: its id, the line of its heading, and its lines (1-based numbers).
struct Hazard<'a> {
    id: String,
    line: usize,
    lines: Vec<(usize, &'a str)>,
}

/// The hazard entries: each runs from a `## Hnn ` heading to the next `## ` heading.
fn hazards(text: &str) -> Vec<Hazard<'_>> {
    let heading = Regex::new(r"^## (H\d{2}) \S").expect("regex");
    let mut found: Vec<Hazard<'_>> = Vec::new();
    let mut current: Option<Hazard<'_>> = None;
    for (n, line) in text.lines().enumerate() {
        if line.starts_with("## ") {
            found.extend(current.take());
            if let Some(c) = heading.captures(line) {
                current = Some(Hazard {
                    id: c[1].to_owned(),
                    line: n + 1,
                    lines: Vec::new(),
                });
            }
        } else if let Some(h) = current.as_mut() {
            h.lines.push((n + 1, line));
        }
    }
    found.extend(current);
    found
}

/// The rating the matrix gives, if the names are on it.
fn rating(severity: &str, likelihood: &str) -> Option<u8> {
    let s = SEVERITIES.iter().position(|x| *x == severity)?;
    MATRIX
        .iter()
        .find(|(l, _)| *l == likelihood)
        .map(|(_, row)| row[s])
}

/// Every problem with the structure of one hazard entry.
fn entry_problems(h: &Hazard<'_>) -> Vec<String> {
    let risk = Regex::new(
        r"Severity (Minor|Significant|Considerable|Major|Catastrophic), likelihood (Very low|Low|Medium|High|Very high), rating ([1-5])\b",
    )
    .expect("regex");
    let control = Regex::new(r"^- \*\*C(\d+) \(([^)]*)\)\.\*\*").expect("regex");
    let issue = Regex::new(r"\bissues? \d+").expect("regex");
    let cite = citation_pattern();
    let at = |line: usize, what: String| format!("{DOC}:{line}: {}: {what}", h.id);
    let mut problems = Vec::new();

    for field in FIELDS {
        let n = h.lines.iter().filter(|(_, l)| l.starts_with(field)).count();
        if n != 1 {
            problems.push(at(h.line, format!("{n} lines start with {field}, not 1")));
        }
    }

    for (n, line) in &h.lines {
        for label in ["**Initial risk.**", "**Residual risk.**"] {
            if let Some(rest) = line.strip_prefix(label) {
                match risk.captures(rest) {
                    None => problems.push(at(
                        *n,
                        format!(
                            "{label} must read `Severity S, likelihood L, rating N` with the matrix's names"
                        ),
                    )),
                    Some(c) => {
                        let want = rating(&c[1], &c[2]);
                        let got = c[3].parse::<u8>().ok();
                        if want != got {
                            problems.push(at(
                                *n,
                                format!(
                                    "{} x {} is rated {} on the matrix, not {}",
                                    &c[1],
                                    &c[2],
                                    want.unwrap_or(0),
                                    &c[3]
                                ),
                            ));
                        }
                    }
                }
            }
        }
    }

    // Controls: each runs from its `- **Cn (kind).**` line to the next control or field.
    let mut controls: Vec<(usize, String, Vec<&str>)> = Vec::new();
    let mut in_control = false;
    for (n, line) in &h.lines {
        if let Some(c) = control.captures(line) {
            controls.push((*n, c[2].to_owned(), vec![*line]));
            in_control = true;
        } else if line.starts_with("**") {
            in_control = false;
        } else if in_control && let Some(last) = controls.last_mut() {
            last.2.push(line);
        }
    }
    if controls.is_empty() {
        problems.push(at(
            h.line,
            "no controls (`- **C1 (kind).** ...`)".to_owned(),
        ));
    }
    let mut any_open = false;
    for (n, marks, body) in &controls {
        let kind = marks.split(';').next().unwrap_or("").trim();
        if !KINDS.contains(&kind) {
            problems.push(at(
                *n,
                format!("control kind `{kind}` is not one of {KINDS:?}"),
            ));
        }
        let open = marks.contains("open");
        any_open |= open;
        if open && !issue.is_match(marks) {
            problems.push(at(*n, "an open control must name its issue".to_owned()));
        }
        let text = body.join("\n");
        if !text.contains("Evidence:") {
            problems.push(at(*n, "a control needs an `Evidence:` line".to_owned()));
        }
        if kind == "test" && !open && !cite.is_match(&text) {
            problems.push(at(*n, "a control marked `test` cites no test".to_owned()));
        }
    }

    match h.lines.iter().find(|(_, l)| l.starts_with("**Status.**")) {
        None => {}
        Some((n, line)) => {
            let status = line["**Status.**".len()..].trim();
            let known = ["controlled", "partly controlled", "open"]
                .iter()
                .find(|s| status == **s || status.starts_with(&format!("{s} (")));
            match known {
                None => problems.push(at(
                    *n,
                    format!(
                        "status `{status}` is not controlled, partly controlled (issue N) or open (issue N)"
                    ),
                )),
                Some(&"controlled") => {
                    if status != "controlled" {
                        problems.push(at(*n, "write `controlled` alone".to_owned()));
                    }
                    if any_open {
                        problems.push(at(
                            *n,
                            "a hazard with an open control is not controlled".to_owned(),
                        ));
                    }
                }
                Some(_) => {
                    if !issue.is_match(status) {
                        problems.push(at(*n, "say which issue holds the work left".to_owned()));
                    }
                }
            }
        }
    }
    problems
}

/// Where the summary table at the top disagrees with an entry: each hazard has one row,
/// `| Hnn | hazard | initial rating | residual rating | status |`, that matches its entry.
fn summary_problems(text: &str) -> Vec<String> {
    let rated = Regex::new(r"rating ([1-5])").expect("regex");
    let mut problems = Vec::new();
    for h in hazards(text) {
        let field = |label: &str| {
            h.lines
                .iter()
                .find_map(|(_, l)| l.strip_prefix(label))
                .unwrap_or("")
                .trim()
                .to_owned()
        };
        let rating_of = |label: &str| {
            rated
                .captures(&field(label))
                .map_or(String::new(), |c| c[1].to_owned())
        };
        let want = [
            rating_of("**Initial risk.**"),
            rating_of("**Residual risk.**"),
            field("**Status.**"),
        ];
        let rows: Vec<(usize, Vec<&str>)> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.starts_with(&format!("| {} |", h.id)))
            .map(|(n, l)| (n + 1, l.split('|').map(str::trim).collect()))
            .collect();
        match rows.as_slice() {
            [(n, cells)] if cells.len() == 7 => {
                if cells[3..6] != want {
                    problems.push(format!(
                        "{DOC}:{n}: the summary says {:?} for {}, its entry (line {}) {want:?}",
                        &cells[3..6],
                        h.id,
                        h.line
                    ));
                }
            }
            _ => problems.push(format!(
                "{DOC}: {} needs one summary row `| {} | hazard | initial | residual | status |`",
                h.id, h.id
            )),
        }
    }
    problems
}

/// Every problem with the hazard entries of `text`: their fields, ratings, controls and
/// status, and ids that run H01, H02, ... without a gap.
fn structure_problems(text: &str) -> Vec<String> {
    let all = hazards(text);
    let mut problems = Vec::new();
    if all.is_empty() {
        problems.push(format!("{DOC}: no hazard entries (`## H01 ...`)"));
    }
    for (k, h) in all.iter().enumerate() {
        let want = format!("H{:02}", k + 1);
        if h.id != want {
            problems.push(format!(
                "{DOC}:{}: {} where {want} was expected",
                h.line, h.id
            ));
        }
        problems.extend(entry_problems(h));
    }
    problems
}

#[test]
fn every_hazard_has_its_fields_a_matching_rating_a_status_and_tests_for_its_test_controls() {
    let text = doc();
    assert!(
        hazards(&text).len() >= 10,
        "the log has fewer than the ten hazards issue 16 names"
    );
    let mut problems = structure_problems(&text);
    problems.extend(summary_problems(&text));
    assert!(
        problems.is_empty(),
        "{} problem(s) in the hazard log:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The checks above would pass on anything if they found nothing: these show each one bites.
#[test]
fn the_safety_case_checks_find_what_they_look_for() {
    // A test is a `#[test]` function, or one in a `proptest!` block; a mention is not.
    let source = [
        "#[test]",
        "fn real() {}",
        "",
        "/// doc",
        "#[test]",
        "#[ignore]",
        "pub fn also_real() {}",
        "fn helper() {}",
        "// #[test]",
        "// fn commented_out() {}",
        "#[test]",
        "// fn in_a_comment() {}",
        "fn after_a_comment() {}",
        "proptest! {",
        "    #![proptest_config(c())]",
        "    fn in_proptest(x in 0..1u8) {",
        "        let _ = x;",
        "    }",
        "}",
        "fn after_proptest() {}",
    ]
    .join("\n");
    let source = source.as_str();
    for name in ["real", "also_real", "after_a_comment", "in_proptest"] {
        assert!(defines_test(source, name), "{name} is a test");
    }
    for name in [
        "helper",
        "commented_out",
        "in_a_comment",
        "after_proptest",
        "absent",
        "rea",
    ] {
        assert!(!defines_test(source, name), "{name} is not a test");
    }

    // Citations: backticked FILE.rs::name, each with its line.
    let cited =
        citations("a `tests/x.rs::one` and\n`src/y.rs::two`, not `x::y` or tests/z.rs::three");
    assert_eq!(
        cited.iter().map(|c| (c.line, c.key())).collect::<Vec<_>>(),
        [
            (1, "tests/x.rs::one".to_owned()),
            (2, "src/y.rs::two".to_owned())
        ]
    );
    assert!(
        missing(&Citation {
            line: 1,
            file: "tests/safety_case.rs".to_owned(),
            name: "every_test_the_safety_case_cites_exists".to_owned(),
        })
        .is_none()
    );
    for (file, name) in [
        ("tests/safety_case.rs", "no_such_test"),
        ("tests/safety_case.rs", "defines_test"),
        ("tests/no_such_file.rs", "x"),
        ("../outside.rs", "x"),
    ] {
        let c = Citation {
            line: 1,
            file: file.to_owned(),
            name: name.to_owned(),
        };
        assert!(missing(&c).is_some(), "{file}::{name} should be missing");
    }

    // Structure: a good entry passes; each fault is found.
    let good = [
        "## H01 A hazard",
        "",
        "**Hazard.** x",
        "",
        "**Causes.** x",
        "",
        "**Effect on the child.** x",
        "",
        "**Initial risk.** Severity Major, likelihood High, rating 4.",
        "",
        "**Controls.**",
        "- **C1 (test).** x.",
        "  Evidence: `tests/a.rs::b`.",
        "- **C2 (design; open, issue 17).** y.",
        "  Evidence: none yet.",
        "",
        "**Residual risk.** Severity Major, likelihood Low, rating 3.",
        "",
        "**Status.** partly controlled (issue 17)",
        "",
        "## Gaps",
    ]
    .join("\n");
    let good = good.as_str();
    assert_eq!(structure_problems(good), Vec::<String>::new());
    let with_row = format!("| H01 | A hazard | 4 | 3 | partly controlled (issue 17) |\n{good}");
    assert_eq!(summary_problems(&with_row), Vec::<String>::new());
    assert!(!summary_problems(good).is_empty(), "no summary row");
    let wrong = with_row.replacen("| 4 | 3 |", "| 4 | 2 |", 1);
    assert!(
        !summary_problems(&wrong).is_empty(),
        "a wrong residual rating"
    );
    for (fault, from, to) in [
        ("no test", "`tests/a.rs::b`", "the tests"),
        (
            "a wrong rating",
            "likelihood High, rating 4",
            "likelihood High, rating 3",
        ),
        ("a kind", "(test)", "(testing)"),
        ("no issue", "open, issue 17)", "open)"),
        ("no status", "**Status.** partly controlled (issue 17)", ""),
        (
            "no issue in the status",
            "controlled (issue 17)",
            "controlled",
        ),
        (
            "controlled with work open",
            "partly controlled (issue 17)",
            "controlled",
        ),
        ("no evidence", "Evidence: none yet.", "none yet."),
        ("no causes", "**Causes.** x", "Causes: x"),
        ("a gap in the ids", "## H01", "## H02"),
    ] {
        assert!(good.contains(from), "{fault}: `{from}` not in the sample");
        let bad = good.replacen(from, to, 1);
        assert!(
            !structure_problems(&bad).is_empty(),
            "{fault} was not found in:\n{bad}"
        );
    }
}
