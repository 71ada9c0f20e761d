//! Updating the site model in place after a page was edited, for `kennis serve`.
//!
//! A full model build merges, addresses and checks all pages (tens of milliseconds at 20,000 pages);
//! a save usually changes one page's text. When every path the watcher reported since the model was made
//! is a page file that was already published, and the edit leaves the page's place in the site alone
//! (same address, slug, aliases, still published, in both languages as before), nothing another page
//! depends on in the model changed: the edited pages are read, merged with their translation, addressed,
//! checked and rendered again, and swapped into the kept model. Everything else (site.yaml, a file added,
//! removed or renamed, a folder, a draft, a slug, a page that fails to load) falls back to the full build,
//! which is always right.
//!
//! The contract is that an update reports exactly what a clean build of the same files reports: the checks
//! a page's edit can change are run again (its own references, inheritance and links, and every `@/...#`
//! anchor on the site, since another page may link to a heading that went away), and on an error the
//! model is left as it was, so the next save is measured against the last good model.

use super::links::{self, Known};
use super::merge::{self, Merged};
use super::{BuildOptions, Lang, MarkdownCache, Page, Site};
use crate::content::SourcePage;
use crate::content::load::{ParseCache, Reread};
use crate::diagnostics::Diagnostic;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The site model and what an update needs from the build that made it.
pub struct Kept {
    pub site: Site,
    /// The URL fingerprint of the Markdown cache (unchanged by an update, which keeps every URL).
    pub(crate) url_print: u64,
    pub(crate) known: Known,
    pub(crate) series_slug: HashMap<(String, Lang), String>,
    pub(crate) opts: BuildOptions,
}

/// The edited pages, read again: what [`Kept::update`] needs.
pub struct Edited {
    /// By key: the Dutch and English page as read, `None` where that language has no file.
    groups: BTreeMap<String, (Option<SourcePage>, Option<SourcePage>)>,
}

/// What an update did.
pub enum Update {
    /// The model is current (`Ok`), or the edit broke something and the model is as it was (`Err`, with
    /// every problem a clean build would report).
    Done(Result<(), Vec<Diagnostic>>),
    /// The change is more than an update can do safely: build the model again.
    Rebuild,
}

impl Kept {
    /// Reads the pages the watcher reported since this model was made (`changed`), or `None` when one of
    /// them is not a page this model already publishes under the same options.
    pub fn read_edits(
        &self,
        root: &Path,
        opts: &BuildOptions,
        changed: &[PathBuf],
        parsed: &ParseCache,
    ) -> Option<Edited> {
        if opts.drafts != self.opts.drafts || opts.today != self.opts.today {
            return None;
        }
        let content = root.join("content");
        let site_root = crate::within_root::SiteRoot::new(root);
        let mut fresh: HashMap<PathBuf, SourcePage> = HashMap::new();
        for path in changed {
            if !path.starts_with(&content) {
                // themes/ and static/ are render's business; site.yaml shapes every page.
                if path.starts_with(root.join("themes")) || path.starts_with(root.join("static")) {
                    continue;
                }
                return None;
            }
            if !path.is_file() || !site_root.holds(path) {
                return None;
            }
            let page = match parsed.read_page(root, path) {
                Reread::Page(read) => read.ok()?,
                Reread::Ignored => continue,
                Reread::Other => return None,
            };
            // Only a file the model publishes: a new file, or a draft's, changes what exists.
            let key = super::key_of(&page);
            let old = self.site.get(&key, page.lang)?;
            if old.src.synthetic || old.src.file != page.file {
                return None;
            }
            fresh.insert(path.clone(), page);
        }
        let mut groups = BTreeMap::new();
        for (path, page) in &fresh {
            let key = super::key_of(page);
            if groups.contains_key(&key) {
                continue;
            }
            // The other language: read again too, or as the parse cache last read it, or no file.
            let other = sibling(path, page.lang);
            let other_page = match fresh.get(&other) {
                Some(p) => Some(p.clone()),
                None => match parsed.cached_page(&other) {
                    Some(p) => Some(p),
                    None if other.exists() => return None,
                    None => None,
                },
            };
            let (nl, en) = match page.lang {
                Lang::Nl => (Some(page.clone()), other_page),
                Lang::En => (other_page, Some(page.clone())),
            };
            groups.insert(key, (nl, en));
        }
        Some(Edited { groups })
    }

    /// Puts the edited pages into the model, or says why not.
    pub fn update(&mut self, edited: Edited, markdown: &MarkdownCache) -> Update {
        let mut problems = Vec::new();
        let no_failed = HashSet::new();
        // (index in the model, the page that replaces it)
        let mut replace: Vec<(usize, Page)> = Vec::new();
        for (key, (nl, en)) in edited.groups {
            let (nl, en) = merge::group_with_virtual(&key, nl, en);
            let mut merged = Merged {
                pages: Vec::new(),
                next_scheduled: None,
                left_out: 0,
            };
            // The "no translation" warning depends only on which files exist, which did not change.
            let mut warnings = Vec::new();
            merge::publish_group(
                &key,
                nl,
                en,
                &self.opts,
                &no_failed,
                &mut problems,
                &mut warnings,
                &mut merged,
            );
            let before = Lang::ALL
                .iter()
                .filter(|l| self.site.index(&key, **l).is_some())
                .count();
            if merged.left_out > 0 || merged.pages.len() != before {
                return Update::Rebuild;
            }
            for mut p in merged.pages {
                let Some(i) = self.site.index(&key, p.lang) else {
                    return Update::Rebuild;
                };
                let old = &self.site.pages[i];
                p.url = super::url_of(&self.site.config, &p, &self.series_slug);
                if p.url != old.url
                    || p.kind != old.kind
                    || p.src.slug != old.src.slug
                    || p.src.aliases != old.src.aliases
                {
                    return Update::Rebuild;
                }
                p.translation = old.translation;
                replace.push((i, p));
            }
        }

        // From here on the model's shape is unchanged: check and render the new pages.
        let mut rendered_anew = Vec::new();
        for (i, p) in &mut replace {
            links::check_page(p, &self.site.by_key, &self.known, &mut problems);
            let old = &self.site.pages[*i];
            if p.src.hash == old.src.hash {
                p.rendered = old.rendered.clone();
                p.shortcodes = old.shortcodes.clone();
                continue;
            }
            match super::render_body(p, &self.site.url_table) {
                Ok((rendered, calls)) => {
                    p.rendered = rendered;
                    p.shortcodes = calls;
                    rendered_anew.push(*i);
                }
                Err(mut d) => problems.append(&mut d),
            }
        }
        for (i, p) in &mut replace {
            std::mem::swap(&mut self.site.pages[*i], p);
        }
        // Another page may link to a heading of an edited one.
        super::check_anchors(&self.site.pages, &self.site.by_key, &mut problems);
        if problems.iter().any(Diagnostic::is_error) {
            for (i, p) in &mut replace {
                std::mem::swap(&mut self.site.pages[*i], p);
            }
            return Update::Done(Err(problems));
        }
        if let Ok(mut entries) = markdown.entries.lock() {
            for i in rendered_anew {
                let p = &self.site.pages[i];
                entries.insert(
                    (p.key.clone(), p.lang),
                    (
                        super::fingerprint(p, self.url_print),
                        p.rendered.clone(),
                        p.shortcodes.clone(),
                    ),
                );
            }
        }
        Update::Done(Ok(()))
    }
}

/// The same page's file in the other language: `x.md` ↔ `x.en.md`.
fn sibling(path: &Path, lang: Lang) -> PathBuf {
    let s = path.to_string_lossy();
    PathBuf::from(match lang {
        Lang::Nl => format!("{}.en.md", s.trim_end_matches(".md")),
        Lang::En => format!("{}.md", s.trim_end_matches(".en.md")),
    })
}
