//! What a page says about itself and where its links lead: canonical URLs (none on 404 pages) and a site
//! that works under a sub-path of a domain.

mod common;

use common::TestSite;

/// Every value of `attr="..."` in `text`.
fn values<'a>(text: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    text.match_indices(&needle)
        .filter_map(|(i, _)| text[i + needle.len()..].split('"').next())
        .collect()
}

#[test]
fn a_sub_path_build_keeps_every_link_under_the_sub_path() {
    let s = TestSite::basic();
    let out = s.build(&["--base-url", "https://kennis.test/sofokles/"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut checked = 0;
    for e in walkdir::WalkDir::new(s.path().join("public")) {
        let e = e.unwrap();
        let name = e.path().to_string_lossy().to_string();
        if !(name.ends_with(".html") || name.ends_with(".xml") || name.ends_with(".txt")) {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).unwrap();
        for attr in [
            "href", "src", "action", "srcset", "poster", "content", "url",
        ] {
            for v in values(&text, attr) {
                for url in v.split(", ") {
                    let url = url.split(' ').next().unwrap();
                    checked += 1;
                    if url.starts_with('/') && !url.starts_with("//") {
                        assert!(
                            url.starts_with("/sofokles/"),
                            "{name}: {attr}={url} leaves the sub-path"
                        );
                    }
                    if url.starts_with("https://kennis.test") {
                        assert!(
                            url.starts_with("https://kennis.test/sofokles/"),
                            "{name}: {url} leaves the sub-path"
                        );
                    }
                }
            }
        }
        // Text content of feeds and sitemaps: <link>, <loc>, <id>, the content's links.
        for (i, _) in text.match_indices("https://kennis.test") {
            assert!(
                text[i..].starts_with("https://kennis.test/sofokles/"),
                "{name}: {} leaves the sub-path",
                &text[i..(i + 60).min(text.len())]
            );
        }
        for v in text
            .match_indices("href=&quot;/")
            .map(|(i, _)| &text[i..(i + 40).min(text.len())])
        {
            assert!(
                v.starts_with("href=&quot;/sofokles/"),
                "{name}: escaped link {v}"
            );
        }
    }
    assert!(checked > 100, "only {checked} URLs seen");
    let home = s.public("index.html");
    assert!(
        home.contains(r#"href="/sofokles/nieuws/rss.xml""#),
        "{home}"
    );
    assert!(
        home.contains("/sofokles/css/site."),
        "assets under the sub-path"
    );
}

#[test]
fn the_404_pages_have_no_canonical_url_and_other_pages_do() {
    let s = TestSite::basic();
    s.build_ok();
    for page in ["404.html", "en/404.html"] {
        let html = s.public(page);
        assert!(!html.contains(r#"rel="canonical""#), "{page}");
    }
    let news = s.public("nieuws/start/index.html");
    assert!(
        news.contains(r#"<link rel="canonical" href="https://example.org/nieuws/start/">"#),
        "{news}"
    );
}
