//! What a page says about itself in its `<head>`: canonical URL, feed links, Open Graph and Twitter card
//! tags, and JSON-LD. All built from the page model; JSON-LD is serialised by serde_json, never written
//! as template text.
