//! Saved screenings on disk: atomic saves (mode 0600) and default file names. Reading one
//! is [`crate::screening`]'s job.
//!
//! A save writes a temporary file in the target's directory, syncs it to disk, renames it
//! over the target and syncs the directory, so a crash or a killed process leaves either the
//! old file or the new one, never a torn one. Files are created readable by their owner only.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::answers::Screening;

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
        _ => e.to_string(),
    }
}

/// Writes `s` to `path` atomically with mode 0600. Refuses to replace an existing file
/// unless `overwrite` is set.
pub fn save(path: &Path, s: &Screening, overwrite: bool) -> io::Result<()> {
    let text = to_yaml(s).map_err(io::Error::other)?;
    write_atomic(path, text.as_bytes(), overwrite)
}

/// Writes `bytes` to `path` through a temporary file in the same directory.
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".cse-screen-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
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

#[cfg(unix)]
fn set_owner_only(file: &fs::File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn set_owner_only(_file: &fs::File) -> io::Result<()> {
    Ok(())
}

/// `EX-0001-2026-11-24.yaml` from a case reference and a date: letters, digits, `-` and `_`
/// kept, anything else (spaces, slashes) replaced so the name is safe on every system.
pub fn default_file_name(case_reference: &str, date: &str) -> String {
    let clean: String = case_reference
        .trim()
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
    format!("{clean}-{date}.yaml")
}

#[cfg(test)]
mod tests {
    use super::*;

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
