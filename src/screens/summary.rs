//! The on-scene summary: readable aloud on scene, and printable.

use dioxus::prelude::*;
use samenop_core::CaseId;
use samenop_core::steps::Step;

use super::case::summary_text;
use super::{CaseScreen, use_case};
use crate::View;

#[component]
pub fn Summary(case_id: CaseId) -> Element {
    let CaseScreen { ctx, lang, state } = use_case(case_id);
    let t = ctx.texts();
    let text = summary_text(&state, lang);
    let count = state.event_count;
    // "Terug" returns to the step the user came from (issue 17 §4); step 1 when none.
    let back = match (ctx.came_from)() {
        Some(v @ (View::Case(id, _) | View::Assessment(id))) if id == case_id => v,
        _ => View::Case(case_id, Step::FysiekeVeiligheid),
    };
    rsx! {
        header { class: "bar no-print",
            button { class: "link", r#type: "button", onclick: move |_| ctx.go(back.clone()), "← {t.back}" }
            crate::components::SyncBadge {}
            button { class: "link", r#type: "button", onclick: move |_| crate::platform::print(), "{t.print}" }
        }
        main { class: "screen",
            h1 { "{t.summary}" }
            pre { class: "summary", "data-testid": "summary", "{text}" }
            p { class: "muted", "data-testid": "event-count", "{count} {t.events_recorded}" }
        }
    }
}
