//! Watching the site's files and rebuilding after each save.
//!
//! Directories are watched, never single files: editors that save by writing a new file and renaming it
//! over the old one would kill a watch on the file itself. Editor temp and backup files are ignored, and
//! events are debounced so one save gives one rebuild.

use super::{State, rebuild};
use crate::build::Options;
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub type Watcher = Debouncer<notify_debouncer_full::notify::RecommendedWatcher, RecommendedCache>;

/// Files editors write next to the real one while saving.
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
        || !name.contains('.')
}

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

pub fn start(
    root: PathBuf,
    opts: Options,
    state: State,
    debounce: Duration,
) -> std::io::Result<Watcher> {
    let root = std::fs::canonicalize(&root)?;
    let watch_root = root.clone();
    // From now on every change reaches the parse cache through this watcher.
    if let Ok(inc) = state.incremental.lock() {
        inc.parsed
            .trust_forget
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }
    let mut debouncer = new_debouncer(debounce, None, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let touched = events.iter().any(|e| {
            !matches!(e.kind, EventKind::Access(_))
                && e.paths.iter().any(|p| relevant(&watch_root, p))
        });
        if touched {
            if let Ok(inc) = state.incremental.lock() {
                if events.iter().any(|e| e.need_rescan()) {
                    inc.parsed.clear();
                }
                for path in events.iter().flat_map(|e| e.paths.iter()) {
                    inc.parsed.forget(path);
                }
            }
            let event = rebuild(&opts, &state);
            let _ = state.events.send(event);
        }
    })
    .map_err(std::io::Error::other)?;
    for dir in ["content", "themes", "static"] {
        let d = root.join(dir);
        if d.is_dir() {
            debouncer
                .watch(&d, RecursiveMode::Recursive)
                .map_err(std::io::Error::other)?;
        }
    }
    debouncer
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(std::io::Error::other)?;
    Ok(debouncer)
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
}
