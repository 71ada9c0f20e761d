//! No empty shells: an unknown status is said, not guessed; guides in preparation are listed apart and never
//! featured; a podcast offers no subscription and publishes no episode while there is nothing to hear.

mod common;
use common::{TestSite, stderr};

const GUIDE_SOON: &str = "---\ntitle: \"Aanstaande gids\"\ndescription: \"Nog niet klaar\"\nkind: handreiking\nstatus: in-voorbereiding\nthemes: [dialoog]\n---\nTekst.\n";

#[test]
fn status_onbekend_is_shown_as_unknown_in_both_languages() {
    let s = TestSite::basic();
    s.write(
        "content/projecten/vaag.md",
        "---\ntitle: \"Vaag project\"\nstatus: onbekend\nthemes: [werkdruk]\n---\nTekst.\n",
    );
    s.write(
        "content/projecten/vaag.en.md",
        "---\ntitle: \"Vague project\"\n---\nText.\n",
    );
    s.build_ok();
    // Two projects per listing page in the test site: the unknown one is last, on page 2.
    let nl = s.public("projecten/pagina/2/index.html");
    assert!(
        nl.contains("badge-onbekend\">Status onbekend<"),
        "listing badge"
    );
    let en = s.public("en/projects/page/2/index.html");
    assert!(
        en.contains("badge-onbekend\">Status unknown<"),
        "listing badge"
    );
    // The project page says it under its "Status" label, without repeating the word.
    let page = s.public("projecten/vaag/index.html");
    assert!(
        page.contains("badge-onbekend\" data-pagefind-filter=\"status\" data-pagefind-meta=\"badge:onbekend\">Onbekend<"),
        "project page"
    );
    // Known statuses come first in the listing.
    assert!(nl.find("badge-afgerond") < nl.find("badge-onbekend"));
    // And a typo still lists it among the choices.
    s.write(
        "content/projecten/vaag.md",
        "---\ntitle: \"Vaag project\"\nstatus: onbekent\n---\nTekst.\n",
    );
    let out = s.build(&[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("onbekend"), "{}", stderr(&out));
}

#[test]
fn guides_in_preparation_come_after_the_published_ones_and_are_not_featured() {
    let s = TestSite::basic();
    s.write("content/handreikingen/aanstaand.md", GUIDE_SOON);
    s.write(
        "content/handreikingen/aanstaand.en.md",
        "---\ntitle: \"Upcoming guide\"\n---\nText.\n",
    );
    s.build_ok();
    for (listing, heading, soon, published) in [
        (
            "handreikingen/index.html",
            "Verschijnt binnenkort",
            "Aanstaande gids",
            "De OR en de dialoog",
        ),
        (
            "en/guides/index.html",
            "Coming soon",
            "Upcoming guide",
            "dialogue",
        ),
    ] {
        let html = s.public(listing);
        let (before, after) = html
            .split_once(&format!(">{heading}</h2>"))
            .unwrap_or_else(|| panic!("{listing} has no heading {heading}"));
        assert!(
            before.contains(published) && !before.contains(soon),
            "{listing}"
        );
        assert!(after.contains(soon), "{listing}");
    }
    // The theme page lists it apart too.
    let theme = s.public("themas/dialoog/index.html");
    let (before, after) = theme.split_once("Verschijnt binnenkort").unwrap();
    assert!(before.contains("De OR en de dialoog") && after.contains("Aanstaande gids"));
    // Never on the home page as if available.
    let home = s.public("index.html");
    assert!(home.contains("De OR en de dialoog"));
    assert!(
        !home.contains("Aanstaande gids"),
        "featured on the home page"
    );
}

#[test]
fn a_series_without_audio_offers_nothing_to_subscribe_to() {
    let s = TestSite::basic();
    s.build_ok();
    let with_audio = s.public("podcasts/testreeks/index.html");
    assert!(with_audio.contains("Abonneer"));
    assert!(with_audio.contains("type=\"application/rss+xml\" title=\"Testreeks\""));
    // The only episode loses its audio (and is a draft, as it must be then).
    let ep = std::fs::read_to_string(s.path().join("content/podcasts/testreeks/aflevering-1.md"))
        .unwrap();
    s.write(
        "content/podcasts/testreeks/aflevering-1.md",
        &ep.replace("audio: /audio/test.wav\n", "draft: true\n"),
    );
    s.build_ok();
    for page in [
        "podcasts/testreeks/index.html",
        "en/podcasts/test-series/index.html",
    ] {
        let html = s.public(page);
        assert!(
            !html.contains("Abonneer") && !html.contains("Subscribe"),
            "{page}"
        );
        assert_eq!(
            html.matches("application/rss+xml").count(),
            1,
            "{page}: only the news feed"
        );
    }
}

#[test]
fn check_refuses_a_published_episode_without_audio() {
    let s = TestSite::basic();
    let ep = std::fs::read_to_string(s.path().join("content/podcasts/testreeks/aflevering-1.md"))
        .unwrap();
    s.write(
        "content/podcasts/testreeks/aflevering-1.md",
        &ep.replace("audio: /audio/test.wav\n", ""),
    );
    let out = s.kennis(&["check"]);
    let text = stderr(&out) + &String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{text}");
    assert!(text.contains("no audio"), "{text}");
    assert!(
        text.contains("content/podcasts/testreeks/aflevering-1.md:"),
        "{text}"
    );
    assert!(text.contains("draft: true"), "says how to fix it: {text}");
    // Once only: the English page inherits audio and draft from the Dutch one.
    assert_eq!(text.matches("no audio").count(), 1, "{text}");
    // Dutch too.
    let nl = s.kennis(&["check", "--lang", "nl"]);
    let nl = stderr(&nl) + &String::from_utf8_lossy(&nl.stdout);
    assert!(nl.contains("heeft geen audio"), "{nl}");
    // A draft is fine.
    s.write(
        "content/podcasts/testreeks/aflevering-1.md",
        &ep.replace("audio: /audio/test.wav\n", "draft: true\n"),
    );
    let out = s.kennis(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
}
