//! Before phase 1 of a group commit: what the group needs from storage,
//! read in one statement each (the regions of cases the cache lacks, the
//! stored bodies of the openings' ids), and the region of a case.

use samenop_core::CaseId;

use super::group::Group;
use super::inserts::INSERT_CHUNK;
use super::tx::Tx;
use super::{Cache, Job, Prepared};

/// The region of a case: from the writer's cache or this group's
/// openings, else as `prefetch_regions` read it (every case of the group
/// the cache did not hold; `None`: not stored).
pub(super) fn region_of(cache: &Cache, g: &mut Group<'_>, case_id: CaseId) -> Option<String> {
    if let Some(r) = cache.regions.get(&case_id).or_else(|| g.new_regions.get(&case_id)) {
        return Some(r.clone());
    }
    let r = g.looked_up.get(&case_id).cloned().flatten();
    if let Some(r) = &r {
        g.new_regions.insert(case_id, r.clone());
    }
    r
}

/// Before phase 1: the regions of every case of the group the cache does
/// not hold, in one statement; a case per query was most of phase 1 when
/// a group opens hundreds of cases.
pub(super) async fn prefetch_regions(
    tx: &mut Tx,
    cache: &Cache,
    jobs: &[Job],
    g: &mut Group<'_>,
) -> Result<(), sqlx::Error> {
    let mut keys = Vec::new();
    for job in jobs {
        let Job::Push { items, .. } = job else { continue };
        for item in items {
            let case_id = item.ids().1;
            if !cache.regions.contains_key(&case_id) && g.looked_up.insert(case_id, None).is_none() {
                keys.push(case_id.to_string());
            }
        }
    }
    for chunk in keys.chunks(INSERT_CHUNK * 4) {
        for (key, region) in tx.case_regions(chunk).await? {
            if let Ok(id) = key.parse::<uuid::Uuid>() {
                g.looked_up.insert(CaseId(id), Some(region));
            }
        }
    }
    Ok(())
}

/// Before phase 1: the stored bodies of every opening's id, in one
/// statement. An opening off the common path needs them to tell a retry or
/// a conflict from a new case; one lookup per opening was most of a push.
pub(super) async fn prefetch_openings(tx: &mut Tx, jobs: &[Job], g: &mut Group<'_>) -> Result<(), sqlx::Error> {
    let mut keys = Vec::new();
    for job in jobs {
        let Job::Push { items, .. } = job else { continue };
        for item in items {
            if let Prepared::Candidate { id, opens: Some(_), .. } = item {
                let key = id.to_string();
                if g.known.insert(key.clone(), None).is_none() {
                    keys.push(key);
                }
            }
        }
    }
    if keys.is_empty() {
        return Ok(());
    }
    for chunk in keys.chunks(INSERT_CHUNK * 4) {
        for (id, body) in tx.find_bodies(chunk).await? {
            g.known.insert(id, Some(body));
        }
    }
    Ok(())
}
