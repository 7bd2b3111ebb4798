//! `GET /api/v1/board`: the shift lead's measures board.

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use samenop_core::board::BoardItem;
use samenop_core::event::{EventKind, MeasureChange};
use samenop_core::measures::{AgreedMeasure, DeadlineKind, MeasureId, MeasureKind, MeasureOwner, MeasureStatus};
use samenop_core::{Assignment, CaseId, Event, Organisation, Role};

use crate::helpers::*;

/// A measure agreed by `author`, shaped by `set`; owned by the author's
/// organisation where the measure's roles allow it, else by the first
/// organisation they allow (core refuses any other owner).
pub fn measure(author: &str, case_id: CaseId, kind: MeasureKind, set: impl FnOnce(&mut AgreedMeasure)) -> Event {
    let a = actor(author);
    let allowed = kind.owner_organisations();
    let owner = if allowed.contains(&a.organisation) {
        MeasureOwner {
            organisation: a.organisation,
            person: a.display_name.clone(),
        }
    } else {
        MeasureOwner {
            organisation: allowed[0],
            person: "Medewerker (fictief)".into(),
        }
    };
    let mut m = AgreedMeasure::new(MeasureId(uuid::Uuid::now_v7()), kind, owner);
    set(&mut m);
    event(author, case_id, EventKind::MeasureAgreed { measure: m })
}

fn measure_id(e: &Event) -> MeasureId {
    match &e.kind {
        EventKind::MeasureAgreed { measure } => measure.measure_id,
        _ => panic!("not a measure"),
    }
}

async fn board(app: &TestApp, token: &str) -> Vec<BoardItem> {
    let resp = app.get(token, "/api/v1/board").await;
    assert_eq!(resp.status(), StatusCode::OK);
    resp.json().await.unwrap()
}

#[tokio::test]
async fn the_board_puts_the_ovj_deadline_before_a_huisverbod_ending_and_marks_overdue_measures() {
    let app = spawn_app().await;
    let police = app.login("agent.a").await;
    let now = Utc::now();

    let huisverbod_case = app.case_by_agent(&police).await;
    let served = now - Duration::days(1);
    let huisverbod = measure("agent.a", huisverbod_case, MeasureKind::TijdelijkHuisverbod, |m| {
        m.started_at = Some(served)
    });
    let arrest_case = app.case_by_agent(&police).await;
    let arrested = now - Duration::hours(1);
    let arrest = measure("agent.a", arrest_case, MeasureKind::Aanhouding, |m| {
        m.started_at = Some(arrested)
    });
    let overdue_case = app.case_by_agent(&police).await;
    let overdue = measure("agent.a", overdue_case, MeasureKind::Veiligheidsafspraken, |m| {
        m.reassess_at = Some(now - Duration::hours(2))
    });
    // No moment to act: last. Withdrawn: not on the board at all.
    let quiet_case = app.case_by_agent(&police).await;
    let shelter = measure("agent.a", quiet_case, MeasureKind::Opvang, |_| {});
    let withdrawn = measure("agent.a", quiet_case, MeasureKind::WeghoudenArt3Pw, |_| {});
    let withdraw = event(
        "agent.a",
        quiet_case,
        EventKind::Assigned {
            supersedes: vec![withdrawn.id],
            assignment: Assignment::Measure {
                measure_id: measure_id(&withdrawn),
                change: MeasureChange::Status {
                    status: MeasureStatus::Withdrawn,
                },
            },
        },
    );
    let pushed = vec![
        huisverbod.clone(),
        arrest.clone(),
        overdue.clone(),
        shelter.clone(),
        withdrawn,
        withdraw,
    ];
    let resp = app.push(&police, pushed).await;
    assert_all_applied(&resp);

    let lead = app.login("lead.c").await;
    let items = board(&app, &lead).await;
    let order: Vec<(Option<CaseId>, MeasureId)> = items.iter().map(|i| (i.case_id, i.measure_id)).collect();
    assert_eq!(
        order,
        vec![
            (Some(overdue_case), measure_id(&overdue)),
            (Some(arrest_case), measure_id(&arrest)),
            (Some(huisverbod_case), measure_id(&huisverbod)),
            (Some(quiet_case), measure_id(&shelter)),
        ]
    );
    let next: Vec<Option<DeadlineKind>> = items.iter().map(|i| i.next.map(|d| d.kind)).collect();
    assert_eq!(
        next,
        vec![
            Some(DeadlineKind::Reassessment),
            Some(DeadlineKind::OvjDecision),
            // The extension decision comes a day before the tenth day.
            Some(DeadlineKind::ExtensionDecision),
            None
        ]
    );
    let due = |i: usize| items[i].next.map(|d| d.due.timestamp_millis());
    assert_eq!(due(1), Some((arrested + Duration::hours(9)).timestamp_millis()));
    assert_eq!(due(2), Some((served + Duration::days(9)).timestamp_millis()));
    assert_eq!(
        items.iter().map(|i| i.overdue).collect::<Vec<_>>(),
        vec![true, false, false, false]
    );
    assert_eq!(items[0].address_hint, "Teststraat 1, achterom");
}

#[tokio::test]
async fn only_shift_leads_see_the_board_and_a_refused_request_reads_nothing() {
    let (app, police, case_id) = spawn_app_with_case().await;
    app.push(&police, vec![measure("agent.a", case_id, MeasureKind::Opvang, |_| {})])
        .await;
    for who in ["agent.a", "vt.b", "admin.d"] {
        let token = app.login(who).await;
        let other_review = app.get_error(&token, "/api/v1/cases", StatusCode::FORBIDDEN).await;
        let refused = app.get_error(&token, "/api/v1/board", StatusCode::FORBIDDEN).await;
        assert_eq!(refused, other_review, "{who}");
    }
    assert!(app.audit_of(case_id).await.is_empty(), "refusals audit nothing");

    // A case without open measures is not on the board, so not read.
    let without = app.case_by_agent(&police).await;
    let lead = app.login("lead.c").await;
    assert_eq!(board(&app, &lead).await.len(), 1);
    assert_eq!(app.audit_of(case_id).await, vec![("lead.c".into(), "board".into())]);
    assert!(app.audit_of(without).await.is_empty());
}

#[tokio::test]
async fn another_regions_measures_never_appear_on_the_board() {
    let (app, police, ours) = spawn_app_with_case().await;
    app.push(
        &police,
        vec![measure("agent.a", ours, MeasureKind::TijdelijkHuisverbod, |m| {
            m.started_at = Some(Utc::now())
        })],
    )
    .await;
    let elsewhere = app.login("agent.e").await;
    let theirs = CaseId::generate();
    let resp = app
        .push(
            &elsewhere,
            vec![
                opened("agent.e", theirs, OTHER_REGION),
                measure("agent.e", theirs, MeasureKind::Aanhouding, |m| {
                    m.started_at = Some(Utc::now())
                }),
            ],
        )
        .await;
    assert_all_applied(&resp);

    let lead = app.login("lead.c").await;
    let items = board(&app, &lead).await;
    assert_eq!(items.iter().map(|i| i.case_id).collect::<Vec<_>>(), vec![Some(ours)]);
    let lead_elsewhere = app.login("lead.f").await;
    let items = board(&app, &lead_elsewhere).await;
    assert_eq!(items.iter().map(|i| i.case_id).collect::<Vec<_>>(), vec![Some(theirs)]);
    assert_eq!(items[0].kind, MeasureKind::Aanhouding);
    // Each lead's read is logged against their own region's case only (and
    // each region's admin reads their own region's audit).
    app.add_account(&account("admin.f", Organisation::Police, Role::Admin, OTHER_REGION))
        .await;
    assert_eq!(
        who_did_what(&app.audit_entries_as("admin.f", theirs).await),
        vec![("lead.f".into(), "board".into())]
    );
    assert_eq!(app.audit_of(ours).await, vec![("lead.c".into(), "board".into())]);
}

/// Regression (protocol review): the board showed only cases with an entry
/// in the lead window (14 days), so a huisverbod extended to four weeks in
/// a case nobody wrote in for a fortnight fell off the board before its
/// end, and the board read "Geen openstaande maatregelen". An item whose
/// moment to act lies within or after the window stays whatever the case's
/// last activity; one without (no moment agreed) still follows the window.
#[tokio::test]
async fn a_moment_to_act_stays_on_the_board_after_the_case_leaves_the_lead_window() {
    let app = spawn_app().await;
    let police = app.login("agent.a").await;
    let lead = app.login("lead.c").await;
    let now = Utc::now();
    let dated = app.case_by_agent(&police).await;
    let arrest = measure("agent.a", dated, MeasureKind::Aanhouding, |m| {
        m.started_at = Some(now - Duration::hours(1))
    });
    let undated = app.case_by_agent(&police).await;
    let shelter = measure("agent.a", undated, MeasureKind::Opvang, |_| {});
    assert_all_applied(&app.push(&police, vec![arrest, shelter]).await);
    assert_eq!(board(&app, &lead).await.len(), 2);
    for case_id in [dated, undated] {
        crate::lead_window::age_case(&app.db, case_id, 20).await;
    }
    let items = board(&app, &lead).await;
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0].case_id, Some(dated));
}
