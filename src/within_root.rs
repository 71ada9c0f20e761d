//! What a build may read: only files whose real location is inside the site's root folder.
//!
//! A symbolic link in `content/` or `static/` is followed only when the file or folder it points to lies
//! inside the site's root too. A link to anything outside (`/etc/passwd`, a folder in someone's home, a
//! Markdown file elsewhere) is not read and not published; the build warns about it, and so does `check`.
//! Without this rule a link could publish any file the person building can read.

use crate::diagnostics::Diagnostic;
use std::path::{Path, PathBuf};

/// The site's root, with links resolved, to compare real locations against.
#[derive(Debug, Clone)]
pub struct SiteRoot {
    real: PathBuf,
}

impl SiteRoot {
    pub fn new(root: &Path) -> SiteRoot {
        SiteRoot {
            real: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
        }
    }

    /// Whether `path`, with every link resolved, lies inside the root. A path that can't be resolved (a
    /// broken link) is not inside.
    pub fn holds(&self, path: &Path) -> bool {
        std::fs::canonicalize(path).is_ok_and(|p| p.starts_with(&self.real))
    }

    /// The warning for a link at `rel` (relative to the root) that leads outside it.
    pub fn outside_link(rel: &Path) -> Diagnostic {
        Diagnostic::warning("this is a link to a file or folder outside the site's folder: it is not published", "dit is een snelkoppeling (link) naar een bestand of map buiten de map van de site: die wordt niet gepubliceerd")
            .in_file(rel)
            .help("copy the file into the site's folder instead of linking to it, or remove the link", "zet een kopie van het bestand in de map van de site in plaats van een link, of haal de link weg")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_count_where_they_lead() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        std::fs::create_dir(root.join("static")).unwrap();
        std::fs::write(root.join("static/a.txt"), "a").unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.txt"),
            root.join("static/out.txt"),
        )
        .unwrap();
        std::os::unix::fs::symlink(root.join("static/a.txt"), root.join("static/in.txt")).unwrap();
        std::os::unix::fs::symlink(root.join("nowhere"), root.join("static/broken.txt")).unwrap();
        let r = SiteRoot::new(root);
        assert!(r.holds(&root.join("static/a.txt")));
        assert!(r.holds(&root.join("static/in.txt")));
        assert!(!r.holds(&root.join("static/out.txt")));
        assert!(!r.holds(&root.join("static/broken.txt")));
    }
}
