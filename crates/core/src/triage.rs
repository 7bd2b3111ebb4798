//! Acute-safety triage after Bijlage II of the VT & ZSM bundle (002
//! l.1050–1202): *welke gevallen* (the criteria), *op welke momenten* (the
//! suspect's access and the lack of oversight) and *hoe opheffen* (the
//! lifting routes). Also the structural-unsafety categories, which are kept
//! apart from the acute criteria.
//!
//! The input and output types are the exact JSON contract of
//! `samenop-server triage`; the app builds the same input from case events.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

use crate::answer::Answer;
use crate::catalogue::text;
use crate::lang::{Label, Lang};
use crate::sash::{SashAnswers, SashLevel};

mod containment;
mod questions;
mod structural;
pub use questions::*;
pub use structural::*;

/// The triage question set, exactly as the contract reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriageInput {
    pub assessed_at: DateTime<Utc>,
    #[serde(default)]
    pub criteria: CriteriaAnswers,
    #[serde(default)]
    pub relationship_ended_on: Option<NaiveDate>,
    #[serde(default)]
    pub suspect_has_access: Answer,
    #[serde(default)]
    pub third_party_oversight: Answer,
    #[serde(default)]
    pub lifted_by: Vec<LiftingRoute>,
    #[serde(default)]
    pub professional_judgement: Option<ProfessionalJudgement>,
    #[serde(default)]
    pub sash: Option<SashAnswers>,
    /// The case is honour-based violence: the suspect's network (family)
    /// may act as well (002 l.358-365: "het te verwachten gedrag van
    /// verdachte en of het netwerk (bijvoorbeeld bij eer gerelateerd geweld)").
    #[serde(default)]
    pub honour_based: bool,
    /// Whether the suspect's network has access to the victim. `None` when
    /// not asked: then it counts as access only in an honour-based case.
    /// `null` is not an answer (an input error, like in the other answers).
    #[serde(default, deserialize_with = "some_answer", skip_serializing_if = "Option::is_none")]
    pub network_has_access: Option<Answer>,
}

/// Reads a present `network_has_access` as `Some(answer)`; `null` is refused.
fn some_answer<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Option<Answer>, D::Error> {
    Answer::deserialize(de).map(Some)
}

impl TriageInput {
    /// An empty assessment at `assessed_at`: every criterion onbekend.
    pub fn new(assessed_at: DateTime<Utc>) -> Self {
        Self {
            assessed_at,
            criteria: CriteriaAnswers::default(),
            relationship_ended_on: None,
            suspect_has_access: Answer::Unknown,
            third_party_oversight: Answer::Unknown,
            lifted_by: Vec::new(),
            professional_judgement: None,
            sash: None,
            honour_based: false,
            network_has_access: None,
        }
    }

    pub fn answer(&self, criterion: Criterion) -> Answer {
        self.criteria.get(criterion)
    }

    /// Parses the contract's JSON. Errors name the offending field.
    pub fn from_json(json: &str) -> Result<Self, TriageInputError> {
        let mut de = serde_json::Deserializer::from_str(json);
        let input: Self = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let message = e.inner().to_string();
            TriageInputError::Malformed {
                field: field_of(&e.path().to_string(), &message),
                message,
            }
        })?;
        de.end().map_err(|e| TriageInputError::Malformed {
            field: ".".into(),
            message: e.to_string(),
        })?;
        input.validate()?;
        Ok(input)
    }

    /// Checks what types alone cannot: a reason with every acute judgement,
    /// and a breakup date that is not after the assessment.
    pub fn validate(&self) -> Result<(), TriageInputError> {
        if let Some(judgement) = &self.professional_judgement
            && judgement.acute
            && judgement.reason.trim().is_empty()
        {
            return Err(TriageInputError::Invalid {
                field: "professional_judgement.reason",
                message: "an acute professional judgement needs a written reason".into(),
            });
        }
        if let Some(ended) = self.relationship_ended_on
            && ended > local_date(self.assessed_at)
        {
            return Err(TriageInputError::Invalid {
                field: "relationship_ended_on",
                message: format!("{ended} lies after the date of assessed_at"),
            });
        }
        Ok(())
    }
}

/// The field an error is about. serde reports a missing field at its
/// parent's path, so the missing field's name is added from the message.
fn field_of(path: &str, message: &str) -> String {
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    match (path, missing) {
        (".", Some(name)) => name.to_string(),
        (_, Some(name)) => format!("{path}.{name}"),
        _ => path.to_string(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TriageInputError {
    #[error("invalid triage input at `{field}`: {message}")]
    Malformed { field: String, message: String },
    #[error("invalid triage input at `{field}`: {message}")]
    Invalid { field: &'static str, message: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum TriageStatus {
    /// Acuut onveilig: a criterion counts, the suspect has access, nobody else has eyes on it.
    Acute,
    /// A criterion counts, but access is cut off or third parties have oversight.
    Contained,
    /// Nothing counts yet, but at least one criterion is still unanswered
    /// (onbekend): the case cannot be called "niet acuut" yet. Protects the
    /// victim: Bijlage II (002 l.1061-1087) names the cases that are acute,
    /// and an open criterion may be one of them.
    Undetermined,
    /// Nothing counts and all ten criteria are answered.
    NotAcute,
}

crate::lang::vocabulary!(TriageStatus, "triage_status");

/// *Op welke momenten*: when the triage must be done again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum ReassessMoment {
    /// Before deciding whether to arrest the suspect.
    ArrestDecision,
    /// Before releasing the suspect (also after a ban ends or is suspended).
    ReleaseOfSuspect,
    /// Before the police leave, when the suspect is kept away under art 3
    /// Pw: that lasts only while the police stay ("onder begeleiding van
    /// politie weggehouden", 002 l.1112-1113), and a change in access always
    /// asks for a new assessment (002 l.1095-1096).
    PoliceDeparture,
}

crate::lang::vocabulary!(ReassessMoment, "reassess_moment");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum TriageWarning {
    /// A "not acute" judgement was given while criteria count; it was ignored.
    DowngradeIgnored,
    /// The suspect is held: no release without (legal) safety measures.
    NoReleaseWithoutSafetyMeasures,
    /// Intimate terror answered "yes", but the breakup lies outside the
    /// "recent (tot 2 weken geleden)" window of A6 (002 l.1074): it does not
    /// count. The seeds give no other route for this case; to protect the
    /// victim the app prompts to consider stalking (A8, 002 l.1081-1084),
    /// the SASH (002 l.1665-1695) or professional judgement.
    #[serde(rename = "breakup_outside_14_days")]
    BreakupOutside14Days,
}

crate::lang::vocabulary!(TriageWarning, "triage_warning");

/// Information the triage needed but did not get.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum MissingInfo {
    RelationshipEndedOn,
}

crate::lang::vocabulary!(MissingInfo, "missing_info");

/// The result of a triage: the contract's output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TriageOutcome {
    pub status: TriageStatus,
    pub acute_criteria: Vec<AcuteReason>,
    pub open_criteria: Vec<Criterion>,
    pub suspect_has_access: bool,
    /// The suspect's network has access (see `TriageInput::network_has_access`).
    pub network_has_access: bool,
    pub third_party_oversight: bool,
    pub reassess_before: Vec<ReassessMoment>,
    pub warnings: Vec<TriageWarning>,
    pub missing: Vec<MissingInfo>,
    pub sash_level: Option<SashLevel>,
    /// Extra: days between the breakup and the assessment date, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakup_days_ago: Option<i64>,
    /// Contained only because the police keep the suspect away (art 3 Pw):
    /// without that route the case would be acute. Art 3 Pw lasts only
    /// while the police stay ("onder begeleiding van politie weggehouden",
    /// 002 l.1112-1113), so step 5 cannot rest on it
    /// (`HandoverBlocker::RestsOnPolicePresence`). Not part of the triage
    /// contract's output (README): the app and the server read it here.
    #[serde(skip)]
    pub rests_on_police_presence: bool,
    /// Contained because the suspect is arrested (art 53 Sv): without the
    /// routes that take his access away the case would be acute. An arrest
    /// holds until the OvJ decides (002 l.20, l.452) and a suspect with acute
    /// unsafety is not released without safety measures (002 l.449-450), so
    /// step 5 asks for the arrest to be recorded as a measure, which puts
    /// the OvJ's decision and the re-assessment before release on the board
    /// (`HandoverBlocker::ArrestNotRecorded`). Not serialised, as above.
    #[serde(skip)]
    pub rests_on_arrest: bool,
    /// Contained only because third parties keep an eye: without that
    /// oversight the case would be acute. Lifting acute unsafety that way
    /// takes "een plan … ter waarborging van de directe veiligheid én …
    /// zicht op de veiligheid door derden" (002 l.1121-1123), so step 5 asks
    /// for the plan as an agreed measure (`HandoverBlocker::OversightWithoutPlan`).
    /// Not serialised, as above.
    #[serde(skip)]
    pub rests_on_oversight: bool,
}

impl TriageOutcome {
    pub fn is_acute(&self) -> bool {
        self.status == TriageStatus::Acute
    }
}

pub use crate::local_time::local_date;

/// Applies the Bijlage II rules. Infallible: inputs from the contract are
/// validated first (`TriageInput::validate`); inside the app a value that
/// would not validate is read the safe way (a future breakup date counts).
pub fn evaluate(input: &TriageInput) -> TriageOutcome {
    let mut acute_criteria = Vec::new();
    let mut open_criteria = Vec::new();
    let mut missing = Vec::new();
    let mut warnings = Vec::new();
    let mut breakup_days_ago = None;

    for criterion in Criterion::VARIANTS.iter().copied() {
        match input.answer(criterion) {
            Answer::Unknown => open_criteria.push(criterion),
            Answer::No => {}
            Answer::Yes if criterion == Criterion::IntimateTerrorRecentBreakup => {
                match input.relationship_ended_on {
                    None => {
                        // Without the date we cannot rule it out: count it, and ask.
                        missing.push(MissingInfo::RelationshipEndedOn);
                        acute_criteria.push(criterion.into());
                    }
                    Some(ended) => {
                        let days = (local_date(input.assessed_at) - ended).num_days();
                        breakup_days_ago = Some(days);
                        if days <= RECENT_BREAKUP_DAYS {
                            acute_criteria.push(criterion.into());
                        } else {
                            // Answered, outside A6's window (002 l.1074): not
                            // open, does not count, and the app prompts.
                            warnings.push(TriageWarning::BreakupOutside14Days);
                        }
                    }
                }
            }
            Answer::Yes => acute_criteria.push(criterion.into()),
        }
    }

    if input.professional_judgement.as_ref().is_some_and(|j| j.acute) {
        acute_criteria.push(AcuteReason::ProfessionalJudgement);
    }
    // A high SASH counts (002 l.1693-1695: "dan moeten alle alarmbellen gaan
    // rinkelen en moet er actie worden ondernomen"; a decisive indicator makes
    // the level high automatically). The seed says so for the two decisive
    // indicators; that the assessor's own "hoog" counts as well is our choice
    // to protect the victim (the SASH weighs "de urgentie van de zaak",
    // 002 l.1670-1671).
    let sash_level = input.sash.as_ref().and_then(SashAnswers::level);
    if sash_level == Some(SashLevel::High) {
        acute_criteria.push(AcuteReason::SashHigh);
    }
    if input.professional_judgement.as_ref().is_some_and(|j| !j.acute) && !acute_criteria.is_empty() {
        warnings.push(TriageWarning::DowngradeIgnored);
    }

    // Safety first: only a clear "no" removes access, only a clear "yes"
    // gives oversight. Arrest and art 3 Pw lift only the suspect's access.
    let lifted = |route: LiftingRoute| input.lifted_by.contains(&route);
    let access_removed = LiftingRoute::VARIANTS
        .iter()
        .copied()
        .any(|r| r.removes_access() && lifted(r));
    let suspect_has_access = input.suspect_has_access != Answer::No && !access_removed;
    let network_has_access = network_access(input);
    // The route is "een plan ... én er is zicht op de veiligheid door
    // derden" (002 l.1121-1123): with oversight recorded as "nee" its
    // second half is not met, so an explicit "nee" wins over the route.
    let third_party_oversight = input.third_party_oversight == Answer::Yes
        || (lifted(LiftingRoute::PlanWithOversight) && input.third_party_oversight != Answer::No);

    let something_counts = !acute_criteria.is_empty();
    let status = if !something_counts {
        if open_criteria.is_empty() {
            TriageStatus::NotAcute
        } else {
            TriageStatus::Undetermined
        }
    } else if (suspect_has_access || network_has_access) && !third_party_oversight {
        TriageStatus::Acute
    } else {
        TriageStatus::Contained
    };

    let mut reassess_before = Vec::new();
    if status == TriageStatus::Acute {
        reassess_before.push(ReassessMoment::ArrestDecision);
    }
    // Before the suspect's access returns (a release, the police leaving)
    // the case is weighed again (002 l.1095-1106), also while the
    // assessment is not complete: for an arrested suspect it must be clear
    // "binnen zes of negen uur" whether acute unsafety exists (002
    // l.443-444), so an open criterion is no reason to let the moment pass
    // unasked. Asking it while undetermined is our reading, to protect the
    // victim. The warning against release without measures stays with a
    // case where acute unsafety exists (002 l.449-450).
    let weigh_again = something_counts || status == TriageStatus::Undetermined;
    if weigh_again && lifted(LiftingRoute::ArrestedArt53Sv) {
        reassess_before.push(ReassessMoment::ReleaseOfSuspect);
        if something_counts {
            warnings.push(TriageWarning::NoReleaseWithoutSafetyMeasures);
        }
    }
    if weigh_again && lifted(LiftingRoute::KeptAwayArt3Pw) {
        reassess_before.push(ReassessMoment::PoliceDeparture);
    }
    let rests = if status == TriageStatus::Contained {
        containment::RestsOn::of(input, third_party_oversight)
    } else {
        containment::RestsOn::default()
    };

    TriageOutcome {
        status,
        acute_criteria,
        open_criteria,
        suspect_has_access,
        network_has_access,
        third_party_oversight,
        reassess_before,
        warnings,
        missing,
        sash_level,
        breakup_days_ago,
        rests_on_police_presence: rests.police_presence,
        rests_on_arrest: rests.arrest,
        rests_on_oversight: rests.oversight,
    }
}

/// Whether the suspect's network has access to the victim (002 l.358-365:
/// the danger may come from "verdachte en of het netwerk (bijvoorbeeld bij
/// eer gerelateerd geweld)"; Bijlage II's access test, 002 l.1091-1093).
/// In an honour-based case a missing or "unknown" answer counts as access;
/// otherwise a missing answer is no access (the question was not asked). An
/// explicit "unknown" counts as access in every case: the seeds are silent,
/// and safety first protects the victim (as for the suspect's access).
fn network_access(input: &TriageInput) -> bool {
    match input.network_has_access {
        Some(Answer::Yes | Answer::Unknown) => true,
        Some(Answer::No) => false,
        None => input.honour_based,
    }
}
