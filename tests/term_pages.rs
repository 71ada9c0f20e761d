//! Theme and sector pages: per type the first few items in the order a visitor expects, a true "all N"
//! link, and paginated listings of all of them in both languages; and the `pages()` template function.

mod common;
use common::{SITE_YAML, TestSite, stderr};

/// The fixture site with six more workload projects (four translated), showing 3 items per type on a
/// term page. Pages hold 2 items (SITE_YAML's page_size).
fn site() -> TestSite {
    let site = TestSite::basic();
    site.write("site.yaml", &format!("{SITE_YAML}  term_items: 3\n"));
    for (id, status, period, en) in [
        ("werk-a", "lopend", "period: {end: 2023}", true),
        ("werk-b", "lopend", "period: \"2024 – begin 2026\"", true),
        ("werk-c", "gepland", "", true),
        (
            "werk-d",
            "afgerond",
            "period: {start: 2023-01, end: 2024-06}",
            true,
        ),
        ("werk-e", "onbekend", "", false),
        ("werk-f", "afgerond", "period: \"2020-2021\"", false),
    ] {
        let letter = id.trim_start_matches("werk-").to_uppercase();
        site.write(
            &format!("content/projecten/{id}.md"),
            &format!(
                "---\ntitle: \"Werk {letter}\"\nthemes: [werkdruk]\nsectors: [wo]\nstatus: {status}\n{period}\n---\nTekst.\n"
            ),
        );
        if en {
            site.write(
                &format!("content/projecten/{id}.en.md"),
                &format!(
                    "---\ntitle: \"Work {letter}\"\nslug: work-{}\n---\nText.\n",
                    letter.to_lowercase()
                ),
            );
        }
    }
    site
}

/// The titles of the cards on a page, in order.
fn cards(html: &str) -> Vec<String> {
    html.split("<h3 class=\"card-title\"><a href=\"")
        .skip(1)
        .map(|s| {
            let s = &s[s.find('>').unwrap() + 1..];
            s[..s.find('<').unwrap()].to_string()
        })
        .collect()
}

/// The cards of one group (`<section ... aria-labelledby="projecten">`) of a term page.
fn group(html: &str, section: &str) -> String {
    let start = html
        .find(&format!("aria-labelledby=\"{section}\""))
        .unwrap_or_else(|| panic!("no group {section}"));
    let rest = &html[start..];
    rest[..rest.find("</section>").unwrap()].to_string()
}

#[test]
fn term_pages_show_the_first_items_in_order_and_link_to_all_of_them() {
    let site = site();
    site.build_ok();
    // Running newest first (a period's end, or the latest year in its text), then planned, then finished
    // newest first with the undated last, then unknown.
    let all_nl = [
        "Werk B",
        "FLOW, haalbaarheidsverkenning",
        "Werk A",
        "Werk C",
        "Werk D",
        "Werk F",
        "Regie op het rooster",
        "Werk E",
    ];
    let term = site.public("themas/werkdruk/index.html");
    let projects = group(&term, "projecten");
    assert_eq!(cards(&projects), all_nl[..3]);
    assert!(
        projects
            .contains("href=\"/themas/werkdruk/projecten/\">Alle 8 projecten over Werkdruk</a>"),
        "{projects}"
    );
    assert!(term.contains("Projecten <span class=\"count\">(8)</span>"));
    // One news item: shown whole, no link and no listing.
    let news = group(&term, "nieuws");
    assert_eq!(cards(&news), ["Start van FLOW"]);
    assert!(!news.contains("Alle "), "{news}");
    assert!(!site.exists("themas/werkdruk/nieuws/index.html"));

    // The listing of all eight: four pages of two, together every project once, in the same order.
    let pages = [
        "themas/werkdruk/projecten/index.html",
        "themas/werkdruk/projecten/pagina/2/index.html",
        "themas/werkdruk/projecten/pagina/3/index.html",
        "themas/werkdruk/projecten/pagina/4/index.html",
    ];
    let listed: Vec<String> = pages.iter().flat_map(|p| cards(&site.public(p))).collect();
    assert_eq!(listed, all_nl);
    assert!(!site.exists("themas/werkdruk/projecten/pagina/5/index.html"));
    let p2 = site.public(pages[1]);
    assert!(
        p2.contains("<title>Projecten over Werkdruk, pagina 2 van 4 | Testfonds</title>"),
        "{p2}"
    );
    assert!(p2.contains("rel=\"prev\""), "page 2 links back");
    assert!(
        p2.contains("href=\"/themas/werkdruk/\">Werkdruk</a>"),
        "breadcrumb to the theme"
    );
    // Its counterpart: the English listing's page 2 (English has six, so three pages).
    assert!(
        p2.contains("class=\"lang-switch\" href=\"/en/themes/workload/projects/page/2/\""),
        "{p2}"
    );

    // English: the six translated projects, in the same order.
    let en_term = site.public("en/themes/workload/index.html");
    let en_projects = group(&en_term, "projecten");
    assert_eq!(
        cards(&en_projects),
        ["Work B", "FLOW, feasibility study", "Work A"]
    );
    assert!(
        en_projects
            .contains("href=\"/en/themes/workload/projects/\">All 6 projects on Workload</a>"),
        "{en_projects}"
    );
    let en: Vec<String> = [
        "en/themes/workload/projects/index.html",
        "en/themes/workload/projects/page/2/index.html",
        "en/themes/workload/projects/page/3/index.html",
    ]
    .iter()
    .flat_map(|p| cards(&site.public(p)))
    .collect();
    assert_eq!(
        en,
        [
            "Work B",
            "FLOW, feasibility study",
            "Work A",
            "Work C",
            "Work D",
            "Control over the roster"
        ]
    );
    assert!(!site.exists("en/themes/workload/projects/page/4/index.html"));
    let en1 = site.public("en/themes/workload/projects/index.html");
    assert!(en1.contains("<title>Projects on Workload | Test fund</title>"));
    assert!(en1.contains("class=\"lang-switch\" href=\"/themas/werkdruk/projecten/\""));
    assert!(
        en1.contains("hreflang=\"nl\" href=\"https://example.org/themas/werkdruk/projecten/\"")
    );
    // Dutch page 4 has no English page 4: the switch leads to the English listing's first page, and
    // hreflang names no English page (none lists the same).
    let p4 = site.public(pages[3]);
    assert!(p4.contains("class=\"lang-switch\" href=\"/en/themes/workload/projects/\""));
    assert!(!p4.contains("hreflang=\"en\" href="), "{p4}");
    assert!(p2.contains(
        "hreflang=\"en\" href=\"https://example.org/en/themes/workload/projects/page/2/\""
    ));

    // Sectors too: eight projects at the universities (the six, FLOW and the planned one).
    let wo = site.public("sectoren/wo/index.html");
    assert!(
        wo.contains("href=\"/sectoren/wo/projecten/\">Alle 8 projecten voor "),
        "{wo}"
    );
    assert!(site.exists("sectoren/wo/projecten/pagina/4/index.html"));

    // The sitemap lists each listing's first page with its counterpart.
    let sitemap = site.public("sitemap.xml");
    let entry = sitemap
        .split("<url>")
        .find(|u| u.contains("<loc>https://example.org/themas/werkdruk/projecten/</loc>"))
        .expect("the listing is in the sitemap");
    assert!(
        entry.contains("hreflang=\"en\" href=\"https://example.org/en/themes/workload/projects/\"")
    );
}

#[test]
fn a_term_listing_that_clashes_with_another_output_is_an_error() {
    let site = site();
    // A project whose old address is the listing's address.
    site.write(
        "content/projecten/botsing.md",
        "---\ntitle: Botsing\nstatus: gepland\naliases: [\"/themas/werkdruk/projecten/\"]\n---\nTekst.\n",
    );
    let out = site.build(&[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("the listing of all projecten on content/themas/werkdruk.md"),
        "{err}"
    );
    assert!(err.contains("content/projecten/botsing.md"), "{err}");
}

/// Puts `markup` at the top of page.html's main block (the template of plain pages such as over.md).
fn with_page_template(site: &TestSite, markup: &str) {
    let path = site.path().join("themes/sofokles/templates/page.html");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replacen(
        "{% block main %}\n",
        &format!("{{% block main %}}\n{markup}\n"),
        1,
    );
    std::fs::write(path, text).unwrap();
}

#[test]
fn templates_ask_for_pages_with_pages() {
    let site = site();
    with_page_template(
        &site,
        r#"<ol id="finished">{% for item in pages(section="projecten", theme="werkdruk", status="afgerond", sort="title", limit=2) %}<li>{{ item.title }}</li>{% endfor %}</ol>
<ol id="news-en">{% for item in pages(section="nieuws", sort="date", limit=1, lang="en") %}<li>{{ item.title }}|{{ item.url }}</li>{% endfor %}</ol>
<ol id="wo-running">{% for item in pages(section="projecten", sector="wo", status="lopend", limit=10) %}<li>{{ item.title }}</li>{% endfor %}</ol>"#,
    );
    site.build_ok();
    let over = site.public("over/index.html");
    let list = |id: &str| {
        let start = over.find(&format!("<ol id=\"{id}\">")).unwrap();
        let rest = &over[start..];
        rest[..rest.find("</ol>").unwrap()]
            .split("<li>")
            .skip(1)
            .map(|s| s.trim_end_matches("</li>").to_string())
            .collect::<Vec<_>>()
    };
    // Finished workload projects, A to Z, two of three.
    assert_eq!(list("finished"), ["Regie op het rooster", "Werk D"]);
    // The newest English news item, whatever the page's own language.
    let en_news = list("news-en");
    assert_eq!(en_news.len(), 1);
    assert!(en_news[0].contains("|/en/news/"), "{en_news:?}");
    // Running projects at the universities, in the project listing's order (status, then title).
    assert_eq!(
        list("wo-running"),
        ["FLOW, haalbaarheidsverkenning", "Werk A", "Werk B"]
    );

    // The home page's blocks ask for three each: the fixture has two news items and three running
    // projects (Werk A, Werk B, FLOW), of which it shows three.
    let home = site.public("index.html");
    let block = |id: &str| {
        let start = home.find(&format!("aria-labelledby=\"{id}\"")).unwrap();
        let rest = &home[start..];
        cards(&rest[..rest.find("</section>").unwrap()])
    };
    assert_eq!(block("laatste-nieuws"), ["Start van FLOW", "Oud bericht"]);
    assert_eq!(
        block("lopende-projecten"),
        ["FLOW, haalbaarheidsverkenning", "Werk A", "Werk B"]
    );
}

#[test]
fn mistakes_in_pages_calls_are_template_errors_with_a_suggestion() {
    for (call, want) in [
        (
            r#"pages(section="projecten", limt=2)"#,
            "pages() has no argument `limt`: did you mean `limit`?",
        ),
        (
            r#"pages(section="projekten")"#,
            "there is no section `projekten`: did you mean `projecten`?",
        ),
        (
            r#"pages(section="nieuws", theme="werkdrук")"#,
            "there is no theme `werkdrук`",
        ),
        (
            r#"pages(section="projecten", status="lopnd")"#,
            "there is no status `lopnd` for projecten: did you mean `lopend`?",
        ),
        (
            r#"pages(section="nieuws", status="lopend")"#,
            "`status` is for projecten and handreikingen",
        ),
        (r#"pages(limit=2)"#, "pages() needs a `section`"),
        (
            r#"pages(section="nieuws", sort="datum")"#,
            "there is no sort `datum`",
        ),
    ] {
        let site = site();
        with_page_template(&site, &format!("{{% set x = {call} %}}"));
        let public = site.path().join("public");
        let out = site.build(&[]);
        assert!(!out.status.success(), "{call} should fail");
        let err = stderr(&out);
        assert!(err.contains(want), "{call}: {err}");
        // Named with the template and the line of the call (the block's first line).
        assert!(
            err.contains("themes/sofokles/templates/page.html:3:"),
            "{call}: {err}"
        );
        assert!(!public.exists(), "nothing is written");
    }
}

#[test]
fn term_items_of_zero_is_an_error_on_its_line() {
    let site = TestSite::basic();
    let yaml = format!("{SITE_YAML}  term_items: 0\n");
    let line = yaml.lines().position(|l| l.contains("term_items")).unwrap() + 1;
    site.write("site.yaml", &yaml);
    let out = site.build(&[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("pagination.term_items must be at least 1"),
        "{err}"
    );
    assert!(err.contains(&format!("site.yaml:{line}")), "{err}");
}

/// A section listing's later pages say which page they are, in the title and the heading (issue 12).
#[test]
fn section_listings_say_which_page_they_are() {
    let s = TestSite::basic();
    s.write(
        "content/projecten/extra.en.md",
        "---\ntitle: \"Extra\"\nstandalone: true\nstatus: lopend\n---\nOnly in English.\n",
    );
    s.build_ok();
    let first = s.public("projecten/index.html");
    assert!(
        first.contains("<title>Projecten | "),
        "page 1 keeps its title"
    );
    assert!(first.contains("<h1>Projecten</h1>"));
    let second = s.public("projecten/pagina/2/index.html");
    let total = (1..)
        .take_while(|n| *n == 1 || s.exists(&format!("projecten/pagina/{n}/index.html")))
        .count();
    assert!(total >= 2);
    assert!(
        second.contains(&format!("<title>Projecten, pagina 2 van {total} | ")),
        "{second}"
    );
    assert!(second.contains(&format!("<h1>Projecten, pagina 2 van {total}</h1>")));
    let en = s.public("en/projects/page/2/index.html");
    assert!(en.contains("<h1>Projects, page 2 of "), "{en}");
}
