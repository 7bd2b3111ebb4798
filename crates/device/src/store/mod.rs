//! The on-device store: an append-only log of sealed records. An event and
//! its outbox entry are one record, written and made durable before the
//! screen changes, so killing the app at any moment loses nothing shown as
//! saved. The backend only ever sees ciphertext (see `crypto`).

pub mod attempts;
pub mod crypto;
mod head;
pub mod keys;
mod log;
mod quick;
mod wrap;

use std::collections::BTreeMap;

use samenop_core::catalogue::text;
use samenop_core::wire::{Account, PushOutcome, RefusalWords, RejectCode};
use samenop_core::{CaseId, DeviceId, Event, EventId, Lang};
use serde::{Deserialize, Serialize};

pub use crypto::{KdfParams, SALT_LEN, VaultKey};
pub use keys::{DeviceSecret, KeyStore, MemoryKeyStore};
pub use log::Vault;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}", text(Lang::En, "error-wrong_pin"))]
    WrongPin { left: u32 },
    /// Wrong PINs in a row: the next try is allowed in `seconds`.
    #[error("wait {seconds} s before the next try")]
    Wait { seconds: i64 },
    /// The tenth wrong PIN in a row: the vault is gone.
    #[error("{}", text(Lang::En, "error-vault_wiped"))]
    Wiped,
    /// The vault's device secret is not in this device's key store: a
    /// copied vault, or the key store lost it (e.g. after a reboot with
    /// the Linux session keyring).
    #[error("{}", text(Lang::En, "error-vault_other_device"))]
    OtherDevice,
    /// Records were removed from the log (its sealed head does not match).
    #[error("{}", text(Lang::En, "error-vault_truncated"))]
    Truncated,
    #[error("a record could not be opened: wrong key or tampered")]
    WrongKeyOrTampered,
    #[error("the store is damaged")]
    Corrupt,
    #[error("encryption failed")]
    Crypto,
    /// The phone's screen lock (WebAuthn platform authenticator) gave no
    /// secret: declined, not verified, or its credential is gone.
    #[error("{}: {reason}", text(Lang::En, "error-vault_authenticator"), reason = .0)]
    Authenticator(String),
    #[error("no vault on this device yet")]
    NoVault,
    #[error("storage: {0}")]
    Backend(String),
}

impl StoreError {
    /// What the person reads, in their language only (issue 17 §6).
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Self::WrongPin { left } => samenop_core::catalogue::fill(lang, "error-wrong_pin_left", &[("left", left)]),
            Self::Wait { seconds } => samenop_core::catalogue::fill(lang, "error-pin_wait", &[("seconds", seconds)]),
            Self::Wiped => text(lang, "error-vault_wiped").into(),
            Self::OtherDevice => text(lang, "error-vault_other_device").into(),
            Self::Truncated => text(lang, "error-vault_truncated").into(),
            Self::Authenticator(_) => text(lang, "error-vault_authenticator").into(),
            _ => text(lang, "error-store").into(),
        }
    }
}

/// Where sealed bytes live: a SQLite file on native platforms, browser
/// storage on the web. It stores opaque blobs and never sees plaintext.
pub trait Backend {
    /// Small unsealed values needed to unlock: the salt, KDF parameters and
    /// a sealed verifier. Nothing personal.
    fn meta(&self, name: &str) -> Result<Option<Vec<u8>>, StoreError>;
    fn set_meta(&mut self, name: &str, value: &[u8]) -> Result<(), StoreError>;
    /// Appends records at `first_seq..`, all or nothing, durable on return.
    fn append(&mut self, first_seq: u64, sealed: &[Vec<u8>]) -> Result<(), StoreError>;
    /// Every record, in sequence order.
    fn read_all(&self) -> Result<Vec<(u64, Vec<u8>)>, StoreError>;
    /// Removes everything (sign out and wipe).
    fn wipe(&mut self) -> Result<(), StoreError>;
    /// Overwrites the records at the given seqs, all or nothing (a purged
    /// case's records are sealed again as `Record::Erased`).
    fn replace(&mut self, sealed: &[(u64, Vec<u8>)]) -> Result<(), StoreError>;
}

/// What the device remembers about its sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub server: String,
    pub token: String,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub account: Account,
    pub device_id: DeviceId,
}

/// One sealed record of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "record", rename_all = "snake_case")]
pub enum Record {
    Session(Session),
    /// An event; `pending` means it is in the outbox, waiting for the server.
    /// Boxed: an event is far larger than the other records.
    Event {
        event: Box<Event>,
        pending: bool,
    },
    /// The server's answer to a pushed event.
    Outcome {
        id: EventId,
        outcome: PushOutcome,
    },
    /// Where the next pull starts.
    Cursor {
        cursor: String,
    },
    SignedOut,
    /// When the server received an event this device already holds (its
    /// own, pulled back): the time the server vouches for (issue 13 §3).
    Received {
        id: EventId,
        at: chrono::DateTime<chrono::Utc>,
    },
    /// The case is dropped from this device: handed over and sent, or
    /// deleted by the server after the retention period (issue 14 §4).
    /// Its earlier records are overwritten with `Erased`; later events of
    /// it (a colleague's correction) are not kept.
    Purged {
        case_id: CaseId,
    },
    /// What is left where a purged case's record was.
    Erased,
}

/// An event the server refused, kept visible with its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotSent {
    pub event: Event,
    pub code: RejectCode,
    /// The server's own words (English, for support).
    pub reason: String,
    /// Core's refusal in people's words, when the server sent them.
    pub words: Option<RefusalWords>,
}

impl NotSent {
    /// Why it was refused, in the user's language: core's words, else the
    /// catalogue's text for the code; never the server's English line.
    pub fn text(&self, lang: samenop_core::Lang) -> String {
        PushOutcome::refusal_text(self.code, self.words.as_ref(), lang)
    }
}

/// The device's view, rebuilt from the log at unlock and kept in step.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Local {
    pub session: Option<Session>,
    pub events: BTreeMap<CaseId, Vec<Event>>,
    /// Own events not yet accepted by the server, in write order.
    pub outbox: Vec<EventId>,
    pub not_sent: Vec<NotSent>,
    pub cursor: Option<String>,
    known: std::collections::HashSet<EventId>,
    /// Cases dropped from this device (`Record::Purged`).
    pub purged: std::collections::HashSet<CaseId>,
}

impl Local {
    pub fn apply(&mut self, record: &Record) {
        match record {
            Record::Session(s) => self.session = Some(s.clone()),
            Record::SignedOut => self.session = None,
            Record::Event { event, pending } => {
                if !self.purged.contains(&event.case_id) && self.known.insert(event.id) {
                    self.events.entry(event.case_id).or_default().push((**event).clone());
                    if *pending {
                        self.outbox.push(event.id);
                    }
                }
            }
            Record::Outcome { id, outcome } => {
                self.outbox.retain(|o| o != id);
                if let PushOutcome::Rejected { code, reason, words } = outcome
                    && let Some(event) = self.find(id)
                {
                    self.not_sent.push(NotSent {
                        event: event.clone(),
                        code: *code,
                        reason: reason.clone(),
                        words: words.clone(),
                    });
                }
            }
            Record::Cursor { cursor } => self.cursor = Some(cursor.clone()),
            Record::Purged { case_id } => {
                self.purged.insert(*case_id);
                if let Some(events) = self.events.remove(case_id) {
                    let ids: std::collections::HashSet<EventId> = events.iter().map(|e| e.id).collect();
                    self.outbox.retain(|id| !ids.contains(id));
                }
                self.not_sent.retain(|n| n.event.case_id != *case_id);
            }
            Record::Erased => {}
            Record::Received { id, at } => {
                if let Some(e) = self
                    .events
                    .values_mut()
                    .flat_map(|v| v.iter_mut())
                    .find(|e| &e.id == id)
                {
                    e.received_at.get_or_insert(*at);
                }
            }
        }
    }

    /// Whether the event `id` is held without the time the server received it.
    pub fn lacks_receipt(&self, id: &EventId) -> bool {
        self.find(id).is_some_and(|e| e.received_at.is_none())
    }

    pub fn find(&self, id: &EventId) -> Option<&Event> {
        self.events.values().flat_map(|v| v.iter()).find(|e| &e.id == id)
    }

    pub fn knows(&self, id: &EventId) -> bool {
        self.known.contains(id)
    }

    /// Outbox events in write order.
    pub fn pending(&self) -> Vec<Event> {
        self.outbox.iter().filter_map(|id| self.find(id).cloned()).collect()
    }

    /// Events of `case` refused by the server and still shown as not sent.
    pub fn not_sent_in(&self, case: &CaseId) -> usize {
        self.not_sent.iter().filter(|n| n.event.case_id == *case).count()
    }

    pub fn pending_in(&self, case: &CaseId) -> usize {
        self.events
            .get(case)
            .map(|v| v.iter().filter(|e| self.outbox.contains(&e.id)).count())
            .unwrap_or(0)
    }
}
