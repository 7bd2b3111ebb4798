//! Phase 2 of a group commit: the multi-row inserts of the group's new
//! cases and of every event that passed phase 1.

use std::collections::{HashMap, HashSet};

use samenop_core::wire::{PushOutcome, PushResult};

use super::group::{Group, Pending, same_or_conflict};
use super::tx::{CaseRow, EventRow, Tx};

/// Rows per multi-row INSERT: well under SQLite's and PostgreSQL's bind
/// parameter limits (at most 10 per row, for cases).
pub(super) const INSERT_CHUNK: usize = 500;

/// Phase 2a: the cases opened by the group, then their `CaseOpened` events,
/// with multi-row statements and before the common path, so the outcome of
/// every event is the one it had when each opening was stored at once.
/// Each case row is written with the number of the group's events in it
/// (its opening and `pending`): nearly always the count it ends with, so
/// phase 3 updates the row of none of the group's new cases.
pub(super) async fn insert_openings(
    tx: &mut Tx,
    pending: &[Pending<'_>],
    g: &mut Group<'_>,
) -> Result<(), sqlx::Error> {
    let openings = std::mem::take(&mut g.openings);
    for o in &openings {
        g.inserted_counts.insert(o.case_key.clone(), 0);
    }
    for p in g.opening_events.iter().chain(pending) {
        if let Some(n) = g.inserted_counts.get_mut(&p.case_key) {
            *n += 1;
        }
    }
    for chunk in openings.chunks(INSERT_CHUNK) {
        let rows: Vec<CaseRow> = chunk
            .iter()
            .map(|o| CaseRow {
                case_key: &o.case_key,
                case: o.case,
                opened_seq: o.seq,
                opened_by: o.opened_by,
                event_count: g.inserted_counts.get(&o.case_key).copied().unwrap_or(0),
            })
            .collect();
        tx.insert_cases(&rows, g.now).await?;
    }
    // Every opening's id was looked up (`prefetch_openings`) and settled
    // as new, each once (`Group::known`): none is stored.
    let events = std::mem::take(&mut g.opening_events);
    insert_pending(tx, &events, g, true).await
}

/// Phase 2: the multi-row inserts. An id not returned was stored before
/// (or twice in this group); its stored bytes decide duplicate or conflict.
/// `all_new`: see `Tx::insert_events`.
pub(super) async fn insert_pending(
    tx: &mut Tx,
    pending: &[Pending<'_>],
    g: &mut Group<'_>,
    all_new: bool,
) -> Result<(), sqlx::Error> {
    let mut claimed: HashSet<&str> = HashSet::new();
    for chunk in pending.chunks(INSERT_CHUNK) {
        let rows: Vec<EventRow> = chunk
            .iter()
            .map(|p| EventRow {
                seq: p.seq,
                id_key: &p.id_key,
                case_key: &p.case_key,
                author: p.author,
                body: p.body,
            })
            .collect();
        let inserted = tx.insert_events(&rows, g.now, all_new).await?;
        let fresh: Vec<bool> = chunk
            .iter()
            .map(|p| inserted.contains(&p.id_key) && claimed.insert(p.id_key.as_str()))
            .collect();
        // The stored bytes of every id not inserted, in one statement: a
        // re-sent batch was one lookup per event.
        let others: Vec<String> = chunk
            .iter()
            .zip(&fresh)
            .filter(|(_, fresh)| !**fresh)
            .map(|(p, _)| p.id_key.clone())
            .collect();
        let stored = if others.is_empty() {
            HashMap::new()
        } else {
            tx.find_bodies(&others).await?
        };
        for (p, fresh) in chunk.iter().zip(fresh) {
            let result = if fresh {
                g.applied.push((p.job, p.case_id, p.case_key.clone(), p.seq));
                PushResult {
                    id: p.id,
                    outcome: PushOutcome::Applied,
                }
            } else {
                let stored = stored.get(&p.id_key).ok_or(sqlx::Error::RowNotFound)?;
                let r = same_or_conflict(p.id, stored, p.body);
                if let PushOutcome::Rejected { code, .. } = &r.outcome {
                    g.refusals.push((p.job, p.case_key.clone(), p.id_key.clone(), *code));
                }
                r
            };
            g.results[p.job][p.slot] = Some(result);
        }
    }
    Ok(())
}
