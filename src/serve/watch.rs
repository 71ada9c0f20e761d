//! Watching the site's files and rebuilding after each save.
//!
//! Directories are watched, never single files: editors that save by writing a new file and renaming it
//! over the old one would kill a watch on the file itself. Editor temp and backup files are ignored, and
//! events are debounced so one save gives one rebuild.
//!
//! Folders count like files: a folder renamed, moved in or deleted reaches the parse cache as one path,
//! and [`take_in`] makes it forget everything under that path (the next load walks the folder again).
//! When `content/`, `static/` or `themes/` itself is deleted and comes back, its watch died with the old
//! folder; the watcher watches the new one before rebuilding, so later edits in it are seen too.

use super::{State, rebuild};
use crate::build::Options;
use crate::content::load::ParseCache;
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

pub type Watcher = Debouncer<notify_debouncer_full::notify::RecommendedWatcher, RecommendedCache>;

/// The folders watched recursively; `site.yaml` is watched through the (non-recursive) root.
const WATCHED: [&str; 3] = ["content", "themes", "static"];

/// Files editors write next to the real one while saving. Known patterns only: a name without a dot is
/// usually a folder, and a folder renamed or deleted must be seen.
pub fn is_temp_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    name.starts_with(".#")
        || name.starts_with('#')
        || name.ends_with('~')
        || [
            ".swp",
            ".swx",
            ".swo",
            ".tmp",
            ".kate-swp",
            ".bck",
            "jb_old___",
            "jb_tmp___",
            "jb_bak___",
        ]
        .iter()
        .any(|s| name.ends_with(s))
        || name == ".DS_Store"
        // Vim's probe whether it may write in the folder (`backupcopy=auto`); a real folder of that
        // name still counts.
        || (name == "4913" && !path.is_dir())
}

/// Whether a change at `path` can change the site.
fn relevant(root: &Path, path: &Path) -> bool {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let first = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .unwrap_or_default();
    match first.as_str() {
        "content" | "themes" | "static" => !is_temp_file(path),
        "site.yaml" => true,
        _ => false,
    }
}

/// Takes in one batch of changed paths (files or folders, existing or gone): the parse cache forgets
/// what it knew under each relevant one, everything when the system dropped events (`rescan`). Returns
/// whether the site must be rebuilt. The watcher calls this for every batch; tests call it to edit a site
/// the way serve sees the edits.
pub fn take_in<'a>(
    root: &Path,
    cache: &ParseCache,
    paths: impl IntoIterator<Item = &'a Path>,
    rescan: bool,
) -> bool {
    if rescan {
        cache.clear();
    }
    let mut touched = rescan;
    for path in paths {
        if relevant(root, path) {
            cache.forget(path);
            touched = true;
        }
    }
    touched
}

/// The watched folders among `paths` that exist now: created or moved back after the old one (and its
/// watch) went away.
fn came_back<'a>(root: &Path, paths: impl IntoIterator<Item = &'a Path>) -> Vec<PathBuf> {
    let mut back: Vec<PathBuf> = paths
        .into_iter()
        .filter(|p| p.parent() == Some(root))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| WATCHED.iter().any(|w| n == *w))
        })
        .filter(|p| p.is_dir())
        .map(Path::to_path_buf)
        .collect();
    back.sort();
    back.dedup();
    back
}

pub fn start(
    root: PathBuf,
    opts: Options,
    state: State,
    debounce: Duration,
) -> std::io::Result<Arc<Mutex<Watcher>>> {
    let root = std::fs::canonicalize(&root)?;
    let watch_root = root.clone();
    // From now on every change reaches the parse cache through this watcher.
    if let Ok(inc) = state.incremental.lock() {
        inc.parsed
            .trust_forget
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }
    // The handler re-adds watches, so it needs the debouncer it belongs to; weakly, so dropping the
    // server's handle still stops it.
    let slot: Arc<Mutex<Weak<Mutex<Watcher>>>> = Arc::new(Mutex::new(Weak::new()));
    let handler_slot = slot.clone();
    let debouncer = new_debouncer(debounce, None, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let paths: Vec<&Path> = events
            .iter()
            .filter(|e| !matches!(e.kind, EventKind::Access(_)))
            .flat_map(|e| e.paths.iter().map(PathBuf::as_path))
            .collect();
        let rescan = events.iter().any(|e| e.need_rescan());
        let back = came_back(&watch_root, paths.iter().copied());
        if !back.is_empty()
            && let Some(watcher) = handler_slot.lock().ok().and_then(|w| w.upgrade())
            && let Ok(mut watcher) = watcher.lock()
        {
            for dir in back {
                // A stale entry for the old folder may still be registered; the new one replaces it.
                let _ = watcher.unwatch(&dir);
                if let Err(e) = watcher.watch(&dir, RecursiveMode::Recursive) {
                    eprintln!("cannot watch {}: {e}", dir.display());
                }
            }
        }
        let touched = match state.incremental.lock() {
            Ok(inc) => take_in(&watch_root, &inc.parsed, paths, rescan),
            Err(_) => true,
        };
        if touched {
            let event = rebuild(&opts, &state);
            let _ = state.events.send(event);
        }
    })
    .map_err(std::io::Error::other)?;
    let watcher = Arc::new(Mutex::new(debouncer));
    {
        let mut w = watcher
            .lock()
            .map_err(|_| std::io::Error::other("watcher lock"))?;
        for dir in WATCHED {
            let d = root.join(dir);
            if d.is_dir() {
                w.watch(&d, RecursiveMode::Recursive)
                    .map_err(std::io::Error::other)?;
            }
        }
        w.watch(&root, RecursiveMode::NonRecursive)
            .map_err(std::io::Error::other)?;
    }
    if let Ok(mut s) = slot.lock() {
        *s = Arc::downgrade(&watcher);
    }
    Ok(watcher)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temp_files_are_ignored() {
        for name in [
            "a.md.swp",
            ".#a.md",
            "#a.md#",
            "a.md~",
            "4913",
            ".DS_Store",
            "a.tmp",
        ] {
            assert!(is_temp_file(Path::new(name)), "{name}");
        }
        assert!(!is_temp_file(Path::new("a.md")));
    }

    #[test]
    fn folders_are_relevant() {
        let root = Path::new("/site");
        for p in [
            "/site/content",
            "/site/content/podcasts/reeks",
            "/site/static/downloads",
            "/site/themes/sofokles",
        ] {
            assert!(relevant(root, Path::new(p)), "{p}");
        }
        assert!(!relevant(root, Path::new("/site/public/nieuws")));
        assert!(!relevant(root, Path::new("/site/content/nieuws/a.md.swp")));
    }
}
