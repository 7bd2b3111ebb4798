//! Native backend: one SQLite file, WAL with synchronous=FULL, so an
//! appended record survives a crash or power loss once `append` returns.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

use crate::store::{Backend, StoreError};

pub struct SqliteBackend {
    conn: Connection,
}

fn err(e: rusqlite::Error) -> StoreError {
    StoreError::Backend(e.to_string())
}

impl SqliteBackend {
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open(path).map_err(err)?;
        conn.execute_batch(
            "PRAGMA journal_mode=WAL;
             PRAGMA synchronous=FULL;
             PRAGMA secure_delete=ON;
             CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB NOT NULL);
             CREATE TABLE IF NOT EXISTS log (seq INTEGER PRIMARY KEY, sealed BLOB NOT NULL);",
        )
        .map_err(err)?;
        Ok(Self { conn })
    }
}

impl Backend for SqliteBackend {
    fn meta(&self, name: &str) -> Result<Option<Vec<u8>>, StoreError> {
        self.conn
            .query_row("SELECT value FROM meta WHERE name = ?1", params![name], |r| r.get(0))
            .optional()
            .map_err(err)
    }

    fn set_meta(&mut self, name: &str, value: &[u8]) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO meta (name, value) VALUES (?1, ?2) ON CONFLICT(name) DO UPDATE SET value = ?2",
                params![name, value],
            )
            .map(|_| ())
            .map_err(err)
    }

    fn append(&mut self, first_seq: u64, sealed: &[Vec<u8>]) -> Result<(), StoreError> {
        let tx = self.conn.transaction().map_err(err)?;
        {
            let mut stmt = tx
                .prepare_cached("INSERT INTO log (seq, sealed) VALUES (?1, ?2)")
                .map_err(err)?;
            for (i, blob) in sealed.iter().enumerate() {
                stmt.execute(params![(first_seq + i as u64) as i64, blob])
                    .map_err(err)?;
            }
        }
        tx.commit().map_err(err)
    }

    fn read_all(&self) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT seq, sealed FROM log ORDER BY seq")
            .map_err(err)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, Vec<u8>>(1)?)))
            .map_err(err)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(err)
    }

    fn replace(&mut self, sealed: &[(u64, Vec<u8>)]) -> Result<(), StoreError> {
        let tx = self.conn.transaction().map_err(err)?;
        {
            let mut stmt = tx
                .prepare_cached("UPDATE log SET sealed = ?2 WHERE seq = ?1")
                .map_err(err)?;
            for (seq, blob) in sealed {
                stmt.execute(params![*seq as i64, blob]).map_err(err)?;
            }
        }
        tx.commit().map_err(err)?;
        // The old (sealed) versions leave the WAL too; secure_delete zeroes
        // the pages they held.
        self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").map_err(err)
    }

    fn wipe(&mut self) -> Result<(), StoreError> {
        self.conn
            .execute_batch("DELETE FROM log; DELETE FROM meta;")
            .map_err(err)
    }
}
