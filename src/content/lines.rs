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

/// Columns of offsets asked for in increasing order: the characters between two questions on the same
/// line are counted once, so 20,000 links on one long line do not each count from the line's start.
#[derive(Default)]
pub struct Columns {
    /// The last offset asked for and its column.
    last: Option<(usize, usize)>,
}

impl Columns {
    /// 1-based column of byte `offset` of `index`'s text, in characters.
    pub fn column(&mut self, index: &LineIndex<'_>, offset: usize) -> usize {
        let start = index.line_start(offset);
        let (from, col) = match self.last {
            Some((at, col)) if (start..=offset).contains(&at) => (at, col),
            _ => (start, 1),
        };
        let col = col
            + index
                .text
                .get(from..offset)
                .map_or(0, |t| t.chars().count());
        self.last = Some((offset, col));
        col
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
        let mut cols = Columns::default();
        assert_eq!(cols.column(&idx, 0), 1);
        assert_eq!(cols.column(&idx, 1), 2);
        assert_eq!(cols.column(&idx, 5), 2);
        assert_eq!(cols.column(&idx, 6), 3);
        assert_eq!(cols.column(&idx, 8), 1);
        assert_eq!(
            cols.column(&idx, 1),
            2,
            "going back starts from the line again"
        );
    }
}
