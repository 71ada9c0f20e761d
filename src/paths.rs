//! URLs and output paths: what a slug may be, how a URL becomes a file under the output folder, and the
//! [`Sink`] those files are handed to.
//!
//! A leaf: the content checks (slugs, aliases, file references), the renderer (where each page goes) and
//! the writer ([`crate::output`]) all use it, so none of them has to import another stage for it.
//!
//! This is the guard that keeps every write inside the output directory: a URL is turned into path
//! components one by one, and anything that is not a plain name (`..`, empty, a drive, a backslash) is
//! refused, whatever a slug or alias says.

use crate::diagnostics::Diagnostic;
use std::path::Path;

/// Somewhere to put output files. Paths are relative and `/`-separated (see [`output_path`]).
/// [`crate::output`] has the real ones (a folder, memory); the renderer only knows this.
pub trait Sink: Sync {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic>;
    fn copy(&self, rel: &str, source: &Path) -> Result<(), Diagnostic>;
    /// The output of the previous finished build, whose search index may be taken over (see
    /// `render::search`); none for a first build and for `serve` and `check`.
    fn previous(&self) -> Option<&Path> {
        None
    }
}

/// The file that marks a folder as a kennis build output. Its presence is the only thing that lets a build
/// replace or sweep a folder.
pub const MARKER: &str = ".kennis-output";

/// A slug is one URL segment: lowercase ASCII letters, digits and single hyphens.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 200
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && !s.starts_with('-')
}

/// Why a path written in front matter (an alias, an audio file, a download, an image) can't be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadPath {
    /// An alias that is not an absolute path on this site.
    NotOnSite,
    /// An alias with a query, a fragment, a scheme or a backslash.
    NotPlain,
    /// `..` or `.` as a segment.
    DotSegments,
    /// A file reference that is neither a site path nor an http(s) URL (`file:///`, `javascript:`, ...).
    NotSiteOrWeb,
    /// A control character (NUL, a tab, a line break...).
    ControlCharacter,
}

impl BadPath {
    /// The reason, to follow "the alias `/x`" or "the audio `/x`".
    pub fn en(self) -> &'static str {
        match self {
            BadPath::NotOnSite => "must be a path on this site starting with /",
            BadPath::NotPlain => "may only contain a path (no \\, ?, # or scheme)",
            BadPath::DotSegments => "may not contain `..` or `.`",
            BadPath::NotSiteOrWeb => {
                "must start with / (a file in static/) or be a full https:// URL"
            }
            BadPath::ControlCharacter => "contains an invisible control character",
        }
    }

    /// The reason in Dutch.
    pub fn nl(self) -> &'static str {
        match self {
            BadPath::NotOnSite => "moet een adres op deze site zijn dat begint met /",
            BadPath::NotPlain => "mag alleen een pad zijn (zonder \\, ?, # of https://)",
            BadPath::DotSegments => "mag geen `..` of `.` bevatten",
            BadPath::NotSiteOrWeb => {
                "moet beginnen met / (een bestand in static/) of een volledig webadres zijn dat begint met https://"
            }
            BadPath::ControlCharacter => "bevat een onzichtbaar stuurteken",
        }
    }
}

/// An alias is an absolute path on this site such as `/project/oud/`.
pub fn check_alias(alias: &str) -> Result<(), BadPath> {
    if alias.chars().any(char::is_control) {
        return Err(BadPath::ControlCharacter);
    }
    if !alias.starts_with('/') || alias.starts_with("//") {
        return Err(BadPath::NotOnSite);
    }
    if alias.contains('\\')
        || alias.contains('?')
        || alias.contains('#')
        || alias.contains("://")
        || alias.contains(':')
    {
        return Err(BadPath::NotPlain);
    }
    if alias.split('/').any(|seg| seg == ".." || seg == ".") {
        return Err(BadPath::DotSegments);
    }
    Ok(())
}

/// A file reference in front matter (audio, download, image): a site path or an http(s) URL, never a way
/// out of the site or another scheme.
pub fn check_file_ref(r: &str) -> Result<(), BadPath> {
    if r.chars().any(char::is_control) {
        return Err(BadPath::ControlCharacter);
    }
    if r.starts_with("https://") || r.starts_with("http://") {
        return Ok(());
    }
    if !r.starts_with('/') || r.starts_with("//") {
        return Err(BadPath::NotSiteOrWeb);
    }
    if r.split('/').any(|seg| seg == ".." || seg == ".") || r.contains('\\') {
        return Err(BadPath::DotSegments);
    }
    Ok(())
}

/// The files a URL path (already percent-decoded, without query or fragment) can name, the way static
/// hosts look them up: a path ending in `/` names its folder's `index.html`; any other path names the file
/// itself, or, when there is none, the folder's `index.html` (which hosts reach with a redirect that adds
/// the `/`). The one place where URLs become output files: the build writes with it, `serve` answers with
/// it and `check` follows links with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    /// The file itself, when the path does not end in `/`.
    pub file: Option<String>,
    /// The folder's index page.
    pub index: String,
}

/// Looks up a URL path; `None` for anything that could escape the output folder (`..`, `.`, a backslash,
/// NUL, a drive letter).
pub fn lookup(url: &str) -> Option<Lookup> {
    let mut parts = Vec::new();
    for seg in url.split('/') {
        if seg.is_empty() {
            continue;
        }
        if seg == ".." || seg == "." || seg.contains(['\\', '\0', ':']) {
            return None;
        }
        parts.push(seg);
    }
    let key = parts.join("/");
    let index = if key.is_empty() {
        "index.html".to_string()
    } else {
        format!("{key}/index.html")
    };
    let folder = url.ends_with('/') || key.is_empty();
    Some(Lookup {
        file: (!folder).then_some(key),
        index,
    })
}

/// Output file (relative, `/`-separated) for a URL the generator makes: `/a/b/` → `a/b/index.html`,
/// `/a/x.xml` → `a/x.xml`, and `/a/b` (no extension) → `a/b/index.html`, so an old address written without
/// its final slash still becomes a page. Returns `None` for anything that could escape the output folder.
pub fn output_path(url: &str) -> Option<String> {
    let found = lookup(url)?;
    match found.file {
        Some(file)
            if file
                .rsplit('/')
                .next()
                .is_some_and(|last| last.contains('.')) =>
        {
            Some(file)
        }
        _ => Some(found.index),
    }
}

/// Joins URL segments into `/a/b/` form, skipping empty ones.
pub fn join(segments: &[&str]) -> String {
    let mut url = String::from("/");
    for s in segments
        .iter()
        .flat_map(|s| s.split('/'))
        .filter(|s| !s.is_empty())
    {
        url.push_str(s);
        url.push('/');
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_valid_slug("werkdruk-en-werkorganisatie"));
        assert!(!is_valid_slug("../etc"));
        assert!(!is_valid_slug("Werkdruk"));
        assert!(!is_valid_slug(""));
    }

    #[test]
    fn output_paths_never_escape() {
        assert_eq!(output_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            output_path("/en/projects/").as_deref(),
            Some("en/projects/index.html")
        );
        assert_eq!(output_path("/feed.xml").as_deref(), Some("feed.xml"));
        assert_eq!(output_path("/a/../../etc/"), None);
        assert_eq!(output_path("/a/..\\b/"), None);
    }

    #[test]
    fn aliases() {
        assert!(check_alias("/project/oud/").is_ok());
        assert!(check_alias("../x").is_err());
        assert!(check_alias("/a/../../x").is_err());
        assert!(check_alias("//evil.example/").is_err());
        assert_eq!(check_alias("/a\0b/"), Err(BadPath::ControlCharacter));
        assert_eq!(
            check_file_ref("file:///etc/passwd"),
            Err(BadPath::NotSiteOrWeb)
        );
        assert_eq!(
            check_file_ref("javascript:alert(1)"),
            Err(BadPath::NotSiteOrWeb)
        );
        assert_eq!(
            check_file_ref("//evil.example/x.png"),
            Err(BadPath::NotSiteOrWeb)
        );
        assert_eq!(
            check_file_ref("/img/../../x.png"),
            Err(BadPath::DotSegments)
        );
        assert!(
            check_file_ref("/img/foto.jpg").is_ok() && check_file_ref("https://a.nl/x.mp3").is_ok()
        );
    }
}
