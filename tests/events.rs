//! Events, the fifth content kind: listed upcoming-first with past ones below, each with its own page of
//! facts, on theme and sector pages, on the home page (the next one) and in the sitemap, and saying so when
//! a date or a place is not known yet.

mod common;
use common::TestSite;

/// The build's "today": the upcoming event is after it, the past one before it.
const TODAY: (i32, u32, u32) = (2026, 11, 24);

fn site() -> TestSite {
    let s = TestSite::basic();
    s.write(
        "content/evenementen/werkdrukdag.md",
        "---\ntitle: Werkdrukdag\ndescription: Een dag over werkdruk.\nstart: 2027-02-10 13:30\nend: 2027-02-10 17:00\nlocation: Utrecht, Jaarbeurs\nregistration: https://example.org/aanmelden\norganiser: SoFoKleS\nthemes: [werkdruk]\nsectors: [wo]\n---\nKom ook.\n",
    )
    .write(
        "content/evenementen/werkdrukdag.en.md",
        "---\ntitle: Workload day\nslug: workload-day\nlocation: Utrecht, Jaarbeurs\norganiser: SoFoKleS\n---\nJoin us.\n",
    )
    .write(
        "content/evenementen/symposium.md",
        "---\ntitle: Symposium\nstart: 2024-03\nonline: true\nthemes: [werkdruk]\n---\nGeweest.\n",
    )
    .write(
        "content/evenementen/symposium.en.md",
        "---\ntitle: Symposium\nslug: symposium\n---\nOver.\n",
    )
    .write(
        "content/evenementen/netwerkdag.md",
        "---\ntitle: Netwerkdag\nthemes: [werkdruk]\n---\nDatum en plaats volgen.\n",
    )
    .write(
        "content/evenementen/netwerkdag.en.md",
        "---\ntitle: Network day\nslug: network-day\n---\nDate and place to follow.\n",
    );
    s
}

fn build(s: &TestSite) -> kennis::build::Files {
    let mut opts = kennis::build::Options::new(s.path().to_path_buf());
    opts.fingerprint = false;
    opts.today = chrono::NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).unwrap();
    let (_, files) = kennis::build::build_in_memory(&opts).unwrap_or_else(|e| {
        panic!(
            "{}",
            e.iter().map(|d| d.render()).collect::<Vec<_>>().join("\n")
        )
    });
    files
}

fn page<'f>(files: &'f kennis::build::Files, path: &str) -> &'f str {
    let bytes = files
        .get(path)
        .unwrap_or_else(|| panic!("no {path}; built: {:?}", files.keys().collect::<Vec<_>>()));
    std::str::from_utf8(bytes).unwrap()
}

/// Position of `needle` in `hay`, failing the test when it is not there.
fn at(hay: &str, needle: &str) -> usize {
    hay.find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not found in:\n{hay}"))
}

#[test]
fn the_listing_puts_upcoming_events_first_and_past_ones_below_their_own_heading() {
    let files = build(&site());
    // The test site lists two items a page: the upcoming two on page 1, the past one on page 2.
    for (first, second, upcoming, unknown, past_heading, past) in [
        (
            "evenementen/index.html",
            "evenementen/pagina/2/index.html",
            "Werkdrukdag",
            "Netwerkdag",
            "Geweest",
            "Symposium",
        ),
        (
            "en/events/index.html",
            "en/events/page/2/index.html",
            "Workload day",
            "Network day",
            "Past events",
            "Symposium",
        ),
    ] {
        let html = page(&files, first);
        // Soonest first; the one without a date after the dated ones.
        assert!(at(html, upcoming) < at(html, unknown), "{first}:\n{html}");
        assert!(!html.contains(past_heading), "{first}:\n{html}");
        let html = page(&files, second);
        assert!(at(html, past_heading) < at(html, past), "{second}:\n{html}");
    }
}

#[test]
fn an_event_page_shows_its_facts() {
    let files = build(&site());
    let nl = page(&files, "evenementen/werkdrukdag/index.html");
    assert!(
        nl.contains("<time datetime=\"2027-02-10T13:30\">10 februari 2027, 13:30 – 17:00</time>"),
        "{nl}"
    );
    assert!(
        nl.contains("Utrecht, Jaarbeurs") && nl.contains("SoFoKleS"),
        "{nl}"
    );
    assert!(
        nl.contains("href=\"https://example.org/aanmelden\">Aanmelden</a>"),
        "{nl}"
    );
    let en = page(&files, "en/events/workload-day/index.html");
    assert!(
        en.contains("10 February 2027, 13:30 – 17:00"),
        "the date is inherited: {en}"
    );
    assert!(en.contains(">Register</a>"), "{en}");

    // Past: no registration button, and it says it is over; a month only is shown as a month.
    let past = page(&files, "evenementen/symposium/index.html");
    assert!(
        past.contains("Dit evenement is voorbij") && past.contains("maart 2024"),
        "{past}"
    );
    assert!(
        past.contains("Online") && !past.contains("Aanmelden"),
        "{past}"
    );
}

#[test]
fn an_event_without_a_date_or_place_says_they_are_to_follow() {
    let files = build(&site());
    let nl = page(&files, "evenementen/netwerkdag/index.html");
    assert!(
        nl.contains("Datum volgt") && nl.contains("Locatie volgt"),
        "{nl}"
    );
    let en = page(&files, "en/events/network-day/index.html");
    assert!(
        en.contains("Date to be announced") && en.contains("Location to be announced"),
        "{en}"
    );
}

#[test]
fn the_home_page_shows_the_next_upcoming_event() {
    let files = build(&site());
    let home = page(&files, "index.html");
    let block = &home[at(home, "Volgend evenement")..];
    assert!(block.contains("Werkdrukdag"), "{home}");
    let en = page(&files, "en/index.html");
    assert!(en[at(en, "Next event")..].contains("Workload day"), "{en}");

    // Only past events: no next event at all.
    let s = site();
    s.remove("content/evenementen/werkdrukdag.md");
    s.remove("content/evenementen/werkdrukdag.en.md");
    s.remove("content/evenementen/netwerkdag.md");
    s.remove("content/evenementen/netwerkdag.en.md");
    let files = build(&s);
    assert!(!page(&files, "index.html").contains("Volgend evenement"));
}

#[test]
fn theme_pages_and_the_sitemap_list_events() {
    let files = build(&site());
    let theme = page(&files, "themas/werkdruk/index.html");
    let events = &theme[at(theme, "id=\"evenementen\"")..];
    assert!(
        at(events, "Werkdrukdag") < at(events, "Netwerkdag")
            && at(events, "Geweest") < at(events, "Symposium"),
        "{theme}"
    );
    let sitemap = page(&files, "sitemap.xml");
    assert!(
        sitemap.contains("/evenementen/werkdrukdag/</loc>")
            && sitemap.contains("/en/events/workload-day/</loc>"),
        "{sitemap}"
    );
}

#[test]
fn event_fields_are_checked() {
    let s = site();
    s.write(
        "content/evenementen/fout.md",
        "---\ntitle: Fout\nstart: 2025-06 14:00\n---\n",
    );
    let err = common::stderr(&s.build(&[]));
    assert!(
        err.contains("fout.md:3") && err.contains("write a time after a whole day"),
        "{err}"
    );
    s.write(
        "content/evenementen/fout.md",
        "---\ntitle: Fout\nstart: 2025-06-12\nend: 2025-06-11\nregistration: www.example.org\ndate: 2025-01-01\n---\n",
    );
    let err = common::stderr(&s.build(&[]));
    assert!(err.contains("ends (2025-06-11) before it starts"), "{err}");
    assert!(
        err.contains("registration link `www.example.org` is not a full URL"),
        "{err}"
    );
    assert!(err.contains("`date` is not used on event pages"), "{err}");
}

#[test]
fn kennis_new_writes_an_event_that_builds() {
    let s = TestSite::basic();
    let out = s.kennis(&[
        "new",
        "evenementen",
        "nieuwe-bijeenkomst",
        "--title",
        "Nieuwe bijeenkomst",
    ]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let text = std::fs::read_to_string(s.path().join("content/evenementen/nieuwe-bijeenkomst.md"))
        .unwrap();
    assert!(
        text.contains("start: ") && !text.contains("# audio"),
        "{text}"
    );
    let out = s.build(&["--drafts"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(s.exists("evenementen/nieuwe-bijeenkomst/index.html"));
}
