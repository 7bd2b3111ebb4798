//! Step 4: onderzoek afspraken and the agreed measures, each with owner,
//! until, re-assessment, first point of contact and who calls whom;
//! deadlines come from the core (huisverbod +10 days, OvJ +9 h).

use chrono::{DateTime, Utc};
use dioxus::prelude::*;
use samenop_core::VariantArray;
use samenop_core::agreement::suggested_call_rules;
use samenop_core::command::{Command, FirstContact};
use samenop_core::event::MeasureAttribute;
use samenop_core::measures::{
    AgreedMeasure, CallRule, Compliance, ContactPoint, Framework, InformRule, MeasureChange, MeasureId, MeasureKind,
    MeasureOwner, MeasureStatus, Reassessment, ReassessmentOutcome,
};
use samenop_core::summary::{local_input_value, parse_local_input};
use samenop_core::text::ShortText;
use samenop_core::{Assignment, CaseId, FieldKey, Label, Lang, Organisation, Refusal};

use super::actions::{send, set};
use super::{CaseScreen, use_case};
use crate::i18n::t;
use crate::screens::local;
use crate::{AppCtx, platform};

#[component]
pub fn StepMeasures(case_id: CaseId) -> Element {
    let CaseScreen { ctx, lang, state } = use_case(case_id);
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
        CaseAgreementCard { case_id }
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

/// A rule list: "wie belt wie wanneer" (of a measure or of the whole case)
/// or "wie informeert wie" (of a measure). Each names its words and its
/// rules here, so one editor serves all three.
#[derive(Clone, PartialEq)]
enum RuleList {
    Calls(Vec<CallRule>),
    Informs(Vec<InformRule>),
}

impl From<RuleList> for MeasureChange {
    fn from(list: RuleList) -> Self {
        match list {
            RuleList::Calls(rules) => MeasureChange::CallTree { rules },
            RuleList::Informs(rules) => MeasureChange::Informs { rules },
        }
    }
}

impl RuleList {
    fn attribute(&self) -> MeasureAttribute {
        match self {
            Self::Calls(_) => MeasureAttribute::CallTree,
            Self::Informs(_) => MeasureAttribute::Informs,
        }
    }

    /// The free text asked, what is said when it is left empty, and the add button.
    fn words(&self, lang: Lang) -> [&'static str; 3] {
        match self {
            Self::Calls(_) => [
                t(lang, "measures-when"),
                t(lang, "measures-say_when_to_call"),
                t(lang, "measures-add_call_rule"),
            ],
            Self::Informs(_) => [
                t(lang, "measures-who_is_informed_e_g"),
                t(lang, "measures-say_who_is_informed"),
                t(lang, "measures-add"),
            ],
        }
    }

    /// The rules as lines, each with its symbol.
    fn lines(&self, lang: Lang) -> Vec<String> {
        match self {
            Self::Calls(rules) => rules.iter().map(|r| format!("☎ {}", r.text(lang))).collect(),
            Self::Informs(rules) => rules.iter().map(|r| format!("✉ {}", r.text(lang))).collect(),
        }
    }

    /// The whole list without rule `i`.
    fn without(&self, i: usize) -> Self {
        match self {
            Self::Calls(rules) => Self::Calls(without(rules, i)),
            Self::Informs(rules) => Self::Informs(without(rules, i)),
        }
    }

    /// The whole list with a rule added: `party` calls `callee` (call
    /// tree) or informs (informs) as `text` says.
    fn with(&self, party: Organisation, callee: Organisation, text: String) -> Self {
        match self {
            Self::Calls(rules) => {
                let rule = CallRule {
                    caller: party,
                    callee,
                    when: text,
                };
                Self::Calls([rules.clone(), vec![rule]].concat())
            }
            Self::Informs(rules) => {
                let rule = InformRule {
                    informer: party,
                    informs: text,
                };
                Self::Informs([rules.clone(), vec![rule]].concat())
            }
        }
    }

    /// The suggested call rules not agreed yet.
    fn open_suggestions(&self, suggestions: &[CallRule]) -> Vec<CallRule> {
        match self {
            Self::Calls(rules) => suggestions.iter().filter(|s| !rules.contains(s)).cloned().collect(),
            Self::Informs(_) => Vec::new(),
        }
    }
}

fn without<R: Clone>(rules: &[R], i: usize) -> Vec<R> {
    let mut rules = rules.to_vec();
    rules.remove(i);
    rules
}

/// A rule list: the agreed rules, one per line, each with a button that
/// removes it; the suggestions (call rules only), one tap each to agree;
/// then the parties, a free text and a button that adds the rule. Each
/// save writes the whole list.
#[component]
fn RuleEditor(
    rules: RuleList,
    on_change: EventHandler<RuleList>,
    #[props(default)] suggestions: Vec<CallRule>,
) -> Element {
    let ctx = use_context::<AppCtx>();
    let lang = (ctx.lang)();
    let [text_label, missing_text, add_label] = rules.words(lang);
    let calls = matches!(rules, RuleList::Calls(_));
    // Who calls or informs; and, in the call tree, who is called.
    let party = use_signal(|| Organisation::VeiligThuis);
    let callee = use_signal(|| Organisation::Police);
    let mut text = use_signal(String::new);
    let open_suggestions = rules.open_suggestions(&suggestions);
    let listed = rules.clone();
    let suggested = rules.clone();
    rsx! {
        fieldset {
            legend { "{rules.attribute().label(lang)}" }
            for (i, line) in rules.lines(lang).into_iter().enumerate() {
                div { class: "arrangement",
                    span { "{line}" }
                    button {
                        r#type: "button",
                        class: "link",
                        aria_label: t(lang, "measures-remove_rule"),
                        onclick: {
                            let listed = listed.clone();
                            move |_| on_change.call(listed.without(i))
                        },
                        "✕"
                    }
                }
            }
            if !open_suggestions.is_empty() {
                p { class: "muted", {t(lang, "agreement-suggestion")} }
                for rule in open_suggestions {
                    button {
                        r#type: "button",
                        class: "suggestion",
                        onclick: {
                            let suggested = suggested.clone();
                            let rule = rule.clone();
                            move |_| on_change.call(suggested.with(rule.caller, rule.callee, rule.when.clone()))
                        },
                        "+ ☎ {rule.text(lang)}"
                    }
                }
            }
            if calls {
                OrgSelect { label: t(lang, "measures-who_calls"), value: party }
                OrgSelect { label: t(lang, "measures-who_is_called"), value: callee }
            } else {
                OrgSelect { label: t(lang, "measures-who_informs"), value: party }
            }
            label { {text_label}
                input { value: "{text}", maxlength: "{ShortText::MAX}", oninput: move |e| text.set(e.value()) }
            }
            button {
                r#type: "button",
                onclick: move |_| {
                    let typed = text().trim().to_string();
                    if typed.is_empty() {
                        ctx.fail(missing_text);
                        return;
                    }
                    on_change.call(rules.with(party(), callee(), typed));
                    text.set(String::new());
                },
                {add_label}
            }
        }
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
                if send(ctx, case_id, command) {
                    person.set(String::new());
                    phone.set(String::new());
                }
            }
            Err(r) => ctx.fail(r.text(lang)),
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
