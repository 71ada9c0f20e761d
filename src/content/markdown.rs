//! Markdown to HTML, once per page.
//!
//! One pass over pulldown-cmark's events does everything a page needs: heading ids and anchor links, the
//! table of contents, `@/` links turned into URLs in the page's language, the summary (`<!-- more -->`), the
//! transcript split (`<!-- transcript -->`) and the word count. Shortcodes are cut out before parsing and
//! put back after rendering (see `shortcodes.rs`), so their HTML never goes through Markdown.

use crate::diagnostics::Diagnostic;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;
use std::collections::HashSet;
use std::path::Path;

#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Rendered {
    pub html: String,
    /// HTML before `<!-- more -->`, if the page has the marker.
    pub summary: Option<String>,
    /// HTML after `<!-- transcript -->`, if the page has the marker.
    pub transcript: Option<String>,
    pub toc: Vec<TocEntry>,
    pub word_count: usize,
    /// Heading ids, for checking `#anchor` links.
    pub anchors: Vec<String>,
    /// `@/page.md#anchor` links, checked once every page is rendered.
    pub anchor_links: Vec<AnchorLink>,
}

/// A link to a heading on another page, with where it was written.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AnchorLink {
    /// The `@/` target without `@/`, e.g. `projecten/flow.md#doel`.
    pub target: String,
    pub line: usize,
    pub column: Option<usize>,
}

/// Why a link leads nowhere, in English and in Dutch.
#[derive(Debug, Clone)]
pub struct Unresolved {
    pub en: String,
    pub nl: String,
}

/// Turns `@/section/page.md#anchor` into a URL, or says why it cannot.
pub trait LinkResolver {
    fn resolve(&self, target: &str) -> Result<String, Unresolved>;
}

pub struct Input<'a> {
    pub file: &'a Path,
    /// The whole file, for excerpts.
    pub source: &'a str,
    pub body: &'a str,
    /// Line number of the first body line in the file.
    pub body_line: usize,
    /// Accessible text for heading anchor links ("Link naar dit deel").
    pub anchor_label: &'a str,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a body whose shortcodes were already replaced by placeholders.
pub fn render(
    input: &Input<'_>,
    links: &dyn LinkResolver,
    problems: &mut Vec<Diagnostic>,
) -> Rendered {
    let body = input.body;
    let parser = Parser::new_ext(body, options()).into_offset_iter();
    let mut events: Vec<Event<'_>> = Vec::with_capacity(body.len() / 16);
    let mut out = Rendered::default();
    let mut used_ids: HashSet<String> = HashSet::new();
    // Index into `events` where a heading starts, and the text collected inside it.
    let mut heading: Option<(usize, HeadingLevel, Option<String>, String)> = None;
    let mut more_at = None;
    let mut transcript_at = None;

    for (event, range) in parser {
        let line = || input.body_line + body[..range.start].matches('\n').count();
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                heading = Some((
                    events.len(),
                    level,
                    id.map(|s| s.to_string()),
                    String::new(),
                ));
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((start, lvl, custom, text)) = heading.take() {
                    let base = custom.unwrap_or_else(|| {
                        let s = slug::slugify(&text);
                        if s.is_empty() { "deel".to_string() } else { s }
                    });
                    let mut id = base.clone();
                    let mut n = 1;
                    while !used_ids.insert(id.clone()) {
                        id = format!("{base}-{n}");
                        n += 1;
                    }
                    if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[start] {
                        *slot = Some(CowStr::from(id.clone()));
                    }
                    let anchor = format!(
                        "<a class=\"anchor\" href=\"#{id}\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">{}: {}</span></a>",
                        escape(input.anchor_label),
                        escape(&text)
                    );
                    events.push(Event::InlineHtml(CowStr::from(anchor)));
                    if matches!(lvl, HeadingLevel::H2 | HeadingLevel::H3) && transcript_at.is_none()
                    {
                        out.toc.push(TocEntry {
                            level: lvl as u8,
                            id: id.clone(),
                            title: text,
                        });
                    }
                    out.anchors.push(id);
                }
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                if let Some((_, _, _, text)) = &mut heading {
                    text.push_str(t);
                }
                out.word_count += t.split_whitespace().count();
                events.push(event);
            }
            Event::Html(ref h) | Event::InlineHtml(ref h) => {
                let trimmed = h.trim();
                if trimmed == "<!-- more -->" && more_at.is_none() {
                    more_at = Some(events.len());
                } else if trimmed == "<!-- transcript -->" && transcript_at.is_none() {
                    transcript_at = Some(events.len());
                } else {
                    events.push(event);
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = rewrite(
                    &dest_url,
                    links,
                    input,
                    line(),
                    problems,
                    &mut out.anchor_links,
                );
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = rewrite(
                    &dest_url,
                    links,
                    input,
                    line(),
                    problems,
                    &mut out.anchor_links,
                );
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
            }
            other => events.push(other),
        }
    }

    let cut = |from: usize, to: usize| {
        let mut s = String::new();
        html::push_html(&mut s, events[from..to].iter().cloned());
        s
    };
    let end = events.len();
    let main_end = transcript_at.unwrap_or(end);
    out.html = cut(0, main_end);
    if let Some(t) = transcript_at {
        out.transcript = Some(cut(t, end));
    }
    if let Some(m) = more_at.filter(|m| *m <= main_end) {
        out.summary = Some(cut(0, m));
    }
    out
}

fn rewrite<'a>(
    dest: &CowStr<'a>,
    links: &dyn LinkResolver,
    input: &Input<'_>,
    line: usize,
    problems: &mut Vec<Diagnostic>,
    anchor_links: &mut Vec<AnchorLink>,
) -> CowStr<'a> {
    let Some(target) = dest.strip_prefix("@/") else {
        return dest.clone();
    };
    // Columns count characters, not bytes, so the caret lands right after é or ë.
    let col = input
        .source
        .lines()
        .nth(line - 1)
        .and_then(|l| l.find(dest.as_ref()).map(|c| l[..c].chars().count() + 1));
    match links.resolve(target) {
        Ok(url) => {
            if target.contains('#') {
                anchor_links.push(AnchorLink {
                    target: target.to_string(),
                    line,
                    column: col,
                });
            }
            CowStr::from(url)
        }
        Err(why) => {
            problems.push(
                Diagnostic::error(format!("the link `{dest}` leads nowhere: {}", why.en))
                    .nl(format!("de link `{dest}` leidt nergens heen: {}", why.nl))
                    .in_file(input.file)
                    .at(line, col)
                    .help("internal links name the Dutch file, e.g. `@/projecten/flow-haalbaarheidsverkenning.md` or `@/nieuws/_index.md`")
                    .help_nl("een link naar een pagina op deze site noemt het Nederlandse bestand, bijvoorbeeld `@/projecten/flow-haalbaarheidsverkenning.md` of `@/nieuws/_index.md`; kijk of de map en de bestandsnaam goed gespeld zijn")
                    .with_source(input.source),
            );
            CowStr::from("#")
        }
    }
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Minutes to read `words` at 200 words a minute, at least one.
pub fn reading_minutes(words: usize) -> usize {
    words.div_ceil(200).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Links;
    impl LinkResolver for Links {
        fn resolve(&self, target: &str) -> Result<String, Unresolved> {
            match target {
                "projecten/flow.md" => Ok("/projecten/flow/".into()),
                _ => Err(Unresolved {
                    en: "no such page".into(),
                    nl: "die pagina bestaat niet".into(),
                }),
            }
        }
    }

    fn run(body: &str) -> (Rendered, Vec<Diagnostic>) {
        let mut p = vec![];
        let src = format!("---\ntitle: x\n---\n{body}");
        let input = Input {
            file: Path::new("a.md"),
            source: &src,
            body,
            body_line: 4,
            anchor_label: "Link",
        };
        (render(&input, &Links, &mut p), p)
    }

    #[test]
    fn headings_get_unique_ids_and_toc() {
        let (r, _) = run("## Doel\n\ntekst\n\n## Doel\n\n### Sub {#eigen}\n");
        assert!(r.html.contains("<h2 id=\"doel\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"doel-1\">"), "{}", r.html);
        assert!(r.html.contains("<h3 id=\"eigen\">"), "{}", r.html);
        assert_eq!(r.toc.len(), 3);
    }

    #[test]
    fn internal_links_resolve_and_broken_ones_are_reported_with_line() {
        let (r, p) = run("Zie [flow](@/projecten/flow.md).\n\nEn [weg](@/projecten/weg.md).\n");
        assert!(r.html.contains("href=\"/projecten/flow/\""));
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].line, Some(6));
        assert_eq!(p[0].column, Some(10));
    }

    #[test]
    fn summary_and_transcript_markers() {
        let (r, _) =
            run("Eerst.\n\n<!-- more -->\n\nDan.\n\n<!-- transcript -->\n\nGesproken tekst.\n");
        assert!(r.summary.unwrap().contains("Eerst"));
        assert!(r.html.contains("Dan.") && !r.html.contains("Gesproken"));
        assert!(r.transcript.unwrap().contains("Gesproken"));
    }

    #[test]
    fn extensions_are_on() {
        let (r, _) = run(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~weg~~ \"quote\"\n\n- [x] klaar\n\nNoot[^1]\n\n[^1]: uitleg\n",
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>"));
        assert!(r.html.contains("“quote”"));
        assert!(r.html.contains("checkbox"));
        assert!(r.html.contains("footnote"));
        assert!(r.word_count > 5);
    }
}
