//! Hybrid logical clock. Phones' wall clocks drift and jump; an HLC stamp
//! stays close to wall time yet never goes backwards on a device and is
//! always later than every stamp the device has seen from others, so "the
//! later write" is well defined across devices.

use serde::{Deserialize, Serialize};

/// A stamp: milliseconds since the Unix epoch plus a counter for events in
/// the same millisecond. Ordered by `(wall_ms, counter)`; ties between
/// devices are broken by event id where it matters (see `case::fold`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hlc {
    pub wall_ms: i64,
    pub counter: u32,
}

impl Hlc {
    pub const fn new(wall_ms: i64, counter: u32) -> Self {
        Self { wall_ms, counter }
    }

    /// The stamp as a UTC time (the counter is dropped).
    pub fn to_utc(self) -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::from_timestamp_millis(self.wall_ms).unwrap_or_default()
    }
}

/// The clock of one device. Pure: the caller passes the physical time, so
/// the core stays free of IO and tests can drive time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HlcClock {
    last: Hlc,
}

impl HlcClock {
    /// Resumes a clock from the latest stamp the device has stored.
    pub fn resume(last: Hlc) -> Self {
        Self { last }
    }

    pub fn last(&self) -> Hlc {
        self.last
    }

    /// A stamp for a new local event at physical time `now_ms`.
    pub fn tick(&mut self, now_ms: i64) -> Hlc {
        self.last = if now_ms > self.last.wall_ms {
            Hlc::new(now_ms, 0)
        } else {
            Hlc::new(self.last.wall_ms, self.last.counter.saturating_add(1))
        };
        self.last
    }

    /// Takes in a stamp seen from another device, so the next local stamp
    /// orders after it. A stamp more than `MAX_CLOCK_DRIFT_MS` past the
    /// physical time `now_ms` is not followed (the rule CockroachDB's HLC
    /// uses): a device dated 2100, or a forged event, would otherwise stamp
    /// every later event of this device 2100 too, even after unlock.
    pub fn observe(&mut self, seen: Hlc, now_ms: i64) {
        if seen.wall_ms > now_ms.saturating_add(crate::trusted_time::MAX_CLOCK_DRIFT_MS) {
            return;
        }
        if seen > self.last {
            self.last = seen;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_follows_wall_time_when_it_moves_forward() {
        let mut clock = HlcClock::default();
        assert_eq!(clock.tick(1_000), Hlc::new(1_000, 0));
        assert_eq!(clock.tick(2_000), Hlc::new(2_000, 0));
    }

    #[test]
    fn tick_never_goes_backwards_when_the_wall_clock_jumps_back() {
        let mut clock = HlcClock::default();
        let a = clock.tick(5_000);
        let b = clock.tick(4_000);
        let c = clock.tick(5_000);
        assert!(a < b && b < c);
    }

    #[test]
    fn observed_remote_stamp_orders_the_next_local_event_after_it() {
        let mut clock = HlcClock::default();
        clock.tick(1_000);
        let remote = Hlc::new(9_000, 3);
        clock.observe(remote, 1_500);
        let next = clock.tick(1_500);
        assert!(next > remote);
    }

    #[test]
    fn device_clock_not_dragged_by_future_event() {
        let now = 1_800_000_000_000; // 2027
        let mut clock = HlcClock::default();
        clock.tick(now);
        clock.observe(Hlc::new(4_102_444_800_000, 0), now); // 2100-01-01
        let next = clock.tick(now + 1_000);
        assert_eq!(next, Hlc::new(now + 1_000, 0));
    }

    #[test]
    fn a_remote_stamp_within_the_drift_is_still_followed() {
        let now = 1_800_000_000_000;
        let mut clock = HlcClock::default();
        let remote = Hlc::new(now + 60_000, 0);
        clock.observe(remote, now);
        assert!(clock.tick(now) > remote);
    }
}
