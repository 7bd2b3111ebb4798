//! Sign in against the backend (needs a network once).

use dioxus::prelude::*;
use samenop_core::DeviceId;
use samenop_device::server_url::check_server_url;
use samenop_device::sync;

use crate::{AppCtx, PendingLogin, View, platform};

#[component]
pub fn Login() -> Element {
    let ctx = use_context::<AppCtx>();
    let t = ctx.texts();
    let mut server = use_signal(platform::default_server);
    let mut username = use_signal(String::new);
    let mut password = use_signal(String::new);
    // Shown once the server answers `otp_required` (shift leads, admins).
    let mut otp = use_signal(String::new);
    let mut wants_otp = use_signal(|| false);
    let mut busy = use_signal(|| false);
    // Why the last sign-in failed, shown under the button (issue 17 §1).
    let mut login_error = use_signal(|| None::<String>);
    // Why the server address is refused (not https://), shown under it.
    let mut server_error = use_signal(|| None::<String>);

    let submit = move |e: FormEvent| {
        e.prevent_default();
        if busy() {
            return;
        }
        login_error.set(None);
        // The device's rule decides; the typed address stays as it is.
        let server = match check_server_url(&server()) {
            Ok(server) => server,
            Err(refusal) => {
                server_error.set(Some(refusal.text((ctx.lang)())));
                return;
            }
        };
        server_error.set(None);
        busy.set(true);
        let mut ctx = ctx;
        spawn(async move {
            let device_id = DeviceId::from_parts(platform::now_ms() as u64, platform::random10());
            let code = otp();
            let code = Some(code.trim()).filter(|c| wants_otp() && !c.is_empty());
            match sync::login(&server, &username(), &password(), code, device_id).await {
                Ok(response) => {
                    password.set(String::new());
                    otp.set(String::new());
                    ctx.pending_login.set(Some(PendingLogin {
                        server,
                        response,
                        device_id,
                    }));
                    ctx.go(View::SetPin);
                }
                Err(sync::SyncError::OtpRequired) => wants_otp.set(true),
                Err(e) => login_error.set(Some(e.text((ctx.lang)()))),
            }
            busy.set(false);
        });
    };

    rsx! {
        main { class: "screen narrow",
            h1 { "{t.app_name}" }
            LangSwitch {}
            form { onsubmit: submit, aria_label: "{t.login_title}",
                h2 { "{t.login_title}" }
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
                if let Some(err) = login_error() {
                    p { class: "field-error", role: "alert", "data-testid": "login-error", "{err}" }
                }
                // The server this build belongs to (the page's own origin)
                // unless someone who knows better changes it.
                // Open while its address is refused, so the reason shows.
                details { class: "advanced", open: server_error().is_some(),
                    summary { "{t.advanced}" }
                    label { "{t.server}"
                        input {
                            r#type: "url",
                            name: "server",
                            autocomplete: "off",
                            value: "{server}",
                            aria_invalid: server_error().is_some(),
                            aria_describedby: if server_error().is_some() { "server-error" },
                            oninput: move |e| server.set(e.value()),
                        }
                    }
                    if let Some(err) = server_error() {
                        p { id: "server-error", class: "field-error", role: "alert", "data-testid": "server-error", "{err}" }
                    }
                }
            }
        }
    }
}

/// Switches between Dutch and English.
#[component]
pub fn LangSwitch() -> Element {
    let ctx = use_context::<AppCtx>();
    let t = ctx.texts();
    rsx! {
        button {
            class: "link lang",
            r#type: "button",
            onclick: move |_| {
                let mut lang = ctx.lang;
                let next = if lang() == samenop_core::Lang::Nl { samenop_core::Lang::En } else { samenop_core::Lang::Nl };
                lang.set(next);
            },
            "{t.language}"
        }
    }
}
