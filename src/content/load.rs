//! Walking `content/`: which file is which kind of page, in which language.
//!
//! Files are found sequentially (the walk is cheap) and read and parsed in parallel. Every problem, from an
//! unreadable file to a symlink loop, becomes a diagnostic; nothing here panics on input.

use super::Section;
use super::{Kind, SourcePage};
use crate::config::Lang;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::within_root::SiteRoot;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Pages bigger than this are refused: they are certainly a mistake (a pasted export, a binary). The
/// longest real page is under 20 KB; the limit also bounds memory, since pulldown-cmark's tree can take
/// some 100 bytes per byte of a pathological page (2 MB of `*a`: about 250 MB).
pub const MAX_PAGE_BYTES: u64 = 2 * 1024 * 1024;

/// A non-Markdown file inside `content/`, copied to the same place in the output.
#[derive(Debug, Clone)]
pub struct Asset {
    pub source: PathBuf,
    /// Output path relative to the site root, with `/` separators.
    pub url_path: String,
}

pub struct Loaded {
    pub pages: Vec<SourcePage>,
    pub assets: Vec<Asset>,
    pub problems: Vec<Diagnostic>,
}

/// What a path inside `content/` is, before reading it.
#[derive(Clone)]
struct Entry {
    path: PathBuf,
    rel: PathBuf,
    lang: Lang,
    kind: Kind,
    id: String,
    series: Option<String>,
}

/// Pages read by earlier loads, reused while a file's modification time and size are unchanged
/// (`serve` keeps one; a plain build does not need it).
#[derive(Default)]
pub struct ParseCache {
    entries: std::sync::Mutex<CacheMap>,
    /// Set by `serve`, whose watcher calls [`ParseCache::forget`] for every changed path (and
    /// [`ParseCache::clear`] when the system dropped events): a cached page is then current without
    /// asking the file system again.
    pub trust_forget: std::sync::atomic::AtomicBool,
    /// The last walk of `content/`, kept up to date from the paths the watcher reported.
    walked: std::sync::Mutex<Option<std::sync::Arc<Walked>>>,
    /// Paths reported since the last load.
    dirty: std::sync::Mutex<Vec<PathBuf>>,
    /// Paths reported since serve's site model was last built or updated (see `site::update`); `None`
    /// when that is not known (no model yet, or the watcher lost track).
    since_model: std::sync::Mutex<Option<Vec<PathBuf>>>,
}

/// What [`ParseCache::read_page`] found at a path.
pub enum Reread {
    /// A page, read and parsed again (or why it could not be).
    Page(Box<Result<SourcePage, Vec<Diagnostic>>>),
    /// A file the walk passes over (`README.md`, hidden files): it is not part of the site.
    Ignored,
    /// An asset or a misplaced file: something only a full load handles.
    Other,
}

/// Keyed by path; ahash, because every rebuild looks up every file (tens of thousands) twice.
type CacheMap = std::collections::HashMap<
    PathBuf,
    (std::time::SystemTime, u64, SourcePage),
    ahash::RandomState,
>;

impl ParseCache {
    /// Forgets everything (the watcher lost track, e.g. after an event queue overflow).
    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
        if let Ok(mut walked) = self.walked.lock() {
            *walked = None;
        }
        if let Ok(mut since) = self.since_model.lock() {
            *since = None;
        }
    }

    /// The paths reported since the site model was made, or `None` when that is not known.
    pub fn changed_since_model(&self) -> Option<Vec<PathBuf>> {
        let mut paths = self.since_model.lock().ok()?.clone()?;
        paths.sort();
        paths.dedup();
        Some(paths)
    }

    /// The site model now reflects every reported path.
    pub fn model_is_current(&self) {
        if let Ok(mut since) = self.since_model.lock() {
            *since = Some(Vec::new());
        }
    }

    /// The page last read from `path`, if this cache holds it.
    pub fn cached_page(&self, path: &Path) -> Option<SourcePage> {
        let entries = self.entries.lock().ok()?;
        entries.get(path).map(|(_, _, p)| p.clone())
    }

    /// Reads and parses the page at `path` (inside `root`'s `content/`) again, keeping it for later loads.
    pub fn read_page(&self, root: &Path, path: &Path) -> Reread {
        let content = root.join("content");
        match place(root, &content, path.to_path_buf()) {
            Placed::Page(e) => {
                let stamp = stamp_of(&e.path);
                let read = read_text(&e.path, &e.rel).and_then(|source| {
                    SourcePage::from_file(&e.rel, source, e.lang, e.kind, e.id, e.series)
                });
                if let (Ok(page), Some((t, l)), Ok(mut entries)) =
                    (&read, stamp, self.entries.lock())
                {
                    entries.insert(e.path, (t, l, page.clone()));
                }
                Reread::Page(Box::new(read))
            }
            Placed::Skip => Reread::Ignored,
            Placed::Asset(_) | Placed::Problem(_) => Reread::Other,
        }
    }

    /// Drops what is known about `path` (serve calls this for every file the watcher reports, so even a
    /// same-size edit within one timestamp tick is read again).
    pub fn forget(&self, path: &Path) {
        if let Ok(mut entries) = self.entries.lock()
            && entries.remove(path).is_none()
        {
            entries.retain(|p, _| !is_under(p, path));
        }
        if let Ok(mut dirty) = self.dirty.lock() {
            dirty.push(path.to_path_buf());
        }
        if let Ok(mut since) = self.since_model.lock()
            && let Some(since) = since.as_mut()
        {
            since.push(path.to_path_buf());
        }
    }

    /// The walk of `content/`, updated for the reported paths only; a full walk when a folder changed or
    /// nothing is known yet.
    fn walk_since(&self, root: &Path, content: &Path) -> std::sync::Arc<Walked> {
        let mut dirty = self
            .dirty
            .lock()
            .map(|mut d| std::mem::take(&mut *d))
            .unwrap_or_default();
        // serve's in-place model updates leave the paths here for the next full load (the walk may have
        // dropped a file since that came back): the same file saved many times is looked at once.
        dirty.sort();
        dirty.dedup();
        let mut slot = match self.walked.lock() {
            Ok(s) => s,
            Err(_) => return std::sync::Arc::new(walk(root, content)),
        };
        let walked = match slot.take() {
            Some(mut w) if dirty.iter().all(|p| !p.is_dir()) => {
                let w_mut = std::sync::Arc::make_mut(&mut w);
                for path in dirty {
                    w_mut.entries.retain(|e| !is_under(&e.path, &path));
                    w_mut.assets.retain(|a| !is_under(&a.source, &path));
                    let rel = crate::diagnostics::relative(root, &path);
                    // A folder's path drops the problems of every file in it.
                    w_mut
                        .problems
                        .retain(|d| !d.file.as_deref().is_some_and(|f| is_under(f, &rel)));
                    // Checked for every reported path: it may lie in a linked folder, not be a link itself.
                    if path.exists() && !SiteRoot::new(root).holds(&path) {
                        w_mut.problems.push(SiteRoot::outside_link(&rel));
                    } else if path.is_file() && path.starts_with(content) {
                        match place(root, content, path) {
                            Placed::Page(e) => w_mut.entries.push(e),
                            Placed::Asset(a) => w_mut.assets.push(a),
                            Placed::Problem(d) => w_mut.problems.push(d),
                            Placed::Skip => {}
                        }
                    }
                }
                // The same order a fresh walk gives (by path, component by component).
                w_mut.entries.sort_by(|a, b| a.path.cmp(&b.path));
                w_mut.assets.sort_by(|a, b| a.source.cmp(&b.source));
                w
            }
            _ => std::sync::Arc::new(walk(root, content)),
        };
        *slot = Some(walked.clone());
        walked
    }
}

/// A file's modification time and size, which tell the parse cache whether it changed.
fn stamp_of(path: &Path) -> Option<(std::time::SystemTime, u64)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

pub fn load(root: &Path) -> Loaded {
    load_cached(root, None)
}

/// Like [`load`], reusing pages from `cache` whose files did not change.
pub fn load_cached(root: &Path, cache: Option<&ParseCache>) -> Loaded {
    let content = root.join("content");
    let mut problems = Vec::new();
    let mut assets = Vec::new();
    if !content.is_dir() {
        problems.push(
            Diagnostic::error(
                "there is no content/ folder",
                "de map content/ met de pagina's van de site ontbreekt",
            )
            .in_file("content")
            .help(
                format!(
                    "create content/ with the sections {}",
                    Section::listed("and")
                ),
                format!(
                    "maak een map content/ met daarin de mappen {}",
                    Section::listed("en")
                ),
            ),
        );
        return Loaded {
            pages: vec![],
            assets,
            problems,
        };
    }
    let walked = match cache {
        Some(c) if c.trust_forget.load(std::sync::atomic::Ordering::Relaxed) => {
            c.walk_since(root, &content)
        }
        _ => std::sync::Arc::new(walk(root, &content)),
    };
    assets.extend(walked.assets.iter().cloned());
    problems.extend(walked.problems.iter().cloned());
    let entries = &walked.entries;

    // The cache is taken out of its lock once and read without locking from all threads; what this
    // load read goes back in afterwards (files that disappeared drop out). Unchanged pages are copied
    // once, into the result; the cache keeps its own.
    let mut old: CacheMap = cache
        .and_then(|c| c.entries.lock().ok().map(|mut e| std::mem::take(&mut *e)))
        .unwrap_or_default();
    enum Read {
        Cached(PathBuf),
        Fresh(Box<Result<SourcePage, Vec<Diagnostic>>>),
    }
    type Stamp = Option<(PathBuf, std::time::SystemTime, u64)>;
    let trusted = cache.is_some_and(|c| c.trust_forget.load(std::sync::atomic::Ordering::Relaxed));
    let results: Vec<(Read, Stamp)> = entries
        .par_iter()
        .map(|e| {
            let cached = old.get(&e.path);
            let stamp = match cached {
                // Under serve's watcher a cached page is current unless the watcher forgot it.
                Some((t, l, _)) if trusted => Some((*t, *l)),
                _ if cache.is_some() => stamp_of(&e.path),
                _ => None,
            };
            let unchanged = stamp.is_some_and(|st| cached.is_some_and(|(t, l, _)| (*t, *l) == st));
            let read = if unchanged {
                Read::Cached(e.path.clone())
            } else {
                Read::Fresh(Box::new(read_text(&e.path, &e.rel).and_then(|source| {
                    SourcePage::from_file(
                        &e.rel,
                        source,
                        e.lang,
                        e.kind.clone(),
                        e.id.clone(),
                        e.series.clone(),
                    )
                })))
            };
            (read, stamp.map(|(t, l)| (e.path.clone(), t, l)))
        })
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    // Unchanged pages are copied out of the cache; new readings go into it. (Entries of deleted files
    // are dropped by the watcher's `forget`; without a watcher they linger unused.)
    for (read, stamp) in results {
        match read {
            Read::Cached(path) => {
                if let Some((_, _, p)) = old.get(&path) {
                    pages.push(p.clone());
                }
            }
            Read::Fresh(r) => match *r {
                Ok(p) => {
                    if let (Some((path, t, l)), true) = (stamp, cache.is_some()) {
                        old.insert(path, (t, l, p.clone()));
                    }
                    pages.push(p);
                }
                Err(mut d) => problems.append(&mut d),
            },
        }
    }
    if let Some(c) = cache
        && let Ok(mut e) = c.entries.lock()
    {
        *e = old;
    }
    Loaded {
        pages,
        assets,
        problems,
    }
}

/// What a walk of `content/` found, before reading any file.
#[derive(Clone, Default)]
struct Walked {
    entries: Vec<Entry>,
    assets: Vec<Asset>,
    problems: Vec<Diagnostic>,
}

/// One file found in `content/`.
enum Placed {
    Page(Entry),
    Asset(Asset),
    Problem(Diagnostic),
    Skip,
}

/// Decides what the file at `path` is: a page (with kind, language and id), an asset, or a mistake.
fn place(root: &Path, content: &Path, path: PathBuf) -> Placed {
    let rel_content = path.strip_prefix(content).unwrap_or(&path).to_path_buf();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    if name.starts_with('.') || name.ends_with('~') || name == "README.md" {
        return Placed::Skip;
    }
    let rel = crate::diagnostics::relative(root, &path);
    if !name.ends_with(".md") {
        let url_path = rel_content
            .iter()
            .map(|c| c.to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        return Placed::Asset(Asset {
            source: path,
            url_path,
        });
    }
    match classify(&rel_content) {
        Ok((kind, series)) => match id_and_lang(&name) {
            Ok((id, lang)) => Placed::Page(Entry {
                path,
                rel,
                lang,
                kind,
                id,
                series,
            }),
            Err(d) => Placed::Problem(d.in_file(rel)),
        },
        Err(d) => Placed::Problem(d.in_file(rel)),
    }
}

/// Whether `path` is `dir` or inside it. Compares bytes: `Path::starts_with` splits both paths into
/// components, which over 20,000 cached pages was a tenth of every rebuild under serve. Both paths come
/// from joining onto the same root, so their spelling agrees.
fn is_under(path: &Path, dir: &Path) -> bool {
    let (p, d) = (
        path.as_os_str().as_encoded_bytes(),
        dir.as_os_str().as_encoded_bytes(),
    );
    let d = d.strip_suffix(b"/").unwrap_or(d);
    p.starts_with(d) && (p.len() == d.len() || p[d.len()] == b'/')
}

/// Walks `content/` (following links that stay inside the site, sorted by name, so the order never depends on the disk).
fn walk(root: &Path, content: &Path) -> Walked {
    let mut out = Walked::default();
    let site = SiteRoot::new(root);
    if !site.holds(content) {
        out.problems
            .push(SiteRoot::outside_link(&crate::diagnostics::relative(
                root, content,
            )));
        return out;
    }
    let mut walker = walkdir::WalkDir::new(content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(item) = walker.next() {
        let item = match item {
            Ok(i) => i,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| crate::diagnostics::relative(root, p))
                    .unwrap_or_else(|| "content".into());
                let (msg, msg_nl) = if e.loop_ancestor().is_some() {
                    (
                        "this folder links back to one of its own parent folders (a symlink loop)"
                            .to_string(),
                        "deze map verwijst terug naar een map waar hij zelf in staat (een kringverwijzing)"
                            .to_string(),
                    )
                } else {
                    let io = e.io_error().map(|e| e.to_string()).unwrap_or_default();
                    (
                        format!("cannot read this file or folder: {io}"),
                        format!("dit bestand of deze map kan niet gelezen worden: {io}"),
                    )
                };
                out.problems
                    .push(Diagnostic::error(msg, msg_nl).in_file(path).help(
                    "remove the link, or fix the file's permissions",
                    "haal de verwijzing (snelkoppeling) weg, of zorg dat je het bestand mag lezen",
                ));
                continue;
            }
        };
        if item.path_is_symlink() && !site.holds(item.path()) {
            out.problems
                .push(SiteRoot::outside_link(&crate::diagnostics::relative(
                    root,
                    item.path(),
                )));
            if item.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if !item.file_type().is_file() {
            continue;
        }
        match place(root, content, item.path().to_path_buf()) {
            Placed::Page(e) => out.entries.push(e),
            Placed::Asset(a) => out.assets.push(a),
            Placed::Problem(d) => out.problems.push(d),
            Placed::Skip => {}
        }
    }
    out
}

/// Reads a file as UTF-8 text with `\n` line ends and no byte-order mark.
fn read_text(path: &Path, rel: &Path) -> Result<String, Vec<Diagnostic>> {
    let unreadable = |e: std::io::Error| {
        vec![
            Diagnostic::error(
                format!("cannot read the file: {e}"),
                format!("het bestand kan niet gelezen worden ({e})"),
            )
            .in_file(rel)
            .help(
                "check that the file exists and that you may read it",
                "kijk of het bestand bestaat en of je het mag lezen",
            ),
        ]
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if meta.len() > MAX_PAGE_BYTES {
        return Err(vec![
            Diagnostic::error(
                format!(
                    "the file is {:.1} MB; pages may be at most {} MB",
                    meta.len() as f64 / 1_048_576.0,
                    MAX_PAGE_BYTES / 1_048_576
                ),
                format!(
                    "het bestand is {:.1} MB; een pagina mag hoogstens {} MB zijn",
                    meta.len() as f64 / 1_048_576.0,
                    MAX_PAGE_BYTES / 1_048_576
                ),
            )
            .in_file(rel)
            .help(
                "split the text over several pages, or link to a download instead",
                "verdeel de tekst over meer pagina's, of bied hem aan als download",
            ),
        ]);
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, col) = crate::diagnostics::line_col(
            &String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
            e.utf8_error().valid_up_to(),
        );
        vec![
            Diagnostic::error(
                "the file is not UTF-8 text",
                "het bestand is niet als gewone tekst (UTF-8) opgeslagen",
            )
            .in_file(rel)
            .at(line, Some(col))
            .help(
                "save the file as UTF-8 in your editor (\"Save with encoding: UTF-8\")",
                "sla het bestand in je editor op als UTF-8 (\"Opslaan met codering: UTF-8\")",
            ),
        ]
    })?;
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    })
}

/// `flow.md` → (`flow`, nl); `flow.en.md` → (`flow`, en).
fn id_and_lang(name: &str) -> Result<(String, Lang), Diagnostic> {
    let stem = name.trim_end_matches(".md");
    let (id, lang) = match stem.rsplit_once('.') {
        Some((id, "en")) => (id, Lang::En),
        Some((id, "nl")) => {
            return Err(Diagnostic::error(
                format!("`{name}`: Dutch pages have no language in their name"),
                format!("`{name}`: in de naam van een Nederlandse pagina staat geen taal"),
            )
            .help(
                format!("rename it to `{id}.md`"),
                format!("geef het bestand de naam `{id}.md`"),
            ));
        }
        Some((_, other)) => {
            return Err(Diagnostic::error(
                format!("`{name}`: unknown language `{other}`"),
                format!("`{name}`: de taal `{other}` is onbekend"),
            )
            .help(
                "Dutch pages are `name.md`, English translations `name.en.md`",
                "een Nederlandse pagina heet `name.md`, de Engelse vertaling `name.en.md`",
            ));
        }
        None => (stem, Lang::Nl),
    };
    if id != "_index" && !crate::paths::is_valid_slug(id) {
        return Err(Diagnostic::error(
            format!("the file name `{name}` cannot become a web address"),
            format!("van de bestandsnaam `{name}` kan geen webadres gemaakt worden"),
        )
        .help(
            format!(
                "use lowercase letters, digits and hyphens, e.g. `{}.md`",
                slug::slugify(id)
            ),
            format!(
                "gebruik alleen kleine letters, cijfers en streepjes (-), bijvoorbeeld `{}.md`",
                slug::slugify(id)
            ),
        ));
    }
    Ok((id.to_string(), lang))
}

/// The kind of page a path (relative to `content/`) holds.
pub fn classify(rel: &Path) -> Result<(Kind, Option<String>), Diagnostic> {
    let parts: Vec<String> = rel
        .iter()
        .map(|c| c.to_string_lossy().to_string())
        .collect();
    let is_index = parts
        .last()
        .is_some_and(|n| n == "_index.md" || n == "_index.en.md");
    let sections = Section::ALL.map(Section::id);
    match parts.as_slice() {
        [_] if is_index => Ok((Kind::Home, None)),
        [_] => Ok((Kind::Plain, None)),
        [dir, _] => {
            let Some(section) = Section::from_id(dir) else {
                let (help, help_nl) = match did_you_mean(dir, sections) {
                    Some(s) => (
                        format!("did you mean the folder `{s}`?"),
                        format!("bedoel je de map `{s}`?"),
                    ),
                    None => (
                        format!("content goes in one of: {}", sections.join(", ")),
                        format!("pagina's horen in een van deze mappen: {}", sections.join(", ")),
                    ),
                };
                return Err(Diagnostic::error(format!("`{dir}` is not a content section"), format!("de map `{dir}` is geen sectie van de site"))
                    .help(help, help_nl));
            };
            if is_index {
                return Ok((Kind::Section(section), None));
            }
            match section {
                Section::Podcasts => Err(Diagnostic::error("podcast episodes belong in a series folder", "een podcastaflevering hoort in de map van een podcastserie")
                    .help("move it to content/podcasts/<series>/, next to the series' _index.md", "verplaats het bestand naar content/podcasts/<series>/, naast de _index.md van de serie")),
                _ => Ok((section.item_kind(), None)),
            }
        }
        [dir, series, _] if dir == "podcasts" => {
            if is_index {
                Ok((Kind::Series, Some(series.clone())))
            } else {
                Ok((Kind::Episode, Some(series.clone())))
            }
        }
        _ => Err(Diagnostic::error("this page is in a folder too deep", "deze pagina staat te diep in een map")
            .help("pages go directly in a section folder, e.g. content/projecten/<name>.md (podcasts: content/podcasts/<series>/<episode>.md)", "pagina's staan direct in de map van een sectie, bijvoorbeeld content/projecten/<name>.md (podcasts: content/podcasts/<series>/<episode>.md)")),
    }
}

#[cfg(test)]
mod tests {
    use super::is_under;
    use std::path::Path;

    #[test]
    fn under_means_the_path_itself_or_inside_whole_components() {
        let dir = Path::new("/site/content/nieuws");
        assert!(is_under(Path::new("/site/content/nieuws"), dir));
        assert!(is_under(Path::new("/site/content/nieuws/a.md"), dir));
        assert!(is_under(
            Path::new("/site/content/nieuws/a.md"),
            Path::new("/site/content/nieuws/")
        ));
        assert!(!is_under(Path::new("/site/content/nieuwsbrief/a.md"), dir));
        assert!(!is_under(Path::new("/site/content"), dir));
    }
}
