//! Step 4: onderzoek afspraken and the agreed measures, each with owner,
//! until, re-assessment, first point of contact and who calls whom;
//! deadlines come from the core (huisverbod +10 days, OvJ +9 h).

use chrono::{DateTime, Utc};
use dioxus::prelude::*;
use samenop_core::VariantArray;
use samenop_core::command::{Command, FirstContact};
use samenop_core::event::MeasureAttribute;
use samenop_core::measures::{
    AgreedMeasure, CallRule, Compliance, ContactPoint, Framework, InformRule, MeasureChange, MeasureId, MeasureKind,
    MeasureOwner, MeasureStatus, Reassessment, ReassessmentOutcome,
};
use samenop_core::summary::{local_input_value, parse_local_input};
use samenop_core::text::ShortText;
use samenop_core::{Assignment, CaseId, Label, Organisation, Refusal};

use super::actions::{send, set};
use crate::i18n::t;
use crate::screens::local;
use crate::{AppCtx, platform};

#[component]
pub fn StepMeasures(case_id: CaseId) -> Element {
    let ctx = use_context::<AppCtx>();
    let lang = (ctx.lang)();
    let state = ctx.field.read().case(&case_id);
    let own_org = ctx.field.read().session().map(|s| s.account.organisation);
    let mut kind = use_signal(|| MeasureKind::TijdelijkHuisverbod);
    // The owner comes from the measure's roles (core), the author's own
    // organisation first when the roles allow it.
    let default_owner = move |k: MeasureKind| {
        let allowed = k.owner_organisations();
        own_org.filter(|o| allowed.contains(o)).unwrap_or(allowed[0])
    };
    let mut owner = use_signal(move || default_owner(MeasureKind::TijdelijkHuisverbod));
    let mut owner_person = use_signal(String::new);
    // "Ingegaan om": now unless changed; empty records it as afgesproken.
    let mut started_at = use_signal(|| local_input_value(super::actions::now()));
    let mut contact_person = use_signal(String::new);
    let mut contact_phone = use_signal(String::new);

    let add = move |_| {
        let id = MeasureId(samenop_core::CaseId::from_parts(platform::now_ms() as u64, platform::random10()).0);
        // A first point of contact is optional; when a name is typed, the
        // phone number is asked for too (core refuses it otherwise).
        let first_contact = match ShortText::parse_optional(&contact_person()) {
            Ok(None) => Ok(None),
            Ok(Some(person)) => ShortText::parse(&contact_phone())
                .map(|phone| Some(FirstContact { person, phone }))
                .map_err(|e| Refusal::of_text("first_contact.phone", e)),
            Err(e) => Err(Refusal::of_text("first_contact.person", e)),
        };
        let first_contact = match first_contact {
            Ok(c) => c,
            Err(r) => {
                ctx.fail(r.text((ctx.lang)()));
                return;
            }
        };
        let owner_person = match ShortText::parse_optional(&owner_person()) {
            Ok(p) => p,
            Err(e) => {
                ctx.fail(Refusal::of_text("owner.person", e).text((ctx.lang)()));
                return;
            }
        };
        let typed = started_at();
        let start = if typed.trim().is_empty() {
            None
        } else if let Some(at) = parse_local_input(&typed) {
            Some(at)
        } else {
            ctx.fail(t((ctx.lang)(), "measures-not_a_valid_moment_date"));
            return;
        };
        let command = Command::AgreeMeasure {
            measure_id: id,
            kind: kind(),
            owner: owner(),
            owner_person,
            started_at: start,
            first_contact,
        };
        if send(ctx, case_id, command) {
            contact_person.set(String::new());
            contact_phone.set(String::new());
        }
    };

    rsx! {
        h1 { "{samenop_core::steps::Step::Veiligheidsmaatregelen.heading(lang)}" }
        section { class: "card",
            h2 { {t(lang, "measures-agree_a_measure")} }
            label { {t(lang, "measures-measure")}
                select {
                    onchange: move |e| {
                        if let Some(k) = MeasureKind::VARIANTS.iter().copied().find(|k| format!("{k:?}") == e.value()) {
                            kind.set(k);
                            owner.set(default_owner(k));
                        }
                    },
                    for k in MeasureKind::VARIANTS.iter().copied() {
                        option { value: "{k:?}", selected: k == kind(), "{k.framework().label(lang)}: {k.label(lang)}" }
                    }
                }
            }
            label { {t(lang, "measures-owner")}
                select {
                    onchange: move |e| {
                        if let Some(o) = kind().owner_organisations().iter().copied().find(|o| format!("{o:?}") == e.value()) {
                            owner.set(o);
                        }
                    },
                    for o in kind().owner_organisations().iter().copied() {
                        option { value: "{o:?}", selected: o == owner(), "{o.label(lang)}" }
                    }
                }
            }
            if Some(owner()) != own_org {
                label { {t(lang, "measures-owner_person")}
                    input { value: "{owner_person}", maxlength: "{ShortText::MAX}", oninput: move |e| owner_person.set(e.value()) }
                }
            }
            label { {t(lang, "measures-started_at")}
                input { r#type: "datetime-local", value: "{started_at}", oninput: move |e| started_at.set(e.value()) }
            }
            label { {t(lang, "measures-first_point_of_contact_name")}
                input { value: "{contact_person}", oninput: move |e| contact_person.set(e.value()) }
            }
            label { {t(lang, "measures-phone")}
                input { r#type: "tel", value: "{contact_phone}", oninput: move |e| contact_phone.set(e.value()) }
            }
            button { class: "primary", r#type: "button", onclick: add, {t(lang, "measures-agree")} }
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
    let roles = ctx.field.read().case(&case_id).measure_roles(measure.kind);
    let me = ctx.field.read().session().map(|s| MeasureOwner {
        organisation: s.account.organisation,
        person: s.account.display_name.clone(),
    });
    // Veiligheidsvoorwaarden are set by VT, not imposed (002 l.718–723).
    let sets = measure.kind.framework() == Framework::Veiligheidsvoorwaarden;
    let imposed_by = if sets {
        t(lang, "measures-set_by")
    } else {
        t(lang, "measures-imposed_by")
    };
    let checked_by = use_signal(|| Organisation::VeiligThuis);
    let mut on_breach = use_signal(String::new);
    let mut person = use_signal(String::new);
    let mut phone = use_signal(String::new);
    let id = measure.measure_id;
    let org = measure.owner.organisation;
    let change = move |change: MeasureChange| set(ctx, case_id, Assignment::Measure { measure_id: id, change });
    rsx! {
        article { class: "card measure",
            h3 { "{measure.kind.label(lang)}" }
            p { class: "muted", "{measure.kind.framework().label(lang)} · {measure.status.label(lang)}" }
            p { {format!("{}: {} ({})", MeasureAttribute::Owner.label(lang), measure.owner.person, measure.owner.organisation.label(lang))} }
            if !roles.imposes.is_empty() {
                p { class: "muted", {format!("{}: {}", imposed_by, roles.imposes.iter().map(|o| o.label(lang)).collect::<Vec<_>>().join(", "))} }
            }
            if let Some(start) = measure.started_at {
                p { "{MeasureAttribute::StartedAt.label(lang)}: {local(start)}" }
            }
            if let Some(r) = measure.last_reassessment.clone() {
                p { "{MeasureAttribute::LastReassessment.label(lang)}: {r.text(lang)}" }
            }
            if let Some(c) = measure.compliance.clone() {
                p { "{c.text(lang)}" }
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
                summary { {t(lang, "measures-change_the_arrangements")} }
                MomentField {
                    label: MeasureAttribute::StartedAt.label(lang),
                    value: measure.started_at,
                    on_save: move |at| change(MeasureChange::StartedAt { at }),
                }
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
                    label { {t(lang, "measures-name")} input { value: "{person}", oninput: move |e| person.set(e.value()) } }
                    label { {t(lang, "measures-phone")} input { r#type: "tel", value: "{phone}", oninput: move |e| phone.set(e.value()) } }
                    button {
                        r#type: "button",
                        onclick: move |_| {
                            let contact = Some(ContactPoint { organisation: org, person: person().trim().to_string(), phone: phone().trim().to_string() });
                            change(MeasureChange::FirstContact { contact });
                        },
                        {t(lang, "measures-save")}
                    }
                }
                CallTreeEditor { rules: measure.call_tree.clone(), on_save: move |rules| change(MeasureChange::CallTree { rules }) }
                InformsEditor { rules: measure.informs.clone(), on_save: move |rules| change(MeasureChange::Informs { rules }) }
                if let Some(me) = me.clone() {
                    fieldset { class: "reassessment",
                        legend { {t(lang, "measures-record_reassessment")} }
                        div { class: "toggle wide", role: "group", aria_label: t(lang, "measures-outcome"),
                            for outcome in ReassessmentOutcome::VARIANTS.iter().copied() {
                                button {
                                    r#type: "button",
                                    class: "opt",
                                    onclick: {
                                        let me = me.clone();
                                        move |_| {
                                            let reassessment = Some(Reassessment { at: super::actions::now(), by: me.clone(), outcome });
                                            change(MeasureChange::Reassessed { reassessment });
                                        }
                                    },
                                    "{outcome.label(lang)}"
                                }
                            }
                        }
                    }
                }
                if sets {
                    fieldset {
                        legend { "{MeasureAttribute::Compliance.label(lang)}" }
                        OrgSelect { label: t(lang, "measures-checked_by"), value: checked_by }
                        label { {t(lang, "measures-on_breach")}
                            input { value: "{on_breach}", maxlength: "{ShortText::MAX}", oninput: move |e| on_breach.set(e.value()) }
                        }
                        button {
                            r#type: "button",
                            onclick: move |_| {
                                let compliance = Some(Compliance { checked_by: checked_by(), on_breach: on_breach().trim().to_string() });
                                change(MeasureChange::Compliance { compliance });
                            },
                            {t(lang, "measures-save")}
                        }
                    }
                }
                fieldset {
                    legend { "{MeasureAttribute::Status.label(lang)}" }
                    div { class: "toggle wide", role: "radiogroup", aria_label: "{MeasureAttribute::Status.label(lang)}",
                        for status in [MeasureStatus::Agreed, MeasureStatus::Imposed, MeasureStatus::Ended, MeasureStatus::Withdrawn] {
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
    let lang = (ctx.lang)();
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
                        ctx.fail(t(lang, "measures-not_a_valid_moment_date"));
                    }
                },
                {t(lang, "measures-save")}
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
    let lang = (ctx.lang)();
    rsx! {
        for (i, line) in lines.into_iter().enumerate() {
            div { class: "arrangement",
                span { "{line}" }
                button {
                    r#type: "button",
                    class: "link",
                    aria_label: t(lang, "measures-remove_rule"),
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
            OrgSelect { label: t(lang, "measures-who_calls"), value: caller }
            OrgSelect { label: t(lang, "measures-who_is_called"), value: callee }
            label { {t(lang, "measures-when")}
                input { value: "{when}", maxlength: "{ShortText::MAX}", oninput: move |e| when.set(e.value()) }
            }
            button {
                r#type: "button",
                onclick: move |_| {
                    let text = when().trim().to_string();
                    if text.is_empty() {
                        ctx.fail(t(lang, "measures-say_when_to_call"));
                        return;
                    }
                    let mut rules = current.clone();
                    rules.push(CallRule { caller: caller(), callee: callee(), when: text });
                    on_save.call(rules);
                    when.set(String::new());
                },
                {t(lang, "measures-add_call_rule")}
            }
        }
    }
}

/// "Wie informeert wie": which parties are told, and by whom.
#[component]
fn InformsEditor(rules: Vec<InformRule>, on_save: EventHandler<Vec<InformRule>>) -> Element {
    let ctx = use_context::<AppCtx>();
    let lang = (ctx.lang)();
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
            OrgSelect { label: t(lang, "measures-who_informs"), value: informer }
            label { {t(lang, "measures-who_is_informed_e_g")}
                input { value: "{informs}", maxlength: "{ShortText::MAX}", oninput: move |e| informs.set(e.value()) }
            }
            button {
                r#type: "button",
                onclick: move |_| {
                    let text = informs().trim().to_string();
                    if text.is_empty() {
                        ctx.fail(t(lang, "measures-say_who_is_informed"));
                        return;
                    }
                    let mut rules = current.clone();
                    rules.push(InformRule { informer: informer(), informs: text });
                    on_save.call(rules);
                    informs.set(String::new());
                },
                {t(lang, "measures-add")}
            }
        }
    }
}
