//! `kennis build` end to end on fixture sites: URLs, translations, listings, drafts, aliases, atomic output.

mod common;
use common::{TestSite, snapshot, stderr};
use std::path::Path;

#[test]
fn builds_both_languages_with_translated_urls() {
    let s = TestSite::basic();
    let out = s.build_ok();
    assert!(out.contains("nl: "), "{out}");
    assert!(out.contains("listing pages"), "{out}");
    for path in [
        "index.html",
        "en/index.html",
        "projecten/flow/index.html",
        "en/projects/flow-feasibility-study/index.html",
        "themas/werkdruk/index.html",
        "en/themes/workload/index.html",
        "sectoren/wo/index.html",
        "en/sectors/universities/index.html",
        "handreikingen/gids/index.html",
        "en/guides/works-council-guide/index.html",
        "podcasts/testreeks/aflevering-1/index.html",
        "en/podcasts/test-series/episode-1/index.html",
        "over/index.html",
        "en/about/index.html",
        "404.html",
        "en/404.html",
        "sitemap.xml",
    ] {
        assert!(s.exists(path), "missing {path}");
    }
    let en = s.public("en/projects/flow-feasibility-study/index.html");
    assert!(en.contains("<html lang=\"en\">"));
    // The language switch leads to the Dutch original, and hreflang alternates name both.
    assert!(en.contains("href=\"/projecten/flow/\""), "{en}");
    assert!(en.contains("hreflang=\"nl\" href=\"https://example.org/projecten/flow/\""));
    assert!(en.contains(
        "rel=\"canonical\" href=\"https://example.org/en/projects/flow-feasibility-study/\""
    ));
    // @/ links resolve to the page in the same language.
    assert!(en.contains("href=\"/en/news/flow-starts/\""), "{en}");
    let nl = s.public("projecten/flow/index.html");
    assert!(nl.contains("href=\"/nieuws/start/\""));
    assert!(nl.contains("href=\"/projecten/rooster/#doel\""));
    assert!(nl.contains("<h2 id=\"aanpak\">"), "heading ids");
}

#[test]
fn english_pages_inherit_shared_fields() {
    let s = TestSite::basic();
    s.build_ok();
    let en = s.public("en/projects/flow-feasibility-study/index.html");
    // status, period, themes and sectors come from the Dutch file, shown in English.
    assert!(en.contains("Running"), "status inherited");
    assert!(
        en.contains("January 2025 – December 2025"),
        "period inherited and localised: {en}"
    );
    assert!(
        en.contains("href=\"/en/themes/workload/\""),
        "themes inherited"
    );
    assert!(
        en.contains("href=\"/en/sectors/universities/\""),
        "sectors inherited"
    );
    let news = s.public("en/news/flow-starts/index.html");
    assert!(
        news.contains("1 April 2025"),
        "date inherited and formatted in English"
    );
    assert!(s.public("nieuws/start/index.html").contains("1 april 2025"));
}

#[test]
fn theme_and_sector_pages_group_content_with_counts() {
    let s = TestSite::basic();
    s.build_ok();
    let t = s.public("themas/werkdruk/index.html");
    // werkdruk: projects flow + rooster, news start, podcast episode.
    assert!(
        t.contains("Projecten <span class=\"count\">(2)</span>"),
        "{t}"
    );
    assert!(t.contains("Nieuws <span class=\"count\">(1)</span>"), "{t}");
    assert!(
        t.contains("Podcasts <span class=\"count\">(1)</span>"),
        "{t}"
    );
    assert!(t.contains("/projecten/flow/") && t.contains("/nieuws/start/"));
    let index = s.public("themas/index.html");
    assert!(
        index.contains("Werkdruk") && index.contains("(4 items)"),
        "{index}"
    );
    let en = s.public("en/themes/workload/index.html");
    assert!(en.contains("/en/projects/flow-feasibility-study/"));
    assert!(
        !en.contains("/projecten/gepland/"),
        "untranslated pages stay in their language"
    );
    let sector = s.public("sectoren/umc/index.html");
    assert!(sector.contains("/projecten/rooster/") && sector.contains("/handreikingen/gids/"));
}

#[test]
fn sections_are_paginated_per_language() {
    let s = TestSite::basic();
    s.build_ok();
    // Three Dutch projects with page size 2: two pages; the running one comes first.
    let p1 = s.public("projecten/index.html");
    let p2 = s.public("projecten/pagina/2/index.html");
    assert!(p1.find("/projecten/flow/").unwrap() < p1.find("/projecten/gepland/").unwrap());
    assert!(
        p2.contains("/projecten/rooster/"),
        "afgerond comes last: {p2}"
    );
    assert!(p1.contains("href=\"/projecten/pagina/2/\""));
    assert!(p2.contains("rel=\"prev\""));
    // English has two projects: one page, no pagination folder.
    assert!(s.exists("en/projects/index.html"));
    assert!(!s.exists("en/projects/page/2/index.html"));
    // Page 1 under the pagination path redirects to the listing.
    assert!(
        s.public("projecten/pagina/1/index.html")
            .contains("url=https://example.org/projecten/")
    );
    // News newest first.
    let news = s.public("nieuws/index.html");
    assert!(news.find("/nieuws/start/").unwrap() < news.find("/nieuws/oud/").unwrap());
}

#[test]
fn drafts_and_scheduled_pages_are_left_out_unless_asked() {
    let s = TestSite::basic();
    let out = s.build_ok();
    assert!(!s.exists("projecten/concept/index.html"));
    assert!(!s.exists("projecten/later/index.html"));
    assert!(
        out.contains("2 draft/scheduled/expired pages left out"),
        "{out}"
    );
    assert!(
        out.contains("next scheduled page goes live on 2999-01-01"),
        "{out}"
    );
    let out = s.build(&["--drafts"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(s.exists("projecten/concept/index.html"));
    assert!(s.exists("projecten/later/index.html"));
}

#[test]
fn expired_pages_are_left_out() {
    let s = TestSite::basic();
    s.write(
        "content/nieuws/verlopen.md",
        "---\ntitle: Verlopen\ndate: 2020-01-01\nexpiry_date: 2021-01-01\n---\nWeg.\n",
    );
    s.build_ok();
    assert!(!s.exists("nieuws/verlopen/index.html"));
}

#[test]
fn aliases_write_redirect_pages() {
    let s = TestSite::basic();
    s.build_ok();
    let r = s.public("project/flow/index.html");
    assert!(
        r.contains("http-equiv=\"refresh\" content=\"0; url=https://example.org/projecten/flow/\""),
        "{r}"
    );
    assert!(r.contains("rel=\"canonical\" href=\"https://example.org/projecten/flow/\""));
    assert!(s.exists("oud/over-ons/index.html"));
}

#[test]
fn shortcodes_feeds_and_assets() {
    let s = TestSite::basic();
    s.build_ok();
    let news = s.public("nieuws/start/index.html");
    assert!(news.contains("<figure class=\"pull-quote\">"), "{news}");
    assert!(
        news.contains("<em>belangrijk</em>"),
        "shortcode body is Markdown"
    );
    assert!(news.contains("Een deelnemer"));
    let guide = s.public("handreikingen/gids/index.html");
    assert!(guide.contains("href=\"/downloads/gids.pdf\""));
    assert!(guide.contains("(PDF, 1 kB)"), "{guide}");
    // Hashed asset URL, and the hashed file exists.
    let css = guide
        .split("href=\"/css/site.")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(s.exists(&format!("css/site.{css}")), "hashed css {css}");
    let ep = s.public("podcasts/testreeks/aflevering-1/index.html");
    assert!(ep.contains("<audio") && ep.contains("/audio/test.wav"));
    assert!(ep.contains("Dit is de uitgeschreven tekst"));
    assert!(ep.contains("0:02"), "duration");
    for feed in [
        "nieuws/rss.xml",
        "en/news/rss.xml",
        "podcasts/testreeks/rss.xml",
        "sitemap.xml",
    ] {
        let xml = s.public(feed);
        let mut reader = quick_xml::Reader::from_str(&xml);
        let mut n = 0;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => n += 1,
                Err(e) => panic!("{feed} is not well-formed XML: {e}"),
            }
        }
        assert!(n > 5, "{feed}");
    }
    let podcast = s.public("podcasts/testreeks/rss.xml");
    assert!(podcast.contains("<enclosure url=\"https://example.org/audio/test.wav\" length=\"32044\" type=\"audio/wav\"/>"), "{podcast}");
    assert!(
        s.public("nieuws/rss.xml")
            .contains("<pubDate>Tue, 1 Apr 2025 09:00:00 +0000</pubDate>")
    );
}

#[test]
fn removed_pages_disappear_from_the_output() {
    let s = TestSite::basic();
    s.build_ok();
    assert!(s.exists("nieuws/oud/index.html"));
    s.remove("content/nieuws/oud.md");
    s.remove("content/nieuws/oud.en.md");
    s.build_ok();
    assert!(!s.exists("nieuws/oud/index.html"));
    assert!(!s.exists("en/news/old-item/index.html"));
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let s = TestSite::basic();
    s.build_ok();
    let before = snapshot(&s.path().join("public"));
    s.write(
        "content/nieuws/kapot.md",
        "---\ntitle: Kapot\ndate: 2025-13-01\n---\n",
    );
    let out = s.build(&[]);
    assert!(!out.status.success());
    assert_eq!(
        snapshot(&s.path().join("public")),
        before,
        "public/ changed after a failed build"
    );
    // No temporary folders are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(s.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("kennis-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn all_errors_are_reported_together_with_file_and_line() {
    let s = TestSite::basic();
    s.write(
        "content/projecten/fout1.md",
        "---\ntitle: Fout\nstatus: lopend\nthemes: [werkdruk, werkdrukk]\n---\n",
    );
    s.write(
        "content/projecten/fout2.md",
        "---\ntitle: Fout 2\nstatus: bezig\n---\n",
    );
    s.write(
        "content/nieuws/fout3.md",
        "---\ntitle: Fout 3\ndate: 2025-01-01\ntitel: x\n---\n",
    );
    s.write(
        "content/nieuws/fout4.md",
        "---\ntitle: Fout 4\ndate: 2025-01-01\n---\nZie [dit](@/projecten/bestaat-niet.md).\n",
    );
    let out = s.build(&[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("content/projecten/fout1.md:4:20"), "{err}");
    assert!(err.contains("did you mean `werkdruk`?"), "{err}");
    assert!(err.contains("content/projecten/fout2.md:3"), "{err}");
    assert!(
        err.contains("did you mean `gepland`?") || err.contains("gepland, lopend, afgerond"),
        "{err}"
    );
    assert!(err.contains("content/nieuws/fout3.md:4"), "{err}");
    assert!(err.contains("did you mean `title`?"), "{err}");
    assert!(err.contains("content/nieuws/fout4.md:5:11"), "{err}");
    assert!(err.contains("Build failed: 4 errors"), "{err}");
}

#[test]
fn translation_rules_are_enforced() {
    let s = TestSite::basic();
    s.write(
        "content/nieuws/alleen-engels.en.md",
        "---\ntitle: Only English\n---\n",
    );
    s.write(
        "content/nieuws/oud.en.md",
        "---\ntitle: Old\ndate: 2024-01-01\n---\n",
    );
    let err = stderr(&s.build(&[]));
    assert!(err.contains("content/nieuws/alleen-engels.en.md"), "{err}");
    assert!(err.contains("has no Dutch original"), "{err}");
    assert!(err.contains("standalone: true"), "{err}");
    assert!(err.contains("content/nieuws/oud.en.md:3"), "{err}");
    assert!(err.contains("`date` differs from the Dutch page"), "{err}");
    // standalone English pages are fine.
    s.write(
        "content/nieuws/alleen-engels.en.md",
        "---\ntitle: Only English\nstandalone: true\ndate: 2024-01-01\n---\n",
    );
    s.write("content/nieuws/oud.en.md", "---\ntitle: Old\n---\n");
    s.build_ok();
    assert!(s.exists("en/news/alleen-engels/index.html"));
}

#[test]
fn slugs_and_aliases_cannot_escape_the_output() {
    let s = TestSite::basic();
    s.write(
        "content/nieuws/a.md",
        "---\ntitle: A\ndate: 2025-01-01\nslug: ../../etc\n---\n",
    );
    s.write(
        "content/nieuws/b.md",
        "---\ntitle: B\ndate: 2025-01-01\naliases: [\"/../../buiten/\"]\n---\n",
    );
    s.write(
        "content/nieuws/c.md",
        "---\ntitle: C\ndate: 2025-01-01\naliases: [\"/nieuws/start/\"]\n---\n",
    );
    let out = s.build(&[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("content/nieuws/a.md:4") && err.contains("not a valid URL segment"),
        "{err}"
    );
    assert!(
        err.contains("content/nieuws/b.md:4") && err.contains("may not contain `..`"),
        "{err}"
    );
    assert!(
        err.contains("content/nieuws/c.md") && err.contains("is the address of another page"),
        "{err}"
    );
    assert!(
        !s.path().join("buiten").exists() && !s.path().parent().unwrap().join("buiten").exists()
    );
}

#[test]
fn two_pages_with_one_url_is_an_error() {
    let s = TestSite::basic();
    s.write(
        "content/nieuws/dubbel.md",
        "---\ntitle: Dubbel\ndate: 2025-01-01\nslug: start\n---\n",
    );
    let err = stderr(&s.build(&[]));
    assert!(
        err.contains("two pages claim the address /nieuws/start/"),
        "{err}"
    );
}

#[test]
fn config_errors_suggest_the_right_key() {
    let s = TestSite::basic();
    let yaml = common::SITE_YAML.replace("theme: sofokles", "them: sofokles");
    s.write("site.yaml", &yaml);
    let err = stderr(&s.build(&[]));
    assert!(err.contains("site.yaml:2"), "{err}");
    assert!(err.contains("did you mean `theme`?"), "{err}");
}

#[test]
fn base_url_and_output_can_be_overridden() {
    let s = TestSite::basic();
    let out_dir = s.path().join("elders");
    let out = s.build(&[
        "--output",
        out_dir.to_str().unwrap(),
        "--base-url",
        "https://staging.example.org/",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let home = std::fs::read_to_string(out_dir.join("index.html")).unwrap();
    assert!(
        home.contains("href=\"https://staging.example.org/\""),
        "{home}"
    );
}

#[test]
fn missing_ui_string_names_key_and_language() {
    let s = TestSite::basic();
    let en = std::fs::read_to_string(s.path().join("themes/sofokles/i18n/en.yaml")).unwrap();
    let without: String = en
        .lines()
        .filter(|l| !l.starts_with("goal:"))
        .map(|l| format!("{l}\n"))
        .collect();
    s.write("themes/sofokles/i18n/en.yaml", &without);
    let err = stderr(&s.build(&[]));
    assert!(
        err.contains("the UI string `goal` is missing for language `en`"),
        "{err}"
    );
    assert!(err.contains("project.html"), "{err}");
    // The help names the i18n file, from the typed error rather than from the message's words; in Dutch
    // too.
    assert!(err.contains("add a line `goal: \"...\"` to"), "{err}");
    let nl = stderr(&s.build(&["--lang", "nl"]));
    assert!(
        nl.contains("de tekst `goal` ontbreekt in de taal `en`"),
        "{nl}"
    );
    assert!(nl.contains("zet een regel `goal: \"...\"` in"), "{nl}");
}

#[test]
fn an_episode_may_name_its_series_and_it_must_match_the_folder() {
    let s = TestSite::basic();
    let ep = std::fs::read_to_string(s.path().join("content/podcasts/testreeks/aflevering-1.md"))
        .unwrap();
    s.write(
        "content/podcasts/testreeks/aflevering-1.md",
        &ep.replacen("episode: 1", "series: testreeks\nepisode: 1", 1),
    );
    s.build_ok();
    s.write(
        "content/podcasts/testreeks/aflevering-1.md",
        &ep.replacen("episode: 1", "series: andere-reeks\nepisode: 1", 1),
    );
    let err = stderr(&s.build(&[]));
    assert!(
        err.contains("content/podcasts/testreeks/aflevering-1.md:5"),
        "{err}"
    );
    assert!(
        err.contains("is in the folder of the series `testreeks`"),
        "{err}"
    );
}

/// Every build after the second writes into the folder the previous build replaced (kept as
/// `.public.kennis-spare`): the result must still be exactly a clean build, with the files of removed pages
/// gone, and files whose bytes did not change are left alone.
#[test]
fn rebuilds_reuse_the_replaced_folder_and_match_a_clean_build() {
    let s = TestSite::basic();
    let spare = s.path().join(".public.kennis-spare");
    // Compares public/ with a clean build and names the files that differ.
    let same_as_clean = |s: &TestSite| {
        let out = tempfile::tempdir().unwrap();
        let o = s.build(&["--output", out.path().join("p").to_str().unwrap()]);
        assert!(o.status.success());
        let want = snapshot(&out.path().join("p"));
        let got = snapshot(&s.path().join("public"));
        let differ: Vec<_> = got
            .iter()
            .filter(|f| !want.contains(f))
            .chain(want.iter().filter(|f| !got.contains(f)))
            .map(|(p, _)| p.display().to_string())
            .collect();
        assert!(differ.is_empty(), "differs from a clean build: {differ:?}");
    };
    let no_empty_folders = |dir: &Path| {
        for e in walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
        {
            if e.file_type().is_dir() {
                let n = std::fs::read_dir(e.path()).unwrap().count();
                assert!(n > 0, "empty folder left: {}", e.path().display());
            }
        }
    };
    s.build_ok();
    assert!(!spare.exists(), "the first build has nothing to keep");
    s.build_ok();
    assert!(spare.is_dir(), "the replaced output is kept as the spare");
    let about = "over/index.html";
    let stamp = |p: &Path| std::fs::metadata(p).unwrap().modified().unwrap();
    // The spare holds the first build; the third build writes into it.
    let before = stamp(&spare.join(about));
    std::thread::sleep(std::time::Duration::from_millis(20));

    // Remove a page, change one, add one.
    s.remove("content/nieuws/oud.md");
    s.remove("content/nieuws/oud.en.md");
    let start = std::fs::read_to_string(s.path().join("content/nieuws/start.md")).unwrap();
    s.write(
        "content/nieuws/start.md",
        &start.replace("\n---\n", "\n---\nEen nieuwe eerste zin.\n\n"),
    );
    s.write(
        "content/nieuws/nieuw.md",
        "---\ntitle: Nieuw bericht\ndate: 2025-05-01\n---\nTekst.\n",
    );
    s.build_ok();
    let public = s.path().join("public");
    same_as_clean(&s);
    no_empty_folders(&public);
    assert!(!s.exists("nieuws/oud/index.html") && s.exists("nieuws/nieuw/index.html"));
    assert!(
        s.public("nieuws/start/index.html")
            .contains("Een nieuwe eerste zin.")
    );
    assert_eq!(
        stamp(&public.join(about)),
        before,
        "an unchanged page was rewritten"
    );

    // Once more, now into the second build's folder, after a failed build in between.
    s.write(
        "content/nieuws/kapot.md",
        "---\ntitle: Kapot\ndate: 2025-13-01\n---\n",
    );
    assert!(!s.build(&[]).status.success());
    s.remove("content/nieuws/kapot.md");
    s.remove("content/nieuws/nieuw.md");
    s.build_ok();
    same_as_clean(&s);
    no_empty_folders(&public);
    // Static files are still hard links (or copies) of the site's own, never written through.
    let src = std::fs::read_dir(s.path().join("static/downloads"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let name = src.file_name().unwrap().to_str().unwrap().to_string();
    assert_eq!(
        std::fs::read(&src).unwrap(),
        std::fs::read(public.join("downloads").join(&name)).unwrap()
    );
}

/// `KENNIS_TIMINGS=1` (used by bench/run) prints every stage's wall time, render and write apart.
#[test]
fn stage_timings_name_every_stage() {
    let s = TestSite::basic();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kennis"))
        .args(["build", "--root"])
        .arg(s.path())
        .env("KENNIS_TIMINGS", "1")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    for stage in ["config", "load", "parse", "render", "write"] {
        let line = stdout
            .lines()
            .find(|l| l.starts_with(&format!("stage {stage} ")))
            .unwrap_or_else(|| panic!("no `stage {stage}` line in:\n{stdout}"));
        let ms: f64 = line.split(' ').nth(2).unwrap().parse().unwrap();
        assert!(ms >= 0.0, "{line}");
    }
}
