//! Runs a parsed command line: each command in its own file, the loaders they share here,
//! and the one place an [`Error`] is printed and turned into an exit code.
//!
//! Output goes to the writers given (stdout and stderr in the binary, buffers in tests).
//! Data goes to `out`; problems and errors go to `err`.

pub mod caseload;
pub mod completions;
pub mod explain;
pub mod history;
pub mod language;
pub mod man;
pub mod questionnaires;
pub mod report;
pub mod schema;
pub mod score;
pub mod screen;
pub mod show;
pub mod validate;

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use crate::cli::{Cli, Command};
use crate::error::Error;
use crate::exit::Exit;
use crate::language::PhraseList;
use crate::questionnaire::{self, BUNDLED, Questionnaire};
use crate::screening::{self, Catalogue, Options, Scored};
use crate::text;

/// Runs `cli`, printing any error to `err`. An `Err` is a failure to write output (for
/// example a closed pipe).
///
/// Both streams pass through [`text::Guard`], so no hidden character from a file reaches
/// them raw (docs/decisions.md, "Hidden characters are shown, never sent"); renderers
/// escape fields themselves too, and JSON escapes them its own way, so the guard changes
/// nothing they wrote. Only the tool's own schema, completions and manual, and CSV asked
/// for with `--raw-csv`, are written as they are.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Exit> {
    let mut err = text::Guard::new(err);
    let raw = match &cli.command {
        Command::Schema(_) | Command::Completions(_) | Command::Man(_) => true,
        Command::Score(args) => args.raw_csv,
        _ => false,
    };
    let mut guarded;
    let out: &mut dyn Write = if raw {
        out
    } else {
        guarded = text::Guard::new(out);
        &mut guarded
    };
    match dispatch(cli, out, &mut err) {
        Ok(exit) => Ok(exit),
        Err(Error::Output(e)) => Err(e),
        Err(e) => {
            e.render(&mut err)?;
            Ok(e.exit())
        }
    }
}

fn dispatch(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> Result<Exit, Error> {
    let g = &cli.globals;
    match cli.command {
        Command::Screen(args) => screen::run(args, g, out, err),
        Command::Score(args) => score::run(args, g, out, err),
        Command::Explain(args) => explain::run(args, g, out, err),
        Command::Report(args) => report::run(args, g, out, err),
        Command::History(args) => history::run(args, out, err),
        Command::Caseload(args) => caseload::run(args, g, out, err),
        Command::Validate(args) => validate::run(args, g, out, err),
        Command::Language(args) => language::run(args, g, out),
        Command::Questionnaires => questionnaires::run(out),
        Command::Schema(args) => schema::run(args, out),
        Command::Completions(args) => completions::run(args, out),
        Command::Man(args) => man::run(args, out),
        Command::Show(args) => show::run(args, out),
    }
}

/// Today's date in the local time zone (UTC if it cannot be found): screenings dated after
/// it are warned about.
pub fn today() -> jiff::civil::Date {
    jiff::ZonedDateTime::now().date()
}

/// The phrase list for the wording check: the file given with `--phrases`, or the built-in
/// one.
pub fn phrase_list(path: Option<&Path>) -> Result<Cow<'static, PhraseList>, Error> {
    use crate::language::{BUNDLED_PATH, bundled, load};
    match path {
        None => bundled()
            .map(Cow::Borrowed)
            .map_err(|problems| invalid(BUNDLED_PATH, problems.to_vec())),
        Some(path) => load::from_path(path)
            .map(Cow::Owned)
            .map_err(|f| Error::file(crate::text::path(path), f)),
    }
}

/// The questionnaires a command scoring saved screenings may use: the bundled ones, and the
/// one named with `--questionnaire` if any.
pub fn catalogue(questionnaire: Option<&str>) -> Result<Catalogue, Error> {
    let given = questionnaire.map(|arg| resolve(Some(arg))).transpose()?;
    Catalogue::new(given).map_err(|problems| invalid("bundled questionnaire", problems))
}

/// Loads the questionnaire named by a bundled id or a path (default: the bundled default).
pub fn resolve(arg: Option<&str>) -> Result<Questionnaire, Error> {
    let arg = arg.unwrap_or(questionnaire::DEFAULT_ID);
    if let Some(b) = questionnaire::bundled(arg) {
        return questionnaire::from_str(b.text).map_err(|problems| invalid(b.path, problems));
    }
    if let Some(e) = questionnaire::earlier_named(arg) {
        return questionnaire::from_str(e.text).map_err(|problems| invalid(e.path, problems));
    }
    // `id@version` naming the current version of a bundled questionnaire.
    if let Some((id, version)) = arg.split_once('@')
        && let Some(b) = questionnaire::bundled(id)
    {
        let q = questionnaire::from_str(b.text).map_err(|problems| invalid(b.path, problems))?;
        if q.version == version {
            return Ok(q);
        }
        let kept: Vec<String> = questionnaire::EARLIER
            .iter()
            .filter(|e| e.id == id)
            .map(|e| e.version.to_owned())
            .collect();
        return Err(Error::failed(
            format!("{id} has no version {version} in this tool"),
            &[&format!(
                "the current version is {}; earlier versions kept: {}",
                q.version,
                kept.join(", ")
            )],
        ));
    }
    let path = Path::new(arg);
    if !path.exists() {
        let ids: Vec<&str> = BUNDLED.iter().map(|b| b.id).collect();
        return Err(Error::failed(
            format!("`{arg}` is neither a bundled questionnaire nor a file"),
            &[&format!("bundled questionnaires are: {}", ids.join(", "))],
        ));
    }
    questionnaire::from_path(path).map_err(|f| Error::file(arg, f))
}

/// Loads one saved screening for a command that shows it, and prints its warnings (and any
/// wording findings) to `err`.
pub fn load_one<'c>(
    path: &Path,
    catalogue: &'c Catalogue,
    options: Options<'_>,
    err: &mut dyn Write,
) -> Result<Scored<'c>, Error> {
    let scored = screening::load(path, catalogue, options)
        .map_err(|f| Error::file(crate::text::path(path), f))?;
    err.write_all(crate::report::batch::warnings(&scored.file, &scored.warnings).as_bytes())?;
    err.write_all(crate::report::language::diagnostics(&scored.file, &scored.language).as_bytes())?;
    Ok(scored)
}

/// Every problem of `file`, as an error.
pub(crate) fn invalid(file: &str, problems: Vec<crate::diagnostic::Problem>) -> Error {
    Error::Invalid {
        file: file.to_owned(),
        problems,
        help: None,
    }
}

/// Writes a document (`what`: "record", "report") to `path` atomically, mode 0600, never
/// replacing a file unless `force`, and never a file that is read-only or not a regular
/// file; says "Wrote PATH" on `err` unless `quiet`.
/// `exit` once `written` has gone through, and also when whoever reads standard output has
/// gone (`| head -1`): a closed pipe ends the run quietly, but the files already found
/// invalid or unreadable still set the exit code.
pub(crate) fn after_output(written: io::Result<()>, exit: Exit) -> Result<Exit, Error> {
    match written {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(exit),
        r => r.map(|()| exit).map_err(Error::Output),
    }
}

pub(crate) fn write_output(
    path: &Path,
    bytes: &[u8],
    force: bool,
    quiet: bool,
    what: &str,
    err: &mut dyn Write,
) -> Result<crate::exit::Exit, Error> {
    use crate::store;
    // Refused with or without --force: --force replaces only a regular, writable file.
    if let Some(why) = store::in_the_way(path) {
        let help = match &why {
            store::InTheWay::ReadOnly { .. } => format!(
                "write the {what} to another file, or make this one writable first if it should be replaced"
            ),
            store::InTheWay::NotRegular { .. } => format!("write the {what} to a regular file"),
        };
        return Err(Error::failed(why.to_string(), &[&help]));
    }
    screen::clear_leftovers(&store::folder_of(path), err)?;
    match store::write_atomic(path, bytes, force) {
        Ok(()) => {
            if !quiet {
                writeln!(err, "Wrote {}", text::shown_path(path))?;
            }
            Ok(crate::exit::Exit::Ok)
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(Error::failed(
            format!("{} already exists", text::shown_path(path)),
            &["to replace it, add --force"],
        )),
        Err(e) => Err(Error::failed(
            format!(
                "{}: could not write the {what}: {}",
                text::shown_path(path),
                store::write_error(&e)
            ),
            &[&format!("{}; nothing was changed", store::write_help(&e))],
        )),
    }
}

/// True when `output` names an HTML file (`.html` or `.htm`): its format when none is given.
pub(crate) fn is_html(output: Option<&Path>) -> bool {
    output
        .and_then(|p| p.extension())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// The bundled questionnaires and the other versions named with `--questionnaire`
/// (repeatable), for commands that read many screenings.
pub(crate) fn catalogue_with_versions(args: &[String]) -> Result<Catalogue, Error> {
    let versions = args
        .iter()
        .map(|arg| resolve(Some(arg)))
        .collect::<Result<Vec<_>, _>>()?;
    Catalogue::with_versions(versions)
        .map_err(|problems| invalid("bundled questionnaire", problems))
}
