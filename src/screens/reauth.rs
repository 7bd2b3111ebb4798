//! "Opnieuw aanmelden" (issue 16 §2): the PIN was right but the vault is
//! past its no-sync limit (`Field::sync_overdue`). The same user signs in
//! online; the unsent entries, kept sealed, are sent first, then the
//! cases open. Another user may take the phone over only when the
//! previous user's entries are sent, or after confirming they are lost.

use dioxus::prelude::*;
use samenop_core::catalogue::fill;
use samenop_core::wire::{DEFAULT_MAX_OFFLINE_HOURS, SessionResponse};
use samenop_device::offline::RenewError;
use samenop_device::sync;

use crate::{AppCtx, PendingLogin, View};

/// Another user's sign-in, waiting for the confirmation that the previous
/// user's unsent entries are lost.
#[derive(Debug, Clone, PartialEq)]
struct Takeover {
    response: SessionResponse,
    unsent: usize,
    previous: String,
}

#[component]
pub fn Reauth() -> Element {
    let ctx = use_context::<AppCtx>();
    let t = ctx.texts();
    let lang = (ctx.lang)();
    let (session, hours, unsent) = {
        let field = ctx.field.read();
        (
            field.session().cloned(),
            field
                .sync_mark()
                .map_or(DEFAULT_MAX_OFFLINE_HOURS, |m| m.max_offline_hours),
            field.unsent(),
        )
    };
    let known = session.as_ref().map(|s| s.account.username.clone()).unwrap_or_default();
    let mut username = use_signal(move || known);
    let mut password = use_signal(String::new);
    let mut otp = use_signal(String::new);
    let mut wants_otp = use_signal(|| false);
    let mut busy = use_signal(|| false);
    let mut error = use_signal(|| None::<String>);
    let mut takeover = use_signal(|| None::<Takeover>);
    let Some(session) = session else {
        return rsx! { crate::screens::login::Login {} };
    };
    let (server, device_id) = (session.server.clone(), session.device_id);

    // A new vault for another user: the old one is wiped first.
    let take_over = move |response: SessionResponse| {
        let mut ctx = ctx;
        if let Err(e) = ctx.field.write().wipe() {
            error.set(Some(e.text((ctx.lang)())));
            return;
        }
        ctx.pending_login.set(Some(PendingLogin {
            server: server.clone(),
            response,
            device_id,
        }));
        ctx.go(View::SetPin);
    };
    let mut take_over_confirmed = take_over.clone();

    let submit = move |e: FormEvent| {
        e.prevent_default();
        if busy() {
            return;
        }
        busy.set(true);
        error.set(None);
        takeover.set(None);
        let mut ctx = ctx;
        let server = session.server.clone();
        let mut take_over = take_over.clone();
        spawn(async move {
            let code = otp();
            let code = Some(code.trim()).filter(|c| wants_otp() && !c.is_empty());
            match sync::login(&server, username().trim(), &password(), code, device_id).await {
                Ok(response) => {
                    let renewed = ctx.field.write().renew_session(&server, &response, false);
                    match renewed {
                        Ok(true) => {
                            // The unsent entries first, then the cases.
                            match samenop_device::engine::sync_once(&mut ctx).await {
                                Ok(_) => {
                                    password.set(String::new());
                                    ctx.go_home();
                                }
                                Err(e) => error.set(Some(e.text((ctx.lang)()))),
                            }
                        }
                        Ok(false) => take_over(response),
                        Err(RenewError::OtherUser { unsent }) => {
                            let previous = ctx
                                .field
                                .peek()
                                .session()
                                .map(|s| s.account.display_name.clone())
                                .unwrap_or_default();
                            takeover.set(Some(Takeover {
                                response,
                                unsent,
                                previous,
                            }));
                        }
                        Err(RenewError::Field(e)) => error.set(Some(e.text((ctx.lang)()))),
                    }
                }
                Err(sync::SyncError::OtpRequired) => wants_otp.set(true),
                Err(e) => error.set(Some(e.text((ctx.lang)()))),
            }
            busy.set(false);
        });
    };

    rsx! {
        main { class: "screen narrow",
            form { onsubmit: submit, aria_label: "{t.reauth_title}", "data-testid": "reauth",
                h1 { "{t.reauth_title}" }
                p { {fill(lang, "app-reauth_help", &[("hours", &hours)])} }
                if unsent > 0 {
                    p { "data-testid": "reauth-unsent", {fill(lang, "app-reauth_unsent", &[("n", &unsent)])} }
                }
                label { "{t.username}"
                    input { name: "username", autocomplete: "username", value: "{username}", oninput: move |e| username.set(e.value()) }
                }
                label { "{t.password}"
                    input { name: "password", r#type: "password", autocomplete: "current-password", value: "{password}", oninput: move |e| password.set(e.value()) }
                }
                if wants_otp() {
                    p { class: "muted", "{t.otp_help}" }
                    label { "{t.otp}"
                        input { name: "otp", inputmode: "numeric", autocomplete: "one-time-code", value: "{otp}", oninput: move |e| otp.set(e.value()) }
                    }
                }
                button { class: "primary", r#type: "submit", disabled: busy(),
                    if busy() { "{t.logging_in}" } else { "{t.log_in}" }
                }
                if let Some(err) = error() {
                    p { class: "field-error", role: "alert", "data-testid": "login-error", "{err}" }
                }
                if let Some(other) = takeover() {
                    div { class: "confirm", role: "alertdialog", aria_label: "{t.reauth_title}", "data-testid": "reauth-takeover",
                        p { {fill(lang, "app-reauth_other_user", &[("user", &other.previous), ("n", &other.unsent)])} }
                        div { class: "confirm-actions",
                            button { r#type: "button", class: "danger", "data-testid": "reauth-takeover-yes",
                                onclick: move |_| {
                                    takeover.set(None);
                                    take_over_confirmed(other.response.clone());
                                },
                                "{t.reauth_other_user_confirm}"
                            }
                        }
                    }
                }
            }
        }
    }
}
