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
//! renders, its thread holds a pointer to the [`RenderCx`] ([`collect`]) and `pages()` reads through it;
//! each call is recorded as one read ([`super::reads::Read::Query`]), so serve's trace of that output
//! covers exactly what it returned.

use super::RenderCx;
use super::listings::coming_soon;
use super::terms::Term;
use crate::config::Lang;
use crate::content::{Details, Section};
use std::cell::Cell;
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
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Sort {
    Listing,
    Date,
    Title,
}

thread_local! {
    /// The render context of the job this thread is rendering, or null.
    static RENDERER: Cell<*const ()> = const { Cell::new(std::ptr::null()) };
}

/// Runs `f` (rendering one job) with `r` reachable by `pages()`. Nests (rayon may run another job on this
/// thread while `f` waits): each level puts back what the level around it had.
pub fn collect<T>(r: &RenderCx, f: impl FnOnce() -> T) -> T {
    /// Puts back the outer level's context, also when `f` panics.
    struct Restore(*const ());
    impl Drop for Restore {
        fn drop(&mut self) {
            RENDERER.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(RENDERER.with(|c| c.replace(r as *const RenderCx as *const ())));
    f()
}

/// Calls `f` with the renderer of the job this thread is rendering, if any.
fn with_renderer<T>(f: impl for<'x> FnOnce(&'x RenderCx<'x>) -> T) -> Option<T> {
    let ptr = RENDERER.with(Cell::get);
    if ptr.is_null() {
        return None;
    }
    // SAFETY: the pointer was made from a `&RenderCx` by `collect`, on this thread, and is reset when
    // `collect` returns (or unwinds); `collect` holds that borrow for its whole call, so while it is set
    // the renderer is alive and not mutated. Tera calls functions on the thread that renders, inside
    // `collect`. `f` cannot keep the reference: its lifetime is that of this call, and shortening the
    // renderer's own lifetime to it is sound because `RenderCx` only holds shared borrows (covariant).
    let r: &RenderCx = unsafe { &*(ptr as *const RenderCx) };
    Some(f(r))
}

/// The `pages()` function as registered with Tera.
pub fn function(kwargs: Kwargs, state: &State) -> TeraResult<Value> {
    with_renderer(|r| {
        let q = parse(r, &kwargs, state).map_err(tera::Error::message)?;
        // The answer is recorded as a whole: which pages it gave, with which summaries.
        let items: Vec<&super::context::Summary> = super::reads::paused(|| {
            let ids = run(r, &q);
            ids.iter().map(|&j| r.summary(j)).collect()
        });
        super::reads::record(super::reads::Read::Query(q));
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
pub fn parse(r: &RenderCx, kwargs: &Kwargs, state: &State) -> Result<Query, String> {
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
        Ok(None) => r.config().page_size(section.id()),
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
    let term = |name: &str, term: Term| -> Result<Option<String>, String> {
        let Some(id) = text(name)? else {
            return Ok(None);
        };
        // Which terms exist is part of every output's global fingerprint: no read to record.
        let ids: Vec<&str> = super::reads::paused(|| {
            r.term_pages(term, Lang::Nl)
                .iter()
                .map(|&i| r.id(i))
                .collect()
        });
        if ids.contains(&id.as_str()) {
            Ok(Some(id))
        } else {
            Err(format!(
                "pages(): there is no {name} `{id}`: {}",
                suggest(&id, &ids)
            ))
        }
    };
    let theme = term("theme", Term::Theme)?;
    let sector = term("sector", Term::Sector)?;
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
pub fn run(r: &RenderCx, q: &Query) -> Vec<usize> {
    let keep = |&j: &usize| {
        let p = r.page(j);
        let status = match &p.details {
            Details::Project(m) => m.status.map(super::context::status_name),
            Details::Guide(m) => m.status.map(super::context::guide_status_name),
            Details::None | Details::Episode(_) | Details::Event(_) => None,
        };
        q.theme.as_ref().is_none_or(|t| p.themes.contains(t))
            && q.sector.as_ref().is_none_or(|t| p.sectors.contains(t))
            && q.status.as_deref().is_none_or(|s| status == Some(s))
            && !(q.current && (coming_soon(p) || super::events::is_past(p, r.today())))
    };
    let items = r.items(q.section, q.lang).iter().copied();
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
            v.sort_by(|&a, &b| order(r.page(a), r.page(b)));
            v.truncate(q.limit);
            v
        }
    }
}

/// What a query's answer looks like to a template, for fingerprints: which pages, with which summaries.
pub fn hash_answer(r: &RenderCx, q: &Query, h: &mut impl Hasher) {
    q.hash(h);
    let ids = run(r, q);
    ids.len().hash(h);
    for j in ids {
        r.summary_hash(j).hash(h);
    }
}
