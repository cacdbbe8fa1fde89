//! `cse-screen history`: reads every screening named (each file on disk once), groups them
//! by case and prints each case's trend, changes, review date and escalation.

use std::collections::HashMap;
use std::io::{self, Write};

use crate::batch::{self, Failure};
use crate::cli::{HistoryArgs, HistoryFormat as Format};
use crate::error::Error;
use crate::exit::Exit;
use crate::history::{SameFile, history};
use crate::reference;
use crate::report::{self, batch::diagnostics};
use crate::screening::Options;

pub fn run(args: HistoryArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<Exit, Error> {
    let catalogue = super::catalogue_with_versions(&args.questionnaire)?;

    let today = super::today();
    let options = Options {
        today: Some(today),
        ..Options::default()
    };
    let wanted = args.case.as_deref().map(reference::case_key);
    if wanted.as_deref().is_some_and(str::is_empty) {
        return Err(Error::usage(
            "`--case` is empty: it names no case",
            &[
                "give a case reference, for example `--case EX-0001`, or leave `--case` out for every case",
            ],
        ));
    }
    let (mut unreadable, mut invalid) = (false, false);
    let mut entries = Vec::new();
    let mut not_read = Vec::new();
    // Each file on disk is read once, however many paths or links name it.
    let mut read: HashMap<(u64, u64), String> = HashMap::new();
    let mut same_files = Vec::new();
    let links = batch::inputs::Links::from_flag(args.follow);
    for input in batch::inputs::walk(&args.paths, links) {
        let key = input.identity();
        if let Some(same_as) = key.as_ref().and_then(|k| read.get(k)) {
            same_files.push(SameFile {
                file: input.name(),
                same_as: same_as.clone(),
            });
            continue;
        }
        let result = batch::score_input(&input, &catalogue, options);
        match result.outcome {
            Ok(s) => {
                err.write_all(report::batch::warnings(&s.file, &s.warnings).as_bytes())?;
                if let Some(k) = key {
                    read.insert(k, s.file.clone());
                }
                if wanted.as_ref().is_some_and(|c| {
                    *c != reference::case_key(&s.screening.screening.case_reference)
                }) {
                    continue;
                }
                entries.push(s);
            }
            Err(f) => {
                match f {
                    Failure::Unreadable(_) => unreadable = true,
                    Failure::Invalid(_) => invalid = true,
                }
                not_read.push(crate::history::NotRead {
                    file: result.file.clone(),
                    case_reference: batch::case_of_refused(&input),
                });
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

    let as_of = args.as_of.unwrap_or(today);
    let h = history(entries, same_files, not_read, as_of, today);
    let text = match args.format {
        Format::Json => {
            crate::text::json(serde_json::to_string_pretty(&h).map_err(io::Error::other)?) + "\n"
        }
        Format::Markdown => report::history::document(&h).markdown(),
        Format::Table => report::history::document(&h).text(report::terminal_width()),
    };
    super::after_output(
        out.write_all(text.as_bytes()),
        Exit::for_files(unreadable, invalid),
    )
}
