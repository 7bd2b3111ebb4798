//! The Bijlage II triage, rule by rule, through the public contract types:
//! the criteria, the breakup window, professional judgement, the SASH and
//! the JSON contract (`triage_containment.rs`: access, oversight, lifting
//! routes).

mod common;

use common::triage::{all_answered_no, evening, input};

use chrono::{DateTime, NaiveDate, Utc};
use samenop_core::VariantArray;
use samenop_core::answer::Answer;
use samenop_core::sash::{SashAnswers, SashLevel};
use samenop_core::triage::{
    AcuteReason, Criterion, MissingInfo, ProfessionalJudgement, ReassessMoment, TriageInput, TriageInputError,
    TriageStatus, TriageWarning, evaluate,
};

/// `criteria` with a professional judgement on top.
fn judged(criteria: &[(Criterion, Answer)], acute: bool, reason: &str) -> TriageInput {
    let mut i = input(criteria);
    i.professional_judgement = Some(ProfessionalJudgement {
        acute,
        reason: reason.into(),
    });
    i
}

/// SASH answers with only the assessor's own level.
fn assessed(level: SashLevel) -> SashAnswers {
    SashAnswers {
        assessor_level: Some(level),
        ..Default::default()
    }
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
    let i = judged(&[], true, "Dreigende sfeer, wapen niet gevonden");
    let out = evaluate(&i);
    assert_eq!(out.status, TriageStatus::Acute);
    assert_eq!(out.acute_criteria, vec![AcuteReason::ProfessionalJudgement]);
}

#[test]
fn professional_judgement_comes_after_the_criteria() {
    let i = judged(&[(Criterion::Firearm, Answer::Yes)], true, "x");
    assert_eq!(
        evaluate(&i).acute_criteria,
        vec![AcuteReason::Firearm, AcuteReason::ProfessionalJudgement]
    );
}

#[test]
fn not_acute_judgement_never_lowers_and_warns_downgrade_ignored() {
    let i = judged(
        &[(Criterion::InjuryOrStrangulation, Answer::Yes)],
        false,
        "Lijkt mee te vallen",
    );
    let out = evaluate(&i);
    assert_eq!(out.status, TriageStatus::Acute);
    assert_eq!(out.warnings, vec![TriageWarning::DowngradeIgnored]);
}

#[test]
fn not_acute_judgement_with_nothing_counting_gives_no_warning() {
    let i = judged(&[], false, "");
    let out = evaluate(&i);
    assert_eq!(out.status, TriageStatus::Undetermined);
    assert!(out.warnings.is_empty());
}

#[test]
fn acute_judgement_without_reason_is_an_input_error_naming_the_field() {
    let i = judged(&[], true, "   ");
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
fn sash_decisive_indicator_makes_the_level_high() {
    let mut i = input(&[]);
    let mut sash = assessed(SashLevel::Low);
    sash.fear_of_death = Answer::Yes;
    i.sash = Some(sash);
    assert_eq!(evaluate(&i).sash_level, Some(SashLevel::High));
}

#[test]
fn sash_without_decisive_indicator_takes_the_assessors_level_or_none() {
    let mut i = input(&[]);
    i.sash = Some(assessed(SashLevel::Medium));
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

// ---- Contract v2 ----------------------------------------------------------

/// v2: "niet acuut" only when all ten are answered; one open criterion may be
/// one of Bijlage II's cases (002 l.1061-1087), so the triage is undetermined.
#[test]
fn one_open_criterion_with_nothing_counting_is_undetermined() {
    let mut i = all_answered_no();
    i.criteria.set(Criterion::WithholdingCare, Answer::Unknown);
    let out = evaluate(&i);
    assert_eq!(out.status, TriageStatus::Undetermined);
    assert_eq!(out.open_criteria, vec![Criterion::WithholdingCare]);
    i.criteria.set(Criterion::WithholdingCare, Answer::No);
    assert_eq!(evaluate(&i).status, TriageStatus::NotAcute);
}

/// v2: a decisive SASH indicator makes the level high and "alle alarmbellen
/// gaan rinkelen en moet er actie worden ondernomen" (002 l.1693-1695): it counts.
#[test]
fn a_decisive_sash_indicator_counts_as_sash_high() {
    let mut i = all_answered_no();
    i.sash = Some(SashAnswers {
        nothing_to_lose: Answer::Yes,
        ..Default::default()
    });
    let out = evaluate(&i);
    assert_eq!(out.sash_level, Some(SashLevel::High));
    assert_eq!(out.acute_criteria, vec![AcuteReason::SashHigh]);
    assert_eq!(out.status, TriageStatus::Acute);
    assert_eq!(out.reassess_before, vec![ReassessMoment::ArrestDecision]);
}

/// v2: the assessor's own "hoog niveau van ongerustheid" (002 l.1678-1680)
/// counts as well (our choice to protect the victim, see `evaluate`).
#[test]
fn assessor_level_high_counts_and_medium_does_not() {
    let mut i = all_answered_no();
    i.sash = Some(assessed(SashLevel::High));
    assert_eq!(evaluate(&i).acute_criteria, vec![AcuteReason::SashHigh]);
    i.sash = Some(assessed(SashLevel::Medium));
    let out = evaluate(&i);
    assert!(out.acute_criteria.is_empty());
    assert_eq!(out.status, TriageStatus::NotAcute);
}

/// v2: `sash_high` comes after `professional_judgement` (002 l.1693-1695).
#[test]
fn sash_high_comes_after_the_criteria_and_professional_judgement() {
    let mut i = input(&[(Criterion::Firearm, Answer::Yes)]);
    i.professional_judgement = Some(ProfessionalJudgement {
        acute: true,
        reason: "x".into(),
    });
    i.sash = Some(SashAnswers {
        fear_of_death: Answer::Yes,
        ..Default::default()
    });
    assert_eq!(
        evaluate(&i).acute_criteria,
        vec![
            AcuteReason::Firearm,
            AcuteReason::ProfessionalJudgement,
            AcuteReason::SashHigh
        ]
    );
}

/// v2: a "not acute" judgement cannot lower a high SASH either (002
/// l.1693-1695); downgrade_ignored applies when only sash_high counts.
#[test]
fn downgrade_is_ignored_when_only_sash_high_counts() {
    let mut i = all_answered_no();
    i.sash = Some(assessed(SashLevel::High));
    i.professional_judgement = Some(ProfessionalJudgement {
        acute: false,
        reason: "Lijkt mee te vallen".into(),
    });
    let out = evaluate(&i);
    assert_eq!(out.status, TriageStatus::Acute);
    assert_eq!(out.warnings, vec![TriageWarning::DowngradeIgnored]);
}

/// v2: A6 counts a breakup "recent (tot 2 weken geleden)" (002 l.1074); outside
/// the window the criterion is answered, does not count, and warns so the app
/// can prompt for stalking (A8, 002 l.1081), the SASH or professional judgement.
#[test]
fn breakup_outside_14_days_is_answered_does_not_count_and_warns() {
    let mut i = all_answered_no();
    i.criteria.set(Criterion::IntimateTerrorRecentBreakup, Answer::Yes);
    i.relationship_ended_on = Some(date(2026, 2, 14)); // 15 days
    let out = evaluate(&i);
    assert_eq!(out.status, TriageStatus::NotAcute);
    assert!(out.open_criteria.is_empty());
    assert!(out.acute_criteria.is_empty());
    assert_eq!(out.warnings, vec![TriageWarning::BreakupOutside14Days]);
    assert_eq!(out.breakup_days_ago, Some(15));
}

/// v2: inside the window (002 l.1074) there is no such warning.
#[test]
fn breakup_inside_14_days_gives_no_outside_warning() {
    let mut i = input(&[(Criterion::IntimateTerrorRecentBreakup, Answer::Yes)]);
    i.relationship_ended_on = Some(date(2026, 2, 15)); // 14 days
    assert!(evaluate(&i).warnings.is_empty());
    i.relationship_ended_on = None;
    assert!(evaluate(&i).warnings.is_empty());
}

/// v2: the new inputs are checked like the others: a wrong type or value is
/// an input error naming the field; `null` is not an answer.
#[test]
fn v2_inputs_reject_bad_values_naming_the_field() {
    let ok = TriageInput::from_json(
        r#"{"assessed_at":"2026-03-01T22:00:00+01:00","honour_based":true,"network_has_access":"no"}"#,
    )
    .unwrap();
    assert!(ok.honour_based);
    assert_eq!(ok.network_has_access, Some(Answer::No));
    let missing = TriageInput::from_json(r#"{"assessed_at":"2026-03-01T22:00:00+01:00"}"#).unwrap();
    assert!(!missing.honour_based);
    assert_eq!(missing.network_has_access, None);

    let cases = [
        (
            r#"{"assessed_at":"2026-03-01T22:00:00Z","honour_based":"yes"}"#,
            "honour_based",
        ),
        (
            r#"{"assessed_at":"2026-03-01T22:00:00Z","honour_based":null}"#,
            "honour_based",
        ),
        (
            r#"{"assessed_at":"2026-03-01T22:00:00Z","network_has_access":"maybe"}"#,
            "network_has_access",
        ),
        (
            r#"{"assessed_at":"2026-03-01T22:00:00Z","network_has_access":true}"#,
            "network_has_access",
        ),
        (
            r#"{"assessed_at":"2026-03-01T22:00:00Z","network_has_access":null}"#,
            "network_has_access",
        ),
    ];
    for (json, field) in cases {
        let err = TriageInput::from_json(json).unwrap_err().to_string();
        assert!(err.contains(&format!("`{field}")), "{json}: {err}");
    }
}
