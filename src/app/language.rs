//! `cse-screen language`: checks a saved screening's free text, or any text, for wording that
//! blames the child, and exits 4 when there is something to change.
//!
//! A file is an answers file when it parses as one; one that names `questionnaire:` and
//! `screening:` but does not parse is reported as invalid (65), with `--text` to check it as
//! plain text instead. Findings go to stdout (they are the output); problems to stderr.

use std::io::Write;

use serde::Deserialize;
use serde::de::IgnoredAny;

use crate::answers::ProfileValue;
use crate::cli::{Globals, LanguageArgs, LanguageFormat};
use crate::error::Error;
use crate::exit::Exit;
use crate::input::{self, Failure};
use crate::language::{self, Finding};
use crate::report;
use crate::screening;

/// Just enough to recognise an answers file that does not parse.
#[derive(Deserialize)]
struct LooksLikeAnswers {
    #[allow(dead_code)]
    questionnaire: IgnoredAny,
    #[allow(dead_code)]
    screening: IgnoredAny,
}

pub fn run(args: LanguageArgs, globals: &Globals, out: &mut dyn Write) -> Result<Exit, Error> {
    let list = super::phrase_list(globals.phrases.as_deref())?;
    let path = args.file.as_deref().filter(|p| p.as_os_str() != "-");
    let name = path.map_or_else(|| "-".to_owned(), crate::text::path);
    let text = match path {
        Some(p) => screening::read_text(p),
        None => screening::read_stdin(),
    }
    .map_err(|f| Error::file(&name, f))?;

    let under_13 = args.age.is_some_and(|a| a < 13);
    let (kind, findings) = if args.text {
        ("text", list.check(&text, under_13))
    } else {
        match screening::parse(name.clone(), text.clone(), path) {
            Ok(parsed) => {
                let mut s = parsed.screening;
                if let Some(age) = args.age {
                    s.profile.set("age", ProfileValue::Number(age));
                }
                let found = language::check_screening(&list, &s);
                (
                    "answers",
                    language::screening::locate(&list, &parsed.text, found),
                )
            }
            Err(Failure::Invalid(problems)) if looks_like_answers(&text) => {
                return Err(Error::Invalid {
                    file: name,
                    problems,
                    help: Some("to check the file as plain text, add --text".to_owned()),
                });
            }
            Err(_) => ("text", list.check(&text, under_13)),
        }
    };

    let rendered = if args.format == LanguageFormat::Json {
        report::language::json(&name, kind, &findings)
    } else {
        report::language::text(&name, &findings)
    };
    out.write_all(rendered.as_bytes())?;
    Ok(exit(&findings))
}

/// True when `text` names `questionnaire:` and `screening:`: an answers file, even if broken.
fn looks_like_answers(text: &str) -> bool {
    input::ANSWERS.from_yaml::<LooksLikeAnswers>(text).is_ok()
}

/// 4 when there is wording to avoid that the practitioner did not keep, else 0. Prompts to
/// consider never change the exit code.
pub fn exit(findings: &[Finding]) -> Exit {
    if findings.iter().any(|f| f.is_blaming() && !f.kept) {
        Exit::Findings
    } else {
        Exit::Ok
    }
}
