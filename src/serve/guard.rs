//! Which requests the preview answers at all: the right host, and only reading.
//!
//! A web page on another site can make the browser send requests to `localhost` under a name of its own
//! (DNS rebinding: `evil.example` first resolves to the attacker, then to 127.0.0.1), and then read the
//! preview, unpublished drafts included, as if it were its own. Such requests carry that name in `Host:`,
//! so only these names are answered: `localhost`, loopback addresses (`127.0.0.1`, `[::1]`) and the
//! address serve was bound to, with any port. Bound to every interface (`--bind 0.0.0.0`), any numeric
//! address is answered too: that is how another device on the network reaches the preview, and a
//! rebinding attack always uses a name, never a number. Others get 421.
//!
//! The preview is read-only: methods other than GET and HEAD get 405 with `Allow: GET, HEAD`.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use std::net::IpAddr;

/// The address serve listens on, which decides the host names it answers.
#[derive(Clone, Copy, Debug)]
pub struct Bound(pub IpAddr);

impl Bound {
    /// Whether a request with this `Host:` value (name or address, with or without a port) is answered.
    pub fn allows(&self, host: &str) -> bool {
        let name = host_name(host).to_ascii_lowercase();
        let name = name.strip_suffix('.').unwrap_or(&name);
        if name == "localhost" {
            return true;
        }
        match name.parse::<IpAddr>() {
            Ok(ip) => ip.is_loopback() || ip == self.0 || self.0.is_unspecified(),
            Err(_) => false,
        }
    }
}

/// `Host:` without its port; `[::1]:8000` → `::1`.
fn host_name(host: &str) -> &str {
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split_once(']').map(|(name, _)| name).unwrap_or("");
    }
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    }
}

/// Refuses requests for other hosts (421) and methods that would change something (405).
pub async fn guard(State(bound): State<Bound>, req: Request, next: Next) -> Response {
    // HTTP/1.1 requires a Host; an absolute URI in the request line names the host too.
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string);
    let named = req.uri().host().map(str::to_string);
    let known = |h: &Option<String>| h.as_deref().is_none_or(|h| bound.allows(h));
    if host.is_none() || !known(&host) || !known(&named) {
        let shown = host.or(named).unwrap_or_default();
        return refuse(
            StatusCode::MISDIRECTED_REQUEST,
            format!(
                "kennis serve antwoordt alleen op localhost, 127.0.0.1 en [::1], niet op {shown:?}.\n\
                 kennis serve only answers on localhost, 127.0.0.1 and [::1], not on {shown:?}.\n"
            ),
        );
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut resp = refuse(
            StatusCode::METHOD_NOT_ALLOWED,
            format!(
                "De voorvertoning kan alleen gelezen worden (GET, HEAD), niet {}.\n\
                 The preview is read-only (GET, HEAD), not {}.\n",
                req.method(),
                req.method()
            ),
        );
        resp.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return resp;
    }
    next.run(req).await
}

fn refuse(code: StatusCode, text: String) -> Response {
    let mut resp = Response::new(Body::from(text));
    *resp.status_mut() = code;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_names_and_the_bound_address_only() {
        let local = Bound("127.0.0.1".parse().unwrap());
        for h in [
            "localhost",
            "localhost:8000",
            "LOCALHOST.",
            "127.0.0.1",
            "127.0.0.1:8000",
            "[::1]",
            "[::1]:8000",
        ] {
            assert!(local.allows(h), "{h}");
        }
        for h in [
            "evil.example",
            "evil.example:8000",
            "localhost.evil.example",
            "192.168.1.5",
            "",
            "[::1",
        ] {
            assert!(!local.allows(h), "{h}");
        }
        let lan = Bound("192.168.1.5".parse().unwrap());
        assert!(lan.allows("192.168.1.5:8000") && !lan.allows("10.0.0.1"));
        let every = Bound("0.0.0.0".parse().unwrap());
        assert!(every.allows("10.0.0.1:8000") && !every.allows("evil.example"));
    }
}
