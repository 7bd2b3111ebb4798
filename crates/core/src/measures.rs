//! Veiligheidsmaatregelen: the catalogue of measures with who advises,
//! requests, imposes and supervises each (002 l.330–611, 709–711,
//! 1508–1623), and the measure as agreed on scene in step 4 with the
//! toolkit's discussion points (004 l.296–303).

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};
use uuid::Uuid;

use crate::actor::Organisation;
use crate::lang::{Label, Lang};

/// The legal frame a measure comes from. Criminal law first where possible,
/// otherwise administrative or civil law (002 l.1517).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Framework {
    Strafrechtelijk,
    Bestuursrechtelijk,
    Civielrechtelijk,
    Politie,
    Vrijwillig,
}

crate::lang::vocabulary!(Framework, "framework");

/// The measures in the interventiepalet that SamenOp records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum MeasureKind {
    /// Aanhouding (art 53 Sv).
    Aanhouding,
    /// Inverzekeringstelling by the OvJ.
    Inverzekeringstelling,
    /// Voorgeleiding bij de rechter-commissaris.
    VoorgeleidingRc,
    /// Schorsing voorlopige hechtenis met bijzondere voorwaarden.
    SchorsingVoorlopigeHechtenis,
    /// Gedragsaanwijzing by the OvJ (art 509hh Sv).
    Gedragsaanwijzing509hh,
    /// Tijdelijk huisverbod (Wet tijdelijk huisverbod), in principle 10 days.
    TijdelijkHuisverbod,
    /// (Voorlopige) ondertoezichtstelling.
    Ots,
    /// (V)OTS with machtiging uithuisplaatsing.
    OtsUithuisplaatsing,
    /// Suspect kept away under police escort (art 3 Pw).
    WeghoudenArt3Pw,
    BewakenEnBeveiligen,
    Veiligheidsvoorwaarden,
    Veiligheidsafspraken,
    Opvang,
}

/// Who plays which part in a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MeasureRoles {
    pub advises: &'static [Organisation],
    pub requests: &'static [Organisation],
    pub imposes: &'static [Organisation],
    pub supervises: &'static [Organisation],
}

use Organisation as O;

/// Criminal measures: "adviseren (3RO), vorderen (OM), opleggen (OM en of
/// ZM) en (toezicht op de) uitvoering (OM, politie en of 3RO)" (002 l.709).
const CRIMINAL_ROLES: MeasureRoles = MeasureRoles {
    advises: &[O::Reclassering],
    requests: &[O::Om],
    imposes: &[O::Om, O::Judiciary],
    supervises: &[O::Om, O::Police, O::Reclassering],
};

impl MeasureKind {
    pub fn framework(self) -> Framework {
        match self {
            Self::Aanhouding
            | Self::Inverzekeringstelling
            | Self::VoorgeleidingRc
            | Self::SchorsingVoorlopigeHechtenis
            | Self::Gedragsaanwijzing509hh => Framework::Strafrechtelijk,
            Self::TijdelijkHuisverbod => Framework::Bestuursrechtelijk,
            Self::Ots | Self::OtsUithuisplaatsing => Framework::Civielrechtelijk,
            Self::WeghoudenArt3Pw | Self::BewakenEnBeveiligen => Framework::Politie,
            Self::Veiligheidsvoorwaarden | Self::Veiligheidsafspraken | Self::Opvang => Framework::Vrijwillig,
        }
    }

    /// Who advises, requests, imposes and supervises. For minors the RvdK
    /// advises instead of 3RO (002 l.1258); `for_minor` selects that.
    pub fn roles(self, for_minor: bool) -> MeasureRoles {
        let criminal = if for_minor {
            MeasureRoles {
                advises: &[O::Rvdk],
                ..CRIMINAL_ROLES
            }
        } else {
            CRIMINAL_ROLES
        };
        match self {
            Self::Aanhouding => MeasureRoles {
                advises: &[],
                requests: &[],
                imposes: &[O::Police],
                supervises: &[O::Om],
            },
            Self::Inverzekeringstelling => MeasureRoles {
                advises: &[],
                requests: &[O::Police],
                imposes: &[O::Om],
                supervises: &[O::Om],
            },
            Self::VoorgeleidingRc => MeasureRoles {
                advises: criminal.advises,
                requests: &[O::Om],
                imposes: &[O::Judiciary],
                supervises: &[O::Om],
            },
            Self::SchorsingVoorlopigeHechtenis => MeasureRoles {
                imposes: &[O::Judiciary],
                ..criminal
            },
            Self::Gedragsaanwijzing509hh => MeasureRoles {
                imposes: &[O::Om],
                ..criminal
            },
            Self::TijdelijkHuisverbod => MeasureRoles {
                advises: &[O::VeiligThuis],
                requests: &[O::Police],
                // The mayor, or the police when mandated (002 l.565).
                imposes: &[O::Mayor, O::Police],
                supervises: &[O::Police],
            },
            Self::Ots | Self::OtsUithuisplaatsing => MeasureRoles {
                advises: &[O::Rvdk],
                requests: &[O::Rvdk, O::Om],
                imposes: &[O::Judiciary],
                // Interim supervision by VT, GI or the municipality (002 l.600).
                supervises: &[O::Gi, O::VeiligThuis],
            },
            Self::WeghoudenArt3Pw => MeasureRoles {
                advises: &[],
                requests: &[],
                imposes: &[O::Police],
                supervises: &[O::Police],
            },
            Self::BewakenEnBeveiligen => MeasureRoles {
                advises: &[O::Police, O::VeiligThuis],
                requests: &[O::Om],
                imposes: &[O::Om],
                supervises: &[O::BewakenBeveiligen, O::Police],
            },
            // VT owns safety conditions, also when criminal law applies (002 l.718).
            Self::Veiligheidsvoorwaarden => MeasureRoles {
                advises: &[],
                requests: &[],
                imposes: &[O::VeiligThuis],
                supervises: &[O::VeiligThuis],
            },
            Self::Veiligheidsafspraken => MeasureRoles {
                advises: &[O::VeiligThuis],
                requests: &[],
                imposes: &[],
                supervises: &[O::VeiligThuis, O::LocalCare, O::Network],
            },
            Self::Opvang => MeasureRoles {
                advises: &[O::VeiligThuis],
                requests: &[O::VeiligThuis],
                imposes: &[],
                supervises: &[O::LocalCare],
            },
        }
    }

    /// How long the measure runs by rule, where a rule says so.
    pub fn default_duration(self) -> Option<Duration> {
        match self {
            Self::TijdelijkHuisverbod => Some(Duration::days(HUISVERBOD_DAYS)),
            // Usually 3 days; can be extended to 6 (002 l.454).
            Self::Inverzekeringstelling => Some(Duration::days(3)),
            _ => None,
        }
    }

    /// Whether the measure can carry bijzondere voorwaarden.
    pub fn takes_conditions(self) -> bool {
        matches!(self, Self::SchorsingVoorlopigeHechtenis | Self::Gedragsaanwijzing509hh)
    }

    /// Conditions this measure may carry: 509hh is limited to area and
    /// contact bans, reporting and assisted care (002 l.1597–1623).
    pub fn allowed_conditions(self) -> &'static [SpecialCondition] {
        use SpecialCondition as C;
        match self {
            Self::Gedragsaanwijzing509hh => &[
                C::Gebiedsverbod,
                C::Contactverbod,
                C::Meldplicht,
                C::BegeleidingHulpverlening,
            ],
            Self::SchorsingVoorlopigeHechtenis => SpecialCondition::VARIANTS,
            _ => &[],
        }
    }
}

crate::lang::vocabulary!(MeasureKind, "measure_kind");

/// Days a tijdelijk huisverbod runs "in beginsel" (002 l.560).
pub const HUISVERBOD_DAYS: i64 = 10;
/// The OvJ decides on custody within 9 hours of the arrest (002 l.452).
pub const OVJ_DECISION_HOURS: i64 = 9;

/// Bijzondere voorwaarden (002 Bijlage VIII, l.1563–1593).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum SpecialCondition {
    // Herstellende voorwaarden
    Schadevergoeding,
    Schadeherstel,
    Waarborgsom,
    StortingSchadefonds,
    // Vrijheidsbeperkende voorwaarden
    Contactverbod,
    Locatieverbod,
    Locatiegebod,
    Gebiedsverbod,
    Meldplicht,
    ElektronischeMonitoring,
    // Gedragsveranderende voorwaarden
    DrugsAlcoholverbod,
    KlinischeBehandeling,
    BegeleidWonen,
    Gedragsinterventie,
    BegeleidingHulpverlening,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionGroup {
    Herstellend,
    Vrijheidsbeperkend,
    Gedragsveranderend,
}

impl SpecialCondition {
    pub fn group(self) -> ConditionGroup {
        match self {
            Self::Schadevergoeding | Self::Schadeherstel | Self::Waarborgsom | Self::StortingSchadefonds => {
                ConditionGroup::Herstellend
            }
            Self::Contactverbod
            | Self::Locatieverbod
            | Self::Locatiegebod
            | Self::Gebiedsverbod
            | Self::Meldplicht
            | Self::ElektronischeMonitoring => ConditionGroup::Vrijheidsbeperkend,
            Self::DrugsAlcoholverbod
            | Self::KlinischeBehandeling
            | Self::BegeleidWonen
            | Self::Gedragsinterventie
            | Self::BegeleidingHulpverlening => ConditionGroup::Gedragsveranderend,
        }
    }
}

crate::lang::vocabulary!(SpecialCondition, "special_condition");

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

/// A change to one attribute of an agreed measure.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "attribute", rename_all = "snake_case", deny_unknown_fields)]
pub enum MeasureChange {
    Owner { owner: MeasureOwner },
    StartedAt { at: Option<DateTime<Utc>> },
    Until { at: Option<DateTime<Utc>> },
    ReassessAt { at: Option<DateTime<Utc>> },
    FirstContact { contact: Option<ContactPoint> },
    CallTree { rules: Vec<CallRule> },
    Informs { rules: Vec<InformRule> },
    Conditions { conditions: Vec<SpecialCondition> },
    Status { status: MeasureStatus },
}

/// The attribute a `MeasureChange` sets: one register per measure attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum MeasureAttribute {
    Owner,
    StartedAt,
    Until,
    ReassessAt,
    FirstContact,
    CallTree,
    Informs,
    Conditions,
    Status,
}

crate::lang::vocabulary!(MeasureAttribute, "measure_attribute");

impl MeasureChange {
    pub fn attribute(&self) -> MeasureAttribute {
        match self {
            Self::Owner { .. } => MeasureAttribute::Owner,
            Self::StartedAt { .. } => MeasureAttribute::StartedAt,
            Self::Until { .. } => MeasureAttribute::Until,
            Self::ReassessAt { .. } => MeasureAttribute::ReassessAt,
            Self::FirstContact { .. } => MeasureAttribute::FirstContact,
            Self::CallTree { .. } => MeasureAttribute::CallTree,
            Self::Informs { .. } => MeasureAttribute::Informs,
            Self::Conditions { .. } => MeasureAttribute::Conditions,
            Self::Status { .. } => MeasureAttribute::Status,
        }
    }

    /// The changes that together describe an agreed measure; a
    /// `MeasureAgreed` event writes all of them at once.
    pub fn all_of(m: &AgreedMeasure) -> [MeasureChange; 9] {
        [
            Self::Owner { owner: m.owner.clone() },
            Self::StartedAt { at: m.started_at },
            Self::Until { at: m.until },
            Self::ReassessAt { at: m.reassess_at },
            Self::FirstContact {
                contact: m.first_contact.clone(),
            },
            Self::CallTree {
                rules: m.call_tree.clone(),
            },
            Self::Informs {
                rules: m.informs.clone(),
            },
            Self::Conditions {
                conditions: m.conditions.clone(),
            },
            Self::Status { status: m.status },
        ]
    }

    /// Checks the texts of a change; whether conditions fit the measure's
    /// kind is checked when the change is folded into the case.
    /// Rules that need the measure's kind: its conditions must fit it.
    pub fn check_for(&self, kind: MeasureKind) -> Result<(), MeasureError> {
        if let Self::Conditions { conditions } = self
            && let Some(c) = conditions.iter().find(|c| !kind.allowed_conditions().contains(c))
        {
            return Err(MeasureError::ConditionNotAllowed { kind, condition: *c });
        }
        Ok(())
    }

    pub fn validate(&self) -> Result<(), MeasureError> {
        match self {
            Self::Owner { owner } => check_text("owner.person", &owner.person, true),
            Self::FirstContact { contact: Some(c) } => {
                check_text("first_contact.person", &c.person, true)?;
                check_text("first_contact.phone", &c.phone, true)
            }
            Self::CallTree { rules } => rules
                .iter()
                .try_for_each(|r| check_text("call_tree.when", &r.when, true)),
            Self::Informs { rules } => rules
                .iter()
                .try_for_each(|r| check_text("informs.informs", &r.informs, true)),
            _ => Ok(()),
        }
    }

    /// Applies this change to a measure.
    pub fn apply_to(&self, m: &mut AgreedMeasure) {
        match self.clone() {
            Self::Owner { owner } => m.owner = owner,
            Self::StartedAt { at } => m.started_at = at,
            Self::Until { at } => m.until = at,
            Self::ReassessAt { at } => m.reassess_at = at,
            Self::FirstContact { contact } => m.first_contact = contact,
            Self::CallTree { rules } => m.call_tree = rules,
            Self::Informs { rules } => m.informs = rules,
            Self::Conditions { conditions } => m.conditions = conditions,
            Self::Status { status } => m.status = status,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn owner() -> MeasureOwner {
        MeasureOwner {
            organisation: Organisation::Police,
            person: "Agent T. Test".into(),
        }
    }

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, h, 0, 0).single().unwrap_or_default()
    }

    #[test]
    fn huisverbod_ends_ten_days_after_it_was_served() {
        let mut m = AgreedMeasure::new(MeasureId(Uuid::nil()), MeasureKind::TijdelijkHuisverbod, owner());
        m.started_at = Some(at(14));
        assert_eq!(m.effective_until(), Some(at(14) + Duration::days(10)));
        assert_eq!(m.deadlines()[0].kind, DeadlineKind::HuisverbodEnds);
    }

    #[test]
    fn an_agreed_end_date_overrides_the_rule() {
        let mut m = AgreedMeasure::new(MeasureId(Uuid::nil()), MeasureKind::TijdelijkHuisverbod, owner());
        m.started_at = Some(at(14));
        m.until = Some(at(14) + Duration::days(28)); // extended huisverbod
        assert_eq!(m.effective_until(), m.until);
    }

    #[test]
    fn arrest_gives_the_ovj_nine_hours() {
        let mut m = AgreedMeasure::new(MeasureId(Uuid::nil()), MeasureKind::Aanhouding, owner());
        m.started_at = Some(at(1));
        let d = m.deadlines();
        assert_eq!(
            d[0],
            Deadline {
                kind: DeadlineKind::OvjDecision,
                due: at(10)
            }
        );
    }

    #[test]
    fn no_start_no_derived_deadline() {
        let m = AgreedMeasure::new(MeasureId(Uuid::nil()), MeasureKind::TijdelijkHuisverbod, owner());
        assert!(m.deadlines().is_empty());
    }

    #[test]
    fn deadlines_are_ordered_earliest_first() {
        let mut m = AgreedMeasure::new(MeasureId(Uuid::nil()), MeasureKind::TijdelijkHuisverbod, owner());
        m.started_at = Some(at(1));
        m.reassess_at = Some(at(20));
        let d = m.deadlines();
        assert_eq!(d[0].kind, DeadlineKind::Reassessment);
        assert_eq!(d[1].kind, DeadlineKind::HuisverbodEnds);
    }

    #[test]
    fn gedragsaanwijzing_509hh_allows_only_its_own_conditions() {
        let mut m = AgreedMeasure::new(MeasureId(Uuid::nil()), MeasureKind::Gedragsaanwijzing509hh, owner());
        m.conditions = vec![SpecialCondition::Contactverbod, SpecialCondition::Gebiedsverbod];
        assert!(m.validate().is_ok());
        m.conditions.push(SpecialCondition::Schadevergoeding);
        assert_eq!(
            m.validate(),
            Err(MeasureError::ConditionNotAllowed {
                kind: MeasureKind::Gedragsaanwijzing509hh,
                condition: SpecialCondition::Schadevergoeding
            })
        );
    }

    #[test]
    fn owner_person_is_required() {
        let mut m = AgreedMeasure::new(MeasureId(Uuid::nil()), MeasureKind::Opvang, owner());
        m.owner.person = "  ".into();
        assert_eq!(m.validate(), Err(MeasureError::Empty { field: "owner.person" }));
    }

    #[test]
    fn criminal_measures_are_advised_by_3ro_and_by_the_rvdk_for_minors() {
        let adult = MeasureKind::SchorsingVoorlopigeHechtenis.roles(false);
        assert_eq!(adult.advises, &[Organisation::Reclassering]);
        assert_eq!(adult.requests, &[Organisation::Om]);
        assert_eq!(adult.imposes, &[Organisation::Judiciary]);
        let minor = MeasureKind::SchorsingVoorlopigeHechtenis.roles(true);
        assert_eq!(minor.advises, &[Organisation::Rvdk]);
    }

    #[test]
    fn huisverbod_is_imposed_by_the_mayor_and_ots_by_the_court_on_request_of_the_rvdk() {
        assert!(
            MeasureKind::TijdelijkHuisverbod
                .roles(false)
                .imposes
                .contains(&Organisation::Mayor)
        );
        let ots = MeasureKind::OtsUithuisplaatsing.roles(true);
        assert_eq!(ots.imposes, &[Organisation::Judiciary]);
        assert!(ots.requests.contains(&Organisation::Rvdk));
    }

    #[test]
    fn safety_conditions_belong_to_veilig_thuis() {
        let roles = MeasureKind::Veiligheidsvoorwaarden.roles(false);
        assert_eq!(roles.imposes, &[Organisation::VeiligThuis]);
        assert_eq!(MeasureKind::Veiligheidsvoorwaarden.framework(), Framework::Vrijwillig);
    }

    #[test]
    fn every_measure_has_a_framework_and_a_label() {
        for kind in MeasureKind::VARIANTS.iter().copied() {
            assert!(!kind.label(Lang::Nl).is_empty());
            let _ = kind.framework();
        }
    }
}
