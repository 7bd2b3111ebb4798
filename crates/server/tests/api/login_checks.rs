//! Checks shared by the login, session, region and bad-input tests: a
//! request that must be refused with a JSON error, a push from a device
//! other than the token's, a session left to lapse, and "this person sees
//! no events". (`helpers.rs` holds the app itself.)

use reqwest::StatusCode;
use samenop_core::wire::PushRequest;
use samenop_core::{DeviceId, Event};
use samenop_server::Config;
use serde_json::Value;

use crate::helpers::*;

/// Sends `request` and asserts it is refused with `status` and a JSON
/// error; returns the body.
pub async fn assert_refused(request: reqwest::RequestBuilder, status: StatusCode) -> Value {
    assert_json_error(request.send().await.unwrap(), status).await
}

/// agent.a signed in on a server tweaked by `tweak` (which shortens a
/// session limit to one second), and the token once that second has passed
/// after a first request that worked.
pub async fn lapsed_session(tweak: impl FnOnce(&mut Config)) -> (TestApp, String) {
    let app = spawn_app_with(tweak).await;
    let token = app.login("agent.a").await;
    assert_eq!(app.get(&token, "/api/v1/events").await.status(), StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(1300)).await;
    (app, token)
}

impl TestApp {
    /// A push with `token` that claims to come from `device_id`.
    pub fn push_from_device(&self, token: &str, device_id: DeviceId, events: Vec<Event>) -> reqwest::RequestBuilder {
        self.client
            .post(self.url("/api/v1/events"))
            .bearer_auth(token)
            .json(&PushRequest { device_id, events })
    }

    /// DELETE /api/v1/sessions: signs `token` out.
    pub async fn logout(&self, token: &str) -> reqwest::Response {
        self.client
            .delete(self.url("/api/v1/sessions"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    /// Signs in as `who` and asserts a pull returns no event at all.
    pub async fn assert_sees_no_events(&self, who: &str) {
        let token = self.login(who).await;
        let (events, _) = self.pull_all(&token, "").await;
        assert!(events.is_empty(), "{who} sees: {events:?}");
    }
}
