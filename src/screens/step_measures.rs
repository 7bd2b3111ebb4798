//! Step 4: onderzoek afspraken and the agreed measures, each with owner,
//! until, re-assessment, first point of contact and who calls whom;
//! deadlines come from the core (huisverbod +10 days, OvJ +9 h).

use dioxus::prelude::*;
use samenop_core::measures::{
    AgreedMeasure, CallRule, ContactPoint, MeasureChange, MeasureId, MeasureKind, MeasureOwner,
};
use samenop_core::{Assignment, CaseId, EventKind, Label};

use super::case::{assign, now, record};
use crate::screens::local;
use crate::{AppCtx, platform};

#[component]
pub fn StepMeasures(case_id: CaseId) -> Element {
    let ctx = use_context::<AppCtx>();
    let lang = (ctx.lang)();
    let nl = lang == samenop_core::Lang::Nl;
    let state = ctx.field.read().case(&case_id);
    let account = ctx.field.read().session().map(|s| s.account.clone());
    let mut kind = use_signal(|| MeasureKind::TijdelijkHuisverbod);
    let mut started_now = use_signal(|| true);
    let mut contact_person = use_signal(String::new);
    let mut contact_phone = use_signal(String::new);

    let add = move |_| {
        let Some(account) = account.clone() else { return };
        let id = MeasureId(samenop_core::CaseId::from_parts(platform::now_ms() as u64, platform::random10()).0);
        let mut m = AgreedMeasure::new(
            id,
            kind(),
            MeasureOwner {
                organisation: account.organisation,
                person: account.display_name.clone(),
            },
        );
        if started_now() {
            m.started_at = Some(now());
        }
        if !contact_person().trim().is_empty() {
            m.first_contact = Some(ContactPoint {
                organisation: account.organisation,
                person: contact_person().trim().to_string(),
                phone: contact_phone().trim().to_string(),
            });
        }
        m.call_tree = vec![CallRule {
            caller: samenop_core::Organisation::VeiligThuis,
            callee: samenop_core::Organisation::Police,
            when: if nl {
                "bij verandering in de mate van onveiligheid".into()
            } else {
                "when the level of unsafety changes".into()
            },
        }];
        record(ctx, case_id, EventKind::MeasureAgreed { measure: m });
        contact_person.set(String::new());
        contact_phone.set(String::new());
    };

    rsx! {
        h1 { "4. {samenop_core::steps::Step::OnderzoekEnMaatregelen.label(lang)}" }
        section { class: "card",
            h2 { if nl { "Maatregel afspreken" } else { "Agree a measure" } }
            label { if nl { "Maatregel" } else { "Measure" }
                select {
                    onchange: move |e| {
                        if let Some(k) = MeasureKind::ALL.into_iter().find(|k| format!("{k:?}") == e.value()) {
                            kind.set(k);
                        }
                    },
                    for k in MeasureKind::ALL {
                        option { value: "{k:?}", selected: k == kind(), "{k.framework().label(lang)}: {k.label(lang)}" }
                    }
                }
            }
            label { class: "check",
                input { r#type: "checkbox", checked: started_now(), onchange: move |e| started_now.set(e.checked()) }
                span { if nl { "Gaat nu in" } else { "Starts now" } }
            }
            label { if nl { "Eerste aanspreekpunt (naam)" } else { "First point of contact (name)" }
                input { value: "{contact_person}", oninput: move |e| contact_person.set(e.value()) }
            }
            label { if nl { "Telefoon" } else { "Phone" }
                input { r#type: "tel", value: "{contact_phone}", oninput: move |e| contact_phone.set(e.value()) }
            }
            button { class: "primary", r#type: "button", onclick: add, if nl { "Afspreken" } else { "Agree" } }
        }
        for m in state.measures() {
            MeasureCard { key: "{m.measure_id.0}", case_id, measure: m }
        }
    }
}

#[component]
fn MeasureCard(case_id: CaseId, measure: AgreedMeasure) -> Element {
    let ctx = use_context::<AppCtx>();
    let lang = (ctx.lang)();
    let nl = lang == samenop_core::Lang::Nl;
    let roles = measure.kind.roles(false);
    let mut person = use_signal(String::new);
    let mut phone = use_signal(String::new);
    let id = measure.measure_id;
    let org = measure.owner.organisation;
    rsx! {
        article { class: "card measure",
            h3 { "{measure.kind.label(lang)}" }
            p { class: "muted", "{measure.kind.framework().label(lang)} · {measure.status.label(lang)}" }
            p { {format!("{}: {} ({})", samenop_core::event::MeasureAttribute::Owner.label(lang), measure.owner.person, measure.owner.organisation.label(lang))} }
            if !roles.imposes.is_empty() {
                p { class: "muted", {format!("{}: {}", if nl { "Opgelegd door" } else { "Imposed by" }, roles.imposes.iter().map(|o| o.label(lang)).collect::<Vec<_>>().join(", "))} }
            }
            for d in measure.deadlines() {
                p { class: "deadline", "⏱ {d.kind.label(lang)}: {local(d.due)}" }
            }
            if let Some(c) = measure.first_contact.clone() {
                p {
                    "{samenop_core::event::MeasureAttribute::FirstContact.label(lang)}: {c.person} "
                    a { href: platform::tel_href(&c.phone), "{c.phone}" }
                }
            }
            for r in measure.call_tree.iter() {
                p { class: "muted", "☎ {r.caller.label(lang)} → {r.callee.label(lang)}: {r.when}" }
            }
            details {
                summary { if nl { "Eerste aanspreekpunt wijzigen" } else { "Change first point of contact" } }
                label { if nl { "Naam" } else { "Name" } input { value: "{person}", oninput: move |e| person.set(e.value()) } }
                label { if nl { "Telefoon" } else { "Phone" } input { r#type: "tel", value: "{phone}", oninput: move |e| phone.set(e.value()) } }
                button {
                    r#type: "button",
                    onclick: move |_| {
                        let contact = Some(ContactPoint { organisation: org, person: person().trim().to_string(), phone: phone().trim().to_string() });
                        assign(ctx, case_id, Assignment::Measure { measure_id: id, change: MeasureChange::FirstContact { contact } });
                    },
                    if nl { "Opslaan" } else { "Save" }
                }
            }
        }
    }
}
