//! Choose a PIN after the first sign-in; unlock with it afterwards, offline.
//! The PIN rule is core's (`samenop_core::pin`); the vault counts wrong
//! PINs and binds itself to this device (`samenop_device::store`).

use dioxus::prelude::*;

use crate::{AppCtx, View, platform};
use samenop_device::field::{Field, FieldError};
use samenop_device::platform::StoreBackend;
use samenop_device::store::{KdfParams, KeyStore, Session, StoreError};

/// Why the PIN did not work, under the field; `sign_in` when only signing
/// in again helps (the vault was wiped, or belongs to another device).
#[derive(Clone, PartialEq)]
struct PinError {
    text: String,
    sign_in: bool,
    /// Trying again may help, and signing in again is the way out.
    retry_or_sign_in: bool,
}

/// The PIN form both screens share; the typed PIN is cleared on submit.
/// No autocomplete: browsers must not offer to save the PIN (issue 16 §3).
#[component]
fn PinForm(
    title: String,
    help: Option<String>,
    button: String,
    on_pin: EventHandler<(String, bool)>,
    #[props(default)] error: Option<PinError>,
    #[props(default)] busy: bool,
    /// Offer the choice to unlock with the screen lock alone (set-up).
    #[props(default)]
    quick_choice: bool,
    /// The screen lock alone opens this vault: its button comes first.
    #[props(default)]
    on_quick: Option<EventHandler<()>>,
) -> Element {
    let ctx = use_context::<AppCtx>();
    let t = ctx.texts();
    let mut pin = use_signal(String::new);
    let mut quick = use_signal(|| false);
    // Signing in again after a refused screen lock replaces a vault that is
    // still there: asked twice, saying what it wipes (regression, security
    // review: one tap on "Inloggen" lost entries not sent yet).
    let mut confirm_wipe = use_signal(|| false);
    let sign_in = error.as_ref().is_some_and(|e| e.sign_in);
    rsx! {
        main { class: "screen narrow",
            form {
                onsubmit: move |e: FormEvent| {
                    e.prevent_default();
                    if busy {
                        return;
                    }
                    on_pin.call((pin(), quick_choice && quick()));
                    pin.set(String::new());
                },
                h1 { "{title}" }
                if let Some(help) = help {
                    p { "{help}" }
                }
                if let Some(on_quick) = on_quick {
                    button {
                        class: "primary",
                        r#type: "button",
                        disabled: busy,
                        "data-testid": "quick-unlock",
                        onclick: move |_| on_quick.call(()),
                        "{t.quick_unlock}"
                    }
                    p { "{t.or_with_pin}" }
                }
                label { "{t.pin}"
                    // Focused when the screen opens: the PIN, then Enter (issue 17 §4).
                    input {
                        r#type: "password",
                        name: "pin",
                        autofocus: true,
                        inputmode: "numeric",
                        autocomplete: "off",
                        value: "{pin}",
                        oninput: move |e| pin.set(e.value()),
                        onmounted: move |e| async move {
                            let _ = e.set_focus(true).await;
                        },
                    }
                }
                if quick_choice {
                    label { class: "check",
                        input {
                            r#type: "checkbox",
                            "data-testid": "quick-unlock-choice",
                            checked: quick(),
                            onchange: move |e| quick.set(e.checked()),
                        }
                        " {t.quick_unlock_choice}"
                    }
                }
                if let Some(err) = &error {
                    p { class: "field-error", role: "alert", "data-testid": "pin-error", "{err.text}" }
                }
                if sign_in {
                    button { class: "primary", r#type: "button", onclick: move |_| ctx.go(View::Login), "{t.log_in}" }
                } else {
                    // With the screen-lock button first, the PIN is the second way.
                    button {
                        class: if on_quick.is_some() { "secondary" } else { "primary" },
                        r#type: "submit",
                        disabled: busy,
                        "{button}"
                    }
                }
                if error.as_ref().is_some_and(|e| e.retry_or_sign_in) {
                    if confirm_wipe() {
                        p { class: "field-error", role: "alert", "data-testid": "sign-in-wipes", "{t.sign_in_wipes_warning}" }
                        button { class: "danger", r#type: "button", onclick: move |_| ctx.go(View::Login), "{t.sign_in_wipes_confirm}" }
                    } else {
                        button { class: "link", r#type: "button", onclick: move |_| confirm_wipe.set(true), "{t.log_in}" }
                    }
                }
            }
        }
    }
}

/// Opens this device's store and hands it with the device's key store to
/// `open`, which creates (`new`) or unlocks the vault in it.
async fn open_vault(
    mut ctx: AppCtx,
    new: bool,
    open: impl FnOnce(&mut Field, StoreBackend, Box<dyn KeyStore + Send>) -> Result<(), FieldError>,
) -> Result<(), FieldError> {
    // The web's key store is asynchronous (WebCrypto, IndexedDB, and the
    // screen lock through WebAuthn where the browser offers it).
    let keys = if new {
        platform::new_key_store().await?
    } else {
        platform::open_key_store().await?
    };
    let backend = platform::open_backend()?;
    open(&mut ctx.field.write(), backend, keys)
}

fn shown(ctx: AppCtx, e: &FieldError) -> PinError {
    let sign_in = matches!(
        e,
        FieldError::Store(StoreError::Wiped | StoreError::OtherDevice | StoreError::Truncated | StoreError::NoVault)
    );
    PinError {
        text: e.text((ctx.lang)()),
        sign_in,
        retry_or_sign_in: matches!(e, FieldError::Store(StoreError::Authenticator(_))),
    }
}

/// The first PIN: seals the pending sign-in's session in a new vault;
/// `quick`: the person chose to unlock with the screen lock alone.
async fn create_vault(mut ctx: AppCtx, pin: String, quick: bool) -> Result<(), PinError> {
    if let Err(problem) = samenop_core::pin::check_new_pin(&pin) {
        return Err(PinError {
            text: problem.text((ctx.lang)()).to_string(),
            sign_in: false,
            retry_or_sign_in: false,
        });
    }
    let Some(pending) = ctx.pending_login.peek().clone() else {
        ctx.go(View::Login);
        return Ok(());
    };
    let session = Session {
        server: pending.server,
        token: pending.response.token,
        expires_at: pending.response.expires_at,
        account: pending.response.account,
        device_id: pending.device_id,
    };
    match open_vault(ctx, true, |field, backend, keys| {
        field.create(backend, keys, &pin, session, KdfParams::default())
    })
    .await
    {
        Ok(()) => {
            // Where the screen lock did not bind the vault (declined at
            // set-up, or no PRF after all), the PIN alone stays: nothing
            // is lost, so no error in the way.
            if quick && let Err(e) = ctx.field.write().enable_quick_unlock() {
                dioxus::logger::tracing::info!(error = %e, "quick unlock not available on this vault");
            }
            ctx.pending_login.set(None);
            // Just signed in, so online: the first sync round follows at once.
            ctx.sync_answered.set(false);
            ctx.sync.set(samenop_device::sync::SyncStatus::Syncing);
            ctx.go_home();
            Ok(())
        }
        Err(e) => Err(shown(ctx, &e)),
    }
}

/// The PIN again: unlocks the vault; without a session in it, sign in anew.
async fn unlock_vault(ctx: AppCtx, pin: String) -> Result<(), PinError> {
    let opened = open_vault(ctx, false, |field, backend, keys| field.unlock(backend, keys, &pin)).await;
    after_unlock(ctx, opened)
}

/// The screen lock alone, where the person chose it at set-up.
async fn unlock_with_screen_lock(ctx: AppCtx) -> Result<(), PinError> {
    let opened = open_vault(ctx, false, |field, backend, keys| field.unlock_quick(backend, keys)).await;
    after_unlock(ctx, opened)
}

fn after_unlock(mut ctx: AppCtx, opened: Result<(), FieldError>) -> Result<(), PinError> {
    match opened {
        Ok(()) if ctx.field.peek().session().is_some() => {
            ctx.last_touch.set(platform::now_ms());
            // Not "Offline" before the first answer: the first sync round starts now (issue 17 §5).
            ctx.sync_answered.set(false);
            ctx.sync.set(samenop_device::sync::SyncStatus::Syncing);
            // Back to the case and step the user was on, with the drafts (issue 17 §1).
            crate::screens::resume::resume(ctx);
            Ok(())
        }
        Ok(()) => {
            ctx.go(View::Login);
            Ok(())
        }
        Err(e) => Err(shown(ctx, &e)),
    }
}

#[component]
pub fn SetPin() -> Element {
    let ctx = use_context::<AppCtx>();
    let t = ctx.texts();
    let mut error = use_signal(|| None::<PinError>);
    let mut busy = use_signal(|| false);
    // Only where the browser has a screen lock to bind to (web, issue 16 §1).
    let screen_lock = use_resource(platform::screen_lock_available);
    rsx! {
        PinForm {
            title: t.set_pin_title,
            help: t.set_pin_help.to_string(),
            button: t.save_pin,
            error: error(),
            busy: busy(),
            quick_choice: screen_lock().unwrap_or(false),
            on_pin: move |(pin, quick)| {
                busy.set(true);
                spawn(async move {
                    error.set(create_vault(ctx, pin, quick).await.err());
                    busy.set(false);
                });
            },
        }
    }
}

#[component]
pub fn Unlock() -> Element {
    let ctx = use_context::<AppCtx>();
    let t = ctx.texts();
    let mut error = use_signal(|| None::<PinError>);
    let mut busy = use_signal(|| false);
    let chosen = use_hook(|| platform::open_backend().is_ok_and(|b| Field::quick_unlock_chosen(&b)));
    let on_quick = chosen.then(|| {
        EventHandler::new(move |()| {
            busy.set(true);
            spawn(async move {
                error.set(unlock_with_screen_lock(ctx).await.err());
                busy.set(false);
            });
        })
    });
    rsx! {
        PinForm {
            title: t.unlock_title,
            button: t.unlock,
            error: error(),
            busy: busy(),
            on_quick,
            on_pin: move |(pin, _)| {
                busy.set(true);
                spawn(async move {
                    error.set(unlock_vault(ctx, pin).await.err());
                    busy.set(false);
                });
            },
        }
    }
}
