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

impl ContactPoint {
    /// "Jan Jansen (Politie), 06-…", as the app, the summary and conflicts show it.
    pub fn text(&self, lang: Lang) -> String {
        format!("{} ({}), {}", self.person, self.organisation.label(lang), self.phone)
    }
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
    /// Te overwegen / afgesproken: agreed on scene, not (yet) in force.
    #[default]
    Agreed,
    /// Opgelegd / ingegaan: in force from `started_at`. Kept apart from
    /// "afgesproken" so the board never reads a plan as protection (the
    /// toolkit asks "Tot wanneer zijn de maatregelen in werking", 004 l.301).
    Imposed,
    Ended,
    Withdrawn,
    /// Ingetrokken: foutief vastgelegd. Recorded by mistake (a double tap,
    /// the wrong measure): it never protected anyone, so it counts nowhere
    /// (`CaseState::measures` leaves it out) and shows struck through with
    /// who and when. Kept apart from `Withdrawn`, which ends a real measure.
    /// The seeds are silent on mistakes; an event, never a deletion, keeps
    /// what was on the phones traceable (issue 17 §2).
    RecordedInError,
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
    /// The last re-assessment of the unsafety this measure answers (time,
    /// who, outcome): "op welk moment is er een herbeoordeling" (004 l.301),
    /// and again whenever access to the victim changes (002 l.1095–1106).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_reassessment: Option<Box<Reassessment>>,
    /// Veiligheidsvoorwaarden: who checks them and what follows when they
    /// are not kept (002 l.718–723; breaking them is itself acute, A9 l.1086).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compliance: Option<Box<Compliance>>,
    /// Whether any re-assessment in the case's history decided to extend
    /// the measure (read from the field's history when the case builds the
    /// measure): a later "voortzetten" does not undo an extension. Folded,
    /// never on the wire.
    #[serde(skip)]
    pub extension_decided: bool,
}

/// One re-assessment: when, by whom, and what was decided.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reassessment {
    pub at: DateTime<Utc>,
    pub by: MeasureOwner,
    pub outcome: ReassessmentOutcome,
}

/// What a re-assessment decided about the measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum ReassessmentOutcome {
    /// The measure stays as it is.
    Continue,
    /// The measure is extended (for the huisverbod: the extension decision).
    Extend,
    /// The measure or the agreements around it are changed.
    Adjust,
    /// The measure may end: the unsafety is lifted otherwise.
    End,
}

crate::lang::vocabulary!(ReassessmentOutcome, "reassessment_outcome");

impl Reassessment {
    /// "21:40 — Agent T. Test (Politie): voortzetten", as the app and the summary show it.
    pub fn text(&self, lang: Lang) -> String {
        format!(
            "{} — {} ({}): {}",
            crate::local_time::local_time_text(self.at),
            self.by.person,
            self.by.organisation.label(lang),
            self.outcome.label(lang)
        )
    }
}

/// "Controle door / gevolg bij niet nakomen" of veiligheidsvoorwaarden.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Compliance {
    pub checked_by: Organisation,
    pub on_breach: String,
}

impl Compliance {
    pub fn text(&self, lang: Lang) -> String {
        crate::catalogue::fill(
            lang,
            "measures-compliance_text",
            &[("by", &self.checked_by.label(lang)), ("breach", &self.on_breach)],
        )
    }
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
    #[error("{kind:?} in force needs the moment it took effect")]
    StartRequired { kind: MeasureKind },
    #[error("{organisation:?} does not impose or carry out {kind:?}")]
    OwnerNotAllowed {
        kind: MeasureKind,
        organisation: Organisation,
    },
    #[error("`started_at` lies in the future")]
    StartInFuture,
    #[error("a huisverbod runs {HUISVERBOD_DAYS} days unless an extension is recorded")]
    HuisverbodBeyondTenDays,
    #[error("`until` lies before the case was opened")]
    EndsBeforeCase,
}

/// A start may not lie after the moment it is recorded (one minute slack).
pub(crate) fn check_start(started_at: Option<DateTime<Utc>>, at: DateTime<Utc>) -> Result<(), MeasureError> {
    match started_at {
        Some(start) if start > at + Duration::minutes(1) => Err(MeasureError::StartInFuture),
        _ => Ok(()),
    }
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
            last_reassessment: None,
            compliance: None,
            extension_decided: false,
        }
    }

    /// As it is agreed: a measure recorded with the moment it took effect
    /// is opgelegd / ingegaan, one without it a plan (afgesproken).
    pub fn imposed_when_started(&mut self) {
        if self.started_at.is_some() && self.status == MeasureStatus::Agreed {
            self.status = MeasureStatus::Imposed;
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
        if !self.kind.owner_organisations().contains(&self.owner.organisation) {
            return Err(MeasureError::OwnerNotAllowed {
                kind: self.kind,
                organisation: self.owner.organisation,
            });
        }
        self.check_start_required()?;
        self.check_huisverbod_end()
    }

    /// The rules a change of `attribute` can break, on the measure as it
    /// is after the change (the owner's organisation is checked on the
    /// change itself, `MeasureChange::check_for`).
    pub fn check_after(&self, attribute: MeasureAttribute) -> Result<(), MeasureError> {
        use MeasureAttribute as A;
        if let (A::Until, Some(start), Some(until)) = (attribute, self.started_at, self.until)
            && until < start
        {
            return Err(MeasureError::EndsBeforeStart);
        }
        match attribute {
            A::Status | A::StartedAt => self.check_start_required()?,
            _ => {}
        }
        match attribute {
            A::Until | A::StartedAt | A::LastReassessment => self.check_huisverbod_end(),
            _ => Ok(()),
        }
    }

    /// No "opgelegd / ingegaan" without the moment it took effect, for the
    /// measures whose deadlines run from it (`MeasureKind::requires_start`).
    fn check_start_required(&self) -> Result<(), MeasureError> {
        if self.status == MeasureStatus::Imposed && self.kind.requires_start() && self.started_at.is_none() {
            return Err(MeasureError::StartRequired { kind: self.kind });
        }
        Ok(())
    }

    /// "in beginsel tien dagen" (002 l.559–560): a later end only with a
    /// recorded extension. The seeds name no maximum for an extension, so
    /// none is enforced here (see `HUISVERBOD_DAYS`).
    fn check_huisverbod_end(&self) -> Result<(), MeasureError> {
        if self.kind == MeasureKind::TijdelijkHuisverbod
            && let (Some(start), Some(until)) = (self.started_at, self.until)
            && until > start + Duration::days(HUISVERBOD_DAYS)
            && !self.extended()
        {
            return Err(MeasureError::HuisverbodBeyondTenDays);
        }
        Ok(())
    }

    /// "Tot" without a known start, against what the case knows (issue 17
    /// §1): a measure agreed in this case cannot end before the case was
    /// opened, and a huisverbod's start lies no later than its recording
    /// (`check_start`), so without an extension its end lies at most
    /// "in beginsel tien dagen" (002 l.559–560) after the moment recorded
    /// (one minute of slack, as for the start). With a start,
    /// `check_after` judges the end against it.
    pub fn check_until(&self, opened_at: DateTime<Utc>, at: DateTime<Utc>) -> Result<(), MeasureError> {
        let Some(until) = self.until else {
            return Ok(());
        };
        if self.started_at.is_some() {
            return Ok(());
        }
        if until < opened_at {
            return Err(MeasureError::EndsBeforeCase);
        }
        if self.kind == MeasureKind::TijdelijkHuisverbod
            && until > at + Duration::days(HUISVERBOD_DAYS) + Duration::minutes(1)
            && !self.extended()
        {
            return Err(MeasureError::HuisverbodBeyondTenDays);
        }
        Ok(())
    }

    /// The rules that need the moment of recording as well: a measure
    /// cannot have taken effect after it was recorded (a later start would
    /// move every deadline later). One minute of slack for a time typed to
    /// the minute.
    pub fn validate_at(&self, at: DateTime<Utc>) -> Result<(), MeasureError> {
        self.validate()?;
        check_start(self.started_at, at)
    }

    /// Whether a re-assessment decided to extend the measure, the last one
    /// or an earlier one.
    pub fn extended(&self) -> bool {
        self.extension_decided
            || self
                .last_reassessment
                .as_ref()
                .is_some_and(|r| r.outcome == ReassessmentOutcome::Extend)
    }

    /// Until when the measure runs: as agreed, or as the rules give it.
    pub fn effective_until(&self) -> Option<DateTime<Utc>> {
        self.until
            .or_else(|| Some(self.started_at? + self.kind.default_duration()?))
    }

    pub fn is_open(&self) -> bool {
        matches!(self.status, MeasureStatus::Agreed | MeasureStatus::Imposed)
    }
}
