//! Issue 16 §2 against the real server: sign-out sends what is unsent,
//! ends the session and wipes the vault; a disabled account or a revoked
//! device wipes the vault at its next contact while the user's other
//! device keeps working; past the no-sync limit the same user's sign-in
//! again keeps the unsent entries, another user's is refused while any
//! are unsent.

mod common;
mod server_users;

use common::PASSWORD;

use samenop_core::event::ReportSource;
use samenop_core::{DeviceId, Organisation, Role};
use samenop_device::engine::{Host, SyncEngine};
use samenop_device::field::Field;
use samenop_device::offline::RenewError;
use samenop_device::signout::{SignOut, sign_out};
use samenop_device::store::Vault;
use samenop_device::sync::{self, Revocation, SyncError, SyncStatus};
use samenop_server::config::{Config, DatabaseConfig};
use samenop_server::{Application, storage};

struct Server {
    url: String,
    db: storage::Db,
    _stop: tokio::sync::oneshot::Sender<()>,
    _dir: tempfile::TempDir,
}

async fn start_server() -> Server {
    let dir = tempfile::tempdir().expect("temp dir");
    let database = DatabaseConfig::Sqlite {
        path: dir.path().join("server.db"),
    };
    let app = Application::build(Config::new("127.0.0.1:0".parse().unwrap(), database))
        .await
        .expect("build the server");
    let (url, db) = (app.base_url(), app.db());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(app.run_until(async move {
        let _ = stopped.await;
    }));
    server_users::add_users(
        &db,
        "Testregio",
        &[
            ("agent.a", Organisation::Police, Role::Police),
            ("vt.b", Organisation::VeiligThuis, Role::VeiligThuis),
        ],
    )
    .await;
    Server {
        url,
        db,
        _stop: stop,
        _dir: dir,
    }
}

/// A phone: its field, what the engine told it, its vault directory.
struct Phone {
    field: Field,
    errors: Vec<String>,
    wiped: Option<SyncError>,
    status: SyncStatus,
    dir: tempfile::TempDir,
}

impl Host for Phone {
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
        samenop_device::platform::now_ms()
    }
    fn locked(&mut self) {}
    fn wiped(&mut self, why: &SyncError) {
        self.wiped = Some(why.clone());
    }
}

impl Phone {
    async fn sign_in(server: &str, username: &str) -> Self {
        let session = common::signed_in_session(server, username).await;
        let dir = tempfile::tempdir().expect("temp dir");
        let field = common::field_for(&dir, session);
        Self {
            field,
            errors: Vec::new(),
            wiped: None,
            status: SyncStatus::default(),
            dir,
        }
    }

    async fn round(&mut self) {
        SyncEngine::new().round(self).await;
    }

    fn write_entry(&mut self) {
        self.field
            .open_case(ReportSource::PoliceReport, "Teststraat 1")
            .expect("open a case");
    }

    fn vault_exists(&self) -> bool {
        Vault::exists(&common::backend(&self.dir)).expect("read the backend")
    }

    fn device(&self) -> String {
        self.field.session().expect("signed in").device_id.to_string()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disabled_account_wipes_the_phone_at_its_next_contact() {
    let server = start_server().await;
    let mut phone = Phone::sign_in(&server.url, "agent.a").await;
    phone.write_entry();
    phone.round().await;
    assert_eq!(phone.status, SyncStatus::Synced);
    storage::set_disabled(&server.db, "agent.a", true).await.unwrap();
    phone.round().await;
    assert_eq!(phone.wiped, Some(SyncError::Revoked(Revocation::AccountDisabled)));
    assert!(!phone.field.is_unlocked());
    assert!(phone.field.local.events.is_empty());
    assert!(!phone.vault_exists(), "the vault is gone from the device");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_device_wipes_itself_and_the_users_other_phone_keeps_syncing() {
    let server = start_server().await;
    let mut lost = Phone::sign_in(&server.url, "agent.a").await;
    let mut kept = Phone::sign_in(&server.url, "agent.a").await;
    storage::revoke_device(&server.db, "agent.a", &lost.device())
        .await
        .unwrap();
    lost.write_entry();
    lost.round().await;
    assert_eq!(lost.wiped, Some(SyncError::Revoked(Revocation::DeviceRevoked)));
    assert!(!lost.vault_exists());
    kept.write_entry();
    kept.round().await;
    assert_eq!(kept.status, SyncStatus::Synced);
    assert_eq!(kept.wiped, None);
    assert!(kept.vault_exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_out_sends_the_unsent_entry_first_then_ends_the_session_and_wipes() {
    let server = start_server().await;
    let mut phone = Phone::sign_in(&server.url, "agent.a").await;
    phone.write_entry();
    let case = *phone.field.local.events.keys().next().unwrap();
    let token = phone.field.session().unwrap().token.clone();
    assert_eq!(sign_out(&mut phone, false).await.unwrap(), SignOut::Done);
    assert_eq!(storage::case_events(&server.db, &case).await.unwrap().len(), 1);
    assert!(!phone.vault_exists());
    assert!(!phone.field.is_unlocked());
    let after = sync::pull(&server.url, &token, None).await;
    assert_eq!(after, Err(SyncError::Unauthorized), "the session ended on the server");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_out_without_a_connection_names_the_unsent_entries_and_wipes_only_when_told() {
    let server = start_server().await;
    let mut phone = Phone::sign_in(&server.url, "agent.a").await;
    // The server is unreachable from here on.
    let mut session = phone.field.session().unwrap().clone();
    session.server = "http://127.0.0.1:9".into();
    phone.field.lock();
    phone.field = common::field_for(&phone.dir, session);
    phone.write_entry();
    phone.write_entry();
    assert_eq!(
        sign_out(&mut phone, false).await.unwrap(),
        SignOut::Unsent { unsent: 2 }
    );
    assert!(phone.vault_exists(), "nothing is wiped before the user chooses");
    assert_eq!(phone.field.unsent(), 2);
    assert_eq!(sign_out(&mut phone, true).await.unwrap(), SignOut::Done);
    assert!(!phone.vault_exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_no_sync_limit_the_same_user_signs_in_again_and_the_unsent_entry_goes_first() {
    let server = start_server().await;
    let mut phone = Phone::sign_in(&server.url, "agent.a").await;
    phone.round().await;
    let mark = phone.field.sync_mark().expect("a sync is noted, sealed");
    assert_eq!(mark.max_offline_hours, 72, "the server's limit came with the pull");
    let now = samenop_device::platform::now_ms();
    assert!(!phone.field.sync_overdue_at(now));
    assert!(phone.field.sync_overdue_at(mark.at_ms + 72 * 3_600_000));
    // The mark survives a reopen: it is in the vault, sealed.
    phone.field = common::reopened(&phone.dir);
    assert_eq!(phone.field.sync_mark(), Some(mark));

    phone.write_entry();
    let case = *phone.field.local.events.keys().next().unwrap();
    // Another user may not take the phone over while an entry is unsent.
    let other = sync::login(&server.url, "vt.b", PASSWORD, None, DeviceId::generate())
        .await
        .unwrap();
    match phone.field.renew_session(&server.url, &other, false) {
        Err(RenewError::OtherUser { unsent: 1 }) => {}
        other => panic!("refused with the count expected, got {other:?}"),
    }
    assert!(matches!(
        phone.field.renew_session(&server.url, &other, true),
        Ok(false)
    ));
    // The same user: the new token is sealed, the entry kept and sent.
    let device = phone.field.session().unwrap().device_id;
    let again = sync::login(&server.url, "agent.a", PASSWORD, None, device)
        .await
        .unwrap();
    assert!(matches!(
        phone.field.renew_session(&server.url, &again, false),
        Ok(true)
    ));
    assert_eq!(phone.field.unsent(), 1);
    samenop_device::engine::sync_once(&mut phone).await.expect("sync");
    assert_eq!(phone.field.unsent(), 0);
    assert_eq!(storage::case_events(&server.db, &case).await.unwrap().len(), 1);
    phone.field = common::reopened(&phone.dir);
    assert_eq!(phone.field.session().unwrap().token, again.token);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_past_the_no_sync_limit_still_wipes_when_its_account_is_disabled() {
    let server = start_server().await;
    let mut phone = Phone::sign_in(&server.url, "agent.a").await;
    let long_ago = samenop_device::platform::now_ms() - 73 * 3_600_000;
    phone.field.note_synced(long_ago, Some(72), None).unwrap();
    assert!(phone.field.sync_overdue());
    phone.write_entry();
    phone.round().await;
    assert_eq!(phone.field.unsent(), 1, "past the limit nothing moves before a sign-in");
    storage::set_disabled(&server.db, "agent.a", true).await.unwrap();
    phone.round().await;
    assert_eq!(phone.wiped, Some(SyncError::Revoked(Revocation::AccountDisabled)));
    assert!(!phone.vault_exists());
}

#[test]
fn a_vault_that_never_synced_counts_from_its_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let field = common::signed_in(&dir);
    // The synthetic session expires in 8 h: signed in 4 h ago.
    let now = samenop_device::platform::now_ms();
    assert_eq!(field.sync_mark(), None);
    assert!(!field.sync_overdue_at(now));
    assert!(!field.sync_overdue_at(now + 67 * 3_600_000));
    assert!(field.sync_overdue_at(now + 69 * 3_600_000));
}
