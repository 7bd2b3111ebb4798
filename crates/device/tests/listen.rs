//! The engine's waiting pulls (issue 18 §3) against the real server: a
//! listening phone takes a colleague's entry while its pull waits, and a
//! new local entry breaks the waiting pull off at once so the push never
//! waits behind it. The timeouts are failure conditions (the engine gave
//! way because of the entry, not because the 25 s wait ran out), not
//! measurements of speed.

mod common;
mod server_users;

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use samenop_core::event::ReportSource;
use samenop_core::steps::SafetyItem;
use samenop_core::{Assignment, CaseId, Command, Organisation, Role, VariantArray};
use samenop_device::engine::{Host, SyncEngine};
use samenop_device::field::Field;
use samenop_device::platform;
use samenop_device::sync::SyncStatus;
use samenop_server::Application;
use samenop_server::config::{Config, DatabaseConfig};

const REGION: &str = "Testregio";
/// Far longer than a wake-up, far shorter than `sync::LISTEN_SECS`.
const GIVES_WAY_WITHIN: Duration = Duration::from_secs(10);

/// A host whose field the test can change while the engine holds it.
#[derive(Clone)]
struct Phone {
    field: Rc<RefCell<Field>>,
    _dir: Rc<tempfile::TempDir>,
}

impl Host for Phone {
    fn read<R>(&self, f: impl FnOnce(&Field) -> R) -> R {
        f(&self.field.borrow())
    }
    fn write<R>(&mut self, f: impl FnOnce(&mut Field) -> R) -> R {
        f(&mut self.field.borrow_mut())
    }
    fn set_status(&mut self, _: SyncStatus) {}
    fn report(&mut self, error: &dyn std::fmt::Display) {
        panic!("unexpected error shown: {error}");
    }
    fn last_touch_ms(&self) -> i64 {
        platform::now_ms()
    }
    fn locked(&mut self) {}
}

impl Phone {
    async fn sign_in(server: &str, username: &str) -> Self {
        let session = common::signed_in_session(server, username).await;
        let dir = tempfile::tempdir().expect("temp dir");
        Self {
            field: Rc::new(RefCell::new(common::field_for(&dir, session))),
            _dir: Rc::new(dir),
        }
    }

    async fn round(&mut self) {
        SyncEngine::new().round(self).await;
    }

    fn entries(&self, case: CaseId) -> usize {
        self.field.borrow().local.events.get(&case).map_or(0, Vec::len)
    }

    fn safety(&self, case: CaseId, n: usize) {
        let command = Command::Set(Assignment::Safety {
            item: SafetyItem::VARIANTS[n],
            done: true,
        });
        self.field.borrow_mut().send(case, command).expect("record");
    }
}

async fn start_server(dir: &std::path::Path) -> String {
    let database = DatabaseConfig::Sqlite {
        path: dir.join("server.db"),
    };
    let mut config = Config::new("127.0.0.1:0".parse().unwrap(), database);
    // The lead signs in without a second factor here (`login_hardening` tests it).
    config.require_second_factor = false;
    let app = Application::build(config).await.expect("build the server");
    server_users::add_users(
        &app.db(),
        REGION,
        &[
            ("agent.a", Organisation::Police, Role::Police),
            ("vt.b", Organisation::VeiligThuis, Role::VeiligThuis),
            ("lead.c", Organisation::Police, Role::ShiftLead),
        ],
    )
    .await;
    let url = app.base_url();
    tokio::spawn(app.run_until(std::future::pending()));
    url
}

/// Agent and VT on one case, both synced.
async fn two_phones_on_a_case(url: &str) -> (Phone, Phone, CaseId) {
    let mut a = Phone::sign_in(url, "agent.a").await;
    let mut b = Phone::sign_in(url, "vt.b").await;
    let case = a
        .field
        .borrow_mut()
        .open_case(ReportSource::PoliceReport, "Teststraat 1")
        .expect("open");
    a.round().await;
    b.field
        .borrow_mut()
        .send(case, Command::JoinCase { reason: None })
        .expect("join");
    b.round().await;
    a.round().await;
    assert_eq!(a.entries(case), b.entries(case));
    (a, b, case)
}

#[tokio::test]
async fn a_listening_phone_takes_a_colleagues_entry_while_its_pull_waits_and_a_local_entry_breaks_it_off() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = start_server(dir.path()).await;
    let (mut a, b, case) = two_phones_on_a_case(&url).await;
    let before = b.entries(case);

    let mut listener = b.clone();
    let mut engine = SyncEngine::new();
    let started = std::time::Instant::now();
    let (next, ()) = tokio::time::timeout(GIVES_WAY_WITHIN, async {
        tokio::join!(engine.listen(&mut listener, 2_000), async {
            tokio::time::sleep(Duration::from_millis(300)).await;
            a.safety(case, 0);
            a.round().await;
            // Only the waiting pull can bring it: the engine runs no round.
            while b.entries(case) == before {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            // A local entry: the waiting pull gives way for the push.
            b.safety(case, 1);
        })
    })
    .await
    .expect("the waiting pull gave way before its wait ran out");
    assert_eq!(next, None, "a round (the push) follows at once");
    assert!(started.elapsed() < GIVES_WAY_WITHIN);
    assert_eq!(b.entries(case), before + 2, "the colleague's entry and the own one");
}

/// A shift lead's phone holds only the cases the lead opened, yet its list
/// shows the region (issue 18 §3): while it listens, a colleague's new case
/// in the region moves its cursor (no event: the lead did not open it), so
/// its list asks again; and it goes on listening instead of falling back
/// to polling.
#[tokio::test]
async fn a_listening_lead_phone_hears_that_its_region_changed_and_keeps_listening() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = start_server(dir.path()).await;
    let mut lead = Phone::sign_in(&url, "lead.c").await;
    lead.round().await;
    let cursor = || lead.field.borrow().local.cursor.clone();
    let before = cursor();
    assert!(before.is_some());
    let mut a = Phone::sign_in(&url, "agent.a").await;

    let mut listener = lead.clone();
    let mut engine = SyncEngine::new();
    let listening = Rc::new(std::cell::Cell::new(true));
    tokio::time::timeout(GIVES_WAY_WITHIN, async {
        tokio::join!(
            async {
                engine.listen(&mut listener, 2_000).await;
                listening.set(false);
            },
            async {
                tokio::time::sleep(Duration::from_millis(1_200)).await;
                a.field
                    .borrow_mut()
                    .open_case(ReportSource::PoliceReport, "Meldweg 2")
                    .expect("open");
                a.round().await;
                while cursor() == before {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                tokio::time::sleep(Duration::from_millis(500)).await;
                assert!(listening.get(), "it listens on after the news");
                // The lock ends the listening.
                lead.field.borrow_mut().lock();
            }
        )
    })
    .await
    .expect("the lead's waiting pull answered the region's change before its wait ran out");
    assert!(
        lead.field.borrow().local.events.is_empty(),
        "no event of a case the lead did not open"
    );
}
