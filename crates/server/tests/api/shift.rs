//! Issue 17 §7: the lead's list answers "what needs me this shift?": what
//! is due within the shift, children without kindcheck, and whether events
//! arrived since the lead's last visit. All people and cases are invented.

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use samenop_core::answer::Answer;
use samenop_core::event::CaseNature;
use samenop_core::measures::{DeadlineKind, MeasureKind};
use samenop_core::wire::CaseListItem;
use samenop_core::{Assignment, CaseId};

use crate::board::measure;
use crate::helpers::*;

fn row(list: &[CaseListItem], id: CaseId) -> &CaseListItem {
    list.iter().find(|c| c.case_id == id).expect("case listed")
}

#[tokio::test]
async fn the_list_carries_the_shift_flags_and_changed_since_visit_flips_after_a_colleagues_event() {
    let app = spawn_app().await;
    let police = app.login("agent.a").await;
    // A: an arrest two hours ago (the OvJ decides within 9 hours, 002
    // l.452: due in 7 hours, within the 8-hour shift), children present,
    // no kindcheck (004 l.199).
    let a = app.case_by_agent(&police).await;
    let arrest = measure("agent.a", a, MeasureKind::Aanhouding, |m| {
        m.started_at = Some(Utc::now() - Duration::hours(2))
    });
    let children = assigned("agent.a", a, Assignment::ChildrenPresent { answer: Answer::Yes });
    assert_all_applied(&app.push(&police, vec![arrest, children]).await);
    // B: no children, nothing due.
    let b = app.case_by_agent(&police).await;
    let none = assigned("agent.a", b, Assignment::ChildrenPresent { answer: Answer::No });
    assert_all_applied(&app.push(&police, vec![none]).await);

    let lead = app.login("lead.c").await;
    let list: Vec<CaseListItem> = app.get_json(&lead, "/api/v1/cases").await;
    let (ra, rb) = (row(&list, a), row(&list, b));
    assert_eq!(ra.flags.due_this_shift, 2, "{:?}", ra.due_this_shift);
    assert_eq!(ra.due_this_shift[0].measure, MeasureKind::Aanhouding);
    assert!(
        ra.due_this_shift
            .iter()
            .any(|d| d.deadline.kind == DeadlineKind::OvjDecision)
    );
    assert!(ra.flags.children_without_kindcheck);
    assert_eq!(rb.flags.due_this_shift, 0);
    assert!(!rb.flags.children_without_kindcheck);
    // Never visited: everything is new to this lead.
    assert!(ra.flags.changed_since_visit && rb.flags.changed_since_visit);
    assert_eq!(ra.last_visit, None);

    // The same chips as the app's, as a query.
    let due: Vec<CaseListItem> = app.get_json(&lead, "/api/v1/cases?filter=due_this_shift,open").await;
    assert_eq!(due.iter().map(|c| c.case_id).collect::<Vec<_>>(), vec![a]);
    let kids: Vec<CaseListItem> = app
        .get_json(&lead, "/api/v1/cases?filter=children_without_kindcheck")
        .await;
    assert_eq!(kids.len(), 1);
    app.get_error(&lead, "/api/v1/cases?filter=nonsense", StatusCode::BAD_REQUEST)
        .await;

    // Opening the case is a visit; listing is not.
    app.lead_opens(&lead, a).await;
    let list: Vec<CaseListItem> = app.get_json(&lead, "/api/v1/cases").await;
    assert!(!row(&list, a).flags.changed_since_visit);
    assert!(row(&list, a).last_visit.is_some());
    assert!(row(&list, b).flags.changed_since_visit, "B was only listed");

    // A colleague records something: changed since the lead's visit.
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let more = nature("agent.a", a, CaseNature::ChildAbuse);
    assert_all_applied(&app.push(&police, vec![more]).await);
    let list: Vec<CaseListItem> = app.get_json(&lead, "/api/v1/cases").await;
    assert!(row(&list, a).flags.changed_since_visit);
    let changed: Vec<CaseListItem> = app.get_json(&lead, "/api/v1/cases?filter=changed_since_visit").await;
    assert!(changed.iter().any(|c| c.case_id == a));
    // Listing again changes nothing; reading the summary is a visit.
    let list: Vec<CaseListItem> = app.get_json(&lead, "/api/v1/cases").await;
    assert!(row(&list, a).flags.changed_since_visit);
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let resp = app.get(&lead, &format!("/api/v1/cases/{a}/summary")).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let list: Vec<CaseListItem> = app.get_json(&lead, "/api/v1/cases").await;
    assert!(!row(&list, a).flags.changed_since_visit);
    // Every listing stays audited.
    assert!(
        app.audit_of(a)
            .await
            .iter()
            .filter(|(who, what)| who == "lead.c" && what == "case_list")
            .count()
            >= 4
    );
}

/// The lead's app lists again when a row may read differently with no new
/// event (issue 18 §3: it no longer asks after every quiet pull): each row
/// says when (`valid_until`, core's `CaseProjection::valid_until`), and the
/// counts say the earliest over every counted case.
#[tokio::test]
async fn each_row_and_the_counts_say_when_they_change_with_time() {
    let app = spawn_app().await;
    let police = app.login("agent.a").await;
    let a = app.case_by_agent(&police).await;
    let started = Utc::now() - Duration::hours(2);
    let arrest = measure("agent.a", a, MeasureKind::Aanhouding, |m| m.started_at = Some(started));
    assert_all_applied(&app.push(&police, vec![arrest]).await);
    let b = app.case_by_agent(&police).await;

    let lead = app.login("lead.c").await;
    let list: Vec<CaseListItem> = app.get_json(&lead, "/api/v1/cases").await;
    let now = Utc::now();
    let until_a = row(&list, a).valid_until.expect("A's OvJ decision lies ahead");
    let ovj = row(&list, a)
        .due_this_shift
        .iter()
        .find(|d| d.deadline.kind == DeadlineKind::OvjDecision)
        .expect("due this shift")
        .deadline
        .due;
    assert!(
        until_a > now && until_a <= ovj + Duration::seconds(1),
        "{until_a} vs {ovj}"
    );
    // B has no deadline; its acute phase still ends some day.
    assert!(row(&list, b).valid_until.is_some_and(|t| t > now));
    // C was reported three days ago (its acute phase is over) and has no
    // deadline: only leaving the lead window changes its row, 14 days
    // after its last event (`--lead-window-days`).
    let c = CaseId::generate();
    let mut opening = opened("agent.a", c, REGION);
    if let samenop_core::EventKind::CaseOpened { reported_at, .. } = &mut opening.kind {
        *reported_at = Utc::now() - Duration::days(3);
    }
    assert_all_applied(&app.push(&police, vec![opening]).await);
    let list: Vec<CaseListItem> = app.get_json(&lead, "/api/v1/cases").await;
    let leaves = row(&list, c).valid_until.expect("it leaves the window");
    let window = Duration::days(i64::from(samenop_core::retention::DEFAULT_LEAD_WINDOW_DAYS));
    assert!(
        (leaves - (Utc::now() + window)).num_seconds().abs() < 60,
        "{leaves}: 14 days after its only event"
    );
    let counts: samenop_core::wire::ListCounts = app.get_json(&lead, "/api/v1/cases/counts").await;
    let earliest = list.iter().filter_map(|c| c.valid_until).min();
    assert_eq!(
        counts.valid_until, earliest,
        "the counts change when their first row does"
    );
}
