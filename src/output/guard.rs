//! The output folder is kennis's alone: deciding whether a build may write to (and later replace) a folder.
//!
//! A build replaces its output folder wholesale and sweeps away, in the reused spare, every file it did not
//! write. That is only safe in a folder kennis made itself. So every output folder carries a marker file
//! ([`MARKER`]) written by kennis, and a build refuses:
//!
//! - an output that is the site's root, contains it, or lies inside `content/`, `static/` or `themes/`;
//! - an existing folder without the marker, unless it is empty;
//! - a file, or a symbolic link, where the output folder should be.
//!
//! Paths are compared after resolving symbolic links and `..`, so `public -> content` or
//! `content/../content` can't slip through. Nothing here moves or deletes anything.

use crate::diagnostics::Diagnostic;
use std::path::{Component, Path, PathBuf};

pub use crate::paths::MARKER;

/// What the marker file says, for a person who finds it.
pub const MARKER_TEXT: &str = "This folder is written by kennis (`kennis build`): every build replaces its \
contents. Do not keep your own files here.\nDeze map wordt geschreven door kennis (`kennis build`): elke \
build vervangt de inhoud. Bewaar hier geen eigen bestanden.\n";

/// Why a folder can't be the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The output is the site's root folder.
    IsRoot,
    /// The output contains the site's root folder.
    ContainsRoot,
    /// The output is or lies inside one of the site's source folders (`content`, `static`, `themes`).
    InsideSources(&'static str),
    /// Something that is not a folder stands where the output should be.
    NotAFolder,
    /// The output is a symbolic link.
    Symlink,
    /// An existing, non-empty folder that kennis did not make.
    NotOurs,
}

impl Refusal {
    /// The refusal told to the person who gave `--output`, in both languages.
    pub fn diagnostic(&self, output: &Path) -> Diagnostic {
        let out = output.display();
        let (en, nl) = match self {
            Refusal::IsRoot => (
                format!(
                    "the output folder {out} is the site folder itself: a build would replace your sources"
                ),
                format!(
                    "de uitvoermap {out} is de map van de site zelf: een build zou je bronbestanden vervangen"
                ),
            ),
            Refusal::ContainsRoot => (
                format!(
                    "the output folder {out} contains the site folder: a build would replace your sources"
                ),
                format!(
                    "de uitvoermap {out} bevat de map van de site: een build zou je bronbestanden vervangen"
                ),
            ),
            Refusal::InsideSources(dir) => (
                format!("the output folder {out} lies inside {dir}/, which the build reads from"),
                format!("de uitvoermap {out} ligt in {dir}/, waar de build uit leest"),
            ),
            Refusal::NotAFolder => (
                format!("{out} is a file, not a folder: it can't be the output folder"),
                format!("{out} is een bestand, geen map: het kan geen uitvoermap zijn"),
            ),
            Refusal::Symlink => (
                format!("the output folder {out} is a symbolic link"),
                format!("de uitvoermap {out} is een snelkoppeling (symbolische link)"),
            ),
            Refusal::NotOurs => (
                format!(
                    "{out} already exists and was not made by kennis (it has no {MARKER} file): a build would replace everything in it"
                ),
                format!(
                    "{out} bestaat al en is niet door kennis gemaakt (er staat geen {MARKER} in): een build zou alles erin vervangen"
                ),
            ),
        };
        let (help, help_nl) = match self {
            Refusal::Symlink => (
                "give the real folder the link points to as --output".to_string(),
                "geef de echte map waar de link naar wijst op als --output".to_string(),
            ),
            Refusal::NotOurs => (
                format!(
                    "choose a new or empty folder with --output; if {out} is an old build of this site, delete it yourself once and build again"
                ),
                format!(
                    "kies met --output een nieuwe of lege map; is {out} een oude build van deze site, verwijder hem dan zelf één keer en bouw opnieuw"
                ),
            ),
            _ => (
                "choose a folder outside the site's content/, static/ and themes/, e.g. --output public".to_string(),
                "kies een map buiten content/, static/ en themes/ van de site, bijvoorbeeld --output public".to_string(),
            ),
        };
        Diagnostic::error(en, nl)
            .in_file(output)
            .help(help, help_nl)
    }
}

/// The site folders a build reads from; the output may never be one of them or inside one.
const SOURCES: [&str; 3] = ["content", "static", "themes"];

/// Checks that `output` may be written by a build of the site at `root`.
pub fn check(root: &Path, output: &Path) -> Result<(), Refusal> {
    if std::fs::symlink_metadata(output).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Refusal::Symlink);
    }
    let out = resolve(output);
    let root = resolve(root);
    if out == root {
        return Err(Refusal::IsRoot);
    }
    if root.starts_with(&out) {
        return Err(Refusal::ContainsRoot);
    }
    for source in SOURCES {
        if out.starts_with(resolve(&root.join(source))) {
            return Err(Refusal::InsideSources(source));
        }
    }
    match std::fs::symlink_metadata(output) {
        Err(_) => Ok(()),
        Ok(m) if !m.is_dir() => Err(Refusal::NotAFolder),
        Ok(_) if is_ours(output) || is_empty(output) => Ok(()),
        Ok(_) => Err(Refusal::NotOurs),
    }
}

/// Whether `dir` is a folder (not a link to one) that carries kennis's marker.
pub fn is_ours(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir())
        && std::fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
}

fn is_empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
}

/// The absolute path with links and `..` resolved as far as the path exists; the part that does not exist
/// yet is appended as written (without `.` and `..`).
pub fn resolve(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut existing = absolute.clone();
    let mut rest: Vec<std::ffi::OsString> = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(&existing) {
            let mut out = real;
            for part in rest.iter().rev() {
                let p = Path::new(part);
                match p.components().next() {
                    Some(Component::ParentDir) => {
                        out.pop();
                    }
                    Some(Component::CurDir) | None => {}
                    _ => out.push(p),
                }
            }
            return out;
        }
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => {
                // `..` at the end of a path that doesn't exist: keep it for the loop above.
                if existing.ends_with("..")
                    && let Some(parent) = existing.parent()
                {
                    rest.push("..".into());
                    existing = parent.to_path_buf();
                    continue;
                }
                return absolute;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for d in SOURCES {
            std::fs::create_dir_all(dir.path().join(d)).unwrap();
        }
        std::fs::write(dir.path().join("content/x.md"), "---\ntitle: x\n---\n").unwrap();
        dir
    }

    #[test]
    fn the_usual_places_are_accepted() {
        let s = site();
        let root = s.path();
        assert_eq!(check(root, &root.join("public")), Ok(()));
        std::fs::create_dir(root.join("public")).unwrap();
        assert_eq!(check(root, &root.join("public")), Ok(()), "empty folder");
        std::fs::write(root.join("public/index.html"), "x").unwrap();
        assert_eq!(check(root, &root.join("public")), Err(Refusal::NotOurs));
        std::fs::write(root.join("public").join(MARKER), MARKER_TEXT).unwrap();
        assert_eq!(check(root, &root.join("public")), Ok(()));
        assert_eq!(check(root, &root.join("out/deeper/site")), Ok(()));
    }

    #[test]
    fn sources_and_the_root_are_refused_however_they_are_spelled() {
        let s = site();
        let root = s.path();
        assert_eq!(check(root, root), Err(Refusal::IsRoot));
        assert_eq!(check(root, &root.join("content/..")), Err(Refusal::IsRoot));
        assert_eq!(
            check(root, root.parent().unwrap()),
            Err(Refusal::ContainsRoot)
        );
        assert_eq!(
            check(root, &root.join("content")),
            Err(Refusal::InsideSources("content"))
        );
        assert_eq!(
            check(root, &root.join("static/new/out")),
            Err(Refusal::InsideSources("static"))
        );
        assert_eq!(
            check(root, &root.join("public/../themes/x")),
            Err(Refusal::InsideSources("themes"))
        );
        std::os::unix::fs::symlink(root.join("content"), root.join("link")).unwrap();
        assert_eq!(check(root, &root.join("link")), Err(Refusal::Symlink));
        assert_eq!(
            check(root, &root.join("link/sub")),
            Err(Refusal::InsideSources("content"))
        );
        std::fs::write(root.join("file.txt"), "mine").unwrap();
        assert_eq!(
            check(root, &root.join("file.txt")),
            Err(Refusal::NotAFolder)
        );
    }
}
