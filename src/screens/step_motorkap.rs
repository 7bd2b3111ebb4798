//! Step 2, motorkapoverleg: what each organisation brings, and each item
//! shared between two partners with the ground Bijlage 1 gives the pair
//! (004 l.489-527). Core offers the grounds and refuses what does not fit
//! (art 9 Wpg without an OM contact that said yes, a missing zwaarwegend
//! belang); the refusal shows next to the form, what was typed stays.

use dioxus::prelude::*;
use samenop_core::VariantArray;
use samenop_core::command::Command;
use samenop_core::sharing::{InfoCategory, LegalGround, PICKABLE, motorkap_inputs, needs_weighty_interest, under_avg};
use samenop_core::text::{SharedSummary, ShortText};
use samenop_core::{CaseId, Label, Organisation, Refusal};

use super::actions::{new_record_id, send_here};
use super::motorkap_contacts::{Consultations, OmContacts};
use super::{CaseScreen, local, use_case};
use crate::components::CheckRow;
use crate::i18n::t;

/// An organisation from a select's value (its Debug name).
fn org_of(value: &str) -> Option<Organisation> {
    Organisation::VARIANTS
        .iter()
        .copied()
        .find(|o| format!("{o:?}") == value)
}

/// "22:03 piket-OvJ mr. Test — Ja": an OM contact to pick.
fn om_option(lang: samenop_core::Lang, c: &samenop_core::sharing::OmContactRecord) -> String {
    let yes_no = t(
        lang,
        if c.may_share {
            "motorkap-om_yes"
        } else {
            "motorkap-om_no"
        },
    );
    format!("{} {} — {yes_no}", local(c.contacted_at), c.officer)
}

#[component]
pub fn StepMotorkap(case_id: CaseId) -> Element {
    let CaseScreen { ctx, lang, state } = use_case(case_id);
    let me = ctx
        .field
        .read()
        .session()
        .map(|s| s.account.organisation)
        .unwrap_or(Organisation::Police);
    let other = if me == Organisation::Police {
        Organisation::VeiligThuis
    } else {
        Organisation::Police
    };
    let mut from = use_signal(move || me);
    let mut to = use_signal(move || other);
    let mut category = use_signal(|| None::<InfoCategory>);
    let mut ground = use_signal(|| None::<LegalGround>);
    let mut summary = use_signal(String::new);
    let mut weighty = use_signal(|| false);
    let mut vital_on = use_signal(|| false);
    let mut vital_reason = use_signal(String::new);
    let mut om_pick = use_signal(|| None::<uuid::Uuid>);
    let mut error = use_signal(|| None::<String>);

    let categories = motorkap_inputs(from());
    let cat = category()
        .filter(|c| categories.contains(c))
        .or(categories.first().copied());
    let offered = cat.map(|c| LegalGround::offered(from(), to(), c)).unwrap_or_default();
    let chosen = ground().filter(|g| offered.contains(g)).or(offered.first().copied());
    let om_contacts: Vec<_> = state.om_contacts().to_vec();

    let share = move |_| {
        let lang = (ctx.lang)();
        let (Some(cat), Some(legal_ground)) = (cat, chosen) else {
            return;
        };
        // What was typed is parsed here, at the boundary; core decides the rest.
        let parsed = SharedSummary::parse(&summary())
            .map_err(|e| Refusal::of_text("summary", e))
            .and_then(|s| {
                let reason = if vital_on() || legal_ground == LegalGround::AvgVitalInterest {
                    ShortText::parse_optional(&vital_reason()).map_err(|e| Refusal::of_text("vital_interest", e))?
                } else {
                    None
                };
                Ok((s, reason))
            });
        let (summary_text, vital_interest) = match parsed {
            Ok(p) => p,
            Err(r) => {
                error.set(Some(r.text(lang)));
                return;
            }
        };
        let command = Command::ShareInformation {
            record_id: new_record_id(),
            from: from(),
            to: to(),
            category: cat,
            legal_ground,
            summary: summary_text,
            om_contact_id: if cat.is_art9_wpg() { om_pick() } else { None },
            vital_interest,
            weighty_interest: needs_weighty_interest(from()) && weighty(),
        };
        match send_here(ctx, case_id, command) {
            Ok(()) => {
                summary.set(String::new());
                vital_reason.set(String::new());
                vital_on.set(false);
                weighty.set(false);
                error.set(None);
            }
            Err(text) => error.set(Some(text)),
        }
    };

    rsx! {
        h1 { "2. {samenop_core::steps::Step::Motorkapoverleg.label(lang)}" }
        for org in [Organisation::Police, Organisation::VeiligThuis] {
            section { class: "card",
                h2 { "{org.label(lang)}" }
                ul { class: "inputs",
                    for c in motorkap_inputs(org).iter().copied() {
                        li {
                            button {
                                r#type: "button",
                                class: if from() == org && cat == Some(c) { "opt on" } else { "opt" },
                                onclick: move |_| {
                                    from.set(org);
                                    category.set(Some(c));
                                    // The other side: this account's organisation, or its usual partner.
                                    to.set(if org == me { other } else { me });
                                },
                                "{c.label(lang)}"
                            }
                        }
                    }
                }
            }
        }
        section { class: "card share-form",
            h2 { {t(lang, "motorkap-record")} }
            label { {t(lang, "motorkap-from")}
                select {
                    "data-field": "from",
                    onchange: move |e| if let Some(o) = org_of(&e.value()) { from.set(o) },
                    for o in PICKABLE.iter().copied() {
                        option { value: "{o:?}", selected: o == from(), "{o.label(lang)}" }
                    }
                }
            }
            label { {t(lang, "motorkap-to")}
                select {
                    "data-field": "to",
                    onchange: move |e| if let Some(o) = org_of(&e.value()) { to.set(o) },
                    for o in PICKABLE.iter().copied() {
                        option { value: "{o:?}", selected: o == to(), "{o.label(lang)}" }
                    }
                }
            }
            label { {t(lang, "motorkap-category")}
                select {
                    "data-field": "category",
                    onchange: move |e| {
                        if let Some(c) = InfoCategory::VARIANTS.iter().copied().find(|c| format!("{c:?}") == e.value()) {
                            category.set(Some(c));
                        }
                    },
                    for c in categories.iter().copied() {
                        option { value: "{c:?}", selected: Some(c) == cat, "{c.label(lang)}" }
                    }
                }
            }
            label { {t(lang, "motorkap-legal_ground")}
                select {
                    "data-field": "ground",
                    onchange: move |e| {
                        if let Some(g) = LegalGround::VARIANTS.iter().copied().find(|g| format!("{g:?}") == e.value()) {
                            ground.set(Some(g));
                        }
                    },
                    for g in offered.iter().copied() {
                        option { value: "{g:?}", selected: Some(g) == chosen, "{g.label(lang)}" }
                    }
                }
            }
            // A select cuts a long ground off at 360 px: the chosen one in
            // full, so it is read before it is recorded (UX review, stop 36).
            if let Some(g) = chosen {
                p { class: "chosen-in-full", "data-testid": "ground-in-full", "{g.label(lang)}" }
            }
            if chosen.is_some_and(|g| g.unclear(from(), to())) {
                p { class: "rule blocking", "⚠ " {t(lang, "motorkap-unclear")} }
            }
            label { {t(lang, "motorkap-what_was_shared_short")}
                input { "data-field": "summary", maxlength: "{SharedSummary::MAX}", value: "{summary}", oninput: move |e| summary.set(e.value()) }
            }
            if needs_weighty_interest(from()) {
                CheckRow {
                    label: t(lang, "motorkap-weighty_interest").to_string(),
                    done: weighty(),
                    onchange: move |v| weighty.set(v),
                }
            }
            if under_avg(from()) && chosen != Some(LegalGround::AvgVitalInterest) {
                CheckRow {
                    label: t(lang, "motorkap-vital_interest").to_string(),
                    done: vital_on(),
                    onchange: move |v| vital_on.set(v),
                }
            }
            if vital_on() || chosen == Some(LegalGround::AvgVitalInterest) {
                label { {t(lang, "motorkap-vital_interest_reason")}
                    input { "data-field": "vital_reason", maxlength: "{ShortText::MAX}", value: "{vital_reason}", oninput: move |e| vital_reason.set(e.value()) }
                }
            }
            if cat.is_some_and(InfoCategory::is_art9_wpg) {
                label { {t(lang, "motorkap-om_contact_pick")}
                    select {
                        "data-field": "om_contact",
                        onchange: move |e| om_pick.set(uuid::Uuid::parse_str(&e.value()).ok()),
                        option { value: "", selected: om_pick().is_none(), {t(lang, "motorkap-om_contact_none")} }
                        for c in om_contacts.iter() {
                            option {
                                value: "{c.contact.contact_id}",
                                selected: om_pick() == Some(c.contact.contact_id),
                                {om_option(lang, &c.contact)}
                            }
                        }
                    }
                }
            }
            if let Some(message) = error() {
                p { class: "rule broken", role: "alert", "{message}" }
            }
            button { class: "primary", r#type: "button", onclick: share, {t(lang, "motorkap-record")} }
        }
        h2 { {t(lang, "motorkap-shared")} }
        ul { class: "shared",
            for s in state.shared().iter() {
                li { key: "{s.record.record_id}",
                    "{s.record.from.label(lang)} → {s.record.to.label(lang)}: {s.record.category.label(lang)} — {s.record.summary} "
                    span { class: "ground", "[{s.record.ground_text(lang)}]" }
                }
            }
        }
        if me == Organisation::Police {
            OmContacts { case_id }
        }
        Consultations { case_id }
    }
}
