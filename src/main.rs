//! The `cse-screen` binary: parse arguments, run, exit with the documented code.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};
use cse_screen::cli::{Cli, ColorWhen};
use cse_screen::{app, error::Error, exit::Exit};

fn main() -> ExitCode {
    // Colour is decided before parsing, so clap's own help and errors follow --color too.
    let color = ColorWhen::from_args(std::env::args_os());
    let matches = Cli::command().color(color.for_clap()).get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let (mut out, mut err) = (io::stdout().lock(), io::stderr().lock());
    let exit = match app::run(cli, &mut out, &mut err).and_then(|exit| match out.flush() {
        // A closed pipe once the run is done: its own exit code stands.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(exit),
        flushed => flushed.map(|()| exit),
    }) {
        Ok(exit) => exit,
        // A closed pipe (`cse-screen show | head`) is a normal end, not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Exit::Ok,
        Err(e) => {
            let e = Error::Output(e);
            let _ = e.render(&mut err);
            e.exit()
        }
    };
    ExitCode::from(exit.code())
}
