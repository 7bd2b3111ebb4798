//! Contact with the OM before art 9 Wpg information is shared: "vóór het
//! delen van informatie die valt onder 9 WPG [wordt] contact opgenomen met
//! het OM" (004 l.113). Since schema 3 the contact is its own event
//! (`EventKind::OmContacted`), and a sharing of art 9 information refers
//! to it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::actor::Actor;
use crate::case::CaseState;
use crate::refusal::Refusal;
use crate::text::{SharedSummary, ShortText};

/// Legacy: the OM contact carried inside a sharing record (schema 1 and 2).
/// Still read so older events fold; new records refer to an `OmContact`
/// event instead (`SharingRecord::om_contact_id`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OmContact {
    pub contacted_at: DateTime<Utc>,
    /// Who at the OM was consulted, e.g. "piket-OvJ mr. Test".
    pub om_officer: String,
}

/// The police's contact with the OM, when it happened: time, officer and
/// what the OM decided (may the information be shared, and what).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OmContactRecord {
    pub contact_id: Uuid,
    pub contacted_at: DateTime<Utc>,
    /// The officer of justice by name, e.g. "piket-OvJ mr. Test".
    pub officer: String,
    /// The OM's decision: may the art 9 Wpg information be shared.
    pub may_share: bool,
    /// What may be shared (or why not), in as few words as will do.
    pub decision: String,
}

impl OmContactRecord {
    /// "22:03 piket-OvJ mr. Test: Ja — wat": for the summary and the PDF.
    pub fn line(&self, lang: crate::lang::Lang) -> String {
        let yes_no = crate::catalogue::text(
            lang,
            if self.may_share {
                "motorkap-om_yes"
            } else {
                "motorkap-om_no"
            },
        );
        crate::catalogue::fill(
            lang,
            "summary-om_contact_line",
            &[
                ("at", &crate::local_time::local_time_text(self.contacted_at)),
                ("officer", &self.officer),
                ("decision", &yes_no),
                ("what", &self.decision),
            ],
        )
    }

    /// The officer is named and the decision written down; the contact does
    /// not lie after the moment it is recorded.
    pub fn validate(&self, at: DateTime<Utc>) -> Result<(), Refusal> {
        ShortText::check(&self.officer, true).map_err(|e| Refusal::of_text("om_contact.om_officer", e))?;
        SharedSummary::check(&self.decision, true).map_err(|e| Refusal::of_text("om_contact.decision", e))?;
        if self.contacted_at > at {
            return Err(Refusal::DateInFuture {
                field: "om_contact.contacted_at",
            });
        }
        Ok(())
    }
}

/// An OM contact in the case, with who recorded it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OmContactItem {
    pub contact: OmContactRecord,
    pub recorded_by: Actor,
    pub at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<DateTime<Utc>>,
}

impl CaseState {
    /// The OM contacts recorded in this case, in the order they folded.
    pub fn om_contacts(&self) -> &[OmContactItem] {
        &self.om_contacts
    }

    /// The OM contact with this id, if the case holds it.
    pub fn om_contact(&self, contact_id: Uuid) -> Option<&OmContactRecord> {
        self.om_contacts
            .iter()
            .map(|c| &c.contact)
            .find(|c| c.contact_id == contact_id)
    }
}
