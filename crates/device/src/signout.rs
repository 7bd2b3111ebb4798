//! Sign-out and revocation (issue 16 §2): the vault leaves the device.
//! Sign-out pushes what is unsent first and ends the session on the
//! server; a 401 saying the account was disabled or this device revoked
//! wipes the vault at that contact (`engine`).

use crate::engine::{self, Host};
use crate::field::{Field, FieldError};
use crate::platform;
use crate::store::Backend;
use crate::sync::{self, SyncError};

/// What a sign-out did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignOut {
    /// Logged out (or nothing left to end) and the vault is wiped.
    Done,
    /// Nothing wiped: `unsent` entries could not be sent. The user chooses
    /// to wait, or to sign out anyway and lose them.
    Unsent { unsent: usize },
}

impl Field {
    /// Removes the vault from this device: every sealed record, the sealed
    /// side records (sync mark, resume) and the unlock material; then
    /// forgets the key and the plaintext view; the app's own export folder
    /// goes too (`platform::forget_exports`). Works locked too.
    pub fn wipe(&mut self) -> Result<(), FieldError> {
        match self.vault.take() {
            Some(vault) => drop(vault.wipe()?),
            None => {
                platform::open_backend()?.wipe()?;
                platform::forget_device_secret()?;
            }
        }
        self.lock();
        platform::forget_exports()?;
        Ok(())
    }
}

/// Signs out: pushes the outbox first; when entries stay unsent and not
/// `lose_unsent`, stops and says how many. Else ends the session on the
/// server (offline: the token dies with its expiry, the vault holding it
/// is gone) and wipes the vault.
pub async fn sign_out<H: Host>(host: &mut H, lose_unsent: bool) -> Result<SignOut, FieldError> {
    if host.read(Field::unsent) > 0 {
        // A revoked device wipes on this contact as on any other.
        if let Err(SyncError::Revoked(_)) = engine::sync_once(host).await {
            host.write(Field::wipe)?;
            return Ok(SignOut::Done);
        }
        let unsent = host.read(Field::unsent);
        if unsent > 0 && !lose_unsent {
            return Ok(SignOut::Unsent { unsent });
        }
    }
    if let Some(session) = host.read(|f| f.session().cloned())
        && let Err(e) = sync::logout(&session.server, &session.token).await
    {
        tracing::info!(error = %e, "sign-out: the server was not told; the token expires by itself");
    }
    host.write(Field::wipe)?;
    Ok(SignOut::Done)
}
