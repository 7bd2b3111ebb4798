use super::*;
use crate::local_time::test_at as at;
use RuleStatus::{Blocking, Broken, Met};
use SafetyItem::*;
use SafetyRule::*;

fn list(items: &[(SafetyItem, u32)]) -> SafetyChecklist {
    SafetyChecklist {
        done: items.iter().map(|(i, m)| (*i, at(*m))).collect(),
    }
}

/// The status of `rule` once `items` were checked at the given minutes.
fn status(rule: SafetyRule, items: &[(SafetyItem, u32)]) -> RuleStatus {
    list(items).rules().into_iter().find(|c| c.rule == rule).unwrap().status
}

#[test]
fn vt_enters_only_after_the_police_signal() {
    let signal = |items: &[(SafetyItem, u32)]| status(PoliceSignalSafeToEnter, items);
    assert_eq!(
        signal(&[(PoliceOnScene, 0), (VtOnScene, 20)]),
        Blocking,
        "VT at the door waits"
    );
    let entered_after = [(VtOnScene, 20), (SafeToEnterToldVt, 25), (VtEntered, 26)];
    assert_eq!(signal(&entered_after), Met);
    let entered_before = [(VtOnScene, 20), (VtEntered, 21), (SafeToEnterToldVt, 25)];
    assert_eq!(signal(&entered_before), Broken, "recorded as broken");
}

#[test]
fn police_leave_only_after_vt_arrived_or_a_phone_consultation() {
    let departure = |items: &[(SafetyItem, u32)]| status(NoDepartureWithoutConsultation, items);
    assert_eq!(departure(&[(PoliceOnScene, 0)]), Blocking, "the departure reminder");
    let left_alone = [(PoliceOnScene, 0), (PoliceLeft, 10), (VtOnScene, 30)];
    assert_eq!(departure(&left_alone), Broken);
    let consulted = [(PoliceOnScene, 0), (DepartureConsulted, 9), (PoliceLeft, 10)];
    assert_eq!(departure(&consulted), Met);
    let vt_arrived = [(PoliceOnScene, 0), (VtOnScene, 5), (PoliceLeft, 40)];
    assert_eq!(departure(&vt_arrived), Met);
}

#[test]
fn police_on_scene_always_phone_vt() {
    let phone = |items: &[(SafetyItem, u32)]| status(PoliceAlwaysPhoneVt, items);
    assert_eq!(phone(&[(PoliceOnScene, 0)]), Blocking);
    assert_eq!(phone(&[(PoliceOnScene, 0), (VtPhoned, 1)]), Met);
    assert_eq!(
        phone(&[(PoliceOnScene, 0), (PoliceLeft, 10)]),
        Broken,
        "left without having phoned"
    );
    // Regression (protocol review): VT on scene first (the report reached
    // VT, 004 l.123) and police leaving after it printed "Niet gevolgd"
    // for a call nobody needed.
    let vt_first = [(VtOnScene, 0), (PoliceOnScene, 5), (PoliceLeft, 30)];
    assert_eq!(phone(&vt_first), Met);
    assert_eq!(
        phone(&[(PoliceOnScene, 0), (PoliceLeft, 10), (VtOnScene, 30)]),
        Broken,
        "VT coming after the police left is no contact in time"
    );
}

#[test]
fn nothing_checked_nothing_relevant() {
    let c = SafetyChecklist::default();
    assert!(c.rules().iter().all(|r| r.status == RuleStatus::NotYetRelevant));
    assert_eq!(c.open_items().len(), 7);
}

#[test]
fn vt_not_coming_on_scene_closes_the_vt_on_scene_items() {
    let c = list(&[
        (SafetyItem::PoliceOnScene, 0),
        (SafetyItem::VtPhoned, 1),
        (SafetyItem::VtNotComingOnScene, 5),
    ]);
    let open = c.open_items();
    assert!(!open.contains(&SafetyItem::VtOnScene));
    assert!(!open.contains(&SafetyItem::VtEntered));
    assert!(!open.contains(&SafetyItem::SafeToEnterToldVt));
    assert!(open.contains(&SafetyItem::AllInvolvedSafe));
    assert_eq!(c.rules()[0].status, RuleStatus::NotYetRelevant);
    // Leaving still needs the phone consultation first (004 l.98).
    assert_eq!(c.rules()[1].status, RuleStatus::Blocking);
}
