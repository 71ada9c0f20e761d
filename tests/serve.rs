//! `kennis serve` end to end: edits reach the browser, errors show an overlay, paths stay inside the site.

mod common;
use common::TestSite;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &TestSite) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kennis"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    let port = line
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {line:?}"));
    std::thread::spawn(move || for _ in out.lines() {});
    Server { child, port }
}

/// (status, body) of a GET.
fn get(port: u16, path: &str) -> (u16, String) {
    let r = request(port, "GET", path, "localhost");
    let body = r
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status_of(&r), body)
}

/// Subscribes to the reload channel; yields event names with their data.
fn events(port: u16) -> mpsc::Receiver<(String, String)> {
    let (tx, rx) = mpsc::channel();
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET /__kennis/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    std::thread::spawn(move || {
        let mut event = String::new();
        for line in BufReader::new(s).lines() {
            let Ok(line) = line else { break };
            if let Some(e) = line.strip_prefix("event: ") {
                event = e.to_string();
            } else if let Some(d) = line
                .strip_prefix("data: ")
                .or_else(|| line.strip_prefix("data:"))
                && tx.send((event.clone(), d.to_string())).is_err()
            {
                break;
            }
        }
    });
    std::thread::sleep(Duration::from_millis(200));
    rx
}

/// Polls until `cond` holds (a save may reach the server as more than one file event).
fn eventually(what: &str, mut cond: impl FnMut() -> bool) {
    let t = Instant::now();
    while t.elapsed() < Duration::from_secs(15) {
        if cond() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for: {what}");
}

fn drain(rx: &mpsc::Receiver<(String, String)>) {
    std::thread::sleep(Duration::from_millis(400));
    while rx.try_recv().is_ok() {}
}

/// Replaces `from` by `to` in a file and waits for the reload that follows.
fn edit_expecting_reload(
    site: &TestSite,
    rx: &mpsc::Receiver<(String, String)>,
    rel: &str,
    from: &str,
    to: &str,
) {
    let text = std::fs::read_to_string(site.path().join(rel)).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    site.write(rel, &text.replace(from, to));
    let (e, data, _) = next_event(rx);
    assert_eq!(e, "reload", "{data}");
}

fn next_event(rx: &mpsc::Receiver<(String, String)>) -> (String, String, Duration) {
    let t = Instant::now();
    let (e, d) = rx
        .recv_timeout(Duration::from_secs(15))
        .expect("no event from the server");
    (e, d, t.elapsed())
}

#[test]
fn serve_reloads_on_edits_and_shows_errors() {
    let site = TestSite::basic();
    let server = start(&site);
    let port = server.port;
    let (status, home) = get(port, "/");
    assert_eq!(status, 200);
    assert!(home.contains("/__kennis/live.js"), "reload client injected");
    assert!(
        !site.path().join("public").exists(),
        "serve never writes public/"
    );
    let rx = events(port);

    // Edit a page: reload, and the new title is on the page, its theme page and its section listing.
    edit_expecting_reload(
        &site,
        &rx,
        "content/nieuws/start.md",
        "Start van FLOW",
        "FLOW is gestart",
    );
    eventually("edited page", || {
        get(port, "/nieuws/start/").1.contains("FLOW is gestart")
    });
    assert!(get(port, "/themas/werkdruk/").1.contains("FLOW is gestart"));
    assert!(get(port, "/nieuws/").1.contains("FLOW is gestart"));

    // Add and delete a page: listings follow.
    drain(&rx);
    site.write(
        "content/nieuws/nieuw.md",
        "---\ntitle: Gloednieuw bericht\ndate: 2025-06-01\nthemes: [werkdruk]\n---\nTekst.\n",
    );
    assert_eq!(next_event(&rx).0, "reload");
    eventually("new page in the listing", || {
        get(port, "/nieuws/").1.contains("Gloednieuw bericht")
    });
    assert!(
        get(port, "/themas/werkdruk/")
            .1
            .contains("Gloednieuw bericht")
    );
    drain(&rx);
    site.remove("content/nieuws/nieuw.md");
    assert_eq!(next_event(&rx).0, "reload");
    eventually("deleted page gone from the listing", || {
        !get(port, "/nieuws/").1.contains("Gloednieuw bericht")
    });
    assert_eq!(get(port, "/nieuws/nieuw/").0, 404);

    // CSS only: a css event, no reload.
    drain(&rx);
    let css = site.path().join("themes/sofokles/static/css/site.css");
    let mut text = std::fs::read_to_string(&css).unwrap();
    text.push_str("\n.test-only{color:red}\n");
    std::fs::write(&css, text).unwrap();
    let (e, data, _) = next_event(&rx);
    assert_eq!(e, "css", "{data}");
    assert!(data.contains("/css/site.css"));
    assert!(get(port, "/css/site.css").1.contains(".test-only"));

    // Broken front matter: an error event; the old page is still served, with the overlay.
    drain(&rx);
    site.write(
        "content/nieuws/start.md",
        "---\ntitle: \"FLOW\ndate: 2025-04-01\n---\n",
    );
    let (e, data, _) = next_event(&rx);
    assert_eq!(e, "error");
    assert!(data.contains("content/nieuws/start.md"), "{data}");
    let (status, page) = get(port, "/nieuws/start/");
    assert_eq!(status, 200);
    assert!(
        page.contains("FLOW is gestart"),
        "last good version still served"
    );
    assert!(page.contains("kennis-error-overlay") && page.contains("content/nieuws/start.md"));
    assert!(page.contains("De site kon niet opnieuw worden gebouwd"));
    assert!(
        get(port, "/en/")
            .1
            .contains("The site could not be rebuilt"),
        "English overlay on English pages"
    );

    // Fixed: reload, overlay gone.
    drain(&rx);
    site.write(
        "content/nieuws/start.md",
        "---\ntitle: \"FLOW hersteld\"\ndate: 2025-04-01\nthemes: [werkdruk]\n---\nWeer goed.\n",
    );
    assert_eq!(next_event(&rx).0, "reload");
    eventually("fixed page served", || {
        get(port, "/nieuws/start/").1.contains("FLOW hersteld")
    });
    let page = get(port, "/nieuws/start/").1;
    assert!(!page.contains("kennis-error-overlay"));

    // Nothing outside the site.
    assert_eq!(get(port, "/../site.yaml").0, 400);
    assert_eq!(get(port, "/%2e%2e/site.yaml").0, 400);
    assert_eq!(get(port, "/..%2f..%2fetc/passwd").0, 400);
    let (status, body) = get(port, "/bestaat-niet/");
    assert_eq!(status, 404);
    assert!(
        body.contains("Pagina niet gevonden"),
        "the site's own 404 page"
    );
}

/// The raw response to one request.
fn request(port: u16, method: &str, path: &str, host: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut buf = String::new();
    s.read_to_string(&mut buf).unwrap();
    buf
}

fn status_of(response: &str) -> u16 {
    response
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

fn header<'a>(response: &'a str, name: &str) -> Option<&'a str> {
    let head = response.split("\r\n\r\n").next()?;
    head.lines().skip(1).find_map(|l| {
        let (n, v) = l.split_once(':')?;
        n.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

#[test]
fn serve_answers_only_local_hosts_and_only_reads() {
    let site = TestSite::basic();
    let server = start(&site);
    let port = server.port;
    for host in [
        "localhost".to_string(),
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        "127.0.0.1".to_string(),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(status_of(&request(port, "GET", "/", &host)), 200, "{host}");
    }
    // DNS rebinding: a page on another site reaching the preview under its own name.
    for host in [
        "evil.example",
        &format!("evil.example:{port}"),
        "localhost.evil.example",
    ] {
        let r = request(port, "GET", "/", host);
        assert_eq!(status_of(&r), 421, "{host}: {r}");
        assert!(r.contains("localhost") && !r.contains("<html"), "{r}");
    }
    assert_eq!(
        status_of(&request(port, "GET", "/__kennis/events", "evil.example")),
        421
    );

    // Read-only.
    for method in ["POST", "PUT", "DELETE", "TRACE", "PATCH", "OPTIONS"] {
        for path in ["/", "/nieuws/", "/__kennis/events"] {
            let r = request(port, method, path, "localhost");
            assert_eq!(status_of(&r), 405, "{method} {path}: {r}");
            assert_eq!(
                header(&r, "allow"),
                Some("GET, HEAD"),
                "{method} {path}: {r}"
            );
        }
    }
    let head = request(port, "HEAD", "/", "localhost");
    assert_eq!(status_of(&head), 200, "{head}");

    // Folder redirects stay on this host: `//projecten` is not the host `projecten`.
    for (path, to) in [
        ("/projecten", "/projecten/"),
        ("//projecten", "/projecten/"),
        ("///projecten", "/projecten/"),
        ("//en//projects", "/en/projects/"),
    ] {
        let r = request(port, "GET", path, "localhost");
        assert_eq!(status_of(&r), 301, "{path}: {r}");
        assert_eq!(header(&r, "location"), Some(to), "{path}: {r}");
    }
}

#[test]
fn idle_connections_are_closed_and_the_reload_channel_stays() {
    let site = TestSite::basic();
    let server = start(&site);
    let port = server.port;
    let rx = events(port);

    // A connection that never sends a request is closed within a bound.
    let mut silent = TcpStream::connect(("127.0.0.1", port)).unwrap();
    silent
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let t = Instant::now();
    let mut buf = [0u8; 64];
    let n = silent.read(&mut buf).unwrap_or(0);
    assert_eq!(n, 0, "closed without an answer");
    assert!(
        t.elapsed() < Duration::from_secs(10),
        "a silent connection stayed open for {:?}",
        t.elapsed()
    );

    // So is a kept-alive connection after its request.
    let mut kept = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(kept, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    kept.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let t = Instant::now();
    let mut all = Vec::new();
    let _ = kept.read_to_end(&mut all);
    assert!(String::from_utf8_lossy(&all).starts_with("HTTP/1.1 "));
    assert!(
        t.elapsed() < Duration::from_secs(10),
        "an idle kept-alive connection stayed open for {:?}",
        t.elapsed()
    );

    // The reload channel, open all that time, still delivers.
    drain(&rx);
    edit_expecting_reload(
        &site,
        &rx,
        "content/nieuws/start.md",
        "Start van FLOW",
        "FLOW na een stilte",
    );
}

#[test]
fn port_in_use_is_explained_in_the_chosen_language() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = TestSite::basic();
    let out = site.kennis(&["serve", "--port", &port, "--lang", "nl"]);
    assert!(!out.status.success());
    let err = common::stderr(&out);
    assert!(
        err.contains(&format!("poort {port} is al in gebruik")) && err.contains("--port"),
        "{err}"
    );
    assert!(!err.contains("already in use"), "Dutch only: {err}");
    let out = site.kennis(&["serve", "--port", &port]);
    let err = common::stderr(&out);
    assert!(
        err.contains(&format!("port {port} is already in use")) && err.contains("--port"),
        "{err}"
    );
}

#[test]
fn folders_renamed_deleted_and_restored_are_seen() {
    let site = TestSite::basic();
    let server = start(&site);
    let port = server.port;
    let rx = events(port);

    // A folder renamed: its pages move.
    std::fs::rename(
        site.path().join("content/podcasts/testreeks"),
        site.path().join("content/podcasts/andere-reeks"),
    )
    .unwrap();
    eventually("the renamed series", || {
        get(port, "/podcasts/andere-reeks/").0 == 200 && get(port, "/podcasts/testreeks/").0 == 404
    });

    // content/ deleted: the build fails (the last good version stays)...
    let saved = tempfile::tempdir().unwrap();
    common::copy_dir(&site.path().join("content"), saved.path());
    std::fs::remove_dir_all(site.path().join("content")).unwrap();
    eventually("the overlay for a missing content/", || {
        get(port, "/").1.contains("kennis-error-overlay")
    });
    // ...and restored: the site is back, and edits in the new folder are seen.
    common::copy_dir(saved.path(), &site.path().join("content"));
    eventually("the restored site", || {
        let (status, page) = get(port, "/nieuws/start/");
        status == 200 && !page.contains("kennis-error-overlay")
    });
    drain(&rx);
    edit_expecting_reload(
        &site,
        &rx,
        "content/nieuws/start.md",
        "Start van FLOW",
        "FLOW na het terugzetten",
    );
    eventually("an edit in the restored content/", || {
        get(port, "/nieuws/start/")
            .1
            .contains("FLOW na het terugzetten")
    });
}

#[test]
fn symlinks_out_of_the_site_are_not_served() {
    let outside = tempfile::tempdir().unwrap();
    let secret = "GEHEIM-BUITEN-DE-SITE";
    std::fs::write(outside.path().join("geheim.txt"), secret).unwrap();
    std::fs::create_dir(outside.path().join("map")).unwrap();
    std::fs::write(outside.path().join("map/geheim.txt"), secret).unwrap();
    std::fs::write(
        outside.path().join("buiten.md"),
        format!("---\ntitle: Buiten\ndate: 2025-01-01\n---\n{secret}\n"),
    )
    .unwrap();
    let site = TestSite::basic();
    site.write("elders/binnen.txt", "Binnen de site.\n");
    let link = |target: &std::path::Path, rel: &str| {
        std::os::unix::fs::symlink(target, site.path().join(rel)).unwrap();
    };
    link(
        &outside.path().join("geheim.txt"),
        "content/nieuws/geheim.txt",
    );
    link(
        std::path::Path::new("/proc/self/environ"),
        "content/nieuws/omgeving.txt",
    );
    link(
        &outside.path().join("buiten.md"),
        "content/nieuws/buiten.md",
    );
    link(&outside.path().join("map"), "content/nieuws/map");
    link(&outside.path().join("geheim.txt"), "static/geheim.txt");
    link(
        &site.path().join("elders/binnen.txt"),
        "content/nieuws/binnen.txt",
    );
    let server = start(&site);
    let port = server.port;

    let (status, body) = get(port, "/nieuws/binnen.txt");
    assert_eq!(
        (status, body.as_str()),
        (200, "Binnen de site.\n"),
        "a link inside the site is followed"
    );
    for path in [
        "/nieuws/geheim.txt",
        "/nieuws/omgeving.txt",
        "/nieuws/buiten/",
        "/nieuws/map/geheim.txt",
        "/geheim.txt",
    ] {
        let (status, body) = get(port, path);
        assert_eq!(status, 404, "{path}");
        assert!(
            !body.contains(secret) && !body.contains("PATH="),
            "{path}: {body}"
        );
    }
    for path in ["/nieuws/", "/", "/sitemap.xml"] {
        assert!(!get(port, path).1.contains(secret), "{path}");
    }

    // A link added while serving is checked too.
    link(
        &outside.path().join("geheim.txt"),
        "content/nieuws/later.txt",
    );
    site.write("content/nieuws/later-binnen.txt", "Later.\n");
    eventually("the rebuild after the new files", || {
        get(port, "/nieuws/later-binnen.txt").0 == 200
    });
    assert_eq!(get(port, "/nieuws/later.txt").0, 404);
}

#[test]
fn static_and_content_linked_out_of_the_site_are_not_served() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("geheim.txt"), "GEHEIM").unwrap();
    std::fs::create_dir_all(outside.path().join("inhoud/nieuws")).unwrap();
    std::fs::write(outside.path().join("inhoud/nieuws/geheim.txt"), "GEHEIM").unwrap();
    let site = TestSite::empty();
    std::os::unix::fs::symlink(outside.path(), site.path().join("static")).unwrap();
    std::fs::remove_dir(site.path().join("content")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("inhoud"), site.path().join("content")).unwrap();
    let server = start(&site);
    assert_eq!(get(server.port, "/").0, 200, "the site itself is served");
    assert_eq!(get(server.port, "/geheim.txt").0, 404);
    assert_eq!(get(server.port, "/nieuws/geheim.txt").0, 404);
}

#[test]
fn serve_makes_the_search_index_when_asked_and_again_after_a_change() {
    let site = TestSite::basic();
    site.write(
        "content/zoeken.md",
        "---\ntitle: \"Zoeken\"\ntemplate: search\n---\nZoek.\n",
    );
    let server = start(&site);
    let port = server.port;
    let count = |lang: &str| -> u64 {
        let (status, body) = get(port, "/pagefind/pagefind-entry.json");
        assert_eq!(status, 200, "{body}");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        v["languages"][lang]["page_count"].as_u64().unwrap()
    };
    let before = count("nl");
    assert!(before > 0);
    let (status, js) = get(port, "/pagefind/pagefind.js");
    assert_eq!(status, 200);
    assert!(
        !js.contains("__kennis"),
        "the reload client goes into pages only"
    );
    let rx = events(port);
    site.write(
        "content/nieuws/extra.md",
        "---\ntitle: \"Extra bericht\"\ndate: 2025-03-01\n---\nNieuw.\n",
    );
    let (e, data, _) = next_event(&rx);
    assert_eq!(e, "reload", "{data}");
    assert_eq!(count("nl"), before + 1, "the index follows the change");
    assert_eq!(get(port, "/pagefind/nope.js").0, 404);
}
