//! Push benchmark against the real `samenop-server` binary.
//!
//! For each backend (SQLite always; PostgreSQL when
//! `SAMENOP_TEST_DATABASE_URL` is set) and each fleet size, it starts the
//! server as a child process with a fresh database and `--demo` accounts,
//! then simulates N devices at once: each logs in, opens its own case and
//! pushes 500 events of ~600 bytes in batches of 50, one batch at a time.
//! Prints events/s, batch latency p50/p99 and the server's peak RSS
//! (VmHWM). Loopback only; each run is bounded by a timeout.
//!
//! `cargo bench -p samenop-server` (optionally `-- 20` for one fleet size).

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use samenop_core::event::{EventKind, ReportSource};
use samenop_core::steps::InvestigationPoint;
use samenop_core::wire::{PushOutcome, PushRequest, PushResponse, SessionResponse};
use samenop_core::{Actor, Assignment, CaseId, DeviceId, Event, EventId, Hlc};

const EVENTS_PER_DEVICE: usize = 500;
const BATCH: usize = 50;
const RUN_TIMEOUT: Duration = Duration::from_secs(300);
const DEMO_PASSWORD: &str = "samenop-demo";

struct Server {
    child: Child,
    base: String,
    _dir: tempfile::TempDir,
    /// The PostgreSQL database made for this run (cluster URL, name),
    /// dropped once the server stopped: otherwise every run left one.
    pg_database: Option<(String, String)>,
}

impl Server {
    /// User + system CPU seconds the server has used so far.
    fn cpu_secs(&self) -> f64 {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).unwrap_or_default();
        // Fields after the command name (which may hold spaces).
        let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
        let f: Vec<&str> = rest.split_whitespace().collect();
        let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
        // utime and stime are fields 14 and 15 (11 and 12 after the name); 100 Hz.
        (ticks(11) + ticks(12)) / 100.0
    }

    fn peak_rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()
    }

    /// SIGTERM, so the server shuts down the way it does in production.
    fn stop(mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A new database on the cluster of `url`: its name and its URL.
async fn fresh_pg_database(url: &str) -> (String, String) {
    use sqlx::Connection;
    let name = format!("bench_{}", uuid::Uuid::now_v7().simple());
    let mut conn = sqlx::PgConnection::connect(url).await.expect("connect to PostgreSQL");
    sqlx::raw_sql(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("create database");
    let (base, _) = url.rsplit_once('/').expect("URL with a database path");
    let database_url = format!("{base}/{name}");
    (name, database_url)
}

/// Drops the run's database (the server has stopped; a failure only
/// leaves it behind, so it is reported, not fatal).
async fn drop_pg_database(url: &str, name: &str) {
    use sqlx::Connection;
    let dropped = match sqlx::PgConnection::connect(url).await {
        Ok(mut conn) => sqlx::raw_sql(&format!("DROP DATABASE IF EXISTS {name}"))
            .execute(&mut conn)
            .await
            .map(drop),
        Err(e) => Err(e),
    };
    if let Err(e) = dropped {
        eprintln!("database {name} left behind: {e}");
    }
}

async fn start_server(pg_url: Option<&str>) -> Server {
    let dir = tempfile::tempdir().expect("temp dir");
    let port = free_port();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_samenop-server"));
    cmd.args(["serve", "--demo", "--listen", &format!("127.0.0.1:{port}")])
        // The whole fleet logs in from this one address within seconds.
        .args(["--login-ip-burst", "100000", "--login-global-burst", "100000"])
        .arg("--data-dir")
        .arg(dir.path())
        .env_remove("SAMENOP_DATABASE_URL")
        .env(
            "RUST_LOG",
            std::env::var("BENCH_SERVER_LOG").unwrap_or_else(|_| "warn".into()),
        )
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    let mut pg_database = None;
    if let Some(url) = pg_url {
        let (name, database_url) = fresh_pg_database(url).await;
        cmd.args(["--database-url", &database_url]);
        pg_database = Some((url.to_string(), name));
    }
    let child = cmd.spawn().expect("start samenop-server");
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
    Server {
        child,
        base,
        _dir: dir,
        pg_database,
    }
}

/// One device's batches, serialised before the clock starts so the
/// benchmark measures the server, not the client's JSON encoding.
fn device_batches(account: &samenop_core::wire::Account) -> (Vec<Vec<u8>>, usize) {
    let case_id = CaseId::generate();
    let device_id = DeviceId::generate();
    let author = Actor {
        user_id: account.username.clone(),
        display_name: account.display_name.clone(),
        organisation: account.organisation,
        role: account.role,
    };
    let start = chrono::Utc::now().timestamp_millis();
    let mut events = Vec::with_capacity(EVENTS_PER_DEVICE);
    for i in 0..EVENTS_PER_DEVICE {
        let kind = if i == 0 {
            EventKind::CaseOpened {
                reported_at: chrono::Utc::now(),
                source: ReportSource::PoliceReport,
                address_hint: "Teststraat 1, achterom".into(),
                region: account.region.clone(),
            }
        } else {
            EventKind::Assigned {
                supersedes: vec![],
                assignment: Assignment::Investigation {
                    point: InvestigationPoint::Consultation,
                    done: i % 2 == 0,
                    // Synthetic filler to bring the event to ~600 bytes.
                    note: format!(
                        "Overleg {i}: afstemming met collega's over vervolgstappen. {}",
                        "x".repeat(110)
                    ),
                },
            }
        };
        events.push(Event {
            schema: samenop_core::Schema::CURRENT,
            id: EventId::generate(),
            case_id,
            author: author.clone(),
            device_id,
            stamp: Hlc::new(start, i as u32),
            kind,
            received_at: None,
        });
    }
    let bytes: usize = events
        .iter()
        .map(|e| serde_json::to_vec(e).map(|v| v.len()).unwrap_or(0))
        .sum();
    let batches = events
        .chunks(BATCH)
        .map(|chunk| {
            serde_json::to_vec(&PushRequest {
                device_id,
                events: chunk.to_vec(),
            })
            .expect("serialise batch")
        })
        .collect();
    (batches, bytes / EVENTS_PER_DEVICE)
}

struct Outcome {
    events_per_sec: f64,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    rss_mib: f64,
    avg_event_bytes: usize,
    /// Server CPU use during the push phase, in cores (of 2).
    server_cpu: f64,
}

async fn run(pg_url: Option<&str>, devices: usize) -> Outcome {
    let server = start_server(pg_url).await;
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(devices)
        .build()
        .expect("client");
    // Log every device in first (argon2 is deliberately slow).
    let mut fleet = Vec::with_capacity(devices);
    for d in 0..devices {
        let username = if d % 2 == 0 { "agent.demo" } else { "vt.demo" };
        let session: SessionResponse = client
            .post(format!("{}/api/v1/sessions", server.base))
            .json(&serde_json::json!({ "username": username, "password": DEMO_PASSWORD }))
            .send()
            .await
            .expect("login")
            .json()
            .await
            .expect("session");
        let (batches, size) = device_batches(&session.account);
        fleet.push((session.token, batches, size));
    }
    let avg_event_bytes = fleet.iter().map(|f| f.2).sum::<usize>() / devices;
    let url = format!("{}/api/v1/events", server.base);
    let cpu_before = server.cpu_secs();
    let started = Instant::now();
    let tasks: Vec<_> = fleet
        .into_iter()
        .map(|(token, batches, _)| {
            let client = client.clone();
            let url = url.clone();
            tokio::spawn(async move {
                let mut latencies = Vec::with_capacity(batches.len());
                for body in batches {
                    let t = Instant::now();
                    let resp = client
                        .post(&url)
                        .bearer_auth(&token)
                        .header("content-type", "application/json")
                        .body(body)
                        .send()
                        .await
                        .expect("push");
                    assert!(resp.status().is_success(), "push: {}", resp.status());
                    let answer: PushResponse = resp.json().await.expect("push response");
                    latencies.push(t.elapsed());
                    assert!(
                        answer.results.iter().all(|r| r.outcome == PushOutcome::Applied),
                        "every event applied"
                    );
                }
                latencies
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let all = async {
        for t in tasks {
            latencies.extend(t.await.expect("device task"));
        }
    };
    tokio::time::timeout(RUN_TIMEOUT, all)
        .await
        .expect("run within the time limit");
    let elapsed = started.elapsed();
    let server_cpu = (server.cpu_secs() - cpu_before) / elapsed.as_secs_f64();
    let rss_mib = server.peak_rss_kib().unwrap_or(0) as f64 / 1024.0;
    let pg_database = server.pg_database.clone();
    server.stop();
    if let Some((url, name)) = pg_database {
        drop_pg_database(&url, &name).await;
    }
    latencies.sort();
    let pct = |p: f64| {
        let i = ((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len()) - 1;
        latencies[i].as_secs_f64() * 1000.0
    };
    Outcome {
        events_per_sec: (devices * EVENTS_PER_DEVICE) as f64 / elapsed.as_secs_f64(),
        p50_ms: pct(0.50),
        p99_ms: pct(0.99),
        max_ms: pct(1.0),
        rss_mib,
        avg_event_bytes,
        server_cpu,
    }
}

fn main() {
    // `cargo bench` passes `--bench`; numbers select fleet sizes.
    let mut sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = vec![20, 100];
    }
    let pg = std::env::var("SAMENOP_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    println!(
        "{:<10} {:>7} {:>9} {:>10} {:>9} {:>9} {:>9} {:>9} {:>11}",
        "backend", "devices", "bytes/ev", "events/s", "p50 ms", "p99 ms", "max ms", "RSS MiB", "server CPU"
    );
    let mut backends: Vec<(&str, Option<&str>)> = vec![("sqlite", None)];
    if let Some(url) = pg.as_deref() {
        backends.push(("postgres", Some(url)));
    }
    for (name, url) in backends {
        for &devices in &sizes {
            let o = runtime.block_on(run(url, devices));
            println!(
                "{:<10} {:>7} {:>9} {:>10.0} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>11.2}",
                name,
                devices,
                o.avg_event_bytes,
                o.events_per_sec,
                o.p50_ms,
                o.p99_ms,
                o.max_ms,
                o.rss_mib,
                o.server_cpu
            );
        }
    }
}
