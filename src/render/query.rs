//! `pages(...)`: the Tera function through which a template asks for the pages it wants to show.
//!
//! ```text
//! {% for item in pages(section="nieuws", limit=3) %}...{% endfor %}
//! {% set running = pages(section="projecten", status="lopend", theme=page.id, limit=10, sort="date") %}
//! ```
//!
//! Arguments: `section` (required: `projecten`, `handreikingen`, `nieuws`, `evenementen`, `podcasts`),
//! `limit` (default: the section's page size), `sort` (`listing`, the section listing's order, the
//! default; `date`, newest first; `title`, A to Z), `theme` and `sector` (ids), `status` (projects:
//! `lopend`, `gepland`, `afgerond`, `onbekend`; guides: `verschenen`, `in-voorbereiding`, `onbekend`),
//! `current=true` (leave out guides in preparation and events that are over) and `lang` (`nl` or `en`;
//! default: the page's language). It returns the same page summaries listings get (`partials/item.html`
//! shows them). An unknown argument, section, theme, sector, status or sort is a template error at the
//! call, with a did-you-mean.
//!
//! Tera functions must be `'static`, but the summaries borrow the site for one render. So while a job
//! renders, its thread holds a pointer to the [`Renderer`] ([`collect`]) and `pages()` reads through it;
//! the calls a job makes are recorded, so serve's fingerprint of that output covers exactly what they
//! returned (see `deps::with_queries`).

use super::Renderer;
use super::listings::coming_soon;
use crate::config::Lang;
use crate::content::{Details, Section};
use std::cell::{Cell, RefCell};
use std::hash::{Hash, Hasher};
use tera::{Kwargs, State, TeraResult, Value};

/// The arguments `pages()` takes.
pub const ARGUMENTS: &[&str] = &[
    "section", "limit", "sort", "theme", "sector", "status", "current", "lang",
];

const SORTS: &[&str] = &["listing", "date", "title"];
const PROJECT_STATUSES: &[&str] = &["lopend", "gepland", "afgerond", "onbekend"];
const GUIDE_STATUSES: &[&str] = &["verschenen", "in-voorbereiding", "onbekend"];

/// One call of `pages()`, its arguments checked.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Query {
    pub section: Section,
    pub lang: Lang,
    pub limit: usize,
    pub sort: Sort,
    pub theme: Option<String>,
    pub sector: Option<String>,
    pub status: Option<String>,
    pub current: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sort {
    Listing,
    Date,
    Title,
}

thread_local! {
    /// The renderer of the job this thread is rendering, or null.
    static RENDERER: Cell<*const ()> = const { Cell::new(std::ptr::null()) };
    /// The queries the job being rendered on this thread has made so far.
    static MADE: RefCell<Vec<Query>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` (rendering one job) with `r` reachable by `pages()`, and returns what `f` returned and the
/// queries it made. Nests (rayon may run another job on this thread while `f` waits): each level saves
/// and restores what the level around it had.
pub fn collect<T>(r: &Renderer, f: impl FnOnce() -> T) -> (T, Vec<Query>) {
    /// Puts back the outer level's renderer and queries, also when `f` panics.
    struct Restore {
        renderer: *const (),
        made: Option<Vec<Query>>,
    }
    impl Drop for Restore {
        fn drop(&mut self) {
            RENDERER.with(|c| c.set(self.renderer));
            if let Some(m) = self.made.take() {
                MADE.with(|x| *x.borrow_mut() = m);
            }
        }
    }
    let mut restore = Restore {
        renderer: RENDERER.with(|c| c.replace(r as *const Renderer as *const ())),
        made: Some(MADE.with(|x| std::mem::take(&mut *x.borrow_mut()))),
    };
    let out = f();
    let made = MADE.with(|x| {
        std::mem::replace(
            &mut *x.borrow_mut(),
            restore.made.take().unwrap_or_default(),
        )
    });
    drop(restore);
    (out, made)
}

/// Calls `f` with the renderer of the job this thread is rendering, if any.
fn with_renderer<T>(f: impl for<'x> FnOnce(&'x Renderer<'x>) -> T) -> Option<T> {
    let ptr = RENDERER.with(Cell::get);
    if ptr.is_null() {
        return None;
    }
    // SAFETY: the pointer was made from a `&Renderer` by `collect`, on this thread, and is reset when
    // `collect` returns (or unwinds); `collect` holds that borrow for its whole call, so while it is set
    // the renderer is alive and not mutated. Tera calls functions on the thread that renders, inside
    // `collect`. `f` cannot keep the reference: its lifetime is that of this call, and shortening the
    // renderer's own lifetime to it is sound because `Renderer` only holds shared borrows (covariant).
    let r: &Renderer = unsafe { &*(ptr as *const Renderer) };
    Some(f(r))
}

/// The `pages()` function as registered with Tera.
pub fn function(kwargs: Kwargs, state: &State) -> TeraResult<Value> {
    with_renderer(|r| {
        let q = parse(r, &kwargs, state).map_err(tera::Error::message)?;
        let ids = run(r, &q);
        MADE.with(|m| m.borrow_mut().push(q));
        let items: Vec<&super::context::Summary> = ids.iter().map(|&j| &r.summaries[j]).collect();
        Ok(Value::from_serializable(&items))
    })
    .unwrap_or_else(|| {
        Err(tera::Error::message(
            "pages() can only be used in templates that render a page",
        ))
    })
}

fn suggest(word: &str, valid: &[&str]) -> String {
    match crate::diagnostics::did_you_mean(word, valid.iter().copied()) {
        Some(n) => format!("did you mean `{n}`? Valid: {}", valid.join(", ")),
        None => format!("valid: {}", valid.join(", ")),
    }
}

/// The call's arguments, checked against what the site has.
pub fn parse(r: &Renderer, kwargs: &Kwargs, state: &State) -> Result<Query, String> {
    for (key, _) in kwargs.iter() {
        let key = key.as_str().unwrap_or("");
        if !ARGUMENTS.contains(&key) {
            return Err(format!(
                "pages() has no argument `{key}`: {}",
                suggest(key, ARGUMENTS)
            ));
        }
    }
    let text = |name: &str| -> Result<Option<String>, String> {
        kwargs
            .get::<&str>(name)
            .map(|v| v.map(str::to_string))
            .map_err(|_| format!("pages(): `{name}` must be text, as in {name}=\"...\""))
    };
    let sections: Vec<&str> = Section::CONTENT.iter().map(|s| s.id()).collect();
    let section = match text("section")? {
        None => {
            return Err(format!(
                "pages() needs a `section`, as in pages(section=\"nieuws\"): {}",
                sections.join(", ")
            ));
        }
        Some(s) => Section::CONTENT
            .into_iter()
            .find(|x| x.id() == s)
            .ok_or_else(|| {
                format!(
                    "pages(): there is no section `{s}`: {}",
                    suggest(&s, &sections)
                )
            })?,
    };
    let lang = match text("lang")?.as_deref() {
        None => match state.get::<String>("lang") {
            Ok(Some(l)) if l == "en" => Lang::En,
            _ => Lang::Nl,
        },
        Some("nl") => Lang::Nl,
        Some("en") => Lang::En,
        Some(other) => {
            return Err(format!(
                "pages(): there is no language `{other}`: use nl or en"
            ));
        }
    };
    let limit = match kwargs.get::<i64>("limit") {
        Ok(None) => r.site.config.page_size(section.id()),
        Ok(Some(n)) if n >= 0 => n as usize,
        _ => {
            return Err(
                "pages(): `limit` must be a whole number of 0 or more, as in limit=10".into(),
            );
        }
    };
    let sort = match text("sort")?.as_deref() {
        None | Some("listing") => Sort::Listing,
        Some("date") => Sort::Date,
        Some("title") => Sort::Title,
        Some(other) => {
            return Err(format!(
                "pages(): there is no sort `{other}`: {}",
                suggest(other, SORTS)
            ));
        }
    };
    let term = |name: &str,
                pages: &std::collections::HashMap<Lang, Vec<usize>>|
     -> Result<Option<String>, String> {
        let Some(id) = text(name)? else {
            return Ok(None);
        };
        let ids: Vec<&str> = pages
            .get(&Lang::Nl)
            .into_iter()
            .flatten()
            .map(|&i| r.site.pages[i].src.id.as_str())
            .collect();
        if ids.contains(&id.as_str()) {
            Ok(Some(id))
        } else {
            Err(format!(
                "pages(): there is no {name} `{id}`: {}",
                suggest(&id, &ids)
            ))
        }
    };
    let theme = term("theme", &r.idx.theme_pages)?;
    let sector = term("sector", &r.idx.sector_pages)?;
    let status = match text("status")? {
        None => None,
        Some(s) => {
            let valid = match section {
                Section::Projecten => PROJECT_STATUSES,
                Section::Handreikingen => GUIDE_STATUSES,
                _ => {
                    return Err(format!(
                        "pages(): `status` is for projecten and handreikingen, not for {}",
                        section.id()
                    ));
                }
            };
            if !valid.contains(&s.as_str()) {
                return Err(format!(
                    "pages(): there is no status `{s}` for {}: {}",
                    section.id(),
                    suggest(&s, valid)
                ));
            }
            Some(s)
        }
    };
    let current = kwargs
        .get::<bool>("current")
        .map_err(|_| "pages(): `current` must be true or false".to_string())?
        .unwrap_or(false);
    Ok(Query {
        section,
        lang,
        limit,
        sort,
        theme,
        sector,
        status,
        current,
    })
}

/// The pages a query returns, as indices into the site's pages.
pub fn run(r: &Renderer, q: &Query) -> Vec<usize> {
    let site = r.site;
    let keep = |&j: &usize| {
        let p = &site.pages[j];
        let status = match &p.details {
            Details::Project(m) => m.status.map(super::context::status_name),
            Details::Guide(m) => m.status.map(super::context::guide_status_name),
            Details::None | Details::Episode(_) | Details::Event(_) => None,
        };
        q.theme.as_ref().is_none_or(|t| p.themes.contains(t))
            && q.sector.as_ref().is_none_or(|t| p.sectors.contains(t))
            && q.status.as_deref().is_none_or(|s| status == Some(s))
            && !(q.current && (coming_soon(p) || super::events::is_past(p, site.today)))
    };
    let items = r.idx.items(q.section, q.lang).iter().copied();
    match q.sort {
        // Already in this order: stop at the limit.
        Sort::Listing => items.filter(keep).take(q.limit).collect(),
        Sort::Date | Sort::Title => {
            let mut v: Vec<usize> = items.filter(keep).collect();
            let order = if q.sort == Sort::Date {
                super::listings::by_date
            } else {
                super::listings::by_title
            };
            v.sort_by(|&a, &b| order(&site.pages[a], &site.pages[b]));
            v.truncate(q.limit);
            v
        }
    }
}

/// What a query's answer looks like to a template, for fingerprints: which pages, with which summaries.
pub fn hash_answer(r: &Renderer, q: &Query, h: &mut impl Hasher) {
    q.hash(h);
    let ids = run(r, q);
    ids.len().hash(h);
    for j in ids {
        r.summary_hashes[j].hash(h);
    }
}
