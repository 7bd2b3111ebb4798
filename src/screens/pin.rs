//! Choose a PIN after the first sign-in; unlock with it afterwards, offline.

use dioxus::prelude::*;

use crate::{AppCtx, View, platform};
use samenop_device::store::{KdfParams, Session};

/// Shortest PIN accepted.
pub const PIN_MIN: usize = 5;

/// The PIN form both screens share; the typed PIN is cleared on submit.
#[component]
fn PinForm(
    title: String,
    help: Option<String>,
    button: String,
    autocomplete: String,
    on_pin: EventHandler<String>,
) -> Element {
    let t = use_context::<AppCtx>().texts();
    let mut pin = use_signal(String::new);
    rsx! {
        main { class: "screen narrow",
            form {
                onsubmit: move |e: FormEvent| {
                    e.prevent_default();
                    on_pin.call(pin());
                    pin.set(String::new());
                },
                h1 { "{title}" }
                if let Some(help) = help {
                    p { "{help}" }
                }
                label { "{t.pin}"
                    input { r#type: "password", inputmode: "numeric", autocomplete: "{autocomplete}", value: "{pin}", oninput: move |e| pin.set(e.value()) }
                }
                button { class: "primary", r#type: "submit", "{button}" }
            }
        }
    }
}

#[component]
pub fn SetPin() -> Element {
    let ctx = use_context::<AppCtx>();
    let t = ctx.texts();
    let save = move |pin: String| {
        let mut ctx = ctx;
        if pin.chars().count() < PIN_MIN {
            ctx.fail(t.pin_too_short);
            return;
        }
        let Some(pending) = ctx.pending_login.take() else {
            ctx.go(View::Login);
            return;
        };
        let session = Session {
            server: pending.server,
            token: pending.response.token,
            expires_at: pending.response.expires_at,
            account: pending.response.account,
            device_id: pending.device_id,
        };
        let result = platform::open_backend()
            .map_err(Into::into)
            .and_then(|backend| ctx.field.write().create(backend, &pin, session, KdfParams::default()));
        match result {
            Ok(()) => {
                // Just signed in, so online: the first sync round follows at once.
                ctx.sync.set(samenop_device::sync::SyncStatus::Syncing);
                let home = crate::home_view(&ctx.field.peek());
                ctx.go(home)
            }
            Err(e) => ctx.fail(e),
        }
    };
    rsx! {
        PinForm { title: t.set_pin_title, help: t.set_pin_help.to_string(), button: t.save_pin, autocomplete: "new-password", on_pin: save }
    }
}

#[component]
pub fn Unlock() -> Element {
    let ctx = use_context::<AppCtx>();
    let t = ctx.texts();
    let unlock = move |pin: String| {
        let mut ctx = ctx;
        let result = platform::open_backend()
            .map_err(Into::into)
            .and_then(|b| ctx.field.write().unlock(b, &pin));
        match result {
            Ok(()) if ctx.field.peek().session().is_some() => {
                ctx.last_touch.set(platform::now_ms());
                let home = crate::home_view(&ctx.field.peek());
                ctx.go(home)
            }
            Ok(()) => ctx.go(View::Login),
            Err(e) => ctx.fail(e),
        }
    };
    rsx! {
        PinForm { title: t.unlock_title, button: t.unlock, autocomplete: "current-password", on_pin: unlock }
    }
}
