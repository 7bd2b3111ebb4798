//! Reading a folded case: its participants, late joins, each field's
//! current value and who wrote it, what a new value must supersede, and
//! the fields whose concurrent values someone must still decide between.

use chrono::{DateTime, Utc};

use super::register::Write;
use super::{CaseState, Conflict, ConflictValue, Participant};
use crate::actor::Actor;
use crate::event::{Assignment, EventId, EventKind, FieldKey};

impl CaseState {
    pub fn participants(&self) -> &[Participant] {
        &self.participants
    }

    /// Joins made with a reason ("break-glass"), oldest first: every
    /// participant sees who joined late, when and why.
    pub fn late_joins(&self) -> &[crate::membership::LateJoin] {
        &self.late_joins
    }

    /// The current value of a field.
    pub fn current(&self, key: &FieldKey) -> Option<&Assignment> {
        self.registers.get(key)?.current().map(|w| &w.value)
    }

    /// Who wrote the current value of a field, and when.
    pub fn current_author(&self, key: &FieldKey) -> Option<(&Actor, DateTime<Utc>)> {
        let w = self.registers.get(key)?.current()?;
        Some((&self.participants[w.author].actor, w.stamp.to_utc()))
    }

    /// When the server received the current value of a field, if known.
    pub fn current_received(&self, key: &FieldKey) -> Option<DateTime<Utc>> {
        self.registers.get(key)?.current()?.received_at
    }

    /// The event ids a new value for `key` must supersede: every value
    /// the device sees now. Writing with these resolves a conflict.
    pub fn heads(&self, key: &FieldKey) -> Vec<EventId> {
        let mut ids: Vec<EventId> = self
            .registers
            .get(key)
            .map(|r| r.heads().map(|w| w.event).collect())
            .unwrap_or_default();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The event kind that sets `assignment` on this case, superseding
    /// what is shown now.
    pub fn assign(&self, assignment: Assignment) -> EventKind {
        EventKind::Assigned {
            supersedes: self.heads(&assignment.key()),
            assignment,
        }
    }

    /// Fields with concurrent, different values.
    pub fn conflicts(&self) -> Vec<Conflict> {
        let mut out = Vec::new();
        for (key, register) in &self.registers {
            let mut heads: Vec<&Write> = register.heads().collect();
            heads.sort_by_key(|w| (w.stamp, w.event));
            // One person writing the same value again offline adds nothing to
            // decide: keep their latest write of each value.
            let mut seen = std::collections::HashSet::new();
            let mut latest_first: Vec<&Write> = heads
                .into_iter()
                .rev()
                .filter(|w| seen.insert((w.author, &w.value)))
                .collect();
            latest_first.reverse();
            let heads = latest_first;
            let distinct = heads.iter().any(|w| w.value != heads[0].value);
            if heads.len() > 1 && distinct {
                out.push(Conflict {
                    key: *key,
                    values: heads
                        .into_iter()
                        .map(|w| ConflictValue {
                            event_id: w.event,
                            value: w.value.clone(),
                            author: self.participants[w.author].actor.clone(),
                            at: w.stamp.to_utc(),
                        })
                        .collect(),
                });
            }
        }
        out
    }
}
