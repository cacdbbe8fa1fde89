//! `cse-screen screen`: checks for a terminal, loads or resumes, runs the interview, prints
//! the result, and maps the way it ended to an exit code.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::answers::{self, Screening};
use crate::cli::{Globals, ScreenArgs};
use crate::diagnostic::Problem;
use crate::error::Error;
use crate::exit::Exit;
use crate::input::wording::lower_first;
use crate::interview::plain::{PlainPrompter, Refused};
use crate::interview::{Interview, Outcome, Saver, Settings, inquire::InquirePrompter};
use crate::questionnaire::{self, Questionnaire};
use crate::report;
use crate::screening::{self, Options};
use crate::store;

/// Why a save was refused before anything was written over the record.
#[derive(Debug)]
enum Refusal {
    /// Another process holds the record's lock.
    Busy(Error),
    /// The file is not one a save may replace (see [`store::in_the_way`]).
    InTheWay(store::InTheWay),
    /// The record changed on disk since this process read or wrote it; the answers went to
    /// `kept_in` instead, if a file could be written there.
    Changed {
        path: PathBuf,
        /// Where the answers were kept instead, or why they could not be.
        kept_in: Result<PathBuf, String>,
    },
}

/// Writes through [`store::save`]: a new file is never overwritten unless `--force`; the
/// record is locked for the whole interview (one writer at a time), and a save never writes
/// over a record that changed on disk since it was read or last saved.
struct FileSaver {
    force: bool,
    /// The file a save failed to write, if one did.
    failed: Option<PathBuf>,
    /// Held from the first save (or from the start, for `--resume`) to the end.
    lock: Option<store::Lock>,
    /// What the record holds on disk, as far as this process knows.
    expected: Option<store::Fingerprint>,
    /// Why the last save was refused, if it was.
    refused: Option<Refusal>,
    /// Where the record was last written, for what Ctrl-C says in `--plain` (see
    /// [`say_where_saved_on_ctrl_c`]).
    saved_at: SavedAt,
}

/// The record's file once it has been written (or, for `--resume`, from the start), shared
/// with the thread that answers Ctrl-C; `true` while it is kept as it was started (a
/// screening carried to a later version, not yet saved: see [`Outcome::Interrupted`]).
type SavedAt = std::sync::Arc<std::sync::Mutex<Option<(PathBuf, bool)>>>;

impl FileSaver {
    fn refuse(&mut self, why: Refusal) -> io::Error {
        let e = io::Error::other("the save was refused");
        self.refused = Some(why);
        e
    }
}

impl Saver for FileSaver {
    fn rename(&mut self, from: &Path, to: &Path, screening: &Screening) -> io::Result<bool> {
        self.move_record(from, to, screening)
    }

    fn save(&mut self, path: &Path, screening: &Screening, first: bool) -> io::Result<()> {
        if self.lock.is_none() {
            match take_lock(path) {
                Ok(lock) => self.lock = Some(lock),
                Err(e) => return Err(self.refuse(Refusal::Busy(e))),
            }
        }
        if first {
            if let Some(why) = store::in_the_way(path) {
                // Without --force, an existing regular file is "already exists" (below).
                if self.force || !matches!(why, store::InTheWay::ReadOnly { .. }) {
                    return Err(self.refuse(Refusal::InTheWay(why)));
                }
            }
        } else if let Some(expected) = &self.expected
            && store::Fingerprint::of_file(path).ok().as_ref() != Some(expected)
        {
            // Found in review: why a copy could not be saved was thrown away, and the message
            // blamed the folder.
            let kept_in = match store::beside(path) {
                Some(other) => store::save(&other, screening, false)
                    .map(|_| other)
                    .map_err(|e| store::write_error(&e)),
                None => Err("every name for a copy beside it is taken".to_owned()),
            };
            return Err(self.refuse(Refusal::Changed {
                path: path.to_path_buf(),
                kept_in,
            }));
        }
        match store::save(path, screening, !first || self.force) {
            Ok(written) => {
                self.expected = Some(written);
                self.note_saved_at(path);
                Ok(())
            }
            Err(e) => {
                self.failed = Some(path.to_path_buf());
                Err(e)
            }
        }
    }
}

impl FileSaver {
    /// [`Saver::rename`]: the new file is locked and written first (never over a file that
    /// exists), then the old one is removed if it still holds what was last saved there.
    fn move_record(&mut self, from: &Path, to: &Path, screening: &Screening) -> io::Result<bool> {
        let lock = match take_lock(to) {
            Ok(lock) => lock,
            Err(e) => return Err(self.refuse(Refusal::Busy(e))),
        };
        if store::in_the_way(to).is_some() || to.exists() {
            return Err(io::Error::new(io::ErrorKind::AlreadyExists, "exists"));
        }
        let written = store::save(to, screening, false)?;
        let unchanged = self.expected.as_ref().is_some_and(|expected| {
            store::Fingerprint::of_file(from).ok().as_ref() == Some(expected)
        });
        if unchanged {
            std::fs::remove_file(from)?;
        }
        self.expected = Some(written);
        // The old record's lock goes (and its lock file with it) as the new one is kept.
        self.lock = Some(lock);
        self.note_saved_at(to);
        Ok(unchanged)
    }

    fn note_saved_at(&self, path: &Path) {
        self.note_record(path, false);
    }

    /// Notes where the record is, and whether it is still as it was started.
    fn note_record(&self, path: &Path, kept_as_started: bool) {
        if let Ok(mut at) = self.saved_at.lock() {
            *at = Some((path.to_path_buf(), kept_as_started));
        }
    }
}

/// What is said when a screening is stopped: where every answer is saved and the command to
/// continue (on a line of its own: it fits a narrow terminal more often, and a line the
/// terminal wraps still copies as one), or that nothing was saved yet. `kept_as_started`:
/// a screening carried to a later version, of which nothing was saved.
fn stopped(path: Option<&Path>, kept_as_started: bool, questionnaire: Option<&str>) -> String {
    match path {
        Some(path) if kept_as_started => format!(
            "\nStopped. Nothing was saved: {} is as it was before, in the version it was \
             started with, until every question asked again is answered. They are asked \
             again when you continue.\nTo continue, run:\n  {}\n",
            crate::text::shown_path(path),
            resume_command(path, questionnaire)
        ),
        Some(path) => format!(
            "\nStopped. Every answer so far is saved in {}.\nTo continue, run:\n  {}\n",
            crate::text::shown_path(path),
            resume_command(path, questionnaire)
        ),
        None => "\nStopped before anything was saved (the file is named once the case \
                 reference and date are given).\n"
            .to_owned(),
    }
}

/// In `--plain` on a terminal, Ctrl-C ends the program by a signal while a line is being
/// read (the terminal is not in raw mode, so no key reaches the prompter): say then, as the
/// full-screen mode does, that every answer so far is saved and how to continue, rather than
/// ending with nothing said. A save is a write to a temporary file and a rename, so it has
/// happened or not; the lock goes with the process.
fn say_where_saved_on_ctrl_c(saved_at: SavedAt, questionnaire: Option<String>) {
    #[cfg(unix)]
    {
        use signal_hook::consts::SIGINT;
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT]) else {
            return;
        };
        std::thread::spawn(move || {
            if signals.forever().next().is_some() {
                let at = saved_at.lock().ok().and_then(|at| at.clone());
                let said = match &at {
                    Some((path, kept)) => stopped(Some(path), *kept, questionnaire.as_deref()),
                    None => stopped(None, false, questionnaire.as_deref()),
                };
                // Written to the descriptor itself: the main thread holds stderr's lock for
                // the whole run, so `io::stderr()` here would wait for it for ever.
                let mut rest = said.as_bytes();
                while !rest.is_empty() {
                    match rustix::io::write(rustix::stdio::stderr(), rest) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => rest = &rest[n..],
                    }
                }
                std::process::exit(Exit::Interrupted.code().into());
            }
        });
    }
    #[cfg(not(unix))]
    let _ = (saved_at, questionnaire);
}

/// Takes the one-writer lock on the record at `path`, or says who holds it.
fn take_lock(path: &Path) -> Result<store::Lock, Error> {
    match store::Lock::take(path) {
        Ok(lock) => Ok(lock),
        Err(store::LockError::Held { lock_file, holder }) => Err(Error::failed(
            format!(
                "{} is open in another cse-screen ({}); one screening has one writer at a time",
                crate::text::shown_path(path),
                holder.describe()
            ),
            &[
                "finish or stop the screening in that window first; two at once would lose one set of answers",
                "reading it meanwhile is fine: cse-screen score, report and history never wait",
                &format!(
                    "if that process has ended, the lock has ended with it: run this again (the lock file is {})",
                    crate::text::shown_path(&lock_file)
                ),
            ],
        )),
        Err(store::LockError::NotALockFile { lock_file, what }) => Err(Error::failed(
            format!(
                "{}: could not lock the screening for writing: its lock file {} is {what}, not a cse-screen lock file; nothing was written to it",
                crate::text::shown_path(path),
                crate::text::shown_path(&lock_file),
            ),
            &[
                "cse-screen makes this file itself, as an ordinary file: something else put this one there",
                "look at what it points to or shares its contents with before removing it; then remove it and run this again",
            ],
        )),
        Err(store::LockError::Io(e)) => Err(Error::failed(
            format!(
                "{}: could not lock the screening for writing: {}",
                crate::text::shown_path(path),
                store::write_error(&e)
            ),
            &[store::write_help(&e)],
        )),
    }
}

/// Removes temporary copies left in `dir` by saves that were killed, and says so.
pub(super) fn clear_leftovers(dir: &Path, err: &mut dyn Write) -> io::Result<()> {
    for left in store::leftovers::sweep(dir) {
        let shown = crate::text::shown_path(&left.path);
        match left.not_removed {
            None => writeln!(
                err,
                "note: removed {shown}, a temporary copy of a screening left by a save that \
                was stopped part-way (the screening itself was not changed)"
            )?,
            Some(e) => writeln!(
                err,
                "warning: {shown} is a temporary copy of a screening left by a save that was \
                stopped part-way, and could not be removed ({}); it holds a child's \
                details: remove it with: rm -- {}",
                store::write_error(&e),
                shell_quote(&shown)
            )?,
        }
    }
    Ok(())
}

pub fn run(
    args: ScreenArgs,
    globals: &Globals,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    // Refuse at once, before loading anything: a script must never hang on a prompt.
    let terminal = io::stdin().is_terminal();
    if !terminal && !args.plain {
        return Err(Error::NeedsTerminal);
    }
    let mut saver = FileSaver {
        force: args.force,
        failed: None,
        lock: None,
        expected: None,
        refused: None,
        saved_at: SavedAt::default(),
    };
    // A link is resolved, so saves replace the record it points to, not the link.
    let resume = args.resume.as_deref().map(store::resolve_link);
    let output = args.output.as_deref().map(store::resolve_link);
    let folder = resume
        .as_deref()
        .or(output.as_deref())
        .map_or_else(|| PathBuf::from("."), store::folder_of);
    // What the saved file's check found that does not stop it (a hidden character in the
    // case reference, a date to come, an age outside the questionnaire's, a due date before
    // the screening), said before the first question as `score` would say it.
    let mut load_warnings = String::new();
    let mut warned = 0;
    let mut carried = None;
    let (q, interview_of): (Questionnaire, Option<(Screening, PathBuf)>) = match resume {
        None => {
            let q = super::resolve(args.questionnaire.as_deref())?;
            // An earlier version, named as ID@VERSION or given as a file, is refused.
            if questionnaire::earlier(&q.id, &q.sha256).is_some() {
                return Err(Error::failed(
                    format!(
                        "{} {} is an earlier version, kept to read and resume screenings started with it",
                        q.id, q.version
                    ),
                    &[&format!(
                        "start a new screening with the current one: --questionnaire {}",
                        q.id
                    )],
                ));
            }
            (q, None)
        }
        Some(path) => {
            // Locked before it is read: what is read is what this process then owns. (A
            // missing file is left to the loader, which says so.)
            if path.exists() {
                if let Some(why) = store::in_the_way(&path) {
                    return Err(in_the_way(
                        &why,
                        "start a new screening of the case instead",
                    ));
                }
                saver.lock = Some(take_lock(&path)?);
                saver.expected = store::Fingerprint::of_file(&path).ok();
            }
            let resumed = load_for_resume(&path, args.questionnaire.as_deref())?;
            load_warnings =
                crate::report::batch::warnings(&crate::text::path(&path), &resumed.warnings);
            warned = resumed.warnings.len();
            carried = resumed.carried;
            (resumed.q, Some((resumed.screening, path)))
        }
    };
    clear_leftovers(&folder, err)?;
    err.write_all(load_warnings.as_bytes())?;
    if let Some(repo) = version_controlled(&folder) {
        writeln!(
            err,
            "warning: the screening will be saved inside a version-controlled working tree \
             ({}): a case record there can be committed and shared by mistake. Save it \
             outside it (--output FILE), or make sure the repository ignores it.",
            crate::text::shown_path(&repo)
        )?;
    }
    let settings = Settings {
        today: today(),
        output,
        training: args.training,
    };

    let phrases = super::phrase_list(globals.phrases.as_deref())?;
    let interview = match interview_of {
        Some((s, path)) => {
            let score = command("score", &path, args.questionnaire.as_deref());
            let record = path.clone();
            let interview =
                Interview::resume(&q, s, path, settings).with_warnings_above(warned, score);
            let interview = match carried {
                Some(c) => interview.carried_from(&c.original, c.notice, &c.ask_again),
                None => interview,
            };
            // The record holds every answer before this session: Ctrl-C says so.
            saver.note_record(&record, interview.saving_put_off());
            interview
        }
        None => Interview::new(&q, settings),
    }
    .with_phrases(&phrases);
    let (ended, refused) = if args.plain {
        // On a terminal, long lines are folded at spaces rather than by the terminal's edge.
        let width = io::stderr().is_terminal().then(report::terminal_width);
        let prompter = PlainPrompter::new(
            io::stdin().lock(),
            report::Folded::new(io::stderr(), width),
            !terminal,
        );
        let mut prompter = if terminal {
            say_where_saved_on_ctrl_c(saver.saved_at.clone(), args.questionnaire.clone());
            prompter.pasted_lines_as_one_reply(input_waiting)
        } else {
            prompter
        };
        let ended = interview.run(&mut prompter, &mut saver);
        (ended, prompter.refused())
    } else {
        let ended = interview.run(&mut InquirePrompter::new(globals.color), &mut saver);
        (ended, None)
    };
    // A line of a replies file that answered nothing stopped the walk-through there.
    if let (
        Ok(Outcome::Interrupted {
            path,
            kept_as_started,
        }),
        Some(refused),
    ) = (&ended, &refused)
    {
        return Err(replies_refused(
            refused,
            path.as_deref(),
            *kept_as_started,
            args.questionnaire.as_deref(),
        ));
    }
    match ended {
        Ok(Outcome::Complete {
            path,
            screening,
            assessment,
        }) => {
            let shown = crate::text::shown_path(&path);
            let ctx = report::result::Context {
                date: &screening.screening.date,
                saved_to: Some(&shown),
                record_command: Some(record_command(&path, args.questionnaire.as_deref())),
                questionnaire: &q,
                decisions: screening.decisions.as_ref(),
                not_asked: None,
                style: report::result::Style {
                    color: !args.plain && report::colour_on_stdout(globals.color),
                    plain: args.plain,
                },
                // Plain mode is read line by line (a screen reader), never cut to a screen.
                height: if args.plain {
                    None
                } else {
                    report::terminal_height()
                },
            };
            writeln!(out)?;
            out.write_all(
                report::result::render(&assessment, &ctx, report::terminal_width()).as_bytes(),
            )?;
            Ok(Exit::Ok)
        }
        Ok(Outcome::Interrupted {
            path,
            kept_as_started,
        }) => {
            let text = stopped(
                path.as_deref(),
                kept_as_started,
                args.questionnaire.as_deref(),
            );
            write!(err, "{text}")?;
            Ok(Exit::Interrupted)
        }
        Ok(Outcome::Exists { path }) => Err(Error::failed(
            format!("{} already exists", crate::text::shown_path(&path)),
            &[
                &format!(
                    "to continue it: {}",
                    resume_command(&path, args.questionnaire.as_deref())
                ),
                "to start again and replace it, add --force",
            ],
        )),
        Err(_) if saver.refused.is_some() => Err(match saver.refused.take() {
            Some(Refusal::Busy(e)) => e,
            Some(Refusal::InTheWay(why)) => {
                in_the_way(&why, "save to another file with --output FILE")
            }
            Some(Refusal::Changed { path, kept_in }) => {
                writeln!(err)?;
                changed_on_disk(
                    &path,
                    kept_in.as_deref().map_err(String::as_str),
                    args.questionnaire.as_deref(),
                )
            }
            None => Error::failed("the screening could not be saved", &[]),
        }),
        Err(e) if saver.failed.is_some() => {
            let path = saver.failed.unwrap_or_default();
            // The prompt may have left the cursor mid-line.
            writeln!(err)?;
            let message = format!(
                "{}: the last answer could not be saved: {}",
                crate::text::shown_path(&path),
                store::write_error(&e)
            );
            // A save writes a temporary file and renames it: a failure never touches the file.
            let help = if path.exists() {
                format!(
                    "{} was not changed: it holds every answer before that one; when \
                     the problem is fixed, carry on with: {}",
                    crate::text::shown_path(&path),
                    resume_command(&path, args.questionnaire.as_deref())
                )
            } else {
                format!(
                    "nothing was saved; {}, then start again",
                    store::write_help(&e)
                )
            };
            Err(Error::failed(message, &[&help]))
        }
        Err(e) => {
            let help = args.resume.or(args.output).map(|path| {
                format!(
                    "answers given so far are in {}",
                    crate::text::shown_path(&path)
                )
            });
            let help: Vec<&str> = help.iter().map(String::as_str).collect();
            Err(Error::failed(
                format!("the screening could not continue: {e}"),
                &help,
            ))
        }
    }
}

/// A reply in a file of replies that does not answer its question: where it is, what it
/// should be, and that nothing after it was read, so no later line answered the wrong
/// question. `kept_as_started`: a screening carried to a later version of its
/// questionnaire, of which nothing was saved (see [`Outcome::Interrupted`]).
fn replies_refused(
    refused: &Refused,
    path: Option<&Path>,
    kept_as_started: bool,
    questionnaire: Option<&str>,
) -> Error {
    let line = refused.line;
    // A question asked only because of an earlier reply: that reply is not saved either.
    let first_unsaved = refused.brought_by.unwrap_or(line);
    let reply = if refused.reply.trim().is_empty() {
        "an empty line".to_owned()
    } else {
        // A pasted page is named by its start and its length, not quoted whole.
        let shown = crate::text::OneLine(&refused.reply).to_string();
        if shown.chars().count() <= 80 {
            format!("\"{shown}\"")
        } else {
            let start: String = shown.chars().take(60).collect();
            format!(
                "\"{start}…\" ({} characters)",
                refused.reply.chars().count()
            )
        }
    };
    let message = format!(
        "standard input, line {line}: {reply} does not answer \"{}\": {}",
        crate::text::OneLine(&refused.question),
        lower_first(&crate::text::OneLine(refused.why.trim_end_matches('.')).to_string())
    );
    let stopped = format!(
        "the replies are read one line per question, so the screening stopped at line {line}: \
         no line after it was read, and none answered the wrong question"
    );
    let then = match path {
        Some(path) if kept_as_started => format!(
            "nothing of this run was saved: {} is as it was before, in the version it was \
             started with, until every question asked again is answered; correct the line \
             and run the replies again, or carry on at a terminal with: {}",
            crate::text::shown_path(path),
            resume_command(path, questionnaire)
        ),
        Some(path) => format!(
            "every answer before line {first_unsaved} is saved in {}; correct the line{} and \
             run the replies again (with --force, to replace it), or carry on at a terminal \
             with: {}",
            crate::text::shown_path(path),
            if first_unsaved < line {
                format!(" (line {first_unsaved} brought the question; its reply is not saved)")
            } else {
                String::new()
            },
            resume_command(path, questionnaire)
        ),
        None => format!("nothing was saved yet; correct line {line} and run the replies again"),
    };
    Error::refused(message, &[&stopped, &then])
}

/// The refusal to replace a file that is not a regular, writable file; `instead` says what
/// to do for a file that is read-only.
fn in_the_way(why: &store::InTheWay, instead: &str) -> Error {
    let help = match why {
        store::InTheWay::ReadOnly { path } => format!(
            "if it should change, make it writable first (chmod u+w {}), or {instead}",
            shell_quote(&crate::text::shown_path(path))
        ),
        store::InTheWay::NotRegular { .. } => "name a regular file".to_owned(),
    };
    Error::failed(why.to_string(), &[&help])
}

/// The refusal to write over a record that changed on disk, and where the answers are.
fn changed_on_disk(
    path: &Path,
    kept_in: Result<&Path, &str>,
    questionnaire: Option<&str>,
) -> Error {
    let message = format!(
        "{} changed on disk since this screening read or saved it (another program wrote \
                it); it was not written over",
        crate::text::shown_path(path)
    );
    match kept_in {
        Ok(kept) => Error::failed(
            message,
            &[
                &format!(
                    "every answer given here is saved in {}",
                    crate::text::shown_path(kept)
                ),
                &format!(
                    "compare the two ({} and {}), keep the right one, and carry on with: {}",
                    command("report", path, questionnaire),
                    command("report", kept, questionnaire),
                    resume_command(kept, questionnaire)
                ),
            ],
        ),
        Err(why) => Error::failed(
            message,
            &[&format!(
                "the answers given here could not be saved beside it either: {why}"
            )],
        ),
    }
}

/// A saved screening read for `--resume`, with the questionnaire it goes on with.
struct Resumed {
    q: Questionnaire,
    screening: Screening,
    /// What the check of the saved file found that does not stop it.
    warnings: Vec<Problem>,
    /// Set when the screening was started with an earlier version of a bundled
    /// questionnaire: carried to the current one, or kept with the earlier one.
    carried: Option<Carried>,
}

/// What the interview is told of a screening started with an earlier questionnaire.
struct Carried {
    /// The screening as saved, before it was carried.
    original: Screening,
    notice: String,
    ask_again: Vec<answers::carry::AskAgain>,
}

/// Reads a saved screening and the questionnaire it was started with, and checks them through
/// the loader, which requires the same id and sha256 (its questions may otherwise differ).
/// A screening started with an earlier version of a bundled questionnaire (and no
/// `--questionnaire` named) goes on with the current version when every answer carries over
/// ([`answers::carry`]), and otherwise with the earlier version, kept in the binary.
fn load_for_resume(path: &Path, questionnaire: Option<&str>) -> Result<Resumed, Error> {
    let shown = crate::text::shown_path(path);
    let parsed = screening::read(path).map_err(|f| Error::file(&shown, f))?;
    let wanted = questionnaire.unwrap_or(&parsed.screening.questionnaire.id);
    if questionnaire.is_none() && questionnaire::bundled(wanted).is_none() {
        return Err(Error::failed(
            format!("{shown} was started with questionnaire `{wanted}`, which is not bundled"),
            &["name its file with --questionnaire PATH"],
        ));
    }
    let q = super::resolve(Some(wanted))?;
    let options = Options {
        same_sha256: true,
        // As `score` reads it: a date that has not come yet is a warning.
        today: Some(super::today()),
        ..Options::default()
    };
    let stamp = &parsed.screening.questionnaire;
    // The current bundled version, named or not, carries a screening made with an earlier one.
    let current = questionnaire::bundled(&q.id)
        .is_some_and(|b| questionnaire::load::sha256_hex(b.text) == q.sha256);
    let earlier = (questionnaire.is_none() || current)
        .then(|| questionnaire::earlier(&stamp.id, &stamp.sha256))
        .flatten();
    let Some(earlier) = earlier else {
        // An earlier version named on purpose: it goes on with it, and says what it is.
        let named_earlier = questionnaire::earlier(&q.id, &q.sha256).is_some();
        let notice = named_earlier.then(|| {
            let now = questionnaire::bundled(&q.id)
                .and_then(|b| questionnaire::from_str(b.text).ok())
                .map_or_else(String::new, |c| c.version);
            format!(
                "This screening goes on with version {} of this questionnaire, as \
                     --questionnaire asks, although this tool now holds version {now}: its level \
                     and routes follow version {}'s rules. When it is finished, screen the \
                     child again with version {now}.",
                q.version, q.version
            )
        });
        let checked = screening::check(parsed, &q, options).map_err(|f| Error::file(&shown, f))?;
        let (mut screening, warnings) = (checked.screening, checked.warnings);
        // From here on this build rewrites the file, so it is stamped with this build's format.
        screening.format = Some(answers::FORMAT);
        let carried = notice.map(|notice| Carried {
            original: screening.clone(),
            notice,
            ask_again: Vec::new(),
        });
        return Ok(Resumed {
            q,
            screening,
            warnings,
            carried,
        });
    };
    let started =
        questionnaire::from_str(earlier.text).map_err(|p| super::invalid(earlier.path, p))?;
    let checked =
        screening::check(parsed, &started, options).map_err(|f| Error::file(&shown, f))?;
    let (mut original, warnings) = (checked.screening, checked.warnings);
    original.format = Some(answers::FORMAT);
    let (q, screening, carried) = match answers::carry::carry(&original, &started, &q) {
        Ok(c) => {
            let notice = carried_notice(&c, &started, &q);
            let carried = Carried {
                original,
                notice,
                ask_again: c.ask_again,
            };
            (q, c.screening, carried)
        }
        Err(reasons) => {
            let carried = Carried {
                original: original.clone(),
                notice: kept_notice(&reasons, &started, &q),
                ask_again: Vec::new(),
            };
            (started, original, carried)
        }
    };
    Ok(Resumed {
        q,
        screening,
        warnings,
        carried: Some(carried),
    })
}

/// Says that a screening started with `from` goes on with `to`, and what that means.
fn carried_notice(c: &answers::carry::Carried, from: &Questionnaire, to: &Questionnaire) -> String {
    use answers::carry::Why;
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let given = match (c.answers, c.facts) {
        (0, 0) => "Nothing was answered yet".to_owned(),
        (answers, 0) => format!(
            "{} carried over as given",
            plural(answers, "answer is", "answers are")
        ),
        (0, facts) => format!(
            "{} about the child {} carried over as given",
            plural(facts, "fact", "facts"),
            if facts == 1 { "is" } else { "are" }
        ),
        (answers, facts) => format!(
            "{} and {} about the child are carried over as given",
            plural(answers, "answer", "answers"),
            plural(facts, "fact", "facts")
        ),
    };
    let mut out = format!(
        "This screening was started with version {} of this questionnaire. This tool now \
         holds version {}, so the screening goes on with it: its level and routes will \
         follow version {}'s rules. {given}.",
        from.version, to.version, to.version,
    );
    if !c.ask_again.is_empty() {
        out.push_str(&format!(
            " {} asked again, with the saved answer shown as current:",
            plural(c.ask_again.len(), "question is", "questions are")
        ));
        for a in &c.ask_again {
            let prompt = if a.fact {
                to.profile.iter().find(|f| f.id == a.id).map(|f| &f.prompt)
            } else {
                to.indicators
                    .iter()
                    .find(|i| i.id == a.id)
                    .map(|i| &i.prompt)
            };
            let why = match a.why {
                Why::Reworded => "its wording changed",
                Why::NewFollowUp => "a question after it is new",
            };
            out.push_str(&format!(
                "\n  - {} ({why})",
                prompt.map_or(a.id.as_str(), String::as_str)
            ));
        }
        out.push('\n');
    } else {
        out.push(' ');
    }
    if c.new_questions > 0 {
        out.push_str(&format!(
            "{} new in version {} and will be asked.",
            plural(c.new_questions, "question is", "questions are"),
            to.version
        ));
    }
    out.trim_end().to_owned()
}

/// Says that a screening started with `from` goes on with it, not `to`, and why.
fn kept_notice(reasons: &[String], from: &Questionnaire, to: &Questionnaire) -> String {
    let mut out = format!(
        "This screening was started with version {} of this questionnaire and goes on with \
         it, as it was started, although this tool now holds version {}. Its answers cannot \
         all be carried over to version {}:",
        from.version, to.version, to.version
    );
    for r in reasons {
        out.push_str(&format!("\n  - {r}"));
    }
    out.push_str(&format!(
        "\nWhen it is finished, screen the child again with version {}: its rules may \
         reach a different level.",
        to.version
    ));
    out
}

/// The exact command that continues the screening saved at `path`, run the way this one
/// was: `cse-screen` when started by name from the PATH, otherwise the path it was started
/// with (`target/release/cse-screen` after `cargo run --release`, `./cse-screen`), which an
/// installed name would not find.
pub fn resume_command(path: &Path, questionnaire: Option<&str>) -> String {
    let started = std::env::args_os().next().map(PathBuf::from);
    resume_command_as(started.as_deref(), path, questionnaire)
}

/// [`resume_command`] for a program started as `started` (its argv[0]).
fn resume_command_as(started: Option<&Path>, path: &Path, questionnaire: Option<&str>) -> String {
    let program = match started {
        Some(p) if p.components().count() > 1 => shell_quote(&crate::text::shown_path(p)),
        _ => "cse-screen".to_owned(),
    };
    let mut cmd = format!(
        "{program} screen --resume {}",
        shell_quote(&crate::text::shown_path(path))
    );
    if let Some(q) = questionnaire {
        cmd.push_str(&format!(" --questionnaire {}", shell_quote(q)));
    }
    cmd
}

/// The working tree `folder` is inside, if any: the nearest ancestor holding a `.git`
/// (a folder, or a file for a linked worktree or submodule).
fn version_controlled(folder: &Path) -> Option<PathBuf> {
    let folder = std::fs::canonicalize(folder).ok()?;
    folder
        .ancestors()
        .find(|dir| dir.join(".git").exists())
        .map(Path::to_path_buf)
}

use report::shell_quote;

/// The exact command that prints the record of the screening saved at `path`.
pub fn record_command(path: &Path, questionnaire: Option<&str>) -> String {
    command("report", path, questionnaire)
}

/// `cse-screen VERB PATH [--questionnaire Q]`, quoted for the shell.
fn command(verb: &str, path: &Path, questionnaire: Option<&str>) -> String {
    let mut cmd = format!(
        "cse-screen {verb} {}",
        shell_quote(&crate::text::shown_path(path))
    );
    if let Some(q) = questionnaire {
        cmd.push_str(&format!(" --questionnaire {}", shell_quote(q)));
    }
    cmd
}

/// Today's date in the local time zone (UTC if it cannot be found).
fn today() -> String {
    super::today().to_string()
}

/// Whether more of a line already typed or pasted is waiting on stdin: within 15 ms, as a
/// pasted line follows the one before it at once, and nobody types a line that fast.
fn input_waiting() -> bool {
    #[cfg(unix)]
    {
        use rustix::event::{PollFd, PollFlags, Timespec, poll};
        let stdin = rustix::stdio::stdin();
        let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
        let soon = Timespec {
            tv_sec: 0,
            tv_nsec: 15_000_000,
        };
        poll(&mut fds, Some(&soon)).is_ok_and(|n| n > 0)
    }
    #[cfg(not(unix))]
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resume_commands_are_quoted_for_the_shell() {
        let name = Some(Path::new("cse-screen"));
        assert_eq!(
            resume_command_as(name, Path::new("EX-0001-2026-11-24.yaml"), None),
            "cse-screen screen --resume EX-0001-2026-11-24.yaml"
        );
        assert_eq!(
            resume_command_as(name, Path::new("my cases/EX 1.yaml"), Some("q's.yaml")),
            r"cse-screen screen --resume 'my cases/EX 1.yaml' --questionnaire 'q'\''s.yaml'"
        );
    }

    #[test]
    fn the_resume_command_runs_the_program_the_way_it_was_started() {
        let file = Path::new("EX-0001-2026-11-24.yaml");
        // `cargo run --release` runs target/release/cse-screen, which is not on the PATH.
        assert_eq!(
            resume_command_as(Some(Path::new("target/release/cse-screen")), file, None),
            "target/release/cse-screen screen --resume EX-0001-2026-11-24.yaml"
        );
        assert_eq!(
            resume_command_as(Some(Path::new("/opt/my tools/cse-screen")), file, None),
            "'/opt/my tools/cse-screen' screen --resume EX-0001-2026-11-24.yaml"
        );
        assert_eq!(
            resume_command_as(None, file, None),
            "cse-screen screen --resume EX-0001-2026-11-24.yaml"
        );
    }
}
