//! Listings: section pages and a podcast series' episodes with pagination, the theme and sector indexes,
//! the home page, related content, and the indexes they share (theme and sector pages themselves are in `terms.rs`).
//!
//! The indexes are built once per render in one pass over the pages (never a scan of all pages per
//! listing), and every listing hands its template only the summaries it shows.

use super::RenderCx;
use super::context::Summary;
use super::reads::List;
use super::terms::Term;
use crate::config::Lang;
use crate::content::page::{GuideStatus, ProjectStatus};
use crate::content::{Details, Kind, Section};
use crate::site::{Page, Site};
use rayon::prelude::*;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::HashMap;
use tera::Context;

#[derive(Default)]
pub struct Indexes<'a> {
    /// (section, lang) → pages of that section's content kind, in listing order.
    pub sections: HashMap<(Section, Lang), Vec<usize>>,
    /// (theme id, lang) → tagged content pages, newest first.
    pub themes: HashMap<(&'a str, Lang), Vec<usize>>,
    /// (theme id, lang, section) → the same, split by content type.
    pub theme_sections: HashMap<(&'a str, Lang, Section), Vec<usize>>,
    pub sectors: HashMap<(&'a str, Lang), Vec<usize>>,
    /// (theme or sector, term id, lang, section) → tagged pages in the order a theme or sector page shows
    /// them: running projects before planned and finished ones, each newest first; guides published
    /// first; events upcoming first; news and episodes newest first.
    pub term_groups: HashMap<(Term, &'a str, Lang, Section), Vec<usize>>,
    /// (series id, lang) → episodes, newest first.
    pub series: HashMap<(&'a str, Lang), Vec<usize>>,
    /// project id → (lang) pages naming it in `related`.
    pub related_to: HashMap<(&'a str, Lang), Vec<usize>>,
    /// lang → theme pages / sector pages by weight, then title.
    pub theme_pages: HashMap<Lang, Vec<usize>>,
    pub sector_pages: HashMap<Lang, Vec<usize>>,
    /// lang → podcast series pages, in the order the pages were loaded.
    pub series_pages: HashMap<Lang, Vec<usize>>,
}

/// The sections whose listing is a paginated list of their pages (themes and sectors list terms).
pub fn is_paginated(s: Section) -> bool {
    s.item_kind().content_section().is_some()
}

fn status_rank(p: &Page) -> u8 {
    match &p.details {
        Details::Project(m) => match m.status {
            Some(ProjectStatus::Lopend) => 0,
            Some(ProjectStatus::Gepland) => 1,
            Some(ProjectStatus::Afgerond) => 2,
            // What the documents do not say comes after what they do.
            Some(ProjectStatus::Onbekend) => 3,
            None => 4,
        },
        Details::None | Details::Episode(_) | Details::Guide(_) | Details::Event(_) => 0,
    }
}

/// A guide still being written: listed apart, after the published ones ("Verschijnt binnenkort"), and
/// never put forward on the home page as if it could be read.
pub fn coming_soon(p: &Page) -> bool {
    matches!(&p.details, Details::Guide(m) if m.status == Some(GuideStatus::InVoorbereiding))
}

/// Case-insensitive, without allocating two lowercase copies per comparison (sorting 4,000 projects makes
/// about 50,000 comparisons on every build).
pub fn by_title(a: &Page, b: &Page) -> Ordering {
    caseless(&a.src.title, &b.src.title).then_with(|| a.key.cmp(&b.key))
}

/// The order of `x.to_lowercase()` and `y.to_lowercase()` (but for a final Greek sigma).
fn caseless(x: &str, y: &str) -> Ordering {
    if x.is_ascii() && y.is_ascii() {
        x.bytes()
            .map(|c| c.to_ascii_lowercase())
            .cmp(y.bytes().map(|c| c.to_ascii_lowercase()))
    } else {
        let lower = |s: &str| s.chars().flat_map(char::to_lowercase).collect::<Vec<_>>();
        lower(x).cmp(&lower(y))
    }
}

/// How recent a project is, for "newest first": its date if it has one, else the end (or start) of its
/// period, else the latest year named in a period written as text ("2024 – begin 2025" → 2025).
fn recency(p: &Page) -> Option<crate::content::frontmatter::Date> {
    use crate::content::frontmatter::{Period, parse_date};
    p.date.or_else(|| match &p.details {
        Details::Project(m) => match &m.period {
            Some(Period::Range { start, end }) => end.or(*start),
            Some(Period::Text(t)) => t
                .split(|c: char| !c.is_ascii_digit())
                .filter(|w| w.len() == 4)
                .filter_map(|w| parse_date(w).ok())
                .max(),
            None => None,
        },
        Details::None | Details::Episode(_) | Details::Guide(_) | Details::Event(_) => None,
    })
}

/// Newest first; undated last; then by title.
pub fn by_date(a: &Page, b: &Page) -> Ordering {
    b.date
        .cmp(&a.date)
        .then_with(|| episode_no(b).cmp(&episode_no(a)))
        .then_with(|| by_title(a, b))
}

fn episode_no(p: &Page) -> u32 {
    match &p.details {
        Details::Episode(e) => e.episode.unwrap_or(0),
        Details::None | Details::Project(_) | Details::Guide(_) | Details::Event(_) => 0,
    }
}

fn by_weight(a: &Page, b: &Page) -> Ordering {
    a.src
        .weight
        .unwrap_or(i64::MAX)
        .cmp(&b.src.weight.unwrap_or(i64::MAX))
        .then_with(|| by_title(a, b))
}

fn section_order(s: Section) -> fn(&Page, &Page) -> Ordering {
    match s {
        Section::Projecten => |a, b| {
            status_rank(a)
                .cmp(&status_rank(b))
                .then_with(|| by_title(a, b))
        },
        Section::Handreikingen => |a, b| {
            coming_soon(a)
                .cmp(&coming_soon(b))
                .then_with(|| by_title(a, b))
        },
        Section::Themas | Section::Sectoren => by_weight,
        Section::Nieuws | Section::Podcasts => by_date,
        // Sorted again with the build's day in `Indexes::build`: upcoming and past need a "today".
        Section::Evenementen => by_title,
    }
}

/// Listed apart, after the others on the same list: guides in preparation ("Verschijnt binnenkort") and
/// past events ("Geweest").
pub(super) fn apart(p: &Page, today: chrono::NaiveDate) -> bool {
    coming_soon(p) || super::events::is_past(p, today)
}

impl<'a> Indexes<'a> {
    pub fn build(site: &'a Site) -> Indexes<'a> {
        let mut idx = Indexes::default();
        for (i, p) in site.pages.iter().enumerate() {
            if let Some(s) = p.kind.content_section() {
                idx.sections.entry((s, p.lang)).or_default().push(i);
                for t in &p.themes {
                    idx.themes.entry((t.as_str(), p.lang)).or_default().push(i);
                    idx.theme_sections
                        .entry((t.as_str(), p.lang, s))
                        .or_default()
                        .push(i);
                }
                for t in &p.themes {
                    idx.term_groups
                        .entry((Term::Theme, t.as_str(), p.lang, s))
                        .or_default()
                        .push(i);
                }
                for t in &p.sectors {
                    idx.term_groups
                        .entry((Term::Sector, t.as_str(), p.lang, s))
                        .or_default()
                        .push(i);
                    idx.sectors.entry((t.as_str(), p.lang)).or_default().push(i);
                }
                for r in &p.related {
                    idx.related_to
                        .entry((r.as_str(), p.lang))
                        .or_default()
                        .push(i);
                }
            }
            match p.kind {
                Kind::Episode => idx
                    .series
                    .entry((p.src.series.as_deref().unwrap_or(""), p.lang))
                    .or_default()
                    .push(i),
                Kind::Theme => idx.theme_pages.entry(p.lang).or_default().push(i),
                Kind::Sector => idx.sector_pages.entry(p.lang).or_default().push(i),
                Kind::Series => idx.series_pages.entry(p.lang).or_default().push(i),
                Kind::Home
                | Kind::Section(_)
                | Kind::Project
                | Kind::Guide
                | Kind::News
                | Kind::Event
                | Kind::Plain => {}
            }
        }
        let pages = &site.pages;
        // The lists sort independently: in parallel (serve sorts them again after every edit).
        idx.sections
            .iter_mut()
            .collect::<Vec<_>>()
            .into_par_iter()
            .for_each(|((s, _), v)| {
                let order = section_order(*s);
                v.sort_by(|&a, &b| order(&pages[a], &pages[b]));
            });
        idx.themes
            .values_mut()
            .chain(idx.sectors.values_mut())
            .chain(idx.series.values_mut())
            .chain(idx.theme_sections.values_mut())
            .chain(idx.related_to.values_mut())
            .collect::<Vec<_>>()
            .into_par_iter()
            .for_each(|v| v.sort_by(|&a, &b| by_date(&pages[a], &pages[b])));
        // Wherever guides are listed, the ones still in preparation come after the published ones.
        for v in idx
            .theme_sections
            .iter_mut()
            .filter_map(|((_, _, s), v)| (*s == Section::Handreikingen).then_some(v))
        {
            v.sort_by_key(|&a| coming_soon(&pages[a]));
        }
        // Wherever events are listed: upcoming first, soonest first; past ones after, newest first.
        let by_event = super::events::order(site.today);
        for v in idx
            .sections
            .iter_mut()
            .filter_map(|((s, _), v)| (*s == Section::Evenementen).then_some(v))
            .chain(
                idx.theme_sections
                    .iter_mut()
                    .filter_map(|((_, _, s), v)| (*s == Section::Evenementen).then_some(v)),
            )
        {
            v.sort_by(|&a, &b| by_event(&pages[a], &pages[b]));
        }
        // A theme or sector page's order for projects: running, planned, finished, unknown; each newest
        // first (undated last), then by title. How recent each project is, read once: a period written
        // as text is parsed, and sorting 10,000 projects would otherwise parse it 300,000 times.
        let mut recent = vec![None; pages.len()];
        for ((s, _), v) in &idx.sections {
            if *s == Section::Projecten {
                for &i in v {
                    recent[i] = recency(&pages[i]);
                }
            }
        }
        let groups: Vec<_> = idx.term_groups.iter_mut().collect();
        groups
            .into_par_iter()
            .for_each(|((_, _, _, s), v)| match s {
                Section::Projecten => v.sort_by(|&a, &b| {
                    status_rank(&pages[a])
                        .cmp(&status_rank(&pages[b]))
                        .then_with(|| recent[b].cmp(&recent[a]))
                        .then_with(|| by_title(&pages[a], &pages[b]))
                }),
                Section::Handreikingen => v.sort_by(|&a, &b| {
                    coming_soon(&pages[a])
                        .cmp(&coming_soon(&pages[b]))
                        .then_with(|| by_date(&pages[a], &pages[b]))
                }),
                Section::Evenementen => v.sort_by(|&a, &b| by_event(&pages[a], &pages[b])),
                Section::Nieuws | Section::Podcasts | Section::Themas | Section::Sectoren => {
                    v.sort_by(|&a, &b| by_date(&pages[a], &pages[b]))
                }
            });
        for v in idx
            .theme_pages
            .values_mut()
            .chain(idx.sector_pages.values_mut())
        {
            v.sort_by(|&a, &b| by_weight(&pages[a], &pages[b]));
        }
        idx
    }
}

#[cfg(test)]
mod tests {
    use super::{caseless, page_window};

    #[test]
    fn caseless_order_is_the_order_of_the_lowercased_titles() {
        let titles = [
            "Werkdruk",
            "werkdruk",
            "WERK",
            "Één keer",
            "een keer",
            "Ébène",
            "ebbe",
            "Zorg",
            "zorg-",
            "İstanbul",
            "ijs",
            "IJs",
            "Ångström",
            "",
            "a",
            "A",
        ];
        for x in titles {
            for y in titles {
                assert_eq!(
                    caseless(x, y),
                    x.to_lowercase().cmp(&y.to_lowercase()),
                    "{x} vs {y}"
                );
            }
        }
    }

    #[test]
    fn window_keeps_ends_and_neighbours() {
        assert_eq!(page_window(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(
            page_window(6, 20),
            vec![
                Some(1),
                None,
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                Some(8),
                None,
                Some(20)
            ]
        );
        assert_eq!(
            page_window(1, 20),
            vec![Some(1), Some(2), Some(3), None, Some(20)]
        );
    }
}

pub fn page_url(r: &RenderCx, s: Section, lang: Lang, n: usize) -> String {
    let base = r.listing_url(s, lang);
    if n <= 1 {
        base
    } else {
        format!("{base}{}/{n}/", r.config().pagination.path.get(lang))
    }
}

pub(super) fn list<'a>(r: &'a RenderCx, ids: &[usize]) -> Vec<&'a Summary<'a>> {
    ids.iter().map(|&i| r.summary(i)).collect()
}

#[derive(Serialize)]
pub(super) struct PageLink {
    number: usize,
    url: String,
    current: bool,
    /// Stands for the pages left out between two numbers ("…").
    gap: bool,
}

/// The page numbers to show: first, last, and two either side of the current one, with gaps (`None`)
/// between. Keeps every listing page small however long the section grows (GOV.UK does the same).
pub fn page_window(current: usize, total: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    let mut last = 0;
    for k in 1..=total {
        let near = k + 2 >= current && k <= current + 2;
        if k == 1 || k == total || near {
            if last != 0 && k > last + 1 {
                out.push(None);
            }
            out.push(Some(k));
            last = k;
        }
    }
    out
}

#[derive(Serialize)]
pub(super) struct Paginator {
    current: usize,
    total: usize,
    total_items: usize,
    prev: Option<String>,
    next: Option<String>,
    pages: Vec<PageLink>,
}

#[derive(Serialize)]
pub struct TermCount<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub description: Option<&'a str>,
    pub count: usize,
}

/// The theme or sector pages in `pages`, each with the number of items tagged with it.
fn term_counts<'a>(r: &'a RenderCx, pages: &[usize]) -> Vec<TermCount<'a>> {
    pages
        .iter()
        .map(|&i| {
            let p = r.summary(i);
            TermCount {
                id: r.id(i),
                title: p.title,
                url: p.url,
                description: p.description,
                count: r.count(List::Tagged(i)),
            }
        })
        .collect()
}

/// The pager of page `n` of `total` pages listing `total_items` items; `url` gives page k's address.
pub(super) fn paginator(
    n: usize,
    total: usize,
    total_items: usize,
    url: impl Fn(usize) -> String,
) -> Paginator {
    Paginator {
        current: n,
        total,
        total_items,
        prev: (n > 1).then(|| url(n - 1)),
        next: (n < total).then(|| url(n + 1)),
        pages: page_window(n, total)
            .into_iter()
            .map(|k| match k {
                Some(k) => PageLink {
                    number: k,
                    url: url(k),
                    current: k == n,
                    gap: false,
                },
                None => PageLink {
                    number: 0,
                    url: String::new(),
                    current: false,
                    gap: true,
                },
            })
            .collect(),
    }
}

/// One page of a section listing.
pub fn section(r: &RenderCx, s: Section, lang: Lang, n: usize, ctx: &mut Context) {
    let size = r.config().page_size(s.id());
    let total = r.page_count(s, lang);
    let start = (n - 1) * size;
    let all = List::Section(s, lang);
    let shown = r.range(all.clone(), start, start + size);
    ctx.insert("section", s.id());
    ctx.insert("item_kind", s.item_kind().name());
    // Sorted last, so guides in preparation and past events are the tail of whichever page they start on.
    let split = shown.partition_point(|&i| !r.apart(i));
    ctx.insert("items", &list(r, &shown[..split]));
    let (soon, past) = if s == Section::Evenementen {
        (&[][..], &shown[split..])
    } else {
        (&shown[split..], &[][..])
    };
    ctx.insert("coming_soon", &list(r, soon));
    ctx.insert("past", &list(r, past));
    ctx.insert(
        "paginator",
        &paginator(n, total, r.count(all), |k| page_url(r, s, lang, k)),
    );
    if s == Section::Podcasts {
        let series: Vec<&Summary<'_>> = r
            .list(List::SeriesPages(lang))
            .iter()
            .map(|&i| r.summary(i))
            .collect();
        ctx.insert("series", &series);
    }
}

/// The theme index or the sector index.
pub fn terms(r: &RenderCx, s: Section, lang: Lang, ctx: &mut Context) {
    let term = match s {
        Section::Sectoren => Term::Sector,
        _ => Term::Theme,
    };
    ctx.insert("section", s.id());
    ctx.insert("terms", &term_counts(r, r.term_pages(term, lang)));
}

/// How many pages the episode list of series page `i` takes: the series page itself lists the first
/// `pagination.sections.podcasts` (else `page_size`) episodes, like the podcast listing, and later ones
/// are on `/podcasts/<series>/pagina/2/`, ... So a series page stays small however many episodes it has.
pub fn series_pages(r: &RenderCx, i: usize) -> usize {
    r.count(List::Series(i))
        .div_ceil(r.config().page_size(Section::Podcasts.id()))
        .max(1)
}

/// The address of page `n` of series page `i`'s episode list: the series page for 1.
pub fn series_url(r: &RenderCx, i: usize, n: usize) -> String {
    let url = r.url(i);
    if n <= 1 {
        url.to_string()
    } else {
        format!(
            "{url}{}/{n}/",
            r.config().pagination.path.get(r.page(i).lang)
        )
    }
}

/// Page `n` of series page `i`: its episodes on that page and the pager.
pub fn series(r: &RenderCx, i: usize, n: usize, ctx: &mut Context) {
    let size = r.config().page_size(Section::Podcasts.id());
    let start = (n - 1) * size;
    let episodes = list(r, r.range(List::Series(i), start, start + size));
    // Nothing to subscribe to until the series has a feed apps accept (see feeds::podcast): no button.
    if let Some(url) = r.feeds().series_url(i) {
        ctx.insert("feed_url", url);
    }
    ctx.insert("episodes", &episodes);
    ctx.insert(
        "paginator",
        &paginator(n, series_pages(r, i), r.count(List::Series(i)), |k| {
            series_url(r, i, k)
        }),
    );
}

#[derive(Serialize)]
pub struct Related<'a> {
    pub projects: Vec<&'a Summary<'a>>,
    pub episodes: Vec<&'a Summary<'a>>,
    pub guides: Vec<&'a Summary<'a>>,
    pub news: Vec<&'a Summary<'a>>,
    pub events: Vec<&'a Summary<'a>>,
}

/// Related content: explicit `related` links both ways first, then pages sharing the primary theme.
pub fn related<'a>(r: &'a RenderCx, i: usize) -> Related<'a> {
    let ids = related_ids(r, i);
    let pick = |v: &[usize]| v.iter().map(|&j| r.summary(j)).collect();
    Related {
        projects: pick(&ids[0]),
        episodes: pick(&ids[1]),
        guides: pick(&ids[2]),
        news: pick(&ids[3]),
        events: pick(&ids[4]),
    }
}

/// Indices of the related pages, per type (projects, episodes, guides, news, events).
pub fn related_ids(r: &RenderCx, i: usize) -> [Vec<usize>; 5] {
    const PER_KIND: usize = 3;
    let p = r.page(i);
    let mut out: [Vec<usize>; 5] = Default::default();
    // At most a few dozen candidates: a list beats a hash set (this runs for every page on every build).
    let mut seen: Vec<usize> = Vec::with_capacity(32);
    let mut add = |j: usize, out: &mut [Vec<usize>; 5]| {
        if j == i || seen.contains(&j) {
            return;
        }
        seen.push(j);
        let slot = match r.kind(j) {
            Kind::Project => &mut out[0],
            Kind::Episode => &mut out[1],
            Kind::Guide => &mut out[2],
            Kind::News => &mut out[3],
            // Only events still to come are worth pointing to.
            // For an event, listed apart means over.
            Kind::Event if r.apart(j) => return,
            Kind::Event => &mut out[4],
            Kind::Home
            | Kind::Section(_)
            | Kind::Series
            | Kind::Theme
            | Kind::Sector
            | Kind::Plain => return,
        };
        if slot.len() < PER_KIND {
            slot.push(j);
        }
    };
    // Explicit links first, both ways.
    for id in &p.related {
        if let Some(j) = r.index(&format!("projecten/{id}"), p.lang) {
            add(j, &mut out);
        }
    }
    if p.kind == Kind::Project {
        for &j in r.list(List::RelatedTo(i)) {
            add(j, &mut out);
        }
    }
    // Then the newest pages sharing the primary theme: a few per type, never a scan of the whole theme.
    if !p.themes.is_empty() {
        for s in Section::CONTENT {
            for &j in r.range(List::PrimaryTheme(i, s), 0, PER_KIND + 2) {
                add(j, &mut out);
            }
        }
    }
    out
}

/// The home page: newest episode, next event, themes, sectors and counts. The news, projects and guides
/// it shows are the template's choice, through `pages()` (see `query.rs`).
pub fn home(r: &RenderCx, lang: Lang, ctx: &mut Context) {
    ctx.insert(
        "latest_episode",
        &r.range(List::Section(Section::Podcasts, lang), 0, 1)
            .first()
            .map(|&j| r.summary(j)),
    );
    // The next event still to come, if any (sorted: upcoming first, soonest first).
    ctx.insert(
        "next_event",
        &r.range(List::Section(Section::Evenementen, lang), 0, 1)
            .first()
            .filter(|&&j| !r.apart(j))
            .map(|&j| r.summary(j)),
    );
    ctx.insert("themes", &term_counts(r, r.term_pages(Term::Theme, lang)));
    ctx.insert("sectors", &term_counts(r, r.term_pages(Term::Sector, lang)));
    #[derive(Serialize)]
    struct Counts {
        projects: usize,
        episodes: usize,
        guides: usize,
        news: usize,
        events: usize,
    }
    ctx.insert(
        "counts",
        &Counts {
            projects: r.count(List::Section(Section::Projecten, lang)),
            episodes: r.count(List::Section(Section::Podcasts, lang)),
            guides: r.count(List::Section(Section::Handreikingen, lang)),
            news: r.count(List::Section(Section::Nieuws, lang)),
            events: r.count(List::Section(Section::Evenementen, lang)),
        },
    );
}
