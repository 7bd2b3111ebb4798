//! The moments an agreed measure asks someone to act: the OvJ's decision
//! after an arrest, a measure's end, the huisverbod's extension decision,
//! and the re-assessments owed before the suspect regains access.

use super::*;

impl AgreedMeasure {
    /// Whether the last re-assessment counts for a moment due at `due`: it
    /// was made while the measure ran and within the `REASSESSMENT_WINDOW_HOURS`
    /// before that moment (or later).
    fn reassessed_for(&self, due: DateTime<Utc>) -> bool {
        let window = due - Duration::hours(REASSESSMENT_WINDOW_HOURS);
        let from = self.started_at.map_or(window, |s| s.max(window).min(due));
        self.last_reassessment.as_ref().is_some_and(|r| r.at >= from)
    }

    /// When the suspect may regain access to the victim while this measure
    /// runs, so a re-assessment is due first (002 l.1095–1106): the OvJ's
    /// release decision after an arrest (002 l.20, l.452), police leaving
    /// after art 3 Pw (002 l.1112; the agreed end, else at once), the end
    /// of a custody or of a contact-, locatie- or gebiedsverbod.
    fn access_returns_at(&self) -> Option<DateTime<Utc>> {
        if !self.kind.limits_access() {
            return None;
        }
        match self.kind {
            MeasureKind::Aanhouding => Some(self.started_at? + Duration::hours(OVJ_DECISION_HOURS)),
            MeasureKind::WeghoudenArt3Pw => self.until.or(self.started_at),
            // Once extended, its end is where access returns; before that,
            // the extension decision before day 10 is its re-assessment.
            MeasureKind::TijdelijkHuisverbod if self.extended() => self.effective_until(),
            MeasureKind::TijdelijkHuisverbod => None,
            _ => self.effective_until(),
        }
    }

    /// Every moment this measure asks someone to act, earliest first.
    pub fn deadlines(&self) -> Vec<Deadline> {
        let mut out = Vec::new();
        if let (MeasureKind::Aanhouding, Some(start)) = (self.kind, self.started_at) {
            out.push(Deadline {
                kind: DeadlineKind::OvjDecision,
                due: start + Duration::hours(OVJ_DECISION_HOURS),
            });
        }
        if let Some(until) = self.effective_until() {
            let kind = match self.kind {
                MeasureKind::TijdelijkHuisverbod => DeadlineKind::HuisverbodEnds,
                _ => DeadlineKind::MeasureEnds,
            };
            out.push(Deadline { kind, due: until });
        }
        // Prompt the extension decision a day before the tenth day, unless
        // a re-assessment already decided it (002 l.559–560 "in beginsel").
        if let (MeasureKind::TijdelijkHuisverbod, Some(start)) = (self.kind, self.started_at) {
            let due = start + Duration::days(HUISVERBOD_DAYS) - Duration::hours(REASSESSMENT_WINDOW_HOURS);
            if !self.extended() && !self.reassessed_for(due) {
                out.push(Deadline {
                    kind: DeadlineKind::ExtensionDecision,
                    due,
                });
            }
        }
        if let Some(due) = self.access_returns_at()
            && !self.reassessed_for(due)
        {
            out.push(Deadline {
                kind: DeadlineKind::ReassessBeforeAccess,
                due,
            });
        }
        if let Some(at) = self.reassess_at
            && !self.reassessed_for(at)
        {
            out.push(Deadline {
                kind: DeadlineKind::Reassessment,
                due: at,
            });
        }
        out.sort_by_key(|d| d.due);
        out
    }

    /// The re-assessment owed because access or oversight changed at
    /// `changed`, after this measure was agreed at `agreed_at` (002
    /// l.1091–1096): due at the change, until a re-assessment made at or
    /// after it is recorded.
    pub fn reassessment_owed_after_access_change(
        &self,
        changed: DateTime<Utc>,
        agreed_at: DateTime<Utc>,
    ) -> Option<Deadline> {
        let answered = self.last_reassessment.as_ref().is_some_and(|r| r.at >= changed);
        (changed > agreed_at && !answered).then_some(Deadline {
            kind: DeadlineKind::AccessChanged,
            due: changed,
        })
    }

    /// The re-assessment still owed after this measure ended or was
    /// withdrawn at `ended_at`: a measure that kept the suspect away and
    /// took effect gives access back when it ends, "na afloop/schorsing van
    /// een vrijheidsbeperkende maatregel" (002 l.1103–1106). Due at the end,
    /// so overdue at once, until a re-assessment made within
    /// `REASSESSMENT_WINDOW_HOURS` before the end (or after it) is recorded.
    pub fn reassessment_owed_after_end(&self, ended_at: DateTime<Utc>) -> Option<Deadline> {
        let ended = matches!(self.status, MeasureStatus::Ended | MeasureStatus::Withdrawn);
        (ended && self.kind.limits_access() && self.started_at.is_some() && !self.reassessed_for(ended_at)).then_some(
            Deadline {
                kind: DeadlineKind::ReassessBeforeAccess,
                due: ended_at,
            },
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum DeadlineKind {
    /// The OvJ decides on custody: arrest + 9 hours.
    OvjDecision,
    /// The tijdelijk huisverbod ends: start + 10 days, unless extended.
    HuisverbodEnds,
    MeasureEnds,
    Reassessment,
    /// Re-assess before the suspect regains access (002 l.1095–1106).
    ReassessBeforeAccess,
    /// Decide whether the huisverbod is extended, before day 10 (002 l.560).
    ExtensionDecision,
    /// Re-assess: the suspect's access or third-party oversight changed
    /// (002 l.1091–1096).
    AccessChanged,
}

crate::lang::vocabulary!(DeadlineKind, "deadline_kind");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub due: DateTime<Utc>,
}
