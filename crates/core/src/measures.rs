//! Veiligheidsmaatregelen: the catalogue of measures with who advises,
//! requests, imposes and supervises each (002 l.330–611, 709–711,
//! 1508–1623), and the measure as agreed on scene in step 4 with the
//! toolkit's discussion points (004 l.296–303).

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};
use uuid::Uuid;

use crate::actor::Organisation;
use crate::lang::{Label, Lang};

mod agreed;
mod change;
mod conditions;
mod deadlines;
mod kind;

pub use agreed::*;
pub use change::*;
pub use conditions::*;
pub use deadlines::*;
pub use kind::*;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn owner() -> MeasureOwner {
        MeasureOwner {
            organisation: Organisation::Police,
            person: "Agent T. Test".into(),
        }
    }

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, h, 0, 0).single().unwrap_or_default()
    }

    #[test]
    fn huisverbod_ends_ten_days_after_it_was_served() {
        let mut m = AgreedMeasure::new(MeasureId(Uuid::nil()), MeasureKind::TijdelijkHuisverbod, owner());
        m.started_at = Some(at(14));
        assert_eq!(m.effective_until(), Some(at(14) + Duration::days(10)));
        // The extension decision is prompted a day before day 10 (002 l.560).
        assert_eq!(
            m.deadlines(),
            vec![
                Deadline {
                    kind: DeadlineKind::ExtensionDecision,
                    due: at(14) + Duration::days(9)
                },
                Deadline {
                    kind: DeadlineKind::HuisverbodEnds,
                    due: at(14) + Duration::days(10)
                },
            ]
        );
    }

    #[test]
    fn an_agreed_end_date_overrides_the_rule() {
        let mut m = AgreedMeasure::new(MeasureId(Uuid::nil()), MeasureKind::TijdelijkHuisverbod, owner());
        m.started_at = Some(at(14));
        m.until = Some(at(14) + Duration::days(8)); // lifted early
        assert_eq!(m.effective_until(), m.until);
    }

    #[test]
    fn arrest_gives_the_ovj_nine_hours() {
        let mut m = AgreedMeasure::new(MeasureId(Uuid::nil()), MeasureKind::Aanhouding, owner());
        m.started_at = Some(at(1));
        let d = m.deadlines();
        assert_eq!(
            d[0],
            Deadline {
                kind: DeadlineKind::OvjDecision,
                due: at(10)
            }
        );
        // Release by the OvJ returns access: re-assess first (002 l.1103).
        assert_eq!(
            d[1],
            Deadline {
                kind: DeadlineKind::ReassessBeforeAccess,
                due: at(10)
            }
        );
    }

    #[test]
    fn no_start_no_derived_deadline() {
        let m = AgreedMeasure::new(MeasureId(Uuid::nil()), MeasureKind::TijdelijkHuisverbod, owner());
        assert!(m.deadlines().is_empty());
    }

    #[test]
    fn deadlines_are_ordered_earliest_first() {
        let mut m = AgreedMeasure::new(MeasureId(Uuid::nil()), MeasureKind::TijdelijkHuisverbod, owner());
        m.started_at = Some(at(1));
        m.reassess_at = Some(at(20));
        let d = m.deadlines();
        assert_eq!(d[0].kind, DeadlineKind::Reassessment);
        assert_eq!(d[1].kind, DeadlineKind::ExtensionDecision);
        assert_eq!(d[2].kind, DeadlineKind::HuisverbodEnds);
    }

    #[test]
    fn gedragsaanwijzing_509hh_allows_only_its_own_conditions() {
        let mut m = AgreedMeasure::new(MeasureId(Uuid::nil()), MeasureKind::Gedragsaanwijzing509hh, owner());
        m.conditions = vec![SpecialCondition::Contactverbod, SpecialCondition::Gebiedsverbod];
        assert!(m.validate().is_ok());
        m.conditions.push(SpecialCondition::Schadevergoeding);
        assert_eq!(
            m.validate(),
            Err(MeasureError::ConditionNotAllowed {
                kind: MeasureKind::Gedragsaanwijzing509hh,
                condition: SpecialCondition::Schadevergoeding
            })
        );
    }

    #[test]
    fn owner_person_is_required() {
        let mut m = AgreedMeasure::new(MeasureId(Uuid::nil()), MeasureKind::Opvang, owner());
        m.owner.person = "  ".into();
        assert_eq!(m.validate(), Err(MeasureError::Empty { field: "owner.person" }));
    }

    #[test]
    fn criminal_measures_are_advised_by_3ro_and_by_the_rvdk_for_minors() {
        let adult = MeasureKind::SchorsingVoorlopigeHechtenis.roles(false);
        assert_eq!(adult.advises, &[Organisation::Reclassering]);
        assert_eq!(adult.requests, &[Organisation::Om]);
        assert_eq!(adult.imposes, &[Organisation::Judiciary]);
        let minor = MeasureKind::SchorsingVoorlopigeHechtenis.roles(true);
        assert_eq!(minor.advises, &[Organisation::Rvdk]);
    }

    #[test]
    fn huisverbod_is_imposed_by_the_mayor_and_ots_by_the_court_on_request_of_the_rvdk() {
        assert!(
            MeasureKind::TijdelijkHuisverbod
                .roles(false)
                .imposes
                .contains(&Organisation::Mayor)
        );
        let ots = MeasureKind::OtsUithuisplaatsing.roles(true);
        assert_eq!(ots.imposes, &[Organisation::Judiciary]);
        assert!(ots.requests.contains(&Organisation::Rvdk));
    }

    #[test]
    fn safety_conditions_belong_to_veilig_thuis() {
        let roles = MeasureKind::Veiligheidsvoorwaarden.roles(false);
        assert_eq!(roles.imposes, &[Organisation::VeiligThuis]);
        assert_eq!(
            MeasureKind::Veiligheidsvoorwaarden.framework(),
            Framework::Veiligheidsvoorwaarden
        );
    }

    #[test]
    fn every_measure_has_a_framework_and_a_label() {
        for kind in MeasureKind::VARIANTS.iter().copied() {
            assert!(!kind.label(Lang::Nl).is_empty());
            let _ = kind.framework();
        }
    }
}
