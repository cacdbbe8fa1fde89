//! `cse-screen language`: checks a saved screening's free text, or any text, for wording that
//! blames the child, and exits 4 when there is something to change.
//!
//! A file is an answers file when it parses as one; one that names `questionnaire:` and
//! `screening:` but does not parse is reported as invalid (65), with `--text` to check it as
//! plain text instead. Findings go to stdout (they are the output); problems to stderr.

use std::io::{self, Write};
use std::path::PathBuf;

use serde::Deserialize;
use serde::de::IgnoredAny;

use crate::answers::{self, Format, ProfileValue};
use crate::exit::Exit;
use crate::language::{self, Finding};
use crate::report;
use crate::store::{self, ReadError};

/// What `language` was asked to do.
pub struct Request {
    /// `None` or `-`: standard input.
    pub file: Option<PathBuf>,
    /// Check as plain text even if it is an answers file.
    pub text: bool,
    /// The child's age, for the legal explanation under 13.
    pub age: Option<u32>,
    pub json: bool,
    pub phrases: Option<PathBuf>,
}

/// Just enough to recognise an answers file that does not parse.
#[derive(Deserialize)]
struct LooksLikeAnswers {
    #[allow(dead_code)]
    questionnaire: IgnoredAny,
    #[allow(dead_code)]
    screening: IgnoredAny,
}

pub fn run(req: Request, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Exit> {
    let list = match super::phrase_list(req.phrases.as_deref(), err)? {
        Ok(list) => list,
        Err(exit) => return Ok(exit),
    };
    let path = req.file.as_ref().filter(|p| p.as_os_str() != "-");
    let name = path.map_or_else(|| "-".to_owned(), |p| p.display().to_string());
    let read = match path {
        Some(p) => store::read_text(p),
        None => store::read_limited(io::stdin().lock(), 8 * 1024),
    };
    let text = match read {
        Ok(text) => text,
        Err(ReadError::Io(e)) => {
            writeln!(err, "error: {name}: {}", crate::batch::io_message(&e))?;
            return Ok(Exit::Failure);
        }
        Err(ReadError::Invalid(problems)) => {
            return super::report_invalid(&name, &problems, err);
        }
    };

    let (kind, findings) = if req.text {
        ("text", list.check(&text, req.age.is_some_and(|a| a < 13)))
    } else {
        let format = Format::detect(path.map(PathBuf::as_path), &text);
        match answers::parse(&text, format) {
            Ok(mut s) => {
                if let Some(age) = req.age {
                    s.profile.set("age", ProfileValue::Number(age));
                }
                let found = language::check_screening(&list, &s);
                ("answers", language::screening::locate(&list, &text, found))
            }
            Err(problems) if serde_saphyr::from_str::<LooksLikeAnswers>(&text).is_ok() => {
                let exit = super::report_invalid(&name, &problems, err)?;
                writeln!(err, "  help: to check the file as plain text, add --text")?;
                return Ok(exit);
            }
            Err(_) => ("text", list.check(&text, req.age.is_some_and(|a| a < 13))),
        }
    };

    let rendered = if req.json {
        report::language::json(&name, kind, &findings)
    } else {
        report::language::text(&name, &findings)
    };
    out.write_all(rendered.as_bytes())?;
    Ok(exit(&findings))
}

/// 4 when there is a finding the practitioner did not keep, else 0.
pub fn exit(findings: &[Finding]) -> Exit {
    if findings.iter().any(|f| !f.kept) {
        Exit::Findings
    } else {
        Exit::Ok
    }
}
