//! `SourcePage::from_file` (front matter split, YAML, per-kind checks) on arbitrary UTF-8 text, for every
//! kind of page and both languages; a valid page's body is then rendered as the site would.
//! Errors are fine; a panic is a bug.
#![no_main]

use kennis::config::Lang;
use kennis::content::markdown::{self, Input, LineIndex, LinkResolver, Unresolved};
use kennis::content::page::SourcePage;
use kennis::content::{Kind, Section, shortcodes};
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

fn kind(b: u8) -> Kind {
    match b % 15 {
        0 => Kind::Home,
        1..=6 => Kind::Section(Section::ALL[(b % 15 - 1) as usize]),
        7 => Kind::Series,
        8 => Kind::Project,
        9 => Kind::Episode,
        10 => Kind::Guide,
        11 => Kind::News,
        12 => Kind::Theme,
        13 => Kind::Sector,
        _ => Kind::Plain,
    }
}

fuzz_target!(|data: &[u8]| {
    // First byte picks the kind and the language; the rest is the file.
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let lang = if sel & 0x80 == 0 { Lang::Nl } else { Lang::En };
    let file = Path::new("content/projecten/x.md");
    let Ok(page) = SourcePage::from_file(
        file,
        text.to_string(),
        lang,
        kind(sel & 0x7f),
        "x".into(),
        None,
    ) else {
        return;
    };
    let Ok((body, calls)) = shortcodes::extract(page.body(), page.body_line, file, &page.source)
    else {
        return;
    };
    let mut problems = Vec::new();
    let source_lines = LineIndex::new(&page.source);
    let input = Input {
        file,
        source: &page.source,
        source_lines: &source_lines,
        body: &body,
        body_line: page.body_line,
        anchor_label: "Link naar dit deel",
    };
    let rendered = markdown::render(&input, &Links, &mut problems);
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
    let html: Vec<String> = calls.iter().map(|c| format!("<{}>", c.name)).collect();
    shortcodes::restore(&rendered.html, &html);
});
