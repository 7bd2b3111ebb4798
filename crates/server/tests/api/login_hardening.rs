//! Issue 13 part 4: a login that cannot be raced, used to enumerate
//! accounts or to lock an officer out; auth events audited; tokens bound
//! to their device; sessions that end; a second factor.

use std::net::IpAddr;

use reqwest::StatusCode;
use samenop_core::wire::SessionResponse;
use samenop_core::{CaseId, DeviceId};
use samenop_server::auth::throttle::LoginLimits;
use samenop_server::auth::totp;
use samenop_server::storage::{self, AuditRecord};
use samenop_server::users_cmd;
use serde_json::{Value, json};

use crate::helpers::*;
use crate::login_checks::*;

/// A client whose connections come from `ip` (any 127.x address reaches
/// the test server on Linux), to play a second source address.
fn client_from(ip: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(ip.parse::<IpAddr>().unwrap())
        .build()
        .unwrap()
}

async fn login_from(app: &TestApp, client: &reqwest::Client, body: Value) -> reqwest::Response {
    client
        .post(app.url("/api/v1/sessions"))
        .json(&body)
        .send()
        .await
        .unwrap()
}

fn verifications(app: &TestApp) -> u64 {
    app.hasher.as_ref().unwrap().verifications()
}

/// The auth events of `username`, oldest first, as (action, ip, device).
async fn auth_events(app: &TestApp, username: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let mut rows: Vec<AuditRecord> = storage::auth_audit_of(&app.db, username).await.unwrap();
    rows.reverse();
    rows.into_iter().map(|r| (r.action, r.ip, r.device_id)).collect()
}

fn actions(events: &[(String, Option<String>, Option<String>)]) -> Vec<&str> {
    events.iter().map(|e| e.0.as_str()).collect()
}

#[tokio::test]
async fn sixty_parallel_guesses_verify_at_most_five_passwords_and_the_right_one_then_waits() {
    let app = spawn_app().await;
    let before = verifications(&app);
    let guesses: Vec<_> = (0..60)
        .map(|i| {
            let client = app.client.clone();
            let url = app.url("/api/v1/sessions");
            tokio::spawn(async move {
                client
                    .post(url)
                    .json(&json!({ "username": "agent.a", "password": format!("gok-{i}-wachtwoord") }))
                    .send()
                    .await
                    .unwrap()
                    .status()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for g in guesses {
        statuses.push(g.await.unwrap());
    }
    let verified = verifications(&app) - before;
    assert!(verified <= 5, "{verified} passwords verified");
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count() as u64,
        verified
    );
    assert!(
        statuses
            .iter()
            .all(|s| [StatusCode::UNAUTHORIZED, StatusCode::TOO_MANY_REQUESTS].contains(s))
    );
    let right = app.login_raw("agent.a", PASSWORD).await;
    assert!(right.headers().contains_key("retry-after"));
    assert_json_error(right, StatusCode::TOO_MANY_REQUESTS).await;
    assert_eq!(
        verifications(&app) - before,
        verified,
        "the right one was not verified either"
    );
}

#[tokio::test]
async fn a_throttled_unknown_name_and_a_throttled_account_answer_alike() {
    let app = spawn_app().await;
    for name in ["agent.a", "niemand.x"] {
        for _ in 0..5 {
            let resp = app.login_raw(name, "fout-wachtwoord").await;
            assert_json_error(resp, StatusCode::UNAUTHORIZED).await;
        }
    }
    let real = app.login_raw("agent.a", PASSWORD).await;
    let unknown = app.login_raw("niemand.x", PASSWORD).await;
    assert_eq!(real.headers().get("retry-after"), unknown.headers().get("retry-after"));
    let real = assert_json_error(real, StatusCode::TOO_MANY_REQUESTS).await;
    let unknown = assert_json_error(unknown, StatusCode::TOO_MANY_REQUESTS).await;
    assert_eq!(real, unknown);
}

#[tokio::test]
async fn an_attacker_on_one_address_cannot_lock_the_officer_out_from_another() {
    let app = spawn_app().await;
    let attacker = client_from("127.0.0.2");
    for _ in 0..8 {
        login_from(
            &app,
            &attacker,
            json!({ "username": "agent.a", "password": "fout-wachtwoord" }),
        )
        .await;
    }
    let attacker_right = login_from(&app, &attacker, json!({ "username": "agent.a", "password": PASSWORD })).await;
    assert_eq!(attacker_right.status(), StatusCode::TOO_MANY_REQUESTS);
    // The officer's phone, elsewhere, still gets in.
    app.login("agent.a").await;
}

#[tokio::test]
async fn the_login_rate_per_address_and_overall_answers_429_with_retry_after() {
    let app = spawn_app_with(|c| {
        c.login = LoginLimits {
            ip_burst: 3,
            ip_per_minute: 1,
            global_burst: 5,
            global_per_minute: 1,
            ..LoginLimits::default()
        }
    })
    .await;
    for name in ["agent.a", "vt.b", "lead.c"] {
        app.login(name).await;
    }
    let before = verifications(&app);
    let resp = app.login_raw("admin.d", PASSWORD).await;
    let wait: u64 = resp.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert_json_error(resp, StatusCode::TOO_MANY_REQUESTS).await;
    assert_eq!(verifications(&app), before, "refused before the hash");
    // Another address has its own allowance, until the global one is spent.
    let other = client_from("127.0.0.3");
    let ok = json!({ "username": "admin.d", "password": PASSWORD });
    assert_eq!(login_from(&app, &other, ok.clone()).await.status(), StatusCode::OK);
    assert_eq!(login_from(&app, &other, ok.clone()).await.status(), StatusCode::OK);
    let third = login_from(&app, &other, ok).await;
    assert!(third.headers().contains_key("retry-after"));
    assert_json_error(third, StatusCode::TOO_MANY_REQUESTS).await;
    assert!(
        auth_events(&app, "")
            .await
            .iter()
            .any(|(a, ip, _)| a == "login_rate_limited" && ip.as_deref() == Some("127.0.0.1"))
    );
}

#[tokio::test]
async fn logins_failures_throttling_and_logout_are_audited_with_address_and_device() {
    let app = spawn_app().await;
    for _ in 0..5 {
        app.login_raw("vt.b", "fout-wachtwoord").await;
    }
    app.login_raw("niemand.y", "fout-wachtwoord").await;
    let token = app.login("agent.a").await;
    let device = app.device_of(&token).to_string();
    assert_eq!(app.logout(&token).await.status(), StatusCode::NO_CONTENT);

    let agent = auth_events(&app, "agent.a").await;
    assert_eq!(actions(&agent), ["login", "logout"]);
    for (_, ip, dev) in &agent {
        assert_eq!(ip.as_deref(), Some("127.0.0.1"));
        assert_eq!(dev.as_deref(), Some(device.as_str()));
    }
    let vt = auth_events(&app, "vt.b").await;
    assert_eq!(
        actions(&vt),
        [vec!["login_failed"; 5], vec!["login_throttled"]].concat()
    );
    // An unknown name is audited as typed, without a role.
    let unknown = storage::auth_audit_of(&app.db, "niemand.y").await.unwrap();
    assert_eq!(unknown.len(), 1);
    assert_eq!((unknown[0].action.as_str(), unknown[0].role), ("login_failed", None));
    // No password is ever in the audit log.
    let admin = app.login("admin.d").await;
    let all: Value = app.get_json(&admin, "/api/v1/audit").await;
    assert!(!all.to_string().contains("fout-wachtwoord"));
}

#[tokio::test]
async fn a_push_from_another_device_than_the_tokens_is_refused() {
    let app = spawn_app().await;
    let token = app.login("agent.a").await;
    let case_id = CaseId::generate();
    let stolen = app.push_from_device(&token, DeviceId::generate(), vec![opened("agent.a", case_id, REGION)]);
    assert_refused(stolen, StatusCode::FORBIDDEN).await;
    app.assert_sees_no_events("lead.c").await;
    assert!(actions(&auth_events(&app, "agent.a").await).contains(&"device_mismatch"));
    // From its own device the same token works.
    assert_all_applied(&app.push(&token, vec![opened("agent.a", case_id, REGION)]).await);
}

#[tokio::test]
async fn a_token_issued_without_a_device_is_bound_to_its_first_pushing_device() {
    let app = spawn_app().await;
    let resp = app.login_raw("agent.a", PASSWORD).await;
    let token = resp.json::<SessionResponse>().await.unwrap().token;
    app.push(&token, vec![opened("agent.a", CaseId::generate(), REGION)])
        .await;
    let other = app.push_from_device(&token, DeviceId::generate(), vec![]);
    assert_refused(other, StatusCode::FORBIDDEN).await;
}

/// A session's first pushes that arrive together, before its binding
/// committed: each reads the binding, the first writes it (in its turn
/// among the group commits, `storage::write_turn`), the others find it
/// bound to their device. Every push lands; the session is bound to that
/// one device.
#[tokio::test]
async fn a_tokens_first_pushes_sent_together_from_one_device_all_land_and_bind_it() {
    let app = spawn_app().await;
    let resp = app.login_raw("agent.a", PASSWORD).await;
    let token = resp.json::<SessionResponse>().await.unwrap().token;
    let pushes = (0..8).map(|_| app.push(&token, vec![opened("agent.a", CaseId::generate(), REGION)]));
    for resp in futures_util::future::join_all(pushes).await {
        assert_all_applied(&resp);
    }
    let other = app.push_from_device(&token, DeviceId::generate(), vec![]);
    assert_refused(other, StatusCode::FORBIDDEN).await;
}

#[tokio::test]
async fn a_session_left_unused_past_the_idle_timeout_ends() {
    let (app, token) = lapsed_session(|c| c.session_idle = std::time::Duration::from_secs(1)).await;
    app.get_error(&token, "/api/v1/events", StatusCode::UNAUTHORIZED).await;
}

#[tokio::test]
async fn a_new_password_ends_every_session_and_a_revoke_ends_one_device() {
    let app = spawn_app().await;
    let db = app.database.clone().unwrap();
    let phone = app.login("agent.a").await;
    let tablet = app.login("agent.a").await;
    let listed = users_cmd::sessions(&db, "agent.a").await.unwrap();
    for token in [&phone, &tablet] {
        assert!(listed.contains(&app.device_of(token).to_string()), "{listed}");
    }
    let phone_device = app.device_of(&phone).to_string();
    let out = users_cmd::revoke(&db, "agent.a", Some(&phone_device)).await.unwrap();
    assert!(out.contains("ended 1 session"), "{out}");
    app.get_error(&phone, "/api/v1/events", StatusCode::UNAUTHORIZED).await;
    assert_eq!(app.get(&tablet, "/api/v1/events").await.status(), StatusCode::OK);

    let hash = samenop_server::auth::password::hash("een-nieuw-wachtwoord").unwrap();
    assert!(storage::set_password(&app.db, "agent.a", &hash).await.unwrap());
    app.get_error(&tablet, "/api/v1/events", StatusCode::UNAUTHORIZED).await;
    let new = app.login_raw("agent.a", "een-nieuw-wachtwoord").await;
    assert_eq!(new.status(), StatusCode::OK);
}

#[tokio::test]
async fn disable_and_enable_from_the_command_line_are_audited() {
    let app = spawn_app().await;
    let db = app.database.clone().unwrap();
    users_cmd::disable(&db, "vt.b").await.unwrap();
    assert_json_error(app.login_raw("vt.b", PASSWORD).await, StatusCode::UNAUTHORIZED).await;
    users_cmd::enable(&db, "vt.b").await.unwrap();
    app.login("vt.b").await;
    users_cmd::revoke(&db, "vt.b", None).await.unwrap();
    let out = users_cmd::totp_enroll(&db, "vt.b").await.unwrap();
    assert!(out.contains("otpauth://totp/SamenOp:vt.b?secret="), "{out}");
    assert_eq!(
        actions(&auth_events(&app, "vt.b").await),
        [
            "account_disabled",
            "login_failed",
            "account_enabled",
            "login",
            "session_revoked",
            "totp_enrolled"
        ]
    );
    assert!(users_cmd::enable(&db, "niemand").await.is_err());
}

#[tokio::test]
async fn an_account_with_totp_needs_its_code_and_each_code_works_once() {
    let app = spawn_app().await;
    let secret = totp::new_secret();
    storage::set_totp(&app.db, "lead.c", Some(&secret)).await.unwrap();
    // A wrong password is a plain 401: the code is asked only after it.
    let wrong = assert_json_error(
        app.login_raw("lead.c", "fout-wachtwoord").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(wrong["error"], "unauthorized");
    let asked = assert_json_error(app.login_raw("lead.c", PASSWORD).await, StatusCode::UNAUTHORIZED).await;
    assert_eq!(asked["error"], "otp_required");
    let with = |otp: &str| json!({ "username": "lead.c", "password": PASSWORD, "otp": otp });
    let bad = assert_json_error(app.login_body(with("000000x")).await, StatusCode::UNAUTHORIZED).await;
    assert_eq!(bad, wrong);
    let code = totp::current_code(&secret, chrono::Utc::now().timestamp()).unwrap();
    assert_eq!(app.login_body(with(&code)).await.status(), StatusCode::OK);
    let replay = assert_json_error(app.login_body(with(&code)).await, StatusCode::UNAUTHORIZED).await;
    assert_eq!(replay, wrong);
}

#[tokio::test]
async fn a_shift_lead_or_admin_without_a_second_factor_cannot_sign_in() {
    let app = spawn_app_with(|c| c.require_second_factor = true).await;
    // Field users sign in with their password as before.
    assert_eq!(app.login_raw("agent.a", PASSWORD).await.status(), StatusCode::OK);
    for who in ["lead.c", "admin.d"] {
        let refused = assert_json_error(app.login_raw(who, PASSWORD).await, StatusCode::FORBIDDEN).await;
        assert_eq!(refused["error"], "second_factor_not_enrolled", "{who}");
    }
    // A wrong password still says only "wrong", so the rule tells an
    // attacker nothing without the password.
    let wrong = assert_json_error(
        app.login_raw("lead.c", "fout-wachtwoord").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(wrong["error"], "unauthorized");
    // Once enrolled, the lead is asked for the code.
    storage::set_totp(&app.db, "lead.c", Some(&totp::new_secret()))
        .await
        .unwrap();
    let asked = assert_json_error(app.login_raw("lead.c", PASSWORD).await, StatusCode::UNAUTHORIZED).await;
    assert_eq!(asked["error"], "otp_required");
    let actions: Vec<String> = storage::auth_audit_of(&app.db, "admin.d")
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.action)
        .collect();
    assert!(actions.contains(&"second_factor_missing".to_string()), "{actions:?}");
}

/// A login whose connection comes from `from`, carrying `forwarded` as
/// `X-Forwarded-For`.
async fn login_forwarded(app: &TestApp, from: &str, forwarded: &str) -> StatusCode {
    client_from(from)
        .post(app.url("/api/v1/sessions"))
        .header("x-forwarded-for", forwarded)
        .json(&json!({ "username": "agent.a", "password": PASSWORD }))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn behind_a_trusted_load_balancer_the_forwarded_client_address_is_audited_and_throttled() {
    let app = spawn_app_with(|c| {
        c.trusted_proxies = vec!["127.0.0.2/32".parse().unwrap()];
        c.login = LoginLimits {
            ip_burst: 1,
            ip_per_minute: 1,
            ..LoginLimits::default()
        };
    })
    .await;
    // Through the balancer: the client it names is audited, not the balancer.
    assert_eq!(login_forwarded(&app, "127.0.0.2", "198.51.100.7").await, StatusCode::OK);
    // A second client behind the same balancer has its own login budget.
    assert_eq!(login_forwarded(&app, "127.0.0.2", "198.51.100.8").await, StatusCode::OK);
    // The first one's budget is spent: it waits, the others do not.
    assert_eq!(
        login_forwarded(&app, "127.0.0.2", "198.51.100.7").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // A client that sends the header itself, not through the balancer: ignored.
    assert_eq!(login_forwarded(&app, "127.0.0.3", "198.51.100.9").await, StatusCode::OK);
    let ips: Vec<Option<String>> = auth_events(&app, "agent.a").await.into_iter().map(|e| e.1).collect();
    for want in ["198.51.100.7", "198.51.100.8", "127.0.0.3"] {
        assert!(
            ips.iter().any(|ip| ip.as_deref() == Some(want)),
            "{want} not audited: {ips:?}"
        );
    }
    assert!(
        !ips.iter().any(|ip| ip.as_deref() == Some("198.51.100.9")),
        "a forged header was believed"
    );
    assert!(
        !ips.iter().any(|ip| ip.as_deref() == Some("127.0.0.2")),
        "the balancer was audited as the client"
    );
}
