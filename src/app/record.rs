//! `cse-screen report`: the printable record of one saved screening, to stdout or a file.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::batch::Options;
use crate::engine::assess;
use crate::exit::Exit;
use crate::report::{Subject, record::record};
use crate::store;

/// The record's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
}

/// What `report` was asked to do.
pub struct Request {
    pub file: PathBuf,
    /// `None`: from the output file's extension, else Markdown.
    pub format: Option<Format>,
    pub output: Option<PathBuf>,
    pub force: bool,
    pub questionnaire: Option<String>,
    /// `--phrases`: the wording list to check the free text with (default: the built-in one).
    pub phrases: Option<PathBuf>,
    /// `--quiet`: no "Wrote" line.
    pub quiet: bool,
}

pub fn run(req: Request, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Exit> {
    let catalogue = match super::catalogue(req.questionnaire.as_deref(), err)? {
        Ok(c) => c,
        Err(exit) => return Ok(exit),
    };
    let phrases = match super::phrase_list(req.phrases.as_deref(), err)? {
        Ok(p) => p,
        Err(exit) => return Ok(exit),
    };
    let options = Options {
        language: Some(&phrases),
        ..Options::default()
    };
    let loaded = match super::load_one(&req.file, &catalogue, options, err)? {
        Ok(l) => l,
        Err(exit) => return Ok(exit),
    };
    let file = req.file.display().to_string();
    let assessment = assess(loaded.questionnaire, &loaded.responses);
    let subject = Subject {
        file: &file,
        q: loaded.questionnaire,
        screening: &loaded.screening,
        responses: &loaded.responses,
        assessment: &assessment,
    };
    let doc = record(&subject, &loaded.warnings, &loaded.language);
    let format = req.format.unwrap_or_else(|| {
        let html = req
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
    let Some(path) = req.output else {
        out.write_all(text.as_bytes())?;
        return Ok(Exit::Ok);
    };
    if same_file(&path, &req.file) {
        writeln!(
            err,
            "error: {} is the screening itself; the record would replace it",
            path.display()
        )?;
        let other = path.with_extension(match format {
            Format::Html => "html",
            Format::Markdown => "md",
        });
        writeln!(
            err,
            "  help: write the record to another file, for example {}",
            other.display()
        )?;
        return Ok(Exit::Usage);
    }
    match store::write_atomic(&path, text.as_bytes(), req.force) {
        Ok(()) => {
            if !req.quiet {
                writeln!(err, "Wrote {}", path.display())?;
            }
            Ok(Exit::Ok)
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            writeln!(err, "error: {} already exists", path.display())?;
            writeln!(err, "  help: to replace it, add --force")?;
            Ok(Exit::Failure)
        }
        Err(e) => {
            writeln!(
                err,
                "error: {}: could not write the record: {}",
                path.display(),
                store::write_error(&e)
            )?;
            writeln!(
                err,
                "  help: check that the folder exists and you can write to it; nothing was changed"
            )?;
            Ok(Exit::Failure)
        }
    }
}

/// True when `a` and `b` name the same existing file.
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
