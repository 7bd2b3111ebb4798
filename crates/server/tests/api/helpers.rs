use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use samenop_core::event::{CaseNature, EventKind, ReportSource};
use samenop_core::measures::{AgreedMeasure, MeasureId, MeasureKind, MeasureOwner};
use samenop_core::wire::{Account, PullResponse, PushOutcome, PushRequest, PushResponse, RejectCode, SessionResponse};
use samenop_core::{Actor, Assignment, CaseId, DeviceId, Event, EventId, Hlc, Organisation, Role};
use samenop_server::auth::password::{self, Hasher};
use samenop_server::config::{Config, DatabaseConfig};
use samenop_server::{Application, storage};
use serde_json::Value;
use sqlx::Connection;

/// Runs `$sql` with `$bind`s straight on the server's database, either
/// pool (the crate's `on_db!` is not exported to its tests): the rows it
/// changed, or the database's error.
macro_rules! run_sql {
    ($db:expr, $sql:expr $(, $bind:expr)* $(,)?) => {
        match $db {
            samenop_server::storage::Db::Sqlite(pool) => {
                sqlx::query($sql)$(.bind($bind))*.execute(pool).await.map(|r| r.rows_affected())
            }
            samenop_server::storage::Db::Postgres(pool) => {
                sqlx::query($sql)$(.bind($bind))*.execute(pool).await.map(|r| r.rows_affected())
            }
        }
    };
}
pub(crate) use run_sql;

/// The one integer `$sql` with `$bind`s answers, on either pool.
macro_rules! scalar_sql {
    ($db:expr, $sql:expr $(, $bind:expr)* $(,)?) => {
        match $db {
            samenop_server::storage::Db::Sqlite(pool) => {
                sqlx::query_scalar::<_, i64>($sql)$(.bind($bind))*.fetch_one(pool).await
            }
            samenop_server::storage::Db::Postgres(pool) => {
                sqlx::query_scalar::<_, i64>($sql)$(.bind($bind))*.fetch_one(pool).await
            }
        }
    };
}
pub(crate) use scalar_sql;

pub const PASSWORD: &str = "test-wachtwoord-123";
pub const REGION: &str = "Testregio";
pub const OTHER_REGION: &str = "Andereregio";

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: storage::Db,
    /// The server's password hasher (its verification count), when the
    /// test started the server.
    pub hasher: Option<Hasher>,
    /// Where the test server keeps its data (for the `users` commands).
    pub database: Option<DatabaseConfig>,
    /// The device each token pushes from (tokens are bound to one device).
    devices: Mutex<HashMap<String, DeviceId>>,
    _dir: Option<tempfile::TempDir>,
}

/// The argon2 hash of `PASSWORD`, made once per test binary.
fn password_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| password::hash(PASSWORD).unwrap())
}

/// A fresh database: a SQLite file in `dir`, or a new PostgreSQL database.
pub async fn fresh_database(dir: &std::path::Path) -> DatabaseConfig {
    match std::env::var("SAMENOP_TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => {
            let name = format!("t_{}", uuid::Uuid::now_v7().simple());
            let mut conn = sqlx::PgConnection::connect(&url)
                .await
                .expect("connect to SAMENOP_TEST_DATABASE_URL");
            static SWEPT: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
            SWEPT.get_or_init(|| drop_old_test_databases(&mut conn)).await;
            sqlx::raw_sql(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .expect("create test database");
            let (base, _) = url.rsplit_once('/').expect("URL with a database path");
            DatabaseConfig::Postgres {
                url: format!("{base}/{name}"),
            }
        }
        _ => DatabaseConfig::Sqlite {
            path: dir.join("samenop.db"),
        },
    }
}

/// Drops the test databases of earlier runs, once per test binary: each
/// test makes one (about 8 MB) and none is dropped when it ends, so a
/// cluster that outlived many runs held 955 of them (8 GB) and helped
/// fill the disk a CI run needed. Only databases older than an hour go
/// (their UUIDv7 name carries the time): a run in progress keeps its own.
async fn drop_old_test_databases(conn: &mut sqlx::PgConnection) {
    let names: Vec<String> = sqlx::query_scalar("SELECT datname FROM pg_database WHERE datname LIKE 't\\_%'")
        .fetch_all(&mut *conn)
        .await
        .unwrap_or_default();
    let hour_ago_ms = u64::try_from(Utc::now().timestamp_millis() - 3_600_000).unwrap_or(0);
    for name in names {
        let Some(made_ms) = name
            .strip_prefix("t_")
            .and_then(|hex| uuid::Uuid::try_parse(hex).ok())
            .and_then(|id| id.get_timestamp())
            .map(|ts| ts.to_unix().0 * 1000 + u64::from(ts.to_unix().1 / 1_000_000))
        else {
            continue;
        };
        if made_ms < hour_ago_ms {
            // In use (another run's), or gone already: left as it is.
            let _ = sqlx::raw_sql(&format!("DROP DATABASE IF EXISTS {name}"))
                .execute(&mut *conn)
                .await;
        }
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(tweak: impl FnOnce(&mut Config)) -> TestApp {
    if std::env::var("TEST_LOG").is_ok() {
        samenop_server::telemetry::init(samenop_server::telemetry::LogFormat::Compact);
    }
    let dir = tempfile::tempdir().unwrap();
    let database = fresh_database(dir.path()).await;
    let mut config = Config::new("127.0.0.1:0".parse().unwrap(), database.clone());
    // The seeded lead and admin have no TOTP; the tests that need the
    // second factor switch it back on (`login_hardening`).
    config.require_second_factor = false;
    tweak(&mut config);
    let app = Application::build(config).await.expect("build app");
    let app = TestApp {
        _dir: Some(dir),
        database: Some(database),
        ..serve(app)
    };
    app.seed_users().await;
    app
}

/// A fresh app with one case opened by `agent.a`; also agent.a's token.
pub async fn spawn_app_with_case() -> (TestApp, String, CaseId) {
    let app = spawn_app().await;
    let police = app.login("agent.a").await;
    let case_id = app.case_by_agent(&police).await;
    (app, police, case_id)
}

/// Serves `app` until the test ends.
pub fn serve(app: Application) -> TestApp {
    let mut test_app = TestApp::attach(app.base_url(), app.db());
    test_app.hasher = Some(app.hasher());
    tokio::spawn(app.run_until(std::future::pending()));
    test_app
}

/// Serves `app` until `Stop::now`, so a test can start it again on the
/// same database.
pub fn serve_until_stopped(app: Application) -> (TestApp, Stop) {
    let test_app = TestApp::attach(app.base_url(), app.db());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async {
        let _ = stopped.await;
    }));
    (test_app, Stop { stop, server })
}

pub struct Stop {
    stop: tokio::sync::oneshot::Sender<()>,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Stop {
    /// A graceful stop, which must end in time and cleanly.
    pub async fn now(self) {
        self.stop.send(()).unwrap();
        tokio::time::timeout(std::time::Duration::from_secs(30), self.server)
            .await
            .expect("stops in time")
            .unwrap()
            .unwrap();
    }
}

pub fn account(username: &str, organisation: Organisation, role: Role, region: &str) -> Account {
    Account {
        username: username.into(),
        display_name: format!("Test {username}"),
        organisation,
        role,
        region: region.into(),
    }
}

/// The test cast: invented professionals.
pub fn cast() -> Vec<Account> {
    vec![
        account("agent.a", Organisation::Police, Role::Police, REGION),
        account("vt.b", Organisation::VeiligThuis, Role::VeiligThuis, REGION),
        account("lead.c", Organisation::Police, Role::ShiftLead, REGION),
        account("admin.d", Organisation::Police, Role::Admin, REGION),
        account("agent.e", Organisation::Police, Role::Police, OTHER_REGION),
        account("lead.f", Organisation::Police, Role::ShiftLead, OTHER_REGION),
    ]
}

pub fn actor(username: &str) -> Actor {
    let a = cast().into_iter().find(|a| a.username == username).unwrap();
    Actor {
        user_id: a.username,
        display_name: a.display_name,
        organisation: a.organisation,
        role: a.role,
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A unique, increasing HLC stamp near now.
pub fn stamp() -> Hlc {
    Hlc::new(Utc::now().timestamp_millis(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

pub fn event(author: &str, case_id: CaseId, kind: EventKind) -> Event {
    Event {
        schema: samenop_core::Schema::CURRENT,
        id: EventId::generate(),
        case_id,
        author: actor(author),
        device_id: DeviceId::generate(),
        stamp: stamp(),
        kind,
        received_at: None,
    }
}

pub fn opened(author: &str, case_id: CaseId, region: &str) -> Event {
    event(
        author,
        case_id,
        EventKind::CaseOpened {
            reported_at: Utc::now() - Duration::minutes(10),
            source: ReportSource::PoliceReport,
            address_hint: "Teststraat 1, achterom".into(),
            region: region.into(),
        },
    )
}

/// agent.a agreeing measure `id` of `kind`, owned by the police (`person`).
pub fn police_measure(case_id: CaseId, id: MeasureId, kind: MeasureKind, person: &str) -> Event {
    let owner = MeasureOwner {
        organisation: Organisation::Police,
        person: person.into(),
    };
    event(
        "agent.a",
        case_id,
        EventKind::MeasureAgreed {
            measure: AgreedMeasure::new(id, kind, owner),
        },
    )
}

/// A field set by `author` without superseding anything (as a first write).
pub fn assigned(author: &str, case_id: CaseId, assignment: Assignment) -> Event {
    event(
        author,
        case_id,
        EventKind::Assigned {
            supersedes: vec![],
            assignment,
        },
    )
}

pub fn nature(author: &str, case_id: CaseId, nature: CaseNature) -> Event {
    assigned(author, case_id, Assignment::Nature { nature })
}

pub fn joined(author: &str, case_id: CaseId) -> Event {
    event(author, case_id, EventKind::CaseJoined { reason: None })
}

pub fn outcomes(resp: &PushResponse) -> Vec<PushOutcome> {
    resp.results.iter().map(|r| r.outcome.clone()).collect()
}

pub fn reject_code(o: &PushOutcome) -> Option<RejectCode> {
    match o {
        PushOutcome::Rejected { code, .. } => Some(*code),
        _ => None,
    }
}

pub fn assert_all_applied(resp: &PushResponse) {
    assert!(outcomes(resp).iter().all(|o| *o == PushOutcome::Applied), "{resp:?}");
}

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
        let admin = self.login("admin.d").await;
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

/// (username, action) of each audit entry.
pub fn who_did_what(entries: &[Value]) -> Vec<(String, String)> {
    entries
        .iter()
        .map(|e| {
            (
                e["username"].as_str().unwrap().to_string(),
                e["action"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A 4xx answer must be JSON `{error, message}`; returns the body.
pub async fn assert_json_error(resp: reqwest::Response, status: StatusCode) -> Value {
    assert_eq!(resp.status(), status);
    let body: Value = resp.json().await.expect("error body is JSON");
    assert!(body["error"].is_string(), "{body}");
    assert!(body["message"].is_string(), "{body}");
    body
}
