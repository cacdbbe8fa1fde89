//! `cse-screen caseload`: reads every screening under the paths on every core (the walk and
//! loader of `score` and `history`), keeps a small summary of each, groups them as `history`
//! does and writes the oversight report, optionally pseudonymised, to stdout or a file.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

use crate::batch::{self, Failure, Input, pipeline};
use crate::caseload::{self, Summary};
use crate::cli::{CaseloadArgs, CaseloadFormat as Format, Globals};
use crate::error::Error;
use crate::exit::Exit;
use crate::history::{self, Point, SameFile};
use crate::report::{self, caseload as render};
use crate::screening::{Catalogue, Options};

/// The environment variable that may hold the pseudonym key.
pub const KEY_VARIABLE: &str = "CSE_SCREEN_PSEUDONYM_KEY";

/// What a worker hands back for one input.
struct Done<'q> {
    name: String,
    /// (device, inode) of the file, where there is one.
    key: Option<(u64, u64)>,
    seen: Option<(Point, Summary<'q>)>,
    /// Warnings and problems, rendered for stderr.
    diagnostics: String,
    failure: Option<bool>,
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
    let watch = caseload::watched(catalogue.questionnaires());
    let today = super::today();
    let as_of = args.as_of.unwrap_or(today);
    let jobs = args.jobs.map(usize::from).unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let (entries, same_files, unreadable, invalid, inputs) =
        read(&args, &catalogue, &watch, today, jobs, err)?;
    if entries.is_empty() {
        let what = "no screenings were found";
        let help = ["name answers files or folders holding *.yaml, *.yml or *.json screenings"];
        return Err(if invalid {
            Error::refused(what, &help)
        } else {
            Error::failed(what, &help)
        });
    }

    let grouped = history::group(entries, same_files, as_of);
    let mut c = caseload::caseload(grouped, as_of, args.in_progress_days);
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
    if let Some(p) = &pattern
        && caseload::still_holds_a_reference(p, &text)
    {
        return Err(Error::failed(
            "the pseudonymised report still holds a case reference (not shown here), so nothing was written",
            &["report this as a bug; meanwhile, do not share the report outside the team"],
        ));
    }
    let exit = Exit::for_files(unreadable, invalid);
    let Some(path) = args.output else {
        out.write_all(text.as_bytes())?;
        return Ok(exit);
    };
    let path = crate::store::resolve_link(&path);
    if batch::inputs::identity(&path).is_some_and(|k| inputs.contains_key(&k)) {
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

type Read<'q> = (
    Vec<(Point, Summary<'q>)>,
    Vec<SameFile>,
    bool,
    bool,
    HashMap<(u64, u64), String>,
);

/// Reads and summarises every input on `jobs` threads; problems go to `err` in input order.
/// A file named twice (the same device and inode) is summarised once, under its first name.
fn read<'q>(
    args: &CaseloadArgs,
    catalogue: &'q Catalogue,
    watch: &[String],
    today: jiff::civil::Date,
    jobs: usize,
    err: &mut dyn Write,
) -> Result<Read<'q>, Error> {
    let options = Options {
        today: Some(today),
        ..Options::default()
    };
    let work = |input: Input| {
        let key = match &input {
            Input::File(path) | Input::Linked(path) => batch::inputs::identity(path),
            _ => None,
        };
        let result = batch::score_input(&input, catalogue, options);
        match result.outcome {
            Ok(s) => {
                let id = s
                    .screening
                    .identity()
                    .unwrap_or_else(|| format!("file:{}", s.file));
                Done {
                    name: s.file.clone(),
                    key,
                    diagnostics: report::batch::warnings(&s.file, &s.warnings),
                    seen: Some(caseload::summarise(&s, &id, today, watch)),
                    failure: None,
                }
            }
            Err(f) => {
                let unreadable = matches!(f, Failure::Unreadable(_));
                let result = batch::FileResult {
                    outcome: Err(f),
                    ..result
                };
                Done {
                    name: result.file.clone(),
                    key,
                    diagnostics: report::batch::diagnostics(&result),
                    seen: None,
                    failure: Some(unreadable),
                }
            }
        }
    };
    let mut entries = Vec::new();
    let mut same_files = Vec::new();
    let mut read: HashMap<(u64, u64), String> = HashMap::new();
    let (mut unreadable, mut invalid) = (false, false);
    let sink = |d: Done<'q>| -> io::Result<()> {
        if let Some(same_as) = d.key.as_ref().and_then(|k| read.get(k)) {
            same_files.push(SameFile {
                file: d.name,
                same_as: same_as.clone(),
            });
            return Ok(());
        }
        err.write_all(d.diagnostics.as_bytes())?;
        match d.failure {
            Some(true) => unreadable = true,
            Some(false) => invalid = true,
            None => {}
        }
        if let Some(seen) = d.seen {
            if let Some(k) = d.key {
                read.insert(k, d.name);
            }
            entries.push(seen);
        }
        Ok(())
    };
    let links = batch::inputs::Links::from_flag(args.follow);
    pipeline::run(batch::inputs::walk(&args.paths, links), jobs, work, sink)?;
    Ok((entries, same_files, unreadable, invalid, read))
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
