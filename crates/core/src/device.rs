//! One person on one device writing events: their actor, the device id and
//! its hybrid logical clock. The app keeps one per signed-in user; tests
//! use it to play several responders.

use crate::actor::Actor;
use crate::event::{CaseId, DeviceId, Event, EventId, EventKind};
use crate::hlc::{Hlc, HlcClock};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    pub actor: Actor,
    pub device_id: DeviceId,
    clock: HlcClock,
}

impl Device {
    pub fn new(actor: Actor, device_id: DeviceId) -> Self {
        Self {
            actor,
            device_id,
            clock: HlcClock::default(),
        }
    }

    /// Resumes a device whose latest stamp is `last` (from its store).
    pub fn resume(actor: Actor, device_id: DeviceId, last: Hlc) -> Self {
        Self {
            actor,
            device_id,
            clock: HlcClock::resume(last),
        }
    }

    pub fn last_stamp(&self) -> Hlc {
        self.clock.last()
    }

    /// Makes an event at physical time `now_ms`, with an id from `random`.
    /// Pure: the caller supplies time and randomness.
    pub fn write_at(&mut self, case_id: CaseId, kind: EventKind, now_ms: i64, random: [u8; 10]) -> Event {
        let stamp = self.clock.tick(now_ms);
        let id_ms = u64::try_from(stamp.wall_ms).unwrap_or(0);
        self.authored(EventId::from_parts(id_ms, random), case_id, stamp, kind)
    }

    /// Makes an event now, from the system clock and RNG.
    pub fn write(&mut self, case_id: CaseId, kind: EventKind) -> Event {
        let stamp = self.clock.tick(chrono::Utc::now().timestamp_millis());
        self.authored(EventId::generate(), case_id, stamp, kind)
    }

    /// An event by this device's person from this device, in the current
    /// schema; the server alone sets `received_at`.
    fn authored(&self, id: EventId, case_id: CaseId, stamp: Hlc, kind: EventKind) -> Event {
        Event {
            schema: crate::event::Schema::CURRENT,
            id,
            case_id,
            author: self.actor.clone(),
            device_id: self.device_id,
            stamp,
            kind,
            received_at: None,
        }
    }

    /// Takes in events seen from others, so this device's next event
    /// orders after them; `now_ms` is the physical time, past which (plus
    /// the allowed drift) no stamp is followed (`HlcClock::observe`).
    pub fn observe<'a>(&mut self, events: impl IntoIterator<Item = &'a Event>, now_ms: i64) {
        for e in events {
            self.clock.observe(e.stamp, now_ms);
        }
    }
}
