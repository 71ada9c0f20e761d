//! The two languages of the site, and values given once per language.
//!
//! A leaf that every stage shares (messages, site.yaml, pages, URLs), so none of them imports another stage
//! just to name a language.

use serde::{Deserialize, Serialize};

/// The two languages of the site. Dutch is the default and lives at the root.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Nl,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// URL prefix: empty for the default language.
    pub fn prefix(self) -> &'static str {
        match self {
            Lang::Nl => "",
            Lang::En => "/en",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        }
    }
}

/// A value given once per language.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PerLang<T> {
    pub nl: T,
    pub en: T,
}

impl<T> PerLang<T> {
    pub fn get(&self, lang: Lang) -> &T {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        }
    }
}
