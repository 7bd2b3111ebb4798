//! Issue 13 part 5: the SQLite files are the server user's alone.

#[cfg(unix)]
#[tokio::test]
async fn the_data_directory_is_created_0700_and_the_database_files_0600() {
    use std::os::unix::fs::PermissionsExt;

    use samenop_server::config::{Config, DatabaseConfig};

    use crate::helpers::*;

    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nieuw").join("data");
    let db_file = data.join("samenop.db");
    let config = Config::new(
        "127.0.0.1:0".parse().unwrap(),
        DatabaseConfig::Sqlite { path: db_file.clone() },
    );
    let app = serve(samenop_server::Application::build(config).await.unwrap());
    app.seed_users().await;
    let police = app.login("agent.a").await;
    app.case_by_agent(&police).await;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    for file in ["samenop.db", "samenop.db-wal", "samenop.db-shm"] {
        let path = data.join(file);
        assert!(path.exists(), "{file}");
        assert_eq!(mode(&path), 0o600, "{file}");
    }
}
