//! Events of issue 17 must keep loading, byte for byte: a measure withdrawn
//! as "foutief vastgelegd" (`MeasureStatus::RecordedInError`).
//! `golden/events-v3-trace.jsonl` was written once with
//! `SAMENOP_WRITE_GOLDEN_TRACE=1 cargo test -p samenop-core --test golden_trace`;
//! never rewrite it (a later shape gets a new file).

mod common;

use common::{Scene, measure_id, police_agree, t};
use samenop_core::measures::{MeasureChange, MeasureKind, MeasureStatus};
use samenop_core::{Assignment, CaseState, Event, Schema};

const FILE: &str = "tests/golden/events-v3-trace.jsonl";

fn new_shapes() -> Vec<Event> {
    let mut s = Scene::opened();
    s.police_does(
        2,
        police_agree(measure_id(1), MeasureKind::TijdelijkHuisverbod, Some(t(1))),
    );
    s.police_sets(
        3,
        Assignment::Measure {
            measure_id: measure_id(1),
            change: MeasureChange::Status {
                status: MeasureStatus::RecordedInError,
            },
        },
    );
    s.events
}

#[test]
fn write_golden_when_asked() {
    if std::env::var_os("SAMENOP_WRITE_GOLDEN_TRACE").is_none() {
        return;
    }
    let lines: Vec<String> = new_shapes().iter().map(|e| serde_json::to_string(e).unwrap()).collect();
    std::fs::write(FILE, lines.join("\n") + "\n").unwrap();
}

#[test]
fn a_measure_recorded_by_mistake_still_loads_and_keeps_its_bytes() {
    let text = std::fs::read_to_string(FILE).expect("golden file present");
    let mut events = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let event: Event = serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: {e}", n + 1));
        assert_eq!(
            serde_json::to_string(&event).unwrap(),
            line,
            "line {}: bytes changed",
            n + 1
        );
        assert_eq!(event.schema, Schema(3));
        events.push(event);
    }
    let state = CaseState::fold(&events);
    assert!(state.skipped.is_empty(), "{:?}", state.skipped);
    assert!(state.measures().is_empty());
    assert_eq!(state.all_measures()[0].status, MeasureStatus::RecordedInError);
}
