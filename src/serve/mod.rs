//! `kennis serve`: build in memory, serve over HTTP, rebuild on every save, reload open tabs.
//!
//! The output lives in memory (never in `public/`), so a half-finished rebuild can never be served. A
//! failed rebuild keeps the last good output and shows its problems in an overlay on every page and in the
//! terminal; the next good build removes it. Browsers listen on a Server-Sent Events channel: `reload` after
//! a change, `css` when only stylesheets changed (swapped without a reload), `error` after a failed build.

pub mod conn;
pub mod guard;
pub mod http;
pub mod watch;

use crate::build::{self, Files, Options};
use crate::config::Lang;
use crate::diagnostics::Diagnostic;
use std::net::SocketAddr;
use std::sync::{Arc, RwLock};
use std::time::Instant;
use tokio::sync::broadcast;

/// What the server serves right now.
#[derive(Default)]
pub struct Served {
    pub files: Files,
    /// Problems of the last build, when it failed.
    pub errors: Vec<Diagnostic>,
    /// Increases with every build, so clients can tell a fresh page from a stale one.
    pub generation: u64,
    /// The search index (`pagefind/...`), made when first asked for after a build (see `http::search`).
    pub search: Files,
    /// The build generation `search` was made from.
    pub search_generation: Option<u64>,
}

#[derive(Clone)]
pub struct State {
    pub served: Arc<RwLock<Served>>,
    /// What the next build can reuse; the lock also keeps rebuilds one at a time.
    pub incremental: Arc<std::sync::Mutex<build::Incremental>>,
    pub events: broadcast::Sender<Event>,
    /// Language of the terminal messages.
    pub lang: Lang,
}

#[derive(Clone, Debug)]
pub enum Event {
    /// Reload; with the changed URLs.
    Reload(Vec<String>),
    /// Only stylesheets changed: their URLs.
    Css(Vec<String>),
    /// The build failed: the rendered messages.
    Error(String),
}

pub struct ServeOptions {
    pub build: Options,
    /// Language of the terminal messages (the overlay follows each page's language).
    pub lang: Lang,
    pub bind: std::net::IpAddr,
    pub port: u16,
    pub open: bool,
    /// How long to wait for a burst of file events (an editor's save) to end.
    pub debounce: std::time::Duration,
}

/// Rebuilds and publishes the result; returns the event to send.
pub fn rebuild(opts: &Options, state: &State) -> Event {
    let start = Instant::now();
    let mut incremental = state.incremental.lock().unwrap_or_else(|e| e.into_inner());
    match build::build_incremental(opts, &mut incremental) {
        Ok((report, written)) => {
            let mut served = state.served.write().unwrap_or_else(|e| e.into_inner());
            let changed: Vec<String> =
                build::apply(&mut served.files, written, &report.render.outputs)
                    .into_iter()
                    .map(|k| format!("/{k}"))
                    .collect();
            let had_errors = !served.errors.is_empty();
            served.errors.clear();
            served.generation += 1;
            for w in &report.warnings {
                eprintln!("{}", w.render_in(state.lang));
            }
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            match state.lang {
                Lang::Nl => eprintln!(
                    "Opnieuw gebouwd in {ms:.0} ms: {} pagina's opnieuw opgemaakt, {} bestanden veranderd",
                    report.render.rendered,
                    changed.len()
                ),
                Lang::En => eprintln!(
                    "Rebuilt in {ms:.0} ms: {} pages rendered, {} files changed",
                    report.render.rendered,
                    changed.len()
                ),
            }
            if std::env::var_os("KENNIS_TIMINGS").is_some() {
                let stages: Vec<String> = report
                    .timings
                    .iter()
                    .map(|(n, t)| format!("{n} {:.1} ms", t.as_secs_f64() * 1000.0))
                    .collect();
                let model = if incremental.updated_in_place {
                    "model updated in place"
                } else {
                    "model built again"
                };
                eprintln!("stages: {} ({model})", stages.join(", "));
            }
            // serve builds without fingerprints, so a stylesheet edit changes only the stylesheet.
            let css_only =
                !had_errors && !changed.is_empty() && changed.iter().all(|c| c.ends_with(".css"));
            if css_only {
                Event::Css(changed)
            } else {
                Event::Reload(changed)
            }
        }
        Err(errors) => {
            let text: String = errors
                .iter()
                .map(|d| d.render_in(state.lang))
                .collect::<Vec<_>>()
                .join("\n");
            eprintln!("{text}");
            let count = crate::diagnostics::count_line_in(&errors, state.lang);
            match state.lang {
                Lang::Nl => {
                    eprintln!("Bouwen mislukt: {count}. De vorige goede versie blijft zichtbaar.")
                }
                Lang::En => {
                    eprintln!("Build failed: {count}. Still serving the last good version.")
                }
            }
            let mut served = state.served.write().unwrap_or_else(|e| e.into_inner());
            served.errors = errors;
            served.generation += 1;
            Event::Error(text)
        }
    }
}

/// Why the server could not start: the port taken, or the system refusing a listener or a watch.
fn cannot_start(addr: SocketAddr, e: &std::io::Error) -> Diagnostic {
    if e.kind() == std::io::ErrorKind::AddrInUse {
        let port = addr.port();
        let other = port.wrapping_add(1).max(1024);
        return Diagnostic::error(
            format!("port {port} is already in use (is another kennis serve running?)"),
            format!("poort {port} is al in gebruik (draait er nog een kennis serve?)"),
        )
        .help(
            format!("stop the other program, or choose another port: kennis serve --port {other}"),
            format!(
                "stop het andere programma, of kies een andere poort: kennis serve --port {other}"
            ),
        );
    }
    Diagnostic::error(
        format!("cannot listen on {addr}: {e}"),
        format!("kennis serve kan niet luisteren op {addr} ({e})"),
    )
    .help(
        "choose another address with --bind, or another port with --port",
        "kies een ander adres met --bind, of een andere poort met --port",
    )
}

/// Runs the server until Ctrl-C.
pub fn run(opts: ServeOptions) -> Result<(), Diagnostic> {
    let addr = SocketAddr::new(opts.bind, opts.port);
    let mut build_opts = opts.build.clone();
    // Absolute paths, so the parse cache and the watcher's event paths name files the same way.
    if let Ok(abs) = std::fs::canonicalize(&build_opts.root) {
        build_opts.root = abs;
    }
    let shown_host = if opts.bind.is_unspecified() {
        "127.0.0.1".to_string()
    } else {
        opts.bind.to_string()
    };
    build_opts.base_url = Some(format!("http://{shown_host}:{}", opts.port));
    build_opts.fingerprint = false;
    let (tx, _) = broadcast::channel(64);
    let state = State {
        served: Arc::new(RwLock::new(Served::default())),
        incremental: Default::default(),
        events: tx,
        lang: opts.lang,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| {
            Diagnostic::error(
                format!("cannot start the server: {e}"),
                format!("de server kan niet starten ({e})"),
            )
        })?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| cannot_start(addr, &e))?;
        let local = listener.local_addr().map_err(|e| cannot_start(addr, &e))?;
        // The real port (with --port 0 the system picks one) goes into every link.
        build_opts.base_url = Some(format!("http://{shown_host}:{}", local.port()));
        // Watch before the first build, so no save between the two is missed.
        let watcher = watch::start(
            build_opts.root.clone(),
            build_opts.clone(),
            state.clone(),
            opts.debounce,
        )
        .map_err(|e| {
            Diagnostic::error(
                format!("cannot watch the site's files: {e}"),
                format!("kennis serve kan de bestanden van de site niet volgen ({e})"),
            )
            .help(
                "on Linux, raise fs.inotify.max_user_watches",
                "verhoog op Linux fs.inotify.max_user_watches",
            )
        })?;
        rebuild(&build_opts, &state);
        match opts.lang {
            Lang::Nl => println!(
                "De site staat op http://{shown_host}:{}/ (Ctrl-C stopt)",
                local.port()
            ),
            Lang::En => println!(
                "Serving the site at http://{shown_host}:{}/ (Ctrl-C stops)",
                local.port()
            ),
        }
        if opts.open {
            let _ = std::process::Command::new("xdg-open")
                .arg(format!("http://{shown_host}:{}/", local.port()))
                .spawn();
        }
        let app = http::router(state, guard::Bound(opts.bind));
        axum::serve(conn::Listener::new(listener, conn::IDLE), app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
                println!("\nStopped.");
            })
            .await
            .map_err(|e| cannot_start(local, &e))?;
        drop(watcher);
        Ok(())
    })
}
