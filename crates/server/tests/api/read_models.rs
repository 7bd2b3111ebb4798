//! The shift lead's list and board come from stored read models (issue
//! 18 §1): they equal a fresh fold of the same events, page without losing
//! or repeating a case, filter by a time window, and the chips count the
//! whole window; `upkeep.rs` tests how the rows are kept up to date. All
//! people and cases here are invented.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use reqwest::StatusCode;
use samenop_core::board::BoardItem;
use samenop_core::event::{EventKind, ReportSource};
use samenop_core::measures::MeasureKind;
use samenop_core::read_model::CaseProjection;
use samenop_core::wire::CaseListItem;
use samenop_core::{CaseId, CaseState, Event, Organisation, Role};
use samenop_server::storage::{self, Db};

use crate::board::measure;
use crate::helpers::*;

/// Runs one statement without binds on either pool.
pub(crate) async fn exec(db: &Db, sql: &str) {
    run_sql!(db, sql).unwrap();
}

pub(crate) async fn count(db: &Db, table: &str) -> i64 {
    scalar(db, &format!("SELECT COUNT(*) FROM {table}")).await
}

/// The one integer `sql` answers, on either pool.
pub(crate) async fn scalar(db: &Db, sql: &str) -> i64 {
    scalar_sql!(db, sql).unwrap()
}

/// A case opened by agent.a, reported `ago` before now, with measures
/// that put deadlines on the board (some overdue, some this shift).
pub(crate) async fn case_with_measures(app: &TestApp, token: &str, ago: Duration, n: usize) -> CaseId {
    let case_id = CaseId::generate();
    let now = Utc::now();
    let mut events = vec![event(
        "agent.a",
        case_id,
        EventKind::CaseOpened {
            reported_at: now - ago,
            source: ReportSource::PoliceReport,
            address_hint: format!("Proefweg {} (synthetisch)", ago.num_minutes()),
            region: REGION.into(),
        },
    )];
    // VT phoned from the door: each case counts as a joint response in
    // the lead's figures (002 l.3187).
    events.push(assigned(
        "agent.a",
        case_id,
        samenop_core::Assignment::Safety {
            item: samenop_core::steps::SafetyItem::VtPhoned,
            done: true,
        },
    ));
    for i in 0..n {
        let at = now - Duration::hours(30) + Duration::hours(7 * i as i64);
        events.push(measure("agent.a", case_id, MeasureKind::Veiligheidsafspraken, |m| {
            m.reassess_at = Some(at)
        }));
    }
    events.push(measure("agent.a", case_id, MeasureKind::Aanhouding, |m| {
        m.started_at = Some(now - Duration::hours(2))
    }));
    assert_all_applied(&app.push(token, events).await);
    case_id
}

/// Cases of several ages with measures, and agent.a's token.
pub(crate) async fn region_with_cases(app: &TestApp, n: usize) -> Vec<CaseId> {
    let police = app.login("agent.a").await;
    let mut ids = Vec::new();
    for i in 0..n {
        ids.push(case_with_measures(app, &police, Duration::minutes(10 + 5 * i as i64), i % 4).await);
    }
    ids
}

async fn page(app: &TestApp, token: &str, path: &str) -> (Vec<serde_json::Value>, Option<String>) {
    let resp = app.get(token, path).await;
    assert_eq!(resp.status(), StatusCode::OK, "{path}");
    let next = resp
        .headers()
        .get("x-next-cursor")
        .map(|v| v.to_str().unwrap().to_string());
    (resp.json().await.unwrap(), next)
}

/// Every page of `path` (which already has a `?`), `limit` at a time.
async fn all_pages(app: &TestApp, token: &str, path: &str, limit: usize) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let url = match &cursor {
            Some(c) => format!("{path}&limit={limit}&cursor={c}"),
            None => format!("{path}&limit={limit}"),
        };
        let (items, next) = page(app, token, &url).await;
        assert!(items.len() <= limit);
        out.extend(items);
        match next {
            Some(n) => cursor = Some(n),
            None => return out,
        }
    }
}

/// The projection of each case folded now from its stored events.
pub(crate) async fn fresh_fold(db: &Db, case_id: CaseId, now: DateTime<Utc>) -> CaseProjection {
    let events: Vec<Event> = storage::case_events(db, &case_id)
        .await
        .unwrap()
        .iter()
        .map(|b| serde_json::from_slice(b).unwrap())
        .collect();
    let visible: Vec<Event> = samenop_core::event::visible_events(events, Organisation::Police).collect();
    CaseProjection::of(&CaseState::fold(&visible), now)
}

#[tokio::test]
async fn the_list_and_board_after_pushes_equal_a_fresh_fold_and_the_folding_path() {
    let app = spawn_app().await;
    let ids = region_with_cases(&app, 6).await;
    let lead = app.login("lead.c").await;
    let list: Vec<CaseListItem> = app.get_json(&lead, "/api/v1/cases").await;
    let board: Vec<BoardItem> = app.get_json(&lead, "/api/v1/board").await;
    let now = Utc::now();

    // Newest report first: the order the cases were made in.
    assert_eq!(list.iter().map(|c| c.case_id).collect::<Vec<_>>(), ids);
    let mut cases = Vec::new();
    for item in &list {
        let p = fresh_fold(&app.db, item.case_id, now).await;
        assert_eq!(item.status, p.status);
        assert_eq!(item.on_scene, p.on_scene);
        assert_eq!(item.event_count, p.event_count);
        assert_eq!(item.due_this_shift, p.due_this_shift);
        assert_eq!(item.reported_at, p.reported_at);
        assert_eq!(item.address_hint, p.address_hint);
        assert_eq!(item.flags.measures_due, p.lead.measures_due);
        assert_eq!(item.flags.due_this_shift, p.lead.due_this_shift);
        assert_eq!(item.flags.acute_past_24_hours, p.lead.acute_past_24_hours);
        assert!(item.flags.changed_since_visit, "never visited");
        cases.push(p);
    }
    let mut expected: Vec<BoardItem> = cases.iter().flat_map(|p| p.board_at(now)).collect();
    expected.sort_by_key(|i| {
        (
            i.next.map(|d| d.due).is_none(),
            i.next.map(|d| d.due),
            i.case_id,
            i.measure_id,
        )
    });
    assert_eq!(board, expected);
    assert!(board.iter().any(|i| i.overdue) && board.iter().any(|i| !i.overdue));

    // A lead of an organisation without stored rows gets the list folded
    // on request (the code before the read models): the same answer.
    app.add_account(&account("lead.om", Organisation::Om, Role::ShiftLead, REGION))
        .await;
    let om = app.login("lead.om").await;
    let folded: Vec<CaseListItem> = app.get_json(&om, "/api/v1/cases").await;
    assert_eq!(folded, list);
    let folded_board: Vec<BoardItem> = app.get_json(&om, "/api/v1/board").await;
    assert_eq!(folded_board, board);
    let (first, next) = page(&app, &om, "/api/v1/cases?limit=4").await;
    assert_eq!(first.len(), 4);
    let (rest, end) = page(&app, &om, &format!("/api/v1/cases?limit=4&cursor={}", next.unwrap())).await;
    assert_eq!(rest.len(), 2);
    assert!(end.is_none());
}

#[tokio::test]
async fn paging_returns_every_case_and_measure_exactly_once_and_audits_only_the_page() {
    let app = spawn_app().await;
    let ids = region_with_cases(&app, 7).await;
    let lead = app.login("lead.c").await;
    let whole: Vec<serde_json::Value> = app.get_json(&lead, "/api/v1/cases").await;
    for limit in [1, 2, 3, 7] {
        let paged = all_pages(&app, &lead, "/api/v1/cases?", limit).await;
        assert_eq!(paged, whole, "limit {limit}");
    }
    let seen: HashSet<String> = whole
        .iter()
        .map(|c| c["case_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(seen.len(), ids.len());

    let board: Vec<serde_json::Value> = app.get_json(&lead, "/api/v1/board").await;
    assert!(board.len() > 5);
    for limit in [1, 4] {
        assert_eq!(
            all_pages(&app, &lead, "/api/v1/board?", limit).await,
            board,
            "limit {limit}"
        );
    }
    // A filter that drops rows still pages to the same rows.
    let acute: Vec<serde_json::Value> = app.get_json(&lead, "/api/v1/cases?filter=not_assessed").await;
    assert_eq!(
        all_pages(&app, &lead, "/api/v1/cases?filter=not_assessed", 2).await,
        acute
    );

    // One page of one: only that case's read is audited by a fresh lead.
    app.add_account(&account("lead.g", Organisation::Police, Role::ShiftLead, REGION))
        .await;
    let other = app.login("lead.g").await;
    let (one, _) = page(&app, &other, "/api/v1/cases?limit=1").await;
    let first = ids[0];
    assert_eq!(one[0]["case_id"], first.to_string());
    for id in &ids {
        let read = app.audit_of(*id).await.contains(&("lead.g".into(), "case_list".into()));
        assert_eq!(read, *id == first, "{id}");
    }

    for bad in ["limit=0", "limit=501", "cursor=zz", "limit=2&cursor=6c7c31"] {
        app.get_error(&lead, &format!("/api/v1/cases?{bad}"), StatusCode::BAD_REQUEST)
            .await;
    }
    app.get_error(&lead, "/api/v1/board?cursor=00", StatusCode::BAD_REQUEST)
        .await;
}

#[tokio::test]
async fn the_time_window_filters_the_list_and_the_board() {
    let app = spawn_app().await;
    let police = app.login("agent.a").await;
    let old = case_with_measures(&app, &police, Duration::hours(5), 1).await;
    let new = case_with_measures(&app, &police, Duration::minutes(5), 3).await;
    let lead = app.login("lead.c").await;
    let at = |d: Duration| (Utc::now() - d).to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let enc = |s: String| s.replace('+', "%2B");

    let recent: Vec<CaseListItem> = app
        .get_json(&lead, &format!("/api/v1/cases?from={}", enc(at(Duration::hours(1)))))
        .await;
    assert_eq!(recent.iter().map(|c| c.case_id).collect::<Vec<_>>(), vec![new]);
    let older: Vec<CaseListItem> = app
        .get_json(&lead, &format!("/api/v1/cases?to={}", enc(at(Duration::hours(1)))))
        .await;
    assert_eq!(older.iter().map(|c| c.case_id).collect::<Vec<_>>(), vec![old]);

    // The board by the moment a measure asks someone to act.
    let all: Vec<BoardItem> = app.get_json(&lead, "/api/v1/board").await;
    let from = Utc::now() - Duration::hours(1);
    let to = Utc::now() + Duration::hours(12);
    let windowed: Vec<BoardItem> = app
        .get_json(
            &lead,
            &format!(
                "/api/v1/board?from={}&to={}",
                enc(from.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
                enc(to.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
            ),
        )
        .await;
    let expected: Vec<BoardItem> = all
        .into_iter()
        .filter(|i| i.next.is_some_and(|d| d.due >= from && d.due < to))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(windowed, expected);
}

/// Regression guard for the writer's fold cache: an event pushed late that
/// orders before what the cache folded (an offline phone's entry) is
/// folded in its place, not after.
#[tokio::test]
async fn an_event_pushed_late_that_orders_earlier_is_folded_in_its_place() {
    let app = spawn_app().await;
    let police = app.login("agent.a").await;
    let case_id = CaseId::generate();
    let opening = opened("agent.a", case_id, REGION);
    // Written offline right after the opening, pushed after everything else.
    let early = measure("agent.a", case_id, MeasureKind::Opvang, |_| {});
    let now = Utc::now();
    let later = measure("agent.a", case_id, MeasureKind::Veiligheidsafspraken, |m| {
        m.reassess_at = Some(now + Duration::hours(3))
    });
    assert_all_applied(&app.push(&police, vec![opening]).await);
    assert_all_applied(&app.push(&police, vec![later]).await);
    assert_all_applied(&app.push(&police, vec![early]).await);
    let lead = app.login("lead.c").await;
    let list: Vec<CaseListItem> = app.get_json(&lead, "/api/v1/cases").await;
    let board: Vec<BoardItem> = app.get_json(&lead, "/api/v1/board").await;
    let now = Utc::now();
    let p = fresh_fold(&app.db, case_id, now).await;
    assert_eq!(p.event_count, 3);
    assert_eq!(list[0].event_count, p.event_count);
    assert_eq!(list[0].due_this_shift, p.due_this_shift);
    assert_eq!(board, p.board_at(now));
    assert_eq!(board.len(), 2);
}

/// The chips count every case of the window while the list comes a page
/// at a time (issue 18 §2): `GET /api/v1/cases/counts` equals core's
/// counts over the whole unpaged list, for both the stored rows (police
/// lead) and the folding path, reads no case (no audit entry), and is for
/// shift leads only.
#[tokio::test]
async fn the_chip_counts_cover_every_listed_case_and_audit_no_read() {
    use samenop_core::shift::ListFilter;
    use samenop_core::wire::ListCounts;
    let app = spawn_app().await;
    let ids = region_with_cases(&app, 6).await;
    app.add_account(&account("lead.g", Organisation::Police, Role::ShiftLead, REGION))
        .await;
    let lead = app.login("lead.g").await;
    let counts: ListCounts = app.get_json(&lead, "/api/v1/cases/counts").await;
    for id in &ids {
        assert!(app.audit_of(*id).await.is_empty(), "counting reads no case: {id}");
    }
    let whole: Vec<CaseListItem> = app.get_json(&lead, "/api/v1/cases").await;
    assert_eq!(counts.listed, whole.len());
    assert_eq!(counts.listed, ids.len());
    let expected = ListFilter::counts(whole.iter().map(|c| (c.status, &c.flags)));
    assert_eq!(counts.chips, expected);
    // Every case was never visited by lead.g, so "changed" counts them all.
    let changed = counts
        .chips
        .iter()
        .find(|(c, _)| *c == samenop_core::shift::ListChip::ChangedSinceVisit)
        .map(|(_, n)| *n);
    assert_eq!(changed, Some(ids.len()));
    // A window before every report counts nothing.
    let empty: ListCounts = app
        .get_json(&lead, "/api/v1/cases/counts?to=2020-01-01T00:00:00Z")
        .await;
    assert_eq!(
        (empty.listed, empty.chips.iter().map(|(_, n)| n).sum::<usize>()),
        (0, 0)
    );
    app.get_error(&lead, "/api/v1/cases/counts?limit=2", StatusCode::BAD_REQUEST)
        .await;
    let officer = app.login("agent.a").await;
    app.get_error(&officer, "/api/v1/cases/counts", StatusCode::FORBIDDEN)
        .await;
}
