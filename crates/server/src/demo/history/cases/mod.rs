//! The ten invented cases of the history, one function each, in the
//! order of their fixed ids (`SCRIPTS[n]` writes case `n`).

mod children;
mod elder;
mod honour;
mod partner;

use samenop_core::wire::Account;

use super::CASES;
use super::script::Script;
use children::{child_abuse_overdue_reassessment, child_abuse_supervision_order, child_to_parent_police_only};
use elder::elder_abuse_shelter;
use honour::honour_based_violence_surveillance;
use partner::{
    firearm_custody_and_withdrawn_conditions, partner_violence_arrest_and_huisverbod,
    partner_violence_arrest_awaiting_ovj, partner_violence_running_huisverbod, stalking_order_police_only,
};

/// Writes history case `n` as the demo police officer and VT worker.
pub type CaseScript = for<'a> fn(u8, &'a Account, &'a Account) -> Script<'a>;

pub const SCRIPTS: [CaseScript; CASES as usize] = [
    partner_violence_arrest_and_huisverbod,
    child_abuse_overdue_reassessment,
    stalking_order_police_only,
    elder_abuse_shelter,
    firearm_custody_and_withdrawn_conditions,
    child_to_parent_police_only,
    honour_based_violence_surveillance,
    partner_violence_running_huisverbod,
    child_abuse_supervision_order,
    partner_violence_arrest_awaiting_ovj,
];
