//! One build, start to finish: the pipeline driver shared by `build`, `check` and `serve`.
//!
//! Each stage is timed; the timings feed the summary line and the benchmark. Errors from any stage come
//! back all together, sorted by file; warnings come back with a successful result.

use crate::config::{Config, Lang};
use crate::diagnostics::{self, Diagnostic};
use crate::output::{self, MemorySink, Sink};
use crate::render::{self, RenderStats};
use crate::site::{self, BuildOptions};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub today: chrono::NaiveDate,
    /// Content-hashed asset names (off in `serve`, so a stylesheet edit changes only the stylesheet).
    pub fingerprint: bool,
}

impl Options {
    pub fn new(root: PathBuf) -> Options {
        Options {
            root,
            base_url: None,
            drafts: false,
            today: chrono::Local::now().date_naive(),
            fingerprint: true,
        }
    }
}

/// What a successful build did.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub render: RenderStats,
    pub warnings: Vec<Diagnostic>,
    pub next_scheduled: Option<String>,
    pub left_out: usize,
    /// (stage, time), in pipeline order.
    pub timings: Vec<(&'static str, Duration)>,
    pub total: Duration,
    /// Every published page: where it came from and where it went, for `check`.
    pub pages: Vec<PageInfo>,
}

/// A published page, as `check` needs to know it.
#[derive(Debug, Clone)]
pub struct PageInfo {
    pub url: String,
    pub file: PathBuf,
    pub key: String,
    pub lang: Lang,
    pub kind: &'static str,
    pub section: Option<&'static str>,
    pub updated: Option<String>,
    pub has_translation: bool,
    /// Project or guide status, when the page has one.
    pub status: Option<&'static str>,
    /// Whether the page comes from a real file (not a generated section page).
    pub from_file: bool,
    /// A podcast episode that is not a draft yet has no `audio`: nothing to listen to, so `check` refuses it.
    pub episode_without_audio: bool,
}

impl Report {
    /// One line: pages per language and type, listings, files, time.
    pub fn summary_line(&self) -> String {
        let mut per_lang: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        let mut totals: BTreeMap<&str, usize> = BTreeMap::new();
        for ((lang, kind), n) in &self.render.pages {
            if matches!(kind.as_str(), "section" | "home") {
                continue;
            }
            per_lang
                .entry(lang)
                .or_default()
                .push(format!("{n} {kind}"));
            *totals.entry(lang).or_default() += n;
        }
        let langs: Vec<String> = Lang::ALL
            .iter()
            .filter_map(|l| {
                per_lang.get(l.code()).map(|v| {
                    format!(
                        "{}: {} pages ({})",
                        l.code(),
                        totals[l.code()],
                        v.join(", ")
                    )
                })
            })
            .collect();
        let mut line = format!(
            "Built {}; {} listing pages; {} files written in {:.0} ms",
            langs.join("; "),
            self.render.listing_pages,
            self.render.files,
            self.total.as_secs_f64() * 1000.0
        );
        if self.left_out > 0 {
            line.push_str(&format!(
                "; {} draft/scheduled/expired pages left out",
                self.left_out
            ));
        }
        if let Some(d) = &self.next_scheduled {
            line.push_str(&format!("; next scheduled page goes live on {d}"));
        }
        if !self.warnings.is_empty() {
            line.push_str(&format!("; {} warnings", self.warnings.len()));
        }
        line
    }
}

/// Runs the whole pipeline into `sink`.
pub fn build_with(opts: &Options, sink: &dyn Sink) -> Result<Report, Vec<Diagnostic>> {
    build_since(opts, sink, None, None).map(|(report, _)| report)
}

/// What `serve` keeps between builds so the next one redoes only what changed.
#[derive(Default)]
pub struct Incremental {
    pub memo: Option<crate::render::Memo>,
    pub markdown: site::MarkdownCache,
    pub parsed: crate::content::load::ParseCache,
}

/// Builds in memory, writing only the outputs whose inputs changed since the build `state` remembers;
/// `Report.render.outputs` lists every output of the new build (written or kept).
pub fn build_incremental(
    opts: &Options,
    state: &mut Incremental,
) -> Result<(Report, Files), Vec<Diagnostic>> {
    let sink = MemorySink::default();
    let (report, memo) = build_since(
        opts,
        &sink,
        state.memo.as_ref(),
        Some((&state.markdown, &state.parsed)),
    )?;
    state.memo = Some(memo);
    Ok((report, sink.into_files()))
}

/// Applies an incremental build to the files of the previous one: new and changed files replace the old,
/// files the new build no longer has are removed. Returns the changed paths.
pub fn apply(files: &mut Files, written: Files, outputs: &[String]) -> Vec<String> {
    let keep: std::collections::HashSet<&str> = outputs.iter().map(String::as_str).collect();
    let mut changed: Vec<String> = files
        .keys()
        .filter(|k| !keep.contains(k.as_str()))
        .cloned()
        .collect();
    for k in &changed {
        files.remove(k);
    }
    for (k, v) in written {
        if files.get(&k) != Some(&v) {
            changed.push(k.clone());
            files.insert(k, v);
        }
    }
    changed
}

fn build_since(
    opts: &Options,
    sink: &dyn Sink,
    prev: Option<&crate::render::Memo>,
    caches: Option<(&site::MarkdownCache, &crate::content::load::ParseCache)>,
) -> Result<(Report, crate::render::Memo), Vec<Diagnostic>> {
    let start = Instant::now();
    let mut timings = Vec::new();
    let mut lap = Instant::now();
    let mut tick = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, lap.elapsed()));
        lap = Instant::now();
    };
    let mut config = Config::load(&opts.root)?;
    if let Some(url) = &opts.base_url {
        config.base_url = url.trim_end_matches('/').to_string();
    }
    tick("config", &mut timings);
    let loaded = crate::content::load::load_cached(&opts.root, caches.map(|c| c.1));
    tick("load", &mut timings);
    let site_opts = BuildOptions {
        drafts: opts.drafts,
        today: opts.today,
    };
    let site =
        site::build_cached(config, loaded, &site_opts, caches.map(|c| c.0)).map_err(sorted)?;
    tick("parse", &mut timings);
    let (stats, memo) = render::render_since(
        &site,
        &opts.root,
        sink,
        opts.fingerprint,
        prev,
        caches.is_some(),
    )
    .map_err(sorted)?;
    tick("render", &mut timings);
    // Rendering and writing run interleaved on every thread: the stage's wall time is split between them
    // in proportion to the thread time each took, so the timings still add up to the build.
    let (r, w) = (
        stats.render_thread_time.as_secs_f64(),
        stats.write_thread_time.as_secs_f64(),
    );
    if let Some((_, both)) = timings.last_mut() {
        let write = if r + w > 0.0 {
            both.mul_f64(w / (r + w))
        } else {
            Duration::ZERO
        };
        *both -= write;
        timings.push(("write", write));
    }
    let mut warnings = site.warnings.clone();
    warnings.extend(stats.warnings.iter().cloned());
    diagnostics::sort(&mut warnings);
    Ok((
        Report {
            render: stats,
            warnings,
            next_scheduled: site
                .next_scheduled
                .map(|d| d.first_day().format("%Y-%m-%d").to_string()),
            left_out: site.drafts_left_out,
            timings,
            total: start.elapsed(),
            // serve rebuilds on every save and never reads these; check and list do.
            pages: if caches.is_some() {
                Vec::new()
            } else {
                site.pages
                    .iter()
                    .map(|p| PageInfo {
                        url: p.url.clone(),
                        file: p.src.file.clone(),
                        key: p.key.clone(),
                        lang: p.lang,
                        kind: p.kind.name(),
                        section: p.section().map(|s| s.id()),
                        // An event's start, where other pages have their date.
                        updated: match &p.details {
                            crate::content::Details::Event(m) => m.start.map(|t| t.to_string()),
                            crate::content::Details::None
                            | crate::content::Details::Project(_)
                            | crate::content::Details::Episode(_)
                            | crate::content::Details::Guide(_) => {
                                p.src.updated.or(p.date).map(|d| d.to_string())
                            }
                        },
                        has_translation: p.translation.is_some(),
                        status: match &p.details {
                            crate::content::Details::Project(m) => {
                                m.status.map(crate::render::context::status_name)
                            }
                            crate::content::Details::Guide(m) => {
                                m.status.map(crate::render::context::guide_status_name)
                            }
                            crate::content::Details::Episode(_)
                            | crate::content::Details::Event(_)
                            | crate::content::Details::None => None,
                        },
                        from_file: !p.src.synthetic,
                        episode_without_audio: !p.src.draft
                            && matches!(&p.details, crate::content::Details::Episode(m) if m.audio.is_none()),
                    })
                    .collect()
            },
        },
        memo,
    ))
}

fn sorted(mut d: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics::sort(&mut d);
    d
}

/// Builds into `output`, replacing it only when the build succeeds.
pub fn build_to_dir(opts: &Options, output: &Path) -> Result<Report, Vec<Diagnostic>> {
    output::atomic(&opts.root, output, |sink| build_with(opts, sink))
}

/// Output files in memory: relative path → bytes.
pub type Files = BTreeMap<String, Vec<u8>>;

/// Builds in memory.
pub fn build_in_memory(opts: &Options) -> Result<(Report, Files), Vec<Diagnostic>> {
    let sink = MemorySink::default();
    let report = build_with(opts, &sink)?;
    Ok((report, sink.into_files()))
}
