//! Markdown to HTML, once per page.
//!
//! One pass over pulldown-cmark's events does everything a page needs: heading ids and anchor links, the
//! table of contents, `@/` links turned into URLs in the page's language, the summary (`<!-- more -->`), the
//! transcript split (`<!-- transcript -->`) and the word count. Shortcodes are cut out before parsing and
//! put back after rendering (see `shortcodes.rs`), so their HTML never goes through Markdown.

use super::lines::Columns;
pub use super::lines::LineIndex;
use crate::diagnostics::Diagnostic;
use pulldown_cmark::{CowStr, Event, HeadingLevel, OffsetIter, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet, VecDeque};
use std::ops::Range;
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
    /// Line starts of `source`, built once per file and shared by the body and every shortcode body.
    pub source_lines: &'a LineIndex<'a>,
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

/// Broken links reported one by one on a page; the rest are counted in one message, so a page of 20,000
/// broken links gives a readable answer (and not gigabytes of excerpts).
const MAX_BROKEN_SHOWN: usize = 100;

/// Renders a body whose shortcodes were already replaced by placeholders.
///
/// Events stream from the parser into the HTML writer; only the events of one heading are held back (its
/// id comes from its text). Buffering the whole page's events cost about 80 bytes per event, hundreds of
/// megabytes for a megabyte of `*a` (issue 16).
pub fn render(
    input: &Input<'_>,
    links: &dyn LinkResolver,
    problems: &mut Vec<Diagnostic>,
) -> Rendered {
    let body = input.body;
    let html = RefCell::new(String::with_capacity(body.len() + body.len() / 2));
    let mut stream = Stream {
        parser: Parser::new_ext(body, options()).into_offset_iter(),
        input,
        links,
        lines: LineIndex::new(body),
        problems,
        out: Rendered::default(),
        ids: HeadingIds::default(),
        pending: VecDeque::new(),
        written: &html,
        broken: 0,
        same_line: None,
        columns: Columns::default(),
        summary_len: None,
        seen_more: false,
        seen_transcript: false,
    };
    // Everything up to `<!-- transcript -->` is the page; what follows it, rendered on its own, the
    // transcript.
    html::write_html_fmt(Sink(&html), &mut stream).expect("writing to a String cannot fail");
    if stream.seen_transcript {
        let mut transcript = String::new();
        html::push_html(&mut transcript, &mut stream);
        stream.out.transcript = Some(transcript);
    }
    if stream.broken > MAX_BROKEN_SHOWN {
        let more = stream.broken - MAX_BROKEN_SHOWN;
        stream.problems.push(
            Diagnostic::error(
                format!("and {more} more links on this page lead nowhere"),
                format!("en nog {more} links op deze pagina leiden nergens heen"),
            )
            .in_file(input.file)
            .help(
                "fix the links above first; the next build then shows the rest",
                "verbeter eerst de links hierboven; daarna toont `kennis build` de rest",
            ),
        );
    }
    let summary_len = stream.summary_len;
    let mut out = stream.out;
    out.html = html.into_inner();
    out.summary = summary_len.map(|n| out.html[..n].to_string());
    out
}

/// The HTML written so far, shared by the writer and the event stream (which notes where the summary ends).
struct Sink<'s>(&'s RefCell<String>);

impl std::fmt::Write for Sink<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.borrow_mut().push_str(s);
        Ok(())
    }
}

/// The parser's events with ids on headings, `@/` links resolved and the two markers taken out.
struct Stream<'a, 'i> {
    parser: OffsetIter<'a>,
    input: &'i Input<'i>,
    links: &'i dyn LinkResolver,
    /// Line starts of the body.
    lines: LineIndex<'a>,
    problems: &'i mut Vec<Diagnostic>,
    out: Rendered,
    ids: HeadingIds,
    /// A finished heading's events, handed out one by one.
    pending: VecDeque<Event<'a>>,
    written: &'i RefCell<String>,
    /// Links that lead nowhere; the first [`MAX_BROKEN_SHOWN`] are reported one by one.
    broken: usize,
    /// Whether the body line last asked about is the file's line, and columns on it.
    same_line: Option<(usize, bool)>,
    columns: Columns,
    /// Length of the HTML when `<!-- more -->` came.
    summary_len: Option<usize>,
    seen_more: bool,
    seen_transcript: bool,
}

impl<'a> Iterator for Stream<'a, '_> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(e) = self.pending.pop_front() {
            return Some(e);
        }
        loop {
            let (event, range) = self.parser.next()?;
            match event {
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    self.heading(level, id, classes, attrs);
                    return self.pending.pop_front();
                }
                Event::Html(ref h) | Event::InlineHtml(ref h) => match h.trim() {
                    "<!-- more -->" if !self.seen_more => {
                        self.seen_more = true;
                        // A marker in the transcript does not make a summary.
                        if !self.seen_transcript {
                            self.summary_len = Some(self.written.borrow().len());
                        }
                    }
                    // Ends the page's part: the caller renders the rest as the transcript.
                    "<!-- transcript -->" if !self.seen_transcript => {
                        self.seen_transcript = true;
                        return None;
                    }
                    _ => return Some(event),
                },
                other => return Some(self.inline(other, range)),
            }
        }
    }
}

impl<'a> Stream<'a, '_> {
    /// Counts words and resolves `@/` links in an event outside or inside a heading.
    fn inline(&mut self, event: Event<'a>, range: Range<usize>) -> Event<'a> {
        match event {
            Event::Text(ref t) | Event::Code(ref t) => {
                self.out.word_count += t.split_whitespace().count();
                event
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: self.rewrite(&dest_url, range),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: self.rewrite(&dest_url, range),
                title,
                id,
            }),
            other => other,
        }
    }

    /// Reads a heading up to its end, gives it a unique id and an anchor link, and queues its events.
    fn heading(
        &mut self,
        level: HeadingLevel,
        custom: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    ) {
        let mut inner = Vec::new();
        let mut text = String::new();
        while let Some((event, range)) = self.parser.next() {
            if matches!(event, Event::End(TagEnd::Heading(_))) {
                break;
            }
            if let Event::Text(t) | Event::Code(t) = &event {
                text.push_str(t);
            }
            inner.push(self.inline(event, range));
        }
        let base = custom.map(|c| c.to_string()).unwrap_or_else(|| {
            let s = slug::slugify(&text);
            if s.is_empty() { "deel".to_string() } else { s }
        });
        let id = self.ids.unique(base);
        self.pending.push_back(Event::Start(Tag::Heading {
            level,
            id: Some(CowStr::from(id.clone())),
            classes,
            attrs,
        }));
        self.pending.extend(inner);
        // The id is the editor's own text with `{#...}`: escaped, it cannot break out of the attribute.
        let anchor = format!(
            "<a class=\"anchor\" href=\"#{}\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">{}: {}</span></a>",
            escape(&id),
            escape(self.input.anchor_label),
            escape(&text)
        );
        self.pending
            .push_back(Event::InlineHtml(CowStr::from(anchor)));
        self.pending.push_back(Event::End(TagEnd::Heading(level)));
        if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) && !self.seen_transcript {
            self.out.toc.push(TocEntry {
                level: level as u8,
                id: id.clone(),
                title: text,
            });
        }
        self.out.anchors.push(id);
    }

    fn rewrite(&mut self, dest: &CowStr<'a>, range: Range<usize>) -> CowStr<'a> {
        let Some(target) = dest.strip_prefix("@/") else {
            return dest.clone();
        };
        let input = self.input;
        let in_body = self.lines.line_of(range.start);
        let line = input.body_line + in_body;
        let text = input.source_lines.line(line - 1);
        let resolved = self.links.resolve(target);
        // Only a broken link or one with an anchor is reported, and needs its column.
        let col = match &resolved {
            Ok(_) if !target.contains('#') => None,
            Err(_) if self.broken >= MAX_BROKEN_SHOWN => None,
            _ => self.column(dest, range, text),
        };
        match resolved {
            Ok(url) => {
                if target.contains('#') {
                    self.out.anchor_links.push(AnchorLink {
                        target: target.to_string(),
                        line,
                        column: col,
                    });
                }
                CowStr::from(url)
            }
            Err(_) if self.broken >= MAX_BROKEN_SHOWN => {
                self.broken += 1;
                CowStr::from("#")
            }
            Err(why) => {
                self.broken += 1;
                let d = Diagnostic::error(format!("the link `{dest}` leads nowhere: {}", why.en), format!("de link `{dest}` leidt nergens heen: {}", why.nl))
                    .in_file(input.file)
                    .at(line, col)
                    .help("internal links name the Dutch file, e.g. `@/projecten/flow-haalbaarheidsverkenning.md` or `@/nieuws/_index.md`", "een link naar een pagina op deze site noemt het Nederlandse bestand, bijvoorbeeld `@/projecten/flow-haalbaarheidsverkenning.md` of `@/nieuws/_index.md`; kijk of de map en de bestandsnaam goed gespeld zijn");
                // From the line table: `with_source` would count lines from the start for every link.
                self.problems.push(d.with_line(text));
                CowStr::from("#")
            }
        }
    }
}

impl Stream<'_, '_> {
    /// Column (in characters, so the caret lands right after é or ë) of the address `dest` of the link at
    /// `range` on the file's line `text`: counted in the body when its line is the file's line, else (a
    /// line with a shortcode before the link, a shortcode's text) the first place the address is written.
    fn column(&mut self, dest: &str, range: Range<usize>, text: Option<&str>) -> Option<usize> {
        let in_body = self.lines.line_of(range.start);
        let same = match self.same_line {
            Some((l, same)) if l == in_body => same,
            _ => {
                let same = self.lines.line(in_body) == text;
                self.same_line = Some((in_body, same));
                same
            }
        };
        let own = self
            .input
            .body
            .get(range.clone())
            .and_then(|link| link.find(dest))
            .map(|i| range.start + i)
            .filter(|&at| same && self.lines.line_of(at) == in_body);
        match own {
            Some(at) => Some(self.columns.column(&self.lines, at)),
            None => text.and_then(|l| l.find(dest).map(|c| l[..c].chars().count() + 1)),
        }
    }
}

/// Heading ids on one page: the first `doel`, then `doel-1`, `doel-2`, ... skipping ids already taken.
#[derive(Default)]
struct HeadingIds {
    used: HashSet<String>,
    /// Per base id, the next number to try, so 20,000 identical headings do not each count up from 1.
    next: HashMap<String, usize>,
}

impl HeadingIds {
    fn unique(&mut self, base: String) -> String {
        if self.used.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(1);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// Text for HTML, in an element or a double-quoted attribute.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // pulldown-cmark's own escaper, the one its HTML writer uses: `&`, `<`, `>` and `"`. Writing into a
    // String can't fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
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
        let lines = LineIndex::new(&src);
        let input = Input {
            file: Path::new("a.md"),
            source: &src,
            source_lines: &lines,
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
