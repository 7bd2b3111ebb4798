//! What goes with a case that leaves the phone (handed over and dropped,
//! or deleted by the server after the retention period): its records in
//! the vault, a colleague's later entry in it, and what was half typed in
//! it. Regressions of a security review; offline, in a real vault on disk.
//! All people and cases are invented.

mod common;

use chrono::Utc;
use samenop_core::event::ReportSource;
use samenop_core::wire::PullResponse;
use samenop_core::{CaseId, DeviceId, Event, EventId};
use samenop_device::field::Field;
use samenop_device::platform::sqlite::SqliteBackend;
use samenop_device::store::{Record, Vault};

/// A pull that brings `events` (each received now) and the server's
/// notices for `purged`.
fn pull(events: Vec<Event>, purged: Vec<CaseId>, cursor: &str) -> PullResponse {
    PullResponse {
        received_at: events.iter().map(|_| Utc::now()).collect(),
        events,
        next_cursor: cursor.into(),
        more: false,
        server_time: None,
        purged,
        max_offline_hours: None,
        device_keep_hours: None,
    }
}

/// A colleague's entry in `case_id`, written on another phone.
fn colleagues_entry(field: &Field, case_id: CaseId) -> Event {
    let mut e = field.local.events[&case_id][0].clone();
    e.id = EventId::generate();
    e.device_id = DeviceId::generate();
    e
}

/// The vault in `dir` itself, opened with the PIN (no field around it).
fn vault(dir: &tempfile::TempDir) -> Vault<SqliteBackend> {
    let (vault, _) = Vault::unlock(
        common::backend(dir),
        common::keys(dir),
        common::PIN,
        samenop_device::platform::now_ms(),
    )
    .expect("unlock");
    vault
}

/// How many records of `case_id` the vault in `dir` still holds (erasing
/// them to count).
fn records_of(dir: &tempfile::TempDir, case_id: CaseId) -> usize {
    vault(dir).erase_case(case_id).expect("count")
}

#[test]
fn a_colleagues_entry_in_a_case_that_left_the_phone_is_not_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut field = common::signed_in(&dir);
    let case_id = field
        .open_case(ReportSource::PoliceReport, "Teststraat 5")
        .expect("open");
    let later = colleagues_entry(&field, case_id);
    field.purge(case_id).expect("drop");
    field.absorb_pull(&pull(vec![later], Vec::new(), "c1")).expect("pull");
    assert!(!field.local.events.contains_key(&case_id));
    drop(field);
    assert_eq!(records_of(&dir, case_id), 0, "nothing of the case is sealed in the log");
}

#[test]
fn the_servers_notice_erases_what_came_in_after_the_phone_dropped_the_case() {
    // What an older version stored after the drop: the notice that the
    // server deleted the case erases it too.
    let dir = tempfile::tempdir().expect("temp dir");
    let mut field = common::signed_in(&dir);
    let case_id = field
        .open_case(ReportSource::PoliceReport, "Teststraat 6")
        .expect("open");
    let later = colleagues_entry(&field, case_id);
    field.purge(case_id).expect("drop");
    drop(field);
    vault(&dir)
        .append(&[Record::Event {
            event: Box::new(later),
            pending: false,
        }])
        .expect("an older version's record");
    let mut field = common::reopened(&dir);
    field.absorb_pull(&pull(Vec::new(), vec![case_id], "c2")).expect("pull");
    drop(field);
    assert_eq!(records_of(&dir, case_id), 0);
}

#[test]
fn what_was_typed_in_a_case_leaves_with_it_and_other_drafts_stay() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut field = common::signed_in(&dir);
    let case_id = field
        .open_case(ReportSource::PoliceReport, "Teststraat 7")
        .expect("open");
    let other = field
        .open_case(ReportSource::PoliceReport, "Teststraat 8")
        .expect("open");
    let typed = format!("{case_id}:measure:contact_person");
    let elsewhere = format!("{other}:measure:contact_person");
    field.keep_draft(&typed, "J. Voorbeeld 0600000000").expect("draft");
    field.keep_draft(&elsewhere, "K. Voorbeeld").expect("draft");
    field
        .keep_draft("new_case:address_hint", "Teststraat 9")
        .expect("draft");
    field.note_place(Some(case_id), "step:4").expect("place");

    field.purge(case_id).expect("drop");
    assert_eq!(field.draft(&typed), "");
    assert_eq!(
        field.resume_point().case_id,
        None,
        "the phone does not return to a case it dropped"
    );
    drop(field);
    // Sealed on disk as such: after the lock the drafts of the other case stay.
    let field = common::reopened(&dir);
    assert_eq!(field.draft(&typed), "");
    assert_eq!(field.draft(&elsewhere), "K. Voorbeeld");
    assert_eq!(field.draft("new_case:address_hint"), "Teststraat 9");
    assert_eq!(field.resume_point().case_id, None);
}
