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
    build_since(opts, sink, None)
}

/// What `serve` keeps between builds so the next one redoes only what changed.
#[derive(Default)]
pub struct Incremental {
    pub memo: Option<crate::render::Memo>,
    pub markdown: site::MarkdownCache,
    pub parsed: crate::content::load::ParseCache,
    /// The site model of the last build that got that far, updated in place when a save only edits pages
    /// (see `site::update`).
    pub model: Option<site::update::Kept>,
    /// Whether the last build updated the kept model in place (also when the update found problems)
    /// rather than building it again: for tests and serve's timings line.
    pub updated_in_place: bool,
}

/// Builds in memory, writing only the outputs whose inputs changed since the build `state` remembers;
/// `Report.render.outputs` lists every output of the new build (written or kept).
pub fn build_incremental(
    opts: &Options,
    state: &mut Incremental,
) -> Result<(Report, Files), Vec<Diagnostic>> {
    let sink = MemorySink::default();
    let report = build_since(opts, &sink, Some(state))?;
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

/// Runs the pipeline; with `state`, reuses and updates what serve keeps between builds.
fn build_since(
    opts: &Options,
    sink: &dyn Sink,
    mut state: Option<&mut Incremental>,
) -> Result<Report, Vec<Diagnostic>> {
    let start = Instant::now();
    let mut timings = Vec::new();
    let mut lap = Instant::now();
    let mut tick = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, lap.elapsed()));
        lap = Instant::now();
    };
    let site_opts = BuildOptions {
        drafts: opts.drafts,
        today: opts.today,
    };
    let serving = state.is_some();
    // The model: updated in place when the save only edited pages, built again otherwise.
    let mut fresh: Option<site::update::Kept> = None;
    let mut updated = false;
    if let Some(inc) = state.as_deref_mut() {
        inc.updated_in_place = false;
    }
    if let Some(inc) = state.as_deref_mut()
        && let Some(kept) = inc.model.as_mut()
        && inc
            .parsed
            .trust_forget
            .load(std::sync::atomic::Ordering::Relaxed)
        && kept.site.config.base_url
            == opts
                .base_url
                .as_deref()
                .map(|u| u.trim_end_matches('/'))
                .unwrap_or(&kept.site.config.base_url)
        && let Some(changed) = inc.parsed.changed_since_model()
    {
        tick("config", &mut timings);
        if let Some(edited) = kept.read_edits(&opts.root, &site_opts, &changed, &inc.parsed) {
            tick("load", &mut timings);
            match kept.update(edited, &inc.markdown) {
                site::update::Update::Done(Ok(())) => {
                    inc.updated_in_place = true;
                    inc.parsed.model_is_current();
                    tick("parse", &mut timings);
                    updated = true;
                }
                site::update::Update::Done(Err(problems)) => {
                    inc.updated_in_place = true;
                    return Err(sorted(problems));
                }
                site::update::Update::Rebuild => timings.clear(),
            }
        } else {
            timings.clear();
        }
    }
    if !updated {
        // (A fast path that gave up counts in the config stage.)
        let mut config = Config::load(&opts.root)?;
        if let Some(url) = &opts.base_url {
            config.base_url = url.trim_end_matches('/').to_string();
        }
        tick("config", &mut timings);
        let parsed = state.as_deref().map(|inc| &inc.parsed);
        let loaded = crate::content::load::load_cached(&opts.root, parsed);
        tick("load", &mut timings);
        let markdown = state.as_deref().map(|inc| &inc.markdown);
        let kept = site::build_kept(config, loaded, &site_opts, markdown).map_err(sorted)?;
        if let Some(inc) = state.as_deref_mut() {
            inc.parsed.model_is_current();
        }
        fresh = Some(kept);
        tick("parse", &mut timings);
    }
    // Kept by serve for the next save; a plain build lets it go after rendering.
    let prev = state.as_deref_mut().and_then(|inc| inc.memo.take());
    let plain;
    let site: &site::Site = match state.as_deref_mut() {
        Some(inc) => {
            if let Some(kept) = fresh.take() {
                inc.model = Some(kept);
            }
            match inc.model.as_ref() {
                Some(kept) => &kept.site,
                None => unreachable!("the model was just built or updated"),
            }
        }
        None => match fresh.take() {
            Some(kept) => {
                plain = kept;
                &plain.site
            }
            None => unreachable!("a plain build always builds the model"),
        },
    };
    let rendered = render::render_since(
        site,
        &opts.root,
        sink,
        opts.fingerprint,
        prev.as_ref(),
        serving,
    );
    let (stats, memo) = match rendered {
        Ok(r) => r,
        Err(e) => {
            if let Some(inc) = state.as_deref_mut() {
                inc.memo = prev;
            }
            return Err(sorted(e));
        }
    };
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
    let report = Report {
        render: stats,
        warnings,
        next_scheduled: site
            .next_scheduled
            .map(|d| d.first_day().format("%Y-%m-%d").to_string()),
        left_out: site.drafts_left_out,
        timings,
        total: start.elapsed(),
        // serve rebuilds on every save and never reads these; check and list do.
        pages: if serving {
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
    };
    if let Some(inc) = state {
        inc.memo = Some(memo);
    }
    Ok(report)
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
