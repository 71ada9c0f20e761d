//! What templates see: small, typed views of the site model.
//!
//! A page's context holds that page, the short summaries of the pages it lists or links, and the site-wide
//! bits every page needs (menu, language switch). Summaries are computed once per page and shared by every
//! listing that shows them; no template ever receives the whole site.

use crate::config::Lang;
use crate::content::frontmatter::{Date, Period};
use crate::content::page::{GuideKind, GuideStatus, ProjectStatus};
use crate::content::{Details, Kind};
use crate::render::templates::{date_text, format_duration, resolve_link};
use crate::site::links::UrlTable;
use crate::site::{Page, Site};
use serde::Serialize;
use std::borrow::Cow;

/// A link to another page (a theme, a section, a series): mostly borrowed from the site model.
#[derive(Serialize, Clone, Hash)]
pub struct Ref<'a> {
    pub id: Cow<'a, str>,
    pub title: Cow<'a, str>,
    pub url: Cow<'a, str>,
}

/// A page as listings show it. Borrows from the page: a 20,000-page site makes one per page on every
/// (re)build, so copying titles, URLs and summary HTML into each cost more than the rest of the summary.
#[derive(Serialize, Clone, Hash)]
pub struct Summary<'a> {
    pub kind: &'static str,
    pub title: &'a str,
    pub url: &'a str,
    pub date: Option<String>,
    pub description: Option<&'a str>,
    /// Summary HTML (before `<!-- more -->`), when the page has one.
    pub summary: Option<&'a str>,
    pub status: Option<&'static str>,
    pub themes: Vec<Ref<'a>>,
    pub sectors: Vec<Ref<'a>>,
    pub episode: Option<u32>,
    /// An episode's audio file: a series offers a feed to subscribe to only when one of its episodes
    /// has one (and, being in the summary, serve's fingerprint of the series page sees it change).
    pub audio: Option<&'a str>,
    pub series: Option<&'a str>,
    pub guide_kind: Option<&'static str>,
    pub image: Option<&'a str>,
    pub image_alt: Option<&'a str>,
    /// An event's when and where, and whether it is over.
    pub event: Option<crate::render::events::EventFacts<'a>>,
}

pub fn status_name(s: ProjectStatus) -> &'static str {
    match s {
        ProjectStatus::Lopend => "lopend",
        ProjectStatus::Gepland => "gepland",
        ProjectStatus::Afgerond => "afgerond",
        ProjectStatus::Onbekend => "onbekend",
    }
}

pub fn guide_status_name(s: GuideStatus) -> &'static str {
    match s {
        GuideStatus::Verschenen => "verschenen",
        GuideStatus::InVoorbereiding => "in-voorbereiding",
        GuideStatus::Onbekend => "onbekend",
    }
}

pub fn guide_kind_name(k: GuideKind) -> &'static str {
    match k {
        GuideKind::Handreiking => "handreiking",
        GuideKind::Rapport => "rapport",
        GuideKind::App => "app",
        GuideKind::Platform => "platform",
        GuideKind::Magazine => "magazine",
        GuideKind::Video => "video",
        GuideKind::Toolkit => "toolkit",
    }
}

/// Theme/sector references of a page, in its language.
pub fn refs<'a>(site: &'a Site, folder: &str, ids: &'a [String], lang: Lang) -> Vec<Ref<'a>> {
    ids.iter()
        .filter_map(|id| {
            let key = format!("{folder}/{id}");
            let p = site
                .get(&key, lang)
                .or_else(|| site.get(&key, lang.other()))?;
            Some(Ref {
                id: Cow::Borrowed(id.as_str()),
                title: Cow::Borrowed(p.src.title.as_str()),
                url: Cow::Borrowed(p.url.as_str()),
            })
        })
        .collect()
}

pub fn summary<'a>(site: &'a Site, p: &'a Page) -> Summary<'a> {
    let (status, episode, audio, guide_kind) = match &p.details {
        Details::Project(m) => (m.status.map(status_name), None, None, None),
        Details::Episode(m) => (None, m.episode, m.audio.as_deref(), None),
        Details::Guide(m) => (
            m.status.map(guide_status_name),
            None,
            None,
            m.kind.map(guide_kind_name),
        ),
        Details::None | Details::Event(_) => (None, None, None, None),
    };
    let series = (p.kind == Kind::Episode)
        .then(|| {
            let key = format!("podcasts/{}/_index", p.src.series.as_deref().unwrap_or(""));
            site.get(&key, p.lang).map(|s| s.src.title.as_str())
        })
        .flatten();
    Summary {
        kind: p.kind.name(),
        title: &p.src.title,
        url: &p.url,
        date: p.date.map(|d| d.to_string()),
        description: p.src.description.as_deref(),
        summary: p.rendered.summary.as_deref(),
        status,
        themes: refs(site, "themas", &p.themes, p.lang),
        sectors: refs(site, "sectoren", &p.sectors, p.lang),
        episode,
        audio,
        series,
        guide_kind,
        image: p.image.as_deref(),
        image_alt: p.src.image_alt.as_deref(),
        event: crate::render::events::facts(p, site.today),
    }
}

/// "juli 2022 – maart 2024", "2023", or the free text as written.
pub fn period_text(period: &Period, lang: Lang) -> String {
    let one = |d: &Date| date_text(*d, lang);
    match period {
        Period::Text(t) => t.clone(),
        Period::Range {
            start: Some(s),
            end: Some(e),
        } => format!("{} – {}", one(s), one(e)),
        Period::Range {
            start: Some(s),
            end: None,
        } => match lang {
            Lang::Nl => format!("vanaf {}", one(s)),
            Lang::En => format!("from {}", one(s)),
        },
        Period::Range {
            start: None,
            end: Some(e),
        } => match lang {
            Lang::Nl => format!("tot en met {}", one(e)),
            Lang::En => format!("until {}", one(e)),
        },
        Period::Range { .. } => String::new(),
    }
}

#[derive(Serialize)]
pub struct MenuLink {
    pub title: String,
    pub url: String,
    pub active: bool,
}

/// Menu links with their URLs resolved, once per language per render (not once per page).
#[derive(Clone)]
pub struct Menu(Vec<(String, String)>);

impl Menu {
    pub fn resolve(items: &[crate::config::MenuItem], urls: &UrlTable, lang: Lang) -> Menu {
        Menu(
            items
                .iter()
                .map(|m| {
                    (
                        m.title.clone(),
                        resolve_link(urls, &m.link, lang).unwrap_or_else(|_| m.link.clone()),
                    )
                })
                .collect(),
        )
    }

    /// The links for the page at `current`, marking the one it belongs to.
    pub fn links(&self, lang: Lang, current: &str) -> Vec<MenuLink> {
        let home = format!("{}/", lang.prefix());
        self.0
            .iter()
            .map(|(title, url)| MenuLink {
                title: title.clone(),
                url: url.clone(),
                active: if *url == home {
                    current == url
                } else {
                    current.starts_with(url.as_str())
                },
            })
            .collect()
    }
}

/// Episode audio MIME type from its extension (mime_guess's table); `audio/mpeg` when it is unknown or
/// not audio.
pub fn audio_type(audio: &str) -> &'static str {
    let path = audio.split(['?', '#']).next().unwrap_or(audio);
    mime_guess::from_path(path)
        .iter_raw()
        .find(|m| m.starts_with("audio/"))
        // mime_guess says `audio/m4a`, which is not registered and which browsers and podcast apps don't
        // recognise; MPEG-4 audio is `audio/mp4`.
        .map(|m| if m == "audio/m4a" { "audio/mp4" } else { m })
        .unwrap_or("audio/mpeg")
}

pub fn duration_text(seconds: Option<u32>) -> Option<String> {
    seconds.map(format_duration)
}

#[cfg(test)]
mod audio_tests {
    #[test]
    fn audio_types_come_from_the_extension() {
        use super::audio_type;
        assert_eq!(audio_type("/audio/a.mp3"), "audio/mpeg");
        assert_eq!(audio_type("https://x.nl/a.M4A?x=1"), "audio/mp4");
        assert_eq!(audio_type("/audio/a.ogg"), "audio/ogg");
        assert_eq!(audio_type("/audio/a.wav"), "audio/wav");
        assert_eq!(audio_type("/audio/zonder-extensie"), "audio/mpeg");
    }
}
