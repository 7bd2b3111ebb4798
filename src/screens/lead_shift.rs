//! "What needs me this shift?" on the lead's case list (issue 17 §7): the
//! filter chips with their counts (core's `shift::ListFilter` decides what
//! fits; this only renders it) and each row's marks: what is due this
//! shift, children without kindcheck, changed since the lead's last visit.
//! Every mark is a word with a shape, never colour alone.

use dioxus::prelude::*;
use samenop_core::VariantArray;
use samenop_core::shift::{ChipGroup, ListChip, ListFilter, SHIFT_HOURS, ShiftDue};
use samenop_core::summary::local_time_text;
use samenop_core::wire::CaseFlags;
use samenop_core::{Label, Lang};

use crate::i18n;

/// The chips, grouped, each with how many listed cases it alone would show
/// (`counts`: the server's over the whole lead window, or core's over the
/// rows at hand); one tap switches one (they combine: any status, every need).
#[component]
pub fn ShiftChips(counts: Vec<(ListChip, usize)>, filter: Signal<ListFilter>, lang: Lang) -> Element {
    let mut filter = filter;
    let groups = [
        (ChipGroup::Status, "lead-filter_status"),
        (ChipGroup::Stage, ""),
        (ChipGroup::Attention, "lead-filter_needs"),
    ];
    let any_on = !filter().chips.is_empty();
    rsx! {
        section { class: "card shift-filters", "aria-label": i18n::t(lang, "lead-filters"),
            for (group, title) in groups {
                div { class: "chip-group", role: "group",
                    "aria-label": if title.is_empty() { i18n::t(lang, "lead-filter_status") } else { i18n::t(lang, title) },
                    if !title.is_empty() {
                        p { class: "chip-title", {i18n::t(lang, title)} }
                    }
                    div { class: "chips",
                        for chip in ListChip::VARIANTS.iter().copied().filter(|c| c.group() == group) {
                            {
                                let n = counts.iter().find(|(c, _)| *c == chip).map_or(0, |(_, n)| *n);
                                let on = filter().is_on(chip);
                                rsx! {
                                    button {
                                        key: "{chip.name()}",
                                        class: if on { "chip on" } else { "chip" },
                                        r#type: "button",
                                        "aria-pressed": if on { "true" } else { "false" },
                                        "data-testid": "chip-{chip.name()}",
                                        onclick: move |_| {
                                            let next = filter().toggled(chip);
                                            filter.set(next);
                                        },
                                        span { class: "chip-label", "{chip.label(lang)}" }
                                        span { class: "chip-count", "{n}" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            div { class: "chip-foot",
                p { class: "muted",
                    {samenop_core::catalogue::fill(lang, "lead-shift_note", &[("hours", &SHIFT_HOURS)])}
                }
                if any_on {
                    button { class: "link", r#type: "button", "data-testid": "chip-clear",
                        onclick: move |_| filter.set(ListFilter::default()),
                        {i18n::t(lang, "lead-clear_filters")}
                    }
                }
            }
        }
    }
}

/// A row's shift marks: the deadlines within the shift (what and when),
/// children without kindcheck, and changed since the last visit (or never
/// opened). Empty when none applies.
#[component]
pub fn ShiftMarks(
    due: Vec<ShiftDue>,
    flags: CaseFlags,
    last_visit: Option<chrono::DateTime<chrono::Utc>>,
    lang: Lang,
) -> Element {
    let due_count = due.len().max(flags.due_this_shift);
    rsx! {
        if due_count > 0 {
            span { class: "shift-due", "data-testid": "lead-due-this-shift",
                span { class: "flag due",
                    {samenop_core::catalogue::fill(lang, "lead-due_this_shift", &[("count", &due_count)])}
                }
                ul { class: "due-items",
                    for d in due {
                        li {
                            {samenop_core::catalogue::fill(lang, "lead-due_item", &[
                                ("what", &d.deadline.kind.label(lang)),
                                ("when", &local_time_text(d.deadline.due)),
                            ])}
                        }
                    }
                }
            }
        }
        if flags.children_without_kindcheck {
            span { class: "flag kindcheck", "data-testid": "lead-kindcheck-missing",
                {i18n::t(lang, "lead-kindcheck_missing")}
            }
        }
        if flags.changed_since_visit {
            span { class: "flag changed", "data-testid": "lead-changed",
                if last_visit.is_some() {
                    {i18n::t(lang, "lead-changed_since_visit")}
                } else {
                    {i18n::t(lang, "lead-never_opened")}
                }
            }
        }
    }
}
