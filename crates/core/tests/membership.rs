//! Who may take part in a case, and whose answer holds (issue 13): given a
//! case, when someone joins or downgrades another organisation's safety
//! answer, then core answers as the protocol asks.

mod common;

use chrono::Duration;
use common::{Scene, officer, t, vt_worker};
use samenop_core::membership::{JoinNeed, JoinPolicy, LateJoinCause};
use samenop_core::summary::TimelineKind;
use samenop_core::text::JoinReason;
use samenop_core::triage::Criterion;
use samenop_core::{
    Actor, Answer, Assignment, CaseStatus, Command, EventKind, FieldKey, Lang, OnSceneSummary, Organisation, Refusal,
    Role,
};

fn opened() -> Scene {
    let mut s = Scene::new();
    s.open(0);
    s
}

fn om_worker() -> Actor {
    Actor {
        user_id: "om.proef".into(),
        display_name: "D. Proef (OM)".into(),
        organisation: Organisation::Om,
        role: Role::Police,
    }
}

fn reason(text: &str) -> Option<JoinReason> {
    Some(JoinReason::parse(text).unwrap())
}

/// Samen op richt zich "grofweg op de eerste 24 uur" (002 l.2470).
#[test]
fn join_within_the_window_needs_no_reason() {
    let s = opened();
    let need = s.state().join_need(&vt_worker(), t(60), JoinPolicy::default());
    assert_eq!(need, Ok(JoinNeed::Open));
    let kind = s
        .state()
        .decide(Command::JoinCase { reason: None }, &vt_worker(), t(60))
        .unwrap();
    assert_eq!(kind, EventKind::CaseJoined { reason: None });
}

#[test]
fn late_join_without_a_reason_is_refused() {
    let s = opened();
    let late = t(0) + Duration::hours(25);
    let refused = s.state().decide(Command::JoinCase { reason: None }, &vt_worker(), late);
    assert_eq!(refused, Err(Refusal::JoinReasonRequired(LateJoinCause::WindowPassed)));
    assert_eq!(
        s.state()
            .check_join(&vt_worker(), Some("  "), late, JoinPolicy::default()),
        Err(Refusal::JoinReasonRequired(LateJoinCause::WindowPassed))
    );
}

#[test]
fn the_join_window_is_the_servers_setting() {
    let s = opened();
    let short = JoinPolicy {
        window: Duration::hours(2),
    };
    assert_eq!(
        s.state().join_need(&vt_worker(), t(180), short),
        Ok(JoinNeed::ReasonRequired(LateJoinCause::WindowPassed))
    );
}

#[test]
fn a_participant_joining_again_needs_no_reason() {
    let s = opened();
    let late = t(0) + Duration::days(3);
    assert_eq!(
        s.state().join_need(&officer(), late, JoinPolicy::default()),
        Ok(JoinNeed::Member)
    );
}

/// Only police and Veilig Thuis go on scene (004 l.27, l.95–96).
#[test]
fn an_organisation_not_on_scene_may_not_join() {
    let s = opened();
    let refused = s.state().decide(Command::JoinCase { reason: None }, &om_worker(), t(5));
    assert_eq!(refused, Err(Refusal::OrganisationNotOnScene));
    let refused = samenop_core::CaseState::default().decide(Command::JoinCase { reason: None }, &om_worker(), t(5));
    assert_eq!(refused, Err(Refusal::OrganisationNotOnScene));
}

#[test]
fn late_join_with_a_reason_is_shown_to_the_participants() {
    let mut s = opened();
    let late = t(0) + Duration::hours(30);
    let kind = s
        .state()
        .decide(
            Command::JoinCase {
                reason: reason("Nieuwe melding op hetzelfde adres"),
            },
            &vt_worker(),
            late,
        )
        .unwrap();
    s.vt_writes(30 * 60, kind);
    let state = s.state();
    let joins = state.late_joins();
    assert_eq!(joins.len(), 1);
    assert_eq!(joins[0].actor.user_id, vt_worker().user_id);
    assert_eq!(joins[0].reason, "Nieuwe melding op hetzelfde adres");
    let summary = OnSceneSummary::build(&state, late);
    let entry = summary
        .timeline
        .iter()
        .find(|e| matches!(e.kind, TimelineKind::LateJoin { .. }))
        .expect("the late join is in the timeline");
    assert_eq!(entry.by.as_deref(), Some("B. Proef (VT)"));
    assert!(entry.kind.text(Lang::Nl).contains("Nieuwe melding op hetzelfde adres"));
}

#[test]
fn an_overlong_join_reason_is_refused_on_admission() {
    let mut s = opened();
    let e = s
        .vt_writes(
            5,
            EventKind::CaseJoined {
                reason: Some("x".repeat(JoinReason::MAX + 1)),
            },
        )
        .clone();
    assert!(matches!(
        s.state().admit(&e),
        Err(Refusal::TooLong {
            field: "join.reason",
            ..
        })
    ));
}

fn firearm(answer: Answer) -> Assignment {
    Assignment::Criterion {
        criterion: Criterion::Firearm,
        answer,
    }
}

fn vt_said_firearm_yes() -> Scene {
    let mut s = opened();
    s.vt_writes(2, EventKind::CaseJoined { reason: None });
    s.vt_sets(3, firearm(Answer::Yes));
    s.vt_sets(4, Assignment::SuspectHasAccess { answer: Answer::Yes });
    s.vt_sets(5, Assignment::ThirdPartyOversight { answer: Answer::No });
    s
}

/// Seen: police superseded VT's "Vuurwapen: ja" and the case went to "niet
/// acuut" with no conflict. VT makes the eerste veiligheidsbeoordeling
/// (004 l.27, l.450): its safety answer holds until VT settles it.
#[test]
fn cross_organisation_downgrade_stays_a_conflict() {
    let mut s = vt_said_firearm_yes();
    assert_eq!(s.state().status(t(6)), CaseStatus::Acute);
    s.police_sets(10, firearm(Answer::No));
    let state = s.state();
    let conflicts = state.conflicts();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].key, FieldKey::Criterion(Criterion::Firearm));
    assert_eq!(conflicts[0].values.len(), 2);
    // While the conflict stands the protective answer counts.
    assert_eq!(state.criterion(Criterion::Firearm), Answer::Yes);
    assert_eq!(state.status(t(11)), CaseStatus::Acute);
}

#[test]
fn a_downgrade_of_oversight_to_yes_by_another_organisation_stays_a_conflict() {
    let mut s = vt_said_firearm_yes();
    s.police_sets(10, Assignment::ThirdPartyOversight { answer: Answer::Yes });
    assert_eq!(s.state().conflicts().len(), 1);
    assert_eq!(s.state().status(t(11)), CaseStatus::Acute);
}

/// Regression (protocol review, stop 36): VT's "kinderen aanwezig: ja",
/// "letsel bij een kind: ja" or "slachtoffer minderjarig: ja" was quietly
/// replaced by the police's "nee", taking away the zorgmelding, the
/// kindcheck, the forensic examination (004 l.278) and youth protection
/// (000 l.632) without anyone seeing a disagreement. As for the criteria,
/// another organisation's "nee" stands beside it as a conflict and the
/// protective "ja" counts until VT settles it.
#[test]
fn a_downgrade_of_an_answer_about_children_by_another_organisation_stays_a_conflict() {
    let answers = [
        Assignment::ChildrenPresent { answer: Answer::Yes },
        Assignment::ChildInjury { answer: Answer::Yes },
        Assignment::VictimIsMinor { answer: Answer::Yes },
    ];
    for yes in answers {
        let no = match &yes {
            Assignment::ChildrenPresent { .. } => Assignment::ChildrenPresent { answer: Answer::No },
            Assignment::ChildInjury { .. } => Assignment::ChildInjury { answer: Answer::No },
            _ => Assignment::VictimIsMinor { answer: Answer::No },
        };
        let mut s = opened();
        s.vt_writes(2, EventKind::CaseJoined { reason: None });
        s.vt_sets(3, yes.clone());
        s.police_sets(10, no.clone());
        let state = s.state();
        assert_eq!(state.conflicts().len(), 1, "{yes:?}");
        assert_eq!(state.conflicts()[0].key, yes.key());
        // VT's own "nee" settles it.
        s.vt_sets(12, no);
        assert!(s.state().conflicts().is_empty(), "{yes:?}");
    }
    let mut s = opened();
    s.vt_writes(2, EventKind::CaseJoined { reason: None });
    s.vt_sets(3, Assignment::ChildrenPresent { answer: Answer::Yes });
    s.police_sets(10, Assignment::ChildrenPresent { answer: Answer::No });
    assert_eq!(
        s.state().children_present(),
        Answer::Yes,
        "the protective answer counts meanwhile"
    );
}

/// Who settles "Vuurwapen" after whom: each story (which organisation
/// writes after VT's "ja", or after its own), the conflicts it leaves and
/// the answer that counts. Downgrading another organisation's answer is a
/// conflict until the first one settles it; an upgrade or one's own
/// downgrade replaces the answer.
#[test]
fn who_settles_a_firearm_answer() {
    enum By {
        Police,
        Vt,
    }
    use Answer::{No, Unknown, Yes};
    use By::{Police, Vt};
    type Story = (&'static str, Scene, &'static [(By, i64, Answer)], usize, Answer);
    // One row a story: its name, where it starts, who writes what when,
    // how many conflicts it leaves and the answer that counts.
    #[rustfmt::skip]
    let stories: [Story; 4] = [
        ("VT settles it",          vt_said_firearm_yes(), &[(Police, 10, No), (Vt, 12, No)],          0, No),
        ("police again keeps it",  vt_said_firearm_yes(), &[(Police, 10, No), (Police, 12, Unknown)], 1, Yes),
        ("own downgrade replaces", opened(),              &[(Police, 3, Yes), (Police, 10, No)],      0, No),
        ("an upgrade replaces",    vt_said_firearm_yes(), &[(Vt, 6, No), (Police, 10, Yes)],          0, Yes),
    ];
    for (story, mut s, writes, conflicts, counts) in stories {
        for (by, minute, answer) in writes {
            match by {
                Police => s.police_sets(*minute, firearm(*answer)),
                Vt => s.vt_sets(*minute, firearm(*answer)),
            };
        }
        let state = s.state();
        assert_eq!(state.conflicts().len(), conflicts, "{story}");
        assert_eq!(state.criterion(Criterion::Firearm), counts, "{story}");
    }
}

/// Regression (protocol review): an account could be made for any
/// organisation and role, so a shift lead "of" the family network or of
/// Slachtofferhulp would read whole case files. Police and VT accounts
/// belong to their own organisation, a shift lead or administrator to one
/// of the two that go on scene (004 l.27, l.442); `samenop-server users
/// add` refuses the rest.
#[test]
fn an_account_belongs_to_an_organisation_that_fits_its_role() {
    use samenop_core::{Organisation, Role, VariantArray};
    assert!(Role::Police.fits(Organisation::Police));
    assert!(!Role::Police.fits(Organisation::VeiligThuis));
    assert!(Role::VeiligThuis.fits(Organisation::VeiligThuis));
    for role in [Role::ShiftLead, Role::Admin] {
        assert!(role.fits(Organisation::Police) && role.fits(Organisation::VeiligThuis));
        for other in Organisation::VARIANTS.iter().copied() {
            if !matches!(other, Organisation::Police | Organisation::VeiligThuis) {
                assert!(!role.fits(other), "{role:?} of {other:?}");
            }
        }
    }
}
