//! Temporary copies left by a save that was killed part-way: found on the next write in the
//! same folder and removed, when no live process is writing them.
//!
//! A save writes `.cse-screen-XXXXXX.tmp` (mode 0600) and renames it over the record. A
//! process killed between the two (SIGKILL, a power cut) leaves that file: a whole screening
//! in a hidden file. Nothing can delete a file when its process is killed, so the next
//! `screen` or `report -o` in that folder looks for them. A saving process holds an advisory
//! lock on its temporary file (see [`super::write_atomic`]); a leftover is one that nobody
//! holds and that is older than [`STALE_AFTER`] (a save takes milliseconds; the age covers
//! the instant between creating the file and locking it, and savers that do not lock, such
//! as older versions). It is removed, and the user is told; one that cannot be removed is
//! reported with the command that removes it. A killed writer's lock file (which holds only
//! a process id, host and time) is removed quietly the same way.

use std::fs::{self, File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How old an unlocked temporary file must be to count as left over.
pub const STALE_AFTER: Duration = Duration::from_secs(60);

/// The start and end of a temporary file's name (the middle is tempfile's random letters).
pub const PREFIX: &str = ".cse-screen-";
pub const SUFFIX: &str = ".tmp";

/// A leftover temporary file, and what was done with it.
#[derive(Debug)]
pub struct Leftover {
    pub path: PathBuf,
    /// `None` when it was removed; otherwise why it could not be.
    pub not_removed: Option<io::Error>,
}

/// Removes the leftover temporary files in `dir` (none if the folder cannot be read).
pub fn sweep(dir: &Path) -> Vec<Leftover> {
    sweep_at(dir, SystemTime::now())
}

fn sweep_at(dir: &Path, now: SystemTime) -> Vec<Leftover> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_temp_name(&name) {
            found.push(entry.path());
        } else if name.starts_with('.') && name.ends_with(".lock") {
            // The lock file of a writer that was killed: no child's details, removed quietly.
            super::lock::clear_stale(&entry.path());
        }
    }
    found.sort();
    found
        .into_iter()
        .filter_map(|path| {
            let file = stale(&path, now)?;
            // Removed while locked, so no saver can pick it up in between.
            let not_removed = fs::remove_file(&path).err();
            drop(file);
            Some(Leftover { path, not_removed })
        })
        .collect()
}

/// A name tempfile gives our temporary files: the prefix, letters and digits, the suffix.
/// Anything else is not ours, and its name is never echoed.
fn is_temp_name(name: &str) -> bool {
    name.strip_prefix(PREFIX)
        .and_then(|rest| rest.strip_suffix(SUFFIX))
        .is_some_and(|mid| !mid.is_empty() && mid.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The file at `path`, locked, when it is a regular file that is old enough and that no
/// process holds; `None` otherwise.
fn stale(path: &Path, now: SystemTime) -> Option<File> {
    let meta = fs::symlink_metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    let age = now.duration_since(meta.modified().ok()?).ok()?;
    if age < STALE_AFTER {
        return None;
    }
    let file = File::open(path).ok()?;
    match file.try_lock() {
        Ok(()) => Some(file),
        Err(TryLockError::WouldBlock | TryLockError::Error(_)) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn old(path: &Path, text: &str) {
        fs::write(path, text).expect("write");
        let file = File::options().write(true).open(path).expect("open");
        file.set_modified(SystemTime::now() - Duration::from_secs(600))
            .expect("set mtime");
    }

    #[test]
    fn old_unheld_temporary_files_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        old(&d.join(".cse-screen-Ab3xYz.tmp"), "case_reference: EX-0001");
        old(&d.join(".cse-screen-held01.tmp"), "held");
        fs::write(d.join(".cse-screen-new001.tmp"), "just written").expect("write");
        old(&d.join(".cse-screen-\u{1b}[2J.tmp"), "not our name");
        old(&d.join("EX-0001.yaml"), "a record");
        let held = File::open(d.join(".cse-screen-held01.tmp")).expect("open");
        held.try_lock().expect("lock");

        let swept = sweep(d);
        let names: Vec<_> = swept
            .iter()
            .map(|l| l.path.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        assert_eq!(names, [Some(".cse-screen-Ab3xYz.tmp".to_owned())]);
        assert!(swept[0].not_removed.is_none());
        assert!(!d.join(".cse-screen-Ab3xYz.tmp").exists());
        for kept in [
            ".cse-screen-held01.tmp",
            ".cse-screen-new001.tmp",
            ".cse-screen-\u{1b}[2J.tmp",
            "EX-0001.yaml",
        ] {
            assert!(d.join(kept).exists(), "{kept} was removed");
        }
        drop(held);
    }

    #[test]
    fn a_folder_that_cannot_be_read_has_no_leftovers() {
        assert!(sweep(Path::new("/no/such/folder/for/cse-screen")).is_empty());
    }
}
