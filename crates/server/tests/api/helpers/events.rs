//! Invented accounts and the events the tests push, and reading the answers.

use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use samenop_core::event::{CaseNature, EventKind, ReportSource};
use samenop_core::measures::{AgreedMeasure, MeasureId, MeasureKind, MeasureOwner};
use samenop_core::wire::{Account, PushOutcome, PushResponse, RejectCode};
use samenop_core::{Actor, Assignment, CaseId, DeviceId, Event, EventId, Hlc, Organisation, Role};
use serde_json::Value;

use super::{OTHER_REGION, REGION};

pub fn account(username: &str, organisation: Organisation, role: Role, region: &str) -> Account {
    Account {
        username: username.into(),
        display_name: format!("Test {username}"),
        organisation,
        role,
        region: region.into(),
    }
}

/// The test cast: invented professionals.
pub fn cast() -> Vec<Account> {
    vec![
        account("agent.a", Organisation::Police, Role::Police, REGION),
        account("vt.b", Organisation::VeiligThuis, Role::VeiligThuis, REGION),
        account("lead.c", Organisation::Police, Role::ShiftLead, REGION),
        account("admin.d", Organisation::Police, Role::Admin, REGION),
        account("agent.e", Organisation::Police, Role::Police, OTHER_REGION),
        account("lead.f", Organisation::Police, Role::ShiftLead, OTHER_REGION),
    ]
}

pub fn actor(username: &str) -> Actor {
    let a = cast().into_iter().find(|a| a.username == username).unwrap();
    Actor {
        user_id: a.username,
        display_name: a.display_name,
        organisation: a.organisation,
        role: a.role,
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A unique, increasing HLC stamp near now.
pub fn stamp() -> Hlc {
    Hlc::new(Utc::now().timestamp_millis(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

pub fn event(author: &str, case_id: CaseId, kind: EventKind) -> Event {
    Event {
        schema: samenop_core::Schema::CURRENT,
        id: EventId::generate(),
        case_id,
        author: actor(author),
        device_id: DeviceId::generate(),
        stamp: stamp(),
        kind,
        received_at: None,
    }
}

pub fn opened(author: &str, case_id: CaseId, region: &str) -> Event {
    event(
        author,
        case_id,
        EventKind::CaseOpened {
            reported_at: Utc::now() - Duration::minutes(10),
            source: ReportSource::PoliceReport,
            address_hint: "Teststraat 1, achterom".into(),
            region: region.into(),
        },
    )
}

/// agent.a agreeing measure `id` of `kind`, owned by the police (`person`).
pub fn police_measure(case_id: CaseId, id: MeasureId, kind: MeasureKind, person: &str) -> Event {
    let owner = MeasureOwner {
        organisation: Organisation::Police,
        person: person.into(),
    };
    event(
        "agent.a",
        case_id,
        EventKind::MeasureAgreed {
            measure: AgreedMeasure::new(id, kind, owner),
        },
    )
}

/// A field set by `author` without superseding anything (as a first write).
pub fn assigned(author: &str, case_id: CaseId, assignment: Assignment) -> Event {
    event(
        author,
        case_id,
        EventKind::Assigned {
            supersedes: vec![],
            assignment,
        },
    )
}

pub fn nature(author: &str, case_id: CaseId, nature: CaseNature) -> Event {
    assigned(author, case_id, Assignment::Nature { nature })
}

pub fn joined(author: &str, case_id: CaseId) -> Event {
    event(author, case_id, EventKind::CaseJoined { reason: None })
}

pub fn outcomes(resp: &PushResponse) -> Vec<PushOutcome> {
    resp.results.iter().map(|r| r.outcome.clone()).collect()
}

pub fn reject_code(o: &PushOutcome) -> Option<RejectCode> {
    match o {
        PushOutcome::Rejected { code, .. } => Some(*code),
        _ => None,
    }
}

pub fn assert_all_applied(resp: &PushResponse) {
    assert!(outcomes(resp).iter().all(|o| *o == PushOutcome::Applied), "{resp:?}");
}

/// (username, action) of each audit entry.
pub fn who_did_what(entries: &[Value]) -> Vec<(String, String)> {
    entries
        .iter()
        .map(|e| {
            (
                e["username"].as_str().unwrap().to_string(),
                e["action"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A 4xx answer must be JSON `{error, message}`; returns the body.
pub async fn assert_json_error(resp: reqwest::Response, status: StatusCode) -> Value {
    assert_eq!(resp.status(), status);
    let body: Value = resp.json().await.expect("error body is JSON");
    assert!(body["error"].is_string(), "{body}");
    assert!(body["message"].is_string(), "{body}");
    body
}
