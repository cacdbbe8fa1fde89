//! Which files a batch scores: paths as given, folders walked in sorted order, stdin.
//!
//! Arguments keep the order given; each folder is walked depth-first with entries sorted by
//! name, so the same tree always gives the same order. Inside folders only `*.yaml`, `*.yml`
//! and `*.json` files are taken, hidden entries are skipped, and a file named directly is
//! taken whatever its name. The walk is lazy and holds only the sorted names of the folders
//! it is in, so memory does not grow with the number of files already scored. Anything that
//! cannot be walked (a symbolic link loop, a folder without permission, a broken link) becomes
//! an [`Input::Unreadable`] so the batch reports it and goes on.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

/// One thing to score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// `-`: the answers file on standard input.
    Stdin,
    File(PathBuf),
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
            Input::File(p) => crate::text::path(p),
            Input::Unreadable { path, .. } => path.clone(),
        }
    }
}

/// True for the file names a folder walk takes.
pub fn is_answers_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["yaml", "yml", "json"].contains(&e.to_ascii_lowercase().as_str()))
}

/// Every input named by `args`, in order, produced as needed.
pub fn walk(args: &[PathBuf]) -> Walk {
    Walk {
        args: args.iter().rev().cloned().collect(),
        stack: Vec::new(),
    }
}

/// How many inputs `args` name (a second, cheap walk, for a progress bar).
pub fn count(args: &[PathBuf]) -> usize {
    walk(args).count()
}

/// A lazy, sorted, depth-first walk over the arguments. See the module documentation.
pub struct Walk {
    /// Arguments not started yet, last first.
    args: Vec<PathBuf>,
    /// The folders being walked, innermost last.
    stack: Vec<Folder>,
}

struct Folder {
    path: PathBuf,
    /// Where the folder really is, to notice a link back to an ancestor.
    real: PathBuf,
    /// Entries not yet visited, sorted by name (last first, so `pop` takes the next), with
    /// their type as the folder listing gave it (no extra system call per file).
    names: Vec<(OsString, Option<fs::FileType>)>,
}

impl Walk {
    /// Opens `path` as a folder to walk, or says why it cannot be.
    fn enter(&mut self, path: PathBuf) -> Option<Input> {
        let unreadable = |message: String| {
            Some(Input::Unreadable {
                path: crate::text::path(&path),
                message,
            })
        };
        let real = match fs::canonicalize(&path) {
            Ok(r) => r,
            Err(e) => return unreadable(crate::input::io_message(&e)),
        };
        if let Some(ancestor) = self.stack.iter().find(|f| f.real == real) {
            return unreadable(format!(
                "a symbolic link loop (it leads back to {}); skipped",
                crate::text::shown_path(&ancestor.path)
            ));
        }
        let entries = match fs::read_dir(&path) {
            Ok(entries) => entries,
            Err(e) => return unreadable(crate::input::io_message(&e)),
        };
        let mut names = Vec::new();
        for entry in entries {
            match entry {
                Ok(e) => names.push((e.file_name(), e.file_type().ok())),
                Err(e) => return unreadable(crate::input::io_message(&e)),
            }
        }
        names.sort_unstable_by(|a, b| b.0.cmp(&a.0));
        names.shrink_to_fit();
        self.stack.push(Folder { path, real, names });
        None
    }
}

impl Iterator for Walk {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            let Some(folder) = self.stack.last_mut() else {
                let arg = self.args.pop()?;
                if arg.as_os_str() == "-" {
                    return Some(Input::Stdin);
                }
                match fs::metadata(&arg) {
                    Ok(m) if m.is_dir() => match self.enter(arg) {
                        Some(problem) => return Some(problem),
                        None => continue,
                    },
                    Ok(_) => return Some(Input::File(arg)),
                    Err(e) => return Some(unreadable(&arg, &e, "no such file or directory")),
                }
            };
            let Some((name, kind)) = folder.names.pop() else {
                self.stack.pop();
                continue;
            };
            // Hidden entries (editor swap files, `.git`) are not screenings.
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = folder.path.join(&name);
            // A plain file's type is known from the listing; links are followed.
            if kind.is_some_and(|k| k.is_file()) {
                if is_answers_file(&path) {
                    return Some(Input::File(path));
                }
                continue;
            }
            match fs::metadata(&path) {
                Ok(m) if m.is_dir() => {
                    if let Some(problem) = self.enter(path) {
                        return Some(problem);
                    }
                }
                Ok(m) if m.is_file() && is_answers_file(&path) => return Some(Input::File(path)),
                Ok(_) => {}
                // A broken link or a vanished file named like a screening is worth reporting.
                Err(e) if is_answers_file(&path) => {
                    return Some(unreadable(
                        &path,
                        &e,
                        "a broken link, or the file was removed",
                    ));
                }
                Err(_) => {}
            }
        }
    }
}

/// `path` could not be looked at; `not_found` says what "not found" means where it was.
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
                Input::File(p) => p
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
            shown(d, walk(&args)),
            [
                "a.json",
                "b/c/y.yaml",
                "b/z.yml",
                "c.yaml",
                "-",
                "missing.yaml: no such file or directory"
            ]
        );
        assert_eq!(count(&args), 6);
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_loop_is_reported_once_and_the_walk_goes_on() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        std::fs::create_dir_all(d.join("a")).expect("mkdir");
        std::fs::write(d.join("a/x.yaml"), "x").expect("write");
        std::os::unix::fs::symlink("..", d.join("a/loop")).expect("symlink");
        std::os::unix::fs::symlink("gone.yaml", d.join("a/broken.yaml")).expect("symlink");
        std::fs::write(d.join("z.yaml"), "x").expect("write");
        let got = shown(d, walk(&[d.to_path_buf()]));
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(
            got[0],
            "a/broken.yaml: a broken link, or the file was removed"
        );
        assert!(
            got[1].starts_with("a/loop: a symbolic link loop"),
            "{got:?}"
        );
        assert_eq!(got[2..], ["a/x.yaml", "z.yaml"]);
    }
}
