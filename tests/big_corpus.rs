//! At the size the fund may grow to (10,000 pages per language, the generated benchmark corpus), no
//! written HTML page is over 200 KB, and every item tagged with a theme or sector can be reached from
//! that theme's or sector's page by following its links (issue 12).
//!
//! What a page is tagged with is read from the output (the tag links a page shows under its title), and
//! reachability by following the links in the HTML, not from kennis's model: the test checks what a
//! visitor gets.

#[path = "../examples/gen_corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

const PAGES_PER_LANG: usize = 10_000;
const MAX_HTML: usize = 200 * 1024;

/// The site address of an output file: `projecten/x/index.html` → `/projecten/x/`.
fn url_of(path: &str) -> String {
    match path.strip_suffix("index.html") {
        Some(dir) => format!("/{dir}"),
        None => format!("/{path}"),
    }
}

/// The part of a page between `<main>` and `</main>`: header and footer links lead everywhere.
fn main_of(html: &str) -> &str {
    let start = html.find("<main>").unwrap_or(0);
    let end = html[start..]
        .find("</main>")
        .map_or(html.len(), |e| start + e);
    &html[start..end]
}

fn hrefs(html: &str) -> impl Iterator<Item = &str> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
}

/// The links in the line of tags under a content page's title (the corpus theme writes
/// `<h1>…</h1>`, a line with the date, then a line with the theme and sector links).
fn tag_links(html: &str) -> Vec<&str> {
    // A page's article (marked for the search index) opens with its title.
    let Some(h1) = html
        .find("<article data-pagefind-body>\n<h1>")
        .or_else(|| html.find("<article>\n<h1>"))
    else {
        return Vec::new();
    };
    let mut lines = html[h1..].lines().skip(3);
    match lines.next() {
        Some(l) if l.starts_with("<p><a href=") => hrefs(l).collect(),
        _ => Vec::new(),
    }
}

#[test]
fn ten_thousand_pages_per_language_stay_small_and_every_tagged_item_is_reachable() {
    let dir = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    gen_corpus::generate(PAGES_PER_LANG, dir.path());
    // The search index is not what this test is about, and at this size it is the larger part of the
    // build: left out to keep the test quick.
    let site_yaml = dir.path().join("site.yaml");
    let mut yaml = std::fs::read_to_string(&site_yaml).unwrap();
    yaml.push_str("search: false\n");
    std::fs::write(&site_yaml, yaml).unwrap();
    let generated = started.elapsed();
    let mut opts = kennis::build::Options::new(dir.path().to_path_buf());
    opts.today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let (_, files) = kennis::build::build_in_memory(&opts).unwrap_or_else(|e| panic!("{e:#?}"));
    let built = started.elapsed();

    let html: HashMap<String, &str> = files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (url_of(path), std::str::from_utf8(bytes).unwrap()))
        .collect();
    assert!(
        html.len() > 2 * PAGES_PER_LANG,
        "only {} HTML files for {PAGES_PER_LANG} pages per language",
        html.len()
    );

    // (1) No HTML file over 200 KB; the biggest offenders named.
    let mut big: Vec<(usize, &String)> = files
        .iter()
        .filter(|(path, bytes)| path.ends_with(".html") && bytes.len() > MAX_HTML)
        .map(|(path, bytes)| (bytes.len(), path))
        .collect();
    big.sort_unstable_by(|a, b| b.cmp(a));
    assert!(
        big.is_empty(),
        "{} HTML files are over {} KB; the biggest: {}",
        big.len(),
        MAX_HTML / 1024,
        big.iter()
            .take(10)
            .map(|(n, p)| format!("{p} ({} KB)", n / 1024))
            .collect::<Vec<_>>()
            .join(", ")
    );

    // (2) The theme and sector pages, as the theme and sector indexes of both languages link to them.
    let mut terms: BTreeSet<String> = BTreeSet::new();
    for index in ["/themas/", "/sectoren/", "/en/themes/", "/en/sectors/"] {
        let page = html
            .get(index)
            .unwrap_or_else(|| panic!("no page at {index}"));
        let before = terms.len();
        terms.extend(
            hrefs(main_of(page))
                .filter(|h| h.starts_with(index) && h.len() > index.len())
                .map(String::from),
        );
        assert!(terms.len() > before, "{index} links to no theme or sector");
    }
    // Which pages carry each theme and sector: the tag links under their titles.
    let mut tagged: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (url, page) in &html {
        for t in tag_links(page) {
            if let Some(t) = terms.get(t) {
                tagged.entry(t.as_str()).or_default().push(url.as_str());
            }
        }
    }
    // Every tagged item carries at least one theme and one sector (see gen_corpus): most pages count.
    let items: usize = tagged.values().map(Vec::len).sum();
    assert!(
        items >= 2 * 2 * PAGES_PER_LANG,
        "only {items} theme and sector tags found in the pages: is the tag line still where the test looks?"
    );
    let mut unreachable: Vec<String> = Vec::new();
    for term in &terms {
        let listed = tagged.get(term.as_str()).map(Vec::as_slice).unwrap_or(&[]);
        assert!(!listed.is_empty(), "nothing is tagged with {term}");
        // What the term page links to, and what its listings under its own address link to, following
        // their pagers.
        let mut reached: BTreeSet<&str> = BTreeSet::new();
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut queue: VecDeque<&str> = VecDeque::from([term.as_str()]);
        seen.insert(term);
        while let Some(u) = queue.pop_front() {
            let page = html
                .get(u)
                .unwrap_or_else(|| panic!("{u}, linked from {term}, was not written"));
            for h in hrefs(main_of(page)) {
                reached.insert(h);
                if h.starts_with(term.as_str()) && h.len() > term.len() && seen.insert(h) {
                    queue.push_back(h);
                }
            }
        }
        assert!(
            seen.len() > 1 || listed.len() <= 10,
            "{term} has {} items but no listing of them",
            listed.len()
        );
        unreachable.extend(
            listed
                .iter()
                .filter(|u| !reached.contains(**u))
                .map(|u| format!("{u} (from {term})")),
        );
    }
    assert!(
        unreachable.is_empty(),
        "{} tagged pages cannot be reached from their theme or sector page, e.g. {}",
        unreachable.len(),
        unreachable[..unreachable.len().min(10)].join(", ")
    );
    eprintln!(
        "generated in {generated:.1?}, built in {:.1?}, checked in {:.1?}: {} HTML files, {} terms, {items} tags",
        built - generated,
        started.elapsed() - built,
        html.len(),
        terms.len()
    );
}
