//! The case read as the protocol's questions: each answer, the triage
//! input, the checklist, the shared items, the measures and the handover,
//! as their registers currently hold them.

use super::*;

/// Whether `value` is the protective answer of its field: the one that
/// keeps a case acute. A Bijlage II criterion or the suspect's (or the
/// network's) access "ja"; third-party oversight "nee" (acute onveiligheid
/// "als verdachte toegang heeft … en er geen zicht is op de situatie door
/// derden", 002 l.1091–1093); no lifting route applied (l.1109–1134); an
/// acute professional judgement; not declared "niet meer acuut" (004 l.307).
/// Children present, a child injured, the victim a minor "ja": each brings
/// what protects a child (the zorgmelding, the kindcheck, the forensic
/// examination 004 l.278, youth protection 000 l.632), so another
/// organisation's "nee" does not quietly take it away (protocol review,
/// stop 36; the seeds are silent on who settles it: juridische toets nodig).
///
/// `schema`: the shape of the write that is judged. The children's answers
/// are protective from schema 5: a case declared before keeps the meaning
/// its events had (a downgrade then replaced the answer).
pub(crate) fn is_protective_in(value: &Assignment, schema: crate::event::Schema) -> bool {
    match value {
        Assignment::ChildrenPresent { answer }
        | Assignment::ChildInjury { answer }
        | Assignment::VictimIsMinor { answer } => schema >= crate::event::Schema::V5 && *answer == Answer::Yes,
        _ => is_protective(value),
    }
}

fn is_protective(value: &Assignment) -> bool {
    match value {
        Assignment::Criterion { answer, .. }
        | Assignment::SuspectHasAccess { answer }
        | Assignment::NetworkHasAccess { answer } => *answer == Answer::Yes,
        Assignment::ThirdPartyOversight { answer } => *answer == Answer::No,
        // Un-flagging EGG takes the network rule away (002 l.358-365): by
        // another organisation it stands as a conflict, not a quiet change.
        Assignment::HonourBased { honour_based } => *honour_based,
        Assignment::LiftingRoute { applied, .. } => !applied,
        Assignment::ProfessionalJudgement { judgement } => judgement.as_ref().is_some_and(|j| j.acute),
        Assignment::Handover {
            item: HandoverItem::Declared { not_acute },
        } => !not_acute,
        _ => false,
    }
}

/// Whether the earlier answer `old` of `old_org` holds against `new`
/// written by `new_org` that supersedes it: a safety downgrade (from the
/// protective answer to any other) by another organisation does not
/// replace the answer; both stay as a conflict that both see, until
/// someone of the first organisation settles it. Veilig Thuis makes the
/// eerste veiligheidsbeoordeling (004 l.27, l.450): police superseding VT's
/// "Vuurwapen: ja" with "nee" must not quietly make the case "niet acuut".
/// Shift leads do not settle it: only the professionals on scene write in a
/// case (`membership`; 004 l.27, 95-96), so a lead who sees the conflict
/// asks the organisation whose answer stands to settle it. Decided in the
/// sharing-and-access issue (14) as what protects the victim: the
/// protective answer stands until its own organisation changes it
/// (juridische toets nodig).
/// Judged by the rules of the new write's `schema` (`is_protective_in`).
pub(crate) fn holds_against(
    old: &Assignment,
    old_org: Organisation,
    new: &Assignment,
    new_org: Organisation,
    schema: crate::event::Schema,
) -> bool {
    old_org != new_org && is_protective_in(old, schema) && !is_protective_in(new, schema)
}

impl CaseState {
    /// The value the protocol reads for `key`: the protective one while
    /// values of the field stand in conflict, else the current one. An
    /// unsettled disagreement about safety counts as unsafe (where the
    /// seeds are silent, what protects the victim; juridische toets nodig).
    pub(crate) fn protocol_value(&self, key: &FieldKey) -> Option<&Assignment> {
        let register = self.registers.get(key)?;
        register
            .heads()
            .filter(|w| is_protective_in(&w.value, w.schema))
            .max_by_key(|w| (w.stamp, w.event))
            .or_else(|| register.current())
            .map(|w| &w.value)
    }

    pub(crate) fn answer(&self, key: FieldKey) -> Answer {
        match self.protocol_value(&key) {
            Some(
                Assignment::ChildrenPresent { answer }
                | Assignment::Criterion { answer, .. }
                | Assignment::SuspectHasAccess { answer }
                | Assignment::ThirdPartyOversight { answer }
                | Assignment::NetworkHasAccess { answer }
                | Assignment::SuspectIsMinor { answer }
                | Assignment::VictimIsMinor { answer }
                | Assignment::ChildInjury { answer }
                | Assignment::Sash { answer, .. }
                | Assignment::Structural { answer, .. },
            ) => *answer,
            _ => Answer::Unknown,
        }
    }

    pub fn children_present(&self) -> Answer {
        self.answer(FieldKey::ChildrenPresent)
    }

    /// Whether the suspect is a minor (002 l.1214–1217).
    pub fn suspect_is_minor(&self) -> Answer {
        self.answer(FieldKey::SuspectIsMinor)
    }

    /// Whether a child has visible or suspected injury (004 l.278).
    pub fn child_injury(&self) -> Answer {
        self.answer(FieldKey::ChildInjury)
    }

    /// The step 3 prompts about children: when children are present or it
    /// is not known (`crate::steps::child_prompts`), each with whether it is
    /// done.
    pub fn child_prompts(&self) -> Vec<(crate::steps::ChildPrompt, bool)> {
        crate::steps::child_prompts(self.children_present(), self.child_injury())
            .into_iter()
            .map(|p| (p, self.investigation_done(p.point)))
            .collect()
    }

    /// Whether an investigation point is recorded as done.
    pub fn investigation_done(&self, point: InvestigationPoint) -> bool {
        matches!(
            self.current(&FieldKey::Investigation(point)),
            Some(Assignment::Investigation { done: true, .. })
        )
    }

    pub fn nature(&self) -> Option<CaseNature> {
        match self.current(&FieldKey::Nature) {
            Some(Assignment::Nature { nature }) => Some(*nature),
            _ => None,
        }
    }

    pub fn criterion(&self, criterion: Criterion) -> Answer {
        self.answer(FieldKey::Criterion(criterion))
    }

    pub fn relationship_ended_on(&self) -> Option<NaiveDate> {
        match self.current(&FieldKey::RelationshipEndedOn) {
            Some(Assignment::RelationshipEndedOn { date }) => *date,
            _ => None,
        }
    }

    pub fn structural(&self) -> Vec<(StructuralCategory, Answer)> {
        StructuralCategory::VARIANTS
            .iter()
            .copied()
            .map(|c| (c, self.answer(FieldKey::Structural(c))))
            .collect()
    }

    pub fn investigation(&self) -> Vec<(InvestigationPoint, bool, String)> {
        InvestigationPoint::VARIANTS
            .iter()
            .copied()
            .map(|p| match self.current(&FieldKey::Investigation(p)) {
                Some(Assignment::Investigation { done, note, .. }) => (p, *done, note.clone()),
                _ => (p, false, String::new()),
            })
            .collect()
    }

    /// The SASH answers given so far, `None` while none is given.
    pub fn sash_answers(&self) -> Option<SashAnswers> {
        let mut sash = SashAnswers::default();
        let mut any_sash = false;
        for (key, register) in self
            .registers
            .range(FieldKey::Sash(crate::sash::SashItem::VARIANTS[0])..)
        {
            match (key, register.current().map(|w| &w.value)) {
                (FieldKey::Sash(item), Some(Assignment::Sash { answer, .. })) => {
                    sash.set(*item, *answer);
                    any_sash = true;
                }
                (FieldKey::SashAssessorLevel, Some(Assignment::SashAssessorLevel { level })) => {
                    sash.assessor_level = *level;
                    any_sash = true;
                }
                (FieldKey::Sash(_) | FieldKey::SashAssessorLevel, _) => {}
                _ => break,
            }
        }
        any_sash.then_some(sash)
    }

    /// The triage question set as answered in this case, assessed at `at`.
    ///
    /// A6's "recent (tot 2 weken geleden) verbroken relatie" (002 l.1074) is
    /// counted at the moment the breakup was assessed: when the criterion
    /// or the breakup date was last answered, not at `at`. Counted at `at`,
    /// a case acute on A6 alone turned "niet acuut" on day 15 while nobody
    /// changed an answer; a re-assessment that answers again moves the
    /// moment. The seed does not say from when; this reading protects the
    /// victim (juridische toets).
    pub fn triage_input(&self, at: DateTime<Utc>) -> TriageInput {
        let answered = [
            FieldKey::Criterion(Criterion::IntimateTerrorRecentBreakup),
            FieldKey::RelationshipEndedOn,
        ]
        .iter()
        .filter_map(|key| self.current_author(key).map(|(_, when)| when))
        .max();
        let assessed_at = answered.map_or(at, |when| when.min(at));
        let mut input = TriageInput::new(assessed_at);
        for c in Criterion::VARIANTS.iter().copied() {
            input.criteria.set(c, self.criterion(c));
        }
        input.relationship_ended_on = self.relationship_ended_on();
        input.suspect_has_access = self.answer(FieldKey::SuspectHasAccess);
        input.third_party_oversight = self.answer(FieldKey::ThirdPartyOversight);
        // The network (002 l.358-365): presumed to have access in an
        // honour-based case until someone answers "no"; asked, not presumed,
        // otherwise.
        input.honour_based = self.is_honour_based();
        input.network_has_access = match self.protocol_value(&FieldKey::NetworkHasAccess) {
            Some(Assignment::NetworkHasAccess { answer }) => Some(*answer),
            _ => None,
        };
        input.lifted_by = LiftingRoute::VARIANTS
            .iter()
            .copied()
            .filter(|r| {
                matches!(
                    self.protocol_value(&FieldKey::LiftingRoute(*r)),
                    Some(Assignment::LiftingRoute { applied: true, .. })
                )
            })
            .collect();
        if let Some(Assignment::ProfessionalJudgement { judgement }) =
            self.protocol_value(&FieldKey::ProfessionalJudgement)
        {
            input.professional_judgement = judgement.clone();
        }
        input.sash = self.sash_answers();
        input
    }

    /// The triage outcome at `at` (A6's 14 days are counted from when the
    /// breakup was answered, see `triage_input`).
    pub fn triage(&self, at: DateTime<Utc>) -> TriageOutcome {
        triage::evaluate(&self.triage_input(at))
    }

    pub fn safety(&self) -> SafetyChecklist {
        let mut list = SafetyChecklist::default();
        for item in crate::steps::SafetyItem::VARIANTS.iter().copied() {
            let key = FieldKey::Safety(item);
            // Unticked and ticked again keeps the first time it was ticked:
            // when VT was phoned is a protocol time (the evaluation counts
            // minutes from report to VT contact), a re-tick does not move it
            // (issue 17 §3). `CaseState::history` shows every tick.
            if let Some(register) = self.registers.get(&key)
                && let Some(w) = register.current()
                && matches!(w.value, Assignment::Safety { done: true, .. })
            {
                let first = register
                    .writes
                    .iter()
                    .filter(|w| matches!(w.value, Assignment::Safety { done: true, .. }))
                    .map(|w| w.stamp)
                    .min()
                    .unwrap_or(w.stamp);
                list.done.insert(item, first.to_utc());
            }
        }
        list
    }

    pub fn shared(&self) -> &[SharedItem] {
        &self.shared
    }

    pub fn measure_header(&self, id: &MeasureId) -> Option<&MeasureHeader> {
        self.measures.get(id)
    }

    /// When the answers on the suspect's access (his own or the network's)
    /// or on third-party oversight last changed, while no assessment since: "Er moet bij een wijziging
    /// van de mogelijkheden tot het krijgen van toegang tot het
    /// (toekomstige) slachtoffer dus altijd opnieuw een afweging worden
    /// gemaakt" (002 l.1095–1096; oversight, l.1091–1093).
    /// A veiligheidsbeoordeling confirmed at or after the change is that new
    /// afweging, so then nothing is owed.
    pub fn access_changed_at(&self) -> Option<DateTime<Utc>> {
        let changed = [
            FieldKey::SuspectHasAccess,
            FieldKey::NetworkHasAccess,
            FieldKey::ThirdPartyOversight,
        ]
        .iter()
        .filter_map(|k| self.current_author(k).map(|(_, at)| at))
        .max()?;
        let assessed = self
            .current_author(&FieldKey::SafetyAssessmentConfirmed)
            .is_some_and(|(_, at)| at >= changed);
        (!assessed).then_some(changed)
    }

    /// When the measure's status was last set (agreed, imposed, ended…).
    pub fn measure_status_since(&self, id: &MeasureId) -> Option<DateTime<Utc>> {
        self.current_author(&FieldKey::Measure(*id, MeasureAttribute::Status))
            .map(|(_, at)| at)
    }

    /// The agreed measures that count, each with its current attributes: a
    /// measure withdrawn as "foutief vastgelegd" counts nowhere (not in the
    /// board, the figures, the summary or the blockers; issue 17 §2).
    pub fn measures(&self) -> Vec<AgreedMeasure> {
        self.all_measures()
            .into_iter()
            .filter(|m| m.status != crate::measures::MeasureStatus::RecordedInError)
            .collect()
    }

    /// Every measure ever agreed, those recorded by mistake included: what
    /// step 4 lists (struck through with who and when).
    pub fn all_measures(&self) -> Vec<AgreedMeasure> {
        self.measures.keys().filter_map(|id| self.agreed_measure(id)).collect()
    }

    /// One measure as its fields stand now (`None`: not agreed here).
    pub(crate) fn agreed_measure(&self, id: &MeasureId) -> Option<AgreedMeasure> {
        let header = self.measures.get(id)?;
        let owner = MeasureOwner {
            organisation: header.agreed_by.organisation,
            person: header.agreed_by.display_name.clone(),
        };
        let mut m = AgreedMeasure::new(*id, header.kind, owner);
        // Any re-assessment in the field's history, not only the last one:
        // a later "voortzetten" does not undo an extension (002 l.559–560;
        // regression, protocol review stop 36: the huisverbod's extended end
        // was refused).
        m.extension_decided = self
            .registers
            .get(&FieldKey::Measure(*id, MeasureAttribute::LastReassessment))
            .is_some_and(|r| {
                r.writes.iter().any(|w| {
                    matches!(
                        &w.value,
                        Assignment::Measure {
                            change: MeasureChange::Reassessed { reassessment: Some(r) },
                            ..
                        } if r.outcome == crate::measures::ReassessmentOutcome::Extend
                    )
                })
            });
        // Its fields lie side by side in the registers (keys order by
        // measure, then attribute): one range, not a lookup per attribute
        // (the measures board's time, core bench). Applied in attribute
        // order, as before.
        let (first, last) = (
            MeasureAttribute::VARIANTS[0],
            MeasureAttribute::VARIANTS[MeasureAttribute::VARIANTS.len() - 1],
        );
        for (_, register) in self
            .registers
            .range(FieldKey::Measure(*id, first)..=FieldKey::Measure(*id, last))
        {
            if let Some(Assignment::Measure { change, .. }) = register.current().map(|w| &w.value) {
                change.apply_to(&mut m);
            }
        }
        Some(m)
    }
}
