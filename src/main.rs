//! The `cse-screen` binary: parse arguments, run, exit with the documented code.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use cse_screen::{app, cli::Cli, exit::Exit};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (mut out, mut err) = (io::stdout().lock(), io::stderr().lock());
    let exit = match app::run(cli, &mut out, &mut err).and_then(|exit| out.flush().map(|()| exit)) {
        Ok(exit) => exit,
        // A closed pipe (`cse-screen show | head`) is a normal end, not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Exit::Ok,
        Err(e) => {
            let _ = writeln!(err, "error: cannot write output: {e}");
            Exit::Failure
        }
    };
    ExitCode::from(exit.code())
}
