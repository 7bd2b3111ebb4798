//! The catalogue of measures: legal frame, who advises, requests, imposes
//! and supervises, and the durations the law sets.

use super::*;

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
    /// Veiligheidsvoorwaarden, set by Veilig Thuis for the whole system,
    /// "ook indien er sprake is van strafrecht" (002 l.718–723): neither
    /// voluntary help nor a measure someone imposes.
    Veiligheidsvoorwaarden,
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
            // Their own group: VT sets them, also under criminal law (002 l.718–723).
            Self::Veiligheidsvoorwaarden => Framework::Veiligheidsvoorwaarden,
            Self::Veiligheidsafspraken | Self::Opvang => Framework::Vrijwillig,
        }
    }

    /// Who advises, requests, imposes and supervises. For a minor suspect
    /// the role of 3RO falls away: the RvdK advises and the execution is
    /// supervised by "OM, politie en of JR" (002 l.1214–1216, l.1258–1260);
    /// `for_minor` selects that.
    pub fn roles(self, for_minor: bool) -> MeasureRoles {
        let criminal = if for_minor {
            MeasureRoles {
                advises: &[O::Rvdk],
                supervises: &[O::Om, O::Police, O::Jeugdreclassering],
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
                // The mayor, or the police when mandated (002 l.566–567).
                imposes: &[O::Mayor, O::Police],
                supervises: &[O::Police],
            },
            Self::Ots | Self::OtsUithuisplaatsing => MeasureRoles {
                advises: &[O::Rvdk],
                requests: &[O::Rvdk, O::Om],
                imposes: &[O::Judiciary],
                // Safety before and during the RvdK's investigation lies with VT, GI
                // or the municipality (002 l.590–592); the app has no organisation
                // for the municipality.
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

    /// The organisations that may be recorded as the measure's owner: who
    /// imposes it or carries it out, never simply whoever records it.
    /// - Aanhouding: the police ("Verdachte wordt aangehouden (artikel 53
    ///   WvSv)", 002 l.1115).
    /// - Inverzekeringstelling: the OM decides ("moet het OM binnen 9 uur
    ///   besluiten of hij/zij in verzekering kan/moet worden gesteld", 002
    ///   l.452–453).
    /// - Voorgeleiding RC: requested by the OM, decided by the RC (002 l.457–458).
    /// - Strafrechtelijke maatregelen with conditions (schorsing VH, 509hh):
    ///   "opleggen (OM en of ZM) en (toezicht op de) uitvoering (OM, politie
    ///   en of 3RO)" (002 l.709–711); for a minor suspect JR in place of 3RO
    ///   (002 l.1258–1260), which `CaseState::measure_owners` offers.
    /// - Tijdelijk huisverbod: "uitgereikt door de burgemeester of door de
    ///   politie indien zij daartoe wordt gemandateerd" (002 l.566–567).
    /// - (V)OTS / machtiging UHP: "door de rechter … op verzoek van de RvdK
    ///   en op verzoek van de OvJ" (002 l.583–585): the court.
    /// - Veiligheidsvoorwaarden: set by VT, "ook indien er sprake is van
    ///   strafrecht" (002 l.718–719).
    /// - Opvang: "De vrouwenopvang zorgt waar nodig voor de opvang van
    ///   betrokkene" (000 l.642), besides VT and local care.
    /// - Otherwise who imposes, or, where nobody imposes, who carries it out.
    pub fn owner_organisations(self) -> &'static [Organisation] {
        match self {
            Self::Aanhouding | Self::WeghoudenArt3Pw => &[O::Police],
            Self::Inverzekeringstelling => &[O::Om],
            Self::VoorgeleidingRc => &[O::Om, O::Judiciary],
            Self::SchorsingVoorlopigeHechtenis => {
                &[O::Judiciary, O::Om, O::Police, O::Reclassering, O::Jeugdreclassering]
            }
            Self::Gedragsaanwijzing509hh => &[O::Om, O::Police, O::Reclassering, O::Jeugdreclassering],
            Self::TijdelijkHuisverbod => &[O::Mayor, O::Police],
            Self::Ots | Self::OtsUithuisplaatsing => &[O::Judiciary],
            Self::BewakenEnBeveiligen => &[O::Om, O::BewakenBeveiligen, O::Police],
            Self::Veiligheidsvoorwaarden => &[O::VeiligThuis],
            Self::Veiligheidsafspraken => &[O::VeiligThuis, O::LocalCare, O::Network],
            Self::Opvang => &[O::VeiligThuis, O::LocalCare, O::Opvang],
        }
    }

    /// Whether the measure may only be recorded as opgelegd / ingegaan with
    /// the moment it took effect: every deadline of these measures runs from
    /// that moment. The OvJ decides "binnen 9 uur na aanhouding" (002 l.20,
    /// l.452); the inverzekeringstelling lasts "maximaal 6 dagen (doorgaans 3
    /// dagen)" (002 l.453–454); the huisverbod runs "in beginsel tien dagen"
    /// (002 l.559–560). Without the moment the deadline would be a guess.
    pub fn requires_start(self) -> bool {
        matches!(
            self,
            Self::Aanhouding | Self::Inverzekeringstelling | Self::TijdelijkHuisverbod
        )
    }

    /// The arrest and what follows it in criminal procedure until the OvJ or
    /// the court decides: inverzekeringstelling, voorgeleiding, schorsing
    /// (002 l.20, l.449–454). Recorded, their deadlines and the re-assessment
    /// before release are on the board (`HandoverBlocker::ArrestNotRecorded`).
    pub fn follows_arrest(self) -> bool {
        matches!(
            self,
            Self::Aanhouding | Self::Inverzekeringstelling | Self::VoorgeleidingRc | Self::SchorsingVoorlopigeHechtenis
        )
    }

    /// Whether the measure keeps the suspect away from the victim, so that
    /// its end, suspension or the suspect's release changes access and asks
    /// for a new assessment first: "Er moet bij een wijziging van de
    /// mogelijkheden tot het krijgen van toegang tot het (toekomstige)
    /// slachtoffer dus altijd opnieuw een afweging worden gemaakt", e.g.
    /// "Voorafgaand aan het vrijlaten van een verdachte (… of na
    /// afloop/schorsing van een vrijheidsbeperkende maatregel, waaronder
    /// contact-, locatie- en/of gebiedsverboden)" (002 l.1095–1106); art 3 Pw
    /// and the arrest are the ways acute unsafety is lifted (002 l.1112–1115).
    pub fn limits_access(self) -> bool {
        matches!(
            self,
            Self::Aanhouding
                | Self::Inverzekeringstelling
                | Self::VoorgeleidingRc
                | Self::SchorsingVoorlopigeHechtenis
                | Self::Gedragsaanwijzing509hh
                | Self::TijdelijkHuisverbod
                | Self::WeghoudenArt3Pw
        )
    }

    /// Whether the measure can carry bijzondere voorwaarden.
    pub fn takes_conditions(self) -> bool {
        matches!(self, Self::SchorsingVoorlopigeHechtenis | Self::Gedragsaanwijzing509hh)
    }

    /// Conditions this measure may carry: 509hh is limited to area and
    /// contact bans, reporting and assisted care (002 l.1597–1623), and a
    /// locatieverbod, which 002 names "ihkv 509hh" (l.1128) and records in
    /// its own ex-partner stalking case (l.3701–3702); refusing it would
    /// keep a measure the OvJ imposed out of the case.
    pub fn allowed_conditions(self) -> &'static [SpecialCondition] {
        use SpecialCondition as C;
        match self {
            Self::Gedragsaanwijzing509hh => &[
                C::Gebiedsverbod,
                C::Contactverbod,
                C::Locatieverbod,
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

/// How long before a moment a re-assessment counts for it, and how early
/// the huisverbod's extension decision is prompted (a day before day 10).
/// The seeds give no figure; 24 hours is the board's "due" window
/// (`board::DUE_WITHIN_HOURS`), so the prompt is on the board from day 8
/// and a re-assessment days earlier does not silence it.
pub const REASSESSMENT_WINDOW_HOURS: i64 = 24;
