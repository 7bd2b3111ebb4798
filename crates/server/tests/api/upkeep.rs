//! Keeping the stored rows up to date (issue 18 §1, §4): a push marks its
//! cases as lagging and the idle writer recomputes them; a row past its
//! valid-until is recomputed before it is read; a reindex and the first
//! start of an older database rebuild the same rows; a case's row holds the
//! event count and opening stamp admission reads; a group that fails
//! stores nothing. All people and cases here are invented.

use chrono::{Duration, Utc};
use samenop_core::board::BoardItem;
use samenop_core::evaluation::WeekFigures;
use samenop_core::measures::MeasureKind;
use samenop_core::wire::CaseListItem;
use samenop_core::{CaseId, Event};
use samenop_server::config::Config;
use samenop_server::startup::Application;
use samenop_server::storage::{self, Db};

use crate::board::measure;
use crate::helpers::*;
use crate::read_models::{case_with_measures, count, exec, fresh_fold, region_with_cases, scalar};

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

/// What `Application::build` runs on start: the backfill, through a writer
/// of its own.
async fn backfill_on_start(app: &TestApp) {
    let (writer, task) = storage::writer::Writer::spawn(app.db.clone(), storage::changes::Changes::new());
    storage::read_models::backfill(&app.db, &writer).await.unwrap();
    drop(writer);
    task.await.unwrap();
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
        backfill_on_start(&app).await;
        assert_eq!(count(&app.db, "case_rows").await, before.3);
    }
    assert_eq!(stored_rows(&app, &lead).await, before);

    // A database from before migration 0007: rows without figures are
    // filled on start too.
    exec(&app.db, "UPDATE case_rows SET figures = NULL").await;
    assert!(storage::read_models::needs_backfill(&app.db).await.unwrap());
    backfill_on_start(&app).await;
    assert!(!storage::read_models::needs_backfill(&app.db).await.unwrap());
    assert_eq!(stored_rows(&app, &lead).await, before);
}

/// Rows computed under older rules (stop 36 changed what "niet acuut"
/// needs) are recomputed at the first start of a server with newer ones,
/// so no lead's list keeps the old status; the same start twice does not
/// recompute again.
#[tokio::test]
async fn rows_computed_under_older_rules_are_recomputed_on_start() {
    let app = spawn_app().await;
    region_with_cases(&app, 3).await;
    let lead = app.login("lead.c").await;
    let before = stored_rows(&app, &lead).await;
    assert!(!storage::read_models::needs_backfill(&app.db).await.unwrap());
    // What an older server stored: another status, under rules version 0.
    exec(&app.db, "UPDATE case_rows SET status = 'not_acute'").await;
    exec(&app.db, "UPDATE read_model_rules SET version = 0").await;
    assert!(storage::read_models::needs_backfill(&app.db).await.unwrap());
    backfill_on_start(&app).await;
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
