//! The shift lead's PDF of a case, fetched by the device engine itself on
//! native builds: the same trust (private CA, pins) and HTTPS rule as the
//! sync, the token only ever in the `Authorization` header, and no script
//! evaluated in the webview. The server audits the export and watermarks
//! every page with who exported it and when.

use samenop_core::CaseId;

use crate::sync::SyncError;

/// The PDF bytes of `case_id`'s summary; the server's refusal as its text.
pub async fn summary_pdf(server: &str, token: &str, case_id: CaseId) -> Result<Vec<u8>, SyncError> {
    let base = crate::server_url::check_server_url(server).map_err(|e| {
        SyncError::Refused(format!(
            "{} / {}",
            e.text(samenop_core::Lang::Nl),
            e.text(samenop_core::Lang::En)
        ))
    })?;
    let client = crate::platform::http_client().map_err(SyncError::Refused)?;
    let resp = client
        .get(format!("{base}/api/v1/cases/{case_id}/summary.pdf"))
        .bearer_auth(token)
        .send()
        .await
        .map_err(crate::sync::transport)?;
    let status = resp.status();
    if status == reqwest::StatusCode::UNAUTHORIZED {
        return Err(SyncError::Unauthorized);
    }
    if !status.is_success() {
        let message = resp
            .json::<samenop_core::wire::ApiError>()
            .await
            .map(|e| e.message)
            .unwrap_or_else(|_| status.to_string());
        return Err(SyncError::Refused(message));
    }
    let bytes = resp.bytes().await.map_err(|_| SyncError::Offline)?;
    if !bytes.starts_with(b"%PDF-") {
        return Err(SyncError::Unreadable);
    }
    Ok(bytes.to_vec())
}
