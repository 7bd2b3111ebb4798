//! What needs the shift lead this shift (issue 17 §7): the deadlines that
//! fall within the shift, children present without the police's kindcheck,
//! and the list's filter chips (status, open or handed over, what needs
//! attention), so the server's filter and the app's chips are one rule.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

use crate::answer::Answer;
use crate::case::{CaseState, CaseStatus};
use crate::measures::{Deadline, MeasureId, MeasureKind};
use crate::steps::InvestigationPoint;
use crate::wire::CaseFlags;

/// How long a shift lasts, in hours: "due this shift" looks this far
/// ahead. Not a seed rule (the seeds set no shift length): a named setting
/// of ours, an 8-hour police shift.
pub const SHIFT_HOURS: i64 = 8;

/// One deadline within the shift: which measure asks, what, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftDue {
    pub measure_id: MeasureId,
    pub measure: MeasureKind,
    pub deadline: Deadline,
}

/// The deadlines of `state` that fall in `[now, now + SHIFT_HOURS]`,
/// earliest first. They are the board's deadlines (`crate::board`, from
/// `AgreedMeasure::deadlines` and the re-assessments owed): the OvJ's
/// decision 9 hours after an arrest (002 l.452), the huisverbod's end on
/// day 10 and its extension decision before it (002 l.559–560), the
/// agreed re-assessment moment (004 l.301) and the re-assessments before
/// the suspect regains access or after access changed (002 l.1091–1106).
/// An overdue deadline is not "this shift" but the board's `overdue`
/// (and `LeadFlags::measures_due`).
pub fn due_this_shift(state: &CaseState, now: DateTime<Utc>) -> Vec<ShiftDue> {
    let end = now + Duration::hours(SHIFT_HOURS);
    let mut out: Vec<ShiftDue> = crate::board::measure_deadlines(state)
        .flat_map(|(m, deadlines)| {
            deadlines
                .into_iter()
                .filter(|d| d.due >= now && d.due <= end)
                .map(move |deadline| ShiftDue {
                    measure_id: m.measure_id,
                    measure: m.kind,
                    deadline,
                })
        })
        .collect();
    out.sort_by_key(|d| (d.deadline.due, d.measure_id));
    out
}

/// Children are present, or nobody knows yet, and the police's kindcheck
/// is not recorded: "De politie heeft oog voor de aanwezigheid van
/// kinderen, hun veiligheid en eventuele signalen van kindermishandeling"
/// (004 l.199; `InvestigationPoint::ChildCheck`). "Onbekend" counts as
/// present, as in `steps::child_prompts`: a child nobody asked about is the
/// one overlooked.
pub fn children_without_kindcheck(state: &CaseState) -> bool {
    state.children_present() != Answer::No && !state.investigation_done(InvestigationPoint::ChildCheck)
}

/// One filter chip of the lead's case list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum ListChip {
    /// acuut onveilig
    Acute,
    /// acuut onveilig — tijdelijk opgeheven
    Contained,
    /// nog niet beoordeeld
    NotAssessed,
    /// niet (meer) acuut
    NotAcute,
    /// Not handed over (any status but `HandedOver`).
    Open,
    HandedOver,
    /// A deadline within the shift (`due_this_shift`).
    DueThisShift,
    /// Unresolved conflicting answers.
    Conflicts,
    ChildrenWithoutKindcheck,
    /// Events received after the lead's last visit (the server's answer).
    ChangedSinceVisit,
}

crate::lang::vocabulary!(ListChip, "list_chip");

/// How chips of one group combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChipGroup {
    /// Any of the chosen statuses.
    Status,
    /// Open or handed over.
    Stage,
    /// Every chosen need at once.
    Attention,
}

impl ListChip {
    pub fn group(self) -> ChipGroup {
        match self {
            Self::Acute | Self::Contained | Self::NotAssessed | Self::NotAcute => ChipGroup::Status,
            Self::Open | Self::HandedOver => ChipGroup::Stage,
            _ => ChipGroup::Attention,
        }
    }

    /// Whether a case with `status` and `flags` fits this chip alone.
    pub fn matches(self, status: CaseStatus, flags: &CaseFlags) -> bool {
        match self {
            Self::Acute => status == CaseStatus::Acute,
            Self::Contained => status == CaseStatus::Contained,
            Self::NotAssessed => status == CaseStatus::NotAssessed,
            Self::NotAcute => status == CaseStatus::NotAcute,
            Self::Open => status != CaseStatus::HandedOver,
            Self::HandedOver => status == CaseStatus::HandedOver,
            Self::DueThisShift => flags.due_this_shift > 0,
            Self::Conflicts => flags.conflicts,
            Self::ChildrenWithoutKindcheck => flags.children_without_kindcheck,
            Self::ChangedSinceVisit => flags.changed_since_visit,
        }
    }

    /// The chip's name in a query (`filter=acute,due_this_shift`).
    pub fn name(self) -> &'static str {
        self.into()
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::VARIANTS.iter().copied().find(|c| c.name() == name)
    }
}

/// The chosen chips: within the status and the stage group any chosen chip
/// fits, needs must all hold; no chip in a group lets everything through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    pub chips: Vec<ListChip>,
}

impl ListFilter {
    /// Chips from a comma-separated list of names; an unknown name is the
    /// error.
    pub fn parse(list: &str) -> Result<Self, String> {
        let mut chips = Vec::new();
        for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let chip = ListChip::parse(part).ok_or_else(|| part.to_string())?;
            if !chips.contains(&chip) {
                chips.push(chip);
            }
        }
        Ok(Self { chips })
    }

    pub fn is_on(&self, chip: ListChip) -> bool {
        self.chips.contains(&chip)
    }

    /// The chosen chips as `parse` reads them ("acute,due_this_shift").
    pub fn names(&self) -> String {
        self.chips.iter().map(|c| c.name()).collect::<Vec<_>>().join(",")
    }

    /// The filter with `chip` switched.
    pub fn toggled(&self, chip: ListChip) -> Self {
        let mut chips: Vec<ListChip> = self.chips.iter().copied().filter(|c| *c != chip).collect();
        if !self.is_on(chip) {
            chips.push(chip);
        }
        Self { chips }
    }

    pub fn matches(&self, status: CaseStatus, flags: &CaseFlags) -> bool {
        let any_of = |group: ChipGroup| {
            let mut chosen = self.chips.iter().filter(|c| c.group() == group).peekable();
            chosen.peek().is_none() || chosen.any(|c| c.matches(status, flags))
        };
        any_of(ChipGroup::Status)
            && any_of(ChipGroup::Stage)
            && self
                .chips
                .iter()
                .filter(|c| c.group() == ChipGroup::Attention)
                .all(|c| c.matches(status, flags))
    }

    /// How many of `rows` each chip alone would show, in chip order.
    pub fn counts<'a>(rows: impl IntoIterator<Item = (CaseStatus, &'a CaseFlags)> + Clone) -> Vec<(ListChip, usize)> {
        ListChip::VARIANTS
            .iter()
            .map(|&chip| {
                let n = rows.clone().into_iter().filter(|(s, f)| chip.matches(*s, f)).count();
                (chip, n)
            })
            .collect()
    }
}
