//! `cse-screen screen`: checks for a terminal, loads or resumes, runs the interview, prints
//! the result, and maps the way it ended to an exit code.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::answers::{self, Screening};
use crate::exit::Exit;
use crate::interview::plain::PlainPrompter;
use crate::interview::{Interview, Outcome, Saver, Settings, inquire::InquirePrompter};
use crate::questionnaire::{self, Questionnaire};
use crate::report;
use crate::store;

/// What `screen` was asked to do.
pub struct Request {
    pub questionnaire: Option<String>,
    pub resume: Option<PathBuf>,
    pub output: Option<PathBuf>,
    pub force: bool,
    pub training: bool,
    /// `--plain`: line by line from standard input, which need not be a terminal.
    pub plain: bool,
    /// `--color`: for the full-screen prompts.
    pub color: crate::cli::ColorWhen,
    /// `--phrases`: the phrase list for the wording check of notes; `None` for the built-in one.
    pub phrases: Option<PathBuf>,
}

/// Writes through [`store::save`]: a new file is never overwritten unless `--force`.
struct FileSaver {
    force: bool,
    /// The file a save failed to write, if one did.
    failed: Option<PathBuf>,
}

impl Saver for FileSaver {
    fn save(&mut self, path: &Path, screening: &Screening, first: bool) -> io::Result<()> {
        store::save(path, screening, !first || self.force)
            .inspect_err(|_| self.failed = Some(path.to_path_buf()))
    }
}

/// The message when there is no terminal to ask on.
pub const NEEDS_TERMINAL: &str = "error: `screen` asks questions and needs a terminal, but standard input is not one\n  \
     help: to score a saved screening without a terminal, use `cse-screen score FILE`;\n        \
     to answer from a file of replies, use `cse-screen screen --plain < replies.txt`";

pub fn run(req: Request, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Exit> {
    // Refuse at once, before loading anything: a script must never hang on a prompt.
    let terminal = io::stdin().is_terminal();
    if !terminal && !req.plain {
        writeln!(err, "{NEEDS_TERMINAL}")?;
        return Ok(Exit::NeedsTerminal);
    }
    let settings = Settings {
        today: today(),
        output: req.output.clone(),
        training: req.training,
    };

    let (q, interview_of): (Questionnaire, Option<(Screening, PathBuf)>) = match &req.resume {
        None => match super::resolve(req.questionnaire.as_deref(), err)? {
            Ok(q) => (q, None),
            Err(exit) => return Ok(exit),
        },
        Some(path) => match load_for_resume(path, req.questionnaire.as_deref(), err)? {
            Ok((q, s)) => (q, Some((s, path.clone()))),
            Err(exit) => return Ok(exit),
        },
    };

    let phrases = match super::phrase_list(req.phrases.as_deref(), err)? {
        Ok(list) => list,
        Err(exit) => return Ok(exit),
    };
    let interview = match interview_of {
        Some((s, path)) => Interview::resume(&q, s, path, settings),
        None => Interview::new(&q, settings),
    }
    .with_phrases(&phrases);
    let mut saver = FileSaver {
        force: req.force,
        failed: None,
    };
    let ended = if req.plain {
        let mut prompter = PlainPrompter::new(io::stdin().lock(), io::stderr(), !terminal);
        interview.run(&mut prompter, &mut saver)
    } else {
        interview.run(&mut InquirePrompter::new(req.color), &mut saver)
    };
    match ended {
        Ok(Outcome::Complete {
            path,
            screening,
            assessment,
        }) => {
            let shown = path.display().to_string();
            let ctx = report::result::Context {
                date: &screening.screening.date,
                saved_to: Some(&shown),
            };
            writeln!(out)?;
            out.write_all(
                report::result::render(&assessment, &ctx, report::terminal_width()).as_bytes(),
            )?;
            Ok(Exit::Ok)
        }
        Ok(Outcome::Interrupted { path: Some(path) }) => {
            writeln!(
                err,
                "\nStopped. Every answer so far is saved in {}.",
                path.display()
            )?;
            writeln!(
                err,
                "To continue: {}",
                resume_command(&path, req.questionnaire.as_deref())
            )?;
            Ok(Exit::Interrupted)
        }
        Ok(Outcome::Interrupted { path: None }) => {
            writeln!(
                err,
                "\nStopped before anything was saved (the file is named once the case reference and date are given)."
            )?;
            Ok(Exit::Interrupted)
        }
        Ok(Outcome::Exists { path }) => {
            writeln!(err, "error: {} already exists", path.display())?;
            writeln!(
                err,
                "  help: to continue it: {}",
                resume_command(&path, req.questionnaire.as_deref())
            )?;
            writeln!(err, "        to start again and replace it, add --force")?;
            Ok(Exit::Failure)
        }
        Err(e) if saver.failed.is_some() => {
            let path = saver.failed.unwrap_or_default();
            writeln!(
                err,
                "\nerror: {}: the last answer could not be saved: {}",
                path.display(),
                store::write_error(&e)
            )?;
            // A save writes a temporary file and renames it: a failure never touches the file.
            if path.exists() {
                writeln!(
                    err,
                    "  help: {} was not changed: it holds every answer before that one; when \
                     the problem is fixed, carry on with: {}",
                    path.display(),
                    resume_command(&path, req.questionnaire.as_deref())
                )?;
            } else {
                writeln!(
                    err,
                    "  help: nothing was saved; check the folder can be written to, then start again"
                )?;
            }
            Ok(Exit::Failure)
        }
        Err(e) => {
            writeln!(err, "error: the screening could not continue: {e}")?;
            if let Some(path) = &req.resume.or(req.output) {
                writeln!(
                    err,
                    "  help: answers given so far are in {}",
                    path.display()
                )?;
            }
            Ok(Exit::Failure)
        }
    }
}

/// Reads a saved screening and the questionnaire it was started with, and checks they match.
fn load_for_resume(
    path: &Path,
    questionnaire: Option<&str>,
    err: &mut dyn Write,
) -> io::Result<Result<(Questionnaire, Screening), Exit>> {
    let shown = path.display().to_string();
    let read = crate::batch::read_path(path).and_then(|text| {
        answers::parse(&text, answers::Format::detect(Some(path), &text))
            .map(|s| (text, s))
            .map_err(crate::batch::Failure::Invalid)
    });
    let (text, mut screening) = match read {
        Ok(read) => read,
        Err(crate::batch::Failure::Invalid(problems)) => {
            return Ok(Err(super::report_invalid(&shown, &problems, err)?));
        }
        Err(crate::batch::Failure::Unreadable(why)) => {
            writeln!(err, "error: {shown}: {why}")?;
            return Ok(Err(Exit::Failure));
        }
    };
    let wanted = questionnaire.unwrap_or(&screening.questionnaire.id);
    if questionnaire.is_none() && questionnaire::bundled(wanted).is_none() {
        writeln!(
            err,
            "error: {shown} was started with questionnaire `{wanted}`, which is not bundled"
        )?;
        writeln!(err, "  help: name its file with --questionnaire PATH")?;
        return Ok(Err(Exit::Failure));
    }
    let q = match super::resolve(Some(wanted), err)? {
        Ok(q) => q,
        Err(exit) => return Ok(Err(exit)),
    };
    let stamp = &screening.questionnaire;
    if stamp.id != q.id || stamp.sha256 != q.sha256 {
        writeln!(
            err,
            "error: {shown} was started with questionnaire {} {} (sha256 {}), but the one loaded is {} {} (sha256 {})",
            stamp.id,
            stamp.version,
            short(&stamp.sha256),
            q.id,
            q.version,
            short(&q.sha256)
        )?;
        writeln!(
            err,
            "  help: its questions may differ, so it cannot be resumed safely; load the questionnaire it was started with using --questionnaire PATH"
        )?;
        return Ok(Err(Exit::Invalid));
    }
    if let Err(problems) = answers::check(&screening, &q) {
        let problems = crate::diagnostic::sorted(answers::parse::locate(&text, problems));
        return Ok(Err(super::report_invalid(&shown, &problems, err)?));
    }
    // From here on this build rewrites the file, so it is stamped with this build's format.
    screening.format = Some(answers::FORMAT);
    Ok(Ok((q, screening)))
}

fn short(sha: &str) -> &str {
    sha.get(..12).unwrap_or(sha)
}

/// The exact command that continues the screening saved at `path`.
pub fn resume_command(path: &Path, questionnaire: Option<&str>) -> String {
    let mut cmd = format!(
        "cse-screen screen --resume {}",
        shell_quote(&path.display().to_string())
    );
    if let Some(q) = questionnaire {
        cmd.push_str(&format!(" --questionnaire {}", shell_quote(q)));
    }
    cmd
}

/// Quotes `s` for a POSIX shell when it needs it.
fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:@+,".contains(c))
    {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// Today's date in the local time zone (UTC if it cannot be found).
fn today() -> String {
    jiff::ZonedDateTime::now().date().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resume_commands_are_quoted_for_the_shell() {
        assert_eq!(
            resume_command(Path::new("EX-0001-2026-11-24.yaml"), None),
            "cse-screen screen --resume EX-0001-2026-11-24.yaml"
        );
        assert_eq!(
            resume_command(Path::new("my cases/EX 1.yaml"), Some("q's.yaml")),
            r"cse-screen screen --resume 'my cases/EX 1.yaml' --questionnaire 'q'\''s.yaml'"
        );
    }
}
