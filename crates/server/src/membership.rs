//! The membership gate of a push (issue 13 parts 1–2): only participants
//! write in a case, a join keeps core's join rule with the server's clock
//! and window, and nobody supersedes a value they were never given. The
//! rules are core's (`samenop_core::membership`); this module holds what
//! only the server knows: the participants table and what each has pulled.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use samenop_core::membership::{JoinPolicy, needs_membership};
use samenop_core::wire::Account;
use samenop_core::{CaseId, CaseState, Event, EventKind, Refusal};

use crate::error::ApiError;
use crate::storage::membership::StoredRef;
use crate::storage::{self, Db};

/// How a push is judged in time.
#[derive(Debug, Clone, Copy)]
pub struct PushRules {
    pub join: JoinPolicy,
    /// The server's clock for the join window; `None` only for the demo
    /// seed, which the server writes itself as the devices would have
    /// over hours and days (with their pulls in between): it keeps the
    /// membership rule but not the join window or the seen check.
    pub now: Option<DateTime<Utc>>,
}

impl PushRules {
    pub fn at(join: JoinPolicy, now: DateTime<Utc>) -> Self {
        Self { join, now: Some(now) }
    }

    /// The demo seed's replay (see `now`).
    pub fn replay() -> Self {
        Self {
            join: JoinPolicy::default(),
            now: None,
        }
    }
}

/// What the server knows of the pusher's place in the cases of one push.
pub struct Gate {
    username: String,
    rules: PushRules,
    /// Per case: `Some(seen_seq)` for a participant, `None` for not one.
    standing: HashMap<CaseId, Option<i64>>,
    /// Cases stored before this push.
    stored: HashSet<CaseId>,
    /// The stored events this push supersedes.
    refs: HashMap<String, StoredRef>,
}

impl Gate {
    /// `standing`: per case of the push, how far the pusher has seen it
    /// (`None`: not a participant), read with the push's other facts
    /// (`storage::cases_facts`). `stored`: the push's cases already stored
    /// in the caller's region (another region's case is not in it, so it
    /// answers "unknown case" like one that does not exist).
    pub async fn load(
        db: &Db,
        account: &Account,
        events: &[Event],
        standing: HashMap<CaseId, Option<i64>>,
        stored: HashSet<CaseId>,
        rules: PushRules,
    ) -> Result<Self, ApiError> {
        let ids: Vec<String> = events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Assigned { supersedes, .. } => Some(supersedes),
                _ => None,
            })
            .flatten()
            .map(|id| id.to_string())
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let refs = storage::membership::event_refs(db, &ids).await?;
        Ok(Self {
            username: account.username.clone(),
            rules,
            standing,
            stored,
            refs,
        })
    }

    /// Whether `event` may enter `case` (folded before it) as far as
    /// membership goes; core's admission runs after.
    pub fn check(&self, event: &Event, case: &CaseState) -> Result<(), Refusal> {
        let seen = self.standing.get(&event.case_id).copied().flatten();
        if let EventKind::CaseJoined { reason } = &event.kind {
            return match self.rules.now {
                Some(now) => case.check_join(&event.author, reason.as_deref(), now, self.rules.join),
                None => Ok(()),
            };
        }
        if !needs_membership(&event.kind) {
            return Ok(());
        }
        let Some(seen) = seen else {
            // A case the server does not hold yet: the writer answers
            // "unknown case" (the device pushes its opening first).
            if !self.stored.contains(&event.case_id) {
                return Ok(());
            }
            return Err(Refusal::NotAParticipant);
        };
        if let (EventKind::Assigned { supersedes, .. }, Some(_)) = (&event.kind, self.rules.now) {
            let case_key = event.case_id.to_string();
            // An id the server does not hold supersedes nothing here (it may
            // be the device's own refused event); one it holds must be the
            // pusher's own or one they were given in a pull.
            let unseen = supersedes
                .iter()
                .filter_map(|id| self.refs.get(&id.to_string()))
                .any(|r| r.author != self.username && (r.case_id != case_key || r.seq > seen));
            if unseen {
                return Err(Refusal::SupersedesUnseen);
            }
        }
        Ok(())
    }

    /// After core admitted `event`: an opening of a case not stored before,
    /// or a join, makes the pusher a participant for the rest of the push.
    pub fn admitted(&mut self, event: &Event) {
        let grants = match event.kind {
            EventKind::CaseOpened { .. } => !self.stored.contains(&event.case_id),
            EventKind::CaseJoined { .. } => true,
            _ => false,
        };
        if grants {
            self.standing.entry(event.case_id).or_insert(None).get_or_insert(0);
        }
    }
}

/// The ids of the joins with a reason in a push, with their case.
pub fn late_join_ids(events: &[Event]) -> Vec<(samenop_core::EventId, CaseId)> {
    events
        .iter()
        .filter(|e| matches!(&e.kind, EventKind::CaseJoined { reason: Some(_) }))
        .map(|e| (e.id, e.case_id))
        .collect()
}

/// Audits each late join the push applied ("break-glass"): who joined
/// which case. The reason itself is in the event, which every participant
/// sees.
pub async fn audit_late_joins(
    state: &crate::state::AppState,
    account: &Account,
    late_joins: &[(samenop_core::EventId, CaseId)],
    results: &[samenop_core::wire::PushResult],
) -> Result<(), ApiError> {
    let entries: Vec<_> = late_joins
        .iter()
        .filter(|(id, _)| {
            results
                .iter()
                .any(|r| r.id == *id && r.outcome == samenop_core::wire::PushOutcome::Applied)
        })
        .map(|(_, case_id)| crate::storage::writer::AuditEntry::read(account, "late_join", case_id.to_string()))
        .collect();
    state.writer.audit(entries).await?;
    Ok(())
}
