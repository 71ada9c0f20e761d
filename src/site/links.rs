//! References between pages: `@/` links, theme and sector ids, related projects, podcast series.
//!
//! Links name the Dutch source file (`@/projecten/flow.md`) and resolve to the page in the language of the
//! page that links, falling back to the other language when there is no translation. Every reference that
//! leads nowhere is an error with file, line and the valid choices.

use super::Page;
use crate::config::Lang;
use crate::content::Kind;
use crate::content::frontmatter::value_line;
use crate::content::markdown::{LinkResolver, Unresolved};
use crate::diagnostics::{Diagnostic, did_you_mean};
use std::collections::HashMap;

/// Every page's index in the model, by key and language (ahash: render looks pages up by key thousands
/// of times per build).
pub type PageIndex = HashMap<(String, Lang), usize, ahash::RandomState>;

/// Every page's URL by key and language.
pub struct UrlTable {
    urls: HashMap<(String, Lang), String, ahash::RandomState>,
}

impl UrlTable {
    pub fn new(pages: &[Page]) -> UrlTable {
        UrlTable {
            urls: pages
                .iter()
                .map(|p| ((p.key.clone(), p.lang), p.url.clone()))
                .collect(),
        }
    }

    /// Makes `key` resolvable (to `#`) in both languages, for pages that exist but failed to load.
    pub fn add_broken(&mut self, key: &str) {
        for lang in Lang::ALL {
            self.urls
                .entry((key.to_string(), lang))
                .or_insert_with(|| "#".to_string());
        }
    }

    pub fn for_lang(&self, lang: Lang) -> Resolver<'_> {
        Resolver { table: self, lang }
    }

    /// URL of `key` in `lang`, or in the other language when there is no translation.
    pub fn url(&self, key: &str, lang: Lang) -> Option<&str> {
        self.urls
            .get(&(key.to_string(), lang))
            .or_else(|| self.urls.get(&(key.to_string(), lang.other())))
            .map(String::as_str)
    }
}

pub struct Resolver<'a> {
    table: &'a UrlTable,
    lang: Lang,
}

/// `projecten/flow.md#doel` → (`projecten/flow`, Some(`doel`)).
pub fn target_key(target: &str) -> (String, Option<&str>) {
    let (path, anchor) = match target.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (target, None),
    };
    let path = path.trim_end_matches('/');
    let key = if path.is_empty() || path == "_index.md" {
        "_index".to_string()
    } else if let Some(p) = path.strip_suffix(".md") {
        p.to_string()
    } else {
        // `@/projecten` or `@/projecten/` means the section.
        format!("{path}/_index")
    };
    (key, anchor)
}

impl LinkResolver for Resolver<'_> {
    fn resolve(&self, target: &str) -> Result<String, Unresolved> {
        let (key, anchor) = target_key(target);
        match self.table.url(&key, self.lang) {
            Some(url) => Ok(match anchor {
                Some(a) => format!("{url}#{a}"),
                None => url.to_string(),
            }),
            None => {
                // Compare names within the same folder, so the shared folder prefix does not make every
                // key look alike.
                let (folder, name) = key.rsplit_once('/').unwrap_or(("", key.as_str()));
                let siblings = self.table.urls.keys().filter_map(|(k, _)| {
                    let (f, n) = k.rsplit_once('/').unwrap_or(("", k.as_str()));
                    (f == folder).then_some(n)
                });
                let near = did_you_mean(name, siblings);
                Err(match near {
                    Some(n) if folder.is_empty() => Unresolved {
                        en: format!(
                            "there is no page content/{key}.md (did you mean content/{n}.md?)"
                        ),
                        nl: format!(
                            "er is geen pagina content/{key}.md (bedoel je content/{n}.md?)"
                        ),
                    },
                    Some(n) => Unresolved {
                        en: format!(
                            "there is no page content/{key}.md (did you mean content/{folder}/{n}.md?)"
                        ),
                        nl: format!(
                            "er is geen pagina content/{key}.md (bedoel je content/{folder}/{n}.md?)"
                        ),
                    },
                    None => Unresolved {
                        en: format!("there is no page content/{key}.md"),
                        nl: format!("er is geen pagina content/{key}.md"),
                    },
                })
            }
        }
    }
}

/// Dutch for "themes", "sectors", "projects" in messages: (" thema", "thema's") and so on.
fn dutch_words(what: &str) -> (&'static str, &'static str) {
    match what {
        "themes" => (" thema", "thema's"),
        "sectors" => ("e sector", "sectoren"),
        "projects" => (" project", "projecten"),
        _ => ("e pagina", "pagina's"),
    }
}

/// The page key of a content file path: `content/projecten/flow.en.md` → `projecten/flow`.
pub fn key_from_file(file: &std::path::Path) -> Option<String> {
    let s = file.to_str()?.replace('\\', "/");
    let rest = s.strip_prefix("content/")?;
    let stem = rest
        .strip_suffix(".en.md")
        .or_else(|| rest.strip_suffix(".md"))?;
    Some(stem.to_string())
}

/// The ids a page may name: themes, sectors and projects, sorted (kept by serve between rebuilds, since
/// they change only when a file is added or removed).
pub struct Known {
    themes: Vec<String>,
    sectors: Vec<String>,
    projects: Vec<String>,
}

impl Known {
    pub fn new(by_key: &PageIndex, failed: &std::collections::HashSet<String>) -> Known {
        // Files that exist but failed to load still count: their own error is reported once.
        let ids = |prefix: &str| -> Vec<String> {
            let mut v: Vec<String> = by_key
                .keys()
                .filter(|(_, l)| *l == Lang::Nl)
                .map(|(k, _)| k)
                .chain(failed.iter())
                .filter(|k| k.starts_with(prefix) && !k.ends_with("/_index"))
                .map(|k| k[prefix.len()..].to_string())
                .collect();
            v.sort();
            v.dedup();
            v
        };
        Known {
            themes: ids("themas/"),
            sectors: ids("sectoren/"),
            projects: ids("projecten/"),
        }
    }
}

/// Checks the theme, sector, related and series references of one page.
pub fn check_page(p: &Page, by_key: &PageIndex, known: &Known, problems: &mut Vec<Diagnostic>) {
    let Known {
        themes,
        sectors,
        projects,
    } = known;
    // The English page inherits; report on the file that wrote the value.
    if p.lang == Lang::En && p.translation.is_some() {
        return;
    }
    let src = &p.src;
    let mut check = |field: &str, values: &[String], valid: &[String], what: &str, folder: &str| {
        for v in values {
            // Sorted above: a binary search, not a scan per reference (news can name any of
            // thousands of projects).
            if valid.binary_search(v).is_ok() {
                continue;
            }
            let line = value_line(&src.source, field, v).unwrap_or(1);
            let col = src
                .source
                .lines()
                .nth(line - 1)
                .and_then(|l| l.find(v.as_str()))
                .map(|c| c + 1);
            let (listed, listed_nl) = if valid.len() > 15 {
                (
                    format!(
                        "the file names in content/{folder}/ ({} in all)",
                        valid.len()
                    ),
                    format!(
                        "de bestandsnamen in content/{folder}/ ({} in totaal)",
                        valid.len()
                    ),
                )
            } else {
                (valid.join(", "), valid.join(", "))
            };
            let (one_nl, many_nl) = dutch_words(what);
            let (help, help_nl) = match did_you_mean(v, valid.iter().map(String::as_str)) {
                Some(s) => (
                    format!("did you mean `{s}`? Valid {what}: {listed}"),
                    format!("bedoel je `{s}`? Bestaande {many_nl}: {listed_nl}"),
                ),
                None if valid.is_empty() => (
                    format!("there are no {what} yet: add content/{folder}/{v}.md first"),
                    format!("er zijn nog geen {many_nl}: maak eerst content/{folder}/{v}.md aan"),
                ),
                None => (
                    format!("valid {what}: {listed} (or add content/{folder}/{v}.md)"),
                    format!(
                        "bestaande {many_nl}: {listed_nl} (of maak content/{folder}/{v}.md aan)"
                    ),
                ),
            };
            problems.push(
                Diagnostic::error(
                    format!(
                        "`{v}` in `{field}` is not a known {}",
                        &what[..what.len() - 1]
                    ),
                    format!("`{v}` in `{field}` is geen bestaand{one_nl}"),
                )
                .in_file(&src.file)
                .at(line, col)
                .help(help, help_nl)
                .with_source(&src.source),
            );
        }
    };
    check("themes", &p.themes, themes, "themes", "themas");
    check("sectors", &p.sectors, sectors, "sectors", "sectoren");
    check("related", &p.related, projects, "projects", "projecten");
    if p.kind == Kind::Episode {
        let series = src.series.clone().unwrap_or_default();
        if !by_key.contains_key(&(format!("podcasts/{series}/_index"), p.lang)) {
            problems.push(
                Diagnostic::error(format!("the podcast series `{series}` has no _index.md"), format!("de podcastserie `{series}` heeft geen _index.md"))
                    .in_file(&src.file)
                    .help(format!("add content/podcasts/{series}/_index.md with the series' title and description"), format!("maak content/podcasts/{series}/_index.md aan, met de titel en de beschrijving van de serie")),
            );
        }
    }
}
