//! "Afmelden" (issue 16 §2): asked once, then the device signs out —
//! unsent entries are sent first; if they cannot be, the user chooses to
//! wait or to sign out anyway, told how many are lost. The device crate
//! (`samenop_device::signout`) decides and wipes; this only asks.

use dioxus::prelude::*;
use samenop_core::catalogue::fill;
use samenop_device::signout::{SignOut, sign_out};

use crate::{AppCtx, View};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    Idle,
    Asking,
    Busy,
    /// This many entries could not be sent.
    Failed(usize),
}

/// The sign-out button of a header bar, with its question beneath.
#[component]
pub fn SignOutButton() -> Element {
    let ctx = use_context::<AppCtx>();
    let t = ctx.texts();
    let lang = (ctx.lang)();
    let mut step = use_signal(|| Step::Idle);
    let unsent = ctx.field.read().unsent();
    // A failed sign-out is told in its own dialog, where the eye is (issue 17 §1).
    let control = crate::components::use_control();

    let mut run = move |lose_unsent: bool| {
        step.set(Step::Busy);
        let mut ctx = ctx;
        spawn(async move {
            match sign_out(&mut ctx, lose_unsent).await {
                Ok(SignOut::Done) => {
                    step.set(Step::Idle);
                    ctx.pending_login.set(None);
                    ctx.go(View::Login);
                }
                Ok(SignOut::Unsent { unsent }) => step.set(Step::Failed(unsent)),
                Err(e) => {
                    step.set(Step::Asking);
                    control.refuse(e.text((ctx.lang)()));
                }
            }
        });
    };

    rsx! {
        button {
            class: "link",
            r#type: "button",
            "data-testid": "sign-out",
            disabled: step() == Step::Busy,
            onclick: move |_| step.set(if step() == Step::Idle { Step::Asking } else { Step::Idle }),
            "{t.sign_out}"
        }
        match step() {
            Step::Idle => rsx! {},
            Step::Asking | Step::Busy => rsx! {
                div { class: "confirm", role: "alertdialog", aria_label: "{t.sign_out}", "data-testid": "sign-out-confirm",
                    p { "{t.sign_out_confirm}" }
                    if unsent > 0 {
                        p { "data-testid": "sign-out-unsent", {fill(lang, "app-sign_out_unsent", &[("n", &unsent)])} }
                    }
                    {control.message()}
                    div { class: "confirm-actions",
                        button { r#type: "button", class: "danger", "data-testid": "sign-out-yes", disabled: step() == Step::Busy,
                            onclick: move |_| run(false),
                            if step() == Step::Busy { "{t.signing_out}" } else { "{t.sign_out}" }
                        }
                        button { r#type: "button", disabled: step() == Step::Busy, onclick: move |_| step.set(Step::Idle), "{t.cancel_sign_out}" }
                    }
                }
            },
            Step::Failed(n) => rsx! {
                div { class: "confirm", role: "alertdialog", aria_label: "{t.sign_out}", "data-testid": "sign-out-failed",
                    p { {fill(lang, "app-sign_out_failed", &[("n", &n)])} }
                    div { class: "confirm-actions",
                        button { r#type: "button", onclick: move |_| step.set(Step::Idle), "{t.sign_out_wait}" }
                        button { r#type: "button", class: "danger", "data-testid": "sign-out-anyway", onclick: move |_| run(true),
                            {fill(lang, "app-sign_out_anyway", &[("n", &n)])}
                        }
                    }
                }
            },
        }
    }
}
