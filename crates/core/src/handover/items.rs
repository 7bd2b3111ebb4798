//! The handover's items: one register each (`Assignment::Handover`).

use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

use super::{ExitCondition, ResponseMode};
use crate::actor::Organisation;
use crate::answer::Answer;
use crate::sharing::InfoCategory;

/// The handover fields, one register each.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "item", rename_all = "snake_case", deny_unknown_fields)]
pub enum HandoverItem {
    ExitCondition {
        condition: ExitCondition,
        met: bool,
    },
    /// Where follow-up lies (own systems, VT follow-up, ZSM, lokaal veld…).
    HandedOverTo {
        organisations: Vec<Organisation>,
    },
    /// Warm handover: phoned before, full file, phoned after.
    WarmHandover {
        done: bool,
    },
    ResponseMode {
        mode: ResponseMode,
    },
    UsefulInformation {
        categories: Vec<InfoCategory>,
    },
    MissingInformation {
        categories: Vec<InfoCategory>,
    },
    /// The people on scene declare the case no longer acute.
    Declared {
        not_acute: bool,
    },
    /// The police made the VT-melding: "VT heeft de wettelijke opdracht om
    /// bij alle VT-meldingen van de politie een veiligheidsbeoordeling uit te
    /// voeren" (002 l.263); "bij een meerderjarige wordt een melding gedaan
    /// bij Veilig Thuis" (002 l.4432–4433).
    VtReport {
        done: bool,
    },
    /// The zorgmelding per child: "bij een minderjarige wordt een
    /// zorgmelding opgemaakt voor Veilig Thuis" (002 l.4431–4432; with
    /// children in the family, 002 l.594–596). One entry per child named on
    /// scene (the list's length is how many), true once made.
    ChildCareReports {
        reported: Vec<bool>,
    },
    /// The organisation recorded "de verzamelde informatie, bevindingen,
    /// onderzoeksresultaten en afspraken … in de eigen systemen" (004 l.377).
    RecordedInOwnSystem {
        organisation: Organisation,
        done: bool,
    },
    /// The victim was told of the measures and "waar en de wijze waarop een
    /// schending moet worden gemeld" (002 l.867–881).
    VictimInformed {
        done: bool,
    },
    /// Where the structural unsafety goes next: "actieoverleg, ZSM, de Zorg-
    /// en Veiligheidshuizen, MDA++" (004 l.377), so "vervolgstappen kunnen
    /// worden gezet voor het opheffen van de structurele onveiligheid" (004 l.147).
    StructuralHandedOverTo {
        forums: Vec<FollowUpForum>,
    },
    /// "Was samen optrekken van meerwaarde?" with a toelichting: the toolkit
    /// asks for "de aard van de meldingen waarin samen optrekken van
    /// meerwaarde was" (004 l.430).
    AddedValue {
        answer: Answer,
        #[serde(default)]
        explanation: String,
    },
}

/// The follow-up forums 004 l.377 names for the structural unsafety. GI and
/// SHN are organisations (`Organisation::Gi`, `Organisation::Shn`) and go in
/// `HandoverItem::HandedOverTo`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum FollowUpForum {
    Actieoverleg,
    Zsm,
    ZorgEnVeiligheidshuis,
    MdaPlusPlus,
}

crate::lang::vocabulary!(FollowUpForum, "follow_up_forum");
