//! `cse-screen show`: one questionnaire as tables for the terminal, or a Markdown handout.

use std::io::Write;

use crate::cli::{ShowArgs, ShowFormat};
use crate::error::Error;
use crate::exit::Exit;
use crate::report;

pub fn run(args: ShowArgs, out: &mut dyn Write) -> Result<Exit, Error> {
    let q = super::resolve(args.questionnaire.as_deref())?;
    let text = match args.format {
        ShowFormat::Table => report::questionnaire::show(&q, report::terminal_width()),
        ShowFormat::Markdown => report::questionnaire::markdown(&q),
    };
    out.write_all(text.as_bytes())?;
    Ok(Exit::Ok)
}
