//! Shortcodes: `{{< name key="value" >}}` and `{{< name >}}body{{< /name >}}` in Markdown.
//!
//! They are cut out of the body before Markdown parsing and replaced by placeholders that keep the line
//! count, so positions of everything else stay right. The theme renders each call with its template
//! `shortcodes/<name>.html`; [`restore`] puts the HTML back. A shortcode is recognised only when written as
//! above; anything malformed is an error with its line.

use super::lines::LineIndex;
use crate::diagnostics::Diagnostic;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::Path;

#[derive(Debug, Clone)]
pub struct Call {
    pub name: String,
    pub args: BTreeMap<String, String>,
    /// Markdown between the opening and closing tag, if any.
    pub body: Option<String>,
    /// Line of the opening tag in the file.
    pub line: usize,
    /// Line in the file where the body text starts.
    pub body_line: usize,
}

const OPEN: &str = "{{<";
const CLOSE: &str = ">}}";

fn placeholder(n: usize) -> String {
    format!("KENNISSHORTCODE{n}X")
}

/// Replaces shortcodes in `body` with placeholders.
pub fn extract(
    body: &str,
    body_line: usize,
    file: &Path,
    source: &str,
) -> Result<(String, Vec<Call>), Vec<Diagnostic>> {
    if !body.contains(OPEN) {
        return Ok((body.to_string(), Vec::new()));
    }
    let mut out = String::with_capacity(body.len());
    let mut calls = Vec::new();
    let mut problems = Vec::new();
    let mut rest = body;
    let mut consumed = 0;
    let lines = LineIndex::new(body);
    let source_lines = std::cell::OnceCell::new();
    let mut closings = Closings::new(body);
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let abs = consumed + start;
        let line = body_line + lines.line_of(abs);
        // Column of this tag (in characters), not of the first `{{<` on the line.
        let col_here = lines.column(abs);
        let err = |msg: String, help: &str, msg_nl: String, help_nl: &str| {
            // The body starts at the start of a line, so this is also the column in the file.
            let col = Some(col_here);
            // From a table of the file's lines, built on the first problem: `with_source` would count the
            // file's lines again for each of thousands of broken tags.
            let file_lines = source_lines.get_or_init(|| LineIndex::new(source));
            Diagnostic::error(msg, msg_nl)
                .in_file(file)
                .at(line, col)
                .help(help, help_nl)
                .with_line(file_lines.line(line - 1))
        };
        let after = &rest[start + OPEN.len()..];
        let Some(end) = after.find(CLOSE) else {
            problems.push(err(
                "a shortcode is not closed with `>}}`".into(),
                "write it as {{< name key=\"value\" >}}",
                "een shortcode wordt niet afgesloten met `>}}`".into(),
                "schrijf hem als {{< name key=\"value\" >}}, met `>}}` aan het eind",
            ));
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let inner = after[..end].trim();
        let tag_len = OPEN.len() + end + CLOSE.len();
        if inner.starts_with('/') {
            // Most often a typo in the closing tag of the shortcode opened just before.
            let stray = inner.trim_start_matches('/').trim();
            let open_name = calls
                .iter()
                .rev()
                .find(|c: &&Call| c.body.is_none())
                .map(|c| c.name.clone());
            let (help, help_nl) = match open_name
                .as_deref()
                .and_then(|n| crate::diagnostics::did_you_mean(stray, [n]))
            {
                Some(n) => (
                    format!(
                        "did you mean {{{{< /{n} >}}}}? It closes the `{n}` shortcode opened before it"
                    ),
                    format!(
                        "bedoel je {{{{< /{n} >}}}}? Die sluit de shortcode `{n}` af die ervoor begint"
                    ),
                ),
                None => (
                    "remove it, or add the opening tag before it".to_string(),
                    "haal hem weg, of zet het begin van de shortcode ervoor".to_string(),
                ),
            };
            problems.push(err(
                format!("`{{{{< {inner} >}}}}` closes a shortcode that was never opened"),
                &help,
                format!("`{{{{< {inner} >}}}}` sluit een shortcode af die nergens begint"),
                &help_nl,
            ));
            consumed += start + tag_len;
            rest = &rest[start + tag_len..];
            continue;
        }
        let (name, args) = match parse_tag(inner) {
            Ok(v) => v,
            Err((why, why_nl)) => {
                problems.push(err(
                    format!("the shortcode `{{{{< {inner} >}}}}` cannot be read: {why}"),
                    "write arguments as key=\"value\", separated by spaces",
                    format!("de shortcode `{{{{< {inner} >}}}}` kan niet gelezen worden: {why_nl}"),
                    "schrijf de gegevens als key=\"value\" (met de waarde tussen dubbele aanhalingstekens), gescheiden door spaties",
                ));
                // Skip its closing tag too, so it is not reported again as a stray one.
                let name = inner.split_whitespace().next().unwrap_or("");
                let skip = match closings.after(abs + tag_len, name) {
                    Some((at, close_len)) => at + close_len - abs,
                    None => tag_len,
                };
                consumed += start + skip;
                rest = &rest[start + skip..];
                continue;
            }
        };
        let after_tag = &rest[start + tag_len..];
        let (call_body, total_len) = match closings.after(abs + tag_len, &name) {
            Some((at, close_len)) => {
                let body_end = at - (abs + tag_len);
                (
                    Some(after_tag[..body_end].trim().to_string()),
                    tag_len + body_end + close_len,
                )
            }
            None => (None, tag_len),
        };
        // The body is trimmed: its first line is that of its first character.
        let leading = after_tag.len() - after_tag.trim_start().len();
        let body_line_here = body_line + lines.line_of(abs + tag_len + leading);
        let replaced = &rest[start..start + total_len];
        out.push_str(&placeholder(calls.len()));
        for _ in 0..replaced.matches('\n').count() {
            out.push('\n');
        }
        calls.push(Call {
            name,
            args,
            body: call_body,
            line,
            body_line: body_line_here,
        });
        consumed += start + total_len;
        rest = &rest[start + total_len..];
    }
    out.push_str(rest);
    if problems.is_empty() {
        Ok((out, calls))
    } else {
        Err(problems)
    }
}

/// Every closing tag `{{< /name >}}` (spaces optional) of a body, found in one pass, by name and in order.
///
/// Searching the rest of the body for each tag's closing tag made 10,000 shortcodes without one take half a
/// minute (issue 16). Tags are asked for in the order they appear, so each name's queue only moves forward.
struct Closings<'b> {
    text: &'b str,
    /// Name → (offset, length) of its closing tags not yet passed, lazily built on the first question.
    by_name: Option<HashMap<&'b str, VecDeque<(usize, usize)>>>,
}

impl<'b> Closings<'b> {
    fn new(text: &'b str) -> Self {
        Closings {
            text,
            by_name: None,
        }
    }

    /// The first closing tag of `name` at or after byte `from`: (offset, length). `from` never decreases.
    fn after(&mut self, from: usize, name: &str) -> Option<(usize, usize)> {
        let text = self.text;
        let by_name = self.by_name.get_or_insert_with(|| {
            let mut map: HashMap<&str, VecDeque<(usize, usize)>> = HashMap::new();
            let mut closes = text.match_indices(CLOSE).map(|(i, _)| i).peekable();
            for (at, _) in text.match_indices(OPEN) {
                let inner_start = at + OPEN.len();
                // The first `>}}` after this `{{<` ends it; none after it means none for later ones either.
                while closes.next_if(|&c| c < inner_start).is_some() {}
                let Some(&end) = closes.peek() else { break };
                if let Some(n) = text[inner_start..end].trim().strip_prefix('/') {
                    map.entry(n.trim())
                        .or_default()
                        .push_back((at, end + CLOSE.len() - at));
                }
            }
            map
        });
        let queue = by_name.get_mut(name)?;
        while queue.front().is_some_and(|&(at, _)| at < from) {
            queue.pop_front();
        }
        queue.front().copied()
    }
}

/// A shortcode tag's name and arguments, or why it cannot be read (in English and in Dutch).
fn parse_tag(inner: &str) -> Result<(String, BTreeMap<String, String>), (String, String)> {
    let name_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
    let name = &inner[..name_end];
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err((
            format!("`{name}` is not a shortcode name"),
            format!("`{name}` is geen naam van een shortcode"),
        ));
    }
    let mut args = BTreeMap::new();
    let mut rest = inner[name_end..].trim_start();
    while !rest.is_empty() {
        let eq = rest.find('=').ok_or_else(|| {
            (
                format!("`{rest}` has no `=value`"),
                format!("na `{rest}` ontbreekt `=value`"),
            )
        })?;
        let key = rest[..eq].trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err((
                format!("`{key}` is not an argument name"),
                format!("`{key}` is geen geldige naam voor een gegeven"),
            ));
        }
        let value_part = rest[eq + 1..].trim_start();
        let Some(v) = value_part.strip_prefix('"') else {
            return Err((
                format!("the value of `{key}` must be in double quotes"),
                format!("de waarde van `{key}` moet tussen dubbele aanhalingstekens staan"),
            ));
        };
        let mut value = String::new();
        let mut chars = v.char_indices();
        let mut end = None;
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    if let Some((_, n)) = chars.next() {
                        value.push(n);
                    }
                }
                '"' => {
                    end = Some(i);
                    break;
                }
                c => value.push(c),
            }
        }
        let end = end.ok_or_else(|| {
            (
                format!("the value of `{key}` has no closing quote"),
                format!("na de waarde van `{key}` ontbreekt het sluitende aanhalingsteken"),
            )
        })?;
        if args.insert(key.to_string(), value).is_some() {
            return Err((
                format!("`{key}` is given twice"),
                format!("`{key}` staat er twee keer in"),
            ));
        }
        rest = v[end + 1..].trim_start();
    }
    Ok((name.to_string(), args))
}

/// Puts rendered shortcode HTML back in place of the placeholders, in one pass over `html`.
///
/// A placeholder alone in a paragraph (`<p>KENNISSHORTCODE3X</p>`) is a block shortcode: the paragraph
/// around it goes. HTML put back is never searched again, so a shortcode's own text cannot be replaced.
/// A placeholder inside a tag (a shortcode written in a heading id `{#...}` or a link address) stays as
/// it is: the shortcode's HTML there would break out of the attribute (found by fuzzing, issue 16).
pub fn restore(html: &str, rendered: &[String]) -> String {
    const PREFIX: &str = "KENNISSHORTCODE";
    if rendered.is_empty() {
        return html.to_string();
    }
    let mut out =
        String::with_capacity(html.len() + rendered.iter().map(String::len).sum::<usize>());
    // `html[copied..]` is not yet in `out`.
    let mut copied = 0;
    let mut markup = Markup::default();
    for (at, _) in html.match_indices(PREFIX) {
        if at < copied || markup.in_tag_at(html, at) {
            continue;
        }
        let digits_end = at
            + PREFIX.len()
            + html[at + PREFIX.len()..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
        let Some(h) = html[at + PREFIX.len()..digits_end]
            .parse::<usize>()
            .ok()
            .filter(|_| html[digits_end..].starts_with('X'))
            .and_then(|n| rendered.get(n))
        else {
            continue;
        };
        let end = digits_end + 1;
        let block = html[copied..at].ends_with("<p>") && html[end..].starts_with("</p>");
        let (from, to) = if block {
            (at - "<p>".len(), end + "</p>".len())
        } else {
            (at, end)
        };
        out.push_str(&html[copied..from]);
        out.push_str(h);
        copied = to;
    }
    out.push_str(&html[copied..]);
    out
}

/// Whether a place in HTML is inside a tag (`<a href="...">`) or in text, read forward once.
#[derive(Default)]
struct Markup {
    /// Bytes before this are read.
    read: usize,
    in_tag: bool,
    /// The quote of the attribute value being read, inside a tag.
    quote: Option<u8>,
}

impl Markup {
    /// Is byte `at` of `html` inside a tag? `at` never decreases between calls.
    fn in_tag_at(&mut self, html: &str, at: usize) -> bool {
        for &b in &html.as_bytes()[self.read..at] {
            match (self.in_tag, self.quote, b) {
                (false, _, b'<') => self.in_tag = true,
                (true, None, b'"' | b'\'') => self.quote = Some(b),
                (true, Some(q), _) if q == b => self.quote = None,
                (true, None, b'>') => self.in_tag = false,
                _ => {}
            }
        }
        self.read = at;
        self.in_tag
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_calls_with_bodies_and_keeps_lines() {
        let body = "Tekst\n\n{{< quote source=\"Een OR-lid\" >}}\nHeel belangrijk.\n{{< /quote >}}\n\nna {{< download file=\"/a.pdf\" >}}\n";
        let (out, calls) = extract(body, 4, Path::new("a.md"), body).unwrap();
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].name, "quote");
        assert_eq!(calls[0].args["source"], "Een OR-lid");
        assert_eq!(calls[0].body.as_deref(), Some("Heel belangrijk."));
        assert_eq!(calls[1].line, 10);
        assert_eq!(out.matches('\n').count(), body.matches('\n').count());
    }

    #[test]
    fn malformed_arguments_are_errors_with_line() {
        let body = "a\n{{< quote source=Een >}}\n";
        let errs = extract(body, 4, Path::new("a.md"), body).unwrap_err();
        assert_eq!(errs[0].line, Some(5));
    }

    #[test]
    fn restore_replaces_block_paragraphs() {
        let html = format!("<p>{}</p>\n<p>x {} y</p>", placeholder(0), placeholder(1));
        let out = restore(
            &html,
            &["<blockquote>q</blockquote>".into(), "<a>d</a>".into()],
        );
        assert_eq!(out, "<blockquote>q</blockquote>\n<p>x <a>d</a> y</p>");
    }

    #[test]
    fn restore_leaves_placeholders_inside_tags_alone() {
        let html = format!(
            "<h2 id=\"a{p}\">t<a href=\"#a{p}\">#</a> {p}</h2><a title='{p}'>{p}</a>",
            p = placeholder(0)
        );
        let out = restore(&html, &["<b class=\"x\">v</b>".into()]);
        let p = placeholder(0);
        assert_eq!(
            out,
            format!(
                "<h2 id=\"a{p}\">t<a href=\"#a{p}\">#</a> <b class=\"x\">v</b></h2><a title='{p}'><b class=\"x\">v</b></a>"
            )
        );
    }
}
