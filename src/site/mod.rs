//! The site model: every page in both languages, tied together.
//!
//! Built from the loaded files in one pass: pairs each Dutch page with its English translation and fills in
//! the shared fields the translation leaves out; drops drafts and pages outside their publication window;
//! gives every page its URL; checks every reference between pages (themes, sectors, related projects,
//! podcast series, `@/` links, clashing URLs and aliases); and renders each page's Markdown once, in
//! parallel. What comes out is everything the render stage needs, with no more file reading or parsing.

pub mod links;
pub mod merge;
pub mod update;
pub use crate::paths as urls;

use crate::config::{Config, Lang};
use crate::content::frontmatter::Date;
use crate::content::load::{Asset, Loaded};
use crate::content::markdown::{self, Rendered};
use crate::content::shortcodes::{self, Call};
use crate::content::{Details, Kind, Section, SourcePage};
use crate::diagnostics::Diagnostic;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Options that change what gets published.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub drafts: bool,
    /// The day the build treats as today (for `publish_date` / `expiry_date`).
    pub today: chrono::NaiveDate,
}

/// One published page in one language.
#[derive(Debug)]
pub struct Page {
    /// Language-independent identity: `projecten/flow`, `podcasts/hete-hangijzers/_index`, `_index`.
    pub key: String,
    pub lang: Lang,
    pub kind: Kind,
    pub src: SourcePage,
    /// Shared fields after inheritance from the Dutch original.
    pub date: Option<Date>,
    pub themes: Vec<String>,
    pub sectors: Vec<String>,
    pub related: Vec<String>,
    pub image: Option<String>,
    pub details: Details,
    pub url: String,
    /// Index of the same page in the other language.
    pub translation: Option<usize>,
    /// Shared, so serve's Markdown cache hands it out without copying.
    pub rendered: std::sync::Arc<Rendered>,
    /// Shortcode calls, with their bodies already rendered to HTML.
    pub shortcodes: std::sync::Arc<Vec<(Call, Option<String>)>>,
}

impl Page {
    pub fn section(&self) -> Option<Section> {
        self.kind.section()
    }

    /// The theme or sector id (file stem) of a theme/sector page.
    pub fn id(&self) -> &str {
        &self.src.id
    }
}

pub struct Site {
    pub config: Config,
    pub pages: Vec<Page>,
    pub by_key: links::PageIndex,
    /// Every page's URL by key and language, as `@/` links resolve (render can share it rather than
    /// build its own).
    pub url_table: Arc<links::UrlTable>,
    pub assets: Vec<Asset>,
    /// Redirects: (alias URL, target URL, file that declared it).
    pub aliases: Vec<(String, String, std::path::PathBuf)>,
    pub warnings: Vec<Diagnostic>,
    /// The soonest `publish_date` of a page left out because it is scheduled.
    pub next_scheduled: Option<Date>,
    pub drafts_left_out: usize,
    /// The build's today: events on or after it are upcoming.
    pub today: chrono::NaiveDate,
}

impl Site {
    pub fn get(&self, key: &str, lang: Lang) -> Option<&Page> {
        self.by_key
            .get(&(key.to_string(), lang))
            .map(|&i| &self.pages[i])
    }

    pub fn index(&self, key: &str, lang: Lang) -> Option<usize> {
        self.by_key.get(&(key.to_string(), lang)).copied()
    }

    /// Published pages of `lang`, in load order.
    pub fn in_lang(&self, lang: Lang) -> impl Iterator<Item = (usize, &Page)> {
        self.pages
            .iter()
            .enumerate()
            .filter(move |(_, p)| p.lang == lang)
    }
}

pub fn key_of(page: &SourcePage) -> String {
    match &page.kind {
        Kind::Home => "_index".into(),
        Kind::Section(s) => format!("{}/_index", s.id()),
        Kind::Series => format!("podcasts/{}/_index", page.series.as_deref().unwrap_or("")),
        Kind::Episode => format!(
            "podcasts/{}/{}",
            page.series.as_deref().unwrap_or(""),
            page.id
        ),
        Kind::Plain => page.id.clone(),
        Kind::Project | Kind::Guide | Kind::News | Kind::Event | Kind::Theme | Kind::Sector => {
            let section = page.kind.section().map_or("", Section::id);
            format!("{section}/{}", page.id)
        }
    }
}

/// A page's rendered Markdown and its shortcode calls (with rendered bodies), or its link errors.
type BodyResult = Result<(Arc<Rendered>, Arc<Calls>), Vec<Diagnostic>>;

/// A cached rendering: (fingerprint of its inputs, Markdown HTML, shortcode calls).
pub(crate) type CachedBody = (u64, Arc<Rendered>, Arc<Calls>);

/// Shortcode calls of a page, with their bodies rendered to HTML.
pub type Calls = Vec<(Call, Option<String>)>;

/// Builds the model. Errors are returned all together; warnings travel in the model.
pub fn build(config: Config, loaded: Loaded, opts: &BuildOptions) -> Result<Site, Vec<Diagnostic>> {
    build_cached(config, loaded, opts, None)
}

/// Rendered Markdown of earlier builds, reused while a page's source and every URL stay the same
/// (links resolve to URLs, so a changed URL anywhere invalidates all of it).
#[derive(Default)]
pub struct MarkdownCache {
    pub(crate) entries: std::sync::Mutex<HashMap<(String, Lang), CachedBody>>,
}

pub(crate) fn fingerprint(p: &Page, urls: u64) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = crate::content::hasher();
    urls.hash(&mut h);
    p.src.hash.hash(&mut h);
    h.finish()
}

/// Like [`build`], reusing rendered Markdown from `cache` where nothing it depends on changed.
pub fn build_cached(
    config: Config,
    loaded: Loaded,
    opts: &BuildOptions,
    cache: Option<&MarkdownCache>,
) -> Result<Site, Vec<Diagnostic>> {
    build_kept(config, loaded, opts, cache).map(|k| k.site)
}

/// Like [`build_cached`], keeping what [`update::Kept::update`] needs to update the model for an edited
/// page without building it again.
pub fn build_kept(
    config: Config,
    loaded: Loaded,
    opts: &BuildOptions,
    cache: Option<&MarkdownCache>,
) -> Result<update::Kept, Vec<Diagnostic>> {
    let mut problems = loaded.problems;
    let mut warnings = Vec::new();
    let failed: std::collections::HashSet<String> = problems
        .iter()
        .filter(|d| d.is_error())
        .filter_map(|d| d.file.as_deref().and_then(links::key_from_file))
        .collect();
    let merged = merge::merge(loaded.pages, opts, &failed, &mut problems, &mut warnings);
    let mut pages = merged.pages;

    // URLs: first the listing-like pages, which other URLs are built on.
    let series_slug: HashMap<(String, Lang), String> = pages
        .iter()
        .filter(|p| p.kind == Kind::Series)
        .map(|p| {
            (
                (p.src.series.clone().unwrap_or_default(), p.lang),
                p.src
                    .slug
                    .clone()
                    .unwrap_or_else(|| p.src.series.clone().unwrap_or_default()),
            )
        })
        .collect();
    for p in &mut pages {
        p.url = url_of(&config, p, &series_slug);
    }

    let mut by_key = links::PageIndex::default();
    for (i, p) in pages.iter().enumerate() {
        by_key.insert((p.key.clone(), p.lang), i);
    }
    for p in pages.iter_mut() {
        p.translation = by_key.get(&(p.key.clone(), p.lang.other())).copied();
    }

    check_urls(&pages, &config, &mut problems);
    let aliases = collect_aliases(&pages, &mut problems);
    let known = links::Known::new(&by_key, &failed);
    for p in &pages {
        links::check_page(p, &by_key, &known, &mut problems);
    }

    // Markdown runs even when earlier checks failed, so one build reports every problem. Pages whose
    // files could not be read still count as link targets, so their breakage is reported once, not at
    // every link to them.
    let mut resolver_table = links::UrlTable::new(&pages);
    for d in problems.iter().filter(|d| d.is_error()) {
        if let Some(key) = d.file.as_deref().and_then(links::key_from_file) {
            resolver_table.add_broken(&key);
        }
    }
    let url_print = {
        use std::hash::{Hash, Hasher};
        let mut h = crate::content::hasher();
        for p in &pages {
            (&p.key, p.lang, &p.url).hash(&mut h);
        }
        problems
            .iter()
            .filter(|d| d.is_error())
            .count()
            .hash(&mut h);
        h.finish()
    };
    // Taken out of its lock once and read from all threads; pages rendered anew are put back after.
    // Entries of deleted pages stay (serve's memory grows only with pages that ever existed).
    let mut entries = cache
        .and_then(|c| c.entries.lock().ok().map(|mut e| std::mem::take(&mut *e)))
        .unwrap_or_default();
    let rendered: Vec<(BodyResult, bool)> = pages
        .par_iter()
        .map(|p| {
            let hit = entries
                .get(&(p.key.clone(), p.lang))
                .filter(|(print, _, _)| *print == fingerprint(p, url_print))
                .map(|(_, rendered, calls)| Ok((rendered.clone(), calls.clone())));
            match hit {
                Some(r) => (r, true),
                None => (render_body(p, &resolver_table), false),
            }
        })
        .collect();
    for (p, (r, hit)) in pages.iter_mut().zip(rendered) {
        match r {
            Ok((rendered, calls)) => {
                if cache.is_some() && !hit {
                    entries.insert(
                        (p.key.clone(), p.lang),
                        (fingerprint(p, url_print), rendered.clone(), calls.clone()),
                    );
                }
                p.rendered = rendered;
                p.shortcodes = calls;
            }
            Err(mut d) => problems.append(&mut d),
        }
    }
    if let Some(c) = cache
        && let Ok(mut e) = c.entries.lock()
    {
        *e = entries;
    }
    check_anchors(&pages, &by_key, &mut problems);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }
    warnings.append(&mut problems);
    let site = Site {
        config,
        pages,
        by_key,
        url_table: Arc::new(resolver_table),
        assets: loaded.assets,
        aliases,
        warnings,
        next_scheduled: merged.next_scheduled,
        drafts_left_out: merged.left_out,
        today: opts.today,
    };
    Ok(update::Kept {
        site,
        url_print,
        known,
        series_slug,
        opts: opts.clone(),
    })
}

/// `@/page.md#anchor` links must name a heading of that page. Pages whose ids come from templates
/// (listings, themes, sectors) are left to `kennis check`, which sees the rendered HTML.
pub(crate) fn check_anchors(
    pages: &[Page],
    by_key: &links::PageIndex,
    problems: &mut Vec<Diagnostic>,
) {
    for p in pages {
        for link in &p.rendered.anchor_links {
            let (key, Some(anchor)) = links::target_key(&link.target) else {
                continue;
            };
            let Some(&t) = by_key
                .get(&(key.clone(), p.lang))
                .or_else(|| by_key.get(&(key.clone(), p.lang.other())))
            else {
                continue;
            };
            let target = &pages[t];
            if !(target.kind.content_section().is_some() || target.kind == Kind::Plain)
                || anchor.is_empty()
                || target.rendered.anchors.iter().any(|a| a == anchor)
            {
                continue;
            }
            let known = if target.rendered.anchors.is_empty() {
                "that page has no headings".to_string()
            } else {
                format!("its headings are: {}", target.rendered.anchors.join(", "))
            };
            let known_nl = if target.rendered.anchors.is_empty() {
                "die pagina heeft geen tussenkoppen".to_string()
            } else {
                format!(
                    "de tussenkoppen zijn: {}",
                    target.rendered.anchors.join(", ")
                )
            };
            problems.push(
                Diagnostic::error(
                    format!(
                        "the link `@/{}` points at #{anchor}, which is not a heading on {}",
                        link.target,
                        target.src.file.display()
                    ),
                    format!(
                        "de link `@/{}` wijst naar #{anchor}, maar dat is geen tussenkop op {}",
                        link.target,
                        target.src.file.display()
                    ),
                )
                .in_file(&p.src.file)
                .at(link.line, link.column)
                .help(
                    format!("{known}; or link to the page without #"),
                    format!("{known_nl}; of link naar de pagina zonder #"),
                )
                .with_source(&p.src.source),
            );
        }
    }
}

pub(crate) fn render_body(p: &Page, table: &links::UrlTable) -> BodyResult {
    let src = &p.src;
    let (body, calls) = shortcodes::extract(src.body(), src.body_line, &src.file, &src.source)?;
    let resolver = table.for_lang(p.lang);
    let label = match p.lang {
        Lang::Nl => "Link naar dit deel",
        Lang::En => "Link to this section",
    };
    let mut problems = Vec::new();
    let source_lines = markdown::LineIndex::new(&src.source);
    let input = markdown::Input {
        file: &src.file,
        source: &src.source,
        source_lines: &source_lines,
        body: &body,
        body_line: src.body_line,
        anchor_label: label,
    };
    let rendered = markdown::render(&input, &resolver, &mut problems);
    let mut out_calls = Vec::with_capacity(calls.len());
    for call in calls {
        let body_html = call.body.as_ref().map(|b| {
            let input = markdown::Input {
                file: &src.file,
                source: &src.source,
                source_lines: &source_lines,
                body: b,
                body_line: call.body_line,
                anchor_label: label,
            };
            markdown::render(&input, &resolver, &mut problems).html
        });
        out_calls.push((call, body_html));
    }
    if problems.is_empty() {
        Ok((
            std::sync::Arc::new(rendered),
            std::sync::Arc::new(out_calls),
        ))
    } else {
        Err(problems)
    }
}

/// The URL of a page, in its language.
pub(crate) fn url_of(
    config: &Config,
    p: &Page,
    series_slug: &HashMap<(String, Lang), String>,
) -> String {
    let lang = p.lang;
    let own = p.src.slug.clone().unwrap_or_else(|| p.src.id.clone());
    let prefix = lang.prefix();
    match &p.kind {
        Kind::Home => format!("{prefix}/"),
        Kind::Section(s) => format!("{prefix}{}", urls::join(&[s.slugs(config).get(lang)])),
        Kind::Plain => format!("{prefix}{}", urls::join(&[&own])),
        Kind::Series => {
            let own = p
                .src
                .slug
                .clone()
                .or_else(|| p.src.series.clone())
                .unwrap_or_default();
            format!(
                "{prefix}{}",
                urls::join(&[Section::Podcasts.slugs(config).get(lang), &own])
            )
        }
        Kind::Episode => {
            let series = p.src.series.clone().unwrap_or_default();
            let sslug = series_slug
                .get(&(series.clone(), lang))
                .cloned()
                .unwrap_or(series);
            format!(
                "{prefix}{}",
                urls::join(&[Section::Podcasts.slugs(config).get(lang), &sslug, &own])
            )
        }
        _ => {
            let section = p.section().unwrap_or(Section::Projecten);
            format!(
                "{prefix}{}",
                urls::join(&[section.slugs(config).get(lang), &own])
            )
        }
    }
}

/// Two pages may never claim one URL, and generated listing URLs are reserved too.
fn check_urls(pages: &[Page], config: &Config, problems: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<&str, &Page> = BTreeMap::new();
    for p in pages {
        if let Some(first) = seen.insert(&p.url, p) {
            // Report on a real file that can be changed: never on a section page kennis made up.
            let (mine, other) = if p.src.synthetic {
                (first, p)
            } else {
                (p, first)
            };
            let mut d = if other.src.synthetic {
                Diagnostic::error(
                    format!(
                        "the address {} belongs to the section `{}`",
                        mine.url,
                        other.key.trim_end_matches("/_index")
                    ),
                    format!(
                        "het adres {} hoort bij de rubriek `{}`",
                        mine.url,
                        other.key.trim_end_matches("/_index")
                    ),
                )
                .help(
                    "rename the file, or give it a `slug:` with another name",
                    "geef het bestand een andere naam, of een `slug:` met een andere naam",
                )
            } else {
                Diagnostic::error(format!("two pages claim the address {}", mine.url), format!("twee pagina's hebben hetzelfde adres {}", mine.url))
                    .help(format!("{} has the same address; give one of them another `slug:` or file name", other.src.file.display()), format!("{} heeft hetzelfde adres; geef een van de twee een andere `slug:` of bestandsnaam", other.src.file.display()))
            };
            d = d.in_file(&mine.src.file);
            if let Some(line) = crate::content::frontmatter::key_line(&mine.src.source, "slug") {
                d = d.at(line, None).with_source(&mine.src.source);
            }
            problems.push(d);
        }
        // `/projecten/pagina/` would collide with pagination.
        for lang in Lang::ALL {
            let pag = config.pagination.path.get(lang);
            if p.lang == lang
                && p.src.slug.as_deref().unwrap_or(&p.src.id) == pag
                && !matches!(p.kind, Kind::Home | Kind::Section(_))
            {
                problems.push(
                    Diagnostic::error(
                        format!("the address {} is reserved for page numbers", p.url),
                        format!("het adres {} is gereserveerd voor paginanummers", p.url),
                    )
                    .in_file(&p.src.file)
                    .help(
                        "give the page another `slug:` or file name",
                        "geef de pagina een andere `slug:` of bestandsnaam",
                    ),
                );
            }
        }
    }
}

fn collect_aliases(
    pages: &[Page],
    problems: &mut Vec<Diagnostic>,
) -> Vec<(String, String, std::path::PathBuf)> {
    let urls: HashMap<&str, &Page> = pages.iter().map(|p| (p.url.as_str(), p)).collect();
    let mut out: Vec<(String, String, std::path::PathBuf)> = Vec::new();
    let mut seen: HashMap<String, std::path::PathBuf> = HashMap::new();
    for p in pages {
        for alias in &p.src.aliases {
            let norm = if alias.ends_with('/')
                || alias.rsplit('/').next().is_some_and(|l| l.contains('.'))
            {
                alias.clone()
            } else {
                format!("{alias}/")
            };
            let line = crate::content::frontmatter::value_line(&p.src.source, "aliases", alias)
                .unwrap_or(1);
            if let Some(owner) = urls.get(norm.as_str()) {
                problems.push(
                    Diagnostic::error(
                        format!("the alias {alias} is the address of another page"),
                        format!(
                            "het oude adres (alias) {alias} is het adres van een andere pagina"
                        ),
                    )
                    .in_file(&p.src.file)
                    .at(line, None)
                    .help(
                        format!("{} lives there; remove the alias", owner.src.file.display()),
                        format!("daar staat {}; haal de alias weg", owner.src.file.display()),
                    )
                    .with_source(&p.src.source),
                );
                continue;
            }
            if let Some(prev) = seen.insert(norm.clone(), p.src.file.clone()) {
                problems.push(
                    Diagnostic::error(
                        format!("the alias {alias} is also claimed by {}", prev.display()),
                        format!(
                            "het oude adres (alias) {alias} staat ook al bij {}",
                            prev.display()
                        ),
                    )
                    .in_file(&p.src.file)
                    .at(line, None)
                    .help(
                        "an old address can redirect to one page only; remove one of them",
                        "een oud adres kan maar naar één pagina doorverwijzen; haal er één weg",
                    )
                    .with_source(&p.src.source),
                );
                continue;
            }
            out.push((norm, p.url.clone(), p.src.file.clone()));
        }
    }
    out
}
