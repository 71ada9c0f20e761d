//! The folders beside the output and the swap that puts a finished build in place.
//!
//! A build writes into `.NAME.kennis-new-<pid>` and, when it succeeded, exchanges that folder with the
//! output in one atomic step (`renameat2` with `RENAME_EXCHANGE` on Linux), so the output folder never
//! goes missing, not even for a moment. The replaced build ends up as `.NAME.kennis-spare`, which the next
//! build reuses. A build that is killed (SIGKILL, or SIGTERM from a cancelled deploy) can't clean up after
//! itself; the next build does it at its start: a leftover folder of a process that no longer runs
//! becomes the spare, or is removed. Only folders with kennis's marker are ever moved or removed.

use super::guard;
use std::path::{Path, PathBuf};

/// Where the folders of one output live.
pub struct Places {
    pub parent: PathBuf,
    pub name: String,
    /// This build's folder.
    pub fresh: PathBuf,
    /// The previous build, kept to be rewritten in place.
    pub spare: PathBuf,
}

impl Places {
    pub fn new(parent: &Path, name: &str) -> Places {
        Places {
            parent: parent.to_path_buf(),
            name: name.to_string(),
            fresh: parent.join(format!(".{name}.kennis-new-{}", std::process::id())),
            spare: parent.join(format!(".{name}.kennis-spare")),
        }
    }

    /// The path of the folder the two-step swap moves the live output to.
    fn old(&self) -> PathBuf {
        self.parent
            .join(format!(".{}.kennis-old-{}", self.name, std::process::id()))
    }

    /// Keeps `dir` (one of kennis's own folders) as the next build's spare; removes it when a spare is
    /// already there.
    pub fn keep_as_spare(&self, dir: &Path) {
        if !guard::is_ours(dir) {
            return;
        }
        if std::fs::rename(dir, &self.spare).is_err() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// Puts the finished build (`places.fresh`) at `output`; the build it replaces becomes the spare.
pub fn swap_in(places: &Places, output: &Path) -> std::io::Result<()> {
    let fresh = &places.fresh;
    if std::fs::symlink_metadata(output).is_err() {
        return std::fs::rename(fresh, output);
    }
    match exchange(fresh, output) {
        Ok(()) => {
            // `fresh` now holds the build that was live until a moment ago.
            places.keep_as_spare(fresh);
            Ok(())
        }
        Err(e) if exchange_unsupported(&e) => swap_in_two_steps(places, output),
        Err(e) => Err(e),
    }
}

/// Where the system can't exchange two folders atomically: the live folder is moved aside, the new one
/// into its place. In between, for a moment, there is no output folder.
fn swap_in_two_steps(places: &Places, output: &Path) -> std::io::Result<()> {
    let old = places.old();
    std::fs::rename(output, &old)?;
    if let Err(e) = std::fs::rename(&places.fresh, output) {
        let _ = std::fs::rename(&old, output);
        return Err(e);
    }
    places.keep_as_spare(&old);
    Ok(())
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        std::ffi::CString::new(p.as_os_str().as_bytes())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both pointers are valid NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

fn exchange_unsupported(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::Unsupported
        || matches!(
            e.raw_os_error(),
            Some(libc::EINVAL | libc::ENOSYS | libc::ENOTSUP)
        )
}

/// Tidies what killed builds of this output left behind. A leftover of the two-step swap that holds the
/// live build while the output is missing is put back first; then one leftover becomes the spare (it is a
/// whole build, or most of one) and the rest are removed.
pub fn clean_leftovers(places: &Places, output: &Path) {
    let Ok(entries) = std::fs::read_dir(&places.parent) else {
        return;
    };
    let new = format!(".{}.kennis-new-", places.name);
    let old = format!(".{}.kennis-old-", places.name);
    let mut olds = Vec::new();
    let mut news = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let (list, pid) = if let Some(pid) = file_name.strip_prefix(&old) {
            (&mut olds, pid)
        } else if let Some(pid) = file_name.strip_prefix(&new) {
            (&mut news, pid)
        } else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        if pid != std::process::id() && !running(pid) && guard::is_ours(&entry.path()) {
            list.push(entry.path());
        }
    }
    for dir in olds.into_iter().chain(news) {
        if std::fs::symlink_metadata(output).is_err() && std::fs::rename(&dir, output).is_ok() {
            continue;
        }
        places.keep_as_spare(&dir);
    }
}

/// Whether a process with this id exists (it may be another build of the same output).
fn running(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only checks that the process exists; nothing is sent.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(dir: &Path, file: &str) {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join(guard::MARKER), "").unwrap();
        std::fs::write(dir.join(file), file).unwrap();
    }

    #[test]
    fn exchange_swaps_two_folders_and_the_old_one_becomes_the_spare() {
        let dir = tempfile::tempdir().unwrap();
        let places = Places::new(dir.path(), "public");
        let output = dir.path().join("public");
        ours(&output, "old.html");
        ours(&places.fresh, "new.html");
        swap_in(&places, &output).unwrap();
        assert!(output.join("new.html").exists() && !output.join("old.html").exists());
        assert!(places.spare.join("old.html").exists());
        assert!(!places.fresh.exists());
    }

    #[test]
    fn leftovers_of_dead_builds_become_the_spare_or_go_and_others_stay() {
        let dir = tempfile::tempdir().unwrap();
        let places = Places::new(dir.path(), "public");
        let output = dir.path().join("public");
        ours(&output, "live.html");
        // Process ids above the kernel's maximum (4,194,304) never run.
        let dead_a = dir.path().join(".public.kennis-new-99999998");
        let dead_b = dir.path().join(".public.kennis-new-99999999");
        ours(&dead_a, "a.html");
        ours(&dead_b, "b.html");
        let not_ours = dir.path().join(".public.kennis-new-99999997");
        std::fs::create_dir_all(&not_ours).unwrap();
        std::fs::write(not_ours.join("mine.txt"), "mine").unwrap();
        clean_leftovers(&places, &output);
        assert!(!dead_a.exists() && !dead_b.exists());
        assert!(places.spare.join(guard::MARKER).exists());
        assert!(
            not_ours.join("mine.txt").exists(),
            "a folder without the marker is never touched"
        );
        assert!(output.join("live.html").exists());
    }

    #[test]
    fn a_killed_two_step_swap_gets_its_output_back() {
        let dir = tempfile::tempdir().unwrap();
        let places = Places::new(dir.path(), "public");
        let output = dir.path().join("public");
        let old = dir.path().join(".public.kennis-old-99999999");
        ours(&old, "live.html");
        clean_leftovers(&places, &output);
        assert!(output.join("live.html").exists());
        assert!(!old.exists());
    }
}
