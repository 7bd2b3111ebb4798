//! What needs the shift lead this shift (issue 17 §7): deadlines within the
//! shift, children without the kindcheck, and the list's filter chips.

mod common;

use chrono::Duration;
use common::{Scene, t};
use samenop_core::answer::Answer;
use samenop_core::board::LeadFlags;
use samenop_core::case::CaseStatus;
use samenop_core::event::MeasureChange;
use samenop_core::measures::{AgreedMeasure, DeadlineKind, MeasureId, MeasureKind, MeasureOwner};
use samenop_core::shift::{ListChip, ListFilter, SHIFT_HOURS, children_without_kindcheck, due_this_shift};
use samenop_core::steps::InvestigationPoint;
use samenop_core::wire::CaseFlags;
use samenop_core::{Assignment, EventKind, Organisation};
use uuid::Uuid;

fn agree(s: &mut Scene, minute: i64, n: u128, kind: MeasureKind, started_minute: Option<i64>) -> MeasureId {
    let id = MeasureId(Uuid::from_u128(n));
    let mut m = AgreedMeasure::new(
        id,
        kind,
        MeasureOwner {
            organisation: Organisation::Police,
            person: "Agent A. Voorbeeld".into(),
        },
    );
    m.started_at = started_minute.map(t);
    s.police_writes(minute, EventKind::MeasureAgreed { measure: m });
    id
}

#[test]
fn the_shift_is_eight_hours_and_no_seed_rule() {
    assert_eq!(SHIFT_HOURS, 8);
}

/// "Over verdachten die zijn aangehouden door de politie moet het OM binnen
/// 9 uur besluiten" (002 l.451–452): an arrest at minute 10 asks the OvJ by
/// minute 550; the lead sees it once it falls within the next 8 hours.
#[test]
fn the_ovj_decision_is_due_this_shift_once_within_eight_hours() {
    let mut s = Scene::opened();
    let arrest = agree(&mut s, 10, 1, MeasureKind::Aanhouding, Some(10));
    let state = s.state();
    let ovj = t(10) + Duration::hours(9);

    // One hour after the arrest the decision is 8 hours away: due.
    let due = due_this_shift(&state, t(70));
    assert!(
        due.iter()
            .any(|d| d.measure_id == arrest && d.deadline.kind == DeadlineKind::OvjDecision && d.deadline.due == ovj),
        "{due:?}"
    );
    assert_eq!(due[0].measure, MeasureKind::Aanhouding);
    // Right after the arrest it is 9 hours away: not yet this shift.
    assert!(
        due_this_shift(&state, t(11))
            .iter()
            .all(|d| d.deadline.kind != DeadlineKind::OvjDecision)
    );
    // Past it, it is overdue (the board's), not "this shift".
    assert!(due_this_shift(&state, ovj + Duration::minutes(1)).is_empty());
    assert_eq!(LeadFlags::of(&state, t(70)).due_this_shift, due.len());
}

/// The huisverbod runs "in beginsel tien dagen" (002 l.559–560): its end and
/// the extension decision a day before are due in the shift they fall in.
#[test]
fn the_huisverbod_end_on_day_ten_is_due_in_its_shift() {
    let mut s = Scene::opened();
    agree(&mut s, 10, 2, MeasureKind::TijdelijkHuisverbod, Some(10));
    let state = s.state();
    let ends = t(10) + Duration::days(10);
    let kinds = |now| {
        due_this_shift(&state, now)
            .iter()
            .map(|d| d.deadline.kind)
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds(ends - Duration::hours(7)), vec![DeadlineKind::HuisverbodEnds]);
    assert_eq!(
        kinds(ends - Duration::days(1) - Duration::hours(1)),
        vec![DeadlineKind::ExtensionDecision]
    );
    assert!(kinds(ends - Duration::days(5)).is_empty());
}

/// "Tot wanneer zijn de maatregelen in werking, op welk moment is er een
/// herbeoordeling" (004 l.301): the agreed re-assessment moment is due in
/// its shift, earliest first beside the OvJ decision.
#[test]
fn an_agreed_reassessment_is_due_this_shift_in_order() {
    let mut s = Scene::opened();
    agree(&mut s, 10, 1, MeasureKind::Aanhouding, Some(10));
    s.vt_writes(11, EventKind::CaseJoined { reason: None });
    let conditions = MeasureId(Uuid::from_u128(3));
    let measure = AgreedMeasure::new(
        conditions,
        MeasureKind::Veiligheidsvoorwaarden,
        MeasureOwner {
            organisation: Organisation::VeiligThuis,
            person: "M. de Vries".into(),
        },
    );
    s.vt_writes(12, EventKind::MeasureAgreed { measure });
    s.vt_sets(
        13,
        Assignment::Measure {
            measure_id: conditions,
            change: MeasureChange::ReassessAt { at: Some(t(300)) },
        },
    );
    let state = s.state();
    let due = due_this_shift(&state, t(200));
    let kinds: Vec<_> = due.iter().map(|d| d.deadline.kind).collect();
    assert_eq!(kinds[0], DeadlineKind::Reassessment, "{due:?} {:?}", state.skipped);
    assert!(kinds.contains(&DeadlineKind::OvjDecision));
    assert!(due.windows(2).all(|w| w[0].deadline.due <= w[1].deadline.due));
}

/// "De politie heeft oog voor de aanwezigheid van kinderen, hun veiligheid
/// en eventuele signalen van kindermishandeling" (004 l.199): children
/// present (or unknown) and no kindcheck recorded is the lead's flag, until
/// the police record the kindcheck.
#[test]
fn children_present_without_kindcheck_until_the_police_record_it() {
    let mut s = Scene::opened();
    // Nobody asked yet: "onbekend" counts as present.
    assert!(children_without_kindcheck(&s.state()));
    s.police_sets(5, Assignment::ChildrenPresent { answer: Answer::Yes });
    assert!(children_without_kindcheck(&s.state()));
    assert!(LeadFlags::of(&s.state(), t(6)).children_without_kindcheck);
    s.police_sets(
        6,
        Assignment::Investigation {
            point: InvestigationPoint::ChildCheck,
            done: true,
            note: String::new(),
        },
    );
    assert!(!children_without_kindcheck(&s.state()));
    assert!(!LeadFlags::of(&s.state(), t(7)).children_without_kindcheck);
}

#[test]
fn no_children_no_kindcheck_flag() {
    let mut s = Scene::opened();
    s.police_sets(5, Assignment::ChildrenPresent { answer: Answer::No });
    assert!(!children_without_kindcheck(&s.state()));
}

#[test]
fn chips_combine_any_status_and_every_need() {
    let due = CaseFlags {
        due_this_shift: 1,
        ..CaseFlags::default()
    };
    let both = CaseFlags {
        due_this_shift: 2,
        conflicts: true,
        ..CaseFlags::default()
    };
    let none = CaseFlags::default();
    let rows = [
        (CaseStatus::Acute, &due),
        (CaseStatus::Contained, &both),
        (CaseStatus::HandedOver, &none),
    ];
    let shown = |f: &ListFilter| rows.iter().filter(|(s, fl)| f.matches(*s, fl)).count();

    assert_eq!(shown(&ListFilter::default()), 3);
    let acute = ListFilter::default().toggled(ListChip::Acute);
    assert_eq!(shown(&acute), 1);
    // Two statuses: either.
    assert_eq!(shown(&acute.toggled(ListChip::Contained)), 2);
    // Two needs: both.
    let needs = ListFilter::parse("due_this_shift,conflicts").unwrap_or_default();
    assert_eq!(shown(&needs), 1);
    assert_eq!(shown(&ListFilter::default().toggled(ListChip::Open)), 2);
    assert_eq!(shown(&ListFilter::default().toggled(ListChip::HandedOver)), 1);
    // Toggling twice is off again.
    assert_eq!(acute.toggled(ListChip::Acute), ListFilter::default());
    assert_eq!(ListFilter::parse("acute,nonsense"), Err("nonsense".to_string()));

    let counts = ListFilter::counts(rows.iter().copied());
    let count = |c| counts.iter().find(|(k, _)| *k == c).map(|(_, n)| *n);
    assert_eq!(count(ListChip::DueThisShift), Some(2));
    assert_eq!(count(ListChip::Open), Some(2));
    assert_eq!(count(ListChip::ChangedSinceVisit), Some(0));
}
