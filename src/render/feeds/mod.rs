//! Which feeds the site has, and what they share: the plan made once per render, dates, links.
//!
//! News: RSS per language at its old address (`/nieuws/rss.xml`) and Atom per language and per theme.
//! Podcasts: one RSS feed per series and language, only when podcast apps would accept it (see
//! [`podcast`]); what is left out and why goes to the build summary. Every feed is built as a value of a
//! feed crate and serialised by it, so escaping is never our job; dates are in English (RFC 2822 / 3339)
//! whatever the page language, as feed readers expect.

pub mod atom;
pub mod news;
pub mod podcast;

use super::RenderCx;
use crate::config::Lang;
use crate::content::Kind;
use crate::content::frontmatter::Date;
use crate::site::Page;
use chrono::{DateTime, FixedOffset};
use std::collections::HashMap;

#[derive(Debug, Clone, Hash)]
pub enum Feed {
    /// News RSS of one language.
    News(Lang),
    /// News Atom of one language, of all news or of one theme (the theme page's index).
    Atom(Lang, Option<usize>),
    /// Podcast RSS of the series page with this index.
    Series(usize),
}

/// Something the build left out of the feeds, for the summary, in both languages.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Note {
    pub en: String,
    pub nl: String,
}

/// The feeds of one render: made before any page, because pages link to them.
#[derive(Debug, Default)]
pub struct Plan {
    pub feeds: Vec<Feed>,
    /// Series page index → its feed's URL, for the series that have one.
    series: HashMap<usize, String>,
    pub notes: Vec<Note>,
}

impl Plan {
    pub fn new(r: &RenderCx) -> Plan {
        let mut plan = Plan::default();
        if !r.config().feeds {
            return plan;
        }
        for lang in Lang::ALL {
            plan.feeds.push(Feed::News(lang));
            plan.feeds.push(Feed::Atom(lang, None));
        }
        for i in 0..r.len() {
            let p = r.page(i);
            match p.kind {
                Kind::Theme if !atom::theme_news(r, i).is_empty() => {
                    plan.feeds.push(Feed::Atom(p.lang, Some(i)))
                }
                Kind::Series => match podcast::check(r, i) {
                    Ok(()) => {
                        plan.feeds.push(Feed::Series(i));
                        plan.series.insert(i, format!("{}rss.xml", p.url));
                    }
                    Err(note) => plan.notes.push(note),
                },
                _ => {}
            }
            if p.kind == Kind::Series
                && let Some(note) = podcast::left_out(r, i)
            {
                plan.notes.push(note);
            }
        }
        plan
    }

    /// The feed URL of the series page `i`, if it has a feed.
    pub fn series_url(&self, i: usize) -> Option<&str> {
        self.series.get(&i).map(String::as_str)
    }

    /// The site URL a feed is written to.
    pub fn url(r: &RenderCx, feed: &Feed) -> String {
        match feed {
            Feed::News(lang) => format!(
                "{}rss.xml",
                r.listing_url(crate::content::Section::Nieuws, *lang)
            ),
            Feed::Atom(lang, None) => format!(
                "{}atom.xml",
                r.listing_url(crate::content::Section::Nieuws, *lang)
            ),
            Feed::Atom(_, Some(i)) => format!("{}atom.xml", r.url(*i)),
            Feed::Series(i) => format!("{}rss.xml", r.url(*i)),
        }
    }

    /// The feeds a page links with `<link rel="alternate">`: the news feeds of its language, the Atom feed
    /// of the theme it is, and the feed of the series it is or belongs to.
    pub fn links_for(&self, r: &RenderCx, lang: Lang, page: Option<usize>) -> Vec<FeedLink> {
        let mut out = Vec::new();
        for f in &self.feeds {
            let (mime, title) = match f {
                Feed::News(l) if *l == lang => ("application/rss+xml", news::title(r, lang)),
                Feed::Atom(l, None) if *l == lang => ("application/atom+xml", news::title(r, lang)),
                Feed::Atom(_, Some(t)) if Some(*t) == page => (
                    "application/atom+xml",
                    format!("{} – {}", news::title(r, lang), r.summary(*t).title),
                ),
                Feed::Series(s) if Some(*s) == page || series_of(r, page) == Some(*s) => {
                    ("application/rss+xml", r.summary(*s).title.to_string())
                }
                _ => continue,
            };
            out.push(FeedLink {
                mime,
                title,
                href: Plan::url(r, f),
            });
        }
        out
    }
}

/// The series page an episode page belongs to.
fn series_of(r: &RenderCx, page: Option<usize>) -> Option<usize> {
    let p = r.page(page?);
    if p.kind != Kind::Episode {
        return None;
    }
    r.index(
        &format!("podcasts/{}/_index", p.src.series.as_deref()?),
        p.lang,
    )
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct FeedLink {
    pub mime: &'static str,
    pub title: String,
    pub href: String,
}

/// A whole date and time for a (possibly partial) date: its period's first day at 09:00 UTC, the same
/// moment in every feed and every build.
pub fn moment(d: Date) -> DateTime<FixedOffset> {
    d.first_day()
        .and_hms_opt(9, 0, 0)
        .unwrap_or_default()
        .and_utc()
        .fixed_offset()
}

/// When a page last changed: `updated`, else its date.
pub fn changed(p: &Page) -> Option<DateTime<FixedOffset>> {
    p.src.updated.or(p.date).map(moment)
}

/// Text as XML 1.0 allows it: control characters can't be written at all, escaped or not, so they go
/// (the same rule as for pages: `content::clean`).
pub fn clean(s: &str) -> String {
    crate::content::clean::strip(s).into_owned()
}

/// A page's HTML with its site links made absolute, for feed readers that show it outside the site.
pub fn absolute_html(r: &RenderCx, html: &str) -> String {
    clean(&super::subpath::rebase(html, &r.config().base_url))
}

/// The `atom:link rel="self"` an RSS feed carries, so readers know its own address.
pub fn self_link(r: &RenderCx, url: &str) -> rss::extension::atom::AtomExtension {
    rss::extension::atom::AtomExtension {
        links: vec![rss::extension::atom::Link {
            href: r.permalink(url),
            rel: "self".into(),
            mime_type: Some("application/rss+xml".into()),
            ..Default::default()
        }],
    }
}

/// A serialised feed, or the error of the crate that wrote it.
pub fn written(
    url: &str,
    bytes: Result<Vec<u8>, String>,
) -> Result<(String, Vec<u8>), Vec<crate::diagnostics::Diagnostic>> {
    let path = crate::site::urls::output_path(url).ok_or_else(|| {
        vec![
            crate::diagnostics::Diagnostic::error(
                format!("the feed address {url} would be written outside the output folder"),
                format!("de feed met adres {url} zou buiten de uitvoermap terechtkomen"),
            )
            .help(
                "change the slug of the section or theme",
                "verander de slug van de sectie of het thema",
            ),
        ]
    })?;
    let bytes = bytes.map_err(|e| {
        vec![crate::diagnostics::Diagnostic::error(
            format!("cannot write the feed {url}: {e}"),
            format!("de feed {url} kan niet geschreven worden: {e}"),
        )]
    })?;
    Ok((path, bytes))
}
