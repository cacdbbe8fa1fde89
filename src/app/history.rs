//! `cse-screen history`: reads every screening named, groups them by case and prints each
//! case's trend, changes, review date and escalation.

use std::io::{self, Write};

use crate::batch::{self, Failure};
use crate::cli::{HistoryArgs, HistoryFormat as Format};
use crate::error::Error;
use crate::exit::Exit;
use crate::history::history;
use crate::report::{self, batch::diagnostics};
use crate::screening::{Catalogue, Options};

pub fn run(args: HistoryArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<Exit, Error> {
    let versions = args
        .questionnaire
        .iter()
        .map(|arg| super::resolve(Some(arg)))
        .collect::<Result<Vec<_>, _>>()?;
    let catalogue = Catalogue::with_versions(versions)
        .map_err(|problems| super::invalid("bundled questionnaire", problems))?;

    let (mut unreadable, mut invalid) = (false, false);
    let mut entries = Vec::new();
    let links = if args.follow {
        batch::inputs::Links::Follow
    } else {
        batch::inputs::Links::Skip
    };
    for input in batch::inputs::walk(&args.paths, links) {
        let result = batch::score_input(&input, &catalogue, Options::default());
        match result.outcome {
            Ok(s) => {
                err.write_all(report::batch::warnings(&s.file, &s.warnings).as_bytes())?;
                if args
                    .case
                    .as_deref()
                    .is_some_and(|c| c != s.screening.screening.case_reference)
                {
                    continue;
                }
                entries.push(s);
            }
            Err(f) => {
                match f {
                    Failure::Unreadable(_) => unreadable = true,
                    Failure::Invalid(_) => invalid = true,
                }
                let result = batch::FileResult {
                    outcome: Err(f),
                    ..result
                };
                err.write_all(diagnostics(&result).as_bytes())?;
            }
        }
    }
    if entries.is_empty() {
        let what = match &args.case {
            Some(c) => format!("no screenings of case {c} were found"),
            None => "no screenings were found".to_owned(),
        };
        let help = ["name answers files or folders holding *.yaml, *.yml or *.json screenings"];
        return Err(if invalid {
            Error::refused(what, &help)
        } else {
            Error::failed(what, &help)
        });
    }

    let as_of = args
        .as_of
        .unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let h = history(entries, as_of);
    let text = match args.format {
        Format::Json => serde_json::to_string_pretty(&h).map_err(io::Error::other)? + "\n",
        Format::Markdown => report::history::document(&h).markdown(),
        Format::Table => report::history::document(&h).text(report::terminal_width()),
    };
    out.write_all(text.as_bytes())?;
    Ok(Exit::for_files(unreadable, invalid))
}
