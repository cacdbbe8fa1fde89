//! Saved screenings on disk: atomic saves (mode 0600), default file names, what may be
//! replaced, a change detector, the one-writer lock ([`lock`]) and leftover temporary files
//! ([`leftovers`]). Reading one is [`crate::screening`]'s job.
//!
//! A screening is saved in the syntax its file name says ([`format_of`]): JSON for a `.json`
//! name, YAML for any other, so that every command reads it back as it was written.
//!
//! A save writes a temporary file in the target's directory, syncs it to disk, renames it
//! over the target and syncs the directory, so a crash or a killed process leaves either the
//! old file or the new one, never a torn one. Files are created readable by their owner only.
//! Only a regular, writable file is ever replaced; a symbolic link is resolved first by the
//! caller ([`resolve_link`]), so the record it points to is what changes.

pub mod leftovers;
pub mod lock;

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::answers::{Format, Screening};

pub use lock::{Holder, Lock, LockError};

/// The syntax a screening saved at `path` is written in: the one the readers expect from its
/// name ([`Format::detect`] on the name alone), so JSON for `.json` (any case) and YAML for
/// anything else. A YAML record starts with a comment, never `{`, so a name without a known
/// extension is read back as YAML too.
pub fn format_of(path: &Path) -> Format {
    Format::detect(Some(path), "")
}

/// Serializes a screening in `format`: see [`to_yaml`] and [`to_json`].
pub fn to_text(s: &Screening, format: Format) -> Result<String, String> {
    match format {
        Format::Yaml => to_yaml(s),
        Format::Json => to_json(s),
    }
}

/// Serializes a screening as JSON laid out as the examples are (two-space indent, one field a
/// line, a final newline), fields in the order of [`Screening`]. JSON has no comments, so
/// there is no header; hidden characters are written as `\uXXXX` escapes (the same value).
pub fn to_json(s: &Screening) -> Result<String, String> {
    let body = serde_json::to_string_pretty(s).map_err(|e| e.to_string())?;
    Ok(crate::text::json(body) + "\n")
}

/// Serializes a screening as YAML, with a comment saying what the file is.
pub fn to_yaml(s: &Screening) -> Result<String, String> {
    let body = serde_saphyr::to_string(s).map_err(|e| e.to_string())?;
    Ok(format!(
        "# cse-screen screening record: a case reference, never a child's name.\n\
         # Keep it where your agency keeps case records.\n{body}"
    ))
}

/// A failed write in plain words: what went wrong, not the system's error number.
pub fn write_error(e: &io::Error) -> String {
    if let Some(t) = too_large(e) {
        return t.to_string();
    }
    match e.kind() {
        io::ErrorKind::StorageFull => "the disk is full".to_owned(),
        io::ErrorKind::FileTooLarge => {
            "the file would be larger than this system allows".to_owned()
        }
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            "the folder cannot be written to (permission denied, or read-only)".to_owned()
        }
        io::ErrorKind::IsADirectory => "a folder of that name is in the way".to_owned(),
        io::ErrorKind::NotFound => "the folder does not exist".to_owned(),
        io::ErrorKind::InvalidFilename => {
            "the file name is too long for this system, or not allowed in a file name".to_owned()
        }
        _ => e.to_string(),
    }
}

/// What to do about a failed write of `what` (for example "a record"), by its cause: a name
/// that is too long is not a permission problem.
pub fn write_help(e: &io::Error) -> &'static str {
    if too_large(e).is_some() {
        return "shorten the longest note or text, then carry on";
    }
    match e.kind() {
        io::ErrorKind::InvalidFilename => "choose a shorter file name (--output FILE)",
        io::ErrorKind::StorageFull | io::ErrorKind::FileTooLarge => {
            "free some space, or write to another disk"
        }
        _ => "check that the folder exists and you can write to it",
    }
}

/// A record larger than an answers file may be ([`crate::input::ANSWERS`]): written, it
/// could not be resumed or scored.
#[derive(Debug)]
pub struct TooLarge {
    pub bytes: usize,
}

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the record would be {} bytes, more than the {} bytes an answers file may be, so it \
             could not be read back",
            self.bytes,
            crate::input::ANSWERS.max_bytes
        )
    }
}

impl std::error::Error for TooLarge {}

fn too_large(e: &io::Error) -> Option<&TooLarge> {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<TooLarge>())
}

/// Writes `s` to `path` atomically with mode 0600, in the syntax its name says
/// ([`format_of`]), and returns the fingerprint of what it wrote. Refuses to replace an
/// existing file unless `overwrite` is set.
pub fn save(path: &Path, s: &Screening, overwrite: bool) -> io::Result<Fingerprint> {
    let text = to_text(s, format_of(path)).map_err(io::Error::other)?;
    // A record that could not be read back is not written: the file keeps what it held.
    if u64::try_from(text.len()).unwrap_or(u64::MAX) > crate::input::ANSWERS.max_bytes {
        return Err(io::Error::other(TooLarge { bytes: text.len() }));
    }
    write_atomic(path, text.as_bytes(), overwrite)?;
    Ok(Fingerprint::of_bytes(text.as_bytes()))
}

/// Writes `bytes` to `path` through a temporary file in the same directory. With
/// `overwrite`, only a regular, writable file is replaced (see [`in_the_way`]).
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: bool) -> io::Result<()> {
    if overwrite && let Some(why) = in_the_way(path) {
        return Err(io::Error::other(why.to_string()));
    }
    let dir = folder_of(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(leftovers::PREFIX)
        .suffix(leftovers::SUFFIX)
        .tempfile_in(&dir)?;
    // Held while the copy exists, so the next run can tell a live save from a leftover
    // (see `leftovers`). Best effort: a folder without locks falls back on the file's age.
    let _ = tmp.as_file().try_lock();
    set_owner_only(tmp.as_file())?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    if overwrite {
        tmp.persist(path).map_err(|e| e.error)?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| e.error)?;
    }
    // Make the rename itself durable.
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The folder a file at `path` is saved in (`.` for a bare name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(unix)]
fn set_owner_only(file: &fs::File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn set_owner_only(_file: &fs::File) -> io::Result<()> {
    Ok(())
}

/// `path`, or the file it points to when it is a symbolic link (through any chain of
/// links). A save renames a new file over its target, and a rename over a link replaces the
/// link: resolving it first makes the save change the record the link points to. A link to
/// nothing is returned as it is (reading or replacing it then fails or is refused).
pub fn resolve_link(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// Why an existing file may not be replaced by a save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InTheWay {
    /// Not a regular file: a named pipe, a device, a folder, a socket or a link.
    NotRegular { path: PathBuf, kind: &'static str },
    /// A regular file that is read-only, or that this user may not write.
    ReadOnly { path: PathBuf },
}

impl std::fmt::Display for InTheWay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InTheWay::NotRegular { path, kind } => write!(
                f,
                "{} is {kind}, not a regular file; only a regular file is ever replaced",
                crate::text::shown_path(path)
            ),
            InTheWay::ReadOnly { path } => write!(
                f,
                "{} is read-only; a read-only file is never changed or replaced",
                crate::text::shown_path(path)
            ),
        }
    }
}

/// Why the existing file at `path` may not be replaced, or `None` if it may (or there is
/// none). Links are not followed: see [`resolve_link`]. Read-only means what the permission
/// bits say even for root, who could write it anyway: making a record read-only is how
/// someone says it must not change.
pub fn in_the_way(path: &Path) -> Option<InTheWay> {
    let meta = fs::symlink_metadata(path).ok()?;
    let kind = kind_of(&meta.file_type());
    if let Some(kind) = kind {
        return Some(InTheWay::NotRegular {
            path: path.to_path_buf(),
            kind,
        });
    }
    let denied = fs::OpenOptions::new()
        .write(true)
        .open(path)
        .is_err_and(|e| e.kind() == io::ErrorKind::PermissionDenied);
    (meta.permissions().readonly() || denied).then(|| InTheWay::ReadOnly {
        path: path.to_path_buf(),
    })
}

/// What a file that is not a regular file is, in words; `None` for a regular file.
fn kind_of(t: &fs::FileType) -> Option<&'static str> {
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    if t.is_symlink() {
        return Some("a symbolic link");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("a special file")
}

/// What a saved file held when it was last read or written: its length and sha256. A save
/// compares it with what is on disk now, so a file changed by anyone else since (an editor,
/// a sync tool, a writer that took no lock) is never overwritten silently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    sha256: [u8; 32],
}

/// Files bigger than this are not read to fingerprint them (a record is a few kilobytes;
/// answers files are limited to 1 MiB): they count as changed.
const FINGERPRINT_LIMIT: u64 = 16 * 1024 * 1024;

impl Fingerprint {
    /// The fingerprint of `bytes`.
    pub fn of_bytes(bytes: &[u8]) -> Fingerprint {
        Fingerprint {
            len: bytes.len() as u64,
            sha256: Sha256::digest(bytes).into(),
        }
    }

    /// The fingerprint of the regular file at `path` (links are not followed). Anything else
    /// (missing, replaced by a link or a pipe, too big) is an error: it is not the file saved.
    pub fn of_file(path: &Path) -> io::Result<Fingerprint> {
        let meta = fs::symlink_metadata(path)?;
        if !meta.is_file() || meta.len() > FINGERPRINT_LIMIT {
            return Err(io::Error::other("not the regular file that was saved"));
        }
        let mut bytes = Vec::new();
        fs::File::open(path)?
            .take(FINGERPRINT_LIMIT + 1)
            .read_to_end(&mut bytes)?;
        Ok(Fingerprint::of_bytes(&bytes))
    }
}

/// A free name beside `path` for answers that could not be saved to it:
/// `<stem>.unsaved-<n>.<ext>` with the record's own extension (`.json`, `.yaml` or `.yml`,
/// as written; `.yaml` for any other, as [`save`] writes YAML there), the first `n` from 1
/// that no file has. The copy is saved, and read back, as the record is, and
/// [`unsaved_copy_of`] names the record again. A stem too long for the copy's name to fit
/// in 255 bytes is cut short (found in review: a record whose own name fitted had a copy
/// whose name did not, and the answers were lost); that copy then names a shorter record.
pub fn beside(path: &Path) -> Option<PathBuf> {
    const NAME_MAX: usize = 255;
    let mut stem = path.file_stem()?.to_string_lossy().into_owned();
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .filter(|e| Format::of_extension(e).is_some())
        .unwrap_or("yaml");
    let room = NAME_MAX.saturating_sub(".unsaved-999.".len() + extension.len());
    if stem.len() > room {
        let mut cut = room;
        while !stem.is_char_boundary(cut) {
            cut -= 1;
        }
        stem.truncate(cut);
    }
    (1..1000)
        .map(|n| path.with_file_name(format!("{stem}.unsaved-{n}.{extension}")))
        .find(|p| fs::symlink_metadata(p).is_err())
}

/// For the name of a copy [`beside`] saves (`EX-1.unsaved-2.yaml`), the name of the record
/// it was meant for (`EX-1.yaml`); `None` for any other name.
pub fn unsaved_copy_of(name: &str) -> Option<String> {
    let (rest, extension) = name.rsplit_once('.')?;
    let (stem, n) = rest.rsplit_once(".unsaved-")?;
    let ours = Format::of_extension(extension).is_some();
    (ours && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && !stem.ends_with('/'))
        .then(|| format!("{stem}.{extension}"))
}

/// Default file names keep at most this many bytes of the case reference (a file name may
/// have 255 on most systems, and the name, its date, `.yaml` and the lock file's `.` and
/// `.lock` must fit).
pub const MAX_REFERENCE_IN_NAME: usize = 120;

/// `EX-0001-2026-11-24.yaml` from a case reference and a date: letters, digits, `-` and `_`
/// kept, anything else (spaces, slashes) replaced so the name is safe on every system. A
/// reference longer than [`MAX_REFERENCE_IN_NAME`] keeps its first 107 characters and adds
/// `-` and 12 hex digits of the sha256 of the whole reference, so the name still starts as
/// the reference does, two long references that differ only at the end get different names,
/// and saving never fails for a long reference.
pub fn default_file_name(case_reference: &str, date: &str) -> String {
    let reference = case_reference.trim();
    let clean: String = reference
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let clean = clean.trim_matches('_');
    let clean = if clean.is_empty() { "screening" } else { clean };
    if clean.len() <= MAX_REFERENCE_IN_NAME {
        return format!("{clean}-{date}.yaml");
    }
    let hash: String = Sha256::digest(reference.as_bytes())
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect();
    // `clean` is ASCII, so any byte index is a character boundary.
    let keep = MAX_REFERENCE_IN_NAME - 13;
    let prefix = clean[..keep].trim_end_matches('_');
    format!("{prefix}-{hash}-{date}.yaml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_beside_a_record_with_a_long_name_still_has_a_name_that_fits() {
        let dir = tempfile::tempdir().expect("tempdir");
        let long = format!("EX-{}.yaml", "7".repeat(240));
        let copy = beside(&dir.path().join(&long)).expect("a name");
        let name = copy.file_name().expect("name").len();
        assert!(name <= 255, "{name}");
        assert!(
            copy.to_string_lossy().ends_with(".unsaved-1.yaml"),
            "{copy:?}"
        );
        fs::write(&copy, "saved").expect("a name that fits can be written");
        // A multi-byte character at the cut is not split.
        let wide = format!("EX-{}.json", "é".repeat(125));
        let copy = beside(&dir.path().join(&wide)).expect("a name");
        assert!(copy.file_name().expect("name").len() <= 255);
        assert!(
            copy.to_string_lossy().ends_with(".unsaved-1.json"),
            "{copy:?}"
        );
        // A short name is kept whole.
        let short = beside(&dir.path().join("EX-1.yaml")).expect("a name");
        assert_eq!(short, dir.path().join("EX-1.unsaved-1.yaml"));
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(
            default_file_name("EX-0001", "2026-11-24"),
            "EX-0001-2026-11-24.yaml"
        );
        assert_eq!(
            default_file_name(" ../a b/c ", "2026-11-24"),
            "a_b_c-2026-11-24.yaml"
        );
        assert_eq!(
            default_file_name("///", "2026-11-24"),
            "screening-2026-11-24.yaml"
        );
    }

    #[test]
    fn long_references_are_shortened_readably_and_uniquely() {
        let long = "EX-".to_owned() + &"7".repeat(297);
        let other = "EX-".to_owned() + &"7".repeat(296) + "8";
        let a = default_file_name(&long, "2026-11-24");
        let b = default_file_name(&other, "2026-11-24");
        assert_ne!(a, b, "references that differ only at the end keep apart");
        assert!(a.starts_with("EX-777"), "{a}");
        assert!(a.ends_with("-2026-11-24.yaml"), "{a}");
        assert_eq!(a.len(), MAX_REFERENCE_IN_NAME + "-2026-11-24.yaml".len());
        assert!(lock::lock_file_of(Path::new(&a)).as_os_str().len() < 255);
        // At the limit, nothing changes.
        let edge = "E".repeat(MAX_REFERENCE_IN_NAME);
        assert_eq!(
            default_file_name(&edge, "2026-11-24"),
            format!("{edge}-2026-11-24.yaml")
        );
    }

    /// A record an answers file could not hold is not written, and the file keeps what it
    /// held (found in review: a 1.2 MB note was saved, and the record could no longer be
    /// resumed or scored).
    #[test]
    fn a_record_larger_than_an_answers_file_may_be_is_not_written() {
        let text = "format: 1\nquestionnaire: {id: example-minimal, version: 0.1.0, sha256: \
                    5ae06a39d265ff2ea141a259c924bf5f8e192e5fd74808f6288ce20f11265c6b}\n\
                    screening: {case_reference: EX-0001, date: 2026-11-20, practitioner: A. \
                    Example, agency: Example Academy, status: in_progress}\n";
        let mut s = crate::answers::parse::parse(text, Format::Yaml).expect("valid");
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("EX-0001.yaml");
        save(&path, &s, false).expect("a small record saves");
        let before = fs::read(&path).expect("read");
        s.screening.agency = "a".repeat(1024 * 1024);
        let e = save(&path, &s, true).expect_err("refused");
        let said = write_error(&e);
        assert!(said.starts_with("the record would be 10"), "{said}");
        assert!(
            said.ends_with(
                " bytes, more than the 1048576 bytes an answers file may be, so it could not be \
                 read back"
            ),
            "{said}"
        );
        assert_eq!(
            write_help(&e),
            "shorten the longest note or text, then carry on"
        );
        assert_eq!(fs::read(&path).expect("read"), before);
        assert_eq!(
            fs::read_dir(dir.path()).expect("list").count(),
            1,
            "no copy left"
        );
    }

    #[test]
    fn fingerprints_tell_a_changed_file_from_the_one_saved() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("x.yaml");
        write_atomic(&path, b"one", false).expect("save");
        let saved = Fingerprint::of_bytes(b"one");
        assert_eq!(Fingerprint::of_file(&path).expect("read"), saved);
        fs::write(&path, b"two").expect("write");
        assert_ne!(Fingerprint::of_file(&path).expect("read"), saved);
        fs::remove_file(&path).expect("remove");
        assert!(Fingerprint::of_file(&path).is_err());
        assert_eq!(beside(&path), Some(dir.path().join("x.unsaved-1.yaml")));
    }

    fn examples() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/answers")
    }

    /// Reads `path` back as every command does: the syntax by its name, then the parse.
    fn read_back(path: &Path) -> Screening {
        let text = fs::read_to_string(path).expect("read");
        crate::answers::parse(&text, Format::detect(Some(path), &text)).expect("parses")
    }

    #[test]
    fn a_screening_is_saved_in_the_syntax_its_name_says() {
        assert_eq!(format_of(Path::new("EX-0001.json")), Format::Json);
        assert_eq!(format_of(Path::new("EX-0001.JSON")), Format::Json);
        assert_eq!(format_of(Path::new("EX-0001.yaml")), Format::Yaml);
        assert_eq!(format_of(Path::new("EX-0001.yml")), Format::Yaml);
        assert_eq!(format_of(Path::new("EX-0001")), Format::Yaml);
        let example = examples().join("oxfordshire-01-low-vulnerabilities-only.json");
        let original = fs::read_to_string(&example).expect("example");
        let s = crate::answers::parse(&original, Format::Json).expect("example parses");
        let dir = tempfile::tempdir().expect("tempdir");
        for (name, first) in [("x.json", '{'), ("x.yaml", '#'), ("x", '#')] {
            let path = dir.path().join(name);
            let written = save(&path, &s, false).expect("save");
            assert_eq!(
                Fingerprint::of_file(&path).expect("read"),
                written,
                "{name}"
            );
            let text = fs::read_to_string(&path).expect("read");
            assert!(text.starts_with(first), "{name}:\n{text}");
            assert_eq!(
                read_back(&path),
                s,
                "{name} reads back as the screening saved"
            );
        }
        // Laid out as the JSON examples are: two-space indent, a final newline, so that
        // the example itself is written back byte for byte.
        assert_eq!(
            fs::read_to_string(dir.path().join("x.json")).expect("read"),
            original
        );
    }

    #[test]
    fn every_example_and_hidden_characters_round_trip_through_json_and_yaml() {
        let mut screenings = Vec::new();
        for entry in fs::read_dir(examples()).expect("examples") {
            let path = entry.expect("entry").path();
            if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml")
            ) {
                screenings.push(read_back(&path));
            }
        }
        assert!(screenings.len() > 20, "the examples were found");
        // A note with what JSON and YAML must escape or keep: quotes, a backslash, line
        // ends, a tab, a zero-width space, a line separator and a right-to-left override.
        let mut odd = screenings[0].clone();
        let (_, entry) = odd.answers.0.first_mut().expect("an answer");
        entry.note = Some(
            "\"quoted\" \\ back\nslash\r\n\ttab \u{200b}zero\u{2028}line \u{202e}rtl: {x}"
                .to_owned(),
        );
        screenings.push(odd);
        let dir = tempfile::tempdir().expect("tempdir");
        for (n, s) in screenings.iter().enumerate() {
            for name in [format!("{n}.json"), format!("{n}.yaml")] {
                let path = dir.path().join(&name);
                save(&path, s, false).expect("save");
                assert_eq!(&read_back(&path), s, "{name}");
            }
        }
        let json = fs::read_to_string(dir.path().join(format!("{}.json", screenings.len() - 1)))
            .expect("read");
        assert!(
            json.contains("\\u200b") && json.contains("\\u202e") && json.is_ascii(),
            "hidden characters are escaped: {json}"
        );
    }

    #[test]
    fn a_copy_beside_a_record_keeps_its_syntax() {
        let dir = tempfile::tempdir().expect("tempdir");
        let json = dir.path().join("EX-0001.json");
        assert_eq!(
            beside(&json),
            Some(dir.path().join("EX-0001.unsaved-1.json"))
        );
        assert_eq!(
            beside(&dir.path().join("EX-0001.JSON")),
            Some(dir.path().join("EX-0001.unsaved-1.JSON"))
        );
        fs::write(dir.path().join("EX-0001.unsaved-1.json"), "{}").expect("write");
        assert_eq!(
            beside(&json),
            Some(dir.path().join("EX-0001.unsaved-2.json"))
        );
        for (record, copy) in [
            ("EX-0001.yaml", "EX-0001.unsaved-1.yaml"),
            ("EX-0001.YAML", "EX-0001.unsaved-1.YAML"),
            ("EX-0001.yml", "EX-0001.unsaved-1.yml"),
            ("EX-0001", "EX-0001.unsaved-1.yaml"),
        ] {
            assert_eq!(
                beside(&dir.path().join(record)),
                Some(dir.path().join(copy)),
                "{record}"
            );
        }
    }

    #[test]
    fn a_copy_s_name_gives_back_the_record_it_was_meant_for() {
        let dir = tempfile::tempdir().expect("tempdir");
        for record in [
            "EX-0001.yaml",
            "EX-0001.yml",
            "EX-0001.Json",
            "a.b/EX.unsaved.json",
        ] {
            let path = dir.path().join(record);
            let copy = beside(&path).expect("a free name");
            assert_eq!(
                unsaved_copy_of(&copy.to_string_lossy()),
                Some(path.to_string_lossy().into_owned()),
                "{record}"
            );
        }
        for other in [
            "EX-0001.yaml",
            "EX-0001.unsaved-.yaml",
            "EX-0001.unsaved-1x.yaml",
            "EX-0001.unsaved-1.txt",
            "dir/.unsaved-1.yaml",
        ] {
            assert_eq!(unsaved_copy_of(other), None, "{other}");
        }
    }

    #[test]
    fn only_regular_writable_files_may_be_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("x.md");
        assert_eq!(in_the_way(&path), None, "no file: nothing in the way");
        fs::write(&path, "x").expect("write");
        assert_eq!(in_the_way(&path), None);
        let mut perms = fs::metadata(&path).expect("meta").permissions();
        perms.set_readonly(true);
        fs::set_permissions(&path, perms).expect("chmod");
        // Even for root, who could write it: read-only says it must not change.
        assert_eq!(
            in_the_way(&path),
            Some(InTheWay::ReadOnly { path: path.clone() })
        );
        assert!(write_atomic(&path, b"y", true).is_err());
        assert_eq!(fs::read(&path).expect("read"), b"x");
        assert_eq!(
            in_the_way(dir.path()).map(|w| w.to_string()),
            Some(format!(
                "{} is a folder, not a regular file; only a regular file is ever replaced",
                dir.path().display()
            ))
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_are_resolved_to_the_record_they_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real.yaml");
        fs::write(&real, "x").expect("write");
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        assert_eq!(resolve_link(&link), real.canonicalize().expect("canonical"));
        assert_eq!(resolve_link(&real), real);
        let dangling = dir.path().join("dangling.yaml");
        std::os::unix::fs::symlink(dir.path().join("none"), &dangling).expect("symlink");
        assert_eq!(resolve_link(&dangling), dangling);
        assert!(matches!(
            in_the_way(&dangling),
            Some(InTheWay::NotRegular {
                kind: "a symbolic link",
                ..
            })
        ));
    }

    #[test]
    fn saves_atomically_with_owner_only_mode_and_never_clobbers() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("x.yaml");
        write_atomic(&path, b"one", false).expect("first save");
        assert!(
            write_atomic(&path, b"two", false).is_err(),
            "an existing file is not overwritten"
        );
        assert_eq!(fs::read(&path).expect("read"), b"one");
        write_atomic(&path, b"three", true).expect("overwrite");
        assert_eq!(fs::read(&path).expect("read"), b"three");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&path).expect("meta").permissions().mode() & 0o777,
                0o600
            );
        }
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "no temporary files left behind");
    }

    #[test]
    fn a_failed_save_leaves_the_previous_file_intact() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("x.yaml");
        write_atomic(&path, b"kept", false).expect("save");
        // A directory where the temporary file's directory should be: the write cannot happen.
        let bad = dir.path().join("missing-dir").join("x.yaml");
        assert!(write_atomic(&bad, b"lost", true).is_err());
        assert_eq!(fs::read(&path).expect("read"), b"kept");
    }
}
