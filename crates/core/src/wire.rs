//! Sync and API types shared by the app and the server, so both sides
//! agree on the bytes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

use crate::actor::{Organisation, Role};
use crate::case::CaseStatus;
use crate::event::{CaseId, DeviceId, Event, EventId, ReportSource};

/// `POST /api/v1/sessions`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionRequest {
    pub username: String,
    pub password: String,
    /// The device the token will be bound to (the app always sends it; a
    /// session without one is bound to the device of its first push).
    #[serde(default)]
    pub device_id: Option<DeviceId>,
    /// The TOTP code, for accounts with a second factor (the server answers
    /// `otp_required` when it is missing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otp: Option<String>,
}

/// The account as the server knows it; the device builds its `Actor` from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub username: String,
    pub display_name: String,
    pub organisation: Organisation,
    pub role: Role,
    pub region: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionResponse {
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub account: Account,
    /// Hours the device may go without a successful sync before its vault
    /// refuses to open (issue 16 §2). Absent from older servers: the
    /// device then uses `DEFAULT_MAX_OFFLINE_HOURS`.
    #[serde(default = "default_max_offline_hours")]
    pub max_offline_hours: u32,
}

/// Hours without a successful sync after which a vault refuses to open
/// until the user signs in again online (CommCare's rule; issue 16 §2).
pub const DEFAULT_MAX_OFFLINE_HOURS: u32 = 72;

fn default_max_offline_hours() -> u32 {
    DEFAULT_MAX_OFFLINE_HOURS
}

/// `POST /api/v1/events`: a batch of events from one device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    pub device_id: DeviceId,
    pub events: Vec<Event>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum RejectCode {
    /// Same id as a stored event, different content.
    ConflictingContent,
    /// The case belongs to another region, or the caller may not write it.
    Forbidden,
    /// The author in the event is not the caller.
    AuthorMismatch,
    /// The event breaks a protocol rule (`Event::validate`).
    Invalid,
    /// The case does not exist (yet) and this event does not open it.
    UnknownCase,
}

crate::lang::vocabulary!(RejectCode, "reject_code");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum PushOutcome {
    Applied,
    Duplicate,
    Rejected {
        code: RejectCode,
        /// The server's own line (English, for support and logs).
        reason: String,
        /// Core's refusal in people's words, when the server re-ran a core
        /// rule. Optional: older servers and stored outcomes lack it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        words: Option<RefusalWords>,
    },
}

/// A core `Refusal` as people read it, in both languages, so a device
/// shows the server's refusal as the app would have shown its own
/// (issue 17 §6). Carried as text: the refusal's inner types are not on
/// the wire, and the words are the same function's either way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusalWords {
    pub nl: String,
    pub en: String,
}

impl RefusalWords {
    pub fn of(refusal: &crate::Refusal) -> Self {
        Self {
            nl: refusal.text(crate::Lang::Nl),
            en: refusal.text(crate::Lang::En),
        }
    }

    pub fn get(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::Nl => &self.nl,
            crate::Lang::En => &self.en,
        }
    }
}

impl PushOutcome {
    /// A refusal for people: core's words when the server sent them, else
    /// the catalogue's text for the code (never the server's English).
    pub fn refusal_text(code: RejectCode, words: Option<&RefusalWords>, lang: crate::Lang) -> String {
        use crate::lang::Label;
        match words {
            Some(w) => w.get(lang).to_string(),
            None => code.label(lang).to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResult {
    pub id: EventId,
    #[serde(flatten)]
    pub outcome: PushOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResponse {
    pub results: Vec<PushResult>,
    /// The server's clock when it answered, so a device can tell that its
    /// own clock is off ("klok wijkt af"). Absent from older servers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_time: Option<DateTime<Utc>>,
}

/// `GET /api/v1/events?since=<cursor>`: events the caller may see, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullResponse {
    pub events: Vec<Event>,
    /// Pass as `since` next time. Opaque to the device.
    pub next_cursor: String,
    /// More events wait beyond this page.
    pub more: bool,
    /// When the server received each event, in the order of `events` (the
    /// time it vouches for, `Event::received_at`). Beside the events, not
    /// in them, so devices of before this field still read the page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub received_at: Vec<DateTime<Utc>>,
    /// The server's clock when it answered (see `PushResponse`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_time: Option<DateTime<Utc>>,
    /// Cases the server deleted after the retention period that this
    /// account held: the device drops them (issue 14 §4). Each is sent
    /// once per cursor (its notice id is in `next_cursor`); a device of
    /// before this field ignores it and keeps the case until updated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purged: Vec<CaseId>,
    /// The server's no-sync limit (`SessionResponse::max_offline_hours`),
    /// sent with every pull so a changed setting reaches every phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_offline_hours: Option<u32>,
    /// Hours a field phone keeps a handed-over, fully sent case after its
    /// last activity (`retention::DeviceKeep`), with every pull like the
    /// limit above. Absent (an older server): 0, the case leaves at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_keep_hours: Option<u32>,
}

impl PullResponse {
    /// The page's events, each with the time the server received it.
    pub fn events_with_receipts(&self) -> impl Iterator<Item = Event> + '_ {
        self.events.iter().enumerate().map(|(i, e)| Event {
            received_at: self.received_at.get(i).copied(),
            ..e.clone()
        })
    }
}

/// Flags a shift lead scans for in the case list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CaseFlags {
    pub children_present: bool,
    pub conflicts: bool,
    pub rejected_events: bool,
    pub measures_due: bool,
    /// Not safe and not handed over a day after the report (core `LeadFlags`).
    #[serde(default)]
    pub acute_past_24_hours: bool,
    /// Eergerelateerd-geweld steps still open (core `LeadFlags`, 000
    /// handreiking); 0 outside EGG and from servers before it.
    #[serde(default)]
    pub honour_open: usize,
    /// Deadlines within this shift (core `shift::due_this_shift`); 0 from
    /// servers before it.
    #[serde(default)]
    pub due_this_shift: usize,
    /// Children present (or unknown) without the police's kindcheck (core
    /// `shift::children_without_kindcheck`, 004 l.199).
    #[serde(default)]
    pub children_without_kindcheck: bool,
    /// The server received events of the case after this lead's last visit
    /// (opening it or reading its summary), or the lead never visited it.
    /// Only the server knows; false offline and from older servers.
    #[serde(default)]
    pub changed_since_visit: bool,
}

impl CaseFlags {
    /// The list flags from core's `LeadFlags`, plus whether the server
    /// refused events of the case (only the server knows that).
    pub fn of(lead: &crate::board::LeadFlags, rejected_events: bool) -> Self {
        Self {
            children_present: lead.children_present,
            conflicts: lead.conflicts,
            rejected_events,
            measures_due: lead.measures_due,
            acute_past_24_hours: lead.acute_past_24_hours,
            honour_open: lead.honour_open,
            due_this_shift: lead.due_this_shift,
            children_without_kindcheck: lead.children_without_kindcheck,
            changed_since_visit: false,
        }
    }
}

/// One row of `GET /api/v1/cases`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseListItem {
    pub case_id: CaseId,
    pub region: String,
    pub reported_at: Option<DateTime<Utc>>,
    pub status: CaseStatus,
    pub on_scene: Vec<(String, Organisation)>,
    pub flags: CaseFlags,
    pub event_count: usize,
    /// The address hint as recorded, so a lead recognises the case (absent
    /// from older servers).
    #[serde(default)]
    pub address_hint: String,
    /// The deadlines within this shift, what and when (core
    /// `shift::due_this_shift`); empty from older servers.
    #[serde(default)]
    pub due_this_shift: Vec<crate::shift::ShiftDue>,
    /// When this lead last visited the case (opened it or read its
    /// summary); `None` when never, and from older servers.
    #[serde(default)]
    pub last_visit: Option<DateTime<Utc>>,
    /// The first moment this row may read differently with no new event
    /// (a deadline entering the shift or passing, the acute phase ending:
    /// `read_model::CaseProjection::valid_until`; or, in the lead window,
    /// the case leaving it), so the lead's app asks again then; `None` when
    /// only events change it, and from older servers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<DateTime<Utc>>,
}

/// `GET /api/v1/cases/counts`: what the lead's list holds before any chip
/// is chosen, and how many of those cases each chip alone would show (core
/// `ListFilter::counts`), so chips count every case while the list comes a
/// page at a time (issue 18 §2). Counts only: no case leaves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListCounts {
    pub listed: usize,
    pub chips: Vec<(crate::shift::ListChip, usize)>,
    /// The earliest `CaseListItem::valid_until` of every counted case:
    /// when the counts may change with no new event (absent from older
    /// servers, and when nothing changes with time alone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<DateTime<Utc>>,
}

/// One row of `GET /api/v1/cases/joinable`: a colleague's recent case in
/// the caller's region that the caller's organisation may join, with just
/// enough to recognise it on scene (issue 13).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinableCase {
    pub case_id: CaseId,
    pub reported_at: DateTime<Utc>,
    pub source: ReportSource,
    /// Display name of the professional who opened the case: only for a
    /// case opened by the caller's own organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opened_by: Option<String>,
    /// The opener's organisation.
    pub organisation: Organisation,
    /// The street only (`membership::list_address_hint`).
    pub address_hint: String,
    /// Set when joining now needs a written reason, and why (core's
    /// `CaseState::join_need`): the app asks for it before joining.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_required: Option<crate::membership::LateJoinCause>,
}

/// Every API error body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub error: String,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    /// A rejection from an older server (or stored by an older app) has no
    /// words: it still loads, and reads as the catalogue's text for its code.
    #[test]
    fn a_rejection_without_words_still_loads_and_reads_in_dutch_by_its_code() {
        let old = r#"{"id":"0190d8a0-0000-7000-8000-000000000001","outcome":"rejected","code":"forbidden","reason":"case of another region"}"#;
        let result: PushResult = serde_json::from_str(old).expect("an old rejection loads");
        let PushOutcome::Rejected { code, reason, words } = result.outcome else {
            panic!("a rejection")
        };
        assert_eq!(
            (code, reason.as_str(), &words),
            (RejectCode::Forbidden, "case of another region", &None)
        );
        let text = PushOutcome::refusal_text(code, words.as_ref(), Lang::Nl);
        assert!(text.starts_with("geen toegang"), "{text}");
    }

    /// The server re-ran a core rule: the device shows core's own words in
    /// the chosen language, not the server's English line.
    #[test]
    fn a_rejection_with_core_words_reads_as_core_refusal_in_either_language() {
        let words = RefusalWords::of(&crate::Refusal::OmContactByPoliceOnly);
        let outcome = PushOutcome::Rejected {
            code: RejectCode::Invalid,
            reason: crate::Refusal::OmContactByPoliceOnly.to_string(),
            words: Some(words),
        };
        let json = serde_json::to_string(&outcome).unwrap();
        let PushOutcome::Rejected { code, words, .. } = serde_json::from_str(&json).unwrap() else {
            panic!("a rejection")
        };
        let nl = PushOutcome::refusal_text(code, words.as_ref(), Lang::Nl);
        let en = PushOutcome::refusal_text(code, words.as_ref(), Lang::En);
        assert_eq!(nl, crate::Refusal::OmContactByPoliceOnly.text(Lang::Nl));
        assert_eq!(en, crate::Refusal::OmContactByPoliceOnly.text(Lang::En));
        assert_ne!(nl, en);
        assert!(!nl.contains("the police record"), "{nl}");
    }
}
