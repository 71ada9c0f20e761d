//! The theme: Tera templates, UI strings per language, and the helpers templates call.
//!
//! Everything is registered before the templates are added, because Tera 2 checks at load time that every
//! filter and function a template uses exists. Helpers read the page language from the render context
//! (`lang`), so templates never pass it around:
//! - `t(key="...")`: a UI string from `i18n/<lang>.yaml`; a missing key is an error naming key and language.
//! - `url_for(path="@/projecten/_index.md")`: a page's URL in the current language.
//! - `asset(path="css/site.css")`: the content-hashed URL of a static file, for cache busting.
//! - `pages(section="nieuws", limit=3, ...)`: page summaries as listings get them (see `query.rs`).
//! - `| format_date`: "23 november 2026" / "23 November 2026", or "november 2026" / "2026" when only the
//!   month or year was written; `| format_duration`: 1865 → "31:05".

use super::assets::AssetManifest;
use crate::config::{Config, Lang, PerLang};
use crate::content::frontmatter::Date;
use crate::diagnostics::Diagnostic;
use crate::site::links::UrlTable;
use chrono::Locale;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tera::{Kwargs, State, Tera, TeraResult};

/// UI strings the generator reads itself rather than a template (breadcrumbs, the 404 title, the sharing
/// image's alt text), so `check` does not call them unused.
pub const GENERATOR_STRINGS: &[&str] = &["home", "not_found_title", "share_image_alt"];

pub type Strings = BTreeMap<String, String>;

pub struct Theme {
    pub tera: Tera,
    pub dir: PathBuf,
    pub strings: Arc<PerLang<Strings>>,
}

fn lang_of(state: &State) -> Lang {
    match state.get::<String>("lang") {
        Ok(Some(l)) if l == "en" => Lang::En,
        _ => Lang::Nl,
    }
}

pub fn theme_dir(root: &Path, config: &Config) -> PathBuf {
    root.join("themes").join(&config.theme)
}

/// Loads UI strings for both languages.
pub fn load_strings(dir: &Path) -> Result<PerLang<Strings>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut read = |lang: &str| -> Strings {
        let path = dir.join("i18n").join(format!("{lang}.yaml"));
        let shown = PathBuf::from("i18n").join(format!("{lang}.yaml"));
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let origin = crate::yaml::Origin {
                    file: &shown,
                    source: &text,
                    line_offset: 0,
                };
                match crate::yaml::parse::<Strings>(&text, origin) {
                    Ok(s) => s,
                    Err(d) => {
                        problems.push(d);
                        Strings::new()
                    }
                }
            }
            Err(e) => {
                problems.push(
                    Diagnostic::error(format!("cannot read the theme's UI strings: {e}"), format!(
                            "de vaste teksten van het thema (knoppen, menu's) kunnen niet gelezen worden ({e})"
                        ))
                        .in_file(path.clone())
                        .help("every theme has i18n/nl.yaml and i18n/en.yaml", "elk thema heeft de bestanden i18n/nl.yaml en i18n/en.yaml; kijk of ze er zijn"),
                );
                Strings::new()
            }
        }
    };
    let nl = read("nl");
    let en = read("en");
    if problems.is_empty() {
        Ok(PerLang { nl, en })
    } else {
        Err(problems)
    }
}

/// Builds the Tera instance for one build: helpers first, then every template of the theme.
pub fn load(
    root: &Path,
    config: &Config,
    urls: Arc<UrlTable>,
    assets: Arc<AssetManifest>,
) -> Result<Theme, Vec<Diagnostic>> {
    let dir = theme_dir(root, config);
    if !dir.is_dir() {
        let themes: Vec<String> = std::fs::read_dir(root.join("themes"))
            .map(|d| {
                d.flatten()
                    .filter(|e| e.path().is_dir())
                    .map(|e| e.file_name().to_string_lossy().to_string())
                    .collect()
            })
            .unwrap_or_default();
        let near =
            crate::diagnostics::did_you_mean(&config.theme, themes.iter().map(String::as_str));
        let source = std::fs::read_to_string(root.join("site.yaml")).unwrap_or_default();
        let line = source
            .lines()
            .position(|l| l.starts_with("theme:"))
            .map(|i| i + 1)
            .unwrap_or(1);
        let col = source
            .lines()
            .nth(line - 1)
            .and_then(|l| l.find(&config.theme))
            .map(|c| c + 1);
        let (help, help_nl) = match near {
            Some(n) => (
                format!("did you mean `{n}`? Themes: {}", themes.join(", ")),
                format!("bedoel je `{n}`? Thema's: {}", themes.join(", ")),
            ),
            None => (
                format!(
                    "create themes/{}/ or change `theme:` in site.yaml",
                    config.theme
                ),
                format!(
                    "maak de map themes/{}/ aan, of verander `theme:` in site.yaml in de naam van een bestaand thema",
                    config.theme
                ),
            ),
        };
        return Err(vec![
            Diagnostic::error(
                format!("the theme `{}` does not exist", config.theme),
                format!("het thema (de vormgeving) `{}` bestaat niet", config.theme),
            )
            .in_file("site.yaml")
            .at(line, col)
            .help(help, help_nl)
            .with_source(&source),
        ]);
    }
    let strings = Arc::new(load_strings(&dir)?);
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);

    let s = strings.clone();
    tera.register_function(
        "t",
        move |kwargs: Kwargs, state: &State| -> TeraResult<String> {
            let key: String = kwargs.must_get::<&str>("key")?.to_string();
            let lang = lang_of(state);
            s.get(lang)
                .get(&key)
                .cloned()
                .ok_or_else(|| MissingString { key, lang }.into_tera())
        },
    );
    let u = urls.clone();
    tera.register_function(
        "url_for",
        move |kwargs: Kwargs, state: &State| -> TeraResult<String> {
            let path = kwargs.must_get::<&str>("path")?;
            let lang = match kwargs.get::<&str>("lang")? {
                Some("en") => Lang::En,
                Some(_) => Lang::Nl,
                None => lang_of(state),
            };
            resolve_link(&u, path, lang).map_err(tera::Error::message)
        },
    );
    let a = assets.clone();
    tera.register_function(
        "asset",
        move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let path = kwargs.must_get::<&str>("path")?;
            a.url(path).ok_or_else(|| {
                tera::Error::message(format!(
                    "there is no static file `{path}` (looked in static/ and the theme's static/)"
                ))
            })
        },
    );
    tera.register_function("pages", super::query::function);
    tera.register_filter(
        "format_date",
        |value: &str, kwargs: Kwargs, state: &State| -> TeraResult<String> {
            let lang = match kwargs.get::<&str>("lang")? {
                Some("en") => Lang::En,
                Some(_) => Lang::Nl,
                None => lang_of(state),
            };
            format_date(value, lang).map_err(|e| tera::Error::message(e.to_string()))
        },
    );
    tera.register_filter("format_duration", |value: i64, _: Kwargs, _: &State| {
        format_duration(value.max(0) as u32)
    });

    let tdir = dir.join("templates");
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&tdir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_file() {
            let name = entry
                .path()
                .strip_prefix(&tdir)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            if !name.starts_with('.') && !name.ends_with('~') {
                files.push((entry.path().to_path_buf(), Some(name)));
            }
        }
    }
    if files.is_empty() {
        return Err(vec![
            Diagnostic::error(
                "the theme has no templates",
                "het thema heeft geen templates",
            )
            .in_file(tdir)
            .help(
                "add templates/base.html and the page templates",
                "zet templates/base.html en de templates voor de pagina's in het thema",
            ),
        ]);
    }
    tera.add_template_files(files)
        .map_err(|e| vec![template_error(&e, &dir)])?;
    for required in REQUIRED_TEMPLATES {
        if !tera.contains_template(required) {
            return Err(vec![
                Diagnostic::error(
                    format!("the theme has no template `{required}`"),
                    format!("het thema mist de template `{required}`"),
                )
                .in_file(dir.join("templates"))
                .help(
                    format!("add templates/{required}"),
                    format!("zet templates/{required} in het thema"),
                ),
            ]);
        }
    }
    Ok(Theme { tera, dir, strings })
}

/// Templates the build renders directly.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "home.html",
    "section.html",
    "project.html",
    "episode.html",
    "series.html",
    "guide.html",
    "news.html",
    "page.html",
    "term.html",
    "terms.html",
    "term_listing.html",
    "404.html",
    "alias.html",
];

pub fn resolve_link(urls: &UrlTable, path: &str, lang: Lang) -> Result<String, String> {
    if let Some(target) = path.strip_prefix("@/") {
        let (key, anchor) = crate::site::links::target_key(target);
        let url = urls
            .url(&key, lang)
            .ok_or_else(|| format!("`{path}` leads to no page (there is no content/{key}.md)"))?;
        Ok(match anchor {
            Some(a) => format!("{url}#{a}"),
            None => url.to_string(),
        })
    } else {
        Ok(path.to_string())
    }
}

/// A UI string a template asked for (`t(key=...)`) that the theme does not have in that language.
///
/// Tera turns a function's error into text, so the typed error is kept beside it on this thread (a
/// template renders on one thread) and [`template_error`] takes it back to word its help.
#[derive(Debug, Clone, PartialEq, Eq)]
struct MissingString {
    key: String,
    lang: Lang,
}

thread_local! {
    static MISSING_STRING: std::cell::RefCell<Option<MissingString>> = const { std::cell::RefCell::new(None) };
}

impl MissingString {
    /// What Tera carries: the English message.
    fn text(&self) -> String {
        format!(
            "the UI string `{}` is missing for language `{}`: add `{}: ...` to i18n/{}.yaml",
            self.key,
            self.lang.code(),
            self.key,
            self.lang.code()
        )
    }

    fn into_tera(self) -> tera::Error {
        let e = tera::Error::message(self.text());
        MISSING_STRING.with(|m| *m.borrow_mut() = Some(self));
        e
    }

    /// The missing string behind Tera's `message`, if that is what it reports.
    fn take(message: &str) -> Option<MissingString> {
        MISSING_STRING
            .with(|m| m.borrow_mut().take())
            .filter(|m| message.contains(&m.text()))
    }
}

/// The variable a template used without it being defined, read from Tera's error (Tera has no kind of
/// error for it, so this reads Tera's own words, here where Tera's errors are known, never ours).
pub fn undefined_name(e: &tera::Error) -> Option<String> {
    let message = match e.kind() {
        tera::ErrorKind::RenderingError(r) => r.message(),
        _ => return None,
    };
    // Tera names it in backticks (Tera 2) or quotes (Tera 1).
    message
        .split(['`', '\''])
        .nth(1)
        .filter(|_| message.contains("not defined"))
        .map(str::to_string)
}

/// A Tera error as a diagnostic pointing into the template.
pub fn template_error(e: &tera::Error, theme_dir: &Path) -> Diagnostic {
    let mut cause = String::new();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        cause.push_str(": ");
        cause.push_str(&s.to_string());
        src = s.source();
    }
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let file = theme_dir.join("templates").join(r.filename());
            let source = std::fs::read_to_string(&file).unwrap_or_default();
            let span = r.span();
            // A missing UI string is fixed in the i18n file, not in the template.
            let (message, message_nl) = match MissingString::take(r.message()) {
                Some(MissingString { key, lang }) => {
                    let code = lang.code();
                    let yaml = theme_dir.join("i18n").join(format!("{code}.yaml"));
                    return Diagnostic::error(
                        format!("template: the UI string `{key}` is missing for language `{code}`"),
                        format!("Fout in de template: de tekst `{key}` ontbreekt in de taal `{code}`"),
                    )
                    .in_file(file)
                    .at(span.start_line, Some(span.start_col + 1))
                    .with_source(&source)
                    .help(
                        format!("add a line `{key}: \"...\"` to {}", yaml.display()),
                        format!("zet een regel `{key}: \"...\"` in {}", yaml.display()),
                    );
                }
                None => (
                    format!("template: {}{cause}", r.message()),
                    format!("Fout in de template: {}{cause}", r.message()),
                ),
            };
            let d = Diagnostic::error(message, message_nl)
                .in_file(file)
                .at(span.start_line, Some(span.start_col + 1))
                .with_source(&source);
            d.help("fix the template at this place; the message above says what Tera expected", "herstel de template op deze plek; de (Engelse) melding hierboven zegt wat er verwacht werd. Vraag zo nodig de beheerder van het thema om hulp")
        }
        tera::ErrorKind::TemplateNotFound(name) => {
            Diagnostic::error(format!("template `{name}` does not exist"), format!("de template `{name}` bestaat niet"))
                .in_file(theme_dir.join("templates"))
                .help(format!(
                    "add templates/{name} to the theme, or fix the name where it is used"
                ), format!(
                    "zet templates/{name} in het thema, of verbeter de naam op de plek waar hij gebruikt wordt"
                ))
        }
        _ => {
            // Tera's own report: "error: <message>" and "--> <template>:<line>:<col>".
            let text = e.to_string();
            let message = text.lines().find_map(|l| l.trim().strip_prefix("error: ")).unwrap_or(&text).to_string();
            let place = text.lines().find_map(|l| {
                let rest = l.trim().strip_prefix("--> ")?;
                let mut parts = rest.rsplitn(3, ':');
                let col: usize = parts.next()?.parse().ok()?;
                let line: usize = parts.next()?.parse().ok()?;
                Some((parts.next()?.to_string(), line, col))
            });
            let mut d = Diagnostic::error(format!("template: {message}{cause}"), format!("Fout in de template: {message}{cause}"));
            match place {
                Some((name, line, col)) => {
                    let file = theme_dir.join("templates").join(&name);
                    let source = std::fs::read_to_string(&file).unwrap_or_default();
                    d = d.in_file(file).at(line, Some(col)).with_source(&source);
                }
                None => d = d.in_file(theme_dir.join("templates")),
            }
            match message.split('`').nth(1).filter(|_| message.contains("Unknown template")) {
                Some(name) => d
                    .help(format!("add templates/{name} to the theme, or fix the name in this include"), format!("zet templates/{name} in het thema, of verbeter de naam in deze include")),
                None => d
                    .help("the message above says what is wrong in the template", "de (Engelse) melding hierboven zegt wat er mis is; vraag zo nodig de beheerder van het thema om hulp"),
            }
        }
    }
}

/// A date as written in the front matter (`2025-06-12`, `2025-06`, `2025`), for people.
pub fn format_date(value: &str, lang: Lang) -> Result<String, crate::values::ValueError> {
    crate::content::frontmatter::parse_date(value).map(|d| date_text(d, lang))
}

/// "12 juni 2025", "juni 2025", "2025"; "12 June 2025", "June 2025", "2025": no more precise than written.
pub fn date_text(d: Date, lang: Lang) -> String {
    match (d.month(), d.day_of_month()) {
        (Some(m), Some(day)) => format!("{day} {} {}", month_name(m, lang), d.year()),
        (Some(m), None) => format!("{} {}", month_name(m, lang), d.year()),
        _ => d.year().to_string(),
    }
}

pub fn month_name(month: u32, lang: Lang) -> String {
    let d = chrono::NaiveDate::from_ymd_opt(2000, month.clamp(1, 12), 1).unwrap_or_default();
    let locale = match lang {
        Lang::Nl => Locale::nl_NL,
        Lang::En => Locale::en_GB,
    };
    d.format_localized("%B", locale).to_string()
}

pub fn format_duration(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, (seconds % 3600) / 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_per_language() {
        assert_eq!(
            format_date("2026-11-23", Lang::Nl).unwrap(),
            "23 november 2026"
        );
        assert_eq!(
            format_date("2026-11-23", Lang::En).unwrap(),
            "23 November 2026"
        );
        assert!(format_date("23-11-2026", Lang::Nl).is_err());
    }

    #[test]
    fn partial_dates_are_shown_as_precisely_as_written() {
        let cases = [
            ("2025-06-12", "12 juni 2025", "12 June 2025"),
            ("2025-06", "juni 2025", "June 2025"),
            ("2025", "2025", "2025"),
        ];
        for (written, nl, en) in cases {
            assert_eq!(format_date(written, Lang::Nl).unwrap(), nl);
            assert_eq!(format_date(written, Lang::En).unwrap(), en);
        }
    }

    #[test]
    fn durations() {
        assert_eq!(format_duration(1865), "31:05");
        assert_eq!(format_duration(3725), "1:02:05");
    }
}
