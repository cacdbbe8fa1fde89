//! `cse-screen report`: the printable record of one saved screening, to stdout or a file.

use std::io::Write;

use crate::cli::{Globals, ReportArgs, ReportFormat as Format};
use crate::error::Error;
use crate::exit::Exit;
use crate::language::Phrases;
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
        language: Some(Phrases::List(&phrases)),
        today: Some(super::today()),
        ..Options::default()
    };
    let loaded = super::load_one(&args.file, &catalogue, options, err)?;
    let doc = record(&loaded);
    let format = args
        .format
        .unwrap_or(if super::is_html(args.output.as_deref()) {
            Format::Html
        } else {
            Format::Markdown
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
    super::write_output(
        &path,
        text.as_bytes(),
        args.force,
        globals.quiet,
        "record",
        err,
    )
}

/// True when `a` and `b` name the same existing file.
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
