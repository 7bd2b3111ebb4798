//! Issue 13 §3 and §5: times the server can vouch for, bounded input and
//! quiet answers. Each test is named after what it prevents.

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use samenop_core::event::{CaseNature, EventKind, MeasureChange};
use samenop_core::measures::{CallRule, MeasureKind};
use samenop_core::summary::OnSceneSummary;
use samenop_core::wire::{PushOutcome, RejectCode};
use samenop_core::{Assignment, CaseId, Event, Hlc, Organisation};

use crate::board::measure;
use crate::export::pdf_text;
use crate::helpers::*;

/// 2100-01-01T00:00:00Z.
const YEAR_2100_MS: i64 = 4_102_444_800_000;

fn at_ms(mut e: Event, wall_ms: i64) -> Event {
    e.stamp = Hlc::new(wall_ms, 0);
    e
}

/// "Police on scene" ticked by agent.a on a device clock `minutes` ahead
/// of the server's.
fn police_on_scene_minutes_ahead(case_id: CaseId, minutes: i64) -> Event {
    let ticked = assigned(
        "agent.a",
        case_id,
        Assignment::Safety {
            item: samenop_core::steps::SafetyItem::PoliceOnScene,
            done: true,
        },
    );
    at_ms(ticked, Utc::now().timestamp_millis() + minutes * 60_000)
}

/// agent.a signed in on a server whose limits `tighten` lowers.
async fn police_within(tighten: impl FnOnce(&mut samenop_server::limits::Limits)) -> (TestApp, String) {
    let app = spawn_app_with(|c| tighten(&mut c.limits)).await;
    let police = app.login("agent.a").await;
    (app, police)
}

/// The reason of a single refused event; panics when it was not refused.
fn refusal(resp: &samenop_core::wire::PushResponse) -> (RejectCode, String) {
    match &resp.results[0].outcome {
        PushOutcome::Rejected { code, reason, .. } => (*code, reason.clone()),
        other => panic!("not refused: {other:?}"),
    }
}

#[tokio::test]
async fn event_from_2100_refused() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let later = at_ms(nature("agent.a", case_id, CaseNature::Other), YEAR_2100_MS);
    let resp = app.push(&police, vec![later]).await;
    let (code, reason) = refusal(&resp);
    assert_eq!(code, RejectCode::Invalid);
    assert!(reason.contains("after the server's clock"), "{reason}");
    // Core's words go along for the device to show (issue 17 §6).
    let PushOutcome::Rejected { words: Some(words), .. } = &resp.results[0].outcome else {
        panic!("refused by a core rule without core's words: {resp:?}")
    };
    assert!(words.nl.contains("klok"), "{words:?}");
    // A case dated 2100 is not opened either, nor one reported in 2100.
    let opening = at_ms(opened("agent.a", CaseId::generate(), REGION), YEAR_2100_MS);
    assert_eq!(refusal(&app.push(&police, vec![opening]).await).0, RejectCode::Invalid);
    let mut reported_late = opened("agent.a", CaseId::generate(), REGION);
    if let EventKind::CaseOpened { reported_at, .. } = &mut reported_late.kind {
        *reported_at = Utc::now() + Duration::days(1);
    }
    assert_eq!(
        refusal(&app.push(&police, vec![reported_late]).await).0,
        RejectCode::Invalid
    );
    // The 2100 value never became current: the case still shows the first one.
    let (events, _) = app.pull_all(&police, "").await;
    assert_eq!(events.len(), 2, "nothing stored");
    // Within the tolerance a slightly fast clock is fine.
    let fast = at_ms(
        nature("agent.a", case_id, CaseNature::Other),
        Utc::now().timestamp_millis() + 60_000,
    );
    assert_all_applied(&app.push(&police, vec![fast]).await);
}

#[tokio::test]
async fn event_before_case_opened_refused() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let hour_before = Utc::now().timestamp_millis() - 3_600_000;
    let early = at_ms(nature("agent.a", case_id, CaseNature::Other), hour_before);
    let (code, reason) = refusal(&app.push(&police, vec![early]).await);
    assert_eq!(code, RejectCode::Invalid);
    assert!(reason.contains("before its case was opened"), "{reason}");
    // An opening and a later event in one push: the batch's opening counts.
    let new_case = CaseId::generate();
    let early_in_batch = at_ms(nature("agent.a", new_case, CaseNature::Other), hour_before);
    let resp = app
        .push(&police, vec![opened("agent.a", new_case, REGION), early_in_batch])
        .await;
    assert_eq!(outcomes(&resp)[0], PushOutcome::Applied);
    assert_eq!(reject_code(&outcomes(&resp)[1]), Some(RejectCode::Invalid));
}

#[tokio::test]
async fn wall_ms_out_of_range_refused() {
    let (app, police, case_id) = spawn_app_with_case().await;
    // Negative, the epoch (a reset clock), 2019, and the largest stamp.
    for wall_ms in [-1, 0, 1_546_300_800_000, i64::MAX] {
        let e = at_ms(nature("agent.a", case_id, CaseNature::Other), wall_ms);
        let (code, _) = refusal(&app.push(&police, vec![e]).await);
        assert_eq!(code, RejectCode::Invalid, "{wall_ms}");
    }
    let opening = at_ms(opened("agent.a", CaseId::generate(), REGION), 0);
    let (_, reason) = refusal(&app.push(&police, vec![opening]).await);
    assert!(reason.contains("2020 or later"), "{reason}");
}

#[tokio::test]
async fn oversize_display_name_refused_with_field_named() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let mut e = nature("agent.a", case_id, CaseNature::Other);
    e.author.display_name = "B. Testmedewerker ".repeat(50_000);
    let (code, reason) = refusal(&app.push(&police, vec![e]).await);
    assert_eq!(code, RejectCode::Invalid);
    assert!(reason.contains("author.display_name"), "{reason}");
    assert!(reason.contains("120"), "{reason}");
    // The same for the OM officer of an art 9 record.
    let mut om = opened("agent.a", CaseId::generate(), REGION);
    if let EventKind::CaseOpened { address_hint, .. } = &mut om.kind {
        *address_hint = "x".repeat(121);
    }
    let (_, reason) = refusal(&app.push(&police, vec![om]).await);
    assert!(reason.contains("address_hint"), "{reason}");
}

#[tokio::test]
async fn oversize_call_tree_refused() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let rule = CallRule {
        caller: Organisation::Police,
        callee: Organisation::VeiligThuis,
        when: "bij elke melding".into(),
    };
    let agreed = measure("agent.a", case_id, MeasureKind::Aanhouding, |m| {
        m.call_tree = vec![rule.clone(); 5_000];
    });
    let (code, reason) = refusal(&app.push(&police, vec![agreed]).await);
    assert_eq!(code, RejectCode::Invalid);
    assert!(
        reason.contains("call_tree") && reason.contains("at most 20"),
        "{reason}"
    );
    // Twenty rules are fine; a change to twenty-one is refused.
    let agreed = measure("agent.a", case_id, MeasureKind::Aanhouding, |m| {
        m.call_tree = vec![rule.clone(); 20];
    });
    let measure_id = match &agreed.kind {
        EventKind::MeasureAgreed { measure } => measure.measure_id,
        _ => unreachable!(),
    };
    assert_all_applied(&app.push(&police, vec![agreed]).await);
    let change = assigned(
        "agent.a",
        case_id,
        Assignment::Measure {
            measure_id,
            change: MeasureChange::CallTree { rules: vec![rule; 21] },
        },
    );
    let (_, reason) = refusal(&app.push(&police, vec![change]).await);
    assert!(reason.contains("rules"), "{reason}");
}

#[tokio::test]
async fn bidi_override_refused() {
    let app = spawn_app().await;
    let police = app.login("agent.a").await;
    for hint in [
        "Teststraat \u{202E}1",
        "Teststraat \u{2067}1",
        "Teststraat\n1",
        "Test\u{0}straat",
    ] {
        let mut e = opened("agent.a", CaseId::generate(), REGION);
        if let EventKind::CaseOpened { address_hint, .. } = &mut e.kind {
            *address_hint = hint.into();
        }
        let (code, reason) = refusal(&app.push(&police, vec![e]).await);
        assert_eq!(code, RejectCode::Invalid);
        assert!(
            reason.contains("address_hint") && reason.contains("character"),
            "{reason}"
        );
    }
}

#[tokio::test]
async fn text_normalised_to_nfc() {
    let app = spawn_app().await;
    let police = app.login("agent.a").await;
    let mut e = opened("agent.a", CaseId::generate(), REGION);
    if let EventKind::CaseOpened { address_hint, .. } = &mut e.kind {
        *address_hint = "Cafe\u{0301}laan 1".into();
    }
    assert_all_applied(&app.push(&police, vec![e.clone()]).await);
    // A retry of the same (unnormalised) event is the same event.
    assert_eq!(
        outcomes(&app.push(&police, vec![e]).await),
        vec![PushOutcome::Duplicate]
    );
    let (events, _) = app.pull_all(&police, "").await;
    match &events[0].kind {
        EventKind::CaseOpened { address_hint, .. } => assert_eq!(address_hint, "Caf\u{e9}laan 1"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn other_regions_case_answers_like_unknown() {
    let (app, _, theirs) = spawn_app_with_case().await;
    let elsewhere = app.login("agent.e").await;
    let unknown = CaseId::generate();
    let answer = |case_id| {
        let app = &app;
        let token = elsewhere.clone();
        async move {
            let events = vec![
                joined("agent.e", case_id),
                nature("agent.e", case_id, CaseNature::Other),
                at_ms(nature("agent.e", case_id, CaseNature::Other), 1_700_000_000_000),
            ];
            let resp = app.push(&token, events).await;
            resp.results.into_iter().map(|r| r.outcome).collect::<Vec<_>>()
        }
    };
    let for_theirs = answer(theirs).await;
    let for_unknown = answer(unknown).await;
    assert_eq!(for_theirs, for_unknown);
    assert_eq!(reject_code(&for_theirs[0]), Some(RejectCode::UnknownCase));
}

#[tokio::test]
async fn push_rate_limited() {
    let (app, police) = police_within(|l| (l.push_burst, l.push_per_second) = (3, 0.1)).await;
    for _ in 0..3 {
        let resp = app.push_raw(&police, vec![]).await;
        assert_eq!(resp.status(), StatusCode::OK);
    }
    let resp = app.push_raw(&police, vec![]).await;
    let retry_after: u64 = resp.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=10).contains(&retry_after), "{retry_after}");
    let body = assert_json_error(resp, StatusCode::TOO_MANY_REQUESTS).await;
    assert_eq!(body["error"], "rate_limited");
    // Another account has its own bucket.
    let vt = app.login("vt.b").await;
    assert_eq!(app.push_raw(&vt, vec![]).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn too_many_events_in_one_push_or_one_case_refused() {
    let (app, police) = police_within(|l| (l.max_push_events, l.max_case_events) = (3, 4)).await;
    let case_id = app.case_by_agent(&police).await;
    let four = (0..4).map(|_| nature("agent.a", case_id, CaseNature::Other)).collect();
    assert_json_error(app.push_raw(&police, four).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    let three: Vec<Event> = (0..3).map(|_| nature("agent.a", case_id, CaseNature::Other)).collect();
    let codes = app.push_codes(&police, three).await;
    assert_eq!(
        codes,
        vec![None, None, Some(RejectCode::Invalid)],
        "two stored, then the case is full"
    );
}

/// The cap counts what the case holds, kept on its row by the writer
/// (migration 0008): events stored by earlier pushes count, a retry of a
/// stored event does not (it is not stored twice).
#[tokio::test]
async fn the_event_cap_counts_stored_events_across_pushes_and_never_a_retry() {
    let (app, police) = police_within(|l| l.max_case_events = 4).await;
    let case_id = app.case_by_agent(&police).await;
    let third = nature("agent.a", case_id, CaseNature::Other);
    assert_all_applied(&app.push(&police, vec![third.clone()]).await);
    for _ in 0..3 {
        let again = app.push(&police, vec![third.clone()]).await;
        assert_eq!(outcomes(&again), vec![PushOutcome::Duplicate]);
    }
    let fourth = nature("agent.a", case_id, CaseNature::Other);
    assert_all_applied(&app.push(&police, vec![fourth]).await);
    let fifth = nature("agent.a", case_id, CaseNature::Other);
    assert_eq!(
        app.push_codes(&police, vec![fifth]).await,
        vec![Some(RejectCode::Invalid)]
    );
}

#[tokio::test]
async fn pull_pages_are_cut_at_the_byte_cap_and_carry_receipt_and_server_time() {
    let (app, police) = police_within(|l| l.max_pull_bytes = 1).await;
    app.case_by_agent(&police).await;
    let before = Utc::now() - Duration::seconds(5);
    let page = app.pull_page(&police, "", 500).await;
    assert_eq!(page.events.len(), 1, "one event per page, yet the cursor moves");
    assert!(page.more);
    assert_eq!(page.received_at.len(), 1);
    assert!(page.received_at[0] >= before && page.received_at[0] <= Utc::now());
    assert!(page.server_time.is_some());
    let (all, _) = app.pull_all(&police, "").await;
    assert_eq!(all.len(), 2);
}

#[tokio::test]
async fn receipt_time_shown_in_summary() {
    let (app, police, case_id) = spawn_app_with_case().await;
    // A device clock four minutes fast: accepted, and the summary shows
    // both its time and the server's.
    let fast = police_on_scene_minutes_ahead(case_id, 4);
    assert_all_applied(&app.push(&police, vec![fast]).await);
    let lead = app.login("lead.c").await;
    let summary: OnSceneSummary = app.get_json(&lead, &format!("/api/v1/cases/{case_id}/summary")).await;
    let opened = summary
        .timeline
        .iter()
        .find(|e| matches!(e.kind, samenop_core::summary::TimelineKind::CaseOpened))
        .unwrap();
    assert!(opened.received_at.is_some(), "{opened:?}");
    let checked = summary
        .timeline
        .iter()
        .find(|e| matches!(e.kind, samenop_core::summary::TimelineKind::Checklist { .. }))
        .unwrap();
    let received = checked.received_at.expect("the server's receipt");
    assert!(checked.at - received > Duration::minutes(3), "{checked:?}");
    assert!(
        summary
            .render_text(samenop_core::Lang::Nl)
            .contains("ontvangen door de server")
    );
    let pdf = app.get(&lead, &format!("/api/v1/cases/{case_id}/summary.pdf")).await;
    let text = pdf_text(&pdf.bytes().await.unwrap());
    assert!(text.contains("ontvangen door de server"), "{text}");
}

#[tokio::test]
async fn receipt_time_shown_in_the_audit_beside_the_device_time() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let fast = police_on_scene_minutes_ahead(case_id, 4);
    let fast_id = fast.id.to_string();
    assert_all_applied(&app.push(&police, vec![fast]).await);
    let admin = app.login("admin.d").await;
    // Field users do not read the audit.
    app.get_error(
        &police,
        &format!("/api/v1/audit/writes?case_id={case_id}"),
        reqwest::StatusCode::FORBIDDEN,
    )
    .await;
    let writes: Vec<samenop_server::routes::audit::WriteRecord> = app
        .get_json(&admin, &format!("/api/v1/audit/writes?case_id={case_id}"))
        .await;
    // In commit order, each named by its kind, never by its content.
    assert_eq!(writes.first().map(|w| w.kind.as_str()), Some("case_opened"));
    assert_eq!(writes.last().map(|w| w.kind.as_str()), Some("assigned"));
    let w = writes.iter().find(|w| w.event_id == fast_id).expect("the fast write");
    assert_eq!(w.username, "agent.a");
    let (device, server) = (w.device_time.unwrap(), w.received_at.unwrap());
    assert!(device - server > Duration::minutes(3), "{w:?}");
    // Reading the write log is itself a read of the case.
    assert!(
        app.audit_of(case_id)
            .await
            .contains(&("admin.d".to_string(), "audit_writes".to_string()))
    );
}

#[tokio::test]
async fn a_pushed_receipt_time_is_the_devices_word_and_is_dropped() {
    let app = spawn_app().await;
    let police = app.login("agent.a").await;
    let mut e = opened("agent.a", CaseId::generate(), REGION);
    e.received_at = chrono::DateTime::from_timestamp_millis(1_600_000_000_000);
    let before = Utc::now() - Duration::seconds(5);
    assert_all_applied(&app.push(&police, vec![e]).await);
    let page = app.pull_page(&police, "", 10).await;
    assert_eq!(page.events[0].received_at, None, "not part of the stored event");
    assert!(page.received_at[0] >= before, "the server's own receipt");
}
