//! Login probe (issue 13 part 4): prints numbers, asserts nothing.
//! Against a running `samenop-server serve --demo` (HTTP only, so it runs
//! against any version of the server):
//!
//!   cargo run -p samenop-server --example login_probe -- http://127.0.0.1:8080
//!
//! 1. 60 parallel wrong passwords for `vt.demo` (from 127.0.0.3), then the right one: how
//!    many were verified (answered 401 rather than 429) and whether the
//!    right one got in.
//! 2. A normal login's latency (`lead.demo`, from 127.0.0.1), median of 7,
//!    alone and during a flood of 400 wrong logins from 127.0.0.2.

use std::time::Instant;

const PASSWORD: &str = "samenop-demo";

fn client(ip: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(ip.parse::<std::net::IpAddr>().ok())
        .build()
        .unwrap_or_default()
}

async fn login(c: &reqwest::Client, base: &str, user: &str, pw: &str) -> u16 {
    let body = serde_json::json!({ "username": user, "password": pw });
    match c.post(format!("{base}/api/v1/sessions")).json(&body).send().await {
        Ok(r) => r.status().as_u16(),
        Err(_) => 0,
    }
}

async fn median_login_ms(c: &reqwest::Client, base: &str) -> (f64, Vec<u16>) {
    let mut ms = Vec::new();
    let mut statuses = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        statuses.push(login(c, base, "lead.demo", PASSWORD).await);
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    ms.sort_by(f64::total_cmp);
    (ms[ms.len() / 2], statuses)
}

#[tokio::main]
async fn main() {
    let base = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "http://127.0.0.1:8080".into());
    let home = client("127.0.0.1");
    let guesser = client("127.0.0.3");

    let guesses: Vec<_> = (0..60)
        .map(|i| {
            let (c, base) = (guesser.clone(), base.clone());
            tokio::spawn(async move { login(&c, &base, "vt.demo", &format!("gok-{i}")).await })
        })
        .collect();
    let mut verified = 0;
    for g in guesses {
        if g.await.unwrap_or(0) == 401 {
            verified += 1;
        }
    }
    let right = login(&guesser, &base, "vt.demo", PASSWORD).await;
    println!("60 parallel wrong passwords: {verified} verified (401); then the right one: {right}");

    let (alone, s) = median_login_ms(&home, &base).await;
    println!("normal login alone: median {alone:.0} ms (statuses {s:?})");
    let attacker = client("127.0.0.2");
    let flood: Vec<_> = (0..400)
        .map(|i| {
            let (c, base) = (attacker.clone(), base.clone());
            tokio::spawn(async move { login(&c, &base, &format!("flood.{i}"), "fout-wachtwoord").await })
        })
        .collect();
    let flood_start = Instant::now();
    // Let the flood's connections reach the server first.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let (during, s) = median_login_ms(&home, &base).await;
    let mut by_status = std::collections::BTreeMap::new();
    for f in flood {
        *by_status.entry(f.await.unwrap_or(0)).or_insert(0) += 1;
    }
    let flood_ms = flood_start.elapsed().as_millis();
    println!(
        "normal login during a 400-request flood: median {during:.0} ms (statuses {s:?}); \
         flood answers {by_status:?} in {flood_ms} ms"
    );
}
