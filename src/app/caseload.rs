//! `cse-screen caseload`: reads every screening under the paths on every core (the walk and
//! loader of `score` and `history`), folds each into its case as it arrives (by `history`'s
//! rules of grouping) and writes the oversight report, optionally pseudonymised, to stdout
//! or a file.

use std::io::{self, Write};
use std::path::Path;

use crate::batch::{self, Failure, Input, pipeline};
use crate::caseload::{self, Fold, Seen};
use crate::cli::{CaseloadArgs, CaseloadFormat as Format, Globals};
use crate::error::Error;
use crate::exit::Exit;
use crate::history::NotRead;
use crate::report::{self, caseload as render};
use crate::screening::{Catalogue, Options};

/// The environment variable that may hold the pseudonym key.
pub const KEY_VARIABLE: &str = "CSE_SCREEN_PSEUDONYM_KEY";

/// What a worker hands back for one input.
struct Done<'q> {
    /// (device, inode) of the file, where there is one.
    key: Option<(u64, u64)>,
    seen: Option<Seen<'q>>,
    /// Warnings and problems, rendered for stderr.
    diagnostics: String,
    failure: Option<bool>,
    /// For a file not read: its name, and the case reference written in it where it can
    /// still be read.
    not_read: Option<NotRead>,
}

pub fn run(
    args: CaseloadArgs,
    globals: &Globals,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    // The key is checked before thousands of files are read.
    let key = if args.pseudonymise {
        Some(pseudonym_key(args.pseudonymise_key_file.as_deref())?)
    } else {
        None
    };
    let format = args
        .format
        .unwrap_or(if super::is_html(args.output.as_deref()) {
            Format::Html
        } else {
            Format::Table
        });
    let catalogue = super::catalogue_with_versions(&args.questionnaire)?;
    let today = super::today();
    let as_of = args.as_of.unwrap_or(today);
    let jobs = args.jobs.map(usize::from).unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let questionnaires: Vec<_> = catalogue.questionnaires().collect();
    let fold = Fold::new(&questionnaires, as_of, args.in_progress_days);
    let (fold, unreadable, invalid, not_read) = read(&args, fold, &catalogue, today, jobs, err)?;
    if fold.is_empty() {
        let what = "no screenings were found";
        let help = ["name answers files or folders holding *.yaml, *.yml or *.json screenings"];
        return Err(if invalid {
            Error::refused(what, &help)
        } else {
            Error::failed(what, &help)
        });
    }

    // Whether the report would replace a screening read, asked before the fold is let go.
    let output = args.output.as_deref().map(|path| {
        let path = crate::store::resolve_link(path);
        let read = batch::inputs::identity(&path).is_some_and(|k| fold.has_file(k));
        (path, read)
    });
    let mut c = fold.finish();
    caseload::add_not_read(&mut c, &not_read);
    let pattern = match &key {
        Some(key) => caseload::pseudonymise(&mut c, |k| crate::pseudonym::pseudonym(key, k))
            .map_err(|e| Error::failed(e, &[]))?,
        None => None,
    };
    let text = match format {
        Format::Json => {
            crate::text::json(serde_json::to_string_pretty(&c).map_err(io::Error::other)?) + "\n"
        }
        Format::Csv => {
            let mut s = render::csv_header();
            for r in &c.cases {
                s.push_str(&render::csv_row(&c, r));
            }
            s
        }
        Format::Markdown => render::document(&c).markdown(),
        Format::Html => render::document(&c).html(),
        Format::Table => render::document(&c).text(report::terminal_width()),
    };
    // Fail closed: a pseudonymised paper that still holds a reference is not written.
    match pattern
        .as_ref()
        .and_then(|p| caseload::still_holds_a_reference(p, &text))
    {
        Some(caseload::Held::Reference) => {
            return Err(Error::failed(
                "the pseudonymised report still holds a case reference (not shown here), so nothing was written",
                &["report this as a bug; meanwhile, do not share the report outside the team"],
            ));
        }
        Some(caseload::Held::Digits) => {
            return Err(Error::failed(
                "the pseudonymised report still holds a case reference made of digits alone (not shown here), so nothing was written",
                &[
                    "a number in the report (a count, a score, a year) can be the same digits as a reference, and the last check cannot tell them apart",
                    "do not share the report outside the team; references with letters in them (EX-2026) can be pseudonymised",
                ],
            ));
        }
        None => {}
    }
    let exit = Exit::for_files(unreadable, invalid);
    let Some((path, read)) = output else {
        return super::after_output(out.write_all(text.as_bytes()), exit);
    };
    if read {
        return Err(Error::usage(
            format!(
                "{} is one of the screenings read; the report would replace it",
                crate::text::shown_path(&path)
            ),
            &["write the report to another file, for example oversight.html"],
        ));
    }
    super::write_output(
        &path,
        text.as_bytes(),
        args.force,
        globals.quiet,
        "report",
        err,
    )?;
    Ok(exit)
}

/// Reads every input on `jobs` threads and adds it to `fold` in input order; problems go to
/// `err` in input order. A file named twice (the same device and inode) is added once, under
/// its first name, and counted as a copy. Returns the fold, whether any file was
/// unreadable, whether any was invalid, and the files that were either.
fn read<'q>(
    args: &CaseloadArgs,
    mut fold: Fold<'q>,
    catalogue: &'q Catalogue,
    today: jiff::civil::Date,
    jobs: usize,
    err: &mut dyn Write,
) -> Result<(Fold<'q>, bool, bool, Vec<NotRead>), Error> {
    let options = Options {
        today: Some(today),
        ..Options::default()
    };
    let watch = fold.watch().to_vec();
    let work = |input: Input| {
        let key = input.identity();
        let result = batch::score_input(&input, catalogue, options);
        match result.outcome {
            Ok(s) => {
                let id = s
                    .screening
                    .identity()
                    .unwrap_or_else(|| format!("file:{}", s.file));
                Done {
                    key,
                    diagnostics: report::batch::warnings(&s.file, &s.warnings),
                    seen: Some(caseload::seen(&s, &id, today, &watch)),
                    failure: None,
                    not_read: None,
                }
            }
            Err(f) => {
                let unreadable = matches!(f, Failure::Unreadable(_));
                let not_read = NotRead {
                    file: result.file.clone(),
                    case_reference: batch::case_of_refused(&input),
                };
                let result = batch::FileResult {
                    outcome: Err(f),
                    ..result
                };
                Done {
                    key,
                    diagnostics: report::batch::diagnostics(&result),
                    seen: None,
                    failure: Some(unreadable),
                    not_read: Some(not_read),
                }
            }
        }
    };
    let (mut unreadable, mut invalid, mut not_read) = (false, false, Vec::new());
    let mut seq = 0u64;
    let sink = |d: Done<'q>| -> io::Result<()> {
        if d.key.is_some_and(|k| fold.same_file(k)) {
            return Ok(());
        }
        err.write_all(d.diagnostics.as_bytes())?;
        match d.failure {
            Some(true) => unreadable = true,
            Some(false) => invalid = true,
            None => {}
        }
        not_read.extend(d.not_read);
        if let Some(seen) = d.seen {
            fold.add(seq, seen, d.key);
            seq += 1;
        }
        Ok(())
    };
    let links = batch::inputs::Links::from_flag(args.follow);
    pipeline::run(batch::inputs::walk(&args.paths, links), jobs, work, sink)?;
    Ok((fold, unreadable, invalid, not_read))
}

/// The pseudonym key: from the key file if given, else from the environment variable.
fn pseudonym_key(file: Option<&Path>) -> Result<Vec<u8>, Error> {
    let help = [
        "put a secret of at least 16 characters in a file only you can read, and pass it with --pseudonymise-key-file FILE",
        "or set the environment variable CSE_SCREEN_PSEUDONYM_KEY",
        "keep the key: the same key gives the same pseudonyms next time",
    ];
    let (bytes, from) = match file {
        Some(path) => match read_key_file(path) {
            Ok(bytes) => (bytes, crate::text::shown_path(path)),
            Err(e) => {
                return Err(Error::failed(
                    format!(
                        "{}: cannot read the pseudonym key: {}",
                        crate::text::shown_path(path),
                        crate::input::io_message(&e)
                    ),
                    &help,
                ));
            }
        },
        None => match std::env::var_os(KEY_VARIABLE) {
            Some(v) => (
                v.into_encoded_bytes(),
                format!("the environment variable {KEY_VARIABLE}"),
            ),
            None => {
                return Err(Error::usage(
                    "--pseudonymise needs a key, and none was given",
                    &help,
                ));
            }
        },
    };
    crate::pseudonym::key_from_file_bytes(&bytes)
        .map_err(|why| Error::usage(format!("{from}: {why}"), &help))
}

/// A key file's bytes, at most 64 KiB (a key is short; `/dev/zero` is not a key).
fn read_key_file(path: &Path) -> io::Result<Vec<u8>> {
    use std::io::Read as _;
    const MAX: u64 = 64 * 1024;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX {
        return Err(io::Error::other(
            "it is longer than 64 KiB; a key is a short secret",
        ));
    }
    Ok(bytes)
}
