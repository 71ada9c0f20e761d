//! `shortcodes::extract` + `markdown::render` on arbitrary text, the body of a page as the site renders it
//! (shortcode bodies included). Errors are fine; a panic is a bug.
#![no_main]

use kennis::content::markdown::{self, Input, LineIndex, LinkResolver, Unresolved};
use kennis::content::shortcodes;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

struct Links;

impl LinkResolver for Links {
    fn resolve(&self, target: &str) -> Result<String, Unresolved> {
        if target.len() % 2 == 0 {
            Ok(format!("/{target}/"))
        } else {
            Err(Unresolved {
                en: "no such page".into(),
                nl: "die pagina bestaat niet".into(),
            })
        }
    }
}

fuzz_target!(|data: &[u8]| {
    // First byte: how many front matter lines precede the body (so body_line varies); the rest is the body.
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let Ok(body) = std::str::from_utf8(rest) else {
        return;
    };
    let pre = "x\n".repeat((sel % 16) as usize);
    let source = format!("{pre}{body}");
    let body_line = pre.len() / 2 + 1;
    let body = &source[pre.len()..];
    let file = Path::new("content/nieuws/x.md");
    let Ok((replaced, calls)) = shortcodes::extract(body, body_line, file, &source) else {
        return;
    };
    let mut problems = Vec::new();
    let source_lines = LineIndex::new(&source);
    let input = Input {
        file,
        source: &source,
        source_lines: &source_lines,
        body: &replaced,
        body_line,
        anchor_label: "Link to this section",
    };
    let rendered = markdown::render(&input, &Links, &mut problems);
    // Raw HTML written to look like an anchor is the editor's own markup, not a breakout.
    let own_anchors = body.contains("class=\"anchor\"");
    if !own_anchors {
        assert_anchors_escaped(&rendered.html);
    }
    for call in &calls {
        if let Some(b) = &call.body {
            let input = Input {
                body: b,
                body_line: call.line,
                ..input
            };
            markdown::render(&input, &Links, &mut problems);
        }
    }
    // Each call's HTML names its number, so a placeholder put back in the wrong place shows.
    let html: Vec<String> = calls
        .iter()
        .enumerate()
        .map(|(n, c)| format!("<x-{}-{n}>", c.name))
        .collect();
    let restored = shortcodes::restore(&rendered.html, &html);
    if !own_anchors {
        assert_anchors_escaped(&restored);
    }
    if let Some(s) = &rendered.summary {
        shortcodes::restore(s, &html);
    }
});

/// A heading's anchor link is `<a class="anchor" href="#ID"><span ...`: whatever the id (`{#a"b}` included),
/// its first `"` must close the attribute, or the id has broken out of it.
fn assert_anchors_escaped(html: &str) {
    const START: &str = "<a class=\"anchor\" href=\"#";
    for (at, _) in html.match_indices(START) {
        let rest = &html[at + START.len()..];
        let close = rest.find('"').expect("the href is never closed");
        assert!(
            rest[close..].starts_with("\"><span aria-hidden"),
            "a heading id broke out of the anchor's href: {}",
            &html[at..(at + START.len() + close + 40).min(html.len())]
        );
        assert!(
            !rest[..close].contains(['<', '>']),
            "unescaped < or > in an anchor href"
        );
    }
}
