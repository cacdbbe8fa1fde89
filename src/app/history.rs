//! `cse-screen history`: reads every screening named, groups them by case and prints each
//! case's trend, changes, review date and escalation.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::batch::{self, Failure, Options};
use crate::engine::assess;
use crate::exit::Exit;
use crate::history::{Entry, history};
use crate::report::{self, batch::diagnostics};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Markdown,
}

/// What `history` was asked to do.
pub struct Request {
    pub paths: Vec<PathBuf>,
    /// `None`: today.
    pub as_of: Option<jiff::civil::Date>,
    pub case: Option<String>,
    pub format: Format,
    /// Questionnaire files (or bundled ids) for screenings of other versions.
    pub questionnaires: Vec<String>,
}

pub fn run(req: Request, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Exit> {
    let mut versions = Vec::new();
    for arg in &req.questionnaires {
        match super::resolve(Some(arg), err)? {
            Ok(q) => versions.push(q),
            Err(exit) => return Ok(exit),
        }
    }
    let catalogue = match batch::Catalogue::with_versions(versions) {
        Ok(c) => c,
        Err(problems) => return super::report_invalid("bundled questionnaire", &problems, err),
    };

    let (mut unreadable, mut invalid) = (false, false);
    let mut entries = Vec::new();
    for input in batch::inputs::walk(&req.paths) {
        let file = input.name();
        let loaded = batch::load_input(&input, &catalogue, Options::default());
        match loaded {
            Ok(l) => {
                err.write_all(report::batch::warnings(&file, &l.warnings).as_bytes())?;
                if req
                    .case
                    .as_deref()
                    .is_some_and(|c| c != l.screening.screening.case_reference)
                {
                    continue;
                }
                let assessment = assess(l.questionnaire, &l.responses);
                entries.push(Entry {
                    file,
                    screening: l.screening,
                    questionnaire: l.questionnaire,
                    assessment,
                });
            }
            Err(f) => {
                match f {
                    Failure::Unreadable(_) => unreadable = true,
                    Failure::Invalid(_) => invalid = true,
                }
                let result = batch::FileResult {
                    file,
                    outcome: Err(f),
                };
                err.write_all(diagnostics(&result).as_bytes())?;
            }
        }
    }
    if entries.is_empty() {
        let what = match &req.case {
            Some(c) => format!("no screenings of case {c} were found"),
            None => "no screenings were found".to_owned(),
        };
        writeln!(err, "error: {what}")?;
        writeln!(
            err,
            "  help: name answers files or folders holding *.yaml, *.yml or *.json screenings"
        )?;
        return Ok(if invalid {
            Exit::Invalid
        } else {
            Exit::Failure
        });
    }

    let as_of = req
        .as_of
        .unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let h = history(entries, as_of);
    let text = match req.format {
        Format::Json => serde_json::to_string_pretty(&h).map_err(io::Error::other)? + "\n",
        Format::Markdown => report::history::document(&h).markdown(),
        Format::Table => report::history::document(&h).text(report::terminal_width()),
    };
    out.write_all(text.as_bytes())?;
    Ok(Exit::for_files(unreadable, invalid))
}
