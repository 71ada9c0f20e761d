//! Theme and sector pages, and the listings of all items of one type on them.
//!
//! A theme page (`/themas/werkdruk/`) shows, per content type, the first `pagination.term_items` items
//! tagged with it, in the order a visitor expects (see `Indexes::term_groups`), and when there are more a
//! link to a paginated listing of all of them (`/themas/werkdruk/projecten/`, `.../pagina/2/`). So no page
//! grows with the size of the site, and every tagged item is two clicks from its theme. The listings exist
//! only for groups larger than what the term page shows; their language switch leads to the same listing
//! in the other language when it has one, else to the translated term page.

use super::context::Summary;
use super::listings::{list, paginator};
use super::reads::List;
use super::{Frame, RenderCx};
use crate::content::{Kind, Section};
use crate::diagnostics::Diagnostic;
use serde::Serialize;
use tera::Context;

/// The two kinds of term a page can be tagged with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Term {
    Theme,
    Sector,
}

impl Term {
    pub fn of(kind: &Kind) -> Option<Term> {
        match kind {
            Kind::Theme => Some(Term::Theme),
            Kind::Sector => Some(Term::Sector),
            Kind::Home
            | Kind::Section(_)
            | Kind::Series
            | Kind::Project
            | Kind::Episode
            | Kind::Guide
            | Kind::News
            | Kind::Event
            | Kind::Plain => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Term::Theme => "theme",
            Term::Sector => "sector",
        }
    }
}

#[derive(Serialize)]
struct Group<'a> {
    section: &'static str,
    /// Everything of this type tagged with the term (the page shows the first few).
    count: usize,
    items: Vec<&'a Summary<'a>>,
    /// Guides in preparation, shown apart under their own heading.
    coming_soon: Vec<&'a Summary<'a>>,
    /// Events that are over, shown apart under their own heading.
    past: Vec<&'a Summary<'a>>,
    /// The listing of all of them, when the page shows only the first few.
    all_url: Option<String>,
}

/// How many pages of type `s` are tagged with term page `term`.
pub fn term_count(r: &RenderCx, term: usize, s: Section) -> usize {
    r.count(List::TermGroup(term, s))
}

/// How many items of each type a theme or sector page shows before linking to all of them.
pub fn term_preview(r: &RenderCx) -> usize {
    r.config().pagination.term_items.max(1)
}

/// How many pages the listing of all items of type `s` on term page `term` has: none when the term
/// page shows them all itself.
pub fn term_listing_pages(r: &RenderCx, term: usize, s: Section) -> usize {
    let n = term_count(r, term, s);
    if n <= term_preview(r) {
        0
    } else {
        n.div_ceil(r.config().page_size(s.id()))
    }
}

/// The address of page `n` of the listing of all items of type `s` on term page `term`:
/// `/themas/werkdruk/projecten/`, `/themas/werkdruk/projecten/pagina/2/`, `/en/themes/workload/projects/`.
pub fn term_listing_url(r: &RenderCx, term: usize, s: Section, n: usize) -> String {
    let lang = r.lang(term);
    let base = format!("{}{}/", r.url(term), s.slugs(r.config()).get(lang));
    if n <= 1 {
        base
    } else {
        format!("{base}{}/{n}/", r.config().pagination.path.get(lang))
    }
}

/// `shown` split as listings show it: the main list, then guides in preparation or past events apart.
fn split_apart<'a>(
    r: &'a RenderCx,
    s: Section,
    shown: &[usize],
) -> (
    Vec<&'a Summary<'a>>,
    Vec<&'a Summary<'a>>,
    Vec<&'a Summary<'a>>,
) {
    // Sorted last, so they are the tail of whatever slice is shown.
    let split = shown.partition_point(|&i| !r.apart(i));
    let (main, rest) = shown.split_at(split);
    if s == Section::Evenementen {
        (list(r, main), Vec::new(), list(r, rest))
    } else {
        (list(r, main), list(r, rest), Vec::new())
    }
}

/// A theme or sector page: per type, the first few items tagged with it and a link to all of them.
pub fn term(r: &RenderCx, i: usize, ctx: &mut Context) {
    let preview = term_preview(r);
    let mut total = 0;
    let groups: Vec<Group> = Section::CONTENT
        .iter()
        .filter_map(|&s| {
            let count = term_count(r, i, s);
            if count == 0 {
                return None;
            }
            total += count;
            let first = r.range(List::TermGroup(i, s), 0, preview);
            let (items, coming_soon, past) = split_apart(r, s, first);
            Some(Group {
                section: s.id(),
                count,
                items,
                coming_soon,
                past,
                all_url: (count > preview).then(|| term_listing_url(r, i, s, 1)),
            })
        })
        .collect();
    ctx.insert("groups", &groups);
    ctx.insert("total", &total);
    ctx.insert("term_kind", Term::of(r.kind(i)).map_or("theme", Term::name));
}

/// One page of the listing of all items of type `s` on a theme or sector page.
fn listing_context(r: &RenderCx, term: usize, s: Section, n: usize, ctx: &mut Context) {
    let size = r.config().page_size(s.id());
    let total = term_listing_pages(r, term, s);
    let start = (n - 1) * size;
    let shown = r.range(List::TermGroup(term, s), start, start + size);
    let (main, coming_soon, past) = split_apart(r, s, shown);
    ctx.insert("section", s.id());
    ctx.insert("item_kind", s.item_kind().name());
    ctx.insert(
        "term_kind",
        Term::of(r.kind(term)).map_or("theme", Term::name),
    );
    ctx.insert("term", r.summary(term));
    ctx.insert("items", &main);
    ctx.insert("coming_soon", &coming_soon);
    ctx.insert("past", &past);
    ctx.insert(
        "paginator",
        &paginator(n, total, term_count(r, term, s), |k| {
            term_listing_url(r, term, s, k)
        }),
    );
}

impl RenderCx<'_> {
    /// One page of the listing of all items of type `section` on theme or sector page `term`.
    pub(crate) fn term_listing(
        &self,
        term: usize,
        section: Section,
        n: usize,
    ) -> Result<(String, Vec<u8>), Vec<Diagnostic>> {
        let p = self.page(term);
        let url = term_listing_url(self, term, section, n);
        let strings = self.theme().strings.get(p.lang);
        let word = |key: &str| strings.get(key).cloned().unwrap_or_else(|| key.to_string());
        let kind = Term::of(&p.kind).map_or("theme", Term::name);
        // "Projecten over Werkdruk", and on later pages ", pagina 2 van 3".
        let title = format!(
            "{} {} {}",
            word(&format!("group_{}", section.id())),
            word(&format!("term_about_{kind}")),
            p.src.title
        );
        let total = term_listing_pages(self, term, section);
        let title = self.nth_page_title(p.lang, &title, n, total);
        // The same listing in the other language when it exists (page n there when it has one: only then
        // does hreflang pair the two), else the term page's translation.
        let counterpart = p
            .translation
            .map(|t| match term_listing_pages(self, t, section) {
                0 => (self.url(t).to_string(), false),
                m if m >= n => (term_listing_url(self, t, section, n), true),
                _ => (term_listing_url(self, t, section, 1), false),
            });
        let mut ctx = self.base(Frame {
            lang: p.lang,
            url: &url,
            title: &title,
            description: p.src.description.as_deref(),
            kind: "term_listing",
            translation: p.translation.map(|t| self.page(t)),
            counterpart: counterpart.as_ref().map(|(u, exact)| (u.as_str(), *exact)),
            fallback: p.section(),
            page: Some(term),
        });
        ctx.insert("breadcrumbs", &self.breadcrumbs_through(p));
        ctx.insert("page", &self.page_view(term)?);
        listing_context(self, term, section, n, &mut ctx);
        self.emit("term_listing.html", &ctx, &url)
    }
}
