//! Assignments: the single-valued fields of a case and their values in
//! words (the register each writes to: `field_key`).

use super::*;

/// The value of one single-valued field of a case. Concurrent assignments
/// to the same field are kept side by side as a conflict.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "field", rename_all = "snake_case", deny_unknown_fields)]
pub enum Assignment {
    Safety {
        item: SafetyItem,
        done: bool,
    },
    ChildrenPresent {
        answer: Answer,
    },
    Nature {
        nature: CaseNature,
    },
    Criterion {
        criterion: Criterion,
        answer: Answer,
    },
    RelationshipEndedOn {
        date: Option<NaiveDate>,
    },
    SuspectHasAccess {
        answer: Answer,
    },
    ThirdPartyOversight {
        answer: Answer,
    },
    /// Whether the suspect's network has access to the victim (002 l.358-365).
    NetworkHasAccess {
        answer: Answer,
    },
    LiftingRoute {
        route: LiftingRoute,
        applied: bool,
    },
    ProfessionalJudgement {
        judgement: Option<ProfessionalJudgement>,
    },
    Sash {
        item: SashItem,
        answer: Answer,
    },
    SashAssessorLevel {
        level: Option<SashLevel>,
    },
    Structural {
        category: StructuralCategory,
        answer: Answer,
    },
    Investigation {
        point: InvestigationPoint,
        done: bool,
        note: String,
    },
    Measure {
        measure_id: MeasureId,
        change: MeasureChange,
    },
    Handover {
        item: HandoverItem,
    },
    /// Veilig Thuis confirms the (eerste) veiligheidsbeoordeling: "In Samen
    /// op in acuut maakt Veilig Thuis op basis van de beschikbare informatie
    /// een eerste veiligheidsbeoordeling" (004 l.450; l.27). Written by a VT
    /// account on scene (`by_phone_with: None`), or by a police account when
    /// VT assessed by phone, naming the VT worker ("beoordeeld met VT
    /// (telefonisch)"; the phone route: 004 l.96, l.402, l.410). The rules are
    /// in `CaseState::admit_kind`; what it means in `CaseState::safety_assessment`.
    SafetyAssessmentConfirmed {
        #[serde(default)]
        by_phone_with: Option<String>,
    },
    /// Whether the suspect is a minor: then the RvdK advises instead of 3RO
    /// (002 l.1214–1217) and jeugdreclassering supervises (JR, 002
    /// l.1258–1260). See `CaseState::measure_roles`.
    SuspectIsMinor {
        answer: Answer,
    },
    /// Whether a child has visible or suspected injury: then a forensisch
    /// arts and Forensische Opsporing are required (004 l.278).
    ChildInjury {
        answer: Answer,
    },
    /// The eerste aanspreekpunt voor het totaal aan veiligheidsmaatregelen
    /// (004 l.302), for the whole case; see `crate::agreement`.
    CaseFirstContact {
        contact: Option<ContactPoint>,
    },
    /// Wie belt wie wanneer als er iets verandert in de mate van
    /// onveiligheid (004 l.303), for the whole case; see `crate::agreement`.
    CaseCallTree {
        rules: Vec<CallRule>,
    },
    /// The case is eergerelateerd geweld, flagged on scene (step 1/2); also
    /// true when the nature says so (`CaseState::is_honour_based`). Then the
    /// network counts as having access (002 l.358-365) and `crate::honour`
    /// applies.
    HonourBased {
        honour_based: bool,
    },
    /// Who in the network (family) threatens the victim, in a few words.
    NetworkThreat {
        who: String,
    },
    /// Whether the victim is a minor: then youth protection is prompted
    /// (000 l.632, l.336).
    VictimIsMinor {
        answer: Answer,
    },
    /// One EGG step done (`crate::honour::HonourPrompt`); who and when
    /// come from the event.
    HonourPrompt {
        prompt: HonourPrompt,
        done: bool,
    },
    /// Where the opvang takes the victim (000 l.273-274, l.642-643).
    OpvangDecision {
        decision: Option<OpvangDecision>,
    },
    /// One Bijlage II sub-item of structurele onveiligheid (002
    /// l.1147–1186), recorded or taken back.
    StructuralSubItem {
        item: StructuralSubItem,
        recorded: bool,
    },
    /// "anders, namelijk……" under Bijzondere vormen van geweld (002
    /// l.1187); empty takes it back.
    StructuralOther {
        text: String,
    },
}

impl Assignment {
    pub fn key(&self) -> FieldKey {
        match self {
            Self::Safety { item, .. } => FieldKey::Safety(*item),
            Self::ChildrenPresent { .. } => FieldKey::ChildrenPresent,
            Self::Nature { .. } => FieldKey::Nature,
            Self::Criterion { criterion, .. } => FieldKey::Criterion(*criterion),
            Self::RelationshipEndedOn { .. } => FieldKey::RelationshipEndedOn,
            Self::SuspectHasAccess { .. } => FieldKey::SuspectHasAccess,
            Self::ThirdPartyOversight { .. } => FieldKey::ThirdPartyOversight,
            Self::NetworkHasAccess { .. } => FieldKey::NetworkHasAccess,
            Self::LiftingRoute { route, .. } => FieldKey::LiftingRoute(*route),
            Self::ProfessionalJudgement { .. } => FieldKey::ProfessionalJudgement,
            Self::Sash { item, .. } => FieldKey::Sash(*item),
            Self::SashAssessorLevel { .. } => FieldKey::SashAssessorLevel,
            Self::Structural { category, .. } => FieldKey::Structural(*category),
            Self::Investigation { point, .. } => FieldKey::Investigation(*point),
            Self::Measure { measure_id, change } => FieldKey::Measure(*measure_id, change.attribute()),
            Self::Handover { item } => FieldKey::Handover(match item {
                HandoverItem::ExitCondition { condition, .. } => HandoverKey::ExitCondition(*condition),
                HandoverItem::HandedOverTo { .. } => HandoverKey::HandedOverTo,
                HandoverItem::WarmHandover { .. } => HandoverKey::WarmHandover,
                HandoverItem::ResponseMode { .. } => HandoverKey::ResponseMode,
                HandoverItem::UsefulInformation { .. } => HandoverKey::UsefulInformation,
                HandoverItem::MissingInformation { .. } => HandoverKey::MissingInformation,
                HandoverItem::Declared { .. } => HandoverKey::Declared,
                HandoverItem::VtReport { .. } => HandoverKey::VtReport,
                HandoverItem::ChildCareReports { .. } => HandoverKey::ChildCareReports,
                HandoverItem::RecordedInOwnSystem { organisation, .. } => {
                    HandoverKey::RecordedInOwnSystem(*organisation)
                }
                HandoverItem::VictimInformed { .. } => HandoverKey::VictimInformed,
                HandoverItem::StructuralHandedOverTo { .. } => HandoverKey::StructuralHandedOverTo,
                HandoverItem::AddedValue { .. } => HandoverKey::AddedValue,
            }),
            Self::SafetyAssessmentConfirmed { .. } => FieldKey::SafetyAssessmentConfirmed,
            Self::SuspectIsMinor { .. } => FieldKey::SuspectIsMinor,
            Self::ChildInjury { .. } => FieldKey::ChildInjury,
            Self::CaseFirstContact { .. } => FieldKey::CaseFirstContact,
            Self::CaseCallTree { .. } => FieldKey::CaseCallTree,
            Self::HonourBased { .. } => FieldKey::HonourBased,
            Self::NetworkThreat { .. } => FieldKey::NetworkThreat,
            Self::VictimIsMinor { .. } => FieldKey::VictimIsMinor,
            Self::HonourPrompt { prompt, .. } => FieldKey::HonourPrompt(*prompt),
            Self::OpvangDecision { .. } => FieldKey::OpvangDecision,
            Self::StructuralSubItem { item, .. } => FieldKey::StructuralSubItem(*item),
            Self::StructuralOther { .. } => FieldKey::StructuralOther,
        }
    }

    /// The value in words, for conflicts and the summary.
    pub fn value_text(&self, lang: Lang) -> String {
        let yes_no = |b: bool| if b { Answer::Yes } else { Answer::No }.label(lang).to_string();
        let orgs =
            |list: &[crate::actor::Organisation]| list.iter().map(|o| o.label(lang)).collect::<Vec<_>>().join(", ");
        let contact_text = |contact: Option<&ContactPoint>| match contact {
            Some(c) => c.text(lang),
            None => "—".to_string(),
        };
        let rules_text = |rules: &[CallRule]| rules.iter().map(|r| r.text(lang)).collect::<Vec<_>>().join("; ");
        let time = |t: &Option<DateTime<Utc>>| t.map(crate::local_time::local_time_text).unwrap_or_else(|| "—".into());
        match self {
            Self::Safety { done, .. }
            | Self::LiftingRoute { applied: done, .. }
            | Self::HonourBased { honour_based: done }
            | Self::HonourPrompt { done, .. } => yes_no(*done),
            Self::NetworkThreat { who } => who.clone(),
            Self::OpvangDecision { decision } => decision.map(|d| d.text(lang)).unwrap_or_else(|| "—".into()),
            Self::ChildrenPresent { answer }
            | Self::Criterion { answer, .. }
            | Self::SuspectHasAccess { answer }
            | Self::ThirdPartyOversight { answer }
            | Self::NetworkHasAccess { answer }
            | Self::SuspectIsMinor { answer }
            | Self::ChildInjury { answer }
            | Self::VictimIsMinor { answer }
            | Self::Sash { answer, .. }
            | Self::Structural { answer, .. } => answer.label(lang).to_string(),
            Self::Nature { nature } => nature.label(lang).to_string(),
            Self::RelationshipEndedOn { date } => date
                .map(|d| d.format("%d-%m-%Y").to_string())
                .unwrap_or_else(|| "—".into()),
            Self::ProfessionalJudgement { judgement } => match judgement {
                Some(j) if j.acute => format!("{}: {}", text(lang, "event-acute"), j.reason),
                Some(j) => format!("{}: {}", text(lang, "case_status-not_acute"), j.reason),
                None => "—".into(),
            },
            Self::SashAssessorLevel { level } => level.map(|l| l.label(lang)).unwrap_or("—").to_string(),
            Self::Investigation { done, note, .. } if note.is_empty() => yes_no(*done),
            Self::Investigation { done, note, .. } => format!("{} — {note}", yes_no(*done)),
            Self::Measure { change, .. } => match change {
                MeasureChange::Owner { owner } => {
                    format!("{} ({})", owner.person, owner.organisation.label(lang))
                }
                MeasureChange::StartedAt { at } | MeasureChange::Until { at } | MeasureChange::ReassessAt { at } => {
                    time(at)
                }
                MeasureChange::FirstContact { contact } => contact_text(contact.as_ref()),
                MeasureChange::CallTree { rules } => rules_text(rules),
                MeasureChange::Informs { rules } => rules.iter().map(|r| r.text(lang)).collect::<Vec<_>>().join("; "),
                MeasureChange::Conditions { conditions } => {
                    conditions.iter().map(|c| c.label(lang)).collect::<Vec<_>>().join(", ")
                }
                MeasureChange::Status { status } => status.label(lang).to_string(),
                MeasureChange::Reassessed { reassessment } => match reassessment {
                    Some(r) => r.text(lang),
                    None => "—".into(),
                },
                MeasureChange::Compliance { compliance } => match compliance {
                    Some(c) => c.text(lang),
                    None => "—".into(),
                },
            },
            Self::Handover { item } => match item {
                HandoverItem::ExitCondition { met: b, .. }
                | HandoverItem::WarmHandover { done: b }
                | HandoverItem::Declared { not_acute: b }
                | HandoverItem::VtReport { done: b }
                | HandoverItem::RecordedInOwnSystem { done: b, .. }
                | HandoverItem::VictimInformed { done: b } => yes_no(*b),
                HandoverItem::ChildCareReports { reported } => crate::handover::child_reports_text(reported, lang),
                HandoverItem::StructuralHandedOverTo { forums } => {
                    forums.iter().map(|f| f.label(lang)).collect::<Vec<_>>().join(", ")
                }
                HandoverItem::AddedValue { answer, explanation } if explanation.is_empty() => {
                    answer.label(lang).to_string()
                }
                HandoverItem::AddedValue { answer, explanation } => format!("{} — {explanation}", answer.label(lang)),
                HandoverItem::HandedOverTo { organisations } => orgs(organisations),
                HandoverItem::ResponseMode { mode } => mode.label(lang).to_string(),
                HandoverItem::UsefulInformation { categories } | HandoverItem::MissingInformation { categories } => {
                    categories.iter().map(|c| c.label(lang)).collect::<Vec<_>>().join(", ")
                }
            },
            Self::CaseFirstContact { contact } => contact_text(contact.as_ref()),
            Self::CaseCallTree { rules } => rules_text(rules),
            Self::StructuralSubItem { recorded, .. } => yes_no(*recorded),
            Self::StructuralOther { text } if text.is_empty() => "—".into(),
            Self::StructuralOther { text } => text.clone(),
            Self::SafetyAssessmentConfirmed { by_phone_with: None } => text(lang, "safety_assessment-on_scene").into(),
            Self::SafetyAssessmentConfirmed {
                by_phone_with: Some(name),
            } => crate::catalogue::fill(lang, "safety_assessment-by_phone_with", &[("name", name)]),
        }
    }

    pub(crate) fn validate(&self, at: DateTime<Utc>) -> Result<(), Refusal> {
        match self {
            Self::ProfessionalJudgement { judgement: Some(j) } => {
                if j.acute && j.reason.trim().is_empty() {
                    return Err(Refusal::ReasonRequired);
                }
                check_text("professional_judgement.reason", &j.reason, false)?;
            }
            Self::RelationshipEndedOn { date: Some(date) } if *date > local_date(at) => {
                return Err(Refusal::DateInFuture {
                    field: "relationship_ended_on",
                });
            }
            Self::Investigation { note, .. } => check_text("investigation.note", note, false)?,
            Self::NetworkThreat { who } => {
                crate::text::ShortText::check(who, false).map_err(|e| Refusal::of_text("network_threat.who", e))?
            }
            Self::Measure { change, .. } => {
                change.validate()?;
                if let MeasureChange::StartedAt { at: start } = change {
                    crate::measures::check_start(*start, at)?;
                }
            }
            Self::CaseFirstContact { contact: Some(c) } => {
                check_text("first_contact.person", &c.person, true)?;
                check_text("first_contact.phone", &c.phone, true)?;
            }
            Self::CaseCallTree { rules } => rules
                .iter()
                .try_for_each(|r| check_text("call_tree.when", &r.when, true))?,
            Self::StructuralOther { text } => {
                crate::text::ShortText::check(text, false).map_err(|e| Refusal::of_text("structural_other.text", e))?
            }
            // "Meerwaarde" asks for a toelichting when answered (004 l.430):
            // a bare yes/no says nothing the evaluation can use.
            Self::Handover {
                item: HandoverItem::AddedValue { answer, explanation },
            } => {
                if *answer != Answer::Unknown && explanation.trim().is_empty() {
                    return Err(Refusal::Empty {
                        field: "added_value.explanation",
                    });
                }
                crate::text::ShortText::check(explanation, false)
                    .map_err(|e| Refusal::of_text("added_value.explanation", e))?;
            }
            // A child's zorgmelding list is short; the count keeps a typo
            // from filling the screen.
            Self::Handover {
                item: HandoverItem::ChildCareReports { reported },
            } if reported.len() > crate::handover::MAX_CHILDREN => {
                return Err(Refusal::TooMany {
                    field: "child_care_reports".into(),
                    max: crate::handover::MAX_CHILDREN,
                });
            }
            Self::SafetyAssessmentConfirmed {
                by_phone_with: Some(name),
            } => crate::text::ShortText::check(name, false)
                .map_err(|e| Refusal::of_text("safety_assessment.by_phone_with", e))?,
            _ => {}
        }
        Ok(())
    }
}
