//! The figures the toolkit asks regions to keep about Samen op in acuut,
//! per ISO week of the report (Europe/Amsterdam): how many joint responses,
//! in person or by phone, their nature, the interventions used, which
//! information proved useful or was missing, and the time from the report
//! to contact with Veilig Thuis, whether working together added value, the
//! time of day and the partners consulted. Counted from case states, never
//! stored.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Timelike, Utc};
use serde::{Deserialize, Serialize};

use crate::actor::Organisation;
use crate::answer::Answer;
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

/// When in the day a report came in: the toolkit asks regions to start
/// "tijdens kantooruren en – als dat kan – uit te breiden naar de
/// avonduren" and to learn what is needed "buiten die uren" (004 l.396).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::VariantArray, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum TimeOfDay {
    Kantooruren,
    Avond,
    Nacht,
}

crate::lang::vocabulary!(TimeOfDay, "time_of_day");

/// The hour (Europe/Amsterdam) kantooruren begin. The seeds name
/// kantooruren, avonduren and "buiten die uren" (004 l.396) but no clock
/// times: 08:00 is this app's choice, to be set by the region.
pub const KANTOORUREN_FROM_HOUR: u32 = 8;
/// The hour the avond begins (not in the seeds; the region's choice).
pub const AVOND_FROM_HOUR: u32 = 17;
/// The hour the nacht begins (not in the seeds; the region's choice).
pub const NACHT_FROM_HOUR: u32 = 23;

impl TimeOfDay {
    /// By the local clock only; the seeds do not say whether a weekend day
    /// counts as kantooruren, so every day is read alike.
    pub fn of(at: DateTime<Utc>) -> Self {
        let hour = at.with_timezone(&chrono_tz::Europe::Amsterdam).hour();
        if (KANTOORUREN_FROM_HOUR..AVOND_FROM_HOUR).contains(&hour) {
            Self::Kantooruren
        } else if (AVOND_FROM_HOUR..NACHT_FROM_HOUR).contains(&hour) {
            Self::Avond
        } else {
            Self::Nacht
        }
    }
}

/// The figures of one week.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekFigures {
    pub week: Option<Week>,
    /// Cases reported this week in which the police and Veilig Thuis
    /// responded together: "Politie heeft Veilig Thuis gebeld" ticked or a
    /// response mode ("fysiek of telefonisch", 002 l.3187) recorded, whether
    /// or not VT used the app.
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
    /// Joint responses by when the report came in (004 l.396).
    #[serde(default)]
    pub time_of_day: BTreeMap<TimeOfDay, usize>,
    /// "Was samen optrekken van meerwaarde?" answered ja / nee (004 l.430).
    #[serde(default)]
    pub added_value_yes: usize,
    #[serde(default)]
    pub added_value_no: usize,
    /// "de aard van de meldingen waarin samen optrekken van meerwaarde was"
    /// (004 l.430).
    #[serde(default)]
    pub nature_with_added_value: BTreeMap<CaseNature, usize>,
    /// Joint responses per partner consulted (`CaseState::partners_consulted`).
    #[serde(default)]
    pub partners_consulted: BTreeMap<Organisation, usize>,
    /// Joint responses in which no partner was consulted.
    #[serde(default)]
    pub no_partner_consulted: usize,
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
    sum_weeks(cases.into_iter().filter_map(case_figures))
}

/// Cases' parts (`case_figures`) summed per week, oldest week first. The
/// server keeps each case's part beside its events and sums the stored
/// parts (issue 18 §1), so figures over a region's year are a read, not a
/// fold of every case; the sum is the same as `weekly` over the states.
pub fn sum_weeks(parts: impl IntoIterator<Item = WeekFigures>) -> Vec<WeekFigures> {
    let mut weeks: BTreeMap<Week, WeekFigures> = BTreeMap::new();
    for part in parts {
        let Some(week) = part.week else { continue };
        weeks
            .entry(week)
            .or_insert_with(|| WeekFigures {
                week: Some(week),
                ..WeekFigures::default()
            })
            .add(&part);
    }
    weeks.into_values().collect()
}

/// One case's part in its week's figures: the week of its report, and the
/// case counted once where it counts (only as a joint response when VT was
/// phoned or a response mode was recorded, 002 l.3187). `None` without a
/// report time. A case that was no joint response still places its week.
pub fn case_figures(state: &CaseState) -> Option<WeekFigures> {
    let opening = state.opening.as_ref()?;
    let mut f = WeekFigures {
        week: Some(Week::of(opening.reported_at)),
        ..WeekFigures::default()
    };
    let handover = state.handover();
    let vt_phoned = state.safety().at(SafetyItem::VtPhoned);
    if vt_phoned.is_none() && handover.response_mode.is_none() {
        return Some(f);
    }
    f.joint_responses = 1;
    f.time_of_day.insert(TimeOfDay::of(opening.reported_at), 1);
    match handover.added_value {
        Answer::Yes => {
            f.added_value_yes = 1;
            if let Some(n) = state.nature() {
                f.nature_with_added_value.insert(n, 1);
            }
        }
        Answer::No => f.added_value_no = 1,
        Answer::Unknown => {}
    }
    let partners = state.partners_consulted();
    if partners.is_empty() {
        f.no_partner_consulted = 1;
    }
    for o in partners {
        *f.partners_consulted.entry(o).or_default() += 1;
    }
    match handover.response_mode {
        Some(ResponseMode::InPerson) => f.in_person = 1,
        Some(ResponseMode::ByPhone) => f.by_phone = 1,
        None => f.mode_not_recorded = 1,
    }
    if let Some(n) = state.nature() {
        f.nature.insert(n, 1);
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
    if let Some(phoned) = vt_phoned {
        f.report_to_vt_contact_minutes
            .push((phoned - opening.reported_at).num_minutes());
    }
    Some(f)
}

fn add_counts<K: Ord + Copy>(into: &mut BTreeMap<K, usize>, from: &BTreeMap<K, usize>) {
    for (k, n) in from {
        *into.entry(*k).or_default() += n;
    }
}

impl WeekFigures {
    /// Adds `other`'s counts to these (the week stays this one's).
    pub fn add(&mut self, other: &WeekFigures) {
        self.joint_responses += other.joint_responses;
        self.in_person += other.in_person;
        self.by_phone += other.by_phone;
        self.mode_not_recorded += other.mode_not_recorded;
        add_counts(&mut self.nature, &other.nature);
        add_counts(&mut self.interventions, &other.interventions);
        add_counts(&mut self.useful_information, &other.useful_information);
        add_counts(&mut self.missing_information, &other.missing_information);
        self.report_to_vt_contact_minutes
            .extend_from_slice(&other.report_to_vt_contact_minutes);
        add_counts(&mut self.time_of_day, &other.time_of_day);
        self.added_value_yes += other.added_value_yes;
        self.added_value_no += other.added_value_no;
        add_counts(&mut self.nature_with_added_value, &other.nature_with_added_value);
        add_counts(&mut self.partners_consulted, &other.partners_consulted);
        self.no_partner_consulted += other.no_partner_consulted;
    }
}
