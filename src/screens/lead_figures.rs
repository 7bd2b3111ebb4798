//! The shift lead's figures tab: the toolkit's evaluation figures per week
//! (counts only, computed by `samenop-core`), as totals and two charts.

use dioxus::prelude::*;
use samenop_core::Label;
use samenop_core::evaluation::{WeekFigures, weekly};

use super::lead::states;
use super::lead_refresh::use_region_news;
use crate::{AppCtx, i18n};

#[component]
pub(super) fn LeadFigures() -> Element {
    let ctx = use_context::<AppCtx>();
    let lang = (ctx.lang)();
    // Counts over the region from the server; without a connection, over
    // the cases this device holds.
    let session = ctx.field.read().session().cloned();
    let news = use_region_news(ctx);
    let fetched = use_resource(move || {
        let session = session.clone();
        // Asked again when the region changed (`lead_refresh`).
        let _ = news();
        async move {
            match session {
                Some(s) => samenop_device::sync::lead_figures(&s.server, &s.token).await,
                None => Err(samenop_device::sync::SyncError::Offline),
            }
        }
    });
    let weeks = match &*fetched.read() {
        Some(Ok(weeks)) => weeks.clone(),
        _ => weekly(&states(&ctx)),
    };
    rsx! {
        h1 { {i18n::t(lang, "lead-figures_per_week")} }
        p { class: "muted", {i18n::t(lang, "lead-joint_responses_of_police_and")} }
        section { class: "card", "data-testid": "chart-responses",
            h2 { {i18n::t(lang, "lead-joint_responses")} }
            ResponsesChart { weeks: weeks.clone() }
            table { class: "figures",
                thead { tr {
                    th { {i18n::t(lang, "lead-week")} }
                    th { {i18n::t(lang, "lead-joint")} }
                    th { {i18n::t(lang, "lead-in_person")} }
                    th { {i18n::t(lang, "response_mode-by_phone")} }
                    th { {i18n::t(lang, "app-unknown")} }
                    th { {i18n::t(lang, "lead-report_vt_median_min")} }
                } }
                tbody {
                    for w in weeks.clone() {
                        tr { key: "{w.week.map(|w| w.to_string()).unwrap_or_default()}",
                            td { {w.week.map(|w| w.to_string()).unwrap_or_default()} }
                            td { "{w.joint_responses}" }
                            td { "{w.in_person}" }
                            td { "{w.by_phone}" }
                            td { "{w.mode_not_recorded}" }
                            td { {w.median_minutes_to_vt().map(|m| m.to_string()).unwrap_or_else(|| "—".into())} }
                        }
                    }
                }
            }
        }
        section { class: "card", "data-testid": "chart-vt-contact",
            h2 { {i18n::t(lang, "lead-time_from_report_to_veilig")} }
            MinutesChart { weeks: weeks.clone() }
        }
        // Time of day (004 l.396), meerwaarde with its nature and the partners (004 l.430).
        Totals { title: i18n::t(lang, "lead-time_of_day"), rows: sum(&weeks, |w| w.time_of_day.iter().map(|(k, n)| (k.label(lang).to_string(), *n)).collect()) }
        Totals { title: i18n::t(lang, "lead-added_value"), rows: sum(&weeks, |w| vec![(i18n::t(lang, "app-yes").to_string(), w.added_value_yes), (i18n::t(lang, "app-no").to_string(), w.added_value_no)]) }
        Totals { title: i18n::t(lang, "lead-nature_with_added_value"), rows: sum(&weeks, |w| w.nature_with_added_value.iter().map(|(k, n)| (k.label(lang).to_string(), *n)).collect()) }
        Totals { title: i18n::t(lang, "lead-partners_consulted"), rows: sum(&weeks, |w| w.partners_consulted.iter().map(|(k, n)| (k.label(lang).to_string(), *n)).chain([(i18n::t(lang, "lead-no_partner_consulted").to_string(), w.no_partner_consulted)]).collect()) }
        Totals { title: i18n::t(lang, "summary-nature"), rows: sum(&weeks, |w| w.nature.iter().map(|(k, n)| (k.label(lang).to_string(), *n)).collect()) }
        Totals { title: i18n::t(lang, "lead-interventions_used"), rows: sum(&weeks, |w| w.interventions.iter().map(|(k, n)| (k.label(lang).to_string(), *n)).collect()) }
        Totals { title: i18n::t(lang, "lead-information_that_proved_useful"), rows: sum(&weeks, |w| w.useful_information.iter().map(|(k, n)| (k.label(lang).to_string(), *n)).collect()) }
        Totals { title: i18n::t(lang, "lead-information_that_was_missing"), rows: sum(&weeks, |w| w.missing_information.iter().map(|(k, n)| (k.label(lang).to_string(), *n)).collect()) }
    }
}

/// Adds up labelled counts over all weeks, largest first.
fn sum(weeks: &[WeekFigures], rows: impl Fn(&WeekFigures) -> Vec<(String, usize)>) -> Vec<(String, usize)> {
    let mut total: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for w in weeks {
        for (k, n) in rows(w) {
            *total.entry(k).or_default() += n;
        }
    }
    let mut out: Vec<(String, usize)> = total.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

#[component]
fn Totals(title: &'static str, rows: Vec<(String, usize)>) -> Element {
    rsx! {
        section { class: "card",
            h2 { "{title}" }
            if rows.is_empty() { p { class: "muted", "—" } }
            table { class: "figures",
                tbody {
                    for (label, n) in rows {
                        tr { key: "{label}", td { "{label}" } td { class: "num", "{n}" } }
                    }
                }
            }
        }
    }
}

const CHART_W: f64 = 340.0;
const CHART_H: f64 = 160.0;

/// Stacked bars per week: in person (solid), by phone, not recorded.
#[component]
fn ResponsesChart(weeks: Vec<WeekFigures>) -> Element {
    let ctx = use_context::<AppCtx>();
    let lang = (ctx.lang)();
    let max = weeks.iter().map(|w| w.joint_responses).max().unwrap_or(0).max(1) as f64;
    let slot = CHART_W / weeks.len().max(1) as f64;
    let scale = (CHART_H - 42.0) / max;
    let label = i18n::t(lang, "lead-joint_responses_per_week_in");
    rsx! {
        svg { class: "chart", view_box: "0 0 {CHART_W} {CHART_H}", role: "img", "aria-label": "{label}",
            for (i, w) in weeks.iter().enumerate() {
                {
                    let x = i as f64 * slot + slot * 0.2;
                    let bw = slot * 0.6;
                    let base = CHART_H - 20.0;
                    let parts = [(w.in_person, "bar-in-person"), (w.by_phone, "bar-by-phone"), (w.mode_not_recorded, "bar-unknown")];
                    let mut y = base;
                    let rects: Vec<(f64, f64, &str)> = parts.iter().map(|(n, class)| {
                        let h = *n as f64 * scale;
                        y -= h;
                        (y, h, *class)
                    }).collect();
                    let week = w.week.map(|w| format!("W{:02}", w.week)).unwrap_or_default();
                    rsx! {
                        g { key: "{week}",
                            for (ry, rh, class) in rects {
                                rect { class: "{class}", x: "{x:.1}", y: "{ry:.1}", width: "{bw:.1}", height: "{rh:.1}" }
                            }
                            text { class: "chart-num", x: "{x + bw / 2.0:.1}", y: "{y - 4.0:.1}", text_anchor: "middle", "{w.joint_responses}" }
                            text { class: "chart-axis", x: "{x + bw / 2.0:.1}", y: "{CHART_H - 5.0:.1}", text_anchor: "middle", "{week}" }
                        }
                    }
                }
            }
        }
        p { class: "legend",
            span { class: "key bar-in-person" } {i18n::t(lang, "lead-legend_in_person")}
            span { class: "key bar-by-phone" } {i18n::t(lang, "lead-legend_by_phone")}
            span { class: "key bar-unknown" } {i18n::t(lang, "lead-legend_not_recorded")}
        }
    }
}

/// Median minutes from report to VT contact per week.
#[component]
fn MinutesChart(weeks: Vec<WeekFigures>) -> Element {
    let ctx = use_context::<AppCtx>();
    let lang = (ctx.lang)();
    let medians: Vec<(String, Option<i64>)> = weeks
        .iter()
        .map(|w| {
            (
                w.week.map(|w| format!("W{:02}", w.week)).unwrap_or_default(),
                w.median_minutes_to_vt(),
            )
        })
        .collect();
    let max = medians.iter().filter_map(|(_, m)| *m).max().unwrap_or(0).max(1) as f64;
    let slot = CHART_W / medians.len().max(1) as f64;
    let scale = (CHART_H - 42.0) / max;
    let label = i18n::t(lang, "lead-median_minutes_from_report_to");
    rsx! {
        svg { class: "chart", view_box: "0 0 {CHART_W} {CHART_H}", role: "img", "aria-label": "{label}",
            for (i, (week, m)) in medians.into_iter().enumerate() {
                {
                    let x = i as f64 * slot + slot * 0.2;
                    let bw = slot * 0.6;
                    let h = m.unwrap_or(0) as f64 * scale;
                    let y = CHART_H - 20.0 - h;
                    rsx! {
                        g { key: "{week}",
                            rect { class: "bar-minutes", x: "{x:.1}", y: "{y:.1}", width: "{bw:.1}", height: "{h:.1}" }
                            text { class: "chart-num", x: "{x + bw / 2.0:.1}", y: "{y - 4.0:.1}", text_anchor: "middle",
                                {m.map(|m| format!("{m} min")).unwrap_or_else(|| "—".into())}
                            }
                            text { class: "chart-axis", x: "{x + bw / 2.0:.1}", y: "{CHART_H - 5.0:.1}", text_anchor: "middle", "{week}" }
                        }
                    }
                }
            }
        }
    }
}
