//! `cse-screen schema`: the JSON Schema of the questionnaire or answers format, for editors.

use std::io::Write;

use crate::cli::{SchemaArgs, SchemaFormat};
use crate::error::Error;
use crate::exit::Exit;
use crate::schema::{self, Kind};

pub fn run(args: SchemaArgs, out: &mut dyn Write) -> Result<Exit, Error> {
    let kind = match args.format {
        SchemaFormat::Questionnaire => Kind::Questionnaire,
        SchemaFormat::Answers => Kind::Answers,
    };
    out.write_all(schema::json(kind).as_bytes())?;
    Ok(Exit::Ok)
}
