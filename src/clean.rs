//! Characters that HTML and XML cannot carry.
//!
//! XML 1.0 has no way to write the C0 control characters other than tab, line feed and carriage return, not
//! even as `&#1;`, so one of them in a title makes the RSS feed unreadable; in HTML every control character
//! is a parse error. Text from the editors is checked with [`first_forbidden`] (front matter and Markdown
//! refuse them with a message naming the place); [`strip`] is the safety net on every rendered file.

use std::borrow::Cow;

/// Is `c` a character a page or feed must not contain: a control character other than tab, line feed and
/// carriage return (C0, DEL, C1), or one of the two noncharacters XML forbids?
pub fn forbidden(c: char) -> bool {
    matches!(c, '\0'..='\x08' | '\x0b' | '\x0c' | '\x0e'..='\x1f' | '\x7f'..='\u{9f}' | '\u{fffe}' | '\u{ffff}')
}

/// Byte offset and character of the first forbidden character in `text`.
pub fn first_forbidden(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|(_, c)| forbidden(*c))
}

/// `text` without forbidden characters (borrowed when it has none, the usual case).
pub fn strip(text: &str) -> Cow<'_, str> {
    if first_forbidden(text).is_none() {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|c| !forbidden(*c)).collect())
    }
}

/// How a forbidden character is named in a message: `U+0001`.
pub fn name(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_go_whitespace_and_text_stay() {
        assert_eq!(strip("a \x01 b\x7f\u{85}\tc\nd\r"), "a  b\tc\nd\r");
        assert!(matches!(strip("gewoon één ‘tekst’"), Cow::Borrowed(_)));
        assert_eq!(first_forbidden("ab\x0bc"), Some((2, '\x0b')));
        assert_eq!(name('\x01'), "U+0001");
    }
}
