//! `cse-screen completions`: the shell completion script, generated from the clap definitions.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::Error;
use crate::exit::Exit;

pub fn run(args: CompletionsArgs, out: &mut dyn Write) -> Result<Exit, Error> {
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "cse-screen", out);
    Ok(Exit::Ok)
}
