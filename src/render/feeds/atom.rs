//! Atom news feeds: per language (`/nieuws/atom.xml`) and per theme and language
//! (`/themas/werkdruk/atom.xml`), with the full text of every item.
//!
//! Ids are the pages' permanent addresses, so they stay the same from build to build; `updated` is the
//! newest change of an entry (never the build time, which would make every build a new feed).

use super::news::{ITEMS, description, section, title};
use super::{RenderCx, absolute_html, changed, clean, written};
use crate::config::Lang;
use crate::content::Section;
use crate::diagnostics::Diagnostic;
use crate::render::reads::List;
use atom_syndication::{Content, Entry, Feed, Link, Person, Text};

/// The news items tagged with the theme page `theme`, newest first.
pub fn theme_news<'r>(r: &'r RenderCx, theme: usize) -> &'r [usize] {
    r.range(List::ThemeNews(theme), 0, ITEMS)
}

fn link(href: String, rel: &str, mime: &str) -> Link {
    Link {
        href,
        rel: rel.into(),
        mime_type: Some(mime.into()),
        ..Default::default()
    }
}

pub fn render(
    r: &RenderCx,
    lang: Lang,
    theme: Option<usize>,
) -> Result<(String, Vec<u8>), Vec<Diagnostic>> {
    let sec = section(r, lang)?;
    let url = super::Plan::url(r, &super::Feed::Atom(lang, theme));
    let (feed_title, page, ids) = match theme {
        None => (
            title(r, lang),
            sec,
            r.range(List::Section(Section::Nieuws, lang), 0, ITEMS),
        ),
        Some(t) => {
            let p = r.page(t);
            (
                format!("{} – {}", title(r, lang), p.src.title),
                p,
                theme_news(r, t),
            )
        }
    };
    let author = Person {
        name: clean(&r.config().lang(lang).title),
        ..Default::default()
    };
    let entries: Vec<Entry> = ids
        .iter()
        .take(ITEMS)
        .filter_map(|&i| {
            let p = r.page(i);
            // Atom requires a time on every entry; news without a date can't be placed in time.
            let updated = changed(p)?;
            let href = r.permalink(&p.url);
            Some(Entry {
                title: Text::plain(clean(&p.src.title)),
                id: href.clone(),
                updated,
                published: p.date.map(super::moment),
                authors: vec![author.clone()],
                links: vec![link(href, "alternate", "text/html")],
                summary: Some(Text::plain(description(p))),
                content: Some(Content {
                    value: Some(absolute_html(r, &p.rendered.html)),
                    content_type: Some("html".into()),
                    ..Default::default()
                }),
                ..Default::default()
            })
        })
        .collect();
    // A feed without entries changes when its section page does.
    let updated = entries
        .iter()
        .map(|e| e.updated)
        .max()
        .or_else(|| changed(page))
        .unwrap_or_default();
    let self_url = r.permalink(&url);
    let feed = Feed {
        title: Text::plain(clean(&feed_title)),
        id: self_url.clone(),
        updated,
        authors: vec![author],
        links: vec![
            link(r.permalink(&page.url), "alternate", "text/html"),
            link(self_url, "self", "application/atom+xml"),
        ],
        subtitle: page
            .src
            .description
            .as_deref()
            .map(|d| Text::plain(clean(d))),
        lang: Some(lang.code().into()),
        entries,
        ..Default::default()
    };
    written(&url, feed.write_to(Vec::new()).map_err(|e| e.to_string()))
}
