//! One field of a case: every value written to it, which of them were
//! replaced, and the values nobody replaced yet (its heads). A conflict is
//! a field with more than one head; the value shown is the latest head.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use crate::event::Assignment;
use crate::{EventId, Hlc};

/// One written value of a register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Write {
    pub(super) event: EventId,
    pub(super) stamp: Hlc,
    pub(super) received_at: Option<DateTime<Utc>>,
    pub(super) author: usize,
    pub(super) value: Assignment,
    /// The event's schema: rules added later read older writes as they
    /// were meant (`answers::is_protective_in`).
    pub(super) schema: crate::event::Schema,
    /// The values this write replaced (its `supersedes` less what held
    /// against it): what the field's history reads (`trace`).
    pub(super) replaced: Vec<EventId>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Register {
    pub(super) writes: Vec<Write>,
    pub(super) superseded: HashSet<EventId>,
    /// Positions in `writes` of the values nobody has replaced yet, in
    /// `writes` order: kept as writes come in, so reading a field costs
    /// its heads (one or two), not every value it ever had. Folding a
    /// busy case read every write of a field for each event: quadratic
    /// (10,000 events of one case took 85 ms, 2.9 ms before the
    /// registers grew long; core bench).
    pub(super) heads: Vec<usize>,
}

impl Register {
    /// The values nobody has replaced yet. A set property of the events,
    /// so it does not depend on the order they arrived in.
    pub(super) fn heads(&self) -> impl Iterator<Item = &Write> {
        self.heads.iter().map(|&i| &self.writes[i])
    }

    /// The value shown: the latest head.
    pub(super) fn current(&self) -> Option<&Write> {
        self.heads().max_by_key(|w| (w.stamp, w.event))
    }

    /// The writes of event `id` (nearly always one), in write order. The
    /// writes of one event are all heads or all replaced (`push` adds and
    /// drops heads by event), so: among the heads when one of them is
    /// `id`'s; searched for among all writes only when `id` was replaced
    /// (two edits replaced the same value); none when `id` is neither (not
    /// seen yet). The search over all writes was a fifth of folding a busy
    /// case (core bench: each edit names the value it replaced); an index
    /// by event cost every folded case memory (region_year).
    pub(super) fn writes_of(&self, id: EventId) -> impl Iterator<Item = &Write> {
        let among_heads = self.heads().any(|w| w.event == id);
        let replaced: &[Write] = if !among_heads && self.superseded.contains(&id) {
            &self.writes
        } else {
            &[]
        };
        self.heads()
            .filter(move |w| among_heads && w.event == id)
            .chain(replaced.iter().filter(move |w| w.event == id))
    }

    /// Adds a write: the values it replaced leave the heads; it is a head
    /// unless something already replaced it.
    pub(super) fn push(&mut self, write: Write) {
        for id in &write.replaced {
            if self.superseded.insert(*id) {
                let writes = &self.writes;
                self.heads.retain(|&i| writes[i].event != *id);
            }
        }
        let at = self.writes.len();
        if !self.superseded.contains(&write.event) {
            self.heads.push(at);
        }
        self.writes.push(write);
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{Register, Write};
    use crate::event::Assignment;
    use crate::{Answer, EventId, Hlc};

    fn write(n: u128, replaced: Vec<u128>) -> Write {
        Write {
            event: EventId(uuid::Uuid::from_u128(n)),
            stamp: Hlc::new(n as i64, 0),
            received_at: None,
            author: 0,
            value: Assignment::ChildrenPresent { answer: Answer::Yes },
            schema: crate::event::Schema::CURRENT,
            replaced: replaced
                .into_iter()
                .map(|r| EventId(uuid::Uuid::from_u128(r)))
                .collect(),
        }
    }

    /// A field edited many times, each edit replacing the last, keeps one
    /// head: reading it no longer walks every value it ever had (the fold
    /// of a busy case was quadratic; figures in the core bench).
    #[test]
    fn a_field_written_many_times_keeps_one_head() {
        let mut r = Register::default();
        for n in 1..=1_000u128 {
            r.push(write(n, if n > 1 { vec![n - 1] } else { vec![] }));
        }
        assert_eq!(r.heads.len(), 1);
        assert_eq!(
            r.current().map(|w| w.event),
            Some(EventId(uuid::Uuid::from_u128(1_000)))
        );
        assert_eq!(r.writes_of(EventId(uuid::Uuid::from_u128(500))).count(), 1);
        assert_eq!(r.writes_of(EventId(uuid::Uuid::from_u128(3))).count(), 1);
        assert_eq!(r.writes_of(EventId(uuid::Uuid::from_u128(1_001))).count(), 0);
    }

    proptest! {
        /// The kept heads are exactly the writes nobody replaced, in write
        /// order, whatever replaces what (a later write, an earlier one,
        /// one not yet seen, itself, the same one twice).
        #[test]
        fn the_kept_heads_are_the_writes_nobody_replaced(
            plan in prop::collection::vec((0u128..40, prop::collection::vec(0u128..40, 0..4)), 0..60)
        ) {
            let mut r = Register::default();
            for (n, replaced) in plan {
                r.push(write(n, replaced));
            }
            let kept: Vec<EventId> = r.heads().map(|w| w.event).collect();
            let defined: Vec<EventId> = r
                .writes
                .iter()
                .filter(|w| !r.superseded.contains(&w.event))
                .map(|w| w.event)
                .collect();
            prop_assert_eq!(kept, defined);
            // The writes of each event, as found by the search.
            for n in 0u128..40 {
                let id = EventId(uuid::Uuid::from_u128(n));
                let found: Vec<usize> = r.writes_of(id).map(|w| w as *const Write as usize).collect();
                let all: Vec<usize> = r.writes.iter().filter(|w| w.event == id).map(|w| w as *const Write as usize).collect();
                prop_assert_eq!(found, all);
            }
        }
    }
}
