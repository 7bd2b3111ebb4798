//! The blockers and prompts of step 5, rule by rule.
use super::*;

/// A triage outcome with only its status set: what most blockers read.
fn triage(status: TriageStatus) -> TriageOutcome {
    TriageOutcome {
        status,
        acute_criteria: Vec::new(),
        open_criteria: Vec::new(),
        suspect_has_access: false,
        network_has_access: false,
        third_party_oversight: false,
        reassess_before: Vec::new(),
        warnings: Vec::new(),
        missing: Vec::new(),
        sash_level: None,
        breakup_days_ago: None,
        rests_on_police_presence: false,
        rests_on_arrest: false,
        rests_on_oversight: false,
    }
}

fn complete() -> Handover {
    Handover {
        exit_conditions: ExitCondition::VARIANTS.to_vec(),
        handed_over_to: vec![Organisation::VeiligThuis],
        case_first_contact: true,
        vt_report: true,
        children_present: Answer::No,
        ..Default::default()
    }
}

#[test]
fn a_contained_case_with_all_conditions_met_can_be_handed_over() {
    assert!(complete().blockers(&triage(TriageStatus::Contained)).is_empty());
}

#[test]
fn an_acute_case_cannot_be_declared_not_acute() {
    assert_eq!(
        complete().blockers(&triage(TriageStatus::Acute)),
        vec![HandoverBlocker::StillAcute]
    );
}

#[test]
fn each_open_exit_condition_is_named() {
    let h = Handover {
        handed_over_to: vec![Organisation::Police],
        case_first_contact: true,
        vt_report: true,
        children_present: Answer::No,
        ..Default::default()
    };
    let blockers = h.blockers(&triage(TriageStatus::NotAcute));
    assert_eq!(blockers.len(), 3);
    assert!(blockers[0].text(Lang::Nl).contains("Veiligheidsbeoordeling"));
}

#[test]
fn a_case_without_a_case_level_first_contact_cannot_be_handed_over() {
    let h = Handover {
        case_first_contact: false,
        ..complete()
    };
    let blockers = h.blockers(&triage(TriageStatus::Contained));
    assert_eq!(blockers, vec![HandoverBlocker::NoCaseFirstContact]);
    assert!(blockers[0].text(Lang::Nl).contains("eerste aanspreekpunt"));
}

#[test]
fn without_a_vt_melding_the_case_cannot_be_handed_over() {
    // 002 l.263, l.4432: VT assesses every VT-melding of the police.
    let h = Handover {
        vt_report: false,
        ..complete()
    };
    assert_eq!(
        h.blockers(&triage(TriageStatus::Contained)),
        vec![HandoverBlocker::NoVtReport]
    );
    assert!(
        h.blockers(&triage(TriageStatus::Contained))[0]
            .text(Lang::Nl)
            .contains("VT-melding")
    );
    // A report that reached VT itself needs no VT-melding.
    let via_vt = Handover {
        reported_to_vt: true,
        ..h
    };
    assert!(via_vt.blockers(&triage(TriageStatus::Contained)).is_empty());
}

#[test]
fn every_child_needs_its_zorgmelding() {
    // 002 l.4431-4432: a zorgmelding for each minor.
    let children = Handover {
        children_present: Answer::Yes,
        ..complete()
    };
    assert_eq!(
        children.blockers(&triage(TriageStatus::Contained)),
        vec![HandoverBlocker::ChildCareReportOpen],
        "children present, none named"
    );
    let one_open = Handover {
        child_care_reports: vec![true, false],
        ..children.clone()
    };
    assert_eq!(
        one_open.blockers(&triage(TriageStatus::Contained)),
        vec![HandoverBlocker::ChildCareReportOpen]
    );
    let all_made = Handover {
        child_care_reports: vec![true, true],
        ..children
    };
    assert!(all_made.blockers(&triage(TriageStatus::Contained)).is_empty());
    // "Onbekend" blocks since schema 5 (004 l.199); a declaration of
    // schema 4 keeps the rules of its time, when it only prompted.
    let unknown = Handover {
        children_present: Answer::Unknown,
        ..complete()
    };
    assert_eq!(
        unknown.blockers(&triage(TriageStatus::Contained)),
        vec![HandoverBlocker::ChildrenUnknown]
    );
    assert!(
        unknown.blockers(&triage(TriageStatus::Contained))[0]
            .text(Lang::Nl)
            .contains("Kinderen aanwezig?")
    );
    assert!(
        unknown
            .blockers_for(&triage(TriageStatus::Contained), Schema::V4)
            .is_empty()
    );
}

#[test]
fn a_case_that_rests_on_an_arrest_waits_for_the_arrest_recorded_as_a_measure() {
    // 002 l.449-450, l.1100-1103: the OvJ's decision and the re-assessment
    // before release must be on someone's board.
    let arrested = TriageOutcome {
        rests_on_arrest: true,
        ..triage(TriageStatus::Contained)
    };
    let blockers = complete().blockers(&arrested);
    assert_eq!(blockers, vec![HandoverBlocker::ArrestNotRecorded]);
    assert!(blockers[0].text(Lang::Nl).contains("aanhouding vast als maatregel"));
    let recorded = Handover {
        custody_recorded: true,
        ..complete()
    };
    assert!(recorded.blockers(&arrested).is_empty());
    assert!(complete().blockers_for(&arrested, Schema::V4).is_empty());
}

#[test]
fn a_victim_with_a_measure_is_told_how_to_report_a_breach_first() {
    // 002 l.879-881.
    let h = Handover {
        measure_agreed: true,
        ..complete()
    };
    assert_eq!(
        h.blockers(&triage(TriageStatus::Contained)),
        vec![HandoverBlocker::VictimNotInformed]
    );
    assert!(
        h.blockers(&triage(TriageStatus::Contained))[0]
            .text(Lang::Nl)
            .contains("schending")
    );
    let told = Handover {
        victim_informed: true,
        ..h
    };
    assert!(told.blockers(&triage(TriageStatus::Contained)).is_empty());
}

#[test]
fn a_declaration_written_before_the_new_items_keeps_its_rules() {
    let h = Handover {
        vt_report: false,
        measure_agreed: true,
        children_present: Answer::Yes,
        ..complete()
    };
    assert!(h.blockers_for(&triage(TriageStatus::Contained), Schema(2)).is_empty());
    assert_eq!(
        h.blockers_for(&triage(TriageStatus::Contained), Schema::CURRENT).len(),
        3
    );
}

#[test]
fn a_case_held_only_by_the_police_presence_cannot_be_handed_over() {
    // 002 l.1112-1113: art 3 Pw holds only while the police stay.
    let held = TriageOutcome {
        rests_on_police_presence: true,
        ..triage(TriageStatus::Contained)
    };
    let blockers = complete().blockers(&held);
    assert_eq!(blockers, vec![HandoverBlocker::RestsOnPolicePresence]);
    assert!(blockers[0].text(Lang::Nl).contains("art. 3 Pw"));
    // A declaration of schema 3 keeps the rules of its time.
    assert!(complete().blockers_for(&held, Schema::V3).is_empty());
}

#[test]
fn a_case_held_only_by_oversight_waits_for_a_plan() {
    // 002 l.1121-1123: "een plan … én … zicht op de veiligheid door derden".
    let watched = TriageOutcome {
        rests_on_oversight: true,
        ..triage(TriageStatus::Contained)
    };
    assert_eq!(
        complete().blockers(&watched),
        vec![HandoverBlocker::OversightWithoutPlan]
    );
    let planned = Handover {
        measure_agreed: true,
        plan_agreed: true,
        victim_informed: true,
        ..complete()
    };
    // The arrest or art 3 Pw alone is no plan: they end with the release or
    // when the police leave.
    let arrest_only = Handover {
        measure_agreed: true,
        victim_informed: true,
        ..complete()
    };
    assert_eq!(
        arrest_only.blockers(&watched),
        vec![HandoverBlocker::OversightWithoutPlan]
    );
    assert!(planned.blockers(&watched).is_empty());
    assert!(complete().blockers_for(&watched, Schema::V4).is_empty());
}

#[test]
fn own_systems_and_structural_handover_only_prompt() {
    // 004 l.377, l.147: asked, not blocking.
    let h = complete();
    let prompts = h.prompts(&[Organisation::Police, Organisation::VeiligThuis]);
    assert!(prompts.contains(&HandoverPrompt::NotRecordedInOwnSystem(Organisation::Police)));
    assert!(prompts.contains(&HandoverPrompt::NotRecordedInOwnSystem(Organisation::VeiligThuis)));
    assert!(prompts.contains(&HandoverPrompt::StructuralNotHandedOver));
    assert!(prompts[0].text(Lang::Nl).contains("eigen systeem"));
    assert!(h.blockers(&triage(TriageStatus::Contained)).is_empty());
}
