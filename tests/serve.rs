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
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut buf = String::new();
    s.read_to_string(&mut buf).unwrap();
    let status = buf.split(' ').nth(1).unwrap_or("0").parse().unwrap_or(0);
    let body = buf
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
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
    site.write(
        "content/nieuws/start.md",
        &std::fs::read_to_string(site.path().join("content/nieuws/start.md"))
            .unwrap()
            .replace("Start van FLOW", "FLOW is gestart"),
    );
    let (e, data, _) = next_event(&rx);
    assert_eq!(e, "reload", "{data}");
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
