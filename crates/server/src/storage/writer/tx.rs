//! The writer's transaction and every statement it runs. The group commit
//! works on one `Tx` whichever database is configured; each statement is
//! written once and compiled for both drivers.

use std::collections::{HashMap, HashSet};

use sqlx::{Postgres, Sqlite, Transaction};

use super::{AuditEntry, NewCase};
use crate::storage::Db;

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

/// One row of a multi-row case insert.
pub(super) struct CaseRow<'a> {
    pub case_key: &'a str,
    pub case: &'a NewCase,
    pub opened_seq: i64,
    pub opened_by: &'a str,
    /// The group's events of the case it inserts (its opening and those
    /// after it): the row is written with its count, so a new case needs
    /// no update of it (`close_group` corrects a count that differs).
    pub event_count: i64,
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
            // IMMEDIATE: the write lock from the start. A deferred
            // transaction reads the seqs first; if another connection
            // (a session touch, a lead opening a case) commits before the
            // first write, SQLite refuses the upgrade (SQLITE_BUSY_SNAPSHOT,
            // not retried by the busy timeout) and the whole group fails.
            Db::Sqlite(pool) => Self::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                // Before the seqs are read (`next_seq`): see `PG_WRITER_LOCK`.
                super::lock_pg_writer(&mut tx).await?;
                Self::Postgres(tx)
            }
        })
    }

    /// The transaction's connection, for statements written outside the
    /// writer (`storage::read_models`).
    pub fn conn(&mut self) -> crate::storage::read_models::Conn<'_> {
        use crate::storage::read_models::Conn;
        match self {
            Self::Sqlite(t) => Conn::Sqlite(t),
            Self::Postgres(t) => Conn::Postgres(t),
        }
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Self::Sqlite(t) => t.commit().await,
            Self::Postgres(t) => t.commit().await,
        }
    }

    /// The seq the next stored event gets: past every seq handed out
    /// (`HIGHEST_SEQ_SQL`: the pull cursor only grows); and how many cases
    /// were purged so far (the writer's caches go stale then).
    pub async fn next_seq(&mut self) -> Result<(i64, i64), sqlx::Error> {
        let sql = format!(
            "SELECT ({}) AS highest, (SELECT COUNT(*) FROM purged_cases) AS purged",
            super::HIGHEST_SEQ_SQL
        );
        let (max, purged): (i64, i64) = match self {
            Self::Sqlite(t) => super::raw::highest_seq(t, &sql).await?,
            Self::Postgres(t) => sqlx::query_as(&sql).fetch_one(&mut **t).await?,
        };
        Ok((max + 1, purged))
    }

    /// The audit entries of a group in one statement per 500 (a pull that
    /// returns hundreds of cases writes one entry per case; one statement
    /// each was the longest part of such a commit, on PostgreSQL a round
    /// trip each). PostgreSQL through `UNNEST`, see `insert_cases`.
    pub async fn insert_audits(&mut self, now: i64, entries: &[&AuditEntry]) -> Result<(), sqlx::Error> {
        const COLUMNS: &str = "INSERT INTO audit_log (at_ms, username, role, action, case_id) ";
        for chunk in entries.chunks(500) {
            match self {
                Self::Sqlite(t) => {
                    let mut insert = sqlx::QueryBuilder::new(COLUMNS);
                    insert.push_values(chunk, |mut row, a| {
                        row.push_bind(now)
                            .push_bind(&a.username)
                            .push_bind(&a.role)
                            .push_bind(a.action)
                            .push_bind(a.case_id.as_deref());
                    });
                    insert.build().execute(&mut **t).await?;
                }
                Self::Postgres(t) => {
                    sqlx::query(&format!(
                        "{COLUMNS}SELECT $1, u, r, a, c FROM UNNEST($2::text[], $3::text[], $4::text[], $5::text[]) \
                         AS t(u, r, a, c)"
                    ))
                    .bind(now)
                    .bind(chunk.iter().map(|a| a.username.as_str()).collect::<Vec<&str>>())
                    .bind(chunk.iter().map(|a| a.role.as_str()).collect::<Vec<&str>>())
                    .bind(chunk.iter().map(|a| a.action).collect::<Vec<&str>>())
                    .bind(
                        chunk
                            .iter()
                            .map(|a| a.case_id.as_deref())
                            .collect::<Vec<Option<&str>>>(),
                    )
                    .execute(&mut **t)
                    .await?;
                }
            }
        }
        Ok(())
    }

    /// The regions of those of `case_keys` that are stored.
    pub async fn case_regions(&mut self, case_keys: &[String]) -> Result<Vec<(String, String)>, sqlx::Error> {
        match self {
            Self::Sqlite(t) => {
                super::raw::lookup_each(t, "SELECT region FROM cases WHERE case_id = ?1", case_keys).await
            }
            Self::Postgres(t) => {
                sqlx::query_as("SELECT case_id, region FROM cases WHERE case_id = ANY($1)")
                    .bind(case_keys)
                    .fetch_all(&mut **t)
                    .await
            }
        }
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

    /// The stored bytes of every event among `id_keys` that is stored, in
    /// one statement (the openings of a group, issue 18 §4).
    pub async fn find_bodies(&mut self, id_keys: &[String]) -> Result<HashMap<String, Vec<u8>>, sqlx::Error> {
        let rows: Vec<(String, Vec<u8>)> = match self {
            Self::Sqlite(t) => super::raw::lookup_each(t, "SELECT body FROM events WHERE id = ?1", id_keys).await?,
            Self::Postgres(t) => {
                sqlx::query_as("SELECT id, body FROM events WHERE id = ANY($1)")
                    .bind(id_keys)
                    .fetch_all(&mut **t)
                    .await?
            }
        };
        Ok(rows.into_iter().collect())
    }

    /// One multi-row insert of new cases. PostgreSQL takes the columns as
    /// arrays through `UNNEST`: one statement text for any number of rows,
    /// prepared once per connection, where a `VALUES` list of a new length
    /// is parsed and planned again (most of a group's time on PostgreSQL).
    pub async fn insert_cases(&mut self, rows: &[CaseRow<'_>], now: i64) -> Result<(), sqlx::Error> {
        const COLUMNS: &str = "INSERT INTO cases (case_id, region, opened_seq, created_at_ms, \
                 reported_at_ms, source, address_hint, opened_by, opener_name, opener_org, \
                 opened_wall_ms, opened_counter, event_count, last_received_ms) ";
        match self {
            Self::Sqlite(t) => super::raw::insert_cases(t, rows, now).await?,
            Self::Postgres(t) => {
                fn column<'r, 'a>(rows: &'r [CaseRow<'a>], f: fn(&'r CaseRow<'a>) -> &'r str) -> Vec<&'r str> {
                    rows.iter().map(f).collect()
                }
                let text = |f| column(rows, f);
                sqlx::query(&format!(
                    "{COLUMNS}SELECT k, r, s, $4, at, src, h, b, n, o, w, c, e, $4 FROM UNNEST($1::text[], \
                     $2::text[], $3::bigint[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[], \
                     $10::text[], $11::bigint[], $12::bigint[], $13::bigint[]) AS t(k, r, s, at, src, h, b, n, o, w, c, e)"
                ))
                .bind(text(|r| r.case_key))
                .bind(text(|r| &r.case.region))
                .bind(rows.iter().map(|r| r.opened_seq).collect::<Vec<i64>>())
                .bind(now)
                .bind(rows.iter().map(|r| r.case.reported_at_ms).collect::<Vec<i64>>())
                .bind(text(|r| &r.case.source))
                .bind(text(|r| &r.case.address_hint))
                .bind(text(|r| r.opened_by))
                .bind(text(|r| &r.case.opener_name))
                .bind(text(|r| &r.case.opener_org))
                .bind(rows.iter().map(|r| r.case.opened.wall_ms).collect::<Vec<i64>>())
                .bind(
                    rows.iter()
                        .map(|r| i64::from(r.case.opened.counter))
                        .collect::<Vec<i64>>(),
                )
                .bind(rows.iter().map(|r| r.event_count).collect::<Vec<i64>>())
                .execute(&mut **t)
                .await?;
            }
        }
        Ok(())
    }

    /// One multi-row insert, `ON CONFLICT (id) DO NOTHING RETURNING id`: the
    /// ids returned are the rows this statement stored (PostgreSQL through
    /// `UNNEST`, see `insert_cases`). `all_new`: the writer looked every id
    /// up under its lock and none is stored (a group's openings), so on
    /// PostgreSQL a plain insert does: its `ON CONFLICT` arbiter costs
    /// about 1.7 times a plain row (measured in `psql`, 4,000 rows), and
    /// an id stored after all is still refused by the unique key (the
    /// group fails and is retried, nothing is lost). SQLite checks the
    /// key either way and takes the one statement.
    pub async fn insert_events(
        &mut self,
        rows: &[EventRow<'_>],
        now: i64,
        all_new: bool,
    ) -> Result<HashSet<String>, sqlx::Error> {
        const COLUMNS: &str = "INSERT INTO events (seq, id, case_id, author, body, received_at_ms) ";
        const TAIL: &str = " ON CONFLICT (id) DO NOTHING RETURNING id";
        let ids: Vec<String> = match self {
            Self::Sqlite(t) => super::raw::insert_events(t, rows, now).await?,
            Self::Postgres(t) => {
                let tail = if all_new { "" } else { TAIL };
                let insert = format!(
                    "{COLUMNS}SELECT s, i, c, a, b, $6 FROM UNNEST($1::bigint[], $2::text[], $3::text[], \
                     $4::text[], $5::bytea[]) AS t(s, i, c, a, b){tail}"
                );
                let query = sqlx::query(&insert)
                    .bind(rows.iter().map(|r| r.seq).collect::<Vec<i64>>())
                    .bind(rows.iter().map(|r| r.id_key).collect::<Vec<&str>>())
                    .bind(rows.iter().map(|r| r.case_key).collect::<Vec<&str>>())
                    .bind(rows.iter().map(|r| r.author).collect::<Vec<&str>>())
                    .bind(rows.iter().map(|r| r.body).collect::<Vec<&[u8]>>())
                    .bind(now);
                if all_new {
                    let stored = query.execute(&mut **t).await?.rows_affected();
                    if stored != rows.len() as u64 {
                        return Err(sqlx::Error::Protocol(format!(
                            "{stored} of {} new events stored",
                            rows.len()
                        )));
                    }
                    rows.iter().map(|r| r.id_key.to_string()).collect()
                } else {
                    use sqlx::Row;
                    query
                        .fetch_all(&mut **t)
                        .await?
                        .iter()
                        .map(|r| r.try_get::<String, _>(0))
                        .collect::<Result<_, _>>()?
                }
            }
        };
        Ok(ids.into_iter().collect())
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
