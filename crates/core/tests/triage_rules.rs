//! The Bijlage II triage, rule by rule, through the public contract types.

use chrono::{DateTime, NaiveDate, Utc};
use samenop_core::VariantArray;
use samenop_core::answer::Answer;
use samenop_core::sash::{SashAnswers, SashLevel};
use samenop_core::triage::{
    AcuteReason, Criterion, LiftingRoute, MissingInfo, ProfessionalJudgement, ReassessMoment, TriageInput,
    TriageInputError, TriageStatus, TriageWarning, evaluate,
};

/// 1 March 2026, 22:00 in Amsterdam (21:00 UTC).
fn evening() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-01T22:00:00+01:00")
        .map(|t| t.with_timezone(&Utc))
        .unwrap()
}

fn input(criteria: &[(Criterion, Answer)]) -> TriageInput {
    let mut i = TriageInput::new(evening());
    for (c, a) in criteria {
        i.criteria.set(*c, *a);
    }
    i
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// v2: nothing answered is "nog niet beoordeeld", not "niet acuut" — an open
/// criterion may be one of Bijlage II's cases (002 l.1061-1087).
#[test]
fn nothing_answered_is_undetermined_and_every_criterion_is_open() {
    let out = evaluate(&TriageInput::new(evening()));
    assert_eq!(out.status, TriageStatus::Undetermined);
    assert_eq!(out.open_criteria, Criterion::VARIANTS.to_vec());
    assert!(out.acute_criteria.is_empty());
    assert!(out.reassess_before.is_empty());
}

#[test]
fn every_criterion_answered_yes_makes_the_case_acute_on_its_own() {
    for c in Criterion::VARIANTS.iter().copied() {
        let mut i = input(&[(c, Answer::Yes)]);
        i.relationship_ended_on = Some(date(2026, 2, 25));
        let out = evaluate(&i);
        assert_eq!(out.status, TriageStatus::Acute, "{c:?}");
        assert_eq!(out.acute_criteria, vec![AcuteReason::from(c)], "{c:?}");
        assert!(!out.open_criteria.contains(&c));
    }
}

#[test]
fn every_criterion_answered_no_is_not_acute_and_not_open() {
    let all_no: Vec<_> = Criterion::VARIANTS.iter().map(|c| (*c, Answer::No)).collect();
    let out = evaluate(&input(&all_no));
    assert_eq!(out.status, TriageStatus::NotAcute);
    assert!(out.open_criteria.is_empty());
}

#[test]
fn unknown_is_open_but_does_not_count_as_yes() {
    let out = evaluate(&input(&[
        (Criterion::Firearm, Answer::Unknown),
        (Criterion::SexualAbuse, Answer::No),
    ]));
    assert_eq!(out.status, TriageStatus::Undetermined);
    assert!(out.open_criteria.contains(&Criterion::Firearm));
    assert!(!out.open_criteria.contains(&Criterion::SexualAbuse));
}

#[test]
fn counted_and_open_criteria_follow_the_contract_order() {
    let out = evaluate(&input(&[
        (Criterion::BreachOfSafetyConditions, Answer::Yes),
        (Criterion::Offence8Years, Answer::Yes),
        (Criterion::Firearm, Answer::Yes),
    ]));
    assert_eq!(
        out.acute_criteria,
        vec![
            AcuteReason::Offence8Years,
            AcuteReason::Firearm,
            AcuteReason::BreachOfSafetyConditions
        ]
    );
    assert_eq!(out.open_criteria[0], Criterion::InjuryOrStrangulation);
}

#[test]
fn breakup_fourteen_days_ago_counts() {
    let mut i = input(&[(Criterion::IntimateTerrorRecentBreakup, Answer::Yes)]);
    i.relationship_ended_on = Some(date(2026, 2, 15)); // 1 March - 14 days
    let out = evaluate(&i);
    assert_eq!(out.acute_criteria, vec![AcuteReason::IntimateTerrorRecentBreakup]);
    assert_eq!(out.breakup_days_ago, Some(14));
}

#[test]
fn breakup_fifteen_days_ago_does_not_count() {
    let mut i = input(&[(Criterion::IntimateTerrorRecentBreakup, Answer::Yes)]);
    i.relationship_ended_on = Some(date(2026, 2, 14));
    let out = evaluate(&i);
    assert_eq!(out.status, TriageStatus::Undetermined); // the other nine are open
    assert!(out.acute_criteria.is_empty());
    assert!(out.missing.is_empty());
    assert!(!out.open_criteria.contains(&Criterion::IntimateTerrorRecentBreakup));
}

#[test]
fn breakup_today_counts() {
    let mut i = input(&[(Criterion::IntimateTerrorRecentBreakup, Answer::Yes)]);
    i.relationship_ended_on = Some(date(2026, 3, 1));
    assert_eq!(evaluate(&i).status, TriageStatus::Acute);
}

#[test]
fn breakup_window_uses_the_amsterdam_date_not_the_utc_date() {
    // 00:30 on 2 March in Amsterdam is still 1 March in UTC.
    let after_midnight = DateTime::parse_from_rfc3339("2026-03-02T00:30:00+01:00")
        .unwrap()
        .with_timezone(&Utc);
    let mut i = TriageInput::new(after_midnight);
    i.criteria.set(Criterion::IntimateTerrorRecentBreakup, Answer::Yes);
    i.relationship_ended_on = Some(date(2026, 2, 16)); // 14 days before 2 March
    assert_eq!(evaluate(&i).breakup_days_ago, Some(14));
    i.relationship_ended_on = Some(date(2026, 2, 15)); // 15 days before 2 March
    assert!(evaluate(&i).acute_criteria.is_empty());
    assert_eq!(evaluate(&i).status, TriageStatus::Undetermined);
}

#[test]
fn breakup_without_a_date_counts_and_asks_for_the_date() {
    let out = evaluate(&input(&[(Criterion::IntimateTerrorRecentBreakup, Answer::Yes)]));
    assert_eq!(out.status, TriageStatus::Acute);
    assert_eq!(out.missing, vec![MissingInfo::RelationshipEndedOn]);
}

#[test]
fn breakup_date_without_intimate_terror_asks_nothing() {
    let out = evaluate(&input(&[(Criterion::IntimateTerrorRecentBreakup, Answer::No)]));
    assert!(out.missing.is_empty());
}

#[test]
fn acute_professional_judgement_counts_as_its_own_reason() {
    let mut i = input(&[]);
    i.professional_judgement = Some(ProfessionalJudgement {
        acute: true,
        reason: "Dreigende sfeer, wapen niet gevonden".into(),
    });
    let out = evaluate(&i);
    assert_eq!(out.status, TriageStatus::Acute);
    assert_eq!(out.acute_criteria, vec![AcuteReason::ProfessionalJudgement]);
}

#[test]
fn professional_judgement_comes_after_the_criteria() {
    let mut i = input(&[(Criterion::Firearm, Answer::Yes)]);
    i.professional_judgement = Some(ProfessionalJudgement {
        acute: true,
        reason: "x".into(),
    });
    assert_eq!(
        evaluate(&i).acute_criteria,
        vec![AcuteReason::Firearm, AcuteReason::ProfessionalJudgement]
    );
}

#[test]
fn not_acute_judgement_never_lowers_and_warns_downgrade_ignored() {
    let mut i = input(&[(Criterion::InjuryOrStrangulation, Answer::Yes)]);
    i.professional_judgement = Some(ProfessionalJudgement {
        acute: false,
        reason: "Lijkt mee te vallen".into(),
    });
    let out = evaluate(&i);
    assert_eq!(out.status, TriageStatus::Acute);
    assert_eq!(out.warnings, vec![TriageWarning::DowngradeIgnored]);
}

#[test]
fn not_acute_judgement_with_nothing_counting_gives_no_warning() {
    let mut i = input(&[]);
    i.professional_judgement = Some(ProfessionalJudgement {
        acute: false,
        reason: String::new(),
    });
    let out = evaluate(&i);
    assert_eq!(out.status, TriageStatus::Undetermined);
    assert!(out.warnings.is_empty());
}

#[test]
fn acute_judgement_without_reason_is_an_input_error_naming_the_field() {
    let mut i = input(&[]);
    i.professional_judgement = Some(ProfessionalJudgement {
        acute: true,
        reason: "   ".into(),
    });
    let err = i.validate().unwrap_err();
    assert!(matches!(
        err,
        TriageInputError::Invalid {
            field: "professional_judgement.reason",
            ..
        }
    ));
}

#[test]
fn access_unknown_is_treated_as_access() {
    let mut i = input(&[(Criterion::Firearm, Answer::Yes)]);
    i.suspect_has_access = Answer::Unknown;
    let out = evaluate(&i);
    assert!(out.suspect_has_access);
    assert_eq!(out.status, TriageStatus::Acute);
}

#[test]
fn no_access_contains_the_case() {
    let mut i = input(&[(Criterion::Firearm, Answer::Yes)]);
    i.suspect_has_access = Answer::No;
    let out = evaluate(&i);
    assert!(!out.suspect_has_access);
    assert_eq!(out.status, TriageStatus::Contained);
    assert!(out.reassess_before.is_empty());
}

#[test]
fn oversight_unknown_is_treated_as_no_oversight() {
    let mut i = input(&[(Criterion::Firearm, Answer::Yes)]);
    i.third_party_oversight = Answer::Unknown;
    assert!(!evaluate(&i).third_party_oversight);
    i.third_party_oversight = Answer::No;
    assert_eq!(evaluate(&i).status, TriageStatus::Acute);
}

#[test]
fn third_party_oversight_contains_the_case() {
    let mut i = input(&[(Criterion::Firearm, Answer::Yes)]);
    i.third_party_oversight = Answer::Yes;
    assert_eq!(evaluate(&i).status, TriageStatus::Contained);
}

#[test]
fn kept_away_under_art3_pw_removes_access() {
    let mut i = input(&[(Criterion::ThreatOfViolence, Answer::Yes)]);
    i.suspect_has_access = Answer::Yes;
    i.lifted_by = vec![LiftingRoute::KeptAwayArt3Pw];
    let out = evaluate(&i);
    assert!(!out.suspect_has_access);
    assert_eq!(out.status, TriageStatus::Contained);
    assert!(out.warnings.is_empty());
}

#[test]
fn arrest_removes_access_and_requires_reassessment_before_release() {
    let mut i = input(&[(Criterion::InjuryOrStrangulation, Answer::Yes)]);
    i.lifted_by = vec![LiftingRoute::ArrestedArt53Sv];
    let out = evaluate(&i);
    assert_eq!(out.status, TriageStatus::Contained);
    assert_eq!(out.reassess_before, vec![ReassessMoment::ReleaseOfSuspect]);
    assert_eq!(out.warnings, vec![TriageWarning::NoReleaseWithoutSafetyMeasures]);
}

#[test]
fn arrest_without_any_counting_criterion_asks_nothing() {
    let mut i = input(&[]);
    i.lifted_by = vec![LiftingRoute::ArrestedArt53Sv];
    let out = evaluate(&i);
    assert!(out.reassess_before.is_empty());
    assert!(out.warnings.is_empty());
}

#[test]
fn plan_with_oversight_gives_oversight_even_when_answered_no() {
    let mut i = input(&[(Criterion::StalkingWithFear, Answer::Yes)]);
    i.third_party_oversight = Answer::No;
    i.lifted_by = vec![LiftingRoute::PlanWithOversight];
    let out = evaluate(&i);
    assert!(out.third_party_oversight);
    assert!(out.suspect_has_access);
    assert_eq!(out.status, TriageStatus::Contained);
}

#[test]
fn acute_status_asks_to_reassess_before_the_arrest_decision() {
    let out = evaluate(&input(&[(Criterion::Firearm, Answer::Yes)]));
    assert_eq!(out.reassess_before, vec![ReassessMoment::ArrestDecision]);
}

#[test]
fn sash_decisive_indicator_makes_the_level_high() {
    let mut i = input(&[]);
    let mut sash = SashAnswers {
        assessor_level: Some(SashLevel::Low),
        ..Default::default()
    };
    sash.fear_of_death = Answer::Yes;
    i.sash = Some(sash);
    assert_eq!(evaluate(&i).sash_level, Some(SashLevel::High));
}

#[test]
fn sash_without_decisive_indicator_takes_the_assessors_level_or_none() {
    let mut i = input(&[]);
    i.sash = Some(SashAnswers {
        assessor_level: Some(SashLevel::Medium),
        ..Default::default()
    });
    assert_eq!(evaluate(&i).sash_level, Some(SashLevel::Medium));
    i.sash = Some(SashAnswers::default());
    assert_eq!(evaluate(&i).sash_level, None);
    i.sash = None;
    assert_eq!(evaluate(&i).sash_level, None);
}

#[test]
fn json_contract_parses_and_rejects_with_the_field_named() {
    let ok =
        TriageInput::from_json(r#"{"assessed_at":"2026-03-01T22:00:00+01:00","criteria":{"offence_8_years":"yes"}}"#)
            .unwrap();
    assert_eq!(ok.answer(Criterion::Offence8Years), Answer::Yes);

    let cases = [
        (r#"{"criteria":{}}"#, "assessed_at"),
        (
            r#"{"assessed_at":"2026-03-01T22:00:00Z","criteria":{"gun":"yes"}}"#,
            "criteria.gun",
        ),
        (
            r#"{"assessed_at":"2026-03-01T22:00:00Z","criteria":{"firearm":"ja"}}"#,
            "criteria.firearm",
        ),
        (
            r#"{"assessed_at":"2026-03-01T22:00:00Z","lifted_by":["hope"]}"#,
            "lifted_by",
        ),
        (
            r#"{"assessed_at":"2026-03-01T22:00:00Z","suspect_has_access":"maybe"}"#,
            "suspect_has_access",
        ),
        (
            r#"{"assessed_at":"2026-03-01T22:00:00Z","relationship_ended_on":"2026-03-05"}"#,
            "relationship_ended_on",
        ),
        (
            r#"{"assessed_at":"2026-03-01T22:00:00Z","sash":{"assessor_level":"extreme"}}"#,
            "sash.assessor_level",
        ),
        (r#"{"assessed_at":"2026-03-01T22:00:00Z","colour":"red"}"#, "colour"),
    ];
    for (json, field) in cases {
        let err = TriageInput::from_json(json).unwrap_err().to_string();
        assert!(err.contains(&format!("`{field}")), "{json}: {err}");
    }
}
