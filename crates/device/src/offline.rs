//! The no-sync limit (issue 16 §2, CommCare's rule): a vault that has not
//! synced for `max_offline_hours` does not show its cases until the user
//! signs in again online; its unsent events stay sealed and are sent first.
//!
//! When the device last synced, and the limit the server set, are one
//! small sealed record (`Vault::put_sealed`), overwritten after every
//! successful round. Rolling it back to an older copy only makes the vault
//! more overdue; deleting it falls back to the time of the sign-in (the
//! session's expiry less a shift), so it cannot buy more than one shift.
//! Setting the phone's clock back does delay the limit: only the server's
//! clock could tell, and the phone is offline by definition here.

use samenop_core::wire::{DEFAULT_MAX_OFFLINE_HOURS, SessionResponse};
use serde::{Deserialize, Serialize};

use crate::field::{Field, FieldError};
use crate::platform;
use crate::store::{Record, Session};

/// The name of the sealed record.
const SEALED_SYNC: &str = "last_sync";

/// How long a session lives at most (the server's default `session_ttl`):
/// without a sealed sync record, the sign-in is taken to be this long
/// before the session's expiry.
const SESSION_HOURS: i64 = 12;

/// Whether the vault must refuse to open: `limit_hours` or more have
/// passed since the last successful sync. A clock before the last sync
/// (set back, or a sync "from the future") is not overdue: nothing tells
/// which clock is wrong.
pub fn sync_overdue(last_sync_ms: i64, now_ms: i64, limit_hours: u32) -> bool {
    now_ms.saturating_sub(last_sync_ms) >= i64::from(limit_hours) * 3_600_000
}

/// The sealed record: when the device last synced, and the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncMark {
    pub at_ms: i64,
    pub max_offline_hours: u32,
    /// The server's `device_keep_hours` (absent in marks of before: 0).
    #[serde(default)]
    pub device_keep_hours: u32,
}

/// Why a sign-in again was refused.
#[derive(Debug, thiserror::Error)]
pub enum RenewError {
    #[error(transparent)]
    Field(#[from] FieldError),
    /// Another account signed in: the vault holds `unsent` entries of the
    /// previous user that would be lost.
    #[error("another user; {unsent} unsent entries of the previous user")]
    OtherUser { unsent: usize },
}

impl Field {
    /// The sealed sync record, if any (none before the first sync).
    pub fn sync_mark(&self) -> Option<SyncMark> {
        let raw = self.vault.as_ref()?.get_sealed(SEALED_SYNC).ok()??;
        serde_json::from_slice(&raw).ok()
    }

    /// Notes a successful sync at `now_ms`, with the server's limit and
    /// keep period when it sent them (else the ones kept, else the
    /// defaults).
    pub fn note_synced(&mut self, now_ms: i64, limit: Option<u32>, keep_hours: Option<u32>) -> Result<(), FieldError> {
        let kept = self.sync_mark();
        let max_offline_hours = limit
            .or_else(|| kept.map(|m| m.max_offline_hours))
            .unwrap_or(DEFAULT_MAX_OFFLINE_HOURS);
        let device_keep_hours = keep_hours.or_else(|| kept.map(|m| m.device_keep_hours)).unwrap_or(0);
        let mark = SyncMark {
            at_ms: now_ms,
            max_offline_hours,
            device_keep_hours,
        };
        let plain = serde_json::to_vec(&mark).map_err(|e| crate::store::StoreError::Backend(e.to_string()))?;
        self.vault
            .as_mut()
            .ok_or(FieldError::Locked)?
            .put_sealed(SEALED_SYNC, &plain)?;
        Ok(())
    }

    /// Whether the vault is past its no-sync limit now (device clock).
    /// Not unlocked or not signed in: nothing to refuse here.
    pub fn sync_overdue(&self) -> bool {
        self.sync_overdue_at(platform::now_ms())
    }

    /// `sync_overdue` at `now_ms`.
    pub fn sync_overdue_at(&self, now_ms: i64) -> bool {
        let Some(session) = self.session() else {
            return false;
        };
        let (last, limit) = match self.sync_mark() {
            Some(m) => (m.at_ms, m.max_offline_hours),
            None => (
                session.expires_at.timestamp_millis() - SESSION_HOURS * 3_600_000,
                DEFAULT_MAX_OFFLINE_HOURS,
            ),
        };
        sync_overdue(last, now_ms, limit)
    }

    /// Entries written on this device and not yet accepted by the server.
    pub fn unsent(&self) -> usize {
        self.local.outbox.len()
    }

    /// A new online sign-in on an unlocked vault ("Opnieuw aanmelden"):
    /// the same user gets the new token sealed, and keeps every unsent
    /// entry (the caller pushes them next). Another user is refused while
    /// the previous user's entries are unsent, unless `lose_unsent`; then
    /// the caller wipes the vault and starts a new one for the new user.
    /// The sync engine stays idle while the vault is overdue
    /// (`engine::sync_once`): only this sign-in lifts the limit.
    /// Returns whether it was the same user.
    pub fn renew_session(
        &mut self,
        server: &str,
        response: &SessionResponse,
        lose_unsent: bool,
    ) -> Result<bool, RenewError> {
        let current = self.session().cloned().ok_or(FieldError::NoSession)?;
        if current.account.username != response.account.username {
            let unsent = self.unsent();
            if unsent > 0 && !lose_unsent {
                return Err(RenewError::OtherUser { unsent });
            }
            return Ok(false);
        }
        let record = Record::Session(Session {
            server: server.to_string(),
            token: response.token.clone(),
            expires_at: response.expires_at,
            account: response.account.clone(),
            device_id: current.device_id,
        });
        self.vault
            .as_mut()
            .ok_or(FieldError::Locked)?
            .append(std::slice::from_ref(&record))
            .map_err(FieldError::from)?;
        self.local.apply(&record);
        // Signed in online: the limit starts again. The caller pushes the
        // unsent entries before it opens the cases.
        self.note_synced(platform::now_ms(), Some(response.max_offline_hours), None)?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 3_600_000;

    #[test]
    fn seventy_one_hours_without_sync_still_opens() {
        assert!(!sync_overdue(0, 71 * HOUR, 72));
    }

    #[test]
    fn seventy_two_hours_without_sync_refuses() {
        assert!(sync_overdue(0, 72 * HOUR, 72));
        assert!(sync_overdue(0, 400 * HOUR, 72));
    }

    #[test]
    fn the_limit_is_the_servers() {
        assert!(sync_overdue(0, 25 * HOUR, 24));
        assert!(!sync_overdue(0, 25 * HOUR, 48));
    }

    #[test]
    fn a_clock_before_the_last_sync_is_not_overdue() {
        assert!(!sync_overdue(100 * HOUR, 0, 72));
        assert!(!sync_overdue(i64::MAX, i64::MIN, 72));
        assert!(sync_overdue(i64::MIN, i64::MAX, 72));
    }
}
