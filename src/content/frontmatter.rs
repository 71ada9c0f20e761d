//! Front matter: splitting it off a Markdown file and reading it into typed fields.
//!
//! The YAML between the two `---` lines is read into [`RawFrontMatter`], which knows every field any page
//! may have and rejects all others (with a did-you-mean). Which fields a *kind* of page may use, and the
//! values they may take, is checked afterwards in `page.rs`, so the message can say "`status` is not used
//! on news pages" instead of a bare "unknown field".

use crate::diagnostics::Diagnostic;
use crate::yaml;
use serde::{Deserialize, Serialize};
use std::path::Path;

pub use crate::values::{Date, EventTime, Period, Precision, parse_date, parse_event_time};

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Guest {
    pub name: String,
    #[serde(default)]
    pub role: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// Every field any page may carry. Which ones a kind of page may use is checked in `page.rs`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    /// The writer's word that a date on 1 January really is 1 January, not a stand-in for "some time that
    /// year" (write `2025` for that). Changes nothing on the page; the content tests look for it.
    #[serde(default)]
    pub exact_date: bool,
    pub themes: Option<Vec<String>>,
    pub sectors: Option<Vec<String>>,
    #[serde(default)]
    pub draft: bool,
    pub publish_date: Option<Date>,
    pub expiry_date: Option<Date>,
    pub slug: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub image: Option<String>,
    pub image_alt: Option<String>,
    pub related: Option<Vec<String>>,
    #[serde(default)]
    pub standalone: bool,
    pub weight: Option<i64>,
    pub template: Option<String>,
    // projects
    pub status: Option<String>,
    pub period: Option<Period>,
    pub programme_line: Option<String>,
    pub partners: Option<Vec<String>>,
    pub contact: Option<String>,
    pub goal: Option<Vec<String>>,
    pub approach: Option<Vec<String>>,
    pub results: Option<Vec<String>>,
    pub effect: Option<Vec<String>>,
    // podcasts
    pub episode: Option<u32>,
    pub audio: Option<String>,
    pub duration: Option<String>,
    pub guests: Option<Vec<Guest>>,
    /// The series folder the episode is in; optional, and when given it must match.
    pub series: Option<String>,
    // handreikingen
    pub kind: Option<String>,
    pub publisher: Option<String>,
    pub download: Option<String>,
    pub links: Option<Vec<Link>>,
    // evenementen
    pub start: Option<EventTime>,
    pub end: Option<EventTime>,
    pub location: Option<String>,
    pub online: Option<bool>,
    pub registration: Option<String>,
    pub organiser: Option<String>,
}

/// A Markdown file cut in two: its front matter and its body, with positions kept.
pub struct Split<'a> {
    pub yaml: &'a str,
    pub body: &'a str,
    /// Line number (1-based) of the first body line in the file.
    pub body_line: usize,
}

/// Splits `source` (already normalised to `\n` line ends, BOM removed) at the `---` fences.
pub fn split<'a>(source: &'a str, file: &Path) -> Result<Split<'a>, Diagnostic> {
    let first_line = source.lines().next().unwrap_or("");
    if first_line.trim_end() != "---" {
        let (help, help_nl) = if source.trim().is_empty() {
            (
                "the file is empty: start it with a front matter block: a line `---`, `title: ...`, and a line `---`",
                "het bestand is leeg: begin met een kop (front matter): een regel `---`, dan `title: ...`, en dan weer een regel `---`",
            )
        } else {
            (
                "start the file with a line `---`, then the fields (at least `title: ...`), then a line `---`",
                "begin het bestand met een regel `---`, dan de velden (minstens `title: ...`), en dan weer een regel `---`",
            )
        };
        return Err(Diagnostic::error(
            "the file has no front matter",
            "dit bestand heeft geen kop (front matter) met de gegevens van de pagina",
        )
        .in_file(file)
        .at(1, None)
        .help(help, help_nl)
        .with_source(source));
    }
    let after_open = first_line.len() + 1;
    let rest = source.get(after_open..).unwrap_or("");
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body_start = (after_open + offset + line.len()).min(source.len());
            let body_line = source[..body_start].matches('\n').count() + 1;
            return Ok(Split {
                yaml,
                body: &source[body_start..],
                body_line,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        "the front matter is not closed",
        "de kop (front matter) van deze pagina wordt niet afgesloten",
    )
    .in_file(file)
    .at(1, None)
    .help(
        "add a line with only `---` after the last field",
        "zet na het laatste veld een regel met alleen `---` erop",
    )
    .with_source(source))
}

/// Parses the front matter of a file.
pub fn parse(split: &Split<'_>, source: &str, file: &Path) -> Result<RawFrontMatter, Diagnostic> {
    yaml::parse(
        split.yaml,
        yaml::Origin {
            file,
            source,
            line_offset: 1,
        },
    )
}

/// Line (1-based, in the whole file) of the top-level key `key` in the front matter, if written.
pub fn key_line(source: &str, key: &str) -> Option<usize> {
    let mut in_fm = false;
    for (i, line) in source.lines().enumerate() {
        if line.trim_end() == "---" {
            if in_fm {
                return None;
            }
            in_fm = true;
            continue;
        }
        if let Some(rest) = line.strip_prefix(key)
            && rest.trim_start().starts_with(':')
        {
            return Some(i + 1);
        }
    }
    None
}

/// Line of `value` inside the value of `key` (for lists spread over lines), falling back to the key line.
pub fn value_line(source: &str, key: &str, value: &str) -> Option<usize> {
    let start = key_line(source, key)?;
    for (i, line) in source.lines().enumerate().skip(start - 1) {
        if i + 1 > start && !line.starts_with([' ', '-', '\t']) {
            break;
        }
        if line.contains(value) {
            return Some(i + 1);
        }
    }
    Some(start)
}

/// The top-level keys written in a front matter block, in order: what a file says, `draft: false` included.
///
/// Read from the text rather than from the parsed fields, so "was it written" does not depend on each
/// field's type, and the kind table can name fields the parser knows nothing special about.
pub fn top_level_keys(yaml: &str) -> Vec<&str> {
    yaml.lines()
        .filter(|l| !l.starts_with([' ', '\t', '-', '#']))
        .filter_map(|l| l.split_once(':'))
        .map(|(k, _)| k.trim().trim_matches(['"', '\'']))
        .filter(|k| !k.is_empty())
        .collect()
}

/// Line of the second `value` in the list under `key`: its own line in a list written one item a line,
/// else the key's line (`themes: [werkdruk, werkdruk]`).
pub fn repeat_line(source: &str, key: &str, value: &str) -> Option<usize> {
    let start = key_line(source, key)?;
    fn item(line: &str) -> Option<&str> {
        let t = line.trim().strip_prefix('-')?.trim();
        Some(t.trim_matches(|c| c == '"' || c == '\''))
    }
    source
        .lines()
        .enumerate()
        .skip(start)
        .take_while(|(_, l)| l.starts_with([' ', '-', '\t']))
        .filter(|(_, l)| item(l) == Some(value))
        .nth(1)
        .map_or(Some(start), |(i, _)| Some(i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fm(src: &str) -> Result<RawFrontMatter, Diagnostic> {
        let s = split(src, Path::new("t.md"))?;
        parse(&s, src, Path::new("t.md"))
    }

    #[test]
    fn splits_and_counts_body_line() {
        let src = "---\ntitle: a\n---\nbody\n";
        let s = split(src, Path::new("t.md")).unwrap();
        assert_eq!(s.yaml, "title: a\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let err = fm("---\ntitle: a\nbody\n").unwrap_err();
        assert!(err.message.contains("not closed"));
    }

    #[test]
    fn impossible_date_is_reported_on_its_line() {
        let err = fm("---\ntitle: a\ndate: 2025-02-30\n---\n").unwrap_err();
        assert_eq!(err.line, Some(3), "{err:?}");
        assert!(
            err.message.contains("does not exist") || err.message.contains("not a date"),
            "{}",
            err.message
        );
    }

    #[test]
    fn period_accepts_text_and_ranges() {
        let a = fm("---\ntitle: a\nperiod: doorlopend\n---\n").unwrap();
        assert_eq!(a.period, Some(Period::Text("doorlopend".into())));
        let b = fm("---\ntitle: a\nperiod: {start: 2022-07, end: 2024-03-31}\n---\n").unwrap();
        assert!(matches!(
            b.period,
            Some(Period::Range {
                start: Some(_),
                end: Some(_)
            })
        ));
        let c = fm("---\ntitle: a\nperiod: 2025\n---\n").unwrap();
        assert_eq!(c.period, Some(Period::Text("2025".into())));
    }

    #[test]
    fn dates_may_be_a_day_a_month_or_a_year() {
        let d = |t: &str| parse_date(t).unwrap();
        assert_eq!(d("2025-06-12").precision(), Precision::Day);
        assert_eq!(d("2025-06").precision(), Precision::Month);
        assert_eq!(d("2025").precision(), Precision::Year);
        for t in ["2025-06-12", "2025-06", "2025"] {
            assert_eq!(d(t).to_string(), t, "written back as written");
        }
        assert_eq!(d("2025-06").iso_day(), "2025-06-01");
        assert_eq!(d("2025").iso_day(), "2025-01-01");
        assert_eq!(
            (d("2025-06").month(), d("2025-06").day_of_month()),
            (Some(6), None)
        );
        for bad in [
            "2025-13",
            "2025-6",
            "25",
            "2025-02-30",
            "23-11-2025",
            "juni 2025",
            "",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_bare_year_is_a_number_to_yaml_and_still_a_date() {
        let a = fm("---\ntitle: a\ndate: 2025\nupdated: 2025-06\n---\n").unwrap();
        assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2025"));
        assert_eq!(a.updated.map(|d| d.to_string()).as_deref(), Some("2025-06"));
        let b = fm("---\ntitle: a\nperiod: {start: 2021, end: 2025-12}\n---\n").unwrap();
        let Some(Period::Range {
            start: Some(s),
            end: Some(e),
        }) = b.period
        else {
            panic!("{:?}", b.period)
        };
        assert_eq!(
            (s.to_string(), e.to_string()),
            ("2021".into(), "2025-12".into())
        );
    }

    #[test]
    fn newest_first_a_partial_date_follows_the_fuller_dates_of_its_period() {
        let mut v: Vec<Date> = [
            "2025",
            "2024-12-31",
            "2025-06",
            "2025-01-01",
            "2025-06-30",
            "2025-12-31",
            "2025-07",
            "2025-06-01",
            "2025-05-31",
            "2026",
        ]
        .iter()
        .map(|t| parse_date(t).unwrap())
        .collect();
        v.sort_by(|a, b| b.cmp(a));
        let shown: Vec<String> = v.iter().map(Date::to_string).collect();
        assert_eq!(
            shown,
            [
                "2026",
                "2025-12-31",
                "2025-07",
                "2025-06-30",
                "2025-06-01",
                "2025-06",
                "2025-05-31",
                "2025-01-01",
                "2025",
                "2024-12-31"
            ]
        );
    }

    #[test]
    fn a_month_that_does_not_exist_says_so() {
        let err = fm("---\ntitle: a\ndate: 2025-13\n---\n").unwrap_err();
        assert!(err.message.contains("no month 13"), "{}", err.message);
        let err = fm("---\ntitle: a\ndate: juni 2025\n---\n").unwrap_err();
        assert!(err.message.contains("YYYY-MM or YYYY"), "{}", err.message);
    }

    #[test]
    fn event_times_are_a_date_or_a_day_with_a_time() {
        let e = |t: &str| parse_event_time(t).unwrap();
        assert_eq!(e("2025-06-12 14:00").to_string(), "2025-06-12 14:00");
        assert_eq!(e("2025-06-12 14:00").datetime(), "2025-06-12T14:00");
        assert_eq!(e("2025-06").to_string(), "2025-06");
        assert!(e("2025-06-12") < e("2025-06-12 09:00"));
        for bad in ["2025-06 14:00", "2025-06-12 25:00", "2025-06-12 middag"] {
            assert!(parse_event_time(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_date("2024-02").unwrap().last_day().to_string(),
            "2024-02-29"
        );
        assert_eq!(
            parse_date("2025").unwrap().last_day().to_string(),
            "2025-12-31"
        );
    }

    #[test]
    fn top_level_keys_are_the_unindented_ones() {
        let yaml = "title: \"a: b\"\n# note: x\nthemes:\n  - werkdruk\nguests:\n- name: X\n\"draft\": false\n";
        assert_eq!(top_level_keys(yaml), ["title", "themes", "guests", "draft"]);
    }

    #[test]
    fn key_line_finds_top_level_keys() {
        let src = "---\ntitle: a\nthemes:\n  - werkdruk\n  - x\n---\n";
        assert_eq!(key_line(src, "themes"), Some(3));
        assert_eq!(value_line(src, "themes", "x"), Some(5));
    }
}
