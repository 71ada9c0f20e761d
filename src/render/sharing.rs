//! What a page says about itself in its `<head>` for search engines and for links shared on LinkedIn and
//! elsewhere: Open Graph and Twitter card tags, and JSON-LD of the schema.org type of its kind
//! (`Organization` and `WebSite`, with its `SearchAction` when the site has a search page, on the home pages, `BreadcrumbList`, `NewsArticle`, `Article`,
//! `PodcastSeries`, `PodcastEpisode`, `Event`, and a plain `WebPage` for projects). All built from the page
//! model; JSON-LD is serialised by serde_json, never written as template text.
//!
//! Projects get `WebPage`, not a type of their own: schema.org's `Project` is still in its pending area and
//! is a kind of `Organization` (a project as a body that acts), which would put a second organisation
//! beside SoFoKleS for search engines, and no search engine reads it; `Article` would claim an author and
//! a publication date a project description does not have. The breadcrumbs still place it in the site.

use super::RenderCx;
use crate::config::Lang;
use crate::content::{Details, Kind};
use crate::site::Page;
use serde::Serialize;
use serde_json::{Value, json};

/// Share images the theme or site may provide (1200×630), in order of preference; used when a page has
/// no image of its own.
const DEFAULT_IMAGES: [&str; 3] = ["img/share.png", "img/share.jpg", "share.png"];

#[derive(Serialize, Default)]
pub struct Sharing {
    /// `<meta property=…>`: Open Graph.
    pub properties: Vec<Tag>,
    /// `<meta name=…>`: Twitter card.
    pub names: Vec<Tag>,
    /// The JSON-LD graph, serialised and safe inside `<script>`.
    pub jsonld: Option<String>,
}

#[derive(Serialize)]
pub struct Tag {
    pub key: &'static str,
    pub value: String,
}

/// What the head of one page is about.
pub struct Subject<'a> {
    pub lang: Lang,
    pub url: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub kind: &'a str,
    pub translation: Option<&'a Page>,
    pub page: Option<&'a Page>,
}

fn locale(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "nl_NL",
        Lang::En => "en_GB",
    }
}

/// The absolute URL of a page image or the default share image, if there is one.
fn image(r: &RenderCx, page: Option<&Page>) -> Option<String> {
    if let Some(img) = page.and_then(|p| p.image.as_deref()) {
        return Some(if img.starts_with("http") {
            img.to_string()
        } else {
            r.permalink(img)
        });
    }
    DEFAULT_IMAGES
        .iter()
        .find(|p| r.assets().files.contains_key(**p))
        .map(|p| r.permalink(&format!("/{p}")))
}

/// The organisation behind the site, as JSON-LD.
fn organization(r: &RenderCx, lang: Lang) -> Value {
    let cfg = r.config().lang(lang);
    json!({
        "@type": "Organization",
        "@id": format!("{}#organisatie", r.permalink("/")),
        "name": cfg.title,
        "url": r.permalink(&format!("{}/", lang.prefix())),
    })
}

fn date(d: Option<crate::content::frontmatter::Date>) -> Option<String> {
    d.map(|d| d.iso_day())
}

/// The JSON-LD node of the page itself, for the kinds schema.org has a type for.
fn main_node(r: &RenderCx, s: &Subject, p: &Page, img: &Option<String>) -> Option<Value> {
    let url = r.permalink(&p.url);
    let common = json!({
        "url": url,
        "inLanguage": s.lang.code(),
        "description": s.description,
    });
    let mut node = match p.kind {
        Kind::News | Kind::Guide => json!({
            "@type": if p.kind == Kind::News { "NewsArticle" } else { "Article" },
            "headline": p.src.title,
            "mainEntityOfPage": url,
            "datePublished": date(p.date),
            "dateModified": date(p.src.updated.or(p.date)),
            "publisher": organization(r, s.lang),
            "author": organization(r, s.lang),
            "image": img,
        }),
        Kind::Series => json!({
            "@type": "PodcastSeries",
            "name": p.src.title,
            "image": img,
            "webFeed": r.feeds().series_url(r.index(&p.key, p.lang)?).map(|f| r.permalink(f)),
        }),
        Kind::Episode => {
            let Details::Episode(m) = &p.details else {
                return None;
            };
            let series = r.get(
                &format!("podcasts/{}/_index", p.src.series.as_deref().unwrap_or("")),
                p.lang,
            );
            json!({
                "@type": "PodcastEpisode",
                "name": p.src.title,
                "datePublished": date(p.date),
                "episodeNumber": m.episode,
                "partOfSeries": series.map(|s| json!({
                    "@type": "PodcastSeries",
                    "name": s.src.title,
                    "url": r.permalink(&s.url),
                })),
                "associatedMedia": m.audio.as_deref().map(|a| json!({
                    "@type": "MediaObject",
                    "contentUrl": if a.starts_with("http") { a.to_string() } else { r.permalink(a) },
                    "encodingFormat": super::context::audio_type(a),
                })),
                "timeRequired": m.duration.map(|d| format!("PT{d}S")),
            })
        }
        Kind::Event => event(r, s, p, img)?,
        Kind::Project => json!({
            "@type": "WebPage",
            "name": p.src.title,
            "isPartOf": {"@type": "WebSite", "url": r.permalink(&format!("{}/", s.lang.prefix()))},
            "image": img,
        }),
        _ => return None,
    };
    merge(&mut node, common);
    Some(node)
}

/// A schema.org `Event`, saying only what the page knows: a date written as a month or a year stays a
/// month or a year (`2025-06`, `2025`: ISO 8601 at reduced precision, which schema.org accepts), a time
/// without a zone is the local time of the place; no place and no `online` means no attendance mode and
/// no location. `eventStatus` is left out: the front matter has no field for it, and "scheduled" for an
/// event whose documents don't say whether it took place would be a guess.
fn event(r: &RenderCx, s: &Subject, p: &Page, img: &Option<String>) -> Option<Value> {
    let Details::Event(m) = &p.details else {
        return None;
    };
    let place = m
        .location
        .as_deref()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            json!({
                "@type": "Place",
                "name": l,
                "address": l,
            })
        });
    let online = m.online.unwrap_or(false);
    let virtual_location = online.then(|| json!({"@type": "VirtualLocation", "name": "Online"}));
    let mode = match (place.is_some(), m.online) {
        (true, Some(true)) => Some("MixedEventAttendanceMode"),
        (false, Some(true)) => Some("OnlineEventAttendanceMode"),
        // A place, or `online: false` said in so many words: people come in person.
        (true, _) | (false, Some(false)) => Some("OfflineEventAttendanceMode"),
        (false, None) => None,
    };
    let location = match (place, virtual_location) {
        (Some(p), Some(v)) => Some(json!([p, v])),
        (p, v) => p.or(v),
    };
    let organizer = m.organiser.as_deref().map(|o| {
        // The organisation behind the site, by its name in either language: the same node as on the home
        // page, with its address, so readers know it is the publisher itself.
        let own = Lang::ALL.iter().any(|l| {
            o.trim()
                .eq_ignore_ascii_case(r.config().lang(*l).title.trim())
        });
        if own {
            organization(r, s.lang)
        } else {
            json!({"@type": "Organization", "name": o})
        }
    });
    Some(json!({
        "@type": "Event",
        "name": p.src.title,
        "startDate": m.start.map(|t| t.datetime()),
        "endDate": m.end.map(|t| t.datetime()),
        "eventAttendanceMode": mode.map(|m| format!("https://schema.org/{m}")),
        "location": location,
        "organizer": organizer,
        "image": img,
    }))
}

/// `extra`'s fields added to `node`; fields without a value are dropped, as schema.org readers prefer.
fn merge(node: &mut Value, extra: Value) {
    if let (Value::Object(n), Value::Object(e)) = (node, extra) {
        n.extend(e);
        n.retain(|_, v| !v.is_null());
    }
}

fn breadcrumb_list(r: &RenderCx, s: &Subject, p: &Page) -> Option<Value> {
    let crumbs = r.breadcrumbs(p);
    if crumbs.is_empty() || p.kind == Kind::Home {
        return None;
    }
    let items: Vec<Value> = crumbs
        .iter()
        .map(|c| (c.title.to_string(), r.permalink(&c.url)))
        .chain(std::iter::once((s.title.to_string(), r.permalink(s.url))))
        .enumerate()
        .map(|(i, (name, item))| {
            json!({"@type": "ListItem", "position": i + 1, "name": name, "item": item})
        })
        .collect();
    Some(json!({"@type": "BreadcrumbList", "itemListElement": items}))
}

/// JSON as it may stand inside `<script>`: `<` escaped, so no text can close the element early.
fn script_safe(v: &Value) -> String {
    serde_json::to_string(v)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

pub fn sharing(r: &RenderCx, s: &Subject) -> Sharing {
    let cfg = r.config().lang(s.lang);
    let img = image(r, s.page);
    let mut out = Sharing::default();
    let mut prop = |key, value: String| out.properties.push(Tag { key, value });
    let og_type = match s.page.map(|p| &p.kind) {
        Some(Kind::News | Kind::Guide | Kind::Episode) => "article",
        _ => "website",
    };
    prop("og:title", s.title.to_string());
    prop("og:description", s.description.to_string());
    prop("og:type", og_type.into());
    if s.kind != "404" {
        prop("og:url", r.permalink(s.url));
    }
    prop("og:site_name", cfg.title.clone());
    prop("og:locale", locale(s.lang).into());
    if s.translation.is_some() {
        prop("og:locale:alternate", locale(s.lang.other()).into());
    }
    if let Some(i) = &img {
        prop("og:image", i.clone());
        let own = s.page.and_then(|p| p.image.as_deref());
        // Sizes let LinkedIn and others lay out the card before fetching the image.
        let local = own.map_or_else(
            || i.strip_prefix(&r.config().base_url).map(str::to_string),
            |o| o.starts_with('/').then(|| o.to_string()),
        );
        if let Some(size) = local
            .and_then(|l| r.local_source(&l))
            .and_then(|f| imagesize::size(f).ok())
        {
            prop("og:image:width", size.width.to_string());
            prop("og:image:height", size.height.to_string());
        }
        let alt = match own {
            Some(_) => s.page.and_then(|p| p.src.image_alt.clone()),
            None => r
                .theme()
                .strings
                .get(s.lang)
                .get("share_image_alt")
                .cloned(),
        };
        if let Some(alt) = alt {
            prop("og:image:alt", alt);
        }
    }
    let mut name = |key, value: String| out.names.push(Tag { key, value });
    name(
        "twitter:card",
        if img.is_some() {
            "summary_large_image"
        } else {
            "summary"
        }
        .into(),
    );
    name("twitter:title", s.title.to_string());
    name("twitter:description", s.description.to_string());
    if let Some(i) = &img {
        name("twitter:image", i.clone());
    }
    let mut graph: Vec<Value> = Vec::new();
    if let Some(p) = s.page {
        if p.kind == Kind::Home {
            graph.push(organization(r, s.lang));
            let mut site = json!({
                "@type": "WebSite",
                "name": cfg.title,
                "url": r.permalink(s.url),
                "inLanguage": s.lang.code(),
                "publisher": {"@id": format!("{}#organisatie", r.permalink("/"))},
            });
            // The search page takes its query in the address (`?q=`), so search engines may offer it.
            if let Some((_, search)) = r.search_pages().iter().find(|(l, _)| *l == s.lang) {
                site["potentialAction"] = json!({
                    "@type": "SearchAction",
                    "target": {
                        "@type": "EntryPoint",
                        "urlTemplate": format!("{}?q={{search_term_string}}", r.permalink(search)),
                    },
                    "query-input": "required name=search_term_string",
                });
            }
            graph.push(site);
        }
        graph.extend(main_node(r, s, p, &img));
        graph.extend(breadcrumb_list(r, s, p));
    }
    if !graph.is_empty() {
        out.jsonld = Some(script_safe(&json!({
            "@context": "https://schema.org",
            "@graph": graph,
        })));
    }
    out
}
