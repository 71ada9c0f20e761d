//! `site.yaml`: the site's settings, read once per build and checked strictly.
//!
//! The site is bilingual by design: Dutch (`nl`) at the root and English (`en`) under `/en/`. Everything a
//! template or URL needs per language (titles, menus, section slugs, pagination words) is here, so content
//! files never carry site-wide settings. Unknown keys are errors with a did-you-mean, like front matter.

use crate::diagnostics::Diagnostic;
pub use crate::lang::{Lang, PerLang};
use crate::sections::Section;
use crate::yaml;
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    pub title: String,
    /// `@/projecten/_index.md`-style internal link, or an absolute URL.
    pub link: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    pub title: String,
    pub description: String,
    #[serde(default)]
    pub menu: Vec<MenuItem>,
    /// Links in the footer (contact, about, ...).
    #[serde(default)]
    pub footer: Vec<MenuItem>,
}

/// URL slugs of the fixed sections, per language.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSlugs {
    pub projecten: PerLang<String>,
    pub podcasts: PerLang<String>,
    pub handreikingen: PerLang<String>,
    pub nieuws: PerLang<String>,
    /// Optional in site.yaml, so sites written before events existed still load.
    #[serde(default = "events_slugs")]
    pub evenementen: PerLang<String>,
    pub themas: PerLang<String>,
    pub sectoren: PerLang<String>,
}

fn events_slugs() -> PerLang<String> {
    PerLang {
        nl: "evenementen".into(),
        en: "events".into(),
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    /// The word before the page number: `/projecten/pagina/2/`, `/en/projects/page/2/`.
    pub path: PerLang<String>,
    /// Items per listing page, unless a section overrides it.
    pub page_size: usize,
    #[serde(default)]
    pub sections: std::collections::BTreeMap<String, usize>,
    /// How many items of each type a theme or sector page shows; when there are more, it links to a
    /// paginated listing of all of them (`/themas/werkdruk/projecten/`).
    #[serde(default = "term_items")]
    pub term_items: usize,
}

fn term_items() -> usize {
    6
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Absolute URL of the deployed site, without trailing slash.
    pub base_url: String,
    /// Folder name under `themes/`.
    pub theme: String,
    #[serde(default = "default_language")]
    pub default_language: Lang,
    pub languages: PerLang<LanguageConfig>,
    pub sections: SectionSlugs,
    pub pagination: Pagination,
    /// Generate RSS feeds (news per language, one per podcast series).
    #[serde(default = "yes")]
    pub feeds: bool,
    /// Build the site search index (Pagefind, under `/pagefind/`) from the rendered pages.
    #[serde(default = "yes")]
    pub search: bool,
    /// What podcast directories require of every series feed and no page says. Without it no podcast feed
    /// is made (the build summary says why).
    #[serde(default)]
    pub podcast: Option<PodcastConfig>,
}

/// The publisher facts of the podcast feeds (`itunes:owner`, `itunes:author`, `itunes:category`,
/// `itunes:explicit`). Only known facts belong here: a series lacks a feed rather than carry a guess.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PodcastConfig {
    /// `itunes:owner` name and e-mail: where the directories send their verification mail.
    pub owner_name: String,
    pub owner_email: String,
    /// `itunes:author`; the site title when left out.
    #[serde(default)]
    pub author: Option<String>,
    /// One of Apple's categories, optionally with a subcategory: `Education`, `Business/Management`.
    pub category: String,
    /// Whether episodes contain explicit content.
    #[serde(default)]
    pub explicit: bool,
}

fn default_language() -> Lang {
    Lang::Nl
}

fn yes() -> bool {
    true
}

impl Config {
    /// Reads and checks `site.yaml` in `root`.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join("site.yaml");
        let source = std::fs::read_to_string(&path).map_err(|e| {
            vec![
                Diagnostic::error(format!("cannot read site.yaml: {e}"), format!(
                        "het bestand site.yaml met de instellingen van de site kan niet gelezen worden ({e})"
                    ))
                    .in_file("site.yaml")
                    .help("run kennis in the site's folder, or pass --root DIR", "start kennis in de map van de site, of geef de map op met --root MAP"),
            ]
        })?;
        let source = source
            .strip_prefix('\u{feff}')
            .unwrap_or(&source)
            .replace("\r\n", "\n");
        let origin = yaml::Origin {
            file: Path::new("site.yaml"),
            source: &source,
            line_offset: 0,
        };
        let mut config: Config = yaml::parse(&source, origin).map_err(|d| vec![d])?;
        config.base_url = config.base_url.trim_end_matches('/').to_string();
        let problems = config.check(&source);
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    fn check(&self, source: &str) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let at = |needle: &str| {
            source
                .lines()
                .position(|l| l.contains(needle))
                .map(|i| i + 1)
                .unwrap_or(1)
        };
        // A key under `pagination:` (section names also appear under `sections:` at the top level).
        let at_pagination = |key: &str| {
            let start = at("pagination:");
            source
                .lines()
                .enumerate()
                .skip(start)
                .find(|(_, l)| l.trim_start().starts_with(&format!("{key}:")))
                .map(|(i, _)| i + 1)
                .unwrap_or(start)
        };
        if self.default_language != Lang::Nl {
            out.push(
                Diagnostic::error("the default language must be `nl`", "de standaardtaal moet `nl` (Nederlands) zijn")
                    .in_file("site.yaml")
                    .at(at("default_language"), None)
                    .help("Dutch lives at the site root and English under /en/; remove this line", "de Nederlandse pagina's staan altijd op het hoofdadres en de Engelse onder /en/; haal deze regel weg"),
            );
        }
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            out.push(
                Diagnostic::error(format!(
                    "base_url `{}` is not an absolute URL",
                    self.base_url
                ), format!(
                    "het webadres in `base_url` (`{}`) is niet volledig",
                    self.base_url
                ))
                .in_file("site.yaml")
                .at(at("base_url"), None)
                .help("write it as https://www.example.nl", "schrijf het volledige adres, met https:// ervoor, bijvoorbeeld https://www.example.nl"),
            );
        }
        if self.pagination.page_size == 0 {
            out.push(
                Diagnostic::error("pagination.page_size must be at least 1", "`pagination.page_size` (het aantal items per overzichtspagina) moet minstens 1 zijn")
                    .help("write a number of 1 or more, e.g. `page_size: 10`", "vul bij `page_size` een getal van 1 of hoger in, bijvoorbeeld `page_size: 10`")
                    .in_file("site.yaml")
                    .at(at("page_size"), None),
            );
        }
        if self.pagination.term_items == 0 {
            out.push(
                Diagnostic::error(
                    "pagination.term_items must be at least 1",
                    "`pagination.term_items` (hoeveel items per soort een thema- of sectorpagina laat zien) moet minstens 1 zijn",
                )
                .help(
                    "write a number of 1 or more, e.g. `term_items: 6`, or remove the line (6)",
                    "vul bij `term_items` een getal van 1 of hoger in, bijvoorbeeld `term_items: 6`, of haal de regel weg (dan zijn het er 6)",
                )
                .in_file("site.yaml")
                .at(at_pagination("term_items"), None),
            );
        }
        for (name, slugs) in Section::ALL.map(|s| (s.id(), s.slugs(self))) {
            for slug in [&slugs.nl, &slugs.en] {
                if !crate::paths::is_valid_slug(slug) {
                    out.push(
                        Diagnostic::error(format!(
                            "section slug `{slug}` for `{name}` is not a valid URL segment"
                        ), format!(
                            "de slug `{slug}` voor de sectie `{name}` kan geen deel van een webadres zijn"
                        ))
                        .in_file("site.yaml")
                        .at(at(slug), None)
                        .help("use lowercase letters, digits and hyphens only", "gebruik alleen kleine letters, cijfers en streepjes (-), zonder spaties"),
                    );
                }
            }
        }
        for (name, size) in &self.pagination.sections {
            if *size == 0 {
                out.push(
                    Diagnostic::error(format!(
                        "pagination.sections.{name} must be at least 1"
                    ), format!(
                        "`pagination.sections.{name}` (het aantal items per overzichtspagina van {name}) moet minstens 1 zijn"
                    ))
                    .in_file("site.yaml")
                    .at(at_pagination(name), None)
                    .help(format!("write a number of 1 or more, e.g. `{name}: 10`, or remove the line to use page_size"), format!("vul een getal van 1 of hoger in, bijvoorbeeld `{name}: 10`, of haal de regel weg om page_size te gebruiken")),
                );
            }
            if !Section::ALL.iter().any(|sec| sec.id() == name) {
                out.push(
                    Diagnostic::error(format!(
                        "pagination.sections names an unknown section `{name}`"
                    ), format!(
                        "onder `pagination.sections` staat `{name}`, maar die sectie bestaat niet"
                    ))
                    .in_file("site.yaml")
                    .at(at(name), None)
                    .help(format!("use {}", Section::listed("or")), format!(
                        "gebruik een van deze secties: {}",
                        Section::listed("of")
                    )),
                );
            }
        }
        out
    }

    pub fn page_size(&self, section: &str) -> usize {
        self.pagination
            .sections
            .get(section)
            .copied()
            .unwrap_or(self.pagination.page_size)
            .max(1)
    }

    pub fn lang(&self, lang: Lang) -> &LanguageConfig {
        self.languages.get(lang)
    }
}

impl Section {
    /// The section's slug in each language, from site.yaml.
    pub fn slugs(self, config: &Config) -> &PerLang<String> {
        let s = &config.sections;
        match self {
            Section::Projecten => &s.projecten,
            Section::Podcasts => &s.podcasts,
            Section::Handreikingen => &s.handreikingen,
            Section::Nieuws => &s.nieuws,
            Section::Evenementen => &s.evenementen,
            Section::Themas => &s.themas,
            Section::Sectoren => &s.sectoren,
        }
    }
}
