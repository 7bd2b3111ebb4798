//! The figures the toolkit asks regions to keep about Samen op in acuut,
//! per ISO week of the report (Europe/Amsterdam): how many joint responses,
//! in person or by phone, their nature, the interventions used, which
//! information proved useful or was missing, and the time from the report
//! to contact with Veilig Thuis. Counted from case states, never stored.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};

use crate::actor::Organisation;
use crate::case::CaseState;
use crate::event::CaseNature;
use crate::handover::ResponseMode;
use crate::measures::MeasureKind;
use crate::sharing::InfoCategory;
use crate::steps::SafetyItem;

/// An ISO week, e.g. 2026-W07.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Week {
    pub year: i32,
    pub week: u32,
}

impl Week {
    pub fn of(at: DateTime<Utc>) -> Self {
        let w = at.with_timezone(&chrono_tz::Europe::Amsterdam).iso_week();
        Self {
            year: w.year(),
            week: w.week(),
        }
    }
}

impl std::fmt::Display for Week {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-W{:02}", self.year, self.week)
    }
}

/// The figures of one week.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekFigures {
    pub week: Option<Week>,
    /// Cases reported this week in which police and Veilig Thuis both took part.
    pub joint_responses: usize,
    /// Of those, how VT responded (recorded at handover).
    pub in_person: usize,
    pub by_phone: usize,
    pub mode_not_recorded: usize,
    pub nature: BTreeMap<CaseNature, usize>,
    /// Measures agreed (not withdrawn), by kind.
    pub interventions: BTreeMap<MeasureKind, usize>,
    pub useful_information: BTreeMap<InfoCategory, usize>,
    pub missing_information: BTreeMap<InfoCategory, usize>,
    /// Minutes from the report to "Politie heeft Veilig Thuis gebeld", per
    /// case where both moments are known.
    pub report_to_vt_contact_minutes: Vec<i64>,
}

impl WeekFigures {
    /// The median minutes from report to VT contact, if any was recorded.
    pub fn median_minutes_to_vt(&self) -> Option<i64> {
        let mut m = self.report_to_vt_contact_minutes.clone();
        m.sort_unstable();
        match m.len() {
            0 => None,
            n if n % 2 == 1 => Some(m[n / 2]),
            n => Some((m[n / 2 - 1] + m[n / 2]) / 2),
        }
    }
}

/// The figures per week, oldest week first. Cases without a report time
/// cannot be placed in a week and are left out.
pub fn weekly<'a>(cases: impl IntoIterator<Item = &'a CaseState>) -> Vec<WeekFigures> {
    let mut weeks: BTreeMap<Week, WeekFigures> = BTreeMap::new();
    for state in cases {
        let Some(opening) = &state.opening else { continue };
        let week = Week::of(opening.reported_at);
        let f = weeks.entry(week).or_insert_with(|| WeekFigures {
            week: Some(week),
            ..WeekFigures::default()
        });
        let organisations = state.organisations();
        let joint = organisations.contains(&Organisation::Police) && organisations.contains(&Organisation::VeiligThuis);
        if !joint {
            continue;
        }
        f.joint_responses += 1;
        let handover = state.handover();
        match handover.response_mode {
            Some(ResponseMode::InPerson) => f.in_person += 1,
            Some(ResponseMode::ByPhone) => f.by_phone += 1,
            None => f.mode_not_recorded += 1,
        }
        if let Some(n) = state.nature() {
            *f.nature.entry(n).or_default() += 1;
        }
        for m in state.measures() {
            if m.status != crate::measures::MeasureStatus::Withdrawn {
                *f.interventions.entry(m.kind).or_default() += 1;
            }
        }
        for c in handover.useful_information {
            *f.useful_information.entry(c).or_default() += 1;
        }
        for c in handover.missing_information {
            *f.missing_information.entry(c).or_default() += 1;
        }
        if let Some(phoned) = state.safety().at(SafetyItem::VtPhoned) {
            f.report_to_vt_contact_minutes
                .push((phoned - opening.reported_at).num_minutes());
        }
    }
    weeks.into_values().collect()
}
