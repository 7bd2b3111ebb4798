//! Small shared widgets: the three-way answer toggle, checklist rows, the
//! sync badge. Large touch targets and a label on every control.

use dioxus::prelude::*;
use samenop_core::{Answer, CaseId, Label};

use crate::AppCtx;
use samenop_device::sync::SyncStatus;

/// A shared control's identity: `tap` runs its change with the control
/// marked as tapped, so a refusal lands under it (`actions::send`), and
/// `error` is that refusal while it stands.
#[derive(Clone, Copy)]
pub struct Control {
    id: u64,
    ctx: AppCtx,
}

impl Control {
    pub fn tap<T: 'static>(self, onchange: EventHandler<T>, value: T) {
        self.run(|| onchange.call(value));
    }

    /// Runs a button's action with this control marked as tapped: a
    /// command it sends (`actions::send`) is refused under this control.
    pub fn run<R>(mut self, action: impl FnOnce() -> R) -> R {
        self.ctx.tapped.set(Some(self.id));
        let result = action();
        self.ctx.tapped.set(None);
        result
    }

    /// A refusal found before anything is sent (a typed text that does not
    /// parse), shown under this control like core's.
    pub fn refuse(mut self, text: impl std::fmt::Display) {
        self.ctx.control_error.set(Some((self.id, text.to_string())));
    }

    pub fn error(self) -> Option<String> {
        (self.ctx.control_error)().and_then(|(id, text)| (id == self.id).then_some(text))
    }

    /// The refusal under the control, where the eye is (issue 17 §1).
    pub fn message(self) -> Element {
        match self.error() {
            Some(error) => rsx! {
                p { class: "field-error", role: "alert", "data-testid": "control-error", "{error}" }
            },
            None => rsx! {},
        }
    }
}

pub fn use_control() -> Control {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let ctx = use_context::<AppCtx>();
    let id = use_hook(|| NEXT.fetch_add(1, Ordering::Relaxed));
    Control { id, ctx }
}

/// Ja / Nee / Onbekend as three large buttons; the chosen one is pressed.
/// `risk` is the answer that keeps a case unsafe, shown in the acute
/// colour when chosen: "ja" for most questions, "nee" for oversight by
/// third parties (core's `is_protective`, 002 l.1091-1093), none for a
/// question that is no danger either way (the suspect a minor). A
/// protective "ja" in red read as a danger (UX review, stop 36).
#[component]
pub fn AnswerToggle(
    label: String,
    value: Answer,
    onchange: EventHandler<Answer>,
    help: Option<String>,
    #[props(default)] trace: Option<Traced>,
    #[props(default = Some(Answer::Yes))] risk: Option<Answer>,
) -> Element {
    let ctx = use_context::<AppCtx>();
    let control = use_control();
    let t = ctx.texts();
    let options = [(Answer::Yes, t.yes), (Answer::No, t.no), (Answer::Unknown, t.unknown)];
    rsx! {
        fieldset { class: "question",
            legend { "{label}" }
            if let Some(help) = help {
                p { class: "help", "{help}" }
            }
            div { class: "toggle", role: "radiogroup", aria_label: "{label}",
                for (answer, text) in options {
                    button {
                        r#type: "button",
                        role: "radio",
                        class: match (value == answer, Some(answer) == risk) {
                            (true, true) => "opt on risk",
                            (true, false) => "opt on",
                            (false, _) => "opt",
                        },
                        aria_checked: if value == answer { "true" } else { "false" },
                        aria_label: "{label}: {text}",
                        onclick: move |_| control.tap(onchange, answer),
                        "{text}"
                    }
                }
            }
            {control.message()}
            {traced(trace)}
        }
    }
}

/// One of a few options as large buttons, the chosen one pressed; a
/// refused choice shows beneath. Options by position, so any core term
/// fits (the caller maps the index back).
#[component]
pub fn ChoiceToggle(
    label: String,
    options: Vec<String>,
    selected: Option<usize>,
    onchange: EventHandler<usize>,
    #[props(default)] variant: String,
    #[props(default)] trace: Option<Traced>,
) -> Element {
    let control = use_control();
    rsx! {
        div { class: "toggle {variant}", role: "radiogroup", aria_label: "{label}",
            for (i, text) in options.into_iter().enumerate() {
                button {
                    r#type: "button",
                    role: "radio",
                    class: if selected == Some(i) { "opt on" } else { "opt" },
                    aria_checked: if selected == Some(i) { "true" } else { "false" },
                    onclick: move |_| control.tap(onchange, i),
                    "{text}"
                }
            }
        }
        {control.message()}
        {traced(trace)}
    }
}

/// A checklist row: a big checkbox with its label and, when done, the time.
#[component]
pub fn CheckRow(
    label: String,
    done: bool,
    at: Option<String>,
    onchange: EventHandler<bool>,
    #[props(default)] trace: Option<Traced>,
) -> Element {
    let control = use_control();
    rsx! {
        label { class: if done { "check done" } else { "check" },
            input {
                r#type: "checkbox",
                checked: done,
                aria_label: "{label}",
                onchange: move |e| control.tap(onchange, e.checked()),
            }
            span { class: "check-label", "{label}" }
            if let Some(at) = at {
                span { class: "check-at", "{at}" }
            }
        }
        {control.message()}
        {traced(trace)}
    }
}

/// The field a control sets, in its case: its history opens with a tap
/// under the control (issue 17 §3; core's `CaseState::history`).
pub type Traced = (CaseId, samenop_core::FieldKey);

fn traced(trace: Option<Traced>) -> Element {
    match trace {
        Some((case_id, field)) => rsx! {
            crate::screens::trace::FieldTrace { case_id, field }
        },
        None => rsx! {},
    }
}

/// "Klok wijkt af": this device's clock differs from the server's by more
/// than a couple of minutes (the device compares, `Field::clock_skew`);
/// past five minutes the server refuses what it records (issue 13 §3).
#[component]
pub fn ClockBanner() -> Element {
    let ctx = use_context::<AppCtx>();
    let lang = (ctx.lang)();
    let Some(skew) = ctx.field.read().clock_skew() else {
        return rsx! {};
    };
    // A positive skew: the server is ahead, so this device runs behind.
    let direction = samenop_core::catalogue::text(
        lang,
        if skew > 0 {
            "app-clock_behind"
        } else {
            "app-clock_ahead"
        },
    );
    let minutes = (skew.unsigned_abs() + 30_000) / 60_000;
    let message = samenop_core::catalogue::fill(
        lang,
        "app-clock_skewed",
        &[("minutes", &minutes), ("direction", &direction)],
    );
    rsx! {
        div { class: "error clock-skew", role: "alert", "data-testid": "clock-skew", "{message}" }
    }
}

/// Offline / syncing / synced / unreadable answer, and how many events wait.
#[component]
pub fn SyncBadge() -> Element {
    let ctx = use_context::<AppCtx>();
    let t = ctx.texts();
    let pending = ctx.field.read().local.outbox.len();
    let not_sent = ctx.field.read().local.not_sent.len();
    let (class, text) = match (ctx.sync)() {
        SyncStatus::Offline => ("badge offline", t.offline),
        SyncStatus::Syncing if !(ctx.sync_answered)() => ("badge syncing", t.connecting),
        SyncStatus::Syncing => ("badge syncing", t.syncing),
        SyncStatus::Synced => ("badge synced", t.synced),
        SyncStatus::Unreadable => ("badge unreadable", t.unreadable),
    };
    // Something the server refused never sits under a green "Gesynchroniseerd"
    // (UX review, stop 36): the badge turns to the refusal's colour and says it.
    let lang = (ctx.lang)();
    let refused =
        (not_sent > 0).then(|| samenop_core::catalogue::fill(lang, "app-not_sent_count", &[("count", &not_sent)]));
    let (class, text) = match (&refused, (ctx.sync)()) {
        (Some(_), SyncStatus::Synced) => ("badge refused", String::new()),
        (Some(_), _) => ("badge refused", format!("{text} · ")),
        (None, _) => (class, text.to_string()),
    };
    rsx! {
        span { class: "{class}", role: "status", aria_live: "polite", "data-testid": "sync-badge",
            "{text}"
            if let Some(refused) = refused {
                "{refused}"
            }
            if pending > 0 {
                " · {pending} {t.pending}"
            }
        }
    }
}

/// "Niet verzonden": what the server refused, with its reason, so nobody
/// believes it reached colleagues. `case_id` narrows it to one case.
#[component]
pub fn NotSentList(case_id: Option<CaseId>) -> Element {
    let ctx = use_context::<AppCtx>();
    let t = ctx.texts();
    let lang = (ctx.lang)();
    let details = crate::i18n::t(lang, "app-server_said");
    let items: Vec<(String, String, String, String)> = ctx
        .field
        .read()
        .local
        .not_sent
        .iter()
        .filter(|n| case_id.is_none_or(|c| n.event.case_id == c))
        .map(|n| {
            (
                n.event.id.to_string(),
                n.event.kind.describe(lang),
                n.text(lang),
                n.reason.clone(),
            )
        })
        .collect();
    rsx! {
        if !items.is_empty() {
            section { class: "card not-sent", role: "alert", aria_label: "{t.not_sent}", "data-testid": "not-sent",
                h2 { "{t.not_sent} ({items.len()})" }
                p { class: "muted", "{t.not_sent_help}" }
                ul {
                    for (id, what, reason, server_said) in items {
                        li { key: "{id}",
                            span { class: "what", "{what}" }
                            span { class: "reason", "{t.reason}: {reason}" }
                            // The server's own line, for support (not the user's words).
                            details { class: "server-said",
                                summary { "{details}" }
                                code { "{server_said}" }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Label of a core term in the current language.
pub fn term<L: Label>(ctx: &AppCtx, item: &L) -> String {
    item.label((ctx.lang)()).to_string()
}

/// "Weergave": colours (systeem/licht/donker) and language, kept on this device
/// (`platform::save_pref`; a preference, not personal data).
#[component]
pub fn DisplayPrefs() -> Element {
    let ctx = use_context::<AppCtx>();
    let t = ctx.texts();
    let mut theme = use_signal(|| match crate::platform::load_pref("theme").as_str() {
        "light" => "light",
        "dark" => "dark",
        _ => "system",
    });
    let lang = (ctx.lang)();
    rsx! {
        section { class: "card no-print", aria_label: "{t.display}", "data-testid": "display-prefs",
            h2 { "{t.display}" }
            div { class: "prefs",
                label { "{t.theme}"
                    select {
                        "data-testid": "theme",
                        onchange: move |e| {
                            let chosen = match e.value().as_str() {
                                "light" => "light",
                                "dark" => "dark",
                                _ => "system",
                            };
                            theme.set(chosen);
                            crate::platform::save_pref("theme", chosen);
                        },
                        for (value, text) in [("system", t.theme_system), ("light", t.theme_light), ("dark", t.theme_dark)] {
                            option { value, selected: theme() == value, "{text}" }
                        }
                    }
                }
                label { "{t.language_choice}"
                    select {
                        "data-testid": "language",
                        onchange: move |e| {
                            let mut l = ctx.lang;
                            l.set(if e.value() == "en" { samenop_core::Lang::En } else { samenop_core::Lang::Nl });
                        },
                        option { value: "nl", lang: "nl", selected: lang == samenop_core::Lang::Nl, "Nederlands" }
                        option { value: "en", lang: "en", selected: lang == samenop_core::Lang::En, "English" }
                    }
                }
            }
        }
    }
}
