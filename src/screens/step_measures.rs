//! Step 4: onderzoek afspraken and the agreed measures, each with owner,
//! until, re-assessment, first point of contact and who calls whom;
//! deadlines come from the core (huisverbod +10 days, OvJ +9 h).

use dioxus::prelude::*;
use samenop_core::VariantArray;
use samenop_core::agreement::suggested_call_rules;
use samenop_core::command::{Command, FirstContact};
use samenop_core::measures::{MeasureId, MeasureKind};
use samenop_core::summary::local_input_value;
use samenop_core::text::ShortText;
use samenop_core::{CaseId, FieldKey, Label, Organisation, Refusal};

use super::actions::send;
use super::rule_editor::{OrgSelect, RuleEditor, RuleList};
use super::{CaseScreen, use_case};
use crate::components::use_control;
use crate::i18n::t;
use crate::{AppCtx, platform};

#[component]
pub fn StepMeasures(case_id: CaseId) -> Element {
    let CaseScreen { ctx, lang, state } = use_case(case_id);
    let own_org = ctx.field.read().session().map(|s| s.account.organisation);
    let mut kind = use_signal(|| MeasureKind::TijdelijkHuisverbod);
    // The owner comes from the measure's roles (core), the author's own
    // organisation first when the roles allow it.
    // Who may own a measure in this case: core's list (never the network
    // in an EGG case).
    let owners = move |k: MeasureKind| ctx.field.read().case(&case_id).measure_owners(k);
    let default_owner = move |k: MeasureKind| {
        let allowed = owners(k);
        own_org
            .filter(|o| allowed.contains(o))
            .or(allowed.first().copied())
            .unwrap_or(Organisation::VeiligThuis)
    };
    let mut owner = use_signal(move || default_owner(MeasureKind::TijdelijkHuisverbod));
    let mut owner_person = super::resume::use_draft(format!("{case_id}:measure:owner_person"));
    // "Ingegaan om": now unless changed; empty records it as afgesproken.
    let mut started_at = use_signal(|| local_input_value(super::actions::now()));
    let mut contact_person = super::resume::use_draft(format!("{case_id}:measure:contact_person"));
    let mut contact_phone = super::resume::use_draft(format!("{case_id}:measure:contact_phone"));
    // Why "Afspreken" was refused, under the button; what was typed stays.
    let add_control = use_control();
    // One measure id per form (issue 17 §2): a double tap on "Afspreken"
    // sends the same id, and core records one measure. Changing the form
    // (or "Nog een maatregel") makes a new one.
    let new_id = || MeasureId(samenop_core::CaseId::from_parts(platform::now_ms() as u64, platform::random10()).0);
    let mut form_id = use_signal(new_id);
    let recorded = state.measure_header(&form_id()).is_some();
    let mut changed = move || {
        if ctx.field.read().case(&case_id).measure_header(&form_id()).is_some() {
            form_id.set(new_id());
        }
    };

    let add = move |_| {
        let id = form_id();
        // Sent already (the second tap of a double tap): nothing to do.
        if ctx.field.read().case(&case_id).measure_header(&id).is_some() {
            return;
        }
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
                add_control.refuse(r.text((ctx.lang)()));
                return;
            }
        };
        let owner_person = match ShortText::parse_optional(&owner_person()) {
            Ok(p) => p,
            Err(e) => {
                add_control.refuse(Refusal::of_text("owner.person", e).text((ctx.lang)()));
                return;
            }
        };
        let Some(start) = super::actions::typed_moment(&started_at()) else {
            add_control.refuse(t((ctx.lang)(), "measures-not_a_valid_moment_date"));
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
        if add_control.run(|| send(ctx, case_id, command)) {
            contact_person.set(String::new());
            contact_phone.set(String::new());
        }
    };

    rsx! {
        h1 { "{samenop_core::steps::Step::Veiligheidsmaatregelen.heading(lang)}" }
        // Eergerelateerd geweld: the steps and the opvang decision (issue 15).
        super::honour::HonourSteps { case_id }
        section { class: "card",
            h2 { {t(lang, "measures-agree_a_measure")} }
            label { {t(lang, "measures-measure")}
                select {
                    onchange: move |e| {
                        if let Some(k) = MeasureKind::VARIANTS.iter().copied().find(|k| format!("{k:?}") == e.value()) {
                            changed();
                            kind.set(k);
                            owner.set(default_owner(k));
                        }
                    },
                    for k in MeasureKind::VARIANTS.iter().copied() {
                        option { value: "{k:?}", selected: k == kind(), "{k.framework().label(lang)}: {k.label(lang)}" }
                    }
                }
            }
            // The chosen measure in full (a select cuts it off at 360 px).
            p { class: "chosen-in-full", "{kind().framework().label(lang)}: {kind().label(lang)}" }
            label { {t(lang, "measures-owner")}
                select {
                    onchange: move |e| {
                        if let Some(o) = owners(kind()).into_iter().find(|o| format!("{o:?}") == e.value()) {
                            changed();
                            owner.set(o);
                        }
                    },
                    for o in owners(kind()) {
                        option { value: "{o:?}", selected: o == owner(), "{o.label(lang)}" }
                    }
                }
            }
            if Some(owner()) != own_org {
                label { {t(lang, "measures-owner_person")}
                    input { value: "{owner_person}", maxlength: "{ShortText::MAX}", oninput: move |e| { changed(); owner_person.set(e.value()) } }
                }
            }
            label { {t(lang, "measures-started_at")}
                input { r#type: "datetime-local", value: "{started_at}", oninput: move |e| { changed(); started_at.set(e.value()) } }
            }
            label { {t(lang, "measures-first_point_of_contact_name")}
                input { value: "{contact_person}", oninput: move |e| { changed(); contact_person.set(e.value()) } }
            }
            label { {t(lang, "measures-phone")}
                input { r#type: "tel", value: "{contact_phone}", oninput: move |e| { changed(); contact_phone.set(e.value()) } }
            }
            button { class: "primary", r#type: "button", "data-testid": "agree-measure", disabled: recorded, aria_busy: if recorded { "true" } else { "false" }, onclick: add, {t(lang, "measures-agree")} }
            if recorded {
                p { class: "agreed-done", role: "status",
                    {t(lang, "trace-agreed_done")}
                    " "
                    button { r#type: "button", class: "link", onclick: move |_| form_id.set(new_id()), {t(lang, "trace-another_measure")} }
                }
            }
            {add_control.message()}
        }
        // Every measure, those recorded by mistake struck through (issue 17 §2).
        for m in state.all_measures() {
            super::measure_card::MeasureCard { key: "{m.measure_id.0}", case_id, measure: m }
        }
        CaseAgreementCard { case_id }
    }
}

/// "Afspraken voor de hele casus": the eerste aanspreekpunt voor het totaal
/// aan veiligheidsmaatregelen and wie belt wie wanneer (004 l.302–303),
/// each agreed explicitly; the protocol's sentences are offered as
/// suggestions, written only when tapped. Core decides; handover waits for
/// the first contact.
#[component]
fn CaseAgreementCard(case_id: CaseId) -> Element {
    let ctx = use_context::<AppCtx>();
    let lang = (ctx.lang)();
    let agreement = ctx.field.read().case(&case_id).agreement();
    let own_org = ctx.field.read().session().map(|s| s.account.organisation);
    let organisation = use_signal(move || own_org.unwrap_or(Organisation::VeiligThuis));
    let mut person = use_signal(String::new);
    let mut phone = use_signal(String::new);
    let contact_control = use_control();
    let agree_contact = move |_| {
        let lang = (ctx.lang)();
        let parsed = ShortText::parse(&person())
            .map_err(|e| Refusal::of_text("first_contact.person", e))
            .and_then(|person| {
                ShortText::parse(&phone())
                    .map(|phone| (person, phone))
                    .map_err(|e| Refusal::of_text("first_contact.phone", e))
            });
        match parsed {
            Ok((person_text, phone_text)) => {
                let command = Command::AgreeFirstContact {
                    organisation: organisation(),
                    person: person_text,
                    phone: phone_text,
                };
                if contact_control.run(|| send(ctx, case_id, command)) {
                    person.set(String::new());
                    phone.set(String::new());
                }
            }
            Err(r) => contact_control.refuse(r.text(lang)),
        }
    };
    let first_contact_label = FieldKey::CaseFirstContact.label(lang);
    let none_yet = t(lang, "agreement-none_yet");
    rsx! {
        section { class: "card agreement", "data-testid": "case-agreement",
            h2 { {t(lang, "agreement-title")} }
            if let Some(c) = agreement.first_contact.clone() {
                p {
                    "{first_contact_label}: {c.person} ({c.organisation.label(lang)}) "
                    a { href: platform::tel_href(&c.phone), "{c.phone}" }
                }
            } else {
                p { class: "rule blocking", "⚠ {first_contact_label}: {none_yet}" }
            }
            fieldset {
                legend { {t(lang, "agreement-agree_first_contact")} }
                OrgSelect { label: t(lang, "agreement-organisation"), value: organisation }
                label { {t(lang, "measures-name")}
                    input { value: "{person}", maxlength: "{ShortText::MAX}", oninput: move |e| person.set(e.value()) }
                }
                label { {t(lang, "measures-phone")}
                    input { r#type: "tel", value: "{phone}", maxlength: "{ShortText::MAX}", oninput: move |e| phone.set(e.value()) }
                }
                button { r#type: "button", onclick: agree_contact, {t(lang, "agreement-record_first_contact")} }
                {contact_control.message()}
                super::trace::FieldTrace { case_id, field: FieldKey::CaseFirstContact }
            }
            RuleEditor {
                rules: RuleList::Calls(agreement.call_tree.clone()),
                suggestions: suggested_call_rules(),
                on_change: move |l: RuleList| {
                    if let RuleList::Calls(rules) = l {
                        send(ctx, case_id, Command::AgreeCallTree { rules });
                    }
                },
            }
        }
    }
}
