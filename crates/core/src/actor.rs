//! Who does what: organisations, roles and the author of an event.

use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

/// The partners of Samen op in acuut (toolkit 004, digest §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
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
    /// Jeugdreclassering (JR): supervises criminal measures for a minor
    /// suspect in place of 3RO (002 l.1214–1215, l.1258–1260).
    Jeugdreclassering,
    /// The opvang: "vrouwenopvang" in the seeds (000 l.411, l.610, l.642),
    /// also a blijf-huis. In an eergerelateerd-geweld case the victim's
    /// verblijfplaats may go only to the police and here (`crate::honour`).
    Opvang,
}

crate::lang::vocabulary!(Organisation, "organisation");

/// What a user may do in SamenOp. Organisation says where they work; role
/// says what they see (shift leads read the whole region, admins read logs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
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

    /// Whether an account of this role may belong to `organisation`: police
    /// and VT accounts to their own organisation, a shift lead or an
    /// administrator to one of the two organisations that go on scene
    /// together ("politie en Veilig Thuis", 004 l.27; the other partners
    /// advise by phone, 004 l.464–481). An account of another organisation
    /// would read case files the seeds keep from it (004 l.442: not what
    /// it does not need for its legal task).
    pub fn fits(self, organisation: Organisation) -> bool {
        match self {
            Self::Police => organisation == Organisation::Police,
            Self::VeiligThuis => organisation == Organisation::VeiligThuis,
            Self::ShiftLead | Self::Admin => crate::membership::on_scene(organisation),
        }
    }
}

crate::lang::vocabulary!(Role, "role");

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
