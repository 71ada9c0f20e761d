//! The fixed sections of the site and the kinds of page, by name only.
//!
//! A leaf: site.yaml names sections (their slugs, their page sizes), content files are sorted into kinds by
//! where they sit, and every later stage matches on both. What each kind allows lives in the kind table
//! ([`crate::content::kinds`]); the slugs of a section are in [`crate::config`].

use serde::Serialize;

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
}

/// What a content file is, from where it sits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "type", content = "section", rename_all = "lowercase")]
pub enum Kind {
    /// `content/_index.md`
    Home,
    /// `content/<section>/_index.md`
    Section(Section),
    /// `content/podcasts/<series>/_index.md`
    Series,
    Project,
    Episode,
    Guide,
    News,
    Event,
    Theme,
    Sector,
    /// `content/<id>.md`: about, contact and the like.
    Plain,
}

impl Kind {
    /// The name used for templates and in messages.
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Home => "home",
            Kind::Section(_) => "section",
            Kind::Series => "series",
            Kind::Project => "project",
            Kind::Episode => "episode",
            Kind::Guide => "guide",
            Kind::News => "news",
            Kind::Event => "event",
            Kind::Theme => "theme",
            Kind::Sector => "sector",
            Kind::Plain => "page",
        }
    }

    /// The section a page of this kind sits in: its listing, its breadcrumb, its folder.
    pub fn section(&self) -> Option<Section> {
        match self {
            Kind::Project => Some(Section::Projecten),
            Kind::Episode | Kind::Series => Some(Section::Podcasts),
            Kind::Guide => Some(Section::Handreikingen),
            Kind::News => Some(Section::Nieuws),
            Kind::Event => Some(Section::Evenementen),
            Kind::Theme => Some(Section::Themas),
            Kind::Sector => Some(Section::Sectoren),
            Kind::Section(s) => Some(*s),
            Kind::Home | Kind::Plain => None,
        }
    }

    /// For the kinds that section listings, themes and sectors list: their section.
    pub fn content_section(&self) -> Option<Section> {
        match self {
            Kind::Project | Kind::Episode | Kind::Guide | Kind::News | Kind::Event => {
                self.section()
            }
            Kind::Home
            | Kind::Section(_)
            | Kind::Series
            | Kind::Theme
            | Kind::Sector
            | Kind::Plain => None,
        }
    }
}
