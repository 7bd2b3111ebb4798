//! Issue 14 part 3: the handover items the toolkit asks for, structurele
//! onveiligheid with its Bijlage II sub-items, and the evaluation figures.
//! Given the events of a case, when a person records or declares, then core
//! answers with the event or a typed refusal, and the summary says it.

mod common;

use chrono::{TimeZone, Utc};
use common::{Scene, agree_first_contact, declaration_blocker, declare_not_acute, officer, police_agree, t};
use samenop_core::command::Command;
use samenop_core::evaluation::{TimeOfDay, weekly};
use samenop_core::handover::{FollowUpForum, HandoverBlocker, HandoverItem, ResponseMode};
use samenop_core::measures::MeasureKind;
use samenop_core::steps::SafetyItem;
use samenop_core::summary::OnSceneSummary;
use samenop_core::triage::{Criterion, StructuralSubItem};
use samenop_core::{Answer, Assignment, CaseState, Lang, Organisation, Refusal, Schema, VariantArray};

fn handover(item: HandoverItem) -> Assignment {
    Assignment::Handover { item }
}

/// Every question answered "nee", VT's confirmation, the exit conditions,
/// a taker-over and the case-level first contact: all that blocked before
/// schema 3.
fn ready_but_for_the_new_items() -> Scene {
    let mut s = Scene::opened();
    for c in Criterion::VARIANTS.iter().copied() {
        s.police_sets(
            2,
            Assignment::Criterion {
                criterion: c,
                answer: Answer::No,
            },
        );
    }
    s.police_sets(2, Assignment::SuspectHasAccess { answer: Answer::No });
    s.police_sets(2, Assignment::ThirdPartyOversight { answer: Answer::No });
    s.police_sets(2, Assignment::ChildrenPresent { answer: Answer::No });
    common::confirmed_and_taken_over(&mut s, 3);
    s.vt_does(5, agree_first_contact(Organisation::VeiligThuis));
    s
}

#[test]
fn niet_meer_acuut_waits_for_the_vt_melding() {
    // 002 l.263: VT assesses every VT-melding of the police.
    let mut s = ready_but_for_the_new_items();
    assert_eq!(declaration_blocker(&s, 6), Some(HandoverBlocker::NoVtReport));
    common::assert_declaration_refused_saying(&s, 6, "Doe eerst de VT-melding");
    s.police_sets(6, handover(HandoverItem::VtReport { done: true }));
    assert_eq!(declaration_blocker(&s, 7), None);
}

/// Regression (protocol review, stop 36): with a child injured, the police
/// "altijd" call in a forensisch arts and Forensische Opsporing (004 l.278).
/// Step 3 marked it required, yet "niet meer acuut" could be declared
/// without it.
#[test]
fn an_injured_child_holds_up_niet_meer_acuut_until_the_forensic_examination_is_done() {
    use samenop_core::steps::InvestigationPoint;
    let mut s = ready_but_for_the_new_items();
    s.police_sets(6, handover(HandoverItem::VtReport { done: true }));
    s.police_sets(6, Assignment::ChildrenPresent { answer: Answer::Yes });
    s.police_sets(6, Assignment::ChildInjury { answer: Answer::Yes });
    s.police_sets(6, handover(HandoverItem::ChildCareReports { reported: vec![true] }));
    assert_eq!(
        declaration_blocker(&s, 7),
        Some(HandoverBlocker::ForensicExaminationOpen)
    );
    common::assert_declaration_refused_saying(&s, 7, "forensisch arts");
    s.police_sets(
        7,
        Assignment::Investigation {
            point: InvestigationPoint::ForensicExamination,
            done: true,
            note: "FA en FO gebeld".into(),
        },
    );
    assert_eq!(declaration_blocker(&s, 8), None);
}

/// Children's answers are protective from schema 5 (`membership.rs`): a
/// declaration written before, after another organisation's "nee", keeps
/// folding as declared; the same events in today's shape stand as a
/// conflict and the declaration is skipped (review of stop 36).
#[test]
fn a_declaration_of_schema_4_after_a_nee_about_children_still_folds_as_declared() {
    let mut s = ready_but_for_the_new_items();
    s.police_sets(6, handover(HandoverItem::VtReport { done: true }));
    s.vt_sets(6, Assignment::ChildrenPresent { answer: Answer::Yes });
    s.police_sets(7, Assignment::ChildrenPresent { answer: Answer::No });
    let kind = s.state().assign(handover(HandoverItem::Declared { not_acute: true }));
    s.vt_writes(8, kind);
    for e in &mut s.events {
        e.schema = Schema::V4;
    }
    let state = s.state();
    assert!(state.skipped.is_empty(), "{:?}", state.skipped);
    assert!(state.handover().declared_not_acute);
    for e in &mut s.events {
        e.schema = Schema::CURRENT;
    }
    let state = s.state();
    assert_eq!(state.conflicts().len(), 1);
    assert!(!state.handover().declared_not_acute);
}

#[test]
fn every_child_present_needs_its_own_zorgmelding() {
    // 002 l.4431-4432: a zorgmelding for each minor.
    let mut s = ready_but_for_the_new_items();
    s.police_sets(6, handover(HandoverItem::VtReport { done: true }));
    s.police_sets(6, Assignment::ChildrenPresent { answer: Answer::Yes });
    assert_eq!(declaration_blocker(&s, 7), Some(HandoverBlocker::ChildCareReportOpen));
    s.police_sets(
        7,
        handover(HandoverItem::ChildCareReports {
            reported: vec![true, false],
        }),
    );
    assert_eq!(
        declaration_blocker(&s, 8),
        Some(HandoverBlocker::ChildCareReportOpen),
        "child 2 still open"
    );
    s.police_sets(
        8,
        handover(HandoverItem::ChildCareReports {
            reported: vec![true, true],
        }),
    );
    assert_eq!(declaration_blocker(&s, 9), None);
    let text = OnSceneSummary::build(&s.state(), t(9)).render_text(Lang::Nl);
    assert!(text.contains("Zorgmelding per kind: Kind 1: ja, Kind 2: ja"), "{text}");
}

#[test]
fn a_victim_with_a_measure_is_told_how_to_report_a_breach_before_niet_meer_acuut() {
    // 002 l.879-881: "waar en de wijze waarop een schending moet worden gemeld".
    let mut s = ready_but_for_the_new_items();
    s.police_sets(6, handover(HandoverItem::VtReport { done: true }));
    s.police_does(
        6,
        police_agree(common::measure_id(1), MeasureKind::Aanhouding, Some(t(5))),
    );
    assert_eq!(declaration_blocker(&s, 7), Some(HandoverBlocker::VictimNotInformed));
    s.police_sets(7, handover(HandoverItem::VictimInformed { done: true }));
    assert_eq!(declaration_blocker(&s, 8), None);
}

#[test]
fn a_declaration_written_before_the_new_items_still_folds_as_declared() {
    // Old events keep their meaning: a schema 2 declaration is admitted
    // under the blockers of its time.
    common::assert_declaration_folds_only_in(ready_but_for_the_new_items(), 6, Schema(2));
}

#[test]
fn meerwaarde_needs_a_toelichting_and_the_summary_shows_both() {
    // 004 l.430: "de aard van de meldingen waarin samen optrekken van meerwaarde was".
    let s = Scene::opened();
    let bare = Command::Set(handover(HandoverItem::AddedValue {
        answer: Answer::Yes,
        explanation: "  ".into(),
    }));
    let refusal = s.state().decide(bare, &officer(), t(2)).unwrap_err();
    assert_eq!(
        refusal,
        Refusal::Empty {
            field: "added_value.explanation"
        }
    );
    assert!(
        refusal.text(Lang::Nl).contains("Toelichting op de meerwaarde"),
        "{}",
        refusal.text(Lang::Nl)
    );
    let mut s = s;
    s.police_does(
        2,
        Command::Set(handover(HandoverItem::AddedValue {
            answer: Answer::Yes,
            explanation: "VT kende de voorgeschiedenis".into(),
        })),
    );
    let text = OnSceneSummary::build(&s.state(), t(3)).render_text(Lang::Nl);
    assert!(
        text.contains("Was samen optrekken van meerwaarde?: ja — VT kende de voorgeschiedenis"),
        "{text}"
    );
}

#[test]
fn structural_unsafety_records_sub_items_and_anders_namelijk() {
    // 002 l.1175-1187: Bijzondere vormen van geweld, with "anders, namelijk".
    let mut s = Scene::opened();
    s.police_sets(
        2,
        Assignment::StructuralSubItem {
            item: StructuralSubItem::Achterlating,
            recorded: true,
        },
    );
    s.police_sets(
        2,
        Assignment::StructuralOther {
            text: "dreigt met ontvoering".into(),
        },
    );
    let state = s.state();
    assert!(state.structural_sub_item_recorded(StructuralSubItem::Achterlating));
    assert!(!state.structural_sub_item_recorded(StructuralSubItem::Huwelijksdwang));
    let text = OnSceneSummary::build(&state, t(3)).render_text(Lang::Nl);
    for part in [
        "Bijzondere vormen van geweld: Achterlating",
        "Anders, namelijk: dreigt met ontvoering",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
    // Taken back, it is no longer recorded.
    s.police_sets(
        3,
        Assignment::StructuralSubItem {
            item: StructuralSubItem::Achterlating,
            recorded: false,
        },
    );
    assert!(s.state().structural_sub_items().is_empty());
}

#[test]
fn handover_items_show_in_the_summary() {
    // 004 l.377 (own systems; actieoverleg, ZSM, ZVH, MDA++), 002 l.263.
    let mut s = Scene::opened();
    s.police_sets(2, handover(HandoverItem::VtReport { done: true }));
    s.police_sets(
        2,
        handover(HandoverItem::RecordedInOwnSystem {
            organisation: Organisation::Police,
            done: true,
        }),
    );
    s.police_sets(
        2,
        handover(HandoverItem::StructuralHandedOverTo {
            forums: vec![FollowUpForum::Zsm, FollowUpForum::MdaPlusPlus],
        }),
    );
    s.police_sets(2, handover(HandoverItem::VictimInformed { done: true }));
    let text = OnSceneSummary::build(&s.state(), t(3)).render_text(Lang::Nl);
    for part in [
        "VT-melding gedaan: ja",
        "Vastgelegd in eigen systeem: Politie",
        "Structurele onveiligheid overgedragen aan: ZSM, MDA++",
        "Slachtoffer geïnformeerd over de maatregelen en hoe een schending te melden: ja",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
}

/// A case in which the police ticked "VT gebeld" (step 1).
fn vt_phoned() -> Scene {
    let mut s = Scene::opened();
    s.police_sets(
        1,
        Assignment::Safety {
            item: SafetyItem::VtPhoned,
            done: true,
        },
    );
    s
}

#[test]
fn a_joint_response_counts_from_vt_gebeld_without_vt_in_the_app() {
    // 002 l.3187 ("fysiek of telefonisch"); 004 l.430.
    let mut s = vt_phoned();
    s.police_sets(
        2,
        handover(HandoverItem::ResponseMode {
            mode: ResponseMode::ByPhone,
        }),
    );
    let alone = Scene::opened();
    let weeks = weekly([&s.state(), &alone.state()]);
    assert_eq!(weeks.len(), 1);
    assert_eq!(weeks[0].joint_responses, 1, "only the case in which VT was phoned");
    assert_eq!(weeks[0].by_phone, 1);
    // No partner consulted: counted as "geen partner" (004 l.430).
    assert_eq!(weeks[0].no_partner_consulted, 1);
}

#[test]
fn the_figures_count_the_time_of_day_meerwaarde_and_partners() {
    // Reported at 21:55 UTC = 22:55 in Amsterdam (winter): avond (004 l.396;
    // boundaries are this app's constants, not the seeds').
    let mut s = vt_phoned();
    s.police_sets(
        1,
        Assignment::Nature {
            nature: samenop_core::event::CaseNature::PartnerViolence,
        },
    );
    s.police_sets(
        2,
        handover(HandoverItem::AddedValue {
            answer: Answer::Yes,
            explanation: "samen één verhaal".into(),
        }),
    );
    // Handed over to SHN is no consultation; the RvdK consulted on the
    // children is (004 l.186, l.430).
    s.police_sets(
        2,
        handover(HandoverItem::HandedOverTo {
            organisations: vec![Organisation::VeiligThuis, Organisation::Shn],
        }),
    );
    s.police_does(
        3,
        samenop_core::command::Command::RecordConsultation {
            consultation_id: uuid::Uuid::from_u128(0xc0),
            with: Organisation::Rvdk,
            topic: samenop_core::sharing::consultation::ConsultTopic::ChildProtection,
            consulted_at: None,
            advice: samenop_core::text::SharedSummary::parse("Geen lopende maatregel bekend").unwrap(),
        },
    );
    let state: CaseState = s.state();
    assert_eq!(state.partners_consulted(), vec![Organisation::Rvdk]);
    let w = &weekly([&state])[0];
    assert_eq!(w.time_of_day.get(&TimeOfDay::Avond), Some(&1));
    assert_eq!(w.added_value_yes, 1);
    assert_eq!(w.nature_with_added_value.len(), 1);
    assert_eq!(w.partners_consulted.get(&Organisation::Rvdk), Some(&1));
    assert_eq!(w.partners_consulted.get(&Organisation::Shn), None);
    assert_eq!(w.no_partner_consulted, 0);
}

#[test]
fn time_of_day_boundaries_are_read_on_the_amsterdam_clock() {
    let at = |h: u32, m: u32| Utc.with_ymd_and_hms(2026, 2, 10, h, m, 0).single().unwrap();
    // Winter: Amsterdam = UTC + 1.
    assert_eq!(TimeOfDay::of(at(6, 59)), TimeOfDay::Nacht); // 07:59
    assert_eq!(TimeOfDay::of(at(7, 0)), TimeOfDay::Kantooruren); // 08:00
    assert_eq!(TimeOfDay::of(at(15, 59)), TimeOfDay::Kantooruren); // 16:59
    assert_eq!(TimeOfDay::of(at(16, 0)), TimeOfDay::Avond); // 17:00
    assert_eq!(TimeOfDay::of(at(22, 0)), TimeOfDay::Nacht); // 23:00
    assert_eq!(TimeOfDay::of(at(1, 0)), TimeOfDay::Nacht); // 02:00
}

#[test]
fn a_handed_over_case_stays_on_the_phone_for_the_keep_period_after_its_last_entry() {
    use samenop_core::retention::{DeviceKeep, device_may_drop, last_activity};
    let mut s = ready_but_for_the_new_items();
    s.police_sets(6, handover(HandoverItem::VtReport { done: true }));
    s.vt_does(7, declare_not_acute());
    let case = s.state();
    assert_eq!(case.status(t(8)), samenop_core::CaseStatus::HandedOver);
    let last = last_activity(&s.events);
    assert_eq!(last, Some(t(7)), "the declaration is the last entry");
    let keep = DeviceKeep { hours: 4 };
    assert!(
        !device_may_drop(&case, 0, last, t(7 + 3 * 60), keep),
        "within the period it stays"
    );
    assert!(
        device_may_drop(&case, 0, last, t(7 + 4 * 60), keep),
        "after it, it goes"
    );
    assert!(
        !device_may_drop(&case, 1, last, t(7 + 24 * 60), keep),
        "never while something of it is unsent"
    );
    assert!(
        device_may_drop(&case, 0, last, t(8), DeviceKeep::default()),
        "by default nothing is kept once sent"
    );
    // The server's receipt time counts over the phone's own stamp.
    let mut events = s.events.clone();
    if let Some(e) = events.last_mut() {
        e.received_at = Some(t(90));
    }
    assert_eq!(last_activity(&events), Some(t(90)));
    assert!(!device_may_drop(&case, 0, last_activity(&events), t(7 + 4 * 60), keep));
}
