//! The agreement for the whole case (step 4): the toolkit asks police and
//! Veilig Thuis to agree, besides each measure, "Wie van de partijen is
//! eerste aanspreekpunt voor het totaal aan veiligheidsmaatregelen" (004
//! l.302) and "Wie belt wie wanneer als er iets verandert in de mate van
//! onveiligheid" (004 l.303). Both are case-level registers
//! (`Assignment::CaseFirstContact`, `Assignment::CaseCallTree`), written only
//! when someone agrees them: no call rule is ever added by itself.

use serde::{Deserialize, Serialize};

use crate::actor::Organisation;
use crate::case::CaseState;
use crate::catalogue::text;
use crate::event::{Assignment, FieldKey};
use crate::lang::Lang;
use crate::measures::{CallRule, ContactPoint};

/// The case-level agreement as folded from events.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseAgreement {
    /// Eerste aanspreekpunt voor het totaal aan veiligheidsmaatregelen
    /// (004 l.302); a handover requirement (`HandoverBlocker::NoCaseFirstContact`).
    #[serde(default)]
    pub first_contact: Option<ContactPoint>,
    /// Wie belt wie wanneer (004 l.303), in both directions.
    #[serde(default)]
    pub call_tree: Vec<CallRule>,
}

impl CaseAgreement {
    /// Whether anything was agreed for the whole case.
    pub fn is_empty(&self) -> bool {
        self.first_contact.is_none() && self.call_tree.is_empty()
    }
}

/// The call rules the app offers as one-tap suggestions; each is written
/// only when someone on scene confirms it. Written in Dutch, the protocol's
/// language, whatever language the screen shows: the case is shared.
/// - Veilig Thuis → Politie "bij verandering in de mate van onveiligheid":
///   the toolkit's own sentence (004 l.303).
/// - Politie → Veilig Thuis "bij vrijlating van de verdachte of een nieuw
///   incident": before a suspect is released the unsafety is weighed again
///   (002 l.1095–1106); the seeds do not say who then calls VT. Chosen so VT
///   hears of it (protects the victim; juridische toets nodig).
pub fn suggested_call_rules() -> Vec<CallRule> {
    vec![
        CallRule {
            caller: Organisation::VeiligThuis,
            callee: Organisation::Police,
            when: text(Lang::Nl, "measures-when_the_level_of_unsafety").into(),
        },
        CallRule {
            caller: Organisation::Police,
            callee: Organisation::VeiligThuis,
            when: text(Lang::Nl, "agreement-when_suspect_released_or_new_incident").into(),
        },
    ]
}

impl CaseState {
    /// The agreement for the whole case: the current values of its two
    /// registers (a conflict shows the latest, as every register does).
    pub fn agreement(&self) -> CaseAgreement {
        let first_contact = match self.current(&FieldKey::CaseFirstContact) {
            Some(Assignment::CaseFirstContact { contact }) => contact.clone(),
            _ => None,
        };
        let call_tree = match self.current(&FieldKey::CaseCallTree) {
            Some(Assignment::CaseCallTree { rules }) => rules.clone(),
            _ => Vec::new(),
        };
        CaseAgreement {
            first_contact,
            call_tree,
        }
    }
}
