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
    Rejected { code: RejectCode, reason: String },
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
