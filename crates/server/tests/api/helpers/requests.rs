//! The test server's routes as calls: log in, push, pull, read, audit.

use std::collections::HashMap;
use std::sync::Mutex;

use reqwest::StatusCode;
use samenop_core::event::CaseNature;
use samenop_core::wire::{Account, PullResponse, PushOutcome, PushRequest, PushResponse, RejectCode, SessionResponse};
use samenop_core::{CaseId, DeviceId, Event};
use samenop_server::storage;
use serde_json::Value;

use super::*;

impl TestApp {
    /// A handle on a server started by the test itself.
    pub fn attach(address: String, db: storage::Db) -> Self {
        Self {
            address,
            client: reqwest::Client::new(),
            db,
            hasher: None,
            database: None,
            devices: Mutex::new(HashMap::new()),
            _dir: None,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// The test cast, with `PASSWORD`.
    pub async fn seed_users(&self) {
        for a in cast() {
            storage::insert_user(&self.db, &a, password_hash()).await.unwrap();
        }
    }

    /// A login without a device id (as a script would): the session is
    /// bound to the device of its first push.
    pub async fn login_raw(&self, username: &str, password: &str) -> reqwest::Response {
        self.login_body(serde_json::json!({ "username": username, "password": password }))
            .await
    }

    /// POST /api/v1/sessions with `body`.
    pub async fn login_body(&self, body: Value) -> reqwest::Response {
        self.client
            .post(self.url("/api/v1/sessions"))
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    /// One more invented account, with `PASSWORD`.
    pub async fn add_account(&self, account: &Account) {
        storage::insert_user(&self.db, account, password_hash()).await.unwrap();
    }

    /// Logs in from a fresh device, as the app does; pushes with the token
    /// come from that device.
    pub async fn login(&self, username: &str) -> String {
        let device_id = DeviceId::generate();
        let body = serde_json::json!({ "username": username, "password": PASSWORD, "device_id": device_id });
        let resp = self.login_body(body).await;
        assert_eq!(resp.status(), StatusCode::OK, "login {username}");
        let token = resp.json::<SessionResponse>().await.unwrap().token;
        self.devices.lock().unwrap().insert(token.clone(), device_id);
        token
    }

    /// The device `token` pushes from.
    pub fn device_of(&self, token: &str) -> DeviceId {
        *self
            .devices
            .lock()
            .unwrap()
            .entry(token.to_string())
            .or_insert_with(DeviceId::generate)
    }

    pub async fn push_raw(&self, token: &str, events: Vec<Event>) -> reqwest::Response {
        self.client
            .post(self.url("/api/v1/events"))
            .bearer_auth(token)
            .json(&PushRequest {
                device_id: self.device_of(token),
                events,
            })
            .send()
            .await
            .unwrap()
    }

    pub async fn push(&self, token: &str, events: Vec<Event>) -> PushResponse {
        let resp = self.push_raw(token, events).await;
        assert_eq!(resp.status(), StatusCode::OK);
        resp.json().await.unwrap()
    }

    pub async fn pull_page(&self, token: &str, since: &str, limit: usize) -> PullResponse {
        let resp = self
            .client
            .get(self.url("/api/v1/events"))
            .query(&[("since", since), ("limit", &limit.to_string())])
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
        resp.json().await.unwrap()
    }

    /// Every event visible from `since`, following the cursor to the end.
    pub async fn pull_all(&self, token: &str, since: &str) -> (Vec<Event>, String) {
        let mut cursor = since.to_string();
        let mut all = Vec::new();
        loop {
            let page = self.pull_page(token, &cursor, 500).await;
            all.extend(page.events);
            cursor = page.next_cursor;
            if !page.more {
                return (all, cursor);
            }
        }
    }

    pub async fn get(&self, token: &str, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).bearer_auth(token).send().await.unwrap()
    }

    /// The JSON body of a GET.
    pub async fn get_json<T: serde::de::DeserializeOwned>(&self, token: &str, path: &str) -> T {
        self.get(token, path).await.json().await.unwrap()
    }

    /// A GET without a token.
    pub async fn get_anonymous(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// The JSON body of a GET without a token, which must answer 200.
    pub async fn get_anonymous_json(&self, path: &str) -> Value {
        let resp = self.get_anonymous(path).await;
        assert_eq!(resp.status(), StatusCode::OK);
        resp.json().await.unwrap()
    }

    /// A GET that must fail with `status` and a JSON error; returns the body.
    pub async fn get_error(&self, token: &str, path: &str, status: StatusCode) -> Value {
        assert_json_error(self.get(token, path).await, status).await
    }

    /// The reject code of each pushed event, `None` where it was not refused.
    pub async fn push_codes(&self, token: &str, events: Vec<Event>) -> Vec<Option<RejectCode>> {
        let resp = self.push(token, events).await;
        resp.results.iter().map(|r| reject_code(&r.outcome)).collect()
    }

    /// `who` signs in and opens a new case in `region`: the reject codes.
    pub async fn open_new_case_as(&self, who: &str, region: &str) -> Vec<Option<RejectCode>> {
        let token = self.login(who).await;
        self.push_codes(&token, vec![opened(who, CaseId::generate(), region)])
            .await
    }

    /// `/api/v1/cases/{case_id}{suffix}` of another region's case is the same
    /// 404 as for a case that does not exist, and a malformed id is a 404 too,
    /// so the answer tells nothing about other regions.
    pub async fn assert_hidden_like_missing(&self, token: &str, case_id: CaseId, suffix: &str) {
        let not_found = |id: String| async move {
            let path = format!("/api/v1/cases/{id}{suffix}");
            self.get_error(token, &path, StatusCode::NOT_FOUND).await
        };
        let theirs = not_found(case_id.to_string()).await;
        let missing = not_found(CaseId::generate().to_string()).await;
        assert_eq!(theirs, missing);
        not_found("not-a-uuid".into()).await;
    }

    /// The audit entries about `case_id`, newest first, as the admin lists them.
    pub async fn audit_entries(&self, case_id: CaseId) -> Vec<Value> {
        self.audit_entries_as("admin.d", case_id).await
    }

    /// The same, as `admin` (an admin reads their own region's audit only).
    pub async fn audit_entries_as(&self, admin: &str, case_id: CaseId) -> Vec<Value> {
        let admin = self.login(admin).await;
        let resp = self.get(&admin, &format!("/api/v1/audit?case_id={case_id}")).await;
        assert_eq!(resp.status(), StatusCode::OK);
        resp.json().await.unwrap()
    }

    /// (username, action) of the audit entries about `case_id`, newest first, as the admin lists them.
    pub async fn audit_of(&self, case_id: CaseId) -> Vec<(String, String)> {
        who_did_what(&self.audit_entries(case_id).await)
    }

    /// Shift lead `token` opens `case_id`: from now on their pulls carry it.
    pub async fn lead_opens(&self, token: &str, case_id: CaseId) {
        let resp = self
            .client
            .post(self.url(&format!("/api/v1/cases/{case_id}/open")))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    }

    /// Shift lead `token` opens every case of their list; returns them.
    pub async fn lead_opens_listed(&self, token: &str) -> Vec<CaseId> {
        let list: Vec<samenop_core::wire::CaseListItem> = self.get_json(token, "/api/v1/cases").await;
        for c in &list {
            self.lead_opens(token, c.case_id).await;
        }
        list.into_iter().map(|c| c.case_id).collect()
    }

    /// A case opened by `agent.a` with one more entry; returns its id.
    pub async fn case_by_agent(&self, token: &str) -> CaseId {
        let case_id = CaseId::generate();
        let resp = self
            .push(
                token,
                vec![
                    opened("agent.a", case_id, REGION),
                    nature("agent.a", case_id, CaseNature::PartnerViolence),
                ],
            )
            .await;
        assert_eq!(outcomes(&resp), vec![PushOutcome::Applied; 2]);
        case_id
    }
}
