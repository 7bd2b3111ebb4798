//! The shift lead's case list: the region's cases with activity in the
//! lead window, as the server lists them for the lead's organisation, and
//! a search for older ones ("Oudere casussen zoeken"); the server audits
//! the search and every case it lists (issue 14 §4; 004 l.442). Without a
//! connection, the cases the lead opened on this device.

use dioxus::prelude::*;
use samenop_core::board::LeadFlags;
use samenop_core::shift::ListFilter;
use samenop_core::summary::local_time_text;
use samenop_core::wire::{CaseFlags, CaseListItem, ListCounts};
use samenop_core::{CaseId, CaseStatus, Label, Lang, Organisation};
use samenop_device::sync;

use super::lead::states;
use super::lead_refresh::{use_region_news, use_wake_at};
use super::lead_shift::{ShiftChips, ShiftMarks};
use crate::i18n;
use crate::screens::actions::now;
use crate::screens::cases::status_class;
use crate::{AppCtx, View};

/// One row, from the server's list or from what the device holds.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    case_id: CaseId,
    status: CaseStatus,
    reported_at: Option<chrono::DateTime<chrono::Utc>>,
    address_hint: String,
    on_scene: Vec<(String, Organisation)>,
    flags: CaseFlags,
    /// The deadlines within the shift (issue 17 §7).
    due: Vec<samenop_core::shift::ShiftDue>,
    last_visit: Option<chrono::DateTime<chrono::Utc>>,
}

impl From<CaseListItem> for Row {
    fn from(c: CaseListItem) -> Self {
        Self {
            case_id: c.case_id,
            status: c.status,
            reported_at: c.reported_at,
            address_hint: c.address_hint,
            on_scene: c.on_scene,
            flags: c.flags,
            due: c.due_this_shift,
            last_visit: c.last_visit,
        }
    }
}

/// The cases this device holds, as rows (no connection).
fn held_rows(ctx: &AppCtx) -> Vec<Row> {
    let at = now();
    states(ctx)
        .into_iter()
        .filter_map(|s| {
            let lead = LeadFlags::of(&s, at);
            Some(Row {
                case_id: s.case_id?,
                status: s.status(at),
                reported_at: s.opening.as_ref().map(|o| o.reported_at),
                address_hint: s.opening.as_ref().map(|o| o.address_hint.clone()).unwrap_or_default(),
                on_scene: s
                    .participants()
                    .iter()
                    .map(|p| (p.actor.display_name.clone(), p.actor.organisation))
                    .collect(),
                flags: CaseFlags::of(&lead, false),
                due: samenop_core::shift::due_this_shift(&s, at),
                last_visit: None,
            })
        })
        .collect()
}

/// Opens a case: the server notes it (from then on this device pulls it,
/// and the read is audited), then the case shows as its events arrive.
/// Offline, what the device already holds.
pub(super) fn open_case(ctx: AppCtx, case_id: CaseId) {
    let session = ctx.field.read().session().cloned();
    spawn(async move {
        // No connection: the device shows what it holds; a refusal is told.
        if let Some(s) = session
            && let Err(sync::SyncError::Refused(reason)) = sync::lead_open(&s.server, &s.token, case_id).await
        {
            ctx.fail(reason);
        }
        samenop_device::platform::nudge_sync();
        ctx.go(View::LeadCase(case_id));
    });
}

/// Rows per page of the server's list: a shift's worth at a glance, the
/// rest one tap away ("Meer casussen tonen").
const PAGE: u32 = 50;

/// What the server answered: the pages asked so far (or every search
/// result), and for the lead window the chip counts over all its cases.
#[derive(Debug, Clone, PartialEq)]
struct Listed {
    items: Vec<CaseListItem>,
    counts: Option<ListCounts>,
    more: bool,
}

impl Listed {
    /// When a listed row or a count may change with the clock alone.
    fn changes_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        let counts = self.counts.as_ref().and_then(|c| c.valid_until);
        self.items.iter().filter_map(|i| i.valid_until).chain(counts).min()
    }
}

/// The lead window's first `pages` pages fitting `filter`, with the counts
/// over every case (issue 18 §2: the list is paged, the chips still count
/// every case); a search answers all its matches at once.
async fn ask_server(
    server: &str,
    token: &str,
    search: Option<&str>,
    filter: &ListFilter,
    pages: u32,
) -> Result<Listed, sync::SyncError> {
    if let Some(text) = search {
        let items = sync::lead_cases(server, token, Some(text)).await?;
        return Ok(Listed {
            items,
            counts: None,
            more: false,
        });
    }
    let counts = sync::lead_counts(server, token).await?;
    let (mut items, mut cursor) = (Vec::new(), None::<String>);
    for _ in 0..pages.max(1) {
        let (page, next) = sync::lead_cases_page(server, token, &filter.names(), PAGE, cursor.as_deref()).await?;
        items.extend(page);
        cursor = next;
        if cursor.is_none() {
            break;
        }
    }
    Ok(Listed {
        items,
        counts: Some(counts),
        more: cursor.is_some(),
    })
}

#[component]
pub fn LeadCases() -> Element {
    let ctx = use_context::<AppCtx>();
    let lang = (ctx.lang)();
    let session = ctx.field.read().session().cloned();
    let mut typed = use_signal(String::new);
    let mut searched = use_signal(|| None::<String>);
    let filter = use_signal(ListFilter::default);
    let mut pages = use_signal(|| 1u32);
    let news = use_region_news(ctx);
    let clock = use_signal(|| 0u64);
    let listed = use_resource(move || {
        let session = session.clone();
        // Listed again when the region changed or the connection came back
        // (`lead_refresh`), when a row changes with the clock, and when a
        // chip or a page changes.
        let _ = (news(), clock());
        let (search, chosen, pages) = (searched(), filter(), pages());
        async move {
            match session {
                Some(s) => ask_server(&s.server, &s.token, search.as_deref(), &chosen, pages).await,
                None => Err(sync::SyncError::Offline),
            }
        }
    });
    let changes_at = use_memo(move || match &*listed.read() {
        Some(Ok(l)) => l.changes_at(),
        _ => None,
    });
    use_wake_at(changes_at, clock);
    let (listed, offline, error) = match &*listed.read() {
        Some(Ok(l)) => (Some(l.clone()), false, None),
        Some(Err(sync::SyncError::Refused(reason))) => (None, false, Some(reason.clone())),
        Some(Err(_)) => (None, true, None),
        // Still asking the server: what the device holds, without the offline note.
        None => (None, false, None),
    };
    let more = listed.as_ref().is_some_and(|l| l.more);
    let server_counts = listed.as_ref().and_then(|l| l.counts.clone());
    let mut rows: Vec<Row> = match (&listed, &error) {
        (Some(l), _) => l.items.iter().cloned().map(Row::from).collect(),
        (None, Some(_)) => Vec::new(),
        (None, None) => held_rows(&ctx),
    };
    rows.sort_by_key(|r| std::cmp::Reverse(r.reported_at));
    // The chips count every case: the server's counts over the whole lead
    // window, or (a search, offline) the rows at hand (core's rule either way).
    let (chip_counts, listed_any) = match server_counts {
        Some(c) => (c.chips, c.listed > 0),
        None => (
            ListFilter::counts(rows.iter().map(|r| (r.status, &r.flags))),
            !rows.is_empty(),
        ),
    };
    let chosen = filter();
    rows.retain(|r| chosen.matches(r.status, &r.flags));
    let searching = searched().is_some();
    rsx! {
        h1 {
            if searching { {i18n::t(lang, "lead-search_results")} } else { {i18n::t(lang, "lead-cases_in_the_region")} }
        }
        // What needs the lead this shift first; the search for older cases after it.
        if listed_any {
            ShiftChips { counts: chip_counts, filter, lang }
        }
        form { class: "card lead-search", role: "search",
            onsubmit: move |e| {
                e.prevent_default();
                let text = typed().trim().to_string();
                searched.set((!text.is_empty()).then_some(text));
            },
            label { r#for: "lead-search", {i18n::t(lang, "lead-search_older")} }
            div { class: "search-row",
                input {
                    id: "lead-search",
                    r#type: "search",
                    maxlength: "{samenop_core::retention::MAX_SEARCH_CHARS}",
                    value: "{typed}",
                    oninput: move |e| typed.set(e.value()),
                }
                button { r#type: "submit", {i18n::t(lang, "lead-search")} }
            }
            p { class: "muted", {i18n::t(lang, "lead-search_hint")} }
            if searching {
                button { class: "link", r#type: "button",
                    onclick: move |_| { searched.set(None); typed.set(String::new()); },
                    {i18n::t(lang, "lead-back_to_recent")}
                }
            }
        }
        if offline {
            p { class: "muted", {i18n::t(lang, "lead-offline_opened_only")} }
        } else if !searching {
            p { class: "muted", {i18n::t(lang, "lead-window_note")} }
        }
        if let Some(reason) = error {
            p { class: "error", role: "alert", "{reason}" }
        } else if rows.is_empty() && listed_any {
            p { class: "muted", "data-testid": "lead-filtered-none", {i18n::t(lang, "lead-filtered_none")} }
        } else if rows.is_empty() {
            p { class: "muted",
                if searching { {i18n::t(lang, "lead-no_search_results")} } else { {i18n::t(lang, "lead-no_cases_yet")} }
            }
        }
        ul { class: "cases",
            for row in rows {
                LeadRow { row, lang }
            }
        }
        if more {
            button { class: "secondary more-cases", r#type: "button", "data-testid": "lead-more",
                onclick: move |_| pages += 1,
                {i18n::t(lang, "lead-more_cases")}
            }
        }
    }
}

#[component]
fn LeadRow(row: Row, lang: Lang) -> Element {
    let ctx = use_context::<AppCtx>();
    let today = samenop_core::triage::local_date(now());
    let is_today = row
        .reported_at
        .is_some_and(|r| samenop_core::triage::local_date(r) == today);
    let on_scene = row
        .on_scene
        .iter()
        .map(|(name, org)| format!("{name} ({})", org.label(lang)))
        .collect::<Vec<_>>()
        .join(", ");
    let (id, flags) = (row.case_id, row.flags);
    let (due, last_visit) = (row.due.clone(), row.last_visit);
    rsx! {
        li { key: "{id}",
            button {
                class: "case-row lead-row",
                r#type: "button",
                onclick: move |_| open_case(ctx, id),
                span { class: "status {status_class(row.status)}", "{row.status.label(lang)}" }
                span { class: "when",
                    if is_today { strong { {i18n::t(lang, "lead-today")} } }
                    {row.reported_at.map(local_time_text).unwrap_or_default()}
                }
                span { class: "hint", "{row.address_hint}" }
                span { class: "muted on-scene", "{on_scene}" }
                span { class: "flags",
                    if flags.children_present { span { class: "flag", {i18n::t(lang, "lead-children")} } }
                    if flags.conflicts { span { class: "flag acute", {i18n::t(lang, "lead-conflict")} } }
                    if flags.measures_due { span { class: "flag contained", {i18n::t(lang, "lead-measure_due")} } }
                    if flags.acute_past_24_hours { span { class: "flag acute", {i18n::t(lang, "lead-acute_past_24_hours")} } }
                    ShiftMarks { due, flags, last_visit, lang }
                    if flags.honour_open > 0 {
                        span { class: "flag acute", "data-testid": "lead-honour-open",
                            {samenop_core::catalogue::fill(lang, "honour-open", &[("count", &flags.honour_open)])}
                        }
                    }
                }
            }
        }
    }
}
