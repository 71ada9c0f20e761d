//! Content: the files under `content/`, read and understood one at a time.
//!
//! This stage knows nothing about other pages. It walks the folder ([`load`]), splits and types each file's
//! front matter ([`frontmatter`], [`page`]), and leaves cross-page questions (translations, links, themes) to
//! the site model. Markdown is rendered later ([`markdown`]) because links need every page's URL.

pub mod clean;
pub mod frontmatter;
pub mod kinds;
pub mod lines;
pub mod load;
pub mod markdown;
pub mod page;
pub mod shortcodes;

pub use page::{Details, Kind, SourcePage};

use serde::Serialize;
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

/// The fixed content sections, by their Dutch folder names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    Projecten,
    Podcasts,
    Handreikingen,
    Nieuws,
    Evenementen,
    Themas,
    Sectoren,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::Projecten,
        Section::Podcasts,
        Section::Handreikingen,
        Section::Nieuws,
        Section::Evenementen,
        Section::Themas,
        Section::Sectoren,
    ];

    /// The sections holding the content types that themes and sectors list.
    pub const CONTENT: [Section; 5] = [
        Section::Projecten,
        Section::Podcasts,
        Section::Handreikingen,
        Section::Nieuws,
        Section::Evenementen,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Section::Projecten => "projecten",
            Section::Podcasts => "podcasts",
            Section::Handreikingen => "handreikingen",
            Section::Nieuws => "nieuws",
            Section::Evenementen => "evenementen",
            Section::Themas => "themas",
            Section::Sectoren => "sectoren",
        }
    }

    /// The kind of the pages in the section's folder (podcasts: in a series folder inside it).
    pub fn item_kind(self) -> Kind {
        match self {
            Section::Projecten => Kind::Project,
            Section::Podcasts => Kind::Episode,
            Section::Handreikingen => Kind::Guide,
            Section::Nieuws => Kind::News,
            Section::Evenementen => Kind::Event,
            Section::Themas => Kind::Theme,
            Section::Sectoren => Kind::Sector,
        }
    }

    /// Every section's folder name, for messages: "projecten, podcasts, ... and sectoren" with `last` as
    /// the last joining word ("and", "or", "en", "of").
    pub fn listed(last: &str) -> String {
        let ids = Section::ALL.map(Section::id);
        let (tail, head) = ids.split_last().unwrap_or((&"", &[]));
        format!("{} {last} {tail}", head.join(", "))
    }

    pub fn from_id(id: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.id() == id)
    }

    pub fn slugs(self, config: &crate::config::Config) -> &crate::config::PerLang<String> {
        let s = &config.sections;
        match self {
            Section::Projecten => &s.projecten,
            Section::Podcasts => &s.podcasts,
            Section::Handreikingen => &s.handreikingen,
            Section::Nieuws => &s.nieuws,
            Section::Evenementen => &s.evenementen,
            Section::Themas => &s.themas,
            Section::Sectoren => &s.sectoren,
        }
    }
}
