//! The event wire format: what the server accepts and refuses.

mod common;

use common::Scene;
use samenop_core::triage::Criterion;
use samenop_core::{Answer, Assignment, Event, Refusal};

fn sample() -> Event {
    let mut s = Scene::opened();
    s.police_sets(
        1,
        Assignment::Criterion {
            criterion: Criterion::Firearm,
            answer: Answer::Yes,
        },
    )
    .clone()
}

#[test]
fn an_event_round_trips_through_json_byte_for_byte() {
    let e = sample();
    let bytes = serde_json::to_vec(&e).unwrap();
    let back: Event = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(back, e);
    assert_eq!(serde_json::to_vec(&back).unwrap(), bytes);
}

#[test]
fn the_assignment_reads_like_the_protocol() {
    let json = serde_json::to_value(sample()).unwrap();
    assert_eq!(json["kind"]["type"], "assigned");
    assert_eq!(json["kind"]["assignment"]["field"], "criterion");
    assert_eq!(json["kind"]["assignment"]["criterion"], "firearm");
    assert_eq!(json["kind"]["assignment"]["answer"], "yes");
}

fn with(mut json: serde_json::Value, pointer: &str, key: &str, value: serde_json::Value) -> serde_json::Value {
    json.pointer_mut(pointer)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .insert(key.into(), value);
    json
}

#[test]
fn unknown_fields_are_refused_at_every_level() {
    let json = serde_json::to_value(sample()).unwrap();
    for pointer in ["", "/author", "/stamp", "/kind", "/kind/assignment"] {
        let bad = with(json.clone(), pointer, "surprise", serde_json::json!(1));
        let err = serde_json::from_value::<Event>(bad).unwrap_err().to_string();
        assert!(err.contains("unknown field `surprise`"), "{pointer}: {err}");
    }
}

#[test]
fn an_unknown_answer_value_is_refused() {
    let json = serde_json::to_value(sample()).unwrap();
    let bad = with(json, "/kind/assignment", "answer", serde_json::json!("misschien"));
    assert!(serde_json::from_value::<Event>(bad).is_err());
}

#[test]
fn an_id_that_is_not_uuid_v7_is_refused_by_validation() {
    let mut e = sample();
    e.id = samenop_core::EventId(uuid::Uuid::from_u128(5));
    assert_eq!(e.validate(), Err(Refusal::NotUuidV7));
}

#[test]
fn an_overlong_address_hint_is_refused() {
    let mut s = Scene::new();
    let mut e = s.open(0).clone();
    if let samenop_core::EventKind::CaseOpened { address_hint, .. } = &mut e.kind {
        *address_hint = "x".repeat(500);
    }
    assert!(matches!(
        e.validate(),
        Err(Refusal::TooLong {
            field: "address_hint",
            ..
        })
    ));
}
