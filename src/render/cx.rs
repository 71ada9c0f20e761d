//! The render context: the only way an output reads the site model, the theme and the site's files.
//!
//! Its fields are private to this module, so every other part of rendering goes through the methods
//! below. What differs per page (a page, its summary, its place in a listing, the lists the indexes keep)
//! is handed out by methods that record the read for the job being rendered ([`super::reads`]); what
//! every output reads (configuration, theme, static files, menus, feeds, redirects, every page's
//! address) is covered by [`RenderCx::global`]. [`RenderCx::answers`] answers a recorded read again, so
//! `serve` can tell whether an output would change without rendering it.

use super::assets::AssetManifest;
use super::context::{self, Summary, summary};
use super::listings::Indexes;
use super::reads::{self, List, Read};
use super::templates::{self, Theme};
use super::terms::Term;
use super::{feeds, query, redirects};
use crate::config::{Config, Lang};
use crate::content::frontmatter::Date;
use crate::content::{Kind, Section};
use crate::diagnostics::Diagnostic;
use crate::site::links::UrlTable;
use crate::site::{Page, Site};
use rayon::prelude::*;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

/// Everything shared by all jobs of one render.
pub struct RenderCx<'a> {
    site: &'a Site,
    root: &'a Path,
    theme: Arc<Theme>,
    /// A hash of the theme's templates and strings and of site.yaml, as read.
    theme_files: u64,
    urls: Arc<UrlTable>,
    assets: Arc<AssetManifest>,
    /// Made when first asked for: `serve` renders a few outputs after an edit and needs few of them.
    summaries: Vec<std::sync::OnceLock<Summary<'a>>>,
    idx: Indexes<'a>,
    /// Main menu and footer links per language (Dutch first).
    menus: [(context::Menu, context::Menu); 2],
    /// The feeds this render makes, known before any page links to them.
    feeds: feeds::Plan,
    /// The entries of `redirects.yaml`.
    redirects: Vec<redirects::Redirect>,
    /// Each page's place in its section's listing, for the search index's sort order.
    order: Vec<Option<usize>>,
    /// Per language, the search page (a page with `template: search`) when the site has search.
    search_pages: Vec<(Lang, String)>,
    /// The answers to [`Read::Page`] and [`Read::Summary`], made only when outputs are traced.
    hashes: Option<(Vec<u64>, Vec<u64>)>,
    /// What the next render can take over (see [`Kept`]).
    kept: Kept,
}

impl<'a> RenderCx<'a> {
    /// The context for rendering `site`; with `traced`, ready to fingerprint what outputs read.
    pub fn new(
        site: &'a Site,
        root: &'a Path,
        fingerprint: bool,
        traced: Option<&Kept>,
    ) -> Result<RenderCx<'a>, Vec<Diagnostic>> {
        let urls = site.url_table.clone();
        let theme_dir = templates::theme_dir(root, &site.config);
        let theme_files = theme_files(root, &theme_dir);
        let assets = AssetManifest::collect(
            root,
            &[theme_dir.join("static"), root.join("static")],
            fingerprint,
        )
        .map(Arc::new)
        .map_err(|e| {
            vec![
                Diagnostic::error(
                    format!("cannot read the static files: {e}"),
                    format!("de vaste bestanden (static) kunnen niet gelezen worden ({e})"),
                )
                .in_file("static"),
            ]
        })?;
        // serve takes the loaded theme over while its files, the site's addresses and the static files are
        // the same: parsing every template again is most of a small site's rebuild.
        let (assets, theme) = match traced.and_then(|k| k.theme.as_ref()) {
            Some(t)
                if t.files == theme_files
                    && Arc::ptr_eq(&t.urls, &urls)
                    && same_files(&t.assets, &assets) =>
            {
                (t.assets.clone(), t.theme.clone())
            }
            _ => {
                let theme = templates::load(root, &site.config, urls.clone(), assets.clone())?;
                (assets, Arc::new(theme))
            }
        };
        let summaries = (0..site.pages.len())
            .map(|_| std::sync::OnceLock::new())
            .collect();
        let idx = Indexes::build(site);
        let menus = Lang::ALL.map(|lang| {
            let cfg = site.config.lang(lang);
            (
                context::Menu::resolve(&cfg.menu, &urls, lang),
                context::Menu::resolve(&cfg.footer, &urls, lang),
            )
        });
        let mut order = vec![None; site.pages.len()];
        for list in idx.sections.values() {
            for (n, &i) in list.iter().enumerate() {
                order[i] = Some(n);
            }
        }
        let page_hashes = traced.map(|_| page_hashes(site));
        let mut cx = RenderCx {
            site,
            root,
            theme,
            theme_files,
            urls,
            assets,
            menus,
            summaries,
            hashes: None,
            kept: Kept::default(),
            idx,
            feeds: feeds::Plan::default(),
            redirects: redirects::load(root, site)?,
            order,
            search_pages: if site.config.search {
                site.pages
                    .iter()
                    .filter(|p| {
                        p.kind == Kind::Plain && p.src.template.as_deref() == Some("search")
                    })
                    .map(|p| (p.lang, p.url.clone()))
                    .collect()
            } else {
                Vec::new()
            },
        };
        if let (Some(prev), Some(pages)) = (traced, page_hashes) {
            let (summaries, cache) = cx.summary_hashes_since(&pages, &prev.summaries);
            cx.hashes = Some((pages, summaries));
            cx.kept = Kept {
                summaries: cache,
                theme: Some(KeptTheme {
                    files: theme_files,
                    urls: cx.urls.clone(),
                    assets: cx.assets.clone(),
                    theme: cx.theme.clone(),
                }),
            };
        }
        cx.feeds = feeds::Plan::new(&cx);
        Ok(cx)
    }

    // What every output reads: covered by `global`.

    pub fn config(&self) -> &'a Config {
        &self.site.config
    }
    pub fn today(&self) -> chrono::NaiveDate {
        self.site.today
    }
    pub fn root(&self) -> &'a Path {
        self.root
    }
    pub fn theme(&self) -> &Theme {
        &self.theme
    }
    pub fn urls(&self) -> &Arc<UrlTable> {
        &self.urls
    }
    pub fn assets(&self) -> &Arc<AssetManifest> {
        &self.assets
    }
    pub fn menus(&self, lang: Lang) -> &(context::Menu, context::Menu) {
        &self.menus[lang as usize]
    }
    pub fn feeds(&self) -> &feeds::Plan {
        &self.feeds
    }
    pub fn redirects(&self) -> &[redirects::Redirect] {
        &self.redirects
    }
    pub fn search_pages(&self) -> &[(Lang, String)] {
        &self.search_pages
    }
    /// `aliases` of all pages: (old address, new address, file).
    pub fn aliases(&self) -> &'a [(String, String, std::path::PathBuf)] {
        &self.site.aliases
    }
    /// Files next to the content, copied as they are.
    pub fn content_files(&self) -> &'a [crate::content::load::Asset] {
        &self.site.assets
    }
    /// How many pages the site has (which pages exist is part of `global`).
    pub fn len(&self) -> usize {
        self.site.pages.len()
    }
    pub fn is_empty(&self) -> bool {
        self.site.pages.is_empty()
    }
    /// The page with this identity in this language, if it exists.
    pub fn index(&self, key: &str, lang: Lang) -> Option<usize> {
        self.site.index(key, lang)
    }
    /// Page `i`'s address.
    pub fn url(&self, i: usize) -> &'a str {
        &self.site.pages[i].url
    }
    /// Page `i`'s language.
    pub fn lang(&self, i: usize) -> Lang {
        self.site.pages[i].lang
    }
    /// The same page in the other language.
    pub fn translation(&self, i: usize) -> Option<usize> {
        self.site.pages[i].translation
    }
    /// Page `i`'s kind.
    pub fn kind(&self, i: usize) -> &'a Kind {
        &self.site.pages[i].kind
    }
    /// Page `i`'s id (its file name without `.md`, or its folder's for an `_index.md`).
    pub fn id(&self, i: usize) -> &'a str {
        &self.site.pages[i].src.id
    }

    // What differs per page: recorded.

    /// Page `i`, all of it.
    pub fn page(&self, i: usize) -> &'a Page {
        reads::record(Read::Page(i));
        &self.site.pages[i]
    }
    /// The page with this identity in this language, all of it.
    pub fn get(&self, key: &str, lang: Lang) -> Option<&'a Page> {
        self.index(key, lang).map(|i| self.page(i))
    }
    /// Page `i`'s date and `updated` (what a sitemap needs of it).
    pub fn dates(&self, i: usize) -> (Option<Date>, Option<Date>) {
        reads::record(Read::Dates(i));
        dates(&self.site.pages[i])
    }
    /// Whether page `i` is listed apart, after the others: a guide in preparation, an event that is over.
    pub fn apart(&self, i: usize) -> bool {
        reads::record(Read::Apart(i));
        super::listings::apart(&self.site.pages[i], self.site.today)
    }
    /// What listings and links show of page `i`.
    pub fn summary(&self, i: usize) -> &Summary<'a> {
        reads::record(Read::Summary(i));
        self.summaries[i].get_or_init(|| summary(self.site, &self.site.pages[i]))
    }
    /// Page `i`'s place in its section's listing.
    pub fn order(&self, i: usize) -> Option<usize> {
        reads::record(Read::Order(i));
        self.order[i]
    }
    /// One of the lists the indexes keep.
    pub fn list(&self, l: List) -> &[usize] {
        let out = self.resolve(&l);
        reads::record(Read::List(l));
        out
    }
    /// How long a list is.
    pub fn count(&self, l: List) -> usize {
        let n = self.resolve(&l).len();
        reads::record(Read::Len(l));
        n
    }
    /// Items `start..end` of a list, fewer where it is shorter.
    pub fn range(&self, l: List, start: usize, end: usize) -> &[usize] {
        let out = slice(self.resolve(&l), start, end);
        reads::record(Read::Range(l, start, end));
        out
    }
    pub fn items(&self, s: Section, lang: Lang) -> &[usize] {
        self.list(List::Section(s, lang))
    }
    /// How many pages the listing of section `s` has.
    pub fn page_count(&self, s: Section, lang: Lang) -> usize {
        self.count(List::Section(s, lang))
            .div_ceil(self.config().page_size(s.id()))
            .max(1)
    }
    /// The theme pages (`Term::Theme`) or sector pages of a language.
    pub fn term_pages(&self, term: Term, lang: Lang) -> &[usize] {
        self.list(match term {
            Term::Theme => List::ThemePages(lang),
            Term::Sector => List::SectorPages(lang),
        })
    }

    fn resolve(&self, l: &List) -> &[usize] {
        let idx = &self.idx;
        let pages = &self.site.pages;
        let found = match l {
            List::Section(s, lang) => idx.sections.get(&(*s, *lang)),
            List::ThemePages(lang) => idx.theme_pages.get(lang),
            List::SectorPages(lang) => idx.sector_pages.get(lang),
            List::SeriesPages(lang) => idx.series_pages.get(lang),
            List::Tagged(i) => pages.get(*i).and_then(|p| {
                let map = match Term::of(&p.kind)? {
                    Term::Theme => &idx.themes,
                    Term::Sector => &idx.sectors,
                };
                map.get(&(p.src.id.as_str(), p.lang))
            }),
            List::TermGroup(i, s) => pages.get(*i).and_then(|p| {
                idx.term_groups
                    .get(&(Term::of(&p.kind)?, p.src.id.as_str(), p.lang, *s))
            }),
            List::PrimaryTheme(i, s) => pages.get(*i).and_then(|p| {
                idx.theme_sections
                    .get(&(p.themes.first()?.as_str(), p.lang, *s))
            }),
            List::ThemeNews(i) => pages.get(*i).and_then(|p| {
                idx.theme_sections
                    .get(&(p.src.id.as_str(), p.lang, Section::Nieuws))
            }),
            List::RelatedTo(i) => pages
                .get(*i)
                .and_then(|p| idx.related_to.get(&(p.src.id.as_str(), p.lang))),
            List::Series(i) => pages.get(*i).and_then(|p| {
                idx.series
                    .get(&(p.src.series.as_deref().unwrap_or(""), p.lang))
            }),
        };
        found.map(Vec::as_slice).unwrap_or(&[])
    }

    /// What every output depends on, as a fingerprint: site.yaml and redirects.yaml as read, the base URL,
    /// today (what is upcoming), the theme's templates and strings, the static files and the files beside
    /// the content, the feeds and the search pages that every page's head and header link to, the
    /// aliases, and every page's identity, kind and address (an address can appear anywhere; and page numbers in traces stay valid only while
    /// this is unchanged).
    pub fn global(&self) -> u64 {
        let mut h = crate::content::hasher();
        // site.yaml is in `theme_files`.
        if let Ok(text) = std::fs::read(self.root.join(redirects::FILE)) {
            text.hash(&mut h);
        }
        self.site.config.base_url.hash(&mut h);
        self.site.today.hash(&mut h);
        self.feeds.feeds.hash(&mut h);
        self.search_pages.hash(&mut h);
        self.site.aliases.hash(&mut h);
        self.theme_files.hash(&mut h);
        for (logical, f) in &self.assets.files {
            logical.hash(&mut h);
            f.hashed.hash(&mut h);
        }
        // Files beside the content: pages show their size.
        for a in &self.site.assets {
            (
                &a.url_path,
                std::fs::metadata(&a.source).map(|m| m.len()).ok(),
            )
                .hash(&mut h);
        }
        for p in &self.site.pages {
            (&p.key, p.lang, &p.url, &p.kind).hash(&mut h);
        }
        h.finish()
    }

    /// A hash of what `read` returns now. Only for a context made with `traced`.
    pub fn answer(&self, read: &Read) -> u64 {
        let mut h = crate::content::hasher();
        let Some((page_hashes, summary_hashes)) = &self.hashes else {
            return 0;
        };
        match read {
            Read::Page(i) => page_hashes.get(*i).hash(&mut h),
            Read::Summary(i) => summary_hashes.get(*i).hash(&mut h),
            Read::Order(i) => self.order.get(*i).hash(&mut h),
            Read::Dates(i) => self.site.pages.get(*i).map(dates).hash(&mut h),
            Read::Apart(i) => self
                .site
                .pages
                .get(*i)
                .map(|p| super::listings::apart(p, self.site.today))
                .hash(&mut h),
            Read::List(l) => self.resolve(l).hash(&mut h),
            Read::Len(l) => self.resolve(l).len().hash(&mut h),
            Read::Range(l, start, end) => slice(self.resolve(l), *start, *end).hash(&mut h),
            Read::Query(q) => reads::paused(|| query::hash_answer(self, q, &mut h)),
        }
        h.finish()
    }

    /// The summary hash of page `i`, for answers built from several pages (`pages()` calls).
    pub fn summary_hash(&self, i: usize) -> u64 {
        self.hashes.as_ref().map_or(0, |(_, s)| s[i])
    }
}

fn slice(v: &[usize], start: usize, end: usize) -> &[usize] {
    &v[start.min(v.len())..end.min(v.len())]
}

fn dates(p: &Page) -> (Option<Date>, Option<Date>) {
    (p.date, p.src.updated)
}

/// What [`Read::Page`] answers: a page's source and address, and its translation's (shared fields are
/// inherited from the Dutch source).
fn page_hashes(site: &Site) -> Vec<u64> {
    site.pages
        .par_iter()
        .map(|p| {
            let mut h = crate::content::hasher();
            (p.src.hash, &p.url).hash(&mut h);
            p.translation
                .map(|t| (site.pages[t].src.hash, &site.pages[t].url))
                .hash(&mut h);
            h.finish()
        })
        .collect()
}

/// What serve's next render takes over from this one when it still holds: the summary hashes, and the
/// loaded theme.
#[derive(Default, Clone)]
pub struct Kept {
    summaries: SummaryHashes,
    theme: Option<KeptTheme>,
}

#[derive(Clone)]
struct KeptTheme {
    files: u64,
    urls: Arc<UrlTable>,
    assets: Arc<AssetManifest>,
    theme: Arc<Theme>,
}

impl std::fmt::Debug for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kept")
            .field("summaries", &self.summaries.0.len())
            .field("theme", &self.theme.as_ref().map(|t| t.files))
            .finish()
    }
}

/// A hash of site.yaml and of the theme's templates and UI strings, as read.
fn theme_files(root: &Path, theme_dir: &Path) -> u64 {
    let mut h = crate::content::hasher();
    std::fs::read(root.join("site.yaml")).ok().hash(&mut h);
    for dir in [theme_dir.join("templates"), theme_dir.join("i18n")] {
        for e in walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if e.file_type().is_file() {
                e.path().hash(&mut h);
                std::fs::read(e.path()).ok().hash(&mut h);
            }
        }
    }
    h.finish()
}

/// Whether two collections of static files publish the same files from the same places.
fn same_files(a: &AssetManifest, b: &AssetManifest) -> bool {
    a.files.len() == b.files.len()
        && a.files
            .iter()
            .zip(&b.files)
            .all(|((k, f), (l, g))| k == l && f.hashed == g.hashed && f.source == g.source)
}

/// Summary hashes by what each summary is made from: the page (its [`Read::Page`] answer), the titles
/// and addresses of the theme, sector and series pages (its tags and series are shown by name) and
/// today (whether an event is over). An edit changes one page: the other summaries are not made again.
#[derive(Debug, Default, Clone)]
pub struct SummaryHashes(ahash::AHashMap<u64, u64>);

impl RenderCx<'_> {
    /// Every page's summary hash, made only where `prev` does not have it; and the hashes for next time.
    fn summary_hashes_since(
        &self,
        pages: &[u64],
        prev: &SummaryHashes,
    ) -> (Vec<u64>, SummaryHashes) {
        let site = self.site;
        let mut h = crate::content::hasher();
        site.today.hash(&mut h);
        for p in &site.pages {
            if matches!(p.kind, Kind::Theme | Kind::Sector | Kind::Series) {
                (&p.key, p.lang, &p.src.title, &p.url).hash(&mut h);
            }
        }
        let shared = h.finish();
        let keyed: Vec<(u64, u64)> = pages
            .par_iter()
            .enumerate()
            .map(|(i, page)| {
                let mut h = crate::content::hasher();
                (shared, page).hash(&mut h);
                let key = h.finish();
                let hash = prev.0.get(&key).copied().unwrap_or_else(|| {
                    let mut h = crate::content::hasher();
                    self.summaries[i]
                        .get_or_init(|| summary(site, &site.pages[i]))
                        .hash(&mut h);
                    h.finish()
                });
                (key, hash)
            })
            .collect();
        let hashes = keyed.iter().map(|&(_, s)| s).collect();
        (hashes, SummaryHashes(keyed.into_iter().collect()))
    }

    /// What the next render can take over from this one.
    pub fn kept(&self) -> &Kept {
        &self.kept
    }
}
