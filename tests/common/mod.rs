//! Shared by the integration tests: running the binary (`cse()`, and `.run()` for a result to
//! check), the outcomes written in `examples/answers/`, the bundled questionnaires parsed once,
//! and the property tests' settings.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use assert_cmd::Command;
use cse_screen::engine::{Answer, FactValue, Judgement, Response, Responses};
use cse_screen::questionnaire::{self, FactKind, Questionnaire, Scoring, YesNo};
use predicates::prelude::*;
use proptest::prelude::*;

/// `text` with every run of white space made one space: prose wrapped to a width, compared
/// with its line breaks taken out.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The binary, with a fixed width, no colour and no backtraces.
pub fn cse() -> Command {
    let mut cmd = Command::cargo_bin("cse-screen").expect("binary");
    cmd.env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE");
    cmd
}

/// What a run of the binary gave: its exit code and output, with checks that say what was
/// run and show both outputs when they fail. `cse().args(["score", FILE]).run().code(0)`.
#[derive(Debug, Clone)]
#[must_use]
pub struct Ran {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    what: String,
}

/// Runs a command to the end and keeps what it gave (see `Ran`).
pub trait Run {
    fn run(&mut self) -> Ran;
}

impl Run for Command {
    fn run(&mut self) -> Ran {
        let what = format!("{self:?}");
        let out = self
            .output()
            .unwrap_or_else(|e| panic!("cannot run {what}: {e}"));
        Ran {
            // A run ended by a signal has no code: -1 never matches a documented one.
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout)
                .unwrap_or_else(|e| panic!("{what}: stdout is not UTF-8: {e}")),
            stderr: String::from_utf8(out.stderr)
                .unwrap_or_else(|e| panic!("{what}: stderr is not UTF-8: {e}")),
            what,
        }
    }
}

impl Ran {
    fn fail(&self, why: &str) -> ! {
        panic!(
            "{why}\nran: {}\nexit code: {}\n--- stdout\n{}\n--- stderr\n{}",
            self.what, self.code, self.stdout, self.stderr
        )
    }

    /// The exit code is `want`.
    pub fn code(self, want: i32) -> Ran {
        if self.code != want {
            self.fail(&format!("expected exit code {want}"));
        }
        self
    }

    /// Standard output contains `text`.
    pub fn stdout_has(self, text: &str) -> Ran {
        if !self.stdout.contains(text) {
            self.fail(&format!("stdout lacks {text:?}"));
        }
        self
    }

    /// Standard error contains `text`.
    pub fn stderr_has(self, text: &str) -> Ran {
        if !self.stderr.contains(text) {
            self.fail(&format!("stderr lacks {text:?}"));
        }
        self
    }

    /// Standard error is exactly `text`.
    pub fn stderr_is(self, text: &str) -> Ran {
        if self.stderr != text {
            self.fail(&format!("stderr is not {text:?}"));
        }
        self
    }

    /// Neither output holds panic or Rust debug text (see `no_panic_text`).
    pub fn clean(self) -> Ran {
        let bad = no_panic_text();
        if !bad.eval(self.stdout.as_str()) || !bad.eval(self.stderr.as_str()) {
            self.fail("panic or debug text in the output");
        }
        self
    }
}

/// What the binary prints on stdout for `args`, run from the repository root, which must
/// succeed without panic text.
pub fn stdout_of(args: &[&str]) -> String {
    cse()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .run()
        .code(0)
        .clean()
        .stdout
}

/// Text that must never reach a user: panics and Rust debug output (`Os { code: 2, ... }`,
/// `Nodes { nodes: 250001 }`, `Some("x")`, raw `\u{1b}` escapes).
pub fn no_panic_text() -> impl Predicate<str> {
    predicate::str::contains("panicked")
        .not()
        .and(predicate::str::contains("RUST_BACKTRACE").not())
        .and(predicate::str::contains("Error {").not())
        .and(
            predicate::str::is_match(r"\b[A-Z][A-Za-z]* \{ [a-z_]+: ")
                .expect("regex")
                .not(),
        )
        .and(
            predicate::str::is_match(r"\b(Some|Ok|Err)\(")
                .expect("regex")
                .not(),
        )
        .and(predicate::str::contains('\u{1b}').not())
}

/// What an example screening says it shows, from its `# expect:` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expect {
    pub level: String,
    pub score: u32,
    pub rules: BTreeSet<String>,
}

/// The folder of example screenings.
pub fn answers_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/answers")
}

/// National example 1 (every answer no, age 13) with sexual contact answered not known
/// instead, as text: the case of a serious answer left not known.
pub fn national_01_with_sexual_contact_not_known() -> String {
    let text =
        std::fs::read_to_string(answers_dir().join("national-01-low-nothing-of-concern.yaml"))
            .expect("example");
    let (before, after) = text
        .split_once("  sexual_contact_concern:")
        .expect("answered");
    let rest = after.split_once('\n').map_or("", |(_, r)| r);
    format!("{before}  sexual_contact_concern: {{answer: not_known}}\n{rest}")
}

/// Every example screening file, sorted by name.
pub fn answer_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(answers_dir())
        .expect("examples/answers")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

/// The `# expect: level=L score=N rules=a,b` line of a YAML example.
pub fn expect_of(path: &Path) -> Expect {
    let text = std::fs::read_to_string(path).expect("read");
    let line = text
        .lines()
        .take_while(|l| l.starts_with('#'))
        .find_map(|l| l.strip_prefix("# expect: "))
        .unwrap_or_else(|| panic!("{} has no `# expect:` line", path.display()));
    let mut level = None;
    let mut score = None;
    let mut rules = BTreeSet::new();
    for part in line.split_whitespace() {
        match part.split_once('=') {
            Some(("level", l)) => level = Some(l.to_owned()),
            Some(("score", s)) => score = Some(s.parse().expect("score is a number")),
            Some(("rules", "-")) => {}
            Some(("rules", r)) => rules = r.split(',').map(str::to_owned).collect(),
            _ => panic!(
                "{}: cannot read `{part}` in the expect line",
                path.display()
            ),
        }
    }
    Expect {
        level: level.expect("level="),
        score: score.expect("score="),
        rules,
    }
}

/// The expectation for an example file; a JSON twin takes its YAML file's.
pub fn expect_for(path: &Path) -> Expect {
    if path.extension().is_some_and(|e| e == "json") {
        expect_of(&path.with_extension("yaml"))
    } else {
        expect_of(path)
    }
}

/// The user and group id of `nobody`, as which a test that needs permission bits to hold
/// runs the binary when the tests run as root (CI runs as root, and root reads and writes
/// whatever the bits say).
pub const NOBODY: u32 = 65534;

/// A folder that `nobody` can read, holding the binary (hard-linked, or copied) and a copy of
/// each of `files`: the checkout may be where `nobody` cannot go (under `/root`, say).
#[cfg(unix)]
pub fn reachable_by_nobody(files: &[&Path]) -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let exe = dir.path().join("cse-screen");
    if std::fs::hard_link(env!("CARGO_BIN_EXE_cse-screen"), &exe).is_err() {
        std::fs::copy(env!("CARGO_BIN_EXE_cse-screen"), &exe).expect("copy the binary");
    }
    for file in files {
        let name = file.file_name().expect("a file name");
        std::fs::copy(file, dir.path().join(name)).expect("copy");
    }
    dir
}

/// A command that runs the binary in `reachable` (see `reachable_by_nobody`) as `nobody`,
/// with `setpriv` (util-linux, on every Debian): add the binary's arguments.
#[cfg(unix)]
pub fn as_nobody(reachable: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new("setpriv");
    cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(reachable.join("cse-screen"));
    cmd
}

/// The bundled questionnaires, each parsed once for the whole test binary.
static BUNDLED: LazyLock<Vec<Questionnaire>> = LazyLock::new(|| {
    questionnaire::BUNDLED
        .iter()
        .map(|b| questionnaire::from_str(b.text).expect("valid"))
        .collect()
});

/// The bundled questionnaire `id` (a copy of the one parsed once).
pub fn bundled(id: &str) -> Questionnaire {
    let at = questionnaire::BUNDLED
        .iter()
        .position(|b| b.id == id)
        .unwrap_or_else(|| panic!("`{id}` is not bundled"));
    BUNDLED[at].clone()
}

/// Property-test settings: `cases` cases, sized for CI, or as many as `PROPTEST_CASES` says
/// when it is set, for a deeper run (`PROPTEST_CASES=10000 cargo test --release`). The other
/// `PROPTEST_*` variables apply as proptest documents them.
pub fn proptest_config(cases: u32) -> ProptestConfig {
    // `default()` reads the PROPTEST_* variables; only the number of cases is set here.
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = cases;
    }
    config
}

/// Random responses for `q`: any answer (or none), any windows, any follow-up values,
/// any profile, sometimes a judgement.
pub fn responses(q: &Questionnaire) -> impl Strategy<Value = Responses> + use<> {
    let answer = prop_oneof![
        Just(None),
        Just(Some(Answer::Yes)),
        Just(Some(Answer::No)),
        Just(Some(Answer::NotKnown))
    ];
    let indicators: Vec<_> = q
        .indicators
        .iter()
        .map(|ind| {
            let windows: Vec<usize> = match &ind.scoring {
                Scoring::Windows(w) => w.iter().map(|(id, _)| *id).collect(),
                Scoring::Single(_) | Scoring::Scale { .. } => Vec::new(),
            };
            let n = windows.len();
            (
                answer.clone(),
                proptest::sample::subsequence(windows, 0..=n),
                proptest::collection::vec(proptest::option::of(0u32..6), ind.follow_ups.len()),
            )
                .prop_map(|(answer, windows, follow_ups)| Response {
                    option: None,
                    answer,
                    windows,
                    follow_ups,
                })
        })
        .collect();
    let profile: Vec<_> = q
        .profile
        .iter()
        .map(|f| match f.kind {
            FactKind::Age => prop_oneof![
                Just(FactValue::NotKnown),
                (6u32..19).prop_map(FactValue::Age)
            ]
            .boxed(),
            FactKind::YesNo => prop_oneof![
                Just(FactValue::NotKnown),
                Just(FactValue::YesNo(YesNo::Yes)),
                Just(FactValue::YesNo(YesNo::No))
            ]
            .boxed(),
        })
        .collect();
    let levels = q.levels.len();
    let judgement = proptest::option::weighted(
        0.2,
        (0..levels).prop_map(|raise_to| Judgement {
            raise_to,
            reason: "Discussed with the safeguarding lead.".to_owned(),
        }),
    );
    (indicators, profile, judgement).prop_map(|(indicators, profile, judgement)| Responses {
        indicators,
        profile,
        judgement,
    })
}

/// A saved screening from its text, read as every command reads one (the loader's parse).
pub fn screening_of(
    text: &str,
) -> Result<cse_screen::answers::Screening, cse_screen::input::Failure> {
    cse_screen::screening::parse("-".to_owned(), text.to_owned(), None).map(|p| p.screening)
}

/// The saved screening at `path`, read as every command reads one.
pub fn read_screening(path: &Path) -> cse_screen::answers::Screening {
    cse_screen::screening::read(path)
        .map(|p| p.screening)
        .unwrap_or_else(|e| panic!("{} does not parse: {e:?}", path.display()))
}

/// Writes the three screenings of training case 05 (not reducing) into `dir` with the number
/// of missing episodes taken out: a yes with no number at each screening.
pub fn not_reducing_without_episode_counts(dir: &Path) {
    for n in 1..=3 {
        let file = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("examples/training/05-not-reducing-{n}.yaml"));
        let text = std::fs::read_to_string(file).expect("read");
        let at = text.find(", follow_up: {episodes: ").expect("a count");
        let end = at + text[at..].find('}').expect("its end") + 1;
        let without = format!("{}{}", &text[..at], &text[end..]);
        std::fs::write(dir.join(format!("{n}.yaml")), without).expect("write");
    }
}

/// The replies of `examples/replies/minimal.txt` (for the minimal example questionnaire),
/// without their comments: one line per question.
pub fn minimal_replies() -> Vec<String> {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/replies/minimal.txt"),
    )
    .unwrap()
    .lines()
    .filter(|l| !l.starts_with('#'))
    .map(str::to_owned)
    .collect()
}
