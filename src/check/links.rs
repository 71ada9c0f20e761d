//! Links in the rendered pages: internal ones must lead to a file and an anchor that exist; external ones
//! (only with `--external`) must answer.

use super::Context;
use super::html::Scan;
use crate::diagnostics::Diagnostic;
use crate::site::urls::lookup;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

/// The output file an internal link on the page at `from` (`nieuws/x/index.html`) leads to, looked up in
/// `files` the way a static host does ([`lookup`]), with its `#fragment`. `None` for links to other sites
/// and schemes; `Some((None, _))` for a link that leads to no file.
fn target<T>(
    files: &std::collections::BTreeMap<String, T>,
    from: &str,
    href: &str,
) -> Option<(Option<String>, Option<String>)> {
    if href.is_empty()
        || href.starts_with("//")
        || href.contains("://")
        || href.starts_with("mailto:")
        || href.starts_with("tel:")
        || href.starts_with("data:")
        || href.starts_with("javascript:")
    {
        return None;
    }
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap_or("");
    let absolute = if path.is_empty() {
        format!("/{from}")
    } else if path.starts_with('/') {
        path.to_string()
    } else {
        let base = from.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        format!("/{base}/{path}")
    };
    // Relative links may climb with `..`; resolve that here, the lookup refuses it.
    let mut parts: Vec<&str> = Vec::new();
    for seg in absolute.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut resolved = format!("/{}", parts.join("/"));
    if absolute.ends_with('/') && resolved != "/" {
        resolved.push('/');
    }
    let decoded = percent_encoding::percent_decode_str(&resolved)
        .decode_utf8_lossy()
        .to_string();
    let Some(found) = lookup(&decoded) else {
        return Some((None, fragment));
    };
    let file = match found.file {
        Some(f) if files.contains_key(&f) => Some(f),
        _ if files.contains_key(&found.index) => Some(found.index),
        _ => None,
    };
    Some((file, fragment))
}

pub fn internal(ctx: &Context, scans: &HashMap<&str, Scan>) -> Vec<Diagnostic> {
    // (page, href, broken anchor?) for every broken link, found in parallel.
    let mut broken: Vec<(&str, &str, Option<String>)> = scans
        .par_iter()
        .flat_map_iter(|(page, scan)| {
            let mut found = Vec::new();
            let hrefs = scan
                .links
                .iter()
                .map(|l| l.href.as_str())
                .chain(scan.resources.iter().map(String::as_str));
            for href in hrefs {
                let Some((file, fragment)) = target(ctx.files, page, href) else {
                    continue;
                };
                let Some(file) = file else {
                    found.push((*page, href, None));
                    continue;
                };
                if let Some(frag) = fragment.filter(|f| !f.is_empty())
                    && file.ends_with(".html")
                    && let Some(target_scan) = scans.get(file.as_str())
                    && !target_scan.ids.contains(&frag)
                {
                    found.push((*page, href, Some(frag)));
                }
            }
            found
        })
        .collect();
    broken.sort();
    let mut out = Vec::new();
    // Links that are not in the page's own source come from a template or menu: report each once.
    let mut from_templates: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (page, href, anchor) in broken {
        let (message, help, message_nl, help_nl, needles): (
            String,
            &str,
            String,
            &str,
            Vec<String>,
        ) = match &anchor {
            None => (
                format!(
                    "a link leads nowhere: {href} (on /{})",
                    page.trim_end_matches("index.html")
                ),
                "fix the address, or add the missing page or file (files go in static/)",
                format!(
                    "een link leidt nergens heen: {href} (op /{})",
                    page.trim_end_matches("index.html")
                ),
                "verbeter het adres, of maak de pagina of het bestand aan dat ontbreekt (bestanden horen in static/)",
                vec![href.to_string()],
            ),
            Some(frag) => (
                format!(
                    "the anchor #{frag} does not exist on {}",
                    href.split('#').next().unwrap_or(href)
                ),
                "anchors are the headings' ids: check the spelling, or link to the page without #",
                format!(
                    "het anker #{frag} (het kopje waar de link naartoe springt) bestaat niet op {}",
                    href.split('#').next().unwrap_or(href)
                ),
                "een anker is de naam van een kopje op de pagina: kijk de spelling na, of link naar de pagina zonder het deel vanaf #",
                vec![format!("#{frag}"), href.to_string()],
            ),
        };
        let needles: Vec<&str> = needles.iter().map(String::as_str).collect();
        let d = ctx.at_page(
            page,
            Diagnostic::error(message, message_nl).help(help, help_nl),
            &needles,
        );
        if d.line.is_some() {
            out.push(d);
        } else {
            from_templates.entry(href).or_default().push(page);
        }
    }
    for (href, pages) in from_templates {
        out.push(
            Diagnostic::error(format!("a template or menu links to {href}, which does not exist (on {} page(s), e.g. /{})", pages.len(), pages[0].trim_end_matches("index.html")), format!("een template of menu linkt naar {href}, maar die bestaat niet (op {} pagina('s), bijvoorbeeld /{})", pages.len(), pages[0].trim_end_matches("index.html")))
                .in_file("(templates and site.yaml)")
                .help("fix the link in the theme's templates or in the menu in site.yaml, or add the page", "verbeter de link in de templates van het thema of in het menu in site.yaml, of maak de pagina aan"),
        );
    }
    out
}

/// Checks every external link once, a few at a time, with a timeout.
pub fn external(ctx: &Context, scans: &HashMap<&str, Scan>) -> Vec<Diagnostic> {
    let mut by_url: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (page, scan) in scans {
        for l in &scan.links {
            if l.href.starts_with("http://") || l.href.starts_with("https://") {
                by_url.entry(l.href.as_str()).or_default().push(page);
            }
        }
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(10)))
        .http_status_as_error(false)
        .build()
        .into();
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(8).build() {
        Ok(p) => p,
        Err(_) => return Vec::new(),
    };
    let urls: Vec<(&str, Vec<&str>)> = by_url.into_iter().collect();
    pool.install(|| {
        urls.par_iter()
            .filter_map(|(url, pages)| {
                let status = answer(&agent, url);
                let (problem, problem_nl) = match status {
                    Ok(code) if code < 400 => return None,
                    Ok(code) => (
                        format!("the external link {url} answers {code}"),
                        format!("de externe link {url} geeft foutcode {code} (de pagina is er misschien niet meer)"),
                    ),
                    Err(e) => (
                        format!("the external link {url} cannot be reached: {e}"),
                        format!("de externe link {url} is niet bereikbaar: {e}"),
                    ),
                };
                let mut sorted = pages.clone();
                sorted.sort();
                Some(ctx.at_page(
                    sorted[0],
                    Diagnostic::warning(problem, problem_nl)
                        .help(format!(
                            "check the address; it is used on {} page(s)",
                            pages.len()
                        ), format!(
                            "kijk het adres na in je browser; het staat op {} pagina('s)",
                            pages.len()
                        )),
                    &[url],
                ))
            })
            .collect()
    })
}

/// The status a link answers. HEAD first (no body); when HEAD fails or is refused, GET decides: many
/// servers answer HEAD with 403, 405 or 404 while the page itself is fine. GET's body is never read;
/// dropping the response closes the connection.
fn answer(agent: &ureq::Agent, url: &str) -> Result<u16, ureq::Error> {
    match agent.head(url).call() {
        Ok(r) if r.status().as_u16() < 400 => Ok(r.status().as_u16()),
        _ => agent.get(url).call().map(|r| r.status().as_u16()),
    }
}

#[cfg(test)]
mod tests {
    use super::target;

    #[test]
    fn targets_are_found_as_a_static_host_finds_them() {
        let files: std::collections::BTreeMap<String, ()> = [
            "a/index.html",
            "x/index.html",
            "a/b.pdf",
            "CNAME",
            "folder/index.html",
        ]
        .into_iter()
        .map(|f| (f.to_string(), ()))
        .collect();
        let t = |href| target(&files, "a/index.html", href);
        assert_eq!(t("/x/"), Some((Some("x/index.html".into()), None)));
        assert_eq!(
            t("/x/#y"),
            Some((Some("x/index.html".into()), Some("y".into())))
        );
        assert_eq!(
            t("#y"),
            Some((Some("a/index.html".into()), Some("y".into())))
        );
        assert_eq!(t("b.pdf"), Some((Some("a/b.pdf".into()), None)));
        assert_eq!(
            t("../CNAME"),
            Some((Some("CNAME".into()), None)),
            "a file without extension"
        );
        assert_eq!(t("/folder"), Some((Some("folder/index.html".into()), None)));
        assert_eq!(t("/nowhere/"), Some((None, None)));
        assert_eq!(t("https://x.nl/"), None);
        assert_eq!(t("mailto:x@y"), None);
    }
}
