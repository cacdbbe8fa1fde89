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
  cse-screen questionnaires                  list the bundled questionnaires
  cse-screen show                            the default questionnaire as tables
  cse-screen show national-cse               a bundled questionnaire by id
  cse-screen validate my-questionnaire.yaml  check a questionnaire you wrote

",
    crate::exit_codes_help!()
);

#[derive(Debug, Subcommand)]
pub enum Command {
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
