//! Lints on the finished site: accessibility basics, UI strings, and translations that fell behind.

use super::Context;
use super::html::Scan;
use crate::build::Options;
use crate::config::{Config, Lang};
use crate::diagnostics::Diagnostic;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

const VAGUE_LINK_TEXT: &[&str] = &[
    "klik hier",
    "click here",
    "hier",
    "here",
    "lees meer",
    "read more",
    "meer",
    "more",
    "link",
];
const MEANINGLESS_ALT: &[&str] = &[
    "image",
    "afbeelding",
    "foto",
    "photo",
    "plaatje",
    "img",
    "picture",
];

pub fn accessibility(ctx: &Context, scans: &HashMap<&str, Scan>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut pages: Vec<(&&str, &Scan)> = scans.iter().collect();
    pages.sort_by_key(|(k, _)| **k);
    for (page, scan) in pages {
        let html = ctx
            .files
            .get(*page)
            .map(|b| String::from_utf8_lossy(b))
            .unwrap_or_default();
        if html.contains("http-equiv=\"refresh\"") {
            continue; // redirect pages
        }
        let url = format!("/{}", page.trim_end_matches("index.html"));
        let h1s = scan.headings.iter().filter(|(l, _)| *l == 1).count();
        if h1s != 1 {
            out.push(
                ctx.at_page(
                    page,
                    Diagnostic::error(format!(
                        "the page {url} has {h1s} main headings (h1); it needs exactly one"
                    ), format!(
                        "de pagina {url} heeft {h1s} hoofdkoppen (h1); dat moet er precies één zijn"
                    ))
                    .help("the title is the h1: start headings in the text at ## (h2)", "de titel is al de hoofdkop (h1): begin kopjes in de tekst met ## (h2)"),
                    &[],
                ),
            );
        }
        let mut prev = 0u8;
        for (level, text) in &scan.headings {
            if prev > 0 && *level > prev + 1 {
                let needle = format!("{} {}", "#".repeat(*level as usize), text.trim());
                out.push(ctx.at_page(
                    page,
                    Diagnostic::error(format!("heading level skipped on {url}: h{prev} is followed by h{level} \"{}\"", text.trim()), format!("op {url} wordt een kopniveau overgeslagen: na h{prev} komt h{level} \"{}\"", text.trim()))
                        .help(format!("use {} instead, so screen-reader users can follow the structure", "#".repeat(prev as usize + 1)), format!("gebruik hier {}, zodat mensen met een schermlezer de opbouw van de pagina kunnen volgen", "#".repeat(prev as usize + 1))),
                    &[&needle, text.trim()],
                ));
            }
            prev = *level;
        }
        for (src, alt) in &scan.images {
            let file = src.rsplit('/').next().unwrap_or(src);
            match alt {
                None => out.push(ctx.at_page(page, Diagnostic::error(format!("the image {src} on {url} has no alt text"), format!("de afbeelding {src} op {url} heeft geen beschrijving (alt-tekst)")).help("describe the image in the brackets: ![wat je op de foto ziet](pad.jpg)", "beschrijf de afbeelding tussen de vierkante haken: ![wat je op de foto ziet](pad.jpg)"), &[src])),
                Some(a) if MEANINGLESS_ALT.contains(&a.trim().to_lowercase().as_str()) || (!a.is_empty() && a.trim() == file) => out.push(ctx.at_page(
                    page,
                    Diagnostic::warning(format!("the alt text \"{a}\" of {src} on {url} says nothing about the image"), format!("de beschrijving (alt-tekst) \"{a}\" van {src} op {url} zegt niets over de afbeelding")).help("describe what the image shows", "beschrijf wat er op de afbeelding te zien is"),
                    &[src],
                )),
                Some(a) if a.trim().is_empty() && !src.contains("/theme/") => out.push(ctx.at_page(
                    page,
                    Diagnostic::warning(format!("the image {src} on {url} has an empty alt text"), format!("de afbeelding {src} op {url} heeft een lege beschrijving (alt-tekst)")).help("fine for a purely decorative image; otherwise describe it: ![beschrijving](pad.jpg)", "dat is goed voor een afbeelding die alleen versiert; beschrijf hem anders: ![beschrijving](pad.jpg)"),
                    &[src],
                )),
                _ => {}
            }
        }
        for link in &scan.links {
            let name = link.name.split_whitespace().collect::<Vec<_>>().join(" ");
            if name.is_empty() {
                out.push(
                    ctx.at_page(
                        page,
                        Diagnostic::error(
                            format!("a link to {} on {url} has no text", link.href),
                            format!("een link naar {} op {url} heeft geen tekst", link.href),
                        )
                        .help(
                            "give the link words that say where it goes",
                            "geef de link woorden die zeggen waar hij naartoe gaat",
                        ),
                        &[&link.href],
                    ),
                );
            } else if VAGUE_LINK_TEXT.contains(&name.to_lowercase().as_str()) {
                out.push(ctx.at_page(
                    page,
                    Diagnostic::warning(format!("the link text \"{name}\" on {url} does not say where the link goes"), format!("de linktekst \"{name}\" op {url} zegt niet waar de link naartoe gaat")).help("use the name of the page you link to, e.g. [de handreiking over de OR](...)", "gebruik de naam van de pagina waar je naar linkt, bijvoorbeeld [de handreiking over de OR](...)"),
                    &[&format!("[{name}]"), &link.href],
                ));
            }
        }
    }
    out
}

/// UI strings: every key in both languages, and every key used by a template.
pub fn strings(opts: &Options) -> Vec<Diagnostic> {
    let Ok(config) = Config::load(&opts.root) else {
        return Vec::new();
    };
    let dir = crate::render::templates::theme_dir(&opts.root, &config);
    let Ok(strings) = crate::render::templates::load_strings(&dir) else {
        return Vec::new();
    };
    let mut templates = String::new();
    for e in walkdir::WalkDir::new(dir.join("templates"))
        .into_iter()
        .flatten()
    {
        if e.file_type().is_file() {
            templates.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
        }
    }
    let mut out = Vec::new();
    for lang in Lang::ALL {
        let mine = strings.get(lang);
        let other = strings.get(lang.other());
        let file = dir.join("i18n").join(format!("{}.yaml", lang.code()));
        let other_file = format!("i18n/{}.yaml", lang.other().code());
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for key in other.keys() {
            if !mine.contains_key(key) {
                out.push(
                    Diagnostic::error(
                        format!("the UI string `{key}` is missing in {}", lang.code()),
                        format!(
                            "de vaste tekst `{key}` van het thema ontbreekt in het {}",
                            if lang == Lang::Nl {
                                "Nederlands"
                            } else {
                                "Engels"
                            }
                        ),
                    )
                    .in_file(&file)
                    .help(
                        format!("add `{key}: ...` (it is in {other_file})"),
                        format!("voeg `{key}: ...` toe (hij staat wel in {other_file})"),
                    ),
                );
            }
        }
        for key in mine.keys() {
            if !used(key, &templates)
                && !crate::render::templates::GENERATOR_STRINGS.contains(&key.as_str())
            {
                let line = text
                    .lines()
                    .position(|l| l.starts_with(&format!("{key}:")))
                    .map(|i| i + 1);
                let mut d = Diagnostic::warning(
                    format!("the UI string `{key}` is not used by any template"),
                    format!("de vaste tekst `{key}` wordt in geen enkele template gebruikt"),
                )
                .in_file(&file)
                .help(
                    "remove it, or use it with t(key=\"...\")",
                    "haal hem weg, of gebruik hem in een template met t(key=\"...\")",
                );
                if let Some(l) = line {
                    d = d.at(l, Some(1)).with_source(&text);
                }
                out.push(d);
            }
        }
    }
    out
}

/// Whether a template uses `key`: as `t(key="...")`, through a prefix (`t(key="status_" ~ x)`), or as a
/// string literal handed to `t` through a variable (`[["goal", ...]]`).
fn used(key: &str, templates: &str) -> bool {
    for quote in ['"', '\''] {
        if templates.contains(&format!("{quote}{key}{quote}")) {
            return true;
        }
    }
    templates.match_indices("key=").any(|(i, _)| {
        let rest = &templates[i + 4..];
        let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            return false;
        };
        let lit: String = rest[1..].chars().take_while(|c| *c != q).collect();
        let after = rest[1 + lit.len()..].trim_start_matches(q).trim_start();
        !lit.is_empty() && after.starts_with('~') && key.starts_with(&lit)
    })
}

/// Translations that fell behind their Dutch original, and a count of missing ones per section.
pub fn translations(ctx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let pages = &ctx.report.pages;
    let by_key: HashMap<(&str, Lang), usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| ((p.key.as_str(), p.lang), i))
        .collect();
    let commits = last_commits(&ctx.opts.root);
    let mut missing: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for p in pages.iter().filter(|p| p.from_file && p.lang == Lang::Nl) {
        let section = p.section.unwrap_or("pagina's");
        let Some(&j) = by_key.get(&(p.key.as_str(), Lang::En)) else {
            if !matches!(p.kind, "home" | "section") {
                missing.entry(section).or_default().0 += 1;
            }
            continue;
        };
        let en = &pages[j];
        if let (Some(a), Some(b)) = (&p.updated, &en.updated)
            && a > b
        {
            out.push(Diagnostic::warning(format!("the translation may be out of date: the Dutch page was updated on {a}, the English one on {b}"), format!("de vertaling is misschien verouderd: de Nederlandse pagina is bijgewerkt op {a}, de Engelse op {b}"))
                .in_file(&en.file)
                .help(format!("compare it with {} and set `updated:` when done", p.file.display()), format!("vergelijk de vertaling met {} en zet `updated:` op de datum van vandaag als je klaar bent", p.file.display())));
            continue;
        }
        if let (Some(a), Some(b)) = (commits.get(&p.file), commits.get(&en.file))
            && a > b
        {
            out.push(Diagnostic::warning("the translation may be out of date: the Dutch original was changed later (git history)", "de vertaling is misschien verouderd: het Nederlandse origineel is later nog veranderd (volgens de geschiedenis in git)")
                .in_file(&en.file)
                .help(format!("compare it with {} and update the English text", p.file.display()), format!("vergelijk de vertaling met {} en werk de Engelse tekst bij", p.file.display())));
        }
    }
    for (section, (n, _)) in missing {
        out.push(
            Diagnostic::warning(
                format!("{section}: {n} page(s) without an English translation"),
                format!("{section}: {n} pagina('s) zonder Engelse vertaling"),
            )
            .help(
                "kennis translate <file> starts a translation",
                "met `kennis translate <bestand>` begin je een vertaling",
            ),
        );
    }
    out
}

/// A published episode needs its audio: a page that promises a podcast and plays nothing is an empty shell.
/// Reported once, on the Dutch file (the English page inherits `audio` and `draft` from it).
pub fn episodes_without_audio(ctx: &Context) -> Vec<Diagnostic> {
    ctx.report
        .pages
        .iter()
        .filter(|p| p.episode_without_audio && (p.lang == Lang::Nl || !p.has_translation))
        .map(|p| {
            let d = Diagnostic::error("this podcast episode is published but has no audio", "deze podcastaflevering wordt gepubliceerd, maar heeft geen audio")
                .in_file(&p.file)
                .help("add the audio file as `audio: /audio/<file>.mp3` (with its `duration`), or set `draft: true` until the audio, title and description exist", "zet het geluidsbestand erbij als `audio: /audio/<bestand>.mp3` (met de `duration`), of zet `draft: true` in de kop (front matter) tot de audio, de titel en de beschrijving er zijn");
            match std::fs::read_to_string(ctx.opts.root.join(&p.file)) {
                Ok(source) => {
                    let line = crate::content::frontmatter::key_line(&source, "episode")
                        .or_else(|| crate::content::frontmatter::key_line(&source, "title"))
                        .unwrap_or(1);
                    d.at(line, None).with_source(&source)
                }
                Err(_) => d,
            }
        })
        .collect()
}

/// The time of the last commit touching each file, from one `git log`; empty outside a repository.
fn last_commits(root: &Path) -> HashMap<std::path::PathBuf, i64> {
    let mut out = HashMap::new();
    let Ok(o) = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["log", "--format=@%ct", "--name-only", "--", "content"])
        .output()
    else {
        return out;
    };
    if !o.status.success() {
        return out;
    }
    let mut time = 0i64;
    for line in String::from_utf8_lossy(&o.stdout).lines() {
        if let Some(t) = line.strip_prefix('@') {
            time = t.parse().unwrap_or(0);
        } else if !line.is_empty() {
            // Newest commits come first: keep the first time seen.
            out.entry(std::path::PathBuf::from(line)).or_insert(time);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::used;

    #[test]
    fn keys_used_directly_or_by_prefix() {
        let t = r#"{{ t(key="goal") }} {{ t(key="status_" ~ s) }} {% for b in [["effect", 1]] %}{{ t(key=b[0]) }}{% endfor %}"#;
        assert!(used("goal", t));
        assert!(used("effect", t));
        assert!(used("status_lopend", t));
        assert!(!used("approach", t));
    }
}
