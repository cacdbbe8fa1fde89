//! Scoring saved screenings in bulk: which files, and the parallel ordered run.
//!
//! [`inputs`] turns the command line's paths into a sorted list of inputs; [`score_input`]
//! loads and scores one of them through [`crate::screening`], never panicking and never
//! stopping the batch; [`pipeline`] runs that on every core while handing results back in
//! input order.

pub mod inputs;
#[cfg(unix)]
pub mod listing;
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
        Input::Linked(path) => match screening::load(path, catalogue, options) {
            Err(Failure::Invalid(_)) if !looks_like_a_screening(path) => {
                Err(Failure::Invalid(vec![not_a_screening()]))
            }
            outcome => outcome,
        },
    };
    FileResult {
        file: input.name(),
        outcome,
    }
}

/// The one problem reported for a file reached through a symbolic link that is not a
/// screening: a link can lead anywhere (`cases/x.yaml -> /etc/shadow`), so nothing read from
/// such a file (a line of it under a parse error, a field name) is ever shown.
fn not_a_screening() -> crate::diagnostic::Problem {
    crate::diagnostic::Problem::new(
        None,
        "reached through a symbolic link, this is not a screening (YAML or JSON with \
         `questionnaire:` at the top), so nothing from it is shown",
    )
    .help(
        "if it is a screening, name the file itself rather than the link to see every problem \
         with its line and column",
    )
}

/// True when the file at `path` reads as YAML (or JSON) with `questionnaire:` at the top,
/// within the answers file's limits: a screening, however broken its content.
fn looks_like_a_screening(path: &std::path::Path) -> bool {
    #[derive(serde::Deserialize)]
    struct Top {
        #[allow(dead_code)]
        questionnaire: serde::de::IgnoredAny,
    }
    let limits = crate::input::ANSWERS;
    crate::input::read_file(path, &limits).is_ok_and(|text| limits.from_yaml::<Top>(&text).is_ok())
}

/// The case reference written in a file that was refused, where it can still be read: the
/// file parses, or only values in it were wrong. `None` for standard input, a file that
/// cannot be read, or one that does not parse that far.
pub fn case_of_refused(input: &Input) -> Option<String> {
    use crate::answers::parse::parse_or_salvage;
    let path = match input {
        Input::File(p) | Input::Linked(p) => p,
        _ => return None,
    };
    let text = crate::input::read_file(path, &crate::input::ANSWERS).ok()?;
    let format = Format::detect(Some(path), &text);
    match parse_or_salvage(&text, format) {
        Ok(s) => Some(s.screening.case_reference),
        Err(r) => r
            .salvaged
            .map(|s| s.screening.case_reference)
            .or_else(|| reference_only(&text, format)),
    }
}

/// The case reference alone, read past the rest of the file, so that a misspelt field
/// (`anwser`), a missing one or a key written twice elsewhere does not hide which case a
/// refused file is about (found in review: such a case was shown at its older level,
/// unflagged). A reference written twice, or not as text, is not read: which one would be a
/// guess.
fn reference_only(text: &str, format: Format) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Top {
        screening: Screening,
    }
    #[derive(serde::Deserialize)]
    struct Screening {
        case_reference: String,
    }
    // Every map here refuses a key written twice itself (serde's derive), and what is not
    // read is not checked, repeats included.
    let top: Top = match format {
        Format::Yaml => crate::input::ANSWERS
            .from_yaml_repeats_left_to_type(text)
            .ok()?,
        Format::Json => serde_json::from_str(crate::input::strip_bom(text)).ok()?,
    };
    Some(top.screening.case_reference)
}
