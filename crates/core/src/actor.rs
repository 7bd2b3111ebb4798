//! Who does what: organisations, roles and the author of an event.

use serde::{Deserialize, Serialize};

use crate::lang::{Label, Lang, pick};

/// The partners of Samen op in acuut (toolkit 004, digest §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Organisation {
    Police,
    VeiligThuis,
    /// Openbaar Ministerie.
    Om,
    /// Zittende magistratuur: rechter, rechter-commissaris.
    Judiciary,
    Mayor,
    /// Raad voor de Kinderbescherming.
    Rvdk,
    /// Reclassering (3RO).
    Reclassering,
    /// Slachtofferhulp Nederland.
    Shn,
    /// Crisisdienst / Spoed Eisende Zorg (SEZ) / SWT.
    Crisisdienst,
    /// Gecertificeerde instelling (jeugdbescherming).
    Gi,
    /// Bewaken & Beveiligen.
    BewakenBeveiligen,
    /// Local care already involved, the family network, the opvang.
    LocalCare,
    Network,
}

impl Organisation {
    pub const ALL: [Organisation; 13] = [
        Self::Police,
        Self::VeiligThuis,
        Self::Om,
        Self::Judiciary,
        Self::Mayor,
        Self::Rvdk,
        Self::Reclassering,
        Self::Shn,
        Self::Crisisdienst,
        Self::Gi,
        Self::BewakenBeveiligen,
        Self::LocalCare,
        Self::Network,
    ];
}

impl Label for Organisation {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            Self::Police => pick(lang, "Politie", "Police"),
            Self::VeiligThuis => pick(lang, "Veilig Thuis", "Veilig Thuis"),
            Self::Om => pick(lang, "OM", "Public Prosecution (OM)"),
            Self::Judiciary => pick(lang, "Rechter (ZM)", "Court (ZM)"),
            Self::Mayor => pick(lang, "Burgemeester", "Mayor"),
            Self::Rvdk => pick(lang, "Raad voor de Kinderbescherming", "Child Protection Board (RvdK)"),
            Self::Reclassering => pick(lang, "Reclassering (3RO)", "Probation (3RO)"),
            Self::Shn => pick(lang, "Slachtofferhulp", "Victim Support (SHN)"),
            Self::Crisisdienst => pick(lang, "Crisisdienst", "Crisis service"),
            Self::Gi => pick(lang, "Gecertificeerde instelling", "Certified institution (GI)"),
            Self::BewakenBeveiligen => pick(lang, "Bewaken & Beveiligen", "Surveillance & Protection"),
            Self::LocalCare => pick(lang, "Lokale hulpverlening", "Local care"),
            Self::Network => pick(lang, "Netwerk", "Family network"),
        }
    }
}

/// What a user may do in SamenOp. Organisation says where they work; role
/// says what they see (shift leads read the whole region, admins read logs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Police,
    VeiligThuis,
    ShiftLead,
    Admin,
}

impl Role {
    /// Roles that record on scene and so may author case events.
    pub fn records_on_scene(self) -> bool {
        matches!(self, Self::Police | Self::VeiligThuis)
    }
}

impl Label for Role {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            Self::Police => pick(lang, "Politie", "Police"),
            Self::VeiligThuis => pick(lang, "Veilig Thuis", "Veilig Thuis"),
            Self::ShiftLead => pick(lang, "Teamleider / dienstleider", "Shift lead"),
            Self::Admin => pick(lang, "Beheerder", "Administrator"),
        }
    }
}

/// The author of an event, as the device knew them when it was written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// The account's stable id on the server (username).
    pub user_id: String,
    /// Name shown to colleagues ("Agent A. de Vries"): a professional, never a client.
    pub display_name: String,
    pub organisation: Organisation,
    pub role: Role,
}
