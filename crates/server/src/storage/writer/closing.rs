//! The statements that close a group commit (phase 3), on the writer's
//! transaction: who became a participant, each case's event count, the
//! read-model and region marks, and how far each participant was given
//! a case (`mark_seen`).

use std::collections::HashMap;

use super::tx::Tx;

impl Tx {
    /// Phase 3 of a group: new participants `(case, username, joined_seq)`
    /// (a pair already stored keeps its row), each case's newly stored
    /// events added to its `event_count` (a case this group opened only
    /// when its count differs from the one it was inserted with) and its
    /// `last_received_ms` raised to `now`, and the cases whose read models
    /// now lag (`(case, region)` into `read_model_dirty`: recomputed when
    /// a reader needs them, `read_models::stale_cases`, or when the writer
    /// is idle, `catch_up`; not at every push, issue 18 §4), and the marks
    /// of the `regions` the group changed raised by one (`region_marks`).
    /// On PostgreSQL one statement for all four (arrays through `UNNEST`,
    /// no bind limit): the round trips, not the rows, were a group's cost.
    pub async fn close_group(
        &mut self,
        participants: &[(&str, &str, i64)],
        counts: &[(&str, i64)],
        lagging: &[(&str, &str)],
        regions: &[&str],
        opened: &HashMap<String, i64>,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        match self {
            Self::Sqlite(t) => super::raw::close_group(t, participants, counts, lagging, regions, now).await?,
            Self::Postgres(t) => {
                if participants.is_empty() && counts.is_empty() && lagging.is_empty() && regions.is_empty() {
                    return Ok(());
                }
                // The participants and marks of cases this group opened
                // (`opened`) cannot be stored yet: no case, no row (the
                // case-key checks of migration 0011; a purge deletes a
                // case's marks with it). They go in plain, the rest with
                // `ON CONFLICT`, which costs about 1.7 times as much per
                // row (see `insert_events`); most rows of a burst of new
                // cases were paying it for nothing.
                let (new_joins, joins): (Vec<&(&str, &str, i64)>, Vec<_>) =
                    participants.iter().partition(|p| opened.contains_key(p.0));
                let (new_marks, marks): (Vec<&(&str, &str)>, Vec<_>) =
                    lagging.iter().partition(|d| opened.contains_key(d.0));
                sqlx::query(
                    "WITH joined_new AS (\
                        INSERT INTO participants (case_id, username, joined_seq) \
                        SELECT * FROM UNNEST($10::text[], $11::text[], $12::bigint[])), \
                     marked_new AS (\
                        INSERT INTO read_model_dirty (case_id, region) \
                        SELECT * FROM UNNEST($13::text[], $14::text[])), \
                     joined AS (\
                        INSERT INTO participants (case_id, username, joined_seq) \
                        SELECT * FROM UNNEST($1::text[], $2::text[], $3::bigint[]) \
                        ON CONFLICT (case_id, username) DO NOTHING), \
                     marked AS (\
                        INSERT INTO region_marks (region, mark) SELECT r, 1 FROM UNNEST($9::text[]) AS r \
                        ON CONFLICT (region) DO UPDATE SET mark = region_marks.mark + 1), \
                     counted AS (\
                        UPDATE cases c SET event_count = c.event_count + t.n, \
                        last_received_ms = GREATEST(c.last_received_ms, $8) \
                        FROM UNNEST($4::text[], $5::bigint[]) AS t(k, n) WHERE c.case_id = t.k) \
                     INSERT INTO read_model_dirty (case_id, region) \
                     SELECT * FROM UNNEST($6::text[], $7::text[]) ON CONFLICT (case_id) DO NOTHING",
                )
                .bind(joins.iter().map(|r| r.0).collect::<Vec<&str>>())
                .bind(joins.iter().map(|r| r.1).collect::<Vec<&str>>())
                .bind(joins.iter().map(|r| r.2).collect::<Vec<i64>>())
                .bind(counts.iter().map(|c| c.0).collect::<Vec<&str>>())
                .bind(counts.iter().map(|c| c.1).collect::<Vec<i64>>())
                .bind(marks.iter().map(|d| d.0).collect::<Vec<&str>>())
                .bind(marks.iter().map(|d| d.1).collect::<Vec<&str>>())
                .bind(now)
                .bind(regions)
                .bind(new_joins.iter().map(|r| r.0).collect::<Vec<&str>>())
                .bind(new_joins.iter().map(|r| r.1).collect::<Vec<&str>>())
                .bind(new_joins.iter().map(|r| r.2).collect::<Vec<i64>>())
                .bind(new_marks.iter().map(|d| d.0).collect::<Vec<&str>>())
                .bind(new_marks.iter().map(|d| d.1).collect::<Vec<&str>>())
                .execute(&mut **t)
                .await?;
            }
        }
        Ok(())
    }

    /// Raises each (case, username) participant's `seen_seq` to the seq
    /// given (never lowers it): on PostgreSQL in one statement (a pull that
    /// hands out hundreds of cases was one round trip per case, the longest
    /// part of its commit, issue 18), on SQLite one prepared update per row
    /// on the transaction's connection (`raw`).
    pub async fn mark_seen(&mut self, rows: &[(&str, &str, i64)]) -> Result<(), sqlx::Error> {
        if rows.is_empty() {
            return Ok(());
        }
        match self {
            Self::Sqlite(t) => super::raw::mark_seen(t, rows).await?,
            Self::Postgres(t) => {
                sqlx::query(
                    "UPDATE participants p SET seen_seq = t.s \
                     FROM UNNEST($1::text[], $2::text[], $3::bigint[]) AS t(c, u, s) \
                     WHERE p.case_id = t.c AND p.username = t.u AND p.seen_seq < t.s",
                )
                .bind(rows.iter().map(|r| r.0).collect::<Vec<&str>>())
                .bind(rows.iter().map(|r| r.1).collect::<Vec<&str>>())
                .bind(rows.iter().map(|r| r.2).collect::<Vec<i64>>())
                .execute(&mut **t)
                .await?;
            }
        }
        Ok(())
    }
}
