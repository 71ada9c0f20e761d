//! Taking a language's search index over from the previous build when its pages did not change.
//!
//! Indexing is most of a build's time (BENCHMARKS.md), and most rebuilds change the pages of one language
//! or of none. Every build therefore writes [`MANIFEST`] beside the index: per language, how many pages
//! went in, a digest of them (each page's address and the HTML Pagefind was given, in the order it was
//! given), the running digest every [`CHECK`] pages, and the SHA-256 of each file of that language's index.
//! A language is reused only when all of this holds:
//! - the previous build's output folder (the live one, which only a finished build ever replaces) has the
//!   manifest, made with the same [`recipe`] (Pagefind's version, kennis's options for it);
//! - every file the manifest names is there with exactly the recorded bytes (a file changed or lost by
//!   hand, or left half-written, means indexing again);
//! - the pages are the same, in the same order.
//!
//! Pagefind gives the same files for the same pages in the same order (tests/golden_corpus.rs), so a
//! reused index is the one indexing would have made. The running digests let a build that changes a page
//! start indexing soon after the change instead of after the last page.

use super::{DIR, Files};
use sha2::{Digest as _, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// The manifest, relative to the output root.
pub const MANIFEST: &str = "pagefind/kennis-index.json";

/// Pagefind's `pagefind-entry.json`, which the languages share (see `merge`).
const ENTRY: &str = "pagefind/pagefind-entry.json";

/// Pages between two running digests.
const CHECK: usize = 256;

/// The Pagefind this kennis is built with. A unit test checks it against the version Pagefind writes, so
/// upgrading the crate without changing this fails the tests.
pub const PAGEFIND_VERSION: &str = "1.6.0";

/// What besides the pages decides the index: Pagefind's version and what kennis asks of it. Bump the last
/// number when the options in `new_index` or the files kept (`needed`) change.
pub fn recipe() -> String {
    format!(
        "pagefind {PAGEFIND_VERSION}; exclude {:?}; kennis 1",
        super::EXCLUDE
    )
}

/// The digest of one language's pages, added as they come.
pub struct Digest {
    hasher: Sha256,
    pages: usize,
    checkpoints: Vec<String>,
}

/// A language's pages, digested.
pub struct Finished {
    pub whole: String,
    pub checkpoints: Vec<String>,
}

impl Digest {
    pub fn new() -> Digest {
        Digest {
            hasher: Sha256::new(),
            pages: 0,
            checkpoints: Vec::new(),
        }
    }

    /// Adds a page; returns the running digest when this page ends a block of [`CHECK`].
    pub fn add(&mut self, url: &str, html: &str) -> Option<String> {
        // Lengths first, so that no two different lists of pages give the same stream of bytes.
        self.hasher.update((url.len() as u64).to_le_bytes());
        self.hasher.update(url.as_bytes());
        self.hasher.update((html.len() as u64).to_le_bytes());
        self.hasher.update(html.as_bytes());
        self.pages += 1;
        self.pages.is_multiple_of(CHECK).then(|| {
            let c = hex(&self.hasher.clone().finalize());
            self.checkpoints.push(c.clone());
            c
        })
    }

    pub fn pages(&self) -> usize {
        self.pages
    }

    pub fn finish(self) -> (usize, Finished) {
        let mut h = self.hasher;
        h.update((self.pages as u64).to_le_bytes());
        (
            self.pages,
            Finished {
                whole: hex(&h.finalize()),
                checkpoints: self.checkpoints,
            },
        )
    }
}

/// One language in the manifest.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Record {
    pub pages: usize,
    pub digest: String,
    pub checkpoints: Vec<String>,
    /// This language's own `pagefind-entry.json` (the written one names every language).
    pub entry: serde_json::Value,
    /// Every other file of this language's index, with the SHA-256 of its bytes.
    pub files: BTreeMap<String, String>,
}

impl Record {
    pub fn new(pages: usize, digest: Finished, files: &Files) -> Record {
        let mut entry = serde_json::Value::Null;
        let mut sums = BTreeMap::new();
        for (name, bytes) in files {
            if name == ENTRY {
                entry = serde_json::from_slice(bytes).unwrap_or_default();
            } else {
                sums.insert(name.clone(), hex(&Sha256::digest(bytes)));
            }
        }
        Record {
            pages,
            digest: digest.whole,
            checkpoints: digest.checkpoints,
            entry,
            files: sums,
        }
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Manifest {
    recipe: String,
    languages: BTreeMap<String, Record>,
}

/// The manifest file for this build's languages.
pub fn manifest(records: Vec<(String, Record)>) -> (String, Vec<u8>) {
    let m = Manifest {
        recipe: recipe(),
        languages: records.into_iter().collect(),
    };
    (
        MANIFEST.to_string(),
        serde_json::to_vec(&m).unwrap_or_default(),
    )
}

/// A language's index in the previous build's output, checked file by file.
pub struct Previous {
    pub files: Files,
    pub record: Record,
}

impl Previous {
    /// The previous build's index of `lang` in `dir`, when its manifest has the same recipe and every file
    /// it names has the recorded bytes; otherwise nothing (the language is indexed).
    pub fn load(dir: &Path, lang: &str) -> Option<Previous> {
        let bytes = std::fs::read(dir.join(MANIFEST)).ok()?;
        let mut m: Manifest = serde_json::from_slice(&bytes).ok()?;
        if m.recipe != recipe() {
            return None;
        }
        let record = m.languages.remove(lang)?;
        if !record.entry.is_object() {
            return None;
        }
        let mut files = Vec::with_capacity(record.files.len() + 1);
        for (name, sum) in &record.files {
            // Only files of the index, by a plain path: the manifest is a file in the output like any other.
            let plain = Path::new(name)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
            if !plain || !name.starts_with(&format!("{DIR}/")) {
                return None;
            }
            let bytes = std::fs::read(dir.join(name)).ok()?;
            if hex(&Sha256::digest(&bytes)) != *sum {
                return None;
            }
            files.push((name.clone(), bytes));
        }
        files.push((ENTRY.to_string(), serde_json::to_vec(&record.entry).ok()?));
        Some(Previous { files, record })
    }

    /// Whether the running digest after `pages` pages is the previous build's.
    pub fn agrees(&self, pages: usize, checkpoint: &str) -> bool {
        pages / CHECK >= 1
            && self
                .record
                .checkpoints
                .get(pages / CHECK - 1)
                .map(String::as_str)
                == Some(checkpoint)
    }

    /// Whether all pages are the previous build's.
    pub fn same(&self, pages: usize, digest: &Finished) -> bool {
        pages == self.record.pages && digest.whole == self.record.digest
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest(pages: &[(String, String)]) -> (usize, Finished) {
        let mut d = Digest::new();
        for (u, h) in pages {
            d.add(u, h);
        }
        d.finish()
    }

    fn previous(pages: &[(String, String)]) -> Previous {
        let (n, f) = digest(pages);
        Previous {
            files: Vec::new(),
            record: Record::new(n, f, &Vec::new()),
        }
    }

    #[test]
    fn a_change_shows_at_the_first_running_digest_after_it() {
        let pages: Vec<(String, String)> = (0..600)
            .map(|i| (format!("/p/{i}/"), format!("<p>page {i}</p>")))
            .collect();
        let prev = previous(&pages);
        let mut changed = pages.clone();
        changed[300].1.push('!');
        let mut d = Digest::new();
        let mut seen = Vec::new();
        for (u, h) in &changed {
            if let Some(c) = d.add(u, h) {
                seen.push((d.pages(), prev.agrees(d.pages(), &c)));
            }
        }
        // Pages 1-256 agree; the block with page 301 in it does not.
        assert_eq!(seen, [(256, true), (512, false)]);
        let (n, f) = d.finish();
        assert!(!prev.same(n, &f));
        let (n, f) = digest(&pages);
        assert!(prev.same(n, &f));
    }

    #[test]
    fn fewer_pages_or_pages_moved_are_not_the_same() {
        let pages: Vec<(String, String)> = (0..10)
            .map(|i| (format!("/p/{i}/"), "<p>x</p>".to_string()))
            .collect();
        let prev = previous(&pages);
        let (n, f) = digest(&pages[..9]);
        assert!(!prev.same(n, &f));
        let mut moved = pages.clone();
        moved.swap(2, 3);
        let (n, f) = digest(&moved);
        assert!(!prev.same(n, &f));
        // The address and the HTML are kept apart: "/p/1" + "0/..." is not "/p/10" + "/...".
        let a = digest(&[("/p/1".into(), "0/<p>".into())]).1.whole;
        let b = digest(&[("/p/10".into(), "/<p>".into())]).1.whole;
        assert_ne!(a, b);
    }
}
