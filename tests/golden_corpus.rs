//! The build's output on a fixed generated corpus is pinned, so speed work cannot change what is built
//! without anyone noticing. When a change of output is intended, rerun with KENNIS_UPDATE_GOLDEN=1 and
//! commit the new digest with the change that explains it.

#[path = "../examples/gen_corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

use sha2::{Digest, Sha256};

#[test]
fn output_on_a_fixed_corpus_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    gen_corpus::generate(40, dir.path());
    let mut opts = kennis::build::Options::new(dir.path().to_path_buf());
    opts.today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let (_, files) = kennis::build::build_in_memory(&opts).unwrap_or_else(|e| panic!("{e:#?}"));
    // One line per file: path and the hash of its bytes; the digest covers them all.
    let listing: String = files
        .iter()
        .map(|(path, bytes)| format!("{path} {:x}\n", Sha256::digest(bytes)))
        .collect();
    let digest = format!("{:x}", Sha256::digest(listing.as_bytes()));
    let golden_path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/corpus-40.txt");
    if std::env::var_os("KENNIS_UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden_path, format!("{digest}\n{listing}")).unwrap();
        return;
    }
    let golden = std::fs::read_to_string(&golden_path)
        .expect("tests/golden/corpus-40.txt (create it with KENNIS_UPDATE_GOLDEN=1)");
    let (want, want_listing) = golden.split_once('\n').unwrap();
    if want != digest {
        let changed: Vec<&str> = listing
            .lines()
            .filter(|l| !want_listing.lines().any(|w| w == *l))
            .take(20)
            .collect();
        panic!(
            "the output on the fixed corpus changed ({} files); first differences:\n{}",
            files.len(),
            changed.join("\n")
        );
    }
}
