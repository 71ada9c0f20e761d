//! Links and markup that run code in the reader's browser: `javascript:` and `data:` links and raw
//! `<script>` in content, and menu or footer links in site.yaml that are not a page, a path, a web address
//! or an e-mail address.
//!
//! These are warnings, not errors: an editor may have a reason, but a pasted snippet or a hostile edit
//! should never be published unseen (issue 16). Content is read from the Markdown itself, so a code
//! example that shows `<script>` is not a finding and every warning has its line.

use super::Context;
use crate::config::{Config, Lang};
use crate::content::lines::LineIndex;
use crate::content::markdown;
use crate::diagnostics::Diagnostic;
use pulldown_cmark::{Event, Parser, Tag};
use std::path::Path;

pub fn content(ctx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for page in ctx.report.pages.iter().filter(|p| p.from_file) {
        if let Ok(source) = std::fs::read_to_string(ctx.opts.root.join(&page.file)) {
            out.extend(in_markdown(&page.file, &source));
        }
    }
    out
}

/// The scheme of a link that runs code or carries a whole document, if `dest` has one.
fn code_scheme(dest: &str) -> Option<&'static str> {
    // Browsers skip spaces and control characters before the scheme, drop tabs and line breaks inside
    // it, and read it in any case.
    let d: String = dest
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take("javascript:".len())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .into_iter()
        .find(|s| d.starts_with(s))
}

fn in_markdown(file: &Path, source: &str) -> Vec<Diagnostic> {
    let lines = LineIndex::new(source);
    let mut out = Vec::new();
    // The body only: front matter is YAML, not Markdown.
    let start =
        crate::content::frontmatter::split(source, file).map_or(0, |s| source.len() - s.body.len());
    let at = |d: Diagnostic, offset: usize| {
        let line = lines.line_of(offset);
        d.in_file(file)
            .at(line + 1, Some(lines.column(offset)))
            .with_line(lines.line(line))
    };
    for (event, range) in Parser::new_ext(&source[start..], markdown::options()).into_offset_iter()
    {
        let range = start + range.start..start + range.end;
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                if let Some(scheme) = code_scheme(&dest_url) {
                    let offset = source[range.clone()]
                        .find(dest_url.as_ref())
                        .map_or(range.start, |i| range.start + i);
                    out.push(at(scheme_warning(scheme), offset));
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                let lower = h.to_ascii_lowercase();
                if let Some(i) = lower.find("<script") {
                    out.push(at(
                        Diagnostic::warning("raw `<script>` in the text: it runs in every reader's browser", "losse `<script>` in de tekst: die wordt uitgevoerd in de browser van elke lezer")
                            .help("remove it; scripts belong in the theme, where they are reviewed", "haal het weg; scripts horen in het thema, waar ze nagekeken worden"),
                        range.start + i,
                    ));
                }
                for attr in ["href=", "src=", "action=", "formaction="] {
                    for (i, _) in lower.match_indices(attr) {
                        let value = lower[i + attr.len()..].trim_start_matches(['"', '\'']);
                        if let Some(scheme) = code_scheme(value) {
                            out.push(at(scheme_warning(scheme), range.start + i));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn scheme_warning(scheme: &str) -> Diagnostic {
    Diagnostic::warning(format!(
        "a `{scheme}` link: it runs code or opens a hidden document when clicked"
    ), format!(
        "een `{scheme}`-link: die voert code uit of opent een verborgen document als je erop klikt"
    ))
    .help("link to a page (`@/section/page.md`), a path on the site (`/downloads/...`) or an `https://` address", "link naar een pagina (`@/sectie/pagina.md`), een pad op de site (`/downloads/...`) of een adres met `https://`")
}

/// Menu and footer links in site.yaml that are not `@/`, `/`, `http(s)://` or `mailto:`.
pub fn menus(root: &Path) -> Vec<Diagnostic> {
    let Ok(config) = Config::load(root) else {
        return Vec::new();
    };
    let source = std::fs::read_to_string(root.join("site.yaml")).unwrap_or_default();
    let lines = LineIndex::new(&source);
    let mut out = Vec::new();
    for lang in Lang::ALL {
        let cfg = config.lang(lang);
        for item in cfg.menu.iter().chain(&cfg.footer) {
            let link = item.link.trim();
            let ok = ["@/", "/", "https://", "http://", "mailto:"]
                .iter()
                .any(|p| link.starts_with(p))
                && !link.starts_with("//");
            if ok {
                continue;
            }
            let mut d = Diagnostic::warning(format!(
                "the menu link `{}` ({}) is not a page, a path, a web address or an e-mail address",
                item.link, item.title
            ), format!(
                "de menulink `{}` ({}) is geen pagina, pad, webadres of e-mailadres",
                item.link, item.title
            ))
            .in_file("site.yaml")
            .help("write `@/section/page.md`, `/path/`, `https://...` or `mailto:...`", "schrijf `@/sectie/pagina.md`, `/pad/`, `https://...` of `mailto:...`");
            if let Some(offset) = source.find(item.link.as_str()) {
                let line = lines.line_of(offset);
                d = d
                    .at(line + 1, Some(lines.column(offset)))
                    .with_line(lines.line(line));
            }
            out.push(d);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_schemes_are_found_however_they_are_written() {
        assert_eq!(code_scheme("javascript:alert(1)"), Some("javascript:"));
        assert_eq!(code_scheme(" JavaScript:alert(1)"), Some("javascript:"));
        assert_eq!(code_scheme("java\tscript:x"), Some("javascript:"));
        assert_eq!(code_scheme("data:text/html,x"), Some("data:"));
        assert_eq!(code_scheme("https://example.org"), None);
        assert_eq!(code_scheme("/nieuws/"), None);
    }

    #[test]
    fn markdown_links_and_raw_html_are_found_with_their_line_but_code_examples_are_not() {
        let src = "---\ntitle: x\n---\nZie [dit](javascript:alert(1)).\n\n<script>alert(1)</script>\n\n`<script>` en\n\n    <script>\n\n<a href=\"data:text/html,x\">y</a>\n";
        let found = in_markdown(Path::new("a.md"), src);
        let lines: Vec<_> = found.iter().map(|d| d.line.unwrap()).collect();
        assert_eq!(lines, vec![4, 6, 12], "{found:#?}");
        assert_eq!(found[0].column, Some(11));
    }
}
