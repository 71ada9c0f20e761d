//! Edit-to-reload latency of `kennis serve`: the time from writing a page to the reload message.
//!
//! cargo run --release --example serve_latency -- --root DIR --page content/nieuws/x.md [--edits 20] [--debounce MS]
//!
//! Starts target/release/kennis serve on a free port, listens on its reload channel like a browser tab,
//! then edits the page's body repeatedly and measures each edit's write → `reload` event time.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let get = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let root = get("--root").unwrap_or_else(|| ".".into());
    let page = get("--page").expect("--page content/section/file.md");
    let edits: usize = get("--edits").and_then(|n| n.parse().ok()).unwrap_or(20);
    let bin = std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("kennis");
    let debounce = get("--debounce").unwrap_or_else(|| "10".into());
    let mut child = Command::new(&bin)
        .args([
            "serve",
            "--port",
            "0",
            "--lang",
            "en",
            "--debounce",
            &debounce,
            "--root",
            &root,
        ])
        .stdout(Stdio::piped())
        // KENNIS_TIMINGS=1 in the environment makes serve print each rebuild's stages here.
        .stderr(if std::env::var_os("KENNIS_TIMINGS").is_some() {
            Stdio::inherit()
        } else {
            Stdio::null()
        })
        .spawn()
        .expect("start kennis serve (build it first: cargo build --release)");
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    let port: u16 = line
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .expect("port");
    std::thread::spawn(move || for _ in out.lines() {});

    let (tx, rx) = mpsc::channel::<String>();
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET /__kennis/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(s).lines().map_while(Result::ok) {
            if let Some(e) = line.strip_prefix("event: ") {
                let _ = tx.send(e.to_string());
            }
        }
    });
    std::thread::sleep(Duration::from_millis(500));
    let path = std::path::Path::new(&root).join(&page);
    let original = std::fs::read_to_string(&path).unwrap();
    let mut times = Vec::new();
    for i in 0..edits {
        while rx.try_recv().is_ok() {}
        let t = Instant::now();
        std::fs::write(&path, format!("{original}\nEdit {i}.\n")).unwrap();
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(e) if e == "reload" => times.push(t.elapsed()),
            Ok(e) => eprintln!("unexpected event {e}"),
            Err(_) => eprintln!("no reload within 60 s"),
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    std::fs::write(&path, original).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let each: Vec<String> = times.iter().map(|&d| format!("{:.0}", ms(d))).collect();
    println!("each edit, in order (ms): {}", each.join(" "));
    times.sort();
    if times.is_empty() {
        println!("no measurements");
        std::process::exit(1);
    }
    println!(
        "edit-to-reload over {} edits: median {:.1} ms, min {:.1} ms, max {:.1} ms",
        times.len(),
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(*times.last().unwrap())
    );
}
