//! YAML, the one place that knows about serde_yaml.
//!
//! Front matter and `site.yaml` are both parsed here, so swapping the YAML crate later (serde_yaml is
//! deprecated upstream; see ../shared/STACK.md) touches one file. The job besides parsing is to turn the
//! crate's messages into ones the staff can act on: positions relative to the whole file, the offending line,
//! a did-you-mean for misspelled keys and values, and the list of valid choices.

use crate::diagnostics::{Diagnostic, did_you_mean};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Where a YAML snippet sits inside its file, so positions can be reported against the file.
#[derive(Clone, Copy)]
pub struct Origin<'a> {
    pub file: &'a Path,
    /// The whole file, for excerpts.
    pub source: &'a str,
    /// Number of lines in the file before the snippet starts.
    pub line_offset: usize,
}

/// Parses `text` into `T`, or explains why not.
pub fn parse<T: DeserializeOwned>(text: &str, origin: Origin<'_>) -> Result<T, Diagnostic> {
    // An empty document is an empty mapping, so a file with only `---\n---` reports missing fields,
    // not a cryptic "EOF while parsing".
    let text = if text.trim().is_empty() { "{}" } else { text };
    serde_yaml::from_str(text).map_err(|e| explain(&e, origin))
}

fn explain(e: &serde_yaml::Error, origin: Origin<'_>) -> Diagnostic {
    let raw = e.to_string();
    // serde_yaml appends " at line L column C"; we print positions ourselves.
    let message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    let (message, help) = humanise(&message);
    let mut d = Diagnostic::error(message.clone()).in_file(origin.file);
    if let Some(loc) = e.location() {
        // Errors raised by our own value checks (dates, periods) point at the start of the mapping, not
        // at the value; the message quotes the value, so find its line.
        let quoted = message.split('`').nth(1).filter(|q| !q.is_empty());
        let line_text = origin
            .source
            .lines()
            .nth(loc.line() + origin.line_offset - 1)
            .unwrap_or("");
        match quoted {
            Some(q) if !line_text.contains(q) => {
                let snippet_line = origin
                    .source
                    .lines()
                    .enumerate()
                    .skip(loc.line() + origin.line_offset - 1)
                    .find(|(_, l)| l.contains(q));
                match snippet_line {
                    Some((i, l)) => d = d.at(i + 1, l.find(q).map(|c| c + 1)),
                    None => d = d.at(loc.line() + origin.line_offset, Some(loc.column())),
                }
            }
            _ => d = d.at(loc.line() + origin.line_offset, Some(loc.column())),
        }
    }
    if let Some(help) = help {
        d = d.help(help);
    }
    d.with_source(origin.source)
}

/// Rewrites serde's wording into plain words and adds a suggestion where one can be made.
fn humanise(message: &str) -> (String, Option<String>) {
    // "title: unknown field `titel`, expected one of `a`, `b`" (a leading "key: " path may be present)
    if let Some((word, choices)) = unknown(message, "unknown field `") {
        let help = match did_you_mean(&word, choices.iter().map(String::as_str)) {
            Some(s) => format!(
                "did you mean `{s}`? Valid fields here: {}",
                choices.join(", ")
            ),
            None => format!("remove it, or use one of: {}", choices.join(", ")),
        };
        return (format!("unknown field `{word}`"), Some(help));
    }
    if let Some((word, choices)) = unknown(message, "unknown variant `") {
        let field = field_path(message);
        let help = match did_you_mean(&word, choices.iter().map(String::as_str)) {
            Some(s) => format!("did you mean `{s}`? Valid values: {}", choices.join(", ")),
            None => format!("use one of: {}", choices.join(", ")),
        };
        return (format!("{field}`{word}` is not a valid value"), Some(help));
    }
    if let Some(rest) = message.split("missing field `").nth(1) {
        let name = rest.split('`').next().unwrap_or(rest);
        return (
            format!("the field `{name}` is missing"),
            Some(format!("add a line `{name}: ...`")),
        );
    }
    if message.contains("invalid type") {
        let field = field_path(message);
        let expected = message.rsplit("expected ").next().unwrap_or("");
        let found = message
            .split("invalid type: ")
            .nth(1)
            .and_then(|s| s.split(", expected").next())
            .unwrap_or("something else");
        let help = match expected {
            "a boolean" => "write `true` or `false`".to_string(),
            e if e.contains("sequence") => {
                "write a list, e.g. `[een, twee]` or one `- item` per line".to_string()
            }
            e if e.contains("string") => "write text, in quotes if it contains a colon".to_string(),
            e => format!("expected {e}"),
        };
        return (
            format!("{field}expected {expected}, found {found}"),
            Some(help),
        );
    }
    if message.contains("found character that cannot start any token") {
        return (
            "the YAML contains a character it cannot read here (often a tab)".to_string(),
            Some("indent with spaces, not tabs; put text with special characters in quotes".into()),
        );
    }
    if message.contains("mapping values are not allowed") {
        return (
            "a value contains a colon".to_string(),
            Some("put the value in double quotes, e.g. `title: \"Werkdruk: de aanpak\"`".into()),
        );
    }
    if message.starts_with("duplicate entry") || message.contains("duplicate field") {
        return (
            message.to_string(),
            Some("each field may appear only once".into()),
        );
    }
    (
        format!("the YAML cannot be read: {message}"),
        Some("check the indentation and quotes on this line and the one above".into()),
    )
}

/// `field: ` prefix serde_yaml puts before nested errors, kept for context.
fn field_path(message: &str) -> String {
    match message.split_once(": ") {
        Some((path, _)) if !path.contains(' ') => format!("{path}: "),
        _ => String::new(),
    }
}

fn unknown(message: &str, marker: &str) -> Option<(String, Vec<String>)> {
    let rest = message.split(marker).nth(1)?;
    let word = rest.split('`').next()?.to_string();
    let choices = rest
        .split("expected ")
        .nth(1)
        .map(|list| {
            list.split('`')
                .enumerate()
                .filter(|(i, _)| i % 2 == 1)
                .map(|(_, s)| s.to_string())
                .collect()
        })
        .unwrap_or_default();
    Some((word, choices))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Fm {
        title: String,
        #[serde(default)]
        draft: bool,
    }

    fn origin(src: &str) -> Origin<'_> {
        Origin {
            file: Path::new("a.md"),
            source: src,
            line_offset: 1,
        }
    }

    #[test]
    fn unknown_field_gets_did_you_mean_and_file_line() {
        let src = "---\ntitle: x\ntitel: y\n---\n";
        let err = parse::<Fm>("title: x\ntitel: y\n", origin(src)).unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(
            err.message.contains("unknown field `titel`"),
            "{}",
            err.message
        );
        assert!(
            err.help
                .as_deref()
                .unwrap()
                .contains("did you mean `title`")
        );
        assert_eq!(err.excerpt.as_deref(), Some("titel: y"));
    }

    #[test]
    fn wrong_type_says_what_to_write() {
        let src = "---\ntitle: x\ndraft: misschien\n---\n";
        let err = parse::<Fm>("title: x\ndraft: misschien\n", origin(src)).unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.help.as_deref().unwrap().contains("true"), "{err:?}");
    }
}
