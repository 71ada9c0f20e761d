//! Feeds and the sitemap, rendered from the theme's `rss.xml` and `sitemap.xml` templates.
//!
//! One RSS feed of news per language and one podcast feed per series and language. Feed dates are RFC 2822
//! in English whatever the page language, as feed readers expect; the sitemap lists every page with its
//! translation as an `hreflang` alternate.

use super::Renderer;
use crate::config::Lang;
use crate::content::{Details, Kind, Section};
use crate::diagnostics::Diagnostic;
use crate::site::Site;
use serde::Serialize;
use tera::Context;

#[derive(Debug, Clone, Hash)]
pub enum Feed {
    News(Lang),
    /// Index of the series page.
    Series(usize),
}

pub fn all(site: &Site) -> Vec<Feed> {
    let mut v: Vec<Feed> = Lang::ALL.into_iter().map(Feed::News).collect();
    v.extend(
        site.pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == Kind::Series)
            .map(|(i, _)| Feed::Series(i)),
    );
    v
}

#[derive(Serialize)]
struct Enclosure {
    url: String,
    length: u64,
    mime: &'static str,
}

#[derive(Serialize)]
struct Item {
    title: String,
    link: String,
    guid: String,
    pub_date: Option<String>,
    description: String,
    enclosure: Option<Enclosure>,
    duration: Option<String>,
    episode: Option<u32>,
}

#[derive(Serialize)]
struct FeedView {
    title: String,
    description: String,
    link: String,
    self_url: String,
    language: &'static str,
    podcast: bool,
    items: Vec<Item>,
}

/// RSS wants a whole date and time: a partial date gives the first day of its period.
fn rfc2822(d: crate::content::frontmatter::Date) -> String {
    d.first_day()
        .and_hms_opt(9, 0, 0)
        .map(|t| t.and_utc().to_rfc2822())
        .unwrap_or_default()
}

pub fn render(r: &Renderer, feed: &Feed) -> Result<(String, Vec<u8>), Vec<Diagnostic>> {
    let site = r.site;
    let (lang, title, description, link, ids, podcast) = match feed {
        Feed::News(lang) => {
            let sec = site
                .get("nieuws/_index", *lang)
                .ok_or_else(|| {
                    vec![
                        Diagnostic::error("missing news section")
                            .nl("de sectie nieuws ontbreekt, dus er kan geen nieuwsfeed (RSS) gemaakt worden")
                            .help_nl("maak content/nieuws/_index.md aan, of zet `feeds: false` in site.yaml"),
                    ]
                })?;
            let cfg = site.config.lang(*lang);
            (
                *lang,
                format!("{} – {}", cfg.title, sec.src.title),
                sec.src
                    .description
                    .clone()
                    .unwrap_or_else(|| cfg.description.clone()),
                sec.url.clone(),
                r.idx.items(Section::Nieuws, *lang).to_vec(),
                false,
            )
        }
        Feed::Series(i) => {
            let p = &site.pages[*i];
            let ids = r
                .idx
                .series
                .get(&(p.src.series.as_deref().unwrap_or(""), p.lang))
                .cloned()
                .unwrap_or_default();
            (
                p.lang,
                p.src.title.clone(),
                p.src.description.clone().unwrap_or_default(),
                p.url.clone(),
                ids,
                true,
            )
        }
    };
    let items = ids
        .iter()
        .take(50)
        .map(|&i| {
            let p = &site.pages[i];
            let (enclosure, duration, episode) = match &p.details {
                Details::Episode(m) => (
                    m.audio.as_ref().map(|a| {
                        let info = r.file_info(a);
                        Enclosure {
                            url: if a.starts_with("http") {
                                a.clone()
                            } else {
                                r.permalink(a)
                            },
                            length: info.and_then(|i| i.size).unwrap_or(0),
                            mime: super::context::audio_type(a),
                        }
                    }),
                    m.duration.map(super::templates::format_duration),
                    m.episode,
                ),
                _ => (None, None, None),
            };
            Item {
                title: p.src.title.clone(),
                link: r.permalink(&p.url),
                guid: r.permalink(&p.url),
                pub_date: p.date.map(rfc2822),
                description: p
                    .src
                    .description
                    .clone()
                    .or_else(|| p.rendered.summary.clone())
                    .unwrap_or_default(),
                enclosure,
                duration,
                episode,
            }
        })
        .collect();
    let self_url = format!("{link}rss.xml");
    let view = FeedView {
        title,
        description,
        link: r.permalink(&link),
        self_url: r.permalink(&self_url),
        language: lang.code(),
        podcast,
        items,
    };
    let mut ctx = Context::new();
    ctx.insert("lang", lang.code());
    ctx.insert("feed", &view);
    r.emit("rss.xml", &ctx, &self_url)
}

#[derive(Serialize)]
struct Entry {
    loc: String,
    lastmod: Option<String>,
    alternates: Vec<(String, String)>,
}

pub fn sitemap(r: &Renderer) -> Result<(String, Vec<u8>), Vec<Diagnostic>> {
    let site = r.site;
    let entries: Vec<Entry> = site
        .pages
        .iter()
        .map(|p| {
            let mut alternates = vec![(p.lang.code().to_string(), r.permalink(&p.url))];
            if let Some(t) = p.translation {
                let t = &site.pages[t];
                alternates.push((t.lang.code().to_string(), r.permalink(&t.url)));
            }
            alternates.sort();
            Entry {
                loc: r.permalink(&p.url),
                lastmod: p
                    .src
                    .updated
                    .or(p.date)
                    // The sitemap protocol wants a whole date (W3C Datetime): the period's first day.
                    .map(|d| d.iso_day()),
                alternates,
            }
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("lang", "nl");
    ctx.insert("entries", &entries);
    r.emit("sitemap.xml", &ctx, "/sitemap.xml")
}
