//! `cse-screen score`: scores saved screenings, one or many, and streams the results.
//!
//! Results go to stdout in input order as each is ready; problems go to stderr on their own
//! lines; a summary follows a batch. One bad file never stops the others. The exit code is
//! 0 when every file was scored, 65 when some file is invalid, 1 when some file could not
//! be read.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use crate::batch::inputs::Links;
use crate::batch::{self, Failure, FileResult, Input, pipeline};
use crate::cli::{Globals, ScoreArgs, ScoreFormat as Format};
use crate::engine::Detail;
use crate::error::Error;
use crate::exit::Exit;
use crate::language::Phrases;
use crate::report::{self, batch as render};
use crate::screening::Options;

/// Batches at least this large show a progress bar (when stderr is a terminal).
const PROGRESS_FROM: usize = 500;

pub fn run(
    args: ScoreArgs,
    globals: &Globals,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    if args.paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(Error::usage(
            "standard input (`-`) is named more than once; it can be read only once",
            &["name `-` once, or save each screening to a file and name the files"],
        ));
    }
    let catalogue = super::catalogue(args.questionnaire.as_deref())?;
    // A list given with --phrases is read (and every problem in it reported) before any
    // file. The built-in one is read on another core while the first screening and its
    // questionnaire are read; its error, which the tests rule out, is reported at the end.
    let given = globals
        .phrases
        .as_deref()
        .map(|path| super::phrase_list(Some(path)))
        .transpose()?;
    let phrases = match &given {
        Some(list) => Phrases::List(list),
        None => {
            std::thread::spawn(|| {
                if let Ok(list) = crate::language::bundled() {
                    list.prepare();
                }
            });
            Phrases::Bundled
        }
    };
    // One object for one file named directly; a list for anything that could hold several.
    let single = args.paths.len() == 1 && !args.paths[0].is_dir();
    let links = Links::from_flag(args.follow);
    let stdout_is_terminal = io::stdout().is_terminal();
    let format = args.format.unwrap_or(if stdout_is_terminal {
        Format::Table
    } else {
        Format::Jsonl
    });
    // CSV, Markdown and a batch's table show a summary row: only what it holds is built.
    let detail = match format {
        Format::Csv | Format::Markdown => Detail::Summary,
        Format::Table if !single => Detail::Summary,
        Format::Table | Format::Json | Format::Jsonl => Detail::Full,
    };
    let options = Options {
        strict: args.strict,
        language: Some(phrases),
        today: Some(super::today()),
        detail,
        ..Options::default()
    };
    let jobs = args.jobs.map(usize::from).unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });

    let progress = if globals.quiet {
        None
    } else {
        progress_bar(&args.paths, links)
    };
    let mut out = BufWriter::with_capacity(64 * 1024, out);
    let mut tally = Tally::default();
    let mut table_rows = Vec::new();
    let mut first = true;

    match format {
        Format::Csv => out.write_all(render::csv_header().as_bytes())?,
        Format::Markdown => out.write_all(render::markdown_header().as_bytes())?,
        Format::Json if !single => out.write_all(b"[\n")?,
        _ => {}
    }

    let width = report::terminal_width();
    let style = report::result::Style {
        color: report::colour_on_stdout(globals.color),
        plain: false,
    };
    // Everything is rendered on the worker, and only text crosses to the writer: the scored
    // file is dropped where it was built, which keeps the memory allocator uncontended.
    // With more than one path named, a file can be reached twice (a folder named twice, or
    // a file named beside its folder): it is scored once, under the name it was first
    // reached by, as `history` and `caseload` count it. One path walks each file once.
    let dedupe = args.paths.len() > 1;
    let work = |input: Input| {
        let key = if dedupe { input.identity() } else { None };
        let result = batch::score_input(&input, &catalogue, options);
        let mut row = None;
        let record = match format {
            Format::Csv if args.raw_csv => render::csv_raw_record(&result),
            Format::Csv => render::csv_record(&result),
            Format::Jsonl => render::json_record(&result, false) + "\n",
            Format::Json if single => render::json_record(&result, true) + "\n",
            Format::Json => render::json_record(&result, false),
            Format::Markdown => render::markdown_row(&result),
            Format::Table if single => render::single_styled(&result, width, style),
            // A batch's table is drawn at the end, when every column width is known.
            Format::Table => {
                row = Some(render::summary_cells(&result));
                String::new()
            }
        };
        Done {
            kind: Kind::of(&result),
            record,
            row,
            diagnostics: render::diagnostics(&result),
            key: key.map(|k| (k, result.file)),
        }
    };
    let mut reached: std::collections::HashMap<(u64, u64), String> =
        std::collections::HashMap::new();
    let sink = |done: Done| -> io::Result<()> {
        if let Some((key, file)) = done.key {
            if let Some(first) = reached.get(&key) {
                let note = if *first == file {
                    format!("{file}: note: named more than once: scored once\n")
                } else {
                    format!("{file}: note: the same file as {first}, named before: scored once\n")
                };
                // A note, not a warning: `--quiet` leaves it out.
                let quiet = globals.quiet;
                let mut write = || -> io::Result<()> {
                    if quiet {
                        return Ok(());
                    }
                    out.flush()?;
                    err.write_all(note.as_bytes())
                };
                match &progress {
                    Some(bar) => {
                        bar.suspend(write)?;
                        bar.inc(1);
                    }
                    None => write()?,
                }
                return Ok(());
            }
            reached.insert(key, file);
        }
        tally.count(done.kind);
        let write = || -> io::Result<()> {
            if !done.diagnostics.is_empty() {
                out.flush()?;
                err.write_all(done.diagnostics.as_bytes())?;
            }
            if let Some(row) = done.row {
                table_rows.push(row);
            }
            if format == Format::Json && !single && !first {
                out.write_all(b",\n")?;
            }
            out.write_all(done.record.as_bytes())?;
            first = false;
            // On a terminal, show each result as it comes.
            if stdout_is_terminal {
                out.flush()
            } else {
                Ok(())
            }
        };
        match &progress {
            Some(bar) if stdout_is_terminal || !done.diagnostics.is_empty() => {
                bar.suspend(write)?;
            }
            _ => write()?,
        }
        if let Some(bar) = &progress {
            bar.inc(1);
        }
        Ok(())
    };
    let written = pipeline::run(batch::inputs::walk(&args.paths, links), jobs, work, sink)
        .and_then(|()| {
            if let Some(bar) = &progress {
                bar.finish_and_clear();
            }
            match format {
                Format::Json if !single => out.write_all(b"\n]\n")?,
                Format::Table if !single => {
                    let table = render::summary_table(&table_rows, width);
                    out.write_all(table.as_bytes())?;
                }
                _ => {}
            }
            out.flush()
        });
    if let Err(e) = written {
        // A closed pipe stops the run (the rest is not scored, as `| head` means); the files
        // already found invalid or unreadable still set the exit code.
        return super::after_output(Err(e), tally.exit());
    }
    drop(out);
    if given.is_none() {
        super::phrase_list(None)?;
    }
    if tally.total() == 0 {
        let shown: Vec<String> = args.paths.iter().map(|p| crate::text::path(p)).collect();
        return Err(Error::failed(
            format!(
                "no answers files (*.yaml, *.yml, *.json) found in {}",
                shown.join(", ")
            ),
            &[],
        ));
    }
    if !globals.quiet && (!single || tally.failed() > 0) {
        writeln!(err, "{}", tally.summary())?;
    }
    Ok(tally.exit())
}

fn progress_bar(paths: &[PathBuf], links: Links) -> Option<indicatif::ProgressBar> {
    if !io::stderr().is_terminal() {
        return None;
    }
    let total = batch::inputs::count(paths, links);
    if total < PROGRESS_FROM {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("scoring {bar:30} {pos}/{len} files, {eta} left")
    {
        bar.set_style(style);
    }
    Some(bar)
}

/// What the writer needs of one scored file.
struct Done {
    kind: Kind,
    /// The file's output in the chosen format.
    record: String,
    /// Its row of a batch's summary table.
    row: Option<[String; 8]>,
    /// Its problems and warnings, for stderr.
    diagnostics: String,
    /// The file's device and inode and its name, where a file may be reached twice.
    key: Option<((u64, u64), String)>,
}

/// How one file fared.
#[derive(Debug, Clone, Copy)]
struct Kind {
    scored: bool,
    in_progress: bool,
    warnings: bool,
    unreadable: bool,
}

impl Kind {
    fn of(r: &FileResult<'_>) -> Kind {
        match &r.outcome {
            Ok(s) => Kind {
                scored: true,
                in_progress: !s.complete(),
                // A prompt to consider is not a warning: only blaming wording counts.
                warnings: !s.warnings.is_empty() || s.language.iter().any(|f| f.is_blaming()),
                unreadable: false,
            },
            Err(f) => Kind {
                scored: false,
                in_progress: false,
                warnings: false,
                unreadable: matches!(f, Failure::Unreadable(_)),
            },
        }
    }
}

/// Counts for the summary line and the exit code.
#[derive(Debug, Default)]
struct Tally {
    scored: usize,
    in_progress: usize,
    with_warnings: usize,
    invalid: usize,
    unreadable: usize,
}

impl Tally {
    fn count(&mut self, k: Kind) {
        if k.scored {
            self.scored += 1;
            self.in_progress += usize::from(k.in_progress);
            self.with_warnings += usize::from(k.warnings);
        } else if k.unreadable {
            self.unreadable += 1;
        } else {
            self.invalid += 1;
        }
    }

    fn total(&self) -> usize {
        self.scored + self.failed()
    }

    fn failed(&self) -> usize {
        self.invalid + self.unreadable
    }

    fn summary(&self) -> String {
        let total = self.total();
        let mut notes = Vec::new();
        if self.in_progress > 0 {
            notes.push(format!("{} in progress", self.in_progress));
        }
        if self.with_warnings > 0 {
            notes.push(format!("{} with warnings", self.with_warnings));
        }
        let mut line = format!(
            "scored {} of {total} file{}",
            self.scored,
            if total == 1 { "" } else { "s" }
        );
        if !notes.is_empty() {
            line.push_str(&format!(" ({})", notes.join(", ")));
        }
        if self.failed() > 0 {
            let mut why = Vec::new();
            if self.invalid > 0 {
                why.push(format!("{} invalid", self.invalid));
            }
            if self.unreadable > 0 {
                why.push(format!("{} unreadable", self.unreadable));
            }
            line.push_str(&format!(
                "; {} not scored ({}), listed above",
                self.failed(),
                why.join(", ")
            ));
        }
        line
    }

    fn exit(&self) -> Exit {
        Exit::for_files(self.unreadable > 0, self.invalid > 0)
    }
}
