//! The HTTP side of `serve`: files from memory, the live-reload channel, and the error overlay.
//!
//! Paths are percent-decoded and then checked segment by segment; anything that is not a plain name
//! (`..`, `.`, backslashes, NUL) is refused with 400, so nothing outside the built site can be reached.
//! HTML responses get the reload client, and the overlay while the last build failed, injected just
//! before `</body>`; the built files themselves stay identical to a production build.

use super::{Event, State};
use crate::build::Files;
use crate::diagnostics::Diagnostic;
use axum::Router;
use axum::body::Body;
use axum::extract::State as AxState;
use axum::http::{HeaderValue, Response, StatusCode, Uri, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::routing::get;
use std::convert::Infallible;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

const CLIENT_JS: &str = include_str!("live.js");

pub fn router(state: State, bound: super::guard::Bound) -> Router {
    Router::new()
        .route("/__kennis/events", get(events))
        .route(
            "/__kennis/live.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                    CLIENT_JS,
                )
            }),
        )
        .fallback(file)
        .layer(axum::middleware::from_fn_with_state(
            bound,
            super::guard::guard,
        ))
        .with_state(state)
}

async fn events(
    AxState(state): AxState<State>,
) -> Sse<impl tokio_stream::Stream<Item = Result<SseEvent, Infallible>>> {
    let stream = BroadcastStream::new(state.events.subscribe())
        .filter_map(|e| e.ok())
        .map(|e| {
            Ok(match e {
                Event::Reload(urls) => SseEvent::default().event("reload").data(urls.join("\n")),
                Event::Css(urls) => SseEvent::default().event("css").data(urls.join("\n")),
                Event::Error(text) => SseEvent::default()
                    .event("error")
                    .data(text.replace('\n', "\u{2028}")),
            })
        });
    // Pings keep the channel from counting as an idle connection.
    Sse::new(stream).keep_alive(KeepAlive::new().interval(super::conn::PING))
}

/// Maps a request path to a file key in the built site, or says why not.
pub fn resolve(path: &str) -> Result<crate::site::urls::Lookup, StatusCode> {
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| StatusCode::BAD_REQUEST)?;
    crate::site::urls::lookup(&decoded).ok_or(StatusCode::BAD_REQUEST)
}

async fn file(AxState(state): AxState<State>, uri: Uri) -> Response<Body> {
    let path = uri.path();
    if let Some(rest) = path.strip_prefix("/pagefind/") {
        return search(state, rest.to_string()).await;
    }
    let found = match resolve(path) {
        Ok(k) => k,
        Err(code) => return plain(code, "Bad request"),
    };
    let served = state.served.read().unwrap_or_else(|e| e.into_inner());
    let (status, key) =
        if let Some(file) = found.file.clone().filter(|f| served.files.contains_key(f)) {
            (StatusCode::OK, file)
        } else if found.file.is_none() && served.files.contains_key(&found.index) {
            (StatusCode::OK, found.index)
        } else if served.files.contains_key(&found.index) {
            // `/projecten` → `/projecten/`, as static hosts do.
            return Response::builder()
                .status(StatusCode::MOVED_PERMANENTLY)
                .header(header::LOCATION, folder_location(path))
                .body(Body::empty())
                .unwrap_or_default();
        } else {
            let not_found = if path.starts_with("/en/") {
                "en/404.html"
            } else {
                "404.html"
            };
            (StatusCode::NOT_FOUND, not_found.to_string())
        };
    let Some(bytes) = served.files.get(&key) else {
        return plain(StatusCode::NOT_FOUND, "Not found");
    };
    let mime = mime_guess::from_path(&key).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let body = if is_html {
        let lang = if key.starts_with("en/") {
            crate::config::Lang::En
        } else {
            crate::config::Lang::Nl
        };
        Body::from(inject(
            &String::from_utf8_lossy(bytes),
            &served.errors,
            lang,
            served.generation,
        ))
    } else {
        Body::from(bytes.clone())
    };
    let mut resp = Response::new(body);
    *resp.status_mut() = status;
    let ct = if is_html || mime.type_() == "text" {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    };
    if let Ok(v) = HeaderValue::from_str(&ct) {
        resp.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// A file of the search index. The index is made from the served pages when it is first asked for after a
/// build, not on every save: indexing the whole site takes longer than a page edit should.
async fn search(state: State, rest: String) -> Response<Body> {
    let key = format!("pagefind/{rest}");
    let built = tokio::task::spawn_blocking(move || {
        let mut served = state.served.write().unwrap_or_else(|e| e.into_inner());
        if served.search_generation != Some(served.generation) {
            let pages = served.files.iter().filter_map(|(key, bytes)| {
                let url = key.strip_suffix("index.html")?;
                let html = std::str::from_utf8(bytes).ok()?;
                crate::render::search::marked(bytes).then(|| (format!("/{url}"), html.to_string()))
            });
            served.search = match crate::render::search::index_all(pages) {
                Ok(files) => files.into_iter().collect(),
                Err(e) => {
                    eprintln!("{}", e.diagnostic().render());
                    Files::new()
                }
            };
            served.search_generation = Some(served.generation);
        }
        served.search.get(&key).cloned()
    })
    .await;
    match built {
        Ok(Some(bytes)) => {
            let mime = mime_guess::from_path(&rest).first_or_octet_stream();
            let mut resp = Response::new(Body::from(bytes));
            if let Ok(v) = HeaderValue::from_str(mime.essence_str()) {
                resp.headers_mut().insert(header::CONTENT_TYPE, v);
            }
            resp.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            resp
        }
        _ => plain(StatusCode::NOT_FOUND, "Not found"),
    }
}

/// Where a request for a folder without its final slash goes: the same path with one slash between
/// segments. `//projecten` must not become `//projecten/`, which a browser reads as the host `projecten`.
/// The segments stay percent-encoded as they came; [`resolve`] has refused `..` and backslashes.
fn folder_location(path: &str) -> String {
    let mut location = String::from("/");
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        location.push_str(seg);
        location.push('/');
    }
    location
}

fn plain(code: StatusCode, text: &'static str) -> Response<Body> {
    let mut r = Response::new(Body::from(text));
    *r.status_mut() = code;
    r
}

/// Adds the reload client and, when the last build failed, the overlay.
pub fn inject(
    html: &str,
    errors: &[Diagnostic],
    lang: crate::config::Lang,
    generation: u64,
) -> String {
    let mut extra =
        format!("<script src=\"/__kennis/live.js\" data-generation=\"{generation}\"></script>");
    if !errors.is_empty() {
        extra.push_str(&overlay(errors, lang));
    }
    match html.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &html[..i], &html[i..]),
        None => format!("{html}{extra}"),
    }
}

/// The error overlay, in Dutch on Dutch pages and English on English pages.
pub fn overlay(errors: &[Diagnostic], lang: crate::config::Lang) -> String {
    let (title, hint) = match lang {
        crate::config::Lang::Nl => (
            "De site kon niet opnieuw worden gebouwd",
            "U ziet nog de vorige versie. Herstel het probleem en sla op; deze melding verdwijnt dan vanzelf.",
        ),
        crate::config::Lang::En => (
            "The site could not be rebuilt",
            "You are seeing the previous version. Fix the problem and save; this message then disappears by itself.",
        ),
    };
    let items: String = errors
        .iter()
        .map(|d| {
            format!(
                "<pre>{}</pre>",
                crate::content::markdown::escape(&d.render_in(lang))
            )
        })
        .collect();
    format!(
        "<div id=\"kennis-error-overlay\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;background:#fff3f3;color:#5a0000;border-top:4px solid #c00;padding:1rem;z-index:99999;font:14px/1.4 system-ui,sans-serif\"><strong>{title}</strong><p>{hint}</p>{items}</div>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_files_and_traversal_is_refused() {
        assert_eq!(resolve("/").unwrap().index, "index.html");
        assert_eq!(
            resolve("/projecten/").unwrap().index,
            "projecten/index.html"
        );
        assert_eq!(
            resolve("/css/site.css").unwrap().file.as_deref(),
            Some("css/site.css")
        );
        assert_eq!(resolve("/a%20b/").unwrap().index, "a b/index.html");
        assert_eq!(resolve("/../etc/passwd"), Err(StatusCode::BAD_REQUEST));
        assert_eq!(resolve("/%2e%2e/etc/passwd"), Err(StatusCode::BAD_REQUEST));
        assert_eq!(resolve("/a/..%5c..%5cetc"), Err(StatusCode::BAD_REQUEST));
    }

    #[test]
    fn folder_redirects_stay_on_this_host() {
        assert_eq!(folder_location("/projecten"), "/projecten/");
        assert_eq!(folder_location("//projecten"), "/projecten/");
        assert_eq!(folder_location("///evil.example//a"), "/evil.example/a/");
        assert_eq!(folder_location("/a%20b"), "/a%20b/");
    }

    #[test]
    fn overlay_is_injected_before_body_end() {
        let html = inject(
            "<html><body><p>x</p></body></html>",
            &[Diagnostic::error("broken", "kapot")
                .in_file("content/a.md")
                .at(3, None)],
            crate::config::Lang::Nl,
            1,
        );
        assert!(html.contains("kennis-error-overlay"));
        assert!(html.contains("content/a.md:3"));
        assert!(html.find("kennis-error-overlay").unwrap() < html.find("</body>").unwrap());
    }
}
