//! Reading questionnaires: from text, from a path, or from the copies built into the binary.
//!
//! `from_str` is pure (text in, questionnaire or problems out); `from_path` adds the file
//! read with a size limit checked before parsing. The content hash is taken here, over the
//! text with any BOM removed and line ends normalised, so a file saved on Windows hashes the
//! same as on Linux.

use std::path::Path;

use sha2::{Digest, Sha256};

use super::model::Questionnaire;
use super::raw::RawQuestionnaire;
use super::validate::validate;
use crate::diagnostic::Problem;
use crate::input::{self, Failure, strip_bom};

/// Questionnaire files larger than this are refused before parsing (see [`input::QUESTIONNAIRE`]).
pub const MAX_QUESTIONNAIRE_BYTES: u64 = input::QUESTIONNAIRE.max_bytes;

/// A questionnaire that ships inside the binary.
#[derive(Debug, Clone, Copy)]
pub struct Bundled {
    pub id: &'static str,
    /// Path shown in messages, relative to the repository.
    pub path: &'static str,
    pub text: &'static str,
}

/// Every bundled questionnaire; the first is the default.
pub const BUNDLED: &[Bundled] = &[
    Bundled {
        id: "oxfordshire-cse",
        path: "questionnaires/oxfordshire-cse.yaml",
        text: include_str!("../../questionnaires/oxfordshire-cse.yaml"),
    },
    Bundled {
        id: "national-cse",
        path: "questionnaires/national-cse.yaml",
        text: include_str!("../../questionnaires/national-cse.yaml"),
    },
    Bundled {
        id: "seraf",
        path: "questionnaires/seraf.yaml",
        text: include_str!("../../questionnaires/seraf.yaml"),
    },
    Bundled {
        id: "pan-cheshire",
        path: "questionnaires/pan-cheshire.yaml",
        text: include_str!("../../questionnaires/pan-cheshire.yaml"),
    },
];

/// The id of the questionnaire used when none is named.
pub const DEFAULT_ID: &str = "oxfordshire-cse";

/// Finds a bundled questionnaire by id.
pub fn bundled(id: &str) -> Option<&'static Bundled> {
    BUNDLED.iter().find(|b| b.id == id)
}

/// Parses and validates questionnaire text.
pub fn from_str(text: &str) -> Result<Questionnaire, Vec<Problem>> {
    let text = strip_bom(text);
    let raw = parse(text)?;
    validate(&raw, sha256_hex(text))
}

/// Parses YAML text into the raw model, turning a parse error into a located problem.
fn parse(text: &str) -> Result<RawQuestionnaire, Vec<Problem>> {
    let limits = &input::QUESTIONNAIRE;
    if let Some(empty) = limits.empty(text, true) {
        return Err(vec![empty]);
    }
    limits.parse_yaml::<RawQuestionnaire>(text).map_err(|p| {
        // A file for a newer format fails here on its new fields: say that instead.
        let newer = input::unsupported_format(text, super::validate::FORMAT_VERSION, limits);
        vec![newer.unwrap_or(p)]
    })
}

/// Reads, parses and validates the questionnaire at `path`.
pub fn from_path(path: &Path) -> Result<Questionnaire, Failure> {
    read_path(path).and_then(|text| from_str(&text).map_err(Failure::Invalid))
}

/// The text of the questionnaire file at `path`, within the limits of [`input::QUESTIONNAIRE`]
/// (refused before reading when too large; UTF-8 or a located problem).
pub fn read_path(path: &Path) -> Result<String, Failure> {
    input::read_file(path, &input::QUESTIONNAIRE)
}

/// sha256 of the text with line ends normalised to `\n`, as lower-case hex.
pub fn sha256_hex(text: &str) -> String {
    let mut hasher = Sha256::new();
    let mut rest = text;
    while let Some(i) = rest.find("\r\n") {
        hasher.update(&rest.as_bytes()[..i]);
        hasher.update(b"\n");
        rest = &rest[i + 2..];
    }
    hasher.update(rest.as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_ignores_line_ends() {
        assert_eq!(sha256_hex("a: 1\r\nb: 2\r\n"), sha256_hex("a: 1\nb: 2\n"));
        assert_ne!(sha256_hex("a: 1\n"), sha256_hex("a: 2\n"));
        assert_eq!(sha256_hex("").len(), 64);
    }
}
