//! Back where the user was (issue 17 §1): the case and step on screen and
//! the half-typed texts live in the device's sealed resume record
//! (`samenop_device::resume`); unlocking returns to them.

use dioxus::prelude::*;
use samenop_core::CaseId;
use samenop_core::VariantArray;
use samenop_core::steps::Step;

use crate::{AppCtx, View};

/// The case and place of a view, as the resume record keeps them.
pub fn place_of(view: &View) -> Option<(CaseId, String)> {
    match view {
        View::Case(id, step) => Some((*id, format!("step:{}", step.number()))),
        View::Assessment(id) => Some((*id, "assessment".into())),
        View::Summary(id) => Some((*id, "summary".into())),
        _ => None,
    }
}

/// The view a kept place names, for a case this device still holds.
fn view_of(case_id: CaseId, place: &str) -> Option<View> {
    match place {
        "assessment" => Some(View::Assessment(case_id)),
        "summary" => Some(View::Summary(case_id)),
        _ => {
            let n: u8 = place.strip_prefix("step:")?.parse().ok()?;
            Step::VARIANTS
                .iter()
                .copied()
                .find(|s| s.number() == n)
                .map(|s| View::Case(case_id, s))
        }
    }
}

/// After an unlock: back to the case and step on screen before the lock
/// or the reload, else home.
pub fn resume(ctx: AppCtx) {
    // Past the no-sync limit the cases stay shut until an online sign-in.
    if ctx.field.peek().sync_overdue() {
        ctx.go(View::Reauth);
        return;
    }
    let back = {
        let field = ctx.field.peek();
        let point = field.resume_point();
        point
            .case_id
            .filter(|id| field.local.events.contains_key(id) && !field.local.purged.contains(id))
            .and_then(|id| view_of(id, &point.place))
    };
    match back {
        Some(view) => ctx.go(view),
        None => ctx.go_home(),
    }
}

/// Notes the view on screen in the sealed record (called by the root on
/// every view change): a case view by case and place, a list as no case;
/// the PIN and sign-in screens leave the last place standing.
pub fn note(ctx: AppCtx, view: &View) {
    let (case_id, place) = match (place_of(view), view) {
        (Some((id, place)), _) => (Some(id), place),
        (None, View::Cases | View::Lead(_) | View::LeadCase(_)) => (None, String::new()),
        _ => return,
    };
    // Silent: noting where the user is changes nothing on screen.
    #[allow(deprecated)]
    let _ = ctx.field.write_silent().note_place(case_id, &place);
}

/// A text input's value that survives the lock and a reload: read from
/// the sealed drafts, written back on every change. `key` names the field
/// (with its case); clearing the signal forgets the draft.
pub fn use_draft(key: String) -> Signal<String> {
    use_draft_or(key, String::new())
}

/// `use_draft`, starting from `recorded` when there is no draft (a field
/// that shows what the case holds until the person types). While the
/// person has not typed, the field follows the case: a value changed on
/// another phone replaces it (issue 17 §3, regression
/// `a_measure_date_changed_on_the_other_phone…` in trace.test.mjs), so
/// "Opslaan" never quietly writes back the old value. Typed text stays,
/// and is the only thing kept as a draft.
pub fn use_draft_or(key: String, recorded: String) -> Signal<String> {
    let ctx = use_context::<AppCtx>();
    let first = key.clone();
    let start = recorded.clone();
    let mut value = use_signal(move || {
        let draft = ctx.field.peek().draft(&first);
        if draft.is_empty() { start } else { draft }
    });
    // What the case held when the field last followed it.
    let mut base = use_signal(|| recorded.clone());
    if *base.peek() != recorded {
        if *value.peek() == *base.peek() {
            value.set(recorded.clone());
        }
        base.set(recorded);
    }
    use_effect(move || {
        let typed = value();
        let followed = base();
        let kept = if typed == followed { "" } else { typed.as_str() };
        // Silent: keeping a draft changes nothing on screen.
        #[allow(deprecated)]
        let _ = ctx.field.write_silent().keep_draft(&key, kept);
    });
    value
}
