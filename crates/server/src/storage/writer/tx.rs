//! The writer's transaction and every statement it runs. The group commit
//! works on one `Tx` whichever database is configured; each statement is
//! written once and compiled for both drivers.

use std::collections::HashSet;

use sqlx::{Postgres, Sqlite, Transaction};

use super::{AuditEntry, NewCase};
use crate::storage::Db;

/// PostgreSQL advisory lock: one writer at a time even across processes.
const PG_WRITER_LOCK: i64 = 0x0053_414d_454e_4f50;

pub(super) enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// Like `on_db!`, for the open transaction: `$conn` is its connection.
macro_rules! on_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            Tx::Sqlite(t) => {
                let $conn = &mut **t;
                $body
            }
            Tx::Postgres(t) => {
                let $conn = &mut **t;
                $body
            }
        }
    };
}

/// One row of a multi-row event insert.
pub(super) struct EventRow<'a> {
    pub seq: i64,
    pub id_key: &'a str,
    pub case_key: &'a str,
    pub author: &'a str,
    pub body: &'a [u8],
}

impl Tx {
    pub async fn begin(db: &Db) -> Result<Self, sqlx::Error> {
        Ok(match db {
            Db::Sqlite(pool) => Self::Sqlite(pool.begin().await?),
            Db::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(PG_WRITER_LOCK)
                    .execute(&mut *tx)
                    .await?;
                Self::Postgres(tx)
            }
        })
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Self::Sqlite(t) => t.commit().await,
            Self::Postgres(t) => t.commit().await,
        }
    }

    /// The seq the next stored event gets.
    pub async fn next_seq(&mut self) -> Result<i64, sqlx::Error> {
        let max: i64 = on_tx!(self, conn => {
            sqlx::query_scalar::<_, i64>("SELECT COALESCE(MAX(seq), 0) FROM events")
                .fetch_one(conn)
                .await?
        });
        Ok(max + 1)
    }

    pub async fn insert_audit(&mut self, now: i64, a: &AuditEntry) -> Result<(), sqlx::Error> {
        on_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO audit_log (at_ms, username, role, action, case_id) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(now)
            .bind(&a.username)
            .bind(&a.role)
            .bind(a.action)
            .bind(a.case_id.as_deref())
            .execute(conn)
            .await?;
        });
        Ok(())
    }

    pub async fn case_region(&mut self, case_key: &str) -> Result<Option<String>, sqlx::Error> {
        on_tx!(self, conn => {
            sqlx::query_scalar("SELECT region FROM cases WHERE case_id = $1")
                .bind(case_key)
                .fetch_optional(conn)
                .await
        })
    }

    /// The stored bytes of event `id_key`, if it is stored.
    pub async fn find_body(&mut self, id_key: &str) -> Result<Option<Vec<u8>>, sqlx::Error> {
        on_tx!(self, conn => {
            sqlx::query_scalar("SELECT body FROM events WHERE id = $1")
                .bind(id_key)
                .fetch_optional(conn)
                .await
        })
    }

    /// The stored bytes of an event known to be stored.
    pub async fn body(&mut self, id_key: &str) -> Result<Vec<u8>, sqlx::Error> {
        // What `fetch_one` would answer for a missing row.
        self.find_body(id_key).await?.ok_or(sqlx::Error::RowNotFound)
    }

    pub async fn insert_case(
        &mut self,
        case_key: &str,
        c: &NewCase,
        opened_seq: i64,
        now: i64,
        opened_by: &str,
    ) -> Result<(), sqlx::Error> {
        on_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO cases (case_id, region, opened_seq, created_at_ms, \
                 reported_at_ms, source, address_hint, opened_by, opener_name, \
                 opener_org) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(case_key)
            .bind(&c.region)
            .bind(opened_seq)
            .bind(now)
            .bind(c.reported_at_ms)
            .bind(&c.source)
            .bind(&c.address_hint)
            .bind(opened_by)
            .bind(&c.opener_name)
            .bind(&c.opener_org)
            .execute(conn)
            .await?;
        });
        Ok(())
    }

    pub async fn insert_event(&mut self, row: EventRow<'_>, now: i64) -> Result<(), sqlx::Error> {
        on_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO events (seq, id, case_id, author, body, received_at_ms) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(row.seq)
            .bind(row.id_key)
            .bind(row.case_key)
            .bind(row.author)
            .bind(row.body)
            .bind(now)
            .execute(conn)
            .await?;
        });
        Ok(())
    }

    /// One multi-row insert, `ON CONFLICT (id) DO NOTHING RETURNING id`: the
    /// ids returned are the rows this statement stored.
    pub async fn insert_events(&mut self, rows: &[EventRow<'_>], now: i64) -> Result<HashSet<String>, sqlx::Error> {
        on_tx!(self, conn => {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO events (seq, id, case_id, author, body, received_at_ms) ",
            );
            insert.push_values(rows, |mut row, r| {
                row.push_bind(r.seq)
                    .push_bind(r.id_key)
                    .push_bind(r.case_key)
                    .push_bind(r.author)
                    .push_bind(r.body)
                    .push_bind(now);
            });
            insert.push(" ON CONFLICT (id) DO NOTHING RETURNING id");
            Ok(insert
                .build_query_scalar::<String>()
                .fetch_all(conn)
                .await?
                .into_iter()
                .collect())
        })
    }

    /// Raises a participant's `seen_seq` (never lowers it).
    pub async fn mark_seen(&mut self, s: &super::Seen) -> Result<(), sqlx::Error> {
        on_tx!(self, conn => {
            sqlx::query(
                "UPDATE participants SET seen_seq = $1 \
                 WHERE case_id = $2 AND username = $3 AND seen_seq < $1",
            )
            .bind(s.seq)
            .bind(&s.case_key)
            .bind(&s.username)
            .execute(conn)
            .await?;
        });
        Ok(())
    }

    pub async fn insert_participant(&mut self, case_key: &str, username: &str, seq: i64) -> Result<(), sqlx::Error> {
        on_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO participants (case_id, username, joined_seq) \
                 VALUES ($1, $2, $3) ON CONFLICT (case_id, username) DO NOTHING",
            )
            .bind(case_key)
            .bind(username)
            .bind(seq)
            .execute(conn)
            .await?;
        });
        Ok(())
    }

    pub async fn insert_rejection(
        &mut self,
        case_key: &str,
        id_key: &str,
        username: &str,
        code: &str,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        on_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO rejections (case_id, event_id, username, code, at_ms) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(case_key)
            .bind(id_key)
            .bind(username)
            .bind(code)
            .bind(now)
            .execute(conn)
            .await?;
        });
        Ok(())
    }
}
