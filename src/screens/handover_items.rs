//! Step 5's items the toolkit asks for (issue 14 part 3): structurele
//! onveiligheid with its Bijlage II sub-items and "anders, namelijk" (002
//! l.1147–1187), the VT-melding and a zorgmelding per child (002 l.263,
//! l.4431), the record in each organisation's own system and the forums the
//! structural unsafety goes to (004 l.377, l.147), the victim informed (002
//! l.867–881) and "was samen optrekken van meerwaarde?" (004 l.430). Core
//! decides what blocks; these components render and send commands.

use dioxus::prelude::*;
use samenop_core::handover::{FollowUpForum, HandoverItem, MAX_CHILDREN};
use samenop_core::text::ShortText;
use samenop_core::triage::StructuralCategory;
use samenop_core::{Answer, Assignment, CaseId, Command, Label, Organisation, Refusal, VariantArray};

use super::actions::{send_here, set};
use super::{CaseScreen, use_case};
use crate::components::CheckRow;
use crate::i18n::t;

/// Structurele onveiligheid: one collapsible group per Bijlage II heading,
/// so the list stays one thumb long; "anders, namelijk" under Bijzondere
/// vormen (002 l.1187), its refusal shown under the field.
#[component]
pub fn StructuralSection(case_id: CaseId) -> Element {
    let CaseScreen { ctx, lang, state } = use_case(case_id);
    let recorded = state.structural_sub_items();
    let saved_other = state.structural_other().unwrap_or_default();
    let mut other = use_signal(|| saved_other.clone());
    let mut other_error = use_signal(|| None::<String>);
    let save_other = move |_| {
        let lang = (ctx.lang)();
        let text = match ShortText::parse_optional(&other()) {
            Ok(t) => t.map(ShortText::into_string).unwrap_or_default(),
            Err(e) => {
                other_error.set(Some(Refusal::of_text("structural_other.text", e).text(lang)));
                return;
            }
        };
        other_error.set(send_here(ctx, case_id, Command::Set(Assignment::StructuralOther { text })).err());
    };
    rsx! {
        section { class: "card structural", "data-testid": "structural",
            h2 { {t(lang, "structural-title")} }
            p { class: "help", {t(lang, "structural-intro")} }
            for category in StructuralCategory::VARIANTS.iter().copied() {
                details { key: "{category:?}", class: "group",
                    open: recorded.iter().any(|s| s.category() == category),
                    summary {
                        span { class: "group-label", "{category.label(lang)}" }
                        {
                            let n = recorded.iter().filter(|s| s.category() == category).count();
                            rsx! { if n > 0 { span { class: "count", " ({n})" } } }
                        }
                    }
                    for item in category.sub_items() {
                        CheckRow {
                            key: "{item:?}",
                            label: item.label(lang).to_string(),
                            done: recorded.contains(&item),
                            trace: (case_id, samenop_core::FieldKey::StructuralSubItem(item)),
                            onchange: move |on: bool| set(ctx, case_id, Assignment::StructuralSubItem { item, recorded: on }),
                        }
                    }
                    if category == StructuralCategory::BijzondereVormen {
                        label { {t(lang, "field_key-structural_other")}
                            input {
                                maxlength: "{ShortText::MAX}",
                                value: "{other}",
                                aria_invalid: if other_error().is_some() { "true" } else { "false" },
                                oninput: move |e| other.set(e.value()),
                            }
                        }
                        if let Some(err) = other_error() {
                            p { class: "field-error", role: "alert", "{err}" }
                        }
                        button { r#type: "button", onclick: save_other, {t(lang, "structural-save_other")} }
                    }
                }
            }
        }
    }
}

/// The VT-melding, a zorgmelding per child, own systems, the victim
/// informed and where the structural unsafety goes.
#[component]
pub fn HandoverItems(case_id: CaseId) -> Element {
    let CaseScreen { ctx, lang, state } = use_case(case_id);
    let h = state.handover();
    let set_item = move |item: HandoverItem| set(ctx, case_id, Assignment::Handover { item });
    let children = h.child_care_reports.clone();
    let child_word = t(lang, "handover-child");
    rsx! {
        section { class: "card handover-items", "data-testid": "handover-items",
            h2 { {t(lang, "summary-handover")} }
            CheckRow {
                label: t(lang, "handover_key-vt_report").to_string(),
                done: h.vt_report,
                trace: (case_id, samenop_core::FieldKey::Handover(samenop_core::event::HandoverKey::VtReport)),
                onchange: move |done| set_item(HandoverItem::VtReport { done }),
            }
            fieldset { class: "question", "data-testid": "child-care-reports",
                legend { {t(lang, "handover_key-child_care_reports")} }
                for (i, done) in children.iter().copied().enumerate() {
                    CheckRow {
                        key: "{i}",
                        label: format!("{child_word} {}", i + 1),
                        done,
                        onchange: {
                            let children = children.clone();
                            move |on: bool| {
                                let mut reported = children.clone();
                                if let Some(slot) = reported.get_mut(i) {
                                    *slot = on;
                                }
                                set_item(HandoverItem::ChildCareReports { reported });
                            }
                        },
                    }
                }
                div { class: "row-buttons",
                    button {
                        r#type: "button",
                        disabled: children.len() >= MAX_CHILDREN,
                        onclick: {
                            let children = children.clone();
                            move |_| {
                                let mut reported = children.clone();
                                reported.push(false);
                                set_item(HandoverItem::ChildCareReports { reported });
                            }
                        },
                        {t(lang, "handover-add_child")}
                    }
                    if !children.is_empty() {
                        button {
                            r#type: "button",
                            onclick: {
                                let children = children.clone();
                                move |_| {
                                    let mut reported = children.clone();
                                    reported.pop();
                                    set_item(HandoverItem::ChildCareReports { reported });
                                }
                            },
                            {t(lang, "handover-remove_child")}
                        }
                    }
                }
            }
            for organisation in [Organisation::Police, Organisation::VeiligThuis] {
                CheckRow {
                    key: "{organisation:?}",
                    label: samenop_core::catalogue::fill(lang, "handover-recorded_by", &[("organisation", &organisation.label(lang))]),
                    done: h.recorded_in_own_system.contains(&organisation),
                    trace: (case_id, samenop_core::FieldKey::Handover(samenop_core::event::HandoverKey::RecordedInOwnSystem(organisation))),
                    onchange: move |done| set_item(HandoverItem::RecordedInOwnSystem { organisation, done }),
                }
            }
            CheckRow {
                label: t(lang, "handover_key-victim_informed").to_string(),
                done: h.victim_informed,
                trace: (case_id, samenop_core::FieldKey::Handover(samenop_core::event::HandoverKey::VictimInformed)),
                onchange: move |done| set_item(HandoverItem::VictimInformed { done }),
            }
            fieldset { class: "question",
                legend { {t(lang, "handover_key-structural_handed_over_to")} }
                for forum in FollowUpForum::VARIANTS.iter().copied() {
                    CheckRow {
                        key: "{forum:?}",
                        label: forum.label(lang).to_string(),
                        done: h.structural_handed_over_to.contains(&forum),
                        onchange: {
                            let current = h.structural_handed_over_to.clone();
                            move |on: bool| {
                                let mut forums: Vec<FollowUpForum> = current.iter().copied().filter(|f| *f != forum).collect();
                                if on {
                                    forums.push(forum);
                                }
                                set_item(HandoverItem::StructuralHandedOverTo { forums });
                            }
                        },
                    }
                }
            }
        }
    }
}

/// "Was samen optrekken van meerwaarde?" with its toelichting (004 l.430):
/// ja / nee and the text are sent together; core refuses a bare answer and
/// the refusal stands under the field, the typed text kept.
#[component]
pub fn AddedValue(case_id: CaseId) -> Element {
    let CaseScreen { ctx, lang, state } = use_case(case_id);
    let h = state.handover();
    let mut answer = use_signal(|| h.added_value);
    let mut explanation = use_signal(|| h.added_value_explanation.clone());
    let mut error = use_signal(|| None::<String>);
    let texts = ctx.texts();
    let save = move |_| {
        let item = HandoverItem::AddedValue {
            answer: answer(),
            explanation: explanation().trim().to_string(),
        };
        error.set(send_here(ctx, case_id, Command::Set(Assignment::Handover { item })).err());
    };
    let question = t(lang, "handover_key-added_value");
    rsx! {
        section { class: "card evaluation", "data-testid": "added-value",
            h2 { {t(lang, "handover-evaluation")} }
            fieldset { class: "question",
                legend { "{question}" }
                div { class: "toggle two", role: "radiogroup", aria_label: "{question}",
                    for (value, text) in [(Answer::Yes, texts.yes), (Answer::No, texts.no)] {
                        button {
                            r#type: "button",
                            role: "radio",
                            class: if answer() == value { "opt on" } else { "opt" },
                            aria_checked: if answer() == value { "true" } else { "false" },
                            onclick: move |_| answer.set(value),
                            "{text}"
                        }
                    }
                }
                label { {t(lang, "handover-added_value_explanation")}
                    textarea {
                        maxlength: "{ShortText::MAX}",
                        rows: "3",
                        value: "{explanation}",
                        aria_invalid: if error().is_some() { "true" } else { "false" },
                        oninput: move |e| explanation.set(e.value()),
                    }
                }
                if let Some(err) = error() {
                    p { class: "field-error", role: "alert", "{err}" }
                }
                button { r#type: "button", disabled: answer() == Answer::Unknown, onclick: save, {t(lang, "handover-save_added_value")} }
            }
        }
    }
}
