//! Rendering: the site model through the theme's templates into output files.
//!
//! Work is a flat list of jobs, made by the outputs ([`outputs`]: pages, listings, term listings, feeds,
//! the sitemap, redirects...), rendered in parallel and handed to a [`Sink`](crate::paths::Sink) as soon
//! as each is done, so memory stays flat and writing is parallel too. Outputs read the site only through
//! the render context ([`RenderCx`]), which records what each job read; `serve` keeps those traces and
//! renders again only the outputs whose reads now answer differently ([`reads`]). All errors of all jobs
//! are collected and reported together.

pub mod assets;
pub mod claims;
pub mod context;
pub mod cx;
pub mod events;
pub mod feeds;
pub mod listings;
pub mod outputs;
pub mod page_view;
pub mod query;
pub mod reads;
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
use crate::site::Page;
pub use cx::RenderCx;
pub use outputs::Job;
use rayon::prelude::*;
use reads::Trace;
use serde::Serialize;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
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

/// How many jobs render in parallel before their pages go to the search index (in order).
const BLOCK: usize = 512;

/// What one job left for serve: its trace when it was kept, or what it read (with the answers) when it
/// rendered.
enum Traced {
    Kept(Trace),
    Read(u64, Vec<(reads::Read, u64)>),
}

/// What one job leaves: its problems, its trace (when traced), and its page for the search index.
type Done = (Vec<Diagnostic>, Option<Traced>, Option<search::Doc>);

/// What a render remembers for the next one: what each output read, and what that answered.
#[derive(Debug, Default, Clone)]
pub struct Memo {
    /// The outputs of the render, and the trace of each (in the same order).
    pub outputs: std::sync::Arc<Vec<String>>,
    pub traces: Vec<Trace>,
    /// The reads of the traces. Only ever added to, so one table serves a render and the next (a trace
    /// keeps its places); a new one starts when the global fingerprint changes.
    pub table: std::sync::Arc<std::sync::Mutex<reads::Table>>,
    pub global: u64,
    /// Summary hashes and the loaded theme, for the next render.
    pub kept: cx::Kept,
    /// A fingerprint of every path claimed, so an edit that adds, moves or removes no output skips the
    /// check for clashing paths.
    pub claims: u64,
}

pub fn render(
    site: &crate::site::Site,
    root: &Path,
    sink: &dyn Sink,
    fingerprint: bool,
) -> Result<RenderStats, Vec<Diagnostic>> {
    render_since(site, root, sink, fingerprint, None, false).map(|(stats, _)| stats)
}

fn job_hash(job: &Job) -> u64 {
    let mut h = crate::content::hasher();
    job.hash(&mut h);
    h.finish()
}

/// Renders everything, or, given the memo of an earlier render of the same site, only the outputs whose
/// reads answer differently now. Skipped outputs are not written: the caller keeps their earlier bytes.
/// Only with `remember` (serve) are the reads traced for the next render; a one-off build skips that work.
pub fn render_since(
    site: &crate::site::Site,
    root: &Path,
    sink: &dyn Sink,
    fingerprint: bool,
    prev: Option<&Memo>,
    remember: bool,
) -> Result<(RenderStats, Memo), Vec<Diagnostic>> {
    let nothing_kept = cx::Kept::default();
    let cache = remember.then(|| prev.map_or(&nothing_kept, |m| &m.kept));
    let cx = RenderCx::new(site, root, fingerprint, cache)?;
    let jobs = Job::all(&cx);
    let outputs: Vec<String> = jobs.par_iter().map(|job| job.path(&cx)).collect();
    let claimed = if remember {
        cx.claims_fingerprint(&outputs)
    } else {
        0
    };
    if prev.is_none_or(|m| m.claims != claimed || !remember) {
        let clashes = claims::clashes(&cx.claims(&jobs, &outputs));
        if !clashes.is_empty() {
            return Err(clashes.iter().map(|c| c.diagnostic(root)).collect());
        }
    }
    let global = if remember { cx.global() } else { 0 };
    // The previous render's table of reads, answered again: once per read, however many outputs made it.
    let prev = prev.filter(|m| remember && m.global == global);
    let table = prev.map(|m| m.table.clone()).unwrap_or_default();
    let answers: Vec<u64> = match prev {
        Some(_) => {
            let t = table.lock().unwrap_or_else(|e| e.into_inner());
            t.reads.par_iter().map(|r| cx.answer(r)).collect()
        }
        None => Vec::new(),
    };
    let files = AtomicUsize::new(0);
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
    // Where each output's trace was in the previous render: the same place when the outputs are the same
    // (after most edits), else found by path.
    let same_outputs = prev.is_some_and(|m| *m.outputs == outputs);
    let was: Option<ahash::AHashMap<&str, usize>> = match prev {
        Some(m) if !same_outputs => Some(
            m.outputs
                .iter()
                .enumerate()
                .map(|(k, o)| (o.as_str(), k))
                .collect(),
        ),
        _ => None,
    };
    let previous = |k: usize, out: &str| -> Option<&Trace> {
        let m = prev?;
        let at = match &was {
            None => k,
            Some(map) => *map.get(out)?,
        };
        m.traces.get(at)
    };
    let mut memo = Memo {
        table: table.clone(),
        global,
        claims: claimed,
        kept: cx.kept().clone(),
        ..Memo::default()
    };
    let mut problems: Vec<Diagnostic> = Vec::new();
    for (block, chunk) in jobs.chunks(BLOCK).enumerate() {
        let done: Vec<Done> = chunk
            .par_iter()
            .enumerate()
            .map(|(k, job)| {
                let out = &outputs[block * BLOCK + k];
                let id = if remember { job_hash(job) } else { 0 };
                // Unchanged when the same job, under the same global fingerprint, reads the same answers.
                if let Some(t) = previous(block * BLOCK + k, out)
                    && t.job == id
                    && t.global == global
                    && reads::combine(t.reads.iter().map(|&k| answers[k as usize])) == t.answers
                {
                    files.fetch_add(1, Ordering::Relaxed);
                    return (Vec::new(), Some(Traced::Kept(t.clone())), None);
                }
                rendered.fetch_add(1, Ordering::Relaxed);
                let t = Instant::now();
                // A one-off build keeps no traces: it renders without recording.
                let (made, reads) = query::collect(&cx, || {
                    if remember {
                        reads::recording(|| job.render(&cx))
                    } else {
                        (job.render(&cx), Vec::new())
                    }
                });
                add(&render_ns, t);
                let trace = remember.then(|| {
                    Traced::Read(
                        id,
                        reads
                            .into_iter()
                            .map(|r| {
                                let a = cx.answer(&r);
                                (r, a)
                            })
                            .collect(),
                    )
                });
                let for_search = match (indexing, job, &made) {
                    (true, Job::Page(i), Ok((_, html))) if search::marked(html) => {
                        // Site-relative: pagefind.js puts its own folder's base path in front.
                        let url = site.pages[*i].url.clone();
                        Some((url, String::from_utf8_lossy(html).into_owned()))
                    }
                    _ => None,
                };
                let t = Instant::now();
                let written =
                    made.and_then(|(path, bytes)| sink.write(&path, &bytes).map_err(|d| vec![d]));
                add(&write_ns, t);
                match written {
                    Ok(()) => {
                        files.fetch_add(1, Ordering::Relaxed);
                        (Vec::new(), trace, for_search)
                    }
                    Err(d) => (d, trace, None),
                }
            })
            .collect();
        for (d, trace, page) in done {
            problems.extend(d);
            let trace = match trace {
                Some(Traced::Kept(t)) => Some(t),
                Some(Traced::Read(job, answered)) => {
                    let mut t = table.lock().unwrap_or_else(|e| e.into_inner());
                    let answers = reads::combine(answered.iter().map(|(_, a)| *a));
                    Some(Trace {
                        job,
                        global,
                        reads: answered
                            .into_iter()
                            .map(|(r, _)| t.place(r))
                            .collect::<Vec<_>>()
                            .into(),
                        answers,
                    })
                }
                None => None,
            };
            if let Some(t) = trace {
                memo.traces.push(t);
            }
            if let (Some(ix), Some((url, html))) = (&indexer, page) {
                ix.add(url, html);
            }
        }
    }
    // Identical template errors on many pages are one problem.
    problems.sort_by_cached_key(Diagnostic::render);
    problems.dedup_by(|a, b| a.render() == b.render());

    match cx.copy_files(sink) {
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
        warnings: cx.assets().warnings.clone(),
        feed_notes: cx.feeds().notes.clone(),
        ..Default::default()
    };
    for p in &site.pages {
        *stats
            .pages
            .entry((p.lang.code().to_string(), p.kind.name().to_string()))
            .or_default() += 1;
    }
    stats.listing_pages = jobs.iter().filter(|j| j.is_listing_page()).count();
    stats.rendered = rendered.into_inner();
    stats.render_thread_time = Duration::from_nanos(render_ns.into_inner());
    stats.write_thread_time = Duration::from_nanos(write_ns.into_inner());
    if remember {
        memo.outputs = std::sync::Arc::new(outputs.clone());
    }
    stats.outputs = outputs;
    stats.outputs.extend(cx.assets().files.keys().cloned());
    stats.outputs.extend(
        cx.assets()
            .used()
            .into_iter()
            .filter_map(|l| cx.assets().files.get(&l).map(|f| f.hashed.clone())),
    );
    stats
        .outputs
        .extend(site.assets.iter().map(|a| a.url_path.clone()));
    stats.outputs.extend(search_outputs);
    stats.search = search_report;
    Ok((stats, memo))
}

impl RenderCx<'_> {
    /// A fingerprint of every claim: the outputs' paths, the static files and the files in `content/`.
    fn claims_fingerprint(&self, outputs: &[String]) -> u64 {
        let mut h = crate::content::hasher();
        outputs.hash(&mut h);
        for (logical, f) in &self.assets().files {
            (logical, &f.source).hash(&mut h);
        }
        for a in self.content_files() {
            (&a.url_path, &a.source).hash(&mut h);
        }
        h.finish()
    }

    /// Who claims each output path: the jobs (with their `outputs`), the static files, the files in
    /// `content/` and the marker, in that order.
    fn claims<'s>(
        &'s self,
        jobs: &[Job],
        outputs: &[String],
    ) -> Vec<(String, claims::Claimant<'s>)> {
        use claims::Claimant;
        let assets = self.assets();
        let content = self.content_files();
        let mut v = Vec::with_capacity(outputs.len() + assets.files.len() + content.len() + 1);
        v.push((crate::paths::MARKER.to_string(), Claimant::Marker));
        for (job, out) in jobs.iter().zip(outputs) {
            v.push((out.clone(), job.claimant(self)));
        }
        for (logical, f) in &assets.files {
            v.push((logical.clone(), Claimant::StaticFile(&f.source)));
        }
        for a in content {
            v.push((a.url_path.clone(), Claimant::ContentFile(&a.source)));
        }
        v
    }

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
            .theme()
            .tera
            .render(template, ctx)
            .map_err(|e| vec![templates::template_error(&e, &self.theme().dir)])?;
        // Content is checked for control characters where it is read; this keeps every page and feed
        // well-formed whatever else (a template, a shortcode argument) brings one in.
        let html = match crate::content::clean::strip(&html) {
            std::borrow::Cow::Borrowed(_) => html,
            std::borrow::Cow::Owned(clean) => clean,
        };
        let html = if path.ends_with(".html") {
            subpath::rebase(&html, subpath::base_path(&self.config().base_url))
        } else {
            html
        };
        Ok((path, html.into_bytes()))
    }

    /// Every redirect of the site as `from to 301` lines, the format Netlify and Cloudflare Pages read, so
    /// such hosts answer with a real redirect where others serve the meta-refresh page.
    pub(crate) fn host_redirects(&self) -> String {
        let base = subpath::base_path(&self.config().base_url);
        let mut lines: Vec<String> = self
            .aliases()
            .iter()
            .map(|(from, to, _)| (from.clone(), to.clone()))
            .chain(
                self.redirects()
                    .iter()
                    .map(|r| (r.from.clone(), r.to.clone())),
            )
            .chain(outputs::first_pages(self).map(|(s, lang)| outputs::first_page(self, s, lang)))
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

    pub(crate) fn redirect(
        &self,
        from: &str,
        to: &str,
    ) -> Result<(String, Vec<u8>), Vec<Diagnostic>> {
        let mut ctx = Context::new();
        ctx.insert("target", &self.permalink(to));
        ctx.insert("lang", if to.starts_with("/en/") { "en" } else { "nl" });
        self.emit("alias.html", &ctx, from)
    }

    pub fn permalink(&self, url: &str) -> String {
        format!("{}{}", self.config().base_url, url)
    }

    pub fn listing_url(&self, section: Section, lang: Lang) -> String {
        self.index(&format!("{}/_index", section.id()), lang)
            .map(|i| self.url(i).to_string())
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
        let cfg = self.config().lang(lang);
        let mut ctx = Context::new();
        ctx.insert("lang", lang.code());
        ctx.insert("other_lang", lang.other().code());
        ctx.insert("kind", kind);
        ctx.insert("title", title);
        ctx.insert("description", description.unwrap_or(&cfg.description));
        ctx.insert("current_url", url);
        // The header's search form leads to the search page, when there is one.
        if let Some((_, u)) = self.search_pages().iter().find(|(l, _)| *l == lang) {
            ctx.insert("search_url", u);
        }
        ctx.insert("permalink", &self.permalink(url));
        // A 404 page is served at every missing address: it has no address of its own to name.
        if kind != "404" {
            ctx.insert("canonical", &self.permalink(url));
        }
        ctx.insert("feed_links", &self.feeds().links_for(self, lang, page));
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
                    page: page.map(|i| self.page(i)),
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
                base_url: &self.config().base_url,
                home: format!("{}/", lang.prefix()),
            },
        );
        let (menu, footer) = self.menus(lang);
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
        let mut out = Vec::new();
        let home = format!("{}/", p.lang.prefix());
        let home_title = self
            .theme()
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
            && let Some(sec) = self.index(&format!("{}/_index", s.id()), p.lang)
        {
            let sec = self.summary(sec);
            out.push(context::Ref {
                id: s.id().into(),
                title: sec.title.into(),
                url: sec.url.into(),
            });
        }
        if p.kind == Kind::Episode
            && let Some(j) = self.index(
                &format!("podcasts/{}/_index", p.src.series.as_deref().unwrap_or("")),
                p.lang,
            )
        {
            let series = self.summary(j);
            out.push(context::Ref {
                id: self.id(j).into(),
                title: series.title.into(),
                url: series.url.into(),
            });
        }
        out
    }

    /// A content page (anything that is not a paginated listing).
    pub(crate) fn content_page(&self, i: usize) -> Result<(String, Vec<u8>), Vec<Diagnostic>> {
        let p = self.page(i);
        let translation = p.translation.map(|t| self.page(t));
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
        ctx.insert("search", &search::PageFacts::of(p, self.order(i)));
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

    pub(crate) fn listing(
        &self,
        section: Section,
        lang: Lang,
        n: usize,
    ) -> Result<(String, Vec<u8>), Vec<Diagnostic>> {
        let i = self
            .index(&format!("{}/_index", section.id()), lang)
            .ok_or_else(|| {
                vec![Diagnostic::error(
                    format!("the section page of {} is missing", section.id()),
                    format!("de sectiepagina van {} ontbreekt", section.id()),
                )]
            })?;
        let p = self.page(i);
        let translation = p.translation.map(|t| self.page(t));
        let url = listings::page_url(self, section, lang, n);
        let total = self.page_count(section, lang);
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
    pub(crate) fn series_page(
        &self,
        i: usize,
        n: usize,
    ) -> Result<(String, Vec<u8>), Vec<Diagnostic>> {
        let p = self.page(i);
        let url = listings::series_url(self, i, n);
        let strings = self.theme().strings.get(p.lang);
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
                (self.url(t).to_string(), false)
            }
        });
        let mut ctx = self.base(Frame {
            lang: p.lang,
            url: &url,
            title: &title,
            description: p.src.description.as_deref(),
            kind: p.kind.name(),
            translation: p.translation.map(|t| self.page(t)),
            counterpart: counterpart.as_ref().map(|(u, exact)| (u.as_str(), *exact)),
            fallback: p.section(),
            page: Some(i),
        });
        ctx.insert("breadcrumbs", &self.breadcrumbs_through(p));
        ctx.insert("page", &self.page_view(i)?);
        listings::series(self, i, n, &mut ctx);
        self.emit("series.html", &ctx, &url)
    }

    pub(crate) fn not_found(&self, lang: Lang) -> Result<(String, Vec<u8>), Vec<Diagnostic>> {
        let title = self
            .theme()
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
        let strings = self.theme().strings.get(lang);
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
        if simple && self.theme().dir.join("templates").join(&file).is_file() {
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
        let assets = self.assets();
        for (logical, f) in &assets.files {
            list.push((logical.clone(), f.source.clone()));
        }
        for logical in assets.used() {
            if let Some(f) = assets.files.get(&logical) {
                list.push((f.hashed.clone(), f.source.clone()));
            }
        }
        for a in self.content_files() {
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
