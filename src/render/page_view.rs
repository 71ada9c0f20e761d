//! The full view of one page for its template: rendered body, kind-specific fields, files it names.
//!
//! Files named in front matter (`download`, `audio`, `image`) must exist; the error goes to the file that
//! wrote the field, once.

use super::context::Summary;
use super::{RenderCx, context, templates};
use crate::config::Lang;
use crate::content::Details;
use crate::diagnostics::Diagnostic;
use crate::site::Page;
use serde::Serialize;
use std::path::Path;

impl RenderCx<'_> {
    /// The full view of one page, with its rendered body and kind-specific fields.
    pub(super) fn page_view(&self, i: usize) -> Result<PageView<'_>, Vec<Diagnostic>> {
        let p = self.page(i);
        if let Some(img) = p.image.as_deref().filter(|i| i.starts_with('/')) {
            self.require_file(p, "image", img)?;
        }
        let content = self.shortcodes(p, &p.rendered.html)?;
        let summary_html = match &p.rendered.summary {
            Some(s) => Some(self.shortcodes(p, s)?),
            None => None,
        };
        let transcript = match &p.rendered.transcript {
            Some(s) => Some(self.shortcodes(p, s)?),
            None => None,
        };
        let mut view = PageView {
            id: &p.src.id,
            key: &p.key,
            summary: self.summary(i),
            content,
            summary_html,
            transcript,
            toc: &p.rendered.toc,
            word_count: p.rendered.word_count,
            reading_time: crate::content::markdown::reading_minutes(p.rendered.word_count),
            updated: p.src.updated.map(|d| d.to_string()),
            project: None,
            episode: None,
            guide: None,
        };
        match &p.details {
            Details::Project(m) => {
                view.project = Some(ProjectView {
                    status: m.status.map(context::status_name),
                    period: m.period.as_ref().map(|x| context::period_text(x, p.lang)),
                    programme_line: m.programme_line.as_deref(),
                    partners: m.partners.as_deref().unwrap_or_default(),
                    contact: m.contact.as_deref(),
                    goal: &m.goal,
                    approach: &m.approach,
                    results: &m.results,
                    effect: &m.effect,
                })
            }
            Details::Episode(m) => {
                if let Some(a) = m.audio.as_deref().filter(|a| a.starts_with('/')) {
                    self.require_file(p, "audio", a)?;
                }
                let series_idx = self.index(
                    &format!("podcasts/{}/_index", p.src.series.as_deref().unwrap_or("")),
                    p.lang,
                );
                let series = series_idx.map(|s| self.page(s));
                view.episode = Some(EpisodeView {
                    number: m.episode,
                    audio: m.audio.clone(),
                    audio_type: m.audio.as_deref().map(context::audio_type),
                    duration: m.duration,
                    duration_text: context::duration_text(m.duration),
                    guests: &m.guests,
                    series: series.map(|s| context::Ref {
                        id: s.src.series.as_deref().unwrap_or_default().into(),
                        title: s.src.title.as_str().into(),
                        url: s.url.as_str().into(),
                    }),
                    feed_url: series_idx
                        .and_then(|s| self.feeds().series_url(s))
                        .map(str::to_string),
                })
            }
            Details::Guide(m) => {
                let download = match &m.download {
                    Some(d) => self.require_file(p, "download", d)?,
                    None => None,
                };
                let links = m
                    .links
                    .iter()
                    .map(|l| context::Ref {
                        id: "".into(),
                        title: l.title.as_str().into(),
                        url: templates::resolve_link(self.urls(), &l.url, p.lang)
                            .unwrap_or_else(|_| l.url.clone())
                            .into(),
                    })
                    .collect();
                view.guide = Some(GuideView {
                    kind: m.kind.map(context::guide_kind_name),
                    status: m.status.map(context::guide_status_name),
                    publisher: m.publisher.as_deref(),
                    download,
                    links,
                })
            }
            // The facts are in the summary (`page.event`): cards show them too.
            Details::None | Details::Event(_) => {}
        }
        Ok(view)
    }

    /// A file named in front matter (`download`, `audio`, `image`) must exist. The error goes to the file
    /// that wrote the field: an English page that inherits it stays quiet (its Dutch page reports it).
    pub(super) fn require_file(
        &self,
        p: &Page,
        field: &str,
        path: &str,
    ) -> Result<Option<FileInfo>, Vec<Diagnostic>> {
        if let Some(info) = self.file_info(path) {
            return Ok(Some(info));
        }
        if p.lang == Lang::En
            && p.translation.is_some()
            && crate::content::frontmatter::key_line(&p.src.source, field).is_none()
        {
            return Ok(None);
        }
        let line = crate::content::frontmatter::key_line(&p.src.source, field).unwrap_or(1);
        Err(vec![
            Diagnostic::error(format!("the file {path} in `{field}` does not exist"), format!("het bestand {path} bij `{field}` bestaat niet"))
                .in_file(&p.src.file)
                .at(line, None)
                .help("put the file in static/ (static/downloads/x.pdf is /downloads/x.pdf) or fix the path", "zet het bestand in static/ (static/downloads/x.pdf wordt /downloads/x.pdf) of verbeter het pad")
                .with_source(&p.src.source),
        ])
    }

    /// The file in static/ (theme or site) or content/ that is published at `path`.
    pub fn local_source(&self, path: &str) -> Option<std::path::PathBuf> {
        let rel = path.trim_start_matches('/');
        self.assets()
            .source(rel)
            .map(Path::to_path_buf)
            .or_else(|| {
                self.content_files()
                    .iter()
                    .find(|a| a.url_path == rel)
                    .map(|a| a.source.clone())
            })
    }

    /// Size and type of a file in static/ or content/ (`/downloads/x.pdf`), if it exists.
    pub fn file_info(&self, path: &str) -> Option<FileInfo> {
        if path.starts_with("http://") || path.starts_with("https://") {
            let ext = path.rsplit('.').next().unwrap_or("").to_ascii_uppercase();
            return Some(FileInfo {
                url: path.to_string(),
                size: None,
                size_text: None,
                file_type: ext,
            });
        }
        let rel = path.trim_start_matches('/');
        let source = self.local_source(rel)?;
        let size = std::fs::metadata(&source).ok()?.len();
        let ext = rel.rsplit('.').next().unwrap_or("").to_ascii_uppercase();
        Some(FileInfo {
            url: format!("/{rel}"),
            size: Some(size),
            size_text: Some(human_size(size)),
            file_type: ext,
        })
    }
}

#[derive(Serialize, Clone)]
pub struct FileInfo {
    pub url: String,
    pub size: Option<u64>,
    pub size_text: Option<String>,
    pub file_type: String,
}

pub fn human_size(bytes: u64) -> String {
    if bytes >= 1_048_576 {
        format!("{:.1} MB", bytes as f64 / 1_048_576.0)
    } else {
        format!("{} kB", bytes.div_ceil(1024))
    }
}

#[derive(Serialize)]
pub struct PageView<'a> {
    pub id: &'a str,
    pub key: &'a str,
    #[serde(flatten)]
    pub summary: &'a Summary<'a>,
    pub content: String,
    pub summary_html: Option<String>,
    pub transcript: Option<String>,
    pub toc: &'a [crate::content::markdown::TocEntry],
    pub word_count: usize,
    pub reading_time: usize,
    pub updated: Option<String>,
    pub project: Option<ProjectView<'a>>,
    pub episode: Option<EpisodeView<'a>>,
    pub guide: Option<GuideView<'a>>,
}

#[derive(Serialize)]
pub struct ProjectView<'a> {
    pub status: Option<&'static str>,
    pub period: Option<String>,
    pub programme_line: Option<&'a str>,
    pub partners: &'a [String],
    pub contact: Option<&'a str>,
    pub goal: &'a [String],
    pub approach: &'a [String],
    pub results: &'a [String],
    pub effect: &'a [String],
}

#[derive(Serialize)]
pub struct EpisodeView<'a> {
    pub number: Option<u32>,
    pub audio: Option<String>,
    pub audio_type: Option<&'static str>,
    pub duration: Option<u32>,
    pub duration_text: Option<String>,
    pub guests: &'a [crate::content::frontmatter::Guest],
    pub series: Option<context::Ref<'a>>,
    pub feed_url: Option<String>,
}

#[derive(Serialize)]
pub struct GuideView<'a> {
    pub kind: Option<&'static str>,
    pub status: Option<&'static str>,
    pub publisher: Option<&'a str>,
    pub download: Option<FileInfo>,
    pub links: Vec<context::Ref<'a>>,
}
