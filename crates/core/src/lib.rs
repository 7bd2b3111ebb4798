//! SamenOp core: the rules of *Samen op in acuut* as pure Rust — no IO, no
//! UI. The field app and the server both call this crate and never
//! re-implement a protocol rule.

pub mod actor;
pub mod answer;
pub mod board;
pub mod case;
pub mod catalogue;
pub mod device;
pub mod evaluation;
pub mod event;
pub mod handover;
pub mod hlc;
pub mod lang;
pub mod measures;
pub mod sash;
pub mod sharing;
pub mod steps;
pub mod summary;
pub mod synthetic;
pub mod triage;
pub mod wire;

pub use actor::{Actor, Organisation, Role};
pub use answer::Answer;
pub use case::{CaseState, CaseStatus, Conflict};
pub use device::Device;
pub use event::{Assignment, CaseId, DeviceId, Event, EventError, EventId, EventKind, FieldKey};
pub use hlc::{Hlc, HlcClock};
pub use lang::{Label, Lang, Vocabulary};
pub use strum::VariantArray;
pub use summary::OnSceneSummary;
pub use triage::{TriageInput, TriageOutcome, TriageStatus, evaluate};
