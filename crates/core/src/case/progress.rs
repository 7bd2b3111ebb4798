//! Where a case stands: its status and the step bar.

use super::*;

impl CaseState {
    /// Where the case stands at `at`.
    pub fn status(&self, at: DateTime<Utc>) -> CaseStatus {
        let triage = self.triage(at).status;
        // Handed over while its assessment still stands: an answer made
        // "onbekend" again after the declaration reopens the assessment
        // (004 l.307: "wanneer de veiligheidsbeoordeling is gemaakt"), so the
        // case reads "nog niet beoordeeld" again, and no device or server
        // drops it as handed over, as an acute answer already did.
        if self.handover().declared_not_acute && matches!(triage, TriageStatus::NotAcute | TriageStatus::Contained) {
            return CaseStatus::HandedOver;
        }
        match triage {
            TriageStatus::Acute => CaseStatus::Acute,
            TriageStatus::Contained => CaseStatus::Contained,
            TriageStatus::Undetermined => CaseStatus::NotAssessed,
            // "Niet acuut" is VT's eerste veiligheidsbeoordeling (004 l.27,
            // l.450); answers that count nothing are not that yet. Until VT
            // confirms, the case reads "nog niet beoordeeld", never a green
            // "niet acuut" (regression, UX review stop 36: the header showed
            // "✓ niet acuut" beside "Nog niet bevestigd door Veilig Thuis").
            TriageStatus::NotAcute if !self.safety_assessment().is_complete() => CaseStatus::NotAssessed,
            TriageStatus::NotAcute => CaseStatus::NotAcute,
        }
    }

    /// Organisations on scene, in the order they first wrote.
    pub fn organisations(&self) -> Vec<Organisation> {
        let mut out: Vec<Organisation> = Vec::new();
        for p in &self.participants {
            if !out.contains(&p.actor.organisation) {
                out.push(p.actor.organisation);
            }
        }
        out
    }

    /// The step bar: what is open per step and where attention is needed.
    pub fn progress(&self, at: DateTime<Utc>) -> [StepProgress; 5] {
        let safety = self.safety();
        let rules_attention = safety
            .rules()
            .iter()
            .any(|r| matches!(r.status, RuleStatus::Blocking | RuleStatus::Broken));
        let triage = self.triage(at);
        let measures = self.measures();
        // A measure's own first contact is optional: the eerste
        // aanspreekpunt voor het totaal aan veiligheidsmaatregelen is what
        // counts (004 l.302), once measures are agreed or needed.
        let needs_measures = matches!(triage.status, TriageStatus::Acute | TriageStatus::Contained);
        let open_measure_points = measures
            .iter()
            .filter(|m| m.is_open())
            .map(|m| usize::from(m.effective_until().is_none()))
            .sum::<usize>()
            + usize::from((needs_measures || !measures.is_empty()) && self.agreement().first_contact.is_none());
        let handover = self.handover();
        let blockers = handover.blockers(&triage).len();
        let motorkap_open = usize::from(self.shared.is_empty());
        let child_prompts = self.child_prompts();
        [
            StepProgress {
                step: Step::FysiekeVeiligheid,
                open: safety.open_items().len(),
                attention: rules_attention,
            },
            // Step 2 holds VT's eerste veiligheidsbeoordeling, the Bijlage II
            // triage (004 l.27): its open questions count here.
            StepProgress {
                step: Step::Motorkapoverleg,
                open: motorkap_open + triage.open_criteria.len() + triage.missing.len(),
                attention: triage.is_acute(),
            },
            // Step 3: the children prompts still open; a required one (the
            // forensic examination of an injured child, 004 l.278) needs
            // attention.
            StepProgress {
                step: Step::Onderzoek,
                open: child_prompts.iter().filter(|(_, done)| !done).count(),
                attention: child_prompts.iter().any(|(p, done)| p.required && !done),
            },
            StepProgress {
                step: Step::Veiligheidsmaatregelen,
                open: open_measure_points + usize::from(measures.is_empty() && needs_measures),
                attention: !self.conflicts().is_empty(),
            },
            StepProgress {
                step: Step::NietMeerAcuut,
                open: blockers,
                attention: false,
            },
        ]
    }
}
