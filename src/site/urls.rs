//! URLs and output paths: what a slug may be, and how a URL becomes a file under the output folder.
//!
//! This is the guard that keeps every write inside the output directory: a URL is turned into path
//! components one by one, and anything that is not a plain name (`..`, empty, a drive, a backslash) is
//! refused, whatever a slug or alias says.

/// A slug is one URL segment: lowercase ASCII letters, digits and single hyphens.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 200
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && !s.starts_with('-')
}

/// An alias is an absolute path on this site such as `/project/oud/`.
pub fn check_alias(alias: &str) -> Result<(), &'static str> {
    if !alias.starts_with('/') || alias.starts_with("//") {
        return Err("must be a path on this site starting with /");
    }
    if alias.contains('\\') || alias.contains('?') || alias.contains('#') || alias.contains("://") {
        return Err("may only contain a path (no \\, ?, # or scheme)");
    }
    if alias.split('/').any(|seg| seg == ".." || seg == ".") {
        return Err("may not contain `..` or `.`");
    }
    Ok(())
}

/// Output file (relative, `/`-separated) for a URL path: `/a/b/` → `a/b/index.html`, `/a/x.xml` → `a/x.xml`.
/// Returns `None` for anything that could escape the output folder.
pub fn output_path(url: &str) -> Option<String> {
    let trimmed = url.trim_start_matches('/');
    let mut parts = Vec::new();
    for seg in trimmed.split('/') {
        if seg.is_empty() {
            continue;
        }
        if seg == ".."
            || seg == "."
            || seg.contains('\\')
            || seg.contains('\0')
            || seg.contains(':')
        {
            return None;
        }
        parts.push(seg);
    }
    let is_file = url
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'));
    let mut path = parts.join("/");
    if !is_file {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(path)
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
    }
}
