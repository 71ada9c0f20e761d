//! YAML, the one place that knows about serde_yaml.
//!
//! Front matter and `site.yaml` are both parsed here, so swapping the YAML crate later (serde_yaml is
//! deprecated upstream; see ../shared/STACK.md) touches one file. The job besides parsing is to turn the
//! crate's messages into ones the staff can act on: positions relative to the whole file, the offending line,
//! a did-you-mean for misspelled keys and values, and the list of valid choices. serde_yaml's own messages are
//! read here, the one place that knows its wording; our value types' errors arrive typed
//! ([`crate::values::take_recorded`]) and are worded by their type, never recognised by their text.

mod scan;

use crate::diagnostics::{Diagnostic, did_you_mean, valid_values_help};
use crate::values::{self, ValueError};
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
    refuse_before_parsing(text, origin)?;
    values::forget_recorded();
    serde_yaml::from_str(text).map_err(|e| {
        let raw = e.to_string();
        explain(&e, values::take_recorded(&raw), text, origin)
    })
}

/// What must not reach the YAML parser, or the pages: lists nested so deep that libyaml's time grows with
/// the square of the depth (30,000 `[` took 6 s, issue 16), and escapes such as `"\x01"` that write a
/// control character no web page or feed can carry.
fn refuse_before_parsing(text: &str, origin: Origin<'_>) -> Result<(), Diagnostic> {
    let found = scan::scan(text);
    let at = |open: &scan::Open| (open.line + 1 + origin.line_offset, Some(open.column));
    if let Some(open) = &found.too_deep {
        let (line, column) = at(open);
        let max = scan::MAX_DEPTH;
        return Err(Diagnostic::error(format!(
            "lists or groups are nested more than {max} deep here"
        ), format!("hier zitten meer dan {max} lijsten of groepen in elkaar"))
        .in_file(origin.file)
        .at(line, column)
        .help("a field holds a value, a list (`themes: [werkdruk, dialoog]`) or a group (`period: {start: 2023-07, end: 2025-12}`); remove the extra `[` and `{`", "een veld bevat een waarde, een lijst (`themes: [werkdruk, dialoog]`) of een groep (`period: {start: 2023-07, end: 2025-12}`); haal de overbodige `[` en `{` weg")
        .with_source(origin.source));
    }
    if let Some((open, escape, c)) = &found.control {
        let (line, column) = at(open);
        let name = crate::clean::name(*c);
        return Err(Diagnostic::error(format!(
            "`{escape}` writes the invisible control character {name}, which web pages and feeds cannot carry"
        ), format!(
            "`{escape}` is het onzichtbare stuurteken {name}, dat niet in een webpagina of feed kan"
        ))
        .in_file(origin.file)
        .at(line, column)
        .help(format!("remove `{escape}` from the text"), format!("haal `{escape}` uit de tekst"))
        .with_source(origin.source));
    }
    Ok(())
}

/// What kind of problem serde_yaml reports.
#[derive(PartialEq)]
enum Kind {
    /// The YAML was read, but a field or value does not fit (unknown field, wrong type, ...).
    Data,
    /// One of our own value checks (dates, periods) failed.
    Value,
    /// The YAML itself could not be read.
    Syntax,
}

fn kind(message: &str, value_error: Option<&ValueError>) -> Kind {
    const DATA: [&str; 7] = [
        "unknown field `",
        "unknown variant `",
        "missing field `",
        "invalid type",
        "invalid value",
        "invalid length",
        "duplicate field",
    ];
    if value_error.is_some() {
        Kind::Value
    } else if DATA.iter().any(|m| message.contains(m)) {
        Kind::Data
    } else {
        Kind::Syntax
    }
}

/// `value_error`: the typed error behind `e`, when one of the value types ([`crate::values`]) gave it.
fn explain(
    e: &serde_yaml::Error,
    value_error: Option<ValueError>,
    text: &str,
    origin: Origin<'_>,
) -> Diagnostic {
    let raw = e.to_string();
    // serde_yaml appends " at line L column C"; we print positions ourselves.
    let message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    let kind = kind(&message, value_error.as_ref());
    // Line (0-based, in `text`) serde_yaml points at, if any.
    let reported = e.location().map(|l| l.line().saturating_sub(1));
    let file_line = |i: usize| i + 1 + origin.line_offset;
    let at_or_before = |i: usize| kind != Kind::Syntax || reported.is_none_or(|r| i <= r);

    // Mistakes serde_yaml reports late or in other words: look for them in the text itself.
    if let Some(i) = misindented_line(text).filter(|i| at_or_before(*i)) {
        let first = first_content_line(text) == Some(i);
        let (message, message_nl) = if first {
            ("the first field is indented", "het eerste veld springt in")
        } else {
            (
                "this line is indented but the line above is not a list or a group",
                "deze regel springt in, maar de regel erboven is geen lijst of groep",
            )
        };
        return Diagnostic::error(message, message_nl)
            .in_file(origin.file)
            .at(file_line(i), Some(1))
            .help("remove the spaces at the start of this line: only the items of a list or a group are indented", "haal de spaties aan het begin van deze regel weg: alleen de onderdelen van een lijst of groep springen in")
            .with_source(origin.source);
    }
    if kind == Kind::Syntax
        && let Some(open) = scan::scan(text).unclosed.filter(|o| at_or_before(o.line))
    {
        let (message, help, message_nl, help_nl) = match open.ch {
            '"' | '\'' => {
                let q = open.ch;
                (
                    format!("the quote `{q}` that opens here is never closed"),
                    format!("add the closing quote `{q}` at the end of the value, e.g. `title: {q}Werkdruk: de aanpak{q}`"),
                    format!("het aanhalingsteken `{q}` dat hier begint wordt nergens gesloten"),
                    format!("zet aan het eind van de waarde ook een aanhalingsteken `{q}`, bijvoorbeeld `title: {q}Werkdruk: de aanpak{q}`"),
                )
            }
            '[' => (
                "the list that opens here with `[` is not closed with `]`".to_string(),
                "add `]` after the last item, e.g. `themes: [werkdruk, dialoog]`".to_string(),
                "de lijst die hier met `[` begint wordt niet gesloten met `]`".to_string(),
                "zet `]` na het laatste onderdeel, bijvoorbeeld `themes: [werkdruk, dialoog]`".to_string(),
            ),
            _ => (
                "the group that opens here with `{` is not closed with `}`".to_string(),
                "add `}` after the last field, e.g. `period: {start: 2023-07, end: 2025-12}`".to_string(),
                "de groep die hier met `{` begint wordt niet gesloten met `}`".to_string(),
                "zet `}` na het laatste veld, bijvoorbeeld `period: {start: 2023-07, end: 2025-12}`".to_string(),
            ),
        };
        return Diagnostic::error(message, message_nl)
            .in_file(origin.file)
            .at(file_line(open.line), Some(open.column))
            .help(help, help_nl)
            .with_source(origin.source);
    }

    // A value type's own error is worded by its type; serde_yaml's are read from its text (this module is
    // the one that knows serde_yaml's wording).
    let human = match &value_error {
        Some(ve) => {
            // serde_yaml puts the field's path in front ("date: "): keep it, for context.
            let place = message.find(&ve.to_string()).map_or("", |i| &message[..i]);
            Human::from(ve.words(place))
        }
        None => humanise(&message),
    };
    let mut d = Diagnostic::error(human.message, human.message_nl).in_file(origin.file);
    let lines: Vec<&str> = text.lines().collect();
    if let Some(ve) = &value_error {
        // Our own value checks point at the start of the mapping, not at the value: find the value.
        let start = reported.unwrap_or(0).min(lines.len());
        let order = (start..lines.len()).chain(0..start);
        let field = ve.field().or_else(|| {
            let place = message.find(&ve.to_string()).map_or("", |i| &message[..i]);
            Some(place.trim_end_matches(": ")).filter(|f| !f.is_empty() && !f.contains(' '))
        });
        let found = match (ve.written(), field) {
            (Some(v), _) => order
                .map(|i| (i, lines[i]))
                .find_map(|(i, l)| l.find(v).map(|c| (i, char_column(l, c)))),
            (None, Some(f)) => order.map(|i| (i, lines[i])).find_map(|(i, l)| {
                let rest = l.trim_start().strip_prefix(f)?.strip_prefix(':')?;
                let c = l.len() - rest.trim_start().len();
                Some((i, char_column(l, c)))
            }),
            (None, None) => None,
        };
        if let Some((i, c)) = found {
            d = d.at(file_line(i), Some(c));
        }
    }
    if d.line.is_none()
        && human.not_key_value
        && let Some(i) = line_without_colon(text)
    {
        d = d.at(file_line(i), Some(1));
    }
    if d.line.is_none()
        && let Some(loc) = e.location()
    {
        d = d.at(loc.line() + origin.line_offset, Some(loc.column()));
    }
    if let (Some(help), Some(help_nl)) = (human.help, human.help_nl) {
        d = d.help(help, help_nl);
    }
    d.with_source(origin.source)
}

/// Column (1-based, in characters) of byte offset `byte` in `line`.
fn char_column(line: &str, byte: usize) -> usize {
    line.get(..byte).map_or(byte, |s| s.chars().count()) + 1
}

/// Index of the first line that is neither blank nor a comment.
fn first_content_line(text: &str) -> Option<usize> {
    text.lines().position(|l| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#')
    })
}

/// `name:` or `name: value` at the start of `t` (already trimmed): the value, if `t` is a key.
fn key_value(t: &str) -> Option<&str> {
    let (name, rest) = t.split_once(':')?;
    let ok_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    (ok_name && (rest.is_empty() || rest.starts_with([' ', '\t']))).then(|| rest.trim())
}

/// Indentation of a line, counting the `- ` of list items, so that `  - name: x` is at 4: where the keys
/// of that item start.
fn key_indent(line: &str) -> (usize, &str) {
    let mut indent = line.len() - line.trim_start_matches(' ').len();
    let mut t = &line[indent..];
    while let Some(rest) = t.strip_prefix("- ") {
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        indent += 2 + spaces;
        t = &rest[spaces..];
    }
    (indent, t.trim_end())
}

/// A key indented under a key that already has a value (`date: 2025-01-01` then `  themes: [x]`), or a
/// first key that is indented: the line, 0-based.
fn misindented_line(text: &str) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let first = first_content_line(text)?;
    if lines[first].starts_with(' ') && key_value(lines[first].trim()).is_some() {
        return Some(first);
    }
    // (key indent, value is a plain one-line value) of the last key line
    let mut prev: Option<(usize, bool)> = None;
    // key indent of a `key: |` or `key: >` whose text follows
    let mut block: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let (indent, rest) = key_indent(line);
        if let Some(b) = block {
            if line.len() - line.trim_start().len() > b {
                continue;
            }
            block = None;
        }
        let Some(value) = key_value(rest) else {
            prev = None;
            continue;
        };
        if let Some((p_indent, scalar)) = prev
            && scalar
            && indent > p_indent
            && line.starts_with(' ')
        {
            return Some(i);
        }
        if value.starts_with(['|', '>']) {
            block = Some(indent);
        }
        let closed_quote = |q: char| value.len() > 1 && value.ends_with(q);
        let scalar = !value.is_empty()
            && !value.starts_with(['|', '>', '[', '{', '&', '*', '!', '#'])
            && (!value.starts_with('"') || closed_quote('"'))
            && (!value.starts_with('\'') || closed_quote('\''));
        prev = Some((indent, scalar));
    }
    None
}

/// The first top-level line that is not a list item, a comment or `key: value`: a key without its colon.
fn line_without_colon(text: &str) -> Option<usize> {
    text.lines().position(|l| {
        let t = l.trim();
        !l.starts_with([' ', '\t'])
            && !t.is_empty()
            && !t.starts_with(['#', '-'])
            && key_value(t).is_none()
    })
}

/// A serde_yaml message in plain words, in English and in Dutch.
struct Human {
    message: String,
    help: Option<String>,
    message_nl: String,
    help_nl: Option<String>,
    /// The text is not written as `key: value` lines where that was expected.
    not_key_value: bool,
}

impl Human {
    fn new(message: String, help: String, message_nl: String, help_nl: String) -> Human {
        Human {
            message,
            help: Some(help),
            message_nl,
            help_nl: Some(help_nl),
            not_key_value: false,
        }
    }
}

impl From<values::Words> for Human {
    fn from(w: values::Words) -> Human {
        Human::new(w.message, w.help, w.message_nl, w.help_nl)
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
        let choices: Vec<&str> = choices.iter().map(String::as_str).collect();
        let (help, help_nl) = valid_values_help(&word, &choices);
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
    if message.contains("invalid type: ") || message.contains("invalid value: ") {
        let field = field_path(message);
        let expected = message.rsplit("expected ").next().unwrap_or("");
        let found = message
            .split("invalid type: ")
            .nth(1)
            .or_else(|| message.split("invalid value: ").nth(1))
            .and_then(|s| s.split(", expected").next())
            .unwrap_or("something else");
        // The field's own name, for examples: "guests[0].name: " -> "name".
        let name = field
            .trim_end_matches(": ")
            .rsplit('.')
            .next()
            .filter(|n| !n.is_empty() && !n.contains('['))
            .unwrap_or("field");
        let fields = is_fields(expected);
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
            e if is_whole_number(e) => (
                format!("write a whole number, e.g. `{name}: 2`"),
                format!("schrijf een heel getal, bijvoorbeeld `{name}: 2`"),
            ),
            e if is_number(e) => (
                format!("write a number, e.g. `{name}: 2.5`"),
                format!("schrijf een getal, bijvoorbeeld `{name}: 2.5`"),
            ),
            _ if fields && field.is_empty() => (
                "write each field on its own line as `key: value`, with a colon after the name, e.g. `title: Werkdruk in de zorg`".to_string(),
                "schrijf elk veld op een eigen regel als `naam: waarde`, met een dubbele punt na de naam, bijvoorbeeld `title: Werkdruk in de zorg`".to_string(),
            ),
            _ if fields => (
                "write the fields under it as `key: value`, each on its own line".to_string(),
                "schrijf de velden eronder als `naam: waarde`, elk op een eigen regel".to_string(),
            ),
            e => (
                format!("write {} here", english_kind(e)),
                format!("hier hoort {} te staan", dutch_kind(e)),
            ),
        };
        if fields && field.is_empty() {
            return Human {
                not_key_value: true,
                ..Human::new(
                    "this is not written as fields `key: value`".to_string(),
                    help,
                    "dit is niet geschreven als velden `naam: waarde`".to_string(),
                    help_nl,
                )
            };
        }
        return Human::new(
            format!(
                "{field}expected {}, found {}",
                english_kind(expected),
                english_kind(found)
            ),
            help,
            format!(
                "{field}hier hoort {} te staan, maar er staat {}",
                dutch_kind(expected),
                dutch_kind(found)
            ),
            help_nl,
        );
    }
    if message.contains("found a tab character") {
        return Human::new(
            "this line is indented with a tab".to_string(),
            "indent with spaces, not tabs".into(),
            "deze regel springt in met een tab".to_string(),
            "spring in met spaties, niet met tabs".into(),
        );
    }
    if message.contains("more than one document") {
        return Human::new(
            "the front matter cannot be read as one block of fields".to_string(),
            "check that every field starts at the beginning of its line as `key: value`, without spaces before it (only the items of a list or group are indented)".into(),
            "de kop (front matter) kan niet als één blok velden gelezen worden".to_string(),
            "kijk of elk veld aan het begin van de regel staat als `naam: waarde`, zonder spaties ervoor (alleen de onderdelen van een lijst of groep springen in)".into(),
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
    Human::new(
        format!("the YAML cannot be read: {message}"),
        "check the indentation and quotes on this line and the one above".into(),
        format!("de kop (front matter) kan niet gelezen worden. De technische melding is: {message}"),
        "kijk op deze regel en de regel erboven of het inspringen klopt en of alle aanhalingstekens gesloten zijn".into(),
    )
}

fn is_whole_number(kind: &str) -> bool {
    matches!(
        kind.trim(),
        "u8" | "u16"
            | "u32"
            | "u64"
            | "u128"
            | "usize"
            | "i8"
            | "i16"
            | "i32"
            | "i64"
            | "i128"
            | "isize"
            | "an integer"
            | "integer"
    )
}

fn is_number(kind: &str) -> bool {
    matches!(kind.trim(), "f32" | "f64" | "a float" | "float")
}

/// Is `kind` serde's name for a group of fields (`struct Guest`, `a map`)?
fn is_fields(kind: &str) -> bool {
    let k = kind.trim();
    k.starts_with("struct ") || matches!(k, "a map" | "map" | "a mapping")
}

/// serde's names for kinds of values ("u32", "struct Guest", "string \"x\"") in plain English.
fn english_kind(kind: &str) -> String {
    let k = kind.trim();
    if is_whole_number(k) {
        return "a whole number".to_string();
    }
    if is_number(k) {
        return "a number".to_string();
    }
    if is_fields(k) {
        return "fields written as `key: value`".to_string();
    }
    let fixed = match k {
        "a boolean" | "boolean" => Some("`true` or `false`"),
        "a string" | "string" => Some("text"),
        "a sequence" | "sequence" => Some("a list"),
        "unit value" | "null" | "unit" => Some("nothing"),
        _ => None,
    };
    if let Some(w) = fixed {
        return w.to_string();
    }
    if let Some(v) = k.strip_prefix("string ") {
        return format!("the text {v}");
    }
    if let Some(v) = k
        .strip_prefix("integer ")
        .or_else(|| k.strip_prefix("floating point "))
    {
        return format!("the number {v}");
    }
    if let Some(v) = k.strip_prefix("boolean ") {
        return format!("`{v}`");
    }
    k.to_string()
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

#[cfg(test)]
mod value_errors {
    use super::*;
    use crate::lang::Lang;
    use crate::values::{Date, EventTime, Period};
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Fm {
        title: String,
        date: Option<Date>,
        start: Option<EventTime>,
        period: Option<Period>,
    }

    fn err(yaml: &str) -> Diagnostic {
        let src = format!("---\n{yaml}---\n");
        parse::<Fm>(yaml, origin_of(&src)).unwrap_err()
    }

    fn origin_of(src: &str) -> Origin<'_> {
        Origin {
            file: Path::new("a.md"),
            source: src,
            line_offset: 1,
        }
    }

    /// The editor sees the words of the typed error, in both languages, on the value's line: the test
    /// compares with [`ValueError::words`], so it holds whatever those words are.
    #[test]
    fn a_bad_value_is_told_by_its_type_in_both_languages() {
        let cases = [
            (
                "date: 2025-02-30\n",
                ValueError::NoSuchDate("2025-02-30".into()),
                "",
            ),
            (
                "date: 2025-13\n",
                ValueError::NoSuchDate("2025-13".into()),
                "",
            ),
            (
                "date: 23-11-2025\n",
                ValueError::NotADate("23-11-2025".into()),
                "",
            ),
            ("date: [2025]\n", ValueError::DateExpected, ""),
            (
                "start: 2025-06 14:00\n",
                ValueError::NotATime("2025-06 14:00".into()),
                "",
            ),
            ("period: [2023]\n", ValueError::PeriodShape, ""),
            ("period: {}\n", ValueError::PeriodEmpty, ""),
            (
                "period: {start: 2023-13}\n",
                ValueError::NoSuchDate("2023-13".into()),
                "period: ",
            ),
        ];
        for (line, expected, place) in cases {
            let d = err(&format!("title: a\n{line}"));
            let w = expected.words(place);
            assert_eq!(d.message_in(Lang::En), w.message, "{line}");
            assert_eq!(d.message_in(Lang::Nl), w.message_nl, "{line}");
            assert_eq!(d.help_in(Lang::En), Some(w.help.as_str()), "{line}");
            assert_eq!(d.help_in(Lang::Nl), Some(w.help_nl.as_str()), "{line}");
            // A list where a date belongs names no value to look for, and serde_yaml points at the
            // start of the mapping: the line is only known for the others.
            if expected != ValueError::DateExpected {
                assert_eq!(d.line, Some(3), "{line}");
            }
        }
        // And the words are the specific ones, not a generic "cannot be read".
        let d = err("title: a\ndate: 23-11-2025\n");
        assert_eq!(
            d.help_in(Lang::Nl),
            Some("zet het jaar vooraan, als JJJJ-MM-DD (jaar-maand-dag): `2025-11-23`")
        );
        let d = err("title: a\ndate: 2025-02-30\n");
        assert!(
            d.message_in(Lang::Nl)
                .ends_with("februari 2025 heeft 28 dagen"),
            "{d:?}"
        );
        assert!(
            d.message_in(Lang::En)
                .ends_with("February 2025 has 28 days"),
            "{d:?}"
        );
    }

    /// Text is not decoded: an error that merely reads like a date error (here: the wording the value
    /// types used before they were typed) is not taken for one.
    #[test]
    fn english_that_reads_like_a_date_error_is_not_one() {
        #[derive(Debug)]
        struct Odd;
        impl<'de> Deserialize<'de> for Odd {
            fn deserialize<D: serde::Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
                Err(serde::de::Error::custom(
                    "`2025-02-30` is not a date that exists (check the month and the day)",
                ))
            }
        }
        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct Fm2 {
            odd: Odd,
        }
        let src = "---\nodd: x\n---\n";
        let d = parse::<Fm2>("odd: x\n", origin_of(src)).unwrap_err();
        assert!(d.message.starts_with("the YAML cannot be read"), "{d:?}");
    }

    /// A value error that serde went past is not reported for a later, different error.
    #[test]
    fn a_recorded_error_serde_went_past_is_not_reported() {
        let _: Result<Date, serde_yaml::Error> = serde_yaml::from_str("2025-02-30");
        let src = "---\ntitle: a\ndraft: x\n---\n";
        let d = parse::<Fm>("title: a\ndraft: x\n", origin_of(src)).unwrap_err();
        assert!(d.message.contains("unknown field `draft`"), "{d:?}");
        let _: Result<Date, serde_yaml::Error> = serde_yaml::from_str("2025-02-30");
        assert_eq!(crate::values::take_recorded("unknown field `draft`"), None);
    }
}

#[cfg(test)]
mod heuristics {
    use super::*;

    #[test]
    fn indentation_mistakes_are_found_and_valid_nesting_is_not() {
        assert_eq!(misindented_line("title: a\n  date: b\n"), Some(1));
        assert_eq!(misindented_line(" title: a\ndate: b\n"), Some(0));
        let fine = "title: a\nguests:\n  - name: x\n    role: y\nperiod:\n  start: 2023\ndescription: |\n  een: twee\n    drie: vier\nthemes: [a,\n  b]\n";
        assert_eq!(misindented_line(fine), None);
    }
}
