//! Reading a rendered page: its ids, links, resources, headings, images and link texts.
//!
//! Uses lol_html (a streaming HTML parser) so the check sees exactly what a browser gets, whether a link
//! came from Markdown, a template or a menu.

use lol_html::{HtmlRewriter, Settings, element, text};
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Debug, Default, Clone)]
pub struct Link {
    pub href: String,
    /// Visible text plus image alts and aria-label: the accessible name, roughly.
    pub name: String,
}

#[derive(Debug, Default, Clone)]
pub struct Scan {
    pub ids: Vec<String>,
    pub links: Vec<Link>,
    /// `src`/`href` of images, audio, scripts and stylesheets.
    pub resources: Vec<String>,
    /// Heading levels in document order, with their text.
    pub headings: Vec<(u8, String)>,
    /// (src, alt) of every image; `None` when the attribute is missing.
    pub images: Vec<(String, Option<String>)>,
    heading_anchor_text: std::collections::HashMap<usize, String>,
}

pub fn scan(html: &str) -> Scan {
    let out = Rc::new(RefCell::new(Scan::default()));
    // Index of the link (in `links`) and heading currently open, if any.
    let open_link: Rc<RefCell<Option<usize>>> = Rc::new(RefCell::new(None));
    let open_heading: Rc<RefCell<Option<usize>>> = Rc::new(RefCell::new(None));
    let (o1, o2, o3, o4, o5, o6, o7) = (
        out.clone(),
        out.clone(),
        out.clone(),
        out.clone(),
        out.clone(),
        out.clone(),
        out.clone(),
    );
    let (l1, l2, l3) = (open_link.clone(), open_link.clone(), open_link.clone());
    let (h1, h2) = (open_heading.clone(), open_heading.clone());
    let handlers = vec![
        element!("[id]", move |el| {
            if let Some(id) = el.get_attribute("id") {
                o1.borrow_mut().ids.push(id);
            }
            Ok(())
        }),
        element!("a[href]", move |el| {
            let href = el.get_attribute("href").unwrap_or_default();
            let name = el.get_attribute("aria-label").unwrap_or_default();
            let idx = {
                let mut s = o2.borrow_mut();
                s.links.push(Link { href, name });
                s.links.len() - 1
            };
            *l1.borrow_mut() = Some(idx);
            // Close the link at its end tag: text and image alts after it are not its name.
            let closing = l1.clone();
            if let Some(handlers) = el.end_tag_handlers() {
                let close: lol_html::EndTagHandler<'static> = Box::new(move |_| {
                    *closing.borrow_mut() = None;
                    Ok(())
                });
                handlers.push(close);
            }
            Ok(())
        }),
        text!("a", move |t| {
            if let Some(i) = *l2.borrow() {
                o3.borrow_mut().links[i].name.push_str(t.as_str());
            }
            Ok(())
        }),
        element!("img", move |el| {
            let src = el.get_attribute("src").unwrap_or_default();
            let alt = el.get_attribute("alt");
            let mut s = o4.borrow_mut();
            if let (Some(i), Some(a)) = (*l3.borrow(), &alt) {
                s.links[i].name.push_str(a);
            }
            s.resources.push(src.clone());
            s.images.push((src, alt));
            Ok(())
        }),
        element!(
            "audio[src], source[src], script[src], video[src], iframe[src]",
            move |el| {
                if let Some(src) = el.get_attribute("src") {
                    o5.borrow_mut().resources.push(src);
                }
                Ok(())
            }
        ),
        element!(
            "link[href][rel='stylesheet'], link[href][rel='icon']",
            move |el| {
                if let Some(href) = el.get_attribute("href") {
                    o6.borrow_mut().resources.push(href);
                }
                Ok(())
            }
        ),
        element!("h1, h2, h3, h4, h5, h6", move |el| {
            let level = el
                .tag_name()
                .trim_start_matches('h')
                .parse::<u8>()
                .unwrap_or(1);
            let idx = {
                let mut s = o7.borrow_mut();
                s.headings.push((level, String::new()));
                s.headings.len() - 1
            };
            *h1.borrow_mut() = Some(idx);
            Ok(())
        }),
    ];
    let o8 = out.clone();
    let o9 = out.clone();
    let h3 = open_heading.clone();
    let mut all = handlers;
    // The anchor link after each heading's text is not part of the heading's words.
    all.push(text!("a.anchor", move |t| {
        if let Some(i) = *h3.borrow() {
            o9.borrow_mut()
                .heading_anchor_text
                .entry(i)
                .or_default()
                .push_str(t.as_str());
        }
        Ok(())
    }));
    all.push(text!("h1, h2, h3, h4, h5, h6", move |t| {
        if let Some(i) = *h2.borrow() {
            o8.borrow_mut().headings[i].1.push_str(t.as_str());
        }
        Ok(())
    }));
    let settings = all
        .into_iter()
        .fold(Settings::new(), |s, h| s.append_element_content_handler(h));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    // A page we rendered ourselves always parses; a failure here just means less to check.
    let _ = rewriter.write(html.as_bytes());
    let _ = rewriter.end();
    drop(open_link);
    drop(open_heading);
    let mut scan = Rc::try_unwrap(out)
        .map(RefCell::into_inner)
        .unwrap_or_default();
    for (i, anchor) in std::mem::take(&mut scan.heading_anchor_text) {
        if let Some((_, text)) = scan.headings.get_mut(i)
            && let Some(stripped) = text.strip_suffix(anchor.as_str())
        {
            *text = stripped.to_string();
        }
    }
    scan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_links_headings_and_images() {
        let s = scan(
            r#"<h1 id="t">Titel</h1><a href="/a/">Naar <b>A</b></a><a href="/b/"><img src="x.png" alt="B"></a><a href="/c/"></a><h3>Sub</h3><audio src="/x.mp3"></audio>"#,
        );
        assert_eq!(s.ids, vec!["t"]);
        assert_eq!(s.links[0].name.trim(), "Naar A");
        assert_eq!(s.links[1].name, "B");
        assert_eq!(s.links[2].name, "");
        assert_eq!(
            s.headings,
            vec![(1, "Titel".to_string()), (3, "Sub".to_string())]
        );
        assert!(s.resources.contains(&"/x.mp3".to_string()));
    }

    #[test]
    fn an_empty_link_does_not_take_the_name_of_what_follows_it() {
        let s = scan(
            r#"<p><a href="/x/"></a></p><p>Tekst erna</p><img src="/logo.png" alt="Logo"><a href="/y/">Y</a>"#,
        );
        assert_eq!(
            s.links[0].name, "",
            "the empty link took a name from further down"
        );
        assert_eq!(s.links[1].name, "Y");
    }
}
