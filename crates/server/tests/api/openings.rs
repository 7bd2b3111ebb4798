//! Case openings settled in a group commit (issue 18 §4): the writer looks
//! their ids up and inserts their cases in batches, with the outcomes of one
//! opening at a time.

use samenop_core::event::CaseNature;
use samenop_core::wire::{PushOutcome, RejectCode};
use samenop_core::{CaseId, EventKind};

use crate::helpers::*;

/// The same opening with other content (another address).
fn altered(open: &samenop_core::Event) -> samenop_core::Event {
    let mut other = open.clone();
    if let EventKind::CaseOpened { address_hint, .. } = &mut other.kind {
        *address_hint = "Andere straat".into();
    }
    other
}

#[tokio::test]
async fn an_opening_and_events_of_its_case_resent_in_one_batch_settle_like_one_at_a_time() {
    let app = spawn_app().await;
    let police = app.login("agent.a").await;
    let case_id = CaseId::generate();
    let open = opened("agent.a", case_id, REGION);
    let entry = nature("agent.a", case_id, CaseNature::Other);
    let second_open = opened("agent.a", case_id, REGION);
    let later = joined("agent.a", case_id);
    let batch = vec![
        open.clone(),
        entry.clone(),
        open.clone(),
        altered(&open),
        second_open,
        entry.clone(),
        later.clone(),
    ];
    let resp = app.push(&police, batch).await;
    let got = outcomes(&resp);
    assert_eq!(got[0], PushOutcome::Applied, "{resp:?}");
    assert_eq!(got[1], PushOutcome::Applied, "{resp:?}");
    assert_eq!(got[2], PushOutcome::Duplicate, "{resp:?}");
    assert_eq!(reject_code(&got[3]), Some(RejectCode::ConflictingContent));
    assert_eq!(reject_code(&got[4]), Some(RejectCode::Invalid), "already opened");
    assert_eq!(got[5], PushOutcome::Duplicate, "{resp:?}");
    assert_eq!(got[6], PushOutcome::Applied, "{resp:?}");

    // The whole batch again: every stored event is a duplicate, the
    // altered opening still a conflict.
    let again = app
        .push(
            &police,
            vec![open.clone(), altered(&open), entry.clone(), later.clone()],
        )
        .await;
    let got = outcomes(&again);
    assert_eq!(got[0], PushOutcome::Duplicate);
    assert_eq!(reject_code(&got[1]), Some(RejectCode::ConflictingContent));
    assert_eq!(got[2], PushOutcome::Duplicate);
    assert_eq!(got[3], PushOutcome::Duplicate);

    // Stored once each, in the order of the batch; the opener is on the case.
    let (events, _) = app.pull_all(&police, "").await;
    let ids: Vec<_> = events.iter().filter(|e| e.case_id == case_id).map(|e| e.id).collect();
    assert_eq!(ids, vec![open.id, entry.id, later.id]);
}

#[tokio::test]
async fn many_openings_in_one_batch_each_get_their_case_and_their_opener() {
    let app = spawn_app().await;
    let police = app.login("agent.a").await;
    let mut batch = Vec::new();
    let mut cases = Vec::new();
    for i in 0..30 {
        let case_id = CaseId::generate();
        cases.push(case_id);
        batch.push(opened("agent.a", case_id, REGION));
        if i % 3 == 0 {
            batch.push(nature("agent.a", case_id, CaseNature::Other));
        }
    }
    // A case of another region and one never opened answer alike.
    batch.push(opened("agent.a", CaseId::generate(), OTHER_REGION));
    batch.push(nature("agent.a", CaseId::generate(), CaseNature::Other));
    let resp = app.push(&police, batch.clone()).await;
    let got = outcomes(&resp);
    let n = got.len();
    assert!(got[..n - 2].iter().all(|o| *o == PushOutcome::Applied), "{resp:?}");
    assert_eq!(reject_code(&got[n - 2]), Some(RejectCode::Forbidden));
    assert_eq!(reject_code(&got[n - 1]), Some(RejectCode::UnknownCase));

    let (events, _) = app.pull_all(&police, "").await;
    let pulled: Vec<_> = events.iter().map(|e| e.id).collect();
    let applied: Vec<_> = batch[..n - 2].iter().map(|e| e.id).collect();
    assert_eq!(pulled, applied, "all pulled by their opener, in batch order");
}

#[tokio::test]
async fn two_devices_opening_the_same_case_at_once_open_it_once() {
    let app = spawn_app().await;
    let police = app.login("agent.a").await;
    let police_too = app.login("agent.a").await;
    let vt = app.login("vt.b").await;
    for _ in 0..5 {
        // Two users, two opening events for one case id.
        let case_id = CaseId::generate();
        let (a, b) = tokio::join!(
            app.push(&police, vec![opened("agent.a", case_id, REGION)]),
            app.push(&vt, vec![opened("vt.b", case_id, REGION)]),
        );
        let mut got = [outcomes(&a)[0].clone(), outcomes(&b)[0].clone()];
        got.sort_by_key(|o| *o != PushOutcome::Applied);
        assert_eq!(got[0], PushOutcome::Applied, "{a:?} {b:?}");
        assert_eq!(reject_code(&got[1]), Some(RejectCode::Invalid), "{a:?} {b:?}");

        // One user's opening event from two devices: stored once.
        let open = opened("agent.a", CaseId::generate(), REGION);
        let (a, b) = tokio::join!(
            app.push(&police, vec![open.clone()]),
            app.push(&police_too, vec![open.clone()]),
        );
        let mut got = [outcomes(&a)[0].clone(), outcomes(&b)[0].clone()];
        got.sort_by_key(|o| *o != PushOutcome::Applied);
        assert_eq!(got, [PushOutcome::Applied, PushOutcome::Duplicate]);
    }
}
