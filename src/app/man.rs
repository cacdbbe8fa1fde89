//! `cse-screen man`: the manual page (roff) for the tool, or for one command.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::error::Error;
use crate::exit::Exit;

pub fn run(args: ManArgs, out: &mut dyn Write) -> Result<Exit, Error> {
    let mut cli = Cli::command();
    cli.build();
    let page = match args.command.as_deref() {
        None => cli,
        Some(name) => match cli.find_subcommand(name) {
            Some(sub) => sub.clone().name(format!("cse-screen-{name}")),
            None => {
                let names: Vec<&str> = cli
                    .get_subcommands()
                    .map(clap::Command::get_name)
                    .filter(|n| *n != "help")
                    .collect();
                return Err(Error::usage(
                    format!("`{name}` is not a cse-screen command"),
                    &[&format!("pages exist for: {}", names.join(", "))],
                ));
            }
        },
    };
    clap_mangen::Man::new(page).render(out)?;
    Ok(Exit::Ok)
}
