//! The sync engine against the real server, started in-process on an
//! ephemeral port with a temporary SQLite database: the outbox survives an
//! unreachable server and reaches it in one round without duplicates, a
//! colleague's device pulls what was pushed, and an answer that does not
//! parse is its own state, not "offline".

mod common;

use common::PASSWORD;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener};

use samenop_core::event::ReportSource;
use samenop_core::steps::SafetyItem;
use samenop_core::wire::{Account, PushOutcome};
use samenop_core::{Assignment, CaseId, Command, Organisation, Role, VariantArray};
use samenop_device::engine::{Host, LOCK_AFTER_MS, SyncEngine, sync_once};
use samenop_device::field::Field;
use samenop_device::platform;
use samenop_device::store::Session;
use samenop_device::sync::{self, BATCH, SyncError, SyncStatus};
use samenop_server::auth::password;
use samenop_server::config::{Config, DatabaseConfig};
use samenop_server::{Application, storage};

const REGION: &str = "Testregio";

// ------------------------------------------------------------- the server

/// A real server on `listen`, serving until `stop` is sent; its SQLite
/// file lives in `dir`, so a restart on the same address keeps everything.
struct Server {
    url: String,
    addr: SocketAddr,
    db: storage::Db,
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

async fn start_server(dir: &std::path::Path, listen: SocketAddr) -> Server {
    let database = DatabaseConfig::Sqlite {
        path: dir.join("server.db"),
    };
    let app = Application::build(Config::new(listen, database))
        .await
        .expect("build the server");
    let (url, addr, db) = (app.base_url(), app.local_addr(), app.db());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(app.run_until(async move {
        let _ = stopped.await;
    }));
    Server {
        url,
        addr,
        db,
        stop,
        task,
    }
}

impl Server {
    /// Stops serving and waits until the port is released.
    async fn shut_down(self) -> SocketAddr {
        let _ = self.stop.send(());
        self.task
            .await
            .expect("server task")
            .expect("server ran and stopped cleanly");
        self.db.close().await;
        self.addr
    }

    /// How many events of `case_id` the server holds.
    async fn events_of(&self, case_id: CaseId) -> usize {
        storage::case_events(&self.db, &case_id)
            .await
            .expect("read the server's events")
            .len()
    }
}

fn account(username: &str, organisation: Organisation, role: Role) -> Account {
    Account {
        username: username.into(),
        display_name: format!("Test {username}"),
        organisation,
        role,
        region: REGION.into(),
    }
}

async fn add_users(db: &storage::Db) {
    let hash = password::hash(PASSWORD).expect("hash the test password");
    for a in [
        account("agent.a", Organisation::Police, Role::Police),
        account("vt.b", Organisation::VeiligThuis, Role::VeiligThuis),
    ] {
        storage::insert_user(db, &a, &hash).await.expect("add a user");
    }
}

// --------------------------------------------------------------- a device

/// The engine's host in a test: plain values instead of signals.
struct Device {
    field: Field,
    status: SyncStatus,
    errors: Vec<String>,
    last_touch: i64,
    locked: bool,
    engine: SyncEngine,
    _dir: tempfile::TempDir,
}

impl Host for Device {
    fn read<R>(&self, f: impl FnOnce(&Field) -> R) -> R {
        f(&self.field)
    }

    fn write<R>(&mut self, f: impl FnOnce(&mut Field) -> R) -> R {
        f(&mut self.field)
    }

    fn set_status(&mut self, status: SyncStatus) {
        self.status = status;
    }

    fn report(&mut self, error: &dyn std::fmt::Display) {
        self.errors.push(error.to_string());
    }

    fn last_touch_ms(&self) -> i64 {
        self.last_touch
    }

    fn locked(&mut self) {
        self.locked = true;
    }
}

impl Device {
    /// A device with its own vault, signed in with `session`.
    fn new(session: Session) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let field = common::field_for(&dir, session);
        Self {
            field,
            status: SyncStatus::default(),
            errors: Vec::new(),
            last_touch: platform::now_ms(),
            locked: false,
            engine: SyncEngine::new(),
            _dir: dir,
        }
    }

    /// Signs in the way the login screen does.
    async fn sign_in(server: &str, username: &str) -> Self {
        Self::new(common::signed_in_session(server, username).await)
    }

    /// One round of the engine, as the app's loop runs it.
    async fn round(&mut self) -> u64 {
        let mut engine = self.engine.clone();
        let wait = engine.round(self).await;
        self.engine = engine;
        wait
    }

    fn outbox(&self) -> usize {
        self.field.local.outbox.len()
    }

    fn events_of(&self, case_id: CaseId) -> Vec<samenop_core::Event> {
        self.field.local.events.get(&case_id).cloned().unwrap_or_default()
    }

    fn safety(&mut self, case_id: CaseId, item: SafetyItem) {
        let command = Command::Set(Assignment::Safety { item, done: true });
        self.field.send(case_id, command).expect("record");
    }
}

// ------------------------------------------------------------------ tests

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn entries_made_while_the_server_is_down_reach_it_in_one_round_once_and_a_colleague_pulls_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = start_server(dir.path(), "127.0.0.1:0".parse().unwrap()).await;
    add_users(&server.db).await;
    let url = server.url.clone();
    let mut a = Device::sign_in(&url, "agent.a").await;
    let mut b = Device::sign_in(&url, "vt.b").await;

    // The server goes away; the agent keeps working.
    let addr = server.shut_down().await;
    let case = a
        .field
        .open_case(ReportSource::PoliceReport, "Teststraat 1, achterom")
        .expect("open a case");
    a.safety(case, SafetyItem::VARIANTS[0]);
    a.safety(case, SafetyItem::VARIANTS[1]);
    // More cases than one push batch holds, so the outbox goes in batches.
    let others: Vec<CaseId> = (0..BATCH)
        .map(|i| {
            a.field
                .open_case(ReportSource::PoliceObservation, &format!("Teststraat {i}"))
                .expect("open a case")
        })
        .collect();
    let recorded = 3 + BATCH;
    assert_eq!(a.outbox(), recorded);

    let wait = a.round().await;
    assert_eq!(a.status, SyncStatus::Offline, "nothing answers: offline");
    assert!(
        (sync::backoff_ms(1) / 2..=sync::backoff_ms(1)).contains(&wait),
        "the first failure backs off briefly: {wait} ms"
    );
    assert_eq!(a.outbox(), recorded, "unsent entries stay in the outbox");
    assert!(a.errors.is_empty(), "no connection is no error to show: {:?}", a.errors);

    // The server is back on the same address, with the same database.
    let server = start_server(dir.path(), addr).await;
    let wait = a.round().await;
    assert_eq!(a.status, SyncStatus::Synced);
    assert!(a.errors.is_empty(), "{:?}", a.errors);
    assert_eq!(a.outbox(), 0, "one round empties the outbox");
    assert_eq!(wait, sync::next_round_ms(0), "entries moved: the quick cadence");
    assert_eq!(server.events_of(case).await, 3);
    for c in &others {
        assert_eq!(server.events_of(*c).await, 1);
    }
    assert!(a.field.local.not_sent.is_empty(), "{:?}", a.field.local.not_sent);

    // Another round, and the same batch pushed again as if its answer had
    // been lost: nothing is stored twice, on the server or on the device.
    a.round().await;
    assert_eq!(a.status, SyncStatus::Synced);
    assert_eq!(server.events_of(case).await, 3);
    assert_eq!(a.events_of(case).len(), 3);
    let session = a.field.session().cloned().expect("signed in");
    let again = sync::push(&session.server, &session.token, session.device_id, a.events_of(case))
        .await
        .expect("push again");
    assert!(
        again.results.iter().all(|r| r.outcome == PushOutcome::Duplicate),
        "{:?}",
        again.results
    );
    assert_eq!(server.events_of(case).await, 3);

    // A colleague on another device joins the case and pulls it.
    assert!(b.events_of(case).is_empty());
    b.field.send(case, Command::JoinCase { reason: None }).expect("join");
    b.round().await;
    assert_eq!(b.status, SyncStatus::Synced);
    assert!(b.errors.is_empty(), "{:?}", b.errors);
    let seen = b.events_of(case);
    let from_a: Vec<_> = a.events_of(case).iter().map(|e| e.id).collect();
    assert!(
        from_a.iter().all(|id| seen.iter().any(|e| &e.id == id)),
        "the colleague sees every entry the agent made"
    );
    assert_eq!(seen.len(), 4, "three of the agent's, one join, nothing twice");
    assert!(
        b.field.case(&case).opening.is_some(),
        "the case folds on the colleague's device"
    );
    assert!(b.events_of(others[0]).is_empty(), "cases not joined are not pulled");

    // And the join comes back to the agent.
    a.round().await;
    assert_eq!(a.events_of(case).len(), 4);
    b.round().await;
    assert_eq!(b.events_of(case).len(), 4, "a repeated pull adds nothing");

    server.shut_down().await;
}

/// A server (or something in its place) that answers every request with
/// 200 and a body that is not the protocol's JSON.
fn unreadable_stub() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind the stub");
    let addr = listener.local_addr().expect("stub address");
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            // Read the whole request first, so the client sees an answer,
            // not a reset connection.
            let mut reader = BufReader::new(stream.try_clone().expect("clone the stream"));
            let mut length = 0usize;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some((name, value)) = line.split_once(':')
                    && name.eq_ignore_ascii_case("content-length")
                {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let page = "<html><body>Log in bij het gastennetwerk</body></html>";
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
                page.len()
            );
        }
    });
    format!("http://{addr}")
}

/// A proxy in front of `upstream` that takes the first connection, reads
/// what comes and closes it unanswered (a request lost on a patchy mobile
/// network), and passes every later connection through.
fn losing_first_connection(upstream: SocketAddr) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind the proxy");
    let addr = listener.local_addr().expect("proxy address");
    std::thread::spawn(move || {
        for (n, stream) in listener.incoming().enumerate() {
            let Ok(client) = stream else { continue };
            if n == 0 {
                let mut buf = [0u8; 1024];
                let _ = (&client).read(&mut buf);
                drop(client);
                continue;
            }
            let Ok(server) = std::net::TcpStream::connect(upstream) else {
                continue;
            };
            let (mut c_in, mut s_out) = (client.try_clone().expect("clone"), server.try_clone().expect("clone"));
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut c_in, &mut s_out);
                let _ = s_out.shutdown(std::net::Shutdown::Write);
            });
            let (mut s_in, mut c_out) = (server, client);
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut s_in, &mut c_out);
                let _ = c_out.shutdown(std::net::Shutdown::Write);
            });
        }
    });
    format!("http://{addr}")
}

fn session_at(server: String) -> Session {
    Session {
        server,
        ..common::session()
    }
}

#[tokio::test]
async fn a_reply_that_does_not_parse_is_unreadable_not_offline() {
    let mut d = Device::new(session_at(unreadable_stub()));

    // Nothing to push: the pull's answer is unreadable.
    assert_eq!(sync_once(&mut d).await, Err(SyncError::Unreadable));

    // Something to push: the push's answer is unreadable; the entry stays.
    d.field
        .open_case(ReportSource::PoliceReport, "Teststraat 2")
        .expect("open a case");
    let wait = d.round().await;
    assert_eq!(d.status, SyncStatus::Unreadable);
    assert_eq!(SyncStatus::after(&SyncError::Unreadable), SyncStatus::Unreadable);
    assert!(
        (sync::backoff_ms(1) / 2..=sync::backoff_ms(1)).contains(&wait),
        "an unreadable answer backs off like a failure: {wait} ms"
    );
    assert_eq!(d.engine.failures(), 1);
    assert_eq!(d.outbox(), 1, "the entry waits for a readable answer");
    assert!(
        d.errors.is_empty(),
        "the badge tells it, not the error line: {:?}",
        d.errors
    );

    // A server that does not answer at all is offline, as before.
    let closed = TcpListener::bind("127.0.0.1:0").expect("bind");
    let nobody = format!("http://{}", closed.local_addr().expect("address"));
    drop(closed);
    let mut e = Device::new(session_at(nobody));
    e.round().await;
    assert_eq!(e.status, SyncStatus::Offline);
}

#[tokio::test]
async fn an_untouched_field_locks_and_a_locked_field_does_not_sync() {
    let mut d = Device::new(session_at(unreadable_stub()));
    d.field
        .open_case(ReportSource::PoliceReport, "Teststraat 3")
        .expect("open a case");
    d.last_touch = platform::now_ms() - LOCK_AFTER_MS - 1;
    let wait = d.round().await;
    assert!(d.locked, "the host was told to ask for the PIN");
    assert!(!d.field.is_unlocked());
    assert!(d.field.local.events.is_empty(), "a locked field shows nothing");
    assert_eq!(d.status, SyncStatus::Offline, "no round ran: the status is untouched");
    assert_eq!(d.engine.failures(), 0);
    assert_eq!(
        wait,
        sync::next_round_ms(sync::ACTIVE_WINDOW_MS),
        "nothing moved: the slow cadence"
    );

    // Touched recently: stays open.
    let mut fresh = Device::new(session_at(unreadable_stub()));
    assert!(!SyncEngine::new().lock_if_idle(&mut fresh, platform::now_ms()));
    assert!(fresh.field.is_unlocked() && !fresh.locked);
}

/// Regression (stop 33): one lost request cost a failed round and a
/// back-off, and on a network that loses a few in a row, seconds. A push
/// whose connection is lost is sent once more at once and lands in the same
/// round; the server holds it once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_whose_connection_is_lost_is_sent_again_at_once_and_lands_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = start_server(dir.path(), "127.0.0.1:0".parse().unwrap()).await;
    add_users(&server.db).await;
    let session = common::signed_in_session(&server.url, "agent.a").await;
    let mut a = Device::new(Session {
        server: losing_first_connection(server.addr),
        ..session
    });
    let case = a
        .field
        .open_case(ReportSource::PoliceReport, "Teststraat 3")
        .expect("open a case");

    a.round().await;
    assert_eq!(a.outbox(), 0, "the entry landed in this round");
    assert_eq!(a.engine.failures(), 0, "no failed round, no back-off: {:?}", a.status);
    assert_ne!(a.status, SyncStatus::Offline);
    assert_eq!(server.events_of(case).await, 1, "stored once");
}
