//! Rendering: the site model through the theme's templates into output files.
//!
//! Work is a flat list of jobs (a page, one page of a listing, a theme page, a feed, a redirect...) rendered
//! in parallel and handed to an [`Sink`](crate::paths::Sink) as soon as each is done, so memory stays flat
//! and writing is parallel too. All errors of all jobs are collected and reported together.

pub mod assets;
pub mod claims;
pub mod context;
pub mod deps;
pub mod events;
pub mod feeds;
pub mod listings;
pub mod page_view;
pub mod query;
pub mod redirects;
pub mod search;
pub mod sharing;
pub mod shortcodes;
pub mod sitemap;
pub mod subpath;
pub mod templates;
pub mod terms;

use crate::config::Lang;
use crate::content::{Kind, Section};
use crate::diagnostics::Diagnostic;
use crate::paths::Sink;
use crate::site::links::UrlTable;
use crate::site::{Page, Site};
use assets::AssetManifest;
use context::{Summary, summary};
use listings::Indexes;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use templates::Theme;
use tera::Context;

/// Counts for the build summary.
#[derive(Debug, Default, Clone, Serialize)]
pub struct RenderStats {
    /// (language, kind) → pages.
    pub pages: BTreeMap<(String, String), usize>,
    pub listing_pages: usize,
    pub files: usize,
    /// Jobs actually rendered (the rest were unchanged since the previous render).
    pub rendered: usize,
    /// Every output path of this build, rendered or kept.
    pub outputs: Vec<String>,
    /// Time spent rendering and writing pages, each summed over all threads (they run interleaved, so
    /// only their proportion says something about the stage's wall time).
    pub render_thread_time: std::time::Duration,
    pub write_thread_time: std::time::Duration,
    /// Problems that don't stop the build (static files left out, ...).
    pub warnings: Vec<Diagnostic>,
    /// What the feeds leave out and why (a series without a feed, episodes without audio).
    pub feed_notes: Vec<feeds::Note>,
    /// Per language, whether its search index was made or taken over from the previous build.
    pub search: Vec<search::LangReport>,
}

/// Everything shared by all jobs of one render.
pub struct Renderer<'a> {
    pub site: &'a Site,
    pub root: &'a Path,
    pub theme: Theme,
    pub urls: Arc<UrlTable>,
    pub assets: Arc<AssetManifest>,
    pub summaries: Vec<Summary<'a>>,
    /// Hash of each summary, for the job signatures.
    pub summary_hashes: Vec<u64>,
    pub idx: Indexes<'a>,
    /// Main menu and footer links per language (Dutch first).
    pub menus: [(context::Menu, context::Menu); 2],
    /// The feeds this render makes, known before any page links to them.
    pub feeds: feeds::Plan,
    /// The entries of `redirects.yaml`.
    pub redirects: Vec<redirects::Redirect>,
    /// Each page's place in its section's listing, for the search index's sort order.
    pub order: Vec<Option<usize>>,
    /// Per language, the search page (a page with `template: search`) when the site has search.
    pub search_pages: Vec<(Lang, String)>,
}

/// What every page's context is built from.
pub struct Frame<'a> {
    pub lang: Lang,
    pub url: &'a str,
    pub title: &'a str,
    pub description: Option<&'a str>,
    /// Template-facing kind name (`project`, `section`, `404`, ...).
    pub kind: &'a str,
    pub translation: Option<&'a Page>,
    /// This output's counterpart in the other language when it is not a page's URL (a listing of a
    /// theme's projects): the language switch leads there instead of to `translation`, and hreflang
    /// names it when it is the same page in the other language (`true`), else names nothing.
    pub counterpart: Option<(&'a str, bool)>,
    /// Section whose listing the language switch falls back to when there is no translation.
    pub fallback: Option<Section>,
    /// The page this is (or, for a listing page, the section page it lists), if any.
    pub page: Option<usize>,
}

/// One thing to render.
#[derive(Debug, Clone, Hash)]
pub enum Job {
    Page(usize),
    Listing {
        section: Section,
        lang: Lang,
        page: usize,
    },
    NotFound(Lang),
    Alias(usize),
    PaginationRedirect {
        section: Section,
        lang: Lang,
    },
    /// Page `page` of the listing of all items of type `section` on theme or sector page `term`.
    TermListing {
        term: usize,
        section: Section,
        page: usize,
    },
    /// Page `page` (from 2) of the episode list of series page `series` (page 1 is the series page).
    SeriesPage {
        series: usize,
        page: usize,
    },
    Feed(feeds::Feed),
    /// `sitemap.xml` (None), or one of its parts above 50,000 URLs.
    Sitemap(Option<usize>),
    Robots,
    /// An entry of `redirects.yaml`.
    Redirect(usize),
    /// `_redirects`: every redirect for hosts that read that file (Netlify, Cloudflare Pages).
    HostRedirects,
}

/// How many jobs render in parallel before their pages go to the search index (in order).
const BLOCK: usize = 512;

/// What serve remembers of one output: its signature and the `pages()` calls its templates made.
type Remembered = (u64, Vec<query::Query>);

/// What one job leaves: its problems, what serve remembers of it, and its page for the search index.
type Done = (Vec<Diagnostic>, Option<Remembered>, Option<search::Doc>);

/// What a render remembers for the next one: each output's signature (see `deps.rs`).
#[derive(Debug, Default, Clone)]
pub struct Memo {
    pub signatures: std::collections::HashMap<String, u64>,
    /// The `pages()` calls each output's templates made when it was last rendered: its signature covers
    /// their answers (the calls depend only on the templates and the context, both already covered).
    pub queries: std::collections::HashMap<String, Vec<query::Query>>,
}

pub fn render(
    site: &Site,
    root: &Path,
    sink: &dyn Sink,
    fingerprint: bool,
) -> Result<RenderStats, Vec<Diagnostic>> {
    render_since(site, root, sink, fingerprint, None, false).map(|(stats, _)| stats)
}

/// Renders everything, or, given the memo of an earlier render of the same site, only the outputs whose
/// inputs changed. Skipped outputs are not written: the caller keeps their earlier bytes. Only with
/// `remember` (serve) are the outputs fingerprinted for the next render; a one-off build skips that work.
pub fn render_since(
    site: &Site,
    root: &Path,
    sink: &dyn Sink,
    fingerprint: bool,
    prev: Option<&Memo>,
    remember: bool,
) -> Result<(RenderStats, Memo), Vec<Diagnostic>> {
    let urls = Arc::new(UrlTable::new(&site.pages));
    let theme_dir = templates::theme_dir(root, &site.config);
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
    let theme = templates::load(root, &site.config, urls.clone(), assets.clone())?;
    let summaries: Vec<Summary<'_>> = site.pages.par_iter().map(|p| summary(site, p)).collect();
    let idx = Indexes::build(site);
    let summary_hashes = deps::summary_hashes(&summaries);
    let menus = Lang::ALL.map(|lang| {
        let cfg = site.config.lang(lang);
        (
            context::Menu::resolve(&cfg.menu, &urls, lang),
            context::Menu::resolve(&cfg.footer, &urls, lang),
        )
    });
    let mut r = Renderer {
        site,
        root,
        theme,
        urls,
        assets,
        menus,
        summaries,
        summary_hashes,
        idx,
        feeds: feeds::Plan::default(),
        redirects: redirects::load(root, site)?,
        order: Vec::new(),
        search_pages: if site.config.search {
            site.pages
                .iter()
                .filter(|p| p.kind == Kind::Plain && p.src.template.as_deref() == Some("search"))
                .map(|p| (p.lang, p.url.clone()))
                .collect()
        } else {
            Vec::new()
        },
    };
    r.order = vec![None; site.pages.len()];
    for list in r.idx.sections.values() {
        for (n, &i) in list.iter().enumerate() {
            r.order[i] = Some(n);
        }
    }
    r.feeds = feeds::Plan::new(&r);

    let jobs = r.jobs();
    let outputs: Vec<String> = jobs.par_iter().map(|job| r.output_of(job)).collect();
    let clashes = claims::clashes(&r.claims(&jobs, &outputs));
    if !clashes.is_empty() {
        return Err(clashes.iter().map(|c| c.diagnostic(root)).collect());
    }
    let files = AtomicUsize::new(0);
    // Each job's signature without its `pages()` calls, and with the calls its last render made.
    let signed: Vec<(String, u64, u64)> = if remember {
        let shared = deps::shared(&r, root);
        jobs.par_iter()
            .zip(outputs)
            .map(|(job, out)| {
                let base = deps::signature(&r, job, &shared);
                let queries = prev.and_then(|m| m.queries.get(&out));
                let sig = deps::with_queries(&r, base, queries.map_or(&[][..], Vec::as_slice));
                (out, base, sig)
            })
            .collect()
    } else {
        Vec::new()
    };
    let rendered = AtomicUsize::new(0);
    // serve indexes only when the search is used (see serve), a one-off build while it renders.
    let indexer =
        (site.config.search && !remember).then(|| search::Indexer::start(sink.previous()));
    let indexing = indexer.is_some();
    let (render_ns, write_ns) = (AtomicU64::new(0), AtomicU64::new(0));
    let add = |total: &AtomicU64, since: Instant| {
        total.fetch_add(since.elapsed().as_nanos() as u64, Ordering::Relaxed);
    };
    // Jobs render in parallel a block at a time; the pages of each block go to the search index in job
    // order, so the index is the same on every build, while the next block renders.
    let mut memo = Memo::default();
    let mut problems: Vec<Diagnostic> = Vec::new();
    for (block, chunk) in jobs.chunks(BLOCK).enumerate() {
        let done: Vec<Done> = chunk
            .par_iter()
            .enumerate()
            .map(|(k, job)| {
                let known = signed.get(block * BLOCK + k);
                if let Some((out, _, sig)) = known
                    && let Some(m) = prev.filter(|m| m.signatures.get(out) == Some(sig))
                {
                    files.fetch_add(1, Ordering::Relaxed);
                    let queries = m.queries.get(out).cloned().unwrap_or_default();
                    return (Vec::new(), Some((*sig, queries)), None);
                }
                rendered.fetch_add(1, Ordering::Relaxed);
                let t = Instant::now();
                let (out, made) = query::collect(&r, || r.run(job));
                add(&render_ns, t);
                let memo = known.map(|(_, base, _)| (deps::with_queries(&r, *base, &made), made));
                let for_search = match (indexing, job, &out) {
                    (true, Job::Page(i), Ok((_, html))) if search::marked(html) => {
                        // Site-relative: pagefind.js puts its own folder's base path in front.
                        let url = site.pages[*i].url.clone();
                        Some((url, String::from_utf8_lossy(html).into_owned()))
                    }
                    _ => None,
                };
                let t = Instant::now();
                let written =
                    out.and_then(|(path, bytes)| sink.write(&path, &bytes).map_err(|d| vec![d]));
                add(&write_ns, t);
                match written {
                    Ok(()) => {
                        files.fetch_add(1, Ordering::Relaxed);
                        (Vec::new(), memo, for_search)
                    }
                    Err(d) => (d, memo, None),
                }
            })
            .collect();
        for (k, (d, m, page)) in done.into_iter().enumerate() {
            problems.extend(d);
            if let (Some((sig, queries)), Some((out, _, _))) = (m, signed.get(block * BLOCK + k)) {
                if !queries.is_empty() {
                    memo.queries.insert(out.clone(), queries);
                }
                memo.signatures.insert(out.clone(), sig);
            }
            if let (Some(ix), Some((url, html))) = (&indexer, page) {
                ix.add(url, html);
            }
        }
    }
    // Identical template errors on many pages are one problem.
    problems.sort_by_cached_key(Diagnostic::render);
    problems.dedup_by(|a, b| a.render() == b.render());

    match r.copy_files(sink) {
        Ok(n) => {
            files.fetch_add(n, Ordering::Relaxed);
        }
        Err(mut d) => problems.append(&mut d),
    }
    let mut search_outputs = Vec::new();
    let mut search_report = Vec::new();
    if let Some(ix) = indexer {
        match ix.finish() {
            Ok(found) => {
                search_report = found.languages;
                for (path, bytes) in found.files {
                    match sink.write(&path, &bytes) {
                        Ok(()) => {
                            files.fetch_add(1, Ordering::Relaxed);
                            search_outputs.push(path);
                        }
                        Err(d) => problems.push(d),
                    }
                }
            }
            // After other problems a failed index says nothing new.
            Err(e) if problems.is_empty() => problems.push(e.diagnostic()),
            Err(_) => {}
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut stats = RenderStats {
        files: files.into_inner(),
        warnings: r.assets.warnings.clone(),
        feed_notes: r.feeds.notes.clone(),
        ..Default::default()
    };
    for p in &site.pages {
        *stats
            .pages
            .entry((p.lang.code().to_string(), p.kind.name().to_string()))
            .or_default() += 1;
    }
    stats.listing_pages = jobs
        .iter()
        .filter(|j| {
            matches!(
                j,
                Job::Listing { .. } | Job::TermListing { .. } | Job::SeriesPage { .. }
            )
        })
        .count();
    stats.rendered = rendered.into_inner();
    stats.render_thread_time = Duration::from_nanos(render_ns.into_inner());
    stats.write_thread_time = Duration::from_nanos(write_ns.into_inner());
    stats.outputs = signed.iter().map(|(o, _, _)| o.clone()).collect();
    stats.outputs.extend(r.assets.files.keys().cloned());
    stats.outputs.extend(
        r.assets
            .used()
            .into_iter()
            .filter_map(|l| r.assets.files.get(&l).map(|f| f.hashed.clone())),
    );
    stats
        .outputs
        .extend(site.assets.iter().map(|a| a.url_path.clone()));
    stats.outputs.extend(search_outputs);
    stats.search = search_report;
    Ok((stats, memo))
}

impl Renderer<'_> {
    fn jobs(&self) -> Vec<Job> {
        let site = self.site;
        let mut jobs: Vec<Job> = Vec::with_capacity(site.pages.len() + 64);
        for (i, p) in site.pages.iter().enumerate() {
            match p.kind {
                Kind::Section(s) if listings::is_paginated(s) => {
                    let pages = self.idx.page_count(site, s, p.lang);
                    for n in 1..=pages {
                        jobs.push(Job::Listing {
                            section: s,
                            lang: p.lang,
                            page: n,
                        });
                    }
                    if pages > 1 {
                        jobs.push(Job::PaginationRedirect {
                            section: s,
                            lang: p.lang,
                        });
                    }
                }
                Kind::Theme | Kind::Sector => {
                    jobs.push(Job::Page(i));
                    for s in Section::CONTENT {
                        for n in 1..=terms::term_listing_pages(self, i, s) {
                            jobs.push(Job::TermListing {
                                term: i,
                                section: s,
                                page: n,
                            });
                        }
                    }
                }
                Kind::Series => {
                    jobs.push(Job::Page(i));
                    for n in 2..=listings::series_pages(self, i) {
                        jobs.push(Job::SeriesPage { series: i, page: n });
                    }
                }
                _ => jobs.push(Job::Page(i)),
            }
        }
        for lang in Lang::ALL {
            jobs.push(Job::NotFound(lang));
        }
        for i in 0..site.aliases.len() {
            jobs.push(Job::Alias(i));
        }
        jobs.extend(self.feeds.feeds.iter().cloned().map(Job::Feed));
        jobs.push(Job::Sitemap(None));
        jobs.extend((1..=sitemap::parts(self)).map(|k| Job::Sitemap(Some(k))));
        jobs.push(Job::Robots);
        jobs.extend((0..self.redirects.len()).map(Job::Redirect));
        jobs.push(Job::HostRedirects);
        jobs
    }

    /// Who claims each output path: the jobs (with their `outputs`), the static files, the files in
    /// `content/` and the marker, in that order.
    fn claims<'s>(
        &'s self,
        jobs: &[Job],
        outputs: &[String],
    ) -> Vec<(String, claims::Claimant<'s>)> {
        use claims::Claimant;
        let site = self.site;
        let mut v =
            Vec::with_capacity(outputs.len() + self.assets.files.len() + site.assets.len() + 1);
        v.push((crate::paths::MARKER.to_string(), Claimant::Marker));
        for (job, out) in jobs.iter().zip(outputs) {
            let who = match job {
                Job::Page(i) => Claimant::Page(&site.pages[*i].src.file),
                Job::Listing { section, lang, .. } | Job::PaginationRedirect { section, lang } => {
                    Claimant::Listing(*section, *lang)
                }
                Job::NotFound(lang) => Claimant::NotFound(*lang),
                Job::TermListing { term, section, .. } => {
                    Claimant::TermListing(&site.pages[*term].src.file, *section)
                }
                Job::SeriesPage { series, .. } => {
                    Claimant::SeriesPage(&site.pages[*series].src.file)
                }
                Job::Alias(i) => {
                    let (alias, _, file) = &site.aliases[*i];
                    let line = site
                        .pages
                        .iter()
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
                Job::Feed(_) => Claimant::Feed,
                Job::Sitemap(_) => Claimant::Sitemap,
                Job::Robots => Claimant::Robots,
                Job::HostRedirects => Claimant::HostRedirects,
                Job::Redirect(k) => Claimant::Alias {
                    file: Path::new(redirects::FILE),
                    alias: &self.redirects[*k].from,
                    line: Some(self.redirects[*k].line),
                },
            };
            v.push((out.clone(), who));
        }
        for (logical, f) in &self.assets.files {
            v.push((logical.clone(), Claimant::StaticFile(&f.source)));
        }
        for a in &site.assets {
            v.push((a.url_path.clone(), Claimant::ContentFile(&a.source)));
        }
        v
    }

    /// The output file a job writes.
    fn output_of(&self, job: &Job) -> String {
        let url = match job {
            Job::Page(i) => self.site.pages[*i].url.clone(),
            Job::Listing {
                section,
                lang,
                page,
            } => listings::page_url(self, *section, *lang, *page),
            Job::NotFound(lang) => format!("{}/404.html", lang.prefix()),
            Job::TermListing {
                term,
                section,
                page,
            } => terms::term_listing_url(self, *term, *section, *page),
            Job::SeriesPage { series, page } => listings::series_url(self, *series, *page),
            Job::Alias(i) => self.site.aliases[*i].0.clone(),
            Job::PaginationRedirect { section, lang } => {
                format!(
                    "{}{}/1/",
                    self.listing_url(*section, *lang),
                    self.site.config.pagination.path.get(*lang)
                )
            }
            Job::Feed(f) => feeds::Plan::url(self, f),
            Job::Sitemap(None) => "/sitemap.xml".to_string(),
            Job::Sitemap(Some(k)) => sitemap::part_url(*k),
            Job::Robots => "/robots.txt".to_string(),
            Job::Redirect(k) => self.redirects[*k].from.clone(),
            // A file without extension: the URL-to-file rule would make it a folder's index.html.
            Job::HostRedirects => return "_redirects".to_string(),
        };
        crate::site::urls::output_path(&url).unwrap_or(url)
    }

    fn run(&self, job: &Job) -> Result<(String, Vec<u8>), Vec<Diagnostic>> {
        match job {
            Job::Page(i) => self.page(*i),
            Job::Listing {
                section,
                lang,
                page,
            } => self.listing(*section, *lang, *page),
            Job::NotFound(lang) => self.not_found(*lang),
            Job::TermListing {
                term,
                section,
                page,
            } => self.term_listing(*term, *section, *page),
            Job::SeriesPage { series, page } => self.series_page(*series, *page),
            Job::Alias(i) => {
                let (from, to, _) = &self.site.aliases[*i];
                self.redirect(from, to)
            }
            Job::PaginationRedirect { section, lang } => {
                let base = self.listing_url(*section, *lang);
                let from = format!("{base}{}/1/", self.site.config.pagination.path.get(*lang));
                self.redirect(&from, &base)
            }
            Job::Feed(feeds::Feed::News(lang)) => feeds::news::render(self, *lang),
            Job::Feed(feeds::Feed::Atom(lang, theme)) => feeds::atom::render(self, *lang, *theme),
            Job::Feed(feeds::Feed::Series(i)) => feeds::podcast::render(self, *i),
            Job::Sitemap(part) => sitemap::render(self, *part),
            Job::Robots => sitemap::robots(self),
            Job::HostRedirects => Ok(("_redirects".into(), self.host_redirects().into_bytes())),
            Job::Redirect(k) => self.redirect(&self.redirects[*k].from, &self.redirects[*k].to),
        }
    }

    /// Renders `template` with `ctx` into the file for `url`.
    pub fn emit(
        &self,
        template: &str,
        ctx: &Context,
        url: &str,
    ) -> Result<(String, Vec<u8>), Vec<Diagnostic>> {
        let path = crate::site::urls::output_path(url).ok_or_else(|| {
            vec![
                Diagnostic::error(
                    format!("the address {url} would be written outside the output folder"),
                    format!("het adres {url} zou buiten de uitvoermap terechtkomen"),
                )
                .help(
                    "change the slug or alias",
                    "verander de slug of het oude adres (alias)",
                ),
            ]
        })?;
        let html = self
            .theme
            .tera
            .render(template, ctx)
            .map_err(|e| vec![templates::template_error(&e, &self.theme.dir)])?;
        // Content is checked for control characters where it is read; this keeps every page and feed
        // well-formed whatever else (a template, a shortcode argument) brings one in.
        let html = match crate::content::clean::strip(&html) {
            std::borrow::Cow::Borrowed(_) => html,
            std::borrow::Cow::Owned(clean) => clean,
        };
        let html = if path.ends_with(".html") {
            subpath::rebase(&html, subpath::base_path(&self.site.config.base_url))
        } else {
            html
        };
        Ok((path, html.into_bytes()))
    }

    /// Every redirect of the site as `from to 301` lines, the format Netlify and Cloudflare Pages read, so
    /// such hosts answer with a real redirect where others serve the meta-refresh page.
    fn host_redirects(&self) -> String {
        let base = subpath::base_path(&self.site.config.base_url);
        let mut lines: Vec<String> = self
            .site
            .aliases
            .iter()
            .map(|(from, to, _)| (from.clone(), to.clone()))
            .chain(
                self.redirects
                    .iter()
                    .map(|r| (r.from.clone(), r.to.clone())),
            )
            .chain(self.jobs().iter().filter_map(|j| match j {
                Job::PaginationRedirect { section, lang } => {
                    let to = self.listing_url(*section, *lang);
                    let from = format!("{to}{}/1/", self.site.config.pagination.path.get(*lang));
                    Some((from, to))
                }
                _ => None,
            }))
            .map(|(from, to)| format!("{base}{from} {} 301", self.permalink(&to)))
            .collect();
        lines.sort();
        let mut out = String::from("# Redirects made by kennis from `aliases` and pagination.\n");
        for l in lines {
            out.push_str(&l);
            out.push('\n');
        }
        out
    }

    fn redirect(&self, from: &str, to: &str) -> Result<(String, Vec<u8>), Vec<Diagnostic>> {
        let mut ctx = Context::new();
        ctx.insert("target", &self.permalink(to));
        ctx.insert("lang", if to.starts_with("/en/") { "en" } else { "nl" });
        self.emit("alias.html", &ctx, from)
    }

    pub fn permalink(&self, url: &str) -> String {
        format!("{}{}", self.site.config.base_url, url)
    }

    pub fn listing_url(&self, section: Section, lang: Lang) -> String {
        self.site
            .get(&format!("{}/_index", section.id()), lang)
            .map(|p| p.url.clone())
            .unwrap_or_else(|| format!("{}/", lang.prefix()))
    }

    /// Context every template gets.
    pub fn base(&self, frame: Frame<'_>) -> Context {
        let Frame {
            lang,
            url,
            title,
            description,
            kind,
            translation,
            counterpart,
            fallback,
            page,
        } = frame;
        let site = self.site;
        let cfg = site.config.lang(lang);
        let mut ctx = Context::new();
        ctx.insert("lang", lang.code());
        ctx.insert("other_lang", lang.other().code());
        ctx.insert("kind", kind);
        ctx.insert("title", title);
        ctx.insert("description", description.unwrap_or(&cfg.description));
        ctx.insert("current_url", url);
        // The header's search form leads to the search page, when there is one.
        if let Some((_, u)) = self.search_pages.iter().find(|(l, _)| *l == lang) {
            ctx.insert("search_url", u);
        }
        ctx.insert("permalink", &self.permalink(url));
        // A 404 page is served at every missing address: it has no address of its own to name.
        if kind != "404" {
            ctx.insert("canonical", &self.permalink(url));
        }
        ctx.insert("feed_links", &self.feeds.links_for(self, lang, page));
        ctx.insert(
            "sharing",
            &sharing::sharing(
                self,
                &sharing::Subject {
                    lang,
                    url,
                    title,
                    description: description.unwrap_or(&cfg.description),
                    kind,
                    translation,
                    page: page.map(|i| &site.pages[i]),
                },
            ),
        );
        #[derive(Serialize)]
        struct SiteView<'a> {
            title: &'a str,
            description: &'a str,
            base_url: &'a str,
            home: String,
        }
        ctx.insert(
            "site",
            &SiteView {
                title: &cfg.title,
                description: &cfg.description,
                base_url: &site.config.base_url,
                home: format!("{}/", lang.prefix()),
            },
        );
        let (menu, footer) = &self.menus[lang as usize];
        ctx.insert("menu", &menu.links(lang, url));
        ctx.insert("footer_links", &footer.links(lang, url));
        #[derive(Serialize)]
        struct Switch {
            lang: &'static str,
            url: String,
            /// The link leads to this page's translation.
            exact: bool,
            /// Without a translation: whether it leads to a section listing (else the home page).
            to_listing: bool,
        }
        #[derive(Serialize)]
        struct Alternate {
            lang: &'static str,
            url: String,
        }
        let other = lang.other();
        let other_url = counterpart
            .map(|(u, _)| u)
            .or(translation.map(|t| t.url.as_str()));
        let same_page = match counterpart {
            Some((u, exact)) => exact.then_some(u),
            None => translation.map(|t| t.url.as_str()),
        };
        let switch = match other_url {
            Some(t) => Switch {
                lang: other.code(),
                url: t.to_string(),
                exact: true,
                to_listing: false,
            },
            None => Switch {
                lang: other.code(),
                url: fallback
                    .map(|s| self.listing_url(s, other))
                    .unwrap_or_else(|| format!("{}/", other.prefix())),
                exact: false,
                to_listing: fallback.is_some(),
            },
        };
        ctx.insert("switch", &switch);
        let mut alternates = vec![Alternate {
            lang: lang.code(),
            url: self.permalink(url),
        }];
        if let Some(t) = same_page {
            alternates.push(Alternate {
                lang: other.code(),
                url: self.permalink(t),
            });
        }
        // Search engines send everyone else to the default (Dutch) version.
        if let Some(nl) = alternates.iter().find(|a| a.lang == "nl")
            && alternates.len() > 1
        {
            let url = nl.url.clone();
            alternates.push(Alternate {
                lang: "x-default",
                url,
            });
        }
        ctx.insert("alternates", &alternates);
        ctx
    }

    /// The breadcrumbs of a later page of `p`'s own listing (a series' or a term's): `p` itself is one of them.
    fn breadcrumbs_through<'p>(&'p self, p: &'p Page) -> Vec<context::Ref<'p>> {
        let mut crumbs = self.breadcrumbs(p);
        crumbs.push(context::Ref {
            id: p.src.id.as_str().into(),
            title: p.src.title.as_str().into(),
            url: p.url.as_str().into(),
        });
        crumbs
    }

    fn breadcrumbs<'p>(&'p self, p: &'p Page) -> Vec<context::Ref<'p>> {
        let site = self.site;
        let mut out = Vec::new();
        let home = format!("{}/", p.lang.prefix());
        let home_title = self
            .theme
            .strings
            .get(p.lang)
            .get("home")
            .cloned()
            .unwrap_or_else(|| "Home".into());
        out.push(context::Ref {
            id: "_index".into(),
            title: home_title.into(),
            url: home.into(),
        });
        if let Some(s) = p.section()
            && !matches!(p.kind, Kind::Section(_))
            && let Some(sec) = site.get(&format!("{}/_index", s.id()), p.lang)
        {
            out.push(context::Ref {
                id: s.id().into(),
                title: sec.src.title.as_str().into(),
                url: sec.url.as_str().into(),
            });
        }
        if p.kind == Kind::Episode
            && let Some(series) = site.get(
                &format!("podcasts/{}/_index", p.src.series.as_deref().unwrap_or("")),
                p.lang,
            )
        {
            out.push(context::Ref {
                id: series.src.id.as_str().into(),
                title: series.src.title.as_str().into(),
                url: series.url.as_str().into(),
            });
        }
        out
    }

    /// A content page (anything that is not a paginated listing).
    fn page(&self, i: usize) -> Result<(String, Vec<u8>), Vec<Diagnostic>> {
        let site = self.site;
        let p = &site.pages[i];
        let translation = p.translation.map(|t| &site.pages[t]);
        let mut ctx = self.base(Frame {
            lang: p.lang,
            url: &p.url,
            title: &p.src.title,
            description: p.src.description.as_deref(),
            kind: p.kind.name(),
            translation,
            counterpart: None,
            fallback: p.section(),
            page: Some(i),
        });
        ctx.insert("breadcrumbs", &self.breadcrumbs(p));
        ctx.insert("search", &search::PageFacts::of(p, self.order[i]));
        let view = self.page_view(i)?;
        ctx.insert("page", &view);
        let template_name: String;
        let template = match &p.kind {
            Kind::Home => {
                listings::home(self, p.lang, &mut ctx);
                "home.html"
            }
            Kind::Section(s) => {
                listings::terms(self, *s, p.lang, &mut ctx);
                "terms.html"
            }
            Kind::Theme | Kind::Sector => {
                terms::term(self, i, &mut ctx);
                "term.html"
            }
            Kind::Series => {
                listings::series(self, i, 1, &mut ctx);
                "series.html"
            }
            Kind::Project => {
                ctx.insert("related", &listings::related(self, i));
                "project.html"
            }
            Kind::Episode => {
                ctx.insert("related", &listings::related(self, i));
                "episode.html"
            }
            Kind::Guide => {
                ctx.insert("related", &listings::related(self, i));
                "guide.html"
            }
            Kind::News => {
                ctx.insert("related", &listings::related(self, i));
                "news.html"
            }
            Kind::Event => {
                ctx.insert("related", &listings::related(self, i));
                "event.html"
            }
            Kind::Plain => match &p.src.template {
                Some(name) => {
                    template_name = self.own_template(p, name)?;
                    &template_name
                }
                None => "page.html",
            },
        };
        self.emit(template, &ctx, &p.url).map_err(|mut d| {
            for x in &mut d {
                let file = p.src.file.display();
                x.add_context(
                    &format!("while rendering {file}"),
                    &format!("bij het maken van {file}"),
                );
            }
            d
        })
    }

    fn listing(
        &self,
        section: Section,
        lang: Lang,
        n: usize,
    ) -> Result<(String, Vec<u8>), Vec<Diagnostic>> {
        let site = self.site;
        let i = site
            .index(&format!("{}/_index", section.id()), lang)
            .ok_or_else(|| {
                vec![Diagnostic::error(
                    format!("the section page of {} is missing", section.id()),
                    format!("de sectiepagina van {} ontbreekt", section.id()),
                )]
            })?;
        let p = &site.pages[i];
        let translation = p.translation.map(|t| &site.pages[t]);
        let url = listings::page_url(self, section, lang, n);
        let total = self.idx.page_count(site, section, lang);
        let title = self.nth_page_title(lang, &p.src.title, n, total);
        let mut ctx = self.base(Frame {
            lang,
            url: &url,
            title: &title,
            description: p.src.description.as_deref(),
            kind: "section",
            translation,
            counterpart: None,
            fallback: Some(section),
            page: Some(i),
        });
        ctx.insert("breadcrumbs", &self.breadcrumbs(p));
        ctx.insert("page", &self.page_view(i)?);
        listings::section(self, section, lang, n, &mut ctx);
        self.emit("section.html", &ctx, &url)
    }

    /// Page `n` (from 2) of series page `i`'s episode list: the series page's template, with the title
    /// saying which page it is ("De reeks, pagina 2 van 3") and no search facts (the series page itself is
    /// what search finds).
    fn series_page(&self, i: usize, n: usize) -> Result<(String, Vec<u8>), Vec<Diagnostic>> {
        let site = self.site;
        let p = &site.pages[i];
        let url = listings::series_url(self, i, n);
        let strings = self.theme.strings.get(p.lang);
        let word = |key: &str| strings.get(key).cloned().unwrap_or_else(|| key.to_string());
        let title = format!(
            "{}, {} {n} {} {}",
            p.src.title,
            word("page").to_lowercase(),
            word("of"),
            listings::series_pages(self, i)
        );
        // The same page in the other language when it has one (only then does hreflang pair the two),
        // else the translated series page.
        let counterpart = p.translation.map(|t| {
            if listings::series_pages(self, t) >= n {
                (listings::series_url(self, t, n), true)
            } else {
                (site.pages[t].url.clone(), false)
            }
        });
        let mut ctx = self.base(Frame {
            lang: p.lang,
            url: &url,
            title: &title,
            description: p.src.description.as_deref(),
            kind: p.kind.name(),
            translation: p.translation.map(|t| &site.pages[t]),
            counterpart: counterpart.as_ref().map(|(u, exact)| (u.as_str(), *exact)),
            fallback: p.section(),
            page: Some(i),
        });
        ctx.insert("breadcrumbs", &self.breadcrumbs_through(p));
        ctx.insert("page", &self.page_view(i)?);
        listings::series(self, i, n, &mut ctx);
        self.emit("series.html", &ctx, &url)
    }

    fn not_found(&self, lang: Lang) -> Result<(String, Vec<u8>), Vec<Diagnostic>> {
        let title = self
            .theme
            .strings
            .get(lang)
            .get("not_found_title")
            .cloned()
            .unwrap_or_else(|| "404".into());
        let url = format!("{}/404.html", lang.prefix());
        let mut ctx = self.base(Frame {
            lang,
            url: &url,
            title: &title,
            description: None,
            kind: "404",
            translation: None,
            counterpart: None,
            fallback: None,
            page: None,
        });
        ctx.insert("breadcrumbs", &Vec::<context::Ref>::new());
        self.emit("404.html", &ctx, &url)
    }

    /// A listing's title, and on its later pages ", pagina 2 van 3" after it, so a visitor (and a tab, a
    /// bookmark, a search result) can tell the pages apart.
    pub fn nth_page_title(&self, lang: Lang, title: &str, n: usize, total: usize) -> String {
        if n <= 1 {
            return title.to_string();
        }
        let strings = self.theme.strings.get(lang);
        let word = |key: &str| strings.get(key).cloned().unwrap_or_else(|| key.to_string());
        format!(
            "{title}, {} {n} {} {total}",
            word("page").to_lowercase(),
            word("of")
        )
    }

    /// The theme template a plain page asks for with `template:`, which must be one of the theme's files.
    fn own_template(&self, p: &Page, name: &str) -> Result<String, Vec<Diagnostic>> {
        let simple = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        let file = format!("{name}.html");
        if simple && self.theme.dir.join("templates").join(&file).is_file() {
            return Ok(file);
        }
        let mut d = Diagnostic::error(
            format!("`template: {name}` names no template of the theme (there is no templates/{file})"),
            format!("`template: {name}` noemt geen template van het thema (er is geen templates/{file})"),
        )
        .in_file(&p.src.file)
        .help(
            "write the name of a template in the theme's templates/ folder, without `.html`, or leave `template` out for the usual page",
            "schrijf de naam van een template uit de map templates/ van het thema, zonder `.html`, of laat `template` weg voor een gewone pagina",
        );
        if let Some(line) = crate::content::frontmatter::key_line(&p.src.source, "template") {
            d = d.at(line, None);
        }
        Err(vec![d])
    }

    /// Copies static files, content assets and the hashed copies of used assets.
    fn copy_files(&self, sink: &dyn Sink) -> Result<usize, Vec<Diagnostic>> {
        let mut list: Vec<(String, std::path::PathBuf)> = Vec::new();
        for (logical, f) in &self.assets.files {
            list.push((logical.clone(), f.source.clone()));
        }
        for logical in self.assets.used() {
            if let Some(f) = self.assets.files.get(&logical) {
                list.push((f.hashed.clone(), f.source.clone()));
            }
        }
        for a in &self.site.assets {
            list.push((a.url_path.clone(), a.source.clone()));
        }
        let problems: Vec<Diagnostic> = list
            .par_iter()
            .filter_map(|(rel, src)| sink.copy(rel, src).err())
            .collect();
        if problems.is_empty() {
            Ok(list.len())
        } else {
            Err(problems)
        }
    }
}
