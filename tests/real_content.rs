//! The fund's real content under `content/` builds cleanly and is complete in both languages.

mod common;
use std::process::Command;

#[test]
fn the_real_site_builds_complete_and_bilingual() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_kennis"))
        .args(["build", "--lang", "en", "--root"])
        .arg(common::repo())
        .arg("--output")
        .arg(out_dir.path().join("public"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    // No warnings at all: every page has its translation.
    assert!(!stderr.contains("warning"), "{stderr}");
    for lang in ["nl", "en"] {
        let part = stdout
            .split(&format!("{lang}: "))
            .nth(1)
            .unwrap()
            .split(';')
            .next()
            .unwrap();
        assert!(part.contains("67 project"), "{lang}: {part}");
        assert!(part.contains("12 theme"), "{lang}: {part}");
        assert!(part.contains("4 sector"), "{lang}: {part}");
        assert!(part.contains("1 series"), "{lang}: {part}");
        // Episodes without audio become drafts (issue 14; tests/content_rules.rs holds that rule): count
        // what is not a draft rather than a fixed number.
        let episodes = match published_episodes() {
            0 => !part.contains(" episode"),
            n => part.contains(&format!("{n} episode")),
        };
        assert!(episodes, "{lang}: {part}");
        let news = count_of(part, "news");
        assert!(news >= 20, "{lang}: {news} news items");
        let guides = count_of(part, "guide");
        assert!(guides >= 10, "{lang}: {guides} guides");
    }
    let public = out_dir.path().join("public");
    for page in [
        "handreikingen/de-or-en-de-dialoog-over-duurzame-inzetbaarheid/index.html",
        "en/guides/works-council-and-the-dialogue-on-sustainable-employability/index.html",
        "themas/werkdruk/index.html",
        "en/themes/workload/index.html",
        "podcasts/hete-hangijzers/index.html",
        "en/podcasts/hot-issues/index.html",
        "over-sofokles/index.html",
        "en/about/index.html",
        "project/dialoog-duurzame-inzetbaarheid/index.html",
    ] {
        assert!(public.join(page).exists(), "missing {page}");
    }
    // The works-council guide carries its tools with their exact URLs and its quotes as pull quotes.
    let guide = std::fs::read_to_string(
        public.join("handreikingen/de-or-en-de-dialoog-over-duurzame-inzetbaarheid/index.html"),
    )
    .unwrap();
    assert!(guide.contains(
        "https://sofokles.dialoogoverdi.nl/items/gesprekskaart-als-leidraad-voor-dialoog/"
    ));
    assert!(guide.contains("class=\"pull-quote\""));
    for word in ["mee-weten", "mee-praten", "mee-denken", "mee-doen"] {
        assert!(guide.to_lowercase().contains(word), "{word}");
    }
}

/// Dutch episode files that are not drafts: the episodes the build must publish.
fn published_episodes() -> usize {
    walkdir::WalkDir::new(common::repo().join("content/podcasts"))
        .min_depth(2)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            name.ends_with(".md") && !name.ends_with(".en.md") && name != "_index.md"
        })
        .filter(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap();
            !text.contains("\ndraft: true")
        })
        .count()
}

/// The listing filters count from the search index; each theme's and sector's count of projects there must
/// be the number of projects that term's own page lists (the two are computed by different code).
#[test]
fn project_filter_counts_match_the_term_pages() {
    let out_dir = tempfile::tempdir().unwrap();
    let public = out_dir.path().join("public");
    common::build_real_site(&public);
    let read = |rel: &str| std::fs::read_to_string(public.join(rel)).unwrap();
    let pages = common::search_fragments(&public);
    let values = |v: &serde_json::Value, key: &str| -> Vec<String> {
        v["filters"][key]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut checked = 0;
    for (url, (_, term)) in &pages {
        let types = values(term, "type");
        let key = match types.first().map(String::as_str) {
            Some("Thema" | "Theme") => "theme",
            Some("Sector") => "sector",
            _ => continue,
        };
        let title = term["meta"]["title"].as_str().unwrap();
        let in_index = pages
            .iter()
            .filter(|(u, (_, p))| {
                u.starts_with("/en/") == url.starts_with("/en/")
                    && values(p, "type") == ["Project"]
                    && values(p, key).iter().any(|t| t == title)
            })
            .count();
        let html = read(&format!("{}index.html", url.trim_start_matches('/')));
        let marker = "href=\"#projecten\"";
        let on_page = html.find(marker).map(|i| {
            let rest = &html[i..];
            let rest = &rest[rest.find("class=\"count\">(").unwrap() + 15..];
            rest[..rest.find(')').unwrap()].parse::<usize>().unwrap()
        });
        assert_eq!(in_index, on_page.unwrap_or(0), "{url} ({title})");
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} themes and sectors checked");
}

/// The number before `kind` in a summary part such as `152 pages (31 guide, 32 news, ...)`.
fn count_of(part: &str, kind: &str) -> usize {
    part.split(&format!(" {kind}"))
        .next()
        .and_then(|before| before.rsplit([' ', '(']).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count of {kind} in {part}"))
}
