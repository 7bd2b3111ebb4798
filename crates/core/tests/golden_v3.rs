//! Events of schema 3 must keep loading, byte for byte: the handover items,
//! Bijlage II sub-items and "anders, namelijk" added in issue 14 part 3.
//! `golden/events-v3-handover.jsonl` was written once with
//! `SAMENOP_WRITE_GOLDEN_V3=1 cargo test -p samenop-core --test golden_v3`;
//! never rewrite it (a later shape gets a new file).

mod common;

use common::Scene;
use samenop_core::answer::Answer;
use samenop_core::handover::{FollowUpForum, HandoverItem};
use samenop_core::triage::StructuralSubItem;
use samenop_core::{Assignment, CaseState, Event, Organisation, Schema};

const V3: &str = "tests/golden/events-v3-handover.jsonl";

fn new_shapes() -> Vec<Event> {
    let mut s = Scene::opened();
    let items = [
        HandoverItem::VtReport { done: true },
        HandoverItem::ChildCareReports {
            reported: vec![true, false],
        },
        HandoverItem::RecordedInOwnSystem {
            organisation: Organisation::Police,
            done: true,
        },
        HandoverItem::VictimInformed { done: true },
        HandoverItem::StructuralHandedOverTo {
            forums: vec![FollowUpForum::Zsm, FollowUpForum::ZorgEnVeiligheidshuis],
        },
        HandoverItem::AddedValue {
            answer: Answer::Yes,
            explanation: "VT kende het gezin".into(),
        },
    ];
    for (i, item) in items.into_iter().enumerate() {
        s.police_sets(1 + i as i64, Assignment::Handover { item });
    }
    s.vt_sets(
        8,
        Assignment::StructuralSubItem {
            item: StructuralSubItem::Huwelijksdwang,
            recorded: true,
        },
    );
    s.vt_sets(
        9,
        Assignment::StructuralOther {
            text: "dreigt met ontvoering".into(),
        },
    );
    s.events
}

#[test]
fn write_golden_when_asked() {
    common::golden::write_when_asked("SAMENOP_WRITE_GOLDEN_V3", V3, &new_shapes());
}

#[test]
fn every_v3_event_still_loads_and_keeps_its_bytes() {
    let events = common::golden::load_keeping_bytes(V3);
    assert!(events.iter().all(|e| e.schema == Schema(3)));
    assert_eq!(events.len(), 9);
    let state = CaseState::fold(&events);
    assert!(state.skipped.is_empty(), "{:?}", state.skipped);
    let h = state.handover();
    assert!(h.vt_report && h.victim_informed);
    assert_eq!(h.child_care_reports, vec![true, false]);
    assert_eq!(h.recorded_in_own_system, vec![Organisation::Police]);
    assert_eq!(h.added_value, Answer::Yes);
    assert!(state.structural_sub_item_recorded(StructuralSubItem::Huwelijksdwang));
    assert_eq!(state.structural_other().as_deref(), Some("dreigt met ontvoering"));
}
