//! Events in time: what is upcoming on the build's day, the order listings show them in, and "when" in
//! words, as precise as the facts ("12 juni 2025, 14:00 – 16:00", "juni 2025", or nothing: date to follow).

use crate::config::Lang;
use crate::content::Details;
use crate::content::frontmatter::EventTime;
use crate::content::page::EventMeta;
use crate::render::templates::date_text;
use crate::site::Page;
use chrono::NaiveDate;
use serde::Serialize;
use std::cmp::Ordering;

fn meta(p: &Page) -> Option<&EventMeta> {
    match &p.details {
        Details::Event(m) => Some(m),
        Details::None | Details::Project(_) | Details::Episode(_) | Details::Guide(_) => None,
    }
}

/// Over before `today`: its last day (the end's, else the start's) has gone by. An event whose date is not
/// known yet is not over: it is still to come.
pub fn is_past(p: &Page, today: NaiveDate) -> bool {
    meta(p)
        .and_then(|m| m.end.or(m.start))
        .is_some_and(|t| t.date.last_day() < today)
}

/// Upcoming first, soonest first, those without a date after them; then past ones, newest first.
pub fn order(today: NaiveDate) -> impl Fn(&Page, &Page) -> Ordering {
    move |a, b| {
        let start = |p: &Page| meta(p).and_then(|m| m.start);
        let (pa, pb) = (is_past(a, today), is_past(b, today));
        pa.cmp(&pb)
            .then_with(|| match (pa, start(a), start(b)) {
                (false, Some(x), Some(y)) => x.cmp(&y),
                (true, Some(x), Some(y)) => y.cmp(&x),
                // Date to follow: after the dated ones (a past event always has a date).
                (_, x, y) => x.is_none().cmp(&y.is_none()),
            })
            .then_with(|| a.src.title.cmp(&b.src.title))
    }
}

/// What templates show of an event, in cards and on its page.
#[derive(Serialize, Clone, Hash)]
pub struct EventFacts<'a> {
    /// For `<time datetime>`: the start as written (`2025-06-12T14:00`, `2025-06`), when known.
    pub datetime: Option<String>,
    /// The start (and end) in words; `None`: the date is not known yet.
    pub when: Option<String>,
    /// The date is known only to the month or the year: the page says so.
    pub partial: bool,
    pub location: Option<&'a str>,
    pub online: bool,
    pub registration: Option<&'a str>,
    pub organiser: Option<&'a str>,
    pub past: bool,
}

pub fn facts(p: &Page, today: NaiveDate) -> Option<EventFacts<'_>> {
    let m = meta(p)?;
    Some(EventFacts {
        datetime: m.start.map(EventTime::datetime),
        when: m.start.map(|s| when(s, m.end, p.lang)),
        partial: m.start.is_some_and(|s| s.date.day_of_month().is_none()),
        location: m.location.as_deref(),
        online: m.online.unwrap_or(false),
        registration: m.registration.as_deref(),
        organiser: m.organiser.as_deref(),
        past: is_past(p, today),
    })
}

/// "12 juni 2025, 14:00 – 16:00", "12 – 13 juni 2025" (written in full), "juni 2025".
pub fn when(start: EventTime, end: Option<EventTime>, lang: Lang) -> String {
    let at = |t: EventTime| match t.time {
        Some(time) => format!("{}, {}", date_text(t.date, lang), time.format("%H:%M")),
        None => date_text(t.date, lang),
    };
    match end {
        None => at(start),
        // Same day: the day once, then the two times.
        Some(e) if e.date == start.date => match (start.time, e.time) {
            (Some(_), Some(t)) => format!("{} – {}", at(start), t.format("%H:%M")),
            _ => at(start),
        },
        Some(e) => format!("{} – {}", at(start), at(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::frontmatter::parse_event_time;

    fn t(s: &str) -> EventTime {
        parse_event_time(s).unwrap()
    }

    #[test]
    fn when_is_as_precise_as_written() {
        assert_eq!(
            when(t("2025-06-12 14:00"), Some(t("2025-06-12 16:30")), Lang::Nl),
            "12 juni 2025, 14:00 – 16:30"
        );
        assert_eq!(
            when(t("2025-06-12"), Some(t("2025-06-13")), Lang::En),
            "12 June 2025 – 13 June 2025"
        );
        assert_eq!(when(t("2025-06"), None, Lang::Nl), "juni 2025");
    }
}
