//! `kennis new`, `translate` and `list`: the editors' helpers produce files that build.

mod common;
use common::{TestSite, stderr};

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

#[test]
fn new_pages_have_valid_front_matter_and_start_as_drafts() {
    let s = TestSite::basic();
    for (section, id) in [
        ("projecten", "nieuw-project"),
        ("nieuws", "nieuw-bericht"),
        ("handreikingen", "nieuwe-gids"),
        ("podcasts", "testreeks/aflevering-2"),
    ] {
        let out = s.kennis(&["new", section, id, "--title", "Nieuwe pagina"]);
        assert!(out.status.success(), "{section}: {}", stderr(&out));
    }
    s.build_ok();
    assert!(
        !s.exists("projecten/nieuw-project/index.html"),
        "drafts are not published"
    );
    let out = s.build(&["--drafts"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(s.exists("projecten/nieuw-project/index.html"));
    assert!(s.exists("nieuws/nieuw-bericht/index.html"));
    assert!(s.exists("handreikingen/nieuwe-gids/index.html"));
    assert!(s.exists("podcasts/testreeks/aflevering-2/index.html"));
    // No overwriting, and names must be web-safe.
    let again = s.kennis(&["new", "projecten", "nieuw-project"]);
    assert!(!again.status.success() && stderr(&again).contains("already exists"));
    let bad = s.kennis(&["new", "projecten", "Mijn Project"]);
    assert!(
        !bad.status.success() && stderr(&bad).contains("mijn-project"),
        "{}",
        stderr(&bad)
    );
    let typo = s.kennis(&["new", "projekten", "x"]);
    assert!(
        stderr(&typo).contains("did you mean `projecten`?"),
        "{}",
        stderr(&typo)
    );
}

#[test]
fn translate_starts_an_english_draft_that_builds() {
    let s = TestSite::basic();
    let dutch = s.path().join("content/projecten/gepland.md");
    let out = s.kennis(&["translate", dutch.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let en = std::fs::read_to_string(s.path().join("content/projecten/gepland.en.md")).unwrap();
    assert!(
        en.contains("title: \"Aankomend project\"")
            && en.contains("slug: aankomend-project")
            && en.contains("draft: true"),
        "{en}"
    );
    assert!(
        !en.contains("status:"),
        "shared fields stay in the Dutch file: {en}"
    );
    s.build_ok();
    assert!(
        !s.exists("en/projects/aankomend-project/index.html"),
        "untranslated drafts stay unpublished"
    );
    let out = s.build(&["--drafts"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(s.exists("en/projects/aankomend-project/index.html"));
}

#[test]
fn list_shows_pages_and_missing_translations() {
    let s = TestSite::basic();
    let out = s.kennis(&["list", "--section", "projecten"]);
    let text = stdout(&out);
    assert!(
        text.contains("/projecten/flow/") && text.contains("lopend"),
        "{text}"
    );
    assert!(
        text.contains("/projecten/gepland/") && text.contains("(no English translation)"),
        "{text}"
    );
    let missing = stdout(&s.kennis(&["list", "--missing-translations"]));
    assert!(
        missing.contains("gepland") && !missing.contains("/projecten/flow/"),
        "{missing}"
    );
}

#[test]
fn translate_refuses_a_file_outside_the_site() {
    let s = TestSite::basic();
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = elsewhere.path().join("los.md");
    std::fs::write(&outside, "---\ntitle: \"Los\"\n---\nTekst.\n").unwrap();
    for lang in ["en", "nl"] {
        let out = s.kennis(&["translate", outside.to_str().unwrap(), "--lang", lang]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        let words = if lang == "en" {
            "not a page of this site"
        } else {
            "geen pagina van deze site"
        };
        assert!(err.contains(words), "{err}");
    }
    assert!(
        !elsewhere.path().join("los.en.md").exists(),
        "a translation was written outside the site"
    );
}
