//! Problems, told to people.
//!
//! Every stage of the pipeline reports what went wrong as a [`Diagnostic`]: the file, the line and column
//! when they are known, what is wrong, and what to do about it. Stages never stop at the first problem; they
//! collect diagnostics so a build reports everything at once, sorted by file. This module also renders them
//! for the terminal (with the offending source line shown) and as plain text for the browser overlay.

use crate::lang::Lang;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Characters of a source line shown under a message; longer lines are cut around the column.
const EXCERPT_WIDTH: usize = 160;

/// How bad a problem is: errors fail a build, warnings never do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one place.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root where possible, so messages stay short.
    pub file: Option<PathBuf>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// What to do about it, in plain words.
    pub help: Option<String>,
    /// The source line the problem sits on, shown under the message.
    pub excerpt: Option<String>,
    /// The message and help in Dutch, the editors' language. Always there: the constructors require it.
    pub nl: Box<Dutch>,
}

/// A diagnostic's words in Dutch.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Dutch {
    pub message: String,
    /// Set together with the English help, by [`Diagnostic::help`].
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error, said in English and in Dutch: there is no way to make a message in one language only.
    pub fn error(message: impl Into<String>, nl: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            line: None,
            column: None,
            message: message.into(),
            help: None,
            excerpt: None,
            nl: Box::new(Dutch {
                message: nl.into(),
                help: None,
            }),
        }
    }

    /// A warning, said in English and in Dutch.
    pub fn warning(message: impl Into<String>, nl: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message, nl)
        }
    }

    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub fn at(mut self, line: usize, column: Option<usize>) -> Self {
        self.line = Some(line);
        self.column = column;
        self
    }

    /// What to do about it, in English and in Dutch.
    pub fn help(mut self, help: impl Into<String>, nl: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self.nl.help = Some(nl.into());
        self
    }

    /// Says where the problem came up, after the message in both languages: "... (while rendering x)".
    pub fn add_context(&mut self, en: &str, nl: &str) {
        self.message = format!("{} ({en})", self.message);
        self.nl.message = format!("{} ({nl})", self.nl.message);
    }

    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl.message,
            Lang::En => &self.message,
        }
    }

    /// The help in `lang`.
    pub fn help_in(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Nl => self.nl.help.as_deref(),
            Lang::En => self.help.as_deref(),
        }
    }

    /// Attaches the text of `line` (1-based) of `source` as the excerpt.
    pub fn with_source(self, source: &str) -> Self {
        let text = self
            .line
            .and_then(|line| source.lines().nth(line.saturating_sub(1)));
        self.with_line(text)
    }

    /// Attaches `text`, the problem's line, as the excerpt, for callers that already have it (from a line
    /// table: `with_source` counts lines from the start of the file). Only what [`Self::render_in`] can
    /// show is kept, so thousands of problems on one long line stay small.
    pub fn with_line(mut self, text: Option<&str>) -> Self {
        self.excerpt = text.map(|t| {
            let keep = self.column.unwrap_or(1) + EXCERPT_WIDTH;
            match t.char_indices().nth(keep) {
                Some((cut, _)) => t[..cut].to_string(),
                None => t.to_string(),
            }
        });
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`, as much of it as is known.
    pub fn location(&self) -> String {
        let mut s = match &self.file {
            Some(f) => f.display().to_string(),
            None => String::new(),
        };
        if let Some(line) = self.line {
            let _ = write!(s, ":{line}");
            if let Some(col) = self.column {
                let _ = write!(s, ":{col}");
            }
        }
        s
    }

    /// Plain-text rendering in English.
    pub fn render(&self) -> String {
        self.render_in(Lang::En)
    }

    /// Plain-text rendering, the same for the terminal and the browser overlay.
    pub fn render_in(&self, lang: Lang) -> String {
        let label = match (self.severity, lang) {
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Error, Lang::Nl) => "fout",
            (Severity::Warning, Lang::Nl) => "waarschuwing",
        };
        let mut out = format!("{label}: {}\n", self.message_in(lang));
        let loc = self.location();
        if !loc.is_empty() {
            let _ = writeln!(out, "  --> {loc}");
        }
        if let (Some(line), Some(excerpt)) = (self.line, &self.excerpt) {
            // A long line is shown around the column, so the caret stays on screen.
            let col = self.column.unwrap_or(1).saturating_sub(1);
            let skip = col.saturating_sub(EXCERPT_WIDTH / 2);
            let mut shown: String = excerpt.chars().skip(skip).take(EXCERPT_WIDTH).collect();
            if excerpt.chars().nth(skip + EXCERPT_WIDTH).is_some() {
                shown.push('…');
            }
            let text = if skip > 0 {
                format!("…{shown}")
            } else {
                shown
            };
            let width = line.to_string().len();
            let _ = writeln!(out, "{:width$} |", "");
            let _ = writeln!(out, "{line} | {}", text.replace('\t', "    "));
            if self.column.is_some() {
                let pad = text
                    .chars()
                    .take(col - skip + usize::from(skip > 0))
                    .map(|c| if c == '\t' { "    " } else { " " })
                    .collect::<String>();
                let _ = writeln!(out, "{:width$} | {pad}^", "");
            }
        }
        if let Some(help) = self.help_in(lang) {
            let word = if lang == Lang::Nl {
                "wat te doen"
            } else {
                "help"
            };
            let _ = writeln!(out, "  = {word}: {help}");
        }
        out
    }
}

/// Sorts diagnostics by file and line so output is stable whatever order the parallel stages ran in.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (a.severity, &a.file, a.line, a.column, &a.message)
            .cmp(&(b.severity, &b.file, b.line, b.column, &b.message))
    });
}

/// Makes `path` relative to `root` for display; leaves it alone when it is elsewhere.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// The help for a value that is not one of `choices`, in English and Dutch: the nearest choice if one is
/// close, and the list.
pub fn valid_values_help(value: &str, choices: &[&str]) -> (String, String) {
    let list = choices.join(", ");
    match did_you_mean(value, choices.iter().copied()) {
        Some(s) => (
            format!("did you mean `{s}`? Valid values: {list}"),
            format!("bedoel je `{s}`? Waarden die mogen: {list}"),
        ),
        None => (
            format!("use one of: {list}"),
            format!("kies een van deze waarden: {list}"),
        ),
    }
}

/// The closest of `candidates` to `word`, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// 1-based line and column of byte offset `index` in `text`.
pub fn line_col(text: &str, index: usize) -> (usize, usize) {
    let index = index.min(text.len());
    let before = &text[..index];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rfind('\n')
        .map_or(before.len(), |p| before.len() - p - 1)
        + 1;
    (line, col)
}

/// A summary line such as "2 errors, 1 warning".
pub fn count_line(diags: &[Diagnostic]) -> String {
    count_line_in(diags, Lang::En)
}

/// A summary line such as "2 errors, 1 warning" / "2 fouten, 1 waarschuwing".
pub fn count_line_in(diags: &[Diagnostic], lang: Lang) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match lang {
        Lang::En => format!(
            "{}, {}",
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings")
        ),
        Lang::Nl => format!(
            "{}, {}",
            plural(errors, "fout", "fouten"),
            plural(warnings, "waarschuwing", "waarschuwingen")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        assert_eq!(line_col("ab\ncd", 0), (1, 1));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
    }

    #[test]
    fn suggests_close_words_only() {
        assert_eq!(did_you_mean("titel", ["title", "date"]), Some("title"));
        assert_eq!(did_you_mean("zzz", ["title", "date"]), None);
    }

    #[test]
    fn each_language_gets_its_own_words() {
        let d = Diagnostic::error("bad", "fout gegaan").help("fix it", "herstel het");
        assert!(d.render_in(Lang::Nl).starts_with("fout: fout gegaan"));
        assert!(d.render_in(Lang::Nl).contains("wat te doen: herstel het"));
        assert!(d.render_in(Lang::En).starts_with("error: bad"));
        let w = Diagnostic::warning("plain", "gewoon");
        assert!(w.render_in(Lang::Nl).starts_with("waarschuwing: gewoon"));
        assert!(
            !w.render_in(Lang::Nl).contains("wat te doen"),
            "no help given"
        );
    }

    #[test]
    fn render_shows_line_and_caret() {
        let d = Diagnostic::error("bad", "fout")
            .in_file("a.md")
            .at(2, Some(3))
            .with_source("x\nabcdef\n")
            .help("fix it", "herstel het");
        let text = d.render();
        assert!(text.contains("--> a.md:2:3"), "{text}");
        assert!(text.contains("2 | abcdef"), "{text}");
        assert!(text.contains("  |   ^"), "{text}");
        assert!(text.contains("help: fix it"), "{text}");
    }

    #[test]
    fn a_long_line_is_shown_around_the_column_with_the_caret_on_it() {
        let line = format!(
            "{}[weg](@/nope.md){}",
            "x".repeat(10_000),
            "y".repeat(10_000)
        );
        let d = Diagnostic::error("bad", "fout")
            .in_file("a.md")
            .at(1, Some(10_007))
            .with_line(Some(&line));
        assert!(d.excerpt.as_ref().unwrap().len() < 10_200, "kept too much");
        let text = d.render();
        let shown = text.lines().find(|l| l.starts_with("1 | ")).unwrap();
        let caret = text.lines().find(|l| l.ends_with('^')).unwrap();
        assert!(shown.chars().count() < 200, "{text}");
        let at = caret.chars().count() - 1;
        assert_eq!(shown.chars().nth(at), Some('@'), "{text}");
        assert!(
            shown.starts_with("1 | …x") && shown.ends_with("y…"),
            "{text}"
        );
    }
}
