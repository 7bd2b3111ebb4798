//! Need-to-know membership: who may take part in a case (issue 13 part 1).
//!
//! A case is read and written only by its participants: the one who opened
//! it and those who joined it. Joining is for the organisations the
//! protocol puts on scene, while the case is in its acute phase; a later
//! join needs a written reason that every participant sees. The server
//! runs these rules on every push (with its own clock and configured
//! window) and on the list of cases a field user may join.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::actor::{Actor, Organisation};
use crate::case::CaseState;
use crate::catalogue::text;
use crate::event::EventKind;
use crate::lang::Lang;
use crate::refusal::Refusal;

/// How long after a case was opened a colleague may still join it without
/// a reason. "Samen op in acuut richt zich grofweg op de eerste 24 uur na
/// een melding" (002 l.2470): the default is 24 hours; the server's
/// `--join-window` changes it.
pub const DEFAULT_JOIN_WINDOW_HOURS: i64 = 24;

/// The server's join rule settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JoinPolicy {
    pub window: Duration,
}

impl Default for JoinPolicy {
    fn default() -> Self {
        Self {
            window: Duration::hours(DEFAULT_JOIN_WINDOW_HOURS),
        }
    }
}

/// Whether an organisation goes on scene in Samen op in acuut: "politie en
/// Veilig Thuis … gaan als het nodig is samen ter plaatse" (004 l.27,
/// l.95–96). The other partners advise by phone (004 l.464–481) and do not
/// join the case file (the sharing-and-access issue decides what they see).
pub fn on_scene(organisation: Organisation) -> bool {
    matches!(organisation, Organisation::Police | Organisation::VeiligThuis)
}

/// Why a join needs a written reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LateJoinCause {
    /// The join window after the case was opened has passed.
    WindowPassed,
    /// The case was declared "niet meer acuut" (004 l.307).
    NoLongerAcute,
}

impl LateJoinCause {
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            Self::WindowPassed => text(lang, "membership-window_passed"),
            Self::NoLongerAcute => text(lang, "membership-no_longer_acute"),
        }
    }
}

/// What joining a case takes, as the case stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JoinNeed {
    /// Already a participant: nothing to join.
    Member,
    /// May join without more.
    Open,
    /// May join with a written reason only ("break-glass").
    ReasonRequired(LateJoinCause),
}

/// A join made with a reason: who, when and why, shown to the participants
/// in the case and its summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LateJoin {
    pub actor: Actor,
    pub at: DateTime<Utc>,
    /// When the server received the join (`Event::received_at`).
    pub received_at: Option<DateTime<Utc>>,
    pub reason: String,
}

/// Whether an event of this kind may only come from a participant: every
/// kind but the two that make one (opening and joining).
pub fn needs_membership(kind: &EventKind) -> bool {
    !matches!(kind, EventKind::CaseOpened { .. } | EventKind::CaseJoined { .. })
}

/// The longest address hint shown in the list of cases to join.
pub const LIST_HINT_MAX: usize = 40;

/// The address hint as the list of joinable cases shows it: the street
/// without house number or anything after it, at most 40 characters. A
/// colleague called to the scene recognises it by street, time and how the
/// report came in; the number and the rest ("achterom", a floor) identify
/// a household and are shown only once they take part (minimisation, 000
/// l.353: "toereikend, ter zake dienend en niet bovenmatig").
pub fn list_address_hint(hint: &str) -> String {
    let street = hint
        .split(|c: char| c.is_ascii_digit() || c == ',')
        .next()
        .unwrap_or("");
    let street = street.trim().trim_end_matches(['-', '/', '(']).trim();
    street.chars().take(LIST_HINT_MAX).collect()
}

impl CaseState {
    /// Whether `user_id` takes part in this case.
    pub fn is_participant(&self, user_id: &str) -> bool {
        self.participants().iter().any(|p| p.actor.user_id == user_id)
    }

    /// What `actor` needs to join this case at `now`. A case in its acute
    /// phase (not declared "niet meer acuut", 004 l.307) within the window
    /// after it was opened is open to the organisations on scene; later,
    /// a reason is needed. Where the seeds are silent (how late is too
    /// late) the default protects the victim: the file stays with those
    /// who were there, and anyone later says why (juridische toets nodig).
    pub fn join_need(&self, actor: &Actor, now: DateTime<Utc>, policy: JoinPolicy) -> Result<JoinNeed, Refusal> {
        if !actor.role.records_on_scene() || !on_scene(actor.organisation) {
            return Err(Refusal::OrganisationNotOnScene);
        }
        if self.is_participant(&actor.user_id) {
            return Ok(JoinNeed::Member);
        }
        let Some(opening) = &self.opening else {
            // Not held here: the server answers for a case it does not know.
            return Ok(JoinNeed::Open);
        };
        if self.handover().declared_not_acute {
            return Ok(JoinNeed::ReasonRequired(LateJoinCause::NoLongerAcute));
        }
        if now > opening.opened_at + policy.window {
            return Ok(JoinNeed::ReasonRequired(LateJoinCause::WindowPassed));
        }
        Ok(JoinNeed::Open)
    }

    /// Whether `actor` may join with `reason` at `now`: the server's check
    /// on every pushed `CaseJoined`, with its own clock.
    pub fn check_join(
        &self,
        actor: &Actor,
        reason: Option<&str>,
        now: DateTime<Utc>,
        policy: JoinPolicy,
    ) -> Result<(), Refusal> {
        match self.join_need(actor, now, policy)? {
            JoinNeed::ReasonRequired(cause) if reason.is_none_or(|r| r.trim().is_empty()) => {
                Err(Refusal::JoinReasonRequired(cause))
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_hint_drops_the_house_number_and_what_follows() {
        assert_eq!(list_address_hint("Teststraat 12, achterom"), "Teststraat");
        assert_eq!(list_address_hint("Proefweg, 3e verdieping"), "Proefweg");
        assert_eq!(list_address_hint("  Voorbeeldlaan  "), "Voorbeeldlaan");
        assert_eq!(list_address_hint(&"a".repeat(100)).chars().count(), LIST_HINT_MAX);
    }
}
