//! Translations: pairing `x.md` with `x.en.md`, inheriting shared fields, and deciding what is published.
//!
//! The Dutch page is the original. What the English page takes from it is the kind table's say
//! (`content/kinds.rs`): shared fields (dates, themes, status, ...) are written once, in Dutch, and repeating
//! one with another value is an error; others (weight, contact, ...) are taken only when left out. An English
//! page without a Dutch original must say `standalone: true`.

use super::{BuildOptions, Page, key_of};
use crate::config::Lang;
use crate::content::frontmatter::{Date, key_line};
use crate::content::kinds::{self, Inherit};
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

    let mut merged = Merged {
        pages: Vec::new(),
        next_scheduled: None,
        left_out: 0,
    };
    for (key, (nl, en)) in groups {
        publish_group(&key, nl, en, opts, failed, problems, warnings, &mut merged);
    }
    merged
}

/// The page of `key` in both languages as they were read, with the section and home pages that have no
/// file of their own made up, as [`merge`] sees every group. serve uses it to merge one edited page again.
pub fn group_with_virtual(
    key: &str,
    mut nl: Option<SourcePage>,
    mut en: Option<SourcePage>,
) -> (Option<SourcePage>, Option<SourcePage>) {
    if let Some((_, kind, titles)) = virtual_pages().into_iter().find(|(k, _, _)| k == key) {
        if nl.is_none() {
            nl = Some(synthetic(kind.clone(), Lang::Nl, titles.0, key));
        }
        if en.is_none() {
            en = Some(synthetic(kind, Lang::En, titles.1, key));
        }
    }
    (nl, en)
}

/// Pairs one key's Dutch and English page, inherits, and adds what is published to `merged`.
#[allow(clippy::too_many_arguments)]
pub fn publish_group(
    key: &str,
    nl: Option<SourcePage>,
    en: Option<SourcePage>,
    opts: &BuildOptions,
    failed: &std::collections::HashSet<String>,
    problems: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
    merged: &mut Merged,
) {
    if nl.is_none() && failed.contains(key) {
        return;
    }
    if let (None, Some(en)) = (&nl, &en)
        && !en.standalone
    {
        let dutch = en.file.to_string_lossy().replace(".en.md", ".md");
        problems.push(
            Diagnostic::error("this English page has no Dutch original", "het Nederlandse origineel van deze Engelse pagina ontbreekt")
                .in_file(&en.file)
                .help(format!("create {dutch}, or add `standalone: true` if the page exists only in English"), format!("maak {dutch} aan, of zet `standalone: true` in de kop (front matter) als de pagina alleen in het Engels bestaat")),
        );
        return;
    }
    if let (Some(nl), None) = (&nl, &en)
        && !matches!(nl.kind, Kind::Home | Kind::Section(_))
    {
        warnings.push(
            Diagnostic::warning(
                "this page has no English translation",
                "deze pagina heeft nog geen Engelse vertaling",
            )
            .in_file(&nl.file)
            .help(
                format!("add {}", nl.file.to_string_lossy().replace(".md", ".en.md")),
                format!(
                    "maak {} aan (bijvoorbeeld met `kennis translate`)",
                    nl.file.to_string_lossy().replace(".md", ".en.md")
                ),
            ),
        );
    }
    let en = match (&nl, en) {
        (Some(nl), Some(en)) => Some(inherit(kinds::KINDS, nl, en, problems)),
        (_, en) => en,
    };
    for mut src in [nl, en].into_iter().flatten() {
        // Publication window.
        // A partial date counts from its first day: `publish_date: 2026-03` goes live on 1 March.
        let scheduled = src.publish_date.filter(|d| d.first_day() > opts.today);
        let expired = src.expiry_date.is_some_and(|d| d.first_day() <= opts.today);
        if !opts.drafts && (src.draft || scheduled.is_some() || expired) {
            merged.left_out += 1;
            if let Some(d) = scheduled {
                merged.next_scheduled = Some(merged.next_scheduled.map_or(d, |n: Date| n.min(d)));
            }
            continue;
        }
        merged.pages.push(Page {
            key: key.to_string(),
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

fn virtual_pages() -> Vec<(String, Kind, (&'static str, &'static str))> {
    let mut v = vec![("_index".to_string(), Kind::Home, ("Home", "Home"))];
    for s in Section::ALL {
        let titles = match s {
            Section::Projecten => ("Projecten", "Projects"),
            Section::Podcasts => ("Podcasts", "Podcasts"),
            Section::Handreikingen => ("Handreikingen", "Guides"),
            Section::Nieuws => ("Nieuws", "News"),
            Section::Evenementen => ("Evenementen", "Events"),
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
        template: None,
        details: Details::None,
        synthetic: true,
        hash,
    }
}

/// Fills the English page's fields from the Dutch one as the kind table says, reporting conflicts.
pub(crate) fn inherit(
    table: &kinds::Table,
    nl: &SourcePage,
    mut en: SourcePage,
    problems: &mut Vec<Diagnostic>,
) -> SourcePage {
    let file = en.file.clone();
    let source = en.source.clone();
    let mut conflict =
        |key: &str, nl_has: bool| {
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
            Diagnostic::error(msg, msg_nl)
                .in_file(&file)
                .at(line, None)
                .help(format!(
                    "`{key}` is shared by both languages: set it only in {} and remove it here",
                    nl.file.display()
                ), format!(
                    "`{key}` geldt voor beide talen: zet het alleen in {} en haal het hier weg",
                    nl.file.display()
                ))
                .with_source(&source),
        );
        };
    let spec = kinds::spec(table, &en.kind);
    for f in spec.fields {
        let mode = f.inherit;
        if mode == Inherit::Never {
            continue;
        }
        // No slot: a field the typed page does not keep (a test makes sure the site's table has none).
        if let Some(Err(Differs { dutch_has })) = take_field(f.name, mode, nl, &mut en) {
            conflict(f.name, dutch_has);
        }
    }
    en
}

/// The English page says otherwise than the Dutch one about a shared field.
struct Differs {
    dutch_has: bool,
}

/// A value the English page can take from the Dutch one.
trait Slot: Clone + PartialEq {
    fn is_missing(&self) -> bool;
}
impl<T: Clone + PartialEq> Slot for Option<T> {
    fn is_missing(&self) -> bool {
        self.is_none()
    }
}
impl<T: Clone + PartialEq> Slot for Vec<T> {
    fn is_missing(&self) -> bool {
        self.is_empty()
    }
}
/// `draft`: either page being a draft keeps the English one out.
impl Slot for bool {
    fn is_missing(&self) -> bool {
        !*self
    }
}

fn take<T: Slot>(mode: Inherit, nl: &T, en: &mut T) -> Result<(), Differs> {
    if en.is_missing() {
        *en = nl.clone();
        return Ok(());
    }
    if mode == Inherit::Shared && en != nl {
        return Err(Differs {
            dutch_has: !nl.is_missing(),
        });
    }
    Ok(())
}

/// Where a field's value lives on a page: the one bridge from the kind table's names to the typed pages.
/// A field the table lets the English page inherit must be here; a test checks that.
fn take_field(
    name: &str,
    mode: Inherit,
    nl: &SourcePage,
    en: &mut SourcePage,
) -> Option<Result<(), Differs>> {
    macro_rules! details {
        ($($variant:ident . $f:ident),+) => {
            match (&nl.details, &mut en.details) {
                $( (Details::$variant(a), Details::$variant(b)) => take(mode, &a.$f, &mut b.$f), )+
                _ => Ok(()),
            }
        };
    }
    Some(match name {
        "date" => take(mode, &nl.date, &mut en.date),
        "updated" => take(mode, &nl.updated, &mut en.updated),
        "themes" => take(mode, &nl.themes, &mut en.themes),
        "sectors" => take(mode, &nl.sectors, &mut en.sectors),
        "related" => take(mode, &nl.related, &mut en.related),
        "image" => take(mode, &nl.image, &mut en.image),
        "image_alt" => take(mode, &nl.image_alt, &mut en.image_alt),
        "publish_date" => take(mode, &nl.publish_date, &mut en.publish_date),
        "expiry_date" => take(mode, &nl.expiry_date, &mut en.expiry_date),
        "weight" => take(mode, &nl.weight, &mut en.weight),
        "template" => take(mode, &nl.template, &mut en.template),
        "draft" => take(mode, &nl.draft, &mut en.draft),
        "description" => take(mode, &nl.description, &mut en.description),
        "status" => details!(Project.status, Guide.status),
        "period" => details!(Project.period),
        "partners" => details!(Project.partners),
        "contact" => details!(Project.contact),
        "programme_line" => details!(Project.programme_line),
        "episode" => details!(Episode.episode),
        "audio" => details!(Episode.audio),
        "duration" => details!(Episode.duration),
        "guests" => details!(Episode.guests),
        "kind" => details!(Guide.kind),
        "publisher" => details!(Guide.publisher),
        "download" => details!(Guide.download),
        "links" => details!(Guide.links),
        "start" => details!(Event.start),
        "end" => details!(Event.end),
        "location" => details!(Event.location),
        "online" => details!(Event.online),
        "registration" => details!(Event.registration),
        "organiser" => details!(Event.organiser),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_the_english_page_may_inherit_has_a_slot() {
        for k in kinds::KINDS {
            for f in k.fields.iter().filter(|f| f.inherit != Inherit::Never) {
                let nl = synthetic(Kind::Plain, Lang::Nl, "a", "a");
                let mut en = synthetic(Kind::Plain, Lang::En, "a", "a");
                assert!(
                    take_field(f.name, f.inherit, &nl, &mut en).is_some(),
                    "`{}` on {} pages: add it to `take_field`",
                    f.name,
                    k.name
                );
            }
        }
    }
}
