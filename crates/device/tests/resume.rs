//! Where the user was and what they were typing (issue 17 §1): sealed on
//! disk, overwritten, back after the lock and after reopening.

mod common;

use common::{PIN, backend, reopened, signed_in};
use samenop_core::event::ReportSource;

const DRAFT: &str = "Buurvrouw-DRAFT-91c2";

#[test]
fn the_place_and_drafts_come_back_after_lock_and_reopen_and_are_sealed() {
    let dir = tempfile::tempdir().unwrap();
    let mut field = signed_in(&dir);
    let case = field.open_case(ReportSource::PoliceReport, "Teststraat").unwrap();
    field.note_place(Some(case), "step:4").unwrap();
    field.keep_draft("contact", DRAFT).unwrap();
    field.keep_draft("contact", &format!("{DRAFT}!")).unwrap();

    // The auto-lock forgets it in memory; the PIN brings it back.
    field.lock();
    assert_eq!(field.resume_point().case_id, None);
    field.unlock(backend(&dir), common::keys(&dir), PIN).unwrap();
    assert_eq!(field.resume_point().case_id, Some(case));
    assert_eq!(field.resume_point().place, "step:4");
    assert_eq!(field.draft("contact"), format!("{DRAFT}!"));
    drop(field);

    // A reload: a new field on the same files.
    let field = reopened(&dir);
    assert_eq!(field.draft("contact"), format!("{DRAFT}!"));

    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        bytes.extend(std::fs::read(entry.unwrap().path()).unwrap_or_default());
    }
    assert!(
        !bytes.windows(DRAFT.len()).any(|w| w == DRAFT.as_bytes()),
        "the draft is on disk in plaintext"
    );
}

#[test]
fn an_empty_draft_is_forgotten() {
    let dir = tempfile::tempdir().unwrap();
    let mut field = signed_in(&dir);
    field.keep_draft("reason", "half").unwrap();
    field.keep_draft("reason", "").unwrap();
    field.lock();
    field.unlock(backend(&dir), common::keys(&dir), PIN).unwrap();
    assert!(field.resume_point().drafts.is_empty());
}
