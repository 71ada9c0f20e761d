//! Output: where rendered files go, and swapping a finished build in atomically.
//!
//! A build never writes into the live output folder. It writes into a folder beside it
//! (`.public.kennis-new-<pid>`) and, only when every page rendered without error, renames the live folder
//! away and the new one into place. The folder it replaced is not deleted but kept as `.public.kennis-spare`:
//! the next build takes it over and writes into it in place ([`recycle`]), which is much cheaper than
//! creating every file again, does not write files whose bytes are unchanged, and removes what
//! that build did not write. A failed build never touches the live folder. `serve` and `check` use
//! [`MemorySink`] and touch no disk at all.

pub mod guard;
mod recycle;
mod swap;

use crate::diagnostics::Diagnostic;
use std::collections::{BTreeMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

pub use crate::paths::Sink;

/// Checks that `rel` is a plain relative path and returns it under `root`.
fn inside(root: &Path, rel: &str) -> Result<PathBuf, Diagnostic> {
    let p = Path::new(rel);
    if rel.is_empty() || p.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(Diagnostic::error(
            format!("refusing to write `{rel}`: it is not a plain path inside the output folder"),
            format!(
                "`{rel}` wordt niet weggeschreven: het is geen gewoon pad binnen de uitvoermap"
            ),
        )
        .help(
            "check whether a slug or alias contains `..` or another odd character",
            "kijk of een slug of oud adres (alias) `..` of een ander vreemd teken bevat",
        ));
    }
    Ok(root.join(p))
}

pub struct DirSink {
    pub root: PathBuf,
    /// Whether `root` holds an earlier build's files, to be rewritten in place.
    reused: bool,
    /// What this build wrote (only kept for a reused folder, to sweep out the rest afterwards).
    written: Mutex<HashSet<String>>,
    /// The live output this build will replace: the last finished build.
    previous: Option<PathBuf>,
}

impl DirSink {
    /// A sink writing into `root`, which must be empty or (with `reused`) an earlier build's output.
    pub fn new(root: PathBuf, reused: bool) -> DirSink {
        DirSink {
            root,
            reused,
            written: Mutex::default(),
            previous: None,
        }
    }

    fn prepare(&self, rel: &str) -> Result<PathBuf, Diagnostic> {
        let path = inside(&self.root, rel)?;
        if self.reused
            && let Ok(mut w) = self.written.lock()
        {
            w.insert(rel.to_string());
        }
        if let Some(parent) = path.parent() {
            let made = if self.reused {
                recycle::make_dirs(&self.root, parent)
            } else {
                std::fs::create_dir_all(parent)
            };
            made.map_err(|e| {
                Diagnostic::error(
                    format!("cannot create {}: {e}", parent.display()),
                    format!("de map {} kan niet gemaakt worden ({e})", parent.display()),
                )
                .help(
                    "check that you may write in the output folder and that the disk is not full",
                    "kijk of je in de uitvoermap mag schrijven en of de schijf niet vol is",
                )
            })?;
        }
        Ok(path)
    }
}

impl Sink for DirSink {
    fn previous(&self) -> Option<&Path> {
        self.previous.as_deref()
    }

    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let path = self.prepare(rel)?;
        let wrote = if self.reused {
            recycle::write_in_place(&path, bytes)
        } else {
            std::fs::write(&path, bytes)
        };
        wrote.map_err(|e| {
            Diagnostic::error(
                format!("cannot write {}: {e}", path.display()),
                format!("{} kan niet opgeslagen worden ({e})", path.display()),
            )
            .help(
                "check that you may write in the output folder and that the disk is not full",
                "kijk of je in de uitvoermap mag schrijven en of de schijf niet vol is",
            )
        })
    }

    fn copy(&self, rel: &str, source: &Path) -> Result<(), Diagnostic> {
        let path = self.prepare(rel)?;
        // Always a copy, never a link: editing a file in the output must not edit the site's source, and
        // a symbolic link in the source must not become one in the output.
        let linked = if self.reused {
            recycle::copy_in_place(source, &path)
        } else {
            recycle::copy_contents(source, &path)
        };
        linked.map_err(|e| {
            Diagnostic::error(
                format!(
                    "cannot copy {} to {}: {e}",
                    source.display(),
                    path.display()
                ),
                format!(
                    "{} kan niet naar {} gekopieerd worden ({e})",
                    source.display(),
                    path.display()
                ),
            )
            .help(
                "check that you may write in the output folder and that the disk is not full",
                "kijk of je in de uitvoermap mag schrijven en of de schijf niet vol is",
            )
        })
    }
}

/// Keeps the output in memory (for `serve` and `check`).
#[derive(Default)]
pub struct MemorySink {
    pub files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl MemorySink {
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_default()
    }
}

impl Sink for MemorySink {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        inside(Path::new(""), rel)?;
        if let Ok(mut f) = self.files.lock() {
            f.insert(rel.to_string(), bytes.to_vec());
        }
        Ok(())
    }

    fn copy(&self, rel: &str, source: &Path) -> Result<(), Diagnostic> {
        let bytes = std::fs::read(source).map_err(|e| {
            Diagnostic::error(
                format!("cannot read {}: {e}", source.display()),
                format!("{} kan niet gelezen worden ({e})", source.display()),
            )
            .help(
                "check that the file exists and that you may read it",
                "kijk of het bestand bestaat en of je het mag lezen",
            )
        })?;
        self.write(rel, &bytes)
    }
}

/// Runs `build` against a folder beside `output` (the spare of an earlier build, or a new one) and swaps
/// it in only when `build` succeeds. `output` must pass the [`guard`]: it is refused, untouched, when it is
/// not kennis's own.
pub fn atomic<T>(
    root: &Path,
    output: &Path,
    build: impl FnOnce(&DirSink) -> Result<T, Vec<Diagnostic>>,
) -> Result<T, Vec<Diagnostic>> {
    guard::check(root, output).map_err(|r| vec![r.diagnostic(output)])?;
    let output = guard::resolve(output);
    let parent = output
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    let places = swap::Places::new(&parent, &name);
    let io = |what: &str, what_nl: &str, e: std::io::Error| {
        vec![
            Diagnostic::error(format!("{what}: {e}"), format!("{what_nl} ({e})")).help(
                "check that the output folder's parent exists and is writable",
                "kijk of de map waar de uitvoermap in staat bestaat en of je daarin mag schrijven",
            ),
        ]
    };
    std::fs::create_dir_all(&parent).map_err(|e| {
        io(
            &format!("cannot create {}", parent.display()),
            &format!("de map {} kan niet gemaakt worden", parent.display()),
            e,
        )
    })?;
    // A build that was killed left its folder behind: it becomes the spare, or goes.
    swap::clean_leftovers(&places, &output);
    let fresh = &places.fresh;
    if guard::is_ours(fresh) {
        // Only after a process id was reused: that build is gone.
        let _ = std::fs::remove_dir_all(fresh);
    }
    // Renaming is atomic: of two builds started at once, one gets the spare and the other starts empty.
    let reused = guard::is_ours(&places.spare) && std::fs::rename(&places.spare, fresh).is_ok();
    if !reused {
        std::fs::create_dir(fresh).map_err(|e| {
            io(
                &format!("cannot create {}", fresh.display()),
                &format!("de map {} kan niet gemaakt worden", fresh.display()),
                e,
            )
        })?;
    }
    let mut sink = DirSink::new(fresh.clone(), reused);
    // Only a finished build is ever swapped in, so the live folder is a whole build: what can be taken
    // over from it (the search index) is read there, never from the spare, which a failed build may have
    // left half rewritten.
    sink.previous = guard::is_ours(&output).then(|| output.clone());
    let result = sink
        .write(guard::MARKER, guard::MARKER_TEXT.as_bytes())
        .map_err(|d| vec![d])
        .and_then(|()| build(&sink))
        .and_then(|v| {
            if reused {
                let written = sink.written.into_inner().unwrap_or_default();
                recycle::sweep(fresh, &written).map_err(|e| {
                    io(
                        &format!("cannot remove old files from {}", fresh.display()),
                        &format!("oude bestanden in {} kunnen niet weg", fresh.display()),
                        e,
                    )
                })?;
            }
            Ok(v)
        });
    let v = match result {
        Err(e) => {
            // A reused folder is a whole earlier build, rewritten in part: the next build finishes the job.
            if reused {
                places.keep_as_spare(fresh);
            } else {
                let _ = std::fs::remove_dir_all(fresh);
            }
            return Err(e);
        }
        Ok(v) => v,
    };
    swap::swap_in(&places, &output).map_err(|e| {
        places.keep_as_spare(fresh);
        io(
            &format!("cannot move the new build to {}", output.display()),
            &format!(
                "de nieuwe versie van de site kan niet naar {} verplaatst worden",
                output.display()
            ),
            e,
        )
    })?;
    Ok(v)
}
