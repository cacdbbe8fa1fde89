//! Command-line definitions (clap derive) and nothing else.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Screen a child for risk of child sexual exploitation: questionnaire, score, referral route.
///
/// cse-screen supports professional judgement; it does not decide. Children's social care
/// decides the level of risk. If a child is in immediate danger, call 999.
#[derive(Debug, Parser)]
#[command(name = "cse-screen", version, after_long_help = AFTER_LONG_HELP, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

const AFTER_LONG_HELP: &str = concat!(
    "Examples:
  cse-screen screen                          screen a child (Oxfordshire questionnaire)
  cse-screen screen --resume EX-0001-2026-11-24.yaml
                                             continue a screening that was stopped
  cse-screen screen --training               show the running score (for trainers)
  cse-screen questionnaires                  list the bundled questionnaires
  cse-screen show                            the default questionnaire as tables
  cse-screen show national-cse               a bundled questionnaire by id
  cse-screen validate my-questionnaire.yaml  check a questionnaire you wrote

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
    Screen {
        /// A bundled questionnaire id or a path to a questionnaire file [default: oxfordshire-cse]
        #[arg(long, short, value_name = "ID|PATH")]
        questionnaire: Option<String>,
        /// Continue a saved screening from its first unanswered question
        #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
        resume: Option<PathBuf>,
        /// Where to save [default: <case reference>-<date>.yaml in the current directory]
        #[arg(long, short, value_name = "FILE", value_hint = clap::ValueHint::FilePath, conflicts_with = "resume")]
        output: Option<PathBuf>,
        /// Replace the file if it already exists
        #[arg(long)]
        force: bool,
        /// Show the running score and level after each answer (for training and demonstrations)
        #[arg(long)]
        training: bool,
    },
    /// Check questionnaires and report every problem with file:line:column
    ///
    /// With no path, checks every bundled questionnaire.
    Validate {
        /// Questionnaire files to check
        #[arg(value_name = "PATH", value_hint = clap::ValueHint::FilePath)]
        paths: Vec<PathBuf>,
    },
    /// List the bundled questionnaires
    Questionnaires,
    /// Print a questionnaire as tables: sections and weights, levels, rules, routes
    Show {
        /// A bundled questionnaire id or a path to a questionnaire file [default: oxfordshire-cse]
        #[arg(value_name = "ID|PATH")]
        questionnaire: Option<String>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
