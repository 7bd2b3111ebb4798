//! `GET /api/v1/cases/{id}/summary.pdf`: the summary as a PDF file.

use chrono::Utc;
use reqwest::StatusCode;
use samenop_core::measures::{ContactPoint, MeasureKind};
use samenop_core::steps::SafetyItem;
use samenop_core::triage::Criterion;
use samenop_core::wire::PushOutcome;
use samenop_core::{Answer, Assignment, Organisation};

use crate::board::measure;
use crate::helpers::*;

/// The text of every page, whitespace (line breaks, wrap indents) folded to single spaces.
pub fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("a readable PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).expect("text");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn the_shift_lead_downloads_the_summary_as_a_pdf_naming_who_recorded_what() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let vt = app.login("vt.b").await;
    let resp = app
        .push(
            &police,
            vec![
                assigned(
                    "agent.a",
                    case_id,
                    Assignment::Criterion {
                        criterion: Criterion::Firearm,
                        answer: Answer::Yes,
                    },
                ),
                measure("agent.a", case_id, MeasureKind::TijdelijkHuisverbod, |m| {
                    m.started_at = Some(Utc::now())
                }),
            ],
        )
        .await;
    assert_eq!(outcomes(&resp), vec![PushOutcome::Applied; 2]);
    let resp = app
        .push(
            &vt,
            vec![
                joined("vt.b", case_id),
                assigned(
                    "vt.b",
                    case_id,
                    Assignment::Safety {
                        item: SafetyItem::VtOnScene,
                        done: true,
                    },
                ),
                // Issue 14: the agreement for the whole case (004 l.302).
                assigned(
                    "vt.b",
                    case_id,
                    Assignment::CaseFirstContact {
                        contact: Some(ContactPoint {
                            organisation: Organisation::VeiligThuis,
                            person: "Test vt.b".into(),
                            phone: "0800-0000002".into(),
                        }),
                    },
                ),
            ],
        )
        .await;
    assert_eq!(outcomes(&resp), vec![PushOutcome::Applied; 3]);

    let lead = app.login("lead.c").await;
    let resp = app.get(&lead, &format!("/api/v1/cases/{case_id}/summary.pdf")).await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.headers()["content-type"], "application/pdf");
    assert_eq!(
        resp.headers()["content-disposition"],
        format!("attachment; filename=\"samenop-{case_id}.pdf\"").as_str()
    );
    assert_eq!(resp.headers()["cache-control"], "no-store");
    let bytes = resp.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-"));

    let text = pdf_text(&bytes);
    for expected in [
        "Samenvatting ter plaatse",
        &format!("Casus: {case_id}"),
        "opgevraagd door Test lead.c (Politie)",
        // render_text, as the JSON summary gives it.
        "Vuurwapen: ja (Test agent.a)",
        "Tijdelijk huisverbod (in beginsel 10 dagen)",
        "Einde huisverbod",
        "Ter plaatse: Test agent.a (Politie), Test vt.b (Veilig Thuis)",
        // Who recorded what, with the organisation.
        "Vuurwapen: ja \u{2014} Test agent.a (Politie)",
        "Veilig Thuis ter plaatse \u{2014} Test vt.b (Veilig Thuis)",
        "Tijdelijk huisverbod (in beginsel 10 dagen) \u{2014} afgesproken door Test agent.a (Politie)",
        "Casus geopend in SamenOp \u{2014} Test agent.a (Politie)",
        "Afspraken voor de hele casus",
        "Eerste aanspreekpunt voor het totaal aan veiligheidsmaatregelen: Test vt.b (Veilig Thuis), 0800-0000002 \u{2014} Test vt.b (Veilig Thuis)",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }

    // Every page carries who exported it and when (issue 16 §3), and the
    // export is audited under the lead's name.
    let doc = lopdf::Document::load_mem(&bytes).expect("a readable PDF");
    for (n, _) in doc.get_pages() {
        let page = doc.extract_text(&[n]).expect("page text");
        let page = page.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            page.contains("Vertrouwelijk \u{2014} geëxporteerd door Test lead.c (Politie) op ")
                && page.contains("deze export is vastgelegd"),
            "page {n} lacks the watermark: {page}"
        );
    }
    let entries = app.audit_of(case_id).await;
    assert_eq!(entries[0], ("lead.c".into(), "summary_pdf".into()));
}

#[tokio::test]
async fn field_users_may_not_export_and_another_regions_case_is_not_found() {
    let (app, _, case_id) = spawn_app_with_case().await;
    let path = format!("/api/v1/cases/{case_id}/summary.pdf");
    for who in ["agent.a", "vt.b", "admin.d"] {
        let token = app.login(who).await;
        app.get_error(&token, &path, StatusCode::FORBIDDEN).await;
    }
    let lead_elsewhere = app.login("lead.f").await;
    app.assert_hidden_like_missing(&lead_elsewhere, case_id, "/summary.pdf")
        .await;

    let entries = app.audit_of(case_id).await;
    assert!(entries.is_empty(), "nothing was read: {entries:?}");
}
