//! The podcast RSS feed of one series in one language, as the big directories (Apple, Spotify,
//! Podcast Index) require: the iTunes and Podcasting 2.0 namespaces, square artwork of 1400 to 3000
//! pixels, an enclosure with the byte length of the file, a stable guid.
//!
//! A feed that a directory would reject helps nobody, so a series only gets one (and a feed link) when
//! everything required is known: the publisher facts in site.yaml's `podcast:`, the series artwork, and at
//! least one episode with published audio. Otherwise the build summary says what is missing.

use super::{Note, RenderCx, clean, written};
use crate::content::Details;
use crate::diagnostics::Diagnostic;
use crate::site::Page;
use rss::extension::itunes::{
    ITunesCategory, ITunesChannelExtension, ITunesItemExtension, ITunesOwner,
};
use rss::extension::{Extension, ExtensionMap};
use rss::{Channel, Enclosure, Guid, Item};
use std::collections::BTreeMap;

const PODCAST_NS: &str = "https://podcastindex.org/namespace/1.0";

/// Apple's limits for podcast artwork, in pixels.
const ART_MIN: usize = 1400;
const ART_MAX: usize = 3000;

fn episodes<'r>(r: &'r RenderCx, series: usize) -> &'r [usize] {
    r.list(crate::render::reads::List::Series(series))
}

fn audio(p: &Page) -> Option<&str> {
    match &p.details {
        Details::Episode(m) => m.audio.as_deref(),
        _ => None,
    }
}

fn note(series: &Page, en: String, nl: String) -> Note {
    let where_ = format!("{} ({})", series.src.file.display(), series.lang.code());
    Note {
        en: format!("podcast series {where_}: {en}"),
        nl: format!("podcastreeks {where_}: {nl}"),
    }
}

/// Whether `series` can have a feed, or the note that says why not.
pub fn check(r: &RenderCx, i: usize) -> Result<(), Note> {
    let series = r.page(i);
    if !episodes(r, i).iter().any(|&i| audio(r.page(i)).is_some()) {
        return Err(note(
            series,
            "no feed: no episode has published audio yet".into(),
            "geen feed: nog geen aflevering heeft gepubliceerde audio".into(),
        ));
    }
    if r.config().podcast.is_none() {
        return Err(note(
            series,
            "no feed: site.yaml has no `podcast:` settings (owner_name, owner_email, category), which podcast directories require".into(),
            "geen feed: site.yaml heeft geen `podcast:`-instellingen (owner_name, owner_email, category), die podcastapps verplicht stellen".into(),
        ));
    }
    let Some(image) = series.image.as_deref() else {
        return Err(note(
            series,
            format!(
                "no feed: the series has no `image` (square artwork of {ART_MIN} to {ART_MAX} pixels)"
            ),
            format!(
                "geen feed: de reeks heeft geen `image` (vierkante afbeelding van {ART_MIN} tot {ART_MAX} pixels)"
            ),
        ));
    };
    let size = r
        .local_source(image)
        .ok_or("not a file of this site")
        .and_then(|f| imagesize::size(f).map_err(|_| "not a PNG or JPEG file that can be read"));
    match size {
        Ok(s) if s.width == s.height && (ART_MIN..=ART_MAX).contains(&s.width) => Ok(()),
        Ok(s) => Err(note(
            series,
            format!(
                "no feed: the artwork {image} is {}×{} pixels; podcast apps want it square, {ART_MIN} to {ART_MAX} pixels",
                s.width, s.height
            ),
            format!(
                "geen feed: de afbeelding {image} is {}×{} pixels; podcastapps willen een vierkant van {ART_MIN} tot {ART_MAX} pixels",
                s.width, s.height
            ),
        )),
        Err(why) => Err(note(
            series,
            format!("no feed: the artwork {image} can't be checked ({why})"),
            format!(
                "geen feed: de afbeelding {image} kan niet gecontroleerd worden (geen leesbaar PNG- of JPEG-bestand van deze site)"
            ),
        )),
    }
}

/// The note about episodes left out of the feed of `series` because they have no audio.
pub fn left_out(r: &RenderCx, i: usize) -> Option<Note> {
    let series = r.page(i);
    let eps = episodes(r, i);
    let without = eps.iter().filter(|&&i| audio(r.page(i)).is_none()).count();
    (without > 0 && without < eps.len()).then(|| {
        note(
            series,
            format!("{without} episode(s) without published audio left out of the feed"),
            format!(
                "{without} aflevering(en) zonder gepubliceerde audio niet in de feed opgenomen"
            ),
        )
    })
}

fn ext(name: &str, attrs: &[(&str, String)], value: Option<String>) -> Extension {
    Extension {
        name: name.into(),
        value,
        attrs: attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
        children: BTreeMap::new(),
    }
}

fn podcast_ext(list: Vec<Extension>) -> ExtensionMap {
    let mut by_name: BTreeMap<String, Vec<Extension>> = BTreeMap::new();
    for e in list {
        by_name.entry(e.name.clone()).or_default().push(e);
    }
    BTreeMap::from([("podcast".to_string(), by_name)])
}

/// `Business/Management` → the category with its subcategory.
fn category(text: &str) -> ITunesCategory {
    let mut parts = text.splitn(2, '/').map(str::trim);
    let main = parts.next().unwrap_or_default().to_string();
    ITunesCategory {
        text: main,
        subcategory: parts.next().map(|s| {
            Box::new(ITunesCategory {
                text: s.to_string(),
                subcategory: None,
            })
        }),
    }
}

fn item(r: &RenderCx, p: &Page) -> Option<Item> {
    let Details::Episode(m) = &p.details else {
        return None;
    };
    let audio = m.audio.as_deref()?;
    let link = r.permalink(&p.url);
    let (url, length) = if audio.starts_with("http://") || audio.starts_with("https://") {
        // A remote file's length is unknown without fetching it; 0 is what the RSS profile allows then.
        (audio.to_string(), 0)
    } else {
        (
            r.permalink(audio),
            r.file_info(audio).and_then(|f| f.size).unwrap_or(0),
        )
    };
    let mut extra = Vec::new();
    // The transcript is part of the episode page (the theme shows it below the notes).
    if p.rendered.transcript.is_some() {
        extra.push(ext(
            "podcast:transcript",
            &[("url", link.clone()), ("type", "text/html".into())],
            None,
        ));
    }
    Some(Item {
        title: Some(clean(&p.src.title)),
        link: Some(link),
        // Not the address: a guid must survive a move of the site, or apps download every episode again.
        guid: Some(Guid {
            value: format!("{}:{}", p.lang.code(), p.key),
            permalink: false,
        }),
        pub_date: p.date.map(|d| super::moment(d).to_rfc2822()),
        description: Some(super::news::description(p)),
        enclosure: Some(Enclosure {
            url,
            length: length.to_string(),
            mime_type: super::super::context::audio_type(audio).into(),
        }),
        itunes_ext: Some(ITunesItemExtension {
            duration: m.duration.map(|s| s.to_string()),
            episode: m.episode.map(|n| n.to_string()),
            episode_type: Some("full".into()),
            ..Default::default()
        }),
        extensions: if extra.is_empty() {
            ExtensionMap::new()
        } else {
            podcast_ext(extra)
        },
        ..Default::default()
    })
}

pub fn render(r: &RenderCx, i: usize) -> Result<(String, Vec<u8>), Vec<Diagnostic>> {
    let p = r.page(i);
    let url = super::Plan::url(r, &super::Feed::Series(i));
    let (Some(cfg), Some(image)) = (&r.config().podcast, p.image.as_deref()) else {
        return Err(vec![Diagnostic::error(
            "the podcast feed was planned without its settings (a bug in kennis)",
            "de podcastfeed werd gepland zonder de instellingen ervan (een fout in kennis)",
        )]);
    };
    let author = cfg
        .author
        .clone()
        .unwrap_or_else(|| r.config().lang(p.lang).title.clone());
    let items: Vec<Item> = episodes(r, i)
        .iter()
        .filter_map(|&e| item(r, r.page(e)))
        .collect();
    let description = clean(p.src.description.as_deref().unwrap_or_default());
    let channel = Channel {
        title: clean(&p.src.title),
        link: r.permalink(&p.url),
        description: description.clone(),
        language: Some(p.lang.code().into()),
        atom_ext: Some(super::self_link(r, &url)),
        itunes_ext: Some(ITunesChannelExtension {
            author: Some(clean(&author)),
            categories: vec![category(&cfg.category)],
            image: Some(r.permalink(image)),
            explicit: Some(cfg.explicit.to_string()),
            owner: Some(ITunesOwner {
                name: Some(clean(&cfg.owner_name)),
                email: Some(clean(&cfg.owner_email)),
            }),
            summary: Some(description),
            r#type: Some("episodic".into()),
            ..Default::default()
        }),
        namespaces: BTreeMap::from([("podcast".to_string(), PODCAST_NS.to_string())]),
        extensions: podcast_ext(vec![ext(
            "podcast:locked",
            &[("owner", clean(&cfg.owner_email))],
            Some("no".into()),
        )]),
        items,
        ..Default::default()
    };
    written(
        &url,
        channel.write_to(Vec::new()).map_err(|e| e.to_string()),
    )
}
