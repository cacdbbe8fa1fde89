//! One saved screening, from a file (or its text) to a scored screening: the one loader
//! every command uses (`score`, `explain`, `report`, `history`, `language`, `screen --resume`).
//!
//! [`read`] reads and parses a file; [`check`] matches it with its questionnaire, checks it
//! and scores it; [`load`] does both, choosing the questionnaire from a [`Catalogue`]. Only
//! [`read`] and [`load`] touch the file system; the rest is text in, [`Scored`] out.

use std::cell::RefCell;
use std::io;
use std::path::Path;
use std::sync::OnceLock;

use crate::answers::{self, Format, Screening, Status};
use crate::diagnostic::{Problem, sorted};
use crate::engine::{Assessment, Detail, Responses, assess_with};
use crate::input::{self, Failure};
use crate::language::{self, Finding, Phrases};
use crate::questionnaire::{self, BUNDLED, EARLIER, Questionnaire};

/// The questionnaires a screening can be scored against: the bundled ones, or one given by
/// the user, and other versions for screenings made with them.
pub struct Catalogue {
    /// The bundled questionnaires, in [`BUNDLED`]'s order, each read and checked the first
    /// time a screening needs it (a run that scores only one kind reads only that one).
    bundled: Vec<OnceLock<Result<Questionnaire, Vec<Problem>>>>,
    /// `--questionnaire`: every file must have been made with this one.
    given: Option<Questionnaire>,
    /// Other versions, used for the screenings whose id and version they match.
    versions: Vec<Questionnaire>,
    /// The earlier versions kept in the binary, in [`EARLIER`]'s order, each read the first
    /// time a screening that the current version refuses was made with it.
    earlier: Vec<OnceLock<Result<Questionnaire, Vec<Problem>>>>,
}

impl Catalogue {
    /// The bundled questionnaires, and `given` if the user named one.
    pub fn new(given: Option<Questionnaire>) -> Result<Catalogue, Vec<Problem>> {
        Ok(Catalogue {
            bundled: BUNDLED.iter().map(|_| OnceLock::new()).collect(),
            given,
            versions: Vec::new(),
            earlier: EARLIER.iter().map(|_| OnceLock::new()).collect(),
        })
    }

    /// The bundled questionnaires, and `versions` for the screenings made with exactly one of
    /// them (same id and version); others use the bundled questionnaire of their id.
    pub fn with_versions(versions: Vec<Questionnaire>) -> Result<Catalogue, Vec<Problem>> {
        let mut c = Catalogue::new(None)?;
        c.versions = versions;
        Ok(c)
    }

    /// Every questionnaire a screening may be scored against: the one given, other
    /// versions, then the bundled ones (each read now, if it was not yet: `caseload` needs
    /// what every one of them watches before the first screening arrives).
    pub fn questionnaires(&self) -> impl Iterator<Item = &Questionnaire> {
        self.given
            .iter()
            .chain(&self.versions)
            .chain((0..self.bundled.len()).filter_map(move |i| self.bundled(i).ok()))
    }

    /// The questionnaire to score a screening made with questionnaire `id`, version `version`.
    fn for_stamp(&self, id: &str, version: &str) -> Result<&Questionnaire, Problem> {
        if let Some(q) = &self.given {
            // A mismatch is reported by the check, with the place it was written.
            return Ok(q);
        }
        if let Some(q) = self
            .versions
            .iter()
            .find(|q| q.id == id && q.version == version)
        {
            return Ok(q);
        }
        // The bundled questionnaire of this id, whatever its version (a different version
        // is a warning, given by the check).
        match BUNDLED.iter().position(|b| b.id == id) {
            Some(i) => self.bundled(i),
            None => {
                let ids: Vec<&str> = BUNDLED.iter().map(|b| b.id).collect();
                Err(Problem::new(
                    None,
                    format!(
                        "this screening was made with questionnaire `{id}`, which is not bundled"
                    ),
                )
                .help(format!(
                    "pass its file with --questionnaire PATH (bundled: {})",
                    ids.join(", ")
                )))
            }
        }
    }

    /// The earlier version kept in the binary that a screening stamped `stamp` was made
    /// with, unless a questionnaire was given (`--questionnaire` decides then).
    fn earlier(&self, stamp: &answers::Stamp) -> Option<&Questionnaire> {
        if self.given.is_some() {
            return None;
        }
        self.kept(stamp)
    }

    /// The earlier version kept in the binary that a screening stamped `stamp` was made
    /// with, whatever was given: to say which questions it never asked.
    fn kept(&self, stamp: &answers::Stamp) -> Option<&Questionnaire> {
        let e = questionnaire::earlier(&stamp.id, &stamp.sha256)?;
        let i = EARLIER.iter().position(|x| x.path == e.path)?;
        self.earlier
            .get(i)?
            .get_or_init(|| questionnaire::from_str(e.text))
            .as_ref()
            .ok()
    }

    /// Bundled questionnaire `i`, read and checked on first use. The tests prove every
    /// bundled questionnaire valid; should one not be, the screenings that need it say so.
    fn bundled(&self, i: usize) -> Result<&Questionnaire, Problem> {
        let (Some(cell), Some(b)) = (self.bundled.get(i), BUNDLED.get(i)) else {
            return Err(Problem::new(
                None,
                "internal error: no such bundled questionnaire",
            ));
        };
        cell.get_or_init(|| questionnaire::from_str(b.text))
            .as_ref()
            .map_err(|problems| {
                let first = problems.first().map_or("", |p| p.message.as_str());
                Problem::new(
                    None,
                    format!("the bundled questionnaire {} is not valid: {first}", b.path),
                )
                .help("please report this")
            })
    }
}

/// How strict loading is, and what else to check.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// A screening made with another version of its questionnaire is an error, not a warning.
    pub strict: bool,
    /// Check the free text for wording that blames the child (findings are warnings only:
    /// they never change the score, and `strict` does not make them errors).
    pub language: Option<Phrases<'a>>,
    /// The screening must have been started with exactly this questionnaire (the same id and
    /// sha256), as `screen --resume` needs: otherwise its questions may differ.
    pub same_sha256: bool,
    /// Today, from the caller's clock: a screening dated after it is warned about. `None`
    /// leaves dates in the future unremarked.
    pub today: Option<jiff::civil::Date>,
    /// How much of the assessment to build: output that shows only a summary row (CSV,
    /// Markdown, a batch's table) builds only what the row holds.
    pub detail: Detail,
}

/// A screening read, checked against its questionnaire and scored: what every command that
/// shows a saved screening works from.
#[derive(Debug)]
pub struct Scored<'q> {
    /// The file as named or found, or `-` for standard input.
    pub file: String,
    pub screening: Screening,
    pub questionnaire: &'q Questionnaire,
    pub responses: Responses,
    /// Problems that did not stop scoring (a different questionnaire version, gaps), located.
    pub warnings: Vec<Problem>,
    /// Wording-check findings in the free text, located in the file (with `Options::language`).
    pub language: Vec<Finding>,
    pub assessment: Assessment,
    /// The questions of the questionnaire scored with that the earlier version the screening
    /// was made with did not have, left unanswered: never asked, scored as not known.
    pub not_asked: Option<NotAsked>,
}

impl Scored<'_> {
    /// False for a screening still in progress.
    pub fn complete(&self) -> bool {
        self.screening.screening.status == Status::Complete
    }

    /// How many indicators are unanswered and were asked (not added after it was made).
    pub fn unanswered_asked(&self) -> usize {
        let added = self.not_asked.as_ref().map_or(&[][..], |n| &n.indicators);
        self.assessment
            .unanswered
            .iter()
            .filter(|r| {
                self.questionnaire
                    .indicator(&r.id)
                    .is_none_or(|i| !added.contains(&i))
            })
            .count()
    }
}

/// Questions added to a questionnaire after a screening was made with an earlier version of
/// it (kept in this tool), and so never asked: they are scored as not known like any other
/// unanswered question (decision 37), but they are not the practitioner's gaps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAsked {
    /// The questionnaire's id.
    pub id: String,
    /// The version scored with, which has them (added at some version after `made_with`).
    pub scored_with: String,
    /// The earlier version the screening was made with.
    pub made_with: String,
    /// The indicators added since, left unanswered (indices into the questionnaire's).
    pub indicators: Vec<usize>,
    /// The profile facts added since, not recorded (indices into the questionnaire's).
    pub facts: Vec<usize>,
}

impl NotAsked {
    /// "added to oxfordshire-cse after 2.6.0 (the version this screening was made with)".
    pub fn words(&self) -> String {
        format!(
            "added to {} after {} (the version this screening was made with)",
            self.id, self.made_with
        )
    }

    /// How many questions, indicators and facts.
    pub fn len(&self) -> usize {
        self.indicators.len() + self.facts.len()
    }

    /// None at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The indicators of `q` that `earlier` does not have.
fn added_since(q: &Questionnaire, earlier: &Questionnaire) -> Vec<usize> {
    q.indicators
        .iter()
        .enumerate()
        .filter(|(_, i)| earlier.indicator(&i.id).is_none())
        .map(|(n, _)| n)
        .collect()
}

/// A saved screening as read and parsed, before it is matched with a questionnaire.
#[derive(Debug)]
pub struct Parsed {
    /// The file as named, or `-` for standard input.
    pub file: String,
    /// The text it was parsed from, to locate later problems in.
    pub text: String,
    pub screening: Screening,
}

/// The largest buffer a thread keeps between files (a screening is a few kilobytes).
const KEEP_BYTES: usize = 64 * 1024;

/// Reads the answers file at `path` within the size limit.
pub fn read_text(path: &Path) -> Result<String, Failure> {
    input::read_file(path, &input::ANSWERS)
}

/// Reads an answers file from standard input, within the size limit.
pub fn read_stdin() -> Result<String, Failure> {
    input::read_stream(io::stdin().lock(), &input::ANSWERS, 8 * 1024)
}

/// Parses the text of an answers file named `file`, in the syntax its name or text shows.
pub fn parse(file: String, text: String, path: Option<&Path>) -> Result<Parsed, Failure> {
    let screening = answers::parse(&text, Format::detect(path, &text))?;
    Ok(Parsed {
        file,
        text,
        screening,
    })
}

/// Reads and parses the answers file at `path`.
pub fn read(path: &Path) -> Result<Parsed, Failure> {
    parse(crate::text::path(path), read_text(path)?, Some(path))
}

/// Reads the answers file at `path`, checks it against its questionnaire from `catalogue`
/// and scores it.
pub fn load<'c>(
    path: &Path,
    catalogue: &'c Catalogue,
    options: Options<'_>,
) -> Result<Scored<'c>, Failure> {
    thread_local! {
        /// The file being scored: one buffer per thread, not an allocation per file (which
        /// was most of what reading a file cost, by callgrind).
        static BYTES: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    BYTES.with(|cell| {
        // Never borrowed twice (nothing here loads another file), but no panic if it were.
        let mut own = Vec::new();
        let mut borrowed = cell.try_borrow_mut();
        let bytes = borrowed.as_deref_mut().unwrap_or(&mut own);
        let text = input::read_file_text(path, &input::ANSWERS, bytes)?;
        let format = Format::detect(Some(path), text);
        let scored = from_text(crate::text::path(path), text, format, catalogue, options);
        // A file far larger than a screening does not stay in memory for the rest of the run.
        if bytes.capacity() > KEEP_BYTES {
            *bytes = Vec::new();
        }
        scored
    })
}

/// Parses the text of an answers file, checks it against its questionnaire from `catalogue`
/// and scores it. Every problem is reported at once, each located in `text`.
pub fn from_text<'c>(
    file: String,
    text: &str,
    format: Format,
    catalogue: &'c Catalogue,
    options: Options<'_>,
) -> Result<Scored<'c>, Failure> {
    let unknown_questionnaire = |p: Problem| at_stamp(text, p);
    let screening = match answers::parse::parse_or_salvage(text, format) {
        Ok(s) => s,
        Err(rejected) => {
            // Wrong values were found; report the file's other problems with them.
            let mut problems = rejected.problems;
            if let Some(s) = rejected.salvaged {
                match catalogue.for_stamp(&s.questionnaire.id, &s.questionnaire.version) {
                    Ok(q) => {
                        if let Err(more) = answers::check::check(&s, q) {
                            problems.extend(answers::parse::locate(text, more));
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
    // A screening made with an earlier version kept in the binary is scored with the current
    // one (with a warning); if its answers do not fit it (a question since removed), with
    // the version it was made with, rather than refused (decision 31).
    // (Not with --strict, which refuses any file not made with the questionnaire loaded,
    // but says why, so that nobody removes answers the earlier version asked for.)
    let earlier = (screening.questionnaire.sha256 != q.sha256)
        .then(|| catalogue.earlier(&screening.questionnaire))
        .flatten();
    // Whatever was given, the questions the earlier version never asked are said to be so.
    let kept_earlier = (screening.questionnaire.sha256 != q.sha256)
        .then(|| catalogue.kept(&screening.questionnaire))
        .flatten();
    let Some(earlier) = earlier else {
        return checked(file, text, screening, q, options, kept_earlier);
    };
    let kept = screening.clone();
    match checked(file.clone(), text, screening, q, options, Some(earlier)) {
        Err(Failure::Invalid(problems)) if options.strict => {
            let lenient = Options {
                strict: false,
                ..options
            };
            if checked(file, text, kept, earlier, lenient, None).is_err() {
                return Err(Failure::Invalid(problems));
            }
            let note = Problem::new(
                None,
                format!(
                    "this screening was made with {} {}, an earlier version kept in this tool, and its answers fit it; --strict scores a file only with the questionnaire loaded, {} {}, and the problems below come from that version",
                    earlier.id, earlier.version, q.id, q.version
                ),
            )
            .help(format!(
                "do not remove the answers: {} {} asked for them. Score it as it was made with --questionnaire {}@{} (--strict too, if you wish), or without --strict, which scores it with {} and warns; for {}, screen the child again",
                earlier.id, earlier.version, earlier.id, earlier.version, earlier.version, q.version
            ));
            Err(Failure::Invalid(
                at_stamp(text, note).into_iter().chain(problems).collect(),
            ))
        }
        Err(Failure::Invalid(problems)) => {
            let mut scored = checked(file, text, kept, earlier, options, None)
                .map_err(|_| Failure::Invalid(problems.clone()))?;
            let first = problems.first().map_or("", |p| p.message.as_str());
            let note = Problem::new(
                None,
                format!(
                    "this screening was made with {} {}, an earlier version kept in this tool, and is scored with it: its answers do not fit {} {}, the current version ({})",
                    earlier.id, earlier.version, q.id, q.version, first
                ),
            )
            .help(format!(
                "its level and routes follow {} {}'s rules; screen the child again with {} {}",
                earlier.id, earlier.version, q.id, q.version
            ));
            scored.warnings = sorted(
                at_stamp(text, note)
                    .into_iter()
                    .chain(scored.warnings)
                    .collect(),
            );
            Ok(scored)
        }
        other => other,
    }
}

/// Checks a parsed screening against `q` (the questionnaire chosen for it) and scores it.
pub fn check<'q>(
    parsed: Parsed,
    q: &'q Questionnaire,
    options: Options<'_>,
) -> Result<Scored<'q>, Failure> {
    let Parsed {
        file,
        text,
        screening,
    } = parsed;
    let earlier = (screening.questionnaire.sha256 != q.sha256)
        .then(|| {
            questionnaire::earlier(&screening.questionnaire.id, &screening.questionnaire.sha256)
        })
        .flatten()
        .and_then(|e| questionnaire::from_str(e.text).ok());
    checked(file, &text, screening, q, options, earlier.as_ref())
}

/// Checks `screening`, parsed from `text`, against `q` and scores it; `earlier` is the
/// earlier version kept in this tool that it was made with, if it was.
fn checked<'q>(
    file: String,
    text: &str,
    screening: Screening,
    q: &'q Questionnaire,
    options: Options<'_>,
    earlier: Option<&Questionnaire>,
) -> Result<Scored<'q>, Failure> {
    if options.same_sha256 {
        let stamp = &screening.questionnaire;
        if stamp.id != q.id || stamp.sha256 != q.sha256 {
            let problem = Problem::new(
                None,
                format!(
                    "this screening was started with questionnaire {} {} (sha256 {}), but the one loaded is {} {} (sha256 {})",
                    stamp.id,
                    stamp.version,
                    short(&stamp.sha256),
                    q.id,
                    q.version,
                    short(&q.sha256)
                ),
            )
            .help(
                "its questions may differ, so it cannot be resumed safely; load the questionnaire it was started with using --questionnaire PATH",
            );
            return Err(Failure::Invalid(at_stamp(text, problem)));
        }
    }
    let earlier = earlier.filter(|e| e.id == q.id && e.sha256 != q.sha256);
    let added = earlier.map(|e| added_since(q, e)).unwrap_or_default();
    let checked = match answers::check::check_with(
        &screening,
        q,
        earlier.map(|e| answers::check::Added {
            made_with: &e.version,
            indicators: &added,
        }),
    ) {
        Ok(c) => c,
        Err(problems) => {
            return Err(Failure::Invalid(sorted(answers::parse::locate(
                text, problems,
            ))));
        }
    };
    let mut located = checked.warnings;
    located.extend(
        options
            .today
            .and_then(|today| answers::check::future(&screening, today)),
    );
    let mut warnings = answers::parse::locate(text, located);
    warnings.extend(answers::parse::cut_by_comment(text));
    let mut warnings = sorted(warnings);
    if options.strict && !warnings.is_empty() {
        for w in &mut warnings {
            w.help = Some(format!(
                "{} (an error because of --strict)",
                w.help.as_deref().unwrap_or("check it")
            ));
        }
        return Err(Failure::Invalid(warnings));
    }
    let language = options
        .language
        .and_then(Phrases::get)
        .map_or_else(Vec::new, |list| {
            let found = language::check_screening(list, &screening);
            language::screening::locate(list, text, found)
        });
    let assessment = assess_with(q, &checked.responses, options.detail);
    let not_asked = earlier
        .map(|e| NotAsked {
            id: q.id.clone(),
            scored_with: q.version.clone(),
            made_with: e.version.clone(),
            indicators: added
                .iter()
                .copied()
                .filter(|&i| {
                    checked
                        .responses
                        .indicators
                        .get(i)
                        .is_some_and(|r| r.answer.is_none())
                })
                .collect(),
            facts: q
                .profile
                .iter()
                .enumerate()
                .filter(|(_, f)| e.fact(&f.id).is_none() && screening.profile.get(&f.id).is_none())
                .map(|(n, _)| n)
                .collect(),
        })
        .filter(|n| !n.is_empty());
    Ok(Scored {
        file,
        screening,
        questionnaire: q,
        responses: checked.responses,
        warnings,
        language,
        assessment,
        not_asked,
    })
}

/// `problem`, placed on the file's `questionnaire:` line in `text`.
fn at_stamp(text: &str, problem: Problem) -> Vec<Problem> {
    let at = answers::check::Located {
        locus: answers::Locus::Stamp,
        problem,
    };
    answers::parse::locate(text, vec![at])
}

/// The first 12 characters of a sha256, as shown in messages.
fn short(sha: &str) -> &str {
    sha.get(..12).unwrap_or(sha)
}
