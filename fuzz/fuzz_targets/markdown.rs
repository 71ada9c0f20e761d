//! `shortcodes::extract` + `markdown::render` on arbitrary text, the body of a page as the site renders it
//! (shortcode bodies included). Errors are fine; a panic is a bug.
#![no_main]

use kennis::content::markdown::{self, Input, LinkResolver, Unresolved};
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
    let input = Input {
        file,
        source: &source,
        body: &replaced,
        body_line,
        anchor_label: "Link to this section",
    };
    let rendered = markdown::render(&input, &Links, &mut problems);
    for call in &calls {
        if let Some(b) = &call.body {
            let input = Input { body: b, body_line: call.line, ..input };
            markdown::render(&input, &Links, &mut problems);
        }
    }
    let html: Vec<String> = calls.iter().map(|c| format!("<{}>", c.name)).collect();
    shortcodes::restore(&rendered.html, &html);
    if let Some(s) = &rendered.summary {
        shortcodes::restore(s, &html);
    }
});
