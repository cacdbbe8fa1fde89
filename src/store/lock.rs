//! One writer at a time: an advisory lock on a saved screening, held for a whole interview,
//! in a lock file beside it that says which process holds it.
//!
//! The lock is the standard library's `File::try_lock` (`flock(LOCK_EX | LOCK_NB)` on Unix,
//! `LockFileEx` on Windows), taken on `.<record name>.lock` in the record's folder. It is not
//! taken on the record itself, because every save renames a new file over the record: a lock
//! on the old file would not stop a second writer who opens the new one. The system releases
//! the lock when the process ends, however it ends, so a lock file left by a killed process
//! is simply locked again by the next writer. Readers (`score`, `report`, `history`) never
//! look at it. The lock is advisory: it keeps two `cse-screen` writers apart, not an editor;
//! the change detector ([`super::Fingerprint`]) covers those.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// A held lock on one saved screening; dropping it removes the lock file and releases it.
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
}

/// Who holds a lock, as far as its lock file says (each part may be missing: the holder may
/// not have written it yet, or an older file may be unreadable).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Holder {
    pub pid: Option<u32>,
    pub host: Option<String>,
    /// When it was taken, `YYYY-MM-DD HH:MM:SS UTC`.
    pub since: Option<String>,
}

/// Why a lock could not be taken.
#[derive(Debug)]
pub enum LockError {
    /// Another process holds it.
    Held { lock_file: PathBuf, holder: Holder },
    /// The lock file's name is taken by something that is not a lock file: a symbolic link,
    /// a file with other names (a hard link), or not a file at all. Nothing was written to it.
    NotALockFile {
        lock_file: PathBuf,
        what: &'static str,
    },
    /// The lock file could not be created or locked.
    Io(io::Error),
}

impl Holder {
    /// "process 1234 on host-a, since 2026-11-24 10:01:02 UTC", or what is known of it.
    pub fn describe(&self) -> String {
        let mut s = match self.pid {
            Some(pid) => format!("process {pid}"),
            None => "another process".to_owned(),
        };
        if let Some(host) = &self.host {
            s.push_str(&format!(" on {host}"));
        }
        if let Some(since) = &self.since {
            s.push_str(&format!(", since {since}"));
        }
        s
    }

    /// Reads a lock file's text. Every value is checked, so a hostile lock file can put
    /// nothing but a number, a host name and a time into a message.
    fn parse(text: &str) -> Holder {
        let mut h = Holder::default();
        for line in text.lines() {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match key.trim() {
                "pid" => h.pid = value.parse().ok(),
                "host" => {
                    let ok = !value.is_empty()
                        && value.len() <= 253
                        && value
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || "-._".contains(c));
                    if ok {
                        h.host = Some(value.to_owned());
                    }
                }
                "since" => {
                    h.since = value
                        .parse::<jiff::Timestamp>()
                        .ok()
                        .map(|t| t.strftime("%Y-%m-%d %H:%M:%S UTC").to_string());
                }
                _ => {}
            }
        }
        h
    }
}

/// The lock file of the record at `record`: `.<name>.lock` in the same folder.
pub fn lock_file_of(record: &Path) -> PathBuf {
    let mut name = OsString::from(".");
    name.push(record.file_name().unwrap_or(record.as_os_str()));
    name.push(".lock");
    record.with_file_name(name)
}

impl Lock {
    /// Takes the lock on the record at `record` (a path already resolved through any
    /// symbolic link), or says who holds it. Never waits.
    pub fn take(record: &Path) -> Result<Lock, LockError> {
        let path = lock_file_of(record);
        // A holder that is finishing removes its lock file while it still holds the lock; a
        // file opened just before that is then no longer the lock file, so open it again.
        for _ in 0..16 {
            // Found in review: a lock file planted as a hard link to another screening was
            // locked and then cut to the holder's details, destroying that screening; one
            // planted as a symbolic link was followed out of the folder. Neither is opened
            // for writing if seen first, and neither is ever written.
            not_a_lock_file(&path, None)?;
            let mut file = open_lock_file(&path).map_err(LockError::Io)?;
            not_a_lock_file(&path, Some(&file))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    let mut text = String::new();
                    let _ = (&file).take(4096).read_to_string(&mut text);
                    return Err(LockError::Held {
                        lock_file: path,
                        holder: Holder::parse(&text),
                    });
                }
                Err(TryLockError::Error(e)) => return Err(LockError::Io(e)),
            }
            if !still_named(&file, &path) {
                continue;
            }
            // Best effort: the lock holds whether or not the details can be written.
            let _ = file
                .set_len(0)
                .and_then(|()| file.write_all(describe_me().as_bytes()));
            return Ok(Lock { file, path });
        }
        Err(LockError::Io(io::Error::other(
            "the lock file kept changing while it was being locked",
        )))
    }

    /// The lock file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held (see `take`); the lock itself goes when the file closes.
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

fn open_lock_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Refuses a lock file's name that holds something other than a lock file: a symbolic link,
/// a hard link (a file with more than one name), or not a file. With `opened`, checks the
/// file as opened (a name changed in between is left to [`still_named`]).
fn not_a_lock_file(path: &Path, opened: Option<&File>) -> Result<(), LockError> {
    let meta = match opened {
        Some(file) => file.metadata(),
        None => match fs::symlink_metadata(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            other => other,
        },
    };
    let Ok(meta) = meta else {
        return Ok(()); // opening it says why, in the system's words
    };
    let what = if meta.file_type().is_symlink() {
        Some("a symbolic link")
    } else if !meta.is_file() {
        Some("not a file")
    } else if links(&meta) > 1 {
        Some("a file with other names (a hard link)")
    } else {
        None
    };
    match what {
        Some(what) => Err(LockError::NotALockFile {
            lock_file: path.to_path_buf(),
            what,
        }),
        None => Ok(()),
    }
}

#[cfg(unix)]
fn links(meta: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn links(_meta: &fs::Metadata) -> u64 {
    1
}

/// True when `path` still names the open `file` (not removed or replaced since it was opened).
#[cfg(unix)]
fn still_named(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_named(_file: &File, path: &Path) -> bool {
    path.exists()
}

/// The first line of every lock file this program writes.
const HEADER: &str =
    "# cse-screen is writing this screening; the lock ends when that process stops.";

/// Removes the lock file at `path` if it is one of ours and no process holds it (its
/// process was killed). Nothing is said: a lock file holds no details of the child.
pub fn clear_stale(path: &Path) {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let Some(record) = name
        .strip_prefix('.')
        .and_then(|n| n.strip_suffix(".lock"))
        .filter(|n| !n.is_empty())
    else {
        return;
    };
    let ours = fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
        && File::open(path).is_ok_and(|f| {
            let mut head = String::new();
            let _ = f.take(HEADER.len() as u64).read_to_string(&mut head);
            head == HEADER
        });
    if ours {
        // Taken and dropped at once: dropping a lock removes its file, safely (see `take`).
        let _ = Lock::take(&path.with_file_name(record));
    }
}

/// This process, for the lock file.
fn describe_me() -> String {
    let since = jiff::Timestamp::from_second(jiff::Timestamp::now().as_second())
        .map(|t| t.to_string())
        .unwrap_or_default();
    let mut text = format!("{HEADER}\npid: {}\nsince: {since}\n", std::process::id());
    if let Some(host) = host_name() {
        text.push_str(&format!("host: {host}\n"));
    }
    text
}

/// This machine's name, where the system says it without a library call.
fn host_name() -> Option<String> {
    let from_file = ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|f| fs::read_to_string(f).ok());
    let name = from_file
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())?;
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_record_is_refused_and_names_the_holder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let record = dir.path().join("EX-0001-2026-11-24.yaml");
        let first = Lock::take(&record).expect("first lock");
        assert_eq!(
            first.path(),
            dir.path().join(".EX-0001-2026-11-24.yaml.lock")
        );
        match Lock::take(&record) {
            Err(LockError::Held { lock_file, holder }) => {
                assert_eq!(lock_file, first.path());
                assert_eq!(holder.pid, Some(std::process::id()));
                assert!(holder.since.is_some(), "{holder:?}");
                assert!(
                    holder
                        .describe()
                        .starts_with(&format!("process {}", std::process::id()))
                );
            }
            other => panic!("the second lock was not refused: {other:?}"),
        }
        drop(first);
        assert!(
            !dir.path().join(".EX-0001-2026-11-24.yaml.lock").exists(),
            "the lock file goes with the lock"
        );
        let again = Lock::take(&record).expect("free again once released");
        drop(again);
    }

    #[test]
    fn a_lock_file_left_by_a_killed_process_does_not_block() {
        let dir = tempfile::tempdir().expect("tempdir");
        let record = dir.path().join("EX-0001.yaml");
        fs::write(lock_file_of(&record), "pid: 1\nhost: gone\n").expect("stale lock file");
        let lock = Lock::take(&record).expect("an unlocked lock file is free");
        let text = fs::read_to_string(lock.path()).expect("read");
        assert!(
            text.contains(&format!("pid: {}", std::process::id())),
            "{text}"
        );
    }

    #[test]
    fn stale_lock_files_of_ours_are_cleared_and_nothing_else() {
        let dir = tempfile::tempdir().expect("tempdir");
        let stale = dir.path().join(".EX-0001.yaml.lock");
        fs::write(&stale, format!("{HEADER}\npid: 1\n")).expect("write");
        let other = dir.path().join(".other.lock");
        fs::write(&other, "another program's lock").expect("write");
        let held = Lock::take(&dir.path().join("EX-0002.yaml")).expect("lock");
        for path in [&stale, &other, &held.path().to_path_buf()] {
            clear_stale(path);
        }
        assert!(!stale.exists(), "an unheld lock file of ours is removed");
        assert!(other.exists(), "another program's file is left alone");
        assert!(held.path().exists(), "a held lock is left alone");
    }

    /// Found in review: a lock file planted as a hard link to another child's screening was
    /// cut to the holder's details, and the screening lost.
    #[cfg(unix)]
    #[test]
    fn a_lock_file_that_is_a_hard_link_is_refused_and_never_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let other = dir.path().join("EX-1009.yaml");
        fs::write(&other, "screening: the other child's\n").expect("write");
        let record = dir.path().join("EX-9001.yaml");
        fs::hard_link(&other, lock_file_of(&record)).expect("hard link");
        match Lock::take(&record) {
            Err(LockError::NotALockFile { lock_file, what }) => {
                assert_eq!(lock_file, lock_file_of(&record));
                assert!(what.contains("hard link"), "{what}");
            }
            other => panic!("a hard-linked lock file was taken: {other:?}"),
        }
        let kept = fs::read_to_string(&other).expect("read");
        assert_eq!(kept, "screening: the other child's\n");
        assert!(
            lock_file_of(&record).exists(),
            "left for the person to look at"
        );
    }

    /// Found in review: a lock file planted as a symbolic link was followed, creating a
    /// file outside the folder, and then blamed on the folder ("kept changing").
    #[cfg(unix)]
    #[test]
    fn a_lock_file_that_is_a_symbolic_link_is_refused_and_not_followed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let elsewhere = tempfile::tempdir().expect("tempdir");
        let record = dir.path().join("EX-9001.yaml");
        let target = elsewhere.path().join("made-by-following.yaml");
        std::os::unix::fs::symlink(&target, lock_file_of(&record)).expect("symlink");
        match Lock::take(&record) {
            Err(LockError::NotALockFile { what, .. }) => assert_eq!(what, "a symbolic link"),
            other => panic!("a symbolic-link lock file was taken: {other:?}"),
        }
        assert!(!target.exists(), "the link was followed");
        let existing = elsewhere.path().join("existing.yaml");
        fs::write(&existing, "kept").expect("write");
        fs::remove_file(lock_file_of(&record)).expect("remove");
        std::os::unix::fs::symlink(&existing, lock_file_of(&record)).expect("symlink");
        assert!(matches!(
            Lock::take(&record),
            Err(LockError::NotALockFile { .. })
        ));
        assert_eq!(fs::read_to_string(&existing).expect("read"), "kept");
    }

    #[test]
    fn a_hostile_lock_file_puts_nothing_but_checked_values_in_the_message() {
        let h = Holder::parse("pid: 12\x1b[2J\nhost: a\x1b]0;x\x07\nsince: \x1b[6n\n");
        assert_eq!(h, Holder::default());
        assert_eq!(h.describe(), "another process");
        let h = Holder::parse("pid: 12\nhost: box-1.example\nsince: 2026-11-24T10:01:02Z\n");
        assert_eq!(
            h.describe(),
            "process 12 on box-1.example, since 2026-11-24 10:01:02 UTC"
        );
    }
}
