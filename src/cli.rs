//! Command-line definitions (clap derive) and nothing else.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Screen a child for risk of child sexual exploitation: questionnaire, score, referral route.
///
/// cse-screen supports professional judgement; it does not decide. Children's social care
/// decides the level of risk. If a child is in immediate danger, call 999.
#[derive(Debug, Parser)]
#[command(
    name = "cse-screen",
    version,
    long_version = LONG_VERSION,
    after_long_help = AFTER_LONG_HELP,
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub globals: Globals,
}

/// The options every command takes.
#[derive(Debug, Clone, Args)]
pub struct Globals {
    /// Check wording against this phrase list instead of the built-in one (see docs/language.md)
    #[arg(long, global = true, value_name = "PATH", value_hint = clap::ValueHint::FilePath)]
    pub phrases: Option<PathBuf>,
    /// When to use colour in prompts, help and errors [auto: on a terminal, unless NO_COLOR is set]
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    /// Print only results, warnings and errors: no progress bar, summary or "Wrote" lines
    #[arg(long, global = true)]
    pub quiet: bool,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

impl ColorWhen {
    /// `--color WHEN` or `--color=WHEN` read from raw arguments, before clap parses them (so
    /// that clap's own help and errors follow it); the last one wins, as clap would have it.
    pub fn from_args<I: IntoIterator<Item = std::ffi::OsString>>(args: I) -> ColorWhen {
        let mut when = ColorWhen::Auto;
        let mut next_is_value = false;
        for arg in args {
            let arg = arg.to_string_lossy().into_owned();
            let value = if next_is_value {
                next_is_value = false;
                Some(arg.as_str())
            } else if arg == "--color" {
                next_is_value = true;
                None
            } else if arg == "--" {
                break;
            } else {
                arg.strip_prefix("--color=")
            };
            match value {
                Some("always") => when = ColorWhen::Always,
                Some("never") => when = ColorWhen::Never,
                Some("auto") => when = ColorWhen::Auto,
                _ => {}
            }
        }
        when
    }

    /// The same choice for clap.
    pub fn for_clap(self) -> clap::ColorChoice {
        match self {
            ColorWhen::Auto => clap::ColorChoice::Auto,
            ColorWhen::Always => clap::ColorChoice::Always,
            ColorWhen::Never => clap::ColorChoice::Never,
        }
    }
}

/// `--version`: the program's version and the questionnaires built into it (a test keeps
/// this list in step with the bundled files).
pub const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "
bundled questionnaires:
  oxfordshire-cse 2.8.0 (the default)
  national-cse 2.8.0
  seraf 1.9.0
  pan-cheshire 1.7.0"
);

const AFTER_LONG_HELP: &str = concat!(
    "Examples:
  cse-screen screen                          screen a child (Oxfordshire questionnaire)
  cse-screen screen --resume EX-0001-2026-11-24.yaml
                                             continue a screening that was stopped
  cse-screen screen --training               show the running score (for trainers)
  cse-screen screen --plain                  numbered questions, line by line (screen readers)
  cse-screen screen --plain < replies.txt    replay a file of replies (a demonstration)
  cse-screen score EX-0001-2026-11-24.yaml   score a saved screening again
  cse-screen score cases/ --format csv > scores.csv
                                             score every screening in a folder
  cat EX-0001.json | cse-screen score -      score from standard input
  cse-screen explain EX-0001-2026-11-24.yaml every answer, rule and route, for a trainer
  cse-screen explain EX-0001.yaml --set age=12
                                             what if the child were 12?
  cse-screen report EX-0001-2026-11-24.yaml -o EX-0001.html
                                             a printable record for the case file
  cse-screen history cases/                  each case over time: trend, review, escalation
  cse-screen history cases/ --case EX-0001 --as-of 2026-12-01
  cse-screen caseload cases/ -o oversight.html
                                             what needs attention first, measures, charts
  cse-screen questionnaires                  list the bundled questionnaires
  cse-screen show                            the default questionnaire as tables
  cse-screen show national-cse               a bundled questionnaire by id
  cse-screen show --format markdown > handout.md
                                             the weights, levels and rules as a handout
  cse-screen validate my-questionnaire.yaml  check a questionnaire you wrote
  cse-screen schema questionnaire > questionnaire.schema.json
                                             completion and checking in an editor (docs/editors.md)
  cse-screen completions bash > ~/.local/share/bash-completion/completions/cse-screen
                                             tab completion for bash (also zsh, fish, ...)
  cse-screen man > ~/.local/share/man/man1/cse-screen.1
                                             the manual page (then: man cse-screen)
  cse-screen man score > ~/.local/share/man/man1/cse-screen-score.1
                                             a command's own page
  cse-screen language EX-0001-2026-11-24.yaml
                                             check the notes for wording that blames the child
  cse-screen language notes.txt --format json
                                             check any text; exit code 4 when something is found

",
    crate::exit_codes_help!()
);

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Screen a child: answer the questionnaire, get the recommended routes and a saved record
    ///
    /// Every answer is saved as it is given (to <case reference>-<date>.yaml in the current
    /// directory, mode 0600). Esc goes back one question; Ctrl-C stops and prints the command
    /// to resume. Needs a terminal: to score saved answers without one, use `score`.
    Screen(ScreenArgs),
    /// Score saved screenings: one file, many, whole folders, or standard input
    ///
    /// Each file is checked against the questionnaire it names (bundled, or --questionnaire)
    /// and every problem is reported with file:line:column. Folders are searched for *.yaml,
    /// *.yml and *.json, in sorted order; symbolic links inside them are skipped unless
    /// --follow is given. One bad file never stops the others: it is reported
    /// on stderr, and the exit code says some files failed. Screenings still in progress are
    /// scored and marked incomplete.
    Score(ScoreArgs),
    /// Explain a saved screening step by step, for training: answers, points, rules, routes
    ///
    /// Shows every answer with its points by section, where the score falls among the levels,
    /// every rule (fired and why, or which part was not met), where each route comes from, and
    /// what finding out could change. With --set, shows a what-if: the outcome before and after.
    Explain(ExplainArgs),
    /// Write the printable record of a saved screening for the case file (Markdown or HTML)
    ///
    /// The record holds the case details, the questionnaire (id, version, sha256), every
    /// answer with its windows, basis and note, the result and why, what is not known, the
    /// judgement, decisions and actions, the review date and the disclaimer. HTML is one
    /// self-contained file with a print stylesheet: open it in a browser and print it.
    Report(ReportArgs),
    /// Show each case's screenings over time: trend, changes, review due, when to escalate
    ///
    /// Screenings are grouped by case reference and ordered by date. For each case: the
    /// score, level and routes of each screening; indicators new, resolved and no longer
    /// known since the one before; whether the review is due or overdue; and escalation when
    /// the questionnaire's settings say risk is not reducing, or missing episodes add up.
    History(HistoryArgs),
    /// Oversight of a caseload: what needs attention first, measures for managers and the board
    ///
    /// Reads every screening under the paths (as `score` and `history` do), groups them by
    /// case as `history` does, and shows one row per case (level now and trend, review due or
    /// overdue, escalation with its trigger, missing episodes, significant indicators not
    /// known, screenings left in progress, professional judgement, the last practitioner),
    /// a list of cases that need attention first with the reason for each, and measures with
    /// their definitions. HTML is one self-contained file with charts, to print. With
    /// --pseudonymise, case references are replaced with pseudonyms made with your key.
    Caseload(CaseloadArgs),
    /// Check questionnaires and report every problem with file:line:column
    ///
    /// With no path, checks every bundled questionnaire.
    Validate(ValidateArgs),
    /// Check wording for victim-blaming phrases: the notes of a saved screening, or any text
    ///
    /// An answers file (YAML or JSON) has its notes, judgement reason and decisions checked;
    /// any other file is checked whole. Each finding gives file:line:column, the phrase, why it
    /// harms and what to say instead. Exits 4 when there is wording to avoid that the
    /// practitioner did not keep at screening, 0 when there is none; prompts to consider
    /// (shown as "to consider:") never change the exit code.
    Language(LanguageArgs),
    /// List the bundled questionnaires
    Questionnaires,
    /// Print the JSON Schema of a file format, for editors (see docs/editors.md)
    ///
    /// The schema is generated from the types the loader reads, so an editor that uses it
    /// (VS Code with the YAML extension, or any editor with yaml-language-server) completes
    /// field names, shows each field's meaning and marks what the loader would refuse: an
    /// unknown or missing field, a wrong type, an id that is not lower_snake_case, a number
    /// out of range, empty text. Whether ids exist, levels rise and rules can fire needs the
    /// whole file: run `cse-screen validate` (questionnaires) or `cse-screen score` (answers).
    Schema(SchemaArgs),
    /// Print a shell completion script (see the README for where to put it)
    Completions(CompletionsArgs),
    /// Print the manual page (roff), for `man`; with COMMAND, that command's page
    Man(ManArgs),
    /// Print a questionnaire as tables: sections and weights, levels, rules, routes
    Show(ShowArgs),
}

// The arguments of `screen` (no doc comment: the variant's is the help text).
#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// A bundled questionnaire id or a path to a questionnaire file [default: oxfordshire-cse]
    #[arg(long, short, value_name = "ID|PATH")]
    pub questionnaire: Option<String>,
    /// Continue a saved screening from its first unanswered question
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub resume: Option<PathBuf>,
    /// Where to save [default: <case reference>-<date>.yaml in the current directory]
    #[arg(long, short, value_name = "FILE", value_hint = clap::ValueHint::FilePath, conflicts_with = "resume")]
    pub output: Option<PathBuf>,
    /// Replace the file if it already exists
    #[arg(long)]
    pub force: bool,
    /// Show the running score and level after each answer (for training and demonstrations)
    #[arg(long)]
    pub training: bool,
    /// Ask line by line with numbered choices: no cursor movement or colour (for screen
    /// readers and basic terminals); also reads a file of replies from standard input
    #[arg(long)]
    pub plain: bool,
}

// The arguments of `score` (no doc comment: the variant's is the help text).
#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Answers files or folders; `-` reads one file from standard input
    #[arg(value_name = "PATH", required = true, value_hint = clap::ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// Score against this questionnaire (a bundled id, ID@VERSION for an earlier version kept in the
    /// tool, or a file) instead of the one each file names
    #[arg(long, short, value_name = "ID|PATH")]
    pub questionnaire: Option<String>,
    /// Output format [default: table on a terminal, jsonl otherwise]
    #[arg(long, short, value_enum)]
    pub format: Option<ScoreFormat>,
    /// Treat every warning as an error (another questionnaire version, a date after today, a
    /// hidden character in a name, ...); wording findings never are
    #[arg(long)]
    pub strict: bool,
    /// CSV cells exactly as in the files, for scripts: no quote mark before a cell starting
    /// = + - @ tab or CR, control characters not escaped (never open it in a spreadsheet)
    #[arg(long)]
    pub raw_csv: bool,
    /// Files to read at once [default: the number of CPU cores]
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Follow symbolic links inside folders (each real file is scored once; loops are skipped)
    #[arg(long, short = 'L')]
    pub follow: bool,
}

// The arguments of `explain` (no doc comment: the variant's is the help text).
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A saved screening (YAML or JSON)
    #[arg(value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub file: PathBuf,
    /// What if an indicator or profile fact had this value (repeatable), e.g. --set age=12
    #[arg(long, value_name = "ID=VALUE")]
    pub set: Vec<String>,
    /// Score against this questionnaire (a bundled id, ID@VERSION for an earlier version kept in the
    /// tool, or a file) instead of the one the file names
    #[arg(long, short, value_name = "ID|PATH")]
    pub questionnaire: Option<String>,
}

// The arguments of `report` (no doc comment: the variant's is the help text).
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// A saved screening (YAML or JSON)
    #[arg(value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub file: PathBuf,
    /// Output format [default: html when --output ends in .html or .htm, else markdown]
    #[arg(long, short, value_enum)]
    pub format: Option<ReportFormat>,
    /// Write to this file (atomically, mode 0600) instead of standard output
    #[arg(long, short, value_name = "OUT", value_hint = clap::ValueHint::FilePath)]
    pub output: Option<PathBuf>,
    /// Replace OUT if it already exists
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Score against this questionnaire (a bundled id, ID@VERSION for an earlier version kept in the
    /// tool, or a file) instead of the one the file names
    #[arg(long, short, value_name = "ID|PATH")]
    pub questionnaire: Option<String>,
}

// The arguments of `history` (no doc comment: the variant's is the help text).
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Answers files or folders (searched for *.yaml, *.yml and *.json)
    #[arg(value_name = "PATH", required = true, value_hint = clap::ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// Judge reviews as of this date instead of today, for reproducible output
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<jiff::civil::Date>,
    /// Only this case reference
    #[arg(long, value_name = "REFERENCE")]
    pub case: Option<String>,
    /// Output format
    #[arg(long, short, value_enum, default_value_t = HistoryFormat::Table)]
    pub format: HistoryFormat,
    /// A questionnaire file for screenings made with a version that is not bundled
    /// (repeatable; matched by id and version)
    #[arg(long, short, value_name = "ID|PATH")]
    pub questionnaire: Vec<String>,
    /// Follow symbolic links inside folders (each real file is read once; loops are skipped)
    #[arg(long, short = 'L')]
    pub follow: bool,
}

// The arguments of `caseload` (no doc comment: the variant's is the help text).
#[derive(Debug, Args)]
pub struct CaseloadArgs {
    /// Answers files or folders (searched for *.yaml, *.yml and *.json)
    #[arg(value_name = "PATH", required = true, value_hint = clap::ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// Judge reviews, months and days in progress as of this date instead of today
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<jiff::civil::Date>,
    /// Output format [default: html when --output ends in .html or .htm, else table]
    #[arg(long, short, value_enum)]
    pub format: Option<CaseloadFormat>,
    /// Write to this file (atomically, mode 0600) instead of standard output
    #[arg(long, short, value_name = "OUT", value_hint = clap::ValueHint::FilePath)]
    pub output: Option<PathBuf>,
    /// Replace OUT if it already exists
    #[arg(long, requires = "output")]
    pub force: bool,
    /// A screening in progress for more than this many days counts as left in progress
    #[arg(long, value_name = "DAYS", default_value_t = 14)]
    pub in_progress_days: u32,
    /// Replace case references with pseudonyms made with a key (--pseudonymise-key-file,
    /// or the environment variable CSE_SCREEN_PSEUDONYM_KEY): the same key gives the same
    /// pseudonyms every time
    #[arg(long)]
    pub pseudonymise: bool,
    /// The file holding the pseudonym key (at least 16 bytes; a final newline is ignored)
    #[arg(long, value_name = "FILE", requires = "pseudonymise", value_hint = clap::ValueHint::FilePath)]
    pub pseudonymise_key_file: Option<PathBuf>,
    /// A questionnaire file for screenings made with a version that is not bundled
    /// (repeatable; matched by id and version)
    #[arg(long, short, value_name = "ID|PATH")]
    pub questionnaire: Vec<String>,
    /// Files to read at once [default: the number of CPU cores]
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Follow symbolic links inside folders (each real file is read once; loops are skipped)
    #[arg(long, short = 'L')]
    pub follow: bool,
}

// The arguments of `validate` (no doc comment: the variant's is the help text).
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Questionnaire files to check
    #[arg(value_name = "PATH", value_hint = clap::ValueHint::FilePath)]
    pub paths: Vec<PathBuf>,
}

// The arguments of `language` (no doc comment: the variant's is the help text).
#[derive(Debug, Args)]
pub struct LanguageArgs {
    /// A text or answers file; `-` or nothing reads standard input
    #[arg(value_name = "FILE|-", value_hint = clap::ValueHint::FilePath)]
    pub file: Option<PathBuf>,
    /// Check the whole file as text, even if it is an answers file
    #[arg(long)]
    pub text: bool,
    /// The child's age, for the legal explanation under 13 (replaces an answers file's own)
    #[arg(long, value_name = "YEARS", value_parser = clap::value_parser!(u32).range(0..=25))]
    pub age: Option<u32>,
    /// Output format
    #[arg(long, short, value_enum, default_value_t = LanguageFormat::Text)]
    pub format: LanguageFormat,
}

// The arguments of `schema` (no doc comment: the variant's is the help text).
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which format
    #[arg(value_enum)]
    pub format: SchemaFormat,
}

// The arguments of `completions` (no doc comment: the variant's is the help text).
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

// The arguments of `man` (no doc comment: the variant's is the help text).
#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command, for its own page (cse-screen-COMMAND(1))
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

// The arguments of `show` (no doc comment: the variant's is the help text).
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A bundled questionnaire id or a path to a questionnaire file [default: oxfordshire-cse]
    #[arg(value_name = "ID|PATH")]
    pub questionnaire: Option<String>,
    /// `markdown` prints a handout for training (weights, levels, rules, routes, sources)
    #[arg(long, short, value_enum, default_value_t = ShowFormat::Table)]
    pub format: ShowFormat,
}

/// The file formats `schema` describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaFormat {
    /// A questionnaire file (YAML)
    Questionnaire,
    /// A saved screening (answers file, YAML or JSON)
    Answers,
}

/// How `show` prints a questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Tables for the terminal
    Table,
    /// A Markdown handout
    Markdown,
}

/// How `report` writes the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown, for a case-management system or a wiki
    Markdown,
    /// One self-contained HTML file to open in a browser and print
    Html,
}

/// How `history` writes its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    /// For people: one block per case
    Table,
    /// One JSON object with every case (see docs/answers-format.md)
    Json,
    /// Markdown, one section per case
    Markdown,
}

/// How `caseload` writes its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CaseloadFormat {
    /// For people: attention list, measures and case table
    Table,
    /// Markdown, for a wiki or a paper
    Markdown,
    /// One self-contained HTML file with charts, to open in a browser and print
    Html,
    /// One JSON object (the serde form of the caseload)
    Json,
    /// One row per case with stable columns
    Csv,
}

/// A `YYYY-MM-DD` date.
fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    crate::answers::parse_date(s).ok_or_else(|| {
        format!("`{s}` is not a date; write it as YYYY-MM-DD, for example 2026-11-24")
    })
}

/// How `language` writes its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LanguageFormat {
    /// For people: file:line:column, the phrase, why, and what to say instead
    Text,
    /// One JSON document (see docs/language.md)
    Json,
}

/// How `score` writes its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    /// For people: the full result for one file, a summary table for many
    Table,
    /// One JSON object for one file; an array for many
    Json,
    /// One JSON object per line, written as each file is scored
    Jsonl,
    /// One row per file with stable columns (see docs/answers-format.md)
    Csv,
    /// A Markdown summary table, one row per file
    Markdown,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn color_is_read_from_raw_arguments_as_clap_would() {
        let when = |args: &[&str]| ColorWhen::from_args(args.iter().map(|a| a.into()));
        assert_eq!(when(&["cse-screen", "show"]), ColorWhen::Auto);
        assert_eq!(
            when(&["cse-screen", "--color", "never", "show"]),
            ColorWhen::Never
        );
        assert_eq!(
            when(&["cse-screen", "show", "--color=always"]),
            ColorWhen::Always
        );
        assert_eq!(
            when(&["cse-screen", "--color=always", "show", "--color", "never"]),
            ColorWhen::Never
        );
        assert_eq!(
            when(&["cse-screen", "score", "--", "--color=never"]),
            ColorWhen::Auto
        );
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn the_long_version_lists_every_bundled_questionnaire_and_its_version() {
        let mut want = format!("{}\nbundled questionnaires:", env!("CARGO_PKG_VERSION"));
        for (n, b) in crate::questionnaire::BUNDLED.iter().enumerate() {
            let q = crate::questionnaire::from_str(b.text).unwrap_or_else(|p| panic!("{p:?}"));
            let default = if n == 0 { " (the default)" } else { "" };
            want.push_str(&format!("\n  {} {}{default}", q.id, q.version));
        }
        assert_eq!(LONG_VERSION, want);
    }
}
