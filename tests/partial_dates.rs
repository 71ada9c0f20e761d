//! Dates as precise as the facts: a day, a month or a year, shown as written, sorted after the fuller dates
//! of the same period, and turned into valid full dates in feeds and the sitemap.

mod common;
use common::TestSite;
use quick_xml::events::Event;

/// The basic site plus news items dated to the day, the month and the year, in both languages.
fn site() -> TestSite {
    let s = TestSite::basic();
    for (id, date) in [
        ("dag", "2025-06-30"),
        ("maand", "2025-06"),
        ("jaar", "2025"),
        ("eind", "2025-12-31"),
        ("mei", "2025-05-31"),
    ] {
        s.write(
            &format!("content/nieuws/{id}.md"),
            &format!("---\ntitle: \"Bericht {id}\"\ndate: {date}\n---\nTekst.\n"),
        );
        s.write(
            &format!("content/nieuws/{id}.en.md"),
            &format!("---\ntitle: \"Item {id}\"\n---\nText.\n"),
        );
    }
    s.build_ok();
    s
}

/// The `<time>` elements of an HTML page: (datetime, text).
fn times(html: &str) -> Vec<(String, String)> {
    html.split("<time datetime=\"")
        .skip(1)
        .map(|rest| {
            let (attr, rest) = rest.split_once('"').unwrap();
            let text = rest[1..].split("</time>").next().unwrap();
            (attr.to_string(), text.to_string())
        })
        .collect()
}

/// The text of every element called `name` in an XML document, which must be well-formed.
fn xml_texts(xml: &str, name: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut inside, mut out) = (false, Vec::new());
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => inside = e.name().as_ref() == name,
            Ok(Event::Text(t)) if inside => out.push(t.to_string()),
            Ok(Event::End(_)) => inside = false,
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed XML: {e}"),
        }
    }
    out
}

#[test]
fn pages_show_a_date_as_precisely_as_it_was_written() {
    let s = site();
    for (path, datetime, text) in [
        ("nieuws/dag/index.html", "2025-06-30", "30 juni 2025"),
        ("nieuws/maand/index.html", "2025-06", "juni 2025"),
        ("nieuws/jaar/index.html", "2025", "2025"),
        ("en/news/dag/index.html", "2025-06-30", "30 June 2025"),
        ("en/news/maand/index.html", "2025-06", "June 2025"),
        ("en/news/jaar/index.html", "2025", "2025"),
    ] {
        let html = s.public(path);
        assert_eq!(
            times(&html).first(),
            Some(&(datetime.to_string(), text.to_string())),
            "{path}"
        );
    }
}

#[test]
fn newest_first_a_partial_date_comes_after_the_fuller_dates_of_its_period() {
    let s = site();
    // The test site lists two items per page: read the pages in turn.
    let mut order: Vec<String> = times(&s.public("nieuws/index.html"))
        .into_iter()
        .map(|(d, _)| d)
        .collect();
    for n in 2.. {
        let page = format!("nieuws/pagina/{n}/index.html");
        if !s.exists(&page) {
            break;
        }
        order.extend(times(&s.public(&page)).into_iter().map(|(d, _)| d));
    }
    let pos = |d: &str| {
        order
            .iter()
            .position(|x| x == d)
            .unwrap_or_else(|| panic!("{d} not listed: {order:?}"))
    };
    assert!(pos("2025-12-31") < pos("2025-06-30"), "{order:?}");
    assert!(pos("2025-06-30") < pos("2025-06"), "{order:?}");
    assert!(pos("2025-06") < pos("2025-05-31"), "{order:?}");
    assert!(pos("2025-05-31") < pos("2025"), "{order:?}");
}

#[test]
fn feeds_and_the_sitemap_get_valid_full_dates() {
    let s = site();
    for feed in ["nieuws/rss.xml", "en/news/rss.xml"] {
        let dates = xml_texts(&s.public(feed), "pubDate");
        assert!(dates.len() >= 5, "{feed}: {dates:?}");
        for d in &dates {
            chrono::DateTime::parse_from_rfc2822(d)
                .unwrap_or_else(|e| panic!("{feed}: `{d}` is not an RFC 2822 date: {e}"));
        }
        // The month and the year give the first day of their period.
        assert!(
            dates.iter().any(|d| d.starts_with("Sun, 1 Jun 2025")),
            "{dates:?}"
        );
        assert!(
            dates.iter().any(|d| d.starts_with("Wed, 1 Jan 2025")),
            "{dates:?}"
        );
    }
    let lastmods = xml_texts(&s.public("sitemap.xml"), "lastmod");
    assert!(!lastmods.is_empty());
    for d in &lastmods {
        chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .unwrap_or_else(|e| panic!("sitemap lastmod `{d}` is not YYYY-MM-DD: {e}"));
    }
}

#[test]
fn a_partial_publish_date_schedules_from_the_first_day_of_its_period() {
    let s = TestSite::basic();
    s.write(
        "content/nieuws/later.md",
        "---\ntitle: Later\ndate: 2999-06\npublish_date: 2999\n---\nTekst.\n",
    );
    s.write(
        "content/nieuws/later.en.md",
        "---\ntitle: Later\n---\nText.\n",
    );
    let out = s.build_ok();
    assert!(!s.exists("nieuws/later/index.html"), "scheduled: {out}");
    assert!(out.contains("2999-01-01"), "next scheduled page: {out}");
}
