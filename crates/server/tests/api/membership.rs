//! Need-to-know membership and bound authorship (issue 13 parts 1–2): each
//! test is named after what it prevents. SQLite by default, PostgreSQL
//! with `SAMENOP_TEST_DATABASE_URL`.

use chrono::Utc;
use samenop_core::membership::LateJoinCause;
use samenop_core::summary::TimelineKind;
use samenop_core::triage::Criterion;
use samenop_core::wire::{JoinableCase, PushOutcome, RejectCode};
use samenop_core::{Answer, Assignment, CaseId, CaseState, EventId, EventKind, Hlc, OnSceneSummary};

use crate::helpers::*;

fn firearm(author: &str, case_id: CaseId, answer: Answer, supersedes: Vec<EventId>) -> samenop_core::Event {
    event(
        author,
        case_id,
        EventKind::Assigned {
            supersedes,
            assignment: Assignment::Criterion {
                criterion: Criterion::Firearm,
                answer,
            },
        },
    )
}

/// vt.b joins the case and answers "Vuurwapen: ja"; returns vt.b's token
/// and that answer.
async fn vt_joins_saying_firearm_yes(app: &TestApp, case_id: CaseId) -> (String, samenop_core::Event) {
    let vt = app.login("vt.b").await;
    let vt_yes = firearm("vt.b", case_id, Answer::Yes, vec![]);
    assert_all_applied(&app.push(&vt, vec![joined("vt.b", case_id), vt_yes.clone()]).await);
    (vt, vt_yes)
}

fn late_join(author: &str, case_id: CaseId, reason: &str) -> samenop_core::Event {
    event(
        author,
        case_id,
        EventKind::CaseJoined {
            reason: Some(reason.into()),
        },
    )
}

/// A case agent.a opened a minute ago, on a server whose join window has
/// already closed (`--join-window 0`): every join is a late one.
async fn case_past_its_window() -> (TestApp, String, CaseId) {
    let app = spawn_app_with(|c| c.join_window = std::time::Duration::ZERO).await;
    let police = app.login("agent.a").await;
    let case_id = CaseId::generate();
    let mut open = opened("agent.a", case_id, REGION);
    open.stamp = Hlc::new((Utc::now() - chrono::Duration::minutes(1)).timestamp_millis(), 0);
    assert_all_applied(&app.push(&police, vec![open]).await);
    (app, police, case_id)
}

async fn summary(app: &TestApp, case_id: CaseId) -> OnSceneSummary {
    let lead = app.login("lead.c").await;
    app.get_json(&lead, &format!("/api/v1/cases/{case_id}/summary")).await
}

/// Seen: any write made the writer a participant, who could then pull the
/// whole case.
#[tokio::test]
async fn push_by_non_participant_refused() {
    let (app, _police, case_id) = spawn_app_with_case().await;
    let vt = app.login("vt.b").await;
    let codes = app
        .push_codes(&vt, vec![firearm("vt.b", case_id, Answer::Yes, vec![])])
        .await;
    assert_eq!(codes, vec![Some(RejectCode::Forbidden)]);
    let (pulled, _) = app.pull_all(&vt, "").await;
    assert!(pulled.is_empty(), "a refused write makes nobody a participant");
    // A second opening of someone else's case does not make one either.
    let codes = app
        .push_codes(
            &vt,
            vec![
                opened("vt.b", case_id, REGION),
                firearm("vt.b", case_id, Answer::Yes, vec![]),
            ],
        )
        .await;
    assert_eq!(codes, vec![Some(RejectCode::Invalid), Some(RejectCode::Forbidden)]);
    // Joining first (within the window) is the way in.
    let resp = app
        .push(
            &vt,
            vec![joined("vt.b", case_id), firearm("vt.b", case_id, Answer::Yes, vec![])],
        )
        .await;
    assert_all_applied(&resp);
}

/// Seen: a police user who never touched a 13-day-old case joined it and
/// pulled all its events.
#[tokio::test]
async fn late_join_refused_without_reason() {
    let (app, _police, case_id) = case_past_its_window().await;
    let vt = app.login("vt.b").await;
    let resp = app.push(&vt, vec![joined("vt.b", case_id)]).await;
    match &resp.results[0].outcome {
        PushOutcome::Rejected { code, reason, .. } => {
            assert_eq!(*code, RejectCode::Forbidden);
            assert!(reason.contains("reason"), "{reason}");
        }
        other => panic!("a late join without reason was taken: {other:?}"),
    }
    let (pulled, _) = app.pull_all(&vt, "").await;
    assert!(pulled.is_empty());
    // A reason of only white space is no reason.
    let codes = app.push_codes(&vt, vec![late_join("vt.b", case_id, "   ")]).await;
    assert_eq!(codes, vec![Some(RejectCode::Forbidden)]);
}

#[tokio::test]
async fn late_join_with_reason_is_visible_to_participants() {
    let (app, police, case_id) = case_past_its_window().await;
    let vt = app.login("vt.b").await;
    // The joinable list says a reason is needed (the app asks for it).
    let list: Vec<JoinableCase> = app.get_json(&vt, "/api/v1/cases/joinable").await;
    assert!(list.is_empty(), "past the window the case is not listed");
    let why = "Nieuwe melding op hetzelfde adres, VT-dossier nodig";
    assert_all_applied(&app.push(&vt, vec![late_join("vt.b", case_id, why)]).await);
    // The opener sees who joined late, when and why.
    let (events, _) = app.pull_all(&police, "").await;
    let case = CaseState::fold(&events);
    let joins = case.late_joins();
    assert_eq!(joins.len(), 1);
    assert_eq!(joins[0].actor.user_id, "vt.b");
    assert_eq!(joins[0].reason, why);
    // So does the summary (and the PDF made from it).
    let s = summary(&app, case_id).await;
    let entry = s
        .timeline
        .iter()
        .find(|e| matches!(&e.kind, TimelineKind::LateJoin { reason } if reason == why))
        .expect("late join in the summary timeline");
    assert_eq!(entry.by.as_deref(), Some("Test vt.b"));
    // And the server audited it.
    let audited = app.audit_of(case_id).await;
    assert!(audited.contains(&("vt.b".into(), "late_join".into())), "{audited:?}");
}

#[tokio::test]
async fn joinable_list_hides_other_organisations_openers() {
    let (app, _police, case_id) = spawn_app_with_case().await;
    let vt = app.login("vt.b").await;
    let list: Vec<JoinableCase> = app.get_json(&vt, "/api/v1/cases/joinable").await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].case_id, case_id);
    assert_eq!(list[0].opened_by, None);
    assert_eq!(list[0].address_hint, "Teststraat");
    assert_eq!(list[0].reason_required, None);
    // The raw JSON carries no name at all.
    let raw: serde_json::Value = app.get_json(&vt, "/api/v1/cases/joinable").await;
    assert!(!raw.to_string().contains("Test agent.a"), "{raw}");
}

/// agent.a's case declared "niet meer acuut": every answer "nee", the
/// assessment confirmed by phone with VT, VT taking over.
pub async fn declare_not_acute(app: &TestApp, police: &str, case_id: CaseId) {
    use samenop_core::VariantArray;
    use samenop_core::handover::{ExitCondition, HandoverItem};
    let set = |a: Assignment| assigned("agent.a", case_id, a);
    let mut events: Vec<_> = Criterion::VARIANTS
        .iter()
        .map(|c| {
            set(Assignment::Criterion {
                criterion: *c,
                answer: Answer::No,
            })
        })
        .collect();
    events.push(set(Assignment::SuspectHasAccess { answer: Answer::No }));
    events.push(set(Assignment::ThirdPartyOversight { answer: Answer::No }));
    events.push(set(Assignment::ChildrenPresent { answer: Answer::No }));
    for condition in [ExitCondition::InvestigationDone, ExitCondition::PhysicallySafe] {
        events.push(set(Assignment::Handover {
            item: HandoverItem::ExitCondition { condition, met: true },
        }));
    }
    events.push(set(Assignment::Handover {
        item: HandoverItem::HandedOverTo {
            organisations: vec![samenop_core::Organisation::VeiligThuis],
        },
    }));
    events.push(set(Assignment::SafetyAssessmentConfirmed {
        by_phone_with: Some("J. Proef (VT)".into()),
    }));
    // 004 l.302: one first point of contact for the whole case.
    events.push(set(Assignment::CaseFirstContact {
        contact: Some(samenop_core::measures::ContactPoint {
            organisation: samenop_core::Organisation::Police,
            person: "Agent A. Proef".into(),
            phone: "0800-0000001".into(),
        }),
    }));
    // 002 l.263: the police's VT-melding (asked since schema 3).
    events.push(set(Assignment::Handover {
        item: HandoverItem::VtReport { done: true },
    }));
    events.push(set(Assignment::Handover {
        item: HandoverItem::Declared { not_acute: true },
    }));
    assert_all_applied(&app.push(police, events).await);
}

/// A case declared "niet meer acuut" is listed (within the window) with the
/// cause, and joined only with a reason.
#[tokio::test]
async fn join_after_niet_meer_acuut_needs_a_reason() {
    let (app, police, case_id) = spawn_app_with_case().await;
    declare_not_acute(&app, &police, case_id).await;
    let vt = app.login("vt.b").await;
    let list: Vec<JoinableCase> = app.get_json(&vt, "/api/v1/cases/joinable").await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].reason_required, Some(LateJoinCause::NoLongerAcute));
    assert_eq!(
        app.push_codes(&vt, vec![joined("vt.b", case_id)]).await,
        vec![Some(RejectCode::Forbidden)]
    );
    assert_all_applied(
        &app.push(&vt, vec![late_join("vt.b", case_id, "Nieuwe dreiging gemeld")])
            .await,
    );
}

/// Seen: "B. Testmedewerker (Veilig Thuis)" in the PDF from a police account.
#[tokio::test]
async fn forged_display_name_is_replaced() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let mut forged = firearm("agent.a", case_id, Answer::Unknown, vec![]);
    forged.author.display_name = "B. Testmedewerker (Veilig Thuis)".into();
    assert_all_applied(&app.push(&police, vec![forged.clone()]).await);
    // A retry of the same forged event is the same event, not a conflict.
    let resp = app.push(&police, vec![forged.clone()]).await;
    assert_eq!(resp.results[0].outcome, PushOutcome::Duplicate);
    let (events, _) = app.pull_all(&police, "").await;
    let stored = events.iter().find(|e| e.id == forged.id).unwrap();
    assert_eq!(stored.author.display_name, "Test agent.a", "the session's name");
    let raw = serde_json::to_string(&summary(&app, case_id).await).unwrap();
    assert!(!raw.contains("Testmedewerker"), "{raw}");
}

/// Seen: police superseded VT's "Vuurwapen: ja" without having pulled it.
#[tokio::test]
async fn superseding_an_unseen_id_refused() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let (_, vt_yes) = vt_joins_saying_firearm_yes(&app, case_id).await;
    // agent.a never pulled VT's answer, so cannot have seen it.
    let blind = firearm("agent.a", case_id, Answer::Yes, vec![vt_yes.id]);
    assert_eq!(
        app.push_codes(&police, vec![blind]).await,
        vec![Some(RejectCode::Forbidden)]
    );
    // One's own values and ids the server never held are fine.
    let own = firearm("agent.a", case_id, Answer::Unknown, vec![]);
    let own_again = firearm("agent.a", case_id, Answer::Unknown, vec![own.id, EventId::generate()]);
    assert_all_applied(&app.push(&police, vec![own, own_again]).await);
    // After pulling, the same change goes through.
    app.pull_all(&police, "").await;
    let seen = firearm("agent.a", case_id, Answer::Yes, vec![vt_yes.id]);
    assert_all_applied(&app.push(&police, vec![seen]).await);
}

/// Seen: police superseded VT's "Vuurwapen: ja" with "nee" and the case
/// went to "niet acuut" with no conflict.
#[tokio::test]
async fn cross_organisation_downgrade_stays_a_conflict() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let (vt, vt_yes) = vt_joins_saying_firearm_yes(&app, case_id).await;
    app.pull_all(&police, "").await;
    let police_no = firearm("agent.a", case_id, Answer::No, vec![vt_yes.id]);
    assert_all_applied(&app.push(&police, vec![police_no.clone()]).await);

    let s = summary(&app, case_id).await;
    assert_eq!(s.conflicts.len(), 1, "{:?}", s.conflicts);
    let line = s.criteria.iter().find(|c| c.criterion == Criterion::Firearm).unwrap();
    assert_eq!(line.answer, Answer::Yes, "the protective answer counts while it stands");
    // Both organisations fold the same conflict.
    let (vt_events, _) = app.pull_all(&vt, "").await;
    assert_eq!(CaseState::fold(&vt_events).conflicts().len(), 1);

    // VT settles it.
    let vt_no = firearm("vt.b", case_id, Answer::No, vec![vt_yes.id, police_no.id]);
    assert_all_applied(&app.push(&vt, vec![vt_no]).await);
    let s = summary(&app, case_id).await;
    assert!(s.conflicts.is_empty(), "{:?}", s.conflicts);
}

/// The author's organisation is the sender or the receiver (core's admission).
#[tokio::test]
async fn shared_between_two_other_organisations_refused() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let record = samenop_core::sharing::SharingRecord::on_default_ground(
        uuid::Uuid::now_v7(),
        samenop_core::Organisation::VeiligThuis,
        samenop_core::Organisation::Rvdk,
        samenop_core::sharing::InfoCategory::KnownTo,
        "Bekend bij VT",
    )
    .expect("4.1.1 Wmo");
    let e = event("agent.a", case_id, EventKind::InformationShared { record });
    assert_eq!(app.push_codes(&police, vec![e]).await, vec![Some(RejectCode::Invalid)]);
}
