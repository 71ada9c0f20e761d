//! `kennis translate`: starts the English translation of a Dutch page.
//!
//! Writes `<id>.en.md` beside the Dutch file with the fields the kind table marks translated (title,
//! description, programme line, the project blocks, guide links, ...), a suggested English `slug`, and the Dutch body to
//! translate in place. The file starts as a draft, so untranslated Dutch text is never published under
//! /en/. Shared fields (dates, themes, status, ...) are left out: they come from the Dutch page.

use crate::content::kinds;
use crate::diagnostics::Diagnostic;
use std::path::{Path, PathBuf};

/// The kind-table row for a file at `rel` (relative to `content/`), when the path names a kind.
fn row<'t>(table: &'t kinds::Table, rel: Option<&Path>) -> Option<&'t kinds::KindSpec> {
    let (kind, _) = crate::content::load::classify(rel?).ok()?;
    Some(kinds::spec(table, &kind))
}

/// The fields `kennis translate` copies for a file at `rel`: the ones the kind table marks translated (for
/// a path that names no kind, what any kind translates).
pub fn translated_fields(table: &kinds::Table, rel: Option<&Path>) -> Vec<&'static str> {
    let rows: Vec<&kinds::KindSpec> = match row(table, rel) {
        Some(k) => vec![k],
        None => table.iter().collect(),
    };
    let mut out = Vec::new();
    for f in rows.iter().flat_map(|k| k.fields) {
        if f.translated && !out.contains(&f.name) {
            out.push(f.name);
        }
    }
    out
}

pub fn start(root: &Path, dutch: &Path) -> Result<PathBuf, Diagnostic> {
    start_in(kinds::KINDS, root, dutch)
}

/// As [`start`], with the fields of `table` (tests bring their own).
pub fn start_in(table: &kinds::Table, root: &Path, dutch: &Path) -> Result<PathBuf, Diagnostic> {
    let path = if dutch.is_absolute() || dutch.exists() {
        dutch.to_path_buf()
    } else {
        root.join(dutch)
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    if name.ends_with(".en.md") || !name.ends_with(".md") {
        return Err(
            Diagnostic::error(format!("{} is not a Dutch content file", path.display()), format!("{} is geen Nederlandse pagina", path.display()))
                .help("give the Dutch file, e.g. content/projecten/flow-haalbaarheidsverkenning.md", "geef het Nederlandse bestand op, bijvoorbeeld content/projecten/flow-haalbaarheidsverkenning.md"),
        );
    }
    let content = crate::within_root::SiteRoot::new(&root.join("content"));
    if path.exists() && !content.holds(&path) {
        return Err(Diagnostic::error(format!(
            "{} is not a page of this site: it is not inside {}",
            path.display(),
            root.join("content").display()
        ), format!(
            "{} is geen pagina van deze site: het staat niet in {}",
            path.display(),
            root.join("content").display()
        ))
        .help("give a Dutch file in the site's content/ folder, or the site's folder with --root", "geef een Nederlands bestand in de map content/ van de site op, of de map van de site met --root"));
    }
    let target = path.with_file_name(name.replace(".md", ".en.md"));
    if target.exists() {
        return Err(Diagnostic::error(
            format!("{} already exists", target.display()),
            format!("de vertaling {} bestaat al", target.display()),
        )
        .help(
            "open it and update the translation there",
            "open dat bestand en werk de vertaling daar bij",
        ));
    }
    let source = std::fs::read_to_string(&path).map_err(|e| {
        Diagnostic::error(
            format!("cannot read {}: {e}", path.display()),
            format!("{} kan niet gelezen worden ({e})", path.display()),
        )
        .help(
            "check that the file exists and that its name is spelled right",
            "kijk of het bestand bestaat en of de naam goed gespeld is",
        )
    })?;
    let split = crate::content::frontmatter::split(&source, &path)?;
    let content_dir = root.join("content");
    let rel = path
        .strip_prefix(&content_dir)
        .ok()
        .or_else(|| path.strip_prefix("content").ok());
    let translated = translated_fields(table, rel);
    // Keep the translatable top-level fields with their (possibly multi-line) values, in file order.
    let mut fm = String::new();
    let mut keep = false;
    let mut title = String::new();
    for line in split.yaml.lines() {
        let top = !line.starts_with([' ', '-', '\t']) && line.contains(':');
        if top {
            let key = line.split(':').next().unwrap_or("").trim();
            keep = translated.contains(&key);
            if key == "title" {
                title = line
                    .split_once(':')
                    .map(|(_, v)| v.trim().trim_matches('"').to_string())
                    .unwrap_or_default();
            }
        }
        if keep {
            fm.push_str(line);
            fm.push('\n');
        }
    }
    let slug = slug::slugify(&title);
    // Themes, sectors and section intros cannot be drafts; everything else waits until translated.
    // A kind without `draft` (themes, sectors, section intros: other pages point at them) starts published;
    // one without `slug` (home, section intros) keeps its address.
    let kind = row(table, rel);
    let takes = |field: &str| kind.is_none_or(|k| k.field(field).is_some());
    let can_be_draft = takes("draft");
    let draft = if can_be_draft { "draft: true\n" } else { "" };
    let slug_line = if !takes("slug") {
        String::new()
    } else {
        format!("slug: {slug}   # het Engelse adres: pas aan aan de Engelse titel\n")
    };
    let text = format!(
        "---\n# Vertaal de velden en de tekst hieronder naar het Engels{}.\n{fm}{slug_line}{draft}---\n{}",
        if can_be_draft {
            " en haal dan `draft: true` weg"
        } else {
            ""
        },
        split.body
    );
    std::fs::write(&target, text).map_err(|e| {
        Diagnostic::error(
            format!("cannot write {}: {e}", target.display()),
            format!("{} kan niet opgeslagen worden ({e})", target.display()),
        )
        .help(
            "check that you may write in this folder and that the disk is not full",
            "kijk of je in deze map mag schrijven en of de schijf niet vol is",
        )
    })?;
    Ok(target)
}
