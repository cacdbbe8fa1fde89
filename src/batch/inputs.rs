//! Which files a batch scores: paths as given, folders walked in sorted order, stdin.
//!
//! Arguments keep the order given; each folder is walked depth-first with entries sorted by
//! name (the `walkdir` crate), so the same tree always gives the same order. Inside folders
//! only `*.yaml`, `*.yml` and `*.json` files are taken, hidden entries are skipped, and a file
//! named directly is taken whatever its name (a link named directly is read too).
//!
//! Symbolic links found inside a folder are not followed unless [`Links::Follow`]
//! (`--follow`, as ripgrep's `-L` and fd's): a link to `/` does not walk `/proc`, and a folder
//! of links to its parents does not multiply. When following, each real folder is entered
//! once and each real file taken once, by (device, inode), so loops and links that lead to
//! the same place give each screening once. A file reached through a link is an
//! [`Input::Linked`], whose content is never quoted in an error unless it is a screening
//! (see [`crate::batch::score_input`]).
//!
//! The walk is lazy and holds only the sorted entries of the folders it is in, so memory
//! does not grow with the number of files already scored (when following, the set of
//! (device, inode) pairs seen grows by 16 bytes a file). Without `--follow`, on Unix, those
//! listings keep only the answers files and folders, their names in one buffer
//! ([`crate::batch::listing`]), so a folder of a million files stays within tens of MB. Anything that cannot be walked (a
//! folder without permission, a broken link named like a screening) becomes an
//! [`Input::Unreadable`] so the batch reports it and goes on. So does a folder named on the
//! command line that gives no answers file at all: an empty folder, or an unmounted share's
//! mount point, is said, never passed over as if it held nothing to worry about.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// One thing to score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// `-`: the answers file on standard input.
    Stdin,
    File(PathBuf),
    /// A file reached through a symbolic link: the link itself, or a folder link followed.
    Linked(PathBuf),
    /// A path that could not be walked or read, and why.
    Unreadable {
        path: String,
        message: String,
    },
}

impl Input {
    /// The name shown in output: the path, or `-` for standard input.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_owned(),
            Input::File(p) | Input::Linked(p) => crate::text::path(p),
            Input::Unreadable { path, .. } => path.clone(),
        }
    }

    /// The device and inode of a file on disk ([`identity`]), so that one file reached by
    /// two paths is read once; `None` for standard input and a path that cannot be read.
    pub fn identity(&self) -> Option<(u64, u64)> {
        match self {
            Input::File(p) | Input::Linked(p) => identity(p),
            Input::Stdin | Input::Unreadable { .. } => None,
        }
    }
}

/// Whether a folder walk follows symbolic links (`--follow`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Links {
    /// Links inside folders are skipped (a link named on the command line is still read).
    #[default]
    Skip,
    /// Links are followed; each real folder and file is visited once.
    Follow,
}

impl Links {
    /// [`Links::Follow`] when `--follow` was given.
    pub fn from_flag(follow: bool) -> Links {
        if follow { Links::Follow } else { Links::Skip }
    }
}

/// True for the file names a folder walk takes.
pub fn is_answers_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["yaml", "yml", "json"].contains(&e.to_ascii_lowercase().as_str()))
}

/// Every input named by `args`, in order, produced as needed.
pub fn walk(args: &[PathBuf], links: Links) -> Walk {
    Walk {
        args: args.iter().rev().cloned().collect(),
        links,
        folder: None,
        #[cfg(unix)]
        sorted: None,
        linked: Vec::new(),
        seen: HashSet::new(),
        named: None,
    }
}

/// How many inputs `args` name (a second, cheap walk, for a progress bar).
pub fn count(args: &[PathBuf], links: Links) -> usize {
    walk(args, links).count()
}

/// A lazy, sorted, depth-first walk over the arguments. See the module documentation.
pub struct Walk {
    /// Arguments not started yet, last first.
    args: Vec<PathBuf>,
    links: Links,
    /// The folder being walked, following links.
    folder: Option<walkdir::IntoIter>,
    /// The folder being walked, not following links (on Unix, with compact listings:
    /// [`crate::batch::listing`]), and whether it was named through a link.
    #[cfg(unix)]
    sorted: Option<(crate::batch::listing::Sorted, bool)>,
    /// For each depth of the current path in the folder: whether it was reached through a link.
    linked: Vec<bool>,
    /// When following links: the (device, inode) of every folder entered and file taken.
    seen: HashSet<(u64, u64)>,
    /// The folder named on the command line being walked, and whether it has given an
    /// answers file yet (or one already taken through another path, or a problem reported).
    named: Option<(PathBuf, bool)>,
}

impl Walk {
    /// Starts walking folder `path`, named on the command line.
    fn enter(&mut self, path: PathBuf) {
        self.named = Some((path.clone(), false));
        let through_link = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        #[cfg(unix)]
        if self.links == Links::Skip {
            self.sorted = Some((crate::batch::listing::Sorted::new(path), through_link));
            return;
        }
        self.linked = vec![through_link];
        self.folder = Some(
            WalkDir::new(path)
                .follow_links(self.links == Links::Follow)
                .sort_by_file_name()
                .into_iter(),
        );
    }

    /// True the first time the real file or folder at `path` is seen (always when not
    /// following links, where a path is one real file).
    fn first_visit(&mut self, path: &Path) -> bool {
        if self.links == Links::Skip {
            return true;
        }
        match identity(path) {
            Some(id) => self.seen.insert(id),
            None => true,
        }
    }

    /// The next input from the folder being walked, or `None` when it is done.
    fn next_in_folder(&mut self) -> Option<Input> {
        loop {
            let folder = self.folder.as_mut()?;
            let entry = match folder.next() {
                None => {
                    self.folder = None;
                    return None;
                }
                Some(Ok(entry)) => entry,
                // Following links: a link back to a folder being walked was visited already.
                Some(Err(e)) if e.loop_ancestor().is_some() => continue,
                Some(Err(e)) => {
                    let path = e.path().map(Path::to_path_buf).unwrap_or_default();
                    let Some(io) = e.io_error() else { continue };
                    // A broken link or a vanished file named like a screening is worth
                    // reporting; a folder that cannot be listed always is.
                    if is_answers_file(&path) || e.depth() == 0 || path.is_dir() {
                        // Said already: not also "no answers files found" at its end.
                        self.found();
                        return Some(unreadable(
                            &path,
                            io,
                            "a broken link, or the file was removed",
                        ));
                    }
                    continue;
                }
            };
            let depth = entry.depth();
            let kind = entry.file_type();
            let hidden = depth > 0 && entry.file_name().to_string_lossy().starts_with('.');
            // Not following: a link inside a folder is skipped, whatever it leads to.
            let skipped_link = depth > 0 && kind.is_symlink();
            if hidden || skipped_link {
                // Hidden folders (`.git`) are not entered (walkdir has opened it: close it).
                if kind.is_dir() {
                    folder.skip_current_dir();
                }
                continue;
            }
            // The folder named on the command line was looked at in `enter`.
            let through_link = match depth.checked_sub(1) {
                None => self.linked.first().copied().unwrap_or(false),
                Some(parent) => {
                    self.linked.get(parent).copied().unwrap_or(false) || entry.path_is_symlink()
                }
            };
            if kind.is_dir() {
                if !self.first_visit(entry.path()) {
                    // Its files were taken through another path already.
                    self.found();
                    if let Some(folder) = self.folder.as_mut() {
                        folder.skip_current_dir();
                    }
                    continue;
                }
                self.linked.truncate(depth);
                self.linked.push(through_link);
                continue;
            }
            if !is_answers_file(entry.path()) {
                continue;
            }
            if !kind.is_file() {
                // A named pipe, socket or device (or, following links, a link to one).
                self.found();
                return Some(not_regular(entry.path()));
            }
            self.found();
            if !self.first_visit(entry.path()) {
                continue;
            }
            let path = entry.into_path();
            return Some(if through_link {
                Input::Linked(path)
            } else {
                Input::File(path)
            });
        }
    }
}

impl Walk {
    /// The folder named on the command line has given an answers file.
    fn found(&mut self) {
        if let Some((_, found)) = &mut self.named {
            *found = true;
        }
    }

    /// When the folder named on the command line is done: an input saying so if it gave no
    /// answers file.
    fn done_with_named(&mut self) -> Option<Input> {
        match self.named.take() {
            Some((path, false)) => Some(Input::Unreadable {
                path: crate::text::path(&path),
                message: format!(
                    "no answers files (*.yaml, *.yml, *.json) found in this folder ({}); check that it is the right folder, and that a shared drive is connected",
                    match self.links {
                        Links::Skip => "hidden files and folders, and links inside it, are skipped",
                        Links::Follow => "hidden files and folders are skipped",
                    }
                ),
            }),
            _ => None,
        }
    }
}

impl Iterator for Walk {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            #[cfg(unix)]
            if let Some((sorted, through_link)) = &mut self.sorted {
                use crate::batch::listing::Step;
                let step = sorted.next();
                let through_link = *through_link;
                if matches!(step, Some(Step::File(_))) {
                    self.found();
                }
                match step {
                    Some(Step::File(path)) if through_link => return Some(Input::Linked(path)),
                    Some(Step::File(path)) => return Some(Input::File(path)),
                    Some(Step::Special(path)) => {
                        self.found();
                        return Some(not_regular(&path));
                    }
                    Some(Step::Unlistable(path, e)) => {
                        // Said already: not also "no answers files found" at its end.
                        self.found();
                        return Some(unreadable(
                            &path,
                            &e,
                            "a broken link, or the file was removed",
                        ));
                    }
                    None => {
                        self.sorted = None;
                        match self.done_with_named() {
                            Some(input) => return Some(input),
                            None => continue,
                        }
                    }
                }
            }
            if self.folder.is_some() {
                match self.next_in_folder() {
                    Some(input) => return Some(input),
                    None => match self.done_with_named() {
                        Some(input) => return Some(input),
                        None => continue,
                    },
                }
            }
            let arg = self.args.pop()?;
            if arg.as_os_str() == "-" {
                return Some(Input::Stdin);
            }
            match fs::metadata(&arg) {
                Ok(m) if m.is_dir() => self.enter(arg),
                Ok(_) if fs::symlink_metadata(&arg).is_ok_and(|m| m.file_type().is_symlink()) => {
                    return Some(Input::Linked(arg));
                }
                Ok(_) => return Some(Input::File(arg)),
                Err(e) => return Some(unreadable(&arg, &e, "no such file or directory")),
            }
        }
    }
}

/// The (device, inode) of what `path` leads to, following links: one real file, however
/// many paths or links name it. Also used by `history` to read each file once.
#[cfg(unix)]
pub fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// Elsewhere there is no cheap identity: every path counts as its own file.
#[cfg(not(unix))]
pub fn identity(_: &Path) -> Option<(u64, u64)> {
    None
}

/// `path` could not be looked at; `not_found` says what "not found" means where it was.
/// An entry named like an answers file that is a named pipe, socket or device: not read,
/// as reading it could wait for ever or never end, and said rather than skipped.
fn not_regular(path: &Path) -> Input {
    Input::Unreadable {
        path: crate::text::path(path),
        message: "not a regular file (a named pipe, socket or device), so it is not read; \
                  move it out of the folder, or save the screening as a file"
            .to_owned(),
    }
}

fn unreadable(path: &Path, e: &std::io::Error, not_found: &str) -> Input {
    Input::Unreadable {
        path: crate::text::path(path),
        message: match e.kind() {
            std::io::ErrorKind::NotFound => not_found.to_owned(),
            _ => crate::input::io_message(e),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_that_cannot_be_listed_is_said_once_not_also_as_empty() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for links in [Links::Skip, Links::Follow] {
            let mut w = walk(&[], links);
            // As if it vanished between being looked at and being listed.
            w.enter(dir.path().join("gone"));
            let got: Vec<Input> = w.collect();
            assert_eq!(got.len(), 1, "{links:?}: {got:?}");
            assert!(
                matches!(&got[0], Input::Unreadable { message, .. } if !message.contains("no answers files")),
                "{links:?}: {got:?}"
            );
        }
        // An empty folder is said once, as empty.
        let got: Vec<Input> = walk(&[dir.path().to_path_buf()], Links::Skip).collect();
        assert!(
            matches!(&got[..], [Input::Unreadable { message, .. }] if message.contains("no answers files")),
            "{got:?}"
        );
    }

    #[test]
    fn takes_answers_files_by_extension() {
        assert!(is_answers_file(Path::new("a/EX-1.yaml")));
        assert!(is_answers_file(Path::new("EX-1.YML")));
        assert!(is_answers_file(Path::new("EX-1.json")));
        assert!(!is_answers_file(Path::new("notes.txt")));
        assert!(!is_answers_file(Path::new("yaml")));
    }

    fn shown(d: &Path, inputs: impl Iterator<Item = Input>) -> Vec<String> {
        inputs
            .map(|i| match i {
                Input::File(p) | Input::Linked(p) => p
                    .strip_prefix(d)
                    .map_or(String::new(), |p| p.display().to_string()),
                Input::Unreadable { path, message } => format!(
                    "{}: {message}",
                    Path::new(&path)
                        .strip_prefix(d)
                        .unwrap_or(Path::new(&path))
                        .display()
                ),
                Input::Stdin => "-".to_owned(),
            })
            .collect()
    }

    #[test]
    fn walks_sorted_depth_first_and_reports_what_it_cannot_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        std::fs::create_dir_all(d.join("b/c")).expect("mkdir");
        for f in [
            "c.yaml",
            "a.json",
            "b/z.yml",
            "b/c/y.yaml",
            "b/notes.txt",
            ".hidden.yaml",
        ] {
            std::fs::write(d.join(f), "x").expect("write");
        }
        let args = [d.to_path_buf(), PathBuf::from("-"), d.join("missing.yaml")];
        assert_eq!(
            shown(d, walk(&args, Links::Skip)),
            [
                "a.json",
                "b/c/y.yaml",
                "b/z.yml",
                "c.yaml",
                "-",
                "missing.yaml: no such file or directory"
            ]
        );
        assert_eq!(count(&args, Links::Skip), 6);
    }

    #[cfg(unix)]
    #[test]
    fn links_inside_folders_are_skipped_unless_followed_and_then_each_real_file_comes_once() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        std::fs::create_dir_all(d.join("a")).expect("mkdir");
        std::fs::create_dir_all(d.join("elsewhere")).expect("mkdir");
        std::fs::write(d.join("a/x.yaml"), "x").expect("write");
        std::fs::write(d.join("elsewhere/w.yaml"), "x").expect("write");
        std::fs::write(d.join("z.yaml"), "x").expect("write");
        symlink("..", d.join("a/loop")).expect("symlink");
        symlink("gone.yaml", d.join("a/broken.yaml")).expect("symlink");
        symlink("x.yaml", d.join("a/y.yaml")).expect("symlink");
        symlink("../elsewhere", d.join("a/there")).expect("symlink");
        symlink("elsewhere", d.join("b")).expect("symlink");
        let root = d.join("a");

        // Not following: only the real files inside; no link is looked behind.
        assert_eq!(
            shown(d, walk(&[d.to_path_buf()], Links::Skip)),
            ["a/x.yaml", "elsewhere/w.yaml", "z.yaml"]
        );
        // A link named on the command line is read, marked as reached through a link.
        assert_eq!(
            walk(&[root.join("y.yaml")], Links::Skip).collect::<Vec<_>>(),
            [Input::Linked(root.join("y.yaml"))]
        );

        // Following: the loop is skipped, the broken link reported, and each real file
        // comes once, marked when it was reached through a link.
        let got: Vec<Input> = walk(std::slice::from_ref(&root), Links::Follow).collect();
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(
            matches!(&got[0], Input::Unreadable { path, message }
                if path.ends_with("broken.yaml") && message == "a broken link, or the file was removed"),
            "{got:?}"
        );
        // `loop` leads back to `d`, an ancestor: skipped. `y.yaml` is `x.yaml` again.
        assert_eq!(
            got[1..],
            [
                Input::Linked(root.join("there/w.yaml")),
                Input::File(root.join("x.yaml")),
            ]
        );
        // From `d`, `b` leads to `elsewhere`: walked once, by whichever path comes first.
        assert_eq!(
            shown(d, walk(&[d.to_path_buf()], Links::Follow)),
            [
                "a/broken.yaml: a broken link, or the file was removed",
                "a/there/w.yaml",
                "a/x.yaml",
                "z.yaml"
            ]
        );
        assert_eq!(
            count(&[root.clone(), root], Links::Follow),
            3,
            "a folder named twice is walked once"
        );
    }
}
