//! The shift lead's figures and measures board, checked against fixtures
//! counted by hand.

mod common;

use chrono::Duration;
use common::{Scene, t};
use samenop_core::board::{board, changes_at};
use samenop_core::evaluation::{Week, WeekFigures, case_figures, sum_weeks, weekly};
use samenop_core::event::{CaseNature, MeasureChange};
use samenop_core::handover::{HandoverItem, ResponseMode};
use samenop_core::measures::{
    AgreedMeasure, Deadline, DeadlineKind, MeasureId, MeasureKind, MeasureOwner, MeasureStatus, Reassessment,
    ReassessmentOutcome,
};
use samenop_core::sharing::InfoCategory;
use samenop_core::steps::SafetyItem;
use samenop_core::{Assignment, CaseId, CaseState, EventKind, Organisation};
use uuid::Uuid;

const WEEK: i64 = 7 * 24 * 60;

fn scene(n: u128) -> Scene {
    let mut s = Scene::new();
    s.case_id = CaseId(Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0000 + n));
    s
}

fn measure(s: &mut Scene, minute: i64, n: u128, kind: MeasureKind, started: bool) -> MeasureId {
    let id = MeasureId(Uuid::from_u128(n));
    // The owner is an organisation the measure's roles allow (core refuses
    // others): the police where they may, else the first one allowed.
    let allowed = kind.owner_organisations();
    let organisation = if allowed.contains(&Organisation::Police) {
        Organisation::Police
    } else {
        allowed[0]
    };
    let mut m = AgreedMeasure::new(
        id,
        kind,
        MeasureOwner {
            organisation,
            person: "Agent A. Voorbeeld".into(),
        },
    );
    if started {
        m.started_at = Some(t(minute));
    }
    s.police_writes(minute, EventKind::MeasureAgreed { measure: m });
    id
}

fn handover(s: &mut Scene, minute: i64, item: HandoverItem) {
    s.vt_sets(minute, Assignment::Handover { item });
}

/// Week 7 (the report at 10 February 2026, 21:55 UTC): A, B, C. Week 8: D.
fn region() -> Vec<CaseState> {
    // A: partner violence, VT phoned 15 min after the report, huisverbod
    // (plus a shelter that was withdrawn), in person, dat-informatie useful,
    // police registrations missing.
    let mut a = scene(1);
    a.open(0);
    a.police_sets(
        10,
        Assignment::Safety {
            item: SafetyItem::VtPhoned,
            done: true,
        },
    );
    a.vt_writes(20, EventKind::CaseJoined { reason: None });
    a.police_sets(
        21,
        Assignment::Nature {
            nature: CaseNature::PartnerViolence,
        },
    );
    measure(&mut a, 30, 11, MeasureKind::TijdelijkHuisverbod, true);
    let shelter = measure(&mut a, 31, 12, MeasureKind::Opvang, false);
    a.vt_sets(
        32,
        Assignment::Measure {
            measure_id: shelter,
            change: MeasureChange::Status {
                status: MeasureStatus::Withdrawn,
            },
        },
    );
    handover(
        &mut a,
        40,
        HandoverItem::ResponseMode {
            mode: ResponseMode::InPerson,
        },
    );
    handover(
        &mut a,
        41,
        HandoverItem::UsefulInformation {
            categories: vec![InfoCategory::KnownTo],
        },
    );
    handover(
        &mut a,
        42,
        HandoverItem::MissingInformation {
            categories: vec![InfoCategory::PoliceRegistrations],
        },
    );

    // B: child abuse, VT phoned 30 min after the report, arrest, by phone;
    // a re-assessment set for long ago (overdue on the board).
    let mut b = scene(2);
    b.open(100);
    b.police_sets(
        125,
        Assignment::Safety {
            item: SafetyItem::VtPhoned,
            done: true,
        },
    );
    b.vt_writes(126, EventKind::CaseJoined { reason: None });
    b.police_sets(
        127,
        Assignment::Nature {
            nature: CaseNature::ChildAbuse,
        },
    );
    let arrest = measure(&mut b, 130, 21, MeasureKind::Aanhouding, true);
    let conditions = measure(&mut b, 131, 22, MeasureKind::Veiligheidsvoorwaarden, false);
    b.vt_sets(
        132,
        Assignment::Measure {
            measure_id: conditions,
            change: MeasureChange::ReassessAt { at: Some(t(140)) },
        },
    );
    handover(
        &mut b,
        150,
        HandoverItem::ResponseMode {
            mode: ResponseMode::ByPhone,
        },
    );
    let _ = arrest;

    // C: police alone (VT never joined): not a joint response.
    let mut c = scene(3);
    c.open(200);
    c.police_sets(
        201,
        Assignment::Nature {
            nature: CaseNature::Other,
        },
    );

    // D, a week later: joint, VT phoned 45 min after the report, no mode
    // recorded, an open shelter without any deadline.
    let mut d = scene(4);
    d.open(WEEK);
    d.police_sets(
        WEEK + 40,
        Assignment::Safety {
            item: SafetyItem::VtPhoned,
            done: true,
        },
    );
    d.vt_writes(WEEK + 41, EventKind::CaseJoined { reason: None });
    measure(&mut d, WEEK + 50, 41, MeasureKind::Opvang, false);

    [a, b, c, d].iter().map(Scene::state).collect()
}

#[test]
fn weekly_figures_match_the_hand_count() {
    let weeks = weekly(&region());
    assert_eq!(weeks.len(), 2);
    let w7 = &weeks[0];
    assert_eq!(w7.week, Some(Week { year: 2026, week: 7 }));
    assert_eq!(w7.joint_responses, 2, "A and B; C had no VT");
    assert_eq!((w7.in_person, w7.by_phone, w7.mode_not_recorded), (1, 1, 0));
    assert_eq!(w7.nature.get(&CaseNature::PartnerViolence), Some(&1));
    assert_eq!(w7.nature.get(&CaseNature::ChildAbuse), Some(&1));
    assert_eq!(w7.nature.get(&CaseNature::Other), None, "C is not a joint response");
    let used: Vec<(MeasureKind, usize)> = w7.interventions.iter().map(|(k, n)| (*k, *n)).collect();
    assert_eq!(used.len(), 3, "{used:?}");
    assert_eq!(w7.interventions.get(&MeasureKind::TijdelijkHuisverbod), Some(&1));
    assert_eq!(w7.interventions.get(&MeasureKind::Aanhouding), Some(&1));
    assert_eq!(w7.interventions.get(&MeasureKind::Veiligheidsvoorwaarden), Some(&1));
    assert_eq!(
        w7.interventions.get(&MeasureKind::Opvang),
        None,
        "the withdrawn shelter is not counted"
    );
    assert_eq!(w7.useful_information.get(&InfoCategory::KnownTo), Some(&1));
    assert_eq!(w7.missing_information.get(&InfoCategory::PoliceRegistrations), Some(&1));
    assert_eq!(w7.report_to_vt_contact_minutes, vec![15, 30]);
    assert_eq!(w7.median_minutes_to_vt(), Some(22));

    let w8 = &weeks[1];
    assert_eq!(w8.week.map(|w| w.to_string()), Some("2026-W08".into()));
    assert_eq!((w8.joint_responses, w8.mode_not_recorded), (1, 1));
    assert_eq!(w8.report_to_vt_contact_minutes, vec![45]);
    assert_eq!(w8.interventions.get(&MeasureKind::Opvang), Some(&1));
}

/// The server stores each case's part as JSON beside its events and sums
/// the stored parts for the lead (issue 18 §1): that sum, in any order of
/// cases, gives the hand-counted figures.
#[test]
fn figures_summed_from_stored_case_parts_equal_the_figures_of_the_folds() {
    let states = region();
    let stored: Vec<String> = states
        .iter()
        .map(|s| serde_json::to_string(&case_figures(s)).expect("a case's part encodes"))
        .collect();
    let read_back =
        |json: &String| -> Option<WeekFigures> { serde_json::from_str(json).expect("a stored part decodes") };
    assert_eq!(sum_weeks(stored.iter().filter_map(read_back)), weekly(&states));
    let mut reversed = sum_weeks(stored.iter().rev().filter_map(read_back));
    for w in &mut reversed {
        w.report_to_vt_contact_minutes.sort_unstable();
    }
    assert_eq!(reversed[0].report_to_vt_contact_minutes, vec![15, 30]);
    assert_eq!(reversed[0].joint_responses, 2);
    assert_eq!(reversed[1].joint_responses, 1);
    let c = case_figures(&states[2]).expect("C has a report time");
    assert_eq!(
        (c.week.map(|w| w.to_string()), c.joint_responses),
        (Some("2026-W07".into()), 0),
        "a case without VT places its week and counts nothing"
    );
}

#[test]
fn the_board_lists_open_measures_overdue_first_then_by_deadline_then_without() {
    let now = t(300);
    let items = board(&region(), now);
    let order: Vec<(MeasureKind, Option<DeadlineKind>, bool)> = items
        .iter()
        .map(|i| (i.kind, i.next.as_ref().map(|d| d.kind), i.overdue))
        .collect();
    assert_eq!(
        order,
        vec![
            (
                MeasureKind::Veiligheidsvoorwaarden,
                Some(DeadlineKind::Reassessment),
                true
            ),
            (MeasureKind::Aanhouding, Some(DeadlineKind::OvjDecision), false),
            // The extension decision comes a day before the tenth day.
            (
                MeasureKind::TijdelijkHuisverbod,
                Some(DeadlineKind::ExtensionDecision),
                false
            ),
            (MeasureKind::Opvang, None, false),
        ],
        "the withdrawn shelter of case A is not on the board"
    );
    assert_eq!(items[1].next.as_ref().map(|d| d.due), Some(t(130) + Duration::hours(9)));
    assert_eq!(items[2].next.as_ref().map(|d| d.due), Some(t(30) + Duration::days(9)));
    assert_eq!(items[0].address_hint, "Teststraat, achterom");
    // Past the OvJ deadline the arrest is overdue too, and still second.
    let later = board(&region(), t(130) + Duration::hours(10));
    assert!(later[0].overdue && later[1].overdue && !later[2].overdue);
}

/// The lead's app asks for the board again when it would read differently
/// with no new event (issue 18 §3): just after the next shown moment passes.
#[test]
fn the_board_changes_with_time_just_after_its_next_shown_moment() {
    let now = t(300);
    let items = board(&region(), now);
    let ovj = t(130) + Duration::hours(9);
    let at = changes_at(&items, now).expect("the arrest's OvJ decision lies ahead");
    assert_eq!(
        at,
        ovj + Duration::milliseconds(1),
        "the overdue item's past moment does not count"
    );
    assert_eq!(
        board(&region(), at - Duration::milliseconds(1)),
        items,
        "until then the board reads as it did"
    );
    assert!(
        !items[1].overdue && board(&region(), at)[1].overdue,
        "then the OvJ decision is overdue"
    );
    // Past every moment, only events change it.
    let much_later = t(300) + Duration::days(60);
    assert_eq!(changes_at(&board(&region(), much_later), much_later), None);
}

#[test]
fn a_measure_that_ended_leaves_the_board_once_its_reassessment_is_recorded() {
    let mut states = region();
    let mut b = scene(2);
    b.open(100);
    let arrest = measure(&mut b, 130, 21, MeasureKind::Aanhouding, true);
    b.police_sets(
        140,
        Assignment::Measure {
            measure_id: arrest,
            change: MeasureChange::Status {
                status: MeasureStatus::Ended,
            },
        },
    );
    states[1] = b.state();
    // Ended without a re-assessment: the suspect may be free again, so the
    // re-assessment is owed and overdue (002 l.1103–1106).
    let items = board(&states, t(300));
    let arrest_item = items.iter().find(|i| i.kind == MeasureKind::Aanhouding).expect("owed");
    assert_eq!(
        arrest_item.next,
        Some(Deadline {
            kind: DeadlineKind::ReassessBeforeAccess,
            due: t(140)
        })
    );
    assert!(arrest_item.overdue);
    // Once the re-assessment is recorded, the ended measure leaves the board.
    b.vt_sets(
        150,
        Assignment::Measure {
            measure_id: arrest,
            change: MeasureChange::Reassessed {
                reassessment: Some(Reassessment {
                    at: t(150),
                    by: MeasureOwner {
                        organisation: Organisation::VeiligThuis,
                        person: "B. Proef".into(),
                    },
                    outcome: ReassessmentOutcome::End,
                }),
            },
        },
    );
    states[1] = b.state();
    let kinds: Vec<MeasureKind> = board(&states, t(300)).iter().map(|i| i.kind).collect();
    assert!(!kinds.contains(&MeasureKind::Aanhouding), "{kinds:?}");
}

#[test]
fn lead_flags_mark_unknown_children_conflicts_and_measures_due_within_a_day() {
    use samenop_core::board::LeadFlags;
    let states = region();
    let now = t(300);
    let a = LeadFlags::of(&states[0], now);
    assert!(a.children_present, "children never asked: unknown counts as present");
    assert!(!a.measures_due, "the huisverbod ends in 10 days");
    let b = LeadFlags::of(&states[1], now);
    assert!(
        b.measures_due,
        "OvJ decision within 9 hours, and an overdue re-assessment"
    );
    let d = LeadFlags::of(&states[3], now);
    assert!(!d.measures_due, "a shelter without deadlines is never due");
    assert!(!d.conflicts);
}

/// 002 l.2470: the acute approach covers roughly the first 24 hours after
/// the report; a case still not safe and not handed over after that is
/// flagged for the shift lead.
#[test]
fn a_case_not_safe_and_not_handed_over_a_day_after_the_report_is_flagged() {
    use samenop_core::board::LeadFlags;
    let mut s = common::Scene::opened();
    s.police_sets(
        1,
        samenop_core::Assignment::Criterion {
            criterion: samenop_core::triage::Criterion::Firearm,
            answer: samenop_core::Answer::Yes,
        },
    );
    let state = s.state();
    assert!(!LeadFlags::of(&state, common::t(23 * 60)).acute_past_24_hours);
    assert!(LeadFlags::of(&state, common::t(25 * 60)).acute_past_24_hours);
}

/// A change of access or oversight after a measure was agreed asks for a
/// re-assessment (002 l.1091–1096): on the board at the change, overdue,
/// until a re-assessment made after it is recorded.
#[test]
fn a_change_of_access_or_oversight_puts_a_reassessment_on_the_board() {
    use samenop_core::Answer;
    let mut s = scene(9);
    s.open(0);
    let huisverbod = measure(&mut s, 30, 91, MeasureKind::TijdelijkHuisverbod, true);
    s.vt_sets(60, Assignment::ThirdPartyOversight { answer: Answer::No });
    let items = board(&[s.state()], t(300));
    assert_eq!(
        items[0].next,
        Some(Deadline {
            kind: DeadlineKind::AccessChanged,
            due: t(60)
        })
    );
    assert!(items[0].overdue);
    // Regression (protocol review): the summary showed only the measure's
    // own deadlines, so the lead read a later moment there while the board
    // had this one overdue. Both now tell the same.
    let summary = samenop_core::OnSceneSummary::build(&s.state(), t(300));
    assert_eq!(summary.upcoming_deadlines()[0].1, items[0].next.unwrap());
    s.vt_sets(
        70,
        Assignment::Measure {
            measure_id: huisverbod,
            change: MeasureChange::Reassessed {
                reassessment: Some(Reassessment {
                    at: t(70),
                    by: MeasureOwner {
                        organisation: Organisation::VeiligThuis,
                        person: "B. Proef".into(),
                    },
                    outcome: ReassessmentOutcome::Continue,
                }),
            },
        },
    );
    let items = board(&[s.state()], t(300));
    assert_eq!(items[0].next.map(|d| d.kind), Some(DeadlineKind::ExtensionDecision));
    assert!(!items[0].overdue);
}

/// Regression (protocol review): a huisverbod only agreed and one imposed
/// read alike on the board; the lead could take a plan for protection.
/// Each item carries its measure's status (004 l.301).
#[test]
fn the_board_tells_a_plan_from_a_measure_in_force() {
    let mut s = scene(12);
    s.open(0);
    let planned = measure(&mut s, 10, 121, MeasureKind::TijdelijkHuisverbod, false);
    let imposed = MeasureId(Uuid::from_u128(122));
    s.police_does(11, common::police_agree(imposed, MeasureKind::Aanhouding, Some(t(11))));
    let items = board(&[s.state()], t(20));
    let status_of = |id| items.iter().find(|i| i.measure_id == id).and_then(|i| i.status);
    assert_eq!(status_of(planned), Some(MeasureStatus::Agreed));
    assert_eq!(status_of(imposed), Some(MeasureStatus::Imposed));
}
