//! Step 4: onderzoek afspraken and the agreed measures, each with owner,
//! until, re-assessment, first point of contact and who calls whom;
//! deadlines come from the core (huisverbod +10 days, OvJ +9 h).

use chrono::{DateTime, Utc};
use dioxus::prelude::*;
use samenop_core::VariantArray;
use samenop_core::event::MeasureAttribute;
use samenop_core::measures::{
    AgreedMeasure, CallRule, ContactPoint, InformRule, MeasureChange, MeasureId, MeasureKind, MeasureOwner,
    MeasureStatus,
};
use samenop_core::summary::{local_input_value, parse_local_input};
use samenop_core::{Assignment, CaseId, EventKind, Label, Organisation};

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
                        if let Some(k) = MeasureKind::VARIANTS.iter().copied().find(|k| format!("{k:?}") == e.value()) {
                            kind.set(k);
                        }
                    },
                    for k in MeasureKind::VARIANTS.iter().copied() {
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
    let change = move |change: MeasureChange| assign(ctx, case_id, Assignment::Measure { measure_id: id, change });
    rsx! {
        article { class: "card measure",
            h3 { "{measure.kind.label(lang)}" }
            p { class: "muted", "{measure.kind.framework().label(lang)} · {measure.status.label(lang)}" }
            p { {format!("{}: {} ({})", MeasureAttribute::Owner.label(lang), measure.owner.person, measure.owner.organisation.label(lang))} }
            if !roles.imposes.is_empty() {
                p { class: "muted", {format!("{}: {}", if nl { "Opgelegd door" } else { "Imposed by" }, roles.imposes.iter().map(|o| o.label(lang)).collect::<Vec<_>>().join(", "))} }
            }
            for d in measure.deadlines() {
                p { class: "deadline", "{d.kind.label(lang)}: {local(d.due)}" }
            }
            if let Some(c) = measure.first_contact.clone() {
                p {
                    "{MeasureAttribute::FirstContact.label(lang)}: {c.person} "
                    a { href: platform::tel_href(&c.phone), "{c.phone}" }
                }
            }
            for r in measure.call_tree.iter() {
                p { class: "muted", "☎ {r.text(lang)}" }
            }
            for r in measure.informs.iter() {
                p { class: "muted", "✉ {r.text(lang)}" }
            }
            details {
                summary { if nl { "Afspraken wijzigen" } else { "Change the arrangements" } }
                MomentField {
                    label: MeasureAttribute::Until.label(lang),
                    value: measure.until,
                    on_save: move |at| change(MeasureChange::Until { at }),
                }
                MomentField {
                    label: MeasureAttribute::ReassessAt.label(lang),
                    value: measure.reassess_at,
                    on_save: move |at| change(MeasureChange::ReassessAt { at }),
                }
                fieldset {
                    legend { "{MeasureAttribute::FirstContact.label(lang)}" }
                    label { if nl { "Naam" } else { "Name" } input { value: "{person}", oninput: move |e| person.set(e.value()) } }
                    label { if nl { "Telefoon" } else { "Phone" } input { r#type: "tel", value: "{phone}", oninput: move |e| phone.set(e.value()) } }
                    button {
                        r#type: "button",
                        onclick: move |_| {
                            let contact = Some(ContactPoint { organisation: org, person: person().trim().to_string(), phone: phone().trim().to_string() });
                            change(MeasureChange::FirstContact { contact });
                        },
                        if nl { "Opslaan" } else { "Save" }
                    }
                }
                CallTreeEditor { rules: measure.call_tree.clone(), on_save: move |rules| change(MeasureChange::CallTree { rules }) }
                InformsEditor { rules: measure.informs.clone(), on_save: move |rules| change(MeasureChange::Informs { rules }) }
                fieldset {
                    legend { "{MeasureAttribute::Status.label(lang)}" }
                    div { class: "toggle wide", role: "radiogroup", aria_label: "{MeasureAttribute::Status.label(lang)}",
                        for status in [MeasureStatus::Agreed, MeasureStatus::Ended, MeasureStatus::Withdrawn] {
                            button {
                                r#type: "button",
                                role: "radio",
                                class: if measure.status == status { "opt on" } else { "opt" },
                                aria_checked: if measure.status == status { "true" } else { "false" },
                                onclick: move |_| change(MeasureChange::Status { status }),
                                "{status.label(lang)}"
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A moment typed on scene (Amsterdam time); empty clears it.
#[component]
fn MomentField(
    label: &'static str,
    value: Option<DateTime<Utc>>,
    on_save: EventHandler<Option<DateTime<Utc>>>,
) -> Element {
    let ctx = use_context::<AppCtx>();
    let nl = (ctx.lang)() == samenop_core::Lang::Nl;
    let mut text = use_signal(move || value.map(local_input_value).unwrap_or_default());
    rsx! {
        div { class: "moment",
            label { "{label}"
                input { r#type: "datetime-local", value: "{text}", oninput: move |e| text.set(e.value()) }
            }
            button {
                r#type: "button",
                onclick: move |_| {
                    let typed = text();
                    if typed.trim().is_empty() {
                        on_save.call(None);
                    } else if let Some(at) = parse_local_input(&typed) {
                        on_save.call(Some(at));
                    } else {
                        ctx.fail(if nl { "geen geldig tijdstip (dag en tijd)" } else { "not a valid moment (date and time)" });
                    }
                },
                if nl { "Opslaan" } else { "Save" }
            }
        }
    }
}

/// Picks one organisation.
#[component]
fn OrgSelect(label: String, value: Signal<Organisation>) -> Element {
    let ctx = use_context::<AppCtx>();
    let lang = (ctx.lang)();
    let mut value = value;
    rsx! {
        label { "{label}"
            select {
                onchange: move |e| {
                    if let Some(o) = Organisation::VARIANTS.iter().copied().find(|o| format!("{o:?}") == e.value()) {
                        value.set(o);
                    }
                },
                for o in Organisation::VARIANTS.iter().copied() {
                    option { value: "{o:?}", selected: o == value(), "{o.label(lang)}" }
                }
            }
        }
    }
}

/// The agreed rules, one per line, each with a button that removes it.
#[component]
fn RuleList(lines: Vec<String>, on_remove: EventHandler<usize>) -> Element {
    let ctx = use_context::<AppCtx>();
    let nl = (ctx.lang)() == samenop_core::Lang::Nl;
    rsx! {
        for (i, line) in lines.into_iter().enumerate() {
            div { class: "arrangement",
                span { "{line}" }
                button {
                    r#type: "button",
                    class: "link",
                    aria_label: if nl { "Regel verwijderen" } else { "Remove rule" },
                    onclick: move |_| on_remove.call(i),
                    "✕"
                }
            }
        }
    }
}

/// "Wie belt wie wanneer": add and remove rules; each save writes the whole list.
#[component]
fn CallTreeEditor(rules: Vec<CallRule>, on_save: EventHandler<Vec<CallRule>>) -> Element {
    let ctx = use_context::<AppCtx>();
    let lang = (ctx.lang)();
    let nl = lang == samenop_core::Lang::Nl;
    let caller = use_signal(|| Organisation::VeiligThuis);
    let callee = use_signal(|| Organisation::Police);
    let mut when = use_signal(String::new);
    let current = rules.clone();
    let listed = rules.clone();
    rsx! {
        fieldset {
            legend { "{MeasureAttribute::CallTree.label(lang)}" }
            RuleList {
                lines: rules.iter().map(|r| format!("☎ {}", r.text(lang))).collect::<Vec<_>>(),
                on_remove: move |i: usize| {
                    let mut rules = listed.clone();
                    rules.remove(i);
                    on_save.call(rules);
                },
            }
            OrgSelect { label: if nl { "Wie belt" } else { "Who calls" }, value: caller }
            OrgSelect { label: if nl { "Wie wordt gebeld" } else { "Who is called" }, value: callee }
            label { if nl { "Wanneer" } else { "When" }
                input { value: "{when}", maxlength: "140", oninput: move |e| when.set(e.value()) }
            }
            button {
                r#type: "button",
                onclick: move |_| {
                    let text = when().trim().to_string();
                    if text.is_empty() {
                        ctx.fail(if nl { "vul in wanneer er gebeld wordt" } else { "say when to call" });
                        return;
                    }
                    let mut rules = current.clone();
                    rules.push(CallRule { caller: caller(), callee: callee(), when: text });
                    on_save.call(rules);
                    when.set(String::new());
                },
                if nl { "Belafspraak toevoegen" } else { "Add call rule" }
            }
        }
    }
}

/// "Wie informeert wie": which parties are told, and by whom.
#[component]
fn InformsEditor(rules: Vec<InformRule>, on_save: EventHandler<Vec<InformRule>>) -> Element {
    let ctx = use_context::<AppCtx>();
    let lang = (ctx.lang)();
    let nl = lang == samenop_core::Lang::Nl;
    let informer = use_signal(|| Organisation::VeiligThuis);
    let mut informs = use_signal(String::new);
    let current = rules.clone();
    let listed = rules.clone();
    rsx! {
        fieldset {
            legend { "{MeasureAttribute::Informs.label(lang)}" }
            RuleList {
                lines: rules.iter().map(|r| format!("✉ {}", r.text(lang))).collect::<Vec<_>>(),
                on_remove: move |i: usize| {
                    let mut rules = listed.clone();
                    rules.remove(i);
                    on_save.call(rules);
                },
            }
            OrgSelect { label: if nl { "Wie informeert" } else { "Who informs" }, value: informer }
            label { if nl { "Wie wordt geïnformeerd (bijv. school, huisarts)" } else { "Who is informed (e.g. school, GP)" }
                input { value: "{informs}", maxlength: "140", oninput: move |e| informs.set(e.value()) }
            }
            button {
                r#type: "button",
                onclick: move |_| {
                    let text = informs().trim().to_string();
                    if text.is_empty() {
                        ctx.fail(if nl { "vul in wie geïnformeerd wordt" } else { "say who is informed" });
                        return;
                    }
                    let mut rules = current.clone();
                    rules.push(InformRule { informer: informer(), informs: text });
                    on_save.call(rules);
                    informs.set(String::new());
                },
                if nl { "Toevoegen" } else { "Add" }
            }
        }
    }
}
