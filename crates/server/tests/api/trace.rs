//! Issue 17 §2: a measure id is admitted once. A double tap (or a modified
//! client) that pushes a second `measure_agreed` with the same measure id
//! is refused, in the same push and in a later one, so the server holds one
//! huisverbod.

use samenop_core::CaseId;
use samenop_core::measures::{MeasureId, MeasureKind};
use samenop_core::wire::RejectCode;

use crate::helpers::*;

fn huisverbod(case_id: CaseId, id: MeasureId) -> samenop_core::Event {
    police_measure(case_id, id, MeasureKind::TijdelijkHuisverbod, "Agent A")
}

#[tokio::test]
async fn a_second_measure_agreed_with_the_same_id_is_refused() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let id = MeasureId(uuid::Uuid::now_v7());
    let codes = app
        .push_codes(&police, vec![huisverbod(case_id, id), huisverbod(case_id, id)])
        .await;
    assert_eq!(codes, vec![None, Some(RejectCode::Invalid)]);
    let later = app.push_codes(&police, vec![huisverbod(case_id, id)]).await;
    assert_eq!(later, vec![Some(RejectCode::Invalid)]);
    // Another measure (another id) of the same kind is still a measure of its own.
    let other = MeasureId(uuid::Uuid::now_v7());
    assert_eq!(
        app.push_codes(&police, vec![huisverbod(case_id, other)]).await,
        vec![None]
    );
}
