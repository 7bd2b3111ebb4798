//! What leaves the device: a case dropped at the server's notice, and the
//! cases a field user handed over once the keep period has passed.

use samenop_core::CaseId;

use super::{Field, FieldError};
use crate::store::Record;

impl Field {
    /// Drops `case_id` from this device: a `Purged` record first (the
    /// replay drops it from then on), then its earlier records are sealed
    /// again as erased, and the drafts typed in it and a PDF of it in the
    /// app's own export folder are forgotten. For a
    /// case dropped before (handed over, then the server's notice), what
    /// may have come in since is erased again. Nothing to do for a case
    /// this device never held.
    pub fn purge(&mut self, case_id: CaseId) -> Result<(), FieldError> {
        if self.local.purged.contains(&case_id) {
            // Regression (security review): the server's notice for a case
            // this phone dropped itself found nothing in `events` and left
            // what an older version stored after the drop.
            self.vault()?.erase_case(case_id)?;
            return self.forget_case_traces(case_id);
        }
        if !self.local.events.contains_key(&case_id) {
            // A lead's PDF of a case the lead never opened here (review of
            // stop 36): the export goes all the same.
            forget_case_export(case_id);
            return Ok(());
        }
        let record = Record::Purged { case_id };
        let vault = self.vault()?;
        vault.append(std::slice::from_ref(&record))?;
        vault.erase_case(case_id)?;
        self.local.apply(&record);
        self.folded.borrow_mut().remove(&case_id);
        self.forget_case_traces(case_id)
    }

    /// What a case leaves outside its records: drafts, the place on screen
    /// and an exported PDF in the app's own folder.
    fn forget_case_traces(&mut self, case_id: CaseId) -> Result<(), FieldError> {
        forget_case_export(case_id);
        self.forget_case_drafts(case_id)
    }

    /// Drops every case the field user handed over ("niet meer acuut")
    /// once nothing of it is left to send or to show as not sent and the
    /// server's keep period (kept with the last sync) passed since its last
    /// entry (core's `retention::device_may_drop`): follow-up lies with the
    /// organisation it went to, not on a phone (issues 14 §4, 16 §2). A
    /// shift lead's device keeps what the lead opened. Returns the dropped
    /// cases.
    pub fn drop_handed_over(&mut self, now: chrono::DateTime<chrono::Utc>) -> Result<Vec<CaseId>, FieldError> {
        if !self.session().is_some_and(|s| s.account.role.records_on_scene()) {
            return Ok(Vec::new());
        }
        let keep = samenop_core::retention::DeviceKeep {
            hours: self.sync_mark().map_or(0, |m| m.device_keep_hours),
        };
        let due: Vec<CaseId> = self
            .local
            .events
            .iter()
            .filter(|(id, events)| {
                let unsent = self.local.pending_in(id) + self.local.not_sent_in(id);
                let last = samenop_core::retention::last_activity(events.iter());
                samenop_core::retention::device_may_drop(&self.case(id), unsent, last, now, keep)
            })
            .map(|(id, _)| id)
            .copied()
            .collect();
        for id in &due {
            self.purge(*id)?;
        }
        Ok(due)
    }

    /// For a case this field device will drop (handed over, issue 16 §2):
    /// `Some(None)` when it leaves at the next sync once all is sent,
    /// `Some(Some(at))` when the server's keep period holds it until `at`;
    /// `None` when it stays (not handed over, or a shift lead's device).
    pub fn leaves_device(
        &self,
        case_id: &CaseId,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Option<Option<chrono::DateTime<chrono::Utc>>> {
        let on_scene = self.session().is_some_and(|s| s.account.role.records_on_scene());
        if !on_scene || self.case(case_id).status(now) != samenop_core::CaseStatus::HandedOver {
            return None;
        }
        let keep = samenop_core::retention::DeviceKeep {
            hours: self.sync_mark().map_or(0, |m| m.device_keep_hours),
        };
        let last = self
            .local
            .events
            .get(case_id)
            .and_then(|e| samenop_core::retention::last_activity(e.iter()));
        Some(keep.leaves_at(last))
    }
}

/// Removes a case's PDF from the app's own export folder. A file that will
/// not go is logged, not a failed purge: the case's records are erased
/// already, and the wipe at sign-out takes the folder.
fn forget_case_export(case_id: CaseId) {
    if let Err(e) = crate::platform::forget_case_export(case_id) {
        tracing::warn!(error = %e, "an exported PDF of a dropped case could not be removed");
    }
}
