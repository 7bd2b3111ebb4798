//! The device store survives `kill -9` mid-write: a writer process records
//! events as fast as it can and is killed at pseudo-random moments, over and
//! over, against the same vault. After every kill the store must open, and
//! every event the writer reported as saved must be there, still waiting in
//! the outbox.
//!
//! One file, two roles: the ignored test `writer_child` is the writer; it
//! does nothing unless `SAMENOP_CRASH_DIR` is set, which only the parent test
//! does when it runs this same test binary again as a child process.
//!
//! To repeat a run: `SAMENOP_CRASH_SEED=<seed printed by a run>`; for a longer
//! soak: `SAMENOP_CRASH_ROUNDS=<n>`.

mod common;

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{PIN, TEST_KDF, session};

use samenop_core::Command as CaseCommand;
use samenop_core::VariantArray;
use samenop_core::event::ReportSource;
use samenop_core::steps::{InvestigationPoint, SafetyItem};
use samenop_core::triage::Criterion;
use samenop_core::{Answer, Assignment, CaseId, EventId};
use samenop_device::field::Field;
use samenop_device::platform::sqlite::SqliteBackend;
use samenop_device::store::{StoreError, Vault};

/// Set only for the child process: the directory holding the vault.
const DIR_VAR: &str = "SAMENOP_CRASH_DIR";
const SEED_VAR: &str = "SAMENOP_CRASH_SEED";
const ROUNDS_VAR: &str = "SAMENOP_CRASH_ROUNDS";
const DEFAULT_SEED: u64 = 0x5a3e_0b1d_c4a5_2026;
const DEFAULT_ROUNDS: usize = 200;
/// Kill moments, in microseconds: after the writer is ready, and after spawn.
const WRITE_WINDOW_US: u64 = 6_000;
const STARTUP_WINDOW_US: u64 = 20_000;

/// What the child prints, one line each, flushed at once.
const SAVED: &str = "saved ";
const CREATED: &str = "crash-child: created";
const READY: &str = "crash-child: ready";

const VAULT_FILE: &str = "vault.sqlite";

/// splitmix64: small, deterministic, good enough to spread kill moments.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

// ---------------------------------------------------------------- the child

/// The writer. Opens the vault the way the app does (unlock when one exists,
/// else create it, as a fresh sign-in would), then records events forever,
/// printing `saved <event id>` after each `record` has returned Ok.
#[test]
#[ignore = "child process of the kill -9 test; does nothing unless SAMENOP_CRASH_DIR is set"]
fn writer_child() {
    let Some(dir) = std::env::var_os(DIR_VAR) else {
        return;
    };
    let path = Path::new(&dir).join(VAULT_FILE);
    let child_keys = || common::keys_at(Path::new(&dir));
    let open = || SqliteBackend::open(&path).expect("child: open the SQLite file");
    let mut out = std::io::stdout().lock();
    let mut say = |line: &str| {
        writeln!(out, "{line}").expect("child: write to stdout");
        out.flush().expect("child: flush stdout");
    };

    // The harness has printed `test writer_child ... ` without a newline:
    // end that line so every line of ours starts at the line's start.
    say("");

    let mut field = Field::default();
    let backend = open();
    if Vault::exists(&backend).expect("child: read the vault's meta") {
        field
            .unlock(backend, child_keys(), PIN)
            .expect("child: a vault that exists must unlock after a kill");
    }
    // No vault, or one whose sign-in was never sealed (killed during the
    // first sign-in): the app sends the user to sign in again, which
    // creates the vault anew.
    if field.session().is_none() {
        field
            .create(open(), child_keys(), PIN, session(), TEST_KDF)
            .expect("child: create the vault");
        say(CREATED);
    }
    say(READY);

    let known = field.local.events.values().map(Vec::len).sum::<usize>() as u64;
    let mut rng = Rng(known ^ u64::from(std::process::id()).rotate_left(32));
    // Case ids are UUIDv7, so the last key is the newest case.
    let mut case: Option<CaseId> = field.local.events.keys().next_back().copied();
    loop {
        let per_case = case.and_then(|c| field.local.events.get(&c)).map_or(0, Vec::len);
        let id = match case {
            Some(c) if per_case < 4 + rng.below(12) as usize => {
                let kind = some_kind(&mut rng);
                field.send(c, kind).expect("child: record").id
            }
            _ => {
                let hint = "Teststraat achterom ".repeat(6)[..rng.below(121) as usize].to_string();
                let source = [
                    ReportSource::PoliceReport,
                    ReportSource::VeiligThuisReport,
                    ReportSource::PoliceObservation,
                ][rng.below(3) as usize];
                let c = field.open_case(source, &hint).expect("child: open a case");
                case = Some(c);
                field.local.events[&c]
                    .last()
                    .expect("child: the opened case has its opening event")
                    .id
            }
        };
        say(&format!("{SAVED}{id}"));
    }
}

/// A little variety, including records of different sizes.
fn some_kind(rng: &mut Rng) -> CaseCommand {
    let answer = [Answer::Yes, Answer::No, Answer::Unknown][rng.below(3) as usize];
    match rng.below(4) {
        0 => CaseCommand::JoinCase { reason: None },
        1 => CaseCommand::Set(Assignment::Criterion {
            criterion: Criterion::VARIANTS[rng.below(Criterion::VARIANTS.len() as u64) as usize],
            answer,
        }),
        2 => CaseCommand::Set(Assignment::Safety {
            item: SafetyItem::VARIANTS[rng.below(SafetyItem::VARIANTS.len() as u64) as usize],
            done: rng.below(2) == 0,
        }),
        _ => CaseCommand::Set(Assignment::Investigation {
            point: InvestigationPoint::VARIANTS[rng.below(InvestigationPoint::VARIANTS.len() as u64) as usize],
            done: rng.below(2) == 0,
            note: "notitie ".repeat(25)[..rng.below(201) as usize].to_string(),
        }),
    }
}

// --------------------------------------------------------------- the parent

enum Line {
    /// A whole line, newline included (stored without it).
    Whole(String),
    /// Bytes after the last newline when the pipe closed: cut off by the kill.
    Partial(String),
}

struct Round {
    ready: bool,
    lines: Vec<String>,
    partial: Option<String>,
    status: ExitStatus,
    stderr: String,
}

fn spawn_writer(dir: &Path) -> (Child, mpsc::Receiver<Line>, std::thread::JoinHandle<()>) {
    let exe = std::env::current_exe().expect("path of this test binary");
    let mut child = Command::new(exe)
        .args([
            "writer_child",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(DIR_VAR, dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn the writer child");
    let stdout = child.stdout.take().expect("child stdout is piped");
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut stdout = BufReader::new(stdout);
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match stdout.read_until(b'\n', &mut buf) {
                Ok(0) | Err(_) => return,
                Ok(_) => {
                    let whole = buf.last() == Some(&b'\n');
                    let text = String::from_utf8_lossy(&buf).trim_end_matches('\n').to_string();
                    let line = if whole { Line::Whole(text) } else { Line::Partial(text) };
                    if tx.send(line).is_err() {
                        return;
                    }
                }
            }
        }
    });
    (child, rx, reader)
}

/// Runs one writer and kills it: `delay` after it said it is writing, or,
/// with `from_spawn`, `delay` after it was started (startup, unlock, create).
fn kill_writer(dir: &Path, delay: Duration, from_spawn: bool) -> Round {
    let (mut child, rx, reader) = spawn_writer(dir);
    let mut lines = Vec::new();
    let mut partial = None;
    if !from_spawn {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(Line::Whole(l)) => {
                    let ready = l.ends_with(READY);
                    lines.push(l);
                    if ready {
                        break;
                    }
                }
                Ok(Line::Partial(p)) => partial = Some(p),
                // Exited on its own, or hangs: report below with its stderr.
                Err(_) => break,
            }
        }
    }
    std::thread::sleep(delay);
    // SIGKILL on unix: no destructors, no SQLite close, no flush.
    let _ = child.kill();
    let status = child.wait().expect("wait for the killed writer");
    reader.join().expect("stdout reader thread");
    for line in rx.try_iter() {
        match line {
            Line::Whole(l) => lines.push(l),
            Line::Partial(p) => partial = Some(p),
        }
    }
    let ready = lines.iter().any(|l| l.ends_with(READY));
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut stderr);
    }
    Round {
        ready,
        lines,
        partial,
        status,
        stderr,
    }
}

#[cfg(unix)]
fn killed_by_sigkill(status: &ExitStatus) -> bool {
    use std::os::unix::process::ExitStatusExt;
    status.signal() == Some(9)
}

#[cfg(not(unix))]
fn killed_by_sigkill(status: &ExitStatus) -> bool {
    // TerminateProcess: exit code 1; a panicking test exits with 101.
    status.code() == Some(1)
}

fn integrity(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).expect("open the SQLite file for an integrity check");
    conn.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0))
        .expect("run PRAGMA integrity_check")
}

#[test]
fn every_event_reported_saved_survives_kill_9_at_random_moments() {
    let seed = std::env::var(SEED_VAR)
        .ok()
        .map(|s| {
            let s = s.trim();
            s.strip_prefix("0x")
                .map_or_else(|| s.parse(), |hex| u64::from_str_radix(hex, 16))
                .expect("SAMENOP_CRASH_SEED: a number, decimal or 0x-hex")
        })
        .unwrap_or(DEFAULT_SEED);
    let rounds = std::env::var(ROUNDS_VAR)
        .ok()
        .map(|s| s.trim().parse::<usize>().expect("SAMENOP_CRASH_ROUNDS: a number"))
        .unwrap_or(DEFAULT_ROUNDS);
    println!("kill -9 test: seed {seed:#x}, {rounds} rounds (repeat with {SEED_VAR}={seed:#x})");

    let started = Instant::now();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(VAULT_FILE);
    let mut rng = Rng(seed);
    let mut saved: HashSet<EventId> = HashSet::new();
    let mut created = false;
    let (mut at_startup, mut while_writing, mut with_saves, mut unreported, mut partial_lines) = (0, 0, 0, 0, 0);
    let mut present_after_last_kill: HashSet<EventId> = HashSet::new();

    for round in 0..rounds {
        // Until the vault exists, sweep the startup window 0.0, 0.5, 1.0 ms
        // ... so kills land during the first sign-in. After that, every
        // tenth round is killed from spawn, during startup and unlock (every
        // twentieth at once); the rest at a random moment in the first
        // WRITE_WINDOW after the writer said it was ready, that is in the
        // middle of its first few `record`s (one takes about 1-2 ms here).
        // The window is short because every round replays the whole log
        // twice (writer and check), and replay is slow in a debug build.
        let (delay, from_spawn) = if !created {
            (Duration::from_micros(500 * round as u64), true)
        } else if round % 10 == 0 {
            (
                Duration::from_micros(rng.below(if round % 20 == 0 { 1 } else { STARTUP_WINDOW_US })),
                true,
            )
        } else {
            (Duration::from_micros(rng.below(WRITE_WINDOW_US + 1)), false)
        };
        let what = format!(
            "round {round} (seed {seed:#x}, kill {delay:?} after {})",
            if from_spawn { "spawn" } else { "ready" }
        );

        let r = kill_writer(dir.path(), delay, from_spawn);
        assert!(
            killed_by_sigkill(&r.status),
            "{what}: the writer ended by itself ({}), not by the kill; its stderr:\n{}",
            r.status,
            r.stderr
        );
        assert!(
            from_spawn || r.ready,
            "{what}: the writer never said it was ready to write; its stderr:\n{}",
            r.stderr
        );
        if r.partial.is_some() {
            partial_lines += 1;
        }
        let mut this_round = 0;
        for line in &r.lines {
            if let Some(id) = line.strip_prefix(SAVED) {
                let id = EventId(uuid::Uuid::parse_str(id).unwrap_or_else(|e| panic!("{what}: `{line}`: {e}")));
                assert!(saved.insert(id), "{what}: event {id} reported saved twice");
                this_round += 1;
            } else if line.ends_with(CREATED) {
                assert!(!created, "{what}: the writer created the vault again, wiping it");
                created = true;
            }
        }
        if from_spawn {
            at_startup += 1;
        } else {
            while_writing += 1;
        }
        if this_round > 0 {
            with_saves += 1;
        }

        let check = integrity(&path);
        assert_eq!(check, "ok", "{what}: PRAGMA integrity_check after the kill");

        let mut field = Field::default();
        let opened = field.unlock(common::backend(&dir), common::keys(&dir), PIN);
        if !created {
            // Killed during the first sign-in, before it said it was done:
            // nothing was reported saved, and the half-made vault is either
            // absent, incomplete, or without a session. The next writer
            // makes it anew, as the app would after sending the user to
            // sign in again.
            match opened {
                Ok(()) if field.session().is_some() => created = true,
                Ok(()) | Err(samenop_device::field::FieldError::Store(StoreError::NoVault | StoreError::Corrupt)) => {
                    assert!(
                        saved.is_empty(),
                        "{what}: events reported saved before the vault was made"
                    );
                    continue;
                }
                Err(e) => panic!("{what}: unexpected error opening a half-made vault: {e:?}"),
            }
        }
        if let Err(e) = opened {
            panic!("{what}: the store does not open after the kill: {e:?}");
        }
        assert!(field.session().is_some(), "{what}: the session is gone after the kill");

        let present: HashSet<EventId> = field.local.events.values().flatten().map(|e| e.id).collect();
        let pending: HashSet<EventId> = field.local.outbox.iter().copied().collect();
        let mut lost: Vec<&EventId> = saved.iter().filter(|id| !present.contains(id)).collect();
        lost.sort();
        assert!(
            lost.is_empty(),
            "{what}: {} of {} events reported saved are gone after the kill: {lost:?}",
            lost.len(),
            saved.len()
        );
        let mut not_pending: Vec<&EventId> = saved.iter().filter(|id| !pending.contains(id)).collect();
        not_pending.sort();
        assert!(
            not_pending.is_empty(),
            "{what}: events reported saved left the outbox though nothing was pushed: {not_pending:?}"
        );
        let odd: Vec<&EventId> = present.symmetric_difference(&pending).collect();
        assert!(
            odd.is_empty(),
            "{what}: every stored event is the writer's own and unsent, so the outbox must hold exactly them: {odd:?}"
        );
        // At most one event per kill can be durable but unreported: killed
        // between the commit and the `saved` line.
        assert!(
            present.len() - saved.len() <= round + 1,
            "{what}: {} events stored that were never reported",
            present.len() - saved.len()
        );
        unreported = present.len() - saved.len();
        present_after_last_kill = present;
    }

    let found = present_after_last_kill.len();
    let lost = saved.difference(&present_after_last_kill).count();
    println!(
        "kill -9 test: {rounds} rounds ({while_writing} killed after the writer was ready, {at_startup} from spawn, \
         {with_saves} with events saved before the kill), \
         {} events reported saved, {found} events found ({unreported} stored but not yet reported), \
         lost {lost}, {partial_lines} cut-off output lines ignored, {:.1} s",
        saved.len(),
        started.elapsed().as_secs_f64()
    );
    assert_eq!(lost, 0);
}
