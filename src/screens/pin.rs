//! Choose a PIN after the first sign-in; unlock with it afterwards, offline.

use dioxus::prelude::*;

use crate::{AppCtx, View, platform};
use samenop_device::field::{Field, FieldError};
use samenop_device::platform::StoreBackend;
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

/// Opens this device's store and hands it to `open`, which creates or
/// unlocks the vault in it.
fn open_vault(
    mut ctx: AppCtx,
    open: impl FnOnce(&mut Field, StoreBackend) -> Result<(), FieldError>,
) -> Result<(), FieldError> {
    let backend = platform::open_backend()?;
    open(&mut ctx.field.write(), backend)
}

/// The first PIN: seals the pending sign-in's session in a new vault.
fn create_vault(mut ctx: AppCtx, pin: String) {
    if pin.chars().count() < PIN_MIN {
        ctx.fail(ctx.texts().pin_too_short);
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
    match open_vault(ctx, |field, backend| {
        field.create(backend, &pin, session, KdfParams::default())
    }) {
        Ok(()) => {
            // Just signed in, so online: the first sync round follows at once.
            ctx.sync.set(samenop_device::sync::SyncStatus::Syncing);
            ctx.go_home()
        }
        Err(e) => ctx.fail(e),
    }
}

/// The PIN again: unlocks the vault; without a session in it, sign in anew.
fn unlock_vault(mut ctx: AppCtx, pin: String) {
    match open_vault(ctx, |field, backend| field.unlock(backend, &pin)) {
        Ok(()) if ctx.field.peek().session().is_some() => {
            ctx.last_touch.set(platform::now_ms());
            ctx.go_home()
        }
        Ok(()) => ctx.go(View::Login),
        Err(e) => ctx.fail(e),
    }
}

#[component]
pub fn SetPin() -> Element {
    let ctx = use_context::<AppCtx>();
    let t = ctx.texts();
    rsx! {
        PinForm { title: t.set_pin_title, help: t.set_pin_help.to_string(), button: t.save_pin, autocomplete: "new-password", on_pin: move |pin| create_vault(ctx, pin) }
    }
}

#[component]
pub fn Unlock() -> Element {
    let ctx = use_context::<AppCtx>();
    let t = ctx.texts();
    rsx! {
        PinForm { title: t.unlock_title, button: t.unlock, autocomplete: "current-password", on_pin: move |pin| unlock_vault(ctx, pin) }
    }
}
