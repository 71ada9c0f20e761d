//! Site search: the rendered pages, indexed in-process by Pagefind into `pagefind/`.
//!
//! Pagefind reads each page's HTML the way a visitor's browser would: `<html lang>` picks the index (Dutch
//! pages get Dutch stemming, English pages their own index), `data-pagefind-body` marks what is searchable,
//! `data-pagefind-filter`/`-meta`/`-sort` in the templates give the filters (type, theme, sector, status,
//! year), the result's type and date, and the order of filter-only listings. Which pages go in and what
//! part of them counts is the theme's business ([`marked`]).
//!
//! Indexing runs on its own thread while the pages render, fed through a bounded channel, so a build holds
//! only a few pages' HTML at a time and the index is ready soon after the last page. Pagefind is given only
//! the part of each page it reads (`trimmed`), and a language whose pages are the previous build's takes
//! that build's index over instead of indexing again (`reuse`).

use crate::content::Kind;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::sync::mpsc::{SyncSender, sync_channel};
use std::thread::JoinHandle;

mod reuse;

/// The folder under the output root that holds the index and `pagefind.js`.
pub const DIR: &str = "pagefind";

/// Why the index could not be made. Pagefind's own errors are kept as its text: it is the last stage and
/// nothing decodes them.
#[derive(Debug)]
pub enum SearchError {
    /// The indexing thread's runtime could not start.
    Runtime(std::io::Error),
    /// Pagefind refused a page or the index.
    Index { url: Option<String>, detail: String },
    /// The indexing thread stopped without an answer.
    Lost,
}

/// The attribute by which a theme marks what of a page is searchable.
pub const MARK: &str = "data-pagefind-body";

/// Whether a rendered page goes into the search index: the theme marks the pages a visitor looks for
/// (the sofokles theme: projects, episodes, guides, news, events, series, themes, sectors, plain pages;
/// not the listings, which repeat what those pages say, nor the home page). One rule for `build` and for
/// `serve`, which only has the rendered files.
pub fn marked(html: &[u8]) -> bool {
    // str's search is the fast one (vectorised for short needles); rendered pages are UTF-8.
    std::str::from_utf8(html).is_ok_and(|s| s.contains(MARK))
}

/// A page for the index: the address a result links to, and its HTML.
pub type Doc = (String, String);

/// Turns transparent huge pages off for this process once it indexes. mimalloc asks the kernel for them on
/// its arenas (`madvise`), and a huge page is zeroed whole (2 MB) at its first touch, also when mimalloc has
/// just given part of it back: a build with the search index spent a quarter of its CPU in the kernel's
/// `clear_page` (1 to 1.4 s of system time at 1,000 pages per language, 0.3 s without huge pages;
/// BENCHMARKS.md). Without the index huge pages pay (about 6% of a 10,000-page build), so they stay on
/// until the index starts. The setting is the process's own; it changes nothing else.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory of ours; a failure (an old
    // kernel) leaves things as they were.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Files to write, relative to the output root.
pub type Files = Vec<(String, Vec<u8>)>;

/// An index being built while the pages render: one thread per language (Pagefind keeps one index per
/// language anyway, and indexes a page at a time under a lock), so the two languages index in parallel.
/// Pages go in with [`Indexer::add`]; [`Indexer::finish`] returns the files of all of them together.
///
/// Given the previous build's output, a language whose pages are byte for byte the previous build's (the
/// same addresses and HTML in the same order, see `reuse`) takes that build's index files instead of
/// indexing again.
pub struct Indexer {
    workers: std::cell::RefCell<Vec<(String, Worker)>>,
    previous: Option<std::path::PathBuf>,
}

/// The index files of all languages, and for each language whether it was made or reused.
pub struct Indexed {
    pub files: Files,
    pub languages: Vec<LangReport>,
}

/// What happened to one language's index, for the build's report.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LangReport {
    pub lang: String,
    pub pages: usize,
    /// The previous build's files were taken over: nothing was indexed.
    pub reused: bool,
}

struct Worker {
    tx: SyncSender<Doc>,
    handle: JoinHandle<Result<(Files, reuse::Record, bool), SearchError>>,
}

impl Worker {
    fn start(lang: String, previous: Option<std::path::PathBuf>) -> Worker {
        let (tx, rx) = sync_channel::<Doc>(64);
        let handle = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .build()
                .map_err(SearchError::Runtime)?;
            rt.block_on(async move {
                // Checked before the first page arrives, on this thread: reading and checking the earlier
                // files costs the render nothing.
                let mut before = previous.and_then(|dir| reuse::Previous::load(&dir, &lang));
                let mut digest = reuse::Digest::new();
                let mut held: Vec<Doc> = Vec::new();
                let mut index: Option<PagefindIndex> = None;
                for (url, html) in rx {
                    let checkpoint = digest.add(&url, &html);
                    if let Some(prev) = &before {
                        held.push((url, html));
                        if checkpoint.is_none_or(|c| prev.agrees(digest.pages(), &c)) {
                            continue;
                        }
                        // A page differs from the previous build's: index everything, starting now.
                        before = None;
                        let ix = index.insert(new_index()?);
                        for (url, html) in held.drain(..) {
                            add(ix, url, html).await?;
                        }
                    } else {
                        let ix = match &mut index {
                            Some(ix) => ix,
                            None => index.insert(new_index()?),
                        };
                        add(ix, url, html).await?;
                    }
                }
                let (pages, digest) = digest.finish();
                if let Some(prev) = before {
                    if prev.same(pages, &digest) {
                        return Ok((prev.files, prev.record, true));
                    }
                    let ix = index.insert(new_index()?);
                    for (url, html) in held.drain(..) {
                        add(ix, url, html).await?;
                    }
                }
                let ix = match &mut index {
                    Some(ix) => ix,
                    None => index.insert(new_index()?),
                };
                let files = files(ix).await?;
                let record = reuse::Record::new(pages, digest, &files);
                Ok((files, record, false))
            })
        });
        Worker { tx, handle }
    }
}

async fn add(index: &mut PagefindIndex, url: String, html: String) -> Result<(), SearchError> {
    index
        .add_html_file(None, Some(url.clone()), html)
        .await
        .map(|_| ())
        .map_err(|e| SearchError::Index {
            url: Some(url),
            detail: e.to_string(),
        })
}

impl Indexer {
    /// `previous` is the folder of the previous build's output, whose index may be reused.
    pub fn start(previous: Option<&std::path::Path>) -> Indexer {
        no_huge_pages();
        Indexer {
            workers: std::cell::RefCell::new(Vec::new()),
            previous: previous.map(std::path::Path::to_path_buf),
        }
    }

    /// Sends one rendered page. `url` is its address within the site: under a sub-path, pagefind.js puts
    /// the base path of its own folder in front.
    pub fn add(&self, url: String, html: String) {
        let lang = html_lang(&html).to_string();
        let mut workers = self.workers.borrow_mut();
        let at = match workers.iter().position(|(l, _)| *l == lang) {
            Some(i) => i,
            None => {
                let w = Worker::start(lang.clone(), self.previous.clone());
                workers.push((lang, w));
                workers.len() - 1
            }
        };
        // A send fails only when the worker already stopped on an error; `finish` reports that error.
        let _ = workers[at].1.tx.send((url, trimmed(html)));
    }

    pub fn finish(self) -> Result<Indexed, SearchError> {
        let mut all: Vec<Files> = Vec::new();
        let mut records = Vec::new();
        let mut languages = Vec::new();
        for (lang, w) in self.workers.into_inner() {
            drop(w.tx);
            let (files, record, reused) = w.handle.join().map_err(|_| SearchError::Lost)??;
            all.push(files);
            languages.push(LangReport {
                lang: lang.clone(),
                pages: record.pages,
                reused,
            });
            records.push((lang, record));
        }
        let mut files = merge(all);
        files.push(reuse::manifest(records));
        Ok(Indexed { files, languages })
    }
}

/// What of a page Pagefind needs, the rest cut off before it parses the page: the `<html>` start tag (its
/// `lang`), the `<title>` (the result's title when the page has no `<h1>`), and everything from the first
/// element that tells Pagefind something (a `data-pagefind-` attribute) or the first `<h1>` on. What goes is
/// the head's links, metadata and scripts and the site's header and menu before the page's own part: on
/// the sofokles theme about half of each page's bytes, and Pagefind makes the same files of what is left
/// (tested below).
fn trimmed(html: String) -> String {
    let Some(from) = cut(&html) else { return html };
    let Some(start) = html.find("<html") else {
        return html;
    };
    let Some(start_end) = html[start..].find('>').map(|e| start + e + 1) else {
        return html;
    };
    if start_end > from {
        return html;
    }
    let title = html[..from]
        .find("<title")
        .and_then(|t| html[t..from].find("</title>").map(|e| &html[t..t + e + 8]))
        .unwrap_or("");
    let mut out = String::with_capacity(html.len() - from + title.len() + 64);
    out.push_str(&html[start..start_end]);
    out.push_str(title);
    out.push_str(&html[from..]);
    out
}

/// Where [`trimmed`] cuts: the start of a tag at or before the first element Pagefind reads. Without a
/// parser, it cuts only where it can tell that it stands between two tags: not in a script, a style or a
/// comment (a mark in a script is not an element), right after another tag's `>`. Otherwise nothing is cut.
fn cut(html: &str) -> Option<usize> {
    let outside_raw_text = |at: usize| outside_raw_text(html, at);
    let mut candidates: Vec<usize> = html
        .match_indices("data-pagefind")
        .take(8)
        .chain(html.match_indices("<h1").take(1))
        .map(|(i, _)| i)
        .collect();
    candidates.sort_unstable();
    let mark = candidates.into_iter().find(|&c| outside_raw_text(c))?;
    // Back to a tag that starts right after another one ends (the mark's own tag, usually).
    let mut at = mark + 1;
    for _ in 0..64 {
        let lt = html[..at].rfind('<')?;
        let names_a_tag = html[lt + 1..].starts_with(|c: char| c.is_ascii_alphabetic());
        let after_a_tag = html[..lt].trim_end().ends_with('>');
        if names_a_tag && after_a_tag && outside_raw_text(lt) {
            return Some(lt);
        }
        at = lt;
    }
    None
}

/// Whether `at` is outside every script, style, comment and other element whose content is not markup:
/// one pass over the tags before it, skipping each such element to its end.
fn outside_raw_text(html: &str, at: usize) -> bool {
    const RAW: [(&str, &str); 6] = [
        ("<!--", "-->"),
        ("<script", "</script"),
        ("<style", "</style"),
        ("<textarea", "</textarea"),
        ("<noscript", "</noscript"),
        ("<title", "</title"),
    ];
    let mut i = 0;
    while let Some(lt) = html[i..at].find('<') {
        let p = i + lt;
        let rest = &html[p..];
        i = match RAW.iter().find(|(open, _)| rest.starts_with(open)) {
            Some((open, close)) => match rest[open.len()..].find(close) {
                Some(e) => p + open.len() + e + close.len(),
                None => return false,
            },
            None => p + 1,
        };
        if i > at {
            return false;
        }
    }
    true
}

/// The `lang` of a page's `<html>` element, which is what Pagefind sorts it by.
fn html_lang(html: &str) -> &str {
    let end = (0..=html.len().min(512))
        .rev()
        .find(|&i| html.is_char_boundary(i))
        .unwrap_or(0);
    let head = &html[..end];
    head.find("<html")
        .and_then(|i| {
            let rest = &head[i..head[i..].find('>').map_or(head.len(), |e| i + e)];
            let v = &rest[rest.find("lang=\"")? + 6..];
            Some(&v[..v.find('"')?])
        })
        .unwrap_or("")
}

/// The files of the per-language indexes as one bundle: each language's own files side by side, the
/// shared ones (pagefind.js, the wasm files) once, and one `pagefind-entry.json` naming every language.
fn merge(parts: Vec<Files>) -> Files {
    let entry = format!("{DIR}/pagefind-entry.json");
    let mut files: std::collections::BTreeMap<String, Vec<u8>> = std::collections::BTreeMap::new();
    let mut languages = serde_json::Map::new();
    let mut first_entry: Option<serde_json::Value> = None;
    for part in parts {
        for (name, bytes) in part {
            if name == entry {
                if let Ok(mut v) = serde_json::from_slice::<serde_json::Value>(&bytes) {
                    if let Some(serde_json::Value::Object(langs)) =
                        v.get_mut("languages").map(std::mem::take)
                    {
                        languages.extend(langs);
                    }
                    first_entry.get_or_insert(v);
                }
            } else {
                files.entry(name).or_insert(bytes);
            }
        }
    }
    if let Some(mut v) = first_entry {
        v["languages"] = serde_json::Value::Object(languages);
        files.insert(entry, serde_json::to_vec(&v).unwrap_or_default());
    }
    files.into_iter().collect()
}

/// Indexes the given pages at once (serve, which indexes only when the search is used).
pub fn index_all(pages: impl Iterator<Item = (String, String)>) -> Result<Files, SearchError> {
    let indexer = Indexer::start(None);
    for (url, html) in pages {
        indexer.add(url, html);
    }
    indexer.finish().map(|i| i.files)
}

/// What Pagefind leaves out of every page: the generator's own heading anchors ("#", "Link to ...") are
/// not what a page says.
const EXCLUDE: &[&str] = &["a.anchor"];

fn new_index() -> Result<PagefindIndex, SearchError> {
    let options = PagefindServiceConfig::builder()
        .exclude_selectors(EXCLUDE.iter().map(|s| s.to_string()).collect())
        .build();
    PagefindIndex::new(Some(options)).map_err(|e| SearchError::Index {
        url: None,
        detail: e.to_string(),
    })
}

async fn files(index: &mut PagefindIndex) -> Result<Files, SearchError> {
    let files = index.get_files().await.map_err(|e| SearchError::Index {
        url: None,
        detail: e.to_string(),
    })?;
    Ok(files
        .into_iter()
        .filter(|f| needed(&f.filename.to_string_lossy()))
        .map(|f| {
            let name = f.filename.to_string_lossy().replace('\\', "/");
            (format!("{DIR}/{name}"), f.contents)
        })
        .collect())
}

/// The theme has its own search page and filters, built on `pagefind.js`: Pagefind's ready-made
/// interfaces and its playground are left out of the output.
fn needed(name: &str) -> bool {
    !(name.starts_with("pagefind-ui")
        || name.starts_with("pagefind-component-ui")
        || name.starts_with("pagefind-modular-ui")
        || name.starts_with("pagefind-highlight")
        || name.starts_with("playground"))
}

impl SearchError {
    /// The message at the edge, in both languages.
    pub fn diagnostic(&self) -> crate::diagnostics::Diagnostic {
        use crate::diagnostics::Diagnostic;
        match self {
            SearchError::Runtime(e) => Diagnostic::error(
                format!("the search index could not be made: cannot start its worker ({e})"),
                format!("de zoekindex kon niet worden gemaakt: het proces ervoor start niet ({e})"),
            ),
            SearchError::Index { url, detail } => {
                let at = url
                    .as_deref()
                    .map(|u| format!(" at {u}"))
                    .unwrap_or_default();
                let bij = url
                    .as_deref()
                    .map(|u| format!(" bij {u}"))
                    .unwrap_or_default();
                Diagnostic::error(
                    format!("the search index could not be made{at}: {detail}"),
                    format!("de zoekindex kon niet worden gemaakt{bij}: {detail}"),
                )
                .help(
                    "set `search: false` in site.yaml to build without search, and report this problem",
                    "zet `search: false` in site.yaml om zonder zoekfunctie te bouwen, en meld dit probleem",
                )
            }
            SearchError::Lost => Diagnostic::error(
                "the search index could not be made: its worker stopped",
                "de zoekindex kon niet worden gemaakt: het proces ervoor stopte",
            ),
        }
    }
}

/// What a page tells the search index about itself beyond its text, for `partials/search_attrs.html`:
/// its kind (the type filter), its year (the year filter), its date (shown with a result) and its place in
/// its section's listing (so a filtered listing keeps the order of the full one).
#[derive(Debug, serde::Serialize)]
pub struct PageFacts {
    pub kind: &'static str,
    pub year: Option<i32>,
    pub date: Option<String>,
    pub order: usize,
}

impl PageFacts {
    pub fn of(p: &crate::site::Page, order: Option<usize>) -> PageFacts {
        let date = match &p.details {
            crate::content::Details::Event(m) => m.start.map(|t| t.date),
            crate::content::Details::None
            | crate::content::Details::Project(_)
            | crate::content::Details::Episode(_)
            | crate::content::Details::Guide(_) => match p.kind {
                // A project's date is when its page was written, not what it is about.
                Kind::Project => None,
                _ => p.date,
            },
        };
        PageFacts {
            kind: p.kind.name(),
            year: date.map(|d| d.year()),
            date: date.map(|d| d.to_string()),
            // Pages outside a listing come last, in no particular order.
            order: order.unwrap_or(usize::MAX / 2),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pagefind's files for `docs` as given (no trimming), with kennis's options.
    fn index_as_is(docs: &[(&str, String)]) -> Files {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        rt.block_on(async {
            let mut ix = new_index().unwrap();
            for (url, html) in docs {
                add(&mut ix, url.to_string(), html.clone()).await.unwrap();
            }
            files(&mut ix).await.unwrap()
        })
    }

    /// Pages shaped like the sofokles theme's, and the odd cases trimming must survive.
    fn pages() -> Vec<(&'static str, String)> {
        let head = |title: &str| {
            format!(
                "<!DOCTYPE html>\n<html lang=\"nl\" class=\"no-js\">\n<head>\n<meta charset=\"utf-8\">\n\
                 <title>{title} | SoFoKleS</title>\n<meta name=\"description\" content=\"Iets anders\">\n\
                 <meta property=\"og:image\" content=\"/og.png\">\n<link rel=\"stylesheet\" href=\"/s.css\">\n\
                 <script>if (a<b) {{ document.querySelector('[data-pagefind-body]'); }}</script>\n</head>\n"
            )
        };
        let header = "<body>\n<a class=\"skip\" href=\"#main\">Naar de inhoud</a>\n<header id=\"top\">\
            <a href=\"/\"><img src=\"/logo.svg\" alt=\"SoFoKleS\"></a>\
            <form class=\"header-search\" id=\"zoekbalk\" role=\"search\"><input name=\"q\"></form>\
            <nav id=\"menu\"><ul><li><a href=\"/projecten/\">Projecten werkdruk</a></li></ul></nav></header>\n";
        let footer =
            "<footer id=\"voet\"><p>Sociaal Fonds Kennissector</p></footer>\n</body>\n</html>\n";
        vec![
            (
                "/projecten/flow/",
                format!(
                    "{}{header}<main id=\"main\"><article data-pagefind-body data-type=\"Project\">\
                     <p class=\"kicker\" data-pagefind-ignore>Project</p><h1>FLOW, werkdruk</h1>\
                     <p class=\"lead\" data-pagefind-meta=\"description\">Doorstroom</p>\
                     <dl><dd><span data-pagefind-filter=\"status\" data-pagefind-meta=\"badge:lopend\">Lopend</span></dd>\
                     <dd><a href=\"/themas/w/\" data-pagefind-filter=\"theme\">Werkdruk</a></dd></dl>\
                     <h2 id=\"doel\">Doel<a class=\"anchor\" href=\"#doel\">#</a></h2><p>Minder werkdruk, meer tijd.</p>\
                     <img src=\"/a.png\" alt=\"Foto\"></article>\
                     <span data-pagefind-sort=\"order\" hidden>00003</span></main>{footer}",
                    head("FLOW")
                ),
            ),
            (
                // A term page: its title and description outside the indexed part.
                "/themas/werkdruk/",
                format!(
                    "{}{header}<main id=\"main\"><h1>Werkdruk</h1><p data-pagefind-meta=\"description\">Over werkdruk</p>\
                     <div class=\"content\" data-pagefind-body><p>Alles over <em>werkdruk</em>.</p></div>\
                     <ul><li>Project 1</li></ul></main>{footer}",
                    head("Werkdruk")
                ),
            ),
            (
                // No <h1>: the result's title comes from <title>.
                "/over/",
                format!(
                    "{}{header}<main id=\"main\"><div data-pagefind-body><p>Wie wij zijn.</p></div></main>{footer}",
                    head("Over ons")
                ),
            ),
            (
                // An <h1> in the header, before the indexed part.
                "/nieuws/start/",
                format!(
                    "{}<body><header><h1 class=\"site\">SoFoKleS</h1></header><section data-pagefind-body>\
                     <h2>Start</h2><p>Het fonds start.</p></section>{footer}",
                    head("Start")
                ),
            ),
            (
                // Nothing for Pagefind but the page as a whole.
                "/plain/",
                "<html lang=\"nl\"><body><p>Gewoon</p></body></html>".to_string(),
            ),
        ]
    }

    #[test]
    fn pagefind_makes_the_same_index_of_the_trimmed_pages() {
        let whole = pages();
        let cut: Vec<(&str, String)> = whole
            .iter()
            .map(|(u, h)| (*u, trimmed(h.clone())))
            .collect();
        // Trimming does cut (the head, the site header and menu) ...
        assert!(cut[0].1.len() < whole[0].1.len() / 2 + 200, "{}", cut[0].1);
        assert!(!cut[0].1.contains("zoekbalk") && !cut[0].1.contains("og:image"));
        assert!(cut[0].1.starts_with(
            "<html lang=\"nl\" class=\"no-js\"><title>FLOW | SoFoKleS</title><article"
        ));
        assert_eq!(cut[4].1, whole[4].1, "no marks: the page goes whole");
        // ... and Pagefind makes the same files of it, byte for byte: of each page alone and of all.
        let same = |a: &[(&str, String)], b: &[(&str, String)]| {
            // In the order of their names, as they are written (Pagefind lists the filters in any order).
            let (mut a, mut b) = (index_as_is(a), index_as_is(b));
            a.sort();
            b.sort();
            a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| x == y)
        };
        for (w, c) in whole.iter().zip(&cut) {
            assert!(
                same(std::slice::from_ref(w), std::slice::from_ref(c)),
                "{}:\n{}\n{}",
                w.0,
                w.1,
                c.1
            );
        }
        assert!(same(&whole, &cut));
    }

    #[test]
    fn marks_in_scripts_and_comments_are_not_elements() {
        let html = "<html><head><script>x = '<b data-pagefind-body>';</script><!-- <i data-pagefind-body> -->\
                    <style>p{}</style></head><body><p>a</p><main data-pagefind-body>";
        let at = |needle: &str| html.find(needle).unwrap();
        assert!(!outside_raw_text(html, at("<b ")));
        assert!(!outside_raw_text(html, at("<i ")));
        assert!(outside_raw_text(html, at("<main")));
        assert_eq!(cut(html), Some(at("<main")));
        // An unclosed comment runs to the end.
        assert_eq!(cut("<html><!-- <p data-pagefind-body>"), None);
        // A mark whose tag does not start right after another tag's end: back to one that does.
        let text = "<html><body><p>Tekst <span data-pagefind-filter=\"x\">y</span></p>";
        assert_eq!(cut(text), Some(text.find("<p>").unwrap()));
    }

    #[test]
    fn the_recipe_names_the_pagefind_that_writes_the_index() {
        let files = index_as_is(&pages()[..1]);
        let (_, entry) = files
            .iter()
            .find(|(n, _)| n.ends_with("pagefind-entry.json"))
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(entry).unwrap();
        assert_eq!(
            v["version"],
            reuse::PAGEFIND_VERSION,
            "Pagefind was upgraded: set reuse::PAGEFIND_VERSION, so no earlier index is taken over"
        );
    }

    #[test]
    fn the_language_is_read_from_the_html_element() {
        assert_eq!(
            html_lang("<!DOCTYPE html>\n<html lang=\"en\">\n<head>"),
            "en"
        );
        assert_eq!(html_lang("<html class=\"x\" lang=\"nl\">"), "nl");
        assert_eq!(html_lang("<html>"), "");
        assert_eq!(html_lang("<p lang=\"en\">no html element</p>"), "");
        // A character that straddles the 512th byte does not split.
        let long = format!("<html lang=\"nl\">{}–more", "a".repeat(494));
        assert_eq!(html_lang(&long), "nl");
    }

    #[test]
    fn the_languages_merge_into_one_entry_file() {
        let entry = |lang: &str| {
            format!(r#"{{"version":"1.6.0","languages":{{"{lang}":{{"page_count":1}}}}}}"#)
                .into_bytes()
        };
        let nl = vec![
            ("pagefind/pagefind-entry.json".to_string(), entry("nl")),
            ("pagefind/pagefind.js".to_string(), b"js".to_vec()),
            (
                "pagefind/fragment/nl_1.pf_fragment".to_string(),
                b"a".to_vec(),
            ),
        ];
        let en = vec![
            ("pagefind/pagefind-entry.json".to_string(), entry("en")),
            ("pagefind/pagefind.js".to_string(), b"js".to_vec()),
            (
                "pagefind/fragment/en_1.pf_fragment".to_string(),
                b"b".to_vec(),
            ),
        ];
        let files = merge(vec![nl, en]);
        assert_eq!(files.len(), 4, "{files:?}");
        let (_, e) = files
            .iter()
            .find(|(n, _)| n.ends_with("entry.json"))
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(e).unwrap();
        assert_eq!(v["languages"]["nl"]["page_count"], 1);
        assert_eq!(v["languages"]["en"]["page_count"], 1);
        assert_eq!(v["version"], "1.6.0");
    }
}
