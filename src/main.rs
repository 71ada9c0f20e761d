//! The `kennis` command line: parses arguments and hands over to the pipeline; prints what happened.

use clap::{Parser, Subcommand};
use kennis::build::{self, Options};
use kennis::config::Lang;
use kennis::diagnostics::{self, Diagnostic};
use std::path::PathBuf;
use std::process::ExitCode;

// A build allocates and frees millions of small strings and template values from two threads; mimalloc's
// per-thread free lists keep that cheap where glibc's allocator spent about a tenth of a build (see
// BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// What became of each language's search index: made, or taken over unchanged from the previous build.
fn search_line(langs: &[kennis::render::search::LangReport]) -> String {
    let parts: Vec<String> = langs
        .iter()
        .map(|l| {
            let n = l.pages;
            if l.reused {
                say(
                    &format!(
                        "{} overgenomen ({n} pagina's, ongewijzigd sinds de vorige build)",
                        l.lang
                    ),
                    &format!(
                        "{} reused ({n} pages, unchanged since the previous build)",
                        l.lang
                    ),
                )
                .to_string()
            } else {
                say(
                    &format!("{} gemaakt ({n} pagina's)", l.lang),
                    &format!("{} indexed ({n} pages)", l.lang),
                )
                .to_string()
            }
        })
        .collect();
    format!("{}: {}", say("Zoekindex", "Search index"), parts.join(", "))
}

#[derive(Parser)]
#[command(
    name = "kennis",
    version,
    about = "Builds the bilingual SoFoKleS knowledge site"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct Common {
    /// The site folder (with site.yaml, content/, themes/, static/)
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Language of the messages: nl (default) or en
    #[arg(long, default_value = "nl", value_parser = ["nl", "en"])]
    lang: String,
}

/// The language messages are printed in, set once from `--lang`.
static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

fn lang() -> Lang {
    *LANG.get().unwrap_or(&Lang::Nl)
}

/// Picks the Dutch or English wording of a message.
fn say<'a>(nl: &'a str, en: &'a str) -> &'a str {
    if lang() == Lang::Nl { nl } else { en }
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only when the build succeeds)
    Build {
        #[command(flatten)]
        common: Common,
        /// Output folder (default: public/ in the site folder)
        #[arg(long)]
        output: Option<PathBuf>,
        /// Override base_url from site.yaml
        #[arg(long)]
        base_url: Option<String>,
        /// Include drafts and scheduled or expired pages
        #[arg(long)]
        drafts: bool,
    },
    /// Serve the site on this computer, rebuilding and reloading the browser on every save
    Serve {
        #[command(flatten)]
        common: Common,
        /// Port to listen on (0 picks a free one)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; the default keeps the site private to this computer
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
        /// Milliseconds to wait for an editor's save to finish before rebuilding
        #[arg(long, default_value_t = 10)]
        debounce: u64,
        /// Include drafts and scheduled or expired pages
        #[arg(long)]
        drafts: bool,
    },
    /// Create a new page with the right fields for its section, ready to fill in
    New {
        #[command(flatten)]
        common: Common,
        /// projecten, nieuws, handreikingen, podcasts, themas or sectoren
        section: String,
        /// The file name without .md (podcasts: <series>/<episode>)
        id: String,
        /// The page title
        #[arg(long)]
        title: Option<String>,
    },
    /// Start the English translation of a Dutch page (as a draft)
    Translate {
        #[command(flatten)]
        common: Common,
        /// The Dutch file, e.g. content/projecten/flow-haalbaarheidsverkenning.md
        file: PathBuf,
    },
    /// List every page with language, kind, status, date, address and translation
    List {
        #[command(flatten)]
        common: Common,
        /// Only this section (projecten, nieuws, ...)
        #[arg(long)]
        section: Option<String>,
        /// Only pages without a translation
        #[arg(long)]
        missing_translations: bool,
        /// Include drafts and scheduled pages
        #[arg(long)]
        drafts: bool,
    },
    /// Check the whole site and report every problem; writes nothing
    Check {
        #[command(flatten)]
        common: Common,
        /// Include drafts and scheduled pages
        #[arg(long)]
        drafts: bool,
        /// Also check links to other sites (needs a network connection)
        #[arg(long)]
        external: bool,
    },
}

fn print_all(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{}", d.render_in(lang()));
    }
}

/// Problems grouped under their file, as `check` reports them.
fn print_grouped(diags: &[Diagnostic]) {
    let mut current: Option<String> = None;
    for d in diags {
        let file = d
            .file
            .as_ref()
            .map(|f| f.display().to_string())
            .unwrap_or_else(|| "(site)".into());
        if current.as_deref() != Some(file.as_str()) {
            println!("\n== {file}");
            current = Some(file);
        }
        println!("{}", d.render_in(lang()));
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let common = match &cli.command {
        Command::Build { common, .. }
        | Command::Serve { common, .. }
        | Command::New { common, .. }
        | Command::Translate { common, .. }
        | Command::List { common, .. }
        | Command::Check { common, .. } => common,
    };
    let _ = LANG.set(if common.lang == "en" {
        Lang::En
    } else {
        Lang::Nl
    });
    match cli.command {
        Command::Build {
            common,
            output,
            base_url,
            drafts,
        } => {
            let mut opts = Options::new(common.root.clone());
            opts.base_url = base_url;
            opts.drafts = drafts;
            let output = output.unwrap_or_else(|| common.root.join("public"));
            match build::build_to_dir(&opts, &output) {
                Ok(report) => {
                    print_all(&report.warnings);
                    println!("{}", report.summary_line());
                    if !report.render.search.is_empty() {
                        println!("{}", search_line(&report.render.search));
                    }
                    for n in &report.render.feed_notes {
                        println!("{}", say(&n.nl, &n.en));
                    }
                    // Stage timings for the benchmark (bench/run).
                    if std::env::var_os("KENNIS_TIMINGS").is_some() {
                        for (stage, t) in &report.timings {
                            println!("stage {stage} {:.2} ms", t.as_secs_f64() * 1000.0);
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(errors) => {
                    print_all(&errors);
                    eprintln!(
                        "{}: {}. {} {} {}",
                        say("Bouwen mislukt", "Build failed"),
                        diagnostics::count_line_in(&errors, lang()),
                        say("De uitvoermap", "The output folder"),
                        output.display(),
                        say("is niet veranderd.", "was left as it was.")
                    );
                    ExitCode::FAILURE
                }
            }
        }
        Command::Serve {
            common,
            port,
            bind,
            open,
            debounce,
            drafts,
        } => {
            let mut opts = Options::new(common.root);
            opts.drafts = drafts;
            match kennis::serve::run(kennis::serve::ServeOptions {
                build: opts,
                lang: lang(),
                bind,
                port,
                open,
                debounce: std::time::Duration::from_millis(debounce),
            }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprint!("{}", e.render_in(lang()));
                    ExitCode::FAILURE
                }
            }
        }
        Command::New {
            common,
            section,
            id,
            title,
        } => {
            match kennis::new_page::create(
                &common.root,
                &section,
                &id,
                title.as_deref(),
                chrono::Local::now().date_naive(),
            ) {
                Ok(path) => {
                    println!(
                        "Created {}. Fill in the fields, write the text, and remove `draft: true` when it is ready.",
                        path.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    print_all(&[d]);
                    ExitCode::FAILURE
                }
            }
        }
        Command::Translate { common, file } => {
            match kennis::translate::start(&common.root, &file) {
                Ok(path) => {
                    println!(
                        "Created {}: translate it, then remove `draft: true`.",
                        path.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    print_all(&[d]);
                    ExitCode::FAILURE
                }
            }
        }
        Command::List {
            common,
            section,
            missing_translations,
            drafts,
        } => {
            let mut opts = Options::new(common.root);
            opts.drafts = drafts;
            match kennis::list::run(&kennis::list::ListOptions {
                build: opts,
                section,
                missing: missing_translations,
            }) {
                Ok(rows) => {
                    for r in &rows {
                        println!("{r}");
                    }
                    println!("{} pages", rows.len());
                    ExitCode::SUCCESS
                }
                Err(errors) => {
                    print_all(&errors);
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check {
            common,
            drafts,
            external,
        } => {
            let mut opts = Options::new(common.root);
            opts.drafts = drafts;
            let outcome = kennis::check::run(&kennis::check::CheckOptions {
                build: opts,
                external,
            });
            print_grouped(&outcome.problems);
            let errors = outcome.problems.iter().filter(|d| d.is_error()).count();
            println!(
                "{} {} {}: {}.",
                say("Gecontroleerd:", "Checked"),
                outcome.pages,
                say("pagina's", "pages"),
                diagnostics::count_line_in(&outcome.problems, lang())
            );
            if errors > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}
