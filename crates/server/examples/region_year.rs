//! A region's year (issue 18 §1): prints figures, asserts nothing.
//!
//! Starts a release `samenop-server serve --demo` on a fresh SQLite data
//! dir (HTTP only, so it measures any version of the server: `SAMENOP_BIN`,
//! default `target/release/samenop-server`), pushes CASES synthetic cases
//! of EVENTS_PER_CASE events each (core's `synthetic::busy_case`: invented
//! names and streets only) as agent.demo, then times the shift lead's
//! `GET /api/v1/cases` and `GET /api/v1/board`, whole and first page
//! (`limit=50`), median of 5, with response sizes, and the server's peak
//! RSS (VmHWM) during the load and during the reads.
//!
//!   cargo build --release -p samenop-server
//!   cargo run --release -p samenop-server --example region_year [-- CASES EVENTS_PER_CASE]

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use samenop_core::wire::{PushOutcome, PushRequest, PushResponse, SessionResponse};
use samenop_core::{Actor, CaseId, DeviceId};

const PASSWORD: &str = "samenop-demo";
const PARALLEL: usize = 4;
/// Cases per push: 16 × 50 events stays under the 1,000 events a push may
/// hold, and 125 pushes under the per-account push burst (120, then 5/s).
const CASES_PER_PUSH: usize = 16;

struct Server {
    child: Child,
    base: String,
    _dir: tempfile::TempDir,
}

impl Server {
    fn status_kib(&self, field: &str) -> u64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default()
            .lines()
            .find(|l| l.starts_with(field))
            .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            .unwrap_or(0)
    }

    /// Resets VmHWM to the current RSS (Linux `clear_refs` 5).
    fn reset_peak(&self) {
        let _ = std::fs::write(format!("/proc/{}/clear_refs", self.child.id()), "5");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

async fn start() -> Server {
    let bin = std::env::var("SAMENOP_BIN").unwrap_or_else(|_| "target/release/samenop-server".into());
    let dir = tempfile::tempdir().expect("temp dir");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let child = Command::new(&bin)
        .args(["serve", "--demo", "--listen", &format!("127.0.0.1:{port}")])
        .arg("--data-dir")
        .arg(dir.path())
        .env_remove("SAMENOP_DATABASE_URL")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| panic!("start {bin}: {e}"));
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(r) = client.get(format!("{base}/healthz")).send().await
            && r.status().is_success()
        {
            break;
        }
        assert!(Instant::now() < deadline, "server did not start");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Server { child, base, _dir: dir }
}

async fn login(client: &reqwest::Client, base: &str, user: &str, device: DeviceId) -> SessionResponse {
    client
        .post(format!("{base}/api/v1/sessions"))
        .json(&serde_json::json!({ "username": user, "password": PASSWORD, "device_id": device }))
        .send()
        .await
        .expect("login")
        .json()
        .await
        .expect("session")
}

/// Median time (ms), bytes and status of `GET path`, over 5 reads.
async fn measure(client: &reqwest::Client, base: &str, token: &str, path: &str) -> (f64, usize, u16) {
    let mut ms = Vec::new();
    let (mut bytes, mut status) = (0, 0);
    for _ in 0..5 {
        let t = Instant::now();
        let resp = client
            .get(format!("{base}{path}"))
            .bearer_auth(token)
            .send()
            .await
            .expect("get");
        status = resp.status().as_u16();
        bytes = resp.bytes().await.expect("body").len();
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    ms.sort_by(f64::total_cmp);
    (ms[ms.len() / 2], bytes, status)
}

#[tokio::main]
async fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let cases = args.first().copied().unwrap_or(2_000);
    let per_case = args.get(1).copied().unwrap_or(50);
    let server = start().await;
    let client = reqwest::Client::new();
    let device = DeviceId::generate();
    let agent = login(&client, &server.base, "agent.demo", device).await;
    let actor = Actor {
        user_id: agent.account.username.clone(),
        display_name: agent.account.display_name.clone(),
        organisation: agent.account.organisation,
        role: agent.account.role,
    };
    // Cases 20 s apart (a case's events span 250 ms each; busy_case's ids
    // repeat for another case at the same milliseconds), all in the past
    // (the server refuses the future).
    let spacing_ms = (per_case as i64 * 250).max(20_000);
    let start_ms = chrono::Utc::now().timestamp_millis() - cases as i64 * spacing_ms - 3_600_000;
    let all: Vec<usize> = (0..cases).collect();
    let bodies: Vec<Vec<u8>> = all
        .chunks(CASES_PER_PUSH)
        .map(|part| {
            let mut events = Vec::new();
            for i in part {
                events.extend(samenop_core::synthetic::busy_case(
                    CaseId::generate(),
                    std::slice::from_ref(&actor),
                    &agent.account.region,
                    per_case,
                    start_ms + *i as i64 * spacing_ms,
                ));
            }
            for e in &mut events {
                e.device_id = device;
            }
            serde_json::to_vec(&PushRequest {
                device_id: device,
                events,
            })
            .expect("serialise")
        })
        .collect();
    let load = Instant::now();
    let chunk = bodies.len().div_ceil(PARALLEL);
    let tasks: Vec<_> = bodies
        .chunks(chunk.max(1))
        .map(|part| {
            let part = part.to_vec();
            let client = client.clone();
            let url = format!("{}/api/v1/events", server.base);
            let token = agent.token.clone();
            tokio::spawn(async move {
                let mut applied = 0;
                for body in part {
                    let resp = loop {
                        let resp = client
                            .post(&url)
                            .bearer_auth(&token)
                            .header("content-type", "application/json")
                            .body(body.clone())
                            .send()
                            .await
                            .expect("push");
                        if resp.status() != reqwest::StatusCode::TOO_MANY_REQUESTS {
                            break resp;
                        }
                        tokio::time::sleep(Duration::from_millis(250)).await;
                    };
                    assert!(resp.status().is_success(), "push: {}", resp.status());
                    let answer: PushResponse = resp.json().await.expect("push response");
                    for r in &answer.results {
                        match &r.outcome {
                            PushOutcome::Applied => applied += 1,
                            other if std::env::var("REGION_YEAR_DEBUG").is_ok() => eprintln!("{other:?}"),
                            _ => {}
                        }
                    }
                }
                applied
            })
        })
        .collect();
    let mut applied = 0;
    for t in tasks {
        applied += t.await.expect("push task");
    }
    let load_s = load.elapsed().as_secs_f64();
    println!(
        "loaded {applied} events over {cases} cases in {load_s:.1} s ({:.0} events/s); peak RSS during load {:.0} MiB",
        applied as f64 / load_s,
        server.status_kib("VmHWM:") as f64 / 1024.0
    );
    server.reset_peak();
    let lead = login(&client, &server.base, "lead.demo", DeviceId::generate()).await;
    println!("{:<32} {:>9} {:>10} {:>6}", "GET", "median ms", "bytes", "status");
    // First pages, then whole answers (as before paging), each with the
    // server's peak RSS over its reads.
    for paths in [
        ["/api/v1/cases?limit=50", "/api/v1/board?limit=50"],
        ["/api/v1/cases", "/api/v1/board"],
    ] {
        for path in paths {
            let (ms, bytes, status) = measure(&client, &server.base, &lead.token, path).await;
            println!("{path:<32} {ms:>9.1} {bytes:>10} {status:>6}");
        }
        println!(
            "  peak RSS over these reads {:.0} MiB (RSS now {:.0} MiB)",
            server.status_kib("VmHWM:") as f64 / 1024.0,
            server.status_kib("VmRSS:") as f64 / 1024.0
        );
        server.reset_peak();
    }
}
