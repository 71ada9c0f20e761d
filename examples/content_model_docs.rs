//! Writes the field tables of docs/content-model.md from the kind table (`src/content/kinds.rs`).
//!
//! Run after changing the table: `cargo run --example content_model_docs`. A test fails while the docs and
//! the table differ, so this is the only way they change.

use kennis::content::kinds::{KINDS, docs};

fn main() -> std::process::ExitCode {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/content-model.md");
    let doc = match std::fs::read_to_string(path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match docs::update(&doc, KINDS) {
        Ok(fresh) if fresh == doc => println!("{path} is up to date"),
        Ok(fresh) => match std::fs::write(path, fresh) {
            Ok(()) => println!("wrote {path}"),
            Err(e) => {
                eprintln!("cannot write {path}: {e}");
                return std::process::ExitCode::FAILURE;
            }
        },
        Err(e) => {
            eprintln!("{e}");
            return std::process::ExitCode::FAILURE;
        }
    }
    std::process::ExitCode::SUCCESS
}
