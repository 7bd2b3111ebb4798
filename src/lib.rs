//! SamenOp field app (Dioxus 0.7). The root component lives here so every
//! launcher and the component tests share it; every protocol rule comes
//! from `samenop-core`, the device's state, store and sync from
//! `samenop-device`. This crate renders and drives; it holds no engine.

pub mod components;
pub mod i18n;
pub mod platform;
pub mod screens;

use dioxus::prelude::*;
use samenop_core::steps::Step;
use samenop_core::wire::SessionResponse;
use samenop_core::{CaseId, DeviceId, Lang};

use samenop_device::engine::{Host, SyncEngine};
use samenop_device::field::Field;
use samenop_device::store;
use samenop_device::sync::SyncStatus;

const CSS: &str = include_str!("../assets/app.css");

/// Milliseconds without a touch before the app locks itself.
pub use samenop_device::engine::LOCK_AFTER_MS;

/// Where the user is.
#[derive(Debug, Clone, PartialEq)]
pub enum View {
    Login,
    SetPin,
    Unlock,
    /// The PIN was right, but the vault is past its no-sync limit: sign in
    /// again online (issue 16 §2).
    Reauth,
    Cases,
    Case(CaseId, Step),
    /// Step 2's second part: Veilig Thuis's eerste veiligheidsbeoordeling,
    /// the Bijlage II triage (004 l.27, l.181–187).
    Assessment(CaseId),
    Summary(CaseId),
    /// The shift lead's home: cases, measures board or figures.
    Lead(screens::lead::LeadTab),
    LeadCase(CaseId),
}

fn is_shift_lead(field: &Field) -> bool {
    field
        .session()
        .is_some_and(|s| s.account.role == samenop_core::Role::ShiftLead)
}

/// Where a signed-in user starts: shift leads review, responders record.
pub fn home_view(field: &Field) -> View {
    if is_shift_lead(field) {
        View::Lead(screens::lead::LeadTab::Cases)
    } else {
        View::Cases
    }
}

/// A sign-in waiting for its PIN; held in memory only, never stored unsealed.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingLogin {
    pub server: String,
    pub response: SessionResponse,
    pub device_id: DeviceId,
}

/// Shared state of the running app.
#[derive(Clone, Copy)]
pub struct AppCtx {
    pub field: Signal<Field>,
    pub lang: Signal<Lang>,
    pub view: Signal<View>,
    pub sync: Signal<SyncStatus>,
    pub error: Signal<Option<String>>,
    pub pending_login: Signal<Option<PendingLogin>>,
    pub last_touch: Signal<i64>,
    /// The view before the current one, so "Terug" returns where the user came from.
    pub came_from: Signal<Option<View>>,
    /// Whether the server answered (or failed to) since the unlock: until then the badge says
    /// "Verbinden…", not "Offline" (issue 17 §5).
    pub sync_answered: Signal<bool>,
    /// The control being tapped (`components::use_control`), while its
    /// change is sent: a refusal then shows under that control, not in the
    /// banner at the top (issue 17 §1).
    pub tapped: Signal<Option<u64>>,
    /// A refusal shown under the control it came from.
    pub control_error: Signal<Option<(u64, String)>>,
}

impl AppCtx {
    pub fn texts(&self) -> &'static i18n::Texts {
        i18n::texts((self.lang)())
    }

    pub fn go(mut self, view: View) {
        self.error.set(None);
        self.control_error.set(None);
        let was = self.view.peek().clone();
        if was != view {
            self.came_from.set(Some(was));
        }
        self.view.set(view);
    }

    /// To where this user starts (`home_view`).
    pub fn go_home(self) {
        let home = home_view(&self.field.peek());
        self.go(home)
    }

    pub fn fail(mut self, message: impl std::fmt::Display) {
        self.error.set(Some(message.to_string()));
    }
}

/// The language last chosen on this device; Dutch when none.
fn saved_lang() -> Lang {
    if platform::load_pref("lang") == "en" {
        Lang::En
    } else {
        Lang::Nl
    }
}

/// The view to start in: unlock when this device has a vault, else sign in.
fn first_view() -> View {
    match platform::open_backend().and_then(|b| store::Vault::exists(&b)) {
        Ok(true) => View::Unlock,
        _ => View::Login,
    }
}

/// A prepared start for tests and previews: a field and a view. Provided
/// as a root context, taken once at the first render.
#[derive(Clone)]
pub struct Seed {
    field: std::rc::Rc<std::cell::RefCell<Option<Field>>>,
    view: View,
}

impl Seed {
    pub fn new(field: Field, view: View) -> Self {
        Self {
            field: std::rc::Rc::new(std::cell::RefCell::new(Some(field))),
            view,
        }
    }
}

#[component]
pub fn App() -> Element {
    let seed = try_consume_context::<Seed>();
    let seed_view = seed.as_ref().map(|s| s.view.clone());
    let ctx = AppCtx {
        field: use_signal(move || seed.and_then(|s| s.field.borrow_mut().take()).unwrap_or_default()),
        lang: use_signal(saved_lang),
        view: use_signal(move || seed_view.unwrap_or_else(first_view)),
        sync: use_signal(SyncStatus::default),
        error: use_signal(|| None),
        pending_login: use_signal(|| None),
        last_touch: use_signal(platform::now_ms),
        came_from: use_signal(|| None),
        sync_answered: use_signal(|| false),
        tapped: use_signal(|| None),
        control_error: use_signal(|| None),
    };
    use_context_provider(|| ctx);
    // The language stays chosen on this device, also across a reload (issue 17 §5).
    use_effect(move || platform::save_pref("lang", if (ctx.lang)() == Lang::En { "en" } else { "nl" }));
    use_future(move || SyncEngine::new().run(ctx));

    // Where the user is, sealed for after the lock or a reload (issue 17 §1).
    use_effect(move || screens::resume::note(ctx, &(ctx.view)()));

    let view = (ctx.view)();
    let lang = (ctx.lang)();
    let lead = is_shift_lead(&ctx.field.read());
    rsx! {
        // The web build links app.css from index.html (its CSP allows no
        // inline style); the desktop and mobile webviews get it inline.
        if !cfg!(target_arch = "wasm32") {
            style { {CSS} }
        }
        div {
            class: "app",
            lang: if lang == Lang::Nl { "nl" } else { "en" },
            onpointerdown: move |_| { let mut t = ctx.last_touch; t.set(platform::now_ms()); },
            onkeydown: move |_| { let mut t = ctx.last_touch; t.set(platform::now_ms()); },
            components::ClockBanner {}
            if let Some(message) = (ctx.error)() {
                div { class: "error", role: "alert", "{ctx.texts().error_prefix}: {message}" }
            }
            match view {
                View::Login => rsx! { screens::login::Login {} },
                View::SetPin => rsx! { screens::pin::SetPin {} },
                View::Unlock => rsx! { screens::pin::Unlock {} },
                View::Reauth => rsx! { screens::reauth::Reauth {} },
                View::Cases => rsx! { screens::cases::Cases {} },
                View::Case(id, step) => rsx! { screens::case::CaseView { case_id: id, step } },
                View::Assessment(id) => rsx! { screens::case::CaseView { case_id: id, step: Step::Motorkapoverleg, assessment: true } },
                View::Summary(id) => rsx! { screens::summary::Summary { case_id: id } },
                View::Lead(_) | View::LeadCase(_) if !lead => rsx! { screens::lead::LeadsOnly {} },
                View::Lead(tab) => rsx! { screens::lead::LeadHome { tab } },
                View::LeadCase(id) => rsx! { screens::lead::LeadCase { case_id: id } },
            }
        }
    }
}

/// The sync engine's view of the app: the field and status live in
/// signals, errors go to the error line, a lock goes to the unlock view.
impl Host for AppCtx {
    fn read<R>(&self, f: impl FnOnce(&Field) -> R) -> R {
        f(&self.field.peek())
    }

    fn write<R>(&mut self, f: impl FnOnce(&mut Field) -> R) -> R {
        f(&mut self.field.write())
    }

    fn set_status(&mut self, status: SyncStatus) {
        if status != SyncStatus::Syncing {
            self.sync_answered.set(true);
        }
        self.sync.set(status);
    }

    fn report(&mut self, error: &dyn std::fmt::Display) {
        self.fail(error);
    }

    fn report_words(&mut self, words: &dyn Fn(Lang) -> String) {
        let lang = *self.lang.peek();
        self.fail(words(lang));
    }

    fn last_touch_ms(&self) -> i64 {
        *self.last_touch.peek()
    }

    fn locked(&mut self) {
        self.view.set(View::Unlock);
    }

    /// Wiped on the server's word: the sign-in screen, saying why.
    fn wiped(&mut self, why: &samenop_device::SyncError) {
        self.pending_login.set(None);
        self.go(View::Login);
        let lang = *self.lang.peek();
        self.fail(why.text(lang));
    }
}
