//! Sub-path hosting: a site whose `base_url` has a path (`https://example.org/sofokles`) served from there.
//!
//! Templates, menus and Markdown all write site links as root-relative paths (`/nieuws/`), which is right
//! at a domain root and wrong under a sub-path. Rather than teach every link source about the base path
//! (and miss one), each rendered HTML page passes through here once: every root-relative URL attribute gets
//! the base path in front. At a domain root this is a no-op and costs nothing.

use lol_html::{HtmlRewriter, Settings, element, text};

/// The path part of `base_url` without trailing slash: `/sofokles` for `https://example.org/sofokles/`,
/// empty at a domain root.
pub fn base_path(base_url: &str) -> &str {
    let rest = base_url
        .split_once("://")
        .map(|(_, r)| r)
        .unwrap_or(base_url);
    match rest.find('/') {
        Some(i) => rest[i..].trim_end_matches('/'),
        None => "",
    }
}

/// `url` with the base path in front when it is root-relative (`/x`, not `//host/x`).
pub fn prefix(base: &str, url: &str) -> String {
    if url.starts_with('/') && !url.starts_with("//") {
        format!("{base}{url}")
    } else {
        url.to_string()
    }
}

/// Attributes that carry one URL.
const URL_ATTRS: [&str; 6] = ["href", "src", "action", "poster", "formaction", "data"];

/// `html` with every root-relative URL attribute (and every `srcset` candidate) under `base`.
pub fn rebase(html: &str, base: &str) -> String {
    if base.is_empty() {
        return html.to_string();
    }
    // CSS inside the page (`<style>`, `style=""`) names fonts and images with `url(/…)`.
    let css = |c: &str| {
        c.replace("url(//", "url(\u{0}")
            .replace("url(/", &format!("url({base}/"))
            .replace("url(\u{0}", "url(//")
    };
    let settings = Settings::new()
        .append_element_content_handler(text!("style", move |t| {
            let s = t.as_str();
            if s.contains("url(/") {
                let new = css(s);
                t.replace(&new, lol_html::html_content::ContentType::Html);
            }
            Ok(())
        }))
        .append_element_content_handler(element!("*", |el| {
            for name in URL_ATTRS {
                if let Some(v) = el.get_attribute(name) {
                    let p = prefix(base, &v);
                    if p != v {
                        el.set_attribute(name, &p)?;
                    }
                }
            }
            if let Some(v) = el.get_attribute("style").filter(|v| v.contains("url(/")) {
                el.set_attribute("style", &css(&v))?;
            }
            if let Some(v) = el.get_attribute("srcset") {
                // Candidates are "url descriptor" separated by commas; only the URL moves.
                let p = v
                    .split(',')
                    .map(|c| {
                        let c = c.trim();
                        let (url, rest) = c.split_once(' ').unwrap_or((c, ""));
                        let url = prefix(base, url);
                        if rest.is_empty() {
                            url
                        } else {
                            format!("{url} {rest}")
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                el.set_attribute("srcset", &p)?;
            }
            Ok(())
        }));
    // The rewriter only fails on a handler error or a memory limit; neither happens here, and the page
    // unchanged is the safe fallback.
    let mut out = Vec::with_capacity(html.len() + 1024);
    let mut rewriter = HtmlRewriter::new(settings, |c: &[u8]| out.extend_from_slice(c));
    if rewriter.write(html.as_bytes()).is_err() || rewriter.end().is_err() {
        return html.to_string();
    }
    String::from_utf8(out).unwrap_or_else(|_| html.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_is_the_path_of_the_base_url() {
        assert_eq!(base_path("https://example.org"), "");
        assert_eq!(base_path("https://example.org/"), "");
        assert_eq!(base_path("https://example.org/sofokles/"), "/sofokles");
        assert_eq!(base_path("http://127.0.0.1:1111/a/b"), "/a/b");
    }

    #[test]
    fn root_relative_links_move_under_the_base() {
        let html = r##"<a href="/nieuws/">n</a><a href="//cdn.example/x">c</a><a href="https://x.nl/">x</a><img src="/img/a.png" srcset="/img/a.png 1x, /img/b.png 2x"><a href="#top">t</a>"##;
        let out = rebase(html, "/sofokles");
        assert!(out.contains(r#"href="/sofokles/nieuws/""#), "{out}");
        assert!(out.contains(r#"href="//cdn.example/x""#));
        assert!(out.contains(r#"href="https://x.nl/""#));
        assert!(
            out.contains(r#"srcset="/sofokles/img/a.png 1x, /sofokles/img/b.png 2x""#),
            "{out}"
        );
        assert!(out.contains(r##"href="#top""##));
        assert_eq!(rebase(html, ""), html);
        let css = r#"<style>@font-face{src:url(/fonts/a.woff2)}b{background:url(//cdn/x.png)}</style><p style="background:url(/img/a.png)">"#;
        let out = rebase(css, "/sofokles");
        assert!(out.contains("url(/sofokles/fonts/a.woff2)"), "{out}");
        assert!(out.contains("url(//cdn/x.png)"), "{out}");
        assert!(
            out.contains(r#"style="background:url(/sofokles/img/a.png)""#),
            "{out}"
        );
    }
}
