//! Translations: pairing `x.md` with `x.en.md`, inheriting shared fields, and deciding what is published.
//!
//! The Dutch page is the original. Fields that do not depend on language (dates, themes, sectors, status,
//! period, audio, download, image, related, episode, duration, partners) are written once, in Dutch; the
//! English page inherits them, and repeating one with another value is an error. An English page without a
//! Dutch original must say `standalone: true`.

use super::{BuildOptions, Page, key_of};
use crate::config::Lang;
use crate::content::frontmatter::{Date, key_line};
use crate::content::page::{Details, SourcePage};
use crate::content::{Kind, Section};
use crate::diagnostics::Diagnostic;
use std::collections::BTreeMap;
use std::path::PathBuf;

pub struct Merged {
    pub pages: Vec<Page>,
    pub next_scheduled: Option<Date>,
    pub left_out: usize,
}

/// `failed` holds the keys of files that exist but could not be read: their translations are left out
/// quietly, so one mistake is reported once and not again as "no Dutch original".
pub fn merge(
    sources: Vec<SourcePage>,
    opts: &BuildOptions,
    failed: &std::collections::HashSet<String>,
    problems: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Merged {
    let mut groups: BTreeMap<String, (Option<SourcePage>, Option<SourcePage>)> = BTreeMap::new();
    for s in sources {
        let entry = groups.entry(key_of(&s)).or_default();
        match s.lang {
            Lang::Nl => entry.0 = Some(s),
            Lang::En => entry.1 = Some(s),
        }
    }
    // Every section and the home page exist in both languages, with or without an _index file.
    for (key, kind, titles) in virtual_pages() {
        let entry = groups.entry(key.clone()).or_default();
        for (lang, title) in [(Lang::Nl, titles.0), (Lang::En, titles.1)] {
            let slot = if lang == Lang::Nl {
                &mut entry.0
            } else {
                &mut entry.1
            };
            if slot.is_none() {
                *slot = Some(synthetic(kind.clone(), lang, title, &key));
            }
        }
    }

    let mut pages = Vec::new();
    let mut next_scheduled: Option<Date> = None;
    let mut left_out = 0;
    for (key, (nl, en)) in groups {
        if nl.is_none() && failed.contains(&key) {
            continue;
        }
        if let (None, Some(en)) = (&nl, &en)
            && !en.standalone
        {
            let dutch = en.file.to_string_lossy().replace(".en.md", ".md");
            problems.push(
                Diagnostic::error("this English page has no Dutch original")
                    .nl("het Nederlandse origineel van deze Engelse pagina ontbreekt")
                    .in_file(&en.file)
                    .help(format!("create {dutch}, or add `standalone: true` if the page exists only in English"))
                    .help_nl(format!("maak {dutch} aan, of zet `standalone: true` in de kop (front matter) als de pagina alleen in het Engels bestaat")),
            );
            continue;
        }
        if let (Some(nl), None) = (&nl, &en)
            && !matches!(nl.kind, Kind::Home | Kind::Section(_))
        {
            warnings.push(
                Diagnostic::warning("this page has no English translation")
                    .nl("deze pagina heeft nog geen Engelse vertaling")
                    .in_file(&nl.file)
                    .help(format!(
                        "add {}",
                        nl.file.to_string_lossy().replace(".md", ".en.md")
                    ))
                    .help_nl(format!(
                        "maak {} aan (bijvoorbeeld met `kennis translate`)",
                        nl.file.to_string_lossy().replace(".md", ".en.md")
                    )),
            );
        }
        let en = match (&nl, en) {
            (Some(nl), Some(en)) => Some(inherit(nl, en, problems)),
            (_, en) => en,
        };
        for mut src in [nl, en].into_iter().flatten() {
            check_required(&src, problems);
            // Publication window.
            // A partial date counts from its first day: `publish_date: 2026-03` goes live on 1 March.
            let scheduled = src.publish_date.filter(|d| d.first_day() > opts.today);
            let expired = src.expiry_date.is_some_and(|d| d.first_day() <= opts.today);
            if !opts.drafts && (src.draft || scheduled.is_some() || expired) {
                left_out += 1;
                if let Some(d) = scheduled {
                    next_scheduled = Some(next_scheduled.map_or(d, |n: Date| n.min(d)));
                }
                continue;
            }
            pages.push(Page {
                key: key.clone(),
                lang: src.lang,
                kind: src.kind.clone(),
                date: src.date,
                // Moved, not copied: after merging, the page's own fields are the source of truth.
                themes: src.themes.take().unwrap_or_default(),
                sectors: src.sectors.take().unwrap_or_default(),
                related: src.related.take().unwrap_or_default(),
                image: src.image.clone(),
                details: std::mem::replace(&mut src.details, Details::None),
                src,
                url: String::new(),
                translation: None,
                rendered: Default::default(),
                shortcodes: Default::default(),
            });
        }
    }
    Merged {
        pages,
        next_scheduled,
        left_out,
    }
}

fn virtual_pages() -> Vec<(String, Kind, (&'static str, &'static str))> {
    let mut v = vec![("_index".to_string(), Kind::Home, ("Home", "Home"))];
    for s in Section::ALL {
        let titles = match s {
            Section::Projecten => ("Projecten", "Projects"),
            Section::Podcasts => ("Podcasts", "Podcasts"),
            Section::Handreikingen => ("Handreikingen", "Guides"),
            Section::Nieuws => ("Nieuws", "News"),
            Section::Themas => ("Thema's", "Themes"),
            Section::Sectoren => ("Sectoren", "Sectors"),
        };
        v.push((format!("{}/_index", s.id()), Kind::Section(s), titles));
    }
    v
}

fn synthetic(kind: Kind, lang: Lang, title: &str, key: &str) -> SourcePage {
    let source = format!("---\ntitle: {title}\n---\n");
    let hash = crate::content::hash_text(&source);
    let body_start = source.len();
    SourcePage {
        file: PathBuf::from(format!(
            "content/{key}{}.md",
            if lang == Lang::En { ".en" } else { "" }
        )),
        lang,
        kind,
        id: "_index".into(),
        series: None,
        body_start,
        body_line: 4,
        source: source.into(),
        title: title.into(),
        description: None,
        date: None,
        updated: None,
        themes: None,
        sectors: None,
        draft: false,
        publish_date: None,
        expiry_date: None,
        slug: None,
        aliases: vec![],
        image: None,
        image_alt: None,
        related: None,
        standalone: false,
        weight: None,
        details: Details::None,
        synthetic: true,
        hash,
    }
}

/// Fills the English page's shared fields from the Dutch one, reporting conflicts.
fn inherit(nl: &SourcePage, mut en: SourcePage, problems: &mut Vec<Diagnostic>) -> SourcePage {
    let file = en.file.clone();
    let source = en.source.clone();
    let mut conflict = |key: &str, nl_has: bool| {
        let line = key_line(&source, key).unwrap_or(1);
        let (msg, msg_nl) = if nl_has {
            (
                format!("`{key}` differs from the Dutch page"),
                format!("`{key}` is hier anders dan op de Nederlandse pagina"),
            )
        } else {
            (
                format!("`{key}` is set here but not on the Dutch page"),
                format!("`{key}` staat hier wel, maar op de Nederlandse pagina niet"),
            )
        };
        problems.push(
            Diagnostic::error(msg)
                .nl(msg_nl)
                .in_file(&file)
                .at(line, None)
                .help(format!(
                    "`{key}` is shared by both languages: set it only in {} and remove it here",
                    nl.file.display()
                ))
                .help_nl(format!(
                    "`{key}` geldt voor beide talen: zet het alleen in {} en haal het hier weg",
                    nl.file.display()
                ))
                .with_source(&source),
        );
    };
    macro_rules! shared {
        ($field:ident) => {
            match (&nl.$field, &en.$field) {
                (_, None) => en.$field = nl.$field.clone(),
                (Some(a), Some(b)) if a == b => {}
                (a, Some(_)) => conflict(stringify!($field), a.is_some()),
            }
        };
    }
    shared!(date);
    shared!(themes);
    shared!(sectors);
    shared!(related);
    shared!(image);
    if en.publish_date.is_none() {
        en.publish_date = nl.publish_date;
    }
    if en.expiry_date.is_none() {
        en.expiry_date = nl.expiry_date;
    }
    if en.weight.is_none() {
        en.weight = nl.weight;
    }
    en.draft |= nl.draft;
    if en.image.is_some() && en.image_alt.is_none() {
        en.image_alt = nl.image_alt.clone();
    }
    match (&nl.details, &mut en.details) {
        (Details::Project(a), Details::Project(b)) => {
            macro_rules! field {
                ($f:ident) => {
                    match (&a.$f, &b.$f) {
                        (_, None) => b.$f = a.$f.clone(),
                        (Some(x), Some(y)) if x == y => {}
                        (x, Some(_)) => conflict(stringify!($f), x.is_some()),
                    }
                };
            }
            field!(status);
            field!(period);
            field!(partners);
            if b.contact.is_none() {
                b.contact = a.contact.clone();
            }
        }
        (Details::Episode(a), Details::Episode(b)) => {
            macro_rules! field {
                ($f:ident) => {
                    match (&a.$f, &b.$f) {
                        (_, None) => b.$f = a.$f.clone(),
                        (Some(x), Some(y)) if x == y => {}
                        (x, Some(_)) => conflict(stringify!($f), x.is_some()),
                    }
                };
            }
            field!(episode);
            field!(audio);
            field!(duration);
            if b.guests.is_empty() {
                b.guests = a.guests.clone();
            }
        }
        (Details::Guide(a), Details::Guide(b)) => {
            match (&a.download, &b.download) {
                (_, None) => b.download = a.download.clone(),
                (Some(x), Some(y)) if x == y => {}
                (x, Some(_)) => conflict("download", x.is_some()),
            }
            if b.kind.is_none() {
                b.kind = a.kind;
            }
            if b.status.is_none() {
                b.status = a.status;
            }
            if b.publisher.is_none() {
                b.publisher = a.publisher.clone();
            }
            if b.links.is_empty() {
                b.links = a.links.clone();
            }
        }
        _ => {}
    }
    en
}

fn check_required(src: &SourcePage, problems: &mut Vec<Diagnostic>) {
    let missing = |what: &str, example: &str, example_nl: &str| {
        Diagnostic::error(format!("the field `{what}` is missing"))
            .nl(format!("het veld `{what}` ontbreekt"))
            .in_file(&src.file)
            .at(1, None)
            .help(format!("add a line `{example}` to the front matter"))
            .help_nl(format!(
                "voeg een regel `{example_nl}` toe aan de kop (front matter)"
            ))
            .with_source(&src.source)
    };
    match (&src.kind, &src.details) {
        (Kind::News, _) if src.date.is_none() => {
            problems.push(missing("date", "date: 2025-04-01", "date: 2025-04-01"))
        }
        (Kind::Project, Details::Project(p)) if p.status.is_none() => problems.push(missing(
            "status",
            "status: lopend   (or gepland, afgerond, onbekend)",
            "status: lopend   (of gepland, afgerond, onbekend)",
        )),
        _ => {}
    }
}
