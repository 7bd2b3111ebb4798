//! The on-device store: encrypted at rest, survives reopening, refuses a
//! wrong PIN, keeps the outbox until the server answers.

mod common;

use common::{PIN, TEST_KDF, backend, keys, reopened, signed_in};

use samenop_core::event::ReportSource;
use samenop_core::triage::Criterion;
use samenop_core::wire::{PushOutcome, PushResult, RejectCode};
use samenop_core::{Answer, Assignment};
use samenop_device::platform::sqlite::SqliteBackend;
use samenop_device::store::{Record, StoreError, Vault};

const MARKER: &str = "Teststraat-MARKER-7f3a";

fn open(dir: &tempfile::TempDir) -> SqliteBackend {
    backend(dir)
}

fn firearm_yes() -> samenop_core::Command {
    samenop_core::Command::Set(Assignment::Criterion {
        criterion: Criterion::Firearm,
        answer: Answer::Yes,
    })
}

fn all_bytes(dir: &tempfile::TempDir) -> Vec<u8> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir.path()).expect("dir") {
        out.extend(std::fs::read(entry.expect("entry").path()).unwrap_or_default());
    }
    out
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn the_files_on_disk_hold_no_plaintext_of_what_was_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut field = signed_in(&dir);
    let case = field.open_case(ReportSource::PoliceReport, MARKER).unwrap();
    field.send(case, firearm_yes()).unwrap();
    drop(field);
    let bytes = all_bytes(&dir);
    assert!(!bytes.is_empty());
    for secret in [
        MARKER,
        "token-that-must-not-leak",
        "Agent A. Voorbeeld",
        "firearm",
        "Testregio",
    ] {
        assert!(!contains(&bytes, secret), "plaintext `{secret}` found on disk");
    }
}

#[test]
fn reopening_with_the_pin_brings_everything_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut field = signed_in(&dir);
    let case = field.open_case(ReportSource::VeiligThuisReport, "achterom").unwrap();
    field.send(case, firearm_yes()).unwrap();
    let before = field.case(&case);
    drop(field); // as if the app was killed

    let again = reopened(&dir);
    assert_eq!(again.case(&case), before);
    assert_eq!(again.local.outbox.len(), 2, "both events still wait for the server");
    assert_eq!(
        again.session().map(|s| s.account.username.as_str()),
        Some("agent.voorbeeld")
    );
}

#[test]
fn a_wrong_pin_opens_nothing() {
    let dir = tempfile::tempdir().unwrap();
    signed_in(&dir);
    let err = Vault::unlock(open(&dir), keys(&dir), "000000", 0)
        .err()
        .expect("must fail");
    assert!(matches!(err, StoreError::WrongPin { left: 9 }), "{err:?}");
}

#[test]
fn a_tampered_record_is_refused_not_read() {
    let dir = tempfile::tempdir().unwrap();
    drop(signed_in(&dir));
    let conn = rusqlite::Connection::open(dir.path().join("vault.sqlite")).unwrap();
    let mut sealed: Vec<u8> = conn
        .query_row("SELECT sealed FROM log WHERE seq = 1", [], |r| r.get(0))
        .unwrap();
    let last = sealed.len() - 1;
    sealed[last] ^= 0x01; // one bit flipped
    conn.execute("UPDATE log SET sealed = ?1 WHERE seq = 1", [sealed])
        .unwrap();
    drop(conn);
    assert!(matches!(
        Vault::unlock(open(&dir), keys(&dir), PIN, 0),
        Err(StoreError::WrongKeyOrTampered)
    ));
}

#[test]
fn the_server_answer_empties_the_outbox_and_rejections_stay_visible_with_their_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut field = signed_in(&dir);
    let case = field.open_case(ReportSource::PoliceReport, "").unwrap();
    let e = field
        .send(case, samenop_core::Command::JoinCase { reason: None })
        .unwrap();
    let first = field.local.outbox[0];
    field
        .absorb_outcomes(&[
            PushResult {
                id: first,
                outcome: PushOutcome::Applied,
            },
            PushResult {
                id: e.id,
                outcome: PushOutcome::Rejected {
                    code: RejectCode::Forbidden,
                    reason: "case of another region".into(),
                    words: None,
                },
            },
        ])
        .unwrap();
    assert!(field.local.outbox.is_empty());
    drop(field);
    let again = reopened(&dir);
    assert!(again.local.outbox.is_empty());
    assert_eq!(again.local.not_sent.len(), 1);
    assert_eq!(again.local.not_sent[0].reason, "case of another region");
    // Shown in the user's words, by its code: not the server's English.
    let shown = again.local.not_sent[0].text(samenop_core::Lang::Nl);
    assert!(shown.starts_with("geen toegang"), "{shown}");
}

/// Issue 17 §6: the server re-ran a core rule and sent its words; the
/// refusal kept on the device (through a reopen) reads as core's refusal
/// in the chosen language, and the server's line stays for support.
#[test]
fn a_server_refusal_by_a_core_rule_is_kept_in_core_words_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let mut field = signed_in(&dir);
    let case = field.open_case(ReportSource::PoliceReport, "").unwrap();
    let join = samenop_core::Command::JoinCase { reason: None };
    let id = field.send(case, join).unwrap().id;
    let refusal = samenop_core::Refusal::NotAParticipant;
    let answer = common::refused_by_core(id, RejectCode::Forbidden, &refusal);
    field.absorb_outcomes(&[answer]).unwrap();
    drop(field);
    let again = reopened(&dir);
    let kept = &again.local.not_sent[0];
    assert_eq!(kept.text(samenop_core::Lang::Nl), refusal.text(samenop_core::Lang::Nl));
    assert_eq!(kept.text(samenop_core::Lang::En), refusal.text(samenop_core::Lang::En));
    assert_eq!(kept.reason, refusal.to_string());
}

#[test]
fn records_are_bound_to_their_place_in_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = Vault::create(open(&dir), keys(&dir), PIN, TEST_KDF).unwrap();
    vault
        .append(&[
            Record::Cursor { cursor: "1".into() },
            Record::Cursor { cursor: "2".into() },
        ])
        .unwrap();
    drop(vault);
    let conn = rusqlite::Connection::open(dir.path().join("vault.sqlite")).unwrap();
    // Swap the two records' bodies: each must now fail to open.
    conn.execute_batch(
        "UPDATE log SET seq = 99 WHERE seq = 1; UPDATE log SET seq = 1 WHERE seq = 2; UPDATE log SET seq = 2 WHERE seq = 99;",
    )
    .unwrap();
    drop(conn);
    assert!(Vault::unlock(open(&dir), keys(&dir), PIN, 0).is_err());
}

#[test]
fn a_case_is_refolded_when_an_entry_arrives_and_served_from_the_cache_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let mut field = signed_in(&dir);
    let case = field.open_case(ReportSource::PoliceReport, "Teststraat").unwrap();
    assert_eq!(field.case(&case).criterion(Criterion::Firearm), Answer::Unknown);
    let fresh = samenop_core::CaseState::fold(field.local.events.get(&case).into_iter().flatten());
    assert_eq!(field.case(&case), fresh, "the cached fold equals a fresh one");
    field.send(case, firearm_yes()).unwrap();
    assert_eq!(
        field.case(&case).criterion(Criterion::Firearm),
        Answer::Yes,
        "a new entry is seen at once"
    );
    assert_eq!(field.case(&case).event_count, 2);
    field.lock();
    assert_eq!(
        field.case(&case).event_count,
        0,
        "a locked field shows nothing, cached or not"
    );
}

/// Issue 13 §3: pulling a colleague's event dated 2100 (a wrong clock or a
/// forged event) once made every later event of this device 2100 too, even
/// after unlock; the HLC no longer follows a stamp past now + drift.
#[test]
fn device_clock_not_dragged_by_future_event() {
    let dir = tempfile::tempdir().unwrap();
    let mut field = signed_in(&dir);
    let case = field.open_case(ReportSource::PoliceReport, "Teststraat").unwrap();
    let mut from_2100 = field.local.events[&case][0].clone();
    from_2100.id = samenop_core::EventId::generate();
    from_2100.stamp = samenop_core::Hlc::new(4_102_444_800_000, 0);
    from_2100.kind = samenop_core::EventKind::CaseJoined { reason: None };
    let pull = samenop_core::wire::PullResponse {
        events: vec![from_2100],
        next_cursor: "1.1".into(),
        more: false,
        received_at: vec![chrono::Utc::now()],
        server_time: Some(chrono::Utc::now()),
        purged: Vec::new(),
        max_offline_hours: None,
        device_keep_hours: None,
    };
    field.absorb_pull(&pull).unwrap();
    let near_now = |field: &mut samenop_device::field::Field| {
        let e = field.send(case, firearm_yes()).unwrap();
        let now = chrono::Utc::now().timestamp_millis();
        assert!((e.stamp.wall_ms - now).abs() < 60_000, "{:?}", e.stamp);
    };
    near_now(&mut field);
    drop(field);
    let mut field = reopened(&dir);
    near_now(&mut field);
    // The pulled event keeps the time the server received it.
    assert!(field.local.events[&case].iter().any(|e| e.received_at.is_some()));
}

/// Both phones must show the same summary once synced: this device's own
/// events, pulled back, take the server's receipt too (and keep it).
#[test]
fn own_events_get_the_servers_receipt_when_pulled_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut field = signed_in(&dir);
    let case = field.open_case(ReportSource::PoliceReport, "Teststraat").unwrap();
    let summary = |f: &samenop_device::field::Field| {
        samenop_core::OnSceneSummary::build(&f.case(&case), chrono::Utc::now()).render_text(samenop_core::Lang::Nl)
    };
    assert!(!summary(&field).contains("ontvangen door de server"));
    let own = field.local.events[&case][0].clone();
    let pull = samenop_core::wire::PullResponse {
        events: vec![own],
        next_cursor: "1.1".into(),
        more: false,
        received_at: vec![chrono::Utc::now()],
        server_time: None,
        purged: Vec::new(),
        max_offline_hours: None,
        device_keep_hours: None,
    };
    field.absorb_pull(&pull).unwrap();
    assert!(summary(&field).contains("ontvangen door de server"));
    drop(field);
    let field = reopened(&dir);
    assert!(field.local.events[&case][0].received_at.is_some());
}
