//! Line numbers for byte offsets, in time linear in the text.
//!
//! Markdown events, links and shortcodes are found by byte offset, and messages need the line (and the
//! column, in characters). Counting the newlines from the start of the text for every offset made a page
//! with 20,000 links take seconds (issue 16); a table of line starts, built once, answers each question
//! with a binary search.

/// Where each line of a text starts.
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the start of each line; the first is 0.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// 0-based line of byte `offset` (offsets past the end count as the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// Byte offset where the line holding `offset` starts.
    pub fn line_start(&self, offset: usize) -> usize {
        self.starts[self.line_of(offset)]
    }

    /// 1-based column of byte `offset`, in characters, as editors count them.
    pub fn column(&self, offset: usize) -> usize {
        let start = self.line_start(offset);
        self.text
            .get(start..offset)
            .map_or(1, |l| l.chars().count() + 1)
    }

    /// The text of 0-based line `n` without its line end, if the text has that line.
    pub fn line(&self, n: usize) -> Option<&'a str> {
        let start = *self.starts.get(n)?;
        let end = self.starts.get(n + 1).map_or(self.text.len(), |e| e - 1);
        self.text.get(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let idx = LineIndex::new("ab\néc\n\nx");
        assert_eq!(idx.line_of(0), 0);
        assert_eq!(idx.line_of(2), 0);
        assert_eq!(idx.line_of(3), 1);
        assert_eq!(idx.line_of(7), 2);
        assert_eq!(idx.line_of(8), 3);
        assert_eq!(idx.line_of(100), 3);
        assert_eq!(idx.column(5), 2, "é is one character");
        assert_eq!(idx.line(1), Some("éc"));
        assert_eq!(idx.line(2), Some(""));
        assert_eq!(idx.line(3), Some("x"));
        assert_eq!(idx.line(4), None);
    }
}
