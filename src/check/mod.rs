//! `kennis check`: the whole site built in memory, then every problem a reader or editor would hit.
//!
//! Beyond what `build` already refuses (front matter, references, templates), this looks at the rendered
//! pages themselves: links and anchors that lead nowhere (from Markdown, templates and menus alike), missing
//! images, audio and downloads; accessibility basics (alt text, heading levels, empty links, "klik hier");
//! UI strings missing or unused per language; translations missing or older than their source; published
//! podcast episodes with nothing to listen to; and, with
//! `--external`, links to other sites. Nothing is written.

pub mod html;
pub mod links;
pub mod lint;
pub mod safety;

use crate::build::{self, Files, Options, Report};
use crate::config::Lang;
use crate::diagnostics::{self, Diagnostic};
use rayon::prelude::*;
use std::collections::HashMap;

pub struct CheckOptions {
    pub build: Options,
    pub external: bool,
}

/// Everything found; errors make `check` fail.
pub struct Outcome {
    pub problems: Vec<Diagnostic>,
    pub pages: usize,
}

pub fn run(opts: &CheckOptions) -> Outcome {
    let (report, files) = match build::build_in_memory(&opts.build) {
        Ok(v) => v,
        Err(problems) => return Outcome { problems, pages: 0 },
    };
    let mut problems = report.warnings.clone();
    let scans: HashMap<&str, html::Scan> = files
        .par_iter()
        .filter(|(k, _)| k.ends_with(".html"))
        .map(|(k, v)| (k.as_str(), html::scan(&String::from_utf8_lossy(v))))
        .collect();
    let ctx = Context::new(&opts.build, &report, &files);
    problems.extend(links::internal(&ctx, &scans));
    problems.extend(lint::accessibility(&ctx, &scans));
    problems.extend(lint::strings(&opts.build));
    problems.extend(lint::translations(&ctx));
    problems.extend(lint::episodes_without_audio(&ctx));
    problems.extend(safety::content(&ctx));
    problems.extend(safety::menus(&opts.build.root));
    if opts.external {
        problems.extend(links::external(&ctx, &scans));
    }
    diagnostics::sort(&mut problems);
    Outcome {
        problems,
        pages: report.pages.len(),
    }
}

/// What the individual checks share: where each output file came from.
pub struct Context<'a> {
    pub opts: &'a Options,
    pub report: &'a Report,
    pub files: &'a Files,
    /// Output file (`projecten/flow/index.html`) → index into `report.pages`.
    pub by_output: HashMap<String, usize>,
}

impl<'a> Context<'a> {
    fn new(opts: &'a Options, report: &'a Report, files: &'a Files) -> Self {
        let by_output = report
            .pages
            .iter()
            .enumerate()
            .filter_map(|(i, p)| crate::site::urls::output_path(&p.url).map(|o| (o, i)))
            .collect();
        Context {
            opts,
            report,
            files,
            by_output,
        }
    }

    /// A diagnostic about the page written to `output`, pointing at its source file, and at the line
    /// containing `needle` when the source has it.
    pub fn at_page(&self, output: &str, d: Diagnostic, needles: &[&str]) -> Diagnostic {
        let Some(&i) = self.by_output.get(output) else {
            return d.in_file(format!("(generated page /{output})"));
        };
        let page = &self.report.pages[i];
        if !page.from_file {
            return d.in_file(format!("(generated page {})", page.url));
        }
        let d = d.in_file(&page.file);
        let Ok(source) = std::fs::read_to_string(self.opts.root.join(&page.file)) else {
            return d;
        };
        for needle in needles.iter().filter(|n| !n.is_empty()) {
            if let Some((line, text)) = source.lines().enumerate().find(|(_, l)| l.contains(needle))
            {
                let col = text.find(needle).map(|c| text[..c].chars().count() + 1);
                return d.at(line + 1, col).with_source(&source);
            }
        }
        d
    }

    pub fn lang_of(&self, output: &str) -> Lang {
        if output.starts_with("en/") {
            Lang::En
        } else {
            Lang::Nl
        }
    }
}
