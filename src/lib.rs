//! kennis: the static site generator behind the bilingual SoFoKleS knowledge site.
//!
//! The pipeline runs one way: [`config`] (site.yaml) → [`content`] (files under `content/`, typed front
//! matter) → [`site`] (translations, URLs, references, Markdown) → [`render`] (Tera templates, listings,
//! feeds) → [`output`] (atomic write). `build`, `check` and `serve` are drivers of this same pipeline; see
//! [`build::build`]. What every stage shares sits in small leaves before the pipeline ([`lang`],
//! [`clean`], [`diagnostics`], [`sections`], [`paths`], [`values`], [`yaml`]), so no module imports a later
//! one (`tests/module_order.rs` checks this). Errors cross modules as typed values and are worded once, in
//! English and Dutch ([`diagnostics::Diagnostic::error`] takes both).
//!
//! ```no_run
//! let opts = kennis::build::Options::new("site".into());
//! let result = kennis::build::build_to_dir(&opts, std::path::Path::new("public"));
//! ```

// Diagnostics are the error values of the whole pipeline; they are built only on the error path, so their
// size does not matter for the happy path.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod check;
pub mod clean;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod lang;
pub mod list;
pub mod new_page;
pub mod output;
pub mod paths;
pub mod render;
pub mod sections;
pub mod serve;
pub mod site;
pub mod translate;
pub mod values;
pub mod within_root;
pub mod yaml;
