//! The server admits pushed events with core's own rules
//! (`CaseState::admit`), so a modified client cannot get past a rule the
//! app keeps.

use samenop_core::handover::{ExitCondition, HandoverItem};
use samenop_core::measures::{ContactPoint, MeasureChange, MeasureId, MeasureKind, SpecialCondition};
use samenop_core::sharing::{InfoCategory, SharingRecord};
use samenop_core::triage::{Criterion, LiftingRoute};
use samenop_core::wire::{PushOutcome, RejectCode};
use samenop_core::{Answer, Assignment, CaseId, EventKind, Organisation, VariantArray};
use samenop_server::storage::Db;

use crate::helpers::*;

fn shared(from: Organisation, to: Organisation) -> EventKind {
    EventKind::InformationShared {
        record: SharingRecord::on_default_ground(
            uuid::Uuid::now_v7(),
            from,
            to,
            InfoCategory::VeiligThuisRecords,
            "Bekend bij VT",
        )
        .expect("a ground fits"),
    }
}

/// Regression (security review): a police account recorded
/// `information_shared` between Veilig Thuis and another partner, and it
/// reached the shift lead's PDF as if Veilig Thuis had said it. (Since
/// schema 3 the police may record what they themselves received.)
#[tokio::test]
async fn a_police_account_cannot_record_what_veilig_thuis_shared_with_another() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let forged = event(
        "agent.a",
        case_id,
        shared(Organisation::VeiligThuis, Organisation::Rvdk),
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
    assigned(
        "agent.a",
        case_id,
        Assignment::Measure {
            measure_id,
            change: MeasureChange::Conditions { conditions },
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
    let agreed = police_measure(case_id, id, MeasureKind::Gedragsaanwijzing509hh, "Agent A");
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

fn declared(case_id: CaseId) -> samenop_core::Event {
    assigned(
        "agent.a",
        case_id,
        Assignment::Handover {
            item: HandoverItem::Declared { not_acute: true },
        },
    )
}

/// Issue 12: "niet meer acuut" while the handover's blockers stand (here:
/// no veiligheidsbeoordeling, nobody taking over) is refused on push,
/// whatever the (modified) client ticked.
#[tokio::test]
async fn a_pushed_not_acute_declaration_with_blockers_is_refused() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let ticked = ExitCondition::VARIANTS
        .iter()
        .map(|condition| {
            assigned(
                "agent.a",
                case_id,
                Assignment::Handover {
                    item: HandoverItem::ExitCondition {
                        condition: *condition,
                        met: true,
                    },
                },
            )
        })
        .collect::<Vec<_>>();
    let n = ticked.len();
    assert_eq!(app.push_codes(&police, ticked).await, vec![None; n]);
    assert_eq!(
        app.push_codes(&police, vec![declared(case_id)]).await,
        vec![Some(RejectCode::Invalid)]
    );
}

/// The same declaration goes through once the assessment is made (all
/// answers, VT's confirmation by phone recorded by the police) and VT takes
/// over; a confirmation before the answers is refused.
#[tokio::test]
async fn a_not_acute_declaration_is_admitted_once_nothing_blocks() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let confirm = |name: Option<&str>| {
        assigned(
            "agent.a",
            case_id,
            Assignment::SafetyAssessmentConfirmed {
                by_phone_with: name.map(Into::into),
            },
        )
    };
    assert_eq!(
        app.push_codes(&police, vec![confirm(Some("J. Proef (VT)"))]).await,
        vec![Some(RejectCode::Invalid)]
    );
    let mut events: Vec<_> = Criterion::VARIANTS
        .iter()
        .map(|c| {
            assigned(
                "agent.a",
                case_id,
                Assignment::Criterion {
                    criterion: *c,
                    answer: Answer::No,
                },
            )
        })
        .collect();
    events.push(assigned(
        "agent.a",
        case_id,
        Assignment::SuspectHasAccess { answer: Answer::No },
    ));
    events.push(assigned(
        "agent.a",
        case_id,
        Assignment::ThirdPartyOversight { answer: Answer::No },
    ));
    events.push(assigned(
        "agent.a",
        case_id,
        Assignment::ChildrenPresent { answer: Answer::No },
    ));
    for condition in [ExitCondition::InvestigationDone, ExitCondition::PhysicallySafe] {
        events.push(assigned(
            "agent.a",
            case_id,
            Assignment::Handover {
                item: HandoverItem::ExitCondition { condition, met: true },
            },
        ));
    }
    events.push(assigned(
        "agent.a",
        case_id,
        Assignment::Handover {
            item: HandoverItem::HandedOverTo {
                organisations: vec![Organisation::VeiligThuis],
            },
        },
    ));
    let n = events.len();
    assert_eq!(app.push_codes(&police, events).await, vec![None; n]);
    // Without the VT worker's name a police account cannot confirm.
    assert_eq!(
        app.push_codes(
            &police,
            vec![confirm(None), confirm(Some("J. Proef (VT)")), declared(case_id)]
        )
        .await,
        vec![Some(RejectCode::Invalid), None, Some(RejectCode::Invalid)]
    );
    // Issue 14: still refused until the eerste aanspreekpunt voor het
    // totaal aan veiligheidsmaatregelen is agreed (004 l.302).
    let contact = assigned(
        "agent.a",
        case_id,
        Assignment::CaseFirstContact {
            contact: Some(ContactPoint {
                organisation: Organisation::Police,
                person: "Agent A. Proef".into(),
                phone: "0800-0000001".into(),
            }),
        },
    );
    assert_eq!(
        app.push_codes(&police, vec![contact, declared(case_id)]).await,
        vec![None, Some(RejectCode::Invalid)]
    );
    // Issue 14 part 3: and until the police made the VT-melding (002 l.263);
    // the server runs the same blockers as the app.
    let vt_report = assigned(
        "agent.a",
        case_id,
        Assignment::Handover {
            item: HandoverItem::VtReport { done: true },
        },
    );
    assert_eq!(
        app.push_codes(&police, vec![vt_report, declared(case_id)]).await,
        vec![None, None]
    );
}

/// Schema 4 (002 l.1112-1113, 004 l.307): a case contained only because
/// the police keep the suspect away (art 3 Pw) is not declared "niet meer
/// acuut" until something holds once they leave; the server runs the same
/// blocker as the app.
#[tokio::test]
async fn a_declaration_resting_on_art3_pw_alone_is_refused_until_a_recorded_arrest_holds() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let set = |assignment| assigned("agent.a", case_id, assignment);
    let mut events: Vec<_> = Criterion::VARIANTS
        .iter()
        .map(|c| {
            let answer = if *c == Criterion::ThreatOfViolence {
                Answer::Yes
            } else {
                Answer::No
            };
            set(Assignment::Criterion { criterion: *c, answer })
        })
        .collect();
    events.push(set(Assignment::SuspectHasAccess { answer: Answer::Yes }));
    events.push(set(Assignment::ThirdPartyOversight { answer: Answer::No }));
    events.push(set(Assignment::LiftingRoute {
        route: LiftingRoute::KeptAwayArt3Pw,
        applied: true,
    }));
    events.push(set(Assignment::ChildrenPresent { answer: Answer::No }));
    events.push(set(Assignment::SafetyAssessmentConfirmed {
        by_phone_with: Some("J. Proef (VT)".into()),
    }));
    for condition in [ExitCondition::InvestigationDone, ExitCondition::PhysicallySafe] {
        events.push(set(Assignment::Handover {
            item: HandoverItem::ExitCondition { condition, met: true },
        }));
    }
    for item in [
        HandoverItem::HandedOverTo {
            organisations: vec![Organisation::VeiligThuis],
        },
        HandoverItem::VtReport { done: true },
    ] {
        events.push(set(Assignment::Handover { item }));
    }
    events.push(set(Assignment::CaseFirstContact {
        contact: Some(ContactPoint {
            organisation: Organisation::Police,
            person: "Agent A. Proef".into(),
            phone: "0800-0000001".into(),
        }),
    }));
    let n = events.len();
    assert_eq!(app.push_codes(&police, events).await, vec![None; n]);
    assert_eq!(
        app.push_codes(&police, vec![declared(case_id)]).await,
        vec![Some(RejectCode::Invalid)]
    );
    let arrested = set(Assignment::LiftingRoute {
        route: LiftingRoute::ArrestedArt53Sv,
        applied: true,
    });
    // Schema 5: the arrest the case now rests on is recorded as a measure
    // first (its deadlines on the lead's board), the victim told of it.
    assert_eq!(
        app.push_codes(&police, vec![arrested, declared(case_id)]).await,
        vec![None, Some(RejectCode::Invalid)]
    );
    let arrest = crate::board::measure("agent.a", case_id, MeasureKind::Aanhouding, |m| {
        m.started_at = Some(chrono::Utc::now() - chrono::Duration::minutes(5));
        m.imposed_when_started();
    });
    let informed = set(Assignment::Handover {
        item: HandoverItem::VictimInformed { done: true },
    });
    assert_eq!(
        app.push_codes(&police, vec![arrest, informed, declared(case_id)]).await,
        vec![None, None, None]
    );
}

/// Regression (issue 18 §4, found with auto_explain under load): on a
/// young PostgreSQL database a pooled connection's prepared key lookup
/// (`= ANY($1)`, the admission read of every push) switched to a generic
/// plan fixed while `cases` was small, a sequential scan kept as the table
/// grew. Every statement of the pool is now planned for its values: after
/// many executions on one connection, no generic plan was ever used.
#[tokio::test]
async fn postgres_never_keeps_a_generic_plan_for_a_key_lookup() {
    let app = spawn_app().await;
    let Db::Postgres(pool) = &app.db else {
        return; // SQLite plans every statement as it is prepared
    };
    let police = app.login("agent.a").await;
    let case_id = app.case_by_agent(&police).await;
    // As a push asks: one known case among 49 new ones (a planner that
    // expects fewer rows from a generic plan than from this one keeps it).
    let mut keys: Vec<String> = (0..49).map(|_| CaseId::generate().to_string()).collect();
    keys.push(case_id.to_string());
    let mut conn = pool.acquire().await.unwrap();
    for _ in 0..12 {
        let found: Vec<String> = sqlx::query_scalar("SELECT case_id FROM cases WHERE case_id = ANY($1)")
            .bind(&keys)
            .fetch_all(&mut *conn)
            .await
            .unwrap();
        assert_eq!(found, vec![case_id.to_string()]);
    }
    let (generic, custom): (i64, i64) = sqlx::query_as(
        "SELECT generic_plans, custom_plans FROM pg_prepared_statements \
         WHERE statement = 'SELECT case_id FROM cases WHERE case_id = ANY($1)'",
    )
    .fetch_one(&mut *conn)
    .await
    .unwrap();
    assert_eq!(generic, 0, "a generic plan was used ({custom} custom)");
    assert_eq!(custom, 12);
}

/// A push whose answer was lost is sent again (the phone retries): each
/// event the case already holds answers `duplicate`, or `conflicting
/// content` when its bytes differ. Before, a retried "maatregel
/// afgesproken" was judged against a case that already held it, refused
/// as agreed twice, and the phone listed a stored entry as niet verzonden
/// (offline scenario 1 failed so in CI under load, stop 29).
#[tokio::test]
async fn a_retried_push_whose_events_the_case_already_holds_answers_duplicate() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let id = MeasureId(uuid::Uuid::now_v7());
    let agreed_by = |person: &str| police_measure(case_id, id, MeasureKind::Gedragsaanwijzing509hh, person);
    let agreed = agreed_by("Agent A");
    let fits = measure_change(case_id, id, vec![SpecialCondition::Contactverbod]);
    let batch = vec![agreed.clone(), fits];
    assert_eq!(app.push_codes(&police, batch.clone()).await, vec![None, None]);
    assert_eq!(
        outcomes(&app.push(&police, batch).await),
        vec![PushOutcome::Duplicate; 2]
    );
    // The same id with other content is still told apart from a retry.
    let mut changed = agreed_by("Agent B");
    changed.id = agreed.id;
    changed.stamp = agreed.stamp;
    assert_eq!(
        app.push_codes(&police, vec![changed]).await,
        vec![Some(RejectCode::ConflictingContent)]
    );
}
