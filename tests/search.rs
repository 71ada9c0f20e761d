//! Site search (issue 12): the build writes a Pagefind index of the pages in both languages, with the
//! filters the templates mark; the header leads to the search page; `search: false` and a bad `template:`
//! behave. The browser suite (tests/browser/test.mjs) searches it for real.

mod common;

use common::{TestSite, stderr};
use std::collections::BTreeMap;

const ZOEKEN: &str = "---\ntitle: \"Zoeken\"\ntemplate: search\n---\nZoek in de site.\n";
const SEARCH: &str = "---\ntitle: \"Search\"\nslug: search\n---\nSearch the site.\n";

fn with_search() -> TestSite {
    let s = TestSite::basic();
    s.write("content/zoeken.md", ZOEKEN);
    s.write("content/zoeken.en.md", SEARCH);
    s
}

fn fragments(s: &TestSite) -> BTreeMap<String, (String, serde_json::Value)> {
    common::search_fragments(&s.path().join("public"))
}

fn filter(v: &serde_json::Value, key: &str) -> Vec<String> {
    v["filters"][key]
        .as_array()
        .map(|a| a.iter().map(|x| x.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

#[test]
fn the_build_indexes_every_page_in_its_own_language_with_its_filters() {
    let s = with_search();
    s.build_ok();
    for f in ["pagefind/pagefind.js", "pagefind/pagefind-entry.json"] {
        assert!(s.exists(f), "{f} written");
    }
    // Dutch pages get Dutch stemming: Pagefind ships a Dutch index for them.
    assert!(s.exists("pagefind/wasm.nl.pagefind"));
    assert!(s.exists("pagefind/wasm.en.pagefind"));
    // The theme brings its own interface: Pagefind's ready-made ones are left out.
    assert!(!s.exists("pagefind/pagefind-ui.js"));
    let pages = fragments(&s);
    for (url, (lang, _)) in &pages {
        assert_eq!(
            lang == "en",
            url.starts_with("/en/"),
            "{url} is in the {lang} index"
        );
        assert!(
            s.exists(&format!("{}index.html", url.trim_start_matches('/'))),
            "{url} exists"
        );
    }
    // What a visitor looks for is there; listings, the home page and the search page are not.
    for url in [
        "/projecten/flow/",
        "/en/projects/flow-feasibility-study/",
        "/nieuws/start/",
        "/over/",
    ] {
        assert!(pages.contains_key(url), "{url} indexed: {:?}", pages.keys());
    }
    for url in ["/", "/en/", "/projecten/", "/zoeken/", "/en/search/"] {
        assert!(!pages.contains_key(url), "{url} not indexed");
    }
    // The filters are the page's own type, themes, sectors and status, in its language.
    let (_, flow) = &pages["/projecten/flow/"];
    assert_eq!(filter(flow, "type"), ["Project"]);
    assert_eq!(filter(flow, "status"), ["Lopend"]);
    assert_eq!(filter(flow, "sector"), ["Universiteiten"]);
    assert_eq!(filter(flow, "theme").len(), 2, "{flow}");
    assert_eq!(flow["meta"]["title"], "FLOW, haalbaarheidsverkenning");
    assert_eq!(
        flow["meta"]["description"],
        "Doorstroom van jonge wetenschappers"
    );
    let (_, en) = &pages["/en/projects/flow-feasibility-study/"];
    assert_eq!(filter(en, "status"), ["Running"]);
    // The heading anchors ("#", "Link to ...") are not part of what a page says.
    assert!(
        !flow["content"].as_str().unwrap().contains("Link"),
        "{}",
        flow["content"]
    );
    // A news item has a year to filter on and a date to show.
    let (_, news) = &pages["/nieuws/start/"];
    assert_eq!(filter(news, "type"), ["Nieuws"]);
    assert_eq!(filter(news, "year").len(), 1);
    assert!(news["meta"]["date"].is_string());
}

#[test]
fn every_page_leads_to_the_search_page_and_the_404_page_offers_it() {
    let s = with_search();
    s.build_ok();
    for (page, action) in [
        ("index.html", "/zoeken/"),
        ("projecten/flow/index.html", "/zoeken/"),
        ("en/index.html", "/en/search/"),
        ("en/news/index.html", "/en/search/"),
    ] {
        let html = s.public(page);
        assert!(
            html.contains(&format!(
                "<form class=\"header-search\" id=\"zoekbalk\" role=\"search\" action=\"{action}\" method=\"get\">"
            )),
            "{page} has the header search form to {action}"
        );
    }
    assert!(
        s.public("404.html")
            .contains("class=\"search-form search-404\" role=\"search\" action=\"/zoeken/\"")
    );
    assert!(s.public("en/404.html").contains("action=\"/en/search/\""));
    // The search page itself: its form keeps the query in the address, and says it needs JavaScript.
    let page = s.public("zoeken/index.html");
    assert!(page.contains("data-search=\"page\""));
    assert!(page.contains("<input id=\"zoekterm\" type=\"search\" name=\"q\""));
    assert!(page.contains("<noscript>"));
    // It is each other's translation, so the language switch goes from one to the other.
    assert!(page.contains("href=\"/en/search/\" hreflang=\"en\""));
}

#[test]
fn the_listings_narrow_the_whole_collection_with_a_form_javascript_shows() {
    let s = with_search();
    s.build_ok();
    let html = s.public("projecten/index.html");
    assert!(html.contains("data-search=\"listing\" data-type=\"Project\""));
    // Without JavaScript the filters stay hidden and the listing and its pager stay as they are.
    assert!(html.contains("<fieldset class=\"filter-groups\" hidden>"));
    assert!(html.contains(
        "<section class=\"listing\" aria-labelledby=\"listing-title\" data-static-listing>"
    ));
    for group in ["theme", "sector", "status"] {
        assert!(
            html.contains(&format!("name=\"{group}\"")),
            "{group} filter"
        );
    }
    assert!(
        s.public("en/news/index.html")
            .contains("data-type=\"News\"")
    );
    // Every section that lists pages of one type has them: podcasts (episodes) too.
    assert!(
        s.public("podcasts/index.html")
            .contains("data-type=\"Podcast\"")
    );
}

#[test]
fn the_index_follows_a_sub_path() {
    let s = with_search();
    let out = s.build(&["--base-url", "https://example.org/sofokles/"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = fragments(&s);
    assert!(!pages.is_empty());
    // pagefind.js puts the base path of its own folder (/sofokles/pagefind/ → /sofokles/) in front of
    // these: the browser suite follows the results under a sub-path.
    for url in pages.keys() {
        assert!(!url.starts_with("/sofokles/"), "{url} is site-relative");
    }
    assert!(
        s.public("index.html")
            .contains("action=\"/sofokles/zoeken/\"")
    );
}

#[test]
fn search_false_builds_without_index_or_form() {
    let s = with_search();
    let yaml = std::fs::read_to_string(s.path().join("site.yaml")).unwrap();
    s.write("site.yaml", &format!("{yaml}search: false\n"));
    s.build_ok();
    assert!(!s.exists("pagefind"));
    assert!(!s.public("index.html").contains("header-search"));
}

#[test]
fn an_unknown_template_is_an_error_naming_the_file_and_line() {
    let s = with_search();
    s.build_ok();
    let before = common::snapshot(&s.path().join("public"));
    s.write(
        "content/zoeken.md",
        "---\ntitle: \"Zoeken\"\ntemplate: zoek\n---\nZoek.\n",
    );
    let out = s.build(&[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("zoeken.md:3"), "{err}");
    assert!(err.contains("templates/zoek.html"), "{err}");
    assert!(err.contains("without `.html`"), "{err}");
    assert_eq!(
        common::snapshot(&s.path().join("public")),
        before,
        "public/ unchanged"
    );
}

/// With a search page, the home pages' `WebSite` JSON-LD offers it as a `SearchAction` (issue 13).
#[test]
fn the_home_pages_offer_the_search_to_search_engines() {
    let s = with_search();
    s.build_ok();
    for (page, search) in [("index.html", "/zoeken/"), ("en/index.html", "/en/search/")] {
        let html = s.public(page);
        let start = html.find("<script type=\"application/ld+json\">").unwrap() + 35;
        let json = &html[start..start + html[start..].find("</script>").unwrap()];
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        let site = v["@graph"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["@type"] == "WebSite")
            .expect("a WebSite node");
        let action = &site["potentialAction"];
        assert_eq!(action["@type"], "SearchAction", "{page}");
        assert_eq!(
            action["target"]["urlTemplate"],
            format!("https://example.org{search}?q={{search_term_string}}"),
            "{page}"
        );
        assert_eq!(action["query-input"], "required name=search_term_string");
    }
    // Without a search page there is nothing to offer.
    let plain = TestSite::basic();
    plain.build_ok();
    assert!(!plain.public("index.html").contains("SearchAction"));
}

/// The index files under public/pagefind, by path.
fn index_files(s: &TestSite) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    common::snapshot(&s.path().join("public/pagefind"))
}

/// Whether `word` is among the words of a language's index (its chunks, gzipped).
fn indexed_word(s: &TestSite, lang: &str, word: &str) -> bool {
    use std::io::Read;
    std::fs::read_dir(s.path().join("public/pagefind/index"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(&format!("{lang}_"))
        })
        .any(|e| {
            let mut bytes = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(e.path()).unwrap())
                .read_to_end(&mut bytes)
                .unwrap();
            bytes.windows(word.len()).any(|w| w == word.as_bytes())
        })
}

/// A rebuild takes over the index of a language whose pages did not change, and indexes again the
/// language where one did; either way the index is the one a build from scratch makes.
#[test]
fn an_unchanged_language_keeps_its_index_and_a_changed_page_is_indexed_again() {
    let s = with_search();
    let first = s.build_ok();
    assert!(first.contains("Search index: nl indexed ("), "{first}");
    assert!(first.contains("en indexed ("), "{first}");
    assert!(s.exists("pagefind/kennis-index.json"));
    let before = index_files(&s);

    let again = s.build_ok();
    assert!(again.contains("Search index: nl reused ("), "{again}");
    assert!(again.contains("en reused ("), "{again}");
    assert_eq!(index_files(&s), before, "the same files, byte for byte");

    // One Dutch page gets a new word: Dutch is indexed again and finds it, English is taken over.
    assert!(!indexed_word(&s, "nl", "zebrapad"));
    let flow = std::fs::read_to_string(s.path().join("content/projecten/flow.md")).unwrap();
    s.write(
        "content/projecten/flow.md",
        &flow.replace("Meer tekst.", "Meer tekst over het zebrapad."),
    );
    let changed = s.build_ok();
    assert!(changed.contains("Search index: nl indexed ("), "{changed}");
    assert!(changed.contains("en reused ("), "{changed}");
    assert!(indexed_word(&s, "nl", "zebrapad"));
    let (_, page) = &fragments(&s)["/projecten/flow/"];
    assert!(
        page["content"].as_str().unwrap().contains("zebrapad"),
        "{page}"
    );

    // What the rebuilds left is what a first build of the same site writes.
    let scratch = tempfile::tempdir().unwrap();
    let out = s.build(&["--output", scratch.path().join("out").to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        common::snapshot(&scratch.path().join("out/pagefind")),
        index_files(&s)
    );
}

/// Only an intact index of a finished build is taken over: a file changed in the output, a lost manifest
/// or a failed build in between means indexing again (or taking over the last finished build's).
#[test]
fn a_damaged_index_is_made_again_and_a_failed_build_leaves_nothing_to_take_over() {
    let s = with_search();
    s.build_ok();
    let good = index_files(&s);
    let fragment = std::fs::read_dir(s.path().join("public/pagefind/fragment"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("nl_"))
        .unwrap();
    std::fs::write(&fragment, b"half a file").unwrap();
    let out = s.build_ok();
    assert!(out.contains("Search index: nl indexed ("), "{out}");
    assert!(out.contains("en reused ("), "{out}");
    assert_eq!(index_files(&s), good, "the fragment is whole again");

    std::fs::remove_file(s.path().join("public/pagefind/kennis-index.json")).unwrap();
    let out = s.build_ok();
    assert!(
        out.contains("nl indexed (") && out.contains("en indexed ("),
        "{out}"
    );
    assert_eq!(index_files(&s), good);

    // A build that fails is never swapped in: the next one takes over the last finished build's index.
    let news = std::fs::read_to_string(s.path().join("content/nieuws/start.md")).unwrap();
    s.write(
        "content/nieuws/start.md",
        &news.replacen("---\n", "---\ntemplate: bestaat-niet\n", 1),
    );
    assert!(!s.build(&[]).status.success());
    s.write("content/nieuws/start.md", &news);
    let out = s.build_ok();
    assert!(
        out.contains("nl reused (") && out.contains("en reused ("),
        "{out}"
    );
    assert_eq!(index_files(&s), good);
}
