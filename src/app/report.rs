//! `cse-screen report`: the printable record of one saved screening, to stdout or a file.

use std::io::{self, Write};

use crate::cli::{Globals, ReportArgs, ReportFormat as Format};
use crate::error::Error;
use crate::exit::Exit;
use crate::report::record::record;
use crate::screening::Options;
use crate::store;

pub fn run(
    args: ReportArgs,
    globals: &Globals,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let catalogue = super::catalogue(args.questionnaire.as_deref())?;
    let phrases = super::phrase_list(globals.phrases.as_deref())?;
    let options = Options {
        language: Some(&phrases),
        today: Some(super::today()),
        ..Options::default()
    };
    let loaded = super::load_one(&args.file, &catalogue, options, err)?;
    let doc = record(&loaded);
    let format = args.format.unwrap_or_else(|| {
        let html = args
            .output
            .as_ref()
            .and_then(|p| p.extension())
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
        if html { Format::Html } else { Format::Markdown }
    });
    let text = match format {
        Format::Markdown => doc.markdown(),
        Format::Html => doc.html(),
    };
    let Some(path) = args.output else {
        out.write_all(text.as_bytes())?;
        return Ok(Exit::Ok);
    };
    // Through a link, the file it points to is what is written.
    let path = store::resolve_link(&path);
    if same_file(&path, &args.file) {
        let other = path.with_extension(match format {
            Format::Html => "html",
            Format::Markdown => "md",
        });
        return Err(Error::usage(
            format!(
                "{} is the screening itself; the record would replace it",
                crate::text::shown_path(&path)
            ),
            &[&format!(
                "write the record to another file, for example {}",
                crate::text::shown_path(&other)
            )],
        ));
    }
    // Refused with or without --force: --force replaces only a regular, writable file.
    if let Some(why) = store::in_the_way(&path) {
        let help = match &why {
            store::InTheWay::ReadOnly { .. } => {
                "write the record to another file, or make this one writable first if it should be replaced"
            }
            store::InTheWay::NotRegular { .. } => "write the record to a regular file",
        };
        return Err(Error::failed(why.to_string(), &[help]));
    }
    super::screen::clear_leftovers(&store::folder_of(&path), err)?;
    match store::write_atomic(&path, text.as_bytes(), args.force) {
        Ok(()) => {
            if !globals.quiet {
                writeln!(err, "Wrote {}", crate::text::shown_path(&path))?;
            }
            Ok(Exit::Ok)
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(Error::failed(
            format!("{} already exists", crate::text::shown_path(&path)),
            &["to replace it, add --force"],
        )),
        Err(e) => Err(Error::failed(
            format!(
                "{}: could not write the record: {}",
                crate::text::shown_path(&path),
                store::write_error(&e)
            ),
            &[&format!("{}; nothing was changed", store::write_help(&e))],
        )),
    }
}

/// True when `a` and `b` name the same existing file.
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
