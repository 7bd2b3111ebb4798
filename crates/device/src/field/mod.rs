//! The device's working state, without UI: the unlocked vault, what it
//! holds, and the person writing. Screens call these methods; every change
//! is sealed and on disk before the method returns.

mod retention;

use samenop_core::event::ReportSource;
use samenop_core::text::AddressHint;
use samenop_core::wire::{PullResponse, PushOutcome, PushResult};
use samenop_core::{CaseId, CaseState, CaseStatus, Command, Device, Event, Refusal};

use crate::platform::{self, StoreBackend};
use crate::store::{KdfParams, KeyStore, Local, Record, Session, StoreError, Vault};

#[derive(Debug, thiserror::Error)]
pub enum FieldError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("not unlocked")]
    Locked,
    #[error("not signed in")]
    NoSession,
    /// Core refused the command; `Refusal::text` says why in words.
    #[error(transparent)]
    Refused(#[from] Refusal),
}

impl FieldError {
    /// What the person reads, in their language only (issue 17 §6).
    pub fn text(&self, lang: samenop_core::Lang) -> String {
        match self {
            Self::Refused(r) => r.text(lang),
            Self::Store(e) => e.text(lang),
            Self::Locked => samenop_core::catalogue::text(lang, "error-locked").into(),
            Self::NoSession => samenop_core::catalogue::text(lang, "error-session_expired").into(),
        }
    }
}

/// One row of "my cases".
#[derive(Debug, Clone, PartialEq)]
pub struct CaseRow {
    pub case_id: CaseId,
    pub reported_at: Option<chrono::DateTime<chrono::Utc>>,
    pub address_hint: String,
    pub status: CaseStatus,
    pub unsynced: usize,
}

#[derive(Default)]
pub struct Field {
    pub(crate) vault: Option<Vault<StoreBackend>>,
    /// Where the user was and their drafts (`crate::resume`), open while unlocked.
    pub(crate) resume: crate::resume::Resume,
    pub local: Local,
    device: Option<Device>,
    /// Folded cases, each with the number of its events it was folded
    /// from: events are only ever appended, so a longer list means refold.
    folded: std::cell::RefCell<std::collections::HashMap<CaseId, (usize, CaseState)>>,
    /// How far the server's clock lies ahead of this device's (ms), when
    /// past `trusted_time::CLOCK_SKEW_WARN_MS`: "klok wijkt af".
    clock_skew: Option<i64>,
}

impl Field {
    pub fn is_unlocked(&self) -> bool {
        self.vault.is_some()
    }

    pub fn session(&self) -> Option<&Session> {
        self.local.session.as_ref()
    }

    /// First sign-in on this device: makes the vault with the new PIN and
    /// this device's key store (`platform::open_key_store`) and seals the
    /// session into it. The PIN rule (`samenop_core::pin`) is the app's to
    /// ask before; an old vault's shorter PIN still unlocks.
    pub fn create(
        &mut self,
        backend: StoreBackend,
        keys: Box<dyn KeyStore + Send>,
        pin: &str,
        session: Session,
        params: KdfParams,
    ) -> Result<(), FieldError> {
        let mut vault = Vault::create(backend, keys, pin, params)?;
        let record = Record::Session(session);
        vault.append(std::slice::from_ref(&record))?;
        self.local = Local::default();
        self.folded.borrow_mut().clear();
        self.local.apply(&record);
        self.vault = Some(vault);
        self.resume = crate::resume::Resume::default();
        self.resume_device();
        Ok(())
    }

    /// Opens the vault with the PIN on this device; wrong PINs are counted
    /// and the tenth in a row wipes it (`StoreError::Wiped`).
    pub fn unlock(
        &mut self,
        backend: StoreBackend,
        keys: Box<dyn KeyStore + Send>,
        pin: &str,
    ) -> Result<(), FieldError> {
        let (vault, local) = Vault::unlock(backend, keys, pin, platform::now_ms())?;
        self.opened(vault, local);
        Ok(())
    }

    /// Opens the vault with the screen lock alone, where the person chose
    /// that (`store::quick`); `keys` must come from a verified release.
    pub fn unlock_quick(&mut self, backend: StoreBackend, keys: Box<dyn KeyStore + Send>) -> Result<(), FieldError> {
        let (vault, local) = Vault::unlock_quick(backend, keys)?;
        self.opened(vault, local);
        Ok(())
    }

    /// Whether this device's vault opens with the screen lock alone.
    pub fn quick_unlock_chosen(backend: &StoreBackend) -> bool {
        Vault::has_quick_unlock(backend).unwrap_or(false)
    }

    /// From now on the screen lock alone opens the vault (refused where
    /// the key store does not verify the person).
    pub fn enable_quick_unlock(&mut self) -> Result<(), FieldError> {
        Ok(self.vault()?.enable_quick_unlock()?)
    }

    /// After either unlock: the view, the device, where the user was, and
    /// cases whose keep period passed while the phone was offline.
    fn opened(&mut self, vault: Vault<StoreBackend>, local: Local) {
        self.vault = Some(vault);
        self.local = local;
        self.folded.borrow_mut().clear();
        self.resume_device();
        self.load_resume();
        // A keep period may have passed while the phone was offline: the
        // case goes now, not at the next sync. A failure here leaves the
        // case for the next sync round, never the vault shut.
        let now = chrono::DateTime::from_timestamp_millis(platform::now_ms()).unwrap_or_default();
        if let Err(e) = self.drop_handed_over(now) {
            tracing::warn!(error = %e, "unlock: dropping handed-over cases failed");
        }
    }

    /// Forgets the key and the plaintext view; the data stays sealed on disk.
    pub fn lock(&mut self) {
        self.vault = None;
        self.device = None;
        self.local = Local::default();
        self.resume = crate::resume::Resume::default();
        self.folded.borrow_mut().clear();
    }

    fn resume_device(&mut self) {
        self.device = self.local.session.as_ref().map(|s| {
            let actor = samenop_core::Actor {
                user_id: s.account.username.clone(),
                display_name: s.account.display_name.clone(),
                organisation: s.account.organisation,
                role: s.account.role,
            };
            let mut device = Device::new(actor, s.device_id);
            device.observe(self.local.events.values().flatten(), platform::now_ms());
            device
        });
    }

    fn vault(&mut self) -> Result<&mut Vault<StoreBackend>, FieldError> {
        self.vault.as_mut().ok_or(FieldError::Locked)
    }

    /// Sends one command to a case: core decides the event (or refuses,
    /// and nothing is stored), then the event is sealed with its outbox
    /// entry and shown. The only way this app writes an event.
    pub fn send(&mut self, case_id: CaseId, command: Command) -> Result<Event, FieldError> {
        let state = self.case(&case_id);
        let device = self.device.as_mut().ok_or(FieldError::NoSession)?;
        let now_ms = platform::now_ms();
        let now = chrono::DateTime::from_timestamp_millis(now_ms).unwrap_or_default();
        let kind = state.decide(command, &device.actor, now)?;
        let event = device.write_at(case_id, kind, now_ms, platform::random10());
        state.admit(&event)?;
        let record = Record::Event {
            event: Box::new(event.clone()),
            pending: true,
        };
        self.vault()?.append(std::slice::from_ref(&record))?;
        self.local.apply(&record);
        Ok(event)
    }

    /// Starts a case in the user's region; the hint as typed (core bounds it).
    pub fn open_case(&mut self, source: ReportSource, address_hint: &str) -> Result<CaseId, FieldError> {
        let region = self.session().ok_or(FieldError::NoSession)?.account.region.clone();
        let address_hint =
            AddressHint::parse_or_empty(address_hint).map_err(|e| Refusal::of_text("address_hint", e))?;
        let now = platform::now_ms();
        let case_id = CaseId::from_parts(u64::try_from(now).unwrap_or(0), platform::random10());
        let reported_at = chrono::DateTime::from_timestamp_millis(now).unwrap_or_default();
        self.send(
            case_id,
            Command::OpenCase {
                reported_at,
                source,
                address_hint,
                region,
            },
        )?;
        Ok(case_id)
    }

    /// The case as its events fold, from the cache while no event arrived.
    pub fn case(&self, case_id: &CaseId) -> CaseState {
        let events = self.local.events.get(case_id);
        let len = events.map_or(0, Vec::len);
        if let Some((n, state)) = self.folded.borrow().get(case_id)
            && *n == len
        {
            return state.clone();
        }
        let state = CaseState::fold(events.into_iter().flatten());
        self.folded.borrow_mut().insert(*case_id, (len, state.clone()));
        state
    }

    pub fn cases(&self, now: chrono::DateTime<chrono::Utc>) -> Vec<CaseRow> {
        let mut rows: Vec<CaseRow> = self
            .local
            .events
            .keys()
            .map(|id| {
                let state = self.case(id);
                CaseRow {
                    case_id: *id,
                    reported_at: state.opening.as_ref().map(|o| o.reported_at),
                    address_hint: state
                        .opening
                        .as_ref()
                        .map(|o| o.address_hint.clone())
                        .unwrap_or_default(),
                    status: state.status(now),
                    unsynced: self.local.pending_in(id),
                }
            })
            .collect();
        rows.sort_by_key(|r| std::cmp::Reverse(r.reported_at));
        rows
    }

    /// Stores the server's answers to a push. The server decides.
    pub fn absorb_outcomes(&mut self, results: &[PushResult]) -> Result<(), FieldError> {
        let records: Vec<Record> = results
            .iter()
            .filter(|r| self.local.outbox.contains(&r.id))
            .map(|r| Record::Outcome {
                id: r.id,
                outcome: r.outcome.clone(),
            })
            .collect();
        if !records.is_empty() {
            self.vault()?.append(&records)?;
            for r in &records {
                self.local.apply(r);
            }
        }
        Ok(())
    }

    /// Stores what a pull brought: others' events and the next cursor.
    pub fn absorb_pull(&mut self, pull: &PullResponse) -> Result<(), FieldError> {
        // Each with the time the server received it: the time it vouches
        // for, which the art 9 Wpg check and the summary use. This device's
        // own events come back too: they only get their receipt.
        let mut records = Vec::new();
        let mut received_in = std::collections::HashSet::new();
        for e in pull.events_with_receipts() {
            if !self.local.knows(&e.id) {
                records.push(Record::Event {
                    event: Box::new(e),
                    pending: false,
                });
            } else if let Some(at) = e.received_at
                && self.local.lacks_receipt(&e.id)
            {
                received_in.insert(e.case_id);
                records.push(Record::Received { id: e.id, at });
            }
        }
        // Cases the server deleted after the retention period: dropped
        // before the cursor moves past their notice.
        for case_id in &pull.purged {
            self.purge(*case_id)?;
        }
        // Nor is anything kept of a case this phone dropped: a colleague's
        // later entry in it was sealed into the log for good, though no
        // screen would ever show it (regression, security review).
        records.retain(|r| {
            !matches!(r, Record::Event { event, .. }
                if pull.purged.contains(&event.case_id) || self.local.purged.contains(&event.case_id))
        });
        records.push(Record::Cursor {
            cursor: pull.next_cursor.clone(),
        });
        self.vault()?.append(&records)?;
        for r in &records {
            self.local.apply(r);
        }
        // A receipt changes no event count: refold those cases.
        self.folded.borrow_mut().retain(|case, _| !received_in.contains(case));
        if let Some(device) = self.device.as_mut() {
            device.observe(&pull.events, platform::now_ms());
        }
        self.note_server_time(pull.server_time);
        Ok(())
    }

    /// Compares the server's clock in an answer with this device's; the app
    /// shows `clock_skew` as a banner while it is off (issue 13 §3). An
    /// answer without the server's time (an older server) changes nothing.
    pub fn note_server_time(&mut self, server_time: Option<chrono::DateTime<chrono::Utc>>) {
        if let Some(server) = server_time {
            self.clock_skew = samenop_core::trusted_time::clock_skew(platform::now_ms(), server.timestamp_millis());
        }
    }

    /// How many ms the server's clock lies ahead of this device's (negative:
    /// this device runs ahead), when it is off by more than the device may be.
    pub fn clock_skew(&self) -> Option<i64> {
        self.clock_skew
    }

    pub fn is_accepted(outcome: &PushOutcome) -> bool {
        !matches!(outcome, PushOutcome::Rejected { .. })
    }
}
