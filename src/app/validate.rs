//! `cse-screen validate`: checks questionnaires (named, or every bundled one) and reports
//! every problem, including wording from the phrase list in the questionnaire's own text.

use std::io::Write;

use crate::cli::{Globals, ValidateArgs};
use crate::diagnostic::Problem;
use crate::error::{Error, problems_of};
use crate::exit::Exit;
use crate::input::Failure;
use crate::language::PhraseList;
use crate::questionnaire::{self, BUNDLED, Questionnaire};

pub fn run(
    args: ValidateArgs,
    globals: &Globals,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let list = super::phrase_list(globals.phrases.as_deref())?;
    let (mut unreadable, mut invalid) = (false, false);
    let mut report = |name: &str, checked: Checked| -> Result<(), Error> {
        let (checked, prompts) = checked;
        match checked {
            Ok(q) => writeln!(
                out,
                "{name}: ok ({} {}, {} indicators, {} rules)",
                q.id,
                q.version,
                q.indicators.len(),
                q.rules.len()
            )?,
            Err(Failure::Invalid(problems)) => {
                invalid = true;
                problems_of(name, &problems, err)?;
            }
            Err(f) => {
                unreadable = true;
                Error::file(name, f).render(err)?;
            }
        }
        // Wording to consider: shown as notes, never a reason to fail.
        for p in prompts {
            let mut p = p.clone();
            p.message = format!("note: {}", p.message);
            writeln!(err, "{}", p.display(name))?;
        }
        Ok(())
    };
    if args.paths.is_empty() {
        for b in BUNDLED {
            report(b.path, check(&list, b.text))?;
        }
    } else {
        for p in &args.paths {
            let checked = match questionnaire::load::read_path(p) {
                Ok(text) => check(&list, &text),
                Err(f) => (Err(f), Vec::new()),
            };
            report(&crate::text::path(p), checked)?;
        }
    }
    Ok(Exit::for_files(unreadable, invalid))
}

/// A questionnaire checked: the questionnaire or its problems, and the wording to consider.
type Checked = (Result<Questionnaire, Failure>, Vec<Problem>);

/// The questionnaire in `text`, or every problem with it, wording to avoid included; and the
/// wording to consider in it, which never makes it invalid.
fn check(list: &PhraseList, text: &str) -> Checked {
    let (wording, prompts) = crate::language::questionnaire::check_tiers(list, text);
    let checked = match questionnaire::from_str(text) {
        Ok(q) if wording.is_empty() => Ok(q),
        Ok(_) => Err(Failure::Invalid(wording)),
        Err(mut problems) => {
            problems.extend(wording);
            Err(Failure::Invalid(crate::diagnostic::sorted(problems)))
        }
    };
    (checked, prompts)
}
