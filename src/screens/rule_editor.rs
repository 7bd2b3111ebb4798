//! The rule lists of step 4: "wie belt wie wanneer" and "wie informeert
//! wie", of a measure or of the whole case, in one editor.

use dioxus::prelude::*;
use samenop_core::VariantArray;
use samenop_core::event::MeasureAttribute;
use samenop_core::measures::{CallRule, InformRule, MeasureChange};
use samenop_core::text::ShortText;
use samenop_core::{Label, Lang, Organisation};

use crate::AppCtx;
use crate::components::use_control;
use crate::i18n::t;

/// Picks one organisation.
#[component]
pub(super) fn OrgSelect(label: String, value: Signal<Organisation>) -> Element {
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
pub(super) enum RuleList {
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
pub(super) fn RuleEditor(
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
    // A refused list (core's rules) or an empty text shows under the editor.
    let control = use_control();
    rsx! {
        fieldset {
            legend { "{rules.attribute().label(lang)}" }
            for (i, line) in rules.lines(lang).into_iter().enumerate() {
                div { class: "arrangement",
                    span { "{line}" }
                    // Asked once: one tap removed an agreed call rule (UX review, stop 36).
                    super::trace::ConfirmButton {
                        class: "link",
                        label: "✕".to_string(),
                        aria_label: t(lang, "measures-remove_rule").to_string(),
                        question: t(lang, "measures-remove_rule_confirm").to_string(),
                        onconfirm: {
                            let listed = listed.clone();
                            move |_| control.tap(on_change, listed.without(i))
                        },
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
                            move |_| control.tap(on_change, suggested.with(rule.caller, rule.callee, rule.when.clone()))
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
                        control.refuse(missing_text);
                        return;
                    }
                    control.tap(on_change, rules.with(party(), callee(), typed));
                    // Cleared only when the list was taken (the text stays with a refusal).
                    if control.error().is_none() {
                        text.set(String::new());
                    }
                },
                {add_label}
            }
            {control.message()}
        }
    }
}
