//! Scoring saved screenings in bulk: which files, scoring one, and the parallel ordered run.
//!
//! [`inputs`] turns the command line's paths into a sorted list of inputs; [`score_input`]
//! reads, parses, checks and scores one of them, never panicking and never stopping the
//! batch; [`pipeline`] runs that on every core while handing results back in input order.

pub mod inputs;
pub mod pipeline;

use std::io;
use std::path::Path;

use crate::answers::{self, Details, Format, Screening, Status, check, parse};
use crate::diagnostic::{Problem, sorted};
use crate::engine::{Assessment, Responses, assess};
use crate::language::{self, Finding, PhraseList};
use crate::questionnaire::{self, BUNDLED, Questionnaire};
use crate::store::{self, ReadError};

pub use inputs::Input;

/// The questionnaires a batch can score against: the bundled ones, or one given by the user.
pub struct Catalogue {
    bundled: Vec<Questionnaire>,
    /// `--questionnaire`: every file must have been made with this one.
    given: Option<Questionnaire>,
    /// Other versions, used for the screenings whose id and version they match.
    versions: Vec<Questionnaire>,
}

impl Catalogue {
    /// The bundled questionnaires, and `given` if the user named one.
    pub fn new(given: Option<Questionnaire>) -> Result<Catalogue, Vec<Problem>> {
        let bundled = BUNDLED
            .iter()
            .map(|b| questionnaire::from_str(b.text))
            .collect::<Result<_, _>>()?;
        Ok(Catalogue {
            bundled,
            given,
            versions: Vec::new(),
        })
    }

    /// The bundled questionnaires, and `versions` for the screenings made with exactly one of
    /// them (same id and version); others use the bundled questionnaire of their id.
    pub fn with_versions(versions: Vec<Questionnaire>) -> Result<Catalogue, Vec<Problem>> {
        let mut c = Catalogue::new(None)?;
        c.versions = versions;
        Ok(c)
    }

    /// The questionnaire to score a screening made with questionnaire `id`, version `version`.
    fn for_stamp(&self, id: &str, version: &str) -> Result<&Questionnaire, Problem> {
        if let Some(q) = &self.given {
            // A mismatch is reported by the check, with the place it was written.
            return Ok(q);
        }
        let mut all = self.versions.iter().chain(&self.bundled);
        if let Some(q) = all.find(|q| q.id == id && q.version == version) {
            return Ok(q);
        }
        self.bundled.iter().find(|q| q.id == id).ok_or_else(|| {
            let ids: Vec<&str> = self.bundled.iter().map(|q| q.id.as_str()).collect();
            Problem::new(
                None,
                format!("this screening was made with questionnaire `{id}`, which is not bundled"),
            )
            .help(format!(
                "pass its file with --questionnaire PATH (bundled: {})",
                ids.join(", ")
            ))
        })
    }
}

/// How strict scoring is, and what else to check.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// A screening made with another version of its questionnaire is an error, not a warning.
    pub strict: bool,
    /// Check the free text for wording that blames the child (findings are warnings only:
    /// they never change the score, and `strict` does not make them errors).
    pub language: Option<&'a PhraseList>,
}

/// What happened to one input.
#[derive(Debug)]
pub struct FileResult {
    /// The path as given or found, or `-` for standard input.
    pub file: String,
    pub outcome: Result<Scored, Failure>,
}

/// A screening that was scored.
#[derive(Debug)]
pub struct Scored {
    pub details: Details,
    /// Problems that did not stop scoring (a different questionnaire version, gaps).
    pub warnings: Vec<Problem>,
    /// Wording-check findings in the free text, located in the file (with `Options::language`).
    pub language: Vec<Finding>,
    pub assessment: Assessment,
}

impl Scored {
    pub fn complete(&self) -> bool {
        self.details.status == Status::Complete
    }
}

/// Why an input was not scored.
#[derive(Debug)]
pub enum Failure {
    /// It could not be read (missing, a directory loop, permissions).
    Unreadable(String),
    /// It was read but is not a valid screening for its questionnaire: every problem.
    Invalid(Vec<Problem>),
}

/// Reads, parses, checks and scores one input.
pub fn score_input(input: &Input, catalogue: &Catalogue, options: Options<'_>) -> FileResult {
    FileResult {
        file: input.name(),
        outcome: load_input(input, catalogue, options).map(score_loaded),
    }
}

/// Reads one input and checks it against its questionnaire, ready to score.
pub fn load_input<'c>(
    input: &Input,
    catalogue: &'c Catalogue,
    options: Options<'_>,
) -> Result<Loaded<'c>, Failure> {
    match input {
        Input::Unreadable { message, .. } => Err(Failure::Unreadable(message.clone())),
        Input::Stdin => store::read_limited(io::stdin().lock(), 8 * 1024)
            .map_err(Failure::from)
            .and_then(|text| load_text(&text, Format::detect(None, &text), catalogue, options)),
        Input::File(path) => read_path(path).and_then(|text| {
            load_text(&text, Format::detect(Some(path), &text), catalogue, options)
        }),
    }
}

/// Scores the text of an answers file.
pub fn score_text(
    text: &str,
    format: Format,
    catalogue: &Catalogue,
    options: Options<'_>,
) -> Result<Scored, Failure> {
    load_text(text, format, catalogue, options).map(score_loaded)
}

fn score_loaded(loaded: Loaded<'_>) -> Scored {
    let assessment = assess(loaded.questionnaire, &loaded.responses);
    Scored {
        details: loaded.screening.screening,
        warnings: loaded.warnings,
        language: loaded.language,
        assessment,
    }
}

/// An answers file read, checked and matched with its questionnaire, ready to score.
#[derive(Debug)]
pub struct Loaded<'c> {
    pub screening: Screening,
    pub questionnaire: &'c Questionnaire,
    pub responses: Responses,
    /// Problems that do not stop scoring, with line and column.
    pub warnings: Vec<Problem>,
    /// Wording-check findings in the free text, located in the file (with `Options::language`).
    pub language: Vec<Finding>,
}

/// Parses and checks the text of an answers file against its questionnaire.
pub fn load_text<'c>(
    text: &str,
    format: Format,
    catalogue: &'c Catalogue,
    options: Options<'_>,
) -> Result<Loaded<'c>, Failure> {
    let unknown_questionnaire = |p: Problem| {
        parse::locate(
            text,
            vec![check::Located {
                locus: answers::Locus::Stamp,
                problem: p,
            }],
        )
    };
    let screening = match parse::parse_or_salvage(text, format) {
        Ok(s) => s,
        Err(rejected) => {
            // Wrong values were found; report the file's other problems with them.
            let mut problems = rejected.problems;
            if let Some(s) = rejected.salvaged {
                match catalogue.for_stamp(&s.questionnaire.id, &s.questionnaire.version) {
                    Ok(q) => {
                        if let Err(more) = check::check(&s, q) {
                            problems.extend(parse::locate(text, more));
                        }
                    }
                    Err(p) => problems.extend(unknown_questionnaire(p)),
                }
            }
            return Err(Failure::Invalid(sorted(problems)));
        }
    };
    let q = catalogue
        .for_stamp(
            &screening.questionnaire.id,
            &screening.questionnaire.version,
        )
        .map_err(|p| Failure::Invalid(unknown_questionnaire(p)))?;
    let checked = match check::check(&screening, q) {
        Ok(c) => c,
        Err(problems) => return Err(Failure::Invalid(sorted(parse::locate(text, problems)))),
    };
    let mut warnings = sorted(parse::locate(text, checked.warnings));
    if options.strict && !warnings.is_empty() {
        for w in &mut warnings {
            w.help = Some(format!(
                "{} (an error because of --strict)",
                w.help.as_deref().unwrap_or("check it")
            ));
        }
        return Err(Failure::Invalid(warnings));
    }
    let language = options.language.map_or_else(Vec::new, |list| {
        let found = language::check_screening(list, &screening);
        language::screening::locate(list, text, found)
    });
    Ok(Loaded {
        screening,
        questionnaire: q,
        responses: checked.responses,
        warnings,
        language,
    })
}

/// The text of a file, within the answers-file size limit.
pub fn read_path(path: &Path) -> Result<String, Failure> {
    store::read_text(path).map_err(Failure::from)
}

impl From<ReadError> for Failure {
    fn from(e: ReadError) -> Failure {
        match e {
            ReadError::Io(e) => Failure::Unreadable(io_message(&e)),
            ReadError::Invalid(problems) => Failure::Invalid(problems),
        }
    }
}

/// An I/O error in plain words.
pub(crate) fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied: it cannot be read".to_owned(),
        io::ErrorKind::IsADirectory => "it is a directory".to_owned(),
        _ if is_link_loop(e) => "a symbolic link loop: it leads back to itself".to_owned(),
        _ => format!("cannot read it: {e}"),
    }
}

/// ELOOP, too many levels of symbolic links (std has no stable error kind for it yet).
fn is_link_loop(e: &io::Error) -> bool {
    const ELOOP: i32 = if cfg!(any(
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd"
    )) {
        62
    } else {
        40
    };
    cfg!(unix) && e.raw_os_error() == Some(ELOOP)
}
