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

/// An earlier version of a bundled questionnaire, kept byte for byte (its sha256 is the one
/// its screenings are stamped with), so that a screening started with it can still be
/// resumed after an upgrade (docs/decisions.md, decision 31).
#[derive(Debug, Clone, Copy)]
pub struct Earlier {
    pub id: &'static str,
    pub version: &'static str,
    /// Path shown in messages, relative to the repository.
    pub path: &'static str,
    pub text: &'static str,
}

macro_rules! earlier {
    ($id:literal, $version:literal) => {
        Earlier {
            id: $id,
            version: $version,
            path: concat!("questionnaires/earlier/", $id, "-", $version, ".yaml"),
            text: include_str!(concat!(
                "../../questionnaires/earlier/",
                $id,
                "-",
                $version,
                ".yaml"
            )),
        }
    };
}

/// How many earlier versions are kept.
const KEPT: usize = 35;

/// Every earlier version of the bundled questionnaires: the last text each version number
/// was released with, oldest first for each id.
pub static EARLIER: [Earlier; KEPT] = [
    earlier!("oxfordshire-cse", "1.0.0"),
    earlier!("oxfordshire-cse", "2.0.0"),
    earlier!("oxfordshire-cse", "2.1.0"),
    earlier!("oxfordshire-cse", "2.2.0"),
    earlier!("oxfordshire-cse", "2.3.0"),
    earlier!("oxfordshire-cse", "2.4.0"),
    earlier!("oxfordshire-cse", "2.5.0"),
    earlier!("oxfordshire-cse", "2.6.0"),
    earlier!("oxfordshire-cse", "2.7.0"),
    earlier!("national-cse", "0.1.0"),
    earlier!("national-cse", "1.0.0"),
    earlier!("national-cse", "2.0.0"),
    earlier!("national-cse", "2.1.0"),
    earlier!("national-cse", "2.2.0"),
    earlier!("national-cse", "2.3.0"),
    earlier!("national-cse", "2.4.0"),
    earlier!("national-cse", "2.5.0"),
    earlier!("national-cse", "2.6.0"),
    earlier!("national-cse", "2.7.0"),
    earlier!("seraf", "1.0.0"),
    earlier!("seraf", "1.1.0"),
    earlier!("seraf", "1.2.0"),
    earlier!("seraf", "1.3.0"),
    earlier!("seraf", "1.4.0"),
    earlier!("seraf", "1.5.0"),
    earlier!("seraf", "1.6.0"),
    earlier!("seraf", "1.7.0"),
    earlier!("seraf", "1.8.0"),
    earlier!("pan-cheshire", "1.0.0"),
    earlier!("pan-cheshire", "1.1.0"),
    earlier!("pan-cheshire", "1.2.0"),
    earlier!("pan-cheshire", "1.3.0"),
    earlier!("pan-cheshire", "1.4.0"),
    earlier!("pan-cheshire", "1.5.0"),
    earlier!("pan-cheshire", "1.6.0"),
];

/// The earlier version of bundled questionnaire `id` whose text has this sha256, if any.
pub fn earlier(id: &str, sha256: &str) -> Option<&'static Earlier> {
    // Each text is hashed once, the first time a screening of its id needs it: starting a
    // screening hashes only its own questionnaire's earlier versions, and scoring a batch
    // hashes none unless a file was made with another version.
    static SHA256: [std::sync::OnceLock<String>; KEPT] =
        [const { std::sync::OnceLock::new() }; KEPT];
    EARLIER
        .iter()
        .zip(&SHA256)
        .filter(|(e, _)| e.id == id)
        .find(|(e, h)| {
            h.get_or_init(|| sha256_hex(strip_bom(e.text)))
                .eq_ignore_ascii_case(sha256)
        })
        .map(|(e, _)| e)
}

/// The earlier version named `id@version` (`national-cse@2.3.0`), if it is kept.
pub fn earlier_named(name: &str) -> Option<&'static Earlier> {
    let (id, version) = name.split_once('@')?;
    EARLIER.iter().find(|e| e.id == id && e.version == version)
}

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

    /// Each earlier version is valid, is what its name says, is found by its sha256 (and by
    /// no other id's), and differs from every other text kept, the current one included.
    #[test]
    fn every_earlier_version_is_valid_and_found_by_its_sha256() {
        let mut seen = std::collections::BTreeSet::new();
        for b in BUNDLED {
            seen.insert(sha256_hex(b.text));
            assert!(earlier(b.id, &sha256_hex(b.text)).is_none(), "{}", b.id);
        }
        // Every file kept in the folder is in the binary (a file added without its entry
        // would be a version whose screenings cannot be resumed).
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/questionnaires/earlier");
        let files = std::fs::read_dir(dir).map_or(0, |d| d.count());
        assert_eq!(files, EARLIER.len());
        for e in EARLIER {
            let q = from_str(e.text).unwrap_or_else(|p| panic!("{}: {p:?}", e.path));
            assert_eq!((q.id.as_str(), q.version.as_str()), (e.id, e.version));
            assert!(bundled(e.id).is_some(), "{} has no current version", e.path);
            assert!(seen.insert(q.sha256.clone()), "{} is kept twice", e.path);
            assert_eq!(earlier(e.id, &q.sha256).map(|f| f.path), Some(e.path));
            assert_eq!(
                earlier(e.id, &q.sha256.to_uppercase()).map(|f| f.path),
                Some(e.path)
            );
            let other = if e.id == "seraf" {
                "pan-cheshire"
            } else {
                "seraf"
            };
            assert!(earlier(other, &q.sha256).is_none());
            let name = format!("{}@{}", e.id, e.version);
            assert_eq!(earlier_named(&name).map(|f| f.path), Some(e.path));
        }
    }
}
