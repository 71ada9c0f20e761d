//! Front matter: splitting it off a Markdown file and reading it into typed fields.
//!
//! The YAML between the two `---` lines is read into [`RawFrontMatter`], which knows every field any page
//! may have and rejects all others (with a did-you-mean). Which fields a *kind* of page may use, and the
//! values they may take, is checked afterwards in `page.rs`, so the message can say "`status` is not used
//! on news pages" instead of a bare "unknown field".

use crate::diagnostics::Diagnostic;
use crate::yaml;
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;
use std::path::Path;

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0.format("%Y-%m-%d"))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d).map_err(|_| {
            serde::de::Error::custom("expected a date written as YYYY-MM-DD, e.g. 2025-04-01")
        })?;
        parse_date(&text)
            .map(Date)
            .map_err(serde::de::Error::custom)
    }
}

pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| {
        if is_iso_shaped(t) {
            format!("`{t}` is not a date that exists (check the month and the day)")
        } else {
            format!("`{t}` is not a date written as YYYY-MM-DD, e.g. 2025-04-01")
        }
    })
}

/// Is `t` written `\d{4}-\d{2}-\d{2}` (whether or not that day exists)?
fn is_iso_shaped(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// Why a date written `YYYY-MM-DD` does not exist, in English and Dutch ("there is no month 13").
fn why_no_date(t: &str) -> Option<(String, String)> {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let mut parts = t.split('-').map(|p| p.parse::<u32>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    if !(1..=12).contains(&m) {
        return Some((
            format!("there is no month {m}"),
            format!("er is geen maand {m}"),
        ));
    }
    let days = (28..=31u32)
        .rev()
        .find(|day| NaiveDate::from_ymd_opt(y as i32, m, *day).is_some())?;
    if d == 0 || d > days {
        let i = (m - 1) as usize;
        return Some((
            format!("{} {y} has {days} days", EN[i]),
            format!("{} {y} heeft {days} dagen", NL[i]),
        ));
    }
    None
}

/// `23-11-2025` or `1-4-2025` (day first) read as a date, written the right way round.
fn day_first(t: &str) -> Option<String> {
    let p: Vec<&str> = t.split(['-', '/', '.']).collect();
    if p.len() != 3 || p[2].len() != 4 || p[0].len() > 2 || p[1].len() > 2 {
        return None;
    }
    let n = |s: &str| s.parse::<u32>().ok();
    let d = NaiveDate::from_ymd_opt(n(p[2])? as i32, n(p[1])?, n(p[0])?)?;
    Some(d.format("%Y-%m-%d").to_string())
}

/// A date that may be only a year or a year and month: `2023`, `2023-07`, `2023-07-01`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    fn parse(text: &str) -> Result<PartialDate, String> {
        let bad = || format!("`{text}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD");
        let parts: Vec<&str> = text.trim().split('-').collect();
        let num = |s: &str| s.parse::<u32>().map_err(|_| bad());
        let year = parts
            .first()
            .ok_or_else(bad)?
            .parse::<i32>()
            .map_err(|_| bad())?;
        match parts.len() {
            1 => Ok(PartialDate {
                year,
                month: None,
                day: None,
            }),
            2 => {
                let m = num(parts[1])?;
                if !(1..=12).contains(&m) {
                    return Err(bad());
                }
                Ok(PartialDate {
                    year,
                    month: Some(m),
                    day: None,
                })
            }
            3 => {
                let (m, d) = (num(parts[1])?, num(parts[2])?);
                NaiveDate::from_ymd_opt(year, m, d).ok_or_else(|| {
                    format!("`{text}` is not a date that exists (check the month and the day)")
                })?;
                Ok(PartialDate {
                    year,
                    month: Some(m),
                    day: Some(d),
                })
            }
            _ => Err(bad()),
        }
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_yaml_scalar(d)?;
        PartialDate::parse(&v).map_err(serde::de::Error::custom)
    }
}

/// Reads a YAML scalar (string or number) as text.
fn serde_yaml_scalar<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("text or a number")
        }
        fn visit_str<E>(self, v: &str) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_i64<E>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_f64<E>(self, v: f64) -> Result<String, E> {
            Ok(v.to_string())
        }
    }
    d.deserialize_any(V)
}

/// `period:` of a project: free text ("doorlopend sinds 2015") or a start and/or end.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Period {
    Text(String),
    Range {
        start: Option<PartialDate>,
        end: Option<PartialDate>,
    },
}

/// What serde is told when `period:` has the wrong shape.
const PERIOD_SHAPE: &str = "`period` must be text such as \"2023-2025\" or a mapping with `start:` and/or `end:` (YYYY, YYYY-MM or YYYY-MM-DD)";

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{Error, MapAccess, SeqAccess};

        /// A scalar read as text, for `start:` and `end:`.
        struct Scalar(String);
        impl<'de> Deserialize<'de> for Scalar {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                serde_yaml_scalar(d).map(Scalar)
            }
        }

        // A visitor rather than an untagged enum, so a bad `start:` or `end:` is reported as itself
        // ("`2025-13` in `period` is not a date") and not as "`period` must be text or a mapping".
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Period;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text or `start:` and/or `end:`")
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<Period, E> {
                Ok(Period::Text(v.to_string()))
            }
            fn visit_i64<E: Error>(self, v: i64) -> Result<Period, E> {
                Ok(Period::Text(v.to_string()))
            }
            fn visit_u64<E: Error>(self, v: u64) -> Result<Period, E> {
                Ok(Period::Text(v.to_string()))
            }
            fn visit_f64<E: Error>(self, v: f64) -> Result<Period, E> {
                Ok(Period::Text(v.to_string()))
            }
            fn visit_bool<E: Error>(self, _: bool) -> Result<Period, E> {
                Err(E::custom(PERIOD_SHAPE))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Period, A::Error> {
                Err(A::Error::custom(PERIOD_SHAPE))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Period, A::Error> {
                let (mut start, mut end) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    let slot = match key.as_str() {
                        "start" => &mut start,
                        "end" => &mut end,
                        _ => return Err(A::Error::unknown_field(&key, &["start", "end"])),
                    };
                    if slot.is_some() {
                        return Err(A::Error::custom(format_args!(
                            "duplicate field `{key}` in `period`"
                        )));
                    }
                    *slot = match map.next_value::<Option<Scalar>>()? {
                        // serde_yaml puts `period: ` in front of the message.
                        Some(Scalar(v)) => Some(PartialDate::parse(&v).map_err(A::Error::custom)?),
                        None => None,
                    };
                }
                if start.is_none() && end.is_none() {
                    return Err(A::Error::custom("`period` needs a `start:` or an `end:`"));
                }
                Ok(Period::Range { start, end })
            }
        }
        d.deserialize_any(V)
    }
}

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
        return Err(Diagnostic::error("the file has no front matter")
            .nl("dit bestand heeft geen kop (front matter) met de gegevens van de pagina")
            .in_file(file)
            .at(1, None)
            .help(help)
            .help_nl(help_nl)
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
    Err(Diagnostic::error("the front matter is not closed")
        .nl("de kop (front matter) van deze pagina wordt niet afgesloten")
        .in_file(file)
        .at(1, None)
        .help("add a line with only `---` after the last field")
        .help_nl("zet na het laatste veld een regel met alleen `---` erop")
        .with_source(source))
}

/// An error of the value checks above (dates, periods), in plain words.
pub struct ValueError {
    pub message: String,
    pub help: String,
    pub message_nl: String,
    pub help_nl: String,
    /// The value as written, to find it in the file.
    pub value: Option<String>,
    /// The field it belongs to, to find it in the file when there is no value to look for.
    pub field: Option<String>,
}

/// The wording for `message` if it is one of the errors the value checks above give serde.
pub fn value_error(message: &str) -> Option<ValueError> {
    // serde_yaml may put the field path in front ("date: `2025-02-30` is ...").
    let (field, rest) = match message.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') && !path.contains('`') => (Some(path), rest),
        _ => (None, message),
    };
    let prefix = field.map(|f| format!("{f}: ")).unwrap_or_default();
    let quoted = rest.split('`').nth(1).unwrap_or("").to_string();
    let date_help = "write the date as YYYY-MM-DD (year-month-day), e.g. 2025-04-01";
    let date_help_nl =
        "schrijf de datum als JJJJ-MM-DD (jaar-maand-dag), bijvoorbeeld `2025-04-01`";
    let partial_help = "write a year, a year and month, or a whole date: YYYY, YYYY-MM or YYYY-MM-DD, e.g. `2023`, `2023-07` or `2023-07-01`";
    let partial_help_nl = "schrijf een jaar, een jaar en maand, of een hele datum: `2023`, `2023-07` of `2023-07-01` (JJJJ, JJJJ-MM of JJJJ-MM-DD)";
    let v = |message: String, help: String, message_nl: String, help_nl: String| ValueError {
        message,
        help,
        message_nl,
        help_nl,
        value: Some(quoted.clone()).filter(|q| !q.is_empty()),
        field: field.map(str::to_string),
    };
    if rest.ends_with("is not a date that exists (check the month and the day)") {
        let (why, why_nl) = match why_no_date(&quoted) {
            Some((en, nl)) => (format!(": {en}"), format!(": {nl}")),
            None => (String::new(), String::new()),
        };
        return Some(v(
            format!("{prefix}the date `{quoted}` does not exist{why}"),
            format!("check the month and the day; {date_help}"),
            format!("{prefix}de datum `{quoted}` bestaat niet{why_nl}"),
            "kijk de maand en de dag na: bestaat die dag echt in die maand? Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld `2025-04-01`".to_string(),
        ));
    }
    if rest.ends_with("is not a date written as YYYY-MM-DD, e.g. 2025-04-01") {
        let (help, help_nl) = match day_first(&quoted) {
            Some(iso) => (
                format!("write the year first, as YYYY-MM-DD (year-month-day): `{iso}`"),
                format!("zet het jaar vooraan, als JJJJ-MM-DD (jaar-maand-dag): `{iso}`"),
            ),
            None => (date_help.to_string(), date_help_nl.to_string()),
        };
        return Some(v(
            format!("{prefix}`{quoted}` is not a date written as YYYY-MM-DD"),
            help,
            format!("{prefix}`{quoted}` is geen datum in de vorm JJJJ-MM-DD"),
            help_nl,
        ));
    }
    if rest.ends_with("expected a date written as YYYY-MM-DD, e.g. 2025-04-01") {
        return Some(v(
            format!("{prefix}a date is expected here"),
            date_help.to_string(),
            format!("{prefix}hier hoort een datum te staan"),
            date_help_nl.to_string(),
        ));
    }
    if rest.ends_with("is not a date: write YYYY, YYYY-MM or YYYY-MM-DD") {
        return Some(v(
            format!("{prefix}`{quoted}` is not a date"),
            partial_help.to_string(),
            format!("{prefix}`{quoted}` is geen datum"),
            partial_help_nl.to_string(),
        ));
    }
    if rest.contains("`period` must be text such as") {
        return Some(ValueError {
            value: None,
            field: Some("period".to_string()),
            ..v(
                "`period` is not written the right way".to_string(),
                "write text such as `period: \"2023-2025\"`, or a start and/or end such as `period: {start: 2023-07, end: 2025-12}` (YYYY, YYYY-MM or YYYY-MM-DD)".to_string(),
                "het veld `period` is niet goed geschreven".to_string(),
                "schrijf een tekst zoals `period: \"2023-2025\"`, of een begin en/of einde zoals `period: {start: 2023-07, end: 2025-12}` (JJJJ, JJJJ-MM of JJJJ-MM-DD)".to_string(),
            )
        });
    }
    if rest.contains("`period` needs a `start:` or an `end:`") {
        return Some(ValueError {
            value: None,
            field: Some("period".to_string()),
            ..v(
                "`period` has no start or end".to_string(),
                "add `start:` and/or `end:`, e.g. `period: {start: 2023-07, end: 2025-12}` (YYYY, YYYY-MM or YYYY-MM-DD)".to_string(),
                "bij `period` ontbreekt een begin of einde".to_string(),
                "vul `start:` en/of `end:` in, bijvoorbeeld `period: {start: 2023-07, end: 2025-12}` (JJJJ, JJJJ-MM of JJJJ-MM-DD)".to_string(),
            )
        });
    }
    None
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
    fn key_line_finds_top_level_keys() {
        let src = "---\ntitle: a\nthemes:\n  - werkdruk\n  - x\n---\n";
        assert_eq!(key_line(src, "themes"), Some(3));
        assert_eq!(value_line(src, "themes", "x"), Some(5));
    }
}
