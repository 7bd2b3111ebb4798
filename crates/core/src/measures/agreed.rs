//! A measure as agreed on scene, its people, rules and deadlines.

use super::*;

/// Id of an agreed measure, made on the device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MeasureId(pub Uuid);

/// Who carries out a measure: the organisation, and the person there.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureOwner {
    pub organisation: Organisation,
    pub person: String,
}

/// A professional contact: who to call, and the number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactPoint {
    pub organisation: Organisation,
    pub person: String,
    pub phone: String,
}

/// "Wie belt wie wanneer als er iets verandert in de mate van onveiligheid."
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallRule {
    pub caller: Organisation,
    pub callee: Organisation,
    pub when: String,
}

/// "Welke andere personen en partijen geïnformeerd moeten worden … en wie dat doet."
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InformRule {
    pub informer: Organisation,
    /// The party informed, e.g. "school", "huisarts", "slachtoffer".
    pub informs: String,
}

impl CallRule {
    /// "Veilig Thuis → Politie: when …", as the app, the summary and conflicts show it.
    pub fn text(&self, lang: Lang) -> String {
        format!(
            "{} → {}: {}",
            self.caller.label(lang),
            self.callee.label(lang),
            self.when
        )
    }
}

impl InformRule {
    /// "Veilig Thuis → school", as the app, the summary and conflicts show it.
    pub fn text(&self, lang: Lang) -> String {
        format!("{} → {}", self.informer.label(lang), self.informs)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum MeasureStatus {
    #[default]
    Agreed,
    Ended,
    Withdrawn,
}

crate::lang::vocabulary!(MeasureStatus, "measure_status");

/// A measure as agreed on scene: the toolkit's discussion points.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreedMeasure {
    pub measure_id: MeasureId,
    pub kind: MeasureKind,
    pub owner: MeasureOwner,
    /// When it took effect (the arrest, the huisverbod being served).
    #[serde(default)]
    pub started_at: Option<DateTime<Utc>>,
    /// Until when it runs; derived from the rules when not set.
    #[serde(default)]
    pub until: Option<DateTime<Utc>>,
    #[serde(default)]
    pub reassess_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub first_contact: Option<ContactPoint>,
    #[serde(default)]
    pub call_tree: Vec<CallRule>,
    #[serde(default)]
    pub informs: Vec<InformRule>,
    #[serde(default)]
    pub conditions: Vec<SpecialCondition>,
    #[serde(default)]
    pub status: MeasureStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MeasureError {
    #[error("{field}: must not be empty")]
    Empty { field: &'static str },
    #[error("{field}: too long ({len} characters, at most {max})")]
    TooLong {
        field: &'static str,
        len: usize,
        max: usize,
    },
    #[error("condition {condition:?} is not possible with {kind:?}")]
    ConditionNotAllowed {
        kind: MeasureKind,
        condition: SpecialCondition,
    },
    #[error("`until` lies before `started_at`")]
    EndsBeforeStart,
}

/// Short texts stay short: the protocol asks for what is necessary, no more.
/// The limit is `ShortText::MAX` (one place for it).
pub(crate) fn check_text(field: &'static str, text: &str, required: bool) -> Result<(), MeasureError> {
    crate::text::ShortText::check(text, required).map_err(|e| match e {
        crate::text::TextError::Empty => MeasureError::Empty { field },
        crate::text::TextError::TooLong { len, max } => MeasureError::TooLong { field, len, max },
    })
}

impl AgreedMeasure {
    /// A new measure with only kind and owner; deadlines follow from the rules.
    pub fn new(measure_id: MeasureId, kind: MeasureKind, owner: MeasureOwner) -> Self {
        Self {
            measure_id,
            kind,
            owner,
            started_at: None,
            until: None,
            reassess_at: None,
            first_contact: None,
            call_tree: Vec::new(),
            informs: Vec::new(),
            conditions: Vec::new(),
            status: MeasureStatus::Agreed,
        }
    }

    pub fn validate(&self) -> Result<(), MeasureError> {
        for change in MeasureChange::all_of(self) {
            change.validate()?;
        }
        for condition in &self.conditions {
            if !self.kind.allowed_conditions().contains(condition) {
                return Err(MeasureError::ConditionNotAllowed {
                    kind: self.kind,
                    condition: *condition,
                });
            }
        }
        if let (Some(start), Some(until)) = (self.started_at, self.until)
            && until < start
        {
            return Err(MeasureError::EndsBeforeStart);
        }
        Ok(())
    }

    /// Until when the measure runs: as agreed, or as the rules give it.
    pub fn effective_until(&self) -> Option<DateTime<Utc>> {
        self.until
            .or_else(|| Some(self.started_at? + self.kind.default_duration()?))
    }

    pub fn is_open(&self) -> bool {
        self.status == MeasureStatus::Agreed
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
        if let Some(at) = self.reassess_at {
            out.push(Deadline {
                kind: DeadlineKind::Reassessment,
                due: at,
            });
        }
        out.sort_by_key(|d| d.due);
        out
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
}

crate::lang::vocabulary!(DeadlineKind, "deadline_kind");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub due: DateTime<Utc>,
}
