//! `kennis check`: every problem in the rendered site, grouped by file, nothing written.

mod common;
use common::{TestSite, stderr};
use std::io::{Read, Write};

fn check(s: &TestSite, extra: &[&str]) -> (bool, String) {
    let mut args = vec!["check"];
    args.extend_from_slice(extra);
    let out = s.kennis(&args);
    (
        out.status.success(),
        format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out)),
    )
}

#[test]
fn a_clean_site_passes_and_nothing_is_written() {
    let s = TestSite::basic();
    let (ok, out) = check(&s, &[]);
    assert!(ok, "{out}");
    assert!(out.contains("Checked") && out.contains("0 errors"), "{out}");
    assert!(!s.path().join("public").exists(), "check writes nothing");
}

#[test]
fn rendered_links_and_files_are_checked() {
    let s = TestSite::basic();
    s.write("content/nieuws/links.md", "---\ntitle: Links\ndate: 2025-01-01\n---\nZie [rooster](@/projecten/rooster.md#doel).\n\n![Een grafiek](/img/ontbreekt.png)\n\n[kapot](/nergens/)\n");
    s.write(
        "content/nieuws/links.en.md",
        "---\ntitle: Links\n---\nText.\n",
    );
    let (ok, out) = check(&s, &[]);
    assert!(!ok, "{out}");
    assert!(
        !out.contains("#doel"),
        "an anchor that exists is fine: {out}"
    );
    assert!(
        out.contains("content/nieuws/links.md:7:") && out.contains("/img/ontbreekt.png"),
        "{out}"
    );
    assert!(
        out.contains("content/nieuws/links.md:9:") && out.contains("/nergens/"),
        "{out}"
    );
    assert!(
        out.contains("== content/nieuws/links.md"),
        "grouped by file: {out}"
    );
}

#[test]
fn broken_anchors_are_errors() {
    let s = TestSite::basic();
    s.write("content/nieuws/links.md", "---\ntitle: Links\ndate: 2025-01-01\n---\nZie [rooster](@/projecten/rooster.md#bestaat-niet).\n");
    s.write(
        "content/nieuws/links.en.md",
        "---\ntitle: Links\n---\nText.\n",
    );
    let (ok, out) = check(&s, &[]);
    assert!(!ok, "{out}");
    assert!(
        out.contains("content/nieuws/links.md:5:15")
            && out.contains("#bestaat-niet, which is not a heading"),
        "{out}"
    );
    assert!(out.contains("its headings are: doel"), "{out}");
}

#[test]
fn a_broken_template_link_is_reported_once() {
    let s = TestSite::basic();
    let base = s.path().join("themes/sofokles/templates/base.html");
    let text = std::fs::read_to_string(&base)
        .unwrap()
        .replace("</footer>", "<a href=\"/verdwenen/\">Weg</a></footer>");
    std::fs::write(&base, text).unwrap();
    let (ok, out) = check(&s, &[]);
    assert!(!ok);
    assert_eq!(out.matches("/verdwenen/").count(), 1, "{out}");
    assert!(
        out.contains("a template or menu links to /verdwenen/"),
        "{out}"
    );
}

#[test]
fn accessibility_lint() {
    let s = TestSite::basic();
    s.write(
        "content/nieuws/toegankelijk.md",
        "---\ntitle: Toegankelijk\ndate: 2025-01-01\n---\n## Deel\n\n#### Te diep\n\n<img src=\"/downloads/gids.pdf\">\n\n[](/nieuws/)\n\nLees [klik hier](/nieuws/).\n",
    );
    s.write(
        "content/nieuws/toegankelijk.en.md",
        "---\ntitle: Accessible\n---\nText.\n",
    );
    let (ok, out) = check(&s, &[]);
    assert!(!ok, "{out}");
    assert!(
        out.contains("content/nieuws/toegankelijk.md:7:") && out.contains("heading level skipped"),
        "{out}"
    );
    assert!(out.contains("has no alt text"), "{out}");
    assert!(out.contains("has no text"), "{out}");
    assert!(
        out.contains("warning: the link text \"klik hier\""),
        "{out}"
    );
}

#[test]
fn ui_strings_and_translations() {
    let s = TestSite::basic();
    let en = s.path().join("themes/sofokles/i18n/en.yaml");
    let text = std::fs::read_to_string(&en).unwrap();
    std::fs::write(&en, format!("{text}ongebruikt: \"never used\"\n")).unwrap();
    let nl = s.path().join("themes/sofokles/i18n/nl.yaml");
    let text = std::fs::read_to_string(&nl).unwrap();
    std::fs::write(&nl, format!("{text}alleen_nl: \"x\"\n")).unwrap();
    s.write("content/nieuws/oud.md", "---\ntitle: Oud bericht\ndate: 2023-01-15\nupdated: 2025-03-01\nthemes: [dialoog]\n---\nOud.\n");
    let (ok, out) = check(&s, &[]);
    assert!(!ok, "missing UI string is an error: {out}");
    assert!(
        out.contains("the UI string `alleen_nl` is missing in en"),
        "{out}"
    );
    assert!(
        out.contains("the UI string `ongebruikt` is not used"),
        "{out}"
    );
    assert!(
        out.contains("content/nieuws/oud.en.md") && out.contains("translation may be out of date"),
        "{out}"
    );
    assert!(
        out.contains("projecten: 1 page(s) without an English translation"),
        "{out}"
    );
}

/// A tiny web server on 127.0.0.1 that answers each request (its head) with the status `answer` gives,
/// and a short page for GET; returns its port.
fn web_server(answer: fn(&str) -> &'static str) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(16) {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 1024];
            let n = stream.read(&mut buf).unwrap_or(0);
            let req = String::from_utf8_lossy(&buf[..n]);
            let status = answer(&req);
            let body = if req.starts_with("HEAD ") {
                ""
            } else {
                "<html>hallo</html>"
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    port
}

#[test]
fn external_links_are_checked_only_when_asked() {
    let port = web_server(|req| {
        if req.contains("/ok") {
            "200 OK"
        } else {
            "404 Not Found"
        }
    });
    let s = TestSite::basic();
    s.write("content/nieuws/extern.md", &format!("---\ntitle: Extern\ndate: 2025-01-01\n---\n[goed](http://127.0.0.1:{port}/ok) en [weg](http://127.0.0.1:{port}/missing)\n"));
    s.write(
        "content/nieuws/extern.en.md",
        "---\ntitle: External\n---\nText.\n",
    );
    let (_, without) = check(&s, &[]);
    assert!(
        !without.contains("/missing"),
        "offline by default: {without}"
    );
    let (_, with) = check(&s, &["--external"]);
    assert!(
        with.contains(&format!(
            "the external link http://127.0.0.1:{port}/missing answers 404"
        )),
        "{with}"
    );
    assert!(!with.contains("/ok answers"), "{with}");
}

#[test]
fn external_links_refusing_head_are_tried_with_get() {
    // A server like many real ones: HEAD is refused (405 or 403), GET answers.
    let port = web_server(|req| {
        let head = req.starts_with("HEAD ");
        match (head, req.contains("/gone")) {
            (true, _) if req.contains("/forbidden-head") => "403 Forbidden",
            (true, _) => "405 Method Not Allowed",
            (false, true) => "404 Not Found",
            (false, false) => "200 OK",
        }
    });
    let s = TestSite::basic();
    s.write("content/nieuws/extern.md", &format!("---\ntitle: Extern\ndate: 2025-01-01\n---\n[a](http://127.0.0.1:{port}/no-head), [b](http://127.0.0.1:{port}/forbidden-head) en [c](http://127.0.0.1:{port}/gone)\n"));
    s.write(
        "content/nieuws/extern.en.md",
        "---\ntitle: External\n---\nText.\n",
    );
    let (_, out) = check(&s, &["--external"]);
    for path in ["/no-head", "/forbidden-head"] {
        assert!(
            !out.contains(&format!("link http://127.0.0.1:{port}{path} ")),
            "GET answers 200: {out}"
        );
    }
    assert!(
        out.contains(&format!(
            "the external link http://127.0.0.1:{port}/gone answers 404"
        )),
        "GET fails too: {out}"
    );
}
