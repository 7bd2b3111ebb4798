//! The register an assignment writes to (`FieldKey`), and what it is
//! called on screen, so a conflict says what it is about.

use super::*;

/// Which register an assignment writes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKey {
    Safety(SafetyItem),
    ChildrenPresent,
    Nature,
    Criterion(Criterion),
    RelationshipEndedOn,
    SuspectHasAccess,
    ThirdPartyOversight,
    NetworkHasAccess,
    LiftingRoute(LiftingRoute),
    ProfessionalJudgement,
    Sash(SashItem),
    SashAssessorLevel,
    Structural(StructuralCategory),
    Investigation(InvestigationPoint),
    Measure(MeasureId, MeasureAttribute),
    Handover(HandoverKey),
    SafetyAssessmentConfirmed,
    SuspectIsMinor,
    ChildInjury,
    CaseFirstContact,
    CaseCallTree,
    HonourBased,
    NetworkThreat,
    VictimIsMinor,
    HonourPrompt(HonourPrompt),
    OpvangDecision,
    StructuralSubItem(StructuralSubItem),
    StructuralOther,
}

impl Label for FieldKey {
    /// What the field is called on screen, so a conflict says what it is about.
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            Self::Safety(item) => item.label(lang),
            Self::ChildrenPresent => text(lang, "field_key-children_present"),
            Self::Nature => text(lang, "field_key-nature"),
            Self::Criterion(c) => c.label(lang),
            Self::RelationshipEndedOn => text(lang, "field_key-relationship_ended_on"),
            Self::SuspectHasAccess => text(lang, "field_key-suspect_has_access"),
            Self::ThirdPartyOversight => text(lang, "field_key-third_party_oversight"),
            Self::NetworkHasAccess => text(lang, "field_key-network_has_access"),
            Self::LiftingRoute(r) => r.label(lang),
            Self::ProfessionalJudgement => text(lang, "field_key-professional_judgement"),
            Self::Sash(item) => item.label(lang),
            Self::SashAssessorLevel => text(lang, "field_key-sash_assessor_level"),
            Self::Structural(c) => c.label(lang),
            Self::Investigation(p) => p.label(lang),
            Self::Measure(_, attribute) => attribute.label(lang),
            Self::Handover(key) => match key {
                HandoverKey::ExitCondition(c) => c.label(lang),
                HandoverKey::HandedOverTo => text(lang, "handover_key-handed_over_to"),
                HandoverKey::WarmHandover => text(lang, "handover_key-warm_handover"),
                HandoverKey::ResponseMode => text(lang, "handover_key-response_mode"),
                HandoverKey::UsefulInformation => text(lang, "handover_key-useful_information"),
                HandoverKey::MissingInformation => text(lang, "handover_key-missing_information"),
                HandoverKey::Declared => text(lang, "handover_key-declared"),
                HandoverKey::VtReport => text(lang, "handover_key-vt_report"),
                HandoverKey::ChildCareReports => text(lang, "handover_key-child_care_reports"),
                HandoverKey::RecordedInOwnSystem(_) => text(lang, "handover_key-recorded_in_own_system"),
                HandoverKey::VictimInformed => text(lang, "handover_key-victim_informed"),
                HandoverKey::StructuralHandedOverTo => text(lang, "handover_key-structural_handed_over_to"),
                HandoverKey::AddedValue => text(lang, "handover_key-added_value"),
            },
            Self::SafetyAssessmentConfirmed => text(lang, "field_key-safety_assessment_confirmed"),
            Self::SuspectIsMinor => text(lang, "field_key-suspect_is_minor"),
            Self::ChildInjury => text(lang, "field_key-child_injury"),
            Self::CaseFirstContact => text(lang, "field_key-case_first_contact"),
            Self::CaseCallTree => text(lang, "field_key-case_call_tree"),
            Self::HonourBased => text(lang, "field_key-honour_based"),
            Self::NetworkThreat => text(lang, "field_key-network_threat"),
            Self::VictimIsMinor => text(lang, "field_key-victim_is_minor"),
            Self::HonourPrompt(p) => p.label(lang),
            Self::OpvangDecision => text(lang, "field_key-opvang_decision"),
            Self::StructuralSubItem(item) => item.label(lang),
            Self::StructuralOther => text(lang, "field_key-structural_other"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HandoverKey {
    ExitCondition(ExitCondition),
    HandedOverTo,
    WarmHandover,
    ResponseMode,
    UsefulInformation,
    MissingInformation,
    Declared,
    VtReport,
    ChildCareReports,
    RecordedInOwnSystem(crate::actor::Organisation),
    VictimInformed,
    StructuralHandedOverTo,
    AddedValue,
}
