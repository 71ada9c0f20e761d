//! Feeds, sitemap and robots.txt, read back with an XML parser (quick-xml) as a feed reader or search engine
//! would: well-formed, the required elements present, dates that parse, absolute links, ids stable.

mod common;

use common::TestSite;
use quick_xml::events::Event;
use std::collections::BTreeMap;

/// One element of a parsed document: its path from the root (`rss/channel/item/guid`), attributes, text.
#[derive(Debug, Clone)]
struct El {
    path: String,
    attrs: BTreeMap<String, String>,
    text: String,
}

/// Every element of `xml`, in document order; panics when it is not well-formed.
fn parse(xml: &str) -> Vec<El> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<usize> = Vec::new();
    let mut out: Vec<El> = Vec::new();
    let open = |e: &quick_xml::events::BytesStart, stack: &Vec<usize>, out: &mut Vec<El>| {
        let name = e.name().as_ref().to_string();
        let path = match stack.last() {
            Some(&p) => format!("{}/{name}", out[p].path),
            None => name,
        };
        let attrs = e
            .attributes()
            .map(|a| {
                let a = a.expect("well-formed attribute");
                (
                    a.key.as_ref().to_string(),
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .expect("attribute value")
                        .to_string(),
                )
            })
            .collect();
        out.push(El {
            path,
            attrs,
            text: String::new(),
        });
        out.len() - 1
    };
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let i = open(&e, &stack, &mut out);
                stack.push(i);
            }
            Ok(Event::Empty(e)) => {
                open(&e, &stack, &mut out);
            }
            Ok(Event::Text(t)) => {
                if let Some(&i) = stack.last() {
                    out[i].text.push_str(&t);
                }
            }
            Ok(Event::GeneralRef(r)) => {
                if let Some(&i) = stack.last() {
                    let name = r.to_string();
                    let c = match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        other => panic!("unknown entity {other}"),
                    };
                    out[i].text.push_str(c);
                }
            }
            Ok(Event::CData(t)) => {
                if let Some(&i) = stack.last() {
                    out[i].text.push_str(&t);
                }
            }
            Ok(Event::End(_)) => {
                stack.pop();
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed XML: {e}\n{xml}"),
        }
    }
    assert!(stack.is_empty(), "unclosed elements");
    out
}

fn all<'a>(els: &'a [El], path: &str) -> Vec<&'a El> {
    els.iter().filter(|e| e.path == path).collect()
}

fn one<'a>(els: &'a [El], path: &str) -> &'a El {
    let v = all(els, path);
    assert_eq!(v.len(), 1, "exactly one {path}");
    v[0]
}

fn absolute(url: &str) {
    assert!(
        url.starts_with("https://example.org/"),
        "not absolute: {url}"
    );
}

#[test]
fn news_rss_keeps_its_address_and_atom_feeds_exist_per_language_and_theme() {
    let s = TestSite::basic();
    s.build_ok();
    for (feed, lang) in [("nieuws/rss.xml", "nl"), ("en/news/rss.xml", "en")] {
        let els = parse(&s.public(feed));
        assert_eq!(one(&els, "rss/channel/language").text, lang);
        absolute(&one(&els, "rss/channel/link").text);
        let items = all(&els, "rss/channel/item");
        assert!(!items.is_empty(), "{feed}");
        for d in all(&els, "rss/channel/item/pubDate") {
            chrono::DateTime::parse_from_rfc2822(&d.text).expect("RFC 2822 pubDate");
        }
        for l in all(&els, "rss/channel/item/link") {
            absolute(&l.text);
        }
        assert_eq!(
            all(&els, "rss/channel/item/guid").len(),
            items.len(),
            "every item has a guid"
        );
    }
    for (feed, lang) in [
        ("nieuws/atom.xml", "nl"),
        ("en/news/atom.xml", "en"),
        ("themas/werkdruk/atom.xml", "nl"),
    ] {
        let els = parse(&s.public(feed));
        let root = one(&els, "feed");
        assert_eq!(root.attrs["xmlns"], "http://www.w3.org/2005/Atom");
        assert_eq!(root.attrs["xml:lang"], lang, "{feed}");
        absolute(&one(&els, "feed/id").text);
        chrono::DateTime::parse_from_rfc3339(&one(&els, "feed/updated").text).expect("updated");
        assert!(!one(&els, "feed/title").text.is_empty());
        assert!(!all(&els, "feed/author/name").is_empty(), "{feed}: author");
        let selfs: Vec<_> = all(&els, "feed/link")
            .into_iter()
            .filter(|l| l.attrs["rel"] == "self")
            .collect();
        assert_eq!(selfs.len(), 1);
        assert!(selfs[0].attrs["href"].ends_with(feed), "{feed}");
        let entries = all(&els, "feed/entry");
        assert!(!entries.is_empty(), "{feed}");
        for path in [
            "feed/entry/id",
            "feed/entry/updated",
            "feed/entry/title",
            "feed/entry/content",
        ] {
            assert_eq!(all(&els, path).len(), entries.len(), "{feed}: {path}");
        }
        for e in all(&els, "feed/entry/updated") {
            chrono::DateTime::parse_from_rfc3339(&e.text).expect("entry updated");
        }
        for l in all(&els, "feed/entry/link") {
            absolute(&l.attrs["href"]);
        }
        for c in all(&els, "feed/entry/content") {
            assert_eq!(c.attrs["type"], "html");
            assert!(
                !c.text.contains("href=\"/"),
                "{feed}: links in content are absolute: {}",
                c.text
            );
        }
    }
    // The theme feed only holds news of its theme.
    let theme = s.public("themas/werkdruk/atom.xml");
    assert!(!s.exists("themas/dialoog/atom.xml") || !theme.contains("/nieuws/oud/"));
    // Pages link their feeds.
    let home = s.public("index.html");
    assert!(
        home.contains(r#"type="application/rss+xml""#)
            && home.contains(r#"type="application/atom+xml""#),
        "{home}"
    );
    let werkdruk = s.public("themas/werkdruk/index.html");
    assert!(werkdruk.contains("themas/werkdruk/atom.xml"));
}

#[test]
fn feeds_and_sitemap_are_the_same_in_two_builds() {
    let s = TestSite::basic();
    s.build_ok();
    let files = [
        "nieuws/rss.xml",
        "nieuws/atom.xml",
        "en/news/atom.xml",
        "podcasts/testreeks/rss.xml",
        "sitemap.xml",
    ];
    let first: Vec<String> = files.iter().map(|f| s.public(f)).collect();
    s.build_ok();
    for (f, before) in files.iter().zip(first) {
        assert_eq!(before, s.public(f), "{f} changed between builds");
    }
}

#[test]
fn podcast_feed_has_what_the_directories_require() {
    let s = TestSite::basic();
    s.build_ok();
    let els = parse(&s.public("podcasts/testreeks/rss.xml"));
    let root = one(&els, "rss");
    assert_eq!(
        root.attrs["xmlns:itunes"],
        "http://www.itunes.com/dtds/podcast-1.0.dtd"
    );
    assert_eq!(
        root.attrs["xmlns:podcast"],
        "https://podcastindex.org/namespace/1.0"
    );
    for path in [
        "title",
        "description",
        "language",
        "itunes:author",
        "itunes:explicit",
        "itunes:type",
    ] {
        assert!(
            !one(&els, &format!("rss/channel/{path}")).text.is_empty(),
            "{path}"
        );
    }
    assert_eq!(
        one(&els, "rss/channel/itunes:category").attrs["text"],
        "Education"
    );
    absolute(&one(&els, "rss/channel/itunes:image").attrs["href"]);
    assert_eq!(
        one(&els, "rss/channel/itunes:owner/itunes:email").text,
        "podcast@example.org"
    );
    assert!(
        !one(&els, "rss/channel/itunes:owner/itunes:name")
            .text
            .is_empty()
    );
    let items = all(&els, "rss/channel/item");
    assert_eq!(items.len(), 1);
    let enc = one(&els, "rss/channel/item/enclosure");
    let size = std::fs::metadata(s.path().join("static/audio/test.wav"))
        .unwrap()
        .len();
    assert_eq!(
        enc.attrs["length"],
        size.to_string(),
        "length read from the file"
    );
    assert_eq!(enc.attrs["type"], "audio/wav");
    absolute(&enc.attrs["url"]);
    let guid = one(&els, "rss/channel/item/guid");
    assert_eq!(guid.attrs["isPermaLink"], "false");
    assert!(!guid.text.is_empty());
    chrono::DateTime::parse_from_rfc2822(&one(&els, "rss/channel/item/pubDate").text).unwrap();
    assert_eq!(one(&els, "rss/channel/item/itunes:duration").text, "2");
    assert_eq!(one(&els, "rss/channel/item/itunes:episode").text, "1");
    let tr = one(&els, "rss/channel/item/podcast:transcript");
    absolute(&tr.attrs["url"]);
    assert_eq!(tr.attrs["type"], "text/html");
}

#[test]
fn episodes_without_audio_are_left_out_and_the_summary_says_so() {
    let s = TestSite::basic();
    s.write(
        "content/podcasts/testreeks/aflevering-2.md",
        "---\ntitle: \"Aflevering 2\"\ndescription: \"Nog niet te horen\"\ndate: 2025-03-01\nepisode: 2\n---\nBinnenkort.\n",
    );
    let out = s.build_ok();
    let els = parse(&s.public("podcasts/testreeks/rss.xml"));
    assert_eq!(all(&els, "rss/channel/item").len(), 1);
    assert!(
        !s.public("podcasts/testreeks/rss.xml")
            .contains("Aflevering 2")
    );
    assert!(
        out.contains("1 episode(s) without published audio left out of the feed"),
        "{out}"
    );
}

#[test]
fn a_series_whose_feed_apps_would_reject_gets_no_feed_and_no_link() {
    // Artwork too small.
    let s = TestSite::basic();
    let small = std::fs::read(common::repo().join("themes/sofokles/static/favicon.svg")).unwrap();
    s.write("static/img/testreeks.png", &String::from_utf8_lossy(&small));
    let out = s.build_ok();
    assert!(!s.exists("podcasts/testreeks/rss.xml"));
    assert!(
        out.contains("no feed: the artwork /img/testreeks.png"),
        "{out}"
    );
    let series = s.public("podcasts/testreeks/index.html");
    assert!(!series.contains("testreeks/rss.xml"), "no feed link");
    // No podcast settings in site.yaml.
    let s = TestSite::basic();
    let yaml = std::fs::read_to_string(s.path().join("site.yaml")).unwrap();
    let (before, after) = yaml.split_once("podcast:\n").unwrap();
    let after = after.split_once("pagination:").unwrap().1;
    s.write("site.yaml", &format!("{before}pagination:{after}"));
    let out = s.build_ok();
    assert!(!s.exists("podcasts/testreeks/rss.xml"));
    assert!(
        out.contains("site.yaml has no `podcast:` settings"),
        "{out}"
    );
    assert!(
        !s.public("podcasts/testreeks/aflevering-1/index.html")
            .contains("testreeks/rss.xml")
    );
    // Dutch summary.
    let out = s.build(&["--lang", "nl"]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("geen feed: site.yaml heeft geen `podcast:`")
    );
}

/// The output file a site URL is served from.
fn file_of(url: &str) -> String {
    let path = url
        .strip_prefix("https://example.org/")
        .expect("URL on the site");
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

#[test]
fn sitemap_lists_every_page_with_its_alternates_and_robots_points_to_it() {
    let s = TestSite::basic();
    s.build_ok();
    let els = parse(&s.public("sitemap.xml"));
    let root = one(&els, "urlset");
    assert_eq!(root.attrs["xmlns:xhtml"], "http://www.w3.org/1999/xhtml");
    let locs = all(&els, "urlset/url/loc");
    assert!(locs.len() > 10);
    for l in &locs {
        assert!(s.exists(&file_of(&l.text)), "{} is in the output", l.text);
    }
    let alts = all(&els, "urlset/url/xhtml:link");
    assert!(alts.iter().any(|a| a.attrs["hreflang"] == "x-default"));
    assert_eq!(
        alts.iter()
            .filter(|a| a.attrs["hreflang"] == "x-default")
            .count(),
        locs.len(),
        "one x-default per URL"
    );
    for a in &alts {
        assert_eq!(a.attrs["rel"], "alternate");
        assert!(
            s.exists(&file_of(&a.attrs["href"])),
            "{} exists",
            a.attrs["href"]
        );
    }
    assert!(
        locs.iter()
            .any(|l| l.text == "https://example.org/en/news/")
    );
    let robots = s.public("robots.txt");
    assert!(
        robots.contains("Sitemap: https://example.org/sitemap.xml"),
        "{robots}"
    );
    // The page heads name the same alternates, x-default included.
    let news = s.public("nieuws/index.html");
    assert!(
        news.contains(r#"hreflang="x-default" href="https://example.org/nieuws/""#),
        "{news}"
    );
}

/// Above the protocol's 50,000 URLs `sitemap.xml` becomes an index over parts. Built for real (in memory,
/// so the test costs seconds, not the disk): 25,001 news items per language, tiny ones, plus the basic
/// site, so the pages just pass the limit and the split is where the protocol needs it.
#[test]
fn above_50000_urls_the_sitemap_is_an_index_over_parts_that_list_every_page_once() {
    const PER_LANG: usize = 25_001;
    let s = TestSite::basic();
    // Long news listing pages: the test site's two items a page would add 25,000 listing pages to render.
    s.write(
        "site.yaml",
        &common::SITE_YAML.replace("page_size: 2", "page_size: 2\n  sections: { nieuws: 1000 }"),
    );
    for i in 0..PER_LANG {
        s.write(
            &format!("content/nieuws/bericht-{i}.md"),
            &format!(
                "---\ntitle: Bericht {i}\ndescription: Nummer {i}.\ndate: 2025-01-01\n---\nTekst.\n"
            ),
        );
        s.write(
            &format!("content/nieuws/bericht-{i}.en.md"),
            &format!(
                "---\ntitle: Item {i}\nslug: item-{i}\ndescription: Number {i}.\n---\nText.\n"
            ),
        );
    }
    let mut opts = kennis::build::Options::new(s.path().to_path_buf());
    opts.fingerprint = false;
    let started = std::time::Instant::now();
    let (_, files) = kennis::build::build_in_memory(&opts).unwrap_or_else(|e| {
        panic!(
            "{}",
            e.iter().map(|d| d.render()).collect::<Vec<_>>().join("\n")
        )
    });
    eprintln!("{} files built in {:?}", files.len(), started.elapsed());
    let text = |path: &str| {
        std::str::from_utf8(files.get(path).unwrap_or_else(|| panic!("no {path}")))
            .unwrap()
            .to_string()
    };
    let exists = |url: &str| files.contains_key(&file_of(url));
    let index = parse(&text("sitemap.xml"));
    assert!(all(&index, "urlset").is_empty(), "sitemap.xml is an index");
    let parts: Vec<String> = all(&index, "sitemapindex/sitemap/loc")
        .iter()
        .map(|l| l.text.clone())
        .collect();
    assert_eq!(parts.len(), 2, "{parts:?}");
    // Every part the index names exists, and every part written is in the index.
    let written: Vec<&String> = files
        .keys()
        .filter(|k| k.starts_with("sitemap-") && k.ends_with(".xml"))
        .collect();
    assert_eq!(written.len(), parts.len(), "{written:?}");
    let mut seen = std::collections::BTreeSet::new();
    for part in &parts {
        absolute(part);
        assert!(exists(part), "{part} is written");
        let els = parse(&text(&file_of(part)));
        let locs = all(&els, "urlset/url/loc");
        assert!(locs.len() <= 50_000, "{part}: {} URLs", locs.len());
        assert!(!locs.is_empty(), "{part} is empty");
        for l in locs {
            assert!(exists(&l.text), "{part}: {} is not in the output", l.text);
            assert!(seen.insert(l.text.clone()), "{} twice", l.text);
        }
        for a in all(&els, "urlset/url/xhtml:link") {
            assert!(
                exists(&a.attrs["href"]),
                "{part}: alternate {}",
                a.attrs["href"]
            );
        }
    }
    // Every page of the site is listed: the index pages of both languages and all the news items.
    assert!(seen.len() > 2 * PER_LANG, "{} URLs", seen.len());
    for url in [
        "https://example.org/",
        "https://example.org/en/",
        "https://example.org/nieuws/bericht-0/",
        &format!("https://example.org/en/news/item-{}/", PER_LANG - 1),
    ] {
        assert!(seen.contains(url), "{url} not in any part");
    }
    assert!(
        text("robots.txt").contains("Sitemap: https://example.org/sitemap.xml"),
        "robots.txt names the index"
    );
}
