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
        if name.ends_with("_redirects") {
            let text = std::fs::read_to_string(e.path()).unwrap();
            for line in text.lines().filter(|l| !l.starts_with('#')) {
                let mut parts = line.split(' ');
                let (from, to) = (parts.next().unwrap(), parts.next().unwrap());
                assert!(from.starts_with("/sofokles/"), "_redirects: {line}");
                assert!(
                    to.starts_with("https://kennis.test/sofokles/"),
                    "_redirects: {line}"
                );
                checked += 1;
            }
        }
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
        // CSS in the page: fonts and images.
        for (i, _) in text.match_indices("url(/") {
            let rest = &text[i..];
            assert!(
                rest.starts_with("url(/sofokles/") || rest.starts_with("url(//"),
                "{name}: {} leaves the sub-path",
                &rest[..40.min(rest.len())]
            );
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
        assert!(!html.contains("og:url"), "{page}");
    }
    let news = s.public("nieuws/start/index.html");
    assert!(
        news.contains(r#"<link rel="canonical" href="https://example.org/nieuws/start/">"#),
        "{news}"
    );
}

/// The `content` of `<meta {attr}="{key}" ...>` in `html`.
fn meta<'a>(html: &'a str, attr: &str, key: &str) -> Option<&'a str> {
    let needle = format!("<meta {attr}=\"{key}\" content=\"");
    let i = html.find(&needle)? + needle.len();
    html[i..].split('"').next()
}

/// Every string value in a JSON value that looks like a URL.
fn urls(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) if s.starts_with("http") || s.starts_with('/') => {
            out.push(s.clone())
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| urls(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| urls(x, out)),
        _ => {}
    }
}

#[test]
fn every_page_has_sharing_tags_and_json_ld_of_its_type_in_both_languages() {
    let s = TestSite::basic();
    add_events(&s);
    s.build_ok();
    // schema.org types found per language.
    let mut types: std::collections::BTreeMap<&str, std::collections::BTreeSet<String>> =
        Default::default();
    for e in walkdir::WalkDir::new(s.path().join("public")) {
        let e = e.unwrap();
        let rel = e
            .path()
            .strip_prefix(s.path().join("public"))
            .unwrap()
            .to_string_lossy()
            .to_string();
        if !rel.ends_with("index.html") {
            continue;
        }
        let html = std::fs::read_to_string(e.path()).unwrap();
        if html.contains("http-equiv=\"refresh\"") {
            continue; // a redirect page
        }
        let lang = if rel.starts_with("en/") { "en" } else { "nl" };
        let canonical = html
            .split("<link rel=\"canonical\" href=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap_or_else(|| panic!("{rel}: canonical"));
        assert_eq!(meta(&html, "property", "og:url"), Some(canonical), "{rel}");
        for key in [
            "og:title",
            "og:description",
            "og:type",
            "og:locale",
            "og:site_name",
        ] {
            assert!(
                meta(&html, "property", key).is_some_and(|v| !v.is_empty()),
                "{rel}: {key}"
            );
        }
        assert_eq!(
            meta(&html, "property", "og:locale"),
            Some(if lang == "en" { "en_GB" } else { "nl_NL" })
        );
        for key in ["twitter:card", "twitter:title", "twitter:description"] {
            assert!(meta(&html, "name", key).is_some(), "{rel}: {key}");
        }
        let Some(json) = html
            .split("<script type=\"application/ld+json\">")
            .nth(1)
            .and_then(|r| r.split("</script>").next())
        else {
            continue;
        };
        let v: serde_json::Value =
            serde_json::from_str(json).unwrap_or_else(|e| panic!("{rel}: JSON-LD {e}: {json}"));
        assert_eq!(v["@context"], "https://schema.org");
        let mut found = Vec::new();
        urls(&v, &mut found);
        for u in found {
            assert!(
                u.starts_with("https://example.org/") || u.starts_with("https://schema.org"),
                "{rel}: {u} is not absolute under the base URL"
            );
        }
        for node in v["@graph"].as_array().unwrap() {
            let t = node["@type"].as_str().unwrap().to_string();
            if t == "BreadcrumbList" {
                let items = node["itemListElement"].as_array().unwrap();
                assert_eq!(
                    items.last().unwrap()["item"],
                    canonical,
                    "{rel}: last crumb"
                );
            }
            if matches!(
                t.as_str(),
                "NewsArticle"
                    | "Article"
                    | "PodcastEpisode"
                    | "PodcastSeries"
                    | "Event"
                    | "WebPage"
            ) {
                assert_eq!(node["url"], canonical, "{rel}");
                assert_eq!(node["inLanguage"], lang, "{rel}");
            }
            types.entry(lang).or_default().insert(t);
        }
    }
    for lang in ["nl", "en"] {
        for t in [
            "Organization",
            "WebSite",
            "BreadcrumbList",
            "NewsArticle",
            "Article",
            "PodcastSeries",
            "PodcastEpisode",
            "Event",
            "WebPage",
        ] {
            assert!(
                types[lang].contains(t),
                "{lang}: no page with {t}: {types:?}"
            );
        }
    }
}

/// Three events in both languages: one with a day, times and a place; one known to the month, online and
/// in a place, by another organiser; one of which nothing is known yet.
const EVENTS: [(&str, &str); 6] = [
    (
        "content/evenementen/werkdrukdag.md",
        "---\ntitle: Werkdrukdag\ndescription: Een dag over werkdruk.\nstart: 2027-02-10 13:30\nend: 2027-02-10 17:00\nlocation: Utrecht, Jaarbeurs\nregistration: https://example.org/aanmelden\norganiser: Testfonds\nthemes: [werkdruk]\n---\nKom ook.\n",
    ),
    (
        "content/evenementen/werkdrukdag.en.md",
        "---\ntitle: Workload day\ndescription: A day on workload.\nslug: workload-day\nlocation: Utrecht, Jaarbeurs\norganiser: Test fund\n---\nJoin us.\n",
    ),
    (
        "content/evenementen/symposium.md",
        "---\ntitle: Symposium\ndescription: Over het werk.\nstart: 2024-03\nend: 2024-04\nonline: true\nlocation: Den Haag\norganiser: Universiteiten van Nederland\n---\nGeweest.\n",
    ),
    (
        "content/evenementen/symposium.en.md",
        "---\ntitle: Symposium\ndescription: On the work.\nslug: symposium\nlocation: The Hague\norganiser: Universities of the Netherlands\n---\nOver.\n",
    ),
    (
        "content/evenementen/netwerkdag.md",
        "---\ntitle: Netwerkdag\ndescription: Elkaar ontmoeten.\n---\nDatum en plaats volgen.\n",
    ),
    (
        "content/evenementen/netwerkdag.en.md",
        "---\ntitle: Network day\ndescription: Meeting one another.\nslug: network-day\n---\nDate and place to follow.\n",
    ),
];

fn add_events(s: &TestSite) {
    for (file, text) in EVENTS {
        s.write(file, text);
    }
}

/// The value of `key:` in the front matter of `text`, as written.
fn front_matter<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{key}: ")))
        .map(str::trim)
}

/// The JSON-LD graph of a built page.
fn graph(html: &str, page: &str) -> Vec<serde_json::Value> {
    let json = html
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .and_then(|r| r.split("</script>").next())
        .unwrap_or_else(|| panic!("{page}: no JSON-LD"));
    let v: serde_json::Value =
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{page}: JSON-LD {e}: {json}"));
    assert_eq!(v["@context"], "https://schema.org", "{page}");
    v["@graph"].as_array().unwrap().clone()
}

/// An ISO 8601 date or local date-time at the precision schema.org readers accept.
fn is_iso_8601(s: &str) -> bool {
    use chrono::{NaiveDate, NaiveDateTime};
    match s.len() {
        4 => s.parse::<u16>().is_ok(),
        7 => NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").is_ok(),
        10 => NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
        16 => NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").is_ok(),
        _ => false,
    }
}

#[test]
fn event_pages_say_in_json_ld_what_their_front_matter_knows_and_no_more() {
    let s = TestSite::basic();
    add_events(&s);
    let base = "https://kennis.test/sofokles/";
    let out = s.build(&["--base-url", base]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let org_id = format!("{base}#organisatie");
    // (built page, its Dutch source (where shared fields live), its own source, language)
    let pages = [
        ("evenementen/werkdrukdag/index.html", 0, 0, "nl"),
        ("en/events/workload-day/index.html", 0, 1, "en"),
        ("evenementen/symposium/index.html", 2, 2, "nl"),
        ("en/events/symposium/index.html", 2, 3, "en"),
        ("evenementen/netwerkdag/index.html", 4, 4, "nl"),
        ("en/events/network-day/index.html", 4, 5, "en"),
    ];
    for (page, dutch, own, lang) in pages {
        let html = s.public(page);
        let graph = graph(&html, page);
        let events: Vec<_> = graph.iter().filter(|n| n["@type"] == "Event").collect();
        assert_eq!(events.len(), 1, "{page}: one Event in {graph:?}");
        let e = events[0];
        let (shared, text) = (EVENTS[dutch].1, EVENTS[own].1);
        let url = format!("{base}{}", page.trim_end_matches("index.html"));
        assert_eq!(e["url"], url.as_str(), "{page}");
        assert_eq!(e["inLanguage"], lang, "{page}");
        assert_eq!(
            e["name"].as_str(),
            front_matter(text, "title"),
            "{page}: name"
        );
        assert_eq!(
            e["description"].as_str(),
            front_matter(text, "description"),
            "{page}: description"
        );
        for (key, field) in [("startDate", "start"), ("endDate", "end")] {
            // As written, with the `T` ISO 8601 puts between day and time; absent when not written.
            let written = front_matter(shared, field).map(|d| d.replace(' ', "T"));
            assert_eq!(e[key].as_str(), written.as_deref(), "{page}: {key}");
            if let Some(d) = e[key].as_str() {
                assert!(is_iso_8601(d), "{page}: {key} {d} is not ISO 8601");
            }
        }
        let location = front_matter(text, "location");
        let online = front_matter(shared, "online") == Some("true");
        let mode = e["eventAttendanceMode"].as_str();
        let places: Vec<&serde_json::Value> = match &e["location"] {
            serde_json::Value::Array(a) => a.iter().collect(),
            serde_json::Value::Null => vec![],
            one => vec![one],
        };
        match (location, online) {
            (Some(l), true) => {
                assert_eq!(
                    mode,
                    Some("https://schema.org/MixedEventAttendanceMode"),
                    "{page}"
                );
                assert_eq!(places.len(), 2, "{page}: {places:?}");
                assert_eq!(places[0]["@type"], "Place");
                assert_eq!(places[0]["name"], l);
                assert_eq!(places[1]["@type"], "VirtualLocation");
            }
            (Some(l), false) => {
                assert_eq!(
                    mode,
                    Some("https://schema.org/OfflineEventAttendanceMode"),
                    "{page}"
                );
                assert_eq!(places.len(), 1, "{page}: {places:?}");
                assert_eq!(places[0]["@type"], "Place");
                assert_eq!(places[0]["address"], l);
            }
            (None, true) => unreachable!("no such fixture"),
            (None, false) => {
                assert_eq!(mode, None, "{page}: attendance mode not known");
                assert!(places.is_empty(), "{page}: location not known");
            }
        }
        match front_matter(text, "organiser") {
            // The site's own organisation, by its title in either language.
            Some("Testfonds" | "Test fund") => {
                assert_eq!(e["organizer"]["@id"], org_id.as_str(), "{page}")
            }
            Some(other) => {
                assert_eq!(e["organizer"]["@type"], "Organization", "{page}");
                assert_eq!(e["organizer"]["name"], other, "{page}");
            }
            None => assert!(e.get("organizer").is_none(), "{page}: {e}"),
        }
        assert!(
            e.get("eventStatus").is_none(),
            "{page}: status is not known"
        );
        let mut found = Vec::new();
        urls(e, &mut found);
        for u in found {
            assert!(
                u.starts_with(base) || u.starts_with("https://schema.org/"),
                "{page}: {u} is not absolute under the base URL"
            );
        }
        // The breadcrumbs lead through the events listing of the page's language.
        let crumbs = graph
            .iter()
            .find(|n| n["@type"] == "BreadcrumbList")
            .unwrap_or_else(|| panic!("{page}: no BreadcrumbList"));
        let items = crumbs["itemListElement"].as_array().unwrap();
        assert_eq!(items.last().unwrap()["item"], url.as_str(), "{page}");
    }
}

#[test]
fn project_pages_are_web_pages_with_breadcrumbs() {
    let s = TestSite::basic();
    s.build_ok();
    for (page, lang) in [
        ("projecten/flow/index.html", "nl"),
        ("en/projects/flow-feasibility-study/index.html", "en"),
    ] {
        let graph = graph(&s.public(page), page);
        let types: Vec<&str> = graph.iter().filter_map(|n| n["@type"].as_str()).collect();
        assert_eq!(types, ["WebPage", "BreadcrumbList"], "{page}");
        assert_eq!(graph[0]["inLanguage"], lang);
        assert_eq!(
            graph[0]["url"],
            format!(
                "https://example.org/{}",
                page.trim_end_matches("index.html")
            )
        );
    }
}

#[test]
fn json_ld_cannot_close_its_script_element() {
    let s = TestSite::basic();
    s.write(
        "content/nieuws/start.md",
        &std::fs::read_to_string(s.path().join("content/nieuws/start.md"))
            .unwrap()
            .replace(
                "description: \"FLOW begint\"",
                "description: \"</script><script>alert(1)</script>\"",
            ),
    );
    s.build_ok();
    let html = s.public("nieuws/start/index.html");
    assert!(!html.contains("<script>alert(1)"), "{html}");
    let json = html
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .and_then(|r| r.split("</script>").next())
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(
        v["@graph"][0]["description"],
        "</script><script>alert(1)</script>"
    );
}

#[test]
fn a_default_share_image_is_used_when_the_theme_has_one() {
    let s = TestSite::basic();
    let theme_image = s.path().join("themes/sofokles/static/img/share.png");
    let _ = std::fs::remove_file(&theme_image);
    s.build_ok();
    assert!(!s.public("over/index.html").contains("og:image"));
    let png = std::fs::read(s.path().join("static/img/testreeks.png")).unwrap();
    std::fs::create_dir_all(s.path().join("themes/sofokles/static/img")).unwrap();
    std::fs::write(s.path().join("themes/sofokles/static/img/share.png"), png).unwrap();
    s.build_ok();
    let html = s.public("over/index.html");
    assert_eq!(
        meta(&html, "property", "og:image"),
        Some("https://example.org/img/share.png")
    );
    assert_eq!(
        meta(&html, "name", "twitter:card"),
        Some("summary_large_image")
    );
    // A page with its own image shows that one.
    let series = s.public("podcasts/testreeks/index.html");
    assert_eq!(
        meta(&series, "property", "og:image"),
        Some("https://example.org/img/testreeks.png")
    );
}

/// The old sofokles.nl addresses (../shared/research/sofokles-site.md) that have a matching page here.
const OLD_ADDRESSES: [(&str, &str); 2] = [
    (
        "project/dialoog-duurzame-inzetbaarheid",
        "https://www.sofokles.nl/projecten/dialoog-duurzame-inzetbaarheid/",
    ),
    (
        "project/sofokles-lab-onderzoeksinstellingen",
        "https://www.sofokles.nl/projecten/sofokles-lab-oi/",
    ),
];

#[test]
fn the_old_sofokles_addresses_arrive_at_their_new_pages() {
    let out_dir = tempfile::tempdir().unwrap();
    let public = out_dir.path().join("public");
    common::build_real_site(&public);
    let host = std::fs::read_to_string(public.join("_redirects")).unwrap();
    for (old, new) in OLD_ADDRESSES {
        // With and without the trailing slash, as links in the wild have both: a static host serves the
        // folder's index.html for either.
        let page = std::fs::read_to_string(public.join(old).join("index.html"))
            .unwrap_or_else(|e| panic!("/{old}/: {e}"));
        assert!(
            page.contains(&format!(
                "<meta http-equiv=\"refresh\" content=\"0; url={new}\">"
            )),
            "{page}"
        );
        assert!(page.contains(&format!("<link rel=\"canonical\" href=\"{new}\">")));
        let target = new.strip_prefix("https://www.sofokles.nl/").unwrap();
        assert!(
            public.join(target).join("index.html").exists(),
            "{new} exists"
        );
        assert!(host.contains(&format!("/{old}/ {new} 301")), "{host}");
    }
}

#[test]
fn redirects_yaml_adds_redirects_and_refuses_bad_ones_by_file_and_line() {
    let s = TestSite::basic();
    s.write(
        "redirects.yaml",
        "# old addresses\n- from: /artikel/oud-bericht/\n  to: \"@/nieuws/start.md\"\n- from: /en/old-news\n  to: \"@/nieuws/start.en.md\"\n",
    );
    s.build_ok();
    let page = s.public("artikel/oud-bericht/index.html");
    assert!(
        page.contains("url=https://example.org/nieuws/start/"),
        "{page}"
    );
    assert!(
        s.public("en/old-news/index.html")
            .contains("url=https://example.org/en/news/flow-starts/")
    );
    assert!(
        s.public("_redirects")
            .contains("/artikel/oud-bericht/ https://example.org/nieuws/start/ 301")
    );
    let before = s.public("index.html");
    for (yaml, says) in [
        (
            "- from: /a/\n  to: \"@/nieuws/bestaat-niet.md\"\n",
            "redirects.yaml:1",
        ),
        (
            "- from: /a/\n  to: \"@/nieuws/start.md\"\n- from: /a/\n  to: \"@/nieuws/oud.md\"\n",
            "redirects.yaml",
        ),
        (
            "- from: /nieuws/\n  to: \"@/nieuws/start.md\"\n",
            "redirects.yaml",
        ),
        (
            "- from: ../x\n  to: \"@/nieuws/start.md\"\n",
            "redirects.yaml:1",
        ),
    ] {
        s.write("redirects.yaml", yaml);
        let out = s.build(&[]);
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(!out.status.success(), "{yaml} must fail");
        assert!(err.contains(says), "{yaml}: {err}");
        assert_eq!(s.public("index.html"), before, "public/ unchanged");
    }
}
