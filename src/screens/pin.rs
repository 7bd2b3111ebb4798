//! Choose a PIN after the first sign-in; unlock with it afterwards, offline.

use dioxus::prelude::*;

use crate::store::{KdfParams, Session};
use crate::{AppCtx, View, platform};

/// Shortest PIN accepted.
pub const PIN_MIN: usize = 5;

#[component]
pub fn SetPin() -> Element {
    let ctx = use_context::<AppCtx>();
    let t = ctx.texts();
    let mut pin = use_signal(String::new);
    let submit = move |e: FormEvent| {
        e.prevent_default();
        let mut ctx = ctx;
        if pin().chars().count() < PIN_MIN {
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
            .and_then(|backend| ctx.field.write().create(backend, &pin(), session, KdfParams::default()));
        pin.set(String::new());
        match result {
            Ok(()) => ctx.go(View::Cases),
            Err(e) => ctx.fail(e),
        }
    };
    rsx! {
        main { class: "screen narrow",
            form { onsubmit: submit,
                h1 { "{t.set_pin_title}" }
                p { "{t.set_pin_help}" }
                label { "{t.pin}"
                    input { r#type: "password", inputmode: "numeric", autocomplete: "new-password", value: "{pin}", oninput: move |e| pin.set(e.value()) }
                }
                button { class: "primary", r#type: "submit", "{t.save_pin}" }
            }
        }
    }
}

#[component]
pub fn Unlock() -> Element {
    let ctx = use_context::<AppCtx>();
    let t = ctx.texts();
    let mut pin = use_signal(String::new);
    let submit = move |e: FormEvent| {
        e.prevent_default();
        let mut ctx = ctx;
        let result = platform::open_backend()
            .map_err(Into::into)
            .and_then(|b| ctx.field.write().unlock(b, &pin()));
        pin.set(String::new());
        match result {
            Ok(()) if ctx.field.peek().session().is_some() => {
                ctx.last_touch.set(platform::now_ms());
                ctx.go(View::Cases)
            }
            Ok(()) => ctx.go(View::Login),
            Err(e) => ctx.fail(e),
        }
    };
    rsx! {
        main { class: "screen narrow",
            form { onsubmit: submit,
                h1 { "{t.unlock_title}" }
                label { "{t.pin}"
                    input { r#type: "password", inputmode: "numeric", autocomplete: "current-password", value: "{pin}", oninput: move |e| pin.set(e.value()) }
                }
                button { class: "primary", r#type: "submit", "{t.unlock}" }
            }
        }
    }
}
