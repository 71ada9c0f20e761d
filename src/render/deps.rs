//! What each output depends on, as a fingerprint, so `serve` re-renders only what an edit changed.
//!
//! A job's signature hashes everything its template context is made of: the page's own source (and its
//! translation's, which it inherits from), the summaries of every page it lists or links (listing items,
//! related content, breadcrumbs), the theme and sector counts it shows, and a global fingerprint of
//! everything that touches all pages (site.yaml, templates, UI strings, static files, every URL). Two
//! builds that give a job the same signature give it the same output, so an unchanged signature means
//! the previous output can be kept. The incremental-equals-clean test in tests/incremental.rs holds this
//! to account.

use super::feeds::Feed;
use super::listings;
use super::terms;
use super::{Job, Renderer};
use crate::config::Lang;
use crate::content::{Kind, Section};
use ahash::AHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;

/// Fingerprint of what every page depends on.
pub fn global(r: &Renderer, root: &Path) -> u64 {
    let mut h = crate::content::hasher();
    // site.yaml as read, the theme's files and the site's static files, byte for byte.
    for file in ["site.yaml", super::redirects::FILE] {
        if let Ok(text) = std::fs::read(root.join(file)) {
            text.hash(&mut h);
        }
    }
    r.site.config.base_url.hash(&mut h);
    // Which feeds exist decides the feed links in every page's head.
    r.feeds.feeds.hash(&mut h);
    // So does the search page's address for the header's search form.
    r.search_pages.hash(&mut h);
    for dir in [r.theme.dir.join("templates"), r.theme.dir.join("i18n")] {
        for e in walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if e.file_type().is_file() {
                e.path().hash(&mut h);
                if let Ok(bytes) = std::fs::read(e.path()) {
                    bytes.hash(&mut h);
                }
            }
        }
    }
    for (logical, f) in &r.assets.files {
        logical.hash(&mut h);
        f.hashed.hash(&mut h);
    }
    // Any URL change can change links anywhere.
    for p in &r.site.pages {
        (&p.key, p.lang, &p.url).hash(&mut h);
    }
    h.finish()
}

/// The hash of page `i`'s summary, computed once per render (summaries are hashed by many jobs).
fn shared_hash(r: &Renderer, i: usize) -> u64 {
    r.summary_hashes[i]
}

/// Hashes of all summaries, in page order.
pub fn summary_hashes(summaries: &[super::context::Summary]) -> Vec<u64> {
    use rayon::prelude::*;
    summaries
        .par_iter()
        .map(|s| {
            let mut h = crate::content::hasher();
            s.hash(&mut h);
            h.finish()
        })
        .collect()
}

fn page_input(r: &Renderer, i: usize, h: &mut AHasher) {
    let p = &r.site.pages[i];
    p.src.hash.hash(h);
    p.url.hash(h);
    shared_hash(r, i).hash(h);
    // The page's place in its listing goes into its search attributes.
    r.order[i].hash(h);
    if let Some(t) = p.translation {
        // English pages inherit shared fields from the Dutch source.
        r.site.pages[t].src.hash.hash(h);
        r.site.pages[t].url.hash(h);
    }
}

fn summaries(r: &Renderer, ids: &[usize], h: &mut AHasher) {
    ids.len().hash(h);
    for &j in ids {
        shared_hash(r, j).hash(h);
    }
}

/// Fingerprints computed once per render and mixed into every signature that needs them.
pub struct Shared {
    pub global: u64,
    /// Per language: the theme and sector pages' summaries and their item counts per section.
    pub counts: [u64; 2],
}

pub fn shared(r: &Renderer, root: &Path) -> Shared {
    let count = |lang| {
        let mut h = crate::content::hasher();
        counts(r, lang, &mut h);
        h.finish()
    };
    Shared {
        global: global(r, root),
        counts: [count(Lang::Nl), count(Lang::En)],
    }
}

fn counts(r: &Renderer, lang: Lang, h: &mut AHasher) {
    for (pages, map) in [
        (&r.idx.theme_pages, &r.idx.themes),
        (&r.idx.sector_pages, &r.idx.sectors),
    ] {
        for &i in pages.get(&lang).map(Vec::as_slice).unwrap_or(&[]) {
            let p = &r.site.pages[i];
            shared_hash(r, i).hash(h);
            for s in Section::ALL {
                let n = map
                    .get(&(p.src.id.as_str(), lang))
                    .map(|v| {
                        v.iter()
                            .filter(|&&j| r.site.pages[j].section() == Some(s))
                            .count()
                    })
                    .unwrap_or(0);
                n.hash(h);
            }
        }
    }
}

fn breadcrumbs(r: &Renderer, i: usize, h: &mut AHasher) {
    let p = &r.site.pages[i];
    if let Some(s) = p.section()
        && let Some(j) = r.site.index(&format!("{}/_index", s.id()), p.lang)
    {
        shared_hash(r, j).hash(h);
    }
    if p.kind == Kind::Episode
        && let Some(j) = r.site.index(
            &format!("podcasts/{}/_index", p.src.series.as_deref().unwrap_or("")),
            p.lang,
        )
    {
        shared_hash(r, j).hash(h);
    }
}

/// `base` (a job's signature) with the answers of the `pages()` calls its templates make.
pub fn with_queries(r: &Renderer, base: u64, queries: &[super::query::Query]) -> u64 {
    if queries.is_empty() {
        return base;
    }
    let mut h = crate::content::hasher();
    base.hash(&mut h);
    for q in queries {
        super::query::hash_answer(r, q, &mut h);
    }
    h.finish()
}

/// The signature of one job.
pub fn signature(r: &Renderer, job: &Job, shared: &Shared) -> u64 {
    let mut h = crate::content::hasher();
    shared.global.hash(&mut h);
    let counts = |lang: Lang, h: &mut AHasher| shared.counts[lang as usize].hash(h);
    job.hash(&mut h);
    let site = r.site;
    match job {
        Job::Page(i) => {
            let i = *i;
            let p = &site.pages[i];
            page_input(r, i, &mut h);
            breadcrumbs(r, i, &mut h);
            match &p.kind {
                Kind::Home => {
                    // The counts, the newest episode and the next event; what the template asks for with
                    // `pages()` is covered by `with_queries`.
                    for s in Section::CONTENT {
                        let items = r.idx.items(s, p.lang);
                        items.len().hash(&mut h);
                        if matches!(s, Section::Podcasts | Section::Evenementen) {
                            summaries(r, &items[..items.len().min(1)], &mut h);
                        }
                    }
                    counts(p.lang, &mut h);
                }
                Kind::Section(_) => counts(p.lang, &mut h),
                Kind::Theme | Kind::Sector => {
                    // Per type: how many there are (the counts and the "all N" link) and the first few shown.
                    let preview = terms::term_preview(r);
                    for s in Section::CONTENT {
                        let all = terms::term_items(r, i, s);
                        all.len().hash(&mut h);
                        summaries(r, &all[..all.len().min(preview)], &mut h);
                    }
                }
                Kind::Series => {
                    // How many episodes (the pager) and the first page of them.
                    let eps = listings::series_episodes(r, i);
                    eps.len().hash(&mut h);
                    let size = site.config.page_size(Section::Podcasts.id());
                    summaries(r, &eps[..eps.len().min(size)], &mut h);
                }
                Kind::Project | Kind::Episode | Kind::Guide | Kind::News | Kind::Event => {
                    for ids in listings::related_ids(r, i) {
                        summaries(r, &ids, &mut h);
                    }
                    if p.kind == Kind::Episode
                        && let Some(j) = site.index(
                            &format!("podcasts/{}/_index", p.src.series.as_deref().unwrap_or("")),
                            p.lang,
                        )
                    {
                        page_input(r, j, &mut h);
                    }
                }
                Kind::Plain => {}
            }
        }
        Job::Listing {
            section,
            lang,
            page,
        } => {
            if let Some(i) = site.index(&format!("{}/_index", section.id()), *lang) {
                page_input(r, i, &mut h);
            }
            // The whole ordered list decides which items land on this page and how many pages there are.
            let items = r.idx.items(*section, *lang);
            items.len().hash(&mut h);
            let size = site.config.page_size(section.id());
            let start = (page - 1) * size;
            summaries(
                r,
                &items[start.min(items.len())..(start + size).min(items.len())],
                &mut h,
            );
            if *section == Section::Podcasts {
                for (j, _) in site.in_lang(*lang).filter(|(_, p)| p.kind == Kind::Series) {
                    shared_hash(r, j).hash(&mut h);
                }
            }
        }
        Job::TermListing {
            term,
            section,
            page,
        } => {
            let p = &site.pages[*term];
            page_input(r, *term, &mut h);
            breadcrumbs(r, *term, &mut h);
            let items = terms::term_items(r, *term, *section);
            items.len().hash(&mut h);
            let size = site.config.page_size(section.id());
            let start = ((page - 1) * size).min(items.len());
            summaries(r, &items[start..(start + size).min(items.len())], &mut h);
            // The language switch leads to the same listing in the other language only when it exists.
            p.translation
                .map(|t| terms::term_listing_pages(r, t, *section))
                .hash(&mut h);
        }
        Job::SeriesPage { series, page } => {
            let p = &site.pages[*series];
            page_input(r, *series, &mut h);
            breadcrumbs(r, *series, &mut h);
            let eps = listings::series_episodes(r, *series);
            eps.len().hash(&mut h);
            let size = site.config.page_size(Section::Podcasts.id());
            let start = ((page - 1) * size).min(eps.len());
            summaries(r, &eps[start..(start + size).min(eps.len())], &mut h);
            // The language switch leads to the same page in the other language only when it exists.
            p.translation
                .map(|t| listings::series_pages(r, t))
                .hash(&mut h);
        }
        Job::Feed(Feed::News(lang)) => {
            let items = r.idx.items(Section::Nieuws, *lang);
            for &j in items.iter().take(50) {
                page_input(r, j, &mut h);
            }
            if let Some(i) = site.index("nieuws/_index", *lang) {
                page_input(r, i, &mut h);
            }
        }
        Job::Feed(Feed::Atom(lang, theme)) => {
            let (page, items) = match theme {
                None => (
                    site.index("nieuws/_index", *lang),
                    r.idx.items(Section::Nieuws, *lang),
                ),
                Some(t) => (Some(*t), super::feeds::atom::theme_news(r, &site.pages[*t])),
            };
            for &j in items.iter().take(super::feeds::news::ITEMS) {
                page_input(r, j, &mut h);
            }
            if let Some(i) = page {
                page_input(r, i, &mut h);
            }
        }
        Job::Feed(Feed::Series(i)) => {
            let p = &site.pages[*i];
            page_input(r, *i, &mut h);
            for &j in r
                .idx
                .series
                .get(&(p.src.series.as_deref().unwrap_or(""), p.lang))
                .map(Vec::as_slice)
                .unwrap_or(&[])
                .iter()
                .take(50)
            {
                page_input(r, j, &mut h);
            }
        }
        Job::Sitemap(_) => {
            for (i, p) in site.pages.iter().enumerate() {
                (
                    &p.url,
                    p.translation.map(|t| &site.pages[t].url),
                    &r.summaries[i].date,
                    p.src.updated,
                )
                    .hash(&mut h);
            }
            super::sitemap::term_listings(r).hash(&mut h);
        }
        Job::NotFound(_)
        | Job::Alias(_)
        | Job::PaginationRedirect { .. }
        | Job::Robots
        | Job::Redirect(_) => {}
        // Cheap to make, and depends on aliases and on how many pages each listing has.
        Job::HostRedirects => r.host_redirects().hash(&mut h),
    }
    h.finish()
}
