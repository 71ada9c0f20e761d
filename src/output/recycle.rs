//! Reusing the previous build's files: writing into an old output tree in place and sweeping out what the
//! new build did not write.
//!
//! Creating tens of thousands of new files costs more than rewriting existing ones, and on some file systems
//! (ext4 without a journal) every new file is slower for minutes after many files were deleted nearby,
//! which is exactly what replacing a whole output folder does. So the folder a build replaces is kept as a
//! spare and the next build writes into it: an unchanged file is left alone (reading is cheaper than
//! writing), a changed one is rewritten in place, and files of pages that no
//! longer exist are removed at the end.

use std::collections::HashSet;
use std::io::Read;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` in a reused tree: nothing happens when the file already holds exactly these
/// bytes. A file with other hard links (a static file linked from the site's own folder) is replaced,
/// never written through, so the site's source can't be changed by a build.
pub fn write_in_place(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_file() && m.nlink() == 1 => {
            if m.len() == bytes.len() as u64 && same_bytes(path, bytes).unwrap_or(false) {
                return Ok(());
            }
        }
        Ok(m) => remove_any(path, &m)?,
        Err(_) => {}
    }
    std::fs::write(path, bytes)
}

/// Copies `source` to `path` in a reused tree, unless `path` already holds the same bytes. Reads the
/// source's contents (following a link that was allowed in), so the output gets a plain file of its own.
pub fn copy_in_place(source: &Path, path: &Path) -> std::io::Result<()> {
    let bytes = std::fs::read(source)?;
    write_in_place(path, &bytes)
}

/// Copies `source`'s contents to a new file at `path`.
pub fn copy_contents(source: &Path, path: &Path) -> std::io::Result<()> {
    std::fs::copy(source, path).map(|_| ())
}

/// Makes `dir` a folder inside `root`, removing a file that stands where it or one of its parents must be.
pub fn make_dirs(root: &Path, dir: &Path) -> std::io::Result<()> {
    if std::fs::create_dir_all(dir).is_ok() {
        return Ok(());
    }
    let mut at = root.to_path_buf();
    for part in dir.strip_prefix(root).unwrap_or(dir).components() {
        at.push(part);
        if let Ok(m) = std::fs::symlink_metadata(&at)
            && !m.is_dir()
        {
            remove_any(&at, &m)?;
        }
    }
    std::fs::create_dir_all(dir)
}

fn same_bytes(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    let mut old = Vec::with_capacity(bytes.len());
    std::fs::File::open(path)?.read_to_end(&mut old)?;
    Ok(old == bytes)
}

fn remove_any(path: &Path, m: &std::fs::Metadata) -> std::io::Result<()> {
    if m.is_dir() {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    }
}

/// Removes every file under `root` whose relative path (`/`-separated) is not in `keep`, and the folders
/// left empty. Returns how many files went.
pub fn sweep(root: &Path, keep: &HashSet<String>) -> std::io::Result<usize> {
    let mut removed = 0;
    sweep_dir(root, String::new(), keep, &mut removed)?;
    Ok(removed)
}

/// Returns whether `dir` is empty afterwards.
fn sweep_dir(
    dir: &Path,
    prefix: String,
    keep: &HashSet<String>,
    removed: &mut usize,
) -> std::io::Result<bool> {
    let mut empty = true;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        let path: PathBuf = entry.path();
        if entry.file_type()?.is_dir() {
            if sweep_dir(&path, rel, keep, removed)? {
                std::fs::remove_dir(&path)?;
            } else {
                empty = false;
            }
        } else if keep.contains(&rel) {
            empty = false;
        } else {
            std::fs::remove_file(&path)?;
            *removed += 1;
        }
    }
    Ok(empty)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_files_are_left_alone_and_changed_ones_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.html");
        std::fs::write(&f, "same").unwrap();
        let old = std::fs::metadata(&f).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        write_in_place(&f, b"same").unwrap();
        assert_eq!(std::fs::metadata(&f).unwrap().modified().unwrap(), old);
        write_in_place(&f, b"other").unwrap();
        assert_eq!(std::fs::read(&f).unwrap(), b"other");
    }

    #[test]
    fn a_hard_linked_file_is_replaced_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("source.css");
        let out = dir.path().join("out.css");
        std::fs::write(&source, "body{}").unwrap();
        std::fs::hard_link(&source, &out).unwrap();
        write_in_place(&out, b"p{}").unwrap();
        assert_eq!(std::fs::read(&source).unwrap(), b"body{}");
        assert_eq!(std::fs::read(&out).unwrap(), b"p{}");
    }

    #[test]
    fn files_and_folders_swap_places() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        // A file where a folder must go, and a folder where a file must go.
        std::fs::write(root.join("x"), "old").unwrap();
        std::fs::create_dir_all(root.join("y/index.html/deep")).unwrap();
        make_dirs(root, &root.join("x/sub")).unwrap();
        write_in_place(&root.join("x/sub/index.html"), b"new").unwrap();
        write_in_place(&root.join("y/index.html"), b"page").unwrap();
        assert_eq!(
            std::fs::read(root.join("x/sub/index.html")).unwrap(),
            b"new"
        );
        assert_eq!(std::fs::read(root.join("y/index.html")).unwrap(), b"page");
    }

    #[test]
    fn sweep_removes_what_was_not_written_and_empty_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "keep/index.html",
            "gone/index.html",
            "keep/old.txt",
            "top.xml",
        ] {
            std::fs::create_dir_all(root.join(f).parent().unwrap()).unwrap();
            std::fs::write(root.join(f), f).unwrap();
        }
        let keep: HashSet<String> = ["keep/index.html", "top.xml"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(sweep(root, &keep).unwrap(), 2);
        assert!(root.join("keep/index.html").exists() && root.join("top.xml").exists());
        assert!(!root.join("keep/old.txt").exists());
        assert!(!root.join("gone").exists());
    }
}
