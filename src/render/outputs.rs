//! The outputs a render makes, each a plug-in: which jobs it has, which file each job writes, who that
//! is in a clash message, and how a job renders.
//!
//! An output reads the site only through the render context ([`RenderCx`]), which records what each job
//! read; so nothing here says what an output depends on, and a new output is one implementation of
//! [`Output`] plus its line in [`Job`] and in [`dispatch`].

use super::claims::Claimant;
use super::cx::RenderCx;
use super::{feeds, listings, sitemap, terms};
use crate::config::Lang;
use crate::content::{Kind, Section};
use crate::diagnostics::Diagnostic;
use std::fmt::Debug;
use std::hash::Hash;
use std::path::Path;

/// A rendered file: its path under the output folder and its bytes.
pub type Rendered = Result<(String, Vec<u8>), Vec<Diagnostic>>;

/// One kind of output.
pub trait Output: Sync {
    /// What tells this output's jobs apart.
    type Key: Clone + Hash + Debug + Send + Sync;
    /// This render's jobs, in the order they render (the search index takes pages in this order).
    fn jobs(&self, cx: &RenderCx, out: &mut Vec<Self::Key>);
    /// The address a job is written at (the output path is made from it).
    fn address(&self, cx: &RenderCx, key: &Self::Key) -> String;
    /// Who writes the job's file, for a clash message.
    fn claimant<'c>(&self, cx: &'c RenderCx, key: &Self::Key) -> Claimant<'c>;
    /// Renders one job.
    fn render(&self, cx: &RenderCx, key: &Self::Key) -> Rendered;
}

/// One thing to render: an output and its key.
#[derive(Debug, Clone, Hash)]
pub enum Job {
    Page(usize),
    Listing(<Listings as Output>::Key),
    TermListing(<TermListings as Output>::Key),
    SeriesPage(<SeriesPages as Output>::Key),
    NotFound(Lang),
    Redirect(<Redirects as Output>::Key),
    Feed(feeds::Feed),
    Sitemap(<Sitemaps as Output>::Key),
}

/// Runs `$e` with `$o` bound to the output of `$job` and `$k` to its key.
macro_rules! dispatch {
    ($job:expr, $o:ident, $k:ident => $e:expr) => {
        match $job {
            Job::Page($k) => {
                let $o = &Pages;
                $e
            }
            Job::Listing($k) => {
                let $o = &Listings;
                $e
            }
            Job::TermListing($k) => {
                let $o = &TermListings;
                $e
            }
            Job::SeriesPage($k) => {
                let $o = &SeriesPages;
                $e
            }
            Job::NotFound($k) => {
                let $o = &NotFound;
                $e
            }
            Job::Redirect($k) => {
                let $o = &Redirects;
                $e
            }
            Job::Feed($k) => {
                let $o = &Feeds;
                $e
            }
            Job::Sitemap($k) => {
                let $o = &Sitemaps;
                $e
            }
        }
    };
}

impl Job {
    /// Every job of this render, output by output.
    pub fn all(cx: &RenderCx) -> Vec<Job> {
        fn add<O: Output>(cx: &RenderCx, o: &O, wrap: fn(O::Key) -> Job, jobs: &mut Vec<Job>) {
            let mut keys = Vec::new();
            o.jobs(cx, &mut keys);
            jobs.extend(keys.into_iter().map(wrap));
        }
        let mut jobs = Vec::with_capacity(cx.len() + 64);
        add(cx, &Pages, Job::Page, &mut jobs);
        add(cx, &Listings, Job::Listing, &mut jobs);
        add(cx, &TermListings, Job::TermListing, &mut jobs);
        add(cx, &SeriesPages, Job::SeriesPage, &mut jobs);
        add(cx, &NotFound, Job::NotFound, &mut jobs);
        add(cx, &Redirects, Job::Redirect, &mut jobs);
        add(cx, &Feeds, Job::Feed, &mut jobs);
        add(cx, &Sitemaps, Job::Sitemap, &mut jobs);
        jobs
    }

    /// The file this job writes, relative to the output folder.
    pub fn path(&self, cx: &RenderCx) -> String {
        let url = dispatch!(self, o, k => o.address(cx, k));
        // A file without extension (`_redirects`) is written as it is named.
        if !url.starts_with('/') {
            return url;
        }
        crate::site::urls::output_path(&url).unwrap_or(url)
    }

    pub fn claimant<'c>(&self, cx: &'c RenderCx) -> Claimant<'c> {
        dispatch!(self, o, k => o.claimant(cx, k))
    }

    pub fn render(&self, cx: &RenderCx) -> Rendered {
        dispatch!(self, o, k => o.render(cx, k))
    }

    /// Whether the job is one page of a paginated list.
    pub fn is_listing_page(&self) -> bool {
        matches!(
            self,
            Job::Listing(_) | Job::TermListing(_) | Job::SeriesPage(_)
        )
    }
}

/// Every page made from a Markdown file (or generated for a section), on its own address; a paginated
/// section's listing is [`Listings`] instead.
pub struct Pages;

impl Output for Pages {
    type Key = usize;
    fn jobs(&self, cx: &RenderCx, out: &mut Vec<usize>) {
        for i in 0..cx.len() {
            if !matches!(cx.page(i).kind, Kind::Section(s) if listings::is_paginated(s)) {
                out.push(i);
            }
        }
    }
    fn address(&self, cx: &RenderCx, &i: &usize) -> String {
        cx.page(i).url.clone()
    }
    fn claimant<'c>(&self, cx: &'c RenderCx, &i: &usize) -> Claimant<'c> {
        Claimant::Page(&cx.page(i).src.file)
    }
    fn render(&self, cx: &RenderCx, &i: &usize) -> Rendered {
        cx.content_page(i)
    }
}

/// The pages of a section's listing.
pub struct Listings;

impl Output for Listings {
    /// Section, language, page number (from 1).
    type Key = (Section, Lang, usize);
    fn jobs(&self, cx: &RenderCx, out: &mut Vec<Self::Key>) {
        for i in 0..cx.len() {
            let p = cx.page(i);
            if let Kind::Section(s) = p.kind
                && listings::is_paginated(s)
            {
                out.extend((1..=cx.page_count(s, p.lang)).map(|n| (s, p.lang, n)));
            }
        }
    }
    fn address(&self, cx: &RenderCx, &(s, lang, n): &Self::Key) -> String {
        listings::page_url(cx, s, lang, n)
    }
    fn claimant<'c>(&self, _: &'c RenderCx, &(s, lang, _): &Self::Key) -> Claimant<'c> {
        Claimant::Listing(s, lang)
    }
    fn render(&self, cx: &RenderCx, &(s, lang, n): &Self::Key) -> Rendered {
        cx.listing(s, lang, n)
    }
}

/// The paginated lists of one type of item on a theme or sector page (`/themas/werkdruk/projecten/`).
pub struct TermListings;

impl Output for TermListings {
    /// Theme or sector page, section, page number (from 1).
    type Key = (usize, Section, usize);
    fn jobs(&self, cx: &RenderCx, out: &mut Vec<Self::Key>) {
        for i in 0..cx.len() {
            if matches!(cx.page(i).kind, Kind::Theme | Kind::Sector) {
                for s in Section::CONTENT {
                    out.extend((1..=terms::term_listing_pages(cx, i, s)).map(|n| (i, s, n)));
                }
            }
        }
    }
    fn address(&self, cx: &RenderCx, &(i, s, n): &Self::Key) -> String {
        terms::term_listing_url(cx, i, s, n)
    }
    fn claimant<'c>(&self, cx: &'c RenderCx, &(i, s, _): &Self::Key) -> Claimant<'c> {
        Claimant::TermListing(&cx.page(i).src.file, s)
    }
    fn render(&self, cx: &RenderCx, &(i, s, n): &Self::Key) -> Rendered {
        cx.term_listing(i, s, n)
    }
}

/// The later pages of a podcast series' episode list (the first is the series page itself).
pub struct SeriesPages;

impl Output for SeriesPages {
    /// Series page, page number (from 2).
    type Key = (usize, usize);
    fn jobs(&self, cx: &RenderCx, out: &mut Vec<Self::Key>) {
        for i in 0..cx.len() {
            if cx.page(i).kind == Kind::Series {
                out.extend((2..=listings::series_pages(cx, i)).map(|n| (i, n)));
            }
        }
    }
    fn address(&self, cx: &RenderCx, &(i, n): &Self::Key) -> String {
        listings::series_url(cx, i, n)
    }
    fn claimant<'c>(&self, cx: &'c RenderCx, &(i, _): &Self::Key) -> Claimant<'c> {
        Claimant::SeriesPage(&cx.page(i).src.file)
    }
    fn render(&self, cx: &RenderCx, &(i, n): &Self::Key) -> Rendered {
        cx.series_page(i, n)
    }
}

/// The page a host shows for a missing address, per language.
pub struct NotFound;

impl Output for NotFound {
    type Key = Lang;
    fn jobs(&self, _: &RenderCx, out: &mut Vec<Lang>) {
        out.extend(Lang::ALL);
    }
    fn address(&self, _: &RenderCx, lang: &Lang) -> String {
        format!("{}/404.html", lang.prefix())
    }
    fn claimant<'c>(&self, _: &'c RenderCx, &lang: &Lang) -> Claimant<'c> {
        Claimant::NotFound(lang)
    }
    fn render(&self, cx: &RenderCx, &lang: &Lang) -> Rendered {
        cx.not_found(lang)
    }
}

/// Redirect pages and the host's redirect list.
pub struct Redirects;

#[derive(Debug, Clone, Hash)]
pub enum RedirectKey {
    /// An old address a page names in `aliases` (index into the site's aliases).
    Alias(usize),
    /// Page 1 of a paginated listing, which is the listing itself.
    FirstPage(Section, Lang),
    /// An entry of `redirects.yaml`.
    File(usize),
    /// `_redirects`, every redirect as Netlify and Cloudflare Pages read them.
    Host,
}

impl Output for Redirects {
    type Key = RedirectKey;
    fn jobs(&self, cx: &RenderCx, out: &mut Vec<RedirectKey>) {
        out.extend((0..cx.aliases().len()).map(RedirectKey::Alias));
        out.extend(first_pages(cx).map(|(s, lang)| RedirectKey::FirstPage(s, lang)));
        out.extend((0..cx.redirects().len()).map(RedirectKey::File));
        out.push(RedirectKey::Host);
    }
    fn address(&self, cx: &RenderCx, key: &RedirectKey) -> String {
        match key {
            RedirectKey::Alias(i) => cx.aliases()[*i].0.clone(),
            RedirectKey::FirstPage(s, lang) => first_page(cx, *s, *lang).0,
            RedirectKey::File(k) => cx.redirects()[*k].from.clone(),
            RedirectKey::Host => "_redirects".to_string(),
        }
    }
    fn claimant<'c>(&self, cx: &'c RenderCx, key: &RedirectKey) -> Claimant<'c> {
        match key {
            RedirectKey::Alias(i) => {
                let (alias, _, file) = &cx.aliases()[*i];
                let line = (0..cx.len())
                    .map(|j| cx.page(j))
                    .find(|p| &p.src.file == file)
                    .and_then(|p| {
                        crate::content::frontmatter::value_line(
                            &p.src.source,
                            "aliases",
                            alias.trim_end_matches('/'),
                        )
                    });
                Claimant::Alias { file, alias, line }
            }
            RedirectKey::FirstPage(s, lang) => Claimant::Listing(*s, *lang),
            RedirectKey::File(k) => Claimant::Alias {
                file: Path::new(super::redirects::FILE),
                alias: &cx.redirects()[*k].from,
                line: Some(cx.redirects()[*k].line),
            },
            RedirectKey::Host => Claimant::HostRedirects,
        }
    }
    fn render(&self, cx: &RenderCx, key: &RedirectKey) -> Rendered {
        match key {
            RedirectKey::Alias(i) => {
                let (from, to, _) = &cx.aliases()[*i];
                cx.redirect(from, to)
            }
            RedirectKey::FirstPage(s, lang) => {
                let (from, to) = first_page(cx, *s, *lang);
                cx.redirect(&from, &to)
            }
            RedirectKey::File(k) => {
                let r = &cx.redirects()[*k];
                cx.redirect(&r.from, &r.to)
            }
            RedirectKey::Host => Ok(("_redirects".into(), cx.host_redirects().into_bytes())),
        }
    }
}

/// The listings with more than one page: their page 1 has its own address that leads to the listing.
pub fn first_pages<'c>(cx: &'c RenderCx) -> impl Iterator<Item = (Section, Lang)> + 'c {
    Lang::ALL
        .into_iter()
        .flat_map(|lang| Section::ALL.into_iter().map(move |s| (s, lang)))
        .filter(|&(s, lang)| {
            listings::is_paginated(s)
                && cx.index(&format!("{}/_index", s.id()), lang).is_some()
                && cx.page_count(s, lang) > 1
        })
}

/// (from, to) of the redirect from page 1 of a listing to the listing.
pub fn first_page(cx: &RenderCx, s: Section, lang: Lang) -> (String, String) {
    let to = cx.listing_url(s, lang);
    let from = format!("{to}{}/1/", cx.config().pagination.path.get(lang));
    (from, to)
}

/// News RSS, Atom per language and theme, podcast RSS per series.
pub struct Feeds;

impl Output for Feeds {
    type Key = feeds::Feed;
    fn jobs(&self, cx: &RenderCx, out: &mut Vec<feeds::Feed>) {
        out.extend(cx.feeds().feeds.iter().cloned());
    }
    fn address(&self, cx: &RenderCx, f: &feeds::Feed) -> String {
        feeds::Plan::url(cx, f)
    }
    fn claimant<'c>(&self, _: &'c RenderCx, _: &feeds::Feed) -> Claimant<'c> {
        Claimant::Feed
    }
    fn render(&self, cx: &RenderCx, f: &feeds::Feed) -> Rendered {
        match f {
            feeds::Feed::News(lang) => feeds::news::render(cx, *lang),
            feeds::Feed::Atom(lang, theme) => feeds::atom::render(cx, *lang, *theme),
            feeds::Feed::Series(i) => feeds::podcast::render(cx, *i),
        }
    }
}

/// The sitemap (an index and its parts on a big site) and robots.txt, which names it.
pub struct Sitemaps;

#[derive(Debug, Clone, Hash)]
pub enum SitemapKey {
    /// `/sitemap.xml`: the sitemap, or the index of its parts.
    Main,
    /// Part `k` (from 1) of a sitemap too big for one file.
    Part(usize),
    Robots,
}

impl Output for Sitemaps {
    type Key = SitemapKey;
    fn jobs(&self, cx: &RenderCx, out: &mut Vec<SitemapKey>) {
        out.push(SitemapKey::Main);
        out.extend((1..=sitemap::parts(cx)).map(SitemapKey::Part));
        out.push(SitemapKey::Robots);
    }
    fn address(&self, _: &RenderCx, key: &SitemapKey) -> String {
        match key {
            SitemapKey::Main => "/sitemap.xml".to_string(),
            SitemapKey::Part(k) => sitemap::part_url(*k),
            SitemapKey::Robots => "/robots.txt".to_string(),
        }
    }
    fn claimant<'c>(&self, _: &'c RenderCx, key: &SitemapKey) -> Claimant<'c> {
        match key {
            SitemapKey::Main | SitemapKey::Part(_) => Claimant::Sitemap,
            SitemapKey::Robots => Claimant::Robots,
        }
    }
    fn render(&self, cx: &RenderCx, key: &SitemapKey) -> Rendered {
        match key {
            SitemapKey::Main => sitemap::render(cx, None),
            SitemapKey::Part(k) => sitemap::render(cx, Some(*k)),
            SitemapKey::Robots => sitemap::robots(cx),
        }
    }
}
