//! Runs a parsed command line: loads what it names, calls the library, writes the output.
//!
//! Output goes to the writers given (stdout and stderr in the binary, buffers in tests).
//! Data goes to `out`; problems and errors go to `err`. The return value is the exit code.

pub mod explain;
pub mod history;
pub mod language;
pub mod record;
pub mod score;
pub mod screen;

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use crate::cli::{
    Cli, Command, HistoryFormat, LanguageFormat, ReportFormat, SchemaFormat, ScoreFormat,
    ShowFormat,
};
use crate::exit::Exit;
use crate::questionnaire::{self, BUNDLED, LoadError, Questionnaire};
use crate::report;

/// Runs `cli`. An `Err` is a failure to write output (for example a closed pipe).
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Exit> {
    let phrases = cli.phrases;
    let (color, quiet) = (cli.color, cli.quiet);
    match cli.command {
        Command::Screen {
            questionnaire,
            resume,
            output,
            force,
            training,
            plain,
        } => screen::run(
            screen::Request {
                questionnaire,
                resume,
                output,
                force,
                training,
                plain,
                phrases,
                color,
            },
            out,
            err,
        ),
        Command::Score {
            paths,
            questionnaire,
            format,
            strict,
            jobs,
        } => score::run(
            score::Request {
                paths,
                questionnaire,
                format: format.map(|f| match f {
                    ScoreFormat::Table => score::Format::Table,
                    ScoreFormat::Json => score::Format::Json,
                    ScoreFormat::Jsonl => score::Format::Jsonl,
                    ScoreFormat::Csv => score::Format::Csv,
                    ScoreFormat::Markdown => score::Format::Markdown,
                }),
                strict,
                jobs: jobs.map(usize::from),
                phrases,
                quiet,
            },
            out,
            err,
        ),
        Command::Explain {
            file,
            set,
            questionnaire,
        } => explain::run(
            explain::Request {
                file,
                questionnaire,
                set,
            },
            out,
            err,
        ),
        Command::Report {
            file,
            format,
            output,
            force,
            questionnaire,
        } => record::run(
            record::Request {
                file,
                format: format.map(|f| match f {
                    ReportFormat::Markdown => record::Format::Markdown,
                    ReportFormat::Html => record::Format::Html,
                }),
                output,
                force,
                questionnaire,
                phrases,
                quiet,
            },
            out,
            err,
        ),
        Command::Validate { paths } => validate(&paths, phrases.as_deref(), out, err),
        Command::Language {
            file,
            text,
            age,
            format,
        } => language::run(
            language::Request {
                file,
                text,
                age,
                json: format == LanguageFormat::Json,
                phrases,
            },
            out,
            err,
        ),
        Command::History {
            paths,
            as_of,
            case,
            format,
            questionnaire,
        } => history::run(
            history::Request {
                paths,
                as_of,
                case,
                format: match format {
                    HistoryFormat::Table => history::Format::Table,
                    HistoryFormat::Json => history::Format::Json,
                    HistoryFormat::Markdown => history::Format::Markdown,
                },
                questionnaires: questionnaire,
            },
            out,
            err,
        ),
        Command::Schema { format } => {
            let kind = match format {
                SchemaFormat::Questionnaire => crate::schema::Kind::Questionnaire,
                SchemaFormat::Answers => crate::schema::Kind::Answers,
            };
            out.write_all(crate::schema::json(kind).as_bytes())?;
            Ok(Exit::Ok)
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "cse-screen", out);
            Ok(Exit::Ok)
        }
        Command::Man { command } => {
            use clap::CommandFactory;
            let mut cli = Cli::command();
            cli.build();
            let page = match command.as_deref() {
                None => cli,
                Some(name) => match cli.find_subcommand(name) {
                    Some(sub) => sub.clone().name(format!("cse-screen-{name}")),
                    None => {
                        let names: Vec<&str> = cli
                            .get_subcommands()
                            .map(clap::Command::get_name)
                            .filter(|n| *n != "help")
                            .collect();
                        writeln!(err, "error: `{name}` is not a cse-screen command")?;
                        writeln!(err, "  help: pages exist for: {}", names.join(", "))?;
                        return Ok(Exit::Usage);
                    }
                },
            };
            clap_mangen::Man::new(page).render(out)?;
            Ok(Exit::Ok)
        }
        Command::Questionnaires => {
            let mut all = Vec::new();
            for b in BUNDLED {
                match questionnaire::from_str(b.text) {
                    Ok(q) => all.push(q),
                    Err(problems) => return report_invalid(b.path, &problems, err),
                }
            }
            out.write_all(report::questionnaire::list(&all, report::terminal_width()).as_bytes())?;
            Ok(Exit::Ok)
        }
        Command::Show {
            questionnaire,
            format,
        } => match resolve(questionnaire.as_deref(), err)? {
            Ok(q) => {
                let text = match format {
                    ShowFormat::Table => report::questionnaire::show(&q, report::terminal_width()),
                    ShowFormat::Markdown => report::questionnaire::markdown(&q),
                };
                out.write_all(text.as_bytes())?;
                Ok(Exit::Ok)
            }
            Err(exit) => Ok(exit),
        },
    }
}

/// `validate`: every file (or every bundled questionnaire), every problem, including
/// wording from the phrase list in the questionnaire's own text.
fn validate(
    paths: &[std::path::PathBuf],
    phrases: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Exit> {
    let list = match phrase_list(phrases, err)? {
        Ok(list) => list,
        Err(exit) => return Ok(exit),
    };
    let mut unreadable = false;
    let mut invalid = false;
    let mut check = |name: &str,
                     text: Result<String, LoadError>,
                     out: &mut dyn Write,
                     err: &mut dyn Write|
     -> io::Result<()> {
        let result = text.and_then(|text| {
            let wording = crate::language::questionnaire::check(&list, &text);
            match questionnaire::from_str(&text) {
                Ok(q) if wording.is_empty() => Ok(q),
                Ok(_) => Err(LoadError::Invalid(wording)),
                Err(mut problems) => {
                    problems.extend(wording);
                    Err(LoadError::Invalid(crate::diagnostic::sorted(problems)))
                }
            }
        });
        match result {
            Ok(q) => writeln!(
                out,
                "{name}: ok ({} {}, {} indicators, {} rules)",
                q.id,
                q.version,
                q.indicators.len(),
                q.rules.len()
            ),
            Err(LoadError::Invalid(problems)) => {
                invalid = true;
                report_invalid(name, &problems, err).map(|_| ())
            }
            Err(e) => {
                unreadable = true;
                writeln!(err, "{}", load_error_message(name, &e))
            }
        }
    };
    if paths.is_empty() {
        for b in BUNDLED {
            check(b.path, Ok(b.text.to_owned()), out, err)?;
        }
    } else {
        for p in paths {
            let text = questionnaire::load::read_path(p);
            check(&p.display().to_string(), text, out, err)?;
        }
    }
    Ok(Exit::for_files(unreadable, invalid))
}

/// Prints every problem of `file`, then a count.
pub(crate) fn report_invalid(
    file: &str,
    problems: &[crate::diagnostic::Problem],
    err: &mut dyn Write,
) -> io::Result<Exit> {
    for p in problems {
        writeln!(err, "{}", p.display(file))?;
    }
    let n = problems.len();
    writeln!(
        err,
        "{file}: {n} problem{} found",
        if n == 1 { "" } else { "s" }
    )?;
    Ok(Exit::Invalid)
}

/// The phrase list for the wording check: the file given with `--phrases`, or the built-in
/// one. Problems are printed to `err`; the `Err` carries the exit code to use.
pub fn phrase_list(
    path: Option<&Path>,
    err: &mut dyn Write,
) -> io::Result<Result<Cow<'static, crate::language::PhraseList>, Exit>> {
    use crate::language::{BUNDLED_PATH, bundled, load};
    let Some(path) = path else {
        return Ok(match bundled() {
            Ok(list) => Ok(Cow::Borrowed(list)),
            Err(problems) => Err(report_invalid(BUNDLED_PATH, problems, err)?),
        });
    };
    let shown = path.display().to_string();
    Ok(match load::from_path(path) {
        Ok(list) => Ok(Cow::Owned(list)),
        Err(LoadError::Invalid(problems)) => Err(report_invalid(&shown, &problems, err)?),
        Err(e) => {
            writeln!(err, "{}", load_error_message(&shown, &e))?;
            Err(Exit::Failure)
        }
    })
}

fn load_error_message(name: &str, e: &LoadError) -> String {
    match e {
        LoadError::Io(io) => format!("error: {name}: {}", crate::batch::io_message(io)),
        LoadError::Invalid(problems) => format!("error: {name}: {} problems", problems.len()),
    }
}

/// The questionnaires a command scoring saved screenings may use: the bundled ones, and the
/// one named with `--questionnaire` if any. Problems are printed to `err`.
pub fn catalogue(
    questionnaire: Option<&str>,
    err: &mut dyn Write,
) -> io::Result<Result<crate::batch::Catalogue, Exit>> {
    let given = match questionnaire {
        None => None,
        Some(arg) => match resolve(Some(arg), err)? {
            Ok(q) => Some(q),
            Err(exit) => return Ok(Err(exit)),
        },
    };
    Ok(match crate::batch::Catalogue::new(given) {
        Ok(c) => Ok(c),
        Err(problems) => Err(report_invalid("bundled questionnaire", &problems, err)?),
    })
}

/// Loads the questionnaire named by a bundled id or a path (default: the bundled default).
/// Problems are printed to `err`; the `Err` carries the exit code to use.
pub fn resolve(arg: Option<&str>, err: &mut dyn Write) -> io::Result<Result<Questionnaire, Exit>> {
    let arg = arg.unwrap_or(questionnaire::DEFAULT_ID);
    if let Some(b) = questionnaire::bundled(arg) {
        return Ok(match questionnaire::from_str(b.text) {
            Ok(q) => Ok(q),
            Err(problems) => Err(report_invalid(b.path, &problems, err)?),
        });
    }
    let path = Path::new(arg);
    if !path.exists() {
        let ids: Vec<&str> = BUNDLED.iter().map(|b| b.id).collect();
        writeln!(
            err,
            "error: `{arg}` is neither a bundled questionnaire nor a file"
        )?;
        writeln!(
            err,
            "  help: bundled questionnaires are: {}",
            ids.join(", ")
        )?;
        return Ok(Err(Exit::Failure));
    }
    Ok(match questionnaire::from_path(path) {
        Ok(q) => Ok(q),
        Err(LoadError::Invalid(problems)) => Err(report_invalid(arg, &problems, err)?),
        Err(e) => {
            writeln!(err, "{}", load_error_message(arg, &e))?;
            Err(Exit::Failure)
        }
    })
}

/// Reads, checks and matches one answers file for a command that shows one screening.
/// Problems are printed to `err`, and warnings too; the `Err` carries the exit code to use.
pub fn load_one<'c>(
    path: &Path,
    catalogue: &'c crate::batch::Catalogue,
    options: crate::batch::Options<'_>,
    err: &mut dyn Write,
) -> io::Result<Result<crate::batch::Loaded<'c>, Exit>> {
    use crate::batch::{self, Failure, Input};
    let file = path.display().to_string();
    match batch::load_input(&Input::File(path.to_path_buf()), catalogue, options) {
        Ok(l) => {
            let mut warnings = l.warnings.clone();
            warnings.extend(l.language.iter().map(report::language::warning));
            err.write_all(report::batch::warnings(&file, &warnings).as_bytes())?;
            Ok(Ok(l))
        }
        Err(Failure::Unreadable(why)) => {
            writeln!(err, "error: {file}: {why}")?;
            Ok(Err(Exit::Failure))
        }
        Err(Failure::Invalid(problems)) => Ok(Err(report_invalid(&file, &problems, err)?)),
    }
}
