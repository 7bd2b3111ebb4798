//! The shift lead's list and board come from stored read models (issue
//! 18 §1): they equal a fresh fold of the same events, page without losing
//! or repeating a case, filter by a time window, and are rebuilt the same
//! by a reindex and on the first start of an older database. All people
//! and cases here are invented.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use reqwest::StatusCode;
use samenop_core::board::BoardItem;
use samenop_core::evaluation::WeekFigures;
use samenop_core::event::{EventKind, ReportSource};
use samenop_core::measures::MeasureKind;
use samenop_core::read_model::CaseProjection;
use samenop_core::wire::CaseListItem;
use samenop_core::{CaseId, CaseState, Event, Organisation, Role};
use samenop_server::config::Config;
use samenop_server::startup::Application;
use samenop_server::storage::{self, Db};

use crate::board::measure;
use crate::helpers::*;

/// Runs one statement without binds on either pool.
async fn exec(db: &Db, sql: &str) {
    run_sql!(db, sql).unwrap();
}

async fn count(db: &Db, table: &str) -> i64 {
    scalar(db, &format!("SELECT COUNT(*) FROM {table}")).await
}

/// The one integer `sql` answers, on either pool.
async fn scalar(db: &Db, sql: &str) -> i64 {
    scalar_sql!(db, sql).unwrap()
}

/// Cases whose row disagrees with their stored events: the count
/// admission's event cap reads, or the last receipt the lead window and
/// retention read (migrations 0008, 0009).
async fn rows_off_their_events(db: &Db) -> i64 {
    scalar(
        db,
        "SELECT COUNT(*) FROM cases c WHERE \
         c.event_count <> (SELECT COUNT(*) FROM events e WHERE e.case_id = c.case_id) \
         OR c.last_received_ms <> (SELECT MAX(e.received_at_ms) FROM events e WHERE e.case_id = c.case_id)",
    )
    .await
}

/// A case opened by agent.a, reported `ago` before now, with measures
/// that put deadlines on the board (some overdue, some this shift).
async fn case_with_measures(app: &TestApp, token: &str, ago: Duration, n: usize) -> CaseId {
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
async fn region_with_cases(app: &TestApp, n: usize) -> Vec<CaseId> {
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
async fn fresh_fold(db: &Db, case_id: CaseId, now: DateTime<Utc>) -> CaseProjection {
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

type Stored = (Vec<CaseListItem>, Vec<BoardItem>, Vec<WeekFigures>, i64, i64);

/// The rows as stored, without the moment they were computed.
async fn stored_rows(app: &TestApp, lead: &str) -> Stored {
    (
        app.get_json(lead, "/api/v1/cases").await,
        app.get_json(lead, "/api/v1/board").await,
        app.get_json(lead, "/api/v1/figures").await,
        count(&app.db, "case_rows").await,
        count(&app.db, "board_rows").await,
    )
}

#[tokio::test]
async fn reindex_and_the_first_start_of_an_older_database_reproduce_the_rows() {
    let app = spawn_app().await;
    region_with_cases(&app, 5).await;
    let lead = app.login("lead.c").await;
    let before = stored_rows(&app, &lead).await;
    assert_eq!(before.3, 10, "one row per case and stored organisation");
    assert_eq!(before.2.iter().map(|w| w.joint_responses).sum::<usize>(), 5);

    // Reindex (what `samenop-server reindex` runs) over emptied tables.
    exec(&app.db, "DELETE FROM case_rows").await;
    exec(&app.db, "DELETE FROM board_rows").await;
    let (writer, task) = storage::writer::Writer::spawn(app.db.clone(), storage::changes::Changes::new());
    let n = storage::read_models::reindex(&app.db, &writer).await.unwrap();
    drop(writer);
    task.await.unwrap();
    assert_eq!(n, 5);
    assert_eq!(stored_rows(&app, &lead).await, before);

    // A database from before the read models: filled on start.
    exec(&app.db, "DELETE FROM case_rows").await;
    exec(&app.db, "DELETE FROM board_rows").await;
    let database = app.database.clone().unwrap();
    if matches!(database, samenop_server::config::DatabaseConfig::Postgres { .. }) {
        let mut config = Config::new("127.0.0.1:0".parse().unwrap(), database);
        config.require_second_factor = false;
        let second = Application::build(config).await.expect("build app");
        assert_eq!(count(&second.db(), "case_rows").await, before.3);
    } else {
        // A second server on one SQLite file is refused (issue 18 §5):
        // what `Application::build` runs on start, run here.
        assert!(storage::read_models::needs_backfill(&app.db).await.unwrap());
        let (writer, task) = storage::writer::Writer::spawn(app.db.clone(), storage::changes::Changes::new());
        storage::read_models::backfill(&app.db, &writer).await.unwrap();
        drop(writer);
        task.await.unwrap();
        assert_eq!(count(&app.db, "case_rows").await, before.3);
    }
    assert_eq!(stored_rows(&app, &lead).await, before);

    // A database from before migration 0007: rows without figures are
    // filled on start too.
    exec(&app.db, "UPDATE case_rows SET figures = NULL").await;
    assert!(storage::read_models::needs_backfill(&app.db).await.unwrap());
    let (writer, task) = storage::writer::Writer::spawn(app.db.clone(), storage::changes::Changes::new());
    storage::read_models::backfill(&app.db, &writer).await.unwrap();
    drop(writer);
    task.await.unwrap();
    assert!(!storage::read_models::needs_backfill(&app.db).await.unwrap());
    assert_eq!(stored_rows(&app, &lead).await, before);
}

#[tokio::test]
async fn a_row_past_its_valid_until_is_recomputed_before_it_is_listed() {
    let app = spawn_app().await;
    let ids = region_with_cases(&app, 2).await;
    let lead = app.login("lead.c").await;
    let before: Vec<CaseListItem> = app.get_json(&lead, "/api/v1/cases").await;
    // A stored projection that no longer holds (as a deadline passing makes it).
    exec(
        &app.db,
        &format!(
            "UPDATE case_rows SET valid_until_ms = 1, projection = REPLACE(projection, '\"event_count\":', '\"event_count\":9') \
             WHERE case_id = '{}'",
            ids[0]
        ),
    )
    .await;
    let after: Vec<CaseListItem> = app.get_json(&lead, "/api/v1/cases").await;
    assert_eq!(after, before);
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

/// A push only marks its cases as lagging (issue 18 §4: refolding every
/// touched case at every push was most of an ingest); the writer, once it
/// has nothing to do, brings their rows up to date without any reader.
#[tokio::test]
async fn pushed_cases_are_marked_lagging_and_the_idle_writer_brings_them_up_to_date() {
    let app = spawn_app().await;
    let police = app.login("agent.a").await;
    let case_id = case_with_measures(&app, &police, Duration::minutes(5), 2).await;
    let mut waited = 0;
    while count(&app.db, "read_model_dirty").await > 0 {
        assert!(waited < 100, "the idle writer never caught up");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        waited += 1;
    }
    assert_eq!(count(&app.db, "case_rows").await, 2, "one row per stored organisation");
    let lead = app.login("lead.c").await;
    let list: Vec<CaseListItem> = app.get_json(&lead, "/api/v1/cases").await;
    let p = fresh_fold(&app.db, case_id, Utc::now()).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].event_count, p.event_count);

    // A push and at once a read: the read brings the lagging case up to
    // date itself, so the list never misses the newest event.
    let more = vec![measure("agent.a", case_id, MeasureKind::Opvang, |_| {})];
    assert_all_applied(&app.push(&police, more).await);
    let list: Vec<CaseListItem> = app.get_json(&lead, "/api/v1/cases").await;
    assert_eq!(list[0].event_count, p.event_count + 1);
}

/// Admission reads a stored case's event count and opening stamp from its
/// row (issue 18 §4): the writer keeps them as it stores events, and
/// migration 0008 fills them for an older database from the events; both
/// equal the stored events themselves.
#[tokio::test]
async fn the_case_row_holds_the_event_count_and_opening_stamp_admission_checks() {
    let app = spawn_app().await;
    let police = app.login("agent.a").await;
    let plain = app.case_by_agent(&police).await;
    let busy = case_with_measures(&app, &police, Duration::minutes(30), 3).await;
    let keys = vec![plain.to_string(), busy.to_string()];
    let expect = |id: CaseId| {
        let db = app.db.clone();
        async move {
            let events = storage::case_events(&db, &id).await.unwrap();
            let opening: Event = serde_json::from_slice(&events[0]).unwrap();
            (events.len() as i64, opening.stamp)
        }
    };
    let check = || async {
        assert_eq!(rows_off_their_events(&app.db).await, 0);
        let facts = storage::cases_facts(&app.db, &keys, REGION, "agent.a").await.unwrap();
        for id in [plain, busy] {
            let f = &facts[&id.to_string()];
            assert_eq!((f.event_count, f.opened), expect(id).await, "{id}");
            assert!(f.seen_seq.is_some(), "agent.a wrote in it, so takes part: {id}");
        }
    };
    check().await;
    assert!(
        storage::cases_facts(&app.db, &keys, "Elders", "agent.a")
            .await
            .unwrap()
            .is_empty()
    );
    let outsider = storage::cases_facts(&app.db, &keys, REGION, "vt.b").await.unwrap();
    assert!(
        outsider.values().all(|f| f.seen_seq.is_none()),
        "vt.b takes part in neither"
    );
    // As before migration 0008, then its backfill (the statements after
    // the columns are added).
    exec(
        &app.db,
        "UPDATE cases SET event_count = 0, opened_wall_ms = 0, opened_counter = 0",
    )
    .await;
    let migration = match &app.db {
        Db::Sqlite(_) => include_str!("../../migrations/sqlite/0008_case_admission_facts.sql"),
        Db::Postgres(_) => include_str!("../../migrations/postgres/0008_case_admission_facts.sql"),
    };
    let backfill = &migration[migration.find("UPDATE cases").expect("the backfill")..];
    exec(&app.db, backfill).await;
    check().await;
    // Migration 0009's backfill of the last receipt, likewise.
    exec(&app.db, "UPDATE cases SET last_received_ms = 0").await;
    let migration = match &app.db {
        Db::Sqlite(_) => include_str!("../../migrations/sqlite/0009_case_last_received.sql"),
        Db::Postgres(_) => include_str!("../../migrations/postgres/0009_case_last_received.sql"),
    };
    let start = migration.find("UPDATE cases").expect("the backfill");
    let end = migration.find("DROP INDEX").expect("after the backfill");
    exec(&app.db, &migration[start..end]).await;
    check().await;
}

/// A case opened by a push is written with the count of that push's
/// events in it, so its row needs no update; when one of them turns out
/// stored before (here an id already taken, with other content: a
/// conflict), the count is corrected in the same commit. Regression guard
/// for `commit::event_counts`.
#[tokio::test]
async fn a_new_case_counts_only_the_events_stored_in_it() {
    let app = spawn_app().await;
    let police = app.login("agent.a").await;
    let first = CaseId::generate();
    let taken = nature("agent.a", first, samenop_core::event::CaseNature::PartnerViolence);
    assert_all_applied(
        &app.push(&police, vec![opened("agent.a", first, REGION), taken.clone()])
            .await,
    );
    let second = CaseId::generate();
    let mut clash = nature("agent.a", second, samenop_core::event::CaseNature::ChildAbuse);
    clash.id = taken.id;
    let resp = app
        .push(
            &police,
            vec![
                opened("agent.a", second, REGION),
                clash,
                nature("agent.a", second, samenop_core::event::CaseNature::PartnerViolence),
            ],
        )
        .await;
    let codes: Vec<_> = outcomes(&resp).iter().map(reject_code).collect();
    assert_eq!(
        codes,
        vec![None, Some(samenop_core::wire::RejectCode::ConflictingContent), None]
    );
    let facts = storage::cases_facts(&app.db, &[second.to_string()], REGION, "agent.a")
        .await
        .unwrap();
    assert_eq!(facts[&second.to_string()].event_count, 2);
    assert_eq!(rows_off_their_events(&app.db).await, 0);
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

/// The SQLite writer stores rows on its transaction's own connection
/// (`writer::raw`): a group that fails after them (here: marking the read
/// models, made to fail by a trigger) stores nothing at all, no case, no
/// event, no count; the same push after the fault is applied, not
/// mistaken for a retry of something stored.
#[tokio::test]
async fn a_group_that_fails_after_its_inserts_stores_nothing() {
    let app = spawn_app().await;
    let police = app.login("agent.a").await;
    let case_id = CaseId::generate();
    let events = vec![
        opened("agent.a", case_id, REGION),
        nature("agent.a", case_id, samenop_core::event::CaseNature::PartnerViolence),
    ];
    let key = case_id.to_string();
    match &app.db {
        Db::Sqlite(_) => {
            exec(
                &app.db,
                &format!(
                    "CREATE TRIGGER fail_marks BEFORE INSERT ON read_model_dirty WHEN NEW.case_id = '{key}' \
                     BEGIN SELECT RAISE(ABORT, 'fault injected'); END"
                ),
            )
            .await
        }
        Db::Postgres(_) => {
            exec(
                &app.db,
                &format!(
                    "CREATE FUNCTION fail_marks() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
                     IF NEW.case_id = '{key}' THEN RAISE EXCEPTION 'fault injected'; END IF; RETURN NEW; END $$"
                ),
            )
            .await;
            exec(
                &app.db,
                "CREATE TRIGGER fail_marks BEFORE INSERT ON read_model_dirty FOR EACH ROW EXECUTE FUNCTION fail_marks()",
            )
            .await
        }
    }
    let failed = app.push_raw(&police, events.clone()).await;
    assert!(failed.status().is_server_error(), "{}", failed.status());
    assert!(storage::case_events(&app.db, &case_id).await.unwrap().is_empty());
    assert!(
        storage::cases_facts(&app.db, std::slice::from_ref(&key), REGION, "agent.a")
            .await
            .unwrap()
            .is_empty()
    );
    let drop = match &app.db {
        Db::Sqlite(_) => "DROP TRIGGER fail_marks",
        Db::Postgres(_) => "DROP TRIGGER fail_marks ON read_model_dirty",
    };
    exec(&app.db, drop).await;
    assert_all_applied(&app.push(&police, events).await);
    let facts = storage::cases_facts(&app.db, std::slice::from_ref(&key), REGION, "agent.a")
        .await
        .unwrap();
    assert_eq!(facts[&key].event_count, 2);
}
