//! Static files: the theme's `static/` and the site's `static/` (which wins), and content-hashed names.
//!
//! Every static file is copied to the same path in the output. Files a template asks for with `asset()`
//! are also written under a name that carries a hash of their content (`css/site.3f2a9c1b7d.css`), so a host
//! can cache them forever and a change is never hidden by a stale cache.

use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub struct StaticFile {
    pub source: PathBuf,
    pub hashed: String,
}

#[derive(Default)]
pub struct AssetManifest {
    /// Logical path (`css/site.css`) → file.
    pub files: BTreeMap<String, StaticFile>,
    used: Mutex<BTreeSet<String>>,
    fingerprint: bool,
}

/// Whether `dir` is a symbolic link to somewhere outside the folder it sits in.
fn links_away(dir: &Path) -> bool {
    let is_link = std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink());
    let (Some(parent), true) = (dir.parent(), is_link) else {
        return false;
    };
    match (std::fs::canonicalize(dir), std::fs::canonicalize(parent)) {
        (Ok(target), Ok(parent)) => !target.starts_with(parent),
        _ => true,
    }
}

impl AssetManifest {
    /// Collects static files; later folders override earlier ones.
    pub fn collect(dirs: &[PathBuf], fingerprint: bool) -> std::io::Result<AssetManifest> {
        let mut files = BTreeMap::new();
        for dir in dirs {
            // Links inside a static folder are not followed (the walk below does not); a static folder
            // that is itself a link must stay beside it, or a link to any folder would publish it.
            if !dir.is_dir() || links_away(dir) {
                continue;
            }
            for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
                let entry = entry.map_err(std::io::Error::other)?;
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
