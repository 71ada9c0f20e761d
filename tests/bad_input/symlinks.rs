//! Issue 16: nothing outside the site root is read or published through a symlink.

use super::*;
use std::os::unix::fs::{MetadataExt, symlink};

/// A folder outside the site with a secret, a Markdown page and a folder of pages.
fn outside() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("secret.txt"), "TOP-SECRET-CONTENTS").unwrap();
    std::fs::write(
        dir.path().join("extern.md"),
        "---\ntitle: \"TOP-SECRET-PAGE\"\ndate: 2024-05-01\n---\nTOP-SECRET-CONTENTS\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("map")).unwrap();
    std::fs::write(
        dir.path().join("map/ander.md"),
        "---\ntitle: \"TOP-SECRET-PAGE 2\"\ndate: 2024-05-01\n---\nTOP-SECRET-CONTENTS\n",
    )
    .unwrap();
    dir
}

/// No file in `public/` holds the secret, and nothing there is a link or shares its inode with a source.
fn assert_published_cleanly(c: &Case) {
    for entry in walkdir::WalkDir::new(c.path("public")) {
        let entry = entry.unwrap();
        let m = std::fs::symlink_metadata(entry.path()).unwrap();
        assert!(
            !m.file_type().is_symlink(),
            "{} is a link",
            entry.path().display()
        );
        if m.is_file() {
            assert_eq!(m.nlink(), 1, "{} is a hard link", entry.path().display());
            let bytes = std::fs::read(entry.path()).unwrap();
            assert!(
                !String::from_utf8_lossy(&bytes).contains("TOP-SECRET"),
                "{} holds a file from outside the site",
                entry.path().display()
            );
        }
    }
}

#[test]
fn links_to_outside_files_and_folders_are_not_published_and_warned_about() {
    let c = Case::new();
    let out = outside();
    let o = out.path();
    symlink(o.join("secret.txt"), c.path("content/nieuws/geheim.txt")).unwrap();
    symlink(o.join("extern.md"), c.path("content/nieuws/extern.md")).unwrap();
    symlink(o.join("map"), c.path("content/projecten/map")).unwrap();
    std::fs::create_dir_all(c.path("static")).unwrap();
    symlink(o.join("secret.txt"), c.path("static/geheim.txt")).unwrap();
    symlink("/etc/passwd", c.path("static/passwd")).unwrap();
    let (stdout, stderr) = c.works();
    let all = format!("{stdout}{stderr}");
    for link in [
        "content/nieuws/geheim.txt",
        "content/nieuws/extern.md",
        "content/projecten/map",
        "static/geheim.txt",
        "static/passwd",
    ] {
        assert!(
            all.lines().any(|l| l.contains("-->") && l.contains(link)),
            "no warning names {link}:\n{all}"
        );
    }
    assert!(all.contains("outside the site"), "{all}");
    assert!(!c.exists("nieuws/geheim.txt") && !c.exists("passwd"));
    assert!(!c.exists("geheim.txt") && !c.exists("nieuws/extern/index.html"));
    assert_published_cleanly(&c);

    // In Dutch too.
    let nl = c.s.kennis(&["build", "--lang", "nl"]);
    assert!(nl.status.success());
    let text = format!("{}{}", String::from_utf8_lossy(&nl.stdout), stderr_of(&nl));
    assert!(text.contains("buiten de map van de site"), "{text}");

    // `check` reports them.
    let chk = c.s.kennis(&["check"]);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&chk.stdout),
        stderr_of(&chk)
    );
    assert!(
        text.contains("content/nieuws/extern.md") && text.contains("outside the site"),
        "check is silent about the link:\n{text}"
    );
}

fn stderr_of(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

#[test]
fn links_that_stay_inside_the_site_are_followed_and_published_as_copies() {
    let c = Case::new();
    std::fs::create_dir_all(c.path("static/css")).unwrap();
    c.write("static/css/echt.css", "body{color:red}");
    symlink(
        c.path("static/css/echt.css"),
        c.path("static/css/kopie.css"),
    )
    .unwrap();
    c.write("bijlagen/verslag.pdf", "%PDF-1.4 test");
    symlink(
        c.path("bijlagen/verslag.pdf"),
        c.path("content/nieuws/verslag.pdf"),
    )
    .unwrap();
    let (_, stderr) = c.works();
    assert!(!stderr.contains("outside the site"), "{stderr}");
    assert_eq!(c.public("css/kopie.css"), "body{color:red}");
    assert_eq!(c.public("nieuws/verslag.pdf"), "%PDF-1.4 test");
    assert_published_cleanly(&c);
    // Editing the published copy leaves the source alone.
    std::fs::write(c.path("public/css/echt.css"), "edited").unwrap();
    assert_eq!(c.read("static/css/echt.css"), "body{color:red}");
}
