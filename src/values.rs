//! Values with a shape of their own: dates as precise as the facts, event times, project periods and
//! durations, each read from text with a typed [`ValueError`] when it does not fit.
//!
//! A leaf, so front matter, the site model and the renderer share these types without importing each other.
//! serde can only carry an error as text, so the value types record the typed error beside the text they
//! give serde ([`to_serde`]), and the YAML reader takes it back ([`take_recorded`]): no module reads
//! another's English to find out what went wrong. The words for people, in English and Dutch, are made in
//! one place, [`ValueError::words`].

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize};
use std::cell::RefCell;
use std::fmt;

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
        let text = serde_yaml_scalar(d).map_err(|_| to_serde(ValueError::DateExpected))?;
        parse_date(&text).map_err(to_serde)
    }
}

/// Reads `2025-06-12`, `2025-06` or `2025`.
pub fn parse_date(text: &str) -> Result<Date, ValueError> {
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
        _ => return Err(ValueError::NotADate(t.to_string())),
    };
    NaiveDate::from_ymd_opt(year as i32, month, day)
        .map(|first_day| Date {
            first_day,
            precision,
        })
        .ok_or_else(|| ValueError::NoSuchDate(t.to_string()))
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
pub fn parse_event_time(text: &str) -> Result<EventTime, ValueError> {
    let t = text.trim();
    let Some((day, time)) = t.split_once([' ', 'T']) else {
        return parse_date(t).map(|date| EventTime { date, time: None });
    };
    let date = parse_date(day)?;
    let time = chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M")
        .ok()
        .filter(|_| date.precision() == Precision::Day)
        .ok_or_else(|| ValueError::NotATime(t.to_string()))?;
    Ok(EventTime {
        date,
        time: Some(time),
    })
}

impl<'de> Deserialize<'de> for EventTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = serde_yaml_scalar(d).map_err(|_| to_serde(ValueError::DateExpected))?;
        parse_event_time(&text).map_err(to_serde)
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
                Err(to_serde(ValueError::PeriodShape))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Period, A::Error> {
                Err(to_serde(ValueError::PeriodShape))
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
                        return Err(to_serde(ValueError::PeriodTwice(key)));
                    }
                    *slot = match map.next_value::<Option<Scalar>>()? {
                        // serde_yaml puts `period: ` in front of the message.
                        Some(Scalar(v)) => Some(parse_date(&v).map_err(to_serde)?),
                        None => None,
                    };
                }
                if start.is_none() && end.is_none() {
                    return Err(to_serde(ValueError::PeriodEmpty));
                }
                Ok(Period::Range { start, end })
            }
        }
        d.deserialize_any(V)
    }
}

/// `MM:SS` or `H:MM:SS` to seconds.
pub fn parse_duration(text: &str) -> Result<u32, ValueError> {
    let seconds = || {
        let parts: Vec<u32> = text
            .trim()
            .split(':')
            .map(|p| p.parse().ok())
            .collect::<Option<_>>()?;
        // Checked: an absurd duration is "not a duration", never an overflow.
        match parts.as_slice() {
            [m, s] if *s < 60 => m.checked_mul(60)?.checked_add(*s),
            [h, m, s] if *m < 60 && *s < 60 => h.checked_mul(3600)?.checked_add(m * 60 + s),
            _ => None,
        }
    };
    seconds().ok_or_else(|| ValueError::NotADuration(text.to_string()))
}

/// Why a written value is not a date, an event time or a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueError {
    /// Not written `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (the text as written).
    NotADate(String),
    /// Written like a date, but there is no such day or month (`2025-02-30`, `2025-13`).
    NoSuchDate(String),
    /// An event time with a time that is not `HH:MM`, or a time after a month or a year (`2025-06 14:00`).
    NotATime(String),
    /// A list or a group where a date belongs.
    DateExpected,
    /// `period:` is neither text nor a group with `start:` and/or `end:`.
    PeriodShape,
    /// `period:` is a group with neither `start:` nor `end:`.
    PeriodEmpty,
    /// `start:` or `end:` written twice in `period:` (the key).
    PeriodTwice(String),
    /// Not a duration written `MM:SS` or `H:MM:SS` (the text as written).
    NotADuration(String),
}

/// A value error in words, in English and in Dutch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    pub message: String,
    pub help: String,
    pub message_nl: String,
    pub help_nl: String,
}

impl ValueError {
    /// The text as written, to find the place in the file.
    pub fn written(&self) -> Option<&str> {
        match self {
            ValueError::NotADate(t)
            | ValueError::NoSuchDate(t)
            | ValueError::NotATime(t)
            | ValueError::NotADuration(t) => Some(t).filter(|t| !t.is_empty()).map(String::as_str),
            ValueError::DateExpected
            | ValueError::PeriodShape
            | ValueError::PeriodEmpty
            | ValueError::PeriodTwice(_) => None,
        }
    }

    /// The field the error is about when it is always the same one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            ValueError::PeriodShape | ValueError::PeriodEmpty | ValueError::PeriodTwice(_) => {
                Some("period")
            }
            ValueError::NotADate(_)
            | ValueError::NoSuchDate(_)
            | ValueError::NotATime(_)
            | ValueError::DateExpected
            | ValueError::NotADuration(_) => None,
        }
    }

    /// The message and help for people. `place` is put before the message when the error is about a
    /// field that varies (`date: `, `period: `); empty for none.
    pub fn words(&self, place: &str) -> Words {
        let date_help = "write the date as YYYY-MM-DD (year-month-day), e.g. 2025-04-01; when the day or month is not known, write only YYYY-MM (2025-04) or YYYY (2025)";
        let date_help_nl = "schrijf de datum als JJJJ-MM-DD (jaar-maand-dag), bijvoorbeeld `2025-04-01`; weet je de dag of de maand niet, schrijf dan alleen JJJJ-MM (`2025-04`) of JJJJ (`2025`)";
        let w = |message: String, help: String, message_nl: String, help_nl: String| Words {
            message,
            help,
            message_nl,
            help_nl,
        };
        match self {
            ValueError::NoSuchDate(t) => {
                let (why, why_nl) = match why_no_date(t) {
                    Some((en, nl)) => (format!(": {en}"), format!(": {nl}")),
                    None => (String::new(), String::new()),
                };
                w(
                    format!("{place}the date `{t}` does not exist{why}"),
                    format!("check the month and the day; {date_help}"),
                    format!("{place}de datum `{t}` bestaat niet{why_nl}"),
                    format!("kijk de maand en de dag na (bestaat die dag echt in die maand?); {date_help_nl}"),
                )
            }
            ValueError::NotADate(t) => {
                let (help, help_nl) = match day_first(t) {
                    Some(iso) => (
                        format!("write the year first, as YYYY-MM-DD (year-month-day): `{iso}`"),
                        format!("zet het jaar vooraan, als JJJJ-MM-DD (jaar-maand-dag): `{iso}`"),
                    ),
                    None => (date_help.to_string(), date_help_nl.to_string()),
                };
                w(
                    format!("{place}`{t}` is not a date written as YYYY-MM-DD, YYYY-MM or YYYY"),
                    help,
                    format!("{place}`{t}` is geen datum in de vorm JJJJ-MM-DD, JJJJ-MM of JJJJ"),
                    help_nl,
                )
            }
            ValueError::NotATime(t) => w(
                format!("{place}`{t}` is not a date written as YYYY-MM-DD, YYYY-MM or YYYY"),
                "write a time after a whole day, on the 24-hour clock: `2025-06-12 14:00`; when the day is not known, leave the time out (`2025-06`)".to_string(),
                format!("{place}`{t}` is geen datum in de vorm JJJJ-MM-DD, JJJJ-MM of JJJJ"),
                "zet een tijd achter een hele datum, als uren:minuten: `2025-06-12 14:00`; weet je de dag niet, laat de tijd dan weg (`2025-06`)".to_string(),
            ),
            ValueError::DateExpected => w(
                format!("{place}a date is expected here"),
                date_help.to_string(),
                format!("{place}hier hoort een datum te staan"),
                date_help_nl.to_string(),
            ),
            ValueError::PeriodShape => w(
                "`period` is not written the right way".to_string(),
                "write text such as `period: \"2023-2025\"`, or a start and/or end such as `period: {start: 2023-07, end: 2025-12}` (YYYY, YYYY-MM or YYYY-MM-DD)".to_string(),
                "het veld `period` is niet goed geschreven".to_string(),
                "schrijf een tekst zoals `period: \"2023-2025\"`, of een begin en/of einde zoals `period: {start: 2023-07, end: 2025-12}` (JJJJ, JJJJ-MM of JJJJ-MM-DD)".to_string(),
            ),
            ValueError::PeriodEmpty => w(
                "`period` has no start or end".to_string(),
                "add `start:` and/or `end:`, e.g. `period: {start: 2023-07, end: 2025-12}` (YYYY, YYYY-MM or YYYY-MM-DD)".to_string(),
                "bij `period` ontbreekt een begin of einde".to_string(),
                "vul `start:` en/of `end:` in, bijvoorbeeld `period: {start: 2023-07, end: 2025-12}` (JJJJ, JJJJ-MM of JJJJ-MM-DD)".to_string(),
            ),
            ValueError::PeriodTwice(key) => w(
                format!("`{key}` is written twice in `period`"),
                "each field may appear only once: remove one of the two".to_string(),
                format!("`{key}` staat twee keer in `period`"),
                "elk veld mag maar één keer voorkomen: haal een van de twee weg".to_string(),
            ),
            ValueError::NotADuration(t) => w(
                format!("{place}`{t}` is not a duration"),
                "write minutes and seconds as MM:SS (e.g. 31:05) or H:MM:SS".to_string(),
                format!("{place}`{t}` is geen geldige duur"),
                "schrijf minuten en seconden als MM:SS (bijvoorbeeld 31:05), of uren erbij als U:MM:SS".to_string(),
            ),
        }
    }
}

/// The English message: what serde carries, and what logs show.
impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.words("").message)
    }
}

impl std::error::Error for ValueError {}

thread_local! {
    /// The last value error given to serde on this thread. A YAML document is read on one thread from
    /// start to end, so the reader finds here the typed error behind serde's text.
    static RECORDED: RefCell<Option<ValueError>> = const { RefCell::new(None) };
}

/// `e` as a serde error, recorded for [`take_recorded`].
pub fn to_serde<E: serde::de::Error>(e: ValueError) -> E {
    let err = E::custom(&e);
    RECORDED.with(|r| *r.borrow_mut() = Some(e));
    err
}

/// Forgets any recorded error: call before reading a document.
pub fn forget_recorded() {
    RECORDED.with(|r| r.borrow_mut().take());
}

/// The typed error behind serde's error text `message`, if a value type gave it. A recorded error that
/// serde went past (a value read as one thing, then another) is not the one `message` reports: the check
/// compares `message` with the error's own text, which both sides make with the same [`fmt::Display`],
/// so it holds whatever the wording.
pub fn take_recorded(message: &str) -> Option<ValueError> {
    RECORDED
        .with(|r| r.borrow_mut().take())
        .filter(|e| message.contains(&e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_is_worded_in_both_languages_and_names_what_was_written() {
        let all = [
            ValueError::NotADate("juni 2025".into()),
            ValueError::NoSuchDate("2025-02-30".into()),
            ValueError::NotATime("2025-06 14:00".into()),
            ValueError::DateExpected,
            ValueError::PeriodShape,
            ValueError::PeriodEmpty,
            ValueError::PeriodTwice("start".into()),
            ValueError::NotADuration("1:75".into()),
        ];
        for e in all {
            let w = e.words("");
            for text in [&w.message, &w.help, &w.message_nl, &w.help_nl] {
                assert!(!text.is_empty(), "{e:?}");
            }
            assert_ne!(w.message, w.message_nl, "{e:?}");
            assert_ne!(w.help, w.help_nl, "{e:?}");
            if let Some(written) = e.written() {
                assert!(w.message.contains(written), "{e:?}");
                assert!(w.message_nl.contains(written), "{e:?}");
            }
            assert_eq!(
                e.to_string(),
                w.message,
                "serde carries the English message"
            );
        }
    }

    #[test]
    fn parsers_give_the_typed_error() {
        assert_eq!(
            parse_date("2025-02-30"),
            Err(ValueError::NoSuchDate("2025-02-30".into()))
        );
        assert_eq!(
            parse_date("23-11-2025"),
            Err(ValueError::NotADate("23-11-2025".into()))
        );
        assert_eq!(
            parse_event_time("2025-06 14:00"),
            Err(ValueError::NotATime("2025-06 14:00".into()))
        );
        assert_eq!(
            parse_event_time("2025-13-01 14:00"),
            Err(ValueError::NoSuchDate("2025-13-01".into()))
        );
    }
}
