//! The news RSS feed per language, at the address it always had (`/nieuws/rss.xml`, `/en/news/rss.xml`).

use super::{RenderCx, absolute_html, clean, written};
use crate::config::Lang;
use crate::content::Section;
use crate::diagnostics::Diagnostic;
use crate::site::Page;
use rss::{Channel, Guid, Item};

/// How many items a news feed holds: readers only poll for what is new.
pub const ITEMS: usize = 50;

/// "SoFoKleS – Nieuws": the site title and the news section's title.
pub fn title(r: &RenderCx, lang: Lang) -> String {
    let cfg = r.config().lang(lang);
    match r.index("nieuws/_index", lang) {
        Some(sec) => format!("{} – {}", cfg.title, r.summary(sec).title),
        None => cfg.title.clone(),
    }
}

/// The news section page of `lang`, or the error that explains why there is no news feed.
pub fn section<'r>(r: &'r RenderCx, lang: Lang) -> Result<&'r Page, Vec<Diagnostic>> {
    r.get("nieuws/_index", lang).ok_or_else(|| {
        vec![
            Diagnostic::error(
                "missing news section: no news feed can be made",
                "de sectie nieuws ontbreekt, dus er kan geen nieuwsfeed gemaakt worden",
            )
            .help(
                "create content/nieuws/_index.md, or set `feeds: false` in site.yaml",
                "maak content/nieuws/_index.md aan, of zet `feeds: false` in site.yaml",
            ),
        ]
    })
}

/// The description of a page in a feed: its own, else its summary.
pub fn description(p: &Page) -> String {
    clean(
        p.src
            .description
            .as_deref()
            .or(p.rendered.summary.as_deref())
            .unwrap_or_default(),
    )
}

pub fn render(r: &RenderCx, lang: Lang) -> Result<(String, Vec<u8>), Vec<Diagnostic>> {
    let sec = section(r, lang)?;
    let cfg = r.config().lang(lang);
    let url = super::Plan::url(r, &super::Feed::News(lang));
    let items: Vec<Item> = r
        .range(
            crate::render::reads::List::Section(Section::Nieuws, lang),
            0,
            ITEMS,
        )
        .iter()
        .take(ITEMS)
        .map(|&i| {
            let p = r.page(i);
            let link = r.permalink(&p.url);
            Item {
                title: Some(clean(&p.src.title)),
                link: Some(link.clone()),
                guid: Some(Guid {
                    value: link,
                    permalink: true,
                }),
                pub_date: p.date.map(|d| super::moment(d).to_rfc2822()),
                description: Some(description(p)),
                content: Some(absolute_html(r, &p.rendered.html)),
                ..Default::default()
            }
        })
        .collect();
    let channel = Channel {
        title: clean(&title(r, lang)),
        link: r.permalink(&sec.url),
        description: clean(sec.src.description.as_deref().unwrap_or(&cfg.description)),
        language: Some(lang.code().to_string()),
        atom_ext: Some(super::self_link(r, &url)),
        items,
        ..Default::default()
    };
    written(
        &url,
        channel.write_to(Vec::new()).map_err(|e| e.to_string()),
    )
}
