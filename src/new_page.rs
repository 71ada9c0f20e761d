//! `kennis new`: a new content file with the right front matter for its kind, ready to fill in.
//!
//! The editors should never have to remember field names: the skeleton has every field the kind of page
//! uses, with a short Dutch comment on what to write. It refuses to overwrite an existing file and to
//! create a file whose name cannot become a web address.

use crate::content::Section;
use crate::diagnostics::{Diagnostic, did_you_mean};
use std::path::{Path, PathBuf};

/// Creates `content/<section>/<id>.md` (or `content/podcasts/<series>/<id>.md`) and returns its path.
pub fn create(
    root: &Path,
    section: &str,
    id: &str,
    title: Option<&str>,
    today: chrono::NaiveDate,
) -> Result<PathBuf, Diagnostic> {
    let Some(sec) = Section::from_id(section) else {
        let names = Section::ALL.map(Section::id);
        let (help, help_nl) = match did_you_mean(section, names) {
            Some(s) => (
                format!("did you mean `{s}`? Sections: {}", names.join(", ")),
                format!("bedoel je `{s}`? Secties: {}", names.join(", ")),
            ),
            None => (
                format!("sections: {}", names.join(", ")),
                format!("kies een van deze secties: {}", names.join(", ")),
            ),
        };
        return Err(Diagnostic::error(format!("`{section}` is not a section"))
            .nl(format!("`{section}` is geen sectie van de site"))
            .help(help)
            .help_nl(help_nl));
    };
    let (folder, name) = match (sec, id.split_once('/')) {
        (Section::Podcasts, Some((series, ep))) => (format!("podcasts/{series}"), ep),
        (Section::Podcasts, None) => {
            return Err(Diagnostic::error("a podcast episode belongs to a series")
                .nl("een podcastaflevering hoort bij een podcastserie")
                .help("write it as <series>/<episode>, e.g. kennis new podcasts hete-hangijzers/2026-aflevering-1")
                .help_nl("schrijf eerst de serie en dan de aflevering, als <series>/<episode>, bijvoorbeeld kennis new podcasts hete-hangijzers/2026-aflevering-1"));
        }
        (_, Some(_)) => {
            return Err(Diagnostic::error(format!("`{id}` contains a /"))
                .nl(format!("in `{id}` staat een /"))
                .help("give just the file name, e.g. werkdruk-in-de-zorg")
                .help_nl(
                    "geef alleen de bestandsnaam, zonder map, bijvoorbeeld werkdruk-in-de-zorg",
                ));
        }
        (_, None) => (sec.id().to_string(), id),
    };
    for part in folder.split('/').skip(1).chain([name]) {
        if !crate::site::urls::is_valid_slug(part) {
            return Err(
                Diagnostic::error(format!("`{part}` cannot become a web address"))
                    .nl(format!("van `{part}` kan geen webadres gemaakt worden"))
                    .help(format!(
                        "use lowercase letters, digits and hyphens, e.g. `{}`",
                        slug::slugify(part)
                    ))
                    .help_nl(format!(
                        "gebruik alleen kleine letters, cijfers en streepjes (-), bijvoorbeeld `{}`",
                        slug::slugify(part)
                    )),
            );
        }
    }
    let path = root
        .join("content")
        .join(&folder)
        .join(format!("{name}.md"));
    if path.exists() {
        return Err(
            Diagnostic::error(format!("{} already exists", path.display()))
                .nl(format!("{} bestaat al", path.display()))
                .help("choose another name, or open the existing file")
                .help_nl("kies een andere naam, of open het bestaande bestand"),
        );
    }
    let title = title
        .map(str::to_string)
        .unwrap_or_else(|| name.replace('-', " "));
    let date = today.format("%Y-%m-%d");
    let fm = match sec {
        Section::Projecten => format!(
            "title: \"{title}\"\ndescription: \"\"        # een of twee zinnen\nthemes: []             # ids uit content/themas/, bv. [werkdruk]\nsectors: []            # umc, wo, oi of kennissector\nstatus: gepland        # gepland, lopend, afgerond of onbekend (als de stukken het niet zeggen)\nperiod: \"{}\"\nprogramme_line: \"\"\ngoal:\n  - \"\"\napproach:\n  - \"\"\nresults:\n  - \"\"\neffect:\n  - \"\"\ndraft: true            # haal deze regel weg als de pagina klaar is\n",
            today.format("%Y")
        ),
        Section::Nieuws => format!(
            "title: \"{title}\"\ndescription: \"\"\ndate: {date}       # weet je de dag niet: alleen maand (2025-06) of jaar (2025)\nthemes: []\nsectors: []\nrelated: []            # ids van projecten\ndraft: true\n"
        ),
        Section::Handreikingen => format!(
            "title: \"{title}\"\ndescription: \"\"\nkind: handreiking      # handreiking, rapport, app, platform, magazine, video of toolkit\nstatus: in-voorbereiding   # of verschenen, of onbekend\nthemes: []\nsectors: []\nrelated: []\ndraft: true\n"
        ),
        Section::Podcasts => format!(
            "title: \"{title}\"\ndescription: \"\"\ndate: {date}\nepisode: 1\n# audio: /audio/bestand.mp3   (zonder audio blijft de aflevering een concept: draft: true)\n# duration: \"30:00\"\nthemes: []\nsectors: []\ndraft: true\n"
        ),
        Section::Themas | Section::Sectoren => {
            format!("title: \"{title}\"\ndescription: \"\"\nweight: 99\n")
        }
    };
    let body = "Schrijf hier de tekst. Tussenkoppen beginnen met ##.\n";
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| {
            Diagnostic::error(format!("cannot create {}: {e}", parent.display()))
                .nl(format!(
                    "de map {} kan niet gemaakt worden ({e})",
                    parent.display()
                ))
                .help_nl("kijk of je in deze map mag schrijven")
        })?;
    }
    std::fs::write(&path, format!("---\n{fm}---\n{body}")).map_err(|e| {
        Diagnostic::error(format!("cannot write {}: {e}", path.display()))
            .nl(format!(
                "{} kan niet opgeslagen worden ({e})",
                path.display()
            ))
            .help_nl("kijk of je in deze map mag schrijven en of de schijf niet vol is")
    })?;
    Ok(path)
}
