//! `kennis list`: every page with its language, kind, status, date, address and translation.

use crate::build::{self, Options};
use crate::config::Lang;
use crate::diagnostics::Diagnostic;

pub struct ListOptions {
    pub build: Options,
    pub section: Option<String>,
    /// Only pages without a translation.
    pub missing: bool,
}

pub fn run(opts: &ListOptions) -> Result<Vec<String>, Vec<Diagnostic>> {
    let (report, _) = build::build_in_memory(&opts.build)?;
    let mut rows = Vec::new();
    let mut pages: Vec<_> = report
        .pages
        .iter()
        .filter(|p| p.from_file && !matches!(p.kind, "home" | "section"))
        .collect();
    pages.sort_by(|a, b| (a.section, &a.key, a.lang).cmp(&(b.section, &b.key, b.lang)));
    for p in pages {
        if opts
            .section
            .as_deref()
            .is_some_and(|s| p.section != Some(s))
        {
            continue;
        }
        if opts.missing && p.has_translation {
            continue;
        }
        let translation = if p.has_translation {
            ""
        } else if p.lang == Lang::Nl {
            "  (no English translation)"
        } else {
            "  (English only)"
        };
        rows.push(format!(
            "{:<2}  {:<7}  {:<10}  {:<10}  {:<60}  {}{translation}",
            p.lang.code(),
            p.kind,
            p.status.unwrap_or("-"),
            p.updated.as_deref().unwrap_or("-"),
            p.url,
            p.file.display()
        ));
    }
    Ok(rows)
}
