//! Shortcodes in page bodies, rendered with the theme's `shortcodes/<name>.html` templates.
//!
//! Misuse is an error on the page's file and line: an unknown shortcode (with a did-you-mean), a missing
//! argument, missing text between the tags, or a file that does not exist.

use super::{RenderCx, templates};
use crate::content::lines::LineIndex;
use crate::diagnostics::Diagnostic;
use crate::site::Page;
use tera::Context;

impl RenderCx<'_> {
    /// Renders a page's shortcodes and puts them into `html`.
    pub(super) fn shortcodes(&self, p: &Page, html: &str) -> Result<String, Vec<Diagnostic>> {
        if p.shortcodes.is_empty() {
            return Ok(html.to_string());
        }
        let mut out = Vec::with_capacity(p.shortcodes.len());
        let mut problems = Vec::new();
        // Built on the first problem, for the excerpts: a page may have thousands of broken shortcodes.
        let lines = std::cell::OnceCell::new();
        for (call, body) in p.shortcodes.iter() {
            let at = |d: Diagnostic| {
                let lines = lines.get_or_init(|| LineIndex::new(&p.src.source));
                d.in_file(&p.src.file)
                    .at(call.line, None)
                    .with_line(lines.line(call.line - 1))
            };
            let template = format!("shortcodes/{}.html", call.name);
            if !self.theme().tera.contains_template(&template) {
                let names: Vec<String> = self
                    .theme()
                    .tera
                    .get_template_names()
                    .filter_map(|n| {
                        n.strip_prefix("shortcodes/")
                            .and_then(|n| n.strip_suffix(".html"))
                            .map(str::to_string)
                    })
                    .collect();
                let help = match crate::diagnostics::did_you_mean(
                    &call.name,
                    names.iter().map(String::as_str),
                ) {
                    Some(s) => format!("did you mean `{s}`? Shortcodes: {}", names.join(", ")),
                    None => format!("available shortcodes: {}", names.join(", ")),
                };
                let help_nl = help
                    .replace("did you mean", "bedoel je")
                    .replace("available shortcodes", "beschikbare shortcodes");
                problems.push(at(Diagnostic::error(
                    format!("unknown shortcode `{}`", call.name),
                    format!("onbekende shortcode `{}`", call.name),
                )
                .help(help, help_nl)));
                out.push(String::new());
                continue;
            }
            // A shortcode whose template shows `body` needs text between an opening and a closing tag.
            let uses_body = self
                .theme()
                .tera
                .get_template_variables(&template)
                .is_ok_and(|v| v.contains("body"));
            if uses_body && body.is_none() {
                let n = &call.name;
                problems.push(at(Diagnostic::error(
                    format!("the shortcode `{n}` needs text between its tags, and a closing tag"),
                    format!(
                        "de shortcode `{n}` heeft tekst nodig tussen de twee tags, en een sluittag"
                    ),
                )
                .help(
                    format!("write {{{{< {n} ... >}}}}text{{{{< /{n} >}}}}"),
                    format!("schrijf {{{{< {n} ... >}}}}tekst{{{{< /{n} >}}}}"),
                )));
                out.push(String::new());
                continue;
            }
            let mut ctx = Context::new();
            ctx.insert("lang", p.lang.code());
            for (k, v) in &call.args {
                ctx.insert(k.clone(), v);
            }
            if let Some(b) = body {
                ctx.insert_value("body", tera::Value::safe_string(b));
            }
            if let Some(file) = call.args.get("file") {
                match self.file_info(file) {
                    Some(info) => ctx.insert("file_info", &info),
                    None => {
                        problems.push(at(Diagnostic::error(format!("the file {file} in shortcode `{}` does not exist", call.name), format!("het bestand {file} in de shortcode `{}` bestaat niet", call.name))
                            .help("put the file in static/ (static/downloads/x.pdf is /downloads/x.pdf) or fix the path", "zet het bestand in static/ (static/downloads/x.pdf wordt /downloads/x.pdf) of verbeter het pad")));
                        out.push(String::new());
                        continue;
                    }
                }
            }
            match self.theme().tera.render(&template, &ctx) {
                Ok(h) => out.push(h),
                Err(e) => {
                    let d = templates::template_error(&e, &self.theme().dir);
                    let missing = templates::undefined_name(&e);
                    let n = &call.name;
                    let d = match missing {
                        Some(arg) if arg == "body" => Diagnostic::error(
                            format!("the shortcode `{n}` needs text between its tags"),
                            format!("de shortcode `{n}` heeft tekst nodig tussen de twee tags"),
                        )
                        .help(
                            format!("write {{{{< {n} ... >}}}}text{{{{< /{n} >}}}}"),
                            format!("schrijf {{{{< {n} ... >}}}}tekst{{{{< /{n} >}}}}"),
                        ),
                        Some(arg) => Diagnostic::error(
                            format!("the shortcode `{n}` needs the argument `{arg}`"),
                            format!("de shortcode `{n}` mist het argument `{arg}`"),
                        )
                        .help(
                            format!("add {arg}=\"...\" inside {{{{< {n} ... >}}}}"),
                            format!("zet {arg}=\"...\" binnen {{{{< {n} ... >}}}}"),
                        ),
                        None => Diagnostic::error(
                            format!("the shortcode `{n}` failed: {}", d.message),
                            format!(
                                "de shortcode `{n}` werkt niet: {}",
                                d.message_in(crate::lang::Lang::Nl)
                            ),
                        )
                        .help(
                            "check the shortcode's arguments against its template in the theme",
                            "vergelijk de argumenten van de shortcode met de template in het thema",
                        ),
                    };
                    problems.push(at(d));
                    out.push(String::new());
                }
            }
        }
        if problems.is_empty() {
            Ok(crate::content::shortcodes::restore(html, &out))
        } else {
            Err(problems)
        }
    }
}
