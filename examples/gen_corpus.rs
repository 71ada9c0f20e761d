//! Deterministic benchmark corpus for kennis (and, through bench/prepare-hugo, for Hugo).
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --pages 1000 --out build/bench/1000
//! ```
//!
//! Writes a complete site into the output folder: `site.yaml`, `content/` with N pages per language
//! (projecten 40%, nieuws 30%, handreikingen 20%, podcast episodes 10%), each Dutch page with an English
//! translation, 12 themes, 4 sectors, section and home index files, and a minimal theme in
//! `themes/minimal/`. The same N always gives byte-identical output (a fixed xorshift PRNG, no clock).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// xorshift64*: small, fast and good enough for filler text.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
    /// `k` distinct indices below `n`, in ascending order.
    fn distinct(&mut self, k: usize, n: usize) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::with_capacity(k);
        while out.len() < k.min(n) {
            let i = self.below(n);
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out.sort_unstable();
        out
    }
}

const THEMES: &[(&str, &str, &str, &str)] = &[
    (
        "arbeidsmarkt",
        "Arbeidsmarkt",
        "Labour market",
        "labour-market",
    ),
    (
        "cao-en-medezeggenschap",
        "Cao en medezeggenschap",
        "Collective agreement and participation",
        "collective-agreement",
    ),
    ("dialoog", "Dialoog", "Dialogue", "dialogue"),
    (
        "duurzame-inzetbaarheid",
        "Duurzame inzetbaarheid",
        "Sustainable employability",
        "sustainable-employability",
    ),
    (
        "financiele-fitheid",
        "Financiële fitheid",
        "Financial fitness",
        "financial-fitness",
    ),
    (
        "gezond-en-veilig-werken",
        "Gezond en veilig werken",
        "Healthy and safe work",
        "healthy-and-safe-work",
    ),
    ("inclusie", "Inclusie", "Inclusion", "inclusion"),
    ("loopbaan", "Loopbaan", "Career", "career"),
    (
        "sociale-veiligheid",
        "Sociale veiligheid",
        "Social safety",
        "social-safety",
    ),
    (
        "teams-en-leiderschap",
        "Teams en leiderschap",
        "Teams and leadership",
        "teams-and-leadership",
    ),
    ("vitaliteit", "Vitaliteit", "Vitality", "vitality"),
    ("werkdruk", "Werkdruk", "Workload", "workload"),
];

const SECTORS: &[(&str, &str, &str, &str)] = &[
    (
        "umc",
        "Universitair medische centra",
        "University medical centres",
        "university-medical-centres",
    ),
    ("wo", "Universiteiten", "Universities", "universities"),
    (
        "oi",
        "Onderzoekinstellingen",
        "Research institutions",
        "research-institutions",
    ),
    (
        "kennissector",
        "De kennissector",
        "The knowledge sector",
        "knowledge-sector",
    ),
];

const NL_WORDS: &[&str] = &[
    "medewerkers",
    "werkgevers",
    "universiteit",
    "onderzoek",
    "kennis",
    "werkdruk",
    "loopbaan",
    "team",
    "leidinggevende",
    "organisatie",
    "instelling",
    "sector",
    "project",
    "aanpak",
    "resultaat",
    "effect",
    "dialoog",
    "overleg",
    "arbeidsmarkt",
    "gezondheid",
    "veiligheid",
    "inzetbaarheid",
    "vitaliteit",
    "werkomgeving",
    "ontwikkeling",
    "ervaring",
    "praktijk",
    "handreiking",
    "onderzoekers",
    "docenten",
    "ondersteuning",
    "samenwerking",
    "bijeenkomst",
    "netwerk",
    "evaluatie",
    "monitor",
    "gegevens",
    "vraag",
    "antwoord",
    "oplossing",
    "ruimte",
    "tijd",
    "jaar",
    "plan",
    "doel",
    "beleid",
    "cao",
    "afspraken",
    "rol",
    "verantwoordelijkheid",
    "inclusie",
    "diversiteit",
    "begeleiding",
    "training",
    "cursus",
    "programma",
    "werkt",
    "helpt",
    "versterkt",
    "onderzoekt",
    "bespreekt",
    "verbetert",
    "ontwikkelt",
    "deelt",
    "biedt",
    "maakt",
    "brengt",
    "geeft",
    "vraagt",
    "en",
    "met",
    "voor",
    "van",
    "in",
    "op",
    "door",
    "naar",
    "over",
    "samen",
    "goed",
    "nieuw",
    "duurzaam",
    "gezond",
    "veilig",
    "praktisch",
    "lokaal",
    "landelijk",
    "breed",
    "de",
    "het",
    "een",
    "die",
    "dat",
    "wordt",
    "zijn",
    "heeft",
    "kunnen",
    "meer",
    "minder",
    "ook",
];

const EN_WORDS: &[&str] = &[
    "staff",
    "employers",
    "university",
    "research",
    "knowledge",
    "workload",
    "career",
    "team",
    "manager",
    "organisation",
    "institution",
    "sector",
    "project",
    "approach",
    "result",
    "effect",
    "dialogue",
    "consultation",
    "labour",
    "market",
    "health",
    "safety",
    "employability",
    "vitality",
    "workplace",
    "development",
    "experience",
    "practice",
    "guide",
    "researchers",
    "lecturers",
    "support",
    "cooperation",
    "meeting",
    "network",
    "evaluation",
    "monitor",
    "data",
    "question",
    "answer",
    "solution",
    "room",
    "time",
    "year",
    "plan",
    "goal",
    "policy",
    "agreement",
    "arrangements",
    "role",
    "responsibility",
    "inclusion",
    "diversity",
    "coaching",
    "training",
    "course",
    "programme",
    "works",
    "helps",
    "strengthens",
    "examines",
    "discusses",
    "improves",
    "develops",
    "shares",
    "offers",
    "makes",
    "brings",
    "gives",
    "asks",
    "and",
    "with",
    "for",
    "of",
    "in",
    "on",
    "by",
    "to",
    "about",
    "together",
    "good",
    "new",
    "sustainable",
    "healthy",
    "safe",
    "practical",
    "local",
    "national",
    "broad",
    "the",
    "a",
    "that",
    "which",
    "is",
    "are",
    "has",
    "can",
    "more",
    "less",
    "also",
];

const NL_HEADINGS: &[&str] = &[
    "Achtergrond",
    "Aanpak",
    "Resultaten",
    "Beoogd effect",
    "Wat we leerden",
    "Vervolg",
    "Voor wie",
    "Planning",
    "Betrokken partijen",
    "Meer weten",
    "Uitkomsten",
    "Praktijkvoorbeelden",
];
const EN_HEADINGS: &[&str] = &[
    "Background",
    "Approach",
    "Results",
    "Intended effect",
    "What we learned",
    "Next steps",
    "Who it is for",
    "Planning",
    "Parties involved",
    "Find out more",
    "Outcomes",
    "Examples from practice",
];

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Project,
    News,
    Guide,
    Episode,
}

struct Item {
    kind: Kind,
    /// Sequence number within its kind, from 1.
    num: usize,
}

impl Item {
    fn id(&self) -> String {
        match self.kind {
            Kind::Project => format!("project-{:05}", self.num),
            Kind::News => format!("nieuws-{:05}", self.num),
            Kind::Guide => format!("handreiking-{:05}", self.num),
            Kind::Episode => format!("aflevering-{:05}", self.num),
        }
    }
    fn en_slug(&self) -> String {
        match self.kind {
            Kind::Project => format!("project-{:05}-en", self.num),
            Kind::News => format!("news-{:05}", self.num),
            Kind::Guide => format!("guide-{:05}", self.num),
            Kind::Episode => format!("episode-{:05}", self.num),
        }
    }
    fn dir(&self) -> &'static str {
        match self.kind {
            Kind::Project => "content/projecten",
            Kind::News => "content/nieuws",
            Kind::Guide => "content/handreikingen",
            Kind::Episode => "content/podcasts/reeks",
        }
    }
}

fn sentence(rng: &mut Rng, words: &[&str], count: &mut usize) -> String {
    let n = rng.range(8, 16);
    let mut s = String::new();
    for i in 0..n {
        let w = rng.pick(words);
        if i > 0 {
            s.push(' ');
        }
        let styled = match rng.below(40) {
            0 => format!("*{w}*"),
            1 => format!("**{w}**"),
            _ => w.to_string(),
        };
        if i == 0 {
            let mut c = styled.chars();
            let first = c.next().unwrap();
            s.push(first.to_ascii_uppercase());
            s.push_str(c.as_str());
        } else {
            s.push_str(&styled);
        }
    }
    *count += n;
    s.push('.');
    s
}

fn paragraph(
    rng: &mut Rng,
    words: &[&str],
    count: &mut usize,
    link: Option<(&str, &str)>,
) -> String {
    let mut p = String::new();
    let n = rng.range(3, 5);
    for i in 0..n {
        if i > 0 {
            p.push(' ');
        }
        p.push_str(&sentence(rng, words, count));
        if i == 0
            && let Some((text, target)) = link
        {
            let _ = write!(p, " [{text}](@/projecten/{target}.md)");
            *count += text.split(' ').count();
        }
    }
    p
}

fn phrase(rng: &mut Rng, words: &[&str], lo: usize, hi: usize, count: &mut usize) -> String {
    let n = rng.range(lo, hi);
    *count += n;
    (0..n)
        .map(|_| rng.pick(words))
        .collect::<Vec<_>>()
        .join(" ")
}

/// 500-800 words of Markdown: headings, lists, a table, emphasis and 2-3 links to projects.
fn body(rng: &mut Rng, en: bool, links: &[String]) -> String {
    let words = if en { EN_WORDS } else { NL_WORDS };
    let headings = if en { EN_HEADINGS } else { NL_HEADINGS };
    let link_text = if en {
        "see also this project"
    } else {
        "zie ook dit project"
    };
    let target = rng.range(500, 800);
    let mut count = 0usize;
    let mut out = String::new();
    let hs = rng.distinct(4, headings.len());
    let mut link = links.iter();

    out.push_str(&paragraph(
        rng,
        words,
        &mut count,
        link.next().map(|l| (link_text, l.as_str())),
    ));
    out.push_str("\n\n<!-- more -->\n\n");

    let _ = writeln!(out, "## {}\n", headings[hs[0]]);
    out.push_str(&paragraph(rng, words, &mut count, None));
    out.push_str("\n\n");
    for _ in 0..rng.range(4, 6) {
        let _ = writeln!(out, "- {}", phrase(rng, words, 5, 10, &mut count));
    }
    out.push('\n');

    let _ = writeln!(out, "## {}\n", headings[hs[1]]);
    out.push_str(&paragraph(
        rng,
        words,
        &mut count,
        link.next().map(|l| (link_text, l.as_str())),
    ));
    out.push_str("\n\n");
    let (c1, c2, c3) = if en {
        ("Year", "Activity", "Outcome")
    } else {
        ("Jaar", "Activiteit", "Uitkomst")
    };
    let _ = writeln!(out, "| {c1} | {c2} | {c3} |\n|---|---|---|");
    for _ in 0..4 {
        let year = 2015 + rng.below(10);
        let a = phrase(rng, words, 2, 4, &mut count);
        let b = phrase(rng, words, 2, 4, &mut count);
        let _ = writeln!(out, "| {year} | {a} | {b} |");
    }
    out.push('\n');

    let _ = writeln!(out, "## {}\n", headings[hs[2]]);
    for i in 1..=rng.range(3, 5) {
        let _ = writeln!(out, "{i}. {}", phrase(rng, words, 5, 10, &mut count));
    }
    out.push('\n');
    out.push_str(&paragraph(
        rng,
        words,
        &mut count,
        link.next().map(|l| (link_text, l.as_str())),
    ));
    out.push_str("\n\n");

    let _ = writeln!(out, "## {}\n", headings[hs[3]]);
    loop {
        out.push_str(&paragraph(rng, words, &mut count, None));
        out.push_str("\n\n");
        if count + 40 >= target {
            break;
        }
    }
    out
}

fn date(rng: &mut Rng) -> String {
    format!(
        "{}-{:02}-{:02}",
        2015 + rng.below(10),
        rng.range(1, 12),
        rng.range(1, 28)
    )
}

fn yaml_list(xs: &[&str]) -> String {
    format!("[{}]", xs.join(", "))
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create folder");
    }
    fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

fn site_yaml() -> String {
    let menu = |titles: [&str; 7]| {
        let links = [
            "@/_index.md",
            "@/projecten/_index.md",
            "@/themas/_index.md",
            "@/sectoren/_index.md",
            "@/handreikingen/_index.md",
            "@/podcasts/_index.md",
            "@/nieuws/_index.md",
        ];
        let mut s = String::new();
        for (t, l) in titles.iter().zip(links) {
            let _ = writeln!(s, "      - {{ title: \"{t}\", link: \"{l}\" }}");
        }
        s
    };
    format!(
        r#"# Benchmark corpus generated by examples/gen_corpus.rs.
base_url: "https://example.org"
theme: minimal
languages:
  nl:
    title: "Kennis benchmark"
    description: "Een gegenereerde site om kennis en Hugo te vergelijken."
    menu:
{}    footer:
      - {{ title: "Nieuws", link: "@/nieuws/_index.md" }}
  en:
    title: "Kennis benchmark"
    description: "A generated site to compare kennis and Hugo."
    menu:
{}    footer:
      - {{ title: "News", link: "@/nieuws/_index.md" }}
sections:
  projecten: {{ nl: projecten, en: projects }}
  podcasts: {{ nl: podcasts, en: podcasts }}
  handreikingen: {{ nl: handreikingen, en: guides }}
  nieuws: {{ nl: nieuws, en: news }}
  themas: {{ nl: themas, en: themes }}
  sectoren: {{ nl: sectoren, en: sectors }}
pagination:
  path: {{ nl: pagina, en: page }}
  page_size: 10
  sections:
    projecten: 12
"#,
        menu([
            "Home",
            "Projecten",
            "Thema's",
            "Sectoren",
            "Handreikingen",
            "Podcasts",
            "Nieuws"
        ]),
        menu([
            "Home", "Projects", "Themes", "Sectors", "Guides", "Podcasts", "News"
        ]),
    )
}

fn main() {
    let mut pages: Option<usize> = None;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--pages" => pages = args.next().and_then(|v| v.parse().ok()),
            "--out" => out = args.next().map(PathBuf::from),
            _ => {
                eprintln!("usage: gen_corpus --pages N --out DIR");
                std::process::exit(2);
            }
        }
    }
    let (Some(n), Some(root)) = (pages, out) else {
        eprintln!("usage: gen_corpus --pages N --out DIR");
        std::process::exit(2);
    };
    if n == 0 {
        eprintln!("--pages must be at least 1");
        std::process::exit(2);
    }
    generate(n, &root);
}

/// Writes a corpus of `n` pages per language, with its site.yaml and minimal theme, into `root`.
pub fn generate(n: usize, root: &Path) {
    let root = root.to_path_buf();
    if root.join("content").exists() {
        fs::remove_dir_all(root.join("content")).expect("remove old content/");
    }
    if root.join("themes").exists() {
        fs::remove_dir_all(root.join("themes")).expect("remove old themes/");
    }

    // Page i (0-based) of N: 4 in 10 projects, 3 news, 2 guides, 1 episode.
    let mut counts = [0usize; 4];
    let items: Vec<Item> = (0..n)
        .map(|i| {
            let kind = match i % 10 {
                0..=3 => Kind::Project,
                4..=6 => Kind::News,
                7..=8 => Kind::Guide,
                _ => Kind::Episode,
            };
            let k = kind as usize;
            counts[k] += 1;
            Item {
                kind,
                num: counts[k],
            }
        })
        .collect();
    let projects = counts[Kind::Project as usize];

    write(&root, "site.yaml", &site_yaml());
    themes::write_theme(&root);

    let mut rng = Rng::new(0x5EED ^ n as u64);
    for item in &items {
        let id = item.id();
        let num = item.num;
        let nthemes = rng.range(1, 3);
        let themes: Vec<&str> = rng
            .distinct(nthemes, THEMES.len())
            .into_iter()
            .map(|i| THEMES[i].0)
            .collect();
        let sector = SECTORS[rng.below(SECTORS.len())].0;
        let d = date(&mut rng);
        let nlinks = rng.range(2, 3);
        let links: Vec<String> = (0..nlinks)
            .map(|_| format!("project-{:05}", rng.range(1, projects)))
            .collect();
        let w1 = rng.pick(NL_WORDS);
        let w2 = rng.pick(NL_WORDS);
        let e1 = rng.pick(EN_WORDS);
        let e2 = rng.pick(EN_WORDS);

        let (nl_title, en_title, extra_nl, extra_en) = match item.kind {
            Kind::Project => {
                let status = ["gepland", "lopend", "afgerond"][rng.below(3)];
                let y = 2015 + rng.below(9);
                let partners = [
                    "SoFoKleS",
                    "Universiteit Utrecht",
                    "Radboudumc",
                    "TNO",
                    "KNAW",
                ];
                let p = rng.distinct(2, partners.len());
                let goal_nl = phrase(&mut rng, NL_WORDS, 6, 10, &mut 0);
                let goal_en = phrase(&mut rng, EN_WORDS, 6, 10, &mut 0);
                (
                    format!("Project {num}: {w1} en {w2}"),
                    format!("Project {num}: {e1} and {e2}"),
                    format!(
                        "status: {status}\nperiod: {{ start: \"{y}-{:02}\", end: \"{}-{:02}\" }}\nprogramme_line: \"Programmalijn {}\"\npartners: [\"{}\", \"{}\"]\ngoal:\n  - \"{goal_nl}\"\n",
                        rng.range(1, 12),
                        y + rng.range(1, 3),
                        rng.range(1, 12),
                        rng.range(1, 3),
                        partners[p[0]],
                        partners[p[1]],
                    ),
                    format!(
                        "programme_line: \"Programme line {}\"\ngoal:\n  - \"{goal_en}\"\n",
                        1 + num % 3
                    ),
                )
            }
            Kind::News => (
                format!("Nieuws {num}: {w1} in de {w2}"),
                format!("News {num}: {e1} in the {e2}"),
                format!("related: [{}]\n", links[0]),
                String::new(),
            ),
            Kind::Guide => {
                let kind = ["handreiking", "rapport", "toolkit", "magazine"][rng.below(4)];
                (
                    format!("Handreiking {num}: {w1} voor {w2}"),
                    format!("Guide {num}: {e1} for {e2}"),
                    format!("kind: {kind}\nstatus: verschenen\npublisher: \"SoFoKleS\"\n"),
                    String::new(),
                )
            }
            Kind::Episode => (
                format!("Aflevering {num}: {w1} en {w2}"),
                format!("Episode {num}: {e1} and {e2}"),
                format!(
                    "episode: {num}\nduration: \"{}:{:02}\"\nguests:\n  - {{ name: \"Gast {num}\", role: \"onderzoeker\" }}\n",
                    rng.range(20, 45),
                    rng.below(60)
                ),
                String::new(),
            ),
        };
        let desc_nl = sentence(&mut rng, NL_WORDS, &mut 0).replace('*', "");
        let desc_en = sentence(&mut rng, EN_WORDS, &mut 0).replace('*', "");
        let body_nl = body(&mut rng, false, &links);
        let body_en = body(&mut rng, true, &links);
        let nl = format!(
            "---\ntitle: \"{nl_title}\"\ndescription: \"{desc_nl}\"\ndate: {d}\nthemes: {}\nsectors: [{sector}]\n{extra_nl}---\n{body_nl}",
            yaml_list(&themes)
        );
        let en = format!(
            "---\ntitle: \"{en_title}\"\nslug: {}\ndescription: \"{desc_en}\"\n{extra_en}---\n{body_en}",
            item.en_slug()
        );
        write(&root, &format!("{}/{id}.md", item.dir()), &nl);
        write(&root, &format!("{}/{id}.en.md", item.dir()), &en);
    }

    // Index files: home, sections, the podcast series.
    let index = |rng: &mut Rng,
                 title_nl: &str,
                 title_en: &str,
                 slug_en: Option<&str>|
     -> (String, String) {
        let dnl = sentence(rng, NL_WORDS, &mut 0).replace('*', "");
        let den = sentence(rng, EN_WORDS, &mut 0).replace('*', "");
        let bnl = paragraph(rng, NL_WORDS, &mut 0, None);
        let ben = paragraph(rng, EN_WORDS, &mut 0, None);
        let slug = slug_en.map(|s| format!("slug: {s}\n")).unwrap_or_default();
        (
            format!("---\ntitle: \"{title_nl}\"\ndescription: \"{dnl}\"\n---\n{bnl}\n"),
            format!("---\ntitle: \"{title_en}\"\n{slug}description: \"{den}\"\n---\n{ben}\n"),
        )
    };
    for (path, tnl, ten, slug) in [
        (
            "content/_index",
            "Kennis benchmark",
            "Kennis benchmark",
            None,
        ),
        ("content/projecten/_index", "Projecten", "Projects", None),
        ("content/nieuws/_index", "Nieuws", "News", None),
        (
            "content/handreikingen/_index",
            "Handreikingen",
            "Guides",
            None,
        ),
        ("content/podcasts/_index", "Podcasts", "Podcasts", None),
        (
            "content/podcasts/reeks/_index",
            "De reeks",
            "The series",
            Some("the-series"),
        ),
        ("content/themas/_index", "Thema's", "Themes", None),
        ("content/sectoren/_index", "Sectoren", "Sectors", None),
    ] {
        let (nl, en) = index(&mut rng, tnl, ten, slug);
        write(&root, &format!("{path}.md"), &nl);
        write(&root, &format!("{path}.en.md"), &en);
    }
    for (folder, terms) in [("themas", THEMES), ("sectoren", SECTORS)] {
        for (w, (id, nl, en, slug)) in terms.iter().enumerate() {
            let dnl = sentence(&mut rng, NL_WORDS, &mut 0).replace('*', "");
            let den = sentence(&mut rng, EN_WORDS, &mut 0).replace('*', "");
            let bnl = paragraph(&mut rng, NL_WORDS, &mut 0, None);
            let ben = paragraph(&mut rng, EN_WORDS, &mut 0, None);
            write(
                &root,
                &format!("content/{folder}/{id}.md"),
                &format!(
                    "---\ntitle: \"{nl}\"\ndescription: \"{dnl}\"\nweight: {}\n---\n{bnl}\n",
                    w + 1
                ),
            );
            write(
                &root,
                &format!("content/{folder}/{id}.en.md"),
                &format!(
                    "---\ntitle: \"{en}\"\nslug: {slug}\ndescription: \"{den}\"\n---\n{ben}\n"
                ),
            );
        }
    }
    println!(
        "wrote {} pages per language ({} projects, {} news, {} guides, {} episodes) to {}",
        n,
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        root.display()
    );
}

mod themes {
    use super::write;
    use std::path::Path;

    const BASE: &str = r#"<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<title>{% if kind == "home" %}{{ site.title }}{% else %}{{ title }} | {{ site.title }}{% endif %}</title>
<meta name="description" content="{{ description }}">
<link rel="canonical" href="{{ permalink }}">
{% for alt in alternates %}<link rel="alternate" hreflang="{{ alt.lang }}" href="{{ alt.url }}">
{% endfor %}</head>
<body>
<header><a href="{{ site.home }}">{{ site.title }}</a> <a href="{{ switch.url }}" hreflang="{{ switch.lang }}">{{ switch.lang | upper }}</a>
<nav><ul>{% for item in menu %}<li><a href="{{ item.url }}">{{ item.title }}</a></li>{% endfor %}</ul></nav>
</header>
<main>
{% block main %}{% endblock main %}
</main>
<footer><ul>{% for item in footer_links %}<li><a href="{{ item.url }}">{{ item.title }}</a></li>{% endfor %}</ul></footer>
</body>
</html>
"#;

    const ITEM: &str = r#"<article>
<h3><a href="{{ item.url }}">{{ item.title }}</a></h3>
<p>{% if item.date %}<time datetime="{{ item.date }}">{{ item.date | format_date }}</time>{% endif %}{% if item.status %} {{ t(key="status_" ~ item.status) }}{% endif %}</p>
{% if item.description %}<p>{{ item.description }}</p>{% endif %}
{% if item.themes | length > 0 %}<p>{% for th in item.themes %}<a href="{{ th.url }}">{{ th.title }}</a> {% endfor %}</p>{% endif %}
</article>
"#;

    const PAGINATION: &str = r#"{% if paginator.total > 1 %}<nav>{% if paginator.prev %}<a href="{{ paginator.prev }}" rel="prev">{{ t(key="previous") }}</a> {% endif %}{{ t(key="page") }} {{ paginator.current }} / {{ paginator.total }}{% if paginator.next %} <a href="{{ paginator.next }}" rel="next">{{ t(key="next") }}</a>{% endif %}</nav>{% endif %}
"#;

    // The pages mark what the search index takes, as the sofokles theme does, so the benchmark's search
    // index costs what a real one does.
    const SINGLE_HEAD: &str = r#"{% extends "base.html" %}
{% block main %}
<article data-pagefind-body>
<h1>{{ page.title }}</h1>
<p>{% if page.date %}<time datetime="{{ page.date }}">{{ page.date | format_date }}</time>{% endif %}</p>
{% if page.themes | length > 0 %}<p>{% for th in page.themes %}<a href="{{ th.url }}" data-pagefind-filter="theme">{{ th.title }}</a> {% endfor %}{% for s in page.sectors %}<a href="{{ s.url }}" data-pagefind-filter="sector">{{ s.title }}</a> {% endfor %}</p>{% endif %}
"#;

    const SINGLE_TAIL: &str = r#"{{ page.content | safe }}
</article>
{% endblock main %}
"#;

    const HOME: &str = r#"{% extends "base.html" %}
{% block main %}
<h1>{{ page.title }}</h1>
{{ page.content | safe }}
<h2>{{ t(key="latest_news") }}</h2>
{% for item in pages(section="nieuws", limit=4) %}{% include "partials/item.html" %}{% endfor %}
<h2>{{ t(key="current_projects") }}</h2>
{% for item in pages(section="projecten", status="lopend", limit=6) %}{% include "partials/item.html" %}{% endfor %}
<h2>{{ t(key="guides") }}</h2>
{% for item in pages(section="handreikingen", current=true, limit=4) %}{% include "partials/item.html" %}{% endfor %}
{% if latest_episode %}<h2>{{ t(key="latest_episode") }}</h2>{% set item = latest_episode %}{% include "partials/item.html" %}{% endif %}
<h2>{{ t(key="themes") }}</h2>
<ul>{% for th in themes %}<li><a href="{{ th.url }}">{{ th.title }}</a> ({{ th.count }})</li>{% endfor %}</ul>
<h2>{{ t(key="sectors") }}</h2>
<ul>{% for s in sectors %}<li><a href="{{ s.url }}">{{ s.title }}</a> ({{ s.count }})</li>{% endfor %}</ul>
{% endblock main %}
"#;

    const SECTION: &str = r#"{% extends "base.html" %}
{% block main %}
<h1>{{ page.title }}</h1>
{% if paginator.current == 1 %}{{ page.content | safe }}{% endif %}
{% for item in items %}{% include "partials/item.html" %}{% else %}<p>{{ t(key="nothing_yet") }}</p>{% endfor %}
{% include "partials/pagination.html" %}
{% endblock main %}
"#;

    const SERIES: &str = r#"{% extends "base.html" %}
{% block main %}
<h1>{{ page.title }}</h1>
{{ page.content | safe }}
{% for item in episodes %}{% include "partials/item.html" %}{% endfor %}
{% include "partials/pagination.html" %}
{% endblock main %}
"#;

    const TERM: &str = r#"{% extends "base.html" %}
{% block main %}
<h1>{{ page.title }}</h1>
{{ page.content | safe }}
{% for g in groups %}
<h2>{{ t(key="group_" ~ g.section) }} ({{ g.count }})</h2>
{% for item in g.items %}{% include "partials/item.html" %}{% endfor %}
{% for item in g.coming_soon %}{% include "partials/item.html" %}{% endfor %}
{% for item in g.past %}{% include "partials/item.html" %}{% endfor %}
{% if g.all_url %}<p><a href="{{ g.all_url }}">{{ t(key="term_all") }} ({{ g.count }})</a></p>{% endif %}
{% else %}<p>{{ t(key="nothing_yet") }}</p>{% endfor %}
{% endblock main %}
"#;
    const TERM_LISTING: &str = r#"{% extends "base.html" %}
{% block main %}
<h1>{{ title }}</h1>
<p><a href="{{ page.url }}">{{ page.title }}</a></p>
{% for item in items %}{% include "partials/item.html" %}{% endfor %}
{% for item in coming_soon %}{% include "partials/item.html" %}{% endfor %}
{% for item in past %}{% include "partials/item.html" %}{% endfor %}
{% include "partials/pagination.html" %}
{% endblock main %}
"#;

    const TERMS: &str = r#"{% extends "base.html" %}
{% block main %}
<h1>{{ page.title }}</h1>
{{ page.content | safe }}
<ul>{% for term in terms %}<li><a href="{{ term.url }}">{{ term.title }}</a> ({{ term.count }})</li>{% endfor %}</ul>
{% endblock main %}
"#;

    const NOT_FOUND: &str = r#"{% extends "base.html" %}
{% block main %}
<h1>{{ t(key="not_found") }}</h1>
{% endblock main %}
"#;

    const ALIAS: &str = r#"<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><link rel="canonical" href="{{ target }}"><meta http-equiv="refresh" content="0; url={{ target }}"></head><body><a href="{{ target }}">{{ target }}</a></body></html>
"#;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>{{ feed.title }}</title>
<link>{{ feed.link }}</link>
<description>{{ feed.description }}</description>
<language>{{ feed.language }}</language>
{% for item in feed.items %}<item><title>{{ item.title }}</title><link>{{ item.link }}</link><guid>{{ item.guid }}</guid>{% if item.pub_date %}<pubDate>{{ item.pub_date }}</pubDate>{% endif %}<description>{{ item.description }}</description></item>
{% endfor %}</channel>
</rss>
"#;

    const SITEMAP: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{% for e in entries %}<url><loc>{{ e.loc }}</loc>{% if e.lastmod %}<lastmod>{{ e.lastmod }}</lastmod>{% endif %}</url>
{% endfor %}</urlset>
"#;

    const NL: &str = r#"status_gepland: "Gepland"
status_lopend: "Lopend"
status_afgerond: "Afgerond"
status_verschenen: "Verschenen"
status_in-voorbereiding: "In voorbereiding"
previous: "Vorige"
next: "Volgende"
page: "Pagina"
nothing_yet: "Nog niets."
latest_news: "Laatste nieuws"
current_projects: "Lopende projecten"
guides: "Handreikingen"
latest_episode: "Nieuwste aflevering"
themes: "Thema's"
sectors: "Sectoren"
group_projecten: "Projecten"
group_nieuws: "Nieuws"
group_handreikingen: "Handreikingen"
group_podcasts: "Podcasts"
not_found: "Pagina niet gevonden"
term_all: "Alle"
term_about_theme: "over"
term_about_sector: "voor"
of: "van"
"#;

    const EN: &str = r#"status_gepland: "Planned"
status_lopend: "Ongoing"
status_afgerond: "Completed"
status_verschenen: "Published"
status_in-voorbereiding: "In preparation"
previous: "Previous"
next: "Next"
page: "Page"
nothing_yet: "Nothing yet."
latest_news: "Latest news"
current_projects: "Current projects"
guides: "Guides"
latest_episode: "Latest episode"
themes: "Themes"
sectors: "Sectors"
group_projecten: "Projects"
group_nieuws: "News"
group_handreikingen: "Guides"
group_podcasts: "Podcasts"
not_found: "Page not found"
term_all: "All"
term_about_theme: "on"
term_about_sector: "for"
of: "of"
"#;

    pub fn write_theme(root: &Path) {
        let t = "themes/minimal/templates";
        let single = |middle: &str| format!("{SINGLE_HEAD}{middle}{SINGLE_TAIL}");
        let files: Vec<(String, String)> = vec![
            (format!("{t}/base.html"), BASE.into()),
            (format!("{t}/partials/item.html"), ITEM.into()),
            (format!("{t}/partials/pagination.html"), PAGINATION.into()),
            (format!("{t}/home.html"), HOME.into()),
            (format!("{t}/section.html"), SECTION.into()),
            (
                format!("{t}/project.html"),
                single(
                    r#"{% if page.project.status %}<p>{{ t(key="status_" ~ page.project.status) }}{% if page.project.period %}, {{ page.project.period }}{% endif %}</p>{% endif %}
"#,
                ),
            ),
            (
                format!("{t}/episode.html"),
                single(
                    "{% if page.episode.number %}<p>#{{ page.episode.number }}{% if page.episode.duration_text %} ({{ page.episode.duration_text }}){% endif %}</p>{% endif %}\n",
                ),
            ),
            (format!("{t}/guide.html"), single("")),
            (format!("{t}/news.html"), single("")),
            (format!("{t}/page.html"), single("")),
            (format!("{t}/series.html"), SERIES.into()),
            (format!("{t}/term.html"), TERM.into()),
            (format!("{t}/term_listing.html"), TERM_LISTING.into()),
            (format!("{t}/terms.html"), TERMS.into()),
            (format!("{t}/404.html"), NOT_FOUND.into()),
            (format!("{t}/alias.html"), ALIAS.into()),
            (format!("{t}/rss.xml"), RSS.into()),
            (format!("{t}/sitemap.xml"), SITEMAP.into()),
            ("themes/minimal/i18n/nl.yaml".into(), NL.into()),
            ("themes/minimal/i18n/en.yaml".into(), EN.into()),
        ];
        for (path, text) in files {
            write(root, &path, &text);
        }
    }
}
