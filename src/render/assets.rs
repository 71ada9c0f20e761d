//! Static files: the theme's `static/` and the site's `static/` (which wins), and content-hashed names.
//!
//! Every static file is copied to the same path in the output. Files a template asks for with `asset()`
//! are also written under a name that carries a hash of their content (`css/site.3f2a9c1b7d.css`), so a host
//! can cache them forever and a change is never hidden by a stale cache.

use crate::diagnostics::Diagnostic;
use crate::within_root::SiteRoot;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub struct StaticFile {
    pub source: PathBuf,
    /// The content-hashed path, or the logical path itself when fingerprints are off.
    pub hashed: String,
}

#[derive(Default)]
pub struct AssetManifest {
    /// Logical path (`css/site.css`) → file.
    pub files: BTreeMap<String, StaticFile>,
    used: Mutex<BTreeSet<String>>,
    fingerprint: bool,
    /// Links that lead outside the site and were left out.
    pub warnings: Vec<Diagnostic>,
}

impl AssetManifest {
    /// Collects static files; later folders override earlier ones. Links are followed only where they lead
    /// to a place inside the site's `root` (see [`SiteRoot`]); the others become warnings.
    pub fn collect(
        root: &Path,
        dirs: &[PathBuf],
        fingerprint: bool,
    ) -> std::io::Result<AssetManifest> {
        let site = SiteRoot::new(root);
        let mut files = BTreeMap::new();
        let mut warnings = Vec::new();
        for dir in dirs {
            if !dir.is_dir() {
                continue;
            }
            if !site.holds(dir) {
                warnings.push(SiteRoot::outside_link(&crate::diagnostics::relative(
                    root, dir,
                )));
                continue;
            }
            let mut walker = walkdir::WalkDir::new(dir)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter();
            while let Some(entry) = walker.next() {
                let entry = match entry {
                    Ok(e) => e,
                    // A broken link leads nowhere: there is nothing to publish.
                    Err(e) if e.path().is_some_and(Path::is_symlink) => continue,
                    Err(e) => return Err(std::io::Error::other(e)),
                };
                if entry.path_is_symlink() && !site.holds(entry.path()) {
                    warnings.push(SiteRoot::outside_link(&crate::diagnostics::relative(
                        root,
                        entry.path(),
                    )));
                    if entry.file_type().is_dir() {
                        walker.skip_current_dir();
                    }
                    continue;
                }
                if !entry.file_type().is_file() {
                    continue;
                }
                let logical = entry
                    .path()
                    .strip_prefix(dir)
                    .unwrap_or(entry.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                if logical.split('/').any(|s| s.starts_with('.')) {
                    continue;
                }
                files.insert(logical, entry.path().to_path_buf());
            }
        }
        let mut out = BTreeMap::new();
        for (logical, source) in files {
            // Without fingerprints (serve) nothing needs a hash: reading every file on every rebuild
            // was wasted work.
            if !fingerprint {
                out.insert(
                    logical.clone(),
                    StaticFile {
                        source,
                        hashed: logical,
                    },
                );
                continue;
            }
            let bytes = std::fs::read(&source)?;
            let digest = Sha256::digest(&bytes);
            let hash: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
            let hashed = match logical.rsplit_once('.') {
                Some((stem, ext)) if !stem.is_empty() && !stem.ends_with('/') => {
                    format!("{stem}.{hash}.{ext}")
                }
                _ => format!("{logical}.{hash}"),
            };
            out.insert(logical, StaticFile { source, hashed });
        }
        Ok(AssetManifest {
            files: out,
            warnings,
            used: Mutex::new(BTreeSet::new()),
            fingerprint,
        })
    }

    /// The hashed URL of `path`, remembering that it is used.
    pub fn url(&self, path: &str) -> Option<String> {
        let path = path.trim_start_matches('/');
        let f = self.files.get(path)?;
        if !self.fingerprint {
            return Some(format!("/{path}"));
        }
        if let Ok(mut used) = self.used.lock() {
            used.insert(path.to_string());
        }
        Some(format!("/{}", f.hashed))
    }

    pub fn used(&self) -> Vec<String> {
        self.used
            .lock()
            .map(|u| u.iter().cloned().collect())
            .unwrap_or_default()
    }

    pub fn exists(&self, path: &str) -> bool {
        self.files.contains_key(path.trim_start_matches('/'))
    }

    pub fn source(&self, path: &str) -> Option<&Path> {
        self.files
            .get(path.trim_start_matches('/'))
            .map(|f| f.source.as_path())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_hashed_only_when_fingerprints_are_on() {
        let site = tempfile::tempdir().unwrap();
        let dir = site.path().join("static");
        std::fs::create_dir_all(dir.join("css")).unwrap();
        std::fs::write(dir.join("css/site.css"), "body{}").unwrap();
        let on = AssetManifest::collect(site.path(), std::slice::from_ref(&dir), true).unwrap();
        let hashed = &on.files["css/site.css"].hashed;
        assert!(
            hashed.starts_with("css/site.") && hashed != "css/site.css",
            "{hashed}"
        );
        let off = AssetManifest::collect(site.path(), &[dir], false).unwrap();
        assert_eq!(off.files["css/site.css"].hashed, "css/site.css");
        assert_eq!(off.url("css/site.css").as_deref(), Some("/css/site.css"));
    }
}
