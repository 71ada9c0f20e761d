//! Rules the fund's real content must keep (issue 14): pages speak in the fund's own voice, dates are honest,
//! nothing promises what is not there, and the words are the agreed ones.
//!
//! Each rule is a small function over one file's text, proven both ways on tiny examples in `rules_*` tests;
//! the `real_content_*` tests run it over `content/` (and the theme's Dutch strings, `site.yaml`) and fail
//! with every offending file and line. They fail until the writers' rewrite is merged: that is expected.

mod common;
use kennis::content::frontmatter::{self, Date, Period, RawFrontMatter};
use std::path::{Path, PathBuf};

/// One place that breaks a rule.
#[derive(Debug, PartialEq)]
struct Hit {
    line: usize,
    what: String,
}

fn hit(line: usize, what: impl Into<String>) -> Hit {
    Hit {
        line,
        what: what.into(),
    }
}

/// Phrases that talk about the fund's documents instead of saying what the fund does. Matched on lowercased
/// text with years taken out, so "Het Jaarplan 2025 zegt" is "het jaarplan zegt".
const SOURCE_TALK: &[&str] = &[
    "volgens het jaarplan",
    "volgens de jaarplannen",
    "jaarplan zegt",
    "jaarplannen zeggen",
    "according to the annual plan",
    "according to the year plan",
    "annual plan says",
    "annual plans say",
    "annual plan states",
    "annual plans state",
    "annual plan does not say",
    "annual plans do not say",
    "annual plan doesn't say",
    "annual plans don't say",
    "year plan says",
    "year plans say",
];

/// Lowercase, curly apostrophes straight, and four-digit numbers (years) left out.
fn normalise(line: &str) -> String {
    let lower = line.to_lowercase().replace('’', "'");
    let words: Vec<&str> = lower
        .split(' ')
        .filter(|w| !(w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())))
        .collect();
    words.join(" ")
}

fn source_talk(text: &str) -> Vec<Hit> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let norm = normalise(line);
        for phrase in SOURCE_TALK {
            if norm.contains(phrase) {
                out.push(hit(i + 1, format!("talks about the source: \"{phrase}\"")));
            }
        }
    }
    out
}

fn front_matter(source: &str) -> Option<RawFrontMatter> {
    let split = frontmatter::split(source, Path::new("t.md")).ok()?;
    frontmatter::parse(&split, source, Path::new("t.md")).ok()
}

/// A date on 1 January that the front matter does not mark `exact_date: true`: most likely a stand-in for
/// "some time that year", which is written `2025`.
fn placeholder_dates(source: &str) -> Vec<Hit> {
    let Some(fm) = front_matter(source) else {
        return Vec::new();
    };
    if fm.exact_date {
        return Vec::new();
    }
    let jan1 = |d: &Option<Date>| d.is_some_and(|d| d.to_string().ends_with("-01-01"));
    let mut fields: Vec<(&str, bool)> = vec![
        ("date", jan1(&fm.date)),
        ("updated", jan1(&fm.updated)),
        ("publish_date", jan1(&fm.publish_date)),
        ("expiry_date", jan1(&fm.expiry_date)),
    ];
    if let Some(Period::Range { start, end }) = &fm.period {
        fields.push(("period", jan1(start) || jan1(end)));
    }
    fields
        .into_iter()
        .filter(|(_, bad)| *bad)
        .map(|(key, _)| {
            hit(
                frontmatter::key_line(source, key).unwrap_or(1),
                format!("`{key}` on 1 January: write only the year (`2025`) or month, or add `exact_date: true`"),
            )
        })
        .collect()
}

/// A Dutch episode file (the English one inherits `audio` and `draft`) that is published without audio.
fn episode_without_audio(path: &Path, source: &str) -> Vec<Hit> {
    let s = path.to_string_lossy().replace('\\', "/");
    let is_episode = s.contains("podcasts/")
        && s.matches('/').count() >= 2
        && !s.ends_with("_index.md")
        && !s.ends_with(".en.md");
    match front_matter(source) {
        Some(fm) if is_episode && fm.audio.is_none() && !fm.draft => vec![hit(
            frontmatter::key_line(source, "episode").unwrap_or(1),
            "published episode without `audio`: add the audio or set `draft: true`",
        )],
        _ => Vec::new(),
    }
}

/// Front matter keys whose values are ids, paths or URLs, not text a visitor reads.
const ID_KEYS: &[&str] = &[
    "themes", "sectors", "related", "aliases", "slug", "image", "audio", "download", "series",
];

/// The lines a visitor reads, with link targets, URLs and id-valued front matter taken out.
fn readable_lines(source: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let (mut fences, mut key) = (0, String::new());
    for (i, line) in source.lines().enumerate() {
        if fences < 2 && line.trim_end() == "---" {
            fences += 1;
            continue;
        }
        if fences == 1 {
            if !line.starts_with([' ', '-', '\t']) {
                key = line.split(':').next().unwrap_or("").trim().to_string();
            }
            if ID_KEYS.contains(&key.as_str()) {
                continue;
            }
        }
        out.push((i + 1, strip_targets(line)));
    }
    out
}

/// `[text](target)` keeps its text; bare URLs and `@/` paths go.
fn strip_targets(line: &str) -> String {
    let mut s = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("](") {
        s.push_str(&rest[..at + 1]);
        rest = rest[at + 2..].split_once(')').map_or("", |(_, r)| r);
    }
    s.push_str(rest);
    s.split(' ')
        .filter(|w| !w.contains("://") && !w.contains("@/") && !w.starts_with('/'))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words: letters, digits, hyphens and apostrophes (so "umc's" and "U-bocht" stay whole).
fn words(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
        .map(|w| w.trim_matches(['\'', '’', '-']))
        .filter(|w| !w.is_empty())
}

/// English says "UMC" and "UMCs" only: not "umc's", "UMC's", "umcs" or "umc". "Cao umc", the name of the
/// collective labour agreement, is a name and stays as it is.
fn umc_forms(source: &str) -> Vec<Hit> {
    let mut out = Vec::new();
    for (line, text) in readable_lines(source) {
        let mut prev = String::new();
        for w in words(&text) {
            let lower = w.to_lowercase().replace('’', "'");
            if matches!(lower.as_str(), "umc" | "umcs" | "umc's")
                && !matches!(w, "UMC" | "UMCs")
                && !(w == "umc" && prev == "cao")
            {
                out.push(hit(line, format!("`{w}`: English uses UMC / UMCs")));
            }
            prev = lower;
        }
    }
    out
}

/// Dutch addresses the reader as "je": "u", "uw" and "uzelf" are the other form.
fn formal_address(source: &str) -> Vec<Hit> {
    let mut out = Vec::new();
    for (line, text) in readable_lines(source) {
        for w in words(&text) {
            if matches!(w.to_lowercase().as_str(), "u" | "uw" | "uzelf") {
                out.push(hit(line, format!("`{w}`: the site says \"je\" / \"jouw\"")));
            }
        }
    }
    out
}

/// Each language's footer links to a privacy statement and an accessibility statement.
fn footer_problems(site_yaml: &str) -> Vec<String> {
    let doc: serde_yaml::Value = serde_yaml::from_str(site_yaml).expect("site.yaml is YAML");
    let mut out = Vec::new();
    for lang in ["nl", "en"] {
        let links: Vec<String> = doc["languages"][lang]["footer"]
            .as_sequence()
            .map(|v| {
                v.iter()
                    .map(|l| {
                        format!(
                            "{} {}",
                            l["title"].as_str().unwrap_or(""),
                            l["link"].as_str().unwrap_or("")
                        )
                        .to_lowercase()
                    })
                    .collect()
            })
            .unwrap_or_default();
        let has = |words: &[&str]| links.iter().any(|l| words.iter().any(|w| l.contains(w)));
        if !has(&["privacy"]) {
            out.push(format!(
                "{lang}: the footer has no link to the privacy statement"
            ));
        }
        if !has(&["toegankelijk", "accessib"]) {
            out.push(format!(
                "{lang}: the footer has no link to the accessibility statement (toegankelijkheidsverklaring)"
            ));
        }
    }
    out
}

/// Every Markdown page under `content/` (the writers' guide README.md is not a page), with its text.
fn pages(root: &Path) -> Vec<(PathBuf, String)> {
    let mut v: Vec<(PathBuf, String)> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter(|e| e.file_name() != "README.md")
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap().to_path_buf();
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect();
    v.sort();
    v
}

fn is_english(path: &Path) -> bool {
    path.to_string_lossy().ends_with(".en.md")
}

/// Runs `rule` over the pages it applies to and returns "file:line: what" for each hit.
fn report(
    files: &[(PathBuf, String)],
    applies: impl Fn(&Path) -> bool,
    rule: impl Fn(&Path, &str) -> Vec<Hit>,
) -> Vec<String> {
    files
        .iter()
        .filter(|(p, _)| applies(p))
        .flat_map(|(p, text)| {
            rule(p, text)
                .into_iter()
                .map(move |h| format!("{}:{}: {}", p.display(), h.line, h.what))
        })
        .collect()
}

fn assert_none(rule: &str, problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{rule}: {} problem(s)\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The theme's Dutch UI strings appear on every page, so they keep the "je" rule too.
fn with_theme_strings(root: &Path) -> Vec<(PathBuf, String)> {
    let mut files = pages(root);
    let rel = PathBuf::from("themes/sofokles/i18n/nl.yaml");
    if let Ok(text) = std::fs::read_to_string(root.join(&rel)) {
        files.push((rel, text));
    }
    files
}

// ---- the real content -------------------------------------------------------------------------

#[test]
fn real_content_speaks_for_the_fund_not_about_its_documents() {
    let files = pages(&common::repo());
    assert_none(
        "source talk",
        &report(&files, |_| true, |_, t| source_talk(t)),
    );
}

#[test]
fn real_content_has_no_placeholder_first_of_january() {
    let files = pages(&common::repo());
    assert_none(
        "placeholder dates",
        &report(&files, |_| true, |_, t| placeholder_dates(t)),
    );
}

#[test]
fn real_content_publishes_no_episode_without_audio() {
    let files = pages(&common::repo());
    assert_none(
        "episodes without audio",
        &report(&files, |_| true, episode_without_audio),
    );
}

#[test]
fn real_english_content_writes_umc_one_way() {
    let files = pages(&common::repo());
    assert_none(
        "UMC forms",
        &report(&files, is_english, |_, t| umc_forms(t)),
    );
}

#[test]
fn real_dutch_content_says_je_not_u() {
    let files = with_theme_strings(&common::repo());
    assert_none(
        "form of address",
        &report(&files, |p| !is_english(p), |_, t| formal_address(t)),
    );
}

#[test]
fn real_footer_links_privacy_and_accessibility_in_both_languages() {
    let site = std::fs::read_to_string(common::repo().join("site.yaml")).unwrap();
    assert_none("footer", &footer_problems(&site));
}

// ---- each rule, both ways ---------------------------------------------------------------------

#[test]
fn rules_source_talk() {
    assert_eq!(
        source_talk("Volgens het Jaarplan 2025 start het project.").len(),
        1
    );
    assert_eq!(source_talk("Wat het jaarplan zegt").len(), 1);
    assert_eq!(source_talk("De jaarplannen zeggen niet wanneer.").len(), 1);
    assert_eq!(source_talk("Het Jaarplan 2025 zegt dat").len(), 1);
    assert_eq!(
        source_talk("According to the Annual Plan 2025, the fund").len(),
        1
    );
    assert_eq!(source_talk("The annual plans do not say when.").len(), 1);
    assert_eq!(
        source_talk("x\nThe year plan says so.")
            .first()
            .map(|h| h.line),
        Some(2)
    );
    assert!(source_talk("In 2025 start SoFoKleS een nieuw project.").is_empty());
    assert!(source_talk("Lees het jaarverslag 2024 (pdf).").is_empty());
    assert!(source_talk("In 2025 the fund plans two episodes.").is_empty());
}

#[test]
fn rules_placeholder_dates() {
    let bad = "---\ntitle: a\ndate: 2025-01-01\n---\nTekst.\n";
    assert_eq!(
        placeholder_dates(bad),
        vec![hit(3, placeholder_dates(bad)[0].what.clone())]
    );
    let period = "---\ntitle: a\nstatus: lopend\nperiod: {start: 2024-01-01, end: 2025-06}\n---\n";
    assert_eq!(placeholder_dates(period).len(), 1);
    for good in [
        "---\ntitle: a\ndate: 2025\n---\n",
        "---\ntitle: a\ndate: 2025-01\n---\n",
        "---\ntitle: a\ndate: 2025-01-02\n---\n",
        "---\ntitle: a\ndate: 2025-01-01\nexact_date: true\n---\n",
        "---\ntitle: a\nperiod: {start: 2024, end: 2025-12-31}\n---\n",
    ] {
        assert!(placeholder_dates(good).is_empty(), "{good}");
    }
}

#[test]
fn rules_episode_without_audio() {
    let ep = Path::new("content/podcasts/reeks/aflevering-1.md");
    let bare = "---\ntitle: a\ndate: 2025\nepisode: 1\n---\n";
    assert_eq!(episode_without_audio(ep, bare).len(), 1);
    assert_eq!(episode_without_audio(ep, bare)[0].line, 4);
    let draft = "---\ntitle: a\nepisode: 1\ndraft: true\n---\n";
    let audio = "---\ntitle: a\nepisode: 1\naudio: /audio/a.mp3\n---\n";
    assert!(episode_without_audio(ep, draft).is_empty());
    assert!(episode_without_audio(ep, audio).is_empty());
    // The series page and the English file are not where audio is set.
    assert!(episode_without_audio(Path::new("content/podcasts/reeks/_index.md"), bare).is_empty());
    assert!(
        episode_without_audio(Path::new("content/podcasts/reeks/aflevering-1.en.md"), bare)
            .is_empty()
    );
    assert!(episode_without_audio(Path::new("content/nieuws/x.md"), bare).is_empty());
}

#[test]
fn rules_umc_forms() {
    assert_eq!(
        umc_forms("---\ntitle: a\n---\nIn umc's and UMCs.\n").len(),
        1
    );
    assert_eq!(umc_forms("---\ntitle: Work in UMC’s\n---\n").len(), 1);
    assert_eq!(
        umc_forms("---\ntitle: a\n---\nthe umcs and the umc\n").len(),
        2
    );
    assert!(umc_forms("---\ntitle: The Cao umc app\n---\n").is_empty());
    let good = "---\ntitle: a\nsectors: [umc]\nthemes:\n  - umc\n---\nEvery UMC and all UMCs; see [the sector](@/sectoren/umc.md) or https://x.nl/umc.\n";
    assert!(umc_forms(good).is_empty(), "{:?}", umc_forms(good));
}

#[test]
fn rules_formal_address() {
    assert_eq!(
        formal_address("---\ntitle: a\n---\nHeeft u een vraag?\n")[0].line,
        4
    );
    assert_eq!(
        formal_address("---\ndescription: \"Uw werkgever\"\n---\n").len(),
        1
    );
    assert_eq!(
        formal_address("not_found: \"De pagina die u zoekt\"\n").len(),
        1
    );
    let good = "---\ntitle: a\nimage: /u/x.png\n---\nHeb je een vraag? Neem contact op via [de site](https://x.nl/u/). Een U-bocht, uur en jouw werk.\n";
    assert!(
        formal_address(good).is_empty(),
        "{:?}",
        formal_address(good)
    );
}

#[test]
fn rules_footer() {
    let good = "languages:\n  nl:\n    footer:\n      - { title: Privacy, link: \"@/privacy.md\" }\n      - { title: Toegankelijkheid, link: \"@/toegankelijkheid.md\" }\n  en:\n    footer:\n      - { title: Privacy, link: \"@/privacy.md\" }\n      - { title: Accessibility, link: \"@/toegankelijkheid.md\" }\n";
    assert!(
        footer_problems(good).is_empty(),
        "{:?}",
        footer_problems(good)
    );
    let bad = "languages:\n  nl:\n    footer:\n      - { title: Contact, link: \"@/contact.md\" }\n  en:\n    footer:\n      - { title: Privacy, link: \"@/privacy.md\" }\n";
    let p = footer_problems(bad);
    assert_eq!(p.len(), 3, "{p:?}");
    assert!(p[0].starts_with("nl:") && p[2].starts_with("en:"), "{p:?}");
}

/// A tiny site that follows every rule passes all of them; the same site with one mistake per rule fails
/// each, naming the file and line.
#[test]
fn rules_on_a_tiny_fixture_site() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |rel: &str, text: &str| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "content/README.md",
        "Schrijf nooit \"volgens het jaarplan\"; u leest dit niet op de site.\n",
    );
    write(
        "content/nieuws/start.md",
        "---\ntitle: Start\ndate: 2025\n---\nIn 2025 start het fonds een project. Heb je vragen?\n",
    );
    write(
        "content/nieuws/start.en.md",
        "---\ntitle: Start\n---\nIn 2025 the fund starts a project in UMCs.\n",
    );
    write(
        "content/podcasts/reeks/_index.md",
        "---\ntitle: Reeks\n---\nOver de reeks.\n",
    );
    write(
        "content/podcasts/reeks/aflevering-1.md",
        "---\ntitle: Een\ndate: 2025-06\nepisode: 1\ndraft: true\n---\nBinnenkort.\n",
    );
    let all = |root: &Path| {
        let files = pages(root);
        [
            report(&files, |_| true, |_, t| source_talk(t)),
            report(&files, |_| true, |_, t| placeholder_dates(t)),
            report(&files, |_| true, episode_without_audio),
            report(&files, is_english, |_, t| umc_forms(t)),
            report(&files, |p| !is_english(p), |_, t| formal_address(t)),
        ]
    };
    for problems in all(root) {
        assert!(problems.is_empty(), "{problems:?}");
    }
    write(
        "content/nieuws/start.md",
        "---\ntitle: Start\ndate: 2025-01-01\n---\nVolgens het Jaarplan 2025 start het fonds. Heeft u vragen?\n",
    );
    write(
        "content/nieuws/start.en.md",
        "---\ntitle: Start\n---\nThe fund starts a project in umc's.\n",
    );
    write(
        "content/podcasts/reeks/aflevering-1.md",
        "---\ntitle: Een\ndate: 2025-06\nepisode: 1\n---\nBinnenkort.\n",
    );
    let found = all(root);
    let expect = [
        "content/nieuws/start.md:5: talks about the source",
        "content/nieuws/start.md:3: `date` on 1 January",
        "content/podcasts/reeks/aflevering-1.md:4: published episode without `audio`",
        "content/nieuws/start.en.md:4: `umc's`",
        "content/nieuws/start.md:5: `u`",
    ];
    for (problems, want) in found.iter().zip(expect) {
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].replace('\\', "/").starts_with(want),
            "{problems:?} should start with {want}"
        );
    }
}
