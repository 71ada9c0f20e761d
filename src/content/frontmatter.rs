//! Front matter: splitting it off a Markdown file and reading it into typed fields.
//!
//! The YAML between the two `---` lines is read into [`RawFrontMatter`], which knows every field any page
//! may have and rejects all others (with a did-you-mean). Which fields a *kind* of page may use, and the
//! values they may take, is checked afterwards in `page.rs`, so the message can say "`status` is not used
//! on news pages" instead of a bare "unknown field".

use crate::diagnostics::Diagnostic;
use crate::yaml;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;
use std::path::Path;

/// How much of a date was written: a year (`2025`), a month (`2025-06`) or a day (`2025-06-12`).
///
/// Ordered coarse to fine, so that a partial date sorts *before* the fuller dates that start on the same
/// day: newest first, "2025" comes after every day and month of 2025 it could stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A date as precise as the facts: a day, a month or a year. Written `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
///
/// Held as the first day of the period it names plus how much was written. The derived order (first day,
/// then precision) is the one listings want: "2025-06" sorts after every day of June and before every day
/// of May, and "2025" after every other date of 2025. Scheduling and feeds use the first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    first_day: NaiveDate,
    precision: Precision,
}

impl Date {
    /// A whole date (day precision).
    pub fn day(d: NaiveDate) -> Date {
        Date {
            first_day: d,
            precision: Precision::Day,
        }
    }

    /// The first day of the period: what feeds, sitemaps and the publication window use.
    pub fn first_day(self) -> NaiveDate {
        self.first_day
    }

    pub fn precision(self) -> Precision {
        self.precision
    }

    pub fn year(self) -> i32 {
        self.first_day.year()
    }

    /// The month, when one was written.
    pub fn month(self) -> Option<u32> {
        (self.precision >= Precision::Month).then(|| self.first_day.month())
    }

    /// The day of the month, when one was written.
    pub fn day_of_month(self) -> Option<u32> {
        (self.precision == Precision::Day).then(|| self.first_day.day())
    }

    /// The last day of the period: an event written `2025-06` is not over before June is.
    pub fn last_day(self) -> NaiveDate {
        let d = self.first_day;
        let next = match self.precision {
            Precision::Day => return d,
            Precision::Month if d.month() == 12 => NaiveDate::from_ymd_opt(d.year() + 1, 1, 1),
            Precision::Month => NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1),
            Precision::Year => NaiveDate::from_ymd_opt(d.year() + 1, 1, 1),
        };
        next.and_then(|n| n.pred_opt()).unwrap_or(d)
    }

    /// The first day as `YYYY-MM-DD`: the full date feeds and sitemaps require.
    pub fn iso_day(self) -> String {
        self.first_day.format("%Y-%m-%d").to_string()
    }
}

/// As written: `2025-06-12`, `2025-06` or `2025`; each a valid HTML `<time datetime>`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.first_day;
        match self.precision {
            Precision::Year => write!(f, "{:04}", d.year()),
            Precision::Month => write!(f, "{:04}-{:02}", d.year(), d.month()),
            Precision::Day => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A bare `2025` is a number to YAML; read it as text like the other forms.
        let text = serde_yaml_scalar(d).map_err(|_| serde::de::Error::custom(DATE_EXPECTED))?;
        parse_date(&text).map_err(serde::de::Error::custom)
    }
}

/// What serde is told when a date field holds no scalar at all (a list, a mapping).
const DATE_EXPECTED: &str = "expected a date written as YYYY-MM-DD, YYYY-MM or YYYY";

/// Reads `2025-06-12`, `2025-06` or `2025`.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let t = text.trim();
    let b = t.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let num = |r: std::ops::Range<usize>| t[r].parse::<u32>().unwrap_or(0);
    let (precision, year, month, day) = match b.len() {
        4 if digits(0..4) => (Precision::Year, num(0..4), 1, 1),
        7 if digits(0..4) && b[4] == b'-' && digits(5..7) => {
            (Precision::Month, num(0..4), num(5..7), 1)
        }
        10 if is_iso_shaped(t) => (Precision::Day, num(0..4), num(5..7), num(8..10)),
        _ => return Err(format!("`{t}` {NOT_A_DATE}")),
    };
    NaiveDate::from_ymd_opt(year as i32, month, day)
        .map(|first_day| Date {
            first_day,
            precision,
        })
        .ok_or_else(|| format!("`{t}` {NO_SUCH_DATE}"))
}

// The tails of the two messages above: `value_error` recognises them to word the error for people.
const NOT_A_DATE: &str = "is not a date written as YYYY-MM-DD, YYYY-MM or YYYY";
const NO_SUCH_DATE: &str = "is not a date that exists (check the month and the day)";

/// Is `t` written `\d{4}-\d{2}-\d{2}` (whether or not that day exists)?
fn is_iso_shaped(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// Why a date written `YYYY-MM-DD` or `YYYY-MM` does not exist, in English and Dutch ("there is no month 13").
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
    // `2025-13` (a month) has no day to blame: read it as the month's first day.
    let (y, m, d) = (
        parts.next()??,
        parts.next()??,
        parts.next().unwrap_or(Some(1))?,
    );
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

/// When an event starts or ends: a date as precise as the facts, and a time of day when one is known.
/// Written `2025-06-12 14:00`, or as a [`Date`] alone (`2025-06-12`, `2025-06`, `2025`).
///
/// Ordered by date, then time: "12 June" (no time) sorts before "12 June 14:00".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventTime {
    pub date: Date,
    pub time: Option<chrono::NaiveTime>,
}

impl fmt::Display for EventTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.time {
            Some(t) => write!(f, "{} {}", self.date, t.format("%H:%M")),
            None => write!(f, "{}", self.date),
        }
    }
}

impl EventTime {
    /// A valid HTML `<time datetime>`: `2025-06-12T14:00`, `2025-06-12`, `2025-06` or `2025`.
    pub fn datetime(self) -> String {
        match self.time {
            Some(t) => format!("{}T{}", self.date, t.format("%H:%M")),
            None => self.date.to_string(),
        }
    }
}

/// Reads `2025-06-12 14:00` or a date. A time needs a whole day: "June 2025 at 14:00" says nothing.
pub fn parse_event_time(text: &str) -> Result<EventTime, String> {
    let t = text.trim();
    let Some((day, time)) = t.split_once([' ', 'T']) else {
        return parse_date(t).map(|date| EventTime { date, time: None });
    };
    let date = parse_date(day)?;
    let time = chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M")
        .ok()
        .filter(|_| date.precision() == Precision::Day)
        .ok_or_else(|| format!("`{t}` {NOT_A_DATE}"))?;
    Ok(EventTime {
        date,
        time: Some(time),
    })
}

impl<'de> Deserialize<'de> for EventTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = serde_yaml_scalar(d).map_err(|_| serde::de::Error::custom(DATE_EXPECTED))?;
        parse_event_time(&text).map_err(serde::de::Error::custom)
    }
}

impl Serialize for EventTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// `period:` of a project: free text ("doorlopend sinds 2015") or a start and/or end.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Period {
    Text(String),
    Range {
        start: Option<Date>,
        end: Option<Date>,
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
                        Some(Scalar(v)) => Some(parse_date(&v).map_err(A::Error::custom)?),
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
    let date_help = "write the date as YYYY-MM-DD (year-month-day), e.g. 2025-04-01; when the day or month is not known, write only YYYY-MM (2025-04) or YYYY (2025)";
    let date_help_nl = "schrijf de datum als JJJJ-MM-DD (jaar-maand-dag), bijvoorbeeld `2025-04-01`; weet je de dag of de maand niet, schrijf dan alleen JJJJ-MM (`2025-04`) of JJJJ (`2025`)";
    let v = |message: String, help: String, message_nl: String, help_nl: String| ValueError {
        message,
        help,
        message_nl,
        help_nl,
        value: Some(quoted.clone()).filter(|q| !q.is_empty()),
        field: field.map(str::to_string),
    };
    if rest.ends_with(NO_SUCH_DATE) {
        let (why, why_nl) = match why_no_date(&quoted) {
            Some((en, nl)) => (format!(": {en}"), format!(": {nl}")),
            None => (String::new(), String::new()),
        };
        return Some(v(
            format!("{prefix}the date `{quoted}` does not exist{why}"),
            format!("check the month and the day; {date_help}"),
            format!("{prefix}de datum `{quoted}` bestaat niet{why_nl}"),
            format!(
                "kijk de maand en de dag na (bestaat die dag echt in die maand?); {date_help_nl}"
            ),
        ));
    }
    if rest.ends_with(NOT_A_DATE) {
        let (help, help_nl) = match day_first(&quoted) {
            Some(iso) => (
                format!("write the year first, as YYYY-MM-DD (year-month-day): `{iso}`"),
                format!("zet het jaar vooraan, als JJJJ-MM-DD (jaar-maand-dag): `{iso}`"),
            ),
            // An event's time: it needs a whole day and a 24-hour HH:MM.
            None if quoted.contains(':') => (
                "write a time after a whole day, on the 24-hour clock: `2025-06-12 14:00`; when the day is not known, leave the time out (`2025-06`)".to_string(),
                "zet een tijd achter een hele datum, als uren:minuten: `2025-06-12 14:00`; weet je de dag niet, laat de tijd dan weg (`2025-06`)".to_string(),
            ),
            None => (date_help.to_string(), date_help_nl.to_string()),
        };
        return Some(v(
            format!("{prefix}`{quoted}` is not a date written as YYYY-MM-DD, YYYY-MM or YYYY"),
            help,
            format!("{prefix}`{quoted}` is geen datum in de vorm JJJJ-MM-DD, JJJJ-MM of JJJJ"),
            help_nl,
        ));
    }
    if rest.ends_with(DATE_EXPECTED) {
        return Some(v(
            format!("{prefix}a date is expected here"),
            date_help.to_string(),
            format!("{prefix}hier hoort een datum te staan"),
            date_help_nl.to_string(),
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
