//! Scoring saved screenings in bulk: which files, and the parallel ordered run.
//!
//! [`inputs`] turns the command line's paths into a sorted list of inputs; [`score_input`]
//! loads and scores one of them through [`crate::screening`], never panicking and never
//! stopping the batch; [`pipeline`] runs that on every core while handing results back in
//! input order.

pub mod inputs;
pub mod pipeline;

use crate::answers::Format;
pub use crate::input::Failure;
use crate::screening::{self, Catalogue, Options, Scored};
pub use inputs::Input;

/// What happened to one input.
#[derive(Debug)]
pub struct FileResult<'q> {
    /// The path as given or found, or `-` for standard input.
    pub file: String,
    pub outcome: Result<Scored<'q>, Failure>,
}

/// Reads, parses, checks and scores one input.
pub fn score_input<'c>(
    input: &Input,
    catalogue: &'c Catalogue,
    options: Options<'_>,
) -> FileResult<'c> {
    let outcome = match input {
        Input::Unreadable { message, .. } => Err(Failure::Unreadable(message.clone())),
        Input::Stdin => screening::read_stdin().and_then(|text| {
            let format = Format::detect(None, &text);
            screening::from_text(input.name(), &text, format, catalogue, options)
        }),
        Input::File(path) => screening::load(path, catalogue, options),
    };
    FileResult {
        file: input.name(),
        outcome,
    }
}
