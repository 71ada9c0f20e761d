//! Test harness: a throwaway site in a temp folder, built with the real `kennis` binary and the real theme.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct TestSite {
    pub dir: tempfile::TempDir,
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Builds the fund's real site (this repository's content, site.yaml and theme) into `public`; panics with
/// the messages when it fails.
pub fn build_real_site(public: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_kennis"))
        .args(["build", "--lang", "en", "--root"])
        .arg(repo())
        .arg("--output")
        .arg(public)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

pub const SITE_YAML: &str = r#"base_url: "https://example.org"
theme: sofokles
languages:
  nl:
    title: "Testfonds"
    description: "Een testsite"
    menu:
      - { title: "Projecten", link: "@/projecten/_index.md" }
      - { title: "Nieuws", link: "@/nieuws/_index.md" }
  en:
    title: "Test fund"
    description: "A test site"
    menu:
      - { title: "Projects", link: "@/projecten/_index.md" }
      - { title: "News", link: "@/nieuws/_index.md" }
sections:
  projecten: { nl: projecten, en: projects }
  podcasts: { nl: podcasts, en: podcasts }
  handreikingen: { nl: handreikingen, en: guides }
  nieuws: { nl: nieuws, en: news }
  themas: { nl: themas, en: themes }
  sectoren: { nl: sectoren, en: sectors }
podcast:
  owner_name: "Testfonds"
  owner_email: "podcast@example.org"
  category: "Education"
pagination:
  path: { nl: pagina, en: page }
  page_size: 2
"#;

impl TestSite {
    /// An empty site with the real theme and the given site.yaml.
    pub fn empty() -> TestSite {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("themes"), &dir.path().join("themes"));
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("site.yaml"), SITE_YAML).unwrap();
        TestSite { dir }
    }

    /// A small but complete bilingual site: themes, sectors, projects, news, a guide, a podcast series.
    pub fn basic() -> TestSite {
        let s = TestSite::empty();
        copy_dir(&repo().join("tests/fixtures/basic"), s.path());
        s
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path().join(rel)).unwrap();
    }

    pub fn kennis(&self, args: &[&str]) -> Output {
        // Tests read the English messages unless they ask for Dutch (`--lang nl` as an argument).
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_kennis"));
        cmd.args(args).arg("--root").arg(self.path());
        if !args.contains(&"--lang") {
            cmd.args(["--lang", "en"]);
        }
        cmd.output().unwrap()
    }

    pub fn build(&self, extra: &[&str]) -> Output {
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        self.kennis(&args)
    }

    /// Builds and panics with the messages when the build fails.
    pub fn build_ok(&self) -> String {
        let out = self.build(&[]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "build failed:\n{stderr}");
        String::from_utf8_lossy(&out.stdout).to_string()
    }

    pub fn public(&self, rel: &str) -> String {
        let p = self.path().join("public").join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path().join("public").join(rel).exists()
    }
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

/// Every file under `dir` with its bytes, for before/after comparisons.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut v: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

/// Every page in the search index under `public/`: url → the language of the index it is in and its
/// Pagefind fragment (content, filters, meta), read back from the gzip files.
#[allow(dead_code)]
pub fn search_fragments(
    public: &Path,
) -> std::collections::BTreeMap<String, (String, serde_json::Value)> {
    use std::io::Read;
    let mut out = std::collections::BTreeMap::new();
    for e in std::fs::read_dir(public.join("pagefind/fragment")).unwrap() {
        let e = e.unwrap();
        let lang = e
            .file_name()
            .to_string_lossy()
            .split('_')
            .next()
            .unwrap()
            .to_string();
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(e.path()).unwrap())
            .read_to_end(&mut text)
            .unwrap();
        let json = text
            .strip_prefix(b"pagefind_dcd")
            .expect("a Pagefind fragment");
        let v: serde_json::Value = serde_json::from_slice(json).unwrap();
        out.insert(v["url"].as_str().unwrap().to_string(), (lang, v));
    }
    out
}
