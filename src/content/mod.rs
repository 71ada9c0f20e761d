//! Content: the files under `content/`, read and understood one at a time.
//!
//! This stage knows nothing about other pages. It walks the folder ([`load`]), splits and types each file's
//! front matter ([`frontmatter`], [`page`]), and leaves cross-page questions (translations, links, themes) to
//! the site model. Markdown is rendered later ([`markdown`]) because links need every page's URL.

pub use crate::clean;
pub mod frontmatter;
pub mod kinds;
pub mod lines;
pub mod load;
pub mod markdown;
pub mod page;
pub mod shortcodes;

pub use crate::sections::{Kind, Section};
pub use page::{Details, SourcePage};

use std::hash::{BuildHasher, Hash, Hasher};

/// A fast, fixed-seed hasher for change detection (fingerprints are compared within one process only).
pub fn hasher() -> ahash::AHasher {
    ahash::RandomState::with_seeds(0x6b65, 0x6e6e, 0x6973, 0x2121).build_hasher()
}

/// Hash of a text, with [`hasher`].
pub fn hash_text(text: &str) -> u64 {
    let mut h = hasher();
    text.hash(&mut h);
    h.finish()
}
