//! What an admin reads in the audit is their own region's, in their own
//! organisation's view: the same walls as every other case route.
//! Regressions of the security review: an admin of one region read every
//! region's case reads, sign-ins and lead searches, and any case's write
//! log; an admin of Veilig Thuis saw that the police contacted the OM.
//! All people and cases are invented.

use reqwest::StatusCode;
use samenop_core::{Organisation, Role};
use serde_json::Value;

use crate::helpers::*;
use crate::sharing::om_contact;

#[tokio::test]
async fn an_admin_reads_only_the_audit_of_their_own_region() {
    let (app, police, case_id) = spawn_app_with_case().await;
    app.add_account(&account("admin.f", Organisation::Police, Role::Admin, OTHER_REGION))
        .await;
    let lead = app.login("lead.c").await;
    let _: Value = app.get_json(&lead, "/api/v1/cases?search=Teststraat").await;
    let (_, _) = app.pull_all(&police, "").await;

    let here = app.login("admin.d").await;
    let elsewhere = app.login("admin.f").await;
    let names = |entries: &Value| -> Vec<String> {
        entries
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e["username"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let ours: Value = app.get_json(&here, "/api/v1/audit").await;
    assert!(names(&ours).iter().any(|n| n == "lead.c"), "{ours}");
    assert!(names(&ours).iter().any(|n| n == "agent.a"), "{ours}");
    let theirs: Value = app.get_json(&elsewhere, "/api/v1/audit").await;
    let seen = names(&theirs);
    assert!(
        seen.iter().all(|n| n == "admin.f"),
        "another region's admin reads only their own region's entries: {theirs}"
    );
    let about_case: Value = app
        .get_json(&elsewhere, &format!("/api/v1/audit?case_id={case_id}"))
        .await;
    assert_eq!(about_case, serde_json::json!([]));
    // The write log of another region's case: as for a case that does not exist.
    let path = |id: String| format!("/api/v1/audit/writes?case_id={id}");
    let hidden = app
        .get_error(&elsewhere, &path(case_id.to_string()), StatusCode::NOT_FOUND)
        .await;
    let missing = app
        .get_error(
            &elsewhere,
            &path(samenop_core::CaseId::generate().to_string()),
            StatusCode::NOT_FOUND,
        )
        .await;
    assert_eq!(hidden, missing);
    let _: Value = app.get_json(&here, &path(case_id.to_string())).await;
}

#[tokio::test]
async fn a_veilig_thuis_admin_does_not_learn_of_the_police_om_contact() {
    let (app, police, case_id) = spawn_app_with_case().await;
    app.add_account(&account("admin.vt", Organisation::VeiligThuis, Role::Admin, REGION))
        .await;
    assert_all_applied(
        &app.push(&police, vec![om_contact(case_id, uuid::Uuid::now_v7(), true)])
            .await,
    );
    let kinds = |writes: &Value| -> Vec<String> {
        writes
            .as_array()
            .map(|a| a.iter().filter_map(|w| w["kind"].as_str().map(str::to_owned)).collect())
            .unwrap_or_default()
    };
    let path = format!("/api/v1/audit/writes?case_id={case_id}");
    let police_admin = app.login("admin.d").await;
    let police_view: Value = app.get_json(&police_admin, &path).await;
    assert!(
        kinds(&police_view).contains(&"om_contacted".to_string()),
        "{police_view}"
    );
    let vt_admin = app.login("admin.vt").await;
    let vt_view: Value = app.get_json(&vt_admin, &path).await;
    assert!(kinds(&vt_view).contains(&"case_opened".to_string()), "{vt_view}");
    assert!(!kinds(&vt_view).contains(&"om_contacted".to_string()), "{vt_view}");
}
