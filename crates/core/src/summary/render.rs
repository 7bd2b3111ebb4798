//! The on-scene summary as text, section by section.

use super::*;

/// One section of the text per method, in reading order.
impl OnSceneSummary {
    /// Status, report, nature, children and who is on scene.
    pub(super) fn write_header(&self, t: &mut String, lang: Lang) {
        let _ = writeln!(
            t,
            "{} — {}",
            text(lang, "summary-on_scene_summary"),
            self.status.label(lang)
        );
        if let Some(o) = &self.opening {
            let _ = writeln!(
                t,
                "{}: {} ({}){}",
                text(lang, "summary-report"),
                local_time_text(o.reported_at),
                o.source.label(lang),
                if o.address_hint.is_empty() {
                    String::new()
                } else {
                    format!(", {}", o.address_hint)
                }
            );
        }
        if let Some(n) = self.nature {
            let _ = writeln!(t, "{}: {}", text(lang, "summary-nature"), n.label(lang));
        }
        let _ = writeln!(
            t,
            "{}: {}",
            text(lang, "field_key-children_present"),
            self.children_present.label(lang)
        );
        let people: Vec<String> = self
            .participants
            .iter()
            .map(|p| format!("{} ({})", p.actor.display_name, p.actor.organisation.label(lang)))
            .collect();
        let _ = writeln!(t, "{}: {}", text(lang, "summary-on_scene"), people.join(", "));
    }

    /// What happened when, and the checklist rules that need attention.
    pub(super) fn write_timeline(&self, t: &mut String, lang: Lang) {
        let _ = writeln!(t, "\n{}", text(lang, "summary-timeline"));
        for e in &self.timeline {
            let by = e.by.as_deref().map(|b| format!(" — {b}")).unwrap_or_default();
            let received = e.received_text(lang);
            let _ = writeln!(t, "- {} {}{}{}", local_time_text(e.at), e.kind.text(lang), by, received);
        }
        for r in &self.safety_rules {
            match r.status {
                RuleStatus::Blocking => {
                    let _ = writeln!(t, "! {}: {}", text(lang, "summary-attention"), r.rule.label(lang));
                }
                RuleStatus::Broken => {
                    let _ = writeln!(t, "! {}: {}", text(lang, "summary-not_followed"), r.rule.label(lang));
                }
                _ => {}
            }
        }
    }

    /// The triage: each answered criterion (counted ones marked), open questions, re-assessment moments, SASH, structural unsafety.
    /// Eergerelateerd geweld: the warnings, who threatens, each prompt with
    /// who ticked it when (or who does it when, while open), the opvang.
    pub(super) fn write_honour(&self, t: &mut String, lang: Lang) {
        let Some(h) = &self.honour else {
            return;
        };
        let _ = writeln!(t, "\n{}", text(lang, "honour-summary"));
        for w in &h.warnings {
            let _ = writeln!(t, "! {}", w.label(lang));
        }
        for kind in &h.network_held {
            let _ = writeln!(
                t,
                "! {}",
                crate::catalogue::fill(lang, "honour-network_held", &[("measure", &kind.label(lang))])
            );
        }
        if !h.threatened_by.is_empty() {
            let _ = writeln!(t, "{}: {}", text(lang, "field_key-network_threat"), h.threatened_by);
        }
        let _ = writeln!(
            t,
            "{}: {}",
            text(lang, "field_key-network_has_access"),
            h.network_has_access.label(lang)
        );
        for p in &h.prompts {
            match (&p.by, p.at) {
                (Some(by), Some(at)) => {
                    let _ = writeln!(
                        t,
                        "✓ {} ({}, {})",
                        p.prompt.label(lang),
                        by.display_name,
                        local_time_text(at)
                    );
                }
                _ => {
                    let _ = writeln!(
                        t,
                        "· {} — {}",
                        p.prompt.label(lang),
                        p.prompt.who_when(lang, &h.expertise_centre)
                    );
                }
            }
        }
        if let Some(d) = h.opvang {
            let _ = writeln!(t, "{}: {}", text(lang, "field_key-opvang_decision"), d.text(lang));
        }
    }

    pub(super) fn write_triage(&self, t: &mut String, lang: Lang) {
        // VT's eerste veiligheidsbeoordeling is part of step 2 (004 l.27):
        // until VT confirmed it (the derived exit condition), the outcome of
        // the answers is not yet VT's assessment, and the line says so.
        let confirmed = self
            .handover
            .exit_conditions
            .contains(&crate::handover::ExitCondition::SafetyAssessmentMade);
        let pending = if confirmed {
            String::new()
        } else {
            format!(" — {}", text(lang, "summary-assessment_not_confirmed"))
        };
        let _ = writeln!(
            t,
            "\n{} — {}: {}{pending}",
            Step::Motorkapoverleg.heading(lang),
            text(lang, "steps-first_safety_assessment"),
            self.triage.status.label(lang)
        );
        for line in self.criteria.iter().filter(|l| l.answer != Answer::Unknown) {
            let by = line
                .answered_by
                .as_ref()
                .map(|a| format!(" ({})", a.display_name))
                .unwrap_or_default();
            let counted = self.triage.acute_criteria.contains(&line.criterion.into());
            let mark = if counted { "*" } else { "-" };
            let _ = writeln!(
                t,
                "{mark} {}: {}{by}",
                line.criterion.label(lang),
                line.answer.label(lang)
            );
        }
        if self
            .triage
            .acute_criteria
            .contains(&crate::triage::AcuteReason::ProfessionalJudgement)
        {
            let _ = writeln!(t, "* {}", crate::triage::AcuteReason::ProfessionalJudgement.label(lang));
        }
        if !self.triage.open_criteria.is_empty() {
            let open: Vec<&str> = self.triage.open_criteria.iter().map(|c| c.label(lang)).collect();
            let _ = writeln!(t, "{}: {}", text(lang, "summary-still_unknown"), open.join(", "));
        }
        for m in &self.triage.missing {
            let _ = writeln!(t, "{}: {}", text(lang, "summary-missing"), m.label(lang));
        }
        for r in &self.triage.reassess_before {
            let _ = writeln!(t, "{}", r.label(lang));
        }
        for w in &self.triage.warnings {
            let _ = writeln!(t, "! {}", w.label(lang));
        }
        if let Some(level) = self.triage.sash_level {
            let _ = writeln!(t, "SASH: {}", level.label(lang));
        }
        if !self.structural.is_empty() {
            let cats: Vec<&str> = self.structural.iter().map(|c| c.label(lang)).collect();
            let _ = writeln!(t, "{}: {}", text(lang, "summary-structural_unsafety"), cats.join(", "));
        }
        self.write_structural_details(t, lang);
    }

    /// Information shared in the motorkapoverleg, each with its legal ground.
    pub(super) fn write_shared(&self, t: &mut String, lang: Lang) {
        if !self.shared.is_empty() {
            let _ = writeln!(t, "\n{}", text(lang, "summary-information_shared"));
            for s in &self.shared {
                let _ = writeln!(
                    t,
                    "- {} → {}: {} — {} [{}]",
                    s.record.from.label(lang),
                    s.record.to.label(lang),
                    s.record.category.label(lang),
                    s.record.summary,
                    s.record.ground_text(lang)
                );
            }
        }
    }

    /// The police's contacts with the OM (004 l.113): when, who, yes or no, what.
    pub(super) fn write_om_contacts(&self, t: &mut String, lang: Lang) {
        if self.om_contacts.is_empty() {
            return;
        }
        let _ = writeln!(t, "\n{}", text(lang, "summary-om_contacts"));
        for c in &self.om_contacts {
            let _ = writeln!(t, "- {}", c.contact.line(lang));
        }
    }

    /// The partners consulted (004 l.27): with whom, on what, the advice.
    pub(super) fn write_consultations(&self, t: &mut String, lang: Lang) {
        if self.consultations.is_empty() {
            return;
        }
        let _ = writeln!(t, "\n{}", text(lang, "summary-consultations"));
        for c in &self.consultations {
            let _ = writeln!(t, "- {}", c.consultation.line(lang));
        }
    }

    /// Step 3 (gezamenlijk) onderzoek (004 l.189–207): the points recorded,
    /// then the children prompts still open (required ones marked).
    pub(super) fn write_investigation(&self, t: &mut String, lang: Lang) {
        let open: Vec<_> = self.child_prompts.iter().filter(|(_, done)| !done).collect();
        if self.investigation.is_empty() && open.is_empty() {
            return;
        }
        let _ = writeln!(t, "\n{}", Step::Onderzoek.heading(lang));
        for (point, done, note) in &self.investigation {
            let mark = if *done { "✓" } else { "·" };
            if note.is_empty() {
                let _ = writeln!(t, "{mark} {}", point.label(lang));
            } else {
                let _ = writeln!(t, "{mark} {}: {note}", point.label(lang));
            }
        }
        for (prompt, _) in open {
            let required = if prompt.required {
                format!(" ({})", text(lang, "steps-required"))
            } else {
                String::new()
            };
            let _ = writeln!(
                t,
                "! {}: {}{required}",
                text(lang, "summary-still_unknown"),
                prompt.point.label(lang)
            );
        }
    }

    /// The measures with owner, deadlines, first point of contact and call rules.
    pub(super) fn write_measures(&self, t: &mut String, lang: Lang) {
        if !self.measures.is_empty() {
            let _ = writeln!(t, "\n{}", Step::Veiligheidsmaatregelen.heading(lang));
            for l in &self.measures {
                let m = &l.measure;
                let _ = writeln!(
                    t,
                    "- {} ({}) — {}: {} ({})",
                    m.kind.label(lang),
                    m.status.label(lang),
                    MeasureAttribute::Owner.label(lang),
                    m.owner.person,
                    m.owner.organisation.label(lang)
                );
                for d in &l.deadlines {
                    let _ = writeln!(t, "  {}: {}", d.kind.label(lang), local_time_text(d.due));
                }
                if let Some(c) = &m.first_contact {
                    let _ = writeln!(
                        t,
                        "  {}: {} ({}), {}",
                        MeasureAttribute::FirstContact.label(lang),
                        c.person,
                        c.organisation.label(lang),
                        c.phone
                    );
                }
                for r in &m.call_tree {
                    let _ = writeln!(t, "  {}", r.text(lang));
                }
            }
        }
    }

    /// The agreement for the whole case (004 l.302–303); its missing first
    /// point of contact is said, since handover waits for it.
    pub(super) fn write_agreement(&self, t: &mut String, lang: Lang) {
        let _ = writeln!(t, "\n{}", text(lang, "agreement-title"));
        let contact = match &self.agreement.first_contact {
            Some(c) => c.text(lang),
            None => text(lang, "agreement-none_yet").to_string(),
        };
        let _ = writeln!(t, "- {}: {contact}", text(lang, "field_key-case_first_contact"));
        let _ = writeln!(t, "- {}:", text(lang, "field_key-case_call_tree"));
        if self.agreement.call_tree.is_empty() {
            let _ = writeln!(t, "  {}", text(lang, "agreement-none_yet"));
        }
        for r in &self.agreement.call_tree {
            let _ = writeln!(t, "  {}", r.text(lang));
        }
    }

    /// Fields with conflicting entries and who wrote each.
    pub(super) fn write_conflicts(&self, t: &mut String, lang: Lang) {
        if !self.conflicts.is_empty() {
            let _ = writeln!(t, "\n{}", text(lang, "summary-conflicting_entries"));
            for c in &self.conflicts {
                let values: Vec<String> = c
                    .values
                    .iter()
                    .map(|v| format!("\"{}\" ({})", v.value.value_text(lang), v.author.display_name))
                    .collect();
                let _ = writeln!(
                    t,
                    "- {}: {}",
                    c.key.label(lang),
                    values.join(&format!(" {} ", text(lang, "summary-or")))
                );
            }
        }
    }

    /// Where follow-up lies, or what still blocks "niet meer acuut".
    pub(super) fn write_handover(&self, t: &mut String, lang: Lang) {
        let _ = writeln!(t, "\n{}", text(lang, "summary-handover"));
        self.write_handover_items(t, lang);
        if self.handover_blockers.is_empty() {
            let to: Vec<&str> = self.handover.handed_over_to.iter().map(|o| o.label(lang)).collect();
            let _ = writeln!(t, "{}: {}", text(lang, "handover_key-handed_over_to"), to.join(", "));
        } else {
            for b in &self.handover_blockers {
                let _ = writeln!(t, "- {}", b.text(lang));
            }
        }
    }
}
