//! The server admits pushed events with core's own rules
//! (`CaseState::admit`), so a modified client cannot get past a rule the
//! app keeps.

use samenop_core::measures::{AgreedMeasure, MeasureChange, MeasureId, MeasureKind, MeasureOwner, SpecialCondition};
use samenop_core::sharing::{InfoCategory, LegalGround, SharingRecord};
use samenop_core::wire::RejectCode;
use samenop_core::{Assignment, CaseId, EventKind, Organisation};

use crate::helpers::*;

fn shared(from: Organisation, to: Organisation) -> EventKind {
    EventKind::InformationShared {
        record: SharingRecord {
            record_id: uuid::Uuid::now_v7(),
            from,
            to,
            category: InfoCategory::VeiligThuisRecords,
            legal_ground: LegalGround::default_for(from, to).expect("a ground fits"),
            summary: "Bekend bij VT".into(),
            om_contact: None,
        },
    }
}

/// Regression (security review): a police account recorded
/// `information_shared` with `from: veilig_thuis`, and it reached the
/// shift lead's PDF as if Veilig Thuis had said it.
#[tokio::test]
async fn a_police_account_cannot_record_what_veilig_thuis_shared() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let forged = event(
        "agent.a",
        case_id,
        shared(Organisation::VeiligThuis, Organisation::Police),
    );
    let own = event(
        "agent.a",
        case_id,
        shared(Organisation::Police, Organisation::VeiligThuis),
    );
    let codes = app.push_codes(&police, vec![forged, own]).await;
    assert_eq!(codes, vec![Some(RejectCode::Invalid), None]);
}

fn measure_change(case_id: CaseId, measure_id: MeasureId, conditions: Vec<SpecialCondition>) -> samenop_core::Event {
    event(
        "agent.a",
        case_id,
        EventKind::Assigned {
            supersedes: vec![],
            assignment: Assignment::Measure {
                measure_id,
                change: MeasureChange::Conditions { conditions },
            },
        },
    )
}

/// Before: the server stored such changes and every fold skipped them,
/// so the author believed a change was recorded that nobody saw.
#[tokio::test]
async fn a_change_to_a_measure_the_case_never_agreed_is_refused() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let unknown = MeasureId(uuid::Uuid::now_v7());
    let codes = app
        .push_codes(&police, vec![measure_change(case_id, unknown, vec![])])
        .await;
    assert_eq!(codes, vec![Some(RejectCode::Invalid)]);
}

#[tokio::test]
async fn a_measure_agreed_earlier_in_the_same_push_or_before_may_be_changed_within_its_rules() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let id = MeasureId(uuid::Uuid::now_v7());
    let agreed = event(
        "agent.a",
        case_id,
        EventKind::MeasureAgreed {
            measure: AgreedMeasure::new(
                id,
                MeasureKind::Gedragsaanwijzing509hh,
                MeasureOwner {
                    organisation: Organisation::Police,
                    person: "Agent A".into(),
                },
            ),
        },
    );
    let fits = measure_change(case_id, id, vec![SpecialCondition::Contactverbod]);
    assert_eq!(app.push_codes(&police, vec![agreed, fits]).await, vec![None, None]);
    // In a later push the stored case is folded to judge it.
    let does_not_fit = measure_change(case_id, id, vec![SpecialCondition::Schadevergoeding]);
    let later_fit = measure_change(case_id, id, vec![SpecialCondition::Gebiedsverbod]);
    assert_eq!(
        app.push_codes(&police, vec![does_not_fit, later_fit]).await,
        vec![Some(RejectCode::Invalid), None]
    );
}
