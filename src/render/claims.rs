//! Every output path is claimed once: no page, listing, feed, sitemap, redirect, static file or file in
//! `content/` may silently replace another.
//!
//! Before anything is rendered, every output of the build says which path it writes. A second claim on a
//! path is an error naming both sources (`static/index.html` and the home page, an alias `/sitemap.xml` and
//! the sitemap). So is a pair of paths that differ only in upper and lower case or in how an accented
//! letter is encoded (`Foto.JPG` and `foto.jpg`, `café.pdf` in NFC and NFD): on hosts that ignore those
//! differences (Windows, macOS, many upload tools) one would overwrite the other.
//!
//! One deliberate exception is not a claim at all: a file in the site's `static/` replaces the theme's file
//! of the same name (that is how a site overrides its theme), and the asset list holds only the winner.

use crate::config::Lang;
use crate::content::Section;
use crate::diagnostics::Diagnostic;
use std::collections::HashMap;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// Who wants to write an output file.
#[derive(Debug, Clone, Copy)]
pub enum Claimant<'a> {
    /// A page made from a Markdown file.
    Page(&'a Path),
    /// A page of a section's listing, or the redirect from its page 1.
    Listing(Section, Lang),
    NotFound(Lang),
    /// A page of the listing of all items of one type on a theme or sector page (made from that file).
    TermListing(&'a Path, Section),
    /// A later page of the episode list of a podcast series (made from its `_index.md`).
    SeriesPage(&'a Path),
    /// An old address (`aliases:`) written in a page, on `line` of its file.
    Alias {
        file: &'a Path,
        alias: &'a str,
        line: Option<usize>,
    },
    Feed,
    Sitemap,
    Robots,
    HostRedirects,
    /// A file from the theme's or the site's `static/` folder.
    StaticFile(&'a Path),
    /// A file in `content/` published beside the pages.
    ContentFile(&'a Path),
    /// kennis's own marker file in the output folder.
    Marker,
}

impl Claimant<'_> {
    fn describe(&self, root: &Path, lang: Lang) -> String {
        let rel = |p: &Path| crate::diagnostics::relative(root, p).display().to_string();
        let nl = lang == Lang::Nl;
        match self {
            Claimant::Page(f) if nl => format!("de pagina {}", rel(f)),
            Claimant::Page(f) => format!("the page {}", rel(f)),
            Claimant::Listing(s, l) if nl => {
                format!("de overzichtspagina van {} ({})", s.id(), l.code())
            }
            Claimant::Listing(s, l) => format!("the listing of {} ({})", s.id(), l.code()),
            Claimant::TermListing(f, s) if nl => {
                format!("de lijst van alle {} bij {}", s.id(), rel(f))
            }
            Claimant::TermListing(f, s) => {
                format!("the listing of all {} on {}", s.id(), rel(f))
            }
            Claimant::SeriesPage(f) if nl => {
                format!("een vervolgpagina van de afleveringen van {}", rel(f))
            }
            Claimant::SeriesPage(f) => format!("a later page of the episodes of {}", rel(f)),
            Claimant::NotFound(l) if nl => format!("de 404-pagina ({})", l.code()),
            Claimant::NotFound(l) => format!("the 404 page ({})", l.code()),
            Claimant::Alias { file, alias, .. } if nl => {
                format!("het oude adres (alias) {alias} in {}", rel(file))
            }
            Claimant::Alias { file, alias, .. } => format!("the alias {alias} in {}", rel(file)),
            Claimant::Feed if nl => "een RSS-feed of Atom-feed die kennis maakt".into(),
            Claimant::Feed => "an RSS feed or Atom feed kennis makes".into(),
            Claimant::Robots if nl => "het bestand robots.txt dat kennis maakt".into(),
            Claimant::Robots => "the robots.txt kennis makes".into(),
            Claimant::HostRedirects if nl => {
                "het bestand _redirects (doorverwijzingen voor de webhost) dat kennis maakt".into()
            }
            Claimant::HostRedirects => {
                "the _redirects file (redirects for the host) kennis makes".into()
            }
            Claimant::Sitemap if nl => "de sitemap die kennis maakt".into(),
            Claimant::Sitemap => "the sitemap kennis makes".into(),
            Claimant::StaticFile(f) | Claimant::ContentFile(f) if nl => {
                format!("het bestand {}", rel(f))
            }
            Claimant::StaticFile(f) | Claimant::ContentFile(f) => format!("the file {}", rel(f)),
            Claimant::Marker if nl => "het merkbestand van kennis".into(),
            Claimant::Marker => "kennis's marker file".into(),
        }
    }

    /// The file a person can change to resolve a clash, if this claim comes from one.
    fn file(&self) -> Option<&Path> {
        match self {
            Claimant::Page(f)
            | Claimant::TermListing(f, _)
            | Claimant::SeriesPage(f)
            | Claimant::Alias { file: f, .. }
            | Claimant::StaticFile(f)
            | Claimant::ContentFile(f) => Some(f),
            _ => None,
        }
    }
}

/// Two claims on one path (or on two paths a case-insensitive host sees as one).
#[derive(Debug, Clone)]
pub struct Clash<'a> {
    pub first: (String, Claimant<'a>),
    pub second: (String, Claimant<'a>),
}

/// Finds every clash among `claims` (output path, claimant). Reported once per pair, in claim order.
pub fn clashes<'a>(claims: &[(String, Claimant<'a>)]) -> Vec<Clash<'a>> {
    let mut exact: HashMap<&str, usize> = HashMap::with_capacity(claims.len());
    let mut folded: HashMap<String, usize> = HashMap::with_capacity(claims.len());
    let mut out = Vec::new();
    for (i, (path, who)) in claims.iter().enumerate() {
        if let Some(&j) = exact.get(path.as_str()) {
            out.push(Clash {
                first: claims[j].clone(),
                second: (path.clone(), *who),
            });
            continue;
        }
        exact.insert(path, i);
        let key: String = path.nfc().flat_map(char::to_lowercase).collect();
        if let Some(&j) = folded.get(&key) {
            out.push(Clash {
                first: claims[j].clone(),
                second: (path.clone(), *who),
            });
            continue;
        }
        folded.insert(key, i);
    }
    out
}

impl Clash<'_> {
    /// The clash told to a person, in both languages, placed on a file they can change.
    pub fn diagnostic(&self, root: &Path) -> Diagnostic {
        let (p1, a) = &self.first;
        let (p2, b) = &self.second;
        let (en, nl) = if p1 == p2 {
            (
                format!(
                    "two things would be written to {p1}: {} and {}",
                    a.describe(root, Lang::En),
                    b.describe(root, Lang::En)
                ),
                format!(
                    "twee dingen zouden naar {p1} geschreven worden: {} en {}",
                    a.describe(root, Lang::Nl),
                    b.describe(root, Lang::Nl)
                ),
            )
        } else {
            (
                format!(
                    "{} ({p1}) and {} ({p2}) differ only in upper and lower case or accents: on many hosts one would overwrite the other",
                    a.describe(root, Lang::En),
                    b.describe(root, Lang::En)
                ),
                format!(
                    "{} ({p1}) en {} ({p2}) verschillen alleen in hoofdletters of accenten: op veel servers overschrijft de één de ander",
                    a.describe(root, Lang::Nl),
                    b.describe(root, Lang::Nl)
                ),
            )
        };
        let mut d = Diagnostic::error(en, nl)
            .help("rename, move or remove one of them, so that each address has one source", "geef één van beide een andere naam of plek, of haal hem weg, zodat elk adres één bron heeft");
        let placed = if b.file().is_some() { b } else { a };
        if let Some(f) = placed.file() {
            d = d.in_file(crate::diagnostics::relative(root, f));
        }
        if let Claimant::Alias {
            line: Some(line), ..
        } = placed
        {
            d = d.at(*line, None);
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_claim_and_a_case_or_accent_twin_clash_and_nothing_else() {
        let a = Path::new("/site/static/index.html");
        let claims = vec![
            (
                "index.html".to_string(),
                Claimant::Listing(Section::Nieuws, Lang::Nl),
            ),
            ("nieuws/index.html".to_string(), Claimant::Feed),
            ("index.html".to_string(), Claimant::StaticFile(a)),
            ("img/Foto.JPG".to_string(), Claimant::StaticFile(a)),
            ("img/foto.jpg".to_string(), Claimant::StaticFile(a)),
            ("caf\u{e9}.pdf".to_string(), Claimant::ContentFile(a)),
            ("cafe\u{301}.pdf".to_string(), Claimant::ContentFile(a)),
            ("cafe.pdf".to_string(), Claimant::ContentFile(a)),
        ];
        let found = clashes(&claims);
        let pairs: Vec<(&str, &str)> = found
            .iter()
            .map(|c| (c.first.0.as_str(), c.second.0.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("index.html", "index.html"),
                ("img/Foto.JPG", "img/foto.jpg"),
                ("caf\u{e9}.pdf", "cafe\u{301}.pdf"),
            ]
        );
        let d = found[0].diagnostic(Path::new("/site"));
        assert!(d.message.contains("static/index.html"), "{}", d.message);
        assert_eq!(d.file.as_deref(), Some(Path::new("static/index.html")));
    }
}
