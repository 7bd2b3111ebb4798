//! Plain SQL migrations per backend, embedded in the binary and applied in
//! order at start. Each runs in its own transaction with its version row.

use super::{Db, Result, now_ms, on_db};

const SQLITE: &[(i64, &str)] = &[
    (1, include_str!("../../migrations/sqlite/0001_initial.sql")),
    (2, include_str!("../../migrations/sqlite/0002_login_hardening.sql")),
    (3, include_str!("../../migrations/sqlite/0003_membership.sql")),
];
const POSTGRES: &[(i64, &str)] = &[
    (1, include_str!("../../migrations/postgres/0001_initial.sql")),
    (2, include_str!("../../migrations/postgres/0002_login_hardening.sql")),
    (3, include_str!("../../migrations/postgres/0003_membership.sql")),
];

pub async fn run(db: &Db) -> Result<()> {
    let migrations = if db.is_postgres() { POSTGRES } else { SQLITE };
    on_db!(db, pool => {
        sqlx::raw_sql(
            "CREATE TABLE IF NOT EXISTS schema_migrations \
             (version BIGINT PRIMARY KEY, applied_at_ms BIGINT NOT NULL)",
        )
        .execute(pool)
        .await?;
        for (version, sql) in migrations {
            let mut tx = pool.begin().await?;
            let done: Option<i64> =
                sqlx::query_scalar("SELECT version FROM schema_migrations WHERE version = $1")
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
        Ok(())
    })
}
