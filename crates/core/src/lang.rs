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

/// A protocol vocabulary: a field-less enum whose words live in the
/// catalogue under `<PREFIX>-<variant in snake_case>`. Its listing is
/// `VARIANTS` (derived with strum), its `Label` comes from `vocabulary!`, so
/// a new term is one enum line plus one line in each `.ftl` file.
pub trait Vocabulary: strum::VariantArray + Into<&'static str> + Copy + 'static {
    const PREFIX: &'static str;

    /// The catalogue key of this term; with a suffix, of a longer text about it
    /// (e.g. `criterion-firearm-explanation`).
    fn key(self, suffix: &str) -> String {
        let variant: &'static str = self.into();
        match suffix {
            "" => format!("{}-{variant}", Self::PREFIX),
            _ => format!("{}-{variant}-{suffix}", Self::PREFIX),
        }
    }

    /// The catalogue text under `key(suffix)`.
    fn text(self, lang: Lang, suffix: &str) -> &'static str {
        crate::catalogue::text(lang, &self.key(suffix))
    }
}

/// Makes a field-less enum a [`Vocabulary`] with catalogue prefix `$prefix`
/// and gives it its [`Label`].
macro_rules! vocabulary {
    ($ty:ty, $prefix:literal) => {
        impl $crate::lang::Vocabulary for $ty {
            const PREFIX: &'static str = $prefix;
        }

        impl $crate::lang::Label for $ty {
            fn label(&self, lang: $crate::lang::Lang) -> &'static str {
                $crate::lang::Vocabulary::text(*self, lang, "")
            }
        }
    };
}
pub(crate) use vocabulary;
