//! Issue 16: the output folder is kennis's alone; killed builds leave nothing behind.
//!
//! Every refusal must leave the whole site folder (sources, `public/`, the refused folder) byte for byte as
//! it was, in both languages, with exit code 1 and a help line.

use super::*;

/// Every file under the site folder, for "nothing was lost" checks.
fn whole_site(c: &Case) -> Snapshot {
    snapshot(c.s.path())
}

/// `kennis build --output OUT` must be refused in English and Dutch, leaving the site as it was.
/// Returns the English stderr.
#[track_caller]
fn refused(c: &Case, out: &str, words_en: &[&str], words_nl: &[&str]) -> String {
    let before = whole_site(c);
    let mut english = String::new();
    for (lang, words) in [("en", words_en), ("nl", words_nl)] {
        let o = c.s.kennis(&["build", "--output", out, "--lang", lang]);
        let err = stderr(&o);
        assert_eq!(
            o.status.code(),
            Some(1),
            "--output {out} was not refused:\n{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        let block = errors(&err)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no error for --output {out}:\n{err}"));
        assert!(help_of(&block).is_some(), "no help line:\n{block}");
        let lower = block.to_lowercase();
        for w in words {
            assert!(
                lower.contains(&w.to_lowercase()),
                "{w:?} missing from:\n{block}"
            );
        }
        if lang == "en" {
            english = err;
        }
        assert!(
            whole_site(c) == before,
            "the site folder changed after a refused --output {out}"
        );
    }
    english
}

#[test]
fn output_into_content_twice_loses_nothing() {
    let c = Case::new();
    let sources = snapshot(&c.path("content"));
    let content = c.path("content").display().to_string();
    for _ in 0..2 {
        refused(
            &c,
            &content,
            &["content/", "reads from"],
            &["content/", "leest"],
        );
    }
    assert_eq!(snapshot(&c.path("content")), sources);
    // Also spelled another way, and a folder that does not exist yet inside content/.
    let dotted = format!("{}/public/../content", c.s.path().display());
    refused(&c, &dotted, &["content/"], &["content/"]);
    let inside = format!("{}/content/out", c.s.path().display());
    refused(&c, &inside, &["content/"], &["content/"]);
    assert!(!c.path("content/out").exists());
}

#[test]
fn output_that_is_or_contains_the_site_is_refused() {
    let c = Case::new();
    let root = c.s.path().display().to_string();
    refused(
        &c,
        &root,
        &["site folder itself"],
        &["map van de site zelf"],
    );
    let parent = c.s.path().parent().unwrap().display().to_string();
    refused(
        &c,
        &parent,
        &["contains the site folder"],
        &["bevat de map van de site"],
    );
    for source in ["static", "themes"] {
        let inside = format!("{root}/{source}");
        refused(&c, &inside, &[source], &[source]);
    }
}

#[test]
fn an_existing_folder_kennis_did_not_make_is_refused() {
    let c = Case::new();
    c.write("docs/notes.md", "my own notes");
    let docs = c.path("docs").display().to_string();
    let err = refused(
        &c,
        &docs,
        &["was not made by kennis"],
        &["niet door kennis gemaakt"],
    );
    assert!(err.contains(".kennis-output"), "{err}");
    assert_eq!(c.read("docs/notes.md"), "my own notes");
}

#[test]
fn a_file_or_a_link_in_place_of_the_output_is_refused() {
    let c = Case::new();
    c.write("out.txt", "a file");
    let file = c.path("out.txt").display().to_string();
    refused(&c, &file, &["is a file"], &["is een bestand"]);
    assert_eq!(c.read("out.txt"), "a file");
    std::os::unix::fs::symlink(c.path("content"), c.path("linked")).unwrap();
    let link = c.path("linked").display().to_string();
    refused(&c, &link, &["symbolic link"], &["link"]);
}

#[test]
fn an_empty_folder_is_taken_and_marked_and_rebuilt() {
    let c = Case::new();
    std::fs::create_dir(c.path("site-out")).unwrap();
    let out = c.path("site-out").display().to_string();
    for _ in 0..3 {
        let o = c.s.build(&["--output", &out]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert!(c.path("site-out/.kennis-output").is_file());
    assert!(c.path("site-out/index.html").is_file());
    assert!(c.path(".site-out.kennis-spare/.kennis-output").is_file());
    // The default output is marked too.
    assert!(c.path("public/.kennis-output").is_file());
}

/// A site big enough that a build runs long enough to be killed halfway.
fn big_site() -> Case {
    let c = Case::new();
    for i in 0..3000 {
        c.write(
            &format!("content/nieuws/bericht-{i}.md"),
            &format!(
                "---\ntitle: \"Bericht {i}\"\ndate: 2024-05-01\n---\nTekst van bericht {i}.\n"
            ),
        );
    }
    c.s.build_ok();
    c
}

fn leftovers(c: &Case) -> Vec<String> {
    std::fs::read_dir(c.s.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("kennis-new") || n.contains("kennis-old"))
        .collect()
}

#[test]
fn a_killed_build_leaves_nothing_the_next_build_does_not_clean_up() {
    let c = big_site();
    let live = snapshot(&c.path("public"));
    for signal in ["KILL", "TERM"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kennis"))
            .args(["build", "--lang", "en", "--root"])
            .arg(c.s.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill it as soon as its folder appears: the build is then under way.
        let start = Instant::now();
        while leftovers(&c).is_empty() && start.elapsed() < Duration::from_secs(20) {
            std::thread::sleep(Duration::from_micros(200));
        }
        Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        let status = child.wait().unwrap();
        assert!(!status.success(), "the build finished before it was killed");
        assert_eq!(
            snapshot(&c.path("public")),
            live,
            "a killed build changed public/"
        );
        c.s.build_ok();
        assert!(leftovers(&c).is_empty(), "left behind: {:?}", leftovers(&c));
        assert!(c.path(".public.kennis-spare/.kennis-output").is_file());
    }
}

#[test]
fn the_output_folder_never_goes_missing_during_a_swap() {
    let c = Case::new();
    let index = c.path("public/index.html");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut missing = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                if !index.exists() {
                    missing += 1;
                }
            }
            missing
        })
    };
    for i in 0..15 {
        c.write(
            "content/nieuws/teller.md",
            &format!("---\ntitle: \"Teller {i}\"\ndate: 2024-05-01\n---\n{i}\n"),
        );
        c.s.build_ok();
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert_eq!(
        watcher.join().unwrap(),
        0,
        "public/index.html was missing during a swap"
    );
}
