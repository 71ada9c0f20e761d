//! The kind table: every kind of page, and per kind the front matter fields it takes and what each means.
//!
//! This is the one place the rules per field live. It drives
//! - which fields a kind allows and which it requires (`page.rs`, per file);
//! - what the English page inherits from the Dutch one, and where it may not differ (`site/merge.rs`);
//! - what `kennis new` writes, with a Dutch hint per field (`new_page.rs`);
//! - what `kennis translate` copies into the English file (`translate.rs`);
//! - the field tables of `docs/content-model.md` ([`docs`], checked by a test, written by
//!   `cargo run --example content_model_docs`).
//!
//! The table is data: a test can build its own, with a field added, and run the same functions over it.
//! What stays typed is the template-facing side ([`super::page::Details`]); the one bridge from a field's
//! name to where its value lives is `merge.rs`'s slot match, and a test checks that it knows every field
//! the table lets the English page inherit.

pub mod docs;

use super::Kind;

/// How a field behaves across the two languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inherit {
    /// Each language writes its own (slug, aliases) or none at all.
    Never,
    /// The English page takes the Dutch value when it leaves the field out, and may set its own.
    WhenMissing,
    /// Written once, in Dutch: the English page takes it and may not say otherwise.
    Shared,
}

/// What `kennis new` writes for a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skeleton {
    /// Nothing: the field is there for those who need it.
    Skip,
    /// `name: value   # hint`. `{title}`, `{date}` and `{year}` in the value are filled in.
    Write(&'static str),
    /// As `Write`, but commented out: an example to switch on.
    Commented(&'static str),
}

/// One front matter field of one kind of page.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub name: &'static str,
    /// The value's shape, for the docs ("text", "list of theme ids").
    pub ty: &'static str,
    /// What to know about it, for the docs (English; the docs are in English).
    pub notes: &'static str,
    /// Must be written: in every file when not inherited, else in the Dutch file (and standalone English).
    pub required: bool,
    pub inherit: Inherit,
    /// The English page writes its own, translated: `kennis translate` copies the Dutch value to start from.
    pub translated: bool,
    pub skeleton: Skeleton,
    /// The Dutch hint `kennis new` writes after the value.
    pub hint_nl: &'static str,
}

/// One kind of page: where its files sit and the fields it takes, in the order `kennis new` writes them.
#[derive(Debug, Clone, Copy)]
pub struct KindSpec {
    /// As [`Kind::name`]: `project`, `news`, ...
    pub name: &'static str,
    /// The kind of page in Dutch, plural, for messages ("het veld hoort niet op projectpagina's").
    pub name_nl: &'static str,
    /// A heading for the docs.
    pub title: &'static str,
    pub fields: &'static [FieldSpec],
}

impl KindSpec {
    pub fn field(&self, name: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.name == name)
    }

    pub fn names(&self) -> Vec<&'static str> {
        self.fields.iter().map(|f| f.name).collect()
    }
}

/// A kind table: the site's own is [`KINDS`]; tests build others.
pub type Table = [KindSpec];

/// The spec of `kind` in `table`.
///
/// Panics when the table has no row for the kind: [`KINDS`] has one for every kind (tested), and a test
/// table is built from it.
pub fn spec<'t>(table: &'t Table, kind: &Kind) -> &'t KindSpec {
    let name = kind.name();
    table
        .iter()
        .find(|k| k.name == name)
        .unwrap_or_else(|| panic!("the kind table has no row for `{name}`"))
}

const fn field(name: &'static str, ty: &'static str, notes: &'static str) -> FieldSpec {
    FieldSpec {
        name,
        ty,
        notes,
        required: false,
        inherit: Inherit::Never,
        translated: false,
        skeleton: Skeleton::Skip,
        hint_nl: "",
    }
}

impl FieldSpec {
    pub const fn required(self) -> Self {
        FieldSpec {
            required: true,
            ..self
        }
    }
    pub const fn shared(self) -> Self {
        FieldSpec {
            inherit: Inherit::Shared,
            ..self
        }
    }
    pub const fn when_missing(self) -> Self {
        FieldSpec {
            inherit: Inherit::WhenMissing,
            ..self
        }
    }
    pub const fn translated(self) -> Self {
        FieldSpec {
            translated: true,
            ..self
        }
    }
    pub const fn writes(self, value: &'static str, hint_nl: &'static str) -> Self {
        FieldSpec {
            skeleton: Skeleton::Write(value),
            hint_nl,
            ..self
        }
    }
    pub const fn commented(self, value: &'static str, hint_nl: &'static str) -> Self {
        FieldSpec {
            skeleton: Skeleton::Commented(value),
            hint_nl,
            ..self
        }
    }
    pub const fn notes(self, notes: &'static str) -> Self {
        FieldSpec { notes, ..self }
    }
}

// The fields many kinds share. A kind that wants one differently (required, another hint) says so in its row.
const TITLE: FieldSpec = field("title", "text", "the page's title")
    .required()
    .translated()
    .writes("\"{title}\"", "");
const DESCRIPTION: FieldSpec = field(
    "description",
    "text",
    "one or two sentences; used as summary, in listings, feeds and `<meta>`",
)
.translated()
.writes("\"\"", "een of twee zinnen");
const DATE: FieldSpec = field(
    "date",
    "date",
    "publication date: a day, a month or a year (see [Dates](#dates))",
)
.shared();
const UPDATED: FieldSpec = field("updated", "date", "last substantial change");
const EXACT_DATE: FieldSpec = field(
    "exact_date",
    "true/false",
    "`true` when a date on 1 January really is that day; without it the content tests take `-01-01` for a placeholder (write `2025` instead)",
);
const THEMES: FieldSpec = field(
    "themes",
    "list of theme ids",
    "the file names in `content/themas/` (e.g. `werkdruk`)",
)
.shared()
.writes("[]", "ids uit content/themas/, bv. [werkdruk]");
const SECTORS: FieldSpec = field(
    "sectors",
    "list of sector ids",
    "`umc`, `wo`, `oi`, `kennissector` (files in `content/sectoren/`)",
)
.shared()
.writes("[]", "umc, wo, oi of kennissector");
const DRAFT: FieldSpec = field(
    "draft",
    "true/false",
    "left out of the build unless `--drafts`; a Dutch draft keeps its translation out too",
)
.when_missing()
.writes("true", "haal deze regel weg als de pagina klaar is");
const PUBLISH_DATE: FieldSpec = field(
    "publish_date",
    "date",
    "left out until that day (a month or a year: until its first day)",
)
.when_missing();
const EXPIRY_DATE: FieldSpec = field(
    "expiry_date",
    "date",
    "left out from that day (a month or a year: from its first day)",
)
.when_missing();
const SLUG: FieldSpec = field(
    "slug",
    "text",
    "the last URL segment; mostly used in `.en.md` files",
);
const ALIASES: FieldSpec = field(
    "aliases",
    "list of paths",
    "old URLs that redirect here, e.g. `/project/dialoog-duurzame-inzetbaarheid/`",
);
const IMAGE: FieldSpec = field("image", "path or `https://` URL", "needs `image_alt`").shared();
const IMAGE_ALT: FieldSpec = field(
    "image_alt",
    "text",
    "what the image shows, for people who cannot see it; required when `image` is set",
)
.when_missing()
.translated();
const RELATED: FieldSpec = field(
    "related",
    "list of project ids",
    "explicit links to projects (`related: [dialoog-duurzame-inzetbaarheid]`)",
)
.shared();
const STANDALONE: FieldSpec = field(
    "standalone",
    "true/false",
    "only in `.en.md` files: an English page with no Dutch original",
);
const WEIGHT: FieldSpec = field("weight", "number", "orders pages; lower first").when_missing();
const TEMPLATE: FieldSpec = field(
    "template",
    "template name",
    "a template of the theme to render the page with instead of `page.html` (`template: search` uses `search.html`)",
)
.when_missing();

/// The fields of news, projects, episodes and guides, before their own.
macro_rules! content_fields {
    ($date:expr, $related:expr; $($own:expr),* $(,)?) => {
        &[
            TITLE, DESCRIPTION, $date, UPDATED, EXACT_DATE, THEMES, SECTORS, $related, $($own,)*
            IMAGE, IMAGE_ALT, PUBLISH_DATE, EXPIRY_DATE, SLUG, ALIASES, STANDALONE, WEIGHT, DRAFT,
        ]
    };
}

/// The site's kinds of pages.
pub static KINDS: &Table = &[
    KindSpec {
        name: "home",
        name_nl: "de startpagina",
        title: "Home page (`content/_index.md`)",
        fields: &[TITLE, DESCRIPTION, IMAGE, IMAGE_ALT],
    },
    KindSpec {
        name: "section",
        name_nl: "overzichtspagina's van een sectie",
        title: "Section intros (`content/<section>/_index.md`)",
        fields: &[TITLE, DESCRIPTION, IMAGE, IMAGE_ALT],
    },
    KindSpec {
        name: "project",
        name_nl: "projectpagina's",
        title: "Projects (`content/projecten/`)",
        fields: content_fields!(DATE, RELATED;
            field("status", "`gepland` / `lopend` / `afgerond` / `onbekend`",
                "`onbekend` when the documents do not say (shown as \"Status onbekend\" / \"Status unknown\", listed after the known ones)")
                .required().shared()
                .writes("gepland", "gepland, lopend, afgerond of onbekend (als de stukken het niet zeggen)"),
            field("period", "text, or `{start: ..., end: ...}`",
                "`start`/`end` as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; text for e.g. `doorlopend sinds 2015`")
                .shared().writes("\"{year}\"", "of {start: 2025-09, end: 2026-12}"),
            field("programme_line", "text", "exact programme line name")
                .translated().writes("\"\"", "de programmalijn, precies zoals in de stukken"),
            field("partners", "list of text", "organisations only, as the documents name them").shared(),
            field("contact", "text", "e.g. an e-mail address").when_missing().translated(),
            field("goal", "list of text", "\"Doel\"").translated().writes("\n  - \"\"", "Doel"),
            field("approach", "list of text", "\"Aanpak\"").translated().writes("\n  - \"\"", "Aanpak"),
            field("results", "list of text", "\"Resultaat\"").translated().writes("\n  - \"\"", "Resultaat"),
            field("effect", "list of text", "\"Beoogd effect\"").translated().writes("\n  - \"\"", "Beoogd effect"),
        ),
    },
    KindSpec {
        name: "series",
        name_nl: "pagina's van een podcastserie",
        title: "Podcast series (`content/podcasts/<series-id>/_index.md`)",
        fields: &[
            TITLE,
            DESCRIPTION,
            THEMES,
            SECTORS,
            RELATED,
            IMAGE,
            IMAGE_ALT,
            SLUG,
            ALIASES,
            STANDALONE,
            WEIGHT,
            DRAFT,
        ],
    },
    KindSpec {
        name: "episode",
        name_nl: "podcastafleveringen",
        title: "Podcast episodes (`content/podcasts/<series-id>/<episode-id>.md`)",
        fields: content_fields!(DATE.writes("{date}", "de dag dat de aflevering verschijnt"), RELATED;
            field("series", "series id", "optional: the folder decides; when written it must be the folder's name"),
            field("episode", "whole number", "episode number within the series")
                .shared().writes("1", "het nummer binnen de serie"),
            field("audio", "path or `https://` URL",
                "required for a published episode: `kennis check` refuses an episode without it unless it has `draft: true`")
                .shared().commented("/audio/bestand.mp3", "zonder audio blijft de aflevering een concept: draft: true"),
            field("duration", "`MM:SS` or `H:MM:SS`", "").shared().commented("\"30:00\"", ""),
            field("guests", "list of `{name: ..., role: ...}`", "only real, named guests")
                .when_missing().translated(),
        ),
    },
    KindSpec {
        name: "guide",
        name_nl: "handreikingen",
        title: "Handreikingen (`content/handreikingen/`): guides, reports, apps, platforms",
        fields: content_fields!(DATE, RELATED.writes("[]", "ids van projecten");
            field("kind", "`handreiking` / `rapport` / `app` / `platform` / `magazine` / `video` / `toolkit`", "what it is")
                .when_missing().translated()
                .writes("handreiking", "handreiking, rapport, app, platform, magazine, video of toolkit"),
            field("status", "`verschenen` / `in-voorbereiding` / `onbekend`",
                "as the documents state it; `in-voorbereiding` guides are listed apart, after the published ones, under \"Verschijnt binnenkort\" / \"Coming soon\", and never on the home page")
                .when_missing().writes("in-voorbereiding", "of verschenen, of onbekend"),
            field("publisher", "text", "").when_missing().translated(),
            field("download", "path", "a file in `static/` or next to the page").shared(),
            field("links", "list of `{title: ..., url: ...}`", "the tools it refers to, exact URLs")
                .when_missing().translated(),
        ),
    },
    KindSpec {
        name: "news",
        name_nl: "nieuwsberichten",
        title: "News (`content/nieuws/`)",
        fields: content_fields!(
            DATE.required().writes("{date}", "weet je de dag niet: alleen maand (2025-06) of jaar (2025)"),
            RELATED.writes("[]", "ids van projecten");
        ),
    },
    KindSpec {
        name: "event",
        name_nl: "evenementen",
        title: "Events (`content/evenementen/`)",
        fields: &[
            TITLE,
            DESCRIPTION,
            field("start", "date, or a day with a time (`2025-06-12 14:00`)",
                "when it starts; a month or a year when only that is known (the page then says the exact date is to follow); leave it out when the date is not known: the page says \"Datum volgt\" / \"Date to be announced\"")
                .shared().writes("{date}", "of 2026-06-12 14:00; weet je de dag niet: 2026-06 of 2026; weet je niets: haal de regel weg"),
            field("end", "date, or a day with a time", "when it ends; leave it out for a single moment or when not known")
                .shared().commented("{date} 17:00", "het einde, als dat bekend is"),
            field("location", "text", "the place as people need it (venue, city); leave it out when not known: the page says \"Locatie volgt\" / \"Location to be announced\"")
                .when_missing().translated().writes("\"\"", "de plaats; weet je die nog niet: haal de regel weg"),
            field("online", "true/false", "`true` when it can be followed online (with or without a `location`)")
                .shared().commented("true", "als het (ook) online te volgen is"),
            field("registration", "`https://` or `mailto:` URL", "where to sign up; shown as a button until the event is over")
                .shared().commented("https://", "waar je je kunt aanmelden"),
            field("organiser", "text", "who organises it, as the documents name it")
                .when_missing().translated().writes("SoFoKleS", "wie het organiseert"),
            THEMES,
            SECTORS,
            RELATED,
            IMAGE,
            IMAGE_ALT,
            PUBLISH_DATE,
            EXPIRY_DATE,
            SLUG,
            ALIASES,
            STANDALONE,
            WEIGHT,
            DRAFT,
        ],
    },
    KindSpec {
        name: "theme",
        name_nl: "themapagina's",
        title: "Themes (`content/themas/`)",
        fields: THEME_FIELDS,
    },
    KindSpec {
        name: "sector",
        name_nl: "sectorpagina's",
        title: "Sectors (`content/sectoren/`)",
        fields: THEME_FIELDS,
    },
    KindSpec {
        name: "page",
        name_nl: "losse pagina's",
        title: "Plain pages (`content/<id>.md`)",
        fields: &[
            TITLE,
            DESCRIPTION,
            DATE,
            UPDATED,
            EXACT_DATE,
            IMAGE,
            IMAGE_ALT,
            SLUG,
            ALIASES,
            STANDALONE,
            WEIGHT,
            TEMPLATE,
            DRAFT,
        ],
    },
];

/// Themes and sectors: a name, a summary, an order. Never drafts: other pages point at them.
const THEME_FIELDS: &[FieldSpec] = &[
    TITLE,
    DESCRIPTION,
    WEIGHT.writes("99", "de volgorde: lager komt eerder"),
    IMAGE,
    IMAGE_ALT,
    SLUG,
    ALIASES,
    STANDALONE,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Section;

    /// Every kind, so the test below fails to compile when a kind is added without thinking of the table.
    fn every_kind() -> Vec<Kind> {
        let all = [
            Kind::Home,
            Kind::Section(Section::Nieuws),
            Kind::Series,
            Kind::Project,
            Kind::Episode,
            Kind::Guide,
            Kind::News,
            Kind::Event,
            Kind::Theme,
            Kind::Sector,
            Kind::Plain,
        ];
        // Exhaustive on purpose: a new kind stops here until it is in `all` above.
        for k in &all {
            match k {
                Kind::Home
                | Kind::Section(_)
                | Kind::Series
                | Kind::Project
                | Kind::Episode
                | Kind::Guide
                | Kind::News
                | Kind::Event
                | Kind::Theme
                | Kind::Sector
                | Kind::Plain => {}
            }
        }
        all.to_vec()
    }

    #[test]
    fn every_kind_has_one_row_and_every_row_a_kind() {
        let kinds = every_kind();
        for k in &kinds {
            assert_eq!(spec(KINDS, k).name, k.name());
        }
        assert_eq!(KINDS.len(), kinds.len());
    }

    #[test]
    fn fields_are_named_once_per_kind() {
        for k in KINDS {
            let mut names = k.names();
            names.sort_unstable();
            let n = names.len();
            names.dedup();
            assert_eq!(names.len(), n, "a field twice on {}", k.name);
        }
    }
}

#[cfg(test)]
mod added_field;
