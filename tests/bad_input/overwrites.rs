//! Issue 16: every output path is claimed once.
//!
//! A file in `content/` or `static/`, a page folder's own `index.html`, or an alias must never silently
//! replace a page, listing, feed, sitemap or 404 page: the build fails naming both sources and leaves
//! `public/` as it was.

use super::*;

/// Puts `rel` in the site with `text`, expects the build to fail naming both `names`, and removes it again.
#[track_caller]
fn clash(c: &Case, rel: &str, text: &str, names: &[&str]) {
    c.write(rel, text);
    let err = c.fails();
    error_at(&err, rel)
        .says(names)
        .says(&["would be written to"])
        .helps(&["rename"]);
    std::fs::remove_file(c.path(rel)).unwrap();
}

#[test]
fn files_in_content_and_static_can_not_replace_generated_ones() {
    let c = Case::new();
    clash(
        &c,
        "content/nieuws/index.html",
        "<p>mine</p>",
        &["nieuws/index.html", "listing of nieuws"],
    );
    clash(
        &c,
        "content/sitemap.xml",
        "<x/>",
        &["sitemap.xml", "sitemap"],
    );
    clash(
        &c,
        "content/404.html",
        "<p>mine</p>",
        &["404.html", "404 page"],
    );
    clash(
        &c,
        "static/index.html",
        "<p>mine</p>",
        &["static/index.html", "index.html"],
    );
    clash(
        &c,
        "static/nieuws/rss.xml",
        "<rss/>",
        &["static/nieuws/rss.xml", "rss feed"],
    );
    // A page folder with an index.html of its own.
    clash(
        &c,
        "content/projecten/flow/index.html",
        "<p>mine</p>",
        &["projecten/flow/index.html", "content/projecten/flow.md"],
    );
    c.works();
}

#[test]
fn an_alias_can_not_replace_the_sitemap_or_a_feed() {
    let c = Case::new();
    let page = c.read("content/nieuws/start.md");
    let with = page.replacen(
        "---\n",
        "---\naliases: [\"/sitemap.xml\", \"/nieuws/rss.xml\"]\n",
        1,
    );
    c.write("content/nieuws/start.md", &with);
    let err = c.fails();
    let found = errors(&err);
    assert_eq!(found.len(), 2, "{err}");
    for (block, name) in found.iter().zip(["rss feed", "sitemap"]) {
        assert!(located_at(block, "content/nieuws/start.md:2"), "{block}");
        assert!(
            block.contains("alias") && block.to_lowercase().contains(name),
            "{block}"
        );
        assert!(
            help_of(block).is_some_and(|h| h.contains("rename")),
            "{block}"
        );
    }
    // Dutch names both too.
    let nl = stderr(&c.s.kennis(&["build", "--lang", "nl"]));
    assert!(
        nl.contains("twee dingen zouden naar sitemap.xml geschreven worden"),
        "{nl}"
    );
    assert!(nl.contains("oude adres (alias) /sitemap.xml"), "{nl}");
}

#[test]
fn files_that_differ_only_in_case_or_accent_encoding_clash() {
    let c = Case::new();
    c.write("static/img/Foto.JPG", "a");
    c.write("static/img/foto.jpg", "b");
    let err = c.fails();
    error_at_any(&err, &["static/img/Foto.JPG", "static/img/foto.jpg"])
        .says(&["upper and lower case"])
        .helps(&["rename"]);
    std::fs::remove_file(c.path("static/img/Foto.JPG")).unwrap();
    c.write("content/nieuws/caf\u{e9}.pdf", "nfc");
    c.write("content/nieuws/cafe\u{301}.pdf", "nfd");
    let err = c.fails();
    assert!(err.contains("accents"), "{err}");
    std::fs::remove_file(c.path("content/nieuws/cafe\u{301}.pdf")).unwrap();
    c.works();
    assert_eq!(c.public("nieuws/caf\u{e9}.pdf"), "nfc");
}

#[test]
fn aliases_with_control_characters_are_refused_where_they_are_written() {
    let c = Case::new();
    let page = c.read("content/nieuws/start.md");
    c.write(
        "content/nieuws/start.md",
        &page.replacen("---\n", "---\naliases: [\"/oud\\0adres/\"]\n", 1),
    );
    let err = c.fails();
    error_at(&err, "content/nieuws/start.md:2")
        .says(&["control character"])
        .helps(&["remove"]);
    let nl = stderr(&c.s.kennis(&["build", "--lang", "nl"]));
    assert!(nl.contains("stuurteken"), "{nl}");
}

#[test]
fn an_image_must_be_a_site_path_or_a_web_address() {
    let c = Case::new();
    for bad in [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "//evil.example/x.png",
    ] {
        let page = c.read("content/nieuws/start.md");
        c.write(
            "content/nieuws/start.md",
            &page.replacen(
                "---\n",
                &format!("---\nimage: \"{bad}\"\nimage_alt: \"x\"\n"),
                1,
            ),
        );
        let err = c.fails();
        error_at(&err, "content/nieuws/start.md:2")
            .says(&["image", bad])
            .helps(&["/images/"]);
        c.write("content/nieuws/start.md", &page);
    }
}

#[test]
fn a_section_page_size_of_zero_is_an_error_not_one() {
    let c = Case::new();
    c.write(
        "site.yaml",
        &common::SITE_YAML.replace(
            "  page_size: 2\n",
            "  page_size: 2\n  sections:\n    nieuws: 0\n",
        ),
    );
    let err = c.fails();
    let line = common::SITE_YAML.lines().count() + 2;
    error_at(&err, &format!("site.yaml:{line}"))
        .says(&["pagination.sections.nieuws", "at least 1"])
        .helps(&["nieuws: 10"]);
}
