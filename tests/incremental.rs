//! serve's incremental rebuilds give exactly what a clean build gives, and redo little for a small edit.

mod common;
use common::{SITE_YAML, TestSite, copy_dir};
use kennis::build::{self, Files, Incremental, Options};

struct Session {
    opts: Options,
    state: Incremental,
    files: Files,
    /// Like serve: a watcher reports every changed path and the parse cache trusts it.
    watched: bool,
    /// The messages of the last rebuild when it failed (serve then keeps the last good files).
    failed: Option<Vec<String>>,
    /// The outputs the last rebuild rendered again.
    written: Vec<String>,
}

impl Session {
    fn new(site: &TestSite, watched: bool) -> Session {
        let mut opts = Options::new(site.path().to_path_buf());
        opts.fingerprint = false;
        opts.today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let mut s = Session {
            opts,
            state: Incremental::default(),
            files: Files::new(),
            watched,
            failed: None,
            written: Vec::new(),
        };
        if watched {
            s.state
                .parsed
                .trust_forget
                .store(true, std::sync::atomic::Ordering::Relaxed);
        }
        s.rebuild();
        s
    }

    /// Rebuilds incrementally; returns how many outputs were rendered.
    fn rebuild(&mut self) -> usize {
        self.try_rebuild()
            .unwrap_or_else(|e| panic!("{}", e.join("\n")))
    }

    /// Rebuilds incrementally like serve: a failed build keeps the last good files.
    fn try_rebuild(&mut self) -> Result<usize, Vec<String>> {
        self.failed = None;
        match build::build_incremental(&self.opts, &mut self.state) {
            Ok((report, written)) => {
                self.written = written.keys().cloned().collect();
                build::apply(&mut self.files, written, &report.render.outputs);
                Ok(report.render.rendered)
            }
            Err(e) => {
                let messages: Vec<String> = e.iter().map(|d| d.render()).collect();
                self.failed = Some(messages.clone());
                Err(messages)
            }
        }
    }

    /// What serve's watcher does for saved, created, moved or deleted files and folders: the batch
    /// goes through the watcher's own filter, which decides what the parse cache forgets.
    fn touched(&self, rel: &str) {
        self.changed(&[rel]);
    }

    fn changed(&self, rels: &[&str]) {
        if self.watched {
            let paths: Vec<_> = rels.iter().map(|r| self.opts.root.join(r)).collect();
            kennis::serve::watch::take_in(
                &self.opts.root,
                &self.state.parsed,
                paths.iter().map(|p| p.as_path()),
                false,
            );
        }
    }

    fn assert_same_as_clean(&self, what: &str) {
        let clean = match build::build_in_memory(&self.opts) {
            Ok((_, mut clean)) => {
                // serve makes the search index only when it is asked for (tests/serve.rs).
                clean.retain(|k, _| !k.starts_with("pagefind/"));
                assert!(
                    self.failed.is_none(),
                    "after {what}: a clean build passes, the rebuild failed: {:?}",
                    self.failed
                );
                clean
            }
            Err(e) => {
                let messages: Vec<String> = e.iter().map(|d| d.render()).collect();
                assert_eq!(
                    self.failed.as_ref(),
                    Some(&messages),
                    "after {what}: a clean build fails, the rebuild must fail the same way"
                );
                return;
            }
        };
        let missing: Vec<_> = clean
            .keys()
            .filter(|k| !self.files.contains_key(*k))
            .collect();
        let extra: Vec<_> = self
            .files
            .keys()
            .filter(|k| !clean.contains_key(*k))
            .collect();
        let differ: Vec<_> = clean
            .iter()
            .filter(|(k, v)| self.files.get(*k).is_some_and(|w| w != *v))
            .map(|(k, _)| k)
            .collect();
        assert!(
            missing.is_empty() && extra.is_empty() && differ.is_empty(),
            "after {what}: missing {missing:?}, extra {extra:?}, different {differ:?}"
        );
    }
}

fn edit(site: &TestSite, s: &Session, rel: &str, from: &str, to: &str) {
    let p = site.path().join(rel);
    s.touched(rel);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn incremental_rebuilds_equal_clean_builds() {
    edits_equal_clean_builds(false);
}

#[test]
fn incremental_rebuilds_trusting_the_watcher_equal_clean_builds() {
    edits_equal_clean_builds(true);
}

/// Edits whose effect reaches other pages through a date's precision, a status or an episode's audio:
/// the news order, the guides' "coming soon" group and the home page, the series' subscribe button.
#[test]
fn partial_dates_statuses_and_audio_rebuild_like_clean_builds() {
    let site = TestSite::basic();
    let mut s = Session::new(&site, true);
    for (rel, from, to, what) in [
        (
            "content/nieuws/oud.md",
            "date: 2023-01-15",
            "date: 2025",
            "a day made a year",
        ),
        (
            "content/handreikingen/gids.md",
            "status: verschenen",
            "status: in-voorbereiding",
            "a guide back in preparation",
        ),
        (
            "content/projecten/flow.md",
            "status: lopend",
            "status: onbekend",
            "a status made unknown",
        ),
        (
            "content/podcasts/testreeks/aflevering-1.md",
            "audio: /audio/test.wav\n",
            "",
            "the only audio removed",
        ),
    ] {
        edit(&site, &s, rel, from, to);
        s.rebuild();
        s.assert_same_as_clean(what);
    }
}

/// Edits to events reach the events listing (upcoming or past), the home page's next event, the theme and
/// sector pages and the English page that inherits the dates.
#[test]
fn event_edits_rebuild_like_clean_builds() {
    let site = TestSite::basic();
    site.write(
        "content/evenementen/dag.md",
        "---\ntitle: Werkdrukdag\nstart: 2027-02-10 13:30\nlocation: Utrecht\nthemes: [werkdruk]\nsectors: [wo]\n---\nKom ook.\n",
    )
    .write(
        "content/evenementen/dag.en.md",
        "---\ntitle: Workload day\nslug: workload-day\n---\nJoin us.\n",
    )
    .write(
        "content/evenementen/later.md",
        "---\ntitle: Netwerkdag\nthemes: [werkdruk]\n---\nVolgt.\n",
    );
    let mut s = Session::new(&site, true);
    s.assert_same_as_clean("the first build with events");
    for (rel, from, to, what) in [
        (
            "content/evenementen/dag.md",
            "location: Utrecht",
            "location: Amersfoort\nonline: true",
            "an event's place",
        ),
        (
            "content/evenementen/dag.md",
            "start: 2027-02-10 13:30",
            "start: 2025-02-10",
            "an upcoming event moved into the past",
        ),
        (
            "content/evenementen/later.md",
            "title: Netwerkdag",
            "title: Netwerkdag\nstart: 2027-01",
            "a date given to an event that had none",
        ),
        (
            "content/evenementen/dag.md",
            "themes: [werkdruk]",
            "themes: [dialoog]",
            "an event moved to another theme",
        ),
    ] {
        edit(&site, &s, rel, from, to);
        s.rebuild();
        s.assert_same_as_clean(what);
    }
}

fn edits_equal_clean_builds(watched: bool) {
    let site = TestSite::basic();
    let mut s = Session::new(&site, watched);
    s.assert_same_as_clean("the first build");
    let total = s.files.len();

    edit(
        &site,
        &s,
        "content/projecten/rooster.md",
        "Roosteren.",
        "Roosteren, anders.",
    );
    let n = s.rebuild();
    s.assert_same_as_clean("a body edit");
    assert!(n <= 3, "a body edit re-rendered {n} outputs of {total}");

    edit(
        &site,
        &s,
        "content/projecten/rooster.md",
        "title: \"Regie op het rooster\"",
        "title: \"Regie op het nieuwe rooster\"",
    );
    let n = s.rebuild();
    s.assert_same_as_clean("a title edit");
    assert!(
        n < total / 2,
        "a title edit re-rendered {n} outputs of {total}"
    );

    edit(
        &site,
        &s,
        "content/nieuws/oud.md",
        "date: 2023-01-15",
        "date: 2026-01-15",
    );
    s.rebuild();
    s.assert_same_as_clean("a date change that reorders the news");

    edit(
        &site,
        &s,
        "content/projecten/rooster.md",
        "themes: [werkdruk]",
        "themes: [dialoog]",
    );
    s.rebuild();
    s.assert_same_as_clean("moving a page to another theme");

    s.touched("content/nieuws/nieuw.md");
    site.write("content/nieuws/nieuw.md", "---\ntitle: Nieuw\ndate: 2025-06-01\nthemes: [werkdruk]\nrelated: [flow]\n---\nNieuw bericht over [FLOW](@/projecten/flow.md).\n");
    s.rebuild();
    s.assert_same_as_clean("adding a page");

    s.touched("content/nieuws/nieuw.en.md");

    site.write(
        "content/nieuws/nieuw.en.md",
        "---\ntitle: New\nslug: new-item\n---\nNew item.\n",
    );
    s.rebuild();
    s.assert_same_as_clean("adding its translation");

    edit(
        &site,
        &s,
        "content/nieuws/nieuw.en.md",
        "slug: new-item",
        "slug: brand-new-item",
    );
    s.rebuild();
    s.assert_same_as_clean("changing a slug (a URL)");

    site.remove("content/nieuws/nieuw.en.md");

    s.touched("content/nieuws/nieuw.en.md");
    site.remove("content/nieuws/nieuw.md");
    s.touched("content/nieuws/nieuw.md");
    s.rebuild();
    s.assert_same_as_clean("deleting a page");

    edit(
        &site,
        &s,
        "themes/sofokles/templates/news.html",
        "{{ page.title }}",
        "{{ page.title }}!",
    );
    s.rebuild();
    s.assert_same_as_clean("a template edit");

    edit(
        &site,
        &s,
        "themes/sofokles/i18n/en.yaml",
        "goal: \"Goal\"",
        "goal: \"Aim\"",
    );
    s.rebuild();
    s.assert_same_as_clean("a UI string edit");

    edit(
        &site,
        &s,
        "site.yaml",
        "title: \"Projects\"",
        "title: \"Our projects\"",
    );
    s.rebuild();
    s.assert_same_as_clean("a menu edit in site.yaml");

    s.touched("themes/sofokles/static/css/site.css");
    let css = site.path().join("themes/sofokles/static/css/site.css");
    let mut text = std::fs::read_to_string(&css).unwrap();
    text.push_str("\n.x{color:red}\n");
    std::fs::write(&css, text).unwrap();
    s.rebuild();
    s.assert_same_as_clean("a stylesheet edit");

    edit(
        &site,
        &s,
        "content/projecten/flow.md",
        "status: lopend",
        "status: afgerond",
    );
    s.rebuild();
    s.assert_same_as_clean("a status change (listing order)");
}

#[test]
fn folder_changes_equal_clean_builds() {
    folders_equal_clean_builds(false);
}

#[test]
fn folder_changes_through_the_watcher_equal_clean_builds() {
    folders_equal_clean_builds(true);
}

/// Renames `from` to `to` (both relative to the site's root).
fn rename(site: &TestSite, from: &str, to: &str) {
    let to = site.path().join(to);
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::rename(site.path().join(from), to).unwrap();
}

/// Folders renamed, moved in and deleted: the watcher reports only the folder, never the files in it.
fn folders_equal_clean_builds(watched: bool) {
    let site = TestSite::basic();
    let mut s = Session::new(&site, watched);
    s.assert_same_as_clean("the first build");

    // A rename is reported with the old and the new name.
    rename(
        &site,
        "content/podcasts/testreeks",
        "content/podcasts/tweede-reeks",
    );
    s.changed(&[
        "content/podcasts/testreeks",
        "content/podcasts/tweede-reeks",
    ]);
    s.rebuild();
    s.assert_same_as_clean("renaming a folder");

    // Moved in from outside the watched folders: only the new name is reported.
    site.write(
        "elders/derde-reeks/_index.md",
        "---\ntitle: Derde reeks\n---\nEen reeks van buiten.\n",
    );
    site.write(
        "elders/derde-reeks/eerste.md",
        "---\ntitle: Eerste aflevering\ndate: 2025-03-01\n---\nTekst.\n",
    );
    rename(&site, "elders/derde-reeks", "content/podcasts/derde-reeks");
    s.changed(&["content/podcasts/derde-reeks"]);
    s.rebuild();
    s.assert_same_as_clean("moving a folder in");

    // A folder that is no section: the build fails, as a clean build does, until it is gone again.
    site.write(
        "elders/archief/oud.md",
        "---\ntitle: Oud\ndate: 2020-01-01\n---\nTekst.\n",
    );
    rename(&site, "elders/archief", "content/archief");
    s.changed(&["content/archief"]);
    assert!(s.try_rebuild().is_err(), "content/archief is no section");
    s.assert_same_as_clean("moving in a folder with a mistake");
    std::fs::remove_dir_all(site.path().join("content/archief")).unwrap();
    s.changed(&["content/archief"]);
    s.rebuild();
    s.assert_same_as_clean("deleting the folder with the mistake");

    // Deleted: only the folder is reported (as when it is moved out, or `rm -rf` batches its events).
    std::fs::remove_dir_all(site.path().join("content/podcasts/tweede-reeks")).unwrap();
    s.changed(&["content/podcasts/tweede-reeks"]);
    s.rebuild();
    s.assert_same_as_clean("deleting a folder");

    // A folder in static/ renamed.
    site.write("static/fotos/uitleg.txt", "Foto's volgen.\n");
    s.touched("static/fotos/uitleg.txt");
    s.rebuild();
    rename(&site, "static/fotos", "static/beelden");
    s.changed(&["static/fotos", "static/beelden"]);
    s.rebuild();
    s.assert_same_as_clean("renaming a folder in static/");

    // content/ itself deleted, then restored.
    let saved = tempfile::tempdir().unwrap();
    copy_dir(&site.path().join("content"), saved.path());
    std::fs::remove_dir_all(site.path().join("content")).unwrap();
    s.changed(&["content"]);
    assert!(s.try_rebuild().is_err(), "no content/");
    s.assert_same_as_clean("deleting content/");
    copy_dir(saved.path(), &site.path().join("content"));
    s.changed(&["content"]);
    s.rebuild();
    s.assert_same_as_clean("restoring content/");

    // And edits inside the restored folder are still seen.
    edit(
        &site,
        &s,
        "content/projecten/rooster.md",
        "Roosteren.",
        "Roosteren, na het terugzetten.",
    );
    s.rebuild();
    s.assert_same_as_clean("an edit after restoring content/");
}

/// The home page asks for its news, projects and guides with `pages()`: an edit to a news item it shows
/// renders it again, an edit to one it does not show leaves it alone. Theme and sector pages and their
/// listings of all items of a type follow edits that reorder them, make a listing or take it away.
#[test]
fn pages_calls_and_term_listings_rebuild_like_clean_builds() {
    let site = TestSite::basic();
    site.write("site.yaml", &format!("{SITE_YAML}  term_items: 1\n"));
    for (id, date) in [("derde", "2025-05-01"), ("vierde", "2025-06-01")] {
        site.write(
            &format!("content/nieuws/{id}.md"),
            &format!(
                "---\ntitle: \"Bericht {id}\"\ndate: {date}\nthemes: [werkdruk]\n---\nTekst.\n"
            ),
        );
    }
    let mut s = Session::new(&site, true);
    s.assert_same_as_clean("the first build");
    assert!(s.files.contains_key("themas/werkdruk/projecten/index.html"));

    // Shown on the home page (one of the three newest): the home page is rendered again.
    edit(
        &site,
        &s,
        "content/nieuws/start.md",
        "title: \"Start van FLOW\"",
        "title: \"FLOW is begonnen\"",
    );
    s.rebuild();
    s.assert_same_as_clean("a news item on the home page retitled");
    assert!(
        s.written.contains(&"index.html".to_string()),
        "{:?}",
        s.written
    );
    assert!(String::from_utf8_lossy(&s.files["index.html"]).contains("FLOW is begonnen"));

    // Not shown there (the oldest of four): the home page is left alone.
    edit(
        &site,
        &s,
        "content/nieuws/oud.md",
        "title: \"Oud bericht\"",
        "title: \"Heel oud bericht\"",
    );
    s.rebuild();
    s.assert_same_as_clean("an old news item retitled");
    assert!(
        !s.written.contains(&"index.html".to_string()),
        "{:?}",
        s.written
    );

    for (rel, from, to, what) in [
        (
            "content/projecten/rooster.md",
            "status: afgerond",
            "status: lopend",
            "a status change reorders a theme's projects",
        ),
        (
            "content/projecten/rooster.md",
            "themes: [werkdruk]",
            "themes: [dialoog]",
            "a theme's listing of projects goes away",
        ),
        (
            "content/projecten/rooster.md",
            "themes: [dialoog]",
            "themes: [werkdruk, dialoog]",
            "and comes back",
        ),
        (
            "content/nieuws/derde.md",
            "themes: [werkdruk]",
            "themes: [dialoog]",
            "a theme's news listing shrinks",
        ),
    ] {
        edit(&site, &s, rel, from, to);
        s.rebuild();
        s.assert_same_as_clean(what);
    }
    assert!(
        !s.files
            .contains_key("themas/werkdruk/projecten/pagina/2/index.html")
    );
}

/// A series page lists the first page of its episodes and its later pages the rest (`pagina/2/`, with
/// "pagina 2 van 3" in the title; the language switch leads to the same page in English when there is
/// one). Edits that reorder the episodes, move one to another page or take a page away rebuild like a
/// clean build.
#[test]
fn series_pages_paginate_and_rebuild_like_clean_builds() {
    let site = TestSite::basic();
    let dir = "content/podcasts/testreeks";
    for k in 2..=5 {
        site.write(
            &format!("{dir}/aflevering-{k}.md"),
            &format!(
                "---\ntitle: \"Aflevering {k}\"\ndate: 2025-0{}-01\nepisode: {k}\n---\nShownotes.\n",
                k + 1
            ),
        );
        if k <= 3 {
            site.write(
                &format!("{dir}/aflevering-{k}.en.md"),
                &format!("---\ntitle: \"Episode {k}\"\nslug: episode-{k}\n---\nShow notes.\n"),
            );
        }
    }
    let mut s = Session::new(&site, true);
    s.assert_same_as_clean("the first build");
    let page = |s: &Session, path: &str| {
        String::from_utf8(
            s.files
                .get(path)
                .unwrap_or_else(|| panic!("{path} was not written"))
                .clone(),
        )
        .unwrap()
    };
    // Page size 2, newest first: 5, 4 on the series page; 3, 2 on page 2; 1 on page 3.
    let first = page(&s, "podcasts/testreeks/index.html");
    assert!(first.contains("Aflevering 4") && !first.contains("Aflevering 3"));
    assert!(first.contains("href=\"/podcasts/testreeks/pagina/2/\""));
    let second = page(&s, "podcasts/testreeks/pagina/2/index.html");
    assert!(
        second.contains("<title>Testreeks, pagina 2 van 3 |"),
        "{second}"
    );
    assert!(second.contains("Aflevering 3") && second.contains("Aflevering 2"));
    assert!(!second.contains("Aflevering 4") && !second.contains("Over de reeks."));
    assert!(
        second.contains(
            r#"hreflang="en" href="https://example.org/en/podcasts/test-series/page/2/""#
        ),
        "{second}"
    );
    let third = page(&s, "podcasts/testreeks/pagina/3/index.html");
    assert!(third.contains("Aflevering 1") && !third.contains("Aflevering 2"));
    // English has 3 episodes, so 2 pages: the Dutch page 3 has no English twin.
    assert!(
        !third.contains(r#"rel="alternate" hreflang="en""#),
        "{third}"
    );
    assert!(
        third.contains(r#"class="lang-switch" href="/en/podcasts/test-series/""#),
        "{third}"
    );
    assert!(
        s.files
            .contains_key("en/podcasts/test-series/page/2/index.html")
    );
    assert!(
        !s.files
            .contains_key("en/podcasts/test-series/page/3/index.html")
    );
    // The later pages are not search results: the series page is.
    assert!(first.contains("data-pagefind-body") && !second.contains("data-pagefind-body"));

    for (rel, from, to, what) in [
        (
            "aflevering-2.md",
            "title: \"Aflevering 2\"",
            "title: \"Aflevering twee\"",
            "an episode on page 2 retitled",
        ),
        (
            "aflevering-1.md",
            "date: 2025-02-01",
            "date: 2025-09-01",
            "an episode moves from page 3 to the series page",
        ),
        (
            "aflevering-1.md",
            "date: 2025-09-01",
            "date: 2025-02-01\ndraft: true",
            "a draft: page 3 goes away",
        ),
    ] {
        edit(&site, &s, &format!("{dir}/{rel}"), from, to);
        s.rebuild();
        s.assert_same_as_clean(what);
    }
    assert!(
        !s.files
            .contains_key("podcasts/testreeks/pagina/3/index.html")
    );
}

impl Session {
    /// Rebuilds and says whether the site model was updated in place (serve's fast path for page edits)
    /// rather than built again.
    fn rebuild_updating(&mut self) -> bool {
        let _ = self.try_rebuild();
        self.state.updated_in_place
    }
}

/// Saves that only edit pages update the kept site model in place; what they report and what they build
/// is still exactly what a clean build of the same files gives, errors included.
#[test]
fn page_edits_update_the_model_in_place_like_clean_builds() {
    let site = TestSite::basic();
    let mut s = Session::new(&site, true);
    let step = |s: &mut Session, rel: &str, from: &str, to: &str, what: &str, in_place: bool| {
        edit(&site, s, rel, from, to);
        assert_eq!(
            s.rebuild_updating(),
            in_place,
            "{what}: updated in place? (failed: {:?})",
            s.failed
        );
        s.assert_same_as_clean(what);
    };
    step(
        &mut s,
        "content/projecten/rooster.md",
        "Roosteren.",
        "Roosteren, met **nadruk**.",
        "a body edit",
        true,
    );
    let pages: Vec<_> = s.written.iter().filter(|w| w.ends_with(".html")).collect();
    assert!(pages.len() <= 2, "a body edit wrote {pages:?}");
    // Other pages list the title (the projects listing, the theme and sector pages, related lists).
    step(
        &mut s,
        "content/projecten/rooster.md",
        "title: \"Regie op het rooster\"",
        "title: \"Regie op het hele rooster\"",
        "a title other pages list",
        true,
    );
    step(
        &mut s,
        "content/nieuws/start.md",
        "[FLOW](@/projecten/flow.md)",
        "[FLOW](@/projecten/flwo.md)",
        "a link to a page that does not exist",
        true,
    );
    let failed = s.failed.clone().expect("the broken link fails the build");
    assert!(
        failed
            .iter()
            .any(|m| m.contains("content/projecten/flwo.md")),
        "{failed:?}"
    );
    // A second save while the link is still broken is measured against the last good model.
    step(
        &mut s,
        "content/nieuws/start.md",
        "FLOW is begonnen.",
        "FLOW is net begonnen.",
        "another edit of the broken page",
        true,
    );
    assert!(s.failed.is_some());
    step(
        &mut s,
        "content/nieuws/start.md",
        "[FLOW](@/projecten/flwo.md)",
        "[FLOW](@/projecten/flow.md)",
        "the link fixed",
        true,
    );
    assert!(s.failed.is_none());
    // flow.md links to rooster.md#doel: renaming the heading breaks another page's link.
    step(
        &mut s,
        "content/projecten/rooster.md",
        "## Doel",
        "## Het doel",
        "a heading another page links to",
        true,
    );
    assert!(s.failed.is_some());
    step(
        &mut s,
        "content/projecten/rooster.md",
        "## Het doel",
        "## Doel",
        "the heading back",
        true,
    );
    step(
        &mut s,
        "content/projecten/rooster.md",
        "themes: [werkdruk]",
        "themes: [werkdrukk]",
        "an unknown theme",
        true,
    );
    assert!(s.failed.is_some());
    step(
        &mut s,
        "content/projecten/rooster.md",
        "themes: [werkdrukk]",
        "themes: [dialoog]",
        "another theme",
        true,
    );
    // The English page inherits the Dutch page's shared fields.
    step(
        &mut s,
        "content/projecten/flow.md",
        "status: lopend",
        "status: afgerond",
        "a shared field the English page inherits",
        true,
    );
    step(
        &mut s,
        "content/projecten/flow.en.md",
        "---\n",
        "---\nstatus: lopend\n",
        "a shared field repeated with another value",
        true,
    );
    assert!(s.failed.is_some());
    step(
        &mut s,
        "content/projecten/flow.en.md",
        "---\nstatus: lopend\n",
        "---\n",
        "the repeated field removed",
        true,
    );
    // What changes a page's place in the site builds the model again.
    step(
        &mut s,
        "content/nieuws/oud.md",
        "---\n",
        "---\nslug: heel-oud\n",
        "a new slug",
        false,
    );
    step(
        &mut s,
        "content/nieuws/oud.md",
        "---\n",
        "---\ndraft: true\n",
        "a page made a draft",
        false,
    );
    step(
        &mut s,
        "content/nieuws/oud.md",
        "---\ndraft: true\n",
        "---\n",
        "the draft published again",
        false,
    );
    step(
        &mut s,
        "content/nieuws/start.md",
        "---\n",
        "---\ntitle: [unclosed\n",
        "front matter that cannot be read",
        false,
    );
    assert!(s.failed.is_some());
    step(
        &mut s,
        "content/nieuws/start.md",
        "---\ntitle: [unclosed\n",
        "---\n",
        "the front matter mended (measured against the last good model)",
        true,
    );
    step(
        &mut s,
        "content/nieuws/start.md",
        "FLOW is net begonnen.",
        "FLOW is begonnen.",
        "a body edit after a rebuild",
        true,
    );
    step(
        &mut s,
        "content/projecten/rooster.en.md",
        "Rostering.",
        "Rostering, differently.",
        "an English page's body",
        true,
    );
    step(
        &mut s,
        "content/nieuws/_index.md",
        "title: \"Nieuws\"\n---\n",
        "title: \"Nieuws\"\n---\nHet laatste nieuws.\n",
        "a section page's text (its English page is made up)",
        true,
    );
    step(
        &mut s,
        "content/podcasts/testreeks/_index.md",
        "title: \"Testreeks\"",
        "title: \"De testreeks\"",
        "a podcast series' title its episodes show",
        true,
    );
    step(
        &mut s,
        "themes/sofokles/templates/news.html",
        "{{ page.title }}",
        "{{ page.title }}!",
        "a template edit (the model stays as it is)",
        true,
    );
    // A render that fails keeps the list of replaced pages growing until one succeeds.
    step(
        &mut s,
        "themes/sofokles/templates/news.html",
        "{{ page.title }}!",
        "{{ page.title !",
        "a broken template",
        true,
    );
    assert!(s.failed.is_some());
    step(
        &mut s,
        "content/projecten/rooster.md",
        "Roosteren",
        "Het roosteren",
        "a page edit while the template is broken",
        true,
    );
    step(
        &mut s,
        "themes/sofokles/templates/news.html",
        "{{ page.title !",
        "{{ page.title }}!",
        "the template mended",
        true,
    );
    step(
        &mut s,
        "site.yaml",
        "title: \"Projects\"",
        "title: \"Our projects\"",
        "site.yaml",
        false,
    );
    s.touched("content/nieuws/nieuw.md");
    site.write(
        "content/nieuws/nieuw.md",
        "---\ntitle: Nieuw\ndate: 2025-06-01\n---\nNieuw.\n",
    );
    assert!(!s.rebuild_updating(), "a new page builds the model again");
    s.assert_same_as_clean("a new page");
    step(
        &mut s,
        "content/nieuws/nieuw.md",
        "Nieuw.",
        "Nieuw bericht.",
        "an edit of the new page",
        true,
    );
}

/// Found while testing serve's in-place model updates; happens with the full model build too, so it is
/// render's: every page's `<link rel="alternate">` names the news feed by the news section's title, and
/// the output fingerprints (render/deps.rs) do not cover it, so retitling `content/nieuws/_index.md`
/// leaves those links stale on 22 outputs of this site.
/// Reads nobody listed by hand: every page's head names the news feeds by the news section's title, and
/// a theme's Atom feed by the theme's title. Before outputs recorded their reads (a hand-kept list of
/// what each output depends on), renaming the news section left every other page's feed link stale.
#[test]
fn titles_read_in_every_page_head_rebuild_like_clean_builds() {
    let site = TestSite::basic();
    let mut s = Session::new(&site, true);
    let total = s.files.len();
    edit(
        &site,
        &s,
        "content/nieuws/_index.md",
        "title: \"Nieuws\"",
        "title: \"Berichten\"",
    );
    let n = s.rebuild();
    s.assert_same_as_clean("the news section renamed");
    let project = String::from_utf8_lossy(&s.files["projecten/rooster/index.html"]).into_owned();
    assert!(
        project.contains("Berichten"),
        "the feed link in a project page's head names the news section"
    );
    let naming = s
        .files
        .values()
        .filter(|b| String::from_utf8_lossy(b).contains("Berichten"))
        .count();
    assert!(
        n >= naming && naming > total / 3,
        "{naming} of {total} outputs name the news section; {n} re-rendered"
    );
    let n = s.rebuild();
    assert_eq!(n, 0, "nothing changed, yet {n} outputs re-rendered");
}

/// Every page of the fixture edited in turn (text added at the end, then a heading that other pages could
/// link to): whichever way each save takes, in place or a new model, the result is a clean build's.
#[test]
fn every_page_edited_in_turn_rebuilds_like_clean_builds() {
    let site = TestSite::basic();
    let mut s = Session::new(&site, true);
    let mut files = markdown_files(&site);
    files.sort();
    let mut in_place = 0;
    for rel in &files {
        for added in ["\nEen zin erbij.\n", "\n## Nieuwe kop\n\nMeer.\n"] {
            s.touched(rel);
            let p = site.path().join(rel);
            let text = std::fs::read_to_string(&p).unwrap();
            std::fs::write(&p, format!("{text}{added}")).unwrap();
            in_place += usize::from(s.rebuild_updating());
            s.assert_same_as_clean(&format!("{rel} edited"));
        }
    }
    // Only the drafts and scheduled pages are not in the model.
    assert!(
        in_place >= 2 * (files.len() - 3),
        "{in_place} of {} saves updated in place",
        2 * files.len()
    );
}

/// The fund's real site (shortcodes, cross links, translations, a podcast), a sample of its pages edited
/// through the watcher: each save updates the model in place and gives what a clean build gives.
#[test]
fn real_pages_edited_in_place_rebuild_like_clean_builds() {
    let site = TestSite::empty();
    copy_dir(
        &common::repo().join("content"),
        &site.path().join("content"),
    );
    std::fs::copy(
        common::repo().join("site.yaml"),
        site.path().join("site.yaml"),
    )
    .unwrap();
    let mut s = Session::new(&site, true);
    let mut files: Vec<String> = markdown_files(&site)
        .into_iter()
        .filter(|rel| !rel.ends_with("README.md"))
        .collect();
    files.sort();
    let mut in_place = 0;
    let sample: Vec<&String> = files.iter().step_by(29).collect();
    for rel in &sample {
        s.touched(rel);
        let p = site.path().join(rel);
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(
            &p,
            format!("{text}\nEen zin erbij, met een [link](@/over-sofokles.md).\n"),
        )
        .unwrap();
        in_place += usize::from(s.rebuild_updating());
        assert!(s.failed.is_none(), "{rel}: {:?}", s.failed);
        s.assert_same_as_clean(&format!("{rel} edited"));
    }
    assert!(
        in_place + 2 >= sample.len(),
        "{in_place} of {} saves updated in place",
        sample.len()
    );
}

/// A page deleted while others link to it (the build fails and the model stays as it was), then put back
/// (an in-place update), then a new file (a new model): the walk of `content/` must still know the page.
#[test]
fn a_page_deleted_and_put_back_survives_the_next_new_model() {
    let site = TestSite::basic();
    let mut s = Session::new(&site, true);
    let rel = "content/nieuws/start.md";
    let text = std::fs::read_to_string(site.path().join(rel)).unwrap();
    site.remove(rel);
    s.touched(rel);
    assert!(!s.rebuild_updating());
    s.assert_same_as_clean("a linked page deleted");
    assert!(s.failed.is_some(), "flow.md links to start.md");
    site.write(rel, &text);
    s.touched(rel);
    assert!(
        s.rebuild_updating(),
        "putting it back updates the last good model"
    );
    s.assert_same_as_clean("the page put back");
    s.touched("content/nieuws/nieuw.md");
    site.write(
        "content/nieuws/nieuw.md",
        "---\ntitle: Nieuw\ndate: 2025-06-01\n---\nNieuw.\n",
    );
    assert!(!s.rebuild_updating());
    s.assert_same_as_clean("a new page after that");
}

/// Every Markdown file under the site's `content/`, as a path relative to the site.
fn markdown_files(site: &TestSite) -> Vec<String> {
    walkdir::WalkDir::new(site.path().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            e.path()
                .strip_prefix(site.path())
                .unwrap()
                .to_string_lossy()
                .to_string()
        })
        .collect()
}
