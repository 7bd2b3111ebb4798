//! Where the user was and what they were typing (issue 17 §1): after the
//! auto-lock or a reload, unlocking brings them back to the same case and
//! step with their half-typed text. One small record, sealed with the
//! vault's key and overwritten on every change (`Vault::put_sealed`);
//! never in the log, never synced, never plaintext in browser storage.

use std::collections::BTreeMap;

use samenop_core::CaseId;
use serde::{Deserialize, Serialize};

/// The name the record is sealed under.
pub const RESUME: &str = "resume";
/// At most this many drafts are kept; the oldest key goes first.
pub const MAX_DRAFTS: usize = 64;
/// A draft longer than this is cut (the longest bounded text is shorter).
pub const MAX_DRAFT_CHARS: usize = 4_000;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resume {
    /// The case on screen, if any.
    pub case_id: Option<CaseId>,
    /// Where in the case, in the app's own words (e.g. "step:4").
    pub place: String,
    /// Half-typed texts by the app's field key; a case's own start with
    /// its id and a colon (`"{case_id}:…"`), so they leave with the case.
    pub drafts: BTreeMap<String, String>,
}

impl Resume {
    /// Forgets the drafts typed in `case_id` and the place in it; whether
    /// anything changed.
    pub fn forget_case(&mut self, case_id: CaseId) -> bool {
        let prefix = format!("{case_id}:");
        let before = self.drafts.len();
        self.drafts.retain(|key, _| !key.starts_with(&prefix));
        let mut changed = self.drafts.len() != before;
        if self.case_id == Some(case_id) {
            self.case_id = None;
            self.place.clear();
            changed = true;
        }
        changed
    }

    /// Keeps `value` under `key`; an empty value forgets the draft.
    pub fn keep(&mut self, key: &str, value: &str) {
        if value.is_empty() {
            self.drafts.remove(key);
            return;
        }
        let value: String = value.chars().take(MAX_DRAFT_CHARS).collect();
        self.drafts.insert(key.to_string(), value);
        while self.drafts.len() > MAX_DRAFTS {
            let Some(first) = self.drafts.keys().next().cloned() else {
                break;
            };
            if first == key {
                break;
            }
            self.drafts.remove(&first);
        }
    }
}

impl crate::field::Field {
    /// Where the user was when the vault was last open.
    pub fn resume_point(&self) -> &Resume {
        &self.resume
    }

    /// The draft under `key`, or empty.
    pub fn draft(&self, key: &str) -> String {
        self.resume.drafts.get(key).cloned().unwrap_or_default()
    }

    /// Notes the case and place on screen (sealed at once).
    pub fn note_place(&mut self, case_id: Option<CaseId>, place: &str) -> Result<(), crate::FieldError> {
        if self.resume.case_id == case_id && self.resume.place == place {
            return Ok(());
        }
        self.resume.case_id = case_id;
        self.resume.place = place.to_string();
        self.seal_resume()
    }

    /// Keeps a half-typed text (sealed at once); empty forgets it.
    pub fn keep_draft(&mut self, key: &str, value: &str) -> Result<(), crate::FieldError> {
        if self.resume.drafts.get(key).map(String::as_str).unwrap_or("") == value {
            return Ok(());
        }
        self.resume.keep(key, value);
        self.seal_resume()
    }

    /// Forgets what was typed in a case that leaves the device
    /// (regression, security review: a purged case's half-typed contact
    /// person and phone number stayed in the sealed drafts).
    pub(crate) fn forget_case_drafts(&mut self, case_id: CaseId) -> Result<(), crate::FieldError> {
        if self.resume.forget_case(case_id) {
            self.seal_resume()?;
        }
        Ok(())
    }

    fn seal_resume(&mut self) -> Result<(), crate::FieldError> {
        let plain = zeroize::Zeroizing::new(
            serde_json::to_vec(&self.resume).map_err(|e| crate::store::StoreError::Backend(e.to_string()))?,
        );
        let vault = self.vault.as_mut().ok_or(crate::FieldError::Locked)?;
        Ok(vault.put_sealed(RESUME, &plain)?)
    }

    /// Opens the sealed record after an unlock; a missing or unreadable
    /// one is no place to return to (the app starts at home).
    pub(crate) fn load_resume(&mut self) {
        self.resume = self
            .vault
            .as_ref()
            .and_then(|v| v.get_sealed(RESUME).ok().flatten())
            .and_then(|plain| serde_json::from_slice(&plain).ok())
            .unwrap_or_default();
    }
}
