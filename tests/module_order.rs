//! The module graph runs one way: no top-level module of `src/` names a module later in the pipeline.
//!
//! Read from the source itself (every `crate::` path outside test code), so a new import that turns the
//! pipeline back on itself fails here, with the file and the line, before it grows into a cycle. Run
//! `scripts/module-graph` to print the whole graph.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The top-level modules in pipeline order: each may use only the ones before it. Leaves that everything
/// shares come first; the drivers (`build`, then `check`, `serve` and the commands) come last.
const ORDER: &[&str] = &[
    // shared leaves: no pipeline stage of their own
    "lang",
    "clean",
    "diagnostics",
    "within_root",
    "sections",
    "paths",
    "values",
    "yaml",
    // the pipeline
    "config",
    "content",
    "site",
    "render",
    "output",
    // drivers of the pipeline
    "build",
    "check",
    "serve",
    "new_page",
    "translate",
    "list",
];

/// (from, to, file:line) for every `crate::` path in non-test code.
fn edges() -> Vec<(String, String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    let test_only = test_only_files(&files);
    let mut out = Vec::new();
    for file in files {
        let rel = file.strip_prefix(&src).unwrap();
        let from = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        // The binary uses the library by its name; lib.rs only declares the modules.
        if from == "main" || from == "lib" || test_only.contains(&file) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for (line, code) in code_lines(&text) {
            for to in named_modules(&code) {
                if to != from {
                    out.push((from.clone(), to, format!("src/{}:{line}", rel.display())));
                }
            }
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Files declared `#[cfg(test)] mod name;`: tests may reach across the pipeline.
fn test_only_files(files: &[PathBuf]) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for w in lines.windows(2) {
            if w[0].trim() == "#[cfg(test)]"
                && let Some(name) = w[1]
                    .trim()
                    .strip_prefix("mod ")
                    .and_then(|r| r.strip_suffix(';'))
            {
                // `a.rs` and `a/mod.rs` declare children in `a/`.
                let dir = match file.file_stem().unwrap().to_str() {
                    Some("mod" | "lib" | "main") => file.parent().unwrap().to_path_buf(),
                    _ => file.with_extension(""),
                };
                out.insert(dir.join(format!("{name}.rs")));
                out.insert(dir.join(name).join("mod.rs"));
            }
        }
    }
    out
}

/// (1-based line, code) without comments and without inline `#[cfg(test)] mod x { ... }` blocks (rustfmt
/// closes a top-level block with a `}` alone at the start of a line).
fn code_lines(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_test = false;
    let mut after_cfg_test = false;
    for (i, line) in text.lines().enumerate() {
        if in_test {
            in_test = line != "}";
            continue;
        }
        if after_cfg_test && line.starts_with("mod ") && line.ends_with('{') {
            in_test = true;
            continue;
        }
        after_cfg_test = line.trim() == "#[cfg(test)]";
        let code = line.split("//").next().unwrap_or("");
        out.push((i + 1, code.to_string()));
    }
    out
}

/// The top-level modules a line names through `crate::` (`crate::a::x`, `crate::{a, b::y}`).
fn named_modules(code: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        match rest.strip_prefix('{') {
            Some(group) => {
                let mut depth = 0;
                let mut start = 0;
                for (j, c) in group.char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => {
                            out.push(ident(&group[start..j]));
                            break;
                        }
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            out.push(ident(&group[start..j]));
                            start = j + 1;
                        }
                        _ => {}
                    }
                }
            }
            None => out.push(ident(rest)),
        }
    }
    out.retain(|m| !m.is_empty() && m != "self");
    out
}

#[test]
fn every_top_level_module_is_in_the_order() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in std::fs::read_dir(&src).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        let name = name.trim_end_matches(".rs");
        if name != "main" && name != "lib" {
            assert!(
                ORDER.contains(&name),
                "src/{name} is not in ORDER in tests/module_order.rs: add it where it belongs in the pipeline"
            );
        }
    }
}

#[test]
fn no_module_imports_a_later_stage() {
    let rank = |m: &str| ORDER.iter().position(|o| *o == m);
    let edges = edges();
    assert!(
        edges
            .iter()
            .any(|(f, t, _)| f == "content" && t == "config"),
        "the reader found no imports at all: {edges:?}"
    );
    if std::env::var_os("KENNIS_PRINT_GRAPH").is_some() {
        let graph: BTreeSet<(usize, &str, &str)> = edges
            .iter()
            .map(|(f, t, _)| (rank(f).unwrap_or(usize::MAX), f.as_str(), t.as_str()))
            .collect();
        for (_, from, to) in graph {
            let back = rank(to) >= rank(from);
            println!("{from} -> {to}{}", if back { "   BACKWARD" } else { "" });
        }
    }
    let backward: Vec<String> = edges
        .iter()
        .filter(|(f, t, _)| match (rank(f), rank(t)) {
            (Some(a), Some(b)) => b >= a,
            _ => true,
        })
        .map(|(f, t, at)| format!("{at}: {f} uses {t}, which comes later in the pipeline"))
        .collect();
    assert!(backward.is_empty(), "{}", backward.join("\n"));
}

#[test]
fn the_reader_sees_grouped_and_nested_paths() {
    assert_eq!(
        named_modules("use crate::{config::Lang, site::{urls, merge}};"),
        ["config", "site"]
    );
    assert_eq!(
        named_modules("x = crate::content::clean::name(c) + crate::yaml::parse()"),
        ["content", "yaml"]
    );
    let text = "use crate::a;\n#[cfg(test)]\nmod tests {\n    use crate::b;\n}\nfn x() { crate::c::y() }\n";
    let names: Vec<String> = code_lines(text)
        .iter()
        .flat_map(|(_, c)| named_modules(c))
        .collect();
    assert_eq!(names, ["a", "c"]);
}
