//! Exit codes: one table, documented in `--help` and the README.
//!
//! The screening outcome is never an exit code: a script must not mistake
//! "the tool failed" for "low concern".

/// The process exit codes of `cse-screen`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Success.
    Ok = 0,
    /// A runtime failure (a file could not be read or written).
    Failure = 1,
    /// The command line was wrong (clap's own code).
    Usage = 2,
    /// `screen` was run without a terminal to ask questions on.
    NeedsTerminal = 3,
    /// A questionnaire or answers file is invalid (sysexits EX_DATAERR).
    Invalid = 65,
    /// Stopped with Ctrl-C (128 + SIGINT); the answers so far are saved.
    Interrupted = 130,
}

impl Exit {
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The code for a run over many files: a file that could not be read outranks one that
    /// was invalid, and either outranks success.
    pub fn for_files(unreadable: bool, invalid: bool) -> Exit {
        if unreadable {
            Exit::Failure
        } else if invalid {
            Exit::Invalid
        } else {
            Exit::Ok
        }
    }
}

/// The exit-code table shown at the end of `--help` (a macro so `concat!` can use it).
#[macro_export]
macro_rules! exit_codes_help {
    () => {
        "Exit codes:
  0    success
  1    failure (a file could not be read or written; for `score`, some path could not be read)
  2    usage error (unknown command or option)
  3    `screen` needs a terminal (stdin is not one); use `score` for saved files
  65   a questionnaire or answers file is invalid (every problem is listed on stderr;
       for `score`, some file could not be scored)
  130  interrupted with Ctrl-C; the screening so far is saved and can be resumed"
    };
}
