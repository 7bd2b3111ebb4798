//! Display language for protocol terms. The Dutch protocol terms are the
//! source of truth; English is a courtesy translation.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

/// A term with a Dutch and an English label. Implemented by every protocol
/// vocabulary so the UI and the server render the same words.
pub trait Label {
    fn label(&self, lang: Lang) -> &'static str;
}

/// Picks the label for `lang` from a `(nl, en)` pair.
pub(crate) const fn pick(lang: Lang, nl: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}
