//! What one account may send and fetch (issue 13 §5): events per push,
//! events per case, bytes per pull page, pushes per second, and how far
//! an event's time may lie from the server's clock. Stated defaults,
//! changeable per deployment in `Config::limits`.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use samenop_core::trusted_time::MAX_CLOCK_DRIFT_MS;

#[derive(Debug, Clone)]
pub struct Limits {
    /// How far an event may be dated after the server's clock, or before
    /// its case opened: 5 minutes. At most core's `MAX_CLOCK_DRIFT_MS`,
    /// the drift devices' clocks follow, so a device and the server agree
    /// on which times are believed (`Limits::clock_tolerance_ms` caps it).
    pub clock_tolerance: Duration,
    /// Most events in one push: 1,000 (a device sends 100 per request).
    pub max_push_events: usize,
    /// Most events one case holds: 10,000. A busy acute case holds a few
    /// hundred (the demo's busy case 2,000 measures the app at that
    /// size); ten thousand is far past any scene yet keeps a case small
    /// enough to fold on a phone.
    pub max_case_events: usize,
    /// Most bytes of events in one pull page: 4 MiB (at least one event is
    /// always sent, so a page always moves the cursor).
    pub max_pull_bytes: usize,
    /// Pushes one account may make in a burst: 120 ...
    pub push_burst: u32,
    /// ... refilled at this many per second: 5 (a device pushes at most
    /// every 300 ms while entries move, and only when it has some).
    pub push_per_second: f64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            clock_tolerance: Duration::from_millis(MAX_CLOCK_DRIFT_MS as u64),
            max_push_events: 1_000,
            max_case_events: 10_000,
            max_pull_bytes: 4 * 1024 * 1024,
            push_burst: 120,
            push_per_second: 5.0,
        }
    }
}

impl Limits {
    /// The tolerance in milliseconds, never more than devices follow.
    pub fn clock_tolerance_ms(&self) -> i64 {
        i64::try_from(self.clock_tolerance.as_millis())
            .unwrap_or(i64::MAX)
            .min(MAX_CLOCK_DRIFT_MS)
    }
}

/// A token bucket per account: `burst` tokens, refilled at `per_second`.
#[derive(Debug)]
pub struct RateLimiter {
    burst: f64,
    per_second: f64,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

/// Buckets kept before full ones are forgotten (a full bucket is the same
/// as no bucket).
const MAX_BUCKETS: usize = 10_000;

impl RateLimiter {
    pub fn new(burst: u32, per_second: f64) -> Self {
        Self {
            burst: f64::from(burst.max(1)),
            per_second: per_second.max(0.001),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `key`, or says how long until one is there.
    pub fn take(&self, key: &str, now: Instant) -> Result<(), Duration> {
        let mut buckets = self.buckets.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() > MAX_BUCKETS {
            let (burst, rate) = (self.burst, self.per_second);
            buckets.retain(|_, (tokens, at)| *tokens + now.duration_since(*at).as_secs_f64() * rate < burst);
        }
        let (tokens, at) = buckets.entry(key.to_string()).or_insert((self.burst, now));
        let refilled = (*tokens + now.duration_since(*at).as_secs_f64() * self.per_second).min(self.burst);
        *at = now;
        if refilled >= 1.0 {
            *tokens = refilled - 1.0;
            Ok(())
        } else {
            *tokens = refilled;
            Err(Duration::from_secs_f64((1.0 - refilled) / self.per_second))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_is_allowed_then_one_push_per_refill() {
        let limiter = RateLimiter::new(3, 1.0);
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(limiter.take("a", t0).is_ok());
        }
        let wait = limiter.take("a", t0).unwrap_err();
        assert!(wait <= Duration::from_secs(1) && wait > Duration::ZERO);
        assert!(limiter.take("b", t0).is_ok(), "another account has its own bucket");
        assert!(limiter.take("a", t0 + Duration::from_secs(1)).is_ok());
    }

    #[test]
    fn the_tolerance_never_exceeds_what_devices_follow() {
        let limits = Limits {
            clock_tolerance: Duration::from_secs(3600),
            ..Limits::default()
        };
        assert_eq!(limits.clock_tolerance_ms(), MAX_CLOCK_DRIFT_MS);
    }
}
