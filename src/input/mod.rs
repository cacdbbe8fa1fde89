//! Untrusted input files: size limits, YAML budgets and format versions, all enforced before
//! or while parsing, so no file (a 50 MB export, `/dev/zero`, an alias bomb) can exhaust
//! memory or time.
//!
//! Every file a user supplies comes in through here: read within its size limit, the
//! byte-order mark dropped, an empty file named as such, and YAML parsed with the project's
//! budgets and options, its errors worded for the file's author ([`wording`]).
//!
//! The limits are documented in docs/questionnaire-format.md, docs/answers-format.md and the
//! README. A file over its size limit is refused from its size on disk before it is read, and
//! a stream (standard input, a pipe, a device) is read only up to one byte past the limit.

pub mod plain_yaml;
pub mod refused;
pub mod wording;

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use serde::Deserialize;
use serde_saphyr::{Options, Spanned};

use crate::diagnostic::{Position, Problem};

/// One kind of input file: how large it may be and how much YAML structure it may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Files larger than this are refused before parsing.
    pub max_bytes: u64,
    /// "questionnaire", "answers file": for messages.
    pub name: &'static str,
    /// The same with its article, "a questionnaire".
    pub what: &'static str,
    /// Where the format (and its limits) are documented.
    pub docs: &'static str,
    /// What the first line of such a file holds, for the message about an empty one.
    pub starts_with: &'static str,
    /// YAML: the most values (scalars, lists and maps) a file may hold.
    pub max_nodes: usize,
    /// YAML: the deepest nesting of lists and maps.
    pub max_depth: usize,
    /// YAML: the most values that `*alias` references may copy in, in all.
    pub max_alias_copies: usize,
}

/// Questionnaires: 4 MiB. The bundled ones are about 45 KB.
pub const QUESTIONNAIRE: Limits = Limits {
    max_bytes: 4 * 1024 * 1024,
    name: "questionnaire",
    what: "a questionnaire",
    docs: "docs/questionnaire-format.md",
    starts_with: "format: 1",
    max_nodes: 250_000,
    max_depth: 64,
    max_alias_copies: 20_000,
};

/// Answers files (one screening): 1 MiB. A complete screening is about 3 KB.
pub const ANSWERS: Limits = Limits {
    max_bytes: 1024 * 1024,
    name: "answers file",
    what: "an answers file",
    docs: "docs/answers-format.md",
    starts_with: "questionnaire:",
    max_nodes: 100_000,
    max_depth: 16,
    max_alias_copies: 10_000,
};

/// Phrase lists for the wording check: 1 MiB. The built-in one is about 40 KB.
pub const PHRASES: Limits = Limits {
    max_bytes: 1024 * 1024,
    name: "phrase list",
    what: "a phrase list",
    docs: "docs/language.md",
    starts_with: "format: 1",
    max_nodes: 100_000,
    max_depth: 16,
    max_alias_copies: 10_000,
};

impl Limits {
    /// The serde-saphyr options that enforce these limits while parsing.
    pub fn yaml_options(&self) -> Options {
        serde_saphyr::options! {
            budget: serde_saphyr::budget! {
                max_nodes: self.max_nodes,
                max_events: self.max_nodes.saturating_mul(4),
                max_depth: self.max_depth,
                flow_nesting_limit: self.max_depth,
                max_documents: 1,
                max_aliases: self.max_alias_copies / 10,
                max_anchors: self.max_alias_copies / 10,
                max_recorded_anchor_events: self.max_alias_copies,
                max_total_scalar_bytes: self.max_text_bytes(),
                max_recorded_anchor_bytes: self.max_text_bytes(),
            },
            // `<<` merges expand outside the alias limits: a 4 KB file of them took seconds.
            merge_keys: serde_saphyr::MergeKeyPolicy::Error,
            // YAML 1.2 core typing, as editors (yaml-language-server) read the file: only
            // `true`/`false` are booleans, so `answer: yes` is the text "yes", and a plain
            // number or boolean where text is expected must be quoted (`version: "1.0"`).
            // The file then means the same to cse-screen, to the JSON Schema and to the
            // editor (docs/decisions.md, section 11).
            strict_booleans: true,
            no_schema: true,
            // YAML 1.1 number spellings are not numbers in YAML 1.2 core, nor to an editor:
            // `1_2` is text, and `012` (octal 10 to a YAML 1.1 reader) is not read as a
            // number either, where a number or text may be (an age, a count).
            underscored_numbers_as_strings: true,
            leading_zero_numbers_as_strings: true,
            alias_limits: serde_saphyr::alias_limits! {
                max_total_replayed_events: self.max_alias_copies,
                max_replay_stack_depth: 16,
            },
        }
    }

    /// YAML: the most text the scalars may hold in all, counting text copied by aliases:
    /// eight times the largest file.
    pub fn max_text_bytes(&self) -> usize {
        usize::try_from(self.max_bytes.saturating_mul(8)).unwrap_or(usize::MAX)
    }

    /// Parses YAML `text` as a `T` within these limits, with the project's options. Every
    /// YAML parse of a user's file goes through here (or [`Limits::parse_yaml`]).
    pub fn from_yaml<T: serde::de::DeserializeOwned>(
        &self,
        text: &str,
    ) -> Result<T, serde_saphyr::Error> {
        let text = strip_bom(text);
        self.nothing_refused(text)?;
        self.read_yaml(text)
    }

    /// `text` (without its byte-order mark) read by serde-saphyr with the project's options,
    /// once it is known to hold nothing [`refused`].
    fn read_yaml<T: serde::de::DeserializeOwned>(
        &self,
        text: &str,
    ) -> Result<T, serde_saphyr::Error> {
        serde_saphyr::from_str_with_options(text, self.yaml_options())
    }

    /// An error when `text` holds a YAML tag or a number only YAML 1.1 reads ([`refused`]):
    /// neither is read. [`Limits::parse_yaml`] reports it in its place.
    fn nothing_refused(&self, text: &str) -> Result<(), serde_saphyr::Error> {
        match refused::first_refused(text, self) {
            None => Ok(()),
            Some(p) => Err(serde::de::Error::custom(p.message)),
        }
    }

    /// As [`Limits::from_yaml`], but serde-saphyr does not look for a key written twice, so
    /// `T` must refuse one in every map itself: serde's derive does for a struct's fields,
    /// [`crate::answers::OrderedMap`] for a map. serde-saphyr's check hashes every key of
    /// every mapping, a tenth of reading an answers file. Only for `Screening`, whose every
    /// map is proven to refuse a repeat (`tests/answers.rs`, `a_key_written_twice_in_any_map`);
    /// the caller reads a file that fails again with [`Limits::parse_yaml`], for the message.
    pub fn from_yaml_repeats_left_to_type<T: serde::de::DeserializeOwned>(
        &self,
        text: &str,
    ) -> Result<T, serde_saphyr::Error> {
        let text = strip_bom(text);
        self.nothing_refused(text)?;
        let mut options = self.yaml_options();
        options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
        serde_saphyr::from_str_with_options(text, options)
    }

    /// `text` as a `T` read by the quick reader for plain YAML ([`plain_yaml`]), or `None`
    /// where it cannot vouch that serde-saphyr would read the same: the caller then reads
    /// the file with serde-saphyr. Like [`Limits::from_yaml_repeats_left_to_type`], only for
    /// `Screening`, whose every map refuses a repeated key itself.
    pub fn from_plain_yaml<T: serde::de::DeserializeOwned>(&self, text: &str) -> Option<T> {
        plain_yaml::read(strip_bom(text), self)
    }

    /// As [`Limits::from_yaml`], with an error as a located problem in the author's words.
    pub fn parse_yaml<T: serde::de::DeserializeOwned>(&self, text: &str) -> Result<T, Problem> {
        let text = strip_bom(text);
        if let Some(refused) = refused::first_refused(text, self) {
            return Err(refused);
        }
        self.read_yaml(text)
            .map_err(|e| wording::yaml_problem(&e, text, self))
    }

    /// The problem with a file that holds nothing: only blank lines, or (in YAML) comments.
    pub fn empty(&self, text: &str, yaml: bool) -> Option<Problem> {
        let blank = |l: &str| l.trim().is_empty() || (yaml && l.trim_start().starts_with('#'));
        // YAML ends a line (and so a comment) at a lone carriage return too.
        strip_bom(text).split(['\n', '\r']).all(blank).then(|| {
            Problem::new(None, "the file is empty").help(format!(
                "{} starts with `{}`; see {}",
                self.what, self.starts_with, self.docs
            ))
        })
    }

    /// The problem for a file over the size limit.
    pub fn too_large(&self) -> Problem {
        Problem::new(
            None,
            format!(
                "the file is larger than {} ({} bytes), the limit for {}",
                size(self.max_bytes),
                thousands(self.max_bytes),
                self.what
            ),
        )
        .help(format!(
            "check that this is the file you meant; the limits are in {}",
            self.docs
        ))
    }
}

/// `YYYY-MM-DD` in ASCII digits: the shape of a date in the project's files (whether it is
/// a day of the calendar is the caller's question).
pub fn date_shaped(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// Text with its byte-order mark, if any, removed (an editor on Windows may write one).
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Why a file gave nothing to use. The one failure of every reader: questionnaires, saved
/// screenings, phrase lists, standard input.
#[derive(Debug)]
pub enum Failure {
    /// It could not be read (missing, a directory, no permission, a link loop): why, in words.
    Unreadable(String),
    /// It was read but refused (too large, not UTF-8, not valid): every problem found.
    Invalid(Vec<Problem>),
}

impl From<Problem> for Failure {
    fn from(p: Problem) -> Failure {
        Failure::Invalid(vec![p])
    }
}

impl From<Vec<Problem>> for Failure {
    fn from(problems: Vec<Problem>) -> Failure {
        Failure::Invalid(problems)
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Unreadable(io_message(&e))
    }
}

/// The text of the file at `path`, refused before reading when its size on disk is over the
/// limit, and never read past the limit (a device or a file still growing).
pub fn read_file(path: &Path, limits: &Limits) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    read_file_into(path, limits, &mut bytes)?;
    into_text(bytes, limits)
}

/// As [`read_file`], into `bytes` (cleared first): a batch reads every file into one buffer
/// instead of allocating one per file.
pub fn read_file_text<'b>(
    path: &Path,
    limits: &Limits,
    bytes: &'b mut Vec<u8>,
) -> Result<&'b str, Failure> {
    read_file_into(path, limits, bytes)?;
    std::str::from_utf8(bytes).map_err(|e| not_utf8(bytes, e.valid_up_to(), limits))
}

fn read_file_into(path: &Path, limits: &Limits, bytes: &mut Vec<u8>) -> Result<(), Failure> {
    let file = fs::File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(io::Error::from(io::ErrorKind::IsADirectory).into());
    }
    if meta.len() > limits.max_bytes {
        return Err(limits.too_large().into());
    }
    bytes.clear();
    read_into(
        file,
        limits,
        usize::try_from(meta.len()).unwrap_or(0),
        bytes,
    )
}

/// The text read from `reader` (a file, standard input, a pipe), at most the limit;
/// `expected` is the size if known, so one allocation takes it all.
pub fn read_stream(reader: impl Read, limits: &Limits, expected: usize) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    read_into(reader, limits, expected, &mut bytes)?;
    into_text(bytes, limits)
}

/// Appends what `reader` holds to `bytes`, at most the limit.
fn read_into(
    reader: impl Read,
    limits: &Limits,
    expected: usize,
    bytes: &mut Vec<u8>,
) -> Result<(), Failure> {
    bytes.reserve(expected.saturating_add(1));
    reader
        .take(limits.max_bytes.saturating_add(1))
        .read_to_end(bytes)?;
    if bytes.len() as u64 > limits.max_bytes {
        return Err(limits.too_large().into());
    }
    Ok(())
}

fn into_text(bytes: Vec<u8>, limits: &Limits) -> Result<String, Failure> {
    String::from_utf8(bytes)
        .map_err(|e| not_utf8(e.as_bytes(), e.utf8_error().valid_up_to(), limits))
}

/// The problem with a file whose bytes are not UTF-8 from offset `at`.
fn not_utf8(bytes: &[u8], at: usize, limits: &Limits) -> Failure {
    let text = String::from_utf8_lossy(&bytes[..at]);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Problem::new(
        Some(Position {
            line: line as u64,
            column: column as u64,
        }),
        format!("the file is not UTF-8 text (invalid byte at offset {at})"),
    )
    .help(format!(
        "save it as UTF-8 text; {} is YAML or JSON, never a word-processor or binary file",
        limits.what
    ))
    .into()
}

/// An I/O error in plain words.
pub fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied: it cannot be read".to_owned(),
        io::ErrorKind::IsADirectory => "it is a directory".to_owned(),
        _ if is_link_loop(e) => "a symbolic link loop: it leads back to itself".to_owned(),
        _ => format!("cannot read it: {e}"),
    }
}

/// ELOOP, too many levels of symbolic links (std has no stable error kind for it yet).
fn is_link_loop(e: &io::Error) -> bool {
    const ELOOP: i32 = if cfg!(any(
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd"
    )) {
        62
    } else {
        40
    };
    cfg!(unix) && e.raw_os_error() == Some(ELOOP)
}

/// `4 MiB`, `1 MiB`, `512 KiB`.
fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 && bytes.is_multiple_of(1024 * 1024) {
        format!("{} MiB", bytes / (1024 * 1024))
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// `1,048,576`.
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The `format:` line of a file, whatever else is in it.
#[derive(Deserialize)]
struct FormatLine {
    format: Option<Spanned<serde::de::IgnoredAny>>,
}

/// When `text` declares a `format:` other than `supported`, the one problem to report:
/// whatever else fails to parse in a file for a newer format most likely belongs to it.
pub fn unsupported_format(text: &str, supported: u64, limits: &Limits) -> Option<Problem> {
    let line = limits.from_yaml::<FormatLine>(text).ok()?.format?;
    let position = Position::of(&line.referenced);
    // The value as written, read apart from its place so any scalar (`2`, `"2"`) is seen.
    let written = position.and_then(|p| scalar_at(text, p))?;
    let found: i64 = written.trim_matches(['"', '\'']).parse().ok()?;
    format_problem(found, position, supported, limits)
}

/// The problem with a file of format `found`, written at `position`, when this build reads
/// only format `supported`; `None` when they are the same.
pub fn format_problem(
    found: i64,
    position: Option<Position>,
    supported: u64,
    limits: &Limits,
) -> Option<Problem> {
    match u64::try_from(found) {
        // Every format up to the newest is read.
        Ok(found) if (1..=supported).contains(&found) => None,
        Ok(found) if found > supported => Some(
            Problem::new(
                position,
                format!(
                    "this {} was made by a newer cse-screen: it is format {found}, and this \
                     cse-screen reads format {supported}",
                    limits.name
                ),
            )
            .help("upgrade cse-screen to a version that reads it; the file was not changed"),
        ),
        _ => Some(
            Problem::new(position, format!("format {found} does not exist"))
                // Format 1 is read by every version.
                .help(format!("write `format: 1`; see {}", limits.docs)),
        ),
    }
}

/// The plain scalar written at `pos` in `text` (up to a comma, bracket, brace, or comment).
pub fn scalar_at(text: &str, pos: Position) -> Option<&str> {
    let line = text
        .lines()
        .nth(usize::try_from(pos.line).ok()?.checked_sub(1)?)?;
    let start = line
        .char_indices()
        .nth(usize::try_from(pos.column).ok()?.checked_sub(1)?)
        .map(|(i, _)| i)?;
    let rest = &line[start..];
    let end = rest.find([',', ']', '}', '#']).unwrap_or(rest.len());
    Some(rest[..end].trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_with_old_mac_line_ends_is_empty_only_if_every_line_is() {
        let text = "# a record\r# of a screening\rformat: 1\r";
        assert!(ANSWERS.empty(text, true).is_none());
        assert!(ANSWERS.empty(&text.replace('\r', "\r\n"), true).is_none());
        assert!(ANSWERS.empty("# only\r  # comments\r\r", true).is_some());
        assert!(ANSWERS.empty("\r\n \r", false).is_some());
    }

    #[test]
    fn files_read_into_one_buffer_each_give_only_their_own_text() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (long, short, bad) = (
            dir.path().join("long.yaml"),
            dir.path().join("short.yaml"),
            dir.path().join("bad.yaml"),
        );
        std::fs::write(&long, "a: 1\nb: 2\nc: 3\n").expect("write");
        std::fs::write(&short, "d: 4\n").expect("write");
        std::fs::write(&bad, b"e: \xff\n").expect("write");
        let mut bytes = Vec::new();
        assert_eq!(
            read_file_text(&long, &ANSWERS, &mut bytes).ok(),
            Some("a: 1\nb: 2\nc: 3\n")
        );
        assert_eq!(
            read_file_text(&short, &ANSWERS, &mut bytes).ok(),
            Some("d: 4\n")
        );
        let Err(Failure::Invalid(p)) = read_file_text(&bad, &ANSWERS, &mut bytes) else {
            panic!("not UTF-8, yet read");
        };
        assert!(p[0].message.contains("offset 3"), "{}", p[0].message);
        assert_eq!(
            read_file_text(&short, &ANSWERS, &mut bytes).ok(),
            Some("d: 4\n")
        );
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size(4 * 1024 * 1024), "4 MiB");
        assert_eq!(size(512 * 1024), "512 KiB");
        assert_eq!(size(1000), "1000 bytes");
        assert_eq!(thousands(1_048_576), "1,048,576");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
    }

    #[test]
    fn a_stream_is_read_no_further_than_the_limit() {
        let small = Limits {
            max_bytes: 10,
            ..ANSWERS
        };
        // An endless stream stops one byte past the limit.
        let refused = read_stream(io::repeat(b'a'), &small, 0);
        assert!(
            matches!(refused, Err(Failure::Invalid(p)) if p[0].message.contains("larger than 10 bytes"))
        );
        assert_eq!(
            read_stream(&b"0123456789"[..], &small, 10).ok().as_deref(),
            Some("0123456789")
        );
    }

    #[test]
    fn invalid_utf8_is_located() {
        let Err(Failure::Invalid(p)) = read_stream(&b"a: 1\nb: \xff\n"[..], &ANSWERS, 0) else {
            panic!("invalid UTF-8 accepted");
        };
        let p = &p[0];
        assert_eq!(p.position, Some(Position { line: 2, column: 4 }));
        assert!(p.message.contains("offset 8"), "{}", p.message);
    }

    #[test]
    fn a_newer_format_is_named_and_older_ones_pass() {
        let newer = unsupported_format("format: 2\nfuture_field: x\n", 1, &ANSWERS);
        let newer = newer.map(|p| (p.position, p.message));
        assert_eq!(
            newer,
            Some((
                Some(Position { line: 1, column: 9 }),
                "this answers file was made by a newer cse-screen: it is format 2, and this \
                 cse-screen reads format 1"
                    .to_owned()
            ))
        );
        assert!(unsupported_format("format: 1\n", 1, &ANSWERS).is_none());
        assert!(unsupported_format("{\"format\": \"3\"}", 1, &ANSWERS).is_some());
        assert!(unsupported_format("no_format: 1\n", 1, &ANSWERS).is_none());
        assert!(unsupported_format("format: 0\n", 1, &ANSWERS).is_some());
        assert!(unsupported_format("format: one\n", 1, &ANSWERS).is_none());
    }
}
