//! `cargo bench -p samenop-core`: time to fold a busy case and to evaluate
//! a triage. Prints figures; asserts nothing (timings belong in benches,
//! not in tests that flake).

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use samenop_core::event::{MeasureChange, ReportSource};
use samenop_core::measures::{AgreedMeasure, ContactPoint, MeasureId, MeasureKind, MeasureOwner};
use samenop_core::sash::SashItem;
use samenop_core::sharing::{InfoCategory, LegalGround, SharingRecord};
use samenop_core::steps::SafetyItem;
use samenop_core::triage::{Criterion, LiftingRoute, TriageInput};
use samenop_core::{
    Actor, Answer, Assignment, CaseId, CaseState, Device, DeviceId, Event, EventKind, OnSceneSummary, Organisation,
    Role, evaluate,
};
use uuid::Uuid;

fn actor(n: usize) -> Actor {
    let police = n.is_multiple_of(2);
    Actor {
        user_id: format!("user.{n}"),
        display_name: format!("Medewerker {n}"),
        organisation: if police {
            Organisation::Police
        } else {
            Organisation::VeiligThuis
        },
        role: if police { Role::Police } else { Role::VeiligThuis },
    }
}

/// 10,000 events of one case from four devices: edits to checklist,
/// criteria, SASH and measures, with shared items in between.
fn busy_case(n: usize) -> Vec<Event> {
    let case_id = CaseId(Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0001));
    let mut devices: Vec<Device> = (0..4)
        .map(|i| Device::new(actor(i), DeviceId(Uuid::from_u128(i as u128))))
        .collect();
    let start = Utc
        .with_ymd_and_hms(2026, 2, 10, 22, 0, 0)
        .single()
        .map(|t| t.timestamp_millis())
        .unwrap_or(0);
    let mut events = Vec::with_capacity(n);
    let mut state = CaseState::default();
    let opened = EventKind::CaseOpened {
        reported_at: Utc::now(),
        source: ReportSource::PoliceReport,
        address_hint: "Teststraat".into(),
        region: "Testregio".into(),
    };
    let e = devices[0].write_at(case_id, opened, start, [0; 10]);
    state.apply(&e);
    events.push(e);
    let measures: Vec<MeasureId> = (0..20).map(|i| MeasureId(Uuid::from_u128(1000 + i))).collect();
    for i in 1..n {
        let d = i % 4;
        let answer = [Answer::Yes, Answer::No, Answer::Unknown][i % 3];
        let kind = match i % 10 {
            _ if i <= measures.len() => {
                let m = AgreedMeasure::new(
                    measures[i - 1],
                    MeasureKind::ALL[i % MeasureKind::ALL.len()],
                    MeasureOwner {
                        organisation: Organisation::Police,
                        person: "Agent".into(),
                    },
                );
                EventKind::MeasureAgreed { measure: m }
            }
            0 => EventKind::InformationShared {
                record: SharingRecord {
                    record_id: Uuid::from_u128(i as u128),
                    from: Organisation::VeiligThuis,
                    to: Organisation::Police,
                    category: InfoCategory::KnownTo,
                    legal_ground: LegalGround::AvgWmo411,
                    summary: "Bekend bij VT, eerder dossier".into(),
                    om_contact: None,
                },
            },
            1 | 2 => state.assign(Assignment::Criterion {
                criterion: Criterion::ALL[i % 10],
                answer,
            }),
            3 => state.assign(Assignment::Safety {
                item: SafetyItem::ALL[i % 8],
                done: i % 2 == 0,
            }),
            4 => state.assign(Assignment::Sash {
                item: SashItem::ALL[i % 16],
                answer,
            }),
            5 => state.assign(Assignment::LiftingRoute {
                route: LiftingRoute::ALL[i % 3],
                applied: i % 2 == 0,
            }),
            6 | 7 => state.assign(Assignment::Measure {
                measure_id: measures[i % measures.len()],
                change: MeasureChange::FirstContact {
                    contact: Some(ContactPoint {
                        organisation: Organisation::VeiligThuis,
                        person: format!("Contact {i}"),
                        phone: "0800-0000000".into(),
                    }),
                },
            }),
            // Offline edits that saw nothing: these make conflicts.
            _ => EventKind::Assigned {
                supersedes: vec![],
                assignment: Assignment::SuspectHasAccess { answer },
            },
        };
        let mut random = [0u8; 10];
        random[..8].copy_from_slice(&(i as u64).to_le_bytes());
        let e = devices[d].write_at(case_id, kind, start + (i as i64) * 250, random);
        state.apply(&e);
        events.push(e);
    }
    events
}

fn measure<T>(label: &str, rounds: usize, mut f: impl FnMut() -> T) -> Duration {
    for _ in 0..rounds.div_ceil(10) {
        black_box(f());
    }
    let mut times: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    let p95 = times[times.len() * 95 / 100];
    println!(
        "{label:<48} median {:>10.3?}   p95 {:>10.3?}   ({rounds} rounds)",
        median, p95
    );
    median
}

fn main() {
    let events = busy_case(10_000);
    let bytes: usize = events
        .iter()
        .map(|e| serde_json::to_vec(e).map(|v| v.len()).unwrap_or(0))
        .sum();
    println!(
        "samenop-core bench: one case, {} events, {} KiB as JSON",
        events.len(),
        bytes / 1024
    );
    let state = CaseState::fold(&events);
    println!(
        "  folded: {} applied, {} skipped, {} conflicts",
        state.event_count,
        state.skipped.len(),
        state.conflicts().len()
    );

    // Arrival order is random on a real device; fold from reversed order.
    let mut reversed = events.clone();
    reversed.reverse();
    let fold = measure("fold 10,000 events (CaseState::fold)", 50, || {
        CaseState::fold(&reversed)
    });
    let now = Utc::now();
    measure("fold + on-scene summary of 10,000 events", 30, || {
        OnSceneSummary::build(&CaseState::fold(&reversed), now)
    });

    let mut input = TriageInput::new(now);
    input.criteria.set(Criterion::IntimateTerrorRecentBreakup, Answer::Yes);
    input.criteria.set(Criterion::Firearm, Answer::No);
    input.relationship_ended_on = Some(now.date_naive() - chrono::Duration::days(3));
    input.lifted_by = vec![LiftingRoute::ArrestedArt53Sv];
    // One triage is far below timer resolution: time batches of 1,000.
    let batch = measure("evaluate 1,000 triages", 200, || {
        for _ in 0..1_000 {
            black_box(evaluate(black_box(&input)));
        }
    });
    let per_triage = batch / 1_000;
    println!();
    println!("fold 10,000 events: {:.2} ms (target < 5 ms)", fold.as_secs_f64() * 1e3);
    println!(
        "evaluate triage:    {:.3} µs (target < 10 µs)",
        per_triage.as_secs_f64() * 1e6
    );
}
