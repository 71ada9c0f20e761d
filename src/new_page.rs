//! `kennis new`: a new content file with the right front matter for its kind, ready to fill in.
//!
//! The editors should never have to remember field names: the skeleton has the fields the kind table
//! (`content/kinds.rs`) gives a starting value, with a short Dutch comment on what to write. It refuses to overwrite an existing file and to
//! create a file whose name cannot become a web address.

use crate::content::Section;
use crate::content::kinds::{self, KindSpec, Skeleton};
use crate::diagnostics::{Diagnostic, did_you_mean};
use std::path::{Path, PathBuf};

/// Creates `content/<section>/<id>.md` (or `content/podcasts/<series>/<id>.md`) and returns its path.
pub fn create(
    root: &Path,
    section: &str,
    id: &str,
    title: Option<&str>,
    today: chrono::NaiveDate,
) -> Result<PathBuf, Diagnostic> {
    create_in(kinds::KINDS, root, section, id, title, today)
}

/// The front matter `kennis new` writes for a kind: every field the table gives a skeleton value, with its
/// Dutch hint.
pub fn skeleton(spec: &KindSpec, title: &str, today: chrono::NaiveDate) -> String {
    let title = title.replace('\\', "\\\\").replace('"', "\\\"");
    let mut out = String::new();
    for f in spec.fields {
        let (value, prefix) = match f.skeleton {
            Skeleton::Skip => continue,
            Skeleton::Write(v) => (v, ""),
            Skeleton::Commented(v) => (v, "# "),
        };
        let value = value
            .replace("{title}", &title)
            .replace("{date}", &today.format("%Y-%m-%d").to_string())
            .replace("{year}", &today.format("%Y").to_string());
        // A list starts on the next line; the hint stays on the field's own line.
        let (first, rest) = match value.split_once('\n') {
            Some((first, rest)) => (first, Some(rest)),
            None => (value.as_str(), None),
        };
        let line = format!("{prefix}{}: {first}", f.name);
        if f.hint_nl.is_empty() {
            out.push_str(line.trim_end());
        } else {
            out.push_str(&format!("{line:<22} # {}", f.hint_nl));
        }
        out.push('\n');
        if let Some(rest) = rest {
            out.push_str(rest);
            out.push('\n');
        }
    }
    out
}

/// As [`create`], with the fields of `table` (tests bring their own).
pub fn create_in(
    table: &kinds::Table,
    root: &Path,
    section: &str,
    id: &str,
    title: Option<&str>,
    today: chrono::NaiveDate,
) -> Result<PathBuf, Diagnostic> {
    let Some(sec) = Section::from_id(section) else {
        let names = Section::ALL.map(Section::id);
        let (help, help_nl) = match did_you_mean(section, names) {
            Some(s) => (
                format!("did you mean `{s}`? Sections: {}", names.join(", ")),
                format!("bedoel je `{s}`? Secties: {}", names.join(", ")),
            ),
            None => (
                format!("sections: {}", names.join(", ")),
                format!("kies een van deze secties: {}", names.join(", ")),
            ),
        };
        return Err(Diagnostic::error(
            format!("`{section}` is not a section"),
            format!("`{section}` is geen sectie van de site"),
        )
        .help(help, help_nl));
    };
    let (folder, name) = match (sec, id.split_once('/')) {
        (Section::Podcasts, Some((series, ep))) => (format!("podcasts/{series}"), ep),
        (Section::Podcasts, None) => {
            return Err(Diagnostic::error("a podcast episode belongs to a series", "een podcastaflevering hoort bij een podcastserie")
                .help("write it as <series>/<episode>, e.g. kennis new podcasts hete-hangijzers/2026-aflevering-1", "schrijf eerst de serie en dan de aflevering, als <series>/<episode>, bijvoorbeeld kennis new podcasts hete-hangijzers/2026-aflevering-1"));
        }
        (_, Some(_)) => {
            return Err(Diagnostic::error(
                format!("`{id}` contains a /"),
                format!("in `{id}` staat een /"),
            )
            .help(
                "give just the file name, e.g. werkdruk-in-de-zorg",
                "geef alleen de bestandsnaam, zonder map, bijvoorbeeld werkdruk-in-de-zorg",
            ));
        }
        (_, None) => (sec.id().to_string(), id),
    };
    for part in folder.split('/').skip(1).chain([name]) {
        if !crate::paths::is_valid_slug(part) {
            return Err(Diagnostic::error(
                format!("`{part}` cannot become a web address"),
                format!("van `{part}` kan geen webadres gemaakt worden"),
            )
            .help(
                format!(
                    "use lowercase letters, digits and hyphens, e.g. `{}`",
                    slug::slugify(part)
                ),
                format!(
                    "gebruik alleen kleine letters, cijfers en streepjes (-), bijvoorbeeld `{}`",
                    slug::slugify(part)
                ),
            ));
        }
    }
    let path = root
        .join("content")
        .join(&folder)
        .join(format!("{name}.md"));
    if path.exists() {
        return Err(Diagnostic::error(
            format!("{} already exists", path.display()),
            format!("{} bestaat al", path.display()),
        )
        .help(
            "choose another name, or open the existing file",
            "kies een andere naam, of open het bestaande bestand",
        ));
    }
    let title = title
        .map(str::to_string)
        .unwrap_or_else(|| name.replace('-', " "));
    let spec = kinds::spec(table, &sec.item_kind());
    let fm = skeleton(spec, &title, today);
    let body = "Schrijf hier de tekst. Tussenkoppen beginnen met ##.\n";
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| {
            Diagnostic::error(
                format!("cannot create {}: {e}", parent.display()),
                format!("de map {} kan niet gemaakt worden ({e})", parent.display()),
            )
            .help(
                "check that you may write in this folder",
                "kijk of je in deze map mag schrijven",
            )
        })?;
    }
    std::fs::write(&path, format!("---\n{fm}---\n{body}")).map_err(|e| {
        Diagnostic::error(
            format!("cannot write {}: {e}", path.display()),
            format!("{} kan niet opgeslagen worden ({e})", path.display()),
        )
        .help(
            "check that you may write in this folder and that the disk is not full",
            "kijk of je in deze map mag schrijven en of de schijf niet vol is",
        )
    })?;
    Ok(path)
}
