//! "No event and no participant without its case", kept by the database
//! itself so that a bug in the writer cannot store an orphan: SQLite by
//! its foreign keys, PostgreSQL by the statement-level checks of migration
//! 0011 (issue 18 §4; the per-row foreign keys were the largest cost of a
//! push there). Statements are run straight on the server's database, as a
//! faulty code path would run them.

use std::time::Duration;

use samenop_server::storage::Db;
use sqlx::error::ErrorKind;

use crate::helpers::*;

/// The writer's advisory lock on PostgreSQL (`writer::PG_WRITER_LOCK`),
/// taken here as the group commit and the retention purge take it.
const PG_WRITER_LOCK: i64 = 0x0053_414d_454e_4f50;

const INSERT_EVENT: &str = "INSERT INTO events (seq, id, case_id, author, body, received_at_ms) \
     VALUES ((SELECT MAX(seq) + 1 FROM events), $1, $2, 'agent.a', $3, 0)";

fn fresh_key() -> String {
    uuid::Uuid::now_v7().to_string()
}

fn assert_refused_as_orphan(result: Result<u64, sqlx::Error>, what: &str) {
    match result {
        Err(sqlx::Error::Database(e)) => {
            assert_eq!(e.kind(), ErrorKind::ForeignKeyViolation, "{what}: {e}");
        }
        other => panic!("{what}: the database let it through: {other:?}"),
    }
}

#[tokio::test]
async fn the_database_refuses_an_event_or_a_participant_naming_a_case_it_does_not_hold() {
    let (app, _police, case_id) = spawn_app_with_case().await;
    let unknown = fresh_key();
    let body = b"{}".to_vec();

    let orphan = run_sql!(&app.db, INSERT_EVENT, fresh_key(), unknown.as_str(), body.clone());
    assert_refused_as_orphan(orphan, "an event of an unknown case");
    let orphan = run_sql!(
        &app.db,
        "INSERT INTO participants (case_id, username, joined_seq) VALUES ($1, 'vt.b', 1)",
        unknown.as_str()
    );
    assert_refused_as_orphan(orphan, "a participant of an unknown case");
    // A multi-row statement with one orphan among stored cases' rows.
    let mixed = run_sql!(
        &app.db,
        "INSERT INTO participants (case_id, username, joined_seq) VALUES ($1, 'vt.b', 1), ($2, 'vt.c', 1)",
        case_id.to_string(),
        unknown.as_str()
    );
    assert_refused_as_orphan(mixed, "one orphan among a statement's rows");

    // The same rows for the stored case are taken: the check is not a wall.
    let stored = run_sql!(&app.db, INSERT_EVENT, fresh_key(), case_id.to_string(), body);
    assert_eq!(stored.unwrap(), 1);
    let joined = run_sql!(
        &app.db,
        "INSERT INTO participants (case_id, username, joined_seq) VALUES ($1, 'vt.b', 1)",
        case_id.to_string()
    );
    assert_eq!(joined.unwrap(), 1);
}

#[tokio::test]
async fn the_database_refuses_to_drop_a_case_its_events_still_name_or_to_change_a_case_id() {
    let (app, _police, case_id) = spawn_app_with_case().await;
    let key = case_id.to_string();
    let before = events_of(&app.db, &key).await;
    assert!(before > 0);

    let dropped = run_sql!(&app.db, "DELETE FROM cases WHERE case_id = $1", key.as_str());
    assert_refused_as_orphan(dropped, "deleting a case its events name");
    let moved = run_sql!(
        &app.db,
        "UPDATE events SET case_id = $1 WHERE case_id = $2",
        fresh_key(),
        key.as_str()
    );
    assert_refused_as_orphan(moved, "moving events to an unknown case");
    let renamed = run_sql!(
        &app.db,
        "UPDATE cases SET case_id = $1 WHERE case_id = $2",
        fresh_key(),
        key.as_str()
    );
    assert_refused_as_orphan(renamed, "renaming a case its events name");
    assert_eq!(
        events_of(&app.db, &key).await,
        before,
        "the case's events are still stored under it"
    );
}

async fn events_of(db: &Db, key: &str) -> i64 {
    scalar_sql!(db, "SELECT COUNT(*) FROM events WHERE case_id = $1", key).unwrap()
}

/// Every row of the case, deleted in `tx` as the retention purge deletes
/// them (`retention::CASE_TABLES`), but without the writer's lock.
async fn delete_case_rows(tx: &mut sqlx::PgConnection, key: &str) -> Result<(), sqlx::Error> {
    for table in samenop_server::storage::retention::CASE_TABLES {
        sqlx::query(&format!("DELETE FROM {table} WHERE case_id = $1"))
            .bind(key)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// The foreign keys locked the case row; the statement-level checks rely
/// on the writer's lock instead (migration 0011). A code path that forgot
/// to take it must still not orphan a row when it races a purge: its
/// check waits for the purge to commit and then sees the case gone.
#[tokio::test]
async fn an_event_stored_while_a_purge_is_in_flight_is_refused_once_the_case_is_gone() {
    let (app, _police, case_id) = spawn_app_with_case().await;
    let Db::Postgres(pool) = &app.db else {
        return; // SQLite has one writer at a time and keeps its foreign keys.
    };
    let key = case_id.to_string();
    let mut purge = pool.begin().await.unwrap();
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(PG_WRITER_LOCK)
        .execute(&mut *purge)
        .await
        .unwrap();
    delete_case_rows(&mut purge, &key).await.unwrap();

    let insert = {
        let pool = pool.clone();
        let key = key.clone();
        tokio::spawn(async move {
            let mut tx = pool.begin().await?;
            sqlx::query(INSERT_EVENT)
                .bind(fresh_key())
                .bind(&key)
                .bind(b"{}".to_vec())
                .execute(&mut *tx)
                .await?;
            tx.commit().await.map(|_| 1)
        })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!insert.is_finished(), "the insert's check waits for the purge");
    purge.commit().await.unwrap();
    assert_refused_as_orphan(insert.await.unwrap(), "an event racing a purge");
}

/// The other way round: an event of the case is inserted but not yet
/// committed when a purge that forgot the writer's lock deletes the case.
/// The purge's check waits for the insert to commit, then finds the new
/// event naming the deleted case and refuses.
#[tokio::test]
async fn a_purge_racing_an_uncommitted_event_of_its_case_is_refused() {
    let (app, _police, case_id) = spawn_app_with_case().await;
    let Db::Postgres(pool) = &app.db else {
        return;
    };
    let key = case_id.to_string();
    let mut writer = pool.begin().await.unwrap();
    sqlx::query(INSERT_EVENT)
        .bind(fresh_key())
        .bind(&key)
        .bind(b"{}".to_vec())
        .execute(&mut *writer)
        .await
        .unwrap();

    let purge = {
        let pool = pool.clone();
        tokio::spawn(async move {
            let mut tx = pool.begin().await?;
            delete_case_rows(&mut tx, &key).await?;
            tx.commit().await.map(|_| 1)
        })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!purge.is_finished(), "the purge's check waits for the insert");
    writer.commit().await.unwrap();
    assert_refused_as_orphan(purge.await.unwrap(), "a purge racing an event");
}
