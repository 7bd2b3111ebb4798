//! Each party sees only what it needs (issue 14 §4; 004 l.442, 000
//! l.353-354): a shared item reaches the sender's and the receiver's
//! organisation only. All people here are invented.

mod common;

use common::{Scene, t};
use samenop_core::event::visible_events;
use samenop_core::sharing::{InfoCategory, SharingRecord};
use samenop_core::{CaseState, EventKind, OnSceneSummary, Organisation};
use uuid::Uuid;

fn shared(from: Organisation, to: Organisation, category: InfoCategory, summary: &str) -> EventKind {
    EventKind::InformationShared {
        record: SharingRecord::on_default_ground(Uuid::now_v7(), from, to, category, summary).expect("a ground fits"),
    }
}

/// VT → RvdK and police → VT items on one case.
fn scene() -> Scene {
    let mut s = Scene::opened();
    s.vt_writes(
        3,
        shared(
            Organisation::VeiligThuis,
            Organisation::Rvdk,
            InfoCategory::VeiligThuisRecords,
            "Eerder bekend bij VT (synthetisch)",
        ),
    );
    s.police_writes(
        4,
        shared(
            Organisation::Police,
            Organisation::VeiligThuis,
            InfoCategory::PoliceRegistrations,
            "Eerdere melding (synthetisch)",
        ),
    );
    s
}

fn summary_for(s: &Scene, viewer: Organisation) -> OnSceneSummary {
    let events: Vec<_> = visible_events(s.events.iter().cloned(), viewer).collect();
    OnSceneSummary::build(&CaseState::fold(&events), t(10))
}

#[test]
fn a_vt_to_rvdk_item_never_folds_into_the_police_view() {
    let s = scene();
    let police = summary_for(&s, Organisation::Police);
    assert_eq!(police.shared.len(), 1, "only police → VT");
    assert_eq!(police.shared[0].record.to, Organisation::VeiligThuis);
    let text = police.render_text(samenop_core::Lang::Nl);
    assert!(!text.contains("Eerder bekend bij VT"), "{text}");
}

#[test]
fn veilig_thuis_sees_what_it_sent_and_what_it_received() {
    let s = scene();
    assert_eq!(summary_for(&s, Organisation::VeiligThuis).shared.len(), 2);
    let rvdk = summary_for(&s, Organisation::Rvdk);
    assert_eq!(rvdk.shared.len(), 1);
    assert_eq!(rvdk.shared[0].record.from, Organisation::VeiligThuis);
}

#[test]
fn filtering_keeps_every_other_event_and_their_order() {
    let s = scene();
    let kept: Vec<_> = visible_events(&s.events, Organisation::Om).collect();
    assert_eq!(kept.len(), s.events.len() - 2);
    let all_but_shared: Vec<_> = s
        .events
        .iter()
        .filter(|e| !matches!(e.kind, EventKind::InformationShared { .. }))
        .collect();
    assert_eq!(kept, all_but_shared);
}
