//! Changes to one attribute of an agreed measure (one register each).

use super::*;

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
    Reassessed { reassessment: Option<Reassessment> },
    Compliance { compliance: Option<Compliance> },
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
    LastReassessment,
    Compliance,
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
            Self::Reassessed { .. } => MeasureAttribute::LastReassessment,
            Self::Compliance { .. } => MeasureAttribute::Compliance,
        }
    }

    /// The changes that together describe an agreed measure; a
    /// `MeasureAgreed` event writes all of them at once.
    pub fn all_of(m: &AgreedMeasure) -> [MeasureChange; 11] {
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
            Self::Reassessed {
                reassessment: m.last_reassessment.as_deref().cloned(),
            },
            Self::Compliance {
                compliance: m.compliance.as_deref().cloned(),
            },
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
        if let Self::Owner { owner } = self
            && !kind.owner_organisations().contains(&owner.organisation)
        {
            return Err(MeasureError::OwnerNotAllowed {
                kind,
                organisation: owner.organisation,
            });
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
            Self::Reassessed { reassessment: Some(r) } => check_text("owner.person", &r.by.person, true),
            Self::Compliance { compliance: Some(c) } => check_text("compliance.on_breach", &c.on_breach, true),
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
            Self::Reassessed { reassessment } => m.last_reassessment = reassessment.map(Box::new),
            Self::Compliance { compliance } => m.compliance = compliance.map(Box::new),
        }
    }
}
