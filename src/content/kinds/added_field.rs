//! The kind table's promise, tested: a field added to the table is accepted in front matter, inherited or
//! translated as declared, written by `kennis new`, and listed in the docs, with no other change.

use super::{FieldSpec, KINDS, KindSpec, docs, field, spec};
use crate::config::Lang;
use crate::content::{Kind, SourcePage};
use std::path::Path;

/// The site's table with two fields added to themes: a shared `date` and a translated `contact`.
fn table_with_theme_fields() -> &'static [KindSpec] {
    let added = [
        field("date", "date", "when the theme was taken up")
            .shared()
            .writes("{date}", "sinds wanneer het fonds aan dit thema werkt"),
        field("contact", "text", "who to ask about the theme")
            .translated()
            .writes("\"\"", "wie je over dit thema kunt mailen"),
    ];
    let rows = KINDS
        .iter()
        .map(|k| {
            if k.name != "theme" {
                return *k;
            }
            let fields: Vec<FieldSpec> = k.fields.iter().copied().chain(added).collect();
            KindSpec {
                fields: Box::leak(fields.into_boxed_slice()),
                ..*k
            }
        })
        .collect::<Vec<_>>();
    Box::leak(rows.into_boxed_slice())
}

fn theme(
    table: &[KindSpec],
    lang: Lang,
    src: &str,
) -> Result<SourcePage, Vec<crate::diagnostics::Diagnostic>> {
    let file = if lang == Lang::En {
        "content/themas/werkdruk.en.md"
    } else {
        "content/themas/werkdruk.md"
    };
    SourcePage::from_file_in(
        table,
        Path::new(file),
        src.into(),
        lang,
        Kind::Theme,
        "werkdruk".into(),
        None,
    )
}

const DUTCH: &str =
    "---\ntitle: Werkdruk\ndate: 2025-06\ncontact: werkdruk@sofokles.nl\n---\nTekst.\n";

#[test]
fn an_added_field_is_accepted_where_the_table_allows_it() {
    let errs = theme(KINDS, Lang::Nl, DUTCH).unwrap_err();
    assert!(
        errs[0].message.contains("not used on theme pages"),
        "{errs:#?}"
    );
    let page = theme(table_with_theme_fields(), Lang::Nl, DUTCH).unwrap();
    assert_eq!(page.date.map(|d| d.to_string()).as_deref(), Some("2025-06"));
}

#[test]
fn an_added_shared_field_is_inherited_and_may_not_differ() {
    let table = table_with_theme_fields();
    let nl = theme(table, Lang::Nl, DUTCH).unwrap();
    let en = theme(
        table,
        Lang::En,
        "---\ntitle: Workload\nslug: workload\n---\n",
    )
    .unwrap();
    let mut problems = Vec::new();
    let en = crate::site::merge::inherit(table, &nl, en, &mut problems);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(en.date, nl.date, "the English page takes the Dutch date");

    let other = theme(table, Lang::En, "---\ntitle: Workload\ndate: 2024\n---\n").unwrap();
    crate::site::merge::inherit(table, &nl, other, &mut problems);
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("`date` differs from the Dutch page")),
        "{problems:#?}"
    );
}

#[test]
fn new_writes_an_added_field_with_its_hint_and_translate_copies_a_translated_one() {
    let table = table_with_theme_fields();
    let dir = tempfile::tempdir().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let made = crate::new_page::create_in(
        table,
        dir.path(),
        "themas",
        "werkdruk",
        Some("Werkdruk"),
        today,
    )
    .unwrap();
    let text = std::fs::read_to_string(&made).unwrap();
    assert!(
        text.contains("date: 2026-03-02")
            && text.contains("# sinds wanneer het fonds aan dit thema werkt"),
        "{text}"
    );
    assert!(text.contains("contact: \"\""), "{text}");
    // What `kennis new` writes is itself valid for the kind.
    theme(table, Lang::Nl, &text).unwrap();

    std::fs::write(&made, DUTCH).unwrap();
    let en = crate::translate::start_in(table, dir.path(), &made).unwrap();
    let en = std::fs::read_to_string(en).unwrap();
    assert!(
        en.contains("contact: werkdruk@sofokles.nl"),
        "translated: copied to start from\n{en}"
    );
    assert!(
        !en.contains("date:"),
        "shared: left to the Dutch page\n{en}"
    );
}

#[test]
fn the_docs_list_an_added_field() {
    let table = table_with_theme_fields();
    let rows = docs::kind_table(spec(table, &Kind::Theme));
    assert!(
        rows.contains(
            "| `date` | date | shared: set in Dutch only | when the theme was taken up |"
        ),
        "{rows}"
    );
    assert!(rows.contains("| `contact` | text | translated |"), "{rows}");
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/content-model.md"
    ))
    .unwrap();
    let fresh = docs::update(&doc, table).unwrap();
    assert!(fresh != doc && fresh.contains("when the theme was taken up"));
}

/// The names serde knows for `RawFrontMatter`, asked of serde itself.
fn raw_front_matter_fields() -> &'static [&'static str] {
    use serde::de::{Error, Visitor};
    struct Grab(Option<&'static [&'static str]>);
    impl<'de> serde::Deserializer<'de> for &mut Grab {
        type Error = serde::de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(Error::custom("only structs"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            self.0 = Some(fields);
            Err(Error::custom("grabbed"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
            unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    let mut g = Grab(None);
    let _ =
        <crate::content::frontmatter::RawFrontMatter as serde::Deserialize>::deserialize(&mut g);
    g.0.expect("RawFrontMatter is a struct")
}

#[test]
fn the_parser_and_the_table_know_the_same_fields() {
    let raw = raw_front_matter_fields();
    let in_table: Vec<&str> = KINDS.iter().flat_map(|k| k.names()).collect();
    for name in &in_table {
        assert!(
            raw.contains(name),
            "`{name}` is in the kind table but RawFrontMatter cannot read it"
        );
    }
    for name in raw {
        assert!(
            in_table.contains(name),
            "RawFrontMatter reads `{name}` but no kind in the table takes it"
        );
    }
}
