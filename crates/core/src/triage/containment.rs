//! What a contained case rests on: the answers evaluated again without
//! one way of lifting the acute unsafety. Step 5 reads it
//! (`crate::handover::Handover::blockers`): art 3 Pw ends when the police
//! leave (002 l.1112-1113), an arrest when the OvJ decides (002 l.20,
//! l.449-450), and oversight by third parties lifts it only with a plan
//! (002 l.1121-1123).

use super::{LiftingRoute, TriageInput, evaluate};
use crate::answer::Answer;

/// For a contained case: whether it would be acute without each way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct RestsOn {
    pub(super) police_presence: bool,
    pub(super) arrest: bool,
    pub(super) oversight: bool,
}

impl RestsOn {
    /// `input` evaluated as contained, with `third_party_oversight` as the
    /// evaluation found it. Each nested evaluation has one way fewer (a
    /// route gone, or no oversight), so the recursion ends.
    pub(super) fn of(input: &TriageInput, third_party_oversight: bool) -> Self {
        let lifted = |route: LiftingRoute| input.lifted_by.contains(&route);
        let police_presence = lifted(LiftingRoute::KeptAwayArt3Pw)
            && evaluate(&without_route(input, LiftingRoute::KeptAwayArt3Pw)).is_acute();
        // Without the routes that take his access away: an arrest beside
        // art 3 Pw still rests on the arrest once the police leave.
        let arrest = lifted(LiftingRoute::ArrestedArt53Sv)
            && evaluate(&without_route(
                &without_route(input, LiftingRoute::ArrestedArt53Sv),
                LiftingRoute::KeptAwayArt3Pw,
            ))
            .is_acute();
        let oversight = third_party_oversight && {
            let mut without = without_route(input, LiftingRoute::PlanWithOversight);
            without.third_party_oversight = Answer::No;
            evaluate(&without).is_acute()
        };
        Self {
            police_presence,
            arrest,
            oversight,
        }
    }
}

/// The same answers with one lifting route taken away: what the status
/// would be once it no longer holds.
fn without_route(input: &TriageInput, route: LiftingRoute) -> TriageInput {
    let mut out = input.clone();
    out.lifted_by.retain(|r| *r != route);
    out
}
