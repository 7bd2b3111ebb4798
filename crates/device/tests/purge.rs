//! A field device drops a case once it is handed over ("niet meer acuut")
//! and everything of it is sent, never while its outbox still holds some;
//! a shift lead's device pulls only what the lead opened and drops a case
//! when the server deleted it after the retention period (issue 14 §4).
//! Against the real server, in-process. All cases here are invented.

mod common;
mod server_users;

use chrono::{Duration, Utc};
use samenop_core::event::ReportSource;
use samenop_core::handover::{ExitCondition, HandoverItem};
use samenop_core::measures::ContactPoint;
use samenop_core::retention::{DeviceKeep, RetentionPeriod};
use samenop_core::triage::Criterion;
use samenop_core::{Answer, Assignment, CaseId, CaseStatus, Command, Organisation, Role, VariantArray};
use samenop_device::engine::{Host, sync_once};
use samenop_device::field::Field;
use samenop_device::sync;
use samenop_server::config::{Config, DatabaseConfig};
use samenop_server::{Application, storage};

/// The engine's host: a field and the errors it reported.
struct Phone {
    field: Field,
    errors: Vec<String>,
    dir: tempfile::TempDir,
}

impl Host for Phone {
    fn read<R>(&self, f: impl FnOnce(&Field) -> R) -> R {
        f(&self.field)
    }
    fn write<R>(&mut self, f: impl FnOnce(&mut Field) -> R) -> R {
        f(&mut self.field)
    }
    fn set_status(&mut self, _: sync::SyncStatus) {}
    fn report(&mut self, error: &dyn std::fmt::Display) {
        self.errors.push(error.to_string());
    }
    fn last_touch_ms(&self) -> i64 {
        samenop_device::platform::now_ms()
    }
    fn locked(&mut self) {}
}

impl Phone {
    async fn sign_in(server: &str, username: &str) -> Self {
        let session = common::signed_in_session(server, username).await;
        let dir = tempfile::tempdir().expect("temp dir");
        let field = common::field_for(&dir, session);
        Self {
            field,
            errors: Vec::new(),
            dir,
        }
    }

    async fn sync(&mut self) {
        sync_once(self).await.expect("sync");
        assert!(self.errors.is_empty(), "{:?}", self.errors);
    }

    fn set(&mut self, case_id: CaseId, a: Assignment) {
        self.field.send(case_id, Command::Set(a)).expect("record");
    }

    /// Everything "niet meer acuut" needs, then the declaration.
    fn declare_not_acute(&mut self, case_id: CaseId) {
        for c in Criterion::VARIANTS {
            self.set(
                case_id,
                Assignment::Criterion {
                    criterion: *c,
                    answer: Answer::No,
                },
            );
        }
        self.set(case_id, Assignment::SuspectHasAccess { answer: Answer::No });
        self.set(case_id, Assignment::ThirdPartyOversight { answer: Answer::No });
        for condition in [ExitCondition::InvestigationDone, ExitCondition::PhysicallySafe] {
            let item = HandoverItem::ExitCondition { condition, met: true };
            self.set(case_id, Assignment::Handover { item });
        }
        let item = HandoverItem::HandedOverTo {
            organisations: vec![Organisation::VeiligThuis],
        };
        self.set(case_id, Assignment::Handover { item });
        self.set(
            case_id,
            Assignment::SafetyAssessmentConfirmed {
                by_phone_with: Some("J. Proef (VT)".into()),
            },
        );
        self.set(
            case_id,
            Assignment::CaseFirstContact {
                contact: Some(ContactPoint {
                    organisation: Organisation::Police,
                    person: "Agent A. Proef".into(),
                    phone: "0800-0000001".into(),
                }),
            },
        );
        // The VT-melding is made (002 l.263, a blocker since schema 3).
        let item = HandoverItem::VtReport { done: true };
        self.set(case_id, Assignment::Handover { item });
        // "Kinderen aanwezig?" answered (004 l.199, a blocker since schema 5).
        self.set(case_id, Assignment::ChildrenPresent { answer: Answer::No });
        let item = HandoverItem::Declared { not_acute: true };
        self.set(case_id, Assignment::Handover { item });
        assert_eq!(self.field.case(&case_id).status(Utc::now()), CaseStatus::HandedOver);
    }

    fn holds(&self, case_id: CaseId) -> bool {
        self.field.local.events.contains_key(&case_id)
            || self.field.cases(Utc::now()).iter().any(|r| r.case_id == case_id)
    }
}

async fn server(dir: &std::path::Path) -> (String, storage::Db) {
    server_keeping(dir, DeviceKeep::default()).await
}

async fn server_keeping(dir: &std::path::Path, keep: DeviceKeep) -> (String, storage::Db) {
    let mut config = Config::new(
        "127.0.0.1:0".parse().unwrap(),
        DatabaseConfig::Sqlite {
            path: dir.join("server.db"),
        },
    );
    config.require_second_factor = false;
    config.device_keep = keep;
    let app = Application::build(config).await.expect("build the server");
    let (url, db) = (app.base_url(), app.db());
    tokio::spawn(app.run_until(std::future::pending()));
    server_users::add_users(
        &db,
        "Testregio",
        &[
            ("agent.a", Organisation::Police, Role::Police),
            ("lead.c", Organisation::Police, Role::ShiftLead),
        ],
    )
    .await;
    (url, db)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handed_over_case_leaves_the_phone_once_sent_and_the_leads_once_deleted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (url, db) = server(dir.path()).await;
    let mut agent = Phone::sign_in(&url, "agent.a").await;
    let done = agent
        .field
        .open_case(ReportSource::PoliceReport, "Teststraat 1")
        .expect("open");
    let open = agent
        .field
        .open_case(ReportSource::PoliceReport, "Teststraat 2")
        .expect("open");
    agent.declare_not_acute(done);

    // Handed over but not sent: it stays, with its outbox, and the case
    // screen says it leaves once sent.
    assert!(agent.field.local.pending_in(&done) > 0);
    assert_eq!(agent.field.leaves_device(&done, Utc::now()), Some(None));
    assert_eq!(agent.field.leaves_device(&open, Utc::now()), None, "an open case stays");
    assert!(agent.field.drop_handed_over(Utc::now()).expect("drop").is_empty());
    assert!(agent.holds(done));

    // Sent: the round that empties the outbox drops it.
    agent.sync().await;
    assert!(!agent.holds(done), "sent and handed over: gone from the phone");
    assert!(agent.holds(open), "a case still open stays");
    assert_eq!(
        storage::case_events(&db, &done).await.unwrap().len(),
        agent_events_sent()
    );
    // Gone from the vault on disk too, not just from the view.
    let reopened = common::reopened(&agent.dir);
    assert!(!reopened.local.events.contains_key(&done));
    assert!(reopened.local.events.contains_key(&open));
    // A later round does not bring it back.
    agent.sync().await;
    assert!(!agent.holds(done));

    // The lead's device pulls only the case the lead opened.
    let mut lead = Phone::sign_in(&url, "lead.c").await;
    lead.sync().await;
    assert!(lead.field.local.events.is_empty(), "no region history");
    let list = sync::lead_cases(&url, &lead.token(), None).await.expect("list");
    assert_eq!(list.len(), 2);
    sync::lead_open(&url, &lead.token(), done).await.expect("open");
    lead.sync().await;
    assert!(lead.holds(done));
    assert!(!lead.holds(open));

    // The retention period passes (a faked clock): the server deletes it
    // and the lead's device drops it on its next pull.
    let period = RetentionPeriod { days: 30 };
    let later = Utc::now() + Duration::days(31);
    assert_eq!(samenop_server::retention::run(&db, period, later).await.unwrap(), 1);
    lead.sync().await;
    assert!(!lead.holds(done));
    assert!(common::reopened(&lead.dir).local.purged.contains(&done));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_a_keep_period_a_handed_over_case_stays_that_long_after_its_last_entry() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (url, _db) = server_keeping(dir.path(), DeviceKeep { hours: 4 }).await;
    let mut agent = Phone::sign_in(&url, "agent.a").await;
    let done = agent
        .field
        .open_case(ReportSource::PoliceReport, "Teststraat 3")
        .expect("open");
    agent.declare_not_acute(done);
    agent.sync().await;
    assert!(agent.holds(done), "sent, but the region keeps it on the phone for 4 h");
    assert_eq!(agent.field.sync_mark().map(|m| m.device_keep_hours), Some(4));
    let last = samenop_core::retention::last_activity(agent.field.local.events[&done].iter()).expect("entries");
    assert_eq!(
        agent.field.leaves_device(&done, Utc::now()),
        Some(Some(last + Duration::hours(4))),
        "the case screen names when it leaves"
    );
    let in_3h = Utc::now() + Duration::hours(3);
    assert!(agent.field.drop_handed_over(in_3h).expect("drop").is_empty());
    let in_5h = Utc::now() + Duration::hours(5);
    assert_eq!(agent.field.drop_handed_over(in_5h).expect("drop"), vec![done]);
    assert!(!agent.holds(done));
    assert!(!common::reopened(&agent.dir).local.events.contains_key(&done));
}

/// Open, 11 criteria, 2 access answers, 2 exit conditions, handed over,
/// confirmed, first contact, VT-melding, children answered, declared.
fn agent_events_sent() -> usize {
    1 + Criterion::VARIANTS.len() + 2 + 2 + 1 + 1 + 1 + 1 + 1 + 1
}

impl Phone {
    fn token(&self) -> String {
        self.field.session().expect("signed in").token.clone()
    }
}
