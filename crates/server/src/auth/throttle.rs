//! Login throttling, in process: a per-IP and a global token bucket in
//! front of the login route, and a per-account progressive delay whose
//! attempt slot is taken atomically *before* the password is verified.
//!
//! Why in process and not `tower_governor`: the per-account slot must be
//! taken and counted under one lock with the delay check (a race between
//! "may I?" and "count it" let 45 of 60 parallel guesses through), and the
//! buckets are ~40 lines; one mutex-guarded module does both, without the
//! governor + dashmap + forwarded-header stack. The server is one process
//! (one writer), so in-process state is the whole truth; a restart forgets
//! it, which an attacker cannot cause.
//!
//! Why a delay and not a lock: a hard lock after five failures lets anyone
//! who knows an officer's username lock them out at the door. Here the
//! delay is per (account, IP) first — an attacker on one address slows
//! down only that pair — and account-wide only after many failures from
//! everywhere, and it never exceeds `max_delay`. Tokens already issued keep
//! working: a throttled account is not logged out.
//!
//! Unknown usernames are throttled exactly like real ones (keyed on the
//! name as typed), so the answers never tell whether an account exists.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sha2::{Digest, Sha256};

/// The limits; the defaults are what `serve` uses.
#[derive(Debug, Clone)]
pub struct LoginLimits {
    /// Failures in a row from one IP for one account before the delay starts.
    pub free_per_source: u32,
    /// Failures in a row for one account from anywhere before the delay starts.
    pub free_per_account: u32,
    /// The first delay; it doubles with every further failure …
    pub first_delay: Duration,
    /// … up to this.
    pub max_delay: Duration,
    /// Failures older than this are forgotten.
    pub forget_after: Duration,
    /// Login requests per IP: burst, then `ip_per_minute`.
    pub ip_burst: u32,
    pub ip_per_minute: u32,
    /// Login requests over all IPs: burst, then `global_per_minute`.
    pub global_burst: u32,
    pub global_per_minute: u32,
}

impl Default for LoginLimits {
    fn default() -> Self {
        Self {
            free_per_source: 5,
            free_per_account: 20,
            first_delay: Duration::from_secs(30),
            max_delay: Duration::from_secs(15 * 60),
            forget_after: Duration::from_secs(24 * 3600),
            // A police station behind one NAT address signs in a whole shift
            // at once: 30 at once, then one a second.
            ip_burst: 30,
            ip_per_minute: 60,
            // A verification takes ~20-50 ms on two hashing permits; 20 a
            // second keeps the queue short, so a normal login does not wait
            // behind a flood (measured: examples/login_probe.rs).
            global_burst: 40,
            global_per_minute: 1200,
        }
    }
}

impl LoginLimits {
    /// The wait after `failures` failures in a row, `free` of them free:
    /// 0 below `free`, then first_delay · 2^(failures − free), capped.
    pub fn delay(&self, failures: u32, free: u32) -> Duration {
        if failures < free {
            return Duration::ZERO;
        }
        let doublings = (failures - free).min(20);
        self.first_delay.saturating_mul(1 << doublings).min(self.max_delay)
    }
}

/// Why a login attempt may not go ahead now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Too many requests from this IP (`first`: the first refusal in a row).
    Ip { retry_after_secs: i64, first: bool },
    /// Too many login requests overall.
    Global { retry_after_secs: i64 },
    /// The account (from this IP, or from everywhere) must wait.
    Account { retry_after_secs: i64 },
}

impl Refused {
    pub fn retry_after_secs(&self) -> i64 {
        match *self {
            Self::Ip { retry_after_secs, .. }
            | Self::Global { retry_after_secs }
            | Self::Account { retry_after_secs } => retry_after_secs,
        }
    }
}

type NameKey = [u8; 32];

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last_ms: i64,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at_ms: i64,
    limited: bool,
}

#[derive(Default)]
struct Inner {
    per_source: HashMap<(NameKey, IpAddr), Failures>,
    per_account: HashMap<NameKey, Failures>,
    per_ip: HashMap<IpAddr, Bucket>,
    global: Option<Bucket>,
}

/// At most this many remembered keys per map; past it, stale ones go, and
/// if none is stale the attempt waits (fail closed, never unbounded memory).
const MAX_KEYS: usize = 100_000;

#[derive(Clone)]
pub struct LoginGuard {
    limits: Arc<LoginLimits>,
    inner: Arc<Mutex<Inner>>,
}

/// A taken attempt slot: already counted as a failure, so parallel attempts
/// see it. Settle it with `succeeded`, `refund` or `failed`.
#[must_use]
pub struct Slot {
    guard: LoginGuard,
    name: NameKey,
    ip: IpAddr,
}

fn name_key(username: &str) -> NameKey {
    Sha256::digest(username.as_bytes()).into()
}

fn ceil_secs(ms: i64) -> i64 {
    ((ms + 999) / 1000).max(1)
}

impl LoginGuard {
    pub fn new(limits: LoginLimits) -> Self {
        Self {
            limits: Arc::new(limits),
            inner: Arc::new(Mutex::new(Inner::default())),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves plain counters behind; use them.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The IP bucket, then the global bucket, then the account slot, all
    /// under one lock: either the attempt is counted or it is refused.
    pub fn take(&self, username: &str, ip: IpAddr, now_ms: i64) -> Result<Slot, Refused> {
        let l = &self.limits;
        let mut inner = self.lock();
        let ip_rate = f64::from(l.ip_per_minute) / 60_000.0;
        let global_rate = f64::from(l.global_per_minute) / 60_000.0;

        if inner.per_ip.len() >= MAX_KEYS {
            let burst = f64::from(l.ip_burst);
            inner
                .per_ip
                .retain(|_, b| b.tokens + (now_ms - b.at_ms) as f64 * ip_rate < burst);
        }
        let ip_full = inner.per_ip.len() >= MAX_KEYS;
        let bucket = inner.per_ip.entry(ip).or_insert(Bucket {
            tokens: f64::from(l.ip_burst),
            at_ms: now_ms,
            limited: false,
        });
        if let Err(wait) = spend(bucket, now_ms, ip_rate, l.ip_burst) {
            let first = !bucket.limited;
            bucket.limited = true;
            return Err(Refused::Ip {
                retry_after_secs: ceil_secs(wait),
                first,
            });
        }
        bucket.limited = false;
        if ip_full {
            return Err(Refused::Global { retry_after_secs: 60 });
        }
        let global = inner.global.get_or_insert(Bucket {
            tokens: f64::from(l.global_burst),
            at_ms: now_ms,
            limited: false,
        });
        if let Err(wait) = spend(global, now_ms, global_rate, l.global_burst) {
            return Err(Refused::Global {
                retry_after_secs: ceil_secs(wait),
            });
        }

        let name = name_key(username);
        let forget = l.forget_after.as_millis() as i64;
        let wait_for = |f: Option<&Failures>, free: u32| -> i64 {
            match f {
                Some(f) if now_ms - f.last_ms < forget => {
                    f.last_ms + l.delay(f.count, free).as_millis() as i64 - now_ms
                }
                _ => 0,
            }
        };
        let wait = wait_for(inner.per_source.get(&(name, ip)), l.free_per_source)
            .max(wait_for(inner.per_account.get(&name), l.free_per_account));
        if wait > 0 {
            return Err(Refused::Account {
                retry_after_secs: ceil_secs(wait),
            });
        }
        if inner.per_source.len() >= MAX_KEYS || inner.per_account.len() >= MAX_KEYS {
            inner.per_source.retain(|_, f| now_ms - f.last_ms < forget);
            inner.per_account.retain(|_, f| now_ms - f.last_ms < forget);
            if inner.per_source.len() >= MAX_KEYS || inner.per_account.len() >= MAX_KEYS {
                return Err(Refused::Global { retry_after_secs: 60 });
            }
        }
        let count = |f: &mut Failures| {
            if now_ms - f.last_ms >= forget {
                f.count = 0;
            }
            f.count += 1;
            f.last_ms = now_ms;
        };
        let fresh = Failures {
            count: 0,
            last_ms: now_ms,
        };
        count(inner.per_source.entry((name, ip)).or_insert(fresh));
        count(inner.per_account.entry(name).or_insert(fresh));
        Ok(Slot {
            guard: self.clone(),
            name,
            ip,
        })
    }
}

/// Refills `b` and takes one token, or says how many ms until one is there.
fn spend(b: &mut Bucket, now_ms: i64, per_ms: f64, burst: u32) -> Result<(), i64> {
    b.tokens = (b.tokens + (now_ms - b.at_ms).max(0) as f64 * per_ms).min(f64::from(burst));
    b.at_ms = now_ms;
    if b.tokens >= 1.0 {
        b.tokens -= 1.0;
        Ok(())
    } else {
        Err(((1.0 - b.tokens) / per_ms.max(f64::MIN_POSITIVE)).ceil() as i64)
    }
}

impl Slot {
    /// The password (and code) were right: the slate is clean again.
    pub fn succeeded(self) {
        let mut inner = self.guard.lock();
        inner.per_source.remove(&(self.name, self.ip));
        inner.per_account.remove(&self.name);
    }

    /// Neither success nor failure (the password was right, the code is
    /// still to come): the attempt does not count.
    pub fn refund(self) {
        let mut inner = self.guard.lock();
        if let Some(f) = inner.per_source.get_mut(&(self.name, self.ip)) {
            f.count = f.count.saturating_sub(1);
        }
        if let Some(f) = inner.per_account.get_mut(&self.name) {
            f.count = f.count.saturating_sub(1);
        }
    }

    /// A failure (already counted). True when this one started the delay,
    /// so the throttle is audited once, not on every refused attempt.
    pub fn failed(self) -> bool {
        let l = &self.guard.limits;
        let inner = self.guard.lock();
        let source = inner.per_source.get(&(self.name, self.ip)).map_or(0, |f| f.count);
        let account = inner.per_account.get(&self.name).map_or(0, |f| f.count);
        source == l.free_per_source || account == l.free_per_account
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IP: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

    #[test]
    fn the_delay_doubles_from_the_sixth_failure_and_is_capped() {
        let l = LoginLimits::default();
        assert_eq!(l.delay(4, 5), Duration::ZERO);
        assert_eq!(l.delay(5, 5), Duration::from_secs(30));
        assert_eq!(l.delay(6, 5), Duration::from_secs(60));
        assert_eq!(l.delay(9, 5), Duration::from_secs(480));
        assert_eq!(l.delay(10, 5), Duration::from_secs(900));
        assert_eq!(l.delay(u32::MAX, 5), Duration::from_secs(900));
    }

    #[test]
    fn a_sixth_slot_is_refused_until_the_delay_is_over() {
        let g = LoginGuard::new(LoginLimits::default());
        for _ in 0..5 {
            let _ = g.take("agent.a", IP, 0).unwrap().failed();
        }
        assert_eq!(
            g.take("agent.a", IP, 1000).err(),
            Some(Refused::Account { retry_after_secs: 29 })
        );
        g.take("agent.a", IP, 30_000).unwrap().succeeded();
        g.take("agent.a", IP, 30_001).unwrap().succeeded();
    }

    #[test]
    fn another_ip_is_not_slowed_by_one_attackers_failures() {
        let g = LoginGuard::new(LoginLimits::default());
        for _ in 0..6 {
            if let Ok(s) = g.take("agent.a", IP, 0) {
                let _ = s.failed();
            }
        }
        let other: IpAddr = "10.1.2.3".parse().unwrap();
        g.take("agent.a", other, 0).unwrap().succeeded();
    }

    #[test]
    fn the_ip_bucket_refuses_past_its_burst_and_says_when() {
        let g = LoginGuard::new(LoginLimits {
            ip_burst: 2,
            ip_per_minute: 60,
            ..LoginLimits::default()
        });
        g.take("a", IP, 0).unwrap().succeeded();
        g.take("b", IP, 0).unwrap().succeeded();
        assert_eq!(
            g.take("c", IP, 0).err(),
            Some(Refused::Ip {
                retry_after_secs: 1,
                first: true
            })
        );
        assert!(matches!(g.take("c", IP, 10), Err(Refused::Ip { first: false, .. })));
        g.take("c", IP, 1000).unwrap().succeeded();
    }
}
