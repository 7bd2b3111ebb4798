//! One agreed measure on step 4: what was agreed (owner, dates, deadlines
//! from core, first contact, call tree) and the changes a participant
//! makes to it, each with its refusal beneath it.

use chrono::{DateTime, Utc};
use dioxus::prelude::*;
use samenop_core::VariantArray;
use samenop_core::command::Command;
use samenop_core::event::MeasureAttribute;
use samenop_core::measures::{
    AgreedMeasure, Compliance, ContactPoint, Framework, MeasureChange, MeasureId, MeasureOwner, MeasureStatus,
    Reassessment, ReassessmentOutcome,
};
use samenop_core::summary::local_input_value;
use samenop_core::text::ShortText;
use samenop_core::{Assignment, CaseId, FieldKey, Label, Lang, Organisation};

use super::actions::{send, set};
use super::rule_editor::{OrgSelect, RuleEditor, RuleList};
use crate::components::{ChoiceToggle, use_control};
use crate::i18n::t;
use crate::screens::local;
use crate::{AppCtx, platform};

/// The statuses a participant sets with one tap (withdrawing asks first).
const STATUSES: [MeasureStatus; 3] = [MeasureStatus::Agreed, MeasureStatus::Imposed, MeasureStatus::Ended];

#[component]
pub(super) fn MeasureCard(case_id: CaseId, measure: AgreedMeasure) -> Element {
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
    let id = measure.measure_id;
    let draft = |field: &str| format!("{case_id}:measure:{}:{field}", id.0);
    let mut on_breach = super::resume::use_draft(draft("on_breach"));
    let mut person = super::resume::use_draft(draft("contact_person"));
    let mut phone = super::resume::use_draft(draft("contact_phone"));
    let org = measure.owner.organisation;
    let change = move |change: MeasureChange| set(ctx, case_id, Assignment::Measure { measure_id: id, change });
    // Each part of the card shows its own refusal beneath it (issue 17 §1).
    let contact_control = use_control();
    let reassess_control = use_control();
    let compliance_control = use_control();
    let in_error = measure.status == MeasureStatus::RecordedInError;
    // Who withdrew it as "foutief vastgelegd", and when.
    let in_error_by = in_error
        .then(|| {
            let state = ctx.field.read().case(&case_id);
            state
                .current_author(&samenop_core::FieldKey::Measure(
                    id,
                    samenop_core::event::MeasureAttribute::Status,
                ))
                .map(|(a, at)| {
                    samenop_core::catalogue::fill(
                        lang,
                        "trace-recorded_in_error_by",
                        &[
                            ("who", &a.display_name),
                            ("org", &a.organisation.label(lang)),
                            ("at", &local(at)),
                        ],
                    )
                })
        })
        .flatten();
    rsx! {
        article { class: if in_error { "card measure recorded-in-error" } else { "card measure" }, "data-testid": "measure-card",
            h3 { "{measure.kind.label(lang)}" }
            if let Some(by) = in_error_by {
                p { class: "in-error-by", "data-testid": "recorded-in-error", "{by}" }
            }
            p { class: "muted", "{measure.kind.framework().label(lang)} · {measure.status.label(lang)}" }
            p { {format!("{}: {} ({})", MeasureAttribute::Owner.label(lang), measure.owner.person, measure.owner.organisation.label(lang))} }
            super::trace::FieldTrace { case_id, field: FieldKey::Measure(id, MeasureAttribute::Owner) }
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
            // A measure recorded by mistake never ran: no deadlines.
            for d in measure.deadlines().into_iter().filter(|_| !in_error) {
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
                MomentField { case_id, measure_id: id, attribute: MeasureAttribute::StartedAt, value: measure.started_at }
                MomentField { case_id, measure_id: id, attribute: MeasureAttribute::Until, value: measure.until }
                MomentField { case_id, measure_id: id, attribute: MeasureAttribute::ReassessAt, value: measure.reassess_at }
                fieldset {
                    legend { "{MeasureAttribute::FirstContact.label(lang)}" }
                    label { {t(lang, "measures-name")} input { value: "{person}", oninput: move |e| person.set(e.value()) } }
                    label { {t(lang, "measures-phone")} input { r#type: "tel", value: "{phone}", oninput: move |e| phone.set(e.value()) } }
                    button {
                        r#type: "button",
                        onclick: move |_| {
                            let contact = Some(ContactPoint { organisation: org, person: person().trim().to_string(), phone: phone().trim().to_string() });
                            contact_control.run(|| change(MeasureChange::FirstContact { contact }));
                        },
                        {t(lang, "measures-save")}
                    }
                    {contact_control.message()}
                    super::trace::FieldTrace { case_id, field: FieldKey::Measure(id, MeasureAttribute::FirstContact) }
                }
                RuleEditor { rules: RuleList::Calls(measure.call_tree.clone()), on_change: move |l: RuleList| change(l.into()) }
                RuleEditor { rules: RuleList::Informs(measure.informs.clone()), on_change: move |l: RuleList| change(l.into()) }
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
                                            reassess_control.run(|| change(MeasureChange::Reassessed { reassessment }));
                                        }
                                    },
                                    "{outcome.label(lang)}"
                                }
                            }
                        }
                        {reassess_control.message()}
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
                                compliance_control.run(|| change(MeasureChange::Compliance { compliance }));
                            },
                            {t(lang, "measures-save")}
                        }
                        {compliance_control.message()}
                    }
                }
                fieldset {
                    legend { "{MeasureAttribute::Status.label(lang)}" }
                    ChoiceToggle {
                        label: MeasureAttribute::Status.label(lang).to_string(),
                        variant: "wide",
                        options: STATUSES.iter().map(|s| s.label(lang).to_string()).collect::<Vec<_>>(),
                        selected: STATUSES.iter().position(|s| measure.status == *s),
                        trace: (case_id, samenop_core::FieldKey::Measure(id, samenop_core::event::MeasureAttribute::Status)),
                        onchange: move |i: usize| change(MeasureChange::Status { status: STATUSES[i] }),
                    }
                    // Withdrawing ends a real measure; "foutief vastgelegd"
                    // takes a mistake out of every count. Each asks once.
                    div { class: "withdraw",
                        for (status, label, question) in [
                            (MeasureStatus::Withdrawn, status_label(MeasureStatus::Withdrawn, lang), t(lang, "trace-confirm_withdrawn")),
                            (MeasureStatus::RecordedInError, t(lang, "trace-record_in_error").to_string(), t(lang, "trace-confirm_recorded_in_error")),
                        ] {
                            super::trace::ConfirmButton {
                                key: "{status:?}",
                                class: if measure.status == status { "opt on" } else { "opt" },
                                testid: "status-{status:?}",
                                disabled: measure.status == status,
                                label,
                                question: question.to_string(),
                                onconfirm: move |_| change(MeasureChange::Status { status }),
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A moment typed on scene (Amsterdam time); empty clears it. A refusal
/// (core's date rules, issue 17 §1) shows under the field, and what was
/// typed stays, also through the lock (a sealed draft).
#[component]
fn MomentField(
    case_id: CaseId,
    measure_id: MeasureId,
    attribute: MeasureAttribute,
    value: Option<DateTime<Utc>>,
) -> Element {
    let ctx = use_context::<AppCtx>();
    let lang = (ctx.lang)();
    let key = format!("{case_id}:measure:{}:{attribute:?}", measure_id.0);
    let mut text = super::resume::use_draft_or(key, value.map(local_input_value).unwrap_or_default());
    let control = use_control();
    let testid = format!("moment-{attribute:?}");
    rsx! {
        div { class: "moment", "data-testid": "{testid}",
            label { "{attribute.label(lang)}"
                input { r#type: "datetime-local", value: "{text}", oninput: move |e| text.set(e.value()) }
            }
            button {
                r#type: "button",
                onclick: move |_| {
                    let Some(at) = super::actions::typed_moment(&text()) else {
                        control.refuse(t(lang, "measures-not_a_valid_moment_date"));
                        return;
                    };
                    let change = match attribute {
                        MeasureAttribute::StartedAt => MeasureChange::StartedAt { at },
                        MeasureAttribute::Until => MeasureChange::Until { at },
                        _ => MeasureChange::ReassessAt { at },
                    };
                    let command = Command::Set(Assignment::Measure { measure_id, change });
                    control.run(|| send(ctx, case_id, command));
                },
                {t(lang, "measures-save")}
            }
            {control.message()}
            super::trace::FieldTrace { case_id, field: FieldKey::Measure(measure_id, attribute) }
        }
    }
}

/// A measure status as a button says it.
fn status_label(status: MeasureStatus, lang: Lang) -> String {
    status.label(lang).to_string()
}
