//! Why a command stopped: one error type for every command, its exit code, and the one
//! renderer of the `error:` and `help:` lines.
//!
//! Commands return `Result<Exit, Error>` and use `?`; [`crate::app::run`] prints the error
//! and exits with its code. An outcome that is not a failure (wording found by `language`,
//! some files of a batch invalid, Ctrl-C in `screen`) is an [`Exit`], not an error.

use std::fmt;
use std::io::{self, Write};

use crate::diagnostic::Problem;
use crate::exit::Exit;
use crate::input::Failure;

/// Why a command stopped.
#[derive(Debug)]
pub enum Error {
    /// A file could not be read: missing, a directory, no permission, a link loop (exit 1).
    Unreadable { file: String, why: String },
    /// A questionnaire, answers file or phrase list was refused: every problem, located, then
    /// a count, and what to do if there is more to say (exit 65).
    Invalid {
        file: String,
        problems: Vec<Problem>,
        help: Option<String>,
    },
    /// Something the command line asks for cannot be done (exit 2).
    Usage { message: String, help: Vec<String> },
    /// Something failed at run time, such as a write or a missing file (exit 1).
    Failed { message: String, help: Vec<String> },
    /// A file that reads well but cannot be used this way (exit 65).
    Refused { message: String, help: Vec<String> },
    /// `screen` without a terminal to ask on (exit 3).
    NeedsTerminal,
    /// Several errors found at once, each shown; the first gives the exit code.
    Many(Vec<Error>),
    /// The output could not be written (a closed pipe is a quiet end, in `main`).
    Output(io::Error),
}

/// The message when there is no terminal to ask on.
pub const NEEDS_TERMINAL: &str = "error: `screen` asks questions and needs a terminal, but standard input is not one\n  \
     help: to score a saved screening without a terminal, use `cse-screen score FILE`;\n        \
     to answer from a file of replies, use `cse-screen screen --plain < replies.txt`";

impl Error {
    /// The failure to read or use `file`.
    pub fn file(file: impl Into<String>, failure: Failure) -> Error {
        let file = file.into();
        match failure {
            Failure::Unreadable(why) => Error::Unreadable { file, why },
            Failure::Invalid(problems) => Error::Invalid {
                file,
                problems,
                help: None,
            },
        }
    }

    /// A run-time failure with one message and any `help:` lines (the first is `help:`, the
    /// rest continue under it).
    pub fn failed(message: impl Into<String>, help: &[&str]) -> Error {
        Error::Failed {
            message: message.into(),
            help: lines(help),
        }
    }

    /// A usage error with one message and any `help:` lines.
    pub fn usage(message: impl Into<String>, help: &[&str]) -> Error {
        Error::Usage {
            message: message.into(),
            help: lines(help),
        }
    }

    /// A file refused for this use, with one message and any `help:` lines.
    pub fn refused(message: impl Into<String>, help: &[&str]) -> Error {
        Error::Refused {
            message: message.into(),
            help: lines(help),
        }
    }

    /// The exit code for this error.
    pub fn exit(&self) -> Exit {
        match self {
            Error::Unreadable { .. } | Error::Failed { .. } | Error::Output(_) => Exit::Failure,
            Error::Invalid { .. } | Error::Refused { .. } => Exit::Invalid,
            Error::Usage { .. } => Exit::Usage,
            Error::NeedsTerminal => Exit::NeedsTerminal,
            Error::Many(all) => all.first().map_or(Exit::Failure, Error::exit),
        }
    }

    /// Writes the error for a person: `error:` and `help:` lines, or each problem and a count.
    /// Every message passes through [`crate::text::Guard`]: a file name or a value quoted
    /// from a file cannot act on the terminal.
    pub fn render(&self, err: &mut dyn Write) -> io::Result<()> {
        let err = &mut crate::text::Guard::new(err);
        match self {
            Error::Unreadable { file, why } => {
                writeln!(err, "error: {}: {why}", crate::text::OneLine(file))
            }
            Error::Invalid {
                file,
                problems,
                help,
            } => {
                problems_of(file, problems, err)?;
                if let Some(help) = help {
                    writeln!(err, "  help: {help}")?;
                }
                Ok(())
            }
            Error::Usage { message, help }
            | Error::Failed { message, help }
            | Error::Refused { message, help } => {
                writeln!(err, "error: {message}")?;
                for (n, line) in help.iter().enumerate() {
                    let lead = if n == 0 { "  help: " } else { "        " };
                    writeln!(err, "{lead}{line}")?;
                }
                Ok(())
            }
            Error::NeedsTerminal => writeln!(err, "{NEEDS_TERMINAL}"),
            Error::Many(all) => all.iter().try_for_each(|e| e.render(err)),
            Error::Output(e) => writeln!(err, "error: cannot write output: {e}"),
        }
    }
}

fn lines(help: &[&str]) -> Vec<String> {
    help.iter().map(|&h| h.to_owned()).collect()
}

/// Every problem of `file`, then a count.
pub fn problems_of(file: &str, problems: &[Problem], err: &mut dyn Write) -> io::Result<()> {
    for p in problems {
        writeln!(err, "{}", p.display(file))?;
    }
    let n = problems.len();
    writeln!(
        err,
        "{}: {n} problem{} found",
        crate::text::OneLine(file),
        if n == 1 { "" } else { "s" }
    )
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Error {
        Error::Output(e)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = Vec::new();
        self.render(&mut text).map_err(|_| fmt::Error)?;
        f.write_str(&String::from_utf8_lossy(&text))
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Position;

    fn rendered(e: &Error) -> String {
        e.to_string()
    }

    #[test]
    fn each_error_has_its_documented_exit_code_and_words() {
        let unreadable = Error::file("a.yaml", Failure::Unreadable("no such file".to_owned()));
        assert_eq!(unreadable.exit(), Exit::Failure);
        assert_eq!(rendered(&unreadable), "error: a.yaml: no such file\n");

        let p = Problem::new(Some(Position { line: 2, column: 3 }), "bad").help("fix it");
        let invalid = Error::file("a.yaml", Failure::Invalid(vec![p]));
        assert_eq!(invalid.exit(), Exit::Invalid);
        assert_eq!(
            rendered(&invalid),
            "a.yaml:2:3: bad\n  help: fix it\na.yaml: 1 problem found\n"
        );

        let usage = Error::usage("`x` is not a command", &["one", "two"]);
        assert_eq!(usage.exit(), Exit::Usage);
        assert_eq!(
            rendered(&usage),
            "error: `x` is not a command\n  help: one\n        two\n"
        );
        assert_eq!(Error::NeedsTerminal.exit(), Exit::NeedsTerminal);
        assert_eq!(Error::refused("m", &[]).exit(), Exit::Invalid);
        assert_eq!(Error::failed("m", &[]).exit(), Exit::Failure);
        let many = Error::Many(vec![Error::usage("a", &[]), Error::failed("b", &[])]);
        assert_eq!(many.exit(), Exit::Usage);
        assert_eq!(rendered(&many), "error: a\nerror: b\n");
    }
}
