//! One content file, typed: what kind of page it is and the fields that kind may have.
//!
//! [`SourcePage::from_file`] is the whole per-file pipeline: split, parse, check which fields the kind of page
//! allows, and check values that can be checked without the rest of the site (enums, durations, URLs,
//! slugs). Values that need other pages (theme ids, related projects, translations) are checked by the site.

use super::Kind;
use super::clean;
use super::frontmatter::{self, Date, EventTime, Guest, Link, Period};
use super::kinds::{self, FieldSpec, Inherit, KindSpec, Skeleton};
use super::lines::LineIndex;
use crate::config::Lang;
use crate::diagnostics::{Diagnostic, did_you_mean, valid_values_help};
pub use crate::values::parse_duration;
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProjectStatus {
    Lopend,
    Gepland,
    Afgerond,
    /// The fund's documents do not say: the page says so rather than guess.
    Onbekend,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GuideStatus {
    Verschenen,
    InVoorbereiding,
    /// The fund's documents do not say: the page says so rather than guess.
    Onbekend,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GuideKind {
    Handreiking,
    Rapport,
    App,
    Platform,
    Magazine,
    Video,
    Toolkit,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ProjectMeta {
    pub status: Option<ProjectStatus>,
    pub period: Option<Period>,
    pub programme_line: Option<String>,
    pub partners: Option<Vec<String>>,
    pub contact: Option<String>,
    pub goal: Vec<String>,
    pub approach: Vec<String>,
    pub results: Vec<String>,
    pub effect: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct EpisodeMeta {
    pub episode: Option<u32>,
    pub audio: Option<String>,
    /// Seconds.
    pub duration: Option<u32>,
    pub guests: Vec<Guest>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct GuideMeta {
    pub kind: Option<GuideKind>,
    pub status: Option<GuideStatus>,
    pub publisher: Option<String>,
    pub download: Option<String>,
    pub links: Vec<Link>,
}

/// An event: when, where, who organises it and how to sign up. Every part may be unknown; the page says so.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EventMeta {
    pub start: Option<EventTime>,
    pub end: Option<EventTime>,
    pub location: Option<String>,
    /// `online: true`: held online (a place may still be given for a hybrid event).
    pub online: Option<bool>,
    pub registration: Option<String>,
    pub organiser: Option<String>,
}

/// The kind-specific part of a page.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Details {
    None,
    Project(ProjectMeta),
    Episode(EpisodeMeta),
    Guide(GuideMeta),
    Event(EventMeta),
}

/// One content file after its front matter was read and checked on its own.
#[derive(Debug, Clone)]
pub struct SourcePage {
    /// Relative to the site root, for messages (`content/projecten/flow.md`).
    pub file: PathBuf,
    pub lang: Lang,
    pub kind: Kind,
    /// File stem without language: `flow` for `flow.md` and `flow.en.md`; `_index` for indexes.
    pub id: String,
    /// For episodes and series: the series folder name.
    pub series: Option<String>,
    /// Normalised source (BOM removed, `\n` line ends).
    /// Shared: serve's parse cache hands pages out without copying their text.
    pub source: std::sync::Arc<str>,
    /// Byte offset of the body in `source`, and its first line number.
    pub body_start: usize,
    pub body_line: usize,
    pub title: String,
    pub description: Option<String>,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub themes: Option<Vec<String>>,
    pub sectors: Option<Vec<String>>,
    pub draft: bool,
    pub publish_date: Option<Date>,
    pub expiry_date: Option<Date>,
    pub slug: Option<String>,
    pub aliases: Vec<String>,
    pub image: Option<String>,
    pub image_alt: Option<String>,
    pub related: Option<Vec<String>>,
    pub standalone: bool,
    pub weight: Option<i64>,
    /// A plain page's own template (without `.html`), instead of `page.html`.
    pub template: Option<String>,
    pub details: Details,
    /// Made up by the site model for a section without an `_index.md`.
    pub synthetic: bool,
    /// Hash of `source`, so later stages can tell whether the file changed without rehashing it.
    pub hash: u64,
}

impl SourcePage {
    pub fn body(&self) -> &str {
        &self.source[self.body_start..]
    }

    /// Reads one file's text into a checked page, or every problem found in it.
    pub fn from_file(
        file: &Path,
        source: String,
        lang: Lang,
        kind: Kind,
        id: String,
        series: Option<String>,
    ) -> Result<SourcePage, Vec<Diagnostic>> {
        Self::from_file_in(kinds::KINDS, file, source, lang, kind, id, series)
    }

    /// As [`SourcePage::from_file`], with the fields of `table` (tests bring their own).
    pub fn from_file_in(
        table: &kinds::Table,
        file: &Path,
        source: String,
        lang: Lang,
        kind: Kind,
        id: String,
        series: Option<String>,
    ) -> Result<SourcePage, Vec<Diagnostic>> {
        if let Some(d) = forbidden_character(&source, file) {
            return Err(vec![d]);
        }
        let split = frontmatter::split(&source, file).map_err(|d| vec![d])?;
        let body_start = source.len() - split.body.len();
        let body_line = split.body_line;
        let raw = frontmatter::parse(&split, &source, file).map_err(|d| vec![d])?;
        let mut problems = Vec::new();
        let err = |key: &str, msg: String, help: String, msg_nl: String, help_nl: String| {
            let line = frontmatter::key_line(&source, key).unwrap_or(1);
            Diagnostic::error(msg, msg_nl)
                .in_file(file)
                .at(line, None)
                .help(help, help_nl)
                .with_source(&source)
        };

        let spec = kinds::spec(table, &kind);
        let written = frontmatter::top_level_keys(split.yaml);
        check_fields(spec, &kind, &written, &err, &mut problems);
        let title = match raw.title.as_deref().map(str::trim) {
            Some(t) if !t.is_empty() => t.to_string(),
            _ => {
                problems.push(
                    Diagnostic::error("the page has no title", "de pagina heeft geen titel")
                        .in_file(file)
                        .at(1, None)
                        .help("add a line `title: ...` between the `---` lines", "zet een regel `title: ...` met de titel van de pagina tussen de twee regels `---`")
                        .with_source(&source),
                );
                String::new()
            }
        };
        if raw.image.is_some() && raw.image_alt.as_deref().is_none_or(|a| a.trim().is_empty()) {
            problems.push(err(
                "image",
                "the image has no alt text".into(),
                "add `image_alt: ...` describing what the image shows, for people who cannot see it".into(),
                "de afbeelding heeft geen beschrijving (alt-tekst)".into(),
                "voeg `image_alt: ...` toe en beschrijf daarin wat er op de afbeelding te zien is, voor mensen die hem niet kunnen zien".into(),
            ));
        }
        if let Some(image) = &raw.image
            && let Err(why) = crate::paths::check_file_ref(image)
        {
            problems.push(err(
                "image",
                format!("the image `{image}` {}", why.en()),
                "give a path such as /images/foto.jpg or a full https:// URL".into(),
                format!("de afbeelding `{image}` {}", why.nl()),
                "geef een pad zoals /images/foto.jpg of een volledig webadres dat begint met https://".into(),
            ));
        }
        if let Some(slug) = &raw.slug
            && !crate::paths::is_valid_slug(slug)
        {
            problems.push(err(
                "slug",
                format!("the slug `{slug}` is not a valid URL segment"),
                format!(
                    "use lowercase letters, digits and hyphens only, e.g. `{}`",
                    slug::slugify(slug).trim_matches('-')
                ),
                format!(
                    "de slug `{slug}` (het laatste deel van het webadres) kan zo niet in een webadres"
                ),
                format!(
                    "gebruik alleen kleine letters, cijfers en streepjes (-), bijvoorbeeld `{}`",
                    slug::slugify(slug).trim_matches('-')
                ),
            ));
        }
        for alias in &raw.aliases {
            if let Err(why) = crate::paths::check_alias(alias) {
                // Point at the alias's own line when the list spans several lines.
                let line = frontmatter::value_line(&source, "aliases", alias).unwrap_or(1);
                let mut d = err(
                    "aliases",
                    format!("the alias `{alias}` {}", why.en()),
                    "write an absolute path on this site, e.g. `/project/oude-naam/`".into(),
                    format!("het oude adres (alias) `{alias}` {}", why.nl()),
                    "schrijf een adres op deze site dat begint met /, bijvoorbeeld `/project/oude-naam/`".into(),
                );
                let col = source
                    .lines()
                    .nth(line - 1)
                    .and_then(|l| l.find(alias.as_str()))
                    .map(|c| c + 1);
                d = d.at(line, col).with_source(&source);
                problems.push(d);
            }
        }
        // A term listed twice puts the page twice in that term's listing and counts (and 10,000 times, the
        // build ran out of memory): refused, with the line of the second one.
        let lists = [
            ("themes", raw.themes.as_deref()),
            ("sectors", raw.sectors.as_deref()),
            ("related", raw.related.as_deref()),
            ("aliases", Some(raw.aliases.as_slice())),
            ("partners", raw.partners.as_deref()),
        ];
        for (key, items) in lists {
            if let Some(twice) = items.and_then(first_repeat) {
                let line = frontmatter::repeat_line(&source, key, twice).unwrap_or(1);
                problems.push(
                    err(
                        key,
                        format!("`{twice}` is listed twice in `{key}`"),
                        format!("remove the second `{twice}`: each one counts once"),
                        format!("`{twice}` staat twee keer in `{key}`"),
                        format!("haal de tweede `{twice}` weg: elk telt maar één keer"),
                    )
                    .at(line, None)
                    .with_source(&source),
                );
            }
        }
        if raw.standalone && lang == Lang::Nl {
            problems.push(err(
                "standalone",
                "`standalone` is only for English pages".into(),
                "remove it: Dutch pages are always originals".into(),
                "`standalone` is alleen bedoeld voor Engelse pagina's".into(),
                "haal deze regel weg: een Nederlandse pagina is altijd het origineel".into(),
            ));
        }

        let details = match kind {
            Kind::Project => Details::Project(ProjectMeta {
                status: match &raw.status {
                    None => None,
                    Some(s) => match s.as_str() {
                        "lopend" => Some(ProjectStatus::Lopend),
                        "gepland" => Some(ProjectStatus::Gepland),
                        "afgerond" => Some(ProjectStatus::Afgerond),
                        "onbekend" => Some(ProjectStatus::Onbekend),
                        other => {
                            problems.push(choice_error(
                                &err,
                                "status",
                                other,
                                &["gepland", "lopend", "afgerond", "onbekend"],
                            ));
                            None
                        }
                    },
                },
                period: raw.period.clone(),
                programme_line: raw.programme_line.clone(),
                partners: raw.partners.clone(),
                contact: raw.contact.clone(),
                goal: raw.goal.clone().unwrap_or_default(),
                approach: raw.approach.clone().unwrap_or_default(),
                results: raw.results.clone().unwrap_or_default(),
                effect: raw.effect.clone().unwrap_or_default(),
            }),
            Kind::Episode => {
                if let (Some(written), Some(folder)) = (&raw.series, &series)
                    && written != folder
                {
                    problems.push(err(
                        "series",
                        format!("this episode says `series: {written}` but is in the folder of the series `{folder}`"),
                        format!("move the file to content/podcasts/{written}/, or write `series: {folder}` (or leave the line out: the folder decides)"),
                        format!("deze aflevering zegt `series: {written}`, maar staat in de map van de serie `{folder}`"),
                        format!("zet het bestand in content/podcasts/{written}/, of schrijf `series: {folder}` (of laat de regel weg: de map bepaalt de serie)"),
                    ));
                }
                let duration = match &raw.duration {
                    None => None,
                    Some(d) => match parse_duration(d) {
                        Ok(s) => Some(s),
                        Err(e) => {
                            let w = e.words("");
                            problems.push(err(
                                "duration",
                                w.message,
                                w.help,
                                w.message_nl,
                                w.help_nl,
                            ));
                            None
                        }
                    },
                };
                if let Some(a) = &raw.audio
                    && let Err(why) = crate::paths::check_file_ref(a)
                {
                    problems.push(err(
                        "audio",
                        format!("the audio `{a}` {}", why.en()),
                        "give a path such as /audio/aflevering-1.mp3 or a full https:// URL".into(),
                        format!("het geluidsbestand `{a}` {}", why.nl()),
                        "geef een pad zoals /audio/aflevering-1.mp3 of een volledig webadres dat begint met https://".into(),
                    ));
                }
                Details::Episode(EpisodeMeta {
                    episode: raw.episode,
                    audio: raw.audio.clone(),
                    duration,
                    guests: raw.guests.clone().unwrap_or_default(),
                })
            }
            Kind::Guide => {
                let kind_v = match raw.kind.as_deref() {
                    None => None,
                    Some(k) => {
                        const KINDS: [(&str, GuideKind); 7] = [
                            ("handreiking", GuideKind::Handreiking),
                            ("rapport", GuideKind::Rapport),
                            ("app", GuideKind::App),
                            ("platform", GuideKind::Platform),
                            ("magazine", GuideKind::Magazine),
                            ("video", GuideKind::Video),
                            ("toolkit", GuideKind::Toolkit),
                        ];
                        match KINDS.iter().find(|(n, _)| *n == k) {
                            Some((_, v)) => Some(*v),
                            None => {
                                problems.push(choice_error(
                                    &err,
                                    "kind",
                                    k,
                                    &KINDS.map(|(n, _)| n),
                                ));
                                None
                            }
                        }
                    }
                };
                let status = match raw.status.as_deref() {
                    None => None,
                    Some("verschenen") => Some(GuideStatus::Verschenen),
                    Some("in-voorbereiding") => Some(GuideStatus::InVoorbereiding),
                    Some("onbekend") => Some(GuideStatus::Onbekend),
                    Some(other) => {
                        problems.push(choice_error(
                            &err,
                            "status",
                            other,
                            &["verschenen", "in-voorbereiding", "onbekend"],
                        ));
                        None
                    }
                };
                if let Some(d) = &raw.download
                    && let Err(why) = crate::paths::check_file_ref(d)
                {
                    problems.push(err(
                        "download",
                        format!("the download `{d}` {}", why.en()),
                        "give a path such as /downloads/handreiking.pdf".into(),
                        format!("het downloadbestand `{d}` {}", why.nl()),
                        "geef een pad zoals /downloads/handreiking.pdf".into(),
                    ));
                }
                for link in raw.links.iter().flatten() {
                    if !(link.url.starts_with("https://")
                        || link.url.starts_with("http://")
                        || link.url.starts_with("mailto:")
                        || link.url.starts_with("@/"))
                    {
                        problems.push(err(
                            "links",
                            format!("the link `{}` is not a full URL", link.url),
                            "write it as https://..., mailto:... or @/section/page.md".into(),
                            format!("de link `{}` is geen volledig webadres", link.url),
                            "schrijf hem als https://..., mailto:... of @/section/page.md".into(),
                        ));
                    }
                }
                Details::Guide(GuideMeta {
                    kind: kind_v,
                    status,
                    publisher: raw.publisher.clone(),
                    download: raw.download.clone(),
                    links: raw.links.clone().unwrap_or_default(),
                })
            }
            Kind::Event => {
                if let Some(url) = &raw.registration
                    && !(url.starts_with("https://")
                        || url.starts_with("http://")
                        || url.starts_with("mailto:"))
                {
                    problems.push(err(
                        "registration",
                        format!("the registration link `{url}` is not a full URL"),
                        "write it as https://... or mailto:...".into(),
                        format!("de aanmeldlink `{url}` is geen volledig webadres"),
                        "schrijf hem als https://... of mailto:...".into(),
                    ));
                }
                if let (Some(s), Some(e)) = (raw.start, raw.end)
                    && e.date.last_day() < s.date.first_day()
                {
                    problems.push(err(
                        "end",
                        format!("the event ends ({e}) before it starts ({s})"),
                        "check `start` and `end`".into(),
                        format!("het evenement eindigt ({e}) voordat het begint ({s})"),
                        "kijk `start` en `end` na".into(),
                    ));
                }
                Details::Event(EventMeta {
                    start: raw.start,
                    end: raw.end,
                    location: raw.location.clone(),
                    online: raw.online,
                    registration: raw.registration.clone(),
                    organiser: raw.organiser.clone(),
                })
            }
            Kind::Home
            | Kind::Section(_)
            | Kind::Series
            | Kind::News
            | Kind::Theme
            | Kind::Sector
            | Kind::Plain => Details::None,
        };

        // Required, unless this English page takes the field from its Dutch original. Asked last, and only of
        // an otherwise sound file: "the date is missing" is noise next to "the page has no title".
        let takes_from_dutch = lang == Lang::En && !raw.standalone;
        let sound = problems.is_empty();
        for f in spec.fields.iter().filter(|f| f.required && sound) {
            // `title` has its own check below: it must not be empty either.
            if f.name == "title"
                || written.contains(&f.name)
                || (takes_from_dutch && f.inherit != Inherit::Never)
            {
                continue;
            }
            problems.push(missing(file, &source, f));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(SourcePage {
            file: file.to_path_buf(),
            lang,
            kind,
            id,
            series,
            body_start,
            body_line,
            title,
            description: raw
                .description
                .map(|d| d.trim().to_string())
                .filter(|d| !d.is_empty()),
            date: raw.date,
            updated: raw.updated,
            themes: raw.themes,
            sectors: raw.sectors,
            draft: raw.draft,
            publish_date: raw.publish_date,
            expiry_date: raw.expiry_date,
            slug: raw.slug,
            aliases: raw.aliases,
            image: raw.image,
            image_alt: raw.image_alt,
            related: raw.related,
            standalone: raw.standalone,
            weight: raw.weight,
            template: raw.template,
            details,
            hash: crate::content::hash_text(&source),
            source: source.into(),
            synthetic: false,
        })
    }
}

/// Every written field the kind does not take, with a did-you-mean among the ones it does.
fn check_fields(
    spec: &KindSpec,
    kind: &Kind,
    written: &[&str],
    err: &ErrFn<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    let allowed = spec.names();
    for &key in written {
        if allowed.contains(&key) {
            continue;
        }
        let (help, help_nl) = match did_you_mean(key, allowed.iter().copied()) {
            Some(s) if s != key => (
                format!(
                    "did you mean `{s}`? Fields on {} pages: {}",
                    kind.name(),
                    allowed.join(", ")
                ),
                format!(
                    "bedoel je `{s}`? Velden die op {} mogen: {}",
                    spec.name_nl,
                    allowed.join(", ")
                ),
            ),
            _ => (
                format!(
                    "remove it; fields on {} pages: {}",
                    kind.name(),
                    allowed.join(", ")
                ),
                format!(
                    "haal deze regel weg; velden die op {} mogen: {}",
                    spec.name_nl,
                    allowed.join(", ")
                ),
            ),
        };
        problems.push(err(
            key,
            format!("`{key}` is not used on {} pages", kind.name()),
            help,
            format!("het veld `{key}` hoort niet op {}", spec.name_nl),
            help_nl,
        ));
    }
}

/// A required field left out, with the line to add (the skeleton's example where it has one).
fn missing(file: &Path, source: &str, f: &FieldSpec) -> Diagnostic {
    let example = match f.skeleton {
        Skeleton::Write(v) | Skeleton::Commented(v) => v
            .replace("{date}", "2025-04-01")
            .replace("{year}", "2025")
            .replace("{title}", "..."),
        Skeleton::Skip => "...".to_string(),
    };
    let line = format!("{}: {}", f.name, example.trim());
    let hint = |h: &str| {
        if h.is_empty() {
            String::new()
        } else {
            format!("   ({h})")
        }
    };
    Diagnostic::error(
        format!("the field `{}` is missing", f.name),
        format!("het veld `{}` ontbreekt", f.name),
    )
    .in_file(file)
    .at(1, None)
    .help(
        format!("add a line `{line}` to the front matter"),
        format!(
            "voeg een regel `{line}` toe aan de kop (front matter){}",
            hint(f.hint_nl)
        ),
    )
    .with_source(source)
}

/// A control character in the file, which web pages and feeds cannot carry: an error at its place.
fn forbidden_character(source: &str, file: &Path) -> Option<Diagnostic> {
    let (at, c) = clean::first_forbidden(source)?;
    let lines = LineIndex::new(source);
    let line = lines.line_of(at);
    let name = clean::name(c);
    // Shown without it, so the terminal shows what the editor sees.
    let shown = lines.line(line).map(clean::strip);
    let d = Diagnostic::error(format!(
        "the text contains the invisible control character {name}, which web pages and feeds cannot carry"
    ), format!(
        "de tekst bevat het onzichtbare stuurteken {name}, dat niet in een webpagina of feed kan"
    ))
    .in_file(file)
    .at(line + 1, Some(lines.column(at)))
    .help("delete it (it often comes along with text pasted from a PDF or a word processor)", "haal het weg (het komt vaak mee met tekst die uit een pdf of tekstverwerker is geplakt)");
    Some(d.with_line(shown.as_deref()))
}

/// The first item of `items` that is also an earlier item.
fn first_repeat(items: &[String]) -> Option<&str> {
    let mut seen = std::collections::HashSet::with_capacity(items.len());
    items.iter().map(|i| i.trim()).find(|i| !seen.insert(*i))
}

type ErrFn<'a> = dyn Fn(&str, String, String, String, String) -> Diagnostic + 'a;

fn choice_error(err: &ErrFn<'_>, key: &str, value: &str, choices: &[&str]) -> Diagnostic {
    let (help, help_nl) = valid_values_help(value, choices);
    err(
        key,
        format!("`{value}` is not a valid {key}"),
        help,
        format!("`{value}` is geen geldige waarde voor het veld `{key}`"),
        help_nl,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(kind: Kind, src: &str) -> Result<SourcePage, Vec<Diagnostic>> {
        SourcePage::from_file(
            Path::new("content/x.md"),
            src.to_string(),
            Lang::Nl,
            kind,
            "x".into(),
            None,
        )
    }

    #[test]
    fn field_of_other_kind_is_rejected_with_its_line() {
        let errs = page(
            Kind::News,
            "---\ntitle: a\ndate: 2025-01-01\nstatus: lopend\n---\n",
        )
        .unwrap_err();
        assert_eq!(errs[0].line, Some(4));
        assert!(errs[0].message.contains("not used on news pages"));
    }

    #[test]
    fn bad_status_lists_choices() {
        let errs = page(Kind::Project, "---\ntitle: a\nstatus: lopnd\n---\n").unwrap_err();
        assert!(
            errs[0]
                .help
                .as_deref()
                .unwrap()
                .contains("did you mean `lopend`")
        );
    }

    #[test]
    fn all_problems_of_a_file_are_reported() {
        let errs = page(Kind::Project, "---\nstatus: x\nimage: /a.png\n---\n").unwrap_err();
        assert_eq!(errs.len(), 3, "{errs:#?}");
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("31:05"), Ok(1865));
        assert_eq!(parse_duration("1:00:00"), Ok(3600));
        assert_eq!(
            parse_duration("1:75"),
            Err(crate::values::ValueError::NotADuration("1:75".into()))
        );
        assert!(
            parse_duration("71582788:16").is_err(),
            "overflow is refused, not wrapped"
        );
        assert!(parse_duration("1193047:00:00").is_err());
    }
}
