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
    /// `language` found wording to change (a finding the practitioner did not keep).
    Findings = 4,
    /// A questionnaire, answers or phrase file is invalid (sysexits EX_DATAERR).
    Invalid = 65,
    /// Stopped with Ctrl-C (128 + SIGINT); the answers so far are saved.
    Interrupted = 130,
}

impl Exit {
    /// Every exit code, in order.
    pub const ALL: [Exit; 7] = [
        Exit::Ok,
        Exit::Failure,
        Exit::Usage,
        Exit::NeedsTerminal,
        Exit::Findings,
        Exit::Invalid,
        Exit::Interrupted,
    ];

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
  4    `language` found wording that can blame the child (each finding is listed)
  65   a questionnaire or answers file is invalid, or a --phrases list (every problem is
       listed on stderr; for `score`, some file could not be scored; for `screen --plain`
       from a file of replies, a line answers nothing and the screening stopped there)
  130  interrupted with Ctrl-C; the screening so far is saved and can be resumed"
    };
}

#[cfg(test)]
mod tests {
    use super::Exit;

    /// The codes a table documents, from its rows (`| 4 | ...` in Markdown, `  4    ...` in help).
    fn documented(table: &str, markdown: bool) -> Vec<u8> {
        table
            .lines()
            .filter_map(|l| {
                let l = if markdown {
                    l.strip_prefix("| ")?
                } else {
                    l.strip_prefix("  ")?
                };
                l.split_whitespace().next()?.parse().ok()
            })
            .collect()
    }

    #[test]
    fn help_and_readme_document_every_exit_code_and_no_other() {
        let codes: Vec<u8> = Exit::ALL.iter().map(|e| e.code()).collect();
        assert_eq!(documented(crate::exit_codes_help!(), false), codes);
        let readme = include_str!("../README.md");
        let section = readme
            .split("## Exit codes")
            .nth(1)
            .and_then(|s| s.split("\n## ").next())
            .unwrap_or_default();
        assert_eq!(
            documented(section, true),
            codes,
            "README.md exit-code table"
        );
    }
}
