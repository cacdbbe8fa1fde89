//! `cse-screen screen`: checks for a terminal, loads or resumes, runs the interview, prints
//! the result, and maps the way it ended to an exit code.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::answers::{self, Screening};
use crate::cli::{Globals, ScreenArgs};
use crate::error::Error;
use crate::exit::Exit;
use crate::interview::plain::PlainPrompter;
use crate::interview::{Interview, Outcome, Saver, Settings, inquire::InquirePrompter};
use crate::questionnaire::{self, Questionnaire};
use crate::report;
use crate::screening::{self, Options};
use crate::store;

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

pub fn run(
    args: ScreenArgs,
    globals: &Globals,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    // Refuse at once, before loading anything: a script must never hang on a prompt.
    let terminal = io::stdin().is_terminal();
    if !terminal && !args.plain {
        return Err(Error::NeedsTerminal);
    }
    let settings = Settings {
        today: today(),
        output: args.output.clone(),
        training: args.training,
    };

    let (q, interview_of): (Questionnaire, Option<(Screening, PathBuf)>) = match &args.resume {
        None => (super::resolve(args.questionnaire.as_deref())?, None),
        Some(path) => {
            let (q, s) = load_for_resume(path, args.questionnaire.as_deref())?;
            (q, Some((s, path.clone())))
        }
    };

    let phrases = super::phrase_list(globals.phrases.as_deref())?;
    let interview = match interview_of {
        Some((s, path)) => Interview::resume(&q, s, path, settings),
        None => Interview::new(&q, settings),
    }
    .with_phrases(&phrases);
    let mut saver = FileSaver {
        force: args.force,
        failed: None,
    };
    let ended = if args.plain {
        let mut prompter = PlainPrompter::new(io::stdin().lock(), io::stderr(), !terminal);
        interview.run(&mut prompter, &mut saver)
    } else {
        interview.run(&mut InquirePrompter::new(globals.color), &mut saver)
    };
    match ended {
        Ok(Outcome::Complete {
            path,
            screening,
            assessment,
        }) => {
            let shown = crate::text::shown_path(&path);
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
                crate::text::shown_path(&path)
            )?;
            writeln!(
                err,
                "To continue: {}",
                resume_command(&path, args.questionnaire.as_deref())
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
        Ok(Outcome::Exists { path }) => Err(Error::failed(
            format!("{} already exists", crate::text::shown_path(&path)),
            &[
                &format!(
                    "to continue it: {}",
                    resume_command(&path, args.questionnaire.as_deref())
                ),
                "to start again and replace it, add --force",
            ],
        )),
        Err(e) if saver.failed.is_some() => {
            let path = saver.failed.unwrap_or_default();
            // The prompt may have left the cursor mid-line.
            writeln!(err)?;
            let message = format!(
                "{}: the last answer could not be saved: {}",
                crate::text::shown_path(&path),
                store::write_error(&e)
            );
            // A save writes a temporary file and renames it: a failure never touches the file.
            let help = if path.exists() {
                format!(
                    "{} was not changed: it holds every answer before that one; when \
                     the problem is fixed, carry on with: {}",
                    crate::text::shown_path(&path),
                    resume_command(&path, args.questionnaire.as_deref())
                )
            } else {
                "nothing was saved; check the folder can be written to, then start again".to_owned()
            };
            Err(Error::failed(message, &[&help]))
        }
        Err(e) => {
            let help = args.resume.or(args.output).map(|path| {
                format!(
                    "answers given so far are in {}",
                    crate::text::shown_path(&path)
                )
            });
            let help: Vec<&str> = help.iter().map(String::as_str).collect();
            Err(Error::failed(
                format!("the screening could not continue: {e}"),
                &help,
            ))
        }
    }
}

/// Reads a saved screening and the questionnaire it was started with, and checks them through
/// the loader, which requires the same id and sha256 (its questions may otherwise differ).
fn load_for_resume(
    path: &Path,
    questionnaire: Option<&str>,
) -> Result<(Questionnaire, Screening), Error> {
    let shown = crate::text::shown_path(path);
    let parsed = screening::read(path).map_err(|f| Error::file(&shown, f))?;
    let wanted = questionnaire.unwrap_or(&parsed.screening.questionnaire.id);
    if questionnaire.is_none() && questionnaire::bundled(wanted).is_none() {
        return Err(Error::failed(
            format!("{shown} was started with questionnaire `{wanted}`, which is not bundled"),
            &["name its file with --questionnaire PATH"],
        ));
    }
    let q = super::resolve(Some(wanted))?;
    let options = Options {
        same_sha256: true,
        ..Options::default()
    };
    let checked = screening::check(parsed, &q, options).map_err(|f| Error::file(&shown, f))?;
    let mut screening = checked.screening;
    // From here on this build rewrites the file, so it is stamped with this build's format.
    screening.format = Some(answers::FORMAT);
    Ok((q, screening))
}

/// The exact command that continues the screening saved at `path`.
pub fn resume_command(path: &Path, questionnaire: Option<&str>) -> String {
    let mut cmd = format!(
        "cse-screen screen --resume {}",
        shell_quote(&crate::text::shown_path(path))
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
