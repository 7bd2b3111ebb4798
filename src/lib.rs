//! SamenOp field app (Dioxus 0.7). The root component lives here so every
//! launcher and the component tests share it; every protocol rule comes
//! from `samenop-core`.

pub mod components;
pub mod field;
pub mod i18n;
pub mod platform;
pub mod screens;
pub mod store;
pub mod sync;

use dioxus::prelude::*;
use samenop_core::steps::Step;
use samenop_core::wire::SessionResponse;
use samenop_core::{CaseId, DeviceId, Lang};

use field::Field;
use sync::SyncStatus;

const CSS: &str = include_str!("../assets/app.css");

/// Minutes without a touch before the app locks itself.
pub const LOCK_AFTER_MS: i64 = 5 * 60 * 1000;

/// Where the user is.
#[derive(Debug, Clone, PartialEq)]
pub enum View {
    Login,
    SetPin,
    Unlock,
    Cases,
    Case(CaseId, Step),
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
}

impl AppCtx {
    pub fn texts(&self) -> &'static i18n::Texts {
        i18n::texts((self.lang)())
    }

    pub fn go(mut self, view: View) {
        self.error.set(None);
        self.view.set(view);
    }

    pub fn fail(mut self, message: impl std::fmt::Display) {
        self.error.set(Some(message.to_string()));
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
        lang: use_signal(|| Lang::Nl),
        view: use_signal(move || seed_view.unwrap_or_else(first_view)),
        sync: use_signal(SyncStatus::default),
        error: use_signal(|| None),
        pending_login: use_signal(|| None),
        last_touch: use_signal(platform::now_ms),
    };
    use_context_provider(|| ctx);
    use_future(move || sync_loop(ctx));

    let view = (ctx.view)();
    let lang = (ctx.lang)();
    let lead = is_shift_lead(&ctx.field.read());
    rsx! {
        style { {CSS} }
        div {
            class: "app",
            lang: if lang == Lang::Nl { "nl" } else { "en" },
            onpointerdown: move |_| { let mut t = ctx.last_touch; t.set(platform::now_ms()); },
            onkeydown: move |_| { let mut t = ctx.last_touch; t.set(platform::now_ms()); },
            if let Some(message) = (ctx.error)() {
                div { class: "error", role: "alert", "{ctx.texts().error_prefix}: {message}" }
            }
            match view {
                View::Login => rsx! { screens::login::Login {} },
                View::SetPin => rsx! { screens::pin::SetPin {} },
                View::Unlock => rsx! { screens::pin::Unlock {} },
                View::Cases => rsx! { screens::cases::Cases {} },
                View::Case(id, step) => rsx! { screens::case::CaseView { case_id: id, step } },
                View::Summary(id) => rsx! { screens::summary::Summary { case_id: id } },
                View::Lead(_) | View::LeadCase(_) if !lead => rsx! { screens::lead::LeadsOnly {} },
                View::Lead(tab) => rsx! { screens::lead::LeadHome { tab } },
                View::LeadCase(id) => rsx! { screens::lead::LeadCase { case_id: id } },
            }
        }
    }
}

/// Pushes the outbox and pulls colleagues' events whenever the backend is
/// reachable, with back-off; locks the app after inactivity.
async fn sync_loop(mut ctx: AppCtx) {
    let mut failures = 0u32;
    let mut last_activity = i64::MIN / 2;
    loop {
        if ctx.field.peek().is_unlocked() && platform::now_ms() - *ctx.last_touch.peek() > LOCK_AFTER_MS {
            ctx.field.write().lock();
            ctx.view.set(View::Unlock);
        }
        let wait = match sync_once(ctx).await {
            Ok(moved) => {
                failures = 0;
                let now = platform::now_ms();
                if moved > 0 {
                    last_activity = now;
                }
                sync::next_round_ms(now - last_activity)
            }
            Err(e) => {
                if e == sync::SyncError::Unauthorized {
                    ctx.fail(&e);
                }
                ctx.sync.set(SyncStatus::Offline);
                failures += 1;
                sync::backoff_ms(failures)
            }
        };
        // Wait in short ticks so a new entry is pushed at once, and the
        // network coming back is used at once, not after the full back-off.
        let pending_before = ctx.field.peek().local.outbox.len();
        let mut waited = 0;
        while waited < wait {
            platform::sleep_ms(TICK_MS).await;
            waited += TICK_MS;
            if platform::take_online_signal() {
                failures = 0;
                break;
            }
            let new_entry = ctx.field.peek().local.outbox.len() > pending_before;
            if new_entry && (failures == 0 || !platform::known_offline()) {
                break;
            }
        }
    }
}

/// How often the sync loop looks for new entries while it waits.
const TICK_MS: u64 = 100;

/// One push-and-pull round; returns how many entries moved either way.
async fn sync_once(mut ctx: AppCtx) -> Result<usize, sync::SyncError> {
    if platform::known_offline() {
        return Err(sync::SyncError::Offline);
    }
    let (session, pending, cursor) = {
        let field = ctx.field.peek();
        let Some(session) = field.session().cloned() else {
            return Ok(0);
        };
        if !field.is_unlocked() {
            return Ok(0);
        }
        (session, field.local.pending(), field.local.cursor.clone())
    };
    if !pending.is_empty() {
        ctx.sync.set(SyncStatus::Syncing);
    }
    let mut moved = pending.len();
    for batch in pending.chunks(sync::BATCH) {
        let answer = sync::push(&session.server, &session.token, session.device_id, batch.to_vec()).await?;
        let stored = ctx.field.write().absorb_outcomes(&answer.results);
        if let Err(e) = stored {
            ctx.fail(e);
        }
    }
    let mut since = cursor;
    loop {
        let pull = sync::pull(&session.server, &session.token, since.as_deref()).await?;
        moved += pull.events.len();
        let stored = ctx.field.write().absorb_pull(&pull);
        if let Err(e) = stored {
            ctx.fail(e);
        }
        since = Some(pull.next_cursor.clone());
        if !pull.more {
            break;
        }
    }
    let done = ctx.field.peek().local.outbox.is_empty();
    ctx.sync
        .set(if done { SyncStatus::Synced } else { SyncStatus::Syncing });
    Ok(moved)
}
