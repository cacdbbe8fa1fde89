//! A folder walk that does not follow links, its sorted listings held compactly.
//!
//! The walk [`crate::batch::inputs`] does without `--follow`, on Unix: depth-first, each
//! folder's entries in byte order of their names (as `walkdir`'s `sort_by_file_name`), hidden
//! entries and links skipped. Only what the walk will use is kept of a folder (answers files
//! and folders), and their names are held in one buffer with an offset each: about 12 bytes
//! and the name per entry, where `walkdir` keeps a full path and metadata for every entry, so
//! a million files in one folder take tens of megabytes rather than a hundred
//! (docs/decisions.md, "Speed").

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// One step of the walk.
#[derive(Debug)]
pub enum Step {
    /// An answers file to score.
    File(PathBuf),
    /// A folder that could not be listed (the root, or one inside it).
    Unlistable(PathBuf, io::Error),
    /// Named like an answers file, but a named pipe, socket or device: never read (it could
    /// block for ever or never end), and said, so nothing is skipped in silence.
    Special(PathBuf),
}

/// What a kept entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    File,
    Folder,
    Special,
}

/// The sorted, kept entries of one folder.
struct Listing {
    folder: PathBuf,
    /// Every kept name, one after another.
    names: Vec<u8>,
    /// Where each name starts and ends in `names`, and what it is; sorted by name.
    entries: Vec<(u32, u32, Kind)>,
    /// The next entry to hand out.
    next: usize,
}

impl Listing {
    fn read(folder: PathBuf) -> Result<Listing, (PathBuf, io::Error)> {
        let dir = match fs::read_dir(&folder) {
            Ok(dir) => dir,
            Err(e) => return Err((folder, e)),
        };
        let mut names = Vec::new();
        let mut entries = Vec::new();
        for entry in dir {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => return Err((folder, e)),
            };
            let name = entry.file_name();
            let bytes = name.as_bytes();
            // Hidden entries (`.git`) and links are not walked.
            if bytes.first() == Some(&b'.') {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let kind = if kind.is_dir() {
                Kind::Folder
            } else if kind.is_symlink() || !super::inputs::is_answers_file(Path::new(&name)) {
                continue;
            } else if kind.is_file() {
                Kind::File
            } else {
                Kind::Special
            };
            let (Ok(start), Ok(end)) = (
                u32::try_from(names.len()),
                u32::try_from(names.len() + bytes.len()),
            ) else {
                // Over 4 GB of names in one folder: reported, never cut short in silence.
                let e = io::Error::other("the folder holds too many names to walk");
                return Err((folder, e));
            };
            names.extend_from_slice(bytes);
            entries.push((start, end, kind));
        }
        names.shrink_to_fit();
        entries.shrink_to_fit();
        let name = |&(s, e, _): &(u32, u32, Kind)| &names[s as usize..e as usize];
        entries.sort_unstable_by(|a, b| name(a).cmp(name(b)));
        Ok(Listing {
            folder,
            names,
            entries,
            next: 0,
        })
    }

    /// The next entry's path, and what it is.
    fn next(&mut self) -> Option<(PathBuf, Kind)> {
        let &(start, end, kind) = self.entries.get(self.next)?;
        self.next += 1;
        let name = OsStr::from_bytes(&self.names[start as usize..end as usize]);
        Some((self.folder.join(name), kind))
    }
}

/// A walk of one folder named on the command line: see the module documentation.
pub struct Sorted {
    /// The folder to list first, until the walk starts.
    root: Option<PathBuf>,
    /// The listings of the folders on the current path, innermost last.
    stack: Vec<Listing>,
}

impl Sorted {
    pub fn new(root: PathBuf) -> Sorted {
        Sorted {
            root: Some(root),
            stack: Vec::new(),
        }
    }

    /// Lists `folder` and goes into it, or says it cannot be listed.
    fn enter(&mut self, folder: PathBuf) -> Option<Step> {
        match Listing::read(folder) {
            Ok(listing) => {
                self.stack.push(listing);
                None
            }
            Err((folder, e)) => Some(Step::Unlistable(folder, e)),
        }
    }
}

impl Iterator for Sorted {
    type Item = Step;

    fn next(&mut self) -> Option<Step> {
        if let Some(root) = self.root.take()
            && let Some(step) = self.enter(root)
        {
            return Some(step);
        }
        loop {
            let listing = self.stack.last_mut()?;
            match listing.next() {
                None => {
                    self.stack.pop();
                }
                Some((path, Kind::Folder)) => {
                    if let Some(step) = self.enter(path) {
                        return Some(step);
                    }
                }
                Some((path, Kind::File)) => return Some(Step::File(path)),
                Some((path, Kind::Special)) => return Some(Step::Special(path)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_byte_order_folders_entered_where_they_sort_only_answers_files_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        std::fs::create_dir_all(d.join("m/n")).expect("mkdir");
        std::fs::create_dir_all(d.join(".hidden")).expect("mkdir");
        let odd = OsStr::from_bytes(b"\xffodd.yaml");
        for f in [
            Path::new("b.yaml"),
            Path::new("B.yaml"),
            Path::new("a.json"),
            Path::new("notes.txt"),
            Path::new("m/n/z.yml"),
            Path::new("m/a.yaml"),
            Path::new(".hidden/h.yaml"),
            Path::new(odd),
        ] {
            std::fs::write(d.join(f), "x").expect("write");
        }
        std::os::unix::fs::symlink("b.yaml", d.join("c.yaml")).expect("symlink");
        // A socket named like a screening is kept, to be said; one named otherwise is not.
        let _s = std::os::unix::net::UnixListener::bind(d.join("m/s.yaml")).expect("socket");
        let _t = std::os::unix::net::UnixListener::bind(d.join("m/t.sock")).expect("socket");
        let got: Vec<PathBuf> = Sorted::new(d.to_path_buf())
            .map(|s| match s {
                Step::File(p) => p.strip_prefix(d).map(Path::to_path_buf).unwrap_or(p),
                Step::Special(p) => {
                    let p = p.strip_prefix(d).map(Path::to_path_buf).unwrap_or(p);
                    PathBuf::from(format!("special {}", p.display()))
                }
                Step::Unlistable(p, e) => panic!("{}: {e}", p.display()),
            })
            .collect();
        let want: Vec<PathBuf> = [
            "B.yaml",
            "a.json",
            "b.yaml",
            "m/a.yaml",
            "m/n/z.yml",
            "special m/s.yaml",
        ]
        .iter()
        .map(PathBuf::from)
        .chain([PathBuf::from(odd)])
        .collect();
        assert_eq!(got, want);
        let missing: Vec<Step> = Sorted::new(d.join("gone")).collect();
        assert!(
            matches!(&missing[..], [Step::Unlistable(p, _)] if p.ends_with("gone")),
            "{missing:?}"
        );
    }
}
