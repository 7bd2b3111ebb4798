//! Dates typed on scene (issue 17 §1): given a case, when a person records
//! a date the protocol cannot hold, then core refuses it with words for
//! the field it belongs to.

mod common;

use chrono::Duration;
use common::{Scene, measure_id, officer, police_agree, t};
use samenop_core::measures::{
    MeasureChange, MeasureError, MeasureKind, MeasureOwner, Reassessment, ReassessmentOutcome,
};
use samenop_core::{Assignment, Command, Lang, Organisation, Refusal};

fn until(id: samenop_core::measures::MeasureId, at: chrono::DateTime<chrono::Utc>) -> Command {
    Command::Set(Assignment::Measure {
        measure_id: id,
        change: MeasureChange::Until { at: Some(at) },
    })
}

fn scene_with_huisverbod(start: Option<chrono::DateTime<chrono::Utc>>) -> Scene {
    let mut s = Scene::opened();
    s.police_does(
        5,
        police_agree(measure_id(0xd1), MeasureKind::TijdelijkHuisverbod, start),
    );
    s
}

/// The date of a "recent (tot 2 weken geleden) verbroken relatie" (Bijlage II,
/// 002 l.1074) cannot lie in the future.
#[test]
fn a_breakup_date_in_the_future_is_refused_with_its_field() {
    let s = Scene::opened();
    let tomorrow = (t(10) + Duration::days(2)).date_naive();
    let refused = s.state().decide(
        Command::Set(Assignment::RelationshipEndedOn { date: Some(tomorrow) }),
        &officer(),
        t(10),
    );
    let refusal = refused.expect_err("a future breakup date is refused");
    assert!(matches!(refusal, Refusal::DateInFuture { .. }));
    assert!(
        refusal.text(Lang::Nl).contains("toekomst"),
        "{}",
        refusal.text(Lang::Nl)
    );
}

/// "in beginsel tien dagen" (002 l.559–560): with no start recorded, a
/// huisverbod's end lies at most ten days after the moment it is recorded.
#[test]
fn a_huisverbod_until_2099_without_a_start_is_refused() {
    let s = scene_with_huisverbod(None);
    let far = chrono::DateTime::parse_from_rfc3339("2099-01-01T12:00:00Z")
        .unwrap()
        .to_utc();
    let refusal = s
        .state()
        .decide(until(measure_id(0xd1), far), &officer(), t(10))
        .unwrap_err();
    assert_eq!(refusal, Refusal::Measure(MeasureError::HuisverbodBeyondTenDays));
    assert!(refusal.text(Lang::Nl).contains("tien dagen"));
}

/// The same rule with a start: ten days from the start (002 l.559–560).
#[test]
fn a_huisverbod_until_past_ten_days_from_its_start_is_refused() {
    let s = scene_with_huisverbod(Some(t(2)));
    let refusal = s
        .state()
        .decide(until(measure_id(0xd1), t(2) + Duration::days(11)), &officer(), t(10))
        .unwrap_err();
    assert_eq!(refusal, Refusal::Measure(MeasureError::HuisverbodBeyondTenDays));
    // Ten days is fine.
    assert!(
        s.state()
            .decide(until(measure_id(0xd1), t(2) + Duration::days(10)), &officer(), t(10))
            .is_ok()
    );
}

/// A measure agreed in this case cannot end before the case was opened ("tot 2020").
#[test]
fn a_measure_until_before_the_case_is_refused() {
    let s = scene_with_huisverbod(None);
    let old = chrono::DateTime::parse_from_rfc3339("2020-01-01T12:00:00Z")
        .unwrap()
        .to_utc();
    let refusal = s
        .state()
        .decide(until(measure_id(0xd1), old), &officer(), t(10))
        .unwrap_err();
    assert_eq!(refusal, Refusal::Measure(MeasureError::EndsBeforeCase));
    assert!(refusal.text(Lang::Nl).contains("vóór het begin van deze casus"));
    assert!(refusal.text(Lang::En).contains("before this case"));
}

/// "Tot" not before the start of the measure.
#[test]
fn a_measure_until_before_its_start_is_refused() {
    let s = scene_with_huisverbod(Some(t(4)));
    let refusal = s
        .state()
        .decide(until(measure_id(0xd1), t(3)), &officer(), t(10))
        .unwrap_err();
    assert_eq!(refusal, Refusal::Measure(MeasureError::EndsBeforeStart));
    assert!(refusal.text(Lang::Nl).contains("Tot"));
}

/// The police record a re-assessment of the huisverbod at `minute`.
fn reassess(s: &mut Scene, minute: i64, outcome: ReassessmentOutcome) {
    let reassessment = Reassessment {
        at: t(minute),
        by: MeasureOwner {
            organisation: Organisation::Police,
            person: "A. Voorbeeld".into(),
        },
        outcome,
    };
    s.police_does(
        minute,
        Command::Set(Assignment::Measure {
            measure_id: measure_id(0xd1),
            change: MeasureChange::Reassessed {
                reassessment: Some(reassessment),
            },
        }),
    );
}

/// An extension decided at a re-assessment allows a later end (002 l.559–560).
#[test]
fn an_extended_huisverbod_may_end_later() {
    let mut s = scene_with_huisverbod(None);
    reassess(&mut s, 8, ReassessmentOutcome::Extend);
    assert!(
        s.state()
            .decide(until(measure_id(0xd1), t(10) + Duration::days(20)), &officer(), t(10))
            .is_ok()
    );
}

/// Regression (protocol review, stop 36): only the last re-assessment was
/// read for the extension, so after an extension to day 20 the next one
/// ("voortzetten") was refused as "langer dan 10 dagen", and the end could
/// no longer be moved. An extension stays decided (002 l.559–560).
#[test]
fn a_reassessment_after_the_extension_is_accepted_and_the_end_may_still_move() {
    let mut s = scene_with_huisverbod(None);
    reassess(&mut s, 8, ReassessmentOutcome::Extend);
    s.police_does(10, until(measure_id(0xd1), t(10) + Duration::days(20)));
    // Each is decided by core (`police_does` fails the test on a refusal).
    reassess(&mut s, 12, ReassessmentOutcome::Continue);
    reassess(&mut s, 14, ReassessmentOutcome::Adjust);
    assert_eq!(
        s.state()
            .decide(until(measure_id(0xd1), t(16) + Duration::days(18)), &officer(), t(16))
            .map(|_| ()),
        Ok(()),
        "the extended end may still be moved"
    );
}

/// "kan binnenkomen bij de politie of Veilig Thuis" (004 l.21): a VT worker's
/// new case starts from a melding bij Veilig Thuis.
#[test]
fn a_vt_worker_starts_from_a_melding_bij_veilig_thuis() {
    use samenop_core::event::ReportSource;
    assert_eq!(
        ReportSource::default_for(Organisation::VeiligThuis),
        ReportSource::VeiligThuisReport
    );
    assert_eq!(
        ReportSource::default_for(Organisation::Police),
        ReportSource::PoliceReport
    );
}

/// Regression (protocol review): A6's "recent (tot 2 weken geleden)
/// verbroken relatie" (002 l.1074) was counted from the moment the case was
/// looked at, so a case acute on A6 alone turned "niet acuut" on day 15
/// without anyone changing an answer. It is counted from when the breakup
/// was answered; answering again (a re-assessment) moves that moment.
#[test]
fn the_two_weeks_of_a_recent_breakup_count_from_when_it_was_answered() {
    use samenop_core::Answer;
    use samenop_core::triage::{Criterion, TriageStatus};
    let mut s = Scene::opened();
    let ten_days_before = (t(2) - Duration::days(10)).date_naive();
    s.police_does(
        1,
        Command::Set(Assignment::Criterion {
            criterion: Criterion::IntimateTerrorRecentBreakup,
            answer: Answer::Yes,
        }),
    );
    s.police_does(
        2,
        Command::Set(Assignment::RelationshipEndedOn {
            date: Some(ten_days_before),
        }),
    );
    s.police_does(3, Command::Set(Assignment::SuspectHasAccess { answer: Answer::Yes }));
    s.police_does(4, Command::Set(Assignment::ThirdPartyOversight { answer: Answer::No }));
    let twenty_days_on = t(4) + Duration::days(20);
    let later = s.state().triage(twenty_days_on);
    assert_eq!(later.status, TriageStatus::Acute, "{later:?}");
    assert_eq!(later.breakup_days_ago, Some(10));
    // A re-assessment answers A6 again twenty days on: now 30 days ago.
    let minutes = (twenty_days_on - t(0)).num_minutes();
    s.police_does(
        minutes,
        Command::Set(Assignment::Criterion {
            criterion: Criterion::IntimateTerrorRecentBreakup,
            answer: Answer::Yes,
        }),
    );
    let again = s.state().triage(twenty_days_on + Duration::minutes(1));
    assert_eq!(again.breakup_days_ago, Some(30));
    assert_ne!(again.status, TriageStatus::Acute);
}
