//! The three-valued answer used throughout the protocol: ja / nee / onbekend.

use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

/// `Unknown` is the default: an unanswered question is an open question,
/// and it never makes a case look safer than "yes" would.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Answer {
    Yes,
    No,
    #[default]
    Unknown,
}

impl Answer {
    pub fn is_yes(self) -> bool {
        self == Self::Yes
    }
}

crate::lang::vocabulary!(Answer, "answer");
