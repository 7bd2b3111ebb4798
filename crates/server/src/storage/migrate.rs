//! Plain SQL migrations per backend, embedded in the binary and applied in
//! order at start. Each runs in its own transaction with its version row.
//!
//! Several `serve` processes may start at once on one PostgreSQL database
//! (N instances behind a load balancer). Without a lock both would see a
//! version missing and run its DDL, and the second fails ("relation
//! already exists", or a duplicate key in `pg_type` for the concurrent
//! `CREATE TABLE IF NOT EXISTS`), so that instance does not start. All
//! migrating is therefore done on one connection holding a session-level
//! advisory lock: the second process waits, then finds every version done.
//! The lock goes with the connection if the process dies mid-way.

use super::{Db, Result, now_ms};

const SQLITE: &[(i64, &str)] = &[
    (1, include_str!("../../migrations/sqlite/0001_initial.sql")),
    (2, include_str!("../../migrations/sqlite/0002_login_hardening.sql")),
    (3, include_str!("../../migrations/sqlite/0003_membership.sql")),
    (
        4,
        include_str!("../../migrations/sqlite/0004_lead_window_retention.sql"),
    ),
    (5, include_str!("../../migrations/sqlite/0005_revocation.sql")),
    (6, include_str!("../../migrations/sqlite/0006_read_models.sql")),
    (7, include_str!("../../migrations/sqlite/0007_read_model_upkeep.sql")),
    (8, include_str!("../../migrations/sqlite/0008_case_admission_facts.sql")),
    (9, include_str!("../../migrations/sqlite/0009_case_last_received.sql")),
    (10, include_str!("../../migrations/sqlite/0010_region_marks.sql")),
    (11, include_str!("../../migrations/sqlite/0011_read_model_rules.sql")),
];
const POSTGRES: &[(i64, &str)] = &[
    (1, include_str!("../../migrations/postgres/0001_initial.sql")),
    (2, include_str!("../../migrations/postgres/0002_login_hardening.sql")),
    (3, include_str!("../../migrations/postgres/0003_membership.sql")),
    (
        4,
        include_str!("../../migrations/postgres/0004_lead_window_retention.sql"),
    ),
    (5, include_str!("../../migrations/postgres/0005_revocation.sql")),
    (6, include_str!("../../migrations/postgres/0006_read_models.sql")),
    (7, include_str!("../../migrations/postgres/0007_read_model_upkeep.sql")),
    (
        8,
        include_str!("../../migrations/postgres/0008_case_admission_facts.sql"),
    ),
    (9, include_str!("../../migrations/postgres/0009_case_last_received.sql")),
    (10, include_str!("../../migrations/postgres/0010_region_marks.sql")),
    (11, include_str!("../../migrations/postgres/0011_case_key_checks.sql")),
    (12, include_str!("../../migrations/postgres/0012_read_model_rules.sql")),
];

/// PostgreSQL advisory lock held while migrating ("SAMENOPM").
const PG_MIGRATE_LOCK: i64 = 0x5341_4d45_4e4f_504d;

/// Applies the versions in `$migrations` not applied yet, on connection
/// `$conn` (written once, compiled for each driver).
macro_rules! apply {
    ($conn:expr, $migrations:expr) => {{
        sqlx::raw_sql(
            "CREATE TABLE IF NOT EXISTS schema_migrations \
             (version BIGINT PRIMARY KEY, applied_at_ms BIGINT NOT NULL)",
        )
        .execute(&mut *$conn)
        .await?;
        for (version, sql) in $migrations {
            let mut tx = sqlx::Connection::begin(&mut *$conn).await?;
            let done: Option<i64> = sqlx::query_scalar("SELECT version FROM schema_migrations WHERE version = $1")
                .bind(version)
                .fetch_optional(&mut *tx)
                .await?;
            if done.is_some() {
                continue;
            }
            sqlx::raw_sql(sql).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO schema_migrations (version, applied_at_ms) VALUES ($1, $2)")
                .bind(version)
                .bind(now_ms())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            tracing::info!(version, "migration applied");
        }
    }};
}

pub async fn run(db: &Db) -> Result<()> {
    match db {
        // One process per SQLite file (see `files::claim_sqlite_file`).
        Db::Sqlite(pool) => {
            let mut conn = pool.acquire().await?;
            apply!(conn, SQLITE);
        }
        Db::Postgres(pool) => {
            let mut conn = pool.acquire().await?;
            sqlx::query("SELECT pg_advisory_lock($1)")
                .bind(PG_MIGRATE_LOCK)
                .execute(&mut *conn)
                .await?;
            let applied: Result<()> = async {
                apply!(conn, POSTGRES);
                Ok(())
            }
            .await;
            // Unlocked on error too; closing the connection would also do.
            let unlocked = sqlx::query("SELECT pg_advisory_unlock($1)")
                .bind(PG_MIGRATE_LOCK)
                .execute(&mut *conn)
                .await;
            applied?;
            unlocked?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::POSTGRES;
    use crate::storage::writer::PG_WRITER_LOCK;

    /// The case-key checks (0011) take the writer's lock by its number:
    /// if the constant changed and the SQL did not, their check would no
    /// longer wait for an in-flight group commit or purge.
    #[test]
    fn the_case_key_checks_take_the_writers_lock() {
        let (_, sql) = POSTGRES.iter().find(|(v, _)| *v == 11).expect("migration 11");
        let call = format!("pg_advisory_xact_lock({PG_WRITER_LOCK})");
        assert_eq!(sql.matches(&call).count(), 2, "both check functions take {call}");
    }
}
