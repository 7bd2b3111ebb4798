//! Accounts on the real test server, for the device tests that sync
//! (apart from `common`, which the app's tests share and which has no
//! server dependency).

use samenop_core::wire::Account;
use samenop_core::{Organisation, Role};

use super::common::PASSWORD;

/// Adds `users` (username, organisation, role) to a test server's database
/// in `region`, each with `PASSWORD`.
pub async fn add_users(db: &samenop_server::storage::Db, region: &str, users: &[(&str, Organisation, Role)]) {
    let hash = samenop_server::auth::password::hash(PASSWORD).expect("hash");
    for &(username, organisation, role) in users {
        let account = Account {
            username: username.into(),
            display_name: format!("Test {username}"),
            organisation,
            role,
            region: region.into(),
        };
        samenop_server::storage::insert_user(db, &account, &hash)
            .await
            .expect("add a user");
    }
}
