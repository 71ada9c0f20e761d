//! `sitemap.xml` and `robots.txt`.
//!
//! The sitemap lists every page of both languages; each entry names all its language versions as
//! `xhtml:link rel="alternate" hreflang` plus an `x-default` (the Dutch page, Dutch being the site's
//! default). Above the protocol's 50,000 URLs per file, `sitemap.xml` becomes a sitemap index over
//! `sitemap-1.xml`, `sitemap-2.xml`, ... Written with quick-xml's writer, which does the escaping.

use super::{RenderCx, terms};
use crate::config::Lang;
use crate::content::Section;
use crate::diagnostics::Diagnostic;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

/// The sitemap protocol's limit of URLs per file.
pub const MAX_URLS: usize = 50_000;

const NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// The first page of each listing of all items of one type on a theme or sector page, with its language
/// and the same listing in the other language when there is one. (Their later pages are reached through
/// the pager, as with the section listings and a series' episodes, whose later pages are not listed
/// either.)
pub fn term_listings(r: &RenderCx) -> Vec<(String, Lang, Option<String>)> {
    let mut out = Vec::new();
    for i in 0..r.len() {
        if terms::Term::of(r.kind(i)).is_none() {
            continue;
        }
        for s in Section::CONTENT {
            if terms::term_listing_pages(r, i, s) > 0 {
                let other = r
                    .translation(i)
                    .filter(|&t| terms::term_listing_pages(r, t, s) > 0)
                    .map(|t| terms::term_listing_url(r, t, s, 1));
                out.push((terms::term_listing_url(r, i, s, 1), r.lang(i), other));
            }
        }
    }
    out
}

/// How many part files the sitemap needs: none while everything fits in `sitemap.xml`.
pub fn parts(r: &RenderCx) -> usize {
    part_count(r.len() + term_listings(r).len(), MAX_URLS)
}

/// Part files for `n` URLs at most `limit` to a file (a parameter so tests can split small numbers).
fn part_count(n: usize, limit: usize) -> usize {
    if n <= limit { 0 } else { n.div_ceil(limit) }
}

/// The URLs part `k` (from 1) lists, or all of them (`None`: `sitemap.xml` without parts).
fn part_range(k: Option<usize>, n: usize, limit: usize) -> std::ops::Range<usize> {
    match k {
        Some(k) => ((k - 1) * limit).min(n)..(k * limit).min(n),
        None => 0..n,
    }
}

pub fn part_url(k: usize) -> String {
    format!("/sitemap-{k}.xml")
}

type W = Writer<Vec<u8>>;

fn start(w: &mut W, root: &str, attrs: &[(&str, &str)]) -> std::io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut el = BytesStart::new(root);
    for a in attrs {
        el.push_attribute(*a);
    }
    w.write_event(Event::Start(el))
}

fn text_el(w: &mut W, name: &str, text: &str) -> std::io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&super::feeds::clean(text)))?;
    Ok(())
}

fn entry(r: &RenderCx, w: &mut W, i: usize) -> std::io::Result<()> {
    let mut versions: Vec<(Lang, &str)> = vec![(r.lang(i), r.url(i))];
    if let Some(t) = r.translation(i) {
        versions.push((r.lang(t), r.url(t)));
    }
    let (date, updated) = r.dates(i);
    url_entry(r, w, r.url(i), updated.or(date), versions)
}

/// One `<url>` with its language versions (this one among them).
fn url_entry(
    r: &RenderCx,
    w: &mut W,
    url: &str,
    lastmod: Option<crate::content::frontmatter::Date>,
    mut versions: Vec<(Lang, &str)>,
) -> std::io::Result<()> {
    w.write_event(Event::Start(BytesStart::new("url")))?;
    text_el(w, "loc", &r.permalink(url))?;
    // The sitemap protocol wants a whole date (W3C Datetime): a partial date gives its first day.
    if let Some(d) = lastmod {
        text_el(w, "lastmod", &d.iso_day())?;
    }
    versions.sort_by_key(|v| v.0);
    let default = versions
        .iter()
        .find(|v| v.0 == Lang::Nl)
        .unwrap_or(&versions[0]);
    let alternates = versions
        .iter()
        .map(|v| (v.0.code(), r.permalink(v.1)))
        .chain(std::iter::once(("x-default", r.permalink(default.1))));
    for (lang, href) in alternates {
        w.create_element("xhtml:link")
            .with_attributes([("rel", "alternate"), ("hreflang", lang), ("href", &href)])
            .write_empty()?;
    }
    w.write_event(Event::End(BytesEnd::new("url")))
}

fn finish(w: W, root: &str, url: &str) -> Result<(String, Vec<u8>), Vec<Diagnostic>> {
    let mut w = w;
    let bytes = w
        .write_event(Event::End(BytesEnd::new(root)))
        .map(|_| w.into_inner());
    super::feeds::written(url, bytes.map_err(|e| e.to_string()))
}

/// `sitemap.xml` (`part` None) or its part file number `part`.
pub fn render(r: &RenderCx, part: Option<usize>) -> Result<(String, Vec<u8>), Vec<Diagnostic>> {
    let n = parts(r);
    let mut w = Writer::new(Vec::new());
    let io = |e: std::io::Error| {
        vec![Diagnostic::error(
            format!("cannot write the sitemap: {e}"),
            format!("de sitemap kan niet geschreven worden: {e}"),
        )]
    };
    match part {
        None if n > 0 => {
            start(&mut w, "sitemapindex", &[("xmlns", NS)]).map_err(io)?;
            for k in 1..=n {
                w.write_event(Event::Start(BytesStart::new("sitemap")))
                    .map_err(io)?;
                text_el(&mut w, "loc", &r.permalink(&part_url(k))).map_err(io)?;
                w.write_event(Event::End(BytesEnd::new("sitemap")))
                    .map_err(io)?;
            }
            finish(w, "sitemapindex", "/sitemap.xml")
        }
        _ => {
            let url = part.map_or_else(|| "/sitemap.xml".to_string(), part_url);
            start(
                &mut w,
                "urlset",
                &[("xmlns", NS), ("xmlns:xhtml", XHTML_NS)],
            )
            .map_err(io)?;
            // The pages first, then the term listings: one numbering over both, split into parts.
            let listings = term_listings(r);
            let pages = r.len();
            let range = part_range(part, pages + listings.len(), MAX_URLS);
            for i in range.start.min(pages)..range.end.min(pages) {
                entry(r, &mut w, i).map_err(io)?;
            }
            let own = range.start.max(pages) - pages..range.end.max(pages) - pages;
            for (url, lang, other) in &listings[own] {
                let mut versions = vec![(*lang, url.as_str())];
                if let Some(o) = other {
                    versions.push((lang.other(), o.as_str()));
                }
                url_entry(r, &mut w, url, None, versions).map_err(io)?;
            }
            finish(w, "urlset", &url)
        }
    }
}

/// `robots.txt`: everything may be crawled; the sitemap is named with its full address.
pub fn robots(r: &RenderCx) -> Result<(String, Vec<u8>), Vec<Diagnostic>> {
    let text = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        r.permalink("/sitemap.xml")
    );
    Ok(("robots.txt".into(), text.into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parts of `n` URLs at `limit` a file cover every URL once, in order, none over the limit.
    #[test]
    fn parts_cover_every_url_once_and_none_exceeds_the_limit() {
        for limit in [1, 3, 10] {
            for n in 0..=4 * limit + 1 {
                let k = part_count(n, limit);
                if n <= limit {
                    assert_eq!(k, 0, "{n} URLs fit in sitemap.xml");
                    assert_eq!(part_range(None, n, limit), 0..n);
                    continue;
                }
                let ranges: Vec<_> = (1..=k).map(|i| part_range(Some(i), n, limit)).collect();
                let listed: Vec<usize> = ranges.iter().cloned().flatten().collect();
                assert_eq!(listed, (0..n).collect::<Vec<_>>(), "n={n} limit={limit}");
                assert!(ranges.iter().all(|r| !r.is_empty() && r.len() <= limit));
            }
        }
        assert_eq!(part_count(MAX_URLS, MAX_URLS), 0);
        assert_eq!(part_count(MAX_URLS + 1, MAX_URLS), 2);
    }
}
