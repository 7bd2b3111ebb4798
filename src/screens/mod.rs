//! One module per screen.

pub mod actions;
pub mod case;
pub mod cases;
pub mod lead;
pub mod login;
pub mod pin;
pub mod step_handover;
pub mod step_measures;
pub mod step_motorkap;
pub mod step_onderzoek;
pub mod step_safety;
pub mod step_triage;
pub mod summary;

/// A UTC moment as read on scene (Europe/Amsterdam).
pub fn local(at: chrono::DateTime<chrono::Utc>) -> String {
    samenop_core::summary::local_time_text(at)
}
