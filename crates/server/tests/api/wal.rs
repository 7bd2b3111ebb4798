//! Bounded disk on SQLite (issue 18 §6): after a load and an idle moment
//! the `-wal` file is emptied, instead of staying at its high-water mark
//! (PASSIVE checkpoints never shrink it; 332 MB beside a 106 MB database
//! after a region's year).

use std::time::Duration;

use samenop_core::Assignment;
use samenop_core::steps::InvestigationPoint;
use samenop_server::config::DatabaseConfig;
use samenop_server::storage::checkpoint::JOURNAL_SIZE_LIMIT;

use crate::helpers::*;

fn wal_size(db_file: &std::path::Path) -> u64 {
    let mut name = db_file.as_os_str().to_owned();
    name.push("-wal");
    std::fs::metadata(std::path::PathBuf::from(name)).map_or(0, |m| m.len())
}

#[tokio::test]
async fn the_wal_is_emptied_when_the_writer_goes_idle_after_a_load() {
    let app = spawn_app_with(|c| c.wal_idle = Duration::from_millis(300)).await;
    let Some(DatabaseConfig::Sqlite { path }) = app.database.clone() else {
        return; // PostgreSQL has no WAL file of ours to bound.
    };
    let samenop_server::storage::Db::Sqlite(pool) = &app.db else {
        unreachable!("a SQLite path")
    };
    let limit: i64 = sqlx::query_scalar("PRAGMA journal_size_limit")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(limit, JOURNAL_SIZE_LIMIT, "the bound under load");
    let police = app.login("agent.a").await;
    let case_id = app.case_by_agent(&police).await;
    let mut peak = 0;
    for b in 0..40 {
        let batch = (0..100)
            .map(|k: u32| {
                let assignment = Assignment::Investigation {
                    point: InvestigationPoint::Consultation,
                    done: k.is_multiple_of(2),
                    note: format!("overleg {b}.{k}: wie sprak wie, wanneer, en wat is afgesproken"),
                };
                assigned("agent.a", case_id, assignment)
            })
            .collect();
        assert_all_applied(&app.push(&police, batch).await);
        peak = peak.max(wal_size(&path));
    }
    assert!(peak > 1024 * 1024, "the load grew the WAL ({peak} bytes)");

    // Idle now: the checkpointer empties it (waits for the behaviour, not a time).
    let mut size = wal_size(&path);
    for _ in 0..300 {
        if size == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        size = wal_size(&path);
    }
    assert_eq!(size, 0, "the WAL after an idle moment (peak {peak} bytes)");
    assert!(size <= JOURNAL_SIZE_LIMIT as u64);

    // Still a working database afterwards.
    let (events, _) = app.pull_all(&police, "").await;
    assert_eq!(events.len(), 4002);
}
