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
    let human = humanise(&message);
    let message = human.message;
    let mut d = Diagnostic::error(message.clone())
        .nl(human.message_nl)
        .in_file(origin.file);
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
    if let Some(help) = human.help {
        d = d.help(help);
    }
    if let Some(help) = human.help_nl {
        d = d.help_nl(help);
    }
    d.with_source(origin.source)
}

/// A serde_yaml message in plain words, in English and in Dutch.
struct Human {
    message: String,
    help: Option<String>,
    message_nl: String,
    help_nl: Option<String>,
}

impl Human {
    fn new(message: String, help: String, message_nl: String, help_nl: String) -> Human {
        Human {
            message,
            help: Some(help),
            message_nl,
            help_nl: Some(help_nl),
        }
    }
}

/// Rewrites serde's wording into plain words and adds a suggestion where one can be made.
fn humanise(message: &str) -> Human {
    // "title: unknown field `titel`, expected one of `a`, `b`" (a leading "key: " path may be present)
    if let Some((word, choices)) = unknown(message, "unknown field `") {
        let list = choices.join(", ");
        let (help, help_nl) = match did_you_mean(&word, choices.iter().map(String::as_str)) {
            Some(s) => (
                format!("did you mean `{s}`? Valid fields here: {list}"),
                format!("bedoel je `{s}`? Velden die hier mogen: {list}"),
            ),
            None => (
                format!("remove it, or use one of: {list}"),
                format!("haal deze regel weg, of gebruik een van deze velden: {list}"),
            ),
        };
        return Human::new(
            format!("unknown field `{word}`"),
            help,
            format!("het veld `{word}` bestaat niet"),
            help_nl,
        );
    }
    if let Some((word, choices)) = unknown(message, "unknown variant `") {
        let field = field_path(message);
        let list = choices.join(", ");
        let (help, help_nl) = match did_you_mean(&word, choices.iter().map(String::as_str)) {
            Some(s) => (
                format!("did you mean `{s}`? Valid values: {list}"),
                format!("bedoel je `{s}`? Waarden die mogen: {list}"),
            ),
            None => (
                format!("use one of: {list}"),
                format!("kies een van deze waarden: {list}"),
            ),
        };
        return Human::new(
            format!("{field}`{word}` is not a valid value"),
            help,
            format!("{field}`{word}` is hier geen geldige waarde"),
            help_nl,
        );
    }
    if let Some(rest) = message.split("missing field `").nth(1) {
        let name = rest.split('`').next().unwrap_or(rest);
        return Human::new(
            format!("the field `{name}` is missing"),
            format!("add a line `{name}: ...`"),
            format!("het veld `{name}` ontbreekt"),
            format!("voeg een regel `{name}: ...` toe"),
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
        let (help, help_nl) = match expected {
            "a boolean" => (
                "write `true` or `false`".to_string(),
                "schrijf `true` (ja) of `false` (nee)".to_string(),
            ),
            e if e.contains("sequence") => (
                "write a list, e.g. `[een, twee]` or one `- item` per line".to_string(),
                "schrijf een lijst, bijvoorbeeld `[een, twee]`, of zet elk onderdeel op een eigen regel die begint met `- item`".to_string(),
            ),
            e if e.contains("string") => (
                "write text, in quotes if it contains a colon".to_string(),
                "schrijf hier tekst; zet die tussen aanhalingstekens als er een dubbele punt in staat".to_string(),
            ),
            e => (
                format!("expected {e}"),
                format!("hier hoort iets anders te staan (verwacht: {})", dutch_kind(e)),
            ),
        };
        return Human::new(
            format!("{field}expected {expected}, found {found}"),
            help,
            format!(
                "{field}hier hoort {} te staan, maar er staat {}",
                dutch_kind(expected),
                dutch_kind(found)
            ),
            help_nl,
        );
    }
    if message.contains("found character that cannot start any token") {
        return Human::new(
            "the YAML contains a character it cannot read here (often a tab)".to_string(),
            "indent with spaces, not tabs; put text with special characters in quotes".into(),
            "op deze regel staat een teken dat niet gelezen kan worden (vaak een tab)".to_string(),
            "spring in met spaties, niet met tabs; zet tekst met bijzondere tekens tussen aanhalingstekens".into(),
        );
    }
    if message.contains("mapping values are not allowed") {
        return Human::new(
            "a value contains a colon".to_string(),
            "put the value in double quotes, e.g. `title: \"Werkdruk: de aanpak\"`".into(),
            "er staat een dubbele punt in een waarde".to_string(),
            "zet de waarde tussen dubbele aanhalingstekens, bijvoorbeeld `title: \"Werkdruk: de aanpak\"`".into(),
        );
    }
    if message.starts_with("duplicate entry") || message.contains("duplicate field") {
        let name = message.split('`').nth(1).filter(|n| !n.is_empty());
        return Human::new(
            message.to_string(),
            "each field may appear only once".into(),
            match name {
                Some(n) => format!("het veld `{n}` staat er twee keer in"),
                None => "een veld staat er twee keer in".to_string(),
            },
            "elk veld mag maar één keer voorkomen: haal een van de twee regels weg".into(),
        );
    }
    // Errors raised by our own value checks (dates, periods) have their own Dutch wording.
    if let Some((message_nl, help_nl)) = crate::content::frontmatter::value_error_nl(message) {
        return Human::new(
            format!("the YAML cannot be read: {message}"),
            "check the indentation and quotes on this line and the one above".into(),
            message_nl,
            help_nl,
        );
    }
    Human::new(
        format!("the YAML cannot be read: {message}"),
        "check the indentation and quotes on this line and the one above".into(),
        format!("de kop (front matter) kan niet gelezen worden. De technische melding is: {message}"),
        "kijk op deze regel en de regel erboven of het inspringen klopt en of alle aanhalingstekens gesloten zijn".into(),
    )
}

/// serde's names for kinds of values ("a boolean", "string \"x\"", "a sequence") in Dutch.
fn dutch_kind(kind: &str) -> String {
    let k = kind.trim();
    let fixed = match k {
        "a boolean" | "boolean" => Some("`true` of `false`"),
        "a string" | "string" => Some("tekst"),
        "a sequence" | "sequence" => Some("een lijst"),
        "a map" | "map" | "a mapping" => Some("een groep velden (`naam: waarde`)"),
        "unit value" | "null" | "unit" => Some("niets"),
        "text or a number" => Some("tekst of een getal"),
        "u32" | "u64" | "i64" | "i32" | "usize" | "an integer" | "integer" => {
            Some("een heel getal")
        }
        "f64" | "a float" => Some("een getal"),
        _ => None,
    };
    if let Some(w) = fixed {
        return w.to_string();
    }
    if let Some(v) = k.strip_prefix("string ") {
        return format!("de tekst {v}");
    }
    if let Some(v) = k
        .strip_prefix("integer ")
        .or_else(|| k.strip_prefix("floating point "))
    {
        return format!("het getal {v}");
    }
    if let Some(v) = k.strip_prefix("boolean ") {
        return v.to_string();
    }
    if k.starts_with("struct ") || k.starts_with("a map") {
        return "een groep velden (`naam: waarde`)".to_string();
    }
    format!("`{k}`")
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
