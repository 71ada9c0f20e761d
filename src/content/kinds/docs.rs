//! The field tables of `docs/content-model.md`, written from the kind table so the docs cannot drift.
//!
//! The prose around the tables is written by hand; each table sits between two markers:
//! `<!-- kennis:fields project -->` ... `<!-- /kennis:fields -->` for a kind, and `<!-- kennis:shared -->` ...
//! `<!-- /kennis:shared -->` for the list of shared fields. [`update`] rewrites what is between them; a test
//! fails when the file in the repository differs from what the table says, and
//! `cargo run --example content_model_docs` writes it.

use super::{Inherit, KindSpec, Table};
use std::fmt::Write;

/// Where a kind's table goes in the docs.
fn open(kind: &str) -> String {
    format!("<!-- kennis:fields {kind} -->")
}
const CLOSE: &str = "<!-- /kennis:fields -->";
const SHARED_OPEN: &str = "<!-- kennis:shared -->";
const SHARED_CLOSE: &str = "<!-- /kennis:shared -->";

/// The docs lack a place for a kind's table: a new kind needs a heading and a pair of markers.
#[derive(Debug, PartialEq, Eq)]
pub struct MissingMarker(pub String);

impl std::fmt::Display for MissingMarker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "docs/content-model.md has no `{}` ... `{CLOSE}`: add a heading and the two markers where the table goes",
            self.0
        )
    }
}

/// The Markdown table of one kind's fields.
pub fn kind_table(kind: &KindSpec) -> String {
    let mut out = String::from("| key | type | English page | notes |\n|---|---|---|---|\n");
    for f in kind.fields {
        let english = match (f.inherit, f.translated) {
            (Inherit::Shared, _) => "shared: set in Dutch only",
            (Inherit::WhenMissing, true) => "translated; the Dutch value when left out",
            (Inherit::WhenMissing, false) => "the Dutch value when left out",
            (Inherit::Never, true) => "translated",
            (Inherit::Never, false) => "its own",
        };
        let required = if f.required { "**required**; " } else { "" };
        let _ = writeln!(
            out,
            "| `{}` | {} | {english} | {required}{} |",
            f.name, f.ty, f.notes
        );
    }
    out
}

/// The fields some kind shares between the languages, as a sentence's list: "`date`, `themes`, ...".
pub fn shared_list(table: &Table) -> String {
    let mut names: Vec<&str> = Vec::new();
    for f in table.iter().flat_map(|k| k.fields) {
        if f.inherit == Inherit::Shared && !names.contains(&f.name) {
            names.push(f.name);
        }
    }
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `doc` with every generated block rewritten from `table`.
pub fn update(doc: &str, table: &Table) -> Result<String, MissingMarker> {
    let mut out = replace(doc, SHARED_OPEN, SHARED_CLOSE, &shared_list(table))?;
    for kind in table {
        out = replace(&out, &open(kind.name), CLOSE, &kind_table(kind))?;
    }
    Ok(out)
}

/// Puts `body` on its own lines between `open` and the next `close`.
fn replace(doc: &str, open: &str, close: &str, body: &str) -> Result<String, MissingMarker> {
    let missing = || MissingMarker(open.to_string());
    let start = doc.find(open).ok_or_else(missing)? + open.len();
    let end = start + doc[start..].find(close).ok_or_else(missing)?;
    Ok(format!(
        "{}\n{}\n{}",
        &doc[..start],
        body.trim_end(),
        &doc[end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::kinds::KINDS;

    #[test]
    fn the_content_model_docs_say_what_the_table_says() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/content-model.md");
        let doc = std::fs::read_to_string(path).unwrap();
        let fresh = update(&doc, KINDS).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            fresh == doc,
            "docs/content-model.md differs from the kind table: run `cargo run --example content_model_docs`"
        );
    }

    #[test]
    fn a_kind_without_a_place_in_the_docs_is_an_error() {
        let err = update("no markers", KINDS).unwrap_err();
        assert!(err.to_string().contains("kennis:"), "{err}");
    }
}
