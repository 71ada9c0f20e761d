//! One look at the YAML text before the parser sees it: quotes and brackets that are never closed (for a
//! better message when parsing fails), lists nested too deep, and escapes that write control characters.
//!
//! This is not a YAML parser. Quotes and brackets only count where a value starts (`key: "x`, `[a, "b`),
//! not inside text (`title: Jan's boek`), which is right for front matter as the editors write it.

use crate::clean;

/// Deeper nesting of `[` and `{` is refused before parsing. Front matter needs two levels at most; libyaml
/// spends time on every open level for every token, so deep nesting is quadratic.
pub const MAX_DEPTH: usize = 32;

/// A quote, bracket or escape at a place in the text.
pub struct Open {
    pub ch: char,
    /// 0-based line in the text.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

#[derive(Default)]
pub struct Scan {
    /// The first quote, `[` or `{` that is never closed.
    pub unclosed: Option<Open>,
    /// The first `[` or `{` deeper than [`MAX_DEPTH`].
    pub too_deep: Option<Open>,
    /// The first escape in a double-quoted value that writes a forbidden character: where, the escape as
    /// written (`\x01`), and the character.
    pub control: Option<(Open, String, char)>,
}

pub fn scan(text: &str) -> Scan {
    let mut found = Scan::default();
    let mut quote: Option<Open> = None;
    let mut stack: Vec<Open> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut value_start = true;
        let mut chars = line.chars().enumerate().peekable();
        while let Some((c, ch)) = chars.next() {
            let here = |ch| Open {
                ch,
                line: i,
                column: c + 1,
            };
            if let Some(q) = &quote {
                match (q.ch, ch) {
                    ('"', '\\') => {
                        let mut escape = String::from('\\');
                        let decoded = escaped(&mut chars, &mut escape);
                        if let Some(d) = decoded.filter(|d| clean::forbidden(*d))
                            && found.control.is_none()
                        {
                            found.control = Some((here('\\'), escape, d));
                        }
                    }
                    ('\'', '\'') if chars.peek().map(|(_, n)| *n) == Some('\'') => {
                        chars.next();
                    }
                    (q, ch) if q == ch => {
                        quote = None;
                        value_start = false;
                    }
                    _ => {}
                }
                continue;
            }
            match ch {
                ' ' | '\t' => {}
                '#' if value_start || c == 0 => break,
                '"' | '\'' if value_start => quote = Some(here(ch)),
                '[' | '{' if value_start => {
                    if stack.len() == MAX_DEPTH && found.too_deep.is_none() {
                        found.too_deep = Some(here(ch));
                    }
                    stack.push(here(ch));
                }
                ']' | '}' if !stack.is_empty() => {
                    if stack.last().is_some_and(|o| (o.ch == '[') == (ch == ']')) {
                        stack.pop();
                    }
                    value_start = false;
                }
                ',' if !stack.is_empty() => value_start = true,
                ':' | '-' | '?' if chars.peek().is_none_or(|(_, n)| *n == ' ') => {
                    value_start = true
                }
                _ => value_start = false,
            }
        }
    }
    found.unclosed = quote.or_else(|| stack.into_iter().next());
    found
}

/// The character a double-quoted escape writes (after its `\`), adding what it reads to `written`.
fn escaped(chars: &mut impl Iterator<Item = (usize, char)>, written: &mut String) -> Option<char> {
    let (_, e) = chars.next()?;
    written.push(e);
    let digits = match e {
        '0' => return Some('\0'),
        'a' => return Some('\x07'),
        'b' => return Some('\x08'),
        'e' => return Some('\x1b'),
        'v' => return Some('\x0b'),
        'f' => return Some('\x0c'),
        'N' => return Some('\u{85}'),
        'x' => 2,
        'u' => 4,
        'U' => 8,
        _ => return None,
    };
    let hex: String = chars.take(digits).map(|(_, h)| h).collect();
    written.push_str(&hex);
    u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unclosed_quotes_and_brackets_are_found_where_they_open() {
        let o = scan("title: \"abc\ndate: x\n").unclosed.unwrap();
        assert_eq!((o.ch, o.line, o.column), ('"', 0, 8));
        let o = scan("title: a\nthemes: [a, b\n").unclosed.unwrap();
        assert_eq!((o.ch, o.line, o.column), ('[', 1, 9));
        assert!(
            scan("title: Jan's boek [concept\nx: \"a \\\" b\"\ny: 'it''s'\n")
                .unclosed
                .is_none()
        );
    }

    #[test]
    fn deep_nesting_is_found_at_the_first_bracket_too_many() {
        let deep = format!("title: x\nrelated: {}{}\n", "[".repeat(40), "]".repeat(40));
        let o = scan(&deep).too_deep.unwrap();
        assert_eq!((o.line, o.column), (1, 10 + MAX_DEPTH));
        assert!(
            scan("period: {start: 2023, end: [2025]}\n")
                .too_deep
                .is_none()
        );
        // Brackets inside quoted text are text.
        let quoted = format!("title: \"{}\"\n", "[".repeat(40));
        assert!(scan(&quoted).too_deep.is_none());
    }

    #[test]
    fn control_escapes_in_double_quotes_are_found() {
        let (o, written, c) = scan("title: \"a \\x01 b\"\n").control.unwrap();
        assert_eq!(
            (o.line, o.column, written.as_str(), c),
            (0, 11, "\\x01", '\x01')
        );
        let (_, written, _) = scan("description: \"x \\u0002\"\n").control.unwrap();
        assert_eq!(written, "\\u0002");
        // Line breaks and tabs are fine, and plain or single-quoted text has no escapes.
        assert!(
            scan("title: \"a\\tb\\nc \\\" \\u00e9\"\n")
                .control
                .is_none()
        );
        assert!(scan("title: a \\x01 b\ntwo: 'c \\x01'\n").control.is_none());
    }
}
