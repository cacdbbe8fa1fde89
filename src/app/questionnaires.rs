//! `cse-screen questionnaires`: the questionnaires built into the binary, one line each.

use std::io::Write;

use crate::error::Error;
use crate::exit::Exit;
use crate::questionnaire::{self, BUNDLED};
use crate::report;

pub fn run(out: &mut dyn Write) -> Result<Exit, Error> {
    let all = BUNDLED
        .iter()
        .map(|b| {
            questionnaire::from_str(b.text).map_err(|problems| super::invalid(b.path, problems))
        })
        .collect::<Result<Vec<_>, _>>()?;
    out.write_all(report::questionnaire::list(&all, report::terminal_width()).as_bytes())?;
    Ok(Exit::Ok)
}
