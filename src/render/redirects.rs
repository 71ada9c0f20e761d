//! `redirects.yaml`: old addresses that belong to no one page (or that an editor prefers to keep in one
//! list), each leading to a page by its `@/` link:
//!
//! ```yaml
//! - from: /project/oude-naam/
//!   to: "@/projecten/nieuwe-naam.md"
//! ```
//!
//! Each becomes a meta-refresh page and a line in `_redirects`, like a page's `aliases`. A target that is no
//! page is an error naming the file and line; two redirects from one address, or one from a page's own
//! address, are caught as two claims on one output file. Targets are pages, never other redirects, so a
//! redirect loop cannot be written.

use crate::config::Lang;
use crate::diagnostics::Diagnostic;
use crate::site::Site;
use serde::Deserialize;
use std::path::Path;

pub const FILE: &str = "redirects.yaml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    from: String,
    to: String,
}

#[derive(Debug, Clone)]
pub struct Redirect {
    /// The old address, with its trailing slash.
    pub from: String,
    /// The new page's URL.
    pub to: String,
    pub line: usize,
}

/// The redirects in `root/redirects.yaml` (none without the file), or every problem in it.
pub fn load(root: &Path, site: &Site) -> Result<Vec<Redirect>, Vec<Diagnostic>> {
    let Ok(source) = std::fs::read_to_string(root.join(FILE)) else {
        return Ok(Vec::new());
    };
    let origin = crate::yaml::Origin {
        file: Path::new(FILE),
        source: &source,
        line_offset: 0,
    };
    let entries: Vec<Entry> = crate::yaml::parse(&source, origin).map_err(|d| vec![d])?;
    // The line of each entry: the n-th `from:`.
    let lines: Vec<usize> = source
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().trim_start_matches("- ").starts_with("from:"))
        .map(|(i, _)| i + 1)
        .collect();
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (k, e) in entries.into_iter().enumerate() {
        let line = lines.get(k).copied().unwrap_or(1);
        let at = |d: Diagnostic| d.in_file(FILE).at(line, None).with_source(&source);
        if let Err(why) = crate::site::urls::check_alias(&e.from) {
            problems.push(at(Diagnostic::error(
                format!("the old address `{}` {}", e.from, why.en()),
                format!("het oude adres `{}` {}", e.from, why.nl()),
            )
            .help(
                "write the path on this site, e.g. /project/oude-naam/",
                "schrijf het pad op deze site, bijvoorbeeld /project/oude-naam/",
            )));
            continue;
        }
        let target = e.to.strip_prefix("@/").map(crate::site::links::target_key);
        let page = target.and_then(|(key, _)| match key.strip_suffix(".en") {
            Some(k) => site.get(k, Lang::En),
            None => site.get(&key, Lang::Nl),
        });
        let Some(page) = page else {
            problems.push(at(Diagnostic::error(format!(
                "the redirect from {} leads to `{}`, which is no page",
                e.from, e.to
            ), format!(
                "de doorverwijzing van {} gaat naar `{}`, en dat is geen pagina",
                e.from, e.to
            ))
            .help("write the target as @/ and the page's file, e.g. \"@/projecten/flow.md\"", "schrijf het doel als @/ met het bestand van de pagina, bijvoorbeeld \"@/projecten/flow.md\"")));
            continue;
        };
        let from = if e.from.ends_with('/')
            || e.from.rsplit('/').next().is_some_and(|l| l.contains('.'))
        {
            e.from
        } else {
            format!("{}/", e.from)
        };
        out.push(Redirect {
            from,
            to: page.url.clone(),
            line,
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}
