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
