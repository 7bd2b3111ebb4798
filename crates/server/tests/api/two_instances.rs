//! Two servers, one PostgreSQL (issue 18 §5): two in-process `Application`s
//! on one database, each with its own pool and its own group-commit writer
//! task (what two `serve` processes have), started at the same moment on
//! an empty database. Phones push through both, alternating per request and
//! re-sending batches to the other instance at the same time; pullers page
//! through both, alternating, while the pushes run. Nothing may be lost,
//! stored twice, or skipped by a cursor. On SQLite a second server on the
//! same file is refused instead. All people and cases here are invented.
//!
//! What it caught (issue 18 §5): the second instance failed to start
//! (migrations raced: duplicate key in `pg_type`); the shift lead's pages
//! missed 4-5 of 780 events (a lead view's `opened_seq` sorted a case's
//! history at or before the cursor). Without the writer's advisory lock
//! the two writers hand out the same seqs and pushes fail with 503.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use reqwest::StatusCode;
use samenop_core::steps::InvestigationPoint;
use samenop_core::wire::{Account, PullResponse, PushOutcome, PushRequest, PushResponse, SessionResponse};
use samenop_core::{Actor, Assignment, CaseId, DeviceId, Event, EventId, Organisation, Role};
use samenop_server::{Application, Config};

use crate::helpers::*;

/// Accounts pushing, each from one phone, with a second phone pulling.
const WRITERS: usize = 4;
const CASES_PER_WRITER: usize = 3;
const BATCHES: usize = 24;
const BATCH: usize = 8;
/// Every this many batches, the batch is also sent to the other instance
/// at the same moment (a retry after a lost answer, through the balancer).
const RESEND_EVERY: usize = 3;
/// Small pages, so the cursor moves often while commits land.
const PAGE: usize = 7;

/// The two instances, reached by index; one HTTP client for both.
struct Pair {
    urls: [String; 2],
    client: reqwest::Client,
}

impl Pair {
    fn url(&self, n: usize, path: &str) -> String {
        format!("{}{path}", self.urls[n % 2])
    }

    async fn login(&self, n: usize, username: &str, device: DeviceId) -> String {
        let body = serde_json::json!({ "username": username, "password": PASSWORD, "device_id": device });
        let resp = self
            .client
            .post(self.url(n, "/api/v1/sessions"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK, "login {username}");
        resp.json::<SessionResponse>().await.unwrap().token
    }

    async fn push(&self, n: usize, token: &str, device: DeviceId, events: Vec<Event>) -> PushResponse {
        let resp = self
            .client
            .post(self.url(n, "/api/v1/events"))
            .bearer_auth(token)
            .json(&PushRequest {
                device_id: device,
                events,
            })
            .send()
            .await
            .unwrap();
        let status = resp.status();
        assert_eq!(
            status,
            StatusCode::OK,
            "push on instance {}: {}",
            n % 2,
            resp.text().await.unwrap()
        );
        resp.json().await.unwrap()
    }

    async fn pull(&self, n: usize, token: &str, since: &str) -> PullResponse {
        let resp = self
            .client
            .get(self.url(n, &format!("/api/v1/events?since={since}&limit={PAGE}")))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK, "pull on instance {}", n % 2);
        resp.json().await.unwrap()
    }

    async fn lead_opens(&self, n: usize, token: &str, case_id: CaseId) {
        let resp = self
            .client
            .post(self.url(n, &format!("/api/v1/cases/{case_id}/open")))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(
            resp.status(),
            StatusCode::NO_CONTENT,
            "lead opens on instance {}",
            n % 2
        );
    }
}

fn writer_account(i: usize) -> Account {
    account(&format!("agent.p{i}"), Organisation::Police, Role::Police, REGION)
}

fn actor_of(a: &Account) -> Actor {
    Actor {
        user_id: a.username.clone(),
        display_name: a.display_name.clone(),
        organisation: a.organisation,
        role: a.role,
    }
}

/// `e` as written by `a` (the helpers' events are by the fixed cast).
fn by(a: &Account, mut e: Event) -> Event {
    e.author = actor_of(a);
    e
}

fn note(a: &Account, case_id: CaseId, n: usize) -> Event {
    let assignment = Assignment::Investigation {
        point: InvestigationPoint::Consultation,
        done: n.is_multiple_of(2),
        note: format!("overleg {n}"),
    };
    by(a, assigned("agent.a", case_id, assignment))
}

/// What one phone pushed, and how the servers answered each id.
struct Pushed {
    ids: Vec<EventId>,
    outcomes: Vec<(EventId, PushOutcome)>,
}

/// Writer `i`: opens its cases (the lead opens them right away), then
/// pushes its batches, alternating instances, re-sending some to both.
async fn phone(pair: Arc<Pair>, i: usize, lead: Arc<String>) -> Pushed {
    let who = writer_account(i);
    let device = DeviceId::generate();
    let token = pair.login(i, &who.username, device).await;
    let cases: Vec<CaseId> = (0..CASES_PER_WRITER).map(|_| CaseId::generate()).collect();
    let mut pushed = Pushed {
        ids: Vec::new(),
        outcomes: Vec::new(),
    };
    let opening: Vec<Event> = cases.iter().map(|c| by(&who, opened("agent.a", *c, REGION))).collect();
    pushed.ids.extend(opening.iter().map(|e| e.id));
    let resp = pair.push(i, &token, device, opening).await;
    pushed
        .outcomes
        .extend(resp.results.into_iter().map(|r| (r.id, r.outcome)));
    for (k, c) in cases.iter().enumerate() {
        pair.lead_opens(i + k, &lead, *c).await;
    }
    for b in 0..BATCHES {
        let batch: Vec<Event> = (0..BATCH)
            .map(|k| note(&who, cases[(b + k) % cases.len()], b * BATCH + k))
            .collect();
        pushed.ids.extend(batch.iter().map(|e| e.id));
        let n = i + b;
        let responses = if b.is_multiple_of(RESEND_EVERY) {
            let (x, y) = tokio::join!(
                pair.push(n, &token, device, batch.clone()),
                pair.push(n + 1, &token, device, batch)
            );
            vec![x, y]
        } else {
            vec![pair.push(n, &token, device, batch).await]
        };
        for resp in responses {
            pushed
                .outcomes
                .extend(resp.results.into_iter().map(|r| (r.id, r.outcome)));
        }
    }
    pushed
}

/// Pages through both instances, alternating, until `done` and drained;
/// returns every event id received, in order.
async fn puller(pair: Arc<Pair>, token: String, done: Arc<AtomicBool>) -> Vec<EventId> {
    let mut cursor = String::new();
    let mut got = Vec::new();
    let mut n = 0;
    loop {
        // Read the flag before the page: a page that starts after every
        // push was acknowledged must see all of them.
        let finished = done.load(Ordering::SeqCst);
        let page = pair.pull(n, &token, &cursor).await;
        n += 1;
        got.extend(page.events.iter().map(|e| e.id));
        cursor = page.next_cursor;
        if finished && !page.more && page.events.is_empty() {
            return got;
        }
        if page.events.is_empty() {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
    }
}

fn assert_each_once(label: &str, got: &[EventId], expected: &HashSet<EventId>) {
    let mut counts: HashMap<EventId, usize> = HashMap::new();
    for id in got {
        *counts.entry(*id).or_default() += 1;
    }
    let twice = counts.values().filter(|c| **c > 1).count();
    let missing = expected.iter().filter(|id| !counts.contains_key(id)).count();
    let extra = counts.keys().filter(|id| !expected.contains(id)).count();
    assert_eq!(
        (missing, twice, extra),
        (0, 0, 0),
        "{label}: (missed, received twice, not expected) of {} events",
        expected.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_on_one_postgres_lose_nothing_store_nothing_twice_and_skip_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let database = fresh_database(dir.path()).await;
    let build = || {
        let mut config = Config::new("127.0.0.1:0".parse().unwrap(), database.clone());
        config.require_second_factor = false;
        Application::build(config)
    };
    // Both start at the same moment on an empty database: the migrations race.
    let (first, second) = tokio::join!(build(), build());
    if !matches!(database, samenop_server::config::DatabaseConfig::Postgres { .. }) {
        let err = match (first, second) {
            (Ok(_), Err(e)) | (Err(e), Ok(_)) => e.to_string(),
            (Ok(_), Ok(_)) => panic!("two servers on one SQLite file must not both start"),
            (Err(a), Err(b)) => panic!("neither started: {a}; {b}"),
        };
        assert!(err.contains("another samenop-server process"), "{err}");
        return;
    }
    let a = serve(first.expect("first instance starts"));
    let b = serve(second.expect("second instance starts"));
    a.seed_users().await;
    for i in 0..WRITERS {
        a.add_account(&writer_account(i)).await;
    }
    let pair = Arc::new(Pair {
        urls: [a.address.clone(), b.address.clone()],
        client: reqwest::Client::new(),
    });
    let lead = Arc::new(pair.login(1, "lead.c", DeviceId::generate()).await);

    let done = Arc::new(AtomicBool::new(false));
    let mut pullers = Vec::new();
    for i in 0..WRITERS {
        let token = pair
            .login(i + 1, &writer_account(i).username, DeviceId::generate())
            .await;
        pullers.push(tokio::spawn(puller(pair.clone(), token, done.clone())));
    }
    let lead_puller = tokio::spawn(puller(pair.clone(), (*lead).clone(), done.clone()));
    let phones: Vec<_> = (0..WRITERS)
        .map(|i| tokio::spawn(phone(pair.clone(), i, lead.clone())))
        .collect();
    let mut pushed = Vec::new();
    for p in phones {
        pushed.push(p.await.unwrap());
    }
    done.store(true, Ordering::SeqCst);

    // Each id applied exactly once; every other answer about it a duplicate.
    let mut everything = HashSet::new();
    for p in &pushed {
        let mut applied: HashMap<EventId, usize> = HashMap::new();
        for (id, outcome) in &p.outcomes {
            match outcome {
                PushOutcome::Applied => *applied.entry(*id).or_default() += 1,
                PushOutcome::Duplicate => {}
                other => panic!("{id}: {other:?}"),
            }
        }
        assert!(
            p.ids.iter().all(|id| applied.get(id) == Some(&1)),
            "each event applied once"
        );
        everything.extend(p.ids.iter().copied());
    }
    let expected_total = WRITERS * (CASES_PER_WRITER + BATCHES * BATCH);
    assert_eq!(everything.len(), expected_total);
    let stored: i64 = match &a.db {
        samenop_server::storage::Db::Postgres(pool) => sqlx::query_scalar("SELECT COUNT(*) FROM events")
            .fetch_one(pool)
            .await
            .unwrap(),
        samenop_server::storage::Db::Sqlite(_) => unreachable!("PostgreSQL only"),
    };
    assert_eq!(stored as usize, expected_total, "stored once each");

    // Each puller's pages, concatenated, hold every event it may see, once.
    for (i, (p, handle)) in pushed.iter().zip(pullers).enumerate() {
        let got = handle.await.unwrap();
        assert_each_once(
            &format!("agent.p{i}'s second phone"),
            &got,
            &p.ids.iter().copied().collect(),
        );
    }
    let got = lead_puller.await.unwrap();
    assert_each_once("the shift lead", &got, &everything);
}
