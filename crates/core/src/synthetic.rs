//! Busy synthetic cases for benchmarks, demo data and load tests: invented
//! names and streets only, never real people or addresses. Deterministic,
//! so a figure measured today can be measured again tomorrow.

use crate::actor::{Actor, Organisation};
use crate::answer::Answer;
use crate::case::CaseState;
use crate::device::Device;
use crate::event::{Assignment, CaseId, DeviceId, Event, EventKind, MeasureChange, ReportSource};
use crate::measures::{AgreedMeasure, ContactPoint, MeasureId, MeasureKind, MeasureOwner};
use crate::sash::SashItem;
use crate::sharing::{InfoCategory, SharingRecord};
use crate::steps::SafetyItem;
use crate::triage::{Criterion, LiftingRoute};
use strum::VariantArray;

/// `n` events of one case written by `actors` in turn (one device each),
/// 250 ms apart from `start_ms`: checklist, criteria, SASH and measure
/// edits, shared information, and offline edits that make conflicts.
/// The first actor opens the case in `region`.
pub fn busy_case(case_id: CaseId, actors: &[Actor], region: &str, n: usize, start_ms: i64) -> Vec<Event> {
    if actors.is_empty() || n == 0 {
        return Vec::new();
    }
    let mut devices: Vec<Device> = actors
        .iter()
        .enumerate()
        .map(|(i, a)| {
            Device::new(
                a.clone(),
                DeviceId::from_parts(start_ms.unsigned_abs(), seed(i as u64 + 1)),
            )
        })
        .collect();
    let mut events = Vec::with_capacity(n);
    let mut state = CaseState::default();
    let opened = EventKind::CaseOpened {
        reported_at: chrono::DateTime::from_timestamp_millis(start_ms - 5 * 60_000).unwrap_or_default(),
        source: ReportSource::PoliceReport,
        address_hint: "Teststraat 99 (synthetisch)".into(),
        region: region.into(),
    };
    let e = devices[0].write_at(case_id, opened, start_ms, seed(0));
    state.apply(&e);
    events.push(e);
    // The colleagues join before they write: only participants write in a
    // case (issue 13). They count in the `n` events.
    for (d, device) in devices.iter_mut().enumerate().skip(1) {
        let joined = EventKind::CaseJoined { reason: None };
        let e = device.write_at(case_id, joined, start_ms, seed(u64::MAX - d as u64));
        state.apply(&e);
        events.push(e);
    }
    let measures: Vec<MeasureId> = (0..20)
        .map(|i| {
            // One id per measure: core admits an id once (issue 17 §2).
            MeasureId(
                uuid::Builder::from_unix_timestamp_millis(start_ms.unsigned_abs() + i, &seed(1_000 + i)).into_uuid(),
            )
        })
        .collect();
    for i in 1..n.saturating_sub(events.len() - 1) {
        let answer = [Answer::Yes, Answer::No, Answer::Unknown][i % 3];
        let kind = match i % 10 {
            _ if i <= measures.len() => {
                let kind = MeasureKind::VARIANTS[i % MeasureKind::VARIANTS.len()];
                EventKind::MeasureAgreed {
                    measure: AgreedMeasure::new(
                        measures[i - 1],
                        kind,
                        MeasureOwner {
                            organisation: kind.owner_organisations()[0],
                            person: "Agent".into(),
                        },
                    ),
                }
            }
            0 => {
                // Each organisation records what it shares itself.
                let from = devices[i % devices.len()].actor.organisation;
                let to = if from == Organisation::Police {
                    Organisation::VeiligThuis
                } else {
                    Organisation::Police
                };
                match SharingRecord::on_default_ground(
                    uuid::Uuid::from_u128(i as u128),
                    from,
                    to,
                    InfoCategory::KnownTo,
                    "Bekend bij VT, eerder dossier",
                ) {
                    Some(record) => EventKind::InformationShared { record },
                    None => EventKind::CaseJoined { reason: None },
                }
            }
            1 | 2 => state.assign(Assignment::Criterion {
                criterion: Criterion::VARIANTS[i % 10],
                answer,
            }),
            3 => state.assign(Assignment::Safety {
                item: SafetyItem::VARIANTS[i % 8],
                done: i % 2 == 0,
            }),
            4 => state.assign(Assignment::Sash {
                item: SashItem::VARIANTS[i % 16],
                answer,
            }),
            5 => state.assign(Assignment::LiftingRoute {
                route: LiftingRoute::VARIANTS[i % 3],
                applied: i % 2 == 0,
            }),
            // Each measure is changed by the device that agreed it: a device
            // only refers to what it holds, and the server admits a push in
            // order (regression: the busy demo case was refused once the
            // server checked that a changed measure exists).
            6 | 7 => state.assign(Assignment::Measure {
                measure_id: measures[own_measure(i, devices.len(), measures.len())],
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
        let d = i % devices.len();
        let e = devices[d].write_at(case_id, kind, start_ms + (i as i64) * 250, seed(i as u64));
        state.apply(&e);
        events.push(e);
    }
    events
}

/// A measure agreed by the device that writes event `i` (measure `j` was
/// agreed as event `j + 1`, by device `(j + 1) % devices`).
fn own_measure(i: usize, devices: usize, measures: usize) -> usize {
    let first = (i + devices - 1) % devices;
    let count = (measures - first).div_ceil(devices);
    first + devices * ((i / 10) % count)
}

/// Ten id bytes from a counter: unique per event, reproducible.
fn seed(i: u64) -> [u8; 10] {
    let mut random = [0u8; 10];
    random[..8].copy_from_slice(&i.to_le_bytes());
    random[8] = 0x5a;
    random
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::Role;

    fn actors() -> Vec<Actor> {
        [
            (Organisation::Police, Role::Police),
            (Organisation::VeiligThuis, Role::VeiligThuis),
        ]
        .into_iter()
        .enumerate()
        .map(|(i, (organisation, role))| Actor {
            user_id: format!("synth.{i}"),
            display_name: format!("Medewerker {i}"),
            organisation,
            role,
        })
        .collect()
    }

    #[test]
    fn a_busy_case_is_valid_unique_and_reproducible() {
        let case = CaseId::from_parts(1_767_225_600_000, [7; 10]);
        let events = busy_case(case, &actors(), "Testregio", 2_000, 1_767_225_600_000);
        assert_eq!(events.len(), 2_000);
        assert!(events.iter().all(|e| e.validate().is_ok()));
        let ids: std::collections::HashSet<_> = events.iter().map(|e| e.id).collect();
        assert_eq!(ids.len(), 2_000, "every event has its own id");
        let state = CaseState::fold(&events);
        assert_eq!(state.event_count, 2_000);
        assert!(state.skipped.is_empty(), "{:?}", state.skipped);
        assert!(!state.conflicts().is_empty(), "offline edits make conflicts");
        assert_eq!(
            events,
            busy_case(case, &actors(), "Testregio", 2_000, 1_767_225_600_000)
        );
    }
}
