//! What an output read while it rendered: the trace that decides whether `serve` must render it again.
//!
//! Outputs read the site only through the render context ([`super::RenderCx`]); every read of something
//! that differs per page (a page, its summary, a list the site's indexes keep, a `pages()` call) is
//! recorded here, on the thread that renders the job. What every output reads (site.yaml, the theme, the
//! static files, every page's address) is the context's global fingerprint instead. After the render, a
//! job's trace is the global fingerprint, the job and its reads with a hash of what each read returned;
//! the next render asks the new context for the same reads, and an unchanged hash means the output would
//! come out the same. Nothing is listed by hand, so a new output or a new read cannot be forgotten.

use super::query::Query;
use crate::config::Lang;
use crate::content::Section;
use std::cell::RefCell;

/// One read of per-page data. Page numbers index the site's pages; they are the same in two renders
/// whenever the global fingerprint is (it covers every page's identity and address, in order).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Read {
    /// All of page `i`: its source, its address, and its translation's source (shared fields are
    /// inherited from it).
    Page(usize),
    /// What listings and links show of page `i`.
    Summary(usize),
    /// Page `i`'s place in its section's listing.
    Order(usize),
    /// Page `i`'s date and `updated`.
    Dates(usize),
    /// Whether page `i` is listed apart (a guide in preparation, an event that is over).
    Apart(usize),
    /// One of the lists the site's indexes keep, whole.
    List(List),
    /// How long a list is.
    Len(List),
    /// Items `start..end` of a list (fewer where it is shorter).
    Range(List, usize, usize),
    /// What a `pages()` call in a template returned.
    Query(Query),
}

/// The lists of pages the render context keeps, each in its own order.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum List {
    /// A section's items, in listing order.
    Section(Section, Lang),
    /// The theme pages of a language.
    ThemePages(Lang),
    /// The sector pages of a language.
    SectorPages(Lang),
    /// The podcast series pages of a language.
    SeriesPages(Lang),
    /// Everything tagged with theme or sector page `i`'s id.
    Tagged(usize),
    /// What theme or sector page `i` lists of one section, in the term pages' order.
    TermGroup(usize, Section),
    /// The items of one section carrying page `i`'s first theme, newest first.
    PrimaryTheme(usize, Section),
    /// The news tagged with theme page `i`, newest first.
    ThemeNews(usize),
    /// The pages naming page `i` in their `related`.
    RelatedTo(usize),
    /// The episodes of the series page `i` belongs to (or is), newest first.
    Series(usize),
}

thread_local! {
    /// The reads of the job this thread renders, or `None` outside a job (or while a read is being
    /// answered in full, see [`paused`]).
    static READS: RefCell<Option<Vec<Read>>> = const { RefCell::new(None) };
}

/// Notes a read by the job this thread is rendering, if any.
pub fn record(read: Read) {
    READS.with(|r| {
        if let Some(v) = r.borrow_mut().as_mut() {
            v.push(read);
        }
    });
}

/// Runs `f` (rendering one job) and returns what it returned and what it read, each read once, sorted.
/// Nests: the level around it gets back what it had recorded, also when `f` panics.
pub fn recording<T>(f: impl FnOnce() -> T) -> (T, Vec<Read>) {
    let (out, reads) = with_level(Some(Vec::new()), f);
    let mut reads = reads.unwrap_or_default();
    reads.sort_unstable();
    reads.dedup();
    (out, reads)
}

/// Runs `f` without recording: for a read recorded as a whole (a `pages()` call), whose answer is
/// computed from many smaller reads that would only blur the trace.
pub fn paused<T>(f: impl FnOnce() -> T) -> T {
    with_level(None, f).0
}

fn with_level<T>(level: Option<Vec<Read>>, f: impl FnOnce() -> T) -> (T, Option<Vec<Read>>) {
    struct Restore(Option<Option<Vec<Read>>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            if let Some(outer) = self.0.take() {
                READS.with(|r| *r.borrow_mut() = outer);
            }
        }
    }
    let mut restore = Restore(Some(READS.with(|r| r.replace(level))));
    let out = f();
    let mine = READS.with(|r| r.replace(restore.0.take().unwrap_or_default()));
    (out, mine)
}

/// What serve keeps of one output between renders.
#[derive(Debug, Clone)]
pub struct Trace {
    /// The job that made the output, and the global fingerprint it was made under.
    pub job: u64,
    pub global: u64,
    /// What it read, as places in the [`Table`].
    pub reads: std::sync::Arc<[u32]>,
    /// The hash of what `reads` returned.
    pub answers: u64,
}

/// Every read any kept trace made, each once: many outputs read the same things (a popular page's
/// summary, a section's length), so a render answers each read once and a trace is checked by looking
/// its answers up.
#[derive(Debug, Default, Clone)]
pub struct Table {
    pub reads: Vec<Read>,
    places: ahash::AHashMap<Read, u32>,
}

impl Table {
    /// The place of `read`, added if new.
    pub fn place(&mut self, read: Read) -> u32 {
        if let Some(&k) = self.places.get(&read) {
            return k;
        }
        let k = self.reads.len() as u32;
        self.places.insert(read.clone(), k);
        self.reads.push(read);
        k
    }
}

/// One hash of a trace's answers, in the order of its reads.
pub fn combine(answers: impl Iterator<Item = u64>) -> u64 {
    use std::hash::Hasher;
    let mut h = crate::content::hasher();
    for a in answers {
        h.write_u64(a);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_recorded_per_level_and_paused_reads_are_not() {
        record(Read::Page(9)); // outside a job: nowhere to go
        let ((), outer) = recording(|| {
            record(Read::Summary(2));
            let ((), inner) = recording(|| record(Read::Page(1)));
            assert_eq!(inner, vec![Read::Page(1)]);
            paused(|| record(Read::Page(3)));
            record(Read::Summary(2));
            record(Read::Order(0));
        });
        assert_eq!(outer, vec![Read::Summary(2), Read::Order(0)]);
    }

    #[test]
    fn a_panicking_job_gives_the_outer_level_back() {
        let ((), outer) = recording(|| {
            record(Read::Page(1));
            let r = std::panic::catch_unwind(|| recording(|| panic!("template bug")));
            assert!(r.is_err());
            record(Read::Page(2));
        });
        assert_eq!(outer, vec![Read::Page(1), Read::Page(2)]);
    }
}
